#include "diagnosticsession.h"

#include "probe/dnsprobe.h"
#include "probe/probe.h"

#include <QSet>

namespace rd {

namespace {

QString tcpStateWord(ProbeStatus status)
{
    switch (status) {
    case ProbeStatus::TcpRefused:
        return QStringLiteral("closed");
    case ProbeStatus::TcpFiltered:
        return QStringLiteral("filtered");
    case ProbeStatus::TcpUnreachable:
        return QStringLiteral("unreachable");
    case ProbeStatus::TcpNoRoute:
        return QStringLiteral("unreachable (no route)");
    default:
        return probeStatusId(status);
    }
}

QString dnsFailureWords(ProbeStatus status)
{
    switch (status) {
    case ProbeStatus::DnsNoSuchHost:
        return QStringLiteral("the host name does not exist");
    case ProbeStatus::DnsNoAddressForFamily:
        return QStringLiteral("the host name has no address");
    case ProbeStatus::DnsResolverUnreachable:
        return QStringLiteral("the DNS server did not answer");
    case ProbeStatus::DnsSinkholed:
        return QStringLiteral("a DNS filter blocks the host name");
    case ProbeStatus::DnsTimedOut:
        return QStringLiteral("the DNS lookup timed out");
    default:
        return QStringLiteral("the DNS lookup failed (%1)").arg(probeStatusId(status));
    }
}

QString kindWords(const ProbeResult& result)
{
    switch (result.kind) {
    case ProbeKind::Handshake:
        return result.target.transport == Transport::Tls ? QStringLiteral("the RTMP handshake inside TLS")
                                                         : QStringLiteral("the RTMP handshake");
    case ProbeKind::Tls:
        return QStringLiteral("the TLS session");
    case ProbeKind::Rtmpt:
        return QStringLiteral("the RTMPT tunnel");
    case ProbeKind::Connect:
        return QStringLiteral("the RTMP connect");
    case ProbeKind::Publish:
        return QStringLiteral("the publish check");
    case ProbeKind::Liveness:
        return QStringLiteral("the HTTP check");
    case ProbeKind::Proxy:
        return QStringLiteral("the proxy check");
    default:
        return probeKindId(result.kind);
    }
}

} // namespace

DiagnosticSession::DiagnosticSession(ProbeFactoryRegistry factories, QObject* parent, int workerThreads)
    : QObject(parent)
    , m_factories(std::move(factories))
    , m_pool(std::make_unique<WorkerPool>(workerThreads))
{
    m_deadline.setSingleShot(true);
    m_deadline.setTimerType(Qt::PreciseTimer);
    connect(&m_deadline, &QTimer::timeout, this, [this] { stop(ProbeStatus::SessionTimedOut); });
    m_cancelGrace.setSingleShot(true);
    m_cancelGrace.setTimerType(Qt::PreciseTimer);
    connect(&m_cancelGrace, &QTimer::timeout, this, &DiagnosticSession::forceStopRemaining);
}

DiagnosticSession::~DiagnosticSession()
{
    // First, while this object is whole: stops and joins the workers, deletes
    // every probe in its thread and drops results still on their way here.
    m_pool.reset();
}

bool DiagnosticSession::start(const DiagnosticPlan& plan)
{
    if (m_phase != Phase::Idle)
        return false;
    m_plan = plan;
    m_nodes.clear();
    m_index.clear();
    const QList<PlannedProbe> ladder = plan.probes();
    QList<qsizetype> all;
    for (const PlannedProbe& planned : ladder) {
        if (m_index.contains(planned.probeId))
            continue; // a plan never repeats an id; be safe anyway
        m_index.insert(planned.probeId, m_nodes.size());
        all << m_nodes.size();
        Node node;
        node.planned = planned;
        m_nodes << node;
    }
    m_clock.start();
    beginRun(all);
    return true;
}

bool DiagnosticSession::rerun(const QList<ProbeKind>& kinds)
{
    QStringList ids;
    for (const Node& node : std::as_const(m_nodes)) {
        if (kinds.contains(node.planned.kind))
            ids << node.planned.probeId;
    }
    return rerun(ids);
}

bool DiagnosticSession::rerun(const QStringList& probeIds)
{
    if (m_phase != Phase::Idle || m_nodes.isEmpty())
        return false;
    QSet<QString> selected;
    for (const QString& id : probeIds) {
        if (m_index.contains(id))
            selected.insert(id);
    }
    if (selected.isEmpty())
        return false;
    // The ladder lists prerequisites before their dependents, so one pass
    // collects every transitive dependent.
    QList<qsizetype> indexes;
    for (qsizetype index = 0; index < m_nodes.size(); ++index) {
        const PlannedProbe& planned = m_nodes[index].planned;
        bool chosen = selected.contains(planned.probeId);
        for (const QString& prerequisite : planned.prerequisites)
            chosen = chosen || selected.contains(prerequisite);
        if (chosen) {
            selected.insert(planned.probeId);
            indexes << index;
        }
    }
    beginRun(indexes);
    return true;
}

void DiagnosticSession::beginRun(const QList<qsizetype>& nodeIndexes)
{
    for (qsizetype index : nodeIndexes) {
        Node& node = m_nodes[index];
        node.state = NodeState::Waiting;
        node.ticket = 0;
        node.result = freshResult(node);
    }
    m_phase = Phase::Running;
    m_deadline.start(m_plan.timeouts.sessionMs);

    QList<ProbeResult> queued;
    for (qsizetype index : nodeIndexes)
        queued << m_nodes[index].result;
    for (const ProbeResult& result : std::as_const(queued))
        emit probeQueued(result);
    emit progressChanged(doneCount(), int(m_nodes.size()));

    if (!m_advanceQueued) {
        m_advanceQueued = true;
        QMetaObject::invokeMethod(this, &DiagnosticSession::advance, Qt::QueuedConnection);
    }
}

ProbeResult DiagnosticSession::freshResult(const Node& node) const
{
    ProbeResult result;
    result.probeId = node.planned.probeId;
    result.kind = node.planned.kind;
    result.target = node.planned.target;
    result.target.streamKey.clear();
    result.status = ProbeStatus::NotRun;
    return result;
}

void DiagnosticSession::advance()
{
    m_advanceQueued = false;
    // Skipping a probe can unblock (and skip) others, so repeat until a pass
    // changes nothing. Signals emitted on the way may cancel the session, so
    // the phase is checked after every step and no reference is held.
    bool changed = true;
    while (changed && m_phase == Phase::Running) {
        changed = false;
        for (qsizetype index = 0; index < m_nodes.size() && m_phase == Phase::Running; ++index) {
            if (m_nodes[index].state != NodeState::Waiting)
                continue;
            bool ready = true;
            for (const QString& prerequisite : std::as_const(m_nodes[index].planned.prerequisites)) {
                const qsizetype other = indexOf(prerequisite);
                if (other >= 0 && m_nodes[other].state != NodeState::Done)
                    ready = false;
            }
            if (!ready)
                continue;

            const Decision decision = decide(m_nodes[index]);
            changed = true;
            if (!decision.run) {
                skipNode(m_nodes[index], decision.skipReason, tr("Not run: %1.").arg(decision.skipReason));
            } else if (!m_factories.contains(m_nodes[index].planned.kind)) {
                skipNode(m_nodes[index], QStringLiteral("not available in this build"),
                         tr("The %1 probe is not available in this build.")
                             .arg(probeKindId(m_nodes[index].planned.kind)));
            } else {
                dispatch(m_nodes[index], decision.target);
            }
        }
    }
    completeSessionIfDone();
}

DiagnosticSession::Decision DiagnosticSession::decide(const Node& node) const
{
    Decision decision;
    decision.target = node.planned.target;
    const QStringList& prerequisites = node.planned.prerequisites;

    if (node.planned.addressFromDns) {
        const AddressFamily family = *node.planned.addressFromDns;
        const qsizetype dnsIndex = prerequisites.isEmpty() ? -1 : indexOf(prerequisites.first());
        if (dnsIndex < 0) {
            decision.skipReason = QStringLiteral("there is no DNS result to take the address from");
            return decision;
        }
        const ProbeResult& dns = m_nodes[dnsIndex].result;
        const bool ipv6 = family == AddressFamily::Ipv6;
        const QStringList addresses =
            dns.facts.value(ipv6 ? dnsfacts::ipv6Addresses : dnsfacts::ipv4Addresses).toStringList();
        if (!addresses.isEmpty()) {
            decision.run = true;
            decision.target.address = addresses.first();
            return decision;
        }
        const QString familyName = ipv6 ? QStringLiteral("IPv6") : QStringLiteral("IPv4");
        const QString outcome =
            dns.facts.value(ipv6 ? dnsfacts::ipv6Outcome : dnsfacts::ipv4Outcome).toString();
        if (dns.status == ProbeStatus::DnsResolved || dns.status == ProbeStatus::DnsSinkholed) {
            decision.skipReason = outcome == dnsOutcomeId(DnsFamilyOutcome::Sinkholed)
                                      ? QStringLiteral("a DNS filter blocks the %1 address").arg(familyName)
                                      : QStringLiteral("the host has no %1 address").arg(familyName);
        } else {
            decision.skipReason = describeFailure(dns);
        }
        return decision;
    }

    if (prerequisites.isEmpty()) {
        decision.run = true;
        return decision;
    }
    for (const QString& prerequisite : prerequisites) {
        const qsizetype other = indexOf(prerequisite);
        if (other < 0)
            continue;
        const ProbeResult& before = m_nodes[other].result;
        if (before.verdict() == Verdict::Pass) {
            decision.run = true;
            if (decision.target.address.isEmpty())
                decision.target.address = before.target.address;
            return decision;
        }
    }
    decision.skipReason = describeBlocker(prerequisites);
    return decision;
}

QString DiagnosticSession::describeFailure(const ProbeResult& result) const
{
    switch (result.status) {
    case ProbeStatus::Skipped: {
        const QString reason = result.facts.value(sessionfacts::skipReason).toString();
        return reason.isEmpty() ? QStringLiteral("%1 was skipped").arg(result.probeId) : reason;
    }
    case ProbeStatus::Cancelled:
        return QStringLiteral("%1 was cancelled").arg(result.probeId);
    case ProbeStatus::SessionTimedOut:
        return QStringLiteral("%1 did not finish in time").arg(result.probeId);
    case ProbeStatus::NotRun:
        return QStringLiteral("%1 did not run").arg(result.probeId);
    default:
        break;
    }
    if (result.kind == ProbeKind::Dns)
        return dnsFailureWords(result.status);
    if (result.kind == ProbeKind::TcpPort)
        return QStringLiteral("port %1 is %2").arg(result.target.port).arg(tcpStateWord(result.status));
    return QStringLiteral("%1 on port %2 failed (%3)")
        .arg(kindWords(result))
        .arg(result.target.port)
        .arg(probeStatusId(result.status));
}

QString DiagnosticSession::describeBlocker(const QStringList& prerequisiteIds) const
{
    QList<const ProbeResult*> results;
    for (const QString& id : prerequisiteIds) {
        const qsizetype index = indexOf(id);
        if (index >= 0)
            results << &m_nodes[index].result;
    }
    if (results.isEmpty())
        return QStringLiteral("its prerequisites are missing");

    const bool samePortGrid =
        std::all_of(results.cbegin(), results.cend(), [&results](const ProbeResult* result) {
            return result->kind == ProbeKind::TcpPort && result->target.port == results.first()->target.port;
        });
    if (samePortGrid && results.size() > 1) {
        // One phrase per family that was actually tried; a family without an
        // address adds nothing to "why is this port unusable".
        QStringList words;
        QStringList families;
        for (const ProbeResult* result : std::as_const(results)) {
            if (result->status == ProbeStatus::Skipped || result->status == ProbeStatus::NotRun)
                continue;
            words << tcpStateWord(result->status);
            families << (result->probeId.endsWith(QLatin1StringView(":ipv6")) ? QStringLiteral("IPv6")
                                                                              : QStringLiteral("IPv4"));
        }
        const quint16 port = results.first()->target.port;
        if (words.isEmpty())
            return describeFailure(*results.first());
        if (words.size() == 1 || std::all_of(words.cbegin(), words.cend(),
                                             [&words](const QString& word) { return word == words.first(); }))
            return QStringLiteral("port %1 is %2").arg(port).arg(words.first());
        QStringList parts;
        for (qsizetype index = 0; index < words.size(); ++index)
            parts << QStringLiteral("%1 over %2").arg(words[index], families[index]);
        return QStringLiteral("port %1 is %2").arg(port).arg(parts.join(QStringLiteral(" and ")));
    }
    return describeFailure(*results.first());
}

void DiagnosticSession::dispatch(Node& node, const ProbeTarget& target)
{
    node.state = NodeState::Running;
    node.result = freshResult(node);
    node.result.target = target;
    node.result.target.streamKey.clear();
    node.result.startedAtMs = m_clock.elapsed();

    const ProbeFactory factory = m_factories.factory(node.planned.kind);
    const QString probeId = node.planned.probeId;
    const ProbeTimeouts timeouts = m_plan.timeouts;
    const DiagnosticPlan plan = m_plan;
    // The ticket identifies this run of the node, so results of an older run
    // (stopped without confirming, then re-run) are recognised and dropped.
    // It is known only once run() returns, before anything can be delivered.
    const auto ticket = std::make_shared<WorkerPool::Ticket>(0);
    *ticket = m_pool->run(
        [factory, probeId, target, timeouts, plan]() -> Probe* {
            return factory(probeId, target, timeouts, plan);
        },
        this, [this, ticket](const QString&, const ProbeStep& step) { onProbeStepped(*ticket, step); },
        [this, ticket](const ProbeResult& result) { onProbeFinished(*ticket, result); });
    node.ticket = *ticket;
    emit probeStarted(probeId);
}

qsizetype DiagnosticSession::runningNodeOf(WorkerPool::Ticket ticket) const
{
    for (qsizetype index = 0; index < m_nodes.size(); ++index) {
        if (m_nodes[index].ticket == ticket && m_nodes[index].state == NodeState::Running)
            return index;
    }
    return -1;
}

void DiagnosticSession::onProbeStepped(WorkerPool::Ticket ticket, const ProbeStep& step)
{
    const qsizetype index = runningNodeOf(ticket);
    if (index >= 0)
        emit probeStepped(m_nodes[index].planned.probeId, step);
}

void DiagnosticSession::onProbeFinished(WorkerPool::Ticket ticket, const ProbeResult& result)
{
    const qsizetype index = runningNodeOf(ticket);
    if (index < 0)
        return;
    Node& node = m_nodes[index];

    ProbeResult finished = result;
    finished.probeId = node.planned.probeId;
    finished.kind = node.planned.kind;
    finished.target = node.result.target;
    finished.startedAtMs = node.result.startedAtMs;
    if (m_phase == Phase::Stopping && m_stopReason == ProbeStatus::SessionTimedOut &&
        finished.status == ProbeStatus::Cancelled) {
        finished.status = ProbeStatus::SessionTimedOut;
        finished.message = tr("Still running when the diagnosis reached its time limit of %1 s.")
                               .arg(m_plan.timeouts.sessionMs / 1000.0);
    }
    completeNode(node, finished);

    if (m_phase == Phase::Running)
        advance();
    else
        completeSessionIfDone();
}

void DiagnosticSession::completeNode(Node& node, ProbeResult result)
{
    node.state = NodeState::Done;
    node.result = std::move(result);
    const ProbeResult copy = node.result; // the node may change while receivers run
    emit probeFinished(copy);
    emit progressChanged(doneCount(), int(m_nodes.size()));
}

void DiagnosticSession::skipNode(Node& node, const QString& reason, const QString& message)
{
    ProbeResult result = freshResult(node);
    result.status = ProbeStatus::Skipped;
    result.message = message;
    result.facts.insert(sessionfacts::skipReason, reason);
    result.startedAtMs = m_clock.elapsed();
    completeNode(node, std::move(result));
}

void DiagnosticSession::cancel()
{
    stop(ProbeStatus::Cancelled);
}

void DiagnosticSession::stop(ProbeStatus why)
{
    if (m_phase != Phase::Running)
        return;
    m_phase = Phase::Stopping;
    m_stopReason = why;
    m_deadline.stop();

    bool anyRunning = false;
    for (qsizetype index = 0; index < m_nodes.size(); ++index) {
        if (m_nodes[index].state == NodeState::Running) {
            anyRunning = true;
            m_pool->cancel(m_nodes[index].ticket);
        }
    }
    for (qsizetype index = 0; index < m_nodes.size(); ++index) {
        if (m_nodes[index].state != NodeState::Waiting)
            continue;
        if (why == ProbeStatus::SessionTimedOut) {
            skipNode(m_nodes[index], QStringLiteral("the diagnosis ran out of time"),
                     tr("Not run: the diagnosis reached its time limit of %1 s first.")
                         .arg(m_plan.timeouts.sessionMs / 1000.0));
        } else {
            ProbeResult result = freshResult(m_nodes[index]);
            result.status = ProbeStatus::Cancelled;
            result.message = tr("Cancelled before it started.");
            completeNode(m_nodes[index], std::move(result));
        }
    }
    if (anyRunning)
        m_cancelGrace.start(kCancelGraceMs);
    completeSessionIfDone();
}

void DiagnosticSession::forceStopRemaining()
{
    if (m_phase != Phase::Stopping)
        return;
    // A probe whose thread is stuck cannot confirm; its cell must end anyway.
    for (qsizetype index = 0; index < m_nodes.size(); ++index) {
        if (m_nodes[index].state != NodeState::Running)
            continue;
        ProbeResult result = m_nodes[index].result;
        result.status = m_stopReason;
        result.message = m_stopReason == ProbeStatus::SessionTimedOut
                             ? tr("Still running when the diagnosis reached its time limit of %1 s.")
                                   .arg(m_plan.timeouts.sessionMs / 1000.0)
                             : tr("Cancelled.");
        result.elapsedMs = m_clock.elapsed() - result.startedAtMs;
        completeNode(m_nodes[index], std::move(result));
    }
    completeSessionIfDone();
}

void DiagnosticSession::completeSessionIfDone()
{
    if (m_phase == Phase::Idle)
        return;
    for (const Node& node : std::as_const(m_nodes)) {
        if (node.state != NodeState::Done)
            return;
    }
    m_phase = Phase::Idle;
    m_deadline.stop();
    m_cancelGrace.stop();
    emit finished();
}

int DiagnosticSession::doneCount() const
{
    return int(std::count_if(m_nodes.cbegin(), m_nodes.cend(),
                             [](const Node& node) { return node.state == NodeState::Done; }));
}

QStringList DiagnosticSession::probeIds() const
{
    QStringList ids;
    for (const Node& node : m_nodes)
        ids << node.planned.probeId;
    return ids;
}

QList<ProbeResult> DiagnosticSession::results() const
{
    QList<ProbeResult> all;
    for (const Node& node : m_nodes)
        all << node.result;
    return all;
}

std::optional<ProbeResult> DiagnosticSession::result(const QString& probeId) const
{
    const qsizetype index = indexOf(probeId);
    if (index < 0)
        return std::nullopt;
    return m_nodes[index].result;
}

} // namespace rd
