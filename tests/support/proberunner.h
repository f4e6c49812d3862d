#pragma once

#include "engine/workerpool.h"
#include "probe/probetypes.h"

#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>

#include <optional>

// Running one network probe the way the engine does (on a WorkerPool thread) and reading what it
// reported, for the probe tests (tst_proxyprobe, tst_rtmptprobe, tst_tlsprobe, tst_hostileserver,
// tst_rtmpprobes, tst_dnstcp).

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

// Runs probes on a WorkerPool thread, delivering to `receiver` (usually the test object), and keeps
// the last result, the step names and when the result arrived.
class PooledProbeRunner
{
public:
    explicit PooledProbeRunner(QObject* receiver, int threads = 1);

    WorkerPool::Ticket run(WorkerPool::ProbeMaker maker);
    // Cancels the last run or the given ticket; returns when the cancel was sent, on the runner's clock.
    qint64 cancel();
    qint64 cancel(WorkerPool::Ticket ticket);

    bool hasResult() const { return m_result.has_value(); }
    const ProbeResult& result() const { return *m_result; }
    qint64 finishedAtMs() const { return m_finishedAtMs; }
    QStringList steps() const { return m_steps; }

private:
    QObject* m_receiver;
    WorkerPool m_pool;
    WorkerPool::Ticket m_ticket = 0;
    QElapsedTimer m_clock;
    std::optional<ProbeResult> m_result;
    QStringList m_steps;
    qint64 m_finishedAtMs = -1;
};

// Short enough that a test of a timeout ends quickly, long enough for a loaded machine. Qt's coarse
// timers may fire up to 5 % early, so a test checking a wait should allow 90 % of readMs.
ProbeTimeouts shortTimeouts(int readMs = 3000, int probeMs = 15000);

// Status, message, facts and transcript of a result, for QVERIFY2 messages.
QString describe(const ProbeResult& result);

} // namespace rd::test
