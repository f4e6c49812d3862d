#pragma once

#include "testtools.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <chrono>

// Running the rtmp-doctor executable as a user or a script would, for the tests that drive the
// command line (tst_cli_*, tst_secrets).

namespace rd::test {

// One run of a command-line program, its output decoded as UTF-8.
struct CliRun
{
    ToolRun::Status status = ToolRun::Status::FailedToStart;
    int exitCode = -1; // meaningful only when the program exited by itself (exited())
    QString out;
    QString err;
    qint64 elapsedMs = 0;

    bool exited() const { return status == ToolRun::Status::Finished; }
    // How the run ended, how long it took, then stdout and stderr, for QVERIFY2 messages.
    QString describe() const;
};

// Runs `executable` with `arguments`, feeds `input` and closes stdin, and kills it after
// `deadline` (see runTool).
CliRun runCli(const QString& executable, const QStringList& arguments, std::chrono::milliseconds deadline,
              const QByteArray& input = {});

// A stream key of 24 letters that look nothing alike, so a leak of it is unmistakable.
QString randomStreamKey();

// The bytes of the file at `path`, or nothing when it cannot be read.
QByteArray fileContents(const QString& path);

} // namespace rd::test

// tests/CMakeLists.txt defines RTMPDOCTOR_EXECUTABLE for the tests that run the executable.
#ifdef RTMPDOCTOR_EXECUTABLE
namespace rd::test {

inline QString doctorExecutable()
{
    return QStringLiteral(RTMPDOCTOR_EXECUTABLE);
}

inline CliRun runDoctor(const QStringList& arguments,
                        std::chrono::milliseconds deadline = std::chrono::seconds(60),
                        const QByteArray& input = {})
{
    return runCli(doctorExecutable(), arguments, deadline, input);
}

} // namespace rd::test
#endif
