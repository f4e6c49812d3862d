#pragma once

#include "report/reportmodel.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QList>
#include <QObject>

namespace rd {

class DiagnosticSession;

// Listens to a DiagnosticSession and keeps what a report needs that the session itself forgets:
// when each probe was queued, started and finished, and session notes (cancelled, re-tests).
// Lives in the session's thread; attach before DiagnosticSession::start().
class SessionRecorder : public QObject
{
    Q_OBJECT

public:
    explicit SessionRecorder(DiagnosticSession* session, QObject* parent = nullptr);

    // Resets the clock and the timeline; called by itself on the first probeQueued() of a run
    // when nothing is recorded yet.
    void restart();
    void addNote(const QString& sentence);

    QDateTime startedAt() const { return m_startedAt; }
    QDateTime finishedAt() const { return m_finishedAt; }
    const QList<TimelineEvent>& timeline() const { return m_timeline; }
    qint64 elapsedMs() const;

private:
    void record(TimelineEventKind kind, const QString& probeId, const QString& detail);

    QElapsedTimer m_clock;
    QDateTime m_startedAt;
    QDateTime m_finishedAt;
    QList<TimelineEvent> m_timeline;
};

} // namespace rd
