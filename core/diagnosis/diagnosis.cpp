#include "diagnosis/diagnosis.h"

#include "diagnosis/knowledgebase.h"
#include "diagnosis/textredaction.h"

#include <QSet>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace rd {

namespace {

// A cause suggested only by a pasted message, without a rule that matched, starts here and loses
// this much per place further down the signature's list of likely causes.
constexpr int kTextOnlyConfidence = 45;
constexpr int kTextOnlyStep = 8;
constexpr int kTextOnlyFloor = 15;
// A pasted message that agrees with what the probes found.
constexpr int kTextAgreementBonus = 10;
constexpr qsizetype kEvidenceInTechnicalLine = 4;

bool sameObservation(const Evidence& a, const Evidence& b)
{
    return a.source == b.source && a.subject == b.subject && a.finding == b.finding;
}

void addEvidence(QList<Evidence>& list, const Evidence& item)
{
    const bool known = std::any_of(list.cbegin(), list.cend(), [&item](const Evidence& existing) {
        return sameObservation(existing, item);
    });
    if (!known)
        list.append(item);
}

QString shortEvidence(const Evidence& evidence)
{
    switch (evidence.source) {
    case EvidenceSource::Probe:
        return evidence.subject + u' ' + evidence.finding;
    case EvidenceSource::UrlLint:
        return u"URL lint "_s + evidence.finding;
    case EvidenceSource::Answer:
        return u"answer %1=%2"_s.arg(evidence.subject, evidence.finding);
    case EvidenceSource::ErrorText:
        return u"pasted text matched "_s + evidence.finding;
    case EvidenceSource::Context:
        return evidence.subject + u' ' + evidence.finding;
    case EvidenceSource::Measurement:
        return u"measured "_s + evidence.subject + u' ' + evidence.finding;
    }
    return evidence.finding;
}

QString technicalLine(const QString& technical, const QList<Evidence>& evidence)
{
    if (evidence.isEmpty())
        return technical;
    QStringList items;
    for (qsizetype index = 0; index < evidence.size() && index < kEvidenceInTechnicalLine; ++index)
        items.append(shortEvidence(evidence[index]));
    QString line = technical + u" Evidence: "_s + items.join(u"; "_s);
    if (evidence.size() > kEvidenceInTechnicalLine)
        line += u"; and %1 more"_s.arg(evidence.size() - kEvidenceInTechnicalLine);
    return line + u'.';
}

RuleContext buildContext(const KnowledgeBase& knowledge, const DiagnosisInput& input)
{
    RuleContext context;
    // Keyed by probe id: a re-run replaces the earlier result, and the order of the input no longer
    // matters for anything the rules produce.
    QMap<QString, ProbeResult> latest;
    for (const ProbeResult& result : input.probeResults)
        latest.insert(result.probeId, result);
    context.probeResults = latest.values();

    for (const ProbeResult& result : std::as_const(context.probeResults)) {
        if (result.kind != ProbeKind::Connect && result.kind != ProbeKind::Publish)
            continue;
        // The connect probe's and the publish probe's names for what the server said
        // (core/probe/rtmpconversation.h).
        QStringList serverText;
        for (const QString& key : {u"description"_s, u"code"_s, u"publishDescription"_s, u"publishCode"_s})
            serverText.append(result.facts.value(key).toString());
        const ErrorTextMatch said = knowledge.matcher().match(serverText.join(u'\n'));
        for (const ErrorMatch& match : said.matches)
            context.serverSaid[result.probeId].append(match.signatureId);
    }

    context.urlFindings = input.urlFindings;
    context.answers = input.answers;
    context.encoderId = input.encoderId;
    context.serverFamilyId = input.serverFamilyId;
    context.urlPort = input.urlPort;
    context.errorMatches = input.errorMatches;
    for (const Evidence& measured : input.measurements) {
        if (measured.source == EvidenceSource::Measurement)
            context.measurements.append(measured);
    }
    return context;
}

struct Candidate
{
    DiagnosedCause cause;
    qsizetype order = 0;
    const CauseDefinition* definition = nullptr;
    bool ruledOut() const { return cause.confidence == 0; }
};

std::optional<Candidate> evaluateCause(const CauseDefinition& definition, qsizetype order,
                                       const RuleContext& context)
{
    const RuleOutcome trigger = evaluateRule(definition.trigger, context);

    int bestRank = -1;
    QList<Evidence> textEvidence;
    for (const ErrorMatch& match : context.errorMatches) {
        const qsizetype rank = match.likelyCauseIds.indexOf(definition.id);
        if (rank < 0)
            continue;
        if (bestRank < 0 || rank < bestRank)
            bestRank = static_cast<int>(rank);
        addEvidence(textEvidence, Evidence{EvidenceSource::ErrorText, u"pasted-text"_s, match.signatureId,
                                           match.matchedText.simplified(),
                                           u"The pasted message usually has this cause."_s});
    }
    if (!trigger.matched && bestRank < 0)
        return std::nullopt;

    Candidate candidate;
    candidate.order = order;
    candidate.definition = &definition;
    DiagnosedCause& cause = candidate.cause;
    cause.causeId = definition.id;
    cause.title = definition.title;
    cause.plainExplanation = definition.plain;

    int confidence = 0;
    if (trigger.matched) {
        confidence = definition.confidence;
        if (bestRank >= 0)
            confidence += kTextAgreementBonus;
    } else {
        confidence = std::max(kTextOnlyFloor, kTextOnlyConfidence - kTextOnlyStep * bestRank);
    }
    for (const Evidence& item : trigger.evidence)
        addEvidence(cause.evidenceFor, item);
    for (const Evidence& item : std::as_const(textEvidence))
        addEvidence(cause.evidenceFor, item);

    for (const WeightedRule& support : definition.support) {
        const RuleOutcome outcome = evaluateRule(support.when, context);
        if (!outcome.matched)
            continue;
        confidence += support.weight;
        for (Evidence item : outcome.evidence) {
            item.why = support.why;
            addEvidence(cause.evidenceFor, item);
        }
    }
    for (const WeightedRule& against : definition.against) {
        const RuleOutcome outcome = evaluateRule(against.when, context);
        if (!outcome.matched)
            continue;
        confidence -= against.weight;
        for (Evidence item : outcome.evidence) {
            item.why = against.why;
            addEvidence(cause.evidenceAgainst, item);
        }
    }
    cause.confidence = std::clamp(confidence, 0, 100);
    // Pointed to, then contradicted: kept as ruled out only when the evidence against says why.
    if (cause.confidence == 0 && cause.evidenceAgainst.isEmpty())
        return std::nullopt;
    return candidate;
}

void hideSecrets(QList<Evidence>& evidence, const QStringList& secrets)
{
    for (Evidence& item : evidence)
        item.quote = hideSecretsInText(item.quote, secrets);
}

} // namespace

void DiagnosisInput::setIngestUrl(const IngestUrl& url)
{
    urlFindings = url.findings();
    urlPort = url.isPortValid() ? url.port() : 0;
    for (const QString& secret : {url.streamKey(), url.azure().accessToken, url.userName(), url.password()}) {
        if (!secret.isEmpty() && !secrets.contains(secret))
            secrets.append(secret);
    }
}

const DiagnosedCause* Diagnosis::cause(const QString& causeId) const
{
    const auto found = std::find_if(causes.cbegin(), causes.cend(), [&causeId](const DiagnosedCause& cause) {
        return cause.causeId == causeId;
    });
    return found == causes.cend() ? nullptr : &*found;
}

Diagnosis diagnose(const KnowledgeBase& knowledge, const DiagnosisInput& input)
{
    RuleContext context = buildContext(knowledge, input);

    QList<Candidate> candidates;
    Diagnosis diagnosis;
    const QList<CauseDefinition>& definitions = knowledge.causes();
    for (qsizetype index = 0; index < definitions.size(); ++index) {
        std::optional<Candidate> candidate = evaluateCause(definitions[index], index, context);
        if (!candidate)
            continue;
        if (candidate->ruledOut()) {
            DiagnosedCause& cause = candidate->cause;
            hideSecrets(cause.evidenceFor, input.secrets);
            hideSecrets(cause.evidenceAgainst, input.secrets);
            cause.technicalLine = candidate->definition->technical;
            diagnosis.ruledOut.append(cause);
            continue;
        }
        candidates.append(std::move(*candidate));
    }
    std::sort(candidates.begin(), candidates.end(), [](const Candidate& a, const Candidate& b) {
        if (a.cause.confidence != b.cause.confidence)
            return a.cause.confidence > b.cause.confidence;
        if (a.cause.evidenceFor.size() != b.cause.evidenceFor.size())
            return a.cause.evidenceFor.size() > b.cause.evidenceFor.size();
        return a.order < b.order;
    });

    for (const Candidate& candidate : std::as_const(candidates))
        context.causeIds.insert(candidate.cause.causeId);

    const auto applies = [&](const KnowledgeEntry& entry) {
        return entry.appliesTo.matches(input.encoderId, input.serverFamilyId) &&
               evaluateRule(entry.trigger, context).matched;
    };

    QSet<QString> offered;
    for (Candidate& candidate : candidates) {
        DiagnosedCause& cause = candidate.cause;
        for (const QString& remedyId : candidate.definition->remedyIds) {
            const KnowledgeEntry* entry = knowledge.entry(remedyId);
            if (entry && applies(*entry)) {
                cause.remedies.append(*entry);
                offered.insert(entry->id);
            }
        }
        hideSecrets(cause.evidenceFor, input.secrets);
        hideSecrets(cause.evidenceAgainst, input.secrets);
        cause.technicalLine = technicalLine(candidate.definition->technical, cause.evidenceFor);
        diagnosis.causes.append(cause);
    }
    for (const KnowledgeEntry& entry : knowledge.entries()) {
        if (!offered.contains(entry.id) && applies(entry))
            diagnosis.relatedEntries.append(entry);
    }
    return diagnosis;
}

QString describeDiagnosis(const Diagnosis& diagnosis)
{
    if (!diagnosis.hasCauses())
        return u"No cause found: nothing in the checks, the address or the pasted text points to a known "
               u"problem.\n"_s;

    QString text;
    int number = 0;
    for (const DiagnosedCause& cause : diagnosis.causes) {
        ++number;
        text += u"%1. %2 (confidence %3%) [%4]\n"_s.arg(number)
                    .arg(cause.title)
                    .arg(cause.confidence)
                    .arg(cause.causeId);
        text += u"   In plain words: "_s + cause.plainExplanation + u'\n';
        text += u"   Technical: "_s + cause.technicalLine + u'\n';
        for (const Evidence& item : cause.evidenceFor) {
            text += u"   + "_s + shortEvidence(item) + u": "_s + item.quote;
            text += item.why.isEmpty() ? u"\n"_s : u" (%1)\n"_s.arg(item.why);
        }
        for (const Evidence& item : cause.evidenceAgainst)
            text += u"   - "_s + shortEvidence(item) + u": "_s + item.quote + u" (%1)\n"_s.arg(item.why);
        char16_t letter = u'a';
        for (const KnowledgeEntry& remedy : cause.remedies) {
            text += u"   %1) %2 (for %3)\n"_s.arg(QChar(letter))
                        .arg(remedy.title, audienceLabel(remedy.audience));
            letter = letter == u'z' ? u'z' : char16_t(letter + 1);
            int stepNumber = 0;
            for (const RemedyStep& step : remedy.steps) {
                ++stepNumber;
                text += u"      %1. %2\n"_s.arg(stepNumber).arg(step.text);
                for (const ConfigSnippet& snippet : step.snippets) {
                    text += u"         %1:\n"_s.arg(snippet.file);
                    for (const QString& line : snippet.text.split(u'\n'))
                        text += u"             "_s + line + u'\n';
                }
                if (!step.retest.isEmpty())
                    text += u"         Re-test: "_s + step.retest.join(u", "_s) + u'\n';
                else if (!step.verify.isEmpty())
                    text += u"         Check: "_s + step.verify + u'\n';
            }
        }
    }
    if (!diagnosis.ruledOut.isEmpty()) {
        text += u"Ruled out:\n"_s;
        for (const DiagnosedCause& cause : diagnosis.ruledOut) {
            text += u"   %1 [%2]\n"_s.arg(cause.title, cause.causeId);
            for (const Evidence& item : cause.evidenceAgainst)
                text += u"   - "_s + shortEvidence(item) + u": "_s + item.quote + u" (%1)\n"_s.arg(item.why);
        }
    }
    if (!diagnosis.relatedEntries.isEmpty()) {
        text += u"Also relevant:\n"_s;
        for (const KnowledgeEntry& entry : diagnosis.relatedEntries)
            text += u"   - %1 (for %2)\n"_s.arg(entry.title, audienceLabel(entry.audience));
    }
    return text;
}

} // namespace rd
