#include "flashsequence.h"

#include "engine/diagnosticsession.h"

#include <QCoreApplication>

#include <algorithm>
#include <optional>

namespace rd {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("rd::FlashSequence", text);
}

QString attemptName(const TransportAttempt& attempt)
{
    return QStringLiteral("%1:%2").arg(schemeName(attempt.scheme)).arg(attempt.port);
}

// Results that actually ran; Skipped, Cancelled, NotRun and the like carry no
// evidence about the path.
bool ran(const ProbeResult& result)
{
    switch (result.status) {
    case ProbeStatus::NotRun:
    case ProbeStatus::Cancelled:
    case ProbeStatus::Skipped:
    case ProbeStatus::InternalError:
    case ProbeStatus::SessionTimedOut:
        return false;
    default:
        return true;
    }
}

std::optional<ProbeResult> findResult(const QList<ProbeResult>& results, ProbeKind kind, quint16 port,
                                      std::optional<Transport> transport)
{
    for (const ProbeResult& result : results) {
        if (result.kind != kind || result.target.port != port || !ran(result))
            continue;
        if (transport && result.target.transport != *transport)
            continue;
        return result;
    }
    return std::nullopt;
}

bool isServerRefusal(ProbeStatus status)
{
    switch (status) {
    case ProbeStatus::ConnectRejected:
    case ProbeStatus::ConnectInvalidApp:
    case ProbeStatus::ConnectFailed:
    case ProbeStatus::ConnectAuthRequired:
    case ProbeStatus::ConnectClosedSilently:
        return true;
    default:
        return false;
    }
}

// A TLS server answered: the certificate may be bad, but the port speaks TLS.
bool tlsAnswered(ProbeStatus status)
{
    switch (status) {
    case ProbeStatus::TlsOk:
    case ProbeStatus::TlsCertificateExpired:
    case ProbeStatus::TlsCertificateNotYetValid:
    case ProbeStatus::TlsHostNameMismatch:
    case ProbeStatus::TlsSelfSigned:
    case ProbeStatus::TlsUnknownIssuer:
    case ProbeStatus::TlsRevoked:
    case ProbeStatus::TlsOtherCertificateError:
        return true;
    default:
        return false;
    }
}

FlashStepOutcome outcome(int index, const TransportAttempt& attempt, FlashStepVerdict verdict, QString reason,
                         const ProbeResult* evidence)
{
    FlashStepOutcome step;
    step.index = index;
    step.attempt = attempt;
    step.verdict = verdict;
    step.reason = std::move(reason);
    if (evidence) {
        step.evidenceProbeId = evidence->probeId;
        step.evidenceStatus = evidence->status;
    }
    return step;
}

// The TCP grid for this port: a verdict only when every family that ran failed.
std::optional<FlashStepOutcome> judgeFromTcp(int index, const TransportAttempt& attempt,
                                             const QList<ProbeResult>& results)
{
    const ProbeResult* firstFailure = nullptr;
    for (const ProbeResult& result : results) {
        if (result.kind != ProbeKind::TcpPort || result.target.port != attempt.port || !ran(result))
            continue;
        if (result.status == ProbeStatus::TcpOpen)
            return std::nullopt;
        if (firstFailure == nullptr)
            firstFailure = &result;
    }
    if (firstFailure == nullptr)
        return std::nullopt;
    return outcome(index, attempt, FlashStepVerdict::Fails,
                   tr("Port %1 cannot be reached (%2): %3")
                       .arg(attempt.port)
                       .arg(probeStatusId(firstFailure->status), firstFailure->message),
                   firstFailure);
}

FlashStepOutcome judgeRtmp(int index, const TransportAttempt& attempt, const QList<ProbeResult>& results)
{
    if (const auto connect = findResult(results, ProbeKind::Connect, attempt.port, Transport::PlainTcp)) {
        if (connect->status == ProbeStatus::ConnectSuccess) {
            return outcome(index, attempt, FlashStepVerdict::Connects,
                           tr("RTMP connect succeeded on port %1.").arg(attempt.port), &*connect);
        }
        if (isServerRefusal(connect->status)) {
            return outcome(index, attempt, FlashStepVerdict::Rejected,
                           tr("The server was reached on port %1 but refused connect: %2")
                               .arg(attempt.port)
                               .arg(connect->message),
                           &*connect);
        }
        // No reply or an unreadable one: Flash would time out and move on.
        return outcome(
            index, attempt, FlashStepVerdict::Fails,
            tr("RTMP connect on port %1 did not get an answer: %2").arg(attempt.port).arg(connect->message),
            &*connect);
    }
    if (const auto handshake = findResult(results, ProbeKind::Handshake, attempt.port, Transport::PlainTcp)) {
        if (handshake->status == ProbeStatus::HandshakeOk) {
            return outcome(index, attempt, FlashStepVerdict::Connects,
                           tr("The RTMP handshake completed on port %1.").arg(attempt.port), &*handshake);
        }
        return outcome(
            index, attempt, FlashStepVerdict::Fails,
            tr("The RTMP handshake failed on port %1: %2").arg(attempt.port).arg(handshake->message),
            &*handshake);
    }
    if (auto tcp = judgeFromTcp(index, attempt, results))
        return *tcp;
    if (const auto tls = findResult(results, ProbeKind::Tls, attempt.port, std::nullopt);
        tls && tlsAnswered(tls->status)) {
        return outcome(index, attempt, FlashStepVerdict::Fails,
                       tr("Port %1 answers TLS (RTMPS), so plain RTMP is refused there (inferred; the plain "
                          "handshake was not tried).")
                           .arg(attempt.port),
                       &*tls);
    }
    // No inference from a liveness answer: Wowza and AMS serve HTTP and RTMP on one port.
    return outcome(index, attempt, FlashStepVerdict::Untested,
                   tr("Plain RTMP on port %1 was not tested.").arg(attempt.port), nullptr);
}

FlashStepOutcome judgeRtmpt(int index, const TransportAttempt& attempt, const QList<ProbeResult>& results)
{
    if (const auto connect = findResult(results, ProbeKind::Connect, attempt.port, Transport::HttpTunnel)) {
        if (connect->status == ProbeStatus::ConnectSuccess) {
            return outcome(
                index, attempt, FlashStepVerdict::Connects,
                tr("RTMP connect through the RTMPT tunnel succeeded on port %1.").arg(attempt.port),
                &*connect);
        }
        if (isServerRefusal(connect->status)) {
            return outcome(index, attempt, FlashStepVerdict::Rejected,
                           tr("The server was reached through RTMPT on port %1 but refused connect: %2")
                               .arg(attempt.port)
                               .arg(connect->message),
                           &*connect);
        }
    }
    if (const auto tunnel = findResult(results, ProbeKind::Rtmpt, attempt.port, Transport::HttpTunnel)) {
        if (tunnel->status == ProbeStatus::RtmptOk) {
            return outcome(
                index, attempt, FlashStepVerdict::Connects,
                tr("The RTMP handshake completed through the RTMPT tunnel on port %1.").arg(attempt.port),
                &*tunnel);
        }
        return outcome(index, attempt, FlashStepVerdict::Fails,
                       tr("RTMPT on port %1 failed: %2").arg(attempt.port).arg(tunnel->message), &*tunnel);
    }
    if (auto tcp = judgeFromTcp(index, attempt, results))
        return *tcp;
    return outcome(index, attempt, FlashStepVerdict::Untested,
                   tr("RTMPT on port %1 was not tested.").arg(attempt.port), nullptr);
}

QString urlFor(const FlashSequenceContext& context, const TransportAttempt& attempt)
{
    const QString host = context.host.contains(u':') ? u'[' + context.host + u']' : context.host;
    QString url =
        schemeName(attempt.scheme) + QStringLiteral("://") + host + u':' + QString::number(attempt.port);
    if (!context.application.isEmpty())
        url += u'/' + context.application;
    return url;
}

} // namespace

QString flashStepVerdictId(FlashStepVerdict verdict)
{
    switch (verdict) {
    case FlashStepVerdict::Connects:
        return QStringLiteral("connects");
    case FlashStepVerdict::Rejected:
        return QStringLiteral("rejected");
    case FlashStepVerdict::Fails:
        return QStringLiteral("fails");
    case FlashStepVerdict::Untested:
        return QStringLiteral("untested");
    }
    return QStringLiteral("unknown");
}

FlashSequenceContext FlashSequenceContext::fromIngestUrl(const IngestUrl& url)
{
    FlashSequenceContext context;
    context.host = url.host();
    context.scheme = url.scheme();
    context.portExplicit = url.isPortExplicit();
    context.port = url.port();
    // Shown to the user: an Azure access token in the path stays hidden.
    context.application = url.applicationPath(Redaction::Redacted);
    return context;
}

QList<TransportAttempt> flashSequenceAttempts()
{
    return {{Scheme::Rtmp, 1935}, {Scheme::Rtmp, 443}, {Scheme::Rtmp, 80}, {Scheme::Rtmpt, 80}};
}

FlashStepOutcome evaluateFlashStep(int index, const TransportAttempt& attempt,
                                   const QList<ProbeResult>& results)
{
    if (attempt.scheme == Scheme::Rtmpt)
        return judgeRtmpt(index, attempt, results);
    return judgeRtmp(index, attempt, results);
}

ProbeResult evaluateFlashSequence(const QList<ProbeResult>& results, const FlashSequenceContext& context)
{
    ProbeResult result;
    result.probeId = QString(kFlashSequenceProbeId);
    result.kind = ProbeKind::FlashSequence;
    result.target.host = context.host;
    result.target.port = context.port;
    result.target.application = context.application;

    QList<FlashStepOutcome> outcomes;
    const QList<TransportAttempt> attempts = flashSequenceAttempts();
    for (int i = 0; i < attempts.size(); ++i)
        outcomes << evaluateFlashStep(i + 1, attempts.at(i), results);

    QVariantList stepFacts;
    for (const FlashStepOutcome& step : std::as_const(outcomes)) {
        QVariantMap fact;
        fact.insert(flashfacts::stepIndex, step.index);
        fact.insert(flashfacts::stepScheme, schemeName(step.attempt.scheme));
        fact.insert(flashfacts::stepPort, int(step.attempt.port));
        fact.insert(flashfacts::stepVerdict, flashStepVerdictId(step.verdict));
        fact.insert(flashfacts::stepReason, step.reason);
        fact.insert(flashfacts::stepEvidence, step.evidenceProbeId);
        fact.insert(flashfacts::stepEvidenceStatus,
                    step.evidenceProbeId.isEmpty() ? QString() : probeStatusId(step.evidenceStatus));
        stepFacts << fact;
        result.steps << ProbeStep{QStringLiteral("%1. %2").arg(step.index).arg(attemptName(step.attempt)), 0,
                                  -1, flashStepVerdictId(step.verdict) + QStringLiteral(": ") + step.reason};
    }
    result.facts.insert(flashfacts::steps, stepFacts);
    result.facts.insert(flashfacts::automatic, context.triggersSequence());

    const QString scope =
        context.triggersSequence()
            ? tr("The URL uses rtmp:// without a port, so a Flash-era client (such as AVChat 3) tries these "
                 "steps on its own, in order, and stays on the first that works.")
            : tr("The URL names a port or a scheme other than rtmp://, so a Flash-era client makes that "
                 "single attempt only; the automatic sequence runs only for rtmp:// without a port "
                 "(e.g. rtmp://%1/%2).")
                  .arg(context.host, context.application);

    qsizetype stopping = -1;
    bool untestedBefore = false;
    for (qsizetype i = 0; i < outcomes.size(); ++i) {
        const FlashStepVerdict verdict = outcomes.at(i).verdict;
        if (verdict == FlashStepVerdict::Connects || verdict == FlashStepVerdict::Rejected) {
            stopping = i;
            break;
        }
        if (verdict == FlashStepVerdict::Untested)
            untestedBefore = true;
    }

    if (stopping >= 0) {
        const FlashStepOutcome& step = outcomes.at(stopping);
        const QString url = urlFor(context, step.attempt);
        result.facts.insert(flashfacts::stoppingStep, step.index);
        result.facts.insert(flashfacts::stoppingUrl, url);
        result.facts.insert(flashfacts::earlierStepsUntested, untestedBefore);
        result.status = ProbeStatus::FlashSequenceConnects;
        QString what =
            step.verdict == FlashStepVerdict::Connects
                ? tr("The Flash fallback sequence connects on step %1 (%2).").arg(step.index).arg(url)
                : tr("The Flash fallback sequence reaches the server on step %1 (%2), where the "
                     "server refuses the connection; Flash does not try further steps after a "
                     "refusal.")
                      .arg(step.index)
                      .arg(url);
        if (untestedBefore)
            what += u' ' + tr("An earlier step was not tested; a Flash client tries it first and may "
                              "stop there or wait for it to time out.");
        result.message = what + u' ' + scope;
        return result;
    }

    const bool anyJudged = std::any_of(outcomes.cbegin(), outcomes.cend(), [](const FlashStepOutcome& step) {
        return step.verdict != FlashStepVerdict::Untested;
    });
    if (!anyJudged) {
        result.status = ProbeStatus::Skipped;
        const QString reason = tr("none of the four paths was tested");
        result.facts.insert(sessionfacts::skipReason, reason);
        result.message = tr("The Flash fallback sequence could not be judged: %1.").arg(reason);
        return result;
    }
    result.status = ProbeStatus::FlashSequenceNoPath;
    QString what = tr("No step of the Flash fallback sequence (rtmp 1935, rtmp 443, rtmp 80, rtmpt 80) "
                      "connects.");
    if (untestedBefore)
        what += u' ' + tr("Some steps were not tested, so this is not certain.");
    result.message = what + u' ' + scope;
    return result;
}

} // namespace rd
