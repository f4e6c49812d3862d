#pragma once

#include "probe.h"
#include "rtmpconversation.h"

#include <QAbstractSocket>
#include <QLatin1StringView>
#include <QList>
#include <QSslCertificate>
#include <QSslError>

class QSslSocket;

namespace rd {

// Keys of ProbeResult::facts written by TlsProbe.
namespace tlsfacts {
inline constexpr QLatin1StringView address{"address"};         // QString, the address connected to
inline constexpr QLatin1StringView serverName{"serverName"};   // QString, SNI and the name verified
inline constexpr QLatin1StringView protocol{"protocol"};       // QString, "TLS 1.3", "TLS 1.2", ...
inline constexpr QLatin1StringView cipher{"cipher"};           // QString, OpenSSL cipher name
inline constexpr QLatin1StringView handshakeMs{"handshakeMs"}; // qint64, TCP connected -> encrypted
// QVariantList of QVariantMap, the peer's chain, leaf first; keys below.
inline constexpr QLatin1StringView chain{"chain"};
inline constexpr QLatin1StringView certSubject{"subject"};       // QString, display name (CN or O)
inline constexpr QLatin1StringView certIssuer{"issuer"};         // QString
inline constexpr QLatin1StringView certNotBefore{"notBefore"};   // QString, ISO 8601 UTC
inline constexpr QLatin1StringView certNotAfter{"notAfter"};     // QString, ISO 8601 UTC
inline constexpr QLatin1StringView certNames{"names"};           // QStringList, DNS and IP subject alt names
inline constexpr QLatin1StringView certSelfSigned{"selfSigned"}; // bool
// QStringList: probeStatusId() of each certificate error, in the order reported.
inline constexpr QLatin1StringView certificateErrors{"certificateErrors"};
// QStringList: the TLS library's text for each certificate error.
inline constexpr QLatin1StringView certificateErrorTexts{"certificateErrorTexts"};
inline constexpr QLatin1StringView socketError{"socketError"};     // QAbstractSocket::SocketError name
inline constexpr QLatin1StringView systemMessage{"systemMessage"}; // the socket's error text
inline constexpr QLatin1StringView tlsBackend{"tlsBackend"};       // QSslSocket::activeBackend()
// qint64: bytes the server sent before the TLS handshake stopped (Linux; absent elsewhere).
inline constexpr QLatin1StringView handshakeBytesReceived{"handshakeBytesReceived"};
// qint64: the most bytes held at once (socket buffer and the inner RTMP conversation).
inline constexpr QLatin1StringView peakBufferedBytes{"peakBufferedBytes"};

// RTMP inside the TLS session (see TlsProbe).
inline constexpr QLatin1StringView innerGoal{"innerGoal"};     // QString, "none" / "handshake" / "connect"
inline constexpr QLatin1StringView innerStage{"innerStage"};   // QString, rtmpStageId() of the last stage run
inline constexpr QLatin1StringView innerStatus{"innerStatus"}; // QString, probeStatusId() of that stage
inline constexpr QLatin1StringView innerMessage{"innerMessage"}; // QString
inline constexpr QLatin1StringView innerFacts{"innerFacts"};     // QVariantMap, rtmpfacts of all stages
inline constexpr QLatin1StringView innerLimit{"innerLimit"};     // QString, why less than connect ran
} // namespace tlsfacts

// How much RTMP TlsProbe runs inside the session.
enum class TlsInnerRtmp
{
    None,
    Handshake,
    Connect, // the handshake, then connect (only with a trusted certificate)
};

struct TlsProbeOptions
{
    QList<QSslCertificate> extraCaCertificates;
    bool useSystemCaCertificates = true;
    TlsInnerRtmp innerRtmp = TlsInnerRtmp::Connect;
};

// RTMPS: the TLS session on the target's port.
//
// Connects to target().address (or the host) and starts TLS with SNI and
// name verification for target().host, trusting the system CA store plus
// Options::extraCaCertificates. Records protocol, cipher and the peer's chain.
//
// Certificate problems each have their own status; when there are several
// the most fundamental one wins: TlsRevoked, TlsSelfSigned, TlsUnknownIssuer,
// TlsCertificateExpired, TlsCertificateNotYetValid, TlsHostNameMismatch,
// TlsOtherCertificateError (facts certificateErrors list them all). Such a
// session is continued only to learn more (protocol, cipher, and an RTMP
// handshake inside, recorded as facts); `connect` is NOT sent through it,
// because the application path may carry an access token and the server's
// identity is unproven. The status stays the certificate's.
//
// With a trusted certificate the RTMP handshake and `connect` run inside the
// session (RtmpConversation). Their outcome is recorded as facts (innerStatus,
// innerMessage, innerFacts) and mentioned in the message; the status stays
// TlsOk, because the ladder's own handshake/connect probes own those verdicts.
//
// Other statuses: TlsHandshakeFailed (the TLS library failed the handshake:
// protocol or cipher mismatch, a non-TLS answer such as an HTTP error page,
// a reset or close during the handshake; also a server that began answering
// the ClientHello and then stalled, when the system can tell: Linux counts
// the bytes received, fact handshakeBytesReceived), TlsNoAnswer (no byte
// and no TLS session within ProbeTimeouts::readMs after the ClientHello:
// typically a plain RTMP port, which waits for 1537 handshake bytes),
// TlsUnavailable (no TLS library), and the TCP statuses of TcpProbe when the
// connection itself fails.
//
// Memory: the socket reads at most kReadBufferBytes ahead, the inner RTMP
// conversation keeps its own bounds; fact peakBufferedBytes stays below
// kBufferedBytesCap.
class TlsProbe : public Probe
{
    Q_OBJECT

public:
    using InnerRtmp = TlsInnerRtmp;
    using Options = TlsProbeOptions;

    TlsProbe(QString probeId, ProbeTarget target, ProbeTimeouts timeouts, Options options = {},
             QObject* parent = nullptr);
    ~TlsProbe() override;

    static constexpr qint64 kReadBufferBytes = 64 * 1024;
    // Decrypted bytes waiting in the socket plus what the inner RTMP conversation holds (see
    // RtmpConversationOptions). The TLS library's own buffer (one record, at most 16 KiB and its
    // overhead) is not visible from here and not counted.
    static constexpr qint64 kBufferedBytesCap =
        1 + 2 * 1536 + 4 * RtmpConversationOptions::kDefaultMaxMessageLength + 18 + kReadBufferBytes;

    // TlsOk for NoError; TlsOtherCertificateError for anything unrelated to certificates.
    static ProbeStatus statusForSslError(QSslError::SslError error);
    // The winning status of several errors (see the class comment); TlsOk when there are none.
    static ProbeStatus certificateStatus(const QList<QSslError>& errors);

protected:
    void begin() override;
    void abortIo() override;

private:
    void onConnected();
    void onSslErrors(const QList<QSslError>& errors);
    void onEncrypted();
    void onError(QAbstractSocket::SocketError error);
    void startInnerRtmp(InnerRtmp goal);
    void onInnerStage(const RtmpStageResult& result);
    void concludeSession();
    void handshakeTimedOut();
    void notePeak();
    void recordChain();
    QString where() const;
    QString serverName() const;
    QString certificateMessage() const;

    Options m_options;
    QSslSocket* m_socket = nullptr;
    RtmpConversation* m_conversation = nullptr;
    bool m_connected = false;
    bool m_encrypted = false;
    qint64 m_connectedAtMs = 0;
    ProbeStatus m_certificateStatus = ProbeStatus::TlsOk;
    QList<QSslError> m_certificateErrors;
    InnerRtmp m_innerGoal = InnerRtmp::None;
    QVariantMap m_innerFacts;
    QString m_innerLimit;
    ProbeStatus m_innerStatus = ProbeStatus::NotRun;
    QString m_innerMessage;
    qint64 m_peakBuffered = 0;
};

} // namespace rd
