#pragma once

#include "camera/frameanalysis.h"
#include "diagnosis/diagnosis.h"

#include <QGroupBox>
#include <QList>

#include <functional>
#include <optional>

class QComboBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QSpinBox;

namespace rd {

class CameraCapture;
class FramePreview;
class FrameSource;
class KnowledgeBase;

// "Measure your camera": choose a camera, ask it for the resolution and frame rate the chat or
// encoder asks for, watch the preview for a few seconds, then read what the picture says
// (brightness, noise, movement, frames per second, resolution) and what to do about it. Without a
// camera, with a busy or forbidden one, or in a build without the camera check, it says so in its
// own words and stays out of the way: the manual checklist around it still works.
class CameraCheckWidget : public QGroupBox
{
    Q_OBJECT

public:
    enum class State
    {
        Unavailable, // no camera listed, or the check is not built in
        Ready,
        Measuring,
        Measured,
        Failed, // the camera would not open or deliver; see failure()
    };
    Q_ENUM(State)

    explicit CameraCheckWidget(const KnowledgeBase& knowledge, QWidget* parent = nullptr);
    ~CameraCheckWidget() override;

    // Where frames come from; the widget takes it over. Null: no camera check in this build.
    // Unless one is set, the real camera is looked for the first time the widget is shown and
    // refreshDevices() runs; tests hand in a source of synthetic frames.
    void setFrameSource(FrameSource* source);
    FrameSource* frameSource() const { return m_source; }
    CameraCapture* capture() const { return m_capture; }

    // The rest of the wizard's evidence, so the remedies shown here are the diagnosis's.
    void setDiagnosisInputProvider(std::function<DiagnosisInput()> provider);

    State state() const { return m_state; }
    camera::CameraOpenFailure failure() const { return m_failure; }
    const std::optional<camera::CameraAnalysis>& analysis() const { return m_analysis; }
    // The measurement (or why there is none) as diagnosis evidence; empty before a measurement.
    QList<Evidence> evidence() const;

    camera::CaptureRequest request() const;
    void setRequest(const camera::CaptureRequest& request);
    static camera::CaptureRequest defaultRequest(); // 640x480 at 30, AVChat's defaults

    // Lists the cameras again; the first call opens Qt Multimedia when no source was set.
    void refreshDevices();
    void startMeasurement();
    void stopMeasurement();

signals:
    void stateChanged(rd::CameraCheckWidget::State state);
    // evidence() changed: a measurement finished or failed, or was discarded.
    void evidenceChanged();

private:
    void listDevices();
    void setState(State state);
    void showMessage(const QString& text);
    void onFinished(const camera::CameraAnalysis& analysis);
    void onFailed(camera::CameraOpenFailure failure, const QString& detail);
    void showRemedies();
    void rememberRequest() const;

    const KnowledgeBase& m_knowledge;
    std::function<DiagnosisInput()> m_inputProvider;
    FrameSource* m_source = nullptr;
    bool m_sourceChosen = false; // false until the real camera is looked for or a source is set
    CameraCapture* m_capture = nullptr;
    State m_state = State::Unavailable;
    camera::CameraOpenFailure m_failure = camera::CameraOpenFailure::None;
    std::optional<camera::CameraAnalysis> m_analysis;

    QComboBox* m_cameraChooser = nullptr;
    QComboBox* m_resolution = nullptr;
    QSpinBox* m_framesPerSecond = nullptr;
    QPushButton* m_measureButton = nullptr;
    QProgressBar* m_progress = nullptr;
    FramePreview* m_preview = nullptr;
    QLabel* m_message = nullptr;
    QLabel* m_measurement = nullptr;
    QLabel* m_findings = nullptr;
    QLabel* m_remedies = nullptr;
};

} // namespace rd
