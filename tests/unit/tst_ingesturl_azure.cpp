#include "url/ingesturl.h"
#include "url/urlreport.h"

#include <QTest>

using namespace rd;
using namespace Qt::StringLiterals;

// Azure Media Services ingest URLs (seed 000 and the protocol notes, section 8): both host forms,
// all four documented ports with both schemes, the live/<token>/<stream> and the older /<token>
// layout, and the soft checks on shapes the documentation does not describe.

namespace {

using HostKind = AzureIngest::HostKind;

struct AzureExpected
{
    HostKind hostKind = HostKind::UnknownShape;
    QString liveEventName;
    QString accountName;
    QString region;
    QString accessToken;
    bool accessTokenWellFormed = false;
    bool legacyLayout = false;
    QString application;
    QString streamKey;
    QString tcUrl; // secrets revealed
    bool usable = true;
};

const QString kSuffix = u".channel.media.azure.net"_s;
const QString kHexHost = u"d3d5aefff6c04c2eb2e3a5c6b1a7b8e5"_s + kSuffix;
const QString kVanityHost = u"myevent-myaccount-euwe"_s + kSuffix;
const QString kHexToken = u"0a1b2c3d4e5f60718293a4b5c6d7e8f9"_s;
const QString kGuid = u"1fce2e4b-fb15-4718-8adc-68c6eb4c26a7"_s;

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

AzureExpected nonVanity(const QString& token, bool legacy, const QString& application, const QString& key,
                        const QString& tcUrl)
{
    return AzureExpected{HostKind::NonVanity, {}, {}, {}, token, true, legacy, application, key, tcUrl, true};
}

AzureExpected vanity(const QString& token, bool legacy, const QString& application, const QString& key,
                     const QString& tcUrl)
{
    return AzureExpected{HostKind::Vanity, u"myevent"_s, u"myaccount"_s, u"euwe"_s, token, true, legacy,
                         application,      key,          tcUrl,          true};
}

void row(const QString& name, const QString& input, const QList<UrlLintCode>& codes,
         const AzureExpected& expected, const UrlParseOptions& options = {})
{
    QTest::newRow(qPrintable(name)) << input << options << sortedIds(codes) << expected;
}

UrlParseOptions withKey(const QString& key)
{
    UrlParseOptions options;
    options.separateStreamKey = key;
    return options;
}

} // namespace

Q_DECLARE_METATYPE(rd::UrlParseOptions)
Q_DECLARE_METATYPE(AzureExpected)
Q_DECLARE_METATYPE(rd::UrlLintCode)
Q_DECLARE_METATYPE(rd::Severity)

class TestIngestUrlAzure : public QObject
{
    Q_OBJECT

private slots:
    void parse_data();
    void parse();
    void notAzure();
    void spans_data();
    void spans();
    void serviceRetiredIsAnErrorButTheUrlStaysUsable();
    void describeShowsTheAzureForm();
};

void TestIngestUrlAzure::parse_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<UrlParseOptions>("options");
    QTest::addColumn<QStringList>("codes");
    QTest::addColumn<AzureExpected>("expected");

    using C = UrlLintCode;
    const QList<UrlLintCode> retired{C::AzureServiceRetired};

    // The documented matrix: both host forms x four ports x both layouts.
    const QList<std::pair<QString, quint16>> transports{
        {u"rtmp"_s, 1935}, {u"rtmp"_s, 1936}, {u"rtmps"_s, 2935}, {u"rtmps"_s, 2936}};
    for (const auto& [scheme, port] : transports) {
        for (const bool isVanity : {false, true}) {
            const QString host = isVanity ? kVanityHost : kHexHost;
            const QString origin = u"%1://%2:%3"_s.arg(scheme, host).arg(port);
            const QString kind = isVanity ? u"vanity"_s : u"non-vanity"_s;
            const auto expect = isVanity ? vanity : nonVanity;
            row(u"%1 %2 %3 live/token/stream"_s.arg(kind, scheme).arg(port),
                origin + u"/live/"_s + kGuid + u"/stream1"_s, retired,
                expect(kGuid, false, u"live/"_s + kGuid, u"stream1"_s, origin + u"/live/"_s + kGuid));
            row(u"%1 %2 %3 legacy token"_s.arg(kind, scheme).arg(port), origin + u"/"_s + kHexToken, retired,
                expect(kHexToken, true, kHexToken, {}, origin + u"/"_s + kHexToken));
        }
    }

    const QString hex1935 = u"rtmp://"_s + kHexHost + u":1935"_s;
    const auto hexOk = [&](const QString& token, bool legacy, const QString& app, const QString& key) {
        return nonVanity(token, legacy, app, key, hex1935 + u'/' + app);
    };

    // Ports and schemes Azure did not take.
    row(u"rtmp without port is 1935"_s, u"rtmp://"_s + kHexHost + u"/live/"_s + kGuid + u"/stream1"_s,
        retired,
        nonVanity(kGuid, false, u"live/"_s + kGuid, u"stream1"_s,
                  u"rtmp://"_s + kHexHost + u"/live/"_s + kGuid));
    row(u"rtmps without port is 443"_s, u"rtmps://"_s + kHexHost + u"/live/"_s + kGuid + u"/stream1"_s,
        {C::AzurePortNotAllowed, C::AzureServiceRetired},
        nonVanity(kGuid, false, u"live/"_s + kGuid, u"stream1"_s,
                  u"rtmps://"_s + kHexHost + u"/live/"_s + kGuid));
    row(u"rtmp on an rtmps port"_s, u"rtmp://"_s + kHexHost + u":2935/live/"_s + kGuid + u"/s"_s,
        {C::AzurePortNotAllowed, C::AzureServiceRetired},
        nonVanity(kGuid, false, u"live/"_s + kGuid, u"s"_s,
                  u"rtmp://"_s + kHexHost + u":2935/live/"_s + kGuid));
    row(u"rtmps on an rtmp port"_s, u"rtmps://"_s + kHexHost + u":1935/live/"_s + kGuid + u"/s"_s,
        {C::AzurePortNotAllowed, C::AzureServiceRetired},
        nonVanity(kGuid, false, u"live/"_s + kGuid, u"s"_s,
                  u"rtmps://"_s + kHexHost + u":1935/live/"_s + kGuid));
    row(u"rtmps on 443"_s, u"rtmps://"_s + kHexHost + u":443/live/"_s + kGuid + u"/s"_s,
        {C::AzurePortNotAllowed, C::AzureServiceRetired},
        nonVanity(kGuid, false, u"live/"_s + kGuid, u"s"_s,
                  u"rtmps://"_s + kHexHost + u":443/live/"_s + kGuid));
    row(u"rtmp on 80"_s, u"rtmp://"_s + kHexHost + u":80/live/"_s + kGuid + u"/s"_s,
        {C::AzurePortNotAllowed, C::AzureServiceRetired},
        nonVanity(kGuid, false, u"live/"_s + kGuid, u"s"_s,
                  u"rtmp://"_s + kHexHost + u":80/live/"_s + kGuid));
    row(u"rtmpt"_s, u"rtmpt://"_s + kHexHost + u":80/live/"_s + kGuid + u"/s"_s,
        {C::AzureSchemeNotSupported, C::AzureServiceRetired},
        nonVanity(kGuid, false, u"live/"_s + kGuid, u"s"_s,
                  u"rtmpt://"_s + kHexHost + u":80/live/"_s + kGuid));
    AzureExpected rtmpe = nonVanity(kGuid, false, u"live/"_s + kGuid, u"s"_s, {});
    rtmpe.usable = false;
    row(u"rtmpe"_s, u"rtmpe://"_s + kHexHost + u":1935/live/"_s + kGuid + u"/s"_s,
        {C::UnsupportedRtmpe, C::AzureServiceRetired}, rtmpe);

    // Host shapes.
    row(u"upper-case hex host"_s,
        u"rtmp://D3D5AEFFF6C04C2EB2E3A5C6B1A7B8E5.CHANNEL.MEDIA.AZURE.NET:1935/"_s + kHexToken, retired,
        nonVanity(kHexToken, true, kHexToken, {},
                  u"rtmp://d3d5aefff6c04c2eb2e3a5c6b1a7b8e5.channel.media.azure.net:1935/"_s + kHexToken));
    row(u"host with trailing dot"_s, u"rtmp://"_s + kHexHost + u".:1935/"_s + kHexToken, retired,
        hexOk(kHexToken, true, kHexToken, {}));
    row(u"vanity with hyphens in the event name"_s,
        u"rtmps://my-live-event-contoso-usw22"_s + kSuffix + u":2936/live/"_s + kGuid + u"/video1_audio1"_s,
        retired,
        AzureExpected{HostKind::Vanity, u"my-live-event"_s, u"contoso"_s, u"usw22"_s, kGuid, true, false,
                      u"live/"_s + kGuid, u"video1_audio1"_s,
                      u"rtmps://my-live-event-contoso-usw22"_s + kSuffix + u":2936/live/"_s + kGuid, true});
    const QString base32Host = u"abcdefghijklmnopqrstuvwxyz-234567abcdefghijklmnopqrst-euwe"_s + kSuffix;
    row(u"generated base32 host seen in the wild"_s,
        u"rtmp://"_s + base32Host + u":1935/live/"_s + kHexToken + u"/s"_s,
        {C::AzureHostShape, C::AzureServiceRetired},
        AzureExpected{HostKind::UnknownShape,
                      {},
                      {},
                      u"euwe"_s,
                      kHexToken,
                      true,
                      false,
                      u"live/"_s + kHexToken,
                      u"s"_s,
                      u"rtmp://"_s + base32Host + u":1935/live/"_s + kHexToken,
                      true});
    const QString longAccountHost = u"event-averyveryverylongaccountname1-usea"_s + kSuffix;
    row(u"account name too long for vanity"_s, u"rtmp://"_s + longAccountHost + u":1935/"_s + kHexToken,
        {C::AzureHostShape, C::AzureServiceRetired},
        AzureExpected{HostKind::UnknownShape,
                      {},
                      {},
                      u"usea"_s,
                      kHexToken,
                      true,
                      true,
                      kHexToken,
                      {},
                      u"rtmp://"_s + longAccountHost + u":1935/"_s + kHexToken,
                      true});
    const QString nestedHost = u"foo.bar"_s + kSuffix;
    row(u"extra label"_s, u"rtmp://"_s + nestedHost + u":1935/"_s + kHexToken,
        {C::AzureHostShape, C::AzureServiceRetired},
        AzureExpected{HostKind::UnknownShape,
                      {},
                      {},
                      {},
                      kHexToken,
                      true,
                      true,
                      kHexToken,
                      {},
                      u"rtmp://"_s + nestedHost + u":1935/"_s + kHexToken,
                      true});
    const QString shortHex = u"d3d5aefff6c04c2eb2e3a5c6b1a7b8"_s + kSuffix;
    row(u"hex host of 30 characters"_s, u"rtmp://"_s + shortHex + u":1935/"_s + kHexToken,
        {C::AzureHostShape, C::AzureServiceRetired},
        AzureExpected{HostKind::UnknownShape,
                      {},
                      {},
                      {},
                      kHexToken,
                      true,
                      true,
                      kHexToken,
                      {},
                      u"rtmp://"_s + shortHex + u":1935/"_s + kHexToken,
                      true});
    const QString bareSuffix = kSuffix.mid(1);
    row(u"bare service name"_s, u"rtmp://"_s + bareSuffix + u":1935/"_s + kHexToken,
        {C::AzureHostShape, C::AzureServiceRetired},
        AzureExpected{HostKind::UnknownShape,
                      {},
                      {},
                      {},
                      kHexToken,
                      true,
                      true,
                      kHexToken,
                      {},
                      u"rtmp://"_s + bareSuffix + u":1935/"_s + kHexToken,
                      true});

    // Access tokens.
    const QString guidNoHyphens = u"1fce2e4bfb1547188adc68c6eb4c26a7"_s;
    row(u"guid without hyphens"_s, hex1935 + u"/live/"_s + guidNoHyphens + u"/s"_s, retired,
        hexOk(guidNoHyphens, false, u"live/"_s + guidNoHyphens, u"s"_s));
    const QString upperGuid = kGuid.toUpper();
    row(u"upper-case guid"_s, hex1935 + u"/live/"_s + upperGuid + u"/s"_s, retired,
        hexOk(upperGuid, false, u"live/"_s + upperGuid, u"s"_s));
    AzureExpected oddToken = hexOk(u"not-a-token"_s, false, u"live/not-a-token"_s, u"s"_s);
    oddToken.accessTokenWellFormed = false;
    row(u"token of another shape"_s, hex1935 + u"/live/not-a-token/s"_s,
        {C::AzureAccessTokenShape, C::AzureServiceRetired}, oddToken);
    const QString cutGuid = u"1fce2e4b-fb15-4718-8adc"_s;
    AzureExpected cutToken = hexOk(cutGuid, true, cutGuid, {});
    cutToken.accessTokenWellFormed = false;
    row(u"guid cut short, legacy"_s, hex1935 + u"/"_s + cutGuid,
        {C::AzureAccessTokenShape, C::AzureServiceRetired}, cutToken);
    AzureExpected placeholderToken =
        hexOk(u"YOUR-ACCESS-TOKEN"_s, false, u"live/YOUR-ACCESS-TOKEN"_s, u"s"_s);
    placeholderToken.accessTokenWellFormed = false;
    row(u"placeholder token"_s, hex1935 + u"/live/YOUR-ACCESS-TOKEN/s"_s,
        {C::Placeholder, C::AzureServiceRetired}, placeholderToken);
    AzureExpected noToken = hexOk({}, false, u"live"_s, {});
    noToken.accessTokenWellFormed = false;
    row(u"live without token"_s, hex1935 + u"/live"_s,
        {C::AzureAccessTokenMissing, C::MissingStreamKey, C::AzureServiceRetired}, noToken);
    row(u"live/token without stream"_s, hex1935 + u"/live/"_s + kGuid,
        {C::MissingStreamKey, C::AzureServiceRetired}, hexOk(kGuid, false, u"live/"_s + kGuid, {}));
    AzureExpected noPath = hexOk({}, false, {}, {});
    noPath.accessTokenWellFormed = false;
    noPath.tcUrl = hex1935 + u'/';
    row(u"no path"_s, hex1935, {C::MissingApplication, C::AzureServiceRetired}, noPath);
    row(u"legacy token with a stream name"_s, hex1935 + u"/"_s + kHexToken + u"/stream1"_s, retired,
        hexOk(kHexToken, true, kHexToken, u"stream1"_s));
    row(u"stream name equal to the token"_s, hex1935 + u"/live/"_s + kHexToken + u"/"_s + kHexToken, retired,
        hexOk(kHexToken, false, u"live/"_s + kHexToken, kHexToken));
    row(u"stream name twice"_s, hex1935 + u"/live/"_s + kGuid + u"/stream1/stream1"_s,
        {C::StreamKeyRepeated, C::AzureServiceRetired},
        hexOk(kGuid, false, u"live/"_s + kGuid, u"stream1"_s));
    row(u"extra segment before the stream"_s, hex1935 + u"/live/"_s + kGuid + u"/extra/stream1"_s, retired,
        hexOk(kGuid, false, u"live/"_s + kGuid + u"/extra"_s, u"stream1"_s));

    // The stream name in the encoder's separate box.
    row(u"stream in key box"_s, hex1935 + u"/live/"_s + kGuid, retired,
        hexOk(kGuid, false, u"live/"_s + kGuid, u"stream1"_s), withKey(u"stream1"_s));
    row(u"legacy with key box"_s, hex1935 + u"/"_s + kHexToken, retired,
        hexOk(kHexToken, true, kHexToken, u"s1"_s), withKey(u"s1"_s));
    row(u"stream in url and key box"_s, hex1935 + u"/live/"_s + kGuid + u"/stream1"_s,
        {C::StreamKeyRepeated, C::AzureServiceRetired}, hexOk(kGuid, false, u"live/"_s + kGuid, u"stream1"_s),
        withKey(u"stream1"_s));
    UrlParseOptions appOnly;
    appOnly.layout = PathLayout::AppOnly;
    row(u"azure split wins over the app-only layout"_s, hex1935 + u"/live/"_s + kGuid + u"/stream1"_s,
        retired, hexOk(kGuid, false, u"live/"_s + kGuid, u"stream1"_s), appOnly);

    // The naming rule copied from the documentation, placeholders and all.
    AzureExpected templateUrl{HostKind::UnknownShape, {}, {}, {},   u"<access token>"_s, false, true,
                              u"<access token>"_s,    {}, {}, false};
    row(u"documentation template"_s,
        u"rtmp://<random 128bit hex string>.channel.media.azure.net:1935/<access token>"_s,
        {C::Placeholder, C::WhitespaceInside, C::AzureHostShape, C::AzureServiceRetired}, templateUrl);
}

void TestIngestUrlAzure::parse()
{
    QFETCH(QString, input);
    QFETCH(UrlParseOptions, options);
    QFETCH(QStringList, codes);
    QFETCH(AzureExpected, expected);

    const IngestUrl url = IngestUrl::parse(input, options);
    QCOMPARE(sortedIds(url.findings()), codes);
    const AzureIngest azure = url.azure();
    QVERIFY(azure.isAzure);
    QCOMPARE(azure.hostKind, expected.hostKind);
    QCOMPARE(azure.liveEventName, expected.liveEventName);
    QCOMPARE(azure.accountName, expected.accountName);
    QCOMPARE(azure.region, expected.region);
    QCOMPARE(azure.accessToken, expected.accessToken);
    QCOMPARE(azure.accessTokenWellFormed, expected.accessTokenWellFormed);
    QCOMPARE(azure.legacyLayout, expected.legacyLayout);
    QCOMPARE(url.application(), expected.application);
    QCOMPARE(url.applicationPath(), expected.application);
    QCOMPARE(url.instance(), QString());
    QCOMPARE(url.streamKey(), expected.streamKey);
    QCOMPARE(url.tcUrl(Redaction::RevealSecrets), expected.tcUrl);
    QCOMPARE(url.isUsable(), expected.usable);

    // The token is part of the application, and a secret: the redacted forms must hide it.
    if (!expected.accessToken.isEmpty()) {
        QVERIFY(!url.tcUrl(Redaction::Redacted).contains(expected.accessToken));
        QVERIFY(!url.toString(Redaction::Redacted).contains(expected.accessToken));
        QVERIFY(!url.applicationPath(Redaction::Redacted).contains(expected.accessToken));
        QVERIFY(!describeIngestUrl(url, Redaction::Redacted).contains(expected.accessToken));
    }
}

void TestIngestUrlAzure::notAzure()
{
    for (const QString& input :
         {u"rtmp://channel.media.azure.net.example.com/live/key1"_s, u"rtmp://media.azure.net/live/key1"_s,
          u"rtmp://xchannel.media.azure.net/live/key1"_s, u"rtmp://live.example.com/live/key1"_s}) {
        const IngestUrl url = IngestUrl::parse(input);
        QVERIFY2(!url.azure().isAzure, qPrintable(input));
        QVERIFY2(!url.hasFinding(UrlLintCode::AzureServiceRetired), qPrintable(input));
    }
}

void TestIngestUrlAzure::spans_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<UrlLintCode>("code");
    QTest::addColumn<Severity>("severity");
    QTest::addColumn<qsizetype>("start");
    QTest::addColumn<qsizetype>("length");

    const QString origin = u"rtmp://"_s + kHexHost; // host from column 8
    const qsizetype afterHost = origin.size();
    QTest::newRow("port not allowed")
        << origin + u":2935/live/"_s + kGuid + u"/s"_s << UrlLintCode::AzurePortNotAllowed << Severity::Error
        << afterHost + 1 << qsizetype(4);
    QTest::newRow("default port not allowed")
        << u"rtmps://"_s + kHexHost + u"/live/"_s + kGuid + u"/s"_s << UrlLintCode::AzurePortNotAllowed
        << Severity::Error << afterHost + 1 << qsizetype(0);
    QTest::newRow("token shape") << origin + u":1935/live/abc/s"_s << UrlLintCode::AzureAccessTokenShape
                                 << Severity::Warning << afterHost + 11 << qsizetype(3);
    QTest::newRow("token missing") << origin + u":1935/live"_s << UrlLintCode::AzureAccessTokenMissing
                                   << Severity::Error << afterHost + 10 << qsizetype(0);
    QTest::newRow("host shape") << u"rtmp://odd"_s + kSuffix + u"/"_s + kGuid << UrlLintCode::AzureHostShape
                                << Severity::Warning << qsizetype(7) << qsizetype(3) + kSuffix.size();
    QTest::newRow("scheme not supported")
        << u"rtmpts://"_s + kHexHost + u"/live/"_s + kGuid + u"/s"_s << UrlLintCode::AzureSchemeNotSupported
        << Severity::Error << qsizetype(0) << qsizetype(6);
    QTest::newRow("retired") << origin + u":1935/"_s + kGuid << UrlLintCode::AzureServiceRetired
                             << Severity::Error << qsizetype(7) << kHexHost.size();
}

void TestIngestUrlAzure::spans()
{
    QFETCH(QString, input);
    QFETCH(UrlLintCode, code);
    QFETCH(Severity, severity);
    QFETCH(qsizetype, start);
    QFETCH(qsizetype, length);

    const IngestUrl url = IngestUrl::parse(input);
    const QList<UrlFinding> findings = url.findings();
    const auto it =
        std::find_if(findings.begin(), findings.end(), [&](const UrlFinding& f) { return f.code == code; });
    QVERIFY2(it != findings.end(), qPrintable(describeFindings(findings)));
    QCOMPARE(it->severity, severity);
    QCOMPARE(it->field, UrlField::Url);
    QCOMPARE(it->span.start, start);
    QCOMPARE(it->span.length, length);
}

void TestIngestUrlAzure::serviceRetiredIsAnErrorButTheUrlStaysUsable()
{
    const IngestUrl url =
        IngestUrl::parse(u"rtmps://"_s + kVanityHost + u":2935/live/"_s + kGuid + u"/stream1"_s);
    QCOMPARE(url.findings().size(), qsizetype(1));
    const UrlFinding finding = url.findings().constFirst();
    QCOMPARE(finding.code, UrlLintCode::AzureServiceRetired);
    QCOMPARE(finding.severity, Severity::Error);
    QVERIFY(finding.message.contains(u"30 June 2024"_s));
    QVERIFY(finding.message.contains(u"provider"_s));
    QCOMPARE(finding.span.start, qsizetype(8));
    QCOMPARE(finding.span.length, kVanityHost.size());
    QCOMPARE(url.worstSeverity(), Severity::Error);
    // The probe may still run and show what the old host answers today.
    QVERIFY(url.isUsable());
}

void TestIngestUrlAzure::describeShowsTheAzureForm()
{
    const IngestUrl url =
        IngestUrl::parse(u"rtmp://"_s + kVanityHost + u":1935/live/"_s + kGuid + u"/stream1"_s);
    const QString text = describeIngestUrl(url, Redaction::Redacted);
    QVERIFY2(
        text.contains(
            u"Azure:        Azure Media Services, vanity host (live event \"myevent\", account "
            u"\"myaccount\", region \"euwe\"); path layout live, access token, stream name; access token "
            u"•••••• (36 characters hidden) (well formed); the service was retired on 30 June 2024\n"_s),
        qPrintable(text));
    QVERIFY2(text.contains(u"Application:  live/•••••• (36 characters hidden)\n"_s), qPrintable(text));
    QVERIFY(!text.contains(kGuid));
    QVERIFY(describeIngestUrl(url, Redaction::RevealSecrets).contains(kGuid));
}

QTEST_GUILESS_MAIN(TestIngestUrlAzure)
#include "tst_ingesturl_azure.moc"
