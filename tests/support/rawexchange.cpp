#include "rawexchange.h"

#include <QElapsedTimer>

#if defined(Q_OS_UNIX)
#include <arpa/inet.h>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>
#endif

using namespace Qt::StringLiterals;

namespace rd::test {

QString RawExchange::endingName(Ending ending)
{
    switch (ending) {
    case Ending::PeerClosed:
        return u"peer closed (FIN)"_s;
    case Ending::PeerReset:
        return u"peer reset (RST)"_s;
    case Ending::EnoughBytes:
        return u"enough bytes"_s;
    case Ending::DeadlineReached:
        return u"deadline reached"_s;
    case Ending::ConnectRefused:
        return u"connection refused"_s;
    case Ending::ConnectTimedOut:
        return u"connect timed out"_s;
    case Ending::OtherError:
        return u"other error"_s;
    }
    return u"unknown"_s;
}

QString RawExchange::describe() const
{
    return u"%1 after %2 ms, %3 bytes received (first: %4)%5"_s.arg(
        endingName(ending), QString::number(elapsed.count()), QString::number(received.size()),
        QString::fromLatin1(received.left(16).toHex(' ')), message.isEmpty() ? QString() : u"; "_s + message);
}

#if defined(Q_OS_UNIX)

namespace {

class Descriptor
{
public:
    explicit Descriptor(int fd)
        : m_fd(fd)
    {}
    ~Descriptor()
    {
        if (m_fd >= 0)
            ::close(m_fd);
    }
    Descriptor(const Descriptor&) = delete;
    Descriptor& operator=(const Descriptor&) = delete;
    int get() const { return m_fd; }

private:
    int m_fd;
};

// Waits for `events` until the deadline; false when it passed.
bool waitFor(int fd, short events, const QElapsedTimer& clock, std::chrono::milliseconds deadline)
{
    while (true) {
        const qint64 left = deadline.count() - clock.elapsed();
        if (left <= 0)
            return false;
        pollfd entry{fd, events, 0};
        const int ready = ::poll(&entry, 1, static_cast<int>(left));
        if (ready > 0)
            return true;
        if (ready < 0 && errno != EINTR)
            return true; // let the following call report the error
    }
}

} // namespace

RawExchange exchangeRaw(quint16 port, const QByteArray& request, std::chrono::milliseconds deadline,
                        qsizetype enoughBytes)
{
    RawExchange result;
    QElapsedTimer clock;
    clock.start();
    const auto finish = [&](RawExchange::Ending ending, int error = 0) {
        result.ending = ending;
        result.errorNumber = error;
        if (error != 0)
            result.message = QString::fromLocal8Bit(std::strerror(error));
        result.elapsed = std::chrono::milliseconds(clock.elapsed());
        return result;
    };

    const Descriptor socket(::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0));
    if (socket.get() < 0)
        return finish(RawExchange::Ending::OtherError, errno);

    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(socket.get(), reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) {
        if (errno != EINPROGRESS)
            return finish(errno == ECONNREFUSED ? RawExchange::Ending::ConnectRefused
                                                : RawExchange::Ending::OtherError,
                          errno);
        if (!waitFor(socket.get(), POLLOUT, clock, deadline))
            return finish(RawExchange::Ending::ConnectTimedOut);
        int error = 0;
        socklen_t size = sizeof error;
        ::getsockopt(socket.get(), SOL_SOCKET, SO_ERROR, &error, &size);
        if (error == ECONNREFUSED)
            return finish(RawExchange::Ending::ConnectRefused, error);
        // Accepted and reset before this side looked: still the peer's RST.
        if (error == ECONNRESET)
            return finish(RawExchange::Ending::PeerReset, error);
        if (error != 0)
            return finish(RawExchange::Ending::OtherError, error);
    }

    qsizetype sent = 0;
    while (sent < request.size()) {
        if (!waitFor(socket.get(), POLLOUT, clock, deadline))
            return finish(RawExchange::Ending::DeadlineReached);
        const ssize_t written = ::send(socket.get(), request.constData() + sent,
                                       static_cast<size_t>(request.size() - sent), MSG_NOSIGNAL);
        if (written < 0) {
            if (errno == EAGAIN || errno == EINTR)
                continue;
            if (errno == ECONNRESET || errno == EPIPE)
                return finish(RawExchange::Ending::PeerReset, errno);
            return finish(RawExchange::Ending::OtherError, errno);
        }
        sent += written;
    }

    char buffer[16384];
    while (true) {
        if (enoughBytes > 0 && result.received.size() >= enoughBytes)
            return finish(RawExchange::Ending::EnoughBytes);
        if (!waitFor(socket.get(), POLLIN, clock, deadline))
            return finish(RawExchange::Ending::DeadlineReached);
        const ssize_t got = ::recv(socket.get(), buffer, sizeof buffer, 0);
        if (got == 0)
            return finish(RawExchange::Ending::PeerClosed);
        if (got < 0) {
            if (errno == EAGAIN || errno == EINTR)
                continue;
            if (errno == ECONNRESET)
                return finish(RawExchange::Ending::PeerReset, errno);
            return finish(RawExchange::Ending::OtherError, errno);
        }
        result.received.append(buffer, got);
    }
}

#else

RawExchange exchangeRaw(quint16 port, const QByteArray& request, std::chrono::milliseconds deadline,
                        qsizetype enoughBytes)
{
    Q_UNUSED(port);
    Q_UNUSED(request);
    Q_UNUSED(deadline);
    Q_UNUSED(enoughBytes);
    RawExchange result;
    result.message = u"exchangeRaw is implemented for Unix only"_s;
    return result;
}

#endif

} // namespace rd::test
