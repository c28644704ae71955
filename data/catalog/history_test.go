package catalog

import (
	"strings"
	"testing"
)

// history builds a catalog of two districts and one commune that moved
// from the first to the second on 1/1/2020 and was split on 1/7/2025.
func history() *Catalog {
	return &Catalog{
		Levels: []Level{{Level: 1, Code: "DISTRICT"}, {Level: 2, Code: "COMMUNE"}},
		Areas: []Area{
			{Code: "A", Name: "A", Level: 1},
			{Code: "B", Name: "B", Level: 1},
			{Code: "N1", Name: "N1", Level: 2, ValidFrom: "2025-07-01"},
			{Code: "N2", Name: "N2", Level: 2, ValidFrom: "2025-07-01"},
			{Code: "X", Name: "X", Level: 2, Parent: "B", ValidTo: "2025-06-30",
				Parents: []ParentSpan{
					{Parent: "A", To: "2019-12-31"},
					{Parent: "B", From: "2020-01-01", To: "2025-06-30"},
				},
				Successors: []string{"N1", "N2"},
				Shares:     map[string]float64{"N1": 1, "N2": 0},
			},
		},
	}
}

func TestHistoryValid(t *testing.T) {
	if err := history().Validate(); err != nil {
		t.Fatal(err)
	}
	x := history().Areas[4]
	for day, want := range map[string]string{"2011-01-01": "A", "2019-12-31": "A", "2020-01-01": "B", "2025-06-30": "B", "2025-07-01": ""} {
		if got := x.ParentOn(day); got != want {
			t.Errorf("ParentOn(%s) = %q, want %q", day, got, want)
		}
	}
	if got := history().Areas[2].ParentOn("2026-01-01"); got != "" {
		t.Errorf("area without parent: %q", got)
	}
}

func TestHistoryInvalid(t *testing.T) {
	for name, c := range map[string]struct {
		change func(*Area)
		want   string
	}{
		"overlap":        {func(a *Area) { a.Parents[1].From = "2019-12-31" }, "two parents on the same day"},
		"open overlap":   {func(a *Area) { a.Parents[0].To = "" }, "two parents on the same day"},
		"last is parent": {func(a *Area) { a.Parent = "A" }, "is not its last parent"},
		"unknown parent": {func(a *Area) { a.Parents[0].Parent = "Z" }, `parent "Z" not found`},
		"reversed":       {func(a *Area) { a.Parents[1].To = "2019-01-01" }, "ends (2019-01-01) before it starts"},
		"not successor":  {func(a *Area) { a.Shares["A"] = 0 }, "not a successor"},
		"above one":      {func(a *Area) { a.Shares["N1"] = 1.5 }, "not between 0 and 1"},
		"sum above one":  {func(a *Area) { a.Shares["N2"] = 0.5 }, "more than the whole"},
	} {
		c2 := history()
		c.change(&c2.Areas[4])
		err := c2.Validate()
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v, want an error saying %q", name, err, c.want)
		}
	}
}
