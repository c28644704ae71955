package report

import (
	"cmp"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/unicode/norm"

	"chiso/data/msg"
)

// The sheet's font: Times New Roman is what offices print with (Nghị định
// 30/2020/NĐ-CP); the XLSX only names it.
const (
	xlsxFont     = "Times New Roman"
	xlsxFontSize = 12
)

// Columns of the sheet: A number, B name, C unit, then the number columns.
const (
	xlsxDescCols = 3
	xlsxCols     = xlsxDescCols + NumColumns
)

// WriteXLSX writes r as a spreadsheet in the official layout: the agency
// top left and the national motto top right, the place-and-date line, the
// title, the table with columns lettered A, B, C and numbered 1, 2, 3,
// 4=3/1, 5=3/2 (numbers as numeric cells, formatted by their decimals),
// the analysis and the signature block. It prints on A4, fitted to the
// page's width.
func WriteXLSX(w io.Writer, r *Report) error {
	if len(r.Columns) != NumColumns && r.Form == nil {
		return msg.New(fmt.Sprintf("báo cáo có %d cột số, cần %d", len(r.Columns), NumColumns),
			fmt.Sprintf("the report has %d number columns, want %d", len(r.Columns), NumColumns))
	}
	x := &xlsxWriter{f: excelize.NewFile(), r: r, vi: r.Lang != "en", styles: map[xlsxStyle]int{}}
	defer x.f.Close()
	x.sheet = "Báo cáo"
	if !x.vi {
		x.sheet = "Report"
	}
	write := x.write
	if r.Form != nil {
		write = x.writeForm
	}
	if err := x.setUp(); err != nil {
		return msg.Wrap(err, "không tạo được tệp Excel", "cannot make the Excel file")
	}
	if err := write(); err != nil {
		return msg.Wrap(err, "không tạo được tệp Excel", "cannot make the Excel file")
	}
	if err := x.f.Write(w); err != nil {
		return msg.Wrap(err, "không ghi được tệp Excel", "cannot write the Excel file")
	}
	return nil
}

// xlsxStyle describes one cell style; the writer makes each one once.
type xlsxStyle struct {
	bold, italic, underline bool
	size                    float64
	halign, valign          string
	wrap                    bool
	indent                  int
	border                  bool
	numFmt                  string // custom number format, "" for none
}

type xlsxWriter struct {
	f      *excelize.File
	r      *Report
	vi     bool
	sheet  string
	styles map[xlsxStyle]int
	widths []float64 // of the columns A, B, …
	err    error     // the first error, so that the layout reads straight
}

// col returns the letters of the column with index i (0 = A, 26 = AA).
func col(i int) string {
	name, _ := excelize.ColumnNumberToName(i + 1)
	return name
}

func cell(c, row int) string { return col(c) + strconv.Itoa(row) }

// style returns the id of s, making it the first time.
func (x *xlsxWriter) style(s xlsxStyle) int {
	if id, ok := x.styles[s]; ok {
		return id
	}
	size := s.size
	if size == 0 {
		size = xlsxFontSize
	}
	st := &excelize.Style{
		Font: &excelize.Font{Family: xlsxFont, Size: size, Bold: s.bold, Italic: s.italic},
		Alignment: &excelize.Alignment{Horizontal: s.halign, Vertical: cmp.Or(s.valign, "center"),
			WrapText: s.wrap, Indent: s.indent},
	}
	if s.underline {
		st.Font.Underline = "single"
	}
	if s.border {
		for _, side := range []string{"left", "right", "top", "bottom"} {
			st.Border = append(st.Border, excelize.Border{Type: side, Color: "000000", Style: 1})
		}
	}
	if s.numFmt != "" {
		f := s.numFmt
		st.CustomNumFmt = &f
	}
	id, err := x.f.NewStyle(st)
	if err != nil && x.err == nil {
		x.err = err
	}
	x.styles[s] = id
	return id
}

// set writes a text (NFC) into a cell with a style.
func (x *xlsxWriter) set(c, row int, text string, s xlsxStyle) {
	if x.err != nil {
		return
	}
	ref := cell(c, row)
	if text != "" {
		x.err = x.f.SetCellStr(x.sheet, ref, norm.NFC.String(text))
	}
	x.styleRange(c, row, c, row, s)
}

// styleRange gives a style to the cells from (c1, row1) to (c2, row2).
func (x *xlsxWriter) styleRange(c1, row1, c2, row2 int, s xlsxStyle) {
	id := x.style(s)
	if x.err == nil {
		x.err = x.f.SetCellStyle(x.sheet, cell(c1, row1), cell(c2, row2), id)
	}
}

// merge writes text into the cells from c1 to c2 of a row, merged.
func (x *xlsxWriter) merge(c1, c2, row int, text string, s xlsxStyle) {
	x.set(c1, row, text, s)
	x.styleRange(c1, row, c2, row, s)
	if x.err == nil && c2 > c1 {
		x.err = x.f.MergeCell(x.sheet, cell(c1, row), cell(c2, row))
	}
}

func (x *xlsxWriter) height(row int, h float64) {
	if x.err == nil {
		x.err = x.f.SetRowHeight(x.sheet, row, h)
	}
}

func (x *xlsxWriter) tr(vi, en string) string {
	if x.vi {
		return vi
	}
	return en
}

// setUp names the sheet and gives it the report's font, without
// gridlines on screen: a document, not a grid.
func (x *xlsxWriter) setUp() error {
	if err := x.f.SetSheetName("Sheet1", x.sheet); err != nil {
		return err
	}
	if err := x.f.SetDefaultFont(xlsxFont); err != nil {
		return err
	}
	grid := false
	return x.f.SetSheetView(x.sheet, 0, &excelize.ViewOptions{ShowGridLines: &grid})
}

func (x *xlsxWriter) write() error {
	r := x.r
	x.columnWidths()
	last := xlsxCols - 1
	right := xlsxDescCols // the motto's first column: D

	// Header block: agency (superior office first, when given on several
	// lines) with a short rule under it; the motto with its second line
	// underlined; the place-and-date line.
	row := 1
	agency := strings.Split(strings.TrimSpace(r.Agency), "\n")
	for i, line := range agency {
		x.merge(0, xlsxDescCols-1, row+i, strings.TrimSpace(line),
			xlsxStyle{bold: i == len(agency)-1, halign: "center", size: 13})
	}
	x.merge(0, xlsxDescCols-1, row+len(agency), "————————", xlsxStyle{halign: "center", valign: "top"})
	x.merge(right, last, row, r.Motto[0], xlsxStyle{bold: true, halign: "center", size: 13})
	x.merge(right, last, row+1, r.Motto[1], xlsxStyle{bold: true, underline: true, halign: "center", size: 13})
	row += max(len(agency)+1, 2)
	x.merge(right, last, row, r.Place, xlsxStyle{italic: true, halign: "right", size: 13})
	for i := 1; i <= row; i++ {
		x.height(i, 18) // room for 13-point text
	}
	row += 2

	// Title and subtitle.
	x.merge(0, last, row, r.Title, xlsxStyle{bold: true, halign: "center", wrap: true, size: 14})
	x.height(row, 20*float64(x.lines(r.Title, x.span(0, last), 14)))
	row++
	if r.Subtitle != "" {
		x.merge(0, last, row, r.Subtitle, xlsxStyle{bold: true, halign: "center", size: 13})
		x.height(row, 18)
		row++
	}
	row++

	// Table header: two rows, the comparisons grouped, then the row of
	// column letters and numbers.
	head := xlsxStyle{bold: true, halign: "center", wrap: true, border: true}
	h1, h2 := row, row+1
	names := []string{x.tr("STT", "No."), x.tr("Chỉ tiêu", "Indicator"), x.tr("Đơn vị tính", "Unit")}
	for _, c := range r.Columns[:ColPctPrevious] {
		names = append(names, c.Header)
	}
	for c, name := range names {
		x.set(c, h1, name, head)
		x.styleRange(c, h1, c, h2, head)
		if x.err == nil {
			x.err = x.f.MergeCell(x.sheet, cell(c, h1), cell(c, h2))
		}
	}
	x.merge(xlsxDescCols+ColPctPrevious, last, h1, x.tr("So sánh (%)", "Comparison (%)"), head)
	for i := ColPctPrevious; i < NumColumns; i++ {
		x.set(xlsxDescCols+i, h2, strings.TrimSuffix(r.Columns[i].Header, " (%)"), head)
	}
	x.height(h1, 22)
	// The headers of columns 1-3 span both rows; the comparisons' only the
	// second. Bold text is wider: count it as a size larger.
	var spanning, second int
	for i, c := range r.Columns {
		width := x.widths[xlsxDescCols+i]
		if i < ColPctPrevious {
			spanning = max(spanning, x.lines(c.Header, width, xlsxFontSize+2))
		} else {
			second = max(second, x.lines(strings.TrimSuffix(c.Header, " (%)"), width, xlsxFontSize+2))
		}
	}
	x.height(h2, max(30, 16*float64(spanning)+6-22, 16*float64(second)+6))
	row += 2
	numbers := []string{"A", "B", "C"}
	for _, c := range r.Columns {
		numbers = append(numbers, c.Number)
	}
	for c, n := range numbers {
		x.set(c, row, n, xlsxStyle{italic: true, halign: "center", border: true})
	}
	top := h1
	row++

	// The rows of the table.
	for _, tr := range r.Rows {
		x.tableRow(row, tr)
		row++
	}

	// Notes under the table: on which boundaries, what "×" stands for,
	// which figures are estimates.
	row = x.notes(row, last)

	// Analysis, one sentence a row.
	width := x.span(0, last)
	if len(r.Analysis) > 0 {
		row++
		x.merge(0, last, row, x.tr("Nhận xét", "Remarks"), xlsxStyle{bold: true, halign: "left", size: 13})
		row++
		for _, s := range r.Analysis {
			x.merge(0, last, row, s, xlsxStyle{halign: "justify", valign: "top", wrap: true, indent: 1})
			x.height(row, 16.5*float64(x.lines(s, width, xlsxFontSize)))
			row++
		}
	}

	// Signatures.
	row++
	x.merge(0, xlsxDescCols-1, row, x.tr("NGƯỜI LẬP BIỂU", "PREPARED BY"), xlsxStyle{bold: true, halign: "center"})
	x.merge(right, last, row, x.tr("THỦ TRƯỞNG ĐƠN VỊ", "HEAD OF UNIT"), xlsxStyle{bold: true, halign: "center"})
	row++
	sign := x.tr("(Ký, ghi rõ họ tên)", "(Signature and full name)")
	x.merge(0, xlsxDescCols-1, row, sign, xlsxStyle{italic: true, halign: "center"})
	x.merge(right, last, row, sign, xlsxStyle{italic: true, halign: "center"})
	if x.err != nil {
		return x.err
	}
	return x.pageSetup(top, 3)
}

// tableRow writes one row of the table.
func (x *xlsxWriter) tableRow(row int, tr Row) {
	isPart := strings.Contains(tr.Number, ".")
	name := xlsxStyle{bold: tr.Heading, italic: isPart, halign: "left", wrap: true, border: true}
	if isPart {
		name.indent = 1
	}
	x.set(0, row, tr.Number, xlsxStyle{bold: tr.Heading, halign: "center", border: true})
	x.set(1, row, tr.Name, name)
	x.set(2, row, tr.Unit, xlsxStyle{halign: "center", wrap: true, border: true})
	lines := max(x.lines(tr.Name, x.widths[1], xlsxFontSize), x.lines(tr.Unit, x.widths[2], xlsxFontSize))
	if lines > 1 {
		x.height(row, 16*float64(lines))
	}
	for i := range NumColumns {
		s := xlsxStyle{bold: tr.Heading, halign: "right", border: true, numFmt: x.numFmt(tr, i)}
		c := xlsxDescCols + i
		v := tr.Values[i]
		switch {
		case x.err != nil || tr.Heading:
		case v.OK && !math.IsNaN(v.Value) && !math.IsInf(v.Value, 0):
			x.err = x.f.SetCellFloat(x.sheet, cell(c, row), v.Value, -1, 64)
		case v.NotComparable:
			x.err = x.f.SetCellStr(x.sheet, cell(c, row), NotComparableMark)
			s.halign = "center"
		}
		x.styleRange(c, row, c, row, s)
	}
}

// numFmt is the number format of column i of a row: grouped thousands
// with the row's decimals (one for percentages), so that Excel shows
// 1.234,5 under Vietnamese settings and 1,234.5 under English ones;
// "có"/"không" for one area's yes/no, "168/177" for a count of yes.
func (x *xlsxWriter) numFmt(tr Row, i int) string {
	if tr.Heading {
		return ""
	}
	if i >= ColPctPrevious {
		return decimalFormat(1)
	}
	if tr.YesNo {
		if tr.Of[i] > 0 {
			return `#,##0"/` + strconv.Itoa(tr.Of[i]) + `"`
		}
		yes, no := x.tr("có", "yes"), x.tr("không", "no")
		return `"` + yes + `";"` + yes + `";"` + no + `"`
	}
	return decimalFormat(tr.Decimals)
}

// decimalFormat is the number format with thousands grouped and d decimals.
func decimalFormat(d int) string {
	if d <= 0 {
		return "#,##0"
	}
	return "#,##0." + strings.Repeat("0", d)
}

// columnWidths sizes the columns to their contents and sets them.
func (x *xlsxWriter) columnWidths() {
	longest := func(get func(Row) string, min, max float64) float64 {
		w := min
		for _, tr := range x.r.Rows {
			w = math.Max(w, float64(utf8.RuneCountInString(get(tr)))+2)
		}
		return math.Min(w, max)
	}
	x.widths = make([]float64, xlsxCols)
	x.widths[0] = 6
	x.widths[1] = longest(func(r Row) string { return r.Name }, 30, 52)
	x.widths[2] = longest(func(r Row) string { return r.Unit }, 10, 18)
	for i := range NumColumns {
		x.widths[xlsxDescCols+i] = 13
	}
	for i, w := range x.widths {
		if x.err == nil {
			x.err = x.f.SetColWidth(x.sheet, col(i), col(i), w)
		}
	}
}

// span is the width of the columns c1 to c2.
func (x *xlsxWriter) span(c1, c2 int) float64 {
	var w float64
	for c := c1; c <= c2; c++ {
		w += x.widths[c]
	}
	return w
}

// lines estimates how many lines text takes in a width (in characters of
// the default font) at a font size, wrapping at spaces as Excel does, to
// size rows Excel does not fit itself (wrapped and merged cells).
func (x *xlsxWriter) lines(text string, width, size float64) int {
	// A character of 11-point text takes about one unit of width; round
	// towards more lines, as a cut line is worse than a blank one.
	perLine := (width - 1.5) * 0.95 * 11 / size // less the cell's padding
	n := 0
	for _, para := range strings.Split(text, "\n") {
		n++
		used := 0.0
		for _, word := range strings.Fields(para) {
			w := float64(utf8.RuneCountInString(word))
			switch {
			case used == 0:
				used = w
			case used+1+w <= perLine:
				used += 1 + w
			default:
				n++
				used = w
			}
			for used > perLine { // a word longer than the line is cut
				n++
				used -= perLine
			}
		}
	}
	return n
}

// pageSetup prints on A4, landscape when the table is wide, fitted to the
// page's width, with the table header repeated on each page.
func (x *xlsxWriter) pageSetup(headerRow, headerRows int) error {
	size := 9 // A4
	orientation := "portrait"
	if x.span(0, len(x.widths)-1) > 100 {
		orientation = "landscape"
	}
	one, zero := 1, 0
	if err := x.f.SetPageLayout(x.sheet, &excelize.PageLayoutOptions{
		Size: &size, Orientation: &orientation, FitToWidth: &one, FitToHeight: &zero,
	}); err != nil {
		return err
	}
	fit := true
	if err := x.f.SetSheetProps(x.sheet, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return err
	}
	m, c := 0.6, true
	if err := x.f.SetPageMargins(x.sheet, &excelize.PageLayoutMarginsOptions{
		Left: &m, Right: &m, Top: &m, Bottom: &m, Horizontally: &c,
	}); err != nil {
		return err
	}
	quoted := "'" + strings.ReplaceAll(x.sheet, "'", "''") + "'"
	if err := x.f.SetDefinedName(&excelize.DefinedName{
		Name: "_xlnm.Print_Titles", Scope: x.sheet,
		RefersTo: fmt.Sprintf("%s!$%d:$%d", quoted, headerRow, headerRow+headerRows-1),
	}); err != nil {
		return err
	}
	return x.f.SetDocProps(&excelize.DocProperties{
		Title: norm.NFC.String(x.r.Title), Subject: norm.NFC.String(x.r.Subtitle),
		Creator: "Chỉ Số", Language: x.tr("vi-VN", "en-US"),
	})
}
