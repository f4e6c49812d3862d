#pragma once

#include "engine/probefactory.h"
#include "probe/netprobes.h"

namespace rd {

// Every probe this build can run, registered in the order the RTMP probes
// expect (TLS and tunnel transports first, so the RTMP probes can hand over to
// them). What the CLI, the wizard and the integration tests use.
ProbeFactoryRegistry allProbeFactories(const NetworkProbeOptions& networkOptions = {});

} // namespace rd
