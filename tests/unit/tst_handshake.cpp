// RTMP handshake: C0+C1 construction and the classifier for whatever answers.
#include "rtmp/handshake.h"

#include <QCryptographicHash>
#include <QMessageAuthenticationCode>
#include <QRandomGenerator>
#include <QTest>
#include <QtEndian>

using namespace Qt::StringLiterals;
using namespace rd;
using rtmp::HandshakeVariant;
using rtmp::HandshakeVerdict;

Q_DECLARE_METATYPE(rd::rtmp::HandshakeVariant)
Q_DECLARE_METATYPE(rd::rtmp::HandshakeVerdict)

namespace {

constexpr qsizetype blockSize = 1536;

QByteArray hex(const char* text)
{
    return QByteArray::fromHex(QByteArray(text));
}

// Everything below is computed here from the notes (section 2.2), independently of the
// code under test.
QByteArray hmac(const QByteArray& key, const QByteArray& data)
{
    return QMessageAuthenticationCode::hash(data, key, QCryptographicHash::Sha256);
}

const QByteArray keyTail = hex("F0EEC24A8068BEE82E00D0D1029E7E576EEC5D2D29806FAB93B8E636CFEB31AE");
const QByteArray playerKey = "Genuine Adobe Flash Player 001"_ba;
const QByteArray serverKey = "Genuine Adobe Flash Media Server 001"_ba;

qsizetype offsetFor(const QByteArray& block, int scheme)
{
    const qsizetype base = scheme == 0 ? 8 : 772;
    int sum = 0;
    for (int i = 0; i < 4; ++i)
        sum += quint8(block.at(base + i));
    return sum % 728 + base + 4;
}

QByteArray digestAt(const QByteArray& block, qsizetype offset, const QByteArray& key)
{
    return hmac(key, block.left(offset) + block.mid(offset + 32));
}

QByteArray noise(quint32 seed, qsizetype size = blockSize)
{
    QRandomGenerator random(seed);
    QByteArray bytes(size, Qt::Uninitialized);
    for (qsizetype i = 0; i < size; ++i)
        bytes[i] = char(random.bounded(256));
    return bytes;
}

QByteArray helloBytes(HandshakeVariant variant)
{
    QRandomGenerator random(2024);
    return rtmp::buildClientHello(variant, &random).bytes;
}

rtmp::ClientHello hello(HandshakeVariant variant)
{
    QRandomGenerator random(2024);
    return rtmp::buildClientHello(variant, &random);
}

// S1 the way a digest-speaking server (nginx-rtmp with a digest C1) builds it.
QByteArray signedS1(int scheme)
{
    QByteArray s1 = noise(11);
    s1.replace(4, 4, hex("0D0E0A0D")); // nginx-rtmp's announced version 13.14.10.13
    const qsizetype offset = offsetFor(s1, scheme);
    s1.replace(offset, 32, digestAt(s1, offset, serverKey));
    return s1;
}

QByteArray signedS2(const QByteArray& c1)
{
    const QByteArray c1Digest = c1.mid(offsetFor(c1, 0), 32);
    QByteArray s2 = noise(12);
    const QByteArray key = hmac(serverKey + keyTail, c1Digest);
    s2.replace(1504, 32, hmac(key, s2.left(1504)));
    return s2;
}

QString summary(const rtmp::HandshakeReport& report)
{
    return u"%1 version=%2 digest=%3 s1echo=%4 s2=%5 http=%6 \"%7\" tls=%8/%9/%10 bytes=%11"_s
        .arg(rtmp::handshakeVerdictName(report.verdict), report.serverVersion)
        .arg(report.serverDigestScheme)
        .arg(report.s1EchoesC1 ? u"yes"_s : u"no"_s, rtmp::serverResponseCheckName(report.s2Check))
        .arg(report.httpStatusCode)
        .arg(report.verdict == HandshakeVerdict::AnsweredHttp ? report.httpStatusLine : report.textSnippet)
        .arg(report.tlsRecordType)
        .arg(report.tlsAlertLevel)
        .arg(report.tlsAlertDescription)
        .arg(report.bytesReceived);
}

} // namespace

class TestHandshake : public QObject
{
    Q_OBJECT

private slots:
    void keysMatchTheNotes();
    void digestHelloCarriesAValidDigest_data();
    void digestHelloCarriesAValidDigest();
    void simpleHelloHasNoDigest();
    void helloIsDeterministicForASeed();
    void classifiesReplies_data();
    void classifiesReplies();
    void c2CanGoOutAsSoonAsS1Arrives();
    void bytesAfterS2AreHandedOn();
    void c2IsOnlyBuiltFromAFullS1();
};

void TestHandshake::keysMatchTheNotes()
{
    QCOMPARE(rtmp::clientDigestKey(), playerKey);
    QCOMPARE(rtmp::serverDigestKey(), serverKey);
    QCOMPARE(rtmp::fullClientDigestKey().size(), 62);
    QCOMPARE(rtmp::fullServerDigestKey().size(), 68);
    QCOMPARE(rtmp::fullClientDigestKey(), playerKey + keyTail);
    QCOMPARE(rtmp::fullServerDigestKey(), serverKey + keyTail);
}

void TestHandshake::digestHelloCarriesAValidDigest_data()
{
    QTest::addColumn<quint32>("seed");
    QTest::addColumn<quint32>("uptime");
    for (quint32 seed : {1u, 2u, 3u, 77u, 4096u, 123456789u})
        QTest::addRow("seed %u", seed) << seed << seed * 1000;
}

void TestHandshake::digestHelloCarriesAValidDigest()
{
    QFETCH(quint32, seed);
    QFETCH(quint32, uptime);

    QRandomGenerator random(seed);
    const rtmp::ClientHello hello = rtmp::buildClientHello(HandshakeVariant::Digest, &random, uptime);
    QCOMPARE(hello.bytes.size(), 1537);
    QCOMPARE(quint8(hello.bytes.at(0)), quint8(3));
    const QByteArray c1 = hello.bytes.mid(1);
    QCOMPARE(hello.c1(), c1);
    QCOMPARE(qFromBigEndian<quint32>(c1.constData()), uptime);
    QCOMPARE(c1.mid(4, 4).toHex(' '), hex("09 00 7c 02").toHex(' '));

    const qsizetype offset = offsetFor(c1, 0);
    QCOMPARE(hello.digestOffset, offset);
    QVERIFY(offset >= 12 && offset + 32 <= 772);
    const QByteArray expected = digestAt(c1, offset, playerKey);
    QCOMPARE(c1.mid(offset, 32).toHex(), expected.toHex());
    QCOMPARE(hello.digest, expected);

    // The library's own checker agrees, and the server key does not validate it.
    QCOMPARE(rtmp::findHandshakeDigestScheme(c1, rtmp::clientDigestKey()), 0);
    QCOMPARE(rtmp::findHandshakeDigestScheme(c1, rtmp::serverDigestKey()), -1);
}

void TestHandshake::simpleHelloHasNoDigest()
{
    QRandomGenerator random(5);
    const rtmp::ClientHello hello = rtmp::buildClientHello(HandshakeVariant::Simple, &random);
    QCOMPARE(hello.bytes.size(), 1537);
    QCOMPARE(quint8(hello.bytes.at(0)), quint8(3));
    QCOMPARE(hello.bytes.mid(1, 8).toHex(' '), hex("00000000 00000000").toHex(' '));
    QCOMPARE(hello.digestOffset, -1);
    QVERIFY(hello.digest.isEmpty());
    QCOMPARE(rtmp::findHandshakeDigestScheme(hello.c1(), rtmp::clientDigestKey()), -1);
    // Random, not zero-filled: the echo check depends on it.
    QVERIFY(hello.bytes.mid(9).count('\0') < 100);
}

void TestHandshake::helloIsDeterministicForASeed()
{
    QRandomGenerator first(9);
    QRandomGenerator second(9);
    QRandomGenerator other(10);
    const QByteArray a = rtmp::buildClientHello(HandshakeVariant::Digest, &first).bytes;
    QCOMPARE(rtmp::buildClientHello(HandshakeVariant::Digest, &second).bytes, a);
    QVERIFY(rtmp::buildClientHello(HandshakeVariant::Digest, &other).bytes != a);
    // The global generator is used when none is given.
    QCOMPARE(rtmp::buildClientHello(HandshakeVariant::Digest).bytes.size(), 1537);
}

void TestHandshake::classifiesReplies_data()
{
    QTest::addColumn<HandshakeVariant>("variant");
    QTest::addColumn<QByteArray>("reply");
    QTest::addColumn<bool>("endOfStream");
    QTest::addColumn<QString>("expected");

    const QByteArray simpleC1 = helloBytes(HandshakeVariant::Simple).mid(1);
    const QByteArray digestC1 = helloBytes(HandshakeVariant::Digest).mid(1);
    const QByteArray s0 = hex("03");

    QTest::newRow("nginx old style: S1 and S2 copy C1")
        << HandshakeVariant::Simple << s0 + simpleC1 + simpleC1 << false
        << u"ok version=0.0.0.0 digest=-1 s1echo=yes s2=echo-of-c1 http=-1 \"\" tls=-1/-1/-1 bytes=3073"_s;
    QTest::newRow("nginx fallback for a digest C1 it cannot read")
        << HandshakeVariant::Digest << s0 + digestC1 + digestC1 << false
        << u"ok version=9.0.124.2 digest=-1 s1echo=yes s2=echo-of-c1 http=-1 \"\" tls=-1/-1/-1 bytes=3073"_s;
    QTest::newRow("signed reply, scheme 0")
        << HandshakeVariant::Digest << s0 + signedS1(0) + signedS2(digestC1) << false
        << u"ok version=13.14.10.13 digest=0 s1echo=no s2=signed-digest http=-1 \"\" tls=-1/-1/-1 bytes=3073"_s;
    QTest::newRow("signed reply, scheme 1")
        << HandshakeVariant::Digest << s0 + signedS1(1) + signedS2(digestC1) << false
        << u"ok version=13.14.10.13 digest=1 s1echo=no s2=signed-digest http=-1 \"\" tls=-1/-1/-1 bytes=3073"_s;
    QByteArray specEcho = simpleC1;
    specEcho.replace(4, 4, hex("000004d2")); // the specification's "time2"
    QTest::newRow("echo with its own time2")
        << HandshakeVariant::Simple << s0 + noise(3) + specEcho << false
        << u"ok version=%1 digest=-1 s1echo=no s2=echo-of-c1 http=-1 \"\" tls=-1/-1/-1 bytes=3073"_s.arg(
               u"%1.%2.%3.%4"_s.arg(quint8(noise(3).at(4)))
                   .arg(quint8(noise(3).at(5)))
                   .arg(quint8(noise(3).at(6)))
                   .arg(quint8(noise(3).at(7))));
    QTest::newRow("S2 neither echo nor signed")
        << HandshakeVariant::Digest << s0 + signedS1(0) + noise(4) << false
        << u"ok version=13.14.10.13 digest=0 s1echo=no s2=unverified http=-1 \"\" tls=-1/-1/-1 bytes=3073"_s;
    QTest::newRow("signed S2 for a simple C1 cannot be checked")
        << HandshakeVariant::Simple << s0 + signedS1(0) + signedS2(digestC1) << false
        << u"ok version=13.14.10.13 digest=0 s1echo=no s2=unverified http=-1 \"\" tls=-1/-1/-1 bytes=3073"_s;

    const QByteArray nginx400 =
        "HTTP/1.1 400 Bad Request\r\nServer: nginx/1.22.1\r\nContent-Type: text/html\r\n"
        "\r\n<html>\r\n<head><title>400 Bad Request</title></head>\r\n"_ba;
    QTest::newRow("web server") << HandshakeVariant::Digest << nginx400 << false
                                << u"answered-http version= digest=-1 s1echo=no s2=not-checked http=400 "
                                   "\"HTTP/1.1 400 Bad Request\" tls=-1/-1/-1 bytes=%1"_s.arg(
                                       nginx400.size());
    QTest::newRow("web server, status line cut by close")
        << HandshakeVariant::Digest << "HTTP/1.0 200"_ba << true
        << u"answered-http version= digest=-1 s1echo=no s2=not-checked http=200 \"HTTP/1.0 200\" "
           u"tls=-1/-1/-1 "
           "bytes=12"_s;
    QTest::newRow("TLS alert protocol_version")
        << HandshakeVariant::Digest << hex("15 0303 0002 02 46") << false
        << u"answered-tls version= digest=-1 s1echo=no s2=not-checked http=-1 \"\" tls=21/2/70 bytes=7"_s;
    QTest::newRow("TLS alert, header only")
        << HandshakeVariant::Digest << hex("15 0301") << false
        << u"answered-tls version= digest=-1 s1echo=no s2=not-checked http=-1 "
           "\"\" tls=21/-1/-1 bytes=3"_s;
    QTest::newRow("TLS handshake record")
        << HandshakeVariant::Digest << hex("16 0303 0059 02000055") << false
        << u"answered-tls version= digest=-1 s1echo=no s2=not-checked http=-1 "
           "\"\" tls=22/-1/-1 bytes=9"_s;
    QTest::newRow("RTMPE (S0 = 6)")
        << HandshakeVariant::Digest << hex("06") + noise(6) << false
        << u"rtmpe-requested version= digest=-1 s1echo=no s2=not-checked http=-1 \"\" "
           "tls=-1/-1/-1 bytes=1537"_s;
    QTest::newRow("RTMPE (S0 = 9)")
        << HandshakeVariant::Digest << hex("09") << false
        << u"rtmpe-requested version= digest=-1 s1echo=no s2=not-checked http=-1 \"\" "
           "tls=-1/-1/-1 bytes=1"_s;
    QTest::newRow("reserved version 10")
        << HandshakeVariant::Digest << hex("0a") + noise(7) << false
        << u"unknown-version version= digest=-1 s1echo=no s2=not-checked http=-1 "
           "\"\" tls=-1/-1/-1 bytes=1537"_s;
    QTest::newRow("deprecated version 0")
        << HandshakeVariant::Digest << hex("00 00") << false
        << u"unknown-version version= digest=-1 s1echo=no s2=not-checked http=-1 "
           "\"\" tls=-1/-1/-1 bytes=2"_s;
    QTest::newRow("0x16 that is not TLS")
        << HandshakeVariant::Digest << hex("16 4141") << false
        << u"unknown-version version= digest=-1 s1echo=no s2=not-checked http=-1 "
           "\"\" tls=-1/-1/-1 bytes=3"_s;
    QTest::newRow("binary garbage") << HandshakeVariant::Digest << hex("ff fe 00 01") << false
                                    << u"garbage version= digest=-1 s1echo=no s2=not-checked http=-1 \"\" "
                                       "tls=-1/-1/-1 bytes=4"_s;
    QTest::newRow("ssh banner") << HandshakeVariant::Digest << "SSH-2.0-OpenSSH_9.2p1 Debian-2\r\n"_ba
                                << false
                                << u"text-reply version= digest=-1 s1echo=no s2=not-checked http=-1 "
                                   "\"SSH-2.0-OpenSSH_9.2p1 Debian-2\" tls=-1/-1/-1 bytes=32"_s;
    QTest::newRow("text starting with H")
        << HandshakeVariant::Digest << "HELO x\n"_ba << false
        << u"text-reply version= digest=-1 s1echo=no s2=not-checked http=-1 "
           "\"HELO x\" tls=-1/-1/-1 bytes=7"_s;
    QTest::newRow("text cut by close") << HandshakeVariant::Digest << "HTT"_ba << true
                                       << u"text-reply version= digest=-1 s1echo=no s2=not-checked http=-1 "
                                          "\"HTT\" tls=-1/-1/-1 bytes=3"_s;
    QTest::newRow("control characters shown as dots")
        << HandshakeVariant::Digest << "ERR\x01\x7f!\n"_ba << false
        << u"text-reply version= digest=-1 s1echo=no s2=not-checked http=-1 \"ERR..!\" tls=-1/-1/-1 bytes=7"_s;
    QTest::newRow("closed after S0 and part of S1")
        << HandshakeVariant::Digest << s0 + noise(8, 1000) << true
        << u"short-reply version= digest=-1 s1echo=no s2=not-checked http=-1 \"\" tls=-1/-1/-1 bytes=1001"_s;
    QTest::newRow("closed after S1, no S2")
        << HandshakeVariant::Simple << s0 + simpleC1 << true
        << u"short-reply version=0.0.0.0 digest=-1 s1echo=yes s2=not-checked http=-1 \"\" tls=-1/-1/-1 bytes=1537"_s;
    QTest::newRow("closed without a byte")
        << HandshakeVariant::Digest << QByteArray() << true
        << u"short-reply version= digest=-1 s1echo=no s2=not-checked http=-1 \"\" "
           "tls=-1/-1/-1 bytes=0"_s;
    QTest::newRow("closed after one TLS byte")
        << HandshakeVariant::Digest << hex("15") << true
        << u"short-reply version= digest=-1 s1echo=no s2=not-checked http=-1 "
           "\"\" tls=-1/-1/-1 bytes=1"_s;
}

void TestHandshake::classifiesReplies()
{
    QFETCH(HandshakeVariant, variant);
    QFETCH(QByteArray, reply);
    QFETCH(bool, endOfStream);
    QFETCH(QString, expected);

    const rtmp::ClientHello clientHello = hello(variant);

    // All at once.
    rtmp::HandshakeClassifier whole(clientHello);
    HandshakeVerdict verdict = whole.feed(reply);
    if (endOfStream) {
        QCOMPARE(verdict, HandshakeVerdict::NeedMore);
        verdict = whole.finish();
    }
    QCOMPARE(verdict, whole.verdict());
    QCOMPARE(summary(whole.report()), expected);
    QCOMPARE(whole.report().firstBytes, reply.left(64));

    // One byte at a time: the verdict may only appear with the last byte.
    rtmp::HandshakeClassifier trickle(clientHello);
    for (qsizetype i = 0; i < reply.size(); ++i) {
        const HandshakeVerdict step = trickle.feed(QByteArrayView(reply).sliced(i, 1));
        if (i + 1 < reply.size() && step != HandshakeVerdict::NeedMore) {
            // Allowed only for replies whose decisive bytes come early (TLS, RTMPE, text lines).
            QVERIFY2(whole.verdict() != HandshakeVerdict::Ok &&
                         whole.verdict() != HandshakeVerdict::ShortReply,
                     qPrintable(u"premature verdict at byte %1"_s.arg(i)));
        }
    }
    if (endOfStream)
        trickle.finish();
    QCOMPARE(summary(trickle.report()), expected);
}

void TestHandshake::c2CanGoOutAsSoonAsS1Arrives()
{
    const rtmp::ClientHello clientHello = hello(HandshakeVariant::Digest);
    const QByteArray s1 = signedS1(0);
    const QByteArray s2 = signedS2(clientHello.c1());

    rtmp::HandshakeClassifier classifier(clientHello);
    QCOMPARE(classifier.feed(hex("03") + s1.left(1535)), HandshakeVerdict::NeedMore);
    QVERIFY(!classifier.s1Complete());
    QVERIFY(classifier.c2().isEmpty());
    QCOMPARE(classifier.feed(s1.right(1)), HandshakeVerdict::NeedMore);
    QVERIFY(classifier.s1Complete());
    QCOMPARE(classifier.s1(), s1);
    QCOMPARE(classifier.c2(), s1);
    QCOMPARE(classifier.report().serverDigestScheme, 0);

    QCOMPARE(classifier.feed(s2), HandshakeVerdict::Ok);
    QCOMPARE(classifier.report().s2Check, rtmp::ServerResponseCheck::SignedDigest);
    QVERIFY(classifier.report().serverDigestValid());
    QCOMPARE(classifier.finish(), HandshakeVerdict::Ok);
}

void TestHandshake::bytesAfterS2AreHandedOn()
{
    const rtmp::ClientHello clientHello = hello(HandshakeVariant::Simple);
    const QByteArray c1 = clientHello.c1();
    const QByteArray chunk = hex("02 000000 000004 05 00000000 004c4b40");

    rtmp::HandshakeClassifier classifier(clientHello);
    QCOMPARE(classifier.feed(hex("03") + c1 + c1 + chunk.left(5)), HandshakeVerdict::Ok);
    QCOMPARE(classifier.feed(chunk.mid(5)), HandshakeVerdict::Ok);
    QCOMPARE(classifier.takeSurplus(), chunk);
    QVERIFY(classifier.takeSurplus().isEmpty());
    QCOMPARE(classifier.report().bytesReceived, 3073 + chunk.size());
}

void TestHandshake::c2IsOnlyBuiltFromAFullS1()
{
    // A hand-made (empty) hello cannot be echoed, but must not break the classifier.
    rtmp::HandshakeClassifier withoutHello{rtmp::ClientHello()};
    QCOMPARE(withoutHello.feed(hex("03") + noise(1) + noise(2)), HandshakeVerdict::Ok);
    QCOMPARE(withoutHello.report().s2Check, rtmp::ServerResponseCheck::Unverified);
    QVERIFY(!withoutHello.report().s1EchoesC1);

    QVERIFY(rtmp::buildC2(QByteArray(1535, 'x')).isEmpty());
    QVERIFY(rtmp::buildC2(QByteArray(1537, 'x')).isEmpty());
    QCOMPARE(rtmp::buildC2(noise(1)), noise(1));
    QCOMPARE(rtmp::handshakeDigestOffset(QByteArray(100, 'x'), 0), -1);
    QCOMPARE(rtmp::handshakeDigestOffset(noise(1), 2), -1);
    QCOMPARE(rtmp::handshakeDigestOffset(QByteArray(blockSize, '\xff'), 0), (4 * 255) % 728 + 12);
    QCOMPARE(rtmp::handshakeDigestOffset(QByteArray(blockSize, '\xff'), 1), (4 * 255) % 728 + 776);
}

QTEST_GUILESS_MAIN(TestHandshake)
#include "tst_handshake.moc"
