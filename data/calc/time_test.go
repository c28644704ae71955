package calc_test

import (
	"testing"

	"chiso/data/calc"
	"chiso/data/catalog"
	"chiso/data/period"
)

// timeCatalog is reformCatalog with one element per time aggregation and
// indicators over them: SPEND a flow, HHS and POORS levels (households,
// poor households), AVGT an average over time, NONE not aggregated.
func timeCatalog() *catalog.Catalog {
	c := reformCatalog()
	el := func(code string, t catalog.TimeAggregation) catalog.Element {
		return catalog.Element{Code: code, NameVI: code, ValueType: catalog.Number, Aggregation: catalog.Sum, TimeAggregation: t, Decimals: 2}
	}
	poor := el("POORS", catalog.TimeLevel)
	poor.Definitions = []catalog.Definition{{From: 2022, NoteVI: "chuẩn nghèo mới"}}
	c.Elements = append(c.Elements, el("SPEND", catalog.TimeFlow), el("HHS", catalog.TimeLevel), poor,
		el("AVGT", catalog.TimeAverage), el("NONE", catalog.TimeNone))
	c.Indicators = append(c.Indicators,
		catalog.Indicator{Code: "POVR", NameVI: "Tỷ lệ hộ nghèo", Numerator: "POORS", Denominator: "HHS", Factor: 100, Decimals: 2},
		catalog.Indicator{Code: "SPEND_PER_HH", NameVI: "Chi bình quân hộ", Numerator: "SPEND", Denominator: "HHS", Factor: 1, Decimals: 2,
			HigherIsBetter: true})
	c.Targets = []catalog.Target{{Code: "POVR", Area: "P", Period: "2025", Value: "0.5"}, {Code: "SPEND", Area: "P", Period: "2021-2025", Value: "100"}}
	return c
}

func figureOf(t *testing.T, en *calc.Engine, code, area, per string) calc.Figure {
	t.Helper()
	f, err := en.Figure(code, area, period.MustParse(per), "")
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// TestQuartersAndMonthsMakeTheYear: a year without a value of its own is
// made from its quarters (a quarter from its months) by the element's time
// aggregation; a value stored for the year wins.
func TestQuartersAndMonthsMakeTheYear(t *testing.T) {
	en := engineOver(t, timeCatalog(),
		"SPEND C1 2024Q1 10", "SPEND C1 2024Q2 20", "SPEND C1 202407 1", "SPEND C1 202408 2", "SPEND C1 202409 3", "SPEND C1 2024Q4 40",
		"HHS C1 2024Q1 100", "HHS C1 2024Q2 110", "HHS C1 2024Q3 120", "HHS C1 2024Q4 130",
		"AVGT C1 2024Q1 1", "AVGT C1 2024Q2 2", "AVGT C1 2024Q3 3", "AVGT C1 2024Q4 6",
		"NONE C1 2024Q1 5", "NONE C1 2024Q2 5",
		"SPEND C2 2024 500", "SPEND C2 2024Q1 1", // C2's own year wins over its quarter
	)
	for _, c := range []struct {
		code, area, per string
		want            float64
		ok              bool
	}{
		{"SPEND", "C1", "2024Q3", 6, true}, // months → quarter
		{"SPEND", "C1", "2024", 76, true},  // 10 + 20 + (1+2+3) + 40
		{"HHS", "C1", "2024", 130, true},   // the level at the end of the year
		{"AVGT", "C1", "2024", 3, true},    // (1+2+3+6)/4
		{"NONE", "C1", "2024", 0, false},   // not aggregated over time
		{"SPEND", "C2", "2024", 500, true}, // stored for the year
		{"SPEND", "D", "2024", 576, true},  // the district: its communes' years
		{"SPEND", "D", "2024Q1", 11, true}, // and their quarters
	} {
		f := figureOf(t, en, c.code, c.area, c.per)
		if f.OK != c.ok || f.Value != c.want {
			t.Errorf("%s of %s in %s = %v (ok %v), want %v (%v)", c.code, c.area, c.per, f.Value, f.OK, c.want, c.ok)
		}
	}
	if f := figureOf(t, en, "SPEND", "C1", "2024"); !f.Complete() || f.PartsWith != 4 || f.Parts != 4 {
		t.Errorf("a year of four quarters: %+v", f)
	}
}

// TestRangesByTimeAggregation: over 2016–2020 a level is its 2020 value
// (not five years added up), a flow the total, and a rate the ratio of its
// parts at the end: households of 2020 over households of 2020.
func TestRangesByTimeAggregation(t *testing.T) {
	var vals []string
	for y, v := range map[string][2]string{"2016": {"1000", "50"}, "2017": {"1010", "40"}, "2018": {"1020", "30"}, "2019": {"1030", "20"}, "2020": {"1040", "10"}} {
		vals = append(vals, "HHS C1 "+y+" "+v[0], "POORS C1 "+y+" "+v[1], "SPEND C1 "+y+" "+v[1])
	}
	en := engineOver(t, timeCatalog(), vals...)
	for code, want := range map[string]float64{"HHS": 1040, "POORS": 10, "SPEND": 150, "POVR": 100 * 10 / 1040.0, "SPEND_PER_HH": 150 / 1040.0} {
		f := figureOf(t, en, code, "P", "2016-2020")
		if !f.OK || f.Short() || f.Value != want {
			t.Errorf("%s over 2016-2020 = %+v, want %v", code, f, want)
		}
	}
}

// TestRangeStillRunning: 2021–2025 with values up to 2023 gives the level
// of 2023 and the flow of three years, both saying they go to 2023.
func TestRangeStillRunning(t *testing.T) {
	en := engineOver(t, timeCatalog(),
		"HHS N1 2025 999", // 2025 is after the reform: N1 only, a year not reached yet by C1 and C2
		"HHS C1 2021 100", "HHS C1 2022 110", "HHS C1 2023 120", "HHS C2 2023 80",
		"SPEND C1 2021 1", "SPEND C1 2022 2", "SPEND C1 2023 3",
		"POORS C1 2022 11", "POORS C2 2022 8",
	)
	hhs := figureOf(t, en, "HHS", "C2", "2021-2025")
	if hhs.Value != 80 || hhs.Through != period.MustParse("2023") || hhs.Complete() {
		t.Errorf("households of C2 over 2021-2025: %+v, want 80 to 2023", hhs)
	}
	// The district ended on 30/6/2025 and N1 took it over whole: on the
	// district's boundaries its 2025 is N1's, marked as such.
	if d := figureOf(t, en, "HHS", "D", "2021-2025"); d.Value != 999 || !d.Mapped || d.Short() {
		t.Errorf("households of the district over 2021-2025: %+v, want N1's 999 of 2025", d)
	}
	spend := figureOf(t, en, "SPEND", "P", "2021-2025")
	if spend.Value != 6 || spend.Through != period.MustParse("2023") || spend.PartsWith != 3 || spend.Parts != 5 {
		t.Errorf("spending over 2021-2025: %+v, want 6 from 3 of 5 years to 2023", spend)
	}
	if got := spend.Note(period.MustParse("2021-2025"), "vi"); got != "đến năm 2023; chưa đủ số liệu các đơn vị" {
		t.Errorf("note %q", got)
	}
	if got := figureOf(t, en, "HHS", "C2", "2021-2025").Note(period.MustParse("2021-2025"), "vi"); got != "đến năm 2023" {
		t.Errorf("a level with only its 2023 value: note %q", got)
	}
	if got := figureOf(t, en, "SPEND", "C1", "2022-2025").Note(period.MustParse("2022-2025"), "vi"); got != "đến năm 2023" {
		t.Errorf("a flow of 2022 and 2023: note %q", got)
	}
	// The district existed for 2021–2024 only (to 30/6/2025), N1 has its
	// land in 2025: 5 years, of which 3 have a value.
	if f := figureOf(t, en, "SPEND", "D", "2021-2025"); f.Parts != 5 || f.PartsWith != 3 || f.Value != 6 {
		t.Errorf("district over 2021-2025: %+v", f)
	}
	// C1 and C2 did not take over anything: their years end with 2024.
	if f := figureOf(t, en, "SPEND", "C1", "2021-2025"); f.Parts != 4 || f.Value != 6 || f.Mapped {
		t.Errorf("C1 over 2021-2025: %+v", f)
	}
	// Poor households reach 2022 only, households 2023: the rate of the
	// district is that of 2022, both parts taken to 2022.
	r, err := en.IndicatorValue("POVR", "D", period.MustParse("2021-2025"), "")
	if err != nil || r.Numerator != 19 || r.Denominator != 110 || r.Through != period.MustParse("2022") {
		t.Errorf("rate over 2021-2025: %+v %v, want 19/110 to 2022", r, err)
	}
	en.SetFact(period.MustParse("2023"), "SPEND", "C2", "", 4, true)
	if got := figureOf(t, en, "SPEND", "C2", "2021-2025").Note(period.MustParse("2021-2025"), "vi"); got != "số liệu của 1 trong 3 năm, đến năm 2023" {
		t.Errorf("a flow of 2023 only: note %q", got)
	}
}

// TestRangeAcrossAnAbolition: a flow over a range adds up each year with
// the areas of that year, so the district abolished in 2025 counts for
// 2024 and the new commune for 2025.
func TestRangeAcrossAnAbolition(t *testing.T) {
	en := engineOver(t, timeCatalog(), "SPEND C1 2024 10", "SPEND C2 2024 20", "SPEND N1 2025 5", "HHS C1 2024 100", "HHS N1 2025 70")
	if f := figureOf(t, en, "SPEND", "P", "2024-2025"); f.Value != 35 || !f.Complete() {
		t.Errorf("spending 2024-2025: %+v, want 35", f)
	}
	if f := figureOf(t, en, "HHS", "P", "2024-2025"); f.Value != 70 {
		t.Errorf("households 2024-2025: %+v, want 70, the new commune's at the end", f)
	}
}

// TestGapsAreSaid: a total of the communes that have reported so far says
// it has gaps; a value stored for the area itself has none.
func TestGapsAreSaid(t *testing.T) {
	en := engineOver(t, timeCatalog(), "HHS C1 2023 100", "HHS D 2022 300", "HHS C1 2022 100")
	if f := figureOf(t, en, "HHS", "D", "2023"); !f.Gaps || f.Value != 100 || f.Reporting != 1 {
		t.Errorf("one commune of two: %+v", f)
	}
	if f := figureOf(t, en, "HHS", "D", "2022"); f.Gaps || !f.Stored || f.Value != 300 {
		t.Errorf("stored for the district: %+v", f)
	}
	if f := figureOf(t, en, "HHS", "P", "2023"); !f.Gaps {
		t.Errorf("the province above a district with gaps: %+v", f)
	}
}

// TestChangesReachLongerPeriods: a value saved for a quarter changes its
// year and the ranges over it, with the engine told only through SetFact.
func TestChangesReachLongerPeriods(t *testing.T) {
	en := engineOver(t, timeCatalog(), "SPEND C1 2024Q1 10", "SPEND C1 2023 5")
	if f := figureOf(t, en, "SPEND", "P", "2023-2024"); f.Value != 15 {
		t.Fatalf("before: %+v", f)
	}
	en.SetFact(period.MustParse("2024Q2"), "SPEND", "C1", "", 7, true)
	if f := figureOf(t, en, "SPEND", "P", "2024"); f.Value != 17 {
		t.Errorf("the year after a new quarter: %+v", f)
	}
	if f := figureOf(t, en, "SPEND", "P", "2023-2024"); f.Value != 22 {
		t.Errorf("the range after a new quarter: %+v", f)
	}
}

// TestTargetOfARange: a level's target for a range is that of its last
// year; FirstMet finds the first year meeting it for good, not counting
// years under an older definition.
func TestTargetOfARange(t *testing.T) {
	en := engineOver(t, timeCatalog(),
		"POORS C1 2020 4", "HHS C1 2020 1000", // 0,40%: met, but under the old standard
		"POORS C1 2021 3", "HHS C1 2021 1000", // 0,30%: met, old standard
		"POORS C1 2022 6", "HHS C1 2022 1000", // 0,60%: the new standard, not met
		"POORS C1 2023 5", "HHS C1 2023 1001", // 0,4995% shows 0,50%: met as shown
		"POORS C1 2024 4", "HHS C1 2024 1000",
		"SPEND C1 2021 40", "SPEND C1 2022 30", "SPEND C1 2023 35",
	)
	r := period.MustParse("2021-2025")
	if v, ok := en.Target("POVR", "P", r); !ok || v != 0.5 {
		t.Errorf("target of the rate for 2021-2025: %v %v, want 2025's 0.5", v, ok)
	}
	if _, ok := en.Target("SPEND", "P", period.MustParse("2025")); ok {
		t.Error("a flow's range target taken for its last year")
	}
	got, ok, err := en.FirstMet("POVR", "P", r, 2024)
	if err != nil || !ok || got.Year != 2023 || got.Early != 2 || got.Target != 0.5 {
		t.Errorf("poverty target: %+v %v %v, want met since 2023, 2 years early", got, ok, err)
	}
	// The total reaches 100 in 2023: 40 + 30 + 35.
	got, ok, err = en.FirstMet("SPEND", "P", r, 2023)
	if err != nil || !ok || got.Year != 2023 || got.Early != 2 {
		t.Errorf("spending target: %+v %v %v", got, ok, err)
	}
	if _, ok, _ := en.FirstMet("SPEND", "P", r, 2022); ok {
		t.Error("70 of 100 counted as met")
	}
	if bs := en.Breaks("POVR", period.MustParse("2021"), period.MustParse("2022")); len(bs) != 1 || bs[0].From != 2022 {
		t.Errorf("breaks between 2021 and 2022: %+v", bs)
	}
	if bs := en.Breaks("POVR", period.MustParse("2022"), period.MustParse("2024")); len(bs) != 0 {
		t.Errorf("breaks between 2022 and 2024: %+v", bs)
	}
}
