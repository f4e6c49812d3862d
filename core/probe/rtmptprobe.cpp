#include "rtmptprobe.h"

#include "probe/netprobes.h"
#include "probe/rtmpconversation.h"
#include "probe/tlsprobe.h"

#include <QHostAddress>
#include <QSslConfiguration>
#include <QSslSocket>
#include <QTimer>
#include <QUrl>

#include <algorithm>

namespace rd {

namespace {

constexpr int kPollUnitMs = 16;
constexpr int kMinPollDelayMs = 10;

QString commandText(rtmpt::Command command)
{
    return rtmpt::commandName(command);
}

bool isProxyHttpProxy(const std::optional<QNetworkProxy>& proxy)
{
    return proxy &&
           (proxy->type() == QNetworkProxy::HttpProxy || proxy->type() == QNetworkProxy::HttpCachingProxy) &&
           !proxy->hostName().isEmpty() && proxy->port() != 0;
}

QString hostForHeader(const QString& host)
{
    if (QHostAddress address; address.setAddress(host))
        return host;
    return QString::fromLatin1(QUrl::toAce(host));
}

} // namespace

RtmptProbe::RtmptProbe(QString probeId, ProbeTarget target, ProbeTimeouts timeouts, Options options,
                       QObject* parent)
    : Probe(std::move(probeId), ProbeKind::Rtmpt, std::move(target), timeouts, parent)
    , m_options(std::move(options))
{}

RtmptProbe::~RtmptProbe() = default;

int RtmptProbe::pollDelayMs(quint8 pollingDelay, int maxPollDelayMs)
{
    return std::clamp(int(pollingDelay) * kPollUnitMs, kMinPollDelayMs,
                      std::max(kMinPollDelayMs, maxPollDelayMs));
}

bool RtmptProbe::viaPlainProxy() const
{
    return !usesTls() && isProxyHttpProxy(m_options.httpProxy);
}

bool RtmptProbe::usesTls() const
{
    return target().transport == Transport::HttpTunnelTls;
}

QString RtmptProbe::where() const
{
    return netprobe::endpointText(target().host.isEmpty() ? target().address : target().host, target().port);
}

void RtmptProbe::begin()
{
    const QString headerHost = hostForHeader(target().host.isEmpty() ? target().address : target().host);
    if (target().port == 0 || headerHost.isEmpty() || netprobe::connectHost(target()).isEmpty()) {
        finish(ProbeStatus::InternalError, tr("No address or port for the RTMPT tunnel."));
        return;
    }
    if (usesTls() && !QSslSocket::supportsSsl()) {
        finish(ProbeStatus::TlsUnavailable,
               tr("TLS is not available on this computer, so RTMPTS cannot be tested."));
        return;
    }
    m_endpoint.host = headerHost;
    m_endpoint.port = target().port;
    m_endpoint.tls = usesTls();
    m_endpoint.viaProxy = viaPlainProxy();

    const bool proxied = isProxyHttpProxy(m_options.httpProxy);
    setFact(rtmptfacts::viaProxy, proxied);
    if (proxied)
        setFact(rtmptfacts::proxy,
                netprobe::endpointText(m_options.httpProxy->hostName(), m_options.httpProxy->port()));

    m_pollTimer = new QTimer(this);
    m_pollTimer->setSingleShot(true);
    connect(m_pollTimer, &QTimer::timeout, this, &RtmptProbe::sendIdle);

    sendRequest(m_options.sendIdent2 ? rtmpt::Command::Ident2 : rtmpt::Command::Open);
}

void RtmptProbe::sendRequest(rtmpt::Command command, const QByteArray& body)
{
    m_command = command;
    quint64 sequence = 0;
    if (command == rtmpt::Command::Send || command == rtmpt::Command::Idle ||
        command == rtmpt::Command::Close)
        sequence = m_sequence++;
    QByteArray request = rtmpt::buildRequest(m_endpoint, command, m_sessionId, sequence, body);
    if (request.isEmpty()) {
        finish(ProbeStatus::InternalError,
               tr("The RTMPT %1 request could not be built for %2.").arg(commandText(command), where()));
        return;
    }
    if (viaPlainProxy() && !m_options.httpProxy->user().isEmpty()) {
        const qsizetype headerEnd = request.indexOf("\r\n\r\n");
        request.insert(headerEnd + 2, "Proxy-Authorization: " +
                                          netprobe::basicAuthorization(m_options.httpProxy->user(),
                                                                       m_options.httpProxy->password()) +
                                          "\r\n");
    }
    m_pendingRequest.fill('\0');
    m_pendingRequest = request;
    m_resentOnce = false;
    writePendingRequest();
}

void RtmptProbe::writePendingRequest()
{
    if (m_socket == nullptr || !m_socketReady || m_socket->state() != QAbstractSocket::ConnectedState) {
        openConnection();
        return;
    }
    m_requestOnReusedConnection = m_socketUsed;
    m_socketUsed = true;
    m_awaitingResponse = true;
    m_parser.reset();
    m_socket->write(m_pendingRequest);
    ++m_requests;
    setFact(rtmptfacts::requests, m_requests);
    const qsizetype lineEnd = m_pendingRequest.indexOf("\r\n");
    sent(QString::fromLatin1(m_pendingRequest.left(std::max<qsizetype>(0, lineEnd))),
         netprobe::redactAuthorization(m_pendingRequest));
    armTimeout(timeouts().readMs, [this] { onRequestTimeout(); });
}

void RtmptProbe::openConnection()
{
    retireSocket();
    ++m_connections;
    setFact(rtmptfacts::connections, m_connections);
    m_socketReady = false;
    m_socketUsed = false;

    QString host = netprobe::connectHost(target());
    quint16 port = target().port;
    if (usesTls()) {
        auto* socket = new QSslSocket(this);
        socket->setSslConfiguration(
            netprobe::tlsConfiguration(m_options.extraCaCertificates, m_options.useSystemCaCertificates));
        if (isProxyHttpProxy(m_options.httpProxy)) {
            // Qt opens the tunnel with CONNECT; the proxy resolves the name.
            socket->setProxy(*m_options.httpProxy);
            host = target().host.isEmpty() ? target().address : target().host;
        } else {
            socket->setProxy(QNetworkProxy::NoProxy);
        }
        socket->setReadBufferSize(kReadBufferBytes);
        connect(socket, &QSslSocket::encrypted, this, &RtmptProbe::onSocketReady);
        connect(socket, &QSslSocket::sslErrors, this, &RtmptProbe::onSslErrors);
        m_socket = socket;
    } else {
        m_socket = new QTcpSocket(this);
        m_socket->setProxy(QNetworkProxy::NoProxy);
        m_socket->setReadBufferSize(kReadBufferBytes);
        if (viaPlainProxy()) {
            host = m_options.httpProxy->hostName();
            port = m_options.httpProxy->port();
        }
        connect(m_socket, &QTcpSocket::connected, this, &RtmptProbe::onSocketReady);
    }
    connect(m_socket, &QTcpSocket::readyRead, this, &RtmptProbe::onReadyRead);
    connect(m_socket, &QTcpSocket::errorOccurred, this, &RtmptProbe::onSocketError);

    const QString endpoint = netprobe::endpointText(host, port);
    armTimeout(timeouts().connectMs, [this, endpoint] {
        if (isProxyHttpProxy(m_options.httpProxy)) {
            finish(ProbeStatus::ProxyUnreachable, tr("The proxy %1 did not accept a connection within %2 s.")
                                                      .arg(endpoint)
                                                      .arg(timeouts().connectMs / 1000.0));
        } else {
            finish(ProbeStatus::RtmptNoReply, tr("%1 did not accept a connection within %2 s.")
                                                  .arg(endpoint)
                                                  .arg(timeouts().connectMs / 1000.0));
        }
    });
    step(tr("connecting"), endpoint);
    if (auto* tls = qobject_cast<QSslSocket*>(m_socket))
        tls->connectToHostEncrypted(host, port, target().host.isEmpty() ? target().address : target().host);
    else
        m_socket->connectToHost(host, port);
}

void RtmptProbe::retireSocket()
{
    if (m_socket == nullptr)
        return;
    m_socket->disconnect(this);
    m_socket->abort();
    m_socket->deleteLater();
    m_socket = nullptr;
    m_socketReady = false;
}

void RtmptProbe::onSocketReady()
{
    m_socketReady = true;
    disarmTimeout();
    step(tr("connected (connection %1)").arg(m_connections), QString(), elapsedMs());
    writePendingRequest();
}

void RtmptProbe::onSslErrors(const QList<QSslError>& errors)
{
    QStringList texts;
    for (const QSslError& error : errors)
        texts << error.errorString();
    received(tr("certificate not trusted: %1").arg(texts.join(QStringLiteral("; "))));
    const ProbeStatus status = TlsProbe::certificateStatus(errors);
    finish(status == ProbeStatus::TlsOk ? ProbeStatus::TlsOtherCertificateError : status,
           tr("The RTMPTS server %1 presented a certificate this computer does not accept: %2")
               .arg(where(), texts.join(QStringLiteral("; "))));
}

void RtmptProbe::onReadyRead()
{
    const QByteArray bytes = m_socket->readAll();
    if (!m_awaitingResponse)
        return; // nothing was asked: bytes after a complete answer are not ours to read
    const rtmpt::HttpParseStatus status = m_parser.feed(bytes);
    noteBuffered();
    if (status == rtmpt::HttpParseStatus::NeedMore)
        return;
    m_awaitingResponse = false;
    disarmTimeout();
    if (status == rtmpt::HttpParseStatus::HeaderTooLarge || status == rtmpt::HttpParseStatus::BodyTooLarge) {
        setFact(rtmptfacts::failedRequest, commandText(m_command));
        received(tr("an answer too long for RTMPT: %1").arg(m_parser.errorMessage()), bytes);
        finish(ProbeStatus::RtmptNotATunnel,
               tr("%1 answered the RTMPT %2 request with more than an RTMPT answer can be (%3): no RTMPT "
                  "tunnel there.")
                   .arg(where(), commandText(m_command), m_parser.errorMessage()));
        return;
    }
    if (status != rtmpt::HttpParseStatus::Complete) {
        setFact(rtmptfacts::failedRequest, commandText(m_command));
        received(tr("not an HTTP answer: %1").arg(m_parser.errorMessage()), bytes);
        finish(ProbeStatus::RtmptNotATunnel,
               tr("The answer of %1 to the RTMPT %2 request is not HTTP (%3): no "
                  "RTMPT tunnel there.")
                   .arg(where(), commandText(m_command), m_parser.errorMessage()));
        return;
    }
    const rtmpt::HttpResponse response = m_parser.response();
    if (!response.keepAlive() || m_connectionPerRequest)
        retireSocket();
    onResponse(response);
}

void RtmptProbe::onSocketError(QAbstractSocket::SocketError error)
{
    const QString systemText = m_socket->errorString();
    if (!m_socketReady) {
        setFact(rtmptfacts::socketError, netprobe::socketErrorName(error));
        setFact(rtmptfacts::systemMessage, systemText);
        received(tr("connection failed: %1").arg(systemText));
        if (error == QAbstractSocket::ProxyAuthenticationRequiredError) {
            finish(ProbeStatus::ProxyAuthRequired,
                   tr("The proxy requires a user name and password for RTMPTS (%1).").arg(systemText));
        } else if (isProxyHttpProxy(m_options.httpProxy) &&
                   (!usesTls() || error == QAbstractSocket::ProxyConnectionRefusedError ||
                    error == QAbstractSocket::ProxyConnectionTimeoutError ||
                    error == QAbstractSocket::ProxyNotFoundError)) {
            finish(
                ProbeStatus::ProxyUnreachable,
                tr("The proxy %1 cannot be reached: %2")
                    .arg(netprobe::endpointText(m_options.httpProxy->hostName(), m_options.httpProxy->port()),
                         systemText));
        } else if (isProxyHttpProxy(m_options.httpProxy) && error == QAbstractSocket::ProxyProtocolError) {
            finish(ProbeStatus::ProxyRefusedTarget,
                   tr("The proxy would not open a tunnel to %1: %2").arg(where(), systemText));
        } else if (error == QAbstractSocket::SslHandshakeFailedError ||
                   (usesTls() && m_socket->state() == QAbstractSocket::ConnectedState)) {
            finish(ProbeStatus::TlsHandshakeFailed,
                   tr("The TLS handshake with %1 failed: %2").arg(where(), systemText));
        } else {
            finish(ProbeStatus::RtmptNoReply, tr("Could not connect to %1: %2").arg(where(), systemText));
        }
        return;
    }
    if (!m_awaitingResponse) {
        // The server closed a connection nothing was waiting on: the next request opens another.
        retireSocket();
        return;
    }

    const QByteArray rest = m_socket->readAll();
    rtmpt::HttpParseStatus status = rest.isEmpty() ? m_parser.status() : m_parser.feed(rest);
    noteBuffered();
    if (status == rtmpt::HttpParseStatus::NeedMore)
        status = m_parser.finish();
    m_awaitingResponse = false;
    disarmTimeout();
    if (status == rtmpt::HttpParseStatus::Complete) {
        const rtmpt::HttpResponse response = m_parser.response();
        retireSocket();
        onResponse(response);
        return;
    }
    if (status == rtmpt::HttpParseStatus::NoResponse && m_requestOnReusedConnection && !m_resentOnce) {
        // The server closed the kept-alive connection before our request
        // reached it; the session id makes sending it again on a new one safe.
        m_resentOnce = true;
        // Once is enough to learn it: from now on every request gets a fresh
        // connection instead of finding out the hard way again.
        m_connectionPerRequest = true;
        note(
            tr("the kept-alive connection was closed before an answer; sending the %1 request again on a new "
               "connection")
                .arg(commandText(m_command)));
        retireSocket();
        openConnection();
        return;
    }
    setFact(rtmptfacts::socketError, netprobe::socketErrorName(error));
    setFact(rtmptfacts::systemMessage, systemText);
    retireSocket();
    if (m_command == rtmpt::Command::Close) {
        finish(ProbeStatus::RtmptOk,
               tr("RTMPT works on %1: the RTMP handshake completed through the tunnel (the "
                  "close request was not answered).")
                   .arg(where()));
        return;
    }
    setFact(rtmptfacts::failedRequest, commandText(m_command));
    finish(ProbeStatus::RtmptNoReply,
           status == rtmpt::HttpParseStatus::NoResponse
               ? tr("%1 closed the connection without answering the RTMPT %2 request (%3).")
                     .arg(where(), commandText(m_command), systemText)
               : tr("The answer of %1 to the RTMPT %2 request was cut off (%3).")
                     .arg(where(), commandText(m_command), systemText));
}

void RtmptProbe::onRequestTimeout()
{
    m_awaitingResponse = false;
    if (m_command == rtmpt::Command::Close) {
        finish(ProbeStatus::RtmptOk,
               tr("RTMPT works on %1: the RTMP handshake completed through the tunnel (the "
                  "close request was not answered).")
                   .arg(where()));
        return;
    }
    setFact(rtmptfacts::failedRequest, commandText(m_command));
    finish(ProbeStatus::RtmptNoReply, tr("%1 did not answer the RTMPT %2 request within %3 s.")
                                          .arg(where(), commandText(m_command))
                                          .arg(timeouts().readMs / 1000.0));
}

void RtmptProbe::recordAnswer(const rtmpt::HttpResponse& response, const rtmpt::Reply& reply)
{
    setFact(rtmptfacts::failedRequest, commandText(m_command));
    setFact(rtmptfacts::statusLine, QString::fromLatin1(response.statusLine));
    setFact(rtmptfacts::statusCode, response.statusCode);
    setFact(rtmptfacts::contentType, QString::fromLatin1(response.header("Content-Type")));
    setFact(rtmptfacts::replyStatus, rtmpt::replyStatusName(reply.status));
}

void RtmptProbe::onResponse(const rtmpt::HttpResponse& response)
{
    m_pendingRequest.fill('\0');
    m_pendingRequest.clear();
    received(tr("%1 (%2 body bytes)").arg(QString::fromLatin1(response.statusLine)).arg(response.body.size()),
             response.body);
    const rtmpt::Reply reply = rtmpt::interpretReply(m_command, response);

    if (viaPlainProxy()) {
        if (response.statusCode == 407) {
            recordAnswer(response, reply);
            finish(ProbeStatus::ProxyAuthRequired,
                   m_options.httpProxy->user().isEmpty()
                       ? tr("The proxy requires a user name and password (\"%1\").")
                             .arg(QString::fromLatin1(response.statusLine))
                       : tr("The proxy rejected the credentials (\"%1\").")
                             .arg(QString::fromLatin1(response.statusLine)));
            return;
        }
        if (response.statusCode == 502 || response.statusCode == 504) {
            recordAnswer(response, reply);
            finish(ProbeStatus::ProxyRefusedTarget,
                   tr("The proxy could not reach %1 (\"%2\").")
                       .arg(where(), QString::fromLatin1(response.statusLine)));
            return;
        }
    }

    switch (m_command) {
    case rtmpt::Command::Ident2:
        handleIdent2(reply, response);
        return;
    case rtmpt::Command::Open:
        handleOpen(reply, response);
        return;
    case rtmpt::Command::Send:
    case rtmpt::Command::Idle:
        handleTunnelBytes(reply, response);
        return;
    case rtmpt::Command::Close:
        finish(ProbeStatus::RtmptOk,
               tr("RTMPT works on %1: session opened, RTMP handshake completed through the tunnel in %2 HTTP "
                  "requests over %3 connection(s), session closed.")
                   .arg(where())
                   .arg(m_requests)
                   .arg(m_connections));
        return;
    }
}

void RtmptProbe::handleIdent2(const rtmpt::Reply& reply, const rtmpt::HttpResponse& response)
{
    setFact(rtmptfacts::ident2, rtmpt::replyStatusName(reply.status));
    setFact(rtmptfacts::ident2StatusLine, QString::fromLatin1(response.statusLine));
    step(tr("ident2 answered"), QString::fromLatin1(response.statusLine));
    sendRequest(rtmpt::Command::Open);
}

void RtmptProbe::handleOpen(const rtmpt::Reply& reply, const rtmpt::HttpResponse& response)
{
    switch (reply.status) {
    case rtmpt::ReplyStatus::Ok:
        break;
    case rtmpt::ReplyStatus::NotRtmpt:
    case rtmpt::ReplyStatus::InvalidSessionId:
        recordAnswer(response, reply);
        finish(ProbeStatus::RtmptNotATunnel,
               tr("%1 is a web server, not an RTMPT tunnel: %2 (\"%3\", Content-Type %4).")
                   .arg(where(), reply.message, QString::fromLatin1(response.statusLine),
                        response.header("Content-Type").isNull()
                            ? tr("none")
                            : QString::fromLatin1(response.header("Content-Type").left(80))));
        return;
    default:
        failWithHttpAnswer(reply, response);
        return;
    }
    m_sessionId = reply.sessionId;
    setFact(rtmptfacts::sessionIdLength, int(m_sessionId.size()));
    step(tr("session opened"), tr("session id of %1 characters").arg(m_sessionId.size()));

    const rtmp::ClientHello hello = rtmp::buildClientHello(m_options.handshakeVariant);
    m_classifier.emplace(hello);
    m_handshakeStartedMs = elapsedMs();
    m_sequence = 0;
    step(tr("C0+C1 sent through the tunnel"));
    sendRequest(rtmpt::Command::Send, hello.bytes);
}

void RtmptProbe::handleTunnelBytes(const rtmpt::Reply& reply, const rtmpt::HttpResponse& response)
{
    if (!reply.ok()) {
        if (reply.status == rtmpt::ReplyStatus::NotRtmpt || reply.status == rtmpt::ReplyStatus::EmptyBody) {
            recordAnswer(response, reply);
            finish(ProbeStatus::RtmptNotATunnel,
                   tr("%1 opened a session but does not carry RTMP: %2.").arg(where(), reply.message));
            return;
        }
        failWithHttpAnswer(reply, response);
        return;
    }
    setFact(rtmptfacts::lastPollingDelay, int(reply.pollingDelay));
    if (m_handshakeDone) {
        // The answer to C2 (or an idle after S2): the handshake is complete.
        sendClose();
        return;
    }
    if (!reply.payload.isEmpty())
        m_classifier->feed(reply.payload);
    continueHandshake(reply.pollingDelay);
}

void RtmptProbe::continueHandshake(quint8 pollingDelay)
{
    const rtmp::HandshakeVerdict verdict = m_classifier->verdict();
    if (verdict == rtmp::HandshakeVerdict::Ok) {
        m_handshakeDone = true;
        const qint64 handshakeMs = elapsedMs() - m_handshakeStartedMs;
        setFact(rtmptfacts::handshakeMs, handshakeMs);
        recordHandshake();
        step(tr("S0+S1+S2 received through the tunnel"), QString(), handshakeMs);
        if (!m_c2Sent) {
            m_c2Sent = true;
            sendRequest(rtmpt::Command::Send, m_classifier->c2());
            return;
        }
        sendClose();
        return;
    }
    if (verdict != rtmp::HandshakeVerdict::NeedMore) {
        recordHandshake();
        finish(
            ProbeStatus::RtmptHandshakeFailed,
            tr("The RTMPT tunnel on %1 works, but what came back through it is not an RTMP handshake (%2).")
                .arg(where(), rtmp::handshakeVerdictName(verdict)));
        return;
    }
    if (m_classifier->s1Complete() && !m_c2Sent) {
        // Some servers send S2 only after C2.
        m_c2Sent = true;
        step(tr("C2 sent through the tunnel"));
        sendRequest(rtmpt::Command::Send, m_classifier->c2());
        return;
    }
    if (m_idlePolls >= m_options.maxIdlePolls || elapsedMs() - m_handshakeStartedMs >= timeouts().readMs) {
        handshakeOutOfTime();
        return;
    }
    m_pollTimer->start(pollDelayMs(pollingDelay, m_options.maxPollDelayMs));
}

void RtmptProbe::sendIdle()
{
    ++m_idlePolls;
    setFact(rtmptfacts::idlePolls, m_idlePolls);
    sendRequest(rtmpt::Command::Idle);
}

void RtmptProbe::sendClose()
{
    step(tr("closing the session"));
    sendRequest(rtmpt::Command::Close);
}

void RtmptProbe::handshakeOutOfTime()
{
    const rtmp::HandshakeVerdict verdict = m_classifier->finish();
    recordHandshake();
    const qint64 waitedMs = elapsedMs() - m_handshakeStartedMs;
    if (m_classifier->report().bytesReceived == 0) {
        finish(
            ProbeStatus::RtmptNoReply,
            tr("The RTMPT session on %1 opened, but no RTMP handshake reply came back in %2 polls over %3 s.")
                .arg(where())
                .arg(m_idlePolls)
                .arg(waitedMs / 1000.0));
        return;
    }
    finish(ProbeStatus::RtmptHandshakeFailed, tr("The RTMP handshake through the RTMPT tunnel on %1 stopped "
                                                 "half-way (%2 bytes, %3) after %4 polls.")
                                                  .arg(where())
                                                  .arg(m_classifier->report().bytesReceived)
                                                  .arg(rtmp::handshakeVerdictName(verdict))
                                                  .arg(m_idlePolls));
}

void RtmptProbe::failWithHttpAnswer(const rtmpt::Reply& reply, const rtmpt::HttpResponse& response)
{
    recordAnswer(response, reply);
    finish(ProbeStatus::RtmptHttpError,
           tr("%1 answered the RTMPT %2 request with \"%3\": no working RTMPT tunnel there.")
               .arg(where(), commandText(m_command), QString::fromLatin1(response.statusLine)));
}

void RtmptProbe::recordHandshake()
{
    if (!m_classifier)
        return;
    const rtmp::HandshakeReport& report = m_classifier->report();
    setFact(rtmpfacts::handshakeVerdict, rtmp::handshakeVerdictName(report.verdict));
    setFact(rtmpfacts::bytesReceived, qint64(report.bytesReceived));
    setFact(rtmpfacts::firstBytesHex, QString::fromLatin1(report.firstBytes.toHex(' ')));
    if (report.s1Received) {
        setFact(rtmpfacts::serverVersion, report.serverVersion);
        setFact(rtmpfacts::s1EchoesC1, report.s1EchoesC1);
        setFact(rtmpfacts::s2Kind, rtmp::serverResponseCheckName(report.s2Check));
    }
}

void RtmptProbe::noteBuffered()
{
    qint64 held = m_parser.bufferedBytes();
    if (m_socket != nullptr)
        held += m_socket->bytesAvailable();
    m_peakBuffered = std::max(m_peakBuffered, held);
}

void RtmptProbe::abortIo()
{
    setFact(rtmptfacts::peakBufferedBytes, m_peakBuffered);
    if (m_pollTimer != nullptr)
        m_pollTimer->stop();
    m_pendingRequest.fill('\0');
    retireSocket();
}

} // namespace rd
