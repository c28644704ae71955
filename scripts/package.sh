#!/usr/bin/env bash
# Builds the Linux desktop package dist/chiso-<version>-linux-<arch>.tar.xz with
# `fyne package`, using the root FyneApp.toml as the single source of metadata.
#
# `fyne package` reads FyneApp.toml only from the main package folder and
# rewrites it (Build+1), and it drops fyne_metadata_init.go, the binary and a
# tmp-pkg/ folder where it runs. So we: copy FyneApp.toml into cmd/chiso for
# the run only, run the packager from a temp dir (its output lands there), move
# the tarball to dist/, and remove every copy/generated file in a trap, also on
# failure. The root FyneApp.toml is never touched (bump Build/Version by hand).
#
# Env: FYNE_TOOL  override the packager command (default: go run fyne.io/tools/cmd/fyne@v1.7.4)
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"

SRC="$ROOT/cmd/chiso"
TOML="$ROOT/FyneApp.toml"
FYNE_VERSION=${FYNE_VERSION:-v1.7.4}
read -r -a FYNE <<<"${FYNE_TOOL:-go run fyne.io/tools/cmd/fyne@$FYNE_VERSION}"

[ -f "$TOML" ] || { echo "package: $TOML missing" >&2; exit 1; }
ICON=$(sed -n 's/^[[:space:]]*Icon[[:space:]]*=[[:space:]]*"\(.*\)".*/\1/p' "$TOML" | head -n 1)
VERSION=$(sed -n 's/^[[:space:]]*Version[[:space:]]*=[[:space:]]*"\(.*\)".*/\1/p' "$TOML" | head -n 1)
[ -n "$ICON" ] || { echo "package: no [Details] Icon in FyneApp.toml" >&2; exit 1; }
case "$ICON" in /*) ;; *) ICON="$ROOT/$ICON" ;; esac
[ -f "$ICON" ] || { echo "package: icon $ICON missing" >&2; exit 1; }

# Files fyne would create in the source folder; none may exist before we start,
# otherwise the cleanup below would delete someone's real file.
GENERATED=("$SRC/FyneApp.toml" "$SRC/fyne_metadata_init.go" "$SRC/chiso")
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

echo "package: ${FYNE[*]} package -os linux --src cmd/chiso (cgo/GLFW build, release mode)"
(cd "$STAGE" && "${FYNE[@]}" package -os linux --release --src "$SRC" --icon "$ICON")

shopt -s nullglob
tarballs=("$STAGE"/*.tar.xz)
[ ${#tarballs[@]} -eq 1 ] || { echo "package: expected one .tar.xz from fyne, got: ${tarballs[*]:-none}" >&2; exit 1; }

ARCH=$(go env GOARCH)
mkdir -p "$ROOT/dist"
OUTFILE="$ROOT/dist/chiso-${VERSION:-dev}-linux-$ARCH.tar.xz"
mv -f "${tarballs[0]}" "$OUTFILE"
echo "package: wrote ${OUTFILE#"$ROOT"/}"
tar -tJf "$OUTFILE" | sed 's/^/  /'

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
