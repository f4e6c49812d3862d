#include "nginxrtmpfixture.h"

#include "freeport.h"

#include <QFile>
#include <QFileInfo>

using namespace Qt::StringLiterals;

namespace rd::test {

NginxRtmpFixture::NginxRtmpFixture()
    : NginxRtmpFixture(Options{})
{}

NginxRtmpFixture::NginxRtmpFixture(Options options)
    : ServerFixture(u"nginx-rtmp"_s)
    , m_options(options)
{
    addLogFile(errorLogPath());
}

QString NginxRtmpFixture::modulePath()
{
    const QString overridden = qEnvironmentVariable("RTMPDOCTOR_NGINX_RTMP_MODULE");
    return overridden.isEmpty() ? u"/usr/lib/nginx/modules/ngx_rtmp_module.so"_s : overridden;
}

QString NginxRtmpFixture::errorLogPath() const
{
    return filePath(u"error.log"_s);
}

QString NginxRtmpFixture::errorLog() const
{
    QFile file(errorLogPath());
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(file.readAll());
}

QUrl NginxRtmpFixture::urlFor(const QString& application, const QString& stream) const
{
    QUrl url;
    url.setScheme(u"rtmp"_s);
    url.setHost(u"127.0.0.1"_s);
    url.setPort(m_rtmpPort);
    url.setPath(u"/"_s + application + u"/"_s + stream);
    return url;
}

QString NginxRtmpFixture::configuration() const
{
    const QString dir = workDirectory();
    const qint64 idle = m_options.idleTimeout.count();
    // The callback location decides on the stream name alone, which nginx-rtmp
    // passes as ?name= because of `notify_method get`.
    return uR"(# written by rd::test::NginxRtmpFixture
load_module "%1";
daemon off;
master_process off;
worker_processes 1;
pid "%2/nginx.pid";
error_log "%2/error.log" info;

events {
    worker_connections 128;
}

rtmp {
    server {
        listen 127.0.0.1:%3;
        timeout %5s;
        ping %5s;
        ping_timeout %5s;
        notify_method get;

        application live {
            live on;
        }
        application denied {
            live on;
            deny publish all;
        }
        application callback {
            live on;
            on_publish http://127.0.0.1:%4/on_publish;
        }
    }
}

http {
    access_log "%2/access.log";
    client_body_temp_path "%2/client_body_temp";
    proxy_temp_path "%2/proxy_temp";
    fastcgi_temp_path "%2/fastcgi_temp";
    uwsgi_temp_path "%2/uwsgi_temp";
    scgi_temp_path "%2/scgi_temp";
    default_type text/plain;

    server {
        listen 127.0.0.1:%4;

        location = /on_publish {
            if ($arg_name ~ "^ok") {
                return 200 "publish allowed\n";
            }
            return 403 "publish refused\n";
        }
        location / {
            return 200 "RTMP Doctor test web page (plain HTTP, not RTMP)\n";
        }
    }
}
)"_s.arg(modulePath(), dir, QString::number(m_rtmpPort), QString::number(m_httpPort), QString::number(idle));
}

StartResult NginxRtmpFixture::startOnce()
{
    m_rtmpPort = FreePort::pick();
    m_httpPort = FreePort::pick();
    if (m_rtmpPort == 0 || m_httpPort == 0)
        return StartResult::failure(StartResult::Status::SetupFailed, u"no free loopback port"_s);

    if (StartResult written = writeTextFile(u"nginx.conf"_s, configuration()); !written.ok())
        return written;

    // -e: errors from before the configuration is read go to our log, not /var/log.
    const QStringList arguments = {
        u"-p"_s, workDirectory() + u"/"_s, u"-c"_s, filePath(u"nginx.conf"_s), u"-e"_s, errorLogPath()};
    if (StartResult launched = process().start(u"nginx"_s, arguments, workDirectory(), outputLogPath());
        !launched.ok())
        return launched;
    if (StartResult ready = process().waitUntilListening(m_rtmpPort); !ready.ok())
        return ready;
    return process().waitUntilListening(m_httpPort);
}

StartResult NginxRtmpFixture::start()
{
    if (findTool(u"nginx"_s).isEmpty()) {
        return StartResult::failure(StartResult::Status::ToolMissing,
                                    u"nginx is not installed (Debian packages: nginx libnginx-mod-rtmp)"_s);
    }
    if (!QFileInfo::exists(modulePath())) {
        return StartResult::failure(
            StartResult::Status::ToolMissing,
            u"the nginx RTMP module %1 is missing (Debian package: libnginx-mod-rtmp)"_s.arg(modulePath()));
    }
    return startWithRetries([this] { return startOnce(); });
}

} // namespace rd::test
