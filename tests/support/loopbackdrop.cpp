#include "loopbackdrop.h"

#include "testtools.h"

#include <QCoreApplication>
#include <QProcess>
#include <QRegularExpression>

#if defined(Q_OS_UNIX)
#include <cerrno>
#include <csignal>
#include <unistd.h>
#endif

using namespace Qt::StringLiterals;

namespace rd::test {

namespace {

const QString commentPrefix = u"rtmpdoctor-test-pid-"_s;
constexpr std::chrono::seconds iptablesDeadline{15};

// -w: wait for the xtables lock instead of failing when another process holds it.
ToolRun iptables(const QString& program, const QStringList& arguments)
{
    return runTool(program, QStringList{u"-w"_s, u"5"_s} + arguments, iptablesDeadline);
}

bool processIsGone(qint64 pid)
{
#if defined(Q_OS_UNIX)
    return ::kill(static_cast<pid_t>(pid), 0) == -1 && errno == ESRCH;
#else
    Q_UNUSED(pid);
    return false;
#endif
}

// Deletes DROP rules whose owning test process no longer exists.
void removeAbandonedRules(const QString& program)
{
    const ToolRun listing = iptables(program, {u"-S"_s, u"INPUT"_s});
    if (!listing.finishedWith(0))
        return;
    static const QRegularExpression owner(u"--comment \"?"_s + commentPrefix + u"(\\d+)"_s);
    const QStringList lines = QString::fromUtf8(listing.standardOutput).split(u'\n', Qt::SkipEmptyParts);
    for (const QString& line : lines) {
        const QRegularExpressionMatch match = owner.match(line);
        if (!match.hasMatch() || !line.startsWith(u"-A INPUT "_s) ||
            !processIsGone(match.captured(1).toLongLong()))
            continue;
        QStringList deletion = QProcess::splitCommand(line);
        deletion[0] = u"-D"_s;
        iptables(program, deletion);
    }
}

} // namespace

bool LoopbackDrop::available(QString* whyNot)
{
    const auto refuse = [whyNot](const QString& reason) {
        if (whyNot)
            *whyNot = reason;
        return false;
    };
#if defined(Q_OS_LINUX)
    if (::geteuid() != 0)
        return refuse(
            u"LoopbackDrop needs root to change iptables rules (running as uid %1)"_s.arg(::geteuid()));
#else
    return refuse(u"LoopbackDrop uses iptables and works on Linux only"_s);
#endif
    if (findTool(u"iptables"_s).isEmpty())
        return refuse(u"iptables is not installed (Debian package: iptables)"_s);
    const ToolRun listing = iptables(u"iptables"_s, {u"-S"_s, u"INPUT"_s});
    if (!listing.finishedWith(0))
        return refuse(u"iptables does not work here: %1"_s.arg(listing.describe(400)));
    return true;
}

LoopbackDrop::LoopbackDrop(quint16 port, Action action)
    : m_port(port)
    , m_action(action)
{
    QString whyNot;
    if (!available(&whyNot)) {
        m_error = whyNot;
        return;
    }
    removeAbandonedRules(u"iptables"_s);
    const ToolRun added = iptables(u"iptables"_s, QStringList{u"-I"_s} + ruleSpecification(false));
    if (!added.finishedWith(0)) {
        m_error = u"iptables refused the rule: %1"_s.arg(added.describe(400));
        return;
    }
    m_ipv4Active = true;
    // IPv6 is best effort: a client that tries ::1 first must not get through.
    if (!findTool(u"ip6tables"_s).isEmpty()) {
        removeAbandonedRules(u"ip6tables"_s);
        m_ipv6Active =
            iptables(u"ip6tables"_s, QStringList{u"-I"_s} + ruleSpecification(true)).finishedWith(0);
    }
}

LoopbackDrop::~LoopbackDrop()
{
    if (m_ipv4Active)
        iptables(u"iptables"_s, QStringList{u"-D"_s} + ruleSpecification(false));
    if (m_ipv6Active)
        iptables(u"ip6tables"_s, QStringList{u"-D"_s} + ruleSpecification(true));
}

QStringList LoopbackDrop::ruleSpecification(bool ipv6) const
{
    QStringList rule = {u"INPUT"_s,
                        u"-i"_s,
                        u"lo"_s,
                        u"-p"_s,
                        u"tcp"_s,
                        u"--dport"_s,
                        QString::number(m_port),
                        u"-m"_s,
                        u"comment"_s,
                        u"--comment"_s,
                        commentPrefix + QString::number(QCoreApplication::applicationPid())};
    switch (m_action) {
    case Action::Drop:
        rule << u"-j"_s << u"DROP"_s;
        break;
    case Action::RejectAdminProhibited:
        rule << u"-j"_s << u"REJECT"_s << u"--reject-with"_s
             << (ipv6 ? u"icmp6-adm-prohibited"_s : u"icmp-admin-prohibited"_s);
        break;
    case Action::RejectTcpReset:
        rule << u"-j"_s << u"REJECT"_s << u"--reject-with"_s << u"tcp-reset"_s;
        break;
    }
    return rule;
}

} // namespace rd::test
