#include "builtindata.h"
#include "catalog/catalogs.h"
#include "diagnosis/diagnosis.h"
#include "diagnosis/knowledgebase.h"
#include "diagnosis/textredaction.h"

#include <QTest>

#include <algorithm>

using namespace Qt::StringLiterals;

using rd::ProbeKind;
using rd::ProbeStatus;
using rd::Transport;

namespace {

// Synthetic probe results, shaped like DiagnosticPlan's ladder (ids, ports, transports).
rd::ProbeResult probe(const QString& probeId, ProbeKind kind, quint16 port, ProbeStatus status,
                      Transport transport = Transport::PlainTcp, const QVariantMap& facts = {})
{
    rd::ProbeResult result;
    result.probeId = probeId;
    result.kind = kind;
    result.target.host = u"live.example.com"_s;
    result.target.port = port;
    result.target.transport = transport;
    result.status = status;
    result.message = u"%1 reported %2"_s.arg(probeId, rd::probeStatusId(status));
    result.facts = facts;
    return result;
}

rd::ProbeResult dns(ProbeStatus status)
{
    return probe(u"dns"_s, ProbeKind::Dns, 0, status);
}

rd::ProbeResult tcp(quint16 port, ProbeStatus status)
{
    return probe(u"tcp:%1:ipv4"_s.arg(port), ProbeKind::TcpPort, port, status);
}

rd::ProbeResult handshake(quint16 port, ProbeStatus status)
{
    return probe(u"handshake:%1"_s.arg(port), ProbeKind::Handshake, port, status);
}

rd::ProbeResult connectResult(quint16 port, ProbeStatus status, const QVariantMap& facts = {})
{
    return probe(u"connect:%1"_s.arg(port), ProbeKind::Connect, port, status, Transport::PlainTcp, facts);
}

rd::ProbeResult tls(quint16 port, ProbeStatus status)
{
    return probe(u"tls:%1"_s.arg(port), ProbeKind::Tls, port, status, Transport::Tls);
}

// The standard TCP grid; ports not named are refused (nothing listens there).
QList<rd::ProbeResult> grid(const QMap<quint16, ProbeStatus>& statuses)
{
    QList<rd::ProbeResult> results;
    for (quint16 port : {1935, 1936, 443, 80, 2935, 2936, 5080})
        results.append(tcp(port, statuses.value(port, ProbeStatus::TcpRefused)));
    return results;
}

QList<rd::ProbeResult> skippedGrid()
{
    QList<rd::ProbeResult> results;
    for (quint16 port : {1935, 1936, 443, 80, 2935, 2936, 5080})
        results.append(tcp(port, ProbeStatus::Skipped));
    return results;
}

struct Scenario
{
    QString url = u"rtmp://live.example.com/live/streamkey123"_s;
    QList<rd::ProbeResult> results;
    QMap<QString, QStringList> answers;
    QString pasted;
    QString encoderId;
    QString serverFamilyId;
    QList<rd::Evidence> measurements;
};

const QString kAzureHost = u"0123456789abcdef0123456789abcdef.channel.media.azure.net"_s;
const QString kAzureToken = u"fedcba9876543210fedcba9876543210"_s;

Scenario healthy()
{
    Scenario s;
    s.results = {dns(ProbeStatus::DnsResolved),
                 probe(u"proxy"_s, ProbeKind::Proxy, 0, ProbeStatus::ProxyNotConfigured)};
    s.results +=
        grid({{1935, ProbeStatus::TcpOpen}, {443, ProbeStatus::TcpOpen}, {80, ProbeStatus::TcpOpen}});
    s.results +=
        {handshake(1935, ProbeStatus::HandshakeOk), handshake(443, ProbeStatus::HandshakeAnsweredHttp),
         handshake(80, ProbeStatus::HandshakeAnsweredHttp), connectResult(1935, ProbeStatus::ConnectSuccess)};
    return s;
}

Scenario dnsFailure(ProbeStatus status)
{
    Scenario s;
    s.results = {dns(status)};
    s.results += skippedGrid();
    return s;
}

Scenario serverDown(ProbeStatus liveness)
{
    Scenario s;
    s.results = {dns(ProbeStatus::DnsResolved)};
    s.results += grid({});
    s.results += probe(u"liveness:5080"_s, ProbeKind::Liveness, 5080, liveness);
    return s;
}

Scenario firewallDropsRtmpPort()
{
    Scenario s;
    s.results = {dns(ProbeStatus::DnsResolved)};
    s.results += grid({{1935, ProbeStatus::TcpFiltered},
                       {1936, ProbeStatus::TcpFiltered},
                       {443, ProbeStatus::TcpOpen},
                       {80, ProbeStatus::TcpOpen},
                       {2935, ProbeStatus::TcpFiltered},
                       {2936, ProbeStatus::TcpFiltered},
                       {5080, ProbeStatus::TcpFiltered}});
    s.results += {handshake(443, ProbeStatus::HandshakeOk), handshake(80, ProbeStatus::HandshakeOk),
                  probe(u"connect:1935"_s, ProbeKind::Connect, 1935, ProbeStatus::Skipped)};
    return s;
}

Scenario onlyHttpAllowed()
{
    Scenario s;
    s.results = {dns(ProbeStatus::DnsResolved), probe(u"proxy"_s, ProbeKind::Proxy, 0, ProbeStatus::ProxyOk)};
    s.results += grid({{1935, ProbeStatus::TcpFiltered},
                       {1936, ProbeStatus::TcpFiltered},
                       {443, ProbeStatus::TcpOpen},
                       {80, ProbeStatus::TcpOpen}});
    s.results += {handshake(443, ProbeStatus::HandshakeReset), handshake(80, ProbeStatus::HandshakeSilent),
                  probe(u"rtmpt:80"_s, ProbeKind::Rtmpt, 80, ProbeStatus::RtmptOk, Transport::HttpTunnel)};
    return s;
}

Scenario portAnswersWith(ProbeStatus handshakeStatus)
{
    Scenario s;
    s.results = {dns(ProbeStatus::DnsResolved)};
    s.results += grid({{1935, ProbeStatus::TcpOpen}});
    s.results += handshake(1935, handshakeStatus);
    return s;
}

Scenario connectAnswers(ProbeStatus status, const QVariantMap& facts = {})
{
    Scenario s;
    s.results = {dns(ProbeStatus::DnsResolved)};
    s.results += grid({{1935, ProbeStatus::TcpOpen}});
    s.results += {handshake(1935, ProbeStatus::HandshakeOk), connectResult(1935, status, facts)};
    return s;
}

Scenario rtmpsWith(ProbeStatus tlsStatus)
{
    Scenario s;
    s.url = u"rtmps://live.example.com:443/app/streamkey123"_s;
    s.results = {dns(ProbeStatus::DnsResolved)};
    s.results += grid({{1935, ProbeStatus::TcpOpen}, {443, ProbeStatus::TcpOpen}});
    s.results += {tls(443, tlsStatus), probe(u"handshake:443:tls"_s, ProbeKind::Handshake, 443,
                                             ProbeStatus::Skipped, Transport::Tls)};
    return s;
}

Scenario plainRtmpToTlsPort()
{
    Scenario s;
    s.url = u"rtmp://live.example.com:443/app/streamkey123"_s;
    s.results = {dns(ProbeStatus::DnsResolved)};
    s.results += grid({{443, ProbeStatus::TcpOpen}});
    s.results += handshake(443, ProbeStatus::HandshakeReset);
    return s;
}

Scenario tlsToPlainPort()
{
    Scenario s;
    s.url = u"rtmps://live.example.com:1935/app/streamkey123"_s;
    s.results = {dns(ProbeStatus::DnsResolved)};
    s.results += grid({{1935, ProbeStatus::TcpOpen}});
    s.results += tls(1935, ProbeStatus::TlsNoAnswer);
    return s;
}

Scenario proxyAnswers(ProbeStatus status)
{
    Scenario s;
    s.results = {dns(ProbeStatus::DnsResolved), probe(u"proxy"_s, ProbeKind::Proxy, 0, status)};
    s.results += skippedGrid();
    return s;
}

Scenario publishAnswers(ProbeStatus status, const QVariantMap& facts)
{
    Scenario s = connectAnswers(ProbeStatus::ConnectSuccess);
    s.results += probe(u"publish:1935"_s, ProbeKind::Publish, 1935, status, Transport::PlainTcp, facts);
    return s;
}

Scenario azureMalformed()
{
    Scenario s;
    s.url = u"rtmp://"_s + kAzureHost + u":1935/live/not-a-token/stream"_s;
    s.results = {dns(ProbeStatus::DnsResolved)};
    s.results += grid({{1935, ProbeStatus::TcpOpen}});
    s.results +=
        {handshake(1935, ProbeStatus::HandshakeOk), connectResult(1935, ProbeStatus::ConnectClosedSilently)};
    return s;
}

Scenario azureRetired()
{
    Scenario s;
    s.url = u"rtmps://"_s + kAzureHost + u":2935/live/"_s + kAzureToken + u"/stream"_s;
    s.results = {dns(ProbeStatus::DnsNoSuchHost)};
    s.results += skippedGrid();
    return s;
}

Scenario pastedOnly(const QString& text, const QString& encoderId = {})
{
    Scenario s;
    s.results.clear();
    s.pasted = text;
    s.encoderId = encoderId;
    return s;
}

rd::Evidence camera(const QString& finding)
{
    return {rd::EvidenceSource::Measurement, u"camera"_s, finding, u"measured "_s + finding, {}};
}

rd::Evidence bitrate(const QString& fit)
{
    return {
        rd::EvidenceSource::Measurement, u"bitrate"_s, fit, u"stream 768 kbit/s, upload 350 kbit/s"_s, {}};
}

// What the camera check or the bitrate comparison measured, with or without a symptom picked.
Scenario measured(const QList<rd::Evidence>& measurements, const QString& symptom = {})
{
    Scenario s;
    s.measurements = measurements;
    if (!symptom.isEmpty())
        s.answers = {{u"symptom"_s, {symptom}}};
    return s;
}

QVariantMap serverSaid(const QString& code, const QString& description)
{
    return {{u"level"_s, u"error"_s}, {u"code"_s, code}, {u"description"_s, description}};
}

QStringList causeIds(const rd::Diagnosis& diagnosis)
{
    QStringList ids;
    for (const rd::DiagnosedCause& cause : diagnosis.causes)
        ids.append(cause.causeId);
    return ids;
}

QStringList remedyIds(const rd::DiagnosedCause& cause)
{
    QStringList ids;
    for (const rd::KnowledgeEntry& entry : cause.remedies)
        ids.append(entry.id);
    return ids;
}

bool hasEvidence(const QList<rd::Evidence>& list, rd::EvidenceSource source, const QString& subject,
                 const QString& finding)
{
    return std::any_of(list.cbegin(), list.cend(), [&](const rd::Evidence& item) {
        return item.source == source && item.subject == subject && item.finding == finding;
    });
}

// A message pasted after the fact, with the probe ladder of `base` (the URL stays the pasted one's).
Scenario withPasted(Scenario base, const QString& text, const QString& encoderId = {})
{
    base.pasted = text;
    base.encoderId = encoderId;
    return base;
}

// The same scenario after later probe stages ran.
Scenario thenProbed(Scenario scenario, const QList<rd::ProbeResult>& later)
{
    scenario.results += later;
    return scenario;
}

QString summary(const rd::Diagnosis& diagnosis)
{
    QStringList lines;
    for (const rd::DiagnosedCause& cause : diagnosis.causes)
        lines.append(u"%1=%2"_s.arg(cause.causeId).arg(cause.confidence));
    return lines.join(u", "_s);
}

} // namespace

Q_DECLARE_METATYPE(Scenario)

class TestDiagnosis : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();

    void topCause_data();
    void topCause();
    void evidenceForTheFirewall();
    void evidenceAgainst_data();
    void evidenceAgainst();
    void contradictedByALaterStage_data();
    void contradictedByALaterStage();
    void ruledOutByALaterStage_data();
    void ruledOutByALaterStage();
    void uncontradictedCauseKeepsItsRank_data();
    void uncontradictedCauseKeepsItsRank();
    void serverReplyIsQuoted();
    void measurementsSelectRemedies_data();
    void measurementsSelectRemedies();
    void onlyMeasurementEvidenceIsMeasured();
    void remediesFollowTheSetup_data();
    void remediesFollowTheSetup();
    void rankingDoesNotDependOnInputOrder_data();
    void rankingDoesNotDependOnInputOrder();
    void laterResultOfAProbeWins();
    void equalConfidenceFallsBackToFileOrder();
    void pastedTextAgreeingWithProbesRaisesConfidence();
    void unknownPastedTextAddsNothing();
    void secretsNeverAppear();
    void relatedEntriesForAzure();
    void describesTheDiagnosis();
    void describeEmptyDiagnosis();
    void secretsAreHiddenOnlyWhereTheyStandAlone();

private:
    rd::Diagnosis run(const Scenario& scenario) const;

    std::optional<rd::KnowledgeBase> m_knowledge;
};

void TestDiagnosis::initTestCase()
{
    rd::test::BuiltInData loaded = rd::test::loadBuiltInData();
    QVERIFY2(loaded.ok(), qPrintable(loaded.error));
    m_knowledge = std::move(loaded.knowledge);
}

rd::Diagnosis TestDiagnosis::run(const Scenario& scenario) const
{
    rd::DiagnosisInput input;
    input.setIngestUrl(rd::IngestUrl::parse(scenario.url));
    input.probeResults = scenario.results;
    input.answers = scenario.answers;
    if (!scenario.pasted.isEmpty())
        input.errorMatches = m_knowledge->matcher().match(scenario.pasted).matches;
    input.encoderId = scenario.encoderId;
    input.serverFamilyId = scenario.serverFamilyId;
    input.measurements = scenario.measurements;
    return rd::diagnose(*m_knowledge, input);
}

void TestDiagnosis::topCause_data()
{
    QTest::addColumn<Scenario>("scenario");
    QTest::addColumn<QString>("expected");

    QTest::newRow("healthy") << healthy() << u"no-problem-found"_s;
    QTest::newRow("host name does not exist")
        << dnsFailure(ProbeStatus::DnsNoSuchHost) << u"host-name-not-found"_s;
    QTest::newRow("resolver unreachable")
        << dnsFailure(ProbeStatus::DnsResolverUnreachable) << u"dns-resolver-unreachable"_s;
    QTest::newRow("resolver timed out")
        << dnsFailure(ProbeStatus::DnsTimedOut) << u"dns-resolver-unreachable"_s;
    QTest::newRow("server down") << serverDown(ProbeStatus::LivenessNoHttp) << u"server-not-running"_s;
    QTest::newRow("firewall drops 1935 only") << firewallDropsRtmpPort() << u"firewall-blocks-rtmp-port"_s;
    QTest::newRow("only HTTP allowed") << onlyHttpAllowed() << u"only-http-allowed"_s;
    QTest::newRow("port open, HTTP answered")
        << portAnswersWith(ProbeStatus::HandshakeAnsweredHttp) << u"port-open-but-not-rtmp"_s;
    QTest::newRow("port open, silent (DPI)")
        << portAnswersWith(ProbeStatus::HandshakeSilent) << u"port-open-but-not-rtmp"_s;
    QTest::newRow("port open, reset (DPI)")
        << portAnswersWith(ProbeStatus::HandshakeReset) << u"port-open-but-not-rtmp"_s;
    QTest::newRow("wrong app, closed after connect")
        << connectAnswers(ProbeStatus::ConnectClosedSilently) << u"wrong-application-or-key"_s;
    QTest::newRow("wrong app, rejected")
        << connectAnswers(ProbeStatus::ConnectRejected,
                          serverSaid(u"NetConnection.Connect.Rejected"_s, u"Connection rejected"_s))
        << u"wrong-application-or-key"_s;
    QTest::newRow("wrong app, invalid app")
        << connectAnswers(ProbeStatus::ConnectInvalidApp) << u"wrong-application-or-key"_s;
    QTest::newRow("Red5 no scope") << connectAnswers(
                                          ProbeStatus::ConnectRejected,
                                          serverSaid(u"NetConnection.Connect.Rejected"_s,
                                                     u"No scope 'avchat30/_definst_' on this server."_s))
                                   << u"red5-application-missing"_s;
    QTest::newRow("Red5 no scope, vendor fact only")
        << connectAnswers(ProbeStatus::ConnectRejected, {{u"vendorSignature"_s, u"red5-no-scope"_s}})
        << u"red5-application-missing"_s;
    QTest::newRow("AMS application not defined")
        << connectAnswers(
               ProbeStatus::ConnectRejected,
               serverSaid(u"NetConnection.Connect.Rejected"_s,
                          u"[ Server.Reject ] : (_defaultRoot_, _defaultVHost_) : Application (avchat30) "
                          u"is not defined."_s))
        << u"ams-application-not-defined"_s;
    QTest::newRow("AMS application not defined, vendor fact only")
        << connectAnswers(ProbeStatus::ConnectRejected,
                          {{u"vendorSignature"_s, u"ams-application-not-defined"_s}})
        << u"ams-application-not-defined"_s;
    QTest::newRow("waiting for server (no reply to connect)")
        << connectAnswers(ProbeStatus::ConnectNoReply) << u"application-not-answering"_s;
    Scenario waiting = pastedOnly(u"Connection success, waiting for server..."_s, u"avchat-3"_s);
    QTest::newRow("waiting for server (AVChat message)") << waiting << u"application-not-answering"_s;
    QTest::newRow("TLS expired") << rtmpsWith(ProbeStatus::TlsCertificateExpired)
                                 << u"tls-certificate-expired"_s;
    QTest::newRow("TLS not yet valid")
        << rtmpsWith(ProbeStatus::TlsCertificateNotYetValid) << u"tls-certificate-not-yet-valid"_s;
    QTest::newRow("TLS wrong host") << rtmpsWith(ProbeStatus::TlsHostNameMismatch)
                                    << u"tls-host-name-mismatch"_s;
    QTest::newRow("TLS self-signed") << rtmpsWith(ProbeStatus::TlsSelfSigned) << u"tls-self-signed"_s;
    QTest::newRow("TLS unknown issuer")
        << rtmpsWith(ProbeStatus::TlsUnknownIssuer) << u"tls-unknown-issuer"_s;
    QTest::newRow("plain RTMP to a TLS port") << plainRtmpToTlsPort() << u"plain-rtmp-to-tls-port"_s;
    QTest::newRow("RTMPS to a plain port") << tlsToPlainPort() << u"tls-to-plain-rtmp-port"_s;
    QTest::newRow("proxy refuses (403)") << proxyAnswers(ProbeStatus::ProxyForbidden) << u"proxy-forbidden"_s;
    QTest::newRow("proxy wants credentials (407)")
        << proxyAnswers(ProbeStatus::ProxyAuthRequired) << u"proxy-needs-credentials"_s;
    QTest::newRow("stream key in use")
        << publishAnswers(ProbeStatus::PublishBadName, {{u"publishCode"_s, u"NetStream.Publish.BadName"_s},
                                                        {u"publishDescription"_s, u"Already publishing"_s}})
        << u"stream-key-in-use"_s;
    QTest::newRow("publish denied") << publishAnswers(ProbeStatus::PublishDenied, {}) << u"publish-denied"_s;
    QTest::newRow("Azure URL malformed") << azureMalformed() << u"azure-url-malformed"_s;
    QTest::newRow("Azure retired") << azureRetired() << u"azure-service-retired"_s;

    Scenario jerky = healthy();
    jerky.answers = {{u"symptom"_s, {u"low-framerate"_s}}};
    QTest::newRow("low frame rate on a working connection") << jerky << u"capture-low-framerate"_s;
    QTest::newRow("pasted Red5 message only")
        << pastedOnly(u"Connection Rejected:No scope \"avchat30/_definst_\" on this server"_s)
        << u"red5-application-missing"_s;

    // What the camera check and the bitrate comparison measured (issue 8).
    QTest::newRow("measured: too dark") << measured({camera(u"too-dark"_s)}) << u"dark-or-noisy-image"_s;
    QTest::newRow("measured: noisy") << measured({camera(u"noisy"_s)}) << u"dark-or-noisy-image"_s;
    Scenario darkButConnected = healthy();
    darkButConnected.measurements = {camera(u"too-dark"_s)};
    QTest::newRow("measured: too dark on a working connection")
        << darkButConnected << u"dark-or-noisy-image"_s;
    QTest::newRow("measured: too bright") << measured({camera(u"too-bright"_s)}) << u"overexposed-image"_s;
    QTest::newRow("measured: low fps in low light")
        << measured({camera(u"too-dark"_s), camera(u"low-fps-low-light"_s)}) << u"capture-low-framerate"_s;
    QTest::newRow("measured: low fps") << measured({camera(u"low-fps"_s)}) << u"capture-low-framerate"_s;
    QTest::newRow("measured: low fps on a still scene")
        << measured({camera(u"low-fps-still-scene"_s)}) << u"still-scene-low-framerate"_s;
    QTest::newRow("jerky, and the measured scene is still")
        << measured({camera(u"low-fps-still-scene"_s)}, u"low-framerate"_s) << u"still-scene-low-framerate"_s;
    QTest::newRow("measured: lower resolution")
        << measured({camera(u"lower-resolution"_s)}) << u"camera-lower-resolution"_s;
    QTest::newRow("measured: black frames") << measured({camera(u"no-image"_s)}) << u"no-camera-image"_s;
    QTest::newRow("measured: no frames") << measured({camera(u"no-frames"_s)}) << u"no-camera-image"_s;
    QTest::newRow("camera busy") << measured({camera(u"camera-busy"_s)}) << u"no-camera-image"_s;
    QTest::newRow("camera permission denied")
        << measured({camera(u"permission-denied"_s)}) << u"no-camera-image"_s;
    QTest::newRow("bitrate does not fit the upload")
        << measured({bitrate(u"does-not-fit"_s)}) << u"upload-too-slow"_s;
    QTest::newRow("bitrate unused, dark picture")
        << measured({camera(u"too-dark"_s)}, u"bandwidth-not-used"_s) << u"bandwidth-not-used"_s;
    QTest::newRow("bitrate unused, upload too small")
        << measured({bitrate(u"does-not-fit"_s)}, u"bandwidth-not-used"_s) << u"bandwidth-not-used"_s;
}

void TestDiagnosis::topCause()
{
    QFETCH(Scenario, scenario);
    QFETCH(QString, expected);

    const rd::Diagnosis diagnosis = run(scenario);
    const rd::DiagnosedCause* top = diagnosis.topCause();
    QVERIFY2(top, "no cause at all");
    QVERIFY2(top->causeId == expected, qPrintable(summary(diagnosis)));
    // Told apart by the evidence, not by a tie-break.
    if (diagnosis.causes.size() > 1)
        QVERIFY2(top->confidence > diagnosis.causes.at(1).confidence, qPrintable(summary(diagnosis)));
    QVERIFY(!top->plainExplanation.isEmpty());
    QVERIFY(top->technicalLine.startsWith(m_knowledge->cause(expected)->technical));
    QVERIFY(!top->evidenceFor.isEmpty());
    for (const rd::DiagnosedCause& cause : diagnosis.causes) {
        QVERIFY2(cause.confidence >= 1 && cause.confidence <= 100, qPrintable(cause.causeId));
        QVERIFY2(!cause.remedies.isEmpty(), qPrintable(cause.causeId + u" has no remedy here"_s));
    }
}

void TestDiagnosis::evidenceForTheFirewall()
{
    const rd::Diagnosis diagnosis = run(firewallDropsRtmpPort());
    const rd::DiagnosedCause* cause = diagnosis.cause(u"firewall-blocks-rtmp-port"_s);
    QVERIFY(cause);
    QCOMPARE(cause->confidence, 90);
    using S = rd::EvidenceSource;
    QVERIFY(hasEvidence(cause->evidenceFor, S::Probe, u"tcp:1935:ipv4"_s, u"tcp-filtered"_s));
    QVERIFY(hasEvidence(cause->evidenceFor, S::Probe, u"tcp:443:ipv4"_s, u"tcp-open"_s));
    QVERIFY(hasEvidence(cause->evidenceFor, S::Probe, u"tcp:80:ipv4"_s, u"tcp-open"_s));
    QVERIFY(hasEvidence(cause->evidenceFor, S::Probe, u"handshake:443"_s, u"handshake-ok"_s));
    QVERIFY(!hasEvidence(cause->evidenceFor, S::Probe, u"tcp:1936:ipv4"_s,
                         u"tcp-filtered"_s)); // not the URL's port
    QVERIFY(cause->evidenceAgainst.isEmpty());
    const rd::Evidence& first = cause->evidenceFor.first();
    QCOMPARE(first.quote, u"tcp:1935:ipv4 reported tcp-filtered"_s);
    QVERIFY(first.why.isEmpty());
    const auto support =
        std::find_if(cause->evidenceFor.cbegin(), cause->evidenceFor.cend(),
                     [](const rd::Evidence& item) { return item.subject == u"handshake:443"_s; });
    QCOMPARE(support->why,
             u"The server speaks RTMP on a web port, so switching ports works around the block."_s);
    QCOMPARE(cause->technicalLine,
             m_knowledge->cause(u"firewall-blocks-rtmp-port"_s)->technical +
                 u" Evidence: tcp:1935:ipv4 tcp-filtered; tcp:443:ipv4 tcp-open; tcp:80:ipv4 tcp-open; "
                 u"handshake:443 handshake-ok; and 1 more."_s);
}

void TestDiagnosis::evidenceAgainst_data()
{
    QTest::addColumn<Scenario>("scenario");
    QTest::addColumn<QString>("cause");
    QTest::addColumn<QString>("subject");
    QTest::addColumn<QString>("finding");
    QTest::addColumn<int>("confidence");

    QTest::newRow("firewall, but RTMP fails on web ports too")
        << onlyHttpAllowed() << u"firewall-blocks-rtmp-port"_s << u"handshake:80"_s << u"handshake-silent"_s
        << 55;
    QTest::newRow("refused, but the web port answers")
        << serverDown(ProbeStatus::LivenessHttpAnswered) << u"server-not-running"_s << u"liveness:5080"_s
        << u"liveness-http-answered"_s << 55;
    QTest::newRow("Azure, but something still answers")
        << azureMalformed() << u"azure-service-retired"_s << u"tcp:1935:ipv4"_s << u"tcp-open"_s << 50;
    Scenario jerky = healthy();
    jerky.answers = {{u"symptom"_s, {u"low-framerate"_s}}};
    QTest::newRow("connects, but a picture problem was reported")
        << jerky << u"no-problem-found"_s << u"symptom"_s << u"low-framerate"_s << 50;
    Scenario dark = healthy();
    dark.measurements = {camera(u"too-dark"_s)};
    QTest::newRow("connects, but the camera check found a dark picture")
        << dark << u"no-problem-found"_s << u"camera"_s << u"too-dark"_s << 50;
    QTest::newRow("stutters, but the bitrate fits the upload")
        << measured({bitrate(u"fits"_s)}, u"stutters"_s) << u"upload-too-slow"_s << u"bitrate"_s << u"fits"_s
        << 40;
    QTest::newRow("jerky, but nothing moves")
        << measured({camera(u"low-fps-still-scene"_s)}, u"low-framerate"_s) << u"capture-low-framerate"_s
        << u"camera"_s << u"low-fps-still-scene"_s << 45;
}

void TestDiagnosis::evidenceAgainst()
{
    QFETCH(Scenario, scenario);
    QFETCH(QString, cause);
    QFETCH(QString, subject);
    QFETCH(QString, finding);
    QFETCH(int, confidence);

    const rd::Diagnosis diagnosis = run(scenario);
    const rd::DiagnosedCause* found = diagnosis.cause(cause);
    QVERIFY2(found, qPrintable(summary(diagnosis)));
    QCOMPARE(found->confidence, confidence);
    QVERIFY(!found->evidenceFor.isEmpty());
    const auto against = std::find_if(
        found->evidenceAgainst.cbegin(), found->evidenceAgainst.cend(),
        [&](const rd::Evidence& item) { return item.subject == subject && item.finding == finding; });
    QVERIFY2(against != found->evidenceAgainst.cend(), qPrintable(subject));
    QVERIFY(!against->why.isEmpty());
}

void TestDiagnosis::contradictedByALaterStage_data()
{
    // `before`: what the encoder's message suggests, with no probe yet; the cause is the top one.
    // `after`: the same after a later probe stage got through where the cause says it cannot.
    QTest::addColumn<Scenario>("before");
    QTest::addColumn<Scenario>("after");
    QTest::addColumn<QString>("cause");
    QTest::addColumn<int>("confidence"); // of the cause after the later stage
    QTest::addColumn<QString>("topAfter");
    QTest::addColumn<QString>("subject"); // the probe result the against line names
    QTest::addColumn<QString>("finding");
    QTest::addColumn<QString>("why"); // part of the against line's reason

    const QList<rd::ProbeResult> closedAfterConnect =
        connectAnswers(ProbeStatus::ConnectClosedSilently).results;
    const QList<rd::ProbeResult> connected = connectAnswers(ProbeStatus::ConnectSuccess).results;

    Scenario corporate = pastedOnly(u"Failed to connect to server"_s);
    corporate.answers = {{u"network"_s, {u"corporate"_s}}};
    QTest::newRow("firewall, but the handshake completed and connect was closed")
        << corporate << thenProbed(corporate, closedAfterConnect) << u"firewall-blocks-rtmp-port"_s << 15
        << u"wrong-application-or-key"_s << u"handshake:1935"_s << u"handshake-ok"_s
        << u"handshake on the URL's port completed"_s;

    const Scenario refused = pastedOnly(u"Connection refused"_s);
    QTest::newRow("nothing listens, but the handshake completed")
        << refused << thenProbed(refused, closedAfterConnect) << u"server-not-running"_s << 5
        << u"wrong-application-or-key"_s << u"handshake:1935"_s << u"handshake-ok"_s
        << u"a media server runs and listens there"_s;

    const Scenario unresolved = pastedOnly(u"Could not resolve"_s);
    QTest::newRow("name not found, but it resolved")
        << unresolved << thenProbed(unresolved, connected) << u"host-name-not-found"_s << 15
        << u"no-problem-found"_s << u"dns"_s << u"dns-resolved"_s << u"resolved to addresses"_s;

    const Scenario noAccess = pastedOnly(u"Could not access the specified channel or stream key"_s);
    QTest::newRow("wrong application, but connect was accepted")
        << noAccess << thenProbed(noAccess, connected) << u"wrong-application-or-key"_s << 30
        << u"no-problem-found"_s << u"connect:1935"_s << u"connect-success"_s
        << u"accepted connect for this application name"_s;

    const Scenario reset = pastedOnly(u"The connection was reset by the peer"_s);
    QTest::newRow("TLS port, but a plain handshake completed")
        << reset << thenProbed(reset, connected) << u"plain-rtmp-to-tls-port"_s << 10 << u"no-problem-found"_s
        << u"handshake:1935"_s << u"handshake-ok"_s << u"does not expect TLS first"_s;

    Scenario certificate = pastedOnly(u"The RTMP server sent an invalid SSL certificate"_s);
    certificate.url = u"rtmps://live.example.com:443/app/streamkey123"_s;
    QList<rd::ProbeResult> verified = {dns(ProbeStatus::DnsResolved)};
    verified += grid({{443, ProbeStatus::TcpOpen}});
    verified += tls(443, ProbeStatus::TlsOk);
    QTest::newRow("expired certificate, but it verified here")
        << certificate << thenProbed(certificate, verified) << u"tls-certificate-expired"_s << 10
        << u"encoder-missing-root-certificates"_s << u"tls:443"_s << u"tls-ok"_s << u"passed every check"_s;

    const Scenario waiting = pastedOnly(u"Connection success, waiting for server..."_s, u"avchat-3"_s);
    QTest::newRow("application silent, but it answered connect")
        << waiting << thenProbed(waiting, connected) << u"application-not-answering"_s << 45
        << u"no-problem-found"_s << u"connect:1935"_s << u"connect-success"_s
        << u"answered the test connect"_s;

    const Scenario inUse = pastedOnly(u"NetStream.Publish.BadName"_s);
    QTest::newRow("key in use, but a test publish started")
        << inUse << thenProbed(inUse, publishAnswers(ProbeStatus::PublishStarted, {}).results)
        << u"stream-key-in-use"_s << 10 << u"no-problem-found"_s << u"publish:1935"_s << u"publish-started"_s
        << u"no other session holds it"_s;
}

void TestDiagnosis::contradictedByALaterStage()
{
    QFETCH(Scenario, before);
    QFETCH(Scenario, after);
    QFETCH(QString, cause);
    QFETCH(int, confidence);
    QFETCH(QString, topAfter);
    QFETCH(QString, subject);
    QFETCH(QString, finding);
    QFETCH(QString, why);

    const auto namesTheStage = [&](const rd::Evidence& item) {
        return item.source == rd::EvidenceSource::Probe && item.subject == subject && item.finding == finding;
    };

    // Nothing contradicts the message yet: its cause leads.
    const rd::Diagnosis suggested = run(before);
    QVERIFY2(suggested.topCause() && suggested.topCause()->causeId == cause, qPrintable(summary(suggested)));
    QVERIFY(std::none_of(suggested.topCause()->evidenceAgainst.cbegin(),
                         suggested.topCause()->evidenceAgainst.cend(), namesTheStage));

    // The later stage got through: the cause stays listed, lower, below another, with the reason.
    const rd::Diagnosis diagnosis = run(after);
    const rd::DiagnosedCause* found = diagnosis.cause(cause);
    QVERIFY2(found, qPrintable(summary(diagnosis)));
    QVERIFY2(found->confidence == confidence, qPrintable(summary(diagnosis)));
    QVERIFY(found->confidence < suggested.topCause()->confidence);
    QVERIFY2(diagnosis.topCause()->causeId == topAfter, qPrintable(summary(diagnosis)));
    QVERIFY(diagnosis.topCause()->confidence > found->confidence);
    const auto against =
        std::find_if(found->evidenceAgainst.cbegin(), found->evidenceAgainst.cend(), namesTheStage);
    QVERIFY2(against != found->evidenceAgainst.cend(), qPrintable(rd::describeDiagnosis(diagnosis)));
    QVERIFY2(against->why.contains(why), qPrintable(against->why));
    QVERIFY(rd::describeDiagnosis(diagnosis).contains(u" (%1)\n"_s.arg(against->why)));
}

void TestDiagnosis::ruledOutByALaterStage_data()
{
    QTest::addColumn<Scenario>("scenario");
    QTest::addColumn<QString>("cause");
    QTest::addColumn<QString>("subject"); // the probe result that rules it out

    // "Failed to connect to server" names a missing host name only fourth, so a name that resolved
    // takes it to nothing.
    const QList<rd::ProbeResult> connected = connectAnswers(ProbeStatus::ConnectSuccess).results;
    QTest::newRow("failed to connect, but the name resolved")
        << thenProbed(pastedOnly(u"Failed to connect to server"_s), connected) << u"host-name-not-found"_s
        << u"dns"_s;
    QTest::newRow("hostname not found, but it resolved")
        << thenProbed(pastedOnly(u"Hostname not found"_s), connected) << u"dns-filtered"_s << u"dns"_s;
}

void TestDiagnosis::ruledOutByALaterStage()
{
    QFETCH(Scenario, scenario);
    QFETCH(QString, cause);
    QFETCH(QString, subject);

    const rd::Diagnosis diagnosis = run(scenario);
    const QString described = rd::describeDiagnosis(diagnosis);
    QStringList ruledOutIds;
    for (const rd::DiagnosedCause& item : diagnosis.ruledOut)
        ruledOutIds << item.causeId;
    const QString overview = summary(diagnosis) + u"; ruled out: "_s + ruledOutIds.join(u", "_s);
    QVERIFY2(!diagnosis.cause(cause), qPrintable(overview));
    const auto ruledOut = std::find_if(diagnosis.ruledOut.cbegin(), diagnosis.ruledOut.cend(),
                                       [&](const rd::DiagnosedCause& item) { return item.causeId == cause; });
    QVERIFY2(ruledOut != diagnosis.ruledOut.cend(), qPrintable(overview));
    QCOMPARE(ruledOut->confidence, 0);
    QVERIFY(ruledOut->remedies.isEmpty());
    QVERIFY(!ruledOut->title.isEmpty());
    // What pointed to it, and what ruled it out.
    QVERIFY(!ruledOut->evidenceFor.isEmpty());
    const auto reason = std::find_if(ruledOut->evidenceAgainst.cbegin(), ruledOut->evidenceAgainst.cend(),
                                     [&](const rd::Evidence& item) { return item.subject == subject; });
    QVERIFY2(reason != ruledOut->evidenceAgainst.cend(), qPrintable(described));
    QVERIFY(!reason->why.isEmpty());
    QVERIFY2(described.contains(u"Ruled out:\n   %1 [%2]\n"_s.arg(ruledOut->title, cause)),
             qPrintable(described));
    QVERIFY(described.contains(reason->why));
}

void TestDiagnosis::uncontradictedCauseKeepsItsRank_data()
{
    // The same messages as above, with probes that agree (or a stage that succeeded elsewhere): no
    // against line, and the cause leads with a high confidence.
    QTest::addColumn<Scenario>("scenario");
    QTest::addColumn<QString>("cause");
    QTest::addColumn<int>("confidence");

    QTest::newRow("firewall, RTMP completes only on the web ports")
        << withPasted(firewallDropsRtmpPort(), u"Failed to connect to server"_s)
        << u"firewall-blocks-rtmp-port"_s << 100;
    QTest::newRow("nothing listens anywhere")
        << withPasted(serverDown(ProbeStatus::LivenessNoHttp), u"Connection refused"_s)
        << u"server-not-running"_s << 100;
    QTest::newRow("name not found, and it does not resolve")
        << withPasted(dnsFailure(ProbeStatus::DnsNoSuchHost), u"Could not resolve"_s)
        << u"host-name-not-found"_s << 95;
    QTest::newRow("wrong application, and connect was closed")
        << withPasted(connectAnswers(ProbeStatus::ConnectClosedSilently),
                      u"Could not access the specified channel or stream key"_s)
        << u"wrong-application-or-key"_s << 80;
    QTest::newRow("expired certificate, and it fails here too")
        << withPasted(rtmpsWith(ProbeStatus::TlsCertificateExpired),
                      u"The RTMP server sent an invalid SSL certificate"_s)
        << u"tls-certificate-expired"_s << 100;
    QTest::newRow("application silent, and connect got no reply")
        << withPasted(connectAnswers(ProbeStatus::ConnectNoReply),
                      u"Connection success, waiting for server..."_s, u"avchat-3"_s)
        << u"application-not-answering"_s << 90;
    QTest::newRow("key in use, and the test publish was refused for it")
        << withPasted(publishAnswers(ProbeStatus::PublishBadName, {}), u"NetStream.Publish.BadName"_s)
        << u"stream-key-in-use"_s << 100;
}

void TestDiagnosis::uncontradictedCauseKeepsItsRank()
{
    QFETCH(Scenario, scenario);
    QFETCH(QString, cause);
    QFETCH(int, confidence);

    const rd::Diagnosis diagnosis = run(scenario);
    const rd::DiagnosedCause* top = diagnosis.topCause();
    QVERIFY2(top && top->causeId == cause, qPrintable(summary(diagnosis)));
    QVERIFY2(top->confidence == confidence, qPrintable(summary(diagnosis)));
    QVERIFY2(top->evidenceAgainst.isEmpty(), qPrintable(rd::describeDiagnosis(diagnosis)));
    if (diagnosis.causes.size() > 1)
        QVERIFY2(top->confidence > diagnosis.causes.at(1).confidence, qPrintable(summary(diagnosis)));
}

void TestDiagnosis::measurementsSelectRemedies_data()
{
    QTest::addColumn<Scenario>("scenario");
    QTest::addColumn<QString>("cause");
    QTest::addColumn<int>("confidence");
    QTest::addColumn<QStringList>("remedies");

    // too dark -> more light, natural light; noisy -> more light, better webcam
    QTest::newRow("too dark") << measured({camera(u"too-dark"_s)}) << u"dark-or-noisy-image"_s << 85
                              << QStringList{u"better-light-and-camera"_s};
    QTest::newRow("noisy, and the user sees it too")
        << measured({camera(u"noisy"_s)}, u"dark-or-noisy-image"_s) << u"dark-or-noisy-image"_s << 85
        << QStringList{u"better-light-and-camera"_s};
    // low fps in low light -> light, lower resolution
    QTest::newRow("low fps in low light")
        << measured({camera(u"low-fps-low-light"_s)}) << u"capture-low-framerate"_s << 90
        << QStringList{u"improve-frame-rate"_s};
    // low fps on a still scene -> still scenes are sent at low rates
    QTest::newRow("low fps on a still scene")
        << measured({camera(u"low-fps-still-scene"_s)}) << u"still-scene-low-framerate"_s << 70
        << QStringList{u"still-scene-frame-rate"_s};
    // bandwidth underused -> the same plus the upload check
    QTest::newRow("bandwidth unused, dark")
        << measured({camera(u"too-dark"_s)}, u"bandwidth-not-used"_s) << u"bandwidth-not-used"_s << 90
        << QStringList{u"more-detail-for-bitrate"_s, u"match-bitrate-to-upload"_s};
    QTest::newRow("upload too small") << measured({bitrate(u"does-not-fit"_s)}) << u"upload-too-slow"_s << 85
                                      << QStringList{u"match-bitrate-to-upload"_s};
    // no image -> the busy / wrong camera / permission steps
    QTest::newRow("camera busy") << measured({camera(u"camera-busy"_s)}) << u"no-camera-image"_s << 95
                                 << QStringList{u"camera-not-delivering"_s};
    QTest::newRow("black frames") << measured({camera(u"no-image"_s)}) << u"no-camera-image"_s << 85
                                  << QStringList{u"camera-not-delivering"_s};
}

void TestDiagnosis::measurementsSelectRemedies()
{
    QFETCH(Scenario, scenario);
    QFETCH(QString, cause);
    QFETCH(int, confidence);
    QFETCH(QStringList, remedies);

    const rd::Diagnosis diagnosis = run(scenario);
    const rd::DiagnosedCause* found = diagnosis.cause(cause);
    QVERIFY2(found, qPrintable(summary(diagnosis)));
    QCOMPARE(found->confidence, confidence);
    QCOMPARE(remedyIds(*found), remedies);
    for (const rd::Evidence& item : std::as_const(scenario.measurements)) {
        const auto quoted = std::find_if(
            found->evidenceFor.cbegin(), found->evidenceFor.cend(), [&item](const rd::Evidence& evidence) {
                return evidence.source == item.source && evidence.subject == item.subject &&
                       evidence.finding == item.finding && evidence.quote == item.quote;
            });
        QVERIFY2(quoted != found->evidenceFor.cend(), qPrintable(item.finding));
    }
    QVERIFY(found->technicalLine.contains(u"measured "_s + scenario.measurements.first().subject));
}

void TestDiagnosis::onlyMeasurementEvidenceIsMeasured()
{
    // The same subject and finding from another source is not a measurement.
    Scenario scenario = measured({camera(u"too-dark"_s)});
    scenario.measurements.first().source = rd::EvidenceSource::Answer;
    QVERIFY2(!run(scenario).cause(u"dark-or-noisy-image"_s), qPrintable(summary(run(scenario))));
    scenario.measurements.first().source = rd::EvidenceSource::Measurement;
    QVERIFY(run(scenario).cause(u"dark-or-noisy-image"_s));
}

void TestDiagnosis::serverReplyIsQuoted()
{
    const rd::Diagnosis diagnosis = run(connectAnswers(
        ProbeStatus::ConnectRejected,
        serverSaid(u"NetConnection.Connect.Rejected"_s, u"No scope 'avchat30/_definst_' on this server."_s)));
    const rd::DiagnosedCause* top = diagnosis.topCause();
    QVERIFY(top);
    QCOMPARE(top->causeId, u"red5-application-missing"_s);
    QCOMPARE(top->confidence, 92);
    QCOMPARE(top->evidenceFor.size(), 1);
    const rd::Evidence& evidence = top->evidenceFor.first();
    QCOMPARE(evidence.source, rd::EvidenceSource::Probe);
    QCOMPARE(evidence.subject, u"connect:1935"_s);
    QCOMPARE(evidence.finding, u"connect-rejected"_s);
    QCOMPARE(evidence.quote, u"No scope 'avchat30/_definst_' on this server."_s);
    // The generic reading is still listed, below the specific one.
    QCOMPARE(causeIds(diagnosis),
             (QStringList{u"red5-application-missing"_s, u"wrong-application-or-key"_s}));
}

void TestDiagnosis::remediesFollowTheSetup_data()
{
    QTest::addColumn<QString>("encoder");
    QTest::addColumn<QString>("family");
    QTest::addColumn<QStringList>("remedies");

    const QString meaning = u"avchat-connection-failed-meaning"_s;
    QTest::newRow("AVChat on Red5")
        << u"avchat-3"_s << u"red5"_s
        << QStringList{
               u"explain-restricted-networks"_s, u"use-rtmp-on-web-port"_s, u"open-outbound-ports"_s,
               u"personal-firewall"_s,           u"server-firewall"_s,      u"port-testers"_s,
               u"check-web-ports-free"_s,        u"server-ports-red5"_s,    u"flash-fallback-sequence"_s};
    QTest::newRow("OBS on Wowza")
        << u"obs-studio"_s << u"wowza"_s
        << QStringList{u"explain-restricted-networks"_s, u"use-rtmp-on-web-port"_s, u"open-outbound-ports"_s,
                       u"personal-firewall"_s,           u"server-firewall"_s,      u"port-testers"_s,
                       u"check-web-ports-free"_s,        u"server-ports-wowza"_s};
    QTest::newRow("server unknown: every server's snippet")
        << u"obs-studio"_s << QString()
        << QStringList{
               u"explain-restricted-networks"_s, u"use-rtmp-on-web-port"_s,   u"open-outbound-ports"_s,
               u"personal-firewall"_s,           u"server-firewall"_s,        u"port-testers"_s,
               u"check-web-ports-free"_s,        u"server-ports-ams"_s,       u"server-ports-wowza"_s,
               u"server-ports-red5"_s,           u"server-ports-nginx-rtmp"_s};
}

void TestDiagnosis::remediesFollowTheSetup()
{
    QFETCH(QString, encoder);
    QFETCH(QString, family);
    QFETCH(QStringList, remedies);

    Scenario scenario = firewallDropsRtmpPort();
    scenario.encoderId = encoder;
    scenario.serverFamilyId = family;
    const rd::Diagnosis diagnosis = run(scenario);
    QCOMPARE(diagnosis.topCause()->causeId, u"firewall-blocks-rtmp-port"_s);
    QCOMPARE(remedyIds(*diagnosis.topCause()), remedies);
}

void TestDiagnosis::rankingDoesNotDependOnInputOrder_data()
{
    QTest::addColumn<Scenario>("scenario");
    QTest::newRow("healthy") << healthy();
    QTest::newRow("firewall") << firewallDropsRtmpPort();
    QTest::newRow("only HTTP") << onlyHttpAllowed();
    QTest::newRow("Azure malformed") << azureMalformed();
    QTest::newRow("server down") << serverDown(ProbeStatus::LivenessHttpAnswered);
}

void TestDiagnosis::rankingDoesNotDependOnInputOrder()
{
    QFETCH(Scenario, scenario);
    const rd::Diagnosis reference = run(scenario);
    QVERIFY(reference.hasCauses());
    const QString expected = rd::describeDiagnosis(reference);

    QList<Scenario> variants;
    Scenario reversed = scenario;
    std::reverse(reversed.results.begin(), reversed.results.end());
    variants << reversed;
    for (qsizetype shift = 1; shift < scenario.results.size(); shift += 2) {
        Scenario rotated = scenario;
        std::rotate(rotated.results.begin(), rotated.results.begin() + shift, rotated.results.end());
        variants << rotated;
    }
    variants << scenario; // and simply again
    for (const Scenario& variant : std::as_const(variants)) {
        const rd::Diagnosis again = run(variant);
        QCOMPARE(causeIds(again), causeIds(reference));
        for (qsizetype index = 0; index < again.causes.size(); ++index) {
            QCOMPARE(again.causes[index].confidence, reference.causes[index].confidence);
            QCOMPARE(again.causes[index].evidenceFor, reference.causes[index].evidenceFor);
            QCOMPARE(again.causes[index].evidenceAgainst, reference.causes[index].evidenceAgainst);
            QCOMPARE(remedyIds(again.causes[index]), remedyIds(reference.causes[index]));
        }
        QCOMPARE(rd::describeDiagnosis(again), expected);
    }
}

void TestDiagnosis::laterResultOfAProbeWins()
{
    // The firewall was fixed and tcp:1935 re-run: the later result replaces the first one.
    Scenario scenario = firewallDropsRtmpPort();
    scenario.results += {tcp(1935, ProbeStatus::TcpOpen), handshake(1935, ProbeStatus::HandshakeOk),
                         connectResult(1935, ProbeStatus::ConnectSuccess)};
    const rd::Diagnosis diagnosis = run(scenario);
    QCOMPARE(diagnosis.topCause()->causeId, u"no-problem-found"_s);
    QVERIFY(!diagnosis.cause(u"firewall-blocks-rtmp-port"_s));
}

void TestDiagnosis::equalConfidenceFallsBackToFileOrder()
{
    Scenario scenario;
    scenario.answers = {{u"symptom"_s, {u"no-image"_s, u"dark-or-noisy-image"_s, u"low-framerate"_s}}};
    const rd::Diagnosis diagnosis = run(scenario);
    QCOMPARE(causeIds(diagnosis),
             (QStringList{u"capture-low-framerate"_s, u"dark-or-noisy-image"_s, u"no-camera-image"_s}));
    for (const rd::DiagnosedCause& cause : diagnosis.causes) {
        QCOMPARE(cause.confidence, 75);
        QCOMPARE(cause.evidenceFor.size(), 1);
        QCOMPARE(cause.evidenceFor.first().source, rd::EvidenceSource::Answer);
    }
    QCOMPARE(remedyIds(diagnosis.causes.first()), QStringList{u"improve-frame-rate"_s});
}

void TestDiagnosis::pastedTextAgreeingWithProbesRaisesConfidence()
{
    Scenario probesOnly = connectAnswers(ProbeStatus::ConnectNoReply);
    Scenario both = probesOnly;
    both.pasted = u"12:00:01.000: Connection success, waiting for server\u2026"_s;
    const rd::Diagnosis withoutText = run(probesOnly);
    const rd::Diagnosis withText = run(both);
    QCOMPARE(withoutText.topCause()->confidence, 80);
    QCOMPARE(withText.topCause()->causeId, u"application-not-answering"_s);
    QCOMPARE(withText.topCause()->confidence, 90);
    QVERIFY(hasEvidence(withText.topCause()->evidenceFor, rd::EvidenceSource::ErrorText, u"pasted-text"_s,
                        u"avchat-waiting-for-server"_s));
    QVERIFY(hasEvidence(withText.topCause()->evidenceFor, rd::EvidenceSource::Probe, u"connect:1935"_s,
                        u"connect-no-reply"_s));

    // A message alone suggests its likely causes, most likely first, below what probes can show.
    const rd::Diagnosis textOnly = run(pastedOnly(u"Failed to connect to server"_s));
    QCOMPARE(causeIds(textOnly), (QStringList{u"firewall-blocks-rtmp-port"_s, u"host-unreachable"_s,
                                              u"server-not-running"_s, u"host-name-not-found"_s}));
    QCOMPARE(textOnly.topCause()->confidence, 45);
    QCOMPARE(textOnly.causes.last().confidence, 21);
}

void TestDiagnosis::unknownPastedTextAddsNothing()
{
    const rd::ErrorTextMatch match = m_knowledge->matcher().match(u"the printer is on fire"_s);
    QCOMPARE(match.status, rd::ErrorTextMatch::Status::NotRecognised);
    QVERIFY(!run(pastedOnly(u"the printer is on fire"_s)).hasCauses());
    // ... and the probes still decide.
    Scenario scenario = firewallDropsRtmpPort();
    scenario.pasted = u"the printer is on fire"_s;
    QCOMPARE(run(scenario).topCause()->causeId, u"firewall-blocks-rtmp-port"_s);
}

void TestDiagnosis::secretsNeverAppear()
{
    const QString key = u"SuperSecretKey123"_s;
    Scenario scenario = connectAnswers(
        ProbeStatus::ConnectRejected,
        serverSaid(u"NetConnection.Connect.Rejected"_s, u"No scope 'live/"_s + key + u"' on this server."_s));
    scenario.url = u"rtmp://live.example.com/live/"_s + key;
    scenario.pasted = u"Connection to rtmp://live.example.com/live/"_s + key + u" failed: -3"_s;
    const rd::Diagnosis diagnosis = run(scenario);
    QCOMPARE(diagnosis.topCause()->causeId, u"red5-application-missing"_s);
    const QString text = rd::describeDiagnosis(diagnosis);
    QVERIFY2(!text.contains(key), qPrintable(text));
    QVERIFY2(!text.contains(u"SecretKey"_s), qPrintable(text));
    for (const rd::DiagnosedCause& cause : diagnosis.causes) {
        QVERIFY(!cause.technicalLine.contains(key));
        for (const rd::Evidence& item : cause.evidenceFor + cause.evidenceAgainst)
            QVERIFY2(!item.quote.contains(key), qPrintable(item.quote));
    }
}

void TestDiagnosis::relatedEntriesForAzure()
{
    const rd::Diagnosis diagnosis = run(azureRetired());
    QCOMPARE(causeIds(diagnosis), (QStringList{u"azure-service-retired"_s, u"host-name-not-found"_s}));
    QCOMPARE(diagnosis.topCause()->confidence, 95);
    QCOMPARE(remedyIds(*diagnosis.topCause()),
             (QStringList{u"azure-retired-ask-provider"_s, u"azure-manage-v3"_s}));
    QVERIFY(hasEvidence(diagnosis.topCause()->evidenceFor, rd::EvidenceSource::UrlLint, u"url"_s,
                        u"azure-service-retired"_s));
    QVERIFY(hasEvidence(diagnosis.topCause()->evidenceFor, rd::EvidenceSource::Probe, u"dns"_s,
                        u"dns-no-such-host"_s));
    QVERIFY(diagnosis.relatedEntries.isEmpty());

    Scenario withFamily = azureRetired();
    withFamily.serverFamilyId = u"azure-media-services-v3"_s;
    QStringList related;
    for (const rd::KnowledgeEntry& entry : run(withFamily).relatedEntries)
        related.append(entry.id);
    QCOMPARE(related, (QStringList{u"azure-vanity-or-not"_s, u"azure-recommended-encoders"_s}));
}

void TestDiagnosis::describesTheDiagnosis()
{
    Scenario scenario = firewallDropsRtmpPort();
    scenario.serverFamilyId = u"red5"_s;
    scenario.encoderId = u"obs-studio"_s;
    const QString text = rd::describeDiagnosis(run(scenario));
    const QStringList lines = text.split(u'\n');
    QCOMPARE(lines.first(),
             u"1. A firewall blocks the RTMP port (confidence 90%) [firewall-blocks-rtmp-port]"_s);
    QCOMPARE(lines.at(1),
             u"   In plain words: A firewall lets web traffic through but silently blocks the streaming "
             u"port, which is common on company, school and hotel networks."_s);
    QVERIFY(lines.at(2).startsWith(u"   Technical: TCP to the URL's port gets no answer"_s));
    QCOMPARE(lines.at(3), u"   + tcp:1935:ipv4 tcp-filtered: tcp:1935:ipv4 reported tcp-filtered"_s);
    QVERIFY(lines.contains(u"   b) Use RTMP on port 443 or 80 (for the broadcaster)"_s));
    QVERIFY(lines.contains(u"         conf/red5.properties:"_s));
    QVERIFY(lines.contains(u"             rtmp.port=443"_s));
    QVERIFY(lines.contains(u"         Re-test: tcp:443:*, handshake:443, connect"_s));
    QVERIFY(!text.contains(u"conf/fms.ini"_s));
    QVERIFY(text.endsWith(u'\n'));
}

void TestDiagnosis::describeEmptyDiagnosis()
{
    QCOMPARE(
        rd::describeDiagnosis(rd::Diagnosis{}),
        u"No cause found: nothing in the checks, the address or the pasted text points to a known problem.\n"_s);
}

void TestDiagnosis::secretsAreHiddenOnlyWhereTheyStandAlone()
{
    const QString hidden = rd::redactSecret(u"stream"_s);
    QCOMPARE(rd::hideSecretsInText(u"This endpoint no longer takes streams; key: stream, again (stream)"_s,
                                   {u"stream"_s}),
             u"This endpoint no longer takes streams; key: "_s + hidden + u", again ("_s + hidden + u')');
    QCOMPARE(rd::hideSecretsInText(u"key abc"_s, {u"abc"_s}), u"key abc"_s); // too short to hide usefully
    QCOMPARE(rd::hideSecretsInText(u"see rtmp://live.example.com/app/k3y-Secret please"_s, {}),
             u"see rtmp://live.example.com/app/"_s + rd::redactSecret(u"k3y-Secret"_s) + u" please"_s);
    // The URL-encoded form of a secret is hidden too.
    const QString password = u"pa*ss~word!"_s;
    QCOMPARE(rd::hideSecretsInText(u"proxy said: user=pa%2Ass~word%21 denied"_s, {password}),
             u"proxy said: user="_s + rd::redactSecret(u"pa%2Ass~word%21"_s) + u" denied"_s);
    // A quote clipped to one line can end inside a key.
    const QString key = u"Xk29fjQmZ7pLr4TvBn8w"_s;
    QCOMPARE(rd::hideSecretsInText(u"refused: Xk29fjQm…"_s, {key}),
             u"refused: "_s + rd::redactSecret(key) + u"…"_s);
    QCOMPARE(rd::hideSecretsInText(u"refused: aXk29fjQm…"_s, {key}), u"refused: aXk29fjQm…"_s);
}

QTEST_GUILESS_MAIN(TestDiagnosis)
#include "tst_diagnosis.moc"
