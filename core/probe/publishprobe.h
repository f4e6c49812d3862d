#pragma once

#include "handshakeprobe.h"

namespace rd {

// Opt-in check of the stream key without sending media: the handshake, connect, then
// releaseStream, FCPublish and createStream, then publish(key, "live") on the created stream,
// then publishGraceMs() of listening after NetStream.Publish.Start (nginx-rtmp's `deny publish`
// confirms and then closes). A started publish is ended with FCUnpublish + deleteStream and a
// clean close. The key goes to the server only: transcript, facts and messages mask it.
//
// Statuses: PublishStarted (facts publishCode, publishDescription, publishMs, streamId),
// PublishBadName ("Already publishing": the key is in use), PublishDenied (Denied, Rejected,
// Unauthorized or another error status), PublishClosedAfterPublish (facts closedAfter,
// publishStartSeen, closedBy), PublishNoReply (waitingFor); Skipped without a stream key; any
// connect, handshake or TCP status when it did not get that far.
class PublishProbe : public RtmpStageProbe
{
    Q_OBJECT

public:
    PublishProbe(QString probeId, ProbeTarget target, ProbeTimeouts timeouts, QObject* parent = nullptr);
    ~PublishProbe() override;

protected:
    void begin() override;
};

} // namespace rd
