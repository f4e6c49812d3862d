#pragma once

#include "handshakeprobe.h"

namespace rd {

// The handshake, then `connect` with app = target().application, tcUrl = target().tcUrl (or
// rtmp://host:port/app when empty), flashVer "FMLE/3.0 (compatible; RTMP Doctor)", type
// "nonprivate" -- the short form publishers send. The transcript shows every command decoded,
// with the stream key and token-shaped application segments masked.
//
// Statuses: ConnectSuccess (facts fmsVer, capabilities, code, level, description,
// objectEncoding, connectMs), ConnectRejected (code, description, and vendorSignature
// "red5-no-scope" / "ams-application-not-defined" / "wowza-application-missing" when the
// description says so), ConnectInvalidApp, ConnectFailed, ConnectAuthRequired (authMode
// "adobe" / "llnw", authReason), ConnectClosedSilently (closedBy "fin" / "reset" /
// "close-command" / "close-status"), ConnectNoReply, ConnectProtocolError (protocolError);
// any handshake or TCP status when the probe did not get that far (see RtmpStageProbe).
class ConnectProbe : public RtmpStageProbe
{
    Q_OBJECT

public:
    ConnectProbe(QString probeId, ProbeTarget target, ProbeTimeouts timeouts, QObject* parent = nullptr);
    ~ConnectProbe() override;
};

} // namespace rd
