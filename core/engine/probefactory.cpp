#include "probefactory.h"

#include "probe/dnsprobe.h"
#include "probe/tcpprobe.h"

namespace rd {

void ProbeFactoryRegistry::add(ProbeKind kind, ProbeFactory factory)
{
    if (factory)
        m_factories.insert(kind, std::move(factory));
    else
        m_factories.remove(kind);
}

void ProbeFactoryRegistry::remove(ProbeKind kind)
{
    m_factories.remove(kind);
}

ProbeFactoryRegistry ProbeFactoryRegistry::withDnsAndTcp()
{
    ProbeFactoryRegistry registry;
    registry.add(ProbeKind::Dns,
                 [](const QString& probeId, const ProbeTarget& target, const ProbeTimeouts& timeouts,
                    const DiagnosticPlan&) -> Probe* { return new DnsProbe(probeId, target, timeouts); });
    registry.add(ProbeKind::TcpPort,
                 [](const QString& probeId, const ProbeTarget& target, const ProbeTimeouts& timeouts,
                    const DiagnosticPlan&) -> Probe* { return new TcpProbe(probeId, target, timeouts); });
    return registry;
}

} // namespace rd
