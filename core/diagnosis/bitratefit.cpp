#include "diagnosis/bitratefit.h"

#include <QCoreApplication>

#include <cmath>

using namespace Qt::StringLiterals;

namespace rd {

QString bitrateFitId(BitrateFit fit)
{
    switch (fit) {
    case BitrateFit::NotGiven:
        return u"not-given"_s;
    case BitrateFit::Fits:
        return u"fits"_s;
    case BitrateFit::Tight:
        return u"tight"_s;
    case BitrateFit::DoesNotFit:
        return u"does-not-fit"_s;
    }
    return u"not-given"_s;
}

BitrateFit compareBitrate(int streamKbps, int uploadKbps)
{
    if (streamKbps <= 0 || uploadKbps <= 0)
        return BitrateFit::NotGiven;
    if (streamKbps > uploadKbps)
        return BitrateFit::DoesNotFit;
    if (streamKbps > uploadKbps * kUsableUploadShare)
        return BitrateFit::Tight;
    return BitrateFit::Fits;
}

int recommendedBitrateKbps(int uploadKbps)
{
    if (uploadKbps <= 0)
        return 0;
    return static_cast<int>(std::floor(uploadKbps * kUsableUploadShare));
}

QString describeBitrateFit(int streamKbps, int uploadKbps)
{
    switch (compareBitrate(streamKbps, uploadKbps)) {
    case BitrateFit::NotGiven:
        return QCoreApplication::translate("rd::BitrateFit",
                                           "Enter the bitrate set in the encoder and your measured upload "
                                           "speed to compare them.");
    case BitrateFit::DoesNotFit:
        return QCoreApplication::translate("rd::BitrateFit",
                                           "%1 kbit/s per stream does not fit through a %2 kbit/s upload in "
                                           "real time. Set the encoder to about %3 kbit/s or less.")
            .arg(streamKbps)
            .arg(uploadKbps)
            .arg(recommendedBitrateKbps(uploadKbps));
    case BitrateFit::Tight:
        return QCoreApplication::translate("rd::BitrateFit",
                                           "%1 kbit/s only just fits through a %2 kbit/s upload: sound and "
                                           "any other traffic push it over. About %3 kbit/s leaves room.")
            .arg(streamKbps)
            .arg(uploadKbps)
            .arg(recommendedBitrateKbps(uploadKbps));
    case BitrateFit::Fits:
        return QCoreApplication::translate("rd::BitrateFit",
                                           "%1 kbit/s fits through a %2 kbit/s upload with room to spare, so "
                                           "the upload is not what holds the stream back: the camera's "
                                           "picture is.")
            .arg(streamKbps)
            .arg(uploadKbps);
    }
    return {};
}

QList<Evidence> bitrateEvidence(int streamKbps, int uploadKbps)
{
    const BitrateFit fit = compareBitrate(streamKbps, uploadKbps);
    if (fit == BitrateFit::NotGiven)
        return {};
    return {Evidence{EvidenceSource::Measurement,
                     u"bitrate"_s,
                     bitrateFitId(fit),
                     u"stream %1 kbit/s, upload %2 kbit/s"_s.arg(streamKbps).arg(uploadKbps),
                     {}}};
}

} // namespace rd
