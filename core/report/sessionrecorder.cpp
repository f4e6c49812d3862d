#include "report/sessionrecorder.h"

#include "engine/diagnosticsession.h"

namespace rd {

SessionRecorder::SessionRecorder(DiagnosticSession* session, QObject* parent)
    : QObject(parent)
{
    connect(session, &DiagnosticSession::probeQueued, this, [this](const ProbeResult& result) {
        if (m_timeline.isEmpty() && !m_clock.isValid())
            restart();
        record(TimelineEventKind::Queued, result.probeId, {});
    });
    connect(session, &DiagnosticSession::probeStarted, this,
            [this](const QString& probeId) { record(TimelineEventKind::Started, probeId, {}); });
    connect(session, &DiagnosticSession::probeFinished, this, [this](const ProbeResult& result) {
        record(TimelineEventKind::Finished, result.probeId, probeStatusId(result.status));
    });
    connect(session, &DiagnosticSession::finished, this,
            [this] { m_finishedAt = QDateTime::currentDateTimeUtc(); });
}

void SessionRecorder::restart()
{
    m_timeline.clear();
    m_clock.start();
    m_startedAt = QDateTime::currentDateTimeUtc();
    m_finishedAt = {};
}

void SessionRecorder::addNote(const QString& sentence)
{
    record(TimelineEventKind::Note, {}, sentence);
}

qint64 SessionRecorder::elapsedMs() const
{
    return m_clock.isValid() ? m_clock.elapsed() : 0;
}

void SessionRecorder::record(TimelineEventKind kind, const QString& probeId, const QString& detail)
{
    if (!m_clock.isValid())
        restart();
    m_timeline << TimelineEvent{m_clock.elapsed(), kind, probeId, detail};
}

} // namespace rd
