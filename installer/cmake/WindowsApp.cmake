# Explorer, the taskbar and every shortcut show the first icon resource of the
# .exe, so the icon is compiled into it.
if(RTMPDOCTOR_ICO_FILE)
    set(_icon_rc "${CMAKE_CURRENT_BINARY_DIR}/rtmp-doctor-icon.rc")
    file(WRITE "${_icon_rc}" "IDI_ICON1 ICON \"${RTMPDOCTOR_ICO_FILE}\"\n")
    target_sources(rtmp-doctor PRIVATE "${_icon_rc}")
    add_dependencies(rtmp-doctor rtmpdoctor_app_icons)
endif()
