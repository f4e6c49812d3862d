#pragma once

#include "camera/frameanalysis.h"

#include <QByteArray>
#include <QImage>
#include <QList>
#include <QObject>
#include <QString>

namespace rd {

struct CameraDeviceChoice
{
    QByteArray id;       // stable within one run (Qt Multimedia's QCameraDevice::id())
    QString description; // what the user recognises, "Integrated Webcam"
    bool isDefault = false;
};

// Where camera frames come from. The camera check measures whatever a source delivers, so the
// same page and the same analysis run on a real camera (Qt Multimedia) and on frames a test
// pushes in. A source lives in the GUI thread and emits its signals there.
class FrameSource : public QObject
{
    Q_OBJECT

public:
    using QObject::QObject;

    virtual QList<CameraDeviceChoice> devices() const = 0;
    // Opens the device and delivers frames until stop(). Reports a problem with failed() rather
    // than by returning, also when it is known at once (no such device).
    virtual void start(const QByteArray& deviceId, const camera::CaptureRequest& request) = 0;
    virtual void stop() = 0;

signals:
    void frameCaptured(const QImage& frame, qint64 timestampMs);
    void failed(rd::camera::CameraOpenFailure failure, const QString& detail);
    void devicesChanged();
};

} // namespace rd
