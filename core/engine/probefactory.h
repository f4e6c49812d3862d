#pragma once

#include "probe/probetypes.h"

#include <QList>
#include <QMap>

#include <functional>

namespace rd {

class Probe;
struct DiagnosticPlan;

// Builds one probe. Called in the worker thread the probe will live in, so it
// must be thread-safe (capture values, not pointers to GUI objects) and must
// return a new probe without a parent, constructed with `probeId`.
using ProbeFactory = std::function<Probe*(const QString& probeId, const ProbeTarget& target,
                                          const ProbeTimeouts& timeouts, const DiagnosticPlan& plan)>;

// Which probe kinds this build can run. A DiagnosticSession reports kinds
// without a factory as Skipped ("not available in this build"), so probes can
// be added one by one without touching the session.
class ProbeFactoryRegistry
{
public:
    // Registers or replaces the factory for `kind`.
    void add(ProbeKind kind, ProbeFactory factory);
    void remove(ProbeKind kind);
    bool contains(ProbeKind kind) const { return m_factories.contains(kind); }
    ProbeFactory factory(ProbeKind kind) const { return m_factories.value(kind); }
    QList<ProbeKind> kinds() const { return m_factories.keys(); }

    // DnsProbe (real resolver) and TcpProbe.
    static ProbeFactoryRegistry withDnsAndTcp();

private:
    QMap<ProbeKind, ProbeFactory> m_factories;
};

} // namespace rd
