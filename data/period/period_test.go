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
