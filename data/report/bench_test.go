package report

import (
	"context"
	"io"
	"os"
	"testing"
	"time"

	"chiso/data/benchgen"
	"chiso/data/calc"
	"chiso/data/number"
	"chiso/data/period"
	"chiso/data/store"
)

// BenchmarkProvinceReport builds the 2025 report of a province over its
// communes (every element and indicator, with the analysis and the charts'
// data) from a database with its values, and writes it as XLSX, PDF and
// CSV. The province scale has 100 communes (61,000 values);
// CHISO_BENCH_REPORT=national uses province P01 of the national database
// (34 provinces, 3,321 communes, 2 M values; built once and cached).
// Figures: bench/README.md.
func BenchmarkProvinceReport(b *testing.B) {
	ctx := context.Background()
	sc := benchgen.Province
	if os.Getenv("CHISO_BENCH_REPORT") == "national" {
		sc = benchgen.National
	}
	path, err := benchgen.CachedDB(ctx, sc)
	if err != nil {
		b.Fatal(err)
	}
	st, err := store.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	cat, err := st.Catalog(ctx)
	if err != nil {
		b.Fatal(err)
	}
	o := Options{Area: benchgen.ProvinceCode(0), Period: period.MustParse("2025"), Lang: "vi", Today: time.Now()}
	for _, stage := range []struct {
		name  string
		write func(io.Writer, *Report) error
	}{
		{"build", nil},
		{"xlsx", WriteXLSX},
		{"pdf", WritePDF},
		{"csv", func(w io.Writer, r *Report) error { return WriteCSV(w, r, number.Vietnamese) }},
	} {
		b.Run(stage.name, func(b *testing.B) {
			for range b.N {
				// A cold engine each time: the report is the first thing
				// asked of a freshly opened database.
				en, err := calc.New(ctx, cat, st)
				if err != nil {
					b.Fatal(err)
				}
				r, err := New(en, o, number.Vietnamese)
				if err != nil {
					b.Fatal(err)
				}
				if stage.write != nil {
					if err := stage.write(io.Discard, r); err != nil {
						b.Fatal(err)
					}
				}
			}
		})
	}
}
