# One set of CPack settings for every platform; the generator list picks the
# package formats a user of that platform expects.
set(CPACK_PACKAGE_NAME "${RTMPDOCTOR_PACKAGE_NAME}")
set(CPACK_PACKAGE_VENDOR "${RTMPDOCTOR_VENDOR}")
set(CPACK_PACKAGE_CONTACT "${RTMPDOCTOR_MAINTAINER}")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_PACKAGE_HOMEPAGE_URL "${PROJECT_HOMEPAGE_URL}")
set(CPACK_PACKAGE_INSTALL_DIRECTORY "${RTMPDOCTOR_DISPLAY_NAME}")
set(CPACK_RESOURCE_FILE_LICENSE "${PROJECT_SOURCE_DIR}/LICENSE")
set(CPACK_STRIP_FILES ON)
set(CPACK_PACKAGE_CHECKSUM SHA256)

# --- Linux: a .deb for Debian and Ubuntu, a .tar.gz for everything else.
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION "video")
set(CPACK_DEBIAN_PACKAGE_PRIORITY "optional")
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${RTMPDOCTOR_MAINTAINER}")
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "${PROJECT_HOMEPAGE_URL}")
# The summary above is the synopsis line; this is the extended description.
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION
    "RTMP Doctor is a troubleshooting wizard for broadcasters whose live stream
does not reach the streaming service, and for the help desks that talk them
through it. It reads the ingest address the way the encoder will, points out
what is wrong with it (wrong port, protocol the encoder cannot send, stream
key in the wrong place, retired service) and explains what to change.
The stream key never leaves the computer and is hidden in everything the
program prints. The same checks run in a terminal with rtmp-doctor lint.")
# dpkg-shlibdeps sees the libraries the binary links. It cannot see what Qt
# loads at run time: the SVG icon engine and image plugin (libqt6svg6 on
# Debian 12) and OpenSSL, which Qt's TLS plugin opens with dlopen. The xcb and
# offscreen platform plugins ship in libqt6gui6 and the TLS plugin in
# libqt6network6, both of which the binary links, so shlibdeps covers them.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "libqt6svg6 (>= 6.4), libssl3")
# Without qt6-wayland the wizard still opens on Wayland, through XWayland; the
# CA bundle lets the RTMPS checks verify certificates.
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS
    "ca-certificates, qt6-wayland, gstreamer1.0-plugins-base, gstreamer1.0-plugins-good")

# --- Windows: an NSIS installer with a Start-menu shortcut, and a portable .zip.
set(CPACK_PACKAGE_EXECUTABLES "${RTMPDOCTOR_PACKAGE_NAME};${RTMPDOCTOR_DISPLAY_NAME}")
set(CPACK_NSIS_PACKAGE_NAME "${RTMPDOCTOR_DISPLAY_NAME}")
set(CPACK_NSIS_DISPLAY_NAME "${RTMPDOCTOR_DISPLAY_NAME}")
# A fixed key (the default contains the version) lets a new version find and
# uninstall the old one instead of installing beside it.
set(CPACK_PACKAGE_INSTALL_REGISTRY_KEY "${RTMPDOCTOR_DISPLAY_NAME}")
set(CPACK_NSIS_ENABLE_UNINSTALL_BEFORE_INSTALL ON)
set(CPACK_NSIS_INSTALL_ROOT "$PROGRAMFILES64")
set(CPACK_NSIS_INSTALLED_ICON_NAME "bin\\\\${RTMPDOCTOR_PACKAGE_NAME}.exe")
set(CPACK_NSIS_MUI_FINISHPAGE_RUN "${RTMPDOCTOR_PACKAGE_NAME}.exe")
set(CPACK_NSIS_URL_INFO_ABOUT "${PROJECT_HOMEPAGE_URL}")
set(CPACK_NSIS_HELP_LINK "${PROJECT_HOMEPAGE_URL}")
set(CPACK_NSIS_CONTACT "${RTMPDOCTOR_MAINTAINER}")
if(RTMPDOCTOR_ICO_FILE)
    file(TO_NATIVE_PATH "${RTMPDOCTOR_ICO_FILE}" _native_ico)
    set(CPACK_NSIS_MUI_ICON "${_native_ico}")
    set(CPACK_NSIS_MUI_UNIICON "${_native_ico}")
endif()

# --- macOS: a disk image to drag the app bundle from.
set(CPACK_DMG_VOLUME_NAME "${RTMPDOCTOR_DISPLAY_NAME}")

if(WIN32)
    set(CPACK_GENERATOR "NSIS;ZIP")
elseif(APPLE)
    set(CPACK_GENERATOR "DragNDrop")
else()
    set(CPACK_GENERATOR "DEB;TGZ")
endif()

include(CPack)
