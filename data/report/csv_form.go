package report

import (
	"strconv"
	"strings"

	"chiso/data/number"
)

// csvForm is a form's table as CSV records: one header record whose
// titles join a column's header levels ("Hộ nghèo cuối năm – Số hộ") with
// its number and formula in brackets, a record per row with numbers in
// style st, and a last column naming the columns whose figures rest on
// estimates.
func csvForm(f *Form, st number.Style, lang string) [][]string {
	header := append([]string{}, f.Desc...)
	for i, n := range f.Number {
		var parts []string
		for _, level := range f.Head {
			for _, h := range level {
				if h.First <= i && i <= h.Last {
					parts = append(parts, h.Text)
				}
			}
		}
		header = append(header, strings.Join(parts, " – ")+" ("+n+")")
	}
	header = append(header, pick(lang, "Cột gồm số ước tính", "Columns with estimates"))
	out := [][]string{header}
	for _, r := range f.Rows {
		rec := []string{r.Number, r.Name}
		if len(f.Desc) > 2 {
			rec = append(rec, r.Unit)
		}
		var estimated []string
		for i, c := range r.Cells {
			s := formValue(c, st)
			if c.Estimate {
				s = strings.TrimSuffix(s, EstimateMark)
				estimated = append(estimated, strconv.Itoa(i+1))
			}
			rec = append(rec, s)
		}
		for len(rec) < len(header)-1 {
			rec = append(rec, "")
		}
		out = append(out, append(rec, strings.Join(estimated, ", ")))
	}
	return out
}
