package defaults_test

import (
	"context"
	"fmt"
	"path/filepath"
	"runtime"
	"testing"

	"chiso/data/adminmap"
	"chiso/data/defaults"
	"chiso/data/store"
)

// Benchmarks of the first start with the national list; the figures are
// in bench/README.md.

// BenchmarkInstallOffice sets up a commune office's database as the first
// start does (defaults.InstallOffice: the official list read, the default
// catalog with today's 3,356 units and its province's 201 units of before
// saved into a new file), and reports the heap it grows by.
func BenchmarkInstallOffice(b *testing.B) {
	dir := b.TempDir()
	ctx := context.Background()
	i := 0
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	peak := uint64(0)
	for b.Loop() {
		i++
		st, err := store.Open(filepath.Join(dir, fmt.Sprintf("x%d.db", i)))
		if err != nil {
			b.Fatal(err)
		}
		if err := defaults.InstallOffice(ctx, st, "06970", ""); err != nil {
			b.Fatal(err)
		}
		runtime.ReadMemStats(&after)
		peak = max(peak, after.HeapInuse)
		st.Close()
	}
	b.ReportMetric(float64(peak-min(peak, before.HeapInuse))/(1<<20), "MB-heap-peak")
}

// BenchmarkSaveNational saves the default catalog with the whole list of
// every era (15,310 areas) into a new database.
func BenchmarkSaveNational(b *testing.B) {
	l, err := adminmap.Load()
	if err != nil {
		b.Fatal(err)
	}
	c, err := defaults.Catalog()
	if err != nil {
		b.Fatal(err)
	}
	c.Areas = l.Areas()
	dir := b.TempDir()
	ctx := context.Background()
	i := 0
	for b.Loop() {
		i++
		st, err := store.Open(filepath.Join(dir, fmt.Sprintf("n%d.db", i)))
		if err != nil {
			b.Fatal(err)
		}
		if err := st.SaveCatalog(ctx, c); err != nil {
			b.Fatal(err)
		}
		st.Close()
	}
}

// BenchmarkOpenOffice reads the catalog of an office's database, as
// opening it does.
func BenchmarkOpenOffice(b *testing.B) {
	ctx := context.Background()
	st, err := store.Open(filepath.Join(b.TempDir(), "x.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	if err := defaults.InstallOffice(ctx, st, "06970", ""); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		c, err := st.Catalog(ctx)
		if err != nil || len(c.Areas) != 3557 {
			b.Fatalf("%d areas, %v", len(c.Areas), err)
		}
	}
}
