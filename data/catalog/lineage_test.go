package catalog

import (
	"slices"
	"testing"
)

// TestLineage follows a commune merged in 2024 into one merged again in
// 2025 (M → B → N), a split (S → N, N2) and a district whose communes went
// to N (D → N, which Formers does not list: another level).
func TestLineage(t *testing.T) {
	areas := []Area{
		{Code: "D", Level: 3, ValidTo: "2025-06-30", Successors: []string{"N"}},
		{Code: "B", Level: 4, ValidTo: "2025-06-30", Successors: []string{"N"}},
		{Code: "M", Level: 4, ValidTo: "2024-10-31", Successors: []string{"B"}},
		{Code: "S", Level: 4, ValidTo: "2025-06-30", Successors: []string{"N", "N2"}},
		{Code: "N", Level: 4, ValidFrom: "2025-07-01"},
		{Code: "N2", Level: 4, ValidFrom: "2025-07-01"},
	}
	l := NewLineage(areas)
	if got := l.Formers("N"); !slices.Equal(got, []string{"B", "M", "S"}) {
		t.Errorf("Formers(N) = %v, want [B M S]", got)
	}
	if got := l.Formers("N2"); !slices.Equal(got, []string{"S"}) {
		t.Errorf("Formers(N2) = %v", got)
	}
	for code, want := range map[string][]string{"M": {"N"}, "S": {"N", "N2"}, "N": {"N"}, "D": {"N"}} {
		if got := l.Now(code, "2026-01-01"); !slices.Equal(got, want) {
			t.Errorf("Now(%s, 2026) = %v, want %v", code, got, want)
		}
	}
	if got := l.Now("M", "2025-01-01"); !slices.Equal(got, []string{"B"}) {
		t.Errorf("Now(M, 1/1/2025) = %v, want [B]", got)
	}
	if got := l.Now("N", "2020-01-01"); got != nil {
		t.Errorf("Now(N, 2020) = %v: N did not exist yet", got)
	}
}
