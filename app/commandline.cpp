#include "commandline.h"

#include "appinfo.h"
#include "catalog/catalogs.h"
#include "diagnosis/diagnosis.h"
#include "diagnosis/errortextmatcher.h"
#include "diagnosis/knowledgebase.h"
#include "engine/allprobes.h"
#include "engine/diagnosticplan.h"
#include "engine/diagnosticsession.h"
#include "intake/ingestcheck.h"
#include "pdf/pdfreport.h"
#include "report/reportfile.h"
#include "report/reportgrid.h"
#include "report/reportmodel.h"
#include "report/sessionrecorder.h"
#include "url/urlreport.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QGuiApplication>
#include <QSaveFile>
#include <QTextStream>
#include <QTimer>
#include <QUrl>

#include <cmath>
#include <csignal>
#include <cstdio>
#include <optional>

#ifdef Q_OS_WIN
#include <io.h>
#else
#include <unistd.h>
#endif

using namespace Qt::StringLiterals;

namespace rd {

namespace {

const QStringList kSubcommands = {u"lint"_s,      u"probe"_s, u"check"_s,  u"explain"_s, u"report"_s,
                                  u"--version"_s, u"-v"_s,    u"--help"_s, u"-h"_s,      u"help"_s};

QString usage()
{
    return u"Usage: rtmp-doctor [COMMAND] [OPTIONS]\n"
           u"\n"
           u"Without a command, RTMP Doctor opens its troubleshooting wizard.\n"
           u"\n"
           u"Commands:\n"
           u"  lint URL      Parse and check an ingest URL without touching the network.\n"
           u"                Exit 0: nothing to fix, 1: problems found, 2: unusable input.\n"
           u"      --encoder ID         check against what this encoder can send (see --list-encoders)\n"
           u"      --key KEY            the stream key, when the encoder has a separate key box\n"
           u"      --reveal-secrets     print stream keys and tokens instead of hiding them\n"
           u"      --list-encoders      list encoder ids and exit\n"
           u"  probe URL     Test the path to the ingest server step by step and print every test\n"
           u"                as it is queued, starts and finishes; end with the ranked diagnosis.\n"
           u"  check URL     The same tests with a progress bar on stderr and only the verdict and\n"
           u"                the diagnosis on stdout; can save the report as JSON and PDF.\n"
           u"                Exit 0: healthy, 1: problem found (or uncertain), 2: unusable input,\n"
           u"                3: internal error or a report that could not be written, 130: Ctrl+C.\n"
           u"      --encoder ID|NAME    the encoder in use (id or name, see lint --list-encoders)\n"
           u"      --key KEY            the stream key, when the encoder has a separate key box\n"
           u"      --publish            also try the stream key (publish, no video is sent)\n"
           u"      --timeout S          give up after S seconds in total (default 60)\n"
           u"      --proxy URL          http://[user:password@]host:port, socks5://..., none or system\n"
           u"      --json FILE          save the report as JSON (reopen it with `report`)\n"
           u"      --pdf FILE           check only: save the report as PDF\n"
           u"      --paper SIZE         check, report: a4 or letter (default from the system locale)\n"
           u"      --summary            check, report: print a Markdown summary for a support ticket\n"
           u"      --reveal-secrets     show stream keys, tokens and passwords in output and files\n"
           u"  explain TEXT  Say what an error message from an encoder or server means and which\n"
           u"                test would confirm it; TEXT \"-\" reads standard input.\n"
           u"                Exit 0: recognised, 1: not recognised, 2: no text.\n"
           u"  report FILE   Turn a saved report (JSON) into a PDF or a ticket summary.\n"
           u"      --pdf FILE, --paper SIZE, --summary, --reveal-secrets as for check\n"
           u"  --version     Print the version, Qt and TLS library versions.\n"
           u"  --help        Show this help; COMMAND --help shows one command's help.\n"
           u"\n"
           u"Examples:\n"
           u"  rtmp-doctor lint 'rtmp://live.example.com/app/streamkey'\n"
           u"  rtmp-doctor lint --encoder obs-studio --key SECRET 'rtmps://live.example.com:443/app'\n"
           u"  rtmp-doctor lint --encoder avchat-3 'rtmp://myserver/avchat30/_definst_'\n"
           u"  rtmp-doctor probe --encoder obs-studio 'rtmp://live.example.com/app/streamkey'\n"
           u"  rtmp-doctor check --publish --json session.json --pdf report.pdf "
           u"'rtmp://live.example.com/app/key'\n"
           u"  rtmp-doctor explain 'NetConnection.Connect.Rejected'\n"
           u"  rtmp-doctor report session.json --pdf report.pdf --summary\n"_s;
}

QString probeUsage()
{
    return u"Usage: rtmp-doctor probe URL [--encoder ID] [--key KEY] [--publish] [--timeout S]\n"
           u"                         [--proxy URL] [--json FILE] [--reveal-secrets]\n"
           u"\n"
           u"Tests the path to the ingest server step by step (name lookup, the TCP ports, the RTMP\n"
           u"handshake, RTMPS, RTMPT, the server's answer to connect) and prints each test as it is\n"
           u"queued, starts and finishes, then the causes it found, best first, with what to do.\n"
           u"The stream key is only sent with --publish, and is hidden in everything printed.\n"
           u"Exit 0: the path works, 1: a problem was found (or the result is uncertain), 2: unusable\n"
           u"input, 3: internal error, 130: cancelled with Ctrl+C.\n"
           u"\n"
           u"Examples:\n"
           u"  rtmp-doctor probe 'rtmp://live.example.com/app/streamkey'\n"
           u"  rtmp-doctor probe --encoder obs-studio --key SECRET --publish "
           u"'rtmps://live.example.com:443/app'\n"
           u"  rtmp-doctor probe --proxy http://proxy.example.com:3128 --timeout 30 'rtmpt://host/app/key'\n"_s;
}

QString checkUsage()
{
    return u"Usage: rtmp-doctor check URL [--encoder ID|NAME] [--key KEY] [--publish] [--timeout S]\n"
           u"                         [--proxy URL] [--json FILE] [--pdf FILE] [--paper a4|letter]\n"
           u"                         [--summary] [--reveal-secrets]\n"
           u"\n"
           u"Runs the same tests as `probe`, shows progress on stderr (a bar on a terminal, one line\n"
           u"per test otherwise) and prints the verdict, the port grid and the diagnosis on stdout,\n"
           u"or with --summary a Markdown summary to paste into a support ticket.\n"
           u"--json saves the whole session (reopen it with `rtmp-doctor report`), --pdf a report.\n"
           u"Exit 0: healthy, 1: problem found (or uncertain), 2: unusable input (also an output file\n"
           u"that cannot be created), 3: internal error (also a report that could not be finished,\n"
           u"e.g. the disk is full), 130: cancelled with Ctrl+C.\n"
           u"\n"
           u"Examples:\n"
           u"  rtmp-doctor check 'rtmp://live.example.com/app/streamkey'\n"
           u"  rtmp-doctor check --encoder 'OBS Studio' --publish --pdf report.pdf 'rtmp://host/app/key'\n"
           u"  rtmp-doctor check --summary --json session.json 'rtmps://live.example.com:443/app/key' >ticket.md\n"_s;
}

QString explainUsage()
{
    return u"Usage: rtmp-doctor explain TEXT\n"
           u"       rtmp-doctor explain - <log.txt\n"
           u"\n"
           u"Finds known encoder and server messages in TEXT (one line, a dialog's text or a whole log)\n"
           u"and says what each means, its likely causes and which test confirms it.\n"
           u"Exit 0: recognised, 1: not recognised, 2: no text.\n"
           u"\n"
           u"Examples:\n"
           u"  rtmp-doctor explain 'NetConnection.Connect.Rejected'\n"
           u"  rtmp-doctor explain - <obs-log.txt\n"_s;
}

QString reportUsage()
{
    return u"Usage: rtmp-doctor report SESSION.json [--pdf OUT.pdf] [--paper a4|letter] [--summary]\n"
           u"                          [--reveal-secrets]\n"
           u"\n"
           u"Reopens a session saved with `check --json` (or by the wizard) and writes it as a PDF,\n"
           u"or prints a Markdown summary for a support ticket (at least one of --pdf, --summary).\n"
           u"Exit 0: done, 2: the session file cannot be read or the PDF cannot be created,\n"
           u"3: the PDF could not be finished.\n"
           u"\n"
           u"Examples:\n"
           u"  rtmp-doctor report session.json --pdf report.pdf\n"
           u"  rtmp-doctor report session.json --summary >ticket.md\n"_s;
}

bool wantsHelp(const QStringList& arguments)
{
    // Only before a lone "--": a URL or text could be "-h".
    for (const QString& argument : arguments.mid(2)) {
        if (argument == u"--")
            return false;
        if (argument == u"--help" || argument == u"-h")
            return true;
    }
    return false;
}

int printVersion(QTextStream& out)
{
    out << AppInfo::applicationName() << ' ' << AppInfo::version() << '\n'
        << "Qt " << AppInfo::qtVersion() << ", TLS: " << AppInfo::tlsBackend() << '\n';
    return ExitHealthy;
}

int runLint(const QStringList& arguments, QTextStream& out, QTextStream& err)
{
    if (wantsHelp(arguments)) {
        out << usage();
        return ExitHealthy;
    }
    QCommandLineParser parser;
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    const QCommandLineOption encoderOption(u"encoder"_s, u"Encoder id."_s, u"id"_s);
    const QCommandLineOption keyOption(u"key"_s, u"Separate stream key."_s, u"key"_s);
    const QCommandLineOption revealOption(u"reveal-secrets"_s, u"Show secrets."_s);
    const QCommandLineOption listOption(u"list-encoders"_s, u"List encoders."_s);
    parser.addOptions({encoderOption, keyOption, revealOption, listOption});
    parser.addPositionalArgument(u"url"_s, u"The ingest URL."_s);
    // arguments[0] is the program, [1] the subcommand; the parser skips its first element.
    if (!parser.parse(arguments.mid(1))) {
        err << "lint: " << parser.errorText() << "\n\n" << usage();
        return ExitBadInput;
    }

    const CatalogLoadResult catalogs = Catalogs::loadBuiltIn();
    if (!catalogs.ok()) {
        err << "rtmp-doctor: the built-in catalogs are damaged: " << catalogs.error.toString() << '\n';
        return ExitInternal;
    }
    const EncoderCatalog* encoders = &catalogs.catalogs->encoders;
    if (parser.isSet(listOption)) {
        for (const EncoderInfo& encoder : encoders->encoders())
            out << encoder.id.leftJustified(28) << encoder.name << '\n';
        return ExitHealthy;
    }

    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 1) {
        err << "lint: give exactly one URL (quote it in the shell)\n\n" << usage();
        return ExitBadInput;
    }
    const EncoderInfo* encoder = nullptr;
    if (parser.isSet(encoderOption)) {
        encoder = encoders->find(parser.value(encoderOption));
        if (encoder == nullptr) {
            err << "lint: unknown encoder \"" << parser.value(encoderOption)
                << "\" (rtmp-doctor lint --list-encoders shows the ids)\n";
            return ExitBadInput;
        }
    }

    const Redaction redaction = parser.isSet(revealOption) ? Redaction::RevealSecrets : Redaction::Redacted;
    const IngestCheck check = checkIngest(positional.constFirst(), parser.value(keyOption), encoder);
    if (encoder != nullptr)
        out << "Encoder:     " << encoder->name << '\n';
    out << describeIngestUrl(check.url, redaction);
    out << '\n';
    if (check.findings.isEmpty())
        out << "No problems found in the address.\n";
    else
        out << describeFindings(check.findings);
    out.flush();

    if (!check.url.isUsable())
        return ExitBadInput;
    return check.hasProblems() ? ExitProblem : ExitHealthy;
}

// ---------------------------------------------------------------------------------------------
// Shared by probe, check and report

// Set from the SIGINT handler; polled by the running command (a signal handler may do nothing
// more than this).
volatile std::sig_atomic_t g_interruptRequested = 0;

extern "C" void onInterruptSignal(int)
{
    g_interruptRequested = 1;
    // A second Ctrl+C ends the program at once, the usual way.
    std::signal(SIGINT, SIG_DFL);
}

bool isTerminal(FILE* stream)
{
#ifdef Q_OS_WIN
    return _isatty(_fileno(stream)) != 0;
#else
    return isatty(fileno(stream)) != 0;
#endif
}

// Why `path` cannot be written, or nothing. Checked before any network traffic, so a typo in a
// path does not cost a whole run.
std::optional<QString> unwritableReason(const QString& path)
{
    if (path.isEmpty())
        return u"no file name was given"_s;
    if (QFileInfo(path).isDir())
        return u"%1 is a directory"_s.arg(path);
    QSaveFile probeFile(path);
    if (!probeFile.open(QIODevice::WriteOnly))
        return u"cannot write %1: %2"_s.arg(QFileInfo(path).absoluteFilePath(), probeFile.errorString());
    probeFile.cancelWriting();
    return std::nullopt;
}

struct ProxyChoice
{
    ProxySettings settings;
    QStringList secrets;
};

std::optional<ProxyChoice> parseProxy(const QString& text, QString* error)
{
    ProxyChoice choice;
    if (text.isEmpty() || text.compare(u"system"_s, Qt::CaseInsensitive) == 0)
        return choice;
    if (text.compare(u"none"_s, Qt::CaseInsensitive) == 0) {
        choice.settings.mode = ProxyMode::None;
        return choice;
    }
    const QUrl url(text, QUrl::StrictMode);
    const QString scheme = url.scheme().toLower();
    QNetworkProxy::ProxyType type = QNetworkProxy::HttpProxy;
    if (scheme == u"socks5" || scheme == u"socks5h")
        type = QNetworkProxy::Socks5Proxy;
    else if (scheme != u"http") {
        *error = u"--proxy: give http://host:port, socks5://host:port, none or system"_s;
        return std::nullopt;
    }
    if (!url.isValid() || url.host().isEmpty() || url.port() <= 0) {
        *error = u"--proxy: the proxy address needs a host and a port, e.g. http://proxy.example.com:3128"_s;
        return std::nullopt;
    }
    choice.settings.mode = ProxyMode::Explicit;
    choice.settings.explicitProxy =
        QNetworkProxy(type, url.host(), quint16(url.port()), url.userName(), url.password());
    choice.secrets << url.userName() << url.password();
    choice.secrets.removeAll(QString());
    return choice;
}

std::optional<ProbeTimeouts> parseTimeout(const QString& text, QString* error)
{
    ProbeTimeouts timeouts;
    if (text.isEmpty())
        return timeouts;
    bool ok = false;
    const double seconds = text.toDouble(&ok);
    if (!ok || !std::isfinite(seconds) || seconds < 1 || seconds > 600) {
        *error = u"--timeout: give the seconds the whole test may take, from 1 to 600"_s;
        return std::nullopt;
    }
    const int total = int(seconds * 1000);
    timeouts.sessionMs = total;
    timeouts.probeMs = std::min(timeouts.probeMs, total);
    timeouts.dnsMs = std::min(timeouts.dnsMs, total);
    timeouts.connectMs = std::min(timeouts.connectMs, total);
    timeouts.readMs = std::min(timeouts.readMs, total);
    return timeouts;
}

const EncoderInfo* findEncoder(const EncoderCatalog& encoders, const QString& idOrName)
{
    if (const EncoderInfo* byId = encoders.find(idOrName))
        return byId;
    for (const EncoderInfo& encoder : encoders.encoders()) {
        if (encoder.name.compare(idOrName, Qt::CaseInsensitive) == 0 ||
            encoder.id.compare(idOrName, Qt::CaseInsensitive) == 0)
            return &encoder;
    }
    return nullptr;
}

int exitCodeFor(ReportVerdict verdict)
{
    return verdict == ReportVerdict::Healthy ? ExitHealthy : ExitProblem;
}

QString plainGrid(const ReportGrid& grid)
{
    QList<QStringList> table;
    QStringList header{u"port"_s};
    for (ReportGridColumn column : grid.columns)
        header << gridColumnTitle(column);
    table << header;
    for (const ReportGridRow& row : grid.rows) {
        QStringList line{QString::number(row.port)};
        for (const ReportGridCell& cell : row.cells)
            line << (cell.present ? verdictSymbol(cell.verdict) + u' ' + shortStatusText(cell.status)
                                  : QString());
        table << line;
    }
    QList<qsizetype> widths(header.size(), 0);
    for (const QStringList& line : std::as_const(table)) {
        for (qsizetype c = 0; c < line.size(); ++c)
            widths[c] = std::max(widths.at(c), line.at(c).size());
    }
    QString text;
    for (const QStringList& line : std::as_const(table)) {
        QString row;
        for (qsizetype c = 0; c < line.size(); ++c)
            row += line.at(c).leftJustified(widths.at(c) + 2);
        text += row.trimmed() + u'\n';
    }
    return text;
}

// Options common to probe and check.
struct RunOptions
{
    QString command; // "probe" or "check"
    QString urlText;
    QString key;
    QString encoderText;
    bool publish = false;
    QString timeoutText;
    QString proxyText;
    QString jsonPath;
    QString pdfPath;
    PdfPageSize paper = PdfPageSize::A4;
    bool summary = false;
    bool revealSecrets = false;
};

// One probe or check: owns the session and prints as it goes. The caller runs the event loop;
// the run ends it with QCoreApplication::exit(code).
class DiagnosticRun : public QObject
{
public:
    DiagnosticRun(RunOptions options, QTextStream& out, QTextStream& err)
        : m_options(std::move(options))
        , m_out(out)
        , m_err(err)
        , m_progressBar(m_options.command == u"check" && isTerminal(stderr))
    {}

    // Everything that can fail before the network is touched. On success the run has started.
    std::optional<int> start()
    {
        const QString& command = m_options.command;
        CatalogLoadResult catalogs = Catalogs::loadBuiltIn();
        if (!catalogs.ok()) {
            m_err << "rtmp-doctor: the built-in catalogs are damaged: " << catalogs.error.toString() << '\n';
            return ExitInternal;
        }
        m_catalogs = std::move(catalogs.catalogs);
        KnowledgeLoadResult knowledge = KnowledgeBase::loadBuiltIn(&*m_catalogs);
        if (!knowledge.ok()) {
            m_err << "rtmp-doctor: the built-in knowledge base is damaged: " << knowledge.error.toString()
                  << '\n';
            return ExitInternal;
        }
        m_knowledge = std::move(knowledge.knowledge);

        if (!m_options.encoderText.isEmpty()) {
            m_encoder = findEncoder(m_catalogs->encoders, m_options.encoderText);
            if (m_encoder == nullptr) {
                m_err << command << ": unknown encoder \"" << m_options.encoderText
                      << "\" (rtmp-doctor lint --list-encoders shows the ids)\n";
                return ExitBadInput;
            }
        }
        QString error;
        const std::optional<ProxyChoice> proxy = parseProxy(m_options.proxyText, &error);
        const std::optional<ProbeTimeouts> timeouts = parseTimeout(m_options.timeoutText, &error);
        if (!proxy || !timeouts) {
            m_err << command << ": " << error << '\n';
            return ExitBadInput;
        }
        for (const QString& path : {m_options.jsonPath, m_options.pdfPath}) {
            if (path.isNull())
                continue;
            if (const std::optional<QString> reason = unwritableReason(path)) {
                m_err << command << ": the report cannot be saved: " << *reason << '\n';
                return ExitBadInput;
            }
        }

        m_check = checkIngest(m_options.urlText, m_options.key, m_encoder);
        const IngestUrl& url = m_check.url;
        DiagnosticPlan::Options planOptions;
        planOptions.publishCheck = m_options.publish;
        planOptions.proxy = proxy->settings;
        planOptions.timeouts = *timeouts;
        planOptions.flashClient = m_encoder != nullptr && m_encoder->kind == EncoderKind::VideoChat;
        m_plan = DiagnosticPlan::fromIngestUrl(url, planOptions);
        m_secrets = ReportModel::secretsOf(url, m_plan);
        for (const QString& secret : proxy->secrets) {
            if (!m_secrets.contains(secret))
                m_secrets << secret;
        }

        if (!url.isUsable()) {
            m_err << command << ": this address cannot be tested:\n"
                  << shown(describeFindings(m_check.findings));
            return ExitBadInput;
        }
        m_detection = m_catalogs->servers.detect(url.host(), url.port(), url.applicationPath());

        m_session = std::make_unique<DiagnosticSession>(allProbeFactories());
        m_recorder = std::make_unique<SessionRecorder>(m_session.get());
        connect(m_session.get(), &DiagnosticSession::probeQueued, this, &DiagnosticRun::onQueued);
        connect(m_session.get(), &DiagnosticSession::probeStarted, this, &DiagnosticRun::onStarted);
        connect(m_session.get(), &DiagnosticSession::probeFinished, this, &DiagnosticRun::onFinished);
        connect(m_session.get(), &DiagnosticSession::progressChanged, this, &DiagnosticRun::onProgress);
        connect(m_session.get(), &DiagnosticSession::finished, this, &DiagnosticRun::onSessionFinished);

        g_interruptRequested = 0;
        std::signal(SIGINT, onInterruptSignal);
        m_interruptPoll.setInterval(50);
        connect(&m_interruptPoll, &QTimer::timeout, this, &DiagnosticRun::checkInterrupt);
        m_interruptPoll.start();

        const QString shownUrl =
            url.toString(m_options.revealSecrets ? Redaction::RevealSecrets : Redaction::Redacted);
        if (m_options.command == u"probe") {
            m_out << "Testing " << shown(shownUrl) << '\n';
            if (m_encoder != nullptr)
                m_out << "Encoder: " << m_encoder->name << '\n';
            m_out.flush();
        } else {
            m_err << "Testing " << shown(shownUrl) << " ...\n";
            m_err.flush();
        }
        if (!m_session->start(m_plan)) {
            m_err << command << ": the tests could not start\n";
            return ExitInternal;
        }
        return std::nullopt;
    }

private:
    // Output passes through here: nothing secret leaves unless asked for.
    QString shown(const QString& text) const
    {
        return m_options.revealSecrets ? text : scrubSecrets(text, m_secrets);
    }

    void onQueued(const ProbeResult& result)
    {
        ++m_queued;
        if (m_options.command != u"probe")
            return;
        m_out << "queued    " << result.probeId << '\n';
        m_out.flush();
    }

    void onStarted(const QString& probeId)
    {
        m_current = probeId;
        if (m_options.command == u"probe") {
            m_out << "started   " << probeId << '\n';
            m_out.flush();
        }
    }

    void onFinished(const ProbeResult& result)
    {
        ++m_finished;
        const QString line =
            u"%1 %2 (%3, %4 ms): %5"_s
                .arg(verdictSymbol(result.verdict()), result.probeId, probeStatusId(result.status))
                .arg(result.elapsedMs)
                .arg(shown(result.message));
        if (m_options.command == u"probe") {
            m_out << "finished  " << line << '\n';
            m_out.flush();
        } else if (!m_progressBar) {
            m_err << '[' << m_finished << '/' << m_queued << "] " << line << '\n';
            m_err.flush();
        }
    }

    void onProgress(int done, int total)
    {
        if (!m_progressBar)
            return;
        constexpr int kWidth = 30;
        const int filled = total > 0 ? done * kWidth / total : 0;
        m_err << '\r' << '[' << QString(filled, u'#') << QString(kWidth - filled, u'-') << "] " << done << '/'
              << total << ' ' << m_current.leftJustified(24, u' ', true);
        m_err.flush();
    }

    void checkInterrupt()
    {
        if (g_interruptRequested == 0 || m_interrupted)
            return;
        m_interrupted = true;
        if (m_progressBar)
            m_err << '\n';
        m_err << "Interrupted: cancelling the tests...\n";
        m_err.flush();
        m_recorder->addNote(u"Cancelled by the user (Ctrl+C)."_s);
        m_session->cancel();
    }

    void onSessionFinished()
    {
        m_interruptPoll.stop();
        std::signal(SIGINT, SIG_DFL);
        if (m_progressBar)
            m_err << '\r' << QString(70, u' ') << '\r';
        m_err.flush();
        QCoreApplication::exit(finish());
    }

    int finish()
    {
        const QList<ProbeResult> results = withFlashSequenceVerdict(m_plan, m_session->results());

        DiagnosisInput input;
        input.setIngestUrl(m_check.url);
        input.urlFindings = m_check.findings;
        input.probeResults = results;
        input.encoderId = m_encoder != nullptr ? m_encoder->id : QString();
        input.serverFamilyId = m_detection.familyId;
        for (const QString& secret : std::as_const(m_secrets)) {
            if (!input.secrets.contains(secret))
                input.secrets << secret;
        }
        const Diagnosis diagnosis = diagnose(*m_knowledge, input);

        ReportAssembly assembly;
        assembly.inputs = ReportInputs::fromIngestUrl(m_check.url, m_check.findings, m_plan, m_encoder,
                                                      m_catalogs->servers.find(m_detection.familyId));
        assembly.inputs.serverFamilyReason = m_detection.reason;
        assembly.plan = m_plan;
        assembly.results = results;
        assembly.diagnosis = ReportDiagnosis::fromDiagnosis(diagnosis);
        assembly.timeline = m_recorder->timeline();
        assembly.startedAt = m_recorder->startedAt();
        assembly.finishedAt =
            m_recorder->finishedAt().isValid() ? m_recorder->finishedAt() : QDateTime::currentDateTimeUtc();
        assembly.secrets = m_secrets;
        const ReportModel report = assembleReport(assembly);
        const ReportOptions reportOptions{m_options.revealSecrets};

        if (m_interrupted) {
            m_out << "Cancelled: the tests were interrupted; what had finished:\n"
                  << shown(plainGrid(ReportGrid::fromResults(report.probes)));
            m_out.flush();
            return ExitInterrupted;
        }

        // The Flash sequence is judged from the finished tests, so it comes after them.
        if (m_options.command == u"probe" && !m_options.summary && m_plan.flashSequence) {
            const ProbeResult& sequence = results.constLast();
            m_out << "judged    "
                  << u"%1 %2 (%3): %4"_s.arg(verdictSymbol(sequence.verdict()), sequence.probeId,
                                             probeStatusId(sequence.status), shown(sequence.message))
                  << '\n';
            for (const ProbeStep& step : sequence.steps)
                m_out << "          " << step.name << ": " << shown(step.detail) << '\n';
        }

        if (m_options.summary) {
            m_out << report.toTicketSummary(reportOptions);
        } else {
            m_out << '\n'
                  << "Verdict: " << reportVerdictTitle(report.verdict) << ". " << shown(report.verdictSummary)
                  << '\n';
            if (m_options.command == u"check") {
                const QString address =
                    m_options.revealSecrets ? report.inputs.ingestUrlRevealed : report.inputs.ingestUrl;
                m_out << "Address: " << shown(address) << "\n\n"
                      << shown(plainGrid(ReportGrid::fromResults(report.probes))) << '\n';
            }
            m_out << "Diagnosis:\n" << shown(describeDiagnosis(diagnosis));
        }
        m_out.flush();

        int code = exitCodeFor(report.verdict);
        if (!m_options.jsonPath.isNull()) {
            const ReportFileResult saved = saveReportJson(report, m_options.jsonPath, reportOptions);
            if (!saved.ok()) {
                m_err << m_options.command << ": the report was not saved: " << saved.message << '\n';
                code = ExitInternal;
            }
        }
        if (!m_options.pdfPath.isNull()) {
            PdfReportOptions pdfOptions;
            pdfOptions.pageSize = m_options.paper;
            pdfOptions.report = reportOptions;
            const PdfReportResult written = writePdfReport(report, m_options.pdfPath, pdfOptions);
            if (!written.ok()) {
                m_err << m_options.command << ": the PDF was not saved: " << written.file.message << '\n';
                code = ExitInternal;
            }
        }
        m_err.flush();
        return code;
    }

    RunOptions m_options;
    QTextStream& m_out;
    QTextStream& m_err;
    const bool m_progressBar;
    std::optional<Catalogs> m_catalogs;
    std::optional<KnowledgeBase> m_knowledge;
    const EncoderInfo* m_encoder = nullptr;
    IngestCheck m_check;
    DiagnosticPlan m_plan;
    ServerCatalog::Detection m_detection;
    QStringList m_secrets;
    std::unique_ptr<DiagnosticSession> m_session;
    std::unique_ptr<SessionRecorder> m_recorder;
    QTimer m_interruptPoll;
    QString m_current;
    int m_queued = 0;
    int m_finished = 0;
    bool m_interrupted = false;
};

std::optional<PdfPageSize> paperFrom(const QCommandLineParser& parser, const QCommandLineOption& option,
                                     const QString& command, QTextStream& err)
{
    if (!parser.isSet(option))
        return defaultPdfPageSize();
    const std::optional<PdfPageSize> size = pdfPageSizeFromId(parser.value(option));
    if (!size)
        err << command << ": --paper takes a4 or letter\n";
    return size;
}

int runDiagnostic(const QString& command, const QStringList& arguments, QTextStream& out, QTextStream& err)
{
    const bool isCheck = command == u"check";
    if (wantsHelp(arguments)) {
        out << (isCheck ? checkUsage() : probeUsage());
        return ExitHealthy;
    }
    QCommandLineParser parser;
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    const QCommandLineOption encoderOption(u"encoder"_s, u"Encoder id or name."_s, u"encoder"_s);
    const QCommandLineOption keyOption(u"key"_s, u"Separate stream key."_s, u"key"_s);
    const QCommandLineOption publishOption(u"publish"_s, u"Try the stream key."_s);
    const QCommandLineOption timeoutOption(u"timeout"_s, u"Seconds in total."_s, u"seconds"_s);
    const QCommandLineOption proxyOption(u"proxy"_s, u"Proxy URL, none or system."_s, u"url"_s);
    const QCommandLineOption jsonOption(u"json"_s, u"Save the report as JSON."_s, u"file"_s);
    const QCommandLineOption revealOption(u"reveal-secrets"_s, u"Show secrets."_s);
    const QCommandLineOption pdfOption(u"pdf"_s, u"Save the report as PDF."_s, u"file"_s);
    const QCommandLineOption paperOption(u"paper"_s, u"a4 or letter."_s, u"size"_s);
    const QCommandLineOption summaryOption(u"summary"_s, u"Print a ticket summary."_s);
    parser.addOptions(
        {encoderOption, keyOption, publishOption, timeoutOption, proxyOption, jsonOption, revealOption});
    if (isCheck)
        parser.addOptions({pdfOption, paperOption, summaryOption});
    parser.addPositionalArgument(u"url"_s, u"The ingest URL."_s);
    if (!parser.parse(arguments.mid(1))) {
        err << command << ": " << parser.errorText() << "\n\n" << (isCheck ? checkUsage() : probeUsage());
        return ExitBadInput;
    }
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 1) {
        err << command << ": give exactly one URL (quote it in the shell)\n\n"
            << (isCheck ? checkUsage() : probeUsage());
        return ExitBadInput;
    }

    RunOptions options;
    options.command = command;
    options.urlText = positional.constFirst();
    options.key = parser.value(keyOption);
    options.encoderText = parser.value(encoderOption);
    options.publish = parser.isSet(publishOption);
    options.timeoutText = parser.value(timeoutOption);
    options.proxyText = parser.value(proxyOption);
    if (parser.isSet(jsonOption))
        options.jsonPath = parser.value(jsonOption);
    options.revealSecrets = parser.isSet(revealOption);
    if (isCheck) {
        if (parser.isSet(pdfOption))
            options.pdfPath = parser.value(pdfOption);
        options.summary = parser.isSet(summaryOption);
        const std::optional<PdfPageSize> paper = paperFrom(parser, paperOption, command, err);
        if (!paper)
            return ExitBadInput;
        options.paper = *paper;
    }

    DiagnosticRun run(std::move(options), out, err);
    if (const std::optional<int> early = run.start()) {
        out.flush();
        err.flush();
        return *early;
    }
    // The command's only event loop: the session's signals arrive here, and the run ends it.
    return QCoreApplication::exec();
}

int runExplain(const QStringList& arguments, QTextStream& out, QTextStream& err)
{
    if (wantsHelp(arguments)) {
        out << explainUsage();
        return ExitHealthy;
    }
    QStringList texts = arguments.mid(2);
    texts.removeAll(u"--"_s);
    if (texts.isEmpty()) {
        err << "explain: give the error text (quote it) or - to read it from standard input\n\n"
            << explainUsage();
        return ExitBadInput;
    }
    QString text;
    if (texts == QStringList{u"-"_s}) {
        QFile input;
        if (!input.open(stdin, QIODevice::ReadOnly)) {
            err << "explain: cannot read standard input: " << input.errorString() << '\n';
            return ExitBadInput;
        }
        // UTF-8 needs at most 4 bytes per UTF-16 unit; the matcher keeps the end of longer texts.
        constexpr qint64 kMaxBytes = 4 * ErrorTextMatcher::kMaxTextLength;
        QByteArray bytes = input.read(kMaxBytes);
        while (!input.atEnd()) {
            // Keep the end: that is where the last error of a log is.
            const QByteArray more = input.read(kMaxBytes);
            if (more.isEmpty())
                break;
            bytes = bytes.right(kMaxBytes - more.size()) + more;
        }
        text = QString::fromUtf8(bytes);
    } else {
        text = texts.join(u' ');
    }

    const CatalogLoadResult catalogs = Catalogs::loadBuiltIn();
    if (!catalogs.ok()) {
        err << "rtmp-doctor: the built-in catalogs are damaged: " << catalogs.error.toString() << '\n';
        return ExitInternal;
    }
    const KnowledgeLoadResult knowledge = KnowledgeBase::loadBuiltIn(&*catalogs.catalogs);
    if (!knowledge.ok()) {
        err << "rtmp-doctor: the built-in knowledge base is damaged: " << knowledge.error.toString() << '\n';
        return ExitInternal;
    }
    const ErrorTextMatch match = knowledge.knowledge->matcher().match(text);
    out << describeErrorMatch(match, &*knowledge.knowledge);
    out.flush();
    switch (match.status) {
    case ErrorTextMatch::Status::Recognised:
        return ExitHealthy;
    case ErrorTextMatch::Status::NotRecognised:
        return ExitProblem;
    case ErrorTextMatch::Status::NoText:
        return ExitBadInput;
    }
    return ExitInternal;
}

int runReport(const QStringList& arguments, QTextStream& out, QTextStream& err)
{
    if (wantsHelp(arguments)) {
        out << reportUsage();
        return ExitHealthy;
    }
    QCommandLineParser parser;
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    const QCommandLineOption pdfOption(u"pdf"_s, u"Write the report as PDF."_s, u"file"_s);
    const QCommandLineOption paperOption(u"paper"_s, u"a4 or letter."_s, u"size"_s);
    const QCommandLineOption summaryOption(u"summary"_s, u"Print a ticket summary."_s);
    const QCommandLineOption revealOption(u"reveal-secrets"_s, u"Show secrets."_s);
    parser.addOptions({pdfOption, paperOption, summaryOption, revealOption});
    parser.addPositionalArgument(u"session"_s, u"The saved session (JSON)."_s);
    if (!parser.parse(arguments.mid(1))) {
        err << "report: " << parser.errorText() << "\n\n" << reportUsage();
        return ExitBadInput;
    }
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 1 || (!parser.isSet(pdfOption) && !parser.isSet(summaryOption))) {
        err << "report: give one saved session and --pdf FILE, --summary or both\n\n" << reportUsage();
        return ExitBadInput;
    }
    const std::optional<PdfPageSize> paper = paperFrom(parser, paperOption, u"report"_s, err);
    if (!paper)
        return ExitBadInput;
    if (parser.isSet(pdfOption)) {
        if (const std::optional<QString> reason = unwritableReason(parser.value(pdfOption))) {
            err << "report: the PDF cannot be saved: " << *reason << '\n';
            return ExitBadInput;
        }
    }

    const ReportOpenResult opened = openReportJson(positional.constFirst());
    if (!opened.file.ok()) {
        err << "report: " << opened.file.message << '\n';
        return ExitBadInput;
    }
    const ReportOptions reportOptions{parser.isSet(revealOption)};
    if (parser.isSet(summaryOption)) {
        out << opened.report->toTicketSummary(reportOptions);
        out.flush();
    }
    if (parser.isSet(pdfOption)) {
        PdfReportOptions pdfOptions;
        pdfOptions.pageSize = *paper;
        pdfOptions.report = reportOptions;
        const PdfReportResult written = writePdfReport(*opened.report, parser.value(pdfOption), pdfOptions);
        if (!written.ok()) {
            err << "report: the PDF was not saved: " << written.file.message << '\n';
            return ExitInternal;
        }
        err << "Wrote " << parser.value(pdfOption) << " (" << written.pageCount << " pages)\n";
    }
    return ExitHealthy;
}

} // namespace

bool isCommandLineInvocation(const QStringList& arguments)
{
    return arguments.size() > 1 && kSubcommands.contains(arguments.at(1));
}

bool commandLineNeedsGui(const QStringList& arguments)
{
    if (arguments.size() < 2 || (arguments.at(1) != u"check" && arguments.at(1) != u"report"))
        return false;
    for (const QString& argument : arguments.mid(2)) {
        if (argument == u"--")
            break;
        if (argument == u"--pdf" || argument == u"-pdf" || argument.startsWith(u"--pdf="_s) ||
            argument.startsWith(u"-pdf="_s))
            return true;
    }
    return false;
}

std::unique_ptr<QCoreApplication> createCommandLineApplication(int& argc, char** argv)
{
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments << QString::fromLocal8Bit(argv[i]);
    if (!commandLineNeedsGui(arguments))
        return std::make_unique<QCoreApplication>(argc, argv);
    // Fonts need the platform layer, but a command must not need a display.
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    return std::make_unique<QGuiApplication>(argc, argv);
}

int runCommandLine(const QStringList& arguments, QTextStream& out, QTextStream& err)
{
    const QString command = arguments.value(1);
    if (command == u"--version" || command == u"-v")
        return printVersion(out);
    if (command == u"--help" || command == u"-h" || command == u"help") {
        out << usage();
        return ExitHealthy;
    }
    if (command == u"lint")
        return runLint(arguments, out, err);
    if (command == u"probe" || command == u"check")
        return runDiagnostic(command, arguments, out, err);
    if (command == u"explain")
        return runExplain(arguments, out, err);
    if (command == u"report")
        return runReport(arguments, out, err);
    err << "unknown command: " << command << "\n\n" << usage();
    return ExitBadInput;
}

} // namespace rd
