#pragma once

#include "diagnosis/errortextmatcher.h"
#include "diagnosis/evidence.h"
#include "diagnosis/knowledgetypes.h"
#include "probe/probetypes.h"
#include "url/ingesturl.h"

#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

namespace rd {

class KnowledgeBase;

// Everything one diagnosis looks at. All parts are optional: a pasted error text alone, or probe
// results alone, already give a ranking.
struct DiagnosisInput
{
    QList<UrlFinding> urlFindings;
    quint16 urlPort = 0; // the port the ingest URL uses (typed or the scheme's default); 0 = unknown
    // In any order. When a probe id occurs more than once (a re-run) the later result counts.
    QList<ProbeResult> probeResults;
    QMap<QString, QStringList> answers; // question id -> chosen choice ids (questions.json)
    QList<ErrorMatch> errorMatches;     // ErrorTextMatcher::match(pasted text).matches
    QString encoderId;                  // encoders.json id; empty = not chosen
    QString serverFamilyId;             // servers.json id; empty or "generic" = not known
    QStringList secrets;                // stream key, access token, passwords: never quoted
    // What the tool measured besides the probes (EvidenceSource::Measurement; others are ignored):
    // rd::camera::cameraEvidence(), rd::bitrateEvidence().
    QList<Evidence> measurements;

    // Takes the findings, the port and the secrets (stream key, Azure access token, user name and
    // password) of a parsed URL. Findings from checkIngest() can replace urlFindings afterwards.
    void setIngestUrl(const IngestUrl& url);
};

struct DiagnosedCause
{
    QString causeId;
    QString title;
    int confidence = 0; // 1..100; 0 in Diagnosis::ruledOut
    QString plainExplanation;
    QString technicalLine; // the cause's technical line plus the strongest evidence
    QList<Evidence> evidenceFor;
    QList<Evidence> evidenceAgainst;
    QList<KnowledgeEntry> remedies; // in the order to try them; only those that apply here
};

struct Diagnosis
{
    // Best first: higher confidence, then more evidence for, then the order of causes.json.
    QList<DiagnosedCause> causes;
    // Causes something pointed to (a matching rule or the pasted text) that the evidence against
    // brought down to nothing, in the order of causes.json: what a help desk need not check again.
    // Confidence 0, no remedies; evidenceAgainst says why.
    QList<DiagnosedCause> ruledOut;
    // Entries whose trigger matched but that no listed cause names as a remedy (background
    // knowledge such as Azure's address rules), in the order of remedies.json.
    QList<KnowledgeEntry> relatedEntries;

    bool hasCauses() const { return !causes.isEmpty(); }
    const DiagnosedCause* topCause() const { return causes.isEmpty() ? nullptr : &causes.first(); }
    const DiagnosedCause* cause(const QString& causeId) const;
};

// Deterministic: the same input gives the same output, whatever the order of probeResults.
Diagnosis diagnose(const KnowledgeBase& knowledge, const DiagnosisInput& input);

// For `rtmp-doctor probe`: per cause, best first, its confidence, the plain sentence, the technical
// line, the evidence for and against and the remedies with their audience. Ends with '\n'.
QString describeDiagnosis(const Diagnosis& diagnosis);

} // namespace rd
