// Our verdicts next to real clients' against the same nginx-rtmp: rtmpdump (connect, then
// play) must agree with ConnectProbe, ffmpeg (connect, then publish one second of video) must
// agree with ConnectProbe about connecting and with PublishProbe about publishing.

#include "fixtures.h"
#include "probe/connectprobe.h"
#include "probe/publishprobe.h"

#include <QSignalSpy>
#include <QTest>

#include <optional>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using namespace rd;

namespace {

constexpr auto kToolDeadline = 30s;

ProbeTarget nginxTarget(const test::NginxRtmpFixture& nginx, const QString& application,
                        const QString& stream)
{
    ProbeTarget target;
    target.host = u"127.0.0.1"_s;
    target.address = u"127.0.0.1"_s;
    target.port = nginx.rtmpPort();
    target.application = application;
    target.tcUrl = u"rtmp://127.0.0.1:%1/%2"_s.arg(nginx.rtmpPort()).arg(application);
    target.streamKey = stream;
    return target;
}

// Runs the probe in this thread (the test's event loop turns while the spy waits).
std::optional<ProbeResult> runProbe(Probe& probe)
{
    QSignalSpy finished(&probe, &Probe::finished);
    probe.start();
    if (finished.isEmpty() && !finished.wait(20000))
        return std::nullopt;
    return finished.constFirst().constFirst().value<ProbeResult>();
}

QString describe(const ProbeResult& result)
{
    return u"%1: %2"_s.arg(probeStatusId(result.status), result.message);
}

} // namespace

class tst_RtmpCrosscheck : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void rtmpdumpAgreesOnConnect_data();
    void rtmpdumpAgreesOnConnect();
    void ffmpegAgreesOnConnectAndPublish_data();
    void ffmpegAgreesOnConnectAndPublish();

private:
    void addCases();
};

void tst_RtmpCrosscheck::initTestCase()
{
    qRegisterMetaType<ProbeResult>();
}

void tst_RtmpCrosscheck::addCases()
{
    QTest::addColumn<QString>("application");
    QTest::addColumn<QString>("stream");
    QTest::addColumn<bool>("connectAccepted");
    QTest::addColumn<bool>("publishAccepted");

    QTest::newRow("healthy") << u"live"_s << u"x"_s << true << true;
    QTest::newRow("wrong application") << u"nosuchapp"_s << u"x"_s << false << false;
    // Connecting is fine there; only publishing is refused.
    QTest::newRow("deny publish") << u"denied"_s << u"x"_s << true << false;
    QTest::newRow("publish callback says no") << u"callback"_s << u"bad"_s << true << false;
    QTest::newRow("publish callback says yes") << u"callback"_s << u"ok1"_s << true << true;
}

void tst_RtmpCrosscheck::rtmpdumpAgreesOnConnect_data()
{
    addCases();
}

void tst_RtmpCrosscheck::rtmpdumpAgreesOnConnect()
{
    QFETCH(QString, application);
    QFETCH(QString, stream);
    QFETCH(bool, connectAccepted);
    RD_REQUIRE_TOOL(u"rtmpdump"_s);
    test::NginxRtmpFixture nginx;
    RD_START_FIXTURE(nginx);

    ConnectProbe probe(u"connect:crosscheck"_s, nginxTarget(nginx, application, stream), ProbeTimeouts{});
    const std::optional<ProbeResult> ours = runProbe(probe);
    QVERIFY(ours.has_value());
    const bool weAccept = ours->status == ProbeStatus::ConnectSuccess;
    QVERIFY2(weAccept == connectAccepted, qPrintable(describe(*ours)));
    if (!connectAccepted)
        QCOMPARE(probeStatusId(ours->status), probeStatusId(ProbeStatus::ConnectClosedSilently));

    // Verbose, so it prints the connect reply's code; -m bounds the wait for (absent) media.
    const QString url = nginx.urlFor(application, stream).toString();
    const test::ToolRun dump = test::runTool(
        u"rtmpdump"_s,
        {u"-V"_s, u"-r"_s, url, u"--live"_s, u"-m"_s, u"2"_s, u"-B"_s, u"1"_s, u"-o"_s, u"/dev/null"_s},
        kToolDeadline);
    QCOMPARE(dump.status, test::ToolRun::Status::Finished);
    const bool dumpAccepts = dump.combinedOutput().contains("NetConnection.Connect.Success");
    QVERIFY2(dumpAccepts == weAccept, qPrintable(dump.describe()));
    // 1: it could not connect; 2: connected, but the stream delivered nothing (nobody publishes).
    QVERIFY2(dump.exitCode == (dumpAccepts ? 2 : 1), qPrintable(dump.describe()));
}

void tst_RtmpCrosscheck::ffmpegAgreesOnConnectAndPublish_data()
{
    addCases();
}

void tst_RtmpCrosscheck::ffmpegAgreesOnConnectAndPublish()
{
    QFETCH(QString, application);
    QFETCH(QString, stream);
    QFETCH(bool, connectAccepted);
    QFETCH(bool, publishAccepted);
    RD_REQUIRE_TOOL(u"ffmpeg"_s);
    test::NginxRtmpFixture nginx;
    RD_START_FIXTURE(nginx);

    ConnectProbe connectProbe(u"connect:crosscheck"_s, nginxTarget(nginx, application, stream),
                              ProbeTimeouts{});
    const std::optional<ProbeResult> connectResult = runProbe(connectProbe);
    QVERIFY(connectResult.has_value());
    QVERIFY2((connectResult->status == ProbeStatus::ConnectSuccess) == connectAccepted,
             qPrintable(describe(*connectResult)));

    PublishProbe publishProbe(u"publish:crosscheck"_s, nginxTarget(nginx, application, stream),
                              ProbeTimeouts{});
    const std::optional<ProbeResult> publishResult = runProbe(publishProbe);
    QVERIFY(publishResult.has_value());
    const bool weMayPublish = publishResult->status == ProbeStatus::PublishStarted;
    QVERIFY2(weMayPublish == publishAccepted, qPrintable(describe(*publishResult)));

    const QString url = nginx.urlFor(application, stream).toString();
    const test::ToolRun encoder =
        test::runTool(u"ffmpeg"_s,
                      {u"-hide_banner"_s, u"-nostdin"_s, u"-loglevel"_s, u"error"_s, u"-re"_s, u"-f"_s,
                       u"lavfi"_s, u"-i"_s, u"testsrc=size=160x120:rate=15"_s, u"-t"_s, u"1"_s, u"-c:v"_s,
                       u"flv1"_s, u"-rw_timeout"_s, u"5000000"_s, u"-f"_s, u"flv"_s, url},
                      kToolDeadline);
    QCOMPARE(encoder.status, test::ToolRun::Status::Finished);
    QVERIFY2((encoder.exitCode == 0) == weMayPublish, qPrintable(encoder.describe()));
}

QTEST_GUILESS_MAIN(tst_RtmpCrosscheck)

#include "tst_rtmp_crosscheck.moc"
