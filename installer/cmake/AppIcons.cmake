# The SVG is the only source of the application icon. Every raster a platform
# wants (hicolor PNG sizes, a macOS .icns, a Windows .ico) is rendered from it
# at build time, so nothing drifts out of date and no PNGs live in resources/
# (ui/ compiles every PNG it finds there into the executable).
#
# Results, for the platform files included after this one:
#   RTMPDOCTOR_ICON_SIZES        the rendered square sizes, in pixels
#   RTMPDOCTOR_ICON_PNG_<size>   path of each rendered PNG
#   RTMPDOCTOR_ICNS_FILE         macOS only, when iconutil exists
#   RTMPDOCTOR_ICO_FILE          Windows only, when ImageMagick's magick exists

set(RTMPDOCTOR_ICON_SIZES 16 24 32 48 64 128 256 512)
if(APPLE)
    # The largest entry of an .icns is 512 px at 2x.
    list(APPEND RTMPDOCTOR_ICON_SIZES 1024)
endif()

set(RTMPDOCTOR_ICNS_FILE "")
set(RTMPDOCTOR_ICO_FILE "")

find_program(RTMPDOCTOR_RSVG_CONVERT rsvg-convert)
if(NOT RTMPDOCTOR_RSVG_CONVERT)
    message(WARNING "rsvg-convert not found (Debian: librsvg2-bin, Homebrew: librsvg): "
                    "packages get the SVG icon only, without PNG sizes, .icns or .ico")
    set(RTMPDOCTOR_ICON_SIZES "")
    return()
endif()

set(_icon_dir "${CMAKE_CURRENT_BINARY_DIR}/icons")
set(_icon_outputs "")
foreach(_size IN LISTS RTMPDOCTOR_ICON_SIZES)
    set(_png "${_icon_dir}/${_size}x${_size}/${RTMPDOCTOR_PACKAGE_NAME}.png")
    add_custom_command(OUTPUT "${_png}"
        COMMAND "${CMAKE_COMMAND}" -E make_directory "${_icon_dir}/${_size}x${_size}"
        COMMAND "${RTMPDOCTOR_RSVG_CONVERT}" --width ${_size} --height ${_size} --keep-aspect-ratio
                --format png --output "${_png}" "${RTMPDOCTOR_APP_ICON_SVG}"
        DEPENDS "${RTMPDOCTOR_APP_ICON_SVG}"
        COMMENT "Rendering the ${_size} px application icon"
        VERBATIM)
    set(RTMPDOCTOR_ICON_PNG_${_size} "${_png}")
    list(APPEND _icon_outputs "${_png}")
endforeach()

if(APPLE)
    find_program(RTMPDOCTOR_ICONUTIL iconutil)
    if(RTMPDOCTOR_ICONUTIL)
        # iconutil reads a folder whose file names state the point size and scale.
        set(_iconset "${_icon_dir}/${RTMPDOCTOR_PACKAGE_NAME}.iconset")
        set(_copies "")
        foreach(_points 16 32 128 256 512)
            math(EXPR _double "${_points} * 2")
            list(APPEND _copies
                COMMAND "${CMAKE_COMMAND}" -E copy "${RTMPDOCTOR_ICON_PNG_${_points}}"
                        "${_iconset}/icon_${_points}x${_points}.png"
                COMMAND "${CMAKE_COMMAND}" -E copy "${RTMPDOCTOR_ICON_PNG_${_double}}"
                        "${_iconset}/icon_${_points}x${_points}@2x.png")
        endforeach()
        set(RTMPDOCTOR_ICNS_FILE "${_icon_dir}/${RTMPDOCTOR_PACKAGE_NAME}.icns")
        add_custom_command(OUTPUT "${RTMPDOCTOR_ICNS_FILE}"
            COMMAND "${CMAKE_COMMAND}" -E make_directory "${_iconset}"
            ${_copies}
            COMMAND "${RTMPDOCTOR_ICONUTIL}" --convert icns --output "${RTMPDOCTOR_ICNS_FILE}" "${_iconset}"
            DEPENDS ${_icon_outputs}
            COMMENT "Assembling the macOS application icon"
            VERBATIM)
        list(APPEND _icon_outputs "${RTMPDOCTOR_ICNS_FILE}")
    else()
        message(WARNING "iconutil not found (it comes with Xcode): the app bundle has no icon")
    endif()
endif()

if(WIN32)
    find_program(RTMPDOCTOR_MAGICK magick)
    if(RTMPDOCTOR_MAGICK)
        # Windows picks the entry nearest to what it draws; 256 is the largest it uses.
        set(_ico_sizes "")
        foreach(_size 16 24 32 48 64 128 256)
            list(APPEND _ico_sizes "${RTMPDOCTOR_ICON_PNG_${_size}}")
        endforeach()
        set(RTMPDOCTOR_ICO_FILE "${_icon_dir}/${RTMPDOCTOR_PACKAGE_NAME}.ico")
        add_custom_command(OUTPUT "${RTMPDOCTOR_ICO_FILE}"
            COMMAND "${RTMPDOCTOR_MAGICK}" ${_ico_sizes} "${RTMPDOCTOR_ICO_FILE}"
            DEPENDS ${_ico_sizes}
            COMMENT "Assembling the Windows application icon"
            VERBATIM)
        list(APPEND _icon_outputs "${RTMPDOCTOR_ICO_FILE}")
    else()
        message(WARNING "ImageMagick's magick not found: the installer and the .exe keep default icons")
    endif()
endif()

add_custom_target(rtmpdoctor_app_icons ALL DEPENDS ${_icon_outputs})
