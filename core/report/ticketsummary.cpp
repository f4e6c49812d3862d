// ReportModel::toTicketSummary(): Markdown short enough to paste into a support ticket.

#include "report/reportgrid.h"
#include "report/reportmodel.h"

using namespace Qt::StringLiterals;

namespace rd {

namespace {

QString inlineCode(const QString& text)
{
    QString cleaned = text;
    cleaned.replace(u'`', u'\'');
    return u"`"_s + cleaned + u"`"_s;
}

QString evidenceLine(const Evidence& item, bool supports)
{
    QString line =
        u"- %1 %2 %3: %4"_s.arg(supports ? u"+"_s : u"−"_s, item.subject,
                                item.finding.isEmpty() ? QString() : u"(%1)"_s.arg(item.finding), item.quote);
    if (!item.why.isEmpty())
        line += u" — "_s + item.why;
    return line + u'\n';
}

QString durationText(qint64 ms)
{
    if (ms < 1000)
        return u"%1 ms"_s.arg(ms);
    return u"%1 s"_s.arg(double(ms) / 1000.0, 0, 'f', 1);
}

QString gridMarkdown(const ReportGrid& grid)
{
    QString text;
    text += u"| port |"_s;
    for (ReportGridColumn column : grid.columns)
        text += u" %1 |"_s.arg(gridColumnTitle(column));
    text += u"\n|---:|"_s;
    for (qsizetype i = 0; i < grid.columns.size(); ++i)
        text += u":---|"_s;
    text += u'\n';
    for (const ReportGridRow& row : grid.rows) {
        text += u"| %1 |"_s.arg(row.port);
        for (const ReportGridCell& cell : row.cells)
            text += cell.present
                        ? u" %1 %2 |"_s.arg(verdictSymbol(cell.verdict), shortStatusText(cell.status))
                        : u" |"_s;
        text += u'\n';
    }
    return text;
}

QString remedyStepText(const ReportDiagnosis& diagnosis, const QString& remedyId, int stepIndex)
{
    const ReportRemedy* remedy = diagnosis.remedy(remedyId);
    if (remedy == nullptr)
        return u"%1, step %2"_s.arg(remedyId).arg(stepIndex + 1);
    QString text = u"%1, step %2"_s.arg(remedy->title).arg(stepIndex + 1);
    if (stepIndex >= 0 && stepIndex < remedy->steps.size())
        text += u" (“%1”)"_s.arg(remedy->steps.at(stepIndex).text);
    return text;
}

} // namespace

QString ReportModel::toTicketSummary(const ReportOptions& options) const
{
    const ReportModel model = prepared(options);
    const ReportInputs& inputs = model.inputs;
    QString text;

    text += u"# RTMP Doctor report: %1\n\n"_s.arg(reportVerdictTitle(model.verdict));
    text += u"**Verdict: %1.** %2\n\n"_s.arg(reportVerdictTitle(model.verdict), model.verdictSummary);
    if (options.includeSecrets)
        text += u"**This summary contains the stream key and other secrets. Do not share it.**\n\n"_s;

    const QString url = options.includeSecrets && !inputs.ingestUrlRevealed.isEmpty()
                            ? inputs.ingestUrlRevealed
                            : inputs.ingestUrl;
    text += u"- Address: %1%2\n"_s.arg(
        inlineCode(url), inputs.separateStreamKey ? u" (stream key in its own box)"_s : QString());
    if (!inputs.encoderName.isEmpty() || !inputs.encoderId.isEmpty())
        text +=
            u"- Encoder: %1\n"_s.arg(inputs.encoderName.isEmpty() ? inputs.encoderId : inputs.encoderName);
    if (!inputs.serverFamilyName.isEmpty() && inputs.serverFamilyId != u"generic")
        text += u"- Server: %1\n"_s.arg(inputs.serverFamilyName);
    if (model.startedAt.isValid()) {
        QString when = model.startedAt.toUTC().toString(u"yyyy-MM-dd HH:mm:ss"_s) + u" UTC"_s;
        if (model.finishedAt.isValid())
            when += u" (took %1)"_s.arg(durationText(model.startedAt.msecsTo(model.finishedAt)));
        text += u"- Tested: %1\n"_s.arg(when);
    }
    const ReportEnvironment& environment = model.environment;
    text += u"- Tested with: %1 %2 on %3, Qt %4, %5\n"_s.arg(
        environment.applicationName, environment.applicationVersion, environment.operatingSystem,
        environment.qtVersion, environment.tlsLibrary);
    if (inputs.publishCheck)
        text += u"- The stream key was tried (publish check, no video sent)\n"_s;
    text += u'\n';

    bool anyFinding = false;
    for (const UrlFinding& finding : inputs.urlFindings) {
        if (finding.severity == Severity::Info)
            continue;
        if (!anyFinding)
            text += u"## Problems in the address\n\n"_s;
        anyFinding = true;
        text +=
            u"- %1 %2: %3\n"_s.arg(severityName(finding.severity), lintCodeId(finding.code), finding.message);
    }
    if (anyFinding)
        text += u'\n';

    if (const ReportCause* cause = model.diagnosis.topCause()) {
        text += u"## Most likely cause: %1 (confidence %2%)\n\n"_s.arg(cause->title).arg(cause->confidence);
        text += cause->plainExplanation + u"\n\n"_s;
        text += u"Technical: "_s + cause->technicalLine + u"\n\n"_s;
        if (!cause->evidenceFor.isEmpty() || !cause->evidenceAgainst.isEmpty()) {
            text += u"Evidence:\n\n"_s;
            for (const Evidence& item : cause->evidenceFor)
                text += evidenceLine(item, true);
            for (const Evidence& item : cause->evidenceAgainst)
                text += evidenceLine(item, false);
            text += u'\n';
        }
        if (!cause->remedies.isEmpty()) {
            text += u"What to do:\n\n"_s;
            int number = 0;
            for (const ReportRemedy& remedy : cause->remedies)
                text +=
                    u"%1. %2 (for %3)\n"_s.arg(++number).arg(remedy.title, audienceLabel(remedy.audience));
            text += u'\n';
        }
        if (model.diagnosis.causes.size() > 1) {
            text += u"Other possible causes:\n\n"_s;
            for (qsizetype i = 1; i < model.diagnosis.causes.size(); ++i) {
                const ReportCause& other = model.diagnosis.causes.at(i);
                text += u"- %1 (%2%)\n"_s.arg(other.title).arg(other.confidence);
            }
            text += u'\n';
        }
    } else {
        text += u"## Cause\n\nNo known cause matched what was found.\n\n"_s;
    }
    if (!model.diagnosis.ruledOut.isEmpty()) {
        text += u"Ruled out by the checks:\n\n"_s;
        for (const ReportCause& ruledOut : model.diagnosis.ruledOut) {
            text += u"- %1\n"_s.arg(ruledOut.title);
            for (const Evidence& item : ruledOut.evidenceAgainst)
                text += u"  "_s + evidenceLine(item, false);
        }
        text += u'\n';
    }

    const ReportGrid grid = ReportGrid::fromResults(model.probes);
    if (!grid.isEmpty()) {
        text += u"## Checks (✓ passed, ✗ failed, ! warning, – not run)\n\n"_s;
        text += gridMarkdown(grid);
        text += u'\n';
    }
    if (!grid.others.isEmpty()) {
        QStringList others;
        for (const ProbeResult& result : grid.others)
            others << u"%1 %2 %3"_s.arg(result.probeId, verdictSymbol(result.verdict()),
                                        shortStatusText(result.status));
        text += u"Also: "_s + others.join(u"; "_s) + u"\n\n"_s;
    }

    text += u"## Steps tried\n\n"_s;
    if (model.walkthrough.isEmpty())
        text += u"None yet.\n"_s;
    for (const WalkthroughEntry& entry : model.walkthrough) {
        text += u"- %1: %2"_s.arg(remedyStepText(model.diagnosis, entry.remedyId, entry.stepIndex),
                                  entry.helped ? u"helped"_s : u"did not help"_s);
        if (!entry.retestResults.isEmpty()) {
            QStringList retests;
            for (const ProbeResult& result : entry.retestResults)
                retests << u"%1 %2 %3"_s.arg(result.probeId, verdictSymbol(result.verdict()),
                                             shortStatusText(result.status));
            text += u"; re-test: "_s + retests.join(u", "_s);
        }
        text += u'\n';
    }
    return text;
}

} // namespace rd
