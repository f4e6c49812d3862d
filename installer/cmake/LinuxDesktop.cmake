# What a Linux desktop needs to show RTMP Doctor in its menus and software
# centre: a desktop entry, hicolor icons, AppStream metadata, a man page, and
# the copyright file Debian expects next to every package's documentation.

# qt_standard_project_setup() gives installed binaries a $ORIGIN run path for
# libraries shipped beside them. This package uses the system's Qt and ships
# none, and Debian asks packages not to widen the library search path.
set_target_properties(rtmp-doctor PROPERTIES INSTALL_RPATH "")

install(FILES "linux/${RTMPDOCTOR_PACKAGE_NAME}.desktop"
    DESTINATION "${CMAKE_INSTALL_DATADIR}/applications")
install(FILES "linux/${RTMPDOCTOR_APPSTREAM_ID}.metainfo.xml"
    DESTINATION "${CMAKE_INSTALL_DATADIR}/metainfo")

set(_hicolor "${CMAKE_INSTALL_DATADIR}/icons/hicolor")
install(FILES "${RTMPDOCTOR_APP_ICON_SVG}"
    DESTINATION "${_hicolor}/scalable/apps"
    RENAME "${RTMPDOCTOR_PACKAGE_NAME}.svg")
foreach(_size IN LISTS RTMPDOCTOR_ICON_SIZES)
    # hicolor has no 1024 folder convention worth shipping; 512 is the largest used.
    if(_size GREATER 512)
        continue()
    endif()
    install(FILES "${RTMPDOCTOR_ICON_PNG_${_size}}" DESTINATION "${_hicolor}/${_size}x${_size}/apps")
endforeach()

# man-db reads compressed pages, and Debian policy asks for them: gzip -n keeps
# the file name and time stamp out, so rebuilds give identical bytes.
set(_man_page "${CMAKE_CURRENT_SOURCE_DIR}/linux/${RTMPDOCTOR_PACKAGE_NAME}.1")
find_program(RTMPDOCTOR_GZIP gzip)
if(RTMPDOCTOR_GZIP)
    set(_man_copy "${CMAKE_CURRENT_BINARY_DIR}/man/${RTMPDOCTOR_PACKAGE_NAME}.1")
    add_custom_command(OUTPUT "${_man_copy}.gz"
        COMMAND "${CMAKE_COMMAND}" -E copy "${_man_page}" "${_man_copy}"
        COMMAND "${RTMPDOCTOR_GZIP}" -9 -n -f "${_man_copy}"
        DEPENDS "${_man_page}"
        COMMENT "Compressing the man page"
        VERBATIM)
    add_custom_target(rtmpdoctor_man_page ALL DEPENDS "${_man_copy}.gz")
    install(FILES "${_man_copy}.gz" DESTINATION "${CMAKE_INSTALL_MANDIR}/man1")
else()
    install(FILES "${_man_page}" DESTINATION "${CMAKE_INSTALL_MANDIR}/man1")
endif()

install(FILES "${PROJECT_SOURCE_DIR}/LICENSE"
    DESTINATION "${CMAKE_INSTALL_DATADIR}/doc/${RTMPDOCTOR_PACKAGE_NAME}"
    RENAME copyright)
