#pragma once

#include "catalog/catalogerror.h"
#include "url/ingesturl.h" // PathLayout: how an encoder lays out its URL

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace rd {

enum class EncoderKind
{
    Software,
    Hardware,
    Mobile,
    VideoChat,
    CommandLine,
    Other,
};

// The spelling used in encoders.json: "software", "hardware", "mobile",
// "video-chat", "command-line", "other".
QString encoderKindName(EncoderKind kind);
std::optional<EncoderKind> encoderKindFromName(const QString& name);

// PathLayout (url/ingesturl.h) as spelt in encoders.json: "app-then-stream", "app-only".
QString pathLayoutName(PathLayout layout);
std::optional<PathLayout> pathLayoutFromName(const QString& name);

struct EncoderInfo
{
    QString id; // stable kebab-case key, e.g. "obs-studio"
    QString name;
    QString vendor; // may be empty when the source names none
    EncoderKind kind = EncoderKind::Other;
    QStringList schemes; // lower case, e.g. {"rtmp", "rtmps"}
    bool needsStreamKey = true;
    PathLayout pathLayout = PathLayout::AppThenStream;
    bool separateKeyField = true; // its UI has a field for the key apart from the URL
    bool recommendedByAzure = false;
    QString errorsWhere;       // where the user sees its error messages
    QString logsWhere;         // where its logs are
    QStringList typicalErrors; // texts (or their start) users paste from it
    QStringList notes;
    QStringList keywords;
    QString iconId; // e.g. "kinds/software"; see iconResourcePath()

    bool supportsScheme(const QString& scheme) const; // case-insensitive
    // The icon in the ui library's resources, e.g. ":/icons/kinds/software.svg".
    QString iconResourcePath() const;
};

class EncoderCatalog
{
public:
    static QString builtInPath(); // ":/catalogs/encoders.json"

    // Nothing on failure, with *error (if given) naming file, entry and field.
    static std::optional<EncoderCatalog> load(const QString& path, CatalogError* error);
    static std::optional<EncoderCatalog> fromJson(const QByteArray& json, const QString& fileName,
                                                  CatalogError* error);

    // An empty catalog; load() and fromJson() never produce one.
    EncoderCatalog() = default;

    const QList<EncoderInfo>& encoders() const { return m_encoders; }
    // Points into this catalog; valid while the catalog lives. Null if unknown.
    const EncoderInfo* find(const QString& id) const;

    // Every word of `text` must occur in the name, vendor, id, kind or a
    // keyword, ignoring case and diacritics. Names starting with the text come
    // first, then names containing every word, then the rest, each group in
    // catalog order. Blank text returns every encoder.
    QList<EncoderInfo> search(const QString& text) const;

private:
    QList<EncoderInfo> m_encoders;
};

} // namespace rd
