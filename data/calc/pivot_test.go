package calc_test

import (
	"math"
	"slices"
	"testing"

	"chiso/data/calc"
	"chiso/data/period"
)

func years(from, to int) []period.Period {
	var ps []period.Period
	for y := from; y <= to; y++ {
		ps = append(ps, period.Period{Type: period.Year, Year: y})
	}
	return ps
}

// pivotRow returns the row of area.
func pivotRow(t *testing.T, pv *calc.Pivot, area string) calc.PivotRow {
	t.Helper()
	for _, r := range pv.Rows {
		if r.Area == area {
			return r
		}
	}
	t.Fatalf("no row %s among %d", area, len(pv.Rows))
	return calc.PivotRow{}
}

func TestPivot_PovertyRateByDistrict(t *testing.T) {
	en, _ := demoEngine(t)
	pv, err := en.Pivot("POV_RATE", "QN", 3, years(2015, 2022), "")
	if err != nil {
		t.Fatal(err)
	}
	if len(pv.Periods) != 8 || len(pv.Total.Values) != 8 {
		t.Fatalf("%d periods, total of %d", len(pv.Periods), len(pv.Total.Values))
	}
	// 2015 (index 0): 14 districts, Hoành Bồ included; it merged into Hạ
	// Long at the end of 2019, so it is blank in 2020 (index 5).
	n2015 := 0
	for _, r := range pv.Rows {
		if r.OK[0] {
			n2015++
		}
	}
	if len(pv.Rows) != 14 || n2015 != 14 {
		t.Errorf("%d rows, %d with a 2015 value; want 14 and 14", len(pv.Rows), n2015)
	}
	hb := pivotRow(t, pv, "QN_HOANHBO")
	if !hb.OK[0] || hb.OK[5] {
		t.Errorf("Hoành Bồ: 2015 ok=%v, 2020 ok=%v; want a 2015 value and a blank 2020", hb.OK[0], hb.OK[5])
	}
	if got := show(pv.Total.Values[0], 2); got != "4,56" || !pv.Total.OK[0] {
		t.Errorf("total 2015 = %s, want 4,56", got)
	}
	if got := show(pv.Total.Values[5], 2); got != "0,36" {
		t.Errorf("total 2020 = %s, want 0,36", got)
	}
	if pv.Total.Area != "QN" || pv.Total.Name != "Quảng Ninh" {
		t.Errorf("total row = %s %s", pv.Total.Area, pv.Total.Name)
	}
	// The total is the ratio of the sums, not the sum of the rates.
	var sum float64
	for _, r := range pv.Rows {
		sum += r.Values[0]
	}
	if math.Abs(sum-pv.Total.Values[0]) < 1 {
		t.Errorf("the 2015 total %v is the sum of the column", pv.Total.Values[0])
	}
	// Rows follow Vietnamese order: Cô Tô before Đầm Hà, Đầm Hà before Hải Hà.
	var names []string
	for _, r := range pv.Rows {
		names = append(names, r.Name)
	}
	i, j, k := slices.Index(names, "Huyện Cô Tô"), slices.Index(names, "Huyện Đầm Hà"), slices.Index(names, "Huyện Hải Hà")
	if i < 0 || j < 0 || k < 0 || !(i < j && j < k) {
		t.Errorf("order: %v", names)
	}
	if names[0] != "Huyện Ba Chẽ" {
		t.Errorf("first row %q, want Huyện Ba Chẽ", names[0])
	}
}

func TestPivot_CountOfYesByCommune(t *testing.T) {
	en, _ := demoEngine(t)
	pv, err := en.Pivot("HS_STD", "QN", 4, years(2023, 2023), "")
	if err != nil {
		t.Fatal(err)
	}
	if len(pv.Rows) != 177 {
		t.Errorf("%d communes, want 177", len(pv.Rows))
	}
	if got := show(pv.Total.Values[0], 0); got != "177" {
		t.Errorf("HS_STD 2023 total = %s, want 177", got)
	}
	for _, r := range pv.Rows {
		if r.OK[0] && r.Values[0] != 0 && r.Values[0] != 1 {
			t.Fatalf("commune %s has %v, want 0 or 1", r.Area, r.Values[0])
		}
	}
	// No commune existed before 2020: a table of 2015–2019 has no rows.
	pv, err = en.Pivot("HS_STD", "QN", 4, years(2015, 2019), "")
	if err != nil || len(pv.Rows) != 0 {
		t.Errorf("2015–2019: %d rows, err %v; want none", len(pv.Rows), err)
	}
}

func TestPivot_WeightedAverageTotal(t *testing.T) {
	en, _ := demoEngine(t)
	ps := years(2020, 2023)
	pv, err := en.Pivot("INC_PC", "QN", 3, ps, "")
	if err != nil {
		t.Fatal(err)
	}
	for i, p := range ps {
		var num, den float64
		var sum float64
		for _, r := range pv.Rows {
			if !r.OK[i] {
				continue
			}
			pop, ok, err := en.Value("POP", r.Area, p, "")
			if err != nil || !ok {
				t.Fatalf("POP %s %s: %v %v", r.Area, p, ok, err)
			}
			num += r.Values[i] * pop
			den += pop
			sum += r.Values[i]
		}
		want := num / den
		if !pv.Total.OK[i] || math.Abs(pv.Total.Values[i]-want) > 1e-9*want {
			t.Errorf("INC_PC total %s = %v, want the POP-weighted average %v", p, pv.Total.Values[i], want)
		}
		if mean := sum / float64(len(pv.Rows)); math.Abs(mean-want) < 1e-9 {
			t.Errorf("%s: the weighted average equals the plain mean %v; the test proves nothing", p, mean)
		}
	}
}

func TestPivot_Group(t *testing.T) {
	en, _ := demoEngine(t)
	p := years(2020, 2020)
	pv, err := en.Pivot("POP", "QN", 3, p, "VEN_BIEN")
	if err != nil {
		t.Fatal(err)
	}
	var sum float64
	for _, r := range pv.Rows {
		if r.Area == "QN_BINHLIEU" || r.Area == "QN_UONGBI" {
			t.Errorf("%s is not coastal but has a row", r.Area)
		}
		sum += r.Values[0]
	}
	if len(pv.Rows) != 9 {
		t.Errorf("%d coastal districts, want 9", len(pv.Rows))
	}
	if want := value(t, en, "POP", "QN", "2020", "VEN_BIEN"); pv.Total.Values[0] != want || sum != want {
		t.Errorf("coastal POP 2020: total %v, rows sum %v, want %v", pv.Total.Values[0], sum, want)
	}
}

func TestPivot_Errors(t *testing.T) {
	en, _ := demoEngine(t)
	ps := years(2020, 2020)
	for _, c := range []struct {
		code, parent string
		level        int
		group        string
	}{
		{"NOPE", "QN", 3, ""},
		{"POP.NEW", "QN", 3, ""},
		{"POP", "XX", 3, ""},
		{"POP", "QN", 2, ""},
		{"POP", "QN", 3, "NOGROUP"},
	} {
		if _, err := en.Pivot(c.code, c.parent, c.level, ps, c.group); err == nil {
			t.Errorf("%+v: no error", c)
		}
	}
	if _, err := en.Pivot("HOUSE_SUPPORT.NEW", "QN", 3, ps, ""); err != nil {
		t.Errorf("a category: %v", err)
	}
}
