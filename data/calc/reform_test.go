package calc_test

import (
	"context"
	"math"
	"slices"
	"testing"
	"time"

	"chiso/data/calc"
	"chiso/data/catalog"
	"chiso/data/period"
	"chiso/data/store"
)

// raw reads one stored value with plain SQL, as the office entered it.
func raw(t *testing.T, st *store.Store, element, area, per string) float64 {
	t.Helper()
	var v float64
	err := st.DB().QueryRowContext(context.Background(), `SELECT CAST(v.value AS REAL) FROM datavalue v
		JOIN element e ON e.id = v.element_id JOIN area a ON a.id = v.area_id
		WHERE e.code = ? AND a.code = ? AND v.period = ? AND v.category = ''`, element, area, per).Scan(&v)
	if err != nil {
		t.Fatalf("%s %s %s: %v", element, area, per, err)
	}
	return v
}

func yearEnd(y int) time.Time { return time.Date(y, 12, 31, 0, 0, 0, 0, time.UTC) }

// TestHaLongOnTheBoundariesOf2020: Hoành Bồ joined Hạ Long on 1/1/2020.
// Hạ Long's 2019 on the boundaries of 2020 is both together, so the change
// of 2020 compares like for like: population +1,28 % (not the +21,62 %
// of Hạ Long's 2020 against its 2019 without Hoành Bồ), electricity and
// water rates up (not down), income +15,2 % (not +8,51 %). Each figure is
// also summed by hand from the raw values of the two districts.
func TestHaLongOnTheBoundariesOf2020(t *testing.T) {
	en, st := demoEngine(t)
	y2019, y2020 := period.MustParse("2019"), period.MustParse("2020")
	hl, hb := "QN_HALONG", "QN_HOANHBO"
	sum := func(element string) float64 { return raw(t, st, element, hl, "2019") + raw(t, st, element, hb, "2019") }

	// The naive way: the 2019 of the two districts added up.
	for _, e := range []string{"POP", "HH_TOTAL", "HH_POOR", "HH_ELEC", "HH_WATER"} {
		f, err := en.FigureOn(e, hl, y2019, "", y2020.End())
		if err != nil {
			t.Fatal(err)
		}
		if want := sum(e); f.Value != want || !f.OK || !f.Mapped || f.Stored {
			t.Errorf("%s of Hạ Long 2019 on the boundaries of 2020: %+v, want %v (Hạ Long + Hoành Bồ), marked", e, f, want)
		}
		if own, _ := en.Figure(e, hl, y2019, ""); own.Value != raw(t, st, e, hl, "2019") || own.Mapped {
			t.Errorf("%s of Hạ Long 2019 on its own boundaries: %+v", e, own)
		}
	}
	incHL, incHB := raw(t, st, "INC_PC", hl, "2019"), raw(t, st, "INC_PC", hb, "2019")
	popHL, popHB := raw(t, st, "POP", hl, "2019"), raw(t, st, "POP", hb, "2019")
	income2019 := (incHL*popHL + incHB*popHB) / (popHL + popHB) // weighted by population
	if f, _ := en.FigureOn("INC_PC", hl, y2019, "", y2020.End()); math.Abs(f.Value-income2019) > 1e-9 || !f.Mapped {
		t.Errorf("income of Hạ Long 2019 on the boundaries of 2020: %+v, want %v", f, income2019)
	}

	change := func(code string) calc.Change {
		c, err := en.ChangeOnPrevious(code, hl, y2020, "")
		if err != nil || !c.OK {
			t.Fatalf("%s: %+v %v", code, c, err)
		}
		if !c.Mapped {
			t.Errorf("%s: the change of 2020 does not say 2019 is on the boundaries of 2020", code)
		}
		return c
	}
	pop2020 := raw(t, st, "POP", hl, "2020")
	if c := change("POP"); show(c.Percent, 2) != "1,28" || c.Previous != popHL+popHB {
		t.Errorf("population 2020 on 2019: %+v, want +1,28%%", c)
	}
	if naive := (pop2020/popHL - 1) * 100; show(naive, 2) != "21,62" {
		t.Errorf("the figure the report used to print: %s, want 21,62", show(naive, 2))
	}
	if c := change("INC_PC"); show(c.Percent, 1) != "15,2" {
		t.Errorf("income 2020 on 2019: %+v, want +15,2%%", c)
	}
	for _, code := range []string{"ELEC_RATE", "WATER_RATE"} {
		c := change(code)
		element := map[string]string{"ELEC_RATE": "HH_ELEC", "WATER_RATE": "HH_WATER"}[code]
		want2019 := 100 * sum(element) / sum("HH_TOTAL")
		if math.Abs(c.Previous-want2019) > 1e-9 || c.Diff <= 0 {
			t.Errorf("%s: %+v, want a rise from %v", code, c, want2019)
		}
		if own := 100 * raw(t, st, element, hl, "2019") / raw(t, st, "HH_TOTAL", hl, "2019"); c.Current >= own {
			t.Errorf("%s: the demo no longer shows the fall the old comparison made (%v → %v)", code, own, c.Current)
		}
	}

	// The province never changed: its figures are its own.
	if c, _ := en.ChangeOnPrevious("POP", "QN", y2020, ""); c.Mapped {
		t.Errorf("Quảng Ninh's change marked as on other boundaries: %+v", c)
	}
	// Hoành Bồ after it ended: its land is in Hạ Long, which holds more.
	if f, _ := en.Figure("POP", hb, y2020, ""); f.OK || !f.NotComparable {
		t.Errorf("Hoành Bồ in 2020: %+v, want not comparable", f)
	}
}

// TestGroupOnTheBoundariesOfTheLaterYear: the ethnic-minority and
// mountain group (DTTS_MN) held Hoành Bồ in 2015 but not in 2020 (it went
// into Hạ Long, not in the group): 2015 on the boundaries of 2020 is made
// of the 7 districts of 2020, and says so.
func TestGroupOnTheBoundariesOfTheLaterYear(t *testing.T) {
	en, st := demoEngine(t)
	y2015 := period.MustParse("2015")
	in2015 := en.Members("QN", "DTTS_MN", y2015.End())
	in2020 := en.Members("QN", "DTTS_MN", yearEnd(2020))
	if len(in2015) != 8 || len(in2020) != 7 || !slices.Contains(in2015, "QN_HOANHBO") || slices.Contains(in2020, "QN_HOANHBO") {
		t.Fatalf("members 2015 %v, 2020 %v", in2015, in2020)
	}
	var poor, total float64
	for _, d := range in2020 {
		poor += raw(t, st, "HH_POOR", d, "2015")
		total += raw(t, st, "HH_TOTAL", d, "2015")
	}
	f, err := en.FigureOn("POV_RATE", "QN", y2015, "DTTS_MN", yearEnd(2020))
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(f.Value-100*poor/total) > 1e-9 || !f.Mapped {
		t.Errorf("poverty rate of DTTS_MN 2015 on the boundaries of 2020: %+v, want %v from the 7 districts", f, 100*poor/total)
	}
	if own, _ := en.Figure("POV_RATE", "QN", y2015, "DTTS_MN"); own.Mapped || own.Value == f.Value {
		t.Errorf("the group's own 2015 (8 districts): %+v", own)
	}
	// The seed's income change of the group, 2021 on 2020: same members.
	if c, _ := en.ChangeOnPrevious("INC_PC", "QN", period.MustParse("2021"), "DTTS_MN"); c.Mapped || show(c.Percent, 2) != "13,88" {
		t.Errorf("income of DTTS_MN 2021 on 2020: %+v", c)
	}
}

// splitCatalog is a district D of communes A, B, C, M until 30/6/2025
// and, from 1/7/2025, a province P of new communes: X made of A and half of
// B (the other half went to Y, shares recorded), Y made of the rest of B
// and part of C (C split without shares, its other part to Z), Z. M moved
// from district D to district E on 1/1/2023, under the same code.
func splitCatalog() *catalog.Catalog {
	weighted := catalog.Element{Code: "INC", NameVI: "Thu nhập", ValueType: catalog.Number, Aggregation: catalog.WeightedAverage,
		Weight: "POP", TimeAggregation: catalog.TimeLevel}
	sum := func(code string, t catalog.TimeAggregation) catalog.Element {
		return catalog.Element{Code: code, NameVI: code, ValueType: catalog.Integer, Aggregation: catalog.Sum, TimeAggregation: t}
	}
	return &catalog.Catalog{
		Levels: []catalog.Level{{Level: 1, Code: "PROVINCE"}, {Level: 2, Code: "DISTRICT"}, {Level: 3, Code: "COMMUNE"}},
		Elements: []catalog.Element{sum("POP", catalog.TimeLevel), sum("HH", catalog.TimeLevel), sum("POOR", catalog.TimeLevel),
			weighted, sum("SPEND", catalog.TimeFlow),
			{Code: "STD", NameVI: "Chuẩn", ValueType: catalog.YesNo, Aggregation: catalog.CountYes, TimeAggregation: catalog.TimeLevel}},
		Indicators: []catalog.Indicator{{Code: "RATE", NameVI: "Tỷ lệ hộ nghèo", Numerator: "POOR", Denominator: "HH", Factor: 100, Decimals: 2}},
		Areas: []catalog.Area{
			{Code: "P", Name: "Tỉnh", Level: 1},
			{Code: "D", Name: "Huyện D", Level: 2, Parent: "P", ValidTo: "2025-06-30", Successors: []string{"X", "Y"}},
			{Code: "E", Name: "Huyện E", Level: 2, Parent: "P", ValidTo: "2025-06-30", Successors: []string{"Y", "Z"}},
			{Code: "A", Name: "Xã A", Level: 3, Parent: "D", ValidTo: "2025-06-30", Successors: []string{"X"}},
			{Code: "B", Name: "Xã B", Level: 3, Parent: "D", ValidTo: "2025-06-30", Successors: []string{"X", "Y"},
				Shares: map[string]float64{"X": 0.5, "Y": 0.5}},
			{Code: "C", Name: "Xã C", Level: 3, Parent: "E", ValidTo: "2025-06-30", Successors: []string{"Y", "Z"}},
			{Code: "M", Name: "Xã M", Level: 3, Parent: "E", ValidTo: "2025-06-30", Successors: []string{"Z"},
				Parents: []catalog.ParentSpan{{Parent: "D", To: "2022-12-31"}, {Parent: "E", From: "2023-01-01", To: "2025-06-30"}}},
			{Code: "X", Name: "Xã X", Level: 3, Parent: "P", ValidFrom: "2025-07-01"},
			{Code: "Y", Name: "Xã Y", Level: 3, Parent: "P", ValidFrom: "2025-07-01"},
			{Code: "Z", Name: "Xã Z", Level: 3, Parent: "P", ValidFrom: "2025-07-01"},
		},
	}
}

// TestSplitWithAndWithoutShares: a new commune's years before it existed
// come from the communes it was made of — whole ones added, a split one
// by its recorded share (a rate the ratio of the parts so added, an
// income re-weighted by the population so shared); with a split whose
// share is not recorded, the figure cannot be compared; a yes/no of a
// split commune cannot be shared out.
func TestSplitWithAndWithoutShares(t *testing.T) {
	en := engineOver(t, splitCatalog(),
		"POP A 2024 1000", "POP B 2024 2000", "POP C 2024 600", "POP M 2024 400",
		"HH A 2024 250", "HH B 2024 500", "HH C 2024 150", "HH M 2024 100",
		"POOR A 2024 5", "POOR B 2024 20", "POOR C 2024 3", "POOR M 2024 1",
		"INC A 2024 40", "INC B 2024 70", "INC C 2024 30", "INC M 2024 50",
		"STD A 2024 1", "STD B 2024 1",
		"POP X 2026 2100", "HH X 2026 520", "POOR X 2026 10",
	)
	y2024 := period.MustParse("2024")
	x := func(code, area string) calc.Figure {
		t.Helper()
		f, err := en.Figure(code, area, y2024, "")
		if err != nil {
			t.Fatal(err)
		}
		return f
	}
	// X = A + ½ B.
	for code, want := range map[string]float64{"POP": 1000 + 0.5*2000, "HH": 250 + 0.5*500, "POOR": 5 + 0.5*20,
		"RATE": 100 * (5 + 0.5*20) / (250 + 0.5*500), "INC": (40*1000 + 70*2000*0.5) / (1000 + 2000*0.5)} {
		if f := x(code, "X"); math.Abs(f.Value-want) > 1e-9 || !f.OK || !f.Mapped {
			t.Errorf("%s of X in 2024: %+v, want %v, marked", code, f, want)
		}
	}
	if f := x("STD", "X"); f.OK || !f.NotComparable {
		t.Errorf("stations of X (half of B's) in 2024: %+v, want not comparable", f)
	}
	// Y = ½ B + part of C (no share recorded): not comparable, for sums,
	// weighted averages and rates alike.
	for _, code := range []string{"POP", "HH", "INC", "RATE"} {
		if f := x(code, "Y"); f.OK || !f.NotComparable {
			t.Errorf("%s of Y in 2024: %+v, want not comparable", code, f)
		}
	}
	// The change of X from 2024 (its communes) to 2026 is on X's land.
	c, err := en.ChangeOnPrevious("POP", "X", period.MustParse("2026"), "")
	if err != nil || c.OK { // 2025 has no value
		t.Errorf("X's change on 2025: %+v %v", c, err)
	}
	g, ok, err := en.AverageGrowth("POP", "X", period.MustParse("2025-2026"), "")
	if err != nil || !ok || math.Abs(g-(math.Sqrt(2100.0/2000)-1)*100) > 1e-9 {
		t.Errorf("X's average growth 2025–2026 from 2024's 2000: %v %v %v", g, ok, err)
	}
	// The province on the new map: its 2024 is that of the district of
	// the time — nothing joined it, its own children.
	if f := x("POP", "P"); f.Value != 4000 || f.Mapped {
		t.Errorf("the province in 2024: %+v", f)
	}
	// Composition names what makes a figure.
	parts, own, comparable := en.Composition("X", y2024, time.Time{})
	if own || !comparable || len(parts) != 2 || parts[0] != (calc.Part{Area: "A", Share: 1}) || parts[1] != (calc.Part{Area: "B", Share: 0.5}) {
		t.Errorf("X in 2024 is made of %+v (own %v, comparable %v), want A whole and half of B", parts, own, comparable)
	}
}

// TestMovedCommune: M belonged to D until 2022 and to E from 2023 under
// the same code; each year it counts in the district it had on the
// year's last day.
func TestMovedCommune(t *testing.T) {
	en := engineOver(t, splitCatalog(),
		"POP A 2022 1000", "POP B 2022 2000", "POP C 2022 600", "POP M 2022 400",
		"POP A 2023 1010", "POP B 2023 2020", "POP C 2023 610", "POP M 2023 410",
	)
	for _, c := range []struct {
		district, year string
		want           float64
		kids           []string
	}{
		{"D", "2022", 3400, []string{"A", "B", "M"}},
		{"E", "2022", 600, []string{"C"}},
		{"D", "2023", 3030, []string{"A", "B"}},
		{"E", "2023", 1020, []string{"C", "M"}},
	} {
		p := period.MustParse(c.year)
		if got := en.Children(c.district, p); !slices.Equal(got, c.kids) {
			t.Errorf("communes of %s in %s: %v, want %v", c.district, c.year, got, c.kids)
		}
		if v, _, _ := en.Value("POP", c.district, p, ""); v != c.want {
			t.Errorf("population of %s in %s: %v, want %v", c.district, c.year, v, c.want)
		}
	}
	// The province counts M once either way.
	if v, _, _ := en.Value("POP", "P", period.MustParse("2022"), ""); v != 4000 {
		t.Errorf("province 2022: %v", v)
	}
	// The table of the communes of P lists M once.
	pv, err := en.Pivot("POP", "P", 3, []period.Period{period.MustParse("2022"), period.MustParse("2023")}, "", calc.RowsWithFormer)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, r := range pv.Rows {
		if r.Area == "M" {
			n++
		}
	}
	if n != 1 {
		t.Errorf("M listed %d times", n)
	}
}

// TestFormerDistrictAfterItEnded: a district's figure after it ended is
// the sum of the areas that took it over when they lie wholly within it;
// D's land went to X (wholly D's) and Y (also E's): not comparable. A
// district taken over by one area that holds nothing else goes on.
func TestFormerDistrictAfterItEnded(t *testing.T) {
	en := engineOver(t, splitCatalog(), "POP X 2026 2100", "POP Y 2026 900", "POP Z 2026 1100")
	y2026 := period.MustParse("2026")
	for _, d := range []string{"D", "E"} {
		if f, _ := en.Figure("POP", d, y2026, ""); f.OK || !f.NotComparable {
			t.Errorf("%s in 2026: %+v, want not comparable", d, f)
		}
	}
	cat := splitCatalog()
	cat.Areas = append(cat.Areas[:1], catalog.Area{Code: "H", Name: "Huyện đảo", Level: 2, Parent: "P", ValidTo: "2025-06-30",
		Successors: []string{"K"}}, catalog.Area{Code: "K", Name: "Đặc khu", Level: 3, Parent: "P", ValidFrom: "2025-07-01"})
	en = engineOver(t, cat, "POP H 2024 3000", "POP K 2026 3100")
	if f, _ := en.Figure("POP", "H", y2026, ""); f.Value != 3100 || !f.Mapped {
		t.Errorf("the island district in 2026: %+v, want its special zone's 3100", f)
	}
	if f, _ := en.Figure("POP", "K", period.MustParse("2024"), ""); f.Value != 3000 || !f.Mapped {
		t.Errorf("the special zone in 2024: %+v, want its district's 3000", f)
	}
	if c, _ := en.ChangeOnPrevious("POP", "K", y2026, ""); c.OK {
		t.Errorf("change on 2025 without a 2025: %+v", c)
	}
}

// TestPivotOnTheLastYearsBoundaries: the table of the districts of Quảng
// Ninh over 2019–2020 shows Hạ Long's 2019 with Hoành Bồ, marked, and
// Hoành Bồ's 2020 not comparable.
func TestPivotOnTheLastYearsBoundaries(t *testing.T) {
	en, st := demoEngine(t)
	pv, err := en.Pivot("POP", "QN", 3, []period.Period{period.MustParse("2019"), period.MustParse("2020")}, "", calc.RowsWithFormer)
	if err != nil {
		t.Fatal(err)
	}
	if !pv.Mapped() || !pv.On.Equal(yearEnd(2020)) {
		t.Errorf("pivot on %v, mapped %v", pv.On, pv.Mapped())
	}
	for _, r := range pv.Rows {
		switch r.Area {
		case "QN_HALONG":
			want := raw(t, st, "POP", "QN_HALONG", "2019") + raw(t, st, "POP", "QN_HOANHBO", "2019")
			if r.Values[0] != want || !r.Mapped[0] || r.Mapped[1] {
				t.Errorf("Hạ Long: %+v, want %v in 2019, marked", r, want)
			}
		case "QN_HOANHBO":
			if !r.OK[0] || r.Mapped[0] || r.OK[1] || !r.NotComparable[1] {
				t.Errorf("Hoành Bồ: %+v", r)
			}
		case "QN_BACHE":
			if r.Mapped[0] || r.Mapped[1] || r.NotComparable[1] {
				t.Errorf("Ba Chẽ: %+v", r)
			}
		}
	}
	if own, _ := en.Figure("POP", "QN", period.MustParse("2019"), ""); pv.Total.Mapped[0] || pv.Total.Values[0] != own.Value {
		t.Errorf("province total: %+v, want its own 2019 %v", pv.Total, own.Value)
	}
}

// TestFirstHalfBeforeTheReform: for 2025, the year a commune created on
// 1/7/2025 enters on its new boundaries, what its communes reported for
// the first half, on its boundaries: the level of the end of June (A and
// half of B), the flow of the two quarters.
func TestFirstHalfBeforeTheReform(t *testing.T) {
	en := engineOver(t, splitCatalog(),
		"POP A 2025Q1 1000", "POP B 2025Q1 2000", "POP A 2025Q2 1010", "POP B 2025Q2 2020",
		"SPEND A 2025Q1 10", "SPEND B 2025Q1 20", "SPEND A 2025Q2 30", "SPEND B 2025Q2 40",
		"POP C 2025Q2 600",
		"SPEND X 2025 999", // the commune's own figure for the year does not hide its communes' half
	)
	y2025 := period.MustParse("2025")
	for code, want := range map[string]float64{"POP": 1010 + 0.5*2020, "SPEND": 10 + 30 + 0.5*(20+40)} {
		f, through, err := en.FigureBefore(code, "X", y2025)
		if err != nil || !f.OK || !f.Mapped || f.Value != want || through != period.MustParse("2025Q2") {
			t.Errorf("%s of X's communes, first half of 2025: %+v to %v (%v), want %v to 2025Q2", code, f, through, err, want)
		}
	}
	// Y holds part of C without a share: not comparable.
	if f, _, _ := en.FigureBefore("POP", "Y", y2025); f.OK || !f.NotComparable {
		t.Errorf("Y: %+v", f)
	}
	// An area that existed all year, or a year before it began: nothing.
	for _, c := range []struct{ area, per string }{{"A", "2024"}, {"X", "2026"}, {"X", "2024"}} {
		if f, _, _ := en.FigureBefore("POP", c.area, period.MustParse(c.per)); f.OK {
			t.Errorf("%s in %s: %+v", c.area, c.per, f)
		}
	}
}
