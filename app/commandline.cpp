#include "commandline.h"

#include "appinfo.h"

#include <QTextStream>

namespace rd {

namespace {

const QStringList kSubcommands = {QStringLiteral("lint"), QStringLiteral("--version"), QStringLiteral("-v"),
                                  QStringLiteral("--help"), QStringLiteral("-h"), QStringLiteral("help")};

int printVersion(QTextStream& out)
{
    out << AppInfo::applicationName() << ' ' << AppInfo::version() << '\n'
        << "Qt " << AppInfo::qtVersion() << ", TLS: " << AppInfo::tlsBackend() << '\n';
    return ExitHealthy;
}

} // namespace

bool isCommandLineInvocation(const QStringList& arguments)
{
    return arguments.size() > 1 && kSubcommands.contains(arguments.at(1));
}

int runCommandLine(const QStringList& arguments, QTextStream& out, QTextStream& err)
{
    const QString command = arguments.value(1);
    if (command == QStringLiteral("--version") || command == QStringLiteral("-v"))
        return printVersion(out);
    err << "unknown command: " << command << '\n';
    return ExitBadInput;
}

} // namespace rd
