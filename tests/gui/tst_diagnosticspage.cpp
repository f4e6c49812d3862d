// The diagnostics page watched the way a person watches it: a real
// DiagnosticSession with every probe against real servers on loopback
// (nginx-rtmp, a port nobody listens on, a scripted server that never
// answers), widgets found by objectName, cells read through the grid's
// accessor, mouse clicks and keys sent to the widgets.
#include "diagnostics/diagnosticsmodel.h"
#include "diagnostics/etaestimator.h"
#include "diagnostics/ladderwidget.h"
#include "diagnostics/portgridwidget.h"
#include "diagnostics/probepresentation.h"
#include "diagnostics/timelinewidget.h"
#include "engine/allprobes.h"
#include "engine/diagnosticsession.h"
#include "fixtures.h"
#include "pages/diagnosticspage.h"
#include "url/ingesturl.h"
#include "widgetfinder.h"

#include <QElapsedTimer>
#include <QImage>
#include <QLabel>
#include <QPainter>
#include <QPlainTextEdit>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <QWizard>

#include <memory>

using namespace rd;
using namespace Qt::StringLiterals;
using rd::test::findWidget;

using OptionalMs = std::optional<qint64>;
Q_DECLARE_METATYPE(OptionalMs)

namespace {

constexpr GridRow kAllRows[] = {GridRow::Tcp, GridRow::Handshake, GridRow::Tls, GridRow::Rtmpt,
                                GridRow::Connect};
// Long enough for the slowest row (a silent server, read timeout included)
// on a loaded machine with sanitizers.
constexpr int kRunTimeoutMs = 30000;
const QString kStreamKey = u"sk-Q7v9RmT2xPz4"_s;

QStringList rowStates(const PortGridWidget& grid, quint16 port)
{
    QStringList states;
    for (GridRow row : kAllRows)
        states << cellStateId(grid.cellState(row, port));
    return states;
}

bool isSettled(CellState state)
{
    return state != CellState::Pending && state != CellState::Running;
}

// No four characters in a row of the key: a key is a secret, and masking must
// not leave a recognisable piece of it either.
bool leaksKey(const QString& text)
{
    for (qsizetype start = 0; start + 4 <= kStreamKey.size(); ++start) {
        if (text.contains(kStreamKey.mid(start, 4)))
            return true;
    }
    return false;
}

// The servers a row can point the URL at; each keeps its own process or thread.
struct Servers
{
    std::unique_ptr<test::NginxRtmpFixture> nginx;
    std::unique_ptr<test::ScriptedPeer> silent;
};

// A bare wizard holding the page, against a real session.
struct Harness
{
    DiagnosticSession session{allProbeFactories()};
    QWizard wizard;
    QPointer<DiagnosticsPage> page;
    DiagnosticPlan plan;

    explicit Harness(const DiagnosticPlan& initialPlan, bool leadingPage = false)
        : plan(initialPlan)
    {
        if (leadingPage) {
            auto* first = new QWizardPage;
            first->setTitle(u"Before"_s);
            wizard.addPage(first);
        }
        page = new DiagnosticsPage(session);
        page->setPlanProvider([this] { return std::optional<DiagnosticPlan>(plan); });
        wizard.addPage(page);
        wizard.resize(1100, 720);
    }

    PortGridWidget* grid() const { return page->portGrid(); }
};

DiagnosticPlan planFor(const QString& url, const QList<quint16>& gridPorts, int readMs = 3000,
                       bool publishCheck = false)
{
    const IngestUrl parsed = IngestUrl::parse(url);
    DiagnosticPlan::Options options;
    options.proxy.mode = ProxyMode::None;
    options.gridPorts = gridPorts;
    options.publishCheck = publishCheck;
    options.timeouts.connectMs = 3000;
    options.timeouts.readMs = readMs;
    return DiagnosticPlan::fromIngestUrl(parsed, options);
}

double luminance(const QColor& color)
{
    const auto linear = [](double channel) {
        return channel <= 0.03928 ? channel / 12.92 : std::pow((channel + 0.055) / 1.055, 2.4);
    };
    return 0.2126 * linear(color.redF()) + 0.7152 * linear(color.greenF()) + 0.0722 * linear(color.blueF());
}

double contrast(const QColor& a, const QColor& b)
{
    const double first = luminance(a);
    const double second = luminance(b);
    return (std::max(first, second) + 0.05) / (std::min(first, second) + 0.05);
}

QPalette darkPalette()
{
    QPalette palette;
    palette.setColor(QPalette::Window, QColor(0x2b, 0x2b, 0x2b));
    palette.setColor(QPalette::WindowText, QColor(0xee, 0xee, 0xee));
    palette.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x1e));
    palette.setColor(QPalette::Text, QColor(0xee, 0xee, 0xee));
    palette.setColor(QPalette::Highlight, QColor(0x3d, 0x7a, 0xd6));
    return palette;
}

QPalette lightPalette()
{
    QPalette palette;
    palette.setColor(QPalette::Window, QColor(0xef, 0xef, 0xef));
    palette.setColor(QPalette::WindowText, Qt::black);
    palette.setColor(QPalette::Base, Qt::white);
    palette.setColor(QPalette::Text, Qt::black);
    palette.setColor(QPalette::Highlight, QColor(0x30, 0x8c, 0xc6));
    return palette;
}

} // namespace

class tst_DiagnosticsPage : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();

    void etaEstimates_data();
    void etaEstimates();
    void etaDoesNotJumpOnBursts();
    void etaWording_data();
    void etaWording();
    void coloursStayReadable_data();
    void coloursStayReadable();
    void symbolsDifferWithoutColour();

    void cellOutcomes_data();
    void cellOutcomes();
    void ladderOfTheSelectedProbe_data();
    void ladderOfTheSelectedProbe();
    void keyboardMovesTheSelection_data();
    void keyboardMovesTheSelection();
    void technicalViewShowsTheTranscript();
    void everyControlIsNamed_data();
    void everyControlIsNamed();
    void cancelStopsEverythingAtOnce();
    void backCancelsAndNextStartsAgain();
    void animationFollowsActivity_data();
    void animationFollowsActivity();
    void unusableInputStartsNothing();
    void destroyingThePageMidRunIsClean();

private:
    bool startServers(Servers& servers, const QString& kind);
    QString urlFor(const Servers& servers, const QString& kind, quint16 closedPort) const;
};

void tst_DiagnosticsPage::initTestCase()
{
    qunsetenv("RTMPDOCTOR_REDUCED_MOTION");
}

bool tst_DiagnosticsPage::startServers(Servers& servers, const QString& kind)
{
    if (kind.startsWith(u"nginx"_s)) {
        servers.nginx = std::make_unique<test::NginxRtmpFixture>();
        return test::acceptStartResult(servers.nginx->start(), __FILE__, __LINE__);
    }
    if (kind.startsWith(u"silent"_s)) {
        servers.silent = std::make_unique<test::ScriptedPeer>(test::ScriptedPeer::Behaviour::Silent);
        if (!servers.silent->isListening()) {
            qWarning("scripted peer: %s", qPrintable(servers.silent->errorString()));
            return false;
        }
    }
    return true;
}

QString tst_DiagnosticsPage::urlFor(const Servers& servers, const QString& kind, quint16 closedPort) const
{
    if (kind == u"nginx"_s)
        return u"rtmp://127.0.0.1:%1/live/%2"_s.arg(servers.nginx->rtmpPort()).arg(kStreamKey);
    if (kind == u"nginx-web-as-rtmpt"_s)
        return u"rtmpt://127.0.0.1:%1/live/%2"_s.arg(servers.nginx->httpPort()).arg(kStreamKey);
    if (kind == u"closed"_s)
        return u"rtmp://127.0.0.1:%1/live/%2"_s.arg(closedPort).arg(kStreamKey);
    if (kind == u"silent"_s)
        return u"rtmp://127.0.0.1:%1/live/%2"_s.arg(servers.silent->port()).arg(kStreamKey);
    if (kind == u"silent-as-rtmps"_s)
        return u"rtmps://127.0.0.1:%1/live/%2"_s.arg(servers.silent->port()).arg(kStreamKey);
    return {};
}

// ---------------------------------------------------------------- ETA

void tst_DiagnosticsPage::etaEstimates_data()
{
    QTest::addColumn<qint64>("deadline");
    QTest::addColumn<QList<qint64>>("elapsed");
    QTest::addColumn<QList<int>>("done");
    QTest::addColumn<int>("total");
    QTest::addColumn<QList<qint64>>("atLeast"); // empty: no floor
    QTest::addColumn<OptionalMs>("expected");

    QTest::newRow("nothing ended yet")
        << qint64(0) << QList<qint64>{800} << QList<int>{0} << 10 << QList<qint64>{} << OptionalMs();
    QTest::newRow("one probe in the warm-up says too little")
        << qint64(0) << QList<qint64>{100} << QList<int>{1} << 10 << QList<qint64>{} << OptionalMs();
    QTest::newRow("first estimate is the ratio")
        << qint64(0) << QList<qint64>{1000} << QList<int>{2} << 10 << QList<qint64>{} << OptionalMs(4000);
    QTest::newRow("never beyond the session deadline")
        << qint64(3000) << QList<qint64>{1000} << QList<int>{1} << 10 << QList<qint64>{} << OptionalMs(2000);
    QTest::newRow("everything ended") << qint64(60000) << QList<qint64>{1000, 1500} << QList<int>{2, 10} << 10
                                      << QList<qint64>{} << OptionalMs(0);
    // 8 of 10 ended at once: the ratio drops from 9 s to 0.1 s, the estimate
    // moves 40 % of the way (0.5 x 8/10): 9000 + 0.4 x (111 - 9000).
    QTest::newRow("a burst moves it part of the way")
        << qint64(0) << QList<qint64>{1000, 1000} << QList<int>{1, 9} << 10 << QList<qint64>{}
        << OptionalMs(5444);
    // Without news it counts down with the clock.
    QTest::newRow("counts down between observations")
        << qint64(0) << QList<qint64>{1000, 1000, 1000} << QList<int>{1, 1, 1} << 10 << QList<qint64>{}
        << OptionalMs(9000);
    // 15 of 18 ended within 3 s, but one still waits for a 5 s read timeout.
    QTest::newRow("a probe waiting for its timeout holds it up")
        << qint64(60000) << QList<qint64>{3000} << QList<int>{15} << 18 << QList<qint64>{2000}
        << OptionalMs(2000);
    QTest::newRow("the floor never raises it beyond the deadline")
        << qint64(4000) << QList<qint64>{3000} << QList<int>{15} << 18 << QList<qint64>{2000}
        << OptionalMs(1000);
    QTest::newRow("above the floor the ratio decides")
        << qint64(0) << QList<qint64>{1000, 1000} << QList<int>{1, 9} << 10 << QList<qint64>{0, 3000}
        << OptionalMs(5444);
}

void tst_DiagnosticsPage::etaEstimates()
{
    QFETCH(qint64, deadline);
    QFETCH(QList<qint64>, elapsed);
    QFETCH(QList<int>, done);
    QFETCH(int, total);
    QFETCH(QList<qint64>, atLeast);
    QFETCH(OptionalMs, expected);
    QCOMPARE(elapsed.size(), done.size());

    EtaEstimator eta;
    eta.reset(deadline);
    for (qsizetype index = 0; index < elapsed.size(); ++index)
        eta.observe(elapsed[index], done[index], total, atLeast.value(index, 0));
    QCOMPARE(eta.remainingMs().has_value(), expected.has_value());
    if (expected)
        QCOMPARE(*eta.remainingMs(), *expected);
}

void tst_DiagnosticsPage::etaDoesNotJumpOnBursts()
{
    // A run the way the session reports it: progress every 100 ms with
    // bursts (a refused port skips its dependants at once). Shown once a
    // second, the estimate must never rise, and never fall by more than the
    // second that passed plus a third of what it said.
    EtaEstimator eta;
    eta.reset(60000);
    const int total = 30;
    const QList<int> doneAtTenth = {0,  1,  1,  9,  9,  9,  10, 10, 10, 10, 10, 10, 11, 11, 11,
                                    11, 11, 11, 11, 11, 11, 11, 11, 11, 11, 11, 12, 18, 18, 18,
                                    18, 19, 20, 20, 20, 20, 20, 21, 21, 21, 22, 22, 22, 22, 22,
                                    22, 22, 22, 22, 22, 26, 26, 26, 27, 27, 27, 27, 28, 29, 30};
    std::optional<qint64> shownBefore;
    for (qsizetype tenth = 0; tenth < doneAtTenth.size(); ++tenth) {
        const qint64 now = (tenth + 1) * 100;
        eta.observe(now, doneAtTenth[tenth], total);
        if ((tenth + 1) % 10 != 0 || !eta.remainingMs())
            continue;
        const qint64 shown = *eta.remainingMs();
        if (shownBefore) {
            QVERIFY2(shown <= *shownBefore,
                     qPrintable(u"rose from %1 to %2 ms at %3 ms"_s.arg(*shownBefore).arg(shown).arg(now)));
            QVERIFY2(shown >= *shownBefore - 1000 - *shownBefore / 3,
                     qPrintable(u"fell from %1 to %2 ms at %3 ms"_s.arg(*shownBefore).arg(shown).arg(now)));
        }
        shownBefore = shown;
    }
    QCOMPARE(eta.remainingMs(), OptionalMs(0));
}

void tst_DiagnosticsPage::etaWording_data()
{
    QTest::addColumn<OptionalMs>("remaining");
    QTest::addColumn<QString>("expected");
    QTest::newRow("unknown") << OptionalMs() << u"estimating..."_s;
    QTest::newRow("0 ms") << OptionalMs(0) << u"less than a second"_s;
    QTest::newRow("999 ms") << OptionalMs(999) << u"less than a second"_s;
    QTest::newRow("1000 ms") << OptionalMs(1000) << u"about a second"_s;
    QTest::newRow("1001 ms") << OptionalMs(1001) << u"about 2 seconds"_s;
    QTest::newRow("9 s") << OptionalMs(9000) << u"about 9 seconds"_s;
    QTest::newRow("12 s in steps of 5") << OptionalMs(12000) << u"about 15 seconds"_s;
    QTest::newRow("56 s") << OptionalMs(56000) << u"about a minute"_s;
    QTest::newRow("89 s") << OptionalMs(89000) << u"about a minute"_s;
    QTest::newRow("90 s") << OptionalMs(90000) << u"about 2 minutes"_s;
}

void tst_DiagnosticsPage::etaWording()
{
    QFETCH(OptionalMs, remaining);
    QFETCH(QString, expected);
    QCOMPARE(EtaEstimator::describe(remaining), expected);
}

// ---------------------------------------------------------------- looks

void tst_DiagnosticsPage::coloursStayReadable_data()
{
    QTest::addColumn<QPalette>("palette");
    QTest::addColumn<int>("state");
    QTest::addColumn<bool>("dark");
    for (const auto& [name, palette, dark] :
         {std::tuple{"light", lightPalette(), false}, std::tuple{"dark", darkPalette(), true}}) {
        for (CellState state : {CellState::Pending, CellState::Running, CellState::Pass, CellState::Warn,
                                CellState::Fail, CellState::Skipped}) {
            QTest::addRow("%s %s", name, qPrintable(cellStateId(state))) << palette << int(state) << dark;
        }
    }
}

void tst_DiagnosticsPage::coloursStayReadable()
{
    QFETCH(QPalette, palette);
    QFETCH(int, state);
    QFETCH(bool, dark);
    QCOMPARE(isDarkPalette(palette), dark);
    const CellColors colors = cellColors(CellState(state), palette);
    // WCAG's 3:1 for graphical objects: the symbol on its cell.
    const double ratio = contrast(colors.ink, colors.fill);
    QVERIFY2(ratio >= 3.0, qPrintable(u"symbol contrast %1:1"_s.arg(ratio, 0, 'f', 2)));
    // The cell itself stands out from the page in both themes.
    if (CellState(state) != CellState::Pending) {
        QVERIFY(colors.fill != palette.color(QPalette::Base));
    }
}

void tst_DiagnosticsPage::symbolsDifferWithoutColour()
{
    // Black on white, so only the shape can tell the states apart.
    const QList<CellState> states = {CellState::Pending, CellState::Running, CellState::Pass,
                                     CellState::Warn,    CellState::Fail,    CellState::Skipped};
    QList<QImage> images;
    for (CellState state : states) {
        QImage image(24, 24, QImage::Format_Grayscale8);
        image.fill(Qt::white);
        QPainter painter(&image);
        paintStateSymbol(painter, QRectF(2, 2, 20, 20), state, Qt::black);
        painter.end();
        int inked = 0;
        for (int y = 0; y < image.height(); ++y) {
            for (int x = 0; x < image.width(); ++x)
                inked += qGray(image.pixel(x, y)) < 128 ? 1 : 0;
        }
        QVERIFY2(inked > 8, qPrintable(cellStateId(state)));
        images << image;
    }
    for (qsizetype first = 0; first < images.size(); ++first) {
        for (qsizetype second = first + 1; second < images.size(); ++second)
            QVERIFY2(
                images[first] != images[second],
                qPrintable(cellStateId(states[first]) + u" looks like "_s + cellStateId(states[second])));
    }
}

// ---------------------------------------------------------------- real runs

void tst_DiagnosticsPage::cellOutcomes_data()
{
    QTest::addColumn<QString>("server");
    QTest::addColumn<int>("readMs");
    // Per row of the URL's column: tcp, handshake, tls, rtmpt, connect.
    QTest::addColumn<QStringList>("expected");
    QTest::addColumn<int>("tipRow");
    // Every part must be in that cell's tooltip; %port is the URL's port.
    QTest::addColumn<QStringList>("tipParts");

    QTest::newRow("healthy nginx-rtmp")
        << u"nginx"_s << 3000 << QStringList{u"pass"_s, u"pass"_s, u"empty"_s, u"empty"_s, u"pass"_s}
        << int(GridRow::Connect)
        << QStringList{u"connect accepted (connect-success)"_s, u"RTMP connect on port %port: passed"_s};
    QTest::newRow("nothing listens") << u"closed"_s << 3000
                                     << QStringList{u"fail"_s, u"skipped"_s, u"empty"_s, u"empty"_s,
                                                    u"skipped"_s}
                                     << int(GridRow::Handshake)
                                     << QStringList{u"Why it did not run: port %port is closed"_s,
                                                    u"skipped (skipped)"_s};
    QTest::newRow("nothing listens, TCP cell")
        << u"closed"_s << 3000 << QStringList{u"fail"_s, u"skipped"_s, u"empty"_s, u"empty"_s, u"skipped"_s}
        << int(GridRow::Tcp)
        << QStringList{u"connection refused (tcp-refused)"_s, u"TCP port %port over IPv4"_s};
    QTest::newRow("silent server") << u"silent"_s << 700
                                   << QStringList{u"pass"_s, u"fail"_s, u"empty"_s, u"empty"_s, u"skipped"_s}
                                   << int(GridRow::Handshake)
                                   << QStringList{u"server stayed silent (handshake-silent)"_s,
                                                  u"RTMP handshake on port %port: failed"_s};
    QTest::newRow("RTMPS to a silent server")
        << u"silent-as-rtmps"_s << 700
        << QStringList{u"pass"_s, u"empty"_s, u"fail"_s, u"empty"_s, u"skipped"_s} << int(GridRow::Tls)
        << QStringList{u"TLS session on port %port: failed"_s,
                       u"RTMP handshake inside TLS on port %port: skipped"_s};
    QTest::newRow("RTMPT to a plain web server")
        << u"nginx-web-as-rtmpt"_s << 3000
        << QStringList{u"pass"_s, u"empty"_s, u"empty"_s, u"fail"_s, u"skipped"_s} << int(GridRow::Rtmpt)
        << QStringList{u"RTMPT tunnel on port %port: failed"_s};
}

void tst_DiagnosticsPage::cellOutcomes()
{
    QFETCH(QString, server);
    QFETCH(int, readMs);
    QFETCH(QStringList, expected);
    QFETCH(int, tipRow);
    QFETCH(QStringList, tipParts);

    Servers servers;
    if (!startServers(servers, server))
        return;
    const quint16 closedPort = test::FreePort::pick();
    QVERIFY(closedPort != 0);
    const quint16 extraPort = server == u"closed"_s ? test::FreePort::pick() : closedPort;
    Harness harness(planFor(urlFor(servers, server, closedPort), {extraPort}, readMs));
    const quint16 urlPort = harness.plan.port;

    harness.wizard.show();
    QCOMPARE(harness.page->runState(), DiagnosticsPage::RunState::Running);
    QVERIFY(!harness.page->isComplete());
    QSignalSpy finished(harness.page.data(), &DiagnosticsPage::runFinished);
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, kRunTimeoutMs);
    QVERIFY(harness.page->isComplete());
    QCOMPARE(harness.page->runState(), DiagnosticsPage::RunState::Finished);

    PortGridWidget* grid = findWidget<PortGridWidget>(&harness.wizard, "diagPortGrid");
    QVERIFY(grid);
    QCOMPARE(grid->ports(), (QList<quint16>{urlPort, extraPort}));
    QCOMPARE(rowStates(*grid, urlPort), expected);
    // The extra grid port: nobody listens, so only TCP ran.
    QCOMPARE(grid->cellState(GridRow::Tcp, extraPort), CellState::Fail);
    QCOMPARE(grid->cellState(GridRow::Connect, extraPort), CellState::Empty);

    const QString tip = grid->cellToolTip(GridRow(tipRow), urlPort);
    for (QString part : tipParts) {
        part.replace(u"%port"_s, QString::number(urlPort));
        QVERIFY2(tip.contains(part), qPrintable(u"'%1' not in:\n%2"_s.arg(part, tip)));
    }
    for (GridRow row : kAllRows) {
        for (quint16 port : grid->ports())
            QVERIFY2(!leaksKey(grid->cellToolTip(row, port)), qPrintable(grid->cellToolTip(row, port)));
    }

    // Timeline and progress agree with the session.
    ProbeTimelineWidget* timeline = findWidget<ProbeTimelineWidget>(&harness.wizard, "diagTimeline");
    QVERIFY(timeline);
    QCOMPARE(timeline->rowCount(), int(harness.session.probeIds().size()));
    for (int row = 0; row < timeline->rowCount(); ++row)
        QVERIFY2(isSettled(timeline->rowState(row)), qPrintable(timeline->rowToolTip(row)));
    auto* progress = findWidget<QProgressBar>(&harness.wizard, "diagProgress");
    QVERIFY(progress);
    QCOMPARE(progress->maximum(), int(harness.session.probeIds().size()));
    QCOMPARE(progress->value(), progress->maximum());
    auto* eta = findWidget<QLabel>(&harness.wizard, "diagEta");
    QVERIFY(eta);
    QCOMPARE(eta->text(), u"Finished"_s);
    QVERIFY(findWidget<QPushButton>(&harness.wizard, "diagRerun")->isVisible());
    QVERIFY(!findWidget<QPushButton>(&harness.wizard, "diagCancel")->isVisible());
}

void tst_DiagnosticsPage::ladderOfTheSelectedProbe_data()
{
    QTest::addColumn<QString>("server");
    QTest::addColumn<int>("row");
    // Arrows as "->label-prefix" / "<-label-prefix", notes as "note",
    // missing arrows as "missing:label"; only the RTMP messages and the
    // verdict note are listed, control messages in between are skipped.
    QTest::addColumn<QStringList>("expected");

    QTest::newRow("healthy connect") << u"nginx"_s << int(GridRow::Connect)
                                     << QStringList{u"->C0+C1"_s, u"<-S0+S1"_s,    u"->C2"_s,
                                                    u"<-S2"_s,    u"->connect("_s, u"<-_result("_s};
    QTest::newRow("healthy handshake") << u"nginx"_s << int(GridRow::Handshake)
                                       << QStringList{u"->C0+C1"_s, u"<-S0+S1"_s, u"->C2"_s, u"<-S2"_s};
    QTest::newRow("silent server") << u"silent"_s << int(GridRow::Handshake)
                                   << QStringList{u"->C0+C1"_s, u"note"_s, u"missing:S0+S1"_s,
                                                  u"missing:C2"_s, u"missing:S2"_s};
}

void tst_DiagnosticsPage::ladderOfTheSelectedProbe()
{
    QFETCH(QString, server);
    QFETCH(int, row);
    QFETCH(QStringList, expected);

    Servers servers;
    if (!startServers(servers, server))
        return;
    Harness harness(planFor(urlFor(servers, server, 0), {test::FreePort::pick()}, 700));
    harness.wizard.show();
    QVERIFY(QTest::qWaitForWindowExposed(&harness.wizard));
    QTRY_VERIFY_WITH_TIMEOUT(harness.page->isComplete(), kRunTimeoutMs);

    PortGridWidget* grid = harness.grid();
    const QRect cell = grid->cellRect(GridRow(row), harness.plan.port);
    QVERIFY(!cell.isEmpty());
    QTest::mouseClick(grid, Qt::LeftButton, {}, cell.center());
    const QString selected = harness.page->selectedProbeId();
    QCOMPARE(selected, grid->cellProbeIds(GridRow(row), harness.plan.port).constLast());
    // The timeline follows the grid.
    QCOMPARE(harness.page->timeline()->selectedProbeId(), selected);

    auto* ladder = findWidget<HandshakeLadderWidget>(&harness.wizard, "diagLadder");
    QVERIFY(ladder);
    QCOMPARE(ladder->probeId(), selected);
    QVERIFY(ladder->showsLadder());
    QStringList seen;
    const QStringList rtmpMessages = {u"C0"_s,       u"S0"_s,       u"C2"_s,     u"S2"_s,
                                      u"connect("_s, u"_result("_s, u"_error("_s};
    for (const HandshakeLadderWidget::Rung& rung : ladder->rungs()) {
        switch (rung.kind) {
        case HandshakeLadderWidget::Rung::Kind::ToServer:
        case HandshakeLadderWidget::Rung::Kind::ToClient: {
            const bool rtmp =
                std::any_of(rtmpMessages.cbegin(), rtmpMessages.cend(),
                            [&rung](const QString& prefix) { return rung.label.startsWith(prefix); });
            QVERIFY2(rung.atMs >= 0, qPrintable(rung.label));
            if (rtmp)
                seen << (rung.kind == HandshakeLadderWidget::Rung::Kind::ToServer ? u"->"_s : u"<-"_s) +
                            rung.label.left(expected.value(seen.size()).size() - 2);
            break;
        }
        case HandshakeLadderWidget::Rung::Kind::Note:
            if (rung.failure)
                seen << u"note"_s;
            break;
        case HandshakeLadderWidget::Rung::Kind::NotReached:
            seen << u"missing:"_s + rung.label;
            break;
        }
    }
    QCOMPARE(seen, expected);
}

void tst_DiagnosticsPage::keyboardMovesTheSelection_data()
{
    QTest::addColumn<QString>("widget");
    QTest::addColumn<QList<int>>("keys");
    // Templates: %u is the URL's port, %x the extra grid port.
    QTest::addColumn<QString>("expected");

    using Keys = QList<int>;
    QTest::newRow("grid: first key selects the first cell")
        << u"diagPortGrid"_s << Keys{Qt::Key_Down} << u"tcp:%u:ipv4"_s;
    QTest::newRow("grid: down to the handshake")
        << u"diagPortGrid"_s << Keys{Qt::Key_Down, Qt::Key_Down} << u"handshake:%u"_s;
    QTest::newRow("grid: down skips empty rows to connect")
        << u"diagPortGrid"_s << Keys{Qt::Key_Down, Qt::Key_Down, Qt::Key_Down} << u"connect:%u"_s;
    QTest::newRow("grid: right to the next port")
        << u"diagPortGrid"_s << Keys{Qt::Key_Down, Qt::Key_Right} << u"tcp:%x:ipv4"_s;
    QTest::newRow("grid: right stops at the edge")
        << u"diagPortGrid"_s << Keys{Qt::Key_Down, Qt::Key_Right, Qt::Key_Right} << u"tcp:%x:ipv4"_s;
    QTest::newRow("grid: up from connect to the handshake")
        << u"diagPortGrid"_s << Keys{Qt::Key_Down, Qt::Key_Down, Qt::Key_Down, Qt::Key_Up}
        << u"handshake:%u"_s;
    QTest::newRow("timeline: home") << u"diagTimeline"_s << Keys{Qt::Key_Home} << u"dns"_s;
    QTest::newRow("timeline: down") << u"diagTimeline"_s << Keys{Qt::Key_Home, Qt::Key_Down}
                                    << u"tcp:%u:ipv4"_s;
    QTest::newRow("timeline: end") << u"diagTimeline"_s << Keys{Qt::Key_End} << u"connect:%u"_s;
    QTest::newRow("timeline: up from the end")
        << u"diagTimeline"_s << Keys{Qt::Key_End, Qt::Key_Up} << u"handshake:%x"_s;
}

void tst_DiagnosticsPage::keyboardMovesTheSelection()
{
    QFETCH(QString, widget);
    QFETCH(QList<int>, keys);
    QFETCH(QString, expected);

    Servers servers;
    if (!startServers(servers, u"nginx"_s))
        return;
    const quint16 extraPort = test::FreePort::pick();
    Harness harness(planFor(urlFor(servers, u"nginx"_s, 0), {extraPort}));
    harness.wizard.show();
    QVERIFY(QTest::qWaitForWindowExposed(&harness.wizard));
    QTRY_VERIFY_WITH_TIMEOUT(harness.page->isComplete(), kRunTimeoutMs);
    // Start from nothing selected, as before the user touched anything.
    harness.page->selectProbe({});

    QWidget* target = harness.wizard.findChild<QWidget*>(widget);
    QVERIFY(target);
    QCOMPARE(target->focusPolicy(), Qt::StrongFocus);
    target->setFocus();
    for (int key : keys)
        QTest::keyClick(target, Qt::Key(key));
    expected.replace(u"%u"_s, QString::number(harness.plan.port));
    expected.replace(u"%x"_s, QString::number(extraPort));
    QCOMPARE(harness.page->selectedProbeId(), expected);
    QCOMPARE(harness.page->ladder()->probeId(), expected);
    QCOMPARE(harness.page->timeline()->selectedProbeId(), expected);
}

void tst_DiagnosticsPage::technicalViewShowsTheTranscript()
{
    Servers servers;
    if (!startServers(servers, u"nginx"_s))
        return;
    // The publish check sends the stream key to the server: the transcript
    // must show that it did, without any of the key.
    Harness harness(planFor(urlFor(servers, u"nginx"_s, 0), {test::FreePort::pick()}, 3000, true));
    harness.page->setTechnicalView(true);
    harness.wizard.show();
    QTRY_VERIFY_WITH_TIMEOUT(harness.page->isComplete(), kRunTimeoutMs);

    auto* transcript = findWidget<QPlainTextEdit>(&harness.wizard, "diagTranscript");
    auto* details = findWidget<QLabel>(&harness.wizard, "diagProbeDetails");
    QVERIFY(transcript && details);
    QVERIFY(transcript->isVisible());
    QVERIFY(transcript->isReadOnly());
    QVERIFY(transcript->font().fixedPitch());

    const QString port = QString::number(harness.plan.port);
    harness.page->selectProbe(u"connect:"_s + port);
    QString text = transcript->toPlainText();
    QVERIFY2(text.contains(u"-> C0+C1"_s), qPrintable(text));
    QVERIFY2(text.contains(u"<- _result("_s), qPrintable(text));
    QVERIFY2(text.contains(u"status connect-success"_s), qPrintable(text));
    QVERIFY2(text.contains(u"03 "_s), qPrintable(text)); // C0: RTMP version 3, in hex
    QVERIFY2(details->text().contains(u"address 127.0.0.1:"_s + port), qPrintable(details->text()));
    QVERIFY2(details->text().contains(u"server version "_s), qPrintable(details->text()));
    QVERIFY(!harness.page->ladder()->rungs().isEmpty());

    harness.page->selectProbe(u"publish:"_s + port);
    text = transcript->toPlainText();
    QVERIFY2(text.contains(u"publish"_s), qPrintable(text));
    QVERIFY2(!leaksKey(text), qPrintable(text));
    QVERIFY2(!leaksKey(details->text()), qPrintable(details->text()));
    for (int row = 0; row < harness.page->timeline()->rowCount(); ++row)
        QVERIFY(!leaksKey(harness.page->timeline()->rowToolTip(row)));

    harness.page->setTechnicalView(false);
    QVERIFY(!transcript->isVisible());
    QVERIFY(!details->text().contains(u"address "_s));
}

void tst_DiagnosticsPage::everyControlIsNamed_data()
{
    QTest::addColumn<QString>("objectName");
    for (const char* name : {"diagPortGrid", "diagTimeline", "diagLadder", "diagProgress", "diagEta",
                             "diagCancel", "diagRerun", "diagTranscript", "diagStatus", "diagProbeDetails"})
        QTest::newRow(name) << QString::fromLatin1(name);
}

void tst_DiagnosticsPage::everyControlIsNamed()
{
    QFETCH(QString, objectName);
    DiagnosticSession session(allProbeFactories());
    DiagnosticsPage page(session);
    QWidget* widget = page.findChild<QWidget*>(objectName);
    QVERIFY(widget);
    QVERIFY(!widget->accessibleName().isEmpty());
}

void tst_DiagnosticsPage::cancelStopsEverythingAtOnce()
{
    Servers servers;
    if (!startServers(servers, u"silent"_s))
        return;
    // A read timeout far longer than the test waits: only Cancel can end it.
    Harness harness(planFor(urlFor(servers, u"silent"_s, 0), {test::FreePort::pick()}, 20000));
    harness.wizard.show();
    const quint16 port = harness.plan.port;
    QTRY_COMPARE_WITH_TIMEOUT(harness.grid()->cellState(GridRow::Handshake, port), CellState::Running, 10000);

    auto* cancel = findWidget<QPushButton>(&harness.wizard, "diagCancel");
    auto* rerun = findWidget<QPushButton>(&harness.wizard, "diagRerun");
    QVERIFY(cancel && rerun);
    QVERIFY(cancel->isVisible() && cancel->isEnabled());
    QVERIFY(!rerun->isVisible());
    QElapsedTimer clock;
    clock.start();
    QTest::mouseClick(cancel, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(harness.page->isComplete(), 1000);
    qInfo("complete %lld ms after Cancel", static_cast<long long>(clock.elapsed()));
    QCOMPARE(harness.page->runState(), DiagnosticsPage::RunState::Cancelled);
    QVERIFY(!harness.session.isRunning());

    for (GridRow row : kAllRows) {
        for (quint16 gridPort : harness.grid()->ports())
            QVERIFY2(isSettled(harness.grid()->cellState(row, gridPort)),
                     qPrintable(harness.grid()->cellToolTip(row, gridPort)));
    }
    QCOMPARE(harness.grid()->cellState(GridRow::Handshake, port), CellState::Skipped);
    QVERIFY2(harness.grid()->cellToolTip(GridRow::Handshake, port).contains(u"(cancelled)"_s),
             qPrintable(harness.grid()->cellToolTip(GridRow::Handshake, port)));
    QVERIFY(!harness.grid()->isAnimating());
    QCOMPARE(harness.page->timeline()->frameIntervalMs(), 0);
    QVERIFY(!cancel->isVisible());
    QVERIFY(rerun->isVisible() && rerun->isEnabled());

    // Run again: everything starts over.
    QTest::mouseClick(rerun, Qt::LeftButton);
    QCOMPARE(harness.page->runState(), DiagnosticsPage::RunState::Running);
    QVERIFY(!harness.page->isComplete());
    QTRY_COMPARE_WITH_TIMEOUT(harness.grid()->cellState(GridRow::Handshake, port), CellState::Running, 10000);
    QVERIFY(cancel->isVisible());
    harness.page->cancelRun();
    QTRY_VERIFY_WITH_TIMEOUT(harness.page->isComplete(), 1000);
}

void tst_DiagnosticsPage::backCancelsAndNextStartsAgain()
{
    Servers servers;
    if (!startServers(servers, u"silent"_s))
        return;
    Harness harness(planFor(urlFor(servers, u"silent"_s, 0), {test::FreePort::pick()}, 20000), true);
    harness.wizard.show();
    harness.wizard.next();
    QCOMPARE(harness.wizard.currentPage(), harness.page.data());
    const quint16 port = harness.plan.port;
    QTRY_COMPARE_WITH_TIMEOUT(harness.grid()->cellState(GridRow::Handshake, port), CellState::Running, 10000);

    QSignalSpy sessionFinished(&harness.session, &DiagnosticSession::finished);
    harness.wizard.back();
    QTRY_COMPARE_WITH_TIMEOUT(sessionFinished.count(), 1, 1000);
    QVERIFY(!harness.session.isRunning());

    // Next again: a fresh run.
    harness.wizard.next();
    QCOMPARE(harness.page->runState(), DiagnosticsPage::RunState::Running);
    QTRY_COMPARE_WITH_TIMEOUT(harness.grid()->cellState(GridRow::Handshake, port), CellState::Running, 10000);

    // Back and at once Next: the new run waits for the old one to wind down.
    harness.wizard.back();
    harness.wizard.next();
    QVERIFY(harness.page->runState() == DiagnosticsPage::RunState::Starting ||
            harness.page->runState() == DiagnosticsPage::RunState::Running);
    QTRY_COMPARE_WITH_TIMEOUT(harness.page->runState(), DiagnosticsPage::RunState::Running, 1000);
    QTRY_COMPARE_WITH_TIMEOUT(harness.grid()->cellState(GridRow::Handshake, port), CellState::Running, 10000);
    harness.page->cancelRun();
    QTRY_VERIFY_WITH_TIMEOUT(harness.page->isComplete(), 1000);
}

void tst_DiagnosticsPage::animationFollowsActivity_data()
{
    QTest::addColumn<QByteArray>("environment");
    QTest::addColumn<bool>("setter");
    QTest::addColumn<bool>("reduced");
    QTest::newRow("default") << QByteArray() << false << false;
    QTest::newRow("RTMPDOCTOR_REDUCED_MOTION=1") << QByteArray("1") << false << true;
    QTest::newRow("RTMPDOCTOR_REDUCED_MOTION=0") << QByteArray("0") << false << false;
    QTest::newRow("setter") << QByteArray() << true << true;
}

void tst_DiagnosticsPage::animationFollowsActivity()
{
    QFETCH(QByteArray, environment);
    QFETCH(bool, setter);
    QFETCH(bool, reduced);

    Servers servers;
    if (!startServers(servers, u"silent"_s))
        return;
    if (environment.isEmpty())
        qunsetenv("RTMPDOCTOR_REDUCED_MOTION");
    else
        qputenv("RTMPDOCTOR_REDUCED_MOTION", environment);
    Harness harness(planFor(urlFor(servers, u"silent"_s, 0), {test::FreePort::pick()}, 20000));
    qunsetenv("RTMPDOCTOR_REDUCED_MOTION");
    if (setter)
        harness.page->setReducedMotion(true);
    QCOMPARE(harness.page->reducedMotion(), reduced);

    // Nothing runs yet: nothing ticks.
    QVERIFY(!harness.grid()->isAnimating());
    QCOMPARE(harness.page->timeline()->frameIntervalMs(), 0);

    harness.wizard.show();
    QTRY_COMPARE_WITH_TIMEOUT(harness.grid()->cellState(GridRow::Handshake, harness.plan.port),
                              CellState::Running, 10000);
    QCOMPARE(harness.grid()->isAnimating(), !reduced);
    // At most about 30 frames per second; with reduced motion the bars jump once a second.
    QCOMPARE(harness.page->timeline()->frameIntervalMs(), reduced ? 1000 : 33);

    harness.page->cancelRun();
    QTRY_VERIFY_WITH_TIMEOUT(harness.page->isComplete(), 1000);
    QVERIFY(!harness.grid()->isAnimating());
    QCOMPARE(harness.page->timeline()->frameIntervalMs(), 0);
}

void tst_DiagnosticsPage::unusableInputStartsNothing()
{
    DiagnosticSession session(allProbeFactories());
    QSignalSpy queued(&session, &DiagnosticSession::probeQueued);
    QWizard wizard;
    auto* page = new DiagnosticsPage(session);
    page->setPlanProvider([] { return std::optional<DiagnosticPlan>(); });
    wizard.addPage(page);
    QSignalSpy completeChanged(page, &QWizardPage::completeChanged);
    wizard.show();
    QCOMPARE(page->runState(), DiagnosticsPage::RunState::Unusable);
    QVERIFY(!page->isComplete());
    QVERIFY(!session.isRunning());
    QCOMPARE(queued.count(), 0);
    QVERIFY(completeChanged.count() >= 1);
    auto* status = findWidget<QLabel>(&wizard, "diagStatus");
    QVERIFY(status);
    QVERIFY(status->text().contains(u"go back"_s));
    QVERIFY(!findWidget<QPushButton>(&wizard, "diagCancel")->isVisible());
}

void tst_DiagnosticsPage::destroyingThePageMidRunIsClean()
{
    Servers servers;
    if (!startServers(servers, u"silent"_s))
        return;
    DiagnosticSession session(allProbeFactories());
    QSignalSpy sessionFinished(&session, &DiagnosticSession::finished);
    const DiagnosticPlan plan = planFor(urlFor(servers, u"silent"_s, 0), {test::FreePort::pick()}, 1500);
    auto wizard = std::make_unique<QWizard>();
    QPointer<DiagnosticsPage> page = new DiagnosticsPage(session);
    page->setPlanProvider([plan] { return std::optional<DiagnosticPlan>(plan); });
    page->setTechnicalView(true);
    wizard->addPage(page);
    wizard->show();
    QTRY_COMPARE_WITH_TIMEOUT(page->portGrid()->cellState(GridRow::Handshake, plan.port), CellState::Running,
                              10000);
    page->selectProbe(u"handshake:%1"_s.arg(plan.port));

    wizard.reset();
    QVERIFY(page.isNull());
    // The session goes on without the page and ends normally.
    QVERIFY(session.isRunning());
    QTRY_COMPARE_WITH_TIMEOUT(sessionFinished.count(), 1, kRunTimeoutMs);
    QCOMPARE(session.result(u"handshake:%1"_s.arg(plan.port))->status, ProbeStatus::HandshakeSilent);
}

QTEST_MAIN(tst_DiagnosticsPage)
#include "tst_diagnosticspage.moc"
