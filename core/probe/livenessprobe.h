#pragma once

#include "probe.h"

#include <QAbstractSocket>
#include <QLatin1StringView>

class QTcpSocket;

namespace rd {

// Keys of ProbeResult::facts written by LivenessProbe.
namespace livenessfacts {
inline constexpr QLatin1StringView address{"address"};       // QString, the address connected to
inline constexpr QLatin1StringView statusLine{"statusLine"}; // QString, "HTTP/1.1 200 OK" (answered only)
inline constexpr QLatin1StringView statusCode{"statusCode"}; // int (answered only)
inline constexpr QLatin1StringView server{"server"};         // QString, the Server header, "" when absent
// QString, how it ended: "http", "closed" (FIN/RST before any byte), "timeout",
// "not-http" (bytes that are not an HTTP status line), "connect-failed".
inline constexpr QLatin1StringView outcome{"outcome"};
inline constexpr QLatin1StringView firstBytes{"firstBytes"}; // QString, printable start of a non-HTTP answer
inline constexpr QLatin1StringView socketError{"socketError"}; // QAbstractSocket::SocketError name
} // namespace livenessfacts

// Is a media server alive behind its own web port? One plain `GET /` on the
// target's port (Red5 answers on 5080, Wowza answers HTTP on its RTMP port
// 1935): any HTTP status line, even an error page, means a server process
// answers there. Never through a proxy.
//
// Statuses: LivenessHttpAnswered (facts statusLine, server),
// LivenessNoHttp (closed, timed out after ProbeTimeouts::readMs, non-HTTP
// bytes, or the connection failed; fact outcome says which).
class LivenessProbe : public Probe
{
    Q_OBJECT

public:
    LivenessProbe(QString probeId, ProbeTarget target, ProbeTimeouts timeouts, QObject* parent = nullptr);
    ~LivenessProbe() override;

protected:
    void begin() override;
    void abortIo() override;

private:
    void onConnected();
    void onReadyRead();
    void onError(QAbstractSocket::SocketError error);
    void concludeFromBuffer(bool streamEnded);
    void finishNoHttp(const QString& outcome, const QString& message);
    QString where() const;

    QTcpSocket* m_socket = nullptr;
    QByteArray m_received;
    bool m_connected = false;
};

} // namespace rd
