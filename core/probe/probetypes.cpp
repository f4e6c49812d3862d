#include "probetypes.h"

namespace rd {

QString probeKindId(ProbeKind kind)
{
    switch (kind) {
    case ProbeKind::Dns:
        return QStringLiteral("dns");
    case ProbeKind::TcpPort:
        return QStringLiteral("tcp-port");
    case ProbeKind::Handshake:
        return QStringLiteral("handshake");
    case ProbeKind::Connect:
        return QStringLiteral("connect");
    case ProbeKind::Publish:
        return QStringLiteral("publish");
    case ProbeKind::Tls:
        return QStringLiteral("tls");
    case ProbeKind::Rtmpt:
        return QStringLiteral("rtmpt");
    case ProbeKind::Proxy:
        return QStringLiteral("proxy");
    case ProbeKind::Liveness:
        return QStringLiteral("liveness");
    case ProbeKind::FlashSequence:
        return QStringLiteral("flash-sequence");
    }
    return QStringLiteral("unknown");
}

QString probeStatusId(ProbeStatus status)
{
    switch (status) {
    case ProbeStatus::NotRun:
        return QStringLiteral("not-run");
    case ProbeStatus::Cancelled:
        return QStringLiteral("cancelled");
    case ProbeStatus::Skipped:
        return QStringLiteral("skipped");
    case ProbeStatus::InternalError:
        return QStringLiteral("internal-error");
    case ProbeStatus::SessionTimedOut:
        return QStringLiteral("session-timed-out");
    case ProbeStatus::DnsResolved:
        return QStringLiteral("dns-resolved");
    case ProbeStatus::DnsNoSuchHost:
        return QStringLiteral("dns-no-such-host");
    case ProbeStatus::DnsNoAddressForFamily:
        return QStringLiteral("dns-no-address-for-family");
    case ProbeStatus::DnsResolverUnreachable:
        return QStringLiteral("dns-resolver-unreachable");
    case ProbeStatus::DnsSinkholed:
        return QStringLiteral("dns-sinkholed");
    case ProbeStatus::DnsTimedOut:
        return QStringLiteral("dns-timed-out");
    case ProbeStatus::TcpOpen:
        return QStringLiteral("tcp-open");
    case ProbeStatus::TcpRefused:
        return QStringLiteral("tcp-refused");
    case ProbeStatus::TcpFiltered:
        return QStringLiteral("tcp-filtered");
    case ProbeStatus::TcpUnreachable:
        return QStringLiteral("tcp-unreachable");
    case ProbeStatus::TcpNoRoute:
        return QStringLiteral("tcp-no-route");
    case ProbeStatus::HandshakeOk:
        return QStringLiteral("handshake-ok");
    case ProbeStatus::HandshakeAnsweredHttp:
        return QStringLiteral("handshake-answered-http");
    case ProbeStatus::HandshakeAnsweredTls:
        return QStringLiteral("handshake-answered-tls");
    case ProbeStatus::HandshakeRtmpeRequested:
        return QStringLiteral("handshake-rtmpe-requested");
    case ProbeStatus::HandshakeUnknownVersion:
        return QStringLiteral("handshake-unknown-version");
    case ProbeStatus::HandshakeClosedAfterC0C1:
        return QStringLiteral("handshake-closed-after-c0-c1");
    case ProbeStatus::HandshakeReset:
        return QStringLiteral("handshake-reset");
    case ProbeStatus::HandshakeSilent:
        return QStringLiteral("handshake-silent");
    case ProbeStatus::HandshakeShortReply:
        return QStringLiteral("handshake-short-reply");
    case ProbeStatus::HandshakeGarbled:
        return QStringLiteral("handshake-garbled");
    case ProbeStatus::ConnectSuccess:
        return QStringLiteral("connect-success");
    case ProbeStatus::ConnectRejected:
        return QStringLiteral("connect-rejected");
    case ProbeStatus::ConnectInvalidApp:
        return QStringLiteral("connect-invalid-app");
    case ProbeStatus::ConnectFailed:
        return QStringLiteral("connect-failed");
    case ProbeStatus::ConnectAuthRequired:
        return QStringLiteral("connect-auth-required");
    case ProbeStatus::ConnectClosedSilently:
        return QStringLiteral("connect-closed-silently");
    case ProbeStatus::ConnectNoReply:
        return QStringLiteral("connect-no-reply");
    case ProbeStatus::ConnectProtocolError:
        return QStringLiteral("connect-protocol-error");
    case ProbeStatus::PublishStarted:
        return QStringLiteral("publish-started");
    case ProbeStatus::PublishBadName:
        return QStringLiteral("publish-bad-name");
    case ProbeStatus::PublishDenied:
        return QStringLiteral("publish-denied");
    case ProbeStatus::PublishClosedAfterPublish:
        return QStringLiteral("publish-closed-after-publish");
    case ProbeStatus::PublishNoReply:
        return QStringLiteral("publish-no-reply");
    case ProbeStatus::TlsOk:
        return QStringLiteral("tls-ok");
    case ProbeStatus::TlsCertificateExpired:
        return QStringLiteral("tls-certificate-expired");
    case ProbeStatus::TlsCertificateNotYetValid:
        return QStringLiteral("tls-certificate-not-yet-valid");
    case ProbeStatus::TlsHostNameMismatch:
        return QStringLiteral("tls-host-name-mismatch");
    case ProbeStatus::TlsSelfSigned:
        return QStringLiteral("tls-self-signed");
    case ProbeStatus::TlsUnknownIssuer:
        return QStringLiteral("tls-unknown-issuer");
    case ProbeStatus::TlsRevoked:
        return QStringLiteral("tls-revoked");
    case ProbeStatus::TlsOtherCertificateError:
        return QStringLiteral("tls-other-certificate-error");
    case ProbeStatus::TlsHandshakeFailed:
        return QStringLiteral("tls-handshake-failed");
    case ProbeStatus::TlsNoAnswer:
        return QStringLiteral("tls-no-answer");
    case ProbeStatus::TlsUnavailable:
        return QStringLiteral("tls-unavailable");
    case ProbeStatus::RtmptOk:
        return QStringLiteral("rtmpt-ok");
    case ProbeStatus::RtmptNotATunnel:
        return QStringLiteral("rtmpt-not-a-tunnel");
    case ProbeStatus::RtmptHttpError:
        return QStringLiteral("rtmpt-http-error");
    case ProbeStatus::RtmptHandshakeFailed:
        return QStringLiteral("rtmpt-handshake-failed");
    case ProbeStatus::RtmptNoReply:
        return QStringLiteral("rtmpt-no-reply");
    case ProbeStatus::ProxyNotConfigured:
        return QStringLiteral("proxy-not-configured");
    case ProbeStatus::ProxyOk:
        return QStringLiteral("proxy-ok");
    case ProbeStatus::ProxyForbidden:
        return QStringLiteral("proxy-forbidden");
    case ProbeStatus::ProxyAuthRequired:
        return QStringLiteral("proxy-auth-required");
    case ProbeStatus::ProxyUnreachable:
        return QStringLiteral("proxy-unreachable");
    case ProbeStatus::ProxyRefusedTarget:
        return QStringLiteral("proxy-refused-target");
    case ProbeStatus::LivenessHttpAnswered:
        return QStringLiteral("liveness-http-answered");
    case ProbeStatus::LivenessNoHttp:
        return QStringLiteral("liveness-no-http");
    case ProbeStatus::FlashSequenceConnects:
        return QStringLiteral("flash-sequence-connects");
    case ProbeStatus::FlashSequenceNoPath:
        return QStringLiteral("flash-sequence-no-path");
    }
    return QStringLiteral("unknown");
}

Verdict verdictOf(ProbeStatus status)
{
    switch (status) {
    case ProbeStatus::DnsResolved:
    case ProbeStatus::TcpOpen:
    case ProbeStatus::HandshakeOk:
    case ProbeStatus::ConnectSuccess:
    case ProbeStatus::PublishStarted:
    case ProbeStatus::TlsOk:
    case ProbeStatus::RtmptOk:
    case ProbeStatus::ProxyNotConfigured:
    case ProbeStatus::ProxyOk:
    case ProbeStatus::LivenessHttpAnswered:
    case ProbeStatus::FlashSequenceConnects:
        return Verdict::Pass;
    case ProbeStatus::NotRun:
    case ProbeStatus::Cancelled:
    case ProbeStatus::Skipped:
        return Verdict::Skipped;
    case ProbeStatus::DnsNoAddressForFamily:
    case ProbeStatus::SessionTimedOut:
    case ProbeStatus::ConnectAuthRequired:
    case ProbeStatus::LivenessNoHttp:
        return Verdict::Warn;
    case ProbeStatus::InternalError:
    case ProbeStatus::DnsNoSuchHost:
    case ProbeStatus::DnsResolverUnreachable:
    case ProbeStatus::DnsSinkholed:
    case ProbeStatus::DnsTimedOut:
    case ProbeStatus::TcpRefused:
    case ProbeStatus::TcpFiltered:
    case ProbeStatus::TcpUnreachable:
    case ProbeStatus::TcpNoRoute:
    case ProbeStatus::HandshakeAnsweredHttp:
    case ProbeStatus::HandshakeAnsweredTls:
    case ProbeStatus::HandshakeRtmpeRequested:
    case ProbeStatus::HandshakeUnknownVersion:
    case ProbeStatus::HandshakeClosedAfterC0C1:
    case ProbeStatus::HandshakeReset:
    case ProbeStatus::HandshakeSilent:
    case ProbeStatus::HandshakeShortReply:
    case ProbeStatus::HandshakeGarbled:
    case ProbeStatus::ConnectRejected:
    case ProbeStatus::ConnectInvalidApp:
    case ProbeStatus::ConnectFailed:
    case ProbeStatus::ConnectClosedSilently:
    case ProbeStatus::ConnectNoReply:
    case ProbeStatus::ConnectProtocolError:
    case ProbeStatus::PublishBadName:
    case ProbeStatus::PublishDenied:
    case ProbeStatus::PublishClosedAfterPublish:
    case ProbeStatus::PublishNoReply:
    case ProbeStatus::TlsCertificateExpired:
    case ProbeStatus::TlsCertificateNotYetValid:
    case ProbeStatus::TlsHostNameMismatch:
    case ProbeStatus::TlsSelfSigned:
    case ProbeStatus::TlsUnknownIssuer:
    case ProbeStatus::TlsRevoked:
    case ProbeStatus::TlsOtherCertificateError:
    case ProbeStatus::TlsHandshakeFailed:
    case ProbeStatus::TlsNoAnswer:
    case ProbeStatus::TlsUnavailable:
    case ProbeStatus::RtmptNotATunnel:
    case ProbeStatus::RtmptHttpError:
    case ProbeStatus::RtmptHandshakeFailed:
    case ProbeStatus::RtmptNoReply:
    case ProbeStatus::ProxyForbidden:
    case ProbeStatus::ProxyAuthRequired:
    case ProbeStatus::ProxyUnreachable:
    case ProbeStatus::ProxyRefusedTarget:
    case ProbeStatus::FlashSequenceNoPath:
        return Verdict::Fail;
    }
    return Verdict::Fail;
}

QString verdictId(Verdict verdict)
{
    switch (verdict) {
    case Verdict::Pass:
        return QStringLiteral("pass");
    case Verdict::Warn:
        return QStringLiteral("warn");
    case Verdict::Fail:
        return QStringLiteral("fail");
    case Verdict::Skipped:
        return QStringLiteral("skipped");
    }
    return QStringLiteral("unknown");
}

QString transportId(Transport transport)
{
    switch (transport) {
    case Transport::PlainTcp:
        return QStringLiteral("tcp");
    case Transport::Tls:
        return QStringLiteral("tls");
    case Transport::HttpTunnel:
        return QStringLiteral("http-tunnel");
    case Transport::HttpTunnelTls:
        return QStringLiteral("https-tunnel");
    }
    return QStringLiteral("unknown");
}

} // namespace rd
