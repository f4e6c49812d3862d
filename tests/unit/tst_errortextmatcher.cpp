#include "builtindata.h"
#include "catalog/catalogs.h"
#include "diagnosis/errortextmatcher.h"
#include "diagnosis/knowledgebase.h"

#include <QTest>

using namespace Qt::StringLiterals;

namespace {

struct KnownText
{
    const char* name;
    QString text;
    QStringList signatures; // every signature reported, in order
};

// Every text of docs/encoder-error-texts.md, as a user would paste it: the dialog's or the log
// line's full wording where the document gives only its start.
QList<KnownText> knownTexts()
{
    const auto one = [](const char* name, const QString& text, const QString& signature) {
        return KnownText{name, text, {signature}};
    };
    return {
        // AVChat 3 (the seed)
        one("avchat connection failed",
            u"Connection failed, media server might be down or firewall might be blocking the connection!"_s,
            u"avchat-connection-failed"_s),
        one("avchat no scope (seed's quotes)",
            u"Connection Rejected:No scope \u201Davchat30/_definst_\u201D on this server"_s,
            u"avchat-no-scope"_s),
        one("avchat no scope (straight quotes)",
            u"Connection Rejected:No scope \"avchat30/_definst_\" on this server"_s, u"avchat-no-scope"_s),
        one("avchat could not be made", u"The connection with the video chat server could not be made"_s,
            u"avchat-no-scope"_s),
        one("avchat not defined",
            u"Connection Rejected: [Server.Reject]: (_defaultRoot_,_defaultVHost_): Application (avchat30) "
            u"is not "
            u"defined"_s,
            u"avchat-app-not-defined"_s),
        one("avchat waiting", u"Connection success, waiting for server\u2026"_s,
            u"avchat-waiting-for-server"_s),

        // Server replies as the connect probe quotes them
        one("red5 no scope", u"No scope 'live' on this server."_s, u"red5-no-scope"_s),
        one("ams not defined",
            u"[ Server.Reject ] : (_defaultRoot_, _defaultVHost_) : Application (live) is not defined."_s,
            u"ams-app-not-defined"_s),
        one("wowza folder missing",
            u"Connection failed: Application folder ([install-location]/applications/live) is missing."_s,
            u"wowza-app-folder-missing"_s),

        // OBS Studio dialogs
        one("obs failed to connect", u"Failed to connect to server"_s, u"obs-failed-to-connect"_s),
        one("obs timed out",
            u"The connection timed out. Make sure you've configured a valid streaming service and no "
            u"firewall is "
            u"blocking the connection."_s,
            u"connection-timed-out"_s),
        one("obs blocked",
            u"The connection was blocked. Check your firewall / anti-virus settings to make sure OBS is "
            u"allowed to "
            u"connect to the internet."_s,
            u"obs-connection-blocked"_s),
        one("obs hostname not found",
            u"Hostname not found. Make sure you entered a valid streaming server and your internet "
            u"connection / DNS "
            u"are working correctly."_s,
            u"host-name-not-resolved"_s),
        one("obs hostname no data",
            u"Hostname found, but no data of the requested type. This can occur if you have bound to an IPv6 "
            u"address "
            u"and your streaming service only has IPv4 addresses (see Settings / Advanced)."_s,
            u"obs-hostname-no-data"_s),
        one("obs error reaching host",
            u"Error reaching host. Make sure you entered a valid streaming server and your internet "
            u"connection is "
            u"working."_s,
            u"obs-error-reaching-host"_s),
        one("obs address not available", u"Address not available. Try reconnecting later."_s,
            u"obs-error-reaching-host"_s),
        one("obs reset",
            u"The connection was reset by the peer. This usually indicates internet connection problems."_s,
            u"connection-reset"_s),
        one("obs aborted",
            u"The connection was aborted. This usually indicates internet connection problems."_s,
            u"connection-reset"_s),
        one("obs invalid certificate", u"The RTMP server sent an invalid SSL certificate."_s,
            u"obs-invalid-ssl-certificate"_s),
        one("obs invalid path",
            u"Invalid Path or Connection URL. Please check your settings to confirm that they are valid."_s,
            u"obs-invalid-path"_s),
        one("obs could not access key",
            u"Could not access the specified channel or stream key, please double-check your stream key. If "
            u"it is "
            u"correct, there may be a problem connecting to the server."_s,
            u"obs-could-not-access-key"_s),
        one("obs disconnected", u"Disconnected from server."_s, u"stream-dropped"_s),

        // OBS log / librtmp lines
        one("obs offline ECONNREFUSED",
            u"[rtmp stream: 'adv_stream'] rtmp://live.example.com/app is offline. Try a different server "
            u"(ECONNREFUSED)."_s,
            u"connection-refused"_s),
        one("socket 61", u"RTMP_Connect0, failed to connect socket. 61 (Connection refused)"_s,
            u"connection-refused"_s),
        one("socket 111", u"RTMP_Connect0, failed to connect socket. 111 (Connection refused)"_s,
            u"connection-refused"_s),
        one("socket 10061", u"RTMP_Connect0, failed to connect socket. 10061 (Unknown error)"_s,
            u"connection-refused"_s),
        one("obs offline ETIMEDOUT",
            u"[rtmp stream: 'adv_stream'] rtmp://live.example.com/app is offline. Try a different server "
            u"(ETIMEDOUT)."_s,
            u"connection-timed-out"_s),
        one("socket 10060", u"RTMP_Connect0, failed to connect socket. 10060 (Unknown error)"_s,
            u"connection-timed-out"_s),
        one("socket 110", u"RTMP_Connect0, failed to connect socket. 110 (Connection timed out)"_s,
            u"connection-timed-out"_s),
        one("librtmp -2",
            u"[rtmp stream: 'adv_stream'] Connection to rtmp://live.example.com/app failed: -2"_s,
            u"librtmp-connect-failed"_s),
        one("librtmp -3",
            u"[rtmp stream: 'adv_stream'] Connection to rtmp://live.example.com/app failed: -3"_s,
            u"librtmp-invalid-stream"_s),
        one("could not resolve",
            u"RTMP_Connect0, Could not resolve server 'live.example.com': no valid address found"_s,
            u"host-name-not-resolved"_s),
        one("problem accessing dns", u"Problem accessing the DNS. (addr: live.example.com)"_s,
            u"host-name-not-resolved"_s),
        one("tls connect -0x7680", u"RTMP_Connect0, TLS_Connect failed: -0x7680"_s,
            u"encoder-root-certificates"_s),
        one("root certificates", u"Failed to load root certificates for a secure TLS connection."_s,
            u"encoder-root-certificates"_s),
        one("no tls support", u"RTMP_Connect1, no SSL/TLS support"_s, u"encoder-without-tls"_s),
        one("handshake failed", u"RTMP_Connect1, handshake failed."_s, u"rtmp-handshake-failed"_s),
        one("rtmp connect failed", u"RTMP_Connect1, RTMP connect failed."_s, u"rtmp-connect-rejected"_s),
        one("invalid app", u"NetConnection.Connect.InvalidApp"_s, u"invalid-application"_s),
        one("bad name", u"NetStream.Publish.BadName"_s, u"already-publishing"_s),
        one("publish denied", u"NetStream.Publish.Denied"_s, u"publish-denied"_s),
        one("publish rejected", u"NetStream.Publish.Rejected"_s, u"publish-denied"_s),
        one("adobe auth challenge",
            u"NetConnection.Connect.Rejected: [ AccessManager.Reject ] : [ authmod=adobe ] : "
            u"?reason=needauth&user=alice&salt=7a9ccd&challenge=f4d1&opaque=a1b2"_s,
            u"adobe-auth-challenge"_s),
        one("auth wrong password", u"Authentication failed: wrong password"_s, u"authentication-failed"_s),
        one("auth no such user", u"Authentication failed: no such user"_s, u"authentication-failed"_s),
        one("rtmpe mismatch", u"HandShake: Type mismatch: client sent 6, server answered 9"_s,
            u"rtmpe-mismatch"_s),
        one("server requested close", u"rtmp server requested close"_s, u"server-closed-connection"_s),
        one("remote host closed", u"RTMPSockBuf_Fill, remote host closed connection"_s,
            u"server-closed-connection"_s),
        one("packet header", u"RTMP_ReadPacket, failed to read RTMP packet header"_s,
            u"server-closed-connection"_s),
        one("send error 10053",
            u"WriteN, RTMP send error 10053 (An established connection was aborted by the software in your "
            u"host "
            u"machine.)"_s,
            u"librtmp-send-error"_s),
        one("send error 10054",
            u"WriteN, RTMP send error 10054 (An existing connection was forcibly closed)"_s,
            u"librtmp-send-error"_s),
        one("send error 104", u"WriteN, RTMP send error 104 (Connection reset by peer)"_s,
            u"librtmp-send-error"_s),
        one("send error 32", u"WriteN, RTMP send error 32 (Broken pipe)"_s, u"librtmp-send-error"_s),
        one("send error 9", u"WriteN, RTMP send error 9 (Bad file descriptor)"_s, u"librtmp-send-error"_s),

        // ffmpeg, also inside vMix logs
        one("ffmpeg refused",
            u"[tcp @ 0x55d5c8a0b2c0] Connection to tcp://live.example.com:1935 failed: Connection refused"_s,
            u"connection-refused"_s),
        one("ffmpeg cannot open",
            u"[rtmp @ 0x55d5c8a0b2c0] Cannot open connection tcp://live.example.com:1935"_s,
            u"connection-refused"_s),
        one("ffmpeg -138", u"Error number -138 occurred"_s, u"connection-timed-out"_s),
        one("ffmpeg already publishing", u"[rtmp @ 0x55d5c8a0b2c0] Server error: Already publishing"_s,
            u"already-publishing"_s),
        one("ffmpeg server error", u"[rtmp @ 0x55d5c8a0b2c0] Server error: Stream name is not allowed"_s,
            u"ffmpeg-server-error"_s),
        one("ffmpeg handshake", u"[rtmp @ 0x55d5c8a0b2c0] Cannot read RTMP handshake response"_s,
            u"rtmp-handshake-failed"_s),
        one("ffmpeg pull function", u"[tls @ 0x55d5c8a0b2c0] Error in the pull function."_s,
            u"tls-session-closed"_s),
        one("ffmpeg end of file", u"[rtmps @ 0x55d5c8a0b2c0] IO error: End of file"_s,
            u"tls-session-closed"_s),
        one("ffmpeg protocol not found", u"rtmps://live.example.com/app: Protocol not found"_s,
            u"encoder-without-tls"_s),
        one("ffmpeg write unknown", u"av_interleaved_write_frame(): Unknown error"_s, u"stream-dropped"_s),
        one("ffmpeg write io", u"av_interleaved_write_frame(): Input/output error"_s, u"stream-dropped"_s),
        one("ffmpeg io error", u"Error writing trailer of rtmp://live.example.com/app: Input/output error"_s,
            u"stream-dropped"_s),
        one("vmix initialization", u"Initialization failed"_s, u"vmix-initialization-failed"_s),
        one("vmix buffer", u"Stream 1: real-time buffer is too full, frames are being dropped"_s,
            u"vmix-buffer-full"_s),

        // Other encoders and servers
        one("wirecast", u"Error -4024"_s, u"wirecast-4024"_s),
        one("wirecast in a sentence", u"Wirecast reported (-4024) while connecting to the destination"_s,
            u"wirecast-4024"_s),
        one("livestream primary", u"Problem publishing to primary server"_s, u"livestream-publish-problem"_s),
        one("livestream too slow", u"Internet Too Slow for Quality"_s, u"livestream-too-slow"_s),
        one("nginx already publishing",
            u"2024/05/01 12:00:00 [error] 1234#0: *5 live: already publishing, client: 10.0.0.2, server: "
            u"0.0.0.0:1935"_s,
            u"already-publishing"_s),
        one("nginx application not found",
            u"2024/05/01 12:00:00 [error] 1234#0: *7 connect: application not found: 'lvie', client: 10.0.0.2"_s,
            u"nginx-application-not-found"_s),
        one("nginx notify", u"2024/05/01 12:00:01 [error] 1234#0: *9 notify: empty or broken HTTP response"_s,
            u"nginx-notify-failed"_s),
        one("nginx forbidden",
            u"2024/05/01 12:00:02 [error] 1234#0: *11 access forbidden by rule, client: 10.0.0.2"_s,
            u"nginx-access-forbidden"_s),
        one("azure appid", u"MPE_RTMP_APPID_AUTH_FAILURE"_s, u"azure-appid-auth-failure"_s),
        one("azure denied", u"MPE_INGEST_ENCODER_CONNECTION_DENIED"_s, u"azure-connection-denied"_s),
        one("azure codec", u"MPE_INGEST_CODEC_NOT_SUPPORTED"_s, u"azure-codec-not-supported"_s),
        one("azure setdataframe", u"MPE_INGEST_RTMP_SETDATAFRAME_NOT_RECEIVED"_s,
            u"azure-setdataframe-missing"_s),
        one("azure bitrate", u"MPE_INGEST_BITRATE_AGGREGATED_EXCEEDED"_s, u"azure-bitrate-exceeded"_s),
        one("youtube rtmps ssl",
            u"Connection to rtmps://a.rtmps.youtube.com:443/live2 failed: SSL handshake error"_s,
            u"youtube-rtmps-error"_s),
        KnownText{"youtube rtmps timeout",
                  u"rtmps://a.rtmps.youtube.com:443/live2: Connection timed out"_s,
                  {u"youtube-rtmps-error"_s, u"connection-timed-out"_s}},
    };
}

// About 1 KB of an ordinary OBS log: nothing in it may be recognised.
QString noise()
{
    const QStringList lines{
        u"12:01:30.101: [x264 encoder: 'streaming_h264'] preset: veryfast"_s,
        u"12:01:30.102: [x264 encoder: 'streaming_h264'] settings:"_s,
        u"12:01:30.102: \trate_control: CBR"_s,
        u"12:01:30.102: \tbitrate:      2500"_s,
        u"12:01:30.103: [FFmpeg aac encoder: 'adv_stream_aac'] bitrate: 160, channels: 2, channel_setup: stereo"_s,
        u"12:01:30.110: [rtmp stream: 'adv_stream'] Connecting to RTMP URL rtmp://live.example.com/app..."_s,
        u"12:01:30.111: [rtmp stream: 'adv_stream'] Interface: Intel(R) Ethernet Connection (1000 Mbps)"_s,
        u"12:01:30.200: ==== Streaming Start ==============================================="_s,
        u"12:01:31.000: video settings reset: base resolution 1920x1080, output resolution 1280x720, fps 30/1"_s,
        u"12:01:31.500: [Media Source 'Intro']: settings changed, looping enabled"_s,
        u"12:01:32.000: Output 'adv_stream': 0 of 1800 frames skipped"_s,
    };
    return lines.join(u'\n') + u'\n';
}

QString withCurlyQuotes(QString text)
{
    bool opening = true;
    for (QChar& c : text) {
        if (c == u'"') {
            c = opening ? QChar(u'\u201C') : QChar(u'\u201D');
            opening = !opening;
        } else if (c == u'\'') {
            c = QChar(u'\u2019');
        }
    }
    return text;
}

QString withLineBreaks(QString text)
{
    int spaces = 0;
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (text[i] == u' ' && ++spaces % 2 == 0)
            text.replace(i, 1, u"\r\n"_s);
    }
    return text;
}

QString withOtherEllipsis(QString text)
{
    if (text.contains(u'\u2026'))
        return text.replace(u'\u2026', u"..."_s);
    if (text.contains(u"..."_s))
        return text.replace(u"..."_s, u"\u2026"_s);
    return text + u'\u2026';
}

QStringList idsOf(const rd::ErrorTextMatch& match)
{
    QStringList ids;
    for (const rd::ErrorMatch& item : match.matches)
        ids.append(item.signatureId);
    return ids;
}

} // namespace

class TestErrorTextMatcher : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();

    void recognisesKnownTexts_data();
    void recognisesKnownTexts();
    void spanPointsIntoTheOriginalText_data();
    void spanPointsIntoTheOriginalText();
    void everySignatureIsExercised();
    void unknownText_data();
    void unknownText();
    void specificMessageSupersedesGenericOne();
    void severalMessagesInOneLog();
    void longTextIsSearchedFromTheEnd();
    void checkPhrase_data();
    void checkPhrase();
    void describeRecognised();
    void describeNotRecognised();
    void describeHidesSecrets();

private:
    std::optional<rd::KnowledgeBase> m_knowledge;
};

void TestErrorTextMatcher::initTestCase()
{
    rd::test::BuiltInData loaded = rd::test::loadBuiltInData();
    QVERIFY2(loaded.ok(), qPrintable(loaded.error));
    m_knowledge = std::move(loaded.knowledge);
}

void TestErrorTextMatcher::recognisesKnownTexts_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("signatures");

    const QString padding = noise() + noise();
    for (const KnownText& known : knownTexts()) {
        const auto row = [&](const char* variant, const QString& text) {
            QTest::addRow("%s | %s", known.name, variant) << text << known.signatures;
        };
        row("as documented", known.text);
        row("lower case", known.text.toLower());
        row("curly quotes", withCurlyQuotes(known.text));
        row("OBS log prefix", u"12:01:33.456: "_s + known.text);
        row("line breaks", withLineBreaks(known.text));
        row("other ellipsis", withOtherEllipsis(known.text));
        row("inside 2 KB of log", padding + known.text + u'\n' + padding);
    }
}

void TestErrorTextMatcher::recognisesKnownTexts()
{
    QFETCH(QString, text);
    QFETCH(QStringList, signatures);
    const rd::ErrorTextMatch match = m_knowledge->matcher().match(text);
    QCOMPARE(match.status, rd::ErrorTextMatch::Status::Recognised);
    QCOMPARE(idsOf(match), signatures);
    QVERIFY(!match.truncated);
}

void TestErrorTextMatcher::spanPointsIntoTheOriginalText_data()
{
    QTest::addColumn<QString>("before");
    QTest::addColumn<QString>("message");
    QTest::addColumn<QString>("after");
    QTest::addColumn<QString>("signature");
    QTest::addColumn<QString>("matched");

    QTest::newRow("whole line") << QString() << u"Disconnected from server."_s << QString()
                                << u"stream-dropped"_s << u"Disconnected from server"_s;
    QTest::newRow("in a log") << noise() << u"12:01:33.456: RTMP_Connect1, handshake failed."_s << noise()
                              << u"rtmp-handshake-failed"_s << u"RTMP_Connect1, handshake failed"_s;
    QTest::newRow("wildcard and ellipsis")
        << u"AVChat says: "_s
        << u"Connection Rejected:No scope \u201Davchat30/_definst_\u201D on this server"_s << u"\u2026"_s
        << u"avchat-no-scope"_s
        << u"Connection Rejected:No scope \u201Davchat30/_definst_\u201D on this server"_s;
    QTest::newRow("broken over lines")
        << u">> "_s << u"Connection success,\n   waiting for\r\nserver\u2026"_s << QString()
        << u"avchat-waiting-for-server"_s << u"Connection success,\n   waiting for\r\nserver"_s;
}

void TestErrorTextMatcher::spanPointsIntoTheOriginalText()
{
    QFETCH(QString, before);
    QFETCH(QString, message);
    QFETCH(QString, after);
    QFETCH(QString, signature);
    QFETCH(QString, matched);

    const QString text = before + message + after;
    const rd::ErrorTextMatch match = m_knowledge->matcher().match(text);
    QCOMPARE(idsOf(match), QStringList{signature});
    const rd::ErrorMatch& found = match.matches.first();
    QCOMPARE(found.matchedText, matched);
    QCOMPARE(text.sliced(found.span.start, found.span.length), matched);
    QCOMPARE(found.span.start, before.size() + message.indexOf(matched));
    QCOMPARE(found.title, m_knowledge->signature(signature)->title);
    QCOMPARE(found.likelyCauseIds, m_knowledge->signature(signature)->likelyCauseIds);
    QCOMPARE(found.confirmWith, m_knowledge->signature(signature)->confirmWith);
}

void TestErrorTextMatcher::everySignatureIsExercised()
{
    QSet<QString> exercised;
    for (const KnownText& known : knownTexts()) {
        for (const QString& id : known.signatures)
            exercised.insert(id);
    }
    for (const rd::ErrorSignature& signature : m_knowledge->signatures())
        QVERIFY2(exercised.contains(signature.id), qPrintable(signature.id));
}

void TestErrorTextMatcher::unknownText_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<rd::ErrorTextMatch::Status>("status");

    using S = rd::ErrorTextMatch::Status;
    QTest::newRow("empty") << QString() << S::NoText;
    QTest::newRow("blank") << u"  \n\t "_s << S::NoText;
    QTest::newRow("all is well") << u"Stream started successfully."_s << S::NotRecognised;
    QTest::newRow("ordinary log") << noise() << S::NotRecognised;
    QTest::newRow("unrelated error") << u"Error: the printer is out of paper"_s << S::NotRecognised;
    QTest::newRow("longer number than -4024") << u"Error -40240"_s << S::NotRecognised;
    QTest::newRow("-20 is not -2") << u"Connection to rtmp://live.example.com/app failed: -20"_s
                                   << S::NotRecognised;
    QTest::newRow("socket 1110 is not 110") << u"failed to connect socket. 1110"_s << S::NotRecognised;
    QTest::newRow("words far apart") << u"No scope"_s + QString(300, u'x') + u" on this server"_s
                                     << S::NotRecognised;
}

void TestErrorTextMatcher::unknownText()
{
    QFETCH(QString, text);
    QFETCH(rd::ErrorTextMatch::Status, status);
    const rd::ErrorTextMatch match = m_knowledge->matcher().match(text);
    QCOMPARE(match.status, status);
    QVERIFY(match.matches.isEmpty());
    QVERIFY(!match.recognised());
}

void TestErrorTextMatcher::specificMessageSupersedesGenericOne()
{
    const rd::ErrorTextMatch match = m_knowledge->matcher().match(
        u"Failed to connect to server\n\nThe connection timed out. Make sure you've "
        u"configured a valid streaming service."_s);
    QCOMPARE(idsOf(match), QStringList{u"connection-timed-out"_s});
}

void TestErrorTextMatcher::severalMessagesInOneLog()
{
    const QString log =
        noise() + u"12:01:33.456: RTMP_Connect1, handshake failed.\n"_s + noise() +
        u"12:01:40.000: [rtmp stream: 'adv_stream'] Connection to rtmp://live.example.com/app "
        u"failed: -2\n"_s;
    const rd::ErrorTextMatch match = m_knowledge->matcher().match(log);
    QCOMPARE(idsOf(match), (QStringList{u"rtmp-handshake-failed"_s, u"librtmp-connect-failed"_s}));
    QVERIFY(match.hasSignature(u"librtmp-connect-failed"_s));
    QVERIFY(!match.hasSignature(u"connection-refused"_s));
}

void TestErrorTextMatcher::longTextIsSearchedFromTheEnd()
{
    const QString early = u"Disconnected from server.\n"_s;
    QString text = early;
    while (text.size() <= rd::ErrorTextMatcher::kMaxTextLength)
        text += noise();
    const QString tail = u"NetStream.Publish.BadName"_s;
    text += tail;
    const rd::ErrorTextMatch match = m_knowledge->matcher().match(text);
    QVERIFY(match.truncated);
    QCOMPARE(idsOf(match), QStringList{u"already-publishing"_s});
    QCOMPARE(match.matches.first().span.start, text.size() - tail.size());
}

void TestErrorTextMatcher::checkPhrase_data()
{
    QTest::addColumn<QString>("phrase");
    QTest::addColumn<QString>("problem"); // empty: usable

    QTest::newRow("plain") << u"Connection refused"_s << QString();
    QTest::newRow("wildcard") << u"No scope {*} on this server"_s << QString();
    QTest::newRow("alternatives") << u"socket. {61|111}"_s << QString();
    QTest::newRow("regex characters are literal") << u"Application (*) [x]?"_s << QString();
    QTest::newRow("unclosed") << u"Application ({*) is"_s << u"has a '{' without a '}'"_s;
    QTest::newRow("unopened") << u"Application *}) is"_s << u"has a '}' without a '{'"_s;
    QTest::newRow("nested") << u"a {b {c} d} e"_s << u"has a '{' inside {...}"_s;
    QTest::newRow("empty alternative") << u"socket {61|}"_s << u"has an empty alternative in {61|}"_s;
    QTest::newRow("too short") << u" a b "_s
                               << u"is too short to be recognised reliably (at least 4 characters "
                                  u"besides {*})"_s;
}

void TestErrorTextMatcher::checkPhrase()
{
    QFETCH(QString, phrase);
    QFETCH(QString, problem);
    const std::optional<QString> found = rd::ErrorTextMatcher::checkPhrase(phrase);
    QCOMPARE(found.value_or(QString()), problem);
}

void TestErrorTextMatcher::describeRecognised()
{
    const rd::ErrorTextMatch match =
        m_knowledge->matcher().match(u"  Connection success, waiting for server..."_s);
    QCOMPARE(
        rd::describeErrorMatch(match, &*m_knowledge),
        u"Recognised 1 message:\n"
        u"1. AVChat 3: connected, waiting for the server [avchat-waiting-for-server]\n"
        u"   Matched: \"Connection success, waiting for server\" (at character 3)\n"
        u"   Meaning: The network path and the media server are fine, but the chat application on the server "
        u"never answers: its folder is there but incomplete.\n"
        u"   Likely causes: Connected, but the server application never answers (application-not-answering)\n"
        u"   Confirm or rule out with the probes: connect\n"_s);
}

void TestErrorTextMatcher::describeNotRecognised()
{
    QCOMPARE(
        rd::describeErrorMatch(m_knowledge->matcher().match(u"hello"_s)),
        u"Not recognised: this text contains no message RTMP Doctor knows. The connection checks (probes) "
        u"still work without it.\n"_s);
    QCOMPARE(rd::describeErrorMatch(m_knowledge->matcher().match(QString())), u"No text was given.\n"_s);
}

void TestErrorTextMatcher::describeHidesSecrets()
{
    const QString key = u"live_12345_AbCdEfGhIjK"_s;
    const QString text =
        u"Connection to rtmp://live.example.com/app/"_s + key + u" failed: -2 (key "_s + key + u')';
    const rd::ErrorTextMatch match = m_knowledge->matcher().match(text);
    QCOMPARE(idsOf(match), QStringList{u"librtmp-connect-failed"_s});
    QVERIFY(match.matches.first().matchedText.contains(key)); // the raw match keeps it; describing must not
    const QString withoutSecrets = rd::describeErrorMatch(match, &*m_knowledge);
    QVERIFY2(!withoutSecrets.contains(key), qPrintable(withoutSecrets));
    QVERIFY2(withoutSecrets.contains(u"rtmp://live.example.com/app/"_s), qPrintable(withoutSecrets));
    const rd::ErrorTextMatch noUrl =
        m_knowledge->matcher().match(u"No scope 'live/"_s + key + u"' on this server."_s);
    QVERIFY(noUrl.matches.first().matchedText.contains(key));
    const QString told = rd::describeErrorMatch(noUrl, nullptr, QStringList{key});
    QVERIFY2(!told.contains(key), qPrintable(told));
    QVERIFY2(!told.contains(u"AbCdEf"_s), qPrintable(told));
}

QTEST_GUILESS_MAIN(TestErrorTextMatcher)
#include "tst_errortextmatcher.moc"
