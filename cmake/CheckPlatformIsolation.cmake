cmake_minimum_required(VERSION 3.21) # script mode: IN_LIST and friends
# ctest -R platform_isolation: operating-system specifics live in core/platform/ only.
# Fails when a POSIX- or Windows-only header, a call of their APIs, or a Q_OS_/_WIN32/__APPLE__
# switch appears in app/, core/, ui/ or tests/ outside:
#   core/platform/                      the platform layer itself (...Posix.cpp, ...Windows.cpp)
#   POSIX_ONLY_FILES                    tests built only on POSIX systems (pseudo-terminals, file
#                                       modes), listed in tests/CMakeLists.txt
#   cmake -DSOURCE_DIR=... -DPOSIX_ONLY_FILES="a;b" -P CheckPlatformIsolation.cmake
set(header_pattern "#[ \t]*include[ \t]*<(unistd\\.h|termios\\.h|fcntl\\.h|pty\\.h|util\\.h|poll\\.h|signal\\.h|csignal|dlfcn\\.h|pwd\\.h|grp\\.h|malloc\\.h|sys/[a-z_]+\\.h|mach-o/[a-z_]+\\.h|windows\\.h|aclapi\\.h|sddl\\.h|io\\.h|conio\\.h|winsock2?\\.h)>")
set(call_pattern "(::|[^A-Za-z0-9_.>])(pipe|fork|execv|execvp|isatty|tcgetpgrp|getpgrp|fcntl|chmod|fchmod|umask|openpty|getuid|geteuid|fstat|lstat|mkfifo|CreateProcessW?|SetConsoleCtrlHandler|GetStdHandle|CreateThread|SetNamedSecurityInfoW?)[ \t]*\\(")
set(global_call_pattern "(^|[^A-Za-z0-9_])::(read|write|close|open|dup|dup2|kill|raise|signal|sigaction|stat)[ \t]*\\(")
set(switch_pattern "(Q_OS_[A-Z0-9_]+|_WIN32|__APPLE__|__linux__|__unix__)")

file(GLOB_RECURSE sources
     "${SOURCE_DIR}/app/*.cpp" "${SOURCE_DIR}/app/*.h"
     "${SOURCE_DIR}/core/*.cpp" "${SOURCE_DIR}/core/*.h"
     "${SOURCE_DIR}/ui/*.cpp" "${SOURCE_DIR}/ui/*.h"
     "${SOURCE_DIR}/tests/*.cpp" "${SOURCE_DIR}/tests/*.h")
set(allowed "")
foreach(relative IN LISTS POSIX_ONLY_FILES)
    list(APPEND allowed "${SOURCE_DIR}/${relative}")
endforeach()

set(violations "")
set(checked 0)
foreach(src IN LISTS sources)
    if(src MATCHES "/core/platform/" OR src MATCHES "/node_modules/" OR src IN_LIST allowed)
        continue()
    endif()
    math(EXPR checked "${checked} + 1")
    # One list element per line: semicolons and brackets would otherwise split or join them.
    file(READ "${src}" content)
    string(REPLACE ";" "<semicolon>" content "${content}")
    string(REPLACE "[" "<open>" content "${content}")
    string(REPLACE "]" "<close>" content "${content}")
    string(REPLACE "\n" ";" lines "${content}")
    set(number 0)
    foreach(line IN LISTS lines)
        math(EXPR number "${number} + 1")
        string(REPLACE "<semicolon>" ";" line "${line}")
        string(REGEX REPLACE "//.*$" "" code "${line}") # comments may name anything
        if(code MATCHES "${header_pattern}" OR code MATCHES "${call_pattern}" OR code MATCHES "${global_call_pattern}" OR code MATCHES "${switch_pattern}")
            file(RELATIVE_PATH shown "${SOURCE_DIR}" "${src}")
            string(STRIP "${line}" stripped)
            string(REPLACE ";" "\\;" stripped "${stripped}")
            list(APPEND violations "  ${shown}:${number}: ${stripped}")
        endif()
    endforeach()
endforeach()
if(violations)
    list(JOIN violations "\n" text)
    string(REPLACE "<open>" "[" text "${text}")
    string(REPLACE "<close>" "]" text "${text}")
    message(FATAL_ERROR "platform-specific code outside core/platform/ (put it behind an interface there, "
                        "or list a POSIX-only test in tests/CMakeLists.txt):\n${text}")
endif()
message(STATUS "platform isolation: ${checked} files checked, none platform-specific outside core/platform/")
