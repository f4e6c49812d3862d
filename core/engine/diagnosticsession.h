#pragma once

#include "engine/diagnosticplan.h"
#include "engine/probefactory.h"
#include "engine/workerpool.h"

#include <QElapsedTimer>
#include <QHash>
#include <QList>
#include <QObject>
#include <QTimer>

#include <memory>
#include <optional>

namespace rd {

// Keys of ProbeResult::facts the session itself writes.
namespace sessionfacts {
// QString on Skipped results: the short reason, e.g. "port 1935 is filtered",
// "not available in this build".
inline constexpr QLatin1StringView skipReason{"skipReason"};
} // namespace sessionfacts

// Runs the probe ladder of one DiagnosticPlan: DNS first, then the TCP grid
// per address family, then per open port what depends on it, each probe on a
// worker thread. Lives in the caller's (GUI) thread; every signal is emitted
// there and carries values.
//
// Every planned probe ends with exactly one probeFinished(): with the probe's
// own result, Skipped (with facts["skipReason"]) when a prerequisite did not
// pass or its kind has no factory, Cancelled after cancel(), SessionTimedOut
// when the session deadline (ProbeTimeouts::sessionMs) stopped it.
class DiagnosticSession : public QObject
{
    Q_OBJECT

public:
    explicit DiagnosticSession(ProbeFactoryRegistry factories, QObject* parent = nullptr,
                               int workerThreads = WorkerPool::defaultThreadCount());
    ~DiagnosticSession() override;

    const ProbeFactoryRegistry& factories() const { return m_factories; }
    // Takes effect for probes started afterwards.
    void setFactories(ProbeFactoryRegistry factories) { m_factories = std::move(factories); }

    // Emits probeQueued() for every planned probe before returning; the rest
    // follows from the event loop. False (and nothing happens) while running.
    bool start(const DiagnosticPlan& plan);
    // Ends everything still running or waiting (Cancelled) and emits
    // finished() within 100 ms. Does nothing when not running.
    void cancel();
    // Runs the given probes again, and everything that depends on them,
    // keeping all other results. False while running or when nothing matches.
    bool rerun(const QList<ProbeKind>& kinds);
    bool rerun(const QStringList& probeIds);

    bool isRunning() const { return m_phase != Phase::Idle; }
    const DiagnosticPlan& plan() const { return m_plan; }
    QStringList probeIds() const;       // in ladder order
    QList<ProbeResult> results() const; // in ladder order; NotRun for what has not ended
    std::optional<ProbeResult> result(const QString& probeId) const;

    // How long cancel() waits for running probes to confirm before it
    // reports them Cancelled itself.
    static constexpr int kCancelGraceMs = 50;

signals:
    void probeQueued(const rd::ProbeResult& result); // status NotRun, with the planned target
    void probeStarted(const QString& probeId);
    void probeStepped(const QString& probeId, const rd::ProbeStep& step);
    void probeFinished(const rd::ProbeResult& result);
    void progressChanged(int done, int total);
    void finished();

private:
    enum class Phase
    {
        Idle,
        Running,
        Stopping,
    };
    enum class NodeState
    {
        Waiting,
        Running,
        Done,
    };
    struct Node
    {
        PlannedProbe planned;
        NodeState state = NodeState::Waiting;
        ProbeResult result;
        WorkerPool::Ticket ticket = 0;
    };
    struct Decision
    {
        bool run = false;
        ProbeTarget target; // run: the target with its address filled in
        QString skipReason; // !run
    };

    void beginRun(const QList<qsizetype>& nodeIndexes);
    void advance();
    Decision decide(const Node& node) const;
    void dispatch(Node& node, const ProbeTarget& target);
    qsizetype runningNodeOf(WorkerPool::Ticket ticket) const;
    void onProbeStepped(WorkerPool::Ticket ticket, const ProbeStep& step);
    void onProbeFinished(WorkerPool::Ticket ticket, const ProbeResult& result);
    void completeNode(Node& node, ProbeResult result);
    void skipNode(Node& node, const QString& reason, const QString& message);
    void stop(ProbeStatus why);
    void forceStopRemaining();
    void completeSessionIfDone();
    int doneCount() const;
    QString describeBlocker(const QStringList& prerequisiteIds) const;
    QString describeFailure(const ProbeResult& result) const;
    ProbeResult freshResult(const Node& node) const;
    qsizetype indexOf(const QString& probeId) const { return m_index.value(probeId, -1); }

    ProbeFactoryRegistry m_factories;
    std::unique_ptr<WorkerPool> m_pool;
    DiagnosticPlan m_plan;
    QList<Node> m_nodes;
    QHash<QString, qsizetype> m_index;
    Phase m_phase = Phase::Idle;
    ProbeStatus m_stopReason = ProbeStatus::Cancelled;
    QElapsedTimer m_clock;
    QTimer m_deadline;
    QTimer m_cancelGrace;
    bool m_advanceQueued = false;
};

} // namespace rd
