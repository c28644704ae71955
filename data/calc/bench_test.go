package calc_test

import (
	"bytes"
	"context"
	"path/filepath"
	"testing"
	"time"

	"chiso/data/benchgen"
	"chiso/data/calc"
	"chiso/data/catalog"
	"chiso/data/exchange"
	"chiso/data/number"
	"chiso/data/period"
	"chiso/data/store"
)

// BenchmarkAggregate computes every element (with its categories) and
// every indicator for the province and the nation for one year, on one
// province of 100 communes, from a new engine each time (so reading the
// year's values is included).
func BenchmarkAggregate(b *testing.B) {
	ctx := context.Background()
	sc := benchgen.Province
	cat := benchgen.Catalog(sc)
	var buf bytes.Buffer
	if _, err := benchgen.WriteValues(&buf, sc); err != nil {
		b.Fatal(err)
	}
	st, err := store.Open(filepath.Join(b.TempDir(), "bench.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	if err := st.SaveCatalog(ctx, cat); err != nil {
		b.Fatal(err)
	}
	if _, err := st.Import(ctx, "values.csv", exchange.ReadLong(&buf, "values.csv", cat, number.English)); err != nil {
		b.Fatal(err)
	}
	var codes []string
	for _, e := range cat.Elements {
		codes = append(codes, e.Code)
		for _, c := range e.Categories {
			codes = append(codes, e.Code+"."+c)
		}
	}
	for _, in := range cat.Indicators {
		codes = append(codes, in.Code)
	}
	p := period.MustParse("2025")
	areas := []string{benchgen.NationCode}
	for i := range sc.Provinces {
		areas = append(areas, benchgen.ProvinceCode(i))
	}
	b.ReportAllocs()
	for b.Loop() {
		en, err := calc.New(ctx, cat, st)
		if err != nil {
			b.Fatal(err)
		}
		for _, a := range areas {
			for _, code := range codes {
				if _, ok, err := en.Value(code, a, p, ""); err != nil || !ok {
					b.Fatalf("%s %s: ok=%v err=%v", code, a, ok, err)
				}
			}
		}
	}
}

// reformStore builds, once per benchmark, a database of the real map
// (benchgen.ReformDB: every unit of the official list with its successors,
// and the values of every commune of every year from 2011 to 2026 on the
// map of its time, about 480,000), and returns it with the catalog the
// engine reads.
func reformStore(b *testing.B) (*store.Store, *catalog.Catalog) {
	b.Helper()
	st, cat, n, err := benchgen.ReformDB(context.Background(), filepath.Join(b.TempDir(), "reform.db"), nil)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	b.Logf("%d values", n)
	return st, cat
}

// BenchmarkReformTrend computes poverty-rate trends 2011–2026 on today's
// boundaries (the last day of 2026) at national scale, each time from a
// new engine (so reading the values is included; "new-engine" is that
// alone, over the 15,310 areas of the list): a province's (Quảng
// Ninh, whose 2011–2024 come from the former province through the
// successor mapping), the province's and each of its 54 new communes'
// (each from the communes it was made of), and every province's. The
// reference "own" is the same province's years without the mapping: the
// former province's own figures for 2011–2024 and the new one's for 2025
// and 2026.
func BenchmarkReformTrend(b *testing.B) {
	ctx := context.Background()
	st, cat := reformStore(b)
	today := time.Date(2026, 12, 31, 0, 0, 0, 0, time.UTC)
	years := func(f func(y period.Period) error) error {
		for y := 2011; y <= 2026; y++ {
			if err := f(period.Period{Type: period.Year, Year: y}); err != nil {
				return err
			}
		}
		return nil
	}
	trend := func(en *calc.Engine, area string) error {
		return years(func(y period.Period) error {
			_, err := en.FigureOn("POV_RATE", area, y, "", today)
			return err
		})
	}
	run := func(b *testing.B, work func(en *calc.Engine) error) {
		b.ReportAllocs()
		start := benchgen.CPUTime()
		defer func() {
			b.ReportMetric(float64(benchgen.CPUTime()-start)/float64(time.Millisecond)/float64(b.N), "cpu-ms/op")
		}()
		for b.Loop() {
			en, err := calc.New(ctx, cat, st)
			if err != nil {
				b.Fatal(err)
			}
			if err := work(en); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.Run("new-engine", func(b *testing.B) { run(b, func(*calc.Engine) error { return nil }) })
	b.Run("province", func(b *testing.B) { run(b, func(en *calc.Engine) error { return trend(en, "22") }) })
	b.Run("province-own", func(b *testing.B) {
		run(b, func(en *calc.Engine) error {
			return years(func(y period.Period) error {
				area := "T22"
				if y.Year >= 2025 {
					area = "22"
				}
				_, err := en.Figure("POV_RATE", area, y, "")
				return err
			})
		})
	})
	b.Run("province+communes", func(b *testing.B) {
		run(b, func(en *calc.Engine) error {
			if err := trend(en, "22"); err != nil {
				return err
			}
			for _, c := range en.Children("22", period.MustParse("2026")) {
				if err := trend(en, c); err != nil {
					return err
				}
			}
			return nil
		})
	})
	b.Run("every-province", func(b *testing.B) {
		run(b, func(en *calc.Engine) error {
			for _, p := range en.Children("VN", period.MustParse("2026")) {
				if err := trend(en, p); err != nil {
					return err
				}
			}
			return nil
		})
	})
}
