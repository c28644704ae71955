package importer

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"chiso/data/benchgen"
	"chiso/data/store"
)

// benchRows is the size of the BenchmarkImportXLSX workbook: 50,000 rows
// unless CHISO_BENCH_IMPORT_ROWS says otherwise (1000000 for the figures
// in bench/README.md).
func benchRows(b *testing.B) int {
	n := 50_000
	if s := os.Getenv("CHISO_BENCH_IMPORT_ROWS"); s != "" {
		v, err := strconv.Atoi(s)
		if err != nil || v <= 0 {
			b.Fatalf("CHISO_BENCH_IMPORT_ROWS=%q: want a positive number", s)
		}
		n = v
	}
	return n
}

// benchXLSX returns a long workbook of the first n value rows of the
// national data set (benchgen), built once and kept under
// os.TempDir()/chiso-bench/: element, area and category as text, period
// and value as Excel numbers, as a sheet typed in Excel holds them.
func benchXLSX(b *testing.B, n int) string {
	dir := filepath.Join(os.TempDir(), "chiso-bench")
	path := filepath.Join(dir, fmt.Sprintf("import-long-%d-%s.xlsx", n, benchgen.CacheVersion))
	if _, err := os.Stat(path); err == nil {
		return path
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		b.Fatal(err)
	}
	start := time.Now()
	var csv bytes.Buffer
	if _, err := benchgen.WriteValues(&csv, benchgen.National); err != nil {
		b.Fatal(err)
	}
	f := excelize.NewFile()
	defer f.Close()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		b.Fatal(err)
	}
	sc := bufio.NewScanner(&csv)
	row := make([]any, 6)
	for i := 0; i <= n && sc.Scan(); i++ {
		fields := strings.Split(sc.Text(), ",")
		for j, s := range fields {
			row[j] = s
		}
		if i > 0 {
			row[2], _ = strconv.Atoi(fields[2])
			row[4], _ = strconv.ParseFloat(fields[4], 64)
			for _, j := range []int{3, 5} {
				if fields[j] == "" {
					row[j] = nil
				}
			}
		}
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := sw.SetRow(cell, row); err != nil {
			b.Fatal(err)
		}
	}
	if err := sw.Flush(); err != nil {
		b.Fatal(err)
	}
	tmp := strings.TrimSuffix(path, ".xlsx") + ".part.xlsx"
	if err := f.SaveAs(tmp); err != nil {
		b.Fatal(err)
	}
	if err := os.Rename(tmp, path); err != nil {
		b.Fatal(err)
	}
	b.Logf("built %s in %v", path, time.Since(start).Round(time.Millisecond))
	return path
}

// BenchmarkImportXLSX times DryRun then Apply (backup, one transaction) of
// a long workbook into a new database holding the national catalog. The
// Preview that comes first (one read of the sheet) is reported apart as
// preview-s.
func BenchmarkImportXLSX(b *testing.B) {
	n := benchRows(b)
	path := benchXLSX(b, n)
	cat := benchgen.Catalog(benchgen.National)
	fi, _ := os.Stat(path)
	b.Logf("%s: %d rows, %.1f MB", filepath.Base(path), n, float64(fi.Size())/(1<<20))
	var preview, dry, apply time.Duration
	b.ResetTimer()
	var peak uint64
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		st, err := store.Open(filepath.Join(b.TempDir(), "bench.db"))
		if err != nil {
			b.Fatal(err)
		}
		if err := st.SaveCatalog(ctx, cat); err != nil {
			b.Fatal(err)
		}
		runtime.GC()
		stop := watchMemory(&peak)
		t0 := time.Now()
		f, err := Open(path)
		if err != nil {
			b.Fatal(err)
		}
		p, err := Preview(f, "", cat)
		if err != nil {
			b.Fatal(err)
		}
		t1 := time.Now()
		b.StartTimer()
		sum, err := DryRun(ctx, st, p, nil)
		if err != nil || sum.Rejected > 0 || sum.New != n {
			b.Fatalf("dry run: %v %+v", err, sum.Rejections)
		}
		t2 := time.Now()
		sum, err = Apply(ctx, st, p, nil)
		if err != nil || sum.New != n {
			b.Fatalf("apply: %v %+v", err, sum)
		}
		b.StopTimer()
		t3 := time.Now()
		stop()
		preview += t1.Sub(t0)
		dry += t2.Sub(t1)
		apply += t3.Sub(t2)
		f.Close()
		st.Close()
		b.StartTimer()
	}
	per := func(d time.Duration) float64 { return d.Seconds() / float64(b.N) }
	b.ReportMetric(per(preview), "preview-s")
	b.ReportMetric(per(dry), "dryrun-s")
	b.ReportMetric(per(apply), "apply-s")
	b.ReportMetric(float64(n)/per(dry+apply), "rows/s")
	b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
}

// watchMemory samples the heap in use until stopped, keeping the peak.
func watchMemory(peak *uint64) (stop func()) {
	done := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		var m runtime.MemStats
		for {
			runtime.ReadMemStats(&m)
			if m.HeapInuse > *peak {
				*peak = m.HeapInuse
			}
			select {
			case <-done:
				return
			case <-time.After(50 * time.Millisecond):
			}
		}
	}()
	return func() { close(done); <-finished }
}
