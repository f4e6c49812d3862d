// RTMPT: rd::rtmpt::HttpResponseParser fed in pieces and at once (several responses on one
// keep-alive connection), interpretReply() for every command, and buildRequest() with a host,
// user agent and session id taken from the input. Invariants: the split never changes a parsed
// response, the body never exceeds its limit, an accepted session id is valid, and a built request
// has exactly one header end followed by exactly its body (no header injection).
#include "fuzzsupport.h"
#include "rtmp/rtmpt.h"

using namespace rd::rtmpt;

namespace {

constexpr Command AllCommands[] = {Command::Ident2, Command::Open, Command::Send, Command::Idle,
                                   Command::Close};

struct Parsed
{
    HttpParseStatus status = HttpParseStatus::NeedMore;
    HttpResponse response;
    QByteArray leftover;
};

Parsed parse(QByteArrayView bytes, qsizetype pieceSize, const HttpLimits& limits, bool finishAtEnd)
{
    HttpResponseParser parser(limits);
    Parsed parsed;
    for (qsizetype position = 0; position < bytes.size(); position += pieceSize) {
        parsed.status = parser.feed(bytes.sliced(position, qMin(pieceSize, bytes.size() - position)));
        FUZZ_CHECK(parser.response().body.size() <= limits.maxBodyBytes, "body within its limit");
        if (parsed.status != HttpParseStatus::NeedMore)
            break;
    }
    if (finishAtEnd || bytes.isEmpty())
        parsed.status = parser.finish();
    FUZZ_CHECK(parsed.status == parser.status(), "status is remembered");
    if (parsed.status != HttpParseStatus::NeedMore && parsed.status != HttpParseStatus::Complete)
        FUZZ_CHECK(!parser.errorMessage().isEmpty(), "an error says what is wrong");
    parsed.response = parser.response();
    parsed.leftover = parser.takeLeftover();
    if (parsed.status != HttpParseStatus::Complete)
        FUZZ_CHECK(parsed.leftover.isEmpty(), "leftover only after a complete response");
    (void)httpParseStatusName(parsed.status);
    return parsed;
}

bool sameResponse(const HttpResponse& left, const HttpResponse& right)
{
    return left.statusLine == right.statusLine && left.statusCode == right.statusCode &&
           left.httpVersion == right.httpVersion && left.reasonPhrase == right.reasonPhrase &&
           left.headers == right.headers && left.body == right.body;
}

void interpretAll(const HttpResponse& response)
{
    (void)response.keepAlive();
    (void)response.header("Content-Type");
    for (const Command command : AllCommands) {
        const Reply reply = interpretReply(command, response);
        FUZZ_CHECK(reply.httpStatusCode == response.statusCode, "reply keeps the status code");
        if (command == Command::Open && reply.ok())
            FUZZ_CHECK(isValidSessionId(reply.sessionId), "an accepted session id is valid");
        if (!reply.ok())
            FUZZ_CHECK(!reply.message.isEmpty(), "a failed reply says why");
        (void)replyStatusName(reply.status);
    }
}

void checkRequest(rd::fuzz::InputSplitter& input)
{
    Endpoint endpoint;
    const quint8 flags = input.takeByte();
    endpoint.tls = flags & 1;
    endpoint.viaProxy = flags & 2;
    endpoint.keepAlive = flags & 4;
    endpoint.port = input.takeU16();
    endpoint.host = QString::fromUtf8(input.take(input.takeByte() % 64));
    if (flags & 8)
        endpoint.userAgent = input.take(input.takeByte() % 64).toByteArray();
    const QByteArrayView sessionId = input.take(input.takeByte() % 160);
    const QByteArrayView body = input.take(input.takeByte());
    const Command command = AllCommands[(flags >> 4) % 5];
    const quint64 sequence = input.takeU16();

    const QByteArray path = requestPath(command, sessionId, sequence);
    const bool sessionCommand = command != Command::Ident2 && command != Command::Open;
    if (sessionCommand && !isValidSessionId(sessionId))
        FUZZ_CHECK(path.isEmpty(), "no path with an invalid session id");

    const QByteArray request = buildRequest(endpoint, command, sessionId, sequence, body);
    if (request.isEmpty())
        return;
    const qsizetype headerEnd = request.indexOf("\r\n\r\n");
    FUZZ_CHECK(headerEnd > 0, "a request has a header end");
    const QByteArray expectedBody = body.isEmpty() ? QByteArray(1, '\0') : body.toByteArray();
    FUZZ_CHECK(request.sliced(headerEnd + 4) == expectedBody, "exactly the body follows the headers");
    const QByteArray head = request.first(headerEnd + 2);
    for (qsizetype i = 0; i < head.size(); ++i) {
        if (head.at(i) == '\n')
            FUZZ_CHECK(i > 0 && head.at(i - 1) == '\r', "no bare line feed in the headers");
        if (head.at(i) == '\r')
            FUZZ_CHECK(i + 1 < head.size() && head.at(i + 1) == '\n',
                       "no bare carriage return in the headers");
        FUZZ_CHECK(head.at(i) != '\0', "no NUL in the headers");
    }
}

} // namespace

RD_FUZZ_QUIET_INITIALIZE()

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    rd::fuzz::InputSplitter input(data, size);
    const quint8 mode = input.takeByte();
    if (mode & 0x80) {
        checkRequest(input);
        return 0;
    }
    const qsizetype pieceSize = 1 + input.takeByte();
    HttpLimits limits;
    if (mode & 0x40) {
        limits.maxHeaderBytes = 16 + (mode & 0x0F) * 64;
        limits.maxBodyBytes = (mode & 0x30) * 16;
    }
    const bool finishAtEnd = mode & 1;
    const QByteArrayView bytes = input.rest();

    const Parsed whole = parse(bytes, qMax<qsizetype>(1, bytes.size()), limits, finishAtEnd);
    const Parsed split = parse(bytes, pieceSize, limits, finishAtEnd);
    FUZZ_CHECK(whole.status == split.status, "split does not change the status");
    if (whole.status == HttpParseStatus::Complete) {
        FUZZ_CHECK(sameResponse(whole.response, split.response), "split does not change the response");
        FUZZ_CHECK(whole.leftover.startsWith(split.leftover), "leftover of a piece is the start of the rest");
        interpretAll(whole.response);
    }

    // Keep-alive: the responses after the first one, as RTMPT polling reads them.
    QByteArray next = whole.leftover;
    for (int response = 0; response < 3 && whole.status == HttpParseStatus::Complete && !next.isEmpty();
         ++response) {
        const Parsed following = parse(next, next.size(), limits, finishAtEnd);
        if (following.status != HttpParseStatus::Complete)
            break;
        FUZZ_CHECK(following.leftover.size() < next.size(), "every response consumes bytes");
        interpretAll(following.response);
        next = following.leftover;
    }
    return 0;
}
