#pragma once

#include "probe/probetypes.h"

#include <QAbstractSocket>
#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QString>

#include <utility>

// The TLS, RTMPT, proxy and liveness probes as one unit: their registration
// with the engine and the small pieces of HTTP and socket handling they share.
namespace rd {

class ProbeFactoryRegistry;

// Settings the network probes need beyond what a DiagnosticPlan carries.
struct NetworkProbeOptions
{
    // Trusted for RTMPS/RTMPTS in addition to (or, with useSystemCaCertificates
    // false, instead of) the system's CA store. Tests pass their own test CA;
    // a help desk may add a company root.
    QList<QSslCertificate> extraCaCertificates;
    bool useSystemCaCertificates = true;
};

// Adds factories for ProbeKind::Tls (TlsProbe), Rtmpt (RtmptProbe, through
// the plan's proxy when one applies), Proxy (ProxyProbe) and Liveness
// (LivenessProbe). FlashSequence has no factory: it is computed from the
// other results with evaluateFlashSequence() (flashsequence.h).
void registerNetworkProbes(ProbeFactoryRegistry& registry, const NetworkProbeOptions& options = {});

namespace netprobe {

// "host:port", "[v6]:port".
QString endpointText(const QString& hostOrAddress, quint16 port);
// What to connect to: the resolved address when the engine filled it in, else the host name.
QString connectHost(const ProbeTarget& target);
// The host as it goes into a Host header or a CONNECT line: the ASCII (punycode)
// form, IPv6 in brackets, ":port" appended. Empty when the host is unusable there.
QByteArray httpAuthority(const QString& host, quint16 port);
// The TLS settings of the RTMPS/RTMPTS probes: peer verification on, trusting
// the system store (Qt's on-demand loading when nothing is added; otherwise
// the store, read once per process) and/or `extraCaCertificates`.
QSslConfiguration tlsConfiguration(const QList<QSslCertificate>& extraCaCertificates,
                                   bool useSystemCaCertificates);
// QAbstractSocket::SocketError's enumerator name, e.g. "ConnectionRefusedError".
QString socketErrorName(QAbstractSocket::SocketError error);

// The status line and headers of an HTTP/1.x response, parsed as soon as they
// are complete; the body is not looked at (a CONNECT answer has none, a
// liveness answer does not matter).
struct HttpHead
{
    QByteArray statusLine; // without the line end
    QByteArray httpVersion;
    int statusCode = 0;
    QByteArray reasonPhrase;
    QList<std::pair<QByteArray, QByteArray>> headers;
    qsizetype headEnd = 0; // bytes of status line + headers + empty line

    QByteArray header(QByteArrayView name) const; // first match, case-insensitive; null when absent
};

enum class HttpHeadStatus
{
    NeedMore,
    Complete,
    NotHttp,  // the first bytes are not "HTTP/"
    TooLarge, // no end of the headers within maxHeadBytes
};

inline constexpr qsizetype kMaxHttpHeadBytes = 16 * 1024;

// Parses `bytes` (everything received so far). With NeedMore, `head` may
// already hold the status line when that is complete.
HttpHeadStatus parseHttpHead(QByteArrayView bytes, HttpHead& head,
                             qsizetype maxHeadBytes = kMaxHttpHeadBytes);

// "Basic <base64(user:password)>"; a secret.
QByteArray basicAuthorization(const QString& user, const QString& password);
// The request with the value of every Proxy-Authorization / Authorization
// header replaced by "<redacted>", for the transcript.
QByteArray redactAuthorization(const QByteArray& request);
// `text` cut to `limit` characters with control characters shown as '.', for messages.
QString printable(QByteArrayView text, qsizetype limit = 120);

} // namespace netprobe

} // namespace rd
