# What makes an executable a proper program on each desktop, kept out of the app CMakeLists:
#   Windows  the icon and version resource (packaging/windows/tuyascope.rc.in); the window is a
#            GUI-subsystem program (no console window behind it)
#   macOS    the window is TuyaScope.app with Info.plist (packaging/macos/Info.plist.in) and icon
#   Linux    nothing: the .desktop entry and the SVG icon are installed by packaging/
#
#   tuyascope_desktop_program(<target> DESCRIPTION <text> [GUI])
set(TUYASCOPE_PACKAGING_DIR "${CMAKE_CURRENT_LIST_DIR}/../packaging")
get_filename_component(TUYASCOPE_PACKAGING_DIR "${TUYASCOPE_PACKAGING_DIR}" ABSOLUTE)

function(tuyascope_desktop_program target)
    cmake_parse_arguments(PARSE_ARGV 1 arg "GUI" "DESCRIPTION" "")
    if(WIN32)
        set(TUYASCOPE_ICO "${TUYASCOPE_PACKAGING_DIR}/windows/tuyascope.ico")
        set(TUYASCOPE_RC_DESCRIPTION "${arg_DESCRIPTION}")
        set(TUYASCOPE_RC_NAME "${target}")
        set(rc "${CMAKE_CURRENT_BINARY_DIR}/${target}.rc")
        configure_file("${TUYASCOPE_PACKAGING_DIR}/windows/tuyascope.rc.in" "${rc}" @ONLY)
        target_sources(${target} PRIVATE "${rc}")
        if(arg_GUI)
            set_target_properties(${target} PROPERTIES WIN32_EXECUTABLE ON)
        endif()
    elseif(APPLE AND arg_GUI)
        set(icns "${TUYASCOPE_PACKAGING_DIR}/macos/tuyascope.icns")
        target_sources(${target} PRIVATE "${icns}")
        set_source_files_properties("${icns}" PROPERTIES MACOSX_PACKAGE_LOCATION Resources)
        set_target_properties(${target} PROPERTIES
            MACOSX_BUNDLE ON
            OUTPUT_NAME TuyaScope
            MACOSX_BUNDLE_INFO_PLIST "${TUYASCOPE_PACKAGING_DIR}/macos/Info.plist.in"
            MACOSX_BUNDLE_BUNDLE_NAME TuyaScope
            MACOSX_BUNDLE_EXECUTABLE_NAME TuyaScope
            MACOSX_BUNDLE_GUI_IDENTIFIER org.tuyascope.TuyaScope
            MACOSX_BUNDLE_ICON_FILE tuyascope.icns
            MACOSX_BUNDLE_SHORT_VERSION_STRING "${PROJECT_VERSION}"
            MACOSX_BUNDLE_BUNDLE_VERSION "${PROJECT_VERSION}"
            MACOSX_BUNDLE_COPYRIGHT "TuyaScope developers")
    endif()
endfunction()
