#include "diagnosis/knowledgetypes.h"

#include <QRegularExpression>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace rd {

QString audienceId(Audience audience)
{
    switch (audience) {
    case Audience::Broadcaster:
        return u"broadcaster"_s;
    case Audience::HelpDesk:
        return u"help-desk"_s;
    case Audience::NetworkAdmin:
        return u"network-admin"_s;
    case Audience::ServerAdmin:
        return u"server-admin"_s;
    }
    return u"unknown"_s;
}

QString audienceLabel(Audience audience)
{
    switch (audience) {
    case Audience::Broadcaster:
        return u"the broadcaster"_s;
    case Audience::HelpDesk:
        return u"the help desk"_s;
    case Audience::NetworkAdmin:
        return u"the network administrator"_s;
    case Audience::ServerAdmin:
        return u"the server administrator"_s;
    }
    return u"anyone"_s;
}

std::optional<Audience> audienceFromId(QStringView id)
{
    for (Audience audience :
         {Audience::Broadcaster, Audience::HelpDesk, Audience::NetworkAdmin, Audience::ServerAdmin}) {
        if (audienceId(audience) == id)
            return audience;
    }
    return std::nullopt;
}

bool Question::hasChoice(const QString& choiceId) const
{
    return std::any_of(choices.cbegin(), choices.cend(),
                       [&choiceId](const QuestionChoice& choice) { return choice.id == choiceId; });
}

bool retestSelects(const QString& retestItem, const ProbeResult& result)
{
    if (retestItem == probeKindId(result.kind))
        return true;
    if (!retestItem.contains(u':'))
        return false;
    const QRegularExpression pattern(QRegularExpression::wildcardToRegularExpression(retestItem),
                                     QRegularExpression::CaseInsensitiveOption);
    return pattern.match(result.probeId).hasMatch();
}

QStringList probeIdsToRerun(const RemedyStep& step, const QList<ProbeResult>& results)
{
    QStringList ids;
    for (const ProbeResult& result : results) {
        if (ids.contains(result.probeId))
            continue;
        const bool selected =
            std::any_of(step.retest.cbegin(), step.retest.cend(),
                        [&result](const QString& item) { return retestSelects(item, result); });
        if (selected)
            ids.append(result.probeId);
    }
    return ids;
}

bool AppliesTo::matches(const QString& encoderId, const QString& serverFamilyId) const
{
    const bool encoderKnown = !encoderId.isEmpty() && encoderId != u"other"_s;
    const bool familyKnown = !serverFamilyId.isEmpty() && serverFamilyId != u"generic"_s;
    if (encoderKnown && !encoderIds.isEmpty() && !encoderIds.contains(encoderId))
        return false;
    if (familyKnown && !serverFamilyIds.isEmpty() && !serverFamilyIds.contains(serverFamilyId))
        return false;
    return true;
}

} // namespace rd
