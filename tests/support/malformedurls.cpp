#include "malformedurls.h"

#include <QRandomGenerator>
#include <QSet>

#include <functional>

using namespace Qt::StringLiterals;

namespace rd::test {

namespace {

struct Parts
{
    QString host;
    QString app;
    QString key;
    QRandomGenerator* random = nullptr;

    int pick(int bound) const { return int(random->bounded(bound)); }
    template <typename T>
    const T& pick(const QList<T>& list) const
    {
        return list.at(pick(int(list.size())));
    }
};

QString randomText(QRandomGenerator& random, int length, QLatin1StringView alphabet)
{
    QString text;
    for (int i = 0; i < length; ++i)
        text += QChar(alphabet.at(random.bounded(int(alphabet.size()))));
    return text;
}

// Keys long and random enough that finding one in the output cannot be a coincidence.
QString randomKey(QRandomGenerator& random)
{
    static const QLatin1StringView alphabet("abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789");
    return u"sk"_s + randomText(random, 14 + int(random.bounded(10)), alphabet);
}

QString hex(QRandomGenerator& random, int length)
{
    return randomText(random, length, QLatin1StringView("0123456789abcdef"));
}

using Template = std::function<MalformedUrl(const Parts&)>;

struct Category
{
    QString name;
    Template make;
};

MalformedUrl url(QString text, QStringList codes, QString secret = {})
{
    return {{}, std::move(text), std::move(codes), std::move(secret)};
}

QList<Category> categories()
{
    const QString noKey;
    return {
        {u"wrong-scheme"_s,
         [](const Parts& p) {
             static const QStringList schemes{u"http"_s,  u"https"_s, u"ftp"_s,  u"rtsp"_s, u"srt"_s,
                                              u"rtmpx"_s, u"rmtp"_s,  u"rtp"_s,  u"udp"_s,  u"hls"_s,
                                              u"wss"_s,   u"file"_s,  u"rtnp"_s, u"rtmq"_s, u"trmp"_s};
             return url(p.pick(schemes) + u"://"_s + p.host + u'/' + p.app + u'/' + p.key,
                        {u"unknown-scheme"_s}, p.key);
         }},
        {u"scheme-separator"_s,
         [](const Parts& p) {
             static const QStringList separators{u":/"_s, u":"_s, u":\\\\"_s, u";//"_s, u":///"_s, u"//"_s};
             return url(u"rtmp"_s + p.pick(separators) + p.host + u'/' + p.app + u'/' + p.key,
                        {u"malformed-scheme-separator"_s, u"missing-scheme"_s, u"unknown-scheme"_s,
                         u"missing-host"_s, u"invalid-host"_s},
                        p.key);
         }},
        {u"missing-scheme"_s,
         [](const Parts& p) {
             return url(p.host + (p.pick(2) ? u":1935/"_s : u"/"_s) + p.app + u'/' + p.key,
                        {u"missing-scheme"_s}, p.key);
         }},
        {u"missing-host"_s,
         [](const Parts& p) {
             static const QStringList starts{u"rtmp:///"_s, u"rtmp://:1935/"_s, u"rtmps://:443/"_s,
                                             u"rtmp://@/"_s, u"rtmp://user@:1935/"_s};
             return url(p.pick(starts) + p.app + u'/' + p.key, {u"missing-host"_s, u"invalid-host"_s}, p.key);
         }},
        {u"bad-port"_s,
         [](const Parts& p) {
             static const QStringList ports{u"0"_s,          u"65536"_s, u"-1"_s,       u"abc"_s,
                                            u"99999"_s,      u"1935x"_s, u"19 35"_s,    u"0x78f"_s,
                                            u"+1935"_s,      u"1e3"_s,   u""_s,         u"19.35"_s,
                                            u"4294967297"_s, u"08o"_s,   u"1935:1935"_s};
             return url(u"rtmp://"_s + p.host + u':' + p.pick(ports) + u'/' + p.app + u'/' + p.key,
                        {u"invalid-port"_s, u"port-out-of-range"_s, u"whitespace-inside"_s}, p.key);
         }},
        {u"whitespace-inside"_s,
         [](const Parts& p) {
             const QString app = p.app.left(2) + u' ' + p.app.mid(2);
             const QString host = p.host.left(3) + u' ' + p.host.mid(3);
             return p.pick(2) ? url(u"rtmp://"_s + p.host + u'/' + app + u'/' + p.key,
                                    {u"whitespace-inside"_s}, p.key)
                              : url(u"rtmp://"_s + host + u'/' + p.app + u'/' + p.key,
                                    {u"whitespace-inside"_s, u"invalid-host"_s}, p.key);
         }},
        {u"control-character"_s,
         [](const Parts& p) {
             static const QList<QChar> controls{QChar(0x01), QChar(0x07), QChar(0x08), QChar(0x1b),
                                                QChar(0x7f), QChar(0x09), QChar(0x1f), QChar(0x0b)};
             const QChar control = p.pick(controls);
             const int where = p.pick(3);
             const QString base = u"rtmp://"_s + p.host + u'/' + p.app + u'/';
             if (where == 0)
                 return url(u"rtmp://"_s + p.host + control + u'/' + p.app + u'/' + p.key,
                            {u"control-character"_s, u"whitespace-inside"_s, u"invalid-host"_s}, p.key);
             if (where == 1)
                 return url(base + control + p.key, {u"control-character"_s, u"whitespace-inside"_s});
             return url(base + p.key + control, {u"control-character"_s, u"whitespace-inside"_s,
                                                 u"leading-or-trailing-whitespace"_s});
         }},
        {u"line-break"_s,
         [](const Parts& p) {
             static const QStringList breaks{u"\n"_s, u"\r\n"_s, u"\r"_s, QString(QChar(0x2028))};
             return url(
                 u"rtmp://"_s + p.host + u'/' + p.app + p.pick(breaks) + u'/' + p.key,
                 {u"line-break"_s, u"control-character"_s, u"invisible-character"_s, u"whitespace-inside"_s},
                 p.key);
         }},
        {u"nul-byte"_s,
         [](const Parts& p) {
             const int where = p.pick(3);
             const QString nul(QChar(u'\0'));
             if (where == 0)
                 return url(u"rtmp://"_s + p.host + nul + u"/"_s + p.app + u'/' + p.key,
                            {u"control-character"_s, u"invalid-host"_s}, p.key);
             if (where == 1)
                 return url(nul + u"rtmp://"_s + p.host + u'/' + p.app + u'/' + p.key,
                            {u"control-character"_s, u"missing-scheme"_s}, p.key);
             return url(u"rtmp://"_s + p.host + u'/' + p.app + nul + u'/' + p.key, {u"control-character"_s},
                        p.key);
         }},
        {u"invisible-character"_s,
         [](const Parts& p) {
             static const QList<QChar> invisible{QChar(0x200B), QChar(0xFEFF), QChar(0x202E),
                                                 QChar(0x200E), QChar(0x2060), QChar(0x00AD)};
             return url(u"rtmp://"_s + p.host + u'/' + p.app + u'/' + p.pick(invisible) + p.key,
                        {u"invisible-character"_s, u"non-ascii-character"_s});
         }},
        {u"unicode-host"_s,
         [](const Parts& p) {
             static const QStringList hosts{
                 u"exa mple.ｃｏｍ"_s, u"xn--/"_s,           u"-bad-.example.com"_s,
                 u"ex..ample.com"_s,   u"例え.テスト..jp"_s, u"ho_st!.example.com"_s,
                 u"☃.☃.."_s,           u"a.b.c.-"_s,         u"xn--zzzzzzzz-.com"_s,
                 u"exam%20ple.com"_s,  u"host$name.com"_s,   u"[not-ipv6]"_s};
             return url(u"rtmp://"_s + p.pick(hosts) + u'/' + p.app + u'/' + p.key,
                        {u"invalid-host"_s, u"whitespace-inside"_s, u"empty-path-segment"_s,
                         u"missing-application"_s},
                        p.key);
         }},
        {u"non-ascii-path"_s,
         [](const Parts& p) {
             static const QStringList apps{u"lïve"_s, u"直播"_s, u"прямой"_s, u"live™"_s, u"ʟɪᴠᴇ"_s};
             return url(u"rtmp://"_s + p.host + u'/' + p.pick(apps) + u'/' + p.key,
                        {u"non-ascii-character"_s}, p.key);
         }},
        {u"doubled-slash"_s,
         [](const Parts& p) {
             return p.pick(2) ? url(u"rtmp://"_s + p.host + u"//"_s + p.app + u'/' + p.key,
                                    {u"empty-path-segment"_s}, p.key)
                              : url(u"rtmp://"_s + p.host + u'/' + p.app + u"//"_s + p.key,
                                    {u"empty-path-segment"_s}, p.key);
         }},
        {u"missing-application"_s,
         [](const Parts& p) {
             static const QStringList ends{u""_s, u"/"_s, u":1935"_s, u":1935/"_s};
             return url(u"rtmp://"_s + p.host + p.pick(ends), {u"missing-application"_s});
         }},
        {u"missing-stream-key"_s,
         [](const Parts& p) {
             return url(u"rtmp://"_s + p.host + (p.pick(2) ? u":1935/"_s : u"/"_s) + p.app +
                            (p.pick(2) ? u"/"_s : QString()),
                        {u"missing-stream-key"_s});
         }},
        {u"nested-url"_s,
         [](const Parts& p) {
             return p.pick(2) ? url(u"rtmp://rtmp://"_s + p.host + u'/' + p.app + u'/' + p.key,
                                    {u"nested-url"_s, u"invalid-host"_s}, p.key)
                              : url(u"rtmp://"_s + p.host + u'/' + p.app + u"/rtmp://"_s + p.host + u'/' +
                                        p.app + u'/' + p.key,
                                    {u"nested-url"_s, u"empty-path-segment"_s}, p.key);
         }},
        {u"key-as-url"_s,
         [](const Parts& p) {
             // The key pasted where the host or the port belongs: the linter cannot know it is a key.
             return p.pick(2)
                        ? url(u"rtmp://"_s + p.key + u"/"_s, {u"missing-application"_s, u"invalid-host"_s})
                        : url(u"rtmp://"_s + p.host + u':' + p.key + u'/' + p.app,
                              {u"invalid-port"_s, u"missing-stream-key"_s});
         }},
        {u"plain-on-tls-port"_s,
         [](const Parts& p) {
             return p.pick(2) ? url(u"rtmps://"_s + p.host + u":1935/"_s + p.app + u'/' + p.key,
                                    {u"tls-scheme-on-plain-port"_s}, p.key)
                              : url(u"rtmp://"_s + p.host + u":443/"_s + p.app + u'/' + p.key,
                                    {u"plain-scheme-on-tls-port"_s}, p.key);
         }},
        {u"rtmpe"_s,
         [](const Parts& p) {
             return url((p.pick(2) ? u"rtmpe://"_s : u"rtmpte://"_s) + p.host + u'/' + p.app + u'/' + p.key,
                        {u"unsupported-rtmpe"_s}, p.key);
         }},
        {u"azure"_s,
         [](const Parts& p) {
             const QString host = hex(*p.random, 32) + u".channel.media.azure.net"_s;
             const QString token = hex(*p.random, 32);
             switch (p.pick(4)) {
             case 0: // rtmpt is not offered by Azure
                 return url(u"rtmpt://"_s + host + u"/live/"_s + token + u"/stream1"_s,
                            {u"azure-scheme-not-supported"_s, u"azure-service-retired"_s}, token);
             case 1: // Azure listens on 1935 and 2935 (rtmp), 2935 (rtmps) only
                 return url(u"rtmp://"_s + host + u":1936/live/"_s + token + u"/stream1"_s,
                            {u"azure-port-not-allowed"_s, u"azure-service-retired"_s}, token);
             case 2:
                 return url(u"rtmp://"_s + host + u":1935/live/"_s,
                            {u"azure-access-token-missing"_s, u"azure-service-retired"_s});
             default:
                 return url(u"rtmps://"_s + host.left(20) + u".channel.media.azure.net:2935/live/"_s + token +
                                u"/stream1"_s,
                            {u"azure-host-shape"_s, u"azure-service-retired"_s}, token);
             }
         }},
        {u"overlong"_s,
         [](const Parts& p) {
             // 100 kB for the first, just over the limit for the others.
             const int length = p.pick(4) == 0 ? 100 * 1024 : 4097 + p.pick(2000);
             QString path = u"rtmp://"_s + p.host + u'/' + p.app + u'/';
             path += QString(length - path.size(), u'a');
             return url(path, {u"too-long"_s});
         }},
        {u"percent-garbage"_s,
         [](const Parts& p) {
             static const QStringList hosts{u"%41%42"_s, u"ho%zzst"_s, u"%"_s,
                                            u"%%%"_s,    u"%00host"_s, u"h%2fost"_s};
             return url(u"rtmp://"_s + p.pick(hosts) + u".example.com/"_s + p.app + u'/' + p.key,
                        {u"invalid-host"_s, u"control-character"_s}, p.key);
         }},
        {u"ipv6-without-brackets"_s,
         [](const Parts& p) {
             static const QStringList hosts{u"::1"_s, u"2001:db8::1"_s, u"fe80::1%eth0"_s,
                                            u"::ffff:192.0.2.1"_s, u"2001:db8:0:0:0:0:0:7"_s};
             return url(u"rtmp://"_s + p.pick(hosts) + (p.pick(2) ? u":1935/"_s : u"/"_s) + p.app + u'/' +
                            p.key,
                        {u"invalid-host"_s, u"invalid-port"_s, u"port-out-of-range"_s}, p.key);
         }},
        {u"placeholder"_s,
         [](const Parts& p) {
             static const QStringList keys{u"<stream key>"_s,  u"{key}"_s,           u"YOUR_STREAM_KEY"_s,
                                           u"[streamkey]"_s,   u"<your-key-here>"_s, u"STREAM_KEY"_s,
                                           u"{{stream_key}}"_s};
             return url(u"rtmp://"_s + p.host + u'/' + p.app + u'/' + p.pick(keys),
                        {u"placeholder"_s, u"whitespace-inside"_s});
         }},
        {u"quotes-and-spaces"_s,
         [](const Parts& p) {
             static const QStringList wraps{u"'%1'"_s, u"\"%1\""_s, u" %1"_s, u"%1 "_s,
                                            u"“%1”"_s, u"`%1`"_s,   u"\t%1"_s};
             return url(p.pick(wraps).arg(u"rtmp://"_s + p.host + u'/' + p.app + u'/' + p.key),
                        {u"quotes"_s, u"leading-or-trailing-whitespace"_s}, p.key);
         }},
        {u"credentials"_s,
         [](const Parts& p) {
             // The password is a secret even when the address has other problems.
             return url(u"rtmp://"_s + u"user"_s + QString::number(p.pick(1000)) + u':' + p.key + u'@' +
                            p.host + u'/' + p.app,
                        {u"credentials-in-url"_s, u"missing-stream-key"_s}, p.key);
         }},
        {u"empty-or-blank"_s,
         [](const Parts& p) {
             return url(QString(p.pick(6), u' '), {u"empty"_s, u"missing-scheme"_s});
         }},
    };
}

} // namespace

QList<MalformedUrl> generateMalformedUrls(quint32 seed, int count)
{
    QRandomGenerator random(seed);
    static const QStringList hosts{u"live.example.com"_s, u"a.rtmp.youtube.com"_s, u"ingest.example.net"_s,
                                   u"203.0.113.7"_s,      u"stream.example.org"_s, u"media.example.com"_s};
    static const QStringList apps{u"live"_s, u"app"_s, u"live2"_s, u"event-42"_s, u"broadcast"_s};
    const QList<Category> all = categories();
    QList<MalformedUrl> urls;
    QSet<QString> seen;
    // Round robin over the categories, so each appears; a bounded number of attempts, since some
    // categories have few distinct forms (blank text).
    for (int attempt = 0; urls.size() < count && attempt < count * 20; ++attempt) {
        const Category& category = all.at(attempt % all.size());
        Parts parts;
        parts.random = &random;
        parts.host = hosts.at(random.bounded(int(hosts.size())));
        parts.app = apps.at(random.bounded(int(apps.size())));
        parts.key = randomKey(random);
        MalformedUrl made = category.make(parts);
        if (seen.contains(made.text))
            continue;
        made.category = category.name;
        seen.insert(made.text);
        urls << made;
    }
    return urls;
}

quint32 malformedUrlSeed()
{
    bool ok = false;
    const quint32 seed = qEnvironmentVariable("RTMPDOCTOR_MALFORMED_SEED").toUInt(&ok);
    return ok ? seed : 20240909u;
}

} // namespace rd::test
