// Built from ui/camera/defaultframesource.cpp WITHOUT RTMPDOCTOR_HAVE_CAMERA and
// without Qt Multimedia, as -DRTMPDOCTOR_CAMERA=OFF builds it: it must compile,
// link and report that no camera source exists, so the page falls back to the
// manual checklist.
#include "camera/defaultframesource.h"

#include <QCoreApplication>

#include <cstdio>

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    if (rd::cameraCheckBuiltIn()) {
        std::fputs("cameraCheckBuiltIn() is true without RTMPDOCTOR_HAVE_CAMERA\n", stderr);
        return 1;
    }
    if (rd::createDefaultFrameSource(&app) != nullptr) {
        std::fputs("createDefaultFrameSource() made a source without RTMPDOCTOR_HAVE_CAMERA\n", stderr);
        return 1;
    }
    std::puts("camera check off: no frame source, manual checklist only");
    return 0;
}
