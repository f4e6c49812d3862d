// rd::ReportModel::fromJson, the loader behind openReportJson() that the wizard's "Open session"
// and `rtmp-doctor report` use (openReportJson adds only the file size check before it).
// Invariants: a damaged file gives an empty model and a message; a file that opens can be saved
// and reopened with the same contents; and what is shown or saved without the include-secrets
// option (JSON, ticket summary) never contains one of the report's secrets.
#include "fuzzsupport.h"
#include "report/reportmodel.h"

using namespace rd;

namespace {

// A secret that JSON and Markdown write unchanged and that no fixed text of a report contains:
// only then is finding it in an output a leak.
bool isDistinctive(const QString& secret, const QString& skeleton)
{
    if (secret.size() < 8 || skeleton.contains(secret))
        return false;
    bool letter = false;
    bool digit = false;
    for (const QChar character : secret) {
        const char16_t unit = character.unicode();
        const bool isLetter = (unit >= u'a' && unit <= u'z') || (unit >= u'A' && unit <= u'Z');
        const bool isDigit = unit >= u'0' && unit <= u'9';
        if (!isLetter && !isDigit && unit != u'-' && unit != u'_')
            return false;
        letter = letter || isLetter;
        digit = digit || isDigit;
    }
    return letter && digit;
}

const QString& emptySkeleton()
{
    static const QString skeleton = [] {
        const ReportModel empty;
        return QString::fromUtf8(empty.toJson()) + empty.toTicketSummary();
    }();
    return skeleton;
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***)
{
    rd::fuzz::silenceQt();
    (void)emptySkeleton();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const QByteArray json = QByteArray::fromRawData(reinterpret_cast<const char*>(data), qsizetype(size));
    QString error;
    const ReportModel model = ReportModel::fromJson(json, &error);
    if (!error.isEmpty()) {
        FUZZ_CHECK(model.probes.isEmpty() && model.secrets.isEmpty() && model.timeline.isEmpty(),
                   "a damaged file gives an empty model");
        return 0;
    }

    ReportOptions reveal;
    reveal.includeSecrets = true;
    const QByteArray saved = model.toJson(reveal);
    QString reopenError;
    const ReportModel reopened = ReportModel::fromJson(saved, &reopenError);
    FUZZ_CHECK(reopenError.isEmpty(), "a report that opened can be saved and reopened");
    FUZZ_CHECK(reopened.toJson(reveal) == saved, "save, open, save gives the same file");

    const QString shown = QString::fromUtf8(model.toJson()) + u'\n' + model.toTicketSummary();
    for (const QString& secret : model.secrets) {
        if (isDistinctive(secret, emptySkeleton()))
            FUZZ_CHECK(!shown.contains(secret), "no secret in the redacted JSON or the ticket summary");
    }
    (void)model.toTicketSummary(reveal);
    return 0;
}
