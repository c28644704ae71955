package report

import (
	"strings"

	"chiso/data/calc"
)

// markEstimates finds which of the report's figures for its period rest
// on estimates: each row's Estimates, a note under the table for each,
// and, when any does, the header of the column "Ước thực hiện …" instead
// of "Thực hiện …", as offices head the column of figures estimated
// before the period's end.
func markEstimates(en *calc.Engine, r *Report) error {
	estimated := false
	for i := range r.Rows {
		row := &r.Rows[i]
		if row.Heading || row.Code == "" {
			continue
		}
		est, err := en.Estimates(row.Code, r.Area, r.Period, "")
		if err != nil {
			return err
		}
		row.Estimates = est
		if est.Any() {
			estimated = true
			r.Notes = append(r.Notes, EstimateMark+" "+row.Name+": "+est.Note(r.Lang))
		}
	}
	if estimated && len(r.Columns) > ColCurrent {
		h := &r.Columns[ColCurrent].Header
		if r.Lang == "en" {
			*h = strings.Replace(*h, "Actual", "Estimated", 1)
		} else {
			*h = strings.Replace(*h, "Thực hiện", "Ước thực hiện", 1)
		}
	}
	return nil
}
