#include "diagnosticplan.h"

#include <algorithm>

namespace rd {

namespace {

// Ports where TLS is expected (RTMPS defaults, Azure's 2935/2936): a plain
// handshake there only proves that TLS answers.
constexpr quint16 kTlsGridPorts[] = {443, 2935, 2936};
// Red5's HTTP port: only the liveness probe goes there.
constexpr quint16 kHttpOnlyGridPorts[] = {5080};
// Media servers that answer plain HTTP on these ports (Red5 5080, Wowza 1935).
constexpr quint16 kLivenessPorts[] = {5080, 1935};

template <typename Range>
bool containsPort(const Range& ports, quint16 port)
{
    return std::find(std::begin(ports), std::end(ports), port) != std::end(ports);
}

QString transportSuffix(Transport transport)
{
    switch (transport) {
    case Transport::PlainTcp:
        return {};
    case Transport::Tls:
        return QStringLiteral(":tls");
    case Transport::HttpTunnel:
        return QStringLiteral(":rtmpt");
    case Transport::HttpTunnelTls:
        return QStringLiteral(":rtmpts");
    }
    return {};
}

QString withPort(QLatin1StringView name, quint16 port)
{
    return QString(name) + u':' + QString::number(port);
}

} // namespace

QString addressFamilyId(AddressFamily family)
{
    return family == AddressFamily::Ipv6 ? QStringLiteral("ipv6") : QStringLiteral("ipv4");
}

namespace probeids {

QString dns()
{
    return QStringLiteral("dns");
}

QString proxy()
{
    return QStringLiteral("proxy");
}

QString tcp(quint16 port, AddressFamily family)
{
    return withPort(QLatin1StringView("tcp"), port) + u':' + addressFamilyId(family);
}

QString handshake(quint16 port, Transport transport)
{
    return withPort(QLatin1StringView("handshake"), port) + transportSuffix(transport);
}

QString tls(quint16 port)
{
    return withPort(QLatin1StringView("tls"), port);
}

QString rtmpt(quint16 port, Transport transport)
{
    return withPort(QLatin1StringView("rtmpt"), port) +
           (transport == Transport::HttpTunnelTls ? QStringLiteral(":tls") : QString());
}

QString liveness(quint16 port)
{
    return withPort(QLatin1StringView("liveness"), port);
}

QString connect(quint16 port, Transport transport)
{
    return withPort(QLatin1StringView("connect"), port) + transportSuffix(transport);
}

QString publish(quint16 port, Transport transport)
{
    return withPort(QLatin1StringView("publish"), port) + transportSuffix(transport);
}

} // namespace probeids

QList<quint16> DiagnosticPlan::standardGridPorts()
{
    return {1935, 1936, 443, 80, 2935, 2936, 5080};
}

QList<quint16> DiagnosticPlan::gridPortsFor(quint16 urlPort)
{
    QList<quint16> ports;
    if (urlPort != 0)
        ports << urlPort;
    for (quint16 port : standardGridPorts()) {
        if (!ports.contains(port))
            ports << port;
    }
    return ports;
}

DiagnosticPlan DiagnosticPlan::fromIngestUrl(const IngestUrl& url)
{
    return fromIngestUrl(url, Options{});
}

DiagnosticPlan DiagnosticPlan::fromIngestUrl(const IngestUrl& url, const Options& options)
{
    DiagnosticPlan plan;
    plan.host = url.host();
    plan.scheme = url.scheme();
    plan.port = url.port();
    plan.application = url.applicationPath();
    plan.tcUrl = url.tcUrl(Redaction::RevealSecrets);
    plan.streamKey = url.streamKey();
    plan.gridPorts = options.gridPorts;
    plan.publishCheck = options.publishCheck;
    plan.proxy = options.proxy;
    plan.timeouts = options.timeouts;
    const FlashSequenceContext flash = FlashSequenceContext::fromIngestUrl(url);
    if (options.flashClient && flash.triggersSequence())
        plan.flashSequence = flash;
    return plan;
}

Transport DiagnosticPlan::transport() const
{
    switch (scheme) {
    case Scheme::Rtmps:
        return Transport::Tls;
    case Scheme::Rtmpt:
    case Scheme::Rtmpte:
        return Transport::HttpTunnel;
    case Scheme::Rtmpts:
        return Transport::HttpTunnelTls;
    case Scheme::Unknown:
    case Scheme::Rtmp:
    case Scheme::Rtmpe:
        return Transport::PlainTcp;
    }
    return Transport::PlainTcp;
}

QList<quint16> DiagnosticPlan::effectiveGridPorts() const
{
    if (gridPorts.isEmpty())
        return gridPortsFor(port);
    QList<quint16> ports;
    if (port != 0)
        ports << port;
    for (quint16 gridPort : gridPorts) {
        if (gridPort != 0 && !ports.contains(gridPort))
            ports << gridPort;
    }
    return ports;
}

QList<PlannedProbe> DiagnosticPlan::probes() const
{
    const Transport urlTransport = transport();
    const QList<quint16> grid = effectiveGridPorts();

    ProbeTarget base;
    base.host = host;
    base.application = application;
    base.tcUrl = tcUrl;

    const auto targetAt = [&base](quint16 targetPort, Transport targetTransport) {
        ProbeTarget target = base;
        target.port = targetPort;
        target.transport = targetTransport;
        return target;
    };
    const auto tcpPair = [](quint16 targetPort) {
        return QStringList{probeids::tcp(targetPort, AddressFamily::Ipv4),
                           probeids::tcp(targetPort, AddressFamily::Ipv6)};
    };

    QList<PlannedProbe> ladder;
    ladder << PlannedProbe{probeids::dns(), ProbeKind::Dns, targetAt(port, urlTransport), {}, std::nullopt};

    if (proxy.mode != ProxyMode::None)
        ladder << PlannedProbe{
            probeids::proxy(), ProbeKind::Proxy, targetAt(port, urlTransport), {}, std::nullopt};

    for (quint16 gridPort : grid) {
        for (AddressFamily family : {AddressFamily::Ipv4, AddressFamily::Ipv6}) {
            ladder << PlannedProbe{probeids::tcp(gridPort, family),
                                   ProbeKind::TcpPort,
                                   targetAt(gridPort, Transport::PlainTcp),
                                   {probeids::dns()},
                                   family};
        }
    }

    const bool urlIsPlain = urlTransport == Transport::PlainTcp;
    const bool urlUsesTls = urlTransport == Transport::Tls || urlTransport == Transport::HttpTunnelTls;
    const bool urlIsTunnel =
        urlTransport == Transport::HttpTunnel || urlTransport == Transport::HttpTunnelTls;

    // The Flash sequence's steps (plain RTMP on 443 as well as TLS there, RTMPT on 80).
    const QList<TransportAttempt> flashSteps =
        flashSequence ? flashSequenceAttempts() : QList<TransportAttempt>{};

    for (quint16 gridPort : grid) {
        const bool plainHandshake = gridPort == port ? urlIsPlain
                                                     : (!containsPort(kTlsGridPorts, gridPort) &&
                                                        !containsPort(kHttpOnlyGridPorts, gridPort)) ||
                                                           flashSteps.contains({Scheme::Rtmp, gridPort});
        if (plainHandshake) {
            ladder << PlannedProbe{probeids::handshake(gridPort, Transport::PlainTcp), ProbeKind::Handshake,
                                   targetAt(gridPort, Transport::PlainTcp), tcpPair(gridPort), std::nullopt};
        }
    }

    for (quint16 gridPort : grid) {
        const bool tlsHere = gridPort == port ? urlUsesTls : containsPort(kTlsGridPorts, gridPort);
        if (!tlsHere)
            continue;
        ladder << PlannedProbe{probeids::tls(gridPort), ProbeKind::Tls, targetAt(gridPort, Transport::Tls),
                               tcpPair(gridPort), std::nullopt};
        // RTMP inside TLS, except where the URL wants the tunnel inside TLS.
        if (!(gridPort == port && urlTransport == Transport::HttpTunnelTls)) {
            ladder << PlannedProbe{probeids::handshake(gridPort, Transport::Tls),
                                   ProbeKind::Handshake,
                                   targetAt(gridPort, Transport::Tls),
                                   {probeids::tls(gridPort)},
                                   std::nullopt};
        }
    }

    if (urlIsTunnel) {
        ladder << PlannedProbe{probeids::rtmpt(port, urlTransport), ProbeKind::Rtmpt,
                               targetAt(port, urlTransport), tcpPair(port), std::nullopt};
    }
    // A Flash sequence runs only for rtmp:// URLs, so the URL's own tunnel above is never this one.
    for (quint16 gridPort : grid) {
        if (flashSteps.contains({Scheme::Rtmpt, gridPort})) {
            ladder << PlannedProbe{probeids::rtmpt(gridPort, Transport::HttpTunnel), ProbeKind::Rtmpt,
                                   targetAt(gridPort, Transport::HttpTunnel), tcpPair(gridPort),
                                   std::nullopt};
        }
    }

    for (quint16 livenessPort : kLivenessPorts) {
        if (grid.contains(livenessPort)) {
            ladder << PlannedProbe{probeids::liveness(livenessPort), ProbeKind::Liveness,
                                   targetAt(livenessPort, Transport::PlainTcp), tcpPair(livenessPort),
                                   std::nullopt};
        }
    }

    QString connectPrerequisite;
    switch (urlTransport) {
    case Transport::PlainTcp:
    case Transport::Tls:
        connectPrerequisite = probeids::handshake(port, urlTransport);
        break;
    case Transport::HttpTunnel:
    case Transport::HttpTunnelTls:
        connectPrerequisite = probeids::rtmpt(port, urlTransport);
        break;
    }
    const QString connectId = probeids::connect(port, urlTransport);
    ladder << PlannedProbe{
        connectId, ProbeKind::Connect, targetAt(port, urlTransport), {connectPrerequisite}, std::nullopt};

    if (publishCheck) {
        ProbeTarget publishTarget = targetAt(port, urlTransport);
        publishTarget.streamKey = streamKey;
        ladder << PlannedProbe{probeids::publish(port, urlTransport),
                               ProbeKind::Publish,
                               publishTarget,
                               {connectId},
                               std::nullopt};
    }
    return ladder;
}

QList<ProbeResult> withFlashSequenceVerdict(const DiagnosticPlan& plan, QList<ProbeResult> results)
{
    if (plan.flashSequence)
        results << evaluateFlashSequence(results, *plan.flashSequence);
    return results;
}

} // namespace rd
