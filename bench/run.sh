#!/usr/bin/env bash
# bench/run.sh [national|historic|province] — Chỉ Số against the sqlite3 CLI
# on a generated data set (see data/benchgen and bench/README.md).
#
# For each task it runs our driver (bench/chisobench) and the sqlite3 CLI
# doing the equivalent work, each as a whole process under /usr/bin/time -v,
# and prints wall seconds, the ratio chiso/sqlite3 (the goal is <= 1.0) and
# both peak resident set sizes. The data set is generated once and cached in
# $CHISO_BENCH_DIR (default ${TMPDIR:-/tmp}/chiso-bench/SCALE).
#   REPEAT=3 bench/run.sh national   # best of 3 runs per task
set -euo pipefail

scale=${1:-national}
case "$scale" in national|historic|province) ;; *) echo "usage: $0 [national|historic|province]" >&2; exit 2 ;; esac
repeat=${REPEAT:-1}
year=${YEAR:-2025}
element=${ELEMENT:-POP}
years=2016-2025 # the years data/benchgen generates

root=$(cd "$(dirname "$0")/.." && pwd)
dir=${CHISO_BENCH_DIR:-${TMPDIR:-/tmp}/chiso-bench/$scale}
mkdir -p "$dir"
for tool in sqlite3 /usr/bin/time; do
	command -v "$tool" >/dev/null || { echo "missing $tool (apt-get install -y sqlite3 time)" >&2; exit 1; }
done

bin="$dir/chisobench"
echo "building the driver…" >&2
(cd "$root" && go build -o "$bin" ./bench/chisobench)

if [ ! -f "$dir/values.csv" ]; then
	echo "generating the $scale data set in $dir…" >&2
	"$bin" gen -scale "$scale" -out "$dir"
fi
rows=$(($(wc -l <"$dir/values.csv") - 1))

# timed NAME CMD…: runs CMD under /usr/bin/time -v, appends "NAME secs rssMB"
# to $dir/times; stdout goes to $dir/NAME.out, stderr to $dir/NAME.err.
timed() {
	local name=$1; shift
	/usr/bin/time -v -o "$dir/$name.time" "$@" >"$dir/$name.out" 2>"$dir/$name.err" || {
		echo "$name failed:" >&2; cat "$dir/$name.err" >&2; exit 1; }
	awk -v n="$name" '
		/Elapsed \(wall clock\)/ { t = $NF; k = split(t, p, ":"); s = 0; for (i = 1; i <= k; i++) s = s * 60 + p[i] }
		/Maximum resident set size/ { m = $NF / 1024 }
		END { printf "%s %.2f %.1f\n", n, s, m }' "$dir/$name.time" >>"$dir/times"
}

cdb="$dir/chiso.db"
sdb="$dir/sqlite3.db"

sqlite_import() {
	cat <<EOF
CREATE TABLE v(element TEXT, area TEXT, period TEXT, category TEXT, value REAL, comment TEXT,
	PRIMARY KEY(element, area, period, category));
CREATE TABLE ap(area TEXT PRIMARY KEY, province TEXT) WITHOUT ROWID;
CREATE TABLE el(code TEXT PRIMARY KEY, agg TEXT, weight TEXT) WITHOUT ROWID;
.mode csv
.import --skip 1 $dir/values.csv v
.import $dir/areas.csv ap
.import $dir/elements.csv el
EOF
}

# The aggregation: sums, weighted averages and counts of yes per element
# (and category) for each province and for the nation. Indicators are
# left out: they are arithmetic on these results.
sqlite_aggregate() {
	local by
	for by in "ap.province" "'VN'"; do
		cat <<EOF
SELECT v.element, v.category, $by AS area,
	CASE el.agg WHEN 'weighted_average' THEN SUM(v.value * w.value) / SUM(w.value) ELSE SUM(v.value) END
FROM v JOIN ap ON ap.area = v.area JOIN el ON el.code = v.element
LEFT JOIN v w ON el.agg = 'weighted_average' AND w.element = el.weight AND w.area = v.area AND w.period = v.period AND w.category = ''
WHERE v.period = '$year'
GROUP BY v.element, v.category, $by;
EOF
	done
}

sqlite_pivot() {
	cat <<EOF
.mode csv
SELECT area, category, period, value FROM v WHERE element = '$element' ORDER BY area, category, period;
EOF
}

run_all() {
	rm -f "$cdb" "$cdb-wal" "$cdb-shm" "$sdb" "$sdb-journal"
	sync
	timed chiso_import "$bin" import -db "$cdb" -catalog "$dir/catalog.json" -csv "$dir/values.csv"
	timed sqlite_import sqlite3 -bail "$sdb" ".read $dir/import.sql"
	sync
	timed chiso_aggregate "$bin" aggregate -db "$cdb" -year "$year"
	timed sqlite_aggregate sqlite3 -bail "$sdb" ".read $dir/aggregate.sql"
	timed chiso_pivot "$bin" pivot -db "$cdb" -element "$element" -years "$years"
	timed chiso_pivotscan "$bin" pivot -db "$cdb" -element "$element"
	timed sqlite_pivot sqlite3 -bail "$sdb" ".read $dir/pivot.sql"
}

: >"$dir/times"
sqlite_import >"$dir/import.sql"
sqlite_aggregate >"$dir/aggregate.sql"
sqlite_pivot >"$dir/pivot.sql"
for ((i = 1; i <= repeat; i++)); do
	echo "run $i/$repeat ($scale, $rows values)…" >&2
	run_all
done

# Sanity: both sides hold the same number of values.
n_sqlite=$(sqlite3 "$sdb" 'SELECT count(*) FROM v')
n_chiso=$(sqlite3 "file:$cdb?mode=ro" 'SELECT count(*) FROM datavalue')
[ "$n_sqlite" = "$rows" ] && [ "$n_chiso" = "$rows" ] || echo "WARNING: rows csv=$rows sqlite3=$n_sqlite chiso=$n_chiso" >&2

echo
echo "Chỉ Số vs sqlite3 CLI — $scale: $rows values, $(nproc) cores, best of $repeat"
awk '
	{ split($1, p, "_"); side = p[1]; task = p[2]
	  if (!((task, side) in t) || $2 < t[task, side]) t[task, side] = $2
	  if ($3 > m[task, side]) m[task, side] = $3 }
	END {
		printf "%-10s %10s %10s %7s %12s %12s\n", "task", "chiso s", "sqlite3 s", "ratio", "chiso MB", "sqlite3 MB"
		# pivotscan: our pivot without naming the years, against the same sqlite3 query.
		t["pivotscan", "sqlite"] = t["pivot", "sqlite"]; m["pivotscan", "sqlite"] = m["pivot", "sqlite"]
		n = split("import aggregate pivot pivotscan", tasks, " ")
		for (i = 1; i <= n; i++) { k = tasks[i]
			r = t[k, "sqlite"] > 0 ? t[k, "chiso"] / t[k, "sqlite"] : 0
			printf "%-10s %10.2f %10.2f %7.2f %12.1f %12.1f\n", k, t[k, "chiso"], t[k, "sqlite"], r, m[k, "chiso"], m[k, "sqlite"] }
	}' "$dir/times"
echo
echo "driver reports:"
cat "$dir"/chiso_*.err | grep -v '^$' | sed 's/^/  /'
echo "files: $(du -h "$cdb" | cut -f1) chiso.db (+ $(du -h "$cdb-wal" 2>/dev/null | cut -f1 || echo 0) wal), $(du -h "$sdb" | cut -f1) sqlite3.db, $(du -h "$dir/values.csv" | cut -f1) values.csv"
