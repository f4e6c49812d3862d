#include "appinfo.h"
#include "commandline.h"
#include "mainwizard.h"

#include <QApplication>
#include <QCoreApplication>
#include <QTextStream>

#include <cstdio>
#include <memory>

int main(int argc, char* argv[])
{
    QCoreApplication::setOrganizationName(QStringLiteral("RTMP Doctor"));
    QCoreApplication::setApplicationName(QStringLiteral("rtmp-doctor"));
    QCoreApplication::setApplicationVersion(rd::AppInfo::version());

    QStringList arguments;
    arguments.reserve(argc);
    for (int i = 0; i < argc; ++i)
        arguments << QString::fromLocal8Bit(argv[i]);

    if (rd::isCommandLineInvocation(arguments)) {
        // No GUI for subcommands: they must work over SSH and in scripts.
        QCoreApplication app(argc, argv);
        QTextStream out(stdout);
        QTextStream err(stderr);
        return rd::runCommandLine(QCoreApplication::arguments(), out, err);
    }

    QApplication app(argc, argv);
    QApplication::setApplicationDisplayName(rd::AppInfo::applicationName());
    rd::MainWizard wizard;
    wizard.show();
    return QApplication::exec();
}
