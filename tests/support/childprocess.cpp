#include "childprocess.h"

#include <QProcess>

#if defined(Q_OS_LINUX)
#include <csignal>
#include <sys/prctl.h>
#include <unistd.h>
#elif defined(Q_OS_UNIX)
#include <csignal>
#endif

namespace rd::test {

void dieWithThisProcess(QProcess& process)
{
#if defined(Q_OS_LINUX)
    const pid_t parent = ::getpid();
    process.setChildProcessModifier([parent] {
        ::prctl(PR_SET_PDEATHSIG, SIGKILL);
        // The parent may already have died between fork() and prctl().
        if (::getppid() != parent)
            ::_exit(127);
    });
#else
    Q_UNUSED(process);
#endif
}

bool stopByPid(QProcess& process, std::chrono::milliseconds grace)
{
    if (process.state() == QProcess::NotRunning)
        return true;
    const qint64 pid = process.processId();
#if defined(Q_OS_UNIX)
    if (pid > 0)
        ::kill(static_cast<pid_t>(pid), SIGTERM);
#else
    Q_UNUSED(pid);
    process.terminate();
#endif
    if (process.waitForFinished(static_cast<int>(grace.count())))
        return true;
#if defined(Q_OS_UNIX)
    if (pid > 0)
        ::kill(static_cast<pid_t>(pid), SIGKILL);
#else
    process.kill();
#endif
    return process.waitForFinished(5000);
}

} // namespace rd::test
