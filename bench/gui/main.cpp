// Shows the diagnostics page in a bare wizard while it tests a real nginx-rtmp
// (the URL's port), a server that never answers the handshake, the nginx web
// port, port 443 (nothing there) and, when iptables can be used, a port whose
// packets are dropped. Meanwhile a 5 ms timer on the GUI thread records how
// late it fires; the worst case is printed when the run ends.
//
//   bench-diagnostics-page [--size 1280x800] [--technical] [--show-silent] [--dark] [--reduced-motion]
//                          [--linger-ms 3000] [--read-timeout-ms 7000]
//
// It prints "running" once the tests started and "finished" when they ended,
// so a script can take screenshots (import -window root) at those moments.
#include "diagnostics/portgridwidget.h"
#include "engine/allprobes.h"
#include "engine/diagnosticsession.h"
#include "fixtures.h"
#include "pages/diagnosticspage.h"
#include "url/ingesturl.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QPalette>
#include <QTimer>
#include <QWizard>

#include <cstdio>
#include <memory>

using namespace rd;

namespace {

struct LatenessMeter
{
    QTimer timer;
    QElapsedTimer clock;
    qint64 last = -1;
    qint64 worst = 0;
    qint64 fires = 0;
    qint64 lateOver16 = 0;

    void start()
    {
        timer.setTimerType(Qt::PreciseTimer);
        timer.setInterval(5);
        clock.start();
        QObject::connect(&timer, &QTimer::timeout, &timer, [this] {
            const qint64 now = clock.nsecsElapsed() / 1000;
            if (last >= 0) {
                const qint64 late = now - last - 5000;
                worst = std::max(worst, late);
                lateOver16 += late > 16000 ? 1 : 0;
            }
            last = now;
            ++fires;
        });
        timer.start();
    }
};

} // namespace

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption sizeOption(QStringLiteral("size"), QStringLiteral("Window size"),
                                        QStringLiteral("WxH"), QStringLiteral("1280x800"));
    const QCommandLineOption technicalOption(QStringLiteral("technical"), QStringLiteral("Technical view"));
    const QCommandLineOption silentOption(QStringLiteral("show-silent"),
                                          QStringLiteral("At the end, select the silent server's handshake"));
    const QCommandLineOption darkOption(QStringLiteral("dark"), QStringLiteral("A dark Fusion palette"));
    const QCommandLineOption reducedOption(QStringLiteral("reduced-motion"), QStringLiteral("No animation"));
    const QCommandLineOption lingerOption(QStringLiteral("linger-ms"),
                                          QStringLiteral("Stay open this long after the run"),
                                          QStringLiteral("ms"), QStringLiteral("3000"));
    const QCommandLineOption readOption(QStringLiteral("read-timeout-ms"),
                                        QStringLiteral("Read timeout of the probes"), QStringLiteral("ms"),
                                        QStringLiteral("7000"));
    parser.addOptions(
        {sizeOption, technicalOption, silentOption, darkOption, reducedOption, lingerOption, readOption});
    parser.process(app);
    if (parser.isSet(darkOption)) {
        QApplication::setStyle(QStringLiteral("Fusion"));
        QPalette dark;
        dark.setColor(QPalette::Window, QColor(0x2d, 0x2d, 0x30));
        dark.setColor(QPalette::WindowText, QColor(0xe8, 0xe8, 0xe8));
        dark.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x1e));
        dark.setColor(QPalette::AlternateBase, QColor(0x2a, 0x2a, 0x2a));
        dark.setColor(QPalette::Text, QColor(0xe8, 0xe8, 0xe8));
        dark.setColor(QPalette::Button, QColor(0x3a, 0x3a, 0x3d));
        dark.setColor(QPalette::ButtonText, QColor(0xe8, 0xe8, 0xe8));
        dark.setColor(QPalette::Highlight, QColor(0x3d, 0x7a, 0xd6));
        dark.setColor(QPalette::HighlightedText, Qt::white);
        dark.setColor(QPalette::Mid, QColor(0x55, 0x55, 0x58));
        QApplication::setPalette(dark);
    }
    const QStringList size = parser.value(sizeOption).split(u'x');
    const int width = size.value(0).toInt();
    const int height = size.value(1).toInt();

    test::NginxRtmpFixture nginx;
    const test::StartResult started = nginx.start();
    if (!started.ok()) {
        std::fprintf(stderr, "nginx: %s\n", qPrintable(started.message));
        return 2;
    }
    test::ScriptedPeer silent(test::ScriptedPeer::Behaviour::Silent);
    std::unique_ptr<test::LoopbackDrop> drop;
    quint16 droppedPort = 0;
    if (test::LoopbackDrop::available()) {
        droppedPort = test::FreePort::pick();
        drop = std::make_unique<test::LoopbackDrop>(droppedPort);
        if (!drop->isActive())
            droppedPort = 0;
    }

    const IngestUrl url = IngestUrl::parse(
        QStringLiteral("rtmp://localhost:%1/live/bench-secret-key-0123").arg(int(nginx.rtmpPort())));
    DiagnosticPlan::Options options;
    options.proxy.mode = ProxyMode::None;
    options.gridPorts = {silent.port(), nginx.httpPort(), 443};
    if (droppedPort != 0)
        options.gridPorts << droppedPort;
    options.timeouts.connectMs = 5000;
    options.timeouts.readMs = parser.value(readOption).toInt();
    const DiagnosticPlan plan = DiagnosticPlan::fromIngestUrl(url, options);

    DiagnosticSession session(allProbeFactories());
    QWizard wizard;
    wizard.setWizardStyle(QWizard::ModernStyle);
    wizard.setWindowTitle(QStringLiteral("RTMP Doctor"));
    auto* page = new DiagnosticsPage(session);
    page->setPlanProvider([plan] { return std::optional<DiagnosticPlan>(plan); });
    page->setTechnicalView(parser.isSet(technicalOption));
    if (parser.isSet(reducedOption))
        page->setReducedMotion(true);
    wizard.addPage(page);
    wizard.setGeometry(0, 0, width, height);

    LatenessMeter meter;
    QElapsedTimer runClock;
    QObject::connect(page, &DiagnosticsPage::runFinished, &app, [&] {
        meter.timer.stop();
        std::printf("finished after %lld ms\n", static_cast<long long>(runClock.elapsed()));
        std::printf(
            "GUI thread: %lld ticks of a 5 ms timer, worst lateness %.1f ms, %lld late by more than 16 ms\n",
            static_cast<long long>(meter.fires), double(meter.worst) / 1000.0,
            static_cast<long long>(meter.lateOver16));
        std::printf("build %s, probes %d, window %dx%d, technical %d, reduced motion %d\n",
                    RTMPDOCTOR_BENCH_BUILD_TYPE, int(session.probeIds().size()), width, height,
                    int(parser.isSet(technicalOption)), int(page->reducedMotion()));
        if (parser.isSet(silentOption))
            page->selectProbe(probeids::handshake(silent.port(), Transport::PlainTcp));
        std::fflush(stdout);
        QTimer::singleShot(parser.value(lingerOption).toInt(), &app, &QApplication::quit);
    });
    runClock.start();
    meter.start();
    wizard.show();
    std::printf("running\n");
    std::fflush(stdout);
    return app.exec();
}
