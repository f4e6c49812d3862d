// The report model: JSON round trip field by field, damaged and hostile files, secrets in every
// output, atomic writes, the verdict, the grid and the ticket summary.

#include "report/reportfile.h"
#include "report/reportgrid.h"
#include "report/reportmodel.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

using namespace Qt::StringLiterals;
using namespace rd;

Q_DECLARE_METATYPE(rd::ReportVerdict)
Q_DECLARE_METATYPE(rd::ReportFileResult::Status)

namespace {

QString randomKey(int length = 24)
{
    // No digits-only or dictionary-like keys: the key must not occur in the report by accident.
    static const QLatin1StringView alphabet("abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ");
    QString key;
    for (int i = 0; i < length; ++i)
        key += QChar(alphabet.at(QRandomGenerator::global()->bounded(int(alphabet.size()))));
    return key;
}

ProbeResult probe(const QString& probeId, ProbeKind kind, quint16 port, ProbeStatus status,
                  Transport transport = Transport::PlainTcp)
{
    ProbeResult result;
    result.probeId = probeId;
    result.kind = kind;
    result.target.host = u"live.example.com"_s;
    result.target.address = u"127.0.0.1"_s;
    result.target.port = port;
    result.target.transport = transport;
    result.target.application = u"live"_s;
    result.target.tcUrl = u"rtmp://live.example.com/live"_s;
    result.status = status;
    result.message = u"%1 says %2"_s.arg(probeId, probeStatusId(status));
    return result;
}

// A model with something in every field, so a field the JSON forgets shows up.
ReportModel fullModel(const QString& key)
{
    ReportModel model;
    model.startedAt = QDateTime(QDate(2026, 3, 14), QTime(9, 26, 53, 589), Qt::UTC);
    model.finishedAt = model.startedAt.addMSecs(12345);
    model.verdict = ReportVerdict::Problem;
    model.verdictSummary = u"The server did not accept the connection: nginx closed it."_s;

    ReportInputs& inputs = model.inputs;
    inputs.encoderId = u"obs-studio"_s;
    inputs.encoderName = u"OBS Studio"_s;
    inputs.serverFamilyId = u"nginx-rtmp"_s;
    inputs.serverFamilyName = u"nginx-rtmp"_s;
    inputs.serverFamilyReason = u"port 1935 and the application name"_s;
    inputs.ingestUrl = u"rtmp://live.example.com/live/•••• (24 characters hidden)"_s;
    inputs.ingestUrlRevealed = u"rtmp://live.example.com/live/"_s + key;
    inputs.separateStreamKey = true;
    inputs.urlFindings << UrlFinding{Severity::Warning, UrlLintCode::FlashPortFallback, u"Flash falls back"_s,
                                     UrlField::StreamKey, TextSpan{3, 4}};
    inputs.urlFindings << UrlFinding{Severity::Error, UrlLintCode::MissingStreamKey, u"no key"_s,
                                     UrlField::Url, TextSpan{}};
    inputs.publishCheck = true;
    inputs.proxy = u"none (the user said there is no proxy)"_s;
    inputs.gridPorts = {1935, 443, 80};
    inputs.pastedErrorText = u"Failed to connect to server. «Ünïcødé» \"quotes\"\nsecond line"_s;

    ReportEnvironment& environment = model.environment;
    environment.operatingSystem = u"Debian GNU/Linux 12 (bookworm)"_s;
    environment.applicationName = u"RTMP Doctor"_s;
    environment.applicationVersion = u"0.1.0"_s;
    environment.qtVersion = u"6.4.2"_s;
    environment.tlsLibrary = u"OpenSSL 3.0.15"_s;
    environment.proxy = u"the system's settings: none"_s;
    environment.localAddresses = {u"lo 127.0.0.1/8"_s, u"lo ::1/128"_s};

    model.timeline << TimelineEvent{0, TimelineEventKind::Queued, u"dns"_s, {}}
                   << TimelineEvent{1, TimelineEventKind::Started, u"dns"_s, {}}
                   << TimelineEvent{15, TimelineEventKind::Finished, u"dns"_s, u"dns-resolved"_s}
                   << TimelineEvent{9000, TimelineEventKind::Note, {}, u"Cancelled by the user."_s};

    ProbeResult dns = probe(u"dns"_s, ProbeKind::Dns, 1935, ProbeStatus::DnsResolved);
    dns.startedAtMs = 1;
    dns.elapsedMs = 14;
    dns.steps << ProbeStep{u"lookup"_s, 0, 14, u"127.0.0.1"_s} << ProbeStep{u"done"_s, 14, -1, {}};
    QVariantMap nested{{u"index"_s, 1.0}, {u"reason"_s, u"why"_s}};
    dns.facts = {{u"addresses"_s, QVariantList{u"127.0.0.1"_s, u"::1"_s}},
                 {u"count"_s, 2.0},
                 {u"flag"_s, true},
                 {u"steps"_s, QVariantList{nested}},
                 {u"nothing"_s, QVariant::fromValue(nullptr)}};
    ProbeResult connect =
        probe(u"connect:1935"_s, ProbeKind::Connect, 1935, ProbeStatus::ConnectClosedSilently);
    connect.target.streamKey = key;
    connect.startedAtMs = 40;
    connect.elapsedMs = 5007;
    connect.transcript << TranscriptEntry{0, TranscriptDirection::Sent, u"C0+C1"_s,
                                          QByteArray("\x03\x00\xff\x10", 4)}
                       << TranscriptEntry{3, TranscriptDirection::Received, u"S0+S1+S2"_s,
                                          QByteArray(3073, '\x7f')}
                       << TranscriptEntry{9, TranscriptDirection::Note, u"closed"_s, {}};
    model.probes << dns << connect
                 << probe(u"tls:443"_s, ProbeKind::Tls, 443, ProbeStatus::TlsNoAnswer, Transport::Tls);

    ReportRemedy remedy;
    remedy.id = u"check-application-name"_s;
    remedy.title = u"Check the application name"_s;
    remedy.audience = Audience::ServerAdmin;
    remedy.explanation = u"The part after the host names the application."_s;
    RemedyStep first;
    first.text = u"Compare the application with the server's configuration."_s;
    first.retest = {u"connect"_s, u"tcp:443:*"_s};
    first.snippets << ConfigSnippet{u"nginx-rtmp"_s, u"nginx.conf"_s, u"application live {\n  live on;\n}"_s};
    RemedyStep second;
    second.text = u"Ask the service for the address."_s;
    second.verify = u"The service confirms it."_s;
    remedy.steps << first << second;

    ReportCause cause;
    cause.causeId = u"wrong-application"_s;
    cause.title = u"The application name is wrong"_s;
    cause.confidence = 85;
    cause.plainExplanation = u"The server does not know this application."_s;
    cause.technicalLine = u"nginx-rtmp closes after connect for unknown apps."_s;
    cause.evidenceFor << Evidence{EvidenceSource::Probe, u"connect:1935"_s, u"connect-closed-silently"_s,
                                  u"closed right after connect"_s, u"nginx does that"_s};
    cause.evidenceAgainst << Evidence{EvidenceSource::Answer, u"symptom"_s, u"no-image"_s, u"no image"_s,
                                      u"would need a connection"_s};
    cause.remedies << remedy;
    model.diagnosis.causes << cause;
    ReportCause second2 = cause;
    second2.causeId = u"server-down"_s;
    second2.title = u"The server is down"_s;
    second2.confidence = 10;
    second2.remedies.clear();
    model.diagnosis.causes << second2;
    ReportCause ruledOut;
    ruledOut.causeId = u"host-name-not-found"_s;
    ruledOut.title = u"The server name does not exist"_s;
    ruledOut.plainExplanation = u"The name cannot be found."_s;
    ruledOut.technicalLine = u"NXDOMAIN."_s;
    ruledOut.evidenceFor << Evidence{EvidenceSource::ErrorText, u"pasted-text"_s, u"obs-failed-to-connect"_s,
                                     u"Failed to connect to server"_s,
                                     u"The pasted message usually has this cause."_s};
    ruledOut.evidenceAgainst << Evidence{EvidenceSource::Probe, u"dns"_s, u"dns-resolved"_s,
                                         u"dns reported dns-resolved"_s, u"the name resolved to addresses"_s};
    model.diagnosis.ruledOut << ruledOut;
    ReportRemedy related = remedy;
    related.id = u"azure-rules"_s;
    related.audience = Audience::HelpDesk;
    model.diagnosis.relatedEntries << related;

    model.answers.insert(u"symptom"_s, {u"no-image"_s, u"low-framerate"_s});
    model.answers.insert(u"network"_s, {u"office"_s});

    WalkthroughEntry tried;
    tried.remedyId = remedy.id;
    tried.stepIndex = 1;
    tried.helped = false;
    tried.answeredAt = model.startedAt.addSecs(60);
    tried.retestResults << probe(u"connect:1935"_s, ProbeKind::Connect, 1935, ProbeStatus::ConnectSuccess);
    model.walkthrough << tried;

    model.secrets = {key};
    return model;
}

void compareProbe(const ProbeResult& actual, const ProbeResult& expected)
{
    QCOMPARE(actual.probeId, expected.probeId);
    QCOMPARE(actual.kind, expected.kind);
    QCOMPARE(actual.status, expected.status);
    QCOMPARE(actual.message, expected.message);
    QCOMPARE(actual.target.host, expected.target.host);
    QCOMPARE(actual.target.address, expected.target.address);
    QCOMPARE(actual.target.port, expected.target.port);
    QCOMPARE(actual.target.transport, expected.target.transport);
    QCOMPARE(actual.target.application, expected.target.application);
    QCOMPARE(actual.target.tcUrl, expected.target.tcUrl);
    QCOMPARE(actual.target.streamKey, expected.target.streamKey);
    QCOMPARE(actual.startedAtMs, expected.startedAtMs);
    QCOMPARE(actual.elapsedMs, expected.elapsedMs);
    QCOMPARE(actual.steps.size(), expected.steps.size());
    for (qsizetype i = 0; i < expected.steps.size(); ++i) {
        QCOMPARE(actual.steps.at(i).name, expected.steps.at(i).name);
        QCOMPARE(actual.steps.at(i).atMs, expected.steps.at(i).atMs);
        QCOMPARE(actual.steps.at(i).durationMs, expected.steps.at(i).durationMs);
        QCOMPARE(actual.steps.at(i).detail, expected.steps.at(i).detail);
    }
    QCOMPARE(actual.transcript.size(), expected.transcript.size());
    for (qsizetype i = 0; i < expected.transcript.size(); ++i) {
        QCOMPARE(actual.transcript.at(i).atMs, expected.transcript.at(i).atMs);
        QCOMPARE(actual.transcript.at(i).direction, expected.transcript.at(i).direction);
        QCOMPARE(actual.transcript.at(i).summary, expected.transcript.at(i).summary);
        QCOMPARE(actual.transcript.at(i).bytes, expected.transcript.at(i).bytes);
    }
    QCOMPARE(actual.facts, expected.facts);
}

void compareRemedy(const ReportRemedy& actual, const ReportRemedy& expected)
{
    QCOMPARE(actual.id, expected.id);
    QCOMPARE(actual.title, expected.title);
    QCOMPARE(actual.audience, expected.audience);
    QCOMPARE(actual.explanation, expected.explanation);
    QCOMPARE(actual.steps.size(), expected.steps.size());
    for (qsizetype i = 0; i < expected.steps.size(); ++i) {
        const RemedyStep& a = actual.steps.at(i);
        const RemedyStep& e = expected.steps.at(i);
        QCOMPARE(a.text, e.text);
        QCOMPARE(a.retest, e.retest);
        QCOMPARE(a.verify, e.verify);
        QCOMPARE(a.snippets.size(), e.snippets.size());
        for (qsizetype s = 0; s < e.snippets.size(); ++s) {
            QCOMPARE(a.snippets.at(s).serverFamilyId, e.snippets.at(s).serverFamilyId);
            QCOMPARE(a.snippets.at(s).file, e.snippets.at(s).file);
            QCOMPARE(a.snippets.at(s).text, e.snippets.at(s).text);
        }
    }
}

// Field by field, so a failure names the field.
void compareModels(const ReportModel& actual, const ReportModel& expected)
{
    QCOMPARE(actual.startedAt, expected.startedAt);
    QCOMPARE(actual.finishedAt, expected.finishedAt);
    QCOMPARE(actual.verdict, expected.verdict);
    QCOMPARE(actual.verdictSummary, expected.verdictSummary);

    const ReportInputs& a = actual.inputs;
    const ReportInputs& e = expected.inputs;
    QCOMPARE(a.encoderId, e.encoderId);
    QCOMPARE(a.encoderName, e.encoderName);
    QCOMPARE(a.serverFamilyId, e.serverFamilyId);
    QCOMPARE(a.serverFamilyName, e.serverFamilyName);
    QCOMPARE(a.serverFamilyReason, e.serverFamilyReason);
    QCOMPARE(a.ingestUrl, e.ingestUrl);
    QCOMPARE(a.ingestUrlRevealed, e.ingestUrlRevealed);
    QCOMPARE(a.separateStreamKey, e.separateStreamKey);
    QCOMPARE(a.publishCheck, e.publishCheck);
    QCOMPARE(a.proxy, e.proxy);
    QCOMPARE(a.gridPorts, e.gridPorts);
    QCOMPARE(a.pastedErrorText, e.pastedErrorText);
    QCOMPARE(a.urlFindings.size(), e.urlFindings.size());
    for (qsizetype i = 0; i < e.urlFindings.size(); ++i) {
        QCOMPARE(a.urlFindings.at(i).severity, e.urlFindings.at(i).severity);
        QCOMPARE(a.urlFindings.at(i).code, e.urlFindings.at(i).code);
        QCOMPARE(a.urlFindings.at(i).message, e.urlFindings.at(i).message);
        QCOMPARE(a.urlFindings.at(i).field, e.urlFindings.at(i).field);
        QCOMPARE(a.urlFindings.at(i).span, e.urlFindings.at(i).span);
    }

    QCOMPARE(actual.environment.operatingSystem, expected.environment.operatingSystem);
    QCOMPARE(actual.environment.applicationName, expected.environment.applicationName);
    QCOMPARE(actual.environment.applicationVersion, expected.environment.applicationVersion);
    QCOMPARE(actual.environment.qtVersion, expected.environment.qtVersion);
    QCOMPARE(actual.environment.tlsLibrary, expected.environment.tlsLibrary);
    QCOMPARE(actual.environment.proxy, expected.environment.proxy);
    QCOMPARE(actual.environment.localAddresses, expected.environment.localAddresses);

    QCOMPARE(actual.timeline, expected.timeline);

    QCOMPARE(actual.probes.size(), expected.probes.size());
    for (qsizetype i = 0; i < expected.probes.size(); ++i)
        compareProbe(actual.probes.at(i), expected.probes.at(i));

    QCOMPARE(actual.diagnosis.causes.size(), expected.diagnosis.causes.size());
    QCOMPARE(actual.diagnosis.ruledOut.size(), expected.diagnosis.ruledOut.size());
    const QList<ReportCause> actualCauses = actual.diagnosis.causes + actual.diagnosis.ruledOut;
    const QList<ReportCause> expectedCauses = expected.diagnosis.causes + expected.diagnosis.ruledOut;
    for (qsizetype i = 0; i < expectedCauses.size(); ++i) {
        const ReportCause& ac = actualCauses.at(i);
        const ReportCause& ec = expectedCauses.at(i);
        QCOMPARE(ac.causeId, ec.causeId);
        QCOMPARE(ac.title, ec.title);
        QCOMPARE(ac.confidence, ec.confidence);
        QCOMPARE(ac.plainExplanation, ec.plainExplanation);
        QCOMPARE(ac.technicalLine, ec.technicalLine);
        QCOMPARE(ac.evidenceFor, ec.evidenceFor);
        QCOMPARE(ac.evidenceAgainst, ec.evidenceAgainst);
        QCOMPARE(ac.remedies.size(), ec.remedies.size());
        for (qsizetype r = 0; r < ec.remedies.size(); ++r)
            compareRemedy(ac.remedies.at(r), ec.remedies.at(r));
    }
    QCOMPARE(actual.diagnosis.relatedEntries.size(), expected.diagnosis.relatedEntries.size());
    for (qsizetype r = 0; r < expected.diagnosis.relatedEntries.size(); ++r)
        compareRemedy(actual.diagnosis.relatedEntries.at(r), expected.diagnosis.relatedEntries.at(r));

    QCOMPARE(actual.answers, expected.answers);

    QCOMPARE(actual.walkthrough.size(), expected.walkthrough.size());
    for (qsizetype i = 0; i < expected.walkthrough.size(); ++i) {
        const WalkthroughEntry& aw = actual.walkthrough.at(i);
        const WalkthroughEntry& ew = expected.walkthrough.at(i);
        QCOMPARE(aw.remedyId, ew.remedyId);
        QCOMPARE(aw.stepIndex, ew.stepIndex);
        QCOMPARE(aw.helped, ew.helped);
        QCOMPARE(aw.answeredAt, ew.answeredAt);
        QCOMPARE(aw.retestResults.size(), ew.retestResults.size());
        for (qsizetype r = 0; r < ew.retestResults.size(); ++r)
            compareProbe(aw.retestResults.at(r), ew.retestResults.at(r));
    }
    QCOMPARE(actual.secrets, expected.secrets);
}

QByteArray validJson()
{
    return fullModel(u"abcdefghijkmnopq"_s).toJson();
}

// The valid report with one value replaced (a JSON path of object keys and array indexes).
QByteArray withValue(const QStringList& path, const QJsonValue& value)
{
    const std::function<QJsonValue(const QJsonValue&, qsizetype)> replace =
        [&](const QJsonValue& node, qsizetype depth) -> QJsonValue {
        if (depth == path.size())
            return value;
        const QString& step = path.at(depth);
        bool isIndex = false;
        const int index = step.toInt(&isIndex);
        if (isIndex) {
            QJsonArray array = node.toArray();
            array[index] = replace(array.at(index), depth + 1);
            return array;
        }
        QJsonObject object = node.toObject();
        object[step] = replace(object.value(step), depth + 1);
        return object;
    };
    const QJsonDocument document = QJsonDocument::fromJson(validJson());
    return QJsonDocument(replace(document.object(), 0).toObject()).toJson();
}

QByteArray withoutKey(const QStringList& path)
{
    QJsonObject root = QJsonDocument::fromJson(validJson()).object();
    if (path.size() == 1) {
        root.remove(path.first());
        return QJsonDocument(root).toJson();
    }
    QJsonArray probes = root.value(path.at(0)).toArray();
    QJsonObject first = probes.at(path.at(1).toInt()).toObject();
    first.remove(path.at(2));
    probes[path.at(1).toInt()] = first;
    root[path.at(0)] = probes;
    return QJsonDocument(root).toJson();
}

} // namespace

class TestReportModel : public QObject
{
    Q_OBJECT

private slots:
    void roundTripIsExact_data()
    {
        QTest::addColumn<bool>("withSecrets");
        QTest::addColumn<bool>("empty");
        QTest::newRow("full model, secrets included") << true << false;
        QTest::newRow("full model without secrets") << false << false;
        QTest::newRow("empty model") << false << true;
    }

    void roundTripIsExact()
    {
        QFETCH(bool, withSecrets);
        QFETCH(bool, empty);
        ReportModel original = empty ? ReportModel{} : fullModel(randomKey());
        if (!withSecrets) {
            // What a redacted save keeps is what reopens.
            original = original.prepared();
        }
        const QByteArray json = original.toJson(ReportOptions{withSecrets});
        QString error = u"not cleared"_s;
        const ReportModel reopened = ReportModel::fromJson(json, &error);
        QCOMPARE(error, QString());
        compareModels(reopened, original);
        // And saving the reopened model gives the same bytes.
        QCOMPARE(reopened.toJson(ReportOptions{withSecrets}), json);
    }

    void schemaVersionAndShape()
    {
        const QJsonObject root = QJsonDocument::fromJson(validJson()).object();
        QCOMPARE(root.value(u"schemaVersion").toInt(), 1);
        QCOMPARE(root.value(u"secretsIncluded").toBool(true), false);
        QVERIFY(!root.contains(u"secrets"));
        QCOMPARE(root.value(u"verdict").toObject().value(u"id").toString(), u"problem"_s);
        const QJsonObject connect = root.value(u"probes").toArray().at(1).toObject();
        QCOMPARE(connect.value(u"status").toString(), u"connect-closed-silently"_s);
        QCOMPARE(connect.value(u"verdict").toString(), u"fail"_s);
        QVERIFY(!connect.value(u"target").toObject().contains(u"streamKey"));
        QCOMPARE(connect.value(u"transcript").toArray().at(0).toObject().value(u"bytes").toString(),
                 u"AwD/EA=="_s);
    }

    // Reports saved before "ruledOut" existed still open, with nothing ruled out.
    void reportWithoutRuledOutOpens()
    {
        QJsonObject root = QJsonDocument::fromJson(validJson()).object();
        QJsonObject diagnosis = root.value(u"diagnosis").toObject();
        QCOMPARE(diagnosis.value(u"ruledOut").toArray().size(), 1);
        diagnosis.remove(u"ruledOut"_s);
        root.insert(u"diagnosis"_s, diagnosis);
        QString error = u"not cleared"_s;
        const ReportModel reopened = ReportModel::fromJson(QJsonDocument(root).toJson(), &error);
        QCOMPARE(error, QString());
        QVERIFY(reopened.diagnosis.ruledOut.isEmpty());
        QCOMPARE(reopened.diagnosis.causes.size(), 2);
    }

    void damagedFiles_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("expectedError");

        const QByteArray valid = validJson();
        QTest::newRow("empty") << QByteArray() << u"the file is empty"_s;
        QTest::newRow("whitespace") << QByteArray(" \n\t") << u"the file is empty"_s;
        QTest::newRow("not json") << QByteArray("hello") << u"not valid JSON"_s;
        QTest::newRow("cut in half") << valid.left(valid.size() / 2) << u"not valid JSON"_s;
        QTest::newRow("array") << QByteArray("[1,2]")
                               << u"not an RTMP Doctor report (the JSON is not an object)"_s;
        QTest::newRow("no schema version")
            << QByteArray("{\"probes\": []}") << u"not an RTMP Doctor report (no \"schemaVersion\")"_s;
        QTest::newRow("newer schema")
            << withValue({u"schemaVersion"_s}, 2)
            << u"schemaVersion 2 cannot be read by this version, which reads schema 1"_s;
        QTest::newRow("schema as text")
            << withValue({u"schemaVersion"_s}, u"1"_s) << u"schemaVersion \"1\" cannot be read"_s;
        QTest::newRow("no verdict") << withoutKey({u"verdict"_s}) << u"verdict: missing"_s;
        QTest::newRow("unknown verdict")
            << withValue({u"verdict"_s, u"id"_s}, u"great"_s) << u"verdict.id: unknown verdict \"great\""_s;
        QTest::newRow("probes not an array")
            << withValue({u"probes"_s}, u"x"_s) << u"probes: expected an array"_s;
        QTest::newRow("probe not an object")
            << withValue({u"probes"_s, u"1"_s}, 5) << u"probes[1]: expected an object"_s;
        QTest::newRow("probe without id")
            << withoutKey({u"probes"_s, u"0"_s, u"id"_s}) << u"probes[0].id: missing"_s;
        QTest::newRow("unknown status") << withValue({u"probes"_s, u"1"_s, u"status"_s}, u"on-fire"_s)
                                        << u"probes[1].status: unknown probe status \"on-fire\""_s;
        QTest::newRow("unknown kind") << withValue({u"probes"_s, u"0"_s, u"kind"_s}, u"telepathy"_s)
                                      << u"probes[0].kind: unknown probe kind \"telepathy\""_s;
        QTest::newRow("port out of range")
            << withValue({u"probes"_s, u"0"_s, u"target"_s, u"port"_s}, 70000)
            << u"probes[0].target.port: expected a whole number from 0 to 65535"_s;
        QTest::newRow("fractional time") << withValue({u"probes"_s, u"0"_s, u"elapsedMs"_s}, 1.5)
                                         << u"probes[0].elapsedMs: expected a whole number"_s;
        QTest::newRow("negative time") << withValue({u"probes"_s, u"0"_s, u"startedAtMs"_s}, -3)
                                       << u"probes[0].startedAtMs: expected a whole number"_s;
        QTest::newRow("bad base64") << withValue({u"probes"_s, u"1"_s, u"transcript"_s, u"0"_s, u"bytes"_s},
                                                 u"@@@"_s)
                                    << u"probes[1].transcript[0].bytes: not base64"_s;
        QTest::newRow("confidence above 100")
            << withValue({u"diagnosis"_s, u"causes"_s, u"0"_s, u"confidence"_s}, 101)
            << u"diagnosis.causes[0].confidence: expected a whole number from 0 to 100"_s;
        QTest::newRow("unknown audience")
            << withValue({u"diagnosis"_s, u"causes"_s, u"0"_s, u"remedies"_s, u"0"_s, u"audience"_s},
                         u"cat"_s)
            << u"diagnosis.causes[0].remedies[0].audience: unknown audience \"cat\""_s;
        QTest::newRow("bad date") << withValue({u"startedAt"_s}, u"yesterday"_s)
                                  << u"startedAt: not an ISO 8601 date and time: \"yesterday\""_s;
        QTest::newRow("answer not a list") << withValue({u"answers"_s, u"symptom"_s}, u"no-image"_s)
                                           << u"answers.symptom: expected an array of choice ids"_s;
        QTest::newRow("unknown lint code")
            << withValue({u"inputs"_s, u"urlFindings"_s, u"0"_s, u"code"_s}, u"nope"_s)
            << u"inputs.urlFindings[0].code: unknown lint code \"nope\""_s;
        QTest::newRow("walkthrough step index") << withValue({u"walkthrough"_s, u"0"_s, u"stepIndex"_s}, -1)
                                                << u"walkthrough[0].stepIndex: expected a whole number"_s;
        QTest::newRow("deep nesting")
            << (QByteArray(5000, '[') + QByteArray(5000, ']')) << u"not valid JSON"_s;
        QTest::newRow("too large") << QByteArray(ReportModel::kMaxJsonBytes + 1, ' ')
                                   << u"the file is larger than 32 MiB"_s;
    }

    void damagedFiles()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, expectedError);
        QString error;
        const ReportModel model = ReportModel::fromJson(json, &error);
        QVERIFY2(error.startsWith(expectedError), qPrintable(error));
        QVERIFY(model.probes.isEmpty());
        QVERIFY(!model.startedAt.isValid());
    }

    void hostileInputNeverCrashes()
    {
        // Deterministic mutations of a valid file: flipped bytes, cut ends, repeated blocks. Every one
        // must come back as a model or an error, quickly.
        const QByteArray valid = validJson();
        QRandomGenerator random(20260314);
        int errors = 0;
        for (int round = 0; round < 400; ++round) {
            QByteArray mutated = valid;
            const int edits = 1 + random.bounded(8);
            for (int e = 0; e < edits; ++e) {
                const qsizetype at = random.bounded(int(mutated.size()));
                switch (random.bounded(3)) {
                case 0:
                    mutated[at] = char(random.bounded(256));
                    break;
                case 1:
                    mutated.truncate(at);
                    break;
                default:
                    mutated.insert(at, mutated.mid(at, 64));
                    break;
                }
                if (mutated.isEmpty())
                    break;
            }
            QString error;
            const ReportModel model = ReportModel::fromJson(mutated, &error);
            if (!error.isEmpty()) {
                ++errors;
                QVERIFY(model.probes.isEmpty());
            }
        }
        QVERIFY(errors > 0);
    }

    void secretsNeverLeave_data()
    {
        QTest::addColumn<QString>("where");
        for (const char* where :
             {"probe message", "transcript summary", "transcript bytes", "nested fact", "fact key",
              "evidence quote", "pasted text", "remedy snippet", "answer", "verdict summary", "step detail",
              "retest result", "percent-encoded", "different case"})
            QTest::newRow(where) << QString::fromLatin1(where);
    }

    void secretsNeverLeave()
    {
        QFETCH(QString, where);
        const QString key = randomKey();
        ReportModel model = fullModel(key);
        ProbeResult& connect = model.probes[1];
        if (where == u"probe message")
            connect.message = u"publish of "_s + key + u" refused"_s;
        else if (where == u"transcript summary")
            connect.transcript[0].summary = u"publish('"_s + key + u"')"_s;
        else if (where == u"transcript bytes")
            connect.transcript[1].bytes =
                QByteArray("\x02\x00\x18", 3) + key.toUtf8() + QByteArray("\x00\x09", 2);
        else if (where == u"nested fact")
            connect.facts.insert(u"reply"_s, QVariantList{QVariantMap{{u"description"_s, u"key="_s + key}}});
        else if (where == u"fact key")
            connect.facts.insert(key, true);
        else if (where == u"evidence quote")
            model.diagnosis.causes[0].evidenceFor[0].quote = u"server said "_s + key;
        else if (where == u"pasted text")
            model.inputs.pastedErrorText = u"rtmp://h/app/"_s + key + u" failed"_s;
        else if (where == u"remedy snippet")
            model.diagnosis.causes[0].remedies[0].steps[0].snippets[0].text = key;
        else if (where == u"answer")
            model.answers.insert(u"free-text"_s, {key});
        else if (where == u"verdict summary")
            model.verdictSummary = u"refused "_s + key;
        else if (where == u"step detail")
            model.probes[0].steps[0].detail = key;
        else if (where == u"retest result")
            model.walkthrough[0].retestResults[0].message = key;
        else if (where == u"percent-encoded") {
            model.secrets = {key + u"/+="_s};
            connect.message = QString::fromLatin1(QUrl::toPercentEncoding(key + u"/+="_s));
        } else if (where == u"different case")
            connect.message = key.toUpper();

        const QString hidden = key.left(8);
        const QString json = QString::fromUtf8(model.toJson());
        QVERIFY2(!json.contains(hidden, Qt::CaseInsensitive), qPrintable(where));
        const QJsonArray probes = QJsonDocument::fromJson(model.toJson()).object().value(u"probes").toArray();
        for (const QJsonValue& saved : probes) {
            for (const QJsonValue& entry : saved.toObject().value(u"transcript").toArray()) {
                const QByteArray bytes =
                    QByteArray::fromBase64(entry.toObject().value(u"bytes").toString().toLatin1());
                QVERIFY(!bytes.toLower().contains(hidden.toLower().toUtf8()));
            }
        }
        QVERIFY2(!model.toTicketSummary().contains(hidden, Qt::CaseInsensitive), qPrintable(where));

        // The in-memory model is untouched, and the explicit option includes the secrets.
        QVERIFY(model.inputs.ingestUrlRevealed.contains(key));
        const QByteArray included = model.toJson(ReportOptions{true});
        QVERIFY(QString::fromUtf8(included).contains(key));
        QVERIFY(model.toTicketSummary(ReportOptions{true}).contains(u"contains the stream key"_s));
    }

    void secretsOfUrlAndPlan()
    {
        const QString key = randomKey();
        UrlParseOptions options;
        options.separateStreamKey = key;
        const IngestUrl url = IngestUrl::parse(u"rtmp://alice:s3cret-pw@live.example.com/app"_s, options);
        DiagnosticPlan plan = DiagnosticPlan::fromIngestUrl(url);
        plan.proxy.mode = ProxyMode::Explicit;
        plan.proxy.explicitProxy =
            QNetworkProxy(QNetworkProxy::HttpProxy, u"proxy"_s, 3128, u"bob"_s, u"hunter22"_s);
        const QStringList secrets = ReportModel::secretsOf(url, plan);
        for (const QString& expected : {key, u"alice"_s, u"s3cret-pw"_s, u"bob"_s, u"hunter22"_s})
            QVERIFY2(secrets.contains(expected), qPrintable(secrets.join(u',')));
    }

    void secretsOfIncludeHiddenQueryValues()
    {
        const IngestUrl url = IngestUrl::parse(
            u"rtmp://live.example.com/app/key1234?token=tok-9f8e7d&region=eu&wowzatokenhash=Zm9vYmFy_x"_s);
        const QStringList secrets = ReportModel::secretsOf(url, DiagnosticPlan::fromIngestUrl(url));
        for (const QString& expected : {u"key1234"_s, u"tok-9f8e7d"_s, u"Zm9vYmFy_x"_s})
            QVERIFY2(secrets.contains(expected), qPrintable(secrets.join(u',')));
        // A short value under a plain name is shown in the URL, so it is no secret.
        QVERIFY(!secrets.contains(u"eu"_s));
    }

    // Found by fuzz_sessionfile: an edited or damaged session file carried the key in the
    // encoder id, which the ticket summary printed as it was.
    void secretsInAnyLoadedFieldAreHidden_data()
    {
        QTest::addColumn<QString>("field");
        for (const char* field : {"encoderId", "encoderName", "serverFamilyId", "serverFamilyName",
                                  "operatingSystem", "applicationVersion", "tlsLibrary", "localAddress",
                                  "probeId", "causeId", "remedyId", "ruledOutCauseId", "ruledOutReason"})
            QTest::newRow(field) << QString::fromLatin1(field);
    }

    void secretsInAnyLoadedFieldAreHidden()
    {
        QFETCH(QString, field);
        const QString secret = u"k3yK3yK3ySecret42"_s;
        ReportModel model;
        model.secrets = {secret};
        const QString carrier = u"obs-stu/live/"_s + secret;
        if (field == u"encoderId")
            model.inputs.encoderId = carrier;
        else if (field == u"encoderName")
            model.inputs.encoderName = carrier;
        else if (field == u"serverFamilyId")
            model.inputs.serverFamilyId = carrier;
        else if (field == u"serverFamilyName")
            model.inputs.serverFamilyName = carrier;
        else if (field == u"operatingSystem")
            model.environment.operatingSystem = carrier;
        else if (field == u"applicationVersion")
            model.environment.applicationVersion = carrier;
        else if (field == u"tlsLibrary")
            model.environment.tlsLibrary = carrier;
        else if (field == u"localAddress")
            model.environment.localAddresses = {carrier};
        else if (field == u"probeId") {
            ProbeResult result;
            result.probeId = carrier;
            result.kind = ProbeKind::Dns;
            result.status = ProbeStatus::DnsResolved;
            model.probes = {result};
        } else if (field.startsWith(u"ruledOut")) {
            ReportCause cause;
            cause.causeId = u"no-problem-found"_s;
            cause.confidence = 50;
            ReportCause ruledOut;
            ruledOut.causeId = field == u"ruledOutCauseId" ? carrier : u"host-name-not-found"_s;
            ruledOut.title = u"The server name does not exist"_s;
            ruledOut.evidenceAgainst << Evidence{EvidenceSource::Probe,
                                                 u"dns"_s,
                                                 u"dns-resolved"_s,
                                                 field == u"ruledOutReason" ? carrier : u"resolved"_s,
                                                 {}};
            model.diagnosis.causes = {cause};
            model.diagnosis.ruledOut = {ruledOut};
        } else {
            ReportCause cause;
            cause.causeId = field == u"causeId" ? carrier : u"no-problem-found"_s;
            cause.confidence = 50;
            if (field == u"remedyId") {
                ReportRemedy remedy;
                remedy.id = carrier;
                cause.remedies = {remedy};
            }
            model.diagnosis.causes = {cause};
        }

        const QString shown = QString::fromUtf8(model.toJson()) + model.toTicketSummary();
        QVERIFY2(!shown.contains(secret), qPrintable(shown));
        ReportOptions reveal;
        reveal.includeSecrets = true;
        QVERIFY(QString::fromUtf8(model.toJson(reveal)).contains(secret));
    }

    void scrubbing_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QStringList>("secrets");
        QTest::addColumn<QString>("expected");
        const QString hidden4 = redactSecret(u"abcd"_s);
        QTest::newRow("inside a word")
            << u"xxabcdxx"_s << QStringList{u"abcd"_s} << u"xx"_s + hidden4 + u"xx"_s;
        QTest::newRow("twice") << u"abcd abcd"_s << QStringList{u"abcd"_s} << hidden4 + u" "_s + hidden4;
        QTest::newRow("short secrets stay") << u"abc"_s << QStringList{u"abc"_s} << u"abc"_s;
        QTest::newRow("longest first")
            << u"abcdefgh"_s << QStringList{u"abcd"_s, u"abcdefgh"_s} << redactSecret(u"abcdefgh"_s);
        QTest::newRow("nothing to hide") << u"plain"_s << QStringList{} << u"plain"_s;
    }

    void scrubbing()
    {
        QFETCH(QString, text);
        QFETCH(QStringList, secrets);
        QFETCH(QString, expected);
        QCOMPARE(scrubSecrets(text, secrets), expected);
    }

    void scrubbingBytesKeepsLength()
    {
        const QByteArray bytes("\x01key=SeCrEt99\x02", 14);
        QCOMPARE(scrubSecrets(bytes, {u"secret99"_s}), QByteArray("\x01key=********\x02", 14));
    }

    void atomicWrites_data()
    {
        QTest::addColumn<QString>("relativePath");
        QTest::addColumn<bool>("produceFails");
        QTest::addColumn<ReportFileResult::Status>("expected");
        QTest::newRow("parent is a file")
            << u"plain-file/report.json"_s << false << ReportFileResult::Status::CannotOpen;
        QTest::newRow("missing directory")
            << u"no/such/dir/report.json"_s << false << ReportFileResult::Status::CannotOpen;
        QTest::newRow("writing stops part way")
            << u"existing.json"_s << true << ReportFileResult::Status::WriteFailed;
        QTest::newRow("works") << u"existing.json"_s << false << ReportFileResult::Status::Ok;
    }

    void atomicWrites()
    {
        QFETCH(QString, relativePath);
        QFETCH(bool, produceFails);
        QFETCH(ReportFileResult::Status, expected);
        QTemporaryDir directory;
        QVERIFY(directory.isValid());
        for (const QString& name : {u"plain-file"_s, u"existing.json"_s}) {
            QFile file(directory.filePath(name));
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write("old contents");
        }
        const ReportModel model = fullModel(randomKey());
        const QByteArray before = model.toJson();
        const QString path = directory.filePath(relativePath);

        ReportFileResult result;
        if (produceFails) {
            result = writeFileAtomically(path, [](QIODevice& device, QString* error) {
                device.write("half of a rep");
                *error = u"No space left on device"_s;
                return false;
            });
        } else {
            result = saveReportJson(model, path);
        }
        QCOMPARE(result.status, expected);
        QCOMPARE(model.toJson(), before); // the session in memory is not lost
        if (expected == ReportFileResult::Status::Ok) {
            QVERIFY(result.message.isEmpty());
            const ReportOpenResult reopened = openReportJson(path);
            QVERIFY2(reopened.file.ok(), qPrintable(reopened.file.message));
            QCOMPARE(reopened.report->toJson(), before);
            return;
        }
        QVERIFY2(result.message.contains(QFileInfo(path).fileName()), qPrintable(result.message));
        if (produceFails) {
            QVERIFY(result.message.contains(u"No space left on device"_s));
            QFile old(path);
            QVERIFY(old.open(QIODevice::ReadOnly));
            QCOMPARE(old.readAll(), QByteArray("old contents"));
        }
        // No temporary twin is left behind.
        QCOMPARE(QDir(directory.path()).entryList(QDir::Files | QDir::NoDotAndDotDot).size(), 2);
    }

    void openingDamagedFiles_data()
    {
        QTest::addColumn<QByteArray>("contents");
        QTest::addColumn<ReportFileResult::Status>("expected");
        QTest::newRow("not json") << QByteArray("{") << ReportFileResult::Status::Damaged;
        QTest::newRow("too large") << QByteArray(ReportModel::kMaxJsonBytes + 10, ' ')
                                   << ReportFileResult::Status::TooLarge;
    }

    void openingDamagedFiles()
    {
        QFETCH(QByteArray, contents);
        QFETCH(ReportFileResult::Status, expected);
        QTemporaryDir directory;
        const QString path = directory.filePath(u"session.json"_s);
        QCOMPARE(writeFileAtomically(path, contents).status, ReportFileResult::Status::Ok);
        const ReportOpenResult opened = openReportJson(path);
        QCOMPARE(opened.file.status, expected);
        QVERIFY(!opened.report.has_value());
        QVERIFY(opened.file.message.contains(path));
        QCOMPARE(openReportJson(directory.filePath(u"missing.json"_s)).file.status,
                 ReportFileResult::Status::CannotOpen);
    }

    void verdict_data()
    {
        QTest::addColumn<QList<ProbeResult>>("results");
        QTest::addColumn<bool>("publish");
        QTest::addColumn<bool>("urlError");
        QTest::addColumn<ReportVerdict>("expected");
        QTest::addColumn<QString>("summaryStart");

        const ProbeResult dnsOk = probe(u"dns"_s, ProbeKind::Dns, 1935, ProbeStatus::DnsResolved);
        const ProbeResult tcpOk = probe(u"tcp:1935:ipv4"_s, ProbeKind::TcpPort, 1935, ProbeStatus::TcpOpen);
        const ProbeResult tcp6Skipped =
            probe(u"tcp:1935:ipv6"_s, ProbeKind::TcpPort, 1935, ProbeStatus::Skipped);
        const ProbeResult handshakeOk =
            probe(u"handshake:1935"_s, ProbeKind::Handshake, 1935, ProbeStatus::HandshakeOk);
        const ProbeResult connectOk =
            probe(u"connect:1935"_s, ProbeKind::Connect, 1935, ProbeStatus::ConnectSuccess);
        const ProbeResult connectClosed =
            probe(u"connect:1935"_s, ProbeKind::Connect, 1935, ProbeStatus::ConnectClosedSilently);
        const ProbeResult connectSkipped =
            probe(u"connect:1935"_s, ProbeKind::Connect, 1935, ProbeStatus::Skipped);
        const ProbeResult connectAuth =
            probe(u"connect:1935"_s, ProbeKind::Connect, 1935, ProbeStatus::ConnectAuthRequired);
        const ProbeResult publishOk =
            probe(u"publish:1935"_s, ProbeKind::Publish, 1935, ProbeStatus::PublishStarted);
        const ProbeResult publishDenied =
            probe(u"publish:1935"_s, ProbeKind::Publish, 1935, ProbeStatus::PublishDenied);
        const ProbeResult refused =
            probe(u"tcp:1935:ipv4"_s, ProbeKind::TcpPort, 1935, ProbeStatus::TcpRefused);
        const ProbeResult filtered =
            probe(u"tcp:1935:ipv4"_s, ProbeKind::TcpPort, 1935, ProbeStatus::TcpFiltered);
        const ProbeResult noHost = probe(u"dns"_s, ProbeKind::Dns, 1935, ProbeStatus::DnsNoSuchHost);
        const ProbeResult httpAnswered =
            probe(u"handshake:1935"_s, ProbeKind::Handshake, 1935, ProbeStatus::HandshakeAnsweredHttp);
        const ProbeResult cancelled =
            probe(u"connect:1935"_s, ProbeKind::Connect, 1935, ProbeStatus::Cancelled);
        const ProbeResult otherPortRefused =
            probe(u"tcp:443:ipv4"_s, ProbeKind::TcpPort, 443, ProbeStatus::TcpRefused);

        using L = QList<ProbeResult>;
        QTest::newRow("connect works") << L{dnsOk, tcpOk, handshakeOk, connectOk, otherPortRefused} << false
                                       << false << ReportVerdict::Healthy << u"The server accepted"_s;
        QTest::newRow("connect and publish work")
            << L{dnsOk, tcpOk, connectOk, publishOk} << true << false << ReportVerdict::Healthy
            << u"The server accepted the connection and"_s;
        QTest::newRow("publish denied")
            << L{dnsOk, tcpOk, connectOk, publishDenied} << true << false << ReportVerdict::Problem
            << u"The server accepted the connection but"_s;
        QTest::newRow("publish not run")
            << L{dnsOk, tcpOk, connectOk} << true << false << ReportVerdict::Uncertain
            << u"The server accepted the connection, but"_s;
        QTest::newRow("connect closed") << L{dnsOk, tcpOk, handshakeOk, connectClosed} << false << false
                                        << ReportVerdict::Problem << u"The server did not accept"_s;
        QTest::newRow("port refused") << L{dnsOk, refused, tcp6Skipped, connectSkipped} << false << false
                                      << ReportVerdict::Problem << u"Port 1935 cannot be reached"_s;
        QTest::newRow("port filtered") << L{dnsOk, filtered, connectSkipped} << false << false
                                       << ReportVerdict::Problem << u"Port 1935 cannot be reached"_s;
        QTest::newRow("no such host") << L{noHost, connectSkipped} << false << false << ReportVerdict::Problem
                                      << u"The server's name could not be looked up"_s;
        QTest::newRow("web server on the port")
            << L{dnsOk, tcpOk, httpAnswered, connectSkipped} << false << false << ReportVerdict::Problem
            << u"The server on port 1935"_s;
        QTest::newRow("needs credentials") << L{dnsOk, tcpOk, handshakeOk, connectAuth} << false << false
                                           << ReportVerdict::Uncertain << u"The server answered but"_s;
        QTest::newRow("cancelled") << L{dnsOk, tcpOk, cancelled} << false << false << ReportVerdict::Uncertain
                                   << u"Not enough could be tested"_s;
        QTest::newRow("address error beats a working connect")
            << L{dnsOk, tcpOk, connectOk} << false << true << ReportVerdict::Problem
            << u"The ingest address itself is wrong"_s;
    }

    void verdict()
    {
        QFETCH(QList<ProbeResult>, results);
        QFETCH(bool, publish);
        QFETCH(bool, urlError);
        QFETCH(ReportVerdict, expected);
        QFETCH(QString, summaryStart);
        DiagnosticPlan plan =
            DiagnosticPlan::fromIngestUrl(IngestUrl::parse(u"rtmp://live.example.com/live/k1"_s));
        plan.publishCheck = publish;
        QList<UrlFinding> findings;
        if (urlError)
            findings << UrlFinding{
                Severity::Error, UrlLintCode::MissingStreamKey, u"No stream key."_s, UrlField::Url, {}};
        ReportDiagnosis diagnosis;
        ReportCause cause;
        cause.title = u"Wrong application"_s;
        cause.confidence = 70;
        diagnosis.causes << cause;
        const VerdictAssessment assessment = assessVerdict(results, plan, findings, diagnosis);
        QCOMPARE(assessment.verdict, expected);
        QVERIFY2(assessment.summary.startsWith(summaryStart), qPrintable(assessment.summary));
        if (expected == ReportVerdict::Problem)
            QVERIFY(assessment.summary.endsWith(u"Most likely: Wrong application (70%)."_s));
    }

    void grid()
    {
        const QList<ProbeResult> results{
            probe(u"dns"_s, ProbeKind::Dns, 1935, ProbeStatus::DnsResolved),
            probe(u"tcp:1935:ipv4"_s, ProbeKind::TcpPort, 1935, ProbeStatus::TcpOpen),
            probe(u"tcp:1935:ipv6"_s, ProbeKind::TcpPort, 1935, ProbeStatus::Skipped),
            probe(u"tcp:443:ipv4"_s, ProbeKind::TcpPort, 443, ProbeStatus::TcpFiltered),
            probe(u"handshake:1935"_s, ProbeKind::Handshake, 1935, ProbeStatus::HandshakeOk),
            probe(u"tls:443"_s, ProbeKind::Tls, 443, ProbeStatus::Skipped, Transport::Tls),
            probe(u"connect:1935"_s, ProbeKind::Connect, 1935, ProbeStatus::ConnectAuthRequired),
            probe(u"flash-sequence"_s, ProbeKind::FlashSequence, 0, ProbeStatus::FlashSequenceNoPath),
        };
        const ReportGrid grid = ReportGrid::fromResults(results);
        QCOMPARE(grid.columns, (QList<ReportGridColumn>{ReportGridColumn::TcpIpv4, ReportGridColumn::TcpIpv6,
                                                        ReportGridColumn::Rtmp, ReportGridColumn::Tls,
                                                        ReportGridColumn::Connect}));
        QCOMPARE(grid.rows.size(), 2);
        QCOMPARE(grid.rows.at(0).port, quint16(1935));
        QCOMPARE(grid.rows.at(1).port, quint16(443));
        const ReportGridRow& first = grid.rows.at(0);
        QCOMPARE(first.cells.at(0).verdict, Verdict::Pass);
        QCOMPARE(first.cells.at(1).verdict, Verdict::Skipped);
        QCOMPARE(first.cells.at(2).status, ProbeStatus::HandshakeOk);
        QVERIFY(!first.cells.at(3).present);
        QCOMPARE(first.cells.at(4).verdict, Verdict::Warn);
        QCOMPARE(grid.rows.at(1).cells.at(0).status, ProbeStatus::TcpFiltered);
        QCOMPARE(grid.others.size(), 2);
        QCOMPARE(grid.others.at(1).probeId, u"flash-sequence"_s);
        QCOMPARE(verdictSymbol(Verdict::Pass), u"✓"_s);
        QCOMPARE(verdictSymbol(Verdict::Fail), u"✗"_s);
        QCOMPARE(verdictSymbol(Verdict::Warn), u"!"_s);
        QCOMPARE(verdictSymbol(Verdict::Skipped), u"–"_s);
    }

    void ticketSummary()
    {
        const QString key = randomKey();
        const QString summary = fullModel(key).toTicketSummary();
        const QStringList expectedLines{
            u"# RTMP Doctor report: Problem found"_s,
            u"**Verdict: Problem found.** The server did not accept the connection: nginx closed it."_s,
            u"- Encoder: OBS Studio"_s,
            u"- Tested: 2026-03-14 09:26:53 UTC (took 12.3 s)"_s,
            u"## Most likely cause: The application name is wrong (confidence 85%)"_s,
            u"- + connect:1935 (connect-closed-silently): closed right after connect — nginx does that"_s,
            u"- − symptom (no-image): no image — would need a connection"_s,
            u"1. Check the application name (for the server administrator)"_s,
            u"- The server is down (10%)"_s,
            u"Ruled out by the checks:"_s,
            u"- The server name does not exist"_s,
            u"  - − dns (dns-resolved): dns reported dns-resolved — the name resolved to addresses"_s,
            u"| port | TLS | connect |"_s,
            u"| 1935 | | ✗ closed |"_s,
            u"| 443 | ✗ no TLS | |"_s,
            u"- error missing-stream-key: no key"_s,
            u"- Check the application name, step 2 (“Ask the service for the address.”): did not help; "
            u"re-test: connect:1935 ✓ accepted"_s,
        };
        const QStringList lines = summary.split(u'\n');
        for (const QString& expected : expectedLines)
            QVERIFY2(lines.contains(expected),
                     qPrintable(u"missing line: "_s + expected + u"\n\n"_s + summary));
        QVERIFY(!summary.contains(key));
    }
};

QTEST_GUILESS_MAIN(TestReportModel)
#include "tst_reportmodel.moc"
