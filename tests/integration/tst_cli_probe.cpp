// `rtmp-doctor probe` and `rtmp-doctor explain` as a user or a script runs them: the real
// executable against a real nginx-rtmp, its live output, its exit codes, Ctrl+C.

#include "clirun.h"
#include "fixtures.h"
#include "report/reportfile.h"

#include <QElapsedTimer>
#include <QProcess>
#include <QRegularExpression>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <chrono>
#include <memory>
#include <signal.h>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using rd::test::CliRun;
using rd::test::runDoctor;

class TestCliProbe : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<rd::test::NginxRtmpFixture> m_nginx;
    quint16 m_refusedPort = 0;

    // A short standard run: the proxy question is settled, timeouts are short.
    static QStringList common() { return {u"--proxy"_s, u"none"_s, u"--timeout"_s, u"20"_s}; }

private slots:
    void initTestCase()
    {
        m_nginx = std::make_unique<rd::test::NginxRtmpFixture>();
        RD_START_FIXTURE(*m_nginx);
        m_refusedPort = rd::test::FreePort::pick();
        QVERIFY(m_refusedPort != 0);
    }

    void exitCodesAndLiveLines_data()
    {
        QTest::addColumn<QString>("application");
        QTest::addColumn<bool>("refused");
        QTest::addColumn<QStringList>("extra");
        QTest::addColumn<int>("expectedExit");
        QTest::addColumn<QStringList>("expectedLines");

        QTest::newRow("healthy") << u"live"_s << false << QStringList{} << 0
                                 << QStringList{u"queued    dns"_s,
                                                u"started   dns"_s,
                                                u"finished  ✓ dns"_s,
                                                u"finished  ✓ connect:%1 (connect-success"_s,
                                                u"Verdict: No problem found."_s,
                                                u"Diagnosis:"_s};
        QTest::newRow("healthy with publish") << u"live"_s << false << QStringList{u"--publish"_s} << 0
                                              << QStringList{u"finished  ✓ publish:%1 (publish-started"_s};
        QTest::newRow("wrong application")
            << u"nosuchapp"_s << false << QStringList{} << 1
            << QStringList{u"finished  ✗ connect:%1 (connect-closed-silently"_s,
                           u"Verdict: Problem found."_s};
        QTest::newRow("refused port") << u"live"_s << true << QStringList{} << 1
                                      << QStringList{u"finished  ✗ tcp:%1:ipv4 (tcp-refused"_s,
                                                     u"Verdict: Problem found. Port %1 cannot be reached"_s};
    }

    void exitCodesAndLiveLines()
    {
        QFETCH(QString, application);
        QFETCH(bool, refused);
        QFETCH(QStringList, extra);
        QFETCH(int, expectedExit);
        QFETCH(QStringList, expectedLines);
        const QString key = rd::test::randomStreamKey();
        const quint16 port = refused ? m_refusedPort : m_nginx->rtmpPort();
        const QString url = u"rtmp://127.0.0.1:%1/%2/%3"_s.arg(port).arg(application, key);
        const CliRun run = runDoctor(QStringList{u"probe"_s} + common() + extra + QStringList{url});
        QVERIFY2(run.exitCode == expectedExit, qPrintable(run.describe()));
        for (const QString& expected : expectedLines) {
            const QString line = expected.contains(u"%1"_s) ? expected.arg(port) : expected;
            QVERIFY2(run.out.contains(line), qPrintable(line + u"\n\n"_s + run.describe()));
        }
        QVERIFY2(!run.out.contains(key.left(8)) && !run.err.contains(key.left(8)),
                 "the stream key was printed");
        // Live: every probe is queued before any finishes, and started before it finishes.
        const qsizetype lastQueued = run.out.lastIndexOf(u"queued "_s);
        const qsizetype firstFinished = run.out.indexOf(u"finished "_s);
        QVERIFY(lastQueued >= 0 && firstFinished > lastQueued);
        QVERIFY(run.out.indexOf(u"started   dns"_s) < run.out.indexOf(u"finished  ✓ dns"_s));
    }

    // AVChat 3 with rtmp:// and no port: Flash Player's own sequence is judged after the tests, one
    // line per step in its order. The ports are the fixed 1935, 443 and 80 on 127.0.0.1, where a
    // test machine normally runs nothing; whatever runs there, every step gets a verdict.
    void flashSequenceIsJudgedAfterTheTests()
    {
        const CliRun run =
            runDoctor(QStringList{u"probe"_s} + common() +
                      QStringList{u"--encoder"_s, u"avchat-3"_s, u"rtmp://127.0.0.1/avchat30/_definst_"_s});
        QVERIFY2(run.exited(), qPrintable(run.describe()));
        QVERIFY2(run.out.contains(u"queued    handshake:443\n"_s), qPrintable(run.describe()));
        QVERIFY2(run.out.contains(u"queued    rtmpt:80\n"_s), qPrintable(run.describe()));
        const qsizetype judged = run.out.indexOf(u"\njudged    "_s);
        QVERIFY2(judged > run.out.lastIndexOf(u"\nfinished  "_s), qPrintable(run.describe()));
        const QRegularExpression verdict(
            u"^judged    [✓✗] flash-sequence \\(flash-sequence-(connects|no-path)\\)"_s,
            QRegularExpression::MultilineOption);
        QVERIFY2(verdict.match(run.out).hasMatch(), qPrintable(run.describe()));
        qsizetype previous = judged;
        for (const QString& step :
             {u"1. rtmp:1935: "_s, u"2. rtmp:443: "_s, u"3. rtmp:80: "_s, u"4. rtmpt:80: "_s}) {
            const qsizetype at = run.out.indexOf(u"\n          "_s + step, previous);
            QVERIFY2(at > previous, qPrintable(step + u"\n\n"_s + run.describe()));
            previous = at;
        }
        // An encoder, not a Flash client: no sequence.
        const CliRun obs =
            runDoctor(QStringList{u"probe"_s} + common() +
                      QStringList{u"--encoder"_s, u"obs-studio"_s, u"rtmp://127.0.0.1/live"_s});
        QVERIFY2(obs.exited() && !obs.out.contains(u"judged"_s) && !obs.out.contains(u"rtmpt:80"_s),
                 qPrintable(obs.describe()));
    }

    void unusableInput_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("expectedError");
        QTest::newRow("garbage url") << QStringList{u"hello world"_s} << u"this address cannot be tested"_s;
        QTest::newRow("no url") << QStringList{} << u"give exactly one URL"_s;
        QTest::newRow("two urls") << QStringList{u"rtmp://a/b/c"_s, u"rtmp://d/e/f"_s}
                                  << u"give exactly one URL"_s;
        QTest::newRow("unknown encoder")
            << QStringList{u"--encoder"_s, u"no-such"_s, u"rtmp://h/app/key"_s} << u"unknown encoder"_s;
        QTest::newRow("bad timeout") << QStringList{u"--timeout"_s, u"0"_s, u"rtmp://h/app/key"_s}
                                     << u"--timeout: give the seconds"_s;
        QTest::newRow("bad proxy") << QStringList{u"--proxy"_s, u"ftp://x:1"_s, u"rtmp://h/app/key"_s}
                                   << u"--proxy: give http://"_s;
        QTest::newRow("unknown option")
            << QStringList{u"--frobnicate"_s, u"rtmp://h/app/key"_s} << u"Unknown option"_s;
    }

    void unusableInput()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, expectedError);
        const CliRun run = runDoctor(QStringList{u"probe"_s} + arguments);
        QVERIFY2(run.exitCode == 2, qPrintable(run.describe()));
        QVERIFY2(run.err.contains(expectedError), qPrintable(run.describe()));
        QVERIFY2(!run.out.contains(u"queued"_s), "nothing may be tested");
    }

    void separateKeyIsNeverPrinted()
    {
        const QString key = rd::test::randomStreamKey();
        const QString url = u"rtmp://127.0.0.1:%1/live"_s.arg(m_nginx->rtmpPort());
        QTemporaryDir directory;
        const QString json = directory.filePath(u"session.json"_s);
        const CliRun run = runDoctor(QStringList{u"probe"_s} + common() +
                                     QStringList{u"--encoder"_s, u"obs-studio"_s, u"--key"_s, key,
                                                 u"--publish"_s, u"--json"_s, json, url});
        QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
        QVERIFY(run.out.contains(u"Encoder: OBS Studio"_s));
        QVERIFY(run.out.contains(u"finished  ✓ publish:%1"_s.arg(m_nginx->rtmpPort())));
        QVERIFY2(!run.out.contains(key.left(8)) && !run.err.contains(key.left(8)),
                 "the stream key was printed");

        QFile saved(json);
        QVERIFY(saved.open(QIODevice::ReadOnly));
        const QByteArray contents = saved.readAll();
        QVERIFY(!contents.contains(key.left(8).toUtf8()));
        const rd::ReportOpenResult reopened = rd::openReportJson(json);
        QVERIFY2(reopened.file.ok(), qPrintable(reopened.file.message));
        QCOMPARE(reopened.report->verdict, rd::ReportVerdict::Healthy);
        QCOMPARE(reopened.report->inputs.encoderId, u"obs-studio"_s);
        QVERIFY(reopened.report->inputs.separateStreamKey);
        QVERIFY(reopened.report->probe(u"publish:%1"_s.arg(m_nginx->rtmpPort())).has_value());
    }

    void ctrlCCancelsCleanly()
    {
        // A server that accepts and never answers: the handshake would wait for its read timeout.
        QTcpServer silent;
        QVERIFY(silent.listen(QHostAddress::LocalHost));
        QList<QTcpSocket*> held;
        connect(&silent, &QTcpServer::newConnection, this, [&] {
            while (QTcpSocket* socket = silent.nextPendingConnection())
                held << socket;
        });
        QProcess process;
        process.setProgram(rd::test::doctorExecutable());
        process.setArguments(
            {u"probe"_s, u"--proxy"_s, u"none"_s, u"--timeout"_s, u"60"_s,
             u"rtmp://127.0.0.1:%1/live/%2"_s.arg(silent.serverPort()).arg(rd::test::randomStreamKey())});
        QString out;
        connect(&process, &QProcess::readyReadStandardOutput, this,
                [&] { out += QString::fromUtf8(process.readAllStandardOutput()); });
        process.start();
        QVERIFY(process.waitForStarted(10000));
        QTRY_VERIFY_WITH_TIMEOUT(out.contains(u"started   handshake:%1"_s.arg(silent.serverPort())), 20000);

        QElapsedTimer clock;
        clock.start();
        QCOMPARE(::kill(pid_t(process.processId()), SIGINT), 0);
        QVERIFY(process.waitForFinished(5000));
        out += QString::fromUtf8(process.readAllStandardOutput());
        const QString err = QString::fromUtf8(process.readAllStandardError());
        QVERIFY2(clock.elapsed() < 2000, qPrintable(QString::number(clock.elapsed())));
        QCOMPARE(process.exitStatus(), QProcess::NormalExit);
        QCOMPARE(process.exitCode(), 130);
        QVERIFY2(err.contains(u"Interrupted"_s), qPrintable(err));
        QVERIFY2(out.contains(u"Cancelled"_s), qPrintable(out));
        qDeleteAll(held);
    }

    void helpHasExamples()
    {
        const CliRun run = runDoctor({u"probe"_s, u"--help"_s});
        QCOMPARE(run.exitCode, 0);
        QVERIFY(run.out.startsWith(u"Usage: rtmp-doctor probe URL"_s));
        QVERIFY(run.out.contains(u"Examples:"_s));
        const CliRun top = runDoctor({u"--help"_s});
        for (const QString& command : {u"lint URL"_s, u"probe URL"_s, u"check URL"_s, u"explain TEXT"_s,
                                       u"report FILE"_s, u"Examples:"_s})
            QVERIFY2(top.out.contains(command), qPrintable(command));
    }

    void explain_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<int>("expectedExit");
        QTest::addColumn<QString>("expectedOutput");
        QTest::newRow("recognised") << QStringList{u"NetConnection.Connect.Rejected"_s} << QByteArray() << 0
                                    << u"Recognised 1 message"_s;
        QTest::newRow("recognised from stdin")
            << QStringList{u"-"_s} << QByteArray("12:00:01 Connecting...\nNetConnection.Connect.Rejected\n")
            << 0 << u"Confirm or rule out with the probes:"_s;
        QTest::newRow("not recognised")
            << QStringList{u"the weather is fine"_s} << QByteArray() << 1 << u"Not recognised"_s;
        QTest::newRow("blank text") << QStringList{u"   "_s} << QByteArray() << 2 << u"No text was given."_s;
        QTest::newRow("no text at all") << QStringList{} << QByteArray() << 2 << QString();
    }

    void explain()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QByteArray, input);
        QFETCH(int, expectedExit);
        QFETCH(QString, expectedOutput);
        const CliRun run = runDoctor(QStringList{u"explain"_s} + arguments, 20s, input);
        QVERIFY2(run.exitCode == expectedExit, qPrintable(run.describe()));
        QVERIFY2(run.out.contains(expectedOutput), qPrintable(run.describe()));
    }
};

QTEST_GUILESS_MAIN(TestCliProbe)
#include "tst_cli_probe.moc"
