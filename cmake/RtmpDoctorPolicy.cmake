# One INTERFACE target carries the language level, the warnings and the Qt
# policy. Every target of the project links it; nothing sets flags elsewhere.
add_library(rtmpdoctor_policy INTERFACE)
add_library(RtmpDoctor::Policy ALIAS rtmpdoctor_policy)

target_compile_features(rtmpdoctor_policy INTERFACE cxx_std_20)
set(CMAKE_CXX_EXTENSIONS OFF)

target_compile_definitions(rtmpdoctor_policy INTERFACE
    QT_NO_CAST_FROM_ASCII
    QT_NO_CAST_TO_ASCII
    QT_NO_CONTEXTLESS_CONNECT
    QT_NO_NARROWING_CONVERSIONS_IN_CONNECT
    QT_NO_URL_CAST_FROM_STRING
    QT_NO_FOREACH
    QT_DISABLE_DEPRECATED_UP_TO=0x060400
    RTMPDOCTOR_VERSION_STRING="${PROJECT_VERSION}")

if(CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
    target_compile_options(rtmpdoctor_policy INTERFACE
        -Wall -Wextra -Wpedantic -Wnon-virtual-dtor -Woverloaded-virtual
        -Wcast-align -Wimplicit-fallthrough)
    if(RTMPDOCTOR_WERROR)
        target_compile_options(rtmpdoctor_policy INTERFACE -Werror)
    endif()
elseif(MSVC)
    target_compile_options(rtmpdoctor_policy INTERFACE /W4 /permissive- /utf-8)
    if(RTMPDOCTOR_WERROR)
        target_compile_options(rtmpdoctor_policy INTERFACE /WX)
    endif()
endif()

if(RTMPDOCTOR_SANITIZE)
    if("thread" IN_LIST RTMPDOCTOR_SANITIZE AND "address" IN_LIST RTMPDOCTOR_SANITIZE)
        message(FATAL_ERROR "RTMPDOCTOR_SANITIZE: 'thread' cannot be combined with 'address'")
    endif()
    list(JOIN RTMPDOCTOR_SANITIZE "," _rtmpdoctor_sanitizers)
    target_compile_options(rtmpdoctor_policy INTERFACE
        -fsanitize=${_rtmpdoctor_sanitizers} -fno-omit-frame-pointer -fno-sanitize-recover=all -g)
    target_link_options(rtmpdoctor_policy INTERFACE -fsanitize=${_rtmpdoctor_sanitizers})
endif()

# core/ is the engine; it must never see Qt Widgets. Qt's include root is
# shared by all modules, so <QtWidgets/QWidget> would otherwise resolve even
# though core does not link Widgets. A directory searched first shadows the
# header every QtWidgets header includes with an #error.
function(rtmpdoctor_forbid_widgets target)
    target_include_directories(${target} BEFORE PRIVATE
        "${PROJECT_SOURCE_DIR}/cmake/forbidden-in-core")
endfunction()
