#include "catalog/encodercatalog.h"

#include "catalog/catalogjson.h"

#include <QHash>

#include <algorithm>
#include <array>
#include <utility>

using namespace Qt::StringLiterals;

namespace rd {

namespace {

using namespace catalogdetail;

constexpr std::array kKindNames{
    std::pair{EncoderKind::Software, "software"_L1},
    std::pair{EncoderKind::Hardware, "hardware"_L1},
    std::pair{EncoderKind::Mobile, "mobile"_L1},
    std::pair{EncoderKind::VideoChat, "video-chat"_L1},
    std::pair{EncoderKind::CommandLine, "command-line"_L1},
    std::pair{EncoderKind::Other, "other"_L1},
};

constexpr std::array kLayoutNames{
    std::pair{PathLayout::AppThenStream, "app-then-stream"_L1},
    std::pair{PathLayout::AppOnly, "app-only"_L1},
};

template <typename Enum, std::size_t Count>
QString nameOf(const std::array<std::pair<Enum, QLatin1StringView>, Count>& table, Enum value)
{
    for (const auto& [candidate, name] : table) {
        if (candidate == value)
            return name;
    }
    return {};
}

template <typename Enum, std::size_t Count>
std::optional<Enum> valueOf(const std::array<std::pair<Enum, QLatin1StringView>, Count>& table,
                            const QString& name)
{
    for (const auto& [value, candidate] : table) {
        if (candidate == name)
            return value;
    }
    return std::nullopt;
}

template <typename Enum, std::size_t Count>
QString allNames(const std::array<std::pair<Enum, QLatin1StringView>, Count>& table)
{
    QStringList names;
    for (const auto& entry : table)
        names.append(entry.second);
    return names.join(u", "_s);
}

const QList<QLatin1StringView> kEncoderFields{
    "id"_L1,
    "name"_L1,
    "vendor"_L1,
    "kind"_L1,
    "schemes"_L1,
    "needsStreamKey"_L1,
    "pathLayout"_L1,
    "separateKeyField"_L1,
    "recommendedByAzure"_L1,
    "errorsWhere"_L1,
    "logsWhere"_L1,
    "typicalErrors"_L1,
    "notes"_L1,
    "iconId"_L1,
    "keywords"_L1,
};

std::optional<EncoderInfo> readEncoder(ObjectReader& reader)
{
    EncoderInfo info;
    info.id = reader.string("id"_L1, Presence::Required, Emptiness::Refused);
    if (reader.failed())
        return std::nullopt;
    if (!isKebabCaseId(info.id)) {
        reader.fail(
            u"id"_s,
            u"\"%1\" is not a kebab-case id (lower-case letters and digits joined by single hyphens)"_s.arg(
                info.id));
        return std::nullopt;
    }
    reader.setEntry(reader.entry() + u" (\""_s + info.id + u"\")"_s);
    reader.rejectUnknownKeys(kEncoderFields);

    info.name = reader.string("name"_L1, Presence::Required, Emptiness::Refused);
    info.vendor = reader.string("vendor"_L1, Presence::Required, Emptiness::Allowed);

    const QString kindName = reader.string("kind"_L1, Presence::Required, Emptiness::Refused);
    if (!reader.failed()) {
        if (const auto kind = valueOf(kKindNames, kindName))
            info.kind = *kind;
        else
            reader.fail(u"kind"_s, u"unknown kind \"%1\" (known: %2)"_s.arg(kindName, allNames(kKindNames)));
    }

    info.schemes = reader.stringList("schemes"_L1, Presence::Required, Emptiness::Refused);
    for (const QString& scheme : std::as_const(info.schemes)) {
        if (reader.failed())
            break;
        if (!isKnownScheme(scheme)) {
            reader.fail(u"schemes"_s,
                        u"unknown scheme \"%1\" (known: %2)"_s.arg(scheme, knownSchemes().join(u", "_s)));
        } else if (info.schemes.count(scheme) > 1) {
            reader.fail(u"schemes"_s, u"scheme \"%1\" is listed twice"_s.arg(scheme));
        }
    }

    info.needsStreamKey = reader.boolean("needsStreamKey"_L1);
    const QString layoutName = reader.string("pathLayout"_L1, Presence::Required, Emptiness::Refused);
    if (!reader.failed()) {
        if (const auto layout = valueOf(kLayoutNames, layoutName))
            info.pathLayout = *layout;
        else
            reader.fail(u"pathLayout"_s,
                        u"unknown layout \"%1\" (known: %2)"_s.arg(layoutName, allNames(kLayoutNames)));
    }
    if (!reader.failed() && info.pathLayout == PathLayout::AppOnly && info.needsStreamKey)
        reader.fail(u"pathLayout"_s,
                    u"\"app-only\" leaves no place for the stream key that needsStreamKey asks for"_s);

    info.separateKeyField = reader.boolean("separateKeyField"_L1);
    info.recommendedByAzure = reader.boolean("recommendedByAzure"_L1);
    info.errorsWhere = reader.string("errorsWhere"_L1, Presence::Required, Emptiness::Refused);
    info.logsWhere = reader.string("logsWhere"_L1, Presence::Required, Emptiness::Refused);
    info.typicalErrors = reader.stringList("typicalErrors"_L1, Presence::Optional, Emptiness::Allowed);
    info.notes = reader.stringList("notes"_L1, Presence::Optional, Emptiness::Allowed);
    info.keywords = reader.stringList("keywords"_L1, Presence::Optional, Emptiness::Allowed);
    info.iconId = reader.string("iconId"_L1, Presence::Required, Emptiness::Refused);

    if (reader.failed())
        return std::nullopt;
    return info;
}

} // namespace

QString encoderKindName(EncoderKind kind)
{
    return nameOf(kKindNames, kind);
}

std::optional<EncoderKind> encoderKindFromName(const QString& name)
{
    return valueOf(kKindNames, name);
}

QString pathLayoutName(PathLayout layout)
{
    return nameOf(kLayoutNames, layout);
}

std::optional<PathLayout> pathLayoutFromName(const QString& name)
{
    return valueOf(kLayoutNames, name);
}

bool EncoderInfo::supportsScheme(const QString& scheme) const
{
    return schemes.contains(scheme, Qt::CaseInsensitive);
}

QString EncoderInfo::iconResourcePath() const
{
    return u":/icons/"_s + iconId + u".svg"_s;
}

QString EncoderCatalog::builtInPath()
{
    return u":/catalogs/encoders.json"_s;
}

std::optional<EncoderCatalog> EncoderCatalog::load(const QString& path, CatalogError* error)
{
    return loadCatalogFile<EncoderCatalog>(path, error);
}

std::optional<EncoderCatalog> EncoderCatalog::fromJson(const QByteArray& json, const QString& fileName,
                                                       CatalogError* error)
{
    ErrorSink sink(fileName);
    const auto report = [&]() -> std::optional<EncoderCatalog> {
        if (error)
            *error = sink.error();
        return std::nullopt;
    };

    const std::optional<QJsonObject> root = parseDocument(json, sink);
    if (!root)
        return report();
    ObjectReader(sink, *root, {}).rejectUnknownKeys({"schemaVersion"_L1, "encoders"_L1});
    const std::optional<QJsonArray> entries =
        sink.failed() ? std::nullopt : entriesArray(*root, "encoders"_L1, sink);
    if (!entries)
        return report();

    EncoderCatalog catalog;
    const std::optional<QHash<QString, qsizetype>> indexById =
        readUniqueEntries<EncoderInfo>(*entries, sink, readEncoder, catalog.m_encoders);
    if (!indexById)
        return report();
    return catalog;
}

const EncoderInfo* EncoderCatalog::find(const QString& id) const
{
    const auto found = std::find_if(m_encoders.cbegin(), m_encoders.cend(),
                                    [&](const EncoderInfo& info) { return info.id == id; });
    return found == m_encoders.cend() ? nullptr : &*found;
}

QList<EncoderInfo> EncoderCatalog::search(const QString& text) const
{
    const QString query = foldForSearch(text).simplified();
    if (query.isEmpty())
        return m_encoders;
    const QStringList words = query.split(u' ', Qt::SkipEmptyParts);

    enum Rank
    {
        NameStartsWithQuery,
        NameHasEveryWord,
        OtherFieldsMatch,
    };
    QList<std::pair<Rank, const EncoderInfo*>> hits;
    for (const EncoderInfo& info : m_encoders) {
        const QString name = foldForSearch(info.name);
        QStringList haystack{name, foldForSearch(info.vendor), info.id, encoderKindName(info.kind)};
        for (const QString& keyword : info.keywords)
            haystack.append(foldForSearch(keyword));

        const bool everyWordFound = std::all_of(words.cbegin(), words.cend(), [&](const QString& word) {
            return std::any_of(haystack.cbegin(), haystack.cend(),
                               [&](const QString& field) { return field.contains(word); });
        });
        if (!everyWordFound)
            continue;
        const bool nameHasEveryWord = std::all_of(words.cbegin(), words.cend(),
                                                  [&](const QString& word) { return name.contains(word); });
        const Rank rank = name.startsWith(query) ? NameStartsWithQuery
                          : nameHasEveryWord     ? NameHasEveryWord
                                                 : OtherFieldsMatch;
        hits.append({rank, &info});
    }
    std::stable_sort(hits.begin(), hits.end(),
                     [](const auto& left, const auto& right) { return left.first < right.first; });

    QList<EncoderInfo> result;
    result.reserve(hits.size());
    for (const auto& hit : std::as_const(hits))
        result.append(*hit.second);
    return result;
}

} // namespace rd
