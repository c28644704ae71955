package calc_test

import (
	"math"
	"slices"
	"strings"
	"testing"
	"time"

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
	pv, err := en.Pivot("POV_RATE", "QN", 3, years(2015, 2022), "", calc.RowsWithFormer)
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
	if want := time.Date(2019, 12, 31, 0, 0, 0, 0, time.UTC); !hb.Until.Equal(want) {
		t.Errorf("Hoành Bồ until %v, want %v", hb.Until, want)
	}
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
	pv, err := en.Pivot("HS_STD", "QN", 4, years(2023, 2023), "", calc.RowsInForce)
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
	pv, err = en.Pivot("HS_STD", "QN", 4, years(2015, 2019), "", calc.RowsInForce)
	if err != nil || len(pv.Rows) != 0 {
		t.Errorf("2015–2019: %d rows, err %v; want none", len(pv.Rows), err)
	}
}

func TestPivot_WeightedAverageTotal(t *testing.T) {
	en, _ := demoEngine(t)
	ps := years(2020, 2023)
	pv, err := en.Pivot("INC_PC", "QN", 3, ps, "", calc.RowsInForce)
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
	pv, err := en.Pivot("POP", "QN", 3, p, "VEN_BIEN", calc.RowsInForce)
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
		if _, err := en.Pivot(c.code, c.parent, c.level, ps, c.group, calc.RowsInForce); err == nil {
			t.Errorf("%+v: no error", c)
		}
	}
	if _, err := en.Pivot("HOUSE_SUPPORT.NEW", "QN", 3, ps, "", calc.RowsInForce); err != nil {
		t.Errorf("a category: %v", err)
	}
}

// TestPivot_RowsAcrossTheReform: the communes of Quảng Ninh over 2017–2026
// are, by default, the 54 units in force at the end of 2026, each with its
// series on today's boundaries, and for a population they add up to the
// province every year (naive sum of the rows against the province's own
// figure); RowsWithFormer adds the 177 communes of before, each marked
// with its last day, 30/06/2025.
func TestPivot_RowsAcrossTheReform(t *testing.T) {
	en, _ := demoEngine(t)
	ps := years(2020, 2026) // the demo's communes begin in 2020
	today, err := en.Pivot("POP", "QN", 4, ps, "", calc.RowsInForce)
	if err != nil {
		t.Fatal(err)
	}
	if len(today.Rows) != 54 {
		t.Fatalf("%d rows, want the 54 units since 1/7/2025", len(today.Rows))
	}
	for _, r := range today.Rows {
		if strings.HasPrefix(r.Area, "QN_") || !r.Until.IsZero() {
			t.Errorf("%s %s (until %v) is not a unit of 2026", r.Area, r.Name, r.Until)
		}
	}
	// The demo's communes have a population from 2020 on: each unit of
	// today has one every year, made of its communes of before ("*")
	// until 2024.
	for i, p := range ps {
		var sum float64
		for _, r := range today.Rows {
			if !r.OK[i] || r.Mapped[i] != (p.Year < 2025) {
				t.Fatalf("%s %s in %s: ok %v, made of its predecessors %v", r.Area, r.Name, p, r.OK[i], r.Mapped[i])
			}
			sum += r.Values[i]
		}
		if want := value(t, en, "POP", "QN", p.String(), ""); math.Abs(sum-want) > 1e-6 || today.Total.Values[i] != want {
			t.Errorf("%s: the 54 rows add up to %v, the total is %v, the province's own %v", p, sum, today.Total.Values[i], want)
		}
	}

	all, err := en.Pivot("POP", "QN", 4, ps, "", calc.RowsWithFormer)
	if err != nil {
		t.Fatal(err)
	}
	if len(all.Rows) != 54+177 {
		t.Fatalf("%d rows with the former units, want 231", len(all.Rows))
	}
	end := time.Date(2025, 6, 30, 0, 0, 0, 0, time.UTC)
	former := 0
	for _, r := range all.Rows {
		if strings.HasPrefix(r.Area, "QN_") {
			former++
			if !r.Until.Equal(end) || !r.OK[4] || r.Mapped[4] {
				t.Errorf("%s %s: until %v, 2024 %+v; want 30/06/2025 and its own 2024", r.Area, r.Name, r.Until, r)
			}
		} else if !r.Until.IsZero() {
			t.Errorf("%s %s until %v", r.Area, r.Name, r.Until)
		}
	}
	if former != 177 || !slices.Equal(all.Total.Values, today.Total.Values) {
		t.Errorf("%d former communes (want 177); totals %v and %v", former, all.Total.Values, today.Total.Values)
	}

	// A range wholly before the reform: the districts of its last year.
	// Hoành Bồ, which joined Hạ Long on 1/1/2020, is not a row of
	// 2015–2022; Hạ Long's 2015 includes it, so the rows still add up.
	pv, err := en.Pivot("POP", "QN", 3, years(2015, 2022), "", calc.RowsInForce)
	if err != nil {
		t.Fatal(err)
	}
	var sum float64
	for _, r := range pv.Rows {
		if r.Area == "QN_HOANHBO" {
			t.Error("Hoành Bồ is a row of 2015–2022")
		}
		sum += r.Values[0]
	}
	if want := value(t, en, "POP", "QN", "2015", ""); len(pv.Rows) != 13 || math.Abs(sum-want) > 1e-6 {
		t.Errorf("2015–2022: %d districts adding up to %v in 2015; want 13 and %v", len(pv.Rows), sum, want)
	}

	// A district that ended: its communes of its last day, not none.
	pv, err = en.Pivot("POP", "QN_COTO", 4, years(2020, 2026), "", calc.RowsInForce)
	if err != nil {
		t.Fatal(err)
	}
	if len(pv.Rows) == 0 {
		t.Fatal("Cô Tô 2020–2026: no commune")
	}
	for _, r := range pv.Rows {
		if !r.Until.Equal(end) {
			t.Errorf("Cô Tô 2020–2026: row %s %s until %v", r.Area, r.Name, r.Until)
		}
	}
}

// TestPivot_NewCommuneFromItsCommunesOfBefore: Xã Ba Chẽ (06970) took in
// four communes of Huyện Ba Chẽ whole and a third of Xã Hải Lạng of Tiên
// Yên (the demo's share where the conversion table gives none). Its
// population and poverty rate of 2020–2024 are those of its communes of
// before, computed here the naive way from their stored values; its rate
// before 2020, when the demo has no communes, is made of the districts.
// The province's row of the communes' table is its own figure every year.
func TestPivot_NewCommuneFromItsCommunesOfBefore(t *testing.T) {
	en, st := demoEngine(t)
	ps := years(2017, 2026)
	parts := map[string]float64{"QN_BACHE_01": 1, "QN_BACHE_03": 1, "QN_BACHE_06": 1, "QN_BACHE_08": 1, "QN_TIENYEN_09": 1.0 / 3}
	naive := func(elem, per string) float64 {
		sum := 0.0
		for c, share := range parts {
			sum += share * raw(t, st, elem, c, per)
		}
		return sum
	}
	pop, err := en.Pivot("POP", "QN", 4, ps, "", calc.RowsInForce)
	if err != nil {
		t.Fatal(err)
	}
	rate, err := en.Pivot("POV_RATE", "QN", 4, ps, "", calc.RowsInForce)
	if err != nil {
		t.Fatal(err)
	}
	p, r := pivotRow(t, pop, "06970"), pivotRow(t, rate, "06970")
	for i, per := range ps {
		y := per.String()
		switch {
		case per.Year < 2020:
			if !r.OK[i] && !r.NotComparable[i] {
				t.Errorf("Xã Ba Chẽ's poverty rate in %s: neither made of the districts nor said not comparable", y)
			}
		case per.Year < 2025:
			wantPop := naive("POP", y)
			wantRate := 100 * naive("HH_POOR", y) / naive("HH_TOTAL", y)
			if !p.OK[i] || !p.Mapped[i] || math.Abs(p.Values[i]-wantPop) > 1e-6 {
				t.Errorf("Xã Ba Chẽ's population in %s: %v (ok %v, marked %v), want %v made of its communes", y, p.Values[i], p.OK[i], p.Mapped[i], wantPop)
			}
			if !r.OK[i] || !r.Mapped[i] || math.Abs(r.Values[i]-wantRate) > 1e-9 {
				t.Errorf("Xã Ba Chẽ's poverty rate in %s: %v (ok %v, marked %v), want %v made of its communes", y, r.Values[i], r.OK[i], r.Mapped[i], wantRate)
			}
		default:
			if !p.OK[i] || p.Mapped[i] || !r.OK[i] || r.Mapped[i] {
				t.Errorf("Xã Ba Chẽ in %s: %+v / %+v, want its own figures", y, p, r)
			}
		}
		for _, pv := range []*calc.Pivot{pop, rate} {
			if own := value(t, en, pv.Code, "QN", y, ""); pv.Total.Values[i] != own || pv.Total.Mapped[i] {
				t.Errorf("%s of Quảng Ninh in %s: total row %v (marked %v), its own %v", pv.Code, y, pv.Total.Values[i], pv.Total.Mapped[i], own)
			}
		}
	}
}
