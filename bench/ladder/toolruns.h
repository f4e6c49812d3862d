#pragma once

#include "figures.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <chrono>
#include <functional>

namespace rd::test {
struct ToolRun;
}

namespace rd::bench {

// A reference client run the way a user would run it, bounded by a cap after
// which the bench kills it.
struct ToolCommand
{
    QString program;
    QStringList arguments;
    std::chrono::milliseconds cap{30000};
    // Text in the output that must not be printed (the URL carries the stream
    // key); replaced with "<url>".
    QString hiddenText;
    // Whether a run ended the way the scenario expects (e.g. rtmpdump giving up
    // with exit code 1); capped runs are passed too.
    std::function<bool(const test::ToolRun&)> isExpected;
};

enum class Pacing
{
    // For runs whose time is real work: nothing else runs beside them.
    OneAfterAnother,
    // For runs whose time is a timeout (waiting for a SYN-ACK or for bytes
    // that never come): they use no CPU while they wait, so running them side
    // by side changes nothing but the bench's total time.
    AllAtOnce,
};

QList<Sample> timeTool(const ToolCommand& command, int runs, Pacing pacing);

// The first line of `program arguments` output (stdout, else stderr), for
// the version list; empty when it cannot be run.
QString firstOutputLine(const QString& program, const QStringList& arguments);

} // namespace rd::bench
