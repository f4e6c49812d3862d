#pragma once

#include <QHostAddress>

namespace rd::test {

// Asks the operating system for a TCP port nobody listens on, by binding port
// 0 and closing again. Another process can take the port in between, so a
// fixture that fails to bind it retries with a fresh one.
class FreePort
{
public:
    // A free port on `address` (default 127.0.0.1), or 0 when none could be
    // bound. Never returns a port it has already handed out in this process,
    // so two fixtures of one test never get the same port from it.
    static quint16 pick(const QHostAddress& address = QHostAddress(QHostAddress::LocalHost));
};

} // namespace rd::test
