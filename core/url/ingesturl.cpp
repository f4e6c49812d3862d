#include "ingesturl.h"

#include "url/azurenames.h"
#include "url/textscan.h"

#include <QHostAddress>
#include <QUrl>

#include <algorithm>
#include <array>

namespace rd {

using namespace Qt::StringLiterals;

namespace {

struct LintCodeInfo
{
    UrlLintCode code;
    QLatin1StringView id;
    Severity severity;
};

// One row per code: the id is part of the public contract (knowledge-base rules match on it), the
// severity is fixed per code so a rule always means the same thing wherever it is shown.
constexpr std::array kLintCodes{
    LintCodeInfo{UrlLintCode::Empty, "empty"_L1, Severity::Error},
    LintCodeInfo{UrlLintCode::TooLong, "too-long"_L1, Severity::Error},
    LintCodeInfo{UrlLintCode::MissingScheme, "missing-scheme"_L1, Severity::Error},
    LintCodeInfo{UrlLintCode::UnknownScheme, "unknown-scheme"_L1, Severity::Error},
    LintCodeInfo{UrlLintCode::MalformedSchemeSeparator, "malformed-scheme-separator"_L1, Severity::Error},
    LintCodeInfo{UrlLintCode::UnsupportedRtmpe, "unsupported-rtmpe"_L1, Severity::Error},
    LintCodeInfo{UrlLintCode::LeadingOrTrailingWhitespace, "leading-or-trailing-whitespace"_L1,
                 Severity::Warning},
    LintCodeInfo{UrlLintCode::Quotes, "quotes"_L1, Severity::Warning},
    LintCodeInfo{UrlLintCode::LineBreak, "line-break"_L1, Severity::Error},
    LintCodeInfo{UrlLintCode::ControlCharacter, "control-character"_L1, Severity::Error},
    LintCodeInfo{UrlLintCode::InvisibleCharacter, "invisible-character"_L1, Severity::Error},
    LintCodeInfo{UrlLintCode::WhitespaceInside, "whitespace-inside"_L1, Severity::Error},
    LintCodeInfo{UrlLintCode::NonAsciiCharacter, "non-ascii-character"_L1, Severity::Warning},
    LintCodeInfo{UrlLintCode::Placeholder, "placeholder"_L1, Severity::Error},
    LintCodeInfo{UrlLintCode::NestedUrl, "nested-url"_L1, Severity::Error},
    LintCodeInfo{UrlLintCode::MissingHost, "missing-host"_L1, Severity::Error},
    LintCodeInfo{UrlLintCode::InvalidHost, "invalid-host"_L1, Severity::Error},
    LintCodeInfo{UrlLintCode::InvalidPort, "invalid-port"_L1, Severity::Error},
    LintCodeInfo{UrlLintCode::PortOutOfRange, "port-out-of-range"_L1, Severity::Error},
    LintCodeInfo{UrlLintCode::EmptyPathSegment, "empty-path-segment"_L1, Severity::Warning},
    LintCodeInfo{UrlLintCode::MissingApplication, "missing-application"_L1, Severity::Error},
    LintCodeInfo{UrlLintCode::MissingStreamKey, "missing-stream-key"_L1, Severity::Error},
    LintCodeInfo{UrlLintCode::StreamKeyRepeated, "stream-key-repeated"_L1, Severity::Error},
    LintCodeInfo{UrlLintCode::StreamKeyLooksLikeUrl, "stream-key-looks-like-url"_L1, Severity::Error},
    LintCodeInfo{UrlLintCode::CredentialsInUrl, "credentials-in-url"_L1, Severity::Warning},
    LintCodeInfo{UrlLintCode::TlsSchemeOnPlainPort, "tls-scheme-on-plain-port"_L1, Severity::Warning},
    LintCodeInfo{UrlLintCode::PlainSchemeOnTlsPort, "plain-scheme-on-tls-port"_L1, Severity::Warning},
    LintCodeInfo{UrlLintCode::FlashPortFallback, "flash-port-fallback"_L1, Severity::Info},
    LintCodeInfo{UrlLintCode::AzureHostShape, "azure-host-shape"_L1, Severity::Warning},
    LintCodeInfo{UrlLintCode::AzureSchemeNotSupported, "azure-scheme-not-supported"_L1, Severity::Error},
    LintCodeInfo{UrlLintCode::AzurePortNotAllowed, "azure-port-not-allowed"_L1, Severity::Error},
    LintCodeInfo{UrlLintCode::AzureAccessTokenMissing, "azure-access-token-missing"_L1, Severity::Error},
    LintCodeInfo{UrlLintCode::AzureAccessTokenShape, "azure-access-token-shape"_L1, Severity::Warning},
    // Error, not Warning: the service is gone, so no setting in the encoder can make this URL work;
    // the probe still runs (isUsable stays true) so the report can show what the host answers now.
    LintCodeInfo{UrlLintCode::AzureServiceRetired, "azure-service-retired"_L1, Severity::Error},
    LintCodeInfo{UrlLintCode::EncoderCannotUseScheme, "encoder-cannot-use-scheme"_L1, Severity::Error},
};

const LintCodeInfo& infoFor(UrlLintCode code)
{
    for (const LintCodeInfo& info : kLintCodes) {
        if (info.code == code)
            return info;
    }
    Q_UNREACHABLE();
    return kLintCodes.front();
}

// Schemes people paste by mistake; recognising them gives a better message than "missing scheme".
const QStringList& otherKnownSchemes()
{
    static const QStringList schemes{u"http"_s, u"https"_s, u"srt"_s, u"rist"_s, u"rtsp"_s,   u"rtsps"_s,
                                     u"rtp"_s,  u"udp"_s,   u"tcp"_s, u"whip"_s, u"webrtc"_s, u"hls"_s,
                                     u"ftp"_s,  u"file"_s,  u"mms"_s, u"ws"_s,   u"wss"_s,    u"zixi"_s};
    return schemes;
}

bool isWebScheme(const QString& lowerScheme)
{
    return lowerScheme == u"http"_s || lowerScheme == u"https"_s || lowerScheme == u"ws"_s ||
           lowerScheme == u"wss"_s || lowerScheme == u"ftp"_s || lowerScheme == u"file"_s;
}

bool isSchemeStartChar(QChar c)
{
    return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z');
}

bool isSchemeChar(QChar c)
{
    return isSchemeStartChar(c) || (c >= u'0' && c <= u'9') || c == u'+' || c == u'-' || c == u'.';
}

// Length of "<scheme>://" at the start of text, or 0.
qsizetype schemeWithSlashesLength(QStringView text)
{
    if (text.isEmpty() || !isSchemeStartChar(text.front()))
        return 0;
    qsizetype i = 1;
    while (i < text.size() && i < 32 && isSchemeChar(text[i]))
        ++i;
    if (text.mid(i).startsWith(u"://"))
        return i + 3;
    return 0;
}

bool isAsciiDigits(QStringView text)
{
    return !text.isEmpty() &&
           std::all_of(text.begin(), text.end(), [](QChar c) { return c >= u'0' && c <= u'9'; });
}

bool isStrictIpv4(QStringView text)
{
    const QList<QStringView> parts = text.split(u'.');
    if (parts.size() != 4)
        return false;
    for (QStringView part : parts) {
        if (!isAsciiDigits(part) || part.size() > 3 || part.toInt() > 255)
            return false;
    }
    return true;
}

bool isLabelSeparator(char32_t value)
{
    // The ideographic and full-width full stops are mapped to '.' by IDNA.
    return value == u'.' || value == 0x3002 || value == 0xFF0E || value == 0xFF61;
}

bool isAllowedHostCharacter(char32_t value)
{
    if (value < 0x80) {
        const auto c = static_cast<char16_t>(value);
        return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9') ||
               c == u'-' || c == u'_';
    }
    return QChar::isLetterOrNumber(value) || QChar::isMark(value);
}

// Query parameters whose value is a secret by name; other long values are hidden too, because a
// signed URL can name its token anything.
bool isSecretParameterName(const QString& name)
{
    static const QStringList fragments{u"token"_s,   u"key"_s,    u"auth"_s, u"pass"_s,
                                       u"pwd"_s,     u"secret"_s, u"sig"_s,  u"stream"_s,
                                       u"session"_s, u"cred"_s,   u"code"_s, u"hash"_s};
    const QString lower = name.toLower();
    return std::any_of(fragments.begin(), fragments.end(),
                       [&](const QString& f) { return lower.contains(f); });
}

constexpr qsizetype kLongQueryValue = 8;

QString redactQuery(const QString& query)
{
    QStringList items = query.split(u'&');
    for (QString& item : items) {
        const qsizetype equals = item.indexOf(u'=');
        if (equals < 0) {
            if (!item.isEmpty())
                item = redactSecret(item);
            continue;
        }
        const QString name = item.left(equals);
        const QString value = item.mid(equals + 1);
        if (!value.isEmpty() && (isSecretParameterName(name) || value.size() >= kLongQueryValue))
            item = name + u'=' + redactSecret(value);
    }
    return items.join(u'&');
}

// Values left over from documentation examples instead of the real key or token.
bool looksLikePlaceholder(const QString& value)
{
    QString letters;
    for (QChar c : value) {
        if (c.isLetterOrNumber())
            letters += c.toLower();
    }
    static const QStringList words{u"streamkey"_s,
                                   u"yourstreamkey"_s,
                                   u"streamname"_s,
                                   u"yourstreamname"_s,
                                   u"accesstoken"_s,
                                   u"youraccesstoken"_s,
                                   u"key"_s,
                                   u"yourkey"_s,
                                   u"token"_s,
                                   u"yourtoken"_s,
                                   u"streamkeyhere"_s,
                                   u"insertstreamkeyhere"_s,
                                   u"pasteyourstreamkeyhere"_s,
                                   u"enterstreamkeyhere"_s};
    if (words.contains(letters))
        return true;
    return letters.size() >= 4 &&
           std::all_of(letters.begin(), letters.end(), [](QChar c) { return c == u'x'; });
}

// A line break inside the address is reported as an error, but it also ends a part: what follows it
// is most often the stream key pasted from the next line of the service's page, and treating it as
// part of the application name would put the key into the tcUrl.
bool isPathSeparator(QChar c)
{
    return c == u'/' || isLineBreak(c.unicode());
}

QString quoted(const QString& text)
{
    return u"“"_s + text + u"”"_s;
}

QString portForMessage(const QString& digits)
{
    return digits.size() > 12 ? digits.left(12) + u"…"_s : digits;
}

} // namespace

// ---------------------------------------------------------------------------------------------

QString schemeName(Scheme scheme)
{
    switch (scheme) {
    case Scheme::Unknown:
        return {};
    case Scheme::Rtmp:
        return u"rtmp"_s;
    case Scheme::Rtmps:
        return u"rtmps"_s;
    case Scheme::Rtmpt:
        return u"rtmpt"_s;
    case Scheme::Rtmpts:
        return u"rtmpts"_s;
    case Scheme::Rtmpe:
        return u"rtmpe"_s;
    case Scheme::Rtmpte:
        return u"rtmpte"_s;
    }
    return {};
}

Scheme schemeFromName(QStringView name)
{
    for (Scheme scheme :
         {Scheme::Rtmp, Scheme::Rtmps, Scheme::Rtmpt, Scheme::Rtmpts, Scheme::Rtmpe, Scheme::Rtmpte}) {
        if (name.compare(schemeName(scheme), Qt::CaseInsensitive) == 0)
            return scheme;
    }
    return Scheme::Unknown;
}

quint16 defaultPort(Scheme scheme)
{
    switch (scheme) {
    case Scheme::Unknown:
        return 0;
    case Scheme::Rtmp:
    case Scheme::Rtmpe:
        return 1935;
    case Scheme::Rtmps:
    case Scheme::Rtmpts:
        return 443;
    case Scheme::Rtmpt:
    case Scheme::Rtmpte:
        return 80;
    }
    return 0;
}

bool usesTls(Scheme scheme)
{
    return scheme == Scheme::Rtmps || scheme == Scheme::Rtmpts;
}

bool usesHttpTunnel(Scheme scheme)
{
    return scheme == Scheme::Rtmpt || scheme == Scheme::Rtmpts || scheme == Scheme::Rtmpte;
}

bool isSupportedForIngest(Scheme scheme)
{
    return scheme == Scheme::Rtmp || scheme == Scheme::Rtmps || scheme == Scheme::Rtmpt ||
           scheme == Scheme::Rtmpts;
}

QString lintCodeId(UrlLintCode code)
{
    return QString(infoFor(code).id);
}

std::optional<UrlLintCode> lintCodeFromId(QStringView id)
{
    for (const LintCodeInfo& info : kLintCodes) {
        if (id == info.id)
            return info.code;
    }
    return std::nullopt;
}

QList<UrlLintCode> allUrlLintCodes()
{
    QList<UrlLintCode> codes;
    for (const LintCodeInfo& info : kLintCodes)
        codes << info.code;
    return codes;
}

QString redactSecret(const QString& secret)
{
    if (secret.isEmpty())
        return {};
    if (secret.size() == 1)
        return u"•••••• (1 character hidden)"_s;
    return u"•••••• (%1 characters hidden)"_s.arg(secret.size());
}

// ---------------------------------------------------------------------------------------------

class IngestUrlParser
{
public:
    IngestUrlParser(IngestUrl& url, const QString& input)
        : m_url(url)
        , m_text(input)
    {}

    void run();

private:
    struct Segment
    {
        QString text;
        qsizetype start = 0;
    };

    void add(UrlLintCode code, const QString& message, TextSpan span, UrlField field = UrlField::Url)
    {
        m_url.m_findings << UrlFinding{infoFor(code).severity, code, message, field, span};
    }

    bool has(UrlLintCode code) const { return m_url.hasFinding(code); }

    void reportCharacterProblems(const CharacterScan& scan, UrlField field);
    bool parseScheme();
    void skipRepeatedSchemes();
    void parseAuthority();
    void parseHost(qsizetype start, qsizetype end);
    void validateHostName(qsizetype start, qsizetype end);
    void parsePort(qsizetype start, qsizetype end);
    void cutAtSecondUrl();
    void parsePathAndQuery();
    void splitPath();
    void checkStreamKeyContent();
    void checkTransport();
    void checkAzure();

    QStringView slice(qsizetype start, qsizetype end) const { return m_text.sliced(start, end - start); }

    IngestUrl& m_url;
    QStringView m_text;
    qsizetype m_begin = 0;
    qsizetype m_end = 0;
    qsizetype m_position = 0; // the parser's cursor in m_text
    qsizetype m_authorityEnd = 0;
    TextSpan m_hostSpan;
    TextSpan m_portSpan;
    TextSpan m_streamSpan;       // where the stream key is, in the field it came from
    qsizetype m_queryStart = -1; // index of '?'
    QList<Segment> m_segments;
    QString m_separateKey;
    qsizetype m_separateKeyStart = 0;
    bool m_separateKeyMode = false;
};

void IngestUrlParser::reportCharacterProblems(const CharacterScan& scan, UrlField field)
{
    const bool inKey = field == UrlField::StreamKey;
    const QString where = inKey ? u"stream key"_s : u"address"_s;
    if (scan.leadingSpace.found() || scan.trailingSpace.found()) {
        const QString side = !scan.trailingSpace.found()  ? u"before"_s
                             : !scan.leadingSpace.found() ? u"after"_s
                                                          : u"before and after"_s;
        add(UrlLintCode::LeadingOrTrailingWhitespace,
            u"There are spaces or line breaks %1 the %2. They were ignored here, but if they are in the "
            u"encoder's field too, the server will not recognise the %2: remove them."_s.arg(side, where),
            scan.leadingSpace.found() ? scan.leadingSpace.span() : scan.trailingSpace.span(), field);
    }
    if (scan.quotes.found()) {
        add(UrlLintCode::Quotes,
            u"The %1 is wrapped in quotation marks or brackets. They were ignored here, but in the encoder "
            u"they would become part of the %1: remove them."_s.arg(where),
            scan.quotes.span(), field);
    }
    if (scan.invisible.found()) {
        add(UrlLintCode::InvisibleCharacter,
            u"The %1 contains an invisible character (such as a zero-width space, a byte-order mark or a "
            u"text-direction mark) that copy and paste often brings along. The server sees it as part of the "
            u"%1; delete that part and type it again."_s.arg(where),
            scan.invisible.span(), field);
    }
    if (scan.lineBreak.found()) {
        add(UrlLintCode::LineBreak,
            u"The %1 is split over more than one line. The encoder needs it on a single line; part of it was "
            u"probably pasted onto the next line."_s.arg(where),
            scan.lineBreak.span(), field);
    }
    if (scan.control.found()) {
        add(UrlLintCode::ControlCharacter,
            scan.firstControlIsNul
                ? u"The %1 contains a NUL (zero) character, which usually means it was copied out of a "
                  u"binary "
                  u"file or a broken program. Type it again or copy it from the service's web page."_s.arg(
                      where)
                : u"The %1 contains an invisible control character (such as a tab or escape code). Type it "
                  u"again or copy it from the service's web page."_s.arg(where),
            scan.control.span(), field);
    }
    if (scan.innerSpace.found()) {
        add(UrlLintCode::WhitespaceInside,
            u"The %1 contains a space. Ingest addresses and stream keys never contain spaces; it probably "
            u"came "
            u"in with copy and paste. Remove it."_s.arg(where),
            scan.innerSpace.span(), field);
    }
    if (scan.placeholder.found()) {
        add(UrlLintCode::Placeholder,
            u"The %1 still contains a placeholder from an example, such as <stream key> or {key}. Replace it "
            u"with the real value from your service."_s.arg(where),
            scan.placeholder.span(), field);
    }
}

bool IngestUrlParser::parseScheme()
{
    const QStringView text = slice(m_begin, m_end);
    qsizetype tokenEnd = 0;
    if (!text.isEmpty() && isSchemeStartChar(text.front())) {
        tokenEnd = 1;
        while (tokenEnd < text.size() && isSchemeChar(text[tokenEnd]))
            ++tokenEnd;
    }
    const bool colonFollows = tokenEnd > 0 && tokenEnd < text.size() && text[tokenEnd] == u':';
    qsizetype slashes = 0;
    if (colonFollows) {
        while (tokenEnd + 1 + slashes < text.size() && text[tokenEnd + 1 + slashes] == u'/')
            ++slashes;
    }
    const QString token = text.first(tokenEnd).toString();
    const QString lower = token.toLower();
    const Scheme scheme = schemeFromName(token);
    const bool knownName = scheme != Scheme::Unknown || otherKnownSchemes().contains(lower);

    if (!colonFollows || (slashes < 2 && !knownName)) {
        // "live.example.com/app/key" or "localhost:1935/app": no scheme at all.
        m_url.m_schemeMissing = true;
        add(UrlLintCode::MissingScheme,
            u"The address does not start with rtmp:// (or rtmps://). Add the beginning your service shows, "
            u"usually rtmp://."_s,
            TextSpan{m_begin, 0});
        m_position = m_begin;
        if (text.startsWith(u"//"))
            m_position += 2;
        return false;
    }

    m_url.m_scheme = scheme;
    m_url.m_schemeText = token;
    const TextSpan schemeSpan{m_begin, tokenEnd};
    if (slashes == 2 || slashes >= 3) {
        // Three or more slashes: an empty server name followed by the path (reported as missing host).
        m_position = m_begin + tokenEnd + 3;
    } else {
        m_position = m_begin + tokenEnd + 1 + slashes;
        add(UrlLintCode::MalformedSchemeSeparator,
            u"After “%1:” there must be two slashes, as in %1://server/app."_s.arg(lower.left(16)),
            TextSpan{m_begin + tokenEnd, 1 + slashes});
    }

    if (scheme == Scheme::Rtmpe || scheme == Scheme::Rtmpte) {
        add(UrlLintCode::UnsupportedRtmpe,
            u"%1:// is Adobe's old scrambled RTMP. Streaming services and current encoders do not accept it. "
            u"Use rtmps:// for an encrypted connection, or plain rtmp://."_s.arg(lower),
            schemeSpan);
    } else if (scheme == Scheme::Unknown) {
        QString message;
        if (isWebScheme(lower)) {
            message =
                u"This is a web address (%1://), not an ingest address. The ingest address starts with "
                u"rtmp:// or rtmps://; look for “Server” or “Stream URL” in your service's stream settings."_s
                    .arg(lower);
        } else if (otherKnownSchemes().contains(lower)) {
            message =
                u"%1:// is a different streaming protocol. RTMP Doctor checks rtmp://, rtmps://, rtmpt:// "
                u"and rtmpts:// addresses; ask your service for its RTMP ingest address."_s.arg(lower);
        } else {
            message =
                u"“%1://” is not a streaming protocol RTMP Doctor knows. RTMP ingest addresses start with "
                u"rtmp:// or rtmps://."_s.arg(lower.left(16));
        }
        add(UrlLintCode::UnknownScheme, message, schemeSpan);
    }
    return true;
}

void IngestUrlParser::skipRepeatedSchemes()
{
    bool reported = false;
    for (int round = 0; round < 8; ++round) {
        const qsizetype length = schemeWithSlashesLength(slice(m_position, m_end));
        if (length == 0)
            return;
        if (!reported) {
            add(UrlLintCode::NestedUrl,
                u"The address contains “://” twice: the beginning was typed twice, or two addresses were "
                u"pasted "
                u"together. Keep only one."_s,
                TextSpan{m_position, length});
            reported = true;
        }
        m_position += length;
    }
}

void IngestUrlParser::parseAuthority()
{
    qsizetype end = m_position;
    while (end < m_end && !isPathSeparator(m_text[end]) && m_text[end] != u'?')
        ++end;
    m_authorityEnd = end;

    qsizetype hostStart = m_position;
    const qsizetype at = slice(m_position, end).lastIndexOf(u'@');
    if (at >= 0) {
        const QStringView userInfo = slice(m_position, m_position + at);
        const qsizetype colon = userInfo.indexOf(u':');
        m_url.m_hasCredentials = true;
        m_url.m_userName = (colon >= 0 ? userInfo.first(colon) : userInfo).toString();
        m_url.m_password = colon >= 0 ? userInfo.sliced(colon + 1).toString() : QString();
        add(UrlLintCode::CredentialsInUrl,
            u"The address contains a user name and password (name:password@ before the server). Many "
            u"encoders "
            u"do not send them this way; put them in the encoder's authentication fields instead. RTMP "
            u"Doctor "
            u"hides them in everything it shows."_s,
            TextSpan{m_position, at + 1});
        hostStart = m_position + at + 1;
    }
    parseHost(hostStart, end);
    if (m_hostSpan.isValid())
        m_url.m_hostText = slice(m_hostSpan.start, m_hostSpan.start + m_hostSpan.length).toString();
}

void IngestUrlParser::parseHost(qsizetype start, qsizetype end)
{
    const QStringView hostPort = slice(start, end);
    if (hostPort.isEmpty() || hostPort.front() == u':') {
        add(UrlLintCode::MissingHost,
            u"There is no server name after “://”. Copy the whole address from your service, for example "
            u"rtmp://live.example.com/app."_s,
            TextSpan{start, 0});
        m_url.m_hostType = IngestUrl::HostType::None;
        if (!hostPort.isEmpty())
            parsePort(start + 1, end);
        return;
    }

    if (hostPort.front() == u'[') {
        const qsizetype close = hostPort.indexOf(u']');
        if (close < 0) {
            m_url.m_host = hostPort.sliced(1).toString();
            m_hostSpan = TextSpan{start, end - start};
            add(UrlLintCode::InvalidHost,
                u"The IPv6 address in square brackets is missing its closing “]”."_s,
                TextSpan{start, end - start});
            return;
        }
        const QString literal = hostPort.sliced(1, close - 1).toString();
        m_url.m_host = literal;
        m_hostSpan = TextSpan{start, close + 1};
        QHostAddress address;
        if (!address.setAddress(literal) || address.protocol() != QAbstractSocket::IPv6Protocol) {
            add(UrlLintCode::InvalidHost, u"The text in square brackets is not a valid IPv6 address."_s,
                TextSpan{start, close + 1});
        } else {
            m_url.m_hostType = IngestUrl::HostType::Ipv6;
            m_url.m_hostValid = true;
            m_url.m_hostAce = literal.toLower();
        }
        const QStringView rest = hostPort.sliced(close + 1);
        if (rest.startsWith(u':')) {
            parsePort(start + close + 2, end);
        } else if (!rest.isEmpty()) {
            m_url.m_hostValid = false;
            add(UrlLintCode::InvalidHost, u"After the “]” of an IPv6 address only “:port” may follow."_s,
                TextSpan{start + close + 1, rest.size()});
        }
        return;
    }

    const qsizetype colons = hostPort.count(u':');
    if (colons > 1) {
        m_url.m_host = hostPort.toString();
        m_hostSpan = TextSpan{start, end - start};
        QHostAddress address;
        const bool isIpv6 =
            address.setAddress(m_url.m_host) && address.protocol() == QAbstractSocket::IPv6Protocol;
        add(UrlLintCode::InvalidHost,
            isIpv6
                ? u"An IPv6 address must be written in square brackets, for example rtmp://[2001:db8::1]:1935/app."_s
                : u"The server name contains more than one “:”. Only one may follow it, before the port number."_s,
            TextSpan{start, end - start});
        return;
    }
    const qsizetype colon = hostPort.indexOf(u':');
    const qsizetype hostEnd = colon >= 0 ? start + colon : end;
    m_url.m_host = slice(start, hostEnd).toString();
    m_hostSpan = TextSpan{start, hostEnd - start};
    if (colon >= 0)
        parsePort(hostEnd + 1, end);

    if (m_url.m_host.count(u'.') > 0 && std::all_of(m_url.m_host.cbegin(), m_url.m_host.cend(), [](QChar c) {
            return (c >= u'0' && c <= u'9') || c == u'.';
        })) {
        if (isStrictIpv4(m_url.m_host)) {
            m_url.m_hostType = IngestUrl::HostType::Ipv4;
            m_url.m_hostValid = true;
            m_url.m_hostAce = m_url.m_host;
        } else {
            add(UrlLintCode::InvalidHost,
                u"The server address looks like an IPv4 address but is not one: it needs four numbers from 0 "
                u"to "
                u"255 separated by dots, such as 192.0.2.10."_s,
                TextSpan{start, hostEnd - start});
        }
        return;
    }
    if (isAsciiDigits(m_url.m_host)) {
        add(UrlLintCode::InvalidHost,
            u"The server name is only a number. Was the port typed where the server name belongs? The form "
            u"is "
            u"rtmp://server:port/app."_s,
            TextSpan{start, hostEnd - start});
        return;
    }
    validateHostName(start, hostEnd);
}

void IngestUrlParser::validateHostName(qsizetype start, qsizetype end)
{
    QStringView host = slice(start, end);
    if (host.endsWith(u'.') && host.size() > 1)
        host.chop(1); // a fully qualified name may end with a dot

    bool silentlyInvalid = false; // a character another finding already points at
    qsizetype labelStart = 0;
    for (qsizetype i = 0; i <= host.size();) {
        const CodePoint cp = i < host.size() ? codePointAt(host, i) : CodePoint{u'.', 1};
        if (i == host.size() || isLabelSeparator(cp.value)) {
            const QStringView label = host.sliced(labelStart, i - labelStart);
            if (label.isEmpty()) {
                add(UrlLintCode::InvalidHost,
                    u"The server name has two dots in a row, or starts with a dot."_s,
                    TextSpan{start, end - start});
                return;
            }
            if (label.front() == u'-' || label.back() == u'-') {
                add(UrlLintCode::InvalidHost,
                    u"A part of the server name starts or ends with a hyphen, which is not allowed."_s,
                    TextSpan{start + labelStart, label.size()});
                return;
            }
            labelStart = i + cp.width;
        } else if (isReportedByCharacterScan(cp.value)) {
            silentlyInvalid = true;
        } else if (!isAllowedHostCharacter(cp.value)) {
            const QString character = host.sliced(i, cp.width).toString();
            add(UrlLintCode::InvalidHost,
                u"The server name contains %1, which cannot be part of a server name. Server names use "
                u"letters, "
                u"digits, hyphens and dots."_s.arg(quoted(character)),
                TextSpan{start + i, cp.width});
            return;
        }
        i += cp.width;
    }
    if (silentlyInvalid)
        return;

    const QString ace = QString::fromLatin1(QUrl::toAce(host.toString())).toLower();
    if (ace.isEmpty()) {
        add(UrlLintCode::InvalidHost,
            u"The server name cannot be converted into an internet name (IDNA). Check it for unusual characters."_s,
            TextSpan{start, end - start});
        return;
    }
    const QList<QStringView> labels = QStringView(ace).split(u'.');
    const bool labelTooLong =
        std::any_of(labels.begin(), labels.end(), [](QStringView label) { return label.size() > 63; });
    if (labelTooLong || ace.size() > 253) {
        add(UrlLintCode::InvalidHost,
            u"The server name is too long: each part between dots may have at most 63 characters, the whole "
            u"name at most 253."_s,
            TextSpan{start, end - start});
        return;
    }
    m_url.m_hostAce = ace;
    m_url.m_hostType = IngestUrl::HostType::Name;
    m_url.m_hostValid = true;
}

void IngestUrlParser::parsePort(qsizetype start, qsizetype end)
{
    const QStringView text = slice(start, end);
    m_portSpan = TextSpan{start, text.size()};
    m_url.m_portText = text.toString();
    m_url.m_portValid = false;
    if (text.isEmpty()) {
        add(UrlLintCode::InvalidPort,
            u"There is a “:” after the server name but no port number. Remove the colon or add the port, "
            u"for example :1935."_s,
            TextSpan{start - 1, 1});
        return;
    }
    if (!isAsciiDigits(text)) {
        add(UrlLintCode::InvalidPort,
            u"The port after the server name must be a number, for example :1935."_s,
            TextSpan{start, text.size()});
        return;
    }
    QStringView digits = text;
    while (digits.size() > 1 && digits.front() == u'0')
        digits = digits.sliced(1);
    const int value = digits.size() <= 5 ? digits.toInt() : 65536;
    if (value < 1 || value > 65535) {
        add(UrlLintCode::PortOutOfRange,
            u"Port %1 does not exist: ports go from 1 to 65535."_s.arg(portForMessage(text.toString())),
            TextSpan{start, text.size()});
        return;
    }
    m_url.m_port = static_cast<quint16>(value);
    m_url.m_portExplicit = true;
    m_url.m_portValid = true;
}

void IngestUrlParser::cutAtSecondUrl()
{
    if (has(UrlLintCode::NestedUrl))
        return;
    const qsizetype separator = slice(m_authorityEnd, m_end).indexOf(u"://");
    if (separator < 0)
        return;
    const qsizetype at = m_authorityEnd + separator;
    // Where a known scheme ends right at the "://", the rest is a second address: parse only the first,
    // so the second copy (and the secret it carries) does not end up inside the application name.
    static const QStringList names{u"rtmpts"_s, u"rtmpte"_s, u"rtmps"_s, u"rtmpt"_s, u"rtmpe"_s,
                                   u"https"_s,  u"rtmp"_s,   u"http"_s,  u"srt"_s};
    qsizetype cut = -1;
    for (const QString& name : names) {
        if (at - name.size() >= m_authorityEnd &&
            slice(at - name.size(), at).compare(name, Qt::CaseInsensitive) == 0) {
            cut = at - name.size();
            break;
        }
    }
    add(UrlLintCode::NestedUrl,
        u"The address contains “://” twice: the beginning was typed twice, or two addresses were pasted "
        u"together. Keep only one."_s,
        cut >= 0 ? TextSpan{cut, m_end - cut} : TextSpan{at, 3});
    if (cut >= 0)
        m_end = cut;
}

void IngestUrlParser::parsePathAndQuery()
{
    cutAtSecondUrl();
    const qsizetype question = slice(m_authorityEnd, m_end).indexOf(u'?');
    m_queryStart = question >= 0 ? m_authorityEnd + question : -1;
    const qsizetype pathEnd = m_queryStart >= 0 ? m_queryStart : m_end;
    if (m_queryStart >= 0) {
        m_url.m_hasQuery = true;
        m_url.m_query = slice(m_queryStart + 1, m_end).toString();
    }

    bool emptyReported = false;
    qsizetype segmentStart = m_authorityEnd;
    if (segmentStart < pathEnd && isPathSeparator(m_text[segmentStart]))
        ++segmentStart;
    while (segmentStart <= pathEnd && m_authorityEnd < pathEnd) {
        qsizetype slash = segmentStart;
        while (slash < pathEnd && !isPathSeparator(m_text[slash]))
            ++slash;
        const bool doubleSlash = slash < pathEnd && m_text[slash] == u'/' && m_text[segmentStart - 1] == u'/';
        if (slash > segmentStart) {
            m_segments << Segment{slice(segmentStart, slash).toString(), segmentStart};
        } else if (doubleSlash && !emptyReported) {
            add(UrlLintCode::EmptyPathSegment,
                u"The path contains two slashes in a row (//). Servers read that as an empty name; remove "
                u"one slash."_s,
                TextSpan{slash, 1});
            emptyReported = true;
        }
        segmentStart = slash + 1;
    }

    // Characters the scan above did not already explain, in the part that holds names and secrets.
    for (qsizetype i = m_authorityEnd; i < m_end;) {
        const CodePoint cp = codePointAt(m_text, i);
        if (cp.value >= 0x80 && !isReportedByCharacterScan(cp.value)) {
            add(UrlLintCode::NonAsciiCharacter,
                u"The application, stream key or parameters contain a character outside plain ASCII (for "
                u"example a "
                u"look-alike letter or a typographic dash). These names are normally plain letters, digits "
                u"and "
                u"- _ . ; copy them again from your service."_s,
                TextSpan{i, cp.width});
            break;
        }
        i += cp.width;
    }
}

void IngestUrlParser::splitPath()
{
    const UrlParseOptions& options = m_url.m_options;
    QList<Segment> app = m_segments;
    std::optional<Segment> stream;
    AzureIngest& azure = m_url.m_azure;

    auto dropRepeatedLast = [&](qsizetype protectedIndex) {
        const qsizetype n = app.size();
        if (n >= 2 && n - 2 != protectedIndex && app[n - 1].text == app[n - 2].text) {
            add(UrlLintCode::StreamKeyRepeated,
                u"The stream key appears twice at the end of the address. Keep it only once."_s,
                TextSpan{app[n - 1].start, app[n - 1].text.size()});
            app.removeLast();
        }
    };

    if (m_separateKeyMode) {
        if (!app.isEmpty() && !m_separateKey.isEmpty() && app.last().text == m_separateKey) {
            add(UrlLintCode::StreamKeyRepeated,
                u"The stream key is at the end of the address and also in the stream key field, so the "
                u"encoder "
                u"would send it twice. Remove it from the end of the address."_s,
                TextSpan{app.last().start, app.last().text.size()});
            app.removeLast();
        }
        if (azure.isAzure && !app.isEmpty()) {
            const bool newLayout = app.first().text.compare(u"live"_s, Qt::CaseInsensitive) == 0;
            m_url.m_tokenSegment = newLayout ? (app.size() >= 2 ? 1 : -1) : 0;
            azure.legacyLayout = !newLayout;
        }
    } else if (azure.isAzure) {
        if (!app.isEmpty()) {
            const bool newLayout = app.first().text.compare(u"live"_s, Qt::CaseInsensitive) == 0;
            azure.legacyLayout = !newLayout;
            m_url.m_tokenSegment = newLayout ? (app.size() >= 2 ? 1 : -1) : 0;
            dropRepeatedLast(m_url.m_tokenSegment);
            const qsizetype firstStreamIndex = m_url.m_tokenSegment + 1;
            if (m_url.m_tokenSegment >= 0 && app.size() > firstStreamIndex)
                stream = app.takeLast();
        }
    } else if (options.layout == PathLayout::AppOnly) {
        // The whole path names the application (and its instance); there is no stream key.
    } else {
        dropRepeatedLast(-1);
        // "rtmp://host/app/_definst_" names an instance, not a stream.
        if (app.size() >= 2 && app.last().text.compare(u"_definst_"_s, Qt::CaseInsensitive) != 0)
            stream = app.takeLast();
    }

    for (const Segment& segment : std::as_const(app))
        m_url.m_applicationSegments << segment.text;
    if (azure.isAzure) {
        m_url.m_application = m_url.m_applicationSegments.join(u'/');
    } else if (!app.isEmpty()) {
        m_url.m_application = app.first().text;
        m_url.m_instance = m_url.m_applicationSegments.mid(1).join(u'/');
    }
    if (m_url.m_tokenSegment >= 0 && m_url.m_tokenSegment < app.size())
        azure.accessToken = app[m_url.m_tokenSegment].text;
    else
        m_url.m_tokenSegment = -1;

    const qsizetype pathEnd = m_queryStart >= 0 ? m_queryStart : m_end;
    if (app.isEmpty()) {
        add(UrlLintCode::MissingApplication,
            u"The address has no application after the server name (the “/live” part in "
            u"rtmp://server/live). Copy the whole address from your service."_s,
            TextSpan{m_authorityEnd, 0});
    }

    if (m_separateKeyMode) {
        m_url.m_streamKey = m_separateKey;
        m_url.m_streamKeySeparate = true;
        m_streamSpan = TextSpan{m_separateKeyStart, m_separateKey.size()};
    } else if (stream) {
        m_url.m_streamKey = stream->text;
        m_url.m_streamKeyInUrl = true;
        m_streamSpan = TextSpan{stream->start, stream->text.size()};
        // The same key pasted twice without a slash in between.
        const qsizetype half = stream->text.size() / 2;
        if (stream->text.size() % 2 == 0 && half >= 8 &&
            QStringView(stream->text).first(half) == QStringView(stream->text).sliced(half)) {
            add(UrlLintCode::StreamKeyRepeated,
                u"The stream key seems to have been pasted twice in a row. Keep it only once."_s,
                TextSpan{stream->start + half, half});
            m_url.m_streamKey = stream->text.first(half);
            m_streamSpan.length = half;
        }
    }

    const bool azureWithoutKey = azure.isAzure && (azure.legacyLayout || m_segments.isEmpty());
    const bool keyExpected = options.streamKeyRequired && !azureWithoutKey &&
                             (azure.isAzure || options.layout == PathLayout::AppThenStream);
    if (keyExpected && m_url.m_streamKey.isEmpty()) {
        if (m_separateKeyMode) {
            add(UrlLintCode::MissingStreamKey,
                u"The stream key field is empty. Copy the stream key from your service's stream settings."_s,
                TextSpan{0, 0}, UrlField::StreamKey);
        } else {
            add(UrlLintCode::MissingStreamKey,
                u"There is no stream key. Add the key from your service at the end of the address (after a "
                u"“/”), "
                u"or in the encoder's stream key field."_s,
                TextSpan{pathEnd, 0});
        }
    }
}

void IngestUrlParser::checkStreamKeyContent()
{
    if (m_url.m_streamKey.isEmpty() || has(UrlLintCode::Placeholder))
        return;
    if (looksLikePlaceholder(m_url.m_streamKey)) {
        const bool separate = m_url.m_streamKeySeparate;
        add(UrlLintCode::Placeholder,
            u"The stream key is a placeholder from an example (like “stream key” or “xxxx”), not a real key. "
            u"Copy the key from your service's stream settings."_s,
            m_streamSpan, separate ? UrlField::StreamKey : UrlField::Url);
    }
}

void IngestUrlParser::checkTransport()
{
    const Scheme scheme = m_url.m_scheme;
    if (!m_url.m_portExplicit || m_url.m_azure.isAzure)
        return;
    const quint16 port = m_url.m_port;
    const bool plainPort = port == 80 || port == 1935 || port == 1936;
    const bool tlsPort = port == 443 || port == 2935 || port == 2936;
    const TextSpan portSpan = m_portSpan;
    if (usesTls(scheme) && plainPort) {
        add(UrlLintCode::TlsSchemeOnPlainPort,
            u"%1:// (encrypted) is used with port %2, the usual port for unencrypted connections. An "
            u"encrypted "
            u"client talking to a plain RTMP server just waits until it times out. Check that your service "
            u"really offers %1 on this port; otherwise use its encrypted port (often 443)."_s
                .arg(schemeName(scheme))
                .arg(port),
            portSpan);
    } else if (isSupportedForIngest(scheme) && !usesTls(scheme) && tlsPort) {
        add(UrlLintCode::PlainSchemeOnTlsPort,
            u"%1:// (unencrypted) is used with port %2, the usual port for encrypted connections. This works "
            u"only "
            u"if the server accepts plain RTMP there (some media servers are set up that way to get through "
            u"firewalls); otherwise use rtmps://."_s.arg(schemeName(scheme))
                .arg(port),
            portSpan);
    }
}

void IngestUrlParser::checkAzure()
{
    AzureIngest& azure = m_url.m_azure;
    if (!azure.isAzure)
        return;
    const TextSpan hostSpan = m_hostSpan;

    switch (azure.hostKind) {
    case AzureIngest::HostKind::NonVanity:
    case AzureIngest::HostKind::Vanity:
        break;
    case AzureIngest::HostKind::UnknownShape:
        add(UrlLintCode::AzureHostShape,
            isGeneratedAzureShape(azure.hostLabel) ? u"The Azure server name has the generated form seen in "
                                                     u"real Azure addresses (two 26-character "
                                                     u"codes and a region), which Azure's documentation does "
                                                     u"not describe. It may still be right; "
                                                     u"compare it with what your provider gave you."_s
                                                   : u"The server name ends in .channel.media.azure.net, but "
                                                     u"its first part matches neither Azure "
                                                     u"form (32 hexadecimal characters, or <live "
                                                     u"event>-<account>-<region>). Compare it with what your "
                                                     u"provider gave you."_s,
            hostSpan);
        break;
    }

    const Scheme scheme = m_url.m_scheme;
    const TextSpan portSpan =
        m_url.m_portExplicit ? m_portSpan : TextSpan{m_hostSpan.start + m_hostSpan.length, 0};
    if (scheme == Scheme::Rtmpt || scheme == Scheme::Rtmpts) {
        add(UrlLintCode::AzureSchemeNotSupported,
            u"Azure Media Services took RTMP only as rtmp:// or rtmps://, not %1://."_s.arg(
                schemeName(scheme)),
            TextSpan{m_begin, m_url.m_schemeText.size()});
    } else if ((scheme == Scheme::Rtmp || scheme == Scheme::Rtmps) && m_url.m_portValid) {
        const quint16 port = m_url.m_port;
        const bool allowed =
            scheme == Scheme::Rtmp ? (port == 1935 || port == 1936) : (port == 2935 || port == 2936);
        if (!allowed) {
            QString message =
                scheme == Scheme::Rtmp
                    ? u"Azure Media Services took rtmp:// only on ports 1935 and 1936; this address "
                      u"uses %1."_s.arg(port)
                    : u"Azure Media Services took rtmps:// only on ports 2935 and 2936; this address "
                      u"uses %1."_s.arg(port);
            if (!m_url.m_portExplicit)
                message += u" Without a port number, %1:// uses %2."_s.arg(schemeName(scheme)).arg(port);
            add(UrlLintCode::AzurePortNotAllowed, message, portSpan);
        }
    }

    if (!m_segments.isEmpty() && azure.accessToken.isEmpty()) {
        add(UrlLintCode::AzureAccessTokenMissing,
            u"An Azure ingest address carries an access token after /live/ (…/live/<access token>/<stream "
            u"name>); "
            u"this one has none. Copy the whole address from the live event."_s,
            TextSpan{m_segments.first().start + m_segments.first().text.size(), 0});
    } else if (!azure.accessToken.isEmpty()) {
        azure.accessTokenWellFormed = isWellFormedAzureToken(azure.accessToken);
        const bool tokenIsPlaceholder =
            looksLikePlaceholder(azure.accessToken) ||
            std::any_of(azure.accessToken.cbegin(), azure.accessToken.cend(),
                        [](QChar c) { return c == u'<' || c == u'>' || c == u'{' || c == u'}'; });
        if (tokenIsPlaceholder) {
            if (!has(UrlLintCode::Placeholder)) {
                add(UrlLintCode::Placeholder,
                    u"The access token is a placeholder from an example, not a real token. Copy the address "
                    u"from "
                    u"the live event."_s,
                    TextSpan{m_segments[m_url.m_tokenSegment].start, azure.accessToken.size()});
            }
        } else if (!azure.accessTokenWellFormed) {
            add(UrlLintCode::AzureAccessTokenShape,
                u"An Azure access token is 32 hexadecimal characters, or a GUID with or without hyphens; "
                u"this one is not. Copy the address again from the live event."_s,
                TextSpan{m_segments[m_url.m_tokenSegment].start, azure.accessToken.size()});
        }
    }

    add(UrlLintCode::AzureServiceRetired,
        u"This is an Azure Media Services address. Microsoft retired Azure Media Services on 30 June 2024, "
        u"so "
        u"this endpoint no longer takes streams. Ask your provider for the current ingest address."_s,
        hostSpan);
}

void IngestUrlParser::run()
{
    const QString& input = m_url.m_input;
    const UrlParseOptions& options = m_url.m_options;

    if (input.size() > IngestUrl::kMaxInputLength) {
        add(UrlLintCode::TooLong,
            u"The text is %1 characters long, far longer than an ingest address, so RTMP Doctor did not "
            u"check it. "
            u"Paste only the address."_s.arg(input.size()),
            TextSpan{IngestUrl::kMaxInputLength, input.size() - IngestUrl::kMaxInputLength});
        return;
    }
    const CharacterScan urlScan = scanCharacters(m_text);
    if (urlScan.isBlank()) {
        add(UrlLintCode::Empty,
            u"No address was entered. Paste the ingest address from your service, for example "
            u"rtmp://live.example.com/app."_s,
            TextSpan{0, input.size()});
        return;
    }
    m_begin = urlScan.begin;
    m_end = urlScan.end;
    m_url.m_parsed = true;
    reportCharacterProblems(urlScan, UrlField::Url);

    m_separateKeyMode = !options.separateStreamKey.isEmpty();
    if (m_separateKeyMode) {
        const QString& key = options.separateStreamKey;
        if (key.size() > IngestUrl::kMaxInputLength) {
            add(UrlLintCode::TooLong,
                u"The stream key field holds %1 characters, far more than a stream key; it was not checked."_s
                    .arg(key.size()),
                TextSpan{IngestUrl::kMaxInputLength, key.size() - IngestUrl::kMaxInputLength},
                UrlField::StreamKey);
        } else {
            const CharacterScan keyScan = scanCharacters(key);
            if (!keyScan.isBlank()) {
                reportCharacterProblems(keyScan, UrlField::StreamKey);
                m_separateKeyStart = keyScan.begin;
                m_separateKey =
                    QStringView(key).sliced(keyScan.begin, keyScan.end - keyScan.begin).toString();
                if (m_separateKey.contains(u"://")) {
                    add(UrlLintCode::StreamKeyLooksLikeUrl,
                        u"The stream key field contains an address (with “://”). Put the address in the "
                        u"server "
                        u"field and only the stream key in the key field."_s,
                        TextSpan{keyScan.begin, keyScan.end - keyScan.begin}, UrlField::StreamKey);
                }
                const qsizetype half = m_separateKey.size() / 2;
                if (m_separateKey.size() % 2 == 0 && half >= 8 &&
                    QStringView(m_separateKey).first(half) == QStringView(m_separateKey).sliced(half)) {
                    add(UrlLintCode::StreamKeyRepeated,
                        u"The stream key seems to have been pasted twice in a row. Keep it only once."_s,
                        TextSpan{keyScan.begin + half, half}, UrlField::StreamKey);
                    m_separateKey.truncate(half);
                }
            }
        }
    }

    parseScheme();
    skipRepeatedSchemes();
    parseAuthority();
    if (!m_url.m_portExplicit)
        m_url.m_port = defaultPort(m_url.m_scheme);
    parsePathAndQuery();

    // An invalid host can still be recognised by its ending: a template copied from Azure's documentation
    // (rtmp://<random 128bit hex string>.channel.media.azure.net/...) should still get the Azure advice.
    if (m_url.m_hostValid && m_url.m_hostType == IngestUrl::HostType::Name)
        m_url.m_azure = classifyAzureHost(m_url.m_hostAce);
    else if (!m_url.m_hostValid && !m_url.m_host.isEmpty())
        m_url.m_azure = classifyAzureHost(m_url.m_host);

    splitPath();
    checkStreamKeyContent();
    checkTransport();
    checkAzure();

    if (options.layout == PathLayout::AppOnly && !m_url.m_azure.isAzure &&
        !m_url.flashFallbackSequence().isEmpty()) {
        add(UrlLintCode::FlashPortFallback,
            u"The address uses rtmp:// without a port, so Flash-based clients such as AVChat try port 1935 "
            u"first, "
            u"then RTMP on ports 443 and 80, then RTMPT on port 80. That fallback only helps if the media "
            u"server "
            u"listens on those ports too."_s,
            TextSpan{m_begin, m_url.m_schemeText.size()});
    }
}

// ---------------------------------------------------------------------------------------------

IngestUrl IngestUrl::parse(const QString& input, const UrlParseOptions& options)
{
    IngestUrl url;
    url.m_input = input;
    url.m_options = options;
    IngestUrlParser parser(url, url.m_input);
    parser.run();
    return url;
}

bool IngestUrl::isUsable() const
{
    return m_parsed && isSupportedForIngest(m_scheme) && m_hostValid && m_portValid;
}

QString IngestUrl::applicationPath() const
{
    return m_applicationSegments.join(u'/');
}

QString IngestUrl::applicationPath(Redaction redaction) const
{
    if (redaction == Redaction::RevealSecrets || m_tokenSegment < 0)
        return applicationPath();
    QStringList segments = m_applicationSegments;
    segments[m_tokenSegment] = redactSecret(segments[m_tokenSegment]);
    return segments.join(u'/');
}

QString IngestUrl::query(Redaction redaction) const
{
    return redaction == Redaction::RevealSecrets ? m_query : redactQuery(m_query);
}

bool IngestUrl::hasFinding(UrlLintCode code) const
{
    return std::any_of(m_findings.begin(), m_findings.end(),
                       [code](const UrlFinding& f) { return f.code == code; });
}

Severity IngestUrl::worstSeverity() const
{
    Severity worst = Severity::Info;
    for (const UrlFinding& finding : m_findings)
        worst = std::max(worst, finding.severity);
    return worst;
}

QString IngestUrl::tcUrl(Redaction redaction) const
{
    if (!isUsable())
        return {};
    QString url = schemeName(m_scheme) + u"://"_s;
    url += m_hostType == HostType::Ipv6 ? u'[' + m_hostAce + u']' : m_hostAce;
    if (m_portExplicit)
        url += u':' + QString::number(m_port);
    url += u'/' + applicationPath(redaction);
    return makeVisible(url);
}

QString IngestUrl::toString(Redaction redaction) const
{
    if (!m_parsed)
        return {};
    const bool reveal = redaction == Redaction::RevealSecrets;
    QString url;
    if (m_scheme != Scheme::Unknown)
        url += schemeName(m_scheme) + u"://"_s;
    else if (!m_schemeMissing)
        url += m_schemeText.toLower() + u"://"_s;
    if (m_hasCredentials) {
        if (reveal)
            url += m_userName + (m_password.isEmpty() ? QString() : u':' + m_password) + u'@';
        else
            url += u"••••••:••••••@"_s;
    }
    url += m_hostText;
    if (!m_portText.isEmpty() || m_portExplicit)
        url += u':' + m_portText;
    QString path = applicationPath(redaction);
    if (m_streamKeyInUrl)
        path += u'/' + (reveal ? m_streamKey : redactSecret(m_streamKey));
    if (!path.isEmpty())
        url += u'/' + path;
    if (m_hasQuery)
        url += u'?' + query(redaction);
    return makeVisible(url);
}

QList<TransportAttempt> IngestUrl::flashFallbackSequence() const
{
    if (!m_parsed || m_scheme != Scheme::Rtmp || m_portExplicit || !m_portValid)
        return {};
    return {{Scheme::Rtmp, 1935}, {Scheme::Rtmp, 443}, {Scheme::Rtmp, 80}, {Scheme::Rtmpt, 80}};
}

IngestUrl IngestUrl::withTransport(Scheme scheme, quint16 port) const
{
    if (!m_parsed || m_hostType == HostType::None)
        return *this;
    QString url = schemeName(scheme) + u"://"_s;
    if (m_hasCredentials)
        url += m_userName + (m_password.isEmpty() ? QString() : u':' + m_password) + u'@';
    url += m_hostText;
    url += u':' + QString::number(port);
    QString path = applicationPath();
    if (m_streamKeyInUrl)
        path += u'/' + m_streamKey;
    if (!path.isEmpty())
        url += u'/' + path;
    if (m_hasQuery)
        url += u'?' + m_query;
    return parse(url, m_options);
}

} // namespace rd
