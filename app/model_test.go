package app

import (
	"slices"
	"testing"
	"time"

	"chiso/data/calc"
	"chiso/data/catalog"
	"chiso/data/number"
	"chiso/widgets"
)

func TestDefaultArea(t *testing.T) {
	for _, tc := range []struct {
		areas []catalog.Area
		want  string
	}{
		{nil, ""},
		{[]catalog.Area{{Code: "VN"}, {Code: "QN", Parent: "VN"}, {Code: "A", Parent: "QN"}, {Code: "B", Parent: "QN"}}, "QN"},
		{[]catalog.Area{{Code: "X"}, {Code: "Y"}, {Code: "X1", Parent: "X"}}, "X1"},
		{[]catalog.Area{{Code: "HN"}, {Code: "A", Parent: "HN"}, {Code: "B", Parent: "HN"}}, "HN"},
	} {
		if got := defaultArea(&catalog.Catalog{Areas: tc.areas}); got != tc.want {
			t.Errorf("defaultArea(%v) = %q, want %q", tc.areas, got, tc.want)
		}
	}
}

func TestAreaNodes_VietnameseOrder(t *testing.T) {
	c := &catalog.Catalog{Areas: []catalog.Area{
		{Code: "QN", Name: "Quảng Ninh"},
		{Code: "3", Name: "Thành phố Uông Bí", Parent: "QN"},
		{Code: "1", Name: "Huyện Đầm Hà", Parent: "QN"},
		{Code: "2", Name: "Huyện Ba Chẽ", Parent: "QN"},
	}}
	var got []string
	for _, n := range areaNodes(c) {
		got = append(got, n.ID)
	}
	if want := []string{"2", "1", "QN", "3"}; !slices.Equal(got, want) {
		t.Errorf("order = %v, want %v", got, want)
	}
}

func TestYears(t *testing.T) {
	got := years(time.Date(2026, 11, 28, 0, 0, 0, 0, time.UTC), 2023)
	if len(got) != 16 || got[0] != "2026" || got[15] != "2011" {
		t.Errorf("years = %v, want 2026 … 2011", got)
	}
	if got := years(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), 2027); got[0] != "2027" {
		t.Errorf("years reaching 2027 start at %s", got[0])
	}
}

func TestValueRows(t *testing.T) {
	rows := []calc.Row{
		{Code: "POP", NameVI: "Dân số", NameEN: "Population", UnitVI: "người", UnitEN: "persons", Figure: calc.Figure{Value: 1234567, OK: true}},
		{Code: "POV_RATE", NameVI: "Tỷ lệ hộ nghèo", Decimals: 2, Figure: calc.Figure{Value: 0.3649, OK: true}, Indicator: true},
		{Code: "HH_POOR", NameVI: "Số hộ nghèo"},
	}
	want := []widgets.ValueRow{
		{Code: "POP", Name: "Dân số", Unit: "người", Value: "1.234.567"},
		{Code: "POV_RATE", Name: "Tỷ lệ hộ nghèo", Value: "0,36", Indicator: true},
		{Code: "HH_POOR", Name: "Số hộ nghèo", Value: "–"},
	}
	if got := valueRows(rows, "vi", number.Vietnamese); !slices.Equal(got, want) {
		t.Errorf("valueRows = %+v\nwant %+v", got, want)
	}
	if got := valueRows(rows[:1], "en", number.English); got[0].Name != "Population" || got[0].Unit != "persons" || got[0].Value != "1,234,567" {
		t.Errorf("English row = %+v", got[0])
	}
}
