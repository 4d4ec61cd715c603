# Windows: everything beside the .exe files in bin/, then an NSIS installer and a zip
# (`cpack -G WIX` makes an .msi with the same tree).
#   Qt        windeployqt, run at install time through Qt's deploy support, for both programs
#   OpenSSL   libcrypto-3-x64.dll and zlib1.dll (when zlib is a DLL): CMake's runtime dependency
#             scan over both programs, looking in the bin/ folders beside their import libraries
#   MSVC      the C++ runtime DLLs, app-locally (InstallRequiredSystemLibraries)
set(TUYASCOPE_WINDOWS_PROGRAMS tuyascope-cli)
if(TARGET tuyascope)
    list(APPEND TUYASCOPE_WINDOWS_PROGRAMS tuyascope)
endif()

set(dll_dirs "")
foreach(library IN ITEMS "${OPENSSL_CRYPTO_LIBRARY}" "${ZLIB_LIBRARY_RELEASE}" "${ZLIB_LIBRARY}")
    if(library)
        get_filename_component(lib_dir "${library}" DIRECTORY)
        list(APPEND dll_dirs "${lib_dir}" "${lib_dir}/../bin")
    endif()
endforeach()
if(OPENSSL_ROOT_DIR)
    list(APPEND dll_dirs "${OPENSSL_ROOT_DIR}/bin")
endif()
install(TARGETS ${TUYASCOPE_WINDOWS_PROGRAMS}
        RUNTIME_DEPENDENCY_SET tuyascope_windows_dlls
        RUNTIME DESTINATION "${CMAKE_INSTALL_BINDIR}")
install(RUNTIME_DEPENDENCY_SET tuyascope_windows_dlls
        # Qt comes from windeployqt (with its plugins); the system's own DLLs stay where they are.
        PRE_EXCLUDE_REGEXES "^api-ms-" "^ext-ms-" "^Qt6" "^vcruntime" "^msvcp" "^ucrtbase"
        POST_EXCLUDE_REGEXES ".*[Ss]ystem32/.*" ".*[Ww]indows/.*"
        DIRECTORIES ${dll_dirs}
        RUNTIME DESTINATION "${CMAKE_INSTALL_BINDIR}")

set(deploy_script "${CMAKE_CURRENT_BINARY_DIR}/deploy-qt-windows.cmake")
set(deploy_main tuyascope-cli)
set(deploy_more "")
if(TARGET tuyascope)
    set(deploy_main tuyascope)
    set(deploy_more "ADDITIONAL_EXECUTABLES \"\${QT_DEPLOY_BIN_DIR}/$<TARGET_FILE_NAME:tuyascope-cli>\"")
endif()
file(GENERATE OUTPUT "${deploy_script}" CONTENT "
include(\"${QT_DEPLOY_SUPPORT}\")
qt_deploy_runtime_dependencies(
    EXECUTABLE \"\${QT_DEPLOY_BIN_DIR}/$<TARGET_FILE_NAME:${deploy_main}>\"
    ${deploy_more}
    GENERATE_QT_CONF
    NO_TRANSLATIONS)
")
install(SCRIPT "${deploy_script}")

set(CMAKE_INSTALL_SYSTEM_RUNTIME_DESTINATION "${CMAKE_INSTALL_BINDIR}")
include(InstallRequiredSystemLibraries)

set(CPACK_GENERATOR "NSIS;ZIP")
set(CPACK_PACKAGE_FILE_NAME "TuyaScope-${PROJECT_VERSION}-windows-x64")
set(CPACK_PACKAGE_EXECUTABLES "tuyascope;TuyaScope")
set(CPACK_CREATE_DESKTOP_LINKS "tuyascope")
set(CPACK_NSIS_PACKAGE_NAME "TuyaScope")
set(CPACK_NSIS_DISPLAY_NAME "TuyaScope ${PROJECT_VERSION}")
set(CPACK_NSIS_MUI_ICON "${CMAKE_CURRENT_SOURCE_DIR}/windows/tuyascope.ico")
set(CPACK_NSIS_MUI_UNIICON "${CMAKE_CURRENT_SOURCE_DIR}/windows/tuyascope.ico")
set(CPACK_NSIS_INSTALLED_ICON_NAME "bin\\\\tuyascope.exe")
set(CPACK_NSIS_ENABLE_UNINSTALL_BEFORE_INSTALL ON)
set(CPACK_NSIS_MODIFY_PATH ON) # offers to put bin\ (tuyascope-cli) on PATH
# WiX: this GUID identifies the product across versions; never change it.
set(CPACK_WIX_UPGRADE_GUID "5B0E3C1A-7F4D-4C2B-9A61-3D2E8F7B1C40")
set(CPACK_WIX_PRODUCT_ICON "${CMAKE_CURRENT_SOURCE_DIR}/windows/tuyascope.ico")
set(CPACK_WIX_PROGRAM_MENU_FOLDER "TuyaScope")
