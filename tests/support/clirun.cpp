#include "clirun.h"

#include <QFile>
#include <QLatin1StringView>
#include <QRandomGenerator>

using namespace Qt::StringLiterals;

namespace rd::test {

QString CliRun::describe() const
{
    QString ending;
    switch (status) {
    case ToolRun::Status::Finished:
        ending = u"exit %1"_s.arg(exitCode);
        break;
    case ToolRun::Status::FailedToStart:
        ending = u"failed to start"_s;
        break;
    case ToolRun::Status::TimedOut:
        ending = u"killed after the deadline"_s;
        break;
    case ToolRun::Status::Crashed:
        ending = u"crashed"_s;
        break;
    }
    return u"%1 after %2 ms\n--- stdout:\n%3\n--- stderr:\n%4"_s.arg(ending).arg(elapsedMs).arg(out, err);
}

CliRun runCli(const QString& executable, const QStringList& arguments, std::chrono::milliseconds deadline,
              const QByteArray& input)
{
    const ToolRun tool = runTool(executable, arguments, deadline, input);
    CliRun run;
    run.status = tool.status;
    run.exitCode = tool.exitCode;
    run.out = QString::fromUtf8(tool.standardOutput);
    run.err = QString::fromUtf8(tool.standardError);
    run.elapsedMs = tool.elapsed.count();
    return run;
}

QString randomStreamKey()
{
    static const QLatin1StringView alphabet("abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ");
    QString key;
    for (int i = 0; i < 24; ++i)
        key += QChar(alphabet.at(QRandomGenerator::global()->bounded(int(alphabet.size()))));
    return key;
}

QByteArray fileContents(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace rd::test
