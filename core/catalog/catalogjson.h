#pragma once

// Internal helpers shared by the catalog loaders; not part of the public API.

#include "catalog/catalogerror.h"

#include <QByteArray>
#include <QDate>
#include <QHash>
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

// Reads a catalog file (a path or a ":/" resource) and hands it to
// Catalog::fromJson, so both catalogs report an unreadable file the same way.
template <typename Catalog>
std::optional<Catalog> loadCatalogFile(const QString& path, CatalogError* error)
{
    ErrorSink sink(fileNameOf(path));
    const std::optional<QByteArray> json = readFile(path, sink);
    if (!json) {
        if (error)
            *error = sink.error();
        return std::nullopt;
    }
    return Catalog::fromJson(*json, sink.fileName(), error);
}

// Reads every entry of `entries` with readEntry(ObjectReader&) -> std::optional<Info>
// and refuses a repeated id, naming the earlier entry. Returns the ids by entry
// index, or nullopt after the first problem (reported in sink).
template <typename Info, typename ReadEntry>
std::optional<QHash<QString, qsizetype>> readUniqueEntries(const QJsonArray& entries, ErrorSink& sink,
                                                           ReadEntry readEntry, QList<Info>& out)
{
    QHash<QString, qsizetype> indexById;
    for (qsizetype index = 0; index < entries.size(); ++index) {
        const QJsonValue value = entries.at(index);
        if (!value.isObject()) {
            sink.fail(entryLabel(index), {}, QStringLiteral("expected an object"));
            return std::nullopt;
        }
        ObjectReader reader(sink, value.toObject(), entryLabel(index));
        std::optional<Info> info = readEntry(reader);
        if (!info)
            return std::nullopt;
        if (const auto earlier = indexById.constFind(info->id); earlier != indexById.constEnd()) {
            reader.fail(QStringLiteral("id"),
                        QStringLiteral("the same id as entry %1; ids must be unique").arg(earlier.value()));
            return std::nullopt;
        }
        indexById.insert(info->id, index);
        out.append(std::move(*info));
    }
    return indexById;
}

} // namespace rd::catalogdetail
