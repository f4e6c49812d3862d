#pragma once

#include "probe.h"

#include <QAbstractSocket>
#include <QLatin1StringView>

class QTcpSocket;

namespace rd {

// Keys of ProbeResult::facts written by TcpProbe.
namespace tcpfacts {
inline constexpr QLatin1StringView address{"address"};             // QString, the address connected to
inline constexpr QLatin1StringView family{"family"};               // "ipv4" / "ipv6"
inline constexpr QLatin1StringView connectMs{"connectMs"};         // qint64, TcpOpen only
inline constexpr QLatin1StringView socketError{"socketError"};     // QAbstractSocket::SocketError name
inline constexpr QLatin1StringView systemMessage{"systemMessage"}; // the socket's error text
} // namespace tcpfacts

// One TCP connect to target().address (or target().host when no address is
// set) and target().port, bounded by ProbeTimeouts::connectMs, never through
// a proxy. The connection is closed as soon as it is established: dependent
// probes open their own.
//
// Statuses: TcpOpen, TcpRefused (RST), TcpFiltered (no answer in time),
// TcpUnreachable (ICMP host unreachable / administratively prohibited),
// TcpNoRoute (network unreachable).
class TcpProbe : public Probe
{
    Q_OBJECT

public:
    TcpProbe(QString probeId, ProbeTarget target, ProbeTimeouts timeouts, QObject* parent = nullptr);
    ~TcpProbe() override;

    // How a failed connect is reported. `errorString` is the socket's own
    // text: Qt reports both EHOSTUNREACH and ENETUNREACH as NetworkError and
    // tells them apart only there.
    static ProbeStatus classifyConnectError(QAbstractSocket::SocketError error, const QString& errorString);

protected:
    void begin() override;
    void abortIo() override;

private:
    void onConnected();
    void onError(QAbstractSocket::SocketError error);
    QString endpoint() const;

    QTcpSocket* m_socket = nullptr;
};

} // namespace rd
