// bench-ladder: how long RTMP Doctor's whole diagnosis takes on loopback,
// next to the give-up times of the clients a broadcaster already has
// (rtmpdump, ffmpeg), in three situations: a healthy nginx-rtmp, the same
// server behind a port that drops every packet, and a server that accepts
// and then never says a word. Prints a Markdown report; see bench/README.md.

#include "engine/diagnosticplan.h"
#include "figures.h"
#include "idleplayserver.h"
#include "ladderrun.h"
#include "loopbackdrop.h"
#include "nginxrtmpfixture.h"
#include "probe/handshakeprobe.h"
#include "scriptedpeer.h"
#include "testtools.h"
#include "toolruns.h"
#include "url/ingesturl.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QFile>
#include <QSysInfo>
#include <QTextStream>
#include <QThread>

#include <chrono>
#include <cstdio>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace rd::bench {
namespace {

// A stand-in key: the bench never shows it (URLs are printed as <url>).
const QString kStreamKey = u"benchkey"_s;
constexpr std::chrono::milliseconds kLadderWatchdog = 120s;
constexpr int kEnoughProbesForAFullLadder = 8;
// ffmpeg's start-up (lavfi, codecs) is real work: five side by side on two
// busy cores each took up to a second longer, so only runs that end at a cap
// of the bench, or in rtmpdump's own kernel/socket timeout (a small C
// program that just waits), share the time.
const QString kPacingNote =
    u"Runs one after another, except the rtmpdump rows and the ffmpeg row without `-rw_timeout`: their "
    "runs start side by side, since they only wait (for a SYN-ACK or for bytes that never come)."_s;

struct Settings
{
    int runs = 5;
    bool skipSlowRtmpdump = false;
};

struct Row
{
    QString client;
    QString form;
    Summary summary;
};

QTextStream& out()
{
    static QTextStream stream(stdout);
    return stream;
}

// Progress goes to stderr, so stdout is only the report.
void progress(const QString& text)
{
    std::fprintf(stderr, "bench-ladder: %s\n", qPrintable(text));
    std::fflush(stderr);
}

QString loadAverage()
{
    QFile file(u"/proc/loadavg"_s);
    if (!file.open(QIODevice::ReadOnly))
        return u"unknown"_s;
    return QString::fromLatin1(file.readAll()).section(u' ', 0, 2);
}

QString cpuModel()
{
    QFile file(u"/proc/cpuinfo"_s);
    if (!file.open(QIODevice::ReadOnly))
        return u"unknown"_s;
    const QString info = QString::fromLatin1(file.readAll());
    for (const QString& line : info.split(u'\n')) {
        if (line.startsWith(u"model name"_s))
            return line.section(u':', 1).trimmed();
    }
    return u"unknown"_s;
}

void printEnvironment(const ProbeTimeouts& timeouts)
{
    out() << "# bench-ladder\n\n";
    out() << "| | |\n|---|---|\n";
    out() << "| date | " << QDateTime::currentDateTimeUtc().toString(Qt::ISODate) << " |\n";
    out() << "| machine | " << QSysInfo::prettyProductName() << ", kernel " << QSysInfo::kernelVersion()
          << ", nproc " << QThread::idealThreadCount() << ", " << cpuModel() << " |\n";
    out() << "| load average at start | " << loadAverage() << " |\n";
    out() << "| build | " << RTMPDOCTOR_BENCH_BUILD_TYPE << ", Qt " << qVersion() << " |\n";
    out() << "| rtmpdump | " << firstOutputLine(u"rtmpdump"_s, {u"-h"_s}) << " |\n";
    out() << "| ffmpeg | " << firstOutputLine(u"ffmpeg"_s, {u"-version"_s}).section(u" Copyright"_s, 0, 0)
          << " |\n";
    out() << "| nginx | " << firstOutputLine(u"nginx"_s, {u"-v"_s}) << ", libnginx-mod-rtmp "
          << firstOutputLine(u"dpkg-query"_s, {u"-W"_s, u"-f=${Version}"_s, u"libnginx-mod-rtmp"_s})
          << " |\n";
    out() << "| our timeouts | connect " << timeouts.connectMs << " ms, read " << timeouts.readMs
          << " ms (defaults) |\n\n";
    out().flush();
}

void printTable(const QString& title, const QString& note, const QList<Row>& rows)
{
    out() << "## " << title << "\n\n";
    if (!note.isEmpty())
        out() << note << "\n\n";
    out() << "| client | form | runs | median | range | ended with |\n";
    out() << "|---|---|---:|---:|---|---|\n";
    for (const Row& row : rows) {
        QString outcome = row.summary.outcome;
        if (row.summary.unexpectedRuns > 0)
            outcome += u" **(%1 run(s) ended unexpectedly)**"_s.arg(row.summary.unexpectedRuns);
        out() << "| " << row.client << " | " << row.form << " | " << row.summary.runs << " | "
              << formatMedian(row.summary) << " | " << formatRange(row.summary) << " | " << outcome << " |\n";
    }
    out() << "\n";
    out().flush();
}

DiagnosticPlan planFor(const QString& url, bool publishCheck)
{
    DiagnosticPlan::Options options;
    options.publishCheck = publishCheck;
    return DiagnosticPlan::fromIngestUrl(IngestUrl::parse(url), options);
}

// What one run of the ladder ended with, as the table shows it.
struct LadderExpectation
{
    // Probe ids whose status is shown, with the status each must have.
    QList<std::pair<QString, ProbeStatus>> statuses;
    int minimumRan = 0;
};

// Runs the ladder `runs` times, one after another. `ranCounts` collects how
// many probes ran in each.
QList<Sample> timeLadder(const DiagnosticPlan& plan, int runs, const LadderExpectation& expectation,
                         QList<int>* ranCounts = nullptr, QList<Sample>* keyProbeSamples = nullptr)
{
    QList<Sample> samples;
    for (int index = 0; index < runs; ++index) {
        const LadderRun run = runLadder(plan, kLadderWatchdog);
        Sample sample;
        sample.elapsedMs = run.elapsedMs;
        sample.expected = run.finishedByItself && run.ran >= expectation.minimumRan;
        QStringList parts;
        for (const auto& [probeId, wanted] : expectation.statuses) {
            const ProbeStatus status = run.statusOf(probeId);
            sample.expected = sample.expected && status == wanted;
            parts << probeId.section(u':', 0, 0) + u": "_s + probeStatusId(status);
        }
        if (!run.finishedByItself)
            parts << u"cancelled by the bench watchdog"_s;
        sample.outcome = parts.join(u", "_s);
        samples << sample;
        if (ranCounts)
            *ranCounts << run.ran;
        if (keyProbeSamples && !expectation.statuses.isEmpty()) {
            const QString keyProbe = expectation.statuses.constFirst().first;
            keyProbeSamples->append(
                Sample{run.endedAtMs.value(keyProbe), false, probeStatusId(run.statusOf(keyProbe)),
                       run.statusOf(keyProbe) == expectation.statuses.constFirst().second});
        }
        progress(u"  ladder run %1/%2: %3 ms, %4 of %5 probes ran"_s.arg(index + 1)
                     .arg(runs)
                     .arg(run.elapsedMs)
                     .arg(run.ran)
                     .arg(run.planned));
    }
    return samples;
}

QString ranText(const QList<int>& counts, int planned)
{
    if (counts.isEmpty())
        return {};
    const auto [least, most] = std::minmax_element(counts.cbegin(), counts.cend());
    const QString ran = *least == *most ? QString::number(*least) : u"%1..%2"_s.arg(*least).arg(*most);
    return u"%1 of %2 probes ran"_s.arg(ran).arg(planned);
}

ToolCommand rtmpdumpCommand(const QString& url, const QStringList& options, std::chrono::milliseconds cap,
                            std::function<bool(const test::ToolRun&)> isExpected)
{
    ToolCommand command;
    command.program = u"rtmpdump"_s;
    command.arguments = QStringList{u"-r"_s, url} + options + QStringList{u"-o"_s, u"/dev/null"_s};
    command.cap = cap;
    command.hiddenText = url;
    command.isExpected = std::move(isExpected);
    return command;
}

// An encoder publishing one second of a small test picture: what a
// broadcaster's ffmpeg does, with the cheapest codec flv accepts.
ToolCommand ffmpegPublishCommand(const QString& url, const QStringList& extraOutputOptions,
                                 std::chrono::milliseconds cap)
{
    ToolCommand command;
    command.program = u"ffmpeg"_s;
    command.arguments =
        QStringList{u"-hide_banner"_s, u"-nostdin"_s, u"-loglevel"_s, u"error"_s,
                    u"-f"_s,           u"lavfi"_s,    u"-i"_s,        u"testsrc=size=160x120:rate=15"_s,
                    u"-t"_s,           u"1"_s,        u"-c:v"_s,      u"flv1"_s} +
        extraOutputOptions + QStringList{u"-f"_s, u"flv"_s, url};
    command.cap = cap;
    command.hiddenText = url;
    command.isExpected = [](const test::ToolRun& run) {
        return run.exitCode != 0;
    };
    return command;
}

// rtmpdump's own exit codes: 1 failed, 2 incomplete download, 3 could not connect.
bool rtmpdumpGaveUp(const test::ToolRun& run)
{
    return run.exitCode == 1 || run.exitCode == 3;
}

QString formatCap(std::chrono::milliseconds cap)
{
    return u"cap %1 s"_s.arg(cap.count() / 1000);
}

// One line of the verdict list: what was aimed for and whether it was met.
QString targetLine(const QString& what, std::optional<bool> met, const QString& measured)
{
    const QString verdict = !met.has_value() ? u"not measured"_s : *met ? u"met"_s : u"**missed**"_s;
    return u"- %1: %2 (%3)"_s.arg(what, verdict, measured);
}

// A figure that has no target but helps to read the others.
QString referenceLine(const QString& what, const QString& measured)
{
    return u"- %1: %2"_s.arg(what, measured);
}

int run(const Settings& settings)
{
    const ProbeTimeouts timeouts;
    printEnvironment(timeouts);
    bool allAsExpected = true;
    const auto note = [&allAsExpected](const Summary& summary) {
        allAsExpected = allAsExpected && summary.unexpectedRuns == 0;
        return summary;
    };
    QStringList targets;

    // --- 1. healthy nginx-rtmp ------------------------------------------------
    test::NginxRtmpFixture nginx;
    if (const test::StartResult started = nginx.start(); !started.ok()) {
        out() << "nginx-rtmp could not be started: " << started.message << "\n";
        return 2;
    }
    IdlePlayServer idleServer;
    const test::StartResult idleStarted = idleServer.start();
    if (!idleStarted.ok())
        progress(u"second nginx (idle_streams off) not started: "_s + idleStarted.message);

    const QString healthyUrl = nginx.urlFor(u"live"_s, kStreamKey).toString();
    const quint16 healthyPort = nginx.rtmpPort();
    const Transport plain = Transport::PlainTcp;
    progress(u"1. healthy nginx-rtmp on port %1"_s.arg(healthyPort));

    QList<Row> healthyRows;
    QList<int> fullRan;
    const DiagnosticPlan fullPlan = planFor(healthyUrl, true);
    const LadderExpectation fullExpectation{
        {{probeids::connect(healthyPort, plain), ProbeStatus::ConnectSuccess},
         {probeids::publish(healthyPort, plain), ProbeStatus::PublishStarted}},
        kEnoughProbesForAFullLadder};
    const Summary oursFull = note(summarize(timeLadder(fullPlan, settings.runs, fullExpectation, &fullRan)));
    healthyRows << Row{u"RTMP Doctor"_s,
                       u"full ladder with publish check (%1)"_s.arg(
                           ranText(fullRan, static_cast<int>(fullPlan.probes().size()))),
                       oursFull};

    QList<int> connectRan;
    const DiagnosticPlan connectPlan = planFor(healthyUrl, false);
    const LadderExpectation connectExpectation{
        {{probeids::connect(healthyPort, plain), ProbeStatus::ConnectSuccess}}, kEnoughProbesForAFullLadder};
    const Summary oursConnect =
        note(summarize(timeLadder(connectPlan, settings.runs, connectExpectation, &connectRan)));
    healthyRows << Row{u"RTMP Doctor"_s,
                       u"ladder without publish check (%1)"_s.arg(
                           ranText(connectRan, static_cast<int>(connectPlan.probes().size()))),
                       oursConnect};

    // rtmpdump has no connect-only mode: after connect it plays and waits -m
    // seconds for media nobody sends, then exits 2.
    const auto connectedWithoutMedia = [](const test::ToolRun& run) {
        return run.exitCode == 2;
    };
    progress(u"  rtmpdump --stop 1 -m 5"_s);
    const Summary dumpBriefForm = note(
        summarize(timeTool(rtmpdumpCommand(healthyUrl, {u"--live"_s, u"--stop"_s, u"1"_s, u"-m"_s, u"5"_s},
                                           30s, connectedWithoutMedia),
                           settings.runs, Pacing::OneAfterAnother)));
    healthyRows << Row{u"rtmpdump"_s, u"`-r <url> --live --stop 1 -m 5 -o /dev/null`"_s, dumpBriefForm};
    progress(u"  rtmpdump -m 1"_s);
    const Summary dumpShortWait = note(summarize(
        timeTool(rtmpdumpCommand(healthyUrl, {u"--live"_s, u"-m"_s, u"1"_s}, 30s, connectedWithoutMedia),
                 settings.runs, Pacing::OneAfterAnother)));
    healthyRows << Row{u"rtmpdump"_s, u"`-r <url> --live -m 1 -o /dev/null` (shortest wait for media)"_s,
                       dumpShortWait};

    Summary dumpNoWait;
    if (idleStarted.ok()) {
        progress(u"  rtmpdump against idle_streams off"_s);
        const QString idleUrl = u"rtmp://127.0.0.1:%1/live/%2"_s.arg(idleServer.port()).arg(kStreamKey);
        dumpNoWait = note(summarize(timeTool(rtmpdumpCommand(idleUrl, {u"--live"_s, u"-m"_s, u"5"_s}, 30s,
                                                             [](const test::ToolRun& run) {
                                                                 return run.exitCode == 1 &&
                                                                        run.combinedOutput().contains(
                                                                            "NetStream.Play.StreamNotFound");
                                                             }),
                                             settings.runs, Pacing::OneAfterAnother)));
        healthyRows << Row{u"rtmpdump"_s,
                           u"same, against a second nginx-rtmp with `idle_streams off` (no wait: "
                           "connect + play answered, then closed)"_s,
                           dumpNoWait};
    }
    printTable(u"1. Healthy nginx-rtmp"_s,
               u"`rtmp://127.0.0.1:<port>/live/<key>`; runs one after another. rtmpdump cannot stop after "
               "`connect`: it plays and waits `-m` seconds for media nobody publishes."_s,
               healthyRows);
    const std::optional<double> healthyRatio = ratioOf(oursFull, dumpBriefForm);
    targets << targetLine(u"1. full ladder <= 1.2x rtmpdump (`--stop 1 -m 5` form)"_s,
                          healthyRatio.has_value() ? std::optional<bool>(*healthyRatio <= 1.2) : std::nullopt,
                          u"%1; against `-m 1`: %2; against the no-wait form: %3"_s.arg(
                              formatRatio(oursFull, dumpBriefForm), formatRatio(oursFull, dumpShortWait),
                              dumpNoWait.runs > 0 ? formatRatio(oursFull, dumpNoWait) : u"not run"_s));
    targets << targetLine(u"1. at least %1 probes ran"_s.arg(kEnoughProbesForAFullLadder),
                          fullRan.isEmpty()
                              ? std::nullopt
                              : std::optional<bool>(*std::min_element(fullRan.cbegin(), fullRan.cend()) >=
                                                    kEnoughProbesForAFullLadder),
                          ranText(fullRan, static_cast<int>(fullPlan.probes().size())));
    if (dumpNoWait.runs > 0) {
        targets << referenceLine(
            u"1. for reference, ladder without publish check / rtmpdump's no-wait form"_s,
            formatRatio(oursConnect, dumpNoWait) +
                u" (the publish check listens %1 ms after NetStream.Publish.Start on purpose)"_s.arg(
                    RtmpStageProbe::kDefaultPublishGraceMs));
    }

    // --- 2. the URL's port drops every packet --------------------------------
    QString whyNoDrop;
    if (!test::LoopbackDrop::available(&whyNoDrop)) {
        out() << "## 2. Port dropped\n\nNot measured: " << whyNoDrop << " (run as root).\n\n";
        targets << targetLine(u"2. dropped port"_s, std::nullopt, whyNoDrop);
    } else {
        progress(u"2. port %1 dropped"_s.arg(healthyPort));
        const test::LoopbackDrop drop(healthyPort);
        if (!drop.isActive()) {
            out() << "## 2. Port dropped\n\nNot measured: " << drop.errorString() << "\n\n";
            targets << targetLine(u"2. dropped port"_s, std::nullopt, drop.errorString());
        } else {
            QList<Row> dropRows;
            QList<Sample> tcpVerdicts;
            const LadderExpectation dropExpectation{
                {{probeids::tcp(healthyPort, AddressFamily::Ipv4), ProbeStatus::TcpFiltered}}, 1};
            const Summary oursDrop =
                note(summarize(timeLadder(fullPlan, settings.runs, dropExpectation, nullptr, &tcpVerdicts)));
            dropRows << Row{u"RTMP Doctor"_s, u"full ladder with publish check, until finished()"_s,
                            oursDrop};
            dropRows << Row{u"RTMP Doctor"_s, u"the same runs, until the URL port's own TCP verdict"_s,
                            summarize(tcpVerdicts)};

            const int dumpRuns = settings.skipSlowRtmpdump ? 0 : settings.runs;
            Summary dumpDrop;
            if (dumpRuns > 0) {
                progress(u"  rtmpdump (up to 150 s)"_s);
                dumpDrop =
                    note(summarize(timeTool(rtmpdumpCommand(healthyUrl, {u"--live"_s}, 150s, rtmpdumpGaveUp),
                                            dumpRuns, Pacing::AllAtOnce)));
                dropRows << Row{u"rtmpdump"_s,
                                u"`-r <url> --live -o /dev/null` (default -m 30), "_s + formatCap(150s),
                                dumpDrop};
            }
            progress(u"  ffmpeg (up to 30 s)"_s);
            const Summary ffmpegDrop = note(summarize(
                timeTool(ffmpegPublishCommand(healthyUrl, {}, 30s), settings.runs, Pacing::OneAfterAnother)));
            dropRows << Row{u"ffmpeg"_s, u"publish 1 s of testsrc as flv, "_s + formatCap(30s), ffmpegDrop};

            printTable(u"2. The URL's port drops every packet (iptables DROP on loopback)"_s, kPacingNote,
                       dropRows);
            const double connectLimit = 1.1 * timeouts.connectMs;
            targets << targetLine(
                u"2. verdict within 1.1x one connect timeout (<= %1 s)"_s.arg(connectLimit / 1000.0, 0, 'f',
                                                                              1),
                oursDrop.medianCapped
                    ? std::optional<bool>(false)
                    : std::optional<bool>(static_cast<double>(oursDrop.medianMs) <= connectLimit),
                formatMedian(oursDrop));
            std::optional<bool> tenTimes;
            if (dumpDrop.runs > 0 && oursDrop.medianMs > 0 && !oursDrop.medianCapped)
                tenTimes = dumpDrop.medianMs >= 10 * oursDrop.medianMs;
            targets << targetLine(u"2. >= 10x sooner than rtmpdump"_s, tenTimes,
                                  dumpDrop.runs > 0
                                      ? u"rtmpdump / ours = "_s + formatRatio(dumpDrop, oursDrop)
                                      : u"rtmpdump row skipped"_s);
            targets << referenceLine(u"2. for reference, ffmpeg / ours"_s, formatRatio(ffmpegDrop, oursDrop));
        }
    }

    // --- 3. a server that never answers ----------------------------------------
    const test::ScriptedPeer silentPeer(test::ScriptedPeer::Behaviour::Silent);
    if (!silentPeer.isListening()) {
        out() << "## 3. Silent server\n\nNot measured: " << silentPeer.errorString() << "\n\n";
    } else {
        const quint16 silentPort = silentPeer.port();
        progress(u"3. silent server on port %1"_s.arg(silentPort));
        const QString silentUrl = u"rtmp://127.0.0.1:%1/live/%2"_s.arg(silentPort).arg(kStreamKey);
        QList<Row> silentRows;
        QList<Sample> handshakeVerdicts;
        const LadderExpectation silentExpectation{
            {{probeids::handshake(silentPort, plain), ProbeStatus::HandshakeSilent}}, 1};
        const Summary oursSilent = note(summarize(timeLadder(
            planFor(silentUrl, true), settings.runs, silentExpectation, nullptr, &handshakeVerdicts)));
        silentRows << Row{u"RTMP Doctor"_s, u"full ladder with publish check, until finished()"_s,
                          oursSilent};
        silentRows << Row{u"RTMP Doctor"_s, u"the same runs, until the handshake's own verdict"_s,
                          summarize(handshakeVerdicts)};

        progress(u"  rtmpdump (up to 60 s)"_s);
        const Summary dumpSilent =
            note(summarize(timeTool(rtmpdumpCommand(silentUrl, {u"--live"_s}, 60s, rtmpdumpGaveUp),
                                    settings.runs, Pacing::AllAtOnce)));
        silentRows << Row{u"rtmpdump"_s,
                          u"`-r <url> --live -o /dev/null` (default -m 30), "_s + formatCap(60s), dumpSilent};
        progress(u"  ffmpeg (up to 30 s, without and with -rw_timeout)"_s);
        const Summary ffmpegSilent = note(
            summarize(timeTool(ffmpegPublishCommand(silentUrl, {}, 30s), settings.runs, Pacing::AllAtOnce)));
        silentRows << Row{u"ffmpeg"_s, u"publish 1 s of testsrc as flv, "_s + formatCap(30s), ffmpegSilent};
        const Summary ffmpegSilentBounded =
            note(summarize(timeTool(ffmpegPublishCommand(silentUrl, {u"-rw_timeout"_s, u"5000000"_s}, 30s),
                                    settings.runs, Pacing::OneAfterAnother)));
        silentRows << Row{u"ffmpeg"_s, u"the same with `-rw_timeout 5000000` (5 s), "_s + formatCap(30s),
                          ffmpegSilentBounded};

        printTable(u"3. A server that accepts and never answers (ScriptedPeer Silent)"_s, kPacingNote,
                   silentRows);
        const double readLimit = 1.1 * timeouts.readMs;
        targets << targetLine(
            u"3. verdict within 1.1x one read timeout (<= %1 s)"_s.arg(readLimit / 1000.0, 0, 'f', 1),
            oursSilent.medianCapped
                ? std::optional<bool>(false)
                : std::optional<bool>(static_cast<double>(oursSilent.medianMs) <= readLimit),
            formatMedian(oursSilent));
        std::optional<bool> tenTimes;
        if (dumpSilent.runs > 0 && oursSilent.medianMs > 0 && !oursSilent.medianCapped)
            tenTimes = dumpSilent.medianMs >= 10 * oursSilent.medianMs;
        targets << targetLine(u"3. >= 10x sooner than rtmpdump"_s, tenTimes,
                              u"rtmpdump / ours = "_s + formatRatio(dumpSilent, oursSilent));
        targets << referenceLine(u"3. for reference, ffmpeg / ours"_s,
                                 u"without -rw_timeout "_s + formatRatio(ffmpegSilent, oursSilent) +
                                     u", with "_s + formatRatio(ffmpegSilentBounded, oursSilent));
    }

    out() << "## Targets\n\n" << targets.join(u'\n') << "\n\n";
    out() << "Load average at the end: " << loadAverage() << "\n";
    if (!allAsExpected)
        out() << "\n**Some runs did not end the way their scenario expects; their times measure something "
                 "else.**\n";
    out().flush();
    return allAsExpected ? 0 : 1;
}

} // namespace
} // namespace rd::bench

int main(int argc, char* argv[])
{
    QCoreApplication application(argc, argv);
    QCoreApplication::setApplicationName(u"bench-ladder"_s);

    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Times RTMP Doctor's diagnosis ladder against rtmpdump and ffmpeg on loopback. "
        "Run as root for the dropped-port scenario. Prints a Markdown report on stdout."_s);
    parser.addHelpOption();
    const QCommandLineOption runsOption(u"runs"_s, u"Runs per row (default 5)."_s, u"count"_s, u"5"_s);
    const QCommandLineOption skipSlowOption(u"skip-slow"_s,
                                            u"Leave out rtmpdump against the dropped port (about 135 s)."_s);
    parser.addOption(runsOption);
    parser.addOption(skipSlowOption);
    parser.process(application);

    rd::bench::Settings settings;
    bool runsOk = false;
    settings.runs = parser.value(runsOption).toInt(&runsOk);
    if (!runsOk || settings.runs < 1 || settings.runs > 50) {
        std::fprintf(stderr, "bench-ladder: --runs wants a number from 1 to 50\n");
        return 2;
    }
    settings.skipSlowRtmpdump = parser.isSet(skipSlowOption);
    return rd::bench::run(settings);
}
