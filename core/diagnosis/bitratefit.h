#pragma once

#include "diagnosis/evidence.h"

#include <QString>

// The bitrate of one stream against the upload speed: streaming is uploading, so a stream only
// plays in real time when its bitrate passes through the upload with room for sound,
// retransmissions and whatever else uses the line (the seed's example: 768 kbit/s does not pass
// through a 350 kbit/s upload).
namespace rd {

// Share of the upload a stream may use and still count as fitting; the rest is headroom for sound,
// retransmissions and other traffic on the line.
inline constexpr double kUsableUploadShare = 0.8;

enum class BitrateFit
{
    NotGiven, // a number is missing (0 or negative)
    Fits,     // with room to spare: at most kUsableUploadShare of the upload
    Tight,    // fits, but without headroom for sound and other traffic
    DoesNotFit,
};

QString bitrateFitId(BitrateFit fit); // "not-given", "fits", "tight", "does-not-fit"
BitrateFit compareBitrate(int streamKbps, int uploadKbps);
// The highest bitrate that fits with headroom (rounded down); 0 for an unknown upload.
int recommendedBitrateKbps(int uploadKbps);
// One or two plain sentences for the page, the report and help desks.
QString describeBitrateFit(int streamKbps, int uploadKbps);
// Evidence for the diagnosis (source Measurement, subject "bitrate"); nothing when NotGiven.
QList<Evidence> bitrateEvidence(int streamKbps, int uploadKbps);

} // namespace rd
