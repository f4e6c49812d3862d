#pragma once

#include "diagnosis/errormatch.h"
#include "diagnosis/knowledgetypes.h"
#include "url/ingesturl.h"

#include <QList>
#include <QRegularExpression>
#include <QString>
#include <QStringList>

#include <optional>

namespace rd {

class KnowledgeBase;

struct ErrorTextMatch
{
    enum class Status
    {
        Recognised,
        NotRecognised,
        NoText, // empty or only whitespace
    };

    Status status = Status::NoText;
    QList<ErrorMatch> matches; // by position in the text; at one position the longer match first
    bool truncated = false;    // the text was longer than kMaxTextLength; only its end was searched

    bool recognised() const { return status == Status::Recognised; }
    bool hasSignature(const QString& signatureId) const;
};

// Finds known encoder and server messages in whatever the user pastes: one line, a dialog's text,
// or a whole log. Matching ignores case, whitespace and line breaks (a phrase matches with or
// without spaces between its characters), treats all straight and curly
// quotes alike, all dashes alike and "…" as "...". A phrase may contain {*} (up to 200 characters
// of anything) and {a|b|c} (one of the alternatives). A phrase that starts or ends with a digit does
// not match inside a longer number.
class ErrorTextMatcher
{
public:
    static constexpr qsizetype kMaxTextLength = 1 << 20;

    // A phrase as the expression that match() runs, or why it cannot be used (problem not empty).
    struct Phrase
    {
        QRegularExpression expression;
        QString problem;
    };

    ErrorTextMatcher() = default;
    // Phrases that checkPhrase() refuses are skipped; KnowledgeBase refuses them at load time.
    explicit ErrorTextMatcher(const QList<ErrorSignature>& signatures);
    // expressions[i] holds the usable phrases of signatures[i], from compilePhrase(): a loader that
    // has checked every phrase passes what it compiled rather than have it compiled again.
    ErrorTextMatcher(const QList<ErrorSignature>& signatures,
                     const QList<QList<QRegularExpression>>& expressions);

    ErrorTextMatch match(const QString& text) const;

    static Phrase compilePhrase(const QString& phrase);
    // Why a phrase cannot be used, or nothing when it can.
    static std::optional<QString> checkPhrase(const QString& phrase);

private:
    struct CompiledSignature
    {
        ErrorSignature signature;
        QList<QRegularExpression> patterns;
    };
    QList<CompiledSignature> m_signatures;
};

// For `rtmp-doctor explain "TEXT"`: what was recognised, what it means, the likely causes (their
// titles when `knowledge` is given) and which probes confirm or rule them out; or that nothing was
// recognised. Web addresses in matched text are shown redacted and `secrets` are hidden.
QString describeErrorMatch(const ErrorTextMatch& match, const KnowledgeBase* knowledge = nullptr,
                           const QStringList& secrets = {});

} // namespace rd
