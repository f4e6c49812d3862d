// RtmptProbe against a minimal RTMPT server written here (a TEST PEER, not a
// media server: nginx-rtmp has no RTMPT), directly, through a real tinyproxy
// (which closes the connection after every answer) and inside a real stunnel
// (RTMPTS); and against nginx's plain HTTP port and nginx-rtmp's RTMP port.

#include "engine/workerpool.h"
#include "freeport.h"
#include "nginxrtmpfixture.h"
#include "probe/rtmpconversation.h"
#include "probe/rtmptprobe.h"
#include "proberunner.h"
#include "stunnelfixture.h"
#include "testtools.h"
#include "tinyproxyfixture.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QHash>
#include <QPointer>
#include <QRandomGenerator>
#include <QSslSocket>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

#include <memory>
#include <optional>

using namespace Qt::StringLiterals;
using namespace rd;
using rd::test::describe;
using rd::test::ProbeRunner;
using rd::test::shortTimeouts;

Q_DECLARE_METATYPE(rd::ProbeStatus)

namespace {

constexpr int kResultWaitMs = 20000;

// ---------------------------------------------------------------------------
// TEST PEER: the smallest RTMPT server that completes a simple handshake.
// /fcs/ident2 -> 404; /open/1 -> session id; /send and /idle -> polling byte
// + pending server bytes (at most maxBytesPerReply per answer, so the client
// has to poll); /close -> 0x00. The RTMP side echoes: once C0+C1 are in it
// queues S0 = 3, S1 (time, zero, random), S2 = copy of C1.
class RtmptTestPeer : public QObject
{
public:
    enum class Mode
    {
        EchoHandshake,
        NeverAnswer,    // sessions open, but no RTMP byte ever comes back
        Garbage,        // answers C0+C1 with bytes that are not RTMP
        HtmlOnOpen,     // /open/1 -> 200 text/html page
        NotFoundOnOpen, // /open/1 -> 404 text/html
        NoPollingByte,  // /send -> 200 with an empty body
    };

    struct Options
    {
        Mode mode = Mode::EchoHandshake;
        qsizetype maxBytesPerReply = 1000;
        quint8 pollingDelay = 1;
        bool keepAlive = true;
        bool s2OnlyAfterC2 = false; // like servers that wait for C2 before sending S2
    };

    struct Request
    {
        QByteArray method;
        QByteArray path;   // origin form, also when the client sent an absolute URI
        QByteArray target; // as sent
        qint64 atMs = 0;
        int connection = 0;
    };

    explicit RtmptTestPeer(Options options)
        : m_options(options)
    {
        m_clock.start();
        connect(&m_server, &QTcpServer::newConnection, this, &RtmptTestPeer::onNewConnection);
    }

    bool listen() { return m_server.listen(QHostAddress::LocalHost); }
    quint16 port() const { return m_server.serverPort(); }
    const QList<Request>& requests() const { return m_requests; }
    int connections() const { return m_connections; }
    bool c2MatchedS1() const { return m_c2MatchedS1; }
    bool sessionClosed() const { return m_sessionClosed; }

    QStringList commandLog() const
    {
        QStringList log;
        for (const Request& request : m_requests) {
            const QList<QByteArray> parts = request.path.split('/');
            log << QString::fromLatin1(parts.size() > 1 ? parts.at(1) : request.path);
        }
        return log;
    }

private:
    struct Session
    {
        QByteArray fromClient;
        QByteArray toClient;
        QByteArray s1;
        bool answered = false;
        bool c2Seen = false;
    };

    void onNewConnection()
    {
        while (QTcpSocket* socket = m_server.nextPendingConnection()) {
            const int number = ++m_connections;
            auto buffer = std::make_shared<QByteArray>();
            connect(socket, &QTcpSocket::readyRead, this, [this, socket, buffer, number] {
                *buffer += socket->readAll();
                serve(socket, *buffer, number);
            });
            connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        }
    }

    void serve(QTcpSocket* socket, QByteArray& buffer, int connection)
    {
        for (;;) {
            const qsizetype headEnd = buffer.indexOf("\r\n\r\n");
            if (headEnd < 0)
                return;
            const QList<QByteArray> lines = buffer.left(headEnd).split('\n');
            qsizetype contentLength = 0;
            bool clientWantsClose = false;
            for (qsizetype i = 1; i < lines.size(); ++i) {
                const QByteArray line = lines.at(i).trimmed().toLower();
                if (line.startsWith("content-length:"))
                    contentLength = line.mid(15).trimmed().toLongLong();
                if (line.startsWith("connection:") && line.contains("close"))
                    clientWantsClose = true;
            }
            if (buffer.size() < headEnd + 4 + contentLength)
                return;
            const QList<QByteArray> requestLine = lines.first().trimmed().split(' ');
            const QByteArray body = buffer.mid(headEnd + 4, contentLength);
            buffer.remove(0, headEnd + 4 + contentLength);

            Request request;
            request.method = requestLine.value(0);
            request.target = requestLine.value(1);
            request.path = request.target;
            if (request.path.startsWith("http://")) {
                const qsizetype pathStart = request.path.indexOf('/', 7);
                request.path = pathStart < 0 ? "/"_ba : request.path.mid(pathStart);
            }
            request.atMs = m_clock.elapsed();
            request.connection = connection;
            m_requests << request;

            const auto [status, contentType, answer] = handle(request, body);
            const bool close = !m_options.keepAlive || clientWantsClose;
            QByteArray response =
                "HTTP/1.1 " + status + "\r\nContent-Type: " + contentType +
                "\r\nContent-Length: " + QByteArray::number(answer.size()) +
                "\r\nCache-Control: no-cache\r\nConnection: " + (close ? "close"_ba : "Keep-Alive"_ba) +
                "\r\n\r\n" + answer;
            socket->write(response);
            if (close) {
                socket->disconnectFromHost();
                return;
            }
        }
    }

    std::tuple<QByteArray, QByteArray, QByteArray> handle(const Request& request, const QByteArray& body)
    {
        static const QByteArray fcs = "application/x-fcs";
        const QList<QByteArray> parts = request.path.split('/');
        const QByteArray command = parts.value(1);
        if (request.method != "POST")
            return {"400 Bad Request", "text/plain", "Bad request, only RTMPT supported."};
        if (command == "fcs")
            return {"404 Not Found", "text/plain", "no ident"};
        if (command == "open") {
            if (m_options.mode == Mode::HtmlOnOpen)
                return {"200 OK", "text/html", "<html><body>Welcome</body></html>\n"};
            if (m_options.mode == Mode::NotFoundOnOpen)
                return {"404 Not Found", "text/html", "<html><body>Not Found</body></html>\n"};
            const QByteArray id = "S" + QByteArray::number(++m_lastSession) + "x7Q";
            m_sessions.insert(id, Session{});
            return {"200 OK", fcs, id + '\n'};
        }
        const QByteArray id = parts.value(2);
        if (!m_sessions.contains(id))
            return {"400 Bad Request", "text/plain", "unknown client session"};
        Session& session = m_sessions[id];
        if (command == "close") {
            m_sessionClosed = true;
            m_sessions.remove(id);
            return {"200 OK", fcs, QByteArray(1, '\0')};
        }
        if (command == "send") {
            if (m_options.mode == Mode::NoPollingByte)
                return {"200 OK", fcs, QByteArray()};
            session.fromClient += body;
        }
        if (!session.answered && session.fromClient.size() >= 1537) {
            session.answered = true;
            if (m_options.mode == Mode::EchoHandshake) {
                QByteArray s1(1536, '\0');
                for (qsizetype i = 8; i < s1.size(); ++i)
                    s1[i] = char(QRandomGenerator::global()->bounded(256));
                session.s1 = s1;
                session.toClient = QByteArray(1, '\x03') + s1;
                if (!m_options.s2OnlyAfterC2)
                    session.toClient += session.fromClient.mid(1, 1536);
            } else if (m_options.mode == Mode::Garbage) {
                session.toClient = QByteArray(3073, '\xEE');
            }
        }
        if (session.answered && !session.s1.isEmpty() && !session.c2Seen &&
            session.fromClient.size() >= 1537 + 1536) {
            session.c2Seen = true;
            m_c2MatchedS1 = session.fromClient.mid(1537, 1536) == session.s1;
            if (m_options.s2OnlyAfterC2)
                session.toClient += session.fromClient.mid(1, 1536);
        }
        const QByteArray chunk = session.toClient.left(m_options.maxBytesPerReply);
        session.toClient.remove(0, chunk.size());
        return {"200 OK", fcs, QByteArray(1, char(m_options.pollingDelay)) + chunk};
    }

    Options m_options;
    QTcpServer m_server;
    QElapsedTimer m_clock;
    QList<Request> m_requests;
    QHash<QByteArray, Session> m_sessions;
    int m_connections = 0;
    int m_lastSession = 0;
    bool m_c2MatchedS1 = false;
    bool m_sessionClosed = false;
};

// ---------------------------------------------------------------------------

ProbeTarget tunnelTarget(quint16 port, Transport transport = Transport::HttpTunnel)
{
    ProbeTarget target;
    target.host = transport == Transport::HttpTunnelTls ? u"localhost"_s : u"127.0.0.1"_s;
    target.address = u"127.0.0.1"_s;
    target.port = port;
    target.transport = transport;
    target.application = u"live"_s;
    return target;
}

QNetworkProxy httpProxy(quint16 port, const QString& user = {}, const QString& password = {})
{
    return QNetworkProxy(QNetworkProxy::HttpProxy, u"127.0.0.1"_s, port, user, password);
}

} // namespace

class TestRtmptProbe : public QObject
{
    Q_OBJECT

private slots:
    void pollDelay_data();
    void pollDelay();

    void directKeepAlive();
    void directConnectionPerRequest();
    void s2OnlyAfterC2();
    void peerAnswers_data();
    void peerAnswers();
    void idlePollsAreBounded();
    void pollingDelayIsHonoured();
    void cancelWhilePolling();

    void throughTinyproxy();
    void throughTinyproxyWithCredentials();
    void closedProxy();

    void rtmptsThroughStunnel();
    void rtmptsUntrustedCertificate();

    void nginxHttpPortIsNotATunnel();
    void nginxRtmpPortGivesNoReply();
    void closedPort();
};

void TestRtmptProbe::pollDelay_data()
{
    QTest::addColumn<int>("byte");
    QTest::addColumn<int>("maxMs");
    QTest::addColumn<int>("expectedMs");

    QTest::newRow("0 still waits a little") << 0 << 500 << 10;
    QTest::newRow("1") << 1 << 500 << 16;
    QTest::newRow("10") << 10 << 500 << 160;
    QTest::newRow("32 is capped") << 32 << 500 << 500;
    QTest::newRow("255 is capped") << 255 << 500 << 500;
    QTest::newRow("tiny cap keeps the floor") << 5 << 1 << 10;
}

void TestRtmptProbe::pollDelay()
{
    QFETCH(int, byte);
    QFETCH(int, maxMs);
    QFETCH(int, expectedMs);
    QCOMPARE(RtmptProbe::pollDelayMs(quint8(byte), maxMs), expectedMs);
}

void TestRtmptProbe::directKeepAlive()
{
    RtmptTestPeer peer({});
    QVERIFY(peer.listen());
    ProbeRunner runner;
    const ProbeTarget target = tunnelTarget(peer.port());
    const ProbeTimeouts timeouts = shortTimeouts();
    runner.start([=] { return new RtmptProbe(u"rtmpt"_s, target, timeouts); });
    QTRY_VERIFY_WITH_TIMEOUT(runner.result.has_value(), kResultWaitMs);
    const ProbeResult& result = *runner.result;

    QVERIFY2(result.status == ProbeStatus::RtmptOk, qPrintable(describe(result)));
    QVERIFY(peer.c2MatchedS1());
    QVERIFY(peer.sessionClosed());
    const QStringList log = peer.commandLog();
    QCOMPARE(log.first(), u"fcs"_s);
    QCOMPARE(log.at(1), u"open"_s);
    QCOMPARE(log.at(2), u"send"_s);
    QCOMPARE(log.last(), u"close"_s);
    QVERIFY2(log.contains(u"idle"_s), qPrintable(log.join(u' ')));
    QCOMPARE(peer.requests().at(2).path.split('/').last(), "0"_ba); // first send is sequence 0
    // Kept alive: one connection carried every request.
    QCOMPARE(peer.connections(), 1);
    QCOMPARE(result.facts.value(rtmptfacts::connections).toInt(), 1);
    QCOMPARE(result.facts.value(rtmptfacts::requests).toInt(), int(peer.requests().size()));
    QCOMPARE(result.facts.value(rtmptfacts::ident2).toString(),
             rtmpt::replyStatusName(rtmpt::ReplyStatus::IdentNotFound));
    QCOMPARE(result.facts.value(rtmptfacts::viaProxy).toBool(), false);
    QCOMPARE(result.facts.value(rtmpfacts::handshakeVerdict).toString(),
             rtmp::handshakeVerdictName(rtmp::HandshakeVerdict::Ok));
    QCOMPARE(result.facts.value(rtmpfacts::s2Kind).toString(),
             rtmp::serverResponseCheckName(rtmp::ServerResponseCheck::EchoOfC1));
    QVERIFY(result.facts.value(rtmptfacts::idlePolls).toInt() >= 1);
}

void TestRtmptProbe::directConnectionPerRequest()
{
    RtmptTestPeer::Options options;
    options.keepAlive = false;
    RtmptTestPeer peer(options);
    QVERIFY(peer.listen());
    ProbeRunner runner;
    const ProbeTarget target = tunnelTarget(peer.port());
    const ProbeTimeouts timeouts = shortTimeouts();
    runner.start([=] { return new RtmptProbe(u"rtmpt"_s, target, timeouts); });
    QTRY_VERIFY_WITH_TIMEOUT(runner.result.has_value(), kResultWaitMs);
    const ProbeResult& result = *runner.result;

    QVERIFY2(result.status == ProbeStatus::RtmptOk, qPrintable(describe(result)));
    QCOMPARE(peer.connections(), int(peer.requests().size()));
    QCOMPARE(result.facts.value(rtmptfacts::connections).toInt(), peer.connections());
    QVERIFY(peer.c2MatchedS1());
}

void TestRtmptProbe::s2OnlyAfterC2()
{
    RtmptTestPeer::Options options;
    options.s2OnlyAfterC2 = true;
    RtmptTestPeer peer(options);
    QVERIFY(peer.listen());
    ProbeRunner runner;
    const ProbeTarget target = tunnelTarget(peer.port());
    const ProbeTimeouts timeouts = shortTimeouts(2000);
    runner.start([=] { return new RtmptProbe(u"rtmpt"_s, target, timeouts); });
    QTRY_VERIFY_WITH_TIMEOUT(runner.result.has_value(), kResultWaitMs);
    QVERIFY2(runner.result->status == ProbeStatus::RtmptOk, qPrintable(describe(*runner.result)));
    QVERIFY(peer.c2MatchedS1());
}

void TestRtmptProbe::peerAnswers_data()
{
    QTest::addColumn<int>("mode");
    QTest::addColumn<ProbeStatus>("status");
    QTest::addColumn<QString>("failedRequest");

    using Mode = RtmptTestPeer::Mode;
    QTest::newRow("web page on open") << int(Mode::HtmlOnOpen) << ProbeStatus::RtmptNotATunnel << u"open"_s;
    QTest::newRow("404 on open") << int(Mode::NotFoundOnOpen) << ProbeStatus::RtmptHttpError << u"open"_s;
    QTest::newRow("no polling byte") << int(Mode::NoPollingByte) << ProbeStatus::RtmptNotATunnel << u"send"_s;
    QTest::newRow("garbage through the tunnel")
        << int(Mode::Garbage) << ProbeStatus::RtmptHandshakeFailed << QString();
}

void TestRtmptProbe::peerAnswers()
{
    QFETCH(int, mode);
    QFETCH(ProbeStatus, status);
    QFETCH(QString, failedRequest);

    RtmptTestPeer::Options options;
    options.mode = RtmptTestPeer::Mode(mode);
    RtmptTestPeer peer(options);
    QVERIFY(peer.listen());
    ProbeRunner runner;
    const ProbeTarget target = tunnelTarget(peer.port());
    const ProbeTimeouts timeouts = shortTimeouts();
    runner.start([=] { return new RtmptProbe(u"rtmpt"_s, target, timeouts); });
    QTRY_VERIFY_WITH_TIMEOUT(runner.result.has_value(), kResultWaitMs);
    const ProbeResult& result = *runner.result;

    QVERIFY2(result.status == status, qPrintable(describe(result)));
    QCOMPARE(result.facts.value(rtmptfacts::failedRequest).toString(), failedRequest);
    if (status == ProbeStatus::RtmptHttpError)
        QCOMPARE(result.facts.value(rtmptfacts::statusLine).toString(), u"HTTP/1.1 404 Not Found"_s);
    if (mode == int(RtmptTestPeer::Mode::HtmlOnOpen))
        QCOMPARE(result.facts.value(rtmptfacts::contentType).toString(), u"text/html"_s);
    if (status == ProbeStatus::RtmptHandshakeFailed)
        QCOMPARE(result.facts.value(rtmpfacts::handshakeVerdict).toString(),
                 rtmp::handshakeVerdictName(rtmp::HandshakeVerdict::Garbage));
}

void TestRtmptProbe::idlePollsAreBounded()
{
    RtmptTestPeer::Options options;
    options.mode = RtmptTestPeer::Mode::NeverAnswer;
    options.pollingDelay = 0;
    RtmptTestPeer peer(options);
    QVERIFY(peer.listen());

    // By count...
    {
        ProbeRunner runner;
        const ProbeTarget target = tunnelTarget(peer.port());
        const ProbeTimeouts timeouts = shortTimeouts(10000);
        RtmptProbe::Options probeOptions;
        probeOptions.maxIdlePolls = 5;
        runner.start([=] { return new RtmptProbe(u"rtmpt"_s, target, timeouts, probeOptions); });
        QTRY_VERIFY_WITH_TIMEOUT(runner.result.has_value(), kResultWaitMs);
        QVERIFY2(runner.result->status == ProbeStatus::RtmptNoReply, qPrintable(describe(*runner.result)));
        QCOMPARE(runner.result->facts.value(rtmptfacts::idlePolls).toInt(), 5);
        QVERIFY2(runner.finishedAtMs < 3000, qPrintable(QString::number(runner.finishedAtMs)));
    }
    // ... and by time.
    {
        const int readMs = 1000;
        ProbeRunner runner;
        const ProbeTarget target = tunnelTarget(peer.port());
        const ProbeTimeouts timeouts = shortTimeouts(readMs);
        runner.start([=] { return new RtmptProbe(u"rtmpt"_s, target, timeouts); });
        QTRY_VERIFY_WITH_TIMEOUT(runner.result.has_value(), kResultWaitMs);
        QVERIFY2(runner.result->status == ProbeStatus::RtmptNoReply, qPrintable(describe(*runner.result)));
        const int polls = runner.result->facts.value(rtmptfacts::idlePolls).toInt();
        QVERIFY2(polls > 5 && polls < 100, qPrintable(QString::number(polls)));
        QVERIFY2(runner.finishedAtMs >= readMs * 9 / 10 && runner.finishedAtMs < readMs + 1500,
                 qPrintable(QString::number(runner.finishedAtMs)));
    }
}

void TestRtmptProbe::pollingDelayIsHonoured()
{
    RtmptTestPeer::Options options;
    options.mode = RtmptTestPeer::Mode::NeverAnswer;
    options.pollingDelay = 10; // 160 ms
    RtmptTestPeer peer(options);
    QVERIFY(peer.listen());
    ProbeRunner runner;
    const ProbeTarget target = tunnelTarget(peer.port());
    const ProbeTimeouts timeouts = shortTimeouts(10000);
    RtmptProbe::Options probeOptions;
    probeOptions.maxIdlePolls = 4;
    runner.start([=] { return new RtmptProbe(u"rtmpt"_s, target, timeouts, probeOptions); });
    QTRY_VERIFY_WITH_TIMEOUT(runner.result.has_value(), kResultWaitMs);
    QCOMPARE(runner.result->status, ProbeStatus::RtmptNoReply);
    QCOMPARE(runner.result->facts.value(rtmptfacts::lastPollingDelay).toInt(), 10);

    qint64 previous = -1;
    int idles = 0;
    for (const auto& request : peer.requests()) {
        if (!request.path.startsWith("/idle/"))
            continue;
        ++idles;
        if (previous >= 0)
            QVERIFY2(request.atMs - previous >= 150, qPrintable(QString::number(request.atMs - previous)));
        previous = request.atMs;
    }
    QCOMPARE(idles, 4);
}

void TestRtmptProbe::cancelWhilePolling()
{
    RtmptTestPeer::Options options;
    options.mode = RtmptTestPeer::Mode::NeverAnswer;
    options.pollingDelay = 20;
    RtmptTestPeer peer(options);
    QVERIFY(peer.listen());
    ProbeRunner runner;
    const ProbeTarget target = tunnelTarget(peer.port());
    const ProbeTimeouts timeouts = shortTimeouts(10000);
    const auto ticket = runner.start([=] { return new RtmptProbe(u"rtmpt"_s, target, timeouts); });
    QTRY_VERIFY_WITH_TIMEOUT(peer.commandLog().contains(u"idle"_s), 5000);

    QElapsedTimer sinceCancel;
    sinceCancel.start();
    runner.pool.cancel(ticket);
    while (!runner.result && sinceCancel.elapsed() < 2000)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
    QVERIFY(runner.result.has_value());
    QCOMPARE(runner.result->status, ProbeStatus::Cancelled);
    QVERIFY2(sinceCancel.elapsed() < 100, qPrintable(QString::number(sinceCancel.elapsed())));
}

void TestRtmptProbe::throughTinyproxy()
{
    rd::test::TinyproxyFixture proxy(rd::test::TinyproxyFixture::open());
    RD_START_FIXTURE(proxy);
    RtmptTestPeer peer({}); // keeps connections alive; tinyproxy does not
    QVERIFY(peer.listen());

    ProbeRunner runner;
    const ProbeTarget target = tunnelTarget(peer.port());
    const ProbeTimeouts timeouts = shortTimeouts();
    RtmptProbe::Options options;
    options.httpProxy = httpProxy(proxy.port());
    runner.start([=] { return new RtmptProbe(u"rtmpt"_s, target, timeouts, options); });
    QTRY_VERIFY_WITH_TIMEOUT(runner.result.has_value(), kResultWaitMs);
    const ProbeResult& result = *runner.result;

    QVERIFY2(result.status == ProbeStatus::RtmptOk, qPrintable(describe(result) + proxy.logTail()));
    QCOMPARE(result.facts.value(rtmptfacts::viaProxy).toBool(), true);
    QCOMPARE(result.facts.value(rtmptfacts::proxy).toString(), u"127.0.0.1:%1"_s.arg(proxy.port()));
    QVERIFY(peer.c2MatchedS1());
    // tinyproxy closes after every answer (without saying so): a new
    // connection per request, learnt from at most one request sent in vain.
    QCOMPARE(result.facts.value(rtmptfacts::connections).toInt(), int(peer.requests().size()));
    QVERIFY2(result.facts.value(rtmptfacts::requests).toInt() <= peer.requests().size() + 1,
             qPrintable(describe(result)));
    // The request went to the proxy in absolute form (tinyproxy would refuse
    // an origin-form POST), and reached the peer.
    QCOMPARE(peer.commandLog().last(), u"close"_s);
    bool sawAbsoluteUri = false;
    for (const TranscriptEntry& entry : result.transcript)
        sawAbsoluteUri |= entry.summary.startsWith(u"POST http://127.0.0.1:%1/open/1"_s.arg(peer.port()));
    QVERIFY(sawAbsoluteUri);
}

void TestRtmptProbe::throughTinyproxyWithCredentials()
{
    const QString user = u"broadcaster"_s;
    const QString password = u"Pr0xyS3cretValue"_s;
    rd::test::TinyproxyFixture proxy(rd::test::TinyproxyFixture::basicAuth(user, password));
    RD_START_FIXTURE(proxy);
    RtmptTestPeer peer({});
    QVERIFY(peer.listen());
    const ProbeTarget target = tunnelTarget(peer.port());
    const ProbeTimeouts timeouts = shortTimeouts();

    {
        ProbeRunner runner;
        RtmptProbe::Options options;
        options.httpProxy = httpProxy(proxy.port());
        runner.start([=] { return new RtmptProbe(u"rtmpt"_s, target, timeouts, options); });
        QTRY_VERIFY_WITH_TIMEOUT(runner.result.has_value(), kResultWaitMs);
        QVERIFY2(runner.result->status == ProbeStatus::ProxyAuthRequired,
                 qPrintable(describe(*runner.result)));
    }
    {
        ProbeRunner runner;
        RtmptProbe::Options options;
        options.httpProxy = httpProxy(proxy.port(), user, password);
        runner.start([=] { return new RtmptProbe(u"rtmpt"_s, target, timeouts, options); });
        QTRY_VERIFY_WITH_TIMEOUT(runner.result.has_value(), kResultWaitMs);
        QVERIFY2(runner.result->status == ProbeStatus::RtmptOk, qPrintable(describe(*runner.result)));
        const QByteArray encoded = (user + u':' + password).toUtf8().toBase64();
        for (const TranscriptEntry& entry : runner.result->transcript) {
            QVERIFY(!entry.bytes.contains(encoded));
            QVERIFY(!entry.bytes.contains(password.toUtf8()));
            QVERIFY(!entry.summary.contains(password));
        }
        QVERIFY(!describe(*runner.result).contains(password));
    }
}

void TestRtmptProbe::closedProxy()
{
    const quint16 closedPort = rd::test::FreePort::pick();
    QVERIFY(closedPort != 0);
    RtmptTestPeer peer({});
    QVERIFY(peer.listen());
    ProbeRunner runner;
    const ProbeTarget target = tunnelTarget(peer.port());
    const ProbeTimeouts timeouts = shortTimeouts();
    RtmptProbe::Options options;
    options.httpProxy = httpProxy(closedPort);
    runner.start([=] { return new RtmptProbe(u"rtmpt"_s, target, timeouts, options); });
    QTRY_VERIFY_WITH_TIMEOUT(runner.result.has_value(), kResultWaitMs);
    QVERIFY2(runner.result->status == ProbeStatus::ProxyUnreachable, qPrintable(describe(*runner.result)));
    QCOMPARE(peer.requests().size(), 0);
}

void TestRtmptProbe::rtmptsThroughStunnel()
{
    RtmptTestPeer peer({});
    QVERIFY(peer.listen());
    rd::test::StunnelFixture stunnel(peer.port(), rd::test::CertificateKind::Good);
    RD_START_FIXTURE(stunnel);

    ProbeRunner runner;
    const ProbeTarget target = tunnelTarget(stunnel.port(), Transport::HttpTunnelTls);
    const ProbeTimeouts timeouts = shortTimeouts();
    RtmptProbe::Options options;
    options.extraCaCertificates = QSslCertificate::fromPath(stunnel.caCertificatePath());
    runner.start([=] { return new RtmptProbe(u"rtmpt:tls"_s, target, timeouts, options); });
    QTRY_VERIFY_WITH_TIMEOUT(runner.result.has_value(), kResultWaitMs);
    QVERIFY2(runner.result->status == ProbeStatus::RtmptOk, qPrintable(describe(*runner.result)));
    QVERIFY(peer.c2MatchedS1());
}

void TestRtmptProbe::rtmptsUntrustedCertificate()
{
    RtmptTestPeer peer({});
    QVERIFY(peer.listen());
    rd::test::StunnelFixture stunnel(peer.port(), rd::test::CertificateKind::Good);
    RD_START_FIXTURE(stunnel);

    ProbeRunner runner;
    const ProbeTarget target = tunnelTarget(stunnel.port(), Transport::HttpTunnelTls);
    const ProbeTimeouts timeouts = shortTimeouts();
    runner.start([=] { return new RtmptProbe(u"rtmpt:tls"_s, target, timeouts); });
    QTRY_VERIFY_WITH_TIMEOUT(runner.result.has_value(), kResultWaitMs);
    QVERIFY2(runner.result->status == ProbeStatus::TlsUnknownIssuer, qPrintable(describe(*runner.result)));
    QCOMPARE(peer.requests().size(), 0);
}

void TestRtmptProbe::nginxHttpPortIsNotATunnel()
{
    rd::test::NginxRtmpFixture nginx;
    RD_START_FIXTURE(nginx);
    ProbeRunner runner;
    const ProbeTarget target = tunnelTarget(nginx.httpPort());
    const ProbeTimeouts timeouts = shortTimeouts();
    runner.start([=] { return new RtmptProbe(u"rtmpt"_s, target, timeouts); });
    QTRY_VERIFY_WITH_TIMEOUT(runner.result.has_value(), kResultWaitMs);
    const ProbeResult& result = *runner.result;

    QVERIFY2(result.status == ProbeStatus::RtmptNotATunnel, qPrintable(describe(result)));
    QCOMPARE(result.facts.value(rtmptfacts::failedRequest).toString(), u"open"_s);
    QCOMPARE(result.facts.value(rtmptfacts::statusCode).toInt(), 200);
    QCOMPARE(result.facts.value(rtmptfacts::contentType).toString(), u"text/plain"_s);
    // nginx also answers ident2 with its page: recorded, not decisive.
    QCOMPARE(result.facts.value(rtmptfacts::ident2).toString(),
             rtmpt::replyStatusName(rtmpt::ReplyStatus::NotRtmpt));
}

void TestRtmptProbe::nginxRtmpPortGivesNoReply()
{
    // An RTMP server reads the POST as the start of a handshake and waits.
    rd::test::NginxRtmpFixture nginx;
    RD_START_FIXTURE(nginx);
    const int readMs = 1000;
    ProbeRunner runner;
    const ProbeTarget target = tunnelTarget(nginx.rtmpPort());
    const ProbeTimeouts timeouts = shortTimeouts(readMs);
    runner.start([=] { return new RtmptProbe(u"rtmpt"_s, target, timeouts); });
    QTRY_VERIFY_WITH_TIMEOUT(runner.result.has_value(), kResultWaitMs);
    QVERIFY2(runner.result->status == ProbeStatus::RtmptNoReply, qPrintable(describe(*runner.result)));
    QCOMPARE(runner.result->facts.value(rtmptfacts::failedRequest).toString(), u"ident2"_s);
    QVERIFY2(runner.finishedAtMs >= readMs * 9 / 10 && runner.finishedAtMs < readMs + 1500,
             qPrintable(QString::number(runner.finishedAtMs)));
}

void TestRtmptProbe::closedPort()
{
    const quint16 closedPort = rd::test::FreePort::pick();
    QVERIFY(closedPort != 0);
    ProbeRunner runner;
    const ProbeTarget target = tunnelTarget(closedPort);
    const ProbeTimeouts timeouts = shortTimeouts();
    runner.start([=] { return new RtmptProbe(u"rtmpt"_s, target, timeouts); });
    QTRY_VERIFY_WITH_TIMEOUT(runner.result.has_value(), kResultWaitMs);
    QVERIFY2(runner.result->status == ProbeStatus::RtmptNoReply, qPrintable(describe(*runner.result)));
    QCOMPARE(runner.result->facts.value(rtmptfacts::socketError).toString(), u"ConnectionRefusedError"_s);
}

QTEST_GUILESS_MAIN(TestRtmptProbe)
#include "tst_rtmptprobe.moc"
