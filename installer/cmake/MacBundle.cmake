# The Info.plist of the app bundle is filled from these properties by the
# template Qt (or CMake) provides; there is no hand-written plist to keep in step.
get_target_property(_bundle_name rtmp-doctor OUTPUT_NAME)
set_target_properties(rtmp-doctor PROPERTIES
    MACOSX_BUNDLE_BUNDLE_NAME "${RTMPDOCTOR_DISPLAY_NAME}"
    MACOSX_BUNDLE_GUI_IDENTIFIER "${RTMPDOCTOR_BUNDLE_ID}"
    MACOSX_BUNDLE_BUNDLE_VERSION "${PROJECT_VERSION}"
    MACOSX_BUNDLE_SHORT_VERSION_STRING "${PROJECT_VERSION}"
    MACOSX_BUNDLE_INFO_STRING "${PROJECT_DESCRIPTION}"
    MACOSX_BUNDLE_COPYRIGHT "Copyright (c) 2026 ${RTMPDOCTOR_VENDOR}. MIT License.")

if(RTMPDOCTOR_ICNS_FILE)
    set_target_properties(rtmp-doctor PROPERTIES MACOSX_BUNDLE_ICON_FILE "${RTMPDOCTOR_PACKAGE_NAME}.icns")
    # Copied at install time rather than as a bundle source of the target: the
    # icon is generated here, and a generated source cannot cross into app/.
    install(FILES "${RTMPDOCTOR_ICNS_FILE}" DESTINATION "${_bundle_name}.app/Contents/Resources")
endif()
