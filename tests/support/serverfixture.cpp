#include "serverfixture.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTest>

using namespace Qt::StringLiterals;

namespace rd::test {

namespace {

QString lastLines(const QString& path, int lines)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return u"(not readable)\n"_s;
    // Logs of a short test stay small; the cap only protects against a runaway server.
    constexpr qint64 maxBytes = 256 * 1024;
    if (file.size() > maxBytes)
        file.seek(file.size() - maxBytes);
    QStringList all = QString::fromUtf8(file.readAll()).split(u'\n');
    if (!all.isEmpty() && all.constLast().isEmpty())
        all.removeLast();
    if (all.size() > lines)
        all = all.mid(all.size() - lines);
    return all.join(u'\n') + u'\n';
}

bool keepDirectories()
{
    const QString value = qEnvironmentVariable("RTMPDOCTOR_KEEP_FIXTURES");
    return !value.isEmpty() && value != "0"_L1;
}

} // namespace

ServerFixture::ServerFixture(const QString& name)
    : m_name(name)
    , m_workDirectory(QDir::tempPath() + u"/rtmpdoctor-"_s + name + u"-XXXXXX"_s)
    , m_process(name)
{
    m_workDirectory.setAutoRemove(!keepDirectories());
    addLogFile(outputLogPath());
}

ServerFixture::~ServerFixture()
{
    m_process.stop();
    if (QTest::currentTestFailed()) {
        qWarning().noquote() << u"%1 fixture in %2, log tail after the failure:\n%3"_s.arg(
            m_name, m_workDirectory.path(), logTail(40));
    }
}

void ServerFixture::stop()
{
    m_process.stop();
}

void ServerFixture::addLogFile(const QString& path)
{
    if (!m_logFiles.contains(path))
        m_logFiles.append(path);
}

QString ServerFixture::logTail(int lines) const
{
    QString tail;
    for (const QString& path : m_logFiles) {
        if (!QFileInfo::exists(path))
            continue;
        tail += u"==> %1 <==\n"_s.arg(QFileInfo(path).fileName());
        tail += lastLines(path, lines);
    }
    return tail;
}

StartResult ServerFixture::writeTextFile(const QString& fileName, const QString& contents) const
{
    if (!m_workDirectory.isValid()) {
        return StartResult::failure(StartResult::Status::SetupFailed,
                                    u"no temporary directory: %1"_s.arg(m_workDirectory.errorString()));
    }
    QFile file(filePath(fileName));
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        return StartResult::failure(StartResult::Status::SetupFailed,
                                    u"cannot write %1: %2"_s.arg(file.fileName(), file.errorString()));
    }
    const QByteArray bytes = contents.toUtf8();
    if (file.write(bytes) != bytes.size()) {
        return StartResult::failure(StartResult::Status::SetupFailed,
                                    u"cannot write %1: %2"_s.arg(file.fileName(), file.errorString()));
    }
    return StartResult::started();
}

StartResult ServerFixture::startWithRetries(const std::function<StartResult()>& attempt, int attempts)
{
    StartResult result;
    for (int round = 1; round <= attempts; ++round) {
        m_process.stop();
        result = attempt();
        if (result.ok())
            return result;
        // A server that loses the race for its port exits at once; one that
        // runs without listening is hung, and retrying would only triple the wait.
        if (result.status != StartResult::Status::ExitedEarly)
            break;
        result.message += u" (attempt %1 of %2)"_s.arg(round).arg(attempts);
    }
    m_process.stop();
    result.message += u"\n"_s + logTail(30);
    return result;
}

} // namespace rd::test
