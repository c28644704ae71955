package calc_test

import (
	"context"
	"testing"

	"chiso/data/benchgen"
	"chiso/data/calc"
	"chiso/data/catalog"
	"chiso/data/period"
	"chiso/data/store"
)

// nationalStore opens the generated national data set (3,321 communes,
// 2016–2025, about 2 million values), built once by benchgen.CachedDB.
func nationalStore(b *testing.B) (*store.Store, *catalog.Catalog) {
	b.Helper()
	path, err := benchgen.CachedDB(context.Background(), benchgen.National)
	if err != nil {
		b.Fatal(err)
	}
	st, err := store.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	return st, benchgen.Catalog(benchgen.National)
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
	if _, err := en.Pivot(code, benchgen.NationCode, 4, ps, "", calc.RowsInForce); err != nil { // warm the engine
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if fresh {
			en = newEngine()
		}
		pv, err := en.Pivot(code, benchgen.NationCode, 4, ps, "", calc.RowsInForce)
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
