#include "cameracheckwidget.h"

#include "camera/cameracapture.h"
#include "camera/defaultframesource.h"
#include "camera/framepreview.h"
#include "camera/framesource.h"
#include "diagnosis/knowledgebase.h"
#include "pages/rememberedtarget.h"

#include <QAbstractItemView>
#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QVBoxLayout>

#include <algorithm>

namespace rd {

using namespace Qt::StringLiterals;
using camera::CameraOpenFailure;

namespace {

const QString kSettingsGroup = u"cameraCheck"_s;

QLabel* wrappingLabel(const QString& objectName, QWidget* parent)
{
    auto* label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label->hide();
    return label;
}

bool isCameraMeasurement(const Evidence& evidence)
{
    return evidence.source == EvidenceSource::Measurement && evidence.subject == u"camera"_s;
}

} // namespace

CameraCheckWidget::CameraCheckWidget(const KnowledgeBase& knowledge, QWidget* parent)
    : QGroupBox(parent)
    , m_knowledge(knowledge)
{
    setObjectName(u"cameraCheck"_s);
    setTitle(tr("Measure the camera"));

    m_cameraChooser = new QComboBox(this);
    m_cameraChooser->setObjectName(u"cameraChooser"_s);
    m_cameraChooser->setAccessibleName(tr("Camera"));
    m_cameraChooser->setPlaceholderText(tr("No camera found"));
    m_cameraChooser->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_cameraChooser->setMinimumContentsLength(28);
    m_resolution = new QComboBox(this);
    m_resolution->setObjectName(u"cameraResolutionCombo"_s);
    m_resolution->setAccessibleName(tr("Resolution the chat or encoder asks for"));
    for (const QSize& size : {QSize(320, 240), QSize(640, 480), QSize(1280, 720), QSize(1920, 1080)})
        m_resolution->addItem(tr("%1 × %2").arg(size.width()).arg(size.height()), size);
    // Their pop-up lists exist once an item is added or removed; they are named like the boxes.
    for (QComboBox* box : {m_cameraChooser, m_resolution}) {
        box->view()->setObjectName(box->objectName() + u"List"_s);
        box->view()->setAccessibleName(box->accessibleName());
    }
    m_framesPerSecond = new QSpinBox(this);
    m_framesPerSecond->setObjectName(u"cameraFpsSpin"_s);
    m_framesPerSecond->setAccessibleName(tr("Frames per second the chat or encoder asks for"));
    m_framesPerSecond->setRange(1, 60);
    m_framesPerSecond->setSuffix(tr(" frames/s"));
    m_measureButton = new QPushButton(tr("&Measure for a few seconds"), this);
    m_measureButton->setObjectName(u"cameraMeasureButton"_s);
    m_measureButton->setAutoDefault(false);
    m_progress = new QProgressBar(this);
    m_progress->setObjectName(u"cameraProgress"_s);
    m_progress->setAccessibleName(tr("Measurement progress"));
    m_progress->setRange(0, 100);
    m_progress->setTextVisible(false);
    m_progress->setMaximumHeight(8);
    m_progress->hide();
    m_preview = new FramePreview(this);
    m_preview->setObjectName(u"cameraPreview"_s);
    m_preview->setAccessibleName(tr("Camera preview"));
    m_preview->setPlaceholderText(tr("The camera's picture appears here while it is measured."));
    m_preview->hide(); // until a camera is listed

    m_message = wrappingLabel(u"cameraMessageLabel"_s, this);
    m_measurement = wrappingLabel(u"cameraMeasurementLabel"_s, this);
    m_findings = wrappingLabel(u"cameraFindingsLabel"_s, this);
    m_remedies = wrappingLabel(u"cameraRemediesLabel"_s, this);
    m_remedies->setTextFormat(Qt::RichText);

    auto* requestRow = new QHBoxLayout;
    requestRow->addWidget(m_resolution);
    requestRow->addWidget(m_framesPerSecond);
    requestRow->addStretch(1);
    auto* form = new QFormLayout;
    auto* cameraLabel = new QLabel(tr("&Camera:"), this);
    cameraLabel->setBuddy(m_cameraChooser);
    auto* requestLabel = new QLabel(tr("&Asked for:"), this);
    requestLabel->setBuddy(m_resolution);
    auto* cameraRow = new QHBoxLayout;
    cameraRow->addWidget(m_cameraChooser);
    cameraRow->addStretch(1);
    form->addRow(cameraLabel, cameraRow);
    form->addRow(requestLabel, requestRow);
    auto* controls = new QVBoxLayout;
    controls->addLayout(form);
    controls->addWidget(m_measureButton, 0, Qt::AlignLeft);
    controls->addWidget(m_progress);
    controls->addWidget(m_message);
    controls->addStretch(1);
    auto* top = new QHBoxLayout;
    top->addWidget(m_preview);
    top->addLayout(controls, 1);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_measurement);
    layout->addWidget(m_findings);
    layout->addWidget(m_remedies);

    QSettings settings(RememberedTarget::settingsPath(), QSettings::IniFormat);
    settings.beginGroup(kSettingsGroup);
    camera::CaptureRequest remembered = defaultRequest();
    const QSize size = settings.value(u"resolution"_s).toSize();
    if (size.isValid())
        remembered.resolution = size;
    const double rate = settings.value(u"framesPerSecond"_s).toDouble();
    if (rate > 0)
        remembered.framesPerSecond = rate;
    setRequest(remembered);

    connect(m_measureButton, &QPushButton::clicked, this, [this] {
        if (m_state == State::Measuring)
            stopMeasurement();
        else
            startMeasurement();
    });

    // The real camera is looked for when the page is first shown (refreshDevices()): starting Qt
    // Multimedia costs start-up time that most sessions never need.
    m_capture = new CameraCapture(nullptr, this);
    listDevices();
}

CameraCheckWidget::~CameraCheckWidget() = default;

camera::CaptureRequest CameraCheckWidget::defaultRequest()
{
    return {QSize(640, 480), 30.0};
}

camera::CaptureRequest CameraCheckWidget::request() const
{
    return {m_resolution->currentData().toSize(), double(m_framesPerSecond->value())};
}

void CameraCheckWidget::setRequest(const camera::CaptureRequest& request)
{
    int index = m_resolution->findData(request.resolution);
    if (index < 0 && request.resolution.isValid()) {
        m_resolution->addItem(tr("%1 × %2").arg(request.resolution.width()).arg(request.resolution.height()),
                              request.resolution);
        index = m_resolution->count() - 1;
    }
    if (index >= 0)
        m_resolution->setCurrentIndex(index);
    if (request.framesPerSecond > 0)
        m_framesPerSecond->setValue(qRound(request.framesPerSecond));
}

void CameraCheckWidget::rememberRequest() const
{
    QSettings settings(RememberedTarget::settingsPath(), QSettings::IniFormat);
    settings.beginGroup(kSettingsGroup);
    const camera::CaptureRequest current = request();
    settings.setValue(u"resolution"_s, current.resolution);
    settings.setValue(u"framesPerSecond"_s, current.framesPerSecond);
}

void CameraCheckWidget::setFrameSource(FrameSource* source)
{
    m_sourceChosen = true;
    if (m_capture) {
        m_capture->stop();
        delete m_capture;
        m_capture = nullptr;
    }
    if (m_source && m_source != source)
        delete m_source;
    m_source = source;
    if (m_source) {
        m_source->setParent(this);
        connect(m_source, &FrameSource::devicesChanged, this, &CameraCheckWidget::refreshDevices);
    }
    m_capture = new CameraCapture(m_source, this);
    connect(m_capture, &CameraCapture::frameShown, m_preview, &FramePreview::setFrame);
    connect(m_capture, &CameraCapture::progress, m_progress, &QProgressBar::setValue);
    connect(m_capture, &CameraCapture::measurementFinished, this, &CameraCheckWidget::onFinished);
    connect(m_capture, &CameraCapture::failed, this, &CameraCheckWidget::onFailed);
    const bool hadEvidence = !evidence().isEmpty();
    m_analysis.reset();
    m_failure = CameraOpenFailure::None;
    listDevices();
    if (hadEvidence)
        emit evidenceChanged();
}

void CameraCheckWidget::setDiagnosisInputProvider(std::function<DiagnosisInput()> provider)
{
    m_inputProvider = std::move(provider);
}

void CameraCheckWidget::refreshDevices()
{
    if (!m_sourceChosen) {
        setFrameSource(createDefaultFrameSource(this)); // lists the devices
        return;
    }
    listDevices();
}

void CameraCheckWidget::listDevices()
{
    if (!m_sourceChosen || m_state == State::Measuring)
        return;
    const QByteArray previous = m_cameraChooser->currentData().toByteArray();
    m_cameraChooser->clear();
    if (!m_source) {
        m_cameraChooser->setEnabled(false);
        m_measureButton->setEnabled(false);
        showMessage(tr("This copy of RTMP Doctor was built without the camera check. The checklist below "
                       "goes through the same points by hand."));
        setState(State::Unavailable);
        return;
    }
    const QList<CameraDeviceChoice> devices = m_source->devices();
    for (const CameraDeviceChoice& device : devices) {
        m_cameraChooser->addItem(device.description, device.id);
        if (device.id == previous || (previous.isEmpty() && device.isDefault))
            m_cameraChooser->setCurrentIndex(m_cameraChooser->count() - 1);
    }
    const bool any = !devices.isEmpty();
    m_cameraChooser->setEnabled(any);
    m_measureButton->setEnabled(any);
    if (!any) {
        m_preview->clear();
        showMessage(tr("%1 Plug one in to measure it, or go through the checklist below by hand.")
                        .arg(camera::describeCameraOpenFailure(CameraOpenFailure::NoCamera)));
        setState(State::Unavailable);
        return;
    }
    if (m_state == State::Unavailable) {
        showMessage(QString());
        setState(State::Ready);
    }
}

void CameraCheckWidget::startMeasurement()
{
    if (!m_source || m_cameraChooser->count() == 0)
        return;
    rememberRequest();
    m_measurement->hide();
    m_findings->hide();
    m_remedies->hide();
    showMessage(tr("Measuring: keep the camera where it is when you stream, and move as you would."));
    m_progress->setValue(0);
    m_progress->show();
    m_measureButton->setText(tr("S&top"));
    const bool hadEvidence = !evidence().isEmpty();
    m_analysis.reset();
    m_failure = CameraOpenFailure::None;
    setState(State::Measuring);
    if (hadEvidence)
        emit evidenceChanged();
    m_capture->start(m_cameraChooser->currentData().toByteArray(), request());
}

void CameraCheckWidget::stopMeasurement()
{
    if (m_state != State::Measuring)
        return;
    m_capture->stop();
    m_progress->hide();
    m_measureButton->setText(tr("&Measure for a few seconds"));
    showMessage(tr("Stopped before the end; nothing was measured."));
    setState(State::Ready);
    refreshDevices();
}

void CameraCheckWidget::onFinished(const camera::CameraAnalysis& analysis)
{
    m_analysis = analysis;
    m_failure = CameraOpenFailure::None;
    m_progress->hide();
    m_measureButton->setText(tr("&Measure again"));
    showMessage(QString());

    m_measurement->setText(camera::describeMeasurement(analysis.measurement));
    m_measurement->show();
    QStringList findings;
    for (const camera::CameraFinding finding : analysis.findings)
        findings << u"• "_s + camera::describeCameraFinding(finding);
    m_findings->setText(findings.isEmpty()
                            ? tr("The picture looks fine: bright enough, little noise, and the camera "
                                 "delivers what was asked for.")
                            : findings.join(u'\n'));
    m_findings->show();
    setState(State::Measured);
    showRemedies();
    emit evidenceChanged();
}

void CameraCheckWidget::onFailed(CameraOpenFailure failure, const QString& detail)
{
    m_analysis.reset();
    m_failure = failure;
    m_progress->hide();
    m_preview->clear();
    m_measureButton->setText(tr("&Try again"));
    QString text = camera::describeCameraOpenFailure(failure);
    if (!detail.isEmpty())
        text += u' ' + tr("(The system said: %1)").arg(detail);
    text += u' ' + tr("The checklist below works without the measurement.");
    showMessage(text);
    setState(State::Failed);
    showRemedies();
    emit evidenceChanged();
    if (failure == CameraOpenFailure::NoCamera)
        refreshDevices();
}

QList<Evidence> CameraCheckWidget::evidence() const
{
    if (m_analysis)
        return camera::cameraEvidence(*m_analysis);
    if (m_failure != CameraOpenFailure::None)
        return camera::cameraEvidence({}, m_failure);
    return {};
}

void CameraCheckWidget::showRemedies()
{
    const QList<Evidence> measured = evidence();
    if (measured.isEmpty()) {
        m_remedies->hide();
        return;
    }
    DiagnosisInput input = m_inputProvider ? m_inputProvider() : DiagnosisInput{};
    input.measurements.removeIf(isCameraMeasurement);
    input.measurements << measured;
    const Diagnosis diagnosis = diagnose(m_knowledge, input);

    QString html;
    for (const DiagnosedCause& cause : diagnosis.causes) {
        const bool fromCamera =
            std::any_of(cause.evidenceFor.begin(), cause.evidenceFor.end(), isCameraMeasurement);
        if (!fromCamera)
            continue;
        html += u"<p><b>"_s + cause.title.toHtmlEscaped() + u"</b><br>"_s +
                cause.plainExplanation.toHtmlEscaped() + u"</p>"_s;
        for (const KnowledgeEntry& remedy : cause.remedies) {
            html += u"<p>"_s + tr("What to do: %1").arg(remedy.title.toHtmlEscaped()) + u"</p><ul>"_s;
            for (const RemedyStep& step : remedy.steps)
                html += u"<li>"_s + step.text.toHtmlEscaped() + u"</li>"_s;
            html += u"</ul>"_s;
        }
    }
    if (html.isEmpty()) {
        m_remedies->hide();
        return;
    }
    m_remedies->setText(html);
    m_remedies->show();
}

void CameraCheckWidget::showMessage(const QString& text)
{
    m_message->setText(text);
    m_message->setVisible(!text.isEmpty());
}

void CameraCheckWidget::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    // Without a camera an empty picture frame would only promise what cannot come.
    m_preview->setVisible(state != State::Unavailable);
    emit stateChanged(state);
}

} // namespace rd
