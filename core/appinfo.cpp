#include "appinfo.h"

#include <QSslSocket>
#include <QSysInfo>

namespace rd {

QString AppInfo::applicationName()
{
    return QStringLiteral("RTMP Doctor");
}

QString AppInfo::version()
{
    return QStringLiteral(RTMPDOCTOR_VERSION_STRING);
}

QString AppInfo::qtVersion()
{
    return QString::fromLatin1(qVersion());
}

QString AppInfo::tlsBackend()
{
    if (!QSslSocket::supportsSsl())
        return QStringLiteral("no TLS support (the OpenSSL library could not be loaded)");
    return QSslSocket::sslLibraryVersionString();
}

QString AppInfo::operatingSystem()
{
    return QSysInfo::prettyProductName();
}

} // namespace rd
