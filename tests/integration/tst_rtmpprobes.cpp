// HandshakeProbe, ConnectProbe and PublishProbe against a real nginx-rtmp, a real stunnel,
// the misbehaving ScriptedPeer and a small scripted RTMP responder defined here (for the
// vendor replies nobody runs on this machine: Red5, AMS, Wowza, Adobe auth). Probes run the
// way the product runs them, on WorkerPool threads.

#include "engine/diagnosticplan.h"
#include "engine/probefactory.h"
#include "engine/workerpool.h"
#include "fixtures.h"
#include "probe/connectprobe.h"
#include "probe/handshakeprobe.h"
#include "probe/publishprobe.h"
#include "probe/rtmpconversation.h"
#include "probe/rtmpprobes.h"
#include "probe/tcpprobe.h"
#include "proberunner.h"
#include "rtmp/amf0.h"
#include "rtmp/chunkstream.h"
#include "rtmp/commands.h"

#include <QElapsedTimer>
#include <QHash>
#include <QMutex>
#include <QRandomGenerator>
#include <QSemaphore>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QThread>

#include <atomic>
#include <memory>
#include <optional>

using namespace Qt::StringLiterals;
using namespace rd;
using rd::test::ScriptedPeer;

namespace rtmpprobestest {

// What the scripted responder sends when a client command arrives. A `_result`/`_error`
// whose transaction id is negative gets the request's id.
struct Reply
{
    QList<rtmp::Message> messages;
    bool close = false;
    QByteArray raw; // written as is after the messages
};

struct ResponderPlan
{
    QHash<QString, Reply> replies; // by command name
    // >= 0: instead of the handshake, send S0 and this many more bytes, then close.
    qsizetype shortReplyBytes = -1;
    bool silent = false; // reads everything, never answers, never closes
};

enum class ProbeChoice
{
    Handshake,
    Connect,
    Publish,
};

} // namespace rtmpprobestest

Q_DECLARE_METATYPE(rtmpprobestest::ResponderPlan)
Q_DECLARE_METATYPE(rtmpprobestest::ProbeChoice)
Q_DECLARE_METATYPE(rd::ProbeStatus)
Q_DECLARE_METATYPE(rd::test::ScriptedPeer::Behaviour)

using rtmpprobestest::ProbeChoice;
using rtmpprobestest::Reply;
using rtmpprobestest::ResponderPlan;

using rd::test::PooledProbeRunner;

namespace {

constexpr int kShortReadMs = 500;
// Four messages of the conversation's 64 KiB cap, the socket's 64 KiB read buffer, the
// handshake reply.
constexpr qint64 kBufferedBytesCap = 4 * 64 * 1024 + 64 * 1024 + 3073;

// The shared short timeouts with 20 s for the whole probe, as these tests have always had.
ProbeTimeouts timeoutsWithRead(int readMs)
{
    return rd::test::shortTimeouts(readMs, 20000);
}

ProbeTarget loopbackTarget(quint16 port, const QString& application = u"live"_s,
                           const QString& streamKey = {})
{
    ProbeTarget target;
    target.host = u"127.0.0.1"_s;
    target.address = u"127.0.0.1"_s;
    target.port = port;
    target.application = application;
    target.tcUrl = u"rtmp://127.0.0.1:%1/%2"_s.arg(port).arg(application);
    target.streamKey = streamKey;
    return target;
}

// ---------------------------------------------------------------------------------------------
// Running probes on worker threads

WorkerPool::ProbeMaker makerFor(ProbeChoice choice, const ProbeTarget& target, const ProbeTimeouts& timeouts,
                                int publishGraceMs = 300)
{
    return [=]() -> Probe* {
        switch (choice) {
        case ProbeChoice::Handshake:
            return new HandshakeProbe(u"handshake:test"_s, target, timeouts);
        case ProbeChoice::Connect:
            return new ConnectProbe(u"connect:test"_s, target, timeouts);
        case ProbeChoice::Publish: {
            auto* probe = new PublishProbe(u"publish:test"_s, target, timeouts);
            probe->setPublishGraceMs(publishGraceMs);
            return probe;
        }
        }
        return nullptr;
    };
}

QString describe(const ProbeResult& result)
{
    QString text = u"status %1: %2\nfacts:"_s.arg(probeStatusId(result.status), result.message);
    for (auto it = result.facts.cbegin(); it != result.facts.cend(); ++it)
        text += u"\n  %1 = %2"_s.arg(it.key(), it.value().toString());
    text += u"\ntranscript:"_s;
    for (const TranscriptEntry& entry : result.transcript) {
        const QString direction = entry.direction == TranscriptDirection::Sent       ? u">"_s
                                  : entry.direction == TranscriptDirection::Received ? u"<"_s
                                                                                     : u"#"_s;
        text += u"\n  %1 %2 %3"_s.arg(entry.atMs).arg(direction, entry.summary);
    }
    return text;
}

// Where `secret` shows in anything meant for people, or an empty string.
QString secretLeak(const ProbeResult& result, const QString& secret)
{
    const QByteArray secretBytes = secret.toUtf8();
    if (result.message.contains(secret))
        return u"message: "_s + result.message;
    for (const ProbeStep& step : result.steps) {
        if (step.name.contains(secret) || step.detail.contains(secret))
            return u"step: "_s + step.name + u' ' + step.detail;
    }
    for (const TranscriptEntry& entry : result.transcript) {
        if (entry.summary.contains(secret))
            return u"transcript: "_s + entry.summary;
        if (entry.bytes.contains(secretBytes))
            return u"transcript bytes of: "_s + entry.summary;
    }
    for (auto it = result.facts.cbegin(); it != result.facts.cend(); ++it) {
        const QString text = it.value().toStringList().join(u' ') + it.value().toString();
        if (text.contains(secret) || it.key().contains(secret))
            return u"fact "_s + it.key();
    }
    return {};
}

bool transcriptHasSent(const ProbeResult& result, const QString& prefix)
{
    for (const TranscriptEntry& entry : result.transcript) {
        if (entry.direction == TranscriptDirection::Sent && entry.summary.startsWith(prefix))
            return true;
    }
    return false;
}

void compareFacts(const ProbeResult& result, const QVariantMap& expected)
{
    for (auto it = expected.cbegin(); it != expected.cend(); ++it) {
        QVERIFY2(result.facts.contains(it.key()),
                 qPrintable(u"missing fact %1\n%2"_s.arg(it.key(), describe(result))));
        QCOMPARE(result.facts.value(it.key()).toString(), it.value().toString());
    }
}

// ---------------------------------------------------------------------------------------------
// Reply builders for the scripted responder

amf0::Value infoObject(const QString& level, const QString& code, const QString& description)
{
    return amf0::Value::object({{u"level"_s, amf0::Value::string(level)},
                                {u"code"_s, amf0::Value::string(code)},
                                {u"description"_s, amf0::Value::string(description)}});
}

rtmp::Message errorReply(const QString& code, const QString& description)
{
    return rtmp::buildCommand(u"_error"_s, -1,
                              {amf0::Value::null(), infoObject(u"error"_s, code, description)});
}

rtmp::Message errorReplyWithoutCode(const QString& description)
{
    return rtmp::buildCommand(
        u"_error"_s, -1,
        {amf0::Value::null(), amf0::Value::object({{u"level"_s, amf0::Value::string(u"error"_s)},
                                                   {u"description"_s, amf0::Value::string(description)}})});
}

rtmp::Message onStatus(const QString& level, const QString& code, const QString& description,
                       quint32 messageStreamId = 0)
{
    return rtmp::buildCommand(u"onStatus"_s, 0, {amf0::Value::null(), infoObject(level, code, description)},
                              messageStreamId);
}

rtmp::Message connectSuccess(const QString& description = u"Connection succeeded."_s)
{
    const amf0::Value properties =
        amf0::Value::object({{u"fmsVer"_s, amf0::Value::string(u"FMS/3,5,7,7009"_s)},
                             {u"capabilities"_s, amf0::Value::number(31)}});
    return rtmp::buildCommand(
        u"_result"_s, -1,
        {properties, infoObject(u"status"_s, u"NetConnection.Connect.Success"_s, description)});
}

rtmp::Message createStreamResult(double streamId)
{
    return rtmp::buildCommand(u"_result"_s, -1, {amf0::Value::null(), amf0::Value::number(streamId)});
}

rtmp::Message withTransaction(const rtmp::Message& message, double transactionId)
{
    const rtmp::CommandParseResult parsed = rtmp::parseCommand(message);
    if (!parsed.ok() || parsed.command.transactionId >= 0)
        return message;
    return rtmp::buildCommand(parsed.command.name, transactionId, parsed.command.args, message.streamId,
                              message.chunkStreamId);
}

// ---------------------------------------------------------------------------------------------
// A scripted RTMP server: simple handshake, then answers client commands from a plan.

class ResponderConnection : public QObject
{
public:
    ResponderConnection(QTcpSocket* socket, ResponderPlan plan, QMutex* mutex, QList<rtmp::Message>* log,
                        std::atomic<int>* peerClosures, QObject* parent)
        : QObject(parent)
        , m_socket(socket)
        , m_plan(std::move(plan))
        , m_mutex(mutex)
        , m_log(log)
    {
        m_socket->setParent(this);
        connect(m_socket, &QTcpSocket::readyRead, this, [this] { onReadyRead(); });
        connect(m_socket, &QTcpSocket::disconnected, this, [this, peerClosures] {
            if (!m_closed)
                ++*peerClosures;
        });
    }

private:
    void onReadyRead()
    {
        QByteArray data = m_socket->readAll();
        if (m_closed || m_plan.silent)
            return;
        if (!m_handshakeSent) {
            m_head += data;
            if (m_head.size() < 1537)
                return;
            data = m_head.mid(1537);
            m_head.truncate(1537);
            m_handshakeSent = true;
            if (m_plan.shortReplyBytes >= 0) {
                QByteArray partial(1 + m_plan.shortReplyBytes, '\x11');
                partial[0] = '\x03';
                m_socket->write(partial);
                m_closed = true;
                m_socket->disconnectFromHost();
                return;
            }
            QByteArray reply(1 + 1536, '\0');
            reply[0] = '\x03';
            for (qsizetype i = 9; i < reply.size(); ++i)
                reply[i] = char(QRandomGenerator::global()->bounded(256));
            m_socket->write(reply + m_head.mid(1));
        }
        if (m_c2Left > 0) {
            const qsizetype take = qMin(m_c2Left, data.size());
            m_c2Left -= take;
            data = data.mid(take);
        }
        if (data.isEmpty())
            return;
        m_reader.feed(data);
        const QList<rtmp::Message> messages = m_reader.takeMessages();
        for (const rtmp::Message& message : messages) {
            {
                const QMutexLocker lock(m_mutex);
                m_log->append(message);
            }
            const rtmp::CommandParseResult parsed = rtmp::parseCommand(message);
            if (!parsed.ok())
                continue;
            const auto found = m_plan.replies.constFind(parsed.command.name);
            if (found == m_plan.replies.cend())
                continue;
            for (const rtmp::Message& reply : found->messages)
                send(withTransaction(reply, parsed.command.transactionId));
            if (!found->raw.isEmpty())
                m_socket->write(found->raw);
            if (found->close) {
                m_closed = true;
                m_socket->disconnectFromHost();
                return;
            }
        }
    }

    void send(const rtmp::Message& message)
    {
        const rtmp::WriteResult written = m_writer.write(message);
        m_socket->write(written.bytes);
        if (message.type == quint8(rtmp::MessageType::SetChunkSize))
            m_writer.setChunkSize(rtmp::parseControlMessage(message).value);
    }

    QTcpSocket* m_socket;
    ResponderPlan m_plan;
    QMutex* m_mutex;
    QList<rtmp::Message>* m_log;
    QByteArray m_head;
    bool m_handshakeSent = false;
    bool m_closed = false;
    qsizetype m_c2Left = 1536;
    rtmp::ChunkReader m_reader;
    rtmp::ChunkWriter m_writer;
};

class RtmpResponder : public QThread
{
public:
    explicit RtmpResponder(ResponderPlan plan)
        : m_plan(std::move(plan))
    {
        start();
        m_ready.acquire();
    }
    ~RtmpResponder() override
    {
        quit();
        wait();
    }

    quint16 port() const { return m_port; }
    // Connections the client closed (or aborted) before this side closed them.
    int clientClosures() const { return m_clientClosures.load(); }
    QList<rtmp::Message> received() const
    {
        const QMutexLocker lock(&m_mutex);
        return m_log;
    }

protected:
    void run() override
    {
        QTcpServer server;
        if (server.listen(QHostAddress(QHostAddress::LocalHost), 0))
            m_port = server.serverPort();
        QObject::connect(&server, &QTcpServer::newConnection, &server, [this, &server] {
            while (QTcpSocket* socket = server.nextPendingConnection())
                new ResponderConnection(socket, m_plan, &m_mutex, &m_log, &m_clientClosures, &server);
        });
        m_ready.release();
        exec();
    }

private:
    ResponderPlan m_plan;
    QSemaphore m_ready;
    quint16 m_port = 0;
    mutable QMutex m_mutex;
    QList<rtmp::Message> m_log;
    std::atomic<int> m_clientClosures{0};
};

ResponderPlan answerConnect(QList<rtmp::Message> messages, bool close = false)
{
    ResponderPlan plan;
    plan.replies.insert(u"connect"_s, Reply{std::move(messages), close, {}});
    return plan;
}

ResponderPlan answerPublishWith(QList<rtmp::Message> publishReply, bool answerCreateStream = true)
{
    ResponderPlan plan = answerConnect({connectSuccess()});
    if (answerCreateStream)
        plan.replies.insert(u"createStream"_s, Reply{{createStreamResult(1)}, false, {}});
    plan.replies.insert(u"publish"_s, Reply{std::move(publishReply), false, {}});
    return plan;
}

} // namespace

class tst_RtmpProbes : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();

    // Real nginx-rtmp
    void nginxHandshake_data();
    void nginxHandshake();
    void nginxConnectToLive();
    void nginxConnectToUnknownApplicationClosesSilently();
    void nginxPublish_data();
    void nginxPublish();
    void nginxSecondPublisherGetsBadName();
    void nginxHttpPortAnswersHttp();
    void stunnelPortAnswersTls();

    // ScriptedPeer
    void scriptedHandshake_data();
    void scriptedHandshake();
    void scriptedAfterHandshake_data();
    void scriptedAfterHandshake();

    // Scripted RTMP responder
    void responderConnect_data();
    void responderConnect();
    void responderAnswersControlMessages();
    void responderPublish_data();
    void responderPublish();
    void secretsAreMaskedInEveryText();
    void hostileRepliesNeverBreakTheProbe_data();
    void hostileRepliesNeverBreakTheProbe();

    // Cancel and registration
    void cancelEndsAtOnce_data();
    void cancelEndsAtOnce();
    void registrationBuildsProbesPerTransport();
    void secretMaskRules_data();
    void secretMaskRules();
};

void tst_RtmpProbes::initTestCase()
{
    qRegisterMetaType<ProbeResult>();
    qRegisterMetaType<ProbeStep>();
}

// ---------------------------------------------------------------------------------------------
// nginx-rtmp

void tst_RtmpProbes::nginxHandshake_data()
{
    QTest::addColumn<bool>("simpleC1");
    QTest::addColumn<QVariantMap>("facts");

    // nginx-rtmp signs its answer to a digest C1 and copies a simple C1 (its "old style").
    QTest::newRow("digest C1: signed answer") << false
                                              << QVariantMap{{u"serverVersion"_s, u"13.14.10.13"_s},
                                                             {u"serverDigestValid"_s, true},
                                                             {u"s2Kind"_s, u"signed-digest"_s},
                                                             {u"c1Variant"_s, u"digest"_s},
                                                             {u"s1EchoesC1"_s, false}};
    QTest::newRow("simple C1: old-style echo") << true
                                               << QVariantMap{{u"serverVersion"_s, u"0.0.0.0"_s},
                                                              {u"serverDigestValid"_s, false},
                                                              {u"s2Kind"_s, u"echo-of-c1"_s},
                                                              {u"c1Variant"_s, u"simple"_s},
                                                              {u"s1EchoesC1"_s, true}};
}

void tst_RtmpProbes::nginxHandshake()
{
    QFETCH(bool, simpleC1);
    QFETCH(QVariantMap, facts);
    rd::test::NginxRtmpFixture nginx;
    RD_START_FIXTURE(nginx);

    PooledProbeRunner runner(this);
    const ProbeTarget target = loopbackTarget(nginx.rtmpPort());
    const ProbeTimeouts timeouts = timeoutsWithRead(5000);
    runner.run([=]() -> Probe* {
        auto* probe = new HandshakeProbe(u"handshake:test"_s, target, timeouts);
        if (simpleC1)
            probe->setFirstC1Variant(rtmp::HandshakeVariant::Simple);
        return probe;
    });
    QTRY_VERIFY_WITH_TIMEOUT(runner.hasResult(), 15000);
    const ProbeResult& result = runner.result();
    QVERIFY2(result.status == ProbeStatus::HandshakeOk, qPrintable(describe(result)));
    compareFacts(result, facts);
    QVERIFY(result.facts.value(u"handshakeMs"_s).toLongLong() >= 0);
    QVERIFY(!result.facts.contains(u"simpleRetry"_s));
}

void tst_RtmpProbes::nginxConnectToLive()
{
    rd::test::NginxRtmpFixture nginx;
    RD_START_FIXTURE(nginx);

    PooledProbeRunner runner(this);
    runner.run(makerFor(ProbeChoice::Connect, loopbackTarget(nginx.rtmpPort()), timeoutsWithRead(5000)));
    QTRY_VERIFY_WITH_TIMEOUT(runner.hasResult(), 15000);
    const ProbeResult& result = runner.result();
    QVERIFY2(result.status == ProbeStatus::ConnectSuccess, qPrintable(describe(result)));
    compareFacts(result, {{u"fmsVer"_s, u"FMS/3,0,1,123"_s},
                          {u"code"_s, u"NetConnection.Connect.Success"_s},
                          {u"level"_s, u"status"_s},
                          {u"description"_s, u"Connection succeeded."_s},
                          {u"capabilities"_s, 31},
                          {u"replyCommand"_s, u"_result"_s},
                          // nginx-rtmp's preamble before the _result, applied on the way
                          {u"serverChunkSize"_s, 4096},
                          {u"serverWindowAckSize"_s, 5000000},
                          {u"serverPeerBandwidth"_s, 5000000},
                          {u"serverVersion"_s, u"13.14.10.13"_s}});
    QVERIFY(transcriptHasSent(
        result,
        u"connect(1, {app: \"live\", type: \"nonprivate\", flashVer: \"FMLE/3.0 (compatible; RTMP Doctor)\""_s));
    QVERIFY2(nginx.errorLog().contains(u"connect: app='live'"_s), qPrintable(nginx.logTail()));
}

void tst_RtmpProbes::nginxConnectToUnknownApplicationClosesSilently()
{
    rd::test::NginxRtmpFixture nginx;
    RD_START_FIXTURE(nginx);

    PooledProbeRunner runner(this);
    runner.run(makerFor(ProbeChoice::Connect, loopbackTarget(nginx.rtmpPort(), u"nosuchapp"_s),
                        timeoutsWithRead(5000)));
    QTRY_VERIFY_WITH_TIMEOUT(runner.hasResult(), 15000);
    const ProbeResult& result = runner.result();
    QVERIFY2(result.status == ProbeStatus::ConnectClosedSilently, qPrintable(describe(result)));
    compareFacts(result, {{u"closedBy"_s, u"fin"_s}});
    // Well before the read timeout: nginx closes at once.
    QVERIFY2(result.elapsedMs < 4000, qPrintable(describe(result)));
    QVERIFY2(nginx.errorLog().contains(u"application not found: 'nosuchapp'"_s), qPrintable(nginx.logTail()));
}

void tst_RtmpProbes::nginxPublish_data()
{
    QTest::addColumn<QString>("application");
    QTest::addColumn<QString>("key");
    QTest::addColumn<ProbeStatus>("expected");
    QTest::addColumn<QVariantMap>("facts");

    QTest::newRow("live: started") << u"live"_s << u"healthy-key-4711"_s << ProbeStatus::PublishStarted
                                   << QVariantMap{{u"publishCode"_s, u"NetStream.Publish.Start"_s},
                                                  {u"publishDescription"_s, u"Start publishing"_s},
                                                  {u"publishStartSeen"_s, true},
                                                  {u"streamId"_s, 1}};
    // `deny publish`: nginx-rtmp confirms with Publish.Start, then closes.
    QTest::newRow("denied: start, then closed")
        << u"denied"_s << u"denied-key-4711"_s << ProbeStatus::PublishClosedAfterPublish
        << QVariantMap{
               {u"publishStartSeen"_s, true}, {u"closedAfter"_s, u"publish"_s}, {u"closedBy"_s, u"fin"_s}};
    QTest::newRow("callback 200: started")
        << u"callback"_s << u"ok1"_s << ProbeStatus::PublishStarted
        << QVariantMap{{u"publishCode"_s, u"NetStream.Publish.Start"_s}, {u"publishStartSeen"_s, true}};
    // on_publish answered 403: a FIN after publish, no onStatus.
    QTest::newRow("callback 403: closed")
        << u"callback"_s << u"bad"_s << ProbeStatus::PublishClosedAfterPublish
        << QVariantMap{
               {u"publishStartSeen"_s, false}, {u"closedAfter"_s, u"publish"_s}, {u"closedBy"_s, u"fin"_s}};
}

void tst_RtmpProbes::nginxPublish()
{
    QFETCH(QString, application);
    QFETCH(QString, key);
    QFETCH(ProbeStatus, expected);
    QFETCH(QVariantMap, facts);
    rd::test::NginxRtmpFixture nginx;
    RD_START_FIXTURE(nginx);

    PooledProbeRunner runner(this);
    runner.run(makerFor(ProbeChoice::Publish, loopbackTarget(nginx.rtmpPort(), application, key),
                        timeoutsWithRead(5000), 1000));
    QTRY_VERIFY_WITH_TIMEOUT(runner.hasResult(), 20000);
    const ProbeResult& result = runner.result();
    QVERIFY2(result.status == expected, qPrintable(describe(result)));
    compareFacts(result, facts);
    // The key went to the server, and nowhere else.
    QVERIFY2(nginx.errorLog().contains(u"publish: name='%1'"_s.arg(key)), qPrintable(nginx.logTail()));
    const QString leak = secretLeak(result, key);
    QVERIFY2(leak.isEmpty(), qPrintable(leak));
    if (expected == ProbeStatus::PublishStarted) {
        // A clean teardown, not an abort.
        QVERIFY2(transcriptHasSent(result, u"FCUnpublish("_s), qPrintable(describe(result)));
        QVERIFY2(transcriptHasSent(result, u"deleteStream("_s), qPrintable(describe(result)));
        QTRY_VERIFY2_WITH_TIMEOUT(nginx.errorLog().contains(u"deleteStream"_s), qPrintable(nginx.logTail()),
                                  5000);
    }
}

void tst_RtmpProbes::nginxSecondPublisherGetsBadName()
{
    rd::test::NginxRtmpFixture nginx;
    RD_START_FIXTURE(nginx);
    const QString key = u"busy-key-0815"_s;

    // The first publisher: a conversation held open in this thread.
    QTcpSocket socket;
    socket.connectToHost(QHostAddress(QHostAddress::LocalHost), nginx.rtmpPort());
    QTRY_COMPARE_WITH_TIMEOUT(socket.state(), QAbstractSocket::ConnectedState, 5000);
    RtmpConversationOptions options;
    options.goal = RtmpStage::Publish;
    options.connect.app = u"live"_s;
    options.connect.tcUrl = u"rtmp://127.0.0.1:%1/live"_s.arg(nginx.rtmpPort());
    options.streamName = key;
    options.publishGraceMs = 200;
    std::optional<RtmpStageResult> held;
    std::optional<bool> closed;
    RtmpConversationSink sink;
    sink.stageFinished = [&held](const RtmpStageResult& result) {
        if (!result.succeeded() || result.stage == RtmpStage::Publish)
            held = result;
    };
    sink.closed = [&closed](bool graceful) {
        closed = graceful;
    };
    RtmpConversation first(options, sink);
    first.start(&socket);
    QTRY_VERIFY_WITH_TIMEOUT(held.has_value(), 10000);
    QCOMPARE(probeStatusId(held->status), probeStatusId(ProbeStatus::PublishStarted));

    PooledProbeRunner runner(this);
    runner.run(makerFor(ProbeChoice::Publish, loopbackTarget(nginx.rtmpPort(), u"live"_s, key),
                        timeoutsWithRead(5000)));
    QTRY_VERIFY_WITH_TIMEOUT(runner.hasResult(), 15000);
    const ProbeResult& result = runner.result();
    QVERIFY2(result.status == ProbeStatus::PublishBadName, qPrintable(describe(result)));
    compareFacts(result, {{u"publishCode"_s, u"NetStream.Publish.BadName"_s},
                          {u"publishDescription"_s, u"Already publishing"_s},
                          {u"publishLevel"_s, u"error"_s}});
    QVERIFY2(secretLeak(result, key).isEmpty(), qPrintable(secretLeak(result, key)));

    // The held session still answers and closes cleanly.
    QVERIFY(first.isActive());
    first.closeGracefully();
    QTRY_VERIFY_WITH_TIMEOUT(closed.has_value(), 5000);
    QVERIFY(*closed);
}

void tst_RtmpProbes::nginxHttpPortAnswersHttp()
{
    rd::test::NginxRtmpFixture nginx;
    RD_START_FIXTURE(nginx);

    PooledProbeRunner runner(this);
    runner.run(makerFor(ProbeChoice::Handshake, loopbackTarget(nginx.httpPort()), timeoutsWithRead(5000)));
    QTRY_VERIFY_WITH_TIMEOUT(runner.hasResult(), 15000);
    const ProbeResult& result = runner.result();
    QVERIFY2(result.status == ProbeStatus::HandshakeAnsweredHttp, qPrintable(describe(result)));
    compareFacts(result, {{u"httpStatusLine"_s, u"HTTP/1.1 400 Bad Request"_s}, {u"httpStatusCode"_s, 400}});
}

void tst_RtmpProbes::stunnelPortAnswersTls()
{
    rd::test::NginxRtmpFixture nginx;
    RD_START_FIXTURE(nginx);
    rd::test::StunnelFixture stunnel(nginx.rtmpPort(), rd::test::CertificateKind::Good);
    RD_START_FIXTURE(stunnel);

    PooledProbeRunner runner(this);
    runner.run(makerFor(ProbeChoice::Connect, loopbackTarget(stunnel.port()), timeoutsWithRead(3000)));
    QTRY_VERIFY_WITH_TIMEOUT(runner.hasResult(), 15000);
    const ProbeResult& result = runner.result();
    QVERIFY2(result.status == ProbeStatus::HandshakeAnsweredTls, qPrintable(describe(result)));
    // stunnel resets plain bytes; the TLS greeting on the second connection gives it away.
    compareFacts(result, {{u"tlsEvidence"_s, u"reset-then-tls-answer"_s}, {u"peerClosure"_s, u"reset"_s}});
    QVERIFY(!result.facts.contains(u"simpleRetry"_s));
}

// ---------------------------------------------------------------------------------------------
// ScriptedPeer

void tst_RtmpProbes::scriptedHandshake_data()
{
    QTest::addColumn<ScriptedPeer::Behaviour>("behaviour");
    QTest::addColumn<ProbeStatus>("expected");
    QTest::addColumn<QVariantMap>("facts");
    QTest::addColumn<int>("connections");
    QTest::addColumn<int>("minElapsedMs");

    using B = ScriptedPeer::Behaviour;
    QTest::newRow("silent") << B::Silent << ProbeStatus::HandshakeSilent << QVariantMap{} << 1
                            << kShortReadMs;
    // Closed on the digest C1: one more connection with a simple C1, closed as well.
    QTest::newRow("close after C0+C1")
        << B::CloseAfterC0C1 << ProbeStatus::HandshakeClosedAfterC0C1
        << QVariantMap{{u"peerClosure"_s, u"fin"_s}, {u"simpleRetry"_s, true}, {u"c1Variant"_s, u"simple"_s}}
        << 2 << 0;
    // Reset: a second connection asks for TLS, which this peer does not answer either.
    QTest::newRow("reset after C0+C1")
        << B::ResetAfterC0C1 << ProbeStatus::HandshakeReset
        << QVariantMap{{u"peerClosure"_s, u"reset"_s}, {u"c1Variant"_s, u"digest"_s}} << 2 << 0;
    QTest::newRow("HTTP 400") << B::AnswerHttp400 << ProbeStatus::HandshakeAnsweredHttp
                              << QVariantMap{{u"httpStatusCode"_s, 400},
                                             {u"httpStatusLine"_s, u"HTTP/1.1 400 Bad Request"_s}}
                              << 1 << 0;
    QTest::newRow("TLS alert") << B::AnswerTlsAlert << ProbeStatus::HandshakeAnsweredTls
                               << QVariantMap{{u"tlsEvidence"_s, u"alert-record"_s},
                                              {u"tlsAlertLevel"_s, 2},
                                              {u"tlsAlertDescription"_s, 40}}
                               << 1 << 0;
    QTest::newRow("RTMPE version") << B::AnswerRtmpeVersion << ProbeStatus::HandshakeRtmpeRequested
                                   << QVariantMap{{u"firstByte"_s, 6}} << 1 << 0;
    QTest::newRow("garbage") << B::Garbage << ProbeStatus::HandshakeGarbled
                             << QVariantMap{{u"firstByte"_s, 0xEE}, {u"handshakeVerdict"_s, u"garbage"_s}}
                             << 1 << 0;
    // One byte per second never completes the 3073 bytes: the whole-handshake timer ends it.
    QTest::newRow("one byte per second")
        << B::OneBytePerSecond << ProbeStatus::HandshakeShortReply
        << QVariantMap{{u"stalled"_s, true}, {u"bytesReceived"_s, 1}, {u"firstByte"_s, 3}} << 1
        << kShortReadMs;
}

void tst_RtmpProbes::scriptedHandshake()
{
    QFETCH(ScriptedPeer::Behaviour, behaviour);
    QFETCH(ProbeStatus, expected);
    QFETCH(QVariantMap, facts);
    QFETCH(int, connections);
    QFETCH(int, minElapsedMs);

    ScriptedPeer peer(behaviour);
    QVERIFY2(peer.isListening(), qPrintable(peer.errorString()));
    PooledProbeRunner runner(this);
    runner.run(makerFor(ProbeChoice::Handshake, loopbackTarget(peer.port()), timeoutsWithRead(kShortReadMs)));
    QTRY_VERIFY_WITH_TIMEOUT(runner.hasResult(), 10000);
    const ProbeResult& result = runner.result();
    QVERIFY2(result.status == expected, qPrintable(describe(result)));
    compareFacts(result, facts);
    QCOMPARE(peer.connectionCount(), connections);
    // Bounded by the read timeout (twice for two connections), never by the probe deadline.
    QVERIFY2(result.elapsedMs >= minElapsedMs, qPrintable(describe(result)));
    QVERIFY2(result.elapsedMs < connections * kShortReadMs + 1500, qPrintable(describe(result)));
}

void tst_RtmpProbes::scriptedAfterHandshake_data()
{
    QTest::addColumn<ScriptedPeer::Behaviour>("behaviour");
    QTest::addColumn<ProbeStatus>("expected");
    QTest::addColumn<QVariantMap>("facts");
    QTest::addColumn<int>("minElapsedMs");

    using B = ScriptedPeer::Behaviour;
    QTest::newRow("silent after handshake") << B::HandshakeThenSilent << ProbeStatus::ConnectNoReply
                                            << QVariantMap{{u"s2Kind"_s, u"echo-of-c1"_s}} << kShortReadMs;
    QTest::newRow("close after connect")
        << B::HandshakeThenCloseAfterConnect << ProbeStatus::ConnectClosedSilently
        << QVariantMap{{u"closedBy"_s, u"fin"_s}} << 0;
    QTest::newRow("huge chunk size") << B::HandshakeThenHugeChunkSize << ProbeStatus::ConnectProtocolError
                                     << QVariantMap{{u"protocolError"_s, u"chunk-size-too-large"_s},
                                                    {u"serverChunkSize"_s, 0x7FFFFFFF}}
                                     << 0;
    QTest::newRow("16 MB message announced")
        << B::HandshakeThenAnnounce16MB << ProbeStatus::ConnectProtocolError
        << QVariantMap{{u"protocolError"_s, u"message-too-large"_s}} << 0;
    QTest::newRow("endless media") << B::HandshakeThenEndlessData << ProbeStatus::ConnectProtocolError
                                   << QVariantMap{{u"protocolError"_s, u"unrelated-messages"_s}} << 0;
    QTest::newRow("garbage after handshake")
        << B::HandshakeThenGarbage << ProbeStatus::ConnectProtocolError
        << QVariantMap{{u"protocolError"_s, u"missing-previous-header"_s}} << 0;
}

void tst_RtmpProbes::scriptedAfterHandshake()
{
    QFETCH(ScriptedPeer::Behaviour, behaviour);
    QFETCH(ProbeStatus, expected);
    QFETCH(QVariantMap, facts);
    QFETCH(int, minElapsedMs);

    ScriptedPeer peer(behaviour);
    QVERIFY2(peer.isListening(), qPrintable(peer.errorString()));
    PooledProbeRunner runner(this);
    runner.run(makerFor(ProbeChoice::Connect, loopbackTarget(peer.port()), timeoutsWithRead(kShortReadMs)));
    QTRY_VERIFY_WITH_TIMEOUT(runner.hasResult(), 10000);
    const ProbeResult& result = runner.result();
    QVERIFY2(result.status == expected, qPrintable(describe(result)));
    compareFacts(result, facts);
    QVERIFY2(result.elapsedMs >= minElapsedMs, qPrintable(describe(result)));
    QVERIFY2(result.elapsedMs < 2 * kShortReadMs + 1500, qPrintable(describe(result)));
    // Whatever the peer announced or streamed, the probe never held more than its caps.
    const qint64 peak = result.facts.value(u"peakBufferedBytes"_s, -1).toLongLong();
    QVERIFY2(peak >= 0 && peak <= kBufferedBytesCap, qPrintable(describe(result)));
    QCOMPARE(peer.connectionCount(), 1);
}

// ---------------------------------------------------------------------------------------------
// Scripted RTMP responder

void tst_RtmpProbes::responderConnect_data()
{
    QTest::addColumn<ResponderPlan>("plan");
    QTest::addColumn<ProbeStatus>("expected");
    QTest::addColumn<QVariantMap>("facts");

    const QString rejected = u"NetConnection.Connect.Rejected"_s;
    QTest::newRow("success after a large description")
        << answerConnect({rtmp::makeWindowAcknowledgementSize(2500000), rtmp::makeSetChunkSize(4096),
                          connectSuccess(QString(300, u'x'))})
        << ProbeStatus::ConnectSuccess
        << QVariantMap{{u"fmsVer"_s, u"FMS/3,5,7,7009"_s},
                       {u"code"_s, u"NetConnection.Connect.Success"_s},
                       {u"description"_s, QString(300, u'x')},
                       {u"serverChunkSize"_s, 4096}};
    QTest::newRow("Red5 no scope")
        << answerConnect({errorReply(rejected, u"No scope 'avchat30/_definst_' on this server."_s)}, true)
        << ProbeStatus::ConnectRejected
        << QVariantMap{{u"vendorSignature"_s, u"red5-no-scope"_s},
                       {u"code"_s, rejected},
                       {u"description"_s, u"No scope 'avchat30/_definst_' on this server."_s},
                       {u"replyCommand"_s, u"_error"_s}};
    QTest::newRow("AMS not defined, onStatus style")
        << answerConnect(
               {onStatus(u"error"_s, rejected,
                         u"[ Server.Reject ] : (_defaultRoot_, _defaultVHost_) : Application (avchat30) is "
                         u"not defined."_s),
                onStatus(u"status"_s, u"NetConnection.Connect.Closed"_s, {})})
        << ProbeStatus::ConnectRejected
        << QVariantMap{{u"vendorSignature"_s, u"ams-application-not-defined"_s},
                       {u"replyCommand"_s, u"onStatus"_s}};
    QTest::newRow("AMS not defined, _error")
        << answerConnect(
               {errorReply(rejected, u"[Server.Reject]: (_defaultRoot_,_defaultVHost_): Application "
                                     u"(avchat30) is not defined"_s)})
        << ProbeStatus::ConnectRejected
        << QVariantMap{{u"vendorSignature"_s, u"ams-application-not-defined"_s}};
    QTest::newRow("Wowza folder missing, no code")
        << answerConnect({errorReplyWithoutCode(
               u"Connection failed: Application folder ([install-location]/applications/x) is missing."_s)})
        << ProbeStatus::ConnectRejected
        << QVariantMap{{u"vendorSignature"_s, u"wowza-application-missing"_s}};
    QTest::newRow("authmod=adobe")
        << answerConnect({errorReply(
               rejected, u"[ AccessManager.Reject ] : [ code=403 need auth; authmod=adobe ] : "_s)})
        << ProbeStatus::ConnectAuthRequired
        << QVariantMap{{u"authMode"_s, u"adobe"_s}, {u"code"_s, rejected}};
    QTest::newRow("authmod=llnw challenge")
        << answerConnect({errorReply(rejected, u"[ AccessManager.Reject ] : [ authmod=llnw ] : "
                                               u"?reason=needauth&user=x&nonce=abc"_s)})
        << ProbeStatus::ConnectAuthRequired
        << QVariantMap{{u"authMode"_s, u"llnw"_s}, {u"authReason"_s, u"needauth"_s}};
    QTest::newRow("InvalidApp") << answerConnect({errorReply(u"NetConnection.Connect.InvalidApp"_s,
                                                             u"Bad application name."_s)})
                                << ProbeStatus::ConnectInvalidApp
                                << QVariantMap{{u"code"_s, u"NetConnection.Connect.InvalidApp"_s}};
    QTest::newRow("Failed") << answerConnect(
                                   {errorReply(u"NetConnection.Connect.Failed"_s, u"Out of licences"_s)})
                            << ProbeStatus::ConnectFailed
                            << QVariantMap{{u"code"_s, u"NetConnection.Connect.Failed"_s},
                                           {u"description"_s, u"Out of licences"_s}};
    QTest::newRow("Red5 shutting down")
        << answerConnect({errorReply(u"NetConnection.Connect.AppShutdown"_s,
                                     u"Application at 'live' is currently shutting down."_s)})
        << ProbeStatus::ConnectFailed
        << QVariantMap{{u"vendorSignature"_s, u"red5-application-shutting-down"_s}};
    QTest::newRow("close command") << answerConnect(
                                          {rtmp::buildCommand(u"close"_s, 0, {amf0::Value::null()})})
                                   << ProbeStatus::ConnectClosedSilently
                                   << QVariantMap{{u"closedBy"_s, u"close-command"_s}};
    QTest::newRow("undecodable command")
        << answerConnect({rtmp::Message{20, 0, 0, 3, QByteArray::fromHex("02000d5f726573")}})
        << ProbeStatus::ConnectProtocolError << QVariantMap{{u"protocolError"_s, u"bad-amf"_s}};

    ResponderPlan shortReply;
    shortReply.shortReplyBytes = 100;
    QTest::newRow("short reply, then close")
        << shortReply << ProbeStatus::HandshakeShortReply
        << QVariantMap{{u"bytesReceived"_s, 101}, {u"stalled"_s, false}, {u"peerClosure"_s, u"fin"_s}};
}

void tst_RtmpProbes::responderConnect()
{
    QFETCH(ResponderPlan, plan);
    QFETCH(ProbeStatus, expected);
    QFETCH(QVariantMap, facts);

    RtmpResponder responder(plan);
    QVERIFY(responder.port() != 0);
    PooledProbeRunner runner(this);
    runner.run(makerFor(ProbeChoice::Connect, loopbackTarget(responder.port(), u"avchat30/_definst_"_s),
                        timeoutsWithRead(2000)));
    QTRY_VERIFY_WITH_TIMEOUT(runner.hasResult(), 10000);
    const ProbeResult& result = runner.result();
    QVERIFY2(result.status == expected, qPrintable(describe(result)));
    compareFacts(result, facts);
    // Answers arrive at once; none of these waits for a timeout.
    QVERIFY2(result.elapsedMs < 1500, qPrintable(describe(result)));
}

void tst_RtmpProbes::responderAnswersControlMessages()
{
    // nginx-rtmp's preamble plus a ping, and an acknowledgement window small enough to trigger.
    RtmpResponder responder(
        answerConnect({rtmp::makeWindowAcknowledgementSize(100),
                       rtmp::makeSetPeerBandwidth(2500000, rtmp::PeerBandwidthLimit::Dynamic),
                       rtmp::makeUserControl(rtmp::UserControlEvent::PingRequest, 777),
                       rtmp::makeSetChunkSize(4096), connectSuccess(QString(500, u'y'))}));
    PooledProbeRunner runner(this);
    runner.run(makerFor(ProbeChoice::Connect, loopbackTarget(responder.port()), timeoutsWithRead(2000)));
    QTRY_VERIFY_WITH_TIMEOUT(runner.hasResult(), 10000);
    QVERIFY2(runner.result().status == ProbeStatus::ConnectSuccess, qPrintable(describe(runner.result())));

    bool pingAnswered = false;
    bool windowAnswered = false;
    bool acknowledged = false;
    QTRY_VERIFY_WITH_TIMEOUT(responder.received().size() >= 4, 5000);
    for (const rtmp::Message& message : responder.received()) {
        const rtmp::ControlMessage control = rtmp::parseControlMessage(message);
        if (!control.ok())
            continue;
        if (control.type == rtmp::MessageType::UserControl &&
            control.event == quint16(rtmp::UserControlEvent::PingResponse) && control.value == 777)
            pingAnswered = true;
        if (control.type == rtmp::MessageType::WindowAcknowledgementSize && control.value == 2500000)
            windowAnswered = true;
        if (control.type == rtmp::MessageType::Acknowledgement && control.value >= 100)
            acknowledged = true;
    }
    QVERIFY(pingAnswered);
    QVERIFY(windowAnswered);
    QVERIFY(acknowledged);
}

void tst_RtmpProbes::responderPublish_data()
{
    QTest::addColumn<ResponderPlan>("plan");
    QTest::addColumn<ProbeStatus>("expected");
    QTest::addColumn<QVariantMap>("facts");
    QTest::addColumn<int>("minElapsedMs");

    QTest::newRow("Denied") << answerPublishWith({onStatus(u"error"_s, u"NetStream.Publish.Denied"_s,
                                                           u"Publishing is not allowed."_s, 1)})
                            << ProbeStatus::PublishDenied
                            << QVariantMap{{u"publishCode"_s, u"NetStream.Publish.Denied"_s}} << 0;
    // node-media-server spells it with a lower-case p.
    QTest::newRow("Unauthorized") << answerPublishWith(
                                         {onStatus(u"error"_s, u"NetStream.publish.Unauthorized"_s,
                                                   u"Authorization required."_s, 1)})
                                  << ProbeStatus::PublishDenied
                                  << QVariantMap{{u"publishCode"_s, u"NetStream.publish.Unauthorized"_s}}
                                  << 0;
    QTest::newRow("BadName") << answerPublishWith({onStatus(u"error"_s, u"NetStream.Publish.BadName"_s,
                                                            u"Already publishing"_s, 1)})
                             << ProbeStatus::PublishBadName
                             << QVariantMap{{u"publishDescription"_s, u"Already publishing"_s}} << 0;
    QTest::newRow("Start, then BadName in the grace period")
        << answerPublishWith({onStatus(u"status"_s, u"NetStream.Publish.Start"_s, u"go"_s, 1),
                              onStatus(u"error"_s, u"NetStream.Publish.BadName"_s, u"Stream exists"_s, 1)})
        << ProbeStatus::PublishBadName << QVariantMap{{u"publishCode"_s, u"NetStream.Publish.BadName"_s}}
        << 0;
    QTest::newRow("no answer to publish") << answerPublishWith({}) << ProbeStatus::PublishNoReply
                                          << QVariantMap{{u"waitingFor"_s, u"publish"_s}} << kShortReadMs;
    QTest::newRow("no answer to createStream")
        << answerPublishWith({}, false) << ProbeStatus::PublishNoReply
        << QVariantMap{{u"waitingFor"_s, u"createStream"_s}} << kShortReadMs;
    QTest::newRow("close command after publish")
        << answerPublishWith({rtmp::buildCommand(u"close"_s, 0, {amf0::Value::null()})})
        << ProbeStatus::PublishClosedAfterPublish
        << QVariantMap{{u"closedBy"_s, u"close-command"_s}, {u"closedAfter"_s, u"publish"_s}} << 0;
    QTest::newRow("started") << answerPublishWith(
                                    {onStatus(u"status"_s, u"NetStream.Publish.Start"_s, u"go"_s, 1)})
                             << ProbeStatus::PublishStarted << QVariantMap{{u"streamId"_s, 1}} << 300;
}

void tst_RtmpProbes::responderPublish()
{
    QFETCH(ResponderPlan, plan);
    QFETCH(ProbeStatus, expected);
    QFETCH(QVariantMap, facts);
    QFETCH(int, minElapsedMs);

    RtmpResponder responder(plan);
    PooledProbeRunner runner(this);
    runner.run(makerFor(ProbeChoice::Publish, loopbackTarget(responder.port(), u"live"_s, u"the-key-99"_s),
                        timeoutsWithRead(kShortReadMs), 300));
    QTRY_VERIFY_WITH_TIMEOUT(runner.hasResult(), 10000);
    const ProbeResult& result = runner.result();
    QVERIFY2(result.status == expected, qPrintable(describe(result)));
    compareFacts(result, facts);
    QVERIFY2(result.elapsedMs >= minElapsedMs, qPrintable(describe(result)));
    QVERIFY2(result.elapsedMs < kShortReadMs + 1500, qPrintable(describe(result)));
    QVERIFY2(secretLeak(result, u"the-key-99"_s).isEmpty(), qPrintable(secretLeak(result, u"the-key-99"_s)));

    // The commands went out in the FMLE order, publish on the created stream.
    QStringList names;
    quint32 publishStream = 0;
    for (const rtmp::Message& message : responder.received()) {
        const rtmp::CommandParseResult parsed = rtmp::parseCommand(message);
        if (parsed.ok()) {
            names << parsed.command.name;
            if (parsed.command.name == u"publish")
                publishStream = message.streamId;
        }
    }
    QCOMPARE(names.mid(0, 4),
             (QStringList{u"connect"_s, u"releaseStream"_s, u"FCPublish"_s, u"createStream"_s}));
    if (plan.replies.contains(u"createStream"_s)) {
        QCOMPARE(names.value(4), u"publish"_s);
        QCOMPARE(publishStream, 1u);
    }
}

void tst_RtmpProbes::secretsAreMaskedInEveryText()
{
    const QString token = u"1fce2e4b-fb15-4718-8adc-68c6eb4c26a7"_s;
    const QString key = u"k3y-with-secret"_s;
    // A server that repeats everything it was given, in every field it has.
    ResponderPlan plan =
        answerConnect({connectSuccess(u"Welcome to live/%1 (tcUrl rtmp://127.0.0.1/live/%1)"_s.arg(token))});
    plan.replies.insert(u"createStream"_s, Reply{{createStreamResult(1)}, false, {}});
    plan.replies.insert(u"publish"_s,
                        Reply{{onStatus(u"error"_s, u"NetStream.Publish.Denied"_s,
                                        u"Stream '%1' refused for live/%2"_s.arg(key, token), 1)},
                              false,
                              {}});
    RtmpResponder responder(plan);
    PooledProbeRunner runner(this);
    runner.run(makerFor(ProbeChoice::Publish, loopbackTarget(responder.port(), u"live/"_s + token, key),
                        timeoutsWithRead(2000)));
    QTRY_VERIFY_WITH_TIMEOUT(runner.hasResult(), 10000);
    const ProbeResult& result = runner.result();
    QVERIFY2(result.status == ProbeStatus::PublishDenied, qPrintable(describe(result)));
    QVERIFY2(secretLeak(result, key).isEmpty(), qPrintable(secretLeak(result, key)));
    QVERIFY2(secretLeak(result, token).isEmpty(), qPrintable(secretLeak(result, token)));
    // Not a single 8-character piece of the token either (its GUID groups).
    for (const QString& group : token.split(u'-')) {
        if (group.size() >= 8)
            QVERIFY2(secretLeak(result, group).isEmpty(), qPrintable(secretLeak(result, group)));
    }
    QVERIFY2(result.facts.value(u"publishDescription"_s).toString().contains(u"characters hidden"_s),
             qPrintable(describe(result)));

    // ...while the wire carried the real values.
    bool tokenOnWire = false;
    bool keyOnWire = false;
    for (const rtmp::Message& message : responder.received()) {
        tokenOnWire = tokenOnWire || message.payload.contains(token.toUtf8());
        keyOnWire = keyOnWire || message.payload.contains(key.toUtf8());
    }
    QVERIFY(tokenOnWire);
    QVERIFY(keyOnWire);
}

void tst_RtmpProbes::hostileRepliesNeverBreakTheProbe_data()
{
    QTest::addColumn<QByteArray>("reply");

    // Random bytes where the chunk stream starts, and random AMF0 inside a well-formed chunk
    // header (so the command decoder sees them), from fixed seeds.
    for (quint32 seed = 1; seed <= 12; ++seed) {
        QRandomGenerator random(seed);
        QByteArray bytes(qsizetype(random.bounded(1, 3000)), Qt::Uninitialized);
        for (char& byte : bytes)
            byte = char(random.bounded(256));
        QTest::addRow("raw bytes, seed %u", seed) << bytes;

        QByteArray payload(qsizetype(random.bounded(1, 120)), Qt::Uninitialized);
        for (char& byte : payload)
            byte = char(random.bounded(256));
        payload[0] = char(random.bounded(0x12)); // an AMF0 marker, mostly valid
        QTest::addRow("random AMF0, seed %u", seed)
            << rtmp::ChunkWriter().write(rtmp::Message{20, 0, 0, 3, payload}).bytes;
    }
}

void tst_RtmpProbes::hostileRepliesNeverBreakTheProbe()
{
    QFETCH(QByteArray, reply);
    ResponderPlan plan;
    plan.replies.insert(u"connect"_s, Reply{{}, false, reply});
    RtmpResponder responder(plan);
    PooledProbeRunner runner(this);
    runner.run(makerFor(ProbeChoice::Connect, loopbackTarget(responder.port()), timeoutsWithRead(300)));
    QTRY_VERIFY_WITH_TIMEOUT(runner.hasResult(), 10000);
    const ProbeResult& result = runner.result();
    // Always a verdict about connect, in time, with bounded memory.
    QVERIFY2(probeStatusId(result.status).startsWith(u"connect-"_s), qPrintable(describe(result)));
    QVERIFY2(result.elapsedMs < 300 + 1500, qPrintable(describe(result)));
    const qint64 peak = result.facts.value(u"peakBufferedBytes"_s, -1).toLongLong();
    QVERIFY2(peak >= 0 && peak <= kBufferedBytesCap, qPrintable(describe(result)));
}

// ---------------------------------------------------------------------------------------------
// Cancel, registration, masking rules

void tst_RtmpProbes::cancelEndsAtOnce_data()
{
    QTest::addColumn<bool>("silentHandshake");
    QTest::addColumn<QString>("cancelAfterStep");

    QTest::newRow("mid-handshake") << true << u"handshake"_s;
    QTest::newRow("mid-connect") << false << u"connect"_s;
}

void tst_RtmpProbes::cancelEndsAtOnce()
{
    QFETCH(bool, silentHandshake);
    QFETCH(QString, cancelAfterStep);

    // Never answers connect; with silentHandshake never answers at all.
    ResponderPlan plan;
    plan.silent = silentHandshake;
    RtmpResponder responder(plan);
    PooledProbeRunner runner(this);
    // Long timeouts: only the cancel can end this quickly.
    runner.run(makerFor(ProbeChoice::Connect, loopbackTarget(responder.port()), timeoutsWithRead(10000)));
    QTRY_VERIFY_WITH_TIMEOUT(runner.steps().contains(cancelAfterStep), 5000);
    QCOMPARE(responder.clientClosures(), 0);
    const qint64 cancelledAt = runner.cancel();
    QTRY_VERIFY_WITH_TIMEOUT(runner.hasResult(), 2000);
    QCOMPARE(runner.result().status, ProbeStatus::Cancelled);
    const qint64 took = runner.finishedAtMs() - cancelledAt;
    QVERIFY2(took <= 100, qPrintable(u"cancel took %1 ms"_s.arg(took)));
    // The connection is really gone, not just forgotten.
    QTRY_COMPARE_WITH_TIMEOUT(responder.clientClosures(), 1, 2000);
}

void tst_RtmpProbes::registrationBuildsProbesPerTransport()
{
    ProbeFactoryRegistry registry;
    int tlsFactoryCalls = 0;
    registry.add(ProbeKind::Handshake,
                 [&tlsFactoryCalls](const QString& probeId, const ProbeTarget& target,
                                    const ProbeTimeouts& timeouts, const DiagnosticPlan&) -> Probe* {
                     ++tlsFactoryCalls;
                     return new TcpProbe(probeId, target, timeouts);
                 });
    registerRtmpProbes(registry);
    QVERIFY(registry.contains(ProbeKind::Handshake));
    QVERIFY(registry.contains(ProbeKind::Connect));
    QVERIFY(registry.contains(ProbeKind::Publish));

    const DiagnosticPlan plan;
    ProbeTarget plain = loopbackTarget(1935);
    ProbeTarget tls = plain;
    tls.transport = Transport::Tls;

    std::unique_ptr<Probe> handshake(registry.factory(ProbeKind::Handshake)(u"h"_s, plain, {}, plan));
    QVERIFY(qobject_cast<HandshakeProbe*>(handshake.get()) != nullptr);
    QCOMPARE(handshake->probeId(), u"h"_s);
    QCOMPARE(tlsFactoryCalls, 0);
    std::unique_ptr<Probe> tlsHandshake(registry.factory(ProbeKind::Handshake)(u"t"_s, tls, {}, plan));
    QCOMPARE(tlsFactoryCalls, 1);
    QCOMPARE(tlsHandshake->kind(), ProbeKind::TcpPort);
    std::unique_ptr<Probe> connectProbe(registry.factory(ProbeKind::Connect)(u"c"_s, plain, {}, plan));
    QVERIFY(qobject_cast<ConnectProbe*>(connectProbe.get()) != nullptr);
    QCOMPARE(connectProbe->kind(), ProbeKind::Connect);
    std::unique_ptr<Probe> publishProbe(registry.factory(ProbeKind::Publish)(u"p"_s, plain, {}, plan));
    QVERIFY(qobject_cast<PublishProbe*>(publishProbe.get()) != nullptr);
    QCOMPARE(publishProbe->kind(), ProbeKind::Publish);

    // Without an earlier factory, another transport is reported as skipped, not guessed at.
    PooledProbeRunner runner(this);
    runner.run([tls]() -> Probe* { return new ConnectProbe(u"connect:tls"_s, tls, {}); });
    QTRY_VERIFY_WITH_TIMEOUT(runner.hasResult(), 5000);
    QCOMPARE(runner.result().status, ProbeStatus::Skipped);

    // And a publish check without a key has nothing to check.
    PooledProbeRunner noKey(this);
    noKey.run([plain]() -> Probe* { return new PublishProbe(u"publish:nokey"_s, plain, {}); });
    QTRY_VERIFY_WITH_TIMEOUT(noKey.hasResult(), 5000);
    QCOMPARE(noKey.result().status, ProbeStatus::Skipped);
}

void tst_RtmpProbes::secretMaskRules_data()
{
    QTest::addColumn<QStringList>("secrets");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected");

    QTest::newRow("long secret anywhere")
        << QStringList{u"abcdefgh12"_s} << u"xxabcdefgh12yy"_s << u"xx•••••• (10 characters hidden)yy"_s;
    QTest::newRow("short secret standing alone")
        << QStringList{u"k1"_s} << u"publish('k1') k1x"_s << u"publish('•••••• (2 characters hidden)') k1x"_s;
    QTest::newRow("short secret at both ends")
        << QStringList{u"abc"_s} << u"abc/abc"_s
        << u"•••••• (3 characters hidden)/•••••• (3 characters hidden)"_s;
    QTest::newRow("longest first") << QStringList{u"abcdefgh"_s, u"abcdefghijkl"_s} << u"[abcdefghijkl]"_s
                                   << u"[•••••• (12 characters hidden)]"_s;
    QTest::newRow("nothing to hide") << QStringList{} << u"rtmp://host/live"_s << u"rtmp://host/live"_s;
}

void tst_RtmpProbes::secretMaskRules()
{
    QFETCH(QStringList, secrets);
    QFETCH(QString, text);
    QFETCH(QString, expected);
    const SecretMask mask(secrets);
    QCOMPARE(mask.apply(text), expected);

    ProbeTarget target = loopbackTarget(1935, u"live/0123456789abcdef0123456789abcdef"_s, u"key"_s);
    QCOMPARE(secretValuesOf(target), (QStringList{u"key"_s, u"0123456789abcdef0123456789abcdef"_s}));
}

QTEST_GUILESS_MAIN(tst_RtmpProbes)

#include "tst_rtmpprobes.moc"
