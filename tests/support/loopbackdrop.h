#pragma once

#include <QString>
#include <QStringList>

namespace rd::test {

// Makes one loopback TCP port behave like a firewall in front of it: by
// default one that silently drops packets, so a connect to 127.0.0.1:<port>
// (and [::1]:<port>) gets no answer and times out, whatever listens there.
// Implemented with an iptables (and ip6tables, when present) rule
//   -I INPUT -i lo -p tcp --dport <port> -m comment --comment rtmpdoctor-test-pid-<pid> -j DROP
// (or -j REJECT --reject-with ...) that the destructor removes again, also
// when the test failed. Rules left by a test process that was killed are
// removed by the next LoopbackDrop. Needs root and a working iptables;
// check available() first and QSKIP.
class LoopbackDrop
{
public:
    enum class Action
    {
        Drop,                  // no answer: connect times out
        RejectAdminProhibited, // ICMP admin-prohibited: connect fails with EHOSTUNREACH
        RejectTcpReset,        // TCP RST to the SYN: connect fails with ECONNREFUSED
    };

    // True when rules can be added here; otherwise `whyNot` says why.
    static bool available(QString* whyNot = nullptr);

    explicit LoopbackDrop(quint16 port, Action action = Action::Drop);
    ~LoopbackDrop();

    LoopbackDrop(const LoopbackDrop&) = delete;
    LoopbackDrop& operator=(const LoopbackDrop&) = delete;

    // True while the IPv4 rule is in place.
    bool isActive() const { return m_ipv4Active; }
    bool coversIpv6() const { return m_ipv6Active; }
    quint16 port() const { return m_port; }
    Action action() const { return m_action; }
    QString errorString() const { return m_error; }

private:
    QStringList ruleSpecification(bool ipv6) const;

    quint16 m_port;
    Action m_action;
    bool m_ipv4Active = false;
    bool m_ipv6Active = false;
    QString m_error;
};

} // namespace rd::test
