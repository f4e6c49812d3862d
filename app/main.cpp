#include "appinfo.h"
#include "catalog/catalogs.h"
#include "commandline.h"
#include "diagnosis/knowledgebase.h"
#include "mainwizard.h"

#include <QApplication>
#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QMessageBox>
#include <QTextStream>
#include <QTranslator>

#include <memory>

int main(int argc, char* argv[])
{
    // The knowledge base compiles about 160 error-text patterns while it loads; compiling each
    // to machine code (PCRE2's JIT) took a third of the time to the first window, and they only
    // ever read a pasted message or a log tail. Read once by Qt, so it must come first; a value
    // the user set wins.
    if (!qEnvironmentVariableIsSet("QT_ENABLE_REGEXP_JIT"))
        qputenv("QT_ENABLE_REGEXP_JIT", "0");

    QCoreApplication::setOrganizationName(QStringLiteral("RTMP Doctor"));
    QCoreApplication::setApplicationName(QStringLiteral("rtmp-doctor"));
    QCoreApplication::setApplicationVersion(rd::AppInfo::version());

    QStringList arguments;
    arguments.reserve(argc);
    for (int i = 0; i < argc; ++i)
        arguments << QString::fromLocal8Bit(argv[i]);

    if (rd::isCommandLineInvocation(arguments)) {
        // No window for subcommands: they must work over SSH and in scripts. PDF
        // output still needs Qt Gui, which then runs on the offscreen platform.
        const std::unique_ptr<QCoreApplication> app = rd::createCommandLineApplication(argc, argv);
        QTextStream out(stdout);
        QTextStream err(stderr);
        return rd::runCommandLine(QCoreApplication::arguments(), out, err);
    }

    QApplication app(argc, argv);
    QApplication::setApplicationDisplayName(rd::AppInfo::applicationName());
    QGuiApplication::setDesktopFileName(QStringLiteral("rtmp-doctor"));

    // The wizard's own texts (compiled in at ":/i18n") and Qt's (buttons, file dialogs), in the
    // user's language when there is a translation; English otherwise.
    QTranslator qtTranslator;
    if (qtTranslator.load(QLocale(), QStringLiteral("qtbase"), QStringLiteral("_"),
                          QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(&qtTranslator);
    // English is the fallback: its file only supplies the plural forms of the English source texts.
    QTranslator appTranslator;
    if (appTranslator.load(QLocale(), QStringLiteral("rtmp-doctor"), QStringLiteral("_"),
                           QStringLiteral(":/i18n")) ||
        appTranslator.load(QStringLiteral("rtmp-doctor_en"), QStringLiteral(":/i18n")))
        QCoreApplication::installTranslator(&appTranslator);

    // Without its catalogs or its knowledge base the wizard could only give
    // wrong advice, so a damaged installation is said plainly instead.
    const auto refuseToStart = [](const QString& problem) {
        QMessageBox::critical(
            nullptr, rd::AppInfo::applicationName(),
            QCoreApplication::translate("main", "RTMP Doctor cannot start: its built-in data is "
                                                "damaged.\n\n%1\n\nPlease reinstall the application.")
                .arg(problem));
        return rd::ExitInternal;
    };
    const rd::CatalogLoadResult catalogs = rd::Catalogs::loadBuiltIn();
    if (!catalogs.ok())
        return refuseToStart(catalogs.error.toString());
    const rd::KnowledgeLoadResult knowledge = rd::KnowledgeBase::loadBuiltIn(&*catalogs.catalogs);
    if (!knowledge.ok())
        return refuseToStart(knowledge.error.toString());

    rd::MainWizard wizard(*catalogs.catalogs, *knowledge.knowledge);
    wizard.show();
    return QApplication::exec();
}
