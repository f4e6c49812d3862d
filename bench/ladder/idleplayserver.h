#pragma once

#include "managedprocess.h"
#include "testtools.h"

#include <QTemporaryDir>

namespace rd::bench {

// A second nginx-rtmp whose "live" application has `idle_streams off`: a
// player asking for a stream nobody publishes gets NetStream.Play.StreamNotFound
// and is disconnected at once. Against it rtmpdump ends as soon as its
// connect and play have been answered, which is the shortest run of a real
// client (against NginxRtmpFixture it instead waits -m seconds for media).
class IdlePlayServer
{
public:
    IdlePlayServer();

    test::StartResult start();
    quint16 port() const { return m_port; }

private:
    QTemporaryDir m_directory;
    test::ManagedProcess m_process;
    quint16 m_port = 0;
};

} // namespace rd::bench
