#pragma once

#include "camera/frameanalysis.h"

#include <QImage>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QSize>

class QTimer;

namespace rd {

class FrameSource;

// One measurement of a camera: opens the chosen device through a FrameSource, keeps the frames of
// a short window (timestamps as the source gives them), then hands them to
// rd::camera::analyzeFrames. Bounded in every case: no first frame within firstFrameTimeoutMs is
// NoFramesInTime, and frames that stop arriving end the window after stallTimeoutMs.
//
// Frames are reduced to kAnalysisMaxWidth as they arrive (the analysis looks at no more), so four
// seconds of 1080p cost a few hundred kilobytes rather than a gigabyte.
class CameraCapture : public QObject
{
    Q_OBJECT

public:
    struct Timing
    {
        int windowMs = 4000;
        int firstFrameTimeoutMs = 5000;
        int stallTimeoutMs = 3000;
    };

    // `source` may be null (a build without the camera check); start() then fails with NoCamera.
    explicit CameraCapture(FrameSource* source, QObject* parent = nullptr);
    ~CameraCapture() override;

    void setTiming(const Timing& timing) { m_timing = timing; }
    Timing timing() const { return m_timing; }
    bool isRunning() const { return m_running; }
    FrameSource* source() const { return m_source; }

    void start(const QByteArray& deviceId, const camera::CaptureRequest& request);
    // Ends a measurement without a result.
    void stop();

    // The frames of a finished window, for the analysis: `frames` as reduced on arrival and the
    // size the camera delivered them in. The request is brought to the reduced scale so that the
    // analysis compares like with like; the delivered size is put back into its result.
    static camera::CameraAnalysis analyse(const QList<camera::TimedFrame>& frames,
                                          const QList<QSize>& capturedSizes,
                                          const camera::CaptureRequest& request);

signals:
    void runningChanged(bool running);
    void progress(int percent); // of the measurement window
    void frameShown(const QImage& frame);
    void measurementFinished(const rd::camera::CameraAnalysis& analysis);
    void failed(rd::camera::CameraOpenFailure failure, const QString& detail);

private:
    void onFrame(const QImage& frame, qint64 timestampMs);
    void onSourceFailed(camera::CameraOpenFailure failure, const QString& detail);
    void finish();
    void halt();

    QPointer<FrameSource> m_source;
    Timing m_timing;
    QTimer* m_firstFrameWatchdog = nullptr;
    QTimer* m_stallWatchdog = nullptr;
    bool m_running = false;
    camera::CaptureRequest m_request;
    QList<camera::TimedFrame> m_frames;
    QList<QSize> m_capturedSizes;
};

} // namespace rd
