#include "testtools.h"

#include "childprocess.h"

#include <QElapsedTimer>
#include <QHash>
#include <QProcess>
#include <QStandardPaths>
#include <QTest>

using namespace Qt::StringLiterals;

namespace rd::test {

QString startStatusName(StartResult::Status status)
{
    switch (status) {
    case StartResult::Status::Started:
        return u"started"_s;
    case StartResult::Status::ToolMissing:
        return u"tool missing"_s;
    case StartResult::Status::SetupFailed:
        return u"setup failed"_s;
    case StartResult::Status::LaunchFailed:
        return u"launch failed"_s;
    case StartResult::Status::ExitedEarly:
        return u"exited early"_s;
    case StartResult::Status::NotListening:
        return u"not listening"_s;
    }
    return u"unknown"_s;
}

bool isContinuousIntegration()
{
    const QString value = qEnvironmentVariable("CI").trimmed().toLower();
    return !value.isEmpty() && value != "0"_L1 && value != "false"_L1;
}

QString findTool(const QString& program)
{
    // sbin holds nginx and iptables on Debian but is not on every user's PATH.
    QString found = QStandardPaths::findExecutable(program);
    if (found.isEmpty())
        found = QStandardPaths::findExecutable(program, {u"/usr/sbin"_s, u"/sbin"_s});
    return found;
}

namespace {

QString debianPackageFor(const QString& program)
{
    static const QHash<QString, QString> packages = {
        {u"nginx"_s, u"nginx libnginx-mod-rtmp"_s},
        {u"stunnel4"_s, u"stunnel4"_s},
        {u"stunnel"_s, u"stunnel4"_s},
        {u"tinyproxy"_s, u"tinyproxy"_s},
        {u"openssl"_s, u"openssl"_s},
        {u"ffmpeg"_s, u"ffmpeg"_s},
        {u"rtmpdump"_s, u"rtmpdump"_s},
        {u"iptables"_s, u"iptables"_s},
    };
    return packages.value(program, program);
}

void reportMissing(const QString& reason, const char* file, int line)
{
    if (isContinuousIntegration()) {
        const QByteArray message =
            (reason + u" -- CI is set, so a missing test server is a failure, not a skip"_s).toUtf8();
        QTest::qFail(message.constData(), file, line);
    } else {
        const QByteArray message = reason.toUtf8();
        QTest::qSkip(message.constData(), file, line);
    }
}

} // namespace

bool requireTool(const QString& program, const char* file, int line)
{
    if (!findTool(program).isEmpty())
        return true;
    reportMissing(
        u"'%1' was not found on PATH (Debian package: %2)"_s.arg(program, debianPackageFor(program)), file,
        line);
    return false;
}

bool acceptStartResult(const StartResult& result, const char* file, int line)
{
    if (result.ok())
        return true;
    if (result.status == StartResult::Status::ToolMissing) {
        reportMissing(result.message, file, line);
        return false;
    }
    const QByteArray message =
        u"fixture did not start (%1): %2"_s.arg(startStatusName(result.status), result.message).toUtf8();
    QTest::qFail(message.constData(), file, line);
    return false;
}

QString ToolRun::describe(int maxOutputChars) const
{
    QString summary;
    switch (status) {
    case Status::Finished:
        summary = u"exit code %1"_s.arg(exitCode);
        break;
    case Status::FailedToStart:
        summary = u"failed to start"_s;
        break;
    case Status::TimedOut:
        summary = u"killed after the deadline"_s;
        break;
    case Status::Crashed:
        summary = u"crashed"_s;
        break;
    }
    summary += u" after %1 ms"_s.arg(elapsed.count());
    QString output = QString::fromUtf8(combinedOutput());
    if (output.size() > maxOutputChars)
        output = u"..."_s + output.right(maxOutputChars);
    return summary + u"; output:\n"_s + output;
}

ToolRun runTool(const QString& program, const QStringList& arguments, std::chrono::milliseconds deadline,
                const QByteArray& standardInput, const QString& workingDirectory)
{
    ToolRun run;
    const QString executable = findTool(program).isEmpty() ? program : findTool(program);

    QProcess process;
    process.setProgram(executable);
    process.setArguments(arguments);
    if (!workingDirectory.isEmpty())
        process.setWorkingDirectory(workingDirectory);
    dieWithThisProcess(process);

    QElapsedTimer clock;
    clock.start();
    process.start();
    if (!process.waitForStarted(5000)) {
        run.status = ToolRun::Status::FailedToStart;
        run.standardError = process.errorString().toUtf8();
        return run;
    }
    if (!standardInput.isEmpty())
        process.write(standardInput);
    process.closeWriteChannel();

    const bool finished = process.waitForFinished(static_cast<int>(deadline.count()));
    if (!finished) {
        process.kill();
        process.waitForFinished(5000);
        run.status = ToolRun::Status::TimedOut;
    } else if (process.exitStatus() == QProcess::CrashExit) {
        run.status = ToolRun::Status::Crashed;
    } else {
        run.status = ToolRun::Status::Finished;
        run.exitCode = process.exitCode();
    }
    run.standardOutput = process.readAllStandardOutput();
    run.standardError = process.readAllStandardError();
    run.elapsed = std::chrono::milliseconds(clock.elapsed());
    return run;
}

} // namespace rd::test
