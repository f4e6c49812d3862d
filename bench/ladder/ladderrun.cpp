#include "ladderrun.h"

#include "engine/allprobes.h"
#include "engine/diagnosticsession.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTimer>

namespace rd::bench {

namespace {

bool endedByItsOwnResult(ProbeStatus status)
{
    switch (status) {
    case ProbeStatus::NotRun:
    case ProbeStatus::Skipped:
    case ProbeStatus::Cancelled:
    case ProbeStatus::SessionTimedOut:
        return false;
    default:
        return true;
    }
}

} // namespace

LadderRun runLadder(const DiagnosticPlan& plan, std::chrono::milliseconds watchdog)
{
    LadderRun run;
    QElapsedTimer clock;
    clock.start();

    DiagnosticSession session(allProbeFactories());
    QObject context;
    bool watchdogFired = false;
    QObject::connect(&session, &DiagnosticSession::finished, &context, [&] {
        run.elapsedMs = clock.elapsed();
        QCoreApplication::quit();
    });

    QTimer watchdogTimer;
    watchdogTimer.setSingleShot(true);
    QObject::connect(&watchdogTimer, &QTimer::timeout, &context, [&] {
        watchdogFired = true;
        session.cancel();
    });

    bool started = false;
    // Started from inside the event loop, so a quit() can never come before exec().
    QTimer::singleShot(0, &context, [&] {
        started = session.start(plan);
        if (!started) {
            QCoreApplication::quit();
            return;
        }
        watchdogTimer.start(watchdog);
    });
    QCoreApplication::exec();

    if (!started)
        return run;
    run.finishedByItself = !watchdogFired;
    const QList<ProbeResult> results = session.results();
    run.planned = static_cast<int>(results.size());
    for (const ProbeResult& result : results) {
        run.statuses.insert(result.probeId, result.status);
        run.endedAtMs.insert(result.probeId, result.startedAtMs + result.elapsedMs);
        run.ran += endedByItsOwnResult(result.status) ? 1 : 0;
    }
    return run;
}

} // namespace rd::bench
