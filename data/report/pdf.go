package report

import (
	"fmt"
	"io"
	"math"
	"sort"
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

// charts draws the ranked bars and the trend: side by side on a landscape
// page, one above the other on a portrait one.
func (d *pdfDoc) charts() {
	rk, tr := d.r.Ranked, d.r.Trend
	if rk != nil && len(rk.Values) == 0 {
		rk = nil
	}
	if tr != nil && len(tr.Values) == 0 {
		tr = nil
	}
	if rk == nil && tr == nil {
		return
	}
	f := d.f
	u := d.usable()
	pageH := d.bottom() - pdfMarginTop
	f.SetY(f.GetY() + 8)
	if rk != nil && tr != nil && d.orient == "L" {
		w := (u - 12) / 2
		h := min(max(d.rankedHeight(rk, w), 88), pageH)
		// squeeze the bars (to 4.5 mm) rather than leave the signatures
		// alone on a page
		if left := d.bottom() - f.GetY() - pdfSignatureH; h > left {
			squeezed := d.rankedHeight(rk, w) - float64(len(rk.Values))*(5.5-4.5)
			if left >= max(squeezed, 80) {
				h = left
			}
		}
		d.ensure(h)
		y := f.GetY()
		d.rankedChart(rk, pdfMarginLeft, y, w, h)
		d.trendChart(tr, pdfMarginLeft+w+12, y, w, h)
		f.SetXY(pdfMarginLeft, y+h)
		return
	}
	// alone, a chart is at most 180 mm wide, centred
	w := min(u, 180)
	x := pdfMarginLeft + (u-w)/2
	if rk != nil {
		h := min(max(d.rankedHeight(rk, w), 80), pageH)
		d.ensure(h)
		y := f.GetY()
		d.rankedChart(rk, x, y, w, h)
		f.SetXY(pdfMarginLeft, y+h+8)
	}
	if tr != nil {
		h := min(88.0, pageH)
		d.ensure(h)
		y := f.GetY()
		d.trendChart(tr, x, y, w, h)
		f.SetXY(pdfMarginLeft, y+h)
	}
}

// chartTitle writes a chart's title and unit centred over (x, w) and
// returns the y under them.
func (d *pdfDoc) chartTitle(title, unit string, x, y, w float64) float64 {
	d.f.SetTextColor(0, 0, 0)
	d.setFont("B", 10.5)
	for _, l := range d.wrap(title, w) {
		d.cell(x, y, w, 5, l, "C")
		y += 5
	}
	if unit != "" {
		d.setFont("I", 9)
		d.cell(x, y, w, 4.5, d.tr("Đơn vị tính: ", "Unit: ")+unit, "C")
		y += 4.5
	}
	return y + 2
}

// titleHeight is the height chartTitle takes.
func (d *pdfDoc) titleHeight(title, unit string, w float64) float64 {
	d.setFont("B", 10.5)
	h := float64(len(d.wrap(title, w)))*5 + 2
	if unit != "" {
		h += 4.5
	}
	return h
}

// rankedHeight is the height the bar chart wants: 5.5 mm a bar.
func (d *pdfDoc) rankedHeight(rk *Ranked, w float64) float64 {
	return d.titleHeight(rk.Title, rk.Unit, w) + 5 + float64(len(rk.Values))*5.5 + 7
}

// pdfWithUnit writes a number with its unit: "1%" but "12 hộ".
func pdfWithUnit(n, unit string) string {
	switch {
	case unit == "":
		return n
	case unit == "%":
		return n + unit
	}
	return n + " " + unit
}

// pdfSteps returns axis ticks that cover lo..hi with about n steps of 1,
// 2, 2.5 or 5 times a power of ten, and the decimals their labels need.
func pdfSteps(lo, hi float64, n int) (ticks []float64, decimals int) {
	if hi <= lo {
		hi = lo + 1
	}
	raw := (hi - lo) / float64(n)
	mag := math.Pow(10, math.Floor(math.Log10(raw)))
	step := 10 * mag
	for _, m := range []float64{1, 2, 2.5, 5, 10} {
		if raw <= m*mag*1.0000001 {
			step = m * mag
			break
		}
	}
	start := math.Floor(lo/step+1e-9) * step
	end := math.Ceil(hi/step-1e-9) * step
	for i := 0; ; i++ {
		t := start + float64(i)*step
		if t > end+step/2 {
			break
		}
		if math.Abs(t) < step*1e-9 {
			t = 0
		}
		ticks = append(ticks, t)
	}
	// decimals of the step: 0.25 needs 2, 0.5 needs 1, 5 needs none
	for decimals = 0; decimals < 6; decimals++ {
		p := math.Pow(10, float64(decimals))
		if math.Abs(step*p-math.Round(step*p)) < 1e-6 {
			break
		}
	}
	return ticks, decimals
}

// pdfBlue and friends are the charts' colours.
var (
	pdfBlue   = [3]int{46, 94, 152}
	pdfRed    = [3]int{192, 40, 40}
	pdfOrange = [3]int{196, 110, 0}
	pdfGrid   = [3]int{205, 205, 205}
	pdfBlack  = [3]int{0, 0, 0}
)

func (d *pdfDoc) draw(c [3]int) { d.f.SetDrawColor(c[0], c[1], c[2]) }
func (d *pdfDoc) fill(c [3]int) { d.f.SetFillColor(c[0], c[1], c[2]) }
func (d *pdfDoc) ink(c [3]int)  { d.f.SetTextColor(c[0], c[1], c[2]) }

// fit shortens s with "…" to fit w in the current font.
func (d *pdfDoc) fit(s string, w float64) string {
	if d.width(s) <= w {
		return s
	}
	rs := []rune(s)
	for n := len(rs) - 1; n > 0; n-- {
		t := strings.TrimSpace(string(rs[:n])) + "…"
		if d.width(t) <= w {
			return t
		}
	}
	return ""
}

// rankedChart draws rk as horizontal bars, highest on top, each with its
// value, and the threshold as a dashed line, in the box (x, y, w, h).
func (d *pdfDoc) rankedChart(rk *Ranked, x, y, w, h float64) {
	f := d.f
	type bar struct {
		label string
		v     float64
	}
	var bars []bar
	for i, v := range rk.Values {
		label := ""
		if i < len(rk.Labels) {
			label = rk.Labels[i]
		}
		bars = append(bars, bar{label, v})
	}
	sort.SliceStable(bars, func(i, j int) bool {
		a, b := bars[i].v, bars[j].v
		if math.IsNaN(b) {
			return !math.IsNaN(a)
		}
		return a > b
	})

	top := d.chartTitle(rk.Title, rk.Unit, x, y, w)
	lo, hi := 0.0, 0.0
	for _, b := range bars {
		if !math.IsNaN(b.v) && !math.IsInf(b.v, 0) {
			lo, hi = min(lo, b.v), max(hi, b.v)
		}
	}
	thr := rk.Threshold
	if thr != nil && (math.IsNaN(*thr) || math.IsInf(*thr, 0)) {
		thr = nil
	}
	if thr != nil {
		lo, hi = min(lo, *thr), max(hi, *thr)
	}
	ticks, tickDec := pdfSteps(lo, hi, 5)
	lo, hi = ticks[0], ticks[len(ticks)-1]

	// label column on the left, room for the values on the right
	d.setFont("", 9)
	labelW := 0.0
	for _, b := range bars {
		labelW = max(labelW, d.width(b.label))
	}
	labelW = min(labelW, w*0.34)
	d.setFont("", 8)
	valueW := 0.0
	for _, b := range bars {
		valueW = max(valueW, d.width(number.FormatFloat(b.v, rk.Decimals, d.st)))
	}
	px0 := x + labelW + 2.5
	px1 := x + w - valueW - 2.5
	if lo < 0 {
		px0 += valueW + 1.5
	}
	plotTop := top + 5 // the threshold's label goes above
	plotBottom := y + h - 7
	X := func(v float64) float64 { return px0 + (v-lo)/(hi-lo)*(px1-px0) }

	// grid and the value axis
	f.SetLineWidth(0.15)
	d.draw(pdfGrid)
	d.setFont("", 7.5)
	d.ink(pdfBlack)
	for _, t := range ticks {
		tx := X(t)
		f.Line(tx, plotTop, tx, plotBottom)
		d.cell(tx-10, plotBottom+0.8, 20, 3.5, number.FormatFloat(t, tickDec, d.st), "C")
	}
	d.draw(pdfBlack)
	f.SetLineWidth(0.3)
	f.Line(px0, plotBottom, px1, plotBottom)
	f.Line(X(0), plotTop, X(0), plotBottom)

	// the bars
	slot := (plotBottom - plotTop) / float64(max(len(bars), 1))
	barH := min(slot*0.66, 6)
	for i, b := range bars {
		cy := plotTop + slot*(float64(i)+0.5)
		d.setFont("", 9)
		d.ink(pdfBlack)
		d.cell(x, cy-2, labelW, 4, d.fit(b.label, labelW), "R")
		if math.IsNaN(b.v) || math.IsInf(b.v, 0) {
			continue
		}
		x0, x1 := X(0), X(b.v)
		d.fill(pdfBlue)
		if x1 >= x0 {
			f.Rect(x0, cy-barH/2, max(x1-x0, 0.2), barH, "F")
		} else {
			f.Rect(x1, cy-barH/2, x0-x1, barH, "F")
		}
	}
	// the threshold: a dashed red line over the bars, labelled on top
	if thr != nil {
		tx := X(*thr)
		d.draw(pdfRed)
		f.SetLineWidth(0.4)
		f.SetDashPattern([]float64{1.6, 1.2}, 0)
		f.Line(tx, plotTop-1, tx, plotBottom)
		f.SetDashPattern([]float64{}, 0)
		d.setFont("B", 8)
		d.ink(pdfRed)
		label := d.tr("Ngưỡng ", "Threshold ") + pdfWithUnit(number.FormatFloat(*thr, -1, d.st), rk.Unit)
		lw := d.width(label)
		lx := min(max(tx-lw/2, x), x+w-lw)
		d.cell(lx, plotTop-5, lw, 3.8, label, "L")
	}

	// the values, on white so that the threshold never crosses them
	for i, b := range bars {
		if math.IsNaN(b.v) || math.IsInf(b.v, 0) {
			continue
		}
		cy := plotTop + slot*(float64(i)+0.5)
		x0, x1 := X(0), X(b.v)
		d.setFont("", 8)
		s := number.FormatFloat(b.v, rk.Decimals, d.st)
		sw := d.width(s)
		lx := x1 + 1
		if x1 < x0 {
			lx = x1 - 1 - sw
		}
		d.fill([3]int{255, 255, 255})
		f.Rect(lx-0.3, cy-1.5, sw+0.6, 3, "F")
		d.ink(pdfBlack)
		d.cell(lx, cy-2, sw, 4, s, "L")
	}

	d.draw(pdfBlack)
	d.ink(pdfBlack)
	f.SetLineWidth(pdfThin)
}

// trendChart draws tr as a line with its points and values, the line
// broken where a year has no value, in the box (x, y, w, h).
func (d *pdfDoc) trendChart(tr *Trend, x, y, w, h float64) {
	f := d.f
	top := d.chartTitle(tr.Title, tr.Unit, x, y, w)
	ok := func(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, v := range tr.Values {
		if ok(v) {
			lo, hi = min(lo, v), max(hi, v)
		}
	}
	if math.IsInf(lo, 1) {
		lo, hi = 0, 1
	}
	switch {
	case lo == hi:
		lo, hi = lo-1, hi+1
	case lo > 0 && lo < hi/2, hi < 0 && hi > lo/2:
		// values that vary a lot read honestly from zero
		lo, hi = min(lo, 0), max(hi, 0)
	default:
		// values close together (98,5% to 100%) would make a flat line
		// from zero: the axis covers them with a margin
		pad := (hi - lo) * 0.1
		lo, hi = lo-pad, hi+pad
		if lo < 0 && lo+pad >= 0 {
			lo = 0
		}
	}
	ticks, tickDec := pdfSteps(lo, hi, 5)
	lo, hi = ticks[0], ticks[len(ticks)-1]

	d.setFont("", 7.5)
	axisW := 0.0
	for _, t := range ticks {
		axisW = max(axisW, d.width(number.FormatFloat(t, tickDec, d.st)))
	}
	px0 := x + axisW + 2.5
	px1 := x + w - 2
	plotTop := top + 4 // room for the top values
	if len(tr.Breaks) > 0 {
		plotTop += 3.5 // and for the captions of the breaks
	}
	plotBottom := y + h - 7
	Y := func(v float64) float64 { return plotBottom - (v-lo)/(hi-lo)*(plotBottom-plotTop) }

	f.SetLineWidth(0.15)
	d.draw(pdfGrid)
	d.ink(pdfBlack)
	for _, t := range ticks {
		ty := Y(t)
		f.Line(px0, ty, px1, ty)
		d.cell(x, ty-1.75, axisW, 3.5, number.FormatFloat(t, tickDec, d.st), "R")
	}
	d.draw(pdfBlack)
	f.SetLineWidth(0.3)
	f.Line(px0, plotTop-2, px0, plotBottom)
	f.Line(px0, plotBottom, px1, plotBottom)

	n := len(tr.Values)
	step := (px1 - px0) / float64(max(n, 1))
	X := func(i int) float64 { return px0 + step*(float64(i)+0.5) }
	// the years: every k-th when they are too close
	d.setFont("", 7.5)
	labelW := 0.0
	for _, l := range tr.Labels {
		labelW = max(labelW, d.width(l))
	}
	every := 1
	for float64(every)*step < labelW+1.5 && every < n {
		every++
	}
	for i := 0; i < n; i++ {
		xi := X(i)
		f.Line(xi, plotBottom, xi, plotBottom+1)
		if i < len(tr.Labels) && (i%every == 0 || i == n-1 && every == 1) {
			d.cell(xi-step*float64(every)/2, plotBottom+1.3, step*float64(every), 3.5, tr.Labels[i], "C")
		}
	}

	// a change of definition: a dashed line before its first year, with
	// its caption, and the line not joined across it
	breakAt := map[int]bool{}
	d.setFont("", 6.5)
	for _, b := range tr.Breaks {
		if b.Index <= 0 || b.Index >= n {
			continue
		}
		breakAt[b.Index] = true
		bx := X(b.Index) - step/2
		d.draw(pdfOrange)
		f.SetLineWidth(0.35)
		f.SetDashPattern([]float64{1.2, 0.9}, 0)
		f.Line(bx, plotTop-3, bx, plotBottom)
		f.SetDashPattern(nil, 0)
		lw := d.width(b.Label)
		lx := bx + 0.8
		if lx+lw > x+w {
			lx = bx - 0.8 - lw
		}
		d.ink(pdfOrange)
		d.cell(lx, plotTop-6.2, lw, 3, b.Label, "L")
	}
	d.ink(pdfBlack)

	// the line, broken by missing years and changes of definition
	d.draw(pdfBlue)
	d.fill(pdfBlue)
	f.SetLineWidth(0.55)
	for i := 1; i < n; i++ {
		if ok(tr.Values[i-1]) && ok(tr.Values[i]) && !breakAt[i] {
			f.Line(X(i-1), Y(tr.Values[i-1]), X(i), Y(tr.Values[i]))
		}
	}
	d.setFont("", 7)
	showValues := true
	for _, v := range tr.Values {
		if ok(v) && d.width(number.FormatFloat(v, tr.Decimals, d.st)) > step*0.98 {
			showValues = false
		}
	}
	// where a value goes: above a peak, below a trough, on the free side
	// of a slope
	side := func(i int, v float64) int { // +1 when the neighbour j is higher
		if i < 0 || i >= n || !ok(tr.Values[i]) {
			return 0
		}
		if tr.Values[i] > v {
			return 1
		}
		return -1
	}
	for i, v := range tr.Values {
		if !ok(v) {
			continue
		}
		px, py := X(i), Y(v)
		if i < len(tr.Mapped) && tr.Mapped[i] {
			// On the report's boundaries, not the area's own of the year:
			// a hollow dot (the title says so).
			f.SetFillColor(255, 255, 255)
			f.Circle(px, py, 1.1, "FD")
			d.fill(pdfBlue)
		} else {
			f.Circle(px, py, 0.85, "F")
		}
		if !showValues {
			continue
		}
		s := number.FormatFloat(v, tr.Decimals, d.st)
		sw := d.width(s)
		l, r := side(i-1, v), side(i+1, v)
		if breakAt[i] { // a neighbour across a break is not joined
			l = 0
		}
		if breakAt[i+1] {
			r = 0
		}
		lx, ly := px-sw/2, py-4.4 // above
		switch {
		case l >= 0 && r >= 0 && l+r > 0 && py+4.4 < plotBottom: // a trough: below
			ly = py + 1.2
		case l == 1 && r == -1: // going down: above on the right
			lx, ly = px+0.8, py-3.8
		case l == -1 && r == 1: // going up: above on the left
			lx, ly = px-0.8-sw, py-3.8
		}
		lx = min(max(lx, px0+0.5), px1-sw)
		d.ink(pdfBlue)
		d.cell(lx, ly, sw, 3, s, "L")
	}
	d.draw(pdfBlack)
	d.ink(pdfBlack)
	f.SetLineWidth(pdfThin)
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
