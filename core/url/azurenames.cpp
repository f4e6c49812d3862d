#include "url/azurenames.h"

#include <algorithm>
#include <array>

namespace rd {

using namespace Qt::StringLiterals;

namespace {

bool isHex(QChar c)
{
    return (c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'f') || (c >= u'A' && c <= u'F');
}

bool isHexOfLength(QStringView text, qsizetype length)
{
    return text.size() == length && std::all_of(text.begin(), text.end(), isHex);
}

bool isLowerAlnum(QChar c)
{
    return (c >= u'a' && c <= u'z') || (c >= u'0' && c <= u'9');
}

bool allOf(QStringView text, bool (*predicate)(QChar))
{
    return std::all_of(text.begin(), text.end(), predicate);
}

// Region abbreviations seen in real addresses: euwe, usea, usso, usw22.
bool looksLikeRegion(QStringView text)
{
    return text.size() >= 2 && text.size() <= 8 && text.front() >= u'a' && text.front() <= u'z' &&
           allOf(text, isLowerAlnum);
}

// Media Services account names: 3 to 24 lower-case letters and digits.
bool looksLikeAccountName(QStringView text)
{
    return text.size() >= 3 && text.size() <= 24 && allOf(text, isLowerAlnum);
}

// Live event names: 1 to 32 letters, digits and hyphens, starting with a letter or digit.
bool looksLikeLiveEventName(QStringView text)
{
    return !text.isEmpty() && text.size() <= 32 && isLowerAlnum(text.front()) &&
           allOf(text, [](QChar c) { return isLowerAlnum(c) || c == u'-'; });
}

bool isBase32(QChar c)
{
    return (c >= u'a' && c <= u'z') || (c >= u'2' && c <= u'7');
}

} // namespace

AzureIngest classifyAzureHost(const QString& hostAce)
{
    static const QString suffix = u".channel.media.azure.net"_s;
    AzureIngest azure;
    QString host = hostAce.toLower();
    if (host.endsWith(u'.'))
        host.chop(1);
    if (host == suffix.mid(1)) {
        azure.isAzure = true;
        return azure;
    }
    if (!host.endsWith(suffix))
        return azure;

    azure.isAzure = true;
    azure.hostLabel = host.chopped(suffix.size());
    if (azure.hostLabel.contains(u'.'))
        return azure;
    if (isHexOfLength(azure.hostLabel, 32)) {
        azure.hostKind = AzureIngest::HostKind::NonVanity;
        return azure;
    }

    // The live event name may itself contain hyphens, so the account and region are taken from the right.
    const QStringView label(azure.hostLabel);
    const qsizetype regionDash = label.lastIndexOf(u'-');
    if (regionDash <= 0)
        return azure;
    const QStringView region = label.sliced(regionDash + 1);
    if (looksLikeRegion(region))
        azure.region = region.toString();
    const qsizetype accountDash = label.first(regionDash).lastIndexOf(u'-');
    if (accountDash <= 0)
        return azure;
    const QStringView account = label.sliced(accountDash + 1, regionDash - accountDash - 1);
    const QStringView event = label.first(accountDash);
    if (looksLikeRegion(region) && looksLikeAccountName(account) && looksLikeLiveEventName(event)) {
        azure.hostKind = AzureIngest::HostKind::Vanity;
        azure.liveEventName = event.toString();
        azure.accountName = account.toString();
    }
    return azure;
}

bool isGeneratedAzureShape(const QString& hostLabel)
{
    const QList<QStringView> parts = QStringView(hostLabel).split(u'-');
    return parts.size() == 3 && parts[0].size() == 26 && parts[1].size() == 26 && allOf(parts[0], isBase32) &&
           allOf(parts[1], isBase32) && looksLikeRegion(parts[2]);
}

bool isWellFormedAzureToken(const QString& token)
{
    if (isHexOfLength(token, 32))
        return true;
    const QList<QStringView> groups = QStringView(token).split(u'-');
    static constexpr std::array<qsizetype, 5> kGroupLengths{8, 4, 4, 4, 12};
    if (groups.size() != 5)
        return false;
    for (qsizetype i = 0; i < 5; ++i) {
        if (!isHexOfLength(groups[i], kGroupLengths[static_cast<size_t>(i)]))
            return false;
    }
    return true;
}

} // namespace rd
