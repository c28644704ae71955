package report

import (
	"math"
	"strings"

	"chiso/data/number"
)

// pdfForm lays a report out as its official form (Report.Form).
type pdfForm struct {
	*pdfDoc
	form  *Form
	size  float64   // table text, pt: smaller when the columns need it
	line  float64   // table line height, mm
	colW  []float64 // the descriptive columns, then the number columns
	headH []float64 // the height of each level of the header
	numH  float64   // the row of column letters and numbers
}

// renderForm writes the form: its header blocks, title, table, notes,
// place-and-date line and signatures.
func (d *pdfDoc) renderForm() {
	p := &pdfForm{pdfDoc: d, form: d.r.Form}
	p.layout()
	d.newPage()
	p.header()
	p.table()
	p.notes(p.form.Notes)
	p.signatures()
}

// formValue is the text of a number cell, with the estimate mark.
func formValue(c Cell, st number.Style) string {
	if !c.OK || math.IsNaN(c.Value) || math.IsInf(c.Value, 0) {
		return ""
	}
	s := number.FormatFloat(c.Value, c.Decimals, st)
	if c.Estimate {
		s += EstimateMark
	}
	return s
}

// layout chooses the orientation, the text size and the columns' widths:
// each number column as wide as its widest header word or value, the name
// column the rest (between 35 and 70 mm); landscape, and then smaller
// text, when the columns need them.
func (p *pdfForm) layout() {
	f := p.form
	desc := len(f.Desc)
	for _, size := range []float64{pdfTableSize, 8.5, 7.5, 6.5} {
		p.size, p.line = size, size*0.44
		p.colW = make([]float64, desc+len(f.Number))
		p.setFont("B", size)
		p.colW[0] = max(p.width(f.Desc[0]), p.width("999"), p.width("VIII")) + 2*pdfPad
		if desc > 2 {
			p.colW[2] = min(max(p.width(f.Desc[2])+2*pdfPad, 16), 26)
		}
		fixed := p.colW[0] + p.colW[2]
		for i := range f.Number {
			w := p.width(f.Number[i])
			for _, level := range f.Head {
				for _, h := range level {
					if h.First == i && h.Last == i {
						for _, word := range strings.Fields(h.Text) {
							w = max(w, p.width(word))
						}
					}
				}
			}
			for _, r := range f.Rows {
				if i < len(r.Cells) {
					w = max(w, p.width(formValue(r.Cells[i], p.st)))
				}
			}
			p.colW[desc+i] = max(w+2*pdfPad, 12)
			fixed += p.colW[desc+i]
		}
		name := 0.0
		for _, r := range f.Rows {
			name = max(name, p.width(r.Name))
		}
		name = min(max(name+2*pdfPad, 35), 70)
		p.orient, p.pw, p.ph = "P", pdfA4W, pdfA4H
		if fixed+name > p.usable() {
			p.orient, p.pw, p.ph = "L", pdfA4H, pdfA4W
		}
		if fixed+35 <= p.usable() || size == 6.5 {
			p.colW[1] = max(p.usable()-fixed, 35)
			if extra := p.colW[1] - 70; extra > 0 {
				// Room to spare widens the number columns, not the names.
				p.colW[1] = 70
				for i := desc; i < len(p.colW); i++ {
					p.colW[i] += extra / float64(len(f.Number))
				}
			}
			break
		}
	}
	// The header's levels: each as high as the texts ending on it need; a
	// text covering several levels makes the last of them higher if it
	// must.
	p.setFont("B", p.size)
	lines := func(s string, w float64) float64 {
		return float64(len(p.wrap(s, w-2*pdfPad)))*p.line + 2*pdfPadV
	}
	depth := len(f.Head)
	p.headH = make([]float64, depth)
	for level, cells := range f.Head {
		for _, h := range cells {
			if h.Down == 0 {
				p.headH[level] = max(p.headH[level], lines(h.Text, p.span(desc+h.First, desc+h.Last)))
			}
		}
	}
	for level, cells := range f.Head {
		for _, h := range cells {
			if h.Down > 0 {
				have := 0.0
				for l := level; l <= level+h.Down; l++ {
					have += p.headH[l]
				}
				if need := lines(h.Text, p.span(desc+h.First, desc+h.Last)); need > have {
					p.headH[level+h.Down] += need - have
				}
			}
		}
	}
	total := 0.0
	for _, h := range p.headH {
		total += h
	}
	for i, s := range f.Desc {
		if need := lines(s, p.colW[i]); need > total {
			p.headH[depth-1] += need - total
			total = need
		}
	}
	p.numH = p.line + 2*pdfPadV
}

// span is the width of the columns c1 to c2.
func (p *pdfForm) span(c1, c2 int) float64 {
	w := 0.0
	for c := c1; c <= c2; c++ {
		w += p.colW[c]
	}
	return w
}

// header writes the symbol block top left, the units block top right, the
// title and the subtitle.
func (p *pdfForm) header() {
	u := p.usable()
	leftW, rightW := u*0.58, u*0.4
	block := func(lines []string, x, w float64, align string) float64 {
		y := pdfMarginTop
		for i, s := range lines {
			style := ""
			if i == 0 {
				style = "B"
			}
			p.setFont(style, 10.5)
			for _, l := range p.wrap(s, w) {
				p.cell(x, y, w, 5, l, align)
				y += 5
			}
		}
		return y
	}
	y := max(block(p.form.Left, pdfMarginLeft, leftW, "L"), block(p.form.Right, p.pw-pdfMarginRight-rightW, rightW, "R")) + 4
	p.setFont("B", 13.5)
	for _, l := range p.wrap(p.r.Title, u*0.9) {
		p.cell(pdfMarginLeft, y, u, 6.5, l, "C")
		y += 6.5
	}
	p.setFont("I", 11.5)
	for _, l := range p.wrap(p.r.Subtitle, u*0.9) {
		p.cell(pdfMarginLeft, y, u, 5.5, l, "C")
		y += 5.5
	}
	p.f.SetXY(pdfMarginLeft, y+4)
}

// tableHeader draws the header's levels and the row of letters and
// numbers at the current position.
func (p *pdfForm) tableHeader() {
	f, form := p.f, p.form
	f.SetLineWidth(pdfThin)
	desc := len(form.Desc)
	x0, y0 := pdfMarginLeft, f.GetY()
	total := 0.0
	for _, h := range p.headH {
		total += h
	}
	p.setFont("B", p.size)
	x := x0
	for i, s := range form.Desc {
		f.Rect(x, y0, p.colW[i], total, "D")
		p.box(x+pdfPad, y0, p.colW[i]-2*pdfPad, total, s, "C", p.line)
		x += p.colW[i]
	}
	top := y0
	for level, cells := range form.Head {
		for _, h := range cells {
			cx := x0 + p.span(0, desc+h.First-1)
			w := p.span(desc+h.First, desc+h.Last)
			hh := 0.0
			for l := level; l <= level+h.Down; l++ {
				hh += p.headH[l]
			}
			f.Rect(cx, top, w, hh, "D")
			p.box(cx+pdfPad, top, w-2*pdfPad, hh, h.Text, "C", p.line)
		}
		top += p.headH[level]
	}
	y := y0 + total
	p.setFont("I", p.size)
	x = x0
	for i, w := range p.colW {
		label := string(rune('A' + i))
		if i >= desc {
			label = form.Number[i-desc]
		}
		f.Rect(x, y, w, p.numH, "D")
		p.cell(x, y, w, p.numH, label, "C")
		x += w
	}
	f.SetXY(x0, y+p.numH)
}

// rowHeight is the height of a row, its name wrapped.
func (p *pdfForm) rowHeight(r FormRow) float64 {
	style := ""
	if r.Heading || r.Total {
		style = "B"
	}
	p.setFont(style, p.size)
	return float64(len(p.wrap(r.Name, p.colW[1]-2*pdfPad)))*p.line + 2*pdfPadV
}

// table draws the rows, starting a new page with the header again when a
// row does not fit; a section heading is never left alone at a page's
// foot.
func (p *pdfForm) table() {
	rows := p.form.Rows
	head := p.numH
	for _, h := range p.headH {
		head += h
	}
	if len(rows) > 0 {
		p.ensure(head + p.rowHeight(rows[0]))
	}
	p.tableHeader()
	for i, r := range rows {
		h := p.rowHeight(r)
		need := h
		if r.Heading && i+1 < len(rows) {
			need += p.rowHeight(rows[i+1])
		}
		if p.f.GetY()+need > p.bottom() {
			p.newPage()
			p.tableHeader()
		}
		p.tableRow(r, h)
	}
}

// tableRow draws one row of height h at the current position.
func (p *pdfForm) tableRow(r FormRow, h float64) {
	f := p.f
	f.SetLineWidth(pdfThin)
	desc := len(p.form.Desc)
	x, y := pdfMarginLeft, f.GetY()
	style := ""
	if r.Heading || r.Total {
		style = "B"
	}
	for i, w := range p.colW {
		f.Rect(x, y, w, h, "D")
		p.setFont(style, p.size)
		switch {
		case i == 0:
			p.box(x+pdfPad, y, w-2*pdfPad, h, r.Number, "C", p.line)
		case i == 1:
			p.box(x+pdfPad, y, w-2*pdfPad, h, r.Name, "L", p.line)
		case i < desc:
			p.setFont("", p.size)
			p.box(x+pdfPad, y, w-2*pdfPad, h, r.Unit, "C", p.line)
		case i-desc < len(r.Cells):
			p.cell(x+pdfPad, y, w-2*pdfPad, h, formValue(r.Cells[i-desc], p.st), "R")
		}
		x += w
	}
	f.SetXY(pdfMarginLeft, y+h)
}

// signatures writes the place-and-date line and the signatures side by
// side, with room to sign.
func (p *pdfForm) signatures() {
	f := p.f
	p.setFont("I", 11)
	lines := p.wrap(p.r.Place, p.usable()/2)
	const signH = 10.5 + 18 // the titles and room to sign
	p.ensure(6 + float64(len(lines))*5.5 + signH)
	y := f.GetY() + 4
	for _, l := range lines {
		p.cell(pdfMarginLeft+p.usable()/2, y, p.usable()/2, 5.5, l, "R")
		y += 5.5
	}
	y += 2
	w := p.usable() / float64(len(p.form.Signatures))
	for i, s := range p.form.Signatures {
		x := pdfMarginLeft + float64(i)*w
		p.setFont("B", 11)
		p.cell(x, y, w, 5.5, s[0], "C")
		p.setFont("I", 10)
		p.cell(x, y+5.5, w, 5, s[1], "C")
	}
	f.SetXY(pdfMarginLeft, y+signH)
}

// pdfCleanForm is pdfClean of a form: a copy with every text prepared.
func pdfCleanForm(f *Form) *Form {
	c := *f
	texts := func(list []string) []string {
		out := make([]string, len(list))
		for i, t := range list {
			out[i] = pdfText(t)
		}
		return out
	}
	c.Left, c.Right, c.Desc, c.Number, c.Notes = texts(f.Left), texts(f.Right), texts(f.Desc), texts(f.Number), texts(f.Notes)
	c.Head = make([][]HeadCell, len(f.Head))
	for i, level := range f.Head {
		c.Head[i] = make([]HeadCell, len(level))
		for j, h := range level {
			h.Text = pdfText(h.Text)
			c.Head[i][j] = h
		}
	}
	c.Rows = make([]FormRow, len(f.Rows))
	for i, r := range f.Rows {
		r.Number, r.Name, r.Unit = pdfText(r.Number), pdfText(r.Name), pdfText(r.Unit)
		c.Rows[i] = r
	}
	c.Signatures = make([][2]string, len(f.Signatures))
	for i, s := range f.Signatures {
		c.Signatures[i] = [2]string{pdfText(s[0]), pdfText(s[1])}
	}
	return &c
}
