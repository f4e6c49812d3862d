#pragma once

#include "probe/probetypes.h"
#include "url/ingesturl.h"

#include <QLatin1StringView>
#include <QList>
#include <QString>

// Flash Player's automatic connection sequence, replayed on results the
// other probes already produced. A Flash-era client (AVChat 3 and the like)
// given rtmp://host/app WITHOUT a port tries, in this order,
//   1. rtmp  port 1935   2. rtmp  port 443   3. rtmp  port 80   4. rtmpt port 80
// and stays on the first that works. With a port in the URL, or any other
// scheme, it makes that single attempt only. Pure functions: no sockets.
namespace rd {

inline constexpr QLatin1StringView kFlashSequenceProbeId{"flash-sequence"};

// Keys of ProbeResult::facts written by evaluateFlashSequence().
namespace flashfacts {
// bool: the URL is rtmp:// without a port, so a Flash client runs the sequence by itself.
inline constexpr QLatin1StringView automatic{"automatic"};
// QVariantList of QVariantMap, one per step in order, keys below.
inline constexpr QLatin1StringView steps{"steps"};
inline constexpr QLatin1StringView stepIndex{"index"};       // int, 1-4
inline constexpr QLatin1StringView stepScheme{"scheme"};     // "rtmp" / "rtmpt"
inline constexpr QLatin1StringView stepPort{"port"};         // int
inline constexpr QLatin1StringView stepVerdict{"verdict"};   // flashStepVerdictId()
inline constexpr QLatin1StringView stepReason{"reason"};     // one sentence
inline constexpr QLatin1StringView stepEvidence{"evidence"}; // probe id the verdict rests on, or ""
inline constexpr QLatin1StringView stepEvidenceStatus{"evidenceStatus"}; // probeStatusId() or ""
// int, 1-4: the step the sequence stops on (FlashSequenceConnects only).
inline constexpr QLatin1StringView stoppingStep{"stoppingStep"};
// QString: "rtmp://host:443/app" for the stopping step (FlashSequenceConnects only).
inline constexpr QLatin1StringView stoppingUrl{"stoppingUrl"};
// bool: an earlier step was not tested, so a Flash client might stop sooner (or hang there).
inline constexpr QLatin1StringView earlierStepsUntested{"earlierStepsUntested"};
} // namespace flashfacts

// What the other probes say about one step.
enum class FlashStepVerdict
{
    Connects, // the RTMP (or RTMPT) handshake or connect succeeded on this path
    Rejected, // the server was reached and answered connect with a refusal: Flash stops here
    Fails,    // this path does not carry RTMP (closed, filtered, a web or TLS server, no handshake)
    Untested, // no probe ran on this path
};
QString flashStepVerdictId(FlashStepVerdict verdict); // "connects", "rejected", "fails", "untested"

struct FlashStepOutcome
{
    int index = 0; // 1-4
    TransportAttempt attempt;
    FlashStepVerdict verdict = FlashStepVerdict::Untested;
    QString reason;
    QString evidenceProbeId; // the result the verdict rests on
    ProbeStatus evidenceStatus = ProbeStatus::NotRun;
};

// What the evaluation needs to know about the URL the user has.
struct FlashSequenceContext
{
    QString host;
    Scheme scheme = Scheme::Rtmp;
    bool portExplicit = false;
    quint16 port = 1935; // the URL's port (explicit or the scheme's default)
    QString application; // for the stopping step's URL; may be empty

    static FlashSequenceContext fromIngestUrl(const IngestUrl& url);
    // Flash runs the sequence itself only for rtmp:// without a port.
    bool triggersSequence() const { return scheme == Scheme::Rtmp && !portExplicit; }
};

// rtmp 1935, rtmp 443, rtmp 80, rtmpt 80.
QList<TransportAttempt> flashSequenceAttempts();

// One step judged from the results (any order; results of other kinds and
// ports are ignored). Evidence, strongest first: connect on that path, the
// handshake (RTMPT probe for rtmpt), the TCP grid (every family that ran
// failed -> fails), then one inference: a TLS server answering on the port
// (TlsOk or a certificate status) means plain RTMP fails there. A liveness
// answer proves nothing either way (Wowza serves HTTP and RTMP on 1935).
FlashStepOutcome evaluateFlashStep(int index, const TransportAttempt& attempt,
                                   const QList<ProbeResult>& results);

// The whole sequence as one result (kind FlashSequence, probe id
// kFlashSequenceProbeId): FlashSequenceConnects with the step it stops on
// (the first that connects or is rejected by a reachable server),
// FlashSequenceNoPath when every tested step fails, Skipped when no step
// could be judged at all. Every step is listed in ProbeResult::steps and in
// facts["steps"]; the message says whether Flash would run the sequence on
// its own (rtmp:// and no port) or only the URL's single attempt.
ProbeResult evaluateFlashSequence(const QList<ProbeResult>& results, const FlashSequenceContext& context);

} // namespace rd
