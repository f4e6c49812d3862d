#pragma once

#include "probe.h"
#include "rtmp/handshake.h"
#include "rtmp/rtmpt.h"

#include <QAbstractSocket>
#include <QLatin1StringView>
#include <QList>
#include <QNetworkProxy>
#include <QSslCertificate>
#include <QSslError>

#include <optional>

class QTcpSocket;
class QTimer;

namespace rd {

// Keys of ProbeResult::facts written by RtmptProbe (handshake details use the
// rtmpfacts keys of rtmpconversation.h: handshakeVerdict, serverVersion,
// s1EchoesC1, s2Kind, bytesReceived, firstBytesHex).
namespace rtmptfacts {
inline constexpr QLatin1StringView viaProxy{"viaProxy"}; // bool
inline constexpr QLatin1StringView proxy{"proxy"};       // QString, "host:port" of the HTTP proxy used
// QString, rtmpt::replyStatusName() of the /fcs/ident2 answer ("ident-not-found" is normal), or
// "no-reply"; informational only.
inline constexpr QLatin1StringView ident2{"ident2"};
inline constexpr QLatin1StringView ident2StatusLine{"ident2StatusLine"}; // QString
// The request that decided a failure ("open", "send", ...) and its answer.
inline constexpr QLatin1StringView failedRequest{"failedRequest"};       // QString, rtmpt::commandName()
inline constexpr QLatin1StringView statusLine{"statusLine"};             // QString, "HTTP/1.1 404 Not Found"
inline constexpr QLatin1StringView statusCode{"statusCode"};             // int
inline constexpr QLatin1StringView contentType{"contentType"};           // QString, of that answer
inline constexpr QLatin1StringView replyStatus{"replyStatus"};           // QString, rtmpt::replyStatusName()
inline constexpr QLatin1StringView sessionIdLength{"sessionIdLength"};   // int; the id itself is not kept
inline constexpr QLatin1StringView requests{"requests"};                 // int, HTTP requests sent
inline constexpr QLatin1StringView connections{"connections"};           // int, TCP connections opened
inline constexpr QLatin1StringView idlePolls{"idlePolls"};               // int
inline constexpr QLatin1StringView lastPollingDelay{"lastPollingDelay"}; // int, the server's last hint byte
inline constexpr QLatin1StringView handshakeMs{"handshakeMs"};           // qint64, C0+C1 sent -> S2 complete
inline constexpr QLatin1StringView socketError{"socketError"};           // QAbstractSocket::SocketError name
inline constexpr QLatin1StringView systemMessage{"systemMessage"};
// qint64: the most bytes held at once (socket buffer and the HTTP answer being parsed).
inline constexpr QLatin1StringView peakBufferedBytes{"peakBufferedBytes"};
} // namespace rtmptfacts

struct RtmptProbeOptions
{
    std::optional<QNetworkProxy> httpProxy;     // HttpProxy / HttpCachingProxy; others are ignored
    QList<QSslCertificate> extraCaCertificates; // RTMPTS
    bool useSystemCaCertificates = true;        // RTMPTS
    rtmp::HandshakeVariant handshakeVariant = rtmp::HandshakeVariant::Digest;
    bool sendIdent2 = true;
    int maxIdlePolls = 100;
    int maxPollDelayMs = 500;
};

// RTMPT: the RTMP handshake carried in HTTP POSTs (and RTMPTS: the same in
// HTTPS when target().transport is HttpTunnelTls).
//
//   POST /fcs/ident2          (404 is the normal answer; recorded, never decisive)
//   POST /open/1              -> session id (Content-Type and id shape checked)
//   POST /send/<id>/0         C0+C1
//   POST /idle/<id>/<n>       until S0+S1+S2 are in, waiting the server's polling
//                             hint (n x 16 ms, 10 ms to Options::maxPollDelayMs)
//                             between polls; C2 goes out as soon as S1 is in
//   POST /close/<id>/<n>
// Each request waits at most ProbeTimeouts::readMs; the whole handshake too,
// and at most Options::maxIdlePolls polls. A request goes on the open
// connection when the server kept it alive, otherwise on a new one (tinyproxy
// and many servers close after every answer); a request that finds its reused
// connection closed without any answer is sent once more on a new one.
//
// Through Options::httpProxy the requests go to the proxy in absolute-URI
// form (no CONNECT), as Flash did; with RTMPTS the proxy gets a CONNECT and
// TLS runs inside it. The proxy's credentials are sent as Basic
// Proxy-Authorization and never appear in the transcript.
//
// Statuses: RtmptOk; RtmptNotATunnel (a web page, another Content-Type, no
// session id, no polling byte, not HTTP at all); RtmptHttpError (any other
// HTTP status; facts statusLine, failedRequest); RtmptHandshakeFailed (the
// bytes from the tunnel are not an RTMP handshake, or stop half-way);
// RtmptNoReply (no answer, connection closed or refused, no handshake reply
// within the bounds). Through a proxy: ProxyUnreachable when the proxy itself
// cannot be reached, ProxyAuthRequired for 407, ProxyRefusedTarget for 502/504.
// RTMPTS: the certificate statuses of TlsProbe, or TlsHandshakeFailed.
//
// Memory: the socket reads at most kReadBufferBytes ahead and an answer may
// have at most rtmpt::HttpLimits' header and body bytes (a longer one is
// RtmptNotATunnel), so fact peakBufferedBytes stays below kBufferedBytesCap.
class RtmptProbe : public Probe
{
    Q_OBJECT

public:
    using Options = RtmptProbeOptions;

    static constexpr qint64 kReadBufferBytes = 64 * 1024;
    // The body and header limits, the parser's unread rest of the last read, and the socket's buffer.
    static constexpr qint64 kBufferedBytesCap =
        2 * kReadBufferBytes + rtmpt::HttpLimits{}.maxHeaderBytes + rtmpt::HttpLimits{}.maxBodyBytes;

    RtmptProbe(QString probeId, ProbeTarget target, ProbeTimeouts timeouts, Options options = {},
               QObject* parent = nullptr);
    ~RtmptProbe() override;

    // How long to wait before the next idle for a polling-delay byte.
    static int pollDelayMs(quint8 pollingDelay, int maxPollDelayMs);

protected:
    void begin() override;
    void abortIo() override;

private:
    void sendRequest(rtmpt::Command command, const QByteArray& body = {});
    void openConnection();
    void writePendingRequest();
    void retireSocket();
    void onSocketReady();
    void onReadyRead();
    void onSocketError(QAbstractSocket::SocketError error);
    void onSslErrors(const QList<QSslError>& errors);
    void onResponse(const rtmpt::HttpResponse& response);
    void onRequestTimeout();
    void handleIdent2(const rtmpt::Reply& reply, const rtmpt::HttpResponse& response);
    void handleOpen(const rtmpt::Reply& reply, const rtmpt::HttpResponse& response);
    void handleTunnelBytes(const rtmpt::Reply& reply, const rtmpt::HttpResponse& response);
    void continueHandshake(quint8 pollingDelay);
    void sendIdle();
    void sendClose();
    void failWithHttpAnswer(const rtmpt::Reply& reply, const rtmpt::HttpResponse& response);
    void recordAnswer(const rtmpt::HttpResponse& response, const rtmpt::Reply& reply);
    void recordHandshake();
    void handshakeOutOfTime();
    void noteBuffered();
    bool viaPlainProxy() const;
    bool usesTls() const;
    QString where() const;

    Options m_options;
    rtmpt::Endpoint m_endpoint;
    QTcpSocket* m_socket = nullptr;
    bool m_socketReady = false; // connected (and encrypted, for RTMPTS)
    bool m_socketUsed = false;  // a request already went over this connection
    QTimer* m_pollTimer = nullptr;
    rtmpt::HttpResponseParser m_parser;

    rtmpt::Command m_command = rtmpt::Command::Ident2;
    QByteArray m_pendingRequest; // with credentials; cleared once written
    QByteArray m_pendingBody;
    bool m_awaitingResponse = false;
    bool m_requestOnReusedConnection = false;
    bool m_resentOnce = false;
    bool m_connectionPerRequest = false; // the server closed a kept-alive connection once

    QByteArray m_sessionId;
    quint64 m_sequence = 0;
    int m_requests = 0;
    int m_connections = 0;
    int m_idlePolls = 0;
    std::optional<rtmp::HandshakeClassifier> m_classifier;
    bool m_c2Sent = false;
    bool m_handshakeDone = false;
    qint64 m_handshakeStartedMs = 0;
    qint64 m_peakBuffered = 0;
};

} // namespace rd
