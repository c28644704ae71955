package adminmap

import (
	"bytes"
	"compress/gzip"
	"io"
	"runtime"
	"slices"
	"strings"
	"testing"

	"chiso/assets"
	"chiso/data/catalog"
	"chiso/data/vntext"
)

// Benchmarks of the national list (15,310 areas of every era); the figures
// are in bench/README.md.

// BenchmarkLoad reads the embedded CSV files into areas. It reports the
// heap the list keeps once loaded.
func BenchmarkLoad(b *testing.B) {
	var l *List
	start := cpuTime()
	for b.Loop() {
		var err error
		if l, err = Load(); err != nil {
			b.Fatal(err)
		}
	}
	reportCPU(b, start)
	b.StopTimer()
	l = nil
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	l, _ = Load()
	runtime.GC()
	runtime.ReadMemStats(&after)
	b.ReportMetric(float64(after.HeapAlloc-before.HeapAlloc)/(1<<20), "MB-kept")
	runtime.KeepAlive(l)
}

// BenchmarkGunzip is what reading the files would add if they were
// embedded gzipped (214 kB instead of 1.65 MB).
func BenchmarkGunzip(b *testing.B) {
	var zipped [][]byte
	for _, name := range Files {
		data, err := assets.FS.ReadFile("admin/" + name)
		if err != nil {
			b.Fatal(err)
		}
		var buf bytes.Buffer
		w, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
		w.Write(data)
		w.Close()
		zipped = append(zipped, buf.Bytes())
	}
	start := cpuTime()
	defer reportCPU(b, start)
	for b.Loop() {
		for _, z := range zipped {
			r, err := gzip.NewReader(bytes.NewReader(z))
			if err != nil {
				b.Fatal(err)
			}
			if _, err := io.Copy(io.Discard, r); err != nil {
				b.Fatal(err)
			}
		}
	}
}

func national(b *testing.B) *catalog.Catalog {
	b.Helper()
	l, err := Load()
	if err != nil {
		b.Fatal(err)
	}
	c := defaultCatalog(b)
	c.Areas = append(c.Areas, l.Areas()...)
	return c
}

// BenchmarkValidate checks the default catalog with the national list, as
// before saving it.
func BenchmarkValidate(b *testing.B) {
	c := national(b)
	start := cpuTime()
	defer reportCPU(b, start)
	for b.Loop() {
		if err := c.Validate(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSearch finds communes of today by name without accents among
// the 3,321 in force, as the first-start screen will ("tien yen" finds the
// two Xã Tiên Yên and Xã Tiên Nguyên, whose "nguyen" holds "yen"): each
// name folded at every search (vntext.Contains), and folded once
// beforehand.
func BenchmarkSearch(b *testing.B) {
	l, err := Load()
	if err != nil {
		b.Fatal(err)
	}
	var names, folded []string
	for _, u := range l.Units {
		if u.Level == LevelCommune && u.ValidTo == "" {
			names = append(names, u.Name)
			folded = append(folded, vntext.Fold(u.Name))
		}
	}
	search := func(b *testing.B, match func(i int) bool) {
		start := cpuTime()
		defer reportCPU(b, start)
		for b.Loop() {
			n := 0
			for i := range names {
				if match(i) {
					n++
				}
			}
			if n != 3 {
				b.Fatalf("%d communes found, want 3", n)
			}
		}
	}
	b.Run("contains", func(b *testing.B) {
		search(b, func(i int) bool { return vntext.Contains(names[i], "tien yen") })
	})
	b.Run("prefolded", func(b *testing.B) {
		words := strings.Fields(vntext.Fold("tien yen"))
		search(b, func(i int) bool {
			for _, w := range words {
				if !strings.Contains(folded[i], w) {
					return false
				}
			}
			return true
		})
	})
	// What the first-start screen does: word starts, own and former names
	// (3,321 units and their 10,000 names of before), loosely when nothing
	// matches exactly ("dong dac" for Đồn Đạc). Making the Finder folds
	// every name once.
	b.Run("finder-new", func(b *testing.B) {
		start := cpuTime()
		defer reportCPU(b, start)
		for b.Loop() {
			l.NewFinder(LevelCommune)
		}
	})
	f := l.NewFinder(LevelCommune)
	for _, q := range []struct {
		name, query string
		want        int
	}{{"finder", "tien yen", 4}, {"finder-loose", "dong dac", 3}} {
		b.Run(q.name, func(b *testing.B) {
			start := cpuTime()
			defer reportCPU(b, start)
			for b.Loop() {
				if n := len(f.Find(q.query, "")); n != q.want {
					b.Fatalf("%q: %d found, want %d", q.query, n, q.want)
				}
			}
		})
	}
}

// BenchmarkTree builds the tree of the units in force on a day, each
// parent's children in Vietnamese order: the 34 provinces and their
// communes in 2026, the 63 provinces, their districts and communes in 2020.
func BenchmarkTree(b *testing.B) {
	l, err := Load()
	if err != nil {
		b.Fatal(err)
	}
	for _, day := range []string{"2026-01-01", "2020-12-31"} {
		b.Run(day, func(b *testing.B) {
			start := cpuTime()
			defer reportCPU(b, start)
			for b.Loop() {
				kids := map[string][]*Unit{}
				for i := range l.Units {
					u := &l.Units[i]
					if (u.ValidFrom == "" || u.ValidFrom <= day) && (u.ValidTo == "" || day <= u.ValidTo) {
						p := u.ParentOn(day)
						kids[p] = append(kids[p], u)
					}
				}
				for _, k := range kids {
					slices.SortFunc(k, func(a, b *Unit) int { return vntext.Compare(a.Name, b.Name) })
				}
			}
		})
		// The same tree sorted by collation keys computed once (vntext.KeyOf),
		// as the area trees of the app are.
		b.Run(day+"-keys", func(b *testing.B) {
			start := cpuTime()
			defer reportCPU(b, start)
			for b.Loop() {
				kids := map[string][]*Unit{}
				keys := map[*Unit]vntext.Key{}
				for i := range l.Units {
					u := &l.Units[i]
					if (u.ValidFrom == "" || u.ValidFrom <= day) && (u.ValidTo == "" || day <= u.ValidTo) {
						p := u.ParentOn(day)
						kids[p] = append(kids[p], u)
						keys[u] = vntext.KeyOf(u.Name)
					}
				}
				for _, k := range kids {
					slices.SortFunc(k, func(a, b *Unit) int { return keys[a].Compare(keys[b]) })
				}
			}
		})
	}
}
