#pragma once

#include "probe.h"
#include "rtmpconversation.h"

#include <QHostAddress>
#include <QPointer>

#include <optional>

class QAbstractSocket;
class QTcpSocket;

namespace rd {

// What HandshakeProbe, ConnectProbe and PublishProbe share: open the byte stream, run an
// RtmpConversation up to goal(), and turn its stage results into the probe's result.
//
// The stream: for Transport::PlainTcp a QTcpSocket to target().address (or target().host),
// never through a proxy, bounded by ProbeTimeouts::connectMs; a failed connect ends the probe
// with the TcpProbe statuses (TcpRefused, TcpFiltered, TcpUnreachable, TcpNoRoute). Other
// transports are not opened here: the probe ends Skipped unless a subclass overrides
// openStream() (an RTMPS probe connects and encrypts a QSslSocket, then calls streamReady()).
//
// Timeouts: the handshake as a whole and every command's answer are bounded by
// ProbeTimeouts::readMs; every stage timer also stops short of ProbeTimeouts::probeMs, so the
// probe reports the stage's own timeout status rather than the last-resort deadline.
//
// Two follow-ups happen inside the same probe, each at most once:
//  * HandshakeClosedAfterC0C1 after a digest C1: a second connection with a simple C1 (the
//    notes' recommendation; rtmpdump and OBS send the simple form). Fact simpleRetry = true.
//  * HandshakeReset on plain TCP: a second connection sends a TLS ClientHello; a TLS answer
//    turns the result into HandshakeAnsweredTls with tlsEvidence = "reset-then-tls-answer"
//    (stunnel/OpenSSL reset plain RTMP bytes instead of sending an alert).
//
// The result carries the facts of every stage that ran (rtmpfacts keys, plus tcpfacts::address
// and tcpfacts::family), and always rtmpfacts::peakBufferedBytes: the most bytes any of its
// conversations held at once. That stays below kBufferedBytesCap whatever the server sends. Whatever ends the
// probe (including a cancel) aborts its sockets; a probe that reached its goal closes the connection cleanly
// first.
class RtmpStageProbe : public Probe
{
    Q_OBJECT

public:
    RtmpStageProbe(QString probeId, ProbeKind kind, RtmpStage goal, ProbeTarget target,
                   ProbeTimeouts timeouts, QObject* parent = nullptr);
    ~RtmpStageProbe() override;

    RtmpStage goal() const { return m_goal; }

    // Settings; take effect when set before start().
    void setPublishGraceMs(int ms) { m_publishGraceMs = ms; }
    int publishGraceMs() const { return m_publishGraceMs; }
    void setSimpleRetryEnabled(bool enabled) { m_simpleRetryEnabled = enabled; }
    void setTlsConfirmationEnabled(bool enabled) { m_tlsConfirmationEnabled = enabled; }
    void setFirstC1Variant(rtmp::HandshakeVariant variant) { m_variant = variant; }

    static constexpr int kDefaultPublishGraceMs = 1000;
    // How much earlier than ProbeTimeouts::probeMs the conversation's own timers give up.
    static constexpr int kDeadlineMarginMs = 200;
    // The socket's read buffer (Qt stops reading from the kernel beyond it); with the
    // conversation's own bounds it caps what a probe ever holds: see kBufferedBytesCap.
    static constexpr qint64 kReadBufferBytes = 64 * 1024;
    // The handshake reply, four messages of the conversation's longest (the chunk reader's bound
    // on unfinished messages) with the longest chunk header (18 bytes), and one read buffer of
    // bytes not yet parsed.
    static constexpr qint64 kBufferedBytesCap = 1 + 2 * rtmp::HandshakeBlockSize +
                                                4 * RtmpConversationOptions::kDefaultMaxMessageLength + 18 +
                                                kReadBufferBytes;

protected:
    void begin() override;
    void abortIo() override;

    // Opens the stream and calls streamReady() once bytes can flow, or finish() with the
    // reason it could not. Called again for the simple-C1 retry.
    virtual void openStream();
    // `socket` is connected (and encrypted, for TLS), a child of this probe; the probe aborts
    // it when it ends.
    void streamReady(QAbstractSocket* socket);
    // Whether a reset handshake is worth the TLS ClientHello follow-up (plain TCP only).
    virtual bool confirmsTlsAfterReset() const;
    // Last chance to adjust what the conversation is told (tests, subclasses).
    virtual void adjustConversationOptions(RtmpConversationOptions& options) const;

    // "127.0.0.1:1935", "[::1]:1935", "host:443"
    QString endpoint() const;
    // The tcUrl to send when the target has none: rtmp[s]://host[:port]/application.
    QString fallbackTcUrl() const;

private:
    void openPlainTcp();
    void onPlainConnected();
    void onPlainConnectError();
    void onStageFinished(const RtmpStageResult& result);
    void onConversationClosed(bool graceful);
    void retryWithSimpleC1();
    void confirmTlsAfterReset(const RtmpStageResult& resetResult);
    void onTlsCheckBytes();
    void concludeTlsCheck(bool answeredTls, const QString& what);
    void dropStream();
    void notePeak();

    RtmpStage m_goal;
    rtmp::HandshakeVariant m_variant = rtmp::HandshakeVariant::Digest;
    int m_publishGraceMs = kDefaultPublishGraceMs;
    bool m_simpleRetryEnabled = true;
    bool m_tlsConfirmationEnabled = true;
    bool m_retried = false;
    qint64 m_peakBuffered = 0;

    QHostAddress m_address; // null: connect by host name
    QPointer<QTcpSocket> m_plainSocket;
    QPointer<QAbstractSocket> m_stream;
    QPointer<RtmpConversation> m_conversation;
    std::optional<RtmpStageResult> m_goalResult;

    QPointer<QTcpSocket> m_tlsCheckSocket;
    QByteArray m_tlsCheckReply;
    std::optional<RtmpStageResult> m_resetResult;
};

// The RTMP handshake on its own connection: C0+C1 (digest C1 first), S0+S1+S2, C2.
// Statuses: HandshakeOk (facts serverVersion, serverDigestValid, serverDigestScheme, s2Kind,
// handshakeMs, c1Variant), HandshakeAnsweredHttp (httpStatusLine), HandshakeAnsweredTls
// (tlsEvidence), HandshakeRtmpeRequested, HandshakeUnknownVersion, HandshakeClosedAfterC0C1,
// HandshakeReset, HandshakeSilent, HandshakeShortReply, HandshakeGarbled; before the
// handshake the TCP statuses; Skipped for transports it cannot open.
class HandshakeProbe : public RtmpStageProbe
{
    Q_OBJECT

public:
    HandshakeProbe(QString probeId, ProbeTarget target, ProbeTimeouts timeouts, QObject* parent = nullptr);
    ~HandshakeProbe() override;
};

} // namespace rd
