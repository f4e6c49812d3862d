#include "tcpprobe.h"

#include <QCoreApplication>
#include <QHostAddress>
#include <QMetaEnum>
#include <QNetworkProxy>
#include <QTcpSocket>

namespace rd {

namespace {

// Qt's own wording for the two unreachable cases, translated the same way Qt
// translates it, so the comparison holds in every UI language.
QString qtSocketText(const char* sourceText)
{
    return QCoreApplication::translate("QNativeSocketEngine", sourceText);
}

QString socketErrorName(QAbstractSocket::SocketError error)
{
    const char* key = QMetaEnum::fromType<QAbstractSocket::SocketError>().valueToKey(error);
    return key != nullptr ? QString::fromLatin1(key) : QString::number(int(error));
}

} // namespace

TcpProbe::TcpProbe(QString probeId, ProbeTarget target, ProbeTimeouts timeouts, QObject* parent)
    : Probe(std::move(probeId), ProbeKind::TcpPort, std::move(target), timeouts, parent)
{}

TcpProbe::~TcpProbe() = default;

ProbeStatus TcpProbe::classifyConnectError(QAbstractSocket::SocketError error, const QString& errorString)
{
    switch (error) {
    case QAbstractSocket::ConnectionRefusedError:
        return ProbeStatus::TcpRefused;
    case QAbstractSocket::SocketTimeoutError:
        return ProbeStatus::TcpFiltered;
    case QAbstractSocket::NetworkError:
        if (errorString == qtSocketText("Network unreachable"))
            return ProbeStatus::TcpNoRoute;
        if (errorString == qtSocketText("Connection timed out"))
            return ProbeStatus::TcpFiltered;
        // "Host unreachable" and whatever else the network refused with.
        return ProbeStatus::TcpUnreachable;
    case QAbstractSocket::HostNotFoundError:
    case QAbstractSocket::RemoteHostClosedError:
    default:
        return ProbeStatus::InternalError;
    }
}

QString TcpProbe::endpoint() const
{
    const QString where = target().address.isEmpty() ? target().host : target().address;
    return where.contains(u':') ? QStringLiteral("[%1]:%2").arg(where).arg(target().port)
                                : QStringLiteral("%1:%2").arg(where).arg(target().port);
}

void TcpProbe::begin()
{
    if (target().port == 0) {
        finish(ProbeStatus::InternalError, tr("No port to connect to."));
        return;
    }
    QHostAddress address;
    if (!target().address.isEmpty() && !address.setAddress(target().address)) {
        finish(ProbeStatus::InternalError, tr("\"%1\" is not an IP address.").arg(target().address));
        return;
    }
    if (address.isNull() && target().host.isEmpty()) {
        finish(ProbeStatus::InternalError, tr("No address to connect to."));
        return;
    }

    if (!address.isNull()) {
        setFact(tcpfacts::address, address.toString());
        setFact(tcpfacts::family, address.protocol() == QAbstractSocket::IPv6Protocol
                                      ? QStringLiteral("ipv6")
                                      : QStringLiteral("ipv4"));
    }

    m_socket = new QTcpSocket(this);
    // The question is whether this machine reaches the port itself; a proxy
    // would answer for the target.
    m_socket->setProxy(QNetworkProxy::NoProxy);
    connect(m_socket, &QTcpSocket::connected, this, &TcpProbe::onConnected);
    connect(m_socket, &QTcpSocket::errorOccurred, this, &TcpProbe::onError);

    armTimeout(timeouts().connectMs, [this] {
        finish(ProbeStatus::TcpFiltered,
               tr("No answer from %1 within %2 s: something on the way silently drops the connection "
                  "(a firewall), or the host is down.")
                   .arg(endpoint())
                   .arg(timeouts().connectMs / 1000.0));
    });
    sent(tr("SYN to %1").arg(endpoint()));
    step(tr("connecting"), endpoint());
    if (address.isNull())
        m_socket->connectToHost(target().host, target().port);
    else
        m_socket->connectToHost(address, target().port);
}

void TcpProbe::onConnected()
{
    const qint64 connectMs = elapsedMs();
    setFact(tcpfacts::connectMs, connectMs);
    if (target().address.isEmpty() && !m_socket->peerAddress().isNull())
        setFact(tcpfacts::address, m_socket->peerAddress().toString());
    received(tr("connection accepted by %1").arg(endpoint()));
    step(tr("connected"), endpoint(), connectMs);
    finish(ProbeStatus::TcpOpen, tr("Port %1 is open: %2 accepted the connection in %3 ms.")
                                     .arg(target().port)
                                     .arg(endpoint())
                                     .arg(connectMs));
}

void TcpProbe::onError(QAbstractSocket::SocketError error)
{
    const QString systemText = m_socket->errorString();
    setFact(tcpfacts::socketError, socketErrorName(error));
    setFact(tcpfacts::systemMessage, systemText);
    received(tr("connect failed: %1").arg(systemText));

    const ProbeStatus status = classifyConnectError(error, systemText);
    const QString where = endpoint();
    switch (status) {
    case ProbeStatus::TcpRefused:
        finish(status, tr("%1 refused the connection: nothing listens on port %2 there, or a firewall "
                          "rejects it.")
                           .arg(where)
                           .arg(target().port));
        return;
    case ProbeStatus::TcpFiltered:
        finish(status, tr("The connection to %1 timed out: packets are being dropped.").arg(where));
        return;
    case ProbeStatus::TcpNoRoute:
        finish(status, tr("There is no route to the network of %1 (%2).").arg(where, systemText));
        return;
    case ProbeStatus::TcpUnreachable:
        finish(status, tr("%1 cannot be reached: a router or firewall answered that the host is "
                          "unreachable or that access is prohibited (%2).")
                           .arg(where, systemText));
        return;
    default:
        finish(ProbeStatus::InternalError,
               tr("Connecting to %1 failed unexpectedly: %2").arg(where, systemText));
        return;
    }
}

void TcpProbe::abortIo()
{
    if (m_socket == nullptr)
        return;
    // abort() can emit signals of its own; they must not reach a finished probe.
    m_socket->disconnect(this);
    m_socket->abort();
}

} // namespace rd
