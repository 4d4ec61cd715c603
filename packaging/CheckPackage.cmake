# ctest's packaging check: `cpack -G TGZ` into a scratch folder, then the archive must list the
# programs, the desktop entry, the icon, the README and the knowledge base's licence notice; the CPack configuration must ask for a
# .deb named tuyascope with dpkg-shlibdeps. Prints "SKIP:" (a skipped test) without cpack.
#   cmake -DCPACK_COMMAND=... -DBUILD_DIR=... -DSOURCE_DIR=... -DWITH_GUI=0|1 -P CheckPackage.cmake
if(NOT CPACK_COMMAND OR NOT EXISTS "${CPACK_COMMAND}")
    message("SKIP: cpack not found (${CPACK_COMMAND}); packaging not checked")
    return()
endif()
if(NOT EXISTS "${BUILD_DIR}/CPackConfig.cmake")
    message(FATAL_ERROR "no CPackConfig.cmake in ${BUILD_DIR}: configure first")
endif()

# The .deb settings, read from the generated configuration: building the .deb (dpkg-shlibdeps,
# stripping) is slow, so it is checked by hand before a release (README, "Packages").
file(READ "${BUILD_DIR}/CPackConfig.cmake" config)
foreach(expected IN ITEMS
        [[set(CPACK_DEBIAN_PACKAGE_NAME "tuyascope")]]
        [[set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS "ON")]]
        [[set(CPACK_DEBIAN_PACKAGE_SECTION "electronics")]])
    string(FIND "${config}" "${expected}" at)
    if(at EQUAL -1)
        message(FATAL_ERROR "CPackConfig.cmake lacks: ${expected}")
    endif()
endforeach()

set(scratch "${BUILD_DIR}/packaging-check")
file(REMOVE_RECURSE "${scratch}")
file(MAKE_DIRECTORY "${scratch}")
execute_process(COMMAND "${CPACK_COMMAND}" -G TGZ -B "${scratch}" --config "${BUILD_DIR}/CPackConfig.cmake"
                RESULT_VARIABLE result OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT result EQUAL 0)
    message(FATAL_ERROR "cpack -G TGZ failed (${result}):\n${out}\n${err}")
endif()
file(GLOB archives "${scratch}/*.tar.gz")
list(LENGTH archives count)
if(NOT count EQUAL 1)
    message(FATAL_ERROR "expected one .tar.gz in ${scratch}, found: ${archives}")
endif()
execute_process(COMMAND "${CMAKE_COMMAND}" -E tar tf "${archives}"
                RESULT_VARIABLE result OUTPUT_VARIABLE listing ERROR_VARIABLE err)
if(NOT result EQUAL 0)
    message(FATAL_ERROR "cannot list ${archives}: ${err}")
endif()

set(required bin/tuyascope-cli share/doc/tuyascope/README.md share/doc/tuyascope/LICENSE-tuya-local.md)
if(WITH_GUI)
    list(APPEND required bin/tuyascope share/applications/tuyascope.desktop
         share/icons/hicolor/scalable/apps/tuyascope.svg)
endif()
foreach(path IN LISTS required)
    if(NOT listing MATCHES "/${path}\n")
        message(FATAL_ERROR "${archives} lacks ${path}; it lists:\n${listing}")
    endif()
endforeach()
message(STATUS "${archives}: ${required}")

find_program(DESKTOP_FILE_VALIDATE desktop-file-validate)
if(DESKTOP_FILE_VALIDATE)
    execute_process(COMMAND "${DESKTOP_FILE_VALIDATE}" "${SOURCE_DIR}/packaging/tuyascope.desktop"
                    RESULT_VARIABLE result OUTPUT_VARIABLE out ERROR_VARIABLE err)
    if(NOT result EQUAL 0 OR NOT "${out}${err}" STREQUAL "")
        message(FATAL_ERROR "desktop-file-validate: ${out}${err}")
    endif()
    message(STATUS "tuyascope.desktop: valid")
else()
    message(STATUS "desktop-file-validate not installed (desktop-file-utils): the .desktop file is not validated")
endif()
file(REMOVE_RECURSE "${scratch}")
