#include "livenessprobe.h"

#include "appinfo.h"
#include "probe/netprobes.h"

#include <QNetworkProxy>
#include <QTcpSocket>

namespace rd {

namespace {

// A web page is not needed, only its first lines.
constexpr qsizetype kReceiveCap = 64 * 1024;

} // namespace

LivenessProbe::LivenessProbe(QString probeId, ProbeTarget target, ProbeTimeouts timeouts, QObject* parent)
    : Probe(std::move(probeId), ProbeKind::Liveness, std::move(target), timeouts, parent)
{}

LivenessProbe::~LivenessProbe() = default;

QString LivenessProbe::where() const
{
    return netprobe::endpointText(netprobe::connectHost(target()), target().port);
}

void LivenessProbe::begin()
{
    if (target().port == 0 || netprobe::connectHost(target()).isEmpty()) {
        finish(ProbeStatus::InternalError, tr("No address or port to ask."));
        return;
    }
    m_socket = new QTcpSocket(this);
    // The media server's own port is the question; a proxy would answer for it.
    m_socket->setProxy(QNetworkProxy::NoProxy);
    connect(m_socket, &QTcpSocket::connected, this, &LivenessProbe::onConnected);
    connect(m_socket, &QTcpSocket::readyRead, this, &LivenessProbe::onReadyRead);
    connect(m_socket, &QTcpSocket::errorOccurred, this, &LivenessProbe::onError);

    armTimeout(timeouts().connectMs, [this] {
        finishNoHttp(QStringLiteral("connect-failed"), tr("%1 did not accept a connection within %2 s.")
                                                           .arg(where())
                                                           .arg(timeouts().connectMs / 1000.0));
    });
    step(tr("connecting"), where());
    m_socket->connectToHost(netprobe::connectHost(target()), target().port);
}

void LivenessProbe::onConnected()
{
    m_connected = true;
    if (!m_socket->peerAddress().isNull())
        setFact(livenessfacts::address, m_socket->peerAddress().toString());
    step(tr("connected"), where(), elapsedMs());

    const QByteArray authority =
        netprobe::httpAuthority(target().host.isEmpty() ? target().address : target().host, target().port);
    QByteArray request = "GET / HTTP/1.1\r\n";
    if (!authority.isEmpty())
        request += "Host: " + authority + "\r\n";
    request += "User-Agent: " + AppInfo::applicationName().toLatin1() + '/' + AppInfo::version().toLatin1() +
               "\r\nAccept: */*\r\nConnection: close\r\n\r\n";
    m_socket->write(request);
    sent(tr("GET / (%1 bytes)").arg(request.size()), request);
    step(tr("GET / sent"));

    armTimeout(timeouts().readMs, [this] { concludeFromBuffer(false); });
}

void LivenessProbe::onReadyRead()
{
    const QByteArray chunk = m_socket->read(kReceiveCap - m_received.size());
    m_received += chunk;
    netprobe::HttpHead head;
    const netprobe::HttpHeadStatus parsed = netprobe::parseHttpHead(m_received, head);
    if (parsed == netprobe::HttpHeadStatus::Complete || parsed == netprobe::HttpHeadStatus::NotHttp ||
        parsed == netprobe::HttpHeadStatus::TooLarge || m_received.size() >= kReceiveCap)
        concludeFromBuffer(false);
}

void LivenessProbe::onError(QAbstractSocket::SocketError error)
{
    setFact(livenessfacts::socketError, netprobe::socketErrorName(error));
    if (!m_connected) {
        finishNoHttp(QStringLiteral("connect-failed"),
                     tr("Could not connect to %1: %2").arg(where(), m_socket->errorString()));
        return;
    }
    // The peer closed or reset the connection: whatever arrived is all there is.
    m_received += m_socket->read(kReceiveCap - m_received.size());
    concludeFromBuffer(true);
}

void LivenessProbe::concludeFromBuffer(bool streamEnded)
{
    netprobe::HttpHead head;
    netprobe::parseHttpHead(m_received, head);
    if (!head.statusLine.isEmpty()) {
        const QString statusLine = QString::fromLatin1(head.statusLine);
        const QString server = QString::fromLatin1(head.header("Server"));
        setFact(livenessfacts::outcome, QStringLiteral("http"));
        setFact(livenessfacts::statusLine, statusLine);
        setFact(livenessfacts::statusCode, head.statusCode);
        setFact(livenessfacts::server, server);
        received(tr("HTTP answer: %1").arg(statusLine), m_received);
        finish(ProbeStatus::LivenessHttpAnswered,
               server.isEmpty()
                   ? tr("A web server answers on %1 (\"%2\"): a server process is running there.")
                         .arg(where(), statusLine)
                   : tr("A web server answers on %1 (\"%2\", Server: %3): a server process is running there.")
                         .arg(where(), statusLine, server));
        return;
    }
    if (m_received.isEmpty()) {
        if (streamEnded) {
            finishNoHttp(QStringLiteral("closed"),
                         tr("%1 closed the connection without answering the HTTP request.").arg(where()));
        } else {
            finishNoHttp(QStringLiteral("timeout"),
                         tr("%1 accepted the connection but sent nothing within %2 s: "
                            "no web server there (an RTMP server waits like this).")
                             .arg(where())
                             .arg(timeouts().readMs / 1000.0));
        }
        return;
    }
    received(tr("%1 bytes that are not HTTP").arg(m_received.size()), m_received);
    setFact(livenessfacts::firstBytes, netprobe::printable(m_received, 64));
    finishNoHttp(
        QStringLiteral("not-http"),
        tr("%1 answered, but not with HTTP (\"%2\").").arg(where(), netprobe::printable(m_received, 40)));
}

void LivenessProbe::finishNoHttp(const QString& outcome, const QString& message)
{
    setFact(livenessfacts::outcome, outcome);
    finish(ProbeStatus::LivenessNoHttp, message);
}

void LivenessProbe::abortIo()
{
    if (m_socket == nullptr)
        return;
    m_socket->disconnect(this);
    m_socket->abort();
}

} // namespace rd
