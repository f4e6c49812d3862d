#include "dnsprobe.h"

#include <QElapsedTimer>
#include <QStringList>
#include <QUrl>

#include <mutex>
#include <system_error>
#include <thread>

#if defined(Q_OS_WIN)
#include <winsock2.h>
#include <ws2tcpip.h>
#else
#include <netdb.h>
#include <sys/socket.h>
#include <sys/types.h>
#endif

namespace rd {

namespace {

QString recordName(QAbstractSocket::NetworkLayerProtocol family)
{
    return family == QAbstractSocket::IPv6Protocol ? QStringLiteral("AAAA") : QStringLiteral("A");
}

QStringList toStrings(const QList<QHostAddress>& addresses)
{
    QStringList texts;
    texts.reserve(addresses.size());
    for (const QHostAddress& address : addresses)
        texts << address.toString();
    return texts;
}

DnsLookupError classifyGaiError(int code)
{
    switch (code) {
    case 0:
        return DnsLookupError::None;
    case EAI_NONAME:
        return DnsLookupError::NoSuchName;
#if defined(EAI_NODATA) && EAI_NODATA != EAI_NONAME
    case EAI_NODATA:
        return DnsLookupError::NoData;
#endif
#if defined(EAI_ADDRFAMILY)
    case EAI_ADDRFAMILY:
        return DnsLookupError::NoData;
#endif
    case EAI_AGAIN:
        return DnsLookupError::TryAgain;
    default:
        return DnsLookupError::OtherFailure;
    }
}

} // namespace

DnsLookupAnswer systemDnsLookup(const QByteArray& asciiHost, QAbstractSocket::NetworkLayerProtocol family)
{
    addrinfo hints{};
    hints.ai_family = family == QAbstractSocket::IPv6Protocol ? AF_INET6 : AF_INET;
    // One entry per address instead of one per socket type.
    hints.ai_socktype = SOCK_STREAM;
    addrinfo* list = nullptr;
    const int code = ::getaddrinfo(asciiHost.constData(), nullptr, &hints, &list);

    DnsLookupAnswer answer;
    answer.systemCode = code;
    answer.error = classifyGaiError(code);
    if (code != 0) {
        answer.systemMessage = QString::fromLocal8Bit(::gai_strerror(code));
        return answer;
    }
    for (const addrinfo* entry = list; entry != nullptr; entry = entry->ai_next) {
        const QHostAddress address(entry->ai_addr);
        if (!address.isNull() && !answer.addresses.contains(address))
            answer.addresses << address;
    }
    ::freeaddrinfo(list);
    return answer;
}

QString dnsOutcomeId(DnsFamilyOutcome outcome)
{
    switch (outcome) {
    case DnsFamilyOutcome::Addresses:
        return QStringLiteral("addresses");
    case DnsFamilyOutcome::Sinkholed:
        return QStringLiteral("sinkholed");
    case DnsFamilyOutcome::NoSuchName:
        return QStringLiteral("no-such-name");
    case DnsFamilyOutcome::NoData:
        return QStringLiteral("no-data");
    case DnsFamilyOutcome::TryAgain:
        return QStringLiteral("try-again");
    case DnsFamilyOutcome::OtherFailure:
        return QStringLiteral("failed");
    case DnsFamilyOutcome::TimedOut:
        return QStringLiteral("timed-out");
    case DnsFamilyOutcome::NotAsked:
        return QStringLiteral("not-asked");
    }
    return QStringLiteral("unknown");
}

namespace {

// One lock for all DNS hand-overs (they are rare and short). It guards
// Mailbox::probe, and the posted answer takes it again before it reads
// anything the helper thread wrote: a static, because the captured values
// themselves are part of what is handed over (and ThreadSanitizer checks it).
std::mutex& handOverMutex()
{
    static std::mutex mutex;
    return mutex;
}

} // namespace

// Shared with the helper threads. `probe` is cleared (under the lock) when the
// probe gives up on the lookups, so a late answer is never posted to a probe
// that is being destroyed.
struct DnsProbe::Mailbox
{
    DnsProbe* probe = nullptr;
};

DnsProbe::DnsProbe(QString probeId, ProbeTarget target, ProbeTimeouts timeouts, DnsLookupFunction lookup,
                   QObject* parent)
    : Probe(std::move(probeId), ProbeKind::Dns, std::move(target), timeouts, parent)
    , m_lookup(std::move(lookup))
    , m_mailbox(std::make_shared<Mailbox>())
{
    m_mailbox->probe = this;
}

DnsProbe::~DnsProbe()
{
    abortIo();
}

void DnsProbe::abortIo()
{
    const std::lock_guard lock(handOverMutex());
    m_mailbox->probe = nullptr;
}

DnsProbe::FamilyState& DnsProbe::state(QAbstractSocket::NetworkLayerProtocol family)
{
    return family == QAbstractSocket::IPv6Protocol ? m_ipv6 : m_ipv4;
}

void DnsProbe::begin()
{
    QString host = target().host.trimmed();
    if (host.startsWith(u'[') && host.endsWith(u']'))
        host = host.mid(1, host.size() - 2);
    if (host.isEmpty()) {
        finish(ProbeStatus::InternalError, tr("There is no host name to look up."));
        return;
    }

    const QHostAddress literal(host);
    if (!literal.isNull()) {
        finishWithLiteral(literal);
        return;
    }

    const QByteArray asciiHost = QUrl::toAce(host);
    if (asciiHost.isEmpty()) {
        finish(ProbeStatus::DnsNoSuchHost, tr("\"%1\" is not a valid host name.").arg(host));
        return;
    }
    if (!m_lookup) {
        finish(ProbeStatus::InternalError, tr("No resolver is available."));
        return;
    }

    armTimeout(timeouts().dnsMs, [this] {
        for (FamilyState* family : {&m_ipv4, &m_ipv6}) {
            if (!family->answered) {
                family->answered = true;
                family->outcome = DnsFamilyOutcome::TimedOut;
            }
        }
        conclude();
    });
    startLookup(QAbstractSocket::IPv4Protocol, asciiHost);
    startLookup(QAbstractSocket::IPv6Protocol, asciiHost);
}

void DnsProbe::startLookup(QAbstractSocket::NetworkLayerProtocol family, const QByteArray& asciiHost)
{
    if (isFinished())
        return;
    sent(tr("%1 lookup for %2").arg(recordName(family), QString::fromLatin1(asciiHost)));
    try {
        std::thread([mailbox = m_mailbox, lookup = m_lookup, asciiHost, family] {
            QElapsedTimer clock;
            clock.start();
            const DnsLookupAnswer answer = lookup(asciiHost, family);
            const qint64 elapsedMs = clock.elapsed();
            const std::lock_guard lock(handOverMutex());
            if (DnsProbe* probe = mailbox->probe) {
                QMetaObject::invokeMethod(
                    probe,
                    [probe, family, answer, elapsedMs] {
                        {
                            const std::lock_guard acquired(handOverMutex());
                        }
                        probe->onAnswer(family, answer, elapsedMs);
                    },
                    Qt::QueuedConnection);
            }
        }).detach();
    } catch (const std::system_error& error) {
        finish(ProbeStatus::InternalError,
               tr("Could not start the DNS lookup: %1").arg(QString::fromLocal8Bit(error.what())));
    }
}

void DnsProbe::onAnswer(QAbstractSocket::NetworkLayerProtocol family, const DnsLookupAnswer& answer,
                        qint64 elapsedMs)
{
    FamilyState& slot = state(family);
    if (isFinished() || slot.answered)
        return;
    slot.answered = true;
    slot.elapsedMs = elapsedMs;
    slot.systemMessage = answer.systemMessage;

    switch (answer.error) {
    case DnsLookupError::None:
        for (const QHostAddress& address : answer.addresses) {
            // A DNS filter answers "nowhere" instead of "no such name".
            if (address == QHostAddress::AnyIPv4 || address == QHostAddress::AnyIPv6)
                slot.sinkholes << address;
            else
                slot.usable << address;
        }
        if (!slot.usable.isEmpty())
            slot.outcome = DnsFamilyOutcome::Addresses;
        else if (!slot.sinkholes.isEmpty())
            slot.outcome = DnsFamilyOutcome::Sinkholed;
        else
            slot.outcome = DnsFamilyOutcome::NoData;
        break;
    case DnsLookupError::NoSuchName:
        slot.outcome = DnsFamilyOutcome::NoSuchName;
        break;
    case DnsLookupError::NoData:
        slot.outcome = DnsFamilyOutcome::NoData;
        break;
    case DnsLookupError::TryAgain:
        slot.outcome = DnsFamilyOutcome::TryAgain;
        break;
    case DnsLookupError::OtherFailure:
        slot.outcome = DnsFamilyOutcome::OtherFailure;
        break;
    }

    const QString detail = slot.outcome == DnsFamilyOutcome::Addresses
                               ? toStrings(slot.usable).join(QStringLiteral(", "))
                               : dnsOutcomeId(slot.outcome);
    received(tr("%1 answer: %2").arg(recordName(family), detail));
    step(tr("%1 lookup").arg(recordName(family)), detail, elapsedMs);

    if (m_ipv4.answered && m_ipv6.answered)
        conclude();
}

void DnsProbe::finishWithLiteral(const QHostAddress& address)
{
    const bool isIpv6 = address.protocol() == QAbstractSocket::IPv6Protocol;
    FamilyState& own = isIpv6 ? m_ipv6 : m_ipv4;
    FamilyState& other = isIpv6 ? m_ipv4 : m_ipv6;
    own.answered = true;
    own.outcome = DnsFamilyOutcome::Addresses;
    own.usable = {address};
    own.elapsedMs = 0;
    other.answered = true;
    other.outcome = DnsFamilyOutcome::NotAsked;
    setFact(dnsfacts::literal, true);
    step(tr("IP address, no lookup needed"), address.toString(), 0);
    conclude();
}

void DnsProbe::conclude()
{
    if (isFinished())
        return;
    disarmTimeout();

    setFact(dnsfacts::ipv4Addresses, toStrings(m_ipv4.usable));
    setFact(dnsfacts::ipv6Addresses, toStrings(m_ipv6.usable));
    setFact(dnsfacts::ipv4Ms, m_ipv4.elapsedMs);
    setFact(dnsfacts::ipv6Ms, m_ipv6.elapsedMs);
    setFact(dnsfacts::ipv4Outcome, dnsOutcomeId(m_ipv4.outcome));
    setFact(dnsfacts::ipv6Outcome, dnsOutcomeId(m_ipv6.outcome));
    if (!m_ipv4.systemMessage.isEmpty())
        setFact(dnsfacts::ipv4SystemMessage, m_ipv4.systemMessage);
    if (!m_ipv6.systemMessage.isEmpty())
        setFact(dnsfacts::ipv6SystemMessage, m_ipv6.systemMessage);
    const QStringList sinkholes = toStrings(m_ipv4.sinkholes + m_ipv6.sinkholes);
    if (!sinkholes.isEmpty())
        setFact(dnsfacts::sinkholeAddresses, sinkholes);

    const QString host = target().host;
    const auto either = [this](DnsFamilyOutcome outcome) {
        return m_ipv4.outcome == outcome || m_ipv6.outcome == outcome;
    };
    const auto addressList = [](const FamilyState& family) {
        return family.usable.isEmpty() ? tr("none") : toStrings(family.usable).join(QStringLiteral(", "));
    };

    // The most specific finding wins: a sinkhole explains everything after it
    // even when the other family still has a real address.
    if (either(DnsFamilyOutcome::Sinkholed)) {
        finish(ProbeStatus::DnsSinkholed,
               tr("The DNS answer for %1 was %2: a DNS filter (ad blocker, parental control, company "
                  "policy) blocks this name.")
                   .arg(host, sinkholes.join(tr(" and "))));
        return;
    }
    if (either(DnsFamilyOutcome::Addresses)) {
        finish(ProbeStatus::DnsResolved,
               tr("%1 resolves to IPv4 %2 and IPv6 %3.").arg(host, addressList(m_ipv4), addressList(m_ipv6)));
        return;
    }
    if (either(DnsFamilyOutcome::TryAgain) || either(DnsFamilyOutcome::OtherFailure)) {
        const QString why = !m_ipv4.systemMessage.isEmpty() ? m_ipv4.systemMessage : m_ipv6.systemMessage;
        finish(ProbeStatus::DnsResolverUnreachable,
               tr("The DNS server could not be asked about %1 (%2).").arg(host, why));
        return;
    }
    if (either(DnsFamilyOutcome::TimedOut)) {
        finish(ProbeStatus::DnsTimedOut,
               tr("No DNS answer for %1 within %2 s.").arg(host).arg(timeouts().dnsMs / 1000.0));
        return;
    }
    if (either(DnsFamilyOutcome::NoData)) {
        finish(ProbeStatus::DnsNoAddressForFamily,
               tr("The name %1 exists but has neither an IPv4 nor an IPv6 address.").arg(host));
        return;
    }
    finish(ProbeStatus::DnsNoSuchHost, tr("The name %1 does not exist in DNS.").arg(host));
}

} // namespace rd
