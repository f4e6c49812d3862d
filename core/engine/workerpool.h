#pragma once

#include "probe/probetypes.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>

#include <functional>

class QThread;

namespace rd {

class Probe;
class WorkerContext;

// A small, fixed set of threads, each running its own event loop, on which
// probes live. Probes are asynchronous, so one thread carries many of them at
// once; the pool only spreads them out (least loaded thread first) so a slow
// probe's callbacks never delay the others much.
//
// The pool itself lives in the caller's thread. Every probe is constructed by
// its maker inside the worker thread (so the sockets it creates belong to that
// thread), and its progress comes back through queued calls that run in the
// caller's thread. Destroying the pool cancels every probe, stops and joins
// the threads, and deletes each probe in the thread it lived in.
class WorkerPool : public QObject
{
    Q_OBJECT

public:
    using Ticket = quint64;
    using ProbeMaker = std::function<Probe*()>;
    using StepHandler = std::function<void(const QString& probeId, const ProbeStep& step)>;
    using FinishHandler = std::function<void(const ProbeResult& result)>;

    // min(4, max(2, QThread::idealThreadCount()))
    static int defaultThreadCount();

    explicit WorkerPool(int threadCount = defaultThreadCount(), QObject* parent = nullptr);
    ~WorkerPool() override;

    WorkerPool(const WorkerPool&) = delete;
    WorkerPool& operator=(const WorkerPool&) = delete;

    // The threads start with the first run(); until then none exists.
    int threadCount() const { return m_threadCount; }
    // Probes handed to run() whose result has not been delivered yet.
    int runningCount() const { return int(m_tickets.size()); }
    // Running probes per thread, in thread order.
    QList<int> loadPerThread() const;

    // Starts a probe on the least loaded thread. `makeProbe` runs in that
    // thread and must return a new probe without a parent (or nullptr, which
    // is reported as InternalError). The handlers run in this pool's thread,
    // and only while `receiver` is alive (pass nullptr for "no receiver");
    // onFinish runs exactly once per ticket unless the pool is destroyed or
    // the receiver is gone first.
    Ticket run(ProbeMaker makeProbe, QObject* receiver, StepHandler onStep, FinishHandler onFinish);

    // Ends the probe with Cancelled (a queued call into its thread). Unknown
    // or already finished tickets are ignored.
    void cancel(Ticket ticket);
    void cancelAll();

private:
    struct Worker
    {
        QThread* thread = nullptr;
        WorkerContext* context = nullptr;
        int load = 0;
    };
    struct Pending
    {
        int worker = 0;
        bool hasReceiver = false;
        QPointer<QObject> receiver;
        StepHandler onStep;
        FinishHandler onFinish;
    };

    friend class WorkerContext;
    void startThreads();
    void deliverStep(Ticket ticket, const QString& probeId, const ProbeStep& step);
    void deliverFinish(Ticket ticket, const ProbeResult& result);
    int leastLoadedWorker() const;

    int m_threadCount = 1;
    QList<Worker> m_workers;
    QHash<Ticket, Pending> m_tickets;
    Ticket m_lastTicket = 0;
};

} // namespace rd
