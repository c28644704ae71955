#!/usr/bin/env bash
# bench/run.sh [national|historic|province] — Chỉ Số against the sqlite3 CLI
# on a generated data set (see data/benchgen and bench/README.md).
#
# For each task it runs our driver (bench/chisobench) and the sqlite3 CLI
# doing the equivalent work the strongest way a careful shell user would
# (see bench/README.md, "The reference"), each as a whole process under
# /usr/bin/time -v, and prints wall seconds, the ratio chiso/sqlite3 (the
# goal is <= 1.0), the same ratio of CPU seconds (user + system: steadier
# than wall time on a shared machine) and both peak resident set sizes.
# The data set is generated once and cached in $CHISO_BENCH_DIR (default
# ${TMPDIR:-/tmp}/chiso-bench/SCALE).
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

# timed NAME CMD…: runs CMD under /usr/bin/time -v, appends "NAME secs rssMB
# cpusecs" to $dir/times; stdout goes to $dir/NAME.out, stderr to
# $dir/NAME.err.
timed() {
	local name=$1; shift
	/usr/bin/time -v -o "$dir/$name.time" "$@" >"$dir/$name.out" 2>"$dir/$name.err" || {
		echo "$name failed:" >&2; cat "$dir/$name.err" >&2; exit 1; }
	awk -v n="$name" '
		/Elapsed \(wall clock\)/ { t = $NF; k = split(t, p, ":"); s = 0; for (i = 1; i <= k; i++) s = s * 60 + p[i] }
		/User time \(seconds\)|System time \(seconds\)/ { c += $NF }
		/Maximum resident set size/ { m = $NF / 1024 }
		END { printf "%s %.2f %.1f %.2f\n", n, s, m, c }' "$dir/$name.time" >>"$dir/times"
}

cdb="$dir/chiso.db"
sdb="$dir/sqlite3.db"

# The reference: what a careful sqlite3 user would write for each task.
# The values table has the key of Chỉ Số's own (period first, no rowid);
# the columns are in the CSV's order, which .import follows. The bulk load
# runs without a journal and without syncing (a crash while loading leaves
# a broken file, to be deleted and loaded again; nothing is flushed to disk
# at the end), with a 64 MB page cache.
sqlite_import() {
	cat <<EOF
PRAGMA journal_mode=OFF;
PRAGMA synchronous=OFF;
PRAGMA cache_size=-65536;
CREATE TABLE v(element TEXT NOT NULL, area TEXT NOT NULL, period TEXT NOT NULL, category TEXT NOT NULL,
	value REAL, comment TEXT, PRIMARY KEY(period, element, area, category)) WITHOUT ROWID;
CREATE TABLE ap(area TEXT PRIMARY KEY, province TEXT) WITHOUT ROWID;
CREATE TABLE el(code TEXT PRIMARY KEY, agg TEXT, weight TEXT) WITHOUT ROWID;
.mode csv
.import --skip 1 $dir/values.csv v
.import $dir/areas.csv ap
.import $dir/elements.csv el
EOF
}

# The aggregation: sums, weighted averages and counts of yes per element
# (and category) for each province and for the nation. The year's values
# are read once (a range of the primary key; the weight of a weighted
# average is a seek of the key) into per-province sums, and the nation is
# computed from those. Indicators are left out: they are arithmetic on
# these results.
sqlite_aggregate() {
	cat <<EOF
CREATE TEMP TABLE pr AS
SELECT v.element, v.category, ap.province, SUM(v.value) AS s, SUM(v.value * w.value) AS sw, SUM(w.value) AS sumw
FROM v JOIN ap ON ap.area = v.area JOIN el ON el.code = v.element
LEFT JOIN v w ON el.agg = 'weighted_average' AND w.period = v.period AND w.element = el.weight AND w.area = v.area AND w.category = ''
WHERE v.period = '$year'
GROUP BY v.element, v.category, ap.province;
SELECT pr.element, pr.category, pr.province, CASE el.agg WHEN 'weighted_average' THEN sw / sumw ELSE s END
FROM pr JOIN el ON el.code = pr.element;
SELECT pr.element, pr.category, 'VN', CASE el.agg WHEN 'weighted_average' THEN SUM(sw) / SUM(sumw) ELSE SUM(s) END
FROM pr JOIN el ON el.code = pr.element GROUP BY pr.element, pr.category;
EOF
}

# The pivot: the element's values for the years named, in the key's order
# (no sort needed), as CSV.
sqlite_pivot() {
	local list
	list=$(seq -s "','" "${years%-*}" "${years#*-}")
	cat <<EOF
.mode csv
SELECT period, area, category, value FROM v WHERE period IN ('$list') AND element = '$element' ORDER BY period, area, category;
EOF
}

run_all() {
	rm -f "$cdb" "$cdb-wal" "$cdb-shm" "$cdb-journal" "$sdb" "$sdb-journal"
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
echo "Chỉ Số vs sqlite3 CLI — $scale: $rows values, $(nproc) cores, best of $repeat, load $(cut -d' ' -f1-3 /proc/loadavg)"
awk '
	{ split($1, p, "_"); side = p[1]; task = p[2]
	  if (!((task, side) in t) || $2 < t[task, side]) t[task, side] = $2
	  if (!((task, side) in c) || $4 < c[task, side]) c[task, side] = $4
	  if ($3 > m[task, side]) m[task, side] = $3 }
	END {
		printf "%-10s %9s %9s %6s %9s %9s %6s %9s %9s\n", "task", "chiso s", "sqlite3 s", "ratio", "chiso cpu", "sqlite cpu", "ratio", "chiso MB", "sqlite MB"
		# pivotscan: our pivot without naming the years, against the same sqlite3 query.
		t["pivotscan", "sqlite"] = t["pivot", "sqlite"]; c["pivotscan", "sqlite"] = c["pivot", "sqlite"]; m["pivotscan", "sqlite"] = m["pivot", "sqlite"]
		n = split("import aggregate pivot pivotscan", tasks, " ")
		for (i = 1; i <= n; i++) { k = tasks[i]
			r = t[k, "sqlite"] > 0 ? t[k, "chiso"] / t[k, "sqlite"] : 0
			rc = c[k, "sqlite"] > 0 ? c[k, "chiso"] / c[k, "sqlite"] : 0
			printf "%-10s %9.2f %9.2f %6.2f %9.2f %9.2f %6.2f %9.1f %9.1f\n", k, t[k, "chiso"], t[k, "sqlite"], r, c[k, "chiso"], c[k, "sqlite"], rc, m[k, "chiso"], m[k, "sqlite"] }
	}' "$dir/times"
echo
echo "driver reports:"
cat "$dir"/chiso_*.err | grep -v '^$' | sed 's/^/  /'
echo "files: $(du -h "$cdb" | cut -f1) chiso.db (+ $(du -h "$cdb-wal" 2>/dev/null | cut -f1 || echo 0) wal), $(du -h "$sdb" | cut -f1) sqlite3.db, $(du -h "$dir/values.csv" | cut -f1) values.csv"
