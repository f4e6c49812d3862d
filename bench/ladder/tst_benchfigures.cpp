// The numbers bench-ladder prints are only as honest as the median and ratio
// arithmetic behind them, capped runs in particular.

#include "figures.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace rd::bench;

namespace {

Sample ran(qint64 milliseconds, const QString& outcome = u"exit 1"_s)
{
    return Sample{milliseconds, false, outcome, true};
}

Sample cappedAt(qint64 milliseconds)
{
    return Sample{milliseconds, true, u"killed at the cap"_s, true};
}

Summary summaryOf(qint64 medianMs, bool medianCapped = false)
{
    Summary summary;
    summary.runs = 1;
    summary.medianMs = medianMs;
    summary.minMs = medianMs;
    summary.maxMs = medianMs;
    summary.medianCapped = medianCapped;
    return summary;
}

} // namespace

class tst_BenchFigures : public QObject
{
    Q_OBJECT

private slots:
    void median_data();
    void median();
    void mostCommonOutcome();
    void unexpectedRunsAreCounted();
    void seconds_data();
    void seconds();
    void ratio_data();
    void ratio();
};

void tst_BenchFigures::median_data()
{
    QTest::addColumn<QList<Sample>>("samples");
    QTest::addColumn<qint64>("medianMs");
    QTest::addColumn<bool>("medianCapped");
    QTest::addColumn<qint64>("minMs");
    QTest::addColumn<qint64>("maxMs");
    QTest::addColumn<int>("cappedRuns");

    QTest::newRow("one run") << QList<Sample>{ran(700)} << qint64(700) << false << qint64(700) << qint64(700)
                             << 0;
    QTest::newRow("odd count, unsorted")
        << QList<Sample>{ran(5000), ran(4000), ran(4100), ran(3900), ran(9000)} << qint64(4100) << false
        << qint64(3900) << qint64(9000) << 0;
    QTest::newRow("even count averages the middle two")
        << QList<Sample>{ran(10), ran(40), ran(20), ran(30)} << qint64(25) << false << qint64(10)
        << qint64(40) << 0;
    QTest::newRow("a capped minority leaves the median exact")
        << QList<Sample>{ran(5100), cappedAt(30000), ran(5200)} << qint64(5200) << false << qint64(5100)
        << qint64(30000) << 1;
    QTest::newRow("a capped majority makes the median a lower bound")
        << QList<Sample>{cappedAt(30000), ran(29000), cappedAt(30000)} << qint64(30000) << true
        << qint64(29000) << qint64(30000) << 2;
    // A run killed at 30 s lasted longer than one that ended by itself at 30 s.
    QTest::newRow("capped sorts after an equal uncapped run")
        << QList<Sample>{cappedAt(30000), ran(30000), ran(1)} << qint64(30000) << false << qint64(1)
        << qint64(30000) << 1;
    QTest::newRow("even count with a capped middle run")
        << QList<Sample>{ran(100), ran(200), cappedAt(300), cappedAt(300)} << qint64(250) << true
        << qint64(100) << qint64(300) << 2;
}

void tst_BenchFigures::median()
{
    QFETCH(QList<Sample>, samples);
    QFETCH(qint64, medianMs);
    QFETCH(bool, medianCapped);
    QFETCH(qint64, minMs);
    QFETCH(qint64, maxMs);
    QFETCH(int, cappedRuns);

    const Summary summary = summarize(samples);
    QCOMPARE(summary.runs, samples.size());
    QCOMPARE(summary.medianMs, medianMs);
    QCOMPARE(summary.medianCapped, medianCapped);
    QCOMPARE(summary.minMs, minMs);
    QCOMPARE(summary.maxMs, maxMs);
    QCOMPARE(summary.cappedRuns, cappedRuns);
}

void tst_BenchFigures::mostCommonOutcome()
{
    QCOMPARE(summarize({ran(1, u"exit 3"_s), ran(2, u"exit 3"_s)}).outcome, u"exit 3"_s);
    QCOMPARE(summarize({ran(1, u"exit 1"_s), ran(2, u"exit 3"_s), ran(3, u"exit 3"_s)}).outcome,
             u"exit 3 (2 of 3 runs)"_s);
    QCOMPARE(summarize({}).runs, 0);
    QCOMPARE(formatMedian(summarize({})), u"-"_s);
}

void tst_BenchFigures::unexpectedRunsAreCounted()
{
    Sample wrong = ran(10, u"exit 0"_s);
    wrong.expected = false;
    QCOMPARE(summarize({ran(5), wrong, wrong}).unexpectedRuns, 2);
    QCOMPARE(summarize({ran(5), cappedAt(9)}).unexpectedRuns, 0);
}

void tst_BenchFigures::seconds_data()
{
    QTest::addColumn<qint64>("milliseconds");
    QTest::addColumn<QString>("text");

    QTest::newRow("sub-second") << qint64(46) << u"0.046 s"_s;
    QTest::newRow("seconds") << qint64(5003) << u"5.003 s"_s;
    QTest::newRow("just under 100 s") << qint64(99999) << u"99.999 s"_s;
    QTest::newRow("minutes keep one decimal") << qint64(133912) << u"133.9 s"_s;
}

void tst_BenchFigures::seconds()
{
    QFETCH(qint64, milliseconds);
    QFETCH(QString, text);
    QCOMPARE(formatSeconds(milliseconds), text);
}

void tst_BenchFigures::ratio_data()
{
    QTest::addColumn<Summary>("numerator");
    QTest::addColumn<Summary>("denominator");
    QTest::addColumn<QString>("text");
    QTest::addColumn<double>("value"); // -1: no exact ratio

    QTest::newRow("plain") << summaryOf(133900) << summaryOf(4000) << u"33.48x"_s << 33.475;
    QTest::newRow("small ratios get three decimals")
        << summaryOf(46) << summaryOf(5120) << u"0.009x"_s << 46.0 / 5120.0;
    QTest::newRow("capped numerator is a lower bound")
        << summaryOf(30000, true) << summaryOf(5000) << u"> 6.00x"_s << -1.0;
    QTest::newRow("capped denominator is an upper bound")
        << summaryOf(5000) << summaryOf(30000, true) << u"< 0.17x"_s << -1.0;
    QTest::newRow("both capped says nothing")
        << summaryOf(30000, true) << summaryOf(30000, true) << u"? (both capped)"_s << -1.0;
    QTest::newRow("zero denominator") << summaryOf(5) << summaryOf(0) << QString() << -1.0;
}

void tst_BenchFigures::ratio()
{
    QFETCH(Summary, numerator);
    QFETCH(Summary, denominator);
    QFETCH(QString, text);
    QFETCH(double, value);

    QCOMPARE(formatRatio(numerator, denominator), text);
    const std::optional<double> exact = ratioOf(numerator, denominator);
    QCOMPARE(exact.has_value(), value >= 0);
    if (exact.has_value())
        QCOMPARE(*exact, value);
}

QTEST_GUILESS_MAIN(tst_BenchFigures)

#include "tst_benchfigures.moc"
