package period

import (
	"testing"
	"time"
)

// TestHalfYearsAndNineMonths reads and writes the cumulative periods of
// the reporting regime, with their days, labels, previous periods and
// whether DHIS2 knows them; bad codes are refused.
func TestHalfYearsAndNineMonths(t *testing.T) {
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
	for _, tc := range []struct {
		code, vi, en, prev string
		start, end         time.Time
		dhis2              bool
	}{
		{"2026S1", "6 tháng đầu năm 2026", "First half of 2026", "2025S2", day(2026, 1, 1), day(2026, 6, 30), true},
		{"2026S2", "6 tháng cuối năm 2026", "Second half of 2026", "2026S1", day(2026, 7, 1), day(2026, 12, 31), true},
		{"2026C9", "9 tháng năm 2026", "January–September 2026", "2025C9", day(2026, 1, 1), day(2026, 9, 30), false},
	} {
		p, err := Parse(tc.code)
		if err != nil {
			t.Fatalf("%s: %v", tc.code, err)
		}
		if p.String() != tc.code || p.Label("vi") != tc.vi || p.Label("en") != tc.en || p.Prev().String() != tc.prev ||
			!p.Start().Equal(tc.start) || !p.End().Equal(tc.end) || p.DHIS2() != tc.dhis2 {
			t.Errorf("%s: %s %q %q prev %s %v–%v DHIS2 %v", tc.code, p, p.Label("vi"), p.Label("en"), p.Prev(), p.Start(), p.End(), p.DHIS2())
		}
	}
	if s, _ := Parse("2026s1"); s.String() != "2026S1" {
		t.Errorf("lower case: %v", s)
	}
	for _, bad := range []string{"2026S3", "2026S0", "2026C6", "2026C", "1800S1"} {
		if _, err := Parse(bad); err == nil {
			t.Errorf("%s accepted", bad)
		}
	}
	for typ, want := range map[string]Type{"6months": HalfYear, "9months": NineMonths} {
		if got, err := ParseType(typ); err != nil || got != want || got.String() != typ {
			t.Errorf("ParseType(%s) = %v, %v", typ, got, err)
		}
	}
	if p := MustParse("2024"); !p.DHIS2() || MustParse("2021-2025").DHIS2() {
		t.Error("years are DHIS2 periods, ranges are not")
	}
}
