#include "defaultframesource.h"

#ifdef RTMPDOCTOR_HAVE_CAMERA
#include "camera/multimedia/qtcameraframesource.h"
#endif

namespace rd {

FrameSource* createDefaultFrameSource(QObject* parent)
{
#ifdef RTMPDOCTOR_HAVE_CAMERA
    return new QtCameraFrameSource(parent);
#else
    Q_UNUSED(parent);
    return nullptr;
#endif
}

bool cameraCheckBuiltIn()
{
#ifdef RTMPDOCTOR_HAVE_CAMERA
    return true;
#else
    return false;
#endif
}

} // namespace rd
