#!/usr/bin/env bash
# Installs what TuyaScope needs to build and test on Debian 12 / Ubuntu 22.04+, and only what is
# missing. On other systems it prints what to install instead.
#   bash packaging/install-deps.sh            build + test dependencies
#   bash packaging/install-deps.sh --fuzz     also clang for the libFuzzer targets
# The interop tests also need Node.js: node and npm come from Debian when either command is
# missing, then tests/interop's pinned npm packages (tuyapi, @tuyapi/stub) are installed with
# `npm ci` when tests/interop/node_modules is missing or older than the lockfile.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
interop="$root/tests/interop"

# npm ci for tests/interop, only when node_modules is missing or older than package-lock.json.
install_interop_modules() {
    if ! command -v npm >/dev/null 2>&1; then
        echo "install-deps: npm not found; the interop tests will be skipped" >&2
        return 0
    fi
    local stamp="$interop/node_modules/.package-lock.json"
    if [[ -f "$stamp" && ! "$interop/package-lock.json" -nt "$stamp" ]]; then
        echo "install-deps: tests/interop/node_modules is up to date"
        return 0
    fi
    echo "install-deps: npm ci --prefix tests/interop"
    npm ci --prefix "$interop" --no-audit --no-fund
    touch "$stamp"
}

packages=(cmake ninja-build g++ pkg-config ccache ca-certificates qt6-base-dev qt6-base-dev-tools qt6-serialport-dev
          qt6-charts-dev libqt6opengl6-dev libssl-dev zlib1g-dev tshark tcpdump dpkg-dev file desktop-file-utils
          python3-yaml) # PyYAML: tst_dp_mapping reads the ESPHome export with a real YAML parser
if [[ "${1:-}" == "--fuzz" ]]; then
    packages+=(clang libclang-rt-dev)
fi

if ! command -v apt-get >/dev/null 2>&1 || ! command -v dpkg-query >/dev/null 2>&1; then
    cat <<'MSG'
This is not a Debian/Ubuntu system; install these yourself, then run the cmake commands:
  CMake >= 3.21, Ninja, a C++17 compiler, Qt >= 6.4 (Core, Network, SerialPort, Test; Widgets and Charts for the window),
  OpenSSL 3 (libcrypto), zlib, tshark (Wireshark's CLI), tcpdump and Node.js with npm (all three
  used by the interop tests; npm packages are installed below when npm is present).
  Fedora:  dnf install cmake ninja-build gcc-c++ qt6-qtbase-devel qt6-qtserialport-devel qt6-qtcharts-devel openssl-devel zlib-devel wireshark-cli tcpdump nodejs npm python3-pyyaml
  Arch:    pacman -S cmake ninja gcc qt6-base qt6-serialport qt6-charts openssl zlib wireshark-cli tcpdump nodejs npm python-yaml
  macOS:   brew install cmake ninja qt openssl@3 wireshark tcpdump node
  Windows: Qt online installer (6.4+ with Serial Port and Charts), CMake, Ninja, OpenSSL 3, Wireshark, Node.js
MSG
    install_interop_modules
    exit 0
fi

missing=()
for p in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$p")
    fi
done
# Node.js may come from elsewhere (nodesource, nvm): only the commands are checked.
if ! command -v node >/dev/null 2>&1; then
    missing+=(nodejs)
fi
if ! command -v npm >/dev/null 2>&1; then
    missing+=(npm)
fi
if [[ ${#missing[@]} -eq 0 ]]; then
    echo "install-deps: everything is installed"
    install_interop_modules
    exit 0
fi
echo "install-deps: installing ${missing[*]}"
sudo_cmd=()
if [[ $(id -u) -ne 0 ]]; then
    if command -v sudo >/dev/null 2>&1; then
        sudo_cmd=(sudo)
    else
        echo "install-deps: run as root or install: apt-get install ${missing[*]}" >&2
        exit 1
    fi
fi
export DEBIAN_FRONTEND=noninteractive
if ! "${sudo_cmd[@]}" apt-get update -qq; then
    echo "install-deps: apt-get update failed: check the network and /etc/apt/sources.list*" >&2
    exit 1
fi
if ! "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"; then
    # Name what this system's package sources do not have, rather than leave a wall of apt output.
    unavailable=()
    for p in "${missing[@]}"; do
        if ! apt-cache policy "$p" 2>/dev/null | grep -q 'Candidate: [^(]'; then
            unavailable+=("$p")
        fi
    done
    if [[ ${#unavailable[@]} -gt 0 ]]; then
        echo "install-deps: not available from this system's package sources: ${unavailable[*]}" >&2
        echo "install-deps: Debian 12 (bookworm) and Ubuntu 22.04 or later have them (Ubuntu: enable 'universe')" >&2
    else
        echo "install-deps: apt-get install failed for: ${missing[*]}" >&2
    fi
    exit 1
fi
hash -r
install_interop_modules
