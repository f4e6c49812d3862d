#include "stunnelfixture.h"

#include "freeport.h"

using namespace Qt::StringLiterals;

namespace rd::test {

namespace {

QString stunnelProgram()
{
    // Debian installs the binary as stunnel4 with stunnel as an alternative link.
    return findTool(u"stunnel4"_s).isEmpty() ? u"stunnel"_s : u"stunnel4"_s;
}

} // namespace

StunnelFixture::StunnelFixture(quint16 backendPort, Variant variant)
    : StunnelFixture(backendPort, variant, Options{})
{}

StunnelFixture::StunnelFixture(quint16 backendPort, Variant variant, Options options)
    : ServerFixture(u"stunnel-"_s + certificateKindName(variant))
    , m_backendPort(backendPort)
    , m_variant(variant)
    , m_options(options)
    , m_certificates(workDirectory())
{}

StartResult StunnelFixture::startOnce()
{
    m_port = FreePort::pick();
    if (m_port == 0)
        return StartResult::failure(StartResult::Status::SetupFailed, u"no free loopback port"_s);

    // foreground = yes keeps stunnel attached (its log goes to stderr, which
    // the fixture records); an empty pid = writes no pid file.
    QString configuration = uR"(; written by rd::test::StunnelFixture
foreground = yes
pid =
syslog = no
debug = info

[rtmps]
accept = 127.0.0.1:%1
connect = 127.0.0.1:%2
cert = %3
key = %4
)"_s.arg(QString::number(m_port), QString::number(m_backendPort), m_certificates.certificatePath(m_variant),
         m_certificates.keyPath(m_variant));
    if (m_options.capAtTls12)
        configuration += u"sslVersionMax = TLSv1.2\n"_s;
    if (StartResult written = writeTextFile(u"stunnel.conf"_s, configuration); !written.ok())
        return written;

    if (StartResult launched = process().start(stunnelProgram(), {filePath(u"stunnel.conf"_s)},
                                               workDirectory(), outputLogPath());
        !launched.ok())
        return launched;
    return process().waitUntilListening(m_port);
}

StartResult StunnelFixture::start()
{
    if (findTool(u"stunnel4"_s).isEmpty() && findTool(u"stunnel"_s).isEmpty()) {
        return StartResult::failure(StartResult::Status::ToolMissing,
                                    u"stunnel is not installed (Debian package: stunnel4)"_s);
    }
    if (m_backendPort == 0)
        return StartResult::failure(StartResult::Status::SetupFailed, u"stunnel needs a backend port"_s);
    if (StartResult created = m_certificates.createServerCertificate(m_variant); !created.ok())
        return created;
    return startWithRetries([this] { return startOnce(); });
}

} // namespace rd::test
