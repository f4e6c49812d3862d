#include "proxyprobe.h"

#include "appinfo.h"
#include "probe/netprobes.h"

#include <QNetworkProxyFactory>
#include <QTcpSocket>
#include <QUrl>

namespace rd {

namespace {

constexpr qsizetype kReceiveCap = 32 * 1024;

bool isUsableProxy(const QNetworkProxy& proxy)
{
    switch (proxy.type()) {
    case QNetworkProxy::HttpProxy:
    case QNetworkProxy::HttpCachingProxy:
    case QNetworkProxy::Socks5Proxy:
        return !proxy.hostName().isEmpty() && proxy.port() != 0;
    case QNetworkProxy::NoProxy:
    case QNetworkProxy::DefaultProxy:
    case QNetworkProxy::FtpCachingProxy:
        return false;
    }
    return false;
}

QString describeAnswer(const QList<QNetworkProxy>& proxies)
{
    QStringList parts;
    for (const QNetworkProxy& proxy : proxies)
        parts << describeProxy(proxy);
    return parts.isEmpty() ? QStringLiteral("none") : parts.join(QStringLiteral(", "));
}

bool isHttpProxy(const QNetworkProxy& proxy)
{
    return proxy.type() == QNetworkProxy::HttpProxy || proxy.type() == QNetworkProxy::HttpCachingProxy;
}

} // namespace

QString proxySourceId(ProxySource source)
{
    return source == ProxySource::Explicit ? QStringLiteral("explicit") : QStringLiteral("system");
}

QList<QNetworkProxy> systemProxyLookup(const QNetworkProxyQuery& query)
{
    return QNetworkProxyFactory::systemProxyForQuery(query);
}

QString describeProxy(const QNetworkProxy& proxy)
{
    QString type;
    switch (proxy.type()) {
    case QNetworkProxy::NoProxy:
        return QStringLiteral("direct");
    case QNetworkProxy::DefaultProxy:
        return QStringLiteral("default");
    case QNetworkProxy::HttpProxy:
    case QNetworkProxy::HttpCachingProxy:
        type = QStringLiteral("http");
        break;
    case QNetworkProxy::Socks5Proxy:
        type = QStringLiteral("socks5");
        break;
    case QNetworkProxy::FtpCachingProxy:
        type = QStringLiteral("ftp");
        break;
    }
    return type + u' ' + netprobe::endpointText(proxy.hostName(), proxy.port());
}

std::optional<ProxyChoice> chooseProxy(const ProxySettings& settings, const QString& host, quint16 port,
                                       const SystemProxyLookup& lookup, ProxyChoice* described)
{
    ProxyChoice choice;
    std::optional<ProxyChoice> chosen;
    switch (settings.mode) {
    case ProxyMode::None:
        break;
    case ProxyMode::Explicit:
        choice.source = ProxySource::Explicit;
        choice.foundBy = QStringLiteral("explicit");
        choice.proxy = settings.explicitProxy;
        if (isUsableProxy(choice.proxy))
            chosen = choice;
        break;
    case ProxyMode::System: {
        choice.source = ProxySource::System;
        if (!lookup)
            break;
        const QNetworkProxyQuery tcpQuery(host, int(port), QStringLiteral("rtmp"),
                                          QNetworkProxyQuery::TcpSocket);
        const QList<QNetworkProxy> tcpAnswer = lookup(tcpQuery);
        choice.systemTcpAnswer = describeAnswer(tcpAnswer);

        QUrl url;
        url.setScheme(QStringLiteral("http"));
        url.setHost(host);
        url.setPort(port);
        url.setPath(QStringLiteral("/"));
        const QList<QNetworkProxy> httpAnswer = lookup(QNetworkProxyQuery(url));
        choice.systemHttpAnswer = describeAnswer(httpAnswer);

        for (const QNetworkProxy& proxy : tcpAnswer) {
            if (isUsableProxy(proxy)) {
                choice.proxy = proxy;
                choice.foundBy = QStringLiteral("tcp-query");
                chosen = choice;
                break;
            }
        }
        if (!chosen) {
            for (const QNetworkProxy& proxy : httpAnswer) {
                if (isUsableProxy(proxy)) {
                    choice.proxy = proxy;
                    choice.foundBy = QStringLiteral("http-query");
                    chosen = choice;
                    break;
                }
            }
        }
        break;
    }
    }
    if (described)
        *described = choice;
    return chosen;
}

ProxyProbe::ProxyProbe(QString probeId, ProbeTarget target, ProbeTimeouts timeouts, ProxySettings settings,
                       SystemProxyLookup lookup, QObject* parent)
    : Probe(std::move(probeId), ProbeKind::Proxy, std::move(target), timeouts, parent)
    , m_settings(std::move(settings))
    , m_lookup(std::move(lookup))
{}

ProxyProbe::~ProxyProbe() = default;

ProbeStatus ProxyProbe::statusForConnectReply(int httpStatusCode)
{
    if (httpStatusCode >= 200 && httpStatusCode < 300)
        return ProbeStatus::ProxyOk;
    if (httpStatusCode == 407 || httpStatusCode == 401)
        return ProbeStatus::ProxyAuthRequired;
    if (httpStatusCode >= 500)
        return ProbeStatus::ProxyRefusedTarget;
    // 403, 405 (CONNECT not allowed) and whatever else the proxy refuses with.
    return ProbeStatus::ProxyForbidden;
}

QString ProxyProbe::proxyText() const
{
    return netprobe::endpointText(m_choice.proxy.hostName(), m_choice.proxy.port());
}

QString ProxyProbe::targetText() const
{
    return netprobe::endpointText(target().host.isEmpty() ? target().address : target().host, target().port);
}

void ProxyProbe::begin()
{
    const QString targetHost = target().host.isEmpty() ? target().address : target().host;
    ProxyChoice described;
    const std::optional<ProxyChoice> choice =
        chooseProxy(m_settings, targetHost, target().port, m_lookup, &described);
    setFact(proxyfacts::source, proxySourceId(described.source));
    if (m_settings.mode == ProxyMode::System) {
        setFact(proxyfacts::systemTcpQuery, described.systemTcpAnswer);
        setFact(proxyfacts::systemHttpQuery, described.systemHttpAnswer);
        note(tr("System proxy for a TCP connection to %1: %2; for http://%1/: %3")
                 .arg(targetText(), described.systemTcpAnswer, described.systemHttpAnswer));
    }
    if (!choice) {
        const QString message =
            m_settings.mode == ProxyMode::Explicit
                ? tr("The proxy given (%1) is not an HTTP or SOCKS5 proxy with a host and port, so none is "
                     "used.")
                      .arg(describeProxy(m_settings.explicitProxy))
                : tr("No proxy is configured for %1: connections go directly.").arg(targetText());
        finish(ProbeStatus::ProxyNotConfigured, message);
        return;
    }
    m_choice = *choice;
    setFact(proxyfacts::foundBy, m_choice.foundBy);
    setFact(proxyfacts::proxyHost, m_choice.proxy.hostName());
    setFact(proxyfacts::proxyPort, int(m_choice.proxy.port()));
    setFact(proxyfacts::proxy, proxyText());
    setFact(proxyfacts::proxyType,
            isHttpProxy(m_choice.proxy) ? QStringLiteral("http") : QStringLiteral("socks5"));
    setFact(proxyfacts::connectTarget, targetText());

    if (target().port == 0 || targetHost.isEmpty()) {
        finish(ProbeStatus::InternalError, tr("No target to ask the proxy for."));
        return;
    }
    if (isHttpProxy(m_choice.proxy))
        startHttpConnect();
    else
        startSocks();
}

void ProxyProbe::startHttpConnect()
{
    m_socket = new QTcpSocket(this);
    m_socket->setProxy(QNetworkProxy::NoProxy);
    connect(m_socket, &QTcpSocket::connected, this, &ProxyProbe::onHttpConnected);
    connect(m_socket, &QTcpSocket::readyRead, this, &ProxyProbe::onHttpReadyRead);
    connect(m_socket, &QTcpSocket::errorOccurred, this, &ProxyProbe::onHttpError);
    armTimeout(timeouts().connectMs, [this] {
        finish(ProbeStatus::ProxyUnreachable, tr("The proxy %1 did not accept a connection within %2 s.")
                                                  .arg(proxyText())
                                                  .arg(timeouts().connectMs / 1000.0));
    });
    step(tr("connecting to the proxy"), proxyText());
    m_socket->connectToHost(m_choice.proxy.hostName(), m_choice.proxy.port());
}

void ProxyProbe::onHttpConnected()
{
    m_connected = true;
    step(tr("connected to the proxy"), proxyText(), elapsedMs());
    const QByteArray authority =
        netprobe::httpAuthority(target().host.isEmpty() ? target().address : target().host, target().port);
    if (authority.isEmpty()) {
        finish(ProbeStatus::InternalError,
               tr("The host name %1 cannot be put into a CONNECT request.").arg(targetText()));
        return;
    }
    QByteArray request = "CONNECT " + authority + " HTTP/1.1\r\nHost: " + authority +
                         "\r\nUser-Agent: " + AppInfo::applicationName().toLatin1() + '/' +
                         AppInfo::version().toLatin1() + "\r\n";
    const bool withCredentials = !m_choice.proxy.user().isEmpty();
    if (withCredentials)
        request += "Proxy-Authorization: " +
                   netprobe::basicAuthorization(m_choice.proxy.user(), m_choice.proxy.password()) + "\r\n";
    request += "\r\n";
    setFact(proxyfacts::credentialsSent, withCredentials);
    m_socket->write(request);
    sent(withCredentials ? tr("CONNECT %1 (with Basic credentials)").arg(QString::fromLatin1(authority))
                         : tr("CONNECT %1").arg(QString::fromLatin1(authority)),
         netprobe::redactAuthorization(request));
    // The request (and so the credentials) must not outlive the write.
    request.fill('\0');
    armTimeout(timeouts().readMs, [this] { concludeHttp(false); });
}

void ProxyProbe::onHttpReadyRead()
{
    m_received += m_socket->read(kReceiveCap - m_received.size());
    netprobe::HttpHead head;
    const netprobe::HttpHeadStatus parsed = netprobe::parseHttpHead(m_received, head);
    if (parsed != netprobe::HttpHeadStatus::NeedMore || m_received.size() >= kReceiveCap)
        concludeHttp(false);
}

void ProxyProbe::onHttpError(QAbstractSocket::SocketError error)
{
    setFact(proxyfacts::socketError, netprobe::socketErrorName(error));
    if (!m_connected) {
        received(tr("connect failed: %1").arg(m_socket->errorString()));
        finish(ProbeStatus::ProxyUnreachable,
               tr("The proxy %1 cannot be reached: %2").arg(proxyText(), m_socket->errorString()));
        return;
    }
    m_received += m_socket->read(kReceiveCap - m_received.size());
    concludeHttp(true);
}

void ProxyProbe::concludeHttp(bool streamEnded)
{
    netprobe::HttpHead head;
    const netprobe::HttpHeadStatus parsed = netprobe::parseHttpHead(m_received, head);
    if (head.statusLine.isEmpty() || parsed == netprobe::HttpHeadStatus::NotHttp) {
        if (!m_received.isEmpty())
            received(tr("%1 bytes that are not HTTP").arg(m_received.size()), m_received);
        const QString why = !m_received.isEmpty() ? tr("answered with something that is not HTTP (\"%1\")")
                                                        .arg(netprobe::printable(m_received, 40))
                            : streamEnded ? tr("closed the connection without answering")
                                          : tr("sent no answer within %1 s").arg(timeouts().readMs / 1000.0);
        finish(ProbeStatus::ProxyUnreachable,
               tr("The proxy %1 %2 to CONNECT %3: it does not work as an HTTP proxy.")
                   .arg(proxyText(), why, targetText()));
        return;
    }
    const QString statusLine = QString::fromLatin1(head.statusLine);
    setFact(proxyfacts::statusLine, statusLine);
    setFact(proxyfacts::statusCode, head.statusCode);
    received(tr("proxy answered: %1").arg(statusLine),
             m_received.left(head.headEnd > 0 ? head.headEnd : m_received.size()));

    const ProbeStatus status = statusForConnectReply(head.statusCode);
    const bool credentialsSent = !m_choice.proxy.user().isEmpty();
    switch (status) {
    case ProbeStatus::ProxyOk:
        finish(status,
               tr("The proxy %1 opened a tunnel to %2 (\"%3\").").arg(proxyText(), targetText(), statusLine));
        return;
    case ProbeStatus::ProxyAuthRequired:
        finish(status,
               credentialsSent
                   ? tr("The proxy %1 rejected the credentials (\"%2\").").arg(proxyText(), statusLine)
                   : tr("The proxy %1 requires a user name and password (\"%2\").")
                         .arg(proxyText(), statusLine));
        return;
    case ProbeStatus::ProxyRefusedTarget:
        finish(status, tr("The proxy %1 could not or would not reach %2 (\"%3\").")
                           .arg(proxyText(), targetText(), statusLine));
        return;
    default:
        finish(ProbeStatus::ProxyForbidden, tr("The proxy %1 does not allow a connection to %2 (\"%3\").")
                                                .arg(proxyText(), targetText(), statusLine));
        return;
    }
}

void ProxyProbe::startSocks()
{
    m_socket = new QTcpSocket(this);
    m_socket->setProxy(m_choice.proxy);
    setFact(proxyfacts::credentialsSent, !m_choice.proxy.user().isEmpty());
    connect(m_socket, &QTcpSocket::connected, this, [this] {
        step(tr("connected through the SOCKS5 proxy"), targetText(), elapsedMs());
        finish(ProbeStatus::ProxyOk,
               tr("The SOCKS5 proxy %1 connected to %2.").arg(proxyText(), targetText()));
    });
    connect(m_socket, &QTcpSocket::errorOccurred, this, &ProxyProbe::onSocksError);
    armTimeout(timeouts().connectMs + timeouts().readMs, [this] {
        finish(ProbeStatus::ProxyUnreachable, tr("No connection through the SOCKS5 proxy %1 within %2 s.")
                                                  .arg(proxyText())
                                                  .arg((timeouts().connectMs + timeouts().readMs) / 1000.0));
    });
    step(tr("connecting through the SOCKS5 proxy"), proxyText());
    m_socket->connectToHost(target().host.isEmpty() ? target().address : target().host, target().port);
}

void ProxyProbe::onSocksError(QAbstractSocket::SocketError error)
{
    setFact(proxyfacts::socketError, netprobe::socketErrorName(error));
    const QString text = m_socket->errorString();
    received(tr("SOCKS5 connection failed: %1").arg(text));
    switch (error) {
    case QAbstractSocket::ProxyAuthenticationRequiredError:
        finish(ProbeStatus::ProxyAuthRequired,
               tr("The SOCKS5 proxy %1 requires (other) credentials: %2").arg(proxyText(), text));
        return;
    case QAbstractSocket::ProxyConnectionRefusedError:
    case QAbstractSocket::ProxyConnectionTimeoutError:
    case QAbstractSocket::ProxyNotFoundError:
    case QAbstractSocket::ProxyConnectionClosedError:
    case QAbstractSocket::ProxyProtocolError:
        finish(ProbeStatus::ProxyUnreachable,
               tr("The SOCKS5 proxy %1 cannot be used: %2").arg(proxyText(), text));
        return;
    default:
        finish(ProbeStatus::ProxyRefusedTarget,
               tr("The SOCKS5 proxy %1 could not reach %2: %3").arg(proxyText(), targetText(), text));
        return;
    }
}

void ProxyProbe::abortIo()
{
    if (m_socket == nullptr)
        return;
    m_socket->disconnect(this);
    m_socket->abort();
}

} // namespace rd
