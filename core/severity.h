#pragma once

#include <QString>

namespace rd {

// How much a finding matters. Ordered: a higher value is worse.
enum class Severity
{
    Info,
    Warning,
    Error,
};

inline QString severityName(Severity severity)
{
    switch (severity) {
    case Severity::Info:
        return QStringLiteral("info");
    case Severity::Warning:
        return QStringLiteral("warning");
    case Severity::Error:
        return QStringLiteral("error");
    }
    return QStringLiteral("unknown");
}

} // namespace rd
