#include "rtmp/rtmpt.h"

#include <cctype>

using namespace Qt::StringLiterals;

namespace rd::rtmpt {

QString commandName(Command command)
{
    switch (command) {
    case Command::Ident2:
        return u"ident2"_s;
    case Command::Open:
        return u"open"_s;
    case Command::Send:
        return u"send"_s;
    case Command::Idle:
        return u"idle"_s;
    case Command::Close:
        return u"close"_s;
    }
    return u"unknown"_s;
}

namespace {

bool isAsciiAlphanumeric(char character)
{
    return (character >= 'a' && character <= 'z') || (character >= 'A' && character <= 'Z') ||
           (character >= '0' && character <= '9');
}

// Anything that could end a header line or split the request line is refused, so a
// hostile URL cannot inject headers.
bool isSafeHeaderValue(QByteArrayView value)
{
    for (const char character : value) {
        const auto byte = quint8(character);
        if (byte < 0x20 || byte == 0x7F)
            return false;
    }
    return true;
}

bool isSafeHost(const QByteArray& host)
{
    if (host.isEmpty() || !isSafeHeaderValue(host))
        return false;
    for (const char character : host) {
        if (character == ' ' || character == '/' || character == '?' || character == '#' ||
            character == '@' || character == '[' || character == ']')
            return false;
    }
    return true;
}

bool isSessionCommand(Command command)
{
    return command == Command::Send || command == Command::Idle || command == Command::Close;
}

} // namespace

bool isValidSessionId(QByteArrayView sessionId)
{
    if (sessionId.isEmpty() || sessionId.size() > MaxSessionIdLength)
        return false;
    for (const char character : sessionId) {
        if (!isAsciiAlphanumeric(character))
            return false;
    }
    return true;
}

QByteArray requestPath(Command command, QByteArrayView sessionId, quint64 sequence)
{
    switch (command) {
    case Command::Ident2:
        return "/fcs/ident2"_ba;
    case Command::Open:
        return "/open/1"_ba;
    case Command::Send:
    case Command::Idle:
    case Command::Close:
        break;
    }
    if (!isValidSessionId(sessionId))
        return {};
    QByteArray path = "/"_ba + commandName(command).toLatin1() + '/';
    path += sessionId;
    path += '/';
    path += QByteArray::number(sequence);
    return path;
}

QByteArray buildRequest(const Endpoint& endpoint, Command command, QByteArrayView sessionId, quint64 sequence,
                        QByteArrayView body)
{
    const QByteArray path = requestPath(command, sessionId, sequence);
    const QByteArray host = endpoint.host.toUtf8();
    if (path.isEmpty() || !isSafeHost(host) || !isSafeHeaderValue(endpoint.userAgent))
        return {};
    if (isSessionCommand(command) && !isValidSessionId(sessionId))
        return {};

    const bool ipv6 = host.contains(':');
    QByteArray authority = ipv6 ? '[' + host + ']' : host;
    const quint16 defaultPort = endpoint.tls ? 443 : 80;
    if (endpoint.port != defaultPort)
        authority += ':' + QByteArray::number(endpoint.port);

    static const QByteArray singleZero(1, '\0');
    const QByteArrayView content = body.isEmpty() ? QByteArrayView(singleZero) : body;

    QByteArray request;
    request.reserve(256 + content.size());
    request += "POST ";
    if (endpoint.viaProxy)
        request += (endpoint.tls ? "https://"_ba : "http://"_ba) + authority;
    request += path;
    request += " HTTP/1.1\r\n";
    request += "Host: " + authority + "\r\n";
    if (!endpoint.userAgent.isEmpty())
        request += "User-Agent: " + endpoint.userAgent + "\r\n";
    request += "Content-Type: ";
    request += ContentType;
    request += "\r\n";
    request += "Content-Length: " + QByteArray::number(content.size()) + "\r\n";
    request += endpoint.keepAlive ? "Connection: Keep-Alive\r\n"_ba : "Connection: close\r\n"_ba;
    request += "Cache-Control: no-cache\r\n";
    request += "\r\n";
    request += content;
    return request;
}

// ---------------------------------------------------------------------------------------

QByteArray HttpResponse::header(QByteArrayView name) const
{
    for (const auto& [headerName, value] : headers) {
        if (headerName.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

bool HttpResponse::hasHeader(QByteArrayView name) const
{
    for (const auto& entry : headers) {
        if (entry.first.compare(name, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

bool HttpResponse::keepAlive() const
{
    const QByteArray connection = header("Connection").toLower();
    if (connection.contains("close"))
        return false;
    if (connection.contains("keep-alive"))
        return true;
    return httpVersion == "HTTP/1.1";
}

QString httpParseStatusName(HttpParseStatus status)
{
    switch (status) {
    case HttpParseStatus::NeedMore:
        return u"need-more"_s;
    case HttpParseStatus::Complete:
        return u"complete"_s;
    case HttpParseStatus::MalformedStatusLine:
        return u"malformed-status-line"_s;
    case HttpParseStatus::MalformedHeader:
        return u"malformed-header"_s;
    case HttpParseStatus::HeaderTooLarge:
        return u"header-too-large"_s;
    case HttpParseStatus::BodyTooLarge:
        return u"body-too-large"_s;
    case HttpParseStatus::MalformedChunkedBody:
        return u"malformed-chunked-body"_s;
    case HttpParseStatus::Truncated:
        return u"truncated"_s;
    case HttpParseStatus::NoResponse:
        return u"no-response"_s;
    }
    return u"unknown"_s;
}

HttpResponseParser::HttpResponseParser(const HttpLimits& limits)
    : m_limits(limits)
{}

void HttpResponseParser::reset()
{
    *this = HttpResponseParser(m_limits);
}

QByteArray HttpResponseParser::takeLeftover()
{
    if (m_stage != Stage::Done)
        return {};
    QByteArray leftover = m_buffer.mid(m_position);
    m_buffer.clear();
    m_position = 0;
    return leftover;
}

bool HttpResponseParser::fail(HttpParseStatus status, const QString& message)
{
    m_status = status;
    m_errorMessage = message;
    return false;
}

HttpParseStatus HttpResponseParser::feed(QByteArrayView bytes)
{
    if (m_status != HttpParseStatus::NeedMore)
        return m_status;
    if (!bytes.isEmpty())
        m_receivedAnything = true;
    m_buffer.append(bytes);
    while (step()) {
    }
    if (m_position > 0 && m_stage != Stage::Done) {
        m_buffer.remove(0, m_position);
        m_position = 0;
    }
    return m_status;
}

HttpParseStatus HttpResponseParser::finish()
{
    if (m_status != HttpParseStatus::NeedMore)
        return m_status;
    if (m_stage == Stage::BodyUntilClose) {
        m_stage = Stage::Done;
        m_status = HttpParseStatus::Complete;
        return m_status;
    }
    if (!m_receivedAnything) {
        fail(HttpParseStatus::NoResponse, u"the connection closed before any response byte"_s);
        return m_status;
    }
    fail(HttpParseStatus::Truncated, u"the connection closed in the middle of the response"_s);
    return m_status;
}

bool HttpResponseParser::takeLine(QByteArray& line)
{
    const qsizetype lineEnd = m_buffer.indexOf('\n', m_position);
    if (lineEnd < 0) {
        if (m_headerBytes + (m_buffer.size() - m_position) > m_limits.maxHeaderBytes) {
            return fail(HttpParseStatus::HeaderTooLarge,
                        u"the response header exceeds %1 bytes"_s.arg(m_limits.maxHeaderBytes));
        }
        return false;
    }
    const qsizetype consumed = lineEnd + 1 - m_position;
    m_headerBytes += consumed;
    if (m_headerBytes > m_limits.maxHeaderBytes) {
        return fail(HttpParseStatus::HeaderTooLarge,
                    u"the response header exceeds %1 bytes"_s.arg(m_limits.maxHeaderBytes));
    }
    line = m_buffer.sliced(m_position, lineEnd - m_position);
    if (line.endsWith('\r'))
        line.chop(1);
    m_position = lineEnd + 1;
    return true;
}

bool HttpResponseParser::parseStatusLine(const QByteArray& line)
{
    // "HTTP/1.1 200 OK"; the reason phrase may be empty or missing.
    const auto malformed = [&] {
        return fail(HttpParseStatus::MalformedStatusLine,
                    u"not an HTTP status line: \"%1\""_s.arg(QString::fromLatin1(line.left(80))));
    };
    if (!line.startsWith("HTTP/"))
        return malformed();
    const qsizetype firstSpace = line.indexOf(' ');
    if (firstSpace < 0)
        return malformed();
    const QByteArray version = line.left(firstSpace);
    const QByteArray rest = line.mid(firstSpace + 1);
    const QByteArray code = rest.left(3);
    if (code.size() != 3 || (rest.size() > 3 && rest.at(3) != ' '))
        return malformed();
    for (const char digit : code) {
        if (digit < '0' || digit > '9')
            return malformed();
    }
    m_response.statusLine = line;
    m_response.httpVersion = version;
    m_response.statusCode = code.toInt();
    m_response.reasonPhrase = rest.mid(4);
    return true;
}

bool HttpResponseParser::parseHeaderLine(const QByteArray& line)
{
    if ((line.startsWith(' ') || line.startsWith('\t')) && !m_response.headers.isEmpty()) {
        // Obsolete line folding: a continuation of the previous value.
        QByteArray& value = m_response.headers.last().second;
        value += ' ' + line.trimmed();
        return true;
    }
    const qsizetype colon = line.indexOf(':');
    const QByteArray name = colon > 0 ? line.left(colon) : QByteArray();
    if (name.isEmpty() || name.contains(' ') || name.contains('\t')) {
        return fail(HttpParseStatus::MalformedHeader,
                    u"not an HTTP header line: \"%1\""_s.arg(QString::fromLatin1(line.left(80))));
    }
    m_response.headers.append({name, line.mid(colon + 1).trimmed()});
    return true;
}

bool HttpResponseParser::startBody()
{
    const int code = m_response.statusCode;
    if (code >= 100 && code < 200 && code != 101) {
        // An interim response (100 Continue): the real one follows.
        m_response = HttpResponse();
        m_stage = Stage::StatusLine;
        m_headerBytes = 0;
        return true;
    }
    if (code == 204 || code == 304 || code == 101) {
        m_stage = Stage::Done;
        m_status = HttpParseStatus::Complete;
        return false;
    }

    const QByteArray transferEncoding = m_response.header("Transfer-Encoding").toLower();
    if (!transferEncoding.isEmpty()) {
        m_stage = transferEncoding.trimmed().endsWith("chunked") ? Stage::ChunkSize : Stage::BodyUntilClose;
        return true;
    }

    QByteArray announcedLength;
    for (const auto& [name, value] : std::as_const(m_response.headers)) {
        if (name.compare("Content-Length", Qt::CaseInsensitive) != 0)
            continue;
        if (!announcedLength.isNull() && announcedLength != value) {
            return fail(HttpParseStatus::MalformedHeader, u"conflicting Content-Length headers"_s);
        }
        announcedLength = value;
    }
    if (announcedLength.isNull()) {
        m_stage = Stage::BodyUntilClose;
        return true;
    }
    bool valid = !announcedLength.isEmpty() && announcedLength.size() <= 18;
    for (const char digit : std::as_const(announcedLength))
        valid = valid && digit >= '0' && digit <= '9';
    if (!valid) {
        return fail(HttpParseStatus::MalformedHeader, u"Content-Length \"%1\" is not a number"_s.arg(
                                                          QString::fromLatin1(announcedLength.left(40))));
    }
    const qsizetype length = announcedLength.toLongLong();
    if (length > m_limits.maxBodyBytes) {
        return fail(HttpParseStatus::BodyTooLarge,
                    u"a %1-byte body exceeds the %2-byte limit"_s.arg(length).arg(m_limits.maxBodyBytes));
    }
    m_bodyLeft = length;
    m_stage = Stage::FixedBody;
    if (length == 0) {
        m_stage = Stage::Done;
        m_status = HttpParseStatus::Complete;
        return false;
    }
    return true;
}

bool HttpResponseParser::step()
{
    const qsizetype available = m_buffer.size() - m_position;
    QByteArray line;
    switch (m_stage) {
    case Stage::StatusLine:
        if (!takeLine(line))
            return false;
        if (line.isEmpty() && m_response.statusLine.isEmpty() && m_headerBytes <= 2)
            return true; // a stray CRLF before the status line is tolerated
        if (!parseStatusLine(line))
            return false;
        m_stage = Stage::Headers;
        return true;
    case Stage::Headers:
        if (!takeLine(line))
            return false;
        if (line.isEmpty())
            return startBody();
        return parseHeaderLine(line);
    case Stage::FixedBody:
    case Stage::ChunkData: {
        if (available == 0)
            return false;
        const qsizetype take = qMin(available, m_bodyLeft);
        m_response.body.append(m_buffer.constData() + m_position, take);
        m_position += take;
        m_bodyLeft -= take;
        if (m_bodyLeft > 0)
            return false;
        if (m_stage == Stage::ChunkData) {
            m_stage = Stage::ChunkDataEnd;
            return true;
        }
        m_stage = Stage::Done;
        m_status = HttpParseStatus::Complete;
        return false;
    }
    case Stage::ChunkSize: {
        constexpr qsizetype maxChunkSizeLine = 256;
        const qsizetype lineEnd = m_buffer.indexOf('\n', m_position);
        if (lineEnd < 0 || lineEnd - m_position > maxChunkSizeLine) {
            if (available > maxChunkSizeLine)
                return fail(HttpParseStatus::MalformedChunkedBody, u"chunk size line too long"_s);
            return false;
        }
        line = m_buffer.sliced(m_position, lineEnd - m_position);
        m_position = lineEnd + 1;
        const qsizetype extension = line.indexOf(';');
        const QByteArray digits = (extension >= 0 ? line.left(extension) : line).trimmed();
        bool valid = !digits.isEmpty() && digits.size() <= 15;
        for (const char digit : digits)
            valid = valid && std::isxdigit(static_cast<unsigned char>(digit));
        if (!valid) {
            return fail(HttpParseStatus::MalformedChunkedBody,
                        u"\"%1\" is not a chunk size"_s.arg(QString::fromLatin1(line.left(40))));
        }
        const qsizetype chunkSize = digits.toLongLong(nullptr, 16);
        if (m_response.body.size() + chunkSize > m_limits.maxBodyBytes) {
            return fail(HttpParseStatus::BodyTooLarge,
                        u"the chunked body grows beyond the %1-byte limit"_s.arg(m_limits.maxBodyBytes));
        }
        if (chunkSize == 0) {
            m_stage = Stage::Trailers;
            return true;
        }
        m_bodyLeft = chunkSize;
        m_stage = Stage::ChunkData;
        return true;
    }
    case Stage::ChunkDataEnd: {
        if (available < 1)
            return false;
        if (m_buffer.at(m_position) == '\n') {
            m_position += 1;
        } else if (m_buffer.at(m_position) == '\r') {
            if (available < 2)
                return false;
            if (m_buffer.at(m_position + 1) != '\n')
                return fail(HttpParseStatus::MalformedChunkedBody, u"chunk data is not followed by CRLF"_s);
            m_position += 2;
        } else {
            return fail(HttpParseStatus::MalformedChunkedBody,
                        u"chunk data is longer than its announced size"_s);
        }
        m_stage = Stage::ChunkSize;
        return true;
    }
    case Stage::Trailers:
        if (!takeLine(line))
            return false;
        if (line.isEmpty()) {
            m_stage = Stage::Done;
            m_status = HttpParseStatus::Complete;
            return false;
        }
        return true; // trailer fields carry nothing RTMPT needs
    case Stage::BodyUntilClose: {
        if (available == 0)
            return false;
        if (m_response.body.size() + available > m_limits.maxBodyBytes) {
            return fail(HttpParseStatus::BodyTooLarge,
                        u"the body grows beyond the %1-byte limit"_s.arg(m_limits.maxBodyBytes));
        }
        m_response.body.append(m_buffer.constData() + m_position, available);
        m_position += available;
        return false;
    }
    case Stage::Done:
        return false;
    }
    return false;
}

// ---------------------------------------------------------------------------------------

QString replyStatusName(ReplyStatus status)
{
    switch (status) {
    case ReplyStatus::Ok:
        return u"ok"_s;
    case ReplyStatus::IdentNotFound:
        return u"ident-not-found"_s;
    case ReplyStatus::UnknownSession:
        return u"unknown-session"_s;
    case ReplyStatus::HttpError:
        return u"http-error"_s;
    case ReplyStatus::NotRtmpt:
        return u"not-rtmpt"_s;
    case ReplyStatus::InvalidSessionId:
        return u"invalid-session-id"_s;
    case ReplyStatus::EmptyBody:
        return u"empty-body"_s;
    }
    return u"unknown"_s;
}

namespace {

QByteArray mediaType(const HttpResponse& response)
{
    QByteArray type = response.header("Content-Type");
    const qsizetype parameters = type.indexOf(';');
    if (parameters >= 0)
        type.truncate(parameters);
    return type.trimmed().toLower();
}

bool looksLikeMarkup(const QByteArray& body)
{
    const QByteArray start = body.left(512).trimmed().toLower();
    return start.startsWith('<') || start.contains("<html") || start.contains("<!doctype");
}

QString statusText(const HttpResponse& response)
{
    return QString::fromLatin1(response.statusLine.left(120));
}

} // namespace

Reply interpretReply(Command command, const HttpResponse& response)
{
    Reply reply;
    reply.httpStatusCode = response.statusCode;
    const int code = response.statusCode;
    const bool success = code >= 200 && code < 300;

    if (command == Command::Ident2 && code == 404) {
        reply.status = ReplyStatus::IdentNotFound;
        reply.message = u"the server has no /fcs/ident2 (normal for RTMPT servers)"_s;
        return reply;
    }
    if (code == 400 && response.body.toLower().contains("unknown client session")) {
        reply.status = ReplyStatus::UnknownSession;
        reply.message = u"the server does not know this RTMPT session (%1)"_s.arg(statusText(response));
        return reply;
    }
    if (!success) {
        reply.status = ReplyStatus::HttpError;
        reply.message = u"the server answered the RTMPT %1 request with \"%2\""_s.arg(commandName(command),
                                                                                      statusText(response));
        return reply;
    }

    const QByteArray type = mediaType(response);
    const bool typeAllowed = type.isEmpty() || type == ContentType;
    if (!typeAllowed || (type.isEmpty() && looksLikeMarkup(response.body))) {
        reply.status = ReplyStatus::NotRtmpt;
        reply.message =
            type.isEmpty()
                ? u"the answer to the RTMPT %1 request is a web page, not RTMPT"_s.arg(commandName(command))
                : u"the answer to the RTMPT %1 request has Content-Type %2, not %3: a web server, not RTMPT"_s
                      .arg(commandName(command), QString::fromLatin1(type.left(80)),
                           QString::fromLatin1(ContentType.toByteArray()));
        return reply;
    }

    switch (command) {
    case Command::Ident2:
        reply.payload = response.body;
        return reply;
    case Command::Open: {
        QByteArray body = response.body;
        const bool terminated = body.endsWith('\n');
        if (terminated)
            body.chop(1);
        if (body.endsWith('\r'))
            body.chop(1);
        if (!terminated || !isValidSessionId(body)) {
            reply.status = ReplyStatus::InvalidSessionId;
            reply.message =
                u"the answer to /open/1 is not a session id (%1 bytes)"_s.arg(response.body.size());
            return reply;
        }
        reply.sessionId = body;
        return reply;
    }
    case Command::Send:
    case Command::Idle:
    case Command::Close:
        if (response.body.isEmpty()) {
            reply.status = ReplyStatus::EmptyBody;
            reply.message = u"the answer to the RTMPT %1 request lacks the polling-delay byte"_s.arg(
                commandName(command));
            return reply;
        }
        reply.pollingDelay = quint8(response.body.at(0));
        reply.payload = response.body.mid(1);
        return reply;
    }
    return reply;
}

} // namespace rd::rtmpt
