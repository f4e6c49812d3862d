#pragma once

#include "camera/frameanalysis.h"

#include <QString>

namespace rd {

// What the camera back end said when a camera would not open, in a form that does not need Qt
// Multimedia, so the classification is a plain function a test can feed row by row. Qt 6.4's
// QCamera::Error only knows NoError and CameraError; whether a camera is busy or forbidden is
// only in the back end's words (GStreamer passes on the V4L2 error: EBUSY, EACCES) and in the
// device node's permissions.
struct CameraErrorFacts
{
    int camerasListed = 0;             // QMediaDevices::videoInputs().size()
    bool deviceListed = true;          // the chosen camera is still among them
    bool deviceNodeUnreadable = false; // its /dev/video* exists but this user may not open it
    bool cameraAvailable = true;       // QCamera::isAvailable()
    bool errorRaised = false;          // QCamera::error() != QCamera::NoError
    QString errorText;                 // QCamera::errorString()
};

camera::CameraOpenFailure classifyCameraOpen(const CameraErrorFacts& facts);

} // namespace rd
