#pragma once

#include "camera/framesource.h"

#include <QElapsedTimer>

class QCamera;
class QCameraDevice;
class QCameraFormat;
class QMediaCaptureSession;
class QMediaDevices;
class QVideoFrame;
class QVideoSink;

namespace rd {

// The real camera through Qt Multimedia: QCamera in a QMediaCaptureSession whose QVideoSink hands
// every frame over as a QImage, stamped on arrival with a monotonic clock (GStreamer often leaves
// QVideoFrame::startTime() unset).
class QtCameraFrameSource : public FrameSource
{
    Q_OBJECT

public:
    explicit QtCameraFrameSource(QObject* parent = nullptr);
    ~QtCameraFrameSource() override;

    QList<CameraDeviceChoice> devices() const override;
    void start(const QByteArray& deviceId, const camera::CaptureRequest& request) override;
    void stop() override;

    // The format closest to the request: the nearest pixel count first, then a frame rate that
    // reaches the requested one.
    static QCameraFormat closestFormat(const QCameraDevice& device, const camera::CaptureRequest& request);

private:
    void onFrame(const QVideoFrame& frame);
    void reportCameraError();

    QMediaDevices* m_mediaDevices = nullptr;
    QMediaCaptureSession* m_session = nullptr;
    QVideoSink* m_sink = nullptr;
    QCamera* m_camera = nullptr;
    QElapsedTimer m_clock;
};

} // namespace rd
