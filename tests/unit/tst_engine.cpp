// The probe engine's scheduler: WorkerPool and DiagnosticSession, driven by
// scripted probes that end after a chosen time with a chosen status.

#include "engine/diagnosticplan.h"
#include "engine/diagnosticsession.h"
#include "engine/workerpool.h"
#include "probe/dnsprobe.h"
#include "probe/probe.h"
#include "tsansuppressions.h"

#include <QElapsedTimer>
#include <QSet>
#include <QSignalSpy>
#include <QTest>
#include <QThread>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>

using namespace Qt::StringLiterals;
using namespace rd;

namespace enginetest {

// What one scripted probe does: wait `delayMs`, then finish with `status`.
struct Script
{
    ProbeStatus status = ProbeStatus::InternalError;
    int delayMs = 10;
    QVariantMap facts;
};
using ScriptTable = QHash<QString, Script>;

} // namespace enginetest

Q_DECLARE_METATYPE(enginetest::Script)
Q_DECLARE_METATYPE(enginetest::ScriptTable)

using enginetest::Script;
using enginetest::ScriptTable;

namespace {

using Clock = std::chrono::steady_clock;

// Shared by all probes of a test, across worker threads.
class Recorder
{
public:
    struct Run
    {
        QString probeId;
        Clock::time_point begun;
        Clock::time_point ended;
        bool hasEnded = false;
        const QThread* thread = nullptr;
        ProbeTarget target;
    };

    void begin(const QString& probeId, const ProbeTarget& target)
    {
        const std::lock_guard lock(m_mutex);
        m_runs.push_back(Run{probeId, Clock::now(), {}, false, QThread::currentThread(), target});
        ++m_running;
        m_maxRunning = std::max(m_maxRunning, m_running);
    }
    void end(const QString& probeId)
    {
        const std::lock_guard lock(m_mutex);
        for (auto it = m_runs.rbegin(); it != m_runs.rend(); ++it) {
            if (it->probeId == probeId && !it->hasEnded) {
                it->ended = Clock::now();
                it->hasEnded = true;
                --m_running;
                return;
            }
        }
    }
    QList<Run> runs() const
    {
        const std::lock_guard lock(m_mutex);
        return m_runs;
    }
    int maxRunning() const
    {
        const std::lock_guard lock(m_mutex);
        return m_maxRunning;
    }
    int running() const
    {
        const std::lock_guard lock(m_mutex);
        return m_running;
    }

    std::atomic<int> alive{0};

private:
    mutable std::mutex m_mutex;
    QList<Run> m_runs;
    int m_running = 0;
    int m_maxRunning = 0;
};

class ScriptedProbe : public Probe
{
public:
    ScriptedProbe(const QString& probeId, ProbeKind kind, const ProbeTarget& target,
                  const ProbeTimeouts& timeouts, Script script, std::shared_ptr<Recorder> recorder)
        : Probe(probeId, kind, target, timeouts)
        , m_script(std::move(script))
        , m_recorder(std::move(recorder))
    {
        ++m_recorder->alive;
    }
    ~ScriptedProbe() override { --m_recorder->alive; }

protected:
    void begin() override
    {
        m_recorder->begin(probeId(), target());
        m_begun = true;
        step(u"waiting"_s);
        armTimeout(m_script.delayMs, [this] {
            for (auto it = m_script.facts.cbegin(); it != m_script.facts.cend(); ++it)
                setFact(it.key(), it.value());
            finish(m_script.status, u"scripted"_s);
        });
    }
    void abortIo() override
    {
        if (m_begun)
            m_recorder->end(probeId());
    }

private:
    Script m_script;
    std::shared_ptr<Recorder> m_recorder;
    bool m_begun = false;
};

Script passing(ProbeKind kind, int delayMs = 10)
{
    switch (kind) {
    case ProbeKind::Dns:
        return {ProbeStatus::DnsResolved,
                delayMs,
                {{QString(dnsfacts::ipv4Addresses), QStringList{u"127.0.0.1"_s}},
                 {QString(dnsfacts::ipv6Addresses), QStringList{u"::1"_s}}}};
    case ProbeKind::TcpPort:
        return {ProbeStatus::TcpOpen, delayMs, {}};
    case ProbeKind::Handshake:
        return {ProbeStatus::HandshakeOk, delayMs, {}};
    case ProbeKind::Connect:
        return {ProbeStatus::ConnectSuccess, delayMs, {}};
    case ProbeKind::Publish:
        return {ProbeStatus::PublishStarted, delayMs, {}};
    case ProbeKind::Tls:
        return {ProbeStatus::TlsOk, delayMs, {}};
    case ProbeKind::Rtmpt:
        return {ProbeStatus::RtmptOk, delayMs, {}};
    case ProbeKind::Proxy:
        return {ProbeStatus::ProxyOk, delayMs, {}};
    case ProbeKind::Liveness:
        return {ProbeStatus::LivenessHttpAnswered, delayMs, {}};
    case ProbeKind::FlashSequence:
        return {ProbeStatus::FlashSequenceConnects, delayMs, {}};
    }
    return {};
}

const QList<ProbeKind> kAllKinds{ProbeKind::Dns,     ProbeKind::TcpPort, ProbeKind::Handshake,
                                 ProbeKind::Connect, ProbeKind::Publish, ProbeKind::Tls,
                                 ProbeKind::Rtmpt,   ProbeKind::Proxy,   ProbeKind::Liveness};

// Every kind in `kinds` is registered; a probe follows scripts[probeId] when
// present, otherwise the passing script of its kind with `defaultDelayMs`.
ProbeFactoryRegistry scriptedFactories(std::shared_ptr<Recorder> recorder,
                                       QHash<QString, Script> scripts = {}, int defaultDelayMs = 10,
                                       const QList<ProbeKind>& kinds = kAllKinds)
{
    ProbeFactoryRegistry registry;
    for (ProbeKind kind : kinds) {
        registry.add(kind,
                     [kind, recorder, scripts,
                      defaultDelayMs](const QString& probeId, const ProbeTarget& target,
                                      const ProbeTimeouts& timeouts, const DiagnosticPlan&) -> Probe* {
                         const Script script = scripts.value(probeId, passing(kind, defaultDelayMs));
                         return new ScriptedProbe(probeId, kind, target, timeouts, script, recorder);
                     });
    }
    return registry;
}

// rtmp://ingest.example/live/key with a two-port grid: ten probes.
DiagnosticPlan smallPlan()
{
    DiagnosticPlan plan;
    plan.host = u"ingest.example"_s;
    plan.scheme = Scheme::Rtmp;
    plan.port = 1935;
    plan.application = u"live"_s;
    plan.tcUrl = u"rtmp://ingest.example/live"_s;
    plan.streamKey = u"sk-very-secret-123"_s;
    plan.gridPorts = {443};
    plan.proxy.mode = ProxyMode::None;
    return plan;
}

const QStringList kSmallPlanIds{u"dns"_s,          u"tcp:1935:ipv4"_s,     u"tcp:1935:ipv6"_s,
                                u"tcp:443:ipv4"_s, u"tcp:443:ipv6"_s,      u"handshake:1935"_s,
                                u"tls:443"_s,      u"handshake:443:tls"_s, u"liveness:1935"_s,
                                u"connect:1935"_s};

// The TCP grid of the standard ports, both families, in ladder order.
const QStringList kStandardGridTcpIds = [] {
    QStringList ids;
    for (quint16 port : DiagnosticPlan::standardGridPorts())
        ids << u"tcp:%1:ipv4"_s.arg(port) << u"tcp:%1:ipv6"_s.arg(port);
    return ids;
}();

QStringList idsOf(const QList<ProbeResult>& results)
{
    QStringList ids;
    for (const ProbeResult& result : results)
        ids << result.probeId;
    return ids;
}

QStringList argumentIds(const QSignalSpy& spy)
{
    QStringList ids;
    for (const QList<QVariant>& arguments : spy) {
        const QVariant& first = arguments.at(0);
        ids << (first.metaType() == QMetaType::fromType<ProbeResult>() ? first.value<ProbeResult>().probeId
                                                                       : first.toString());
    }
    return ids;
}

QStringList sorted(QStringList list)
{
    list.sort();
    return list;
}

} // namespace

class tst_Engine : public QObject
{
    Q_OBJECT

private slots:
    void plannedIds_data();
    void plannedIds();
    void gridPorts_data();
    void gridPorts();
    void flashSequenceNeedsAFlashClientWithoutPort_data();
    void flashSequenceNeedsAFlashClientWithoutPort();
    void flashSequenceJudgedFromTheRun_data();
    void flashSequenceJudgedFromTheRun();

    void poolRunsAndSpreadsOverThreads();
    void poolCancelsOneTicket();
    void poolReportsMakerFailure();
    void poolDestructionDeletesRunningProbes();

    void runsInDependencyOrder();
    void queuesEveryProbeBeforeStartReturns();
    void skipsDependentsWithReason_data();
    void skipsDependentsWithReason();
    void dependentUsesTheOpenFamily();
    void probesRunInParallel();
    void cancelMidRunEndsQuickly();
    void sessionDeadlineStopsWhatIsRunning();
    void rerunRunsOnlySubsetAndDependents_data();
    void rerunRunsOnlySubsetAndDependents();
    void unregisteredKindIsSkippedWithReason();
    void streamKeyReachesOnlyThePublishProbe();
    void destroyingRunningSessionIsClean();
};

void tst_Engine::plannedIds_data()
{
    QTest::addColumn<int>("scheme");
    QTest::addColumn<int>("port");
    QTest::addColumn<QList<quint16>>("grid");
    QTest::addColumn<bool>("publish");
    QTest::addColumn<bool>("proxy");
    QTest::addColumn<QStringList>("expected");

    QTest::newRow("rtmp, full standard grid, proxy")
        << int(Scheme::Rtmp) << 1935 << QList<quint16>{} << false << true
        << QStringList{u"dns"_s, u"proxy"_s} + kStandardGridTcpIds +
               QStringList{
                   u"handshake:1935"_s,     u"handshake:1936"_s, u"handshake:80"_s,       u"tls:443"_s,
                   u"handshake:443:tls"_s,  u"tls:2935"_s,       u"handshake:2935:tls"_s, u"tls:2936"_s,
                   u"handshake:2936:tls"_s, u"liveness:5080"_s,  u"liveness:1935"_s,      u"connect:1935"_s};
    // Flash Player's own sequence for rtmp:// without a port: RTMP on 1935, 443 and 80, RTMPT on 80,
    // so plain RTMP on 443 besides TLS there, and the tunnel on 80.
    QTest::newRow("flash client, rtmp without a port, standard grid")
        << int(Scheme::Rtmp) << 1935 << QList<quint16>{} << false << false
        << QStringList{u"dns"_s} + kStandardGridTcpIds +
               QStringList{
                   u"handshake:1935"_s, u"handshake:1936"_s,     u"handshake:443"_s, u"handshake:80"_s,
                   u"tls:443"_s,        u"handshake:443:tls"_s,  u"tls:2935"_s,      u"handshake:2935:tls"_s,
                   u"tls:2936"_s,       u"handshake:2936:tls"_s, u"rtmpt:80"_s,      u"liveness:5080"_s,
                   u"liveness:1935"_s,  u"connect:1935"_s};
    // Steps on ports outside the grid are not added: the grid is what the user chose to test.
    QTest::newRow("flash client, grid without 80")
        << int(Scheme::Rtmp) << 1935 << QList<quint16>{443} << false << false
        << QStringList{u"dns"_s,           u"tcp:1935:ipv4"_s, u"tcp:1935:ipv6"_s,
                       u"tcp:443:ipv4"_s,  u"tcp:443:ipv6"_s,  u"handshake:1935"_s,
                       u"handshake:443"_s, u"tls:443"_s,       u"handshake:443:tls"_s,
                       u"liveness:1935"_s, u"connect:1935"_s};
    QTest::newRow("rtmp, small grid, no proxy")
        << int(Scheme::Rtmp) << 1935 << QList<quint16>{443} << false << false << kSmallPlanIds;
    QTest::newRow("rtmp on 443 is plain there")
        << int(Scheme::Rtmp) << 443 << QList<quint16>{1935} << false << false
        << QStringList{u"dns"_s,           u"tcp:443:ipv4"_s,  u"tcp:443:ipv6"_s,   u"tcp:1935:ipv4"_s,
                       u"tcp:1935:ipv6"_s, u"handshake:443"_s, u"handshake:1935"_s, u"liveness:1935"_s,
                       u"connect:443"_s};
    QTest::newRow("rtmps 443 with publish") << int(Scheme::Rtmps) << 443 << QList<quint16>{80} << true
                                            << false << QStringList{u"dns"_s,
                                                                    u"tcp:443:ipv4"_s,
                                                                    u"tcp:443:ipv6"_s,
                                                                    u"tcp:80:ipv4"_s,
                                                                    u"tcp:80:ipv6"_s,
                                                                    u"handshake:80"_s,
                                                                    u"tls:443"_s,
                                                                    u"handshake:443:tls"_s,
                                                                    u"connect:443:tls"_s,
                                                                    u"publish:443:tls"_s};
    QTest::newRow("rtmps on a custom port")
        << int(Scheme::Rtmps) << 8443 << QList<quint16>{1935} << false << false
        << QStringList{u"dns"_s,           u"tcp:8443:ipv4"_s,   u"tcp:8443:ipv6"_s, u"tcp:1935:ipv4"_s,
                       u"tcp:1935:ipv6"_s, u"handshake:1935"_s,  u"tls:8443"_s,      u"handshake:8443:tls"_s,
                       u"liveness:1935"_s, u"connect:8443:tls"_s};
    QTest::newRow("rtmpt 80") << int(Scheme::Rtmpt) << 80 << QList<quint16>{1935} << false << false
                              << QStringList{u"dns"_s,           u"tcp:80:ipv4"_s,   u"tcp:80:ipv6"_s,
                                             u"tcp:1935:ipv4"_s, u"tcp:1935:ipv6"_s, u"handshake:1935"_s,
                                             u"rtmpt:80"_s,      u"liveness:1935"_s, u"connect:80:rtmpt"_s};
    QTest::newRow("rtmpts 443")
        << int(Scheme::Rtmpts) << 443 << QList<quint16>{443} << true << false
        << QStringList{u"dns"_s,           u"tcp:443:ipv4"_s,       u"tcp:443:ipv6"_s,      u"tls:443"_s,
                       u"rtmpt:443:tls"_s, u"connect:443:rtmpts"_s, u"publish:443:rtmpts"_s};
}

void tst_Engine::plannedIds()
{
    QFETCH(int, scheme);
    QFETCH(int, port);
    QFETCH(QList<quint16>, grid);
    QFETCH(bool, publish);
    QFETCH(bool, proxy);
    QFETCH(QStringList, expected);

    DiagnosticPlan plan;
    plan.host = u"ingest.example"_s;
    plan.scheme = Scheme(scheme);
    plan.port = quint16(port);
    plan.gridPorts = grid;
    plan.publishCheck = publish;
    plan.proxy.mode = proxy ? ProxyMode::System : ProxyMode::None;
    if (QByteArrayView(QTest::currentDataTag()).startsWith("flash client")) {
        plan.flashSequence = FlashSequenceContext{plan.host, plan.scheme, false, plan.port, u"avchat30"_s};
    }

    QStringList ids;
    for (const PlannedProbe& planned : plan.probes())
        ids << planned.probeId;
    QCOMPARE(ids, expected);
}

void tst_Engine::gridPorts_data()
{
    QTest::addColumn<int>("urlPort");
    QTest::addColumn<QList<quint16>>("expected");
    QTest::newRow("1935") << 1935 << QList<quint16>{1935, 1936, 443, 80, 2935, 2936, 5080};
    QTest::newRow("443 first") << 443 << QList<quint16>{443, 1935, 1936, 80, 2935, 2936, 5080};
    QTest::newRow("custom") << 8080 << QList<quint16>{8080, 1935, 1936, 443, 80, 2935, 2936, 5080};
}

void tst_Engine::gridPorts()
{
    QFETCH(int, urlPort);
    QFETCH(QList<quint16>, expected);
    QCOMPARE(DiagnosticPlan::gridPortsFor(quint16(urlPort)), expected);
    DiagnosticPlan plan;
    plan.port = quint16(urlPort);
    QCOMPARE(plan.effectiveGridPorts(), expected);
}

void tst_Engine::flashSequenceNeedsAFlashClientWithoutPort_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<bool>("flashClient");
    QTest::addColumn<bool>("expected");

    QTest::newRow("AVChat, rtmp without a port")
        << u"rtmp://media.example/avchat30/_definst_"_s << true << true;
    QTest::newRow("AVChat, port 1935 typed") << u"rtmp://media.example:1935/avchat30"_s << true << false;
    QTest::newRow("AVChat, rtmpt") << u"rtmpt://media.example/avchat30"_s << true << false;
    QTest::newRow("AVChat, rtmps") << u"rtmps://media.example/avchat30"_s << true << false;
    QTest::newRow("an encoder, rtmp without a port") << u"rtmp://media.example/live"_s << false << false;
}

void tst_Engine::flashSequenceNeedsAFlashClientWithoutPort()
{
    QFETCH(QString, url);
    QFETCH(bool, flashClient);
    QFETCH(bool, expected);

    DiagnosticPlan::Options options;
    options.flashClient = flashClient;
    const DiagnosticPlan plan = DiagnosticPlan::fromIngestUrl(IngestUrl::parse(url), options);
    QCOMPARE(plan.flashSequence.has_value(), expected);
    QStringList ids;
    for (const PlannedProbe& planned : plan.probes())
        ids << planned.probeId;
    QCOMPARE(ids.contains(u"handshake:443"_s), expected);
    if (plan.scheme == Scheme::Rtmp)
        QCOMPARE(ids.contains(u"rtmpt:80"_s), expected);

    const QList<ProbeResult> judged = withFlashSequenceVerdict(plan, {});
    QCOMPARE(judged.size(), expected ? 1 : 0);
    if (expected) {
        QCOMPARE(judged.first().probeId, QString(kFlashSequenceProbeId));
        QCOMPARE(judged.first().target.application, u"avchat30/_definst_"_s);
    }
}

void tst_Engine::flashSequenceJudgedFromTheRun_data()
{
    QTest::addColumn<ScriptTable>("scripts");
    QTest::addColumn<int>("expectedStatus");
    QTest::addColumn<QStringList>("expectedVerdicts");
    QTest::addColumn<int>("stoppingStep"); // 0: none

    const ProbeStatus filtered = ProbeStatus::TcpFiltered;
    const ScriptTable closed1935{{u"tcp:1935:ipv4"_s, {filtered, 10, {}}},
                                 {u"tcp:1935:ipv6"_s, {filtered, 10, {}}}};
    QTest::newRow("every step carries RTMP")
        << ScriptTable{} << int(ProbeStatus::FlashSequenceConnects)
        << QStringList{u"connects"_s, u"connects"_s, u"connects"_s, u"connects"_s} << 1;

    // The plain handshake planned on 443 is the evidence for step 2, not the TLS session there.
    ScriptTable tlsOnly443 = closed1935;
    tlsOnly443.insert(u"handshake:443"_s, {ProbeStatus::HandshakeSilent, 10, {}});
    tlsOnly443.insert(u"handshake:80"_s, {ProbeStatus::HandshakeGarbled, 10, {}});
    QTest::newRow("only RTMPT on 80 carries RTMP")
        << tlsOnly443 << int(ProbeStatus::FlashSequenceConnects)
        << QStringList{u"fails"_s, u"fails"_s, u"fails"_s, u"connects"_s} << 4;

    ScriptTable nothing = tlsOnly443;
    nothing.insert(u"rtmpt:80"_s, {ProbeStatus::RtmptHttpError, 10, {}});
    QTest::newRow("no step carries RTMP") << nothing << int(ProbeStatus::FlashSequenceNoPath)
                                          << QStringList{u"fails"_s, u"fails"_s, u"fails"_s, u"fails"_s} << 0;
}

void tst_Engine::flashSequenceJudgedFromTheRun()
{
    QFETCH(ScriptTable, scripts);
    QFETCH(int, expectedStatus);
    QFETCH(QStringList, expectedVerdicts);
    QFETCH(int, stoppingStep);

    DiagnosticPlan::Options options;
    options.flashClient = true;
    options.proxy.mode = ProxyMode::None;
    options.gridPorts = {443, 80};
    const DiagnosticPlan plan =
        DiagnosticPlan::fromIngestUrl(IngestUrl::parse(u"rtmp://media.example/avchat30"_s), options);
    auto recorder = std::make_shared<Recorder>();
    DiagnosticSession session(scriptedFactories(recorder, scripts));
    QSignalSpy finished(&session, &DiagnosticSession::finished);
    QVERIFY(session.start(plan));
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 10000);

    const QList<ProbeResult> results = withFlashSequenceVerdict(session.plan(), session.results());
    QCOMPARE(results.size(), session.results().size() + 1);
    const ProbeResult& verdict = results.last();
    QCOMPARE(verdict.kind, ProbeKind::FlashSequence);
    QCOMPARE(int(verdict.status), expectedStatus);
    QStringList verdicts;
    for (const QVariant& step : verdict.facts.value(flashfacts::steps).toList())
        verdicts << step.toMap().value(flashfacts::stepVerdict).toString();
    QCOMPARE(verdicts, expectedVerdicts);
    QCOMPARE(verdict.facts.value(flashfacts::stoppingStep).toInt(), stoppingStep);
}

void tst_Engine::poolRunsAndSpreadsOverThreads()
{
    auto recorder = std::make_shared<Recorder>();
    WorkerPool pool(3);
    QCOMPARE(pool.threadCount(), 3);

    QList<ProbeResult> results;
    for (int index = 0; index < 6; ++index) {
        const QString id = u"p%1"_s.arg(index);
        pool.run(
            [id, recorder] {
                return new ScriptedProbe(id, ProbeKind::TcpPort, {}, {}, {ProbeStatus::TcpOpen, 200, {}},
                                         recorder);
            },
            this, {}, [&results](const ProbeResult& result) { results << result; });
    }
    QCOMPARE(pool.loadPerThread(), (QList<int>{2, 2, 2}));
    QCOMPARE(pool.runningCount(), 6);

    QTRY_COMPARE_WITH_TIMEOUT(results.size(), 6, 5000);
    QCOMPARE(pool.runningCount(), 0);
    QCOMPARE(pool.loadPerThread(), (QList<int>{0, 0, 0}));
    for (const ProbeResult& result : std::as_const(results))
        QCOMPARE(result.status, ProbeStatus::TcpOpen);

    QSet<const QThread*> threads;
    for (const Recorder::Run& run : recorder->runs()) {
        QVERIFY(run.thread != QThread::currentThread());
        threads.insert(run.thread);
    }
    QCOMPARE(threads.size(), 3);
    QTRY_COMPARE(recorder->alive.load(), 0);
}

void tst_Engine::poolCancelsOneTicket()
{
    auto recorder = std::make_shared<Recorder>();
    WorkerPool pool(2);
    // Delivery times are taken in the handler: QTRY_* polls in 50 ms steps.
    QElapsedTimer clock;
    clock.start();
    QHash<QString, ProbeResult> results;
    QHash<QString, qint64> deliveredAtMs;
    const auto collect = [&](const ProbeResult& result) {
        results.insert(result.probeId, result);
        deliveredAtMs.insert(result.probeId, clock.elapsed());
    };
    const WorkerPool::Ticket slow = pool.run(
        [recorder] {
            return new ScriptedProbe(u"slow"_s, ProbeKind::TcpPort, {}, {}, {ProbeStatus::TcpOpen, 10000, {}},
                                     recorder);
        },
        this, {}, collect);
    pool.run(
        [recorder] {
            return new ScriptedProbe(u"quick"_s, ProbeKind::TcpPort, {}, {}, {ProbeStatus::TcpOpen, 20, {}},
                                     recorder);
        },
        this, {}, collect);

    QTRY_VERIFY(results.contains(u"quick"_s));
    const qint64 cancelledAtMs = clock.elapsed();
    pool.cancel(slow);
    QTRY_VERIFY_WITH_TIMEOUT(results.contains(u"slow"_s), 1000);
    // The probe would take 10 s: an answer within a tenth of that means cancel did not wait for it
    // (about 50 ms when idle; the margin is for a loaded machine under sanitizers).
    const qint64 cancelMs = deliveredAtMs.value(u"slow"_s) - cancelledAtMs;
    QVERIFY2(cancelMs < 1000, qPrintable(u"cancel took %1 ms"_s.arg(cancelMs)));
    QCOMPARE(results.value(u"slow"_s).status, ProbeStatus::Cancelled);
    QCOMPARE(results.value(u"quick"_s).status, ProbeStatus::TcpOpen);
    pool.cancel(slow); // already over: ignored
    QTRY_COMPARE(recorder->alive.load(), 0);
}

void tst_Engine::poolReportsMakerFailure()
{
    WorkerPool pool(2);
    std::optional<ProbeResult> result;
    pool.run([]() -> Probe* { return nullptr; }, this, {}, [&result](const ProbeResult& r) { result = r; });
    QTRY_VERIFY(result.has_value());
    QCOMPARE(result->status, ProbeStatus::InternalError);
    QCOMPARE(pool.runningCount(), 0);
}

void tst_Engine::poolDestructionDeletesRunningProbes()
{
    auto recorder = std::make_shared<Recorder>();
    int delivered = 0;
    {
        WorkerPool pool(2);
        for (int index = 0; index < 4; ++index) {
            pool.run(
                [recorder, index] {
                    return new ScriptedProbe(u"p%1"_s.arg(index), ProbeKind::TcpPort, {}, {},
                                             {ProbeStatus::TcpOpen, 10000, {}}, recorder);
                },
                this, {}, [&delivered](const ProbeResult&) { ++delivered; });
        }
        QTRY_COMPARE(recorder->running(), 4);
        QCOMPARE(recorder->alive.load(), 4);
    }
    // Joined: every probe was cancelled and deleted in its own thread, and no
    // callback ran after the pool was gone.
    QCOMPARE(recorder->alive.load(), 0);
    QCOMPARE(recorder->running(), 0);
    QCoreApplication::processEvents();
    QCOMPARE(delivered, 0);
}

void tst_Engine::runsInDependencyOrder()
{
    auto recorder = std::make_shared<Recorder>();
    DiagnosticSession session(scriptedFactories(recorder, {}, 30));
    QSignalSpy finished(&session, &DiagnosticSession::finished);
    QSignalSpy progress(&session, &DiagnosticSession::progressChanged);
    QSignalSpy probeFinished(&session, &DiagnosticSession::probeFinished);
    QSignalSpy stepped(&session, &DiagnosticSession::probeStepped);

    const DiagnosticPlan plan = smallPlan();
    QVERIFY(session.start(plan));
    QVERIFY(session.isRunning());
    QVERIFY(!session.start(plan));
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 10000);
    QVERIFY(!session.isRunning());

    QCOMPARE(idsOf(session.results()), kSmallPlanIds);
    QCOMPARE(sorted(argumentIds(probeFinished)), sorted(kSmallPlanIds));
    for (const ProbeResult& result : session.results())
        QCOMPARE(result.status, passing(result.kind).status);
    QCOMPARE(progress.last(), (QList<QVariant>{10, 10}));
    QCOMPARE(stepped.count(), 10); // one "waiting" step per probe

    // Each probe began only after every prerequisite had ended.
    QHash<QString, Recorder::Run> runs;
    for (const Recorder::Run& run : recorder->runs())
        runs.insert(run.probeId, run);
    QCOMPARE(runs.size(), 10);
    for (const PlannedProbe& planned : plan.probes()) {
        for (const QString& prerequisite : planned.prerequisites) {
            QVERIFY2(runs.value(prerequisite).ended <= runs.value(planned.probeId).begun,
                     qPrintable(u"%1 began before %2 ended"_s.arg(planned.probeId, prerequisite)));
        }
    }
    // The grid got its addresses from the DNS answer; dependents from the grid.
    QCOMPARE(runs.value(u"tcp:1935:ipv4"_s).target.address, u"127.0.0.1"_s);
    QCOMPARE(runs.value(u"tcp:1935:ipv6"_s).target.address, u"::1"_s);
    QCOMPARE(runs.value(u"handshake:1935"_s).target.address, u"127.0.0.1"_s);
    QCOMPARE(runs.value(u"handshake:443:tls"_s).target.address, u"127.0.0.1"_s);
    QCOMPARE(runs.value(u"connect:1935"_s).target.address, u"127.0.0.1"_s);
    QCOMPARE(session.result(u"tcp:443:ipv6"_s)->target.address, u"::1"_s);
    QVERIFY(session.result(u"connect:1935"_s)->startedAtMs >=
            session.result(u"handshake:1935"_s)->startedAtMs);
}

void tst_Engine::queuesEveryProbeBeforeStartReturns()
{
    auto recorder = std::make_shared<Recorder>();
    DiagnosticSession session(scriptedFactories(recorder));
    QSignalSpy queued(&session, &DiagnosticSession::probeQueued);
    QSignalSpy started(&session, &DiagnosticSession::probeStarted);
    QSignalSpy finished(&session, &DiagnosticSession::finished);
    QVERIFY(session.start(smallPlan()));
    QCOMPARE(argumentIds(queued), kSmallPlanIds);
    QCOMPARE(started.count(), 0);
    const auto first = queued.first().first().value<ProbeResult>();
    QCOMPARE(first.status, ProbeStatus::NotRun);
    QCOMPARE(first.target.host, u"ingest.example"_s);
    QCOMPARE(session.probeIds(), kSmallPlanIds);
    QTRY_COMPARE(finished.count(), 1);
}

void tst_Engine::skipsDependentsWithReason_data()
{
    QTest::addColumn<ScriptTable>("scripts");
    QTest::addColumn<QString>("probeId");
    QTest::addColumn<int>("expectedStatus");
    QTest::addColumn<QString>("expectedReason");

    const Script filtered{ProbeStatus::TcpFiltered, 10, {}};
    const Script refused{ProbeStatus::TcpRefused, 10, {}};
    const Script ipv4Only{ProbeStatus::DnsResolved,
                          10,
                          {{QString(dnsfacts::ipv4Addresses), QStringList{u"127.0.0.1"_s}},
                           {QString(dnsfacts::ipv6Addresses), QStringList{}},
                           {QString(dnsfacts::ipv6Outcome), u"no-such-name"_s}}};
    const Script sinkholed{ProbeStatus::DnsSinkholed,
                           10,
                           {{QString(dnsfacts::ipv4Addresses), QStringList{}},
                            {QString(dnsfacts::ipv6Addresses), QStringList{u"::1"_s}},
                            {QString(dnsfacts::ipv4Outcome), u"sinkholed"_s}}};
    const Script noSuchHost{ProbeStatus::DnsNoSuchHost, 10, {}};
    const int skipped = int(ProbeStatus::Skipped);

    using Scripts = ScriptTable;
    const Scripts bothFiltered{{u"tcp:1935:ipv4"_s, filtered}, {u"tcp:1935:ipv6"_s, filtered}};
    QTest::newRow("handshake after filtered port")
        << bothFiltered << u"handshake:1935"_s << skipped << u"port 1935 is filtered"_s;
    QTest::newRow("connect two steps later")
        << bothFiltered << u"connect:1935"_s << skipped << u"port 1935 is filtered"_s;
    QTest::newRow("liveness after filtered port")
        << bothFiltered << u"liveness:1935"_s << skipped << u"port 1935 is filtered"_s;
    QTest::newRow("other port unaffected")
        << bothFiltered << u"tls:443"_s << int(ProbeStatus::TlsOk) << QString();
    QTest::newRow("families differ") << Scripts{{u"tcp:1935:ipv4"_s, refused}, {u"tcp:1935:ipv6"_s, filtered}}
                                     << u"handshake:1935"_s << skipped
                                     << u"port 1935 is closed over IPv4 and filtered over IPv6"_s;
    QTest::newRow("no IPv6 address: grid cell") << Scripts{{u"dns"_s, ipv4Only}} << u"tcp:1935:ipv6"_s
                                                << skipped << u"the host has no IPv6 address"_s;
    QTest::newRow("no IPv6 address, IPv4 filtered")
        << Scripts{{u"dns"_s, ipv4Only}, {u"tcp:1935:ipv4"_s, filtered}} << u"handshake:1935"_s << skipped
        << u"port 1935 is filtered"_s;
    QTest::newRow("sinkholed family") << Scripts{{u"dns"_s, sinkholed}} << u"tcp:443:ipv4"_s << skipped
                                      << u"a DNS filter blocks the IPv4 address"_s;
    QTest::newRow("sinkholed family, other family runs")
        << Scripts{{u"dns"_s, sinkholed}} << u"tcp:443:ipv6"_s << int(ProbeStatus::TcpOpen) << QString();
    QTest::newRow("no such host: grid") << Scripts{{u"dns"_s, noSuchHost}} << u"tcp:1935:ipv4"_s << skipped
                                        << u"the host name does not exist"_s;
    QTest::newRow("no such host: connect") << Scripts{{u"dns"_s, noSuchHost}} << u"connect:1935"_s << skipped
                                           << u"the host name does not exist"_s;
    QTest::newRow("silent handshake")
        << Scripts{{u"handshake:1935"_s, Script{ProbeStatus::HandshakeSilent, 10, {}}}} << u"connect:1935"_s
        << skipped << u"the RTMP handshake on port 1935 failed (handshake-silent)"_s;
    QTest::newRow("self-signed TLS") << Scripts{{u"tls:443"_s, Script{ProbeStatus::TlsSelfSigned, 10, {}}}}
                                     << u"handshake:443:tls"_s << skipped
                                     << u"the TLS session on port 443 failed (tls-self-signed)"_s;
}

void tst_Engine::skipsDependentsWithReason()
{
    QFETCH(ScriptTable, scripts);
    QFETCH(QString, probeId);
    QFETCH(int, expectedStatus);
    QFETCH(QString, expectedReason);

    auto recorder = std::make_shared<Recorder>();
    DiagnosticSession session(scriptedFactories(recorder, scripts));
    QSignalSpy finished(&session, &DiagnosticSession::finished);
    QVERIFY(session.start(smallPlan()));
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 10000);

    const std::optional<ProbeResult> result = session.result(probeId);
    QVERIFY(result.has_value());
    QCOMPARE(int(result->status), expectedStatus);
    QCOMPARE(result->facts.value(sessionfacts::skipReason).toString(), expectedReason);
    if (expectedStatus == int(ProbeStatus::Skipped)) {
        QCOMPARE(result->message, u"Not run: %1."_s.arg(expectedReason));
        // A skipped probe never ran.
        for (const Recorder::Run& run : recorder->runs())
            QVERIFY(run.probeId != probeId);
    }
}

void tst_Engine::dependentUsesTheOpenFamily()
{
    auto recorder = std::make_shared<Recorder>();
    DiagnosticSession session(
        scriptedFactories(recorder, {{u"tcp:1935:ipv4"_s, Script{ProbeStatus::TcpRefused, 10, {}}}}));
    QSignalSpy finished(&session, &DiagnosticSession::finished);
    QVERIFY(session.start(smallPlan()));
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 10000);
    QCOMPARE(session.result(u"handshake:1935"_s)->status, ProbeStatus::HandshakeOk);
    QCOMPARE(session.result(u"handshake:1935"_s)->target.address, u"::1"_s);
    QCOMPARE(session.result(u"connect:1935"_s)->target.address, u"::1"_s);
}

void tst_Engine::probesRunInParallel()
{
    auto recorder = std::make_shared<Recorder>();
    const int delayMs = 300;
    DiagnosticSession session(scriptedFactories(recorder, {}, delayMs), nullptr, 3);
    QSignalSpy finished(&session, &DiagnosticSession::finished);
    DiagnosticPlan plan = smallPlan();
    plan.gridPorts = DiagnosticPlan::standardGridPorts(); // 14 TCP probes
    QVERIFY(session.start(plan));
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 20000);

    const QList<Recorder::Run> runs = recorder->runs();
    QCOMPARE(runs.size(), plan.probes().size());

    // Count the TCP probes whose intervals all overlap one moment: the latest
    // start among them lies before the earliest end.
    QList<Recorder::Run> grid;
    for (const Recorder::Run& run : runs) {
        if (run.probeId.startsWith(u"tcp:"_s))
            grid << run;
    }
    QCOMPARE(grid.size(), 14);
    const auto latestStart = std::max_element(grid.cbegin(), grid.cend(),
                                              [](const auto& a, const auto& b) { return a.begun < b.begun; });
    const auto earliestEnd = std::min_element(grid.cbegin(), grid.cend(),
                                              [](const auto& a, const auto& b) { return a.ended < b.ended; });
    QVERIFY2(latestStart->begun < earliestEnd->ended, "the TCP grid did not run at the same time");
    QVERIFY(recorder->maxRunning() >= 14);

    QSet<const QThread*> threads;
    for (const Recorder::Run& run : grid)
        threads.insert(run.thread);
    QCOMPARE(threads.size(), 3);
    // No wall-clock bound: the overlap above is the proof, and a loaded CI machine (or TSan) would
    // make a time limit fail for the wrong reason.
}

void tst_Engine::cancelMidRunEndsQuickly()
{
    auto recorder = std::make_shared<Recorder>();
    QHash<QString, Script> scripts;
    for (const QString& id : kSmallPlanIds) {
        if (id.startsWith(u"tcp:"_s))
            scripts.insert(id, Script{ProbeStatus::TcpOpen, 10000, {}});
    }
    DiagnosticSession session(scriptedFactories(recorder, scripts));
    QSignalSpy finished(&session, &DiagnosticSession::finished);
    QSignalSpy probeFinished(&session, &DiagnosticSession::probeFinished);
    QVERIFY(session.start(smallPlan()));
    QTRY_COMPARE(recorder->running(), 4);

    // Timed in a slot: QTRY_* polls in 50 ms steps.
    QElapsedTimer clock;
    qint64 finishedAfterMs = -1;
    connect(&session, &DiagnosticSession::finished, this, [&] { finishedAfterMs = clock.elapsed(); });
    clock.start();
    session.cancel();
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 1000);
    // The probes would take 10 s; cancel() promises about kCancelGraceMs. A tenth of the probes'
    // time tells "did not wait for them" apart from "waited", even on a loaded machine.
    QVERIFY2(finishedAfterMs >= 0 && finishedAfterMs < 1000,
             qPrintable(u"finished() came %1 ms after cancel()"_s.arg(finishedAfterMs)));
    QVERIFY(!session.isRunning());

    QCOMPARE(probeFinished.count(), 10);
    for (const ProbeResult& result : session.results()) {
        if (result.probeId == u"dns"_s) {
            QCOMPARE(result.status, ProbeStatus::DnsResolved);
            continue;
        }
        QVERIFY2(result.status == ProbeStatus::Cancelled,
                 qPrintable(u"%1: %2"_s.arg(result.probeId, probeStatusId(result.status))));
    }
    // The probes themselves were told: none is still waiting for its timer.
    QTRY_COMPARE(recorder->running(), 0);
    QTRY_COMPARE(recorder->alive.load(), 0);

    session.cancel(); // not running: nothing happens
    QCOMPARE(finished.count(), 1);
}

void tst_Engine::sessionDeadlineStopsWhatIsRunning()
{
    auto recorder = std::make_shared<Recorder>();
    QHash<QString, Script> scripts;
    scripts.insert(u"tcp:1935:ipv4"_s, Script{ProbeStatus::TcpOpen, 10000, {}});
    scripts.insert(u"tcp:1935:ipv6"_s, Script{ProbeStatus::TcpOpen, 10000, {}});
    DiagnosticSession session(scriptedFactories(recorder, scripts));
    QSignalSpy finished(&session, &DiagnosticSession::finished);
    DiagnosticPlan plan = smallPlan();
    plan.timeouts.sessionMs = 400;

    QElapsedTimer clock;
    qint64 elapsed = -1;
    connect(&session, &DiagnosticSession::finished, this, [&] { elapsed = clock.elapsed(); });
    clock.start();
    QVERIFY(session.start(plan));
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 3000);
    QVERIFY2(elapsed >= 399 && elapsed < 400 + 100, qPrintable(u"finished after %1 ms"_s.arg(elapsed)));

    QCOMPARE(session.result(u"tcp:1935:ipv4"_s)->status, ProbeStatus::SessionTimedOut);
    QCOMPARE(session.result(u"tcp:1935:ipv6"_s)->status, ProbeStatus::SessionTimedOut);
    QCOMPARE(session.result(u"tcp:1935:ipv4"_s)->steps.size(), 1); // the probe's own steps are kept
    // The other port was done long before.
    QCOMPARE(session.result(u"tcp:443:ipv4"_s)->status, ProbeStatus::TcpOpen);
    QCOMPARE(session.result(u"handshake:443:tls"_s)->status, ProbeStatus::HandshakeOk);
    for (const QString& id : {u"handshake:1935"_s, u"liveness:1935"_s, u"connect:1935"_s}) {
        QCOMPARE(session.result(id)->status, ProbeStatus::Skipped);
        QCOMPARE(session.result(id)->facts.value(sessionfacts::skipReason).toString(),
                 u"the diagnosis ran out of time"_s);
    }
    QCOMPARE(probeStatusId(ProbeStatus::SessionTimedOut), u"session-timed-out"_s);
    QTRY_COMPARE(recorder->alive.load(), 0);
}

void tst_Engine::rerunRunsOnlySubsetAndDependents_data()
{
    QTest::addColumn<QStringList>("ids");
    QTest::addColumn<QList<int>>("kinds");
    QTest::addColumn<QStringList>("expected");

    QTest::newRow("one grid cell") << QStringList{u"tcp:1935:ipv4"_s} << QList<int>{}
                                   << QStringList{u"tcp:1935:ipv4"_s, u"handshake:1935"_s, u"liveness:1935"_s,
                                                  u"connect:1935"_s};
    QTest::newRow("leaf") << QStringList{u"connect:1935"_s} << QList<int>{} << QStringList{u"connect:1935"_s};
    QTest::newRow("kind tls") << QStringList{} << QList<int>{int(ProbeKind::Tls)}
                              << QStringList{u"tls:443"_s, u"handshake:443:tls"_s};
    QTest::newRow("dns reruns everything") << QStringList{u"dns"_s} << QList<int>{} << kSmallPlanIds;
    QTest::newRow("unknown id is ignored")
        << QStringList{u"connect:1935"_s, u"nope"_s} << QList<int>{} << QStringList{u"connect:1935"_s};
}

void tst_Engine::rerunRunsOnlySubsetAndDependents()
{
    QFETCH(QStringList, ids);
    QFETCH(QList<int>, kinds);
    QFETCH(QStringList, expected);

    auto recorder = std::make_shared<Recorder>();
    DiagnosticSession session(scriptedFactories(recorder));
    QSignalSpy finished(&session, &DiagnosticSession::finished);
    QVERIFY(session.start(smallPlan()));
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 10000);
    const qint64 firstTcp443Start = session.result(u"tcp:443:ipv4"_s)->startedAtMs;

    QSignalSpy queued(&session, &DiagnosticSession::probeQueued);
    QSignalSpy started(&session, &DiagnosticSession::probeStarted);
    QSignalSpy probeFinished(&session, &DiagnosticSession::probeFinished);
    QSignalSpy progress(&session, &DiagnosticSession::progressChanged);
    if (kinds.isEmpty()) {
        QVERIFY(session.rerun(ids));
    } else {
        QList<ProbeKind> probeKinds;
        for (int kind : std::as_const(kinds))
            probeKinds << ProbeKind(kind);
        QVERIFY(session.rerun(probeKinds));
    }
    QVERIFY(session.isRunning());
    QCOMPARE(argumentIds(queued), expected);
    QCOMPARE(progress.first(), (QList<QVariant>{10 - int(expected.size()), 10}));
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 2, 10000);
    QCOMPARE(sorted(argumentIds(started)), sorted(expected));
    QCOMPARE(sorted(argumentIds(probeFinished)), sorted(expected));
    QCOMPARE(progress.last(), (QList<QVariant>{10, 10}));
    for (const ProbeResult& result : session.results())
        QCOMPARE(result.status, passing(result.kind).status);
    if (!expected.contains(u"tcp:443:ipv4"_s))
        QCOMPARE(session.result(u"tcp:443:ipv4"_s)->startedAtMs, firstTcp443Start);
}

void tst_Engine::unregisteredKindIsSkippedWithReason()
{
    auto recorder = std::make_shared<Recorder>();
    DiagnosticSession session(scriptedFactories(
        recorder, {}, 10,
        {ProbeKind::Dns, ProbeKind::TcpPort, ProbeKind::Tls, ProbeKind::Connect, ProbeKind::Liveness}));
    QSignalSpy finished(&session, &DiagnosticSession::finished);
    QVERIFY(session.start(smallPlan()));
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 10000);

    for (const QString& id : {u"handshake:1935"_s, u"handshake:443:tls"_s}) {
        const ProbeResult result = *session.result(id);
        QCOMPARE(result.status, ProbeStatus::Skipped);
        QCOMPARE(result.facts.value(sessionfacts::skipReason).toString(), u"not available in this build"_s);
        QCOMPARE(result.message, u"The handshake probe is not available in this build."_s);
    }
    // Connect has a factory but its prerequisite never ran; the reason carries over.
    QCOMPARE(session.result(u"connect:1935"_s)->status, ProbeStatus::Skipped);
    QCOMPARE(session.result(u"connect:1935"_s)->facts.value(sessionfacts::skipReason).toString(),
             u"not available in this build"_s);
    QCOMPARE(session.result(u"tls:443"_s)->status, ProbeStatus::TlsOk);
    QCOMPARE(session.result(u"liveness:1935"_s)->status, ProbeStatus::LivenessHttpAnswered);
    QCOMPARE(session.results().size(), 10);
}

void tst_Engine::streamKeyReachesOnlyThePublishProbe()
{
    auto recorder = std::make_shared<Recorder>();
    DiagnosticSession session(scriptedFactories(recorder));
    QSignalSpy finished(&session, &DiagnosticSession::finished);
    QSignalSpy probeFinished(&session, &DiagnosticSession::probeFinished);
    DiagnosticPlan plan = smallPlan();
    plan.publishCheck = true;
    QVERIFY(session.start(plan));
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 10000);

    QCOMPARE(session.result(u"publish:1935"_s)->status, ProbeStatus::PublishStarted);
    for (const Recorder::Run& run : recorder->runs())
        QCOMPARE(run.target.streamKey, run.probeId == u"publish:1935"_s ? plan.streamKey : QString());
    for (const QList<QVariant>& arguments : std::as_const(probeFinished))
        QVERIFY(arguments.first().value<ProbeResult>().target.streamKey.isEmpty());
}

void tst_Engine::destroyingRunningSessionIsClean()
{
    auto recorder = std::make_shared<Recorder>();
    auto* session = new DiagnosticSession(scriptedFactories(recorder, {}, 10000));
    QSignalSpy finished(session, &DiagnosticSession::finished);
    QVERIFY(session->start(smallPlan()));
    QTRY_COMPARE(recorder->running(), 1); // dns is on its way
    QCOMPARE(recorder->alive.load(), 1);

    QElapsedTimer clock;
    clock.start();
    delete session;
    QVERIFY2(clock.elapsed() < 1000, qPrintable(u"destruction took %1 ms"_s.arg(clock.elapsed())));
    QCOMPARE(recorder->alive.load(), 0);
    QCOMPARE(recorder->running(), 0);
    QCoreApplication::processEvents();
    QCOMPARE(finished.count(), 0);
}

// Qt and GLib are not instrumented; see tsansuppressions.h.
RD_TSAN_QT_SUPPRESSIONS()

QTEST_GUILESS_MAIN(tst_Engine)
#include "tst_engine.moc"
