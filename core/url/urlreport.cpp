#include "url/urlreport.h"

#include "url/textscan.h"

namespace rd {

using namespace Qt::StringLiterals;

namespace {

QString line(const QString& label, const QString& value)
{
    return (label + u':').leftJustified(14) + value + u'\n';
}

QString orNone(const QString& value)
{
    return value.isEmpty() ? u"(none)"_s : value;
}

QString schemeLine(const IngestUrl& url)
{
    const Scheme scheme = url.scheme();
    if (scheme == Scheme::Unknown)
        return u"(none or not an RTMP scheme)"_s;
    QString text = schemeName(scheme);
    QStringList traits;
    traits << (usesTls(scheme) ? u"encrypted (TLS)"_s : u"not encrypted"_s);
    if (usesHttpTunnel(scheme))
        traits << u"tunnelled through HTTP"_s;
    if (!isSupportedForIngest(scheme))
        traits << u"not accepted by ingest services"_s;
    return text + u" - "_s + traits.join(u", "_s);
}

QString hostLine(const IngestUrl& url)
{
    if (url.host().isEmpty())
        return u"(none)"_s;
    QString text = makeVisible(url.host());
    if (url.isIpv4())
        text += u" (IPv4 address)"_s;
    else if (url.isIpv6())
        text += u" (IPv6 address)"_s;
    else if (url.hostAce().isEmpty())
        text += u" (not a valid server name)"_s;
    else if (url.hostAce() != url.host())
        text += u" (DNS name: %1)"_s.arg(url.hostAce());
    return text;
}

QString portLine(const IngestUrl& url)
{
    if (!url.isPortValid())
        return u"not valid (typed: “%1”)"_s.arg(makeVisible(url.portText().left(24)));
    if (url.isPortExplicit())
        return QString::number(url.port());
    if (url.port() == 0)
        return u"(not known: no RTMP scheme)"_s;
    return u"%1 (the default for %2)"_s.arg(url.port()).arg(schemeName(url.scheme()));
}

QString streamKeyLine(const IngestUrl& url, Redaction redaction)
{
    const QString key = url.streamKey();
    if (key.isEmpty())
        return u"(none)"_s;
    QString text = redaction == Redaction::RevealSecrets ? makeVisible(key) : redactSecret(key);
    text += url.isStreamKeySeparate() ? u", from the stream key field"_s : u", from the end of the address"_s;
    return text;
}

QString azureLine(const IngestUrl& url, Redaction redaction)
{
    const AzureIngest azure = url.azure();
    QString text;
    switch (azure.hostKind) {
    case AzureIngest::HostKind::NonVanity:
        text = u"Azure Media Services, non-vanity host (32 hexadecimal characters)"_s;
        break;
    case AzureIngest::HostKind::Vanity:
        text = u"Azure Media Services, vanity host (live event \"%1\", account \"%2\", region \"%3\")"_s.arg(
            azure.liveEventName, azure.accountName, azure.region);
        break;
    case AzureIngest::HostKind::UnknownShape:
        text = u"Azure Media Services, host of an undocumented shape"_s;
        if (!azure.region.isEmpty())
            text += u" (region \"%1\")"_s.arg(azure.region);
        break;
    }
    if (!url.applicationPath().isEmpty()) {
        text += azure.legacyLayout ? u"; older path layout (the access token alone)"_s
                                   : u"; path layout live, access token, stream name"_s;
    }
    if (!azure.accessToken.isEmpty()) {
        text += u"; access token %1 (%2)"_s.arg(
            redaction == Redaction::RevealSecrets ? makeVisible(azure.accessToken)
                                                  : redactSecret(azure.accessToken),
            azure.accessTokenWellFormed ? u"well formed"_s : u"unexpected shape"_s);
    }
    return text + u"; the service was retired on 30 June 2024"_s;
}

} // namespace

QString describeIngestUrl(const IngestUrl& url, Redaction redaction)
{
    QString text;
    text += line(u"Scheme"_s, schemeLine(url));
    text += line(u"Host"_s, hostLine(url));
    text += line(u"Port"_s, portLine(url));
    if (url.hasCredentials()) {
        text += line(u"Credentials"_s, redaction == Redaction::RevealSecrets
                                           ? makeVisible(url.userName() + u':' + url.password())
                                           : u"user name and password present (hidden)"_s);
    }
    text +=
        line(u"Application"_s,
             orNone(makeVisible(url.azure().isAzure ? url.applicationPath(redaction) : url.application())));
    text += line(u"Instance"_s, orNone(makeVisible(url.instance())));
    text += line(u"Stream key"_s, streamKeyLine(url, redaction));
    if (!url.query().isEmpty())
        text += line(u"Query"_s, makeVisible(url.query(redaction)));
    text += line(u"tcUrl"_s, orNone(url.tcUrl(redaction)));
    if (url.azure().isAzure)
        text += line(u"Azure"_s, azureLine(url, redaction));
    const QList<TransportAttempt> fallback = url.flashFallbackSequence();
    if (!fallback.isEmpty() && url.options().layout == PathLayout::AppOnly) {
        QStringList attempts;
        for (const TransportAttempt& attempt : fallback)
            attempts << u"%1:%2"_s.arg(schemeName(attempt.scheme)).arg(attempt.port);
        text += line(u"Flash order"_s, attempts.join(u", "_s));
    }
    text += line(u"Usable"_s, url.isUsable() ? u"yes, a connection test can be attempted"_s
                                             : u"no, fix the errors first"_s);
    return text;
}

QString describeFindings(const QList<UrlFinding>& findings)
{
    if (findings.isEmpty())
        return u"No problems found.\n"_s;
    QString text;
    for (const UrlFinding& finding : findings) {
        text += severityName(finding.severity).leftJustified(8) + lintCodeId(finding.code) + u": "_s +
                finding.message;
        if (finding.span.isValid()) {
            text += finding.field == UrlField::StreamKey
                        ? u" (in the stream key, at column %1)"_s.arg(finding.span.start + 1)
                        : u" (at column %1)"_s.arg(finding.span.start + 1);
        }
        text += u'\n';
    }
    return text;
}

} // namespace rd
