#pragma once

#include <QByteArray>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QVariantMap>

namespace rd {

// What a probe examines. One kind can run many times (the TCP grid runs once
// per port and address family); ProbeResult::probeId tells the runs apart.
enum class ProbeKind
{
    Dns,
    TcpPort,
    Handshake,     // RTMP C0/C1 -> S0/S1/S2 -> C2, over plain TCP or inside TLS
    Connect,       // the RTMP `connect` command
    Publish,       // opt-in: releaseStream/FCPublish/createStream/publish, no media
    Tls,           // RTMPS: the TLS session itself (certificate, protocol, cipher)
    Rtmpt,         // RTMP tunnelled in HTTP POSTs
    Proxy,         // the system or explicit proxy
    Liveness,      // plain HTTP to a media server's own web port (Red5 5080, Wowza 1935)
    FlashSequence, // which step of the Flash-era fallback (1935, 443, 80, RTMPT 80) would connect
};

// Every outcome a probe can report. Knowledge-base rules and the UI match on
// probeStatusId(), so ids are stable; add values, never renumber meanings.
enum class ProbeStatus
{
    // Any probe
    NotRun,
    Cancelled,
    Skipped,       // a prerequisite failed or the probe does not apply
    InternalError, // RTMP Doctor itself failed; the message says how
    SessionTimedOut, // still running when the whole diagnosis ran out of time (ProbeTimeouts::sessionMs)

    // DNS
    DnsResolved,
    DnsNoSuchHost,          // NXDOMAIN / EAI_NONAME
    DnsNoAddressForFamily,  // the name exists but has no A (or no AAAA) record
    DnsResolverUnreachable, // EAI_AGAIN, resolver timed out
    DnsSinkholed,           // answered 0.0.0.0 or :: (a DNS filter blocked the name)
    DnsTimedOut,

    // TCP port
    TcpOpen,
    TcpRefused,     // RST: nothing listens (or a firewall rejecting with RST)
    TcpFiltered,    // no answer within the connect timeout: packets dropped
    TcpUnreachable, // ICMP host unreachable / administratively prohibited
    TcpNoRoute,     // no route to the network

    // RTMP handshake
    HandshakeOk,
    HandshakeAnsweredHttp,    // a web server answered
    HandshakeAnsweredTls,     // a TLS alert/record answered (or a reset the way TLS ports reset)
    HandshakeRtmpeRequested,  // S0 = 0x06/0x08/0x09
    HandshakeUnknownVersion,  // S0 is some other byte
    HandshakeClosedAfterC0C1, // FIN before any reply
    HandshakeReset,           // RST before any reply
    HandshakeSilent,          // nothing until the read timeout
    HandshakeShortReply,      // the peer closed after a partial S0/S1/S2
    HandshakeGarbled,         // bytes arrived that are not RTMP

    // RTMP connect
    ConnectSuccess,
    ConnectRejected,   // NetConnection.Connect.Rejected and vendor texts (Red5 "No scope", AMS "not defined")
    ConnectInvalidApp, // NetConnection.Connect.InvalidApp
    ConnectFailed,     // NetConnection.Connect.Failed or another error code
    ConnectAuthRequired,   // authmod=adobe/llnw challenge: the server wants credentials
    ConnectClosedSilently, // the server closed right after connect (nginx-rtmp: unknown app / token)
    ConnectNoReply,        // connected, then nothing within the read timeout
    ConnectProtocolError,  // the reply could not be parsed (chunk or AMF0 errors)

    // Publish check
    PublishStarted,
    PublishBadName,            // "Already publishing": the key is in use
    PublishDenied,             // Denied / Rejected / Unauthorized
    PublishClosedAfterPublish, // closed right after publish (deny rule, auth callback said no)
    PublishNoReply,

    // TLS (RTMPS)
    TlsOk,
    TlsCertificateExpired,
    TlsCertificateNotYetValid,
    TlsHostNameMismatch,
    TlsSelfSigned,
    TlsUnknownIssuer,
    TlsRevoked,
    TlsOtherCertificateError,
    TlsHandshakeFailed, // protocol/cipher mismatch, reset during the TLS handshake
    TlsNoAnswer,        // a ClientHello got no answer: most likely a plain RTMP port
    TlsUnavailable,     // no TLS library on this machine

    // RTMPT
    RtmptOk,
    RtmptNotATunnel, // /open/1 answered with something that is not a session id (a web page)
    RtmptHttpError,  // an HTTP status that is not part of the tunnel protocol
    RtmptHandshakeFailed,
    RtmptNoReply,

    // Proxy
    ProxyNotConfigured,
    ProxyOk,
    ProxyForbidden,     // 403 to CONNECT or to the tunnel
    ProxyAuthRequired,  // 407
    ProxyUnreachable,   // the proxy itself cannot be reached
    ProxyRefusedTarget, // the proxy answered, but would not reach the target (502/503/504)

    // Liveness (HTTP on a media server's web port)
    LivenessHttpAnswered,
    LivenessNoHttp,

    // Flash-era fallback sequence, computed from other results
    FlashSequenceConnects,
    FlashSequenceNoPath,
};

QString probeKindId(ProbeKind kind);
QString probeStatusId(ProbeStatus status);

// How a result is painted: pass (green), warn (amber), fail (red), skipped (grey).
enum class Verdict
{
    Pass,
    Warn,
    Fail,
    Skipped,
};
Verdict verdictOf(ProbeStatus status);
QString verdictId(Verdict verdict);

enum class Transport
{
    PlainTcp,
    Tls,
    HttpTunnel,
    HttpTunnelTls,
};
QString transportId(Transport transport);

// Everything a probe needs to know about where to go. Built from the ingest URL
// and the plan; the stream key is a secret and only the publish probe uses it.
struct ProbeTarget
{
    QString host;    // as the user wrote it (for SNI, Host: headers, tcUrl)
    QString address; // the resolved address to connect to; empty = resolve `host`
    quint16 port = 0;
    Transport transport = Transport::PlainTcp;
    QString application; // what connect's `app` carries, e.g. "live" or "avchat30/_definst_"
    QString tcUrl;       // unredacted: the wire needs it; redact before showing
    QString streamKey;   // secret
};

struct ProbeStep
{
    QString name;    // "connect", "C0+C1 sent", "S0+S1 received", "_result"
    qint64 atMs = 0; // since the probe started
    qint64 durationMs = -1;
    QString detail;
};

enum class TranscriptDirection
{
    Sent,
    Received,
    Note,
};

// One line of the technical view. `bytes` keeps at most a short prefix of what
// crossed the wire, enough for a hex dump, never a whole media stream.
struct TranscriptEntry
{
    qint64 atMs = 0;
    TranscriptDirection direction = TranscriptDirection::Note;
    QString summary;
    QByteArray bytes;
};

struct ProbeResult
{
    QString probeId; // stable within a session, e.g. "tcp:1935:ipv4", "handshake:443"
    ProbeKind kind = ProbeKind::Dns;
    ProbeTarget target;
    ProbeStatus status = ProbeStatus::NotRun;
    QString message; // one plain sentence: what was found
    QList<ProbeStep> steps;
    QList<TranscriptEntry> transcript;
    QVariantMap facts;      // e.g. serverVersion, fmsVer, code, description, tlsProtocol, addresses
    qint64 startedAtMs = 0; // since the session started
    qint64 elapsedMs = 0;

    Verdict verdict() const { return verdictOf(status); }
};

struct ProbeTimeouts
{
    // Longer than glibc's default resolver timeout (5 s, 2 attempts), so a dead
    // DNS server is usually reported by the system itself (EAI_AGAIN).
    int dnsMs = 11000;
    int connectMs = 4000;
    int readMs = 5000;
    int probeMs = 20000;   // one probe, all steps together
    int sessionMs = 60000; // the whole ladder
};

} // namespace rd

Q_DECLARE_METATYPE(rd::ProbeResult)
Q_DECLARE_METATYPE(rd::ProbeStep)
