#pragma once

#include "managedprocess.h"
#include "testtools.h"

#include <QStringList>
#include <QTemporaryDir>

#include <functional>

namespace rd::test {

// Common part of the fixtures that run one third-party server: a private
// temporary working directory (configuration, pid file, logs, certificates),
// the managed server process, and log collection. When the current test has
// failed, the destructor prints the tail of every log into the test output.
// Set RTMPDOCTOR_KEEP_FIXTURES=1 to keep the directories for a post-mortem.
class ServerFixture
{
public:
    explicit ServerFixture(const QString& name);
    virtual ~ServerFixture();

    ServerFixture(const ServerFixture&) = delete;
    ServerFixture& operator=(const ServerFixture&) = delete;

    // Writes the configuration and starts the server, retrying with fresh
    // ports when it cannot bind. Calling it again restarts the server.
    virtual StartResult start() = 0;
    // Stops the server by PID (SIGTERM, bounded wait, SIGKILL).
    void stop();

    bool isRunning() { return m_process.isRunning(); }
    qint64 pid() const { return m_process.pid(); }
    QString name() const { return m_name; }
    QString workDirectory() const { return m_workDirectory.path(); }
    QString filePath(const QString& fileName) const { return m_workDirectory.filePath(fileName); }

    // The last `lines` lines of each log file of this fixture, each under a
    // "==> file <==" title; for failure messages.
    QString logTail(int lines = 40) const;

protected:
    ManagedProcess& process() { return m_process; }
    void addLogFile(const QString& path);
    StartResult writeTextFile(const QString& fileName, const QString& contents) const;
    // Where the server's own stdout/stderr go.
    QString outputLogPath() const { return filePath(QStringLiteral("process-output.log")); }

    // Runs `attempt` up to `attempts` times while it ends in ExitedEarly (the
    // usual outcome of losing a port race); each attempt is expected to pick
    // fresh ports. Failure messages carry the log tail.
    StartResult startWithRetries(const std::function<StartResult()>& attempt, int attempts = 3);

private:
    QString m_name;
    QTemporaryDir m_workDirectory;
    ManagedProcess m_process;
    QStringList m_logFiles;
};

} // namespace rd::test
