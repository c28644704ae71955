package replica

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
	"time"

	"chiso/data/benchgen"
	"chiso/data/exchange"
	"chiso/data/number"
)

// BenchmarkSync measures sending and receiving every value of a data set
// as sync changes, against the bulk CSV import of the same values into a
// new database. CHISO_BENCH_SYNC=million uses 1,000,400 values (1,640
// communes × 10 years × 61); the default is the province scale (61,000).
// Figures: bench/README.md.
func BenchmarkSync(b *testing.B) {
	sc := benchgen.Province
	if os.Getenv("CHISO_BENCH_SYNC") == "million" {
		sc = benchgen.Scale{Name: "million", Provinces: 1, Communes: 1640, FirstYear: 2016, LastYear: 2025}
	}
	var csv bytes.Buffer
	rows, err := benchgen.WriteValues(&csv, sc)
	if err != nil {
		b.Fatal(err)
	}
	cat := benchgen.Catalog(sc)
	for range b.N {
		dir := b.TempDir()
		src := openDB(b, "source")
		if err := src.SaveCatalog(ctx, cat); err != nil {
			b.Fatal(err)
		}
		makeProvince(b, src, "Tỉnh", benchgen.NationCode)
		office := issueOffice(b, src, "Xã", Commune, benchgen.CommuneCode(0))
		start, cpu := time.Now(), benchgen.CPUTime()
		if _, err := src.Import(ctx, "values.csv", exchange.ReadLong(bytes.NewReader(csv.Bytes()), "values.csv", cat, number.English)); err != nil {
			b.Fatal(err)
		}
		csvImport, csvCPU := time.Since(start), benchgen.CPUTime()-cpu

		start = time.Now()
		rep := syncWith(b, src, dir)
		export := time.Since(start)
		if rep.Exported != rows {
			b.Fatalf("exported %d of %d", rep.Exported, rows)
		}

		dst := openDB(b, "destination")
		if _, err := LoadOfficeFile(ctx, dst, office); err != nil {
			b.Fatal(err)
		}
		start, cpu = time.Now(), benchgen.CPUTime()
		rep = syncWith(b, dst, dir)
		imp, impCPU := time.Since(start), benchgen.CPUTime()-cpu
		if rep.Applied != rows {
			b.Fatalf("applied %d of %d", rep.Applied, rows)
		}
		var size int64
		filepath.Walk(dir, func(_ string, info os.FileInfo, _ error) error {
			if info != nil && !info.IsDir() {
				size += info.Size()
			}
			return nil
		})
		b.ReportMetric(float64(rows), "changes")
		b.ReportMetric(csvImport.Seconds(), "csv-import-s")
		b.ReportMetric(export.Seconds(), "export-s")
		b.ReportMetric(imp.Seconds(), "import-s")
		b.ReportMetric(imp.Seconds()/csvImport.Seconds(), "import/csv")
		// CPU seconds of the process: steadier than wall time on a
		// shared machine (the import reads and checks on two goroutines).
		b.ReportMetric(csvCPU.Seconds(), "csv-import-cpu-s")
		b.ReportMetric(impCPU.Seconds(), "import-cpu-s")
		b.ReportMetric(impCPU.Seconds()/csvCPU.Seconds(), "import/csv-cpu")
		b.ReportMetric(float64(size)/1e6, "folder-MB")
	}
}
