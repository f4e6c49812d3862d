#include "catalog/catalogs.h"
#include "diagnosis/knowledgebase.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include <functional>

using namespace Qt::StringLiterals;

namespace {

QString sourcePath(const QString& relative)
{
    return QStringLiteral(RTMPDOCTOR_SOURCE_DIR) + u'/' + relative;
}

QString fixturePath(const QString& fileName)
{
    return sourcePath(u"tests/data/knowledge/"_s + fileName);
}

// Which of the five knowledge files a fixture replaces.
enum class Slot
{
    SeedFacts,
    Questions,
    Signatures,
    Causes,
    Remedies,
};

void replace(rd::KnowledgeSources& sources, Slot slot, const QString& path)
{
    switch (slot) {
    case Slot::SeedFacts:
        sources.seedFactsPath = path;
        break;
    case Slot::Questions:
        sources.questionsPath = path;
        break;
    case Slot::Signatures:
        sources.signaturesPath = path;
        break;
    case Slot::Causes:
        sources.causesPath = path;
        break;
    case Slot::Remedies:
        sources.remediesPath = path;
        break;
    }
}

rd::ProbeResult result(const QString& probeId, rd::ProbeKind kind)
{
    rd::ProbeResult probe;
    probe.probeId = probeId;
    probe.kind = kind;
    return probe;
}

} // namespace

Q_DECLARE_METATYPE(Slot)

class TestKnowledgeBase : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();

    void builtInKnowledgeLoads();
    void compiledInDataIsTheSourceTreeData_data();
    void compiledInDataIsTheSourceTreeData();
    void everyEntryIsComplete();
    void everyCauseCanBeExplained();
    void everySignatureNamesCausesThatExist();

    void serverSnippetsAreExact_data();
    void serverSnippetsAreExact();
    void portCheckBeforeMovingNamesBothTools();
    void restrictedNetworkAdviceCoversBothCases();

    void malformedFile_data();
    void malformedFile();
    void brokenCrossReference_data();
    void brokenCrossReference();
    void missingFileIsReported();
    void catalogIdsAreCheckedOnlyWhenCatalogsAreGiven();

    void retestSelectsProbes_data();
    void retestSelectsProbes();
    void probeIdsToRerunKeepResultOrder();
    void appliesTo_data();
    void appliesTo();

private:
    std::optional<rd::Catalogs> m_catalogs;
    std::optional<rd::KnowledgeBase> m_knowledge;
};

void TestKnowledgeBase::initTestCase()
{
    const rd::CatalogLoadResult catalogs = rd::Catalogs::loadBuiltIn();
    QVERIFY2(catalogs.ok(), qPrintable(catalogs.error.toString()));
    m_catalogs = catalogs.catalogs;
    const rd::KnowledgeLoadResult knowledge = rd::KnowledgeBase::loadBuiltIn(&*m_catalogs);
    QVERIFY2(knowledge.ok(), qPrintable(knowledge.error.toString()));
    m_knowledge = knowledge.knowledge;
}

void TestKnowledgeBase::builtInKnowledgeLoads()
{
    const rd::KnowledgeLoadResult loaded = rd::KnowledgeBase::loadBuiltIn(&*m_catalogs);
    QCOMPARE(loaded.status, rd::KnowledgeLoadResult::Status::Loaded);
    QVERIFY(loaded.error.isEmpty());
    QVERIFY(loaded.knowledge.has_value());
    QCOMPARE(loaded.knowledge->seedFacts().size(), 62);
    QCOMPARE(loaded.knowledge->questions().size(), 3);
    QCOMPARE(loaded.knowledge->signatures().size(), 49);
    QCOMPARE(loaded.knowledge->causes().size(), 48);
    QCOMPARE(loaded.knowledge->entries().size(), 56);
    QCOMPARE(loaded.knowledge->causes().first().id, u"no-problem-found"_s);
    QVERIFY(loaded.knowledge->entry(u"server-ports-red5"_s));
    QVERIFY(!loaded.knowledge->entry(u"server-ports-lighttpd"_s));
}

void TestKnowledgeBase::compiledInDataIsTheSourceTreeData_data()
{
    QTest::addColumn<QString>("fileName");
    for (const char* name :
         {"seed-facts.json", "questions.json", "error-signatures.json", "causes.json", "remedies.json"})
        QTest::newRow(name) << QString::fromLatin1(name);
}

void TestKnowledgeBase::compiledInDataIsTheSourceTreeData()
{
    QFETCH(QString, fileName);
    QFile compiled(u":/knowledge/"_s + fileName);
    QFile original(sourcePath(u"resources/knowledge/"_s + fileName));
    QVERIFY(compiled.open(QIODevice::ReadOnly));
    QVERIFY(original.open(QIODevice::ReadOnly));
    QCOMPARE(compiled.readAll(), original.readAll());
}

void TestKnowledgeBase::everyEntryIsComplete()
{
    for (const rd::KnowledgeEntry& entry : m_knowledge->entries()) {
        QVERIFY2(!entry.title.isEmpty() && !entry.explanation.isEmpty(), qPrintable(entry.id));
        QVERIFY2(!entry.steps.isEmpty(), qPrintable(entry.id));
        for (const rd::RemedyStep& step : entry.steps) {
            QVERIFY2(!step.text.isEmpty(), qPrintable(entry.id));
            QVERIFY2(!step.retest.isEmpty() || !step.verify.isEmpty(), qPrintable(entry.id));
            for (const rd::ConfigSnippet& snippet : step.snippets)
                QVERIFY2(m_catalogs->servers.find(snippet.serverFamilyId), qPrintable(entry.id));
        }
    }
}

void TestKnowledgeBase::everyCauseCanBeExplained()
{
    QSet<QString> offered;
    for (const rd::CauseDefinition& cause : m_knowledge->causes()) {
        QVERIFY2(!cause.plain.isEmpty() && !cause.technical.isEmpty(), qPrintable(cause.id));
        QVERIFY2(cause.confidence >= 1 && cause.confidence <= 100, qPrintable(cause.id));
        QVERIFY2(!cause.remedyIds.isEmpty(), qPrintable(cause.id));
        for (const QString& remedy : cause.remedyIds) {
            QVERIFY2(m_knowledge->entry(remedy), qPrintable(cause.id + u" -> "_s + remedy));
            offered.insert(remedy);
        }
    }
    // Every remedy is reachable from some cause, so the diagnosis can offer it.
    for (const rd::KnowledgeEntry& entry : m_knowledge->entries())
        QVERIFY2(offered.contains(entry.id), qPrintable(entry.id));
}

void TestKnowledgeBase::everySignatureNamesCausesThatExist()
{
    for (const rd::ErrorSignature& signature : m_knowledge->signatures()) {
        QVERIFY2(!signature.likelyCauseIds.isEmpty(), qPrintable(signature.id));
        for (const QString& cause : signature.likelyCauseIds)
            QVERIFY2(m_knowledge->cause(cause), qPrintable(signature.id + u" -> "_s + cause));
        for (const QString& phrase : signature.phrases)
            QVERIFY2(!rd::ErrorTextMatcher::checkPhrase(phrase), qPrintable(signature.id + u": "_s + phrase));
    }
}

void TestKnowledgeBase::serverSnippetsAreExact_data()
{
    QTest::addColumn<QString>("entryId");
    QTest::addColumn<QString>("family");
    QTest::addColumn<QStringList>("files");
    QTest::addColumn<QStringList>("texts");
    QTest::addColumn<QString>("restartWord"); // a step must tell to restart (or reload)

    QTest::newRow("AMS/FMS") << u"server-ports-ams"_s << u"adobe-media-server"_s
                             << QStringList{u"conf/fms.ini"_s}
                             << QStringList{u"ADAPTOR.HOSTPORT = :1935,443,80"_s} << u"Restart AMS/FMS."_s;
    QTest::newRow("Wowza") << u"server-ports-wowza"_s << u"wowza"_s << QStringList{u"conf/VHost.xml"_s}
                           << QStringList{u"<Port>1935,443,80</Port>"_s} << u"Restart Wowza."_s;
    QTest::newRow("Red5") << u"server-ports-red5"_s << u"red5"_s
                          << QStringList{u"conf/red5.properties"_s, u"conf/red5.properties"_s}
                          << QStringList{u"rtmp.port=443"_s, u"rtmpt.port=80"_s} << u"then restart Red5."_s;
    QTest::newRow("nginx-rtmp")
        << u"server-ports-nginx-rtmp"_s << u"nginx-rtmp"_s << QStringList{u"nginx.conf"_s}
        << QStringList{u"rtmp {\n    server {\n        listen 1935;\n        listen 443;\n"
                       u"        listen 80;\n    }\n}"_s}
        << u"then reload nginx."_s;
}

void TestKnowledgeBase::serverSnippetsAreExact()
{
    QFETCH(QString, entryId);
    QFETCH(QString, family);
    QFETCH(QStringList, files);
    QFETCH(QStringList, texts);
    QFETCH(QString, restartWord);

    const rd::KnowledgeEntry* entry = m_knowledge->entry(entryId);
    QVERIFY(entry);
    QCOMPARE(entry->audience, rd::Audience::ServerAdmin);
    QCOMPARE(entry->appliesTo.serverFamilyIds, QStringList{family});
    QStringList foundFiles;
    QStringList foundTexts;
    bool restartTold = false;
    for (const rd::RemedyStep& step : entry->steps) {
        restartTold = restartTold || step.text.contains(restartWord);
        for (const rd::ConfigSnippet& snippet : step.snippets) {
            QCOMPARE(snippet.serverFamilyId, family);
            foundFiles.append(snippet.file);
            foundTexts.append(snippet.text);
        }
    }
    QCOMPARE(foundFiles, files);
    QCOMPARE(foundTexts, texts);
    QVERIFY2(restartTold, qPrintable(entryId));
}

void TestKnowledgeBase::portCheckBeforeMovingNamesBothTools()
{
    const rd::KnowledgeEntry* entry = m_knowledge->entry(u"check-web-ports-free"_s);
    QVERIFY(entry);
    QVERIFY(entry->explanation.contains(u"Apache"_s));
    QVERIFY(entry->steps.first().text.contains(u"netstat -ant"_s));
    QVERIFY(entry->steps.first().text.contains(u"ss -ltnp"_s));
}

void TestKnowledgeBase::restrictedNetworkAdviceCoversBothCases()
{
    const rd::KnowledgeEntry* entry = m_knowledge->entry(u"explain-restricted-networks"_s);
    QVERIFY(entry);
    QCOMPARE(entry->audience, rd::Audience::HelpDesk);
    for (const QString& needed : {u"ports 80 and 443"_s, u"RTMPT"_s, u"slower"_s, u"4%"_s, u"2004"_s})
        QVERIFY2(entry->explanation.contains(needed), qPrintable(needed));
    const rd::KnowledgeEntry* sequence = m_knowledge->entry(u"flash-fallback-sequence"_s);
    QVERIFY(sequence);
    QVERIFY(sequence->explanation.contains(
        u"tries RTMP on 1935, then RTMP on 443, then RTMP on 80, then RTMPT on 80"_s));
}

void TestKnowledgeBase::malformedFile_data()
{
    QTest::addColumn<Slot>("slot");
    QTest::addColumn<QString>("fixture");
    QTest::addColumn<QString>("entry");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("message");

    const auto row = [](const char* fixture, Slot slot, const QString& entry, const QString& field,
                        const QString& message) {
        QTest::newRow(fixture) << slot << QString::fromLatin1(fixture) << entry << field << message;
    };
    const QString broken = u"entry 0 (\"broken-cause\")"_s;
    const QString brokenEntry = u"entry 0 (\"broken-entry\")"_s;
    const QString brokenSignature = u"entry 0 (\"broken-signature\")"_s;

    row("causes-not-json.json", Slot::Causes, {}, {}, u"not valid JSON: unterminated object at offset 92"_s);
    row("causes-wrong-schema-version.json", Slot::Causes, {}, u"schemaVersion"_s,
        u"this build reads version 1, the file has 2"_s);
    row("causes-duplicate-id.json", Slot::Causes, u"entry 1 (\"broken-cause\")"_s, u"id"_s,
        u"the id \"broken-cause\" is used twice"_s);
    row("causes-unknown-probe-status.json", Slot::Causes, broken, u"trigger.all[1].status"_s,
        u"unknown probe status \"tcp-filterd\""_s);
    row("causes-status-of-other-kind.json", Slot::Causes, broken, u"trigger.status"_s,
        u"a \"tcp-port\" probe never reports \"tls-ok\""_s);
    row("causes-unknown-lint-code.json", Slot::Causes, broken, u"trigger.any[0].lint"_s,
        u"unknown URL lint code \"azure-retired\""_s);
    row("causes-rule-with-two-kinds.json", Slot::Causes, broken, u"trigger"_s,
        u"a rule has exactly one of all, any, not, probe, ...; this one has \"probe\" and \"lint\""_s);
    row("causes-rule-asks-for-cause.json", Slot::Causes, broken, u"trigger.not.cause"_s,
        u"only knowledge entries may ask which causes were found"_s);
    row("causes-unknown-answer-choice.json", Slot::Causes, broken, u"trigger.is"_s,
        u"the question \"symptom\" has no choice \"blurry\""_s);
    row("causes-confidence-out-of-range.json", Slot::Causes, broken, u"confidence"_s,
        u"expected a whole number from 1 to 100"_s);
    row("causes-probe-rule-without-test.json", Slot::Causes, broken, u"trigger"_s,
        u"a probe rule needs \"status\", \"verdict\" or \"fact\""_s);
    row("causes-port-not-a-number.json", Slot::Causes, broken, u"trigger.port"_s,
        u"expected a port number, a list of port numbers or \"url\""_s);
    row("causes-support-without-weight.json", Slot::Causes, broken, u"support[0].weight"_s,
        u"expected a whole number from 1 to 100"_s);
    row("causes-unknown-signature.json", Slot::Causes, broken, u"trigger.errorText"_s,
        u"no error signature has the id \"obs-timeout\""_s);

    row("remedies-step-without-retest.json", Slot::Remedies, brokenEntry, u"steps[0].retest"_s,
        u"a step without a probe to re-run needs a \"verify\" text"_s);
    row("remedies-unknown-audience.json", Slot::Remedies, brokenEntry, u"audience"_s,
        u"unknown audience \"customer\" (broadcaster, help-desk, network-admin, server-admin)"_s);
    row("remedies-unknown-seed-fact.json", Slot::Remedies, brokenEntry, u"seedFacts"_s,
        u"no seed fact has the id \"cs-default-port\" in seed-facts.json"_s);
    row("remedies-bad-retest-item.json", Slot::Remedies, brokenEntry, u"steps[1].retest"_s,
        u"\"tcp443\" is neither a probe kind nor a probe id pattern such as \"tcp:443:*\""_s);
    row("remedies-unknown-server-family.json", Slot::Remedies, brokenEntry, u"appliesTo.serverFamilies"_s,
        u"no server family has the id \"red-5\" in servers.json"_s);
    row("remedies-misspelt-field.json", Slot::Remedies, brokenEntry, u"explaination"_s,
        u"unknown field (misspelt, or meant for a newer schema version?)"_s);
    row("remedies-snippet-unknown-family.json", Slot::Remedies, brokenEntry,
        u"steps[0].snippets[0].serverFamily"_s, u"no server family has the id \"fms\" in servers.json"_s);

    row("signatures-unbalanced-brace.json", Slot::Signatures, brokenSignature, u"phrases[1]"_s,
        u"\"Application ({*) is not defined\" has a '{' without a '}'"_s);
    row("signatures-phrase-too-short.json", Slot::Signatures, brokenSignature, u"phrases[0]"_s,
        u"\"{*}ab{*}\" is too short to be recognised reliably (at least 4 characters besides {*})"_s);
    row("signatures-empty-alternative.json", Slot::Signatures, brokenSignature, u"phrases[0]"_s,
        u"\"failed to connect socket. {61||111}\" has an empty alternative in {61||111}"_s);
    row("signatures-unknown-probe-kind.json", Slot::Signatures, brokenSignature, u"confirmWith"_s,
        u"unknown probe kind \"tcp\""_s);

    row("seed-facts-unknown-seed.json", Slot::SeedFacts, u"entry 1 (\"fact-two\")"_s, u"seed"_s,
        u"no seed has the id \"azure-rtmp-errors\""_s);
    row("questions-duplicate-choice.json", Slot::Questions, u"entry 0 (\"symptom\")"_s, u"choices[1].id"_s,
        u"the choice \"no-image\" is listed twice"_s);
    row("questions-empty-list.json", Slot::Questions, {}, u"questions"_s, u"the list is empty"_s);
}

void TestKnowledgeBase::malformedFile()
{
    QFETCH(Slot, slot);
    QFETCH(QString, fixture);
    QFETCH(QString, entry);
    QFETCH(QString, field);
    QFETCH(QString, message);

    rd::KnowledgeSources sources = rd::KnowledgeSources::builtIn();
    replace(sources, slot, fixturePath(fixture));
    const rd::KnowledgeLoadResult loaded = rd::KnowledgeBase::load(sources, &*m_catalogs);
    QCOMPARE(loaded.status, rd::KnowledgeLoadResult::Status::Failed);
    QVERIFY(!loaded.knowledge.has_value());
    QCOMPARE(loaded.error.file, fixture);
    QCOMPARE(loaded.error.entry, entry);
    QCOMPARE(loaded.error.field, field);
    QCOMPARE(loaded.error.message, message);
}

void TestKnowledgeBase::brokenCrossReference_data()
{
    // Variants of the real files: a reference that only fails once every file has been read.
    using Edit = std::function<void(QJsonObject&)>;
    QTest::addColumn<Slot>("slot");
    QTest::addColumn<QString>("fileName");
    QTest::addColumn<Edit>("edit");
    QTest::addColumn<QString>("expected");

    const auto setInList = [](const char* list, int index, const char* key, QJsonValue value) {
        return Edit([=](QJsonObject& root) {
            QJsonArray items = root.value(QLatin1StringView(list)).toArray();
            QJsonObject item = items.at(index).toObject();
            item.insert(QLatin1StringView(key), value);
            items.replace(index, item);
            root.insert(QLatin1StringView(list), items);
        });
    };

    QTest::newRow("signature names an unknown cause")
        << Slot::Signatures << u"error-signatures.json"_s
        << setInList("signatures", 3, "likelyCauses", QJsonArray{u"application-never-answers"_s})
        << u"error-signatures.json: entry 3 (\"avchat-waiting-for-server\"): field \"likelyCauses\": no "
           u"cause has "
           u"the id \"application-never-answers\" in causes.json"_s;
    QTest::newRow("signature supersedes itself")
        << Slot::Signatures << u"error-signatures.json"_s
        << setInList("signatures", 1, "supersedes", QJsonArray{u"avchat-no-scope"_s})
        << u"error-signatures.json: entry 1 (\"avchat-no-scope\"): field \"supersedes\": \"avchat-no-scope\" "
           u"is not "
           u"another signature of this file"_s;
    QTest::newRow("cause names an unknown remedy")
        << Slot::Causes << u"causes.json"_s
        << setInList("causes", 0, "remedies", QJsonArray{u"healthy-next-step"_s})
        << u"causes.json: entry 0 (\"no-problem-found\"): field \"remedies\": no knowledge entry has the id "
           u"\"healthy-next-step\" in remedies.json"_s;
    QTest::newRow("measurement with an unknown finding")
        << Slot::Causes << u"causes.json"_s
        << setInList("causes", 0, "trigger",
                     QJsonObject{{u"measurement"_s, u"camera"_s}, {u"is"_s, QJsonArray{u"too-dim"_s}}})
        << u"causes.json: entry 0 (\"no-problem-found\"): field \"trigger.is\": the measurement \"camera\" "
           u"has "
           u"no finding \"too-dim\""_s;
    QTest::newRow("measurement of an unknown subject")
        << Slot::Causes << u"causes.json"_s
        << setInList("causes", 0, "trigger",
                     QJsonObject{{u"measurement"_s, u"microphone"_s}, {u"is"_s, u"too-quiet"_s}})
        << u"causes.json: entry 0 (\"no-problem-found\"): field \"trigger.measurement\": unknown measurement "
           u"\"microphone\" (known: camera, bitrate)"_s;
    QTest::newRow("measurement finding of another subject")
        << Slot::Causes << u"causes.json"_s
        << setInList("causes", 0, "trigger",
                     QJsonObject{{u"measurement"_s, u"bitrate"_s}, {u"is"_s, u"too-dark"_s}})
        << u"causes.json: entry 0 (\"no-problem-found\"): field \"trigger.is\": the measurement \"bitrate\" "
           u"has "
           u"no finding \"too-dark\""_s;
    QTest::newRow("entry asks for an unknown cause")
        << Slot::Remedies << u"remedies.json"_s
        << setInList("entries", 2, "trigger", QJsonObject{{u"cause"_s, u"url-broken"_s}})
        << u"remedies.json: entry 2 (\"check-rtmp-address\"): field \"trigger.cause\": no cause has the id "
           u"\"url-broken\" in causes.json"_s;
}

void TestKnowledgeBase::brokenCrossReference()
{
    using Edit = std::function<void(QJsonObject&)>;
    QFETCH(Slot, slot);
    QFETCH(QString, fileName);
    QFETCH(Edit, edit);
    QFETCH(QString, expected);

    QFile original(sourcePath(u"resources/knowledge/"_s + fileName));
    QVERIFY(original.open(QIODevice::ReadOnly));
    QJsonObject root = QJsonDocument::fromJson(original.readAll()).object();
    edit(root);

    QTemporaryDir directory;
    QVERIFY(directory.isValid());
    const QString path = directory.filePath(fileName);
    QFile changed(path);
    QVERIFY(changed.open(QIODevice::WriteOnly));
    changed.write(QJsonDocument(root).toJson());
    changed.close();

    rd::KnowledgeSources sources = rd::KnowledgeSources::builtIn();
    replace(sources, slot, path);
    const rd::KnowledgeLoadResult loaded = rd::KnowledgeBase::load(sources, &*m_catalogs);
    QVERIFY(!loaded.ok());
    QCOMPARE(loaded.error.toString(), expected);
}

void TestKnowledgeBase::missingFileIsReported()
{
    rd::KnowledgeSources sources = rd::KnowledgeSources::builtIn();
    sources.questionsPath = fixturePath(u"no-such-questions.json"_s);
    const rd::KnowledgeLoadResult loaded = rd::KnowledgeBase::load(sources);
    QVERIFY(!loaded.ok());
    QCOMPARE(loaded.error.file, u"no-such-questions.json"_s);
    QVERIFY2(loaded.error.message.startsWith(u"cannot be read: "_s), qPrintable(loaded.error.message));
}

void TestKnowledgeBase::catalogIdsAreCheckedOnlyWhenCatalogsAreGiven()
{
    rd::KnowledgeSources sources = rd::KnowledgeSources::builtIn();
    sources.remediesPath = fixturePath(u"remedies-unknown-server-family.json"_s);
    QVERIFY(!rd::KnowledgeBase::load(sources, &*m_catalogs).ok());
    // Without catalogs the family id cannot be checked; the file fails later, on the causes that
    // name remedies this one-entry file does not have.
    const rd::KnowledgeLoadResult unchecked = rd::KnowledgeBase::load(sources);
    QVERIFY(!unchecked.ok());
    QCOMPARE(unchecked.error.file, u"causes.json"_s);
    QCOMPARE(unchecked.error.field, u"remedies"_s);
}

void TestKnowledgeBase::retestSelectsProbes_data()
{
    QTest::addColumn<QString>("item");
    QTest::addColumn<QString>("probeId");
    QTest::addColumn<rd::ProbeKind>("kind");
    QTest::addColumn<bool>("selected");

    QTest::newRow("kind id") << u"tcp-port"_s << u"tcp:443:ipv6"_s << rd::ProbeKind::TcpPort << true;
    QTest::newRow("other kind") << u"tcp-port"_s << u"handshake:443"_s << rd::ProbeKind::Handshake << false;
    QTest::newRow("wildcard family") << u"tcp:443:*"_s << u"tcp:443:ipv4"_s << rd::ProbeKind::TcpPort << true;
    QTest::newRow("wildcard other port")
        << u"tcp:443:*"_s << u"tcp:4430:ipv4"_s << rd::ProbeKind::TcpPort << false;
    QTest::newRow("exact id") << u"handshake:443"_s << u"handshake:443"_s << rd::ProbeKind::Handshake << true;
    QTest::newRow("exact id is not a prefix")
        << u"handshake:443"_s << u"handshake:443:tls"_s << rd::ProbeKind::Handshake << false;
    QTest::newRow("connect any transport")
        << u"connect:*"_s << u"connect:443:tls"_s << rd::ProbeKind::Connect << true;
}

void TestKnowledgeBase::retestSelectsProbes()
{
    QFETCH(QString, item);
    QFETCH(QString, probeId);
    QFETCH(rd::ProbeKind, kind);
    QFETCH(bool, selected);
    QCOMPARE(rd::retestSelects(item, result(probeId, kind)), selected);
}

void TestKnowledgeBase::probeIdsToRerunKeepResultOrder()
{
    const rd::KnowledgeEntry* red5 = m_knowledge->entry(u"server-ports-red5"_s);
    QVERIFY(red5);
    const QList<rd::ProbeResult> results{
        result(u"dns"_s, rd::ProbeKind::Dns),
        result(u"tcp:1935:ipv4"_s, rd::ProbeKind::TcpPort),
        result(u"tcp:443:ipv4"_s, rd::ProbeKind::TcpPort),
        result(u"tcp:443:ipv6"_s, rd::ProbeKind::TcpPort),
        result(u"tcp:80:ipv4"_s, rd::ProbeKind::TcpPort),
        result(u"handshake:443"_s, rd::ProbeKind::Handshake),
        result(u"rtmpt:80"_s, rd::ProbeKind::Rtmpt),
        result(u"connect:1935"_s, rd::ProbeKind::Connect),
    };
    QCOMPARE(rd::probeIdsToRerun(red5->steps.at(0), results),
             (QStringList{u"tcp:443:ipv4"_s, u"tcp:443:ipv6"_s, u"handshake:443"_s, u"connect:1935"_s}));
    QCOMPARE(rd::probeIdsToRerun(red5->steps.at(1), results), (QStringList{u"tcp:80:ipv4"_s, u"rtmpt:80"_s}));
}

void TestKnowledgeBase::appliesTo_data()
{
    QTest::addColumn<QStringList>("encoders");
    QTest::addColumn<QStringList>("families");
    QTest::addColumn<QString>("encoder");
    QTest::addColumn<QString>("family");
    QTest::addColumn<bool>("applies");

    const QStringList any;
    QTest::newRow("any/any") << any << any << u"obs-studio"_s << u"red5"_s << true;
    QTest::newRow("family fits") << any << QStringList{u"red5"_s} << u"obs-studio"_s << u"red5"_s << true;
    QTest::newRow("other family") << any << QStringList{u"red5"_s} << u"obs-studio"_s << u"wowza"_s << false;
    QTest::newRow("family unknown") << any << QStringList{u"red5"_s} << u"obs-studio"_s << QString() << true;
    QTest::newRow("family generic") << any << QStringList{u"red5"_s} << u"obs-studio"_s << u"generic"_s
                                    << true;
    QTest::newRow("other encoder") << QStringList{u"avchat-3"_s} << any << u"obs-studio"_s << u"red5"_s
                                   << false;
    QTest::newRow("encoder not chosen")
        << QStringList{u"avchat-3"_s} << any << QString() << u"red5"_s << true;
    QTest::newRow("encoder 'other'") << QStringList{u"avchat-3"_s} << any << u"other"_s << u"red5"_s << true;
}

void TestKnowledgeBase::appliesTo()
{
    QFETCH(QStringList, encoders);
    QFETCH(QStringList, families);
    QFETCH(QString, encoder);
    QFETCH(QString, family);
    QFETCH(bool, applies);
    const rd::AppliesTo appliesTo{encoders, families};
    QCOMPARE(appliesTo.matches(encoder, family), applies);
}

QTEST_GUILESS_MAIN(TestKnowledgeBase)
#include "tst_knowledgebase.moc"
