#include "camera/frameanalysis.h"

#include <QCoreApplication>
#include <QHash>

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

using namespace Qt::StringLiterals;

namespace rd::camera {

namespace {

// One frame as the pixel math sees it: luma per pixel, at most kAnalysisMaxWidth wide.
struct LumaFrame
{
    int width = 0;
    int height = 0;
    std::vector<double> luma;
};

LumaFrame toLuma(const QImage& image)
{
    // Nearest-neighbour picking keeps per-pixel noise intact (see the header); averaging would not.
    const QImage small = image.width() > kAnalysisMaxWidth
                             ? image.scaledToWidth(kAnalysisMaxWidth, Qt::FastTransformation)
                             : image;
    const QImage rgb = small.convertToFormat(QImage::Format_RGB32);
    LumaFrame frame;
    frame.width = rgb.width();
    frame.height = rgb.height();
    frame.luma.reserve(static_cast<std::size_t>(frame.width) * static_cast<std::size_t>(frame.height));
    for (int y = 0; y < rgb.height(); ++y) {
        const auto* line = reinterpret_cast<const QRgb*>(rgb.constScanLine(y));
        for (int x = 0; x < rgb.width(); ++x) {
            const QRgb pixel = line[x];
            frame.luma.push_back(0.299 * qRed(pixel) + 0.587 * qGreen(pixel) + 0.114 * qBlue(pixel));
        }
    }
    return frame;
}

QSize mostFrequentSize(const QList<QSize>& sizes)
{
    QHash<quint64, int> counts;
    QSize best;
    int bestCount = 0;
    for (const QSize& size : sizes) {
        const quint64 key = (quint64(quint32(size.width())) << 32) | quint32(size.height());
        const int count = ++counts[key];
        // Strictly more: on a tie the size seen first wins, so the result does not depend on hashing.
        if (count > bestCount) {
            best = size;
            bestCount = count;
        }
    }
    return best;
}

// Frame rate and dropped frames from the capture times alone. Differences are taken in double so
// that absurd timestamps (a broken clock) give absurd numbers, not overflow.
void measureTiming(QList<qint64> timestamps, FrameMeasurement& measurement)
{
    std::sort(timestamps.begin(), timestamps.end());
    if (timestamps.size() < 2)
        return;
    const double span = double(timestamps.last()) - double(timestamps.first());
    if (span > 0)
        measurement.deliveredFps = double(timestamps.size() - 1) * 1000.0 / span;

    QList<double> gaps;
    for (qsizetype index = 1; index < timestamps.size(); ++index)
        gaps.append(double(timestamps[index]) - double(timestamps[index - 1]));
    double interval = 0;
    if (measurement.requestedFps > 0) {
        interval = 1000.0 / measurement.requestedFps;
    } else {
        // Without a request the camera's own usual pace is the reference.
        QList<double> positive;
        for (double gap : std::as_const(gaps)) {
            if (gap > 0)
                positive.append(gap);
        }
        if (positive.isEmpty())
            return;
        std::sort(positive.begin(), positive.end());
        interval = positive[positive.size() / 2];
    }
    double dropped = 0;
    for (double gap : std::as_const(gaps)) {
        if (gap > kDroppedFrameGapFactor * interval)
            dropped += std::max(1.0, std::round(gap / interval) - 1.0);
    }
    measurement.droppedFrames = int(std::min(dropped, double(std::numeric_limits<int>::max())));
}

bool frameRateIsLow(const FrameMeasurement& measurement)
{
    if (measurement.deliveredFps <= 0)
        return false; // fewer than two frames or no time between them: nothing to judge
    if (measurement.requestedFps > 0)
        return measurement.deliveredFps < kLowFrameRateShare * measurement.requestedFps;
    return measurement.deliveredFps < kLowFrameRateFloorFps;
}

QString number(double value, int decimals = 1)
{
    return QString::number(value, 'f', decimals);
}

QString sizeText(const QSize& size)
{
    return u"%1×%2"_s.arg(size.width()).arg(size.height());
}

// One line of evidence: the measured value next to the limit it crossed.
QString findingQuote(CameraFinding finding, const FrameMeasurement& m)
{
    switch (finding) {
    case CameraFinding::TooDark:
        return u"mean brightness %1 of 255, too dark below %2"_s.arg(number(m.meanBrightness))
            .arg(number(kTooDarkMeanBelow, 0));
    case CameraFinding::TooBright:
        return u"mean brightness %1 of 255, too bright above %2"_s.arg(number(m.meanBrightness))
            .arg(number(kTooBrightMeanAbove, 0));
    case CameraFinding::Noisy:
        return u"noise %1, noisy above %2"_s.arg(number(m.noise)).arg(number(kNoisyAbove, 0));
    case CameraFinding::LowFrameRateLowLight:
        return u"%1 fps delivered, %2 requested, at mean brightness %3 (low light below %4)"_s
            .arg(number(m.deliveredFps), number(m.requestedFps), number(m.meanBrightness))
            .arg(number(kLowLightMeanBelow, 0));
    case CameraFinding::LowFrameRateStillScene:
        return u"%1 fps delivered, %2 requested, with %3 % of the picture moving"_s.arg(
            number(m.deliveredFps), number(m.requestedFps), number(m.motion * 100.0));
    case CameraFinding::LowFrameRate:
        return u"%1 fps delivered, %2 requested, %3 frames dropped"_s
            .arg(number(m.deliveredFps), number(m.requestedFps))
            .arg(m.droppedFrames);
    case CameraFinding::LowerResolutionThanRequested:
        return u"%1 delivered, %2 requested"_s.arg(sizeText(m.deliveredResolution),
                                                   sizeText(m.requestedResolution));
    case CameraFinding::NoImage:
        return u"mean brightness %1 of 255, spread %2: a black or blank picture"_s.arg(
            number(m.meanBrightness), number(m.brightnessSpread));
    case CameraFinding::NoFrames:
        return u"no frames arrived"_s;
    }
    return {};
}

} // namespace

QString cameraFindingId(CameraFinding finding)
{
    switch (finding) {
    case CameraFinding::TooDark:
        return u"too-dark"_s;
    case CameraFinding::TooBright:
        return u"too-bright"_s;
    case CameraFinding::Noisy:
        return u"noisy"_s;
    case CameraFinding::LowFrameRateLowLight:
        return u"low-fps-low-light"_s;
    case CameraFinding::LowFrameRateStillScene:
        return u"low-fps-still-scene"_s;
    case CameraFinding::LowFrameRate:
        return u"low-fps"_s;
    case CameraFinding::LowerResolutionThanRequested:
        return u"lower-resolution"_s;
    case CameraFinding::NoImage:
        return u"no-image"_s;
    case CameraFinding::NoFrames:
        return u"no-frames"_s;
    }
    return {};
}

QString describeCameraFinding(CameraFinding finding)
{
    switch (finding) {
    case CameraFinding::TooDark:
        return QCoreApplication::translate("rd::camera",
                                           "The picture is too dark: the camera gets too little light.");
    case CameraFinding::TooBright:
        return QCoreApplication::translate(
            "rd::camera", "The picture is too bright: light shines into the camera or the room is overlit.");
    case CameraFinding::Noisy:
        return QCoreApplication::translate(
            "rd::camera", "The picture is grainy: the camera's sensor struggles with the light it gets.");
    case CameraFinding::LowFrameRateLowLight:
        return QCoreApplication::translate(
            "rd::camera",
            "The camera delivers fewer frames than asked for, because it needs longer exposures "
            "in this light.");
    case CameraFinding::LowFrameRateStillScene:
        return QCoreApplication::translate(
            "rd::camera", "The camera delivers fewer frames than asked for while nothing moves; still scenes "
                          "are sent at low rates, and movement raises the rate.");
    case CameraFinding::LowFrameRate:
        return QCoreApplication::translate("rd::camera", "The camera delivers fewer frames than asked for.");
    case CameraFinding::LowerResolutionThanRequested:
        return QCoreApplication::translate(
            "rd::camera", "The camera delivers a smaller picture than the resolution asked for.");
    case CameraFinding::NoImage:
        return QCoreApplication::translate("rd::camera",
                                           "The camera sends frames, but they are black or blank.");
    case CameraFinding::NoFrames:
        return QCoreApplication::translate("rd::camera", "No frames arrived from the camera.");
    }
    return {};
}

CameraAnalysis analyzeFrames(const QList<TimedFrame>& frames, const CaptureRequest& request)
{
    CameraAnalysis analysis;
    FrameMeasurement& m = analysis.measurement;
    // Nonsense requests (negative, NaN, beyond any camera) count as "not known".
    const double fps = request.framesPerSecond;
    m.requestedFps = std::isfinite(fps) && fps > 0 && fps <= kMaxRequestedFps ? fps : 0.0;
    m.requestedResolution = request.resolution;

    QList<QSize> sizes;
    QList<qint64> timestamps;
    double sum = 0;
    double sumOfSquares = 0;
    double pixels = 0;
    double stillSquares = 0;
    double stillPixels = 0;
    double motionSum = 0;
    int pairs = 0;
    LumaFrame previous;

    for (const TimedFrame& timed : frames) {
        if (timed.image.isNull() || timed.image.width() <= 0 || timed.image.height() <= 0)
            continue;
        LumaFrame current = toLuma(timed.image);
        if (current.luma.empty())
            continue;
        ++m.framesAnalysed;
        sizes.append(timed.image.size());
        timestamps.append(timed.timestampMs);
        for (double value : current.luma) {
            sum += value;
            sumOfSquares += value * value;
        }
        pixels += double(current.luma.size());

        // A change of size (the camera switched mode) makes the pixels incomparable.
        if (previous.width == current.width && previous.height == current.height) {
            std::size_t moving = 0;
            for (std::size_t index = 0; index < current.luma.size(); ++index) {
                const double difference = current.luma[index] - previous.luma[index];
                if (std::abs(difference) > kMotionLumaThreshold) {
                    ++moving;
                } else {
                    stillSquares += difference * difference;
                    stillPixels += 1;
                }
            }
            motionSum += double(moving) / double(current.luma.size());
            ++pairs;
        }
        previous = std::move(current);
    }

    if (m.framesAnalysed == 0) {
        analysis.findings.append(CameraFinding::NoFrames);
        return analysis;
    }

    m.deliveredResolution = mostFrequentSize(sizes);
    m.meanBrightness = sum / pixels;
    m.brightnessSpread =
        std::sqrt(std::max(0.0, sumOfSquares / pixels - m.meanBrightness * m.meanBrightness));
    // The difference of two frames carries both frames' noise: halve its variance.
    m.noise = stillPixels > 0 ? std::sqrt(stillSquares / stillPixels / 2.0) : 0.0;
    m.motion = pairs > 0 ? motionSum / pairs : 0.0;
    measureTiming(timestamps, m);

    const bool noImage = m.meanBrightness < kBlackMeanBelow || m.brightnessSpread < kBlankSpreadBelow;
    QList<CameraFinding>& findings = analysis.findings;
    if (!noImage) {
        if (m.meanBrightness < kTooDarkMeanBelow)
            findings.append(CameraFinding::TooDark);
        if (m.meanBrightness > kTooBrightMeanAbove)
            findings.append(CameraFinding::TooBright);
        if (m.noise > kNoisyAbove)
            findings.append(CameraFinding::Noisy);
    }
    if (frameRateIsLow(m)) {
        // On a black or blank picture neither light nor movement can be judged.
        if (!noImage && m.meanBrightness < kLowLightMeanBelow)
            findings.append(CameraFinding::LowFrameRateLowLight);
        else if (!noImage && pairs > 0 && m.motion < kStillSceneMotionBelow)
            findings.append(CameraFinding::LowFrameRateStillScene);
        else
            findings.append(CameraFinding::LowFrameRate);
    }
    if (request.resolution.width() > 0 && request.resolution.height() > 0 &&
        (m.deliveredResolution.width() < request.resolution.width() ||
         m.deliveredResolution.height() < request.resolution.height()))
        findings.append(CameraFinding::LowerResolutionThanRequested);
    if (noImage)
        findings.append(CameraFinding::NoImage);
    return analysis;
}

QString cameraOpenFailureId(CameraOpenFailure failure)
{
    switch (failure) {
    case CameraOpenFailure::None:
        return {};
    case CameraOpenFailure::NoCamera:
        return u"no-camera"_s;
    case CameraOpenFailure::CameraBusy:
        return u"camera-busy"_s;
    case CameraOpenFailure::PermissionDenied:
        return u"permission-denied"_s;
    case CameraOpenFailure::OpenFailed:
        return u"open-failed"_s;
    case CameraOpenFailure::NoFramesInTime:
        return u"no-frames-in-time"_s;
    }
    return {};
}

QString describeCameraOpenFailure(CameraOpenFailure failure)
{
    switch (failure) {
    case CameraOpenFailure::None:
        return {};
    case CameraOpenFailure::NoCamera:
        return QCoreApplication::translate(
            "rd::camera", "No camera was found. Connect a webcam, switch it on, or check that its driver is "
                          "installed.");
    case CameraOpenFailure::CameraBusy:
        return QCoreApplication::translate(
            "rd::camera",
            "The camera is in use by another program. Close video calls and other encoders that "
            "may use it, then try again.");
    case CameraOpenFailure::PermissionDenied:
        return QCoreApplication::translate(
            "rd::camera",
            "This program is not allowed to use the camera. Allow camera access in the system's "
            "privacy settings, then try again.");
    case CameraOpenFailure::OpenFailed:
        return QCoreApplication::translate(
            "rd::camera", "The camera could not be opened. Reconnect it or choose another camera.");
    case CameraOpenFailure::NoFramesInTime:
        return QCoreApplication::translate(
            "rd::camera",
            "The camera opened but sent no picture within a few seconds: another program may be "
            "using it, or the wrong camera is selected.");
    }
    return {};
}

QList<rd::Evidence> cameraEvidence(const CameraAnalysis& analysis, CameraOpenFailure failure)
{
    if (failure != CameraOpenFailure::None)
        return {Evidence{EvidenceSource::Measurement,
                         u"camera"_s,
                         cameraOpenFailureId(failure),
                         describeCameraOpenFailure(failure),
                         {}}};
    QList<Evidence> evidence;
    for (CameraFinding finding : analysis.findings) {
        evidence.append(Evidence{EvidenceSource::Measurement,
                                 u"camera"_s,
                                 cameraFindingId(finding),
                                 findingQuote(finding, analysis.measurement),
                                 {}});
    }
    return evidence;
}

QString describeMeasurement(const FrameMeasurement& m)
{
    if (m.framesAnalysed == 0)
        return QCoreApplication::translate("rd::camera", "No frames arrived from the camera.") + u'\n';
    QString text;
    if (m.requestedResolution.width() > 0 && m.requestedResolution.height() > 0)
        text += QCoreApplication::translate("rd::camera", "Frames analysed: %1 at %2 (%3 asked for)")
                    .arg(m.framesAnalysed)
                    .arg(sizeText(m.deliveredResolution), sizeText(m.requestedResolution)) +
                u'\n';
    else
        text += QCoreApplication::translate("rd::camera", "Frames analysed: %1 at %2")
                    .arg(m.framesAnalysed)
                    .arg(sizeText(m.deliveredResolution)) +
                u'\n';
    if (m.requestedFps > 0)
        text += QCoreApplication::translate(
                    "rd::camera", "Frame rate: %1 fps delivered, %2 fps asked for, %3 frames dropped")
                    .arg(number(m.deliveredFps), number(m.requestedFps))
                    .arg(m.droppedFrames) +
                u'\n';
    else
        text += QCoreApplication::translate("rd::camera", "Frame rate: %1 fps delivered, %2 frames dropped")
                    .arg(number(m.deliveredFps))
                    .arg(m.droppedFrames) +
                u'\n';
    text += QCoreApplication::translate("rd::camera", "Brightness: %1 of 255 (spread %2)")
                .arg(number(m.meanBrightness), number(m.brightnessSpread)) +
            u'\n';
    text += QCoreApplication::translate("rd::camera", "Noise: %1; movement: %2 % of the picture")
                .arg(number(m.noise), number(m.motion * 100.0)) +
            u'\n';
    return text;
}

} // namespace rd::camera
