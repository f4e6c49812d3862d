// The plain-HTTP probes: ProxyProbe against a real tinyproxy (open, with an
// allow-list of CONNECT ports, with Basic authentication) and against things
// that are not proxies; LivenessProbe against nginx's HTTP port, nginx-rtmp's
// RTMP port and scripted peers; the shared HTTP helpers; and the factory
// registration of all network probes.

#include "engine/diagnosticplan.h"
#include "engine/probefactory.h"
#include "engine/workerpool.h"
#include "freeport.h"
#include "nginxrtmpfixture.h"
#include "probe/livenessprobe.h"
#include "probe/netprobes.h"
#include "probe/proxyprobe.h"
#include "proberunner.h"
#include "scriptedpeer.h"
#include "testtools.h"
#include "tinyproxyfixture.h"

#include <QElapsedTimer>
#include <QTest>

#include <memory>
#include <optional>

using namespace Qt::StringLiterals;
using namespace rd;
using rd::test::describe;
using rd::test::ProbeRunner;
using rd::test::ScriptedPeer;
using rd::test::shortTimeouts;

Q_DECLARE_METATYPE(rd::ProbeStatus)
Q_DECLARE_METATYPE(rd::ProxyMode)

namespace proxytest {
using ProxyList = QList<QNetworkProxy>;
} // namespace proxytest
Q_DECLARE_METATYPE(proxytest::ProxyList)
using proxytest::ProxyList;

namespace {

constexpr int kResultWaitMs = 20000;

ProbeTarget targetAt(quint16 port, const QString& host = u"127.0.0.1"_s)
{
    ProbeTarget target;
    target.host = host;
    target.address = u"127.0.0.1"_s;
    target.port = port;
    return target;
}

ProxySettings explicitProxy(quint16 port, const QString& user = {}, const QString& password = {})
{
    ProxySettings settings;
    settings.mode = ProxyMode::Explicit;
    settings.explicitProxy = QNetworkProxy(QNetworkProxy::HttpProxy, u"127.0.0.1"_s, port, user, password);
    return settings;
}

SystemProxyLookup fixedLookup(const ProxyList& tcpAnswer, const ProxyList& httpAnswer)
{
    return [tcpAnswer, httpAnswer](const QNetworkProxyQuery& query) {
        return query.queryType() == QNetworkProxyQuery::TcpSocket ? tcpAnswer : httpAnswer;
    };
}

// Sets environment variables for one scope and puts the old values back.
class ScopedEnvironment
{
public:
    void set(const char* name, const QByteArray& value)
    {
        m_saved.append({name, qEnvironmentVariableIsSet(name), qgetenv(name)});
        if (value.isNull())
            qunsetenv(name);
        else
            qputenv(name, value);
    }
    ~ScopedEnvironment()
    {
        for (auto it = m_saved.crbegin(); it != m_saved.crend(); ++it) {
            if (it->wasSet)
                qputenv(it->name, it->value);
            else
                qunsetenv(it->name);
        }
    }

private:
    struct Saved
    {
        const char* name;
        bool wasSet;
        QByteArray value;
    };
    QList<Saved> m_saved;
};

} // namespace

class TestProxyProbe : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();

    // Helpers
    void parseHttpHead_data();
    void parseHttpHead();
    void redactAuthorization();
    void httpAuthority_data();
    void httpAuthority();
    void registration();

    // Proxy
    void statusForConnectReply_data();
    void statusForConnectReply();
    void chooseProxy_data();
    void chooseProxy();
    void notConfigured();
    void openProxy();
    void authentication_data();
    void authentication();
    void connectPortNotAllowed();
    void unreachableTargetBehindProxy();
    void closedPortAsProxy();
    void notAProxy_data();
    void notAProxy();
    void systemProxyFromEnvironment();

    // Liveness
    void livenessNginxHttp();
    void livenessNginxRtmp();
    void livenessScriptedPeers_data();
    void livenessScriptedPeers();
    void livenessClosedPort();

private:
    std::unique_ptr<rd::test::NginxRtmpFixture> m_nginx;
};

void TestProxyProbe::initTestCase()
{
    m_nginx = std::make_unique<rd::test::NginxRtmpFixture>();
    RD_START_FIXTURE(*m_nginx);
}

void TestProxyProbe::parseHttpHead_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<int>("status");
    QTest::addColumn<int>("code");
    QTest::addColumn<QByteArray>("server");

    using S = netprobe::HttpHeadStatus;
    QTest::newRow("complete") << "HTTP/1.1 200 OK\r\nServer: nginx\r\n\r\nbody"_ba << int(S::Complete) << 200
                              << "nginx"_ba;
    QTest::newRow("bare line feeds") << "HTTP/1.0 403 Access violation\nServer: tinyproxy/1.11.1\n\n"_ba
                                     << int(S::Complete) << 403 << "tinyproxy/1.11.1"_ba;
    QTest::newRow("no reason phrase") << "HTTP/1.1 204\r\n\r\n"_ba << int(S::Complete) << 204 << QByteArray();
    QTest::newRow("status line only so far")
        << "HTTP/1.1 407 Proxy Auth\r\nServer: x"_ba << int(S::NeedMore) << 407 << QByteArray();
    QTest::newRow("prefix only") << "HTT"_ba << int(S::NeedMore) << 0 << QByteArray();
    QTest::newRow("RTMP bytes") << "\x03\x00\x00\x00"_ba << int(S::NotHttp) << 0 << QByteArray();
    QTest::newRow("SSH banner") << "SSH-2.0-OpenSSH_9.2\r\n"_ba << int(S::NotHttp) << 0 << QByteArray();
    QTest::newRow("bad status code") << "HTTP/1.1 2x0 OK\r\n\r\n"_ba << int(S::NotHttp) << 0 << QByteArray();
    QTest::newRow("too large") << "HTTP/1.1 200 OK\r\nX: "_ba + QByteArray(20000, 'a') << int(S::TooLarge)
                               << 200 << QByteArray();
}

void TestProxyProbe::parseHttpHead()
{
    QFETCH(QByteArray, bytes);
    QFETCH(int, status);
    QFETCH(int, code);
    QFETCH(QByteArray, server);

    netprobe::HttpHead head;
    QCOMPARE(int(netprobe::parseHttpHead(bytes, head)), status);
    QCOMPARE(head.statusCode, code);
    QCOMPARE(head.header("server"), server);
    if (status == int(netprobe::HttpHeadStatus::Complete))
        QCOMPARE(bytes.mid(head.headEnd), bytes.endsWith("body") ? "body"_ba : QByteArray());
}

void TestProxyProbe::redactAuthorization()
{
    const QByteArray request =
        "CONNECT a:1 HTTP/1.1\r\nHost: a:1\r\nProxy-Authorization: Basic dXNlcjpwYXNz\r\n"
        "authorization: Bearer abc.def\r\n\r\n";
    const QByteArray redacted = netprobe::redactAuthorization(request);
    QCOMPARE(redacted, "CONNECT a:1 HTTP/1.1\r\nHost: a:1\r\nProxy-Authorization: <redacted>\r\n"
                       "authorization: <redacted>\r\n\r\n"_ba);
}

void TestProxyProbe::httpAuthority_data()
{
    QTest::addColumn<QString>("host");
    QTest::addColumn<int>("port");
    QTest::addColumn<QByteArray>("authority");

    QTest::newRow("name") << u"live.example.com"_s << 1935 << "live.example.com:1935"_ba;
    QTest::newRow("ipv4") << u"10.1.2.3"_s << 80 << "10.1.2.3:80"_ba;
    QTest::newRow("ipv6") << u"2001:db8::1"_s << 443 << "[2001:db8::1]:443"_ba;
    QTest::newRow("unicode name") << u"bücher.example"_s << 1935 << "xn--bcher-kva.example:1935"_ba;
    QTest::newRow("line break refused") << u"a.example\r\nX: y"_s << 1935 << QByteArray();
    QTest::newRow("user info refused") << u"user@host"_s << 1935 << QByteArray();
    QTest::newRow("empty") << QString() << 1935 << QByteArray();
}

void TestProxyProbe::httpAuthority()
{
    QFETCH(QString, host);
    QFETCH(int, port);
    QFETCH(QByteArray, authority);
    QCOMPARE(netprobe::httpAuthority(host, quint16(port)), authority);
}

void TestProxyProbe::registration()
{
    ProbeFactoryRegistry registry;
    registerNetworkProbes(registry);
    const QList<std::pair<ProbeKind, ProbeKind>> kinds = {{ProbeKind::Tls, ProbeKind::Tls},
                                                          {ProbeKind::Rtmpt, ProbeKind::Rtmpt},
                                                          {ProbeKind::Proxy, ProbeKind::Proxy},
                                                          {ProbeKind::Liveness, ProbeKind::Liveness}};
    DiagnosticPlan plan;
    plan.proxy = explicitProxy(3128);
    for (const auto& [kind, expected] : kinds) {
        QVERIFY2(registry.contains(kind), qPrintable(probeKindId(kind)));
        std::unique_ptr<Probe> probe(registry.factory(kind)(u"id"_s, targetAt(1935), ProbeTimeouts{}, plan));
        QVERIFY(probe);
        QCOMPARE(probe->kind(), expected);
        QCOMPARE(probe->probeId(), u"id"_s);
        QVERIFY(probe->parent() == nullptr);
    }
    QVERIFY(!registry.contains(ProbeKind::FlashSequence));
}

void TestProxyProbe::statusForConnectReply_data()
{
    QTest::addColumn<int>("code");
    QTest::addColumn<ProbeStatus>("status");

    QTest::newRow("200") << 200 << ProbeStatus::ProxyOk;
    QTest::newRow("403") << 403 << ProbeStatus::ProxyForbidden;
    QTest::newRow("405") << 405 << ProbeStatus::ProxyForbidden;
    QTest::newRow("407") << 407 << ProbeStatus::ProxyAuthRequired;
    QTest::newRow("401") << 401 << ProbeStatus::ProxyAuthRequired;
    QTest::newRow("500") << 500 << ProbeStatus::ProxyRefusedTarget;
    QTest::newRow("502") << 502 << ProbeStatus::ProxyRefusedTarget;
    QTest::newRow("503") << 503 << ProbeStatus::ProxyRefusedTarget;
    QTest::newRow("504") << 504 << ProbeStatus::ProxyRefusedTarget;
}

void TestProxyProbe::statusForConnectReply()
{
    QFETCH(int, code);
    QFETCH(ProbeStatus, status);
    QCOMPARE(probeStatusId(ProxyProbe::statusForConnectReply(code)), probeStatusId(status));
}

void TestProxyProbe::chooseProxy_data()
{
    QTest::addColumn<ProxyMode>("mode");
    QTest::addColumn<ProxyList>("tcpAnswer");
    QTest::addColumn<ProxyList>("httpAnswer");
    QTest::addColumn<QString>("chosen"); // describeProxy(), "" for none
    QTest::addColumn<QString>("foundBy");

    const QNetworkProxy direct(QNetworkProxy::NoProxy);
    const QNetworkProxy http(QNetworkProxy::HttpProxy, u"proxy.corp"_s, 3128);
    const QNetworkProxy other(QNetworkProxy::HttpProxy, u"web.corp"_s, 8080);
    const QNetworkProxy socks(QNetworkProxy::Socks5Proxy, u"socks.corp"_s, 1080);

    QTest::newRow("none") << ProxyMode::None << ProxyList{http} << ProxyList{http} << QString() << QString();
    QTest::newRow("system direct") << ProxyMode::System << ProxyList{direct} << ProxyList{direct} << QString()
                                   << QString();
    QTest::newRow("system empty") << ProxyMode::System << ProxyList{} << ProxyList{} << QString()
                                  << QString();
    QTest::newRow("system tcp first") << ProxyMode::System << ProxyList{http, direct} << ProxyList{other}
                                      << u"http proxy.corp:3128"_s << u"tcp-query"_s;
    QTest::newRow("system http only") << ProxyMode::System << ProxyList{direct} << ProxyList{other, direct}
                                      << u"http web.corp:8080"_s << u"http-query"_s;
    QTest::newRow("system socks") << ProxyMode::System << ProxyList{socks} << ProxyList{direct}
                                  << u"socks5 socks.corp:1080"_s << u"tcp-query"_s;
    QTest::newRow("system skips ftp")
        << ProxyMode::System << ProxyList{QNetworkProxy(QNetworkProxy::FtpCachingProxy, u"f"_s, 21)}
        << ProxyList{direct} << QString() << QString();
}

void TestProxyProbe::chooseProxy()
{
    QFETCH(ProxyMode, mode);
    QFETCH(ProxyList, tcpAnswer);
    QFETCH(ProxyList, httpAnswer);
    QFETCH(QString, chosen);
    QFETCH(QString, foundBy);

    ProxySettings settings;
    settings.mode = mode;
    ProxyChoice described;
    const auto choice =
        rd::chooseProxy(settings, u"media.example"_s, 1935, fixedLookup(tcpAnswer, httpAnswer), &described);
    QCOMPARE(choice.has_value(), !chosen.isEmpty());
    if (choice) {
        QCOMPARE(describeProxy(choice->proxy), chosen);
        QCOMPARE(choice->foundBy, foundBy);
        QCOMPARE(choice->source, ProxySource::System);
    }
    if (mode == ProxyMode::System)
        QVERIFY(!described.systemTcpAnswer.isEmpty());
}

void TestProxyProbe::notConfigured()
{
    ProbeRunner runner;
    const ProbeTarget target = targetAt(m_nginx->rtmpPort(), u"media.example"_s);
    const ProbeTimeouts timeouts = shortTimeouts();
    const SystemProxyLookup lookup = fixedLookup({QNetworkProxy(QNetworkProxy::NoProxy)}, {});
    runner.start([=] { return new ProxyProbe(u"proxy"_s, target, timeouts, ProxySettings{}, lookup); });
    QTRY_VERIFY_WITH_TIMEOUT(runner.result.has_value(), kResultWaitMs);
    const ProbeResult& result = *runner.result;
    QVERIFY2(result.status == ProbeStatus::ProxyNotConfigured, qPrintable(describe(result)));
    QCOMPARE(result.facts.value(proxyfacts::source).toString(), u"system"_s);
    QCOMPARE(result.facts.value(proxyfacts::systemTcpQuery).toString(), u"direct"_s);
    QCOMPARE(result.facts.value(proxyfacts::systemHttpQuery).toString(), u"none"_s);
    QVERIFY(!result.facts.contains(proxyfacts::proxy));
}

void TestProxyProbe::openProxy()
{
    rd::test::TinyproxyFixture proxy(rd::test::TinyproxyFixture::open());
    RD_START_FIXTURE(proxy);

    ProbeRunner runner;
    const ProbeTarget target = targetAt(m_nginx->rtmpPort());
    const ProbeTimeouts timeouts = shortTimeouts();
    const ProxySettings settings = explicitProxy(proxy.port());
    runner.start([=] { return new ProxyProbe(u"proxy"_s, target, timeouts, settings); });
    QTRY_VERIFY_WITH_TIMEOUT(runner.result.has_value(), kResultWaitMs);
    const ProbeResult& result = *runner.result;

    QVERIFY2(result.status == ProbeStatus::ProxyOk, qPrintable(describe(result) + proxy.logTail()));
    QCOMPARE(result.facts.value(proxyfacts::statusLine).toString(), u"HTTP/1.0 200 Connection established"_s);
    QCOMPARE(result.facts.value(proxyfacts::statusCode).toInt(), 200);
    QCOMPARE(result.facts.value(proxyfacts::source).toString(), u"explicit"_s);
    QCOMPARE(result.facts.value(proxyfacts::foundBy).toString(), u"explicit"_s);
    QCOMPARE(result.facts.value(proxyfacts::proxy).toString(), u"127.0.0.1:%1"_s.arg(proxy.port()));
    QCOMPARE(result.facts.value(proxyfacts::proxyHost).toString(), u"127.0.0.1"_s);
    QCOMPARE(result.facts.value(proxyfacts::proxyPort).toInt(), int(proxy.port()));
    QCOMPARE(result.facts.value(proxyfacts::proxyType).toString(), u"http"_s);
    QCOMPARE(result.facts.value(proxyfacts::connectTarget).toString(),
             u"127.0.0.1:%1"_s.arg(m_nginx->rtmpPort()));
    QCOMPARE(result.facts.value(proxyfacts::credentialsSent).toBool(), false);
    QVERIFY(!result.facts.contains(proxyfacts::systemTcpQuery)); // the system was not asked
}

void TestProxyProbe::authentication_data()
{
    QTest::addColumn<QString>("user");
    QTest::addColumn<QString>("password");
    QTest::addColumn<ProbeStatus>("status");
    QTest::addColumn<int>("code");

    QTest::newRow("no credentials") << QString() << QString() << ProbeStatus::ProxyAuthRequired << 407;
    QTest::newRow("right credentials") << u"encoder"_s << u"S3cretProxyPass"_s << ProbeStatus::ProxyOk << 200;
    // tinyproxy answers wrong credentials with 401, not 407.
    QTest::newRow("wrong password") << u"encoder"_s << u"WrongPassw0rd"_s << ProbeStatus::ProxyAuthRequired
                                    << 401;
}

void TestProxyProbe::authentication()
{
    QFETCH(QString, user);
    QFETCH(QString, password);
    QFETCH(ProbeStatus, status);
    QFETCH(int, code);

    rd::test::TinyproxyFixture proxy(
        rd::test::TinyproxyFixture::basicAuth(u"encoder"_s, u"S3cretProxyPass"_s));
    RD_START_FIXTURE(proxy);

    ProbeRunner runner;
    const ProbeTarget target = targetAt(m_nginx->rtmpPort());
    const ProbeTimeouts timeouts = shortTimeouts();
    const ProxySettings settings = explicitProxy(proxy.port(), user, password);
    runner.start([=] { return new ProxyProbe(u"proxy"_s, target, timeouts, settings); });
    QTRY_VERIFY_WITH_TIMEOUT(runner.result.has_value(), kResultWaitMs);
    const ProbeResult& result = *runner.result;

    QVERIFY2(result.status == status, qPrintable(describe(result) + proxy.logTail()));
    QCOMPARE(result.facts.value(proxyfacts::statusCode).toInt(), code);
    QCOMPARE(result.facts.value(proxyfacts::credentialsSent).toBool(), !user.isEmpty());
    if (!password.isEmpty()) {
        // No character run of the secret, nor its Basic encoding, in anything shown.
        const QString text = describe(result);
        const QByteArray encoded = (user + u':' + password).toUtf8().toBase64();
        QVERIFY2(!text.contains(password), qPrintable(text));
        QVERIFY2(!text.contains(QString::fromLatin1(encoded)), qPrintable(text));
        for (const TranscriptEntry& entry : result.transcript) {
            QVERIFY(!entry.bytes.contains(encoded));
            QVERIFY(!entry.bytes.contains(encoded.left(8)));
        }
        QVERIFY(text.contains(u"Proxy-Authorization: <redacted>"_s));
    }
}

void TestProxyProbe::connectPortNotAllowed()
{
    rd::test::TinyproxyFixture proxy(rd::test::TinyproxyFixture::connectOnlySomePorts({443}));
    RD_START_FIXTURE(proxy);

    ProbeRunner runner;
    const ProbeTarget target = targetAt(m_nginx->rtmpPort());
    const ProbeTimeouts timeouts = shortTimeouts();
    const ProxySettings settings = explicitProxy(proxy.port());
    runner.start([=] { return new ProxyProbe(u"proxy"_s, target, timeouts, settings); });
    QTRY_VERIFY_WITH_TIMEOUT(runner.result.has_value(), kResultWaitMs);
    QVERIFY2(runner.result->status == ProbeStatus::ProxyForbidden, qPrintable(describe(*runner.result)));
    QCOMPARE(runner.result->facts.value(proxyfacts::statusCode).toInt(), 403);
}

void TestProxyProbe::unreachableTargetBehindProxy()
{
    rd::test::TinyproxyFixture proxy(rd::test::TinyproxyFixture::open());
    RD_START_FIXTURE(proxy);
    const quint16 closedPort = rd::test::FreePort::pick();
    QVERIFY(closedPort != 0);

    ProbeRunner runner;
    const ProbeTarget target = targetAt(closedPort);
    const ProbeTimeouts timeouts = shortTimeouts();
    const ProxySettings settings = explicitProxy(proxy.port());
    runner.start([=] { return new ProxyProbe(u"proxy"_s, target, timeouts, settings); });
    QTRY_VERIFY_WITH_TIMEOUT(runner.result.has_value(), kResultWaitMs);
    QVERIFY2(runner.result->status == ProbeStatus::ProxyRefusedTarget, qPrintable(describe(*runner.result)));
    QVERIFY(runner.result->facts.value(proxyfacts::statusCode).toInt() >= 500);
}

void TestProxyProbe::closedPortAsProxy()
{
    const quint16 closedPort = rd::test::FreePort::pick();
    QVERIFY(closedPort != 0);
    ProbeRunner runner;
    const ProbeTarget target = targetAt(m_nginx->rtmpPort());
    const ProbeTimeouts timeouts = shortTimeouts();
    const ProxySettings settings = explicitProxy(closedPort);
    runner.start([=] { return new ProxyProbe(u"proxy"_s, target, timeouts, settings); });
    QTRY_VERIFY_WITH_TIMEOUT(runner.result.has_value(), kResultWaitMs);
    QVERIFY2(runner.result->status == ProbeStatus::ProxyUnreachable, qPrintable(describe(*runner.result)));
    QCOMPARE(runner.result->facts.value(proxyfacts::socketError).toString(), u"ConnectionRefusedError"_s);
    QVERIFY(runner.finishedAtMs < 2000);
}

void TestProxyProbe::notAProxy_data()
{
    QTest::addColumn<int>("behaviour"); // -1: nginx-rtmp's RTMP port
    QTest::addColumn<int>("minMs");

    QTest::newRow("an RTMP server waits") << -1 << 900;
    QTest::newRow("garbage") << int(ScriptedPeer::Behaviour::Garbage) << 0;
    QTest::newRow("closes at once") << int(ScriptedPeer::Behaviour::AcceptThenClose) << 0;
}

void TestProxyProbe::notAProxy()
{
    QFETCH(int, behaviour);
    QFETCH(int, minMs);

    std::unique_ptr<ScriptedPeer> peer;
    quint16 port = m_nginx->rtmpPort();
    if (behaviour >= 0) {
        peer = std::make_unique<ScriptedPeer>(ScriptedPeer::Behaviour(behaviour));
        QVERIFY2(peer->isListening(), qPrintable(peer->errorString()));
        port = peer->port();
    }
    ProbeRunner runner;
    const ProbeTarget target = targetAt(443, u"media.example"_s);
    const ProbeTimeouts timeouts = shortTimeouts(1000);
    const ProxySettings settings = explicitProxy(port);
    runner.start([=] { return new ProxyProbe(u"proxy"_s, target, timeouts, settings); });
    QTRY_VERIFY_WITH_TIMEOUT(runner.result.has_value(), kResultWaitMs);
    QVERIFY2(runner.result->status == ProbeStatus::ProxyUnreachable, qPrintable(describe(*runner.result)));
    QVERIFY2(runner.finishedAtMs >= minMs && runner.finishedAtMs < 2500,
             qPrintable(QString::number(runner.finishedAtMs)));
    QVERIFY(!runner.result->facts.contains(proxyfacts::statusLine));
}

void TestProxyProbe::systemProxyFromEnvironment()
{
    // On Linux the system's proxy settings are the *_proxy variables (read
    // through libproxy), including credentials in the URL.
    rd::test::TinyproxyFixture proxy(rd::test::TinyproxyFixture::basicAuth(u"encoder"_s, u"EnvPr0xyPass"_s));
    RD_START_FIXTURE(proxy);

    ScopedEnvironment environment;
    for (const char* name : {"no_proxy", "NO_PROXY", "all_proxy", "ALL_PROXY", "https_proxy", "HTTPS_PROXY"})
        environment.set(name, QByteArray());
    environment.set("http_proxy",
                    "http://encoder:EnvPr0xyPass@127.0.0.1:" + QByteArray::number(proxy.port()));

    ProbeRunner runner;
    const ProbeTarget target = targetAt(m_nginx->rtmpPort());
    const ProbeTimeouts timeouts = shortTimeouts();
    runner.start([=] { return new ProxyProbe(u"proxy"_s, target, timeouts, ProxySettings{}); });
    QTRY_VERIFY_WITH_TIMEOUT(runner.result.has_value(), kResultWaitMs);
    const ProbeResult& result = *runner.result;

    if (result.status == ProbeStatus::ProxyNotConfigured)
        QSKIP("this Qt build does not read http_proxy for system proxy queries");
    QVERIFY2(result.status == ProbeStatus::ProxyOk, qPrintable(describe(result)));
    QCOMPARE(result.facts.value(proxyfacts::source).toString(), u"system"_s);
    QCOMPARE(result.facts.value(proxyfacts::proxyPort).toInt(), int(proxy.port()));
    QCOMPARE(result.facts.value(proxyfacts::credentialsSent).toBool(), true);
    const QString text = describe(result);
    QVERIFY2(!text.contains(u"EnvPr0xyPass"_s), qPrintable(text));
    QVERIFY2(
        result.facts.value(proxyfacts::systemTcpQuery).toString().contains(QString::number(proxy.port())),
        qPrintable(text));
}

void TestProxyProbe::livenessNginxHttp()
{
    ProbeRunner runner;
    const ProbeTarget target = targetAt(m_nginx->httpPort());
    const ProbeTimeouts timeouts = shortTimeouts();
    runner.start([=] { return new LivenessProbe(u"liveness"_s, target, timeouts); });
    QTRY_VERIFY_WITH_TIMEOUT(runner.result.has_value(), kResultWaitMs);
    const ProbeResult& result = *runner.result;

    QVERIFY2(result.status == ProbeStatus::LivenessHttpAnswered, qPrintable(describe(result)));
    QCOMPARE(result.kind, ProbeKind::Liveness);
    QCOMPARE(result.facts.value(livenessfacts::statusLine).toString(), u"HTTP/1.1 200 OK"_s);
    QCOMPARE(result.facts.value(livenessfacts::statusCode).toInt(), 200);
    QVERIFY2(result.facts.value(livenessfacts::server).toString().startsWith(u"nginx"_s),
             qPrintable(describe(result)));
    QCOMPARE(result.facts.value(livenessfacts::outcome).toString(), u"http"_s);
    QCOMPARE(result.facts.value(livenessfacts::address).toString(), u"127.0.0.1"_s);
}

void TestProxyProbe::livenessNginxRtmp()
{
    const int readMs = 1000;
    ProbeRunner runner;
    const ProbeTarget target = targetAt(m_nginx->rtmpPort());
    const ProbeTimeouts timeouts = shortTimeouts(readMs);
    runner.start([=] { return new LivenessProbe(u"liveness"_s, target, timeouts); });
    QTRY_VERIFY_WITH_TIMEOUT(runner.result.has_value(), kResultWaitMs);
    QVERIFY2(runner.result->status == ProbeStatus::LivenessNoHttp, qPrintable(describe(*runner.result)));
    QCOMPARE(runner.result->facts.value(livenessfacts::outcome).toString(), u"timeout"_s);
    QVERIFY2(runner.finishedAtMs >= readMs * 9 / 10 && runner.finishedAtMs < readMs + 1500,
             qPrintable(QString::number(runner.finishedAtMs)));
}

void TestProxyProbe::livenessScriptedPeers_data()
{
    QTest::addColumn<int>("behaviour");
    QTest::addColumn<ProbeStatus>("status");
    QTest::addColumn<QString>("outcome");

    using B = ScriptedPeer::Behaviour;
    QTest::newRow("HTTP 400 is still a web server")
        << int(B::AnswerHttp400) << ProbeStatus::LivenessHttpAnswered << u"http"_s;
    QTest::newRow("garbage") << int(B::Garbage) << ProbeStatus::LivenessNoHttp << u"not-http"_s;
    QTest::newRow("TLS alert") << int(B::AnswerTlsAlert) << ProbeStatus::LivenessNoHttp << u"not-http"_s;
    QTest::newRow("close") << int(B::AcceptThenClose) << ProbeStatus::LivenessNoHttp << u"closed"_s;
    QTest::newRow("reset") << int(B::AcceptThenReset) << ProbeStatus::LivenessNoHttp << u"closed"_s;
    QTest::newRow("silent") << int(B::Silent) << ProbeStatus::LivenessNoHttp << u"timeout"_s;
}

void TestProxyProbe::livenessScriptedPeers()
{
    QFETCH(int, behaviour);
    QFETCH(ProbeStatus, status);
    QFETCH(QString, outcome);

    ScriptedPeer peer{ScriptedPeer::Behaviour(behaviour)};
    QVERIFY2(peer.isListening(), qPrintable(peer.errorString()));
    ProbeRunner runner;
    const ProbeTarget target = targetAt(peer.port());
    const ProbeTimeouts timeouts = shortTimeouts(800);
    runner.start([=] { return new LivenessProbe(u"liveness"_s, target, timeouts); });
    QTRY_VERIFY_WITH_TIMEOUT(runner.result.has_value(), kResultWaitMs);
    QVERIFY2(runner.result->status == status, qPrintable(describe(*runner.result)));
    QCOMPARE(runner.result->facts.value(livenessfacts::outcome).toString(), outcome);
    if (status == ProbeStatus::LivenessHttpAnswered)
        QCOMPARE(runner.result->facts.value(livenessfacts::statusCode).toInt(), 400);
}

void TestProxyProbe::livenessClosedPort()
{
    const quint16 closedPort = rd::test::FreePort::pick();
    QVERIFY(closedPort != 0);
    ProbeRunner runner;
    const ProbeTarget target = targetAt(closedPort);
    const ProbeTimeouts timeouts = shortTimeouts();
    runner.start([=] { return new LivenessProbe(u"liveness"_s, target, timeouts); });
    QTRY_VERIFY_WITH_TIMEOUT(runner.result.has_value(), kResultWaitMs);
    QVERIFY2(runner.result->status == ProbeStatus::LivenessNoHttp, qPrintable(describe(*runner.result)));
    QCOMPARE(runner.result->facts.value(livenessfacts::outcome).toString(), u"connect-failed"_s);
    QCOMPARE(runner.result->facts.value(livenessfacts::socketError).toString(), u"ConnectionRefusedError"_s);
}

QTEST_GUILESS_MAIN(TestProxyProbe)
#include "tst_proxyprobe.moc"
