package store_test

import (
	"context"
	"fmt"
	"math"
	"path/filepath"
	"strconv"
	"testing"

	"chiso/data/catalog"
	"chiso/data/period"
	"chiso/data/store"
)

// subtotalCatalog is a nation of two districts of communes, one of which
// ends in mid-2022 and is followed by a new district; a commune ends with
// it and one moves to the other district with a parent over time.
func subtotalCatalog() *catalog.Catalog {
	c := &catalog.Catalog{
		Levels:     []catalog.Level{{Level: 1, Code: "L1"}, {Level: 2, Code: "L2"}, {Level: 3, Code: "L3"}},
		Categories: []catalog.CategoryOption{{Code: "A", NameVI: "A"}, {Code: "B", NameVI: "B"}},
		Elements: []catalog.Element{
			{Code: "INT", NameVI: "Số nguyên", ValueType: catalog.Integer, Aggregation: catalog.Sum},
			{Code: "DEC", NameVI: "Số thập phân", ValueType: catalog.Number, Aggregation: catalog.Sum, Decimals: 2},
			{Code: "YN", NameVI: "Có/không", ValueType: catalog.YesNo, Aggregation: catalog.CountYes},
			{Code: "CAT", NameVI: "Phân tổ", ValueType: catalog.Integer, Aggregation: catalog.Sum, Categories: []string{"A", "B"}},
		},
		Areas: []catalog.Area{
			{Code: "R", Name: "Gốc", Level: 1},
			{Code: "D1", Name: "Huyện Một", Level: 2, Parent: "R"},
			{Code: "D2", Name: "Huyện Hai", Level: 2, Parent: "R", ValidTo: "2022-06-30", Successors: []string{"D3"}},
			{Code: "D3", Name: "Huyện Ba", Level: 2, Parent: "R", ValidFrom: "2022-07-01"},
		},
	}
	for i := 1; i <= 9; i++ {
		a := catalog.Area{Code: fmt.Sprintf("C%d", i), Name: fmt.Sprintf("Xã %d", i), Level: 3, Parent: "D1"}
		switch {
		case i == 5:
			a.Parent, a.ValidTo = "D2", "2022-06-30"
		case i > 5:
			a.Parent = "D3"
			a.Parents = []catalog.ParentSpan{{Parent: "D2", To: "2022-06-30"}, {Parent: "D3", From: "2022-07-01"}}
		}
		c.Areas = append(c.Areas, a)
	}
	return c
}

// naiveSubtotals works the subtotals out from the values and the catalog
// as the comment of subtotal.go says, literally.
func naiveSubtotals(t *testing.T, st *store.Store, c *catalog.Catalog, element, per string) map[string]store.Subtotal {
	t.Helper()
	vs, err := st.Values(context.Background(), store.ValueFilter{Elements: []string{element}, Periods: []string{per}})
	if err != nil {
		t.Fatal(err)
	}
	hasChildren := map[string]bool{}
	for _, a := range c.Areas {
		hasChildren[a.Parent] = true
		for _, p := range a.Parents {
			hasChildren[p.Parent] = true
		}
	}
	areas := map[string]catalog.Area{}
	for _, a := range c.Areas {
		areas[a.Code] = a
	}
	day := period.MustParse(per).End()
	d := day.Format("2006-01-02")
	out := map[string]store.Subtotal{}
	for _, v := range vs {
		f, _ := strconv.ParseFloat(v.Value, 64)
		a := areas[v.Area]
		x, own := a.Code, true
		if !hasChildren[a.Code] {
			if !period.ValidOn(a.ValidFrom, a.ValidTo, day) || a.ParentOn(d) == "" {
				continue
			}
			x, own = a.ParentOn(d), false
		}
		k := x + "." + v.Category
		s := out[k]
		s.Area, s.Category = x, v.Category
		if own {
			s.Own, s.HasOwn = f, true
		} else {
			s.N++
			s.Sum += f
		}
		out[k] = s
	}
	return out
}

// checkSubtotals compares the subtotals with naiveSubtotals over the
// catalog as the store holds it.
func checkSubtotals(t *testing.T, st *store.Store, when string) {
	t.Helper()
	ctx := context.Background()
	c, err := st.Catalog(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if problems, err := st.Check(ctx); err != nil || len(problems) > 0 {
		t.Fatalf("%s: check: %v %v", when, err, problems)
	}
	key := store.TreeKey(c.Areas)
	for _, e := range []string{"INT", "DEC", "YN", "CAT"} {
		for _, per := range []string{"2021", "2022", "2022Q1", "2023"} {
			got, rows, err := st.Subtotals(ctx, e, per)
			if err != nil {
				t.Fatal(err)
			}
			if got != key {
				t.Fatalf("%s: subtotals for tree %s, the catalog's is %s", when, got, key)
			}
			want := naiveSubtotals(t, st, c, e, per)
			if len(rows) != len(want) {
				t.Errorf("%s: %s %s: %d subtotals, want %d: %+v, want %+v", when, e, per, len(rows), len(want), rows, want)
			}
			for _, r := range rows {
				w := want[r.Area+"."+r.Category]
				if r.Area != w.Area || r.HasOwn != w.HasOwn || r.Own != w.Own || r.N != w.N || math.Abs(r.Sum-w.Sum) > 1e-9 {
					t.Errorf("%s: %s %s: %+v, want %+v", when, e, per, r, w)
				}
			}
		}
	}
}

// TestSubtotalsFollowTheValues writes values every way the store writes
// them — a first import, a second one changing some, typed values,
// deletions, a parent's own value — and compares the subtotals kept with
// those worked out from the values after each, and after the tree
// changes.
func TestSubtotalsFollowTheValues(t *testing.T) {
	ctx := context.Background()
	st, err := store.Open(filepath.Join(t.TempDir(), "s.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	c := subtotalCatalog()
	if err := st.SaveCatalog(ctx, c); err != nil {
		t.Fatal(err)
	}
	var changes []store.Change
	for _, per := range []string{"2021", "2022", "2022Q1", "2023"} {
		for _, a := range c.Areas {
			if a.Level != 3 {
				continue
			}
			n, _ := strconv.Atoi(a.Code[1:])
			changes = append(changes,
				store.Change{Element: "INT", Area: a.Code, Period: per, Value: strconv.Itoa(100 * n)},
				store.Change{Element: "DEC", Area: a.Code, Period: per, Value: fmt.Sprintf("%d.1", n)},
				store.Change{Element: "YN", Area: a.Code, Period: per, Value: strconv.Itoa(n % 2)},
				store.Change{Element: "CAT", Area: a.Code, Period: per, Category: "A", Value: strconv.Itoa(n)},
				store.Change{Element: "CAT", Area: a.Code, Period: per, Category: "B", Value: strconv.Itoa(2 * n)})
		}
	}
	if _, err := st.Import(ctx, "first.csv", seq(changes...)); err != nil {
		t.Fatal(err)
	}
	checkSubtotals(t, st, "first import")

	// A second import: most values the same, every third changed, some
	// deleted, a district's own value.
	for i := range changes {
		switch i % 7 {
		case 0:
			changes[i].Value = ""
		case 3:
			if changes[i].Element == "DEC" {
				changes[i].Value = "0.25"
			} else if changes[i].Element != "YN" {
				changes[i].Value = "7"
			}
		}
	}
	changes = append(changes, store.Change{Element: "INT", Area: "D1", Period: "2022", Value: "5"},
		store.Change{Element: "DEC", Area: "R", Period: "2023", Value: "1.5"})
	if _, err := st.Import(ctx, "second.csv", seq(changes...)); err != nil {
		t.Fatal(err)
	}
	checkSubtotals(t, st, "second import")

	for _, ch := range []store.Change{
		{Element: "INT", Area: "C2", Period: "2022", Value: "123456789"},
		{Element: "INT", Area: "C6", Period: "2022", Value: ""},
		{Element: "INT", Area: "D1", Period: "2022", Value: ""},
		{Element: "DEC", Area: "C9", Period: "2021", Value: "3.75"},
		{Element: "YN", Area: "C1", Period: "2023", Value: "1"},
	} {
		if _, err := st.Save(ctx, ch); err != nil {
			t.Fatal(err)
		}
	}
	checkSubtotals(t, st, "typed values")

	// A commune moves to the other district: the subtotals follow the new
	// tree.
	c.Areas[5].Parent = "D3"
	c.Areas[5].Parents = []catalog.ParentSpan{{Parent: "D1", To: "2021-12-31"}, {Parent: "D3", From: "2022-01-01"}}
	if err := st.SaveCatalog(ctx, c); err != nil {
		t.Fatal(err)
	}
	checkSubtotals(t, st, "a commune moved")
}
