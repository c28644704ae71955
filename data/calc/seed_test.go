package calc_test

import (
	"context"
	"math"
	"path/filepath"
	"slices"
	"testing"

	"chiso/data/calc"
	"chiso/data/defaults"
	"chiso/data/number"
	"chiso/data/period"
	"chiso/data/store"
)

// demoEngine opens a new database filled with the demo data.
func demoEngine(t testing.TB) (*calc.Engine, *store.Store) { return demoThrough(t, 0) }

// demoThrough opens a new database filled with the demo as it stood at
// the end of a year (0: the whole demo; see defaults.InstallDemo).
func demoThrough(t testing.TB, year int) (*calc.Engine, *store.Store) {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(filepath.Join(t.TempDir(), "demo.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if err := defaults.InstallDemo(ctx, st, year); err != nil {
		t.Fatal(err)
	}
	cat, err := st.Catalog(ctx)
	if err != nil {
		t.Fatal(err)
	}
	en, err := calc.New(ctx, cat, st)
	if err != nil {
		t.Fatal(err)
	}
	return en, st
}

// show formats a computed figure the way the article prints it.
func show(v float64, decimals int) string { return number.FormatFloat(v, decimals, number.Vietnamese) }

func value(t *testing.T, en *calc.Engine, code, area, per, group string) float64 {
	t.Helper()
	v, ok, err := en.Value(code, area, period.MustParse(per), group)
	if err != nil || !ok {
		t.Fatalf("%s %s %s %s: ok=%v err=%v", code, area, per, group, ok, err)
	}
	return v
}

// TestSeedArticle computes, from the demo data, every figure of the article
// in shared/seed that the demo must reproduce.
func TestSeedArticle(t *testing.T) {
	en, _ := demoEngine(t)

	t.Run("poverty rate 4,56% in 2015 to 0,36% in 2020", func(t *testing.T) {
		if got := show(value(t, en, "POV_RATE", "QN", "2015", ""), 2); got != "4,56" {
			t.Errorf("2015: %s", got)
		}
		if got := show(value(t, en, "POV_RATE", "QN", "2020", ""), 2); got != "0,36" {
			t.Errorf("2020: %s", got)
		}
		// A ratio of sums, never an average of the localities' rates.
		r, err := en.IndicatorValue("POV_RATE", "QN", period.MustParse("2015"), "")
		if err != nil {
			t.Fatal(err)
		}
		var poor, total float64
		for _, d := range en.Children("QN", period.MustParse("2015")) {
			poor += value(t, en, "HH_POOR", d, "2015", "")
			total += value(t, en, "HH_TOTAL", d, "2015", "")
		}
		if r.Numerator != poor || r.Denominator != total {
			t.Errorf("POV_RATE 2015 = %v/%v, want the sums %v/%v", r.Numerator, r.Denominator, poor, total)
		}
	})

	t.Run("localities in 2022", func(t *testing.T) {
		p := period.MustParse("2022")
		noPoor, err := en.CountMeeting("HH_POOR", "QN", 3, p, func(v float64) bool { return v == 0 })
		if err != nil {
			t.Fatal(err)
		}
		want := []string{"QN_HALONG", "QN_QUANGYEN", "QN_VANDON", "QN_COTO"}
		if !sameSet(noPoor.Met, want) || noPoor.Total() != 13 {
			t.Errorf("no poor households: %v of %d, want %v of 13", noPoor.Met, noPoor.Total(), want)
		}
		neither, _ := en.CountMeeting("POOR_NEARPOOR_RATE", "QN", 3, p, func(v float64) bool { return v == 0 })
		if !sameSet(neither.Met, []string{"QN_HALONG"}) {
			t.Errorf("no poor nor near-poor: %v, want Hạ Long only", neither.Met)
		}
		below1, _ := en.CountMeeting("POV_RATE", "QN", 3, p, func(v float64) bool { return v < 1 })
		if len(below1.Met) != 9 || below1.Total() != 13 {
			t.Errorf("below 1%%: %d/%d, want 9/13", len(below1.Met), below1.Total())
		}
	})

	t.Run("social security spending", func(t *testing.T) {
		if got := show(value(t, en, "SS_SPEND", "QN", "2016-2020", ""), 0); got != "8.981" {
			t.Errorf("2016-2020 total: %s tỷ đồng, want 8.981", got)
		}
		ratio, ok, err := en.RangeRatio("SS_SPEND", "QN", period.MustParse("2011-2015"), period.MustParse("2016-2020"), "")
		if err != nil || !ok || show(ratio, 1) != "1,8" {
			t.Errorf("ratio to 2011-2015: %v (%v, %v), want 1,8", ratio, ok, err)
		}
		g, ok, err := en.AverageGrowth("SS_SPEND", "QN", period.MustParse("2016-2020"), "")
		if err != nil || !ok || show(g, 1) != "14,9" {
			t.Errorf("average annual growth: %v (%v, %v), want 14,9", g, ok, err)
		}
	})

	t.Run("177/177 communes with a standard health station", func(t *testing.T) {
		if got := value(t, en, "HS_STD", "QN", "2023", ""); got != 177 {
			t.Errorf("count of yes: %v", got)
		}
		c, err := en.CountMeeting("HS_STD", "QN", 4, period.MustParse("2023"), func(v float64) bool { return v == 1 })
		if err != nil || len(c.Met) != 177 || c.Total() != 177 {
			t.Errorf("%d/%d (%v)", len(c.Met), c.Total(), err)
		}
		rows, err := en.Rows("QN", period.MustParse("2023"))
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rows {
			if r.Code == "HS_STD" && r.Text(number.Vietnamese, "vi") != "177/177" {
				t.Errorf("the province's sheet shows %q, want 177/177", r.Text(number.Vietnamese, "vi"))
			}
		}
		commune, _ := en.Rows("QN_BACHE_03", period.MustParse("2023"))
		for _, r := range commune {
			if r.Code == "HS_STD" && r.Text(number.Vietnamese, "vi") != "có" {
				t.Errorf("a commune's sheet shows %q, want có", r.Text(number.Vietnamese, "vi"))
			}
		}
		share, ok, err := en.TargetShare("HS_STD", "QN", period.MustParse("2023"), "")
		if err != nil || !ok || share != 100 {
			t.Errorf("share of target: %v %v %v", share, ok, err)
		}
	})

	t.Run("especially difficult communes", func(t *testing.T) {
		if got := show(value(t, en, "ELEC_RATE", "QN", "2023", "DBKK"), 2); got != "100,00" {
			t.Errorf("electricity: %s", got)
		}
		if got := show(value(t, en, "WATER_RATE", "QN", "2023", "DBKK"), 2); got != "97,82" {
			t.Errorf("water: %s", got)
		}
	})

	t.Run("income in ethnic-minority and mountain areas", func(t *testing.T) {
		if got := show(value(t, en, "INC_PC", "QN", "2021", "DTTS_MN"), 1); got != "52,5" {
			t.Errorf("2021: %s", got)
		}
		c, err := en.ChangeOnPrevious("INC_PC", "QN", period.MustParse("2021"), "DTTS_MN")
		if err != nil || !c.OK || show(c.Percent, 2) != "13,88" {
			t.Errorf("change on 2020: %+v %v", c, err)
		}
	})

	t.Run("441 houses = 260 new + 181 repaired", func(t *testing.T) {
		for code, want := range map[string]float64{"HOUSE_SUPPORT": 441, "HOUSE_SUPPORT.NEW": 260, "HOUSE_SUPPORT.REPAIR": 181} {
			if got := value(t, en, code, "QN", "2023", ""); got != want {
				t.Errorf("%s = %v, want %v", code, got, want)
			}
		}
	})
}

// TestAbolishedAreasKeepTheirHistory checks that Hoành Bồ, merged into Hạ
// Long on 1/1/2020, counts in 2015 and not in 2020.
func TestAbolishedAreasKeepTheirHistory(t *testing.T) {
	en, _ := demoEngine(t)
	in2015 := en.Children("QN", period.MustParse("2015"))
	in2020 := en.Children("QN", period.MustParse("2020"))
	if len(in2015) != 14 || !slices.Contains(in2015, "QN_HOANHBO") {
		t.Errorf("2015: %d localities %v", len(in2015), in2015)
	}
	if len(in2020) != 13 || slices.Contains(in2020, "QN_HOANHBO") {
		t.Errorf("2020: %d localities", len(in2020))
	}
	var sum float64
	for _, d := range in2015 {
		sum += value(t, en, "HH_TOTAL", d, "2015", "")
	}
	if got := value(t, en, "HH_TOTAL", "QN", "2015", ""); math.Abs(got-sum) > 0 {
		t.Errorf("QN 2015 = %v, sum of its 14 localities = %v", got, sum)
	}
}

func sameSet(a, b []string) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(a, b)
}

// TestDemoBreaksNoRule checks the demo data against every validation rule,
// for the province, each locality and each commune, every year.
func TestDemoBreaksNoRule(t *testing.T) {
	en, _ := demoEngine(t)
	if len(en.Catalog.Rules) == 0 {
		t.Fatal("the default catalog has no validation rules")
	}
	for y := 2011; y <= 2023; y++ {
		p := period.Period{Type: period.Year, Year: y}
		for _, a := range en.Catalog.Areas {
			vs, err := en.CheckRules(a.Code, p)
			if err != nil {
				t.Fatal(err)
			}
			for _, v := range vs {
				t.Errorf("%s %d breaks %s: %v vs %v", a.Code, y, v.Rule.Code, v.Left, v.Right)
			}
		}
	}
}

// TestSeedProgrammePeriods computes the demo's figures over programme
// periods the way the article and the reports state them: over 2016–2020
// a level is its 2020 value (population, households, income, health
// stations, the poverty rate of each locality), never five years added
// up; and the 2021–2025 poverty target (0,5% by 2025) was met in 2022,
// "hoàn thành trước 3 năm" — 2021's lower rate was under the old standard.
func TestSeedProgrammePeriods(t *testing.T) {
	en, _ := demoEngine(t)
	rows, err := en.Rows("QN", period.MustParse("2016-2020"))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"POP": "1.314.541", "INC_PC": "63,4", "HS_STD": "168/177", "POV_RATE": "0,36", "SS_SPEND": "8.981,0"}
	for _, r := range rows {
		if w, ok := want[r.Code]; ok {
			if got := r.Text(number.Vietnamese, "vi"); got != w {
				t.Errorf("%s over 2016-2020 = %s, want %s", r.Code, got, w)
			}
			if r.Short() {
				t.Errorf("%s over 2016-2020 is short: %+v", r.Code, r.Figure)
			}
			delete(want, r.Code)
		}
	}
	if len(want) > 0 {
		t.Errorf("no rows %v", want)
	}
	if got := show(value(t, en, "POV_RATE", "QN_BINHLIEU", "2016-2020", ""), 2); got != "5,28" {
		t.Errorf("Bình Liêu's poverty rate over 2016-2020 = %s, want its 2020 rate 5,28", got)
	}

	r, ok, err := en.FirstMet("POV_RATE", "QN", period.MustParse("2021-2025"), 2023)
	if err != nil || !ok || r.Year != 2022 || r.Early != 3 || r.Target != 0.5 {
		t.Errorf("poverty target of 2021-2025: %+v %v %v, want met since 2022, 3 years early", r, ok, err)
	}
	f, err := en.Figure("POV_RATE", "QN", period.MustParse("2021-2025"), "")
	if err != nil || show(f.Value, 2) != "0,12" || f.Short() {
		t.Errorf("poverty rate over 2021-2025: %+v %v, want 0,12, that of 2025", f, err)
	}
	// While the period ran (the demo as it was at the end of 2023), its
	// rate was that of the last year with figures.
	en23, _ := demoThrough(t, 2023)
	f, err = en23.Figure("POV_RATE", "QN", period.MustParse("2021-2025"), "")
	if err != nil || show(f.Value, 2) != "0,29" || f.Through != period.MustParse("2023") {
		t.Errorf("poverty rate over 2021-2025 with figures to 2023: %+v %v, want 0,29 to 2023", f, err)
	}
}
