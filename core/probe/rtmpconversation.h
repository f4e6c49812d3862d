#pragma once

#include "probetypes.h"
#include "rtmp/amf0.h"
#include "rtmp/chunkstream.h"
#include "rtmp/commands.h"
#include "rtmp/handshake.h"

#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QLatin1StringView>
#include <QObject>
#include <QPointer>
#include <QStringList>
#include <QTimer>
#include <QVariantMap>

#include <functional>
#include <memory>
#include <optional>

class QAbstractSocket;

namespace rd {

// Keys of ProbeResult::facts written by the RTMP probes (and by RtmpConversation into
// RtmpStageResult::facts). Texts that come from the server are masked (see SecretMask).
namespace rtmpfacts {
// Handshake
inline constexpr QLatin1StringView c1Variant{"c1Variant"}; // "digest" / "simple": the C1 that got the answer
inline constexpr QLatin1StringView simpleRetry{
    "simpleRetry"}; // bool: the digest C1 was closed on, retried simple
inline constexpr QLatin1StringView handshakeMs{"handshakeMs"};     // qint64, C0+C1 sent -> S2 complete
inline constexpr QLatin1StringView serverVersion{"serverVersion"}; // S1 bytes 4-7 "a.b.c.d"
inline constexpr QLatin1StringView serverTime{"serverTime"};       // S1 bytes 0-3
inline constexpr QLatin1StringView serverDigestValid{"serverDigestValid"}; // bool: S1 carries a valid digest
inline constexpr QLatin1StringView serverDigestScheme{"serverDigestScheme"}; // 0 / 1, -1 when none
inline constexpr QLatin1StringView s1EchoesC1{"s1EchoesC1"};                 // bool
inline constexpr QLatin1StringView s2Kind{
    "s2Kind"}; // rtmp::serverResponseCheckName(): echo-of-c1 / signed-digest / unverified
inline constexpr QLatin1StringView handshakeVerdict{"handshakeVerdict"}; // rtmp::handshakeVerdictName()
inline constexpr QLatin1StringView bytesReceived{"bytesReceived"};       // qint64, handshake reply bytes
inline constexpr QLatin1StringView firstBytesHex{"firstBytesHex"};       // up to 64 reply bytes, hex
inline constexpr QLatin1StringView firstByte{"firstByte"};               // int, S0 or whatever came first
inline constexpr QLatin1StringView httpStatusLine{"httpStatusLine"};     // "HTTP/1.1 400 Bad Request"
inline constexpr QLatin1StringView httpStatusCode{"httpStatusCode"};     // int
inline constexpr QLatin1StringView textSnippet{"textSnippet"};           // printable start of a text reply
// How a TLS port gave itself away: "alert-record", "handshake-record", or "reset-then-tls-answer"
// (the RTMP bytes were reset, a TLS ClientHello on a second connection was answered with TLS).
inline constexpr QLatin1StringView tlsEvidence{"tlsEvidence"};
inline constexpr QLatin1StringView tlsAlertLevel{"tlsAlertLevel"};             // int
inline constexpr QLatin1StringView tlsAlertDescription{"tlsAlertDescription"}; // int
// "fin" / "reset" / "unknown": how the peer ended the connection, when it did.
inline constexpr QLatin1StringView peerClosure{"peerClosure"};
inline constexpr QLatin1StringView stalled{"stalled"}; // bool: a partial reply stopped arriving (timeout)

// Connect
inline constexpr QLatin1StringView connectMs{"connectMs"}; // qint64, connect sent -> reply
inline constexpr QLatin1StringView replyCommand{
    "replyCommand"}; // "_result" / "_error" / "onStatus" / "close"
inline constexpr QLatin1StringView fmsVer{"fmsVer"};
inline constexpr QLatin1StringView capabilities{"capabilities"}; // double
inline constexpr QLatin1StringView level{"level"};
inline constexpr QLatin1StringView code{"code"};
inline constexpr QLatin1StringView description{"description"};
inline constexpr QLatin1StringView objectEncoding{"objectEncoding"}; // double
// "red5-no-scope", "ams-application-not-defined", "wowza-application-missing",
// "red5-application-shutting-down"
inline constexpr QLatin1StringView vendorSignature{"vendorSignature"};
inline constexpr QLatin1StringView authMode{"authMode"};     // "adobe" / "llnw"
inline constexpr QLatin1StringView authReason{"authReason"}; // "needauth", "authfailed", ... when given
// "fin" / "reset" / "close-command": how a connection without an answer ended.
inline constexpr QLatin1StringView closedBy{"closedBy"};
inline constexpr QLatin1StringView protocolError{"protocolError"};     // rtmp::readStatusName() or an own id
inline constexpr QLatin1StringView serverChunkSize{"serverChunkSize"}; // from Set Chunk Size
inline constexpr QLatin1StringView serverWindowAckSize{"serverWindowAckSize"}; // from Window Ack Size
inline constexpr QLatin1StringView serverPeerBandwidth{"serverPeerBandwidth"}; // from Set Peer Bandwidth
inline constexpr QLatin1StringView peakBufferedBytes{"peakBufferedBytes"}; // qint64, most bytes held at once
// qint64: bytes of a message the connection ended in the middle of (header and payload so far).
inline constexpr QLatin1StringView unfinishedBytes{"unfinishedBytes"};
inline constexpr QLatin1StringView ignoredBytes{
    "ignoredBytes"}; // qint64, bytes of messages that answered nothing

// Publish
inline constexpr QLatin1StringView streamId{"streamId"};   // double, what createStream returned
inline constexpr QLatin1StringView publishMs{"publishMs"}; // qint64, publish sent -> onStatus
inline constexpr QLatin1StringView publishLevel{"publishLevel"};
inline constexpr QLatin1StringView publishCode{"publishCode"};
inline constexpr QLatin1StringView publishDescription{"publishDescription"};
inline constexpr QLatin1StringView publishStartSeen{"publishStartSeen"}; // bool
// The last command sent before the server closed: "releaseStream" / "FCPublish" /
// "createStream" / "publish".
inline constexpr QLatin1StringView closedAfter{"closedAfter"};
inline constexpr QLatin1StringView waitingFor{"waitingFor"}; // what had no answer: "createStream" / "publish"
} // namespace rtmpfacts

// Replaces every secret (stream key, access token, password) in texts meant for people, so
// no part of it reaches a transcript, fact or message. A secret of 8 characters or more is
// replaced wherever it occurs; a shorter one only where it stands alone (bounded by the text's
// ends or by characters that are not letters or digits), so a short key does not garble
// unrelated words. The replacement is redactSecret(): a fixed mark plus the length.
class SecretMask
{
public:
    SecretMask() = default;
    explicit SecretMask(const QStringList& secrets);

    void add(const QString& secret);
    bool isEmpty() const { return m_secrets.isEmpty(); }

    QString apply(const QString& text) const;
    // Byte form for hex dumps: each secret's UTF-8 bytes become '*' bytes.
    QByteArray apply(const QByteArray& bytes) const;
    amf0::Value::StringFilter filter() const;

private:
    QStringList m_secrets; // longest first, so a secret inside another is never half-replaced
};

// The values of a target that must never be shown: the stream key and every segment of the
// application path that has the shape of an access token (Azure Media Services puts one there).
QStringList secretValuesOf(const ProbeTarget& target);

enum class RtmpStage
{
    Handshake, // C0+C1 -> S0+S1+S2 -> C2
    Connect,   // NetConnection connect
    Publish,   // releaseStream, FCPublish, createStream, publish; no media
};
QString rtmpStageId(RtmpStage stage); // "handshake", "connect", "publish"

// The outcome of one stage. Success is HandshakeOk / ConnectSuccess / PublishStarted;
// everything else ends the conversation. For a failed stage `status` is a status of that
// stage (a Handshake* status for the handshake, Connect* for connect, Publish* for publish).
struct RtmpStageResult
{
    RtmpStage stage = RtmpStage::Handshake;
    ProbeStatus status = ProbeStatus::NotRun;
    QString message;   // one plain sentence, secrets masked
    QVariantMap facts; // rtmpfacts keys, secrets masked

    bool succeeded() const;
};

struct RtmpConversationOptions
{
    RtmpStage goal = RtmpStage::Handshake;
    rtmp::HandshakeVariant c1Variant = rtmp::HandshakeVariant::Digest;
    int handshakeTimeoutMs = 5000; // C0+C1 sent -> S0+S1+S2 complete (all of it, not per byte)
    int replyTimeoutMs = 5000;     // each command -> its answer (connect, createStream, publish)
    // How long to keep listening after NetStream.Publish.Start: nginx-rtmp's `deny publish`
    // sends Start and closes right after.
    int publishGraceMs = 1000;
    int closeTimeoutMs = 1000; // closeGracefully(): the longest wait for the socket to close
    // Over everything: no stage timer runs past it. Probes pass their own end minus a margin,
    // so a stage reports its own timeout status before the probe's last-resort deadline.
    QDeadlineTimer deadline{QDeadlineTimer::Forever};

    rtmp::ConnectParameters connect; // app, tcUrl, flashVer, type
    QString streamName;              // Publish only: the stream key (a secret, masked everywhere)
    QStringList secrets;             // further values to mask (tokens); streamName is always masked

    // Memory bounds, whatever the peer announces or sends: one message at most this long (the
    // chunk reader holds at most four times it), and at most this many bytes of messages that
    // answer nothing (media, data, commands that answer no request) before the server is
    // considered broken.
    static constexpr qsizetype kDefaultMaxMessageLength = 64 * 1024;
    qsizetype maxMessageLength = kDefaultMaxMessageLength;
    qsizetype maxIgnoredBytes = 256 * 1024;
};

// How the owner hears from a conversation. All callbacks are optional and run in the
// conversation's thread, synchronously from its socket and timer handlers. They may call
// stop() or closeGracefully(), and may delete the socket with deleteLater(), but must not
// delete the conversation itself (use deleteLater()).
struct RtmpConversationSink
{
    std::function<void(const QString& name, const QString& detail, qint64 durationMs)> step;
    std::function<void(const QString& summary, const QByteArray& bytes)> sent;
    std::function<void(const QString& summary, const QByteArray& bytes)> received;
    std::function<void(const QString& summary)> note;
    // Once per stage that ran, in order. After a failed stage, or after the goal stage, no
    // further stage runs.
    std::function<void(const RtmpStageResult& result)> stageFinished;
    // After closeGracefully() (graceful = true once the socket closed, false when the close
    // timed out and the socket was aborted), or when the peer closed while the conversation
    // sat idle at its goal (graceful = false).
    std::function<void(bool graceful)> closed;
};

// Drives RTMP over an ALREADY CONNECTED byte stream: a QTcpSocket after connected(), or a
// QSslSocket after encrypted() (RTMPS). It only reads and writes the socket and watches its
// readyRead / disconnected / errorOccurred signals; it never connects, reconnects, aborts or
// deletes it. Transport specifics stay with the owner.
//
// Usage, in the thread the socket lives in:
//   auto* conversation = new RtmpConversation(options, sink, owner);
//   conversation->start(socket);
// Stages run in order up to options.goal:
//   Handshake: digest C1 (or simple), C2 = echo of S1 as soon as S1 is complete; S2 may be an
//     echo of C1 or signed, both accepted. Statuses: HandshakeOk, HandshakeAnsweredHttp,
//     HandshakeAnsweredTls (a TLS record), HandshakeRtmpeRequested, HandshakeUnknownVersion,
//     HandshakeClosedAfterC0C1 (FIN, or an unknown ending, before any reply byte),
//     HandshakeReset (RST before any reply byte), HandshakeSilent, HandshakeShortReply
//     (a partial reply, then close or timeout), HandshakeGarbled (not RTMP: binary or text).
//     Retrying with a simple C1 needs a new connection, so it is the owner's decision
//     (RtmpStageProbe does it once after HandshakeClosedAfterC0C1).
//   Connect: sends connect(app, type, flashVer, tcUrl). Statuses: ConnectSuccess,
//     ConnectRejected, ConnectInvalidApp, ConnectFailed, ConnectAuthRequired,
//     ConnectClosedSilently (FIN/RST/`close` without an answer), ConnectNoReply,
//     ConnectProtocolError (chunk or AMF0 errors, a Set Chunk Size above 0xFFFFFF, more than
//     maxIgnoredBytes of unrelated messages or commands).
//   Publish: releaseStream, FCPublish, createStream, then publish(name, "live") on the new
//     stream, then options.publishGraceMs of listening. Statuses: PublishStarted,
//     PublishBadName, PublishDenied, PublishClosedAfterPublish, PublishNoReply (also
//     ConnectProtocolError for a broken chunk stream).
// Throughout it applies Set Chunk Size, answers Ping Request, acknowledges when a window is
// set, and answers Set Peer Bandwidth with Window Acknowledgement Size. After the goal stage
// succeeded it keeps the connection open (still answering pings) until closeGracefully() or
// stop(). Memory stays bounded (see RtmpConversationOptions).
//
// On Linux it also tells a peer's FIN from its RST (Qt reports both as RemoteHostClosedError)
// by keeping a duplicate of the socket descriptor while a stage runs. That duplicate keeps the
// TCP connection open, so an owner that ends early must call stop() (or delete the
// conversation) before or when it aborts the socket; otherwise the peer sees the close only
// when the conversation goes away. The duplicate is dropped as soon as a stage fails, the goal
// is reached, or closeGracefully() is called.
class RtmpConversation : public QObject
{
    Q_OBJECT

public:
    RtmpConversation(RtmpConversationOptions options, RtmpConversationSink sink, QObject* parent = nullptr);
    ~RtmpConversation() override;

    // Starts the handshake at once. `socket` must be connected and outlive the conversation's
    // use of it (until stop() or the closed callback).
    void start(QAbstractSocket* socket);
    // Forgets the socket (disconnects from its signals) and stops all timers; no callback runs
    // afterwards. Does not close the socket. Safe to call at any time, also twice.
    void stop();
    // Tears down what was set up (FCUnpublish + deleteStream after a publish) and asks the
    // socket to close once its data is written (disconnectFromHost); `closed` follows (queued),
    // with graceful = false when that took longer than options.closeTimeoutMs (the owner then
    // aborts the socket). Does nothing before start(), after stop() or after a failed stage.
    void closeGracefully();

    bool isActive() const { return m_phase != Phase::Idle && m_phase != Phase::Stopped; }
    std::optional<RtmpStage> currentStage() const;
    const SecretMask& mask() const { return m_mask; }

    // Bytes held right now (handshake reply, chunk reader buffers) and the most ever held.
    qsizetype bufferedBytes() const;
    qsizetype peakBufferedBytes() const { return m_peakBuffered; }
    quint32 incomingChunkSize() const { return m_reader.chunkSize(); }

private:
    enum class Phase
    {
        Idle,
        Handshake,
        AwaitConnectReply,
        AwaitCreateStreamReply,
        AwaitPublishReply,
        PublishGrace,
        AtGoal,
        Closing,
        Stopped,
    };

    void onReadyRead();
    void onPeerGone();
    void onStageTimeout();
    void processIncoming(const QByteArray& bytes);
    void feedHandshake(const QByteArray& bytes);
    void finishHandshake(ProbeStatus status, const QString& message, QVariantMap facts);
    void handshakeEndedWithoutVerdict(bool peerClosed);
    void feedChunks(QByteArrayView bytes);
    // Adds a message that answered nothing to the ignored bytes; false when that ended the stage.
    bool countIgnored(const rtmp::Message& message);
    void acknowledgeIfDue();
    bool handleControl(const rtmp::Message& message);
    void handleCommand(const rtmp::Message& message);
    void handleConnectReply(const rtmp::Command& command);
    void handlePublishStageCommand(const rtmp::Command& command);
    void beginConnect();
    void beginPublish();
    void sendPublish();
    void endPublishGrace();
    void failStage(ProbeStatus status, const QString& message, QVariantMap facts = {});
    void completeStage(ProbeStatus status, const QString& message, QVariantMap facts = {});
    void reportStage(RtmpStageResult result);
    bool sendMessage(const rtmp::Message& message, const QString& summary);
    bool writeBytes(const QByteArray& bytes);
    void armStageTimer(int ms);
    void noteBuffered();
    void finishClosing(bool graceful);
    QString peerClosureName();
    QString masked(const QString& text) const { return m_mask.apply(text); }
    RtmpStage stageOfPhase() const;

    RtmpConversationOptions m_options;
    RtmpConversationSink m_sink;
    SecretMask m_mask;
    QPointer<QAbstractSocket> m_socket;
    Phase m_phase = Phase::Idle;
    QTimer m_stageTimer;
    QTimer m_closeTimer;
    QElapsedTimer m_stageClock;
    QElapsedTimer m_handshakeClock;

    struct CloseWitness;
    std::unique_ptr<CloseWitness> m_witness;

    std::optional<rtmp::HandshakeClassifier> m_classifier;
    bool m_c2Sent = false;
    rtmp::ChunkReader m_reader;
    rtmp::ChunkWriter m_writer;
    rtmp::AcknowledgementTracker m_acknowledgements;
    quint32 m_windowAckSent = 0;
    qsizetype m_ignoredBytes = 0;
    qsizetype m_peakBuffered = 0;

    double m_nextTransactionId = 2;
    double m_createStreamTransaction = 0;
    double m_publishTransaction = 0;
    double m_streamId = 0;
    bool m_streamCreated = false;
    bool m_publishStartSeen = false;
    bool m_closedPending = false;
    QString m_lastCommandSent;
    QVariantMap m_sessionFacts;
};

} // namespace rd
