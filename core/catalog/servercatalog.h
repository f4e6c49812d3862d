#pragma once

#include "catalog/catalogerror.h"

#include <QByteArray>
#include <QDate>
#include <QList>
#include <QMap>
#include <QRegularExpression>
#include <QString>
#include <QStringList>

#include <optional>

namespace rd {

struct ListeningPort
{
    quint16 port = 0;
    QString purpose; // e.g. "HTTP (web pages) and RTMPT"
};

// A port that, when nothing in the host name is recognised, points at a family.
struct PortHint
{
    quint16 port = 0;
    QString why; // e.g. "5080 is where Red5's built-in web server ... listens by default"
};

struct ServerRecognition
{
    // Matched on whole labels: "youtube.com" matches "a.rtmp.youtube.com", not "notyoutube.com".
    QStringList hostSuffixes;
    // Matched case-insensitively against the whole lower-case host name.
    QList<QRegularExpression> hostPatterns;
    QList<PortHint> portHints;
};

// A sub-kind recognised from the host name, e.g. Azure's vanity vs non-vanity URLs.
struct ServerVariant
{
    QString id; // e.g. "non-vanity"
    QString name;
    QList<QRegularExpression> hostPatterns;
    QStringList notes;
};

// A cheap way to tell whether the server software runs at all, apart from RTMP.
struct LivenessCheck
{
    enum class Kind
    {
        None,
        HttpGet, // any HTTP answer on `port` + `path` means "running"
    };
    Kind kind = Kind::None;
    quint16 port = 0;
    QString path;
    QString expectation; // what the answer means, for the report
};

struct ServerFamilyInfo
{
    QString id; // stable kebab-case key, e.g. "red5"
    QString name;
    QString vendor;
    QMap<QString, quint16> defaultPorts; // scheme -> port used when the URL names none
    QList<ListeningPort> listeningPorts; // where it usually listens
    ServerRecognition recognition;
    QList<ServerVariant> variants;
    LivenessCheck liveness;
    QString configFile;     // e.g. "conf/red5.properties"; empty for hosted services
    QStringList configKeys; // e.g. {"rtmp.port", "rtmpt.port", "http.port"}
    QString configExample;  // a snippet to show, e.g. "ADAPTOR.HOSTPORT = :1935,443,80"
    QStringList notes;
    QDate retiredOn; // invalid unless the service was shut down

    bool isRetired() const { return retiredOn.isValid(); }
    std::optional<quint16> defaultPort(const QString& scheme) const;
    const ServerVariant* findVariant(const QString& variantId) const;
};

// An application name in the URL path that says something about the setup
// without identifying one server family (e.g. AVChat's "avchat30").
struct ApplicationHint
{
    QString application; // compared case-insensitively with the first path segment
    QStringList familyIds;
    QString encoderId; // the encoder that uses this application, or empty
    QString hint;
};

class ServerCatalog
{
public:
    static QString builtInPath();     // ":/catalogs/servers.json"
    static QString genericFamilyId(); // "generic"; load() refuses a file without it

    static std::optional<ServerCatalog> load(const QString& path, CatalogError* error);
    static std::optional<ServerCatalog> fromJson(const QByteArray& json, const QString& fileName,
                                                 CatalogError* error);

    // An empty catalog; load() and fromJson() never produce one. detect() on it
    // answers "generic" with no family data behind it.
    ServerCatalog() = default;

    const QList<ServerFamilyInfo>& families() const { return m_families; }
    const QList<ApplicationHint>& applicationHints() const { return m_applicationHints; }
    const ServerFamilyInfo* find(const QString& id) const;

    // The family's own default for the scheme, else the generic one, else 0.
    quint16 defaultPort(const QString& familyId, const QString& scheme) const;

    enum class DetectionBasis
    {
        HostName, // the host name belongs to the family: near certain
        Port,     // only the port points at it: a hint
        Nothing,  // familyId is "generic"
    };

    struct Detection
    {
        QString familyId;  // always set; "generic" when nothing matched
        QString variantId; // e.g. "vanity"; empty when the family has no variants or none matched
        DetectionBasis basis = DetectionBasis::Nothing;
        QString reason;    // one sentence for the report
        QStringList hints; // further observations (retired service, AVChat application, ...)
    };

    // Works from the URL's parts so it does not depend on any URL model.
    // `path` is only compared with application names from the catalog and is
    // never copied into the result: it may hold a stream key or access token.
    Detection detect(const QString& host, quint16 port, const QString& path) const;

private:
    QList<ServerFamilyInfo> m_families;
    QList<ApplicationHint> m_applicationHints;
};

QString detectionBasisName(ServerCatalog::DetectionBasis basis); // "host-name", "port", "nothing"

} // namespace rd
