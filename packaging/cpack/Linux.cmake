# Linux: the desktop entry and icon, a tarball everywhere and a .deb on Debian and Ubuntu.
if(TARGET tuyascope)
    install(FILES tuyascope.desktop DESTINATION "${CMAKE_INSTALL_DATADIR}/applications")
    install(FILES tuyascope.svg DESTINATION "${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps")
endif()

set(CPACK_GENERATOR "TGZ")
if(EXISTS "/etc/debian_version")
    list(APPEND CPACK_GENERATOR "DEB")
endif()

# Debian: dependencies come from dpkg-shlibdeps (Qt, OpenSSL's libcrypto, zlib), so the package
# names follow whatever release builds it. libqt6gui6 carries the xcb platform plugin.
set(CPACK_DEBIAN_PACKAGE_NAME "tuyascope")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${TUYASCOPE_PACKAGE_MAINTAINER}")
set(CPACK_DEBIAN_PACKAGE_SECTION "electronics")
set(CPACK_DEBIAN_PACKAGE_PRIORITY "optional")
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# CPack puts the summary on the Description line; this is the long description under it.
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION "TuyaScope is a workbench for the two protocols of Tuya smart devices: the TuyaMCU UART
between a Wi-Fi module and the device's microcontroller, and the Tuya LAN protocol 3.1-3.5.
It opens captures in many formats (raw UART dumps, serial monitor hex text, Tasmota and
OpenBeken logs, pcap/pcapng), dissects every frame down to its bytes, decrypts LAN traffic
with the device's local key, and drives live devices and simulators.
The package holds the desktop window (tuyascope) and the command line (tuyascope-cli).")
if(NOT TARGET tuyascope)
    set(CPACK_DEBIAN_PACKAGE_DESCRIPTION "${CPACK_DEBIAN_PACKAGE_DESCRIPTION}
This build holds the command line only.")
endif()

