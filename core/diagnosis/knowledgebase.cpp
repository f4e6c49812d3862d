#include "diagnosis/knowledgebase.h"

#include "catalog/catalogjson.h"
#include "catalog/catalogs.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QSet>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace rd {

using catalogdetail::Emptiness;
using catalogdetail::entryLabel;
using catalogdetail::ErrorSink;
using catalogdetail::ObjectReader;
using catalogdetail::Presence;

namespace {

// Where a rule stands decides what it may refer to: causes are computed from rules, so only
// knowledge entries, evaluated afterwards, may ask which causes were found.
enum class RuleScope
{
    Cause,
    Entry,
};

// Probe-id prefixes a retest pattern may start with (DiagnosticPlan's stable ids).
const QStringList& knownProbeIdPrefixes()
{
    static const QStringList prefixes{u"dns"_s,     u"proxy"_s,         u"tcp"_s,      u"handshake"_s,
                                      u"tls"_s,     u"rtmpt"_s,         u"liveness"_s, u"connect"_s,
                                      u"publish"_s, u"flash-sequence"_s};
    return prefixes;
}

template <typename T>
const T* findById(const QList<T>& list, const QString& id)
{
    const auto found =
        std::find_if(list.cbegin(), list.cend(), [&id](const T& item) { return item.id == id; });
    return found == list.cend() ? nullptr : &*found;
}

} // namespace

class KnowledgeLoader
{
public:
    KnowledgeLoader(const KnowledgeSources& sources, const Catalogs* catalogs)
        : m_sources(sources)
        , m_catalogs(catalogs)
    {}

    KnowledgeLoadResult run();

private:
    bool loadSeedFacts();
    bool loadQuestions();
    bool loadSignatures();
    bool loadCauses();
    bool loadEntries();
    bool crossCheck();

    // Reads the file, checks its schemaVersion and returns the array under `listKey`.
    std::optional<QJsonArray> openList(const QString& path, QLatin1StringView listKey, ErrorSink& sink,
                                       QJsonObject* root = nullptr);
    bool fail(const ErrorSink& sink);
    bool fail(const QString& path, const QString& entry, const QString& field, const QString& message);

    // Reads `id`, checks it is kebab-case and unique, and labels the reader with it.
    QString readId(ObjectReader& reader, qsizetype index, QSet<QString>& seen);
    // Reads every object of `list` as an Entry: its id (kebab-case, unique), no keys outside
    // `knownKeys`, then the rest through readFields(ObjectReader&, Entry&). Stops at the first
    // problem; `labelPrefix` names a list other than the file's main one.
    template <typename Entry, typename ReadFields>
    bool readEntries(const QJsonArray& list, ErrorSink& sink, const QList<QLatin1StringView>& knownKeys,
                     ReadFields readFields, QList<Entry>& out, const QString& labelPrefix = {});
    QStringList readIdList(ObjectReader& reader, QLatin1StringView key, Presence presence,
                           Emptiness emptiness);
    Rule readRule(ObjectReader& owner, const QJsonValue& value, const QString& field, RuleScope scope);
    void readProbeRule(ObjectReader& reader, Rule& rule);
    QList<WeightedRule> readWeightedRules(ObjectReader& reader, QLatin1StringView key);
    AppliesTo readAppliesTo(ObjectReader& reader);
    QList<RemedyStep> readSteps(ObjectReader& reader);

    bool isKnownEncoder(const QString& id) const;
    bool isKnownFamily(const QString& id) const;

    const KnowledgeSources& m_sources;
    const Catalogs* m_catalogs;
    KnowledgeBase m_knowledge;
    // What loadSignatures() compiled while checking the phrases, one list per signature, for the matcher.
    QList<QList<QRegularExpression>> m_phraseExpressions;
    CatalogError m_error;
};

KnowledgeLoadResult KnowledgeLoader::run()
{
    if (!loadSeedFacts() || !loadQuestions() || !loadSignatures() || !loadCauses() || !loadEntries() ||
        !crossCheck()) {
        KnowledgeLoadResult result;
        result.status = KnowledgeLoadResult::Status::Failed;
        result.error = m_error;
        return result;
    }
    m_knowledge.m_matcher = ErrorTextMatcher(m_knowledge.m_signatures, m_phraseExpressions);
    KnowledgeLoadResult result;
    result.status = KnowledgeLoadResult::Status::Loaded;
    result.knowledge = std::move(m_knowledge);
    return result;
}

bool KnowledgeLoader::fail(const ErrorSink& sink)
{
    m_error = sink.error();
    return false;
}

bool KnowledgeLoader::fail(const QString& path, const QString& entry, const QString& field,
                           const QString& message)
{
    m_error = CatalogError{catalogdetail::fileNameOf(path), entry, field, message};
    return false;
}

std::optional<QJsonArray> KnowledgeLoader::openList(const QString& path, QLatin1StringView listKey,
                                                    ErrorSink& sink, QJsonObject* root)
{
    const std::optional<QByteArray> bytes = catalogdetail::readFile(path, sink);
    if (!bytes)
        return std::nullopt;
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(*bytes, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        sink.fail({}, {},
                  u"not valid JSON: %1 at offset %2"_s.arg(parseError.errorString()).arg(parseError.offset));
        return std::nullopt;
    }
    if (!document.isObject()) {
        sink.fail({}, {}, u"expected a JSON object at the top level"_s);
        return std::nullopt;
    }
    const QJsonObject object = document.object();
    const QJsonValue version = object.value("schemaVersion"_L1);
    if (version.isUndefined()) {
        sink.fail({}, u"schemaVersion"_s, u"is missing"_s);
        return std::nullopt;
    }
    if (!version.isDouble() || version.toDouble() != KnowledgeBase::kSchemaVersion) {
        const QString found =
            version.isDouble() ? QString::number(version.toDouble()) : u"a value that is not a number"_s;
        sink.fail(
            {}, u"schemaVersion"_s,
            u"this build reads version %1, the file has %2"_s.arg(KnowledgeBase::kSchemaVersion).arg(found));
        return std::nullopt;
    }
    if (root)
        *root = object;
    const QJsonValue list = object.value(listKey);
    if (list.isUndefined()) {
        sink.fail({}, listKey, u"is missing"_s);
        return std::nullopt;
    }
    if (!list.isArray()) {
        sink.fail({}, listKey, u"expected an array of entries"_s);
        return std::nullopt;
    }
    if (list.toArray().isEmpty()) {
        sink.fail({}, listKey, u"the list is empty"_s);
        return std::nullopt;
    }
    return list.toArray();
}

QString KnowledgeLoader::readId(ObjectReader& reader, qsizetype index, QSet<QString>& seen)
{
    const QString id = reader.string("id"_L1, Presence::Required, Emptiness::Refused);
    if (reader.failed())
        return {};
    if (!catalogdetail::isKebabCaseId(id)) {
        reader.fail(u"id"_s, u"\"%1\" is not a kebab-case id (a-z, 0-9 and single hyphens)"_s.arg(id));
        return {};
    }
    reader.setEntry(entryLabel(index, id));
    if (seen.contains(id)) {
        reader.fail(u"id"_s, u"the id \"%1\" is used twice"_s.arg(id));
        return {};
    }
    seen.insert(id);
    return id;
}

template <typename Entry, typename ReadFields>
bool KnowledgeLoader::readEntries(const QJsonArray& list, ErrorSink& sink,
                                  const QList<QLatin1StringView>& knownKeys, ReadFields readFields,
                                  QList<Entry>& out, const QString& labelPrefix)
{
    QSet<QString> ids;
    for (qsizetype index = 0; index < list.size(); ++index) {
        if (!list.at(index).isObject()) {
            sink.fail(labelPrefix + entryLabel(index), {}, u"expected an object"_s);
            return fail(sink);
        }
        ObjectReader reader(sink, list.at(index).toObject(), labelPrefix + entryLabel(index));
        Entry entry;
        entry.id = readId(reader, index, ids);
        reader.rejectUnknownKeys(knownKeys);
        readFields(reader, entry);
        if (reader.failed())
            return fail(sink);
        out.append(std::move(entry));
    }
    return true;
}

QStringList KnowledgeLoader::readIdList(ObjectReader& reader, QLatin1StringView key, Presence presence,
                                        Emptiness emptiness)
{
    if (reader.failed())
        return {};
    const QJsonValue value = reader.jsonObject().value(key);
    if (value.isUndefined()) {
        if (presence == Presence::Required)
            reader.fail(key, u"is missing"_s);
        return {};
    }
    if (value.isString()) {
        if (value.toString().trimmed().isEmpty()) {
            reader.fail(key, u"must not be empty"_s);
            return {};
        }
        return {value.toString()};
    }
    return reader.stringList(key, presence, emptiness);
}

bool KnowledgeLoader::isKnownEncoder(const QString& id) const
{
    return !m_catalogs || m_catalogs->encoders.find(id);
}

bool KnowledgeLoader::isKnownFamily(const QString& id) const
{
    return !m_catalogs || m_catalogs->servers.find(id);
}

void KnowledgeLoader::readProbeRule(ObjectReader& reader, Rule& rule)
{
    reader.rejectUnknownKeys({"probe"_L1, "id"_L1, "port"_L1, "transport"_L1, "status"_L1, "verdict"_L1,
                              "fact"_L1, "equals"_L1, "contains"_L1, "exists"_L1, "every"_L1});
    const QString kindId = reader.string("probe"_L1, Presence::Required, Emptiness::Refused);
    if (reader.failed())
        return;
    const std::optional<ProbeKind> kind = probeKindFromId(kindId);
    if (!kind) {
        reader.fail(u"probe"_s, u"unknown probe kind \"%1\""_s.arg(kindId));
        return;
    }
    rule.probeKind = *kind;
    const QJsonObject& object = reader.jsonObject();

    if (object.contains("id"_L1)) {
        const QString pattern = reader.string("id"_L1, Presence::Required, Emptiness::Refused);
        rule.probeIdPattern = QRegularExpression(QRegularExpression::wildcardToRegularExpression(pattern),
                                                 QRegularExpression::CaseInsensitiveOption);
        if (!reader.failed() && !rule.probeIdPattern.isValid())
            reader.fail(u"id"_s, u"not a usable wildcard pattern"_s);
    }

    const QJsonValue port = object.value("port"_L1);
    if (port.isString()) {
        if (port.toString() != u"url"_s)
            reader.fail(u"port"_s, u"expected a port number, a list of port numbers or \"url\""_s);
        rule.portSelector = Rule::PortSelector::UrlPort;
    } else if (!port.isUndefined()) {
        const QJsonArray values = port.isArray() ? port.toArray() : QJsonArray{port};
        for (const QJsonValue& value : values) {
            const double number = value.isDouble() ? value.toDouble() : -1.0;
            if (number < 1.0 || number > 65535.0 || std::floor(number) != number) {
                reader.fail(u"port"_s, u"expected a port number, a list of port numbers or \"url\""_s);
                return;
            }
            rule.ports.append(static_cast<quint16>(number));
        }
        if (rule.ports.isEmpty())
            reader.fail(u"port"_s, u"the list of ports is empty"_s);
        rule.portSelector = Rule::PortSelector::Listed;
    }

    if (object.contains("transport"_L1)) {
        const QString name = reader.string("transport"_L1, Presence::Required, Emptiness::Refused);
        for (Transport transport :
             {Transport::PlainTcp, Transport::Tls, Transport::HttpTunnel, Transport::HttpTunnelTls}) {
            if (transportId(transport) == name)
                rule.transport = transport;
        }
        if (!reader.failed() && !rule.transport)
            reader.fail(u"transport"_s,
                        u"unknown transport \"%1\" (tcp, tls, http-tunnel, https-tunnel)"_s.arg(name));
    }

    const QStringList statusIds = readIdList(reader, "status"_L1, Presence::Optional, Emptiness::Refused);
    for (const QString& statusId : statusIds) {
        const std::optional<ProbeStatus> status = probeStatusFromId(statusId);
        if (!status) {
            reader.fail(u"status"_s, u"unknown probe status \"%1\""_s.arg(statusId));
            return;
        }
        if (!statusBelongsToKind(*status, rule.probeKind)) {
            reader.fail(u"status"_s,
                        u"a \"%1\" probe never reports \"%2\""_s.arg(probeKindId(rule.probeKind), statusId));
            return;
        }
        rule.statuses.append(*status);
    }

    if (object.contains("verdict"_L1)) {
        const QString name = reader.string("verdict"_L1, Presence::Required, Emptiness::Refused);
        for (Verdict verdict : {Verdict::Pass, Verdict::Warn, Verdict::Fail, Verdict::Skipped}) {
            if (verdictId(verdict) == name)
                rule.verdict = verdict;
        }
        if (!reader.failed() && !rule.verdict)
            reader.fail(u"verdict"_s, u"unknown verdict \"%1\" (pass, warn, fail, skipped)"_s.arg(name));
    }

    const int factTests = int(object.contains("equals"_L1)) + int(object.contains("contains"_L1)) +
                          int(object.contains("exists"_L1));
    if (object.contains("fact"_L1)) {
        rule.factKey = reader.string("fact"_L1, Presence::Required, Emptiness::Refused);
        if (factTests != 1) {
            reader.fail(u"fact"_s, u"needs exactly one of \"equals\", \"contains\" or \"exists\""_s);
            return;
        }
        if (object.contains("equals"_L1)) {
            rule.factTest = Rule::FactTest::Equals;
            rule.factValue = reader.string("equals"_L1, Presence::Required, Emptiness::Allowed);
        } else if (object.contains("contains"_L1)) {
            rule.factTest = Rule::FactTest::Contains;
            rule.factValue = reader.string("contains"_L1, Presence::Required, Emptiness::Refused);
        } else {
            rule.factTest = Rule::FactTest::Exists;
            if (!reader.boolean("exists"_L1) && !reader.failed())
                reader.fail(u"exists"_s, u"only \"exists\": true is meaningful; use \"not\" for absence"_s);
        }
    } else if (factTests > 0) {
        reader.failWhole(u"\"equals\", \"contains\" and \"exists\" need a \"fact\""_s);
        return;
    }

    if (object.contains("every"_L1))
        rule.every = reader.boolean("every"_L1);

    if (!reader.failed() && rule.statuses.isEmpty() && !rule.verdict && rule.factTest == Rule::FactTest::None)
        reader.failWhole(u"a probe rule needs \"status\", \"verdict\" or \"fact\""_s);
}

Rule KnowledgeLoader::readRule(ObjectReader& owner, const QJsonValue& value, const QString& field,
                               RuleScope scope)
{
    Rule rule;
    if (owner.failed())
        return rule;
    if (!value.isObject()) {
        owner.fail(field, u"expected a rule (a JSON object)"_s);
        return rule;
    }
    ObjectReader reader = owner.child(value.toObject(), field);
    const QJsonObject& object = reader.jsonObject();

    struct KindKey
    {
        QLatin1StringView key;
        Rule::Kind kind;
    };
    static const QList<KindKey> kindKeys{
        {"all"_L1, Rule::Kind::All},
        {"any"_L1, Rule::Kind::Any},
        {"not"_L1, Rule::Kind::Not},
        {"probe"_L1, Rule::Kind::Probe},
        {"lint"_L1, Rule::Kind::Lint},
        {"answer"_L1, Rule::Kind::Answer},
        {"encoder"_L1, Rule::Kind::Encoder},
        {"serverFamily"_L1, Rule::Kind::ServerFamily},
        {"errorText"_L1, Rule::Kind::ErrorText},
        {"serverSaid"_L1, Rule::Kind::ServerSaid},
        {"cause"_L1, Rule::Kind::Cause},
        {"measurement"_L1, Rule::Kind::Measurement},
    };
    QList<KindKey> present;
    for (const KindKey& candidate : kindKeys) {
        if (object.contains(candidate.key))
            present.append(candidate);
    }
    if (present.size() != 1) {
        QStringList names;
        for (const KindKey& candidate : kindKeys)
            names.append(candidate.key);
        reader.failWhole(
            present.isEmpty()
                ? u"a rule needs one of: "_s + names.join(u", "_s)
                : u"a rule has exactly one of all, any, not, probe, ...; this one has \"%1\" and \"%2\""_s
                      .arg(present[0].key, present[1].key));
        return rule;
    }
    rule.kind = present.front().kind;
    const QLatin1StringView key = present.front().key;

    switch (rule.kind) {
    case Rule::Kind::All:
    case Rule::Kind::Any: {
        reader.rejectUnknownKeys({key});
        const QJsonArray operands = reader.array(key, Presence::Required);
        if (!reader.failed() && operands.isEmpty())
            reader.fail(key, u"needs at least one rule"_s);
        for (qsizetype index = 0; index < operands.size() && !reader.failed(); ++index)
            rule.children.push_back(
                readRule(reader, operands.at(index), u"%1[%2]"_s.arg(key).arg(index), scope));
        break;
    }
    case Rule::Kind::Not:
        reader.rejectUnknownKeys({key});
        rule.children.push_back(readRule(reader, object.value(key), key, scope));
        break;
    case Rule::Kind::Probe:
        readProbeRule(reader, rule);
        break;
    case Rule::Kind::Lint:
        reader.rejectUnknownKeys({key});
        rule.values = readIdList(reader, key, Presence::Required, Emptiness::Refused);
        for (const QString& id : std::as_const(rule.values)) {
            if (!reader.failed() && !lintCodeFromId(id))
                reader.fail(key, u"unknown URL lint code \"%1\""_s.arg(id));
        }
        break;
    case Rule::Kind::Answer: {
        reader.rejectUnknownKeys({key, "is"_L1});
        rule.question = reader.string(key, Presence::Required, Emptiness::Refused);
        rule.values = readIdList(reader, "is"_L1, Presence::Required, Emptiness::Refused);
        if (reader.failed())
            break;
        const Question* question = m_knowledge.question(rule.question);
        if (!question) {
            reader.fail(key, u"no question has the id \"%1\" in questions.json"_s.arg(rule.question));
            break;
        }
        for (const QString& choice : std::as_const(rule.values)) {
            if (!question->hasChoice(choice)) {
                reader.fail(u"is"_s,
                            u"the question \"%1\" has no choice \"%2\""_s.arg(rule.question, choice));
                break;
            }
        }
        break;
    }
    case Rule::Kind::Encoder:
    case Rule::Kind::ServerFamily: {
        reader.rejectUnknownKeys({key});
        rule.values = readIdList(reader, key, Presence::Required, Emptiness::Refused);
        const bool encoder = rule.kind == Rule::Kind::Encoder;
        for (const QString& id : std::as_const(rule.values)) {
            if (!reader.failed() && !(encoder ? isKnownEncoder(id) : isKnownFamily(id)))
                reader.fail(key, encoder ? u"no encoder has the id \"%1\" in encoders.json"_s.arg(id)
                                         : u"no server family has the id \"%1\" in servers.json"_s.arg(id));
        }
        break;
    }
    case Rule::Kind::ErrorText:
    case Rule::Kind::ServerSaid:
        reader.rejectUnknownKeys({key});
        rule.values = readIdList(reader, key, Presence::Required, Emptiness::Refused);
        for (const QString& id : std::as_const(rule.values)) {
            if (!reader.failed() && !m_knowledge.signature(id))
                reader.fail(key, u"no error signature has the id \"%1\""_s.arg(id));
        }
        break;
    case Rule::Kind::Measurement: {
        reader.rejectUnknownKeys({key, "is"_L1});
        rule.measurementSubject = reader.string(key, Presence::Required, Emptiness::Refused);
        rule.values = readIdList(reader, "is"_L1, Presence::Required, Emptiness::Refused);
        if (reader.failed())
            break;
        if (!measurementSubjects().contains(rule.measurementSubject)) {
            reader.fail(key, u"unknown measurement \"%1\" (known: %2)"_s.arg(
                                 rule.measurementSubject, measurementSubjects().join(u", "_s)));
            break;
        }
        const QStringList known = measurementFindingIds(rule.measurementSubject);
        for (const QString& finding : std::as_const(rule.values)) {
            if (!known.contains(finding)) {
                reader.fail(u"is"_s, u"the measurement \"%1\" has no finding \"%2\""_s.arg(
                                         rule.measurementSubject, finding));
                break;
            }
        }
        break;
    }
    case Rule::Kind::Cause:
        reader.rejectUnknownKeys({key});
        if (scope != RuleScope::Entry) {
            reader.fail(key, u"only knowledge entries may ask which causes were found"_s);
            break;
        }
        rule.values = readIdList(reader, key, Presence::Required, Emptiness::Refused);
        for (const QString& id : std::as_const(rule.values)) {
            if (!reader.failed() && !m_knowledge.cause(id))
                reader.fail(key, u"no cause has the id \"%1\" in causes.json"_s.arg(id));
        }
        break;
    }
    return rule;
}

bool KnowledgeLoader::loadSeedFacts()
{
    ErrorSink sink(catalogdetail::fileNameOf(m_sources.seedFactsPath));
    QJsonObject root;
    const std::optional<QJsonArray> facts = openList(m_sources.seedFactsPath, "facts"_L1, sink, &root);
    if (!facts)
        return fail(sink);

    struct Seed
    {
        QString id;
        QString file;
    };
    QList<Seed> seeds;
    const QJsonValue seedList = root.value("seeds"_L1);
    if (!seedList.isArray() || seedList.toArray().isEmpty()) {
        sink.fail({}, u"seeds"_s, u"expected a non-empty array of source documents"_s);
        return fail(sink);
    }
    const auto readSeed = [](ObjectReader& reader, Seed& seed) {
        seed.file = reader.string("file"_L1, Presence::Required, Emptiness::Refused);
        reader.string("about"_L1, Presence::Required, Emptiness::Refused);
    };
    if (!readEntries(seedList.toArray(), sink, {"id"_L1, "file"_L1, "about"_L1}, readSeed, seeds,
                     u"seeds "_s))
        return false;

    const auto readFact = [&seeds](ObjectReader& reader, SeedFact& fact) {
        fact.seedId = reader.string("seed"_L1, Presence::Required, Emptiness::Refused);
        fact.paraphrase = reader.string("paraphrase"_L1, Presence::Required, Emptiness::Refused);
        if (reader.failed())
            return;
        const auto seed = std::find_if(seeds.cbegin(), seeds.cend(),
                                       [&fact](const Seed& s) { return s.id == fact.seedId; });
        if (seed == seeds.cend()) {
            reader.fail(u"seed"_s, u"no seed has the id \"%1\""_s.arg(fact.seedId));
            return;
        }
        fact.seedFile = seed->file;
    };
    return readEntries(*facts, sink, {"id"_L1, "seed"_L1, "paraphrase"_L1}, readFact,
                       m_knowledge.m_seedFacts);
}

bool KnowledgeLoader::loadQuestions()
{
    ErrorSink sink(catalogdetail::fileNameOf(m_sources.questionsPath));
    const std::optional<QJsonArray> list = openList(m_sources.questionsPath, "questions"_L1, sink);
    if (!list)
        return fail(sink);
    const auto readQuestion = [](ObjectReader& reader, Question& question) {
        question.prompt = reader.string("prompt"_L1, Presence::Required, Emptiness::Refused);
        question.multiple = reader.boolean("multiple"_L1);
        const QJsonArray choices = reader.array("choices"_L1, Presence::Required);
        if (!reader.failed() && choices.isEmpty())
            reader.fail(u"choices"_s, u"must not be an empty list"_s);
        QSet<QString> choiceIds;
        for (qsizetype choiceIndex = 0; choiceIndex < choices.size() && !reader.failed(); ++choiceIndex) {
            const QString field = u"choices[%1]"_s.arg(choiceIndex);
            if (!choices.at(choiceIndex).isObject()) {
                reader.fail(field, u"expected an object"_s);
                break;
            }
            ObjectReader choiceReader = reader.child(choices.at(choiceIndex).toObject(), field);
            choiceReader.rejectUnknownKeys({"id"_L1, "label"_L1});
            QuestionChoice choice;
            choice.id = choiceReader.string("id"_L1, Presence::Required, Emptiness::Refused);
            choice.label = choiceReader.string("label"_L1, Presence::Required, Emptiness::Refused);
            if (!choiceReader.failed() && choiceIds.contains(choice.id))
                choiceReader.fail(u"id"_s, u"the choice \"%1\" is listed twice"_s.arg(choice.id));
            choiceIds.insert(choice.id);
            question.choices.append(choice);
        }
    };
    return readEntries(*list, sink, {"id"_L1, "prompt"_L1, "multiple"_L1, "choices"_L1}, readQuestion,
                       m_knowledge.m_questions);
}

bool KnowledgeLoader::loadSignatures()
{
    ErrorSink sink(catalogdetail::fileNameOf(m_sources.signaturesPath));
    const std::optional<QJsonArray> list = openList(m_sources.signaturesPath, "signatures"_L1, sink);
    if (!list)
        return fail(sink);
    const auto readSignature = [this](ObjectReader& reader, ErrorSignature& signature) {
        signature.title = reader.string("title"_L1, Presence::Required, Emptiness::Refused);
        signature.seenIn = reader.stringList("seenIn"_L1, Presence::Required, Emptiness::Refused);
        signature.phrases = reader.stringList("phrases"_L1, Presence::Required, Emptiness::Refused);
        QList<QRegularExpression>& expressions = m_phraseExpressions.emplaceBack();
        for (qsizetype phrase = 0; phrase < signature.phrases.size() && !reader.failed(); ++phrase) {
            ErrorTextMatcher::Phrase compiled = ErrorTextMatcher::compilePhrase(signature.phrases[phrase]);
            if (compiled.problem.isEmpty())
                expressions.append(std::move(compiled.expression));
            else
                reader.fail(u"phrases[%1]"_s.arg(phrase),
                            u"\"%1\" %2"_s.arg(signature.phrases[phrase], compiled.problem));
        }
        signature.meaning = reader.string("meaning"_L1, Presence::Required, Emptiness::Refused);
        signature.likelyCauseIds =
            reader.stringList("likelyCauses"_L1, Presence::Required, Emptiness::Refused);
        const QStringList probes =
            reader.stringList("confirmWith"_L1, Presence::Required, Emptiness::Allowed);
        for (const QString& probe : probes) {
            const std::optional<ProbeKind> kind = probeKindFromId(probe);
            if (!kind) {
                reader.fail(u"confirmWith"_s, u"unknown probe kind \"%1\""_s.arg(probe));
                break;
            }
            signature.confirmWith.append(*kind);
        }
        signature.supersedes = reader.stringList("supersedes"_L1, Presence::Optional, Emptiness::Refused);
    };
    return readEntries(*list, sink,
                       {"id"_L1, "title"_L1, "seenIn"_L1, "phrases"_L1, "meaning"_L1, "likelyCauses"_L1,
                        "confirmWith"_L1, "supersedes"_L1},
                       readSignature, m_knowledge.m_signatures);
}

QList<WeightedRule> KnowledgeLoader::readWeightedRules(ObjectReader& reader, QLatin1StringView key)
{
    QList<WeightedRule> rules;
    const QJsonArray list = reader.array(key, Presence::Required);
    for (qsizetype index = 0; index < list.size() && !reader.failed(); ++index) {
        const QString field = u"%1[%2]"_s.arg(key).arg(index);
        if (!list.at(index).isObject()) {
            reader.fail(field, u"expected an object with when, weight and why"_s);
            break;
        }
        ObjectReader itemReader = reader.child(list.at(index).toObject(), field);
        itemReader.rejectUnknownKeys({"when"_L1, "weight"_L1, "why"_L1});
        WeightedRule weighted;
        weighted.when =
            readRule(itemReader, itemReader.jsonObject().value("when"_L1), u"when"_s, RuleScope::Cause);
        const QJsonValue weight = itemReader.jsonObject().value("weight"_L1);
        if (!itemReader.failed() && (!weight.isDouble() || weight.toDouble() < 1 || weight.toDouble() > 100 ||
                                     std::floor(weight.toDouble()) != weight.toDouble()))
            itemReader.fail(u"weight"_s, u"expected a whole number from 1 to 100"_s);
        weighted.weight = weight.toInt();
        weighted.why = itemReader.string("why"_L1, Presence::Required, Emptiness::Refused);
        rules.append(weighted);
    }
    return rules;
}

bool KnowledgeLoader::loadCauses()
{
    ErrorSink sink(catalogdetail::fileNameOf(m_sources.causesPath));
    const std::optional<QJsonArray> list = openList(m_sources.causesPath, "causes"_L1, sink);
    if (!list)
        return fail(sink);
    const auto readCause = [this](ObjectReader& reader, CauseDefinition& cause) {
        cause.title = reader.string("title"_L1, Presence::Required, Emptiness::Refused);
        cause.plain = reader.string("plain"_L1, Presence::Required, Emptiness::Refused);
        cause.technical = reader.string("technical"_L1, Presence::Required, Emptiness::Refused);
        const QJsonValue confidence = reader.jsonObject().value("confidence"_L1);
        if (!reader.failed() &&
            (!confidence.isDouble() || confidence.toDouble() < 1 || confidence.toDouble() > 100 ||
             std::floor(confidence.toDouble()) != confidence.toDouble()))
            reader.fail(u"confidence"_s, u"expected a whole number from 1 to 100"_s);
        cause.confidence = confidence.toInt();
        if (!reader.failed() && !reader.jsonObject().contains("trigger"_L1))
            reader.fail(u"trigger"_s, u"is missing"_s);
        cause.trigger =
            readRule(reader, reader.jsonObject().value("trigger"_L1), u"trigger"_s, RuleScope::Cause);
        cause.support = readWeightedRules(reader, "support"_L1);
        cause.against = readWeightedRules(reader, "against"_L1);
        cause.remedyIds = reader.stringList("remedies"_L1, Presence::Required, Emptiness::Refused);
    };
    return readEntries(*list, sink,
                       {"id"_L1, "title"_L1, "plain"_L1, "technical"_L1, "confidence"_L1, "trigger"_L1,
                        "support"_L1, "against"_L1, "remedies"_L1},
                       readCause, m_knowledge.m_causes);
}

AppliesTo KnowledgeLoader::readAppliesTo(ObjectReader& reader)
{
    AppliesTo appliesTo;
    const QJsonObject object = reader.object("appliesTo"_L1, Presence::Required);
    if (reader.failed())
        return appliesTo;
    ObjectReader appliesReader = reader.child(object, u"appliesTo"_s);
    appliesReader.rejectUnknownKeys({"encoders"_L1, "serverFamilies"_L1});
    const auto readList = [&](QLatin1StringView key, bool encoders) {
        const QStringList ids = appliesReader.stringList(key, Presence::Required, Emptiness::Refused);
        if (appliesReader.failed())
            return QStringList{};
        if (ids.contains(u"any"_s)) {
            if (ids.size() > 1)
                appliesReader.fail(key, u"\"any\" cannot be combined with ids"_s);
            return QStringList{};
        }
        for (const QString& id : ids) {
            if (!(encoders ? isKnownEncoder(id) : isKnownFamily(id))) {
                appliesReader.fail(
                    key, encoders ? u"no encoder has the id \"%1\" in encoders.json"_s.arg(id)
                                  : u"no server family has the id \"%1\" in servers.json"_s.arg(id));
                return QStringList{};
            }
        }
        return ids;
    };
    appliesTo.encoderIds = readList("encoders"_L1, true);
    appliesTo.serverFamilyIds = readList("serverFamilies"_L1, false);
    return appliesTo;
}

QList<RemedyStep> KnowledgeLoader::readSteps(ObjectReader& reader)
{
    QList<RemedyStep> steps;
    const QJsonArray list = reader.array("steps"_L1, Presence::Required);
    if (!reader.failed() && list.isEmpty())
        reader.fail(u"steps"_s, u"must not be an empty list"_s);
    for (qsizetype index = 0; index < list.size() && !reader.failed(); ++index) {
        const QString field = u"steps[%1]"_s.arg(index);
        if (!list.at(index).isObject()) {
            reader.fail(field, u"expected an object"_s);
            break;
        }
        ObjectReader stepReader = reader.child(list.at(index).toObject(), field);
        stepReader.rejectUnknownKeys({"text"_L1, "retest"_L1, "verify"_L1, "snippets"_L1});
        RemedyStep step;
        step.text = stepReader.string("text"_L1, Presence::Required, Emptiness::Refused);
        step.retest = stepReader.stringList("retest"_L1, Presence::Required, Emptiness::Allowed);
        step.verify = stepReader.string("verify"_L1, Presence::Optional, Emptiness::Refused);
        if (!stepReader.failed() && step.retest.isEmpty() && step.verify.isEmpty())
            stepReader.fail(u"retest"_s, u"a step without a probe to re-run needs a \"verify\" text"_s);
        for (const QString& item : std::as_const(step.retest)) {
            if (stepReader.failed())
                break;
            if (probeKindFromId(item))
                continue;
            const QString prefix = item.section(u':', 0, 0);
            if (!item.contains(u':') || !knownProbeIdPrefixes().contains(prefix))
                stepReader.fail(
                    u"retest"_s,
                    u"\"%1\" is neither a probe kind nor a probe id pattern such as \"tcp:443:*\""_s.arg(
                        item));
        }
        const QJsonArray snippets = stepReader.array("snippets"_L1, Presence::Optional);
        for (qsizetype snippetIndex = 0; snippetIndex < snippets.size() && !stepReader.failed();
             ++snippetIndex) {
            const QString snippetField = u"snippets[%1]"_s.arg(snippetIndex);
            if (!snippets.at(snippetIndex).isObject()) {
                stepReader.fail(snippetField, u"expected an object"_s);
                break;
            }
            ObjectReader snippetReader = stepReader.child(snippets.at(snippetIndex).toObject(), snippetField);
            snippetReader.rejectUnknownKeys({"serverFamily"_L1, "file"_L1, "text"_L1});
            ConfigSnippet snippet;
            snippet.serverFamilyId =
                snippetReader.string("serverFamily"_L1, Presence::Required, Emptiness::Refused);
            snippet.file = snippetReader.string("file"_L1, Presence::Required, Emptiness::Refused);
            snippet.text = snippetReader.string("text"_L1, Presence::Required, Emptiness::Refused);
            if (!snippetReader.failed() && !isKnownFamily(snippet.serverFamilyId))
                snippetReader.fail(
                    u"serverFamily"_s,
                    u"no server family has the id \"%1\" in servers.json"_s.arg(snippet.serverFamilyId));
            step.snippets.append(snippet);
        }
        steps.append(step);
    }
    return steps;
}

bool KnowledgeLoader::loadEntries()
{
    ErrorSink sink(catalogdetail::fileNameOf(m_sources.remediesPath));
    const std::optional<QJsonArray> list = openList(m_sources.remediesPath, "entries"_L1, sink);
    if (!list)
        return fail(sink);
    const auto readEntry = [this](ObjectReader& reader, KnowledgeEntry& entry) {
        entry.title = reader.string("title"_L1, Presence::Required, Emptiness::Refused);
        const QString audience = reader.string("audience"_L1, Presence::Required, Emptiness::Refused);
        if (!reader.failed()) {
            if (const std::optional<Audience> parsed = audienceFromId(audience))
                entry.audience = *parsed;
            else
                reader.fail(
                    u"audience"_s,
                    u"unknown audience \"%1\" (broadcaster, help-desk, network-admin, server-admin)"_s.arg(
                        audience));
        }
        entry.appliesTo = readAppliesTo(reader);
        if (!reader.failed() && !reader.jsonObject().contains("trigger"_L1))
            reader.fail(u"trigger"_s, u"is missing"_s);
        entry.trigger =
            readRule(reader, reader.jsonObject().value("trigger"_L1), u"trigger"_s, RuleScope::Entry);
        entry.explanation = reader.string("explanation"_L1, Presence::Required, Emptiness::Refused);
        entry.steps = readSteps(reader);
        entry.seedFactIds = reader.stringList("seedFacts"_L1, Presence::Required, Emptiness::Allowed);
        for (const QString& factId : std::as_const(entry.seedFactIds)) {
            if (!reader.failed() && !m_knowledge.seedFact(factId))
                reader.fail(u"seedFacts"_s,
                            u"no seed fact has the id \"%1\" in seed-facts.json"_s.arg(factId));
        }
    };
    return readEntries(*list, sink,
                       {"id"_L1, "title"_L1, "audience"_L1, "appliesTo"_L1, "trigger"_L1, "explanation"_L1,
                        "steps"_L1, "seedFacts"_L1},
                       readEntry, m_knowledge.m_entries);
}

bool KnowledgeLoader::crossCheck()
{
    const QList<ErrorSignature>& signatures = m_knowledge.m_signatures;
    for (qsizetype index = 0; index < signatures.size(); ++index) {
        const ErrorSignature& signature = signatures[index];
        for (const QString& causeId : signature.likelyCauseIds) {
            if (!m_knowledge.cause(causeId))
                return fail(m_sources.signaturesPath, entryLabel(index, signature.id), u"likelyCauses"_s,
                            u"no cause has the id \"%1\" in causes.json"_s.arg(causeId));
        }
        for (const QString& other : signature.supersedes) {
            if (!m_knowledge.signature(other) || other == signature.id)
                return fail(m_sources.signaturesPath, entryLabel(index, signature.id), u"supersedes"_s,
                            u"\"%1\" is not another signature of this file"_s.arg(other));
        }
    }
    const QList<CauseDefinition>& causes = m_knowledge.m_causes;
    for (qsizetype index = 0; index < causes.size(); ++index) {
        for (const QString& remedyId : causes[index].remedyIds) {
            if (!m_knowledge.entry(remedyId))
                return fail(m_sources.causesPath, entryLabel(index, causes[index].id), u"remedies"_s,
                            u"no knowledge entry has the id \"%1\" in remedies.json"_s.arg(remedyId));
        }
    }
    return true;
}

KnowledgeSources KnowledgeSources::builtIn()
{
    return KnowledgeSources{
        u":/knowledge/seed-facts.json"_s,       u":/knowledge/questions.json"_s,
        u":/knowledge/error-signatures.json"_s, u":/knowledge/causes.json"_s,
        u":/knowledge/remedies.json"_s,
    };
}

KnowledgeLoadResult KnowledgeBase::loadBuiltIn(const Catalogs* catalogs)
{
    return load(KnowledgeSources::builtIn(), catalogs);
}

KnowledgeLoadResult KnowledgeBase::load(const KnowledgeSources& sources, const Catalogs* catalogs)
{
    return KnowledgeLoader(sources, catalogs).run();
}

const SeedFact* KnowledgeBase::seedFact(const QString& id) const
{
    return findById(m_seedFacts, id);
}

const Question* KnowledgeBase::question(const QString& id) const
{
    return findById(m_questions, id);
}

const ErrorSignature* KnowledgeBase::signature(const QString& id) const
{
    return findById(m_signatures, id);
}

const CauseDefinition* KnowledgeBase::cause(const QString& id) const
{
    return findById(m_causes, id);
}

const KnowledgeEntry* KnowledgeBase::entry(const QString& id) const
{
    return findById(m_entries, id);
}

} // namespace rd
