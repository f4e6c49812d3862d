// Shadows Qt's own header for code built as part of core/ (see RtmpDoctorPolicy.cmake).
#error "core/ must not depend on Qt Widgets: move this code to ui/"
