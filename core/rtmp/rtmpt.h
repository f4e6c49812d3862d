#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>

#include <utility>

// RTMPT: RTMP bytes carried in HTTP POST bodies. Request building, an incremental HTTP/1.x
// response parser and the meaning of each RTMPT reply. No sockets here.
namespace rd::rtmpt {

enum class Command
{
    Ident2, // POST /fcs/ident2 (404 is the normal answer)
    Open,   // POST /open/1 -> session id
    Send,   // POST /send/<id>/<seq> with RTMP bytes
    Idle,   // POST /idle/<id>/<seq> to poll for server bytes
    Close,  // POST /close/<id>/<seq>
};

QString commandName(Command command); // "ident2", "open", "send", "idle", "close"

inline constexpr QByteArrayView ContentType = "application/x-fcs";
inline constexpr qsizetype MaxSessionIdLength = 128;

struct Endpoint
{
    QString host; // name or address; IPv6 without brackets
    quint16 port = 80;
    bool tls = false;      // rtmpts: changes the default port and the absolute-URI scheme
    bool viaProxy = false; // request target in absolute-URI form, for a plain HTTP proxy
    QByteArray userAgent = QByteArrayLiteral("Shockwave Flash");
    bool keepAlive = true;
};

// A non-empty token of [A-Za-z0-9], at most MaxSessionIdLength long.
bool isValidSessionId(QByteArrayView sessionId);

// "/fcs/ident2", "/open/1", "/send/<id>/<seq>", ... Empty when a session command gets an
// invalid session id.
QByteArray requestPath(Command command, QByteArrayView sessionId = {}, quint64 sequence = 0);

// A complete request. An empty body becomes the single 0x00 byte servers expect (Red5
// rejects empty POSTs). Returns an empty array when the session id, host or user agent
// could not be put into a request safely.
QByteArray buildRequest(const Endpoint& endpoint, Command command, QByteArrayView sessionId = {},
                        quint64 sequence = 0, QByteArrayView body = {});

// ---------------------------------------------------------------------------------------

struct HttpResponse
{
    QByteArray statusLine;  // without the line end
    QByteArray httpVersion; // "HTTP/1.1"
    int statusCode = 0;
    QByteArray reasonPhrase;
    QList<std::pair<QByteArray, QByteArray>> headers; // in order, names as sent
    QByteArray body;                                  // de-chunked

    // First header with this name (case-insensitive), or a null QByteArray.
    QByteArray header(QByteArrayView name) const;
    bool hasHeader(QByteArrayView name) const;
    // Whether the server intends to keep the connection (HTTP/1.1 default yes, 1.0 no).
    bool keepAlive() const;
};

enum class HttpParseStatus
{
    NeedMore,
    Complete,
    MalformedStatusLine,
    MalformedHeader,
    HeaderTooLarge,
    BodyTooLarge,
    MalformedChunkedBody,
    Truncated,  // end of stream inside the response
    NoResponse, // end of stream before any byte
};

QString httpParseStatusName(HttpParseStatus status);

struct HttpLimits
{
    qsizetype maxHeaderBytes = 16 * 1024; // status line + headers (+ chunked trailers)
    qsizetype maxBodyBytes = 1024 * 1024;
};

class HttpResponseParser
{
public:
    explicit HttpResponseParser(const HttpLimits& limits = {});

    HttpParseStatus feed(QByteArrayView bytes);
    // End of stream: a body delimited by the close is complete, anything else is truncated.
    HttpParseStatus finish();
    // Forget everything (including leftover) and expect a new response.
    void reset();

    HttpParseStatus status() const { return m_status; }
    QString errorMessage() const { return m_errorMessage; }
    const HttpResponse& response() const { return m_response; }
    // Bytes that arrived after a complete response (the start of the next one).
    QByteArray takeLeftover();
    qsizetype bufferedBytes() const { return m_buffer.size() - m_position + m_response.body.size(); }

private:
    enum class Stage
    {
        StatusLine,
        Headers,
        FixedBody,
        ChunkSize,
        ChunkData,
        ChunkDataEnd,
        Trailers,
        BodyUntilClose,
        Done,
    };

    bool step(); // false when more bytes are needed or parsing stopped
    bool takeLine(QByteArray& line);
    bool parseStatusLine(const QByteArray& line);
    bool parseHeaderLine(const QByteArray& line);
    bool startBody();
    bool fail(HttpParseStatus status, const QString& message);

    HttpLimits m_limits;
    QByteArray m_buffer;
    qsizetype m_position = 0;
    qsizetype m_headerBytes = 0;
    qsizetype m_bodyLeft = 0; // fixed body or current chunk
    bool m_receivedAnything = false;
    Stage m_stage = Stage::StatusLine;
    HttpParseStatus m_status = HttpParseStatus::NeedMore;
    QString m_errorMessage;
    HttpResponse m_response;
};

// ---------------------------------------------------------------------------------------

enum class ReplyStatus
{
    Ok,
    IdentNotFound,    // 404 to /fcs/ident2: what Red5 and most servers say; not a problem
    UnknownSession,   // Red5's 400 "unknown client session": the session id is not (or no longer) known
    HttpError,        // any other non-2xx answer
    NotRtmpt,         // a 2xx whose Content-Type (or HTML body) shows a web server, not RTMPT
    InvalidSessionId, // /open/1 answered, but the body is not "<token>\n"
    EmptyBody,        // send/idle/close without the polling-delay byte
};

QString replyStatusName(ReplyStatus status);

struct Reply
{
    ReplyStatus status = ReplyStatus::Ok;
    int httpStatusCode = 0;
    QByteArray sessionId;    // Open
    quint8 pollingDelay = 0; // Send/Idle/Close: the server's hint for the next idle
    QByteArray payload;      // Send/Idle: RTMP bytes from the server
    QString message;         // English explanation when not Ok

    bool ok() const { return status == ReplyStatus::Ok; }
};

Reply interpretReply(Command command, const HttpResponse& response);

} // namespace rd::rtmpt
