#pragma once

#include <QStringList>

#include <memory>

class QCoreApplication;
class QTextStream;

namespace rd {

// Exit codes shared by every subcommand.
enum ExitCode
{
    ExitHealthy = 0,       // nothing wrong found (explain: the text was recognised)
    ExitProblem = 1,       // a problem was found and explained, or the result is uncertain
    ExitBadInput = 2,      // the input could not be used (also: an output file that cannot be created)
    ExitInternal = 3,      // RTMP Doctor itself failed (also: a report file that could not be finished)
    ExitInterrupted = 130, // Ctrl+C (SIGINT) cancelled a running probe or check
};

// True when the arguments name a command-line subcommand rather than the GUI.
bool isCommandLineInvocation(const QStringList& arguments);

// True when the subcommand draws a PDF and so needs a QGuiApplication (fonts) instead of a
// QCoreApplication: `check --pdf`, `report --pdf`.
bool commandLineNeedsGui(const QStringList& arguments);

// The application object a subcommand needs: a QGuiApplication on the headless "offscreen"
// platform (unless QT_QPA_PLATFORM says otherwise) when commandLineNeedsGui(), else a
// QCoreApplication, so commands keep working over SSH and in scripts.
std::unique_ptr<QCoreApplication> createCommandLineApplication(int& argc, char** argv);

// Runs a subcommand; the QCoreApplication must exist. Runs its event loop (QCoreApplication::exec)
// for the commands that test the network. Returns the exit code.
int runCommandLine(const QStringList& arguments, QTextStream& out, QTextStream& err);

} // namespace rd
