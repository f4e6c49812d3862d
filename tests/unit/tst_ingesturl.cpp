#include "url/ingesturl.h"
#include "url/urlreport.h"

#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSet>
#include <QTest>

#include <functional>

using namespace rd;
using namespace Qt::StringLiterals;

namespace {

// What a row expects the parser to have understood.
struct Parsed
{
    Scheme scheme = Scheme::Unknown;
    QString host;
    int port = 0;
    QString application;
    QString instance;
    QString streamKey;
    QString tcUrl; // with secrets revealed, so the row shows the exact text
    bool usable = false;
};

UrlParseOptions appOnly()
{
    UrlParseOptions options;
    options.layout = PathLayout::AppOnly;
    return options;
}

UrlParseOptions withKey(const QString& key, PathLayout layout = PathLayout::AppThenStream)
{
    UrlParseOptions options;
    options.separateStreamKey = key;
    options.layout = layout;
    return options;
}

UrlParseOptions keyOptional()
{
    UrlParseOptions options;
    options.streamKeyRequired = false;
    return options;
}

QStringList sortedIds(const QList<UrlLintCode>& codes)
{
    QStringList ids;
    for (UrlLintCode code : codes)
        ids << lintCodeId(code);
    ids.sort();
    return ids;
}

QStringList sortedIds(const QList<UrlFinding>& findings)
{
    QStringList ids;
    for (const UrlFinding& finding : findings)
        ids << lintCodeId(finding.code);
    ids.sort();
    return ids;
}

// A usable URL with the usual parts.
Parsed ok(Scheme scheme, const QString& host, int port, const QString& application, const QString& instance,
          const QString& streamKey, const QString& tcUrl)
{
    return Parsed{scheme, host, port, application, instance, streamKey, tcUrl, true};
}

// A URL a probe cannot use: no tcUrl.
Parsed unusable(Scheme scheme, const QString& host, int port, const QString& application,
                const QString& instance, const QString& streamKey)
{
    return Parsed{scheme, host, port, application, instance, streamKey, QString(), false};
}

void row(const char* name, const QString& input, const QList<UrlLintCode>& codes, const Parsed& parsed,
         const UrlParseOptions& options = {})
{
    QTest::newRow(name) << input << options << sortedIds(codes) << parsed;
}

const QString kKey = u"k3yAbc123XYZ"_s;

} // namespace

Q_DECLARE_METATYPE(rd::UrlParseOptions)
Q_DECLARE_METATYPE(Parsed)
Q_DECLARE_METATYPE(rd::UrlLintCode)
Q_DECLARE_METATYPE(rd::UrlField)
Q_DECLARE_METATYPE(rd::Severity)

class TestIngestUrl : public QObject
{
    Q_OBJECT

private slots:
    void schemeFacts();
    void lintCodeIdsAreStableKebabCase();
    void parse_data();
    void parse();
    void spans_data();
    void spans();
    void hostForms();
    void hostileInputStaysBounded();
    void randomGarbageKeepsInvariants();
    void secretsNeverLeakWhenRedacted();
    void redactSecretHidesEverything();
    void queryRedaction();
    void flashFallbackSequenceFollowsTheSeed();
    void withTransportReparses();
    void describeIngestUrlSummarises();
    void describeFindingsListsOneLineEach();
};

void TestIngestUrl::schemeFacts()
{
    QCOMPARE(schemeName(Scheme::Rtmp), u"rtmp"_s);
    QCOMPARE(schemeName(Scheme::Rtmpts), u"rtmpts"_s);
    QCOMPARE(schemeName(Scheme::Unknown), QString());
    QCOMPARE(schemeFromName(u"RTMPS"), Scheme::Rtmps);
    QCOMPARE(schemeFromName(u"rtmpte"), Scheme::Rtmpte);
    QCOMPARE(schemeFromName(u"http"), Scheme::Unknown);

    QCOMPARE(defaultPort(Scheme::Rtmp), quint16(1935));
    QCOMPARE(defaultPort(Scheme::Rtmps), quint16(443));
    QCOMPARE(defaultPort(Scheme::Rtmpt), quint16(80));
    QCOMPARE(defaultPort(Scheme::Rtmpts), quint16(443));
    QCOMPARE(defaultPort(Scheme::Rtmpe), quint16(1935));
    QCOMPARE(defaultPort(Scheme::Rtmpte), quint16(80));
    QCOMPARE(defaultPort(Scheme::Unknown), quint16(0));

    QVERIFY(usesTls(Scheme::Rtmps) && usesTls(Scheme::Rtmpts));
    QVERIFY(!usesTls(Scheme::Rtmp) && !usesTls(Scheme::Rtmpt) && !usesTls(Scheme::Rtmpe));
    QVERIFY(usesHttpTunnel(Scheme::Rtmpt) && usesHttpTunnel(Scheme::Rtmpts) &&
            usesHttpTunnel(Scheme::Rtmpte));
    QVERIFY(!usesHttpTunnel(Scheme::Rtmp) && !usesHttpTunnel(Scheme::Rtmps));
    QVERIFY(!isSupportedForIngest(Scheme::Rtmpe) && !isSupportedForIngest(Scheme::Rtmpte));
}

void TestIngestUrl::lintCodeIdsAreStableKebabCase()
{
    const QRegularExpression kebab(u"^[a-z0-9]+(-[a-z0-9]+)*$"_s);
    QSet<QString> seen;
    const QList<UrlLintCode> codes = allUrlLintCodes();
    QCOMPARE(codes.size(), qsizetype(UrlLintCode::EncoderCannotUseScheme) + 1);
    for (UrlLintCode code : codes) {
        const QString id = lintCodeId(code);
        QVERIFY2(kebab.match(id).hasMatch(), qPrintable(id));
        QVERIFY2(!seen.contains(id), qPrintable(id));
        seen.insert(id);
        QCOMPARE(lintCodeFromId(id), std::optional<UrlLintCode>(code));
    }
    // Knowledge-base rules match on these exact ids.
    QCOMPARE(lintCodeId(UrlLintCode::MissingStreamKey), u"missing-stream-key"_s);
    QCOMPARE(lintCodeId(UrlLintCode::AzureServiceRetired), u"azure-service-retired"_s);
    QCOMPARE(lintCodeId(UrlLintCode::EncoderCannotUseScheme), u"encoder-cannot-use-scheme"_s);
    QCOMPARE(lintCodeId(UrlLintCode::LeadingOrTrailingWhitespace), u"leading-or-trailing-whitespace"_s);
    QVERIFY(!lintCodeFromId(u"no-such-rule").has_value());
}

void TestIngestUrl::parse_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<UrlParseOptions>("options");
    QTest::addColumn<QStringList>("codes");
    QTest::addColumn<Parsed>("parsed");

    using C = UrlLintCode;
    const Scheme rtmp = Scheme::Rtmp;

    // --- well-formed publishing URLs ------------------------------------------------------------
    row("rtmp app/key", u"rtmp://live.example.com/app/"_s + kKey, {},
        ok(rtmp, u"live.example.com"_s, 1935, u"app"_s, {}, kKey, u"rtmp://live.example.com/app"_s));
    row("upper-case scheme and host", u"RTMP://Live.Example.COM/app/"_s + kKey, {},
        ok(rtmp, u"Live.Example.COM"_s, 1935, u"app"_s, {}, kKey, u"rtmp://live.example.com/app"_s));
    row("rtmps default port 443", u"rtmps://live.example.com/app/"_s + kKey, {},
        ok(Scheme::Rtmps, u"live.example.com"_s, 443, u"app"_s, {}, kKey, u"rtmps://live.example.com/app"_s));
    row("rtmps explicit 443", u"rtmps://live-api-s.facebook.com:443/rtmp/FB-1234-0-AbCdEf"_s, {},
        ok(Scheme::Rtmps, u"live-api-s.facebook.com"_s, 443, u"rtmp"_s, {}, u"FB-1234-0-AbCdEf"_s,
           u"rtmps://live-api-s.facebook.com:443/rtmp"_s));
    row("rtmpt default port 80", u"rtmpt://myserver/live/"_s + kKey, {},
        ok(Scheme::Rtmpt, u"myserver"_s, 80, u"live"_s, {}, kKey, u"rtmpt://myserver/live"_s));
    row("rtmpts default port 443", u"rtmpts://myserver/live/"_s + kKey, {},
        ok(Scheme::Rtmpts, u"myserver"_s, 443, u"live"_s, {}, kKey, u"rtmpts://myserver/live"_s));
    row("rtmpt on 1935 is fine", u"rtmpt://myserver:1935/live/"_s + kKey, {},
        ok(Scheme::Rtmpt, u"myserver"_s, 1935, u"live"_s, {}, kKey, u"rtmpt://myserver:1935/live"_s));
    row("ipv4", u"rtmp://192.0.2.10:1935/live/"_s + kKey, {},
        ok(rtmp, u"192.0.2.10"_s, 1935, u"live"_s, {}, kKey, u"rtmp://192.0.2.10:1935/live"_s));
    row("ipv6 with port", u"rtmp://[2001:db8::1]:1935/live/"_s + kKey, {},
        ok(rtmp, u"2001:db8::1"_s, 1935, u"live"_s, {}, kKey, u"rtmp://[2001:db8::1]:1935/live"_s));
    row("ipv6 loopback", u"rtmp://[::1]/live/"_s + kKey, {},
        ok(rtmp, u"::1"_s, 1935, u"live"_s, {}, kKey, u"rtmp://[::1]/live"_s));
    row("idn host", u"rtmp://bücher.example/live/"_s + kKey, {},
        ok(rtmp, u"bücher.example"_s, 1935, u"live"_s, {}, kKey, u"rtmp://xn--bcher-kva.example/live"_s));
    row("app with instance", u"rtmp://host.example/live/sub/"_s + kKey, {},
        ok(rtmp, u"host.example"_s, 1935, u"live"_s, u"sub"_s, kKey, u"rtmp://host.example/live/sub"_s));
    row("query kept apart", u"rtmp://host.example/live/"_s + kKey + u"?token=abc&x=1"_s, {},
        ok(rtmp, u"host.example"_s, 1935, u"live"_s, {}, kKey, u"rtmp://host.example/live"_s));
    row("empty query", u"rtmp://host.example/live/"_s + kKey + u"?"_s, {},
        ok(rtmp, u"host.example"_s, 1935, u"live"_s, {}, kKey, u"rtmp://host.example/live"_s));
    row("fqdn trailing dot", u"rtmp://live.example.com./app/"_s + kKey, {},
        ok(rtmp, u"live.example.com."_s, 1935, u"app"_s, {}, kKey, u"rtmp://live.example.com/app"_s));
    row("localhost with port", u"rtmp://localhost:1935/live/"_s + kKey, {},
        ok(rtmp, u"localhost"_s, 1935, u"live"_s, {}, kKey, u"rtmp://localhost:1935/live"_s));
    row("underscore host", u"rtmp://my_server.lan/live/"_s + kKey, {},
        ok(rtmp, u"my_server.lan"_s, 1935, u"live"_s, {}, kKey, u"rtmp://my_server.lan/live"_s));
    row("highest port", u"rtmp://host.example:65535/live/"_s + kKey, {},
        ok(rtmp, u"host.example"_s, 65535, u"live"_s, {}, kKey, u"rtmp://host.example:65535/live"_s));
    row("port with leading zero", u"rtmp://host.example:01935/live/"_s + kKey, {},
        ok(rtmp, u"host.example"_s, 1935, u"live"_s, {}, kKey, u"rtmp://host.example:1935/live"_s));
    row("rtmp on port 80", u"rtmp://myserver:80/live/"_s + kKey, {},
        ok(rtmp, u"myserver"_s, 80, u"live"_s, {}, kKey, u"rtmp://myserver:80/live"_s));

    // --- stream key present or not -------------------------------------------------------------
    row("trailing slash, no key", u"rtmp://host.example/live/"_s, {C::MissingStreamKey},
        ok(rtmp, u"host.example"_s, 1935, u"live"_s, {}, {}, u"rtmp://host.example/live"_s));
    row("app only, no key", u"rtmp://host.example/live"_s, {C::MissingStreamKey},
        ok(rtmp, u"host.example"_s, 1935, u"live"_s, {}, {}, u"rtmp://host.example/live"_s));
    row("no path at all", u"rtmp://host.example"_s, {C::MissingApplication, C::MissingStreamKey},
        ok(rtmp, u"host.example"_s, 1935, {}, {}, {}, u"rtmp://host.example/"_s));
    row("key not required", u"rtmp://host.example/live"_s, {},
        ok(rtmp, u"host.example"_s, 1935, u"live"_s, {}, {}, u"rtmp://host.example/live"_s), keyOptional());
    row("no app, key not required", u"rtmp://host.example/"_s, {C::MissingApplication},
        ok(rtmp, u"host.example"_s, 1935, {}, {}, {}, u"rtmp://host.example/"_s), keyOptional());

    // --- AVChat (seed 003): connection string and the Flash port sequence -----------------------
    row("avchat connection string", u"rtmp://myserver/avchat30/_definst_"_s, {C::FlashPortFallback},
        ok(rtmp, u"myserver"_s, 1935, u"avchat30"_s, u"_definst_"_s, {},
           u"rtmp://myserver/avchat30/_definst_"_s),
        appOnly());
    row("flash 1 rtmp 1935", u"rtmp://myserver:1935/avchat30/_definst_"_s, {},
        ok(rtmp, u"myserver"_s, 1935, u"avchat30"_s, u"_definst_"_s, {},
           u"rtmp://myserver:1935/avchat30/_definst_"_s),
        appOnly());
    row("flash 2 rtmp 443", u"rtmp://myserver:443/avchat30/_definst_"_s, {C::PlainSchemeOnTlsPort},
        ok(rtmp, u"myserver"_s, 443, u"avchat30"_s, u"_definst_"_s, {},
           u"rtmp://myserver:443/avchat30/_definst_"_s),
        appOnly());
    row("flash 3 rtmp 80", u"rtmp://myserver:80/avchat30/_definst_"_s, {},
        ok(rtmp, u"myserver"_s, 80, u"avchat30"_s, u"_definst_"_s, {},
           u"rtmp://myserver:80/avchat30/_definst_"_s),
        appOnly());
    row("flash 4 rtmpt 80", u"rtmpt://myserver:80/avchat30/_definst_"_s, {},
        ok(Scheme::Rtmpt, u"myserver"_s, 80, u"avchat30"_s, u"_definst_"_s, {},
           u"rtmpt://myserver:80/avchat30/_definst_"_s),
        appOnly());
    row("avchat string in a publishing encoder", u"rtmp://myserver/avchat30/_definst_"_s,
        {C::MissingStreamKey},
        ok(rtmp, u"myserver"_s, 1935, u"avchat30"_s, u"_definst_"_s, {},
           u"rtmp://myserver/avchat30/_definst_"_s));
    row("avchat without instance", u"rtmp://myserver/avchat30"_s, {C::FlashPortFallback},
        ok(rtmp, u"myserver"_s, 1935, u"avchat30"_s, {}, {}, u"rtmp://myserver/avchat30"_s), appOnly());
    row("avchat without application", u"rtmp://myserver"_s, {C::MissingApplication, C::FlashPortFallback},
        ok(rtmp, u"myserver"_s, 1935, {}, {}, {}, u"rtmp://myserver/"_s), appOnly());
    row("avchat rtmps has no flash fallback", u"rtmps://myserver/avchat30/_definst_"_s, {},
        ok(Scheme::Rtmps, u"myserver"_s, 443, u"avchat30"_s, u"_definst_"_s, {},
           u"rtmps://myserver/avchat30/_definst_"_s),
        appOnly());

    // --- schemes ---------------------------------------------------------------------------------
    row("missing scheme", u"live.example.com/app/"_s + kKey, {C::MissingScheme},
        unusable(Scheme::Unknown, u"live.example.com"_s, 0, u"app"_s, {}, kKey));
    row("missing scheme with port", u"localhost:1935/live/"_s + kKey, {C::MissingScheme},
        unusable(Scheme::Unknown, u"localhost"_s, 1935, u"live"_s, {}, kKey));
    row("missing scheme, slashes kept", u"//host.example/live/"_s + kKey, {C::MissingScheme},
        unusable(Scheme::Unknown, u"host.example"_s, 0, u"live"_s, {}, kKey));
    row("http", u"http://live.example.com/app/"_s + kKey, {C::UnknownScheme},
        unusable(Scheme::Unknown, u"live.example.com"_s, 0, u"app"_s, {}, kKey));
    row("https page", u"https://studio.youtube.com/"_s,
        {C::UnknownScheme, C::MissingApplication, C::MissingStreamKey},
        unusable(Scheme::Unknown, u"studio.youtube.com"_s, 0, {}, {}, {}));
    row("srt", u"srt://ingest.example.com:9000?streamid=abc"_s,
        {C::UnknownScheme, C::MissingApplication, C::MissingStreamKey},
        unusable(Scheme::Unknown, u"ingest.example.com"_s, 9000, {}, {}, {}));
    row("made-up scheme", u"foo://host.example/live/"_s + kKey, {C::UnknownScheme},
        unusable(Scheme::Unknown, u"host.example"_s, 0, u"live"_s, {}, kKey));
    row("rtmpe", u"rtmpe://host.example/live/"_s + kKey, {C::UnsupportedRtmpe},
        unusable(Scheme::Rtmpe, u"host.example"_s, 1935, u"live"_s, {}, kKey));
    row("rtmpte", u"rtmpte://host.example/live/"_s + kKey, {C::UnsupportedRtmpe},
        unusable(Scheme::Rtmpte, u"host.example"_s, 80, u"live"_s, {}, kKey));
    row("one slash after scheme", u"rtmp:/host.example/live/"_s + kKey, {C::MalformedSchemeSeparator},
        ok(rtmp, u"host.example"_s, 1935, u"live"_s, {}, kKey, u"rtmp://host.example/live"_s));
    row("no slash after scheme", u"rtmp:host.example/live/"_s + kKey, {C::MalformedSchemeSeparator},
        ok(rtmp, u"host.example"_s, 1935, u"live"_s, {}, kKey, u"rtmp://host.example/live"_s));
    row("scheme typed twice", u"rtmp://rtmp://host.example/live/"_s + kKey, {C::NestedUrl},
        ok(rtmp, u"host.example"_s, 1935, u"live"_s, {}, kKey, u"rtmp://host.example/live"_s));
    row("two urls pasted", u"rtmp://host.example/live/"_s + kKey + u"rtmp://host.example/live/"_s + kKey,
        {C::NestedUrl},
        ok(rtmp, u"host.example"_s, 1935, u"live"_s, {}, kKey, u"rtmp://host.example/live"_s));
    row("two urls with a space",
        u"rtmp://host.example/live/"_s + kKey + u" rtmps://host.example/live/"_s + kKey,
        {C::NestedUrl, C::WhitespaceInside},
        ok(rtmp, u"host.example"_s, 1935, u"live"_s, {}, kKey + u' ', u"rtmp://host.example/live"_s));
    row("odd scheme in path", u"rtmp://host.example/live/ab://"_s + kKey, {C::NestedUrl, C::EmptyPathSegment},
        ok(rtmp, u"host.example"_s, 1935, u"live"_s, u"ab:"_s, kKey, u"rtmp://host.example/live/ab:"_s));

    // --- what copy and paste brings along ------------------------------------------------------
    const Parsed clean =
        ok(rtmp, u"host.example"_s, 1935, u"live"_s, {}, kKey, u"rtmp://host.example/live"_s);
    row("spaces around", u"  rtmp://host.example/live/"_s + kKey + u"  "_s, {C::LeadingOrTrailingWhitespace},
        clean);
    row("trailing newline", u"rtmp://host.example/live/"_s + kKey + u"\n"_s, {C::LeadingOrTrailingWhitespace},
        clean);
    row("straight quotes", u"\"rtmp://host.example/live/"_s + kKey + u"\""_s, {C::Quotes}, clean);
    row("curly quotes", u"“rtmp://host.example/live/"_s + kKey + u"”"_s, {C::Quotes}, clean);
    row("single quotes and spaces", u" 'rtmp://host.example/live/"_s + kKey + u"' "_s,
        {C::Quotes, C::LeadingOrTrailingWhitespace}, clean);
    row("angle-bracket link", u"<rtmp://host.example/live/"_s + kKey + u">"_s, {C::Quotes}, clean);
    row("byte-order mark in front", u"\uFEFFrtmp://host.example/live/"_s + kKey, {C::InvisibleCharacter},
        clean);
    row("line break before key", u"rtmp://host.example/live\n"_s + kKey, {C::LineBreak}, clean);
    row("crlf between app and key", u"rtmp://host.example/live/\r\n"_s + kKey, {C::LineBreak}, clean);
    row("line break after host", u"rtmp://host.example\nlive/"_s + kKey, {C::LineBreak}, clean);
    row("line separator inside key", u"rtmp://host.example/live/k3y\u2028Abc"_s, {C::LineBreak},
        ok(rtmp, u"host.example"_s, 1935, u"live"_s, u"k3y"_s, u"Abc"_s, u"rtmp://host.example/live/k3y"_s));
    row("nul inside key", QString(u"rtmp://host.example/live/k3y\0Abc"_s), {C::ControlCharacter},
        ok(rtmp, u"host.example"_s, 1935, u"live"_s, {}, QString(u"k3y\0Abc"_s),
           u"rtmp://host.example/live"_s));
    row("escape character", u"rtmp://host.example/live/k3y\u001BAbc"_s, {C::ControlCharacter},
        ok(rtmp, u"host.example"_s, 1935, u"live"_s, {}, u"k3y\u001BAbc"_s, u"rtmp://host.example/live"_s));
    row("lone surrogate", u"rtmp://host.example/live/k3y"_s + QChar(0xD800), {C::ControlCharacter},
        ok(rtmp, u"host.example"_s, 1935, u"live"_s, {}, u"k3y"_s + QChar(0xD800),
           u"rtmp://host.example/live"_s));
    row("tab inside", u"rtmp://host.example/live/\t"_s + kKey, {C::WhitespaceInside},
        ok(rtmp, u"host.example"_s, 1935, u"live"_s, {}, u"\t"_s + kKey, u"rtmp://host.example/live"_s));
    row("space inside key", u"rtmp://host.example/live/ "_s + kKey, {C::WhitespaceInside},
        ok(rtmp, u"host.example"_s, 1935, u"live"_s, {}, u" "_s + kKey, u"rtmp://host.example/live"_s));
    row("no-break space inside", u"rtmp://host.example/live/k3y\u00A0Abc"_s, {C::WhitespaceInside},
        ok(rtmp, u"host.example"_s, 1935, u"live"_s, {}, u"k3y\u00A0Abc"_s, u"rtmp://host.example/live"_s));
    row("zero-width space in host", u"rtmp://host\u200B.example/live/"_s + kKey, {C::InvisibleCharacter},
        unusable(rtmp, u"host\u200B.example"_s, 1935, u"live"_s, {}, kKey));
    row("placeholder in brackets", u"rtmp://host.example/live/<stream key>"_s,
        {C::Placeholder, C::WhitespaceInside},
        ok(rtmp, u"host.example"_s, 1935, u"live"_s, {}, u"<stream key>"_s, u"rtmp://host.example/live"_s));
    row("placeholder word", u"rtmp://host.example/live/YOUR_STREAM_KEY"_s, {C::Placeholder},
        ok(rtmp, u"host.example"_s, 1935, u"live"_s, {}, u"YOUR_STREAM_KEY"_s,
           u"rtmp://host.example/live"_s));
    row("placeholder xxxx", u"rtmp://host.example/live/xxxx-xxxx-xxxx"_s, {C::Placeholder},
        ok(rtmp, u"host.example"_s, 1935, u"live"_s, {}, u"xxxx-xxxx-xxxx"_s, u"rtmp://host.example/live"_s));
    row("cyrillic look-alike in key", u"rtmp://host.example/live/k3y\u0435bc"_s, {C::NonAsciiCharacter},
        ok(rtmp, u"host.example"_s, 1935, u"live"_s, {}, u"k3y\u0435bc"_s, u"rtmp://host.example/live"_s));

    // --- host and port -------------------------------------------------------------------------
    row("lone scheme", u"rtmp://"_s, {C::MissingHost, C::MissingApplication, C::MissingStreamKey},
        unusable(rtmp, {}, 1935, {}, {}, {}));
    row("three slashes", u"rtmp:///app"_s, {C::MissingHost, C::MissingStreamKey},
        unusable(rtmp, {}, 1935, u"app"_s, {}, {}));
    row("port without host", u"rtmp://:1935/live/"_s + kKey, {C::MissingHost},
        unusable(rtmp, {}, 1935, u"live"_s, {}, kKey));
    row("unclosed ipv6 bracket", u"rtmp://[::1"_s,
        {C::InvalidHost, C::MissingApplication, C::MissingStreamKey},
        unusable(rtmp, u"::1"_s, 1935, {}, {}, {}));
    row("unclosed bracket with path", u"rtmp://[::1/live/"_s + kKey, {C::InvalidHost},
        unusable(rtmp, u"::1"_s, 1935, u"live"_s, {}, kKey));
    row("not ipv6 in brackets", u"rtmp://[not-ipv6]/live/"_s + kKey, {C::InvalidHost},
        unusable(rtmp, u"not-ipv6"_s, 1935, u"live"_s, {}, kKey));
    row("text after ipv6 bracket", u"rtmp://[::1]x/live/"_s + kKey, {C::InvalidHost},
        unusable(rtmp, u"::1"_s, 1935, u"live"_s, {}, kKey));
    row("ipv6 without brackets", u"rtmp://2001:db8::1/live/"_s + kKey, {C::InvalidHost},
        unusable(rtmp, u"2001:db8::1"_s, 1935, u"live"_s, {}, kKey));
    row("ipv4 out of range", u"rtmp://999.1.1.1/live/"_s + kKey, {C::InvalidHost},
        unusable(rtmp, u"999.1.1.1"_s, 1935, u"live"_s, {}, kKey));
    row("ipv4 three parts", u"rtmp://10.0.1/live/"_s + kKey, {C::InvalidHost},
        unusable(rtmp, u"10.0.1"_s, 1935, u"live"_s, {}, kKey));
    row("port as host", u"rtmp://1935/live/"_s + kKey, {C::InvalidHost},
        unusable(rtmp, u"1935"_s, 1935, u"live"_s, {}, kKey));
    row("emoji host", u"rtmp://🎥/live/"_s + kKey, {C::InvalidHost},
        unusable(rtmp, u"🎥"_s, 1935, u"live"_s, {}, kKey));
    row("emoji label", u"rtmp://🎥.example.com/live/"_s + kKey, {C::InvalidHost},
        unusable(rtmp, u"🎥.example.com"_s, 1935, u"live"_s, {}, kKey));
    row("two dots", u"rtmp://host..example/live/"_s + kKey, {C::InvalidHost},
        unusable(rtmp, u"host..example"_s, 1935, u"live"_s, {}, kKey));
    row("leading hyphen", u"rtmp://-host.example/live/"_s + kKey, {C::InvalidHost},
        unusable(rtmp, u"-host.example"_s, 1935, u"live"_s, {}, kKey));
    row("slash-less comma host", u"rtmp://host,example/live/"_s + kKey, {C::InvalidHost},
        unusable(rtmp, u"host,example"_s, 1935, u"live"_s, {}, kKey));
    const QString longLabel(64, u'a');
    row("label of 64 characters", u"rtmp://"_s + longLabel + u".example/live/"_s + kKey, {C::InvalidHost},
        unusable(rtmp, longLabel + u".example"_s, 1935, u"live"_s, {}, kKey));
    row("colon without port", u"rtmp://host.example:/live/"_s + kKey, {C::InvalidPort},
        unusable(rtmp, u"host.example"_s, 1935, u"live"_s, {}, kKey));
    row("port not a number", u"rtmp://host.example:abc/live/"_s + kKey, {C::InvalidPort},
        unusable(rtmp, u"host.example"_s, 1935, u"live"_s, {}, kKey));
    row("port zero", u"rtmp://host.example:0/live/"_s + kKey, {C::PortOutOfRange},
        unusable(rtmp, u"host.example"_s, 1935, u"live"_s, {}, kKey));
    row("port 65536", u"rtmp://host.example:65536/live/"_s + kKey, {C::PortOutOfRange},
        unusable(rtmp, u"host.example"_s, 1935, u"live"_s, {}, kKey));
    row("port of twenty digits", u"rtmp://host.example:99999999999999999999/live/"_s + kKey,
        {C::PortOutOfRange}, unusable(rtmp, u"host.example"_s, 1935, u"live"_s, {}, kKey));
    row("space in port", u"rtmp://host.example:19 35/live/"_s + kKey, {C::WhitespaceInside, C::InvalidPort},
        unusable(rtmp, u"host.example"_s, 1935, u"live"_s, {}, kKey));
    row("credentials", u"rtmp://user:s3cretPass@host.example/live/"_s + kKey, {C::CredentialsInUrl}, clean);

    // --- path and key mistakes -----------------------------------------------------------------
    row("double slash in path", u"rtmp://host.example/live//"_s + kKey, {C::EmptyPathSegment}, clean);
    row("key twice with slash", u"rtmp://host.example/live/"_s + kKey + u"/"_s + kKey, {C::StreamKeyRepeated},
        clean);
    row("key twice without slash", u"rtmp://host.example/live/"_s + kKey + kKey, {C::StreamKeyRepeated},
        clean);
    row("separate key", u"rtmp://host.example/live"_s, {}, clean, withKey(kKey));
    row("separate key, url with trailing slash", u"rtmp://host.example/live/"_s, {}, clean, withKey(kKey));
    row("separate key also at end of url", u"rtmp://host.example/live/"_s + kKey, {C::StreamKeyRepeated},
        clean, withKey(kKey));
    row("separate key pasted twice", u"rtmp://host.example/live"_s, {C::StreamKeyRepeated}, clean,
        withKey(kKey + kKey));
    row("separate key with spaces", u"rtmp://host.example/live"_s, {C::LeadingOrTrailingWhitespace}, clean,
        withKey(u" "_s + kKey + u"\t"_s));
    row("separate key in quotes", u"rtmp://host.example/live"_s, {C::Quotes}, clean,
        withKey(u"\""_s + kKey + u"\""_s));
    row("separate key only spaces", u"rtmp://host.example/live"_s, {C::MissingStreamKey},
        ok(rtmp, u"host.example"_s, 1935, u"live"_s, {}, {}, u"rtmp://host.example/live"_s),
        withKey(u"   "_s));
    row("url in the key box", u"rtmp://host.example/live"_s, {C::StreamKeyLooksLikeUrl},
        ok(rtmp, u"host.example"_s, 1935, u"live"_s, {}, u"rtmp://host.example/live/"_s + kKey,
           u"rtmp://host.example/live"_s),
        withKey(u"rtmp://host.example/live/"_s + kKey));
    row("separate key placeholder", u"rtmp://host.example/live"_s, {C::Placeholder},
        ok(rtmp, u"host.example"_s, 1935, u"live"_s, {}, u"stream-key"_s, u"rtmp://host.example/live"_s),
        withKey(u"stream-key"_s));
    row("separate key, whole path is the app", u"rtmp://host.example/live/sub"_s, {},
        ok(rtmp, u"host.example"_s, 1935, u"live"_s, u"sub"_s, kKey, u"rtmp://host.example/live/sub"_s),
        withKey(kKey));
    row("separate key, no app", u"rtmp://host.example"_s, {C::MissingApplication},
        ok(rtmp, u"host.example"_s, 1935, {}, {}, kKey, u"rtmp://host.example/"_s), withKey(kKey));

    // --- scheme and port that do not belong together -----------------------------------------
    row("rtmps on 1935", u"rtmps://host.example:1935/live/"_s + kKey, {C::TlsSchemeOnPlainPort},
        ok(Scheme::Rtmps, u"host.example"_s, 1935, u"live"_s, {}, kKey, u"rtmps://host.example:1935/live"_s));
    row("rtmps on 1936", u"rtmps://host.example:1936/live/"_s + kKey, {C::TlsSchemeOnPlainPort},
        ok(Scheme::Rtmps, u"host.example"_s, 1936, u"live"_s, {}, kKey, u"rtmps://host.example:1936/live"_s));
    row("rtmpts on 80", u"rtmpts://host.example:80/live/"_s + kKey, {C::TlsSchemeOnPlainPort},
        ok(Scheme::Rtmpts, u"host.example"_s, 80, u"live"_s, {}, kKey, u"rtmpts://host.example:80/live"_s));
    row("rtmp on 443", u"rtmp://host.example:443/live/"_s + kKey, {C::PlainSchemeOnTlsPort},
        ok(rtmp, u"host.example"_s, 443, u"live"_s, {}, kKey, u"rtmp://host.example:443/live"_s));
    row("rtmp on 2935", u"rtmp://host.example:2935/live/"_s + kKey, {C::PlainSchemeOnTlsPort},
        ok(rtmp, u"host.example"_s, 2935, u"live"_s, {}, kKey, u"rtmp://host.example:2935/live"_s));
    row("rtmp on 2936", u"rtmp://host.example:2936/live/"_s + kKey, {C::PlainSchemeOnTlsPort},
        ok(rtmp, u"host.example"_s, 2936, u"live"_s, {}, kKey, u"rtmp://host.example:2936/live"_s));
    row("rtmpt on 443", u"rtmpt://host.example:443/live/"_s + kKey, {C::PlainSchemeOnTlsPort},
        ok(Scheme::Rtmpt, u"host.example"_s, 443, u"live"_s, {}, kKey, u"rtmpt://host.example:443/live"_s));

    // --- hostile input -------------------------------------------------------------------------
    row("empty", QString(), {C::Empty}, unusable(Scheme::Unknown, {}, 0, {}, {}, {}));
    row("only whitespace", u"  \t\n "_s, {C::Empty}, unusable(Scheme::Unknown, {}, 0, {}, {}, {}));
    row("only quotes", u"\"\""_s, {C::Empty}, unusable(Scheme::Unknown, {}, 0, {}, {}, {}));
    row("100 KB of text", QString(100 * 1024, u'x'), {C::TooLong},
        unusable(Scheme::Unknown, {}, 0, {}, {}, {}));
    const QString longKey = QString(IngestUrl::kMaxInputLength - 25 - 1, u'a') + u'b';
    row("exactly the length limit", u"rtmp://host.example/live/"_s + longKey, {},
        ok(rtmp, u"host.example"_s, 1935, u"live"_s, {}, longKey, u"rtmp://host.example/live"_s));
    row("only nul characters", QString(3, QChar(0)),
        {C::MissingScheme, C::ControlCharacter, C::MissingApplication, C::MissingStreamKey},
        unusable(Scheme::Unknown, QString(3, QChar(0)), 0, {}, {}, {}));
    row("scheme and nul", QString(u"rtmp://\0"_s),
        {C::ControlCharacter, C::MissingApplication, C::MissingStreamKey},
        unusable(rtmp, QString(1, QChar(0)), 1935, {}, {}, {}));
    row("only separator", u"://"_s,
        {C::MissingScheme, C::MissingHost, C::InvalidPort, C::EmptyPathSegment, C::MissingApplication,
         C::MissingStreamKey},
        unusable(Scheme::Unknown, {}, 0, {}, {}, {}));
    row("only emoji", u"🎥"_s, {C::MissingScheme, C::InvalidHost, C::MissingApplication, C::MissingStreamKey},
        unusable(Scheme::Unknown, u"🎥"_s, 0, {}, {}, {}));
    row("scheme word only", u"rtmp"_s, {C::MissingScheme, C::MissingApplication, C::MissingStreamKey},
        unusable(Scheme::Unknown, u"rtmp"_s, 0, {}, {}, {}));
    row("scheme and colon only", u"rtmp:"_s,
        {C::MalformedSchemeSeparator, C::MissingHost, C::MissingApplication, C::MissingStreamKey},
        unusable(rtmp, {}, 1935, {}, {}, {}));
    QString manyLabels;
    for (int i = 0; i < 130; ++i)
        manyLabels += u"a."_s;
    manyLabels += u"example"_s;
    row("host longer than 253", u"rtmp://"_s + manyLabels + u"/live/"_s + kKey, {C::InvalidHost},
        unusable(rtmp, manyLabels, 1935, u"live"_s, {}, kKey));
}

void TestIngestUrl::parse()
{
    QFETCH(QString, input);
    QFETCH(UrlParseOptions, options);
    QFETCH(QStringList, codes);
    QFETCH(Parsed, parsed);

    const IngestUrl url = IngestUrl::parse(input, options);
    QCOMPARE(sortedIds(url.findings()), codes);
    QCOMPARE(url.scheme(), parsed.scheme);
    QCOMPARE(url.host(), parsed.host);
    QCOMPARE(int(url.port()), parsed.port);
    QCOMPARE(url.application(), parsed.application);
    QCOMPARE(url.instance(), parsed.instance);
    QCOMPARE(url.streamKey(), parsed.streamKey);
    QCOMPARE(url.tcUrl(Redaction::RevealSecrets), parsed.tcUrl);
    QCOMPARE(url.isUsable(), parsed.usable);
    QCOMPARE(url.input(), input);

    const QString expectedPath =
        parsed.instance.isEmpty() ? parsed.application : parsed.application + u'/' + parsed.instance;
    QCOMPARE(url.applicationPath(), expectedPath);
    Severity worst = Severity::Info;
    for (const UrlFinding& finding : url.findings()) {
        worst = std::max(worst, finding.severity);
        QVERIFY(!finding.message.isEmpty());
    }
    QCOMPARE(url.worstSeverity(), worst);
}

void TestIngestUrl::spans_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<UrlParseOptions>("options");
    QTest::addColumn<UrlLintCode>("code");
    QTest::addColumn<Severity>("severity");
    QTest::addColumn<UrlField>("field");
    QTest::addColumn<qsizetype>("start");
    QTest::addColumn<qsizetype>("length");

    using C = UrlLintCode;
    const QString base = u"rtmp://host.example/live/"_s + kKey; // 25 + 12 characters
    auto add = [](const char* name, const QString& input, const UrlParseOptions& options, C code,
                  Severity severity, UrlField field, qsizetype start, qsizetype length) {
        QTest::newRow(name) << input << options << code << severity << field << start << length;
    };
    add("leading spaces", u"  "_s + base, {}, C::LeadingOrTrailingWhitespace, Severity::Warning,
        UrlField::Url, 0, 2);
    add("trailing spaces", base + u" \n"_s, {}, C::LeadingOrTrailingWhitespace, Severity::Warning,
        UrlField::Url, 37, 2);
    add("curly quote", u"“"_s + base + u"”"_s, {}, C::Quotes, Severity::Warning, UrlField::Url, 0, 1);
    add("nul", QString(u"rtmp://host.example/live/k\0y"_s), {}, C::ControlCharacter, Severity::Error,
        UrlField::Url, 26, 1);
    add("line break", u"rtmp://host.example/live\r\nkey"_s, {}, C::LineBreak, Severity::Error, UrlField::Url,
        24, 2);
    add("zero-width space", u"rtmp://host.example/live/k\u200By"_s, {}, C::InvisibleCharacter,
        Severity::Error, UrlField::Url, 26, 1);
    add("missing scheme", u"host.example/live/key"_s, {}, C::MissingScheme, Severity::Error, UrlField::Url, 0,
        0);
    add("unknown scheme", u"http://host.example/live/key"_s, {}, C::UnknownScheme, Severity::Error,
        UrlField::Url, 0, 4);
    add("rtmpe", u"rtmpe://host.example/live/key"_s, {}, C::UnsupportedRtmpe, Severity::Error, UrlField::Url,
        0, 5);
    add("one slash", u"rtmp:/host.example/live/key"_s, {}, C::MalformedSchemeSeparator, Severity::Error,
        UrlField::Url, 4, 2);
    add("port text", u"rtmp://host.example:abc/live/key"_s, {}, C::InvalidPort, Severity::Error,
        UrlField::Url, 20, 3);
    add("port range", u"rtmp://host.example:70000/live/key"_s, {}, C::PortOutOfRange, Severity::Error,
        UrlField::Url, 20, 5);
    add("emoji in host", u"rtmp://ab🎥.example/live/key"_s, {}, C::InvalidHost, Severity::Error, UrlField::Url,
        9, 2);
    add("bad ipv4", u"rtmp://300.1.1.1/live/key"_s, {}, C::InvalidHost, Severity::Error, UrlField::Url, 7, 9);
    add("missing host", u"rtmp:///live/key"_s, {}, C::MissingHost, Severity::Error, UrlField::Url, 7, 0);
    add("missing key before query", u"rtmp://host.example/live?x=1"_s, {}, C::MissingStreamKey,
        Severity::Error, UrlField::Url, 24, 0);
    add("missing app", u"rtmp://host.example"_s, {}, C::MissingApplication, Severity::Error, UrlField::Url,
        19, 0);
    add("credentials", u"rtmp://me:pw@host.example/live/key"_s, {}, C::CredentialsInUrl, Severity::Warning,
        UrlField::Url, 7, 6);
    add("empty segment", u"rtmp://host.example/live//key"_s, {}, C::EmptyPathSegment, Severity::Warning,
        UrlField::Url, 25, 1);
    add("repeated key in url", base + u"/"_s + kKey, {}, C::StreamKeyRepeated, Severity::Error, UrlField::Url,
        38, 12);
    add("repeated key without slash", base + kKey, {}, C::StreamKeyRepeated, Severity::Error, UrlField::Url,
        37, 12);
    add("key in url and key box", base, withKey(kKey), C::StreamKeyRepeated, Severity::Error, UrlField::Url,
        25, 12);
    add("key box trailing space", u"rtmp://host.example/live"_s, withKey(kKey + u"  "_s),
        C::LeadingOrTrailingWhitespace, Severity::Warning, UrlField::StreamKey, 12, 2);
    add("key box pasted twice", u"rtmp://host.example/live"_s, withKey(u" "_s + kKey + kKey),
        C::StreamKeyRepeated, Severity::Error, UrlField::StreamKey, 13, 12);
    add("key box empty", u"rtmp://host.example/live"_s, withKey(u" "_s), C::MissingStreamKey, Severity::Error,
        UrlField::StreamKey, 0, 0);
    add("key box placeholder", u"rtmp://host.example/live"_s, withKey(u" {key}"_s), C::Placeholder,
        Severity::Error, UrlField::StreamKey, 1, 1);
    add("tls on plain port", u"rtmps://host.example:1935/live/key"_s, {}, C::TlsSchemeOnPlainPort,
        Severity::Warning, UrlField::Url, 21, 4);
    add("plain on tls port", u"rtmp://host.example:443/live/key"_s, {}, C::PlainSchemeOnTlsPort,
        Severity::Warning, UrlField::Url, 20, 3);
    add("nested", u"rtmp://rtmp://host.example/live/key"_s, {}, C::NestedUrl, Severity::Error, UrlField::Url,
        7, 7);
    add("too long", QString(5000, u'a'), {}, C::TooLong, Severity::Error, UrlField::Url,
        IngestUrl::kMaxInputLength, 5000 - IngestUrl::kMaxInputLength);
    add("flash fallback is information", u"rtmp://myserver/avchat30/_definst_"_s, appOnly(),
        C::FlashPortFallback, Severity::Info, UrlField::Url, 0, 4);
}

void TestIngestUrl::spans()
{
    QFETCH(QString, input);
    QFETCH(UrlParseOptions, options);
    QFETCH(UrlLintCode, code);
    QFETCH(Severity, severity);
    QFETCH(UrlField, field);
    QFETCH(qsizetype, start);
    QFETCH(qsizetype, length);

    const IngestUrl url = IngestUrl::parse(input, options);
    const QList<UrlFinding> findings = url.findings();
    const auto it =
        std::find_if(findings.begin(), findings.end(), [&](const UrlFinding& f) { return f.code == code; });
    QVERIFY2(it != findings.end(), qPrintable(describeFindings(findings)));
    QCOMPARE(it->severity, severity);
    QCOMPARE(it->field, field);
    QCOMPARE(it->span.start, start);
    QCOMPARE(it->span.length, length);
    QVERIFY(it->span.isValid());
}

void TestIngestUrl::hostForms()
{
    const IngestUrl idn = IngestUrl::parse(u"rtmp://例え.テスト:1935/live/key1234"_s);
    QCOMPARE(idn.host(), u"例え.テスト"_s);
    QCOMPARE(idn.hostAce(), u"xn--r8jz45g.xn--zckzah"_s);
    QVERIFY(!idn.isIpv4() && !idn.isIpv6());
    QVERIFY(idn.isPortExplicit());

    const IngestUrl v4 = IngestUrl::parse(u"rtmp://127.0.0.1/live/key1234"_s);
    QVERIFY(v4.isIpv4() && !v4.isIpv6() && !v4.isPortExplicit());
    QCOMPARE(v4.hostAce(), u"127.0.0.1"_s);

    const IngestUrl v6 = IngestUrl::parse(u"rtmps://[::1]:8443/live/key1234"_s);
    QVERIFY(v6.isIpv6() && !v6.isIpv4());
    QCOMPARE(v6.host(), u"::1"_s);
    QCOMPARE(v6.toString(Redaction::RevealSecrets), u"rtmps://[::1]:8443/live/key1234"_s);

    const IngestUrl upper = IngestUrl::parse(u"rtmp://LIVE.Example.com/live/key1234"_s);
    QCOMPARE(upper.host(), u"LIVE.Example.com"_s);
    QCOMPARE(upper.hostAce(), u"live.example.com"_s);

    const IngestUrl unclosed = IngestUrl::parse(u"rtmp://[::1:1935/live/key1234"_s);
    QCOMPARE(unclosed.toString(Redaction::RevealSecrets), u"rtmp://[::1:1935/live/key1234"_s);
    QVERIFY(!unclosed.isUsable());

    const IngestUrl emoji = IngestUrl::parse(u"rtmp://🎥/live/key1234"_s);
    QCOMPARE(emoji.hostAce(), QString());
    QVERIFY(!emoji.isUsable());

    const IngestUrl credentials = IngestUrl::parse(u"rtmp://me:pw@host.example/live/key1234"_s);
    QVERIFY(credentials.hasCredentials());
    QCOMPARE(credentials.userName(), u"me"_s);
    QCOMPARE(credentials.password(), u"pw"_s);
    QCOMPARE(credentials.host(), u"host.example"_s);
}

void TestIngestUrl::hostileInputStaysBounded()
{
    QList<QString> inputs{QString(100 * 1024, u'/'),
                          QString(IngestUrl::kMaxInputLength, u'/'),
                          u"rtmp://"_s + QString(IngestUrl::kMaxInputLength - 7, u'a'),
                          u"rtmp://"_s + QString(IngestUrl::kMaxInputLength - 7, QChar(0)),
                          QString(IngestUrl::kMaxInputLength, u'"'),
                          QString(IngestUrl::kMaxInputLength, u'@'),
                          QString(IngestUrl::kMaxInputLength, u':'),
                          QString(IngestUrl::kMaxInputLength, u'['),
                          u"rtmp://h/"_s + QString(IngestUrl::kMaxInputLength - 9, u'?'),
                          u"rtmp://h/a/"_s + QString(IngestUrl::kMaxInputLength - 11, QChar(0xD83C))};
    QString repeatedSchemes;
    while (repeatedSchemes.size() < IngestUrl::kMaxInputLength - 8)
        repeatedSchemes += u"rtmp://"_s;
    inputs << repeatedSchemes;

    for (const QString& input : std::as_const(inputs)) {
        QElapsedTimer timer;
        timer.start();
        const IngestUrl url = IngestUrl::parse(input, withKey(input));
        const QString summary =
            describeIngestUrl(url) + describeFindings(url.findings()) + url.toString() + url.tcUrl();
        QVERIFY(!summary.isEmpty());
        QVERIFY(!url.findings().isEmpty());
        // Generous: the parser is linear, this only catches a runaway loop.
        QVERIFY2(timer.elapsed() < 2000, qPrintable(QString::number(timer.elapsed())));
        QVERIFY(url.findings().size() < 40);
    }
}

void TestIngestUrl::randomGarbageKeepsInvariants()
{
    QRandomGenerator random(20240630);
    const QString alphabet = u"rtmps:/[]@?&=.-_ \t\n\"'“”<>{}#%0123456789abcXYZ🎥\u200Bé"_s;
    for (int round = 0; round < 2000; ++round) {
        QString input;
        const int length = random.bounded(0, 80);
        if (random.bounded(2) == 0)
            input = u"rtmp://"_s;
        for (int i = 0; i < length; ++i) {
            if (random.bounded(10) == 0)
                input += QChar(static_cast<char16_t>(random.bounded(0, 0x10000)));
            else
                input += alphabet.at(random.bounded(alphabet.size()));
        }
        const QString key = random.bounded(3) == 0 ? input.mid(3) : QString();
        const IngestUrl url = IngestUrl::parse(input, withKey(key));
        for (const UrlFinding& finding : url.findings()) {
            const QString& field = finding.field == UrlField::StreamKey ? key : input;
            QVERIFY2(finding.span.isValid(), qPrintable(lintCodeId(finding.code)));
            QVERIFY2(finding.span.start + finding.span.length <= field.size(),
                     qPrintable(lintCodeId(finding.code)));
            QVERIFY(!finding.message.isEmpty());
            QVERIFY(!finding.message.contains(QChar(0)));
        }
        if (url.isUsable()) {
            QVERIFY(!url.hostAce().isEmpty());
            QVERIFY(url.tcUrl().startsWith(schemeName(url.scheme()) + u"://"_s));
        } else {
            QVERIFY(url.tcUrl().isEmpty());
        }
        QVERIFY(!url.toString().contains(QChar(0)));
    }
}

namespace {

QString randomSecret(QRandomGenerator& random, const QString& alphabet, int minLength, int maxLength)
{
    QString secret;
    const int length = random.bounded(minLength, maxLength + 1);
    for (int i = 0; i < length; ++i)
        secret += alphabet.at(random.bounded(alphabet.size()));
    return secret;
}

// Everything a redacted report can show of a parsed URL.
QString everythingRedacted(const IngestUrl& url)
{
    QString text = url.toString(Redaction::Redacted) + u'\n' + url.tcUrl(Redaction::Redacted) + u'\n' +
                   url.applicationPath(Redaction::Redacted) + u'\n' + url.query(Redaction::Redacted) + u'\n' +
                   describeIngestUrl(url, Redaction::Redacted) + describeFindings(url.findings());
    for (const UrlFinding& finding : url.findings())
        text += finding.message + u'\n';
    return text;
}

// A same-length stand-in that cannot share a 4-character run with any secret.
QString filler(qsizetype length)
{
    return QString(length - 1, u'#') + u'%';
}

} // namespace

void TestIngestUrl::secretsNeverLeakWhenRedacted()
{
    QRandomGenerator random(424242);
    const QString alnum = u"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"_s;
    const QString keyChars = alnum + u"-_.~"_s;
    const QString hex = u"0123456789abcdef"_s;
    const QString azureHost = u"rtmp://0123456789abcdef0123456789abcdef.channel.media.azure.net:1935"_s;

    // Each case builds a URL (and maybe a key box) around the secret.
    struct Case
    {
        const char* name;
        std::function<std::pair<QString, UrlParseOptions>(const QString&)> build;
        QString alphabet;
    };
    const QList<Case> cases{
        {"key in url",
         [](const QString& s) {
             return std::pair{u"rtmp://live.example.com/app/"_s + s, UrlParseOptions{}};
         },
         keyChars},
        {"key box",
         [](const QString& s) {
             return std::pair{u"rtmp://live.example.com/app"_s, withKey(s)};
         },
         keyChars},
        {"key box padded",
         [](const QString& s) {
             return std::pair{u"rtmp://live.example.com/app"_s, withKey(u" \""_s + s + u"\" "_s)};
         },
         keyChars},
        {"key in url and box",
         [](const QString& s) {
             return std::pair{u"rtmp://live.example.com/app/"_s + s, withKey(s)};
         },
         keyChars},
        {"key twice",
         [](const QString& s) {
             return std::pair{u"rtmp://live.example.com/app/"_s + s + u'/' + s, UrlParseOptions{}};
         },
         keyChars},
        {"key doubled",
         [](const QString& s) {
             return std::pair{u"rtmp://live.example.com/app/"_s + s + s, UrlParseOptions{}};
         },
         keyChars},
        {"url pasted twice",
         [](const QString& s) {
             return std::pair{u"rtmp://live.example.com/app/"_s + s + u"rtmp://live.example.com/app/"_s + s,
                              UrlParseOptions{}};
         },
         keyChars},
        {"key with space",
         [](const QString& s) {
             return std::pair{u"rtmp://live.example.com/app/ "_s + s, UrlParseOptions{}};
         },
         keyChars},
        {"azure token",
         [&](const QString& s) {
             return std::pair{azureHost + u"/live/"_s + s + u"/stream1"_s, UrlParseOptions{}};
         },
         hex},
        {"azure odd token",
         [&](const QString& s) {
             return std::pair{azureHost + u"/live/"_s + s + u"/stream1"_s, UrlParseOptions{}};
         },
         alnum},
        {"azure legacy token",
         [&](const QString& s) {
             return std::pair{azureHost + u"/"_s + s, UrlParseOptions{}};
         },
         hex},
        {"azure token, key box",
         [&](const QString& s) {
             return std::pair{azureHost + u"/live/"_s + s, withKey(u"stream1"_s)};
         },
         alnum},
        {"password",
         [](const QString& s) {
             return std::pair{u"rtmp://user:"_s + s + u"@live.example.com/app/key1"_s, UrlParseOptions{}};
         },
         keyChars},
        {"query token",
         [](const QString& s) {
             return std::pair{u"rtmp://live.example.com/app/key1?token="_s + s + u"&x=1"_s,
                              UrlParseOptions{}};
         },
         keyChars},
        {"query key",
         [](const QString& s) {
             return std::pair{u"rtmp://live.example.com/app/key1?key="_s + s, UrlParseOptions{}};
         },
         keyChars},
        {"query auth",
         [](const QString& s) {
             return std::pair{u"rtmps://live.example.com/app?auth="_s + s, UrlParseOptions{}};
         },
         keyChars},
        {"query password",
         [](const QString& s) {
             return std::pair{u"rtmp://live.example.com/app/k?password="_s + s, UrlParseOptions{}};
         },
         keyChars},
        {"query secret",
         [](const QString& s) {
             return std::pair{u"rtmp://live.example.com/app/k?a=1&secret="_s + s, UrlParseOptions{}};
         },
         keyChars},
        {"query sig",
         [](const QString& s) {
             return std::pair{u"rtmp://live.example.com/app/k?sig="_s + s, UrlParseOptions{}};
         },
         keyChars},
    };

    int checked = 0;
    for (const Case& c : cases) {
        for (int round = 0; round < 60; ++round) {
            const QString secret = c.alphabet == hex ? randomSecret(random, hex, 32, 32)
                                                     : randomSecret(random, c.alphabet, 8, 48);
            const auto [input, options] = c.build(secret);
            const IngestUrl url = IngestUrl::parse(input, options);
            const QString shown = everythingRedacted(url);
            const auto [skeletonInput, skeletonOptions] = c.build(filler(secret.size()));
            const QString skeleton = everythingRedacted(IngestUrl::parse(skeletonInput, skeletonOptions));

            QVERIFY2(!shown.contains(secret), c.name);
            for (qsizetype i = 0; i + 4 <= secret.size(); ++i) {
                const QStringView run = QStringView(secret).sliced(i, 4);
                // A run may only appear if the report shows it when the secret is not there at all.
                if (shown.contains(run) && !skeleton.contains(run))
                    QFAIL(qPrintable(u"%1: a 4-character run of the secret leaked into: %2"_s.arg(
                        QString::fromLatin1(c.name), shown)));
            }
            // The check itself can see secrets: revealing them must show the whole secret.
            QVERIFY2(url.toString(Redaction::RevealSecrets).contains(secret) ||
                         describeIngestUrl(url, Redaction::RevealSecrets).contains(secret),
                     c.name);
            ++checked;
        }
    }
    QCOMPARE(qsizetype(checked), cases.size() * 60);
}

void TestIngestUrl::redactSecretHidesEverything()
{
    QCOMPARE(redactSecret(QString()), QString());
    QCOMPARE(redactSecret(u"a"_s), u"•••••• (1 character hidden)"_s);
    QCOMPARE(redactSecret(u"abcd1234abcd1234abcd1234abcd1234"_s), u"•••••• (32 characters hidden)"_s);
    // Fixed width: the placeholder does not grow with the secret.
    QCOMPARE(redactSecret(QString(500, u'z')).size(), redactSecret(QString(100, u'z')).size());
}

void TestIngestUrl::queryRedaction()
{
    const IngestUrl url = IngestUrl::parse(
        u"rtmps://live.example.com/app/key1?s_bl=1&token=abc&a=AbCdEfGhIjKl&bandwidthtest=true&flag"_s);
    QCOMPARE(url.query(), u"s_bl=1&token=abc&a=AbCdEfGhIjKl&bandwidthtest=true&flag"_s);
    QCOMPARE(url.query(Redaction::Redacted),
             u"s_bl=1&token=•••••• (3 characters hidden)&a=•••••• (12 characters hidden)&bandwidthtest=true&"
             u"•••••• (4 characters hidden)"_s);
    QCOMPARE(url.streamKey(), u"key1"_s);
}

void TestIngestUrl::flashFallbackSequenceFollowsTheSeed()
{
    const IngestUrl avchat = IngestUrl::parse(u"rtmp://myserver/avchat30/_definst_"_s, appOnly());
    const QList<TransportAttempt> expected{
        {Scheme::Rtmp, 1935}, {Scheme::Rtmp, 443}, {Scheme::Rtmp, 80}, {Scheme::Rtmpt, 80}};
    QCOMPARE(avchat.flashFallbackSequence(), expected);

    // The seed's four URLs are exactly what the sequence produces.
    const QStringList seedUrls{
        u"rtmp://myserver:1935/avchat30/_definst_"_s, u"rtmp://myserver:443/avchat30/_definst_"_s,
        u"rtmp://myserver:80/avchat30/_definst_"_s, u"rtmpt://myserver:80/avchat30/_definst_"_s};
    for (qsizetype i = 0; i < expected.size(); ++i) {
        const IngestUrl attempt = avchat.withTransport(expected[i].scheme, expected[i].port);
        QCOMPARE(attempt.toString(Redaction::RevealSecrets), seedUrls[i]);
        QCOMPARE(attempt.tcUrl(), seedUrls[i]);
        QVERIFY(attempt.flashFallbackSequence().isEmpty()); // a port is given: no further fallback
    }

    // Only rtmp:// without a port triggers the sequence.
    QVERIFY(IngestUrl::parse(u"rtmp://myserver:1935/avchat30/_definst_"_s, appOnly())
                .flashFallbackSequence()
                .isEmpty());
    QVERIFY(IngestUrl::parse(u"rtmpt://myserver/avchat30/_definst_"_s, appOnly())
                .flashFallbackSequence()
                .isEmpty());
    QVERIFY(IngestUrl::parse(u"rtmps://myserver/avchat30/_definst_"_s, appOnly())
                .flashFallbackSequence()
                .isEmpty());
}

void TestIngestUrl::withTransportReparses()
{
    const IngestUrl url = IngestUrl::parse(u"rtmp://live.example.com/app/"_s + kKey);
    const IngestUrl tls = url.withTransport(Scheme::Rtmps, 1935);
    QCOMPARE(tls.scheme(), Scheme::Rtmps);
    QCOMPARE(tls.port(), quint16(1935));
    QCOMPARE(tls.streamKey(), kKey);
    QCOMPARE(sortedIds(tls.findings()), sortedIds(QList<UrlLintCode>{UrlLintCode::TlsSchemeOnPlainPort}));

    const IngestUrl separate = IngestUrl::parse(u"rtmp://live.example.com/app"_s, withKey(kKey));
    const IngestUrl moved = separate.withTransport(Scheme::Rtmpt, 80);
    QCOMPARE(moved.toString(Redaction::RevealSecrets), u"rtmpt://live.example.com:80/app"_s);
    QCOMPARE(moved.streamKey(), kKey);
    QVERIFY(moved.findings().isEmpty());
}

void TestIngestUrl::describeIngestUrlSummarises()
{
    const IngestUrl url = IngestUrl::parse(u"rtmp://bücher.example/live/"_s + kKey + u"?token=abcdef"_s);
    const QString text = describeIngestUrl(url, Redaction::Redacted);
    const QStringList expected{
        u"Scheme:       rtmp - not encrypted"_s,
        u"Host:         bücher.example (DNS name: xn--bcher-kva.example)"_s,
        u"Port:         1935 (the default for rtmp)"_s,
        u"Application:  live"_s,
        u"Instance:     (none)"_s,
        u"Stream key:   •••••• (12 characters hidden), from the end of the address"_s,
        u"Query:        token=•••••• (6 characters hidden)"_s,
        u"tcUrl:        rtmp://xn--bcher-kva.example/live"_s,
        u"Usable:       yes, a connection test can be attempted"_s,
    };
    QCOMPARE(text, expected.join(u'\n') + u'\n');
    QVERIFY(describeIngestUrl(url, Redaction::RevealSecrets).contains(u"Stream key:   "_s + kKey));

    const IngestUrl avchat = IngestUrl::parse(u"rtmp://myserver/avchat30/_definst_"_s, appOnly());
    const QString avchatText = describeIngestUrl(avchat);
    QVERIFY(avchatText.contains(u"Instance:     _definst_\n"_s));
    QVERIFY(avchatText.contains(u"Flash order:  rtmp:1935, rtmp:443, rtmp:80, rtmpt:80\n"_s));

    const IngestUrl broken = IngestUrl::parse(u"http://user:pw@example.com:99999/x"_s);
    const QString brokenText = describeIngestUrl(broken);
    QVERIFY(brokenText.contains(u"Credentials:  user name and password present (hidden)\n"_s));
    QVERIFY(brokenText.contains(u"tcUrl:        (none)\n"_s));
    QVERIFY2(brokenText.contains(u"Port:         not valid (typed: “99999”)\n"_s), qPrintable(brokenText));
    QVERIFY(brokenText.contains(u"Usable:       no, fix the errors first\n"_s));
    QVERIFY(!brokenText.contains(u"pw"_s));
}

void TestIngestUrl::describeFindingsListsOneLineEach()
{
    QCOMPARE(describeFindings({}), u"No problems found.\n"_s);
    const IngestUrl url = IngestUrl::parse(u" rtmp://host.example/live"_s);
    const QString text = describeFindings(url.findings());
    const QStringList lines = text.split(u'\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 2);
    QVERIFY2(lines[0].startsWith(u"warning leading-or-trailing-whitespace: "_s), qPrintable(lines[0]));
    QVERIFY2(lines[0].endsWith(u" (at column 1)"_s), qPrintable(lines[0]));
    QVERIFY2(lines[1].startsWith(u"error   missing-stream-key: "_s), qPrintable(lines[1]));
    QVERIFY2(lines[1].endsWith(u" (at column 26)"_s), qPrintable(lines[1]));

    const IngestUrl keyBox = IngestUrl::parse(u"rtmp://host.example/live"_s, withKey(u"abc12345 "_s));
    QVERIFY(describeFindings(keyBox.findings()).endsWith(u"(in the stream key, at column 9)\n"_s));
}

QTEST_GUILESS_MAIN(TestIngestUrl)
#include "tst_ingesturl.moc"
