#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QHash>
#include <QList>
#include <QString>

// RTMP chunk stream (spec 1.0, section 5.3) and protocol control messages (5.4, 6.2).
// Pure byte-level code: bytes in, messages out. The caller owns the socket.
namespace rd::rtmp {

enum class MessageType : quint8
{
    SetChunkSize = 1,
    Abort = 2,
    Acknowledgement = 3,
    UserControl = 4,
    WindowAcknowledgementSize = 5,
    SetPeerBandwidth = 6,
    Audio = 8,
    Video = 9,
    Amf3Data = 15,
    Amf3SharedObject = 16,
    Amf3Command = 17,
    Amf0Data = 18,
    Amf0SharedObject = 19,
    Amf0Command = 20,
    Aggregate = 22,
};

bool isKnownMessageType(quint8 type);
QString messageTypeName(quint8 type); // "set-chunk-size", "amf0-command", ... or "type-N"

inline constexpr quint32 ControlChunkStreamId = 2; // reserved for protocol control messages
inline constexpr quint32 CommandChunkStreamId = 3; // what rtmpdump, ffmpeg and nginx use for connect
inline constexpr quint32 MinChunkStreamId = 2;
inline constexpr quint32 MaxChunkStreamId = 65599;
inline constexpr quint32 DefaultChunkSize = 128;
inline constexpr quint32 MaxChunkSize = 0x7FFFFFFF;   // the top bit of Set Chunk Size must be 0
inline constexpr quint32 MaxMessageLength = 0xFFFFFF; // 3-byte length field
inline constexpr quint32 ExtendedTimestampMarker = 0xFFFFFF;

struct Message
{
    quint8 type = 0;
    quint32 streamId = 0; // message stream id (0 for connect and control messages)
    quint32 timestamp = 0;
    quint32 chunkStreamId = CommandChunkStreamId;
    QByteArray payload;

    friend bool operator==(const Message&, const Message&) = default;
};

// ---------------------------------------------------------------------------------------
// Writing

enum class WriteStatus
{
    Ok,
    InvalidChunkStreamId, // outside 2..65599
    PayloadTooLong,       // longer than the 3-byte length field allows
    InvalidChunkSize,     // 0 or top bit set
};

struct WriteResult
{
    WriteStatus status = WriteStatus::Ok;
    QByteArray bytes;
    QString message;

    bool ok() const { return status == WriteStatus::Ok; }
};

// Cuts messages into chunks. Every message starts with a full (fmt 0) header, which is
// always legal and keeps the bytes easy to read in a transcript; continuation chunks use
// fmt 3 and repeat the extended timestamp when there is one, as ffmpeg, librtmp and the
// 2012 specification do.
class ChunkWriter
{
public:
    explicit ChunkWriter(quint32 chunkSize = DefaultChunkSize);

    // Takes effect for the next write. Send makeSetChunkSize() to the peer first.
    WriteStatus setChunkSize(quint32 chunkSize);
    quint32 chunkSize() const { return m_chunkSize; }

    WriteResult write(const Message& message) const;

private:
    quint32 m_chunkSize = DefaultChunkSize;
};

// Basic header alone (1, 2 or 3 bytes); empty for a csid outside 2..65599.
QByteArray encodeBasicHeader(quint8 format, quint32 chunkStreamId);

// ---------------------------------------------------------------------------------------
// Reading

enum class ReadStatus
{
    Ok,
    InvalidChunkSize,              // Set Chunk Size of 0 or with the top bit set
    MissingPreviousHeader,         // fmt 1/2/3 on a chunk stream that never had a fmt 0
    MessageTooLarge,               // announced length above the reader's cap
    UnknownMessageType,            // a type id no RTMP peer sends: the bytes are not a chunk stream
    HeaderDuringIncompleteMessage, // fmt 0/1/2 before the previous message on that csid ended
    MalformedControlMessage,       // control message payload too short
    BufferLimitExceeded,           // too many partly received messages or chunk streams at once
};

QString readStatusName(ReadStatus status);

class ChunkReader
{
public:
    static constexpr qsizetype DefaultMaxMessageLength = 1024 * 1024;
    // Each chunk stream keeps its last header; a peer may not open thousands of them.
    static constexpr qsizetype MaxChunkStreamsTracked = 1024;

    // maxMessageLength caps one message; the sum of all partly received messages is capped
    // at four times that, so memory stays bounded whatever the peer announces.
    explicit ChunkReader(qsizetype maxMessageLength = DefaultMaxMessageLength);

    // Consumes all bytes. After an error, further input is ignored and the error stays.
    ReadStatus feed(QByteArrayView bytes);
    QList<Message> takeMessages();
    bool hasMessages() const { return !m_messages.isEmpty(); }

    ReadStatus status() const { return m_status; }
    QString errorMessage() const { return m_errorMessage; }
    // Offset in the whole received stream where the error was detected.
    quint64 errorOffset() const { return m_errorOffset; }

    quint32 chunkSize() const { return m_chunkSize; } // incoming direction
    quint64 bytesConsumed() const { return m_bytesConsumed; }
    // Header bytes waiting for the rest of their header plus partly received payloads;
    // completed messages not yet taken are not counted.
    qsizetype bufferedBytes() const;

private:
    struct StreamState
    {
        bool hasHeader = false;
        bool extendedTimestamp = false; // the last fmt 0/1/2 header used the 4-byte field
        quint8 type = 0;
        quint32 streamId = 0;
        quint32 length = 0;
        quint32 timestamp = 0;      // of the current/last message
        quint32 timestampDelta = 0; // what a fmt 3 header that starts a new message adds
        bool inProgress = false;
        QByteArray payload;
    };

    qsizetype headerLengthNeeded() const;
    bool processHeader();
    void consumePayload(QByteArrayView bytes, qsizetype& position);
    void completeMessage(quint32 chunkStreamId, StreamState& state);
    bool applyControlMessage(const Message& message);
    bool fail(ReadStatus status, const QString& message);

    qsizetype m_maxMessageLength;
    quint32 m_chunkSize = DefaultChunkSize;
    QByteArray m_header;
    QHash<quint32, StreamState> m_streams;
    quint32 m_currentStream = 0;
    qsizetype m_payloadLeftInChunk = 0;
    qsizetype m_partialPayloadBytes = 0;
    qsizetype m_announcedInProgress = 0; // lengths announced by unfinished messages
    QList<Message> m_messages;
    quint64 m_bytesConsumed = 0;
    ReadStatus m_status = ReadStatus::Ok;
    QString m_errorMessage;
    quint64 m_errorOffset = 0;
};

// ---------------------------------------------------------------------------------------
// Protocol control messages (all on csid 2, message stream 0)

enum class PeerBandwidthLimit : quint8
{
    Hard = 0,
    Soft = 1,
    Dynamic = 2,
};

enum class UserControlEvent : quint16
{
    StreamBegin = 0,
    StreamEof = 1,
    StreamDry = 2,
    SetBufferLength = 3,
    StreamIsRecorded = 4,
    PingRequest = 6,
    PingResponse = 7,
};

QString userControlEventName(quint16 event); // "stream-begin", ... or "event-N"

Message makeSetChunkSize(quint32 chunkSize);
Message makeAbort(quint32 chunkStreamId);
Message makeAcknowledgement(quint32 sequenceNumber);
Message makeWindowAcknowledgementSize(quint32 windowSize);
Message makeSetPeerBandwidth(quint32 windowSize, PeerBandwidthLimit limit);
// Events whose data is one 4-byte value (stream id or timestamp).
Message makeUserControl(UserControlEvent event, quint32 value);
Message makeSetBufferLength(quint32 streamId, quint32 bufferMilliseconds);
Message makePingResponse(quint32 pingTimestamp);

enum class ControlParseStatus
{
    Ok,
    NotAControlMessage, // type outside 1..6
    Malformed,          // payload too short or value out of range
};

struct ControlMessage
{
    ControlParseStatus status = ControlParseStatus::NotAControlMessage;
    MessageType type = MessageType::SetChunkSize;
    // Set Chunk Size: size; Abort: csid; Acknowledgement: sequence number; Window Ack Size
    // and Set Peer Bandwidth: window; User Control: the first 4-byte argument (stream id or
    // ping timestamp).
    quint32 value = 0;
    PeerBandwidthLimit limit = PeerBandwidthLimit::Hard; // Set Peer Bandwidth
    quint16 event = 0;                                   // User Control event id
    quint32 bufferMilliseconds = 0;                      // User Control SetBufferLength
    QString message;                                     // why it is malformed

    bool ok() const { return status == ControlParseStatus::Ok; }
    bool isPingRequest() const;
    QString toDebugString() const; // e.g. "set-peer-bandwidth 5000000 dynamic"
};

ControlMessage parseControlMessage(const Message& message);

// The Acknowledgement a receiver owes once it has read a window's worth of bytes.
class AcknowledgementTracker
{
public:
    // 0 (the initial state) means the peer asked for no acknowledgements.
    void setWindowSize(quint32 windowSize) { m_windowSize = windowSize; }
    quint32 windowSize() const { return m_windowSize; }

    void addReceived(quint64 byteCount) { m_received += byteCount; }
    quint64 received() const { return m_received; }

    bool acknowledgementDue() const;
    // Marks the current count as acknowledged and returns the message to send. The
    // sequence number wraps at 2^32 as the specification's 4-byte field does.
    Message takeAcknowledgement();

private:
    quint32 m_windowSize = 0;
    quint64 m_received = 0;
    quint64 m_acknowledged = 0;
};

} // namespace rd::rtmp
