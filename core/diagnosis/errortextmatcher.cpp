#include "diagnosis/errortextmatcher.h"

#include "diagnosis/knowledgebase.h"
#include "diagnosis/textredaction.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace rd {

namespace {

// Enough for a path or a host name between two fixed parts of a message, short enough that a
// phrase cannot join words from unrelated log lines far apart.
constexpr int kWildcardReach = 200;
constexpr qsizetype kMinimumLiteralCharacters = 4;

bool isQuote(char16_t c)
{
    switch (c) {
    case u'"':
    case u'\'':
    case u'`':
    case u'\u00B4': // acute accent used as an apostrophe
    case u'\u00AB':
    case u'\u00BB':
    case u'\u2018':
    case u'\u2019':
    case u'\u201A':
    case u'\u201B':
    case u'\u201C':
    case u'\u201D':
    case u'\u201E':
    case u'\u201F':
    case u'\u2032':
    case u'\u2033':
    case u'\u2039':
    case u'\u203A':
    case u'\uFF02':
    case u'\uFF07':
        return true;
    default:
        return false;
    }
}

bool isDash(char16_t c)
{
    return (c >= u'\u2010' && c <= u'\u2015') || c == u'\u2212' || c == u'\uFE63' || c == u'\uFF0D';
}

// Characters that change nothing a reader sees: zero-width spaces and joiners, direction marks,
// word joiner, byte order mark, soft hyphen.
bool isInvisible(char16_t c)
{
    return (c >= u'\u200B' && c <= u'\u200F') || c == u'\u2060' || c == u'\uFEFF' || c == u'\u00AD';
}

// The pasted text in the form phrases are matched against, with where each character came from.
struct FoldedText
{
    QString text;
    QList<qsizetype> origin; // origin[i]: index in the original text of text[i]

    void append(QChar c, qsizetype from)
    {
        text.append(c);
        origin.append(from);
    }
};

// Whitespace of any kind and length becomes one space: phrases may skip it anywhere (see
// patternOf), but it still separates numbers, so "-2" at the end of a line stays "-2".
FoldedText fold(QStringView input, qsizetype offset = 0)
{
    FoldedText folded;
    folded.text.reserve(input.size());
    folded.origin.reserve(input.size());
    bool inWhitespace = false;
    for (qsizetype i = 0; i < input.size(); ++i) {
        const QChar c = input[i];
        const char16_t code = c.unicode();
        if (isInvisible(code))
            continue;
        if (c.isSpace()) {
            if (!inWhitespace)
                folded.append(u' ', offset + i);
            inWhitespace = true;
            continue;
        }
        inWhitespace = false;
        if (isQuote(code)) {
            folded.append(u'"', offset + i);
        } else if (isDash(code)) {
            folded.append(u'-', offset + i);
        } else if (code == u'\u2026') {
            for (int dot = 0; dot < 3; ++dot)
                folded.append(u'.', offset + i);
        } else {
            folded.append(c.toCaseFolded(), offset + i);
        }
    }
    return folded;
}

QString foldPlain(QStringView text)
{
    return fold(text).text;
}

bool isAsciiDigit(QChar c)
{
    return c >= u'0' && c <= u'9';
}

struct PhrasePattern
{
    QString pattern;
    QString problem;
};

// The regular expression atoms of a folded literal: one per character, spaces dropped.
QStringList literalAtoms(const QString& folded)
{
    QStringList atoms;
    for (const QChar c : folded) {
        if (c != u' ')
            atoms.append(QRegularExpression::escape(QString(c)));
    }
    return atoms;
}

// Turns a phrase into a regular expression over folded text (see the class comment). Between any
// two characters one space is optional, so "Rejected:No" and "[ Server.Reject ] :" match the way
// different servers and documents space them.
PhrasePattern patternOf(const QString& phrase)
{
    static const QString optionalSpace = u" ?"_s;
    QStringList atoms;
    qsizetype literalCharacters = 0;
    bool startsWithDigit = false;
    bool endsWithDigit = false;

    qsizetype position = 0;
    while (position < phrase.size()) {
        const qsizetype open = phrase.indexOf(u'{', position);
        const qsizetype close = phrase.indexOf(u'}', position);
        if (close >= 0 && (open < 0 || close < open))
            return {{}, u"has a '}' without a '{'"_s};
        const qsizetype literalEnd = open < 0 ? phrase.size() : open;
        const QString literal =
            foldPlain(QStringView(phrase).sliced(position, literalEnd - position)).remove(u' ');
        if (!literal.isEmpty()) {
            if (atoms.isEmpty())
                startsWithDigit = isAsciiDigit(literal.front());
            endsWithDigit = isAsciiDigit(literal.back());
            atoms += literalAtoms(literal);
            literalCharacters += literal.size();
        }
        if (open < 0)
            break;
        const qsizetype end = phrase.indexOf(u'}', open + 1);
        if (end < 0)
            return {{}, u"has a '{' without a '}'"_s};
        const QString token = phrase.sliced(open + 1, end - open - 1);
        if (token.contains(u'{'))
            return {{}, u"has a '{' inside {...}"_s};
        if (token == u"*"_s) {
            atoms.append(u".{0,%1}?"_s.arg(kWildcardReach));
            endsWithDigit = false;
        } else {
            QStringList alternatives;
            bool anyStartsWithDigit = false;
            bool anyEndsWithDigit = false;
            for (const QString& alternative : token.split(u'|')) {
                const QString folded = foldPlain(alternative).remove(u' ');
                if (folded.isEmpty())
                    return {{}, u"has an empty alternative in {%1}"_s.arg(token)};
                anyStartsWithDigit = anyStartsWithDigit || isAsciiDigit(folded.front());
                anyEndsWithDigit = anyEndsWithDigit || isAsciiDigit(folded.back());
                alternatives.append(literalAtoms(folded).join(optionalSpace));
            }
            if (atoms.isEmpty())
                startsWithDigit = anyStartsWithDigit;
            atoms.append(u"(?:"_s + alternatives.join(u'|') + u')');
            literalCharacters += 1;
            endsWithDigit = anyEndsWithDigit;
        }
        position = end + 1;
    }
    if (literalCharacters < kMinimumLiteralCharacters)
        return {{},
                u"is too short to be recognised reliably (at least %1 characters besides {*})"_s.arg(
                    kMinimumLiteralCharacters)};
    QString pattern = atoms.join(optionalSpace);
    if (startsWithDigit)
        pattern.prepend(u"(?<![0-9])"_s);
    if (endsWithDigit)
        pattern += u"(?![0-9])"_s;
    return {pattern, {}};
}

} // namespace

bool ErrorTextMatch::hasSignature(const QString& signatureId) const
{
    return std::any_of(matches.cbegin(), matches.cend(),
                       [&signatureId](const ErrorMatch& match) { return match.signatureId == signatureId; });
}

ErrorTextMatcher::Phrase ErrorTextMatcher::compilePhrase(const QString& phrase)
{
    const PhrasePattern translated = patternOf(phrase);
    if (!translated.problem.isEmpty())
        return {{}, translated.problem};
    Phrase compiled{QRegularExpression(translated.pattern), {}};
    // isValid() compiles the expression; the copies that match() uses share the compiled form.
    if (!compiled.expression.isValid())
        return {{}, u"cannot be compiled: "_s + compiled.expression.errorString()};
    return compiled;
}

std::optional<QString> ErrorTextMatcher::checkPhrase(const QString& phrase)
{
    Phrase compiled = compilePhrase(phrase);
    if (compiled.problem.isEmpty())
        return std::nullopt;
    return std::move(compiled.problem);
}

namespace {

QList<QList<QRegularExpression>> compileAll(const QList<ErrorSignature>& signatures)
{
    QList<QList<QRegularExpression>> expressions;
    for (const ErrorSignature& signature : signatures) {
        QList<QRegularExpression>& ofSignature = expressions.emplaceBack();
        for (const QString& phrase : signature.phrases) {
            ErrorTextMatcher::Phrase compiled = ErrorTextMatcher::compilePhrase(phrase);
            if (compiled.problem.isEmpty())
                ofSignature.append(std::move(compiled.expression));
        }
    }
    return expressions;
}

} // namespace

ErrorTextMatcher::ErrorTextMatcher(const QList<ErrorSignature>& signatures)
    : ErrorTextMatcher(signatures, compileAll(signatures))
{}

ErrorTextMatcher::ErrorTextMatcher(const QList<ErrorSignature>& signatures,
                                   const QList<QList<QRegularExpression>>& expressions)
{
    Q_ASSERT(signatures.size() == expressions.size());
    const qsizetype count = std::min(signatures.size(), expressions.size());
    m_signatures.reserve(count);
    for (qsizetype index = 0; index < count; ++index)
        m_signatures.append({signatures[index], expressions[index]});
}

ErrorTextMatch ErrorTextMatcher::match(const QString& text) const
{
    ErrorTextMatch result;
    if (text.trimmed().isEmpty()) {
        result.status = ErrorTextMatch::Status::NoText;
        return result;
    }

    // The end of a long log is where the failure is.
    qsizetype offset = 0;
    QStringView searched(text);
    if (text.size() > kMaxTextLength) {
        offset = text.size() - kMaxTextLength;
        searched = searched.sliced(offset);
        result.truncated = true;
    }
    const FoldedText folded = fold(searched, offset);

    struct Found
    {
        qsizetype order;
        qsizetype foldedStart;
        qsizetype foldedLength;
    };
    QList<Found> found;
    for (qsizetype index = 0; index < m_signatures.size(); ++index) {
        std::optional<Found> best;
        for (const QRegularExpression& pattern : m_signatures[index].patterns) {
            const QRegularExpressionMatch match = pattern.match(folded.text);
            if (!match.hasMatch() || match.capturedLength() == 0)
                continue;
            const Found candidate{index, match.capturedStart(), match.capturedLength()};
            if (!best || candidate.foldedStart < best->foldedStart ||
                (candidate.foldedStart == best->foldedStart && candidate.foldedLength > best->foldedLength))
                best = candidate;
        }
        if (best)
            found.append(*best);
    }

    QStringList superseded;
    for (const Found& item : std::as_const(found))
        superseded += m_signatures[item.order].signature.supersedes;
    found.removeIf(
        [&](const Found& item) { return superseded.contains(m_signatures[item.order].signature.id); });

    std::sort(found.begin(), found.end(), [](const Found& a, const Found& b) {
        if (a.foldedStart != b.foldedStart)
            return a.foldedStart < b.foldedStart;
        if (a.foldedLength != b.foldedLength)
            return a.foldedLength > b.foldedLength;
        return a.order < b.order;
    });

    for (const Found& item : std::as_const(found)) {
        const ErrorSignature& signature = m_signatures[item.order].signature;
        const qsizetype start = folded.origin[item.foldedStart];
        const qsizetype end = folded.origin[item.foldedStart + item.foldedLength - 1] + 1;
        ErrorMatch match;
        match.signatureId = signature.id;
        match.title = signature.title;
        match.meaning = signature.meaning;
        match.span = TextSpan{start, end - start};
        match.matchedText = text.sliced(start, end - start);
        match.likelyCauseIds = signature.likelyCauseIds;
        match.confirmWith = signature.confirmWith;
        result.matches.append(match);
    }
    result.status =
        result.matches.isEmpty() ? ErrorTextMatch::Status::NotRecognised : ErrorTextMatch::Status::Recognised;
    return result;
}

QString describeErrorMatch(const ErrorTextMatch& match, const KnowledgeBase* knowledge,
                           const QStringList& secrets)
{
    switch (match.status) {
    case ErrorTextMatch::Status::NoText:
        return u"No text was given.\n"_s;
    case ErrorTextMatch::Status::NotRecognised:
        return u"Not recognised: this text contains no message RTMP Doctor knows. The connection checks "
               u"(probes) still work without it.\n"_s;
    case ErrorTextMatch::Status::Recognised:
        break;
    }

    QString text = match.matches.size() == 1 ? u"Recognised 1 message"_s
                                             : u"Recognised %1 messages"_s.arg(match.matches.size());
    text += match.truncated ? u" (only the last part of a very long text was searched):\n"_s : u":\n"_s;
    int number = 0;
    for (const ErrorMatch& item : match.matches) {
        ++number;
        text += u"%1. %2 [%3]\n"_s.arg(number).arg(item.title, item.signatureId);
        text += u"   Matched: \"%1\" (at character %2)\n"_s
                    .arg(hideSecretsInText(item.matchedText.simplified(), secrets))
                    .arg(item.span.start + 1);
        text += u"   Meaning: "_s + item.meaning + u'\n';
        QStringList causes;
        for (const QString& causeId : item.likelyCauseIds) {
            const CauseDefinition* cause = knowledge ? knowledge->cause(causeId) : nullptr;
            causes.append(cause ? u"%1 (%2)"_s.arg(cause->title, causeId) : causeId);
        }
        if (!causes.isEmpty())
            text += u"   Likely causes: "_s + causes.join(u"; "_s) + u'\n';
        QStringList probes;
        for (ProbeKind kind : item.confirmWith)
            probes.append(probeKindId(kind));
        text += probes.isEmpty()
                    ? u"   Confirm with: no probe can tell; follow the remedies.\n"_s
                    : u"   Confirm or rule out with the probes: "_s + probes.join(u", "_s) + u'\n';
    }
    return text;
}

} // namespace rd
