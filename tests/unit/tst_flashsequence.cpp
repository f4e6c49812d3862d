// The Flash fallback sequence (rtmp 1935 -> rtmp 443 -> rtmp 80 -> rtmpt 80)
// replayed on synthetic probe results: which step a Flash-era client stops
// on, why each step passes or fails, and when the sequence applies at all.

#include "engine/diagnosticsession.h"
#include "probe/flashsequence.h"
#include "url/ingesturl.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace rd;

namespace flashtest {
using Results = QList<ProbeResult>;
} // namespace flashtest

Q_DECLARE_METATYPE(flashtest::Results)
Q_DECLARE_METATYPE(rd::ProbeStatus)

using flashtest::Results;

namespace {

ProbeResult made(ProbeKind kind, quint16 port, Transport transport, ProbeStatus status,
                 const QString& id = {})
{
    ProbeResult result;
    result.kind = kind;
    result.status = status;
    result.target.host = u"media.example"_s;
    result.target.port = port;
    result.target.transport = transport;
    result.probeId = id.isEmpty() ? probeKindId(kind) + u':' + QString::number(port) : id;
    result.message = probeStatusId(status) + u" on port "_s + QString::number(port);
    return result;
}

ProbeResult tcp(quint16 port, ProbeStatus status, const QString& family = u"ipv4"_s)
{
    return made(ProbeKind::TcpPort, port, Transport::PlainTcp, status,
                u"tcp:"_s + QString::number(port) + u':' + family);
}

ProbeResult handshake(quint16 port, ProbeStatus status)
{
    return made(ProbeKind::Handshake, port, Transport::PlainTcp, status);
}

ProbeResult tls(quint16 port, ProbeStatus status)
{
    return made(ProbeKind::Tls, port, Transport::Tls, status);
}

ProbeResult rtmpt(quint16 port, ProbeStatus status)
{
    return made(ProbeKind::Rtmpt, port, Transport::HttpTunnel, status);
}

ProbeResult connectResult(quint16 port, Transport transport, ProbeStatus status)
{
    return made(ProbeKind::Connect, port, transport, status);
}

FlashSequenceContext noPortContext()
{
    FlashSequenceContext context;
    context.host = u"media.example"_s;
    context.scheme = Scheme::Rtmp;
    context.portExplicit = false;
    context.port = 1935;
    context.application = u"avchat30/_definst_"_s;
    return context;
}

QStringList verdictsOf(const ProbeResult& result)
{
    QStringList verdicts;
    const QVariantList steps = result.facts.value(flashfacts::steps).toList();
    for (const QVariant& step : steps)
        verdicts << step.toMap().value(flashfacts::stepVerdict).toString();
    return verdicts;
}

} // namespace

class TestFlashSequence : public QObject
{
    Q_OBJECT

private slots:
    void attemptsAreFlashOrder();
    void sequence_data();
    void sequence();
    void stepEvidence();
    void noInferenceFromLiveness();
    void appliesOnlyWithoutPort_data();
    void appliesOnlyWithoutPort();
    void messageExplainsScope();
};

void TestFlashSequence::attemptsAreFlashOrder()
{
    const QList<TransportAttempt> expected = {
        {Scheme::Rtmp, 1935}, {Scheme::Rtmp, 443}, {Scheme::Rtmp, 80}, {Scheme::Rtmpt, 80}};
    QCOMPARE(flashSequenceAttempts(), expected);
    // The URL model and the evaluation must agree on the order.
    QCOMPARE(IngestUrl::parse(u"rtmp://media.example/avchat30/_definst_"_s).flashFallbackSequence(),
             expected);
}

void TestFlashSequence::sequence_data()
{
    QTest::addColumn<Results>("results");
    QTest::addColumn<ProbeStatus>("status");
    QTest::addColumn<QStringList>("verdicts");
    QTest::addColumn<int>("stoppingStep"); // 0: none
    QTest::addColumn<bool>("earlierUntested");

    const QString c = u"connects"_s;
    const QString r = u"rejected"_s;
    const QString f = u"fails"_s;
    const QString u = u"untested"_s;

    QTest::newRow("1935 handshake ok stops at step 1")
        << Results{tcp(1935, ProbeStatus::TcpOpen), handshake(1935, ProbeStatus::HandshakeOk)}
        << ProbeStatus::FlashSequenceConnects << QStringList{c, u, u, u} << 1 << false;

    QTest::newRow("1935 filtered, 443 plain handshake ok")
        << Results{tcp(1935, ProbeStatus::TcpFiltered), tcp(1935, ProbeStatus::TcpFiltered, u"ipv6"_s),
                   tcp(443, ProbeStatus::TcpOpen), handshake(443, ProbeStatus::HandshakeOk)}
        << ProbeStatus::FlashSequenceConnects << QStringList{f, c, u, u} << 2 << false;

    QTest::newRow("443 speaks TLS, 80 carries RTMP")
        << Results{tcp(1935, ProbeStatus::TcpRefused), tcp(443, ProbeStatus::TcpOpen),
                   tls(443, ProbeStatus::TlsOk), tcp(80, ProbeStatus::TcpOpen),
                   handshake(80, ProbeStatus::HandshakeOk)}
        << ProbeStatus::FlashSequenceConnects << QStringList{f, f, c, u} << 3 << false;

    QTest::newRow("a TLS certificate error still means TLS answers")
        << Results{tcp(1935, ProbeStatus::TcpRefused), tcp(443, ProbeStatus::TcpOpen),
                   tls(443, ProbeStatus::TlsCertificateExpired), tcp(80, ProbeStatus::TcpRefused),
                   rtmpt(80, ProbeStatus::RtmptNoReply)}
        << ProbeStatus::FlashSequenceNoPath << QStringList{f, f, f, f} << 0 << false;

    QTest::newRow("TLS no answer proves nothing about plain RTMP")
        << Results{tcp(1935, ProbeStatus::TcpRefused), tcp(443, ProbeStatus::TcpOpen),
                   tls(443, ProbeStatus::TlsNoAnswer), tcp(80, ProbeStatus::TcpRefused)}
        << ProbeStatus::FlashSequenceNoPath << QStringList{f, u, f, f} << 0 << false;

    QTest::newRow("only RTMPT on 80 gets through")
        << Results{tcp(1935, ProbeStatus::TcpFiltered), tcp(443, ProbeStatus::TcpFiltered),
                   tcp(80, ProbeStatus::TcpOpen), handshake(80, ProbeStatus::HandshakeAnsweredHttp),
                   rtmpt(80, ProbeStatus::RtmptOk)}
        << ProbeStatus::FlashSequenceConnects << QStringList{f, f, f, c} << 4 << false;

    QTest::newRow("a web server on 80 without RTMPT")
        << Results{tcp(1935, ProbeStatus::TcpFiltered), tcp(443, ProbeStatus::TcpFiltered),
                   tcp(80, ProbeStatus::TcpOpen), handshake(80, ProbeStatus::HandshakeAnsweredHttp),
                   rtmpt(80, ProbeStatus::RtmptNotATunnel)}
        << ProbeStatus::FlashSequenceNoPath << QStringList{f, f, f, f} << 0 << false;

    QTest::newRow("nothing tested at all")
        << Results{} << ProbeStatus::Skipped << QStringList{u, u, u, u} << 0 << false;

    QTest::newRow("skipped probes are no evidence")
        << Results{made(ProbeKind::Handshake, 1935, Transport::PlainTcp, ProbeStatus::Skipped),
                   made(ProbeKind::TcpPort, 443, Transport::PlainTcp, ProbeStatus::Cancelled)}
        << ProbeStatus::Skipped << QStringList{u, u, u, u} << 0 << false;

    QTest::newRow("connect rejected on 1935: Flash stops there")
        << Results{tcp(1935, ProbeStatus::TcpOpen), handshake(1935, ProbeStatus::HandshakeOk),
                   connectResult(1935, Transport::PlainTcp, ProbeStatus::ConnectRejected),
                   handshake(443, ProbeStatus::HandshakeOk)}
        << ProbeStatus::FlashSequenceConnects << QStringList{r, c, u, u} << 1 << false;

    QTest::newRow("connect with no reply moves on")
        << Results{handshake(1935, ProbeStatus::HandshakeOk),
                   connectResult(1935, Transport::PlainTcp, ProbeStatus::ConnectNoReply),
                   handshake(443, ProbeStatus::HandshakeOk)}
        << ProbeStatus::FlashSequenceConnects << QStringList{f, c, u, u} << 2 << false;

    QTest::newRow("connect success outranks a failed handshake record")
        << Results{handshake(1935, ProbeStatus::HandshakeSilent),
                   connectResult(1935, Transport::PlainTcp, ProbeStatus::ConnectSuccess)}
        << ProbeStatus::FlashSequenceConnects << QStringList{c, u, u, u} << 1 << false;

    QTest::newRow("an untested first step makes a later success uncertain")
        << Results{tcp(1935, ProbeStatus::TcpOpen), handshake(443, ProbeStatus::HandshakeOk)}
        << ProbeStatus::FlashSequenceConnects << QStringList{u, c, u, u} << 2 << true;

    QTest::newRow("IPv6 refused but IPv4 open is not a failure")
        << Results{tcp(1935, ProbeStatus::TcpOpen), tcp(1935, ProbeStatus::TcpRefused, u"ipv6"_s),
                   tcp(443, ProbeStatus::TcpRefused), tcp(80, ProbeStatus::TcpRefused)}
        << ProbeStatus::FlashSequenceNoPath << QStringList{u, f, f, f} << 0 << false;

    QTest::newRow("TLS handshake on 1935 is not plain RTMP on 1935")
        << Results{made(ProbeKind::Handshake, 1935, Transport::Tls, ProbeStatus::HandshakeOk),
                   handshake(443, ProbeStatus::HandshakeReset)}
        << ProbeStatus::FlashSequenceNoPath << QStringList{u, f, u, u} << 0 << false;

    QTest::newRow("RTMPT connect success on 80")
        << Results{tcp(1935, ProbeStatus::TcpRefused), tcp(443, ProbeStatus::TcpRefused),
                   handshake(80, ProbeStatus::HandshakeAnsweredHttp),
                   connectResult(80, Transport::HttpTunnel, ProbeStatus::ConnectSuccess)}
        << ProbeStatus::FlashSequenceConnects << QStringList{f, f, f, c} << 4 << false;
}

void TestFlashSequence::sequence()
{
    QFETCH(Results, results);
    QFETCH(ProbeStatus, status);
    QFETCH(QStringList, verdicts);
    QFETCH(int, stoppingStep);
    QFETCH(bool, earlierUntested);

    const ProbeResult result = evaluateFlashSequence(results, noPortContext());
    QCOMPARE(probeStatusId(result.status), probeStatusId(status));
    QCOMPARE(result.kind, ProbeKind::FlashSequence);
    QCOMPARE(result.probeId, QString(kFlashSequenceProbeId));
    QCOMPARE(verdictsOf(result), verdicts);
    QCOMPARE(result.steps.size(), 4);
    QCOMPARE(result.steps.at(0).name, u"1. rtmp:1935"_s);
    QCOMPARE(result.steps.at(3).name, u"4. rtmpt:80"_s);
    QCOMPARE(result.facts.value(flashfacts::stoppingStep, 0).toInt(), stoppingStep);
    if (stoppingStep > 0) {
        QCOMPARE(result.facts.value(flashfacts::earlierStepsUntested).toBool(), earlierUntested);
        const TransportAttempt attempt = flashSequenceAttempts().at(stoppingStep - 1);
        QCOMPARE(result.facts.value(flashfacts::stoppingUrl).toString(),
                 schemeName(attempt.scheme) + u"://media.example:"_s + QString::number(attempt.port) +
                     u"/avchat30/_definst_"_s);
        QVERIFY2(result.message.contains(u"step %1"_s.arg(stoppingStep)), qPrintable(result.message));
    } else {
        QVERIFY(!result.facts.contains(flashfacts::stoppingUrl));
    }
    if (status == ProbeStatus::Skipped)
        QVERIFY(!result.facts.value(sessionfacts::skipReason).toString().isEmpty());
}

void TestFlashSequence::stepEvidence()
{
    const Results results{tcp(1935, ProbeStatus::TcpFiltered), tcp(443, ProbeStatus::TcpOpen),
                          tls(443, ProbeStatus::TlsHostNameMismatch),
                          handshake(80, ProbeStatus::HandshakeOk)};
    const ProbeResult result = evaluateFlashSequence(results, noPortContext());
    const QVariantList steps = result.facts.value(flashfacts::steps).toList();
    QCOMPARE(steps.size(), 4);

    const QVariantMap first = steps.at(0).toMap();
    QCOMPARE(first.value(flashfacts::stepIndex).toInt(), 1);
    QCOMPARE(first.value(flashfacts::stepScheme).toString(), u"rtmp"_s);
    QCOMPARE(first.value(flashfacts::stepPort).toInt(), 1935);
    QCOMPARE(first.value(flashfacts::stepEvidence).toString(), u"tcp:1935:ipv4"_s);
    QCOMPARE(first.value(flashfacts::stepEvidenceStatus).toString(), u"tcp-filtered"_s);

    const QVariantMap second = steps.at(1).toMap();
    QCOMPARE(second.value(flashfacts::stepVerdict).toString(), u"fails"_s);
    QCOMPARE(second.value(flashfacts::stepEvidence).toString(), u"tls:443"_s);
    QCOMPARE(second.value(flashfacts::stepEvidenceStatus).toString(), u"tls-host-name-mismatch"_s);
    QVERIFY2(second.value(flashfacts::stepReason).toString().contains(u"TLS"_s),
             qPrintable(second.value(flashfacts::stepReason).toString()));

    const QVariantMap third = steps.at(2).toMap();
    QCOMPARE(third.value(flashfacts::stepVerdict).toString(), u"connects"_s);
    QCOMPARE(third.value(flashfacts::stepEvidence).toString(), u"handshake:80"_s);

    const QVariantMap fourth = steps.at(3).toMap();
    QCOMPARE(fourth.value(flashfacts::stepVerdict).toString(), u"untested"_s);
    QCOMPARE(fourth.value(flashfacts::stepEvidence).toString(), QString());
    QCOMPARE(fourth.value(flashfacts::stepEvidenceStatus).toString(), QString());
}

void TestFlashSequence::noInferenceFromLiveness()
{
    // Wowza answers HTTP on 1935 and RTMP on the same port: an HTTP answer to
    // the liveness probe must not fail the RTMP step.
    const Results results{
        tcp(1935, ProbeStatus::TcpOpen),
        made(ProbeKind::Liveness, 1935, Transport::PlainTcp, ProbeStatus::LivenessHttpAnswered)};
    const FlashStepOutcome step = evaluateFlashStep(1, {Scheme::Rtmp, 1935}, results);
    QCOMPARE(flashStepVerdictId(step.verdict), u"untested"_s);
}

void TestFlashSequence::appliesOnlyWithoutPort_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<bool>("automatic");

    QTest::newRow("rtmp without port") << u"rtmp://media.example/avchat30/_definst_"_s << true;
    QTest::newRow("rtmp with the default port typed")
        << u"rtmp://media.example:1935/avchat30/_definst_"_s << false;
    QTest::newRow("rtmp with port 443") << u"rtmp://media.example:443/avchat30"_s << false;
    QTest::newRow("rtmpt without port") << u"rtmpt://media.example/avchat30"_s << false;
    QTest::newRow("rtmps without port") << u"rtmps://media.example/live"_s << false;
}

void TestFlashSequence::appliesOnlyWithoutPort()
{
    QFETCH(QString, url);
    QFETCH(bool, automatic);

    const IngestUrl parsed = IngestUrl::parse(url);
    const FlashSequenceContext context = FlashSequenceContext::fromIngestUrl(parsed);
    QCOMPARE(context.triggersSequence(), automatic);
    QCOMPARE(context.triggersSequence(), !parsed.flashFallbackSequence().isEmpty());

    const ProbeResult result = evaluateFlashSequence({handshake(443, ProbeStatus::HandshakeOk)}, context);
    QCOMPARE(result.facts.value(flashfacts::automatic).toBool(), automatic);
    QCOMPARE(result.status, ProbeStatus::FlashSequenceConnects);
}

void TestFlashSequence::messageExplainsScope()
{
    const Results results{handshake(1935, ProbeStatus::HandshakeReset),
                          handshake(443, ProbeStatus::HandshakeOk)};

    const ProbeResult automatic = evaluateFlashSequence(results, noPortContext());
    QVERIFY2(automatic.message.contains(u"without a port"_s), qPrintable(automatic.message));
    QVERIFY2(automatic.message.contains(u"rtmp://media.example:443/avchat30/_definst_"_s),
             qPrintable(automatic.message));

    FlashSequenceContext withPort = noPortContext();
    withPort.portExplicit = true;
    const ProbeResult single = evaluateFlashSequence(results, withPort);
    QCOMPARE(single.status, ProbeStatus::FlashSequenceConnects);
    QVERIFY2(single.message.contains(u"single attempt"_s), qPrintable(single.message));
    QVERIFY2(single.message.contains(u"rtmp://media.example/avchat30/_definst_"_s),
             qPrintable(single.message));
}

QTEST_GUILESS_MAIN(TestFlashSequence)
#include "tst_flashsequence.moc"
