#include "catalog/catalogjson.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QRegularExpression>

#include <cmath>

using namespace Qt::StringLiterals;

namespace rd::catalogdetail {

const QStringList& knownSchemes()
{
    static const QStringList schemes{u"rtmp"_s, u"rtmps"_s, u"rtmpt"_s, u"rtmpts"_s, u"rtmpe"_s, u"rtmpte"_s};
    return schemes;
}

bool isKnownScheme(const QString& scheme)
{
    return knownSchemes().contains(scheme);
}

QString foldForSearch(QStringView text)
{
    const QString decomposed = text.toString().normalized(QString::NormalizationForm_KD);
    QString folded;
    folded.reserve(decomposed.size());
    for (const QChar character : decomposed) {
        if (character.category() == QChar::Mark_NonSpacing)
            continue;
        folded += character.toCaseFolded();
    }
    return folded;
}

bool isKebabCaseId(const QString& id)
{
    static const QRegularExpression pattern(u"^[a-z0-9]+(-[a-z0-9]+)*$"_s);
    return pattern.match(id).hasMatch();
}

QString fileNameOf(const QString& path)
{
    return QFileInfo(path).fileName();
}

ErrorSink::ErrorSink(QString fileName)
{
    m_error.file = std::move(fileName);
}

void ErrorSink::fail(const QString& entry, const QString& field, const QString& message)
{
    if (m_failed)
        return;
    m_failed = true;
    m_error.entry = entry;
    m_error.field = field;
    m_error.message = message;
}

ObjectReader::ObjectReader(ErrorSink& sink, QJsonObject object, QString entry, QString fieldPrefix)
    : m_sink(&sink)
    , m_object(std::move(object))
    , m_entry(std::move(entry))
    , m_fieldPrefix(std::move(fieldPrefix))
{}

QString ObjectReader::fieldPath(const QString& key) const
{
    if (m_fieldPrefix.isEmpty())
        return key;
    if (key.isEmpty())
        return m_fieldPrefix;
    return m_fieldPrefix + u'.' + key;
}

void ObjectReader::fail(const QString& key, const QString& message)
{
    m_sink->fail(m_entry, fieldPath(key), message);
}

void ObjectReader::failWhole(const QString& message)
{
    m_sink->fail(m_entry, m_fieldPrefix, message);
}

bool ObjectReader::lookUp(QLatin1StringView key, Presence presence, QJsonValue* value)
{
    if (failed())
        return false;
    const auto found = m_object.constFind(key);
    if (found == m_object.constEnd()) {
        if (presence == Presence::Required)
            fail(key, u"is missing"_s);
        return false;
    }
    *value = found.value();
    return true;
}

QString ObjectReader::string(QLatin1StringView key, Presence presence, Emptiness emptiness)
{
    QJsonValue value;
    if (!lookUp(key, presence, &value))
        return {};
    if (!value.isString()) {
        fail(key, u"expected a string"_s);
        return {};
    }
    QString text = value.toString();
    if (emptiness == Emptiness::Refused && text.trimmed().isEmpty()) {
        fail(key, u"must not be empty"_s);
        return {};
    }
    return text;
}

bool ObjectReader::boolean(QLatin1StringView key)
{
    QJsonValue value;
    if (!lookUp(key, Presence::Required, &value))
        return false;
    if (!value.isBool()) {
        fail(key, u"expected true or false"_s);
        return false;
    }
    return value.toBool();
}

quint16 ObjectReader::port(QLatin1StringView key)
{
    QJsonValue value;
    if (!lookUp(key, Presence::Required, &value))
        return 0;
    const double number = value.isDouble() ? value.toDouble() : -1.0;
    if (number < 1.0 || number > 65535.0 || std::floor(number) != number) {
        fail(key, u"expected a port number from 1 to 65535"_s);
        return 0;
    }
    return static_cast<quint16>(number);
}

QDate ObjectReader::date(QLatin1StringView key, Presence presence)
{
    QJsonValue value;
    if (!lookUp(key, presence, &value))
        return {};
    const QDate parsed = value.isString() ? QDate::fromString(value.toString(), Qt::ISODate) : QDate();
    if (!parsed.isValid()) {
        fail(key, u"expected a date written as YYYY-MM-DD"_s);
        return {};
    }
    return parsed;
}

QStringList ObjectReader::stringList(QLatin1StringView key, Presence presence, Emptiness emptyList)
{
    QJsonValue value;
    if (!lookUp(key, presence, &value))
        return {};
    if (!value.isArray()) {
        fail(key, u"expected an array of strings"_s);
        return {};
    }
    const QJsonArray array = value.toArray();
    QStringList strings;
    strings.reserve(array.size());
    for (const QJsonValue& item : array) {
        if (!item.isString() || item.toString().trimmed().isEmpty()) {
            fail(key, u"expected an array of strings"_s);
            return {};
        }
        strings.append(item.toString());
    }
    if (emptyList == Emptiness::Refused && strings.isEmpty()) {
        fail(key, u"must not be an empty list"_s);
        return {};
    }
    return strings;
}

QJsonObject ObjectReader::object(QLatin1StringView key, Presence presence)
{
    QJsonValue value;
    if (!lookUp(key, presence, &value))
        return {};
    if (!value.isObject()) {
        fail(key, u"expected an object"_s);
        return {};
    }
    return value.toObject();
}

QJsonArray ObjectReader::array(QLatin1StringView key, Presence presence)
{
    QJsonValue value;
    if (!lookUp(key, presence, &value))
        return {};
    if (!value.isArray()) {
        fail(key, u"expected an array"_s);
        return {};
    }
    return value.toArray();
}

void ObjectReader::rejectUnknownKeys(const QList<QLatin1StringView>& knownKeys)
{
    if (failed())
        return;
    for (auto it = m_object.constBegin(); it != m_object.constEnd(); ++it) {
        if (!knownKeys.contains(it.key())) {
            fail(it.key(), u"unknown field (misspelt, or meant for a newer schema version?)"_s);
            return;
        }
    }
}

ObjectReader ObjectReader::child(const QJsonObject& object, const QString& relativeField) const
{
    return ObjectReader(*m_sink, object, m_entry, fieldPath(relativeField));
}

QString entryLabel(qsizetype index, const QString& id)
{
    QString label = u"entry "_s + QString::number(index);
    if (!id.isEmpty())
        label += u" (\""_s + id + u"\")"_s;
    return label;
}

std::optional<QByteArray> readFile(const QString& path, ErrorSink& sink)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        sink.fail({}, {}, u"cannot be read: "_s + file.errorString());
        return std::nullopt;
    }
    return file.readAll();
}

std::optional<QJsonObject> parseDocument(const QByteArray& json, ErrorSink& sink)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        sink.fail({}, {},
                  u"not valid JSON: "_s + parseError.errorString() + u" at offset "_s +
                      QString::number(parseError.offset));
        return std::nullopt;
    }
    if (!document.isObject()) {
        sink.fail({}, {}, u"expected a JSON object at the top level"_s);
        return std::nullopt;
    }
    const QJsonObject root = document.object();
    const QJsonValue version = root.value("schemaVersion"_L1);
    if (version.isUndefined()) {
        sink.fail({}, u"schemaVersion"_s, u"is missing"_s);
        return std::nullopt;
    }
    if (!version.isDouble() || version.toDouble() != kSchemaVersion) {
        const QString found =
            version.isDouble() ? QString::number(version.toDouble()) : u"a value that is not a number"_s;
        sink.fail({}, u"schemaVersion"_s,
                  u"this build reads version %1, the file has %2"_s.arg(kSchemaVersion).arg(found));
        return std::nullopt;
    }
    return root;
}

std::optional<QJsonArray> entriesArray(const QJsonObject& root, QLatin1StringView key, ErrorSink& sink)
{
    const QJsonValue value = root.value(key);
    if (value.isUndefined()) {
        sink.fail({}, key, u"is missing"_s);
        return std::nullopt;
    }
    if (!value.isArray()) {
        sink.fail({}, key, u"expected an array of entries"_s);
        return std::nullopt;
    }
    if (value.toArray().isEmpty()) {
        sink.fail({}, key, u"the list is empty; a catalog needs at least one entry"_s);
        return std::nullopt;
    }
    return value.toArray();
}

} // namespace rd::catalogdetail
