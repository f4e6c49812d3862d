#pragma once

#include <QString>
#include <QStringList>

namespace rd {

// Where a piece of evidence comes from.
enum class EvidenceSource
{
    Probe,       // a ProbeResult
    UrlLint,     // a finding of the URL lint
    Answer,      // the user's answer to a question (questions.json)
    ErrorText,   // a recognised message in text the user pasted
    Context,     // what the user chose: the encoder or the server family
    Measurement, // something the tool measured outside the network probes: the camera, the bitrate fit
};

// "probe", "url-lint", "answer", "error-text", "context", "measurement"
QString evidenceSourceId(EvidenceSource source);

// One observation that speaks for or against a cause, in a form a help desk can quote.
//
//   source      subject                     finding
//   Probe       probe id, "tcp:1935:ipv4"   probeStatusId(), "tcp-filtered"
//   UrlLint     "url"                       lintCodeId(), "azure-service-retired"
//   Answer      question id, "symptom"      the chosen answer id, "low-framerate"
//   ErrorText   "pasted-text"               the error signature id, "avchat-no-scope"
//   Context     "encoder" / "server-family" the chosen id, "avchat-3"
//   Measurement "camera"                    cameraFindingId() / cameraOpenFailureId(), "too-dark"
//               "bitrate"                   bitrateFitId(), "does-not-fit"
struct Evidence
{
    EvidenceSource source = EvidenceSource::Probe;
    QString subject;
    QString finding;
    QString quote; // one line: the probe's message, the lint message, the matched text; secrets hidden
    QString why;   // set on support/against evidence: why this observation changes the confidence

    friend bool operator==(const Evidence&, const Evidence&) = default;
};

// What a measurement may report, per subject (see the table above); the knowledge base loader
// refuses rules that name anything else. Empty for an unknown subject.
QStringList measurementFindingIds(QStringView subject);
QStringList measurementSubjects(); // "camera", "bitrate"

} // namespace rd
