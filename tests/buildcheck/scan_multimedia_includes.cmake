# Fails when a source of the wizard or the app outside ui/camera/multimedia/
# includes a Qt Multimedia header, which would break -DRTMPDOCTOR_CAMERA=OFF.
# ui/camera/defaultframesource.cpp is the one switch point; it includes the
# Multimedia source only under RTMPDOCTOR_HAVE_CAMERA (checked by the
# camera_off_frame_source test, which compiles it without that definition).
file(GLOB_RECURSE sources "${UI_DIR}/*.h" "${UI_DIR}/*.cpp" "${APP_DIR}/*.h" "${APP_DIR}/*.cpp")
set(offenders "")
set(scanned 0)
foreach(source IN LISTS sources)
    if(source MATCHES "/ui/camera/multimedia/" OR source MATCHES "/ui/camera/defaultframesource\\.cpp$")
        continue()
    endif()
    math(EXPR scanned "${scanned} + 1")
    file(STRINGS "${source}" hits
        REGEX "#[ \t]*include[ \t]*[<\"](QtMultimedia|QtMultimediaWidgets|QCamera|QMedia|QVideo|QAudio|QImageCapture|camera/multimedia/)")
    if(hits)
        list(APPEND offenders "${source}: ${hits}")
    endif()
endforeach()
if(offenders)
    message(FATAL_ERROR "Qt Multimedia outside ui/camera/multimedia/ (breaks RTMPDOCTOR_CAMERA=OFF):\n${offenders}")
endif()
if(scanned EQUAL 0)
    message(FATAL_ERROR "no sources found under ${UI_DIR} and ${APP_DIR}: the scan checked nothing")
endif()
message(STATUS "scanned ${scanned} ui/app sources: Qt Multimedia only under ui/camera/multimedia/")
