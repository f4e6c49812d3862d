// AMF0 codec and the RTMP command layer built on it.
#include "rtmp/amf0.h"
#include "rtmp/commands.h"

#include <QTest>

#include <cmath>
#include <limits>

using namespace Qt::StringLiterals;
using namespace rd;
using amf0::Property;
using amf0::Value;

Q_DECLARE_METATYPE(rd::amf0::Value)
Q_DECLARE_METATYPE(rd::amf0::DecodeStatus)
Q_DECLARE_METATYPE(rd::rtmp::Message)
Q_DECLARE_METATYPE(rd::rtmp::CommandKind)
Q_DECLARE_METATYPE(rd::rtmp::CommandParseStatus)

namespace {

// Spaces and line breaks in test vectors are for reading; fromHex skips them.
QByteArray hex(const char* text)
{
    return QByteArray::fromHex(QByteArray(text));
}

QByteArray amfString(const QByteArray& text)
{
    QByteArray out;
    out += char(0x02);
    out += char(text.size() >> 8);
    out += char(text.size() & 0xFF);
    out += text;
    return out;
}

QByteArray amfKey(const QByteArray& key)
{
    return amfString(key).mid(1);
}

// nginx-rtmp's answer to a good connect, assembled from the field list in the protocol
// notes (section 3.2), not from the encoder under test.
QByteArray nginxConnectResult()
{
    QByteArray body;
    body += amfString("_result");
    body += hex("00 3ff0000000000000");
    body += hex("03");
    body += amfKey("fmsVer") + amfString("FMS/3,0,1,123");
    body += amfKey("capabilities") + hex("00 403f000000000000");
    body += hex("000009");
    body += hex("03");
    body += amfKey("level") + amfString("status");
    body += amfKey("code") + amfString("NetConnection.Connect.Success");
    body += amfKey("description") + amfString("Connection succeeded.");
    body += amfKey("objectEncoding") + hex("00 0000000000000000");
    body += hex("000009");
    return body;
}

Value nestedObjects(int depth)
{
    Value value = Value::number(1);
    for (int i = 0; i < depth; ++i)
        value = Value::object({{u"k"_s, value}});
    return value;
}

} // namespace

class TestAmf0 : public QObject
{
    Q_OBJECT

private slots:
    void encodesAndDecodesEveryType_data();
    void encodesAndDecodesEveryType();
    void longTextBecomesLongString();
    void decodesHandAssembledConnectBody();
    void parsesNginxConnectResult();
    void truncationAtEveryOffsetIsReported_data();
    void truncationAtEveryOffsetIsReported();
    void refusesNestingBeyondTheLimit_data();
    void refusesNestingBeyondTheLimit();
    void refusesOversizedCountsWithoutAllocating_data();
    void refusesOversizedCountsWithoutAllocating();
    void rejectsUnknownMarkers_data();
    void rejectsUnknownMarkers();
    void ecmaArrayCountIsOnlyAHint();
    void debugStringIsCompact_data();
    void debugStringIsCompact();
    void debugStringFilterMasksSecrets();
    void propertyLookup();

    void buildsPublishSequence_data();
    void buildsPublishSequence();
    void parsesReplies_data();
    void parsesReplies();
    void toleratesAmf3CommandWrapper();
    void reportsBrokenCommands_data();
    void reportsBrokenCommands();
};

void TestAmf0::encodesAndDecodesEveryType_data()
{
    QTest::addColumn<Value>("value");
    QTest::addColumn<QByteArray>("bytes");

    QTest::newRow("number 1") << Value::number(1) << hex("00 3ff0000000000000");
    QTest::newRow("number -0.5") << Value::number(-0.5) << hex("00 bfe0000000000000");
    QTest::newRow("number 5000000") << Value::number(5000000) << hex("00 415312d000000000");
    QTest::newRow("boolean true") << Value::boolean(true) << hex("01 01");
    QTest::newRow("boolean false") << Value::boolean(false) << hex("01 00");
    QTest::newRow("string") << Value::string(u"live"_s) << hex("02 0004 6c697665");
    QTest::newRow("empty string") << Value::string(QString()) << hex("02 0000");
    QTest::newRow("utf-8 string") << Value::string(u"\u00fc"_s) << hex("02 0002 c3bc");
    QTest::newRow("long string") << Value::longString(u"ab"_s) << hex("0c 00000002 6162");
    QTest::newRow("null") << Value::null() << hex("05");
    QTest::newRow("undefined") << Value::undefined() << hex("06");
    QTest::newRow("reference") << Value::reference(0x0102) << hex("07 0102");
    QTest::newRow("empty object") << Value::object() << hex("03 000009");
    QTest::newRow("object") << Value::object({{u"a"_s, Value::boolean(true)}, {u"b"_s, Value::null()}})
                            << hex("03 0001 61 0101 0001 62 05 000009");
    QTest::newRow("ecma array") << Value::ecmaArray({{u"x"_s, Value::number(1)}})
                                << hex("08 00000001 0001 78 00 3ff0000000000000 000009");
    QTest::newRow("strict array") << Value::strictArray(
                                         {Value::number(0), Value::string(u"a"_s), Value::null()})
                                  << hex("0a 00000003 00 0000000000000000 02 0001 61 05");
    QTest::newRow("date") << Value::date(1700000000123.0, 0) << hex("0b 4278bcfe5687b000 0000");
    QTest::newRow("date with timezone") << Value::date(0, -60) << hex("0b 0000000000000000 ffc4");
    QTest::newRow("xml") << Value::xmlDocument(u"<a/>"_s) << hex("0f 00000004 3c612f3e");
    QTest::newRow("typed object") << Value::typedObject(u"T"_s, {{u"n"_s, Value::number(1)}})
                                  << hex("10 0001 54 0001 6e 00 3ff0000000000000 000009");
    QTest::newRow("nested") << Value::object({{u"o"_s, Value::object({{u"s"_s, Value::strictArray({})}})}})
                            << hex("03 0001 6f 03 0001 73 0a 00000000 000009 000009");
    QTest::newRow("object with empty key")
        << Value::object({{QString(), Value::number(0)}}) << hex("03 0000 00 0000000000000000 000009");
}

void TestAmf0::encodesAndDecodesEveryType()
{
    QFETCH(Value, value);
    QFETCH(QByteArray, bytes);

    QCOMPARE(amf0::encode(value).toHex(' '), bytes.toHex(' '));

    const amf0::DecodeResult decoded = amf0::decode(bytes);
    QCOMPARE(decoded.status, amf0::DecodeStatus::Ok);
    QCOMPARE(decoded.consumed, bytes.size());
    QCOMPARE(decoded.errorOffset, -1);
    QCOMPARE(decoded.values.size(), 1);
    QVERIFY2(decoded.values.front() == value, qPrintable(decoded.values.front().toDebugString()));
    QCOMPARE(decoded.values.front().type(), value.type());
}

void TestAmf0::longTextBecomesLongString()
{
    const QString text(70000, u'x');
    const Value value = Value::string(text);
    QCOMPARE(value.type(), amf0::Type::LongString);
    const QByteArray bytes = amf0::encode(value);
    QCOMPARE(bytes.size(), 1 + 4 + 70000);
    QCOMPARE(bytes.left(5).toHex(' '), hex("0c 00011170").toHex(' '));
    const amf0::DecodeResult decoded = amf0::decode(bytes);
    QCOMPARE(decoded.status, amf0::DecodeStatus::Ok);
    QCOMPARE(decoded.values.front().toString(), text);
}

void TestAmf0::decodesHandAssembledConnectBody()
{
    // The short publisher form of connect (notes section 3.1): app, type, flashVer, tcUrl.
    QByteArray expected;
    expected += amfString("connect");
    expected += hex("00 3ff0000000000000");
    expected += hex("03");
    expected += amfKey("app") + amfString("live");
    expected += amfKey("type") + amfString("nonprivate");
    expected += amfKey("flashVer") + amfString("FMLE/3.0 (compatible; RTMP Doctor)");
    expected += amfKey("tcUrl") + amfString("rtmp://127.0.0.1:1935/live");
    expected += hex("000009");

    rtmp::ConnectParameters parameters;
    parameters.app = u"live"_s;
    parameters.tcUrl = u"rtmp://127.0.0.1:1935/live"_s;
    const rtmp::Message message = rtmp::buildConnect(parameters);
    QCOMPARE(message.payload.toHex(' '), expected.toHex(' '));
    QCOMPARE(message.type, quint8(20));
    QCOMPARE(message.chunkStreamId, 3u);
    QCOMPARE(message.streamId, 0u);
    QCOMPARE(message.timestamp, 0u);

    const rtmp::CommandParseResult parsed = rtmp::parseCommand(message);
    QCOMPARE(parsed.status, rtmp::CommandParseStatus::Ok);
    QCOMPARE(parsed.command.name, u"connect"_s);
    QCOMPARE(parsed.command.transactionId, 1.0);
    QCOMPARE(parsed.command.args.size(), 1);
    const Value& object = parsed.command.args.front();
    QCOMPARE(object.properties().size(), 4);
    QCOMPARE(object.properties().at(0).key, u"app"_s);
    QCOMPARE(object.properties().at(1).key, u"type"_s);
    QCOMPARE(object.properties().at(2).key, u"flashVer"_s);
    QCOMPARE(object.properties().at(3).key, u"tcUrl"_s);
    QCOMPARE(object.stringProperty(u"flashVer"), u"FMLE/3.0 (compatible; RTMP Doctor)"_s);
}

void TestAmf0::parsesNginxConnectResult()
{
    rtmp::Message message;
    message.type = 20;
    message.payload = nginxConnectResult();
    const rtmp::CommandParseResult parsed = rtmp::parseCommand(message);
    QCOMPARE(parsed.status, rtmp::CommandParseStatus::Ok);
    QCOMPARE(parsed.command.kind(), rtmp::CommandKind::Result);
    QCOMPARE(parsed.command.transactionId, 1.0);
    QCOMPARE(parsed.command.args.size(), 2);

    const rtmp::StatusInfo info = rtmp::extractStatusInfo(parsed.command);
    QVERIFY(info.present);
    QCOMPARE(info.level, u"status"_s);
    QCOMPARE(info.code, u"NetConnection.Connect.Success"_s);
    QCOMPARE(info.description, u"Connection succeeded."_s);
    QCOMPARE(info.fmsVer, u"FMS/3,0,1,123"_s);
    QCOMPARE(info.capabilities, std::optional<double>(31));
    QCOMPARE(info.objectEncoding, std::optional<double>(0));
    QVERIFY(!info.isError());
    QCOMPARE(
        parsed.command.toDebugString(),
        u"_result(1, {fmsVer: \"FMS/3,0,1,123\", capabilities: 31}, {level: \"status\", code: "
        "\"NetConnection.Connect.Success\", description: \"Connection succeeded.\", objectEncoding: 0})"_s);
}

void TestAmf0::truncationAtEveryOffsetIsReported_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::newRow("nginx _result") << nginxConnectResult();
    QTest::newRow("every type") << amf0::encode(QList<Value>{
        Value::number(2), Value::boolean(true), Value::longString(u"abc"_s), Value::reference(1),
        Value::ecmaArray({{u"e"_s, Value::strictArray({Value::date(5, 1), Value::xmlDocument(u"<x/>"_s)})}}),
        Value::typedObject(u"Cls"_s, {{u"u"_s, Value::undefined()}})});
}

void TestAmf0::truncationAtEveryOffsetIsReported()
{
    QFETCH(QByteArray, bytes);

    // Where each complete top-level value ends, from a decode of the whole buffer.
    const amf0::DecodeResult whole = amf0::decode(bytes);
    QCOMPARE(whole.status, amf0::DecodeStatus::Ok);
    QList<qsizetype> boundaries{0};
    for (const Value& value : whole.values)
        boundaries.append(boundaries.last() + amf0::encode(value).size());
    QCOMPARE(boundaries.last(), bytes.size());

    for (qsizetype cut = 0; cut < bytes.size(); ++cut) {
        const amf0::DecodeResult partial = amf0::decode(QByteArrayView(bytes).first(cut));
        qsizetype complete = 0;
        while (complete + 1 < boundaries.size() && boundaries.at(complete + 1) <= cut)
            ++complete;
        const bool atBoundary = boundaries.at(complete) == cut;
        const QByteArray where = "cut at " + QByteArray::number(cut);
        QVERIFY2(partial.status == (atBoundary ? amf0::DecodeStatus::Ok : amf0::DecodeStatus::Truncated),
                 where.constData());
        QVERIFY2(partial.values.size() == complete, where.constData());
        QVERIFY2(partial.consumed == boundaries.at(complete), where.constData());
        if (!atBoundary) {
            QVERIFY2(partial.errorOffset >= partial.consumed && partial.errorOffset <= cut,
                     where.constData());
            QVERIFY2(!partial.message.isEmpty(), where.constData());
        }
    }
}

void TestAmf0::refusesNestingBeyondTheLimit_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<int>("maxDepth");
    QTest::addColumn<amf0::DecodeStatus>("status");
    QTest::addColumn<qsizetype>("errorOffset");

    QTest::newRow("32 objects at default limit")
        << amf0::encode(nestedObjects(32)) << 32 << amf0::DecodeStatus::Ok << qsizetype(-1);
    // Each level is marker + key length + key "k" = 4 bytes before the next marker.
    QTest::newRow("33 objects at default limit")
        << amf0::encode(nestedObjects(33)) << 32 << amf0::DecodeStatus::TooDeep << qsizetype(32 * 4);
    QTest::newRow("3 objects with limit 2")
        << amf0::encode(nestedObjects(3)) << 2 << amf0::DecodeStatus::TooDeep << qsizetype(8);
    QByteArray arrays;
    for (int i = 0; i < 40; ++i)
        arrays += hex("0a 00000001");
    arrays += hex("05");
    QTest::newRow("40 strict arrays") << arrays << 32 << amf0::DecodeStatus::TooDeep << qsizetype(32 * 5);
    // Nothing but 0x03: each level reads a 771-byte key (length 0x0303) and another object.
    QTest::newRow("100000 bytes of 0x03")
        << QByteArray(100000, '\x03') << 32 << amf0::DecodeStatus::TooDeep << qsizetype(32 * 774);
}

void TestAmf0::refusesNestingBeyondTheLimit()
{
    QFETCH(QByteArray, bytes);
    QFETCH(int, maxDepth);
    QFETCH(amf0::DecodeStatus, status);
    QFETCH(qsizetype, errorOffset);

    amf0::DecodeLimits limits;
    limits.maxDepth = maxDepth;
    const amf0::DecodeResult decoded = amf0::decode(bytes, limits);
    QCOMPARE(decoded.status, status);
    QCOMPARE(decoded.errorOffset, errorOffset);
}

void TestAmf0::refusesOversizedCountsWithoutAllocating_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<amf0::DecodeStatus>("status");
    QTest::addColumn<qsizetype>("errorOffset");
    QTest::addColumn<int>("values");

    QTest::newRow("strict array of 4 billion")
        << hex("0a ffffffff 05 05") << amf0::DecodeStatus::Truncated << qsizetype(1) << 0;
    QTest::newRow("long string of 4 GB")
        << hex("0c ffffffff 41") << amf0::DecodeStatus::TooLarge << qsizetype(1) << 0;
    QTest::newRow("long string of 2 MB")
        << hex("05 0c 00200000 41") << amf0::DecodeStatus::TooLarge << qsizetype(2) << 1;
    QTest::newRow("xml of 16 bytes, 2 present")
        << hex("0f 00000010 4142") << amf0::DecodeStatus::Truncated << qsizetype(5) << 0;
    QTest::newRow("65 top-level values")
        << QByteArray(65, '\x05') << amf0::DecodeStatus::TooLarge << qsizetype(64) << 64;
    QByteArray wideArray = hex("0a 000186a1"); // 100001 nulls: one over the total-values limit
    wideArray += QByteArray(100001, '\x05');
    QTest::newRow("100001 nested values")
        << wideArray << amf0::DecodeStatus::TooLarge << qsizetype(5 + 99999) << 0;
}

void TestAmf0::refusesOversizedCountsWithoutAllocating()
{
    QFETCH(QByteArray, bytes);
    QFETCH(amf0::DecodeStatus, status);
    QFETCH(qsizetype, errorOffset);
    QFETCH(int, values);

    const amf0::DecodeResult decoded = amf0::decode(bytes);
    QCOMPARE(decoded.status, status);
    QCOMPARE(decoded.errorOffset, errorOffset);
    QCOMPARE(decoded.values.size(), values);
}

void TestAmf0::rejectsUnknownMarkers_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<qsizetype>("errorOffset");

    QTest::newRow("movie clip") << hex("04") << qsizetype(0);
    QTest::newRow("object end at top level") << hex("09") << qsizetype(0);
    QTest::newRow("unsupported") << hex("05 0d") << qsizetype(1);
    QTest::newRow("record set") << hex("0e") << qsizetype(0);
    QTest::newRow("avm+ switch") << hex("11 02") << qsizetype(0);
    QTest::newRow("0x12") << hex("12") << qsizetype(0);
    QTest::newRow("0xff inside object") << hex("03 0001 61 ff") << qsizetype(4);
}

void TestAmf0::rejectsUnknownMarkers()
{
    QFETCH(QByteArray, bytes);
    QFETCH(qsizetype, errorOffset);

    const amf0::DecodeResult decoded = amf0::decode(bytes);
    QCOMPARE(decoded.status, amf0::DecodeStatus::UnknownMarker);
    QCOMPARE(decoded.errorOffset, errorOffset);
    QVERIFY(decoded.message.contains(u"marker"_s));
}

void TestAmf0::ecmaArrayCountIsOnlyAHint()
{
    // Announces 5 entries, carries 1: the end marker is what counts.
    const amf0::DecodeResult decoded = amf0::decode(hex("08 00000005 0001 61 0101 000009"));
    QCOMPARE(decoded.status, amf0::DecodeStatus::Ok);
    QCOMPARE(decoded.values.size(), 1);
    QVERIFY(decoded.values.front() == Value::ecmaArray({{u"a"_s, Value::boolean(true)}}));
}

void TestAmf0::debugStringIsCompact_data()
{
    QTest::addColumn<Value>("value");
    QTest::addColumn<QString>("text");

    QTest::newRow("integer") << Value::number(5000000) << u"5000000"_s;
    QTest::newRow("fraction") << Value::number(0.1) << u"0.1"_s;
    QTest::newRow("negative") << Value::number(-3) << u"-3"_s;
    QTest::newRow("huge") << Value::number(1e300) << u"1e+300"_s;
    QTest::newRow("nan") << Value::number(std::numeric_limits<double>::quiet_NaN()) << u"NaN"_s;
    QTest::newRow("boolean") << Value::boolean(false) << u"false"_s;
    QTest::newRow("escaped string") << Value::string(u"a\"b\\c\nd\x01"_s) << u"\"a\\\"b\\\\c\\nd\\x01\""_s;
    QTest::newRow("null and undefined")
        << Value::strictArray({Value::null(), Value::undefined()}) << u"[null, undefined]"_s;
    QTest::newRow("object") << Value::object(
                                   {{u"level"_s, Value::string(u"error"_s)}, {u"n"_s, Value::number(1)}})
                            << u"{level: \"error\", n: 1}"_s;
    QTest::newRow("ecma") << Value::ecmaArray({{u"a"_s, Value::null()}}) << u"ecma{a: null}"_s;
    QTest::newRow("typed") << Value::typedObject(u"Foo"_s) << u"Foo{}"_s;
    QTest::newRow("reference") << Value::reference(7) << u"ref#7"_s;
    QTest::newRow("date") << Value::date(86400000.0) << u"date(1970-01-02T00:00:00.000Z)"_s;
    QTest::newRow("xml") << Value::xmlDocument(u"<a/>"_s) << u"xml\"<a/>\""_s;
    QTest::newRow("long text is cut")
        << Value::string(QString(300, u'y')) << u"\""_s + QString(256, u'y') + u"\"...(+44 chars)"_s;
}

void TestAmf0::debugStringIsCompact()
{
    QFETCH(Value, value);
    QFETCH(QString, text);
    QCOMPARE(value.toDebugString(), text);
    QVERIFY(!value.toDebugString().contains(u'\n'));
}

void TestAmf0::debugStringFilterMasksSecrets()
{
    const QString secret = u"live_1234_SeCrEt"_s;
    const rtmp::Message publish = rtmp::buildPublish(5, 1, secret);
    const rtmp::CommandParseResult parsed = rtmp::parseCommand(publish);
    QCOMPARE(parsed.status, rtmp::CommandParseStatus::Ok);
    const auto mask = [&](const QString& text) {
        QString masked = text;
        return masked.replace(secret, u"<stream key>"_s);
    };
    const QString shown = parsed.command.toDebugString(mask);
    QCOMPARE(shown, u"publish(5, null, \"<stream key>\", \"live\")"_s);
    QVERIFY(!shown.contains(u"SeCrEt"_s));
}

void TestAmf0::propertyLookup()
{
    const Value object = Value::object(
        {{u"a"_s, Value::number(1)}, {u"b"_s, Value::string(u"x"_s)}, {u"a"_s, Value::number(2)}});
    QVERIFY(object.hasProperties());
    QVERIFY(object.property(u"a") != nullptr);
    QCOMPARE(object.property(u"a")->toNumber(), 1.0); // first wins
    QCOMPARE(object.stringProperty(u"b"), u"x"_s);
    QCOMPARE(object.stringProperty(u"a"), QString());
    QVERIFY(object.property(u"missing") == nullptr);
    QVERIFY(!Value::number(3).hasProperties());
    QVERIFY(Value::number(3).property(u"a") == nullptr);
}

void TestAmf0::buildsPublishSequence_data()
{
    QTest::addColumn<rtmp::Message>("message");
    QTest::addColumn<QString>("transcript");
    QTest::addColumn<quint32>("streamId");
    QTest::addColumn<quint32>("chunkStreamId");

    QTest::newRow("releaseStream") << rtmp::buildReleaseStream(2, u"key"_s)
                                   << u"releaseStream(2, null, \"key\")"_s << 0u << 3u;
    QTest::newRow("FCPublish") << rtmp::buildFCPublish(3, u"key"_s) << u"FCPublish(3, null, \"key\")"_s << 0u
                               << 3u;
    QTest::newRow("createStream") << rtmp::buildCreateStream(4) << u"createStream(4, null)"_s << 0u << 3u;
    QTest::newRow("publish") << rtmp::buildPublish(5, 1, u"key"_s) << u"publish(5, null, \"key\", \"live\")"_s
                             << 1u << 8u;
    QTest::newRow("FCUnpublish") << rtmp::buildFCUnpublish(6, u"key"_s) << u"FCUnpublish(6, null, \"key\")"_s
                                 << 0u << 3u;
    QTest::newRow("deleteStream") << rtmp::buildDeleteStream(7, 1) << u"deleteStream(7, null, 1)"_s << 0u
                                  << 3u;

    rtmp::ConnectParameters player;
    player.app = u"vod"_s;
    player.tcUrl = u"rtmp://h/vod"_s;
    player.type.clear();
    player.flashVer = u"LNX 10,0,32,18"_s;
    player.extraFields = {{u"fpad"_s, Value::boolean(false)}};
    player.extraArguments = {Value::string(u"extra"_s)};
    QTest::newRow("connect, player form")
        << rtmp::buildConnect(player, 1)
        << u"connect(1, {app: \"vod\", flashVer: \"LNX 10,0,32,18\", tcUrl: \"rtmp://h/vod\", fpad: false}, \"extra\")"_s
        << 0u << 3u;
}

void TestAmf0::buildsPublishSequence()
{
    QFETCH(rtmp::Message, message);
    QFETCH(QString, transcript);
    QFETCH(quint32, streamId);
    QFETCH(quint32, chunkStreamId);

    QCOMPARE(message.type, quint8(rtmp::MessageType::Amf0Command));
    QCOMPARE(message.streamId, streamId);
    QCOMPARE(message.chunkStreamId, chunkStreamId);
    const rtmp::CommandParseResult parsed = rtmp::parseCommand(message);
    QCOMPARE(parsed.status, rtmp::CommandParseStatus::Ok);
    QCOMPARE(parsed.command.toDebugString(), transcript);
}

void TestAmf0::parsesReplies_data()
{
    QTest::addColumn<QByteArray>("payload");
    QTest::addColumn<rtmp::CommandKind>("kind");
    QTest::addColumn<double>("transactionId");
    QTest::addColumn<QString>("level");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("description");

    QByteArray red5;
    red5 += amfString("_error") + hex("00 3ff0000000000000 05 03");
    red5 += amfKey("level") + amfString("error");
    red5 += amfKey("code") + amfString("NetConnection.Connect.Rejected");
    red5 += amfKey("description") + amfString("No scope 'nolive' on this server.");
    red5 += hex("000009");
    QTest::newRow("Red5 unknown application")
        << red5 << rtmp::CommandKind::Error << 1.0 << u"error"_s << u"NetConnection.Connect.Rejected"_s
        << u"No scope 'nolive' on this server."_s;

    QByteArray badName;
    badName += amfString("onStatus") + hex("00 0000000000000000 05 03");
    badName += amfKey("level") + amfString("error");
    badName += amfKey("code") + amfString("NetStream.Publish.BadName");
    badName += amfKey("description") + amfString("Already publishing");
    badName += hex("000009");
    QTest::newRow("nginx second publisher") << badName << rtmp::CommandKind::OnStatus << 0.0 << u"error"_s
                                            << u"NetStream.Publish.BadName"_s << u"Already publishing"_s;

    // Some servers send the information object as an ECMA array.
    QByteArray ecmaStatus;
    ecmaStatus += amfString("onStatus") + hex("00 0000000000000000 05 08 00000002");
    ecmaStatus += amfKey("level") + amfString("status");
    ecmaStatus += amfKey("code") + amfString("NetStream.Publish.Start");
    ecmaStatus += hex("000009");
    QTest::newRow("status in an ecma array") << ecmaStatus << rtmp::CommandKind::OnStatus << 0.0
                                             << u"status"_s << u"NetStream.Publish.Start"_s << QString();

    QTest::newRow("onBWDone") << (amfString("onBWDone") + hex("00 0000000000000000 05"))
                              << rtmp::CommandKind::OnBWDone << 0.0 << QString() << QString() << QString();
    QTest::newRow("close") << (amfString("close") + hex("00 0000000000000000")) << rtmp::CommandKind::Close
                           << 0.0 << QString() << QString() << QString();
    QTest::newRow("onFCPublish") << (amfString("onFCPublish") + hex("00 0000000000000000 05"))
                                 << rtmp::CommandKind::Other << 0.0 << QString() << QString() << QString();
}

void TestAmf0::parsesReplies()
{
    QFETCH(QByteArray, payload);
    QFETCH(rtmp::CommandKind, kind);
    QFETCH(double, transactionId);
    QFETCH(QString, level);
    QFETCH(QString, code);
    QFETCH(QString, description);

    rtmp::Message message;
    message.type = 20;
    message.payload = payload;
    const rtmp::CommandParseResult parsed = rtmp::parseCommand(message);
    QCOMPARE(parsed.status, rtmp::CommandParseStatus::Ok);
    QCOMPARE(parsed.command.kind(), kind);
    QCOMPARE(parsed.command.transactionId, transactionId);
    QVERIFY(parsed.command.hasTransactionId);
    const rtmp::StatusInfo info = rtmp::extractStatusInfo(parsed.command);
    QCOMPARE(info.present, !code.isEmpty());
    QCOMPARE(info.level, level);
    QCOMPARE(info.code, code);
    QCOMPARE(info.description, description);
    QCOMPARE(info.isError(), level == u"error"_s);
}

void TestAmf0::toleratesAmf3CommandWrapper()
{
    rtmp::Message message;
    message.type = 17;
    message.payload = hex("00") + amfString("_result") + hex("00 4000000000000000 05 00 3ff0000000000000");
    const rtmp::CommandParseResult parsed = rtmp::parseCommand(message);
    QCOMPARE(parsed.status, rtmp::CommandParseStatus::Ok);
    QCOMPARE(parsed.command.name, u"_result"_s);
    QCOMPARE(parsed.command.transactionId, 2.0);
    QCOMPARE(parsed.command.lastNumberArgument(), std::optional<double>(1));
}

void TestAmf0::reportsBrokenCommands_data()
{
    QTest::addColumn<quint8>("type");
    QTest::addColumn<QByteArray>("payload");
    QTest::addColumn<rtmp::CommandParseStatus>("status");
    QTest::addColumn<amf0::DecodeStatus>("amfStatus");
    QTest::addColumn<QString>("name");

    QTest::newRow("audio is not a command")
        << quint8(8) << hex("af01") << rtmp::CommandParseStatus::NotACommand << amf0::DecodeStatus::Ok
        << QString();
    QTest::newRow("no name") << quint8(20) << hex("00 3ff0000000000000")
                             << rtmp::CommandParseStatus::MissingName << amf0::DecodeStatus::Ok << QString();
    QTest::newRow("empty") << quint8(20) << QByteArray() << rtmp::CommandParseStatus::MissingName
                           << amf0::DecodeStatus::Ok << QString();
    QTest::newRow("truncated info object")
        << quint8(20) << (amfString("_result") + hex("00 3ff0000000000000 03 0004 636f"))
        << rtmp::CommandParseStatus::BadAmf << amf0::DecodeStatus::Truncated << u"_result"_s;
}

void TestAmf0::reportsBrokenCommands()
{
    QFETCH(quint8, type);
    QFETCH(QByteArray, payload);
    QFETCH(rtmp::CommandParseStatus, status);
    QFETCH(amf0::DecodeStatus, amfStatus);
    QFETCH(QString, name);

    rtmp::Message message;
    message.type = type;
    message.payload = payload;
    const rtmp::CommandParseResult parsed = rtmp::parseCommand(message);
    QCOMPARE(parsed.status, status);
    QCOMPARE(parsed.amfStatus, amfStatus);
    QCOMPARE(parsed.command.name, name);
    QVERIFY(!parsed.message.isEmpty());
}

QTEST_GUILESS_MAIN(TestAmf0)
#include "tst_amf0.moc"
