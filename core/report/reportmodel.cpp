#include "report/reportmodel.h"

#include "appinfo.h"
#include "catalog/encodercatalog.h"
#include "catalog/servercatalog.h"
#include "diagnosis/diagnosis.h"

#include <QJsonValue>
#include <QNetworkInterface>
#include <QNetworkProxyFactory>
#include <QNetworkProxyQuery>
#include <QRegularExpression>
#include <QUrl>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace rd {

namespace {

// Shorter secrets are not searched for in free text: hiding every "abc" would wreck the text
// while protecting almost nothing. Fields known to hold a secret are cleared whatever its length.
constexpr qsizetype kMinScrubbedSecretLength = 4;

QStringList orderedSecrets(const QStringList& secrets)
{
    QStringList ordered;
    for (const QString& secret : secrets) {
        if (secret.size() >= kMinScrubbedSecretLength && !ordered.contains(secret))
            ordered << secret;
        const QString encoded = QString::fromLatin1(QUrl::toPercentEncoding(secret));
        if (encoded != secret && encoded.size() >= kMinScrubbedSecretLength && !ordered.contains(encoded))
            ordered << encoded;
    }
    std::sort(ordered.begin(), ordered.end(),
              [](const QString& a, const QString& b) { return a.size() > b.size(); });
    return ordered;
}

QString describeProxy(const QNetworkProxy& proxy)
{
    QString kind;
    switch (proxy.type()) {
    case QNetworkProxy::NoProxy:
        return u"none"_s;
    case QNetworkProxy::DefaultProxy:
        return u"the application default"_s;
    case QNetworkProxy::Socks5Proxy:
        kind = u"SOCKS5 proxy"_s;
        break;
    case QNetworkProxy::HttpProxy:
    case QNetworkProxy::HttpCachingProxy:
        kind = u"HTTP proxy"_s;
        break;
    case QNetworkProxy::FtpCachingProxy:
        kind = u"FTP proxy"_s;
        break;
    }
    QString text = u"%1 %2:%3"_s.arg(kind, proxy.hostName()).arg(proxy.port());
    // The user name can identify a person and often is half of the credentials: hidden as well.
    if (!proxy.user().isEmpty() || !proxy.password().isEmpty())
        text += u" (with a user name and password, not shown)"_s;
    return text;
}

QString describeProxySettings(const ProxySettings& settings, const QString& host, quint16 port)
{
    switch (settings.mode) {
    case ProxyMode::None:
        return u"none (the user said there is no proxy)"_s;
    case ProxyMode::Explicit:
        return u"given by the user: "_s + describeProxy(settings.explicitProxy);
    case ProxyMode::System:
        break;
    }
    if (host.isEmpty() || port == 0)
        return u"the system's settings"_s;
    const QNetworkProxyQuery query(host, port, u"rtmp"_s, QNetworkProxyQuery::TcpSocket);
    const QList<QNetworkProxy> proxies = QNetworkProxyFactory::systemProxyForQuery(query);
    QStringList described;
    for (const QNetworkProxy& proxy : proxies)
        described << describeProxy(proxy);
    if (described.isEmpty())
        described << u"none"_s;
    return u"the system's settings: "_s + described.join(u"; "_s);
}

QVariant normalisedVariant(const QVariant& value)
{
    // Through JSON and back: what a saved report will hold.
    return QJsonValue::fromVariant(value).toVariant();
}

QString scrubText(const QString& text, const QStringList& ordered)
{
    if (text.isEmpty() || ordered.isEmpty())
        return text;
    QString result = text;
    for (const QString& secret : ordered) {
        // Each secret maps to its own placeholder, so one pass per secret.
        const QString placeholder = redactSecret(secret);
        qsizetype from = 0;
        while (true) {
            const qsizetype found = result.indexOf(secret, from, Qt::CaseInsensitive);
            if (found < 0)
                break;
            result.replace(found, secret.size(), placeholder);
            from = found + placeholder.size();
        }
    }
    return result;
}

QByteArray scrubBytes(const QByteArray& bytes, const QStringList& ordered)
{
    if (bytes.isEmpty() || ordered.isEmpty())
        return bytes;
    QByteArray result = bytes;
    const QByteArray lowered = bytes.toLower();
    for (const QString& secret : ordered) {
        const QByteArray needle = secret.toUtf8().toLower();
        qsizetype from = 0;
        while (true) {
            const qsizetype found = lowered.indexOf(needle, from);
            if (found < 0)
                break;
            // Same length, so offsets in a hex dump stay true.
            for (qsizetype i = found; i < found + needle.size(); ++i)
                result[i] = '*';
            from = found + needle.size();
        }
    }
    return result;
}

QVariant scrubVariant(const QVariant& value, const QStringList& ordered)
{
    switch (value.typeId()) {
    case QMetaType::QString:
        return scrubText(value.toString(), ordered);
    case QMetaType::QByteArray:
        return scrubBytes(value.toByteArray(), ordered);
    case QMetaType::QStringList: {
        QStringList list = value.toStringList();
        for (QString& item : list)
            item = scrubText(item, ordered);
        return list;
    }
    case QMetaType::QVariantList: {
        QVariantList list = value.toList();
        for (QVariant& item : list)
            item = scrubVariant(item, ordered);
        return list;
    }
    case QMetaType::QVariantMap: {
        QVariantMap map = value.toMap();
        QVariantMap scrubbed;
        for (auto it = map.cbegin(); it != map.cend(); ++it)
            scrubbed.insert(scrubText(it.key(), ordered), scrubVariant(it.value(), ordered));
        return scrubbed;
    }
    default:
        return value;
    }
}

void scrubResult(ProbeResult& result, const QStringList& ordered)
{
    result.target.streamKey.clear();
    result.probeId = scrubText(result.probeId, ordered);
    result.target.host = scrubText(result.target.host, ordered);
    result.target.address = scrubText(result.target.address, ordered);
    result.target.application = scrubText(result.target.application, ordered);
    result.target.tcUrl = scrubText(result.target.tcUrl, ordered);
    result.message = scrubText(result.message, ordered);
    for (ProbeStep& step : result.steps) {
        step.name = scrubText(step.name, ordered);
        step.detail = scrubText(step.detail, ordered);
    }
    for (TranscriptEntry& entry : result.transcript) {
        entry.summary = scrubText(entry.summary, ordered);
        entry.bytes = scrubBytes(entry.bytes, ordered);
    }
    result.facts = scrubVariant(result.facts, ordered).toMap();
}

void scrubEvidence(QList<Evidence>& list, const QStringList& ordered)
{
    for (Evidence& item : list) {
        item.subject = scrubText(item.subject, ordered);
        item.finding = scrubText(item.finding, ordered);
        item.quote = scrubText(item.quote, ordered);
        item.why = scrubText(item.why, ordered);
    }
}

void scrubRemedy(ReportRemedy& remedy, const QStringList& ordered)
{
    remedy.id = scrubText(remedy.id, ordered);
    remedy.title = scrubText(remedy.title, ordered);
    remedy.explanation = scrubText(remedy.explanation, ordered);
    for (RemedyStep& step : remedy.steps) {
        step.text = scrubText(step.text, ordered);
        step.verify = scrubText(step.verify, ordered);
        for (QString& item : step.retest)
            item = scrubText(item, ordered);
        for (ConfigSnippet& snippet : step.snippets) {
            snippet.file = scrubText(snippet.file, ordered);
            snippet.text = scrubText(snippet.text, ordered);
        }
    }
}

const ProbeResult* findResult(const QList<ProbeResult>& results, const QString& probeId)
{
    // The last one counts: a re-run replaces the earlier result.
    for (qsizetype i = results.size() - 1; i >= 0; --i) {
        if (results.at(i).probeId == probeId)
            return &results.at(i);
    }
    return nullptr;
}

bool ranAndFailed(const ProbeResult* result)
{
    return result != nullptr && result->verdict() == Verdict::Fail;
}

// A probe message as the end of a sentence.
QString sentence(const QString& text)
{
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty() || trimmed.endsWith(u'.') || trimmed.endsWith(u'!') || trimmed.endsWith(u'?'))
        return trimmed;
    return trimmed + u'.';
}

QString causeSuffix(const ReportDiagnosis& diagnosis)
{
    if (const ReportCause* cause = diagnosis.topCause())
        return u" Most likely: %1 (%2%)."_s.arg(cause->title).arg(cause->confidence);
    return {};
}

} // namespace

QString reportVerdictId(ReportVerdict verdict)
{
    switch (verdict) {
    case ReportVerdict::Healthy:
        return u"healthy"_s;
    case ReportVerdict::Problem:
        return u"problem"_s;
    case ReportVerdict::Uncertain:
        return u"uncertain"_s;
    }
    return u"uncertain"_s;
}

std::optional<ReportVerdict> reportVerdictFromId(QStringView id)
{
    for (ReportVerdict verdict : {ReportVerdict::Healthy, ReportVerdict::Problem, ReportVerdict::Uncertain}) {
        if (id == reportVerdictId(verdict))
            return verdict;
    }
    return std::nullopt;
}

QString reportVerdictTitle(ReportVerdict verdict)
{
    switch (verdict) {
    case ReportVerdict::Healthy:
        return u"No problem found"_s;
    case ReportVerdict::Problem:
        return u"Problem found"_s;
    case ReportVerdict::Uncertain:
        return u"Result uncertain"_s;
    }
    return u"Result uncertain"_s;
}

ReportInputs ReportInputs::fromIngestUrl(const IngestUrl& url, const QList<UrlFinding>& findings,
                                         const DiagnosticPlan& plan, const EncoderInfo* encoder,
                                         const ServerFamilyInfo* serverFamily)
{
    ReportInputs inputs;
    if (encoder != nullptr) {
        inputs.encoderId = encoder->id;
        inputs.encoderName = encoder->name;
    }
    if (serverFamily != nullptr) {
        inputs.serverFamilyId = serverFamily->id;
        inputs.serverFamilyName = serverFamily->name;
    }
    inputs.ingestUrl = url.toString(Redaction::Redacted);
    inputs.ingestUrlRevealed = url.input();
    inputs.separateStreamKey = url.isStreamKeySeparate();
    inputs.urlFindings = findings;
    inputs.publishCheck = plan.publishCheck;
    inputs.proxy = describeProxySettings(plan.proxy, {}, 0);
    inputs.gridPorts = plan.effectiveGridPorts();
    return inputs;
}

ReportEnvironment ReportEnvironment::capture(const ProxySettings& settings, const QString& host, quint16 port)
{
    ReportEnvironment environment;
    environment.operatingSystem = AppInfo::operatingSystem();
    environment.applicationName = AppInfo::applicationName();
    environment.applicationVersion = AppInfo::version();
    environment.qtVersion = AppInfo::qtVersion();
    environment.tlsLibrary = AppInfo::tlsBackend();
    environment.proxy = describeProxySettings(settings, host, port);
    const QList<QNetworkInterface> interfaces = QNetworkInterface::allInterfaces();
    for (const QNetworkInterface& networkInterface : interfaces) {
        if (!networkInterface.flags().testFlag(QNetworkInterface::IsUp))
            continue;
        const QList<QNetworkAddressEntry> entries = networkInterface.addressEntries();
        for (const QNetworkAddressEntry& entry : entries) {
            environment.localAddresses
                << u"%1 %2/%3"_s.arg(networkInterface.humanReadableName(), entry.ip().toString())
                       .arg(entry.prefixLength());
        }
    }
    return environment;
}

QString timelineEventKindId(TimelineEventKind kind)
{
    switch (kind) {
    case TimelineEventKind::Queued:
        return u"queued"_s;
    case TimelineEventKind::Started:
        return u"started"_s;
    case TimelineEventKind::Finished:
        return u"finished"_s;
    case TimelineEventKind::Note:
        return u"note"_s;
    }
    return u"note"_s;
}

std::optional<TimelineEventKind> timelineEventKindFromId(QStringView id)
{
    for (TimelineEventKind kind : {TimelineEventKind::Queued, TimelineEventKind::Started,
                                   TimelineEventKind::Finished, TimelineEventKind::Note}) {
        if (id == timelineEventKindId(kind))
            return kind;
    }
    return std::nullopt;
}

ReportRemedy ReportRemedy::fromEntry(const KnowledgeEntry& entry)
{
    return {entry.id, entry.title, entry.audience, entry.explanation, entry.steps};
}

const ReportRemedy* ReportDiagnosis::remedy(const QString& remedyId) const
{
    for (const ReportCause& cause : causes) {
        for (const ReportRemedy& candidate : cause.remedies) {
            if (candidate.id == remedyId)
                return &candidate;
        }
    }
    for (const ReportRemedy& candidate : relatedEntries) {
        if (candidate.id == remedyId)
            return &candidate;
    }
    return nullptr;
}

ReportDiagnosis ReportDiagnosis::fromDiagnosis(const Diagnosis& diagnosis)
{
    const auto kept = [](const DiagnosedCause& cause) {
        ReportCause copy;
        copy.causeId = cause.causeId;
        copy.title = cause.title;
        copy.confidence = cause.confidence;
        copy.plainExplanation = cause.plainExplanation;
        copy.technicalLine = cause.technicalLine;
        copy.evidenceFor = cause.evidenceFor;
        copy.evidenceAgainst = cause.evidenceAgainst;
        for (const KnowledgeEntry& entry : cause.remedies)
            copy.remedies << ReportRemedy::fromEntry(entry);
        return copy;
    };
    ReportDiagnosis report;
    for (const DiagnosedCause& cause : diagnosis.causes)
        report.causes << kept(cause);
    for (const DiagnosedCause& cause : diagnosis.ruledOut)
        report.ruledOut << kept(cause);
    for (const KnowledgeEntry& entry : diagnosis.relatedEntries)
        report.relatedEntries << ReportRemedy::fromEntry(entry);
    return report;
}

void ReportModel::addSecrets(const QStringList& more)
{
    for (const QString& secret : more) {
        if (!secret.isEmpty() && !secrets.contains(secret))
            secrets << secret;
    }
}

QStringList ReportModel::secretsOf(const IngestUrl& url, const DiagnosticPlan& plan)
{
    QStringList found;
    for (const QString& secret : {url.streamKey(), url.azure().accessToken, url.userName(), url.password(),
                                  url.options().separateStreamKey, plan.streamKey,
                                  plan.proxy.explicitProxy.user(), plan.proxy.explicitProxy.password()}) {
        if (!secret.isEmpty() && !found.contains(secret))
            found << secret;
    }
    // Query values the URL hides (tokens, signatures, long values): a pasted log or a server's
    // reply can quote them outside the URL too.
    const QStringList typed = url.query().split(u'&');
    const QStringList hidden = url.query(Redaction::Redacted).split(u'&');
    for (qsizetype i = 0; i < typed.size() && i < hidden.size(); ++i) {
        if (typed.at(i) == hidden.at(i))
            continue;
        const qsizetype equals = typed.at(i).indexOf(u'=');
        const QString value = equals < 0 ? typed.at(i) : typed.at(i).mid(equals + 1);
        if (!value.isEmpty() && !found.contains(value))
            found << value;
    }
    return found;
}

ProbeResult ReportModel::normalised(ProbeResult result)
{
    result.facts = normalisedVariant(result.facts).toMap();
    return result;
}

ReportModel ReportModel::prepared(const ReportOptions& options) const
{
    ReportModel copy = *this;
    if (options.includeSecrets)
        return copy;

    const QStringList ordered = orderedSecrets(secrets);
    copy.secrets.clear();
    copy.verdictSummary = scrubText(copy.verdictSummary, ordered);

    // Every text, ids included: a session file that was edited or damaged can
    // carry a secret in any field, and the summary prints the ids as they are.
    ReportInputs& inputs = copy.inputs;
    inputs.ingestUrlRevealed.clear();
    inputs.ingestUrl = scrubText(inputs.ingestUrl, ordered);
    inputs.encoderId = scrubText(inputs.encoderId, ordered);
    inputs.encoderName = scrubText(inputs.encoderName, ordered);
    inputs.serverFamilyId = scrubText(inputs.serverFamilyId, ordered);
    inputs.serverFamilyName = scrubText(inputs.serverFamilyName, ordered);
    inputs.serverFamilyReason = scrubText(inputs.serverFamilyReason, ordered);
    inputs.proxy = scrubText(inputs.proxy, ordered);
    inputs.pastedErrorText = scrubText(inputs.pastedErrorText, ordered);
    for (UrlFinding& finding : inputs.urlFindings)
        finding.message = scrubText(finding.message, ordered);

    ReportEnvironment& environment = copy.environment;
    for (QString* text :
         {&environment.operatingSystem, &environment.applicationName, &environment.applicationVersion,
          &environment.qtVersion, &environment.tlsLibrary, &environment.proxy})
        *text = scrubText(*text, ordered);
    for (QString& address : environment.localAddresses)
        address = scrubText(address, ordered);

    for (TimelineEvent& event : copy.timeline) {
        event.probeId = scrubText(event.probeId, ordered);
        event.detail = scrubText(event.detail, ordered);
    }
    for (ProbeResult& result : copy.probes)
        scrubResult(result, ordered);
    for (QList<ReportCause>* causes : {&copy.diagnosis.causes, &copy.diagnosis.ruledOut}) {
        for (ReportCause& cause : *causes) {
            cause.causeId = scrubText(cause.causeId, ordered);
            cause.title = scrubText(cause.title, ordered);
            cause.plainExplanation = scrubText(cause.plainExplanation, ordered);
            cause.technicalLine = scrubText(cause.technicalLine, ordered);
            scrubEvidence(cause.evidenceFor, ordered);
            scrubEvidence(cause.evidenceAgainst, ordered);
            for (ReportRemedy& remedy : cause.remedies)
                scrubRemedy(remedy, ordered);
        }
    }
    for (ReportRemedy& remedy : copy.diagnosis.relatedEntries)
        scrubRemedy(remedy, ordered);

    QMap<QString, QStringList> answers;
    for (auto it = copy.answers.cbegin(); it != copy.answers.cend(); ++it) {
        QStringList values = it.value();
        for (QString& value : values)
            value = scrubText(value, ordered);
        answers.insert(scrubText(it.key(), ordered), values);
    }
    copy.answers = answers;

    for (WalkthroughEntry& entry : copy.walkthrough) {
        entry.remedyId = scrubText(entry.remedyId, ordered);
        for (ProbeResult& result : entry.retestResults)
            scrubResult(result, ordered);
    }
    return copy;
}

std::optional<ProbeResult> ReportModel::probe(const QString& probeId) const
{
    if (const ProbeResult* found = findResult(probes, probeId))
        return *found;
    return std::nullopt;
}

VerdictAssessment assessVerdict(const QList<ProbeResult>& results, const DiagnosticPlan& plan,
                                const QList<UrlFinding>& urlFindings, const ReportDiagnosis& diagnosis)
{
    for (const UrlFinding& finding : urlFindings) {
        if (finding.severity == Severity::Error)
            return {ReportVerdict::Problem, u"The ingest address itself is wrong: %1%2"_s.arg(
                                                sentence(finding.message), causeSuffix(diagnosis))};
    }

    const Transport transport = plan.transport();
    const ProbeResult* connect = findResult(results, probeids::connect(plan.port, transport));
    const ProbeResult* publish =
        plan.publishCheck ? findResult(results, probeids::publish(plan.port, transport)) : nullptr;

    if (connect != nullptr && connect->verdict() == Verdict::Pass) {
        if (!plan.publishCheck || (publish != nullptr && publish->verdict() == Verdict::Pass))
            return {
                ReportVerdict::Healthy,
                plan.publishCheck
                    ? u"The server accepted the connection and the stream key: your encoder's path works."_s
                    : u"The server accepted the connection on the address you use: your encoder's path "
                      u"works."_s};
        if (ranAndFailed(publish))
            return {ReportVerdict::Problem,
                    u"The server accepted the connection but refused to take the stream: %1%2"_s.arg(
                        sentence(publish->message), causeSuffix(diagnosis))};
        return {ReportVerdict::Uncertain,
                u"The server accepted the connection, but the stream key could not be checked.%1"_s.arg(
                    causeSuffix(diagnosis))};
    }
    if (ranAndFailed(connect))
        return {ReportVerdict::Problem, u"The server did not accept the connection: %1%2"_s.arg(
                                            sentence(connect->message), causeSuffix(diagnosis))};

    // Connect did not get to run (or only warned): find the first step on the way that failed.
    const ProbeResult* dns = findResult(results, probeids::dns());
    if (ranAndFailed(dns))
        return {ReportVerdict::Problem, u"The server's name could not be looked up: %1%2"_s.arg(
                                            sentence(dns->message), causeSuffix(diagnosis))};
    const ProbeResult* tcp4 = findResult(results, probeids::tcp(plan.port, AddressFamily::Ipv4));
    const ProbeResult* tcp6 = findResult(results, probeids::tcp(plan.port, AddressFamily::Ipv6));
    const bool tcpPassed = (tcp4 != nullptr && tcp4->verdict() == Verdict::Pass) ||
                           (tcp6 != nullptr && tcp6->verdict() == Verdict::Pass);
    if (!tcpPassed && (ranAndFailed(tcp4) || ranAndFailed(tcp6))) {
        const ProbeResult* failed = ranAndFailed(tcp4) ? tcp4 : tcp6;
        return {ReportVerdict::Problem, u"Port %1 cannot be reached: %2%3"_s.arg(plan.port).arg(
                                            sentence(failed->message), causeSuffix(diagnosis))};
    }
    const QStringList transportIds{
        probeids::tls(plan.port), probeids::handshake(plan.port, Transport::PlainTcp),
        probeids::handshake(plan.port, Transport::Tls), probeids::rtmpt(plan.port, transport)};
    for (const QString& id : transportIds) {
        const ProbeResult* step = findResult(results, id);
        if (ranAndFailed(step))
            return {ReportVerdict::Problem,
                    u"The server on port %1 does not speak RTMP as expected: %2%3"_s.arg(plan.port).arg(
                        sentence(step->message), causeSuffix(diagnosis))};
    }
    if (connect != nullptr && connect->verdict() == Verdict::Warn)
        return {ReportVerdict::Uncertain, u"The server answered but the test could not finish: %1%2"_s.arg(
                                              sentence(connect->message), causeSuffix(diagnosis))};
    return {ReportVerdict::Uncertain,
            u"Not enough could be tested to tell whether the stream would get through.%1"_s.arg(
                causeSuffix(diagnosis))};
}

ReportModel assembleReport(const ReportAssembly& assembly)
{
    ReportModel model;
    model.startedAt = assembly.startedAt.toUTC();
    model.finishedAt = assembly.finishedAt.toUTC();
    model.inputs = assembly.inputs;
    model.environment =
        ReportEnvironment::capture(assembly.plan.proxy, assembly.plan.host, assembly.plan.port);
    model.timeline = assembly.timeline;
    for (const ProbeResult& result : assembly.results)
        model.probes << ReportModel::normalised(result);
    model.diagnosis = assembly.diagnosis;
    model.answers = assembly.answers;
    model.walkthrough = assembly.walkthrough;
    for (WalkthroughEntry& entry : model.walkthrough) {
        for (ProbeResult& result : entry.retestResults)
            result = ReportModel::normalised(result);
    }
    model.addSecrets(assembly.secrets);
    const VerdictAssessment verdict =
        assessVerdict(assembly.results, assembly.plan, assembly.inputs.urlFindings, assembly.diagnosis);
    model.verdict = verdict.verdict;
    model.verdictSummary = verdict.summary;
    return model;
}

QString scrubSecrets(const QString& text, const QStringList& secrets)
{
    return scrubText(text, orderedSecrets(secrets));
}

QByteArray scrubSecrets(const QByteArray& bytes, const QStringList& secrets)
{
    return scrubBytes(bytes, orderedSecrets(secrets));
}

QStringList hexDumpLines(const QByteArray& bytes, int maxLines)
{
    QStringList lines;
    for (qsizetype offset = 0; offset < bytes.size() && lines.size() < maxLines; offset += 16) {
        const QByteArray chunk = bytes.mid(offset, 16);
        QString hex;
        QString printable;
        for (qsizetype i = 0; i < 16; ++i) {
            if (i < chunk.size()) {
                const auto byte = static_cast<uchar>(chunk.at(i));
                hex += u"%1 "_s.arg(uint(byte), 2, 16, QChar(u'0'));
                printable += (byte >= 0x20 && byte < 0x7f) ? QChar(char16_t(byte)) : QChar(u'.');
            } else {
                hex += u"   "_s;
            }
            if (i == 7)
                hex += u' ';
        }
        lines << u"%1  %2 %3"_s.arg(qlonglong(offset), 4, 16, QChar(u'0')).arg(hex, printable);
    }
    if (bytes.size() > qsizetype(maxLines) * 16)
        lines << u"… %1 more bytes"_s.arg(bytes.size() - qsizetype(maxLines) * 16);
    return lines;
}

} // namespace rd
