// RTMP chunk stream: writer, incremental reader, protocol control messages.
#include "rtmp/chunkstream.h"
#include "rtmp/commands.h"

#include <QRandomGenerator>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace rd;
using rtmp::ChunkReader;
using rtmp::ChunkWriter;
using rtmp::Message;
using rtmp::ReadStatus;

Q_DECLARE_METATYPE(rd::rtmp::Message)
Q_DECLARE_METATYPE(rd::rtmp::ReadStatus)
Q_DECLARE_METATYPE(rd::rtmp::ControlParseStatus)

namespace {

QByteArray hex(const char* text)
{
    return QByteArray::fromHex(QByteArray(text));
}

Message makeMessage(quint8 type, quint32 chunkStreamId, quint32 timestamp, quint32 streamId,
                    QByteArray payload)
{
    Message message;
    message.type = type;
    message.chunkStreamId = chunkStreamId;
    message.timestamp = timestamp;
    message.streamId = streamId;
    message.payload = std::move(payload);
    return message;
}

QByteArray pattern(qsizetype size, char seed = 'a')
{
    QByteArray bytes(size, Qt::Uninitialized);
    for (qsizetype i = 0; i < size; ++i)
        bytes[i] = char(seed + i % 26);
    return bytes;
}

QByteArray write(ChunkWriter& writer, const Message& message)
{
    const rtmp::WriteResult result = writer.write(message);
    if (!result.ok())
        qFatal("write failed: %s", qPrintable(result.message));
    return result.bytes;
}

QString describe(const QList<Message>& messages)
{
    QStringList lines;
    for (const Message& message : messages) {
        lines << u"type %1 csid %2 msid %3 ts %4 len %5"_s.arg(message.type)
                     .arg(message.chunkStreamId)
                     .arg(message.streamId)
                     .arg(message.timestamp)
                     .arg(message.payload.size());
    }
    return lines.join(u"; "_s);
}

// What nginx-rtmp sends after a good connect (notes, section 3): window ack size, peer
// bandwidth, Set Chunk Size 4096, then a _result already cut at 4096.
QByteArray nginxAfterConnect(QByteArray* resultPayload)
{
    QList<amf0::Value> arguments{
        amf0::Value::object({{u"fmsVer"_s, amf0::Value::string(u"FMS/3,0,1,123"_s)},
                             {u"capabilities"_s, amf0::Value::number(31)}}),
        amf0::Value::object({{u"level"_s, amf0::Value::string(u"status"_s)},
                             {u"code"_s, amf0::Value::string(u"NetConnection.Connect.Success"_s)},
                             {u"description"_s, amf0::Value::string(u"Connection succeeded."_s)},
                             {u"objectEncoding"_s, amf0::Value::number(0)}})};
    const Message result = rtmp::buildCommand(u"_result"_s, 1, arguments);
    *resultPayload = result.payload;

    ChunkWriter writer;
    QByteArray stream;
    stream += write(writer, rtmp::makeWindowAcknowledgementSize(5000000));
    stream += write(writer, rtmp::makeSetPeerBandwidth(5000000, rtmp::PeerBandwidthLimit::Dynamic));
    stream += write(writer, rtmp::makeSetChunkSize(4096));
    writer.setChunkSize(4096);
    stream += write(writer, result);
    return stream;
}

} // namespace

class TestChunkStream : public QObject
{
    Q_OBJECT

private slots:
    void connectOf198BytesSplitsLikeRtmpdump();
    void basicHeaderEncodings_data();
    void basicHeaderEncodings();
    void writerRepeatsExtendedTimestampInContinuations();
    void writerRefusesInvalidInput();
    void readerHandlesAllHeaderFormats();
    void readerHandlesExtendedTimestamps();
    void readerAppliesSetChunkSizeBeforeResult();
    void readerHandlesInterleavedChunkStreams();
    void readerDiscardsAbortedMessage();
    void readerDeliversEmptyMessage();
    void readerRefusesProtocolViolations_data();
    void readerRefusesProtocolViolations();
    void hugeChunkSizeNeedsNoAllocation();
    void announced16MegabyteMessageIsRefusedBeforeBuffering();
    void unfinishedMessagesAreBounded();
    void splittingTheInputNeverChangesTheResult_data();
    void splittingTheInputNeverChangesTheResult();
    void writerAndReaderRoundTrip();
    void controlMessagesParse_data();
    void controlMessagesParse();
    void controlMessageBuildersProduceExactBytes_data();
    void controlMessageBuildersProduceExactBytes();
    void pingRequestGetsItsResponse();
    void acknowledgementBookkeeping();
};

void TestChunkStream::connectOf198BytesSplitsLikeRtmpdump()
{
    // rtmpdump's player-style connect (notes 3.1); app + tcUrl lengths chosen so the body
    // is 198 bytes, the size observed on the wire.
    rtmp::ConnectParameters parameters;
    parameters.app = u"live"_s;
    parameters.tcUrl = u"rtmp://127.0.0.1:19350/live"_s;
    parameters.type.clear();
    parameters.flashVer = u"LNX 10,0,32,18"_s;
    parameters.extraFields = {{u"fpad"_s, amf0::Value::boolean(false)},
                              {u"capabilities"_s, amf0::Value::number(15)},
                              {u"audioCodecs"_s, amf0::Value::number(3191)},
                              {u"videoCodecs"_s, amf0::Value::number(252)},
                              {u"videoFunction"_s, amf0::Value::number(1)}};
    const Message connect = rtmp::buildConnect(parameters);
    QCOMPARE(connect.payload.size(), 198);

    ChunkWriter writer;
    const QByteArray bytes = write(writer, connect);
    QCOMPARE(bytes.size(), 12 + 128 + 1 + 70);
    QCOMPARE(bytes.left(12).toHex(' '), hex("03 000000 0000c6 14 00000000").toHex(' '));
    QCOMPARE(bytes.mid(12, 128), connect.payload.left(128));
    QCOMPARE(quint8(bytes.at(140)), quint8(0xC3));
    QCOMPARE(bytes.mid(141), connect.payload.mid(128));

    ChunkReader reader;
    QCOMPARE(reader.feed(bytes), ReadStatus::Ok);
    const QList<Message> messages = reader.takeMessages();
    QCOMPARE(messages.size(), 1);
    QVERIFY(messages.front() == connect);
}

void TestChunkStream::basicHeaderEncodings_data()
{
    QTest::addColumn<quint8>("format");
    QTest::addColumn<quint32>("chunkStreamId");
    QTest::addColumn<QByteArray>("bytes");

    QTest::newRow("csid 2 fmt 0") << quint8(0) << 2u << hex("02");
    QTest::newRow("csid 3 fmt 3") << quint8(3) << 3u << hex("c3");
    QTest::newRow("csid 63 fmt 1") << quint8(1) << 63u << hex("7f");
    QTest::newRow("csid 64 fmt 0") << quint8(0) << 64u << hex("00 00");
    QTest::newRow("csid 319 fmt 2") << quint8(2) << 319u << hex("80 ff");
    QTest::newRow("csid 320 fmt 0") << quint8(0) << 320u << hex("01 00 01");
    QTest::newRow("csid 65599 fmt 3") << quint8(3) << 65599u << hex("c1 ff ff");
    QTest::newRow("csid 1 refused") << quint8(0) << 1u << QByteArray();
    QTest::newRow("csid 65600 refused") << quint8(0) << 65600u << QByteArray();
}

void TestChunkStream::basicHeaderEncodings()
{
    QFETCH(quint8, format);
    QFETCH(quint32, chunkStreamId);
    QFETCH(QByteArray, bytes);

    QCOMPARE(rtmp::encodeBasicHeader(format, chunkStreamId).toHex(' '), bytes.toHex(' '));
    if (bytes.isEmpty())
        return;

    // The reader must map the same bytes back to the same csid, with and without continuation.
    const Message message = makeMessage(9, chunkStreamId, 7, 1, pattern(130));
    ChunkWriter writer;
    const QByteArray stream = write(writer, message);
    QCOMPARE(stream.left(bytes.size()).toHex(' '), rtmp::encodeBasicHeader(0, chunkStreamId).toHex(' '));
    const qsizetype continuation = bytes.size() + 11 + 128;
    QCOMPARE(stream.mid(continuation, bytes.size()).toHex(' '),
             rtmp::encodeBasicHeader(3, chunkStreamId).toHex(' '));
    ChunkReader reader;
    QCOMPARE(reader.feed(stream), ReadStatus::Ok);
    const QList<Message> messages = reader.takeMessages();
    QCOMPARE(messages.size(), 1);
    QVERIFY(messages.front() == message);
}

void TestChunkStream::writerRepeatsExtendedTimestampInContinuations()
{
    const Message message = makeMessage(20, 3, 0x01000000, 0, pattern(130));
    ChunkWriter writer;
    const QByteArray bytes = write(writer, message);
    QByteArray expected = hex("03 ffffff 000082 14 00000000 01000000");
    expected += message.payload.left(128);
    expected += hex("c3 01000000");
    expected += message.payload.mid(128);
    QCOMPARE(bytes.toHex(' '), expected.toHex(' '));

    // Exactly 0xFFFFFF is already "extended": the 3-byte field cannot hold it.
    const QByteArray boundary = write(writer, makeMessage(8, 4, 0xFFFFFF, 1, hex("aa")));
    QCOMPARE(boundary.toHex(' '), hex("04 ffffff 000001 08 01000000 00ffffff aa").toHex(' '));
    const QByteArray below = write(writer, makeMessage(8, 4, 0xFFFFFE, 1, hex("aa")));
    QCOMPARE(below.toHex(' '), hex("04 fffffe 000001 08 01000000 aa").toHex(' '));
}

void TestChunkStream::writerRefusesInvalidInput()
{
    ChunkWriter writer;
    QCOMPARE(writer.write(makeMessage(20, 1, 0, 0, hex("05"))).status,
             rtmp::WriteStatus::InvalidChunkStreamId);
    QCOMPARE(writer.write(makeMessage(20, 65600, 0, 0, hex("05"))).status,
             rtmp::WriteStatus::InvalidChunkStreamId);
    QCOMPARE(writer.write(makeMessage(9, 4, 0, 1, QByteArray(0x1000000, 'x'))).status,
             rtmp::WriteStatus::PayloadTooLong);
    QCOMPARE(writer.setChunkSize(0), rtmp::WriteStatus::InvalidChunkSize);
    QCOMPARE(writer.setChunkSize(0x80000000u), rtmp::WriteStatus::InvalidChunkSize);
    QCOMPARE(writer.chunkSize(), 128u);
    QCOMPARE(writer.setChunkSize(0x7FFFFFFF), rtmp::WriteStatus::Ok);
    QCOMPARE(writer.chunkSize(), 0x7FFFFFFFu);
    QCOMPARE(write(writer, makeMessage(9, 4, 0, 1, pattern(1000))).size(), 12 + 1000);
}

void TestChunkStream::readerHandlesAllHeaderFormats()
{
    QByteArray stream;
    stream += hex("04 0003e8 000003 08 01000000") + "abc"; // fmt 0: ts 1000, msid 1
    stream += hex("44 000014 000002 09") + "de";           // fmt 1: +20, new length and type
    stream += hex("84 00001e") + "fg";                     // fmt 2: +30, same length/type
    stream += hex("c4") + "hi";                            // fmt 3: new message, +30 again
    stream += hex("05 000000 000001 12 00000000") + "z";   // another csid, fmt 0
    stream += hex("c5") + "y";                             // fmt 3 after fmt 0: delta = its timestamp (0)

    ChunkReader reader;
    QCOMPARE(reader.feed(stream), ReadStatus::Ok);
    const QList<Message> expected{makeMessage(8, 4, 1000, 1, "abc"_ba), makeMessage(9, 4, 1020, 1, "de"_ba),
                                  makeMessage(9, 4, 1050, 1, "fg"_ba),  makeMessage(9, 4, 1080, 1, "hi"_ba),
                                  makeMessage(18, 5, 0, 0, "z"_ba),     makeMessage(18, 5, 0, 0, "y"_ba)};
    const QList<Message> messages = reader.takeMessages();
    QCOMPARE(describe(messages), describe(expected));
    QVERIFY(messages == expected);
    QCOMPARE(reader.bufferedBytes(), 0);
    QCOMPARE(reader.bytesConsumed(), quint64(stream.size()));
    QVERIFY(reader.takeMessages().isEmpty());
}

void TestChunkStream::readerHandlesExtendedTimestamps()
{
    const QByteArray first = pattern(200);
    QByteArray stream;
    // fmt 0 with extended timestamp; the fmt 3 continuation repeats the 4 bytes.
    stream += hex("06 ffffff 0000c8 09 01000000 12345678") + first.left(128);
    stream += hex("c6 12345678") + first.mid(128);
    // fmt 1 with an extended delta of 0x01000000.
    stream += hex("46 ffffff 000002 09 01000000") + "xy";
    // fmt 3 starting a new message: still extended, same delta.
    stream += hex("c6 01000000") + "zw";
    // fmt 2 with a small delta switches the extended field off again.
    stream += hex("86 000005") + "uv";
    stream += hex("c6") + "st";

    ChunkReader reader;
    QCOMPARE(reader.feed(stream), ReadStatus::Ok);
    const QList<Message> expected{
        makeMessage(9, 6, 0x12345678, 1, first), makeMessage(9, 6, 0x13345678, 1, "xy"_ba),
        makeMessage(9, 6, 0x14345678, 1, "zw"_ba), makeMessage(9, 6, 0x1434567D, 1, "uv"_ba),
        makeMessage(9, 6, 0x14345682, 1, "st"_ba)};
    const QList<Message> messages = reader.takeMessages();
    QCOMPARE(describe(messages), describe(expected));
    QVERIFY(messages == expected);
}

void TestChunkStream::readerAppliesSetChunkSizeBeforeResult()
{
    QByteArray resultPayload;
    const QByteArray stream = nginxAfterConnect(&resultPayload);
    QVERIFY(resultPayload.size() > 128); // otherwise the test could not notice a late switch

    ChunkReader reader;
    QCOMPARE(reader.feed(stream), ReadStatus::Ok);
    QCOMPARE(reader.chunkSize(), 4096u);
    const QList<Message> messages = reader.takeMessages();
    QCOMPARE(messages.size(), 4);
    QCOMPARE(messages.at(0).type, quint8(5));
    QCOMPARE(messages.at(1).type, quint8(6));
    QCOMPARE(messages.at(2).type, quint8(1));
    QCOMPARE(messages.at(3).payload, resultPayload);

    const rtmp::CommandParseResult parsed = rtmp::parseCommand(messages.at(3));
    QCOMPARE(parsed.command.kind(), rtmp::CommandKind::Result);
    QCOMPARE(rtmp::extractStatusInfo(parsed.command).code, u"NetConnection.Connect.Success"_s);
}

void TestChunkStream::readerHandlesInterleavedChunkStreams()
{
    const QByteArray audio = pattern(200, 'A');
    const QByteArray video = pattern(150, 'a');
    QByteArray stream;
    stream += hex("04 000010 0000c8 08 01000000") + audio.left(128);
    stream += hex("06 000020 000096 09 01000000") + video.left(128);
    stream += hex("c4") + audio.mid(128);
    stream += hex("c6") + video.mid(128);

    ChunkReader reader;
    QCOMPARE(reader.feed(stream.left(12 + 128 + 12 + 50)), ReadStatus::Ok);
    QCOMPARE(reader.bufferedBytes(), 128 + 50);
    QCOMPARE(reader.feed(stream.mid(12 + 128 + 12 + 50)), ReadStatus::Ok);
    const QList<Message> messages = reader.takeMessages();
    QCOMPARE(messages.size(), 2);
    QVERIFY(messages.at(0) == makeMessage(8, 4, 16, 1, audio));
    QVERIFY(messages.at(1) == makeMessage(9, 6, 32, 1, video));
    QCOMPARE(reader.bufferedBytes(), 0);
}

void TestChunkStream::readerDiscardsAbortedMessage()
{
    QByteArray stream;
    stream += hex("04 000000 0000c8 08 01000000") + pattern(128);
    stream += hex("02 000000 000004 02 00000000 00000004"); // Abort csid 4
    stream += hex("04 000000 000002 08 01000000") + "ok";   // a fresh fmt 0 is legal again

    ChunkReader reader;
    QCOMPARE(reader.feed(stream.left(12 + 128)), ReadStatus::Ok);
    QCOMPARE(reader.bufferedBytes(), 128);
    QCOMPARE(reader.feed(stream.mid(12 + 128)), ReadStatus::Ok);
    QCOMPARE(reader.bufferedBytes(), 0);
    const QList<Message> messages = reader.takeMessages();
    QCOMPARE(messages.size(), 2);
    QCOMPARE(messages.at(0).type, quint8(2));
    QVERIFY(messages.at(1) == makeMessage(8, 4, 0, 1, "ok"_ba));
}

void TestChunkStream::readerDeliversEmptyMessage()
{
    ChunkReader reader;
    QCOMPARE(reader.feed(hex("04 000000 000000 08 01000000 c4")), ReadStatus::Ok);
    const QList<Message> messages = reader.takeMessages();
    QCOMPARE(messages.size(), 2);
    QVERIFY(messages.at(0) == makeMessage(8, 4, 0, 1, QByteArray()));
    QVERIFY(messages.at(1) == makeMessage(8, 4, 0, 1, QByteArray()));
}

void TestChunkStream::readerRefusesProtocolViolations_data()
{
    QTest::addColumn<QByteArray>("stream");
    QTest::addColumn<ReadStatus>("status");
    QTest::addColumn<quint64>("errorOffset");
    QTest::addColumn<int>("messagesBefore");

    QTest::newRow("fmt 1 on a fresh csid")
        << hex("45 000000 000001 08 01") << ReadStatus::MissingPreviousHeader << quint64(8) << 0;
    QTest::newRow("fmt 3 on a fresh csid")
        << hex("c3 05") << ReadStatus::MissingPreviousHeader << quint64(1) << 0;
    QTest::newRow("fmt 2 on csid 320 never seen") << hex("04 000000 000001 08 01000000 aa 81 00 01 000000")
                                                  << ReadStatus::MissingPreviousHeader << quint64(19) << 1;
    QTest::newRow("HTTP reply instead of chunks")
        << "HTTP/1.1 400 Bad Request\r\n"_ba << ReadStatus::MissingPreviousHeader << quint64(8) << 0;
    QTest::newRow("chunk size zero") << hex("02 000000 000004 01 00000000 00000000")
                                     << ReadStatus::InvalidChunkSize << quint64(16) << 1;
    QTest::newRow("chunk size with top bit")
        << hex("02 000000 000004 01 00000000 80000000") << ReadStatus::InvalidChunkSize << quint64(16) << 1;
    QTest::newRow("short Set Chunk Size") << hex("02 000000 000002 01 00000000 0010")
                                          << ReadStatus::MalformedControlMessage << quint64(14) << 1;
    QTest::newRow("short Abort") << hex("02 000000 000001 02 00000000 04")
                                 << ReadStatus::MalformedControlMessage << quint64(13) << 1;
    QTest::newRow("unknown message type")
        << hex("03 000000 000001 30 00000000 00") << ReadStatus::UnknownMessageType << quint64(12) << 0;
    QTest::newRow("type 0") << hex("03 000000 000001 00 00000000 00") << ReadStatus::UnknownMessageType
                            << quint64(12) << 0;
    QTest::newRow("new header inside a message")
        << (hex("04 000000 0000c8 08 01000000") + pattern(128) + hex("04 000000 000001 08 01000000"))
        << ReadStatus::HeaderDuringIncompleteMessage << quint64(12 + 128 + 12) << 0;
    QTest::newRow("message above the cap")
        << hex("03 000000 100001 14 00000000") << ReadStatus::MessageTooLarge << quint64(12) << 0;
}

void TestChunkStream::readerRefusesProtocolViolations()
{
    QFETCH(QByteArray, stream);
    QFETCH(ReadStatus, status);
    QFETCH(quint64, errorOffset);
    QFETCH(int, messagesBefore);

    ChunkReader reader;
    QCOMPARE(reader.feed(stream), status);
    QCOMPARE(reader.status(), status);
    QCOMPARE(reader.errorOffset(), errorOffset);
    QVERIFY(!reader.errorMessage().isEmpty());
    QCOMPARE(reader.takeMessages().size(), messagesBefore);

    // The error sticks; later (valid) bytes change nothing.
    QCOMPARE(reader.feed(hex("03 000000 000001 14 00000000 05")), status);
    QVERIFY(reader.takeMessages().isEmpty());
}

void TestChunkStream::hugeChunkSizeNeedsNoAllocation()
{
    ChunkReader reader;
    QCOMPARE(reader.feed(hex("02 000000 000004 01 00000000 7fffffff")), ReadStatus::Ok);
    QCOMPARE(reader.chunkSize(), 0x7FFFFFFFu);
    QVERIFY(reader.takeMessages().size() == 1);

    // A 300-byte message now arrives as one chunk; only what has arrived is held.
    const QByteArray payload = pattern(300);
    QCOMPARE(reader.feed(hex("03 000000 00012c 14 00000000") + payload.left(100)), ReadStatus::Ok);
    QCOMPARE(reader.bufferedBytes(), 100);
    QCOMPARE(reader.feed(payload.mid(100)), ReadStatus::Ok);
    const QList<Message> messages = reader.takeMessages();
    QCOMPARE(messages.size(), 1);
    QCOMPARE(messages.front().payload, payload);
    QCOMPARE(reader.bufferedBytes(), 0);
}

void TestChunkStream::announced16MegabyteMessageIsRefusedBeforeBuffering()
{
    ChunkReader reader; // default cap: 1 MiB
    QByteArray stream = hex("04 000000 ffffff 09 01000000");
    QCOMPARE(reader.feed(stream.left(11)), ReadStatus::Ok);
    QCOMPARE(reader.bufferedBytes(), 11);
    stream += QByteArray(64 * 1024, 'v');
    QCOMPARE(reader.feed(QByteArrayView(stream).sliced(11)), ReadStatus::MessageTooLarge);
    QCOMPARE(reader.errorOffset(), quint64(12));
    QVERIFY(reader.bufferedBytes() <= 18);
    QVERIFY(reader.errorMessage().contains(u"16777215"_s));
    QCOMPARE(reader.feed(QByteArray(1024 * 1024, 'v')), ReadStatus::MessageTooLarge);
    QVERIFY(reader.bufferedBytes() <= 18);
    QCOMPARE(reader.bytesConsumed(), quint64(12));
}

void TestChunkStream::unfinishedMessagesAreBounded()
{
    ChunkReader reader(1000); // unfinished messages may hold 4 x 1000 announced bytes
    QByteArray stream;
    for (quint8 csid = 4; csid < 8; ++csid)
        stream += rtmp::encodeBasicHeader(0, csid) + hex("000000 000384 09 01000000") + pattern(128);
    QCOMPARE(reader.feed(stream), ReadStatus::Ok);
    QCOMPARE(reader.bufferedBytes(), 4 * 128);
    QCOMPARE(reader.feed(hex("08 000000 000384 09 01000000")), ReadStatus::BufferLimitExceeded);
    QVERIFY(reader.bufferedBytes() <= 4 * 128 + 12);

    // Per-chunk-stream state is bounded too: empty messages on 1025 distinct csids.
    ChunkReader manyStreams;
    QByteArray opened;
    for (quint32 csid = 2; csid < 2 + 1024; ++csid)
        opened += rtmp::encodeBasicHeader(0, csid) + hex("000000 000000 09 01000000");
    QCOMPARE(manyStreams.feed(opened), ReadStatus::Ok);
    QCOMPARE(manyStreams.takeMessages().size(), 1024);
    QCOMPARE(manyStreams.feed(rtmp::encodeBasicHeader(0, 2000) + hex("000000 000000 09 01000000")),
             ReadStatus::BufferLimitExceeded);
    ChunkReader reused; // the same csids again and again are fine
    for (int round = 0; round < 3; ++round)
        QCOMPARE(reused.feed(opened), ReadStatus::Ok);

    ChunkReader atTheCap(1000);
    QCOMPARE(atTheCap.feed(hex("04 000000 0003e8 09 01000000")), ReadStatus::Ok);
    ChunkReader aboveTheCap(1000);
    QCOMPARE(aboveTheCap.feed(hex("04 000000 0003e9 09 01000000")), ReadStatus::MessageTooLarge);
}

void TestChunkStream::splittingTheInputNeverChangesTheResult_data()
{
    QTest::addColumn<QByteArray>("stream");
    QTest::addColumn<int>("messageCount");

    QByteArray ignored;
    QTest::newRow("nginx after connect") << nginxAfterConnect(&ignored) << 4;

    QByteArray mixed;
    mixed += hex("04 0003e8 000003 08 01000000") + "abc";
    mixed += hex("06 ffffff 0000c8 09 01000000 12345678") + pattern(128);
    mixed += hex("00 00 000000 000001 12 00000000") + "q"; // csid 64, between two chunks of csid 6
    mixed += hex("c6 12345678") + pattern(72);
    mixed += hex("01 ff ff 000000 000001 12 00000000") + "r"; // csid 65599
    mixed += hex("02 000000 000004 01 00000000 00000010");    // chunk size 16 from here on
    mixed += hex("44 000014 000020 09") + pattern(16);
    mixed += hex("c4") + pattern(16);
    mixed += hex("c4") + pattern(16); // fmt 3 starting the next 32-byte message
    mixed += hex("c4") + pattern(16);
    QTest::newRow("mixed formats and csids") << mixed << 7;
}

void TestChunkStream::splittingTheInputNeverChangesTheResult()
{
    QFETCH(QByteArray, stream);
    QFETCH(int, messageCount);

    ChunkReader whole;
    QCOMPARE(whole.feed(stream), ReadStatus::Ok);
    const QList<Message> expected = whole.takeMessages();
    QCOMPARE(expected.size(), messageCount);

    ChunkReader byteByByte;
    QList<Message> collected;
    for (qsizetype i = 0; i < stream.size(); ++i) {
        QCOMPARE(byteByByte.feed(QByteArrayView(stream).sliced(i, 1)), ReadStatus::Ok);
        QVERIFY(byteByByte.bufferedBytes() <= 18 + 300);
        collected += byteByByte.takeMessages();
    }
    QCOMPARE(describe(collected), describe(expected));
    QVERIFY(collected == expected);

    QRandomGenerator random(1234);
    for (int round = 0; round < 20; ++round) {
        ChunkReader pieces;
        QList<Message> received;
        qsizetype position = 0;
        while (position < stream.size()) {
            const qsizetype piece = qMin<qsizetype>(random.bounded(1, 40), stream.size() - position);
            QCOMPARE(pieces.feed(QByteArrayView(stream).sliced(position, piece)), ReadStatus::Ok);
            position += piece;
        }
        received = pieces.takeMessages();
        QVERIFY(received == expected);
    }
}

void TestChunkStream::writerAndReaderRoundTrip()
{
    QRandomGenerator random(42);
    const quint32 chunkSizes[] = {1, 128, 4096, 0x7FFFFFFF};
    for (const quint32 chunkSize : chunkSizes) {
        // The announcement itself still travels at the old chunk size.
        ChunkWriter writer;
        ChunkReader reader;
        if (chunkSize != 128)
            QCOMPARE(reader.feed(write(writer, rtmp::makeSetChunkSize(chunkSize))), ReadStatus::Ok);
        QCOMPARE(writer.setChunkSize(chunkSize), rtmp::WriteStatus::Ok);
        QList<Message> sent;
        if (chunkSize != 128)
            sent.append(rtmp::makeSetChunkSize(chunkSize));
        QByteArray stream;
        for (int i = 0; i < 30; ++i) {
            const quint32 csids[] = {3, 4, 63, 64, 319, 320, 65599};
            const quint32 timestamps[] = {0, 40, 0xFFFFFE, 0xFFFFFF, 0xFFFFFFFF};
            Message message =
                makeMessage(quint8(i % 2 ? 9 : 8), csids[random.bounded(7)], timestamps[random.bounded(5)],
                            random.bounded(3u), pattern(random.bounded(0, 700), char('a' + i % 5)));
            stream += write(writer, message);
            sent.append(message);
        }
        QCOMPARE(reader.feed(stream), ReadStatus::Ok);
        const QList<Message> received = reader.takeMessages();
        QCOMPARE(describe(received), describe(sent));
        QVERIFY(received == sent);
    }
}

void TestChunkStream::controlMessagesParse_data()
{
    QTest::addColumn<quint8>("type");
    QTest::addColumn<QByteArray>("payload");
    QTest::addColumn<rtmp::ControlParseStatus>("status");
    QTest::addColumn<quint32>("value");
    QTest::addColumn<QString>("text");

    using S = rtmp::ControlParseStatus;
    QTest::newRow("set chunk size") << quint8(1) << hex("00001000") << S::Ok << 4096u
                                    << u"set-chunk-size 4096"_s;
    QTest::newRow("abort") << quint8(2) << hex("00000003") << S::Ok << 3u << u"abort chunk stream 3"_s;
    QTest::newRow("acknowledgement") << quint8(3) << hex("004c4b40") << S::Ok << 5000000u
                                     << u"acknowledgement 5000000"_s;
    QTest::newRow("stream begin") << quint8(4) << hex("0000 00000001") << S::Ok << 1u
                                  << u"user-control stream-begin 1"_s;
    QTest::newRow("set buffer length") << quint8(4) << hex("0003 00000001 00000bb8") << S::Ok << 1u
                                       << u"user-control set-buffer-length stream 1 3000 ms"_s;
    QTest::newRow("ping request") << quint8(4) << hex("0006 0001e240") << S::Ok << 123456u
                                  << u"user-control ping-request 123456"_s;
    QTest::newRow("buffer empty (event 31)")
        << quint8(4) << hex("001f 00000001") << S::Ok << 1u << u"user-control event-31 1"_s;
    QTest::newRow("window ack size") << quint8(5) << hex("004c4b40") << S::Ok << 5000000u
                                     << u"window-ack-size 5000000"_s;
    QTest::newRow("peer bandwidth dynamic")
        << quint8(6) << hex("004c4b40 02") << S::Ok << 5000000u << u"set-peer-bandwidth 5000000 dynamic"_s;
    QTest::newRow("peer bandwidth hard")
        << quint8(6) << hex("00000400 00") << S::Ok << 1024u << u"set-peer-bandwidth 1024 hard"_s;
    QTest::newRow("peer bandwidth bad limit")
        << quint8(6) << hex("00000400 03") << S::Malformed << 1024u
        << u"set-peer-bandwidth (malformed: peer bandwidth limit type 3 is not 0, 1 or 2)"_s;
    QTest::newRow("short window ack")
        << quint8(5) << hex("004c4b") << S::Malformed << 0u
        << u"window-ack-size (malformed: window-ack-size needs 4 payload bytes, got 3)"_s;
    QTest::newRow("short ping") << quint8(4) << hex("0006 0001") << S::Malformed << 0u
                                << u"user-control (malformed: user-control needs 6 payload bytes, got 4)"_s;
    QTest::newRow("chunk size top bit")
        << quint8(1) << hex("80000000") << S::Malformed << 0x80000000u
        << u"set-chunk-size (malformed: chunk size 0x80000000 has the reserved top bit set)"_s;
    QTest::newRow("command") << quint8(20) << hex("05") << S::NotAControlMessage << 0u
                             << u"not a control message"_s;
}

void TestChunkStream::controlMessagesParse()
{
    QFETCH(quint8, type);
    QFETCH(QByteArray, payload);
    QFETCH(rtmp::ControlParseStatus, status);
    QFETCH(quint32, value);
    QFETCH(QString, text);

    const rtmp::ControlMessage control = rtmp::parseControlMessage(makeMessage(type, 2, 0, 0, payload));
    QCOMPARE(control.status, status);
    QCOMPARE(control.value, value);
    QCOMPARE(control.toDebugString(), text);
}

void TestChunkStream::controlMessageBuildersProduceExactBytes_data()
{
    QTest::addColumn<Message>("message");
    QTest::addColumn<QByteArray>("bytes");

    QTest::newRow("set chunk size") << rtmp::makeSetChunkSize(4096)
                                    << hex("02 000000 000004 01 00000000 00001000");
    QTest::newRow("abort") << rtmp::makeAbort(3) << hex("02 000000 000004 02 00000000 00000003");
    QTest::newRow("acknowledgement") << rtmp::makeAcknowledgement(0x01020304)
                                     << hex("02 000000 000004 03 00000000 01020304");
    QTest::newRow("window ack size") << rtmp::makeWindowAcknowledgementSize(2500000)
                                     << hex("02 000000 000004 05 00000000 002625a0");
    QTest::newRow("peer bandwidth") << rtmp::makeSetPeerBandwidth(2500000, rtmp::PeerBandwidthLimit::Dynamic)
                                    << hex("02 000000 000005 06 00000000 002625a0 02");
    QTest::newRow("stream begin") << rtmp::makeUserControl(rtmp::UserControlEvent::StreamBegin, 1)
                                  << hex("02 000000 000006 04 00000000 0000 00000001");
    QTest::newRow("set buffer length")
        << rtmp::makeSetBufferLength(1, 3000) << hex("02 000000 00000a 04 00000000 0003 00000001 00000bb8");
    QTest::newRow("ping response") << rtmp::makePingResponse(0xCAFEBABE)
                                   << hex("02 000000 000006 04 00000000 0007 cafebabe");
}

void TestChunkStream::controlMessageBuildersProduceExactBytes()
{
    QFETCH(Message, message);
    QFETCH(QByteArray, bytes);

    QCOMPARE(message.chunkStreamId, rtmp::ControlChunkStreamId);
    QCOMPARE(message.streamId, 0u);
    ChunkWriter writer;
    QCOMPARE(write(writer, message).toHex(' '), bytes.toHex(' '));
    QVERIFY(rtmp::parseControlMessage(message).ok());
}

void TestChunkStream::pingRequestGetsItsResponse()
{
    ChunkReader reader;
    QCOMPARE(reader.feed(hex("02 000000 000006 04 00000000 0006 00000457")), ReadStatus::Ok);
    const QList<Message> messages = reader.takeMessages();
    QCOMPARE(messages.size(), 1);
    const rtmp::ControlMessage ping = rtmp::parseControlMessage(messages.front());
    QVERIFY(ping.isPingRequest());
    QCOMPARE(ping.value, 1111u);
    QCOMPARE(rtmp::makePingResponse(ping.value).payload.toHex(' '), hex("0007 00000457").toHex(' '));
    QVERIFY(!rtmp::parseControlMessage(rtmp::makePingResponse(1)).isPingRequest());
}

void TestChunkStream::acknowledgementBookkeeping()
{
    rtmp::AcknowledgementTracker tracker;
    tracker.addReceived(10000);
    QVERIFY(!tracker.acknowledgementDue()); // no window announced yet

    tracker.setWindowSize(100);
    QVERIFY(tracker.acknowledgementDue());
    Message ack = tracker.takeAcknowledgement();
    QCOMPARE(ack.payload.toHex(' '), hex("00002710").toHex(' '));
    QVERIFY(!tracker.acknowledgementDue());

    tracker.addReceived(99);
    QVERIFY(!tracker.acknowledgementDue());
    tracker.addReceived(1);
    QVERIFY(tracker.acknowledgementDue());
    ack = tracker.takeAcknowledgement();
    QCOMPARE(ack.type, quint8(3));
    QCOMPARE(ack.payload.toHex(' '), hex("00002774").toHex(' '));

    // The 4-byte sequence number wraps.
    tracker.addReceived(0x100000000ull);
    QCOMPARE(tracker.takeAcknowledgement().payload.toHex(' '), hex("00002774").toHex(' '));
    QCOMPARE(tracker.received(), 0x100000000ull + 10100);
}

QTEST_GUILESS_MAIN(TestChunkStream)
#include "tst_chunkstream.moc"
