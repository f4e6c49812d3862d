#include "netprobes.h"

#include "engine/diagnosticplan.h"
#include "engine/probefactory.h"
#include "probe/livenessprobe.h"
#include "probe/proxyprobe.h"
#include "probe/rtmptprobe.h"
#include "probe/tlsprobe.h"

#include <QHostAddress>
#include <QMetaEnum>
#include <QSslSocket>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace rd {

void registerNetworkProbes(ProbeFactoryRegistry& registry, const NetworkProbeOptions& options)
{
    registry.add(ProbeKind::Tls,
                 [options](const QString& probeId, const ProbeTarget& target, const ProbeTimeouts& timeouts,
                           const DiagnosticPlan&) -> Probe* {
                     TlsProbe::Options tlsOptions;
                     tlsOptions.extraCaCertificates = options.extraCaCertificates;
                     tlsOptions.useSystemCaCertificates = options.useSystemCaCertificates;
                     return new TlsProbe(probeId, target, timeouts, tlsOptions);
                 });
    registry.add(ProbeKind::Rtmpt,
                 [options](const QString& probeId, const ProbeTarget& target, const ProbeTimeouts& timeouts,
                           const DiagnosticPlan& plan) -> Probe* {
                     RtmptProbe::Options rtmptOptions;
                     rtmptOptions.extraCaCertificates = options.extraCaCertificates;
                     rtmptOptions.useSystemCaCertificates = options.useSystemCaCertificates;
                     if (const auto choice = chooseProxy(plan.proxy, target.host, target.port); choice)
                         rtmptOptions.httpProxy = choice->proxy;
                     return new RtmptProbe(probeId, target, timeouts, rtmptOptions);
                 });
    registry.add(ProbeKind::Proxy,
                 [](const QString& probeId, const ProbeTarget& target, const ProbeTimeouts& timeouts,
                    const DiagnosticPlan& plan) -> Probe* {
                     return new ProxyProbe(probeId, target, timeouts, plan.proxy);
                 });
    registry.add(
        ProbeKind::Liveness,
        [](const QString& probeId, const ProbeTarget& target, const ProbeTimeouts& timeouts,
           const DiagnosticPlan&) -> Probe* { return new LivenessProbe(probeId, target, timeouts); });
}

namespace netprobe {

QString endpointText(const QString& hostOrAddress, quint16 port)
{
    const QString host = hostOrAddress.contains(u':') ? u'[' + hostOrAddress + u']' : hostOrAddress;
    return host + u':' + QString::number(port);
}

QString connectHost(const ProbeTarget& target)
{
    return target.address.isEmpty() ? target.host : target.address;
}

QByteArray httpAuthority(const QString& host, quint16 port)
{
    QByteArray name;
    if (QHostAddress address; address.setAddress(host)) {
        name = address.protocol() == QAbstractSocket::IPv6Protocol ? '[' + host.toLatin1() + ']'
                                                                   : host.toLatin1();
    } else {
        name = QUrl::toAce(host);
    }
    if (name.isEmpty())
        return {};
    for (const char character : std::as_const(name)) {
        const auto byte = quint8(character);
        // Whatever could end the line or split the authority makes it unusable.
        if (byte <= 0x20 || byte >= 0x7F || character == '/' || character == '@' || character == '?' ||
            character == '#')
            return {};
    }
    return name + ':' + QByteArray::number(port);
}

QSslConfiguration tlsConfiguration(const QList<QSslCertificate>& extraCaCertificates,
                                   bool useSystemCaCertificates)
{
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.setPeerVerifyMode(QSslSocket::VerifyPeer);
    if (useSystemCaCertificates && extraCaCertificates.isEmpty())
        return configuration;
    // Adding certificates turns Qt's on-demand loading of the system store
    // off, so the store is read in full; once is enough (thread-safe static).
    static const QList<QSslCertificate> systemStore = QSslConfiguration::systemCaCertificates();
    QList<QSslCertificate> authorities;
    if (useSystemCaCertificates)
        authorities = systemStore;
    authorities += extraCaCertificates;
    configuration.setCaCertificates(authorities);
    return configuration;
}

QString socketErrorName(QAbstractSocket::SocketError error)
{
    const char* key = QMetaEnum::fromType<QAbstractSocket::SocketError>().valueToKey(error);
    return key != nullptr ? QString::fromLatin1(key) : QString::number(int(error));
}

QByteArray HttpHead::header(QByteArrayView name) const
{
    for (const auto& [headerName, value] : headers) {
        if (headerName.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

namespace {

bool parseStatusLine(const QByteArray& line, HttpHead& head)
{
    // "HTTP/1.1 200 OK"; the reason phrase may be empty or missing.
    const qsizetype firstSpace = line.indexOf(' ');
    if (firstSpace < 0 || !line.startsWith("HTTP/"))
        return false;
    const QByteArray rest = line.mid(firstSpace + 1);
    const qsizetype secondSpace = rest.indexOf(' ');
    const QByteArray code = secondSpace < 0 ? rest : rest.left(secondSpace);
    bool ok = false;
    const int statusCode = code.toInt(&ok);
    if (!ok || code.size() != 3 || statusCode < 100)
        return false;
    head.statusLine = line;
    head.httpVersion = line.left(firstSpace);
    head.statusCode = statusCode;
    head.reasonPhrase = secondSpace < 0 ? QByteArray() : rest.mid(secondSpace + 1).trimmed();
    return true;
}

} // namespace

HttpHeadStatus parseHttpHead(QByteArrayView bytes, HttpHead& head, qsizetype maxHeadBytes)
{
    head = HttpHead{};
    static constexpr QByteArrayView prefix = "HTTP/";
    const qsizetype compared = std::min(bytes.size(), prefix.size());
    if (bytes.first(compared) != prefix.first(compared))
        return HttpHeadStatus::NotHttp;

    qsizetype position = 0;
    bool statusLineDone = false;
    while (position < bytes.size()) {
        const qsizetype lineEnd = bytes.indexOf('\n', position);
        if (lineEnd < 0)
            break;
        QByteArray line = bytes.sliced(position, lineEnd - position).toByteArray();
        if (line.endsWith('\r'))
            line.chop(1);
        position = lineEnd + 1;
        if (!statusLineDone) {
            if (!parseStatusLine(line, head))
                return HttpHeadStatus::NotHttp;
            statusLineDone = true;
            continue;
        }
        if (line.isEmpty()) {
            head.headEnd = position;
            return HttpHeadStatus::Complete;
        }
        const qsizetype colon = line.indexOf(':');
        // A line without a colon is tolerated (and ignored): the answer is HTTP all the same.
        if (colon > 0)
            head.headers.append({line.left(colon).trimmed(), line.mid(colon + 1).trimmed()});
    }
    if (position > maxHeadBytes || bytes.size() > maxHeadBytes)
        return HttpHeadStatus::TooLarge;
    return HttpHeadStatus::NeedMore;
}

QByteArray basicAuthorization(const QString& user, const QString& password)
{
    return "Basic " + (user + u':' + password).toUtf8().toBase64();
}

QByteArray redactAuthorization(const QByteArray& request)
{
    QList<QByteArray> lines = request.split('\n');
    for (QByteArray& line : lines) {
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            continue;
        const QByteArray name = line.left(colon).trimmed().toLower();
        if (name == "proxy-authorization" || name == "authorization") {
            const bool carriageReturn = line.endsWith('\r');
            line = line.left(colon + 1) + " <redacted>" + (carriageReturn ? "\r" : "");
        }
    }
    return lines.join('\n');
}

QString printable(QByteArrayView text, qsizetype limit)
{
    QString shown;
    const QByteArrayView cut = text.first(std::min(text.size(), limit));
    shown.reserve(cut.size());
    for (const char character : cut) {
        const auto byte = quint8(character);
        shown += (byte >= 0x20 && byte < 0x7F) ? QChar(QLatin1Char(character)) : QChar(u'.');
    }
    if (text.size() > limit)
        shown += QStringLiteral("...");
    return shown;
}

} // namespace netprobe

} // namespace rd
