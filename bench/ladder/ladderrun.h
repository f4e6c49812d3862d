#pragma once

#include "engine/diagnosticplan.h"
#include "probe/probetypes.h"

#include <QHash>
#include <QString>

#include <chrono>

namespace rd::bench {

// One diagnosis as the product runs it: a fresh DiagnosticSession with every
// registered probe, timed from its construction (worker threads included)
// until finished().
struct LadderRun
{
    qint64 elapsedMs = 0;
    // False when the bench's watchdog had to cancel the session.
    bool finishedByItself = false;
    int planned = 0;
    // Probes that ended with their own result: not skipped, cancelled or
    // stopped by the session deadline.
    int ran = 0;
    QHash<QString, ProbeStatus> statuses; // probe id -> how it ended
    QHash<QString, qint64> endedAtMs;     // probe id -> since the session started

    ProbeStatus statusOf(const QString& probeId) const
    {
        return statuses.value(probeId, ProbeStatus::NotRun);
    }
};

// Runs `plan` to the end on the application's event loop (QCoreApplication::exec
// until the session says finished()); the watchdog cancels a session that
// would hang the bench. Call from the main thread with no event loop running.
LadderRun runLadder(const DiagnosticPlan& plan, std::chrono::milliseconds watchdog);

} // namespace rd::bench
