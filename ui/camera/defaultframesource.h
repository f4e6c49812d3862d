#pragma once

#include <QObject>

namespace rd {

class FrameSource;

// The real camera when this build has the camera check (RTMPDOCTOR_CAMERA), otherwise null.
FrameSource* createDefaultFrameSource(QObject* parent);
// False in a build configured with -DRTMPDOCTOR_CAMERA=OFF or without Qt Multimedia.
bool cameraCheckBuiltIn();

} // namespace rd
