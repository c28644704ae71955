package catalog

import "fmt"

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

// validateTime checks an element's time aggregation.
func (e *Element) validateTime() error {
	switch e.TimeAggregation {
	case "", TimeFlow, TimeLevel, TimeAverage, TimeNone:
	default:
		return fmt.Errorf("catalog: element %s: unknown time aggregation %q (want flow, level, average or none)", e.Code, e.TimeAggregation)
	}
	return nil
}
