#include "connectprobe.h"

namespace rd {

ConnectProbe::ConnectProbe(QString probeId, ProbeTarget target, ProbeTimeouts timeouts, QObject* parent)
    : RtmpStageProbe(std::move(probeId), ProbeKind::Connect, RtmpStage::Connect, std::move(target), timeouts,
                     parent)
{}

ConnectProbe::~ConnectProbe() = default;

} // namespace rd
