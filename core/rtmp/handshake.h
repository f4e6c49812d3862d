#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

class QRandomGenerator;

// The RTMP handshake (C0/C1/C2 out, S0/S1/S2 in) and a classifier that tells a real RTMP
// server from whatever else answers on the port. Byte-level only; the caller owns the socket.
namespace rd::rtmp {

inline constexpr quint8 RtmpVersion = 3;
inline constexpr qsizetype HandshakeBlockSize = 1536;
inline constexpr qsizetype HandshakeDigestSize = 32;
// The size of the part of S2/C2 that the signature in its last 32 bytes covers.
inline constexpr qsizetype HandshakeSignedSize = HandshakeBlockSize - HandshakeDigestSize;

// The HMAC keys of the digest ("FP9") handshake. The short forms sign C1/S1; the full
// forms (short + 32 constant bytes) derive the key that signs S2/C2.
QByteArray clientDigestKey();     // 30 bytes, "Genuine Adobe Flash Player 001"
QByteArray serverDigestKey();     // 36 bytes, "Genuine Adobe Flash Media Server 001"
QByteArray fullClientDigestKey(); // 62 bytes
QByteArray fullServerDigestKey(); // 68 bytes

QByteArray hmacSha256(QByteArrayView key, QByteArrayView data);
// Where the 32 digest bytes sit in a 1536-byte block for scheme 0 or 1; -1 when the block
// is too short or the scheme unknown.
qsizetype handshakeDigestOffset(QByteArrayView block, int scheme);
// HMAC over the block with the 32 bytes at digestOffset left out.
QByteArray computeHandshakeDigest(QByteArrayView block, qsizetype digestOffset, QByteArrayView key);
// 0 or 1 when the block carries a digest made with key under that scheme, otherwise -1.
int findHandshakeDigestScheme(QByteArrayView block, QByteArrayView key);
// The last 32 bytes of a signed S2 (key = full server key) or C2 (full client key):
// HMAC(HMAC(fullKey, peerDigest), first 1504 bytes).
QByteArray computeResponseSignature(QByteArrayView block, QByteArrayView fullKey, QByteArrayView peerDigest);

enum class HandshakeVariant
{
    Simple, // C1 bytes 4-7 zero, no digest (rtmpdump, OBS)
    Digest, // version 9.0.124.2 and a scheme-0 digest (ffmpeg)
};

struct ClientHello
{
    HandshakeVariant variant = HandshakeVariant::Digest;
    QByteArray bytes;            // C0 + C1: 1537 bytes, sent together
    qsizetype digestOffset = -1; // inside C1; -1 for the simple variant
    QByteArray digest;           // the 32 digest bytes; empty for the simple variant

    QByteArray c1() const { return bytes.mid(1); }
};

// random == nullptr uses QRandomGenerator::global(); tests pass a seeded generator.
ClientHello buildClientHello(HandshakeVariant variant, QRandomGenerator* random = nullptr,
                             quint32 uptimeMilliseconds = 0);
// C2 = echo of S1, which every server observed accepts. Empty unless s1 is 1536 bytes.
QByteArray buildC2(QByteArrayView s1);

enum class HandshakeVerdict
{
    NeedMore,       // nothing decisive yet
    Ok,             // S0 = 3, S1 and S2 complete
    AnsweredHttp,   // a web server: "HTTP/..." status line
    AnsweredTls,    // a TLS record (alert 0x15 or handshake 0x16, version 3.x): the port wants TLS
    RtmpeRequested, // S0 = 0x06, 0x08 or 0x09: the server insists on encrypted RTMPE
    UnknownVersion, // a first byte below 32 that is none of the above
    TextReply,      // printable text that is not HTTP (SSH banner, SMTP greeting, ...)
    Garbage,        // binary that is neither RTMP nor TLS
    ShortReply,     // the stream ended (or the caller gave up) before a verdict
};

QString handshakeVerdictName(HandshakeVerdict verdict);

enum class ServerResponseCheck
{
    NotChecked,   // S2 not received
    EchoOfC1,     // S2 repeats C1's random part (simple handshake, nginx-rtmp "old style")
    SignedDigest, // S2 carries a valid signature over our C1 digest
    Unverified,   // neither: worth a warning, not a failure (clients only warn)
};

QString serverResponseCheckName(ServerResponseCheck check);

struct HandshakeReport
{
    HandshakeVerdict verdict = HandshakeVerdict::NeedMore;
    qsizetype bytesReceived = 0;
    QByteArray firstBytes; // the first up-to-64 bytes, for a hex dump in the report

    // RTMP answers (first byte 3)
    bool s1Received = false;
    quint32 serverTime = 0;
    QString serverVersion;       // S1 bytes 4-7 as "a.b.c.d"; "0.0.0.0" for simple servers
    int serverDigestScheme = -1; // 0/1 when S1 carries a valid server digest
    bool s1EchoesC1 = false;     // nginx-rtmp and node-media-server do this for a simple C1
    ServerResponseCheck s2Check = ServerResponseCheck::NotChecked;

    // Other answers
    quint8 firstByte = 0;
    QString httpStatusLine; // "HTTP/1.1 400 Bad Request"
    int httpStatusCode = -1;
    QString textSnippet;    // printable rendering of the first bytes of a text reply
    int tlsRecordType = -1; // 0x15 alert, 0x16 handshake
    int tlsAlertLevel = -1;
    int tlsAlertDescription = -1;

    bool serverDigestValid() const { return serverDigestScheme >= 0; }
};

class HandshakeClassifier
{
public:
    explicit HandshakeClassifier(const ClientHello& hello);

    // Returns the verdict so far. Once a verdict other than NeedMore is reached it is final;
    // later bytes only add details (a TLS alert's code) and are kept as surplus after an Ok.
    HandshakeVerdict feed(QByteArrayView bytes);
    // The caller will not feed more: end of stream or its own timeout. A pending RTMP reply
    // becomes ShortReply; partial text is classified from what arrived.
    HandshakeVerdict finish();

    HandshakeVerdict verdict() const { return m_report.verdict; }
    const HandshakeReport& report() const { return m_report; }

    // S1 is complete: C2 can (and should) go out now, before S2 arrives, because some servers
    // send S2 only after C2.
    bool s1Complete() const { return m_report.s1Received; }
    QByteArray s1() const;
    QByteArray c2() const { return buildC2(s1()); }
    // Bytes that arrived after S2; they belong to the chunk stream.
    QByteArray takeSurplus();

private:
    void classify(bool final);
    void examineRtmp(bool final);
    void examineS1();
    void examineS2();
    void finishText(bool final, qsizetype limit);
    void addTlsAlertDetails();
    QByteArrayView helloC1() const;

    ClientHello m_hello;
    QByteArray m_received;
    QByteArray m_surplus;
    HandshakeReport m_report;
};

} // namespace rd::rtmp
