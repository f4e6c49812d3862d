#pragma once

#include <QtGlobal>

#include <chrono>

class QProcess;

// Process plumbing shared by the fixtures (not meant for tests themselves).

namespace rd::test {

// Makes the kernel kill the child (SIGKILL) when the process that started it
// dies, so a crashed or killed test binary does not leave servers behind.
// Linux only; elsewhere a no-op.
void dieWithThisProcess(QProcess& process);

// Ends `process` by its PID: SIGTERM, then up to `grace` for it to exit,
// then SIGKILL and a short bounded wait. Returns true when it is gone.
bool stopByPid(QProcess& process, std::chrono::milliseconds grace);

} // namespace rd::test
