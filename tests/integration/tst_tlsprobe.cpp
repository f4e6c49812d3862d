// TlsProbe (RTMPS) against real servers: stunnel with each kind of test
// certificate in front of a real nginx-rtmp, nginx-rtmp's plain RTMP port,
// nginx's plain HTTP port, and scripted peers that stay silent or answer
// with a TLS alert. Probes run the way the product runs them (WorkerPool).

#include "engine/diagnosticplan.h"
#include "engine/diagnosticsession.h"
#include "engine/probefactory.h"
#include "engine/workerpool.h"
#include "nginxrtmpfixture.h"
#include "probe/netprobes.h"
#include "probe/rtmpconversation.h"
#include "probe/tlsprobe.h"
#include "proberunner.h"
#include "scriptedpeer.h"
#include "stunnelfixture.h"
#include "testtools.h"
#include "url/ingesturl.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QSslSocket>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

#include <memory>
#include <optional>

using namespace Qt::StringLiterals;
using namespace rd;
using rd::test::CertificateKind;
using rd::test::describe;
using rd::test::ProbeRunner;
using rd::test::ScriptedPeer;
using rd::test::shortTimeouts;

Q_DECLARE_METATYPE(rd::ProbeStatus)
Q_DECLARE_METATYPE(rd::test::CertificateKind)

namespace {

constexpr int kResultWaitMs = 20000;

ProbeTarget tlsTarget(quint16 port, const QString& application = u"live"_s)
{
    ProbeTarget target;
    target.host = u"localhost"_s;
    target.address = u"127.0.0.1"_s;
    target.port = port;
    target.transport = Transport::Tls;
    target.application = application;
    target.tcUrl = u"rtmps://localhost:%1/%2"_s.arg(port).arg(application);
    return target;
}

QList<QSslCertificate> testAuthority(const rd::test::StunnelFixture& stunnel)
{
    return QSslCertificate::fromPath(stunnel.caCertificatePath(), QSsl::Pem);
}

// From a step (by name) to the end of the probe: the time a timeout waited,
// without the set-up before it (slow under sanitizers).
qint64 waitedAfter(const ProbeResult& result, const QString& stepName)
{
    for (const ProbeStep& step : result.steps) {
        if (step.name == stepName)
            return result.elapsedMs - step.atMs;
    }
    return -1;
}

// Everything of a result a person could read.
QString allText(const ProbeResult& result)
{
    QString text = result.message;
    for (const ProbeStep& step : result.steps)
        text += step.name + step.detail;
    for (const TranscriptEntry& entry : result.transcript)
        text += entry.summary + QString::fromLatin1(entry.bytes);
    text += QString::fromUtf8(QVariant(result.facts).toJsonDocument().toJson());
    return text;
}

} // namespace

class TestTlsProbe : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();

    void statusForEachSslError_data();
    void statusForEachSslError();
    void mostFundamentalErrorWins_data();
    void mostFundamentalErrorWins();

    void certificateVariants_data();
    void certificateVariants();
    void goodCertificateCarriesRtmpConnect();
    void tls12OnlyServer();
    void untrustedCertificateNeverGetsConnect();
    void tokenInApplicationNeverShown();
    void serverNameIndicationIsTheHost();

    void clientHelloToPlainRtmpPort();
    void clientHelloToHttpPort();
    void tlsAlertAnswer();
    void silentPeerEndsAtReadTimeout();
    void cancelDuringHandshake();
    void refusedPort();
    void inADiagnosticSession();

private:
    std::unique_ptr<rd::test::NginxRtmpFixture> m_nginx;
};

void TestTlsProbe::initTestCase()
{
    QVERIFY2(QSslSocket::supportsSsl(), "Qt has no TLS backend here");
    m_nginx = std::make_unique<rd::test::NginxRtmpFixture>();
    RD_START_FIXTURE(*m_nginx);
}

void TestTlsProbe::statusForEachSslError_data()
{
    QTest::addColumn<QSslError::SslError>("error");
    QTest::addColumn<ProbeStatus>("status");

    QTest::newRow("expired") << QSslError::CertificateExpired << ProbeStatus::TlsCertificateExpired;
    QTest::newRow("not yet valid") << QSslError::CertificateNotYetValid
                                   << ProbeStatus::TlsCertificateNotYetValid;
    QTest::newRow("host name") << QSslError::HostNameMismatch << ProbeStatus::TlsHostNameMismatch;
    QTest::newRow("self-signed") << QSslError::SelfSignedCertificate << ProbeStatus::TlsSelfSigned;
    QTest::newRow("self-signed in chain")
        << QSslError::SelfSignedCertificateInChain << ProbeStatus::TlsSelfSigned;
    QTest::newRow("local issuer") << QSslError::UnableToGetLocalIssuerCertificate
                                  << ProbeStatus::TlsUnknownIssuer;
    QTest::newRow("first certificate")
        << QSslError::UnableToVerifyFirstCertificate << ProbeStatus::TlsUnknownIssuer;
    QTest::newRow("issuer") << QSslError::UnableToGetIssuerCertificate << ProbeStatus::TlsUnknownIssuer;
    QTest::newRow("revoked") << QSslError::CertificateRevoked << ProbeStatus::TlsRevoked;
    QTest::newRow("signature") << QSslError::CertificateSignatureFailed
                               << ProbeStatus::TlsOtherCertificateError;
    QTest::newRow("purpose") << QSslError::InvalidPurpose << ProbeStatus::TlsOtherCertificateError;
    QTest::newRow("blacklisted") << QSslError::CertificateBlacklisted
                                 << ProbeStatus::TlsOtherCertificateError;
    QTest::newRow("no error") << QSslError::NoError << ProbeStatus::TlsOk;
}

void TestTlsProbe::statusForEachSslError()
{
    QFETCH(QSslError::SslError, error);
    QFETCH(ProbeStatus, status);
    QCOMPARE(probeStatusId(TlsProbe::statusForSslError(error)), probeStatusId(status));
}

void TestTlsProbe::mostFundamentalErrorWins_data()
{
    QTest::addColumn<QList<QSslError::SslError>>("errors");
    QTest::addColumn<ProbeStatus>("status");

    using E = QSslError;
    QTest::newRow("none") << QList<E::SslError>{} << ProbeStatus::TlsOk;
    QTest::newRow("name, then expired") << QList<E::SslError>{E::HostNameMismatch, E::CertificateExpired}
                                        << ProbeStatus::TlsCertificateExpired;
    QTest::newRow("expired, then self-signed")
        << QList<E::SslError>{E::CertificateExpired, E::SelfSignedCertificate} << ProbeStatus::TlsSelfSigned;
    QTest::newRow("unknown issuer pair")
        << QList<E::SslError>{E::UnableToGetLocalIssuerCertificate, E::UnableToVerifyFirstCertificate}
        << ProbeStatus::TlsUnknownIssuer;
    QTest::newRow("issuer beats name")
        << QList<E::SslError>{E::HostNameMismatch, E::UnableToGetIssuerCertificate}
        << ProbeStatus::TlsUnknownIssuer;
    QTest::newRow("revoked beats everything")
        << QList<E::SslError>{E::SelfSignedCertificate, E::CertificateRevoked} << ProbeStatus::TlsRevoked;
    QTest::newRow("not yet valid beats name")
        << QList<E::SslError>{E::HostNameMismatch, E::CertificateNotYetValid}
        << ProbeStatus::TlsCertificateNotYetValid;
    QTest::newRow("other only") << QList<E::SslError>{E::InvalidPurpose}
                                << ProbeStatus::TlsOtherCertificateError;
    QTest::newRow("name beats other")
        << QList<E::SslError>{E::InvalidPurpose, E::HostNameMismatch} << ProbeStatus::TlsHostNameMismatch;
}

void TestTlsProbe::mostFundamentalErrorWins()
{
    QFETCH(QList<QSslError::SslError>, errors);
    QFETCH(ProbeStatus, status);
    QList<QSslError> list;
    for (QSslError::SslError error : errors)
        list << QSslError(error);
    QCOMPARE(probeStatusId(TlsProbe::certificateStatus(list)), probeStatusId(status));
}

void TestTlsProbe::certificateVariants_data()
{
    QTest::addColumn<CertificateKind>("kind");
    QTest::addColumn<bool>("trustTestAuthority");
    QTest::addColumn<ProbeStatus>("status");
    QTest::addColumn<QString>("leafSubject");

    QTest::newRow("good, test CA trusted")
        << CertificateKind::Good << true << ProbeStatus::TlsOk << u"localhost"_s;
    QTest::newRow("expired") << CertificateKind::Expired << true << ProbeStatus::TlsCertificateExpired
                             << u"localhost"_s;
    QTest::newRow("wrong host") << CertificateKind::WrongHost << true << ProbeStatus::TlsHostNameMismatch
                                << u"wrong.example"_s;
    QTest::newRow("self-signed") << CertificateKind::SelfSigned << true << ProbeStatus::TlsSelfSigned
                                 << u"localhost"_s;
    QTest::newRow("good, test CA not trusted")
        << CertificateKind::Good << false << ProbeStatus::TlsUnknownIssuer << u"localhost"_s;
}

void TestTlsProbe::certificateVariants()
{
    QFETCH(CertificateKind, kind);
    QFETCH(bool, trustTestAuthority);
    QFETCH(ProbeStatus, status);
    QFETCH(QString, leafSubject);

    rd::test::StunnelFixture stunnel(m_nginx->rtmpPort(), kind);
    RD_START_FIXTURE(stunnel);

    TlsProbe::Options options;
    if (trustTestAuthority)
        options.extraCaCertificates = testAuthority(stunnel);
    QVERIFY(!trustTestAuthority || !options.extraCaCertificates.isEmpty());

    ProbeRunner runner;
    const ProbeTarget target = tlsTarget(stunnel.port());
    const ProbeTimeouts timeouts = shortTimeouts();
    runner.start([=] { return new TlsProbe(u"tls:%1"_s.arg(target.port), target, timeouts, options); });
    QTRY_VERIFY_WITH_TIMEOUT(runner.result.has_value(), kResultWaitMs);
    const ProbeResult& result = *runner.result;

    QVERIFY2(result.status == status, qPrintable(describe(result)));
    QCOMPARE(result.kind, ProbeKind::Tls);
    QCOMPARE(result.facts.value(tlsfacts::serverName).toString(), u"localhost"_s);
    QCOMPARE(result.facts.value(tlsfacts::address).toString(), u"127.0.0.1"_s);
    QVERIFY2(result.facts.value(tlsfacts::protocol).toString().startsWith(u"TLS 1."_s),
             qPrintable(describe(result)));
    QVERIFY(!result.facts.value(tlsfacts::cipher).toString().isEmpty());

    const QVariantList chain = result.facts.value(tlsfacts::chain).toList();
    QVERIFY2(!chain.isEmpty(), qPrintable(describe(result)));
    const QVariantMap leaf = chain.first().toMap();
    QCOMPARE(leaf.value(tlsfacts::certSubject).toString(), leafSubject);
    QCOMPARE(leaf.value(tlsfacts::certSelfSigned).toBool(), kind == CertificateKind::SelfSigned);
    if (kind == CertificateKind::SelfSigned)
        QCOMPARE(leaf.value(tlsfacts::certIssuer).toString(), u"localhost"_s);
    else
        QCOMPARE(leaf.value(tlsfacts::certIssuer).toString(), u"RTMP Doctor Test CA"_s);
    if (kind == CertificateKind::Expired) {
        QCOMPARE(leaf.value(tlsfacts::certNotBefore).toString(), u"2020-01-01T00:00:00Z"_s);
        QCOMPARE(leaf.value(tlsfacts::certNotAfter).toString(), u"2020-02-01T00:00:00Z"_s);
    }
    QVERIFY(leaf.value(tlsfacts::certNames).toStringList().contains(leafSubject));

    const QStringList errors = result.facts.value(tlsfacts::certificateErrors).toStringList();
    if (status == ProbeStatus::TlsOk) {
        QVERIFY2(errors.isEmpty(), qPrintable(errors.join(u", "_s)));
    } else {
        QVERIFY2(errors.contains(probeStatusId(status)), qPrintable(errors.join(u", "_s)));
        // Continued only to learn more: a handshake inside, never connect.
        QCOMPARE(result.facts.value(tlsfacts::innerGoal).toString(), u"handshake"_s);
        QCOMPARE(result.facts.value(tlsfacts::innerStatus).toString(), u"handshake-ok"_s);
        QVERIFY(!result.facts.value(tlsfacts::innerLimit).toString().isEmpty());
    }
}

void TestTlsProbe::goodCertificateCarriesRtmpConnect()
{
    rd::test::StunnelFixture stunnel(m_nginx->rtmpPort(), CertificateKind::Good);
    RD_START_FIXTURE(stunnel);

    TlsProbe::Options options;
    options.extraCaCertificates = testAuthority(stunnel);
    ProbeRunner runner;
    const ProbeTarget target = tlsTarget(stunnel.port());
    const ProbeTimeouts timeouts = shortTimeouts();
    runner.start([=] { return new TlsProbe(u"tls"_s, target, timeouts, options); });
    QTRY_VERIFY_WITH_TIMEOUT(runner.result.has_value(), kResultWaitMs);
    const ProbeResult& result = *runner.result;

    QVERIFY2(result.status == ProbeStatus::TlsOk, qPrintable(describe(result)));
    QCOMPARE(result.facts.value(tlsfacts::innerGoal).toString(), u"connect"_s);
    QCOMPARE(result.facts.value(tlsfacts::innerStage).toString(), u"connect"_s);
    QVERIFY2(result.facts.value(tlsfacts::innerStatus).toString() == u"connect-success"_s,
             qPrintable(describe(result)));
    const QVariantMap inner = result.facts.value(tlsfacts::innerFacts).toMap();
    QCOMPARE(inner.value(rtmpfacts::code).toString(), u"NetConnection.Connect.Success"_s);
    QCOMPARE(inner.value(rtmpfacts::handshakeVerdict).toString(),
             rtmp::handshakeVerdictName(rtmp::HandshakeVerdict::Ok));
    QVERIFY(!result.facts.contains(tlsfacts::innerLimit));
    QVERIFY(runner.hasStep(u"TLS session established"_s));
    QVERIFY2(result.message.contains(u"Inside TLS"_s), qPrintable(result.message));
}

void TestTlsProbe::tls12OnlyServer()
{
    rd::test::StunnelFixture stunnel(m_nginx->rtmpPort(), CertificateKind::Good,
                                     rd::test::StunnelFixture::Options{true});
    RD_START_FIXTURE(stunnel);

    TlsProbe::Options options;
    options.extraCaCertificates = testAuthority(stunnel);
    ProbeRunner runner;
    const ProbeTarget target = tlsTarget(stunnel.port());
    const ProbeTimeouts timeouts = shortTimeouts();
    runner.start([=] { return new TlsProbe(u"tls"_s, target, timeouts, options); });
    QTRY_VERIFY_WITH_TIMEOUT(runner.result.has_value(), kResultWaitMs);
    const ProbeResult& result = *runner.result;

    QVERIFY2(result.status == ProbeStatus::TlsOk, qPrintable(describe(result)));
    QCOMPARE(result.facts.value(tlsfacts::protocol).toString(), u"TLS 1.2"_s);
    QCOMPARE(result.facts.value(tlsfacts::innerStatus).toString(), u"connect-success"_s);
}

void TestTlsProbe::untrustedCertificateNeverGetsConnect()
{
    // Only the handshake may pass through a session whose certificate is
    // not trusted; nginx-rtmp behind stunnel would log a connect.
    rd::test::StunnelFixture stunnel(m_nginx->rtmpPort(), CertificateKind::SelfSigned);
    RD_START_FIXTURE(stunnel);

    ProbeRunner runner;
    const ProbeTarget target = tlsTarget(stunnel.port());
    const ProbeTimeouts timeouts = shortTimeouts();
    runner.start([=] { return new TlsProbe(u"tls"_s, target, timeouts); });
    QTRY_VERIFY_WITH_TIMEOUT(runner.result.has_value(), kResultWaitMs);
    const ProbeResult& result = *runner.result;

    QVERIFY2(result.status == ProbeStatus::TlsSelfSigned, qPrintable(describe(result)));
    QCOMPARE(result.facts.value(tlsfacts::innerStage).toString(), u"handshake"_s);
    for (const TranscriptEntry& entry : result.transcript)
        QVERIFY2(!entry.summary.contains(u"connect("_s), qPrintable(entry.summary));
    // nginx-rtmp logs every connect it gets, with its tcUrl.
    QVERIFY2(!m_nginx->errorLog().contains(u"tc_url='rtmps://localhost:%1/"_s.arg(stunnel.port())),
             qPrintable(m_nginx->errorLog().right(2000)));
}

void TestTlsProbe::tokenInApplicationNeverShown()
{
    rd::test::StunnelFixture stunnel(m_nginx->rtmpPort(), CertificateKind::Good);
    RD_START_FIXTURE(stunnel);

    const QString token = u"1fce2e4bfb1547188adc68c6eb4c26a7"_s;
    TlsProbe::Options options;
    options.extraCaCertificates = testAuthority(stunnel);
    ProbeRunner runner;
    ProbeTarget target = tlsTarget(stunnel.port(), u"live/"_s + token);
    const ProbeTimeouts timeouts = shortTimeouts();
    runner.start([=] { return new TlsProbe(u"tls"_s, target, timeouts, options); });
    QTRY_VERIFY_WITH_TIMEOUT(runner.result.has_value(), kResultWaitMs);
    const ProbeResult& result = *runner.result;

    QVERIFY2(result.status == ProbeStatus::TlsOk, qPrintable(describe(result)));
    // nginx-rtmp closes after connect to an unknown application.
    QCOMPARE(result.facts.value(tlsfacts::innerStatus).toString(), u"connect-closed-silently"_s);
    const QString text = allText(result);
    QVERIFY2(!text.contains(token), qPrintable(text));
    QVERIFY2(!text.contains(token.left(8)), qPrintable(text));
}

void TestTlsProbe::serverNameIndicationIsTheHost()
{
    // A listener that keeps the ClientHello: the server name must be the
    // host the user typed, though the connection goes to the address.
    QTcpServer server;
    QVERIFY(server.listen(QHostAddress::LocalHost));
    QByteArray clientHello;
    QTcpSocket* accepted = nullptr;
    connect(&server, &QTcpServer::newConnection, this, [&] {
        accepted = server.nextPendingConnection();
        connect(accepted, &QTcpSocket::readyRead, this, [&] {
            clientHello += accepted->readAll();
            if (clientHello.size() > 100)
                accepted->abort();
        });
    });

    ProbeTarget target = tlsTarget(server.serverPort());
    target.host = u"ingest.sni-check.example"_s;
    ProbeRunner runner;
    const ProbeTimeouts timeouts = shortTimeouts();
    runner.start([=] { return new TlsProbe(u"tls"_s, target, timeouts); });
    QTRY_VERIFY_WITH_TIMEOUT(runner.result.has_value(), kResultWaitMs);

    QVERIFY2(clientHello.contains("ingest.sni-check.example"), clientHello.toHex().constData());
    QCOMPARE(quint8(clientHello.at(0)), quint8(0x16)); // a TLS handshake record
    QVERIFY2(runner.result->status == ProbeStatus::TlsHandshakeFailed, qPrintable(describe(*runner.result)));
    QCOMPARE(runner.result->facts.value(tlsfacts::serverName).toString(), u"ingest.sni-check.example"_s);
}

void TestTlsProbe::clientHelloToPlainRtmpPort()
{
    // nginx-rtmp waits for 1537 handshake bytes; a ClientHello is shorter.
    const int readMs = 1200;
    ProbeRunner runner;
    const ProbeTarget target = tlsTarget(m_nginx->rtmpPort());
    const ProbeTimeouts timeouts = shortTimeouts(readMs);
    runner.start([=] { return new TlsProbe(u"tls"_s, target, timeouts); });
    QTRY_VERIFY_WITH_TIMEOUT(runner.result.has_value(), kResultWaitMs);

    QVERIFY2(runner.result->status == ProbeStatus::TlsNoAnswer, qPrintable(describe(*runner.result)));
    const qint64 waitedMs = waitedAfter(*runner.result, u"TLS handshake started"_s);
    QVERIFY2(waitedMs >= readMs * 9 / 10 && waitedMs < readMs + 500, qPrintable(QString::number(waitedMs)));
}

void TestTlsProbe::clientHelloToHttpPort()
{
    // nginx answers "400 Bad Request" in plain text; OpenSSL cannot read
    // that as a TLS record, so the handshake fails at once (no waiting).
    ProbeRunner runner;
    const ProbeTarget target = tlsTarget(m_nginx->httpPort());
    const ProbeTimeouts timeouts = shortTimeouts(5000);
    runner.start([=] { return new TlsProbe(u"tls"_s, target, timeouts); });
    QTRY_VERIFY_WITH_TIMEOUT(runner.result.has_value(), kResultWaitMs);

    QVERIFY2(runner.result->status == ProbeStatus::TlsHandshakeFailed, qPrintable(describe(*runner.result)));
    QVERIFY2(runner.finishedAtMs < 3000, qPrintable(QString::number(runner.finishedAtMs)));
    QVERIFY(!runner.result->facts.value(tlsfacts::systemMessage).toString().isEmpty());
}

void TestTlsProbe::tlsAlertAnswer()
{
    ScriptedPeer peer(ScriptedPeer::Behaviour::AnswerTlsAlert);
    QVERIFY2(peer.isListening(), qPrintable(peer.errorString()));
    ProbeRunner runner;
    const ProbeTarget target = tlsTarget(peer.port());
    const ProbeTimeouts timeouts = shortTimeouts(5000);
    runner.start([=] { return new TlsProbe(u"tls"_s, target, timeouts); });
    QTRY_VERIFY_WITH_TIMEOUT(runner.result.has_value(), kResultWaitMs);

    QVERIFY2(runner.result->status == ProbeStatus::TlsHandshakeFailed, qPrintable(describe(*runner.result)));
    QVERIFY2(runner.finishedAtMs < 3000, qPrintable(QString::number(runner.finishedAtMs)));
}

void TestTlsProbe::silentPeerEndsAtReadTimeout()
{
    const int readMs = 800;
    ScriptedPeer peer(ScriptedPeer::Behaviour::Silent);
    QVERIFY2(peer.isListening(), qPrintable(peer.errorString()));
    ProbeRunner runner;
    const ProbeTarget target = tlsTarget(peer.port());
    const ProbeTimeouts timeouts = shortTimeouts(readMs);
    runner.start([=] { return new TlsProbe(u"tls"_s, target, timeouts); });
    QTRY_VERIFY_WITH_TIMEOUT(runner.result.has_value(), kResultWaitMs);

    QVERIFY2(runner.result->status == ProbeStatus::TlsNoAnswer, qPrintable(describe(*runner.result)));
    const qint64 waitedMs = waitedAfter(*runner.result, u"TLS handshake started"_s);
    QVERIFY2(waitedMs >= readMs * 9 / 10 && waitedMs < readMs + 500, qPrintable(QString::number(waitedMs)));
    QVERIFY(peer.bytesReceived() > 0); // the ClientHello went out
}

void TestTlsProbe::cancelDuringHandshake()
{
    ScriptedPeer peer(ScriptedPeer::Behaviour::Silent);
    QVERIFY2(peer.isListening(), qPrintable(peer.errorString()));
    ProbeRunner runner;
    const ProbeTarget target = tlsTarget(peer.port());
    const ProbeTimeouts timeouts = shortTimeouts(10000);
    const WorkerPool::Ticket ticket = runner.start([=] { return new TlsProbe(u"tls"_s, target, timeouts); });
    QTRY_VERIFY_WITH_TIMEOUT(runner.hasStep(u"TLS handshake started"_s), 5000);
    QTRY_VERIFY_WITH_TIMEOUT(peer.bytesReceived() > 0, 5000);
    QVERIFY(!runner.result);

    QElapsedTimer sinceCancel;
    sinceCancel.start();
    runner.pool.cancel(ticket);
    while (!runner.result && sinceCancel.elapsed() < 2000)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
    const qint64 cancelMs = sinceCancel.elapsed();
    QVERIFY(runner.result.has_value());
    QCOMPARE(runner.result->status, ProbeStatus::Cancelled);
    QVERIFY2(cancelMs < 100, qPrintable(QString::number(cancelMs)));
}

void TestTlsProbe::refusedPort()
{
    QTcpServer closed;
    QVERIFY(closed.listen(QHostAddress::LocalHost));
    const quint16 port = closed.serverPort();
    closed.close();

    ProbeRunner runner;
    const ProbeTarget target = tlsTarget(port);
    const ProbeTimeouts timeouts = shortTimeouts();
    runner.start([=] { return new TlsProbe(u"tls"_s, target, timeouts); });
    QTRY_VERIFY_WITH_TIMEOUT(runner.result.has_value(), kResultWaitMs);
    QVERIFY2(runner.result->status == ProbeStatus::TcpRefused, qPrintable(describe(*runner.result)));
}

void TestTlsProbe::inADiagnosticSession()
{
    // The factory as the session uses it: the address comes from the TCP
    // probe, the server name from the URL.
    rd::test::StunnelFixture stunnel(m_nginx->rtmpPort(), CertificateKind::Good);
    RD_START_FIXTURE(stunnel);

    ProbeFactoryRegistry registry = ProbeFactoryRegistry::withDnsAndTcp();
    NetworkProbeOptions networkOptions;
    networkOptions.extraCaCertificates = testAuthority(stunnel);
    registerNetworkProbes(registry, networkOptions);

    DiagnosticPlan::Options options;
    options.gridPorts = {stunnel.port()};
    options.proxy.mode = ProxyMode::None;
    options.timeouts = shortTimeouts();
    const IngestUrl url = IngestUrl::parse(u"rtmps://localhost:%1/live/stream"_s.arg(stunnel.port()));
    QVERIFY(url.isUsable());
    DiagnosticSession session(registry);
    QSignalSpy finished(&session, &DiagnosticSession::finished);
    QVERIFY(session.start(DiagnosticPlan::fromIngestUrl(url, options)));
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, kResultWaitMs);

    const auto result = session.result(probeids::tls(stunnel.port()));
    QVERIFY(result.has_value());
    QVERIFY2(result->status == ProbeStatus::TlsOk, qPrintable(describe(*result)));
    QCOMPARE(result->facts.value(tlsfacts::serverName).toString(), u"localhost"_s);
    QCOMPARE(result->facts.value(tlsfacts::address).toString(), u"127.0.0.1"_s);
    QCOMPARE(result->facts.value(tlsfacts::innerStatus).toString(), u"connect-success"_s);
}

QTEST_GUILESS_MAIN(TestTlsProbe)
#include "tst_tlsprobe.moc"
