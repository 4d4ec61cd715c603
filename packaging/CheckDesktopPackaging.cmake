cmake_minimum_required(VERSION 3.21) # script mode: IN_LIST and friends
# ctest -R packaging_desktop: what the Windows and macOS packages are made of, checked on any
# system (their generators run only there, in .github/workflows/desktop.yml):
#   the .ico and .icns are well-formed and hold the sizes the shells ask for;
#   the Windows resource script and the Info.plist configure with every placeholder filled, and
#   the plist parses (python3's plistlib, when python3 is there);
#   cpack/Windows.cmake and cpack/MacOS.cmake name their generators, deploy tools and icons;
#   the workflow definition parses (PyYAML, when installed) and builds, tests and packages on both.
#   cmake -DSOURCE_DIR=... -DBUILD_DIR=... [-DPYTHON=...] -P CheckDesktopPackaging.cmake
set(pkg "${SOURCE_DIR}/packaging")
set(scratch "${BUILD_DIR}/packaging-desktop-check")
file(REMOVE_RECURSE "${scratch}")
file(MAKE_DIRECTORY "${scratch}")

function(read_u16le hex offset out) # offset in bytes
    math(EXPR at "${offset} * 2")
    string(SUBSTRING "${hex}" ${at} 4 bytes)
    string(SUBSTRING "${bytes}" 0 2 lo)
    string(SUBSTRING "${bytes}" 2 2 hi)
    math(EXPR value "0x${hi}${lo}")
    set(${out} ${value} PARENT_SCOPE)
endfunction()

# --- Windows icon: ICONDIR (reserved 0, type 1, count), 16-byte entries (width 0 = 256) -----
file(READ "${pkg}/windows/tuyascope.ico" ico HEX)
string(SUBSTRING "${ico}" 0 8 magic)
if(NOT magic STREQUAL "00000100")
    message(FATAL_ERROR "windows/tuyascope.ico is not an icon file (starts ${magic})")
endif()
read_u16le("${ico}" 4 count)
set(widths "")
math(EXPR last "${count} - 1")
foreach(i RANGE ${last})
    math(EXPR at "(6 + ${i} * 16) * 2")
    string(SUBSTRING "${ico}" ${at} 2 w)
    math(EXPR w "0x${w}")
    if(w EQUAL 0)
        set(w 256)
    endif()
    list(APPEND widths ${w})
endforeach()
foreach(size IN ITEMS 16 32 48 256)
    if(NOT size IN_LIST widths)
        message(FATAL_ERROR "windows/tuyascope.ico lacks ${size}x${size} (has ${widths})")
    endif()
endforeach()
message(STATUS "tuyascope.ico: ${count} images (${widths})")

# --- macOS icon: 'icns', big-endian total length, then typed chunks -------------------------
file(READ "${pkg}/macos/tuyascope.icns" icns HEX)
file(SIZE "${pkg}/macos/tuyascope.icns" icns_size)
string(SUBSTRING "${icns}" 0 8 magic)
string(SUBSTRING "${icns}" 8 8 length_hex)
math(EXPR length "0x${length_hex}")
if(NOT magic STREQUAL "69636e73" OR NOT length EQUAL icns_size)
    message(FATAL_ERROR "macos/tuyascope.icns is not a whole icns file (magic ${magic}, length ${length} of ${icns_size})")
endif()
# ic10 (1024), ic09 (512), ic08 (256), it32 (128): what Finder and the Dock use, Retina included.
foreach(type IN ITEMS 69633130 69633039 69633038 69743332)
    string(FIND "${icns}" "${type}" at)
    if(at EQUAL -1)
        message(FATAL_ERROR "macos/tuyascope.icns lacks the chunk ${type}")
    endif()
endforeach()
message(STATUS "tuyascope.icns: ${icns_size} bytes, 128-1024 px chunks present")

# --- the Windows resource script --------------------------------------------------------------
set(PROJECT_VERSION_MAJOR 1)
set(PROJECT_VERSION_MINOR 2)
set(PROJECT_VERSION_PATCH 3)
set(PROJECT_VERSION 1.2.3)
set(TUYASCOPE_ICO "${pkg}/windows/tuyascope.ico")
set(TUYASCOPE_RC_DESCRIPTION "TuyaScope")
set(TUYASCOPE_RC_NAME tuyascope)
configure_file("${pkg}/windows/tuyascope.rc.in" "${scratch}/tuyascope.rc" @ONLY)
file(READ "${scratch}/tuyascope.rc" rc)
if(rc MATCHES "@[A-Z_]+@" OR NOT rc MATCHES "FILEVERSION 1,2,3,0" OR NOT rc MATCHES "ICON \"[^\"]+tuyascope.ico\"")
    message(FATAL_ERROR "tuyascope.rc.in does not configure completely:\n${rc}")
endif()

# --- Info.plist -------------------------------------------------------------------------------
set(MACOSX_BUNDLE_EXECUTABLE_NAME TuyaScope)
set(MACOSX_BUNDLE_ICON_FILE tuyascope.icns)
set(MACOSX_BUNDLE_GUI_IDENTIFIER org.tuyascope.TuyaScope)
set(MACOSX_BUNDLE_BUNDLE_NAME TuyaScope)
set(MACOSX_BUNDLE_SHORT_VERSION_STRING 1.2.3)
set(MACOSX_BUNDLE_BUNDLE_VERSION 1.2.3)
set(MACOSX_BUNDLE_COPYRIGHT "TuyaScope developers")
configure_file("${pkg}/macos/Info.plist.in" "${scratch}/Info.plist")
file(READ "${scratch}/Info.plist" plist)
if(plist MATCHES "\\$\\{")
    message(FATAL_ERROR "Info.plist.in leaves a placeholder:\n${plist}")
endif()
# The names the desktop helper sets must be the ones the template reads.
file(READ "${SOURCE_DIR}/cmake/TuyaScopeDesktop.cmake" desktop)
foreach(key IN ITEMS MACOSX_BUNDLE_EXECUTABLE_NAME MACOSX_BUNDLE_ICON_FILE MACOSX_BUNDLE_GUI_IDENTIFIER
                     MACOSX_BUNDLE_SHORT_VERSION_STRING MACOSX_BUNDLE_BUNDLE_VERSION)
    if(NOT desktop MATCHES "${key} ")
        message(FATAL_ERROR "cmake/TuyaScopeDesktop.cmake does not set ${key}, which Info.plist.in reads")
    endif()
endforeach()
if(PYTHON)
    execute_process(COMMAND "${PYTHON}" -c [[
import plistlib, sys
p = plistlib.load(open(sys.argv[1], 'rb'))
assert p['CFBundleExecutable'] == 'TuyaScope', p['CFBundleExecutable']
assert p['CFBundleIconFile'] == 'tuyascope.icns'
assert p['CFBundlePackageType'] == 'APPL'
assert p['NSHighResolutionCapable'] is True
assert 'pcapng' in p['CFBundleDocumentTypes'][0]['CFBundleTypeExtensions']
print('Info.plist: %d keys' % len(p))
]] "${scratch}/Info.plist" RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
    if(NOT rc EQUAL 0)
        message(FATAL_ERROR "Info.plist does not parse as a property list: ${err}")
    endif()
    message(STATUS "${out}")
endif()

# --- the CPack configurations of the two desktops ----------------------------------------------
file(READ "${pkg}/cpack/Windows.cmake" windows)
foreach(expected IN ITEMS [[set(CPACK_GENERATOR "NSIS;ZIP")]] "qt_deploy_runtime_dependencies"
                          "InstallRequiredSystemLibraries" "RUNTIME_DEPENDENCY_SET" "windows/tuyascope.ico")
    string(FIND "${windows}" "${expected}" at)
    if(at EQUAL -1)
        message(FATAL_ERROR "cpack/Windows.cmake lacks ${expected}")
    endif()
endforeach()
set(hex4 "[0-9A-F][0-9A-F][0-9A-F][0-9A-F]")
if(NOT windows MATCHES "CPACK_WIX_UPGRADE_GUID \"${hex4}${hex4}-${hex4}-${hex4}-${hex4}-${hex4}${hex4}${hex4}\"")
    message(FATAL_ERROR "cpack/Windows.cmake: CPACK_WIX_UPGRADE_GUID is not a GUID")
endif()
file(READ "${pkg}/cpack/MacOS.cmake" macos)
foreach(expected IN ITEMS [[set(CPACK_GENERATOR "DragNDrop;TGZ")]] "qt_deploy_runtime_dependencies"
                          "TuyaScope.app/Contents/MacOS/" "macos/tuyascope.icns")
    string(FIND "${macos}" "${expected}" at)
    if(at EQUAL -1)
        message(FATAL_ERROR "cpack/MacOS.cmake lacks ${expected}")
    endif()
endforeach()

# --- the workflow for Windows and macOS runners -------------------------------------------------
if(PYTHON)
    execute_process(COMMAND "${PYTHON}" -c [[
import sys
try:
    import yaml
except ImportError:
    print('PyYAML not installed: workflow not parsed'); sys.exit(0)
w = yaml.safe_load(open(sys.argv[1]))
jobs = w['jobs']
for job, runner, packager in (('windows', 'windows', 'cpack -G NSIS'), ('macos', 'macos', 'cpack -G DragNDrop')):
    j = jobs[job]
    assert j['runs-on'].startswith(runner), j['runs-on']
    runs = '\n'.join(s.get('run', '') for s in j['steps'])
    for needed in ('cmake --preset release', 'cmake --build --preset release', 'ctest --preset release', packager):
        assert needed in runs, (job, needed)
print('workflow: jobs %s' % ', '.join(sorted(jobs)))
]] "${SOURCE_DIR}/.github/workflows/desktop.yml" RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
    if(NOT rc EQUAL 0)
        message(FATAL_ERROR ".github/workflows/desktop.yml: ${err}")
    endif()
    message(STATUS "${out}")
endif()
file(REMOVE_RECURSE "${scratch}")
