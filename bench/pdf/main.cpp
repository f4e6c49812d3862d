// bench-pdf: the time to write the PDF of a full report, the way `check --pdf` and the wizard's
// "Save PDF" do it (render into QSaveFile, commit). The report is either a saved session given on
// the command line or a synthetic one as large as a real full ladder: every probe of the standard
// plan with steps and transcripts, the real knowledge base's diagnosis, a walkthrough.
// Prints a Markdown table; see bench/README.md.

#include "catalog/catalogs.h"
#include "diagnosis/diagnosis.h"
#include "diagnosis/knowledgebase.h"
#include "engine/diagnosticplan.h"
#include "pdf/pdfreport.h"
#include "report/reportfile.h"
#include "report/reportmodel.h"

#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QGuiApplication>
#include <QTemporaryDir>
#include <QTextStream>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace {

// A server on 1935 that accepts TCP and then stays silent, a web server on 80 and 443: most
// probes run and fail in different ways, so the diagnosis has several causes.
rd::ProbeStatus statusFor(const rd::PlannedProbe& planned)
{
    using rd::ProbeKind;
    using rd::ProbeStatus;
    const quint16 port = planned.target.port;
    const bool webPort = port == 80 || port == 443;
    switch (planned.kind) {
    case ProbeKind::Dns:
        return ProbeStatus::DnsResolved;
    case ProbeKind::Proxy:
        return ProbeStatus::ProxyNotConfigured;
    case ProbeKind::TcpPort:
        if (planned.probeId.endsWith(u"ipv6"))
            return ProbeStatus::TcpFiltered;
        return port == 1935 || webPort ? ProbeStatus::TcpOpen : ProbeStatus::TcpRefused;
    case ProbeKind::Handshake:
        if (port == 1935)
            return ProbeStatus::HandshakeSilent;
        if (port == 80)
            return ProbeStatus::HandshakeAnsweredHttp;
        return port == 443 ? ProbeStatus::HandshakeAnsweredTls : ProbeStatus::Skipped;
    case ProbeKind::Tls:
        return port == 443 ? ProbeStatus::TlsSelfSigned : ProbeStatus::Skipped;
    case ProbeKind::Rtmpt:
        return webPort ? ProbeStatus::RtmptNotATunnel : ProbeStatus::Skipped;
    case ProbeKind::Liveness:
        return port == 1935 ? ProbeStatus::LivenessNoHttp : ProbeStatus::Skipped;
    case ProbeKind::Connect:
    case ProbeKind::Publish:
    case ProbeKind::FlashSequence:
        return ProbeStatus::Skipped;
    }
    return ProbeStatus::Skipped;
}

struct SyntheticSize
{
    int transcriptEntriesPerProbe = 6; // a real connect has 6 to 12, a TCP probe 2 to 3
    int walkthroughAnswers = 5;
};

// Every probe of the standard ladder with the detail a real run leaves.
rd::ReportModel syntheticFullReport(const rd::KnowledgeBase& knowledge, const SyntheticSize& size)
{
    const QString key = u"bench0stream0key0not0real"_s;
    const rd::IngestUrl url = rd::IngestUrl::parse(u"rtmp://live.example.com:1935/live/"_s + key);
    rd::DiagnosticPlan::Options options;
    options.publishCheck = true;
    const rd::DiagnosticPlan plan = rd::DiagnosticPlan::fromIngestUrl(url, options);

    QList<rd::ProbeResult> results;
    qint64 clock = 0;
    for (const rd::PlannedProbe& planned : plan.probes()) {
        rd::ProbeResult result;
        result.probeId = planned.probeId;
        result.kind = planned.kind;
        result.target = planned.target;
        result.target.address = u"192.0.2.10"_s;
        result.status = statusFor(planned);
        result.message =
            u"%1 on %2 ended with %3; this sentence is about as long as a real probe message."_s.arg(
                rd::probeKindId(planned.kind), planned.probeId, rd::probeStatusId(result.status));
        result.startedAtMs = clock;
        result.elapsedMs = result.status == rd::ProbeStatus::Skipped ? 0 : 40 + (clock % 700);
        clock += 35;
        if (result.status != rd::ProbeStatus::Skipped) {
            for (int step = 0; step < 4; ++step)
                result.steps << rd::ProbeStep{u"step %1"_s.arg(step), step * 10, 10, u"detail of the step"_s};
            for (int entry = 0; entry < size.transcriptEntriesPerProbe; ++entry) {
                QByteArray bytes(128, '\0');
                for (qsizetype i = 0; i < bytes.size(); ++i)
                    bytes[i] = char((i * 37 + entry) & 0xff);
                result.transcript << rd::TranscriptEntry{
                    entry * 5,
                    entry % 2 == 0 ? rd::TranscriptDirection::Sent : rd::TranscriptDirection::Received,
                    u"message %1 of the conversation, summarised"_s.arg(entry), bytes};
            }
            result.facts.insert(u"addresses"_s, QVariantList{u"192.0.2.10"_s, u"2001:db8::10"_s});
        }
        results << result;
    }

    rd::DiagnosisInput input;
    input.setIngestUrl(url);
    input.probeResults = results;
    input.encoderId = u"obs-studio"_s;
    input.answers.insert(u"symptom"_s, {u"cannot-connect"_s});
    const rd::Diagnosis diagnosis = rd::diagnose(knowledge, input);

    rd::ReportAssembly assembly;
    assembly.inputs = rd::ReportInputs::fromIngestUrl(url, url.findings(), plan, nullptr, nullptr);
    assembly.inputs.encoderId = u"obs-studio"_s;
    assembly.inputs.encoderName = u"OBS Studio"_s;
    assembly.plan = plan;
    assembly.results = results;
    assembly.diagnosis = rd::ReportDiagnosis::fromDiagnosis(diagnosis);
    assembly.startedAt = QDateTime::currentDateTimeUtc();
    assembly.finishedAt = assembly.startedAt.addMSecs(clock + 700);
    assembly.answers = input.answers;
    assembly.secrets = rd::ReportModel::secretsOf(url, plan);
    for (const rd::ProbeResult& result : std::as_const(results)) {
        assembly.timeline
            << rd::TimelineEvent{result.startedAtMs, rd::TimelineEventKind::Started, result.probeId, {}}
            << rd::TimelineEvent{result.startedAtMs + result.elapsedMs, rd::TimelineEventKind::Finished,
                                 result.probeId, rd::probeStatusId(result.status)};
    }
    // The user works down the remedies in order and answers "did not help" each time.
    for (const rd::DiagnosedCause& cause : diagnosis.causes) {
        for (const rd::KnowledgeEntry& remedy : cause.remedies) {
            for (qsizetype step = 0; step < remedy.steps.size(); ++step) {
                if (assembly.walkthrough.size() >= size.walkthroughAnswers)
                    break;
                const QDateTime answeredAt =
                    assembly.finishedAt.addSecs(60 * (assembly.walkthrough.size() + 1));
                assembly.walkthrough << rd::WalkthroughEntry{
                    remedy.id, int(step), false, {results.at(2)}, answeredAt};
            }
        }
    }
    return rd::assembleReport(assembly);
}

} // namespace

int main(int argc, char* argv[])
{
    // Fonts need the platform layer; the bench needs no display.
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    QTextStream out(stdout);
    QTextStream err(stderr);

    QCommandLineParser parser;
    parser.setApplicationDescription(u"Times writing the PDF of a full report."_s);
    parser.addHelpOption();
    const QCommandLineOption roundsOption(u"rounds"_s, u"How many PDFs to write (default 20)."_s, u"n"_s,
                                          u"20"_s);
    const QCommandLineOption keepOption(u"keep"_s, u"Also write the PDF to this file."_s, u"file"_s);
    const QCommandLineOption stressOption(u"stress"_s,
                                          u"A synthetic report four times as detailed as a real one."_s);
    parser.addOption(stressOption);
    parser.addOption(roundsOption);
    parser.addOption(keepOption);
    parser.addPositionalArgument(u"session"_s,
                                 u"A saved session (JSON); default: a synthetic full report."_s);
    parser.process(app);
    const int rounds = std::max(1, parser.value(roundsOption).toInt());

    rd::ReportModel report;
    QString source;
    if (!parser.positionalArguments().isEmpty()) {
        source = parser.positionalArguments().constFirst();
        const rd::ReportOpenResult opened = rd::openReportJson(source);
        if (!opened.file.ok()) {
            err << opened.file.message << '\n';
            return 2;
        }
        report = *opened.report;
    } else {
        const rd::CatalogLoadResult catalogs = rd::Catalogs::loadBuiltIn();
        const rd::KnowledgeLoadResult knowledge =
            catalogs.ok() ? rd::KnowledgeBase::loadBuiltIn(&*catalogs.catalogs) : rd::KnowledgeLoadResult{};
        if (!knowledge.ok()) {
            err << "the built-in data is damaged\n";
            return 3;
        }
        SyntheticSize size;
        source = u"synthetic full report"_s;
        if (parser.isSet(stressOption)) {
            size.transcriptEntriesPerProbe *= 4;
            size.walkthroughAnswers *= 4;
            source = u"synthetic stress report"_s;
        }
        report = syntheticFullReport(*knowledge.knowledge, size);
    }
    qsizetype transcriptEntries = 0;
    qsizetype ran = 0;
    for (const rd::ProbeResult& result : std::as_const(report.probes)) {
        transcriptEntries += result.transcript.size();
        if (result.status != rd::ProbeStatus::Skipped && result.status != rd::ProbeStatus::NotRun)
            ++ran;
    }

    QTemporaryDir directory;
    const QString path = directory.filePath(u"bench.pdf"_s);
    // The first PDF loads the fonts; it is reported apart from the steady state.
    QElapsedTimer clock;
    clock.start();
    rd::PdfReportResult first = rd::writePdfReport(report, path);
    const qint64 firstMs = clock.elapsed();
    if (!first.ok()) {
        err << first.file.message << '\n';
        return 3;
    }
    QList<qint64> times;
    for (int round = 0; round < rounds; ++round) {
        clock.restart();
        const rd::PdfReportResult written = rd::writePdfReport(report, path);
        times << clock.elapsed();
        if (!written.ok()) {
            err << written.file.message << '\n';
            return 3;
        }
    }
    std::sort(times.begin(), times.end());
    if (parser.isSet(keepOption))
        rd::writePdfReport(report, parser.value(keepOption));

    out << "## bench-pdf (" << RTMPDOCTOR_BENCH_BUILD_TYPE << " build)\n\n"
        << "Report: " << source << ": " << report.probes.size() << " probes (" << ran << " ran), "
        << transcriptEntries << " transcript entries, " << report.diagnosis.causes.size() << " causes, "
        << report.walkthrough.size() << " walkthrough answers; " << first.pageCount << " pages, "
        << QFileInfo(path).size() / 1024 << " KiB.\n\n"
        << "| | ms |\n|---|---:|\n"
        << "| first PDF (fonts loaded) | " << firstMs << " |\n"
        << "| fastest of " << rounds << " | " << times.constFirst() << " |\n"
        << "| median of " << rounds << " | " << times.at(times.size() / 2) << " |\n"
        << "| slowest of " << rounds << " | " << times.constLast() << " |\n\n"
        << "Target: 300 ms. " << (times.at(times.size() / 2) <= 300 ? "Met." : "NOT MET.") << '\n';
    return 0;
}
