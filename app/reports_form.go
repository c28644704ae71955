package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"chiso/data/number"
	"chiso/data/report"
)

// fillLayouts offers the official layouts of the chosen form, after the
// generic report (comparison table with written analysis); the generic
// report is chosen again.
func (r *reports) fillLayouts() {
	r.layouts = nil
	options := []string{lang.X("reports.generic", "Generic: comparison table with written analysis")}
	if d := r.datasetSel.SelectedIndex(); d > 0 {
		for _, l := range r.s.catalog().Layouts {
			if l.DataSet == r.datasets[d-1].Code {
				r.layouts = append(r.layouts, l)
				options = append(options, l.Code+" — "+pick(r.s.lang, l.NameVI, l.NameEN))
			}
		}
	}
	r.layoutSel.Options = options
	r.layoutSel.SetSelectedIndex(0)
}

// formCell fills one cell of the preview of a report in its official
// layout: a header row (each column's innermost header and its number),
// then the rows, estimates marked.
func (r *reports) formCell(id widget.TableCellID, l *widget.Label) {
	f := r.rep.Form
	desc := len(f.Desc)
	if id.Row == 0 {
		l.TextStyle.Bold = true
		if id.Col < desc {
			l.SetText(f.Desc[id.Col])
		} else {
			l.SetText(innermostHead(f, id.Col-desc) + " (" + f.Number[id.Col-desc] + ")")
		}
		return
	}
	row := f.Rows[id.Row-1]
	l.TextStyle.Bold = row.Heading || row.Total
	switch {
	case id.Col == 0:
		l.SetText(row.Number)
	case id.Col == 1:
		l.SetText(row.Name)
	case id.Col < desc:
		l.SetText(row.Unit)
	default:
		l.Alignment = fyne.TextAlignTrailing
		c := row.Cells[id.Col-desc]
		text := ""
		if c.OK {
			text = number.FormatFloat(c.Value, c.Decimals, r.s.style)
			if c.Estimate {
				text += report.EstimateMark
			}
		}
		l.SetText(text)
	}
}

// innermostHead is the header text nearest to number column i.
func innermostHead(f *report.Form, i int) string {
	text := ""
	for _, level := range f.Head {
		for _, h := range level {
			if h.First <= i && i <= h.Last {
				text = h.Text
			}
		}
	}
	return text
}
