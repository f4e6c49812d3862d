#include "figures.h"

#include <QHash>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace rd::bench {

Summary summarize(const QList<Sample>& samples)
{
    Summary summary;
    summary.runs = static_cast<int>(samples.size());
    if (samples.isEmpty())
        return summary;

    QList<Sample> sorted = samples;
    // A capped run lasted at least its figure, so it sorts after an uncapped
    // run with the same figure.
    std::sort(sorted.begin(), sorted.end(), [](const Sample& left, const Sample& right) {
        if (left.elapsedMs != right.elapsedMs)
            return left.elapsedMs < right.elapsedMs;
        return !left.capped && right.capped;
    });
    summary.minMs = sorted.constFirst().elapsedMs;
    summary.maxMs = sorted.constLast().elapsedMs;

    const qsizetype middle = sorted.size() / 2;
    if (sorted.size() % 2 == 1) {
        summary.medianMs = sorted.at(middle).elapsedMs;
        summary.medianCapped = sorted.at(middle).capped;
    } else {
        summary.medianMs = (sorted.at(middle - 1).elapsedMs + sorted.at(middle).elapsedMs) / 2;
        summary.medianCapped = sorted.at(middle - 1).capped || sorted.at(middle).capped;
    }

    QHash<QString, int> outcomeCounts;
    for (const Sample& sample : samples) {
        summary.cappedRuns += sample.capped ? 1 : 0;
        summary.unexpectedRuns += sample.expected ? 0 : 1;
        ++outcomeCounts[sample.outcome];
    }
    int best = 0;
    for (const Sample& sample : samples) {
        if (outcomeCounts.value(sample.outcome) > best) {
            best = outcomeCounts.value(sample.outcome);
            summary.outcome = sample.outcome;
        }
    }
    if (outcomeCounts.size() > 1)
        summary.outcome += u" (%1 of %2 runs)"_s.arg(best).arg(summary.runs);
    return summary;
}

QString formatSeconds(qint64 milliseconds)
{
    if (milliseconds >= 100000)
        return u"%1 s"_s.arg(static_cast<double>(milliseconds) / 1000.0, 0, 'f', 1);
    return u"%1 s"_s.arg(static_cast<double>(milliseconds) / 1000.0, 0, 'f', 3);
}

QString formatMedian(const Summary& summary)
{
    if (summary.runs == 0)
        return u"-"_s;
    return (summary.medianCapped ? u"> "_s : QString()) + formatSeconds(summary.medianMs);
}

QString formatRange(const Summary& summary)
{
    if (summary.runs == 0)
        return u"-"_s;
    QString range = formatSeconds(summary.minMs);
    if (summary.maxMs != summary.minMs)
        range += u" .. "_s + formatSeconds(summary.maxMs);
    if (summary.cappedRuns > 0)
        range += u" (%1 capped)"_s.arg(summary.cappedRuns);
    return range;
}

std::optional<double> ratioOf(const Summary& numerator, const Summary& denominator)
{
    if (numerator.runs == 0 || denominator.runs == 0 || denominator.medianMs <= 0)
        return std::nullopt;
    if (numerator.medianCapped || denominator.medianCapped)
        return std::nullopt;
    return static_cast<double>(numerator.medianMs) / static_cast<double>(denominator.medianMs);
}

QString formatRatio(const Summary& numerator, const Summary& denominator)
{
    if (numerator.runs == 0 || denominator.runs == 0 || denominator.medianMs <= 0)
        return {};
    if (numerator.medianCapped && denominator.medianCapped)
        return u"? (both capped)"_s;
    const double ratio = static_cast<double>(numerator.medianMs) / static_cast<double>(denominator.medianMs);
    const int decimals = ratio < 0.1 ? 3 : 2;
    const QString prefix = numerator.medianCapped ? u"> "_s : denominator.medianCapped ? u"< "_s : QString();
    return prefix + QString::number(ratio, 'f', decimals) + u'x';
}

} // namespace rd::bench
