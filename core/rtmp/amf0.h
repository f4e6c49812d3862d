#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>

#include <functional>

// AMF0, the value encoding of RTMP commands (type 20) and data messages (type 18).
// Byte-level and synchronous: no sockets, no event loop.
namespace rd::amf0 {

// Wire markers (AMF0 specification, section 2.1).
enum class Marker : quint8
{
    Number = 0x00,
    Boolean = 0x01,
    String = 0x02,
    Object = 0x03,
    MovieClip = 0x04, // reserved, never valid on the wire
    Null = 0x05,
    Undefined = 0x06,
    Reference = 0x07,
    EcmaArray = 0x08,
    ObjectEnd = 0x09,
    StrictArray = 0x0A,
    Date = 0x0B,
    LongString = 0x0C,
    Unsupported = 0x0D,
    RecordSet = 0x0E, // reserved
    XmlDocument = 0x0F,
    TypedObject = 0x10,
    AvmPlus = 0x11, // switch to AMF3; not supported here
};

enum class Type
{
    Number,
    Boolean,
    String,
    Object,
    Null,
    Undefined,
    Reference,
    EcmaArray,
    StrictArray,
    Date,
    LongString,
    XmlDocument,
    TypedObject,
};

QString typeName(Type type);

struct Property;

// One AMF0 value. Objects keep their properties in wire order (the order is part of
// what a transcript should show, and servers do not sort).
class Value
{
public:
    Value() = default; // Undefined

    static Value number(double value);
    static Value boolean(bool value);
    // Encoded with the short String marker when its UTF-8 form fits in 65535 bytes,
    // otherwise as a LongString.
    static Value string(const QString& text);
    static Value longString(const QString& text);
    static Value null();
    static Value undefined();
    static Value object(QList<Property> properties = {});
    static Value ecmaArray(QList<Property> properties = {});
    static Value strictArray(QList<Value> elements = {});
    static Value date(double millisecondsSinceEpoch, qint16 timezoneMinutes = 0);
    static Value xmlDocument(const QString& xml);
    static Value typedObject(const QString& className, QList<Property> properties = {});
    static Value reference(quint16 index);

    Type type() const { return m_type; }
    bool isNumber() const { return m_type == Type::Number; }
    bool isBoolean() const { return m_type == Type::Boolean; }
    bool isString() const { return m_type == Type::String || m_type == Type::LongString; }
    bool isNull() const { return m_type == Type::Null; }
    bool isUndefined() const { return m_type == Type::Undefined; }
    // Object, EcmaArray and TypedObject: anything with named properties.
    bool hasProperties() const;

    double toNumber(double fallback = 0.0) const; // Number and Date; fallback otherwise
    bool toBool(bool fallback = false) const;     // Boolean; fallback otherwise
    QString toString() const;                     // String, LongString, XmlDocument; empty otherwise

    const QList<Property>& properties() const { return m_properties; }
    const QList<Value>& elements() const { return m_elements; }
    // First property with this key, or nullptr. Only meaningful when hasProperties().
    const Value* property(QStringView key) const;
    QString stringProperty(QStringView key) const; // empty when absent or not a string

    double dateMilliseconds() const { return m_number; }
    qint16 dateTimezone() const { return m_timezone; }
    quint16 referenceIndex() const { return m_reference; }
    QString className() const { return m_type == Type::TypedObject ? m_text : QString(); }

    // Applied to every string value and property key before it is shown, so a caller can
    // mask stream keys and tokens in transcripts.
    using StringFilter = std::function<QString(const QString&)>;
    // Compact one-line form, e.g. {level: "status", code: "NetConnection.Connect.Success"}.
    QString toDebugString(const StringFilter& filter = {}) const;

    friend bool operator==(const Value& left, const Value& right);

private:
    Type m_type = Type::Undefined;
    bool m_boolean = false;
    double m_number = 0.0;
    qint16 m_timezone = 0;
    quint16 m_reference = 0;
    QString m_text;
    QList<Property> m_properties;
    QList<Value> m_elements;
};

struct Property
{
    QString key;
    Value value;

    friend bool operator==(const Property&, const Property&) = default;
};

// Appends the encoding of a value. Strings and keys that cannot be represented (a key
// longer than 65535 UTF-8 bytes) are cut at the limit rather than producing a broken stream.
void encodeTo(QByteArray& out, const Value& value);
QByteArray encode(const Value& value);
QByteArray encode(const QList<Value>& values);

enum class DecodeStatus
{
    Ok,
    Truncated,     // the bytes end inside a value
    UnknownMarker, // a marker that is reserved, AMF3 or not a value start
    TooDeep,       // nesting beyond DecodeLimits::maxDepth
    TooLarge,      // more values or longer strings than DecodeLimits allow
};

QString decodeStatusName(DecodeStatus status);

struct DecodeLimits
{
    qsizetype maxValues = 64;           // top-level values
    qsizetype maxTotalValues = 100000;  // every value at every depth
    int maxDepth = 32;                  // nested objects/arrays
    qsizetype maxStringBytes = 1 << 20; // one string, key or XML document
};

struct DecodeResult
{
    DecodeStatus status = DecodeStatus::Ok;
    QList<Value> values;        // complete top-level values before any problem
    qsizetype consumed = 0;     // bytes taken by those values
    qsizetype errorOffset = -1; // where the problem was found, -1 when Ok
    QString message;            // English explanation when not Ok

    bool ok() const { return status == DecodeStatus::Ok; }
};

// Decodes consecutive values until the bytes end. Never allocates in proportion to a
// count or length announced on the wire before the matching bytes are present.
DecodeResult decode(QByteArrayView bytes, const DecodeLimits& limits = {});

} // namespace rd::amf0
