#include "report/reportgrid.h"

#include <QHash>

#include <optional>

using namespace Qt::StringLiterals;

namespace rd {

namespace {

struct Placement
{
    quint16 port = 0;
    ReportGridColumn column = ReportGridColumn::TcpIpv4;
};

// Where a probe id belongs in the grid: "<name>:<port>[:<suffix>]".
std::optional<Placement> placementOf(const QString& probeId)
{
    const QStringList parts = probeId.split(u':');
    if (parts.size() < 2 || parts.size() > 3)
        return std::nullopt;
    bool ok = false;
    const uint port = parts.at(1).toUInt(&ok);
    if (!ok || port == 0 || port > 65535)
        return std::nullopt;
    const QString name = parts.at(0);
    const QString suffix = parts.size() == 3 ? parts.at(2) : QString();
    const auto placed = [port](ReportGridColumn column) {
        return Placement{quint16(port), column};
    };

    if (name == u"tcp") {
        if (suffix == u"ipv4")
            return placed(ReportGridColumn::TcpIpv4);
        if (suffix == u"ipv6")
            return placed(ReportGridColumn::TcpIpv6);
        return std::nullopt;
    }
    if (name == u"handshake")
        return placed(suffix == u"tls" ? ReportGridColumn::RtmpInTls : ReportGridColumn::Rtmp);
    if (name == u"tls")
        return placed(ReportGridColumn::Tls);
    if (name == u"rtmpt")
        return placed(ReportGridColumn::Rtmpt);
    if (name == u"liveness")
        return placed(ReportGridColumn::Http);
    if (name == u"connect")
        return placed(ReportGridColumn::Connect);
    if (name == u"publish")
        return placed(ReportGridColumn::Publish);
    return std::nullopt;
}

constexpr ReportGridColumn kAllColumns[] = {
    ReportGridColumn::TcpIpv4, ReportGridColumn::TcpIpv6,   ReportGridColumn::Rtmp,
    ReportGridColumn::Tls,     ReportGridColumn::RtmpInTls, ReportGridColumn::Rtmpt,
    ReportGridColumn::Http,    ReportGridColumn::Connect,   ReportGridColumn::Publish};

} // namespace

QString gridColumnTitle(ReportGridColumn column)
{
    switch (column) {
    case ReportGridColumn::TcpIpv4:
        return u"TCP IPv4"_s;
    case ReportGridColumn::TcpIpv6:
        return u"TCP IPv6"_s;
    case ReportGridColumn::Rtmp:
        return u"RTMP"_s;
    case ReportGridColumn::Tls:
        return u"TLS"_s;
    case ReportGridColumn::RtmpInTls:
        return u"RTMPS"_s;
    case ReportGridColumn::Rtmpt:
        return u"RTMPT"_s;
    case ReportGridColumn::Http:
        return u"HTTP"_s;
    case ReportGridColumn::Connect:
        return u"connect"_s;
    case ReportGridColumn::Publish:
        return u"publish"_s;
    }
    return {};
}

ReportGrid ReportGrid::fromResults(const QList<ProbeResult>& results)
{
    ReportGrid grid;
    QHash<quint16, qsizetype> rowOf;
    QList<QHash<ReportGridColumn, ReportGridCell>> cellsByRow;
    QList<bool> columnUsed(std::size(kAllColumns), false);

    for (const ProbeResult& result : results) {
        const std::optional<Placement> placement = placementOf(result.probeId);
        if (!placement) {
            grid.others << result;
            continue;
        }
        if (!rowOf.contains(placement->port)) {
            rowOf.insert(placement->port, grid.rows.size());
            grid.rows << ReportGridRow{placement->port, {}};
            cellsByRow << QHash<ReportGridColumn, ReportGridCell>{};
        }
        ReportGridCell cell;
        cell.present = true;
        cell.probeId = result.probeId;
        cell.status = result.status;
        cell.verdict = result.verdict();
        // A later result for the same cell (a re-run, or RTMPTS next to RTMPT) replaces an earlier
        // one only when the earlier one did not run.
        QHash<ReportGridColumn, ReportGridCell>& cells = cellsByRow[rowOf.value(placement->port)];
        const auto existing = cells.constFind(placement->column);
        if (existing == cells.cend() || existing->status == ProbeStatus::NotRun ||
            existing->probeId == cell.probeId)
            cells.insert(placement->column, cell);
        columnUsed[qsizetype(placement->column)] = true;
    }

    for (qsizetype c = 0; c < qsizetype(std::size(kAllColumns)); ++c) {
        if (columnUsed.at(c))
            grid.columns << kAllColumns[c];
    }
    for (qsizetype r = 0; r < grid.rows.size(); ++r) {
        for (ReportGridColumn column : std::as_const(grid.columns))
            grid.rows[r].cells << cellsByRow.at(r).value(column);
    }
    return grid;
}

QString verdictSymbol(Verdict verdict)
{
    switch (verdict) {
    case Verdict::Pass:
        return u"✓"_s;
    case Verdict::Fail:
        return u"✗"_s;
    case Verdict::Warn:
        return u"!"_s;
    case Verdict::Skipped:
        return u"–"_s;
    }
    return u"–"_s;
}

QString shortStatusText(ProbeStatus status)
{
    switch (status) {
    case ProbeStatus::NotRun:
        return u"not run"_s;
    case ProbeStatus::Cancelled:
        return u"cancelled"_s;
    case ProbeStatus::Skipped:
        return u"skipped"_s;
    case ProbeStatus::InternalError:
        return u"error"_s;
    case ProbeStatus::SessionTimedOut:
        return u"out of time"_s;
    case ProbeStatus::DnsResolved:
        return u"resolved"_s;
    case ProbeStatus::DnsNoSuchHost:
        return u"no such host"_s;
    case ProbeStatus::DnsNoAddressForFamily:
        return u"no address"_s;
    case ProbeStatus::DnsResolverUnreachable:
        return u"no resolver"_s;
    case ProbeStatus::DnsSinkholed:
        return u"sinkholed"_s;
    case ProbeStatus::DnsTimedOut:
        return u"timed out"_s;
    case ProbeStatus::TcpOpen:
        return u"open"_s;
    case ProbeStatus::TcpRefused:
        return u"refused"_s;
    case ProbeStatus::TcpFiltered:
        return u"filtered"_s;
    case ProbeStatus::TcpUnreachable:
        return u"unreachable"_s;
    case ProbeStatus::TcpNoRoute:
        return u"no route"_s;
    case ProbeStatus::HandshakeOk:
    case ProbeStatus::TlsOk:
    case ProbeStatus::RtmptOk:
    case ProbeStatus::ProxyOk:
        return u"ok"_s;
    case ProbeStatus::HandshakeAnsweredHttp:
        return u"HTTP answered"_s;
    case ProbeStatus::HandshakeAnsweredTls:
        return u"TLS answered"_s;
    case ProbeStatus::HandshakeRtmpeRequested:
        return u"RTMPE"_s;
    case ProbeStatus::HandshakeUnknownVersion:
        return u"unknown version"_s;
    case ProbeStatus::HandshakeClosedAfterC0C1:
        return u"closed"_s;
    case ProbeStatus::HandshakeReset:
        return u"reset"_s;
    case ProbeStatus::HandshakeSilent:
        return u"silent"_s;
    case ProbeStatus::HandshakeShortReply:
        return u"short reply"_s;
    case ProbeStatus::HandshakeGarbled:
        return u"garbled"_s;
    case ProbeStatus::ConnectSuccess:
        return u"accepted"_s;
    case ProbeStatus::ConnectRejected:
        return u"rejected"_s;
    case ProbeStatus::ConnectInvalidApp:
        return u"invalid app"_s;
    case ProbeStatus::ConnectFailed:
        return u"failed"_s;
    case ProbeStatus::ConnectAuthRequired:
        return u"needs login"_s;
    case ProbeStatus::ConnectClosedSilently:
        return u"closed"_s;
    case ProbeStatus::ConnectNoReply:
    case ProbeStatus::PublishNoReply:
    case ProbeStatus::RtmptNoReply:
        return u"no reply"_s;
    case ProbeStatus::ConnectProtocolError:
        return u"bad reply"_s;
    case ProbeStatus::PublishStarted:
        return u"started"_s;
    case ProbeStatus::PublishBadName:
        return u"key in use"_s;
    case ProbeStatus::PublishDenied:
        return u"denied"_s;
    case ProbeStatus::PublishClosedAfterPublish:
        return u"closed"_s;
    case ProbeStatus::TlsCertificateExpired:
        return u"cert expired"_s;
    case ProbeStatus::TlsCertificateNotYetValid:
        return u"cert not yet valid"_s;
    case ProbeStatus::TlsHostNameMismatch:
        return u"wrong name"_s;
    case ProbeStatus::TlsSelfSigned:
        return u"self-signed"_s;
    case ProbeStatus::TlsUnknownIssuer:
        return u"unknown issuer"_s;
    case ProbeStatus::TlsRevoked:
        return u"revoked"_s;
    case ProbeStatus::TlsOtherCertificateError:
        return u"cert error"_s;
    case ProbeStatus::TlsHandshakeFailed:
        return u"failed"_s;
    case ProbeStatus::TlsNoAnswer:
        return u"no TLS"_s;
    case ProbeStatus::TlsUnavailable:
        return u"no TLS library"_s;
    case ProbeStatus::RtmptNotATunnel:
        return u"not a tunnel"_s;
    case ProbeStatus::RtmptHttpError:
        return u"HTTP error"_s;
    case ProbeStatus::RtmptHandshakeFailed:
        return u"failed"_s;
    case ProbeStatus::ProxyNotConfigured:
        return u"none"_s;
    case ProbeStatus::ProxyForbidden:
        return u"forbidden"_s;
    case ProbeStatus::ProxyAuthRequired:
        return u"needs login"_s;
    case ProbeStatus::ProxyUnreachable:
        return u"unreachable"_s;
    case ProbeStatus::ProxyRefusedTarget:
        return u"refused target"_s;
    case ProbeStatus::LivenessHttpAnswered:
        return u"answered"_s;
    case ProbeStatus::LivenessNoHttp:
        return u"no HTTP"_s;
    case ProbeStatus::FlashSequenceConnects:
        return u"connects"_s;
    case ProbeStatus::FlashSequenceNoPath:
        return u"no path"_s;
    }
    return probeStatusId(status);
}

} // namespace rd
