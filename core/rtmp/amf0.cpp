#include "rtmp/amf0.h"

#include <QDateTime>
#include <QLocale>
#include <QtEndian>

#include <bit>
#include <cmath>

using namespace Qt::StringLiterals;

namespace rd::amf0 {

QString typeName(Type type)
{
    switch (type) {
    case Type::Number:
        return u"number"_s;
    case Type::Boolean:
        return u"boolean"_s;
    case Type::String:
        return u"string"_s;
    case Type::Object:
        return u"object"_s;
    case Type::Null:
        return u"null"_s;
    case Type::Undefined:
        return u"undefined"_s;
    case Type::Reference:
        return u"reference"_s;
    case Type::EcmaArray:
        return u"ecma-array"_s;
    case Type::StrictArray:
        return u"strict-array"_s;
    case Type::Date:
        return u"date"_s;
    case Type::LongString:
        return u"long-string"_s;
    case Type::XmlDocument:
        return u"xml-document"_s;
    case Type::TypedObject:
        return u"typed-object"_s;
    }
    return u"unknown"_s;
}

Value Value::number(double value)
{
    Value result;
    result.m_type = Type::Number;
    result.m_number = value;
    return result;
}

Value Value::boolean(bool value)
{
    Value result;
    result.m_type = Type::Boolean;
    result.m_boolean = value;
    return result;
}

Value Value::string(const QString& text)
{
    Value result;
    result.m_type = text.toUtf8().size() > 0xFFFF ? Type::LongString : Type::String;
    result.m_text = text;
    return result;
}

Value Value::longString(const QString& text)
{
    Value result;
    result.m_type = Type::LongString;
    result.m_text = text;
    return result;
}

Value Value::null()
{
    Value result;
    result.m_type = Type::Null;
    return result;
}

Value Value::undefined()
{
    return Value();
}

Value Value::object(QList<Property> properties)
{
    Value result;
    result.m_type = Type::Object;
    result.m_properties = std::move(properties);
    return result;
}

Value Value::ecmaArray(QList<Property> properties)
{
    Value result;
    result.m_type = Type::EcmaArray;
    result.m_properties = std::move(properties);
    return result;
}

Value Value::strictArray(QList<Value> elements)
{
    Value result;
    result.m_type = Type::StrictArray;
    result.m_elements = std::move(elements);
    return result;
}

Value Value::date(double millisecondsSinceEpoch, qint16 timezoneMinutes)
{
    Value result;
    result.m_type = Type::Date;
    result.m_number = millisecondsSinceEpoch;
    result.m_timezone = timezoneMinutes;
    return result;
}

Value Value::xmlDocument(const QString& xml)
{
    Value result;
    result.m_type = Type::XmlDocument;
    result.m_text = xml;
    return result;
}

Value Value::typedObject(const QString& className, QList<Property> properties)
{
    Value result;
    result.m_type = Type::TypedObject;
    result.m_text = className;
    result.m_properties = std::move(properties);
    return result;
}

Value Value::reference(quint16 index)
{
    Value result;
    result.m_type = Type::Reference;
    result.m_reference = index;
    return result;
}

bool Value::hasProperties() const
{
    return m_type == Type::Object || m_type == Type::EcmaArray || m_type == Type::TypedObject;
}

double Value::toNumber(double fallback) const
{
    return (m_type == Type::Number || m_type == Type::Date) ? m_number : fallback;
}

bool Value::toBool(bool fallback) const
{
    return m_type == Type::Boolean ? m_boolean : fallback;
}

QString Value::toString() const
{
    switch (m_type) {
    case Type::String:
    case Type::LongString:
    case Type::XmlDocument:
        return m_text;
    default:
        return {};
    }
}

const Value* Value::property(QStringView key) const
{
    for (const Property& entry : m_properties) {
        if (entry.key == key)
            return &entry.value;
    }
    return nullptr;
}

QString Value::stringProperty(QStringView key) const
{
    const Value* found = property(key);
    return (found && found->isString()) ? found->toString() : QString();
}

bool operator==(const Value& left, const Value& right)
{
    if (left.m_type != right.m_type)
        return false;
    switch (left.m_type) {
    case Type::Number:
        // Bitwise, so a decoded NaN compares equal to the NaN that was encoded.
        return std::bit_cast<quint64>(left.m_number) == std::bit_cast<quint64>(right.m_number);
    case Type::Boolean:
        return left.m_boolean == right.m_boolean;
    case Type::String:
    case Type::LongString:
    case Type::XmlDocument:
        return left.m_text == right.m_text;
    case Type::Object:
    case Type::EcmaArray:
        return left.m_properties == right.m_properties;
    case Type::TypedObject:
        return left.m_text == right.m_text && left.m_properties == right.m_properties;
    case Type::StrictArray:
        return left.m_elements == right.m_elements;
    case Type::Date:
        return std::bit_cast<quint64>(left.m_number) == std::bit_cast<quint64>(right.m_number) &&
               left.m_timezone == right.m_timezone;
    case Type::Reference:
        return left.m_reference == right.m_reference;
    case Type::Null:
    case Type::Undefined:
        return true;
    }
    return false;
}

namespace {

QString formatNumber(double value)
{
    if (std::isnan(value))
        return u"NaN"_s;
    if (std::isinf(value))
        return value > 0 ? u"Infinity"_s : u"-Infinity"_s;
    // Integers are the common case (transaction ids, capabilities, sizes); show them without
    // an exponent, which the shortest 'g' form would use for 5000000.
    constexpr double exactIntegerLimit = 9007199254740992.0; // 2^53
    if (std::trunc(value) == value && std::fabs(value) < exactIntegerLimit) {
        if (value == 0.0 && std::signbit(value))
            return u"-0"_s;
        return QString::number(static_cast<qint64>(value));
    }
    return QString::number(value, 'g', QLocale::FloatingPointShortest);
}

QString quoted(const QString& text)
{
    constexpr qsizetype shownCharacters = 256;
    QString result;
    result.reserve(qMin(text.size(), shownCharacters) + 2);
    result += u'"';
    const qsizetype shown = qMin(text.size(), shownCharacters);
    for (qsizetype i = 0; i < shown; ++i) {
        const QChar character = text.at(i);
        switch (character.unicode()) {
        case u'"':
            result += u"\\\""_s;
            break;
        case u'\\':
            result += u"\\\\"_s;
            break;
        case u'\n':
            result += u"\\n"_s;
            break;
        case u'\r':
            result += u"\\r"_s;
            break;
        case u'\t':
            result += u"\\t"_s;
            break;
        default:
            if (character.unicode() < 0x20 || character.unicode() == 0x7F)
                result += u"\\x%1"_s.arg(uint(character.unicode()), 2, 16, QLatin1Char('0'));
            else
                result += character;
        }
    }
    result += u'"';
    if (text.size() > shown)
        result += u"...(+%1 chars)"_s.arg(text.size() - shown);
    return result;
}

QString applyFilter(const Value::StringFilter& filter, const QString& text)
{
    return filter ? filter(text) : text;
}

QString propertiesDebugString(const QList<Property>& properties, const Value::StringFilter& filter)
{
    QString result = u"{"_s;
    bool first = true;
    for (const Property& entry : properties) {
        if (!first)
            result += u", "_s;
        first = false;
        result += applyFilter(filter, entry.key);
        result += u": "_s;
        result += entry.value.toDebugString(filter);
    }
    result += u'}';
    return result;
}

} // namespace

QString Value::toDebugString(const StringFilter& filter) const
{
    switch (m_type) {
    case Type::Number:
        return formatNumber(m_number);
    case Type::Boolean:
        return m_boolean ? u"true"_s : u"false"_s;
    case Type::String:
    case Type::LongString:
        return quoted(applyFilter(filter, m_text));
    case Type::XmlDocument:
        return u"xml"_s + quoted(applyFilter(filter, m_text));
    case Type::Null:
        return u"null"_s;
    case Type::Undefined:
        return u"undefined"_s;
    case Type::Reference:
        return u"ref#%1"_s.arg(m_reference);
    case Type::Object:
        return propertiesDebugString(m_properties, filter);
    case Type::EcmaArray:
        return u"ecma"_s + propertiesDebugString(m_properties, filter);
    case Type::TypedObject:
        return applyFilter(filter, m_text) + propertiesDebugString(m_properties, filter);
    case Type::StrictArray: {
        QString result = u"["_s;
        for (qsizetype i = 0; i < m_elements.size(); ++i) {
            if (i > 0)
                result += u", "_s;
            result += m_elements.at(i).toDebugString(filter);
        }
        result += u']';
        return result;
    }
    case Type::Date: {
        QString when = formatNumber(m_number);
        if (std::isfinite(m_number) && std::fabs(m_number) < 8.64e15) {
            when = QDateTime::fromMSecsSinceEpoch(static_cast<qint64>(m_number), Qt::UTC)
                       .toString(Qt::ISODateWithMs);
        }
        return m_timezone == 0 ? u"date(%1)"_s.arg(when) : u"date(%1, tz %2)"_s.arg(when).arg(m_timezone);
    }
    }
    return u"?"_s;
}

namespace {

void appendU16(QByteArray& out, quint16 value)
{
    out.append(static_cast<char>(value >> 8));
    out.append(static_cast<char>(value & 0xFF));
}

void appendU32(QByteArray& out, quint32 value)
{
    out.append(static_cast<char>(value >> 24));
    out.append(static_cast<char>((value >> 16) & 0xFF));
    out.append(static_cast<char>((value >> 8) & 0xFF));
    out.append(static_cast<char>(value & 0xFF));
}

void appendDouble(QByteArray& out, double value)
{
    const quint64 bits = std::bit_cast<quint64>(value);
    appendU32(out, static_cast<quint32>(bits >> 32));
    appendU32(out, static_cast<quint32>(bits & 0xFFFFFFFFu));
}

void appendMarker(QByteArray& out, Marker marker)
{
    out.append(static_cast<char>(marker));
}

// UTF-8 cut at a character boundary so the result stays valid text.
QByteArray utf8Limited(const QString& text, qsizetype limit)
{
    QByteArray utf8 = text.toUtf8();
    if (utf8.size() <= limit)
        return utf8;
    qsizetype cut = limit;
    while (cut > 0 && (static_cast<quint8>(utf8.at(cut)) & 0xC0) == 0x80)
        --cut;
    utf8.truncate(cut);
    return utf8;
}

void appendShortUtf8(QByteArray& out, const QString& text)
{
    const QByteArray utf8 = utf8Limited(text, 0xFFFF);
    appendU16(out, static_cast<quint16>(utf8.size()));
    out.append(utf8);
}

void appendLongUtf8(QByteArray& out, const QString& text)
{
    const QByteArray utf8 = text.toUtf8();
    appendU32(out, static_cast<quint32>(utf8.size()));
    out.append(utf8);
}

void appendProperties(QByteArray& out, const QList<Property>& properties)
{
    for (const Property& entry : properties) {
        appendShortUtf8(out, entry.key);
        encodeTo(out, entry.value);
    }
    appendU16(out, 0);
    appendMarker(out, Marker::ObjectEnd);
}

} // namespace

void encodeTo(QByteArray& out, const Value& value)
{
    switch (value.type()) {
    case Type::Number:
        appendMarker(out, Marker::Number);
        appendDouble(out, value.toNumber());
        return;
    case Type::Boolean:
        appendMarker(out, Marker::Boolean);
        out.append(value.toBool() ? '\x01' : '\x00');
        return;
    case Type::String: {
        const QByteArray utf8 = value.toString().toUtf8();
        if (utf8.size() > 0xFFFF) {
            appendMarker(out, Marker::LongString);
            appendLongUtf8(out, value.toString());
        } else {
            appendMarker(out, Marker::String);
            appendShortUtf8(out, value.toString());
        }
        return;
    }
    case Type::LongString:
        appendMarker(out, Marker::LongString);
        appendLongUtf8(out, value.toString());
        return;
    case Type::XmlDocument:
        appendMarker(out, Marker::XmlDocument);
        appendLongUtf8(out, value.toString());
        return;
    case Type::Null:
        appendMarker(out, Marker::Null);
        return;
    case Type::Undefined:
        appendMarker(out, Marker::Undefined);
        return;
    case Type::Reference:
        appendMarker(out, Marker::Reference);
        appendU16(out, value.referenceIndex());
        return;
    case Type::Object:
        appendMarker(out, Marker::Object);
        appendProperties(out, value.properties());
        return;
    case Type::EcmaArray:
        appendMarker(out, Marker::EcmaArray);
        appendU32(out, static_cast<quint32>(value.properties().size()));
        appendProperties(out, value.properties());
        return;
    case Type::TypedObject:
        appendMarker(out, Marker::TypedObject);
        appendShortUtf8(out, value.className());
        appendProperties(out, value.properties());
        return;
    case Type::StrictArray:
        appendMarker(out, Marker::StrictArray);
        appendU32(out, static_cast<quint32>(value.elements().size()));
        for (const Value& element : value.elements())
            encodeTo(out, element);
        return;
    case Type::Date:
        appendMarker(out, Marker::Date);
        appendDouble(out, value.dateMilliseconds());
        appendU16(out, static_cast<quint16>(value.dateTimezone()));
        return;
    }
}

QByteArray encode(const Value& value)
{
    QByteArray out;
    encodeTo(out, value);
    return out;
}

QByteArray encode(const QList<Value>& values)
{
    QByteArray out;
    for (const Value& value : values)
        encodeTo(out, value);
    return out;
}

QString decodeStatusName(DecodeStatus status)
{
    switch (status) {
    case DecodeStatus::Ok:
        return u"ok"_s;
    case DecodeStatus::Truncated:
        return u"truncated"_s;
    case DecodeStatus::UnknownMarker:
        return u"unknown-marker"_s;
    case DecodeStatus::TooDeep:
        return u"too-deep"_s;
    case DecodeStatus::TooLarge:
        return u"too-large"_s;
    }
    return u"unknown"_s;
}

namespace {

class Decoder
{
public:
    Decoder(QByteArrayView bytes, const DecodeLimits& limits)
        : m_bytes(bytes)
        , m_limits(limits)
    {}

    DecodeResult run()
    {
        DecodeResult result;
        while (m_position < m_bytes.size()) {
            if (result.values.size() >= m_limits.maxValues) {
                fail(DecodeStatus::TooLarge, m_position,
                     u"more than %1 top-level values"_s.arg(m_limits.maxValues));
                break;
            }
            Value value;
            if (!readValue(value, 0))
                break;
            result.values.append(std::move(value));
            result.consumed = m_position;
        }
        result.status = m_status;
        result.errorOffset = m_status == DecodeStatus::Ok ? -1 : m_errorOffset;
        result.message = m_message;
        return result;
    }

private:
    qsizetype remaining() const { return m_bytes.size() - m_position; }

    bool fail(DecodeStatus status, qsizetype offset, const QString& message)
    {
        m_status = status;
        m_errorOffset = offset;
        m_message = message;
        return false;
    }

    bool need(qsizetype count)
    {
        if (remaining() >= count)
            return true;
        return fail(DecodeStatus::Truncated, m_position,
                    u"value needs %1 more bytes at offset %2 but only %3 remain"_s.arg(count)
                        .arg(m_position)
                        .arg(remaining()));
    }

    quint8 takeU8() { return static_cast<quint8>(m_bytes[m_position++]); }

    quint16 takeU16()
    {
        const quint16 value = qFromBigEndian<quint16>(m_bytes.data() + m_position);
        m_position += 2;
        return value;
    }

    quint32 takeU32()
    {
        const quint32 value = qFromBigEndian<quint32>(m_bytes.data() + m_position);
        m_position += 4;
        return value;
    }

    double takeDouble()
    {
        const quint64 bits = qFromBigEndian<quint64>(m_bytes.data() + m_position);
        m_position += 8;
        return std::bit_cast<double>(bits);
    }

    bool readUtf8(qsizetype length, QString& out)
    {
        if (length > m_limits.maxStringBytes) {
            return fail(
                DecodeStatus::TooLarge, m_position,
                u"string of %1 bytes exceeds the limit of %2"_s.arg(length).arg(m_limits.maxStringBytes));
        }
        if (!need(length))
            return false;
        out = QString::fromUtf8(m_bytes.sliced(m_position, length));
        m_position += length;
        return true;
    }

    bool readShortString(QString& out)
    {
        if (!need(2))
            return false;
        return readUtf8(takeU16(), out);
    }

    bool readLongString(QString& out)
    {
        if (!need(4))
            return false;
        const qsizetype lengthOffset = m_position;
        const quint32 length = takeU32();
        if (length > m_limits.maxStringBytes) {
            return fail(
                DecodeStatus::TooLarge, lengthOffset,
                u"string of %1 bytes exceeds the limit of %2"_s.arg(length).arg(m_limits.maxStringBytes));
        }
        return readUtf8(length, out);
    }

    bool countValue(qsizetype markerOffset)
    {
        if (++m_totalValues <= m_limits.maxTotalValues)
            return true;
        return fail(DecodeStatus::TooLarge, markerOffset,
                    u"more than %1 values in total"_s.arg(m_limits.maxTotalValues));
    }

    // Properties up to the empty key + ObjectEnd marker.
    bool readProperties(QList<Property>& out, int depth)
    {
        for (;;) {
            if (!need(2))
                return false;
            const qsizetype keyOffset = m_position;
            const quint16 keyLength = takeU16();
            if (keyLength == 0) {
                if (!need(1))
                    return false;
                if (static_cast<quint8>(m_bytes[m_position]) == static_cast<quint8>(Marker::ObjectEnd)) {
                    ++m_position;
                    return true;
                }
            }
            m_position = keyOffset;
            Property entry;
            if (!readShortString(entry.key))
                return false;
            if (!readValue(entry.value, depth))
                return false;
            out.append(std::move(entry));
        }
    }

    bool readValue(Value& out, int depth)
    {
        if (!need(1))
            return false;
        const qsizetype markerOffset = m_position;
        const quint8 marker = takeU8();
        if (!countValue(markerOffset))
            return false;

        switch (static_cast<Marker>(marker)) {
        case Marker::Number:
            if (!need(8))
                return false;
            out = Value::number(takeDouble());
            return true;
        case Marker::Boolean:
            if (!need(1))
                return false;
            out = Value::boolean(takeU8() != 0);
            return true;
        case Marker::String: {
            QString text;
            if (!readShortString(text))
                return false;
            out = Value::string(text);
            return true;
        }
        case Marker::LongString: {
            QString text;
            if (!readLongString(text))
                return false;
            out = Value::longString(text);
            return true;
        }
        case Marker::XmlDocument: {
            QString text;
            if (!readLongString(text))
                return false;
            out = Value::xmlDocument(text);
            return true;
        }
        case Marker::Null:
            out = Value::null();
            return true;
        case Marker::Undefined:
            out = Value::undefined();
            return true;
        case Marker::Reference:
            if (!need(2))
                return false;
            out = Value::reference(takeU16());
            return true;
        case Marker::Date: {
            if (!need(10))
                return false;
            const double milliseconds = takeDouble();
            out = Value::date(milliseconds, static_cast<qint16>(takeU16()));
            return true;
        }
        case Marker::Object:
        case Marker::EcmaArray:
        case Marker::TypedObject:
        case Marker::StrictArray:
            break;
        case Marker::MovieClip:
        case Marker::ObjectEnd:
        case Marker::Unsupported:
        case Marker::RecordSet:
        case Marker::AvmPlus:
        default:
            return fail(DecodeStatus::UnknownMarker, markerOffset,
                        u"marker 0x%1 at offset %2 is not a supported AMF0 value"_s
                            .arg(uint(marker), 2, 16, QLatin1Char('0'))
                            .arg(markerOffset));
        }

        if (depth >= m_limits.maxDepth) {
            return fail(
                DecodeStatus::TooDeep, markerOffset,
                u"nesting deeper than %1 levels at offset %2"_s.arg(m_limits.maxDepth).arg(markerOffset));
        }

        switch (static_cast<Marker>(marker)) {
        case Marker::Object: {
            QList<Property> properties;
            if (!readProperties(properties, depth + 1))
                return false;
            out = Value::object(std::move(properties));
            return true;
        }
        case Marker::EcmaArray: {
            // The announced count is only a hint (encoders get it wrong); the end marker decides.
            if (!need(4))
                return false;
            takeU32();
            QList<Property> properties;
            if (!readProperties(properties, depth + 1))
                return false;
            out = Value::ecmaArray(std::move(properties));
            return true;
        }
        case Marker::TypedObject: {
            QString className;
            if (!readShortString(className))
                return false;
            QList<Property> properties;
            if (!readProperties(properties, depth + 1))
                return false;
            out = Value::typedObject(className, std::move(properties));
            return true;
        }
        case Marker::StrictArray: {
            if (!need(4))
                return false;
            const qsizetype countOffset = m_position;
            const quint32 count = takeU32();
            // Every element takes at least its marker byte, so a count larger than what is left
            // cannot be satisfied; saying so now avoids looping over an attacker's 4 billion.
            if (count > static_cast<quint64>(remaining())) {
                return fail(DecodeStatus::Truncated, countOffset,
                            u"strict array announces %1 elements but only %2 bytes remain"_s.arg(count).arg(
                                remaining()));
            }
            QList<Value> elements;
            for (quint32 i = 0; i < count; ++i) {
                Value element;
                if (!readValue(element, depth + 1))
                    return false;
                elements.append(std::move(element));
            }
            out = Value::strictArray(std::move(elements));
            return true;
        }
        default:
            break;
        }
        return false;
    }

    QByteArrayView m_bytes;
    DecodeLimits m_limits;
    qsizetype m_position = 0;
    qsizetype m_totalValues = 0;
    DecodeStatus m_status = DecodeStatus::Ok;
    qsizetype m_errorOffset = -1;
    QString m_message;
};

} // namespace

DecodeResult decode(QByteArrayView bytes, const DecodeLimits& limits)
{
    return Decoder(bytes, limits).run();
}

} // namespace rd::amf0
