package store_test

import (
	"context"
	"reflect"
	"testing"

	"chiso/data/catalog"
)

// TestAreaHistoryRoundTrip saves areas that moved between parents, were
// split with and without shares and came before their parents in the
// list, reads them back whole, then saves a change over them: the spans,
// successors and shares are those of the last save, nothing doubled.
func TestAreaHistoryRoundTrip(t *testing.T) {
	st := openTest(t)
	ctx := context.Background()
	c := testCatalog()
	c.Areas = append(c.Areas,
		// X comes before D2, its later parent, and before N1 and N2.
		catalog.Area{Code: "X", Name: "Xã Cũ", Level: 2, Parent: "D2", ValidTo: "2025-06-30",
			Parents:    []catalog.ParentSpan{{Parent: "P", To: "2019-12-31"}, {Parent: "D2", From: "2020-01-01", To: "2025-06-30"}},
			Successors: []string{"N1", "N2"}, Shares: map[string]float64{"N1": 1, "N2": 0}},
		catalog.Area{Code: "Y", Name: "Xã Chia", Level: 2, Parent: "P", ValidTo: "2025-06-30", Successors: []string{"N1", "N2"}},
		catalog.Area{Code: "D2", Name: "Huyện Hai", Level: 1, ValidTo: "2025-06-30"},
		catalog.Area{Code: "N1", Name: "Phường Mới Một", Level: 2, Parent: "P", ValidFrom: "2025-07-01",
			FormerNames: []catalog.FormerName{{Name: "Xã Mới Một", Until: "2026-09-19"}}},
		catalog.Area{Code: "N2", Name: "Xã Mới Hai", Level: 2, Parent: "P", ValidFrom: "2025-07-01"},
	)
	if err := st.SaveCatalog(ctx, c); err != nil {
		t.Fatal(err)
	}
	byCode := func() map[string]catalog.Area {
		got, err := st.Catalog(ctx)
		if err != nil {
			t.Fatal(err)
		}
		m := map[string]catalog.Area{}
		for _, a := range got.Areas {
			m[a.Code] = a
		}
		return m
	}
	got := byCode()
	x := got["X"]
	if x.Parent != "D2" || !reflect.DeepEqual(x.Parents, c.Areas[3].Parents) {
		t.Errorf("X's parents read back as %q %+v", x.Parent, x.Parents)
	}
	if !reflect.DeepEqual(x.Successors, []string{"N1", "N2"}) || !reflect.DeepEqual(x.Shares, map[string]float64{"N1": 1, "N2": 0}) {
		t.Errorf("X's successors %v, shares %v", x.Successors, x.Shares)
	}
	if n1 := got["N1"]; !reflect.DeepEqual(n1.FormerNames, c.Areas[6].FormerNames) || n1.NameOn("2026-01-01") != "Xã Mới Một" || n1.NameOn("2026-12-01") != "Phường Mới Một" {
		t.Errorf("N1's former names read back as %+v", n1.FormerNames)
	}
	if y := got["Y"]; len(y.Successors) != 2 || y.Shares != nil {
		t.Errorf("a split without shares read back as %v %v", y.Successors, y.Shares)
	}
	if c1 := got["C1"]; c1.Parents != nil || c1.Successors != nil || c1.Shares != nil {
		t.Errorf("an area without history read back with one: %+v", c1)
	}

	// Saved again: X loses its first span and N2's share, Y gains shares.
	c.Areas[3].Parents = c.Areas[3].Parents[1:]
	c.Areas[3].Parents[0].From = ""
	c.Areas[3].Shares = map[string]float64{"N1": 1}
	c.Areas[4].Shares = map[string]float64{"N1": 0.25, "N2": 0.75}
	if err := st.SaveCatalog(ctx, c); err != nil {
		t.Fatal(err)
	}
	got = byCode()
	if x := got["X"]; len(x.Parents) != 1 || x.Parents[0] != (catalog.ParentSpan{Parent: "D2", To: "2025-06-30"}) ||
		!reflect.DeepEqual(x.Shares, map[string]float64{"N1": 1}) || len(x.Successors) != 2 {
		t.Errorf("X after the second save: %+v", x)
	}
	if y := got["Y"]; !reflect.DeepEqual(y.Shares, map[string]float64{"N1": 0.25, "N2": 0.75}) {
		t.Errorf("Y's shares after the second save: %v", y.Shares)
	}
}
