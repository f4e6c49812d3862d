#include "diagnosis/rule.h"

#include "diagnosis/bitratefit.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace rd {

namespace {

constexpr qsizetype kMaxQuoteLength = 200;

// Evidence must fit on one line of a report.
QString oneLine(const QString& text)
{
    QString line = text.simplified();
    if (line.size() > kMaxQuoteLength)
        line = line.left(kMaxQuoteLength - 1) + u'…';
    return line;
}

Evidence probeEvidence(const ProbeResult& result, const QString& quote = {})
{
    const QString statusId = probeStatusId(result.status);
    const QString text = !quote.isEmpty()            ? quote
                         : !result.message.isEmpty() ? result.message
                                                     : result.probeId + u": "_s + statusId;
    return Evidence{EvidenceSource::Probe, result.probeId, statusId, oneLine(text), {}};
}

void appendUnique(QList<Evidence>& list, const QList<Evidence>& more)
{
    for (const Evidence& item : more) {
        if (!list.contains(item))
            list.append(item);
    }
}

bool hasRun(const ProbeResult& result)
{
    return result.verdict() != Verdict::Skipped;
}

// The filters of a probe rule that pick which results it talks about.
bool selects(const Rule& rule, const ProbeResult& result, const RuleContext& context)
{
    if (result.kind != rule.probeKind)
        return false;
    if (rule.probeIdPattern.isValid() && !rule.probeIdPattern.pattern().isEmpty() &&
        !rule.probeIdPattern.match(result.probeId).hasMatch())
        return false;
    switch (rule.portSelector) {
    case Rule::PortSelector::AnyPort:
        break;
    case Rule::PortSelector::UrlPort:
        if (context.urlPort == 0 || result.target.port != context.urlPort)
            return false;
        break;
    case Rule::PortSelector::Listed:
        if (!rule.ports.contains(result.target.port))
            return false;
        break;
    }
    if (rule.transport && result.target.transport != *rule.transport)
        return false;
    return true;
}

// The tests of a probe rule: status, verdict, fact.
bool satisfies(const Rule& rule, const ProbeResult& result)
{
    if (!rule.statuses.isEmpty() && !rule.statuses.contains(result.status))
        return false;
    if (rule.verdict && result.verdict() != *rule.verdict)
        return false;
    if (rule.factTest != Rule::FactTest::None) {
        const auto found = result.facts.constFind(rule.factKey);
        if (found == result.facts.constEnd())
            return false;
        const QString value = found.value().toString();
        switch (rule.factTest) {
        case Rule::FactTest::None:
        case Rule::FactTest::Exists:
            break;
        case Rule::FactTest::Equals:
            if (value != rule.factValue)
                return false;
            break;
        case Rule::FactTest::Contains:
            if (!value.contains(rule.factValue, Qt::CaseInsensitive))
                return false;
            break;
        }
    }
    return true;
}

RuleOutcome evaluateProbe(const Rule& rule, const RuleContext& context)
{
    RuleOutcome outcome;
    int considered = 0;
    bool allSatisfied = true;
    for (const ProbeResult& result : context.probeResults) {
        if (!selects(rule, result, context))
            continue;
        if (rule.every) {
            // A probe that never ran says nothing about "every port refused".
            if (!hasRun(result))
                continue;
            ++considered;
            if (satisfies(rule, result))
                outcome.evidence.append(probeEvidence(result));
            else
                allSatisfied = false;
        } else if (satisfies(rule, result)) {
            outcome.evidence.append(probeEvidence(result));
        }
    }
    outcome.matched = rule.every ? (considered > 0 && allSatisfied) : !outcome.evidence.isEmpty();
    if (!outcome.matched)
        outcome.evidence.clear();
    return outcome;
}

RuleOutcome evaluateLint(const Rule& rule, const RuleContext& context)
{
    RuleOutcome outcome;
    for (const UrlFinding& finding : context.urlFindings) {
        const QString id = lintCodeId(finding.code);
        if (rule.values.contains(id))
            outcome.evidence.append(
                Evidence{EvidenceSource::UrlLint, u"url"_s, id, oneLine(finding.message), {}});
    }
    outcome.matched = !outcome.evidence.isEmpty();
    return outcome;
}

RuleOutcome evaluateAnswer(const Rule& rule, const RuleContext& context)
{
    RuleOutcome outcome;
    const QStringList chosen = context.answers.value(rule.question);
    for (const QString& answer : chosen) {
        if (rule.values.contains(answer))
            outcome.evidence.append(Evidence{
                EvidenceSource::Answer, rule.question, answer, rule.question + u": "_s + answer, {}});
    }
    outcome.matched = !outcome.evidence.isEmpty();
    return outcome;
}

RuleOutcome evaluateContext(const Rule& rule, const QString& subject, const QString& chosenId)
{
    RuleOutcome outcome;
    if (!chosenId.isEmpty() && rule.values.contains(chosenId)) {
        outcome.matched = true;
        outcome.evidence.append(
            Evidence{EvidenceSource::Context, subject, chosenId, subject + u": "_s + chosenId, {}});
    }
    return outcome;
}

RuleOutcome evaluateErrorText(const Rule& rule, const RuleContext& context)
{
    RuleOutcome outcome;
    for (const ErrorMatch& match : context.errorMatches) {
        if (rule.values.contains(match.signatureId))
            outcome.evidence.append(Evidence{EvidenceSource::ErrorText,
                                             u"pasted-text"_s,
                                             match.signatureId,
                                             oneLine(match.matchedText),
                                             {}});
    }
    outcome.matched = !outcome.evidence.isEmpty();
    return outcome;
}

RuleOutcome evaluateServerSaid(const Rule& rule, const RuleContext& context)
{
    RuleOutcome outcome;
    for (const ProbeResult& result : context.probeResults) {
        const QStringList said = context.serverSaid.value(result.probeId);
        const bool hit = std::any_of(rule.values.cbegin(), rule.values.cend(),
                                     [&said](const QString& id) { return said.contains(id); });
        if (!hit)
            continue;
        QString description = result.facts.value(u"description"_s).toString();
        if (description.isEmpty())
            description = result.facts.value(u"publishDescription"_s).toString();
        outcome.evidence.append(probeEvidence(result, description));
    }
    outcome.matched = !outcome.evidence.isEmpty();
    return outcome;
}

RuleOutcome evaluateMeasurement(const Rule& rule, const RuleContext& context)
{
    RuleOutcome outcome;
    for (const Evidence& measured : context.measurements) {
        if (measured.source == EvidenceSource::Measurement && measured.subject == rule.measurementSubject &&
            rule.values.contains(measured.finding)) {
            Evidence item = measured;
            item.quote =
                oneLine(item.quote.isEmpty() ? measured.subject + u": "_s + measured.finding : item.quote);
            item.why.clear();
            outcome.evidence.append(item);
        }
    }
    outcome.matched = !outcome.evidence.isEmpty();
    return outcome;
}

} // namespace

RuleOutcome evaluateRule(const Rule& rule, const RuleContext& context)
{
    switch (rule.kind) {
    case Rule::Kind::All: {
        RuleOutcome outcome{true, {}};
        for (const Rule& child : rule.children) {
            const RuleOutcome part = evaluateRule(child, context);
            if (!part.matched)
                return {};
            appendUnique(outcome.evidence, part.evidence);
        }
        return outcome;
    }
    case Rule::Kind::Any: {
        // Every operand that matches contributes its evidence, not just the first.
        RuleOutcome outcome;
        for (const Rule& child : rule.children) {
            const RuleOutcome part = evaluateRule(child, context);
            if (!part.matched)
                continue;
            outcome.matched = true;
            appendUnique(outcome.evidence, part.evidence);
        }
        return outcome;
    }
    case Rule::Kind::Not: {
        if (rule.children.empty())
            return {};
        return RuleOutcome{!evaluateRule(rule.children.front(), context).matched, {}};
    }
    case Rule::Kind::Probe:
        return evaluateProbe(rule, context);
    case Rule::Kind::Lint:
        return evaluateLint(rule, context);
    case Rule::Kind::Answer:
        return evaluateAnswer(rule, context);
    case Rule::Kind::Encoder:
        return evaluateContext(rule, u"encoder"_s, context.encoderId);
    case Rule::Kind::ServerFamily:
        return evaluateContext(rule, u"server-family"_s, context.serverFamilyId);
    case Rule::Kind::ErrorText:
        return evaluateErrorText(rule, context);
    case Rule::Kind::ServerSaid:
        return evaluateServerSaid(rule, context);
    case Rule::Kind::Measurement:
        return evaluateMeasurement(rule, context);
    case Rule::Kind::Cause: {
        const bool listed =
            std::any_of(rule.values.cbegin(), rule.values.cend(),
                        [&context](const QString& id) { return context.causeIds.contains(id); });
        return RuleOutcome{listed, {}};
    }
    }
    return {};
}

QList<ProbeKind> allProbeKinds()
{
    QList<ProbeKind> kinds;
    for (int value = static_cast<int>(ProbeKind::Dns); value <= static_cast<int>(ProbeKind::FlashSequence);
         ++value)
        kinds.append(static_cast<ProbeKind>(value));
    return kinds;
}

QList<ProbeStatus> allProbeStatuses()
{
    QList<ProbeStatus> statuses;
    for (int value = static_cast<int>(ProbeStatus::NotRun);
         value <= static_cast<int>(ProbeStatus::FlashSequenceNoPath); ++value)
        statuses.append(static_cast<ProbeStatus>(value));
    return statuses;
}

std::optional<ProbeKind> probeKindFromId(QStringView id)
{
    for (ProbeKind kind : allProbeKinds()) {
        if (probeKindId(kind) == id)
            return kind;
    }
    return std::nullopt;
}

std::optional<ProbeStatus> probeStatusFromId(QStringView id)
{
    for (ProbeStatus status : allProbeStatuses()) {
        if (probeStatusId(status) == id)
            return status;
    }
    return std::nullopt;
}

bool statusBelongsToKind(ProbeStatus status, ProbeKind kind)
{
    switch (status) {
    case ProbeStatus::NotRun:
    case ProbeStatus::Cancelled:
    case ProbeStatus::Skipped:
    case ProbeStatus::InternalError:
    case ProbeStatus::SessionTimedOut:
        return true;
    default:
        break;
    }
    // Status ids carry their kind as a prefix ("tcp-open", "handshake-reset"); TcpPort is the one
    // kind whose id ("tcp-port") is longer than its statuses' prefix.
    const QString prefix = kind == ProbeKind::TcpPort ? u"tcp-"_s : probeKindId(kind) + u'-';
    return probeStatusId(status).startsWith(prefix);
}

QString evidenceSourceId(EvidenceSource source)
{
    switch (source) {
    case EvidenceSource::Probe:
        return u"probe"_s;
    case EvidenceSource::UrlLint:
        return u"url-lint"_s;
    case EvidenceSource::Answer:
        return u"answer"_s;
    case EvidenceSource::ErrorText:
        return u"error-text"_s;
    case EvidenceSource::Context:
        return u"context"_s;
    case EvidenceSource::Measurement:
        return u"measurement"_s;
    }
    return u"unknown"_s;
}

QStringList measurementSubjects()
{
    return {u"camera"_s, u"bitrate"_s};
}

QStringList measurementFindingIds(QStringView subject)
{
    if (subject == u"bitrate")
        return {bitrateFitId(BitrateFit::Fits), bitrateFitId(BitrateFit::Tight),
                bitrateFitId(BitrateFit::DoesNotFit)};
    if (subject == u"camera")
        // rd::camera::cameraFindingId() and cameraOpenFailureId(); the camera library is not part of
        // the engine, so tst_frameanalysis checks that both lists agree.
        return {u"too-dark"_s,
                u"too-bright"_s,
                u"noisy"_s,
                u"low-fps-low-light"_s,
                u"low-fps-still-scene"_s,
                u"low-fps"_s,
                u"lower-resolution"_s,
                u"no-image"_s,
                u"no-frames"_s,
                u"no-camera"_s,
                u"camera-busy"_s,
                u"permission-denied"_s,
                u"open-failed"_s,
                u"no-frames-in-time"_s};
    return {};
}

} // namespace rd
