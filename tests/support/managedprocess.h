#pragma once

#include "testtools.h"

#include <QProcess>
#include <QString>
#include <QStringList>

#include <chrono>

namespace rd::test {

// A server program run in the foreground for the lifetime of a test. It is
// started without a shell, its PID is remembered, readiness is detected by
// polling a TCP connect to its port, and it is stopped by PID (SIGTERM, a
// bounded wait, then SIGKILL) in stop() and in the destructor, so a failing
// test never leaves a server behind. If the test binary itself dies, the
// kernel kills the child too (Linux).
//
// Lives in, and must be used from, the thread that created it.
class ManagedProcess
{
public:
    explicit ManagedProcess(QString displayName);
    ~ManagedProcess();

    ManagedProcess(const ManagedProcess&) = delete;
    ManagedProcess& operator=(const ManagedProcess&) = delete;

    // Starts `program` (looked up on PATH and in /usr/sbin) with its output
    // (stdout and stderr) appended to `outputLogPath`. LaunchFailed or
    // ToolMissing on error. A previous run is stopped first.
    StartResult start(const QString& program, const QStringList& arguments, const QString& workingDirectory,
                      const QString& outputLogPath);

    // Polls until a TCP connection to 127.0.0.1:`port` succeeds and (on Linux)
    // the listening socket belongs to this process, so a stranger that holds
    // the port is never mistaken for our server. ExitedEarly when the program
    // quits first (typically: address in use), NotListening at the deadline.
    StartResult waitUntilListening(quint16 port,
                                   std::chrono::milliseconds deadline = std::chrono::seconds(10));

    // Stops the program by PID; harmless when it is not running.
    void stop(std::chrono::milliseconds grace = std::chrono::seconds(5));

    bool isRunning();
    qint64 pid() const { return m_pid; }
    QString displayName() const { return m_displayName; }
    // Exit code of the last run once it has ended, -1 before.
    int exitCode() const { return m_exitCode; }

private:
    bool hasExited();

    QString m_displayName;
    QProcess m_process;
    qint64 m_pid = 0;
    int m_exitCode = -1;
};

// True when, according to /proc, process `pid` holds a socket listening on
// TCP `port` (IPv4 or IPv6). Linux only; returns true elsewhere.
bool processListensOn(qint64 pid, quint16 port);

} // namespace rd::test
