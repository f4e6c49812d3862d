#pragma once

#include "diagnostics/etaestimator.h"
#include "engine/diagnosticplan.h"

#include <QElapsedTimer>
#include <QPointer>
#include <QTimer>
#include <QWizardPage>

#include <functional>
#include <optional>

class QLabel;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QScrollArea;
class QSplitter;

namespace rd {

class DiagnosticSession;
class DiagnosticsModel;
class HandshakeLadderWidget;
class PortGridWidget;
class ProbeTimelineWidget;

// The diagnosis as it runs: a port x protocol grid, a timeline of every
// probe, the message ladder of the selected probe, progress with the time
// left, Cancel and Run again. In the technical view (help desk) it also shows
// addresses, timings, server versions and the raw transcript.
//
// The page drives the session it is given but does not own it: the wizard
// (and the pages after this one) read the results from the same session.
class DiagnosticsPage : public QWizardPage
{
    Q_OBJECT

public:
    enum class RunState
    {
        NotStarted,
        Unusable, // the provider had no plan: the answers so far cannot be tested
        Starting, // waiting for an earlier run of the session to wind down
        Running,
        Finished,
        Cancelled,
    };
    Q_ENUM(RunState)

    explicit DiagnosticsPage(DiagnosticSession& session, QWidget* parent = nullptr);
    ~DiagnosticsPage() override;

    // Called by the wizard: returns the plan for the current answers, or
    // nullopt when the input is unusable.
    void setPlanProvider(std::function<std::optional<DiagnosticPlan>()> provider);

    void initializePage() override;   // starts a run with provider()'s plan; never blocks
    void cleanupPage() override;      // Back: cancels a running session
    bool isComplete() const override; // true once the run finished or was cancelled

    // Help-desk mode: addresses, timings, server version, raw transcript visible.
    void setTechnicalView(bool on);
    bool technicalView() const { return m_technical; }

    // No pulsing cells, timeline bars jump once a second. Starts as
    // reducedMotionRequested() says.
    void setReducedMotion(bool reduced);
    bool reducedMotion() const { return m_reducedMotion; }
    // The environment variable RTMPDOCTOR_REDUCED_MOTION is set to 1 (or true).
    static bool reducedMotionRequested();

    RunState runState() const { return m_runState; }
    // What Cancel and Run again do.
    void cancelRun();
    void runAgain();

    // The probe whose ladder and transcript are shown; empty for none.
    QString selectedProbeId() const { return m_selectedId; }
    void selectProbe(const QString& probeId);

    const DiagnosticsModel& model() const { return *m_model; }
    PortGridWidget* portGrid() const { return m_grid; }
    ProbeTimelineWidget* timeline() const { return m_timeline; }
    HandshakeLadderWidget* ladder() const { return m_ladder; }

signals:
    void runFinished();
    void runStateChanged(rd::DiagnosticsPage::RunState state);

private:
    void startRun();
    void beginSessionRun();
    void onSessionFinished();
    void onProgress(int done, int total);
    void onTrackChanged(int index);
    void onProbePicked(const QString& probeId);
    // deferViews: the ladder, details and transcript follow with the next refresh.
    void showSelection(const QString& probeId, bool deferViews = false);
    void scheduleRefresh();
    void flushRefresh();
    void refreshSelected();
    void followRun(int index);
    void pickAfterRun();
    void refreshEta();
    qint64 slowestProbeLeftMs() const;
    void setRunState(RunState state);
    void showRunState();
    QString flashSequenceSentence() const;
    QString transcriptText() const;
    QString detailsText() const;

    QPointer<DiagnosticSession> m_session;
    std::function<std::optional<DiagnosticPlan>()> m_provider;
    DiagnosticPlan m_plan;
    RunState m_runState = RunState::NotStarted;
    bool m_startWhenIdle = false;
    bool m_cancelRequested = false;
    bool m_userPicked = false;
    bool m_technical = false;
    bool m_reducedMotion = false;
    QString m_selectedId;
    int m_done = 0;
    int m_total = 0;
    EtaEstimator m_eta;
    QElapsedTimer m_runClock;
    QTimer m_etaTicker;
    QTimer m_refreshTimer;
    bool m_progressDirty = false;
    bool m_selectionDirty = false;

    DiagnosticsModel* m_model = nullptr;
    QLabel* m_status = nullptr;
    QProgressBar* m_progress = nullptr;
    QLabel* m_etaLabel = nullptr;
    QPushButton* m_cancel = nullptr;
    QPushButton* m_rerun = nullptr;
    QSplitter* m_splitter = nullptr;
    PortGridWidget* m_grid = nullptr;
    QScrollArea* m_timelineScroll = nullptr;
    ProbeTimelineWidget* m_timeline = nullptr;
    QLabel* m_details = nullptr;
    QScrollArea* m_ladderScroll = nullptr;
    HandshakeLadderWidget* m_ladder = nullptr;
    QPlainTextEdit* m_transcript = nullptr;
};

} // namespace rd
