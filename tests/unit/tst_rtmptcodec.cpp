// RTMPT: request building, the incremental HTTP response parser, reply interpretation.
#include "rtmp/rtmpt.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace rd;
using rtmpt::Command;
using rtmpt::HttpParseStatus;
using rtmpt::ReplyStatus;

Q_DECLARE_METATYPE(rd::rtmpt::Command)
Q_DECLARE_METATYPE(rd::rtmpt::Endpoint)
Q_DECLARE_METATYPE(rd::rtmpt::HttpParseStatus)
Q_DECLARE_METATYPE(rd::rtmpt::ReplyStatus)

namespace {

rtmpt::Endpoint endpoint(const QString& host, quint16 port, bool tls = false, bool viaProxy = false)
{
    rtmpt::Endpoint result;
    result.host = host;
    result.port = port;
    result.tls = tls;
    result.viaProxy = viaProxy;
    return result;
}

QByteArray fixedHeaders(const QByteArray& host, int length)
{
    return "Host: " + host +
           "\r\nUser-Agent: Shockwave Flash\r\nContent-Type: application/x-fcs\r\n"
           "Content-Length: " +
           QByteArray::number(length) +
           "\r\nConnection: Keep-Alive\r\n"
           "Cache-Control: no-cache\r\n\r\n";
}

rtmpt::HttpResponse parseWhole(const QByteArray& bytes)
{
    rtmpt::HttpResponseParser parser;
    parser.feed(bytes);
    if (parser.status() == HttpParseStatus::NeedMore)
        parser.finish();
    if (parser.status() != HttpParseStatus::Complete)
        qWarning("parse failed: %s", qPrintable(parser.errorMessage()));
    return parser.response();
}

} // namespace

class TestRtmptCodec : public QObject
{
    Q_OBJECT

private slots:
    void buildsRequests_data();
    void buildsRequests();
    void refusesUnsafeRequests_data();
    void refusesUnsafeRequests();
    void parsesResponses_data();
    void parsesResponses();
    void refusesOversizeHeaderWithoutBufferingIt();
    void refusesOversizeBodyBeforeItArrives();
    void splitsPipelinedResponses();
    void keepAliveFollowsVersionAndHeader_data();
    void keepAliveFollowsVersionAndHeader();
    void interpretsReplies_data();
    void interpretsReplies();
};

void TestRtmptCodec::buildsRequests_data()
{
    QTest::addColumn<rtmpt::Endpoint>("target");
    QTest::addColumn<Command>("command");
    QTest::addColumn<QByteArray>("sessionId");
    QTest::addColumn<quint64>("sequence");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("request");

    const QByteArray zero(1, '\0');
    QTest::newRow("ident2") << endpoint(u"ingest.example"_s, 80) << Command::Ident2 << QByteArray()
                            << quint64(0) << QByteArray()
                            << "POST /fcs/ident2 HTTP/1.1\r\n"_ba + fixedHeaders("ingest.example", 1) + zero;
    QTest::newRow("open on port 8080")
        << endpoint(u"ingest.example"_s, 8080) << Command::Open << QByteArray() << quint64(0) << QByteArray()
        << "POST /open/1 HTTP/1.1\r\n"_ba + fixedHeaders("ingest.example:8080", 1) + zero;
    QTest::newRow("send C0+C1") << endpoint(u"10.0.0.5"_s, 80) << Command::Send << "Xk3pQ9"_ba << quint64(0)
                                << "\x03rtmp"_ba
                                << "POST /send/Xk3pQ9/0 HTTP/1.1\r\n"_ba + fixedHeaders("10.0.0.5", 5) +
                                       "\x03rtmp";
    QTest::newRow("idle") << endpoint(u"h"_s, 80) << Command::Idle << "42"_ba << quint64(17) << QByteArray()
                          << "POST /idle/42/17 HTTP/1.1\r\n"_ba + fixedHeaders("h", 1) + zero;
    QTest::newRow("close") << endpoint(u"h"_s, 80) << Command::Close << "42"_ba << quint64(18) << QByteArray()
                           << "POST /close/42/18 HTTP/1.1\r\n"_ba + fixedHeaders("h", 1) + zero;
    QTest::newRow("through a proxy") << endpoint(u"ingest.example"_s, 8080, false, true) << Command::Open
                                     << QByteArray() << quint64(0) << QByteArray()
                                     << "POST http://ingest.example:8080/open/1 HTTP/1.1\r\n"_ba +
                                            fixedHeaders("ingest.example:8080", 1) + zero;
    QTest::newRow("rtmpts through a proxy, default port")
        << endpoint(u"ingest.example"_s, 443, true, true) << Command::Idle << "a1"_ba << quint64(3)
        << QByteArray()
        << "POST https://ingest.example/idle/a1/3 HTTP/1.1\r\n"_ba + fixedHeaders("ingest.example", 1) + zero;
    QTest::newRow("IPv6 literal") << endpoint(u"::1"_s, 80) << Command::Open << QByteArray() << quint64(0)
                                  << QByteArray()
                                  << "POST /open/1 HTTP/1.1\r\n"_ba + fixedHeaders("[::1]", 1) + zero;
    QTest::newRow("IPv6 literal with port through a proxy")
        << endpoint(u"::1"_s, 1935, false, true) << Command::Open << QByteArray() << quint64(0)
        << QByteArray()
        << "POST http://[::1]:1935/open/1 HTTP/1.1\r\n"_ba + fixedHeaders("[::1]:1935", 1) + zero;
}

void TestRtmptCodec::buildsRequests()
{
    QFETCH(rtmpt::Endpoint, target);
    QFETCH(Command, command);
    QFETCH(QByteArray, sessionId);
    QFETCH(quint64, sequence);
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, request);

    QCOMPARE(rtmpt::buildRequest(target, command, sessionId, sequence, body), request);
}

void TestRtmptCodec::refusesUnsafeRequests_data()
{
    QTest::addColumn<rtmpt::Endpoint>("target");
    QTest::addColumn<Command>("command");
    QTest::addColumn<QByteArray>("sessionId");

    QTest::newRow("session id with a path") << endpoint(u"h"_s, 80) << Command::Send << "ab/../x"_ba;
    QTest::newRow("session id with CRLF") << endpoint(u"h"_s, 80) << Command::Idle << "ab\r\nX-Evil: 1"_ba;
    QTest::newRow("HTML as session id") << endpoint(u"h"_s, 80) << Command::Idle << "<html>"_ba;
    QTest::newRow("empty session id") << endpoint(u"h"_s, 80) << Command::Close << QByteArray();
    QTest::newRow("overlong session id") << endpoint(u"h"_s, 80) << Command::Send << QByteArray(129, 'a');
    QTest::newRow("host with CRLF") << endpoint(u"h\r\nX: y"_s, 80) << Command::Open << QByteArray();
    QTest::newRow("host with a path") << endpoint(u"h/x"_s, 80) << Command::Open << QByteArray();
    QTest::newRow("empty host") << endpoint(QString(), 80) << Command::Open << QByteArray();
    rtmpt::Endpoint agent = endpoint(u"h"_s, 80);
    agent.userAgent = "x\r\nHost: evil";
    QTest::newRow("user agent with CRLF") << agent << Command::Open << QByteArray();
}

void TestRtmptCodec::refusesUnsafeRequests()
{
    QFETCH(rtmpt::Endpoint, target);
    QFETCH(Command, command);
    QFETCH(QByteArray, sessionId);

    QVERIFY(rtmpt::buildRequest(target, command, sessionId, 1, "x"_ba).isEmpty());
}

void TestRtmptCodec::parsesResponses_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<bool>("endOfStream");
    QTest::addColumn<HttpParseStatus>("status");
    QTest::addColumn<int>("statusCode");
    QTest::addColumn<QByteArray>("body");

    QTest::newRow("content length") << "HTTP/1.1 200 OK\r\nContent-Type: application/x-fcs\r\n"
                                       "Content-Length: 7\r\n\r\nabc123\n"_ba
                                    << false << HttpParseStatus::Complete << 200 << "abc123\n"_ba;
    QTest::newRow("chunked with extension and trailer")
        << "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4;ext=1\r\n\x01\x02\x03\x04\r\n"
           "A\r\n0123456789\r\n0\r\nX-Trailer: 1\r\n\r\n"_ba
        << false << HttpParseStatus::Complete << 200
        << "\x01\x02\x03\x04"
           "0123456789"_ba;
    QTest::newRow("chunked, upper-case hex and LF only")
        << "HTTP/1.1 200 OK\nTransfer-Encoding: Chunked\n\n1F\n"_ba + QByteArray(31, 'z') + "\n0\n\n"_ba
        << false << HttpParseStatus::Complete << 200 << QByteArray(31, 'z');
    QTest::newRow("body until close") << "HTTP/1.0 200 OK\r\nContent-Type: text/html\r\n\r\n<html>"_ba << true
                                      << HttpParseStatus::Complete << 200 << "<html>"_ba;
    QTest::newRow("100 continue first") << "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 404 Not Found\r\n"
                                           "Content-Length: 2\r\n\r\nno"_ba
                                        << false << HttpParseStatus::Complete << 404 << "no"_ba;
    QTest::newRow("204 has no body") << "HTTP/1.1 204 No Content\r\n\r\n"_ba << false
                                     << HttpParseStatus::Complete << 204 << QByteArray();
    QTest::newRow("status line without reason") << "HTTP/1.1 404\r\nContent-Length: 0\r\n\r\n"_ba << false
                                                << HttpParseStatus::Complete << 404 << QByteArray();
    QTest::newRow("folded header") << "HTTP/1.1 200 OK\r\nX-A: one\r\n two\r\nContent-Length: 1\r\n\r\nq"_ba
                                   << false << HttpParseStatus::Complete << 200 << "q"_ba;
    QTest::newRow("cut inside the body") << "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n12345"_ba << true
                                         << HttpParseStatus::Truncated << 200 << "12345"_ba;
    QTest::newRow("cut inside the header")
        << "HTTP/1.1 200 OK\r\nContent-Le"_ba << true << HttpParseStatus::Truncated << 200 << QByteArray();
    QTest::newRow("closed before any byte")
        << QByteArray() << true << HttpParseStatus::NoResponse << 0 << QByteArray();
    QTest::newRow("not HTTP") << "SSH-2.0-OpenSSH_9.2\r\n"_ba << false << HttpParseStatus::MalformedStatusLine
                              << 0 << QByteArray();
    QTest::newRow("status code not numeric")
        << "HTTP/1.1 2x0 OK\r\n"_ba << false << HttpParseStatus::MalformedStatusLine << 0 << QByteArray();
    QTest::newRow("header without colon") << "HTTP/1.1 200 OK\r\nnonsense\r\n\r\n"_ba << false
                                          << HttpParseStatus::MalformedHeader << 200 << QByteArray();
    QTest::newRow("conflicting lengths")
        << "HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n"_ba << false
        << HttpParseStatus::MalformedHeader << 200 << QByteArray();
    QTest::newRow("negative length") << "HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n"_ba << false
                                     << HttpParseStatus::MalformedHeader << 200 << QByteArray();
    QTest::newRow("bad chunk size") << "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n"_ba
                                    << false << HttpParseStatus::MalformedChunkedBody << 200 << QByteArray();
    QTest::newRow("chunk longer than announced")
        << "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabc\r\n"_ba << false
        << HttpParseStatus::MalformedChunkedBody << 200 << "ab"_ba;
    QTest::newRow("chunk of 4 GB") << "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nffffffff\r\nab"_ba
                                   << false << HttpParseStatus::BodyTooLarge << 200 << QByteArray();
}

void TestRtmptCodec::parsesResponses()
{
    QFETCH(QByteArray, bytes);
    QFETCH(bool, endOfStream);
    QFETCH(HttpParseStatus, status);
    QFETCH(int, statusCode);
    QFETCH(QByteArray, body);

    rtmpt::HttpResponseParser whole;
    whole.feed(bytes);
    if (endOfStream) {
        QCOMPARE(whole.status(), HttpParseStatus::NeedMore);
        whole.finish();
    }
    QCOMPARE(whole.status(), status);
    QCOMPARE(whole.response().statusCode, statusCode);
    QCOMPARE(whole.response().body, body);
    QCOMPARE(whole.errorMessage().isEmpty(), status == HttpParseStatus::Complete);

    rtmpt::HttpResponseParser trickle;
    for (qsizetype i = 0; i < bytes.size(); ++i)
        trickle.feed(QByteArrayView(bytes).sliced(i, 1));
    if (endOfStream)
        trickle.finish();
    QCOMPARE(trickle.status(), status);
    QCOMPARE(trickle.response().statusCode, statusCode);
    QCOMPARE(trickle.response().body, body);
    QCOMPARE(trickle.response().headers, whole.response().headers);
}

void TestRtmptCodec::refusesOversizeHeaderWithoutBufferingIt()
{
    rtmpt::HttpResponseParser parser;
    QCOMPARE(parser.feed("HTTP/1.1 200 OK\r\nX-Padding: "_ba), HttpParseStatus::NeedMore);
    QCOMPARE(parser.feed(QByteArray(8 * 1024, 'p')), HttpParseStatus::NeedMore);
    QCOMPARE(parser.feed(QByteArray(8 * 1024, 'p')), HttpParseStatus::HeaderTooLarge);
    QVERIFY(parser.errorMessage().contains(u"16384"_s));
    // Later input is ignored; the error stays.
    QCOMPARE(parser.feed(QByteArray(64 * 1024, 'p')), HttpParseStatus::HeaderTooLarge);
    QVERIFY(parser.bufferedBytes() <= 17 * 1024);

    // Many short header lines count as much as one long one.
    rtmpt::HttpLimits limits;
    limits.maxHeaderBytes = 200;
    rtmpt::HttpResponseParser small(limits);
    QByteArray many = "HTTP/1.1 200 OK\r\n"_ba;
    for (int i = 0; i < 30; ++i)
        many += "X-" + QByteArray::number(i) + ": v\r\n";
    many += "\r\n"; // complete, but too long all the same
    QCOMPARE(small.feed(many), HttpParseStatus::HeaderTooLarge);
}

void TestRtmptCodec::refusesOversizeBodyBeforeItArrives()
{
    rtmpt::HttpLimits limits;
    limits.maxBodyBytes = 1000;
    rtmpt::HttpResponseParser announced(limits);
    QCOMPARE(announced.feed("HTTP/1.1 200 OK\r\nContent-Length: 16777216\r\n\r\n"_ba),
             HttpParseStatus::BodyTooLarge);
    QCOMPARE(announced.response().body.size(), 0);

    rtmpt::HttpResponseParser untilClose(limits);
    QCOMPARE(untilClose.feed("HTTP/1.0 200 OK\r\n\r\n"_ba + QByteArray(1000, 'b')),
             HttpParseStatus::NeedMore);
    QCOMPARE(untilClose.feed("b"_ba), HttpParseStatus::BodyTooLarge);

    rtmpt::HttpResponseParser chunked(limits);
    QCOMPARE(chunked.feed("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n200\r\n"_ba +
                          QByteArray(512, 'c') + "\r\n201\r\n"_ba),
             HttpParseStatus::BodyTooLarge);
    QCOMPARE(chunked.response().body.size(), 512);
}

void TestRtmptCodec::splitsPipelinedResponses()
{
    const QByteArray first = "HTTP/1.1 200 OK\r\nContent-Type: application/x-fcs\r\nContent-Length: 3\r\n\r\n"
                             "\x00\x05\x06"_ba;
    const QByteArray second = "HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\n\x02"_ba;
    rtmpt::HttpResponseParser parser;
    QCOMPARE(parser.feed(first + second.left(10)), HttpParseStatus::Complete);
    QCOMPARE(parser.response().body, "\x00\x05\x06"_ba);
    QCOMPARE(parser.feed(second.mid(10)), HttpParseStatus::Complete); // ignored until reset
    const QByteArray leftover = parser.takeLeftover();
    QCOMPARE(leftover, second.left(10));

    parser.reset();
    QCOMPARE(parser.feed(leftover), HttpParseStatus::NeedMore);
    QCOMPARE(parser.feed(second.mid(10)), HttpParseStatus::Complete);
    QCOMPARE(parser.response().body, "\x02"_ba);
    QVERIFY(parser.takeLeftover().isEmpty());
}

void TestRtmptCodec::keepAliveFollowsVersionAndHeader_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<bool>("keepAlive");

    QTest::newRow("1.1 default") << "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"_ba << true;
    QTest::newRow("1.1 close") << "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 0\r\n\r\n"_ba
                               << false;
    QTest::newRow("1.0 default") << "HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n"_ba << false;
    QTest::newRow("1.0 keep-alive (Red5)")
        << "HTTP/1.0 200 OK\r\nConnection: Keep-Alive\r\nContent-Length: 0\r\n\r\n"_ba << true;
}

void TestRtmptCodec::keepAliveFollowsVersionAndHeader()
{
    QFETCH(QByteArray, bytes);
    QFETCH(bool, keepAlive);
    QCOMPARE(parseWhole(bytes).keepAlive(), keepAlive);
}

void TestRtmptCodec::interpretsReplies_data()
{
    QTest::addColumn<Command>("command");
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<ReplyStatus>("status");
    QTest::addColumn<QByteArray>("sessionId");
    QTest::addColumn<int>("pollingDelay");
    QTest::addColumn<QByteArray>("payload");

    const QByteArray fcs = "Content-Type: application/x-fcs\r\n"_ba;
    const auto ok = [](const QByteArray& headers, const QByteArray& body) {
        return "HTTP/1.1 200 OK\r\n" + headers + "Content-Length: " + QByteArray::number(body.size()) +
               "\r\n\r\n" + body;
    };

    QTest::newRow("open with session id")
        << Command::Open << ok(fcs, "Xk3pQ9\n") << ReplyStatus::Ok << "Xk3pQ9"_ba << 0 << QByteArray();
    QTest::newRow("open without content type")
        << Command::Open << ok({}, "1234\r\n") << ReplyStatus::Ok << "1234"_ba << 0 << QByteArray();
    QTest::newRow("open with charset parameter")
        << Command::Open << ok("Content-Type: Application/X-FCS; charset=binary\r\n", "ab1\n")
        << ReplyStatus::Ok << "ab1"_ba << 0 << QByteArray();
    const QByteArray page = "<!DOCTYPE html>\n<html><head><title>Welcome to nginx!</title></head></html>\n";
    QTest::newRow("open answered by a web page")
        << Command::Open << ok("Content-Type: text/html\r\n", page) << ReplyStatus::NotRtmpt << QByteArray()
        << 0 << QByteArray();
    QTest::newRow("open answered by a page without type")
        << Command::Open << ok({}, page) << ReplyStatus::NotRtmpt << QByteArray() << 0 << QByteArray();
    QTest::newRow("open id without newline")
        << Command::Open << ok(fcs, "abc") << ReplyStatus::InvalidSessionId << QByteArray() << 0
        << QByteArray();
    QTest::newRow("open id with punctuation")
        << Command::Open << ok(fcs, "a-b\n") << ReplyStatus::InvalidSessionId << QByteArray() << 0
        << QByteArray();
    QTest::newRow("open with empty body")
        << Command::Open << ok(fcs, {}) << ReplyStatus::InvalidSessionId << QByteArray() << 0 << QByteArray();
    QTest::newRow("open not found") << Command::Open
                                    << "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n"_ba
                                    << ReplyStatus::HttpError << QByteArray() << 0 << QByteArray();
    QTest::newRow("ident2 not found (normal)")
        << Command::Ident2 << "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n"_ba
        << ReplyStatus::IdentNotFound << QByteArray() << 0 << QByteArray();
    QTest::newRow("ident2 answered") << Command::Ident2 << ok(fcs, "ident") << ReplyStatus::Ok << QByteArray()
                                     << 0 << "ident"_ba;
    QTest::newRow("send with server bytes") << Command::Send << ok(fcs, "\x01\x03\x00\x00"_ba)
                                            << ReplyStatus::Ok << QByteArray() << 1 << "\x03\x00\x00"_ba;
    QTest::newRow("idle, nothing pending, slow down")
        << Command::Idle << ok(fcs, "\x20"_ba) << ReplyStatus::Ok << QByteArray() << 32 << QByteArray();
    QTest::newRow("idle without polling byte")
        << Command::Idle << ok(fcs, {}) << ReplyStatus::EmptyBody << QByteArray() << 0 << QByteArray();
    QTest::newRow("close") << Command::Close << ok(fcs, "\x00"_ba) << ReplyStatus::Ok << QByteArray() << 0
                           << QByteArray();
    QTest::newRow("send answered by a web page")
        << Command::Send << ok("Content-Type: text/html\r\n", page) << ReplyStatus::NotRtmpt << QByteArray()
        << 0 << QByteArray();
    const auto badRequest = [](const QByteArray& headers, const QByteArray& body) {
        return "HTTP/1.1 400 Bad Request\r\n" + headers +
               "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
    };
    QTest::newRow("Red5 unknown session")
        << Command::Idle << badRequest(fcs, "\x02\x00\x08onStatus...Idle: unknown client session: 77\x00"_ba)
        << ReplyStatus::UnknownSession << QByteArray() << 0 << QByteArray();
    QTest::newRow("Red5 bad request")
        << Command::Send << badRequest({}, "Bad request, only RTMPT supported."_ba) << ReplyStatus::HttpError
        << QByteArray() << 0 << QByteArray();
    QTest::newRow("server error") << Command::Send << "HTTP/1.1 500 Internal Server Error\r\n\r\n"_ba
                                  << ReplyStatus::HttpError << QByteArray() << 0 << QByteArray();
}

void TestRtmptCodec::interpretsReplies()
{
    QFETCH(Command, command);
    QFETCH(QByteArray, bytes);
    QFETCH(ReplyStatus, status);
    QFETCH(QByteArray, sessionId);
    QFETCH(int, pollingDelay);
    QFETCH(QByteArray, payload);

    const rtmpt::HttpResponse response = parseWhole(bytes);
    const rtmpt::Reply reply = rtmpt::interpretReply(command, response);
    QCOMPARE(reply.status, status);
    QCOMPARE(reply.httpStatusCode, response.statusCode);
    QCOMPARE(reply.sessionId, sessionId);
    QCOMPARE(int(reply.pollingDelay), pollingDelay);
    QCOMPARE(reply.payload, payload);
    QCOMPARE(reply.message.isEmpty(), status == ReplyStatus::Ok);
}

QTEST_GUILESS_MAIN(TestRtmptCodec)
#include "tst_rtmptcodec.moc"
