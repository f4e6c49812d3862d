#include "diagnosis/textredaction.h"

#include "url/ingesturl.h"

#include <QRegularExpression>
#include <QUrl>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace rd {

namespace {

// A quote clipped to one line ends in "…", and can end inside a secret, where no whole secret is
// left to find: the first characters of a key are as good as the key to someone guessing the rest.
void hideClippedSecret(QString& text, const QStringList& secrets)
{
    constexpr qsizetype kShortestHiddenPart = 4;
    if (!text.endsWith(u'…'))
        return;
    const qsizetype end = text.size() - 1;
    const auto isWordCharacter = [](QChar c) {
        return c.isLetterOrNumber() || c == u'_' || c == u'-';
    };
    for (const QString& secret : secrets) {
        for (qsizetype length = std::min(secret.size() - 1, end); length >= kShortestHiddenPart; --length) {
            const qsizetype start = end - length;
            if (start > 0 && isWordCharacter(text.at(start - 1)))
                continue;
            if (QStringView(text)
                    .sliced(start, length)
                    .compare(QStringView(secret).first(length), Qt::CaseInsensitive) == 0) {
                text.replace(start, length, redactSecret(secret));
                return;
            }
        }
    }
}

} // namespace

QString hideSecretsInText(const QString& text, const QStringList& secrets)
{
    static const QRegularExpression urlPattern(u"\\brtmp[a-z]{0,2}://[^\\s\"'<>()\\[\\]]+"_s,
                                               QRegularExpression::CaseInsensitiveOption);
    QString result;
    qsizetype copiedUpTo = 0;
    QRegularExpressionMatchIterator it = urlPattern.globalMatch(text);
    while (it.hasNext()) {
        const QRegularExpressionMatch match = it.next();
        result += QStringView(text).sliced(copiedUpTo, match.capturedStart() - copiedUpTo);
        const IngestUrl url = IngestUrl::parse(match.captured());
        result += url.isUsable() ? url.toString(Redaction::Redacted) : redactSecret(match.captured());
        copiedUpTo = match.capturedEnd();
    }
    result += QStringView(text).sliced(copiedUpTo);

    // A secret also leaks in its URL-encoded form (a log quoting the request line, a proxy password
    // with '*' or '@' in it). Longest first, so a secret that contains another one is hidden as a whole.
    QStringList ordered = secrets;
    for (const QString& secret : secrets) {
        const QString encoded = QString::fromLatin1(QUrl::toPercentEncoding(secret));
        if (encoded != secret && !ordered.contains(encoded))
            ordered << encoded;
    }
    std::sort(ordered.begin(), ordered.end(),
              [](const QString& a, const QString& b) { return a.size() > b.size(); });
    for (const QString& secret : std::as_const(ordered)) {
        if (secret.size() < 4)
            continue;
        // Only where the secret stands on its own: a stream named "stream" must not turn the word
        // "streams" in a sentence into a placeholder.
        const QRegularExpression standalone(
            u"(?<![\\w-])"_s + QRegularExpression::escape(secret) + u"(?![\\w-])"_s,
            QRegularExpression::CaseInsensitiveOption | QRegularExpression::UseUnicodePropertiesOption);
        result.replace(standalone, redactSecret(secret));
    }
    hideClippedSecret(result, ordered);
    return result;
}

} // namespace rd
