#pragma once

#include <QCoreApplication>
#include <QString>

#include <optional>

namespace rd {

// Time left in a diagnosis, from how long it has run and how many probes
// ended. Probes end in bursts (a refused port skips everything behind it at
// once), so the raw ratio swings; the estimate therefore counts down between
// observations and only drifts towards the new ratio, more the more time and
// progress passed, and never exceeds what the session's deadline leaves.
// The ratio knows nothing of a probe that waits for its timeout (a filtered
// port, a silent server), so the caller may pass how long the slowest running
// probe can still take; the estimate does not go below that.
class EtaEstimator
{
    Q_DECLARE_TR_FUNCTIONS(rd::EtaEstimator)

public:
    // `deadlineMs`: the session's time limit (ProbeTimeouts::sessionMs); 0 for none.
    void reset(qint64 deadlineMs);
    // `atLeastMs`: what the slowest running probe may still need (0: no floor).
    void observe(qint64 elapsedMs, int done, int total, qint64 atLeastMs = 0);
    // nullopt until there is something to go on.
    std::optional<qint64> remainingMs() const { return m_estimateMs; }

    // "estimating...", "less than a second", "about a second", "about 7 seconds"
    // (whole seconds below 10, then steps of 5), "about a minute", "about 2 minutes".
    static QString describe(std::optional<qint64> remainingMs);

    // Below this much run time one finished probe says too little.
    static constexpr qint64 kWarmUpMs = 250;
    // How fast the estimate follows the ratio: after this long it has moved
    // about two thirds of the way.
    static constexpr qint64 kFollowMs = 1500;

private:
    qint64 m_deadlineMs = 0;
    qint64 m_lastElapsedMs = 0;
    int m_lastDone = 0;
    std::optional<qint64> m_estimateMs;
};

} // namespace rd
