#include "publishprobe.h"

namespace rd {

PublishProbe::PublishProbe(QString probeId, ProbeTarget target, ProbeTimeouts timeouts, QObject* parent)
    : RtmpStageProbe(std::move(probeId), ProbeKind::Publish, RtmpStage::Publish, std::move(target), timeouts,
                     parent)
{}

PublishProbe::~PublishProbe() = default;

void PublishProbe::begin()
{
    if (target().streamKey.isEmpty()) {
        finish(ProbeStatus::Skipped, tr("There is no stream key to check."));
        return;
    }
    RtmpStageProbe::begin();
}

} // namespace rd
