#include "rtmpprobes.h"

#include "connectprobe.h"
#include "engine/probefactory.h"
#include "handshakeprobe.h"
#include "publishprobe.h"

namespace rd {

namespace {

template <typename PlainProbe>
ProbeFactory plainTcpFactory(ProbeFactory previous)
{
    return [previous = std::move(previous)](const QString& probeId, const ProbeTarget& target,
                                            const ProbeTimeouts& timeouts,
                                            const DiagnosticPlan& plan) -> Probe* {
        if (target.transport != Transport::PlainTcp && previous)
            return previous(probeId, target, timeouts, plan);
        return new PlainProbe(probeId, target, timeouts);
    };
}

} // namespace

void registerRtmpProbes(ProbeFactoryRegistry& registry)
{
    registry.add(ProbeKind::Handshake,
                 plainTcpFactory<HandshakeProbe>(registry.factory(ProbeKind::Handshake)));
    registry.add(ProbeKind::Connect, plainTcpFactory<ConnectProbe>(registry.factory(ProbeKind::Connect)));
    registry.add(ProbeKind::Publish, plainTcpFactory<PublishProbe>(registry.factory(ProbeKind::Publish)));
}

} // namespace rd
