// The `rtmp-doctor lint` command as a user or a script runs it: the real
// executable, its output and its exit code.
#include "clirun.h"

#include <QRandomGenerator>
#include <QTest>

using namespace std::chrono_literals;
using rd::test::CliRun;

namespace {

CliRun lint(const QStringList& arguments)
{
    return rd::test::runDoctor(QStringList{QStringLiteral("lint")} + arguments, 20s);
}

} // namespace

class TestCliLint : public QObject
{
    Q_OBJECT

private slots:
    void exitCodes_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<int>("expectedExit");
        QTest::addColumn<QString>("expectedInOutput");

        QTest::newRow("clean url") << QStringList{QStringLiteral("rtmp://live.example.com/app/streamkey123")}
                                   << 0 << QStringLiteral("live.example.com");
        QTest::newRow("avchat connection string")
            << QStringList{QStringLiteral("--encoder"), QStringLiteral("avchat-3"),
                           QStringLiteral("rtmp://myserver.example.com/avchat30/_definst_")}
            << 0 << QStringLiteral("avchat30");
        QTest::newRow("missing stream key") << QStringList{QStringLiteral("rtmp://live.example.com/app")} << 1
                                            << QStringLiteral("missing-stream-key");
        QTest::newRow("rtmps on the plain port")
            << QStringList{QStringLiteral("rtmps://live.example.com:1935/app/key")} << 1
            << QStringLiteral("tls-scheme-on-plain-port");
        QTest::newRow("fmle cannot send rtmps")
            << QStringList{QStringLiteral("--encoder"), QStringLiteral("adobe-fmle"),
                           QStringLiteral("rtmps://live.example.com:443/app/key")}
            << 1 << QStringLiteral("encoder-cannot-use-scheme");
        QTest::newRow("azure is retired")
            << QStringList{QStringLiteral(
                   "rtmp://0123456789abcdef0123456789abcdef.channel.media.azure.net:1935/live/"
                   "fedcba9876543210fedcba9876543210/stream1")}
            << 1 << QStringLiteral("azure-service-retired");
        QTest::newRow("not a url at all") << QStringList{QStringLiteral("hello world")} << 2 << QString();
        QTest::newRow("empty") << QStringList{QString()} << 2 << QString();
        QTest::newRow("no url given") << QStringList{} << 2 << QString();
        QTest::newRow("unknown encoder")
            << QStringList{QStringLiteral("--encoder"), QStringLiteral("no-such-encoder"),
                           QStringLiteral("rtmp://h/app/key")}
            << 2 << QString();
    }

    void exitCodes()
    {
        QFETCH(QStringList, arguments);
        QFETCH(int, expectedExit);
        QFETCH(QString, expectedInOutput);
        const CliRun run = lint(arguments);
        QVERIFY2(
            run.exitCode == expectedExit,
            qPrintable(
                QStringLiteral("exit %1, stdout:\n%2\nstderr:\n%3").arg(run.exitCode).arg(run.out, run.err)));
        if (!expectedInOutput.isEmpty())
            QVERIFY2(run.out.contains(expectedInOutput), qPrintable(run.out));
    }

    void streamKeyIsRedactedUnlessAsked()
    {
        auto* random = QRandomGenerator::global();
        for (int round = 0; round < 5; ++round) {
            QString key;
            for (int i = 0; i < 24; ++i)
                key += QLatin1Char("abcdefghijkmnopqrstuvwxyz0123456789"[random->bounded(35)]);
            const QString url = QStringLiteral("rtmp://live.example.com/app/") + key;

            const CliRun hidden = lint({url});
            QCOMPARE(hidden.exitCode, 0);
            QVERIFY2(!hidden.out.contains(key.left(6)) && !hidden.err.contains(key.left(6)),
                     qPrintable(hidden.out));

            const CliRun separate =
                lint({QStringLiteral("--encoder"), QStringLiteral("obs-studio"), QStringLiteral("--key"), key,
                      QStringLiteral("rtmp://live.example.com/app")});
            QVERIFY2(!separate.out.contains(key.left(6)), qPrintable(separate.out));

            const CliRun revealed = lint({QStringLiteral("--reveal-secrets"), url});
            QVERIFY2(revealed.out.contains(key), qPrintable(revealed.out));
        }
    }

    void listsEncoders()
    {
        const CliRun run = lint({QStringLiteral("--list-encoders")});
        QCOMPARE(run.exitCode, 0);
        QVERIFY(run.out.contains(QStringLiteral("obs-studio")));
        QVERIFY(run.out.contains(QStringLiteral("avchat-3")));
    }
};

QTEST_GUILESS_MAIN(TestCliLint)
#include "tst_cli_lint.moc"
