# Windows and macOS have no system Qt, so the package must carry the Qt
# libraries and plugins the app loads (platform, styles, SVG icons, TLS). Qt's
# deploy script runs windeployqt or macdeployqt during `cmake --install`, which
# is also what CPack runs. On Windows TLS uses Qt's Schannel backend, so no
# OpenSSL DLLs need shipping.
if(Qt6_VERSION VERSION_GREATER_EQUAL 6.5)
    qt_generate_deploy_app_script(TARGET rtmp-doctor
        OUTPUT_SCRIPT _rtmpdoctor_deploy_script
        NO_UNSUPPORTED_PLATFORM_ERROR)
else()
    qt_generate_deploy_app_script(TARGET rtmp-doctor
        FILENAME_VARIABLE _rtmpdoctor_deploy_script
        NO_UNSUPPORTED_PLATFORM_ERROR)
endif()
install(SCRIPT "${_rtmpdoctor_deploy_script}")
