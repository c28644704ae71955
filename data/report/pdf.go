package report

import (
	"fmt"
	"io"
	"math"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/go-pdf/fpdf"

	"chiso/assets"
	"chiso/data/msg"
	"chiso/data/number"
	"chiso/data/vntext"
)

// The PDF is laid out in millimetres on A4, in DejaVu Serif (embedded from
// assets/fonts), which has every Vietnamese letter.
const (
	pdfFamily = "dejavuserif"

	pdfA4W, pdfA4H = 210.0, 297.0 // portrait A4

	pdfMarginLeft   = 20.0
	pdfMarginRight  = 15.0
	pdfMarginTop    = 15.0
	pdfMarginBottom = 15.0 // the footer sits in it
	pdfFooterY      = 8.0  // from the bottom edge to the footer's line

	pdfTableSize = 9.5  // table text, pt
	pdfTableLine = 4.2  // table line height, mm
	pdfPad       = 1.3  // horizontal padding inside a table cell, mm
	pdfPadV      = 1.0  // vertical padding inside a table cell, mm
	pdfIndent    = 4.0  // a category line's name is indented by this, mm
	pdfBodySize  = 11.0 // analysis text, pt
	pdfBodyLine  = 5.6  // analysis line height, mm
	pdfThin      = 0.2  // table borders, mm

	pdfSignatureH = 10 + 11 + 22 // the signature block with room to sign, mm
)

// pdfNow is the creation date the PDF records; tests fix it so that the
// output is the same from run to run.
var pdfNow = time.Now

// pdfFontFiles are the embedded fonts by fpdf style, in the order they are
// added.
var pdfFontFiles = [...]struct{ style, file string }{
	{"", "fonts/DejaVuSerif.ttf"},
	{"B", "fonts/DejaVuSerif-Bold.ttf"},
	{"I", "fonts/DejaVuSerif-Italic.ttf"},
}

// pdfFonts reads the embedded fonts once.
var pdfFonts = sync.OnceValues(func() ([][]byte, error) {
	out := make([][]byte, len(pdfFontFiles))
	for i, ff := range pdfFontFiles {
		b, err := assets.FS.ReadFile(ff.file)
		if err != nil {
			return nil, err
		}
		out[i] = b
	}
	return out, nil
})

// WritePDF writes r as a PDF document on A4 (landscape when the table needs
// the width): the agency and the national motto, the place-and-date line,
// the title, the table of figures with its two-level header repeated on
// every page, the analysis, the charts drawn as vector graphics, the
// signature block, and "Trang 1/2" at the foot of each page. Numbers are
// written in the style of r.Lang ("vi": 1.234,5; otherwise 1,234.5).
//
// The text is normalised to NFC first. Apart from its creation date the
// output depends only on r.
func WritePDF(w io.Writer, r *Report) error {
	if r == nil {
		return msg.New("không có báo cáo để ghi", "no report to write")
	}
	fonts, err := pdfFonts()
	if err != nil {
		return msg.Wrap(err, "không đọc được phông chữ của báo cáo", "cannot read the report's fonts")
	}
	rc := pdfClean(r)
	now := pdfNow()
	// The first pass counts the pages, so that the footer can say "1/3"
	// with the real width instead of a placeholder replaced afterwards.
	d, err := pdfRender(rc, fonts, 0, now)
	if err != nil {
		return err
	}
	d, err = pdfRender(rc, fonts, d.f.PageNo(), now)
	if err != nil {
		return err
	}
	if err := d.f.Output(w); err != nil {
		return msg.Wrap(err, "không ghi được tệp PDF", "cannot write the PDF file")
	}
	return nil
}

// pdfDoc is one rendering of a report.
type pdfDoc struct {
	f     *fpdf.Fpdf
	r     *Report
	vi    bool
	st    number.Style
	total int // pages in all, 0 while counting them

	orient       string // "P" or "L"
	pw, ph       float64
	colW         [3 + NumColumns]float64 // A, B, C, then the number columns
	heads        [NumColumns]Column
	hGroup, hSub float64 // the header's two levels
	hNumbers     float64 // the row of column numbers
	groupFirst   int     // the first number column under "So sánh (%)"
}

// pdfRender lays the report out; total is the number of pages the footer
// announces.
func pdfRender(r *Report, fonts [][]byte, total int, now time.Time) (*pdfDoc, error) {
	f := fpdf.New("P", "mm", "A4", "")
	f.SetCatalogSort(true)
	f.SetCreationDate(now)
	f.SetModificationDate(now)
	f.SetCompression(true)
	for i, ff := range pdfFontFiles {
		f.AddUTF8FontFromBytes(pdfFamily, ff.style, fonts[i])
	}
	f.SetMargins(pdfMarginLeft, pdfMarginTop, pdfMarginRight)
	f.SetAutoPageBreak(false, pdfMarginBottom)
	f.SetCellMargin(0)
	f.SetTitle(r.Title, true)
	f.SetSubject(r.Subtitle, true)
	f.SetAuthor(strings.ReplaceAll(r.Agency, "\n", " "), true)
	f.SetCreator("Chỉ Số", true)
	vi := r.Lang == "vi"
	if vi {
		f.SetLang("vi-VN")
	} else {
		f.SetLang("en")
	}
	st := number.English
	if vi {
		st = number.Vietnamese
	}
	d := &pdfDoc{f: f, r: r, vi: vi, st: st, total: total}
	f.SetFooterFunc(d.footer)
	d.setFont("", pdfTableSize)
	if r.Form != nil {
		d.renderForm()
	} else {
		d.layout()
		d.newPage()
		d.header()
		d.table()
		d.notes(r.Notes)
		d.analysis()
		d.charts()
		d.signatures()
	}
	if err := f.Error(); err != nil {
		return nil, msg.Wrap(err, "không tạo được tệp PDF", "cannot make the PDF file")
	}
	return d, nil
}

// pdfClean returns a copy of r with every text in NFC, tabs and other
// control characters turned into spaces (line breaks kept) and characters
// outside the Basic Multilingual Plane, which fpdf cannot measure, replaced.
func pdfClean(r *Report) *Report {
	c := *r
	s := pdfText
	c.Agency, c.Title, c.Subtitle, c.Place = s(c.Agency), s(c.Title), s(c.Subtitle), s(c.Place)
	c.Motto = [2]string{s(c.Motto[0]), s(c.Motto[1])}
	c.Columns = make([]Column, len(r.Columns))
	for i, col := range r.Columns {
		c.Columns[i] = Column{Number: s(col.Number), Header: s(col.Header)}
	}
	c.Rows = make([]Row, len(r.Rows))
	for i, row := range r.Rows {
		row.Number, row.Name, row.Unit = s(row.Number), s(row.Name), s(row.Unit)
		c.Rows[i] = row
	}
	c.Analysis = make([]string, len(r.Analysis))
	for i, a := range r.Analysis {
		c.Analysis[i] = s(a)
	}
	c.Notes = make([]string, len(r.Notes))
	for i, n := range r.Notes {
		c.Notes[i] = s(n)
	}
	if r.Form != nil {
		c.Form = pdfCleanForm(r.Form)
	}
	if r.Ranked != nil {
		rk := *r.Ranked
		rk.Title, rk.Unit = s(rk.Title), s(rk.Unit)
		rk.Labels = make([]string, len(r.Ranked.Labels))
		for i, l := range r.Ranked.Labels {
			rk.Labels[i] = s(l)
		}
		c.Ranked = &rk
	}
	if r.Trend != nil {
		tr := *r.Trend
		tr.Title, tr.Unit = s(tr.Title), s(tr.Unit)
		tr.Labels = make([]string, len(r.Trend.Labels))
		for i, l := range r.Trend.Labels {
			tr.Labels[i] = s(l)
		}
		tr.Breaks = make([]TrendBreak, len(r.Trend.Breaks))
		for i, b := range r.Trend.Breaks {
			tr.Breaks[i] = TrendBreak{Index: b.Index, Label: s(b.Label)}
		}
		c.Trend = &tr
	}
	return &c
}

// pdfText prepares one text for fpdf; see [pdfClean].
func pdfText(s string) string {
	s = vntext.NFC(strings.ReplaceAll(s, "\r\n", "\n"))
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\n':
			return r
		case r > 0xFFFF:
			return '\uFFFD'
		case unicode.IsControl(r):
			return ' '
		}
		return r
	}, s)
}

// tr picks the text of the report's language.
func (d *pdfDoc) tr(vi, en string) string {
	if d.vi {
		return vi
	}
	return en
}

func (d *pdfDoc) setFont(style string, size float64) { d.f.SetFont(pdfFamily, style, size) }

func (d *pdfDoc) width(s string) float64 { return d.f.GetStringWidth(s) }

func (d *pdfDoc) usable() float64 { return d.pw - pdfMarginLeft - pdfMarginRight }

func (d *pdfDoc) bottom() float64 { return d.ph - pdfMarginBottom }

func (d *pdfDoc) newPage() {
	d.f.AddPageFormat(d.orient, fpdf.SizeType{Wd: pdfA4W, Ht: pdfA4H})
	d.f.SetXY(pdfMarginLeft, pdfMarginTop)
}

// ensure starts a new page unless h millimetres are left on this one, and
// reports whether it did.
func (d *pdfDoc) ensure(h float64) bool {
	if d.f.GetY()+h > d.bottom() {
		d.newPage()
		return true
	}
	return false
}

// cell writes s on one line in the box (x, y, w, h), vertically centred,
// aligned "L", "C", "R" or "J".
func (d *pdfDoc) cell(x, y, w, h float64, s, align string) {
	d.f.SetXY(x, y)
	d.f.CellFormat(w, h, s, "", 0, align, false, 0, "")
}

// wrap breaks s into lines no wider than w in the current font, at spaces
// and explicit line breaks; a word wider than w is cut.
func (d *pdfDoc) wrap(s string, w float64) []string {
	return d.wrapIndent(s, w, w)
}

// wrapIndent is wrap with the first line of each paragraph first wide.
// Besides spaces, a line may break after a slash ("triệu đồng/" and
// "người/năm").
func (d *pdfDoc) wrapIndent(s string, first, w float64) []string {
	var out []string
	for _, para := range strings.Split(s, "\n") {
		type token struct {
			s    string
			glue bool // no space before it
		}
		var toks []token
		for _, word := range strings.Fields(para) {
			glue := false
			for word != "" {
				i := strings.IndexByte(word, '/')
				if i < 0 || i == len(word)-1 {
					toks = append(toks, token{word, glue})
					break
				}
				toks = append(toks, token{word[:i+1], glue})
				word, glue = word[i+1:], true
			}
		}
		if len(toks) == 0 {
			out = append(out, "")
			continue
		}
		limit := first
		line := ""
		for _, t := range toks {
			cand := t.s
			if line != "" && t.glue {
				cand = line + t.s
			} else if line != "" {
				cand = line + " " + t.s
			}
			if d.width(cand) <= limit {
				line = cand
				continue
			}
			if line != "" {
				out = append(out, line)
				limit = w
			}
			// a word too long for a line of its own is cut
			word := t.s
			for d.width(word) > limit && utf8.RuneCountInString(word) > 1 {
				rs := []rune(word)
				n := len(rs) - 1
				for n > 1 && d.width(string(rs[:n])) > limit {
					n--
				}
				out = append(out, string(rs[:n]))
				limit = w
				word = string(rs[n:])
			}
			line = word
		}
		out = append(out, line)
	}
	return out
}

// box writes s wrapped into the box (x, y, w, h), its lines vertically
// centred and aligned "L", "C" or "R".
func (d *pdfDoc) box(x, y, w, h float64, s, align string, lineH float64) {
	lines := d.wrap(s, w)
	top := y + (h-float64(len(lines))*lineH)/2
	for i, l := range lines {
		d.cell(x, top+float64(i)*lineH, w, lineH, l, align)
	}
}

// footer writes "Trang 1/3" at the foot of the page.
func (d *pdfDoc) footer() {
	total := d.total
	if total == 0 {
		total = d.f.PageNo()
	}
	d.setFont("I", 9)
	d.f.SetTextColor(0, 0, 0)
	d.cell(pdfMarginLeft, d.ph-pdfFooterY-3, d.usable(), 4,
		fmt.Sprintf(d.tr("Trang %d/%d", "Page %d/%d"), d.f.PageNo(), total), "C")
}

// header writes the agency and the motto side by side, the place-and-date
// line, the title and the subtitle.
func (d *pdfDoc) header() {
	f := d.f
	r := d.r
	u := d.usable()
	leftW, rightW := u*0.42, u*0.55
	if d.orient == "L" {
		leftW, rightW = 105, 140
	}
	top := pdfMarginTop
	f.SetLineWidth(0.3)

	// The agency: the body it belongs to (if a line above) in regular
	// type, the agency in bold, a short rule under it.
	y := top
	agency := strings.Split(strings.TrimSpace(r.Agency), "\n")
	for i, a := range agency {
		style := "B"
		if i < len(agency)-1 {
			style = ""
		}
		d.setFont(style, 12)
		last := ""
		for _, l := range d.wrap(strings.TrimSpace(a), leftW) {
			d.cell(pdfMarginLeft, y, leftW, 5.5, l, "C")
			y += 5.5
			last = l
		}
		if i == len(agency)-1 && last != "" {
			rule := max(d.width(last)*0.4, 18)
			cx := pdfMarginLeft + leftW/2
			f.Line(cx-rule/2, y+1, cx+rule/2, y+1)
			y += 2.5
		}
	}
	leftBottom := y

	// The motto: the state's name and, under it, "Độc lập - Tự do - Hạnh
	// phúc" underlined by a rule as long as it.
	y = top
	rx := d.pw - pdfMarginRight - rightW
	if r.Motto[0] != "" || r.Motto[1] != "" {
		size := 12.0
		d.setFont("B", size)
		for size > 8 && d.width(r.Motto[0]) > rightW {
			size -= 0.5
			d.setFont("B", size)
		}
		if r.Motto[0] != "" {
			d.cell(rx, y, rightW, 5.5, r.Motto[0], "C")
			y += 5.5
		}
		size2 := min(size+1, 13)
		d.setFont("B", size2)
		for size2 > 8 && d.width(r.Motto[1]) > rightW {
			size2 -= 0.5
			d.setFont("B", size2)
		}
		if r.Motto[1] != "" {
			y += 0.5
			d.cell(rx, y, rightW, 6, r.Motto[1], "C")
			y += 6
			mw := d.width(r.Motto[1])
			cx := rx + rightW/2
			f.Line(cx-mw/2, y+1, cx+mw/2, y+1)
			y += 2.5
		}
	}
	if r.Place != "" {
		y += 2
		d.setFont("I", 12)
		for _, l := range d.wrap(r.Place, rightW) {
			d.cell(rx, y, rightW, 5.5, l, "R")
			y += 5.5
		}
	}
	y = max(y, leftBottom) + 7

	if r.Title != "" {
		d.setFont("B", 14)
		for _, l := range d.wrap(r.Title, u*0.9) {
			d.cell(pdfMarginLeft, y, u, 6.5, l, "C")
			y += 6.5
		}
	}
	if r.Subtitle != "" {
		y += 0.5
		d.setFont("", 12)
		for _, l := range d.wrap(r.Subtitle, u*0.9) {
			d.cell(pdfMarginLeft, y, u, 5.5, l, "C")
			y += 5.5
		}
	}
	f.SetXY(pdfMarginLeft, y+5)
}

// layout chooses the orientation and the widths of the table's columns
// and the heights of its header.
func (d *pdfDoc) layout() {
	r := d.r
	d.heads = [NumColumns]Column{
		{"1", d.tr("Thực hiện kỳ trước", "Previous period")},
		{"2", d.tr("Kế hoạch", "Target")},
		{"3", d.tr("Thực hiện kỳ này", "This period")},
		{"4=3/1", d.tr("So với kỳ trước", "Against the previous period")},
		{"5=3/2", d.tr("So với kế hoạch", "Against the target")},
	}
	for i := 0; i < NumColumns && i < len(r.Columns); i++ {
		if r.Columns[i].Number != "" {
			d.heads[i].Number = r.Columns[i].Number
		}
		if r.Columns[i].Header != "" {
			d.heads[i].Header = r.Columns[i].Header
		}
	}
	d.groupFirst = ColPctPrevious

	longestWord := func(s string) float64 {
		w := 0.0
		for _, word := range strings.Fields(s) {
			w = max(w, d.width(word))
		}
		return w
	}
	// A: the row numbers.
	d.setFont("B", pdfTableSize)
	wA := max(d.width(d.tr("STT", "No.")), d.width("A"))
	for _, row := range r.Rows {
		wA = max(wA, d.width(row.Number))
	}
	wA = max(wA+2*pdfPad, 10)
	// C: the units, wrapped beyond 30 mm.
	wC := longestWord(d.tr("Đơn vị tính", "Unit"))
	d.setFont("", pdfTableSize)
	for _, row := range r.Rows {
		wC = max(wC, d.width(row.Unit))
	}
	wCNeed := min(wC+2*pdfPad, 40) // the widest unit on one line
	wC = min(max(wC+2*pdfPad, 16), 30)
	// The number columns: their widest value or header word.
	var wN [NumColumns]float64
	for c := range NumColumns {
		d.setFont("B", pdfTableSize)
		wN[c] = longestWord(d.heads[c].Header)
		d.setFont("I", pdfTableSize)
		wN[c] = max(wN[c], d.width(d.heads[c].Number))
		d.setFont("", pdfTableSize)
		for _, row := range r.Rows {
			if !row.Heading {
				wN[c] = max(wN[c], d.width(d.value(row, c)))
			}
		}
		wN[c] = max(wN[c]+2*pdfPad, 21)
	}
	// B: the names take the rest; portrait when they get 70 mm there.
	nameNeed := 0.0
	for _, row := range r.Rows {
		style := ""
		if row.Heading {
			style = "B"
		}
		d.setFont(style, pdfTableSize)
		nameNeed = max(nameNeed, d.width(row.Name)+pdfIndent)
	}
	nameNeed += 2 * pdfPad
	fixed := wA + wC
	for _, w := range wN {
		fixed += w
	}
	d.orient, d.pw, d.ph = "P", pdfA4W, pdfA4H
	if pdfA4W-pdfMarginLeft-pdfMarginRight-fixed < 70 {
		d.orient, d.pw, d.ph = "L", pdfA4H, pdfA4W
	}
	wB := d.usable() - fixed
	// Space the names do not need puts the units on one line (up to 40
	// mm), then widens the number columns, up to 34 mm.
	if keep := max(nameNeed, 80.0); wB > keep {
		extra := wB - keep
		if add := min(extra, wCNeed-wC); add > 0 {
			wC += add
			wB -= add
			extra -= add
		}
		for extra > 0.01 {
			open := 0
			for _, w := range wN {
				if w < 34 {
					open++
				}
			}
			if open == 0 {
				break
			}
			share := extra / float64(open)
			for c := range wN {
				if wN[c] < 34 {
					add := min(share, 34-wN[c])
					wN[c] += add
					extra -= add
					wB -= add
				}
			}
		}
	}
	d.colW[0], d.colW[1], d.colW[2] = wA, wB, wC
	copy(d.colW[3:], wN[:])

	// Header heights: "So sánh (%)" over columns 4 and 5, the others
	// spanning both levels.
	d.setFont("B", pdfTableSize)
	lines := func(s string, w float64) float64 {
		return float64(len(d.wrap(s, w-2*pdfPad)))*pdfTableLine + 2*pdfPadV
	}
	d.hGroup = pdfTableLine + 2*pdfPadV
	d.hSub = 0
	span := 0.0
	for i, s := range d.headTexts() {
		if i >= 3+d.groupFirst {
			d.hSub = max(d.hSub, lines(s, d.colW[i]))
		} else {
			span = max(span, lines(s, d.colW[i]))
		}
	}
	d.hSub = max(d.hSub, span-d.hGroup)
	d.hNumbers = pdfTableLine + 2*pdfPadV
}

// headTexts are the headers of the columns A, B, C, 1…5.
func (d *pdfDoc) headTexts() []string {
	out := []string{d.tr("STT", "No."), d.tr("Chỉ tiêu", "Item"), d.tr("Đơn vị tính", "Unit")}
	for _, c := range d.heads {
		out = append(out, c.Header)
	}
	return out
}

// value is the text of a number cell: empty when missing, "177/177" or
// "Có"/"Không" for a yes/no element, the percentages with one decimal.
func (d *pdfDoc) value(row Row, c int) string {
	v := row.Values[c]
	if !v.OK && v.NotComparable {
		return NotComparableMark
	}
	if !v.OK || math.IsNaN(v.Value) || math.IsInf(v.Value, 0) {
		return ""
	}
	if row.YesNo && c < ColPctPrevious {
		if row.Of[c] > 0 {
			return number.FormatFloat(v.Value, 0, d.st) + "/" + number.FormatFloat(float64(row.Of[c]), 0, d.st)
		}
		if v.Value != 0 {
			return d.tr("Có", "Yes")
		}
		return d.tr("Không", "No")
	}
	dec := row.Decimals
	if c >= ColPctPrevious {
		dec = 1
	}
	return number.FormatFloat(v.Value, dec, d.st)
}

// tableHeader draws the header: the two levels of titles and the row of
// column letters and numbers.
func (d *pdfDoc) tableHeader() {
	f := d.f
	f.SetLineWidth(pdfThin)
	x0, y := pdfMarginLeft, f.GetY()
	texts := d.headTexts()
	d.setFont("B", pdfTableSize)
	x := x0
	full := d.hGroup + d.hSub
	for i, s := range texts {
		w := d.colW[i]
		if i >= 3+d.groupFirst {
			f.Rect(x, y+d.hGroup, w, d.hSub, "D")
			d.box(x+pdfPad, y+d.hGroup, w-2*pdfPad, d.hSub, s, "C", pdfTableLine)
		} else {
			f.Rect(x, y, w, full, "D")
			d.box(x+pdfPad, y, w-2*pdfPad, full, s, "C", pdfTableLine)
		}
		x += w
	}
	// the group over the percentages
	gx := x0
	for i := 0; i < 3+d.groupFirst; i++ {
		gx += d.colW[i]
	}
	gw := x - gx
	f.Rect(gx, y, gw, d.hGroup, "D")
	d.box(gx+pdfPad, y, gw-2*pdfPad, d.hGroup, d.tr("So sánh (%)", "Comparison (%)"), "C", pdfTableLine)
	// the letters and numbers
	y += full
	d.setFont("I", pdfTableSize)
	x = x0
	for i, w := range d.colW {
		label := ""
		if i < 3 {
			label = string(rune('A' + i))
		} else {
			label = d.heads[i-3].Number
		}
		f.Rect(x, y, w, d.hNumbers, "D")
		d.cell(x, y, w, d.hNumbers, label, "C")
		x += w
	}
	f.SetXY(x0, y+d.hNumbers)
}

// rowHeight is the height of a table row, its name and unit wrapped.
func (d *pdfDoc) rowHeight(row Row) float64 {
	style := ""
	if row.Heading {
		style = "B"
	}
	d.setFont(style, pdfTableSize)
	n := len(d.wrap(row.Name, d.colW[1]-2*pdfPad-d.nameIndent(row)))
	d.setFont("", pdfTableSize)
	n = max(n, len(d.wrap(row.Unit, d.colW[2]-2*pdfPad)))
	return float64(n)*pdfTableLine + 2*pdfPadV
}

// nameIndent indents a category line ("1.1") under its element.
func (d *pdfDoc) nameIndent(row Row) float64 {
	if !row.Heading && strings.Contains(row.Number, ".") {
		return pdfIndent
	}
	return 0
}

// table draws the table, starting a page with the header again when a row
// does not fit; a group heading is never left alone at a page's foot.
func (d *pdfDoc) table() {
	rows := d.r.Rows
	if len(rows) == 0 {
		return
	}
	f := d.f
	headH := d.hGroup + d.hSub + d.hNumbers
	first := d.rowHeight(rows[0])
	d.ensure(headH + first)
	d.tableHeader()
	for i, row := range rows {
		h := d.rowHeight(row)
		need := h
		if row.Heading && i+1 < len(rows) {
			need += d.rowHeight(rows[i+1])
		}
		if f.GetY()+need > d.bottom() {
			d.newPage()
			d.tableHeader()
		}
		d.tableRow(row, h)
	}
}

// tableRow draws one row of height h at the current position.
func (d *pdfDoc) tableRow(row Row, h float64) {
	f := d.f
	f.SetLineWidth(pdfThin)
	x, y := pdfMarginLeft, f.GetY()
	style := ""
	if row.Heading {
		style = "B"
	}
	for i, w := range d.colW {
		f.Rect(x, y, w, h, "D")
		switch {
		case i == 0:
			d.setFont(style, pdfTableSize)
			d.box(x+pdfPad, y, w-2*pdfPad, h, row.Number, "C", pdfTableLine)
		case i == 1:
			d.setFont(style, pdfTableSize)
			in := d.nameIndent(row)
			d.box(x+pdfPad+in, y, w-2*pdfPad-in, h, row.Name, "L", pdfTableLine)
		case i == 2:
			d.setFont("", pdfTableSize)
			d.box(x+pdfPad, y, w-2*pdfPad, h, row.Unit, "C", pdfTableLine)
		case !row.Heading:
			d.setFont("", pdfTableSize)
			d.cell(x+pdfPad, y, w-2*pdfPad, h, d.value(row, i-3), "R")
		}
		x += w
	}
	f.SetXY(pdfMarginLeft, y+h)
}

// notes writes notes under the table in italics, each wrapped to the
// table's width.
func (d *pdfDoc) notes(notes []string) {
	if len(notes) == 0 {
		return
	}
	f := d.f
	u := d.usable()
	f.SetY(f.GetY() + 1.5)
	for _, n := range notes {
		d.setFont("I", pdfTableSize)
		for _, l := range d.wrap(n, u) {
			if d.ensure(pdfTableLine) {
				d.setFont("I", pdfTableSize)
			}
			d.cell(pdfMarginLeft, f.GetY(), u, pdfTableLine, l, "L")
			f.SetY(f.GetY() + pdfTableLine)
		}
	}
}

// analysis writes the heading and each sentence as a justified paragraph
// with its first line indented.
func (d *pdfDoc) analysis() {
	var paras []string
	for _, a := range d.r.Analysis {
		if a = strings.TrimSpace(a); a != "" {
			paras = append(paras, a)
		}
	}
	if len(paras) == 0 {
		return
	}
	f := d.f
	u := d.usable()
	f.SetY(f.GetY() + 6)
	d.setFont("", pdfBodySize)
	firstLines := min(len(d.wrapIndent(paras[0], u-10, u)), 2)
	d.ensure(7 + float64(firstLines)*pdfBodyLine)
	d.setFont("B", 12)
	d.cell(pdfMarginLeft, f.GetY(), u, 6, d.tr("Nhận xét", "Analysis"), "L")
	f.SetY(f.GetY() + 7.5)
	d.setFont("", pdfBodySize)
	for _, p := range paras {
		lines := d.wrapIndent(p, u-10, u)
		for i, l := range lines {
			// no paragraph starts or ends with a single line on a page
			need := pdfBodyLine
			if len(lines) >= 2 && (i == 0 || i == len(lines)-2) {
				need = 2 * pdfBodyLine
			}
			if d.ensure(need) {
				d.setFont("", pdfBodySize)
			}
			x, w := pdfMarginLeft, u
			if i == 0 {
				x, w = x+10, w-10
			}
			align := "L"
			if i < len(lines)-1 && strings.Contains(l, " ") {
				align = "J"
			}
			d.cell(x, f.GetY(), w, pdfBodyLine, l, align)
			f.SetY(f.GetY() + pdfBodyLine)
		}
		f.SetY(f.GetY() + 1.2)
	}
}

// signatures writes the signature block: who drew up the table on the
// left, the head of the office on the right, with room to sign.
func (d *pdfDoc) signatures() {
	f := d.f
	y := f.GetY() + 10
	if d.ensure(pdfSignatureH) {
		y = f.GetY()
	}
	half := d.usable() / 2
	who := [2]string{d.tr("NGƯỜI LẬP BIỂU", "PREPARED BY"), d.tr("THỦ TRƯỞNG ĐƠN VỊ", "HEAD OF THE OFFICE")}
	for i, s := range who {
		x := pdfMarginLeft + float64(i)*half
		d.setFont("B", 11.5)
		d.cell(x, y, half, 5.5, s, "C")
		d.setFont("I", 10.5)
		d.cell(x, y+5.5, half, 5, d.tr("(Ký, ghi rõ họ tên)", "(Signature and full name)"), "C")
	}
	f.SetXY(pdfMarginLeft, y+pdfSignatureH-10)
}
