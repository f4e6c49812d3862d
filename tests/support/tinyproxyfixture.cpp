#include "tinyproxyfixture.h"

#include "freeport.h"

#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace rd::test {

TinyproxyFixture::TinyproxyFixture()
    : TinyproxyFixture(Config{})
{}

TinyproxyFixture::TinyproxyFixture(Config config)
    : ServerFixture(u"tinyproxy"_s)
    , m_config(std::move(config))
{
    addLogFile(filePath(u"tinyproxy.log"_s));
}

QByteArray TinyproxyFixture::proxyAuthorization() const
{
    if (m_config.variant != Variant::BasicAuth)
        return {};
    return "Basic " + (m_config.user + u':' + m_config.password).toUtf8().toBase64();
}

StartResult TinyproxyFixture::startOnce()
{
    m_port = FreePort::pick();
    if (m_port == 0)
        return StartResult::failure(StartResult::Status::SetupFailed, u"no free loopback port"_s);

    QString configuration = uR"(# written by rd::test::TinyproxyFixture
Port %1
Listen 127.0.0.1
Timeout 30
MaxClients 32
LogFile "%2"
LogLevel Info
PidFile "%3"
Allow 127.0.0.1
Allow ::1
DisableViaHeader Yes
)"_s.arg(QString::number(m_port), filePath(u"tinyproxy.log"_s), filePath(u"tinyproxy.pid"_s));

    // Without any ConnectPort line tinyproxy allows CONNECT to every port.
    if (m_config.variant == Variant::ConnectOnlySomePorts) {
        for (const quint16 allowed : std::as_const(m_config.allowedConnectPorts))
            configuration += u"ConnectPort %1\n"_s.arg(allowed);
    }
    if (m_config.variant == Variant::BasicAuth)
        configuration += u"BasicAuth %1 %2\n"_s.arg(m_config.user, m_config.password);

    if (StartResult written = writeTextFile(u"tinyproxy.conf"_s, configuration); !written.ok())
        return written;
    if (StartResult launched =
            process().start(u"tinyproxy"_s, {u"-d"_s, u"-c"_s, filePath(u"tinyproxy.conf"_s)},
                            workDirectory(), outputLogPath());
        !launched.ok())
        return launched;
    return process().waitUntilListening(m_port);
}

StartResult TinyproxyFixture::start()
{
    if (findTool(u"tinyproxy"_s).isEmpty()) {
        return StartResult::failure(StartResult::Status::ToolMissing,
                                    u"tinyproxy is not installed (Debian package: tinyproxy)"_s);
    }
    if (m_config.variant == Variant::ConnectOnlySomePorts && m_config.allowedConnectPorts.isEmpty()) {
        return StartResult::failure(StartResult::Status::SetupFailed,
                                    u"ConnectOnlySomePorts needs at least one allowed port"_s);
    }
    if (m_config.variant == Variant::BasicAuth) {
        static const QRegularExpression plainToken(u"^[^\\s\"']+$"_s);
        if (!plainToken.match(m_config.user).hasMatch() || !plainToken.match(m_config.password).hasMatch()) {
            return StartResult::failure(
                StartResult::Status::SetupFailed,
                u"BasicAuth user and password must be non-empty, without spaces or quotes"_s);
        }
    }
    return startWithRetries([this] { return startOnce(); });
}

} // namespace rd::test
