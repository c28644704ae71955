# Helpers for driving the real Chỉ Số window in a virtual X server, shared by
# scripts/smoke.sh (the Linux build) and scripts/wine-test.sh (the Windows
# build under Wine). Source it; it defines functions only.
#
# Globals they use: DISPLAY, XVFB_PID (start_xvfb sets both), WID (the app's
# window, set by wait_window), APP_PID (the app's process, set by the caller).
# Coordinates are of the window at scale 1 (1280 px wide, layout anchored at
# the top), multiplied by SCALE (default 1) where a case sets it.

# stop_pid PID: TERM, wait up to 5 s, then KILL.
stop_pid() {
  local pid=$1 i
  [ -n "$pid" ] || return 0
  kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for i in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

# start_xvfb WIDTHxHEIGHT LOG: starts Xvfb on a free display (:99 upwards),
# sets DISPLAY and XVFB_PID; fails when it does not come up.
start_xvfb() {
  local size=$1 log=$2 n disp=""
  for n in $(seq 99 199); do
    if [ ! -e "/tmp/.X11-unix/X$n" ] && [ ! -e "/tmp/.X$n-lock" ]; then disp=$n; break; fi
  done
  [ -n "$disp" ] || { echo "no free X display between :99 and :199" >&2; return 1; }
  Xvfb ":$disp" -screen 0 "${size}x24" -nolisten tcp -noreset >"$log" 2>&1 &
  XVFB_PID=$!
  export DISPLAY=":$disp"
  for _ in $(seq 1 100); do
    xdpyinfo >/dev/null 2>&1 && return 0
    kill -0 "$XVFB_PID" 2>/dev/null || break
    sleep 0.1
  done
  cat "$log" >&2
  return 1
}

# find_window TEXT: id of the first window whose name contains TEXT (UTF-8).
# `xdotool search --name` alone cannot do it: it matches its regex against
# WM_NAME, which GLFW stores as COMPOUND_TEXT, where "Chỉ Số" is not UTF-8
# (only the ASCII letters match). So search by the ASCII part of TEXT and
# compare the UTF-8 name (_NET_WM_NAME, as printed by `xdotool getwindowname`).
find_window() {
  local text=$1 ascii w name
  ascii=$(printf '%s' "$text" | LC_ALL=C sed 's/[^ -~].*//')   # ASCII prefix, may be ""
  for w in $(xdotool search --onlyvisible --name "${ascii}" 2>/dev/null || true); do
    name=$(xdotool getwindowname "$w" 2>/dev/null || true)
    case "$name" in *"$text"*) echo "$w"; return 0 ;; esac
  done
}

# wait_window TEXT SECONDS [PID]: waits until a window named TEXT shows (and,
# when PID is given, while that process runs); sets WID ("" on failure).
wait_window() {
  local text=$1 deadline=$((SECONDS + $2)) pid=${3:-}
  WID=""
  while [ $SECONDS -lt $deadline ]; do
    if [ -n "$pid" ] && ! kill -0 "$pid" 2>/dev/null; then return 1; fi
    WID=$(find_window "$text")
    [ -n "$WID" ] && return 0
    sleep 0.5
  done
  return 1
}

# window_geometry WID: "X Y WIDTH HEIGHT" of the window on the screen.
window_geometry() {
  local X=0 Y=0 WIDTH=0 HEIGHT=0 SCREEN=0 WINDOW=0
  eval "$(xdotool getwindowgeometry --shell "$1" 2>/dev/null)"
  echo "$X $Y $WIDTH $HEIGHT"
}

# is_painted FILE: the picture is not of a single colour.
is_painted() {
  local sd
  sd=$(convert "$1" -colorspace Gray -format '%[fx:standard_deviation]' info: 2>/dev/null || echo 0)
  awk -v s="$sd" 'BEGIN { exit !(s > 0.001) }'
}

# wait_painted FILE: screenshots the screen into FILE until it is painted
# (up to 10 s), then gives the first screen a moment to fill in.
wait_painted() {
  for _ in $(seq 1 30); do
    import -window root "$1" 2>/dev/null || true
    is_painted "$1" && break
    sleep 0.3
  done
  sleep 0.5
}

# region_sig X Y W H: checksum of the pixels of a rectangle of the window.
region_sig() {
  import -window "$WID" -crop "${3}x${4}+${1}+${2}" +repage rgb:- 2>/dev/null | md5sum | cut -c1-32
}

# wait_region OLD X Y W H [TIMEOUT]: waits until the rectangle differs from
# the signature OLD ("" = any) and is the same on two polls in a row.
# Returns 2 when the app is gone, 1 on timeout.
wait_region() {
  local old=$1 x=$2 y=$3 w=$4 h=$5 t=${6:-8} sig prev="" end
  end=$((SECONDS + t))
  while :; do
    [ -z "${APP_PID:-}" ] || kill -0 "$APP_PID" 2>/dev/null || return 2
    sig=$(region_sig "$x" "$y" "$w" "$h")
    if [ "$sig" != "$old" ]; then
      [ "$sig" = "$prev" ] && return 0
      prev=$sig
    fi
    [ $SECONDS -lt $end ] || return 1
    sleep 0.1
  done
}

# step NAME OLD X Y W H [TIMEOUT]: wait_region, noting in ENTRY_NOTES (and
# on stderr) a wait that saw no change; never fails.
step() {
  local name=$1 rc=0
  shift
  wait_region "$@" || rc=$?
  case $rc in
    0) ;;
    2) ENTRY_NOTES="${ENTRY_NOTES:-}; $name: the app is gone" ;;
    *) ENTRY_NOTES="${ENTRY_NOTES:-}; $name: no change seen"; echo "note: step '$name': the screen did not change as expected" >&2 ;;
  esac
  return 0
}

# at N: N window pixels at scale 1, in pixels at SCALE.
at() { awk -v n="$1" -v s="${SCALE:-1}" 'BEGIN { printf "%d", n * s + 0.5 }'; }
click() { xdotool mousemove --window "$WID" "$(at "$1")" "$(at "$2")" click 1; }

# bind_chars TEXT: give each non-ASCII character of TEXT a keycode of its own
# in the keymap of the X server (keycodes that have no symbols). Otherwise
# xdotool remaps a spare keycode for every such character and undoes it right
# after the key; the app, looking the key up late, then often sees nothing
# ("ước" came out as "ớc"). Bound before the app starts, they are ordinary keys.
bind_chars() {
  local text=$1 i c syms="" km rc
  for ((i = 0; i < ${#text}; i++)); do
    c=${text:i:1}
    case "$c" in [\ -~]) ;; *) syms="$syms $(printf 'U%04X' "'$c")" ;; esac
  done
  [ -n "$syms" ] || return 0
  command -v xkbcomp >/dev/null 2>&1 || return 1
  km=$(mktemp "${TMPDIR:-/tmp}/keymap.XXXXXX")
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

# The Nhập liệu screen at scale 1, 1280 px wide, as read off screenshots
# (window coordinates; the layout is anchored at the top, so a shorter
# window keeps them):
#   search box of the area tree .......... (267, 21)
#   tree rows (after the search): Việt Nam y=60, then every 39 px; the match
#   Xã Đồn Đạc (under Quảng Ninh > Huyện Ba Chẽ) is the 4th row ... (300, 177)
#   heading "<area> — Năm <year>" ........ x 375..975, y 8..44
#   period selector (Kỳ) ................. (1211, 67); its list opens below it,
#   newest year first .................... first item (1211, 101)
#   value cell of the first row (POP) .... (784, 268), under the line "Số nhập
#   là" (official figures / estimates); Tab goes on to its comment
#   status beside it ("đã lưu") .......... x 840..930, y 253..283
ENTRY_SEARCH='xa don dac'     # finds Xã Đồn Đạc (QN_BACHE_03) without its accents, and
                              # Xã Ba Chẽ (the 5th row), which took it in on 1/7/2025
ENTRY_VALUE=2100              # near the demo's POP of 2023 (2.053): no jump check
ENTRY_COMMENT='ước tính'
TYPE_DELAY=12                 # ms between keys; 150 when bind_chars could not bind

# entry_case SHOTS: types ENTRY_VALUE and ENTRY_COMMENT into the POP row of
# Xã Đồn Đạc for the newest year offered (the form offers the years the
# commune exists in: 2024, whose POP of the year before is near ENTRY_VALUE,
# so no jump check) through the window WID; screenshots SHOTS-1-search.png
# … SHOTS.png. Every step waits (polling screenshots of a small region,
# never a fixed long sleep) until the region it affects has changed and
# holds still; a wait that times out is noted in ENTRY_NOTES and the steps
# go on: the check that decides is what the CLI reads from the database
# afterwards.
entry_case() {
  local shots=$1 old
  ENTRY_NOTES=""
  xdotool windowfocus "$WID" 2>/dev/null || true   # keys go to the window under the pointer anyway
  # 1. search the area tree, accent-free
  old=$(region_sig 172 45 190 160)
  click 267 21
  xdotool type --delay 20 "$ENTRY_SEARCH"
  step "search" "$old" 172 45 190 160
  import -window "$WID" "$shots-1-search.png" 2>/dev/null || true
  # 2. select the match: the heading turns to the commune, the form loads
  old=$(region_sig 375 8 600 36)
  click 300 177
  step "select area" "$old" 375 8 600 36
  step "form loaded" "" 733 250 104 340 4
  import -window "$WID" "$shots-2-area.png" 2>/dev/null || true
  # 3. the newest year offered (the form may already be on it)
  old=$(region_sig 1150 88 125 26)
  click 1211 67
  step "open period list" "$old" 1150 88 125 26
  old=$(region_sig 375 8 600 36)
  click 1211 101
  step "choose the newest year" "$old" 375 8 600 36
  step "form loaded" "" 733 250 104 340 4
  import -window "$WID" "$shots-3-period.png" 2>/dev/null || true
  # 4. type the value into the first cell over what it holds (Ctrl+A selects
  # it); Tab leaves it, which saves it
  old=$(region_sig 840 253 90 30)
  click 784 268
  xdotool key ctrl+a
  xdotool type --delay 20 "$ENTRY_VALUE"
  xdotool key Tab
  step "value saved" "$old" 840 253 90 30
  import -window "$WID" "$shots-4-value.png" 2>/dev/null || true
  # 5. Tab went on to the comment cell of the row: type Vietnamese, Tab again
  xdotool type --delay "$TYPE_DELAY" "$ENTRY_COMMENT"
  xdotool key Tab
  sleep 0.3
  import -window "$WID" "$shots.png" 2>/dev/null || true
}

# The navigation rows (window coordinates at scale 1): one every 39 px.
declare -A NAV_Y=([entry]=22 [overview]=61 [tables]=100 [sync]=139 [reports]=178 [status]=217 [catalog]=256 [settings]=295)

# show_screen NAME FILE: clicks NAME in the navigation, waits until the
# right-hand part of the window has changed and holds still, screenshots the
# window into FILE. Fails when the app is gone, the screen did not change or
# the picture is of one colour.
show_screen() {
  local name=$1 file=$2 before
  before=$(region_sig 380 0 900 600)
  click 60 "${NAV_Y[$name]}"
  wait_region "$before" 380 0 900 600 15 || true
  sleep 0.5
  import -window "$WID" "$file" 2>/dev/null || true
  [ -z "${APP_PID:-}" ] || kill -0 "$APP_PID" 2>/dev/null || return 1
  [ "$(region_sig 380 0 900 600)" != "$before" ] || [ "$name" = entry ] || return 1
  is_painted "$file"
}
