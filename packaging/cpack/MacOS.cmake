# macOS: TuyaScope.app (Info.plist and icon from cmake/TuyaScopeDesktop.cmake) with tuyascope-cli
# inside it, deployed by macdeployqt at install time: Qt's frameworks and plugins, and Homebrew's
# libcrypto (linked, so macdeployqt copies it into Contents/Frameworks and rewrites its install
# name). Then a drag-and-drop .dmg and a tarball.
if(TARGET tuyascope)
    set(deploy_script "${CMAKE_CURRENT_BINARY_DIR}/deploy-qt-macos.cmake")
    file(GENERATE OUTPUT "${deploy_script}" CONTENT "
include(\"${QT_DEPLOY_SUPPORT}\")
qt_deploy_runtime_dependencies(
    EXECUTABLE \"TuyaScope.app\"
    ADDITIONAL_EXECUTABLES \"TuyaScope.app/Contents/MacOS/$<TARGET_FILE_NAME:tuyascope-cli>\"
    NO_TRANSLATIONS)
")
    install(SCRIPT "${deploy_script}")
endif()

set(CPACK_GENERATOR "DragNDrop;TGZ")
set(CPACK_PACKAGE_FILE_NAME "TuyaScope-${PROJECT_VERSION}-macos-${CMAKE_SYSTEM_PROCESSOR}")
set(CPACK_DMG_VOLUME_NAME "TuyaScope")
set(CPACK_DMG_FORMAT "UDZO")
set(CPACK_PACKAGE_ICON "${CMAKE_CURRENT_SOURCE_DIR}/macos/tuyascope.icns")
