// DnsProbe and TcpProbe against the real resolver and real loopback sockets,
// run the way the product runs them (WorkerPool threads), and a whole
// DiagnosticSession with only those two probes registered.

#include "engine/diagnosticplan.h"
#include "engine/diagnosticsession.h"
#include "engine/workerpool.h"
#include "freeport.h"
#include "loopbackdrop.h"
#include "probe/dnsprobe.h"
#include "probe/tcpprobe.h"
#include "proberunner.h"
#include "testtools.h"
#include "tsansuppressions.h"
#include "url/ingesturl.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QHostInfo>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>

using namespace Qt::StringLiterals;
using namespace rd;

namespace dnstcptest {

// A scripted answer for one family of an injected resolver.
struct FakeAnswer
{
    DnsLookupError error = DnsLookupError::None;
    QStringList addresses;
};

} // namespace dnstcptest

Q_DECLARE_METATYPE(dnstcptest::FakeAnswer)
Q_DECLARE_METATYPE(rd::ProbeStatus)

using dnstcptest::FakeAnswer;

using rd::test::PooledProbeRunner;

namespace {

DnsLookupFunction fakeResolver(const FakeAnswer& ipv4, const FakeAnswer& ipv6)
{
    return [ipv4, ipv6](const QByteArray&, QAbstractSocket::NetworkLayerProtocol family) {
        const FakeAnswer& scripted = family == QAbstractSocket::IPv6Protocol ? ipv6 : ipv4;
        DnsLookupAnswer answer;
        answer.error = scripted.error;
        answer.systemCode = scripted.error == DnsLookupError::None ? 0 : -3;
        answer.systemMessage = scripted.error == DnsLookupError::None ? QString() : u"scripted failure"_s;
        for (const QString& address : scripted.addresses)
            answer.addresses << QHostAddress(address);
        return answer;
    };
}

// Holds lookups of the chosen families until released, like a resolver that
// never answers. Released by the destructor of its owner in the test, so a
// failed check cannot leave a helper thread blocked.
class LookupGate
{
public:
    void wait()
    {
        ++calls;
        std::unique_lock lock(m_mutex);
        m_released.wait(lock, [this] { return m_open; });
    }
    void open()
    {
        {
            const std::lock_guard lock(m_mutex);
            m_open = true;
        }
        m_released.notify_all();
    }

    std::atomic<int> calls{0};
    std::atomic<int> returned{0};

private:
    std::mutex m_mutex;
    std::condition_variable m_released;
    bool m_open = false;
};

struct GateOpener
{
    std::shared_ptr<LookupGate> gate;
    ~GateOpener() { gate->open(); }
};

DnsLookupFunction blockingResolver(std::shared_ptr<LookupGate> gate, bool blockIpv4, bool blockIpv6)
{
    return [gate, blockIpv4, blockIpv6](const QByteArray&, QAbstractSocket::NetworkLayerProtocol family) {
        const bool ipv6 = family == QAbstractSocket::IPv6Protocol;
        DnsLookupAnswer answer;
        if ((ipv6 && blockIpv6) || (!ipv6 && blockIpv4))
            gate->wait();
        answer.addresses << QHostAddress(ipv6 ? u"2001:db8::7"_s : u"192.0.2.7"_s);
        ++gate->returned;
        return answer;
    };
}

ProbeTarget targetFor(const QString& host, const QString& address = {}, quint16 port = 0)
{
    ProbeTarget target;
    target.host = host;
    target.address = address;
    target.port = port;
    return target;
}

QStringList addressesOf(const QList<QHostAddress>& addresses, QAbstractSocket::NetworkLayerProtocol family)
{
    QStringList texts;
    for (const QHostAddress& address : addresses) {
        if (address.protocol() == family && !texts.contains(address.toString()))
            texts << address.toString();
    }
    return texts;
}

// An iptables REJECT rule on loopback for one port, removed again by the
// destructor. The comment follows LoopbackDrop's convention, so a rule left by
// a killed test run is cleaned up by the next LoopbackDrop.
class LoopbackReject
{
public:
    LoopbackReject(quint16 port, const QString& rejectWith)
        : m_rule{u"INPUT"_s,
                 u"-i"_s,
                 u"lo"_s,
                 u"-p"_s,
                 u"tcp"_s,
                 u"--dport"_s,
                 QString::number(port),
                 u"-m"_s,
                 u"comment"_s,
                 u"--comment"_s,
                 u"rtmpdoctor-test-pid-%1"_s.arg(QCoreApplication::applicationPid()),
                 u"-j"_s,
                 u"REJECT"_s,
                 u"--reject-with"_s,
                 rejectWith}
    {
        const test::ToolRun added = iptables(QStringList{u"-I"_s} + m_rule);
        m_active = added.finishedWith(0);
        if (!m_active)
            m_error = added.describe(400);
    }
    ~LoopbackReject()
    {
        if (m_active)
            iptables(QStringList{u"-D"_s} + m_rule);
    }
    LoopbackReject(const LoopbackReject&) = delete;
    LoopbackReject& operator=(const LoopbackReject&) = delete;

    bool isActive() const { return m_active; }
    QString errorString() const { return m_error; }

private:
    static test::ToolRun iptables(const QStringList& arguments)
    {
        return test::runTool(u"iptables"_s, QStringList{u"-w"_s, u"5"_s} + arguments,
                             std::chrono::seconds(15));
    }

    QStringList m_rule;
    bool m_active = false;
    QString m_error;
};

} // namespace

class tst_DnsTcp : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();

    void dnsLocalhost();
    void dnsIpLiteral_data();
    void dnsIpLiteral();
    void dnsNameThatCannotExist();
    void dnsClassification_data();
    void dnsClassification();
    void dnsTimesOut();
    void dnsSlowFamilyDoesNotHideTheOther();
    void dnsCancelAbandonsBlockedLookup();

    void tcpOpen_data();
    void tcpOpen();
    void tcpRefused();
    void tcpFiltered();
    void tcpRejected_data();
    void tcpRejected();
    void tcpCancelDuringFilteredConnect();
    void tcpClassification_data();
    void tcpClassification();

    void sessionWithDnsAndTcpOnly_data();
    void sessionWithDnsAndTcpOnly();

private:
    bool m_ipv6Loopback = false;
};

void tst_DnsTcp::initTestCase()
{
    QTcpServer server;
    m_ipv6Loopback = server.listen(QHostAddress::LocalHostIPv6, 0);
}

void tst_DnsTcp::dnsLocalhost()
{
    // What the system's own resolver says, for comparison.
    const QHostInfo reference = QHostInfo::fromName(u"localhost"_s);
    QCOMPARE(reference.error(), QHostInfo::NoError);

    PooledProbeRunner runner(this, 2);
    runner.run([] { return new DnsProbe(u"dns"_s, targetFor(u"localhost"_s), {}); });
    QTRY_VERIFY_WITH_TIMEOUT(runner.hasResult(), 15000);
    const ProbeResult& result = runner.result();

    QCOMPARE(result.status, ProbeStatus::DnsResolved);
    const QStringList ipv4 = result.facts.value(dnsfacts::ipv4Addresses).toStringList();
    const QStringList ipv6 = result.facts.value(dnsfacts::ipv6Addresses).toStringList();
    QVERIFY2(ipv4.contains(u"127.0.0.1"_s), qPrintable(ipv4.join(u',')));
    QCOMPARE(ipv4, addressesOf(reference.addresses(), QAbstractSocket::IPv4Protocol));
    QCOMPARE(ipv6, addressesOf(reference.addresses(), QAbstractSocket::IPv6Protocol));
    QCOMPARE(result.facts.value(dnsfacts::ipv4Outcome).toString(), u"addresses"_s);
    QCOMPARE(result.facts.value(dnsfacts::ipv6Outcome).toString(),
             ipv6.isEmpty() ? u"no-such-name"_s : u"addresses"_s);
    QVERIFY(result.facts.value(dnsfacts::ipv4Ms).toLongLong() >= 0);
    QVERIFY(result.facts.value(dnsfacts::ipv6Ms).toLongLong() >= 0);
    QVERIFY(!result.facts.contains(dnsfacts::literal));
    QCOMPARE(result.steps.size(), 2); // A and AAAA, each timed
    for (const ProbeStep& step : result.steps)
        QVERIFY(step.durationMs >= 0);
}

void tst_DnsTcp::dnsIpLiteral_data()
{
    QTest::addColumn<QString>("host");
    QTest::addColumn<QStringList>("ipv4");
    QTest::addColumn<QStringList>("ipv6");
    QTest::newRow("IPv4") << u"192.0.2.10"_s << QStringList{u"192.0.2.10"_s} << QStringList{};
    QTest::newRow("IPv6") << u"2001:db8::10"_s << QStringList{} << QStringList{u"2001:db8::10"_s};
    QTest::newRow("IPv6 in brackets") << u"[::1]"_s << QStringList{} << QStringList{u"::1"_s};
}

void tst_DnsTcp::dnsIpLiteral()
{
    QFETCH(QString, host);
    QFETCH(QStringList, ipv4);
    QFETCH(QStringList, ipv6);

    auto gate = std::make_shared<LookupGate>();
    const GateOpener opener{gate};
    PooledProbeRunner runner(this, 2);
    // A resolver that would block: a literal must not reach it.
    const DnsLookupFunction resolver = blockingResolver(gate, true, true);
    runner.run([host, resolver] { return new DnsProbe(u"dns"_s, targetFor(host), {}, resolver); });
    QTRY_VERIFY_WITH_TIMEOUT(runner.hasResult(), 2000);
    const ProbeResult& result = runner.result();
    QCOMPARE(result.status, ProbeStatus::DnsResolved);
    QCOMPARE(result.facts.value(dnsfacts::ipv4Addresses).toStringList(), ipv4);
    QCOMPARE(result.facts.value(dnsfacts::ipv6Addresses).toStringList(), ipv6);
    QCOMPARE(result.facts.value(dnsfacts::literal).toBool(), true);
    QCOMPARE(result.facts.value(ipv4.isEmpty() ? dnsfacts::ipv4Outcome : dnsfacts::ipv6Outcome).toString(),
             u"not-asked"_s);
    QCOMPARE(gate->calls.load(), 0);
}

void tst_DnsTcp::dnsNameThatCannotExist()
{
    // RFC 6761: .invalid names never resolve.
    PooledProbeRunner runner(this, 2);
    runner.run([] { return new DnsProbe(u"dns"_s, targetFor(u"nonexistent.invalid"_s), {}); });
    QTRY_VERIFY_WITH_TIMEOUT(runner.hasResult(), 15000);
    const ProbeResult& result = runner.result();
    if (result.status == ProbeStatus::DnsResolverUnreachable || result.status == ProbeStatus::DnsTimedOut)
        QSKIP(qPrintable(
            u"this machine's DNS server does not answer (%1), so NXDOMAIN cannot be observed"_s.arg(
                result.message)));
    QCOMPARE(result.status, ProbeStatus::DnsNoSuchHost);
    QCOMPARE(result.facts.value(dnsfacts::ipv4Outcome).toString(), u"no-such-name"_s);
    QCOMPARE(result.facts.value(dnsfacts::ipv6Outcome).toString(), u"no-such-name"_s);
    QVERIFY(result.facts.value(dnsfacts::ipv4Addresses).toStringList().isEmpty());
    QVERIFY2(runner.finishedAtMs() < 2000, qPrintable(u"took %1 ms"_s.arg(runner.finishedAtMs())));
}

void tst_DnsTcp::dnsClassification_data()
{
    QTest::addColumn<FakeAnswer>("ipv4");
    QTest::addColumn<FakeAnswer>("ipv6");
    QTest::addColumn<ProbeStatus>("expected");
    QTest::addColumn<QStringList>("usableIpv4");
    QTest::addColumn<QStringList>("usableIpv6");
    QTest::addColumn<QStringList>("sinkholes");

    const FakeAnswer noName{DnsLookupError::NoSuchName, {}};
    const FakeAnswer noData{DnsLookupError::NoData, {}};
    const FakeAnswer again{DnsLookupError::TryAgain, {}};
    const FakeAnswer failed{DnsLookupError::OtherFailure, {}};

    QTest::newRow("both families") << FakeAnswer{DnsLookupError::None, {u"192.0.2.1"_s, u"192.0.2.2"_s}}
                                   << FakeAnswer{DnsLookupError::None, {u"2001:db8::1"_s}}
                                   << ProbeStatus::DnsResolved << QStringList{u"192.0.2.1"_s, u"192.0.2.2"_s}
                                   << QStringList{u"2001:db8::1"_s} << QStringList{};
    QTest::newRow("IPv4 only") << FakeAnswer{DnsLookupError::None, {u"192.0.2.1"_s}} << noName
                               << ProbeStatus::DnsResolved << QStringList{u"192.0.2.1"_s} << QStringList{}
                               << QStringList{};
    QTest::newRow("IPv4 and a dead AAAA server")
        << FakeAnswer{DnsLookupError::None, {u"192.0.2.1"_s}} << again << ProbeStatus::DnsResolved
        << QStringList{u"192.0.2.1"_s} << QStringList{} << QStringList{};
    QTest::newRow("sinkhole both") << FakeAnswer{DnsLookupError::None, {u"0.0.0.0"_s}}
                                   << FakeAnswer{DnsLookupError::None, {u"::"_s}} << ProbeStatus::DnsSinkholed
                                   << QStringList{} << QStringList{} << QStringList{u"0.0.0.0"_s, u"::"_s};
    QTest::newRow("sinkhole IPv4, real IPv6")
        << FakeAnswer{DnsLookupError::None, {u"0.0.0.0"_s}}
        << FakeAnswer{DnsLookupError::None, {u"2001:db8::1"_s}} << ProbeStatus::DnsSinkholed << QStringList{}
        << QStringList{u"2001:db8::1"_s} << QStringList{u"0.0.0.0"_s};
    QTest::newRow("no such host") << noName << noName << ProbeStatus::DnsNoSuchHost << QStringList{}
                                  << QStringList{} << QStringList{};
    QTest::newRow("name without addresses") << noData << noName << ProbeStatus::DnsNoAddressForFamily
                                            << QStringList{} << QStringList{} << QStringList{};
    QTest::newRow("resolver unreachable") << again << again << ProbeStatus::DnsResolverUnreachable
                                          << QStringList{} << QStringList{} << QStringList{};
    QTest::newRow("resolver failure") << failed << noName << ProbeStatus::DnsResolverUnreachable
                                      << QStringList{} << QStringList{} << QStringList{};
}

void tst_DnsTcp::dnsClassification()
{
    QFETCH(FakeAnswer, ipv4);
    QFETCH(FakeAnswer, ipv6);
    QFETCH(ProbeStatus, expected);
    QFETCH(QStringList, usableIpv4);
    QFETCH(QStringList, usableIpv6);
    QFETCH(QStringList, sinkholes);

    PooledProbeRunner runner(this, 2);
    const DnsLookupFunction resolver = fakeResolver(ipv4, ipv6);
    runner.run([resolver] { return new DnsProbe(u"dns"_s, targetFor(u"ingest.example"_s), {}, resolver); });
    QTRY_VERIFY_WITH_TIMEOUT(runner.hasResult(), 2000);
    const ProbeResult& result = runner.result();
    QVERIFY2(result.status == expected, qPrintable(probeStatusId(result.status) + u": "_s + result.message));
    QCOMPARE(result.facts.value(dnsfacts::ipv4Addresses).toStringList(), usableIpv4);
    QCOMPARE(result.facts.value(dnsfacts::ipv6Addresses).toStringList(), usableIpv6);
    QCOMPARE(result.facts.value(dnsfacts::sinkholeAddresses).toStringList(), sinkholes);
    if (ipv4.error != DnsLookupError::None)
        QCOMPARE(result.facts.value(dnsfacts::ipv4SystemMessage).toString(), u"scripted failure"_s);
}

void tst_DnsTcp::dnsTimesOut()
{
    auto gate = std::make_shared<LookupGate>();
    const GateOpener opener{gate};
    PooledProbeRunner runner(this, 2);
    ProbeTimeouts timeouts;
    timeouts.dnsMs = 300;
    const DnsLookupFunction resolver = blockingResolver(gate, true, true);
    runner.run([resolver, timeouts] {
        return new DnsProbe(u"dns"_s, targetFor(u"ingest.example"_s), timeouts, resolver);
    });
    QTRY_VERIFY_WITH_TIMEOUT(runner.hasResult(), 3000);
    QCOMPARE(runner.result().status, ProbeStatus::DnsTimedOut);
    // A coarse timer: up to 5 % early is in its contract.
    QVERIFY2(runner.finishedAtMs() >= 285 && runner.finishedAtMs() < 1000,
             qPrintable(u"after %1 ms"_s.arg(runner.finishedAtMs())));
    QCOMPARE(runner.result().facts.value(dnsfacts::ipv4Outcome).toString(), u"timed-out"_s);
    QCOMPARE(gate->calls.load(), 2);
    gate->open();
    QTRY_COMPARE(gate->returned.load(), 2); // the abandoned helpers end, nothing is posted anywhere
}

void tst_DnsTcp::dnsSlowFamilyDoesNotHideTheOther()
{
    auto gate = std::make_shared<LookupGate>();
    const GateOpener opener{gate};
    PooledProbeRunner runner(this, 2);
    ProbeTimeouts timeouts;
    timeouts.dnsMs = 300;
    const DnsLookupFunction resolver = blockingResolver(gate, false, true);
    runner.run([resolver, timeouts] {
        return new DnsProbe(u"dns"_s, targetFor(u"ingest.example"_s), timeouts, resolver);
    });
    QTRY_VERIFY_WITH_TIMEOUT(runner.hasResult(), 3000);
    const ProbeResult& result = runner.result();
    QCOMPARE(result.status, ProbeStatus::DnsResolved);
    QCOMPARE(result.facts.value(dnsfacts::ipv4Addresses).toStringList(), QStringList{u"192.0.2.7"_s});
    QCOMPARE(result.facts.value(dnsfacts::ipv6Outcome).toString(), u"timed-out"_s);
    QCOMPARE(result.facts.value(dnsfacts::ipv6Ms).toLongLong(), -1);
}

void tst_DnsTcp::dnsCancelAbandonsBlockedLookup()
{
    auto gate = std::make_shared<LookupGate>();
    const GateOpener opener{gate};
    {
        PooledProbeRunner runner(this, 2);
        const DnsLookupFunction resolver = blockingResolver(gate, true, true);
        const WorkerPool::Ticket ticket = runner.run(
            [resolver] { return new DnsProbe(u"dns"_s, targetFor(u"ingest.example"_s), {}, resolver); });
        QTRY_COMPARE(gate->calls.load(), 2);

        const qint64 cancelledAtMs = runner.cancel(ticket);
        QTRY_VERIFY_WITH_TIMEOUT(runner.hasResult(), 1000);
        const qint64 cancelMs = runner.finishedAtMs() - cancelledAtMs;
        QVERIFY2(cancelMs < 100, qPrintable(u"cancel took %1 ms"_s.arg(cancelMs)));
        QCOMPARE(runner.result().status, ProbeStatus::Cancelled);
    } // the pool and the probe are gone; the lookups are still blocked
    gate->open();
    QTRY_COMPARE(gate->returned.load(), 2);
    QCoreApplication::processEvents();
}

void tst_DnsTcp::tcpOpen_data()
{
    QTest::addColumn<QString>("address");
    QTest::addColumn<QString>("family");
    QTest::newRow("IPv4") << u"127.0.0.1"_s << u"ipv4"_s;
    QTest::newRow("IPv6") << u"::1"_s << u"ipv6"_s;
}

void tst_DnsTcp::tcpOpen()
{
    QFETCH(QString, address);
    QFETCH(QString, family);
    if (family == u"ipv6"_s && !m_ipv6Loopback)
        QSKIP("this machine has no IPv6 loopback");

    QTcpServer server;
    QVERIFY(server.listen(QHostAddress(address), 0));
    QSignalSpy accepted(&server, &QTcpServer::newConnection);

    PooledProbeRunner runner(this, 2);
    const quint16 port = server.serverPort();
    runner.run(
        [address, port] { return new TcpProbe(u"tcp"_s, targetFor(u"localhost"_s, address, port), {}); });
    QTRY_VERIFY_WITH_TIMEOUT(runner.hasResult(), 5000);
    const ProbeResult& result = runner.result();
    QCOMPARE(result.status, ProbeStatus::TcpOpen);
    QVERIFY(result.facts.value(tcpfacts::connectMs).toLongLong() >= 0);
    QCOMPARE(result.facts.value(tcpfacts::address).toString(), address);
    QCOMPARE(result.facts.value(tcpfacts::family).toString(), family);

    // The probe closes its connection at once.
    QTRY_COMPARE(accepted.count(), 1);
    QTcpSocket* peer = server.nextPendingConnection();
    QVERIFY(peer != nullptr);
    QTRY_VERIFY(peer->state() == QAbstractSocket::UnconnectedState || peer->atEnd());
    if (peer->state() != QAbstractSocket::UnconnectedState) {
        QSignalSpy closed(peer, &QTcpSocket::disconnected);
        QTRY_COMPARE(closed.count(), 1);
    }
}

void tst_DnsTcp::tcpRefused()
{
    const quint16 port = test::FreePort::pick();
    QVERIFY(port != 0);
    PooledProbeRunner runner(this, 2);
    runner.run(
        [port] { return new TcpProbe(u"tcp"_s, targetFor(u"localhost"_s, u"127.0.0.1"_s, port), {}); });
    QTRY_VERIFY_WITH_TIMEOUT(runner.hasResult(), 5000);
    QCOMPARE(runner.result().status, ProbeStatus::TcpRefused);
    QCOMPARE(runner.result().facts.value(tcpfacts::socketError).toString(), u"ConnectionRefusedError"_s);
    QVERIFY2(runner.finishedAtMs() < 1000, qPrintable(u"took %1 ms"_s.arg(runner.finishedAtMs())));
}

void tst_DnsTcp::tcpFiltered()
{
    QString whyNot;
    if (!test::LoopbackDrop::available(&whyNot))
        QSKIP(qPrintable(whyNot));
    const quint16 port = test::FreePort::pick();
    QVERIFY(port != 0);
    const test::LoopbackDrop drop(port);
    QVERIFY2(drop.isActive(), qPrintable(drop.errorString()));

    PooledProbeRunner runner(this, 2);
    ProbeTimeouts timeouts;
    timeouts.connectMs = 500;
    runner.run([port, timeouts] {
        return new TcpProbe(u"tcp"_s, targetFor(u"localhost"_s, u"127.0.0.1"_s, port), timeouts);
    });
    QTRY_VERIFY_WITH_TIMEOUT(runner.hasResult(), 5000);
    QCOMPARE(runner.result().status, ProbeStatus::TcpFiltered);
    // Probe timeouts are coarse timers: up to 5 % early is in their contract.
    QVERIFY2(runner.finishedAtMs() >= 475 && runner.finishedAtMs() < 1500,
             qPrintable(u"after %1 ms"_s.arg(runner.finishedAtMs())));
}

void tst_DnsTcp::tcpRejected_data()
{
    QTest::addColumn<QString>("rejectWith");
    QTest::addColumn<ProbeStatus>("expected");
    QTest::newRow("admin prohibited") << u"icmp-admin-prohibited"_s << ProbeStatus::TcpUnreachable;
    QTest::newRow("host unreachable") << u"icmp-host-unreachable"_s << ProbeStatus::TcpUnreachable;
    QTest::newRow("network unreachable") << u"icmp-net-unreachable"_s << ProbeStatus::TcpNoRoute;
    QTest::newRow("tcp reset") << u"tcp-reset"_s << ProbeStatus::TcpRefused;
}

void tst_DnsTcp::tcpRejected()
{
    QFETCH(QString, rejectWith);
    QFETCH(ProbeStatus, expected);
    QString whyNot;
    if (!test::LoopbackDrop::available(&whyNot))
        QSKIP(qPrintable(whyNot));

    // Something listens; the firewall answers before it can.
    QTcpServer server;
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    const quint16 port = server.serverPort();
    const LoopbackReject reject(port, rejectWith);
    if (!reject.isActive())
        QSKIP(qPrintable(
            u"iptables cannot add REJECT --reject-with %1 here: %2"_s.arg(rejectWith, reject.errorString())));

    // Linux reports the ICMP error to a non-blocking connect at once; gVisor's
    // network stack (the sandbox the tests run in) only after about 2 s, and
    // later under load. A long connect timeout keeps the verdict about the
    // answer, not about the sandbox's speed.
    ProbeTimeouts timeouts;
    timeouts.connectMs = 15000;
    PooledProbeRunner runner(this, 2);
    runner.run([port, timeouts] {
        return new TcpProbe(u"tcp"_s, targetFor(u"localhost"_s, u"127.0.0.1"_s, port), timeouts);
    });
    QTRY_VERIFY_WITH_TIMEOUT(runner.hasResult(), 20000);
    QVERIFY2(runner.result().status == expected,
             qPrintable(probeStatusId(runner.result().status) + u": "_s + runner.result().message));
    QVERIFY2(runner.finishedAtMs() < timeouts.connectMs,
             qPrintable(u"took %1 ms"_s.arg(runner.finishedAtMs())));
}

void tst_DnsTcp::tcpCancelDuringFilteredConnect()
{
    QString whyNot;
    if (!test::LoopbackDrop::available(&whyNot))
        QSKIP(qPrintable(whyNot));
    const quint16 port = test::FreePort::pick();
    QVERIFY(port != 0);
    const test::LoopbackDrop drop(port);
    QVERIFY2(drop.isActive(), qPrintable(drop.errorString()));

    PooledProbeRunner runner(this, 2);
    const WorkerPool::Ticket ticket = runner.run(
        [port] { return new TcpProbe(u"tcp"_s, targetFor(u"localhost"_s, u"127.0.0.1"_s, port), {}); });
    // The SYN is out (and dropped) once the probe reports it is connecting.
    QTRY_VERIFY(runner.steps().contains(u"connecting"_s));
    QVERIFY(!runner.hasResult());

    const qint64 cancelledAtMs = runner.cancel(ticket);
    QTRY_VERIFY_WITH_TIMEOUT(runner.hasResult(), 1000);
    const qint64 cancelMs = runner.finishedAtMs() - cancelledAtMs;
    QVERIFY2(cancelMs < 100, qPrintable(u"cancel took %1 ms"_s.arg(cancelMs)));
    QCOMPARE(runner.result().status, ProbeStatus::Cancelled);
}

void tst_DnsTcp::tcpClassification_data()
{
    QTest::addColumn<QAbstractSocket::SocketError>("error");
    QTest::addColumn<QString>("text");
    QTest::addColumn<ProbeStatus>("expected");
    QTest::newRow("refused") << QAbstractSocket::ConnectionRefusedError << u"Connection refused"_s
                             << ProbeStatus::TcpRefused;
    QTest::newRow("host unreachable")
        << QAbstractSocket::NetworkError << u"Host unreachable"_s << ProbeStatus::TcpUnreachable;
    QTest::newRow("network unreachable")
        << QAbstractSocket::NetworkError << u"Network unreachable"_s << ProbeStatus::TcpNoRoute;
    QTest::newRow("kernel timeout") << QAbstractSocket::NetworkError << u"Connection timed out"_s
                                    << ProbeStatus::TcpFiltered;
    QTest::newRow("other network error")
        << QAbstractSocket::NetworkError << u"Something else"_s << ProbeStatus::TcpUnreachable;
    QTest::newRow("socket timeout") << QAbstractSocket::SocketTimeoutError << u"Socket operation timed out"_s
                                    << ProbeStatus::TcpFiltered;
    QTest::newRow("unexpected") << QAbstractSocket::SocketAccessError << u"Permission denied"_s
                                << ProbeStatus::InternalError;
}

void tst_DnsTcp::tcpClassification()
{
    QFETCH(QAbstractSocket::SocketError, error);
    QFETCH(QString, text);
    QFETCH(ProbeStatus, expected);
    QCOMPARE(TcpProbe::classifyConnectError(error, text), expected);
}

void tst_DnsTcp::sessionWithDnsAndTcpOnly_data()
{
    QTest::addColumn<QString>("host");
    QTest::newRow("IPv4 literal") << u"127.0.0.1"_s;
    QTest::newRow("localhost") << u"localhost"_s;
}

void tst_DnsTcp::sessionWithDnsAndTcpOnly()
{
    QFETCH(QString, host);

    QTcpServer server;
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    const quint16 open = server.serverPort();
    const quint16 closed = test::FreePort::pick();
    QVERIFY(closed != 0 && closed != open);

    const IngestUrl url = IngestUrl::parse(u"rtmp://%1:%2/live/sk-session-secret"_s.arg(host).arg(open));
    QVERIFY(url.isUsable());
    DiagnosticPlan::Options options;
    options.gridPorts = {closed};
    options.proxy.mode = ProxyMode::None;
    const DiagnosticPlan plan = DiagnosticPlan::fromIngestUrl(url, options);
    QCOMPARE(plan.host, host);
    QCOMPARE(plan.port, open);
    QCOMPARE(plan.application, u"live"_s);
    QCOMPARE(plan.streamKey, u"sk-session-secret"_s);

    DiagnosticSession session(ProbeFactoryRegistry::withDnsAndTcp());
    QSignalSpy finished(&session, &DiagnosticSession::finished);
    QVERIFY(session.start(plan));
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 20000);

    const QString o = QString::number(open);
    const QString c = QString::number(closed);
    const QStringList expectedIds{u"dns"_s,
                                  u"tcp:%1:ipv4"_s.arg(o),
                                  u"tcp:%1:ipv6"_s.arg(o),
                                  u"tcp:%1:ipv4"_s.arg(c),
                                  u"tcp:%1:ipv6"_s.arg(c),
                                  u"handshake:%1"_s.arg(o),
                                  u"handshake:%1"_s.arg(c),
                                  u"connect:%1"_s.arg(o)};
    QCOMPARE(session.probeIds(), expectedIds);

    QHash<QString, ProbeResult> results;
    for (const ProbeResult& result : session.results())
        results.insert(result.probeId, result);

    QCOMPARE(results.value(u"dns"_s).status, ProbeStatus::DnsResolved);
    QCOMPARE(results.value(u"tcp:%1:ipv4"_s.arg(o)).status, ProbeStatus::TcpOpen);
    QCOMPARE(results.value(u"tcp:%1:ipv4"_s.arg(o)).target.address, u"127.0.0.1"_s);
    QCOMPARE(results.value(u"tcp:%1:ipv4"_s.arg(c)).status, ProbeStatus::TcpRefused);

    const bool hostHasIpv6 =
        !results.value(u"dns"_s).facts.value(dnsfacts::ipv6Addresses).toStringList().isEmpty();
    for (const QString& port : {o, c}) {
        const ProbeResult ipv6 = results.value(u"tcp:%1:ipv6"_s.arg(port));
        if (hostHasIpv6) {
            // Nothing listens on [::1] for either port.
            QCOMPARE(ipv6.status, ProbeStatus::TcpRefused);
        } else {
            QCOMPARE(ipv6.status, ProbeStatus::Skipped);
            QCOMPARE(ipv6.facts.value(sessionfacts::skipReason).toString(),
                     u"the host has no IPv6 address"_s);
        }
    }

    const ProbeResult handshakeOpen = results.value(u"handshake:%1"_s.arg(o));
    QCOMPARE(handshakeOpen.status, ProbeStatus::Skipped);
    QCOMPARE(handshakeOpen.facts.value(sessionfacts::skipReason).toString(),
             u"not available in this build"_s);
    const ProbeResult handshakeClosed = results.value(u"handshake:%1"_s.arg(c));
    QCOMPARE(handshakeClosed.status, ProbeStatus::Skipped);
    QCOMPARE(handshakeClosed.facts.value(sessionfacts::skipReason).toString(), u"port %1 is closed"_s.arg(c));
    QCOMPARE(results.value(u"connect:%1"_s.arg(o)).facts.value(sessionfacts::skipReason).toString(),
             u"not available in this build"_s);

    // The server saw the grid's connection.
    QTRY_VERIFY(server.hasPendingConnections());
    // No result carries the stream key.
    for (const ProbeResult& result : session.results())
        QVERIFY(!result.target.streamKey.contains(u"secret"_s));
}

// Qt and GLib are not instrumented; see tsansuppressions.h.
RD_TSAN_QT_SUPPRESSIONS()

#if defined(__SANITIZE_THREAD__)
// iptables runs through QProcess, which forks this multi-threaded process;
// the child only sets itself up and execs.
extern "C" const char* __tsan_default_options()
{
    return "die_after_fork=0";
}
#endif

QTEST_GUILESS_MAIN(tst_DnsTcp)
#include "tst_dnstcp.moc"
