#include "etaestimator.h"

#include <algorithm>
#include <cmath>

namespace rd {

void EtaEstimator::reset(qint64 deadlineMs)
{
    m_deadlineMs = std::max<qint64>(0, deadlineMs);
    m_lastElapsedMs = 0;
    m_lastDone = 0;
    m_estimateMs.reset();
}

void EtaEstimator::observe(qint64 elapsedMs, int done, int total, qint64 atLeastMs)
{
    if (total <= 0)
        return;
    if (done >= total) {
        m_estimateMs = 0;
        m_lastElapsedMs = elapsedMs;
        m_lastDone = done;
        return;
    }
    const qint64 sinceLast = std::max<qint64>(0, elapsedMs - m_lastElapsedMs);
    const int newlyDone = std::max(0, done - m_lastDone);
    m_lastElapsedMs = std::max(m_lastElapsedMs, elapsedMs);
    m_lastDone = std::max(m_lastDone, done);

    std::optional<qint64> ratio;
    if (done > 0 && elapsedMs >= kWarmUpMs)
        ratio = elapsedMs * (total - done) / done;
    const qint64 left = m_deadlineMs > 0 ? std::max<qint64>(0, m_deadlineMs - elapsedMs) : -1;
    if (ratio && left >= 0)
        ratio = std::min(*ratio, left);
    const qint64 floor =
        left >= 0 ? std::min(std::max<qint64>(0, atLeastMs), left) : std::max<qint64>(0, atLeastMs);

    if (!m_estimateMs) {
        m_estimateMs = ratio;
        if (m_estimateMs)
            m_estimateMs = std::max(*m_estimateMs, floor);
        return;
    }
    const qint64 countedDown = std::max<qint64>(0, *m_estimateMs - sinceLast);
    if (!ratio) {
        m_estimateMs = std::max(countedDown, floor);
        return;
    }
    const double byTime = 1.0 - std::exp(-double(sinceLast) / double(kFollowMs));
    const double byProgress = 0.5 * double(newlyDone) / double(total);
    const double follow = std::clamp(byTime + byProgress, 0.0, 1.0);
    qint64 next = countedDown + qint64(std::llround(follow * double(*ratio - countedDown)));
    if (left >= 0)
        next = std::min(next, left);
    m_estimateMs = std::max({qint64(0), next, floor});
}

QString EtaEstimator::describe(std::optional<qint64> remainingMs)
{
    if (!remainingMs)
        return tr("estimating...");
    const qint64 ms = *remainingMs;
    if (ms < 1000)
        return tr("less than a second");
    const qint64 seconds = (ms + 999) / 1000;
    if (seconds < 2)
        return tr("about a second");
    if (seconds < 10)
        return tr("about %1 seconds").arg(seconds);
    // Steps of 5 s keep the label from flickering at every tick.
    const qint64 roundedSeconds = (seconds + 4) / 5 * 5;
    if (roundedSeconds < 60)
        return tr("about %1 seconds").arg(roundedSeconds);
    const qint64 minutes = (seconds + 30) / 60;
    if (minutes < 2)
        return tr("about a minute");
    return tr("about %1 minutes").arg(minutes);
}

} // namespace rd
