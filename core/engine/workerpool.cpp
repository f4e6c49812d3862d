#include "workerpool.h"

#include "probe/probe.h"

#include <QThread>

#include <algorithm>
#include <mutex>

namespace rd {

namespace {

// Every hand-over between the caller's thread and a worker goes through
// postAcrossThreads(). Qt's event queue already orders the two sides, but it
// synchronises with futexes that ThreadSanitizer cannot see; taking one plain
// mutex around the post, and again before the posted call runs, states the
// same ordering in a form the tool understands. Held only for the post.
std::mutex& handOverMutex()
{
    static std::mutex mutex;
    return mutex;
}

template <typename Call>
void postAcrossThreads(QObject* receiver, Call call)
{
    const std::lock_guard lock(handOverMutex());
    QMetaObject::invokeMethod(
        receiver,
        [call = std::move(call)]() mutable {
            {
                const std::lock_guard acquired(handOverMutex());
            }
            call();
        },
        Qt::QueuedConnection);
}

} // namespace

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
            postAcrossThreads(pool, [pool, ticket, failed] { pool->deliverFinish(ticket, failed); });
            return;
        }
        probe->setParent(this);
        m_probes.insert(ticket, probe);
        // Direct connections (same thread) that forward by value; the pool
        // outlives the worker threads, so it is always there to post to.
        connect(probe, &Probe::stepped, this, [pool, ticket](const QString& probeId, const ProbeStep& step) {
            postAcrossThreads(pool,
                              [pool, ticket, probeId, step] { pool->deliverStep(ticket, probeId, step); });
        });
        connect(probe, &Probe::finished, this, [this, pool, ticket](const ProbeResult& result) {
            // Not deleted on the spot: finished() is still on the probe's
            // stack. Queued before the hand-over, so that it is part of it.
            if (Probe* done = m_probes.take(ticket))
                done->deleteLater();
            postAcrossThreads(pool, [pool, ticket, result] { pool->deliverFinish(ticket, result); });
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
    , m_threadCount(std::max(1, threadCount))
{}

void WorkerPool::startThreads()
{
    // Started by the first probe, not with the pool: the wizard creates its pool before its
    // first window shows, and most users read a few pages before anything runs.
    m_workers.reserve(m_threadCount);
    for (int index = 0; index < m_threadCount; ++index) {
        Worker worker;
        worker.thread = new QThread;
        worker.thread->setObjectName(QStringLiteral("rd-probe-worker-%1").arg(index));
        worker.context = new WorkerContext;
        worker.context->moveToThread(worker.thread);
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
        postAcrossThreads(context, [context] {
            context->cancelEverything();
            // QThread deletes deferred objects when it finishes, still in this
            // thread, so the context and its probes die where they lived.
            context->deleteLater();
            // Hands what was queued up to here to the destructor.
            {
                const std::lock_guard released(handOverMutex());
            }
            QThread::currentThread()->quit();
        });
    }
    for (const Worker& worker : std::as_const(m_workers))
        worker.thread->wait();
    // Results still queued for this object are discarded by ~QObject without
    // running, and the threads' own data goes with the QThread objects: this
    // is where the hand-over of both is taken.
    {
        const std::lock_guard acquired(handOverMutex());
    }
    for (const Worker& worker : std::as_const(m_workers))
        delete worker.thread;
}

QList<int> WorkerPool::loadPerThread() const
{
    if (m_workers.isEmpty())
        return QList<int>(m_threadCount, 0);
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
    if (m_workers.isEmpty())
        startThreads();
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
    postAcrossThreads(context, [context, ticket, this, maker = std::move(makeProbe)] {
        context->launch(ticket, maker, this);
    });
    return ticket;
}

void WorkerPool::cancel(Ticket ticket)
{
    const auto found = m_tickets.constFind(ticket);
    if (found == m_tickets.constEnd())
        return;
    WorkerContext* context = m_workers[found->worker].context;
    postAcrossThreads(context, [context, ticket] { context->cancel(ticket); });
}

void WorkerPool::cancelAll()
{
    for (const Worker& worker : std::as_const(m_workers)) {
        WorkerContext* context = worker.context;
        postAcrossThreads(context, [context] { context->cancelEverything(); });
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
