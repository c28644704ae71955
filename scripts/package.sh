#!/usr/bin/env bash
# Builds the desktop program with `fyne package`, using the root FyneApp.toml as
# the single source of metadata:
#
#   scripts/package.sh            # dist/chiso-<version>-linux-<arch>.tar.xz
#   scripts/package.sh windows    # dist/chiso.exe (windows/amd64, cross-built with
#                                 # MinGW-w64: icon, version information and the
#                                 # manifest of scripts/windows/chiso.exe.manifest.in)
#
# `fyne package` reads FyneApp.toml only from the main package folder and
# rewrites it (Build+1), and it drops fyne_metadata_init.go, the binary and a
# tmp-pkg/ folder where it runs. So we: copy FyneApp.toml into cmd/chiso for
# the run only, run the packager from a temp dir (its output lands there), move
# the tarball to dist/, and remove every copy/generated file in a trap, also on
# failure. The root FyneApp.toml is never touched (bump Build/Version by hand).
# For Windows, fyne also reads cmd/chiso/chiso.exe.manifest and leaves the exe
# named after the app ("Chỉ Số.exe") and fyne.syso in cmd/chiso: handled alike.
#
# Env: FYNE_TOOL  override the packager command (default: fyne.io/tools/cmd/fyne@v1.7.4,
#                 installed into bin/fyne-v1.7.4/ for the host: with CC set to the
#                 cross compiler, `go run` would build the packager itself with it)
#      WIN_CC     C cross compiler for Windows (default x86_64-w64-mingw32-gcc)
set -euo pipefail

TARGET=${1:-linux}
case "$TARGET" in linux|windows) ;; *) echo "package: unknown target '$TARGET' (linux or windows)" >&2; exit 2 ;; esac

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"

SRC="$ROOT/cmd/chiso"
TOML="$ROOT/FyneApp.toml"
FYNE_VERSION=${FYNE_VERSION:-v1.7.4}
if [ -n "${FYNE_TOOL:-}" ]; then
  read -r -a FYNE <<<"$FYNE_TOOL"
else
  env -u CC -u GOOS -u GOARCH GOBIN="$ROOT/bin/fyne-$FYNE_VERSION" go install "fyne.io/tools/cmd/fyne@$FYNE_VERSION"
  FYNE=("$ROOT/bin/fyne-$FYNE_VERSION/fyne")
fi

[ -f "$TOML" ] || { echo "package: $TOML missing" >&2; exit 1; }
ICON=$(sed -n 's/^[[:space:]]*Icon[[:space:]]*=[[:space:]]*"\(.*\)".*/\1/p' "$TOML" | head -n 1)
VERSION=$(sed -n 's/^[[:space:]]*Version[[:space:]]*=[[:space:]]*"\(.*\)".*/\1/p' "$TOML" | head -n 1)
BUILD=$(sed -n 's/^[[:space:]]*Build[[:space:]]*=[[:space:]]*\([0-9]*\).*/\1/p' "$TOML" | head -n 1)
NAME=$(sed -n 's/^[[:space:]]*Name[[:space:]]*=[[:space:]]*"\(.*\)".*/\1/p' "$TOML" | head -n 1)
APPID=$(sed -n 's/^[[:space:]]*ID[[:space:]]*=[[:space:]]*"\(.*\)".*/\1/p' "$TOML" | head -n 1)
[ -n "$ICON" ] || { echo "package: no [Details] Icon in FyneApp.toml" >&2; exit 1; }
case "$ICON" in /*) ;; *) ICON="$ROOT/$ICON" ;; esac
[ -f "$ICON" ] || { echo "package: icon $ICON missing" >&2; exit 1; }

# Files fyne would create in the source folder; none may exist before we start,
# otherwise the cleanup below would delete someone's real file.
GENERATED=("$SRC/FyneApp.toml" "$SRC/fyne_metadata_init.go" "$SRC/chiso")
if [ "$TARGET" = windows ]; then
  GENERATED+=("$SRC/chiso.exe" "$SRC/chiso.exe.manifest" "$SRC/$NAME.exe" "$SRC/fyne.syso" "$SRC/FyneApp.ico")
fi
for f in "${GENERATED[@]}"; do
  if [ -e "$f" ]; then
    echo "package: $f already exists; remove it (the root FyneApp.toml is the only metadata file)" >&2
    exit 1
  fi
done

# Snapshot to prove afterwards that nothing in the work tree changed (dist/ is ignored).
TOML_SUM=$(sha256sum <"$TOML")
status_now() { git -C "$ROOT" status --porcelain --untracked-files=all -- FyneApp.toml assets cmd/chiso 2>/dev/null || true; }
STATUS_BEFORE=$(status_now)

STAGE=$(mktemp -d "${TMPDIR:-/tmp}/chiso-package.XXXXXX")
cleanup() {
  rm -f "${GENERATED[@]}"
  rm -rf "$STAGE"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Copy of the metadata with an absolute icon path (fyne resolves it against cmd/chiso).
sed "s|^\([[:space:]]*Icon[[:space:]]*=[[:space:]]*\)\".*\"|\1\"$ICON\"|" "$TOML" >"$SRC/FyneApp.toml"

mkdir -p "$ROOT/dist"
if [ "$TARGET" = linux ]; then
  echo "package: ${FYNE[*]} package -os linux --src cmd/chiso (cgo/GLFW build, release mode)"
  (cd "$STAGE" && "${FYNE[@]}" package -os linux --release --src "$SRC" --icon "$ICON")

  shopt -s nullglob
  tarballs=("$STAGE"/*.tar.xz)
  [ ${#tarballs[@]} -eq 1 ] || { echo "package: expected one .tar.xz from fyne, got: ${tarballs[*]:-none}" >&2; exit 1; }

  ARCH=$(go env GOARCH)
  OUTFILE="$ROOT/dist/chiso-${VERSION:-dev}-linux-$ARCH.tar.xz"
  mv -f "${tarballs[0]}" "$OUTFILE"
  echo "package: wrote ${OUTFILE#"$ROOT"/}"
  tar -tJf "$OUTFILE" | sed 's/^/  /'
else
  WIN_CC=${WIN_CC:-x86_64-w64-mingw32-gcc}
  command -v "$WIN_CC" >/dev/null || { echo "package: $WIN_CC not found; run scripts/deps.sh windows" >&2; exit 1; }
  # The manifest's version has four numbers: Version (padded to three) and Build.
  IFS=. read -r v1 v2 v3 _ <<<"${VERSION:-0.0.0}"
  WINVER="${v1:-0}.${v2:-0}.${v3:-0}.${BUILD:-0}"
  sed -e "s|@NAME@|$NAME|g" -e "s|@ID@|$APPID|g" -e "s|@VERSION@|$WINVER|g" \
    "$ROOT/scripts/windows/chiso.exe.manifest.in" >"$SRC/chiso.exe.manifest"
  echo "package: ${FYNE[*]} package -os windows --src cmd/chiso (cgo with $WIN_CC, release mode)"
  (cd "$STAGE" && CC="$WIN_CC" GOARCH=amd64 "${FYNE[@]}" package -os windows --release --src "$SRC" --icon "$ICON")
  [ -f "$SRC/$NAME.exe" ] || { echo "package: fyne left no \"$NAME.exe\" in cmd/chiso" >&2; exit 1; }
  OUTFILE="$ROOT/dist/chiso.exe"
  mv -f "$SRC/$NAME.exe" "$OUTFILE"
  echo "package: wrote ${OUTFILE#"$ROOT"/} ($(du -h "$OUTFILE" | cut -f1), version $WINVER)"
fi

cleanup; trap - EXIT
if [ "$(sha256sum <"$TOML")" != "$TOML_SUM" ]; then
  echo "package: FyneApp.toml was modified by the packager!" >&2; exit 1
fi
if [ "$(status_now)" != "$STATUS_BEFORE" ]; then
  echo "package: the work tree changed during packaging:" >&2
  diff <(echo "$STATUS_BEFORE") <(status_now) >&2 || true
  exit 1
fi
echo "package: work tree unchanged (FyneApp.toml untouched)"
