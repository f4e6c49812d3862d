// Proves that the test fixtures really start, serve and stop the servers the
// probe and GUI tests rely on, using real third-party clients (ffmpeg,
// rtmpdump, openssl s_client) and raw sockets.

#include "fixtures.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <cerrno>
#include <optional>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using rd::test::RawExchange;
using rd::test::ScriptedPeer;

Q_DECLARE_METATYPE(rd::test::ScriptedPeer::Behaviour)
Q_DECLARE_METATYPE(rd::test::RawExchange::Ending)
Q_DECLARE_METATYPE(rd::test::CertificateKind)
Q_DECLARE_METATYPE(rd::test::LoopbackDrop::Action)

namespace {

constexpr auto clientDeadline = 30s;

bool processExists(qint64 pid)
{
    return pid > 0 && QFileInfo::exists(u"/proc/%1"_s.arg(pid));
}

// C0 (version 3) + C1 (time 0, zero field, 1528 bytes of a fixed pattern).
QByteArray clientC0C1()
{
    QByteArray bytes(1537, '\0');
    bytes[0] = '\x03';
    for (int i = 9; i < bytes.size(); ++i)
        bytes[i] = static_cast<char>((i * 7 + 13) & 0xFF);
    return bytes;
}

QByteArray clientC2()
{
    return QByteArray(1536, '\x5A');
}

QByteArray amf0String(const QByteArray& text)
{
    QByteArray bytes;
    bytes.append('\x02');
    bytes.append(static_cast<char>((text.size() >> 8) & 0xFF));
    bytes.append(static_cast<char>(text.size() & 0xFF));
    return bytes + text;
}

// A minimal `connect` command in one chunk (body shorter than 128 bytes).
QByteArray connectCommand()
{
    QByteArray body = amf0String("connect");
    body += QByteArray::fromHex("003FF0000000000000"); // number 1.0 (transaction id)
    body += '\x03';                                    // object
    body += QByteArray::fromHex("0003") + "app" + amf0String("live");
    body += QByteArray::fromHex("000009"); // object end
    QByteArray message = QByteArray::fromHex("03000000");
    message.append(static_cast<char>(0));
    message.append(static_cast<char>(0));
    message.append(static_cast<char>(body.size()));
    message += QByteArray::fromHex("1400000000");
    return message + body;
}

QStringList ffmpegPublishArguments(const QString& url)
{
    return {u"-hide_banner"_s, u"-nostdin"_s,    u"-loglevel"_s,
            u"error"_s,        u"-re"_s,         u"-f"_s,
            u"lavfi"_s,        u"-i"_s,          u"testsrc=size=160x120:rate=15"_s,
            u"-t"_s,           u"1"_s,           u"-c:v"_s,
            u"flv1"_s,         u"-rw_timeout"_s, u"5000000"_s,
            u"-f"_s,           u"flv"_s,         url};
}

QString readFile(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
}

// Sends a CONNECT for 127.0.0.1:<targetPort> through the proxy and returns
// the response header block, or nullopt when none arrived in time.
std::optional<QByteArray> proxyConnect(QTcpSocket& socket, quint16 proxyPort, quint16 targetPort,
                                       const QByteArray& authorization = {})
{
    socket.connectToHost(QHostAddress(QHostAddress::LocalHost), proxyPort);
    if (!socket.waitForConnected(5000))
        return std::nullopt;
    QByteArray request = "CONNECT 127.0.0.1:" + QByteArray::number(targetPort) +
                         " HTTP/1.1\r\nHost: 127.0.0.1:" + QByteArray::number(targetPort) + "\r\n";
    if (!authorization.isEmpty())
        request += "Proxy-Authorization: " + authorization + "\r\n";
    socket.write(request + "\r\n");
    QByteArray response;
    while (!response.contains("\r\n\r\n")) {
        if (!socket.waitForReadyRead(5000))
            break;
        response += socket.readAll();
    }
    if (response.isEmpty())
        return std::nullopt;
    return response.left(response.indexOf("\r\n\r\n") + 4);
}

} // namespace

class tst_Fixtures : public QObject
{
    Q_OBJECT

private slots:
    void freePortsAreDistinctAndBindable();
    void missingToolIsReported();
    void requireToolFailsOnlyUnderCi_data();
    void requireToolFailsOnlyUnderCi();
    void managedProcessReportsEarlyExit();
    void managedProcessEscalatesToKill();
    void managedProcessDestructorKills();

    void nginxLiveAcceptsFfmpegPublish();
    void nginxDeniedRefusesPublish();
    void nginxCallbackDecidesOnStreamName_data();
    void nginxCallbackDecidesOnStreamName();
    void nginxUnknownApplicationFailsRtmpdump();
    void nginxHttpPortAnswersHttp();
    void nginxMissingModuleIsToolMissing();

    void stunnelCertificateVerification_data();
    void stunnelCertificateVerification();
    void stunnelResetsPlainRtmp();
    void stunnelForwardsRtmpsToNginx();

    void tinyproxyBasicAuth();
    void tinyproxyConnectPortAllowList();
    void tinyproxyOpenAllowsAnyPort();

    void scriptedPeerBehaviour_data();
    void scriptedPeerBehaviour();
    void scriptedPeerServesWhileTestThreadBlocks();
    void scriptedPeerDestructorClosesEverything();

    void loopbackDropMakesConnectTimeOut();
    void loopbackRejectFailsConnectAtOnce_data();
    void loopbackRejectFailsConnectAtOnce();

    void serverFixturesLeaveNoProcessBehind();
};

void tst_Fixtures::freePortsAreDistinctAndBindable()
{
    QSet<quint16> seen;
    for (int i = 0; i < 20; ++i) {
        const quint16 port = rd::test::FreePort::pick();
        QVERIFY(port != 0);
        QVERIFY2(!seen.contains(port), qPrintable(u"port %1 handed out twice"_s.arg(port)));
        seen.insert(port);
        QTcpServer server;
        QVERIFY2(server.listen(QHostAddress(QHostAddress::LocalHost), port),
                 qPrintable(server.errorString()));
    }
}

void tst_Fixtures::missingToolIsReported()
{
    QCOMPARE(rd::test::findTool(u"rtmpdoctor-no-such-program"_s), QString());
    QVERIFY(!rd::test::findTool(u"nginx"_s).isEmpty()); // lives in /usr/sbin, often not on PATH

    rd::test::ManagedProcess process(u"ghost"_s);
    const rd::test::StartResult result = process.start(u"rtmpdoctor-no-such-program"_s, {}, QDir::tempPath(),
                                                       QDir::tempPath() + u"/unused.log"_s);
    QCOMPARE(result.status, rd::test::StartResult::Status::ToolMissing);
    QVERIFY(result.message.contains(u"rtmpdoctor-no-such-program"_s));
}

void tst_Fixtures::managedProcessReportsEarlyExit()
{
    RD_REQUIRE_TOOL(u"false"_s);
    QTemporaryDir dir;
    rd::test::ManagedProcess process(u"false"_s);
    QVERIFY(process.start(u"false"_s, {}, dir.path(), dir.filePath(u"out.log"_s)).ok());
    const quint16 port = rd::test::FreePort::pick();
    const rd::test::StartResult ready = process.waitUntilListening(port, 5s);
    QCOMPARE(ready.status, rd::test::StartResult::Status::ExitedEarly);
    QCOMPARE(process.exitCode(), 1);
}

void tst_Fixtures::managedProcessEscalatesToKill()
{
    RD_REQUIRE_TOOL(u"python3"_s);
    QTemporaryDir dir;
    rd::test::ManagedProcess process(u"stubborn"_s);
    // Ignores SIGTERM, prints a line once it does, so the test knows when.
    const QString script = u"import signal,sys,time\n"
                           u"signal.signal(signal.SIGTERM, signal.SIG_IGN)\n"
                           u"print('ignoring', flush=True)\n"
                           u"time.sleep(60)\n"_s;
    QVERIFY(process.start(u"python3"_s, {u"-c"_s, script}, dir.path(), dir.filePath(u"out.log"_s)).ok());
    const qint64 pid = process.pid();
    QVERIFY(pid > 0);
    QTRY_VERIFY_WITH_TIMEOUT(readFile(dir.filePath(u"out.log"_s)).contains(u"ignoring"_s), 10000);

    // Nothing listens: the readiness poll must give up at its deadline.
    const rd::test::StartResult ready = process.waitUntilListening(rd::test::FreePort::pick(), 300ms);
    QCOMPARE(ready.status, rd::test::StartResult::Status::NotListening);
    QVERIFY(process.isRunning());

    QElapsedTimer clock;
    clock.start();
    process.stop(500ms);
    QVERIFY(!processExists(pid));
    QVERIFY(!process.isRunning());
    QVERIFY2(clock.elapsed() >= 500,
             "SIGTERM was ignored, so only the SIGKILL after the grace period ends it");
    QVERIFY2(clock.elapsed() < 6000, qPrintable(u"stop took %1 ms"_s.arg(clock.elapsed())));
}

void tst_Fixtures::managedProcessDestructorKills()
{
    RD_REQUIRE_TOOL(u"sleep"_s);
    QTemporaryDir dir;
    qint64 pid = 0;
    {
        rd::test::ManagedProcess process(u"sleeper"_s);
        QVERIFY(process.start(u"sleep"_s, {u"60"_s}, dir.path(), dir.filePath(u"out.log"_s)).ok());
        pid = process.pid();
        QVERIFY(processExists(pid));
    }
    QVERIFY(!processExists(pid));
}

void tst_Fixtures::nginxLiveAcceptsFfmpegPublish()
{
    RD_REQUIRE_TOOL(u"ffmpeg"_s);
    rd::test::NginxRtmpFixture nginx;
    RD_START_FIXTURE(nginx);

    const QString url = nginx.urlFor(u"live"_s, u"test"_s).toString();
    QCOMPARE(url, u"rtmp://127.0.0.1:%1/live/test"_s.arg(nginx.rtmpPort()));
    const rd::test::ToolRun run = rd::test::runTool(u"ffmpeg"_s, ffmpegPublishArguments(url), clientDeadline);
    QVERIFY2(run.finishedWith(0), qPrintable(run.describe()));
    QVERIFY2(nginx.errorLog().contains(u"publish: name='test'"_s), qPrintable(nginx.logTail()));
}

void tst_Fixtures::nginxDeniedRefusesPublish()
{
    RD_REQUIRE_TOOL(u"ffmpeg"_s);
    rd::test::NginxRtmpFixture nginx;
    RD_START_FIXTURE(nginx);

    const rd::test::ToolRun run = rd::test::runTool(
        u"ffmpeg"_s, ffmpegPublishArguments(nginx.urlFor(u"denied"_s, u"test"_s).toString()), clientDeadline);
    QCOMPARE(run.status, rd::test::ToolRun::Status::Finished);
    QVERIFY2(run.exitCode != 0, qPrintable(run.describe()));
    QVERIFY2(run.standardError.contains("Broken pipe"), qPrintable(run.describe()));
    QVERIFY2(nginx.errorLog().contains(u"publish: name='test'"_s), qPrintable(nginx.logTail()));
}

void tst_Fixtures::nginxCallbackDecidesOnStreamName_data()
{
    QTest::addColumn<QString>("stream");
    QTest::addColumn<bool>("accepted");
    QTest::addColumn<int>("httpStatus");

    QTest::newRow("ok1 is allowed") << u"ok1"_s << true << 200;
    QTest::newRow("okay is allowed") << u"okay"_s << true << 200;
    QTest::newRow("bad is refused") << u"bad"_s << false << 403;
    QTest::newRow("not-ok is refused") << u"not-ok"_s << false << 403;
    QTest::newRow("oops is refused") << u"oops"_s << false << 403;
}

void tst_Fixtures::nginxCallbackDecidesOnStreamName()
{
    QFETCH(QString, stream);
    QFETCH(bool, accepted);
    QFETCH(int, httpStatus);
    RD_REQUIRE_TOOL(u"ffmpeg"_s);
    rd::test::NginxRtmpFixture nginx;
    RD_START_FIXTURE(nginx);

    const rd::test::ToolRun run = rd::test::runTool(
        u"ffmpeg"_s, ffmpegPublishArguments(nginx.urlFor(u"callback"_s, stream).toString()), clientDeadline);
    QCOMPARE(run.status, rd::test::ToolRun::Status::Finished);
    QVERIFY2((run.exitCode == 0) == accepted, qPrintable(run.describe()));

    // The decision really came from the HTTP location, with the name as argument.
    const QString access = readFile(nginx.filePath(u"access.log"_s));
    const QRegularExpression callLine(u"\"GET /on_publish\\?[^\"]*name=%1[&\" ][^\"]*\" (\\d{3}) "_s.arg(
        QRegularExpression::escape(stream)));
    const QRegularExpressionMatch match = callLine.match(access);
    QVERIFY2(match.hasMatch(), qPrintable(access));
    QCOMPARE(match.captured(1).toInt(), httpStatus);
}

void tst_Fixtures::nginxUnknownApplicationFailsRtmpdump()
{
    RD_REQUIRE_TOOL(u"rtmpdump"_s);
    rd::test::NginxRtmpFixture nginx;
    RD_START_FIXTURE(nginx);

    const rd::test::ToolRun run =
        rd::test::runTool(u"rtmpdump"_s,
                          {u"-r"_s, nginx.urlFor(u"nosuchapp"_s, u"test"_s).toString(), u"-m"_s, u"5"_s,
                           u"-o"_s, u"/dev/null"_s},
                          clientDeadline);
    QCOMPARE(run.status, rd::test::ToolRun::Status::Finished);
    QVERIFY2(run.exitCode != 0, qPrintable(run.describe()));
    QVERIFY2(nginx.errorLog().contains(u"application not found: 'nosuchapp'"_s), qPrintable(nginx.logTail()));
}

void tst_Fixtures::nginxHttpPortAnswersHttp()
{
    rd::test::NginxRtmpFixture nginx;
    RD_START_FIXTURE(nginx);

    const RawExchange page =
        rd::test::exchangeRaw(nginx.httpPort(), "GET / HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n", 5s);
    QCOMPARE(page.ending, RawExchange::Ending::PeerClosed);
    QVERIFY2(page.received.startsWith("HTTP/1.1 200 OK\r\n"), qPrintable(page.describe()));
    QVERIFY(page.received.endsWith("RTMP Doctor test web page (plain HTTP, not RTMP)\n"));

    // An RTMP handshake sent to the web port: 400 and a close, as the notes describe.
    const RawExchange handshake = rd::test::exchangeRaw(nginx.httpPort(), clientC0C1(), 5s);
    QCOMPARE(handshake.ending, RawExchange::Ending::PeerClosed);
    QVERIFY2(handshake.received.startsWith("HTTP/1.1 400 Bad Request\r\n"), qPrintable(handshake.describe()));
}

void tst_Fixtures::nginxMissingModuleIsToolMissing()
{
    const QByteArray previous = qgetenv("RTMPDOCTOR_NGINX_RTMP_MODULE");
    qputenv("RTMPDOCTOR_NGINX_RTMP_MODULE", "/nonexistent/ngx_rtmp_module.so");
    rd::test::NginxRtmpFixture nginx;
    const rd::test::StartResult result = nginx.start();
    if (previous.isEmpty())
        qunsetenv("RTMPDOCTOR_NGINX_RTMP_MODULE");
    else
        qputenv("RTMPDOCTOR_NGINX_RTMP_MODULE", previous);
    QCOMPARE(result.status, rd::test::StartResult::Status::ToolMissing);
    QVERIFY(result.message.contains(u"/nonexistent/ngx_rtmp_module.so"_s));
    QCOMPARE(nginx.pid(), 0);
}

void tst_Fixtures::stunnelCertificateVerification_data()
{
    QTest::addColumn<rd::test::CertificateKind>("variant");
    QTest::addColumn<bool>("capAtTls12");
    QTest::addColumn<int>("verifyCode");
    QTest::addColumn<QString>("protocol");

    using Kind = rd::test::CertificateKind;
    QTest::newRow("good") << Kind::Good << false << 0 << u"TLSv1.3"_s;
    QTest::newRow("good, TLS 1.2 cap") << Kind::Good << true << 0 << u"TLSv1.2"_s;
    QTest::newRow("expired") << Kind::Expired << false << 10 << QString();
    QTest::newRow("wrong host") << Kind::WrongHost << false << 62 << QString();
    QTest::newRow("self-signed") << Kind::SelfSigned << false << 18 << QString();
}

void tst_Fixtures::stunnelCertificateVerification()
{
    QFETCH(rd::test::CertificateKind, variant);
    QFETCH(bool, capAtTls12);
    QFETCH(int, verifyCode);
    QFETCH(QString, protocol);
    RD_REQUIRE_TOOL(u"openssl"_s);

    ScriptedPeer backend(ScriptedPeer::Behaviour::Silent);
    QVERIFY2(backend.isListening(), qPrintable(backend.errorString()));
    rd::test::StunnelFixture stunnel(backend.port(), variant, {capAtTls12});
    RD_START_FIXTURE(stunnel);
    QCOMPARE(stunnel.expectedOpenSslVerifyCode(), verifyCode);

    const rd::test::ToolRun run =
        rd::test::runTool(u"openssl"_s,
                          {u"s_client"_s, u"-connect"_s, u"127.0.0.1:%1"_s.arg(stunnel.port()),
                           u"-servername"_s, u"localhost"_s, u"-verify_hostname"_s, u"localhost"_s,
                           u"-verify_return_error"_s, u"-CAfile"_s, stunnel.caCertificatePath()},
                          clientDeadline);
    QCOMPARE(run.status, rd::test::ToolRun::Status::Finished);
    const QString output = QString::fromUtf8(run.combinedOutput());
    if (verifyCode == 0) {
        QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
        QVERIFY2(output.contains(u"Verify return code: 0 (ok)"_s), qPrintable(output));
        QVERIFY2(!output.contains(u"verify error:"_s), qPrintable(output));
        QVERIFY2(output.contains(u"New, %1,"_s.arg(protocol)), qPrintable(output));
    } else {
        QVERIFY2(run.exitCode != 0, qPrintable(run.describe()));
        const QRegularExpressionMatch match = QRegularExpression(u"verify error:num=(\\d+):"_s).match(output);
        QVERIFY2(match.hasMatch(), qPrintable(output));
        QCOMPARE(match.captured(1).toInt(), verifyCode);
    }
}

void tst_Fixtures::stunnelResetsPlainRtmp()
{
    ScriptedPeer backend(ScriptedPeer::Behaviour::HandshakeThenSilent);
    QVERIFY2(backend.isListening(), qPrintable(backend.errorString()));
    rd::test::StunnelFixture stunnel(backend.port(), rd::test::CertificateKind::Good);
    RD_START_FIXTURE(stunnel);

    const RawExchange exchange = rd::test::exchangeRaw(stunnel.port(), clientC0C1(), 5s);
    QVERIFY2(exchange.ending == RawExchange::Ending::PeerReset, qPrintable(exchange.describe()));
    QCOMPARE(exchange.received, QByteArray());
    // stunnel only dials the backend after a TLS handshake, so neither the
    // readiness poll nor the plain bytes reached it.
    QCOMPARE(backend.connectionCount(), 0);
    QCOMPARE(backend.bytesReceived(), qint64(0));
}

void tst_Fixtures::stunnelForwardsRtmpsToNginx()
{
    RD_REQUIRE_TOOL(u"ffmpeg"_s);
    rd::test::NginxRtmpFixture nginx;
    RD_START_FIXTURE(nginx);
    rd::test::StunnelFixture stunnel(nginx.rtmpPort(), rd::test::CertificateKind::Good);
    RD_START_FIXTURE(stunnel);

    // ffmpeg verifies nothing by default; this only proves the TLS path reaches nginx.
    const QString url = u"rtmps://127.0.0.1:%1/live/viatls"_s.arg(stunnel.port());
    const rd::test::ToolRun run = rd::test::runTool(u"ffmpeg"_s, ffmpegPublishArguments(url), clientDeadline);
    QVERIFY2(run.finishedWith(0), qPrintable(run.describe()));
    QVERIFY2(nginx.errorLog().contains(u"publish: name='viatls'"_s), qPrintable(nginx.logTail()));
}

void tst_Fixtures::tinyproxyBasicAuth()
{
    rd::test::NginxRtmpFixture nginx;
    RD_START_FIXTURE(nginx);
    rd::test::TinyproxyFixture proxy(rd::test::TinyproxyFixture::basicAuth(u"alice"_s, u"s3cret"_s));
    RD_START_FIXTURE(proxy);
    QCOMPARE(proxy.proxyAuthorization(), QByteArray("Basic YWxpY2U6czNjcmV0"));

    {
        QTcpSocket socket;
        const auto response = proxyConnect(socket, proxy.port(), nginx.httpPort());
        QVERIFY(response.has_value());
        QVERIFY2(response->startsWith("HTTP/1.0 407 Proxy Authentication Required\r\n"),
                 response->constData());
        QVERIFY2(response->contains("Proxy-Authenticate: Basic"), response->constData());
    }
    {
        QTcpSocket socket;
        const auto response = proxyConnect(socket, proxy.port(), nginx.httpPort(), "Basic YWxpY2U6d3Jvbmc=");
        QVERIFY(response.has_value());
        QVERIFY2(response->startsWith("HTTP/1.0 401 Unauthorized\r\n"), response->constData());
    }
    {
        QTcpSocket socket;
        const auto response =
            proxyConnect(socket, proxy.port(), nginx.httpPort(), proxy.proxyAuthorization());
        QVERIFY(response.has_value());
        QVERIFY2(response->startsWith("HTTP/1.0 200 Connection established\r\n"), response->constData());
        // The tunnel really reaches the web server behind it.
        socket.write("GET / HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n");
        QByteArray page;
        while (socket.waitForReadyRead(5000))
            page += socket.readAll();
        QVERIFY2(page.startsWith("HTTP/1.1 200 OK\r\n"), page.constData());
    }
}

void tst_Fixtures::tinyproxyConnectPortAllowList()
{
    ScriptedPeer allowedTarget(ScriptedPeer::Behaviour::Silent);
    ScriptedPeer otherTarget(ScriptedPeer::Behaviour::Silent);
    QVERIFY(allowedTarget.isListening() && otherTarget.isListening());
    rd::test::TinyproxyFixture proxy(
        rd::test::TinyproxyFixture::connectOnlySomePorts({allowedTarget.port()}));
    RD_START_FIXTURE(proxy);

    {
        QTcpSocket socket;
        const auto response = proxyConnect(socket, proxy.port(), allowedTarget.port());
        QVERIFY(response.has_value());
        QVERIFY2(response->startsWith("HTTP/1.0 200 Connection established\r\n"), response->constData());
        QTRY_COMPARE_WITH_TIMEOUT(allowedTarget.connectionCount(), 1, 5000);
    }
    {
        QTcpSocket socket;
        const auto response = proxyConnect(socket, proxy.port(), otherTarget.port());
        QVERIFY(response.has_value());
        QVERIFY2(response->startsWith("HTTP/1.1 403 Access violation\r\n"), response->constData());
        QCOMPARE(otherTarget.connectionCount(), 0);
    }
}

void tst_Fixtures::tinyproxyOpenAllowsAnyPort()
{
    ScriptedPeer target(ScriptedPeer::Behaviour::HandshakeThenSilent);
    QVERIFY(target.isListening());
    rd::test::TinyproxyFixture proxy;
    RD_START_FIXTURE(proxy);
    QCOMPARE(proxy.proxyAuthorization(), QByteArray());

    QTcpSocket socket;
    const auto response = proxyConnect(socket, proxy.port(), target.port());
    QVERIFY(response.has_value());
    QVERIFY2(response->startsWith("HTTP/1.0 200 Connection established\r\n"), response->constData());
    // An RTMP handshake through the tunnel.
    socket.write(clientC0C1());
    QByteArray reply;
    while (reply.size() < 3073 && socket.waitForReadyRead(5000))
        reply += socket.readAll();
    QCOMPARE(reply.size(), 3073);
    QCOMPARE(reply.at(0), '\x03');
    QCOMPARE(reply.mid(1537), clientC0C1().mid(1));
}

void tst_Fixtures::scriptedPeerBehaviour_data()
{
    QTest::addColumn<ScriptedPeer::Behaviour>("behaviour");
    QTest::addColumn<QByteArray>("request");
    QTest::addColumn<int>("deadlineMs");
    QTest::addColumn<qsizetype>("enoughBytes");
    QTest::addColumn<RawExchange::Ending>("ending");
    QTest::addColumn<qsizetype>("receivedSize");
    // Expected bytes at `expectedOffset` of what the client received.
    QTest::addColumn<qsizetype>("expectedOffset");
    QTest::addColumn<QByteArray>("expectedBytes");

    using B = ScriptedPeer::Behaviour;
    using E = RawExchange::Ending;
    const QByteArray c0c1 = clientC0C1();
    const QByteArray handshake = c0c1 + clientC2();
    const QByteArray withConnect = handshake + connectCommand();
    const QByteArray handshakeReplyStart = QByteArray::fromHex("03");

    QTest::newRow("Silent") << B::Silent << c0c1 << 600 << qsizetype(-1) << E::DeadlineReached << qsizetype(0)
                            << qsizetype(0) << QByteArray();
    QTest::newRow("CloseAfterC0C1") << B::CloseAfterC0C1 << c0c1 << 5000 << qsizetype(-1) << E::PeerClosed
                                    << qsizetype(0) << qsizetype(0) << QByteArray();
    QTest::newRow("CloseAfterC0C1, C0 only")
        << B::CloseAfterC0C1 << c0c1.left(1) << 600 << qsizetype(-1) << E::DeadlineReached << qsizetype(0)
        << qsizetype(0) << QByteArray();
    QTest::newRow("ResetAfterC0C1") << B::ResetAfterC0C1 << c0c1 << 5000 << qsizetype(-1) << E::PeerReset
                                    << qsizetype(0) << qsizetype(0) << QByteArray();
    const QByteArray http400 = "HTTP/1.1 400 Bad Request\r\n";
    QTest::newRow("AnswerHttp400") << B::AnswerHttp400 << c0c1 << 5000 << qsizetype(-1) << E::PeerClosed
                                   << qsizetype(-1) << qsizetype(0) << http400;
    QTest::newRow("AnswerTlsAlert") << B::AnswerTlsAlert << c0c1 << 5000 << qsizetype(-1) << E::PeerClosed
                                    << qsizetype(7) << qsizetype(0) << QByteArray::fromHex("15030300020228");
    QTest::newRow("AnswerRtmpeVersion")
        << B::AnswerRtmpeVersion << c0c1 << 600 << qsizetype(-1) << E::DeadlineReached << qsizetype(1537)
        << qsizetype(0) << QByteArray::fromHex("06");
    QTest::newRow("Garbage") << B::Garbage << c0c1 << 600 << qsizetype(-1) << E::DeadlineReached
                             << qsizetype(3073) << qsizetype(0) << QByteArray::fromHex("EE");
    // Bytes go out at about 0 s and 1 s; the deadline falls half-way to the third.
    QTest::newRow("OneBytePerSecond")
        << B::OneBytePerSecond << c0c1 << 1500 << qsizetype(-1) << E::DeadlineReached << qsizetype(2)
        << qsizetype(0) << handshakeReplyStart;
    QTest::newRow("HandshakeThenSilent")
        << B::HandshakeThenSilent << handshake << 600 << qsizetype(-1) << E::DeadlineReached
        << qsizetype(3073) << qsizetype(1537) << c0c1.mid(1);
    QTest::newRow("HandshakeThenSilent, no C2")
        << B::HandshakeThenSilent << c0c1 << 600 << qsizetype(-1) << E::DeadlineReached << qsizetype(3073)
        << qsizetype(0) << handshakeReplyStart;
    QTest::newRow("HandshakeThenGarbage")
        << B::HandshakeThenGarbage << handshake << 600 << qsizetype(-1) << E::DeadlineReached
        << qsizetype(3073 + 512) << qsizetype(3073) << QByteArray::fromHex("FF");
    QTest::newRow("HandshakeThenCloseAfterConnect")
        << B::HandshakeThenCloseAfterConnect << withConnect << 5000 << qsizetype(-1) << E::PeerClosed
        << qsizetype(3073) << qsizetype(1537) << c0c1.mid(1);
    QTest::newRow("HandshakeThenCloseAfterConnect, no connect")
        << B::HandshakeThenCloseAfterConnect << handshake << 600 << qsizetype(-1) << E::DeadlineReached
        << qsizetype(3073) << qsizetype(0) << handshakeReplyStart;
    QTest::newRow("HandshakeThenHugeChunkSize")
        << B::HandshakeThenHugeChunkSize << handshake << 600 << qsizetype(-1) << E::DeadlineReached
        << qsizetype(3073 + 16) << qsizetype(3073) << QByteArray::fromHex("0200000000000401000000007FFFFFFF");
    QTest::newRow("HandshakeThenAnnounce16MB")
        << B::HandshakeThenAnnounce16MB << handshake << 1500 << qsizetype(-1) << E::DeadlineReached
        << qsizetype(3073 + 12 + 2) << qsizetype(3073) << QByteArray::fromHex("03000000FFFFFF14000000000000");
    QTest::newRow("HandshakeThenEndlessData")
        << B::HandshakeThenEndlessData << handshake << 10000 << qsizetype(3073 + 4 * 1024 * 1024)
        << E::EnoughBytes << qsizetype(-1) << qsizetype(3073)
        << QByteArray::fromHex("040000000000800801000000AF01");
    QTest::newRow("AcceptThenClose") << B::AcceptThenClose << QByteArray() << 5000 << qsizetype(-1)
                                     << E::PeerClosed << qsizetype(0) << qsizetype(0) << QByteArray();
    QTest::newRow("AcceptThenReset") << B::AcceptThenReset << QByteArray() << 5000 << qsizetype(-1)
                                     << E::PeerReset << qsizetype(0) << qsizetype(0) << QByteArray();
}

void tst_Fixtures::scriptedPeerBehaviour()
{
    QFETCH(ScriptedPeer::Behaviour, behaviour);
    QFETCH(QByteArray, request);
    QFETCH(int, deadlineMs);
    QFETCH(qsizetype, enoughBytes);
    QFETCH(RawExchange::Ending, ending);
    QFETCH(qsizetype, receivedSize);
    QFETCH(qsizetype, expectedOffset);
    QFETCH(QByteArray, expectedBytes);

    ScriptedPeer peer(behaviour);
    QVERIFY2(peer.isListening(), qPrintable(peer.errorString()));
    QCOMPARE(peer.behaviour(), behaviour);

    const RawExchange exchange =
        rd::test::exchangeRaw(peer.port(), request, std::chrono::milliseconds(deadlineMs), enoughBytes);
    QVERIFY2(exchange.ending == ending,
             qPrintable(u"expected %1, got %2"_s.arg(RawExchange::endingName(ending), exchange.describe())));
    if (receivedSize >= 0)
        QCOMPARE(exchange.received.size(), receivedSize);
    QCOMPARE(exchange.received.mid(expectedOffset, expectedBytes.size()), expectedBytes);

    QTRY_COMPARE_WITH_TIMEOUT(peer.connectionCount(), 1, 5000);
    QTRY_COMPARE_WITH_TIMEOUT(peer.bytesReceived(), qint64(request.size()), 5000);
    QVERIFY(peer.bytesSent() >= exchange.received.size());
}

void tst_Fixtures::scriptedPeerServesWhileTestThreadBlocks()
{
    ScriptedPeer peer(ScriptedPeer::Behaviour::HandshakeThenSilent);
    QVERIFY(peer.isListening());

    QTcpSocket first;
    QTcpSocket second;
    first.connectToHost(QHostAddress(QHostAddress::LocalHost), peer.port());
    second.connectToHost(QHostAddress(QHostAddress::LocalHost), peer.port());
    QVERIFY(first.waitForConnected(5000));
    QVERIFY(second.waitForConnected(5000));
    QTRY_COMPARE_WITH_TIMEOUT(peer.connectionCount(), 2, 5000);

    first.write(clientC0C1());
    QTRY_COMPARE_WITH_TIMEOUT(first.bytesAvailable(), qint64(3073), 5000);
    const QByteArray reply = first.readAll();
    QCOMPARE(reply.at(0), '\x03');
    QCOMPARE(reply.mid(5, 4), QByteArray(4, '\0'));
    QCOMPARE(reply.mid(1537), clientC0C1().mid(1));
    QCOMPARE(second.bytesAvailable(), qint64(0)); // each connection has its own state
    QCOMPARE(peer.bytesReceived(), qint64(1537));
}

void tst_Fixtures::scriptedPeerDestructorClosesEverything()
{
    auto peer = std::make_unique<ScriptedPeer>(ScriptedPeer::Behaviour::Silent);
    QVERIFY(peer->isListening());
    const quint16 port = peer->port();
    QTcpSocket socket;
    socket.connectToHost(QHostAddress(QHostAddress::LocalHost), port);
    QVERIFY(socket.waitForConnected(5000));
    QTRY_COMPARE_WITH_TIMEOUT(peer->connectionCount(), 1, 5000);

    peer.reset();
    QTRY_COMPARE_WITH_TIMEOUT(socket.state(), QAbstractSocket::UnconnectedState, 5000);
    const RawExchange again = rd::test::exchangeRaw(port, {}, 2s);
    QVERIFY2(again.ending == RawExchange::Ending::ConnectRefused, qPrintable(again.describe()));
}

void tst_Fixtures::loopbackDropMakesConnectTimeOut()
{
    QString whyNot;
    if (!rd::test::LoopbackDrop::available(&whyNot))
        QSKIP(qPrintable(whyNot));

    ScriptedPeer peer(ScriptedPeer::Behaviour::Silent);
    QVERIFY(peer.isListening());
    const QString comment = u"rtmpdoctor-test-pid-%1"_s.arg(QCoreApplication::applicationPid());
    {
        rd::test::LoopbackDrop drop(peer.port());
        QVERIFY2(drop.isActive(), qPrintable(drop.errorString()));
        const rd::test::ToolRun rules = rd::test::runTool(u"iptables"_s, {u"-S"_s, u"INPUT"_s}, 15s);
        QVERIFY(QString::fromUtf8(rules.standardOutput).contains(comment));

        QTcpSocket socket;
        socket.connectToHost(QHostAddress(QHostAddress::LocalHost), peer.port());
        QVERIFY(!socket.waitForConnected(1500));
        QCOMPARE(socket.error(), QAbstractSocket::SocketTimeoutError);

        const RawExchange raw = rd::test::exchangeRaw(peer.port(), {}, 1s);
        QVERIFY2(raw.ending == RawExchange::Ending::ConnectTimedOut, qPrintable(raw.describe()));
        QCOMPARE(peer.connectionCount(), 0);
    }
    const rd::test::ToolRun rules = rd::test::runTool(u"iptables"_s, {u"-S"_s, u"INPUT"_s}, 15s);
    QVERIFY(!QString::fromUtf8(rules.standardOutput).contains(comment));
    const RawExchange raw = rd::test::exchangeRaw(peer.port(), {}, 300ms);
    QVERIFY2(raw.ending == RawExchange::Ending::DeadlineReached, qPrintable(raw.describe()));
    QTRY_COMPARE_WITH_TIMEOUT(peer.connectionCount(), 1, 5000);
}

void tst_Fixtures::loopbackRejectFailsConnectAtOnce_data()
{
    QTest::addColumn<rd::test::LoopbackDrop::Action>("action");
    QTest::addColumn<RawExchange::Ending>("ending");
    QTest::addColumn<int>("errorNumber");
    QTest::addColumn<QAbstractSocket::SocketError>("socketError");

    QTest::newRow("admin-prohibited")
        << rd::test::LoopbackDrop::Action::RejectAdminProhibited << RawExchange::Ending::OtherError
        << int(EHOSTUNREACH) << QAbstractSocket::NetworkError;
    QTest::newRow("tcp-reset") << rd::test::LoopbackDrop::Action::RejectTcpReset
                               << RawExchange::Ending::ConnectRefused << int(ECONNREFUSED)
                               << QAbstractSocket::ConnectionRefusedError;
}

void tst_Fixtures::loopbackRejectFailsConnectAtOnce()
{
    QFETCH(rd::test::LoopbackDrop::Action, action);
    QFETCH(RawExchange::Ending, ending);
    QFETCH(int, errorNumber);
    QFETCH(QAbstractSocket::SocketError, socketError);
    QString whyNot;
    if (!rd::test::LoopbackDrop::available(&whyNot))
        QSKIP(qPrintable(whyNot));

    ScriptedPeer peer(ScriptedPeer::Behaviour::Silent);
    QVERIFY(peer.isListening());
    const rd::test::LoopbackDrop reject(peer.port(), action);
    QVERIFY2(reject.isActive(), qPrintable(reject.errorString()));
    QCOMPARE(reject.action(), action);

    const RawExchange raw = rd::test::exchangeRaw(peer.port(), {}, 5s);
    QVERIFY2(raw.ending == ending, qPrintable(raw.describe()));
    QCOMPARE(raw.errorNumber, errorNumber);
    QVERIFY2(raw.elapsed < 3s, qPrintable(raw.describe()));

    // Asynchronous, as the probes use it (a blocking waitForConnected reports
    // EHOSTUNREACH as UnfinishedSocketOperationError instead).
    QTcpSocket socket;
    QSignalSpy errors(&socket, &QAbstractSocket::errorOccurred);
    socket.connectToHost(QHostAddress(QHostAddress::LocalHost), peer.port());
    QTRY_COMPARE_WITH_TIMEOUT(errors.count(), 1, 10000);
    QCOMPARE(errors.at(0).at(0).value<QAbstractSocket::SocketError>(), socketError);
    QCOMPARE(socket.state(), QAbstractSocket::UnconnectedState);
    QCOMPARE(peer.connectionCount(), 0);
}

void tst_Fixtures::serverFixturesLeaveNoProcessBehind()
{
    qint64 nginxPid = 0;
    qint64 stunnelPid = 0;
    qint64 proxyPid = 0;
    {
        rd::test::NginxRtmpFixture nginx;
        RD_START_FIXTURE(nginx);
        rd::test::StunnelFixture stunnel(nginx.rtmpPort(), rd::test::CertificateKind::Good);
        RD_START_FIXTURE(stunnel);
        rd::test::TinyproxyFixture proxy;
        RD_START_FIXTURE(proxy);
        nginxPid = nginx.pid();
        stunnelPid = stunnel.pid();
        proxyPid = proxy.pid();
        QVERIFY(processExists(nginxPid) && processExists(stunnelPid) && processExists(proxyPid));
        QVERIFY(rd::test::processListensOn(nginxPid, nginx.rtmpPort()));
        QVERIFY(rd::test::processListensOn(nginxPid, nginx.httpPort()));
        QVERIFY(!rd::test::processListensOn(stunnelPid, nginx.rtmpPort()));

        // stop() is explicit and idempotent; the destructor then has nothing left to do.
        proxy.stop();
        QVERIFY(!processExists(proxyPid));
        proxy.stop();
    }
    QVERIFY(!processExists(nginxPid));
    QVERIFY(!processExists(stunnelPid));
}

// Run as a child process by requireToolFailsOnlyUnderCi: QSKIP/QFAIL end the
// test function, so their outcome can only be observed from outside.
class tst_MissingToolChild : public QObject
{
    Q_OBJECT

private slots:
    void requireMissingTool()
    {
        RD_REQUIRE_TOOL(u"rtmpdoctor-no-such-program"_s);
        QFAIL("RD_REQUIRE_TOOL let a missing program through");
    }
    void startFixtureWithMissingModule()
    {
        qputenv("RTMPDOCTOR_NGINX_RTMP_MODULE", "/nonexistent/ngx_rtmp_module.so");
        rd::test::NginxRtmpFixture nginx;
        RD_START_FIXTURE(nginx);
        QFAIL("RD_START_FIXTURE let a missing module through");
    }
};

void tst_Fixtures::requireToolFailsOnlyUnderCi_data()
{
    QTest::addColumn<QString>("ciValue");
    QTest::addColumn<bool>("mustFail");

    QTest::newRow("developer machine") << QString() << false;
    QTest::newRow("CI=false") << u"false"_s << false;
    QTest::newRow("CI=true") << u"true"_s << true;
    QTest::newRow("CI=1") << u"1"_s << true;
}

void tst_Fixtures::requireToolFailsOnlyUnderCi()
{
    QFETCH(QString, ciValue);
    QFETCH(bool, mustFail);

    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(u"RTMPDOCTOR_FIXTURES_CHILD"_s, u"missing-tool"_s);
    environment.remove(u"CI"_s);
    if (!ciValue.isNull())
        environment.insert(u"CI"_s, ciValue);
    QProcess child;
    child.setProcessEnvironment(environment);
    child.setProcessChannelMode(QProcess::MergedChannels);
    child.start(QCoreApplication::applicationFilePath(), {});
    QVERIFY(child.waitForStarted(5000));
    if (!child.waitForFinished(30000)) {
        child.kill();
        child.waitForFinished(5000);
        QFAIL("the child test run did not finish within 30 s");
    }
    const QString output = QString::fromUtf8(child.readAll());
    QCOMPARE(child.exitStatus(), QProcess::NormalExit);
    // Qt Test's exit code is the number of failed test functions.
    QVERIFY2(child.exitCode() == (mustFail ? 2 : 0), qPrintable(output));
    const QString expectedLine =
        mustFail ? u"FAIL!  : tst_MissingToolChild::"_s : u"SKIP   : tst_MissingToolChild::"_s;
    QCOMPARE(output.count(expectedLine), 2);
    QVERIFY2(output.contains(u"rtmpdoctor-no-such-program"_s), qPrintable(output));
    QVERIFY2(output.contains(u"/nonexistent/ngx_rtmp_module.so"_s), qPrintable(output));
    QCOMPARE(output.contains(u"CI is set"_s), mustFail);
}

int main(int argc, char** argv)
{
    QCoreApplication application(argc, argv);
    QTEST_SET_MAIN_SOURCE_PATH
    if (qEnvironmentVariable("RTMPDOCTOR_FIXTURES_CHILD") == "missing-tool"_L1) {
        tst_MissingToolChild child;
        return QTest::qExec(&child, argc, argv);
    }
    tst_Fixtures test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_fixtures.moc"
