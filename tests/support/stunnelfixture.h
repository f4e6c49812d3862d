#pragma once

#include "serverfixture.h"
#include "testcertificates.h"

namespace rd::test {

// A real stunnel (Debian stunnel4) in the foreground that terminates TLS on
// 127.0.0.1:port() and forwards the plain bytes to 127.0.0.1:<backend port>,
// i.e. RTMPS in front of an RTMP server (NginxRtmpFixture or ScriptedPeer).
// The server certificate is made at start by TestCertificates in the
// fixture's directory; a client that trusts caCertificatePath() and checks
// the name "localhost" sees exactly the problem the variant names.
// Plain (non-TLS) bytes sent to the port are answered with a TCP reset.
class StunnelFixture : public ServerFixture
{
public:
    using Variant = CertificateKind;

    struct Options
    {
        // Highest TLS version offered is 1.2 (librtmp/GnuTLS clients fail
        // their RTMP handshake over TLS 1.3 against stunnel).
        bool capAtTls12 = false;
    };

    StunnelFixture(quint16 backendPort, Variant variant);
    StunnelFixture(quint16 backendPort, Variant variant, Options options);

    StartResult start() override;

    quint16 port() const { return m_port; }
    quint16 backendPort() const { return m_backendPort; }
    Variant variant() const { return m_variant; }
    // The test CA (PEM); trust it to make Good verify. Valid after start().
    QString caCertificatePath() const { return m_certificates.caCertificatePath(); }
    QString serverCertificatePath() const { return m_certificates.certificatePath(m_variant); }
    // What `openssl s_client -verify_return_error -CAfile <ca> -verify_hostname localhost` reports.
    int expectedOpenSslVerifyCode() const { return rd::test::expectedOpenSslVerifyCode(m_variant); }

private:
    StartResult startOnce();

    quint16 m_backendPort;
    Variant m_variant;
    Options m_options;
    TestCertificates m_certificates;
    quint16 m_port = 0;
};

} // namespace rd::test
