// rd::rtmp::ChunkReader fed in pieces whose sizes come from the front of the input, compared with
// the same bytes fed at once; every message goes through the control-message and command parsers.
// Invariants: the split never changes the outcome, buffered bytes stay under the reader's cap, no
// message is longer than the cap, and a message read back from ChunkWriter's bytes is unchanged.
#include "fuzzsupport.h"
#include "rtmp/chunkstream.h"
#include "rtmp/commands.h"

#include <QList>

using namespace rd::rtmp;

namespace {

// Largest header: 3-byte basic header, 11-byte message header, 4-byte extended timestamp.
constexpr qsizetype MaxHeaderBytes = 18;

struct Outcome
{
    ReadStatus status = ReadStatus::Ok;
    quint64 errorOffset = 0;
    quint64 consumed = 0;
    quint32 chunkSize = 0;
    QList<Message> messages;
};

void checkMessages(const QList<Message>& messages, qsizetype maxMessageLength)
{
    for (const Message& message : messages) {
        FUZZ_CHECK(message.payload.size() <= maxMessageLength, "message within the reader's cap");
        FUZZ_CHECK(message.chunkStreamId >= MinChunkStreamId && message.chunkStreamId <= MaxChunkStreamId,
                   "chunk stream id in range");
        (void)messageTypeName(message.type);
        const ControlMessage control = parseControlMessage(message);
        (void)control.toDebugString();
        if (message.type < 1 || message.type > 6)
            FUZZ_CHECK(control.status == ControlParseStatus::NotAControlMessage, "control types are 1..6");
        const CommandParseResult command = parseCommand(message);
        (void)command.command.toDebugString();
        (void)extractStatusInfo(command.command);
        (void)command.command.lastNumberArgument();
    }
}

Outcome readAll(QByteArrayView bytes, qsizetype maxMessageLength, const QList<qsizetype>& pieces)
{
    ChunkReader reader(maxMessageLength);
    Outcome outcome;
    qsizetype position = 0;
    qsizetype piece = 0;
    while (position < bytes.size()) {
        qsizetype length = bytes.size() - position;
        if (piece < pieces.size())
            length = qMin(length, pieces.at(piece++));
        const ReadStatus status = reader.feed(bytes.sliced(position, length));
        position += length;
        FUZZ_CHECK(status == reader.status(), "feed returns the status");
        FUZZ_CHECK(reader.bufferedBytes() <= MaxHeaderBytes + 4 * maxMessageLength,
                   "buffered bytes stay under the cap");
        const QList<Message> messages = reader.takeMessages();
        checkMessages(messages, maxMessageLength);
        outcome.messages += messages;
    }
    outcome.status = reader.status();
    outcome.errorOffset = reader.errorOffset();
    outcome.consumed = reader.bytesConsumed();
    outcome.chunkSize = reader.chunkSize();
    if (outcome.status == ReadStatus::Ok)
        FUZZ_CHECK(outcome.consumed == quint64(bytes.size()), "Ok consumes every byte");
    else
        FUZZ_CHECK(outcome.errorOffset <= quint64(bytes.size()) && !reader.errorMessage().isEmpty(),
                   "an error has an offset inside the input and a message");
    return outcome;
}

void checkWriterRoundTrip(const Message& message, quint32 chunkSize)
{
    // Set Chunk Size and Abort change the reader itself; they are covered by the stream above.
    if (message.type == quint8(MessageType::SetChunkSize) || message.type == quint8(MessageType::Abort))
        return;
    ChunkWriter writer;
    const WriteResult announce = writer.write(makeSetChunkSize(chunkSize));
    FUZZ_CHECK(announce.ok(), "Set Chunk Size is writable");
    FUZZ_CHECK(writer.setChunkSize(chunkSize) == WriteStatus::Ok, "chunk size accepted");
    const WriteResult written = writer.write(message);
    FUZZ_CHECK(written.ok(), "a message the reader produced is writable");
    ChunkReader reader;
    FUZZ_CHECK(reader.feed(announce.bytes + written.bytes) == ReadStatus::Ok, "written bytes read back");
    const QList<Message> back = reader.takeMessages();
    FUZZ_CHECK(back.size() == 2 && back.at(1) == message, "writer and reader agree");
}

} // namespace

RD_FUZZ_QUIET_INITIALIZE()

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    rd::fuzz::InputSplitter input(data, size);
    const quint8 mode = input.takeByte();
    // Small caps reach MessageTooLarge and BufferLimitExceeded with small inputs.
    const qsizetype maxMessageLength =
        (mode & 0x80) ? ChunkReader::DefaultMaxMessageLength : qsizetype(16) << (mode & 0x0F);
    const int pieceCount = input.takeByte() % 16;
    QList<qsizetype> pieces;
    for (int i = 0; i < pieceCount; ++i)
        pieces << qsizetype(input.takeByte()) + 1;
    const QByteArrayView stream = input.rest();

    const Outcome split = readAll(stream, maxMessageLength, pieces);
    const Outcome whole = readAll(stream, maxMessageLength, {});
    FUZZ_CHECK(split.status == whole.status, "split does not change the status");
    FUZZ_CHECK(split.errorOffset == whole.errorOffset, "split does not change the error offset");
    FUZZ_CHECK(split.consumed == whole.consumed, "split does not change the bytes consumed");
    FUZZ_CHECK(split.chunkSize == whole.chunkSize, "split does not change the chunk size");
    FUZZ_CHECK(split.messages == whole.messages, "split does not change the messages");

    const quint32 chunkSize = 1 + (mode & 0x40 ? 127u : quint32(mode & 0x3F));
    for (qsizetype i = 0; i < qMin<qsizetype>(whole.messages.size(), 4); ++i)
        checkWriterRoundTrip(whole.messages.at(i), chunkSize);
    return 0;
}
