#!/usr/bin/env bash
# Installs the Debian packages Chỉ Số needs, but only the ones that are missing.
#
#   scripts/deps.sh            # both groups
#   scripts/deps.sh build      # cgo + OpenGL/X11 headers for the real GUI build
#   scripts/deps.sh test       # Xvfb + Mesa software GL, xdotool, ImageMagick, sqlite3, poppler (smoke tests, benches)
#   scripts/deps.sh windows    # MinGW-w64 cross compiler, NSIS, zip, Wine (make release, scripts/wine-test.sh)
#
# Quiet when everything is present. Runs `apt-get update` only when something
# must be installed; uses sudo when not root. Never prompts (works in CI).
set -euo pipefail

BUILD_PKGS=(gcc pkg-config libgl1-mesa-dev libx11-dev libxcursor-dev libxrandr-dev
            libxinerama-dev libxi-dev libxxf86vm-dev)
TEST_PKGS=(xvfb libgl1-mesa-dri xdotool imagemagick x11-utils sqlite3 poppler-utils syncthing)
# The Windows release is cross-built here and tested under Wine in a virtual X server.
WINDOWS_PKGS=(gcc-mingw-w64-x86-64 nsis zip unzip wine wine64 xvfb xdotool imagemagick x11-utils poppler-utils)

groups=("$@")
[ ${#groups[@]} -eq 0 ] && groups=(build test)

want=()
for g in "${groups[@]}"; do
  case "$g" in
    build) want+=("${BUILD_PKGS[@]}") ;;
    test)  want+=("${TEST_PKGS[@]}") ;;
    windows) want+=("${WINDOWS_PKGS[@]}") ;;
    all)   want+=("${BUILD_PKGS[@]}" "${TEST_PKGS[@]}" "${WINDOWS_PKGS[@]}") ;;
    -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
    *) echo "deps.sh: unknown group '$g' (use: build, test, windows, all)" >&2; exit 2 ;;
  esac
done

# Go itself is not a Debian package we install (Debian 12's golang is too old).
if ! command -v go >/dev/null 2>&1; then
  if [ -x /usr/local/go/bin/go ]; then
    echo "deps.sh: go is installed in /usr/local/go/bin but not on PATH;" >&2
    echo "         run: export PATH=\$PATH:/usr/local/go/bin" >&2
  else
    echo "deps.sh: 'go' not found. Chỉ Số needs Go 1.26 or newer." >&2
    echo "         Install it from https://go.dev/dl/ (extract to /usr/local/go and add" >&2
    echo "         /usr/local/go/bin to PATH), then run this again." >&2
  fi
  exit 1
fi

missing=()
for p in "${want[@]}"; do
  # dpkg -s succeeds for removed-but-configured packages too; check the status line.
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    case " ${missing[*]-} " in *" $p "*) ;; *) missing+=("$p") ;; esac
  fi
done

[ ${#missing[@]} -eq 0 ] && exit 0

if ! command -v apt-get >/dev/null 2>&1; then
  echo "deps.sh: missing packages: ${missing[*]}" >&2
  echo "         apt-get not found; install the equivalents with your package manager." >&2
  exit 1
fi

SUDO=()
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then
    SUDO=(sudo)
  else
    echo "deps.sh: need root to install: ${missing[*]} (sudo not found)" >&2
    exit 1
  fi
fi

echo "deps.sh: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
"${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive \
  apt-get install -y -qq --no-install-recommends "${missing[@]}" </dev/null
