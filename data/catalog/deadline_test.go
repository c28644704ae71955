package catalog

import (
	"testing"
	"time"

	"chiso/data/period"
)

func TestDeadlineAcrossTheYearBoundary(t *testing.T) {
	day := func(s string) time.Time {
		d, err := time.Parse(time.DateOnly, s)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	for _, c := range []struct {
		ds     DataSet
		period string
		want   string // "" for no deadline
	}{
		{DataSet{PeriodType: "year", DueDays: 15}, "2026", "2027-01-15"},
		{DataSet{PeriodType: "month", DueDays: 10}, "202612", "2027-01-10"},
		{DataSet{PeriodType: "month", DueDays: 10}, "202602", "2026-03-10"},
		{DataSet{PeriodType: "month", DueDays: 10}, "202402", "2024-03-10"}, // leap year: 29 February + 10
		{DataSet{PeriodType: "quarter", DueDays: 20}, "2026Q4", "2027-01-20"},
		{DataSet{PeriodType: "year", DueDate: "03-31"}, "2026", "2027-03-31"},
		{DataSet{PeriodType: "month", DueDate: "01-15"}, "202612", "2027-01-15"},
		{DataSet{PeriodType: "year"}, "2026", ""},
	} {
		got, ok := c.ds.Deadline(period.MustParse(c.period))
		if c.want == "" {
			if ok {
				t.Errorf("%+v %s: deadline %s, want none", c.ds, c.period, got)
			}
			continue
		}
		if !ok || !got.Equal(day(c.want)) {
			t.Errorf("%+v %s: deadline %s (%v), want %s", c.ds, c.period, got.Format(time.DateOnly), ok, c.want)
		}
	}
}

func TestDeadlineChecked(t *testing.T) {
	for _, d := range []DataSet{
		{Code: "A", DueDays: -1},
		{Code: "B", DueDays: 3, DueDate: "01-15"},
		{Code: "C", DueDate: "13-01"},
		{Code: "D", DueDate: "15/01"},
	} {
		c := &Catalog{DataSets: []DataSet{d}}
		if err := c.Validate(); err == nil {
			t.Errorf("%+v: validated", d)
		}
	}
	c := &Catalog{DataSets: []DataSet{{Code: "E", DueDate: "01-15"}, {Code: "F", DueDays: 15}}}
	if err := c.Validate(); err != nil {
		t.Error(err)
	}
}
