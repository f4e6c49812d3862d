# The camera check (ui/camera) measures the user's real camera with Qt
# Multimedia. It is on wherever Qt Multimedia is installed (Debian:
# qt6-multimedia-dev) and can be turned off with -DRTMPDOCTOR_CAMERA=OFF; the
# wizard then offers the manual checklist only. The frame analysis itself
# (core/camera, rtmpdoctor_camera) needs no Multimedia and is always built.
# The preview paints QImages itself, so Qt Multimedia Widgets is not needed.
find_package(Qt6 6.4 QUIET COMPONENTS Multimedia)
if(Qt6Multimedia_FOUND)
    set(_rtmpdoctor_camera_default ON)
else()
    set(_rtmpdoctor_camera_default OFF)
endif()

option(RTMPDOCTOR_CAMERA "Measure the real camera with Qt Multimedia (needs Qt6 Multimedia)"
    ${_rtmpdoctor_camera_default})

if(RTMPDOCTOR_CAMERA AND NOT Qt6Multimedia_FOUND)
    message(FATAL_ERROR
        "RTMPDOCTOR_CAMERA is ON but Qt6 Multimedia (6.4 or later) was not found. "
        "Install it (Debian: apt-get install qt6-multimedia-dev) or configure with "
        "-DRTMPDOCTOR_CAMERA=OFF to build without the camera check.")
endif()

if(RTMPDOCTOR_CAMERA)
    message(STATUS "Camera check: on (Qt Multimedia ${Qt6Multimedia_VERSION})")
elseif(_rtmpdoctor_camera_default)
    message(STATUS "Camera check: off (RTMPDOCTOR_CAMERA=OFF); the wizard shows the manual checklist only")
else()
    message(STATUS "Camera check: off, Qt6 Multimedia not found (Debian: qt6-multimedia-dev); "
                   "the wizard shows the manual checklist only")
endif()

# Sources under ui/camera/multimedia/ use Qt Multimedia: ui/CMakeLists.txt
# compiles them, links Qt Multimedia and defines RTMPDOCTOR_HAVE_CAMERA=1 (for
# the ui library and everything linking it) only when the camera check is on.
