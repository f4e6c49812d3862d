#pragma once

#include "engine/workerpool.h"
#include "probe/probetypes.h"

#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QString>

#include <optional>

// Running one network probe the way the engine does (on a WorkerPool thread) and reading what it
// reported, for the probe tests (tst_proxyprobe, tst_rtmptprobe, tst_tlsprobe).

namespace rd::test {

// Runs one probe on a WorkerPool thread and keeps its steps and result.
class ProbeRunner : public QObject
{
public:
    WorkerPool pool{1};
    std::optional<ProbeResult> result;
    QList<ProbeStep> steps;
    QElapsedTimer clock;
    qint64 finishedAtMs = -1; // from start() to the result arriving in this thread

    WorkerPool::Ticket start(WorkerPool::ProbeMaker maker);
    bool hasStep(const QString& name) const;
};

// Short enough that a test of a timeout ends quickly, long enough for a loaded machine. Qt's coarse
// timers may fire up to 5 % early, so a test checking a wait should allow 90 % of readMs.
ProbeTimeouts shortTimeouts(int readMs = 3000);

// Status, message, facts and transcript of a result, for QVERIFY2 messages.
QString describe(const ProbeResult& result);

} // namespace rd::test
