#pragma once

#include "probe/probetypes.h"

#include <QElapsedTimer>
#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>

namespace rd {

class DiagnosticSession;

enum class ProbePhase
{
    Pending, // queued, waiting for its prerequisites
    Running,
    Done,
};

// What the widgets know about one planned probe.
struct ProbeTrack
{
    ProbeResult result; // NotRun (with the planned target) until the probe ends
    ProbePhase phase = ProbePhase::Pending;
    QList<ProbeStep> liveSteps; // steps reported while it runs
    // On the model's clock (ms since the run began): when the GUI saw it
    // start and end. Bars of probes that ran use the session's own times.
    qint64 seenStartMs = -1;
    qint64 seenEndMs = -1;

    // Where its timeline bar begins and ends; a probe that never ran (skipped,
    // cancelled while waiting) has begin == end at the moment it was settled.
    qint64 barBeginMs() const;
    qint64 barEndMs(qint64 nowMs) const;
    bool ran() const;
};

// Several lines for a tooltip: what the probe tests and its state, the
// status in plain words with its id, the message, why it did not run; with
// `technical`, the address and the timings too.
QString describeTrack(const ProbeTrack& track, qint64 nowMs, bool technical);

// The diagnostics page's view of a DiagnosticSession: the probes in ladder
// order with their live state, fed by the session's signals. The grid, the
// timeline and the ladder all read from here, so they always agree.
class DiagnosticsModel : public QObject
{
    Q_OBJECT

public:
    explicit DiagnosticsModel(QObject* parent = nullptr);

    // Follows `session` from now on (its signals are delivered in this thread).
    void attach(DiagnosticSession* session);
    // Forgets every probe and restarts the clock; call right before start().
    void beginRun();

    const QList<ProbeTrack>& tracks() const { return m_tracks; }
    const ProbeTrack* track(const QString& probeId) const;
    qsizetype indexOf(const QString& probeId) const { return m_index.value(probeId, -1); }

    qint64 nowMs() const;
    int runningCount() const { return m_running; }
    int doneCount() const;
    // Something is queued or running.
    bool isActive() const;
    // The port of the ingest URL: the one the connect probe targets.
    quint16 urlPort() const { return m_urlPort; }

signals:
    void cleared();
    void trackAdded(int index);
    void trackChanged(int index);
    // Whether at least one probe runs (animations follow this).
    void runningChanged(bool anyRunning);

private:
    void onQueued(const ProbeResult& result);
    void onStarted(const QString& probeId);
    void onStepped(const QString& probeId, const ProbeStep& step);
    void onFinished(const ProbeResult& result);
    void setRunning(int running);

    QPointer<DiagnosticSession> m_session;
    QList<ProbeTrack> m_tracks;
    QHash<QString, qsizetype> m_index;
    QElapsedTimer m_clock;
    int m_running = 0;
    quint16 m_urlPort = 0;
};

} // namespace rd
