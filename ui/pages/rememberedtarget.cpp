#include "rememberedtarget.h"

#include <QDir>
#include <QSettings>
#include <QStandardPaths>

namespace rd {

using namespace Qt::StringLiterals;

namespace {

const QString kGroup = u"lastTarget"_s;
const QString kEncoderKey = u"encoder"_s;
const QString kUrlKey = u"url"_s;
const QString kStreamKeyKey = u"streamKey"_s;

} // namespace

QString RememberedTarget::settingsPath()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation))
        .filePath(u"rtmp-doctor.ini"_s);
}

RememberedTarget RememberedTarget::load()
{
    QSettings settings(settingsPath(), QSettings::IniFormat);
    settings.beginGroup(kGroup);
    RememberedTarget target;
    target.encoderId = settings.value(kEncoderKey).toString();
    target.url = settings.value(kUrlKey).toString();
    target.streamKey = settings.value(kStreamKeyKey).toString();
    target.keyRemembered = !target.streamKey.isEmpty();
    return target;
}

void RememberedTarget::save() const
{
    QSettings settings(settingsPath(), QSettings::IniFormat);
    settings.beginGroup(kGroup);
    settings.setValue(kEncoderKey, encoderId);
    settings.setValue(kUrlKey, url);
    // Unticking the box must also forget a key stored earlier.
    if (keyRemembered && !streamKey.isEmpty())
        settings.setValue(kStreamKeyKey, streamKey);
    else
        settings.remove(kStreamKeyKey);
    settings.endGroup();
    settings.sync();
}

QString RememberedTarget::addressWithoutSecrets(const IngestUrl& url)
{
    if (!url.isUsable())
        return {};
    const QString key = url.streamKey();
    // A key typed into the address as well as into the key box ends up in the application path.
    const bool applicationHoldsSecret = url.applicationPath(Redaction::Redacted) != url.applicationPath() ||
                                        (!key.isEmpty() && url.applicationPath().contains(key));
    QString address = schemeName(url.scheme()) + u"://"_s;
    address += url.isIpv6() ? u'[' + url.host() + u']' : url.host();
    if (url.isPortExplicit())
        address += u':' + QString::number(url.port());
    if (!applicationHoldsSecret && !url.applicationPath().isEmpty())
        address += u'/' + url.applicationPath();
    return address;
}

} // namespace rd
