#include "probepresentation.h"

#include <QPainter>
#include <QPainterPath>
#include <QPalette>

namespace rd {

namespace {

QColor mixed(const QColor& from, const QColor& to, qreal amount)
{
    const auto channel = [amount](int a, int b) {
        return int(a + (b - a) * amount + 0.5);
    };
    return QColor(channel(from.red(), to.red()), channel(from.green(), to.green()),
                  channel(from.blue(), to.blue()));
}

struct VerdictHue
{
    QRgb lightFill;
    QRgb lightInk;
    QRgb lightBorder;
    QRgb darkFill;
    QRgb darkInk;
    QRgb darkBorder;
};

// Pass/warn/fail keep their traffic-light meaning in both themes; the
// lightness is what adapts.
constexpr VerdictHue kPassHue{0xd8f0dc, 0x17602a, 0x3a8f4f, 0x1e4a2b, 0xa6e8b4, 0x3f9a58};
constexpr VerdictHue kWarnHue{0xfbeccb, 0x6e4600, 0xc08a1e, 0x4d3a12, 0xffd78a, 0xc9952e};
constexpr VerdictHue kFailHue{0xf8d7d5, 0x9b1c16, 0xc9423a, 0x5a2220, 0xffb3ad, 0xd0554c};

CellColors fromHue(const VerdictHue& hue, bool dark)
{
    if (dark)
        return {QColor::fromRgb(hue.darkFill), QColor::fromRgb(hue.darkInk), QColor::fromRgb(hue.darkBorder)};
    return {QColor::fromRgb(hue.lightFill), QColor::fromRgb(hue.lightInk), QColor::fromRgb(hue.lightBorder)};
}

QString transportWords(Transport transport)
{
    switch (transport) {
    case Transport::PlainTcp:
        return {};
    case Transport::Tls:
        return ProbeWords::tr(" over TLS");
    case Transport::HttpTunnel:
        return ProbeWords::tr(" through RTMPT");
    case Transport::HttpTunnelTls:
        return ProbeWords::tr(" through RTMPTS");
    }
    return {};
}

bool isIpv6Probe(const ProbeResult& result)
{
    return result.probeId.endsWith(QLatin1StringView(":ipv6"));
}

} // namespace

QString cellStateId(CellState state)
{
    switch (state) {
    case CellState::Empty:
        return QStringLiteral("empty");
    case CellState::Pending:
        return QStringLiteral("pending");
    case CellState::Running:
        return QStringLiteral("running");
    case CellState::Pass:
        return QStringLiteral("pass");
    case CellState::Warn:
        return QStringLiteral("warn");
    case CellState::Fail:
        return QStringLiteral("fail");
    case CellState::Skipped:
        return QStringLiteral("skipped");
    }
    return QStringLiteral("empty");
}

CellState cellStateOf(Verdict verdict)
{
    switch (verdict) {
    case Verdict::Pass:
        return CellState::Pass;
    case Verdict::Warn:
        return CellState::Warn;
    case Verdict::Fail:
        return CellState::Fail;
    case Verdict::Skipped:
        return CellState::Skipped;
    }
    return CellState::Skipped;
}

bool isDarkPalette(const QPalette& palette)
{
    return palette.color(QPalette::Base).lightness() < 128;
}

CellColors cellColors(CellState state, const QPalette& palette)
{
    const bool dark = isDarkPalette(palette);
    const QColor base = palette.color(QPalette::Base);
    const QColor text = palette.color(QPalette::Text);
    switch (state) {
    case CellState::Pass:
        return fromHue(kPassHue, dark);
    case CellState::Warn:
        return fromHue(kWarnHue, dark);
    case CellState::Fail:
        return fromHue(kFailHue, dark);
    case CellState::Skipped:
        return {mixed(base, text, 0.10), mixed(base, text, 0.60), mixed(base, text, 0.35)};
    case CellState::Pending:
        return {base, mixed(base, text, 0.45), mixed(base, text, 0.35)};
    case CellState::Running: {
        const QColor highlight = palette.color(QPalette::Highlight);
        return {mixed(base, highlight, 0.18), dark ? mixed(highlight, text, 0.45) : highlight.darker(130),
                highlight};
    }
    case CellState::Empty:
        break;
    }
    return {Qt::transparent, mixed(base, text, 0.3), mixed(base, text, 0.15)};
}

void paintStateSymbol(QPainter& painter, const QRectF& box, CellState state, const QColor& ink)
{
    const qreal side = std::min(box.width(), box.height());
    if (side <= 2)
        return;
    const QRectF square(box.center().x() - side / 2, box.center().y() - side / 2, side, side);
    const auto at = [&square](qreal x, qreal y) {
        return QPointF(square.left() + x * square.width(), square.top() + y * square.height());
    };
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing, true);
    QPen pen(ink, std::max(1.5, side * 0.13), Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin);
    painter.setPen(pen);
    painter.setBrush(Qt::NoBrush);
    switch (state) {
    case CellState::Pass: {
        QPainterPath check;
        check.moveTo(at(0.18, 0.54));
        check.lineTo(at(0.41, 0.77));
        check.lineTo(at(0.84, 0.26));
        painter.drawPath(check);
        break;
    }
    case CellState::Warn: {
        pen.setWidthF(std::max(1.2, side * 0.09));
        painter.setPen(pen);
        QPainterPath triangle;
        triangle.moveTo(at(0.5, 0.08));
        triangle.lineTo(at(0.94, 0.88));
        triangle.lineTo(at(0.06, 0.88));
        triangle.closeSubpath();
        painter.drawPath(triangle);
        painter.drawLine(at(0.5, 0.36), at(0.5, 0.6));
        painter.drawPoint(at(0.5, 0.74));
        break;
    }
    case CellState::Fail:
        painter.drawLine(at(0.24, 0.24), at(0.76, 0.76));
        painter.drawLine(at(0.76, 0.24), at(0.24, 0.76));
        break;
    case CellState::Skipped:
        painter.drawLine(at(0.22, 0.5), at(0.78, 0.5));
        break;
    case CellState::Pending:
        pen.setWidthF(std::max(1.0, side * 0.08));
        painter.setPen(pen);
        painter.drawEllipse(square.center(), side * 0.22, side * 0.22);
        break;
    case CellState::Running:
        painter.setPen(Qt::NoPen);
        painter.setBrush(ink);
        painter.drawEllipse(square.center(), side * 0.24, side * 0.24);
        break;
    case CellState::Empty:
        break;
    }
    painter.restore();
}

QString ProbeWords::state(CellState state)
{
    switch (state) {
    case CellState::Empty:
        return tr("not planned");
    case CellState::Pending:
        return tr("waiting");
    case CellState::Running:
        return tr("running");
    case CellState::Pass:
        return tr("passed");
    case CellState::Warn:
        return tr("warning");
    case CellState::Fail:
        return tr("failed");
    case CellState::Skipped:
        return tr("skipped");
    }
    return {};
}

QString ProbeWords::title(const ProbeResult& result)
{
    const quint16 port = result.target.port;
    switch (result.kind) {
    case ProbeKind::Dns:
        return tr("Name lookup of %1").arg(result.target.host);
    case ProbeKind::Proxy:
        return tr("Proxy check");
    case ProbeKind::TcpPort:
        return isIpv6Probe(result) ? tr("TCP port %1 over IPv6").arg(port)
                                   : tr("TCP port %1 over IPv4").arg(port);
    case ProbeKind::Handshake:
        return result.target.transport == Transport::Tls
                   ? tr("RTMP handshake inside TLS on port %1").arg(port)
                   : tr("RTMP handshake on port %1").arg(port);
    case ProbeKind::Tls:
        return tr("TLS session on port %1").arg(port);
    case ProbeKind::Rtmpt:
        return result.target.transport == Transport::HttpTunnelTls ? tr("RTMPTS tunnel on port %1").arg(port)
                                                                   : tr("RTMPT tunnel on port %1").arg(port);
    case ProbeKind::Liveness:
        return tr("Web server answer on port %1").arg(port);
    case ProbeKind::Connect:
        return tr("RTMP connect on port %1%2").arg(port).arg(transportWords(result.target.transport));
    case ProbeKind::Publish:
        return tr("Publish check on port %1%2").arg(port).arg(transportWords(result.target.transport));
    case ProbeKind::FlashSequence:
        return tr("Flash fallback sequence");
    }
    return result.probeId;
}

QString ProbeWords::shortTitle(const ProbeResult& result)
{
    const quint16 port = result.target.port;
    switch (result.kind) {
    case ProbeKind::Dns:
        return tr("Name lookup");
    case ProbeKind::Proxy:
        return tr("Proxy");
    case ProbeKind::TcpPort:
        return isIpv6Probe(result) ? tr("TCP %1 IPv6").arg(port) : tr("TCP %1 IPv4").arg(port);
    case ProbeKind::Handshake:
        return result.target.transport == Transport::Tls ? tr("Handshake %1 in TLS").arg(port)
                                                         : tr("Handshake %1").arg(port);
    case ProbeKind::Tls:
        return tr("TLS %1").arg(port);
    case ProbeKind::Rtmpt:
        return result.target.transport == Transport::HttpTunnelTls ? tr("RTMPTS %1").arg(port)
                                                                   : tr("RTMPT %1").arg(port);
    case ProbeKind::Liveness:
        return tr("Web answer %1").arg(port);
    case ProbeKind::Connect:
        return tr("Connect %1").arg(port);
    case ProbeKind::Publish:
        return tr("Publish %1").arg(port);
    case ProbeKind::FlashSequence:
        return tr("Flash fallback");
    }
    return result.probeId;
}

QString ProbeWords::duration(qint64 ms)
{
    if (ms < 1000)
        return tr("%1 ms").arg(std::max<qint64>(0, ms));
    if (ms < 10000)
        return tr("%1 s").arg(double(ms) / 1000.0, 0, 'f', 1);
    return tr("%1 s").arg((ms + 500) / 1000);
}

QString ProbeWords::status(ProbeStatus status)
{
    switch (status) {
    case ProbeStatus::NotRun:
        return tr("not run yet");
    case ProbeStatus::Cancelled:
        return tr("cancelled");
    case ProbeStatus::Skipped:
        return tr("skipped");
    case ProbeStatus::InternalError:
        return tr("RTMP Doctor itself failed");
    case ProbeStatus::SessionTimedOut:
        return tr("stopped: the diagnosis ran out of time");
    case ProbeStatus::DnsResolved:
        return tr("name found");
    case ProbeStatus::DnsNoSuchHost:
        return tr("no such host name");
    case ProbeStatus::DnsNoAddressForFamily:
        return tr("no address of this kind");
    case ProbeStatus::DnsResolverUnreachable:
        return tr("DNS server did not answer");
    case ProbeStatus::DnsSinkholed:
        return tr("blocked by a DNS filter");
    case ProbeStatus::DnsTimedOut:
        return tr("name lookup timed out");
    case ProbeStatus::TcpOpen:
        return tr("port open");
    case ProbeStatus::TcpRefused:
        return tr("connection refused");
    case ProbeStatus::TcpFiltered:
        return tr("no answer (filtered)");
    case ProbeStatus::TcpUnreachable:
        return tr("host unreachable");
    case ProbeStatus::TcpNoRoute:
        return tr("no route to the network");
    case ProbeStatus::HandshakeOk:
        return tr("handshake completed");
    case ProbeStatus::HandshakeAnsweredHttp:
        return tr("a web server answered");
    case ProbeStatus::HandshakeAnsweredTls:
        return tr("a TLS server answered");
    case ProbeStatus::HandshakeRtmpeRequested:
        return tr("server wants encrypted RTMP (RTMPE)");
    case ProbeStatus::HandshakeUnknownVersion:
        return tr("unknown RTMP version");
    case ProbeStatus::HandshakeClosedAfterC0C1:
        return tr("closed without answering");
    case ProbeStatus::HandshakeReset:
        return tr("connection reset without answering");
    case ProbeStatus::HandshakeSilent:
        return tr("server stayed silent");
    case ProbeStatus::HandshakeShortReply:
        return tr("reply cut short");
    case ProbeStatus::HandshakeGarbled:
        return tr("reply is not RTMP");
    case ProbeStatus::ConnectSuccess:
        return tr("connect accepted");
    case ProbeStatus::ConnectRejected:
        return tr("connect rejected");
    case ProbeStatus::ConnectInvalidApp:
        return tr("unknown application");
    case ProbeStatus::ConnectFailed:
        return tr("connect failed");
    case ProbeStatus::ConnectAuthRequired:
        return tr("server asks for a user name and password");
    case ProbeStatus::ConnectClosedSilently:
        return tr("closed right after connect");
    case ProbeStatus::ConnectNoReply:
        return tr("no reply to connect");
    case ProbeStatus::ConnectProtocolError:
        return tr("reply could not be read");
    case ProbeStatus::PublishStarted:
        return tr("publishing allowed");
    case ProbeStatus::PublishBadName:
        return tr("stream key already in use");
    case ProbeStatus::PublishDenied:
        return tr("publishing denied");
    case ProbeStatus::PublishClosedAfterPublish:
        return tr("closed right after publish");
    case ProbeStatus::PublishNoReply:
        return tr("no reply to publish");
    case ProbeStatus::TlsOk:
        return tr("TLS session established");
    case ProbeStatus::TlsCertificateExpired:
        return tr("certificate expired");
    case ProbeStatus::TlsCertificateNotYetValid:
        return tr("certificate not yet valid");
    case ProbeStatus::TlsHostNameMismatch:
        return tr("certificate is for another name");
    case ProbeStatus::TlsSelfSigned:
        return tr("self-signed certificate");
    case ProbeStatus::TlsUnknownIssuer:
        return tr("certificate from an unknown issuer");
    case ProbeStatus::TlsRevoked:
        return tr("certificate revoked");
    case ProbeStatus::TlsOtherCertificateError:
        return tr("certificate not accepted");
    case ProbeStatus::TlsHandshakeFailed:
        return tr("TLS handshake failed");
    case ProbeStatus::TlsNoAnswer:
        return tr("no TLS answer");
    case ProbeStatus::TlsUnavailable:
        return tr("TLS not available on this computer");
    case ProbeStatus::RtmptOk:
        return tr("tunnel works");
    case ProbeStatus::RtmptNotATunnel:
        return tr("not an RTMPT tunnel");
    case ProbeStatus::RtmptHttpError:
        return tr("HTTP error from the tunnel");
    case ProbeStatus::RtmptHandshakeFailed:
        return tr("handshake through the tunnel failed");
    case ProbeStatus::RtmptNoReply:
        return tr("no reply from the tunnel");
    case ProbeStatus::ProxyNotConfigured:
        return tr("no proxy in the way");
    case ProbeStatus::ProxyOk:
        return tr("proxy lets the stream through");
    case ProbeStatus::ProxyForbidden:
        return tr("proxy forbids the connection");
    case ProbeStatus::ProxyAuthRequired:
        return tr("proxy asks for a password");
    case ProbeStatus::ProxyUnreachable:
        return tr("proxy cannot be reached");
    case ProbeStatus::ProxyRefusedTarget:
        return tr("proxy would not reach the server");
    case ProbeStatus::LivenessHttpAnswered:
        return tr("web server answered");
    case ProbeStatus::LivenessNoHttp:
        return tr("no web server answer");
    case ProbeStatus::FlashSequenceConnects:
        return tr("a fallback step connects");
    case ProbeStatus::FlashSequenceNoPath:
        return tr("no fallback step connects");
    }
    return probeStatusId(status);
}

} // namespace rd
