#pragma once

#include <QString>

namespace rd {

// Facts about this build and its environment that a report or --version shows.
struct AppInfo
{
    static QString applicationName();
    static QString version();
    static QString qtVersion();
    static QString tlsBackend();  // e.g. "OpenSSL 3.0.11 19 Sep 2023", or why TLS is unavailable
    static QString operatingSystem();
};

} // namespace rd
