#!/usr/bin/env bash
# The Windows stage of `make test`: the release's installer and programs run
# under Wine (Debian's wine64) in a virtual X server.
#
#   scripts/wine-test.sh
#
#  1. builds the Windows release (scripts/release.sh without the Linux
#     tarball) unless WINE_DIST names a folder that holds one;
#  2. makes a fresh Wine prefix whose user is "Nguyễn Văn A" (so the data
#     folder is C:\users\Nguyễn Văn A\AppData\Local\chiso) and puts the
#     TEST-ONLY stand-in bcryptprimitives.dll (scripts/wine/, ProcessPrng,
#     which Wine 8 lacks and Go programs need) into its system32;
#  3. installs silently (/S): program, shortcuts, file types, uninstall entry;
#  4. the installed CLI (chiso-cli.exe, and chiso.exe itself): init, values
#     (the article's 0,36 %, and the same bytes as the Linux build), import of
#     a UTF-16 CSV (Excel's "Unicode text") and of a UTF-8-with-BOM CSV with
#     semicolons and decimal commas, from "Tài liệu" in Documents, report as
#     PDF (read with pdftotext) and XLSX;
#  5. the GUI on a 1366 × 728 screen (1366 × 768 less a 40 px taskbar): the
#     window is found and fits the screen, a screenshot is checked and kept,
#     a value is typed into the entry screen and read back with the CLI;
#  6. an office file given to chiso.exe, as its file type's open command
#     does on a double-click, opens the app, which asks and loads it;
#  7. display scaling 125 % (LogPixels 120, 1366 × 720) and 150 % (144,
#     1920 × 1032): the window fits, screenshots kept;
#  8. the portable zip, unpacked to "C:\USB Đồn Đạc", keeps its database
#     in ChiSo\data;
#  9. uninstalls silently: the program, shortcuts and file types go, the
#     data stay.
#
# Needs: scripts/deps.sh windows (wine64, MinGW, NSIS, Xvfb, xdotool,
#        ImageMagick, poppler-utils).
# Env:   WINE_DIST=dir    use the release in dir instead of building one
#        WINE_KEEP=1      keep the temp dir (prefix, logs) for inspection
#        WINE_TIMEOUT=90  seconds to wait for a window
# Output: smoke-out/wine-*.png, smoke-out/wine-*.log; last line
#         "wine: N passed, M failed".
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
# shellcheck source=scripts/x11.sh
source "$ROOT/scripts/x11.sh"

OUT="$ROOT/smoke-out"
TIMEOUT=${WINE_TIMEOUT:-90}
WUSER='Nguyễn Văn A'
export LC_ALL=C.UTF-8   # our tools and Wine's file names in UTF-8

passed=0
failed=0
pass() { passed=$((passed + 1)); echo "wine: PASS $1 [$((SECONDS - t_start)) s]"; }
fail() { failed=$((failed + 1)); echo "wine: FAIL $1: ${2:-}" >&2; }
die()  { echo "wine: ERROR: $*" >&2; echo "wine: $passed passed, $((failed + 1)) failed"; exit 1; }

t_start=$SECONDS
for tool in wine wineserver x86_64-w64-mingw32-gcc Xvfb xdotool import convert pdftotext unzip; do
  command -v "$tool" >/dev/null 2>&1 || die "'$tool' not found; run scripts/deps.sh windows"
done

mkdir -p "$OUT"
rm -f "$OUT"/wine-*

# --- the release ------------------------------------------------------------------
if [ -n "${WINE_DIST:-}" ]; then
  DIST=$(cd "$WINE_DIST" && pwd)
else
  echo "wine: building the Windows release (scripts/release.sh, no Linux tarball)"
  RELEASE_SKIP_LINUX=1 scripts/release.sh >"$OUT/wine-release.log" 2>&1 || { tail -n 40 "$OUT/wine-release.log" >&2; die "the release build failed"; }
  DIST="$ROOT/dist"
fi
shopt -s nullglob
setups=("$DIST"/chiso-*-setup.exe)
shopt -u nullglob
[ ${#setups[@]} -eq 1 ] || die "want one chiso-*-setup.exe in $DIST, found ${#setups[@]}"
SETUP=${setups[0]}
echo "wine: $(basename "$SETUP") ($(du -h "$SETUP" | cut -f1)) after $((SECONDS - t_start)) s"

# --- sandbox ------------------------------------------------------------------------
TMP=$(mktemp -d "${TMPDIR:-/tmp}/chiso-wine.XXXXXX")
# A Linux build of the same source computes the same sheet the other way (built
# before HOME moves into the sandbox, with the usual Go caches).
LINUX_CLI="$TMP/chiso-linux"
go build -tags ci,migrated_fynedo -o "$LINUX_CLI" ./cmd/chiso || die "building the Linux CLI failed"
export WINEPREFIX="$TMP/prefix" WINEARCH=win64 WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml=;winemenubuilder.exe=d"
export HOME="$TMP/home" XDG_CONFIG_HOME="$TMP/home/.config" XDG_DATA_HOME="$TMP/home/.local/share" XDG_CACHE_HOME="$TMP/home/.cache"
export USER="$WUSER" LOGNAME="$WUSER"
# Wine hands the Unix environment to Windows programs, LANG too (CI runs under
# en_US.UTF-8); a Windows user's environment has no LANG, so neither has ours.
unset CHISO_DB CHISO_LANG FYNE_SCALE FYNE_THEME LANG
mkdir -p "$HOME"
XVFB_PID=""
APP_PID=""
cleanup() {
  local rc=$?
  stop_pid "$APP_PID"
  wineserver -k >/dev/null 2>&1 || true
  stop_pid "$XVFB_PID"
  if [ -n "${WINE_KEEP:-}" ]; then echo "wine: kept $TMP"; else rm -rf "$TMP"; fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# screen WIDTHxHEIGHT: a new Xvfb of that size; sets DISPLAY and XVFB_PID.
screen() {
  stop_pid "$XVFB_PID"
  start_xvfb "$1" "$OUT/wine-xvfb.log" || die "Xvfb did not come up"
}
screen 1366x728
bind_chars "$ENTRY_COMMENT" || TYPE_DELAY=150

# --- prefix -------------------------------------------------------------------------
t0=$SECONDS
wineboot --init >"$OUT/wine-boot.log" 2>&1 || { tail -n 20 "$OUT/wine-boot.log" >&2; die "wineboot failed"; }
wineserver -w
# One Wine server, with its services, for the whole stage: each command
# would otherwise start them again (seconds each).
wineserver -p || die "wineserver -p failed"
C="$WINEPREFIX/drive_c"
PROFILE="$C/users/$WUSER"
[ -d "$PROFILE" ] || die "the prefix has no profile folder $PROFILE"
x86_64-w64-mingw32-gcc -shared -O2 -o "$C/windows/system32/bcryptprimitives.dll" \
  "$ROOT/scripts/wine/bcryptprimitives.c" -ladvapi32 || die "building the test-only bcryptprimitives.dll failed"
echo "wine: fresh prefix (user \"$WUSER\") in $((SECONDS - t0)) s"

# winpath UNIX_PATH: the Windows path of a file in the prefix.
winpath() { printf 'C:%s' "${1#"$C"}" | tr / '\\'; }

INST="$PROFILE/AppData/Local/Programs/ChiSo"
DATA="$PROFILE/AppData/Local/chiso"
DOCS="$PROFILE/Documents/Tài liệu"
STARTMENU="$PROFILE/AppData/Roaming/Microsoft/Windows/Start Menu/Programs"
mkdir -p "$DOCS"

# --- install ---------------------------------------------------------------------------
t0=$SECONDS
if wine "$SETUP" /S >"$OUT/wine-install.log" 2>&1; then
  missing=""
  for f in "$INST/chiso.exe" "$INST/chiso-cli.exe" "$INST/uninstall.exe" "$STARTMENU/Chỉ Số.lnk" \
    "$STARTMENU/Gỡ cài đặt Chỉ Số.lnk" "$PROFILE/Desktop/Chỉ Số.lnk"; do
    [ -e "$f" ] || missing="$missing ${f#"$C"}"
  done
  assoc=$(wine reg query 'HKCU\Software\Classes\ChiSo.Package\shell\open\command' /ve 2>/dev/null | tr -d '\r' || true)
  office=$(wine reg query 'HKCU\Software\Classes\.chiso-office' /ve 2>/dev/null | tr -d '\r' || true)
  uninst=$(wine reg query 'HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\ChiSo' /v QuietUninstallString 2>/dev/null | tr -d '\r' || true)
  if [ -n "$missing" ]; then
    fail "silent install" "missing:$missing"
  elif [[ "$assoc" != *'\Programs\ChiSo\chiso.exe" "%1"'* ]] || [[ "$office" != *ChiSo.Office* ]] || [[ "$uninst" != *'uninstall.exe" /S'* ]]; then
    fail "silent install" "registry: open command [$assoc], .chiso-office [$office], uninstall [$uninst]"
  elif grep -qi administrator "$OUT/wine-install.log"; then
    fail "silent install" "it asked for an administrator"
  else
    pass "silent install into $(winpath "$INST") with shortcuts and file types ($((SECONDS - t0)) s)"
  fi
else
  fail "silent install" "the installer failed (see $OUT/wine-install.log)"
fi
[ -x "$INST/chiso.exe" ] || die "nothing installed, the other cases cannot run"

# --- the CLI ---------------------------------------------------------------------------
# cli NAME ARGS...: runs the installed chiso-cli.exe, output in $OUT/wine-NAME.{out,err};
# fails the case NAME when the exit status is not 0.
cli() {
  local name=$1
  shift
  local rc=0
  wine "$INST/chiso-cli.exe" "$@" >"$OUT/wine-$name.out" 2>"$OUT/wine-$name.err" || rc=$?
  [ "$rc" -eq 0 ] && return 0
  fail "$name" "chiso-cli.exe $* exited with $rc ($(head -c 600 "$OUT/wine-$name.err"))"
  return 1
}
nocr() { tr -d '\r' <"$1"; }

if cli init init --user "Nguyễn Văn A"; then   # named: the first start asks no name
  if [ -s "$DATA/chiso.db" ] && grep -q 'AppData\\Local\\chiso\\chiso.db' "$OUT/wine-init.out"; then
    pass "init creates $(winpath "$DATA")\\chiso.db"
  else
    fail "init" "no database in $(winpath "$DATA") ($(cat "$OUT/wine-init.out"))"
  fi
fi

if cli values values --area QN --period 2020; then
  LANG=vi_VN.UTF-8 "$LINUX_CLI" values --db "$DATA/chiso.db" --area QN --period 2020 >"$OUT/wine-values-linux.out" 2>/dev/null
  if ! grep -q 'Tỷ lệ hộ nghèo.*0,36' "$OUT/wine-values.out"; then
    fail "values" "no \"Tỷ lệ hộ nghèo … 0,36\" (the article's 2020 rate) in $OUT/wine-values.out"
  elif ! diff <(nocr "$OUT/wine-values.out") "$OUT/wine-values-linux.out" >"$OUT/wine-values.diff"; then
    fail "values" "differs from the Linux build's (see $OUT/wine-values.diff)"
  else
    pass "values QN 2020: Vietnamese text and figures as the Linux build prints them"
  fi
fi
# chiso.exe itself, a windowed program, prints too (AttachConsole or the handles it is given).
if wine "$INST/chiso.exe" values --area QN --period 2020 >"$OUT/wine-values-gui.out" 2>"$OUT/wine-values-gui.err" &&
  cmp -s <(nocr "$OUT/wine-values-gui.out") <(nocr "$OUT/wine-values.out"); then
  pass "chiso.exe values prints the same as chiso-cli.exe"
else
  fail "chiso.exe values" "output differs or failed (see $OUT/wine-values-gui.*)"
fi

# Excel's two ways of saving Vietnamese text: "Unicode text" (UTF-16LE with a
# BOM, tabs) and "CSV UTF-8" in a locale with a decimal comma (BOM, semicolons).
IMPORT_YEAR=2023   # replaces the demo's POP and INC_PC of Xã Đồn Đạc that year; the entry case below types into 2024
printf 'element\tarea\tperiod\tcategory\tvalue\tcomment\r\nPOP\tQN_BACHE_03\t%s\t\t2060\tước tính từ Excel\r\n' "$IMPORT_YEAR" |
  iconv -f UTF-8 -t UTF-16LE | { printf '\xff\xfe'; cat; } >"$DOCS/số liệu unicode.csv"
printf '\xef\xbb\xbfelement;area;period;category;value;comment\r\nINC_PC;QN_BACHE_03;%s;;71,5;thu nhập tăng\r\n' "$IMPORT_YEAR" \
  >"$DOCS/số liệu chấm phẩy.csv"
for f in "số liệu unicode.csv" "số liệu chấm phẩy.csv"; do
  case "$f" in *unicode*) name=import-utf16 ;; *) name=import-semicolon ;; esac
  cli "$name" import --style vi "$(winpath "$DOCS/$f")" || continue
  pass "import $(winpath "$DOCS/$f")"
done
if cli export export --area QN_BACHE_03 --period "$IMPORT_YEAR"; then
  got=$(nocr "$OUT/wine-export.out")
  for want in "POP,QN_BACHE_03,$IMPORT_YEAR,,2060,ước tính từ Excel" "INC_PC,QN_BACHE_03,$IMPORT_YEAR,,71.5,thu nhập tăng"; do
    if grep -qxF "$want" <<<"$got"; then
      pass "imported value read back: $want"
    else
      fail "imported value" "no line \"$want\" in $OUT/wine-export.out"
    fi
  done
fi

PDF="$DOCS/báo cáo QN 2020.pdf"
if cli report-pdf report --area QN --period 2020 -o "$(winpath "$PDF")"; then
  if [ -s "$PDF" ] && pdftotext -layout "$PDF" "$OUT/wine-report.txt" 2>/dev/null &&
    grep -q 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM' "$OUT/wine-report.txt" &&
    grep -q 'Tỷ lệ hộ nghèo' "$OUT/wine-report.txt" && grep -q '0,36' "$OUT/wine-report.txt"; then
    pass "report -o \"$(winpath "$PDF")\": the motto, Tỷ lệ hộ nghèo and 0,36 in its text"
  else
    fail "report pdf" "the PDF is missing or lacks the expected text (see $OUT/wine-report.txt)"
  fi
fi
XLSX="$DOCS/báo cáo QN 2020.xlsx"
if cli report-xlsx report --area QN --period 2020 -o "$(winpath "$XLSX")"; then
  if grep -q 'Tỷ lệ hộ nghèo' < <(unzip -p "$XLSX" xl/sharedStrings.xml 2>/dev/null); then
    pass "report -o \"$(winpath "$XLSX")\": a workbook with Tỷ lệ hộ nghèo"
  else
    fail "report xlsx" "$XLSX is not a workbook holding \"Tỷ lệ hộ nghèo\""
  fi
fi

# --- the GUI -------------------------------------------------------------------------
# start_app [ARGS...]: starts the installed chiso.exe; sets APP_PID and WID (or "").
start_app() {
  APP_PID=""
  WID=""
  wine "$INST/chiso.exe" "$@" </dev/null >>"$OUT/wine-app.log" 2>&1 &
  APP_PID=$!
  wait_window 'Chỉ Số' "$TIMEOUT" "$APP_PID"
}
# stop_app: ends the app.
stop_app() {
  stop_pid "$APP_PID"
  APP_PID=""
}
# check_window NAME FILE PERCENT: the window is on screen, has painted
# something, and has the size the app gives it at display scaling PERCENT:
# 1280 × 800 scaled, or the screen less the room app/window_fit.go leaves
# (24 × 64, scaled) where that is smaller. Its screenshot is kept in $OUT/FILE.
check_window() {
  local name=$1 file=$2 pct=$3 geom x y w h sw sh ew eh
  if [ -z "$WID" ]; then
    fail "$name" "no window named \"Chỉ Số\" within ${TIMEOUT}s"
    tail -n 30 "$OUT/wine-app.log" >&2
    return 1
  fi
  wait_painted "$OUT/$file"
  import -window root "$OUT/$file" 2>/dev/null || true
  geom=$(window_geometry "$WID")
  read -r x y w h <<<"$geom"
  read -r sw sh <<<"$(xdpyinfo | awk '/dimensions:/ { split($2, d, "x"); print d[1], d[2] }')"
  ew=$(( (1280 * pct < (sw * 100 - 24 * pct)) ? 1280 * pct / 100 : sw - 24 * pct / 100 ))
  eh=$(( (800 * pct < (sh * 100 - 64 * pct)) ? 800 * pct / 100 : sh - 64 * pct / 100 ))
  if ! is_painted "$OUT/$file"; then
    fail "$name" "the screenshot $OUT/$file is a single colour"
  elif [ "$x" -lt 0 ] || [ "$y" -lt 0 ] || [ $((x + w)) -gt "$sw" ] || [ $((y + h)) -gt "$sh" ]; then
    fail "$name" "the window (${w}x${h} at $x,$y) does not fit the ${sw}x${sh} screen (see $OUT/$file)"
  elif [ $((w - ew)) -gt 4 ] || [ $((ew - w)) -gt 4 ] || [ $((h - eh)) -gt 4 ] || [ $((eh - h)) -gt 4 ]; then
    fail "$name" "the window is ${w}x${h}, want about ${ew}x${eh} at $pct % (see $OUT/$file)"
  else
    pass "$name: ${w}x${h} at $x,$y on ${sw}x${sh} (screenshot $OUT/$file)"
  fi
}

if start_app; then :; fi
check_window "window at 1366 × 768 with a taskbar" wine-main.png 100 || true
if [ -n "$WID" ]; then
  entry_case "$OUT/wine-entry" 2>"$OUT/wine-entry.log"
  # the year the period list offered first: any but the import's
  want="^POP,QN_BACHE_03,[0-9]*,,$ENTRY_VALUE,$ENTRY_COMMENT\$"
  got=""
  for _ in $(seq 1 20); do
    got=$(wine "$INST/chiso-cli.exe" export --area QN_BACHE_03 --element POP 2>/dev/null | tr -d '\r' || true)
    grep -q "$want" <<<"$got" && break
    sleep 0.5
  done
  if grep -q "$want" <<<"$got"; then
    pass "value and comment typed in the window read back with the CLI (screenshot $OUT/wine-entry.png)"
  else
    fail "entry" "chiso-cli export gave [$got] (notes:${ENTRY_NOTES:-none})"
  fi
  for s in overview tables sync reports status catalog settings; do
    show_screen "$s" "$OUT/wine-screen-$s.png" || fail "screen $s" "not shown"
  done
fi
stop_app

# --- a double-clicked office file -------------------------------------------------
OFFICE_DB="$TMP/province.db"
OFFICE="$DOCS/UBND phường Hà Khẩu.chiso-office"
export CHISO_KEY_DIR="$TMP/keys" CHISO_ROOT_PASSPHRASE="mật khẩu của tỉnh"   # the province's root key, for the CLI
if LANG=vi_VN.UTF-8 "$LINUX_CLI" init --db "$OFFICE_DB" >/dev/null 2>&1 &&
  LANG=vi_VN.UTF-8 "$LINUX_CLI" office province --db "$OFFICE_DB" --name "Cục Thống kê Quảng Ninh" --area QN >/dev/null 2>&1 &&
  LANG=vi_VN.UTF-8 "$LINUX_CLI" office issue --db "$OFFICE_DB" --name "UBND phường Hà Khẩu" --area QN_HALONG_01 -o "$OFFICE" >/dev/null 2>&1; then
  # What Explorer runs on a double-click: the registered command (checked at
  # install) with the file's path. (Wine 8's ShellExecute does not read the
  # per-user HKCU\Software\Classes, so `start` cannot show it here.)
  start_app "$(winpath "$OFFICE")" || true
  if [ -n "$WID" ]; then
    sleep 2
    import -window root "$OUT/wine-open-office.png" 2>/dev/null || true
    # The dialog asks; Tab reaches its buttons (Không, then Có), Space presses.
    xdotool mousemove --window "$WID" 5 5 key --delay 150 Tab Tab space 2>/dev/null || true
    shown=""
    for _ in $(seq 1 30); do
      shown=$(wine "$INST/chiso-cli.exe" office show 2>/dev/null | tr -d '\r' || true)
      grep -q 'UBND phường Hà Khẩu' <<<"$shown" && break
      sleep 0.5
    done
    if grep -q 'UBND phường Hà Khẩu' <<<"$shown"; then
      pass "an office file opened the way its file type says is loaded by the app (screenshot $OUT/wine-open-office.png)"
    else
      fail "open an office file" "the app did not load it: office show gave [$shown] (see $OUT/wine-open-office.png)"
    fi
  else
    fail "open an office file" "chiso.exe \"$(winpath "$OFFICE")\" opened no window"
  fi
  stop_app
else
  fail "open an office file" "could not issue one with the Linux CLI"
fi

# --- display scaling ------------------------------------------------------------------
for case in "120 125 1366x720" "144 150 1920x1032"; do
  read -r dpi pct size <<<"$case"
  wine reg add 'HKCU\Control Panel\Desktop' /v LogPixels /t REG_DWORD /d "$dpi" /f >/dev/null 2>&1
  screen "$size"
  # Wine reads the screen and its DPI when its server starts: start it anew.
  wineserver -k >/dev/null 2>&1 || true
  wineserver -w
  wineserver -p || die "wineserver -p failed"
  if start_app; then :; fi
  check_window "window at $pct % on $size" "wine-scale-$pct.png" "$pct" || true
  if [ -n "$WID" ]; then
    for sc in entry overview tables sync reports status catalog settings; do
      SCALE=$(awk -v p="$pct" 'BEGIN { print p / 100 }') show_screen "$sc" "$OUT/wine-scale-$pct-$sc.png" ||
        fail "screen $sc at $pct %" "not shown (see $OUT/wine-scale-$pct-$sc.png)"
    done
  fi
  stop_app
done

# --- the portable zip ---------------------------------------------------------------------
PORTZIP=$(ls "$DIST"/chiso-*-windows-portable.zip 2>/dev/null | head -n 1)
USB="$C/USB Đồn Đạc"
if [ -z "$PORTZIP" ]; then
  fail "portable" "no chiso-*-windows-portable.zip in $DIST"
elif unzip -q "$PORTZIP" -d "$USB" && wine "$USB/ChiSo/chiso-cli.exe" init >"$OUT/wine-portable.out" 2>&1 &&
  [ -s "$USB/ChiSo/data/chiso.db" ] && grep -qF 'USB Đồn Đạc\ChiSo\data\chiso.db' "$OUT/wine-portable.out"; then
  pass "the portable copy keeps its database beside it: $(winpath "$USB")\ChiSo\data\chiso.db"
else
  fail "portable" "no database in $(winpath "$USB")\ChiSo\data (see $OUT/wine-portable.out)"
fi

# --- uninstall -----------------------------------------------------------------------------
t0=$SECONDS
# The uninstaller copies itself to %TEMP% and runs from there: wait for its work.
wine "$INST/uninstall.exe" /S >"$OUT/wine-uninstall.log" 2>&1 || true
for _ in $(seq 1 60); do
  left=""
  for f in "$INST/chiso.exe" "$INST/chiso-cli.exe" "$INST/uninstall.exe" "$STARTMENU/Chỉ Số.lnk" "$PROFILE/Desktop/Chỉ Số.lnk"; do
    [ -e "$f" ] && left="$left ${f#"$C"}"
  done
  assoc=""   # (Wine's reg prints its "not found" on stdout: ask its exit status)
  wine reg query 'HKCU\Software\Classes\ChiSo.Package' >/dev/null 2>&1 && assoc=yes
  [ -z "$left$assoc" ] && break
  sleep 0.5
done
if [ -n "$left" ]; then
  fail "uninstall" "left behind:$left"
elif [ -n "$assoc" ]; then
  fail "uninstall" "the file type ChiSo.Package is still registered"
elif [ ! -s "$DATA/chiso.db" ]; then
  fail "uninstall" "the user's database $(winpath "$DATA")\\chiso.db is gone"
elif ! grep -q ',2060,' < <(LANG=vi_VN.UTF-8 "$LINUX_CLI" export --db "$DATA/chiso.db" --area QN_BACHE_03 --element POP --period "$IMPORT_YEAR" 2>/dev/null); then
  fail "uninstall" "the database kept does not hold the imported value any more"
else
  pass "silent uninstall removes the program, shortcuts and file types, keeps the data ($((SECONDS - t0)) s)"
fi

echo "wine: the Windows stage took $((SECONDS - t_start)) s"
echo "wine: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
