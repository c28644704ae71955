package calc_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"testing"

	"chiso/data/calc"
	"chiso/data/catalog"
	"chiso/data/period"
	"chiso/data/store"
)

// statusEngine stores a catalog and values "ELEMENT AREA PERIOD
// VALUE [E]" (E: an estimate) and returns the store and an engine.
func statusEngine(t *testing.T, cat *catalog.Catalog, values ...string) (*store.Store, *calc.Engine) {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(filepath.Join(t.TempDir(), "s.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	var cs []store.Change
	for _, v := range values {
		f := strings.Fields(v)
		c := store.Change{Element: f[0], Area: f[1], Period: f[2], Value: f[3]}
		if len(f) > 4 {
			c.Status = store.Estimate
		}
		cs = append(cs, c)
	}
	if err := saveAsStored(ctx, st, cat, cs); err != nil {
		t.Fatal(err)
	}
	en, err := calc.New(ctx, cat, st)
	if err != nil {
		t.Fatal(err)
	}
	return st, en
}

// TestEstimates counts the areas whose values make up a figure and those
// among them holding an estimate: for a sum, an indicator (numerator and
// denominator together), a group, an area that stores its own value over
// its children's, and a range of years.
func TestEstimates(t *testing.T) {
	cat := reformCatalog()
	cat.Elements[0].TimeAggregation = catalog.TimeFlow // POOR adds up over a range
	_, en := statusEngine(t, cat,
		"POOR C1 2018 10 E", "POOR C2 2018 30", "HH C1 2018 100", "HH C2 2018 1000 E",
		"POOR D 2019 40 E", "POOR C1 2019 12",
		"POOR N1 2026 7 E", "HH N1 2026 70",
		"POOR C2 2020Q1 5", "POOR C2 2020Q2 6", "POOR C2 2020Q3 4 E", "POOR C2 2020Q4 3")
	for _, tc := range []struct {
		code, area, per, group string
		want                   calc.Estimates
		note                   string
	}{
		{"POOR", "D", "2018", "", calc.Estimates{Estimated: 1, Reporting: 2}, "gồm số ước tính của 1/2 đơn vị"},
		{"POOR", "P", "2018", "", calc.Estimates{Estimated: 1, Reporting: 2}, "gồm số ước tính của 1/2 đơn vị"},
		{"POOR", "C2", "2018", "", calc.Estimates{Estimated: 0, Reporting: 1}, ""},
		{"POOR", "C1", "2018", "", calc.Estimates{Estimated: 1, Reporting: 1}, "số ước tính"},
		// An indicator counts the areas of the element it reads that rests
		// most on estimates: POOR (C1's estimate) or HH (C2's), each 1/2.
		{"RATE", "D", "2018", "", calc.Estimates{Estimated: 1, Reporting: 2}, "gồm số ước tính của 1/2 đơn vị"},
		{"POOR", "P", "2018", "DBKK", calc.Estimates{Estimated: 1, Reporting: 1}, "số ước tính"},
		{"POOR", "P", "2019", "", calc.Estimates{Estimated: 1, Reporting: 1}, "số ước tính"}, // D's own value, not C1's
		// A flow over a range: the areas of its last year (D's own value),
		// an estimate when any year's figure rests on one.
		{"POOR", "P", "2018-2019", "", calc.Estimates{Estimated: 1, Reporting: 1}, "số ước tính"},
		{"RATE", "P", "2026", "", calc.Estimates{Estimated: 1, Reporting: 1}, "số ước tính"},
		{"HH", "P", "2019", "", calc.Estimates{}, ""},
		// A year made of its quarters, one of them estimated.
		{"POOR", "C2", "2020", "", calc.Estimates{Estimated: 1, Reporting: 1}, "số ước tính"},
		{"POOR", "C2", "2020Q2", "", calc.Estimates{Estimated: 0, Reporting: 1}, ""},
	} {
		got, err := en.Estimates(tc.code, tc.area, period.MustParse(tc.per), tc.group)
		if err != nil || got != tc.want || got.Note("vi") != tc.note {
			t.Errorf("%s %s %s %s: %+v %q (%v), want %+v %q", tc.code, tc.area, tc.per, tc.group, got, got.Note("vi"), err, tc.want, tc.note)
		}
	}
	if _, err := en.Estimates("NONE", "P", period.MustParse("2018"), ""); err == nil {
		t.Error("an unknown code gave no error")
	}
}

// TestEstimatesMatchNaiveCount: with communes reporting at random, some
// as estimates, the province's count equals the one made the naive way —
// the communes with a stored value, and those stored as estimates, read
// straight from the database.
func TestEstimatesMatchNaiveCount(t *testing.T) {
	cat := reformCatalog()
	rng := rand.New(rand.NewPCG(7, 7))
	var values []string
	for i := range 40 {
		code := fmt.Sprintf("X%02d", i)
		cat.Areas = append(cat.Areas, catalog.Area{Code: code, Name: code, Level: 3, Parent: "P", ValidFrom: "2025-07-01"})
		if rng.IntN(4) == 0 {
			continue // not reported
		}
		v := fmt.Sprintf("POOR %s 2026 %d", code, rng.IntN(50))
		if rng.IntN(3) == 0 {
			v += " E"
		}
		values = append(values, v)
	}
	st, en := statusEngine(t, cat, values...)
	got, err := en.Estimates("POOR", "P", period.MustParse("2026"), "")
	if err != nil {
		t.Fatal(err)
	}
	vs, err := st.Values(context.Background(), store.ValueFilter{Elements: []string{"POOR"}, Periods: []string{"2026"}})
	if err != nil {
		t.Fatal(err)
	}
	var naive calc.Estimates
	for _, v := range vs {
		naive.Reporting++
		if v.Status == store.Estimate {
			naive.Estimated++
		}
	}
	if got != naive || naive.Estimated == 0 {
		t.Fatalf("engine %+v, naive %+v", got, naive)
	}
}
