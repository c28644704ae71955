package calc_test

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"chiso/data/calc"
	"chiso/data/catalog"
	"chiso/data/period"
	"chiso/data/store"
)

// TestEngineAgainstNaive compares the engine with a second, deliberately
// naive implementation of the rule of calc.Engine.Figure, written here:
// it reads the raw values, the area tree and the successors from the
// SQLite file with plain SQL and recurses over the tree and the parts of
// periods with no cache and no shortcut, and finds what an area was made
// of by following every area forward through its successors (the engine
// walks back). On generated data — areas that end, areas moved to another
// parent (one area ended, its successor created under another; or the
// same area with a parent over time), areas that took others over, areas
// split with and without recorded shares, a district that became a
// commune, areas without values, values stored at every level and for
// years, quarters and months mixed, every aggregation over areas with
// every aggregation over time, categories, groups and indicators — every
// figure (value, completeness, boundaries) of every area, code and period
// (years, quarters, months, ranges), on the period's own boundaries and on
// those of the end of 2024, must agree. Then a few values change through
// Engine.SetFact and everything is compared again.
func TestEngineAgainstNaive(t *testing.T) {
	for seed := uint64(1); seed <= 3; seed++ {
		t.Run("seed "+strconv.FormatUint(seed, 10), func(t *testing.T) { checkAgainstNaive(t, seed) })
	}
}

func checkAgainstNaive(t *testing.T, seed uint64) {
	ctx := context.Background()
	rnd := rand.New(rand.NewPCG(seed, 2026))
	cat := randomCatalog(rnd)
	if err := cat.Validate(); err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(filepath.Join(t.TempDir(), "p.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if err := st.SaveCatalog(ctx, cat); err != nil {
		t.Fatal(err)
	}
	if err := saveAsStored(ctx, st, cat, randomValues(rnd, cat, 900)); err != nil {
		t.Fatal(err)
	}
	// Once with the catalog as made (the store does not keep the parents
	// over time and the shares, so its subtotals are not taken), once with
	// the catalog as the store holds it, whose subtotals the engine takes.
	stored, err := st.Catalog(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, view := range []struct {
		name string
		cat  *catalog.Catalog
	}{{"catalog", cat}, {"stored", stored}} {
		t.Run(view.name, func(t *testing.T) {
			src := &countingSource{Store: st, key: store.SubtotalKey(view.cat)}
			compareWithNaive(t, rnd, st, src, view.cat)
			if view.name == "stored" && src.usable == 0 {
				t.Fatal("the engine never read subtotals it could take")
			}
		})
	}
}

// countingSource counts the reads of an engine, and the subtotals it read
// that were made for the tree of key.
type countingSource struct {
	*store.Store
	key                      string
	facts, subtotals, usable int
}

func (c *countingSource) ElementFacts(ctx context.Context, element, per string) ([]store.Fact, error) {
	c.facts++
	return c.Store.ElementFacts(ctx, element, per)
}

func (c *countingSource) Subtotals(ctx context.Context, element, per string) (string, []store.Subtotal, error) {
	c.subtotals++
	key, rows, err := c.Store.Subtotals(ctx, element, per)
	if key == c.key {
		c.usable++
	}
	return key, rows, err
}

// compareWithNaive compares every figure of the engine over src and cat
// with the naive implementation's, changes a few values and compares
// again.
func compareWithNaive(t *testing.T, rnd *rand.Rand, st *store.Store, src calc.Source, cat *catalog.Catalog) {
	ctx := context.Background()
	en, err := calc.New(ctx, cat, src)
	if err != nil {
		t.Fatal(err)
	}

	var periods []period.Period
	for y := 2020; y <= 2024; y++ {
		periods = append(periods, period.Period{Type: period.Year, Year: y})
	}
	for _, q := range period.MustParse("2022").Parts() {
		periods = append(periods, q)
		periods = append(periods, q.Parts()...)
	}
	for _, r := range []string{"2021-2023", "2020-2024", "2022-2023", "2023-2023"} {
		periods = append(periods, period.MustParse(r))
	}
	var codes []string
	for _, e := range cat.Elements {
		codes = append(codes, e.Code)
		for _, c := range e.Categories {
			codes = append(codes, e.Code+"."+c)
		}
	}
	for _, in := range cat.Indicators {
		codes = append(codes, in.Code)
	}

	compare := func(round string) {
		nv := newNaive(t, st.DB(), cat)
		checked, differ, mapped, notComparable := 0, 0, 0, 0
		for _, a := range cat.Areas {
			for _, code := range codes {
				for _, p := range periods {
					for _, g := range []string{"", "G"} {
						if g != "" && (p.Type == period.Month || p.Type == period.Quarter) {
							continue // groups over years and ranges are enough
						}
						for _, on := range []time.Time{{}, time.Date(2024, 12, 31, 0, 0, 0, 0, time.UTC)} {
							if !on.IsZero() && (p.Type == period.Month || p.Type == period.Quarter) {
								continue // years and ranges on other boundaries are enough
							}
							got, err := en.FigureOn(code, a.Code, p, g, on)
							if err != nil {
								t.Fatal(err)
							}
							want := nv.figure(code, a.Code, p, g, on)
							checked++
							if got.Mapped {
								mapped++
							}
							if got.NotComparable {
								notComparable++
							}
							if !sameFigure(got, want) {
								differ++
								if differ <= 10 {
									t.Errorf("%s: %s of %s in %s (group %q, on %v):\n engine %+v\n naive  %+v", round, code, a.Code, p, g,
										on.Format("2006-01-02"), got, want)
								}
							}
						}
					}
				}
			}
		}
		if mapped < 100 || notComparable < 10 {
			t.Fatalf("%s: only %d figures on other boundaries and %d not comparable", round, mapped, notComparable)
		}
		if differ > 0 {
			t.Fatalf("%s: %d of %d figures differ", round, differ, checked)
		}
		if checked < 5000 {
			t.Fatalf("only %d figures checked", checked)
		}
	}
	compare("first")

	// Change a few values (new ones, changed, deleted) and tell the
	// engine only through SetFact, as the entry screen does.
	for range 25 {
		ch := randomValues(rnd, cat, 1)[0]
		if rnd.IntN(4) == 0 {
			ch.Value = ""
		}
		var outside *store.OutsideError
		if _, err := st.Save(ctx, ch); errors.As(err, &outside) {
			continue // the entry screen cannot write it either
		} else if err != nil {
			t.Fatal(err)
		}
		p := period.MustParse(ch.Period)
		f, _ := strconv.ParseFloat(ch.Value, 64)
		en.SetFact(p, ch.Element, ch.Area, ch.Category, f, ch.Value != "")
	}
	compare("after changes")
}

func sameFigure(a, b calc.Figure) bool {
	close := a.Value == b.Value || math.Abs(a.Value-b.Value) <= 1e-9*math.Max(1, math.Abs(b.Value))
	a.Value, b.Value = 0, 0
	return close && a == b
}

// randomCatalog makes a tree: a root, 3 or 4 areas below it and 0 to 4
// below each, some valid only from or to a date, some moved (ended under
// one parent and continued as a new area under another, or the same area
// with a parent over time), some taken over by another (which goes on),
// some split between two new areas with or without the shares recorded,
// and the last district, when it ends, sometimes taken over by a new area
// of the level below; an element for every aggregation over areas with
// every aggregation over time, a disaggregated one, and indicators reading
// them.
func randomCatalog(rnd *rand.Rand) *catalog.Catalog {
	c := &catalog.Catalog{
		Levels:     []catalog.Level{{Level: 1, Code: "L1"}, {Level: 2, Code: "L2"}, {Level: 3, Code: "L3"}},
		Groups:     []catalog.Group{{Code: "G", NameVI: "Nhóm"}},
		Categories: []catalog.CategoryOption{{Code: "A", NameVI: "A"}, {Code: "B", NameVI: "B"}},
		Areas:      []catalog.Area{{Code: "R", Name: "Gốc", Level: 1}},
	}
	ends := []string{"2021-06-30", "2021-12-31", "2022-03-31", "2022-06-30", "2023-09-30"}
	dayAfter := func(d string) string {
		t, _ := time.Parse("2006-01-02", d)
		return t.AddDate(0, 0, 1).Format("2006-01-02")
	}
	group := func(a *catalog.Area) {
		if rnd.IntN(3) == 0 {
			a.Groups = []string{"G"}
		}
	}
	n2 := 3 + rnd.IntN(2)
	for i := range n2 {
		d := catalog.Area{Code: fmt.Sprintf("D%d", i), Name: "Huyện", Level: 2, Parent: "R"}
		if i == n2-1 && rnd.IntN(2) == 0 {
			d.ValidTo = ends[rnd.IntN(len(ends))]
			if rnd.IntN(2) == 0 {
				// Taken over whole by a new area of the level below.
				z := catalog.Area{Code: d.Code + "Z", Name: "Đặc khu", Level: 3, Parent: "D0", ValidFrom: dayAfter(d.ValidTo)}
				c.Areas = append(c.Areas, z)
				d.Successors = []string{z.Code}
			}
		}
		group(&d)
		c.Areas = append(c.Areas, d)
		var open []string // communes of the district that go on
		for j := range rnd.IntN(5) {
			x := catalog.Area{Code: fmt.Sprintf("D%dC%d", i, j), Name: "Xã", Level: 3, Parent: d.Code, ValidTo: d.ValidTo}
			switch rnd.IntN(8) {
			case 0:
				x.ValidFrom = dayAfter(ends[rnd.IntN(len(ends))])
			case 1:
				if x.ValidTo == "" {
					// Moved: ends here and goes on under another area.
					x.ValidTo = ends[rnd.IntN(len(ends))]
					moved := catalog.Area{Code: x.Code + "M", Name: "Xã mới", Level: 3, Parent: "D0", ValidFrom: dayAfter(x.ValidTo)}
					group(&moved)
					c.Areas = append(c.Areas, moved)
					x.Successors = []string{moved.Code}
				}
			case 2:
				if x.ValidTo == "" && i > 0 {
					// Moved: the same area, under D0 from a date.
					end := ends[rnd.IntN(len(ends))]
					x.Parents = []catalog.ParentSpan{{Parent: d.Code, To: end}, {Parent: "D0", From: dayAfter(end)}}
					x.Parent = "D0"
				}
			case 3:
				if x.ValidTo == "" && len(open) > 0 {
					// Taken over by a commune that goes on.
					x.ValidTo = ends[rnd.IntN(len(ends))]
					x.Successors = []string{open[rnd.IntN(len(open))]}
				}
			case 4, 5:
				if x.ValidTo == "" {
					// Split between two new communes.
					x.ValidTo = ends[rnd.IntN(len(ends))]
					for k := range 2 {
						n := catalog.Area{Code: fmt.Sprintf("%sS%d", x.Code, k), Name: "Xã mới", Level: 3, Parent: d.Code,
							ValidFrom: dayAfter(x.ValidTo)}
						group(&n)
						c.Areas = append(c.Areas, n)
						x.Successors = append(x.Successors, n.Code)
					}
					if rnd.IntN(3) > 0 {
						a := float64(1+rnd.IntN(9)) / 10
						x.Shares = map[string]float64{x.Successors[0]: a, x.Successors[1]: 1 - a}
					}
				}
			}
			if x.ValidTo != "" && x.ValidFrom > x.ValidTo {
				x.ValidFrom = ""
			}
			if x.ValidTo == "" && x.ValidFrom == "" && len(x.Parents) == 0 {
				open = append(open, x.Code)
			}
			group(&x)
			c.Areas = append(c.Areas, x)
		}
	}
	// Successors must follow the areas they name for Validate: they do.
	c.Elements = append(c.Elements, catalog.Element{Code: "W", NameVI: "Trọng số", ValueType: catalog.Integer,
		Aggregation: catalog.Sum, TimeAggregation: catalog.TimeLevel})
	spaces := []catalog.Aggregation{catalog.Sum, catalog.Average, catalog.WeightedAverage, catalog.Min, catalog.Max, catalog.Last}
	times := []catalog.TimeAggregation{catalog.TimeFlow, catalog.TimeLevel, catalog.TimeAverage, catalog.TimeNone, ""}
	for _, s := range spaces {
		for _, tm := range times {
			e := catalog.Element{Code: fmt.Sprintf("E_%s_%s", s, tm), NameVI: "E", ValueType: catalog.Number,
				Aggregation: s, TimeAggregation: tm, Decimals: 2}
			if s == catalog.WeightedAverage {
				e.Weight = "W"
			}
			c.Elements = append(c.Elements, e)
		}
	}
	for _, tm := range []catalog.TimeAggregation{catalog.TimeLevel, catalog.TimeNone, ""} {
		c.Elements = append(c.Elements, catalog.Element{Code: "YN_" + string(tm), NameVI: "Có/không", ValueType: catalog.YesNo,
			Aggregation: catalog.CountYes, TimeAggregation: tm})
	}
	for _, tm := range []catalog.TimeAggregation{catalog.TimeFlow, catalog.TimeLevel} {
		c.Elements = append(c.Elements, catalog.Element{Code: "CAT_" + string(tm), NameVI: "Phân tổ", ValueType: catalog.Integer,
			Aggregation: catalog.Sum, TimeAggregation: tm, Categories: []string{"A", "B"}})
	}
	c.Indicators = []catalog.Indicator{
		{Code: "I_LEVELS", NameVI: "Tỷ lệ", Numerator: "E_sum_level", Denominator: "W", Factor: 100, Decimals: 2},
		{Code: "I_FLOW_PER_LEVEL", NameVI: "Bình quân", Numerator: "E_sum_flow + CAT_flow.A", Denominator: "E_sum_level", Factor: 1, Decimals: 2},
		{Code: "I_PART", NameVI: "Cơ cấu", Numerator: "CAT_level.B", Denominator: "CAT_level", Factor: 100, Decimals: 1},
		{Code: "I_MIXED", NameVI: "Hỗn hợp", Numerator: "E_average_average - E_max_none", Factor: 1, Decimals: 2},
	}
	return c
}

// randomValues makes n values of random elements (or categories), areas
// and periods: years, quarters and months of 2021–2023, at every level.
func randomValues(rnd *rand.Rand, c *catalog.Catalog, n int) []store.Change {
	seen := map[[4]string]bool{}
	var out []store.Change
	for len(out) < n {
		e := c.Elements[rnd.IntN(len(c.Elements))]
		a := c.Areas[rnd.IntN(len(c.Areas))]
		if a.Level == 1 && rnd.IntN(4) > 0 || a.Level == 2 && rnd.IntN(2) > 0 {
			a = c.Areas[rnd.IntN(len(c.Areas))] // mostly the lower levels
		}
		y := 2021 + rnd.IntN(3)
		p := period.Period{Type: period.Year, Year: y}
		switch rnd.IntN(4) {
		case 0:
			p = period.Period{Type: period.Quarter, Year: y, Index: 1 + rnd.IntN(4)}
		case 1:
			p = period.Period{Type: period.Month, Year: y, Index: 1 + rnd.IntN(12)}
		}
		cat := ""
		if len(e.Categories) > 0 {
			cat = e.Categories[rnd.IntN(len(e.Categories))]
		}
		k := [4]string{e.Code, a.Code, p.String(), cat}
		if seen[k] {
			continue
		}
		seen[k] = true
		v := strconv.Itoa(1 + rnd.IntN(500))
		switch {
		case e.ValueType == catalog.YesNo:
			v = strconv.Itoa(rnd.IntN(2))
		case e.ValueType == catalog.Number && rnd.IntN(3) == 0:
			v += "." + strconv.Itoa(rnd.IntN(100))
		}
		out = append(out, store.Change{Element: e.Code, Area: a.Code, Period: p.String(), Category: cat, Value: v})
	}
	return out
}
