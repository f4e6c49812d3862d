#pragma once

#include "catalog/catalogerror.h"
#include "catalog/loadresult.h"
#include "diagnosis/errortextmatcher.h"
#include "diagnosis/knowledgetypes.h"

#include <QList>
#include <QString>

#include <optional>

namespace rd {

struct Catalogs;
struct LoadedKnowledge;
using KnowledgeLoadResult = LoadResult<LoadedKnowledge>;

// Where the five knowledge files are read from. builtIn() names the copies compiled into the
// program (":/knowledge/..."); a test swaps one path for a broken fixture.
struct KnowledgeSources
{
    QString seedFactsPath;
    QString questionsPath;
    QString signaturesPath;
    QString causesPath;
    QString remediesPath;

    static KnowledgeSources builtIn();
};

// The whole knowledge base: seed facts, questions, error signatures, causes and remedies, checked
// against each other (and against the catalogs when given). Loading never throws and never yields
// a half-loaded base: any problem comes back as a CatalogError naming file, entry and field.
class KnowledgeBase
{
public:
    // The schema this build reads ("schemaVersion" of every knowledge file).
    static constexpr int kSchemaVersion = 1;

    static KnowledgeLoadResult loadBuiltIn(const Catalogs* catalogs = nullptr);
    static KnowledgeLoadResult load(const KnowledgeSources& sources, const Catalogs* catalogs = nullptr);

    const QList<SeedFact>& seedFacts() const { return m_seedFacts; }
    const QList<Question>& questions() const { return m_questions; }
    const QList<ErrorSignature>& signatures() const { return m_signatures; }
    const QList<CauseDefinition>& causes() const { return m_causes; }
    const QList<KnowledgeEntry>& entries() const { return m_entries; }

    const SeedFact* seedFact(const QString& id) const;
    const Question* question(const QString& id) const;
    const ErrorSignature* signature(const QString& id) const;
    const CauseDefinition* cause(const QString& id) const;
    const KnowledgeEntry* entry(const QString& id) const;

    const ErrorTextMatcher& matcher() const { return m_matcher; }

private:
    friend class KnowledgeLoader;

    QList<SeedFact> m_seedFacts;
    QList<Question> m_questions;
    QList<ErrorSignature> m_signatures;
    QList<CauseDefinition> m_causes;
    QList<KnowledgeEntry> m_entries;
    ErrorTextMatcher m_matcher;
};

struct LoadedKnowledge
{
    std::optional<KnowledgeBase> knowledge; // set exactly when status == Loaded
};

} // namespace rd
