#pragma once

#include "serverfixture.h"

#include <QUrl>

#include <chrono>

namespace rd::test {

// A real nginx with the Debian nginx-rtmp module (libnginx-mod-rtmp), run in
// the foreground as one process (daemon off, master_process off) with every
// file it writes inside the fixture's temporary directory.
//
// RTMP server on 127.0.0.1:rtmpPort() with these applications:
//   "live"     - anyone may publish and play;
//   "denied"   - `deny publish all`: nginx-rtmp answers the publish with
//                NetStream.Publish.Start and then closes the connection;
//   "callback" - on_publish asks http://127.0.0.1:httpPort()/on_publish
//                (GET, stream name in ?name=): 200 for names starting with
//                "ok", 403 otherwise; a refused publish ends with a FIN;
//   any other application: the handshake completes and nginx closes right
//                after `connect` ("application not found" in the error log).
// HTTP server on 127.0.0.1:httpPort(): every other path answers 200 with a
// short text/plain page (an HTTP server where an RTMP one was expected).
class NginxRtmpFixture : public ServerFixture
{
public:
    struct Options
    {
        // nginx-rtmp's `timeout` (silent clients are dropped after it) and
        // `ping`; nginx's default of 60 s is too slow for tests.
        std::chrono::seconds idleTimeout{10};
    };

    NginxRtmpFixture();
    explicit NginxRtmpFixture(Options options);

    StartResult start() override;

    quint16 rtmpPort() const { return m_rtmpPort; }
    quint16 httpPort() const { return m_httpPort; }
    // rtmp://127.0.0.1:<rtmpPort>/<application>/<stream>
    QUrl urlFor(const QString& application, const QString& stream) const;
    QString errorLogPath() const;
    // Current contents of nginx's error log (level info: connect, publish,
    // "application not found", notify results, ...).
    QString errorLog() const;

    // Where the module is looked for; RTMPDOCTOR_NGINX_RTMP_MODULE overrides.
    static QString modulePath();

private:
    StartResult startOnce();
    QString configuration() const;

    Options m_options;
    quint16 m_rtmpPort = 0;
    quint16 m_httpPort = 0;
};

} // namespace rd::test
