// The PDF report made from real runs: the engine against nginx-rtmp (healthy, wrong application)
// and against a firewalled port, the report built, the PDF written and then read back with
// poppler's pdftotext/pdfinfo/pdffonts, as a help desk's tools would read it.
//
// RTMPDOCTOR_WRITE_SAMPLES=<dir> also leaves the healthy and firewalled reports there (PDF and
// JSON): that is how docs/samples/ is made.

#include "builtindata.h"
#include "catalog/catalogs.h"
#include "diagnosis/diagnosis.h"
#include "diagnosis/knowledgebase.h"
#include "engine/allprobes.h"
#include "engine/diagnosticplan.h"
#include "engine/diagnosticsession.h"
#include "fixtures.h"
#include "pdf/pdfreport.h"
#include "report/reportfile.h"
#include "report/reportmodel.h"
#include "report/sessionrecorder.h"

#include <QDir>
#include <QFile>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <chrono>
#include <memory>

using namespace Qt::StringLiterals;
using namespace rd;
using namespace std::chrono_literals;

Q_DECLARE_METATYPE(rd::ReportVerdict)

namespace {

QString randomKey()
{
    static const QLatin1StringView alphabet("abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ");
    QString key;
    for (int i = 0; i < 24; ++i)
        key += QChar(alphabet.at(QRandomGenerator::global()->bounded(int(alphabet.size()))));
    return key;
}

QString withoutWhitespace(QString text)
{
    static const QRegularExpression whitespace(u"\\s+"_s);
    return text.remove(whitespace);
}

QString pdfText(const QString& path, int page = 0)
{
    QStringList arguments;
    if (page > 0)
        arguments << u"-f"_s << QString::number(page) << u"-l"_s << QString::number(page);
    arguments << path << u"-"_s;
    const test::ToolRun run = test::runTool(u"pdftotext"_s, arguments, 30s);
    if (!run.finishedWith(0))
        return u"<pdftotext failed: %1>"_s.arg(run.describe());
    return QString::fromUtf8(run.standardOutput);
}

QString pdfInfo(const QString& path, const QString& program = u"pdfinfo"_s)
{
    const test::ToolRun run = test::runTool(program, {path}, 30s);
    return run.finishedWith(0) ? QString::fromUtf8(run.standardOutput) : QString();
}

QString infoField(const QString& info, const QString& field)
{
    const QRegularExpression line(u"^"_s + QRegularExpression::escape(field) + u":\\s*(.*)$"_s,
                                  QRegularExpression::MultilineOption);
    return line.match(info).captured(1).trimmed();
}

} // namespace

class TestReportPdf : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<test::NginxRtmpFixture> m_nginx;
    std::optional<Catalogs> m_catalogs;
    std::optional<KnowledgeBase> m_knowledge;
    QTemporaryDir m_directory;

    // Runs the real ladder and builds the report the way the CLI does.
    void runSession(const QString& urlText, const QList<quint16>& gridPorts, bool publish,
                    ReportModel* report)
    {
        const IngestUrl url = IngestUrl::parse(urlText);
        QVERIFY2(url.isUsable(), qPrintable(urlText));
        DiagnosticPlan::Options options;
        options.publishCheck = publish;
        options.gridPorts = gridPorts;
        options.proxy.mode = ProxyMode::None;
        options.timeouts.connectMs = 1500;
        options.timeouts.readMs = 3000;
        options.timeouts.sessionMs = 30000;
        const DiagnosticPlan plan = DiagnosticPlan::fromIngestUrl(url, options);

        DiagnosticSession session(allProbeFactories());
        SessionRecorder recorder(&session);
        QSignalSpy finished(&session, &DiagnosticSession::finished);
        QVERIFY(session.start(plan));
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 40000);

        DiagnosisInput input;
        input.setIngestUrl(url);
        input.probeResults = session.results();
        input.serverFamilyId = u"nginx-rtmp"_s;
        const Diagnosis diagnosis = diagnose(*m_knowledge, input);

        ReportAssembly assembly;
        assembly.inputs =
            ReportInputs::fromIngestUrl(url, url.findings(), plan, m_catalogs->encoders.find(u"obs-studio"_s),
                                        m_catalogs->servers.find(u"nginx-rtmp"_s));
        assembly.plan = plan;
        assembly.results = session.results();
        assembly.diagnosis = ReportDiagnosis::fromDiagnosis(diagnosis);
        assembly.timeline = recorder.timeline();
        assembly.startedAt = recorder.startedAt();
        assembly.finishedAt = recorder.finishedAt();
        assembly.secrets = ReportModel::secretsOf(url, plan);
        *report = assembleReport(assembly);
    }

private slots:
    void initTestCase()
    {
        RD_REQUIRE_TOOL(u"pdftotext"_s);
        RD_REQUIRE_TOOL(u"pdfinfo"_s);
        RD_REQUIRE_TOOL(u"pdffonts"_s);
        QVERIFY(m_directory.isValid());
        test::BuiltInData loaded = test::loadBuiltInData();
        QVERIFY2(loaded.ok(), qPrintable(loaded.error));
        m_catalogs = std::move(loaded.catalogs);
        m_knowledge = std::move(loaded.knowledge);
        m_nginx = std::make_unique<test::NginxRtmpFixture>();
        RD_START_FIXTURE(*m_nginx);
    }

    void pdfOfARealRun_data()
    {
        QTest::addColumn<QString>("scenario");
        QTest::addColumn<ReportVerdict>("expectedVerdict");
        QTest::newRow("healthy") << u"healthy"_s << ReportVerdict::Healthy;
        QTest::newRow("wrong application") << u"wrong-application"_s << ReportVerdict::Problem;
        QTest::newRow("firewalled") << u"firewalled"_s << ReportVerdict::Problem;
    }

    void pdfOfARealRun()
    {
        QFETCH(QString, scenario);
        QFETCH(ReportVerdict, expectedVerdict);
        const QString key = randomKey();
        const quint16 rtmpPort = m_nginx->rtmpPort();
        const quint16 refusedPort = test::FreePort::pick();
        QVERIFY(refusedPort != 0);

        std::unique_ptr<test::LoopbackDrop> firewall;
        quint16 urlPort = rtmpPort;
        QString application = u"live"_s;
        if (scenario == u"wrong-application") {
            application = u"nosuchapp"_s;
        } else if (scenario == u"firewalled") {
            if (test::LoopbackDrop::available()) {
                firewall = std::make_unique<test::LoopbackDrop>(rtmpPort);
                QVERIFY2(firewall->isActive(), qPrintable(firewall->errorString()));
            } else {
                urlPort = refusedPort; // nothing listens: refused instead of dropped
            }
        }
        const QString url = u"rtmp://127.0.0.1:%1/%2/%3"_s.arg(urlPort).arg(application, key);
        ReportModel report;
        // The standard grid (the URL's port, 1935, 1936, 443, 80, 2935, 2936, 5080) as a user gets it.
        runSession(url, {}, scenario == u"healthy", &report);
        if (QTest::currentTestFailed())
            return;
        firewall.reset();
        QVERIFY2(report.verdict == expectedVerdict, qPrintable(report.verdictSummary));

        // Redacted, A4.
        const QString path = m_directory.filePath(scenario + u".pdf"_s);
        const PdfReportResult written = writePdfReport(report, path, {PdfPageSize::A4, {}});
        QVERIFY2(written.ok(), qPrintable(written.file.message));
        QVERIFY(written.pageCount >= 4);

        const QString info = pdfInfo(path);
        QCOMPARE(infoField(info, u"Pages"_s).toInt(), written.pageCount);
        QVERIFY2(infoField(info, u"Page size"_s).contains(u"A4"_s), qPrintable(info));
        QVERIFY2(infoField(info, u"Title"_s)
                     .startsWith(u"RTMP Doctor report: "_s + reportVerdictTitle(expectedVerdict)),
                 qPrintable(info));
        QCOMPARE(infoField(info, u"Creator"_s), u"RTMP Doctor 0.1.0"_s);
        // The author, in the XMP packet (QPdfWriter's info dictionary has no author field).
        const test::ToolRun meta = test::runTool(u"pdfinfo"_s, {u"-meta"_s, path}, 30s);
        QVERIFY2(QString::fromUtf8(meta.standardOutput)
                     .contains(
                         u"<dc:creator><rdf:Seq><rdf:li>RTMP Doctor 0.1.0</rdf:li></rdf:Seq></dc:creator>"_s),
                 qPrintable(meta.describe()));

        // Every font is embedded (the "emb" column), so the PDF looks the same everywhere.
        const QStringList fontLines = pdfInfo(path, u"pdffonts"_s).split(u'\n', Qt::SkipEmptyParts).mid(2);
        QVERIFY(!fontLines.isEmpty());
        for (const QString& line : fontLines)
            QVERIFY2(line.contains(u" yes "_s), qPrintable(line));

        const QString text = pdfText(path);
        const QString flat = withoutWhitespace(text);
        QVERIFY2(!text.contains(key.left(8), Qt::CaseInsensitive) &&
                     !flat.contains(key.left(8), Qt::CaseInsensitive),
                 "the stream key is in the PDF");
        QVERIFY2(text.contains(reportVerdictTitle(expectedVerdict)), qPrintable(text.left(2000)));
        for (const QString& expected :
             {u"Ports and protocols"_s, u"TCP IPv4"_s, u"RTMP"_s, u"connect"_s, QString::number(rtmpPort),
              u"Timeline"_s, u"Diagnosis"_s, u"What to do"_s, u"Every test"_s, u"Appendix: transcripts"_s,
              u"handshake:%1"_s.arg(rtmpPort)})
            QVERIFY2(text.contains(expected), qPrintable(expected));
        // The grid: symbols, not only colours.
        QVERIFY(text.contains(u"✓"_s));
        if (expectedVerdict == ReportVerdict::Problem) {
            QVERIFY(text.contains(u"✗"_s));
            const ReportCause* cause = report.diagnosis.topCause();
            QVERIFY2(cause != nullptr, qPrintable(report.toTicketSummary()));
            QVERIFY2(flat.contains(withoutWhitespace(cause->title)),
                     qPrintable(cause->title + u"\n"_s + text));
            QVERIFY(!cause->remedies.isEmpty());
            QVERIFY2(flat.contains(withoutWhitespace(cause->remedies.first().title)),
                     qPrintable(cause->remedies.first().title));
            QVERIFY(flat.contains(withoutWhitespace(cause->remedies.first().steps.first().text)));
        }

        // Every page: its number and the time of the test.
        const QString tested = report.startedAt.toUTC().toString(u"yyyy-MM-dd HH:mm:ss"_s);
        for (int page = 1; page <= written.pageCount; ++page) {
            const QString pageText = pdfText(path, page);
            QVERIFY2(pageText.contains(u"Page %1 of %2"_s.arg(page).arg(written.pageCount)),
                     qPrintable(pageText));
            QVERIFY2(pageText.contains(u"tested "_s + tested), qPrintable(pageText));
            QVERIFY(!pageText.contains(u"Secrets included"_s));
        }

        // With the secrets, on Letter: the key is there and the cover says so.
        const QString revealedPath = m_directory.filePath(scenario + u"-secrets.pdf"_s);
        const PdfReportResult revealed =
            writePdfReport(report, revealedPath, {PdfPageSize::Letter, ReportOptions{true}});
        QVERIFY2(revealed.ok(), qPrintable(revealed.file.message));
        QVERIFY(infoField(pdfInfo(revealedPath), u"Page size"_s).contains(u"letter"_s));
        QVERIFY(withoutWhitespace(pdfText(revealedPath)).contains(key));
        QVERIFY(pdfText(revealedPath, 1).contains(u"Secrets included"_s));

        const QString samples = qEnvironmentVariable("RTMPDOCTOR_WRITE_SAMPLES");
        if (!samples.isEmpty() && scenario != u"wrong-application") {
            QVERIFY(QDir().mkpath(samples));
            const QString base = QDir(samples).filePath(u"report-"_s + scenario);
            QVERIFY(writePdfReport(report, base + u".pdf"_s, {PdfPageSize::A4, {}}).ok());
            QVERIFY(saveReportJson(report, base + u".json"_s).ok());
        }
    }

    void jsonReopensToTheSamePdfText()
    {
        ReportModel report;
        runSession(u"rtmp://127.0.0.1:%1/live/%2"_s.arg(m_nginx->rtmpPort()).arg(randomKey()),
                   {m_nginx->rtmpPort()}, false, &report);
        if (QTest::currentTestFailed())
            return;
        const QString jsonPath = m_directory.filePath(u"session.json"_s);
        QVERIFY(saveReportJson(report, jsonPath).ok());
        const ReportOpenResult reopened = openReportJson(jsonPath);
        QVERIFY2(reopened.file.ok(), qPrintable(reopened.file.message));
        const QString first = m_directory.filePath(u"direct.pdf"_s);
        const QString second = m_directory.filePath(u"reopened.pdf"_s);
        QVERIFY(writePdfReport(report, first).ok());
        QVERIFY(writePdfReport(*reopened.report, second).ok());
        QCOMPARE(pdfText(second), pdfText(first));
    }

    // A help desk should not chase what the checks already contradicted: the PDF lists it, with
    // the reason, apart from the possible causes.
    void ruledOutCausesAreListedWithTheirReason()
    {
        ReportModel report;
        report.verdict = ReportVerdict::Healthy;
        ReportCause healthy;
        healthy.causeId = u"no-problem-found"_s;
        healthy.title = u"No problem found"_s;
        healthy.confidence = 90;
        ReportCause ruledOut;
        ruledOut.causeId = u"host-name-not-found"_s;
        ruledOut.title = u"The server name does not exist"_s;
        ruledOut.evidenceAgainst << Evidence{EvidenceSource::Probe, u"dns"_s, u"dns-resolved"_s,
                                             u"dns reported dns-resolved"_s,
                                             u"the name resolved to addresses"_s};
        report.diagnosis.causes << healthy;
        report.diagnosis.ruledOut << ruledOut;
        const QString path = m_directory.filePath(u"ruled-out.pdf"_s);
        QVERIFY(writePdfReport(report, path).ok());
        const QString flat = withoutWhitespace(pdfText(path));
        const qsizetype section = flat.indexOf(u"Ruledout"_s);
        QVERIFY2(section > flat.indexOf(u"Noproblemfound"_s), qPrintable(flat.left(3000)));
        QVERIFY(flat.indexOf(u"Theservernamedoesnotexist"_s) > section);
        QVERIFY(flat.indexOf(u"thenameresolvedtoaddresses"_s) > section);
        QVERIFY(flat.indexOf(u"Ruledout"_s) < flat.indexOf(u"Whattodo"_s));
    }

    void hugeSessionStaysBounded()
    {
        // What a hostile or broken saved session could hold: far more results than any ladder and
        // a message of a megabyte. The PDF leaves out and cuts what no reader needs.
        ReportModel report;
        report.verdict = ReportVerdict::Problem;
        for (int i = 0; i < 600; ++i) {
            ProbeResult result;
            result.probeId = u"tcp:%1:ipv4"_s.arg(1000 + i);
            result.kind = ProbeKind::TcpPort;
            result.status = ProbeStatus::TcpRefused;
            result.message = i == 0 ? QString(1 << 20, u'x') : u"refused"_s;
            report.probes << result;
        }
        const QString path = m_directory.filePath(u"huge.pdf"_s);
        const PdfReportResult written = writePdfReport(report, path);
        QVERIFY2(written.ok(), qPrintable(written.file.message));
        QVERIFY2(written.pageCount < 60, qPrintable(QString::number(written.pageCount)));
        const QString flat = withoutWhitespace(pdfText(path));
        QVERIFY(flat.contains(u"100moreresultsareinthesavedsessionbutnotinthisPDF."_s));
        QVERIFY(!flat.contains(QString(2100, u'x')));
    }

    void unwritablePathIsAnError()
    {
        ReportModel report;
        report.verdict = ReportVerdict::Healthy;
        const QString blocker = m_directory.filePath(u"a-file"_s);
        QFile file(blocker);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.close();
        const PdfReportResult result = writePdfReport(report, blocker + u"/report.pdf"_s);
        QCOMPARE(result.file.status, ReportFileResult::Status::CannotOpen);
        QVERIFY2(result.file.message.contains(u"report.pdf"_s), qPrintable(result.file.message));
        QCOMPARE(report.verdict, ReportVerdict::Healthy);
    }
};

QTEST_MAIN(TestReportPdf)
#include "tst_reportpdf.moc"
