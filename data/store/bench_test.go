package store_test

import (
	"bytes"
	"context"
	"path/filepath"
	"testing"

	"chiso/data/benchgen"
	"chiso/data/catalog"
	"chiso/data/exchange"
	"chiso/data/number"
	"chiso/data/store"
)

// Benchmarks at the scale of one province (100 communes × 61 values × 10
// years = 61,000 values); bench/run.sh runs the national scale against the
// sqlite3 CLI.

func benchData(b *testing.B) (*catalog.Catalog, []byte) {
	b.Helper()
	var buf bytes.Buffer
	if _, err := benchgen.WriteValues(&buf, benchgen.Province); err != nil {
		b.Fatal(err)
	}
	return benchgen.Catalog(benchgen.Province), buf.Bytes()
}

func benchStore(b *testing.B, cat *catalog.Catalog) *store.Store {
	b.Helper()
	st, err := store.Open(filepath.Join(b.TempDir(), "bench.db"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	if err := st.SaveCatalog(context.Background(), cat); err != nil {
		b.Fatal(err)
	}
	return st
}

// filled returns a store holding the whole province data set.
func filled(b *testing.B) *store.Store {
	cat, csv := benchData(b)
	st := benchStore(b, cat)
	if _, err := st.Import(context.Background(), "values.csv", exchange.ReadLong(bytes.NewReader(csv), "values.csv", cat, number.English)); err != nil {
		b.Fatal(err)
	}
	return st
}

// BenchmarkImport imports the long CSV into a new database, as `chiso
// import` does.
func BenchmarkImport(b *testing.B) {
	cat, csv := benchData(b)
	ctx := context.Background()
	b.ReportAllocs()
	b.SetBytes(int64(len(csv)))
	for b.Loop() {
		b.StopTimer()
		st := benchStore(b, cat)
		b.StartTimer()
		res, err := st.Import(ctx, "values.csv", exchange.ReadLong(bytes.NewReader(csv), "values.csv", cat, number.English))
		if err != nil {
			b.Fatal(err)
		}
		if res.New != benchgen.Province.Rows() {
			b.Fatalf("%+v", res)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(benchgen.Province.Rows()), "ns/value")
}

// BenchmarkReimportUnchanged imports the same file again: every line is
// compared with the stored value and nothing is written.
func BenchmarkReimportUnchanged(b *testing.B) {
	cat, csv := benchData(b)
	st := filled(b)
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		res, err := st.Import(ctx, "values.csv", exchange.ReadLong(bytes.NewReader(csv), "values.csv", cat, number.English))
		if err != nil {
			b.Fatal(err)
		}
		if res.Unchanged != benchgen.Province.Rows() {
			b.Fatalf("%+v", res)
		}
	}
}

// BenchmarkReadLong parses the CSV alone, to separate parsing from
// writing in BenchmarkImport.
func BenchmarkReadLong(b *testing.B) {
	cat, csv := benchData(b)
	b.ReportAllocs()
	b.SetBytes(int64(len(csv)))
	for b.Loop() {
		n := 0
		for _, err := range exchange.ReadLong(bytes.NewReader(csv), "values.csv", cat, number.English) {
			if err != nil {
				b.Fatal(err)
			}
			n++
		}
		if n != benchgen.Province.Rows() {
			b.Fatal(n)
		}
	}
}

// BenchmarkPivot reads one element for every commune and year.
func BenchmarkPivot(b *testing.B) {
	st := filled(b)
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		n := 0
		err := st.EachValue(ctx, store.ValueFilter{Elements: []string{"POP"}}, func(store.Value) error {
			n++
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
		if n != benchgen.Province.Communes*benchgen.Province.Years() {
			b.Fatal(n)
		}
	}
}
