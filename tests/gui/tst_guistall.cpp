// The GUI thread stays responsive while the diagnostics page shows a full
// run: every probe of a plan against nginx-rtmp on loopback (the standard
// grid, both address families, proxy, liveness and publish checks), with the
// page's animations, selection and technical view at work. A 5 ms timer on
// the GUI thread measures how late it fires; a paint or a slot that blocks
// shows up as lateness. The target is 16 ms (one frame); the assertion leaves
// headroom for loaded CI machines and sanitizers, and the exact figure is
// printed so bench/README.md can record it.
#include "diagnostics/portgridwidget.h"
#include "diagnostics/timelinewidget.h"
#include "engine/allprobes.h"
#include "engine/diagnosticsession.h"
#include "fixtures.h"
#include "pages/diagnosticspage.h"
#include "url/ingesturl.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>
#include <QWizard>

using namespace rd;
using namespace Qt::StringLiterals;

namespace {

constexpr int kTickMs = 5;
constexpr qint64 kFrameBudgetUs = 16000;
constexpr qint64 kAllowedLatenessUs = 100000;

// Records, for a timer that should fire every kTickMs, how much later than
// that each shot came.
class LatenessProbe : public QObject
{
public:
    LatenessProbe()
    {
        m_timer.setTimerType(Qt::PreciseTimer);
        m_timer.setInterval(kTickMs);
        connect(&m_timer, &QTimer::timeout, this, &LatenessProbe::onTick);
    }

    void start()
    {
        m_clock.start();
        m_lastUs = -1;
        m_timer.start();
    }
    void stop() { m_timer.stop(); }

    qint64 worstUs() const { return m_worstUs; }
    qint64 ticks() const { return m_ticks; }
    qint64 overBudget() const { return m_overBudget; }
    qint64 elapsedMs() const { return m_clock.elapsed(); }

private:
    void onTick()
    {
        const qint64 nowUs = m_clock.nsecsElapsed() / 1000;
        if (m_lastUs >= 0) {
            const qint64 lateUs = nowUs - m_lastUs - kTickMs * 1000;
            m_worstUs = std::max(m_worstUs, lateUs);
            m_overBudget += lateUs > kFrameBudgetUs ? 1 : 0;
        }
        m_lastUs = nowUs;
        ++m_ticks;
    }

    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_lastUs = -1;
    qint64 m_worstUs = 0;
    qint64 m_ticks = 0;
    qint64 m_overBudget = 0;
};

} // namespace

class tst_GuiStall : public QObject
{
    Q_OBJECT

private slots:
    void fullRunKeepsTheGuiThreadResponsive_data();
    void fullRunKeepsTheGuiThreadResponsive();
};

void tst_GuiStall::fullRunKeepsTheGuiThreadResponsive_data()
{
    QTest::addColumn<bool>("technical");
    QTest::addColumn<bool>("reducedMotion");
    QTest::newRow("animated") << false << false;
    QTest::newRow("technical view") << true << false;
    QTest::newRow("reduced motion") << false << true;
}

void tst_GuiStall::fullRunKeepsTheGuiThreadResponsive()
{
    QFETCH(bool, technical);
    QFETCH(bool, reducedMotion);

    test::NginxRtmpFixture nginx;
    RD_START_FIXTURE(nginx);
    const IngestUrl url = IngestUrl::parse(u"rtmp://localhost:%1/live/sk-stall-7Hq2"_s.arg(nginx.rtmpPort()));
    QVERIFY(url.isUsable());
    DiagnosticPlan::Options options;
    options.publishCheck = true;
    options.proxy.mode = ProxyMode::System;
    options.timeouts.connectMs = 2000;
    options.timeouts.readMs = 2000;
    const DiagnosticPlan plan = DiagnosticPlan::fromIngestUrl(url, options);

    DiagnosticSession session(allProbeFactories());
    QWizard wizard;
    auto* before = new QWizardPage;
    before->setTitle(u"Before the diagnosis"_s);
    wizard.addPage(before);
    auto* page = new DiagnosticsPage(session);
    page->setPlanProvider([plan] { return std::optional<DiagnosticPlan>(plan); });
    page->setTechnicalView(technical);
    page->setReducedMotion(reducedMotion);
    wizard.addPage(page);
    wizard.resize(1280, 800);
    wizard.show();
    QVERIFY(QTest::qWaitForWindowExposed(&wizard));

    // The user clicks around while it runs: a grid cell, then timeline rows.
    QTimer clicker;
    int clicks = 0;
    clicker.setInterval(150);
    connect(&clicker, &QTimer::timeout, this, [&] {
        ++clicks;
        if (clicks % 2 == 0) {
            const QRect cell = page->portGrid()->cellRect(GridRow::Handshake, plan.port);
            if (!cell.isEmpty())
                QTest::mouseClick(page->portGrid(), Qt::LeftButton, {}, cell.center());
        } else {
            page->timeline()->setFocus();
            QTest::keyClick(page->timeline(), Qt::Key_Down);
        }
    });

    QSignalSpy finished(page, &DiagnosticsPage::runFinished);
    LatenessProbe lateness;
    lateness.start();
    clicker.start();
    wizard.next();
    QCOMPARE(page->runState(), DiagnosticsPage::RunState::Running);
    // A real event loop: QTRY_* and qWait sleep between event batches, which
    // would show up as lateness of their own.
    QVERIFY(finished.wait(60000));
    // Keep measuring over the last frames after the run.
    QEventLoop tail;
    QTimer::singleShot(200, &tail, &QEventLoop::quit);
    tail.exec();
    lateness.stop();
    clicker.stop();

    qInfo("GUI thread during %lld ms (%d probes): %lld ticks of a %d ms timer, worst lateness %.1f ms, "
          "%lld ticks late by more than %lld ms",
          static_cast<long long>(lateness.elapsedMs()), int(session.probeIds().size()),
          static_cast<long long>(lateness.ticks()), kTickMs, double(lateness.worstUs()) / 1000.0,
          static_cast<long long>(lateness.overBudget()), static_cast<long long>(kFrameBudgetUs / 1000));

    QVERIFY2(session.probeIds().size() >= 20, qPrintable(session.probeIds().join(u' ')));
    QVERIFY(session.probeIds().contains(u"publish:%1"_s.arg(plan.port)));
    QVERIFY(session.probeIds().contains(u"proxy"_s));
    // The timer really ran the whole time (a stalled loop also means few ticks).
    QVERIFY2(lateness.ticks() >= lateness.elapsedMs() / kTickMs / 4,
             qPrintable(u"%1 ticks in %2 ms"_s.arg(lateness.ticks()).arg(lateness.elapsedMs())));
    QVERIFY2(lateness.worstUs() < kAllowedLatenessUs,
             qPrintable(u"worst lateness %1 ms"_s.arg(double(lateness.worstUs()) / 1000.0)));
}

QTEST_MAIN(tst_GuiStall)
#include "tst_guistall.moc"
