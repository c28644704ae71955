//go:build ci

package app

import (
	"context"
	"strconv"
	"testing"
	"time"

	"chiso/data/benchgen"
	"chiso/data/store"
)

// Speed of the dashboard (bench/README.md, "Dashboard"): selecting an area
// in the overview until its cards and charts are set, on the national data
// set of benchgen (34 provinces, 3,321 communes, 2016–2025).
//
//	go test -tags ci,migrated_fynedo -run '^$' -bench Dashboard -benchtime 3x -count 3 ./app
//
// The database is benchgen.CachedDB's, shared with data/calc's
// BenchmarkPivot: whichever runs first builds it.

// dbNationalStore opens the cached national database, building it first
// when missing (about 25 s).
func dbNationalStore(b *testing.B) *store.Store {
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
	return st
}

// checkDashboard fails unless the dashboard shows area in year: a card per
// indicator, some with a value, and a bar per child area.
func checkDashboard(b *testing.B, o *overview, area string, year, children int) {
	b.Helper()
	d := o.dash
	if d.data == nil || d.data.area != area || d.data.year != year {
		b.Fatalf("dashboard shows %+v, want %s %d", d.data, area, year)
	}
	if got, want := len(d.cards.Objects), len(o.s.catalog().Indicators); got != want || got == 0 {
		b.Fatalf("%d cards, want %d", got, want)
	}
	valued := 0
	for _, o := range d.cards.Objects {
		if c := o.(*dashCard); c.value != noValue && c.value != "" {
			valued++
		}
	}
	if valued == 0 {
		b.Fatal("no card shows a value")
	}
	if len(d.bar.Labels) != children || len(d.bar.Values) != children {
		b.Fatalf("bar chart of %d labels, %d values, want %d", len(d.bar.Labels), len(d.bar.Values), children)
	}
	if got := len(d.line.Labels); got != year-firstYear+1 {
		b.Fatalf("line chart of %d years", got)
	}
	if len(o.table.Rows()) == 0 {
		b.Fatal("no rows in the Values tab")
	}
}

func BenchmarkDashboard(b *testing.B) {
	sc := benchgen.National
	st := dbNationalStore(b)
	province := benchgen.ProvinceCode(0)
	communes := 0
	for c := 0; c < sc.Communes; c++ {
		if sc.ProvinceOf(c) == 0 {
			communes++
		}
	}
	for _, area := range []struct {
		name, code, other string
		children          int
	}{
		{"province", province, benchgen.ProvinceCode(1), communes},
		{"nation", benchgen.NationCode, province, sc.Provinces},
	} {
		b.Run(area.name, func(b *testing.B) {
			for _, mode := range []string{"warm", "cold", "cold+engine"} {
				b.Run(mode, func(b *testing.B) {
					o := newTestOverview(b, st)
					if o.year != sc.LastYear {
						o.years.SetSelected(strconv.Itoa(sc.LastYear)) // loads
					}
					o.tree.Select(area.code) // warms the engine for the area
					checkDashboard(b, o, area.code, sc.LastYear, area.children)
					var engine time.Duration
					b.ReportAllocs()
					for b.Loop() {
						b.StopTimer()
						o.tree.Select(area.other) // so that selecting area.code loads again
						if mode == "cold" {
							if err := o.s.reload(); err != nil {
								b.Fatal(err)
							}
						}
						b.StartTimer()
						if mode == "cold+engine" {
							start := time.Now()
							if err := o.s.reload(); err != nil {
								b.Fatal(err)
							}
							engine += time.Since(start)
						}
						o.tree.Select(area.code) // everything is done on return: synchronous session
						b.StopTimer()
						checkDashboard(b, o, area.code, sc.LastYear, area.children)
						b.StartTimer()
					}
					if mode == "cold+engine" {
						b.ReportMetric(float64(engine.Milliseconds())/float64(b.N), "engine-ms/op")
					}
				})
			}
		})
	}
}
