#include "engine/allprobes.h"

#include "probe/rtmpprobes.h"

namespace rd {

ProbeFactoryRegistry allProbeFactories(const NetworkProbeOptions& networkOptions)
{
    ProbeFactoryRegistry registry = ProbeFactoryRegistry::withDnsAndTcp();
    registerNetworkProbes(registry, networkOptions);
    registerRtmpProbes(registry);
    return registry;
}

} // namespace rd
