// ReportModel <-> JSON. The format is documented in docs/report-schema.md; keep both in step.

#include "diagnosis/rule.h"
#include "report/reportmodel.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>

#include <cmath>

using namespace Qt::StringLiterals;

namespace rd {

namespace {

// Integers in JSON are doubles; beyond 2^53 they stop being exact.
constexpr qint64 kMaxJsonInteger = qint64(1) << 53;
// Counts that no real session comes near; they keep a hostile file from asking for huge models
// even when each element is tiny.
constexpr qsizetype kMaxListLength = 100000;

// ---------------------------------------------------------------------------------------------
// Writing

QString dateTimeText(const QDateTime& dateTime)
{
    return dateTime.isValid() ? dateTime.toUTC().toString(Qt::ISODateWithMs) : QString();
}

QJsonArray stringArray(const QStringList& list)
{
    return QJsonArray::fromStringList(list);
}

QString urlFieldId(UrlField field)
{
    return field == UrlField::StreamKey ? u"stream-key"_s : u"url"_s;
}

QString directionId(TranscriptDirection direction)
{
    switch (direction) {
    case TranscriptDirection::Sent:
        return u"sent"_s;
    case TranscriptDirection::Received:
        return u"received"_s;
    case TranscriptDirection::Note:
        return u"note"_s;
    }
    return u"note"_s;
}

QJsonObject probeToJson(const ProbeResult& result, bool includeSecrets)
{
    QJsonObject target{{u"host"_s, result.target.host},
                       {u"address"_s, result.target.address},
                       {u"port"_s, int(result.target.port)},
                       {u"transport"_s, transportId(result.target.transport)},
                       {u"application"_s, result.target.application},
                       {u"tcUrl"_s, result.target.tcUrl}};
    if (includeSecrets && !result.target.streamKey.isEmpty())
        target.insert(u"streamKey"_s, result.target.streamKey);

    QJsonArray steps;
    for (const ProbeStep& step : result.steps) {
        steps.append(QJsonObject{{u"name"_s, step.name},
                                 {u"atMs"_s, double(step.atMs)},
                                 {u"durationMs"_s, double(step.durationMs)},
                                 {u"detail"_s, step.detail}});
    }
    QJsonArray transcript;
    for (const TranscriptEntry& entry : result.transcript) {
        transcript.append(QJsonObject{{u"atMs"_s, double(entry.atMs)},
                                      {u"direction"_s, directionId(entry.direction)},
                                      {u"summary"_s, entry.summary},
                                      {u"bytes"_s, QString::fromLatin1(entry.bytes.toBase64())}});
    }
    return QJsonObject{{u"id"_s, result.probeId},
                       {u"kind"_s, probeKindId(result.kind)},
                       {u"status"_s, probeStatusId(result.status)},
                       {u"verdict"_s, verdictId(result.verdict())},
                       {u"message"_s, result.message},
                       {u"target"_s, target},
                       {u"startedAtMs"_s, double(result.startedAtMs)},
                       {u"elapsedMs"_s, double(result.elapsedMs)},
                       {u"steps"_s, steps},
                       {u"transcript"_s, transcript},
                       {u"facts"_s, QJsonObject::fromVariantMap(result.facts)}};
}

QJsonArray probesToJson(const QList<ProbeResult>& results, bool includeSecrets)
{
    QJsonArray array;
    for (const ProbeResult& result : results)
        array.append(probeToJson(result, includeSecrets));
    return array;
}

QJsonArray evidenceToJson(const QList<Evidence>& list)
{
    QJsonArray array;
    for (const Evidence& item : list) {
        array.append(QJsonObject{{u"source"_s, evidenceSourceId(item.source)},
                                 {u"subject"_s, item.subject},
                                 {u"finding"_s, item.finding},
                                 {u"quote"_s, item.quote},
                                 {u"why"_s, item.why}});
    }
    return array;
}

QJsonObject remedyToJson(const ReportRemedy& remedy)
{
    QJsonArray steps;
    for (const RemedyStep& step : remedy.steps) {
        QJsonArray snippets;
        for (const ConfigSnippet& snippet : step.snippets) {
            snippets.append(QJsonObject{{u"serverFamilyId"_s, snippet.serverFamilyId},
                                        {u"file"_s, snippet.file},
                                        {u"text"_s, snippet.text}});
        }
        steps.append(QJsonObject{{u"text"_s, step.text},
                                 {u"retest"_s, stringArray(step.retest)},
                                 {u"verify"_s, step.verify},
                                 {u"snippets"_s, snippets}});
    }
    return QJsonObject{{u"id"_s, remedy.id},
                       {u"title"_s, remedy.title},
                       {u"audience"_s, audienceId(remedy.audience)},
                       {u"explanation"_s, remedy.explanation},
                       {u"steps"_s, steps}};
}

QJsonArray remediesToJson(const QList<ReportRemedy>& remedies)
{
    QJsonArray array;
    for (const ReportRemedy& remedy : remedies)
        array.append(remedyToJson(remedy));
    return array;
}

QJsonObject inputsToJson(const ReportInputs& inputs, bool includeSecrets)
{
    QJsonArray findings;
    for (const UrlFinding& finding : inputs.urlFindings) {
        findings.append(QJsonObject{{u"severity"_s, severityName(finding.severity)},
                                    {u"code"_s, lintCodeId(finding.code)},
                                    {u"message"_s, finding.message},
                                    {u"field"_s, urlFieldId(finding.field)},
                                    {u"span"_s, QJsonObject{{u"start"_s, double(finding.span.start)},
                                                            {u"length"_s, double(finding.span.length)}}}});
    }
    QJsonArray ports;
    for (quint16 port : inputs.gridPorts)
        ports.append(int(port));
    QJsonObject object{{u"encoderId"_s, inputs.encoderId},
                       {u"encoderName"_s, inputs.encoderName},
                       {u"serverFamilyId"_s, inputs.serverFamilyId},
                       {u"serverFamilyName"_s, inputs.serverFamilyName},
                       {u"serverFamilyReason"_s, inputs.serverFamilyReason},
                       {u"ingestUrl"_s, inputs.ingestUrl},
                       {u"separateStreamKey"_s, inputs.separateStreamKey},
                       {u"urlFindings"_s, findings},
                       {u"publishCheck"_s, inputs.publishCheck},
                       {u"proxy"_s, inputs.proxy},
                       {u"gridPorts"_s, ports},
                       {u"pastedErrorText"_s, inputs.pastedErrorText}};
    if (includeSecrets && !inputs.ingestUrlRevealed.isEmpty())
        object.insert(u"ingestUrlRevealed"_s, inputs.ingestUrlRevealed);
    return object;
}

// ---------------------------------------------------------------------------------------------
// Reading: every accessor names the place of a problem; the first problem wins.

class Reader
{
public:
    bool failed() const { return !m_error.isEmpty(); }
    QString error() const { return m_error; }

    void fail(const QString& path, const QString& what)
    {
        if (m_error.isEmpty())
            m_error = path.isEmpty() ? what : path + u": "_s + what;
    }

    static QString at(const QString& path, QStringView key)
    {
        return path.isEmpty() ? key.toString() : path + u'.' + key.toString();
    }
    static QString at(const QString& path, qsizetype index) { return u"%1[%2]"_s.arg(path).arg(index); }

    QJsonObject object(const QJsonValue& value, const QString& path)
    {
        if (!value.isObject()) {
            fail(path, u"expected an object"_s);
            return {};
        }
        return value.toObject();
    }

    // Absent is an empty object unless required.
    QJsonObject object(const QJsonObject& parent, QStringView key, const QString& path, bool required = false)
    {
        const QJsonValue value = parent.value(key);
        if (value.isUndefined()) {
            if (required)
                fail(at(path, key), u"missing"_s);
            return {};
        }
        return object(value, at(path, key));
    }

    QJsonArray array(const QJsonObject& parent, QStringView key, const QString& path)
    {
        const QJsonValue value = parent.value(key);
        if (value.isUndefined())
            return {};
        if (!value.isArray()) {
            fail(at(path, key), u"expected an array"_s);
            return {};
        }
        const QJsonArray result = value.toArray();
        if (result.size() > kMaxListLength) {
            fail(at(path, key), u"more than %1 entries"_s.arg(kMaxListLength));
            return {};
        }
        return result;
    }

    QString string(const QJsonObject& parent, QStringView key, const QString& path, bool required = false)
    {
        const QJsonValue value = parent.value(key);
        if (value.isUndefined()) {
            if (required)
                fail(at(path, key), u"missing"_s);
            return {};
        }
        if (!value.isString()) {
            fail(at(path, key), u"expected a string"_s);
            return {};
        }
        return value.toString();
    }

    QStringList strings(const QJsonObject& parent, QStringView key, const QString& path)
    {
        const QJsonArray list = array(parent, key, path);
        QStringList result;
        for (qsizetype i = 0; i < list.size() && !failed(); ++i) {
            if (!list.at(i).isString())
                fail(at(at(path, key), i), u"expected a string"_s);
            else
                result << list.at(i).toString();
        }
        return result;
    }

    qint64 integer(const QJsonValue& value, const QString& path, qint64 minimum, qint64 maximum)
    {
        if (!value.isDouble()) {
            fail(path, u"expected a number"_s);
            return minimum;
        }
        const double number = value.toDouble();
        if (!std::isfinite(number) || std::floor(number) != number || number < double(minimum) ||
            number > double(maximum)) {
            fail(path, u"expected a whole number from %1 to %2"_s.arg(minimum).arg(maximum));
            return minimum;
        }
        return qint64(number);
    }

    qint64 integer(const QJsonObject& parent, QStringView key, const QString& path, qint64 minimum,
                   qint64 maximum, qint64 fallback)
    {
        const QJsonValue value = parent.value(key);
        if (value.isUndefined())
            return fallback;
        return integer(value, at(path, key), minimum, maximum);
    }

    bool boolean(const QJsonObject& parent, QStringView key, const QString& path)
    {
        const QJsonValue value = parent.value(key);
        if (value.isUndefined())
            return false;
        if (!value.isBool()) {
            fail(at(path, key), u"expected true or false"_s);
            return false;
        }
        return value.toBool();
    }

    QDateTime dateTime(const QJsonObject& parent, QStringView key, const QString& path)
    {
        const QString text = string(parent, key, path);
        if (text.isEmpty())
            return {};
        const QDateTime parsed = QDateTime::fromString(text, Qt::ISODateWithMs);
        if (!parsed.isValid()) {
            fail(at(path, key), u"not an ISO 8601 date and time: \"%1\""_s.arg(text.left(40)));
            return {};
        }
        return parsed.toUTC();
    }

    // An id from a fixed list; `fromId` gives nothing for unknown ids.
    template <typename Enum, typename FromId>
    Enum enumeration(const QJsonObject& parent, QStringView key, const QString& path, FromId fromId,
                     const QString& what, Enum fallback)
    {
        const QJsonValue value = parent.value(key);
        if (value.isUndefined()) {
            fail(at(path, key), u"missing"_s);
            return fallback;
        }
        const QString text = string(parent, key, path);
        if (failed())
            return fallback;
        const std::optional<Enum> parsed = fromId(QStringView(text));
        if (!parsed) {
            fail(at(path, key), u"unknown %1 \"%2\""_s.arg(what, text.left(60)));
            return fallback;
        }
        return *parsed;
    }

private:
    QString m_error;
};

std::optional<Transport> transportFromId(QStringView id)
{
    for (Transport transport :
         {Transport::PlainTcp, Transport::Tls, Transport::HttpTunnel, Transport::HttpTunnelTls}) {
        if (id == transportId(transport))
            return transport;
    }
    return std::nullopt;
}

std::optional<TranscriptDirection> directionFromId(QStringView id)
{
    for (TranscriptDirection direction :
         {TranscriptDirection::Sent, TranscriptDirection::Received, TranscriptDirection::Note}) {
        if (id == directionId(direction))
            return direction;
    }
    return std::nullopt;
}

std::optional<EvidenceSource> evidenceSourceFromId(QStringView id)
{
    for (EvidenceSource source :
         {EvidenceSource::Probe, EvidenceSource::UrlLint, EvidenceSource::Answer, EvidenceSource::ErrorText,
          EvidenceSource::Context, EvidenceSource::Measurement}) {
        if (id == evidenceSourceId(source))
            return source;
    }
    return std::nullopt;
}

std::optional<Severity> severityFromId(QStringView id)
{
    for (Severity severity : {Severity::Info, Severity::Warning, Severity::Error}) {
        if (id == severityName(severity))
            return severity;
    }
    return std::nullopt;
}

std::optional<UrlField> urlFieldFromId(QStringView id)
{
    for (UrlField field : {UrlField::Url, UrlField::StreamKey}) {
        if (id == urlFieldId(field))
            return field;
    }
    return std::nullopt;
}

ProbeResult probeFromJson(Reader& reader, const QJsonValue& value, const QString& path)
{
    ProbeResult result;
    const QJsonObject object = reader.object(value, path);
    if (reader.failed())
        return result;
    result.probeId = reader.string(object, u"id", path, true);
    if (!reader.failed() && result.probeId.isEmpty())
        reader.fail(Reader::at(path, u"id"), u"empty"_s);
    result.kind = reader.enumeration(object, u"kind", path, probeKindFromId, u"probe kind"_s, ProbeKind::Dns);
    result.status = reader.enumeration(object, u"status", path, probeStatusFromId, u"probe status"_s,
                                       ProbeStatus::NotRun);
    result.message = reader.string(object, u"message", path);
    result.startedAtMs = reader.integer(object, u"startedAtMs", path, 0, kMaxJsonInteger, 0);
    result.elapsedMs = reader.integer(object, u"elapsedMs", path, 0, kMaxJsonInteger, 0);

    const QString targetPath = Reader::at(path, u"target");
    const QJsonObject target = reader.object(object, u"target", path);
    result.target.host = reader.string(target, u"host", targetPath);
    result.target.address = reader.string(target, u"address", targetPath);
    result.target.port = quint16(reader.integer(target, u"port", targetPath, 0, 65535, 0));
    if (target.contains(u"transport"))
        result.target.transport = reader.enumeration(target, u"transport", targetPath, transportFromId,
                                                     u"transport"_s, Transport::PlainTcp);
    result.target.application = reader.string(target, u"application", targetPath);
    result.target.tcUrl = reader.string(target, u"tcUrl", targetPath);
    result.target.streamKey = reader.string(target, u"streamKey", targetPath);

    const QString stepsPath = Reader::at(path, u"steps");
    const QJsonArray steps = reader.array(object, u"steps", path);
    for (qsizetype i = 0; i < steps.size() && !reader.failed(); ++i) {
        const QString stepPath = Reader::at(stepsPath, i);
        const QJsonObject step = reader.object(steps.at(i), stepPath);
        ProbeStep kept;
        kept.name = reader.string(step, u"name", stepPath);
        kept.atMs = reader.integer(step, u"atMs", stepPath, 0, kMaxJsonInteger, 0);
        kept.durationMs = reader.integer(step, u"durationMs", stepPath, -1, kMaxJsonInteger, -1);
        kept.detail = reader.string(step, u"detail", stepPath);
        result.steps << kept;
    }

    const QString transcriptPath = Reader::at(path, u"transcript");
    const QJsonArray transcript = reader.array(object, u"transcript", path);
    for (qsizetype i = 0; i < transcript.size() && !reader.failed(); ++i) {
        const QString entryPath = Reader::at(transcriptPath, i);
        const QJsonObject entry = reader.object(transcript.at(i), entryPath);
        TranscriptEntry kept;
        kept.atMs = reader.integer(entry, u"atMs", entryPath, 0, kMaxJsonInteger, 0);
        kept.direction = reader.enumeration(entry, u"direction", entryPath, directionFromId, u"direction"_s,
                                            TranscriptDirection::Note);
        kept.summary = reader.string(entry, u"summary", entryPath);
        const QByteArray encoded = reader.string(entry, u"bytes", entryPath).toLatin1();
        const auto decoded = QByteArray::fromBase64Encoding(encoded, QByteArray::AbortOnBase64DecodingErrors);
        if (!decoded)
            reader.fail(Reader::at(entryPath, u"bytes"), u"not base64"_s);
        else
            kept.bytes = *decoded;
        result.transcript << kept;
    }

    const QJsonObject facts = reader.object(object, u"facts", path);
    result.facts = facts.toVariantMap();
    return result;
}

QList<ProbeResult> probesFromJson(Reader& reader, const QJsonObject& parent, QStringView key,
                                  const QString& path)
{
    QList<ProbeResult> results;
    const QJsonArray array = reader.array(parent, key, path);
    const QString arrayPath = Reader::at(path, key);
    for (qsizetype i = 0; i < array.size() && !reader.failed(); ++i)
        results << probeFromJson(reader, array.at(i), Reader::at(arrayPath, i));
    return results;
}

QList<Evidence> evidenceFromJson(Reader& reader, const QJsonObject& parent, QStringView key,
                                 const QString& path)
{
    QList<Evidence> list;
    const QJsonArray array = reader.array(parent, key, path);
    const QString arrayPath = Reader::at(path, key);
    for (qsizetype i = 0; i < array.size() && !reader.failed(); ++i) {
        const QString itemPath = Reader::at(arrayPath, i);
        const QJsonObject object = reader.object(array.at(i), itemPath);
        Evidence item;
        item.source = reader.enumeration(object, u"source", itemPath, evidenceSourceFromId,
                                         u"evidence source"_s, EvidenceSource::Probe);
        item.subject = reader.string(object, u"subject", itemPath);
        item.finding = reader.string(object, u"finding", itemPath);
        item.quote = reader.string(object, u"quote", itemPath);
        item.why = reader.string(object, u"why", itemPath);
        list << item;
    }
    return list;
}

QList<ReportRemedy> remediesFromJson(Reader& reader, const QJsonObject& parent, QStringView key,
                                     const QString& path)
{
    QList<ReportRemedy> remedies;
    const QJsonArray array = reader.array(parent, key, path);
    const QString arrayPath = Reader::at(path, key);
    for (qsizetype i = 0; i < array.size() && !reader.failed(); ++i) {
        const QString remedyPath = Reader::at(arrayPath, i);
        const QJsonObject object = reader.object(array.at(i), remedyPath);
        ReportRemedy remedy;
        remedy.id = reader.string(object, u"id", remedyPath, true);
        remedy.title = reader.string(object, u"title", remedyPath);
        remedy.audience = reader.enumeration(object, u"audience", remedyPath, audienceFromId, u"audience"_s,
                                             Audience::Broadcaster);
        remedy.explanation = reader.string(object, u"explanation", remedyPath);
        const QJsonArray steps = reader.array(object, u"steps", remedyPath);
        const QString stepsPath = Reader::at(remedyPath, u"steps");
        for (qsizetype s = 0; s < steps.size() && !reader.failed(); ++s) {
            const QString stepPath = Reader::at(stepsPath, s);
            const QJsonObject stepObject = reader.object(steps.at(s), stepPath);
            RemedyStep step;
            step.text = reader.string(stepObject, u"text", stepPath);
            step.retest = reader.strings(stepObject, u"retest", stepPath);
            step.verify = reader.string(stepObject, u"verify", stepPath);
            const QJsonArray snippets = reader.array(stepObject, u"snippets", stepPath);
            const QString snippetsPath = Reader::at(stepPath, u"snippets");
            for (qsizetype n = 0; n < snippets.size() && !reader.failed(); ++n) {
                const QString snippetPath = Reader::at(snippetsPath, n);
                const QJsonObject snippetObject = reader.object(snippets.at(n), snippetPath);
                step.snippets << ConfigSnippet{reader.string(snippetObject, u"serverFamilyId", snippetPath),
                                               reader.string(snippetObject, u"file", snippetPath),
                                               reader.string(snippetObject, u"text", snippetPath)};
            }
            remedy.steps << step;
        }
        remedies << remedy;
    }
    return remedies;
}

ReportInputs inputsFromJson(Reader& reader, const QJsonObject& object, const QString& path)
{
    ReportInputs inputs;
    inputs.encoderId = reader.string(object, u"encoderId", path);
    inputs.encoderName = reader.string(object, u"encoderName", path);
    inputs.serverFamilyId = reader.string(object, u"serverFamilyId", path);
    inputs.serverFamilyName = reader.string(object, u"serverFamilyName", path);
    inputs.serverFamilyReason = reader.string(object, u"serverFamilyReason", path);
    inputs.ingestUrl = reader.string(object, u"ingestUrl", path);
    inputs.ingestUrlRevealed = reader.string(object, u"ingestUrlRevealed", path);
    inputs.separateStreamKey = reader.boolean(object, u"separateStreamKey", path);
    inputs.publishCheck = reader.boolean(object, u"publishCheck", path);
    inputs.proxy = reader.string(object, u"proxy", path);
    inputs.pastedErrorText = reader.string(object, u"pastedErrorText", path);

    const QJsonArray ports = reader.array(object, u"gridPorts", path);
    const QString portsPath = Reader::at(path, u"gridPorts");
    for (qsizetype i = 0; i < ports.size() && !reader.failed(); ++i)
        inputs.gridPorts << quint16(reader.integer(ports.at(i), Reader::at(portsPath, i), 0, 65535));

    const QJsonArray findings = reader.array(object, u"urlFindings", path);
    const QString findingsPath = Reader::at(path, u"urlFindings");
    for (qsizetype i = 0; i < findings.size() && !reader.failed(); ++i) {
        const QString findingPath = Reader::at(findingsPath, i);
        const QJsonObject findingObject = reader.object(findings.at(i), findingPath);
        UrlFinding finding;
        finding.severity = reader.enumeration(findingObject, u"severity", findingPath, severityFromId,
                                              u"severity"_s, Severity::Info);
        finding.code = reader.enumeration(findingObject, u"code", findingPath, lintCodeFromId, u"lint code"_s,
                                          UrlLintCode::Empty);
        finding.message = reader.string(findingObject, u"message", findingPath);
        finding.field = findingObject.contains(u"field")
                            ? reader.enumeration(findingObject, u"field", findingPath, urlFieldFromId,
                                                 u"field"_s, UrlField::Url)
                            : UrlField::Url;
        const QString spanPath = Reader::at(findingPath, u"span");
        const QJsonObject span = reader.object(findingObject, u"span", findingPath);
        finding.span.start = reader.integer(span, u"start", spanPath, -1, kMaxJsonInteger, -1);
        finding.span.length = reader.integer(span, u"length", spanPath, 0, kMaxJsonInteger, 0);
        inputs.urlFindings << finding;
    }
    return inputs;
}

} // namespace

QByteArray ReportModel::toJson(const ReportOptions& options) const
{
    const ReportModel model = prepared(options);

    QJsonArray timelineArray;
    for (const TimelineEvent& event : model.timeline) {
        timelineArray.append(QJsonObject{{u"atMs"_s, double(event.atMs)},
                                         {u"kind"_s, timelineEventKindId(event.kind)},
                                         {u"probeId"_s, event.probeId},
                                         {u"detail"_s, event.detail}});
    }

    const auto causesToJson = [](const QList<ReportCause>& list) {
        QJsonArray causes;
        for (const ReportCause& cause : list) {
            causes.append(QJsonObject{{u"id"_s, cause.causeId},
                                      {u"title"_s, cause.title},
                                      {u"confidence"_s, cause.confidence},
                                      {u"plainExplanation"_s, cause.plainExplanation},
                                      {u"technicalLine"_s, cause.technicalLine},
                                      {u"evidenceFor"_s, evidenceToJson(cause.evidenceFor)},
                                      {u"evidenceAgainst"_s, evidenceToJson(cause.evidenceAgainst)},
                                      {u"remedies"_s, remediesToJson(cause.remedies)}});
        }
        return causes;
    };

    QJsonObject answersObject;
    for (auto it = model.answers.cbegin(); it != model.answers.cend(); ++it)
        answersObject.insert(it.key(), stringArray(it.value()));

    QJsonArray walkthroughArray;
    for (const WalkthroughEntry& entry : model.walkthrough) {
        walkthroughArray.append(
            QJsonObject{{u"remedyId"_s, entry.remedyId},
                        {u"stepIndex"_s, entry.stepIndex},
                        {u"helped"_s, entry.helped},
                        {u"answeredAt"_s, dateTimeText(entry.answeredAt)},
                        {u"retestResults"_s, probesToJson(entry.retestResults, options.includeSecrets)}});
    }

    const ReportEnvironment& environment = model.environment;
    QJsonObject root{
        {u"schemaVersion"_s, kSchemaVersion},
        {u"generator"_s, QJsonObject{{u"name"_s, environment.applicationName},
                                     {u"version"_s, environment.applicationVersion}}},
        {u"secretsIncluded"_s, options.includeSecrets},
        {u"startedAt"_s, dateTimeText(model.startedAt)},
        {u"finishedAt"_s, dateTimeText(model.finishedAt)},
        {u"verdict"_s, QJsonObject{{u"id"_s, reportVerdictId(model.verdict)},
                                   {u"title"_s, reportVerdictTitle(model.verdict)},
                                   {u"summary"_s, model.verdictSummary}}},
        {u"inputs"_s, inputsToJson(model.inputs, options.includeSecrets)},
        {u"environment"_s, QJsonObject{{u"operatingSystem"_s, environment.operatingSystem},
                                       {u"applicationName"_s, environment.applicationName},
                                       {u"applicationVersion"_s, environment.applicationVersion},
                                       {u"qtVersion"_s, environment.qtVersion},
                                       {u"tlsLibrary"_s, environment.tlsLibrary},
                                       {u"proxy"_s, environment.proxy},
                                       {u"localAddresses"_s, stringArray(environment.localAddresses)}}},
        {u"timeline"_s, timelineArray},
        {u"probes"_s, probesToJson(model.probes, options.includeSecrets)},
        {u"diagnosis"_s, QJsonObject{{u"causes"_s, causesToJson(model.diagnosis.causes)},
                                     {u"ruledOut"_s, causesToJson(model.diagnosis.ruledOut)},
                                     {u"relatedEntries"_s, remediesToJson(model.diagnosis.relatedEntries)}}},
        {u"answers"_s, answersObject},
        {u"walkthrough"_s, walkthroughArray},
    };
    if (options.includeSecrets)
        root.insert(u"secrets"_s, stringArray(model.secrets));
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

ReportModel ReportModel::fromJson(const QByteArray& json, QString* error)
{
    const auto failWith = [error](const QString& message) {
        if (error != nullptr)
            *error = message;
        return ReportModel{};
    };
    if (json.size() > kMaxJsonBytes)
        return failWith(
            u"the file is larger than %1 MiB; a report is never that big"_s.arg(kMaxJsonBytes >> 20));
    if (json.trimmed().isEmpty())
        return failWith(u"the file is empty"_s);

    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return failWith(
            u"not valid JSON (%1 at byte %2)"_s.arg(parseError.errorString()).arg(parseError.offset));
    if (!document.isObject())
        return failWith(u"not an RTMP Doctor report (the JSON is not an object)"_s);
    const QJsonObject root = document.object();

    const QJsonValue version = root.value(u"schemaVersion");
    if (version.isUndefined())
        return failWith(u"not an RTMP Doctor report (no \"schemaVersion\")"_s);
    if (!version.isDouble() || version.toDouble() != double(kSchemaVersion)) {
        const QString shown = version.isDouble() ? QString::number(version.toDouble())
                                                 : u"\"%1\""_s.arg(version.toVariant().toString().left(20));
        return failWith(
            u"schemaVersion %1 cannot be read by this version, which reads schema %2"_s.arg(shown).arg(
                kSchemaVersion));
    }

    Reader reader;
    ReportModel model;
    model.startedAt = reader.dateTime(root, u"startedAt", {});
    model.finishedAt = reader.dateTime(root, u"finishedAt", {});

    const QJsonObject verdictObject = reader.object(root, u"verdict", {}, true);
    if (!reader.failed()) {
        model.verdict = reader.enumeration(verdictObject, u"id", u"verdict"_s, reportVerdictFromId,
                                           u"verdict"_s, ReportVerdict::Uncertain);
        model.verdictSummary = reader.string(verdictObject, u"summary", u"verdict"_s);
    }

    const QJsonObject inputsObject = reader.object(root, u"inputs", {}, true);
    if (!reader.failed())
        model.inputs = inputsFromJson(reader, inputsObject, u"inputs"_s);

    const QJsonObject environmentObject = reader.object(root, u"environment", {});
    const QString environmentPath = u"environment"_s;
    model.environment.operatingSystem = reader.string(environmentObject, u"operatingSystem", environmentPath);
    model.environment.applicationName = reader.string(environmentObject, u"applicationName", environmentPath);
    model.environment.applicationVersion =
        reader.string(environmentObject, u"applicationVersion", environmentPath);
    model.environment.qtVersion = reader.string(environmentObject, u"qtVersion", environmentPath);
    model.environment.tlsLibrary = reader.string(environmentObject, u"tlsLibrary", environmentPath);
    model.environment.proxy = reader.string(environmentObject, u"proxy", environmentPath);
    model.environment.localAddresses = reader.strings(environmentObject, u"localAddresses", environmentPath);

    const QJsonArray timelineArray = reader.array(root, u"timeline", {});
    for (qsizetype i = 0; i < timelineArray.size() && !reader.failed(); ++i) {
        const QString eventPath = Reader::at(u"timeline"_s, i);
        const QJsonObject object = reader.object(timelineArray.at(i), eventPath);
        TimelineEvent event;
        event.atMs = reader.integer(object, u"atMs", eventPath, 0, kMaxJsonInteger, 0);
        event.kind = reader.enumeration(object, u"kind", eventPath, timelineEventKindFromId, u"event kind"_s,
                                        TimelineEventKind::Note);
        event.probeId = reader.string(object, u"probeId", eventPath);
        event.detail = reader.string(object, u"detail", eventPath);
        model.timeline << event;
    }

    model.probes = probesFromJson(reader, root, u"probes", {});

    const QJsonObject diagnosisObject = reader.object(root, u"diagnosis", {});
    const QString diagnosisPath = u"diagnosis"_s;
    // "ruledOut" is absent from reports written before it existed: an empty list.
    for (const auto& [key, list] : {std::pair{u"causes"_s, &model.diagnosis.causes},
                                    std::pair{u"ruledOut"_s, &model.diagnosis.ruledOut}}) {
        const QJsonArray causes = reader.array(diagnosisObject, key, diagnosisPath);
        const QString causesPath = Reader::at(diagnosisPath, key);
        for (qsizetype i = 0; i < causes.size() && !reader.failed(); ++i) {
            const QString causePath = Reader::at(causesPath, i);
            const QJsonObject object = reader.object(causes.at(i), causePath);
            ReportCause cause;
            cause.causeId = reader.string(object, u"id", causePath, true);
            cause.title = reader.string(object, u"title", causePath);
            cause.confidence = int(reader.integer(object, u"confidence", causePath, 0, 100, 0));
            cause.plainExplanation = reader.string(object, u"plainExplanation", causePath);
            cause.technicalLine = reader.string(object, u"technicalLine", causePath);
            cause.evidenceFor = evidenceFromJson(reader, object, u"evidenceFor", causePath);
            cause.evidenceAgainst = evidenceFromJson(reader, object, u"evidenceAgainst", causePath);
            cause.remedies = remediesFromJson(reader, object, u"remedies", causePath);
            *list << cause;
        }
    }
    model.diagnosis.relatedEntries =
        remediesFromJson(reader, diagnosisObject, u"relatedEntries", diagnosisPath);

    const QJsonObject answersObject = reader.object(root, u"answers", {});
    for (auto it = answersObject.constBegin(); it != answersObject.constEnd() && !reader.failed(); ++it) {
        const QString answerPath = Reader::at(u"answers"_s, it.key());
        if (!it.value().isArray()) {
            reader.fail(answerPath, u"expected an array of choice ids"_s);
            break;
        }
        model.answers.insert(it.key(), reader.strings(answersObject, it.key(), u"answers"_s));
    }

    const QJsonArray walkthroughArray = reader.array(root, u"walkthrough", {});
    for (qsizetype i = 0; i < walkthroughArray.size() && !reader.failed(); ++i) {
        const QString entryPath = Reader::at(u"walkthrough"_s, i);
        const QJsonObject object = reader.object(walkthroughArray.at(i), entryPath);
        WalkthroughEntry entry;
        entry.remedyId = reader.string(object, u"remedyId", entryPath, true);
        entry.stepIndex = int(reader.integer(object, u"stepIndex", entryPath, 0, kMaxListLength, 0));
        entry.helped = reader.boolean(object, u"helped", entryPath);
        entry.answeredAt = reader.dateTime(object, u"answeredAt", entryPath);
        entry.retestResults = probesFromJson(reader, object, u"retestResults", entryPath);
        model.walkthrough << entry;
    }

    if (reader.boolean(root, u"secretsIncluded", {}))
        model.secrets = reader.strings(root, u"secrets", {});

    if (reader.failed())
        return failWith(reader.error());
    if (error != nullptr)
        error->clear();
    return model;
}

} // namespace rd
