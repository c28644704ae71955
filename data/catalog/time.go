package catalog

import (
	"fmt"
	"slices"
)

// TimeAggregation says how an element's values for the parts of a period
// (the years of a range, the quarters of a year, the months of a quarter)
// make its value for the whole period.
type TimeAggregation string

// Time aggregations of data elements.
const (
	// TimeFlow adds up over the parts: spending, houses built, households
	// leaving poverty during the year.
	TimeFlow TimeAggregation = "flow"
	// TimeLevel is the value at the end of the period, that of its last part:
	// population, households, whether a station meets the standard.
	TimeLevel TimeAggregation = "level"
	// TimeAverage is the mean of the parts' values.
	TimeAverage TimeAggregation = "average"
	// TimeNone does not aggregate over time: a period has a value only when
	// one is stored for it (or for the areas below it).
	TimeNone TimeAggregation = "none"
)

// TimeAggregations lists the time aggregations, in the order a form offers
// them.
var TimeAggregations = []TimeAggregation{TimeFlow, TimeLevel, TimeAverage, TimeNone}

// TimeAggregationOrDefault returns how the element aggregates over time.
// A catalog written before the attribute existed leaves it empty; then a
// yes/no element and one that averages, takes the smallest, the largest or
// the last value over areas is a TimeLevel (a state at a date: a rate, an
// average income, a standard met), and a sum is TimeNone, since a sum may be
// a flow (spending) or a level (households) and adding up levels over the
// years would be silently wrong: such an element has no range figure until
// the catalog says which it is.
func (e *Element) TimeAggregationOrDefault() TimeAggregation {
	if e.TimeAggregation != "" {
		return e.TimeAggregation
	}
	if e.ValueType == YesNo || e.Aggregation != Sum {
		return TimeLevel
	}
	return TimeNone
}

// Definition is a change in what an element counts, from a year on: a new
// poverty standard, a new method. The values before and after it are not
// comparable as they stand, so a chart marks it and a sentence comparing
// across it says so.
type Definition struct {
	// From is the first year whose values follow the definition.
	From int `json:"from"`
	// NoteVI and NoteEN name the change briefly, for a chart's mark and a
	// sentence: "chuẩn nghèo mới" ("theo chuẩn nghèo mới từ năm 2022").
	NoteVI string `json:"note_vi"`
	NoteEN string `json:"note_en,omitempty"`
	// QualifierVI and QualifierEN are added in brackets to the element's
	// name for the years from From until the next definition: "Số hộ nghèo
	// (chuẩn nghèo đa chiều)". Empty adds nothing.
	QualifierVI string `json:"qualifier_vi,omitempty"`
	QualifierEN string `json:"qualifier_en,omitempty"`
	// LegalBasis is the text that set the definition.
	LegalBasis string `json:"legal_basis,omitempty"`
}

// Note returns the definition's note in lang ("vi" or "en").
func (d Definition) Note(lang string) string {
	if lang == "en" && d.NoteEN != "" {
		return d.NoteEN
	}
	return d.NoteVI
}

// DefinitionIn returns the definition in force in year: the last one
// whose From is not after it. ok is false before the first.
func (e *Element) DefinitionIn(year int) (Definition, bool) {
	var d Definition
	ok := false
	for _, x := range e.Definitions {
		if x.From <= year && (!ok || x.From >= d.From) {
			d, ok = x, true
		}
	}
	return d, ok
}

// NameIn returns the element's name in lang ("vi" or "en") as it reads for
// the values of year: its name, followed in brackets by the qualifier of
// the definition in force then, if any, in that language ("Số hộ nghèo
// (chuẩn nghèo đa chiều)" from 2015, "Số hộ nghèo" before).
func (e *Element) NameIn(lang string, year int) string {
	name, q := e.NameVI, ""
	d, ok := e.DefinitionIn(year)
	if ok {
		q = d.QualifierVI
	}
	if lang == "en" {
		if e.NameEN != "" {
			name = e.NameEN
		}
		q = d.QualifierEN

	}
	if q == "" {
		return name
	}
	return name + " (" + q + ")"
}

// validateTime checks an element's time aggregation and definitions.
func (e *Element) validateTime() error {
	switch e.TimeAggregation {
	case "", TimeFlow, TimeLevel, TimeAverage, TimeNone:
	default:
		return fmt.Errorf("catalog: element %s: unknown time aggregation %q (want flow, level, average or none)", e.Code, e.TimeAggregation)
	}
	if e.ValueType == YesNo && (e.TimeAggregation == TimeFlow || e.TimeAggregation == TimeAverage) {
		return fmt.Errorf("catalog: element %s: a yes/no element is a level or not aggregated over time, not %s", e.Code, e.TimeAggregation)
	}
	years := map[int]bool{}
	for _, d := range e.Definitions {
		if d.From < 1900 || d.From > 2200 {
			return fmt.Errorf("catalog: element %s: definition from year %d", e.Code, d.From)
		}
		if years[d.From] {
			return fmt.Errorf("catalog: element %s: two definitions from %d", e.Code, d.From)
		}
		if d.NoteVI == "" {
			return fmt.Errorf("catalog: element %s: the definition from %d has no note", e.Code, d.From)
		}
		years[d.From] = true
	}
	if !slices.IsSortedFunc(e.Definitions, func(a, b Definition) int { return a.From - b.From }) {
		return fmt.Errorf("catalog: element %s: definitions are not in order of year", e.Code)
	}
	return nil
}
