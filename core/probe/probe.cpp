#include "probe.h"

#include <QTimer>

#include <limits>

namespace rd {

Probe::Probe(QString probeId, ProbeKind kind, ProbeTarget target, ProbeTimeouts timeouts, QObject* parent)
    : QObject(parent)
    , m_timeouts(timeouts)
{
    m_result.probeId = std::move(probeId);
    m_result.kind = kind;
    m_result.target = std::move(target);
}

Probe::~Probe() = default;

void Probe::start()
{
    if (m_started)
        return;
    m_started = true;
    m_clock.start();
    m_stepTimer = new QTimer(this);
    m_stepTimer->setSingleShot(true);
    connect(m_stepTimer, &QTimer::timeout, this, [this] {
        if (m_onStepTimeout)
            m_onStepTimeout();
    });
    // A last line of defence: whatever a probe forgets, it ends by this time.
    m_probeDeadline = new QTimer(this);
    m_probeDeadline->setSingleShot(true);
    connect(m_probeDeadline, &QTimer::timeout, this, [this] {
        finish(ProbeStatus::InternalError,
               tr("The probe did not finish within %1 s and was stopped.").arg(m_timeouts.probeMs / 1000.0));
    });
    m_probeDeadline->start(m_timeouts.probeMs);
    begin();
}

void Probe::cancel()
{
    finish(ProbeStatus::Cancelled, tr("Cancelled."));
}

void Probe::step(const QString& name, const QString& detail, qint64 durationMs)
{
    if (m_finished)
        return;
    const ProbeStep step{name, elapsedMs(), durationMs, detail};
    m_result.steps << step;
    emit stepped(m_result.probeId, step);
}

void Probe::sent(const QString& summary, const QByteArray& bytes)
{
    record(TranscriptDirection::Sent, summary, bytes);
}

void Probe::received(const QString& summary, const QByteArray& bytes)
{
    record(TranscriptDirection::Received, summary, bytes);
}

void Probe::note(const QString& summary)
{
    record(TranscriptDirection::Note, summary, {});
}

void Probe::record(TranscriptDirection direction, const QString& summary, const QByteArray& bytes)
{
    if (m_result.transcript.size() >= kTranscriptEntriesCap) {
        ++m_transcriptLinesLeftOut;
        return;
    }
    QString shown = summary;
    if (shown.size() > kTranscriptSummaryCap) {
        shown.truncate(kTranscriptSummaryCap);
        shown += u'\u2026';
    }
    m_result.transcript << TranscriptEntry{elapsedMs(), direction, shown, bytes.left(kTranscriptBytesCap)};
}

void Probe::setFact(const QString& key, const QVariant& value)
{
    m_result.facts.insert(key, value);
}

void Probe::finish(ProbeStatus status, const QString& message)
{
    if (m_finished)
        return;
    m_finished = true;
    disarmTimeout();
    if (m_probeDeadline)
        m_probeDeadline->stop();
    abortIo();
    if (m_transcriptLinesLeftOut > 0) {
        m_result.transcript << TranscriptEntry{
            elapsedMs(),
            TranscriptDirection::Note,
            tr("%n more transcript line(s) left out: the transcript keeps the first %1.", nullptr,
               int(qMin<qsizetype>(m_transcriptLinesLeftOut, std::numeric_limits<int>::max())))
                .arg(kTranscriptEntriesCap),
            {}};
    }
    m_result.status = status;
    m_result.message = message;
    m_result.elapsedMs = elapsedMs();
    emit finished(m_result);
}

void Probe::armTimeout(int ms, std::function<void()> onTimeout)
{
    if (m_stepTimer == nullptr || m_finished)
        return;
    m_onStepTimeout = std::move(onTimeout);
    m_stepTimer->start(ms);
}

void Probe::disarmTimeout()
{
    if (m_stepTimer)
        m_stepTimer->stop();
    m_onStepTimeout = nullptr;
}

} // namespace rd
