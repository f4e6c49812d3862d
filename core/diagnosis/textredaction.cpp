#include "diagnosis/textredaction.h"

#include "url/ingesturl.h"

#include <QRegularExpression>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace rd {

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

    // Longest first, so a secret that contains another one is hidden as a whole.
    QStringList ordered = secrets;
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
    return result;
}

} // namespace rd
