#pragma once

#include "severity.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace rd {

// The transports an ingest URL can name. rtmpe/rtmpte are recognised only so
// that they can be reported: no ingest service accepts Adobe's obfuscated RTMP.
enum class Scheme
{
    Unknown,
    Rtmp,
    Rtmps,
    Rtmpt,
    Rtmpts,
    Rtmpe,
    Rtmpte,
};

QString schemeName(Scheme scheme);        // "rtmp", "rtmps", ...; empty for Unknown
Scheme schemeFromName(QStringView name);  // case-insensitive; Unknown when not an RTMP family name
quint16 defaultPort(Scheme scheme);       // 1935, 443, 80, 443, 1935, 80; 0 for Unknown
bool usesTls(Scheme scheme);              // rtmps, rtmpts
bool usesHttpTunnel(Scheme scheme);       // rtmpt, rtmpts, rtmpte
bool isSupportedForIngest(Scheme scheme); // rtmp, rtmps, rtmpt, rtmpts

// How the path of the URL is split.
enum class PathLayout
{
    AppThenStream, // publishing encoders: application = all segments but the last, stream key = last
    AppOnly,       // video-chat clients (AVChat): the whole path is application/instance, no stream key
};

// Which text box a finding points into.
enum class UrlField
{
    Url,
    StreamKey, // UrlParseOptions::separateStreamKey
};

// A range of UTF-16 code units in the field's original text (as the user pasted it, before any
// trimming). length 0 marks an insertion point, e.g. where a missing stream key belongs.
struct TextSpan
{
    qsizetype start = -1;
    qsizetype length = 0;
    bool isValid() const { return start >= 0 && length >= 0; }
    friend bool operator==(const TextSpan&, const TextSpan&) = default;
};

// One value per rule. The ids from lintCodeId() are stable: knowledge-base rules and
// reports match on them, so never rename one; add new values instead.
enum class UrlLintCode
{
    Empty,                       // "empty"
    TooLong,                     // "too-long"
    MissingScheme,               // "missing-scheme"
    UnknownScheme,               // "unknown-scheme"
    MalformedSchemeSeparator,    // "malformed-scheme-separator": rtmp:/host, rtmp:host
    UnsupportedRtmpe,            // "unsupported-rtmpe"
    LeadingOrTrailingWhitespace, // "leading-or-trailing-whitespace"
    Quotes,                      // "quotes"
    LineBreak,                   // "line-break"
    ControlCharacter,            // "control-character" (NUL included)
    InvisibleCharacter,          // "invisible-character": zero-width space, BOM, direction marks
    WhitespaceInside,            // "whitespace-inside"
    NonAsciiCharacter,           // "non-ascii-character" in the path, key or query
    Placeholder,                 // "placeholder": <stream key>, {key}, YOUR_STREAM_KEY left from an example
    NestedUrl,                   // "nested-url": a second "://" (scheme typed twice, two URLs pasted)
    MissingHost,                 // "missing-host"
    InvalidHost,                 // "invalid-host"
    InvalidPort,                 // "invalid-port"
    PortOutOfRange,              // "port-out-of-range"
    EmptyPathSegment,            // "empty-path-segment": "//" inside the path
    MissingApplication,          // "missing-application"
    MissingStreamKey,            // "missing-stream-key"
    StreamKeyRepeated,           // "stream-key-repeated"
    StreamKeyLooksLikeUrl,       // "stream-key-looks-like-url": the whole URL pasted into the key box
    CredentialsInUrl,            // "credentials-in-url"
    TlsSchemeOnPlainPort,        // "tls-scheme-on-plain-port"
    PlainSchemeOnTlsPort,        // "plain-scheme-on-tls-port"
    FlashPortFallback,           // "flash-port-fallback" (information)
    AzureHostShape,              // "azure-host-shape"
    AzureSchemeNotSupported,     // "azure-scheme-not-supported"
    AzurePortNotAllowed,         // "azure-port-not-allowed"
    AzureAccessTokenMissing,     // "azure-access-token-missing"
    AzureAccessTokenShape,       // "azure-access-token-shape"
    AzureServiceRetired,         // "azure-service-retired"
    EncoderCannotUseScheme,      // "encoder-cannot-use-scheme": set by checkIngest() from the encoder catalog
};

QString lintCodeId(UrlLintCode code);
std::optional<UrlLintCode> lintCodeFromId(QStringView id);
QList<UrlLintCode> allUrlLintCodes();

struct UrlFinding
{
    Severity severity = Severity::Info;
    UrlLintCode code = UrlLintCode::Empty;
    QString message; // plain language, never contains a secret
    UrlField field = UrlField::Url;
    TextSpan span;
};

struct UrlParseOptions
{
    PathLayout layout = PathLayout::AppThenStream;
    bool streamKeyRequired = true; // ignored for PathLayout::AppOnly and the old Azure layout
    // The encoder's separate "stream key" box; empty when the key is in the URL. When it is set,
    // the whole URL path is the application.
    QString separateStreamKey;
};

enum class Redaction
{
    Redacted,
    RevealSecrets,
};

// What an Azure Media Services ingest URL says about itself (host *.channel.media.azure.net).
struct AzureIngest
{
    enum class HostKind
    {
        NonVanity,    // 32 hex characters
        Vanity,       // <live event>-<account>-<region>
        UnknownShape, // anything else, e.g. <26 base32>-<26 base32>-<region> seen in real URLs
    };

    bool isAzure = false;
    HostKind hostKind = HostKind::UnknownShape;
    QString hostLabel;                  // the part before .channel.media.azure.net
    QString liveEventName;              // vanity hosts only
    QString accountName;                // vanity hosts only
    QString region;                     // vanity hosts and shapes that end in a region abbreviation
    QString accessToken;                // a secret
    bool accessTokenWellFormed = false; // 32 hex or a GUID with or without hyphens
    bool legacyLayout = false;          // rtmp://host:port/<token> (no "live/", no stream name)
};

// One scheme/port combination a client may try.
struct TransportAttempt
{
    Scheme scheme = Scheme::Unknown;
    quint16 port = 0;
    friend bool operator==(const TransportAttempt&, const TransportAttempt&) = default;
};

// An ingest URL as a user pasted it, split into the parts an RTMP client uses, with everything
// that looks wrong reported as findings. Parsing never fails and never touches the network.
class IngestUrl
{
public:
    // Inputs longer than this are not parsed (finding "too long").
    static constexpr qsizetype kMaxInputLength = 4096;

    static IngestUrl parse(const QString& input, const UrlParseOptions& options = {});

    // The scheme is an ingest transport, the host is valid and the port is valid: a probe can be
    // attempted (other findings may still explain why it will fail).
    bool isUsable() const;

    QString input() const { return m_input; }
    UrlParseOptions options() const { return m_options; }

    Scheme scheme() const { return m_scheme; }
    QString host() const { return m_host; }       // as typed, Unicode allowed; IPv6 without brackets
    QString hostAce() const { return m_hostAce; } // the ASCII form for DNS; empty when the host is invalid
    bool isIpv4() const { return m_hostType == HostType::Ipv4; }
    bool isIpv6() const { return m_hostType == HostType::Ipv6; }
    quint16 port() const { return m_port; } // the explicit port, else the scheme's default
    bool isPortExplicit() const { return m_portExplicit; }
    bool isPortValid() const
    {
        return m_portValid;
    } // false when the typed port is not a number from 1 to 65535
    QString portText() const { return m_portText; } // as typed after the ':'
    QString userName() const { return m_userName; } // a secret, like password()
    QString password() const { return m_password; }
    bool hasCredentials() const { return m_hasCredentials; }

    QString application() const { return m_application; } // "live", "live/<token>", "avchat30"
    QString instance() const { return m_instance; }       // "_definst_", else empty
    QString applicationPath() const;                      // what connect's "app" carries
    QString applicationPath(Redaction redaction) const;   // hides an Azure access token in the path
    QString streamKey() const { return m_streamKey; }     // the secret
    bool isStreamKeySeparate() const { return m_streamKeySeparate; }
    QString query() const { return m_query; } // without '?'
    QString query(Redaction redaction) const;

    // "rtmp://host[:port]/app" as a client sends it in connect (host in ASCII form, port only when
    // typed). Empty when the URL is not usable.
    QString tcUrl(Redaction redaction = Redaction::Redacted) const;
    // The URL rebuilt from its parts (without a separate stream key). Control and invisible
    // characters are shown as <U+XXXX> so the text is safe to print.
    QString toString(Redaction redaction = Redaction::Redacted) const;

    QList<UrlFinding> findings() const { return m_findings; }
    bool hasFinding(UrlLintCode code) const;
    Severity worstSeverity() const; // Info if none

    AzureIngest azure() const { return m_azure; }

    // Flash-based clients (AVChat) that were given rtmp:// without a port try these in order:
    // rtmp 1935, rtmp 443, rtmp 80, rtmpt 80. Empty when the URL does not trigger that sequence.
    QList<TransportAttempt> flashFallbackSequence() const;
    // The same URL and options with another transport, re-parsed (so its findings fit the new port).
    IngestUrl withTransport(Scheme scheme, quint16 port) const;

private:
    friend class IngestUrlParser;

    enum class HostType
    {
        None,
        Name,
        Ipv4,
        Ipv6,
    };

    QString m_input;
    UrlParseOptions m_options;
    Scheme m_scheme = Scheme::Unknown;
    QString m_schemeText; // as typed, for unknown schemes
    bool m_schemeMissing = false;
    QString m_userName;
    QString m_password;
    bool m_hasCredentials = false;
    QString m_host;
    QString m_hostText; // exactly as typed, with any brackets
    QString m_hostAce;
    HostType m_hostType = HostType::None;
    bool m_hostValid = false;
    QString m_portText;
    quint16 m_port = 0;
    bool m_portExplicit = false;
    bool m_portValid = true;
    QStringList m_applicationSegments; // the whole application path, segment by segment
    qsizetype m_tokenSegment = -1;     // which application segment is an Azure access token
    QString m_application;
    QString m_instance;
    QString m_streamKey;
    bool m_streamKeySeparate = false;
    bool m_streamKeyInUrl = false;
    QString m_query;
    bool m_hasQuery = false;
    bool m_parsed = false; // false for empty and too-long input
    QList<UrlFinding> m_findings;
    AzureIngest m_azure;
};

// A fixed-width placeholder that reveals no character of the secret, only its length:
// "•••••• (32 characters hidden)". Empty for an empty secret.
QString redactSecret(const QString& secret);

} // namespace rd
