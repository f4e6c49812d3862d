// rd::rtmp::HandshakeClassifier over a server's first bytes (S0+S1+S2, or whatever else answers),
// fed in pieces and at once. Some inputs get an S2 built from our own C1 (an echo, or the digest
// signature) so the S2 checks are reached. Invariants: the split never changes the verdict or
// the S2 check, byte counts add up, surplus is exactly what follows S2, and a well-formed echo or
// signature is recognised.
#include "fuzzsupport.h"
#include "rtmp/handshake.h"

#include <QRandomGenerator>

using namespace rd::rtmp;

namespace {

const ClientHello& hello(HandshakeVariant variant)
{
    // Seeded, so a crash reproduces with the same C1.
    static const ClientHello simple = [] {
        QRandomGenerator random(1935);
        return buildClientHello(HandshakeVariant::Simple, &random, 1000);
    }();
    static const ClientHello digest = [] {
        QRandomGenerator random(1936);
        return buildClientHello(HandshakeVariant::Digest, &random, 1000);
    }();
    return variant == HandshakeVariant::Simple ? simple : digest;
}

enum class S2Shape
{
    Raw,    // the input as it is
    Echo,   // S0+S1 from the input, S2 = C1 with the input's "time2"
    Signed, // S0+S1 from the input, S2 signed over our C1 digest
};

struct Run
{
    HandshakeVerdict verdict = HandshakeVerdict::NeedMore;
    HandshakeReport report;
    QByteArray surplus;
};

Run classify(const ClientHello& clientHello, QByteArrayView reply, qsizetype pieceSize)
{
    HandshakeClassifier classifier(clientHello);
    HandshakeVerdict decided = HandshakeVerdict::NeedMore;
    // Small pieces where the kind of reply is decided (the first bytes), then at least 256 bytes:
    // feeding 3073 bytes one at a time would cost more than everything else in the run.
    constexpr qsizetype decidingBytes = 64;
    for (qsizetype position = 0, piece = 0; position < reply.size(); position += piece) {
        piece = position < decidingBytes ? qMin(pieceSize, decidingBytes - position)
                                         : qMax<qsizetype>(pieceSize, 256);
        piece = qMin(piece, reply.size() - position);
        const HandshakeVerdict verdict = classifier.feed(reply.sliced(position, piece));
        if (decided != HandshakeVerdict::NeedMore)
            FUZZ_CHECK(verdict == decided, "a verdict is final");
        decided = verdict;
        if (classifier.s1Complete()) {
            FUZZ_CHECK(classifier.s1().size() == HandshakeBlockSize, "S1 is one block");
            FUZZ_CHECK(classifier.c2().size() == HandshakeBlockSize, "C2 is one block");
        }
    }
    Run run;
    run.verdict = classifier.finish();
    if (decided != HandshakeVerdict::NeedMore)
        FUZZ_CHECK(run.verdict == decided, "finish keeps a verdict");
    FUZZ_CHECK(run.verdict != HandshakeVerdict::NeedMore, "finish always decides");
    run.report = classifier.report();
    run.surplus = classifier.takeSurplus();
    FUZZ_CHECK(run.report.bytesReceived == reply.size(), "every byte counted");
    FUZZ_CHECK(run.report.firstBytes.size() <= 64 && reply.startsWith(run.report.firstBytes),
               "first bytes are a prefix of at most 64 bytes");
    const qsizetype fullReply = 1 + 2 * HandshakeBlockSize;
    if (run.verdict == HandshakeVerdict::Ok) {
        FUZZ_CHECK(reply.size() >= fullReply && quint8(reply.front()) == RtmpVersion,
                   "Ok needs S0=3, S1, S2");
        FUZZ_CHECK(run.surplus == reply.sliced(fullReply), "surplus is what follows S2");
        FUZZ_CHECK(run.report.s2Check != ServerResponseCheck::NotChecked, "S2 checked once complete");
    } else {
        FUZZ_CHECK(run.surplus.isEmpty(), "surplus only after an Ok");
    }
    (void)handshakeVerdictName(run.verdict);
    (void)serverResponseCheckName(run.report.s2Check);
    return run;
}

} // namespace

RD_FUZZ_QUIET_INITIALIZE()

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    rd::fuzz::InputSplitter input(data, size);
    const quint8 mode = input.takeByte();
    const qsizetype pieceSize = 1 + input.takeU16() % 2048;
    const HandshakeVariant variant = (mode & 1) ? HandshakeVariant::Digest : HandshakeVariant::Simple;
    const ClientHello& clientHello = hello(variant);
    const auto shape = S2Shape((mode >> 1) % 3);

    QByteArray reply;
    if (shape == S2Shape::Raw || input.remaining() < 1 + HandshakeBlockSize) {
        reply = input.rest().toByteArray();
    } else {
        reply = input.take(1 + HandshakeBlockSize).toByteArray();
        QByteArray s2 = clientHello.c1();
        const QByteArrayView time2 = input.take(4);
        s2.replace(4, time2.size(), time2.toByteArray());
        if (shape == S2Shape::Signed && !clientHello.digest.isEmpty())
            s2.replace(HandshakeSignedSize, HandshakeDigestSize,
                       computeResponseSignature(s2, fullServerDigestKey(), clientHello.digest));
        reply += s2;
        reply += input.rest();
    }

    const Run split = classify(clientHello, reply, pieceSize);
    const Run whole = classify(clientHello, reply, qMax<qsizetype>(1, reply.size()));
    FUZZ_CHECK(split.verdict == whole.verdict, "split does not change the verdict");
    FUZZ_CHECK(split.report.s2Check == whole.report.s2Check, "split does not change the S2 check");
    FUZZ_CHECK(split.report.serverDigestScheme == whole.report.serverDigestScheme,
               "split keeps the digest scheme");
    FUZZ_CHECK(split.surplus == whole.surplus, "split does not change the surplus");

    if (shape != S2Shape::Raw && whole.verdict == HandshakeVerdict::Ok) {
        const bool signedShape = shape == S2Shape::Signed && !clientHello.digest.isEmpty();
        FUZZ_CHECK(whole.report.s2Check ==
                       (signedShape ? ServerResponseCheck::SignedDigest : ServerResponseCheck::EchoOfC1),
                   "an S2 made from our C1 is recognised");
    }
    return 0;
}
