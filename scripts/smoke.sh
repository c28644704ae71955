#!/usr/bin/env bash
# Smoke test of the real GUI build of Chỉ Số under a virtual X server.
#
#   scripts/smoke.sh
#
# 1. builds bin/chiso (cgo + GLFW, tags migrated_fynedo) unless SMOKE_BIN points
#    at an existing binary;
# 2. starts Xvfb on a free display (:99 upwards);
# 3. runs the app with HOME, XDG dirs and CHISO_DB inside a temp dir, so the
#    user's real files are never touched;
# 4. waits up to SMOKE_TIMEOUT (60) seconds for a window whose name contains
#    "Chỉ Số", screenshots it into smoke-out/ and checks the PNG;
# 5. kills the app and Xvfb (also on failure / Ctrl-C).
#
# Needs: xvfb xdotool imagemagick x11-utils (scripts/deps.sh test).
# Env:   SMOKE_BIN=path       use this binary instead of building bin/chiso
#        SMOKE_TIMEOUT=60     seconds to wait for the main window
#        SMOKE_KEEP=1         keep the temp dir (database, logs) for inspection
# Output: smoke-out/*.png, smoke-out/app.stderr; last line "smoke: N passed, M failed".
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"

OUT="$ROOT/smoke-out"
TIMEOUT=${SMOKE_TIMEOUT:-60}
TITLE='Chỉ Số'
export LC_ALL=C.UTF-8 2>/dev/null || true   # our own tools; the app gets LANG below

passed=0
failed=0
pass() { passed=$((passed + 1)); echo "smoke: PASS $1"; }
fail() { failed=$((failed + 1)); echo "smoke: FAIL $1: ${2:-}" >&2; }
die()  { echo "smoke: ERROR: $*" >&2; echo "smoke: $passed passed, $((failed + 1)) failed"; exit 1; }

for tool in Xvfb xdotool import identify xdpyinfo; do
  command -v "$tool" >/dev/null 2>&1 || die "'$tool' not found; run scripts/deps.sh test"
done

# --- build -------------------------------------------------------------------
if [ -n "${SMOKE_BIN:-}" ]; then
  BIN=$SMOKE_BIN
  [ -x "$BIN" ] || die "SMOKE_BIN=$BIN is not an executable"
else
  BIN="$ROOT/bin/chiso"
  echo "smoke: building $BIN (tags migrated_fynedo, cgo/GLFW; first build takes a few minutes)"
  mkdir -p "$ROOT/bin"
  CGO_ENABLED=1 go build -tags migrated_fynedo -o "$BIN" ./cmd/chiso || die "go build failed"
fi

# --- temp sandbox and cleanup --------------------------------------------------
mkdir -p "$OUT"
rm -f "$OUT"/*.png "$OUT"/app.stdout "$OUT"/app.stderr "$OUT"/xvfb.log
TMP=$(mktemp -d "${TMPDIR:-/tmp}/chiso-smoke.XXXXXX")
XVFB_PID=""
APP_PID=""

stop_pid() {   # stop_pid PID: TERM, wait up to 5 s, then KILL
  local pid=$1 i
  [ -n "$pid" ] || return 0
  kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for i in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}
cleanup() {
  local rc=$?
  stop_pid "$APP_PID"
  stop_pid "$XVFB_PID"
  if [ -n "${SMOKE_KEEP:-}" ]; then
    echo "smoke: kept $TMP"
  else
    rm -rf "$TMP"
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# --- Xvfb on a free display ----------------------------------------------------
DISP=""
for n in $(seq 99 199); do
  if [ ! -e "/tmp/.X11-unix/X$n" ] && [ ! -e "/tmp/.X$n-lock" ]; then DISP=$n; break; fi
done
[ -n "$DISP" ] || die "no free X display between :99 and :199"
Xvfb ":$DISP" -screen 0 1920x1080x24 -nolisten tcp -noreset >"$OUT/xvfb.log" 2>&1 &
XVFB_PID=$!
export DISPLAY=":$DISP"
for _ in $(seq 1 100); do
  xdpyinfo >/dev/null 2>&1 && break
  kill -0 "$XVFB_PID" 2>/dev/null || { cat "$OUT/xvfb.log" >&2; die "Xvfb :$DISP exited"; }
  sleep 0.1
done
xdpyinfo >/dev/null 2>&1 || { cat "$OUT/xvfb.log" >&2; die "Xvfb :$DISP did not come up"; }
echo "smoke: Xvfb on $DISPLAY"

# --- start the app in the sandbox ----------------------------------------------
APP_LANG=${LANG:-}
case "$APP_LANG" in ""|C|POSIX|C.*) APP_LANG=vi_VN.UTF-8 ;; esac
mkdir -p "$TMP/home" "$TMP/data"
export CHISO_DB="$TMP/data/chiso.db"

env -u LC_ALL -u LC_MESSAGES -u LANGUAGE \
  HOME="$TMP/home" \
  XDG_DATA_HOME="$TMP/home/.local/share" \
  XDG_CONFIG_HOME="$TMP/home/.config" \
  XDG_CACHE_HOME="$TMP/home/.cache" \
  LANG="$APP_LANG" \
  LIBGL_ALWAYS_SOFTWARE=1 \
  CHISO_DB="$CHISO_DB" \
  DISPLAY="$DISPLAY" \
  "$BIN" </dev/null >"$OUT/app.stdout" 2>"$OUT/app.stderr" &
APP_PID=$!

app_stderr() {
  echo "----- app stderr (last 60 lines of $OUT/app.stderr) -----" >&2
  tail -n 60 "$OUT/app.stderr" >&2 || true
  echo "----------------------------------------------------------" >&2
}

# find_window TEXT: id of the first window whose name contains TEXT (UTF-8).
# `xdotool search --name` alone cannot do it: it matches its regex against
# WM_NAME, which GLFW stores as COMPOUND_TEXT, where "Chỉ Số" is not UTF-8
# (only the ASCII letters match). So search by the ASCII part of TEXT and compare
# the UTF-8 name (_NET_WM_NAME, as printed by `xdotool getwindowname`).
find_window() {
  local text=$1 ascii w name
  ascii=$(printf '%s' "$text" | LC_ALL=C sed 's/[^ -~].*//')   # ASCII prefix, may be ""
  for w in $(xdotool search --name "${ascii}" 2>/dev/null || true); do
    name=$(xdotool getwindowname "$w" 2>/dev/null || true)
    case "$name" in *"$text"*) echo "$w"; return 0 ;; esac
  done
}

# --- case: main window appears ----------------------------------------------------
WID=""
deadline=$((SECONDS + TIMEOUT))
while [ $SECONDS -lt $deadline ]; do
  if ! kill -0 "$APP_PID" 2>/dev/null; then
    rc=0; wait "$APP_PID" || rc=$?; APP_PID=""
    fail "main window" "the app exited (status $rc) before showing a window"
    app_stderr
    break
  fi
  WID=$(find_window "$TITLE")
  [ -n "$WID" ] && break
  sleep 0.5
done

if [ -n "$WID" ]; then
  name=$(xdotool getwindowname "$WID" 2>/dev/null || true)
  echo "smoke: window $WID \"$name\" after $((SECONDS - (deadline - TIMEOUT))) s"
  sleep 2   # let the first frames render
  import -window root "$OUT/smoke-main.png" 2>>"$OUT/xvfb.log" || true
  import -window "$WID" "$OUT/smoke-window.png" 2>>"$OUT/xvfb.log" || true
  if [ -s "$OUT/smoke-main.png" ] && identify "$OUT/smoke-main.png" >/dev/null 2>&1; then
    # A blank (single-colour) screen means the window never painted.
    sd=$(convert "$OUT/smoke-main.png" -colorspace Gray -format '%[fx:standard_deviation]' info: 2>/dev/null || echo 0)
    if awk -v s="$sd" 'BEGIN { exit !(s > 0.001) }'; then
      pass "main window (screenshot $OUT/smoke-main.png)"
    else
      fail "main window" "screenshot $OUT/smoke-main.png is a single colour (nothing painted)"
      app_stderr
    fi
  else
    fail "main window" "screenshot $OUT/smoke-main.png is missing or not a valid PNG"
  fi
elif [ "$failed" -eq 0 ]; then
  fail "main window" "no window named \"$TITLE\" appeared within ${TIMEOUT}s"
  echo "smoke: windows on $DISPLAY:" >&2
  xdotool search --name '' 2>/dev/null | while read -r w; do
    [ -n "$(xdotool getwindowname "$w" 2>/dev/null)" ] || continue
    echo "  $w $(xdotool getwindowname "$w" 2>/dev/null)" >&2
  done
  app_stderr
fi

# --- later cases (hooks) ------------------------------------------------------------
# Add further cases here, each ending in `pass NAME` or `fail NAME REASON`, and only
# when the main window is up ([ -n "$WID" ]). Planned:
#
#  * enter a value through the GUI and read it back with the CLI, e.g.
#      xdotool windowactivate --sync "$WID"
#      xdotool mousemove --window "$WID" X Y click 1      # focus a cell
#      xdotool type --delay 50 '1234,5'                    # Vietnamese decimal comma
#      xdotool key Return
#      ... then stop the app (stop_pid "$APP_PID"; APP_PID="") so the database is flushed,
#      and check: "$BIN" values --db "$CHISO_DB" --area QN --period 2020
#  * screenshot every main tab into "$OUT/smoke-<tab>.png" for review.
#  * open the report export and check the PDF with pdftotext (poppler-utils).

echo "smoke: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
