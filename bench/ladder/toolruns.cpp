#include "toolruns.h"

#include "testtools.h"

#include <future>
#include <vector>

using namespace Qt::StringLiterals;

namespace rd::bench {

namespace {

// The last non-empty line of the tool's output, the one that usually says
// why it gave up.
QString lastLineOf(const QByteArray& output, const QString& hiddenText)
{
    const QList<QByteArray> lines = output.split('\n');
    for (auto line = lines.crbegin(); line != lines.crend(); ++line) {
        QString text = QString::fromLocal8Bit(line->trimmed());
        // ffmpeg redraws its progress line with carriage returns.
        text = text.section(u'\r', -1).trimmed();
        if (text.isEmpty())
            continue;
        if (!hiddenText.isEmpty())
            text.replace(hiddenText, u"<url>"_s);
        constexpr qsizetype kLongest = 90;
        if (text.size() > kLongest)
            text = text.left(kLongest - 3) + u"..."_s;
        return text;
    }
    return {};
}

Sample sampleOf(const ToolCommand& command, const test::ToolRun& run)
{
    Sample sample;
    sample.elapsedMs = run.elapsed.count();
    switch (run.status) {
    case test::ToolRun::Status::TimedOut:
        sample.capped = true;
        sample.elapsedMs = command.cap.count();
        sample.outcome = u"killed at the cap"_s;
        break;
    case test::ToolRun::Status::FailedToStart:
        sample.outcome = u"could not start: "_s + QString::fromLocal8Bit(run.standardError).trimmed();
        break;
    case test::ToolRun::Status::Crashed:
        sample.outcome = u"crashed"_s;
        break;
    case test::ToolRun::Status::Finished:
        sample.outcome = u"exit %1"_s.arg(run.exitCode);
        if (const QString last = lastLineOf(run.combinedOutput(), command.hiddenText); !last.isEmpty())
            sample.outcome += u": "_s + last;
        break;
    }
    sample.expected =
        run.status == test::ToolRun::Status::TimedOut ||
        (run.status == test::ToolRun::Status::Finished && (!command.isExpected || command.isExpected(run)));
    return sample;
}

test::ToolRun runOnce(const ToolCommand& command)
{
    return test::runTool(command.program, command.arguments, command.cap);
}

} // namespace

QList<Sample> timeTool(const ToolCommand& command, int runs, Pacing pacing)
{
    QList<Sample> samples;
    if (pacing == Pacing::OneAfterAnother) {
        for (int index = 0; index < runs; ++index)
            samples << sampleOf(command, runOnce(command));
        return samples;
    }
    // Each run owns its QProcess in its own thread; runTool blocks there.
    std::vector<std::future<test::ToolRun>> pending;
    pending.reserve(static_cast<std::size_t>(runs));
    for (int index = 0; index < runs; ++index)
        pending.push_back(std::async(std::launch::async, runOnce, std::cref(command)));
    for (std::future<test::ToolRun>& run : pending)
        samples << sampleOf(command, run.get());
    return samples;
}

QString firstOutputLine(const QString& program, const QStringList& arguments)
{
    if (test::findTool(program).isEmpty())
        return {};
    const test::ToolRun run = test::runTool(program, arguments, std::chrono::seconds(10));
    for (const QByteArray& stream : {run.standardOutput, run.standardError}) {
        for (const QByteArray& line : stream.split('\n')) {
            if (!line.trimmed().isEmpty())
                return QString::fromLocal8Bit(line.trimmed());
        }
    }
    return {};
}

} // namespace rd::bench
