#include "scriptedpeer.h"

#include "rtmp/amf0.h"
#include "rtmp/chunkstream.h"
#include "rtmp/commands.h"

#include <QDateTime>
#include <QRandomGenerator>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>
#include <QTimer>
#include <QtEndian>

#include <condition_variable>
#include <mutex>
#include <optional>

#if defined(Q_OS_UNIX)
#include <sys/socket.h>
#endif

using namespace Qt::StringLiterals;

namespace rd::test {

namespace {

using Behaviour = ScriptedPeer::Behaviour;

constexpr qsizetype c0c1Size = 1 + 1536;
constexpr qsizetype handshakeSize = c0c1Size + 1536; // C0 + C1 + C2
constexpr qsizetype defaultChunkSize = 128;
// The echo of the client's bytes after the handshake is only kept to find
// the end of its first command; more is never needed.
constexpr qsizetype maxKeptAfterHandshake = 256 * 1024;
constexpr qsizetype endlessBacklog = 256 * 1024;

bool performsHandshake(Behaviour behaviour)
{
    switch (behaviour) {
    case Behaviour::OneBytePerSecond:
    case Behaviour::HandshakeThenSilent:
    case Behaviour::HandshakeThenGarbage:
    case Behaviour::HandshakeThenCloseAfterConnect:
    case Behaviour::HandshakeThenHugeChunkSize:
    case Behaviour::HandshakeThenAnnounce16MB:
    case Behaviour::HandshakeThenEndlessData:
    case Behaviour::HandshakeThenResetMidMessage:
    case Behaviour::HandshakeThenCommandFlood:
    case Behaviour::HandshakeThenAcceptThenCommandFlood:
    case Behaviour::HandshakeThenHugeChunkSizeThenMessage:
    case Behaviour::HandshakeThenManyPartialMessages:
        return true;
    default:
        return false;
    }
}

// Behaviours that act once the client's first command message is complete.
bool actsAfterFirstCommand(Behaviour behaviour)
{
    return behaviour == Behaviour::HandshakeThenCloseAfterConnect ||
           behaviour == Behaviour::HandshakeThenResetMidMessage ||
           behaviour == Behaviour::HandshakeThenCommandFlood ||
           behaviour == Behaviour::HandshakeThenAcceptThenCommandFlood;
}

// Fixed, seed-driven bytes so a failing test sees the same "garbage" every run.
QByteArray pseudoRandomBytes(qsizetype size, quint32 seed, char first)
{
    QByteArray bytes(size, Qt::Uninitialized);
    QRandomGenerator generator(seed);
    for (qsizetype i = 0; i < size; ++i)
        bytes[i] = static_cast<char>(generator.bounded(256));
    if (size > 0)
        bytes[0] = first;
    return bytes;
}

QByteArray randomBytes(qsizetype size)
{
    QByteArray bytes(size, Qt::Uninitialized);
    for (qsizetype i = 0; i < size; ++i)
        bytes[i] = static_cast<char>(QRandomGenerator::global()->bounded(256));
    return bytes;
}

void appendBigEndian24(QByteArray& bytes, quint32 value)
{
    bytes.append(static_cast<char>((value >> 16) & 0xFF));
    bytes.append(static_cast<char>((value >> 8) & 0xFF));
    bytes.append(static_cast<char>(value & 0xFF));
}

// Type-0 chunk header on a chunk stream id below 64, timestamp 0.
QByteArray chunkHeader(quint8 chunkStreamId, quint32 messageLength, quint8 messageType,
                       quint32 messageStreamId)
{
    QByteArray header;
    header.append(static_cast<char>(chunkStreamId & 0x3F));
    appendBigEndian24(header, 0);
    appendBigEndian24(header, messageLength);
    header.append(static_cast<char>(messageType));
    char streamId[4];
    qToLittleEndian(messageStreamId, streamId);
    header.append(streamId, 4);
    return header;
}

QByteArray handshakeReply(const QByteArray& c0c1)
{
    QByteArray reply;
    reply.append('\x03');
    char time[4];
    qToBigEndian(static_cast<quint32>(QDateTime::currentMSecsSinceEpoch() & 0xFFFFFFFF), time);
    reply.append(time, 4);
    reply.append(4, '\0');
    reply.append(randomBytes(1528));
    reply.append(c0c1.mid(1, 1536));
    return reply;
}

QByteArray http400Answer()
{
    const QByteArray body = "<html><head><title>400 Bad Request</title></head>\r\n"
                            "<body><center><h1>400 Bad Request</h1></center></body></html>\r\n";
    return "HTTP/1.1 400 Bad Request\r\nServer: scripted-peer\r\nContent-Type: "
           "text/html\r\nContent-Length: " +
           QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n" + body;
}

QByteArray endlessDataBlock()
{
    QByteArray message = chunkHeader(4, defaultChunkSize, 8, 1);
    QByteArray payload(defaultChunkSize, '\0');
    payload[0] = '\xAF'; // AAC, 44 kHz, 16 bit, stereo
    payload[1] = '\x01'; // raw frame
    message += payload;
    QByteArray block;
    while (block.size() < 64 * 1024)
        block += message;
    return block;
}

QByteArray repeatedToBlock(const QByteArray& unit)
{
    QByteArray block;
    while (block.size() < 64 * 1024)
        block += unit;
    return block;
}

QByteArray commandFloodBlock()
{
    rtmp::ChunkWriter writer;
    const rtmp::Message bandwidthDone =
        rtmp::buildCommand(u"onBWDone"_s, 0, {amf0::Value::null(), amf0::Value::number(8192)});
    rtmp::ConnectParameters parameters;
    parameters.app = u"flood"_s;
    parameters.tcUrl = u"rtmp://127.0.0.1/flood"_s;
    const rtmp::Message connect = rtmp::buildConnect(parameters, 1);
    return repeatedToBlock(writer.write(bandwidthDone).bytes + writer.write(connect).bytes);
}

// `_result` to the client's connect (transaction 1): the application is accepted.
QByteArray connectAccepted()
{
    const amf0::Value properties =
        amf0::Value::object({{u"fmsVer"_s, amf0::Value::string(u"FMS/3,5,7,7009"_s)},
                             {u"capabilities"_s, amf0::Value::number(31)}});
    const amf0::Value information =
        amf0::Value::object({{u"level"_s, amf0::Value::string(u"status"_s)},
                             {u"code"_s, amf0::Value::string(u"NetConnection.Connect.Success"_s)},
                             {u"description"_s, amf0::Value::string(u"Connection succeeded."_s)}});
    return rtmp::ChunkWriter().write(rtmp::buildCommand(u"_result"_s, 1, {properties, information})).bytes;
}

QByteArray httpHead(const QByteArray& extraHeaders)
{
    return "HTTP/1.1 200 OK\r\nServer: scripted-peer\r\nContent-Type: application/x-fcs\r\n" + extraHeaders +
           "\r\n";
}

// Bytes the client's first command message occupies on the wire (protocol
// control messages before it included), or nullopt while incomplete. Any
// framing this simple reader does not follow ends the wait at once.
std::optional<qsizetype> firstCommandEnd(const QByteArray& bytes)
{
    qsizetype position = 0;
    qsizetype chunkSize = defaultChunkSize;
    while (true) {
        if (position >= bytes.size())
            return std::nullopt;
        const auto first = static_cast<quint8>(bytes.at(position));
        const int format = first >> 6;
        const int idField = first & 0x3F;
        const qsizetype basicSize = idField == 0 ? 2 : (idField == 1 ? 3 : 1);
        if (format > 1)
            return position + 1;
        const qsizetype headerSize = basicSize + (format == 0 ? 11 : 7);
        if (bytes.size() < position + headerSize)
            return std::nullopt;
        const auto at = [&](qsizetype offset) {
            return static_cast<quint8>(bytes.at(position + basicSize + offset));
        };
        const quint32 timestamp = (quint32(at(0)) << 16) | (quint32(at(1)) << 8) | at(2);
        const qsizetype length = (qsizetype(at(3)) << 16) | (qsizetype(at(4)) << 8) | at(5);
        const int type = at(6);
        const qsizetype extended = timestamp == 0xFFFFFF ? 4 : 0;
        const qsizetype chunks = length == 0 ? 1 : (length + chunkSize - 1) / chunkSize;
        const qsizetype payloadStart = position + headerSize + extended;
        const qsizetype end = payloadStart + length + (chunks - 1) * (basicSize + extended);
        if (bytes.size() < end)
            return std::nullopt;
        if (type == 1 && length >= 4) {
            chunkSize = qFromBigEndian<quint32>(bytes.constData() + payloadStart) & 0x7FFFFFFF;
            if (chunkSize <= 0)
                return end;
        }
        if (type == 17 || type == 20 || type > 6)
            return end;
        position = end;
    }
}

// One accepted connection. Lives in, and is driven by, the peer's thread.
class ScriptedConnection : public QObject
{
public:
    ScriptedConnection(QTcpSocket* socket, Behaviour behaviour, ScriptedPeer::Options options,
                       ScriptedPeer::Counters counters, QObject* parent)
        : QObject(parent)
        , m_socket(socket)
        , m_behaviour(behaviour)
        , m_options(options)
        , m_counters(counters)
    {
        m_socket->setParent(this);
        m_trickleTimer.setInterval(m_options.trickleInterval);
        connect(&m_trickleTimer, &QTimer::timeout, this, [this] { trickleOneByte(); });
        connect(m_socket, &QTcpSocket::readyRead, this, [this] { onReadyRead(); });
        connect(m_socket, &QTcpSocket::disconnected, this, [this] { m_trickleTimer.stop(); });
        connect(m_socket, &QTcpSocket::bytesWritten, this, [this] { pumpEndlessData(); });

        if (m_behaviour == Behaviour::AcceptThenClose)
            closeGracefully();
        else if (m_behaviour == Behaviour::AcceptThenReset)
            resetConnection();
    }

private:
    bool open() const { return m_socket->state() == QAbstractSocket::ConnectedState; }

    void send(const QByteArray& bytes)
    {
        if (!open())
            return;
        const qint64 written = m_socket->write(bytes);
        if (written > 0)
            m_counters.bytesSent.fetch_add(written);
    }

    void closeGracefully()
    {
        m_trickleTimer.stop();
        m_closed = true;
        m_socket->disconnectFromHost();
    }

    void resetConnection()
    {
        m_trickleTimer.stop();
        m_closed = true;
#if defined(Q_OS_UNIX)
        // Zero linger turns close() into an RST instead of a FIN.
        const linger immediate{1, 0};
        ::setsockopt(static_cast<int>(m_socket->socketDescriptor()), SOL_SOCKET, SO_LINGER, &immediate,
                     sizeof immediate);
#endif
        m_socket->abort();
    }

    // Sends `length` bytes one per trickle interval: `bytes`, then zeros.
    void startTrickle(QByteArray bytes, qsizetype length)
    {
        m_trickleData = std::move(bytes);
        m_trickleLength = length;
        m_trickleOffset = 0;
        trickleOneByte();
        m_trickleTimer.start();
    }

    void trickleOneByte()
    {
        if (!open() || m_trickleOffset >= m_trickleLength) {
            m_trickleTimer.stop();
            return;
        }
        send(
            QByteArray(1, m_trickleOffset < m_trickleData.size() ? m_trickleData.at(m_trickleOffset) : '\0'));
        ++m_trickleOffset;
    }

    void pumpEndlessData()
    {
        if (m_endlessBlock.isEmpty() || !open())
            return;
        while (m_socket->bytesToWrite() < endlessBacklog && open())
            send(m_endlessBlock);
    }

    void startEndless(QByteArray block)
    {
        m_endlessBlock = std::move(block);
        pumpEndlessData();
    }

    // RST once what was written has had time to arrive.
    void resetSoon()
    {
        m_socket->flush();
        m_closed = true;
        QTimer::singleShot(100, this, [this] { resetConnection(); });
    }

    void onReadyRead()
    {
        const QByteArray incoming = m_socket->readAll();
        if (incoming.isEmpty())
            return;
        m_counters.bytesReceived.fetch_add(incoming.size());
        const qsizetype before = m_received;
        m_received += incoming.size();
        if (m_head.size() < c0c1Size)
            m_head += incoming.left(c0c1Size - m_head.size());
        if (m_received > handshakeSize && m_afterHandshake.size() < maxKeptAfterHandshake) {
            const qsizetype skip = qMax<qsizetype>(0, handshakeSize - before);
            m_afterHandshake += incoming.mid(skip, maxKeptAfterHandshake - m_afterHandshake.size());
        }
        if (m_closed)
            return;
        if (!m_answered)
            answerFirstBytes();
        if (performsHandshake(m_behaviour) && !m_afterHandshakeStarted && m_received >= handshakeSize)
            actAfterHandshake();
        if (actsAfterFirstCommand(m_behaviour) && m_afterHandshakeStarted && !m_actedOnCommand &&
            firstCommandEnd(m_afterHandshake).has_value()) {
            m_actedOnCommand = true;
            actOnFirstCommand();
        }
    }

    void actOnFirstCommand()
    {
        switch (m_behaviour) {
        case Behaviour::HandshakeThenCloseAfterConnect:
            closeGracefully();
            return;
        case Behaviour::HandshakeThenResetMidMessage:
            send(chunkHeader(3, 300, 20, 0) + pseudoRandomBytes(100, 0x5eed0003, '\x02'));
            resetSoon();
            return;
        case Behaviour::HandshakeThenCommandFlood:
            startEndless(commandFloodBlock());
            return;
        case Behaviour::HandshakeThenAcceptThenCommandFlood:
            send(connectAccepted());
            startEndless(commandFloodBlock());
            return;
        default:
            return;
        }
    }

    void answerFirstBytes()
    {
        const bool haveC0C1 = m_head.size() >= c0c1Size;
        switch (m_behaviour) {
        case Behaviour::Silent:
        case Behaviour::AcceptThenClose:
        case Behaviour::AcceptThenReset:
            return;
        case Behaviour::CloseAfterC0C1:
            if (haveC0C1) {
                m_answered = true;
                closeGracefully();
            }
            return;
        case Behaviour::ResetAfterC0C1:
            if (haveC0C1) {
                m_answered = true;
                resetConnection();
            }
            return;
        case Behaviour::AnswerHttp400:
            m_answered = true;
            send(http400Answer());
            closeGracefully();
            return;
        case Behaviour::AnswerTlsAlert:
            m_answered = true;
            // Alert record: content type 21, TLS 1.2, length 2, level fatal, handshake_failure.
            send(QByteArray::fromHex("15030300020228"));
            closeGracefully();
            return;
        case Behaviour::AnswerRtmpeVersion:
            if (haveC0C1) {
                m_answered = true;
                send('\x06' + randomBytes(1536));
            }
            return;
        case Behaviour::Garbage:
            m_answered = true;
            send(pseudoRandomBytes(handshakeSize, 0x5eed0001, '\xEE'));
            return;
        case Behaviour::OneBytePerSecond:
            if (haveC0C1) {
                m_answered = true;
                const QByteArray reply = handshakeReply(m_head);
                startTrickle(reply, reply.size());
            }
            return;
        case Behaviour::HandshakeThenSilent:
        case Behaviour::HandshakeThenGarbage:
        case Behaviour::HandshakeThenCloseAfterConnect:
        case Behaviour::HandshakeThenHugeChunkSize:
        case Behaviour::HandshakeThenAnnounce16MB:
        case Behaviour::HandshakeThenEndlessData:
        case Behaviour::HandshakeThenResetMidMessage:
        case Behaviour::HandshakeThenCommandFlood:
        case Behaviour::HandshakeThenAcceptThenCommandFlood:
        case Behaviour::HandshakeThenHugeChunkSizeThenMessage:
        case Behaviour::HandshakeThenManyPartialMessages:
            if (haveC0C1) {
                m_answered = true;
                send(handshakeReply(m_head));
            }
            return;
        case Behaviour::ResetMidHandshake:
            if (haveC0C1) {
                m_answered = true;
                send(handshakeReply(m_head).left(1 + 700));
                resetSoon();
            }
            return;
        case Behaviour::TlsStallMidHandshake:
            m_answered = true;
            // Handshake record, TLS 1.2, 16384 bytes announced; a ServerHello header; 196 more bytes.
            send(QByteArray::fromHex("1603034000") + QByteArray::fromHex("02003ffc") +
                 pseudoRandomBytes(196, 0x5eed0004, '\x03'));
            return;
        case Behaviour::HttpEndlessBody:
            m_answered = true;
            send(httpHead("Connection: close\r\n"));
            startEndless(repeatedToBlock(QByteArrayLiteral("\x01RTMP bytes that never end ")));
            return;
        case Behaviour::HttpHugeContentLength:
            m_answered = true;
            send(httpHead("Content-Length: 1099511627776\r\n"));
            startEndless(repeatedToBlock(QByteArrayLiteral("\x01RTMP bytes that never end ")));
            return;
        case Behaviour::HttpHeaderFlood:
            m_answered = true;
            send("HTTP/1.1 200 OK\r\n");
            startEndless(repeatedToBlock(QByteArrayLiteral("X-Flood: header lines that never end\r\n")));
            return;
        case Behaviour::HttpTrickleBody:
            m_answered = true;
            send(httpHead("Content-Length: 64\r\n"));
            startTrickle(QByteArray(64, '\x01'), 64);
            return;
        }
    }

    void actAfterHandshake()
    {
        m_afterHandshakeStarted = true;
        switch (m_behaviour) {
        case Behaviour::HandshakeThenGarbage:
            send(pseudoRandomBytes(512, 0x5eed0002, '\xFF'));
            return;
        case Behaviour::HandshakeThenHugeChunkSize:
            send(chunkHeader(2, 4, 1, 0) + QByteArray::fromHex("7FFFFFFF"));
            return;
        case Behaviour::HandshakeThenAnnounce16MB:
            send(chunkHeader(3, 0xFFFFFF, 20, 0));
            startTrickle({}, 0xFFFFFF);
            return;
        case Behaviour::HandshakeThenEndlessData:
            startEndless(endlessDataBlock());
            return;
        case Behaviour::HandshakeThenHugeChunkSizeThenMessage: {
            QByteArray message = chunkHeader(4, 32 * 1024, 8, 1);
            message += QByteArray(32 * 1024, '\xAF');
            send(chunkHeader(2, 4, 1, 0) + QByteArray::fromHex("7FFFFFFF") + message);
            return;
        }
        case Behaviour::HandshakeThenManyPartialMessages: {
            // After Set Chunk Size 59000 the first chunk of each message ends 1000 bytes short.
            QByteArray bytes = chunkHeader(2, 4, 1, 0) + QByteArray::fromHex("0000E678");
            for (quint8 chunkStreamId = 4; chunkStreamId <= 35; ++chunkStreamId)
                bytes += chunkHeader(chunkStreamId, 60000, 8, 1) + QByteArray(59000, '\xAF');
            send(bytes);
            return;
        }
        default:
            return;
        }
    }

    QTcpSocket* m_socket;
    Behaviour m_behaviour;
    ScriptedPeer::Options m_options;
    ScriptedPeer::Counters m_counters;
    QTimer m_trickleTimer;
    QByteArray m_trickleData;
    qsizetype m_trickleLength = 0;
    qsizetype m_trickleOffset = 0;
    QByteArray m_head;
    QByteArray m_afterHandshake;
    qsizetype m_received = 0;
    bool m_answered = false;
    bool m_afterHandshakeStarted = false;
    bool m_actedOnCommand = false;
    QByteArray m_endlessBlock;
    bool m_closed = false;
};

} // namespace

// Owns the listening socket and the connections from start to end of run(),
// so every socket is created, used and destroyed in this thread.
class ScriptedPeerThread : public QThread
{
public:
    ScriptedPeerThread(Behaviour behaviour, ScriptedPeer::Options options, ScriptedPeer::Counters counters)
        : m_behaviour(behaviour)
        , m_options(options)
        , m_counters(counters)
    {}

    ~ScriptedPeerThread() override
    {
        quit();
        wait();
        // QThread::wait() is invisible to ThreadSanitizer; this lock, taken after run() released
        // it for the last time, shows that everything the thread did happened before.
        const std::lock_guard lock(m_readyMutex);
    }

    // Blocks until the server listens or failed to; bounded. A standard mutex rather than a
    // QSemaphore, so ThreadSanitizer (Qt is not instrumented) sees port and error handed over.
    bool waitUntilReady()
    {
        std::unique_lock lock(m_readyMutex);
        return m_readyChanged.wait_for(lock, std::chrono::seconds(10), [this] { return m_isReady; });
    }

    quint16 port() const
    {
        const std::lock_guard lock(m_readyMutex);
        return m_port;
    }
    QString errorString() const
    {
        const std::lock_guard lock(m_readyMutex);
        return m_error;
    }

protected:
    void run() override
    {
        serve();
        // The thread's last release of the lock, which the destructor acquires after wait().
        const std::lock_guard lock(m_readyMutex);
    }

private:
    void serve()
    {
        QTcpServer server;
        QObject::connect(&server, &QTcpServer::newConnection, &server, [this, &server] {
            while (QTcpSocket* socket = server.nextPendingConnection()) {
                m_counters.connections.fetch_add(1);
                new ScriptedConnection(socket, m_behaviour, m_options, m_counters, &server);
            }
        });
        if (!server.listen(QHostAddress(QHostAddress::LocalHost), 0)) {
            markReady(0, server.errorString());
            return;
        }
        markReady(server.serverPort(), {});
        exec();
        server.close();
    }

    void markReady(quint16 port, const QString& error)
    {
        {
            const std::lock_guard lock(m_readyMutex);
            m_port = port;
            m_error = error;
            m_isReady = true;
        }
        m_readyChanged.notify_all();
    }

    Behaviour m_behaviour;
    ScriptedPeer::Options m_options;
    ScriptedPeer::Counters m_counters;
    mutable std::mutex m_readyMutex;
    std::condition_variable m_readyChanged;
    bool m_isReady = false;
    quint16 m_port = 0;
    QString m_error;
};

ScriptedPeer::ScriptedPeer(Behaviour behaviour)
    : ScriptedPeer(behaviour, Options{})
{}

ScriptedPeer::ScriptedPeer(Behaviour behaviour, Options options)
    : m_behaviour(behaviour)
    , m_options(options)
{
    m_thread = std::make_unique<ScriptedPeerThread>(m_behaviour, m_options,
                                                    Counters{m_connections, m_bytesReceived, m_bytesSent});
    m_thread->setObjectName(u"scripted-peer-"_s + behaviourName(behaviour));
    m_thread->start();
    if (!m_thread->waitUntilReady()) {
        m_error = u"the scripted peer thread did not start listening within 10 s"_s;
        return;
    }
    m_port = m_thread->port();
    m_error = m_thread->errorString();
}

ScriptedPeer::~ScriptedPeer()
{
    m_thread.reset();
}

QString ScriptedPeer::behaviourName(Behaviour behaviour)
{
    switch (behaviour) {
    case Behaviour::Silent:
        return u"Silent"_s;
    case Behaviour::CloseAfterC0C1:
        return u"CloseAfterC0C1"_s;
    case Behaviour::ResetAfterC0C1:
        return u"ResetAfterC0C1"_s;
    case Behaviour::AnswerHttp400:
        return u"AnswerHttp400"_s;
    case Behaviour::AnswerTlsAlert:
        return u"AnswerTlsAlert"_s;
    case Behaviour::AnswerRtmpeVersion:
        return u"AnswerRtmpeVersion"_s;
    case Behaviour::Garbage:
        return u"Garbage"_s;
    case Behaviour::OneBytePerSecond:
        return u"OneBytePerSecond"_s;
    case Behaviour::HandshakeThenSilent:
        return u"HandshakeThenSilent"_s;
    case Behaviour::HandshakeThenGarbage:
        return u"HandshakeThenGarbage"_s;
    case Behaviour::HandshakeThenCloseAfterConnect:
        return u"HandshakeThenCloseAfterConnect"_s;
    case Behaviour::HandshakeThenHugeChunkSize:
        return u"HandshakeThenHugeChunkSize"_s;
    case Behaviour::HandshakeThenAnnounce16MB:
        return u"HandshakeThenAnnounce16MB"_s;
    case Behaviour::HandshakeThenEndlessData:
        return u"HandshakeThenEndlessData"_s;
    case Behaviour::AcceptThenClose:
        return u"AcceptThenClose"_s;
    case Behaviour::AcceptThenReset:
        return u"AcceptThenReset"_s;
    case Behaviour::ResetMidHandshake:
        return u"ResetMidHandshake"_s;
    case Behaviour::HandshakeThenResetMidMessage:
        return u"HandshakeThenResetMidMessage"_s;
    case Behaviour::HandshakeThenCommandFlood:
        return u"HandshakeThenCommandFlood"_s;
    case Behaviour::HandshakeThenAcceptThenCommandFlood:
        return u"HandshakeThenAcceptThenCommandFlood"_s;
    case Behaviour::HandshakeThenHugeChunkSizeThenMessage:
        return u"HandshakeThenHugeChunkSizeThenMessage"_s;
    case Behaviour::HandshakeThenManyPartialMessages:
        return u"HandshakeThenManyPartialMessages"_s;
    case Behaviour::TlsStallMidHandshake:
        return u"TlsStallMidHandshake"_s;
    case Behaviour::HttpEndlessBody:
        return u"HttpEndlessBody"_s;
    case Behaviour::HttpHugeContentLength:
        return u"HttpHugeContentLength"_s;
    case Behaviour::HttpHeaderFlood:
        return u"HttpHeaderFlood"_s;
    case Behaviour::HttpTrickleBody:
        return u"HttpTrickleBody"_s;
    }
    return u"Unknown"_s;
}

QList<ScriptedPeer::Behaviour> ScriptedPeer::allBehaviours()
{
    return {Behaviour::Silent,
            Behaviour::CloseAfterC0C1,
            Behaviour::ResetAfterC0C1,
            Behaviour::AnswerHttp400,
            Behaviour::AnswerTlsAlert,
            Behaviour::AnswerRtmpeVersion,
            Behaviour::Garbage,
            Behaviour::OneBytePerSecond,
            Behaviour::HandshakeThenSilent,
            Behaviour::HandshakeThenGarbage,
            Behaviour::HandshakeThenCloseAfterConnect,
            Behaviour::HandshakeThenHugeChunkSize,
            Behaviour::HandshakeThenAnnounce16MB,
            Behaviour::HandshakeThenEndlessData,
            Behaviour::AcceptThenClose,
            Behaviour::AcceptThenReset,
            Behaviour::ResetMidHandshake,
            Behaviour::HandshakeThenResetMidMessage,
            Behaviour::HandshakeThenCommandFlood,
            Behaviour::HandshakeThenAcceptThenCommandFlood,
            Behaviour::HandshakeThenHugeChunkSizeThenMessage,
            Behaviour::HandshakeThenManyPartialMessages,
            Behaviour::TlsStallMidHandshake,
            Behaviour::HttpEndlessBody,
            Behaviour::HttpHugeContentLength,
            Behaviour::HttpHeaderFlood,
            Behaviour::HttpTrickleBody};
}

} // namespace rd::test
