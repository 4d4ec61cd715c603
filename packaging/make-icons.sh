#!/usr/bin/env bash
# Regenerates the Windows and macOS icons from tuyascope.svg (they are committed, so a build
# needs none of these tools): windows/tuyascope.ico and macos/tuyascope.icns.
#   apt-get install librsvg2-bin icoutils icnsutils && bash packaging/make-icons.sh
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
for size in 16 24 32 48 64 128 256 512 1024; do
    rsvg-convert -w "$size" -h "$size" "$here/tuyascope.svg" -o "$tmp/$size.png"
done
icotool -c -o "$here/windows/tuyascope.ico" "$tmp"/{16,24,32,48,64,128}.png -r "$tmp/256.png"
png2icns "$here/macos/tuyascope.icns" "$tmp"/{16,32,48,128,256,512,1024}.png >/dev/null
ls -l "$here/windows/tuyascope.ico" "$here/macos/tuyascope.icns"
