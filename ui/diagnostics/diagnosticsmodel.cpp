#include "diagnosticsmodel.h"

#include "diagnostics/probepresentation.h"
#include "engine/diagnosticsession.h"

namespace rd {

qint64 ProbeTrack::barBeginMs() const
{
    if (ran())
        return result.startedAtMs;
    if (phase == ProbePhase::Running)
        return std::max<qint64>(0, seenStartMs);
    return std::max<qint64>(0, seenEndMs);
}

qint64 ProbeTrack::barEndMs(qint64 nowMs) const
{
    if (phase == ProbePhase::Running)
        return std::max(nowMs, barBeginMs());
    if (ran())
        return result.startedAtMs + result.elapsedMs;
    return barBeginMs();
}

bool ProbeTrack::ran() const
{
    // Cancelled-before-start results carry neither start nor steps.
    return phase == ProbePhase::Done && seenStartMs >= 0;
}

QString describeTrack(const ProbeTrack& track, qint64 nowMs, bool technical)
{
    const ProbeResult& result = track.result;
    QStringList lines;
    switch (track.phase) {
    case ProbePhase::Pending:
        lines
            << DiagnosticsModel::tr("%1: waiting for the tests it depends on").arg(ProbeWords::title(result));
        break;
    case ProbePhase::Running:
        lines << DiagnosticsModel::tr("%1: running for %2")
                     .arg(ProbeWords::title(result), ProbeWords::duration(nowMs - track.seenStartMs));
        if (!track.liveSteps.isEmpty())
            lines << DiagnosticsModel::tr("Last step: %1").arg(track.liveSteps.constLast().name);
        break;
    case ProbePhase::Done: {
        lines << DiagnosticsModel::tr("%1: %2").arg(ProbeWords::title(result),
                                                    ProbeWords::state(cellStateOf(result.verdict())));
        lines << DiagnosticsModel::tr("Result: %1 (%2)")
                     .arg(ProbeWords::status(result.status), probeStatusId(result.status));
        if (!result.message.isEmpty())
            lines << result.message;
        const QString skipReason = result.facts.value(sessionfacts::skipReason).toString();
        if (!skipReason.isEmpty())
            lines << DiagnosticsModel::tr("Why it did not run: %1").arg(skipReason);
        if (technical && track.ran()) {
            const QString address =
                result.target.address.isEmpty() ? result.target.host : result.target.address;
            lines << DiagnosticsModel::tr("Address %1, port %2; started at %3, took %4")
                         .arg(address)
                         .arg(result.target.port)
                         .arg(ProbeWords::duration(result.startedAtMs),
                              ProbeWords::duration(result.elapsedMs));
        }
        break;
    }
    }
    return lines.join(u'\n');
}

DiagnosticsModel::DiagnosticsModel(QObject* parent)
    : QObject(parent)
{
    m_clock.start();
}

void DiagnosticsModel::attach(DiagnosticSession* session)
{
    if (m_session)
        disconnect(m_session, nullptr, this, nullptr);
    m_session = session;
    if (session == nullptr)
        return;
    connect(session, &DiagnosticSession::probeQueued, this, &DiagnosticsModel::onQueued);
    connect(session, &DiagnosticSession::probeStarted, this, &DiagnosticsModel::onStarted);
    connect(session, &DiagnosticSession::probeStepped, this, &DiagnosticsModel::onStepped);
    connect(session, &DiagnosticSession::probeFinished, this, &DiagnosticsModel::onFinished);
}

void DiagnosticsModel::beginRun()
{
    m_tracks.clear();
    m_index.clear();
    m_urlPort = 0;
    m_clock.restart();
    setRunning(0);
    emit cleared();
}

const ProbeTrack* DiagnosticsModel::track(const QString& probeId) const
{
    const qsizetype index = indexOf(probeId);
    return index < 0 ? nullptr : &m_tracks[index];
}

qint64 DiagnosticsModel::nowMs() const
{
    return m_clock.elapsed();
}

int DiagnosticsModel::doneCount() const
{
    return int(std::count_if(m_tracks.cbegin(), m_tracks.cend(),
                             [](const ProbeTrack& track) { return track.phase == ProbePhase::Done; }));
}

bool DiagnosticsModel::isActive() const
{
    return std::any_of(m_tracks.cbegin(), m_tracks.cend(),
                       [](const ProbeTrack& track) { return track.phase != ProbePhase::Done; });
}

void DiagnosticsModel::onQueued(const ProbeResult& result)
{
    if (result.kind == ProbeKind::Connect)
        m_urlPort = result.target.port;
    const qsizetype existing = indexOf(result.probeId);
    if (existing >= 0) {
        // A re-run of this probe: it starts over.
        ProbeTrack& track = m_tracks[existing];
        if (track.phase == ProbePhase::Running)
            setRunning(m_running - 1);
        track = ProbeTrack{result, ProbePhase::Pending, {}, -1, -1};
        emit trackChanged(int(existing));
        return;
    }
    m_index.insert(result.probeId, m_tracks.size());
    m_tracks << ProbeTrack{result, ProbePhase::Pending, {}, -1, -1};
    emit trackAdded(int(m_tracks.size() - 1));
}

void DiagnosticsModel::onStarted(const QString& probeId)
{
    const qsizetype index = indexOf(probeId);
    if (index < 0)
        return;
    ProbeTrack& track = m_tracks[index];
    if (track.phase == ProbePhase::Running)
        return;
    track.phase = ProbePhase::Running;
    track.seenStartMs = nowMs();
    track.liveSteps.clear();
    setRunning(m_running + 1);
    emit trackChanged(int(index));
}

void DiagnosticsModel::onStepped(const QString& probeId, const ProbeStep& step)
{
    const qsizetype index = indexOf(probeId);
    if (index < 0 || m_tracks[index].phase != ProbePhase::Running)
        return;
    m_tracks[index].liveSteps << step;
    emit trackChanged(int(index));
}

void DiagnosticsModel::onFinished(const ProbeResult& result)
{
    const qsizetype index = indexOf(result.probeId);
    if (index < 0)
        return;
    ProbeTrack& track = m_tracks[index];
    const bool wasRunning = track.phase == ProbePhase::Running;
    track.result = result;
    track.phase = ProbePhase::Done;
    track.seenEndMs = nowMs();
    if (!wasRunning)
        track.seenStartMs = -1;
    if (wasRunning)
        setRunning(m_running - 1);
    emit trackChanged(int(index));
}

void DiagnosticsModel::setRunning(int running)
{
    const bool before = m_running > 0;
    m_running = std::max(0, running);
    if (before != (m_running > 0))
        emit runningChanged(m_running > 0);
}

} // namespace rd
