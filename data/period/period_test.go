package period

import (
	"slices"
	"testing"
)

func TestParts(t *testing.T) {
	codes := func(ps []Period) []string {
		var out []string
		for _, p := range ps {
			out = append(out, p.String())
		}
		return out
	}
	for in, want := range map[string][]string{
		"2021-2023": {"2021", "2022", "2023"},
		"2024":      {"2024Q1", "2024Q2", "2024Q3", "2024Q4"},
		"2024Q3":    {"202407", "202408", "202409"},
		"202409":    nil,
	} {
		if got := codes(MustParse(in).Parts()); !slices.Equal(got, want) {
			t.Errorf("parts of %s = %v, want %v", in, got, want)
		}
	}
	// Each part ends within its period, the last on the period's last day.
	for _, in := range []string{"2016-2020", "2024", "2024Q4"} {
		p := MustParse(in)
		parts := p.Parts()
		if !parts[len(parts)-1].End().Equal(p.End()) || !parts[0].Start().Equal(p.Start()) {
			t.Errorf("%s: parts %v do not cover it", in, codes(parts))
		}
	}
}

func TestWithin(t *testing.T) {
	codes := func(p Period) []string {
		var out []string
		for _, q := range p.Within() {
			out = append(out, q.String())
		}
		return out
	}
	if got := codes(MustParse("2024")); len(got) != 17 || got[0] != "2024" || !slices.Contains(got, "2024Q4") || !slices.Contains(got, "202412") {
		t.Errorf("2024: %v", got)
	}
	if got := codes(MustParse("2024Q2")); !slices.Equal(got, []string{"2024Q2", "202404", "202405", "202406"}) {
		t.Errorf("2024Q2: %v", got)
	}
	if got := codes(MustParse("2021-2022")); len(got) != 35 || got[0] != "2021-2022" || !slices.Contains(got, "2022Q1") || !slices.Contains(got, "202112") {
		t.Errorf("2021-2022: %v", got)
	}
	if got := codes(MustParse("202403")); !slices.Equal(got, []string{"202403"}) {
		t.Errorf("202403: %v", got)
	}
}
