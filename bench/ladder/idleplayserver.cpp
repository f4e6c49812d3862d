#include "idleplayserver.h"

#include "freeport.h"
#include "nginxrtmpfixture.h"

#include <QFile>

using namespace Qt::StringLiterals;

namespace rd::bench {

IdlePlayServer::IdlePlayServer()
    : m_process(u"nginx-rtmp (idle_streams off)"_s)
{}

test::StartResult IdlePlayServer::start()
{
    using test::StartResult;
    if (!m_directory.isValid())
        return StartResult::failure(StartResult::Status::SetupFailed, u"no temporary directory"_s);
    if (test::findTool(u"nginx"_s).isEmpty())
        return StartResult::failure(StartResult::Status::ToolMissing, u"nginx is not installed"_s);

    // A port can be taken between picking and binding; a fresh one usually works.
    StartResult outcome = StartResult::failure(StartResult::Status::SetupFailed, u"not started"_s);
    for (int attempt = 0; attempt < 3; ++attempt) {
        m_port = test::FreePort::pick();
        const QString directory = m_directory.path();
        const QString configuration = uR"(load_module "%1";
daemon off;
master_process off;
worker_processes 1;
pid "%2/nginx.pid";
error_log "%2/error.log" info;
events {
    worker_connections 64;
}
rtmp {
    server {
        listen 127.0.0.1:%3;
        application live {
            live on;
            idle_streams off;
        }
    }
}
)"_s.arg(test::NginxRtmpFixture::modulePath(), directory, QString::number(m_port));
        QFile file(m_directory.filePath(u"nginx.conf"_s));
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(configuration.toUtf8()) < 0)
            return StartResult::failure(StartResult::Status::SetupFailed, file.errorString());
        file.close();

        outcome = m_process.start(u"nginx"_s,
                                  {u"-p"_s, directory + u'/', u"-c"_s, file.fileName(), u"-e"_s,
                                   m_directory.filePath(u"error.log"_s)},
                                  directory, m_directory.filePath(u"output.log"_s));
        if (!outcome.ok())
            return outcome;
        outcome = m_process.waitUntilListening(m_port);
        if (outcome.status != StartResult::Status::ExitedEarly)
            return outcome;
    }
    return outcome;
}

} // namespace rd::bench
