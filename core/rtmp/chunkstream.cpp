#include "rtmp/chunkstream.h"

#include <QtEndian>

using namespace Qt::StringLiterals;

namespace rd::rtmp {

bool isKnownMessageType(quint8 type)
{
    switch (type) {
    case 1:
    case 2:
    case 3:
    case 4:
    case 5:
    case 6:
    case 8:
    case 9:
    case 15:
    case 16:
    case 17:
    case 18:
    case 19:
    case 20:
    case 22:
        return true;
    default:
        return false;
    }
}

QString messageTypeName(quint8 type)
{
    switch (type) {
    case 1:
        return u"set-chunk-size"_s;
    case 2:
        return u"abort"_s;
    case 3:
        return u"acknowledgement"_s;
    case 4:
        return u"user-control"_s;
    case 5:
        return u"window-ack-size"_s;
    case 6:
        return u"set-peer-bandwidth"_s;
    case 8:
        return u"audio"_s;
    case 9:
        return u"video"_s;
    case 15:
        return u"amf3-data"_s;
    case 16:
        return u"amf3-shared-object"_s;
    case 17:
        return u"amf3-command"_s;
    case 18:
        return u"amf0-data"_s;
    case 19:
        return u"amf0-shared-object"_s;
    case 20:
        return u"amf0-command"_s;
    case 22:
        return u"aggregate"_s;
    default:
        return u"type-%1"_s.arg(type);
    }
}

namespace {

void appendU8(QByteArray& out, quint32 value)
{
    out.append(static_cast<char>(value & 0xFF));
}

void appendU16(QByteArray& out, quint32 value)
{
    appendU8(out, value >> 8);
    appendU8(out, value);
}

void appendU24(QByteArray& out, quint32 value)
{
    appendU8(out, value >> 16);
    appendU8(out, value >> 8);
    appendU8(out, value);
}

void appendU32(QByteArray& out, quint32 value)
{
    appendU8(out, value >> 24);
    appendU8(out, value >> 16);
    appendU8(out, value >> 8);
    appendU8(out, value);
}

void appendU32LittleEndian(QByteArray& out, quint32 value)
{
    appendU8(out, value);
    appendU8(out, value >> 8);
    appendU8(out, value >> 16);
    appendU8(out, value >> 24);
}

quint32 readU24(const char* bytes)
{
    const auto* data = reinterpret_cast<const quint8*>(bytes);
    return (quint32(data[0]) << 16) | (quint32(data[1]) << 8) | quint32(data[2]);
}

quint32 readU32(const char* bytes)
{
    return qFromBigEndian<quint32>(bytes);
}

quint32 readU32LittleEndian(const char* bytes)
{
    return qFromLittleEndian<quint32>(bytes);
}

bool isValidChunkSize(quint32 chunkSize)
{
    return chunkSize >= 1 && chunkSize <= MaxChunkSize;
}

} // namespace

QByteArray encodeBasicHeader(quint8 format, quint32 chunkStreamId)
{
    QByteArray out;
    const quint32 formatBits = quint32(format & 0x03) << 6;
    if (chunkStreamId < MinChunkStreamId || chunkStreamId > MaxChunkStreamId)
        return out;
    if (chunkStreamId < 64) {
        appendU8(out, formatBits | chunkStreamId);
    } else if (chunkStreamId < 64 + 256) {
        appendU8(out, formatBits | 0);
        appendU8(out, chunkStreamId - 64);
    } else {
        const quint32 offset = chunkStreamId - 64;
        appendU8(out, formatBits | 1);
        appendU8(out, offset & 0xFF);
        appendU8(out, offset >> 8);
    }
    return out;
}

ChunkWriter::ChunkWriter(quint32 chunkSize)
{
    setChunkSize(chunkSize);
}

WriteStatus ChunkWriter::setChunkSize(quint32 chunkSize)
{
    if (!isValidChunkSize(chunkSize))
        return WriteStatus::InvalidChunkSize;
    m_chunkSize = chunkSize;
    return WriteStatus::Ok;
}

WriteResult ChunkWriter::write(const Message& message) const
{
    WriteResult result;
    if (message.chunkStreamId < MinChunkStreamId || message.chunkStreamId > MaxChunkStreamId) {
        result.status = WriteStatus::InvalidChunkStreamId;
        result.message = u"chunk stream id %1 is outside 2..65599"_s.arg(message.chunkStreamId);
        return result;
    }
    if (message.payload.size() > qsizetype(MaxMessageLength)) {
        result.status = WriteStatus::PayloadTooLong;
        result.message =
            u"a %1-byte message does not fit the 3-byte length field"_s.arg(message.payload.size());
        return result;
    }

    const bool extended = message.timestamp >= ExtendedTimestampMarker;
    const QByteArray continuationHeader = [&] {
        QByteArray header = encodeBasicHeader(3, message.chunkStreamId);
        if (extended)
            appendU32(header, message.timestamp);
        return header;
    }();

    const qsizetype length = message.payload.size();
    const qsizetype chunkCount = length == 0 ? 1 : (length + m_chunkSize - 1) / qsizetype(m_chunkSize);
    QByteArray& out = result.bytes;
    out.reserve(18 + length + (chunkCount - 1) * continuationHeader.size());

    out += encodeBasicHeader(0, message.chunkStreamId);
    appendU24(out, extended ? ExtendedTimestampMarker : message.timestamp);
    appendU24(out, quint32(length));
    appendU8(out, message.type);
    appendU32LittleEndian(out, message.streamId);
    if (extended)
        appendU32(out, message.timestamp);

    qsizetype written = 0;
    for (;;) {
        const qsizetype piece = qMin<qsizetype>(m_chunkSize, length - written);
        out.append(message.payload.constData() + written, piece);
        written += piece;
        if (written >= length)
            break;
        out += continuationHeader;
    }
    return result;
}

QString readStatusName(ReadStatus status)
{
    switch (status) {
    case ReadStatus::Ok:
        return u"ok"_s;
    case ReadStatus::InvalidChunkSize:
        return u"invalid-chunk-size"_s;
    case ReadStatus::MissingPreviousHeader:
        return u"missing-previous-header"_s;
    case ReadStatus::MessageTooLarge:
        return u"message-too-large"_s;
    case ReadStatus::UnknownMessageType:
        return u"unknown-message-type"_s;
    case ReadStatus::HeaderDuringIncompleteMessage:
        return u"header-during-incomplete-message"_s;
    case ReadStatus::MalformedControlMessage:
        return u"malformed-control-message"_s;
    case ReadStatus::BufferLimitExceeded:
        return u"buffer-limit-exceeded"_s;
    }
    return u"unknown"_s;
}

ChunkReader::ChunkReader(qsizetype maxMessageLength)
    : m_maxMessageLength(qBound<qsizetype>(0, maxMessageLength, MaxMessageLength))
{}

qsizetype ChunkReader::bufferedBytes() const
{
    return m_header.size() + m_partialPayloadBytes;
}

QList<Message> ChunkReader::takeMessages()
{
    return std::exchange(m_messages, {});
}

bool ChunkReader::fail(ReadStatus status, const QString& message)
{
    m_status = status;
    m_errorMessage = message;
    m_errorOffset = m_bytesConsumed;
    return false;
}

qsizetype ChunkReader::headerLengthNeeded() const
{
    if (m_header.isEmpty())
        return 1;
    const quint8 first = static_cast<quint8>(m_header.at(0));
    const quint8 format = first >> 6;
    const quint8 lowBits = first & 0x3F;
    const qsizetype basicLength = lowBits == 0 ? 2 : lowBits == 1 ? 3 : 1;
    if (m_header.size() < basicLength)
        return basicLength;

    static constexpr qsizetype messageHeaderLengths[4] = {11, 7, 3, 0};
    const qsizetype withMessageHeader = basicLength + messageHeaderLengths[format];
    if (m_header.size() < withMessageHeader)
        return withMessageHeader;

    bool extended = false;
    if (format < 3) {
        extended = readU24(m_header.constData() + basicLength) == ExtendedTimestampMarker;
    } else {
        quint32 chunkStreamId = lowBits;
        if (lowBits == 0)
            chunkStreamId = 64 + quint8(m_header.at(1));
        else if (lowBits == 1)
            chunkStreamId = 64 + quint8(m_header.at(1)) + 256 * quint32(quint8(m_header.at(2)));
        const auto found = m_streams.constFind(chunkStreamId);
        extended = found != m_streams.constEnd() && found->hasHeader && found->extendedTimestamp;
    }
    return withMessageHeader + (extended ? 4 : 0);
}

ReadStatus ChunkReader::feed(QByteArrayView bytes)
{
    qsizetype position = 0;
    while (m_status == ReadStatus::Ok && position < bytes.size()) {
        if (m_payloadLeftInChunk > 0) {
            consumePayload(bytes, position);
            continue;
        }
        const qsizetype needed = headerLengthNeeded();
        const qsizetype take = qMin(needed - m_header.size(), bytes.size() - position);
        m_header.append(bytes.sliced(position, take));
        position += take;
        m_bytesConsumed += quint64(take);
        if (m_header.size() < headerLengthNeeded())
            continue;
        processHeader();
        m_header.clear();
    }
    return m_status;
}

bool ChunkReader::processHeader()
{
    const auto* header = reinterpret_cast<const quint8*>(m_header.constData());
    const quint8 format = header[0] >> 6;
    const quint8 lowBits = header[0] & 0x3F;
    quint32 chunkStreamId = lowBits;
    qsizetype offset = 1;
    if (lowBits == 0) {
        chunkStreamId = 64 + header[1];
        offset = 2;
    } else if (lowBits == 1) {
        chunkStreamId = 64 + header[1] + 256 * quint32(header[2]);
        offset = 3;
    }

    auto existing = m_streams.find(chunkStreamId);
    if (format != 0 && (existing == m_streams.end() || !existing->hasHeader)) {
        return fail(ReadStatus::MissingPreviousHeader,
                    u"a fmt %1 chunk on chunk stream %2, which has had no full header yet"_s.arg(format).arg(
                        chunkStreamId));
    }
    if (existing == m_streams.end() && m_streams.size() >= MaxChunkStreamsTracked) {
        return fail(
            ReadStatus::BufferLimitExceeded,
            u"chunk stream %1 would be the %2th in use; real servers use a handful"_s.arg(chunkStreamId)
                .arg(MaxChunkStreamsTracked + 1));
    }
    StreamState& state = existing != m_streams.end() ? *existing : m_streams[chunkStreamId];

    if (format == 3 && state.inProgress) {
        // Continuation of the current message; a repeated extended timestamp carries nothing new.
        m_currentStream = chunkStreamId;
        m_payloadLeftInChunk = qMin<qsizetype>(m_chunkSize, qsizetype(state.length) - state.payload.size());
        return true;
    }
    if (state.inProgress) {
        return fail(ReadStatus::HeaderDuringIncompleteMessage,
                    u"a fmt %1 header on chunk stream %2 while its %3-byte message still misses %4 bytes"_s
                        .arg(format)
                        .arg(chunkStreamId)
                        .arg(state.length)
                        .arg(qsizetype(state.length) - state.payload.size()));
    }

    quint32 length = state.length;
    quint8 type = state.type;
    quint32 streamId = state.streamId;
    if (format < 3) {
        quint32 timestampField = readU24(m_header.constData() + offset);
        const bool extended = timestampField == ExtendedTimestampMarker;
        if (format <= 1) {
            length = readU24(m_header.constData() + offset + 3);
            type = header[offset + 6];
        }
        if (format == 0)
            streamId = readU32LittleEndian(m_header.constData() + offset + 7);
        if (extended)
            timestampField = readU32(m_header.constData() + m_header.size() - 4);

        if (!isKnownMessageType(type)) {
            return fail(ReadStatus::UnknownMessageType,
                        u"message type %1 on chunk stream %2 is not an RTMP message type"_s.arg(type).arg(
                            chunkStreamId));
        }
        if (qsizetype(length) > m_maxMessageLength) {
            return fail(
                ReadStatus::MessageTooLarge,
                u"a %1-byte %2 message announced on chunk stream %3 exceeds the %4-byte limit"_s.arg(length)
                    .arg(messageTypeName(type))
                    .arg(chunkStreamId)
                    .arg(m_maxMessageLength));
        }
        state.extendedTimestamp = extended;
        state.length = length;
        state.type = type;
        state.streamId = streamId;
        state.timestampDelta = timestampField;
        state.timestamp = format == 0 ? timestampField : state.timestamp + timestampField;
    } else {
        state.timestamp += state.timestampDelta;
    }
    state.hasHeader = true;

    if (m_announcedInProgress + qsizetype(length) > 4 * m_maxMessageLength) {
        return fail(ReadStatus::BufferLimitExceeded,
                    u"%1 bytes of unfinished messages would be buffered, more than %2"_s
                        .arg(m_announcedInProgress + qsizetype(length))
                        .arg(4 * m_maxMessageLength));
    }
    m_announcedInProgress += length;

    state.inProgress = true;
    state.payload.clear();
    m_currentStream = chunkStreamId;
    if (length == 0) {
        completeMessage(chunkStreamId, state);
        return m_status == ReadStatus::Ok;
    }
    m_payloadLeftInChunk = qMin<qsizetype>(m_chunkSize, length);
    return true;
}

void ChunkReader::consumePayload(QByteArrayView bytes, qsizetype& position)
{
    StreamState& state = m_streams[m_currentStream];
    const qsizetype take = qMin(m_payloadLeftInChunk, bytes.size() - position);
    state.payload.append(bytes.sliced(position, take));
    position += take;
    m_bytesConsumed += quint64(take);
    m_partialPayloadBytes += take;
    m_payloadLeftInChunk -= take;
    if (m_payloadLeftInChunk == 0 && state.payload.size() == qsizetype(state.length))
        completeMessage(m_currentStream, state);
}

void ChunkReader::completeMessage(quint32 chunkStreamId, StreamState& state)
{
    Message message;
    message.type = state.type;
    message.streamId = state.streamId;
    message.timestamp = state.timestamp;
    message.chunkStreamId = chunkStreamId;
    message.payload = std::exchange(state.payload, {});
    m_partialPayloadBytes -= message.payload.size();
    m_announcedInProgress -= state.length;
    state.inProgress = false;
    m_payloadLeftInChunk = 0;

    // Applied before the next chunk is parsed: nginx-rtmp sends Set Chunk Size 4096 right
    // before a _result that is already cut at 4096.
    applyControlMessage(message);
    m_messages.append(std::move(message));
}

bool ChunkReader::applyControlMessage(const Message& message)
{
    if (message.type != quint8(MessageType::SetChunkSize) && message.type != quint8(MessageType::Abort))
        return true;
    const ControlMessage control = parseControlMessage(message);
    if (message.type == quint8(MessageType::SetChunkSize)) {
        if (message.payload.size() < 4)
            return fail(ReadStatus::MalformedControlMessage, control.message);
        if (!control.ok())
            return fail(ReadStatus::InvalidChunkSize, control.message);
        m_chunkSize = control.value;
        return true;
    }
    if (!control.ok())
        return fail(ReadStatus::MalformedControlMessage, control.message);
    const auto aborted = m_streams.find(control.value);
    if (aborted != m_streams.end() && aborted->inProgress) {
        m_partialPayloadBytes -= aborted->payload.size();
        m_announcedInProgress -= aborted->length;
        aborted->payload.clear();
        aborted->inProgress = false;
    }
    return true;
}

// ---------------------------------------------------------------------------------------

QString userControlEventName(quint16 event)
{
    switch (event) {
    case 0:
        return u"stream-begin"_s;
    case 1:
        return u"stream-eof"_s;
    case 2:
        return u"stream-dry"_s;
    case 3:
        return u"set-buffer-length"_s;
    case 4:
        return u"stream-is-recorded"_s;
    case 6:
        return u"ping-request"_s;
    case 7:
        return u"ping-response"_s;
    default:
        return u"event-%1"_s.arg(event);
    }
}

namespace {

Message controlMessage(MessageType type, QByteArray payload)
{
    Message message;
    message.type = quint8(type);
    message.streamId = 0;
    message.timestamp = 0;
    message.chunkStreamId = ControlChunkStreamId;
    message.payload = std::move(payload);
    return message;
}

Message controlMessageWithValue(MessageType type, quint32 value)
{
    QByteArray payload;
    appendU32(payload, value);
    return controlMessage(type, payload);
}

QString peerBandwidthLimitName(PeerBandwidthLimit limit)
{
    switch (limit) {
    case PeerBandwidthLimit::Hard:
        return u"hard"_s;
    case PeerBandwidthLimit::Soft:
        return u"soft"_s;
    case PeerBandwidthLimit::Dynamic:
        return u"dynamic"_s;
    }
    return u"unknown"_s;
}

} // namespace

Message makeSetChunkSize(quint32 chunkSize)
{
    return controlMessageWithValue(MessageType::SetChunkSize, chunkSize & MaxChunkSize);
}

Message makeAbort(quint32 chunkStreamId)
{
    return controlMessageWithValue(MessageType::Abort, chunkStreamId);
}

Message makeAcknowledgement(quint32 sequenceNumber)
{
    return controlMessageWithValue(MessageType::Acknowledgement, sequenceNumber);
}

Message makeWindowAcknowledgementSize(quint32 windowSize)
{
    return controlMessageWithValue(MessageType::WindowAcknowledgementSize, windowSize);
}

Message makeSetPeerBandwidth(quint32 windowSize, PeerBandwidthLimit limit)
{
    QByteArray payload;
    appendU32(payload, windowSize);
    appendU8(payload, quint8(limit));
    return controlMessage(MessageType::SetPeerBandwidth, payload);
}

Message makeUserControl(UserControlEvent event, quint32 value)
{
    QByteArray payload;
    appendU16(payload, quint16(event));
    appendU32(payload, value);
    return controlMessage(MessageType::UserControl, payload);
}

Message makeSetBufferLength(quint32 streamId, quint32 bufferMilliseconds)
{
    QByteArray payload;
    appendU16(payload, quint16(UserControlEvent::SetBufferLength));
    appendU32(payload, streamId);
    appendU32(payload, bufferMilliseconds);
    return controlMessage(MessageType::UserControl, payload);
}

Message makePingResponse(quint32 pingTimestamp)
{
    return makeUserControl(UserControlEvent::PingResponse, pingTimestamp);
}

bool ControlMessage::isPingRequest() const
{
    return ok() && type == MessageType::UserControl && event == quint16(UserControlEvent::PingRequest);
}

QString ControlMessage::toDebugString() const
{
    if (status == ControlParseStatus::NotAControlMessage)
        return u"not a control message"_s;
    const QString name = messageTypeName(quint8(type));
    if (status == ControlParseStatus::Malformed)
        return u"%1 (malformed: %2)"_s.arg(name, message);
    switch (type) {
    case MessageType::Abort:
        return u"%1 chunk stream %2"_s.arg(name).arg(value);
    case MessageType::SetPeerBandwidth:
        return u"%1 %2 %3"_s.arg(name).arg(value).arg(peerBandwidthLimitName(limit));
    case MessageType::UserControl:
        if (event == quint16(UserControlEvent::SetBufferLength))
            return u"%1 %2 stream %3 %4 ms"_s.arg(name, userControlEventName(event))
                .arg(value)
                .arg(bufferMilliseconds);
        return u"%1 %2 %3"_s.arg(name, userControlEventName(event)).arg(value);
    default:
        return u"%1 %2"_s.arg(name).arg(value);
    }
}

ControlMessage parseControlMessage(const Message& message)
{
    ControlMessage result;
    if (message.type < 1 || message.type > 6) {
        result.status = ControlParseStatus::NotAControlMessage;
        result.message = u"%1 is not a protocol control message"_s.arg(messageTypeName(message.type));
        return result;
    }
    result.type = MessageType(message.type);
    const QByteArray& payload = message.payload;
    const auto malformed = [&](const QString& why) {
        result.status = ControlParseStatus::Malformed;
        result.message = why;
        return result;
    };
    const auto tooShort = [&](qsizetype needed) {
        return malformed(u"%1 needs %2 payload bytes, got %3"_s.arg(messageTypeName(message.type))
                             .arg(needed)
                             .arg(payload.size()));
    };

    if (result.type == MessageType::UserControl) {
        if (payload.size() < 2)
            return tooShort(2);
        result.event = qFromBigEndian<quint16>(payload.constData());
        const bool isBufferLength = result.event == quint16(UserControlEvent::SetBufferLength);
        const qsizetype needed = isBufferLength ? 10 : 6;
        const bool knownEvent = result.event <= 7 && result.event != 5;
        if (payload.size() < needed && knownEvent)
            return tooShort(needed);
        if (payload.size() >= 6)
            result.value = readU32(payload.constData() + 2);
        if (isBufferLength)
            result.bufferMilliseconds = readU32(payload.constData() + 6);
        result.status = ControlParseStatus::Ok;
        return result;
    }

    const qsizetype needed = result.type == MessageType::SetPeerBandwidth ? 5 : 4;
    if (payload.size() < needed)
        return tooShort(needed);
    result.value = readU32(payload.constData());
    if (result.type == MessageType::SetChunkSize) {
        if (result.value & 0x80000000u)
            return malformed(
                u"chunk size 0x%1 has the reserved top bit set"_s.arg(result.value, 8, 16, QLatin1Char('0')));
        if (result.value == 0)
            return malformed(u"chunk size 0 is not allowed"_s);
    }
    if (result.type == MessageType::SetPeerBandwidth) {
        const quint8 limit = quint8(payload.at(4));
        if (limit > 2)
            return malformed(u"peer bandwidth limit type %1 is not 0, 1 or 2"_s.arg(limit));
        result.limit = PeerBandwidthLimit(limit);
    }
    result.status = ControlParseStatus::Ok;
    return result;
}

bool AcknowledgementTracker::acknowledgementDue() const
{
    return m_windowSize > 0 && m_received - m_acknowledged >= m_windowSize;
}

Message AcknowledgementTracker::takeAcknowledgement()
{
    m_acknowledged = m_received;
    return makeAcknowledgement(quint32(m_received & 0xFFFFFFFFu));
}

} // namespace rd::rtmp
