#pragma once

#include "serverfixture.h"

#include <QList>

namespace rd::test {

// A real tinyproxy (Debian, 1.11) in the foreground (-d) on 127.0.0.1:port(),
// accepting clients from loopback only.
//
// Behaviour worth knowing when writing tests against it:
//  * it closes the client connection after every response (also after a
//    plain-HTTP POST, without saying "Connection: close"), so an RTMPT
//    client needs a new connection per request;
//  * CONNECT to a port outside the allow-list: "403 Access violation";
//  * BasicAuth: no Proxy-Authorization -> "407 Proxy Authentication
//    Required"; wrong credentials -> "401 Unauthorized" (not 407);
//  * CONNECT success line: "HTTP/1.0 200 Connection established".
class TinyproxyFixture : public ServerFixture
{
public:
    enum class Variant
    {
        Open,                 // any CONNECT port, no authentication
        ConnectOnlySomePorts, // CONNECT only to allowedConnectPorts
        BasicAuth,            // Proxy-Authorization: Basic user:password required
    };

    struct Config
    {
        Variant variant = Variant::Open;
        QList<quint16> allowedConnectPorts; // ConnectOnlySomePorts: must not be empty
        QString user;                       // BasicAuth: no white space or quotes
        QString password;                   // BasicAuth: no white space or quotes
    };

    static Config open() { return {}; }
    static Config connectOnlySomePorts(QList<quint16> ports)
    {
        return {Variant::ConnectOnlySomePorts, std::move(ports), {}, {}};
    }
    static Config basicAuth(QString user, QString password)
    {
        return {Variant::BasicAuth, {}, std::move(user), std::move(password)};
    }

    TinyproxyFixture();
    explicit TinyproxyFixture(Config config);

    StartResult start() override;

    quint16 port() const { return m_port; }
    Variant variant() const { return m_config.variant; }
    // The value for a Proxy-Authorization header ("Basic <base64>"), empty unless BasicAuth.
    QByteArray proxyAuthorization() const;

private:
    StartResult startOnce();

    Config m_config;
    quint16 m_port = 0;
};

} // namespace rd::test
