#include "camerafailure.h"

#include <QStringList>

namespace rd {

using namespace Qt::StringLiterals;

namespace {

bool mentionsAny(const QString& text, const QStringList& words)
{
    for (const QString& word : words) {
        if (text.contains(word, Qt::CaseInsensitive))
            return true;
    }
    return false;
}

} // namespace

camera::CameraOpenFailure classifyCameraOpen(const CameraErrorFacts& facts)
{
    using camera::CameraOpenFailure;
    if (facts.camerasListed <= 0 || !facts.deviceListed)
        return CameraOpenFailure::NoCamera;
    if (facts.deviceNodeUnreadable)
        return CameraOpenFailure::PermissionDenied;
    // The words of strerror(EACCES/EPERM/EBUSY), GStreamer's v4l2src and the portals.
    if (mentionsAny(facts.errorText, {u"permission"_s, u"not permitted"_s, u"access denied"_s,
                                      u"not authorized"_s, u"EACCES"_s, u"EPERM"_s}))
        return CameraOpenFailure::PermissionDenied;
    if (mentionsAny(facts.errorText, {u"busy"_s, u"in use"_s, u"EBUSY"_s, u"used by another"_s}))
        return CameraOpenFailure::CameraBusy;
    if (facts.errorRaised || !facts.cameraAvailable)
        return CameraOpenFailure::OpenFailed;
    return CameraOpenFailure::None;
}

} // namespace rd
