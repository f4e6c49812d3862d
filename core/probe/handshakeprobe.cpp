#include "handshakeprobe.h"

#include "tcpprobe.h"

#include <QMetaEnum>
#include <QNetworkProxy>
#include <QRandomGenerator>
#include <QTcpSocket>

using namespace Qt::StringLiterals;

namespace rd {

namespace {

void appendU16(QByteArray& bytes, quint32 value)
{
    bytes.append(char((value >> 8) & 0xFF));
    bytes.append(char(value & 0xFF));
}

void appendU24(QByteArray& bytes, quint32 value)
{
    bytes.append(char((value >> 16) & 0xFF));
    appendU16(bytes, value);
}

QByteArray withU16Length(const QByteArray& body)
{
    QByteArray bytes;
    appendU16(bytes, quint32(body.size()));
    return bytes + body;
}

QByteArray extension(quint16 type, const QByteArray& body)
{
    QByteArray bytes;
    appendU16(bytes, type);
    return bytes + withU16Length(body);
}

// A TLS 1.2 ClientHello that any TLS server answers, with a ServerHello when it can agree on a
// cipher and with an alert when it cannot; either answer proves the port speaks TLS.
QByteArray tlsClientHello(const QString& serverName)
{
    QByteArray hello;
    hello.append(char(0x03));
    hello.append(char(0x03)); // TLS 1.2
    for (int i = 0; i < 8; ++i) {
        const quint32 random = QRandomGenerator::global()->generate();
        hello.append(reinterpret_cast<const char*>(&random), 4);
    }
    hello.append(char(0)); // no session id
    // ECDHE-RSA/ECDSA with AES-GCM and CHACHA20, plain RSA as a last resort.
    hello += withU16Length(QByteArray::fromHex("c02fc02bc030c02ccca8cca9009c002f"));
    hello.append(char(1));
    hello.append(char(0)); // no compression

    QByteArray extensions;
    if (!serverName.isEmpty() && QHostAddress(serverName).isNull()) {
        const QByteArray name = serverName.toLower().toUtf8();
        QByteArray entry;
        entry.append(char(0)); // host_name
        entry += withU16Length(name);
        extensions += extension(0x0000, withU16Length(entry));
    }
    extensions += extension(0x000a, withU16Length(QByteArray::fromHex("001d00170018"))); // groups
    extensions += extension(0x000b, QByteArray::fromHex("0100"));                        // point formats
    extensions +=
        extension(0x000d, withU16Length(QByteArray::fromHex("0401080404030501080505030601"))); // signatures
    hello += withU16Length(extensions);

    QByteArray handshake;
    handshake.append(char(0x01)); // ClientHello
    appendU24(handshake, quint32(hello.size()));
    handshake += hello;

    QByteArray record = QByteArray::fromHex("160301");
    appendU16(record, quint32(handshake.size()));
    return record + handshake;
}

QString socketErrorName(QAbstractSocket::SocketError error)
{
    const char* key = QMetaEnum::fromType<QAbstractSocket::SocketError>().valueToKey(error);
    return key != nullptr ? QString::fromLatin1(key) : QString::number(int(error));
}

} // namespace

RtmpStageProbe::RtmpStageProbe(QString probeId, ProbeKind kind, RtmpStage goal, ProbeTarget target,
                               ProbeTimeouts timeouts, QObject* parent)
    : Probe(std::move(probeId), kind, std::move(target), timeouts, parent)
    , m_goal(goal)
{}

RtmpStageProbe::~RtmpStageProbe() = default;

QString RtmpStageProbe::endpoint() const
{
    const QString where = target().address.isEmpty() ? target().host : target().address;
    return where.contains(u':') ? u"[%1]:%2"_s.arg(where).arg(target().port)
                                : u"%1:%2"_s.arg(where).arg(target().port);
}

QString RtmpStageProbe::fallbackTcUrl() const
{
    const QString scheme = target().transport == Transport::Tls ? u"rtmps"_s : u"rtmp"_s;
    const QString host = target().host.isEmpty() ? target().address : target().host;
    const QString shownHost = host.contains(u':') ? u'[' + host + u']' : host;
    return u"%1://%2:%3/%4"_s.arg(scheme, shownHost).arg(target().port).arg(target().application);
}

bool RtmpStageProbe::confirmsTlsAfterReset() const
{
    return target().transport == Transport::PlainTcp;
}

void RtmpStageProbe::adjustConversationOptions(RtmpConversationOptions&) const
{}

void RtmpStageProbe::begin()
{
    openStream();
}

void RtmpStageProbe::openStream()
{
    if (target().transport != Transport::PlainTcp) {
        finish(ProbeStatus::Skipped,
               tr("This probe speaks RTMP over plain TCP only; %1 is checked elsewhere.")
                   .arg(transportId(target().transport)));
        return;
    }
    openPlainTcp();
}

void RtmpStageProbe::openPlainTcp()
{
    if (target().port == 0) {
        finish(ProbeStatus::InternalError, tr("No port to connect to."));
        return;
    }
    m_address = QHostAddress();
    if (!target().address.isEmpty() && !m_address.setAddress(target().address)) {
        finish(ProbeStatus::InternalError, tr("\"%1\" is not an IP address.").arg(target().address));
        return;
    }
    if (m_address.isNull() && target().host.isEmpty()) {
        finish(ProbeStatus::InternalError, tr("No address to connect to."));
        return;
    }
    if (!m_address.isNull()) {
        setFact(tcpfacts::address, m_address.toString());
        setFact(tcpfacts::family,
                m_address.protocol() == QAbstractSocket::IPv6Protocol ? u"ipv6"_s : u"ipv4"_s);
    }

    m_plainSocket = new QTcpSocket(this);
    // The question is whether this machine reaches the server itself.
    m_plainSocket->setProxy(QNetworkProxy::NoProxy);
    m_plainSocket->setReadBufferSize(kReadBufferBytes);
    connect(m_plainSocket, &QTcpSocket::connected, this, &RtmpStageProbe::onPlainConnected);
    connect(m_plainSocket, &QTcpSocket::errorOccurred, this, &RtmpStageProbe::onPlainConnectError);

    armTimeout(timeouts().connectMs, [this] {
        finish(ProbeStatus::TcpFiltered,
               tr("No answer from %1 within %2 s: something on the way silently drops "
                  "the connection (a firewall), or the host is down.")
                   .arg(endpoint())
                   .arg(timeouts().connectMs / 1000.0));
    });
    step(tr("connecting"), endpoint());
    if (m_address.isNull())
        m_plainSocket->connectToHost(target().host, target().port);
    else
        m_plainSocket->connectToHost(m_address, target().port);
}

void RtmpStageProbe::onPlainConnected()
{
    disarmTimeout();
    // From here on the conversation watches the socket.
    disconnect(m_plainSocket, &QTcpSocket::errorOccurred, this, &RtmpStageProbe::onPlainConnectError);
    if (m_address.isNull() && !m_plainSocket->peerAddress().isNull()) {
        m_address = m_plainSocket->peerAddress();
        setFact(tcpfacts::address, m_address.toString());
    }
    step(tr("connected"), endpoint(), elapsedMs());
    streamReady(m_plainSocket);
}

void RtmpStageProbe::onPlainConnectError()
{
    const QAbstractSocket::SocketError error = m_plainSocket->error();
    const QString systemText = m_plainSocket->errorString();
    setFact(tcpfacts::socketError, socketErrorName(error));
    setFact(tcpfacts::systemMessage, systemText);
    received(tr("connect failed: %1").arg(systemText));
    const ProbeStatus status = TcpProbe::classifyConnectError(error, systemText);
    switch (status) {
    case ProbeStatus::TcpRefused:
        finish(status, tr("%1 refused the connection: nothing listens there.").arg(endpoint()));
        return;
    case ProbeStatus::TcpFiltered:
        finish(status, tr("The connection to %1 timed out: packets are being dropped.").arg(endpoint()));
        return;
    case ProbeStatus::TcpNoRoute:
        finish(status, tr("There is no route to %1 (%2).").arg(endpoint(), systemText));
        return;
    case ProbeStatus::TcpUnreachable:
        finish(status, tr("%1 cannot be reached (%2).").arg(endpoint(), systemText));
        return;
    default:
        finish(ProbeStatus::InternalError,
               tr("Connecting to %1 failed unexpectedly: %2").arg(endpoint(), systemText));
        return;
    }
}

void RtmpStageProbe::streamReady(QAbstractSocket* socket)
{
    if (isFinished() || socket == nullptr)
        return;
    m_stream = socket;

    RtmpConversationOptions options;
    options.goal = m_goal;
    options.c1Variant = m_variant;
    options.handshakeTimeoutMs = timeouts().readMs;
    options.replyTimeoutMs = timeouts().readMs;
    options.publishGraceMs = m_publishGraceMs;
    options.deadline = QDeadlineTimer(qMax<qint64>(0, timeouts().probeMs - elapsedMs() - kDeadlineMarginMs));
    options.connect.app = target().application;
    options.connect.tcUrl = target().tcUrl.isEmpty() ? fallbackTcUrl() : target().tcUrl;
    if (m_goal == RtmpStage::Publish)
        options.streamName = target().streamKey;
    options.secrets = secretValuesOf(target());
    adjustConversationOptions(options);

    RtmpConversationSink sink;
    sink.step = [this](const QString& name, const QString& detail, qint64 durationMs) {
        step(name, detail, durationMs);
    };
    sink.sent = [this](const QString& summary, const QByteArray& bytes) {
        sent(summary, bytes);
    };
    sink.received = [this](const QString& summary, const QByteArray& bytes) {
        received(summary, bytes);
    };
    sink.note = [this](const QString& summary) {
        note(summary);
    };
    sink.stageFinished = [this](const RtmpStageResult& result) {
        onStageFinished(result);
    };
    sink.closed = [this](bool graceful) {
        onConversationClosed(graceful);
    };

    m_conversation = new RtmpConversation(std::move(options), std::move(sink), this);
    m_conversation->start(socket);
}

void RtmpStageProbe::onStageFinished(const RtmpStageResult& result)
{
    for (auto it = result.facts.cbegin(); it != result.facts.cend(); ++it)
        setFact(it.key(), it.value());

    if (!result.succeeded()) {
        if (result.status == ProbeStatus::HandshakeClosedAfterC0C1 && m_simpleRetryEnabled && !m_retried &&
            m_variant == rtmp::HandshakeVariant::Digest) {
            retryWithSimpleC1();
            return;
        }
        if (result.status == ProbeStatus::HandshakeReset && m_tlsConfirmationEnabled &&
            confirmsTlsAfterReset() && !m_resetResult) {
            confirmTlsAfterReset(result);
            return;
        }
        finish(result.status, result.message);
        return;
    }
    if (result.stage != m_goal)
        return;
    m_goalResult = result;
    m_conversation->closeGracefully();
}

void RtmpStageProbe::onConversationClosed(bool graceful)
{
    if (!graceful)
        note(tr("the connection did not close in time and was aborted"));
    if (m_goalResult)
        finish(m_goalResult->status, m_goalResult->message);
    else
        finish(ProbeStatus::InternalError, tr("The connection closed before the check ended."));
}

void RtmpStageProbe::notePeak()
{
    if (m_conversation)
        m_peakBuffered = qMax<qint64>(m_peakBuffered, m_conversation->peakBufferedBytes());
    setFact(rtmpfacts::peakBufferedBytes, m_peakBuffered);
}

void RtmpStageProbe::dropStream()
{
    notePeak();
    if (m_conversation) {
        m_conversation->stop();
        m_conversation->deleteLater();
        m_conversation = nullptr;
    }
    if (m_stream) {
        m_stream->disconnect(this);
        m_stream->abort();
        m_stream->deleteLater();
    }
    m_stream = nullptr;
    m_plainSocket = nullptr;
}

void RtmpStageProbe::retryWithSimpleC1()
{
    m_retried = true;
    note(tr("The server closed the connection on a digest C1; trying once more with a simple C1, the form "
            "rtmpdump and OBS send."));
    dropStream();
    m_variant = rtmp::HandshakeVariant::Simple;
    setFact(rtmpfacts::simpleRetry, true);
    openStream();
}

void RtmpStageProbe::confirmTlsAfterReset(const RtmpStageResult& resetResult)
{
    m_resetResult = resetResult;
    dropStream();
    step(tr("TLS check"), tr("the RTMP bytes were reset; asking %1 whether it speaks TLS").arg(endpoint()));

    m_tlsCheckSocket = new QTcpSocket(this);
    m_tlsCheckSocket->setProxy(QNetworkProxy::NoProxy);
    m_tlsCheckSocket->setReadBufferSize(kReadBufferBytes);
    connect(m_tlsCheckSocket, &QTcpSocket::connected, this, [this] {
        const QByteArray hello = tlsClientHello(target().host);
        m_tlsCheckSocket->write(hello);
        sent(tr("TLS ClientHello (%1 bytes) on a new connection").arg(hello.size()), hello.left(64));
        armTimeout(timeouts().readMs, [this] { concludeTlsCheck(false, tr("no answer")); });
    });
    connect(m_tlsCheckSocket, &QTcpSocket::readyRead, this, &RtmpStageProbe::onTlsCheckBytes);
    connect(m_tlsCheckSocket, &QTcpSocket::errorOccurred, this, [this](QAbstractSocket::SocketError error) {
        onTlsCheckBytes();
        if (!isFinished())
            concludeTlsCheck(false, socketErrorName(error));
    });
    armTimeout(timeouts().connectMs,
               [this] { concludeTlsCheck(false, tr("the second connection timed out")); });
    if (m_address.isNull())
        m_tlsCheckSocket->connectToHost(target().host, target().port);
    else
        m_tlsCheckSocket->connectToHost(m_address, target().port);
}

void RtmpStageProbe::onTlsCheckBytes()
{
    if (isFinished() || !m_tlsCheckSocket)
        return;
    m_tlsCheckReply += m_tlsCheckSocket->read(qMax<qint64>(0, 16 - m_tlsCheckReply.size()));
    m_tlsCheckSocket->readAll(); // the rest of a ServerHello is not needed
    if (m_tlsCheckReply.size() < 3)
        return;
    const quint8 type = quint8(m_tlsCheckReply.at(0));
    const bool tls = (type == 0x15 || type == 0x16) && quint8(m_tlsCheckReply.at(1)) == 0x03;
    received(tls ? (type == 0x16 ? tr("TLS handshake record (ServerHello)") : tr("TLS alert record"))
                 : tr("%1 bytes that are not TLS").arg(m_tlsCheckReply.size()),
             m_tlsCheckReply);
    concludeTlsCheck(tls, tls ? QString() : tr("not TLS"));
}

void RtmpStageProbe::concludeTlsCheck(bool answeredTls, const QString& what)
{
    if (isFinished() || !m_resetResult)
        return;
    if (answeredTls) {
        setFact(rtmpfacts::tlsEvidence, u"reset-then-tls-answer"_s);
        finish(ProbeStatus::HandshakeAnsweredTls,
               tr("The server reset the plain RTMP handshake, and a TLS greeting on a second connection was "
                  "answered with TLS: this port expects rtmps://."));
        return;
    }
    note(tr("TLS check: %1").arg(what));
    finish(m_resetResult->status, m_resetResult->message);
}

void RtmpStageProbe::abortIo()
{
    notePeak();
    if (m_conversation)
        m_conversation->stop();
    for (QAbstractSocket* socket :
         {static_cast<QAbstractSocket*>(m_stream.data()), static_cast<QAbstractSocket*>(m_plainSocket.data()),
          static_cast<QAbstractSocket*>(m_tlsCheckSocket.data())}) {
        if (socket == nullptr)
            continue;
        // abort() can emit signals of its own; they must not reach a finished probe.
        socket->disconnect(this);
        socket->abort();
    }
}

// ---------------------------------------------------------------------------------------------

HandshakeProbe::HandshakeProbe(QString probeId, ProbeTarget target, ProbeTimeouts timeouts, QObject* parent)
    : RtmpStageProbe(std::move(probeId), ProbeKind::Handshake, RtmpStage::Handshake, std::move(target),
                     timeouts, parent)
{}

HandshakeProbe::~HandshakeProbe() = default;

} // namespace rd
