// `rtmp-doctor check` and `rtmp-doctor report` as a script runs them: the real executable
// against a real nginx-rtmp, exit codes, progress on stderr, the verdict on stdout, the saved
// JSON and PDF, unwritable output paths, and the stream key never printed.

#include "clirun.h"
#include "fixtures.h"
#include "report/reportfile.h"

#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <chrono>
#include <memory>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

using rd::test::CliRun;
using rd::test::fileContents;
using rd::test::runDoctor;

namespace {

// The binary draws PDFs only when main() gave it a QGuiApplication (fonts); see
// rd::createCommandLineApplication().
bool pdfUnsupportedByThisBuild(const CliRun& run)
{
    return run.err.contains(u"PDF output needs the graphics library"_s);
}

} // namespace

class TestCliCheck : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<rd::test::NginxRtmpFixture> m_nginx;
    quint16 m_refusedPort = 0;
    QTemporaryDir m_directory;

    static QStringList common() { return {u"check"_s, u"--proxy"_s, u"none"_s, u"--timeout"_s, u"20"_s}; }

    QString urlFor(const QString& application, const QString& key, bool refused = false) const
    {
        return u"rtmp://127.0.0.1:%1/%2/%3"_s.arg(refused ? m_refusedPort : m_nginx->rtmpPort())
            .arg(application, key);
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_directory.isValid());
        m_nginx = std::make_unique<rd::test::NginxRtmpFixture>();
        RD_START_FIXTURE(*m_nginx);
        m_refusedPort = rd::test::FreePort::pick();
        QVERIFY(m_refusedPort != 0);
    }

    void exitCodes_data()
    {
        QTest::addColumn<QString>("application");
        QTest::addColumn<bool>("refused");
        QTest::addColumn<QStringList>("extra");
        QTest::addColumn<int>("expectedExit");
        QTest::addColumn<QString>("expectedVerdict");

        QTest::newRow("healthy") << u"live"_s << false << QStringList{} << 0
                                 << u"Verdict: No problem found. The server accepted the connection"_s;
        QTest::newRow("healthy, key tried")
            << u"live"_s << false << QStringList{u"--publish"_s} << 0
            << u"Verdict: No problem found. The server accepted the connection and "
               u"the stream key"_s;
        QTest::newRow("publish denied")
            << u"denied"_s << false << QStringList{u"--publish"_s} << 1 << u"Verdict: Problem found."_s;
        QTest::newRow("wrong application")
            << u"nosuchapp"_s << false << QStringList{} << 1
            << u"Verdict: Problem found. The server did not accept the connection"_s;
        QTest::newRow("refused port") << u"live"_s << true << QStringList{} << 1
                                      << u"Verdict: Problem found. Port %1 cannot be reached"_s;
        QTest::newRow("encoder by name") << u"live"_s << false << QStringList{u"--encoder"_s, u"obs studio"_s}
                                         << 0 << u"Verdict: No problem found."_s;
    }

    void exitCodes()
    {
        QFETCH(QString, application);
        QFETCH(bool, refused);
        QFETCH(QStringList, extra);
        QFETCH(int, expectedExit);
        QFETCH(QString, expectedVerdict);
        const QString key = rd::test::randomStreamKey();
        const CliRun run = runDoctor(common() + extra + QStringList{urlFor(application, key, refused)});
        QVERIFY2(run.exitCode == expectedExit, qPrintable(run.describe()));
        const QString verdict =
            expectedVerdict.contains(u"%1"_s) ? expectedVerdict.arg(m_refusedPort) : expectedVerdict;
        QVERIFY2(run.out.contains(verdict), qPrintable(run.describe()));
        // The grid and the diagnosis on stdout, progress (one line per test: not a terminal) on stderr.
        static const QRegularExpression gridHeader(u"^port +TCP IPv4 +TCP IPv6 +RTMP"_s,
                                                   QRegularExpression::MultilineOption);
        QVERIFY2(run.out.contains(gridHeader), qPrintable(run.describe()));
        QVERIFY(run.out.contains(u"Diagnosis:"_s));
        QVERIFY2(run.err.contains(u"[1/"_s) && run.err.contains(u"✓ dns (dns-resolved"_s),
                 qPrintable(run.err));
        QVERIFY(!run.out.contains(u"queued"_s));
        QVERIFY2(!run.out.contains(key.left(8)) && !run.err.contains(key.left(8)),
                 "the stream key was printed");
    }

    void unusableInput_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("expectedError");
        QTest::newRow("garbage url") << QStringList{u"::::"_s} << u"this address cannot be tested"_s;
        QTest::newRow("not rtmp") << QStringList{u"https://example.com/"_s}
                                  << u"this address cannot be tested"_s;
        QTest::newRow("bad paper") << QStringList{u"--paper"_s, u"a5"_s, u"rtmp://h/app/key"_s}
                                   << u"--paper takes a4 or letter"_s;
        QTest::newRow("pdf under a file")
            << QStringList{u"--pdf"_s, u"<file>/report.pdf"_s, u"rtmp://h/app/key"_s}
            << u"check: the report cannot be saved: cannot write "_s;
        QTest::newRow("pdf in a missing folder")
            << QStringList{u"--pdf"_s, u"<dir>/no/such/folder/report.pdf"_s, u"rtmp://h/app/key"_s}
            << u"check: the report cannot be saved: cannot write "_s;
        QTest::newRow("pdf is a folder")
            << QStringList{u"--pdf"_s, u"<dir>"_s, u"rtmp://h/app/key"_s} << u"is a directory"_s;
        QTest::newRow("json under a file")
            << QStringList{u"--json"_s, u"<file>/s.json"_s, u"rtmp://h/app/key"_s}
            << u"check: the report cannot be saved: cannot write "_s;
    }

    void unusableInput()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, expectedError);
        const QString blocker = m_directory.filePath(u"plain-file"_s);
        QFile file(blocker);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.close();
        for (QString& argument : arguments) {
            argument.replace(u"<file>"_s, blocker);
            argument.replace(u"<dir>"_s, m_directory.path());
        }
        const CliRun run = runDoctor(common() + arguments);
        QVERIFY2(run.exitCode == 2, qPrintable(run.describe()));
        QVERIFY2(run.err.contains(expectedError), qPrintable(run.describe()));
        // Refused before any network traffic, and quickly.
        QVERIFY2(!run.err.contains(u"Testing "_s), qPrintable(run.describe()));
        QVERIFY(run.elapsedMs < 10000);
    }

    void summaryAndJson()
    {
        const QString key = rd::test::randomStreamKey();
        const QString json = m_directory.filePath(u"session.json"_s);
        const CliRun run = runDoctor(common() + QStringList{u"--summary"_s, u"--publish"_s, u"--json"_s, json,
                                                            urlFor(u"nosuchapp"_s, key)});
        QVERIFY2(run.exitCode == 1, qPrintable(run.describe()));
        QVERIFY2(run.out.startsWith(u"# RTMP Doctor report: Problem found\n"_s), qPrintable(run.out));
        QVERIFY(run.out.contains(u"## Most likely cause: "_s));
        QVERIFY(run.out.contains(u"| port |"_s));
        QVERIFY(!run.out.contains(key.left(8)));
        const QByteArray saved = fileContents(json);
        QVERIFY(!saved.isEmpty());
        QVERIFY(!saved.contains(key.left(8).toUtf8()));

        // The saved session reopens: `report --summary` prints the same summary.
        const CliRun report = runDoctor({u"report"_s, json, u"--summary"_s});
        QVERIFY2(report.exitCode == 0, qPrintable(report.describe()));
        QCOMPARE(report.out, run.out);

        // With --reveal-secrets the key is in the file (and only then).
        const QString revealedJson = m_directory.filePath(u"revealed.json"_s);
        const CliRun revealed = runDoctor(
            common() + QStringList{u"--reveal-secrets"_s, u"--json"_s, revealedJson, urlFor(u"live"_s, key)});
        QVERIFY2(revealed.exitCode == 0, qPrintable(revealed.describe()));
        QVERIFY(fileContents(revealedJson).contains(key.toUtf8()));
        QVERIFY(revealed.out.contains(key));
    }

    void pdfReport()
    {
        const QString key = rd::test::randomStreamKey();
        const QString pdf = m_directory.filePath(u"report.pdf"_s);
        const QString json = m_directory.filePath(u"for-pdf.json"_s);
        const CliRun run = runDoctor(common() + QStringList{u"--paper"_s, u"letter"_s, u"--pdf"_s, pdf,
                                                            u"--json"_s, json, urlFor(u"live"_s, key)});
        if (pdfUnsupportedByThisBuild(run)) {
            // The check ran and printed its diagnosis; only the PDF is missing.
            QCOMPARE(run.exitCode, 3);
            QVERIFY(run.out.contains(u"Verdict: No problem found."_s));
            QVERIFY(!QFile::exists(pdf));
            QSKIP("app/main.cpp gives subcommands a QCoreApplication: PDFs need "
                  "rd::createCommandLineApplication() there");
        }
        QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
        RD_REQUIRE_TOOL(u"pdftotext"_s);
        const rd::test::ToolRun text = rd::test::runTool(u"pdftotext"_s, {pdf, u"-"_s}, 30s);
        QVERIFY2(text.finishedWith(0), qPrintable(text.describe()));
        const QString pdfText = QString::fromUtf8(text.standardOutput);
        QVERIFY(pdfText.contains(u"No problem found"_s));
        QVERIFY(!pdfText.contains(key.left(8)));

        const QString again = m_directory.filePath(u"again.pdf"_s);
        const CliRun report = runDoctor({u"report"_s, json, u"--pdf"_s, again});
        QVERIFY2(report.exitCode == 0, qPrintable(report.describe()));
        QVERIFY(report.err.contains(u"Wrote "_s));
        QVERIFY(fileContents(again).startsWith("%PDF-"));
    }

    void reportCommandErrors_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<int>("expectedExit");
        QTest::addColumn<QString>("expectedError");
        QTest::newRow("missing session")
            << QStringList{u"<dir>/missing.json"_s, u"--summary"_s} << 2 << u"report: Cannot open "_s;
        QTest::newRow("damaged session") << QStringList{u"<damaged>"_s, u"--summary"_s} << 2
                                         << u"cannot be read as a report: not valid JSON"_s;
        QTest::newRow("neither pdf nor summary")
            << QStringList{u"<damaged>"_s} << 2
            << u"give one saved session and --pdf FILE, --summary or both"_s;
        QTest::newRow("unwritable pdf") << QStringList{u"<damaged>"_s, u"--pdf"_s, u"<dir>/no/dir/x.pdf"_s}
                                        << 2 << u"report: the PDF cannot be saved: cannot write "_s;
    }

    void reportCommandErrors()
    {
        QFETCH(QStringList, arguments);
        QFETCH(int, expectedExit);
        QFETCH(QString, expectedError);
        const QString damaged = m_directory.filePath(u"damaged.json"_s);
        QCOMPARE(rd::writeFileAtomically(damaged, QByteArray("{\"schemaVersion\": 1, \"probes\": [")).status,
                 rd::ReportFileResult::Status::Ok);
        for (QString& argument : arguments) {
            argument.replace(u"<dir>"_s, m_directory.path());
            argument.replace(u"<damaged>"_s, damaged);
        }
        const CliRun run = runDoctor(QStringList{u"report"_s} + arguments, 20s);
        QVERIFY2(run.exitCode == expectedExit, qPrintable(run.describe()));
        QVERIFY2(run.err.contains(expectedError), qPrintable(run.describe()));
    }

    void helpHasExamples()
    {
        for (const QString& command : {u"check"_s, u"report"_s, u"explain"_s}) {
            const CliRun run = runDoctor({command, u"--help"_s});
            QCOMPARE(run.exitCode, 0);
            QVERIFY(run.out.startsWith(u"Usage: rtmp-doctor "_s + command));
            QVERIFY(run.out.contains(u"Examples:"_s));
        }
    }
};

QTEST_GUILESS_MAIN(TestCliCheck)
#include "tst_cli_check.moc"
