package calc_test

import (
	"context"
	"fmt"
	"path/filepath"
	"strconv"
	"testing"

	"chiso/data/calc"
	"chiso/data/catalog"
	"chiso/data/period"
	"chiso/data/store"
)

// TestTypedValueUpdatesTotals: a value typed for a commune (saved, then
// told to the engine by SetFact, as the entry screen does) shows in its
// district's and the nation's figures at once, sums and weighted
// averages, and in their count of estimates, without the engine reading
// the year's values of the communes: the totals come from the store's
// subtotals.
func TestTypedValueUpdatesTotals(t *testing.T) {
	ctx := context.Background()
	cat := &catalog.Catalog{
		Levels: []catalog.Level{{Level: 1, Code: "N"}, {Level: 2, Code: "P"}, {Level: 3, Code: "C"}},
		Elements: []catalog.Element{
			{Code: "POP", NameVI: "Dân số", ValueType: catalog.Integer, Aggregation: catalog.Sum},
			{Code: "INC", NameVI: "Thu nhập", ValueType: catalog.Number, Aggregation: catalog.WeightedAverage, Weight: "POP", Decimals: 1},
		},
		Areas: []catalog.Area{{Code: "VN", Name: "Cả nước", Level: 1}},
	}
	var changes []store.Change
	for p := 1; p <= 3; p++ {
		prov := fmt.Sprintf("P%d", p)
		cat.Areas = append(cat.Areas, catalog.Area{Code: prov, Name: prov, Level: 2, Parent: "VN"})
		for c := 1; c <= 5; c++ {
			code := fmt.Sprintf("%s_%d", prov, c)
			cat.Areas = append(cat.Areas, catalog.Area{Code: code, Name: code, Level: 3, Parent: prov})
			changes = append(changes,
				store.Change{Element: "POP", Area: code, Period: "2025", Value: strconv.Itoa(1000 * (p + c))},
				store.Change{Element: "INC", Area: code, Period: "2025", Value: fmt.Sprintf("%d.5", 40+p*c)})
		}
	}
	st, err := store.Open(filepath.Join(t.TempDir(), "s.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if err := st.SaveCatalog(ctx, cat); err != nil {
		t.Fatal(err)
	}
	if _, err := st.Import(ctx, "x.csv", func(yield func(store.Change, error) bool) {
		for _, c := range changes {
			if !yield(c, nil) {
				return
			}
		}
	}); err != nil {
		t.Fatal(err)
	}
	stored, err := st.Catalog(ctx)
	if err != nil {
		t.Fatal(err)
	}
	src := &countingSource{Store: st, key: store.SubtotalKey(stored)}
	en, err := calc.New(ctx, stored, src)
	if err != nil {
		t.Fatal(err)
	}
	y := period.MustParse("2025")
	// naive works a figure out from the values stored, by SQL.
	naive := func(element, prefix string) float64 {
		var v float64
		q := `SELECT sum(CAST(v.value AS REAL)) FROM datavalue v JOIN area a ON a.id = v.area_id JOIN element e ON e.id = v.element_id
			WHERE e.code = 'POP' AND v.period = '2025' AND a.code LIKE ? || '%' AND a.level = 3`
		if element == "INC" {
			q = `SELECT sum(CAST(v.value AS REAL) * CAST(w.value AS REAL)) / sum(CAST(w.value AS REAL))
				FROM datavalue v JOIN area a ON a.id = v.area_id JOIN element e ON e.id = v.element_id
				JOIN element we ON we.code = 'POP' JOIN datavalue w ON w.period = v.period AND w.element_id = we.id AND w.area_id = v.area_id
				WHERE e.code = 'INC' AND v.period = '2025' AND a.code LIKE ? || '%' AND a.level = 3`
		}
		if err := st.DB().QueryRow(q, prefix).Scan(&v); err != nil {
			t.Fatal(err)
		}
		return v
	}
	check := func(when string) {
		t.Helper()
		for _, e := range []string{"POP", "INC"} {
			for _, a := range []string{"VN", "P2"} {
				prefix := a
				if a == "VN" {
					prefix = "P"
				}
				got, ok, err := en.Value(e, a, y, "")
				if want := naive(e, prefix); err != nil || !ok || got-want > 1e-9*want || want-got > 1e-9*want {
					t.Errorf("%s: %s of %s: %v %v %v, want %v", when, e, a, got, ok, err, want)
				}
			}
		}
	}
	check("first")
	if src.facts != 0 || src.usable == 0 {
		t.Fatalf("the totals read %d sets of values and %d of subtotals", src.facts, src.usable)
	}
	for _, ch := range []store.Change{
		{Element: "POP", Area: "P2_3", Period: "2025", Value: "123456"},
		{Element: "INC", Area: "P2_4", Period: "2025", Value: "99.9"},
		{Element: "POP", Area: "P3_1", Period: "2025", Value: ""},
	} {
		if _, err := st.Save(ctx, ch); err != nil {
			t.Fatal(err)
		}
		v, _ := strconv.ParseFloat(ch.Value, 64)
		en.SetFact(y, ch.Element, ch.Area, ch.Category, v, ch.Value != "")
		check("after " + ch.Area)
	}
	if src.facts != 0 {
		t.Errorf("the engine read the values of the year %d times", src.facts)
	}

	// A value typed as an estimate, then made official, with the form's
	// values read as the entry screen reads them: the province's figure
	// counts it among its estimates, then no more.
	if _, _, err := en.Value("POP", "P2_2", y, ""); err != nil {
		t.Fatal(err)
	}
	for _, status := range []store.Status{store.Estimate, store.Official} {
		ch := store.Change{Element: "POP", Area: "P2_2", Period: "2025", Value: "4321", Status: status}
		if _, err := st.Save(ctx, ch); err != nil {
			t.Fatal(err)
		}
		en.SetFact(y, ch.Element, ch.Area, "", 4321, true)
		en.SetEstimate(y, ch.Element, ch.Area, "", status == store.Estimate)
		want := 0
		if status == store.Estimate {
			want = 1
		}
		for _, a := range []string{"P2", "VN"} {
			if got, err := en.Estimates("POP", a, y, ""); err != nil || got.Estimated != want {
				t.Errorf("%s of POP in %s: %+v %v, want %d", status, a, got, err, want)
			}
		}
		check("after an estimate")
	}
	if src.facts != 1 {
		t.Errorf("the engine read the values of the year %d times, want once (the commune's form)", src.facts)
	}
}
