#pragma once

#include "engine/diagnosticplan.h"
#include "probe.h"

#include <QAbstractSocket>
#include <QLatin1StringView>
#include <QNetworkProxy>
#include <QNetworkProxyQuery>

#include <functional>
#include <optional>

class QTcpSocket;

namespace rd {

// Keys of ProbeResult::facts written by ProxyProbe.
namespace proxyfacts {
inline constexpr QLatin1StringView source{"source"};       // QString, proxySourceId()
inline constexpr QLatin1StringView foundBy{"foundBy"};     // QString, "explicit", "tcp-query", "http-query"
inline constexpr QLatin1StringView proxyHost{"proxyHost"}; // QString
inline constexpr QLatin1StringView proxyPort{"proxyPort"}; // int
inline constexpr QLatin1StringView proxy{"proxy"};         // QString, "host:port"
inline constexpr QLatin1StringView proxyType{"proxyType"}; // QString, "http" / "socks5"
// QString: what the system answered for each query ("none" or "<type> host:port"), never credentials.
inline constexpr QLatin1StringView systemTcpQuery{"systemTcpQuery"};
inline constexpr QLatin1StringView systemHttpQuery{"systemHttpQuery"};
inline constexpr QLatin1StringView connectTarget{"connectTarget"}; // QString, "host:port" in the CONNECT line
inline constexpr QLatin1StringView statusLine{"statusLine"};       // QString, the proxy's answer to CONNECT
inline constexpr QLatin1StringView statusCode{"statusCode"};       // int
inline constexpr QLatin1StringView credentialsSent{"credentialsSent"}; // bool; the credentials never appear
inline constexpr QLatin1StringView socketError{"socketError"};         // QAbstractSocket::SocketError name
} // namespace proxyfacts

enum class ProxySource
{
    System,   // the operating system's settings (on Linux: http_proxy, all_proxy, ... variables)
    Explicit, // given by the user in the plan
};
QString proxySourceId(ProxySource source); // "system", "explicit"

struct ProxyChoice
{
    QNetworkProxy proxy; // HttpProxy, HttpCachingProxy or Socks5Proxy; may carry credentials (secrets)
    ProxySource source = ProxySource::System;
    QString foundBy;          // "explicit", "tcp-query", "http-query"
    QString systemTcpAnswer;  // description of the system's answer to the TCP query ("" when not asked)
    QString systemHttpAnswer; // ... to the http:// URL query
};

// The system's proxy list for one query; replaceable in tests.
using SystemProxyLookup = std::function<QList<QNetworkProxy>(const QNetworkProxyQuery& query)>;
// QNetworkProxyFactory::systemProxyForQuery.
QList<QNetworkProxy> systemProxyLookup(const QNetworkProxyQuery& query);

// Which proxy a connection to host:port would go through. Mode None: none.
// Explicit: settings.explicitProxy when it is an HTTP or SOCKS5 proxy. System:
// first the query for a TCP connection (protocol tag "rtmp") to host:port, then
// the query for the URL http://host:port/; the first usable proxy wins.
// Without a usable proxy the choice is empty, but the answers are still
// described in `described` when it is given.
std::optional<ProxyChoice> chooseProxy(const ProxySettings& settings, const QString& host, quint16 port,
                                       const SystemProxyLookup& lookup = systemProxyLookup,
                                       ProxyChoice* described = nullptr);
// "http proxy.example:3128"; never the credentials.
QString describeProxy(const QNetworkProxy& proxy);

// Does the proxy let a connection to the target through? HTTP proxies get
// an HTTP CONNECT host:port (with Basic credentials when the proxy carries a
// user name; they never appear in the transcript or the facts); a SOCKS5
// proxy gets a connection through it. The target's host name (not its
// address) goes to the proxy, as encoders do.
//
// Statuses: ProxyNotConfigured (nothing applies), ProxyOk (2xx),
// ProxyForbidden (403, 405 and other 4xx), ProxyAuthRequired (407, and 401
// which some proxies send for wrong credentials), ProxyRefusedTarget
// (502/503/504 and other 5xx: the proxy could not or would not reach the
// target), ProxyUnreachable (the proxy itself refused, timed out, closed
// without an answer, or answered with something that is not HTTP).
class ProxyProbe : public Probe
{
    Q_OBJECT

public:
    ProxyProbe(QString probeId, ProbeTarget target, ProbeTimeouts timeouts, ProxySettings settings,
               SystemProxyLookup lookup = systemProxyLookup, QObject* parent = nullptr);
    ~ProxyProbe() override;

    static ProbeStatus statusForConnectReply(int httpStatusCode);

protected:
    void begin() override;
    void abortIo() override;

private:
    void startHttpConnect();
    void startSocks();
    void onHttpConnected();
    void onHttpReadyRead();
    void onHttpError(QAbstractSocket::SocketError error);
    void onSocksError(QAbstractSocket::SocketError error);
    void concludeHttp(bool streamEnded);
    QString proxyText() const;
    QString targetText() const;

    ProxySettings m_settings;
    SystemProxyLookup m_lookup;
    ProxyChoice m_choice;
    QTcpSocket* m_socket = nullptr;
    QByteArray m_received;
    bool m_connected = false;
};

} // namespace rd
