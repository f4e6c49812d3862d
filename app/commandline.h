#pragma once

#include <QStringList>

class QTextStream;

namespace rd {

// Exit codes shared by every subcommand.
enum ExitCode
{
    ExitHealthy = 0,  // nothing wrong found
    ExitProblem = 1,  // a problem was found and explained
    ExitBadInput = 2, // the input could not be used
    ExitInternal = 3, // RTMP Doctor itself failed
};

// True when the arguments name a command-line subcommand rather than the GUI.
bool isCommandLineInvocation(const QStringList& arguments);

// Runs a subcommand; the QCoreApplication must exist. Returns the exit code.
int runCommandLine(const QStringList& arguments, QTextStream& out, QTextStream& err);

} // namespace rd
