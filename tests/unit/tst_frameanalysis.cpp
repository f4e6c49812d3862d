#include "camera/frameanalysis.h"
#include "diagnosis/evidence.h"

#include <QRandomGenerator>
#include <QTest>

#include <cmath>
#include <limits>
#include <vector>

using namespace Qt::StringLiterals;

using rd::camera::CameraFinding;
using rd::camera::CameraOpenFailure;
using rd::camera::CaptureRequest;
using rd::camera::TimedFrame;

namespace {

constexpr int kWidth = 64; // below kAnalysisMaxWidth: the analysis sees every pixel the test made
constexpr int kHeight = 48;
constexpr int kFrames = 10;

// One synthetic grey sequence: the luma values the test chose, so expected values come from these
// numbers and not from the code under test.
struct Sequence
{
    int width = kWidth;
    int height = kHeight;
    std::vector<std::vector<int>> luma; // per frame, row-major
    QList<qint64> timestamps;
};

QImage toImage(const std::vector<int>& values, int width, int height, QImage::Format format)
{
    QImage image(width, height, QImage::Format_RGB32);
    for (int y = 0; y < height; ++y) {
        for (int x = 0; x < width; ++x) {
            const int v = values[std::size_t(y * width + x)];
            image.setPixel(x, y, qRgb(v, v, v));
        }
    }
    return format == QImage::Format_RGB32 ? image : image.convertToFormat(format);
}

QList<TimedFrame> frames(const Sequence& sequence, QImage::Format format = QImage::Format_RGB32)
{
    QList<TimedFrame> list;
    for (std::size_t index = 0; index < sequence.luma.size(); ++index)
        list.append(TimedFrame{toImage(sequence.luma[index], sequence.width, sequence.height, format),
                               sequence.timestamps.value(qsizetype(index))});
    return list;
}

// Evenly spaced capture times, gapMs apart.
QList<qint64> evenly(int count, double gapMs)
{
    QList<qint64> times;
    for (int index = 0; index < count; ++index)
        times.append(qRound64(index * gapMs));
    return times;
}

// The left half at mean - delta, the right half at mean + delta: mean and spread are known exactly
// (spread = delta), and nothing moves.
Sequence halves(int mean, int delta, QList<qint64> times = evenly(kFrames, 1000.0 / 30))
{
    Sequence s;
    s.timestamps = times;
    std::vector<int> frame(std::size_t(kWidth * kHeight));
    for (int y = 0; y < kHeight; ++y) {
        for (int x = 0; x < kWidth; ++x)
            frame[std::size_t(y * kWidth + x)] = x < kWidth / 2 ? mean - delta : mean + delta;
    }
    s.luma.assign(std::size_t(times.size()), frame);
    return s;
}

// halves(128, 10) plus independent uniform noise in [-amplitude, amplitude] per pixel and frame.
Sequence noisy(int amplitude, quint32 seed)
{
    Sequence s = halves(128, 10);
    QRandomGenerator random(seed);
    for (std::vector<int>& frame : s.luma) {
        for (int& value : frame)
            value += random.bounded(-amplitude, amplitude + 1);
    }
    return s;
}

// A vertical bar (luma 230, barWidth wide) on a background of 100, moving step px per frame.
Sequence movingBar(int step, int barWidth = 20, QList<qint64> times = evenly(kFrames, 1000.0 / 30),
                   int width = kWidth)
{
    Sequence s;
    s.width = width;
    s.timestamps = times;
    for (qsizetype index = 0; index < times.size(); ++index) {
        std::vector<int> frame(std::size_t(width * kHeight), 100);
        const int left = 4 + int(index) * step;
        for (int y = 0; y < kHeight; ++y) {
            for (int x = left; x < left + barWidth && x < width; ++x)
                frame[std::size_t(y * width + x)] = 230;
        }
        s.luma.push_back(frame);
    }
    return s;
}

// The measurement as defined in frameanalysis.h, from the test's own numbers.
struct Expected
{
    double mean = 0;
    double spread = 0;
    double noise = 0;
    double motion = 0;
};

Expected expectedFor(const Sequence& s)
{
    Expected e;
    double sum = 0;
    double count = 0;
    for (const std::vector<int>& frame : s.luma) {
        for (int value : frame) {
            sum += value;
            count += 1;
        }
    }
    e.mean = sum / count;
    double squares = 0;
    for (const std::vector<int>& frame : s.luma) {
        for (int value : frame)
            squares += (value - e.mean) * (value - e.mean);
    }
    e.spread = std::sqrt(squares / count);
    double still = 0;
    double stillSquares = 0;
    double moving = 0;
    for (std::size_t index = 1; index < s.luma.size(); ++index) {
        double changed = 0;
        for (std::size_t pixel = 0; pixel < s.luma[index].size(); ++pixel) {
            const int difference = s.luma[index][pixel] - s.luma[index - 1][pixel];
            if (std::abs(difference) > 25) {
                changed += 1;
            } else {
                still += 1;
                stillSquares += double(difference) * difference;
            }
        }
        moving += changed / double(s.luma[index].size());
    }
    e.noise = still > 0 ? std::sqrt(stillSquares / still / 2.0) : 0.0;
    e.motion = s.luma.size() > 1 ? moving / double(s.luma.size() - 1) : 0.0;
    return e;
}

QStringList ids(const QList<CameraFinding>& findings)
{
    QStringList list;
    for (CameraFinding finding : findings)
        list.append(rd::camera::cameraFindingId(finding));
    return list;
}

QList<CameraFinding> allFindings()
{
    return {CameraFinding::TooDark,
            CameraFinding::TooBright,
            CameraFinding::Noisy,
            CameraFinding::LowFrameRateLowLight,
            CameraFinding::LowFrameRateStillScene,
            CameraFinding::LowFrameRate,
            CameraFinding::LowerResolutionThanRequested,
            CameraFinding::NoImage,
            CameraFinding::NoFrames};
}

QList<CameraOpenFailure> allFailures()
{
    return {CameraOpenFailure::NoCamera, CameraOpenFailure::CameraBusy, CameraOpenFailure::PermissionDenied,
            CameraOpenFailure::OpenFailed, CameraOpenFailure::NoFramesInTime};
}

const CaptureRequest k30fps{QSize(kWidth, kHeight), 30};

} // namespace

Q_DECLARE_METATYPE(Sequence)
Q_DECLARE_METATYPE(TimedFrame)
Q_DECLARE_METATYPE(CaptureRequest)

class TestFrameAnalysis : public QObject
{
    Q_OBJECT

private slots:
    void verdicts_data();
    void verdicts();
    void measurementMatchesPixelMath_data();
    void measurementMatchesPixelMath();
    void noiseOfUniformNoise_data();
    void noiseOfUniformNoise();
    void movementOfAMovingBar_data();
    void movementOfAMovingBar();
    void droppedFrames_data();
    void droppedFrames();
    void deliveredResolution();
    void largeFramesAreDownscaled();
    void noFrames_data();
    void noFrames();
    void anyImageFormat_data();
    void anyImageFormat();
    void colourLumaIsRec601();
    void deterministic();
    void nonsenseRequestsAndClocks_data();
    void nonsenseRequestsAndClocks();
    void idsAreStableAndKnownToTheEngine();
    void evidence();
    void openFailuresHaveTheirOwnMessages();
    void describesTheMeasurement();
};

void TestFrameAnalysis::verdicts_data()
{
    QTest::addColumn<Sequence>("sequence");
    QTest::addColumn<CaptureRequest>("request");
    QTest::addColumn<QStringList>("findings");

    const QStringList none;
    // Brightness: kTooDarkMeanBelow 60, kTooBrightMeanAbove 200.
    QTest::newRow("mid grey, textured") << halves(128, 10) << k30fps << none;
    QTest::newRow("mean 59: too dark") << halves(59, 10) << k30fps << QStringList{u"too-dark"_s};
    QTest::newRow("mean 61: not too dark") << halves(61, 10) << k30fps << none;
    QTest::newRow("mean 199: not too bright") << halves(199, 10) << k30fps << none;
    QTest::newRow("mean 201: too bright") << halves(201, 10) << k30fps << QStringList{u"too-bright"_s};
    // Black and blank: kBlackMeanBelow 16, kBlankSpreadBelow 2.
    QTest::newRow("all black") << halves(0, 0) << k30fps << QStringList{u"no-image"_s};
    QTest::newRow("mean 15: black") << halves(15, 10) << k30fps << QStringList{u"no-image"_s};
    QTest::newRow("mean 17: very dark, but a picture")
        << halves(17, 10) << k30fps << QStringList{u"too-dark"_s};
    QTest::newRow("uniform grey: blank") << halves(128, 0) << k30fps << QStringList{u"no-image"_s};
    QTest::newRow("spread 1: blank") << halves(128, 1) << k30fps << QStringList{u"no-image"_s};
    QTest::newRow("spread 3: a picture") << halves(128, 3) << k30fps << none;
    // Noise: kNoisyAbove 6; uniform noise of amplitude a has std dev sqrt(a(a+1)/3).
    QTest::newRow("noise 5.5 (a=9)") << noisy(9, 1) << k30fps << none;
    QTest::newRow("noise 6.1 (a=10)") << noisy(10, 1) << k30fps << QStringList{u"noisy"_s};
    // Frame rate: 30 requested, below 24 (kLowFrameRateShare 0.8) is low.
    QTest::newRow("24.4 fps of 30") << halves(128, 10, evenly(kFrames, 41)) << k30fps << none;
    QTest::newRow("23.8 fps of 30, still scene")
        << halves(128, 10, evenly(kFrames, 42)) << k30fps << QStringList{u"low-fps-still-scene"_s};
    // Low light: kLowLightMeanBelow 90 decides what a low rate is blamed on.
    QTest::newRow("23.8 fps at mean 89: low light")
        << halves(89, 10, evenly(kFrames, 42)) << k30fps << QStringList{u"low-fps-low-light"_s};
    QTest::newRow("23.8 fps at mean 91, still: still scene")
        << halves(91, 10, evenly(kFrames, 42)) << k30fps << QStringList{u"low-fps-still-scene"_s};
    QTest::newRow("15 fps, dark: too dark and low light")
        << halves(50, 10, evenly(kFrames, 1000.0 / 15)) << k30fps
        << QStringList{u"too-dark"_s, u"low-fps-low-light"_s};
    // Movement: kStillSceneMotionBelow 0.02; a bar moving k px changes 2k/64 of the picture.
    QTest::newRow("15 fps, bar moves 1 px (0.031): moving")
        << movingBar(1, 20, evenly(kFrames, 1000.0 / 15)) << k30fps << QStringList{u"low-fps"_s};
    QTest::newRow("15 fps, bar moves 1 px of 110 (0.018): still")
        << movingBar(1, 20, evenly(kFrames, 1000.0 / 15), 110) << CaptureRequest{QSize(110, kHeight), 30}
        << QStringList{u"low-fps-still-scene"_s};
    QTest::newRow("15 fps, bar moves 1 px of 96 (0.021): moving")
        << movingBar(1, 20, evenly(kFrames, 1000.0 / 15), 96) << CaptureRequest{QSize(96, kHeight), 30}
        << QStringList{u"low-fps"_s};
    QTest::newRow("15 fps, nothing moves")
        << movingBar(0, 20, evenly(kFrames, 1000.0 / 15)) << k30fps << QStringList{u"low-fps-still-scene"_s};
    QTest::newRow("30 fps, bar moves 3 px") << movingBar(3) << k30fps << none;
    // Without a requested rate, kLowFrameRateFloorFps 10.
    QTest::newRow("9.9 fps, none requested")
        << movingBar(1, 20, evenly(kFrames, 101)) << CaptureRequest{QSize(), 0} << QStringList{u"low-fps"_s};
    QTest::newRow("10.1 fps, none requested")
        << movingBar(1, 20, evenly(kFrames, 99)) << CaptureRequest{QSize(), 0} << none;
    // Resolution.
    QTest::newRow("wider than delivered") << halves(128, 10) << CaptureRequest{QSize(kWidth + 1, kHeight), 30}
                                          << QStringList{u"lower-resolution"_s};
    QTest::newRow("taller than delivered")
        << halves(128, 10) << CaptureRequest{QSize(kWidth, kHeight + 1), 30}
        << QStringList{u"lower-resolution"_s};
    QTest::newRow("smaller than delivered") << halves(128, 10) << CaptureRequest{QSize(32, 24), 30} << none;
    // Black frames at a low rate: light and movement cannot be judged.
    QTest::newRow("black and slow") << halves(0, 0, evenly(kFrames, 1000.0 / 15)) << k30fps
                                    << QStringList{u"low-fps"_s, u"no-image"_s};
}

void TestFrameAnalysis::verdicts()
{
    QFETCH(Sequence, sequence);
    QFETCH(CaptureRequest, request);
    QFETCH(QStringList, findings);

    const rd::camera::CameraAnalysis analysis = rd::camera::analyzeFrames(frames(sequence), request);
    QCOMPARE(ids(analysis.findings), findings);
}

void TestFrameAnalysis::measurementMatchesPixelMath_data()
{
    QTest::addColumn<Sequence>("sequence");
    QTest::newRow("halves") << halves(100, 20);
    QTest::newRow("black") << halves(0, 0);
    QTest::newRow("noisy") << noisy(7, 42);
    QTest::newRow("moving bar") << movingBar(5);
    QTest::newRow("one frame") << halves(100, 20, {0});
}

void TestFrameAnalysis::measurementMatchesPixelMath()
{
    QFETCH(Sequence, sequence);
    const Expected expected = expectedFor(sequence);
    const rd::camera::FrameMeasurement m = rd::camera::analyzeFrames(frames(sequence), k30fps).measurement;
    QCOMPARE(m.framesAnalysed, int(sequence.luma.size()));
    QCOMPARE(m.deliveredResolution, QSize(kWidth, kHeight));
    const double tolerance = 1e-6;
    QVERIFY2(std::abs(m.meanBrightness - expected.mean) < tolerance,
             qPrintable(QString::number(m.meanBrightness)));
    QVERIFY2(std::abs(m.brightnessSpread - expected.spread) < tolerance,
             qPrintable(QString::number(m.brightnessSpread)));
    QVERIFY2(std::abs(m.noise - expected.noise) < tolerance, qPrintable(QString::number(m.noise)));
    QVERIFY2(std::abs(m.motion - expected.motion) < tolerance, qPrintable(QString::number(m.motion)));
}

void TestFrameAnalysis::noiseOfUniformNoise_data()
{
    QTest::addColumn<int>("amplitude");
    for (int amplitude : {2, 5, 9, 12})
        QTest::addRow("+-%d", amplitude) << amplitude;
}

void TestFrameAnalysis::noiseOfUniformNoise()
{
    QFETCH(int, amplitude);
    // Integers uniform in [-a, a] have variance a(a+1)/3; 9 frame pairs of 3072 pixels pin the estimate
    // to within a few per cent.
    const double sigma = std::sqrt(amplitude * (amplitude + 1) / 3.0);
    const rd::camera::FrameMeasurement m =
        rd::camera::analyzeFrames(frames(noisy(amplitude, 7)), k30fps).measurement;
    QVERIFY2(std::abs(m.noise - sigma) < 0.03 * sigma, qPrintable(u"%1 vs %2"_s.arg(m.noise).arg(sigma)));
    QCOMPARE(m.motion, 0.0); // differences stay within 2a <= 24, below the motion threshold
    QCOMPARE(halves(128, 10).luma.size(), std::size_t(kFrames));
    QCOMPARE(rd::camera::analyzeFrames(frames(halves(128, 10)), k30fps).measurement.noise, 0.0);
}

void TestFrameAnalysis::movementOfAMovingBar_data()
{
    QTest::addColumn<int>("step");
    QTest::addColumn<int>("barWidth");
    QTest::addColumn<double>("fraction");
    // Each move uncovers step columns and covers step others: 2 * step / 64 of the picture changes,
    // until the step exceeds the bar (then 2 * barWidth / 64).
    QTest::newRow("still") << 0 << 20 << 0.0;
    QTest::newRow("1 px") << 1 << 20 << 2.0 / 64;
    QTest::newRow("4 px") << 4 << 20 << 8.0 / 64;
    QTest::newRow("step wider than the bar") << 6 << 4 << 8.0 / 64;
}

void TestFrameAnalysis::movementOfAMovingBar()
{
    QFETCH(int, step);
    QFETCH(int, barWidth);
    QFETCH(double, fraction);
    const rd::camera::FrameMeasurement m =
        rd::camera::analyzeFrames(frames(movingBar(step, barWidth)), k30fps).measurement;
    QVERIFY2(std::abs(m.motion - fraction) < 1e-9, qPrintable(QString::number(m.motion)));
    QCOMPARE(m.noise, 0.0); // still pixels did not change at all
}

void TestFrameAnalysis::droppedFrames_data()
{
    QTest::addColumn<QList<qint64>>("timestamps");
    QTest::addColumn<double>("requestedFps");
    QTest::addColumn<int>("dropped");
    QTest::addColumn<double>("fps");

    // At 30 fps a frame is due every 33.3 ms; gaps above 50 ms lose round(gap / 33.3) - 1 frames.
    QTest::newRow("steady") << evenly(10, 1000.0 / 30) << 30.0 << 0 << 30.0;
    QTest::newRow("two gaps of 100 ms")
        << QList<qint64>{0, 33, 67, 100, 200, 233, 267, 300, 400} << 30.0 << 4 << 20.0;
    QTest::newRow("gap of exactly 1.5 intervals") << QList<qint64>{0, 50, 100} << 30.0 << 0 << 20.0;
    QTest::newRow("gap just over 1.5 intervals") << QList<qint64>{0, 51} << 30.0 << 1 << 1000.0 / 51;
    QTest::newRow("one second missing") << QList<qint64>{0, 1000} << 30.0 << 29 << 1.0;
    // Without a request, the usual (median) gap is the reference.
    QTest::newRow("no request, one long gap")
        << QList<qint64>{0, 40, 80, 120, 240} << 0.0 << 2 << 1000.0 / 60;
    QTest::newRow("out of order") << QList<qint64>{67, 0, 100, 33} << 30.0 << 0 << 30.0;
}

void TestFrameAnalysis::droppedFrames()
{
    QFETCH(QList<qint64>, timestamps);
    QFETCH(double, requestedFps);
    QFETCH(int, dropped);
    QFETCH(double, fps);
    const rd::camera::FrameMeasurement m =
        rd::camera::analyzeFrames(frames(halves(128, 10, timestamps)), CaptureRequest{QSize(), requestedFps})
            .measurement;
    QCOMPARE(m.droppedFrames, dropped);
    QVERIFY2(std::abs(m.deliveredFps - fps) < 1e-9, qPrintable(QString::number(m.deliveredFps)));
}

void TestFrameAnalysis::deliveredResolution()
{
    // The most frequent size wins; a camera that switches mode once does not change the verdict.
    QList<TimedFrame> list = frames(halves(128, 10));
    list[3].image = QImage(320, 240, QImage::Format_RGB32);
    list[3].image.fill(qRgb(120, 120, 120));
    const rd::camera::CameraAnalysis analysis = rd::camera::analyzeFrames(list, k30fps);
    QCOMPARE(analysis.measurement.deliveredResolution, QSize(kWidth, kHeight));
    QCOMPARE(analysis.measurement.framesAnalysed, kFrames);
}

void TestFrameAnalysis::largeFramesAreDownscaled()
{
    // 1280x720 halves at 40 and 80: picking pixels keeps the mean (60) and the spread (20).
    QList<TimedFrame> list;
    for (int index = 0; index < kFrames; ++index) {
        QImage image(1280, 720, QImage::Format_RGB32);
        for (int y = 0; y < image.height(); ++y) {
            auto* line = reinterpret_cast<QRgb*>(image.scanLine(y));
            for (int x = 0; x < image.width(); ++x)
                line[x] = x < 640 ? qRgb(40, 40, 40) : qRgb(80, 80, 80);
        }
        list.append(TimedFrame{image, qRound64(index * 1000.0 / 30)});
    }
    const rd::camera::CameraAnalysis analysis =
        rd::camera::analyzeFrames(list, CaptureRequest{QSize(1920, 1080), 30});
    const rd::camera::FrameMeasurement& m = analysis.measurement;
    QCOMPARE(m.deliveredResolution, QSize(1280, 720));
    QVERIFY2(std::abs(m.meanBrightness - 60.0) < 0.5, qPrintable(QString::number(m.meanBrightness)));
    QVERIFY2(std::abs(m.brightnessSpread - 20.0) < 0.5, qPrintable(QString::number(m.brightnessSpread)));
    QCOMPARE(ids(analysis.findings), QStringList{u"lower-resolution"_s});
}

void TestFrameAnalysis::noFrames_data()
{
    QTest::addColumn<QList<TimedFrame>>("list");
    QTest::newRow("empty") << QList<TimedFrame>{};
    QTest::newRow("null images") << QList<TimedFrame>{TimedFrame{QImage(), 0}, TimedFrame{QImage(), 33}};
    QTest::newRow("zero-sized image") << QList<TimedFrame>{TimedFrame{QImage(0, 0, QImage::Format_RGB32), 0}};
}

void TestFrameAnalysis::noFrames()
{
    QFETCH(QList<TimedFrame>, list);
    const rd::camera::CameraAnalysis analysis = rd::camera::analyzeFrames(list, k30fps);
    QCOMPARE(analysis.measurement.framesAnalysed, 0);
    QCOMPARE(ids(analysis.findings), QStringList{u"no-frames"_s});
    QCOMPARE(analysis.measurement.deliveredFps, 0.0);
}

void TestFrameAnalysis::anyImageFormat_data()
{
    QTest::addColumn<int>("format");
    QTest::newRow("RGB32") << int(QImage::Format_RGB32);
    QTest::newRow("ARGB32") << int(QImage::Format_ARGB32);
    QTest::newRow("ARGB32 premultiplied") << int(QImage::Format_ARGB32_Premultiplied);
    QTest::newRow("Grayscale8") << int(QImage::Format_Grayscale8);
    QTest::newRow("Grayscale16") << int(QImage::Format_Grayscale16);
    QTest::newRow("RGB888") << int(QImage::Format_RGB888);
    QTest::newRow("RGBX8888") << int(QImage::Format_RGBX8888);
    QTest::newRow("Indexed8") << int(QImage::Format_Indexed8);
}

void TestFrameAnalysis::anyImageFormat()
{
    QFETCH(int, format);
    const Sequence sequence = noisy(6, 3);
    const rd::camera::FrameMeasurement reference =
        rd::camera::analyzeFrames(frames(sequence), k30fps).measurement;
    const QList<TimedFrame> converted = frames(sequence, QImage::Format(format));
    QCOMPARE(converted.first().image.format(), QImage::Format(format));
    const rd::camera::FrameMeasurement m = rd::camera::analyzeFrames(converted, k30fps).measurement;
    const double tolerance = 1e-9;
    QCOMPARE(m.framesAnalysed, reference.framesAnalysed);
    QVERIFY2(std::abs(m.meanBrightness - reference.meanBrightness) < tolerance,
             qPrintable(QString::number(m.meanBrightness)));
    QVERIFY2(std::abs(m.brightnessSpread - reference.brightnessSpread) < tolerance,
             qPrintable(QString::number(m.brightnessSpread)));
    QVERIFY2(std::abs(m.noise - reference.noise) < tolerance, qPrintable(QString::number(m.noise)));
}

void TestFrameAnalysis::colourLumaIsRec601()
{
    QImage image(kWidth, kHeight, QImage::Format_RGB32);
    image.fill(qRgb(200, 100, 50));
    for (int y = 0; y < kHeight; ++y)
        image.setPixel(0, y, qRgb(0, 0, 0)); // some texture, so it is not blank
    const double colour = 0.299 * 200 + 0.587 * 100 + 0.114 * 50;
    const double expected = colour * (kWidth - 1) / kWidth;
    const rd::camera::FrameMeasurement m =
        rd::camera::analyzeFrames({TimedFrame{image, 0}, TimedFrame{image, 33}}, k30fps).measurement;
    QVERIFY2(std::abs(m.meanBrightness - expected) < 1e-9, qPrintable(QString::number(m.meanBrightness)));
}

void TestFrameAnalysis::deterministic()
{
    const QList<TimedFrame> list = frames(noisy(8, 99)) + frames(movingBar(2));
    const rd::camera::CameraAnalysis first = rd::camera::analyzeFrames(list, k30fps);
    const rd::camera::CameraAnalysis second = rd::camera::analyzeFrames(list, k30fps);
    QCOMPARE(ids(second.findings), ids(first.findings));
    QCOMPARE(second.measurement.meanBrightness, first.measurement.meanBrightness);
    QCOMPARE(second.measurement.brightnessSpread, first.measurement.brightnessSpread);
    QCOMPARE(second.measurement.noise, first.measurement.noise);
    QCOMPARE(second.measurement.motion, first.measurement.motion);
    QCOMPARE(second.measurement.deliveredFps, first.measurement.deliveredFps);
    QCOMPARE(second.measurement.droppedFrames, first.measurement.droppedFrames);
    QCOMPARE(rd::camera::describeMeasurement(second.measurement),
             rd::camera::describeMeasurement(first.measurement));
}

void TestFrameAnalysis::nonsenseRequestsAndClocks_data()
{
    QTest::addColumn<double>("requestedFps");
    QTest::addColumn<QList<qint64>>("timestamps");
    constexpr qint64 kMin = std::numeric_limits<qint64>::min();
    constexpr qint64 kMax = std::numeric_limits<qint64>::max();
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const double inf = std::numeric_limits<double>::infinity();
    QTest::newRow("NaN fps") << nan << evenly(4, 33);
    QTest::newRow("infinite fps") << inf << evenly(4, 33);
    QTest::newRow("negative fps") << -30.0 << evenly(4, 33);
    QTest::newRow("a million fps") << 1e6 << evenly(4, 33);
    QTest::newRow("clock from min to max") << 30.0 << QList<qint64>{kMin, 0, kMax};
    QTest::newRow("all at the same time") << 30.0 << QList<qint64>{5, 5, 5, 5};
    QTest::newRow("tiny request, huge gap") << 0.001 << QList<qint64>{0, kMax};
}

void TestFrameAnalysis::nonsenseRequestsAndClocks()
{
    QFETCH(double, requestedFps);
    QFETCH(QList<qint64>, timestamps);
    const rd::camera::CameraAnalysis analysis = rd::camera::analyzeFrames(
        frames(halves(128, 10, timestamps)), CaptureRequest{QSize(kWidth, kHeight), requestedFps});
    const rd::camera::FrameMeasurement& m = analysis.measurement;
    QCOMPARE(m.framesAnalysed, int(timestamps.size()));
    QVERIFY(std::isfinite(m.deliveredFps) && m.deliveredFps >= 0);
    QVERIFY(std::isfinite(m.requestedFps) && m.requestedFps >= 0 && m.requestedFps <= 1000);
    QVERIFY(m.droppedFrames >= 0);
    QVERIFY(!rd::camera::describeMeasurement(m).isEmpty());
}

void TestFrameAnalysis::idsAreStableAndKnownToTheEngine()
{
    QStringList all;
    for (CameraFinding finding : allFindings())
        all.append(rd::camera::cameraFindingId(finding));
    QCOMPARE(all, (QStringList{u"too-dark"_s, u"too-bright"_s, u"noisy"_s, u"low-fps-low-light"_s,
                               u"low-fps-still-scene"_s, u"low-fps"_s, u"lower-resolution"_s, u"no-image"_s,
                               u"no-frames"_s}));
    QStringList failures;
    for (CameraOpenFailure failure : allFailures())
        failures.append(rd::camera::cameraOpenFailureId(failure));
    QCOMPARE(failures, (QStringList{u"no-camera"_s, u"camera-busy"_s, u"permission-denied"_s,
                                    u"open-failed"_s, u"no-frames-in-time"_s}));
    QVERIFY(rd::camera::cameraOpenFailureId(CameraOpenFailure::None).isEmpty());
    // The knowledge base loader only accepts what the engine lists; both lists must agree.
    QStringList engine = rd::measurementFindingIds(u"camera");
    QStringList ours = all + failures;
    engine.sort();
    ours.sort();
    QCOMPARE(engine, ours);
}

void TestFrameAnalysis::evidence()
{
    const rd::camera::CameraAnalysis dark =
        rd::camera::analyzeFrames(frames(halves(50, 10, evenly(kFrames, 1000.0 / 15))), k30fps);
    const QList<rd::Evidence> evidence = rd::camera::cameraEvidence(dark);
    QCOMPARE(evidence.size(), 2);
    for (qsizetype index = 0; index < evidence.size(); ++index) {
        QCOMPARE(evidence[index].source, rd::EvidenceSource::Measurement);
        QCOMPARE(evidence[index].subject, u"camera"_s);
        QCOMPARE(evidence[index].finding, rd::camera::cameraFindingId(dark.findings[index]));
        QVERIFY(!evidence[index].quote.isEmpty());
        QVERIFY(!evidence[index].quote.contains(u'\n'));
    }
    QVERIFY2(evidence[0].quote.contains(u"50.0"_s), qPrintable(evidence[0].quote));
    QCOMPARE(rd::evidenceSourceId(rd::EvidenceSource::Measurement), u"measurement"_s);

    // An open failure replaces whatever the frames said.
    const QList<rd::Evidence> busy = rd::camera::cameraEvidence(dark, CameraOpenFailure::CameraBusy);
    QCOMPARE(busy.size(), 1);
    QCOMPARE(busy[0].finding, u"camera-busy"_s);
    QCOMPARE(busy[0].quote, rd::camera::describeCameraOpenFailure(CameraOpenFailure::CameraBusy));

    QVERIFY(rd::camera::cameraEvidence(rd::camera::analyzeFrames(frames(halves(128, 10)), k30fps)).isEmpty());
}

void TestFrameAnalysis::openFailuresHaveTheirOwnMessages()
{
    QSet<QString> messages;
    for (CameraOpenFailure failure : allFailures()) {
        const QString message = rd::camera::describeCameraOpenFailure(failure);
        QVERIFY(!message.isEmpty());
        messages.insert(message);
    }
    QCOMPARE(messages.size(), allFailures().size());
    QVERIFY(
        rd::camera::describeCameraOpenFailure(CameraOpenFailure::CameraBusy).contains(u"another program"_s));
    QVERIFY(
        rd::camera::describeCameraOpenFailure(CameraOpenFailure::PermissionDenied).contains(u"allowed"_s));
    QVERIFY(rd::camera::describeCameraOpenFailure(CameraOpenFailure::NoCamera).contains(u"No camera"_s));
    QSet<QString> findings;
    for (CameraFinding finding : allFindings())
        findings.insert(rd::camera::describeCameraFinding(finding));
    QCOMPARE(findings.size(), allFindings().size());
}

void TestFrameAnalysis::describesTheMeasurement()
{
    const rd::camera::CameraAnalysis analysis = rd::camera::analyzeFrames(
        frames(halves(50, 10, QList<qint64>{0, 33, 67, 100, 200, 233, 267, 300, 400})),
        CaptureRequest{QSize(1280, 720), 30});
    const QString text = rd::camera::describeMeasurement(analysis.measurement);
    QCOMPARE(text, u"Frames analysed: 9 at 64×48 (1280×720 asked for)\n"
                   u"Frame rate: 20.0 fps delivered, 30.0 fps asked for, 4 frames dropped\n"
                   u"Brightness: 50.0 of 255 (spread 10.0)\n"
                   u"Noise: 0.0; movement: 0.0 % of the picture\n"_s);
    QCOMPARE(rd::camera::describeMeasurement({}), u"No frames arrived from the camera.\n"_s);
}

QTEST_GUILESS_MAIN(TestFrameAnalysis)
#include "tst_frameanalysis.moc"
