#include "cameracapture.h"

#include "framesource.h"

#include <QHash>
#include <QTimer>

#include <algorithm>
#include <cmath>

namespace rd {

using namespace Qt::StringLiterals;
using camera::CameraOpenFailure;

CameraCapture::CameraCapture(FrameSource* source, QObject* parent)
    : QObject(parent)
    , m_source(source)
    , m_firstFrameWatchdog(new QTimer(this))
    , m_stallWatchdog(new QTimer(this))
{
    m_firstFrameWatchdog->setSingleShot(true);
    m_stallWatchdog->setSingleShot(true);
    connect(m_firstFrameWatchdog, &QTimer::timeout, this, [this] {
        halt();
        emit failed(CameraOpenFailure::NoFramesInTime, QString());
    });
    // Frames that stop coming still end the window: measure what arrived.
    connect(m_stallWatchdog, &QTimer::timeout, this, &CameraCapture::finish);
    if (m_source) {
        connect(m_source, &FrameSource::frameCaptured, this, &CameraCapture::onFrame);
        connect(m_source, &FrameSource::failed, this, &CameraCapture::onSourceFailed);
    }
}

CameraCapture::~CameraCapture()
{
    if (m_running && m_source)
        m_source->stop();
}

void CameraCapture::start(const QByteArray& deviceId, const camera::CaptureRequest& request)
{
    if (m_running)
        stop();
    m_request = request;
    m_frames.clear();
    m_capturedSizes.clear();
    if (!m_source) {
        emit failed(CameraOpenFailure::NoCamera, QString());
        return;
    }
    m_running = true;
    emit runningChanged(true);
    emit progress(0);
    m_firstFrameWatchdog->start(m_timing.firstFrameTimeoutMs);
    m_source->start(deviceId, request);
}

void CameraCapture::stop()
{
    if (!m_running)
        return;
    halt();
}

void CameraCapture::halt()
{
    m_firstFrameWatchdog->stop();
    m_stallWatchdog->stop();
    if (m_source)
        m_source->stop();
    m_frames.clear();
    m_capturedSizes.clear();
    if (m_running) {
        m_running = false;
        emit runningChanged(false);
    }
}

void CameraCapture::onFrame(const QImage& frame, qint64 timestampMs)
{
    if (!m_running || frame.isNull())
        return;
    m_firstFrameWatchdog->stop();
    m_stallWatchdog->start(m_timing.stallTimeoutMs);
    emit frameShown(frame);

    // Nearest neighbour, as the analysis itself reduces: it keeps each pixel's noise.
    const QImage reduced = frame.width() > camera::kAnalysisMaxWidth
                               ? frame.scaledToWidth(camera::kAnalysisMaxWidth, Qt::FastTransformation)
                               : frame;
    m_frames.append({reduced, timestampMs});
    m_capturedSizes.append(frame.size());

    const qint64 elapsed = timestampMs - m_frames.constFirst().timestampMs;
    const int percent = m_timing.windowMs > 0
                            ? static_cast<int>(std::clamp<qint64>(elapsed * 100 / m_timing.windowMs, 0, 100))
                            : 100;
    emit progress(percent);
    if (elapsed >= m_timing.windowMs)
        finish();
}

void CameraCapture::onSourceFailed(CameraOpenFailure failure, const QString& detail)
{
    if (!m_running)
        return;
    halt();
    emit failed(failure, detail);
}

void CameraCapture::finish()
{
    if (!m_running)
        return;
    const QList<camera::TimedFrame> frames = m_frames;
    const QList<QSize> sizes = m_capturedSizes;
    halt();
    emit progress(100);
    emit measurementFinished(analyse(frames, sizes, m_request));
}

camera::CameraAnalysis CameraCapture::analyse(const QList<camera::TimedFrame>& frames,
                                              const QList<QSize>& capturedSizes,
                                              const camera::CaptureRequest& request)
{
    // The size the camera delivered most often, as the analysis counts it.
    QHash<quint64, int> counts;
    QSize delivered;
    int best = 0;
    for (const QSize& size : capturedSizes) {
        const int count = ++counts[(quint64(quint32(size.width())) << 32) | quint32(size.height())];
        if (count > best) {
            best = count;
            delivered = size;
        }
    }
    camera::CaptureRequest scaled = request;
    QSize reducedDelivered;
    for (qsizetype i = 0; i < frames.size() && i < capturedSizes.size(); ++i) {
        if (capturedSizes.at(i) == delivered) {
            reducedDelivered = frames.at(i).image.size();
            break;
        }
    }
    if (delivered.isValid() && reducedDelivered.isValid() && reducedDelivered != delivered &&
        request.resolution.isValid()) {
        const double scaleX = double(reducedDelivered.width()) / delivered.width();
        const double scaleY = double(reducedDelivered.height()) / delivered.height();
        scaled.resolution = QSize(static_cast<int>(std::lround(request.resolution.width() * scaleX)),
                                  static_cast<int>(std::lround(request.resolution.height() * scaleY)));
    }
    camera::CameraAnalysis analysis = camera::analyzeFrames(frames, scaled);
    if (delivered.isValid())
        analysis.measurement.deliveredResolution = delivered;
    return analysis;
}

} // namespace rd
