package store_test

import (
	"context"
	"fmt"
	"math"
	"path/filepath"
	"strconv"
	"strings"
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
			{Code: "WAV", NameVI: "Bình quân gia quyền", ValueType: catalog.Number, Aggregation: catalog.WeightedAverage, Weight: "INT", Decimals: 2},
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
	// A weighted average counts the children with a weight, each value
	// times its weight.
	var weights map[string]float64
	for _, e := range c.Elements {
		if e.Code == element && e.Aggregation == catalog.WeightedAverage {
			ws, err := st.Values(context.Background(), store.ValueFilter{Elements: []string{e.Weight}, Periods: []string{per}})
			if err != nil {
				t.Fatal(err)
			}
			weights = map[string]float64{}
			for _, w := range ws {
				if w.Category == "" && w.Value != "" {
					weights[w.Area], _ = strconv.ParseFloat(w.Value, 64)
				}
			}
		}
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
		est := v.Status == store.Estimate
		if own {
			s.Own, s.HasOwn, s.OwnEstimate = f, true, est
		} else {
			if weights != nil {
				w, ok := weights[a.Code]
				if !ok {
					continue
				}
				f *= w
				s.Weights += w
			}
			s.N++
			s.Sum += f
			if est {
				s.Estimates++
			}
		}
		out[k] = s
	}
	return out
}

// sqlSubtotals works the subtotals out by SQL over the stored values and
// the areas' tables: an area's own value where it has children (at any
// time), else the count and sum of the values of the areas without
// children that exist on the period's last day and have it as parent that
// day (their span of parents covering the day, or, without spans, their
// parent).
func sqlSubtotals(t *testing.T, st *store.Store, element, per string) map[string]store.Subtotal {
	t.Helper()
	d := period.MustParse(per).End().Format("2006-01-02")
	rows, err := st.DB().Query(`
		SELECT a.code, v.category, 1, CAST(v.value AS REAL), v.status != '', 0, 0, 0, 0
		FROM datavalue v JOIN element e ON e.id = v.element_id JOIN area a ON a.id = v.area_id
		WHERE e.code = ?1 AND v.period = ?2 AND v.value IS NOT NULL
			AND (EXISTS (SELECT 1 FROM area k WHERE k.parent_id = a.id) OR EXISTS (SELECT 1 FROM area_parent_span k WHERE k.parent_id = a.id))
		UNION ALL
		SELECT p.code, v.category, 0, 0, 0, count(*), sum(CAST(v.value AS REAL) * COALESCE(CAST(w.value AS REAL), 1)),
			count(*) FILTER (WHERE v.status != ''), total(CAST(w.value AS REAL))
		FROM datavalue v JOIN element e ON e.id = v.element_id JOIN area a ON a.id = v.area_id
		LEFT JOIN element we ON e.aggregation = 'weighted_average' AND we.code = e.weight
		LEFT JOIN datavalue w ON w.period = v.period AND w.element_id = we.id AND w.area_id = v.area_id AND w.category = ''
			AND w.value IS NOT NULL
		JOIN area p ON p.id = CASE WHEN EXISTS (SELECT 1 FROM area_parent_span s WHERE s.area_id = a.id)
			THEN (SELECT s.parent_id FROM area_parent_span s WHERE s.area_id = a.id AND s.valid_from <= ?3 AND (s.valid_to = '' OR s.valid_to >= ?3))
			ELSE a.parent_id END
		WHERE e.code = ?1 AND v.period = ?2 AND v.value IS NOT NULL AND (we.id IS NULL OR w.value IS NOT NULL)
			AND NOT EXISTS (SELECT 1 FROM area k WHERE k.parent_id = a.id)
			AND NOT EXISTS (SELECT 1 FROM area_parent_span k WHERE k.parent_id = a.id)
			AND a.valid_from <= ?3 AND (a.valid_to = '' OR a.valid_to >= ?3)
		GROUP BY p.code, v.category`, element, per, d)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[string]store.Subtotal{}
	for rows.Next() {
		var r store.Subtotal
		var own, ownEst bool
		var v float64
		if err := rows.Scan(&r.Area, &r.Category, &own, &v, &ownEst, &r.N, &r.Sum, &r.Estimates, &r.Weights); err != nil {
			t.Fatal(err)
		}
		k := r.Area + "." + r.Category
		s := out[k]
		s.Area, s.Category = r.Area, r.Category
		if own {
			s.Own, s.HasOwn, s.OwnEstimate = v, true, ownEst
		} else {
			s.N, s.Sum, s.Estimates, s.Weights = r.N, r.Sum, r.Estimates, r.Weights
		}
		out[k] = s
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// sameSubtotals reports whether two sets of subtotals agree (sums to
// rounding).
func sameSubtotals(a, b map[string]store.Subtotal) bool {
	if len(a) != len(b) {
		return false
	}
	for k, x := range a {
		y, ok := b[k]
		if !ok || x.HasOwn != y.HasOwn || x.Own != y.Own || x.OwnEstimate != y.OwnEstimate || x.N != y.N || x.Estimates != y.Estimates || math.Abs(x.Sum-y.Sum) > 1e-6 || math.Abs(x.Weights-y.Weights) > 1e-9 {
			return false
		}
	}
	return true
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
	key := store.SubtotalKey(c)
	for _, e := range []string{"INT", "DEC", "YN", "CAT", "WAV"} {
		for _, per := range []string{"2021", "2022", "2022Q1", "2023", "2024"} {
			got, rows, err := st.Subtotals(ctx, e, per)
			if err != nil {
				t.Fatal(err)
			}
			if got != key {
				t.Fatalf("%s: subtotals for tree %s, the catalog's is %s", when, got, key)
			}
			want := naiveSubtotals(t, st, c, e, per)
			if fromSQL := sqlSubtotals(t, st, e, per); !sameSubtotals(fromSQL, want) {
				t.Errorf("%s: %s %s: the catalog's rule gives %+v, SQL over the values %+v", when, e, per, want, fromSQL)
			}
			if len(rows) != len(want) {
				t.Errorf("%s: %s %s: %d subtotals, want %d: %+v, want %+v", when, e, per, len(rows), len(want), rows, want)
			}
			for _, r := range rows {
				w := want[r.Area+"."+r.Category]
				if r.Area != w.Area || r.HasOwn != w.HasOwn || r.Own != w.Own || r.OwnEstimate != w.OwnEstimate || r.N != w.N || r.Estimates != w.Estimates || math.Abs(r.Sum-w.Sum) > 1e-6 || math.Abs(r.Weights-w.Weights) > 1e-9 {
					t.Errorf("%s: %s %s: %+v, want %+v", when, e, per, r, w)
				}
			}
		}
	}
}

// status is an estimate for every fourth commune.
func status(n int) store.Status {
	if n%4 == 0 {
		return store.Estimate
	}
	return store.Official
}

// TestSubtotalsFollowTheValues writes values every way the store writes
// them — a first import, a second one changing some, typed values,
// deletions, a parent's own value, estimates and estimates made official,
// changes received by sync — and compares the subtotals kept with
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
			if a.Level != 3 || !period.ValidOn(a.ValidFrom, a.ValidTo, period.MustParse(per).End()) {
				continue // the store refuses a value of an area gone by the period's end
			}
			n, _ := strconv.Atoi(a.Code[1:])
			changes = append(changes,
				store.Change{Element: "INT", Area: a.Code, Period: per, Value: strconv.Itoa(100 * n), Status: status(n)},
				store.Change{Element: "DEC", Area: a.Code, Period: per, Value: fmt.Sprintf("%d.1", n)},
				store.Change{Element: "WAV", Area: a.Code, Period: per, Value: fmt.Sprintf("%d.25", 10+n), Status: status(n + 1)},
				store.Change{Element: "YN", Area: a.Code, Period: per, Value: strconv.Itoa(n % 2)},
				store.Change{Element: "CAT", Area: a.Code, Period: per, Category: "A", Value: strconv.Itoa(n), Status: status(n)},
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
	changes = append(changes, store.Change{Element: "INT", Area: "D1", Period: "2022", Value: "5", Status: store.Estimate},
		store.Change{Element: "DEC", Area: "R", Period: "2023", Value: "1.5"})
	if _, err := st.Import(ctx, "second.csv", seq(changes...)); err != nil {
		t.Fatal(err)
	}
	checkSubtotals(t, st, "second import")

	for _, ch := range []store.Change{
		{Element: "INT", Area: "C2", Period: "2022", Value: "123456789"},
		{Element: "INT", Area: "C6", Period: "2022", Value: ""},
		{Element: "INT", Area: "D1", Period: "2022", Value: ""},
		{Element: "DEC", Area: "C9", Period: "2021", Value: "3.75", Status: store.Estimate},
		{Element: "INT", Area: "C4", Period: "2021", Value: "400"}, // the estimate made official
		{Element: "YN", Area: "C1", Period: "2023", Value: "1"},
	} {
		if _, err := st.Save(ctx, ch); err != nil {
			t.Fatal(err)
		}
	}
	checkSubtotals(t, st, "typed values")

	// Changes received by sync from another office: new values, values
	// changed and deleted there.
	other, err := store.Open(filepath.Join(t.TempDir(), "other.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	if err := other.SaveCatalog(ctx, c); err != nil {
		t.Fatal(err)
	}
	for _, ch := range [][]store.Change{{
		{Element: "INT", Area: "C3", Period: "2024", Value: "40"},
		{Element: "INT", Area: "C4", Period: "2024", Value: "41", Status: store.Estimate},
		{Element: "CAT", Area: "C7", Period: "2024", Category: "B", Value: "9"},
		{Element: "DEC", Area: "C8", Period: "2024", Value: "2.5"},
		{Element: "YN", Area: "C9", Period: "2024", Value: "1"},
		{Element: "WAV", Area: "C3", Period: "2024", Value: "12.5"},
		{Element: "WAV", Area: "C4", Period: "2024", Value: "13.5"},
		{Element: "INT", Area: "D3", Period: "2024", Value: "1000", Status: store.Estimate},
	}, {
		{Element: "INT", Area: "C3", Period: "2024", Value: "400"},
		{Element: "DEC", Area: "C8", Period: "2024", Value: ""},
	}} {
		if _, err := other.Save(ctx, ch...); err != nil {
			t.Fatal(err)
		}
	}
	transfer(t, other, st)
	checkSubtotals(t, st, "sync")
	if _, err := st.Save(ctx, store.Change{Element: "INT", Area: "C4", Period: "2024", Value: ""}); err != nil {
		t.Fatal(err)
	}
	transfer(t, st, other)
	checkSubtotals(t, other, "sync back")

	// A commune moves to the other district: the subtotals follow the new
	// tree.
	c.Areas[5].Parent = "D3"
	c.Areas[5].Parents = []catalog.ParentSpan{{Parent: "D1", To: "2021-12-31"}, {Parent: "D3", From: "2022-01-01"}}
	if err := st.SaveCatalog(ctx, c); err != nil {
		t.Fatal(err)
	}
	checkSubtotals(t, st, "a commune moved")

	// A district without communes is added, then deleted.
	c.Areas = append(c.Areas, catalog.Area{Code: "D4", Name: "Huyện Bốn", Level: 2, Parent: "R"})
	if err := st.SaveCatalog(ctx, c); err != nil {
		t.Fatal(err)
	}
	checkSubtotals(t, st, "a district added")
	if err := st.DeleteArea(ctx, "D4"); err != nil {
		t.Fatal(err)
	}
	checkSubtotals(t, st, "a district deleted")
}

// TestCheckFindsWrongSubtotals changes subtotals behind the store's back:
// Check names each, and opening the file with its subtotals marked to be
// built again repairs them.
func TestCheckFindsWrongSubtotals(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "s.db")
	st, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := st.SaveCatalog(ctx, subtotalCatalog()); err != nil {
		t.Fatal(err)
	}
	if _, err := st.Save(ctx,
		store.Change{Element: "INT", Area: "C1", Period: "2023", Value: "10"},
		store.Change{Element: "INT", Area: "C2", Period: "2023", Value: "20"},
		store.Change{Element: "YN", Area: "C6", Period: "2023", Value: "1"}); err != nil {
		t.Fatal(err)
	}
	checkSubtotals(t, st, "before")
	db := st.DB()
	for _, q := range []string{
		`UPDATE subtotal SET sum = sum + 1 WHERE area_id = (SELECT id FROM area WHERE code = 'D1')`,
		`DELETE FROM subtotal WHERE area_id = (SELECT id FROM area WHERE code = 'D3')`,
		`INSERT INTO subtotal(period, element_id, area_id, category, own, n, sum) SELECT '2021', e.id, a.id, '', NULL, 1, 5 FROM element e, area a WHERE e.code = 'DEC' AND a.code = 'R'`,
	} {
		if _, err := db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	problems, err := st.Check(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		`subtotal of D1, INT, 2023, category "": kept own none, 2 children adding up to 31, the values give own none, 2 children adding up to 30`,
		`subtotal of D3, YN, 2023, category "": kept none, the values give own none, 1 children adding up to 1`,
		`subtotal of R, DEC, 2021, category "": kept own none, 1 children adding up to 5, the values give none`,
	}
	if strings.Join(problems, "\n") != strings.Join(want, "\n") {
		t.Errorf("check found:\n%s\nwant:\n%s", strings.Join(problems, "\n"), strings.Join(want, "\n"))
	}
	if _, err := db.Exec(`DELETE FROM meta WHERE key = 'subtotal.tree'`); err != nil {
		t.Fatal(err)
	}
	st.Close()
	if st, err = store.Open(path); err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	checkSubtotals(t, st, "after opening")
}

// TestSubtotalsOfTwoProcesses: a store that kept the areas' tree goes on
// keeping the subtotals right after another one (another process on the
// same file) moved a commune.
func TestSubtotalsOfTwoProcesses(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "s.db")
	a, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	c := subtotalCatalog()
	if err := a.SaveCatalog(ctx, c); err != nil {
		t.Fatal(err)
	}
	if _, err := a.Save(ctx, store.Change{Element: "INT", Area: "C1", Period: "2023", Value: "1"}); err != nil {
		t.Fatal(err)
	}
	b, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	c.Areas[5].Parent = "D3" // C2, from D1
	if err := b.SaveCatalog(ctx, c); err != nil {
		t.Fatal(err)
	}
	if _, err := a.Save(ctx, store.Change{Element: "INT", Area: "C2", Period: "2023", Value: "5"}); err != nil {
		t.Fatal(err)
	}
	checkSubtotals(t, a, "written by the first after the second moved C2")
}
