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

ProbeTimeouts shortTimeouts(int readMs)
{
    ProbeTimeouts timeouts;
    timeouts.connectMs = 3000;
    timeouts.readMs = readMs;
    timeouts.probeMs = 15000;
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
