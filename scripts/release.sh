#!/usr/bin/env bash
# `make release`: builds, on this Linux machine, everything a release of
# Chỉ Số needs, into dist/ (version and build from FyneApp.toml):
#
#   chiso-<version>-linux-<arch>.tar.xz       Linux desktop package (fyne package)
#   chiso.exe                                 windows/amd64 app, windowed, with icon,
#                                             version information and manifest (fyne package)
#   chiso-cli.exe                             its console companion (cmd/chiso-cli)
#   chiso-<version>-setup.exe                 installer (NSIS, scripts/windows/installer.nsi)
#   chiso-<version>-windows-portable.zip      ChiSo\chiso.exe, chiso-cli.exe and the
#                                             `portable` marker: data kept in ChiSo\data
#   SHA256SUMS                                checksums of every file above
#
# Needs: scripts/deps.sh build windows. The first Windows build compiles
# GLFW with MinGW (about 7 minutes on 2 cores); Go's build cache keeps it.
# Env:   RELEASE_SKIP_LINUX=1   leave out the Linux tarball (the Windows test stage)
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
DIST="$ROOT/dist"
TOML="$ROOT/FyneApp.toml"

field() { sed -n "s/^[[:space:]]*$1[[:space:]]*=[[:space:]]*\"\{0,1\}\([^\"]*\)\"\{0,1\}.*/\1/p" "$TOML" | head -n 1 | sed 's/[[:space:]]*$//'; }
VERSION=$(field Version)
BUILD=$(field Build)
[ -n "$VERSION" ] && [ -n "$BUILD" ] || { echo "release: no Version or Build in FyneApp.toml" >&2; exit 1; }
IFS=. read -r v1 v2 v3 _ <<<"$VERSION"
WINVERSION="${v1:-0}.${v2:-0}.${v3:-0}.$BUILD"

for tool in makensis zip convert x86_64-w64-mingw32-gcc; do
  command -v "$tool" >/dev/null || { echo "release: '$tool' not found; run scripts/deps.sh windows" >&2; exit 1; }
done

STAGE=$(mktemp -d "${TMPDIR:-/tmp}/chiso-release.XXXXXX")
trap 'rm -rf "$STAGE"' EXIT

mkdir -p "$DIST"
rm -f "$DIST"/chiso-*.tar.xz "$DIST"/chiso.exe "$DIST"/chiso-cli.exe "$DIST"/chiso-*-setup.exe \
  "$DIST"/chiso-*-windows-portable.zip "$DIST"/SHA256SUMS

t0=$SECONDS
if [ -z "${RELEASE_SKIP_LINUX:-}" ]; then
  scripts/package.sh linux
fi
scripts/package.sh windows
echo "release: building chiso-cli.exe"
CGO_ENABLED=0 GOOS=windows GOARCH=amd64 go build -trimpath -ldflags "-s -w" -o "$DIST/chiso-cli.exe" ./cmd/chiso-cli

# The installer: 64-bit (so that a 64-bit-only Wine runs it too), icon from the app's.
cp "$DIST/chiso.exe" "$DIST/chiso-cli.exe" "$STAGE/"
convert "$ROOT/assets/icon.png" -define icon:auto-resize=256,64,48,32,16 "$STAGE/chiso.ico"
SETUP="$DIST/chiso-$VERSION-setup.exe"
echo "release: makensis → ${SETUP#"$ROOT"/}"
makensis -V2 -INPUTCHARSET UTF8 -DVERSION="$VERSION" -DWINVERSION="$WINVERSION" -DDIST="$STAGE" \
  -DOUTFILE="$SETUP" "$ROOT/scripts/windows/installer.nsi"

# The portable zip: one folder to copy to a USB stick.
PORT="$STAGE/portable/ChiSo"
mkdir -p "$PORT"
cp "$DIST/chiso.exe" "$DIST/chiso-cli.exe" "$PORT/"
printf '%s\r\n' \
  "Tệp này làm Chỉ Số chạy di động: dữ liệu nằm trong thư mục data bên cạnh chiso.exe." \
  "Xóa tệp này thì Chỉ Số dùng dữ liệu trong %LOCALAPPDATA%\\chiso như bản cài đặt." \
  "" \
  "This file makes Chỉ Số portable: its data are kept in the data folder beside chiso.exe." \
  "Delete it and Chỉ Số uses the data in %LOCALAPPDATA%\\chiso, as when installed." >"$PORT/portable"
ZIP="$DIST/chiso-$VERSION-windows-portable.zip"
(cd "$STAGE/portable" && zip -q -r -X -9 "$ZIP" ChiSo)

(cd "$DIST" && find . -maxdepth 1 -type f ! -name SHA256SUMS -printf '%P\n' | LC_ALL=C sort | xargs -d '\n' sha256sum -- >SHA256SUMS)
echo "release: dist/ after $((SECONDS - t0)) s:"
(cd "$DIST" && ls -l --time-style=+ | tail -n +2 | awk '{ printf "  %10s  %s\n", $5, $NF }')
echo "release: SHA256SUMS:"
sed 's/^/  /' "$DIST/SHA256SUMS"
