#pragma once

#include "probe.h"

#include <QAbstractSocket>
#include <QHostAddress>
#include <QLatin1StringView>

#include <functional>
#include <memory>

namespace rd {

// How one system lookup for one address family ended.
enum class DnsLookupError
{
    None,
    NoSuchName,   // EAI_NONAME: the name does not exist (or has no record of this family, glibc says so too)
    NoData,       // EAI_NODATA / EAI_ADDRFAMILY: the name exists but has no address of this family
    TryAgain,     // EAI_AGAIN: the DNS server did not answer
    OtherFailure, // EAI_FAIL and anything else
};

struct DnsLookupAnswer
{
    DnsLookupError error = DnsLookupError::None;
    QList<QHostAddress> addresses;
    int systemCode = 0;    // the getaddrinfo() return value, 0 on success
    QString systemMessage; // gai_strerror(), for the technical view
};

// One blocking lookup of `asciiHost` for IPv4Protocol or IPv6Protocol. Runs in
// a helper thread; must be thread-safe.
using DnsLookupFunction =
    std::function<DnsLookupAnswer(const QByteArray& asciiHost, QAbstractSocket::NetworkLayerProtocol family)>;

// The real resolver: getaddrinfo() with AF_INET or AF_INET6, so /etc/hosts,
// nsswitch and the system's DNS settings apply exactly as for an encoder.
DnsLookupAnswer systemDnsLookup(const QByteArray& asciiHost, QAbstractSocket::NetworkLayerProtocol family);

// Keys of ProbeResult::facts written by DnsProbe.
namespace dnsfacts {
inline constexpr QLatin1StringView ipv4Addresses{"ipv4"}; // QStringList, usable addresses only
inline constexpr QLatin1StringView ipv6Addresses{"ipv6"}; // QStringList, usable addresses only
inline constexpr QLatin1StringView ipv4Ms{"ipv4Ms"};      // qint64, -1 when there was no answer
inline constexpr QLatin1StringView ipv6Ms{"ipv6Ms"};
inline constexpr QLatin1StringView ipv4Outcome{"ipv4Outcome"}; // see dnsOutcomeId()
inline constexpr QLatin1StringView ipv6Outcome{"ipv6Outcome"};
inline constexpr QLatin1StringView ipv4SystemMessage{"ipv4SystemMessage"}; // gai_strerror() text
inline constexpr QLatin1StringView ipv6SystemMessage{"ipv6SystemMessage"};
inline constexpr QLatin1StringView sinkholeAddresses{"sinkholeAddresses"}; // QStringList: 0.0.0.0 / ::
inline constexpr QLatin1StringView literal{"literal"}; // bool: the host was an IP address, nothing looked up
} // namespace dnsfacts

// Values of the ipv4Outcome / ipv6Outcome facts.
enum class DnsFamilyOutcome
{
    Addresses,    // "addresses"
    Sinkholed,    // "sinkholed": only 0.0.0.0 / :: came back
    NoSuchName,   // "no-such-name"
    NoData,       // "no-data"
    TryAgain,     // "try-again"
    OtherFailure, // "failed"
    TimedOut,     // "timed-out": no answer within ProbeTimeouts::dnsMs
    NotAsked,     // "not-asked": the host is an IP literal of the other family
};
QString dnsOutcomeId(DnsFamilyOutcome outcome);

// Resolves the target's host for IPv4 (A) and IPv6 (AAAA) separately and in
// parallel, timing each. The blocking system call runs in a detached helper
// thread; cancel() (and the probe's destruction) abandons it: its answer is
// dropped when it finally arrives, nothing waits for it.
//
// Statuses: DnsResolved, DnsNoSuchHost, DnsNoAddressForFamily,
// DnsResolverUnreachable, DnsSinkholed, DnsTimedOut (see probetypes.h).
class DnsProbe : public Probe
{
    Q_OBJECT

public:
    DnsProbe(QString probeId, ProbeTarget target, ProbeTimeouts timeouts,
             DnsLookupFunction lookup = systemDnsLookup, QObject* parent = nullptr);
    ~DnsProbe() override;

protected:
    void begin() override;
    void abortIo() override;

private:
    struct Mailbox;
    struct FamilyState
    {
        bool answered = false;
        DnsFamilyOutcome outcome = DnsFamilyOutcome::TimedOut;
        QList<QHostAddress> usable;
        QList<QHostAddress> sinkholes;
        qint64 elapsedMs = -1;
        QString systemMessage;
    };

    void startLookup(QAbstractSocket::NetworkLayerProtocol family, const QByteArray& asciiHost);
    void onAnswer(QAbstractSocket::NetworkLayerProtocol family, const DnsLookupAnswer& answer,
                  qint64 elapsedMs);
    void finishWithLiteral(const QHostAddress& address);
    void conclude();
    FamilyState& state(QAbstractSocket::NetworkLayerProtocol family);

    DnsLookupFunction m_lookup;
    std::shared_ptr<Mailbox> m_mailbox;
    FamilyState m_ipv4;
    FamilyState m_ipv6;
};

} // namespace rd
