#include "proberunner.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace rd::test {

WorkerPool::Ticket ProbeRunner::start(WorkerPool::ProbeMaker maker)
{
    clock.start();
    return pool.run(
        std::move(maker), this, [this](const QString&, const ProbeStep& step) { steps << step; },
        [this](const ProbeResult& finished) {
            result = finished;
            finishedAtMs = clock.elapsed();
        });
}

bool ProbeRunner::hasStep(const QString& name) const
{
    return std::any_of(steps.cbegin(), steps.cend(),
                       [&name](const ProbeStep& step) { return step.name == name; });
}

PooledProbeRunner::PooledProbeRunner(QObject* receiver, int threads)
    : m_receiver(receiver)
    , m_pool(threads)
{}

WorkerPool::Ticket PooledProbeRunner::run(WorkerPool::ProbeMaker maker)
{
    m_clock.start();
    m_ticket = m_pool.run(
        std::move(maker), m_receiver, [this](const QString&, const ProbeStep& step) { m_steps << step.name; },
        [this](const ProbeResult& result) {
            m_result = result;
            m_finishedAtMs = m_clock.elapsed();
        });
    return m_ticket;
}

qint64 PooledProbeRunner::cancel()
{
    return cancel(m_ticket);
}

qint64 PooledProbeRunner::cancel(WorkerPool::Ticket ticket)
{
    m_pool.cancel(ticket);
    return m_clock.elapsed();
}

ProbeTimeouts shortTimeouts(int readMs, int probeMs)
{
    ProbeTimeouts timeouts;
    timeouts.connectMs = 3000;
    timeouts.readMs = readMs;
    timeouts.probeMs = probeMs;
    return timeouts;
}

QString describe(const ProbeResult& result)
{
    QString text = probeStatusId(result.status) + u": "_s + result.message + u"\nfacts:"_s;
    for (auto it = result.facts.cbegin(); it != result.facts.cend(); ++it)
        text += u"\n  "_s + it.key() + u" = "_s + it.value().toString();
    text += u"\ntranscript:"_s;
    for (const TranscriptEntry& entry : result.transcript)
        text += u"\n  "_s + entry.summary + u" | "_s + QString::fromLatin1(entry.bytes);
    return text;
}

} // namespace rd::test
