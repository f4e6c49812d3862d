#pragma once

namespace rd {

class ProbeFactoryRegistry;

// Registers factories for ProbeKind::Handshake (HandshakeProbe), ProbeKind::Connect
// (ConnectProbe) and ProbeKind::Publish (PublishProbe) for targets on Transport::PlainTcp.
// For any other transport each factory hands over to the factory that was registered for the
// kind before this call (an RTMPS or RTMPT implementation registered first keeps working);
// without one, the plain-TCP probe is built and reports Skipped. A factory registered for these
// kinds afterwards replaces them entirely, so it should hand plain TCP back the same way.
void registerRtmpProbes(ProbeFactoryRegistry& registry);

} // namespace rd
