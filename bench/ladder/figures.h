#pragma once

#include <QList>
#include <QString>

#include <optional>

// What the benchmark measures and how it is printed: one timed run is a
// Sample; a row of the table summarises several of them.
namespace rd::bench {

struct Sample
{
    qint64 elapsedMs = 0;
    // The run did not end by itself before the bench's cap and was killed:
    // elapsedMs is then only a lower bound.
    bool capped = false;
    // What the run ended with, for the outcome column ("exit 1: ...", "TcpFiltered").
    QString outcome;
    // The outcome is the one the scenario is about; a row whose runs ended
    // otherwise measured something else and is flagged.
    bool expected = true;
};

struct Summary
{
    int runs = 0;
    qint64 medianMs = 0;
    qint64 minMs = 0;
    qint64 maxMs = 0;
    int cappedRuns = 0;
    int unexpectedRuns = 0;
    // More than half the runs hit the cap, so the median is only "> cap".
    bool medianCapped = false;
    QString outcome; // the most common outcome
};

Summary summarize(const QList<Sample>& samples);

// "0.213 s"; "> 30 s" for a capped median.
QString formatSeconds(qint64 milliseconds);
QString formatMedian(const Summary& summary);
QString formatRange(const Summary& summary);

// `numerator` / `denominator` as "0.04x"; a capped side makes it "> "/"< ".
// Empty when the denominator is zero.
QString formatRatio(const Summary& numerator, const Summary& denominator);
// The ratio itself, when neither side is capped.
std::optional<double> ratioOf(const Summary& numerator, const Summary& denominator);

} // namespace rd::bench
