// Stream keys, tokens and passwords never leave RTMP Doctor unless the user asks for them: a
// property test over many random secrets of the shapes real services use. Full flows run the lint,
// the whole probe ladder against a real nginx-rtmp (with the publish check, so the key really
// travels on the wire), the diagnosis, the report as JSON, ticket summary, PDF and session file,
// and the command line (`rtmp-doctor check --json --pdf --summary`); every log line is captured.
// Cheaper rounds feed a report a hostile server's echo of the secret in every field a probe can
// fill. Nothing may contain a secret, nor its percent-encoded, percent-decoded or base64 form, nor
// (for long secrets) any 8 characters of it in a row; with the reveal option the secrets must be
// where that option promises them, so the test can fail both ways.
//
// RTMPDOCTOR_SECRETS_SEED=<n> replays a run (the seed is printed).

#include "builtindata.h"
#include "catalog/catalogs.h"
#include "clirun.h"
#include "diagnosis/diagnosis.h"
#include "diagnosis/knowledgebase.h"
#include "diagnosis/textredaction.h"
#include "engine/allprobes.h"
#include "engine/diagnosticplan.h"
#include "engine/diagnosticsession.h"
#include "fixtures.h"
#include "intake/ingestcheck.h"
#include "pdf/pdfreport.h"
#include "report/reportfile.h"
#include "report/reportmodel.h"
#include "report/sessionrecorder.h"
#include "url/urlreport.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMutex>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

#include <chrono>
#include <memory>

using namespace Qt::StringLiterals;
using namespace rd;
using namespace std::chrono_literals;
using rd::test::CliRun;
using rd::test::fileContents;

namespace {

// ---------------------------------------------------------------------------------------------
// Every message Qt or RTMP Doctor logs, from any thread.

QMutex g_logMutex;
QStringList g_logLines;
QtMessageHandler g_previousHandler = nullptr;

void captureMessage(QtMsgType type, const QMessageLogContext& context, const QString& message)
{
    {
        QMutexLocker lock(&g_logMutex);
        g_logLines << message;
    }
    if (g_previousHandler != nullptr)
        g_previousHandler(type, context, message);
}

QStringList takeLogLines()
{
    QMutexLocker lock(&g_logMutex);
    return std::exchange(g_logLines, {});
}

// ---------------------------------------------------------------------------------------------
// Secrets of the shapes services hand out.

class SecretForge
{
public:
    explicit SecretForge(quint32 seed)
        : m_random(seed)
    {}

    int bounded(int bound) { return int(m_random.bounded(bound)); }

    QString text(int length, QLatin1StringView alphabet)
    {
        QString result;
        for (int i = 0; i < length; ++i)
            result += QChar(alphabet.at(bounded(int(alphabet.size()))));
        return result;
    }
    // No 0/O, 1/l/I: a coincidental match in prose is then impossible in practice.
    QString alnum(int length)
    {
        return text(length, "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"_L1);
    }
    QString digits(int length) { return text(length, "0123456789"_L1); }
    QString hex(int length) { return text(length, "0123456789abcdef"_L1); }

    enum class KeyShape
    {
        Plain,
        Punctuated, // - _ . ~
        PercentEscaped,
        Long,
        PathLike, // "live/abc": only through a separate key box
        TwitchLike,
        YouTubeLike,
    };
    static constexpr int kKeyShapes = 7;

    QString streamKey(KeyShape shape)
    {
        switch (shape) {
        case KeyShape::Plain:
            return alnum(16 + bounded(17));
        case KeyShape::Punctuated: {
            QString key = alnum(4);
            for (int i = 0; i < 4 + bounded(4); ++i)
                key += QChar("-_.~"_L1.at(bounded(4))) + alnum(3 + bounded(4));
            return key;
        }
        case KeyShape::PercentEscaped: {
            static const QStringList escapes{u"%2F"_s, u"%41"_s, u"%3D"_s, u"%2B"_s, u"%25"_s, u"%7E"_s};
            QString key = alnum(6);
            for (int i = 0; i < 2 + bounded(3); ++i)
                key += escapes.at(bounded(int(escapes.size()))) + alnum(4 + bounded(4));
            return key;
        }
        case KeyShape::Long:
            return alnum(8) +
                   text(56 + bounded(120), "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789-_"_L1) +
                   alnum(4);
        case KeyShape::PathLike:
            return u"live/"_s + alnum(16 + bounded(8));
        case KeyShape::TwitchLike:
            return u"live_"_s + digits(9) + u'_' + alnum(30);
        case KeyShape::YouTubeLike: {
            QStringList groups;
            for (int i = 0; i < 4 + bounded(2); ++i)
                groups << text(4, "abcdefghjkmnpqrstuvwxyz23456789"_L1);
            return groups.join(u'-');
        }
        }
        return alnum(20);
    }

    // What may stand in a URL's user-info part without breaking it.
    QString password() { return alnum(6) + text(6, "-._~!$*"_L1) + alnum(6); }
    QString userName() { return u"u"_s + alnum(11); }

    QString queryToken() { return alnum(12 + bounded(20)); }
    QString wowzaHash() { return text(43, "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789-_"_L1); }

private:
    QRandomGenerator m_random;
};

// One address with its secrets, as a user would give it.
struct SecretCase
{
    QString kind;
    QString url;         // "%PORT%" stands for the server's port
    QString separateKey; // the encoder's stream key box; empty when the key is in the URL
    QStringList secrets; // none may leak
    QStringList inUrl;   // the secrets typed in the URL (shown when secrets are revealed)
    QString sentKey;     // the key the publish check sends
    QString proxy;       // --proxy for the command line, with credentials; empty: none

    QString urlFor(quint16 port) const
    {
        QString text = url;
        return text.replace(u"%PORT%"_s, QString::number(port));
    }
};

SecretCase makeCase(SecretForge& forge, int index)
{
    const auto shape = SecretForge::KeyShape(index % SecretForge::kKeyShapes);
    SecretCase c;
    QString key = forge.streamKey(shape);
    const int kind = (index / SecretForge::kKeyShapes + index) % 5;
    if (shape == SecretForge::KeyShape::PathLike || kind == 1) {
        // A separate key box takes what a URL path could not carry.
        if (kind == 1 && shape != SecretForge::KeyShape::PathLike)
            key += QStringList{u"?x=1"_s, u"#frag"_s, u"&a=b"_s, u"/sub"_s}.at(forge.bounded(4));
        c.kind = u"separate-key"_s;
        c.url = u"rtmp://127.0.0.1:%PORT%/live"_s;
        c.separateKey = key;
        c.secrets << key;
        c.sentKey = key;
        return c;
    }
    c.sentKey = key;
    c.secrets << key;
    c.inUrl << key;
    switch (kind) {
    case 2: {
        static const QStringList names{u"token"_s, u"key"_s, u"auth"_s, u"secret"_s, u"sig"_s};
        const QString token = forge.queryToken();
        const QString name = names.at(forge.bounded(int(names.size())));
        c.kind = u"query-token"_s;
        c.url = u"rtmp://127.0.0.1:%PORT%/live/"_s + key + u'?' + name + u'=' + token +
                (forge.bounded(2) ? u"&auth="_s + forge.queryToken() : QString());
        const QRegularExpression values(u"=([^&]+)"_s);
        for (const QRegularExpressionMatch& match : values.globalMatch(c.url)) {
            c.secrets << match.captured(1);
            c.inUrl << match.captured(1);
        }
        return c;
    }
    case 3: {
        const QString hash = forge.wowzaHash();
        c.kind = u"wowza-token"_s;
        c.url = u"rtmp://127.0.0.1:%PORT%/live/"_s + key + u"?wowzatokenstarttime=1700000000"_s +
                u"&wowzatokenendtime=1800000000&wowzatokenhash="_s + hash;
        c.secrets << hash;
        c.inUrl << hash;
        return c;
    }
    case 4: {
        const QString user = forge.userName();
        const QString password = forge.password();
        c.kind = u"url-password"_s;
        c.url = u"rtmp://"_s + user + u':' + password + u"@127.0.0.1:%PORT%/live/"_s + key;
        c.secrets << user << password;
        c.inUrl << user << password;
        return c;
    }
    default:
        c.kind = u"stream-key"_s;
        c.url = u"rtmp://127.0.0.1:%PORT%/live/"_s + key;
        return c;
    }
}

// ---------------------------------------------------------------------------------------------
// Looking for leaks.

QString normalisedText(const QString& text)
{
    // pdftotext may give ligatures and full-width forms; NFKC folds them back.
    return text.normalized(QString::NormalizationForm_KC);
}

QString withoutWhitespace(QString text)
{
    static const QRegularExpression whitespace(u"\\s+"_s);
    return text.remove(whitespace);
}

// Each form of a secret that would give it away.
QList<std::pair<QString, QString>> leakForms(const QString& secret)
{
    QList<std::pair<QString, QString>> forms{{u"as typed"_s, secret}};
    auto add = [&](const QString& label, const QString& form) {
        if (form.size() >= 6 && form != secret &&
            std::none_of(forms.begin(), forms.end(), [&](const auto& f) { return f.second == form; }))
            forms.append({label, form});
    };
    add(u"percent-encoded"_s, QString::fromLatin1(QUrl::toPercentEncoding(secret)));
    add(u"percent-decoded"_s, QUrl::fromPercentEncoding(secret.toUtf8()));
    const QByteArray utf8 = secret.toUtf8();
    add(u"base64"_s, QString::fromLatin1(utf8.toBase64(QByteArray::OmitTrailingEquals)));
    add(u"base64url"_s,
        QString::fromLatin1(utf8.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals)));
    if (secret.size() >= 16) {
        // Any 8 characters in a row: a half-hidden key is a leaked key.
        for (qsizetype at = 0; at + 8 <= secret.size(); ++at)
            add(u"8 characters from offset %1"_s.arg(at), secret.mid(at, 8));
    }
    return forms;
}

// Where a secret shows in `text`, described; empty when it does not.
QString findLeak(const QString& text, const QStringList& secrets)
{
    const QString folded = normalisedText(text);
    const QString compact = withoutWhitespace(folded);
    for (const QString& secret : secrets) {
        for (const auto& [label, form] : leakForms(secret)) {
            for (const QString* haystack : {&folded, &compact}) {
                const qsizetype at = haystack->indexOf(form, 0, Qt::CaseInsensitive);
                if (at >= 0) {
                    return u"secret \"%1\" (%2: \"%3\") found: ...%4..."_s.arg(
                        secret, label, form,
                        haystack->mid(std::max<qsizetype>(0, at - 60), form.size() + 120));
                }
            }
        }
    }
    return {};
}

// A JSON report as text, with the base64 transcript bytes decoded into it too.
void collectJsonText(const QJsonValue& value, const QString& key, QString* out)
{
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it) {
            *out += it.key() + u'\n';
            collectJsonText(it.value(), it.key(), out);
        }
    } else if (value.isArray()) {
        for (const QJsonValue& item : value.toArray())
            collectJsonText(item, key, out);
    } else if (value.isString()) {
        *out += value.toString() + u'\n';
        if (key == u"bytes") {
            const auto decoded = QByteArray::fromBase64Encoding(value.toString().toLatin1());
            if (decoded)
                *out += QString::fromLatin1(*decoded) + u'\n';
        }
    }
}

QString jsonHaystack(const QByteArray& json)
{
    QString text = QString::fromUtf8(json);
    collectJsonText(QJsonDocument::fromJson(json).object(), {}, &text);
    return text;
}

QString pdfText(const QString& path)
{
    const test::ToolRun run = test::runTool(u"pdftotext"_s, {u"-enc"_s, u"UTF-8"_s, path, u"-"_s}, 60s);
    if (!run.finishedWith(0))
        return u"<pdftotext failed: %1>"_s.arg(run.describe());
    return QString::fromUtf8(run.standardOutput);
}

quint32 secretsSeed()
{
    bool ok = false;
    const quint32 seed = qEnvironmentVariable("RTMPDOCTOR_SECRETS_SEED").toUInt(&ok);
    return ok ? seed : QRandomGenerator::global()->generate();
}

} // namespace

class TestSecrets : public QObject
{
    Q_OBJECT

private:
    quint32 m_seed = 0;
    std::unique_ptr<test::NginxRtmpFixture> m_nginx;
    std::optional<Catalogs> m_catalogs;
    std::optional<KnowledgeBase> m_knowledge;
    QTemporaryDir m_directory;

    // Every output of one report, named, for the leak search.
    struct Outputs
    {
        QList<std::pair<QString, QString>> texts;
        void add(const QString& where, const QString& text) { texts.append({where, text}); }
    };

    static void expectNoLeak(const Outputs& outputs, const SecretCase& c)
    {
        for (const auto& [where, text] : outputs.texts) {
            const QString leak = findLeak(text, c.secrets);
            QVERIFY2(leak.isEmpty(),
                     qPrintable(u"[%1 %2] leaked in %3: %4"_s.arg(c.kind, c.url, where, leak)));
        }
    }

    static void expectShown(const QString& where, const QString& text, const QStringList& secrets)
    {
        // pdftotext joins a line that ends in '-' with the next one and drops the
        // hyphen, so a revealed key that wrapped after a '-' is compared without it.
        const auto comparable = [&](const QString& s) {
            QString compact = withoutWhitespace(s);
            if (where.contains(u"PDF"_s))
                compact.remove(u'-');
            return compact;
        };
        const QString compact = comparable(normalisedText(text));
        for (const QString& secret : secrets) {
            QVERIFY2(compact.contains(comparable(secret)),
                     qPrintable(u"%1 does not show the revealed secret \"%2\":\n%3"_s.arg(where, secret,
                                                                                          text.left(3000))));
        }
    }

    ReportModel runFlow(const SecretCase& c, Outputs* outputs)
    {
        const QString urlText = c.urlFor(m_nginx->rtmpPort());
        // The lint, as the URL page and `rtmp-doctor lint` show it.
        const IngestCheck check = checkIngest(urlText, c.separateKey, nullptr);
        outputs->add(u"lint"_s, describeIngestUrl(check.url) + describeFindings(check.findings));
        if (!check.url.isUsable()) {
            QTest::qFail(qPrintable(u"not usable: "_s + urlText), __FILE__, __LINE__);
            return {};
        }

        DiagnosticPlan::Options options;
        options.publishCheck = true;
        options.proxy.mode = ProxyMode::None;
        options.timeouts.connectMs = 1500;
        options.timeouts.readMs = 3000;
        options.timeouts.sessionMs = 30000;
        const DiagnosticPlan plan = DiagnosticPlan::fromIngestUrl(check.url, options);
        DiagnosticSession session(allProbeFactories());
        SessionRecorder recorder(&session);
        QSignalSpy finished(&session, &DiagnosticSession::finished);
        QStringList signalled;
        connect(&session, &DiagnosticSession::probeFinished, this,
                [&](const ProbeResult& result) { signalled << result.message; });
        if (!session.start(plan)) {
            QTest::qFail("the session did not start", __FILE__, __LINE__);
            return {};
        }
        if (!QTest::qWaitFor([&] { return finished.count() == 1; }, 40000)) {
            QTest::qFail("the session did not finish within 40 s", __FILE__, __LINE__);
            return {};
        }
        const QStringList secrets = ReportModel::secretsOf(check.url, plan);
        // What a front end prints of each finished probe (the CLI through the same scrubbing).
        for (const QString& message : std::as_const(signalled))
            outputs->add(u"probe message (scrubbed)"_s, scrubSecrets(message, secrets));

        DiagnosisInput input;
        input.setIngestUrl(check.url);
        input.urlFindings = check.findings;
        input.probeResults = session.results();
        input.serverFamilyId = u"nginx-rtmp"_s;
        const Diagnosis diagnosis = diagnose(*m_knowledge, input);
        outputs->add(u"diagnosis"_s, describeDiagnosis(diagnosis));

        ReportAssembly assembly;
        assembly.inputs = ReportInputs::fromIngestUrl(check.url, check.findings, plan,
                                                      m_catalogs->encoders.find(u"obs-studio"_s),
                                                      m_catalogs->servers.find(u"nginx-rtmp"_s));
        assembly.plan = plan;
        assembly.results = session.results();
        assembly.diagnosis = ReportDiagnosis::fromDiagnosis(diagnosis);
        assembly.timeline = recorder.timeline();
        assembly.startedAt = recorder.startedAt();
        assembly.finishedAt = recorder.finishedAt();
        assembly.secrets = secrets;
        return assembleReport(assembly);
    }

    // JSON, summary, session file and (when `pdf`) the PDF of `report`, redacted.
    void addReportOutputs(const ReportModel& report, const QString& name, bool pdf, Outputs* outputs)
    {
        outputs->add(u"JSON"_s, jsonHaystack(report.toJson()));
        outputs->add(u"ticket summary"_s, report.toTicketSummary());
        const QString sessionPath = m_directory.filePath(name + u".json"_s);
        const ReportFileResult saved = saveReportJson(report, sessionPath);
        QVERIFY2(saved.ok(), qPrintable(saved.message));
        const QByteArray sessionFile = fileContents(sessionPath);
        QVERIFY(!sessionFile.isEmpty());
        outputs->add(u"session file"_s, jsonHaystack(sessionFile));
        // Reopened, it stays clean (nothing hidden comes back from the placeholders).
        const ReportOpenResult reopened = openReportJson(sessionPath);
        QVERIFY2(reopened.file.ok(), qPrintable(reopened.file.message));
        outputs->add(u"reopened session summary"_s, reopened.report->toTicketSummary());
        if (pdf) {
            const QString pdfPath = m_directory.filePath(name + u".pdf"_s);
            const PdfReportResult written = writePdfReport(report, pdfPath);
            QVERIFY2(written.ok(), qPrintable(written.file.message));
            outputs->add(u"PDF text"_s, pdfText(pdfPath));
            outputs->add(u"PDF bytes"_s, QString::fromLatin1(fileContents(pdfPath)));
        }
    }

    // The reveal option shows what it promises: every secret in the JSON, the URL's in the
    // summary and the PDF.
    void expectRevealed(const ReportModel& report, const SecretCase& c, const QString& name)
    {
        const ReportOptions reveal{true};
        expectShown(u"JSON with secrets"_s, jsonHaystack(report.toJson(reveal)), c.secrets);
        if (QTest::currentTestFailed())
            return;
        expectShown(u"summary with secrets"_s, report.toTicketSummary(reveal), c.inUrl);
        if (QTest::currentTestFailed())
            return;
        const QString pdfPath = m_directory.filePath(name + u"-revealed.pdf"_s);
        const PdfReportResult written = writePdfReport(report, pdfPath, {PdfPageSize::A4, reveal});
        QVERIFY2(written.ok(), qPrintable(written.file.message));
        const QString text = pdfText(pdfPath);
        expectShown(u"PDF with secrets"_s, text, c.inUrl);
        QVERIFY(text.contains(u"Secrets included"_s));
    }

    // The report's outputs (with the PDF when `pdf`) and the log lines so far must not hold the
    // secret; when `reveal`, the report must show it where the user asked. Callers check
    // QTest::currentTestFailed() afterwards.
    void expectReportKeepsSecret(const ReportModel& report, const SecretCase& c, const QString& name,
                                 bool pdf, bool reveal, Outputs* outputs)
    {
        addReportOutputs(report, name, pdf, outputs);
        if (QTest::currentTestFailed())
            return;
        for (const QString& line : takeLogLines())
            outputs->add(u"log"_s, line);
        expectNoLeak(*outputs, c);
        if (QTest::currentTestFailed())
            return;
        if (reveal)
            expectRevealed(report, c, name);
    }

private slots:
    void initTestCase()
    {
        m_seed = secretsSeed();
        qInfo("secrets seed %u (RTMPDOCTOR_SECRETS_SEED=%u replays this run)", m_seed, m_seed);
        RD_REQUIRE_TOOL(u"pdftotext"_s);
        QVERIFY(m_directory.isValid());
        test::BuiltInData loaded = test::loadBuiltInData();
        QVERIFY2(loaded.ok(), qPrintable(loaded.error));
        m_catalogs = std::move(loaded.catalogs);
        m_knowledge = std::move(loaded.knowledge);
        m_nginx = std::make_unique<test::NginxRtmpFixture>();
        RD_START_FIXTURE(*m_nginx);
        g_previousHandler = qInstallMessageHandler(captureMessage);
    }

    void cleanupTestCase()
    {
        if (g_previousHandler != nullptr)
            qInstallMessageHandler(g_previousHandler);
    }

    // The finder itself: it must see a secret in each form it claims to look for.
    void leakFinderSeesEveryForm()
    {
        const QString key = u"Ab3%2Fxy_Z9-kLmNpQrStUv"_s;
        QVERIFY(findLeak(u"nothing here"_s, {key}).isEmpty());
        QVERIFY(!findLeak(u"key: "_s + key, {key}).isEmpty());
        QVERIFY(!findLeak(u"key: "_s + key.toLower(), {key}).isEmpty());
        QVERIFY(!findLeak(QString::fromLatin1(QUrl::toPercentEncoding(key)), {key}).isEmpty());
        QVERIFY(!findLeak(QUrl::fromPercentEncoding(key.toUtf8()), {key}).isEmpty());
        QVERIFY(!findLeak(QString::fromLatin1(key.toUtf8().toBase64()), {key}).isEmpty());
        QVERIFY(!findLeak(u"…"_s + key.mid(9, 8) + u"…"_s, {key}).isEmpty());
        QVERIFY(!findLeak(key.left(10) + u"\n"_s + key.mid(10), {key}).isEmpty());
        QVERIFY(findLeak(redactSecret(key), {key}).isEmpty());
        const QByteArray json =
            "{\"bytes\": \"" + (QByteArray("xx") + key.toUtf8() + "yy").toBase64() + "\"}";
        QVERIFY(!findLeak(jsonHaystack(json), {key}).isEmpty());
    }

    // 25 full flows against nginx-rtmp, in process.
    void fullFlowsKeepSecrets()
    {
        SecretForge forge(m_seed);
        int publishedKeys = 0;
        for (int i = 0; i < 25; ++i) {
            const SecretCase c = makeCase(forge, i);
            takeLogLines();
            Outputs outputs;
            const ReportModel report = runFlow(c, &outputs);
            if (QTest::currentTestFailed())
                return;
            expectReportKeepsSecret(report, c, u"flow-%1"_s.arg(i), i % 3 == 0, i % 5 == 1, &outputs);
            if (QTest::currentTestFailed())
                return;
            // The key did travel: nginx-rtmp logs the name it was asked to publish.
            if (m_nginx->errorLog().contains(c.sentKey))
                ++publishedKeys;
        }
        // Without the key on the wire the test would prove little.
        QVERIFY2(publishedKeys >= 20,
                 qPrintable(u"only %1 of 25 keys reached nginx-rtmp"_s.arg(publishedKeys)));
    }

    // A report whose probes quote the secret everywhere a hostile or chatty server could put it.
    void echoedSecretsAreScrubbedEverywhere()
    {
        SecretForge forge(m_seed ^ 0x5eC12E75u);
        for (int i = 0; i < 300; ++i) {
            SecretCase c = makeCase(forge, i);
            QString urlText = c.urlFor(1935);
            if (i % 4 == 0) {
                // Azure's access token in the path (the host need not resolve: nothing is sent).
                const QString token = forge.hex(32);
                c.sentKey = forge.alnum(20);
                urlText = u"rtmp://"_s + forge.hex(32) + u".channel.media.azure.net:1935/live/"_s + token +
                          u"/"_s + c.sentKey;
                c.kind = u"azure-token"_s;
                c.url = urlText;
                c.secrets = QStringList{token, c.sentKey};
                c.inUrl = c.secrets;
                c.separateKey.clear();
            }
            takeLogLines();
            const IngestCheck check = checkIngest(urlText, c.separateKey, nullptr);
            DiagnosticPlan::Options planOptions;
            planOptions.publishCheck = true;
            planOptions.proxy.mode = ProxyMode::Explicit;
            const QString proxyUser = forge.userName();
            const QString proxyPassword = forge.password();
            planOptions.proxy.explicitProxy =
                QNetworkProxy(QNetworkProxy::HttpProxy, u"127.0.0.1"_s, 3128, proxyUser, proxyPassword);
            const DiagnosticPlan plan = DiagnosticPlan::fromIngestUrl(check.url, planOptions);
            c.secrets << proxyUser << proxyPassword;
            // Everything secret in the address and the plan is known to the report, query tokens too.
            const QStringList secrets = ReportModel::secretsOf(check.url, plan);
            for (const QString& secret : std::as_const(c.secrets))
                QVERIFY2(secrets.contains(secret),
                         qPrintable(u"[%1 %2] secretsOf misses \"%3\""_s.arg(c.kind, urlText, secret)));

            // Every secret, every way a server could give it back.
            QStringList echoes;
            for (const QString& secret : std::as_const(c.secrets))
                echoes << secret << QString::fromLatin1(QUrl::toPercentEncoding(secret)) << secret.toUpper();
            const QString echo = echoes.join(u' ');
            ProbeResult result;
            result.probeId = probeids::publish(1935, Transport::PlainTcp);
            result.kind = ProbeKind::Publish;
            result.target.host = check.url.host();
            result.target.port = 1935;
            result.target.application = check.url.applicationPath();
            result.target.tcUrl = check.url.tcUrl(Redaction::RevealSecrets);
            result.target.streamKey = check.url.streamKey();
            result.status = ProbeStatus::PublishDenied;
            result.message = u"The server refused the stream: "_s + echo;
            result.steps << ProbeStep{u"publish "_s + c.sentKey, 5, 2, u"onStatus: "_s + echo};
            result.transcript << TranscriptEntry{1, TranscriptDirection::Sent, u"publish("_s + echo + u')',
                                                 QByteArray("\x02\x00\x07publish") + echo.toUtf8()};
            result.transcript << TranscriptEntry{2, TranscriptDirection::Received, echo, echo.toUtf8()};
            result.facts.insert(u"description"_s, echo);
            result.facts.insert(u"names"_s, QVariantList{echo, QVariantMap{{c.sentKey, echo}}});
            result.facts.insert(c.sentKey, 1);

            DiagnosisInput input;
            input.setIngestUrl(check.url);
            input.urlFindings = check.findings;
            input.probeResults = {result};
            input.secrets = secrets;
            const QString pasted = u"Failed to connect to "_s + urlText + u" key="_s + echo;
            input.errorMatches = m_knowledge->matcher().match(pasted).matches;
            const Diagnosis diagnosis = diagnose(*m_knowledge, input);

            ReportAssembly assembly;
            assembly.inputs = ReportInputs::fromIngestUrl(check.url, check.findings, plan, nullptr, nullptr);
            assembly.inputs.pastedErrorText = pasted;
            assembly.plan = plan;
            assembly.results = {result};
            assembly.diagnosis = ReportDiagnosis::fromDiagnosis(diagnosis);
            assembly.timeline << TimelineEvent{0, TimelineEventKind::Note, {}, u"Re-test after "_s + echo};
            assembly.answers.insert(u"symptom"_s, {echo});
            assembly.walkthrough << WalkthroughEntry{
                u"remedy-"_s + c.sentKey, 0, false, {result}, QDateTime::currentDateTimeUtc()};
            assembly.secrets = secrets;
            const ReportModel report = assembleReport(assembly);

            Outputs outputs;
            outputs.add(u"lint"_s, describeIngestUrl(check.url) + describeFindings(check.findings));
            outputs.add(u"scrubbed log line"_s, scrubSecrets(u"probe says "_s + echo, secrets));
            outputs.add(u"hidden text"_s, hideSecretsInText(pasted, secrets));
            outputs.add(u"diagnosis"_s, describeDiagnosis(diagnosis));
            expectReportKeepsSecret(report, c, u"echo-%1"_s.arg(i), i % 25 == 0, i % 50 == 7, &outputs);
            if (QTest::currentTestFailed())
                return;
        }
    }

    // The command line a user or a script runs: stdout, stderr, the JSON and the PDF.
    void commandLineKeepsSecrets()
    {
        if (!QFileInfo::exists(test::doctorExecutable()))
            QFAIL(qPrintable(u"%1 is not built"_s.arg(test::doctorExecutable())));
        SecretForge forge(m_seed ^ 0xC11u);
        const quint16 deadProxyPort = test::FreePort::pick();
        for (int i = 0; i < 7; ++i) {
            SecretCase c = makeCase(forge, i * 3 + 1);
            QStringList arguments{u"check"_s, u"--timeout"_s, u"20"_s, u"--publish"_s, u"--summary"_s};
            if (i == 2 || i == 5) {
                const QString user = forge.userName();
                const QString password = forge.password();
                c.proxy = u"http://%1:%2@127.0.0.1:%3"_s.arg(user, password).arg(deadProxyPort);
                c.secrets << user << password;
            }
            arguments << u"--proxy"_s << (c.proxy.isEmpty() ? u"none"_s : c.proxy);
            if (!c.separateKey.isEmpty())
                arguments << u"--key"_s << c.separateKey;
            const bool reveal = i == 6;
            if (reveal)
                arguments << u"--reveal-secrets"_s;
            const QString json = m_directory.filePath(u"cli-%1.json"_s.arg(i));
            const QString pdf = m_directory.filePath(u"cli-%1.pdf"_s.arg(i));
            arguments << u"--json"_s << json << u"--pdf"_s << pdf << c.urlFor(m_nginx->rtmpPort());

            const CliRun run = test::runDoctor(arguments, 90s);
            const QString described = u"[%1] exit %2\n--- stdout:\n%3\n--- stderr:\n%4"_s.arg(c.kind)
                                          .arg(run.exitCode)
                                          .arg(run.out.left(3000), run.err.left(3000));
            QVERIFY2(run.exited() && (run.exitCode == 0 || run.exitCode == 1), qPrintable(described));
            QVERIFY2(run.out.startsWith(u"# RTMP Doctor report: "_s), qPrintable(described));
            if (reveal) {
                expectShown(u"check --reveal-secrets stdout"_s, run.out, c.inUrl);
                expectShown(u"check --reveal-secrets JSON"_s, jsonHaystack(fileContents(json)), c.secrets);
                expectShown(u"check --reveal-secrets PDF"_s, pdfText(pdf), c.inUrl);
                continue;
            }
            Outputs outputs;
            outputs.add(u"stdout"_s, run.out);
            outputs.add(u"stderr"_s, run.err);
            outputs.add(u"JSON file"_s, jsonHaystack(fileContents(json)));
            outputs.add(u"PDF text"_s, pdfText(pdf));
            const CliRun reopened = test::runDoctor({u"report"_s, json, u"--summary"_s}, 90s);
            QVERIFY2(reopened.exited() && reopened.exitCode == 0, qPrintable(reopened.err));
            outputs.add(u"report --summary"_s, reopened.out + reopened.err);
            expectNoLeak(outputs, c);
            if (QTest::currentTestFailed())
                return;
        }
    }
};

QTEST_MAIN(TestSecrets)
#include "tst_secrets.moc"
