#pragma once

#include "probe/flashsequence.h"
#include "probe/probetypes.h"
#include "url/ingesturl.h"

#include <QList>
#include <QNetworkProxy>
#include <QString>
#include <QStringList>

#include <optional>

namespace rd {

enum class AddressFamily
{
    Ipv4,
    Ipv6,
};
QString addressFamilyId(AddressFamily family); // "ipv4", "ipv6"

enum class ProxyMode
{
    System,   // whatever the operating system / QNetworkProxyFactory says
    None,     // the user says there is no proxy: no proxy probe
    Explicit, // ProxySettings::explicitProxy
};

struct ProxySettings
{
    ProxyMode mode = ProxyMode::System;
    QNetworkProxy explicitProxy; // mode Explicit only; its password is a secret
};

// Stable probe ids: the UI keys its cells on them, reports and knowledge-base
// rules may name them.
//   dns                      the host name lookup
//   proxy                    the system or explicit proxy
//   tcp:<port>:ipv4|ipv6     the TCP grid
//   handshake:<port>         RTMP handshake over plain TCP
//   tls:<port>               the TLS session on a TLS port
//   handshake:<port>:tls     RTMP handshake inside TLS
//   rtmpt:<port>             RTMPT (HTTP tunnel); rtmpt:<port>:tls for RTMPTS
//   liveness:<port>          plain HTTP to a media server's web port
//   connect:<port>[:tls|:rtmpt|:rtmpts]   RTMP connect over the URL's transport
//   publish:<port>[:tls|:rtmpt|:rtmpts]   the opt-in publish check
namespace probeids {
QString dns();
QString proxy();
QString tcp(quint16 port, AddressFamily family);
QString handshake(quint16 port, Transport transport); // PlainTcp or Tls
QString tls(quint16 port);
QString rtmpt(quint16 port, Transport transport); // HttpTunnel or HttpTunnelTls
QString liveness(quint16 port);
QString connect(quint16 port, Transport transport);
QString publish(quint16 port, Transport transport);
} // namespace probeids

// One step of the ladder, before it runs.
struct PlannedProbe
{
    QString probeId;
    ProbeKind kind = ProbeKind::Dns;
    ProbeTarget target; // address empty: filled in from what the prerequisites found
    // All must have ended and at least one must have passed (verdict Pass);
    // otherwise the probe is Skipped with their reason. Empty: runs at once.
    QStringList prerequisites;
    // TCP grid: the address comes from the DNS answer for this family.
    std::optional<AddressFamily> addressFromDns;
};

// Everything one diagnosis needs to know. Usually built with fromIngestUrl().
struct DiagnosticPlan
{
    QString host; // as the user wrote it (Unicode allowed; IPv6 without brackets)
    Scheme scheme = Scheme::Rtmp;
    quint16 port = 1935;
    QString application; // what connect's "app" carries
    QString tcUrl;       // unredacted: the wire needs it
    QString streamKey;   // secret: only the publish probe receives it
    // Ports of the TCP grid. Empty: gridPortsFor(port). The URL's port is
    // always added (first) and duplicates are dropped by effectiveGridPorts().
    QList<quint16> gridPorts;
    bool publishCheck = false;
    ProxySettings proxy;
    ProbeTimeouts timeouts;
    // Set when a Flash-era client (Options::flashClient) has rtmp:// without a port: it then tries
    // RTMP on 1935, 443 and 80 and RTMPT on 80 by itself, so the ladder tries plain RTMP on 443 and
    // RTMPT on 80 too (not only TLS on 443), and withFlashSequenceVerdict() judges the sequence.
    std::optional<FlashSequenceContext> flashSequence;

    // 1935, 1936, 443, 80, 2935, 2936, 5080
    static QList<quint16> standardGridPorts();
    // `urlPort` followed by the standard ports, without duplicates.
    static QList<quint16> gridPortsFor(quint16 urlPort);

    struct Options
    {
        bool publishCheck = false;
        ProxySettings proxy;
        ProbeTimeouts timeouts;
        QList<quint16> gridPorts; // empty: the standard grid
        // The encoder is a Flash-era client (AVChat 3) with Flash Player's own port sequence.
        bool flashClient = false;
    };
    // An unusable URL (IngestUrl::isUsable() false) gives a plan whose host
    // may be empty; the DNS probe then reports it.
    static DiagnosticPlan fromIngestUrl(const IngestUrl& url, const Options& options);
    static DiagnosticPlan fromIngestUrl(const IngestUrl& url);

    Transport transport() const; // of the URL's scheme
    QList<quint16> effectiveGridPorts() const;

    // The ladder, in the order it is reported and started.
    QList<PlannedProbe> probes() const;
};

// The ladder's results followed by the Flash sequence's verdict judged from them, when the plan has
// a sequence (it sends nothing itself: every step is read off the other results).
QList<ProbeResult> withFlashSequenceVerdict(const DiagnosticPlan& plan, QList<ProbeResult> results);

} // namespace rd
