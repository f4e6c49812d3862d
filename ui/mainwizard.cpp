#include "mainwizard.h"

#include "camera/cameracheckwidget.h"
#include "catalog/catalogs.h"
#include "diagnosis/bitratefit.h"
#include "engine/allprobes.h"
#include "engine/diagnosticsession.h"
#include "pages/camerachecklistpage.h"
#include "pages/diagnosticspage.h"
#include "pages/encoderpage.h"
#include "pages/ingesturlpage.h"
#include "pages/reportpage.h"
#include "pages/resultpage.h"
#include "pages/symptomspage.h"
#include "pages/walkthroughpage.h"
#include "pages/welcomepage.h"
#include "report/reportfile.h"
#include "report/sessionrecorder.h"
#include "widgets/themedicon.h"

#include <QDir>
#include <QFileDialog>
#include <QIcon>
#include <QMessageBox>
#include <QPushButton>
#include <QStandardPaths>

#include <algorithm>

namespace rd {

using namespace Qt::StringLiterals;

const QString MainWizard::kHelpDeskField = QStringLiteral("helpDeskMode");
const QString MainWizard::kEncoderIdField = QStringLiteral("encoderId");
const QString MainWizard::kIngestUrlField = QStringLiteral("ingestUrl");
const QString MainWizard::kStreamKeyField = QStringLiteral("streamKey");
const QString MainWizard::kServerFamilyField = QStringLiteral("serverFamilyId");
const QString MainWizard::kErrorTextField = QStringLiteral("errorText");
const QString MainWizard::kRememberKeyField = QStringLiteral("rememberStreamKey");
const QString MainWizard::kSymptomsField = QStringLiteral("symptoms");
const QString MainWizard::kNetworkField = QStringLiteral("network");
const QString MainWizard::kPublishCheckField = QStringLiteral("publishCheck");
const QString MainWizard::kCameraChecklistField = QStringLiteral("cameraChecklist");
const QString MainWizard::kStreamBitrateField = QStringLiteral("streamBitrateKbps");
const QString MainWizard::kUploadSpeedField = QStringLiteral("uploadSpeedKbps");

QStringList MainWizard::connectionSymptoms()
{
    return {u"cannot-connect"_s, u"disconnects"_s, u"stutters"_s};
}

QStringList MainWizard::videoSymptoms()
{
    return {u"low-framerate"_s, u"bandwidth-not-used"_s, u"dark-or-noisy-image"_s, u"no-image"_s};
}

MainWizard::MainWizard(const Catalogs& catalogs, QWidget* parent)
    : QWizard(parent)
    , m_catalogs(catalogs)
{
    KnowledgeLoadResult loaded = KnowledgeBase::loadBuiltIn(&catalogs);
    if (loaded.ok()) {
        m_ownKnowledge = std::move(loaded.knowledge);
    } else {
        qWarning("RTMP Doctor: the built-in knowledge base does not load: %s",
                 qPrintable(loaded.error.toString()));
        m_ownKnowledge.emplace();
    }
    m_knowledge = &*m_ownKnowledge;
    setUp();
}

MainWizard::MainWizard(const Catalogs& catalogs, const KnowledgeBase& knowledge, QWidget* parent)
    : QWizard(parent)
    , m_catalogs(catalogs)
    , m_knowledge(&knowledge)
{
    setUp();
}

MainWizard::~MainWizard()
{
    // The pages go before the session (see m_session); nothing may still run then.
    m_session->cancel();
}

void MainWizard::setUp()
{
    setObjectName(u"mainWizard"_s);
    setWindowTitle(tr("RTMP Doctor"));
    setWindowIcon(QIcon(u":/icons/app/rtmp-doctor.svg"_s));
    setWizardStyle(QWizard::ModernStyle);
    setOption(QWizard::NoBackButtonOnStartPage, true);
    setOption(QWizard::HaveHelpButton, false);
    setOption(QWizard::HaveCustomButton1, true);
    setOption(QWizard::HaveCustomButton2, true);
    setMinimumSize(760, 540);
    setPixmap(QWizard::LogoPixmap, QIcon(u":/icons/app/rtmp-doctor.svg"_s).pixmap(QSize(48, 48)));

    m_session = new DiagnosticSession(allProbeFactories(), this);
    m_session->setObjectName(u"diagnosticSession"_s);
    m_recorder = new SessionRecorder(m_session, m_session);

    auto* welcome = new WelcomePage(this);
    connect(welcome, &WelcomePage::helpDeskChosen, this, &MainWizard::setTechnicalView);
    setPage(WelcomePageId, welcome);
    setPage(EncoderPageId, new EncoderPage(m_catalogs.encoders, this));
    setPage(IngestUrlPageId, new IngestUrlPage(m_catalogs, *m_knowledge, this));
    setPage(SymptomsPageId, new SymptomsPage(this));
    setPage(CameraChecklistPageId, new CameraChecklistPage(*m_knowledge, this));
    m_diagnosticsPage = new DiagnosticsPage(*m_session, this);
    m_diagnosticsPage->setPlanProvider([this] { return planForAnswers(); });
    // The page says Running just before it starts the session: the timeline begins there, also for
    // "Run again" and for a run that waited for an earlier one to wind down.
    connect(m_diagnosticsPage, &DiagnosticsPage::runStateChanged, this,
            [this](DiagnosticsPage::RunState state) {
                if (state == DiagnosticsPage::RunState::Running)
                    m_recorder->restart();
            });
    setPage(DiagnosticsPageId, m_diagnosticsPage);
    setPage(ResultPageId, new ResultPage(this));
    setPage(WalkthroughPageId, new WalkthroughPage(this));
    setPage(ReportPageId, new ReportPage(this));
    setStartId(WelcomePageId);

    auto* technical = new QPushButton(themedIcon(u"technical"_s), tr("&Technical view"), this);
    technical->setObjectName(u"technicalViewToggle"_s);
    technical->setAccessibleName(tr("Technical view"));
    technical->setToolTip(
        tr("Show addresses, timings, server versions and the raw exchange with the server"));
    technical->setCheckable(true);
    technical->setAutoDefault(false);
    setButton(QWizard::CustomButton1, technical);
    connect(technical, &QPushButton::toggled, this, &MainWizard::setTechnicalView);

    auto* save = new QPushButton(themedIcon(u"save"_s), tr("Sa&ve session..."), this);
    save->setObjectName(u"saveSessionButton"_s);
    save->setAccessibleName(tr("Save session"));
    save->setToolTip(tr("Save everything tested and found as a file RTMP Doctor can open again"));
    save->setAutoDefault(false);
    setButton(QWizard::CustomButton2, save);
    connect(save, &QPushButton::clicked, this, &MainWizard::saveSessionInteractively);

    setButtonLayout({QWizard::CustomButton1, QWizard::Stretch, QWizard::CustomButton2, QWizard::BackButton,
                     QWizard::NextButton, QWizard::FinishButton, QWizard::CancelButton});

    connect(this, &QWizard::currentIdChanged, this, &MainWizard::onCurrentIdChanged);
    updateCustomButtons();
}

void MainWizard::setNetworkProbeOptions(const NetworkProbeOptions& options)
{
    m_session->setFactories(allProbeFactories(options));
}

IngestCheck MainWizard::ingestCheck() const
{
    if (const auto* urlPage = qobject_cast<const IngestUrlPage*>(page(IngestUrlPageId)))
        return urlPage->check();
    return {};
}

std::optional<DiagnosticPlan> MainWizard::planForAnswers() const
{
    const IngestCheck check = ingestCheck();
    if (!check.url.isUsable())
        return std::nullopt;
    DiagnosticPlan::Options options = m_planOptions;
    options.publishCheck = field(kPublishCheckField).toBool();
    const EncoderInfo* encoder = m_catalogs.encoders.find(field(kEncoderIdField).toString());
    options.flashClient = encoder != nullptr && encoder->kind == EncoderKind::VideoChat;
    return DiagnosticPlan::fromIngestUrl(check.url, options);
}

QStringList MainWizard::symptoms() const
{
    return field(kSymptomsField).toStringList();
}

bool MainWizard::hasConnectionSymptom() const
{
    const QStringList chosen = symptoms();
    const QStringList connection = connectionSymptoms();
    return std::any_of(chosen.begin(), chosen.end(),
                       [&](const QString& id) { return connection.contains(id); });
}

bool MainWizard::hasVideoSymptom() const
{
    const QStringList chosen = symptoms();
    const QStringList video = videoSymptoms();
    return std::any_of(chosen.begin(), chosen.end(), [&](const QString& id) { return video.contains(id); });
}

bool MainWizard::wantsCameraCheck() const
{
    if (hasVideoSymptom())
        return true;
    const EncoderInfo* encoder = m_catalogs.encoders.find(field(kEncoderIdField).toString());
    return encoder != nullptr && encoder->kind == EncoderKind::VideoChat;
}

bool MainWizard::probesRanThisPass() const
{
    return visitedIds().contains(DiagnosticsPageId);
}

DiagnosisInput MainWizard::diagnosisInput() const
{
    const IngestCheck check = ingestCheck();
    DiagnosisInput input;
    input.setIngestUrl(check.url);
    input.urlFindings = check.findings;
    if (probesRanThisPass()) {
        const QList<ProbeResult> results = withFlashSequenceVerdict(m_session->plan(), m_session->results());
        for (const ProbeResult& result : results) {
            if (result.status != ProbeStatus::NotRun)
                input.probeResults << result;
        }
    }
    const QStringList chosenSymptoms = symptoms();
    if (!chosenSymptoms.isEmpty())
        input.answers.insert(u"symptom"_s, chosenSymptoms);
    const QString network = field(kNetworkField).toString();
    if (!network.isEmpty())
        input.answers.insert(u"network"_s, {network});
    input.errorMatches = m_knowledge->matcher().match(field(kErrorTextField).toString()).matches;
    input.encoderId = field(kEncoderIdField).toString();
    input.serverFamilyId = field(kServerFamilyField).toString();
    const QString separateKey = field(kStreamKeyField).toString();
    if (!separateKey.isEmpty() && !input.secrets.contains(separateKey))
        input.secrets << separateKey;
    // What the camera page measured counts only when this pass went through it.
    if (visitedIds().contains(CameraChecklistPageId)) {
        if (const auto* checklist = qobject_cast<const CameraChecklistPage*>(page(CameraChecklistPageId)))
            input.measurements << checklist->cameraCheck()->evidence();
        input.measurements << bitrateEvidence(field(kStreamBitrateField).toInt(),
                                              field(kUploadSpeedField).toInt());
    }
    return input;
}

void MainWizard::diagnoseAnswers()
{
    m_walkthrough.clear();
    const std::optional<DiagnosticPlan> plan = probesRanThisPass() ? m_session->plan() : planForAnswers();
    m_environment = plan ? ReportEnvironment::capture(plan->proxy, plan->host, plan->port)
                         : ReportEnvironment::capture(m_planOptions.proxy);
    updateDiagnosis();
}

void MainWizard::updateDiagnosis()
{
    m_diagnosis = diagnose(*m_knowledge, diagnosisInput());
    rebuildReport();
}

void MainWizard::rebuildReport()
{
    const IngestCheck check = ingestCheck();
    const bool ran = probesRanThisPass();
    const DiagnosticPlan plan = ran ? m_session->plan() : planForAnswers().value_or(DiagnosticPlan{});

    ReportModel report;
    if (ran) {
        report.startedAt = m_recorder->startedAt();
        report.finishedAt = m_recorder->finishedAt();
        report.timeline = m_recorder->timeline();
        const QList<ProbeResult> results = withFlashSequenceVerdict(m_session->plan(), m_session->results());
        for (const ProbeResult& result : results)
            report.probes << ReportModel::normalised(result);
    } else {
        report.startedAt = QDateTime::currentDateTimeUtc();
        report.finishedAt = report.startedAt;
    }
    const QString familyId = field(kServerFamilyField).toString();
    report.inputs = ReportInputs::fromIngestUrl(check.url, check.findings, plan,
                                                m_catalogs.encoders.find(field(kEncoderIdField).toString()),
                                                m_catalogs.servers.find(familyId));
    if (const auto* urlPage = qobject_cast<const IngestUrlPage*>(page(IngestUrlPageId))) {
        const QString chosen = urlPage->serverDetection().familyId == familyId
                                   ? urlPage->serverDetection().reason
                                   : tr("Chosen by the user.");
        report.inputs.serverFamilyReason = chosen;
    }
    report.inputs.pastedErrorText = field(kErrorTextField).toString();
    report.environment = m_environment;
    report.diagnosis = ReportDiagnosis::fromDiagnosis(m_diagnosis);

    const DiagnosisInput input = diagnosisInput();
    report.answers = input.answers;
    const QStringList checklist = field(kCameraChecklistField).toStringList();
    if (hasVideoSymptom()) {
        report.answers.insert(u"camera-checklist"_s, checklist);
        const int bitrate = field(kStreamBitrateField).toInt();
        const int upload = field(kUploadSpeedField).toInt();
        if (bitrate > 0)
            report.answers.insert(u"stream-bitrate-kbps"_s, {QString::number(bitrate)});
        if (upload > 0)
            report.answers.insert(u"upload-speed-kbps"_s, {QString::number(upload)});
    }
    report.walkthrough = m_walkthrough;
    report.addSecrets(ReportModel::secretsOf(check.url, plan));
    report.addSecrets(input.secrets);

    const VerdictAssessment verdict = assessVerdict(report.probes, plan, check.findings, report.diagnosis);
    report.verdict = verdict.verdict;
    report.verdictSummary = verdict.summary;
    m_report = std::move(report);
    emit reportChanged();
}

void MainWizard::recordWalkthroughAnswer(const WalkthroughEntry& entry)
{
    m_walkthrough << entry;
    if (m_showingSavedSession) {
        m_report.walkthrough = m_walkthrough;
        emit reportChanged();
        return;
    }
    updateDiagnosis();
}

MainWizard::SessionFileResult MainWizard::saveSession(const QString& path)
{
    const ReportFileResult written = saveReportJson(m_report, path);
    if (written.ok())
        return {};
    return {SessionFileResult::Status::Failed, written.message};
}

MainWizard::SessionFileResult MainWizard::openSession(const QString& path)
{
    ReportOpenResult opened = openReportJson(path);
    if (!opened.file.ok() || !opened.report)
        return {SessionFileResult::Status::Failed, opened.file.message};
    if (m_session->isRunning())
        m_session->cancel();
    // Back to the start first: leaving a page behind may clear the saved-session state.
    if (currentId() != WelcomePageId)
        restart();
    m_report = std::move(*opened.report);
    m_walkthrough = m_report.walkthrough;
    m_showingSavedSession = true;
    emit reportChanged();
    next();
    return {};
}

int MainWizard::nextId() const
{
    // The Diagnostics page leaves the choice to the wizard.
    if (currentId() == DiagnosticsPageId)
        return ResultPageId;
    return QWizard::nextId();
}

void MainWizard::setTechnicalView(bool on)
{
    if (auto* toggle = qobject_cast<QPushButton*>(button(QWizard::CustomButton1))) {
        const QSignalBlocker blocker(toggle);
        toggle->setChecked(on);
    }
    if (m_technicalView == on)
        return;
    m_technicalView = on;
    m_diagnosticsPage->setTechnicalView(on);
    if (auto* result = qobject_cast<ResultPage*>(page(ResultPageId)))
        result->setTechnicalView(on);
    emit technicalViewChanged(on);
}

void MainWizard::done(int result)
{
    // Closing the window, Cancel and Finish all end a run at once.
    if (m_session->isRunning())
        m_session->cancel();
    QWizard::done(result);
}

void MainWizard::onCurrentIdChanged(int id)
{
    if (id == WelcomePageId && m_showingSavedSession) {
        m_showingSavedSession = false;
        m_report = {};
        m_walkthrough.clear();
        emit reportChanged();
    }
    updateCustomButtons();
}

void MainWizard::updateCustomButtons()
{
    // There is nothing to save before the Result page.
    const int id = currentId();
    button(QWizard::CustomButton2)
        ->setVisible(id == ResultPageId || id == WalkthroughPageId || id == ReportPageId);
}

void MainWizard::saveSessionInteractively()
{
    const QString suggested = QDir(QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation))
                                  .filePath(u"rtmp-doctor-session.json"_s);
    const QString path = QFileDialog::getSaveFileName(this, tr("Save session"), suggested,
                                                      tr("RTMP Doctor sessions (*.json)"));
    if (path.isEmpty())
        return;
    if (auto* report = qobject_cast<ReportPage*>(page(ReportPageId));
        report != nullptr && currentId() == ReportPageId) {
        report->exportJson(path);
        return;
    }
    const SessionFileResult result = saveSession(path);
    if (result.ok())
        return;
    // Not modal-with-its-own-loop: the wizard keeps running behind it.
    auto* box =
        new QMessageBox(QMessageBox::Warning, tr("Save session"), result.message, QMessageBox::Ok, this);
    box->setObjectName(u"saveSessionError"_s);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

} // namespace rd
