package report

import (
	"math"
	"strings"
	"unicode/utf8"
)

// writeForm writes a report laid out as its official form: the symbol
// block top left and the units top right, the title, the table with its
// headers of several levels, its column letters and numbers with their
// formulas, its sections and total in bold and figures resting on
// estimates marked with an asterisk; the notes, the place-and-date line
// and the three signatures.
func (x *xlsxWriter) writeForm() error {
	r, f := x.r, x.r.Form
	desc := len(f.Desc)
	x.formWidths()
	last := len(x.widths) - 1
	split := desc + (last-desc+1)/3 // the right block's first column

	// The symbol block and the units block.
	row := 1
	for i, s := range f.Left {
		x.merge(0, split-1, row+i, s, xlsxStyle{bold: i == 0, halign: "left", size: 11})
	}
	for i, s := range f.Right {
		x.merge(split, last, row+i, s, xlsxStyle{bold: i == 0, halign: "right", size: 11})
	}
	row += max(len(f.Left), len(f.Right)) + 1
	x.merge(0, last, row, r.Title, xlsxStyle{bold: true, halign: "center", wrap: true, size: 14})
	x.height(row, 20*float64(x.lines(r.Title, x.span(0, last), 14)))
	row++
	x.merge(0, last, row, r.Subtitle, xlsxStyle{italic: true, halign: "center", size: 12})
	row += 2

	// The header: the descriptive columns span every level; each head
	// cell its columns and the levels it covers.
	head := xlsxStyle{bold: true, halign: "center", wrap: true, border: true}
	top := row
	depth := len(f.Head)
	for c, s := range f.Desc {
		x.set(c, top, s, head)
		x.styleRange(c, top, c, top+depth-1, head)
		if depth > 1 && x.err == nil {
			x.err = x.f.MergeCell(x.sheet, cell(c, top), cell(c, top+depth-1))
		}
	}
	for level, cells := range f.Head {
		lines := 1
		for _, h := range cells {
			c1, c2, r1, r2 := desc+h.First, desc+h.Last, top+level, top+level+h.Down
			x.set(c1, r1, h.Text, head)
			x.styleRange(c1, r1, c2, r2, head)
			if (c2 > c1 || r2 > r1) && x.err == nil {
				x.err = x.f.MergeCell(x.sheet, cell(c1, r1), cell(c2, r2))
			}
			if h.Down == 0 {
				lines = max(lines, x.lines(h.Text, x.span(c1, c2), xlsxFontSize+2))
			}
		}
		x.height(top+level, 16*float64(lines)+6)
	}
	row = top + depth
	for c := range x.widths {
		label := string(rune('A' + c))
		if c >= desc {
			label = f.Number[c-desc]
		}
		x.set(c, row, label, xlsxStyle{italic: true, halign: "center", border: true})
	}
	row++

	for _, fr := range f.Rows {
		bold := fr.Heading || fr.Total
		x.set(0, row, fr.Number, xlsxStyle{bold: bold, halign: "center", border: true})
		x.set(1, row, fr.Name, xlsxStyle{bold: bold, halign: "left", wrap: true, border: true})
		if desc > 2 {
			x.set(2, row, fr.Unit, xlsxStyle{halign: "center", wrap: true, border: true})
		}
		if n := x.lines(fr.Name, x.widths[1], xlsxFontSize); n > 1 {
			x.height(row, 16*float64(n))
		}
		for i, c := range fr.Cells {
			col := desc + i
			format := decimalFormat(c.Decimals)
			if c.Estimate {
				format += `"` + EstimateMark + `"`
			}
			if c.OK && !math.IsNaN(c.Value) && !math.IsInf(c.Value, 0) && x.err == nil {
				x.err = x.f.SetCellFloat(x.sheet, cell(col, row), c.Value, -1, 64)
			}
			x.styleRange(col, row, col, row, xlsxStyle{bold: bold, halign: "right", border: true, numFmt: format})
		}
		row++
	}

	row = x.notes(row, last)
	row++
	x.merge(split, last, row, r.Place, xlsxStyle{italic: true, halign: "right"})
	row++
	// The signatures share the width in three.
	third := (last + 1) / len(f.Signatures)
	for i, s := range f.Signatures {
		c1, c2 := i*third, (i+1)*third-1
		if i == len(f.Signatures)-1 {
			c2 = last
		}
		x.merge(c1, c2, row, s[0], xlsxStyle{bold: true, halign: "center"})
		x.merge(c1, c2, row+1, s[1], xlsxStyle{italic: true, halign: "center"})
	}
	if x.err != nil {
		return x.err
	}
	return x.pageSetup(top, depth+1)
}

// notes writes the report's notes under the table (on which boundaries,
// what "×" stands for, which figures are estimates) from row on, one a row
// across the columns up to last, and returns the row after them.
func (x *xlsxWriter) notes(row, last int) int {
	notes := x.r.Notes
	if x.r.Form != nil {
		notes = x.r.Form.Notes
	}
	width := x.span(0, last)
	for _, n := range notes {
		x.merge(0, last, row, n, xlsxStyle{italic: true, halign: "left", valign: "top", wrap: true})
		x.height(row, 16*float64(x.lines(n, width, xlsxFontSize)))
		row++
	}
	return row
}

// formWidths sizes the columns of a form: the number, the name to its
// longest (within bounds), the unit, and each number column to its widest
// header word and value.
func (x *xlsxWriter) formWidths() {
	f := x.r.Form
	desc := len(f.Desc)
	x.widths = make([]float64, desc+len(f.Number))
	x.widths[0] = 6
	name := 24.0
	for _, r := range f.Rows {
		name = math.Max(name, float64(utf8.RuneCountInString(r.Name))+2)
	}
	x.widths[1] = math.Min(name, 40)
	if desc > 2 {
		x.widths[2] = 12
	}
	for i := range f.Number {
		w := 9.0
		for _, level := range f.Head {
			for _, h := range level {
				if h.First == i && h.Last == i {
					for _, word := range strings.Fields(h.Text) {
						w = math.Max(w, float64(utf8.RuneCountInString(word))+3)
					}
				}
			}
		}
		x.widths[desc+i] = math.Min(w, 16)
	}
	for i, w := range x.widths {
		if x.err == nil {
			x.err = x.f.SetColWidth(x.sheet, col(i), col(i), w)
		}
	}
}
