// The camera check on the camera/checklist page. CI machines have no camera, so the real path
// tested here is "no camera": the page says so, keeps the manual checklist and lets the wizard go
// on, in bounded time. Everything after a camera opens is driven through the page's frame-source
// seam with synthetic frames, measured by the real analysis (rd::camera::analyzeFrames) and
// matched against the real knowledge base. The file builds with -DRTMPDOCTOR_CAMERA=OFF too.
#include "camera/cameracapture.h"
#include "camera/cameracheckwidget.h"
#include "camera/camerafailure.h"
#include "camera/defaultframesource.h"
#include "camera/framepreview.h"
#include "camera/framesource.h"
#include "catalog/catalogs.h"
#include "diagnosis/bitratefit.h"
#include "diagnosis/knowledgebase.h"
#include "mainwizard.h"
#include "pages/camerachecklistpage.h"
#include "pages/rememberedtarget.h"
#include "widgetfinder.h"
#include "widgets/urledit.h"

#include <QCheckBox>
#include <QComboBox>
#include <QElapsedTimer>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPainter>
#include <QPushButton>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTest>

#include <memory>
#include <optional>

using namespace Qt::StringLiterals;
using rd::MainWizard;
using rd::camera::CameraFinding;
using rd::camera::CameraOpenFailure;
using rd::test::findWidget;

Q_DECLARE_METATYPE(rd::CameraErrorFacts)

namespace {

// A camera that delivers what the test pushes, or fails as the test says.
class ScriptedFrameSource : public rd::FrameSource
{
public:
    QList<rd::CameraDeviceChoice> cameras{{"scripted-0", u"Scripted test camera"_s, true}};
    std::optional<CameraOpenFailure> failOnStart;
    QString failDetail;
    int starts = 0;
    int stops = 0;
    bool running = false;
    rd::camera::CaptureRequest lastRequest;

    QList<rd::CameraDeviceChoice> devices() const override { return cameras; }
    void start(const QByteArray& /*deviceId*/, const rd::camera::CaptureRequest& request) override
    {
        ++starts;
        lastRequest = request;
        running = true;
        if (failOnStart)
            emit failed(*failOnStart, failDetail);
    }
    void stop() override
    {
        ++stops;
        running = false;
    }

    // `seconds` of frames at `fps`, each from `makeFrame(index)`, stamped as a camera would.
    template <typename MakeFrame>
    void deliver(double seconds, double fps, MakeFrame makeFrame)
    {
        const int count = int(seconds * fps) + 1;
        for (int index = 0; index < count && running; ++index)
            emit frameCaptured(makeFrame(index), qint64(index * 1000.0 / fps));
    }
};

// A lit scene with sensor noise: `level` is the mean grey, `noise` the +/- range per pixel, and a
// bright square that jumps with `index` so the picture is not still. The noise is read from one
// random buffer at an offset that changes with every frame: independent from frame to frame, and
// cheap enough for a few seconds of 1080p.
class SceneMaker
{
public:
    SceneMaker(QSize size, int level, int noise)
        : m_size(size)
        , m_level(level)
    {
        QRandomGenerator random(QRandomGenerator::global()->generate());
        m_noise.resize(qsizetype(size.width()) * size.height() + kOffsets * kOffsetStep);
        for (qint8& value : m_noise)
            value = qint8(random.bounded(-noise, noise + 1));
    }

    QImage operator()(int index) const
    {
        QImage image(m_size, QImage::Format_RGB32);
        const qint8* noise = m_noise.constData() + (index % kOffsets) * kOffsetStep;
        for (int y = 0; y < m_size.height(); ++y) {
            auto* line = reinterpret_cast<QRgb*>(image.scanLine(y));
            for (int x = 0; x < m_size.width(); ++x) {
                const int grey = std::clamp(m_level + *noise++, 0, 255);
                line[x] = qRgb(grey, grey, grey);
            }
        }
        QPainter painter(&image);
        const int side = m_size.height() / 4;
        painter.fillRect((index * 2 * side) % (m_size.width() - side), m_size.height() / 3, side, side,
                         Qt::white);
        return image;
    }

private:
    static constexpr int kOffsets = 61;
    static constexpr int kOffsetStep = 997; // prime: no two offsets line the noise up again
    QSize m_size;
    int m_level = 0;
    QList<qint8> m_noise;
};

} // namespace

class TestCameraPage : public QObject
{
    Q_OBJECT

private:
    std::optional<rd::Catalogs> m_catalogs;

    std::unique_ptr<MainWizard> newWizard()
    {
        auto wizard = std::make_unique<MainWizard>(*m_catalogs);
        wizard->resize(1024, 640);
        return wizard;
    }

    // Welcome -> Encoder (search) -> URL -> Symptoms, ticks `symptom` (if any), Next.
    void walkToCameraPage(MainWizard& wizard, const QString& encoderSearch, const char* symptom)
    {
        wizard.show();
        QVERIFY(QTest::qWaitForWindowExposed(&wizard));
        QTest::mouseClick(wizard.button(QWizard::NextButton), Qt::LeftButton);
        QCOMPARE(wizard.currentId(), int(MainWizard::EncoderPageId));
        auto* search = findWidget<QLineEdit>(&wizard, "encoderSearch");
        QVERIFY(search);
        search->setFocus();
        QTest::keyClicks(search, encoderSearch);
        QTest::keyClick(search, Qt::Key_Return);
        QCOMPARE(wizard.currentId(), int(MainWizard::IngestUrlPageId));
        findWidget<rd::UrlEdit>(&wizard, "ingestUrlEdit")
            ->setText(u"rtmp://live.example.com/app/sk-test-key"_s);
        QTest::mouseClick(wizard.button(QWizard::NextButton), Qt::LeftButton);
        QCOMPARE(wizard.currentId(), int(MainWizard::SymptomsPageId));
        if (symptom != nullptr) {
            auto* box = findWidget<QCheckBox>(&wizard, symptom);
            QVERIFY(box);
            QTest::mouseClick(box, Qt::LeftButton, {}, QPoint(8, box->height() / 2));
            QVERIFY(box->isChecked());
        }
        QTest::mouseClick(wizard.button(QWizard::NextButton), Qt::LeftButton);
        QCOMPARE(wizard.currentId(), int(MainWizard::CameraChecklistPageId));
    }

    static rd::CameraChecklistPage* cameraPage(MainWizard& wizard)
    {
        return qobject_cast<rd::CameraChecklistPage*>(wizard.page(MainWizard::CameraChecklistPageId));
    }

    // The page with a scripted camera instead of the real one.
    static ScriptedFrameSource* scriptCamera(MainWizard& wizard)
    {
        auto* source = new ScriptedFrameSource;
        cameraPage(wizard)->cameraCheck()->setFrameSource(source);
        return source;
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QFile::remove(rd::RememberedTarget::settingsPath());
        rd::CatalogLoadResult loaded = rd::Catalogs::loadBuiltIn();
        QVERIFY2(loaded.ok(), qPrintable(loaded.error.toString()));
        m_catalogs = std::move(loaded.catalogs);
    }

    void failureClassification_data()
    {
        QTest::addColumn<rd::CameraErrorFacts>("facts");
        QTest::addColumn<int>("expected");
        const auto facts = [](int listed, bool deviceListed, bool unreadable, bool available, bool raised,
                              const QString& text) {
            return rd::CameraErrorFacts{listed, deviceListed, unreadable, available, raised, text};
        };
        QTest::newRow("opened fine") << facts(1, true, false, true, false, {})
                                     << int(CameraOpenFailure::None);
        QTest::newRow("no camera listed")
            << facts(0, false, false, false, true, u"No camera"_s) << int(CameraOpenFailure::NoCamera);
        QTest::newRow("chosen camera unplugged")
            << facts(2, false, false, true, false, {}) << int(CameraOpenFailure::NoCamera);
        QTest::newRow("device node not readable")
            << facts(1, true, true, true, false, {}) << int(CameraOpenFailure::PermissionDenied);
        QTest::newRow("v4l2 EBUSY")
            << facts(
                   1, true, false, true, true,
                   u"Could not open device '/dev/video0' for reading and writing. Device or resource busy"_s)
            << int(CameraOpenFailure::CameraBusy);
        QTest::newRow("in use by another application")
            << facts(1, true, false, false, true, u"Camera is in use by another application"_s)
            << int(CameraOpenFailure::CameraBusy);
        QTest::newRow("EACCES") << facts(1, true, false, true, true, u"Permission denied"_s)
                                << int(CameraOpenFailure::PermissionDenied);
        QTest::newRow("portal refused") << facts(1, true, false, true, true, u"Access denied by the portal"_s)
                                        << int(CameraOpenFailure::PermissionDenied);
        QTest::newRow("other error") << facts(1, true, false, true, true, u"Internal data stream error."_s)
                                     << int(CameraOpenFailure::OpenFailed);
        QTest::newRow("not available, no words")
            << facts(1, true, false, false, false, {}) << int(CameraOpenFailure::OpenFailed);
    }

    void failureClassification()
    {
        QFETCH(rd::CameraErrorFacts, facts);
        QFETCH(int, expected);
        QCOMPARE(int(rd::classifyCameraOpen(facts)), expected);
    }

    // The real frame source: on a machine without a camera (CI) or in a build without the
    // camera check, the page explains why there is no measurement and the wizard goes on.
    void noCameraKeepsTheChecklistAndGoesOn()
    {
        QElapsedTimer clock;
        clock.start();
        auto wizard = newWizard();
        walkToCameraPage(*wizard, u"OBS"_s, "symptomLowFramerate");
        if (QTest::currentTestFailed())
            return;
        rd::CameraCheckWidget* check = cameraPage(*wizard)->cameraCheck();
        QVERIFY(check);
        if (check->frameSource() != nullptr && !check->frameSource()->devices().isEmpty())
            QSKIP("This machine has a camera; the no-camera path needs one without.");

        QCOMPARE(check->state(), rd::CameraCheckWidget::State::Unavailable);
        auto* message = findWidget<QLabel>(wizard.get(), "cameraMessageLabel");
        QVERIFY(message);
        QVERIFY(message->isVisible());
        if (rd::cameraCheckBuiltIn()) {
            QVERIFY(check->frameSource() != nullptr);
            QVERIFY2(
                message->text().contains(rd::camera::describeCameraOpenFailure(CameraOpenFailure::NoCamera)),
                qPrintable(message->text()));
        } else {
            QVERIFY(check->frameSource() == nullptr);
            QVERIFY2(message->text().contains(u"built without the camera check"_s),
                     qPrintable(message->text()));
        }
        QVERIFY(!findWidget<QPushButton>(wizard.get(), "cameraMeasureButton")->isEnabled());
        QVERIFY(!findWidget<QComboBox>(wizard.get(), "cameraChooser")->isEnabled());
        QVERIFY(findWidget<rd::FramePreview>(wizard.get(), "cameraPreview")->isHidden());
        QVERIFY(check->evidence().isEmpty());

        // The manual checklist is there and works.
        auto* item = findWidget<QCheckBox>(wizard.get(), "checklistItem:improve-frame-rate/0");
        QVERIFY(item);
        QVERIFY(item->isVisible());
        QVERIFY(findWidget<QLabel>(wizard.get(), "noChecklistLabel")->isHidden());
        QVERIFY(wizard->button(QWizard::NextButton)->isEnabled());
        QTest::mouseClick(wizard->button(QWizard::NextButton), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(wizard->currentId(), int(MainWizard::ResultPageId), 5000);
        QVERIFY2(clock.elapsed() < 20000, qPrintable(QString::number(clock.elapsed())));
    }

    // AVChat is a webcam chat: its users reach the camera check without ticking a picture symptom.
    void avchatReachesTheCameraCheck()
    {
        auto wizard = newWizard();
        walkToCameraPage(*wizard, u"AVChat"_s, "symptomCannotConnect");
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(wizard->field(MainWizard::kEncoderIdField).toString(), u"avchat-3"_s);
        QVERIFY(findWidget<QLabel>(wizard.get(), "noChecklistLabel")->isVisible());
        QVERIFY(cameraPage(*wizard)->cameraCheck()->isVisible());
        QCOMPARE(cameraPage(*wizard)->nextId(), int(MainWizard::DiagnosticsPageId));
    }

    void synthetic_data()
    {
        QTest::addColumn<int>("level");
        QTest::addColumn<int>("noise");
        QTest::addColumn<QSize>("delivered");
        QTest::addColumn<QSize>("requested");
        QTest::addColumn<double>("fps");
        QTest::addColumn<QList<int>>("expectedFindings");
        QTest::addColumn<QList<int>>("absentFindings");
        const QList<int> dark{int(CameraFinding::TooDark)};
        QTest::newRow("dark room") << 35 << 2 << QSize(640, 480) << QSize(640, 480) << 30.0 << dark
                                   << QList<int>{int(CameraFinding::LowerResolutionThanRequested)};
        QTest::newRow("well lit") << 130 << 2 << QSize(640, 480) << QSize(640, 480) << 30.0 << QList<int>{}
                                  << QList<int>{int(CameraFinding::TooDark), int(CameraFinding::Noisy),
                                                int(CameraFinding::LowFrameRate),
                                                int(CameraFinding::LowerResolutionThanRequested)};
        QTest::newRow("grainy") << 120 << 30 << QSize(640, 480) << QSize(640, 480) << 30.0
                                << QList<int>{int(CameraFinding::Noisy)}
                                << QList<int>{int(CameraFinding::TooDark)};
        QTest::newRow("720p asked, VGA delivered")
            << 130 << 2 << QSize(640, 480) << QSize(1280, 720) << 30.0
            << QList<int>{int(CameraFinding::LowerResolutionThanRequested)}
            << QList<int>{int(CameraFinding::TooDark)};
        QTest::newRow("1080p delivered as asked")
            << 130 << 2 << QSize(1920, 1080) << QSize(1920, 1080) << 30.0 << QList<int>{}
            << QList<int>{int(CameraFinding::LowerResolutionThanRequested)};
        QTest::newRow("half the frame rate") << 130 << 2 << QSize(640, 480) << QSize(640, 480) << 12.0
                                             << QList<int>{int(CameraFinding::LowFrameRate)} << QList<int>{};
    }

    // Frames pushed through the page's frame-source seam: the real analysis measures them, the page
    // shows the figures, the findings and the knowledge base's remedies, and the wizard's diagnosis
    // receives the evidence.
    void synthetic()
    {
        QFETCH(int, level);
        QFETCH(int, noise);
        QFETCH(QSize, delivered);
        QFETCH(QSize, requested);
        QFETCH(double, fps);
        QFETCH(QList<int>, expectedFindings);
        QFETCH(QList<int>, absentFindings);

        auto wizard = newWizard();
        walkToCameraPage(*wizard, u"OBS"_s, "symptomDarkOrNoisyImage");
        if (QTest::currentTestFailed())
            return;
        rd::CameraCheckWidget* check = cameraPage(*wizard)->cameraCheck();
        ScriptedFrameSource* source = scriptCamera(*wizard);
        QCOMPARE(check->state(), rd::CameraCheckWidget::State::Ready);
        auto* chooser = findWidget<QComboBox>(wizard.get(), "cameraChooser");
        QVERIFY(chooser->isEnabled());
        QCOMPARE(chooser->currentText(), u"Scripted test camera"_s);
        check->setRequest({requested, 30.0});
        // A shorter window than a person gets: the verdicts need a second and a half of frames.
        rd::CameraCapture::Timing timing;
        timing.windowMs = 1500;
        check->capture()->setTiming(timing);
        QSignalSpy finished(check->capture(), &rd::CameraCapture::measurementFinished);
        QTest::mouseClick(findWidget<QPushButton>(wizard.get(), "cameraMeasureButton"), Qt::LeftButton);
        QCOMPARE(check->state(), rd::CameraCheckWidget::State::Measuring);
        QCOMPARE(source->starts, 1);
        QCOMPARE(source->lastRequest.resolution, requested);

        source->deliver(timing.windowMs / 1000.0 + 0.5, fps, SceneMaker(delivered, level, noise));
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 5000);
        QCOMPARE(check->state(), rd::CameraCheckWidget::State::Measured);
        QVERIFY(!source->running);
        auto* preview = findWidget<rd::FramePreview>(wizard.get(), "cameraPreview");
        QVERIFY(preview->isVisible() && preview->hasFrame());
        QVERIFY(check->analysis().has_value());
        const rd::camera::CameraAnalysis& analysis = *check->analysis();
        QCOMPARE(analysis.measurement.deliveredResolution, delivered);
        QVERIFY2(qAbs(analysis.measurement.deliveredFps - fps) < 1.0,
                 qPrintable(QString::number(analysis.measurement.deliveredFps)));

        auto* figures = findWidget<QLabel>(wizard.get(), "cameraMeasurementLabel");
        auto* findings = findWidget<QLabel>(wizard.get(), "cameraFindingsLabel");
        QVERIFY(figures->isVisible() && findings->isVisible());
        QCOMPARE(figures->text(), rd::camera::describeMeasurement(analysis.measurement));
        for (int expected : expectedFindings) {
            const auto finding = CameraFinding(expected);
            QVERIFY2(analysis.findings.contains(finding), qPrintable(rd::camera::cameraFindingId(finding)));
            QVERIFY2(findings->text().contains(rd::camera::describeCameraFinding(finding)),
                     qPrintable(findings->text()));
        }
        for (int absent : absentFindings)
            QVERIFY2(!analysis.findings.contains(CameraFinding(absent)),
                     qPrintable(rd::camera::cameraFindingId(CameraFinding(absent))));

        // The wizard's diagnosis sees the measurement.
        const QList<rd::Evidence> evidence = check->evidence();
        QCOMPARE(evidence, rd::camera::cameraEvidence(analysis));
        const rd::DiagnosisInput input = wizard->diagnosisInput();
        for (const rd::Evidence& item : evidence)
            QVERIFY(input.measurements.contains(item));

        // A finding the knowledge base knows brings its remedies onto the page.
        auto* remedies = findWidget<QLabel>(wizard.get(), "cameraRemediesLabel");
        if (expectedFindings.contains(int(CameraFinding::TooDark)) ||
            expectedFindings.contains(int(CameraFinding::Noisy))) {
            QVERIFY(remedies->isVisible());
            QVERIFY2(remedies->text().contains(
                         wizard->knowledge().entry(u"better-light-and-camera"_s)->title.toHtmlEscaped()),
                     qPrintable(remedies->text()));
        }
        QVERIFY(wizard->button(QWizard::NextButton)->isEnabled());
    }

    void sourceFailures_data()
    {
        QTest::addColumn<int>("failure");
        QTest::addColumn<QString>("detail");
        QTest::newRow("busy") << int(CameraOpenFailure::CameraBusy) << u"Device or resource busy"_s;
        QTest::newRow("permission") << int(CameraOpenFailure::PermissionDenied) << QString();
        QTest::newRow("open failed") << int(CameraOpenFailure::OpenFailed)
                                     << u"Internal data stream error."_s;
    }

    // Each way a camera refuses gets its own words, the checklist stays, Next stays enabled.
    void sourceFailures()
    {
        QFETCH(int, failure);
        QFETCH(QString, detail);
        auto wizard = newWizard();
        walkToCameraPage(*wizard, u"OBS"_s, "symptomNoImage");
        if (QTest::currentTestFailed())
            return;
        rd::CameraCheckWidget* check = cameraPage(*wizard)->cameraCheck();
        ScriptedFrameSource* source = scriptCamera(*wizard);
        source->failOnStart = CameraOpenFailure(failure);
        source->failDetail = detail;
        QTest::mouseClick(findWidget<QPushButton>(wizard.get(), "cameraMeasureButton"), Qt::LeftButton);
        QCOMPARE(check->state(), rd::CameraCheckWidget::State::Failed);
        QCOMPARE(int(check->failure()), failure);
        auto* message = findWidget<QLabel>(wizard.get(), "cameraMessageLabel");
        QVERIFY(message->isVisible());
        QVERIFY2(message->text().contains(rd::camera::describeCameraOpenFailure(CameraOpenFailure(failure))),
                 qPrintable(message->text()));
        if (!detail.isEmpty())
            QVERIFY(message->text().contains(detail));
        QCOMPARE(check->evidence(), rd::camera::cameraEvidence({}, CameraOpenFailure(failure)));
        QVERIFY(findWidget<QCheckBox>(wizard.get(), "checklistItem:camera-not-delivering/0")->isVisible());
        QVERIFY(wizard->button(QWizard::NextButton)->isEnabled());
        // Trying again is possible.
        QVERIFY(findWidget<QPushButton>(wizard.get(), "cameraMeasureButton")->isEnabled());
    }

    // A camera that opens but never delivers ends the measurement after the watchdog's time.
    void noFramesIsBounded()
    {
        auto wizard = newWizard();
        walkToCameraPage(*wizard, u"OBS"_s, "symptomNoImage");
        if (QTest::currentTestFailed())
            return;
        rd::CameraCheckWidget* check = cameraPage(*wizard)->cameraCheck();
        ScriptedFrameSource* source = scriptCamera(*wizard);
        rd::CameraCapture::Timing timing;
        timing.firstFrameTimeoutMs = 300;
        check->capture()->setTiming(timing);
        QSignalSpy failed(check->capture(), &rd::CameraCapture::failed);
        QElapsedTimer clock;
        clock.start();
        check->startMeasurement();
        QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, 5000);
        QVERIFY(clock.elapsed() >= 300);
        QCOMPARE(failed.at(0).at(0).value<CameraOpenFailure>(), CameraOpenFailure::NoFramesInTime);
        QCOMPARE(check->state(), rd::CameraCheckWidget::State::Failed);
        QVERIFY(!source->running);
        QVERIFY(findWidget<QLabel>(wizard.get(), "cameraMessageLabel")
                    ->text()
                    .contains(rd::camera::describeCameraOpenFailure(CameraOpenFailure::NoFramesInTime)));
    }

    // Frames that stop half-way end the window after the stall time with what arrived.
    void stalledFramesEndTheWindow()
    {
        ScriptedFrameSource source;
        rd::CameraCapture capture(&source);
        rd::CameraCapture::Timing timing;
        timing.stallTimeoutMs = 200;
        capture.setTiming(timing);
        QSignalSpy finished(&capture, &rd::CameraCapture::measurementFinished);
        capture.start("scripted-0", {QSize(320, 240), 30.0});
        source.deliver(1.0, 30.0, SceneMaker(QSize(320, 240), 120, 2));
        QVERIFY(capture.isRunning());
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 5000);
        QVERIFY(!capture.isRunning());
        const auto analysis = finished.at(0).at(0).value<rd::camera::CameraAnalysis>();
        QCOMPARE(analysis.measurement.framesAnalysed, 31);
    }

    // Going back stops a running measurement: the camera is not left open behind another page.
    void backStopsTheCamera()
    {
        auto wizard = newWizard();
        walkToCameraPage(*wizard, u"OBS"_s, "symptomLowFramerate");
        if (QTest::currentTestFailed())
            return;
        ScriptedFrameSource* source = scriptCamera(*wizard);
        cameraPage(*wizard)->cameraCheck()->startMeasurement();
        QVERIFY(source->running);
        QTest::mouseClick(wizard->button(QWizard::BackButton), Qt::LeftButton);
        QCOMPARE(wizard->currentId(), int(MainWizard::SymptomsPageId));
        QVERIFY(!source->running);
    }

    // The bitrate per stream is an encoder setting: the next session starts with it.
    void bitrateIsRemembered()
    {
        const int bitrate = 700 + int(QRandomGenerator::global()->bounded(200));
        {
            auto wizard = newWizard();
            walkToCameraPage(*wizard, u"OBS"_s, "symptomBandwidthNotUsed");
            if (QTest::currentTestFailed())
                return;
            findWidget<QSpinBox>(wizard.get(), "streamBitrateSpin")->setValue(bitrate);
            findWidget<QSpinBox>(wizard.get(), "uploadSpeedSpin")->setValue(350);
            QTest::mouseClick(wizard->button(QWizard::NextButton), Qt::LeftButton);
            QCOMPARE(wizard->currentId(), int(MainWizard::ResultPageId));
            QVERIFY(
                wizard->diagnosisInput().measurements.contains(rd::bitrateEvidence(bitrate, 350).value(0)));
        }
        auto wizard = newWizard();
        walkToCameraPage(*wizard, u"OBS"_s, "symptomBandwidthNotUsed");
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(findWidget<QSpinBox>(wizard.get(), "streamBitrateSpin")->value(), bitrate);
        QCOMPARE(findWidget<QSpinBox>(wizard.get(), "uploadSpeedSpin")->value(), 0);
    }
};

QTEST_MAIN(TestCameraPage)
#include "tst_camerapage.moc"
