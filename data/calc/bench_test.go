package calc_test

import (
	"bytes"
	"context"
	"path/filepath"
	"testing"

	"chiso/data/benchgen"
	"chiso/data/calc"
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
