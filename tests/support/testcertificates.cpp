#include "testcertificates.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

using namespace Qt::StringLiterals;

namespace rd::test {

namespace {

// One configuration for `openssl req` and `openssl ca`, so the system's
// /etc/ssl/openssl.cnf never changes what the tests get.
constexpr auto authorityConfiguration = R"(# written by rd::test::TestCertificates
[ req ]
distinguished_name = request_name
prompt = no

[ request_name ]
CN = unused

[ ca ]
default_ca = test_authority

[ test_authority ]
dir = .
database = ./index.txt
new_certs_dir = ./issued
serial = ./serial
certificate = ./ca.pem
private_key = ./ca.key
default_md = sha256
policy = any_name
unique_subject = no
copy_extensions = none
email_in_dn = no

[ any_name ]
commonName = supplied

[ authority_extensions ]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash

[ localhost_server ]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth
subjectAltName = DNS:localhost, IP:127.0.0.1
authorityKeyIdentifier = keyid

[ wrong_host_server ]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth
subjectAltName = DNS:wrong.example
authorityKeyIdentifier = keyid

[ self_signed_server ]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment, keyCertSign
extendedKeyUsage = serverAuth
subjectAltName = DNS:localhost, IP:127.0.0.1
subjectKeyIdentifier = hash
)";

QString baseName(CertificateKind kind)
{
    switch (kind) {
    case CertificateKind::Good:
        return u"good"_s;
    case CertificateKind::Expired:
        return u"expired"_s;
    case CertificateKind::WrongHost:
        return u"wrong-host"_s;
    case CertificateKind::SelfSigned:
        return u"self-signed"_s;
    }
    return u"unknown"_s;
}

} // namespace

QString certificateKindName(CertificateKind kind)
{
    return baseName(kind);
}

int expectedOpenSslVerifyCode(CertificateKind kind)
{
    switch (kind) {
    case CertificateKind::Good:
        return 0;
    case CertificateKind::Expired:
        return 10; // X509_V_ERR_CERT_HAS_EXPIRED
    case CertificateKind::WrongHost:
        return 62; // X509_V_ERR_HOSTNAME_MISMATCH
    case CertificateKind::SelfSigned:
        return 18; // X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT
    }
    return -1;
}

TestCertificates::TestCertificates(QString directory)
    : m_directory(std::move(directory))
{}

QString TestCertificates::path(const QString& fileName) const
{
    return QDir(m_directory).filePath(fileName);
}

QString TestCertificates::caCertificatePath() const
{
    return path(u"ca.pem"_s);
}

QString TestCertificates::certificatePath(CertificateKind kind) const
{
    return path(baseName(kind) + u".pem"_s);
}

QString TestCertificates::keyPath(CertificateKind kind) const
{
    return path(baseName(kind) + u".key"_s);
}

StartResult TestCertificates::openssl(const QStringList& arguments) const
{
    const ToolRun run = runTool(u"openssl"_s, arguments, std::chrono::seconds(30), {}, m_directory);
    if (run.status == ToolRun::Status::FailedToStart)
        return StartResult::failure(StartResult::Status::ToolMissing, u"openssl could not be run"_s);
    if (!run.finishedWith(0)) {
        return StartResult::failure(StartResult::Status::SetupFailed,
                                    u"openssl %1: %2"_s.arg(arguments.join(u' '), run.describe()));
    }
    return StartResult::started();
}

StartResult TestCertificates::createAuthority()
{
    if (QFileInfo::exists(caCertificatePath()))
        return StartResult::started();
    if (findTool(u"openssl"_s).isEmpty())
        return StartResult::failure(StartResult::Status::ToolMissing,
                                    u"openssl is not installed (Debian package: openssl)"_s);
    if (!QDir().mkpath(path(u"issued"_s)))
        return StartResult::failure(StartResult::Status::SetupFailed,
                                    u"cannot create %1"_s.arg(path(u"issued"_s)));

    const QList<std::pair<QString, QByteArray>> files = {
        {u"openssl.cnf"_s, QByteArray(authorityConfiguration)},
        {u"index.txt"_s, QByteArray()},
        {u"serial"_s, QByteArrayLiteral("1000\n")},
    };
    for (const auto& [name, contents] : files) {
        QFile file(path(name));
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(contents) != contents.size())
            return StartResult::failure(StartResult::Status::SetupFailed,
                                        u"cannot write %1"_s.arg(file.fileName()));
    }

    const QStringList steps[] = {
        {u"genpkey"_s, u"-algorithm"_s, u"EC"_s, u"-pkeyopt"_s, u"ec_paramgen_curve:P-256"_s, u"-out"_s,
         u"ca.key"_s},
        {u"req"_s, u"-config"_s, u"openssl.cnf"_s, u"-new"_s, u"-key"_s, u"ca.key"_s, u"-subj"_s,
         u"/CN=RTMP Doctor Test CA"_s, u"-out"_s, u"ca.csr"_s},
        // Self-signed through `openssl ca` so the CA covers the expired
        // certificate's validity period, too.
        {u"ca"_s, u"-batch"_s, u"-config"_s, u"openssl.cnf"_s, u"-selfsign"_s, u"-keyfile"_s, u"ca.key"_s,
         u"-extensions"_s, u"authority_extensions"_s, u"-startdate"_s, u"20190101000000Z"_s, u"-enddate"_s,
         u"20491231235959Z"_s, u"-notext"_s, u"-in"_s, u"ca.csr"_s, u"-out"_s, u"ca.pem"_s},
    };
    for (const QStringList& step : steps) {
        if (StartResult result = openssl(step); !result.ok()) {
            QFile::remove(caCertificatePath());
            return result;
        }
    }
    return StartResult::started();
}

StartResult TestCertificates::createServerCertificate(CertificateKind kind)
{
    if (QFileInfo::exists(certificatePath(kind)))
        return StartResult::started();
    if (StartResult authority = createAuthority(); !authority.ok())
        return authority;

    const QString name = baseName(kind);
    const QString key = name + u".key"_s;
    const QString request = name + u".csr"_s;
    const QString certificate = name + u".pem"_s;
    // A half-written certificate must not look "already created" next time.
    const auto removeOnFailure = [this, kind](StartResult result) {
        if (!result.ok())
            QFile::remove(certificatePath(kind));
        return result;
    };
    const QString commonName = kind == CertificateKind::WrongHost ? u"wrong.example"_s : u"localhost"_s;

    if (StartResult result = openssl({u"genpkey"_s, u"-algorithm"_s, u"EC"_s, u"-pkeyopt"_s,
                                      u"ec_paramgen_curve:P-256"_s, u"-out"_s, key});
        !result.ok())
        return result;

    if (kind == CertificateKind::SelfSigned) {
        return removeOnFailure(
            openssl({u"req"_s, u"-config"_s, u"openssl.cnf"_s, u"-x509"_s, u"-new"_s, u"-key"_s, key,
                     u"-subj"_s, u"/CN="_s + commonName, u"-extensions"_s, u"self_signed_server"_s,
                     u"-days"_s, u"365"_s, u"-out"_s, certificate}));
    }

    if (StartResult result = openssl({u"req"_s, u"-config"_s, u"openssl.cnf"_s, u"-new"_s, u"-key"_s, key,
                                      u"-subj"_s, u"/CN="_s + commonName, u"-out"_s, request});
        !result.ok())
        return result;

    QStringList signing = {u"ca"_s,  u"-batch"_s, u"-config"_s, u"openssl.cnf"_s, u"-notext"_s,
                           u"-in"_s, request,     u"-out"_s,    certificate,      u"-extensions"_s};
    signing << (kind == CertificateKind::WrongHost ? u"wrong_host_server"_s : u"localhost_server"_s);
    if (kind == CertificateKind::Expired)
        signing << u"-startdate"_s << u"20200101000000Z"_s << u"-enddate"_s << u"20200201000000Z"_s;
    else
        signing << u"-days"_s << u"365"_s;
    return removeOnFailure(openssl(signing));
}

} // namespace rd::test
