#include "freeport.h"

#include <QMutex>
#include <QSet>
#include <QTcpServer>

namespace rd::test {

quint16 FreePort::pick(const QHostAddress& address)
{
    static QMutex mutex;
    static QSet<quint16> handedOut;

    constexpr int attempts = 32;
    for (int attempt = 0; attempt < attempts; ++attempt) {
        QTcpServer probe;
        if (!probe.listen(address, 0))
            return 0;
        const quint16 port = probe.serverPort();
        probe.close();
        const QMutexLocker locker(&mutex);
        if (!handedOut.contains(port)) {
            handedOut.insert(port);
            return port;
        }
    }
    return 0;
}

} // namespace rd::test
