package store_test

import (
	"context"
	"sort"
	"strconv"
	"testing"

	"chiso/data/number"
	"chiso/data/store"
)

// TestFastReads checks the reads of the direct connection against Values
// (through database/sql, with every column joined): the same values.
func TestFastReads(t *testing.T) {
	ctx := context.Background()
	st := openTest(t)
	if _, err := st.Save(ctx,
		store.Change{Element: "HH_TOTAL", Area: "C1", Period: "2024", Value: "490", Comment: "điều tra", FollowUp: true},
		store.Change{Element: "HH_TOTAL", Area: "C2", Period: "2024", Value: "1500"},
		store.Change{Element: "HOUSE", Area: "C1", Period: "2024", Category: "NEW", Value: "3"},
		store.Change{Element: "HOUSE", Area: "C1", Period: "2024", Category: "REPAIR", Value: "2"},
		store.Change{Element: "RATE", Area: "C1", Period: "2024", Value: "0.125"},
		store.Change{Element: "RATE", Area: "C1", Period: "2023", Value: "0.25"},
	); err != nil {
		t.Fatal(err)
	}
	// A deleted value is read by neither.
	if _, err := st.Save(ctx, store.Change{Element: "RATE", Area: "C1", Period: "2023", Value: ""}); err != nil {
		t.Fatal(err)
	}
	all, err := st.Values(ctx, store.ValueFilter{})
	if err != nil {
		t.Fatal(err)
	}
	key := func(v store.Value) string { return v.Period + " " + v.Element + " " + v.Area + " " + v.Category }
	for _, area := range []string{"C1", "C2", "P"} {
		for _, per := range []string{"2023", "2024"} {
			got, err := st.AreaValues(ctx, per, area, []string{"HH_TOTAL", "HOUSE", "RATE", "NOPE"})
			if err != nil {
				t.Fatal(err)
			}
			var want []store.Value
			for _, v := range all {
				if v.Area == area && v.Period == per {
					v.Author, v.ChangedAt, v.OpID = "", "", ""
					want = append(want, v)
				}
			}
			sort.Slice(got, func(i, j int) bool { return key(got[i]) < key(got[j]) })
			sort.Slice(want, func(i, j int) bool { return key(want[i]) < key(want[j]) })
			if len(got) != len(want) {
				t.Fatalf("AreaValues(%s, %s) = %+v, want %+v", per, area, got, want)
			}
			for i := range got {
				if got[i] != want[i] {
					t.Errorf("AreaValues(%s, %s)[%d] = %+v, want %+v", per, area, i, got[i], want[i])
				}
			}
		}
	}
	for _, el := range []string{"HH_TOTAL", "HOUSE", "RATE"} {
		for _, per := range []string{"2023", "2024"} {
			facts, err := st.ElementFacts(ctx, el, per)
			if err != nil {
				t.Fatal(err)
			}
			n := 0
			for _, v := range all {
				if v.Element != el || v.Period != per {
					continue
				}
				n++
				found := false
				for _, f := range facts {
					if f.Area == v.Area && f.Category == v.Category && strconv.FormatFloat(f.Value, 'g', -1, 64) == strconv.FormatFloat(number.Float(v.Value), 'g', -1, 64) {
						found = true
					}
				}
				if !found {
					t.Errorf("ElementFacts(%s, %s) = %+v lacks %+v", el, per, facts, v)
				}
			}
			if len(facts) != n {
				t.Errorf("ElementFacts(%s, %s) = %d facts, want %d", el, per, len(facts), n)
			}
		}
	}
	if ps, err := st.Periods(ctx); err != nil || len(ps) != 2 || ps[0] != "2023" || ps[1] != "2024" {
		t.Errorf("Periods = %v, %v", ps, err)
	}
}
