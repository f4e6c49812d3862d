#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <chrono>

// Shared vocabulary of the test fixtures: how starting a fixture can end, how
// a missing third-party program is reported, and a bounded way to run a
// command-line client (ffmpeg, rtmpdump, openssl) from a test.

namespace rd::test {

// How starting a fixture (or one step of it) ended. Errors are values: a test
// turns a failed start into QFAIL/QSKIP with RD_START_FIXTURE.
struct StartResult
{
    enum class Status
    {
        Started,
        ToolMissing,  // a program or module the fixture needs is not installed
        SetupFailed,  // writing configuration, creating certificates, bad options
        LaunchFailed, // the program could not be executed
        ExitedEarly,  // the program ran but quit before it was ready
        NotListening, // the program kept running but its port never accepted a connection in time
    };

    Status status = Status::SetupFailed;
    QString message;

    bool ok() const { return status == Status::Started; }

    static StartResult started() { return {Status::Started, {}}; }
    static StartResult failure(Status status, QString message) { return {status, std::move(message)}; }
};

QString startStatusName(StartResult::Status status);

// True when the environment variable CI is set to anything but "" / "0" /
// "false": there, a missing server is a broken test machine and must fail.
bool isContinuousIntegration();

// Absolute path of `program` on PATH, or an empty string.
QString findTool(const QString& program);

// For a missing tool: QSKIP-style skip with the reason on a developer machine,
// QFAIL-style failure under CI. Returns true when `program` is available and
// the test may go on; on false the caller must return at once (the macros
// below do that).
bool requireTool(const QString& program, const char* file, int line);

// Handles a fixture start: true when started; otherwise records a skip
// (ToolMissing outside CI) or a failure with the message, and returns false.
bool acceptStartResult(const StartResult& result, const char* file, int line);

// Result of running a client program to completion.
struct ToolRun
{
    enum class Status
    {
        Finished,      // exited normally; see exitCode
        FailedToStart, // not found / not executable
        TimedOut,      // killed after the deadline
        Crashed,       // ended by a signal
    };

    Status status = Status::FailedToStart;
    int exitCode = -1;
    QByteArray standardOutput;
    QByteArray standardError;
    std::chrono::milliseconds elapsed{0};

    bool finishedWith(int code) const { return status == Status::Finished && exitCode == code; }
    // stdout followed by stderr, for messages and substring checks.
    QByteArray combinedOutput() const { return standardOutput + standardError; }
    // A one-line summary plus the tail of the output, for QVERIFY2 messages.
    QString describe(int maxOutputChars = 1500) const;
};

// Runs `program` without a shell, feeds `standardInput` then closes stdin,
// and waits at most `deadline`; a program still running then is killed.
// The child also dies if the test process dies first.
ToolRun runTool(const QString& program, const QStringList& arguments, std::chrono::milliseconds deadline,
                const QByteArray& standardInput = {}, const QString& workingDirectory = {});

} // namespace rd::test

// Use inside a Qt Test function (returns from it when the tool is missing).
#define RD_REQUIRE_TOOL(program)                                                                             \
    do {                                                                                                     \
        if (!rd::test::requireTool((program), __FILE__, __LINE__))                                           \
            return;                                                                                          \
    } while (false)

// Starts a fixture inside a Qt Test function; fails (or skips when a server is
// not installed outside CI) and returns from the test function otherwise.
#define RD_START_FIXTURE(fixture)                                                                            \
    do {                                                                                                     \
        if (!rd::test::acceptStartResult((fixture).start(), __FILE__, __LINE__))                             \
            return;                                                                                          \
    } while (false)
