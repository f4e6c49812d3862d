#include "catalog/servercatalog.h"

#include "catalog/catalogjson.h"

#include <QHash>
#include <QLocale>
#include <QSet>

#include <algorithm>
#include <utility>

using namespace Qt::StringLiterals;

namespace rd {

namespace {

using namespace catalogdetail;

const QList<QLatin1StringView> kFamilyFields{
    "id"_L1,        "name"_L1,     "vendor"_L1,     "defaultPorts"_L1, "listeningPorts"_L1, "recognition"_L1,
    "variants"_L1,  "liveness"_L1, "configFile"_L1, "configKeys"_L1,   "configExample"_L1,  "notes"_L1,
    "retiredOn"_L1,
};

bool isHostSuffix(const QString& suffix)
{
    static const QRegularExpression pattern(u"^[a-z0-9-]+(\\.[a-z0-9-]+)+$"_s);
    return pattern.match(suffix).hasMatch();
}

QList<QRegularExpression> readPatterns(ObjectReader& reader, QLatin1StringView key)
{
    QList<QRegularExpression> patterns;
    for (const QString& text : reader.stringList(key, Presence::Optional, Emptiness::Allowed)) {
        QRegularExpression pattern(text, QRegularExpression::CaseInsensitiveOption);
        if (!pattern.isValid()) {
            reader.fail(key, u"\"%1\" is not a valid regular expression: %2 at offset %3"_s.arg(
                                 text, pattern.errorString(), QString::number(pattern.patternErrorOffset())));
            return {};
        }
        patterns.append(pattern);
    }
    return patterns;
}

QString indexed(QLatin1StringView key, qsizetype index)
{
    return QString(key) + u'[' + QString::number(index) + u']';
}

// Reads an array whose items must be objects, handing each to `readItem`.
template <typename ReadItem>
void forEachObject(ObjectReader& reader, QLatin1StringView key, Presence presence, ReadItem readItem)
{
    const QJsonArray items = reader.array(key, presence);
    for (qsizetype index = 0; index < items.size() && !reader.failed(); ++index) {
        if (!items.at(index).isObject()) {
            reader.fail(indexed(key, index), u"expected an object"_s);
            return;
        }
        ObjectReader itemReader = reader.child(items.at(index).toObject(), indexed(key, index));
        readItem(itemReader);
    }
}

void readDefaultPorts(ObjectReader& reader, ServerFamilyInfo& info)
{
    const QJsonObject ports = reader.object("defaultPorts"_L1, Presence::Required);
    if (reader.failed())
        return;
    if (ports.isEmpty()) {
        reader.fail(u"defaultPorts"_s, u"must name the default port of at least one scheme"_s);
        return;
    }
    ObjectReader portReader = reader.child(ports, u"defaultPorts"_s);
    for (auto it = ports.constBegin(); it != ports.constEnd() && !reader.failed(); ++it) {
        if (!isKnownScheme(it.key())) {
            reader.fail(u"defaultPorts"_s,
                        u"unknown scheme \"%1\" (known: %2)"_s.arg(it.key(), knownSchemes().join(u", "_s)));
            return;
        }
        const QByteArray key = it.key().toLatin1();
        info.defaultPorts.insert(it.key(), portReader.port(QLatin1StringView(key)));
    }
}

void readRecognition(ObjectReader& reader, ServerFamilyInfo& info)
{
    ObjectReader recognition =
        reader.child(reader.object("recognition"_L1, Presence::Required), u"recognition"_s);
    if (reader.failed())
        return;
    recognition.rejectUnknownKeys({"hostSuffixes"_L1, "hostPatterns"_L1, "portHints"_L1});
    info.recognition.hostSuffixes =
        recognition.stringList("hostSuffixes"_L1, Presence::Optional, Emptiness::Allowed);
    for (const QString& suffix : std::as_const(info.recognition.hostSuffixes)) {
        if (!reader.failed() && !isHostSuffix(suffix)) {
            recognition.fail(
                u"hostSuffixes"_s,
                u"\"%1\" is not a lower-case host name suffix such as example.com"_s.arg(suffix));
        }
    }
    info.recognition.hostPatterns = readPatterns(recognition, "hostPatterns"_L1);
    forEachObject(recognition, "portHints"_L1, Presence::Optional, [&](ObjectReader& hintReader) {
        hintReader.rejectUnknownKeys({"port"_L1, "why"_L1});
        PortHint hint;
        hint.port = hintReader.port("port"_L1);
        hint.why = hintReader.string("why"_L1, Presence::Required, Emptiness::Refused);
        info.recognition.portHints.append(hint);
    });
}

void readVariants(ObjectReader& reader, ServerFamilyInfo& info)
{
    forEachObject(reader, "variants"_L1, Presence::Optional, [&](ObjectReader& variantReader) {
        variantReader.rejectUnknownKeys({"id"_L1, "name"_L1, "hostPatterns"_L1, "notes"_L1});
        ServerVariant variant;
        variant.id = variantReader.string("id"_L1, Presence::Required, Emptiness::Refused);
        if (!variantReader.failed() && !isKebabCaseId(variant.id))
            variantReader.fail(u"id"_s, u"\"%1\" is not a kebab-case id"_s.arg(variant.id));
        if (!variantReader.failed() && info.findVariant(variant.id))
            variantReader.fail(u"id"_s, u"variant \"%1\" is listed twice"_s.arg(variant.id));
        variant.name = variantReader.string("name"_L1, Presence::Required, Emptiness::Refused);
        if (!variantReader.failed() && !variantReader.jsonObject().contains("hostPatterns"_L1))
            variantReader.fail(u"hostPatterns"_s, u"is missing"_s);
        variant.hostPatterns = readPatterns(variantReader, "hostPatterns"_L1);
        if (!variantReader.failed() && variant.hostPatterns.isEmpty())
            variantReader.fail(u"hostPatterns"_s, u"must not be an empty list"_s);
        variant.notes = variantReader.stringList("notes"_L1, Presence::Optional, Emptiness::Allowed);
        info.variants.append(variant);
    });
}

void readLiveness(ObjectReader& reader, ServerFamilyInfo& info)
{
    ObjectReader liveness = reader.child(reader.object("liveness"_L1, Presence::Required), u"liveness"_s);
    const QString kind = liveness.string("kind"_L1, Presence::Required, Emptiness::Refused);
    if (reader.failed())
        return;
    if (kind == "none"_L1) {
        liveness.rejectUnknownKeys({"kind"_L1});
        info.liveness.kind = LivenessCheck::Kind::None;
    } else if (kind == "http-get"_L1) {
        liveness.rejectUnknownKeys({"kind"_L1, "port"_L1, "path"_L1, "expectation"_L1});
        info.liveness.kind = LivenessCheck::Kind::HttpGet;
        info.liveness.port = liveness.port("port"_L1);
        info.liveness.path = liveness.string("path"_L1, Presence::Required, Emptiness::Refused);
        if (!reader.failed() && !info.liveness.path.startsWith(u'/'))
            liveness.fail(u"path"_s, u"must start with \"/\""_s);
        info.liveness.expectation = liveness.string("expectation"_L1, Presence::Required, Emptiness::Refused);
    } else {
        liveness.fail(u"kind"_s, u"unknown liveness check \"%1\" (known: none, http-get)"_s.arg(kind));
    }
}

std::optional<ServerFamilyInfo> readFamily(ObjectReader& reader)
{
    ServerFamilyInfo info;
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
    reader.rejectUnknownKeys(kFamilyFields);

    info.name = reader.string("name"_L1, Presence::Required, Emptiness::Refused);
    info.vendor = reader.string("vendor"_L1, Presence::Required, Emptiness::Allowed);
    readDefaultPorts(reader, info);

    forEachObject(reader, "listeningPorts"_L1, Presence::Required, [&](ObjectReader& portReader) {
        portReader.rejectUnknownKeys({"port"_L1, "purpose"_L1});
        ListeningPort listening;
        listening.port = portReader.port("port"_L1);
        listening.purpose = portReader.string("purpose"_L1, Presence::Required, Emptiness::Refused);
        info.listeningPorts.append(listening);
    });
    if (!reader.failed() && info.listeningPorts.isEmpty())
        reader.fail(u"listeningPorts"_s, u"must not be an empty list"_s);

    readRecognition(reader, info);
    readVariants(reader, info);
    readLiveness(reader, info);
    info.configFile = reader.string("configFile"_L1, Presence::Optional, Emptiness::Allowed);
    info.configKeys = reader.stringList("configKeys"_L1, Presence::Optional, Emptiness::Allowed);
    info.configExample = reader.string("configExample"_L1, Presence::Optional, Emptiness::Allowed);
    info.notes = reader.stringList("notes"_L1, Presence::Optional, Emptiness::Allowed);
    info.retiredOn = reader.date("retiredOn"_L1, Presence::Optional);

    if (reader.failed())
        return std::nullopt;
    return info;
}

std::optional<ApplicationHint> readApplicationHint(ObjectReader& reader, const QSet<QString>& familyIds)
{
    ApplicationHint hint;
    hint.application = reader.string("application"_L1, Presence::Required, Emptiness::Refused);
    if (reader.failed())
        return std::nullopt;
    reader.setEntry(reader.entry() + u" (\""_s + hint.application + u"\")"_s);
    reader.rejectUnknownKeys({"application"_L1, "families"_L1, "encoderId"_L1, "hint"_L1});
    hint.familyIds = reader.stringList("families"_L1, Presence::Required, Emptiness::Refused);
    for (const QString& familyId : std::as_const(hint.familyIds)) {
        if (!reader.failed() && !familyIds.contains(familyId))
            reader.fail(u"families"_s, u"no family has the id \"%1\""_s.arg(familyId));
    }
    hint.encoderId = reader.string("encoderId"_L1, Presence::Optional, Emptiness::Allowed);
    hint.hint = reader.string("hint"_L1, Presence::Required, Emptiness::Refused);
    if (reader.failed())
        return std::nullopt;
    return hint;
}

QString normalizedHost(const QString& host)
{
    QString normalized = host.trimmed().toLower();
    if (normalized.startsWith(u'[') && normalized.endsWith(u']'))
        normalized = normalized.mid(1, normalized.size() - 2);
    while (normalized.endsWith(u'.'))
        normalized.chop(1);
    return normalized;
}

QString firstPathSegment(const QString& path)
{
    const QString withoutQuery = path.section(u'?', 0, 0);
    const QStringList segments = withoutQuery.split(u'/', Qt::SkipEmptyParts);
    return segments.isEmpty() ? QString() : segments.first();
}

bool anyMatches(const QList<QRegularExpression>& patterns, const QString& host)
{
    return std::any_of(patterns.cbegin(), patterns.cend(),
                       [&](const QRegularExpression& pattern) { return pattern.match(host).hasMatch(); });
}

// Why the host belongs to the family, or empty if it does not.
QString hostMatchReason(const ServerFamilyInfo& family, const QString& host)
{
    for (const QString& suffix : family.recognition.hostSuffixes) {
        if (host == suffix || host.endsWith(u'.' + suffix))
            return u"The host name %1 is under %2, which belongs to %3."_s.arg(host, suffix, family.name);
    }
    if (anyMatches(family.recognition.hostPatterns, host))
        return u"The host name %1 has the form of the host names of %2."_s.arg(host, family.name);
    return {};
}

} // namespace

QString detectionBasisName(ServerCatalog::DetectionBasis basis)
{
    switch (basis) {
    case ServerCatalog::DetectionBasis::HostName:
        return u"host-name"_s;
    case ServerCatalog::DetectionBasis::Port:
        return u"port"_s;
    case ServerCatalog::DetectionBasis::Nothing:
        return u"nothing"_s;
    }
    return u"nothing"_s;
}

std::optional<quint16> ServerFamilyInfo::defaultPort(const QString& scheme) const
{
    const auto found = defaultPorts.constFind(scheme.toLower());
    if (found == defaultPorts.constEnd())
        return std::nullopt;
    return found.value();
}

const ServerVariant* ServerFamilyInfo::findVariant(const QString& variantId) const
{
    const auto found = std::find_if(variants.cbegin(), variants.cend(),
                                    [&](const ServerVariant& variant) { return variant.id == variantId; });
    return found == variants.cend() ? nullptr : &*found;
}

QString ServerCatalog::builtInPath()
{
    return u":/catalogs/servers.json"_s;
}

QString ServerCatalog::genericFamilyId()
{
    return u"generic"_s;
}

std::optional<ServerCatalog> ServerCatalog::load(const QString& path, CatalogError* error)
{
    return loadCatalogFile<ServerCatalog>(path, error);
}

std::optional<ServerCatalog> ServerCatalog::fromJson(const QByteArray& json, const QString& fileName,
                                                     CatalogError* error)
{
    ErrorSink sink(fileName);
    const auto report = [&]() -> std::optional<ServerCatalog> {
        if (error)
            *error = sink.error();
        return std::nullopt;
    };

    const std::optional<QJsonObject> root = parseDocument(json, sink);
    if (!root)
        return report();
    ObjectReader rootReader(sink, *root, {});
    rootReader.rejectUnknownKeys({"schemaVersion"_L1, "families"_L1, "applicationHints"_L1});
    const std::optional<QJsonArray> entries =
        sink.failed() ? std::nullopt : entriesArray(*root, "families"_L1, sink);
    if (!entries)
        return report();

    ServerCatalog catalog;
    const std::optional<QHash<QString, qsizetype>> indexById =
        readUniqueEntries<ServerFamilyInfo>(*entries, sink, readFamily, catalog.m_families);
    if (!indexById)
        return report();
    if (!indexById->contains(genericFamilyId())) {
        sink.fail({}, u"families"_s, u"no entry has the id \"generic\", which detection falls back to"_s);
        return report();
    }

    const QSet<QString> familyIds(indexById->keyBegin(), indexById->keyEnd());
    const QJsonArray hints = rootReader.array("applicationHints"_L1, Presence::Optional);
    for (qsizetype index = 0; index < hints.size() && !sink.failed(); ++index) {
        const QString label = u"applicationHints "_s + entryLabel(index);
        if (!hints.at(index).isObject()) {
            sink.fail(label, {}, u"expected an object"_s);
            break;
        }
        ObjectReader reader(sink, hints.at(index).toObject(), label);
        if (std::optional<ApplicationHint> hint = readApplicationHint(reader, familyIds))
            catalog.m_applicationHints.append(std::move(*hint));
    }
    if (sink.failed())
        return report();
    return catalog;
}

const ServerFamilyInfo* ServerCatalog::find(const QString& id) const
{
    const auto found = std::find_if(m_families.cbegin(), m_families.cend(),
                                    [&](const ServerFamilyInfo& info) { return info.id == id; });
    return found == m_families.cend() ? nullptr : &*found;
}

quint16 ServerCatalog::defaultPort(const QString& familyId, const QString& scheme) const
{
    for (const QString& id : {familyId, genericFamilyId()}) {
        if (const ServerFamilyInfo* family = find(id)) {
            if (const std::optional<quint16> port = family->defaultPort(scheme))
                return *port;
        }
    }
    return 0;
}

ServerCatalog::Detection ServerCatalog::detect(const QString& host, quint16 port, const QString& path) const
{
    const QString cleanHost = normalizedHost(host);
    Detection detection;
    const ServerFamilyInfo* matched = nullptr;

    if (!cleanHost.isEmpty()) {
        for (const ServerFamilyInfo& family : m_families) {
            const QString reason = hostMatchReason(family, cleanHost);
            if (reason.isEmpty())
                continue;
            matched = &family;
            detection.basis = DetectionBasis::HostName;
            detection.reason = reason;
            for (const ServerVariant& variant : family.variants) {
                if (anyMatches(variant.hostPatterns, cleanHost)) {
                    detection.variantId = variant.id;
                    detection.reason += u" It has the form of a %1."_s.arg(variant.name);
                    break;
                }
            }
            break;
        }
    }

    if (!matched && port != 0) {
        for (const ServerFamilyInfo& family : m_families) {
            const auto hint =
                std::find_if(family.recognition.portHints.cbegin(), family.recognition.portHints.cend(),
                             [&](const PortHint& candidate) { return candidate.port == port; });
            if (hint == family.recognition.portHints.cend())
                continue;
            matched = &family;
            detection.basis = DetectionBasis::Port;
            detection.reason =
                u"Nothing in the host name identifies the server, but port %1 suggests %2: %3."_s.arg(
                    QString::number(port), family.name, hint->why);
            break;
        }
    }

    if (matched) {
        detection.familyId = matched->id;
        if (matched->isRetired()) {
            const QString date = QLocale(QLocale::English).toString(matched->retiredOn, u"d MMMM yyyy"_s);
            detection.hints.append(
                u"%1 was retired on %2; an ingest of it can no longer receive a stream."_s.arg(matched->name,
                                                                                               date));
        }
    } else {
        detection.familyId = genericFamilyId();
        detection.basis = DetectionBasis::Nothing;
        if (cleanHost.isEmpty()) {
            detection.reason = u"No host name was given, so the generic RTMP defaults apply."_s;
        } else {
            const QString portText = port == 0 ? u"the default port"_s : u"port "_s + QString::number(port);
            detection.reason =
                u"Neither the host name %1 nor %2 points at a known service or server product, "
                u"so the generic RTMP defaults apply."_s.arg(cleanHost, portText);
        }
    }

    const QString application = firstPathSegment(path);
    for (const ApplicationHint& hint : m_applicationHints) {
        if (!application.isEmpty() && application.compare(hint.application, Qt::CaseInsensitive) == 0)
            detection.hints.append(hint.hint);
    }
    return detection;
}

} // namespace rd
