// rd::ErrorTextMatcher over the built-in knowledge base, with whatever a user might paste, and
// describeErrorMatch() with a secret taken from the input (after a NUL byte). Invariants: every
// match points inside the text and its matchedText is exactly that span, matches come in text
// order, the status agrees with the matches, and the description never shows the secret.
#include "catalog/catalogs.h"
#include "diagnosis/knowledgebase.h"
#include "diagnosis/textredaction.h"
#include "fuzzsupport.h"

using namespace rd;

namespace {

const KnowledgeBase& knowledge()
{
    static const KnowledgeBase loaded = [] {
        const CatalogLoadResult catalogs = Catalogs::loadBuiltIn();
        FUZZ_CHECK(catalogs.ok(), "the built-in catalogs load");
        const KnowledgeLoadResult result = KnowledgeBase::loadBuiltIn(&*catalogs.catalogs);
        FUZZ_CHECK(result.ok(), "the built-in knowledge base loads");
        return *result.knowledge;
    }();
    return loaded;
}

// hideSecretsInText() hides a secret only where it stands on its own, as documented: inside a
// longer word ("pps3cr3tKey99") it is left, so such a text says nothing about a leak (found by the
// long run).
bool standsAloneEverywhere(const QString& text, const QString& secret)
{
    const auto isWordCharacter = [](QChar c) {
        return c.isLetterOrNumber() || c == u'_' || c == u'-';
    };
    for (qsizetype at = text.indexOf(secret); at >= 0; at = text.indexOf(secret, at + 1)) {
        const qsizetype end = at + secret.size();
        if ((at > 0 && isWordCharacter(text.at(at - 1))) ||
            (end < text.size() && isWordCharacter(text.at(end))))
            return false;
    }
    return true;
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***)
{
    rd::fuzz::silenceQt();
    (void)knowledge();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const QByteArrayView bytes(reinterpret_cast<const char*>(data), qsizetype(size));
    const qsizetype separator = bytes.indexOf('\0');
    const QString text = QString::fromUtf8(separator >= 0 ? bytes.first(separator) : bytes);
    const QString secret = separator >= 0 ? QString::fromUtf8(bytes.sliced(separator + 1)) : QString();

    const ErrorTextMatch match = knowledge().matcher().match(text);
    FUZZ_CHECK(match.truncated == (text.size() > ErrorTextMatcher::kMaxTextLength),
               "truncated only when long");
    FUZZ_CHECK((match.status == ErrorTextMatch::Status::Recognised) == !match.matches.isEmpty(),
               "recognised exactly when something matched");
    if (match.status == ErrorTextMatch::Status::NoText)
        FUZZ_CHECK(text.trimmed().isEmpty(), "NoText only for blank text");
    qsizetype previousStart = -1;
    for (const ErrorMatch& found : match.matches) {
        FUZZ_CHECK(found.span.isValid() && found.span.start + found.span.length <= text.size(),
                   "a match points inside the text");
        FUZZ_CHECK(found.matchedText == text.sliced(found.span.start, found.span.length),
                   "matchedText is the span's text");
        FUZZ_CHECK(found.span.start >= previousStart, "matches in text order");
        previousStart = found.span.start;
        FUZZ_CHECK(knowledge().signature(found.signatureId) != nullptr, "a match names a known signature");
        FUZZ_CHECK(match.hasSignature(found.signatureId), "hasSignature agrees");
    }

    const QString description = describeErrorMatch(match, &knowledge(), {secret});
    if (rd::fuzz::isDistinctiveSecret(secret) && standsAloneEverywhere(text, secret)) {
        // Only what the knowledge base itself says may contain the secret's text by chance.
        ErrorTextMatch withoutText = match;
        for (ErrorMatch& found : withoutText.matches)
            found.matchedText.clear();
        if (!describeErrorMatch(withoutText, &knowledge(), {}).contains(secret))
            FUZZ_CHECK(!description.contains(secret), "the description hides the secret");
    }
    const QString hidden = hideSecretsInText(text, {secret});
    if (secret.size() >= 4 && text == secret)
        FUZZ_CHECK(!hidden.contains(secret), "a text that is only the secret is hidden");
    return 0;
}
