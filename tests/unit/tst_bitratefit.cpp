#include "diagnosis/bitratefit.h"

#include <QTest>

#include <limits>

using namespace Qt::StringLiterals;

using rd::BitrateFit;

Q_DECLARE_METATYPE(BitrateFit)

class TestBitrateFit : public QObject
{
    Q_OBJECT

private slots:
    void fit_data();
    void fit();
    void recommended_data();
    void recommended();
    void describesTheSeedExample();
    void describesEveryCase_data();
    void describesEveryCase();
    void evidence();
};

void TestBitrateFit::fit_data()
{
    QTest::addColumn<int>("streamKbps");
    QTest::addColumn<int>("uploadKbps");
    QTest::addColumn<BitrateFit>("expected");

    // 80 % of 350 is 280: up to there the stream fits with headroom.
    QTest::newRow("seed example") << 768 << 350 << BitrateFit::DoesNotFit;
    QTest::newRow("just over the upload") << 351 << 350 << BitrateFit::DoesNotFit;
    QTest::newRow("equal to the upload") << 350 << 350 << BitrateFit::Tight;
    QTest::newRow("just above 80 %") << 281 << 350 << BitrateFit::Tight;
    QTest::newRow("at 80 %") << 280 << 350 << BitrateFit::Fits;
    QTest::newRow("plenty of upload") << 768 << 20000 << BitrateFit::Fits;
    QTest::newRow("no bitrate") << 0 << 350 << BitrateFit::NotGiven;
    QTest::newRow("no upload") << 768 << 0 << BitrateFit::NotGiven;
    QTest::newRow("negative bitrate") << -5 << 350 << BitrateFit::NotGiven;
    QTest::newRow("huge numbers") << std::numeric_limits<int>::max() << std::numeric_limits<int>::max()
                                  << BitrateFit::Tight;
}

void TestBitrateFit::fit()
{
    QFETCH(int, streamKbps);
    QFETCH(int, uploadKbps);
    QFETCH(BitrateFit, expected);
    QCOMPARE(rd::compareBitrate(streamKbps, uploadKbps), expected);
}

void TestBitrateFit::recommended_data()
{
    QTest::addColumn<int>("uploadKbps");
    QTest::addColumn<int>("expected");
    QTest::newRow("350") << 350 << 280;
    QTest::newRow("rounds down") << 351 << 280; // 280.8
    QTest::newRow("1000") << 1000 << 800;
    QTest::newRow("unknown") << 0 << 0;
    QTest::newRow("negative") << -100 << 0;
}

void TestBitrateFit::recommended()
{
    QFETCH(int, uploadKbps);
    QFETCH(int, expected);
    QCOMPARE(rd::recommendedBitrateKbps(uploadKbps), expected);
}

void TestBitrateFit::describesTheSeedExample()
{
    QCOMPARE(rd::describeBitrateFit(768, 350),
             u"768 kbit/s per stream does not fit through a 350 kbit/s upload in real time. Set the encoder "
             u"to about 280 kbit/s or less."_s);
}

void TestBitrateFit::describesEveryCase_data()
{
    QTest::addColumn<int>("streamKbps");
    QTest::addColumn<int>("uploadKbps");
    QTest::addColumn<QString>("contains");
    QTest::newRow("not given") << 0 << 0 << u"Enter the bitrate"_s;
    QTest::newRow("tight") << 300 << 350 << u"only just fits"_s;
    QTest::newRow("fits") << 200 << 350 << u"room to spare"_s;
}

void TestBitrateFit::describesEveryCase()
{
    QFETCH(int, streamKbps);
    QFETCH(int, uploadKbps);
    QFETCH(QString, contains);
    const QString text = rd::describeBitrateFit(streamKbps, uploadKbps);
    QVERIFY2(text.contains(contains), qPrintable(text));
    QVERIFY(!text.contains(u'%'));
}

void TestBitrateFit::evidence()
{
    const QList<rd::Evidence> evidence = rd::bitrateEvidence(768, 350);
    QCOMPARE(evidence.size(), 1);
    QCOMPARE(evidence[0].source, rd::EvidenceSource::Measurement);
    QCOMPARE(evidence[0].subject, u"bitrate"_s);
    QCOMPARE(evidence[0].finding, u"does-not-fit"_s);
    QCOMPARE(evidence[0].quote, u"stream 768 kbit/s, upload 350 kbit/s"_s);
    QVERIFY(rd::bitrateEvidence(768, 0).isEmpty());
    // What the evidence can say is what the knowledge base may ask for.
    for (BitrateFit fit : {BitrateFit::Fits, BitrateFit::Tight, BitrateFit::DoesNotFit})
        QVERIFY(rd::measurementFindingIds(u"bitrate").contains(rd::bitrateFitId(fit)));
    QVERIFY(!rd::measurementFindingIds(u"bitrate").contains(rd::bitrateFitId(BitrateFit::NotGiven)));
    QVERIFY(rd::measurementFindingIds(u"microphone").isEmpty());
}

QTEST_GUILESS_MAIN(TestBitrateFit)
#include "tst_bitratefit.moc"
