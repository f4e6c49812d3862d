#include "qtcameraframesource.h"

#include "camera/camerafailure.h"

#include <QCamera>
#include <QCameraDevice>
#include <QCameraFormat>
#include <QFileInfo>
#include <QMediaCaptureSession>
#include <QMediaDevices>
#include <QTimer>
#include <QVideoFrame>
#include <QVideoSink>

#include <cmath>
#include <limits>

namespace rd {

using namespace Qt::StringLiterals;
using camera::CameraOpenFailure;

namespace {

// GStreamer names the V4L2 node as the camera's id; elsewhere the id is not a path.
bool deviceNodeUnreadable(const QByteArray& id)
{
    const QString path = QString::fromUtf8(id);
    if (!path.startsWith(u"/dev/"_s))
        return false;
    const QFileInfo node(path);
    return node.exists() && !(node.isReadable() && node.isWritable());
}

} // namespace

QtCameraFrameSource::QtCameraFrameSource(QObject* parent)
    : FrameSource(parent)
    , m_mediaDevices(new QMediaDevices(this))
{
    connect(m_mediaDevices, &QMediaDevices::videoInputsChanged, this, &FrameSource::devicesChanged);
}

QtCameraFrameSource::~QtCameraFrameSource()
{
    stop();
}

QList<CameraDeviceChoice> QtCameraFrameSource::devices() const
{
    QList<CameraDeviceChoice> choices;
    const QList<QCameraDevice> inputs = QMediaDevices::videoInputs();
    for (const QCameraDevice& input : inputs)
        choices.append({input.id(), input.description(), input.isDefault()});
    return choices;
}

QCameraFormat QtCameraFrameSource::closestFormat(const QCameraDevice& device,
                                                 const camera::CaptureRequest& request)
{
    const QList<QCameraFormat> formats = device.videoFormats();
    QCameraFormat best;
    double bestScore = std::numeric_limits<double>::max();
    const double wantedPixels = request.resolution.isValid()
                                    ? double(request.resolution.width()) * request.resolution.height()
                                    : 640.0 * 480.0;
    for (const QCameraFormat& format : formats) {
        const QSize size = format.resolution();
        const double pixels = double(size.width()) * size.height();
        // Relative distance in pixel count, then a penalty for a rate below the request.
        double score = std::abs(std::log(std::max(pixels, 1.0) / wantedPixels));
        if (request.framesPerSecond > 0 && format.maxFrameRate() + 0.5 < request.framesPerSecond)
            score += 1.0 + (request.framesPerSecond - format.maxFrameRate()) / request.framesPerSecond;
        if (score < bestScore) {
            bestScore = score;
            best = format;
        }
    }
    return best;
}

void QtCameraFrameSource::start(const QByteArray& deviceId, const camera::CaptureRequest& request)
{
    stop();
    const QList<QCameraDevice> inputs = QMediaDevices::videoInputs();
    QCameraDevice chosen;
    for (const QCameraDevice& input : inputs) {
        if (input.id() == deviceId || (deviceId.isEmpty() && input.isDefault()))
            chosen = input;
    }
    if (chosen.isNull() && deviceId.isEmpty() && !inputs.isEmpty())
        chosen = inputs.constFirst();

    CameraErrorFacts facts;
    facts.camerasListed = int(inputs.size());
    facts.deviceListed = !chosen.isNull();
    facts.deviceNodeUnreadable = !chosen.isNull() && deviceNodeUnreadable(chosen.id());
    const CameraOpenFailure before = classifyCameraOpen(facts);
    if (before != CameraOpenFailure::None) {
        // Signals after start() returns, as for a failure the back end reports later.
        QTimer::singleShot(0, this, [this, before] { emit failed(before, QString()); });
        return;
    }

    // The capture pipeline is built only for a camera that is there: listing needs none of it.
    m_session = new QMediaCaptureSession(this);
    m_sink = new QVideoSink(this);
    m_session->setVideoSink(m_sink);
    // The sink may call from the back end's streaming thread; `this` makes it a queued call.
    connect(m_sink, &QVideoSink::videoFrameChanged, this, &QtCameraFrameSource::onFrame);
    m_camera = new QCamera(chosen, this);
    const QCameraFormat format = closestFormat(chosen, request);
    if (!format.isNull())
        m_camera->setCameraFormat(format);
    connect(m_camera, &QCamera::errorOccurred, this, &QtCameraFrameSource::reportCameraError);
    m_session->setCamera(m_camera);
    m_clock.start();
    m_camera->start();
    if (!m_camera->isAvailable() || m_camera->error() != QCamera::NoError)
        QTimer::singleShot(0, this, &QtCameraFrameSource::reportCameraError);
}

void QtCameraFrameSource::stop()
{
    if (!m_camera)
        return;
    QCamera* camera = m_camera;
    m_camera = nullptr;
    camera->disconnect(this);
    m_sink->disconnect(this);
    camera->stop();
    m_session->setCamera(nullptr);
    // Not deleted here: stop() may run inside a signal of one of them.
    camera->deleteLater();
    m_sink->deleteLater();
    m_session->deleteLater();
    m_sink = nullptr;
    m_session = nullptr;
}

void QtCameraFrameSource::reportCameraError()
{
    if (!m_camera)
        return;
    CameraErrorFacts facts;
    const QList<QCameraDevice> inputs = QMediaDevices::videoInputs();
    facts.camerasListed = int(inputs.size());
    facts.deviceListed = inputs.contains(m_camera->cameraDevice());
    facts.cameraAvailable = m_camera->isAvailable();
    facts.errorRaised = m_camera->error() != QCamera::NoError;
    facts.errorText = m_camera->errorString();
    const CameraOpenFailure failure = classifyCameraOpen(facts);
    if (failure == CameraOpenFailure::None)
        return;
    const QString detail = facts.errorText;
    stop();
    emit failed(failure, detail);
}

void QtCameraFrameSource::onFrame(const QVideoFrame& frame)
{
    if (!m_camera || !frame.isValid())
        return;
    const QImage image = frame.toImage();
    if (!image.isNull())
        emit frameCaptured(image, m_clock.elapsed());
}

} // namespace rd
