#include "catalog/catalogjson.h"
#include "catalog/catalogs.h"

#include <QDirIterator>
#include <QFile>
#include <QSet>
#include <QTest>
#include <QXmlStreamReader>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace {

QString sourcePath(const QString& relative)
{
    return QStringLiteral(RTMPDOCTOR_SOURCE_DIR) + u'/' + relative;
}

QString fixturePath(const QString& fileName)
{
    return sourcePath(u"tests/data/catalogs/"_s + fileName);
}

QStringList idsOf(const QList<rd::EncoderInfo>& encoders)
{
    QStringList ids;
    for (const rd::EncoderInfo& info : encoders)
        ids.append(info.id);
    return ids;
}

QList<quint16> portsOf(const QList<rd::ListeningPort>& listening)
{
    QList<quint16> ports;
    for (const rd::ListeningPort& entry : listening)
        ports.append(entry.port);
    return ports;
}

const QStringList kExpectedEncoderIds{
    u"adobe-fmle"_s,
    u"haivision-kb"_s,
    u"haivision-makito-x-hevc"_s,
    u"obs-studio"_s,
    u"switcher-studio-ios"_s,
    u"telestream-wirecast"_s,
    u"telestream-wirecast-s"_s,
    u"teradek-slice-756"_s,
    u"tricaster-8000"_s,
    u"tricaster-mini-hd-4"_s,
    u"vmix"_s,
    u"xstream"_s,
    u"avchat-3"_s,
    u"ffmpeg"_s,
    u"other"_s,
};

const QStringList kExpectedFamilyIds{
    u"azure-media-services-v3"_s,
    u"azure-media-services-v2"_s,
    u"red5"_s,
    u"wowza"_s,
    u"adobe-media-server"_s,
    u"nginx-rtmp"_s,
    u"youtube"_s,
    u"twitch"_s,
    u"facebook"_s,
    u"generic"_s,
};

const QString kAvchatHint =
    u"The application avchat30 belongs to the AVChat 3 video chat, which runs on Red5, Adobe Media Server / "
    u"Flash Media Server or Wowza; the avchat30 server-side application must be installed there."_s;

const QString kAzureV3Retired =
    u"Azure Media Services v3 live event was retired on 30 June 2024; an ingest of "
    u"it can no longer receive a stream."_s;

} // namespace

class TestCatalog : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();

    void builtInCatalogsLoad();
    void compiledInDataIsTheSourceTreeData_data();
    void compiledInDataIsTheSourceTreeData();

    void seedEncoders_data();
    void seedEncoders();
    void encoderSchemes_data();
    void encoderSchemes();
    void encoderHelpTextsArePresent();
    void encoderKindNamesRoundTrip_data();
    void encoderKindNamesRoundTrip();
    void everyEncoderIconExists();

    void serverFamilies_data();
    void serverFamilies();
    void defaultPorts_data();
    void defaultPorts();

    void detect_data();
    void detect();
    void detectNeverCopiesThePath();

    void search_data();
    void search();

    void malformedCatalog_data();
    void malformedCatalog();
    void applicationHintMustNameAKnownEncoder();
    void missingFileIsReportedNotFatal();

    void iconsAreSvgTinyFriendly_data();
    void iconsAreSvgTinyFriendly();

private:
    const rd::EncoderInfo* encoderByName(const QString& name) const;

    std::optional<rd::Catalogs> m_catalogs;
};

void TestCatalog::initTestCase()
{
    const rd::CatalogLoadResult result = rd::Catalogs::loadBuiltIn();
    QVERIFY2(result.ok(), qPrintable(result.error.toString()));
    m_catalogs = result.catalogs;
}

const rd::EncoderInfo* TestCatalog::encoderByName(const QString& name) const
{
    for (const rd::EncoderInfo& info : m_catalogs->encoders.encoders()) {
        if (info.name.compare(name, Qt::CaseInsensitive) == 0)
            return &info;
    }
    return nullptr;
}

void TestCatalog::builtInCatalogsLoad()
{
    const rd::CatalogLoadResult result = rd::Catalogs::loadBuiltIn();
    QCOMPARE(result.status, rd::CatalogLoadResult::Status::Loaded);
    QVERIFY(result.error.isEmpty());
    QVERIFY(result.catalogs.has_value());
    QCOMPARE(idsOf(result.catalogs->encoders.encoders()), kExpectedEncoderIds);

    QStringList familyIds;
    for (const rd::ServerFamilyInfo& family : result.catalogs->servers.families())
        familyIds.append(family.id);
    QCOMPARE(familyIds, kExpectedFamilyIds);
}

void TestCatalog::compiledInDataIsTheSourceTreeData_data()
{
    QTest::addColumn<QString>("resource");
    QTest::addColumn<QString>("source");
    QTest::newRow("encoders") << u":/catalogs/encoders.json"_s << u"resources/catalogs/encoders.json"_s;
    QTest::newRow("servers") << u":/catalogs/servers.json"_s << u"resources/catalogs/servers.json"_s;
}

void TestCatalog::compiledInDataIsTheSourceTreeData()
{
    QFETCH(QString, resource);
    QFETCH(QString, source);
    QFile compiled(resource);
    QFile original(sourcePath(source));
    QVERIFY(compiled.open(QIODevice::ReadOnly));
    QVERIFY(original.open(QIODevice::ReadOnly));
    QCOMPARE(compiled.readAll(), original.readAll());
}

void TestCatalog::seedEncoders_data()
{
    QTest::addColumn<QString>("name"); // spelt as in the source documents
    QTest::addColumn<QString>("id");
    QTest::addColumn<QString>("vendor");
    QTest::addColumn<rd::EncoderKind>("kind");
    QTest::addColumn<bool>("recommendedByAzure");
    QTest::addColumn<bool>("needsStreamKey");
    QTest::addColumn<rd::PathLayout>("pathLayout");
    QTest::addColumn<bool>("separateKeyField");
    QTest::addColumn<QString>("iconId");

    using K = rd::EncoderKind;
    const auto stream = rd::PathLayout::AppThenStream;
    const auto row = [](const char* name) -> QTestData& {
        return QTest::newRow(name) << QString::fromUtf8(name);
    };
    row("Adobe Flash Media Live Encoder 3.2") << u"adobe-fmle"_s << u"Adobe"_s << K::Software << true << true
                                              << stream << true << u"kinds/software"_s;
    row("Haivision KB") << u"haivision-kb"_s << u"Haivision"_s << K::Hardware << true << true << stream
                        << true << u"kinds/hardware"_s;
    row("Haivision Makito X HEVC") << u"haivision-makito-x-hevc"_s << u"Haivision"_s << K::Hardware << true
                                   << true << stream << true << u"kinds/hardware"_s;
    row("OBS Studio") << u"obs-studio"_s << u"OBS Project"_s << K::Software << true << true << stream << true
                      << u"kinds/software"_s;
    row("Switcher Studio (iOS)") << u"switcher-studio-ios"_s << u"Switcher Inc."_s << K::Mobile << true
                                 << true << stream << true << u"kinds/mobile"_s;
    row("Telestream Wirecast 8.1+") << u"telestream-wirecast"_s << u"Telestream"_s << K::Software << true
                                    << true << stream << true << u"kinds/software"_s;
    row("Telestream Wirecast S") << u"telestream-wirecast-s"_s << u"Telestream"_s << K::Software << true
                                 << true << stream << true << u"kinds/software"_s;
    row("Teradek Slice 756") << u"teradek-slice-756"_s << u"Teradek"_s << K::Hardware << true << true
                             << stream << true << u"kinds/hardware"_s;
    row("TriCaster 8000") << u"tricaster-8000"_s << u"NewTek (Vizrt)"_s << K::Hardware << true << true
                          << stream << true << u"kinds/hardware"_s;
    row("Tricaster Mini HD-4") << u"tricaster-mini-hd-4"_s << u"NewTek (Vizrt)"_s << K::Hardware << true
                               << true << stream << true << u"kinds/hardware"_s;
    row("VMIX") << u"vmix"_s << u"StudioCoast"_s << K::Software << true << true << stream << true
                << u"kinds/software"_s;
    row("xStream") << u"xstream"_s << QString() << K::Other << true << true << stream << true
                   << u"kinds/other"_s;
    row("AVChat 3") << u"avchat-3"_s << u"AVChat (avchat.net)"_s << K::VideoChat << false << false
                    << rd::PathLayout::AppOnly << false << u"kinds/video-chat"_s;
    row("FFmpeg") << u"ffmpeg"_s << u"FFmpeg project"_s << K::CommandLine << false << true << stream << false
                  << u"kinds/command-line"_s;
    row("Other encoder") << u"other"_s << QString() << K::Other << false << true << stream << true
                         << u"kinds/other"_s;
}

void TestCatalog::seedEncoders()
{
    QFETCH(QString, name);
    QFETCH(QString, id);
    QFETCH(QString, vendor);
    QFETCH(rd::EncoderKind, kind);
    QFETCH(bool, recommendedByAzure);
    QFETCH(bool, needsStreamKey);
    QFETCH(rd::PathLayout, pathLayout);
    QFETCH(bool, separateKeyField);
    QFETCH(QString, iconId);

    const rd::EncoderInfo* byName = encoderByName(name);
    QVERIFY2(byName, qPrintable(name));
    const rd::EncoderInfo* byId = m_catalogs->encoders.find(id);
    QVERIFY(byId);
    QCOMPARE(byName, byId);
    QCOMPARE(byId->vendor, vendor);
    QCOMPARE(byId->kind, kind);
    QCOMPARE(byId->recommendedByAzure, recommendedByAzure);
    QCOMPARE(byId->needsStreamKey, needsStreamKey);
    QCOMPARE(byId->pathLayout, pathLayout);
    QCOMPARE(byId->separateKeyField, separateKeyField);
    QCOMPARE(byId->iconId, iconId);
    QCOMPARE(byId->iconResourcePath(), u":/icons/"_s + iconId + u".svg"_s);
}

void TestCatalog::encoderSchemes_data()
{
    QTest::addColumn<QString>("id");
    QTest::addColumn<QStringList>("schemes");

    const QStringList rtmpAndRtmps{u"rtmp"_s, u"rtmps"_s};
    QTest::newRow("fmle: no rtmps") << u"adobe-fmle"_s << QStringList{u"rtmp"_s};
    QTest::newRow("obs") << u"obs-studio"_s << rtmpAndRtmps;
    QTest::newRow("haivision kb") << u"haivision-kb"_s << rtmpAndRtmps;
    QTest::newRow("wirecast") << u"telestream-wirecast"_s << rtmpAndRtmps;
    QTest::newRow("vmix") << u"vmix"_s << rtmpAndRtmps;
    QTest::newRow("avchat: rtmp then rtmpt fallback") << u"avchat-3"_s << QStringList{u"rtmp"_s, u"rtmpt"_s};
    QTest::newRow("ffmpeg: everything") << u"ffmpeg"_s << QStringList{u"rtmp"_s,   u"rtmps"_s, u"rtmpt"_s,
                                                                      u"rtmpts"_s, u"rtmpe"_s, u"rtmpte"_s};
    QTest::newRow("other") << u"other"_s << rtmpAndRtmps;
}

void TestCatalog::encoderSchemes()
{
    QFETCH(QString, id);
    QFETCH(QStringList, schemes);

    const rd::EncoderInfo* info = m_catalogs->encoders.find(id);
    QVERIFY(info);
    QCOMPARE(info->schemes, schemes);
    for (const QString& scheme : rd::catalogdetail::knownSchemes()) {
        QCOMPARE(info->supportsScheme(scheme), schemes.contains(scheme));
        QCOMPARE(info->supportsScheme(scheme.toUpper()), schemes.contains(scheme));
    }
}

void TestCatalog::encoderHelpTextsArePresent()
{
    const rd::EncoderInfo* obs = m_catalogs->encoders.find(u"obs-studio"_s);
    QVERIFY(obs);
    QVERIFY(obs->logsWhere.contains(u"Help > Log Files"_s));
    QVERIFY(obs->typicalErrors.contains(u"Could not access the specified channel or stream key"_s));

    const rd::EncoderInfo* ffmpeg = m_catalogs->encoders.find(u"ffmpeg"_s);
    QVERIFY(ffmpeg);
    QVERIFY(ffmpeg->errorsWhere.contains(u"standard error"_s));
    QVERIFY(ffmpeg->typicalErrors.contains(u"Protocol not found"_s));

    const rd::EncoderInfo* avchat = m_catalogs->encoders.find(u"avchat-3"_s);
    QVERIFY(avchat);
    QCOMPARE(avchat->typicalErrors.size(), 5);
    QCOMPARE(
        avchat->typicalErrors.first(),
        u"Connection failed, media server might be down or firewall might be blocking the connection!"_s);

    const rd::EncoderInfo* wirecast = m_catalogs->encoders.find(u"telestream-wirecast"_s);
    QVERIFY(wirecast);
    QCOMPARE(wirecast->typicalErrors, QStringList{u"Error -4024"_s});

    for (const rd::EncoderInfo& info : m_catalogs->encoders.encoders()) {
        QVERIFY2(!info.errorsWhere.isEmpty(), qPrintable(info.id));
        QVERIFY2(!info.logsWhere.isEmpty(), qPrintable(info.id));
        QVERIFY2(!info.keywords.isEmpty(), qPrintable(info.id));
        QVERIFY2(!info.notes.isEmpty(), qPrintable(info.id));
    }
}

void TestCatalog::encoderKindNamesRoundTrip_data()
{
    QTest::addColumn<rd::EncoderKind>("kind");
    QTest::addColumn<QString>("name");
    QTest::newRow("software") << rd::EncoderKind::Software << u"software"_s;
    QTest::newRow("hardware") << rd::EncoderKind::Hardware << u"hardware"_s;
    QTest::newRow("mobile") << rd::EncoderKind::Mobile << u"mobile"_s;
    QTest::newRow("video-chat") << rd::EncoderKind::VideoChat << u"video-chat"_s;
    QTest::newRow("command-line") << rd::EncoderKind::CommandLine << u"command-line"_s;
    QTest::newRow("other") << rd::EncoderKind::Other << u"other"_s;
}

void TestCatalog::encoderKindNamesRoundTrip()
{
    QFETCH(rd::EncoderKind, kind);
    QFETCH(QString, name);
    QCOMPARE(rd::encoderKindName(kind), name);
    QCOMPARE(rd::encoderKindFromName(name), std::optional<rd::EncoderKind>(kind));
    QVERIFY(QFile::exists(sourcePath(u"resources/icons/kinds/"_s + name + u".svg"_s)));
    QVERIFY(!rd::encoderKindFromName(name.toUpper()).has_value());
}

void TestCatalog::everyEncoderIconExists()
{
    for (const rd::EncoderInfo& info : m_catalogs->encoders.encoders()) {
        const QString file = sourcePath(u"resources/icons/"_s + info.iconId + u".svg"_s);
        QVERIFY2(QFile::exists(file), qPrintable(info.id + u": "_s + file));
    }
    QVERIFY(QFile::exists(sourcePath(u"resources/icons/app/rtmp-doctor.svg"_s)));
}

void TestCatalog::serverFamilies_data()
{
    QTest::addColumn<QString>("id");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QList<quint16>>("listeningPorts");
    QTest::addColumn<rd::LivenessCheck::Kind>("livenessKind");
    QTest::addColumn<quint16>("livenessPort");
    QTest::addColumn<QString>("configFile");
    QTest::addColumn<QStringList>("configKeys");
    QTest::addColumn<QDate>("retiredOn");
    QTest::addColumn<QStringList>("variants");

    using L = rd::LivenessCheck::Kind;
    const QDate retired(2024, 6, 30);
    QTest::newRow("azure v3") << u"azure-media-services-v3"_s << u"Azure Media Services v3 live event"_s
                              << QList<quint16>{1935, 1936, 2935, 2936} << L::None << quint16(0) << QString()
                              << QStringList() << retired << QStringList{u"non-vanity"_s, u"vanity"_s};
    QTest::newRow("azure v2") << u"azure-media-services-v2"_s << u"Azure Media Services v2 channel (legacy)"_s
                              << QList<quint16>{1935} << L::None << quint16(0) << QString() << QStringList()
                              << retired << QStringList();
    QTest::newRow("red5") << u"red5"_s << u"Red5"_s << QList<quint16>{1935, 5080} << L::HttpGet
                          << quint16(5080) << u"conf/red5.properties"_s
                          << QStringList{u"rtmp.port"_s, u"rtmpt.port"_s, u"http.port"_s} << QDate()
                          << QStringList();
    QTest::newRow("wowza") << u"wowza"_s << u"Wowza Streaming Engine"_s << QList<quint16>{1935} << L::HttpGet
                           << quint16(1935) << u"conf/VHost.xml"_s
                           << QStringList{u"<Port> of the host port entry"_s} << QDate() << QStringList();
    QTest::newRow("ams/fms") << u"adobe-media-server"_s << u"Adobe Media Server / Flash Media Server"_s
                             << QList<quint16>{1935} << L::None << quint16(0) << u"conf/fms.ini"_s
                             << QStringList{u"ADAPTOR.HOSTPORT"_s} << QDate() << QStringList();
    QTest::newRow("nginx-rtmp") << u"nginx-rtmp"_s << u"nginx with the RTMP module"_s << QList<quint16>{1935}
                                << L::None << quint16(0) << u"nginx.conf"_s
                                << QStringList{u"listen (inside rtmp { server { ... } })"_s} << QDate()
                                << QStringList();
    QTest::newRow("youtube") << u"youtube"_s << u"YouTube Live"_s << QList<quint16>{1935, 443} << L::None
                             << quint16(0) << QString() << QStringList() << QDate() << QStringList();
    QTest::newRow("twitch") << u"twitch"_s << u"Twitch"_s << QList<quint16>{1935, 443} << L::None
                            << quint16(0) << QString() << QStringList() << QDate() << QStringList();
    QTest::newRow("facebook") << u"facebook"_s << u"Facebook Live"_s << QList<quint16>{443} << L::None
                              << quint16(0) << QString() << QStringList() << QDate() << QStringList();
    QTest::newRow("generic") << u"generic"_s << u"Generic RTMP server"_s << QList<quint16>{1935, 443, 80}
                             << L::None << quint16(0) << QString() << QStringList() << QDate()
                             << QStringList();
}

void TestCatalog::serverFamilies()
{
    QFETCH(QString, id);
    QFETCH(QString, name);
    QFETCH(QList<quint16>, listeningPorts);
    QFETCH(rd::LivenessCheck::Kind, livenessKind);
    QFETCH(quint16, livenessPort);
    QFETCH(QString, configFile);
    QFETCH(QStringList, configKeys);
    QFETCH(QDate, retiredOn);
    QFETCH(QStringList, variants);

    const rd::ServerFamilyInfo* family = m_catalogs->servers.find(id);
    QVERIFY(family);
    QCOMPARE(family->name, name);
    QCOMPARE(portsOf(family->listeningPorts), listeningPorts);
    QCOMPARE(family->liveness.kind, livenessKind);
    QCOMPARE(family->liveness.port, livenessPort);
    if (livenessKind == rd::LivenessCheck::Kind::HttpGet) {
        QCOMPARE(family->liveness.path, u"/"_s);
        QVERIFY(!family->liveness.expectation.isEmpty());
    }
    QCOMPARE(family->configFile, configFile);
    QCOMPARE(family->configKeys, configKeys);
    QCOMPARE(family->retiredOn, retiredOn);
    QCOMPARE(family->isRetired(), retiredOn.isValid());
    QStringList variantIds;
    for (const rd::ServerVariant& variant : family->variants)
        variantIds.append(variant.id);
    QCOMPARE(variantIds, variants);
    QVERIFY(!family->notes.isEmpty());
}

void TestCatalog::defaultPorts_data()
{
    QTest::addColumn<QString>("familyId");
    QTest::addColumn<QString>("scheme");
    QTest::addColumn<quint16>("port");

    QTest::newRow("azure v3 rtmp") << u"azure-media-services-v3"_s << u"rtmp"_s << quint16(1935);
    QTest::newRow("azure v3 rtmps") << u"azure-media-services-v3"_s << u"rtmps"_s << quint16(2935);
    QTest::newRow("red5 rtmp") << u"red5"_s << u"rtmp"_s << quint16(1935);
    QTest::newRow("red5 rtmpt") << u"red5"_s << u"rtmpt"_s << quint16(5080);
    QTest::newRow("wowza rtmpt shares 1935") << u"wowza"_s << u"rtmpt"_s << quint16(1935);
    QTest::newRow("ams rtmpt") << u"adobe-media-server"_s << u"rtmpt"_s << quint16(80);
    QTest::newRow("youtube rtmps") << u"youtube"_s << u"rtmps"_s << quint16(443);
    QTest::newRow("twitch rtmps") << u"twitch"_s << u"RTMPS"_s << quint16(443);
    QTest::newRow("facebook rtmps") << u"facebook"_s << u"rtmps"_s << quint16(443);
    QTest::newRow("nginx rtmps falls back to generic") << u"nginx-rtmp"_s << u"rtmps"_s << quint16(443);
    QTest::newRow("generic rtmpt") << u"generic"_s << u"rtmpt"_s << quint16(80);
    QTest::newRow("generic rtmpte") << u"generic"_s << u"rtmpte"_s << quint16(80);
    QTest::newRow("unknown family falls back") << u"no-such-family"_s << u"rtmp"_s << quint16(1935);
    QTest::newRow("unknown scheme") << u"generic"_s << u"http"_s << quint16(0);
}

void TestCatalog::defaultPorts()
{
    QFETCH(QString, familyId);
    QFETCH(QString, scheme);
    QFETCH(quint16, port);
    QCOMPARE(m_catalogs->servers.defaultPort(familyId, scheme), port);
}

void TestCatalog::detect_data()
{
    QTest::addColumn<QString>("host");
    QTest::addColumn<quint16>("port");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("familyId");
    QTest::addColumn<QString>("variantId");
    QTest::addColumn<rd::ServerCatalog::DetectionBasis>("basis");
    QTest::addColumn<QString>("reason");
    QTest::addColumn<QStringList>("hints");

    using B = rd::ServerCatalog::DetectionBasis;
    const QString azureHexHost = u"0123456789abcdef0123456789abcdef.channel.media.azure.net"_s;
    QTest::newRow("azure non-vanity, documented 32-hex host")
        << azureHexHost << quint16(1935) << u"/live/00000000000000000000000000000000/stream"_s
        << u"azure-media-services-v3"_s << u"non-vanity"_s << B::HostName
        << u"The host name "_s + azureHexHost +
               u" is under channel.media.azure.net, which belongs to Azure Media Services v3 live event. It "
               u"has "
               u"the form of a non-vanity ingest URL (generated host name)."_s
        << QStringList{kAzureV3Retired};

    const QString azureBase32Host =
        u"abcdefghijklmnopqrstuvwxyz-234567abcdefghijklmnopqrst-euwe.channel.media.azure.net"_s;
    QTest::newRow("azure non-vanity, base32 host seen in the wild")
        << azureBase32Host << quint16(2935) << u"/live/token/stream"_s << u"azure-media-services-v3"_s
        << u"non-vanity"_s << B::HostName
        << u"The host name "_s + azureBase32Host +
               u" is under channel.media.azure.net, which belongs to Azure Media Services v3 live event. It "
               u"has "
               u"the form of a non-vanity ingest URL (generated host name)."_s
        << QStringList{kAzureV3Retired};

    QTest::newRow("azure vanity") << u"myevent-contoso-usea.channel.media.azure.net"_s << quint16(1936)
                                  << u"/live/token/stream"_s << u"azure-media-services-v3"_s << u"vanity"_s
                                  << B::HostName
                                  << u"The host name myevent-contoso-usea.channel.media.azure.net is under "
                                     u"channel.media.azure.net, which "
                                     u"belongs to Azure Media Services v3 live event. It has the form of a "
                                     u"vanity ingest URL (fixed host "
                                     u"name)."_s
                                  << QStringList{kAzureV3Retired};

    QTest::newRow("azure vanity, upper case with trailing dot")
        << u"MyEvent-Contoso-USEA.Channel.Media.Azure.NET."_s << quint16(2936) << QString()
        << u"azure-media-services-v3"_s << u"vanity"_s << B::HostName
        << u"The host name myevent-contoso-usea.channel.media.azure.net is under channel.media.azure.net, "
           u"which "
           u"belongs to Azure Media Services v3 live event. It has the form of a vanity ingest URL (fixed "
           u"host "
           u"name)."_s
        << QStringList{kAzureV3Retired};

    QTest::newRow("azure v2 channel")
        << u"channel001-streamingtest.channel.mediaservices.windows.net"_s << quint16(1935) << u"/live/x/y"_s
        << u"azure-media-services-v2"_s << QString() << B::HostName
        << u"The host name channel001-streamingtest.channel.mediaservices.windows.net is under "
           u"channel.mediaservices.windows.net, which belongs to Azure Media Services v2 channel (legacy)."_s
        << QStringList{
               u"Azure Media Services v2 channel (legacy) was retired on 30 June 2024; an ingest of it "
               u"can no longer receive a stream."_s};

    QTest::newRow("youtube rtmp")
        << u"a.rtmp.youtube.com"_s << quint16(1935) << u"/live2"_s << u"youtube"_s << QString() << B::HostName
        << u"The host name a.rtmp.youtube.com is under youtube.com, which belongs to YouTube Live."_s
        << QStringList();
    QTest::newRow("youtube rtmps backup")
        << u"b.rtmps.youtube.com"_s << quint16(443) << u"/live2?backup=1"_s << u"youtube"_s << QString()
        << B::HostName
        << u"The host name b.rtmps.youtube.com is under youtube.com, which belongs to YouTube Live."_s
        << QStringList();
    QTest::newRow("host name wins over a port hint")
        << u"a.rtmp.youtube.com"_s << quint16(5080) << QString() << u"youtube"_s << QString() << B::HostName
        << u"The host name a.rtmp.youtube.com is under youtube.com, which belongs to YouTube Live."_s
        << QStringList();
    QTest::newRow("twitch classic")
        << u"live.twitch.tv"_s << quint16(1935) << u"/app"_s << u"twitch"_s << QString() << B::HostName
        << u"The host name live.twitch.tv is under twitch.tv, which belongs to Twitch."_s << QStringList();
    QTest::newRow("twitch regional") << u"fra05.contribute.live-video.net"_s << quint16(1935) << u"/app/"_s
                                     << u"twitch"_s << QString() << B::HostName
                                     << u"The host name fra05.contribute.live-video.net is under "
                                        u"contribute.live-video.net, which belongs to "
                                        u"Twitch."_s
                                     << QStringList();
    QTest::newRow("twitch global, by pattern")
        << u"ingest.global-contribute.live-video.net"_s << quint16(443) << u"/app"_s << u"twitch"_s
        << QString() << B::HostName
        << u"The host name ingest.global-contribute.live-video.net has the form of the host names of Twitch."_s
        << QStringList();
    QTest::newRow("other live-video.net host is not twitch")
        << u"a1b2c3.global-contribute.live-video.net"_s << quint16(443) << u"/app"_s << u"generic"_s
        << QString() << B::Nothing
        << u"Neither the host name a1b2c3.global-contribute.live-video.net nor port 443 points at a known "
           u"service or server product, so the generic RTMP defaults apply."_s
        << QStringList();
    QTest::newRow("facebook rtmps")
        << u"live-api-s.facebook.com"_s << quint16(443) << u"/rtmp/"_s << u"facebook"_s << QString()
        << B::HostName
        << u"The host name live-api-s.facebook.com is under facebook.com, which belongs to Facebook Live."_s
        << QStringList();
    QTest::newRow("look-alike suffix is not youtube")
        << u"notyoutube.com"_s << quint16(1935) << QString() << u"generic"_s << QString() << B::Nothing
        << u"Neither the host name notyoutube.com nor port 1935 points at a known service or server product, "
           u"so "
           u"the generic RTMP defaults apply."_s
        << QStringList();
    QTest::newRow("youtube as a subdomain of another site")
        << u"youtube.com.example.net"_s << quint16(0) << QString() << u"generic"_s << QString() << B::Nothing
        << u"Neither the host name youtube.com.example.net nor the default port points at a known service or "
           u"server product, so the generic RTMP defaults apply."_s
        << QStringList();
    QTest::newRow("port 5080 hints at red5")
        << u"media.example.com"_s << quint16(5080) << u"/live"_s << u"red5"_s << QString() << B::Port
        << u"Nothing in the host name identifies the server, but port 5080 suggests Red5: 5080 is where "
           u"Red5's "
           u"built-in web server, which also carries RTMPT, listens by default."_s
        << QStringList();
    QTest::newRow("port 2935 hints at azure")
        << u"203.0.113.7"_s << quint16(2935) << QString() << u"azure-media-services-v3"_s << QString()
        << B::Port
        << u"Nothing in the host name identifies the server, but port 2935 suggests Azure Media Services v3 "
           u"live "
           u"event: 2935 was the RTMPS port of Azure Media Services live events."_s
        << QStringList{kAzureV3Retired};
    QTest::newRow("avchat application is a hint, not a family")
        << u"chat.example.com"_s << quint16(0) << u"/avchat30/_definst_"_s << u"generic"_s << QString()
        << B::Nothing
        << u"Neither the host name chat.example.com nor the default port points at a known service or server "
           u"product, so the generic RTMP defaults apply."_s
        << QStringList{kAvchatHint};
    QTest::newRow("avchat on red5's port")
        << u"chat.example.com"_s << quint16(5080) << u"AVChat30/_definst_"_s << u"red5"_s << QString()
        << B::Port
        << u"Nothing in the host name identifies the server, but port 5080 suggests Red5: 5080 is where "
           u"Red5's "
           u"built-in web server, which also carries RTMPT, listens by default."_s
        << QStringList{kAvchatHint};
    QTest::newRow("avchat only as first path segment")
        << u"chat.example.com"_s << quint16(1935) << u"/live/avchat30"_s << u"generic"_s << QString()
        << B::Nothing
        << u"Neither the host name chat.example.com nor port 1935 points at a known service or server "
           u"product, "
           u"so the generic RTMP defaults apply."_s
        << QStringList();
    QTest::newRow("unknown host") << u"stream.example.org"_s << quint16(1935) << u"/live/key"_s
                                  << u"generic"_s << QString() << B::Nothing
                                  << u"Neither the host name stream.example.org nor port 1935 points at a "
                                     u"known service or server product, "
                                     u"so the generic RTMP defaults apply."_s
                                  << QStringList();
    QTest::newRow("ipv6 literal") << u"[::1]"_s << quint16(1935) << QString() << u"generic"_s << QString()
                                  << B::Nothing
                                  << u"Neither the host name ::1 nor port 1935 points at a known service or "
                                     u"server product, so the generic "
                                     u"RTMP defaults apply."_s
                                  << QStringList();
    QTest::newRow("no host") << QString() << quint16(0) << QString() << u"generic"_s << QString()
                             << B::Nothing << u"No host name was given, so the generic RTMP defaults apply."_s
                             << QStringList();
}

void TestCatalog::detect()
{
    QFETCH(QString, host);
    QFETCH(quint16, port);
    QFETCH(QString, path);
    QFETCH(QString, familyId);
    QFETCH(QString, variantId);
    QFETCH(rd::ServerCatalog::DetectionBasis, basis);
    QFETCH(QString, reason);
    QFETCH(QStringList, hints);

    const rd::ServerCatalog::Detection detection = m_catalogs->servers.detect(host, port, path);
    QCOMPARE(detection.familyId, familyId);
    QCOMPARE(detection.variantId, variantId);
    QCOMPARE(detection.basis, basis);
    QCOMPARE(detection.reason, reason);
    QCOMPARE(detection.hints, hints);
    QVERIFY(m_catalogs->servers.find(detection.familyId));
}

void TestCatalog::detectNeverCopiesThePath()
{
    const QString token = u"9f8e7d6c5b4a39281706f5e4d3c2b1a0"_s;
    const QString streamKey = u"xq7Zk9Wv2Lp4Tm8R"_s;
    const QStringList hosts{u"myevent-contoso-usea.channel.media.azure.net"_s, u"a.rtmp.youtube.com"_s,
                            u"media.example.com"_s, u"stream.example.org"_s};
    for (const QString& host : hosts) {
        for (const quint16 port : {quint16(0), quint16(1935), quint16(5080)}) {
            const auto detection =
                m_catalogs->servers.detect(host, port, u"/live/"_s + token + u'/' + streamKey);
            const QString everything = detection.reason + detection.hints.join(u'\n');
            for (qsizetype start = 0; start + 4 <= token.size(); ++start)
                QVERIFY2(!everything.contains(token.mid(start, 4)), qPrintable(everything));
            for (qsizetype start = 0; start + 4 <= streamKey.size(); ++start)
                QVERIFY2(!everything.contains(streamKey.mid(start, 4)), qPrintable(everything));
        }
    }
}

void TestCatalog::search_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("ids");

    QTest::newRow("short name") << u"obs"_s << QStringList{u"obs-studio"_s};
    QTest::newRow("spaces and case") << u"  OBS   studio "_s << QStringList{u"obs-studio"_s};
    QTest::newRow("product family") << u"wirecast"_s
                                    << QStringList{u"telestream-wirecast"_s, u"telestream-wirecast-s"_s};
    QTest::newRow("vendor with diacritics and upper case")
        << u"TÉLÉSTRÉAM"_s << QStringList{u"telestream-wirecast"_s, u"telestream-wirecast-s"_s};
    QTest::newRow("seed spelling Tricaster")
        << u"Tricaster"_s << QStringList{u"tricaster-8000"_s, u"tricaster-mini-hd-4"_s};
    QTest::newRow("two words") << u"mini hd"_s << QStringList{u"tricaster-mini-hd-4"_s};
    QTest::newRow("seed spelling VMIX") << u"VMIX"_s << QStringList{u"vmix"_s};
    QTest::newRow("vendor") << u"haivision"_s << QStringList{u"haivision-kb"_s, u"haivision-makito-x-hevc"_s};
    QTest::newRow("kind") << u"hardware"_s
                          << QStringList{u"haivision-kb"_s, u"haivision-makito-x-hevc"_s,
                                         u"teradek-slice-756"_s, u"tricaster-8000"_s,
                                         u"tricaster-mini-hd-4"_s};
    QTest::newRow("name before keyword") << u"flash"_s << QStringList{u"adobe-fmle"_s, u"avchat-3"_s};
    QTest::newRow("prefix first, then name, then vendor")
        << u"studio"_s << QStringList{u"obs-studio"_s, u"switcher-studio-ios"_s, u"vmix"_s};
    QTest::newRow("keyword only") << u"red5"_s << QStringList{u"avchat-3"_s};
    QTest::newRow("name prefix ranks before catalog order")
        << u"x"_s << QStringList{u"xstream"_s, u"haivision-makito-x-hevc"_s, u"vmix"_s};
    QTest::newRow("name match ranks before keyword match")
        << u"encoder"_s << QStringList{u"adobe-fmle"_s, u"other"_s, u"haivision-kb"_s};
    QTest::newRow("diacritics in the query") << u"ÄVChät"_s << QStringList{u"avchat-3"_s};
    QTest::newRow("no match") << u"zzz"_s << QStringList();
    QTest::newRow("one word matches, the other not") << u"obs zzz"_s << QStringList();
    QTest::newRow("blank returns all") << u"   "_s << kExpectedEncoderIds;
}

void TestCatalog::search()
{
    QFETCH(QString, text);
    QFETCH(QStringList, ids);
    QCOMPARE(idsOf(m_catalogs->encoders.search(text)), ids);
}

void TestCatalog::malformedCatalog_data()
{
    QTest::addColumn<QString>("fixture");
    QTest::addColumn<QString>("entry");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("message");

    QTest::newRow("not JSON at all") << u"encoders-not-json.json"_s << QString() << QString()
                                     << u"not valid JSON: illegal value at offset 1"_s;
    QTest::newRow("wrong schemaVersion")
        << u"encoders-wrong-schema-version.json"_s << QString() << u"schemaVersion"_s
        << u"this build reads version 1, the file has 2"_s;
    QTest::newRow("entry missing id")
        << u"encoders-missing-id.json"_s << u"entry 1"_s << u"id"_s << u"is missing"_s;
    QTest::newRow("schemes not an array")
        << u"encoders-schemes-not-array.json"_s << u"entry 3 (\"obs-studio\")"_s << u"schemes"_s
        << u"expected an array of strings"_s;
    QTest::newRow("unknown scheme")
        << u"encoders-unknown-scheme.json"_s << u"entry 0 (\"ffmpeg\")"_s << u"schemes"_s
        << u"unknown scheme \"srt\" (known: rtmp, rtmps, rtmpt, rtmpts, rtmpe, rtmpte)"_s;
    QTest::newRow("duplicate id") << u"encoders-duplicate-id.json"_s << u"entry 2 (\"vmix\")"_s << u"id"_s
                                  << u"the same id as entry 0; ids must be unique"_s;
    QTest::newRow("empty list") << u"encoders-empty-list.json"_s << QString() << u"encoders"_s
                                << u"the list is empty; a catalog needs at least one entry"_s;
    QTest::newRow("unknown kind")
        << u"encoders-unknown-kind.json"_s << u"entry 0 (\"switcher-studio-ios\")"_s << u"kind"_s
        << u"unknown kind \"tablet\" (known: software, hardware, mobile, video-chat, command-line, other)"_s;
    QTest::newRow("misspelt field") << u"encoders-misspelt-field.json"_s << u"entry 0 (\"obs-studio\")"_s
                                    << u"shemes"_s
                                    << u"unknown field (misspelt, or meant for a newer schema version?)"_s;
    QTest::newRow("id not kebab-case")
        << u"encoders-id-not-kebab-case.json"_s << u"entry 0"_s << u"id"_s
        << u"\"OBS Studio\" is not a kebab-case id (lower-case letters and digits joined by single hyphens)"_s;
    QTest::newRow("entry not an object")
        << u"encoders-entry-not-object.json"_s << u"entry 1"_s << QString() << u"expected an object"_s;

    QTest::newRow("servers: empty list") << u"servers-empty-list.json"_s << QString() << u"families"_s
                                         << u"the list is empty; a catalog needs at least one entry"_s;
    QTest::newRow("servers: no generic family")
        << u"servers-missing-generic.json"_s << QString() << u"families"_s
        << u"no entry has the id \"generic\", which detection falls back to"_s;
    QTest::newRow("servers: schemaVersion missing")
        << u"servers-missing-schema-version.json"_s << QString() << u"schemaVersion"_s << u"is missing"_s;
    QTest::newRow("servers: bad host pattern")
        << u"servers-bad-host-pattern.json"_s << u"entry 0 (\"twitch\")"_s << u"recognition.hostPatterns"_s
        << u"\"^ingest\\.(global-contribute\\.live-video\\.net$\" is not a valid regular expression: missing "
           u"closing parenthesis at offset 45"_s;
    QTest::newRow("servers: port out of range")
        << u"servers-port-out-of-range.json"_s << u"entry 0 (\"red5\")"_s << u"defaultPorts.rtmpt"_s
        << u"expected a port number from 1 to 65535"_s;
    QTest::newRow("servers: unknown scheme in defaultPorts")
        << u"servers-unknown-default-port-scheme.json"_s << u"entry 0 (\"generic\")"_s << u"defaultPorts"_s
        << u"unknown scheme \"http\" (known: rtmp, rtmps, rtmpt, rtmpts, rtmpe, rtmpte)"_s;
    QTest::newRow("servers: bad retired date")
        << u"servers-bad-retired-date.json"_s << u"entry 0 (\"azure-media-services-v3\")"_s << u"retiredOn"_s
        << u"expected a date written as YYYY-MM-DD"_s;
    QTest::newRow("servers: variant without host patterns")
        << u"servers-variant-without-patterns.json"_s << u"entry 0 (\"azure-media-services-v3\")"_s
        << u"variants[0].hostPatterns"_s << u"is missing"_s;
    QTest::newRow("servers: application hint names an unknown family")
        << u"servers-hint-unknown-family.json"_s << u"applicationHints entry 0 (\"avchat30\")"_s
        << u"families"_s << u"no family has the id \"red6\""_s;
}

void TestCatalog::malformedCatalog()
{
    QFETCH(QString, fixture);
    QFETCH(QString, entry);
    QFETCH(QString, field);
    QFETCH(QString, message);

    rd::CatalogError error;
    const bool isServerCatalog = fixture.startsWith(u"servers-"_s);
    const bool loaded = isServerCatalog ? rd::ServerCatalog::load(fixturePath(fixture), &error).has_value()
                                        : rd::EncoderCatalog::load(fixturePath(fixture), &error).has_value();
    QVERIFY(!loaded);
    QCOMPARE(error.file, fixture);
    QCOMPARE(error.entry, entry);
    QCOMPARE(error.field, field);
    QCOMPARE(error.message, message);

    QString expectedText = fixture;
    if (!entry.isEmpty())
        expectedText += u": "_s + entry;
    if (!field.isEmpty())
        expectedText += u": field \""_s + field + u'"';
    expectedText += u": "_s + message;
    QCOMPARE(error.toString(), expectedText);

    // The combined loader must stop on the same problem instead of crashing or
    // handing out a half-filled catalog.
    const rd::CatalogLoadResult result =
        isServerCatalog
            ? rd::Catalogs::load(sourcePath(u"resources/catalogs/encoders.json"_s), fixturePath(fixture))
            : rd::Catalogs::load(fixturePath(fixture), sourcePath(u"resources/catalogs/servers.json"_s));
    QCOMPARE(result.status, rd::CatalogLoadResult::Status::Failed);
    QVERIFY(!result.catalogs.has_value());
    QCOMPARE(result.error.toString(), expectedText);
}

void TestCatalog::applicationHintMustNameAKnownEncoder()
{
    const QString fixture = u"servers-hint-unknown-encoder.json"_s;
    rd::CatalogError error;
    QVERIFY(rd::ServerCatalog::load(fixturePath(fixture), &error).has_value()); // fine on its own

    const rd::CatalogLoadResult result =
        rd::Catalogs::load(sourcePath(u"resources/catalogs/encoders.json"_s), fixturePath(fixture));
    QCOMPARE(result.status, rd::CatalogLoadResult::Status::Failed);
    QCOMPARE(result.error.file, fixture);
    QCOMPARE(result.error.entry, u"applicationHints entry 0 (\"avchat30\")"_s);
    QCOMPARE(result.error.field, u"encoderId"_s);
    QCOMPARE(result.error.toString(), u"servers-hint-unknown-encoder.json: applicationHints entry 0 "
                                      u"(\"avchat30\"): field \"encoderId\": no "
                                      u"encoder has the id \"avchat-4\" in encoders.json"_s);
}

void TestCatalog::missingFileIsReportedNotFatal()
{
    rd::CatalogError error;
    QVERIFY(!rd::EncoderCatalog::load(fixturePath(u"no-such-catalog.json"_s), &error).has_value());
    QCOMPARE(error.toString(), u"no-such-catalog.json: cannot be read: No such file or directory"_s);
    QVERIFY(!rd::ServerCatalog::load(fixturePath(u"no-such-catalog.json"_s), nullptr).has_value());
}

void TestCatalog::iconsAreSvgTinyFriendly_data()
{
    QTest::addColumn<QString>("file");
    QDirIterator it(sourcePath(u"resources/icons"_s), {u"*.svg"_s}, QDir::Files,
                    QDirIterator::Subdirectories);
    QStringList files;
    while (it.hasNext())
        files.append(it.next());
    files.sort();
    QVERIFY(files.size() >= 7);
    for (const QString& file : std::as_const(files))
        QTest::newRow(qPrintable(file.mid(sourcePath(u"resources/icons/"_s).size()))) << file;
}

void TestCatalog::iconsAreSvgTinyFriendly()
{
    QFETCH(QString, file);

    // What Qt SVG (SVG Tiny 1.2) draws reliably; filters, masks, CSS and
    // embedded images would be dropped or drawn wrongly.
    static const QSet<QString> allowedElements{
        u"svg"_s,  u"g"_s,      u"defs"_s,           u"title"_s,          u"desc"_s,     u"path"_s,
        u"rect"_s, u"circle"_s, u"ellipse"_s,        u"line"_s,           u"polyline"_s, u"polygon"_s,
        u"use"_s,  u"stop"_s,   u"linearGradient"_s, u"radialGradient"_s,
    };
    QFile svg(file);
    QVERIFY(svg.open(QIODevice::ReadOnly));
    QXmlStreamReader xml(&svg);
    bool sawRoot = false;
    while (!xml.atEnd()) {
        if (xml.readNext() != QXmlStreamReader::StartElement)
            continue;
        const QString name = xml.name().toString();
        if (!sawRoot) {
            sawRoot = true;
            QCOMPARE(name, u"svg"_s);
            QCOMPARE(xml.namespaceUri().toString(), u"http://www.w3.org/2000/svg"_s);
            QVERIFY(xml.attributes().hasAttribute(u"viewBox"_s));
        }
        QVERIFY2(allowedElements.contains(name), qPrintable(name));
        QVERIFY2(!xml.attributes().hasAttribute(u"style"_s), qPrintable(name));
        QVERIFY2(!xml.attributes().hasAttribute(u"class"_s), qPrintable(name));
    }
    QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
    QVERIFY(sawRoot);
}

QTEST_GUILESS_MAIN(TestCatalog)
#include "tst_catalog.moc"
