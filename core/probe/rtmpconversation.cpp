#include "rtmpconversation.h"

#include "url/azurenames.h"
#include "url/ingesturl.h"

#include <QAbstractSocket>
#include <QRegularExpression>

#include <algorithm>
#include <tuple>

#if defined(Q_OS_LINUX)
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>
#endif

using namespace Qt::StringLiterals;

namespace rd {

namespace {

// Secrets shorter than this are only masked where they stand alone.
constexpr qsizetype kSecretMatchedAnywhere = 8;
constexpr double kConnectTransaction = 1;
// The specification's largest chunk size: a longer one cannot be meant seriously.
constexpr quint32 kLargestSensibleChunkSize = 0xFFFFFF;

bool standsAlone(const QString& text, qsizetype at, qsizetype length)
{
    const bool startOk = at == 0 || !text.at(at - 1).isLetterOrNumber();
    const bool endOk = at + length >= text.size() || !text.at(at + length).isLetterOrNumber();
    return startOk && endOk;
}

QString variantId(rtmp::HandshakeVariant variant)
{
    return variant == rtmp::HandshakeVariant::Digest ? u"digest"_s : u"simple"_s;
}

bool codeEndsWith(const QString& code, QStringView suffix)
{
    return code.endsWith(suffix, Qt::CaseInsensitive);
}

struct VendorMatch
{
    QString signature;
    ProbeStatus status = ProbeStatus::ConnectFailed;
};

// Descriptions tell apart what one code (Rejected) lumps together.
std::optional<VendorMatch> matchVendorDescription(const QString& description)
{
    static const QRegularExpression red5NoScope(u"\\bNo scope\\b.*\\bon this server\\b"_s,
                                                QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression amsNotDefined(
        u"\\[\\s*Server\\.Reject\\s*\\].*\\bApplication\\s*\\(.*\\)\\s*is not defined"_s,
        QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression wowzaFolderMissing(u"\\bApplication folder\\b.*\\bis missing\\b"_s,
                                                       QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression red5ShuttingDown(
        u"\\bApplication at\\b.*\\bis currently shutting down\\b"_s,
        QRegularExpression::CaseInsensitiveOption);
    if (red5NoScope.match(description).hasMatch())
        return VendorMatch{u"red5-no-scope"_s, ProbeStatus::ConnectRejected};
    if (amsNotDefined.match(description).hasMatch())
        return VendorMatch{u"ams-application-not-defined"_s, ProbeStatus::ConnectRejected};
    if (wowzaFolderMissing.match(description).hasMatch())
        return VendorMatch{u"wowza-application-missing"_s, ProbeStatus::ConnectRejected};
    if (red5ShuttingDown.match(description).hasMatch())
        return VendorMatch{u"red5-application-shutting-down"_s, ProbeStatus::ConnectFailed};
    return std::nullopt;
}

QString quoted(const QString& text)
{
    return u"\u201C"_s + text + u"\u201D"_s;
}

} // namespace

// ---------------------------------------------------------------------------------------------
// SecretMask

SecretMask::SecretMask(const QStringList& secrets)
{
    for (const QString& secret : secrets)
        add(secret);
}

void SecretMask::add(const QString& secret)
{
    if (secret.isEmpty() || m_secrets.contains(secret))
        return;
    m_secrets.append(secret);
    std::stable_sort(m_secrets.begin(), m_secrets.end(),
                     [](const QString& left, const QString& right) { return left.size() > right.size(); });
}

QString SecretMask::apply(const QString& text) const
{
    QString result = text;
    for (const QString& secret : m_secrets) {
        const QString mark = redactSecret(secret);
        qsizetype from = 0;
        while (true) {
            const qsizetype at = result.indexOf(secret, from);
            if (at < 0)
                break;
            if (secret.size() >= kSecretMatchedAnywhere || standsAlone(result, at, secret.size())) {
                result.replace(at, secret.size(), mark);
                from = at + mark.size();
            } else {
                from = at + 1;
            }
        }
    }
    return result;
}

QByteArray SecretMask::apply(const QByteArray& bytes) const
{
    QByteArray result = bytes;
    for (const QString& secret : m_secrets) {
        const QByteArray utf8 = secret.toUtf8();
        result.replace(utf8, QByteArray(utf8.size(), '*'));
    }
    return result;
}

amf0::Value::StringFilter SecretMask::filter() const
{
    if (m_secrets.isEmpty())
        return {};
    const SecretMask copy = *this;
    return [copy](const QString& text) {
        return copy.apply(text);
    };
}

QStringList secretValuesOf(const ProbeTarget& target)
{
    QStringList secrets;
    if (!target.streamKey.isEmpty())
        secrets << target.streamKey;
    const QStringList segments = target.application.split(u'/', Qt::SkipEmptyParts);
    for (const QString& segment : segments) {
        if (isWellFormedAzureToken(segment) && !secrets.contains(segment))
            secrets << segment;
    }
    return secrets;
}

QString rtmpStageId(RtmpStage stage)
{
    switch (stage) {
    case RtmpStage::Handshake:
        return u"handshake"_s;
    case RtmpStage::Connect:
        return u"connect"_s;
    case RtmpStage::Publish:
        return u"publish"_s;
    }
    return u"unknown"_s;
}

bool RtmpStageResult::succeeded() const
{
    switch (stage) {
    case RtmpStage::Handshake:
        return status == ProbeStatus::HandshakeOk;
    case RtmpStage::Connect:
        return status == ProbeStatus::ConnectSuccess;
    case RtmpStage::Publish:
        return status == ProbeStatus::PublishStarted;
    }
    return false;
}

// ---------------------------------------------------------------------------------------------
// Telling a FIN from an RST

// Qt turns ECONNRESET into an orderly end (RemoteHostClosedError) and closes its descriptor
// before saying so. A duplicate of the descriptor keeps the TCP socket alive long enough to ask
// the kernel which state the peer left it in: CLOSE after a reset, CLOSE_WAIT after a FIN.
struct RtmpConversation::CloseWitness
{
    explicit CloseWitness(qintptr descriptor)
    {
#if defined(Q_OS_LINUX)
        if (descriptor >= 0)
            fd = ::fcntl(int(descriptor), F_DUPFD_CLOEXEC, 0);
#else
        Q_UNUSED(descriptor);
#endif
    }
    ~CloseWitness()
    {
        release();
    }
    CloseWitness(const CloseWitness&) = delete;
    CloseWitness& operator=(const CloseWitness&) = delete;

    void release()
    {
#if defined(Q_OS_LINUX)
        if (fd >= 0)
            ::close(fd);
#endif
        fd = -1;
    }

    QString closure() const
    {
#if defined(Q_OS_LINUX)
        if (fd < 0)
            return u"unknown"_s;
        tcp_info info{};
        socklen_t size = sizeof info;
        if (::getsockopt(fd, IPPROTO_TCP, TCP_INFO, &info, &size) != 0)
            return u"unknown"_s;
        switch (info.tcpi_state) {
        case TCP_CLOSE:
            return u"reset"_s;
        case TCP_CLOSE_WAIT:
        case TCP_LAST_ACK:
        case TCP_CLOSING:
        case TCP_TIME_WAIT:
            return u"fin"_s;
        default:
            return u"unknown"_s;
        }
#else
        return u"unknown"_s;
#endif
    }

    int fd = -1;
};

// ---------------------------------------------------------------------------------------------
// RtmpConversation

RtmpConversation::RtmpConversation(RtmpConversationOptions options, RtmpConversationSink sink,
                                   QObject* parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_sink(std::move(sink))
    , m_mask(m_options.secrets)
    , m_reader(m_options.maxMessageLength)
{
    m_mask.add(m_options.streamName);
    m_stageTimer.setSingleShot(true);
    // Timeouts are reported in the result; a coarse timer may fire 5 % early.
    m_stageTimer.setTimerType(Qt::PreciseTimer);
    m_closeTimer.setSingleShot(true);
    connect(&m_stageTimer, &QTimer::timeout, this, &RtmpConversation::onStageTimeout);
    connect(&m_closeTimer, &QTimer::timeout, this, [this] {
        if (m_phase == Phase::Closing)
            finishClosing(false);
    });
}

RtmpConversation::~RtmpConversation()
{
    stop();
}

std::optional<RtmpStage> RtmpConversation::currentStage() const
{
    switch (m_phase) {
    case Phase::Handshake:
        return RtmpStage::Handshake;
    case Phase::AwaitConnectReply:
        return RtmpStage::Connect;
    case Phase::AwaitCreateStreamReply:
    case Phase::AwaitPublishReply:
    case Phase::PublishGrace:
        return RtmpStage::Publish;
    default:
        return std::nullopt;
    }
}

RtmpStage RtmpConversation::stageOfPhase() const
{
    return currentStage().value_or(m_options.goal);
}

qsizetype RtmpConversation::bufferedBytes() const
{
    qsizetype held = m_reader.bufferedBytes();
    if (m_classifier)
        held += qMin<qsizetype>(m_classifier->report().bytesReceived, 1 + 2 * rtmp::HandshakeBlockSize);
    if (m_socket)
        held += qsizetype(m_socket->bytesAvailable());
    return held;
}

void RtmpConversation::noteBuffered()
{
    m_peakBuffered = qMax(m_peakBuffered, bufferedBytes());
}

void RtmpConversation::start(QAbstractSocket* socket)
{
    if (m_phase != Phase::Idle || socket == nullptr)
        return;
    m_socket = socket;
    m_witness = std::make_unique<CloseWitness>(socket->socketDescriptor());
    connect(socket, &QAbstractSocket::readyRead, this, &RtmpConversation::onReadyRead);
    connect(socket, &QAbstractSocket::disconnected, this, &RtmpConversation::onPeerGone);
    connect(socket, &QAbstractSocket::errorOccurred, this,
            [this](QAbstractSocket::SocketError) { onPeerGone(); });

    m_phase = Phase::Handshake;
    const rtmp::ClientHello hello = rtmp::buildClientHello(m_options.c1Variant);
    m_classifier.emplace(hello);
    m_handshakeClock.start();
    // Armed before anything can fail, so every path ends by this timer at the latest.
    armStageTimer(m_options.handshakeTimeoutMs);
    if (!writeBytes(hello.bytes)) {
        onPeerGone();
        return;
    }
    if (m_sink.sent) {
        m_sink.sent(m_options.c1Variant == rtmp::HandshakeVariant::Digest
                        ? tr("C0+C1 (1537 bytes): RTMP version 3, digest C1 (client version 9.0.124.2)")
                        : tr("C0+C1 (1537 bytes): RTMP version 3, simple C1 (version field zero)"),
                    hello.bytes.left(64));
    }
    if (m_sink.step)
        m_sink.step(tr("handshake"), tr("C0+C1 sent, waiting for S0+S1+S2"), -1);
    if (socket->state() != QAbstractSocket::ConnectedState) {
        onPeerGone();
        return;
    }
    if (socket->bytesAvailable() > 0)
        onReadyRead();
}

void RtmpConversation::stop()
{
    m_closedPending = false;
    m_stageTimer.stop();
    m_closeTimer.stop();
    if (m_socket)
        m_socket->disconnect(this);
    m_socket = nullptr;
    if (m_witness)
        m_witness->release();
    m_phase = Phase::Stopped;
}

void RtmpConversation::closeGracefully()
{
    if (m_phase == Phase::Idle || m_phase == Phase::Closing || m_phase == Phase::Stopped)
        return;
    m_stageTimer.stop();
    if (m_witness)
        m_witness->release();
    m_phase = Phase::Closing;
    if (!m_socket || m_socket->state() != QAbstractSocket::ConnectedState) {
        finishClosing(true);
        return;
    }
    if (m_streamCreated) {
        if (m_publishStartSeen)
            sendMessage(rtmp::buildFCUnpublish(m_nextTransactionId++, m_options.streamName), {});
        sendMessage(rtmp::buildDeleteStream(m_nextTransactionId++, m_streamId), {});
    }
    if (m_sink.step)
        m_sink.step(tr("closing"), tr("closing the connection"), -1);
    m_closeTimer.start(qMax(0, m_options.closeTimeoutMs));
    if (m_socket)
        m_socket->disconnectFromHost();
}

void RtmpConversation::finishClosing(bool graceful)
{
    if (m_phase != Phase::Closing && m_phase != Phase::AtGoal)
        return;
    stop();
    // Queued, so the owner may end itself in the callback without the socket's signal
    // emission still on the stack; a stop() in between cancels it.
    m_closedPending = true;
    QMetaObject::invokeMethod(
        this,
        [this, graceful] {
            if (!m_closedPending)
                return;
            m_closedPending = false;
            if (m_sink.closed)
                m_sink.closed(graceful);
        },
        Qt::QueuedConnection);
}

bool RtmpConversation::writeBytes(const QByteArray& bytes)
{
    if (!m_socket)
        return false;
    const qint64 written = m_socket->write(bytes);
    return written == bytes.size();
}

bool RtmpConversation::sendMessage(const rtmp::Message& message, const QString& summary)
{
    const rtmp::WriteResult written = m_writer.write(message);
    if (!written.ok())
        return false;
    if (!writeBytes(written.bytes))
        return false;
    if (message.type == quint8(rtmp::MessageType::Amf0Command)) {
        const rtmp::CommandParseResult parsed = rtmp::parseCommand(message);
        m_lastCommandSent = parsed.command.name;
        if (m_sink.sent)
            m_sink.sent(summary.isEmpty() ? parsed.command.toDebugString(m_mask.filter()) : masked(summary),
                        m_mask.apply(message.payload));
    } else if (m_sink.sent) {
        m_sink.sent(masked(summary), message.payload);
    }
    return true;
}

void RtmpConversation::armStageTimer(int ms)
{
    qint64 wait = qMax(0, ms);
    if (!m_options.deadline.isForever())
        wait = qMin(wait, qMax<qint64>(0, m_options.deadline.remainingTime()));
    m_stageClock.start();
    m_stageTimer.start(int(wait));
}

void RtmpConversation::onReadyRead()
{
    if (!m_socket)
        return;
    const QByteArray bytes = m_socket->readAll();
    if (bytes.isEmpty())
        return;
    processIncoming(bytes);
}

void RtmpConversation::processIncoming(const QByteArray& bytes)
{
    switch (m_phase) {
    case Phase::Handshake:
        feedHandshake(bytes);
        return;
    case Phase::AwaitConnectReply:
    case Phase::AwaitCreateStreamReply:
    case Phase::AwaitPublishReply:
    case Phase::PublishGrace:
    case Phase::AtGoal:
        feedChunks(bytes);
        return;
    case Phase::Idle:
    case Phase::Closing:
    case Phase::Stopped:
        return;
    }
}

// ---------------------------------------------------------------------------------------------
// Handshake

void RtmpConversation::feedHandshake(const QByteArray& bytes)
{
    rtmp::HandshakeClassifier& classifier = *m_classifier;
    const bool hadS1 = classifier.s1Complete();
    const rtmp::HandshakeVerdict verdict = classifier.feed(bytes);
    noteBuffered();
    const rtmp::HandshakeReport& report = classifier.report();

    if (!hadS1 && classifier.s1Complete()) {
        if (m_sink.received) {
            QString summary = tr("S0+S1: RTMP version 3, server version %1").arg(report.serverVersion);
            if (report.serverDigestValid())
                summary += tr(", valid server digest (scheme %1)").arg(report.serverDigestScheme);
            else if (report.s1EchoesC1)
                summary += tr(", S1 is a copy of our C1");
            m_sink.received(summary, classifier.s1().left(64));
        }
        // C2 goes out before S2 has arrived: some servers send S2 only after C2.
        const QByteArray c2 = classifier.c2();
        if (!writeBytes(c2))
            return;
        m_c2Sent = true;
        if (m_sink.sent)
            m_sink.sent(tr("C2 (1536 bytes): echo of S1"), c2.left(64));
    }

    switch (verdict) {
    case rtmp::HandshakeVerdict::NeedMore:
        return;
    case rtmp::HandshakeVerdict::Ok: {
        if (m_sink.received)
            m_sink.received(tr("S2: %1").arg(rtmp::serverResponseCheckName(report.s2Check)), {});
        QVariantMap facts;
        facts.insert(rtmpfacts::serverVersion, report.serverVersion);
        facts.insert(rtmpfacts::serverTime, report.serverTime);
        facts.insert(rtmpfacts::serverDigestValid, report.serverDigestValid());
        facts.insert(rtmpfacts::serverDigestScheme, report.serverDigestScheme);
        facts.insert(rtmpfacts::s1EchoesC1, report.s1EchoesC1);
        facts.insert(rtmpfacts::s2Kind, rtmp::serverResponseCheckName(report.s2Check));
        const qint64 ms = m_handshakeClock.elapsed();
        facts.insert(rtmpfacts::handshakeMs, ms);
        QString message = tr("The server completed the RTMP handshake in %1 ms (server version %2).")
                              .arg(ms)
                              .arg(report.serverVersion);
        if (report.s2Check == rtmp::ServerResponseCheck::Unverified)
            message += u' ' + tr("Its S2 is neither an echo of C1 nor signed; clients accept that.");
        const QByteArray surplus = classifier.takeSurplus();
        finishHandshake(ProbeStatus::HandshakeOk, message, facts);
        if (m_phase == Phase::AwaitConnectReply && !surplus.isEmpty())
            feedChunks(surplus);
        return;
    }
    default:
        handshakeEndedWithoutVerdict(false);
        return;
    }
}

void RtmpConversation::handshakeEndedWithoutVerdict(bool peerClosed)
{
    rtmp::HandshakeClassifier& classifier = *m_classifier;
    const qint64 waitedMs = m_handshakeClock.elapsed();
    const QString closure = peerClosed ? peerClosureName() : QString();
    QVariantMap facts;
    if (peerClosed)
        facts.insert(rtmpfacts::peerClosure, closure);

    if (classifier.report().bytesReceived == 0) {
        if (!peerClosed) {
            finishHandshake(ProbeStatus::HandshakeSilent,
                            tr("The server accepted the TCP connection but sent nothing in %1 ms after the "
                               "RTMP handshake request.")
                                .arg(waitedMs),
                            facts);
        } else if (closure == u"reset") {
            finishHandshake(ProbeStatus::HandshakeReset,
                            tr("The server reset the connection (RST) after the RTMP handshake request, "
                               "without answering."),
                            facts);
        } else {
            finishHandshake(ProbeStatus::HandshakeClosedAfterC0C1,
                            tr("The server closed the connection after the RTMP handshake request, without "
                               "answering."),
                            facts);
        }
        return;
    }

    const rtmp::HandshakeVerdict verdict =
        classifier.verdict() == rtmp::HandshakeVerdict::NeedMore ? classifier.finish() : classifier.verdict();
    const rtmp::HandshakeReport& report = classifier.report();
    facts.insert(rtmpfacts::bytesReceived, qint64(report.bytesReceived));
    facts.insert(rtmpfacts::firstBytesHex, QString::fromLatin1(report.firstBytes.toHex(' ')));
    facts.insert(rtmpfacts::firstByte, int(report.firstByte));
    if (!report.serverVersion.isEmpty())
        facts.insert(rtmpfacts::serverVersion, report.serverVersion);

    switch (verdict) {
    case rtmp::HandshakeVerdict::AnsweredHttp:
        facts.insert(rtmpfacts::httpStatusLine, report.httpStatusLine);
        facts.insert(rtmpfacts::httpStatusCode, report.httpStatusCode);
        facts.insert(rtmpfacts::textSnippet, report.textSnippet);
        finishHandshake(
            ProbeStatus::HandshakeAnsweredHttp,
            tr("A web server answered instead of an RTMP server: %1.").arg(quoted(report.httpStatusLine)),
            facts);
        return;
    case rtmp::HandshakeVerdict::AnsweredTls: {
        facts.insert(rtmpfacts::tlsEvidence,
                     report.tlsRecordType == 0x15 ? u"alert-record"_s : u"handshake-record"_s);
        if (report.tlsAlertLevel >= 0) {
            facts.insert(rtmpfacts::tlsAlertLevel, report.tlsAlertLevel);
            facts.insert(rtmpfacts::tlsAlertDescription, report.tlsAlertDescription);
        }
        finishHandshake(
            ProbeStatus::HandshakeAnsweredTls,
            report.tlsRecordType == 0x15
                ? tr("The server answered with a TLS alert: this port expects TLS (rtmps://), not "
                     "plain RTMP.")
                : tr("The server answered with a TLS record: this port expects TLS (rtmps://), not "
                     "plain RTMP."),
            facts);
        return;
    }
    case rtmp::HandshakeVerdict::RtmpeRequested:
        finishHandshake(
            ProbeStatus::HandshakeRtmpeRequested,
            tr("The server answered with RTMP version %1: it wants encrypted RTMPE, which encoders "
               "do not use for publishing.")
                .arg(int(report.firstByte)),
            facts);
        return;
    case rtmp::HandshakeVerdict::UnknownVersion:
        finishHandshake(
            ProbeStatus::HandshakeUnknownVersion,
            tr("The server answered with RTMP version byte %1 instead of 3.").arg(int(report.firstByte)),
            facts);
        return;
    case rtmp::HandshakeVerdict::TextReply:
        facts.insert(rtmpfacts::textSnippet, report.textSnippet);
        finishHandshake(
            ProbeStatus::HandshakeGarbled,
            tr("The server answered with text that is not RTMP: %1.").arg(quoted(report.textSnippet)), facts);
        return;
    case rtmp::HandshakeVerdict::Garbage:
        finishHandshake(ProbeStatus::HandshakeGarbled,
                        tr("The server answered with bytes that are not RTMP (first byte 0x%1).")
                            .arg(int(report.firstByte), 2, 16, QChar(u'0')),
                        facts);
        return;
    case rtmp::HandshakeVerdict::ShortReply:
    case rtmp::HandshakeVerdict::NeedMore:
    case rtmp::HandshakeVerdict::Ok:
        break;
    }
    facts.insert(rtmpfacts::stalled, !peerClosed);
    const qint64 expected = 1 + 2 * rtmp::HandshakeBlockSize;
    finishHandshake(ProbeStatus::HandshakeShortReply,
                    peerClosed
                        ? tr("The server sent only %1 of the %2 bytes of its handshake reply, then closed "
                             "the connection.")
                              .arg(report.bytesReceived)
                              .arg(expected)
                        : tr("The server sent only %1 of the %2 bytes of its handshake reply in %3 ms.")
                              .arg(report.bytesReceived)
                              .arg(expected)
                              .arg(waitedMs),
                    facts);
}

void RtmpConversation::finishHandshake(ProbeStatus status, const QString& message, QVariantMap facts)
{
    facts.insert(rtmpfacts::c1Variant, variantId(m_options.c1Variant));
    if (m_classifier)
        facts.insert(rtmpfacts::handshakeVerdict, rtmp::handshakeVerdictName(m_classifier->verdict()));
    if (status == ProbeStatus::HandshakeOk) {
        if (m_sink.step)
            m_sink.step(tr("handshake complete"), facts.value(rtmpfacts::serverVersion).toString(),
                        m_handshakeClock.elapsed());
        completeStage(status, message, facts);
    } else {
        failStage(status, message, facts);
    }
}

// ---------------------------------------------------------------------------------------------
// Chunk stream

void RtmpConversation::feedChunks(QByteArrayView bytes)
{
    m_acknowledgements.addReceived(quint64(bytes.size()));
    const rtmp::ReadStatus status = m_reader.feed(bytes);
    noteBuffered();
    const QList<rtmp::Message> messages = m_reader.takeMessages();
    for (const rtmp::Message& message : messages) {
        if (m_phase == Phase::Stopped || m_phase == Phase::Closing)
            return;
        if (message.type >= 1 && message.type <= 6) {
            if (!handleControl(message))
                return;
            continue;
        }
        if (message.type == quint8(rtmp::MessageType::Amf0Command) ||
            message.type == quint8(rtmp::MessageType::Amf3Command)) {
            const auto progress = [this] {
                return std::tuple(m_phase, m_streamCreated, m_publishStartSeen);
            };
            const auto before = progress();
            handleCommand(message);
            // A command that moved nothing on answered nothing: a server that answers every
            // command with commands of its own must not keep the probe listening until its timeout.
            if (m_phase != Phase::AtGoal && progress() == before && !countIgnored(message))
                return;
            continue;
        }
        if (!countIgnored(message))
            return;
    }
    if (m_phase == Phase::Stopped || m_phase == Phase::Closing)
        return;
    if (status != rtmp::ReadStatus::Ok) {
        if (m_phase == Phase::AtGoal) {
            // Nothing left to judge; stop reading a stream that makes no sense any more.
            if (m_sink.note)
                m_sink.note(
                    tr("the server's chunk stream broke after the check: %1").arg(m_reader.errorMessage()));
            m_stageTimer.stop();
            if (m_socket)
                m_socket->disconnect(this);
            finishClosing(false);
            return;
        }
        failStage(
            ProbeStatus::ConnectProtocolError,
            tr("The server's reply is not a valid RTMP chunk stream (%1 at byte %2 after the handshake).")
                .arg(m_reader.errorMessage())
                .arg(m_reader.errorOffset()),
            {{rtmpfacts::protocolError, rtmp::readStatusName(status)}});
        return;
    }
    acknowledgeIfDue();
}

bool RtmpConversation::countIgnored(const rtmp::Message& message)
{
    m_ignoredBytes += message.payload.size();
    if (m_phase == Phase::AtGoal || m_ignoredBytes <= m_options.maxIgnoredBytes)
        return true;
    failStage(ProbeStatus::ConnectProtocolError,
              tr("The server sent %1 bytes of %2 and other messages without answering.")
                  .arg(m_ignoredBytes)
                  .arg(rtmp::messageTypeName(message.type)),
              {{rtmpfacts::protocolError, u"unrelated-messages"_s}});
    return false;
}

void RtmpConversation::acknowledgeIfDue()
{
    if (!m_acknowledgements.acknowledgementDue())
        return;
    const rtmp::Message acknowledgement = m_acknowledgements.takeAcknowledgement();
    sendMessage(acknowledgement, tr("acknowledgement %1").arg(m_acknowledgements.received()));
}

bool RtmpConversation::handleControl(const rtmp::Message& message)
{
    const rtmp::ControlMessage control = rtmp::parseControlMessage(message);
    if (m_sink.received)
        m_sink.received(control.toDebugString(), message.payload);
    if (!control.ok())
        return true;
    switch (control.type) {
    case rtmp::MessageType::SetChunkSize:
        m_sessionFacts.insert(rtmpfacts::serverChunkSize, control.value);
        if (control.value > kLargestSensibleChunkSize && m_phase != Phase::AtGoal) {
            failStage(ProbeStatus::ConnectProtocolError,
                      tr("The server set a chunk size of %1 bytes; RTMP allows at most %2.")
                          .arg(control.value)
                          .arg(kLargestSensibleChunkSize),
                      {{rtmpfacts::protocolError, u"chunk-size-too-large"_s},
                       {rtmpfacts::serverChunkSize, control.value}});
            return false;
        }
        return true;
    case rtmp::MessageType::WindowAcknowledgementSize:
        m_sessionFacts.insert(rtmpfacts::serverWindowAckSize, control.value);
        m_acknowledgements.setWindowSize(control.value);
        // At once: the messages after it may end the stage before this read is done.
        acknowledgeIfDue();
        return true;
    case rtmp::MessageType::SetPeerBandwidth:
        m_sessionFacts.insert(rtmpfacts::serverPeerBandwidth, control.value);
        if (control.value != m_windowAckSent) {
            m_windowAckSent = control.value;
            sendMessage(rtmp::makeWindowAcknowledgementSize(control.value),
                        tr("window-acknowledgement-size %1").arg(control.value));
        }
        return true;
    case rtmp::MessageType::UserControl:
        if (control.isPingRequest())
            sendMessage(rtmp::makePingResponse(control.value),
                        tr("user-control ping-response %1").arg(control.value));
        return true;
    default:
        return true;
    }
}

void RtmpConversation::handleCommand(const rtmp::Message& message)
{
    const rtmp::CommandParseResult parsed = rtmp::parseCommand(message);
    if (m_sink.received) {
        m_sink.received(parsed.ok() ? parsed.command.toDebugString(m_mask.filter())
                                    : tr("undecodable command: %1").arg(masked(parsed.message)),
                        m_mask.apply(message.payload));
    }
    if (m_phase == Phase::AtGoal)
        return;
    if (!parsed.ok()) {
        failStage(ProbeStatus::ConnectProtocolError,
                  tr("The server sent a command that cannot be decoded: %1.").arg(masked(parsed.message)),
                  {{rtmpfacts::protocolError, rtmp::commandParseStatusName(parsed.status)}});
        return;
    }
    if (m_phase == Phase::AwaitConnectReply)
        handleConnectReply(parsed.command);
    else
        handlePublishStageCommand(parsed.command);
}

// ---------------------------------------------------------------------------------------------
// Connect

void RtmpConversation::beginConnect()
{
    m_phase = Phase::AwaitConnectReply;
    armStageTimer(m_options.replyTimeoutMs);
    const rtmp::Message connectMessage = rtmp::buildConnect(m_options.connect, kConnectTransaction);
    if (!sendMessage(connectMessage, {}))
        return;
    if (m_sink.step)
        m_sink.step(tr("connect"),
                    tr("connect sent for application %1").arg(quoted(masked(m_options.connect.app))), -1);
}

void RtmpConversation::handleConnectReply(const rtmp::Command& command)
{
    const rtmp::CommandKind kind = command.kind();
    const bool forConnect = !command.hasTransactionId || command.transactionId == kConnectTransaction;
    const rtmp::StatusInfo info = rtmp::extractStatusInfo(command);

    QVariantMap facts;
    const qint64 replyMs = m_stageClock.elapsed();
    const auto addInfo = [&] {
        facts.insert(rtmpfacts::replyCommand, command.name);
        facts.insert(rtmpfacts::connectMs, replyMs);
        if (!info.fmsVer.isEmpty())
            facts.insert(rtmpfacts::fmsVer, masked(info.fmsVer));
        if (info.capabilities)
            facts.insert(rtmpfacts::capabilities, *info.capabilities);
        if (info.objectEncoding)
            facts.insert(rtmpfacts::objectEncoding, *info.objectEncoding);
        if (info.present) {
            facts.insert(rtmpfacts::level, masked(info.level));
            facts.insert(rtmpfacts::code, masked(info.code));
            facts.insert(rtmpfacts::description, masked(info.description));
        }
    };

    if (kind == rtmp::CommandKind::Close) {
        addInfo();
        facts.insert(rtmpfacts::closedBy, u"close-command"_s);
        failStage(ProbeStatus::ConnectClosedSilently,
                  tr("The server answered connect with a close command, giving no reason."), facts);
        return;
    }

    const bool isError = kind == rtmp::CommandKind::Error || info.isError();
    const bool answersConnect = (kind == rtmp::CommandKind::Result || kind == rtmp::CommandKind::Error)
                                    ? forConnect
                                    : kind == rtmp::CommandKind::OnStatus;
    if (!answersConnect)
        return;

    if (!isError) {
        if (kind == rtmp::CommandKind::OnStatus) {
            if (codeEndsWith(info.code, u"Connect.Closed")) {
                addInfo();
                facts.insert(rtmpfacts::closedBy, u"close-status"_s);
                failStage(ProbeStatus::ConnectClosedSilently,
                          tr("The server answered connect with %1, giving no reason.").arg(masked(info.code)),
                          facts);
            }
            return;
        }
        addInfo();
        const QString code = info.code.isEmpty() ? u"_result"_s : masked(info.code);
        if (m_sink.step)
            m_sink.step(tr("connected"), code, replyMs);
        completeStage(ProbeStatus::ConnectSuccess,
                      info.fmsVer.isEmpty()
                          ? tr("The server accepted the application %1 (%2).")
                                .arg(quoted(masked(m_options.connect.app)), code)
                          : tr("The server accepted the application %1 (%2, server %3).")
                                .arg(quoted(masked(m_options.connect.app)), code, masked(info.fmsVer)),
                      facts);
        return;
    }

    addInfo();
    const QString description = masked(info.description);
    static const QRegularExpression authModePattern(u"authmod=(adobe|llnw)"_s,
                                                    QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression authReasonPattern(u"[?&]reason=([A-Za-z_]+)"_s);
    const QRegularExpressionMatch authMode = authModePattern.match(info.description);
    const QString said = description.isEmpty() ? masked(info.code) : description;
    if (authMode.hasMatch()) {
        facts.insert(rtmpfacts::authMode, authMode.captured(1).toLower());
        const QRegularExpressionMatch reason = authReasonPattern.match(info.description);
        if (reason.hasMatch())
            facts.insert(rtmpfacts::authReason, reason.captured(1));
        failStage(ProbeStatus::ConnectAuthRequired,
                  tr("The server wants a user name and password (authmod=%1): %2")
                      .arg(authMode.captured(1).toLower(), quoted(said)),
                  facts);
        return;
    }

    const std::optional<VendorMatch> vendor = matchVendorDescription(info.description);
    if (vendor)
        facts.insert(rtmpfacts::vendorSignature, vendor->signature);

    ProbeStatus status = ProbeStatus::ConnectFailed;
    if (codeEndsWith(info.code, u"Connect.Rejected"))
        status = ProbeStatus::ConnectRejected;
    else if (codeEndsWith(info.code, u"Connect.InvalidApp"))
        status = ProbeStatus::ConnectInvalidApp;
    else if (codeEndsWith(info.code, u"Connect.Failed"))
        status = ProbeStatus::ConnectFailed;
    else if (info.code.isEmpty() && vendor)
        status = vendor->status;

    const QString app = quoted(masked(m_options.connect.app));
    switch (status) {
    case ProbeStatus::ConnectRejected:
        failStage(status,
                  tr("The server rejected the connection to the application %1: %2").arg(app, quoted(said)),
                  facts);
        return;
    case ProbeStatus::ConnectInvalidApp:
        failStage(status, tr("The server says the application name %1 is invalid: %2").arg(app, quoted(said)),
                  facts);
        return;
    default:
        failStage(status,
                  tr("The server refused the connection to the application %1 (%2): %3")
                      .arg(app, info.code.isEmpty() ? command.name : masked(info.code), quoted(said)),
                  facts);
        return;
    }
}

// ---------------------------------------------------------------------------------------------
// Publish

void RtmpConversation::beginPublish()
{
    m_phase = Phase::AwaitCreateStreamReply;
    armStageTimer(m_options.replyTimeoutMs);
    const QString name = m_options.streamName;
    if (!sendMessage(rtmp::buildReleaseStream(m_nextTransactionId++, name), {}))
        return;
    if (!sendMessage(rtmp::buildFCPublish(m_nextTransactionId++, name), {}))
        return;
    m_createStreamTransaction = m_nextTransactionId++;
    if (!sendMessage(rtmp::buildCreateStream(m_createStreamTransaction), {}))
        return;
    if (m_sink.step)
        m_sink.step(tr("create stream"), tr("releaseStream, FCPublish and createStream sent"), -1);
}

void RtmpConversation::sendPublish()
{
    m_phase = Phase::AwaitPublishReply;
    armStageTimer(m_options.replyTimeoutMs);
    m_publishTransaction = m_nextTransactionId++;
    if (!sendMessage(rtmp::buildPublish(m_publishTransaction, quint32(m_streamId), m_options.streamName), {}))
        return;
    if (m_sink.step)
        m_sink.step(tr("publish"), tr("publish sent on stream %1 (no media will follow)").arg(m_streamId),
                    -1);
}

void RtmpConversation::handlePublishStageCommand(const rtmp::Command& command)
{
    const rtmp::CommandKind kind = command.kind();
    const rtmp::StatusInfo info = rtmp::extractStatusInfo(command);
    QVariantMap facts;
    const auto addInfo = [&] {
        if (info.present) {
            facts.insert(rtmpfacts::publishLevel, masked(info.level));
            facts.insert(rtmpfacts::publishCode, masked(info.code));
            facts.insert(rtmpfacts::publishDescription, masked(info.description));
        }
    };
    const QString said = info.description.isEmpty() ? masked(info.code) : masked(info.description);

    if (kind == rtmp::CommandKind::Close) {
        addInfo();
        facts.insert(rtmpfacts::closedBy, u"close-command"_s);
        facts.insert(rtmpfacts::closedAfter, m_lastCommandSent);
        facts.insert(rtmpfacts::publishStartSeen, m_publishStartSeen);
        failStage(ProbeStatus::PublishClosedAfterPublish,
                  tr("The server ended the connection with a close command after %1.").arg(m_lastCommandSent),
                  facts);
        return;
    }

    const bool isError = kind == rtmp::CommandKind::Error || info.isError();
    const bool answersPublish =
        command.hasTransactionId && command.transactionId == m_publishTransaction && m_publishTransaction > 0;
    const bool answersCreateStream = command.hasTransactionId &&
                                     command.transactionId == m_createStreamTransaction &&
                                     m_phase == Phase::AwaitCreateStreamReply;

    if (answersCreateStream && kind == rtmp::CommandKind::Result) {
        const std::optional<double> id = command.lastNumberArgument();
        if (!id || *id < 0 || *id > 0xFFFFFFFFu) {
            failStage(ProbeStatus::ConnectProtocolError,
                      tr("The server answered createStream without a usable stream id."),
                      {{rtmpfacts::protocolError, u"no-stream-id"_s}});
            return;
        }
        m_streamId = *id;
        m_streamCreated = true;
        m_sessionFacts.insert(rtmpfacts::streamId, m_streamId);
        sendPublish();
        return;
    }

    const bool decisive = kind == rtmp::CommandKind::OnStatus || answersPublish || answersCreateStream;
    if (isError && decisive) {
        addInfo();
        facts.insert(rtmpfacts::publishMs, m_stageClock.elapsed());
        const bool badName = info.code.contains(u"BadName", Qt::CaseInsensitive) ||
                             info.description.contains(u"already publishing", Qt::CaseInsensitive);
        if (badName) {
            failStage(
                ProbeStatus::PublishBadName,
                tr("The server refused the stream key because it is already in use: %1").arg(quoted(said)),
                facts);
        } else {
            failStage(ProbeStatus::PublishDenied,
                      tr("The server refused to let this stream key publish: %1").arg(quoted(said)), facts);
        }
        return;
    }

    if (kind == rtmp::CommandKind::OnStatus && codeEndsWith(info.code, u"Publish.Start") &&
        m_phase == Phase::AwaitPublishReply) {
        addInfo();
        m_sessionFacts.insert(facts);
        m_sessionFacts.insert(rtmpfacts::publishMs, m_stageClock.elapsed());
        m_publishStartSeen = true;
        m_phase = Phase::PublishGrace;
        if (m_sink.step)
            m_sink.step(tr("publish accepted"), masked(info.code), m_stageClock.elapsed());
        m_stageTimer.stop();
        qint64 grace = qMax(0, m_options.publishGraceMs);
        if (!m_options.deadline.isForever())
            grace = qMin(grace, qMax<qint64>(0, m_options.deadline.remainingTime()));
        m_stageTimer.start(int(grace));
    }
}

void RtmpConversation::endPublishGrace()
{
    QVariantMap facts;
    facts.insert(rtmpfacts::publishStartSeen, true);
    const QString code = m_sessionFacts.value(rtmpfacts::publishCode).toString();
    completeStage(
        ProbeStatus::PublishStarted,
        tr("The server accepted the stream key for publishing (%1) and kept the connection open for "
           "%2 ms afterwards.")
            .arg(code)
            .arg(m_options.publishGraceMs),
        facts);
}

// ---------------------------------------------------------------------------------------------
// Endings

QString RtmpConversation::peerClosureName()
{
    const QString closure = m_witness ? m_witness->closure() : u"unknown"_s;
    if (m_witness)
        m_witness->release();
    return closure;
}

void RtmpConversation::onPeerGone()
{
    if (!m_socket)
        return;
    // Bytes that arrived together with the FIN are still readable.
    if (m_phase != Phase::Closing && m_phase != Phase::Stopped && m_socket->bytesAvailable() > 0) {
        processIncoming(m_socket->readAll());
        if (m_phase == Phase::Stopped || !m_socket)
            return;
    }
    if (m_socket->state() == QAbstractSocket::ConnectedState &&
        m_socket->error() == QAbstractSocket::UnknownSocketError)
        return;

    switch (m_phase) {
    case Phase::Handshake:
        handshakeEndedWithoutVerdict(true);
        return;
    case Phase::AwaitConnectReply: {
        const QString closure = peerClosureName();
        QVariantMap facts{{rtmpfacts::closedBy, closure == u"unknown" ? u"fin"_s : closure},
                          {rtmpfacts::peerClosure, closure}};
        const qsizetype unfinished = m_reader.bufferedBytes();
        if (unfinished > 0) {
            // Cut off in the middle of a message: not the deliberate silent close of nginx-rtmp.
            facts.insert(rtmpfacts::unfinishedBytes, qint64(unfinished));
            failStage(ProbeStatus::ConnectClosedSilently,
                      closure == u"reset"
                          ? tr("The server reset the connection in the middle of a message, %1 bytes into "
                               "it, before it answered connect.")
                                .arg(unfinished)
                          : tr("The server closed the connection in the middle of a message, %1 bytes into "
                               "it, before it answered connect.")
                                .arg(unfinished),
                      facts);
            return;
        }
        failStage(
            ProbeStatus::ConnectClosedSilently,
            closure == u"reset"
                ? tr("The server reset the connection right after connect, without an answer (nginx-rtmp "
                     "does this for an unknown application or a wrong token).")
                : tr("The server closed the connection right after connect, without an answer (nginx-rtmp "
                     "does this for an unknown application or a wrong token)."),
            facts);
        return;
    }
    case Phase::AwaitCreateStreamReply:
    case Phase::AwaitPublishReply:
    case Phase::PublishGrace: {
        const QString closure = peerClosureName();
        QVariantMap facts{{rtmpfacts::closedBy, closure == u"unknown" ? u"fin"_s : closure},
                          {rtmpfacts::peerClosure, closure},
                          {rtmpfacts::closedAfter, m_lastCommandSent},
                          {rtmpfacts::publishStartSeen, m_publishStartSeen}};
        failStage(
            ProbeStatus::PublishClosedAfterPublish,
            m_publishStartSeen
                ? tr("The server confirmed the publish (NetStream.Publish.Start) and then closed the "
                     "connection: publishing is refused for this stream key or application.")
                : tr("The server closed the connection after %1 without an answer: it refused the stream "
                     "key.")
                      .arg(m_lastCommandSent),
            facts);
        return;
    }
    case Phase::AtGoal:
    case Phase::Closing:
        finishClosing(m_phase == Phase::Closing);
        return;
    case Phase::Idle:
    case Phase::Stopped:
        return;
    }
}

void RtmpConversation::onStageTimeout()
{
    const qint64 waited = m_stageClock.elapsed();
    switch (m_phase) {
    case Phase::Handshake:
        handshakeEndedWithoutVerdict(false);
        return;
    case Phase::AwaitConnectReply:
        failStage(ProbeStatus::ConnectNoReply,
                  tr("The server did not answer connect within %1 ms.").arg(waited),
                  {{rtmpfacts::connectMs, waited}});
        return;
    case Phase::AwaitCreateStreamReply:
        failStage(ProbeStatus::PublishNoReply,
                  tr("The server did not answer createStream within %1 ms.").arg(waited),
                  {{rtmpfacts::waitingFor, u"createStream"_s}});
        return;
    case Phase::AwaitPublishReply:
        failStage(ProbeStatus::PublishNoReply,
                  tr("The server did not answer publish within %1 ms.").arg(waited),
                  {{rtmpfacts::waitingFor, u"publish"_s}});
        return;
    case Phase::PublishGrace:
        endPublishGrace();
        return;
    default:
        return;
    }
}

void RtmpConversation::failStage(ProbeStatus status, const QString& message, QVariantMap facts)
{
    const RtmpStage stage = stageOfPhase();
    if (stage != RtmpStage::Handshake) {
        facts.insert(rtmpfacts::peakBufferedBytes, qint64(m_peakBuffered));
        facts.insert(rtmpfacts::ignoredBytes, qint64(m_ignoredBytes));
    }
    if (stage == RtmpStage::Publish || stage == RtmpStage::Connect) {
        for (auto it = m_sessionFacts.cbegin(); it != m_sessionFacts.cend(); ++it) {
            if (!facts.contains(it.key()))
                facts.insert(it.key(), it.value());
        }
    }
    stop();
    reportStage(RtmpStageResult{stage, status, masked(message), facts});
}

void RtmpConversation::completeStage(ProbeStatus status, const QString& message, QVariantMap facts)
{
    const RtmpStage stage = stageOfPhase();
    m_stageTimer.stop();
    if (stage != RtmpStage::Handshake) {
        facts.insert(rtmpfacts::peakBufferedBytes, qint64(m_peakBuffered));
        facts.insert(rtmpfacts::ignoredBytes, qint64(m_ignoredBytes));
        for (auto it = m_sessionFacts.cbegin(); it != m_sessionFacts.cend(); ++it) {
            if (!facts.contains(it.key()))
                facts.insert(it.key(), it.value());
        }
    }
    const bool atGoal = stage == m_options.goal;
    if (atGoal) {
        m_phase = Phase::AtGoal;
        // The ending of an idle connection no longer needs to be told apart.
        if (m_witness)
            m_witness->release();
    }
    reportStage(RtmpStageResult{stage, status, masked(message), facts});
    if (atGoal || m_phase == Phase::Stopped || m_phase == Phase::Closing)
        return;
    if (stage == RtmpStage::Handshake) {
        m_classifier.reset();
        beginConnect();
    } else if (stage == RtmpStage::Connect) {
        beginPublish();
    }
}

void RtmpConversation::reportStage(RtmpStageResult result)
{
    if (m_sink.stageFinished)
        m_sink.stageFinished(result);
}

} // namespace rd
