package calc_test

import (
	"context"
	"slices"
	"testing"

	"chiso/data/calc"
	"chiso/data/catalog"
	"chiso/data/period"
	"chiso/data/store"
)

// A province P with a district D abolished on 1/7/2025 (communes C1, C2
// under it until then) and a commune N1 created directly under P from
// 1/7/2025, after the two-level reform.
func reformCatalog() *catalog.Catalog {
	el := func(code string, vt catalog.ValueType, agg catalog.Aggregation) catalog.Element {
		return catalog.Element{Code: code, NameVI: code, ValueType: vt, Aggregation: agg}
	}
	weighted := el("INC", catalog.Number, catalog.WeightedAverage)
	weighted.Weight = "POP"
	return &catalog.Catalog{
		Levels: []catalog.Level{{Level: 1, Code: "P"}, {Level: 2, Code: "D"}, {Level: 3, Code: "C"}},
		Groups: []catalog.Group{{Code: "DBKK", NameVI: "Đặc biệt khó khăn"}},
		Elements: []catalog.Element{
			el("POOR", catalog.Integer, catalog.Sum), el("HH", catalog.Integer, catalog.Sum), el("POP", catalog.Integer, catalog.Sum),
			weighted, el("AVG", catalog.Number, catalog.Average), el("MIN", catalog.Number, catalog.Min),
			el("MAX", catalog.Number, catalog.Max), el("LAST", catalog.Number, catalog.Last), el("STD", catalog.YesNo, catalog.CountYes),
		},
		Indicators: []catalog.Indicator{{Code: "RATE", NameVI: "Tỷ lệ", Numerator: "POOR", Denominator: "HH", Factor: 100, Decimals: 2}},
		Areas: []catalog.Area{
			{Code: "P", Name: "Tỉnh", Level: 1},
			{Code: "D", Name: "Huyện", Level: 2, Parent: "P", ValidTo: "2025-06-30", Successors: []string{"N1"}},
			{Code: "C1", Name: "Xã 1", Level: 3, Parent: "D", ValidTo: "2025-06-30", Groups: []string{"DBKK"}},
			{Code: "C2", Name: "Xã 2", Level: 3, Parent: "D", ValidTo: "2025-06-30"},
			{Code: "N1", Name: "Xã mới", Level: 3, Parent: "P", ValidFrom: "2025-07-01"},
		},
	}
}

func reformEngine(t *testing.T, values ...string) *calc.Engine {
	t.Helper()
	return engineOver(t, reformCatalog(), values...)
}

// engineOver stores the catalog cat and the values ("ELEMENT AREA PERIOD
// VALUE", with " E" after an estimate) in a new database and returns an
// engine over them.
func engineOver(t *testing.T, cat *catalog.Catalog, values ...string) *calc.Engine {
	t.Helper()
	_, en := statusEngine(t, cat, values...)
	return en
}

// saveAsStored stores the values cs as a database may hold them, with
// values of areas outside their dates among them (received from another
// office, or saved before the store refused them, as it does now): they
// are saved under cat without dates, then cat is saved with them.
func saveAsStored(ctx context.Context, st *store.Store, cat *catalog.Catalog, cs []store.Change) error {
	undated := *cat
	undated.Areas = slices.Clone(cat.Areas)
	for i := range undated.Areas {
		undated.Areas[i].ValidFrom, undated.Areas[i].ValidTo = "", ""
	}
	if err := st.SaveCatalog(ctx, &undated); err != nil {
		return err
	}
	if _, err := st.Save(ctx, cs...); err != nil {
		return err
	}
	return st.SaveCatalog(ctx, cat)
}

func TestAggregationTypes(t *testing.T) {
	en := reformEngine(t,
		"POOR C1 2018 10", "POOR C2 2018 30", "HH C1 2018 100", "HH C2 2018 1000",
		"POP C1 2018 1000", "POP C2 2018 3000", "INC C1 2018 20", "INC C2 2018 40",
		"AVG C1 2018 2", "AVG C2 2018 4", "MIN C1 2018 2", "MIN C2 2018 -4",
		"MAX C1 2018 2", "MAX C2 2018 4", "LAST C1 2018 2", "LAST C2 2018 4",
		"STD C1 2018 1", "STD C2 2018 0",
	)
	want := map[string]float64{
		"POOR": 40, "HH": 1100, "INC": (20*1000 + 40*3000) / 4000.0, "AVG": 3, "MIN": -4, "MAX": 4, "LAST": 6, "STD": 1,
		// 100 × 40 / 1100, not the mean of 10% and 3%.
		"RATE": 100 * 40 / 1100.0,
	}
	for _, area := range []string{"D", "P"} {
		for code, w := range want {
			got, ok, err := en.Value(code, area, period.MustParse("2018"), "")
			if err != nil || !ok || got != w {
				t.Errorf("%s of %s in 2018 = %v (ok %v, err %v), want %v", code, area, got, ok, err, w)
			}
		}
	}
}

func TestMissingIsNotZero(t *testing.T) {
	en := reformEngine(t, "AVG C1 2018 2", "MIN C1 2018 5")
	for code, w := range map[string]float64{"AVG": 2, "MIN": 5} {
		if got, ok, _ := en.Value(code, "P", period.MustParse("2018"), ""); !ok || got != w {
			t.Errorf("%s with one commune missing = %v, want %v", code, got, w)
		}
	}
	if _, ok, _ := en.Value("POOR", "P", period.MustParse("2018"), ""); ok {
		t.Error("a sum over no values has a value")
	}
	if _, ok, _ := en.Value("RATE", "P", period.MustParse("2018"), ""); ok {
		t.Error("a rate without numerator nor denominator has a value")
	}
}

func TestStructureOfThePeriod(t *testing.T) {
	en := reformEngine(t,
		"POOR C1 2018 10", "POOR C2 2018 30", // under the abolished district
		"POOR N1 2025 7", "POOR C1 2025 99", // 2025: the year ends in the new structure
	)
	if got, _, _ := en.Value("POOR", "P", period.MustParse("2018"), ""); got != 40 {
		t.Errorf("2018: the abolished district's communes give %v, want 40", got)
	}
	if got, _, _ := en.Value("POOR", "P", period.MustParse("2025"), ""); got != 7 {
		t.Errorf("2025: %v, want only the new commune's 7", got)
	}
	if got, _, _ := en.Value("POOR", "P", period.MustParse("2025Q1"), ""); got != 0 {
		// No quarterly values: nothing, and certainly not the yearly ones.
		t.Errorf("2025Q1: %v", got)
	}
	if ch := en.Children("P", period.MustParse("2025Q2")); len(ch) != 1 || ch[0] != "D" {
		t.Errorf("children in 2025Q2: %v, want the district", ch)
	}
}

func TestGroupFilter(t *testing.T) {
	en := reformEngine(t, "POOR C1 2018 10", "POOR C2 2018 30", "HH C1 2018 100", "HH C2 2018 1000")
	r, err := en.IndicatorValue("RATE", "P", period.MustParse("2018"), "DBKK")
	if err != nil || !r.OK || r.Value != 10 {
		t.Errorf("RATE over DBKK = %+v, %v, want 10", r, err)
	}
}

func TestDerivedForms(t *testing.T) {
	var vals []string
	for y, v := range map[string]string{"2015": "100", "2016": "110", "2017": "121", "2018": "133.1", "2019": "146.41", "2020": "161.051"} {
		vals = append(vals, "AVG C1 "+y+" "+v)
	}
	en := reformEngine(t, vals...)
	g, ok, err := en.AverageGrowth("AVG", "P", period.MustParse("2016-2020"), "")
	if err != nil || !ok || g < 9.9999 || g > 10.0001 {
		t.Errorf("average growth = %v (%v %v), want 10%%", g, ok, err)
	}
	c, err := en.ChangeOnPrevious("AVG", "P", period.MustParse("2016"), "")
	if err != nil || !c.OK || c.Diff != 10 || c.Percent < 9.9999 || c.Percent > 10.0001 {
		t.Errorf("change: %+v %v", c, err)
	}
	// AVG is a level over time by default (an average over areas): a
	// range's figure is its last year's.
	r, ok, err := en.RangeRatio("AVG", "P", period.MustParse("2015-2016"), period.MustParse("2017-2019"), "")
	if err != nil || !ok || r != 146.41/110 {
		t.Errorf("range ratio = %v", r)
	}
}

func TestCheckFormula(t *testing.T) {
	en := reformEngine(t)
	for _, good := range []string{"POOR", "100 * POOR / (HH - POOR)", "-POOR + 2.5"} {
		if _, err := en.CheckFormula(good); err != nil {
			t.Errorf("%q: %v", good, err)
		}
	}
	for _, bad := range []string{"", "POOR +", "NOPE / HH", "(POOR", "POOR HH", "POOR.NEW", "POOR $ HH"} {
		if _, err := en.CheckFormula(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}

func TestRulesAndUnusualValues(t *testing.T) {
	cat := reformCatalog()
	cat.Rules = []catalog.Rule{{Code: "R", NameVI: "Hộ nghèo ≤ tổng số hộ", Left: "POOR", Operator: "<=", Right: "HH"}}
	en := engineOver(t, cat, "POOR C1 2018 120", "HH C1 2018 100", "POOR C1 2017 10", "HH C1 2017 100")
	vs, err := en.CheckRules("C1", period.MustParse("2018"))
	if err != nil || len(vs) != 1 || vs[0].Left != 120 || vs[0].Right != 100 || vs[0].Name("vi") != "Hộ nghèo ≤ tổng số hộ" {
		t.Errorf("2018: %+v %v", vs, err)
	}
	if vs, _ := en.CheckRules("C1", period.MustParse("2017")); len(vs) != 0 {
		t.Errorf("2017 breaks %+v", vs)
	}
	if got := en.RulesOf("HH"); len(got) != 1 {
		t.Errorf("rules of HH: %v", got)
	}
	u, err := en.CheckUnusual(en.Element("POOR"), "", "C1", period.MustParse("2018"), 120, 50)
	if err != nil || !u.Jump || u.Previous != 10 || u.JumpPercent != 1100 {
		t.Errorf("a jump from 10 to 120: %+v %v", u, err)
	}
	if u, _ := en.CheckUnusual(en.Element("POOR"), "", "C1", period.MustParse("2018"), 12, 50); u.Any() {
		t.Errorf("10 → 12 flagged: %+v", u)
	}
}
