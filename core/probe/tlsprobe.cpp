#include "tlsprobe.h"

#include "probe/netprobes.h"
#include "probe/rtmpconversation.h"
#include "probe/tcpprobe.h"

#include <QDateTime>
#include <QDeadlineTimer>
#include <QHostAddress>
#include <QNetworkProxy>
#include <QSslCipher>
#include <QSslConfiguration>
#include <QSslSocket>

#include <algorithm>
#include <cstddef>

#if defined(Q_OS_LINUX)
// The kernel's struct tcp_info: glibc's copy in <netinet/tcp.h> lacks tcpi_bytes_received.
#include <linux/tcp.h>
#include <netinet/in.h>
#include <sys/socket.h>
#endif

namespace rd {

namespace {

// Bytes the peer has sent on this TCP connection, as the kernel counts them; -1 when unknown.
qint64 bytesReceivedOn(qintptr descriptor)
{
#if defined(Q_OS_LINUX)
    if (descriptor < 0)
        return -1;
    tcp_info info{};
    socklen_t size = sizeof info;
    if (::getsockopt(int(descriptor), IPPROTO_TCP, TCP_INFO, &info, &size) != 0)
        return -1;
    // Kernels before 4.1 fill in less; the field is then missing.
    if (size < socklen_t(offsetof(tcp_info, tcpi_bytes_received) + sizeof info.tcpi_bytes_received))
        return -1;
    return qint64(info.tcpi_bytes_received);
#else
    Q_UNUSED(descriptor);
    return -1;
#endif
}

// Leaves the probe's own deadline room to report what the inner stage found.
constexpr int kInnerDeadlineMarginMs = 300;

QString protocolName(QSsl::SslProtocol protocol)
{
    switch (protocol) {
    case QSsl::TlsV1_2:
        return QStringLiteral("TLS 1.2");
    case QSsl::TlsV1_3:
        return QStringLiteral("TLS 1.3");
    case QSsl::DtlsV1_2:
        return QStringLiteral("DTLS 1.2");
    case QSsl::UnknownProtocol:
        return QStringLiteral("unknown");
    default:
        // Anything older than TLS 1.2 is named by number so it stands out.
        return QStringLiteral("legacy (%1)").arg(int(protocol));
    }
}

QString utcText(const QDateTime& time)
{
    return time.isValid() ? time.toUTC().toString(Qt::ISODate) : QString();
}

// Lower is more fundamental: a chain nobody vouches for is the first thing
// to fix, then validity, then the name.
int precedence(ProbeStatus status)
{
    switch (status) {
    case ProbeStatus::TlsRevoked:
        return 0;
    case ProbeStatus::TlsSelfSigned:
        return 1;
    case ProbeStatus::TlsUnknownIssuer:
        return 2;
    case ProbeStatus::TlsCertificateExpired:
        return 3;
    case ProbeStatus::TlsCertificateNotYetValid:
        return 4;
    case ProbeStatus::TlsHostNameMismatch:
        return 5;
    case ProbeStatus::TlsOtherCertificateError:
        return 6;
    default:
        return 7;
    }
}

} // namespace

TlsProbe::TlsProbe(QString probeId, ProbeTarget target, ProbeTimeouts timeouts, Options options,
                   QObject* parent)
    : Probe(std::move(probeId), ProbeKind::Tls, std::move(target), timeouts, parent)
    , m_options(std::move(options))
{}

TlsProbe::~TlsProbe() = default;

ProbeStatus TlsProbe::statusForSslError(QSslError::SslError error)
{
    switch (error) {
    case QSslError::NoError:
        return ProbeStatus::TlsOk;
    case QSslError::CertificateExpired:
        return ProbeStatus::TlsCertificateExpired;
    case QSslError::CertificateNotYetValid:
        return ProbeStatus::TlsCertificateNotYetValid;
    case QSslError::HostNameMismatch:
        return ProbeStatus::TlsHostNameMismatch;
    case QSslError::SelfSignedCertificate:
    case QSslError::SelfSignedCertificateInChain:
        return ProbeStatus::TlsSelfSigned;
    case QSslError::UnableToGetLocalIssuerCertificate:
    case QSslError::UnableToVerifyFirstCertificate:
    case QSslError::UnableToGetIssuerCertificate:
        return ProbeStatus::TlsUnknownIssuer;
    case QSslError::CertificateRevoked:
        return ProbeStatus::TlsRevoked;
    default:
        return ProbeStatus::TlsOtherCertificateError;
    }
}

ProbeStatus TlsProbe::certificateStatus(const QList<QSslError>& errors)
{
    ProbeStatus winner = ProbeStatus::TlsOk;
    for (const QSslError& error : errors) {
        const ProbeStatus status = statusForSslError(error.error());
        if (precedence(status) < precedence(winner))
            winner = status;
    }
    return winner;
}

QString TlsProbe::where() const
{
    return netprobe::endpointText(netprobe::connectHost(target()), target().port);
}

QString TlsProbe::serverName() const
{
    return target().host.isEmpty() ? target().address : target().host;
}

void TlsProbe::begin()
{
    if (!QSslSocket::supportsSsl()) {
        finish(ProbeStatus::TlsUnavailable,
               tr("TLS is not available on this computer (no TLS library was found: %1), so RTMPS cannot "
                  "be tested.")
                   .arg(QSslSocket::sslLibraryVersionString()));
        return;
    }
    if (target().port == 0 || netprobe::connectHost(target()).isEmpty()) {
        finish(ProbeStatus::InternalError, tr("No address or port to connect to."));
        return;
    }
    setFact(tlsfacts::serverName, serverName());
    setFact(tlsfacts::tlsBackend, QSslSocket::activeBackend());

    m_socket = new QSslSocket(this);
    m_socket->setProxy(QNetworkProxy::NoProxy);
    m_socket->setReadBufferSize(kReadBufferBytes);
    m_socket->setSslConfiguration(
        netprobe::tlsConfiguration(m_options.extraCaCertificates, m_options.useSystemCaCertificates));

    connect(m_socket, &QSslSocket::connected, this, &TlsProbe::onConnected);
    connect(m_socket, &QSslSocket::sslErrors, this, &TlsProbe::onSslErrors);
    connect(m_socket, &QSslSocket::encrypted, this, &TlsProbe::onEncrypted);
    connect(m_socket, &QSslSocket::errorOccurred, this, &TlsProbe::onError);

    armTimeout(timeouts().connectMs, [this] {
        finish(ProbeStatus::TcpFiltered,
               tr("No answer from %1 within %2 s: the TCP connection was not accepted.")
                   .arg(where())
                   .arg(timeouts().connectMs / 1000.0));
    });
    step(tr("connecting"), where());
    // Connecting to the resolved address while naming the host keeps SNI and
    // the name check on what the user typed.
    m_socket->connectToHostEncrypted(netprobe::connectHost(target()), target().port, serverName());
}

void TlsProbe::onConnected()
{
    m_connected = true;
    m_connectedAtMs = elapsedMs();
    if (!m_socket->peerAddress().isNull())
        setFact(tlsfacts::address, m_socket->peerAddress().toString());
    step(tr("connected"), where(), m_connectedAtMs);
    sent(tr("TLS ClientHello (server name %1)").arg(serverName()));
    step(tr("TLS handshake started"), serverName());
    armTimeout(timeouts().readMs, [this] { handshakeTimedOut(); });
}

void TlsProbe::handshakeTimedOut()
{
    const qint64 answered = m_socket != nullptr ? bytesReceivedOn(m_socket->socketDescriptor()) : -1;
    if (answered > 0) {
        // A plain RTMP port never answers a ClientHello; this server began a TLS answer and stopped.
        setFact(tlsfacts::handshakeBytesReceived, answered);
        received(
            tr("%n byte(s) of a TLS answer, then nothing", nullptr, int(qMin<qint64>(answered, 1 << 30))));
        finish(ProbeStatus::TlsHandshakeFailed,
               tr("%1 began the TLS handshake (%2 bytes) and then stopped answering: no TLS session within "
                  "%3 s. The server or something on the way stalls mid-handshake.")
                   .arg(where())
                   .arg(answered)
                   .arg(timeouts().readMs / 1000.0));
        return;
    }
    if (answered == 0)
        setFact(tlsfacts::handshakeBytesReceived, qint64(0));
    finish(ProbeStatus::TlsNoAnswer,
           tr("%1 accepted the connection but did not complete a TLS handshake within %2 s. A plain RTMP "
              "server behaves like this (it waits for RTMP bytes): the port probably does not speak RTMPS.")
               .arg(where())
               .arg(timeouts().readMs / 1000.0));
}

void TlsProbe::notePeak()
{
    if (m_socket != nullptr)
        m_peakBuffered = std::max<qint64>(m_peakBuffered, m_socket->bytesAvailable());
    if (m_conversation != nullptr)
        m_peakBuffered = std::max<qint64>(m_peakBuffered, m_conversation->peakBufferedBytes());
    setFact(tlsfacts::peakBufferedBytes, m_peakBuffered);
}

void TlsProbe::onSslErrors(const QList<QSslError>& errors)
{
    m_certificateErrors += errors;
    m_certificateStatus = certificateStatus(m_certificateErrors);
    QStringList ids;
    QStringList texts;
    for (const QSslError& error : std::as_const(m_certificateErrors)) {
        ids << probeStatusId(statusForSslError(error.error()));
        texts << error.errorString();
    }
    setFact(tlsfacts::certificateErrors, ids);
    setFact(tlsfacts::certificateErrorTexts, texts);
    recordChain();
    received(tr("certificate not trusted: %1").arg(texts.join(QStringLiteral("; "))));
    // Only to learn more (protocol, cipher, an RTMP handshake); the status
    // stays the certificate error and nothing secret is sent through it.
    m_socket->ignoreSslErrors(errors);
}

void TlsProbe::recordChain()
{
    QVariantList chain;
    const QList<QSslCertificate> certificates = m_socket->peerCertificateChain();
    for (const QSslCertificate& certificate : certificates) {
        QVariantMap entry;
        entry.insert(tlsfacts::certSubject, certificate.subjectDisplayName());
        entry.insert(tlsfacts::certIssuer, certificate.issuerDisplayName());
        entry.insert(tlsfacts::certNotBefore, utcText(certificate.effectiveDate()));
        entry.insert(tlsfacts::certNotAfter, utcText(certificate.expiryDate()));
        QStringList names;
        const auto alternatives = certificate.subjectAlternativeNames();
        for (auto it = alternatives.cbegin(); it != alternatives.cend(); ++it) {
            if (it.key() == QSsl::DnsEntry || it.key() == QSsl::IpAddressEntry)
                names << it.value();
        }
        entry.insert(tlsfacts::certNames, names);
        entry.insert(tlsfacts::certSelfSigned, certificate.isSelfSigned());
        chain << entry;
    }
    setFact(tlsfacts::chain, chain);
}

void TlsProbe::onEncrypted()
{
    m_encrypted = true;
    disarmTimeout();
    const qint64 handshakeMs = elapsedMs() - m_connectedAtMs;
    const QString protocol = protocolName(m_socket->sessionProtocol());
    const QString cipher = m_socket->sessionCipher().name();
    setFact(tlsfacts::protocol, protocol);
    setFact(tlsfacts::cipher, cipher);
    setFact(tlsfacts::handshakeMs, handshakeMs);
    recordChain();
    received(tr("TLS session established: %1, %2").arg(protocol, cipher));
    step(tr("TLS session established"), protocol + QStringLiteral(", ") + cipher, handshakeMs);

    InnerRtmp goal = m_options.innerRtmp;
    if (goal == InnerRtmp::Connect && m_certificateStatus != ProbeStatus::TlsOk) {
        goal = InnerRtmp::Handshake;
        m_innerLimit = tr("connect was not sent: the certificate is not trusted, and connect carries the "
                          "application path, which may hold an access token");
    }
    if (goal == InnerRtmp::Connect && target().application.isEmpty()) {
        goal = InnerRtmp::Handshake;
        m_innerLimit = tr("connect was not sent: no application name is known");
    }
    if (!m_innerLimit.isEmpty())
        setFact(tlsfacts::innerLimit, m_innerLimit);
    if (goal == InnerRtmp::None) {
        setFact(tlsfacts::innerGoal, QStringLiteral("none"));
        concludeSession();
        return;
    }
    startInnerRtmp(goal);
}

void TlsProbe::startInnerRtmp(InnerRtmp goal)
{
    m_innerGoal = goal;
    setFact(tlsfacts::innerGoal,
            goal == InnerRtmp::Connect ? QStringLiteral("connect") : QStringLiteral("handshake"));

    RtmpConversationOptions options;
    options.goal = goal == InnerRtmp::Connect ? RtmpStage::Connect : RtmpStage::Handshake;
    options.handshakeTimeoutMs = timeouts().readMs;
    options.replyTimeoutMs = timeouts().readMs;
    options.deadline =
        QDeadlineTimer(std::max<qint64>(0, timeouts().probeMs - elapsedMs() - kInnerDeadlineMarginMs));
    options.connect.app = target().application;
    options.connect.tcUrl = target().tcUrl;
    if (options.connect.tcUrl.isEmpty()) {
        options.connect.tcUrl = QStringLiteral("rtmps://") +
                                netprobe::endpointText(serverName(), target().port) + u'/' +
                                target().application;
    }
    options.secrets = secretValuesOf(target());

    RtmpConversationSink sink;
    sink.step = [this](const QString& name, const QString& detail, qint64 durationMs) {
        step(tr("inside TLS: %1").arg(name), detail, durationMs);
    };
    sink.sent = [this](const QString& summary, const QByteArray& bytes) {
        sent(tr("inside TLS: %1").arg(summary), bytes);
    };
    sink.received = [this](const QString& summary, const QByteArray& bytes) {
        received(tr("inside TLS: %1").arg(summary), bytes);
    };
    sink.note = [this](const QString& summary) {
        note(tr("inside TLS: %1").arg(summary));
    };
    sink.stageFinished = [this](const RtmpStageResult& result) {
        onInnerStage(result);
    };

    m_conversation = new RtmpConversation(options, sink, this);
    m_conversation->start(m_socket);
}

void TlsProbe::onInnerStage(const RtmpStageResult& result)
{
    for (auto it = result.facts.cbegin(); it != result.facts.cend(); ++it)
        m_innerFacts.insert(it.key(), it.value());
    m_innerStatus = result.status;
    m_innerMessage = result.message;
    setFact(tlsfacts::innerStage, rtmpStageId(result.stage));
    setFact(tlsfacts::innerStatus, probeStatusId(result.status));
    setFact(tlsfacts::innerMessage, result.message);
    setFact(tlsfacts::innerFacts, m_innerFacts);

    const bool goalReached = result.succeeded() &&
                             ((m_innerGoal == InnerRtmp::Handshake && result.stage == RtmpStage::Handshake) ||
                              (m_innerGoal == InnerRtmp::Connect && result.stage == RtmpStage::Connect));
    if (!result.succeeded() || goalReached)
        concludeSession();
}

QString TlsProbe::certificateMessage() const
{
    QStringList texts;
    for (const QSslError& error : m_certificateErrors)
        texts << error.errorString();
    const QString details = texts.join(QStringLiteral("; "));
    switch (m_certificateStatus) {
    case ProbeStatus::TlsCertificateExpired:
        return tr("The server's certificate has expired (%1).").arg(details);
    case ProbeStatus::TlsCertificateNotYetValid:
        return tr("The server's certificate is not valid yet; check this computer's clock (%1).")
            .arg(details);
    case ProbeStatus::TlsHostNameMismatch:
        return tr("The server's certificate is not made out for %1 (%2).").arg(serverName(), details);
    case ProbeStatus::TlsSelfSigned:
        return tr("The server's certificate is self-signed, so nobody vouches for it (%1).").arg(details);
    case ProbeStatus::TlsUnknownIssuer:
        return tr("The server's certificate was issued by an authority this computer does not trust, or the "
                  "server does not send its intermediate certificates (%1).")
            .arg(details);
    case ProbeStatus::TlsRevoked:
        return tr("The server's certificate has been revoked (%1).").arg(details);
    default:
        return tr("The server's certificate was refused (%1).").arg(details);
    }
}

void TlsProbe::concludeSession()
{
    QString inner;
    if (m_innerStatus != ProbeStatus::NotRun)
        inner = tr("Inside TLS: %1").arg(m_innerMessage);
    if (!m_innerLimit.isEmpty())
        inner += (inner.isEmpty() ? QString() : QStringLiteral(" ")) + tr("(%1.)").arg(m_innerLimit);

    const QString session = tr("TLS session with %1: %2, %3.")
                                .arg(where(),
                                     m_socket->sessionProtocol() == QSsl::UnknownProtocol
                                         ? QStringLiteral("?")
                                         : protocolName(m_socket->sessionProtocol()),
                                     m_socket->sessionCipher().name());
    if (m_certificateStatus != ProbeStatus::TlsOk) {
        finish(m_certificateStatus,
               certificateMessage() + u' ' + session + (inner.isEmpty() ? QString() : u' ' + inner));
        return;
    }
    finish(ProbeStatus::TlsOk, tr("The certificate is valid for %1.").arg(serverName()) + u' ' + session +
                                   (inner.isEmpty() ? QString() : u' ' + inner));
}

void TlsProbe::onError(QAbstractSocket::SocketError error)
{
    if (m_conversation != nullptr && m_conversation->isActive())
        return; // the conversation reports what happened inside the session
    if (m_encrypted)
        return;
    const QString systemText = m_socket->errorString();
    setFact(tlsfacts::socketError, netprobe::socketErrorName(error));
    setFact(tlsfacts::systemMessage, systemText);
    if (!m_connected) {
        received(tr("connect failed: %1").arg(systemText));
        const ProbeStatus status = TcpProbe::classifyConnectError(error, systemText);
        finish(status == ProbeStatus::InternalError ? ProbeStatus::TlsHandshakeFailed : status,
               tr("Could not connect to %1: %2").arg(where(), systemText));
        return;
    }
    received(tr("TLS handshake failed: %1").arg(systemText));
    if (!m_certificateErrors.isEmpty()) {
        finish(m_certificateStatus, certificateMessage());
        return;
    }
    const QString how =
        error == QAbstractSocket::RemoteHostClosedError
            ? tr("%1 closed the connection during the TLS handshake (%2).").arg(where(), systemText)
            : tr("The TLS handshake with %1 failed: %2.").arg(where(), systemText);
    finish(ProbeStatus::TlsHandshakeFailed,
           how + u' ' +
               tr("The port may not speak TLS, or the server and this computer share no TLS version "
                  "or cipher."));
}

void TlsProbe::abortIo()
{
    notePeak();
    if (m_conversation != nullptr)
        m_conversation->stop();
    if (m_socket == nullptr)
        return;
    m_socket->disconnect(this);
    m_socket->abort();
}

} // namespace rd
