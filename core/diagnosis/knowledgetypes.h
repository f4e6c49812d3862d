#pragma once

#include "diagnosis/rule.h"
#include "probe/probetypes.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace rd {

// Who has to act on a knowledge entry.
enum class Audience
{
    Broadcaster,  // "broadcaster": the person at the encoder
    HelpDesk,     // "help-desk": explains, asks the right questions
    NetworkAdmin, // "network-admin": firewalls, proxies, DNS on the encoder's side
    ServerAdmin,  // "server-admin": the media server
};

QString audienceId(Audience audience);
QString audienceLabel(Audience audience); // for people: "the help desk", "the server administrator"
std::optional<Audience> audienceFromId(QStringView id);

// One fact of a source document (resources/knowledge/seed-facts.json). Every fact must be covered
// by at least one knowledge entry.
struct SeedFact
{
    QString id;
    QString seedId;   // e.g. "avchat-troubleshooting"
    QString seedFile; // e.g. "003_dbe84e173cb697c4.txt"
    QString paraphrase;
};

struct QuestionChoice
{
    QString id;
    QString label;
};

// A question the wizard asks; rules match the answers ({"answer": "symptom", "is": "no-image"}).
struct Question
{
    QString id;
    QString prompt;
    bool multiple = false; // several choices may be picked
    QList<QuestionChoice> choices;

    bool hasChoice(const QString& choiceId) const;
};

// An exact piece of server configuration, shown verbatim.
struct ConfigSnippet
{
    QString serverFamilyId; // servers.json id, e.g. "red5"
    QString file;           // e.g. "conf/red5.properties"
    QString text;           // e.g. "rtmp.port=443"
};

struct RemedyStep
{
    QString text;
    // What to run again to prove the step worked: probe kind ids ("tcp-port", "connect") or probe-id
    // wildcards ("tcp:443:*", "rtmpt:80"). Empty when no probe can tell; then `verify` says how to.
    QStringList retest;
    QString verify;
    QList<ConfigSnippet> snippets;
};

// Whether a retest item selects a probe result.
bool retestSelects(const QString& retestItem, const ProbeResult& result);
// The ids of the results any of the step's retest items select, in the order of `results`; for
// DiagnosticSession::rerun().
QStringList probeIdsToRerun(const RemedyStep& step, const QList<ProbeResult>& results);

// Which setups an entry is meant for. Empty lists mean "any".
struct AppliesTo
{
    QStringList encoderIds;
    QStringList serverFamilyIds;

    // An unknown encoder or family (empty, or "generic"/"other") never excludes an entry.
    bool matches(const QString& encoderId, const QString& serverFamilyId) const;
};

// A remedy: what to do, by whom, and how to prove it helped (resources/knowledge/remedies.json).
struct KnowledgeEntry
{
    QString id;
    QString title;
    Audience audience = Audience::Broadcaster;
    AppliesTo appliesTo;
    Rule trigger; // when the entry is relevant
    QString explanation;
    QList<RemedyStep> steps;
    QStringList seedFactIds;
};

// A rule that raises (support) or lowers (against) a cause's confidence when it matches.
struct WeightedRule
{
    Rule when;
    int weight = 0; // 1..100
    QString why;
};

// A cause the diagnosis can name (resources/knowledge/causes.json). The order of the file is the
// last tie-break of the ranking.
struct CauseDefinition
{
    QString id;
    QString title;
    QString plain;      // one sentence a broadcaster understands
    QString technical;  // one line a help desk can quote
    int confidence = 0; // when the trigger matches, before support and against
    Rule trigger;
    QList<WeightedRule> support;
    QList<WeightedRule> against;
    QStringList remedyIds; // knowledge entries, in the order they should be tried
};

// What a known encoder or server message means (resources/knowledge/error-signatures.json).
struct ErrorSignature
{
    QString id;
    QString title;
    QStringList seenIn;  // products that show it, for people
    QStringList phrases; // see ErrorTextMatcher for the phrase syntax
    QString meaning;
    QStringList likelyCauseIds; // most likely first
    QList<ProbeKind> confirmWith;
    QStringList supersedes; // signature ids not reported when this one matches too
};

} // namespace rd
