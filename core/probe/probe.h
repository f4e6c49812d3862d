#pragma once

#include "probetypes.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>

#include <functional>

class QTimer;

namespace rd {

// One probe run: a cancellable work item with a target in and a ProbeResult
// out. A probe is created on, lives in, and creates its sockets in a worker
// thread that runs an event loop; it is asynchronous (signals and timers), so
// cancel() takes effect at once and no thread ever blocks on the network.
//
// Life cycle: the engine calls start() in the worker thread; the probe reports
// progress with step()/sent()/received()/note() and ends with exactly one
// finish(). cancel() (queued into the worker thread) ends it with Cancelled.
class Probe : public QObject
{
    Q_OBJECT

public:
    Probe(QString probeId, ProbeKind kind, ProbeTarget target, ProbeTimeouts timeouts,
          QObject* parent = nullptr);
    ~Probe() override;

    QString probeId() const { return m_result.probeId; }
    ProbeKind kind() const { return m_result.kind; }
    const ProbeTarget& target() const { return m_result.target; }
    bool isFinished() const { return m_finished; }

    // Bytes kept per transcript line (a hex dump prefix).
    static constexpr qsizetype kTranscriptBytesCap = 256;
    // A server that floods the probe with messages must not grow the result without bound: past
    // this many lines the transcript keeps counting but stores nothing more, and finish() adds
    // one note saying how many lines were left out. Summaries are cut to kTranscriptSummaryCap.
    static constexpr qsizetype kTranscriptEntriesCap = 1000;
    static constexpr qsizetype kTranscriptSummaryCap = 2000;

    // Worker thread only.
    void start();
    void cancel();

signals:
    void stepped(const QString& probeId, const rd::ProbeStep& step);
    void finished(const rd::ProbeResult& result);

protected:
    // Subclasses begin their work here (the elapsed clock is already running).
    virtual void begin() = 0;
    // Subclasses drop sockets and timers here; called once, before finished().
    virtual void abortIo() {}

    void step(const QString& name, const QString& detail = {}, qint64 durationMs = -1);
    void sent(const QString& summary, const QByteArray& bytes = {});
    void received(const QString& summary, const QByteArray& bytes = {});
    void note(const QString& summary);
    void setFact(const QString& key, const QVariant& value);

    // Ends the probe. Later calls are ignored, so racing timeouts and socket
    // errors cannot produce two results.
    void finish(ProbeStatus status, const QString& message);

    // A single-shot timer owned by the probe; restarting re-arms it. Used for
    // the per-step connect/read timeouts.
    void armTimeout(int ms, std::function<void()> onTimeout);
    void disarmTimeout();

    qint64 elapsedMs() const { return m_clock.isValid() ? m_clock.elapsed() : 0; }
    const ProbeTimeouts& timeouts() const { return m_timeouts; }

private:
    void record(TranscriptDirection direction, const QString& summary, const QByteArray& bytes);

    ProbeResult m_result;
    qsizetype m_transcriptLinesLeftOut = 0;
    ProbeTimeouts m_timeouts;
    QElapsedTimer m_clock;
    QTimer* m_stepTimer = nullptr;
    QTimer* m_probeDeadline = nullptr;
    std::function<void()> m_onStepTimeout;
    bool m_started = false;
    bool m_finished = false;
};

} // namespace rd
