#!/usr/bin/env bash
# Compile-checks TuyaScope's Windows code paths on Linux: MinGW-w64's g++ (-fsyntax-only, so no
# Windows Qt is needed) against this machine's Qt 6 headers, with the Windows system headers.
#   bash packaging/windows/check-mingw-syntax.sh            core/platform/*Windows.cpp (CI)
#   bash packaging/windows/check-mingw-syntax.sh --all      every source of core/, app/ and ui/
# Needs g++-mingw-w64-x86-64-posix and the Qt 6 development packages (install-deps.sh).
# It proves the Windows files parse and type-check against the Win32 API and Qt; it does not
# link or run them.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
cxx="$(command -v x86_64-w64-mingw32-g++-posix || command -v x86_64-w64-mingw32-g++ || true)"
[[ -n "$cxx" ]] || { echo "check-mingw-syntax: no MinGW-w64 g++ (apt-get install g++-mingw-w64-x86-64-posix)" >&2; exit 1; }
qt="$(dirname "$(find /usr/include -maxdepth 3 -type d -name QtCore -path '*qt6*' | head -1)")"
[[ -d "$qt/QtCore" ]] || { echo "check-mingw-syntax: Qt 6 headers not found under /usr/include" >&2; exit 1; }
# OpenSSL and zlib headers are portable C; the host's glibc headers must stay out of the way.
extra="$(mktemp -d)"
trap 'rm -rf "$extra"' EXIT
mkdir -p "$extra/openssl"
cp -r /usr/include/openssl/. "$extra/openssl/"
cp -r /usr/include/"$(gcc -print-multiarch 2>/dev/null || echo x86_64-linux-gnu)"/openssl/. "$extra/openssl/" 2>/dev/null || true
cp /usr/include/zlib.h /usr/include/zconf.h "$extra/" 2>/dev/null || true

if [[ "${1:-}" == "--all" ]]; then
    mapfile -t files < <(find core app ui -name '*.cpp' ! -name '*Posix.cpp' | sort)
else
    mapfile -t files < <(ls core/platform/*Windows.cpp)
fi
flags=(-std=c++17 -fsyntax-only -Wall -Wextra -Wno-attributes -I core -I ui -I app/cli -I app/gui -I "$extra"
       -I "$qt" -I "$qt/QtCore" -I "$qt/QtGui" -I "$qt/QtWidgets" -I "$qt/QtNetwork" -I "$qt/QtSerialPort"
       -I "$qt/QtCharts" -DQT_NO_CAST_FROM_ASCII -DQT_NO_URL_CAST_FROM_STRING -DTUYASCOPE_VERSION=\"0\"
       -DTUYASCOPE_CLI_BUILD_DIR=\"cli\")
failed=0
for f in "${files[@]}"; do
    # Qt's headers configured for Linux declare a few symbols the Windows way and warn; only our
    # own files' warnings and every error count.
    out="$("$cxx" "${flags[@]}" "$f" 2>&1 | grep -E "^$f:[0-9]+:[0-9]+: (error|warning)|error:" || true)"
    if [[ -n "$out" ]]; then
        printf '%s\n' "$out"
        failed=$((failed + 1))
    fi
done
echo "check-mingw-syntax: ${#files[@]} file(s) checked for Windows, $failed with problems"
[[ $failed -eq 0 ]]
