package catalog

import (
	"strings"
	"testing"
)

// TestTimeAggregationOfOldCatalogs reads a catalog written before the
// time aggregation existed: it reads, validates, and takes the default
// that never adds up a level over the years.
func TestTimeAggregationOfOldCatalogs(t *testing.T) {
	old := `{"elements": [
		{"code": "HH", "name_vi": "Hộ", "name_en": "", "unit_vi": "", "unit_en": "", "value_type": "integer", "aggregation": "sum", "decimals": 0},
		{"code": "INC", "name_vi": "Thu nhập", "name_en": "", "unit_vi": "", "unit_en": "", "value_type": "number", "aggregation": "weighted_average", "weight": "HH", "decimals": 1},
		{"code": "STD", "name_vi": "Đạt chuẩn", "name_en": "", "unit_vi": "", "unit_en": "", "value_type": "yesno", "aggregation": "count_yes", "decimals": 0},
		{"code": "OLD_LAST", "name_vi": "Cuối kỳ", "name_en": "", "unit_vi": "", "unit_en": "", "value_type": "number", "aggregation": "last", "decimals": 0}
	]}`
	c, err := Read(strings.NewReader(old))
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Validate(); err != nil {
		t.Fatal(err)
	}
	want := map[string]TimeAggregation{"HH": TimeNone, "INC": TimeLevel, "STD": TimeLevel, "OLD_LAST": TimeLevel}
	for _, e := range c.Elements {
		if e.TimeAggregation != "" {
			t.Errorf("%s: read as %q, want it left unsaid", e.Code, e.TimeAggregation)
		}
		if got := e.TimeAggregationOrDefault(); got != want[e.Code] {
			t.Errorf("%s: default %q, want %q", e.Code, got, want[e.Code])
		}
	}
	c.Elements[0].TimeAggregation = TimeFlow
	if got := c.Elements[0].TimeAggregationOrDefault(); got != TimeFlow {
		t.Errorf("a stated time aggregation gives %q", got)
	}
}

func TestTimeAggregationIsChecked(t *testing.T) {
	for _, bad := range []Element{
		{Code: "A", ValueType: Integer, Aggregation: Sum, TimeAggregation: "cumulative"},
		{Code: "A", ValueType: YesNo, Aggregation: CountYes, TimeAggregation: TimeFlow},
		{Code: "A", ValueType: Integer, Aggregation: Sum, Definitions: []Definition{{From: 2022, NoteVI: "b"}, {From: 2016, NoteVI: "a"}}},
		{Code: "A", ValueType: Integer, Aggregation: Sum, Definitions: []Definition{{From: 2016, NoteVI: "a"}, {From: 2016, NoteVI: "b"}}},
		{Code: "A", ValueType: Integer, Aggregation: Sum, Definitions: []Definition{{From: 2016}}},
	} {
		if err := (&Catalog{Elements: []Element{bad}}).Validate(); err == nil {
			t.Errorf("%+v accepted", bad)
		}
	}
}

// TestNameIn: the qualifier of a definition is shown only for the years it
// applies to.
func TestNameIn(t *testing.T) {
	e := Element{NameVI: "Số hộ nghèo", NameEN: "Poor households", Definitions: []Definition{
		{From: 2015, NoteVI: "chuẩn nghèo đa chiều", QualifierVI: "chuẩn nghèo đa chiều", QualifierEN: "multidimensional poverty standard"},
		{From: 2022, NoteVI: "chuẩn nghèo mới", QualifierVI: "chuẩn nghèo đa chiều"},
	}}
	for _, c := range []struct {
		lang string
		year int
		want string
	}{
		{"vi", 2014, "Số hộ nghèo"},
		{"vi", 2015, "Số hộ nghèo (chuẩn nghèo đa chiều)"},
		{"vi", 2023, "Số hộ nghèo (chuẩn nghèo đa chiều)"},
		{"en", 2014, "Poor households"},
		{"en", 2020, "Poor households (multidimensional poverty standard)"},
		{"en", 2023, "Poor households"}, // no English qualifier: none
	} {
		if got := e.NameIn(c.lang, c.year); got != c.want {
			t.Errorf("%s %d: %q, want %q", c.lang, c.year, got, c.want)
		}
	}
	if d, ok := e.DefinitionIn(2024); !ok || d.From != 2022 {
		t.Errorf("definition in 2024: %+v %v", d, ok)
	}
}
