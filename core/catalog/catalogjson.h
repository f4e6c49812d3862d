#pragma once

// Internal helpers shared by the catalog loaders; not part of the public API.

#include "catalog/catalogerror.h"

#include <QByteArray>
#include <QDate>
#include <QJsonArray>
#include <QJsonObject>
#include <QLatin1StringView>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace rd::catalogdetail {

// The schema this build understands; a file with another number is refused
// rather than half-understood.
inline constexpr int kSchemaVersion = 1;

// URL schemes a catalog may name.
const QStringList& knownSchemes();
bool isKnownScheme(const QString& scheme);

// Folds case and strips diacritics so "TÉLÉSTREAM" finds "Telestream".
QString foldForSearch(QStringView text);

// Ids are stable keys used by other code and by saved reports.
bool isKebabCaseId(const QString& id);

QString fileNameOf(const QString& path);

// Keeps the first problem found in one file; later ones are usually knock-on effects.
class ErrorSink
{
public:
    explicit ErrorSink(QString fileName);

    bool failed() const { return m_failed; }
    const QString& fileName() const { return m_error.file; }
    const CatalogError& error() const { return m_error; }
    void fail(const QString& entry, const QString& field, const QString& message);

private:
    CatalogError m_error;
    bool m_failed = false;
};

enum class Presence
{
    Required,
    Optional,
};

enum class Emptiness
{
    Allowed,
    Refused,
};

// Reads typed fields of one JSON object and reports type errors with the full
// field path. After the first failure every read returns a default value, so
// callers may read on and check failed() once.
class ObjectReader
{
public:
    ObjectReader(ErrorSink& sink, QJsonObject object, QString entry, QString fieldPrefix = {});

    bool failed() const { return m_sink->failed(); }
    const QJsonObject& jsonObject() const { return m_object; }
    const QString& entry() const { return m_entry; }
    void setEntry(const QString& entry) { m_entry = entry; }
    QString fieldPath(const QString& key) const;

    void fail(const QString& key, const QString& message);
    void failWhole(const QString& message);

    QString string(QLatin1StringView key, Presence presence, Emptiness emptiness);
    bool boolean(QLatin1StringView key);
    quint16 port(QLatin1StringView key);
    QDate date(QLatin1StringView key, Presence presence);
    QStringList stringList(QLatin1StringView key, Presence presence, Emptiness emptyList);
    QJsonObject object(QLatin1StringView key, Presence presence);
    QJsonArray array(QLatin1StringView key, Presence presence);

    // A misspelt optional field would otherwise be ignored without a word.
    void rejectUnknownKeys(const QList<QLatin1StringView>& knownKeys);

    ObjectReader child(const QJsonObject& object, const QString& relativeField) const;

private:
    bool lookUp(QLatin1StringView key, Presence presence, QJsonValue* value);

    ErrorSink* m_sink;
    QJsonObject m_object;
    QString m_entry;
    QString m_fieldPrefix;
};

QString entryLabel(qsizetype index, const QString& id = {});

// Reads the file (a path or a ":/" resource). Reports an unreadable file in sink.
std::optional<QByteArray> readFile(const QString& path, ErrorSink& sink);

// Parses the document, checks "schemaVersion" and returns the top-level object.
std::optional<QJsonObject> parseDocument(const QByteArray& json, ErrorSink& sink);

// Returns the entries array `key` of the top-level object; refuses a missing
// or empty list because an empty catalog would silently disable features.
std::optional<QJsonArray> entriesArray(const QJsonObject& root, QLatin1StringView key, ErrorSink& sink);

} // namespace rd::catalogdetail
