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
# 5. data entry through the real window (xdotool clicks and typing): searches
#    the area tree for "don dac" (Xã Đồn Đạc, QN_BACHE_03), picks the newest
#    year (no data, so no jump check), types 4321 into Dân số trung bình (POP)
#    and "ước tính" into its comment, and reads both back with
#    `chiso export`; screenshots smoke-out/smoke-entry-*.png, smoke-entry.png;
# 6. kills the app and Xvfb (also on failure / Ctrl-C).
#
# Needs: xvfb xdotool imagemagick x11-utils (scripts/deps.sh test); xkbcomp
#        (comes with Xvfb) to type the Vietnamese letters reliably.
# Env:   SMOKE_BIN=path       use this binary instead of building bin/chiso
#        SMOKE_TIMEOUT=60     seconds to wait for the main window
#        SMOKE_KEEP=1         keep the temp dir (database, logs) for inspection
# Output: smoke-out/*.png, smoke-out/app.stderr, smoke-out/cli.*; last line
#         "smoke: N passed, M failed".
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
rm -f "$OUT"/*.png "$OUT"/app.stdout "$OUT"/app.stderr "$OUT"/xvfb.log "$OUT"/cli.stdout "$OUT"/cli.stderr
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

# What the entry case types (see below).
ENTRY_AREA=QN_BACHE_03        # Xã Đồn Đạc, found by the accent-free search
ENTRY_SEARCH='don dac'
ENTRY_VALUE=4321
ENTRY_COMMENT='ước tính'

# bind_chars TEXT: give each non-ASCII character of TEXT a keycode of its own in
# the keymap of the X server (keycodes that have no symbols). Otherwise xdotool
# remaps a spare keycode for every such character and undoes it right after the
# key; the app, looking the key up late, then often sees nothing ("ước" came
# out as "ớc"). Bound before the app starts, they are ordinary keys.
bind_chars() {
  local text=$1 i c syms="" km rc
  for ((i = 0; i < ${#text}; i++)); do
    c=${text:i:1}
    case "$c" in [\ -~]) ;; *) syms="$syms $(printf 'U%04X' "'$c")" ;; esac
  done
  [ -n "$syms" ] || return 0
  command -v xkbcomp >/dev/null 2>&1 || return 1
  km=$(mktemp "$TMP/keymap.XXXXXX")
  xkbcomp -xkb "$DISPLAY" "$km" 2>/dev/null || { rm -f "$km"; return 1; }
  # add "key <NAME> { [ U01B0 ] };" lines at the end of xkb_symbols, for key
  # names of xkb_keycodes that xkb_symbols does not use
  awk -v syms="$syms" '
    /^xkb_keycodes/ { sec = "k" }
    /^xkb_symbols/  { sec = "s" }
    sec == "k" && /^ *<[A-Za-z0-9]+> *= *[0-9]+;/ { order[++n] = $1 }
    sec == "s" && /^ *key +<[A-Za-z0-9]+>/ { match($0, /<[A-Za-z0-9]+>/); used[substr($0, RSTART, RLENGTH)] = 1 }
    { line[++nl] = $0 }
    sec == "s" && /^};/ { symend = nl; sec = "" }
    END {
      m = split(syms, sym, " "); j = 0
      for (i = 1; i <= nl; i++) {
        if (i == symend)
          for (k = 1; k <= n && j < m; k++)
            if (!used[order[k]]) { j++; printf "    key %s { [ %s ] };\n", order[k], sym[j] }
        print line[i]
      }
      exit (j < m)
    }' "$km" >"$km.new" && xkbcomp "$km.new" "$DISPLAY" 2>/dev/null
  rc=$?
  rm -f "$km" "$km.new"
  return $rc
}
TYPE_DELAY=12                 # ms between keys (xdotool's default)
if ! bind_chars "$ENTRY_COMMENT"; then
  TYPE_DELAY=150              # slower typing makes the remapping race rarer
  echo "smoke: note: could not bind the letters of \"$ENTRY_COMMENT\" with xkbcomp; typing slowly instead"
fi

# --- start the app in the sandbox ----------------------------------------------
APP_LANG=${LANG:-}
case "$APP_LANG" in ""|C|POSIX|C.*) APP_LANG=vi_VN.UTF-8 ;; esac
mkdir -p "$TMP/home" "$TMP/data"
export CHISO_DB="$TMP/data/chiso.db"

env -u LC_ALL -u LC_MESSAGES -u LANGUAGE -u FYNE_SCALE -u FYNE_THEME \
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
  # Let the first frames render: poll (up to 10 s) until the screen is not a
  # single colour; a blank screen means the window never painted.
  for _ in $(seq 1 30); do
    import -window root "$OUT/smoke-main.png" 2>>"$OUT/xvfb.log" || true
    sd=$(convert "$OUT/smoke-main.png" -colorspace Gray -format '%[fx:standard_deviation]' info: 2>/dev/null || echo 0)
    awk -v s="$sd" 'BEGIN { exit !(s > 0.001) }' && break
    sleep 0.3
  done
  sleep 0.5   # and the form, loaded in the background, a moment to follow
  import -window root "$OUT/smoke-main.png" 2>>"$OUT/xvfb.log" || true
  import -window "$WID" "$OUT/smoke-window.png" 2>>"$OUT/xvfb.log" || true
  if [ -s "$OUT/smoke-main.png" ] && identify "$OUT/smoke-main.png" >/dev/null 2>&1; then
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

# --- case: enter a value in the window, read it back with the CLI ------------------
# Without a window manager the window sits at (0,0) with the size the app asks
# for (1280×800 at scale 1, FYNE_SCALE unset), so the widgets of the Nhập liệu
# screen have fixed places. Coordinates below are relative to the window
# (xdotool mousemove --window) and were read off screenshots of that layout:
#   search box of the area tree .......... (267, 21)
#   tree rows (after the search): Việt Nam y=60, then every 39 px; the match
#   Xã Đồn Đạc (under Quảng Ninh > Huyện Ba Chẽ) is the 4th row ... (300, 177)
#   heading "<area> — Năm <year>" ........ x 375..975, y 8..44
#   period selector (Kỳ) ................. (1211, 67); its list opens below it,
#   newest year first .................... first item (1211, 101)
#   value cell of the first row (POP) .... (784, 228); Tab goes on to its comment
#   status beside it ("đã lưu") .......... x 840..930, y 213..243
# Every step waits (polling screenshots of a small region, never a fixed long
# sleep) until the region it affects has changed and holds still; a wait that
# times out is reported as a note and the steps go on: the check that decides
# is what `chiso export` reads from the database.
W_WIDTH=1280 W_HEIGHT=800
ENTRY_YEAR=$(( $(date +%Y) + 1 ))   # the newest year offered: no data, no previous value

# region_sig X Y W H: checksum of the pixels of a rectangle of the window.
region_sig() {
  import -window "$WID" -crop "${3}x${4}+${1}+${2}" +repage rgb:- 2>/dev/null | md5sum | cut -c1-32
}
# wait_region OLD X Y W H [TIMEOUT]: wait until the rectangle differs from the
# signature OLD ("" = any) and is the same on two polls in a row.
wait_region() {
  local old=$1 x=$2 y=$3 w=$4 h=$5 t=${6:-8} sig prev="" end
  end=$((SECONDS + t))
  while :; do
    kill -0 "$APP_PID" 2>/dev/null || return 2
    sig=$(region_sig "$x" "$y" "$w" "$h")
    if [ "$sig" != "$old" ]; then
      [ "$sig" = "$prev" ] && return 0
      prev=$sig
    fi
    [ $SECONDS -lt $end ] || return 1
    sleep 0.1
  done
}
entry_notes=""
# step NAME OLD X Y W H [TIMEOUT]: wait_region, noting a timeout.
step() {
  local name=$1 rc=0
  shift
  wait_region "$@" || rc=$?
  case $rc in
    0) ;;
    2) entry_notes="$entry_notes; $name: the app is gone" ;;
    *) entry_notes="$entry_notes; $name: no change seen"; echo "smoke: note: entry step '$name': the screen did not change as expected" >&2 ;;
  esac
  return 0
}
click() { xdotool mousemove --window "$WID" "$1" "$2" click 1; }
shot() { import -window "$WID" "$OUT/$1" 2>>"$OUT/xvfb.log" || true; }
# export_pop: what `chiso export` holds for POP of the area, without the BOM.
export_pop() {
  env -u LC_ALL -u LC_MESSAGES -u LANGUAGE LANG="$APP_LANG" \
    "$BIN" export --db "$CHISO_DB" --area "$ENTRY_AREA" --element POP >"$OUT/cli.stdout" 2>"$OUT/cli.stderr" || true
  sed -e '1s/^\xEF\xBB\xBF//' -e 's/\r$//' "$OUT/cli.stdout"
}

if [ -n "$WID" ] && kill -0 "$APP_PID" 2>/dev/null; then
  t0=$SECONDS
  geom=$(xdotool getwindowgeometry --shell "$WID" 2>/dev/null | tr '\n' ' ')
  case "$geom" in
    *"WIDTH=$W_WIDTH HEIGHT=$W_HEIGHT"*) ;;
    *) echo "smoke: note: window geometry is not ${W_WIDTH}x${W_HEIGHT} ($geom); the clicks may miss" >&2 ;;
  esac
  xdotool windowfocus "$WID" 2>/dev/null || true   # keys go to the window under the pointer anyway

  # 1. search the area tree, accent-free
  old=$(region_sig 172 45 190 160)
  click 267 21
  xdotool type --delay 20 "$ENTRY_SEARCH"
  step "search" "$old" 172 45 190 160
  shot smoke-entry-1-search.png

  # 2. select the match: the heading turns to the commune, the form loads
  old=$(region_sig 375 8 600 36)
  click 300 177
  step "select area" "$old" 375 8 600 36
  step "form loaded" "" 733 250 104 340 4
  shot smoke-entry-2-area.png

  # 3. the newest year, which has no data
  old=$(region_sig 1150 88 125 26)
  click 1211 67
  step "open period list" "$old" 1150 88 125 26
  old=$(region_sig 375 8 600 36)
  click 1211 101
  step "choose $ENTRY_YEAR" "$old" 375 8 600 36
  step "form loaded" "" 733 250 104 340 4
  shot smoke-entry-3-period.png

  # 4. type the value into the first cell; Tab leaves it, which saves it
  old=$(region_sig 840 213 90 30)
  click 784 228
  xdotool type --delay 20 "$ENTRY_VALUE"
  xdotool key Tab
  step "value saved" "$old" 840 213 90 30
  shot smoke-entry-4-value.png

  # 5. Tab went on to the comment cell of the row: type Vietnamese, Tab again
  xdotool type --delay "$TYPE_DELAY" "$ENTRY_COMMENT"
  xdotool key Tab
  sleep 0.3
  shot smoke-entry.png

  # 6. read back with the CLI (the app keeps running: WAL lets it read)
  want_value="POP,$ENTRY_AREA,$ENTRY_YEAR,,$ENTRY_VALUE,"
  want_comment="$want_value$ENTRY_COMMENT"
  got=""
  for _ in $(seq 1 20); do
    got=$(export_pop)
    printf '%s\n' "$got" | grep -qxF "$want_comment" && break
    sleep 0.25
  done
  echo "smoke: entry steps took $((SECONDS - t0)) s"
  entry_failed() {
    fail "$1" "$2${entry_notes:+ (notes${entry_notes})}"
    {
      echo "----- chiso export --area $ENTRY_AREA --element POP returned: -----"
      printf '%s\n' "$got"
      [ -s "$OUT/cli.stderr" ] && { echo "----- its stderr: -----"; cat "$OUT/cli.stderr"; }
      echo "----- screenshots: $(cd "$OUT" && ls smoke-entry*.png 2>/dev/null | tr '\n' ' ') -----"
    } >&2
  }
  if printf '%s\n' "$got" | grep -q "^${want_value}"; then
    pass "entry value typed in the window and read back: $want_value (screenshot $OUT/smoke-entry.png)"
    if printf '%s\n' "$got" | grep -qxF "$want_comment"; then
      pass "entry comment with diacritics read back: \"$ENTRY_COMMENT\""
    else
      entry_failed "entry comment" "want the line \"$want_comment\""
    fi
  else
    entry_failed "entry value" "want a line starting \"$want_value\""
    app_stderr
  fi
fi

# --- the dashboard and a table ----------------------------------------------------
# Navigation rows (window coordinates): Tổng quan (70, 61), Bảng (53, 100), Đồng bộ
# (63, 139), Báo cáo (62, 178), Tiến độ báo cáo (80, 217). Each
# screen is shown, waited for (its right-hand part changes and holds still),
# and kept as a screenshot; it passes when the picture has content (not one
# colour) and the app is still running.
screen_case() { # NAME X Y FILE
  local name=$1 x=$2 y=$3 file=$4 before sd
  before=$(region_sig 380 0 900 800)
  click "$x" "$y"
  step "$name" "$before" 380 0 900 800 15
  sleep 0.5
  shot "$file"
  sd=$(convert "$OUT/$file" -colorspace Gray -format '%[fx:standard_deviation]' info: 2>/dev/null || echo 0)
  if ! kill -0 "$APP_PID" 2>/dev/null; then
    fail "$name" "the app exited"; app_stderr
  elif [ "$(region_sig 380 0 900 800)" = "$before" ]; then
    fail "$name" "the screen did not change after clicking it in the navigation (see $OUT/$file)"
  elif awk -v s="$sd" 'BEGIN { exit !(s > 0.02) }'; then
    pass "$name shown (screenshot $OUT/$file)"
  else
    fail "$name" "screenshot $OUT/$file is a single colour"
  fi
}
if [ -n "$WID" ]; then
  screen_case "dashboard" 70 61 smoke-dashboard.png
  screen_case "table" 53 100 smoke-table.png
  screen_case "sync" 63 139 smoke-sync.png
  screen_case "reports" 62 178 smoke-reports.png
  screen_case "reporting status" 80 217 smoke-status.png
fi

# --- later cases (hooks) ------------------------------------------------------------
# Add further cases here, each ending in `pass NAME` or `fail NAME REASON`, and only
# when the main window is up ([ -n "$WID" ]). The helpers above (click, shot,
# region_sig, wait_region/step) work for them too.

echo "smoke: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
