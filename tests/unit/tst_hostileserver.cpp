// The probes against servers that misbehave on purpose (ScriptedPeer, in-process, loopback only):
// garbage after the handshake, a 2^31-1 chunk size, an announced 16 MB message, endless data,
// one byte per interval, resets in mid-message, a server answering commands with commands, a TLS
// peer that stalls mid-handshake, HTTP answers that never end. Every probe must end within its
// own timeout with the status a help desk would expect, and never hold more bytes than the cap
// its class documents (fact peakBufferedBytes). Probes run on WorkerPool threads, as in the app.

#include "engine/workerpool.h"
#include "fixtures.h"
#include "probe/connectprobe.h"
#include "probe/handshakeprobe.h"
#include "probe/publishprobe.h"
#include "probe/rtmpconversation.h"
#include "probe/rtmptprobe.h"
#include "probe/tlsprobe.h"
#include "proberunner.h"
#include "tsansuppressions.h"

#include <QElapsedTimer>
#include <QTest>

#include <optional>

using namespace Qt::StringLiterals;
using namespace rd;
using rd::test::ScriptedPeer;

namespace hostiletest {

enum class ProbeChoice
{
    Handshake,
    Connect,
    Publish,
    Tls,
    Rtmpt,
};

} // namespace hostiletest

Q_DECLARE_METATYPE(hostiletest::ProbeChoice)
Q_DECLARE_METATYPE(rd::ProbeStatus)
Q_DECLARE_METATYPE(rd::test::ScriptedPeer::Behaviour)

using hostiletest::ProbeChoice;

using rd::test::PooledProbeRunner;

namespace {

constexpr int kReadMs = 600;
constexpr int kProbeMs = 8000;
// Scheduling slack on a loaded 2-core machine under a sanitizer; far below the probe deadline.
constexpr int kSlackMs = 1500;
constexpr auto kStreamKey = "hostile-stream-key-0123";

ProbeTimeouts shortTimeouts()
{
    ProbeTimeouts timeouts;
    timeouts.connectMs = 2000;
    timeouts.readMs = kReadMs;
    timeouts.probeMs = kProbeMs;
    return timeouts;
}

ProbeTarget loopbackTarget(quint16 port, ProbeChoice choice)
{
    ProbeTarget target;
    target.host = u"127.0.0.1"_s;
    target.address = u"127.0.0.1"_s;
    target.port = port;
    target.application = u"live"_s;
    target.streamKey = QString::fromLatin1(kStreamKey);
    if (choice == ProbeChoice::Tls)
        target.transport = Transport::Tls;
    else if (choice == ProbeChoice::Rtmpt)
        target.transport = Transport::HttpTunnel;
    target.tcUrl = u"rtmp://127.0.0.1:%1/live"_s.arg(port);
    return target;
}

WorkerPool::ProbeMaker makerFor(ProbeChoice choice, const ProbeTarget& target)
{
    const ProbeTimeouts timeouts = shortTimeouts();
    return [=]() -> Probe* {
        switch (choice) {
        case ProbeChoice::Handshake:
            return new HandshakeProbe(u"handshake:hostile"_s, target, timeouts);
        case ProbeChoice::Connect:
            return new ConnectProbe(u"connect:hostile"_s, target, timeouts);
        case ProbeChoice::Publish: {
            auto* probe = new PublishProbe(u"publish:hostile"_s, target, timeouts);
            probe->setPublishGraceMs(200);
            return probe;
        }
        case ProbeChoice::Tls: {
            TlsProbeOptions options;
            options.useSystemCaCertificates = false;
            options.innerRtmp = TlsInnerRtmp::None;
            return new TlsProbe(u"tls:hostile"_s, target, timeouts, options);
        }
        case ProbeChoice::Rtmpt: {
            RtmptProbeOptions options;
            options.sendIdent2 = false; // straight to /open/1, the request that decides
            return new RtmptProbe(u"rtmpt:hostile"_s, target, timeouts, options);
        }
        }
        return nullptr;
    };
}

// What each probe class promises to stay under.
qint64 bufferedBytesCap(ProbeChoice choice)
{
    switch (choice) {
    case ProbeChoice::Handshake:
    case ProbeChoice::Connect:
    case ProbeChoice::Publish:
        return RtmpStageProbe::kBufferedBytesCap;
    case ProbeChoice::Tls:
        return TlsProbe::kBufferedBytesCap;
    case ProbeChoice::Rtmpt:
        return RtmptProbe::kBufferedBytesCap;
    }
    return 0;
}

QString describe(const ProbeResult& result)
{
    QString text = u"status %1 after %2 ms: %3\nfacts:"_s.arg(probeStatusId(result.status))
                       .arg(result.elapsedMs)
                       .arg(result.message);
    for (auto it = result.facts.cbegin(); it != result.facts.cend(); ++it)
        text += u"\n  %1 = %2"_s.arg(it.key(), it.value().toString());
    text += u"\ntranscript (%1 lines), last ones:"_s.arg(result.transcript.size());
    for (qsizetype i = qMax<qsizetype>(0, result.transcript.size() - 8); i < result.transcript.size(); ++i)
        text +=
            u"\n  %1 %2"_s.arg(result.transcript.at(i).atMs).arg(result.transcript.at(i).summary.left(160));
    return text;
}

qint64 transcriptBytes(const ProbeResult& result)
{
    qint64 bytes = 0;
    for (const TranscriptEntry& entry : result.transcript)
        bytes += entry.summary.size() * qint64(sizeof(QChar)) + entry.bytes.size();
    return bytes;
}

} // namespace

class tst_HostileServer : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void probeEndsInTimeWithBoundedMemory_data();
    void probeEndsInTimeWithBoundedMemory();
    void capsAreWhatTheCodeDocuments();
};

void tst_HostileServer::initTestCase()
{
    qRegisterMetaType<ProbeResult>();
    qRegisterMetaType<ProbeStep>();
}

void tst_HostileServer::probeEndsInTimeWithBoundedMemory_data()
{
    QTest::addColumn<ScriptedPeer::Behaviour>("behaviour");
    QTest::addColumn<ProbeChoice>("choice");
    QTest::addColumn<ProbeStatus>("expected");
    QTest::addColumn<QVariantMap>("facts");
    // The row's own bound: how many read timeouts the probe may wait in sequence (0: it must end
    // on what the server sent, without waiting for a timeout).
    QTest::addColumn<int>("readTimeouts");
    // A lower bound on peakBufferedBytes where the row makes the probe hold a lot, so the
    // measurement is shown to be real; -1 where nothing needs to pile up.
    QTest::addColumn<qint64>("minPeak");

    using B = ScriptedPeer::Behaviour;
    using P = ProbeChoice;
    using S = ProbeStatus;

    QTest::newRow("garbage after the handshake")
        << B::HandshakeThenGarbage << P::Connect << S::ConnectProtocolError
        << QVariantMap{{u"protocolError"_s, u"missing-previous-header"_s}} << 0 << qint64(-1);
    QTest::newRow("chunk size 2^31-1, then a message")
        << B::HandshakeThenHugeChunkSizeThenMessage << P::Connect << S::ConnectProtocolError
        << QVariantMap{{u"protocolError"_s, u"chunk-size-too-large"_s}, {u"serverChunkSize"_s, 0x7FFFFFFF}}
        << 0 << qint64(-1);
    QTest::newRow("chunk size 2^31-1, then a message, handshake probe")
        << B::HandshakeThenHugeChunkSizeThenMessage << P::Handshake << S::HandshakeOk << QVariantMap{} << 0
        << qint64(-1);
    QTest::newRow("16 MB message announced, trickled")
        << B::HandshakeThenAnnounce16MB << P::Connect << S::ConnectProtocolError
        << QVariantMap{{u"protocolError"_s, u"message-too-large"_s}} << 0 << qint64(-1);
    QTest::newRow("16 MB message announced, publish check")
        << B::HandshakeThenAnnounce16MB << P::Publish << S::ConnectProtocolError
        << QVariantMap{{u"protocolError"_s, u"message-too-large"_s}} << 0 << qint64(-1);
    QTest::newRow("many messages begun, none finished")
        << B::HandshakeThenManyPartialMessages << P::Connect << S::ConnectProtocolError
        << QVariantMap{{u"protocolError"_s, u"buffer-limit-exceeded"_s}} << 0 << qint64(4 * 59000);
    QTest::newRow("endless media after the handshake")
        << B::HandshakeThenEndlessData << P::Connect << S::ConnectProtocolError
        << QVariantMap{{u"protocolError"_s, u"unrelated-messages"_s}} << 0 << qint64(-1);
    QTest::newRow("endless media, handshake probe")
        << B::HandshakeThenEndlessData << P::Handshake << S::HandshakeOk << QVariantMap{} << 0 << qint64(-1);
    QTest::newRow("one byte per interval") << B::OneBytePerSecond << P::Handshake << S::HandshakeShortReply
                                           << QVariantMap{{u"stalled"_s, true}} << 1 << qint64(-1);
    QTest::newRow("one byte per interval, connect probe")
        << B::OneBytePerSecond << P::Connect << S::HandshakeShortReply << QVariantMap{{u"stalled"_s, true}}
        << 1 << qint64(-1);
    QTest::newRow("reset in mid-handshake")
        << B::ResetMidHandshake << P::Handshake << S::HandshakeShortReply
        << QVariantMap{{u"peerClosure"_s, u"reset"_s}, {u"stalled"_s, false}, {u"bytesReceived"_s, 701}} << 0
        << qint64(-1);
    QTest::newRow("reset in mid-message")
        << B::HandshakeThenResetMidMessage << P::Connect << S::ConnectClosedSilently
        << QVariantMap{{u"closedBy"_s, u"reset"_s}, {u"unfinishedBytes"_s, 100}} << 0 << qint64(-1);
    QTest::newRow("every command answered with commands")
        << B::HandshakeThenCommandFlood << P::Connect << S::ConnectProtocolError
        << QVariantMap{{u"protocolError"_s, u"unrelated-messages"_s}} << 0 << qint64(-1);
    QTest::newRow("every command answered with commands, publish check")
        << B::HandshakeThenCommandFlood << P::Publish << S::ConnectProtocolError
        << QVariantMap{{u"protocolError"_s, u"unrelated-messages"_s}} << 0 << qint64(-1);
    QTest::newRow("commands instead of an answer to createStream, publish check")
        << B::HandshakeThenAcceptThenCommandFlood << P::Publish << S::ConnectProtocolError
        << QVariantMap{{u"protocolError"_s, u"unrelated-messages"_s},
                       {u"code"_s, u"NetConnection.Connect.Success"_s}}
        << 0 << qint64(-1);
    QTest::newRow("TLS peer stalls mid-handshake")
        << B::TlsStallMidHandshake << P::Tls << S::TlsHandshakeFailed
        << QVariantMap{{u"handshakeBytesReceived"_s, 205}} << 1 << qint64(-1);
    QTest::newRow("TLS ClientHello to a silent plain port")
        << B::Silent << P::Tls << S::TlsNoAnswer << QVariantMap{{u"handshakeBytesReceived"_s, 0}} << 1
        << qint64(-1);
    QTest::newRow("RTMPT answer with an endless body")
        << B::HttpEndlessBody << P::Rtmpt << S::RtmptNotATunnel
        << QVariantMap{{u"failedRequest"_s, u"open"_s}} << 0 << qint64(512 * 1024);
    QTest::newRow("RTMPT answer with a 1 TB Content-Length")
        << B::HttpHugeContentLength << P::Rtmpt << S::RtmptNotATunnel
        << QVariantMap{{u"failedRequest"_s, u"open"_s}} << 0 << qint64(-1);
    QTest::newRow("RTMPT answer with endless headers")
        << B::HttpHeaderFlood << P::Rtmpt << S::RtmptNotATunnel
        << QVariantMap{{u"failedRequest"_s, u"open"_s}} << 0 << qint64(-1);
    QTest::newRow("RTMPT answer trickled one byte per interval")
        << B::HttpTrickleBody << P::Rtmpt << S::RtmptNoReply << QVariantMap{{u"failedRequest"_s, u"open"_s}}
        << 1 << qint64(-1);
}

void tst_HostileServer::probeEndsInTimeWithBoundedMemory()
{
    QFETCH(ScriptedPeer::Behaviour, behaviour);
    QFETCH(ProbeChoice, choice);
    QFETCH(ProbeStatus, expected);
    QFETCH(QVariantMap, facts);
    QFETCH(int, readTimeouts);
    QFETCH(qint64, minPeak);

    ScriptedPeer::Options peerOptions;
    peerOptions.trickleInterval = std::chrono::milliseconds(150);
    ScriptedPeer peer(behaviour, peerOptions);
    QVERIFY2(peer.isListening(), qPrintable(peer.errorString()));

    PooledProbeRunner runner(this);
    runner.run(makerFor(choice, loopbackTarget(peer.port(), choice)));
    // Bounded by the probe's own deadline plus slack; the row's tighter bound follows.
    QTRY_VERIFY_WITH_TIMEOUT(runner.hasResult(), kProbeMs + kSlackMs);
    const ProbeResult& result = runner.result();

    QVERIFY2(result.status == expected,
             qPrintable(u"expected %1\n%2"_s.arg(probeStatusId(expected), describe(result))));
    for (auto it = facts.cbegin(); it != facts.cend(); ++it) {
        QVERIFY2(result.facts.contains(it.key()),
                 qPrintable(u"missing fact %1\n%2"_s.arg(it.key(), describe(result))));
        QCOMPARE(result.facts.value(it.key()).toString(), it.value().toString());
    }

    // In time: after the read timeouts the row allows, never by the probe's last-resort deadline.
    const qint64 bound = qint64(readTimeouts) * kReadMs + kSlackMs;
    QVERIFY2(result.elapsedMs <= bound, qPrintable(u"bound %1 ms\n%2"_s.arg(bound).arg(describe(result))));
    QVERIFY2(runner.finishedAtMs() <= bound + 500,
             qPrintable(u"delivered after %1 ms\n%2"_s.arg(runner.finishedAtMs()).arg(describe(result))));
    if (readTimeouts > 0)
        QVERIFY2(result.elapsedMs >= kReadMs - 50, qPrintable(describe(result)));

    // Bounded memory: what the probe held, and what it keeps in its result.
    QVERIFY2(result.facts.contains(u"peakBufferedBytes"_s), qPrintable(describe(result)));
    const qint64 peak = result.facts.value(u"peakBufferedBytes"_s).toLongLong();
    const qint64 cap = bufferedBytesCap(choice);
    QVERIFY2(peak >= 0 && peak <= cap,
             qPrintable(u"peak %1 > cap %2\n%3"_s.arg(peak).arg(cap).arg(describe(result))));
    if (minPeak >= 0)
        QVERIFY2(peak >= minPeak,
                 qPrintable(u"peak %1 < %2\n%3"_s.arg(peak).arg(minPeak).arg(describe(result))));
    QVERIFY2(result.transcript.size() <= Probe::kTranscriptEntriesCap + 1, qPrintable(describe(result)));
    QVERIFY2(transcriptBytes(result) <=
                 (Probe::kTranscriptEntriesCap + 1) *
                     (Probe::kTranscriptSummaryCap * qint64(sizeof(QChar)) + 8 + Probe::kTranscriptBytesCap),
             qPrintable(describe(result)));

    // Nothing shows the stream key, whatever the server did.
    const QString key = QString::fromLatin1(kStreamKey);
    QVERIFY2(!result.message.contains(key), qPrintable(result.message));
    for (const TranscriptEntry& entry : result.transcript) {
        QVERIFY2(!entry.summary.contains(key), qPrintable(entry.summary));
        QVERIFY2(!entry.bytes.contains(kStreamKey), qPrintable(entry.summary));
    }
    QCOMPARE(peer.connectionCount(), 1);
}

void tst_HostileServer::capsAreWhatTheCodeDocuments()
{
    // The caps the suite asserts come from the classes; pin their size so a change is deliberate.
    QCOMPARE(RtmpStageProbe::kBufferedBytesCap, qint64(3073 + 4 * 64 * 1024 + 18 + 64 * 1024));
    QVERIFY(RtmpStageProbe::kBufferedBytesCap < 1024 * 1024);
    QVERIFY(TlsProbe::kBufferedBytesCap < 1024 * 1024);
    QVERIFY(RtmptProbe::kBufferedBytesCap < 1024 * 1024 + 256 * 1024);
    QCOMPARE(RtmpConversationOptions{}.maxMessageLength, RtmpConversationOptions::kDefaultMaxMessageLength);
}

// As in tst_engine: Qt and GLib are not instrumented; see tsansuppressions.h.
RD_TSAN_QT_SUPPRESSIONS()

QTEST_GUILESS_MAIN(tst_HostileServer)
#include "tst_hostileserver.moc"
