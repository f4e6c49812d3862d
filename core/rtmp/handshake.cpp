#include "rtmp/handshake.h"

#include <QByteArrayList>
#include <QCryptographicHash>
#include <QMessageAuthenticationCode>
#include <QRandomGenerator>
#include <QtEndian>

#include <array>

using namespace Qt::StringLiterals;

namespace rd::rtmp {

namespace {

constexpr std::array<quint8, 32> keyTail = {0xF0, 0xEE, 0xC2, 0x4A, 0x80, 0x68, 0xBE, 0xE8, 0x2E, 0x00, 0xD0,
                                            0xD1, 0x02, 0x9E, 0x7E, 0x57, 0x6E, 0xEC, 0x5D, 0x2D, 0x29, 0x80,
                                            0x6F, 0xAB, 0x93, 0xB8, 0xE6, 0x36, 0xCF, 0xEB, 0x31, 0xAE};

// The version ffmpeg announces in a digest C1 (Flash Player 9.0.124.2).
constexpr std::array<quint8, 4> digestClientVersion = {9, 0, 124, 2};

constexpr qsizetype digestSchemeSpan = 728;
constexpr qsizetype maxCapturedBytes = 64;
constexpr qsizetype maxTextBytes = 512;

QByteArray withKeyTail(QByteArray key)
{
    key.append(reinterpret_cast<const char*>(keyTail.data()), qsizetype(keyTail.size()));
    return key;
}

// A text protocol's first byte is visible; a line break or tab first is read as an RTMP
// version byte (0x0A = version 10), which the specification reserves.
bool isVisibleTextByte(quint8 byte)
{
    return byte >= 0x20 && byte < 0x7F;
}

QString printableSnippet(QByteArrayView bytes)
{
    QString text;
    text.reserve(bytes.size());
    bool lastWasSpace = false;
    for (const char raw : bytes) {
        const quint8 byte = quint8(raw);
        if (byte == '\r' || byte == '\n' || byte == '\t') {
            if (!lastWasSpace && !text.isEmpty())
                text += u' ';
            lastWasSpace = true;
            continue;
        }
        text += (byte >= 0x20 && byte < 0x7F) ? QChar(char16_t(byte)) : QChar(u'.');
        lastWasSpace = false;
    }
    return text.trimmed();
}

} // namespace

QByteArray clientDigestKey()
{
    return "Genuine Adobe Flash Player 001"_ba;
}

QByteArray serverDigestKey()
{
    return "Genuine Adobe Flash Media Server 001"_ba;
}

QByteArray fullClientDigestKey()
{
    return withKeyTail(clientDigestKey());
}

QByteArray fullServerDigestKey()
{
    return withKeyTail(serverDigestKey());
}

QByteArray hmacSha256(QByteArrayView key, QByteArrayView data)
{
    QMessageAuthenticationCode code(QCryptographicHash::Sha256, key.toByteArray());
    code.addData(data.data(), data.size());
    return code.result();
}

qsizetype handshakeDigestOffset(QByteArrayView block, int scheme)
{
    if (block.size() < HandshakeBlockSize)
        return -1;
    qsizetype base = 0;
    if (scheme == 0)
        base = 8;
    else if (scheme == 1)
        base = 772;
    else
        return -1;
    qsizetype sum = 0;
    for (qsizetype i = 0; i < 4; ++i)
        sum += quint8(block[base + i]);
    return sum % digestSchemeSpan + base + 4;
}

QByteArray computeHandshakeDigest(QByteArrayView block, qsizetype digestOffset, QByteArrayView key)
{
    if (digestOffset < 0 || digestOffset + HandshakeDigestSize > block.size())
        return {};
    QMessageAuthenticationCode code(QCryptographicHash::Sha256, key.toByteArray());
    code.addData(block.data(), digestOffset);
    const qsizetype after = digestOffset + HandshakeDigestSize;
    code.addData(block.data() + after, block.size() - after);
    return code.result();
}

int findHandshakeDigestScheme(QByteArrayView block, QByteArrayView key)
{
    if (block.size() != HandshakeBlockSize)
        return -1;
    for (int scheme = 0; scheme <= 1; ++scheme) {
        const qsizetype offset = handshakeDigestOffset(block, scheme);
        if (computeHandshakeDigest(block, offset, key) == block.sliced(offset, HandshakeDigestSize))
            return scheme;
    }
    return -1;
}

QByteArray computeResponseSignature(QByteArrayView block, QByteArrayView fullKey, QByteArrayView peerDigest)
{
    if (block.size() < HandshakeSignedSize)
        return {};
    const QByteArray derivedKey = hmacSha256(fullKey, peerDigest);
    return hmacSha256(derivedKey, block.first(HandshakeSignedSize));
}

ClientHello buildClientHello(HandshakeVariant variant, QRandomGenerator* random, quint32 uptimeMilliseconds)
{
    QRandomGenerator* generator = random ? random : QRandomGenerator::global();
    ClientHello hello;
    hello.variant = variant;

    QByteArray c1(HandshakeBlockSize, '\0');
    qToBigEndian<quint32>(uptimeMilliseconds, c1.data());
    if (variant == HandshakeVariant::Digest) {
        for (qsizetype i = 0; i < 4; ++i)
            c1[4 + i] = char(digestClientVersion[size_t(i)]);
    }
    std::array<quint32, (HandshakeBlockSize - 8) / 4> noise{};
    generator->fillRange(noise.data(), qsizetype(noise.size()));
    for (size_t i = 0; i < noise.size(); ++i)
        qToBigEndian<quint32>(noise[i], c1.data() + 8 + 4 * i);

    if (variant == HandshakeVariant::Digest) {
        hello.digestOffset = handshakeDigestOffset(c1, 0);
        hello.digest = computeHandshakeDigest(c1, hello.digestOffset, clientDigestKey());
        c1.replace(hello.digestOffset, HandshakeDigestSize, hello.digest);
    }

    hello.bytes.reserve(1 + HandshakeBlockSize);
    hello.bytes.append(char(RtmpVersion));
    hello.bytes.append(c1);
    return hello;
}

QByteArray buildC2(QByteArrayView s1)
{
    if (s1.size() != HandshakeBlockSize)
        return {};
    return s1.toByteArray();
}

QString handshakeVerdictName(HandshakeVerdict verdict)
{
    switch (verdict) {
    case HandshakeVerdict::NeedMore:
        return u"need-more"_s;
    case HandshakeVerdict::Ok:
        return u"ok"_s;
    case HandshakeVerdict::AnsweredHttp:
        return u"answered-http"_s;
    case HandshakeVerdict::AnsweredTls:
        return u"answered-tls"_s;
    case HandshakeVerdict::RtmpeRequested:
        return u"rtmpe-requested"_s;
    case HandshakeVerdict::UnknownVersion:
        return u"unknown-version"_s;
    case HandshakeVerdict::TextReply:
        return u"text-reply"_s;
    case HandshakeVerdict::Garbage:
        return u"garbage"_s;
    case HandshakeVerdict::ShortReply:
        return u"short-reply"_s;
    }
    return u"unknown"_s;
}

QString serverResponseCheckName(ServerResponseCheck check)
{
    switch (check) {
    case ServerResponseCheck::NotChecked:
        return u"not-checked"_s;
    case ServerResponseCheck::EchoOfC1:
        return u"echo-of-c1"_s;
    case ServerResponseCheck::SignedDigest:
        return u"signed-digest"_s;
    case ServerResponseCheck::Unverified:
        return u"unverified"_s;
    }
    return u"unknown"_s;
}

HandshakeClassifier::HandshakeClassifier(const ClientHello& hello)
    : m_hello(hello)
{}

QByteArrayView HandshakeClassifier::helloC1() const
{
    // A hello that was not built by buildClientHello() cannot be echoed; compare with nothing.
    if (m_hello.bytes.size() != 1 + HandshakeBlockSize)
        return {};
    return QByteArrayView(m_hello.bytes).sliced(1);
}

QByteArray HandshakeClassifier::s1() const
{
    if (!m_report.s1Received)
        return {};
    return m_received.mid(1, HandshakeBlockSize);
}

QByteArray HandshakeClassifier::takeSurplus()
{
    return std::exchange(m_surplus, {});
}

HandshakeVerdict HandshakeClassifier::feed(QByteArrayView bytes)
{
    m_report.bytesReceived += bytes.size();
    if (m_report.verdict == HandshakeVerdict::Ok) {
        m_surplus.append(bytes);
        return m_report.verdict;
    }

    // Only as much as a verdict can need: S0+S1+S2 for RTMP, a text line otherwise.
    const qsizetype rtmpReplySize = 1 + 2 * HandshakeBlockSize;
    const bool looksLikeRtmp = !m_received.isEmpty()
                                   ? quint8(m_received.at(0)) == RtmpVersion
                                   : (!bytes.isEmpty() && quint8(bytes.front()) == RtmpVersion);
    const qsizetype wanted = looksLikeRtmp ? rtmpReplySize : maxTextBytes;
    const qsizetype take = qMin(bytes.size(), qMax<qsizetype>(0, wanted - m_received.size()));
    m_received.append(bytes.first(take));
    if (m_report.firstBytes.size() < maxCapturedBytes)
        m_report.firstBytes = m_received.first(qMin(m_received.size(), maxCapturedBytes));

    if (m_report.verdict == HandshakeVerdict::NeedMore) {
        classify(false);
        if (m_report.verdict == HandshakeVerdict::Ok)
            m_surplus.append(bytes.sliced(take));
    } else {
        addTlsAlertDetails();
    }
    return m_report.verdict;
}

void HandshakeClassifier::addTlsAlertDetails()
{
    // An alert record is 5 header bytes + level + description; they may trail the verdict.
    if (m_report.verdict != HandshakeVerdict::AnsweredTls || m_report.tlsRecordType != 0x15 ||
        m_report.tlsAlertLevel >= 0 || m_received.size() < 7)
        return;
    m_report.tlsAlertLevel = quint8(m_received.at(5));
    m_report.tlsAlertDescription = quint8(m_received.at(6));
}

HandshakeVerdict HandshakeClassifier::finish()
{
    if (m_report.verdict == HandshakeVerdict::NeedMore)
        classify(true);
    return m_report.verdict;
}

void HandshakeClassifier::classify(bool final)
{
    if (m_received.isEmpty()) {
        if (final)
            m_report.verdict = HandshakeVerdict::ShortReply;
        return;
    }
    const QByteArrayView data = m_received;
    const quint8 first = quint8(data.front());
    m_report.firstByte = first;

    if (first == RtmpVersion) {
        examineRtmp(final);
        return;
    }
    if (first == 0x06 || first == 0x08 || first == 0x09) {
        m_report.verdict = HandshakeVerdict::RtmpeRequested;
        return;
    }
    if (first == 0x15 || first == 0x16) {
        if (data.size() < 3) {
            if (final)
                m_report.verdict = HandshakeVerdict::ShortReply;
            return;
        }
        if (quint8(data[1]) == 0x03 && quint8(data[2]) <= 0x04) {
            m_report.verdict = HandshakeVerdict::AnsweredTls;
            m_report.tlsRecordType = first;
            addTlsAlertDetails();
        } else {
            m_report.verdict = HandshakeVerdict::UnknownVersion;
        }
        return;
    }

    static constexpr QByteArrayView httpPrefix = "HTTP/";
    if (first == 'H') {
        const qsizetype compared = qMin(data.size(), httpPrefix.size());
        if (data.first(compared) == httpPrefix.first(compared)) {
            if (compared < httpPrefix.size()) {
                if (final)
                    finishText(true, maxTextBytes);
                return;
            }
            const qsizetype lineEnd = data.indexOf('\n');
            if (lineEnd < 0 && !final && data.size() < maxTextBytes)
                return;
            const QByteArrayView line = data.first(lineEnd < 0 ? data.size() : lineEnd);
            m_report.verdict = HandshakeVerdict::AnsweredHttp;
            m_report.httpStatusLine = printableSnippet(line);
            const QList<QByteArray> parts = line.toByteArray().simplified().split(' ');
            bool numeric = false;
            if (parts.size() >= 2) {
                const int code = parts.at(1).toInt(&numeric);
                if (numeric && parts.at(1).size() == 3)
                    m_report.httpStatusCode = code;
            }
            m_report.textSnippet = printableSnippet(data.first(qMin(data.size(), qsizetype(160))));
            return;
        }
    }
    if (isVisibleTextByte(first)) {
        finishText(final, maxTextBytes);
        return;
    }
    m_report.verdict = first < 0x20 ? HandshakeVerdict::UnknownVersion : HandshakeVerdict::Garbage;
}

void HandshakeClassifier::finishText(bool final, qsizetype limit)
{
    const QByteArrayView data = m_received;
    const qsizetype lineEnd = data.indexOf('\n');
    if (lineEnd < 0 && !final && data.size() < limit)
        return;
    m_report.verdict = HandshakeVerdict::TextReply;
    m_report.textSnippet = printableSnippet(data.first(qMin(data.size(), qsizetype(160))));
}

void HandshakeClassifier::examineRtmp(bool final)
{
    if (!m_report.s1Received && m_received.size() >= 1 + HandshakeBlockSize)
        examineS1();
    if (m_received.size() >= 1 + 2 * HandshakeBlockSize) {
        examineS2();
        m_report.verdict = HandshakeVerdict::Ok;
        return;
    }
    if (final)
        m_report.verdict = HandshakeVerdict::ShortReply;
}

void HandshakeClassifier::examineS1()
{
    m_report.s1Received = true;
    const QByteArrayView s1 = QByteArrayView(m_received).sliced(1, HandshakeBlockSize);
    m_report.serverTime = qFromBigEndian<quint32>(s1.data());
    m_report.serverVersion =
        u"%1.%2.%3.%4"_s.arg(quint8(s1[4])).arg(quint8(s1[5])).arg(quint8(s1[6])).arg(quint8(s1[7]));
    m_report.serverDigestScheme = findHandshakeDigestScheme(s1, serverDigestKey());
    m_report.s1EchoesC1 = s1 == helloC1();
}

void HandshakeClassifier::examineS2()
{
    const QByteArrayView s2 = QByteArrayView(m_received).sliced(1 + HandshakeBlockSize, HandshakeBlockSize);
    const QByteArrayView c1 = helloC1();
    // The specification's echo carries a "time2" of its own in bytes 4-7; the random part
    // is what proves the server read our C1.
    if (c1.size() == HandshakeBlockSize && s2.sliced(8) == c1.sliced(8)) {
        m_report.s2Check = ServerResponseCheck::EchoOfC1;
        return;
    }
    if (!m_hello.digest.isEmpty()) {
        const QByteArray expected = computeResponseSignature(s2, fullServerDigestKey(), m_hello.digest);
        if (expected == s2.sliced(HandshakeSignedSize)) {
            m_report.s2Check = ServerResponseCheck::SignedDigest;
            return;
        }
    }
    m_report.s2Check = ServerResponseCheck::Unverified;
}

} // namespace rd::rtmp
