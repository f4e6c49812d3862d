#pragma once

#include "diagnosis/errormatch.h"
#include "diagnosis/evidence.h"
#include "probe/probetypes.h"
#include "url/ingesturl.h"

#include <QList>
#include <QMap>
#include <QRegularExpression>
#include <QSet>
#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

namespace rd {

// A condition of the knowledge base's small rule language (resources/knowledge/README.md).
// Rules are data: they are read from JSON by KnowledgeBase and never built by hand in product code.
struct Rule
{
    enum class Kind
    {
        All,          // {"all": [rule, ...]}
        Any,          // {"any": [rule, ...]}
        Not,          // {"not": rule}
        Probe,        // {"probe": "tcp-port", "port": 1935 | [443, 80] | "url", "status": ...}
        Lint,         // {"lint": "azure-service-retired" | [...]}
        Answer,       // {"answer": "symptom", "is": "low-framerate" | [...]}
        Encoder,      // {"encoder": "avchat-3" | [...]}
        ServerFamily, // {"serverFamily": "red5" | [...]}
        ErrorText,    // {"errorText": "avchat-no-scope" | [...]}: a signature matched the pasted text
        ServerSaid,   // {"serverSaid": "red5-no-scope" | [...]}: a connect/publish reply matched a signature
        Cause,        // {"cause": "server-not-running" | [...]}: knowledge entries only
        Measurement,  // {"measurement": "camera", "is": "too-dark" | [...]}: the tool measured it
    };

    enum class PortSelector
    {
        AnyPort,
        UrlPort, // "port": "url": the port of the ingest URL
        Listed,
    };

    enum class FactTest
    {
        None,
        Equals,   // case-sensitive, on QVariant::toString()
        Contains, // case-insensitive
        Exists,
    };

    Kind kind = Kind::All;
    std::vector<Rule> children; // All, Any: the operands; Not: exactly one

    // Kind::Probe
    ProbeKind probeKind = ProbeKind::Dns;
    QRegularExpression probeIdPattern; // "id": a wildcard over ProbeResult::probeId; invalid = any
    PortSelector portSelector = PortSelector::AnyPort;
    QList<quint16> ports;
    std::optional<Transport> transport;
    QList<ProbeStatus> statuses; // empty: any status
    std::optional<Verdict> verdict;
    QString factKey;
    FactTest factTest = FactTest::None;
    QString factValue;
    bool every = false; // every result that ran (and fits the filters) must match, and at least one ran

    // Lint, Encoder, ServerFamily, ErrorText, ServerSaid, Cause: any of these ids; Answer: the answers
    QStringList values;
    QString question;           // Kind::Answer
    QString measurementSubject; // Kind::Measurement: "camera", "bitrate" (measurementSubjects())
};

// Everything a rule can look at, prepared once per diagnosis.
struct RuleContext
{
    QList<ProbeResult> probeResults; // one per probe id (the latest)
    QList<UrlFinding> urlFindings;
    QMap<QString, QStringList> answers;
    QString encoderId;
    QString serverFamilyId;
    quint16 urlPort = 0;
    QList<ErrorMatch> errorMatches;
    QMap<QString, QStringList> serverSaid; // probe id -> signature ids its server reply matched
    QSet<QString> causeIds;                // causes the diagnosis lists (for knowledge entries)
    QList<Evidence> measurements;          // EvidenceSource::Measurement only
};

struct RuleOutcome
{
    bool matched = false;
    QList<Evidence> evidence; // the observations that made it match; empty for Not and Cause
};

RuleOutcome evaluateRule(const Rule& rule, const RuleContext& context);

// The probe status ids a rule may name for a probe kind (its own plus the generic ones such as
// "skipped"); used by the loader to catch "tcp-port" rules that ask for "tls-ok".
bool statusBelongsToKind(ProbeStatus status, ProbeKind kind);
std::optional<ProbeStatus> probeStatusFromId(QStringView id);
std::optional<ProbeKind> probeKindFromId(QStringView id);
QList<ProbeKind> allProbeKinds();
QList<ProbeStatus> allProbeStatuses();

} // namespace rd
