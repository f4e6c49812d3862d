#pragma once

#include "diagnosis/evidence.h"
#include "diagnosis/knowledgetypes.h"
#include "engine/diagnosticplan.h"
#include "probe/probetypes.h"
#include "severity.h"
#include "url/ingesturl.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

#include <optional>

// The record of one diagnostic session, in one model that every output format (JSON, ticket
// summary, PDF) is made from. The JSON form is the saved session: docs/report-schema.md.
namespace rd {

struct Diagnosis;
struct EncoderInfo;
struct ServerFamilyInfo;

// The one-word answer a report leads with.
enum class ReportVerdict
{
    Healthy,   // the path the encoder uses works
    Problem,   // something on that path fails, or the address itself is wrong
    Uncertain, // not enough could be tested (cancelled, timed out, credentials needed, ...)
};
QString reportVerdictId(ReportVerdict verdict); // "healthy", "problem", "uncertain"
std::optional<ReportVerdict> reportVerdictFromId(QStringView id);
QString reportVerdictTitle(ReportVerdict verdict); // "No problem found", "Problem found", "Result uncertain"

// What the user gave RTMP Doctor.
struct ReportInputs
{
    QString encoderId; // encoders.json id; empty when not chosen
    QString encoderName;
    QString serverFamilyId; // servers.json id; "generic" when nothing was recognised
    QString serverFamilyName;
    QString serverFamilyReason; // why this family was assumed, one sentence
    QString ingestUrl;          // always redacted: IngestUrl::toString(Redaction::Redacted)
    // Secret: the URL as typed. Only in memory and in files written with
    // ReportOptions::includeSecrets.
    QString ingestUrlRevealed;
    bool separateStreamKey = false; // the key came from the encoder's own key box
    QList<UrlFinding> urlFindings;  // the lint of the address (url and encoder rules)
    bool publishCheck = false;
    QString proxy;            // how the proxy was chosen; never a password
    QList<quint16> gridPorts; // the ports of the TCP grid, the URL's port first
    QString pastedErrorText;  // what the user pasted from the encoder; may be empty

    static ReportInputs fromIngestUrl(const IngestUrl& url, const QList<UrlFinding>& findings,
                                      const DiagnosticPlan& plan, const EncoderInfo* encoder,
                                      const ServerFamilyInfo* serverFamily);
};

// Where the test ran.
struct ReportEnvironment
{
    QString operatingSystem;
    QString applicationName;
    QString applicationVersion;
    QString qtVersion;
    QString tlsLibrary;
    QString proxy;              // the proxy as this machine would use it, password never shown
    QStringList localAddresses; // "eth0 192.168.1.20/24", one per address

    // This machine now. `proxy` describes `settings`; for ProxyMode::System the system's proxy for
    // `host`:`port` is looked up (environment variables, desktop settings).
    static ReportEnvironment capture(const ProxySettings& settings, const QString& host = {},
                                     quint16 port = 0);
};

enum class TimelineEventKind
{
    Queued,
    Started,
    Finished,
    Note, // something that happened to the session, not to one probe (cancel, re-test)
};
QString timelineEventKindId(TimelineEventKind kind); // "queued", "started", "finished", "note"
std::optional<TimelineEventKind> timelineEventKindFromId(QStringView id);

struct TimelineEvent
{
    qint64 atMs = 0; // since the session started
    TimelineEventKind kind = TimelineEventKind::Note;
    QString probeId; // empty for notes
    QString detail;  // Finished: probeStatusId(); Note: the sentence

    friend bool operator==(const TimelineEvent&, const TimelineEvent&) = default;
};

// A remedy as the report keeps it: what the user was told, independent of the knowledge base
// version that produced it.
struct ReportRemedy
{
    QString id;
    QString title;
    Audience audience = Audience::Broadcaster;
    QString explanation;
    QList<RemedyStep> steps;

    static ReportRemedy fromEntry(const KnowledgeEntry& entry);
};

struct ReportCause
{
    QString causeId;
    QString title;
    int confidence = 0; // 1..100; 0 when ruled out
    QString plainExplanation;
    QString technicalLine;
    QList<Evidence> evidenceFor;
    QList<Evidence> evidenceAgainst;
    QList<ReportRemedy> remedies; // in the order to try them
};

struct ReportDiagnosis
{
    QList<ReportCause> causes; // best first
    // Causes something pointed to that the evidence against ruled out (confidence 0, no remedies);
    // see Diagnosis::ruledOut.
    QList<ReportCause> ruledOut;
    QList<ReportRemedy> relatedEntries;

    const ReportCause* topCause() const { return causes.isEmpty() ? nullptr : &causes.first(); }
    // The remedy with this id in any cause or the related entries; null when absent.
    const ReportRemedy* remedy(const QString& remedyId) const;

    static ReportDiagnosis fromDiagnosis(const Diagnosis& diagnosis);
};

// One answer in the guided walkthrough: the user did step `stepIndex` of remedy `remedyId` and
// said whether it helped; `retestResults` are the probes run again to check.
struct WalkthroughEntry
{
    QString remedyId;
    int stepIndex = 0; // 0-based into ReportRemedy::steps
    bool helped = false;
    QList<ProbeResult> retestResults;
    QDateTime answeredAt; // UTC
};

struct ReportOptions
{
    // Stream keys, tokens and passwords as they are, in every format. Off by default; a PDF made
    // with it says so on its cover.
    bool includeSecrets = false;
};

struct ReportModel
{
    static constexpr int kSchemaVersion = 1;
    // fromJson() refuses larger input before parsing it.
    static constexpr qsizetype kMaxJsonBytes = 32 * 1024 * 1024;

    QDateTime startedAt;  // UTC
    QDateTime finishedAt; // UTC; invalid while running
    ReportVerdict verdict = ReportVerdict::Uncertain;
    QString verdictSummary; // one sentence
    ReportInputs inputs;
    ReportEnvironment environment;
    QList<TimelineEvent> timeline;
    QList<ProbeResult> probes; // ladder order, one per probe id
    ReportDiagnosis diagnosis;
    QMap<QString, QStringList> answers; // question id -> chosen choice ids (questions.json)
    QList<WalkthroughEntry> walkthrough;
    // Every string that must never be shown: stream key, access token, user names, passwords.
    // Kept in memory (and written only with ReportOptions::includeSecrets) so that every output can
    // be scrubbed, whatever field a secret ended up in.
    QStringList secrets;

    // Adds non-empty secrets not already known.
    void addSecrets(const QStringList& more);
    // The secrets of a URL and a plan: stream key, Azure access token, URL credentials, separate
    // key, explicit proxy user and password.
    static QStringList secretsOf(const IngestUrl& url, const DiagnosticPlan& plan);

    // Probe facts converted to what JSON can hold (numbers as double, lists as QVariantList), so a
    // model compares equal to itself after a round trip. Probe results added to `probes` or
    // `walkthrough` should go through this.
    static ProbeResult normalised(ProbeResult result);

    // The copy every output is made from: unless `options.includeSecrets`, every string (probe
    // messages, transcripts, facts, evidence, the pasted text, ...) has each secret replaced by
    // redactSecret(), transcript bytes have them masked with '*', the revealed URL, the targets'
    // stream keys and `secrets` are cleared.
    ReportModel prepared(const ReportOptions& options = {}) const;

    // Versioned JSON (schemaVersion 1), indented, UTF-8.
    QByteArray toJson(const ReportOptions& options = {}) const;
    // The model saved by toJson(). On damaged input: an empty model and `*error` (when given) says
    // what is wrong and where ("probes[3].status: unknown status \"x\""). Bounded: never crashes or
    // allocates without limit on hostile input.
    static ReportModel fromJson(const QByteArray& json, QString* error);

    // Markdown for a support ticket: verdict, primary cause with evidence, the port grid, what was
    // tried. Secrets hidden unless `options.includeSecrets`.
    QString toTicketSummary(const ReportOptions& options = {}) const;

    std::optional<ProbeResult> probe(const QString& probeId) const;
};

// What a finished run leaves behind, gathered into a model by assembleReport().
struct ReportAssembly
{
    ReportInputs inputs;
    DiagnosticPlan plan;
    QList<ProbeResult> results; // DiagnosticSession::results(), plus any computed result
    ReportDiagnosis diagnosis;
    QList<TimelineEvent> timeline; // SessionRecorder::timeline()
    QDateTime startedAt;
    QDateTime finishedAt;
    QMap<QString, QStringList> answers;
    QList<WalkthroughEntry> walkthrough;
    QStringList secrets; // ReportModel::secretsOf() and anything else that must never be shown
};
// Fills every part of the model: the environment of this machine now, normalised facts, the
// verdict from assessVerdict().
ReportModel assembleReport(const ReportAssembly& assembly);

// The verdict and its sentence from what the probes found on the URL's own path (DNS, the URL's
// TCP port, handshake/TLS/tunnel, connect, publish when asked) and from error-level URL findings.
struct VerdictAssessment
{
    ReportVerdict verdict = ReportVerdict::Uncertain;
    QString summary;
};
VerdictAssessment assessVerdict(const QList<ProbeResult>& results, const DiagnosticPlan& plan,
                                const QList<UrlFinding>& urlFindings, const ReportDiagnosis& diagnosis);

// Replaces each secret of 4 or more characters wherever it occurs (also inside longer words, and
// percent-encoded) by redactSecret(). Longest first.
QString scrubSecrets(const QString& text, const QStringList& secrets);
QByteArray scrubSecrets(const QByteArray& bytes, const QStringList& secrets);

// One line of a transcript's bytes: offset, up to 16 bytes in hex, printable ASCII.
QStringList hexDumpLines(const QByteArray& bytes, int maxLines = 16);

} // namespace rd
