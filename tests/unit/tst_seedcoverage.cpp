#include "builtindata.h"
#include "catalog/catalogs.h"
#include "diagnosis/knowledgebase.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

QJsonObject readSourceFile(const QString& fileName)
{
    QFile file(QStringLiteral(RTMPDOCTOR_SOURCE_DIR) + u"/resources/knowledge/"_s + fileName);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll()).object();
}

// Every fact of the two source documents, by id. Removing one from seed-facts.json must be a
// deliberate change of this list too.
const QStringList kExpectedFactIds{
    u"az-outbound-rtmp-ports"_s,
    u"az-outbound-rtmps-ports"_s,
    u"az-url-schemes"_s,
    u"az-recommended-encoders"_s,
    u"az-v3-no-portal"_s,
    u"az-live-event-role"_s,
    u"az-input-endpoint"_s,
    u"az-ingest-protocols"_s,
    u"az-ingest-urls-from-event"_s,
    u"az-non-vanity-default"_s,
    u"az-non-vanity-behaviour"_s,
    u"az-non-vanity-fit"_s,
    u"az-vanity-fit"_s,
    u"az-predictable-needs-token"_s,
    u"az-random-host-format"_s,
    u"az-access-token-format"_s,
    u"az-non-vanity-url-shape"_s,
    u"az-vanity-url-shape"_s,
    u"az-v2-channels"_s,
    u"az-resources"_s,
    u"av-conn-failed-message"_s,
    u"av-check-rtmp-string"_s,
    u"av-server-not-running"_s,
    u"av-server-failed-start"_s,
    u"av-server-firewall"_s,
    u"av-client-firewall"_s,
    u"av-no-scope-red5"_s,
    u"av-no-scope-restart"_s,
    u"av-not-defined-ams-app"_s,
    u"av-not-defined-restart"_s,
    u"av-waiting-incomplete-app"_s,
    u"vq-framerate-light"_s,
    u"vq-framerate-webcam"_s,
    u"vq-framerate-resolution"_s,
    u"vq-framerate-movement"_s,
    u"vq-bandwidth-light"_s,
    u"vq-bandwidth-webcam"_s,
    u"vq-bandwidth-upload"_s,
    u"vq-bandwidth-example"_s,
    u"vq-dark-noisy"_s,
    u"vq-no-image-busy"_s,
    u"vq-no-image-wrong-camera"_s,
    u"vq-no-image-permission"_s,
    u"cs-default-1935"_s,
    u"cs-restriction-ports"_s,
    u"cs-restriction-http"_s,
    u"cs-rtmpt-cost"_s,
    u"cs-rtmpt-share"_s,
    u"cs-flash-sequence"_s,
    u"cs-flash-sequence-condition"_s,
    u"cs-flash-sequence-wait"_s,
    u"cs-flash-sequence-needs-server"_s,
    u"cs-check-ports-free"_s,
    u"cs-ams-config"_s,
    u"cs-ams-rtmpt-shared"_s,
    u"cs-ams-hosting"_s,
    u"cs-wowza-config"_s,
    u"cs-wowza-rtmpt-shared"_s,
    u"cs-red5-rtmp-port"_s,
    u"cs-red5-rtmpt-port"_s,
    u"cs-port-tester"_s,
    u"cs-red5-tester"_s,
};

} // namespace

// The knowledge base must carry every fact of the seed documents: each fact of seed-facts.json is
// named by at least one knowledge entry, and entries name no fact that is not in the inventory.
class TestSeedCoverage : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void inventoryListsEveryFact();
    void inventoryNamesBothSeeds();
    void everyFactIsCoveredByAnEntry();
    void entriesNameOnlyKnownFacts();
    void coveringEntriesCanBeReached_data();
    void coveringEntriesCanBeReached();

private:
    std::optional<rd::KnowledgeBase> m_knowledge;
};

void TestSeedCoverage::initTestCase()
{
    rd::test::BuiltInData loaded = rd::test::loadBuiltInData();
    QVERIFY2(loaded.ok(), qPrintable(loaded.error));
    m_knowledge = std::move(loaded.knowledge);
}

void TestSeedCoverage::inventoryListsEveryFact()
{
    QStringList ids;
    QSet<QString> paraphrases;
    for (const rd::SeedFact& fact : m_knowledge->seedFacts()) {
        ids.append(fact.id);
        QVERIFY2(fact.paraphrase.size() >= 30, qPrintable(fact.id));
        QVERIFY2(!paraphrases.contains(fact.paraphrase), qPrintable(fact.id));
        paraphrases.insert(fact.paraphrase);
    }
    QCOMPARE(ids, kExpectedFactIds);
}

void TestSeedCoverage::inventoryNamesBothSeeds()
{
    QMap<QString, int> factsPerSeedFile;
    for (const rd::SeedFact& fact : m_knowledge->seedFacts())
        ++factsPerSeedFile[fact.seedFile];
    QCOMPARE(factsPerSeedFile.keys(),
             (QStringList{u"000_b853d36b042e18b6.txt"_s, u"003_dbe84e173cb697c4.txt"_s}));
    QCOMPARE(factsPerSeedFile.value(u"000_b853d36b042e18b6.txt"_s), 20);
    QCOMPARE(factsPerSeedFile.value(u"003_dbe84e173cb697c4.txt"_s), 42);
}

void TestSeedCoverage::everyFactIsCoveredByAnEntry()
{
    QSet<QString> covered;
    for (const rd::KnowledgeEntry& entry : m_knowledge->entries()) {
        for (const QString& id : entry.seedFactIds)
            covered.insert(id);
    }
    QStringList uncovered;
    for (const rd::SeedFact& fact : m_knowledge->seedFacts()) {
        if (!covered.contains(fact.id))
            uncovered.append(fact.id);
    }
    QVERIFY2(uncovered.isEmpty(), qPrintable(u"facts no entry covers: "_s + uncovered.join(u", "_s)));
}

// Read from the source files directly, so this holds even if the loader's own check were lost.
void TestSeedCoverage::entriesNameOnlyKnownFacts()
{
    QSet<QString> known;
    const QJsonArray facts = readSourceFile(u"seed-facts.json"_s).value("facts"_L1).toArray();
    QVERIFY(!facts.isEmpty());
    for (const QJsonValue& fact : facts)
        known.insert(fact.toObject().value("id"_L1).toString());

    const QJsonArray entries = readSourceFile(u"remedies.json"_s).value("entries"_L1).toArray();
    QVERIFY(!entries.isEmpty());
    QStringList unknown;
    for (const QJsonValue& entry : entries) {
        const QJsonObject object = entry.toObject();
        for (const QJsonValue& id : object.value("seedFacts"_L1).toArray()) {
            if (!known.contains(id.toString()))
                unknown.append(object.value("id"_L1).toString() + u" -> "_s + id.toString());
        }
    }
    QVERIFY2(unknown.isEmpty(), qPrintable(u"unknown fact ids: "_s + unknown.join(u", "_s)));
}

void TestSeedCoverage::coveringEntriesCanBeReached_data()
{
    QTest::addColumn<QString>("entryId");
    for (const rd::KnowledgeEntry& entry : m_knowledge->entries()) {
        if (!entry.seedFactIds.isEmpty())
            QTest::newRow(qPrintable(entry.id)) << entry.id;
    }
}

// A fact only helps if the diagnosis can show the entry that carries it.
void TestSeedCoverage::coveringEntriesCanBeReached()
{
    QFETCH(QString, entryId);
    bool named = false;
    for (const rd::CauseDefinition& cause : m_knowledge->causes())
        named = named || cause.remedyIds.contains(entryId);
    QVERIFY2(named, qPrintable(entryId + u" is no cause's remedy"_s));
}

QTEST_GUILESS_MAIN(TestSeedCoverage)
#include "tst_seedcoverage.moc"
