#pragma once

#include "testtools.h"

#include <QString>

namespace rd::test {

// Which server certificate a TLS fixture presents, and what a client that
// trusts the test CA and checks the name "localhost" must conclude.
enum class CertificateKind
{
    Good,       // CA-signed, SAN localhost + 127.0.0.1, valid now            -> verifies (OpenSSL code 0)
    Expired,    // CA-signed, SAN localhost + 127.0.0.1, valid only in 2020  -> expired (10)
    WrongHost,  // CA-signed, CN/SAN wrong.example, valid now                -> hostname mismatch (62)
    SelfSigned, // its own issuer, SAN localhost + 127.0.0.1, valid now      -> self-signed (18)
};

QString certificateKindName(CertificateKind kind);
// The OpenSSL verify result code `openssl s_client -verify_return_error
// -CAfile <ca> -verify_hostname localhost` reports for this kind.
int expectedOpenSslVerifyCode(CertificateKind kind);

// A throw-away certificate authority and server certificates, made at test
// time with the openssl command-line tool (EC P-256 keys, so it is quick).
// The past validity of the expired certificate comes from `openssl ca
// -startdate/-enddate`, which OpenSSL 3.0 supports (x509 -days cannot go
// back in time). All files live in `directory`, which must exist.
class TestCertificates
{
public:
    explicit TestCertificates(QString directory);

    // Creates the CA (idempotent). ToolMissing without openssl.
    StartResult createAuthority();
    // Creates the CA if needed, then the certificate and key of `kind` (idempotent).
    StartResult createServerCertificate(CertificateKind kind);

    QString caCertificatePath() const;
    QString certificatePath(CertificateKind kind) const;
    QString keyPath(CertificateKind kind) const;

private:
    StartResult openssl(const QStringList& arguments) const;
    QString path(const QString& fileName) const;

    QString m_directory;
};

} // namespace rd::test
