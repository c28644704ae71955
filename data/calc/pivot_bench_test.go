package calc_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"chiso/data/benchgen"
	"chiso/data/calc"
	"chiso/data/catalog"
	"chiso/data/exchange"
	"chiso/data/number"
	"chiso/data/period"
	"chiso/data/store"
)

// nationalDBVersion names the cached national database; change it when
// benchgen or the store's schema changes.
const nationalDBVersion = "v1"

// nationalStore opens the generated national data set (3,321 communes,
// 2016–2025, about 2 million values). Importing it takes several seconds,
// so the database is built once and kept in the temporary directory.
func nationalStore(b *testing.B) (*store.Store, *catalog.Catalog) {
	b.Helper()
	ctx := context.Background()
	sc := benchgen.National
	cat := benchgen.Catalog(sc)
	path := filepath.Join(os.TempDir(), "chiso-pivot-bench-"+sc.Name+"-"+nationalDBVersion+".db")
	if _, err := os.Stat(path); err != nil {
		tmp := path + ".part"
		os.Remove(tmp)
		st, err := store.Open(tmp)
		if err != nil {
			b.Fatal(err)
		}
		var buf bytes.Buffer
		if _, err := benchgen.WriteValues(&buf, sc); err != nil {
			b.Fatal(err)
		}
		if err := st.SaveCatalog(ctx, cat); err != nil {
			b.Fatal(err)
		}
		if _, err := st.Import(ctx, "values.csv", exchange.ReadLong(&buf, "values.csv", cat, number.English)); err != nil {
			b.Fatal(err)
		}
		if err := st.Close(); err != nil {
			b.Fatal(err)
		}
		for _, suffix := range []string{"-wal", "-shm"} {
			os.Remove(tmp + suffix)
		}
		if err := os.Rename(tmp, path); err != nil {
			b.Fatal(err)
		}
	}
	st, err := store.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	return st, cat
}

// benchPivot computes code for every commune of the nation and every year.
func benchPivot(b *testing.B, code string, fresh bool) {
	ctx := context.Background()
	st, cat := nationalStore(b)
	sc := benchgen.National
	var ps []period.Period
	for y := sc.FirstYear; y <= sc.LastYear; y++ {
		ps = append(ps, period.Period{Type: period.Year, Year: y})
	}
	newEngine := func() *calc.Engine {
		en, err := calc.New(ctx, cat, st)
		if err != nil {
			b.Fatal(err)
		}
		return en
	}
	en := newEngine()
	if _, err := en.Pivot(code, benchgen.NationCode, 4, ps, ""); err != nil { // warm the engine
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if fresh {
			en = newEngine()
		}
		pv, err := en.Pivot(code, benchgen.NationCode, 4, ps, "")
		if err != nil {
			b.Fatal(err)
		}
		if len(pv.Rows) != sc.Communes || !pv.Total.OK[len(ps)-1] {
			b.Fatalf("%d rows", len(pv.Rows))
		}
	}
	b.ReportMetric(float64(sc.Communes*len(ps)), "cells/op")
}

// BenchmarkPivot builds the table of POP for the 3,321 communes of the
// national data set × 10 years on an engine that has already read the
// years' values (what the Bảng screen does when the user re-sorts, changes
// the element or the range).
func BenchmarkPivot(b *testing.B) { benchPivot(b, "POP", false) }

// BenchmarkPivotIndicator is BenchmarkPivot for the poverty rate, a ratio
// of two aggregated elements.
func BenchmarkPivotIndicator(b *testing.B) { benchPivot(b, "POV_RATE", false) }

// BenchmarkPivotCold is BenchmarkPivot on a new engine each time: reading
// the 10 years' values (all 61 elements, about 2 million) is included.
func BenchmarkPivotCold(b *testing.B) { benchPivot(b, "POP", true) }
