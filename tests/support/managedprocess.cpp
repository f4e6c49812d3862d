#include "managedprocess.h"

#include "childprocess.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QSet>
#include <QTcpSocket>

using namespace Qt::StringLiterals;

namespace rd::test {

namespace {

constexpr int pollIntervalMs = 25;

#if defined(Q_OS_LINUX)
// Inodes of the sockets listening on `port`, from a /proc/net/tcp* table.
void collectListeningInodes(const QString& tablePath, quint16 port, QSet<QByteArray>& inodes)
{
    QFile table(tablePath);
    if (!table.open(QIODevice::ReadOnly))
        return;
    const QByteArray listenState = "0A";
    table.readLine(); // column titles
    while (!table.atEnd()) {
        const QList<QByteArray> fields = table.readLine().simplified().split(' ');
        // sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode
        if (fields.size() < 10 || fields.at(3) != listenState)
            continue;
        const QByteArray& local = fields.at(1);
        const qsizetype colon = local.lastIndexOf(':');
        bool ok = false;
        const uint localPort = local.mid(colon + 1).toUInt(&ok, 16);
        if (ok && localPort == port)
            inodes.insert(fields.at(9));
    }
}
#endif

} // namespace

bool processListensOn(qint64 pid, quint16 port)
{
#if defined(Q_OS_LINUX)
    QSet<QByteArray> inodes;
    collectListeningInodes(u"/proc/net/tcp"_s, port, inodes);
    collectListeningInodes(u"/proc/net/tcp6"_s, port, inodes);
    if (inodes.isEmpty())
        return false;
    const QDir descriptors(u"/proc/%1/fd"_s.arg(pid));
    const QStringList entries = descriptors.entryList(QDir::NoDotAndDotDot | QDir::AllEntries | QDir::System);
    for (const QString& entry : entries) {
        const QString target = QFile::symLinkTarget(descriptors.filePath(entry));
        // symLinkTarget makes "socket:[123]" absolute; only the tail matters.
        const qsizetype open = target.lastIndexOf(u"socket:["_s);
        if (open < 0)
            continue;
        const QString inode = target.mid(open + 8).chopped(1);
        if (inodes.contains(inode.toLatin1()))
            return true;
    }
    return false;
#else
    Q_UNUSED(pid);
    Q_UNUSED(port);
    return true;
#endif
}

ManagedProcess::ManagedProcess(QString displayName)
    : m_displayName(std::move(displayName))
{
    dieWithThisProcess(m_process);
}

ManagedProcess::~ManagedProcess()
{
    stop();
}

StartResult ManagedProcess::start(const QString& program, const QStringList& arguments,
                                  const QString& workingDirectory, const QString& outputLogPath)
{
    stop();
    const QString executable = findTool(program);
    if (executable.isEmpty())
        return StartResult::failure(StartResult::Status::ToolMissing,
                                    u"'%1' was not found on PATH or in /usr/sbin"_s.arg(program));

    m_exitCode = -1;
    m_pid = 0;
    m_process.setProgram(executable);
    m_process.setArguments(arguments);
    m_process.setWorkingDirectory(workingDirectory);
    m_process.setProcessChannelMode(QProcess::MergedChannels);
    m_process.setStandardOutputFile(outputLogPath, QIODevice::Append);
    m_process.setStandardInputFile(QProcess::nullDevice());
    m_process.start();
    if (!m_process.waitForStarted(5000)) {
        return StartResult::failure(
            StartResult::Status::LaunchFailed,
            u"%1 (%2) did not start: %3"_s.arg(m_displayName, executable, m_process.errorString()));
    }
    m_pid = m_process.processId();
    return StartResult::started();
}

bool ManagedProcess::hasExited()
{
    if (m_process.state() == QProcess::NotRunning)
        return true;
    // Zero-length wait: lets QProcess notice an exit without running an event loop.
    if (m_process.waitForFinished(0))
        return true;
    return m_process.state() == QProcess::NotRunning;
}

bool ManagedProcess::isRunning()
{
    return m_pid > 0 && !hasExited();
}

StartResult ManagedProcess::waitUntilListening(quint16 port, std::chrono::milliseconds deadline)
{
    if (m_pid <= 0)
        return StartResult::failure(StartResult::Status::LaunchFailed,
                                    u"%1 was never started"_s.arg(m_displayName));

    QElapsedTimer clock;
    clock.start();
    while (true) {
        if (hasExited()) {
            m_exitCode = m_process.exitCode();
            return StartResult::failure(StartResult::Status::ExitedEarly,
                                        u"%1 (pid %2) exited with code %3 before listening on port %4"_s.arg(
                                            m_displayName, QString::number(m_pid),
                                            QString::number(m_exitCode), QString::number(port)));
        }
        QTcpSocket socket;
        socket.connectToHost(QHostAddress(QHostAddress::LocalHost), port);
        const bool connected = socket.waitForConnected(pollIntervalMs * 4);
        socket.abort();
        if (connected && processListensOn(m_pid, port))
            return StartResult::started();
        if (clock.elapsed() >= deadline.count())
            break;
        // Waiting for the exit doubles as the pause between polls.
        if (!connected)
            m_process.waitForFinished(pollIntervalMs);
        else
            m_process.waitForFinished(pollIntervalMs * 4);
    }
    return StartResult::failure(
        StartResult::Status::NotListening,
        u"%1 (pid %2) did not accept connections on 127.0.0.1:%3 within %4 ms"_s.arg(
            m_displayName, QString::number(m_pid), QString::number(port), QString::number(deadline.count())));
}

void ManagedProcess::stop(std::chrono::milliseconds grace)
{
    if (m_pid <= 0)
        return;
    stopByPid(m_process, grace);
    if (m_process.state() == QProcess::NotRunning)
        m_exitCode = m_process.exitCode();
}

} // namespace rd::test
