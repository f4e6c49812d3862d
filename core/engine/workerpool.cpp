#include "workerpool.h"

#include "probe/probe.h"

#include <QThread>

#include <algorithm>

namespace rd {

// Lives in one worker thread and owns the probes running there. Only that
// thread touches m_probes.
class WorkerContext : public QObject
{
public:
    void launch(WorkerPool::Ticket ticket, const WorkerPool::ProbeMaker& makeProbe, WorkerPool* pool)
    {
        Probe* probe = makeProbe ? makeProbe() : nullptr;
        if (probe == nullptr || probe->thread() != thread() || probe->parent() != nullptr) {
            // A maker that hands back something unusable must still produce
            // exactly one result, or the caller would wait forever.
            ProbeResult failed;
            failed.status = ProbeStatus::InternalError;
            failed.message = probe == nullptr ? QStringLiteral("The probe could not be created.")
                                              : QStringLiteral("The probe was created in the wrong place.");
            if (probe != nullptr) {
                failed.probeId = probe->probeId();
                failed.kind = probe->kind();
                failed.target = probe->target();
                if (probe->parent() == nullptr)
                    probe->deleteLater();
            }
            QMetaObject::invokeMethod(
                pool, [pool, ticket, failed] { pool->deliverFinish(ticket, failed); }, Qt::QueuedConnection);
            return;
        }
        probe->setParent(this);
        m_probes.insert(ticket, probe);
        connect(
            probe, &Probe::stepped, pool,
            [pool, ticket](const QString& probeId, const ProbeStep& step) {
                pool->deliverStep(ticket, probeId, step);
            },
            Qt::QueuedConnection);
        connect(
            probe, &Probe::finished, pool,
            [pool, ticket](const ProbeResult& result) { pool->deliverFinish(ticket, result); },
            Qt::QueuedConnection);
        // Not deleted on the spot: finished() may still be on the probe's stack.
        connect(probe, &Probe::finished, this, [this, ticket] {
            if (Probe* done = m_probes.take(ticket))
                done->deleteLater();
        });
        probe->start();
    }

    void cancel(WorkerPool::Ticket ticket)
    {
        if (Probe* probe = m_probes.value(ticket))
            probe->cancel();
    }

    void cancelEverything()
    {
        // cancel() removes the probe from the map through finished().
        const QList<Probe*> probes = m_probes.values();
        for (Probe* probe : probes)
            probe->cancel();
    }

private:
    QHash<WorkerPool::Ticket, Probe*> m_probes;
};

int WorkerPool::defaultThreadCount()
{
    return std::min(4, std::max(2, QThread::idealThreadCount()));
}

WorkerPool::WorkerPool(int threadCount, QObject* parent)
    : QObject(parent)
{
    const int count = std::max(1, threadCount);
    m_workers.reserve(count);
    for (int index = 0; index < count; ++index) {
        Worker worker;
        worker.thread = new QThread;
        worker.thread->setObjectName(QStringLiteral("rd-probe-worker-%1").arg(index));
        worker.context = new WorkerContext;
        worker.context->moveToThread(worker.thread);
        // QThread deletes deferred objects after finished(), still inside the
        // thread, so the context and the probes it owns die where they lived.
        connect(worker.thread, &QThread::finished, worker.context, &QObject::deleteLater);
        worker.thread->start();
        m_workers << worker;
    }
}

WorkerPool::~WorkerPool()
{
    for (const Worker& worker : std::as_const(m_workers)) {
        WorkerContext* context = worker.context;
        // quit() from inside the same call, so the cancel is surely handled
        // before the loop ends (a quit from here could overtake it).
        QMetaObject::invokeMethod(
            context,
            [context] {
                context->cancelEverything();
                QThread::currentThread()->quit();
            },
            Qt::QueuedConnection);
    }
    for (const Worker& worker : std::as_const(m_workers)) {
        worker.thread->wait();
        delete worker.thread;
    }
    // Results still queued for this object are discarded by ~QObject.
}

QList<int> WorkerPool::loadPerThread() const
{
    QList<int> loads;
    loads.reserve(m_workers.size());
    for (const Worker& worker : m_workers)
        loads << worker.load;
    return loads;
}

int WorkerPool::leastLoadedWorker() const
{
    int best = 0;
    for (int index = 1; index < int(m_workers.size()); ++index) {
        if (m_workers[index].load < m_workers[best].load)
            best = index;
    }
    return best;
}

WorkerPool::Ticket WorkerPool::run(ProbeMaker makeProbe, QObject* receiver, StepHandler onStep,
                                   FinishHandler onFinish)
{
    const Ticket ticket = ++m_lastTicket;
    const int workerIndex = leastLoadedWorker();
    Worker& worker = m_workers[workerIndex];
    ++worker.load;

    Pending pending;
    pending.worker = workerIndex;
    pending.hasReceiver = receiver != nullptr;
    pending.receiver = receiver;
    pending.onStep = std::move(onStep);
    pending.onFinish = std::move(onFinish);
    m_tickets.insert(ticket, std::move(pending));

    WorkerContext* context = worker.context;
    QMetaObject::invokeMethod(
        context,
        [context, ticket, this, maker = std::move(makeProbe)] { context->launch(ticket, maker, this); },
        Qt::QueuedConnection);
    return ticket;
}

void WorkerPool::cancel(Ticket ticket)
{
    const auto found = m_tickets.constFind(ticket);
    if (found == m_tickets.constEnd())
        return;
    WorkerContext* context = m_workers[found->worker].context;
    QMetaObject::invokeMethod(
        context, [context, ticket] { context->cancel(ticket); }, Qt::QueuedConnection);
}

void WorkerPool::cancelAll()
{
    for (const Worker& worker : std::as_const(m_workers)) {
        WorkerContext* context = worker.context;
        QMetaObject::invokeMethod(
            context, [context] { context->cancelEverything(); }, Qt::QueuedConnection);
    }
}

void WorkerPool::deliverStep(Ticket ticket, const QString& probeId, const ProbeStep& step)
{
    const auto found = m_tickets.constFind(ticket);
    if (found == m_tickets.constEnd() || !found->onStep)
        return;
    if (found->hasReceiver && found->receiver.isNull())
        return;
    // A copy: the handler may start or cancel probes and so change m_tickets.
    const StepHandler handler = found->onStep;
    handler(probeId, step);
}

void WorkerPool::deliverFinish(Ticket ticket, const ProbeResult& result)
{
    const auto found = m_tickets.find(ticket);
    if (found == m_tickets.end())
        return;
    Pending pending = std::move(*found);
    m_tickets.erase(found);
    --m_workers[pending.worker].load;
    if (!pending.onFinish || (pending.hasReceiver && pending.receiver.isNull()))
        return;
    pending.onFinish(result);
}

} // namespace rd
