// rd::IngestUrl::parse and the lint of one encoder behaviour from the built-in catalog (or none),
// chosen by the input (checkIngest), with a separate stream key box from the input, then
// redaction and the descriptions. Invariants: every finding points inside the text it names and has
// a stable id, a usable URL has a host for DNS and a port, and no redacted output or finding
// message contains a secret (stream key, password, user name, Azure token) that could not have
// come from a public part of the URL.
#include "catalog/catalogs.h"
#include "fuzzsupport.h"
#include "intake/ingestcheck.h"
#include "url/ingesturl.h"
#include "url/urlreport.h"

#include <QStringList>

#include <algorithm>
#include <functional>
#include <optional>

using namespace rd;
using namespace Qt::StringLiterals;

namespace {

const Catalogs& catalogs()
{
    static const Catalogs loaded = [] {
        const CatalogLoadResult result = Catalogs::loadBuiltIn();
        FUZZ_CHECK(result.ok(), "the built-in catalogs load");
        return *result.catalogs;
    }();
    return loaded;
}

// A secret whose text cannot also be an ordinary word, a number or part of the host: only then
// is finding it in an output a leak rather than a coincidence.
bool isDistinctive(const QString& secret, const QString& publicText)
{
    return !publicText.contains(secret) && rd::fuzz::isDistinctiveSecret(secret);
}

QString redactedText(const IngestUrl& url, const QList<UrlFinding>& findings)
{
    return url.toString(Redaction::Redacted) + u'\n' + url.tcUrl(Redaction::Redacted) + u'\n' +
           describeIngestUrl(url, Redaction::Redacted) + u'\n' + describeFindings(findings) + u'\n' +
           url.applicationPath(Redaction::Redacted) + u'\n' + url.query(Redaction::Redacted);
}

// The redacted output of the same input with `secret` replaced by as many 'Z's: fixed text of the
// linter (the example "rtmp://[2001:db8::1]:1935/app" in a message) still shows the secret there,
// a leak does not.
using RedactedWithout = std::function<QString(const QString& secret)>;

// The URL box (keyBox false) or the key box (true) with the secret replaced by as many 'Z's. A key
// typed in its own box is replaced there only: if the URL shows the same text, the URL made it public.
QString withStandIn(const QString& input, const QString& separateKey, const QString& secret, bool keyBox)
{
    const QString standIn(secret.size(), u'Z');
    const bool inKeyBox = separateKey.contains(secret);
    if (keyBox)
        return QString(separateKey).replace(secret, standIn);
    return inKeyBox ? input : QString(input).replace(secret, standIn);
}

void checkUrl(const IngestUrl& url, const QList<UrlFinding>& findings, const QString& input,
              const QString& separateKey, const RedactedWithout& redactedWithout)
{
    for (const UrlFinding& finding : findings) {
        const QString& field = finding.field == UrlField::StreamKey ? separateKey : input;
        if (finding.span.isValid())
            FUZZ_CHECK(finding.span.start + finding.span.length <= field.size(),
                       "finding span inside its field");
        FUZZ_CHECK(lintCodeFromId(lintCodeId(finding.code)) == finding.code, "lint ids round-trip");
        FUZZ_CHECK(!finding.message.isEmpty(), "a finding says what is wrong");
    }
    if (url.isUsable()) {
        FUZZ_CHECK(!url.hostAce().isEmpty(), "a usable URL has an ASCII host");
        FUZZ_CHECK(url.port() != 0, "a usable URL has a port");
        FUZZ_CHECK(isSupportedForIngest(url.scheme()), "a usable URL has an ingest scheme");
    }

    const QString redacted = redactedText(url, findings);
    // Host and port are shown together ("host:2935"), after the hidden credentials ("••••@host") and
    // before the application ("host/live"), so a secret that repeats such joint text is public too
    // (found by the long run: token "edia.azure.net:2935" after a *.media.azure.net host; key
    // "[::1:1live" after the host "[::1:1live" as typed, brackets included; key "@ap2ss::1" after
    // credentials and the host "ap2ss::1"). So is the scheme as typed, even an unknown one (token
    // "m99accnt-:" after the scheme "rttm99accnt-://").
    QStringList publicForms;
    const qsizetype schemeEnd = input.indexOf(u"://"_s);
    if (schemeEnd >= 0)
        publicForms << input.first(schemeEnd + 3) << input.first(schemeEnd + 3).toLower();
    for (const QString& host : {url.host(), url.hostAce(), u'[' + url.host() + u']'}) {
        publicForms << host + u':' + url.portText() << u'@' + host << u'@' + host + u':' + url.portText()
                    << host + u'/' + url.applicationPath(Redaction::Redacted);
    }
    const QString publicText = publicForms.join(u'\n') + u'\n' + url.instance() + u'\n' +
                               url.applicationPath(Redaction::Redacted) + u'\n' +
                               url.query(Redaction::Redacted) + u'\n' + url.azure().liveEventName + u'\n' +
                               url.azure().accountName + u'\n' + url.azure().region;
    const QString secrets[] = {url.streamKey(), url.password(), url.userName(), url.azure().accessToken,
                               separateKey};
    for (const QString& secret : secrets) {
        if (!isDistinctive(secret, publicText))
            continue;
        const bool shown = redacted.contains(secret) ||
                           std::any_of(findings.cbegin(), findings.cend(), [&](const UrlFinding& finding) {
                               return finding.message.contains(secret);
                           });
        if (!shown || redactedWithout(secret).contains(secret))
            continue;
        // Enough to tell a leak from a coincidence the harness has not learnt yet.
        std::fprintf(stderr, "secret: %s\nredacted output and findings:\n%s\n", qPrintable(secret),
                     qPrintable(redacted));
        for (const UrlFinding& finding : findings)
            std::fprintf(stderr, "finding %s: %s\n", qPrintable(lintCodeId(finding.code)),
                         qPrintable(finding.message));
        FUZZ_CHECK(false, "no secret in redacted output or a finding");
    }
}

// One encoder per distinct behaviour (stream key needed, path layout, schemes): the others would
// run the same code on the same options, and the long runs need the executions.
const QList<const EncoderInfo*>& distinctEncoders()
{
    static const QList<const EncoderInfo*> encoders = [] {
        QList<const EncoderInfo*> chosen{nullptr};
        QStringList seen;
        for (const EncoderInfo& encoder : catalogs().encoders.encoders()) {
            const QString behaviour = u"%1|%2|%3"_s.arg(encoder.needsStreamKey)
                                          .arg(int(encoder.pathLayout))
                                          .arg(encoder.schemes.join(u','));
            if (!seen.contains(behaviour)) {
                seen << behaviour;
                chosen << &encoder;
            }
        }
        return chosen;
    }();
    return encoders;
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***)
{
    rd::fuzz::silenceQt();
    (void)distinctEncoders();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    // The URL, then optionally a TAB and the separate stream key box, as a user fills both.
    const QString text = QString::fromUtf8(reinterpret_cast<const char*>(data), qsizetype(size));
    const qsizetype tab = text.indexOf(u'\t');
    const QString input = tab >= 0 ? text.first(tab) : text;
    const QString separateKey = tab >= 0 ? text.sliced(tab + 1) : QString();

    // One encoder behaviour per input, chosen by the bytes (or none: "not chosen yet"), so each run
    // parses once and a long run still meets every behaviour, path layout included, with every
    // kind of URL.
    uint checksum = 0;
    for (std::size_t i = 0; i < size; ++i)
        checksum = checksum * 31 + data[i];
    const QList<const EncoderInfo*>& encoders = distinctEncoders();
    const EncoderInfo* encoder = encoders.at(qsizetype(checksum % uint(encoders.size())));
    const IngestCheck check = checkIngest(input, separateKey, encoder);
    const auto relintWithout = [&](const QString& secret) {
        return checkIngest(withStandIn(input, separateKey, secret, false),
                           withStandIn(input, separateKey, secret, true), encoder);
    };
    const auto redactedWithout = [&](const QString& secret) {
        const IngestCheck other = relintWithout(secret);
        return redactedText(other.url, other.findings);
    };
    checkUrl(check.url, check.findings, input, separateKey, redactedWithout);
    (void)check.hasProblems();
    (void)check.url.flashFallbackSequence();
    if ((checksum >> 8) % 4 == 0) // the revealing form must work too
        (void)describeIngestUrl(check.url, Redaction::RevealSecrets);
    if (check.url.isUsable() && (checksum >> 8) % 4 == 1) {
        const IngestUrl tunnel = check.url.withTransport(Scheme::Rtmpt, 80);
        const auto tunnelWithout = [&](const QString& secret) {
            const IngestUrl otherTunnel = relintWithout(secret).url.withTransport(Scheme::Rtmpt, 80);
            return redactedText(otherTunnel, otherTunnel.findings());
        };
        checkUrl(tunnel, tunnel.findings(), tunnel.input(), tunnel.options().separateStreamKey,
                 tunnelWithout);
    }
    return 0;
}
