#pragma once

#include "diagnosis/evidence.h"

#include <QImage>
#include <QList>
#include <QSize>
#include <QString>

// What a few seconds of camera frames say about the picture a stream will carry: brightness, noise,
// movement, frame rate and resolution, measured on plain QImages so the verdicts are deterministic
// and testable without a camera. Capturing the frames (Qt Multimedia) is the UI's job.
//
// Cost: every frame is first reduced to at most kAnalysisMaxWidth pixels wide by picking pixels
// (nearest neighbour, no averaging), so a few seconds of 1080p cost about as much as a thumbnail
// strip. Picking rather than averaging keeps per-pixel noise as the camera delivered it; averaging
// would smooth it away and hide exactly the noise the measurement looks for.
//
// Luma is Rec.601 (0.299 R + 0.587 G + 0.114 B) on the 0..255 scale.
namespace rd::camera {

// Widest frame the pixel math looks at; taller frames keep their aspect ratio.
inline constexpr int kAnalysisMaxWidth = 160;

// A pixel whose luma changes by more than this between two frames counts as moving. Sensor noise
// of a usable webcam stays well inside it (the noise verdict below is a quarter of it), while an
// edge of a moving hand or head changes by far more.
inline constexpr double kMotionLumaThreshold = 25.0;

// Mean luma below which the picture is too dark: encoders spend their bits on noise and viewers
// see a murky face. Well exposed webcam pictures sit around 100..150.
inline constexpr double kTooDarkMeanBelow = 60.0;
// Mean luma above which the picture is washed out (highlights clip, faces lose detail).
inline constexpr double kTooBrightMeanAbove = 200.0;
// Below this mean, webcams lengthen exposure and drop their frame rate (often to half), so a low
// frame rate here is blamed on light. Brighter than "too dark" on purpose: the slowdown starts
// before the picture looks dark to the user.
inline constexpr double kLowLightMeanBelow = 90.0;

// Frame-to-frame luma noise (std dev, see FrameMeasurement::noise) above which the picture counts
// as noisy: visible grain that costs encoder bitrate. Good light keeps webcams near 2..3.
inline constexpr double kNoisyAbove = 6.0;

// Frames whose mean luma is below video black (16 in Rec.601 studio range) show nothing.
inline constexpr double kBlackMeanBelow = 16.0;
// A live camera picture always has shading and sensor noise; a luma spread below this over all
// pixels is a solid fill (a driver's placeholder frame, a blank test pattern).
inline constexpr double kBlankSpreadBelow = 2.0;

// Delivered frame rate below this share of the requested one is a finding (a webcam asked for 30
// that delivers 24 or more is within its usual jitter; 20 is visibly worse).
inline constexpr double kLowFrameRateShare = 0.8;
// Without a requested rate: below this many frames per second motion looks jerky to anyone.
inline constexpr double kLowFrameRateFloorFps = 10.0;
// Less than this share of moving pixels is a still scene: encoders send unchanged pictures at a
// low rate, so a low rate here is expected rather than a fault.
inline constexpr double kStillSceneMotionBelow = 0.02;
// A gap between two frame timestamps longer than this many requested frame intervals means frames
// were dropped.
inline constexpr double kDroppedFrameGapFactor = 1.5;

// A requested rate above this (or not a positive number) is treated as not known.
inline constexpr double kMaxRequestedFps = 1000.0;

struct CaptureRequest
{
    QSize resolution;           // what the chat/encoder asks for
    double framesPerSecond = 0; // 0: not known
};

struct TimedFrame
{
    QImage image;
    qint64 timestampMs = 0; // capture time, monotonic ms
};

enum class CameraFinding
{
    TooDark,
    TooBright,
    Noisy,
    LowFrameRateLowLight,
    LowFrameRateStillScene,
    LowFrameRate,
    LowerResolutionThanRequested,
    NoImage,  // black/blank frames
    NoFrames, // nothing arrived
};

// Stable ids: "too-dark", "too-bright", "noisy", "low-fps-low-light", "low-fps-still-scene",
// "low-fps", "lower-resolution", "no-image", "no-frames".
QString cameraFindingId(CameraFinding finding);
// One user-facing sentence for the finding.
QString describeCameraFinding(CameraFinding finding);

struct FrameMeasurement
{
    int framesAnalysed = 0;
    QSize deliveredResolution; // the most frequent frame size, as captured (before downscaling)
    QSize requestedResolution; // CaptureRequest::resolution
    double requestedFps = 0;
    double deliveredFps = 0; // (frames - 1) over the time from first to last timestamp
    int droppedFrames = 0;   // gaps in timestamps longer than 1.5 x the requested frame interval, counted in
                             // missing frames
    double meanBrightness = 0;   // 0..255, luma (Rec.601) mean over all frames
    double brightnessSpread = 0; // standard deviation of luma over the pixels (of all frames)
    // Frame-to-frame luma variation on still areas (std dev, 0..255 scale): over consecutive
    // frames, the differences d of pixels with |d| <= kMotionLumaThreshold give
    // sqrt(mean(d^2) / 2); the halving undoes the difference adding two frames' noise.
    double noise = 0;
    // Fraction 0..1 of pixels whose luma changes by more than kMotionLumaThreshold between
    // consecutive frames, averaged over the frame pairs.
    double motion = 0;
};

struct CameraAnalysis
{
    FrameMeasurement measurement;
    QList<CameraFinding> findings; // in the enum's order; NoImage and NoFrames suppress the picture ones
};

CameraAnalysis analyzeFrames(const QList<TimedFrame>& frames, const CaptureRequest& request);

enum class CameraOpenFailure
{
    None,
    NoCamera,
    CameraBusy,
    PermissionDenied,
    OpenFailed,
    NoFramesInTime,
};

// "no-camera", "camera-busy", "permission-denied", "open-failed", "no-frames-in-time"; None: "".
QString cameraOpenFailureId(CameraOpenFailure failure);
// One clear user-facing sentence (translated through QCoreApplication::translate).
QString describeCameraOpenFailure(CameraOpenFailure failure);

// Evidence for the diagnosis: source Measurement, subject "camera", finding = cameraFindingId or
// cameraOpenFailureId. With an open failure the frames are not looked at.
QList<rd::Evidence> cameraEvidence(const CameraAnalysis& analysis,
                                   CameraOpenFailure failure = CameraOpenFailure::None);

// A few plain lines for the page, the report and help desks.
QString describeMeasurement(const FrameMeasurement& measurement);

} // namespace rd::camera
