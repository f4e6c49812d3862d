#pragma once

#include <QByteArray>
#include <QString>

#include <chrono>

namespace rd::test {

// What a plain blocking-style client saw on one TCP connection to
// 127.0.0.1:<port>. Unlike QTcpSocket, which reports a reset (ECONNRESET)
// exactly like an orderly close (RemoteHostClosedError), this tells FIN
// from RST, which is what several fixture behaviours are about.
struct RawExchange
{
    enum class Ending
    {
        PeerClosed,      // orderly close (FIN): recv() returned 0
        PeerReset,       // RST: ECONNRESET on send or recv
        EnoughBytes,     // `enoughBytes` arrived, connection still open
        DeadlineReached, // connected, nothing ended it before the deadline
        ConnectRefused,  // ECONNREFUSED
        ConnectTimedOut, // no answer to the SYN before the deadline
        OtherError,      // see errorNumber / message
    };

    Ending ending = Ending::OtherError;
    QByteArray received;
    int errorNumber = 0;
    std::chrono::milliseconds elapsed{0};
    QString message;

    static QString endingName(Ending ending);
    QString describe() const;
};

// Connects, sends `request` (may be empty), then reads until the peer closes
// or resets, `enoughBytes` (if > 0) have arrived, or `deadline` (counted
// from the start, connect included) has passed. Linux/Unix only.
RawExchange exchangeRaw(quint16 port, const QByteArray& request, std::chrono::milliseconds deadline,
                        qsizetype enoughBytes = -1);

} // namespace rd::test
