#include "diagnosticspage.h"

#include "diagnostics/diagnosticsmodel.h"
#include "diagnostics/ladderwidget.h"
#include "diagnostics/portgridwidget.h"
#include "diagnostics/probepresentation.h"
#include "diagnostics/timelinewidget.h"
#include "engine/diagnosticsession.h"
#include "probe/netprobes.h"
#include "probe/rtmpconversation.h"

#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QSplitter>
#include <QVBoxLayout>

namespace rd {

namespace {

constexpr int kEtaRefreshMs = 1000;
// Progress and the selected probe's views are redrawn at most this often: a
// burst of results (a refused port skips all that depends on it) then costs
// one repaint, not one per probe.
constexpr int kRefreshMs = 33;
// A probe still running after this long is most likely waiting for its
// timeout (a filtered port, a silent server).
constexpr qint64 kSlowProbeMs = 1000;
constexpr qsizetype kTranscriptHexBytes = 32;

QString hexPreview(const QByteArray& bytes)
{
    QString hex = QString::fromLatin1(bytes.left(kTranscriptHexBytes).toHex(' '));
    if (bytes.size() > kTranscriptHexBytes)
        hex += QStringLiteral(" ...");
    return hex;
}

QString arrowOf(TranscriptDirection direction)
{
    switch (direction) {
    case TranscriptDirection::Sent:
        return QStringLiteral("->");
    case TranscriptDirection::Received:
        return QStringLiteral("<-");
    case TranscriptDirection::Note:
        break;
    }
    return QStringLiteral("  ");
}

// How long a slow probe of this kind usually keeps going before it gives up
// by itself. Probes after the TCP grid reach a port already known to be open,
// so what they wait for is a reply: the read timeout.
qint64 timeBudgetOf(ProbeKind kind, const ProbeTimeouts& timeouts)
{
    qint64 budget = 0;
    switch (kind) {
    case ProbeKind::Dns:
        budget = timeouts.dnsMs;
        break;
    case ProbeKind::TcpPort:
        budget = timeouts.connectMs;
        break;
    case ProbeKind::Proxy:
        budget = qint64(timeouts.connectMs) + timeouts.readMs;
        break;
    default:
        budget = timeouts.readMs;
        break;
    }
    return std::min<qint64>(budget, timeouts.probeMs);
}

QScrollArea* scrollAreaFor(QWidget* content, QWidget* parent)
{
    auto* area = new QScrollArea(parent);
    area->setWidget(content);
    area->setWidgetResizable(true);
    area->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    area->setFocusPolicy(Qt::NoFocus);
    content->setAutoFillBackground(false);
    area->viewport()->setBackgroundRole(QPalette::Base);
    return area;
}

} // namespace

bool DiagnosticsPage::reducedMotionRequested()
{
    const QByteArray value = qgetenv("RTMPDOCTOR_REDUCED_MOTION").trimmed().toLower();
    return value == "1" || value == "true" || value == "yes" || value == "on";
}

DiagnosticsPage::DiagnosticsPage(DiagnosticSession& session, QWidget* parent)
    : QWizardPage(parent)
    , m_session(&session)
{
    setObjectName(QStringLiteral("diagnosticsPage"));
    setTitle(tr("Testing the way to your server"));
    setSubTitle(
        tr("Each cell is one test of one port. Point at a cell for the reason; pick it to see what this "
           "computer and the server said."));

    m_model = new DiagnosticsModel(this);
    m_model->setObjectName(QStringLiteral("diagModel"));
    m_model->attach(&session);

    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("diagStatus"));
    m_status->setAccessibleName(tr("Diagnosis status"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("diagProgress"));
    m_progress->setAccessibleName(tr("Diagnosis progress"));
    m_progress->setRange(0, 1);
    m_progress->setValue(0);
    m_progress->setFormat(tr("%v of %m tests"));

    m_etaLabel = new QLabel(this);
    m_etaLabel->setObjectName(QStringLiteral("diagEta"));
    m_etaLabel->setAccessibleName(tr("Time left"));
    m_etaLabel->setMinimumWidth(fontMetrics().horizontalAdvance(tr("Time left: about 55 seconds")) + 8);

    m_cancel = new QPushButton(tr("&Cancel tests"), this);
    m_cancel->setObjectName(QStringLiteral("diagCancel"));
    m_cancel->setAccessibleName(tr("Cancel the tests"));
    m_cancel->setToolTip(tr("Stop every test now; what has ended so far is kept"));
    m_cancel->setAutoDefault(false);

    m_rerun = new QPushButton(tr("&Run again"), this);
    m_rerun->setObjectName(QStringLiteral("diagRerun"));
    m_rerun->setAccessibleName(tr("Run the tests again"));
    m_rerun->setToolTip(tr("Test everything again, for example after changing a firewall or router setting"));
    m_rerun->setAutoDefault(false);

    m_grid = new PortGridWidget(*m_model, this);
    m_grid->setObjectName(QStringLiteral("diagPortGrid"));
    m_grid->setAccessibleName(tr("Results by port and protocol"));

    m_timeline = new ProbeTimelineWidget(*m_model);
    m_timeline->setObjectName(QStringLiteral("diagTimeline"));
    m_timeline->setAccessibleName(tr("Timeline of every test"));
    m_timelineScroll = new TimelineScrollArea(m_timeline, this);
    m_timelineScroll->setObjectName(QStringLiteral("diagTimelineScroll"));

    m_details = new QLabel(this);
    m_details->setObjectName(QStringLiteral("diagProbeDetails"));
    m_details->setAccessibleName(tr("Selected test"));
    m_details->setWordWrap(true);
    m_details->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_details->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    // Room for two lines from the start, so picking probes with shorter or no
    // messages does not re-lay out the page every time.
    m_details->setMinimumHeight(2 * m_details->fontMetrics().lineSpacing() + 4);

    m_ladder = new HandshakeLadderWidget;
    m_ladder->setObjectName(QStringLiteral("diagLadder"));
    m_ladder->setAccessibleName(tr("Messages between this computer and the server"));
    m_ladderScroll = scrollAreaFor(m_ladder, this);
    m_ladderScroll->setObjectName(QStringLiteral("diagLadderScroll"));

    m_transcript = new QPlainTextEdit(this);
    m_transcript->setObjectName(QStringLiteral("diagTranscript"));
    m_transcript->setAccessibleName(tr("Raw transcript of the selected test"));
    m_transcript->setReadOnly(true);
    m_transcript->setLineWrapMode(QPlainTextEdit::NoWrap);
    QFont monospace = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    monospace.setStyleHint(QFont::TypeWriter);
    monospace.setFixedPitch(true);
    m_transcript->setFont(monospace);
    m_transcript->setPlaceholderText(tr("Pick a test to see every message it sent and received."));
    m_transcript->hide();

    auto* controls = new QHBoxLayout;
    controls->addWidget(m_progress, 1);
    controls->addWidget(m_etaLabel);
    controls->addWidget(m_cancel);
    controls->addWidget(m_rerun);

    auto* left = new QWidget(this);
    auto* leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(m_grid);
    leftLayout->addWidget(m_timelineScroll, 1);

    auto* right = new QWidget(this);
    auto* rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    rightLayout->addWidget(m_details);
    rightLayout->addWidget(m_ladderScroll, 3);
    rightLayout->addWidget(m_transcript, 2);

    m_splitter = new QSplitter(Qt::Horizontal, this);
    m_splitter->setObjectName(QStringLiteral("diagSplitter"));
    m_splitter->setChildrenCollapsible(false);
    m_splitter->addWidget(left);
    m_splitter->addWidget(right);
    m_splitter->setStretchFactor(0, 1);
    m_splitter->setStretchFactor(1, 1);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_status);
    layout->addLayout(controls);
    layout->addWidget(m_splitter, 1);

    setTabOrder(m_cancel, m_rerun);
    setTabOrder(m_rerun, m_grid);
    setTabOrder(m_grid, m_timeline);
    setTabOrder(m_timeline, m_transcript);

    m_refreshTimer.setSingleShot(true);
    m_refreshTimer.setInterval(kRefreshMs);
    connect(&m_refreshTimer, &QTimer::timeout, this, &DiagnosticsPage::flushRefresh);
    m_etaTicker.setInterval(kEtaRefreshMs);
    connect(&m_etaTicker, &QTimer::timeout, this, &DiagnosticsPage::refreshEta);
    connect(m_cancel, &QPushButton::clicked, this, &DiagnosticsPage::cancelRun);
    connect(m_rerun, &QPushButton::clicked, this, &DiagnosticsPage::runAgain);
    connect(m_grid, &PortGridWidget::probeSelected, this, &DiagnosticsPage::onProbePicked);
    connect(m_timeline, &ProbeTimelineWidget::probeSelected, this, &DiagnosticsPage::onProbePicked);
    connect(m_model, &DiagnosticsModel::trackChanged, this, &DiagnosticsPage::onTrackChanged);
    connect(&session, &DiagnosticSession::progressChanged, this, &DiagnosticsPage::onProgress);
    connect(&session, &DiagnosticSession::finished, this, &DiagnosticsPage::onSessionFinished);

    setReducedMotion(reducedMotionRequested());
    showRunState();
}

DiagnosticsPage::~DiagnosticsPage()
{
    // The session usually outlives the page; nothing of it may reach a
    // half-destroyed page.
    if (m_session)
        disconnect(m_session, nullptr, this, nullptr);
    m_model->attach(nullptr);
}

void DiagnosticsPage::setPlanProvider(std::function<std::optional<DiagnosticPlan>()> provider)
{
    m_provider = std::move(provider);
}

void DiagnosticsPage::initializePage()
{
    startRun();
}

void DiagnosticsPage::cleanupPage()
{
    m_startWhenIdle = false;
    cancelRun();
    QWizardPage::cleanupPage();
}

bool DiagnosticsPage::isComplete() const
{
    return m_runState == RunState::Finished || m_runState == RunState::Cancelled;
}

void DiagnosticsPage::setTechnicalView(bool on)
{
    m_technical = on;
    m_grid->setTechnicalView(on);
    m_timeline->setTechnicalView(on);
    m_ladder->setTechnicalView(on);
    m_transcript->setVisible(on);
    refreshSelected();
}

void DiagnosticsPage::setReducedMotion(bool reduced)
{
    m_reducedMotion = reduced;
    m_grid->setReducedMotion(reduced);
    m_timeline->setReducedMotion(reduced);
}

void DiagnosticsPage::runAgain()
{
    if (m_runState == RunState::Running || m_runState == RunState::Starting)
        return;
    startRun();
}

void DiagnosticsPage::cancelRun()
{
    if (m_runState == RunState::Starting) {
        m_startWhenIdle = false;
        setRunState(RunState::Cancelled);
        emit completeChanged();
        return;
    }
    if (m_runState != RunState::Running || !m_session)
        return;
    m_cancelRequested = true;
    m_cancel->setEnabled(false);
    m_session->cancel();
}

void DiagnosticsPage::startRun()
{
    m_userPicked = false;
    m_cancelRequested = false;
    m_selectedId.clear();
    m_model->beginRun();
    showSelection({});
    std::optional<DiagnosticPlan> plan = m_provider ? m_provider() : std::nullopt;
    if (!plan || !m_session) {
        setRunState(RunState::Unusable);
        emit completeChanged();
        return;
    }
    m_plan = *plan;
    if (m_session->isRunning()) {
        // An earlier run (Back, then Next at once) is still winding down;
        // this one starts when the session reports it has.
        m_startWhenIdle = true;
        m_session->cancel();
        setRunState(RunState::Starting);
        emit completeChanged();
        return;
    }
    beginSessionRun();
}

void DiagnosticsPage::beginSessionRun()
{
    m_startWhenIdle = false;
    if (!m_session || m_session->isRunning())
        return;
    m_model->beginRun();
    m_done = 0;
    m_total = 0;
    m_progressDirty = false;
    m_progress->setRange(0, 1);
    m_progress->setValue(0);
    m_eta.reset(m_plan.timeouts.sessionMs);
    m_runClock.start();
    setRunState(RunState::Running);
    emit completeChanged();
    m_etaTicker.start();
    if (!m_session->start(m_plan)) {
        m_etaTicker.stop();
        setRunState(RunState::Unusable);
        emit completeChanged();
    }
}

void DiagnosticsPage::onSessionFinished()
{
    if (m_startWhenIdle) {
        // Out of the session's own emit, so it is fully idle when asked again.
        QMetaObject::invokeMethod(this, &DiagnosticsPage::beginSessionRun, Qt::QueuedConnection);
        return;
    }
    if (m_runState != RunState::Running)
        return;
    m_etaTicker.stop();
    flushRefresh();
    setRunState(m_cancelRequested ? RunState::Cancelled : RunState::Finished);
    if (!m_userPicked)
        pickAfterRun();
    emit completeChanged();
    emit runFinished();
}

void DiagnosticsPage::onProgress(int done, int total)
{
    if (m_runState != RunState::Running)
        return;
    m_done = done;
    m_total = total;
    m_eta.observe(m_runClock.elapsed(), done, total, slowestProbeLeftMs());
    m_progressDirty = true;
    scheduleRefresh();
}

void DiagnosticsPage::scheduleRefresh()
{
    if (!m_refreshTimer.isActive())
        m_refreshTimer.start();
}

void DiagnosticsPage::flushRefresh()
{
    m_refreshTimer.stop();
    if (m_progressDirty) {
        m_progressDirty = false;
        // QProgressBar repaints at once on every change, so only here.
        m_progress->setRange(0, std::max(1, m_total));
        m_progress->setValue(m_done);
        refreshEta();
    }
    if (m_selectionDirty) {
        m_selectionDirty = false;
        refreshSelected();
    }
}

void DiagnosticsPage::refreshEta()
{
    if (m_runState != RunState::Running) {
        showRunState();
        return;
    }
    if (sender() == &m_etaTicker)
        m_eta.observe(m_runClock.elapsed(), m_done, m_total, slowestProbeLeftMs());
    m_etaLabel->setText(tr("Time left: %1").arg(EtaEstimator::describe(m_eta.remainingMs())));
}

qint64 DiagnosticsPage::slowestProbeLeftMs() const
{
    qint64 slowest = 0;
    const qint64 now = m_model->nowMs();
    for (const ProbeTrack& track : m_model->tracks()) {
        if (track.phase != ProbePhase::Running)
            continue;
        const qint64 runningFor = now - track.seenStartMs;
        if (runningFor >= kSlowProbeMs)
            slowest = std::max(slowest, timeBudgetOf(track.result.kind, m_plan.timeouts) - runningFor);
    }
    return slowest;
}

void DiagnosticsPage::setRunState(RunState state)
{
    if (m_runState == state)
        return;
    m_runState = state;
    showRunState();
    emit runStateChanged(state);
}

// For a Flash-era client (AVChat 3) with rtmp:// and no port: where its own port sequence would
// stop, read off the finished tests. Empty otherwise.
QString DiagnosticsPage::flashSequenceSentence() const
{
    if (!m_plan.flashSequence || !m_session)
        return {};
    const ProbeResult sequence = withFlashSequenceVerdict(m_plan, m_session->results()).constLast();
    switch (sequence.status) {
    case ProbeStatus::FlashSequenceConnects:
        return u' ' + tr("AVChat and other Flash clients would connect at step %1 of their port sequence: %2")
                          .arg(sequence.facts.value(flashfacts::stoppingStep).toInt())
                          .arg(sequence.facts.value(flashfacts::stoppingUrl).toString());
    case ProbeStatus::FlashSequenceNoPath:
        return u' ' + tr("AVChat and other Flash clients would find no way in: RTMP on 1935, 443 and 80 and "
                         "RTMPT on 80 all fail.");
    default:
        return {};
    }
}

void DiagnosticsPage::showRunState()
{
    const bool running = m_runState == RunState::Running || m_runState == RunState::Starting;
    m_cancel->setVisible(running);
    m_cancel->setEnabled(running && !m_cancelRequested);
    m_rerun->setVisible(!running);
    m_rerun->setEnabled(m_runState == RunState::Finished || m_runState == RunState::Cancelled);

    int passed = 0;
    int problems = 0;
    int skipped = 0;
    for (const ProbeTrack& track : m_model->tracks()) {
        if (track.phase != ProbePhase::Done)
            continue;
        switch (track.result.verdict()) {
        case Verdict::Pass:
            ++passed;
            break;
        case Verdict::Warn:
        case Verdict::Fail:
            ++problems;
            break;
        case Verdict::Skipped:
            ++skipped;
            break;
        }
    }
    const QString took = ProbeWords::duration(m_runClock.isValid() ? m_runClock.elapsed() : 0);
    switch (m_runState) {
    case RunState::NotStarted:
        m_status->setText(tr("The tests start when you come to this page."));
        m_etaLabel->clear();
        break;
    case RunState::Unusable:
        m_status->setText(tr("There is nothing to test yet: go back and enter a server address that can be "
                             "used."));
        m_etaLabel->clear();
        break;
    case RunState::Starting:
        m_status->setText(tr("Stopping the previous tests first..."));
        m_etaLabel->clear();
        break;
    case RunState::Running:
        m_status->setText(tr("Testing %1 ...").arg(m_plan.host));
        m_etaLabel->setText(tr("Time left: %1").arg(EtaEstimator::describe(m_eta.remainingMs())));
        break;
    case RunState::Finished:
        m_status->setText(tr("Done in %1: %2 passed, %3 with a problem, %4 not run.")
                              .arg(took)
                              .arg(passed)
                              .arg(problems)
                              .arg(skipped) +
                          flashSequenceSentence());
        m_etaLabel->setText(tr("Finished"));
        break;
    case RunState::Cancelled:
        m_status->setText(tr("Cancelled after %1: %2 passed, %3 with a problem, %4 not run or stopped.")
                              .arg(took)
                              .arg(passed)
                              .arg(problems)
                              .arg(skipped));
        m_etaLabel->setText(tr("Cancelled"));
        break;
    }
}

void DiagnosticsPage::onProbePicked(const QString& probeId)
{
    m_userPicked = true;
    showSelection(probeId);
}

void DiagnosticsPage::selectProbe(const QString& probeId)
{
    m_userPicked = !probeId.isEmpty();
    showSelection(probeId);
}

void DiagnosticsPage::showSelection(const QString& probeId, bool deferViews)
{
    m_selectedId = probeId;
    m_grid->selectProbe(probeId);
    m_timeline->selectProbe(probeId);
    const QRect row = m_timeline->rowRect(m_timeline->selectedRow());
    if (!row.isEmpty()) {
        m_timelineScroll->ensureVisible(row.center().x(), row.center().y(), 0, row.height() / 2 + 1);
        // Whole rows at the top edge, as far as the selected row stays in view.
        QScrollBar* bar = m_timelineScroll->verticalScrollBar();
        const int step = row.height();
        const int snapped = bar->value() % step == 0 ? bar->value() : (bar->value() / step + 1) * step;
        if (snapped <= bar->maximum() && snapped <= row.top())
            bar->setValue(snapped);
    }
    if (deferViews) {
        m_selectionDirty = true;
        scheduleRefresh();
        return;
    }
    m_selectionDirty = false;
    refreshSelected();
}

void DiagnosticsPage::onTrackChanged(int index)
{
    const QList<ProbeTrack>& tracks = m_model->tracks();
    if (index < 0 || index >= tracks.size())
        return;
    if (!m_userPicked)
        followRun(index);
    if (tracks[index].result.probeId == m_selectedId) {
        m_selectionDirty = true;
        scheduleRefresh();
    }
}

void DiagnosticsPage::followRun(int index)
{
    // Until the user picks something, the ladder follows the probes on the
    // URL's own port, the line a real encoder would take.
    const ProbeTrack& track = m_model->tracks()[index];
    if (track.phase != ProbePhase::Running || track.result.target.port != m_model->urlPort())
        return;
    switch (track.result.kind) {
    case ProbeKind::Handshake:
    case ProbeKind::Tls:
    case ProbeKind::Rtmpt:
    case ProbeKind::Connect:
    case ProbeKind::Publish:
        if (track.result.probeId != m_selectedId)
            showSelection(track.result.probeId, true);
        break;
    default:
        break;
    }
}

void DiagnosticsPage::pickAfterRun()
{
    // The first problem on the URL's own port, which is what the encoder
    // uses; when there is none, the deepest probe that ran there (usually the
    // connect), whose ladder shows the whole conversation; otherwise the
    // first problem anywhere (the name lookup, for one).
    const QList<ProbeTrack>& tracks = m_model->tracks();
    const quint16 urlPort = m_model->urlPort();
    const auto isProblem = [](const ProbeTrack& track) {
        const Verdict verdict = track.result.verdict();
        return track.ran() && (verdict == Verdict::Fail || verdict == Verdict::Warn);
    };
    const auto onUrlPort = [urlPort](const ProbeTrack& track) {
        return track.result.target.port == urlPort && track.result.kind != ProbeKind::Dns &&
               track.result.kind != ProbeKind::Proxy;
    };
    QString pick;
    for (qsizetype index = 0; pick.isEmpty() && index < tracks.size(); ++index) {
        if (isProblem(tracks[index]) && onUrlPort(tracks[index]))
            pick = tracks[index].result.probeId;
    }
    for (qsizetype index = tracks.size() - 1; pick.isEmpty() && index >= 0; --index) {
        if (tracks[index].ran() && onUrlPort(tracks[index]))
            pick = tracks[index].result.probeId;
    }
    for (qsizetype index = 0; pick.isEmpty() && index < tracks.size(); ++index) {
        if (isProblem(tracks[index]))
            pick = tracks[index].result.probeId;
    }
    showSelection(pick);
}

void DiagnosticsPage::refreshSelected()
{
    const ProbeTrack* track = m_model->track(m_selectedId);
    m_ladder->showTrack(track);
    m_details->setText(detailsText());
    if (m_transcript->isVisible() || m_technical) {
        const QString text = transcriptText();
        if (text != m_transcript->toPlainText())
            m_transcript->setPlainText(text);
    }
}

QString DiagnosticsPage::detailsText() const
{
    const ProbeTrack* track = m_model->track(m_selectedId);
    if (track == nullptr)
        return {};
    const ProbeResult& result = track->result;
    QStringList parts;
    if (track->phase == ProbePhase::Done && !result.message.isEmpty())
        parts << result.message;
    if (m_technical && track->ran()) {
        QStringList facts;
        const QString address = result.target.address.isEmpty() ? result.target.host : result.target.address;
        facts << tr("address %1").arg(netprobe::endpointText(address, result.target.port));
        facts << tr("started after %1").arg(ProbeWords::duration(result.startedAtMs));
        facts << tr("took %1").arg(ProbeWords::duration(result.elapsedMs));
        const QString serverVersion = result.facts.value(rtmpfacts::serverVersion).toString();
        if (!serverVersion.isEmpty())
            facts << tr("server version %1").arg(serverVersion);
        const QString fmsVer = result.facts.value(rtmpfacts::fmsVer).toString();
        if (!fmsVer.isEmpty())
            facts << tr("server software %1").arg(fmsVer);
        parts << facts.join(QStringLiteral(" · "));
    }
    return parts.join(u'\n');
}

QString DiagnosticsPage::transcriptText() const
{
    const ProbeTrack* track = m_model->track(m_selectedId);
    if (track == nullptr)
        return {};
    const ProbeResult& result = track->result;
    QStringList lines;
    lines << tr("%1 (%2)").arg(ProbeWords::title(result), result.probeId);
    if (track->phase != ProbePhase::Done) {
        for (const ProbeStep& step : track->liveSteps)
            lines << QStringLiteral("%1  .. %2 %3")
                         .arg(tr("+%1").arg(ProbeWords::duration(step.atMs)), -9)
                         .arg(step.name, step.detail);
        lines << tr("(every message appears here when the test ends)");
        return lines.join(u'\n');
    }
    lines
        << tr("status %1 after %2").arg(probeStatusId(result.status), ProbeWords::duration(result.elapsedMs));
    for (const TranscriptEntry& entry : result.transcript) {
        lines << QStringLiteral("%1  %2 %3")
                     .arg(tr("+%1").arg(ProbeWords::duration(entry.atMs)), -9)
                     .arg(arrowOf(entry.direction), entry.summary);
        if (!entry.bytes.isEmpty())
            lines << QStringLiteral("%1     %2").arg(QString(), -9).arg(hexPreview(entry.bytes));
    }
    if (result.transcript.isEmpty())
        lines << tr("(nothing was sent or received)");
    return lines.join(u'\n');
}

} // namespace rd
