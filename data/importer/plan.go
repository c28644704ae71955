package importer

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strings"

	"chiso/data/catalog"
	"chiso/data/msg"
	"chiso/data/number"
	"chiso/data/store"
)

// Role is what a column holds.
type Role int

// Column roles. A value column may carry its own element, period or
// category (the wide layouts); a row's element, period and category
// otherwise come from the columns with those roles, and failing that from
// the Plan.
const (
	RoleIgnore   Role = iota // not imported
	RoleElement              // element code or name
	RoleArea                 // area code or name
	RoleAreaName             // area name beside a code column: shown, not imported
	RolePeriod               // period code or label ("2024", "Năm 2024", "Quý I/2024")
	RoleCategory             // category option code or name
	RoleValue                // the values
	RoleComment              // a comment saved with each value of the row
)

var roleNamesVI = [...]string{"bỏ qua", "chỉ tiêu", "địa bàn", "tên địa bàn", "kỳ", "phân tổ", "giá trị", "ghi chú"}
var roleNamesEN = [...]string{"ignored", "element", "area", "area name", "period", "category", "value", "comment"}

// Label names the role in lang ("vi" or "en").
func (r Role) Label(lang string) string {
	if r < 0 || int(r) >= len(roleNamesEN) {
		return fmt.Sprintf("Role(%d)", int(r))
	}
	if lang == "vi" {
		return roleNamesVI[r]
	}
	return roleNamesEN[r]
}

// String returns the English label.
func (r Role) String() string { return r.Label("en") }

// Layout is the shape of a table.
type Layout int

// Layouts of a table.
const (
	LayoutAuto        Layout = iota // detect (only as an option)
	LayoutLong                      // one value per row: element, area, period, [category,] value, [comment]
	LayoutWidePeriod                // areas down, one column per period; the element from a column, the title or the caller
	LayoutWideElement               // areas down, one column per element; the period from a column, the title or the caller
)

// ParseLayout reads "long", "wide-period" or "wide-element" ("" or
// "auto" for LayoutAuto).
func ParseLayout(s string) (Layout, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "auto":
		return LayoutAuto, nil
	case "long":
		return LayoutLong, nil
	case "wide-period":
		return LayoutWidePeriod, nil
	case "wide-element":
		return LayoutWideElement, nil
	}
	return 0, msg.New(fmt.Sprintf("dạng bảng %q không hợp lệ (long, wide-period hoặc wide-element)", s),
		fmt.Sprintf("layout %q: want long, wide-period or wide-element", s))
}

// String returns the name ParseLayout reads.
func (l Layout) String() string {
	switch l {
	case LayoutLong:
		return "long"
	case LayoutWidePeriod:
		return "wide-period"
	case LayoutWideElement:
		return "wide-element"
	}
	return "auto"
}

// Column is one column of a sheet and what to do with it.
type Column struct {
	Index  int    // 0-based
	Letter string // as Excel shows it: A, B, …
	Header string // the header text (NFC), "" if none

	Role Role // what the column holds
	// For a value column: the element, period and category its values
	// belong to, "" when a column of the row or the Plan gives them.
	Element, Period, Category string

	// Style is how the column's numbers are read; Preview sets it from
	// what it saw, the caller may change it and must when it is
	// StyleAmbiguous or StyleMixed.
	Style NumberStyle
	// Detected is what Preview saw, kept when Style is changed.
	Detected NumberStyle
	// Example is a value that shows why (an ambiguous "1.234"), at row
	// ExampleRow; Other is a value written the other way, for StyleMixed.
	Example    string
	ExampleRow int    // the row of Example
	Other      string // for StyleMixed, a value written the other way
	OtherRow   int    // the row of Other

	skipped error // why Preview left the column out, when it did so on purpose
}

// Name names the column in messages: its header and letter, "value (E)",
// or the letter alone.
func (c Column) Name() string {
	if strings.TrimSpace(c.Header) == "" {
		return c.Letter
	}
	return fmt.Sprintf("%s (%s)", strings.TrimSpace(c.Header), c.Letter)
}

// Row is a row of the sheet as text, for showing.
type Row struct {
	Row   int      // 1-based, as Excel shows it (the line of a CSV)
	Cells []string // the text of each cell
}

// Plan says how to read one sheet. Preview makes it; the caller may
// change the roles of columns, their styles, and the element, period and
// category before a DryRun and an Apply.
type Plan struct {
	File   *File  // the file the sheet is in
	Sheet  string // the sheet's name (a CSV's one sheet is named after the file)
	Layout Layout // detected or forced; the columns say what is read, and a long table rejects empty values where a wide one skips them
	// HeaderRow is the row holding the column names (1-based); the data
	// starts after it.
	HeaderRow int
	// Title holds the texts of the rows above the header.
	Title   []string
	Columns []Column // every column of the sheet, in order
	// Element, Period and Category are the element code, period code and
	// category option of values that no column names (a sheet of one
	// element by period, of one period by element).
	Element, Period, Category string
	// Successors records a value of an area outside its dates (Hoành Bồ
	// in 2021, after it merged into Hạ Long) on the area that took its
	// place, when a single successor did; otherwise such values are
	// refused.
	Successors bool
	// DataRow is the first row the data may be on: after the header row,
	// its second row when the header has two (a group such as "Trong đó"
	// or "Năm" merged over its columns), and a row numbering the columns
	// (A, B, 1, 2, 3…).
	DataRow int
	// EndRow is the row where the table was taken to end: the first row
	// after the last one holding an area or a number (a place-and-date
	// line, a signature block); 0 when the table runs to the end of the
	// sheet. Rows from EndRow on are not read. EndText is that row's text.
	EndRow  int
	EndText string
	// Rows counts the non-blank rows of the table after the header.
	Rows int
	// Sample holds the header and the first data rows.
	Sample []Row
	// Notes lists what Preview noticed and the user may want to fix:
	// ignored columns, areas that match no code or several names.
	Notes []error

	cat      *catalog.Catalog
	elements *elements
	fields   int               // the number of fields of a CSV's header line
	checked  string            // fingerprint of the plan after a clean dry run
	scope    store.ValueFilter // the stored values the last dry run's file may replace
}

// PreviewRows is how many data rows a Plan's Sample holds.
const PreviewRows = 20

// headerScan is how many non-blank rows Preview looks through for the
// header.
const headerScan = 30

// maxNotes bounds the notes of a Plan.
const maxNotes = 50

// Options tune Preview.
type Options struct {
	// Layout forces a layout; LayoutAuto detects it.
	Layout Layout
	// Element, Period and Category, when set (a code, a name or a label
	// such as "Năm 2024"), are used for values no column names, instead of
	// what the sheet name or title says.
	Element, Period, Category string
	// Progress, if set, is called as rows are read.
	Progress func(done, total int)
}

// Preview reads the sheet of f called sheet ("" for the first) against
// the catalog cat: it finds the header row and the role of each column,
// counts the rows and detects each value column's number style by
// reading every value. An empty sheet, a sheet of only a header, and a
// sheet with no header it can recognise are refused with a message saying
// what it looked for; a plan that lacks an area or value column, an
// element, a period or a number style is returned, and Plan.Ready says
// what to set.
func Preview(f *File, sheet string, cat *catalog.Catalog) (*Plan, error) {
	return PreviewContext(context.Background(), f, sheet, cat, Options{})
}

// PreviewContext is Preview with options and a context that stops it.
func PreviewContext(ctx context.Context, f *File, sheet string, cat *catalog.Catalog, opt Options) (*Plan, error) {
	sheet, err := f.sheet(sheet)
	if err != nil {
		return nil, err
	}
	p := &Plan{File: f, Sheet: sheet, cat: cat, elements: newElements(cat)}
	if opt.Element != "" {
		if err := p.SetElement(opt.Element); err != nil {
			return nil, err
		}
	}
	if opt.Period != "" {
		if err := p.SetPeriod(opt.Period); err != nil {
			return nil, err
		}
	}
	p.Category = strings.TrimSpace(opt.Category)
	rr, err := f.rows(sheet)
	if err != nil {
		return nil, err
	}
	defer rr.close()

	// The first non-blank rows, to find the header in.
	var head []Row
	var kinds [][]cellKind
	for len(head) < headerScan {
		n, cells, err := rr.next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		if blankRow(cells) {
			continue
		}
		r := Row{Row: n, Cells: make([]string, len(cells))}
		k := make([]cellKind, len(cells))
		for i, c := range cells {
			r.Cells[i], k[i] = c.text, c.kind
		}
		head = append(head, r)
		kinds = append(kinds, k)
	}
	if len(head) == 0 {
		if f.Kind == CSV {
			return nil, msg.New("tệp "+f.Name+" không có dòng nào", "file "+f.Name+" has no rows")
		}
		return nil, msg.New(fmt.Sprintf("trang %s của tệp %s trống", sheet, f.Name), fmt.Sprintf("sheet %s of file %s is empty", sheet, f.Name))
	}
	areas := newAreas(cat)
	h := p.findHeader(head, kinds, areas, opt.Layout)
	if h < 0 {
		return nil, p.noHeader()
	}
	p.HeaderRow, p.fields = head[h].Row, len(head[h].Cells)
	for _, r := range head[:h] {
		p.Title = append(p.Title, strings.Join(nonBlank(r.Cells), " "))
	}
	var merges []cellRange
	if f.Kind == XLSX {
		if merges, err = f.book.merges(sheet); err != nil {
			return nil, err
		}
	}
	// A second header row, then a row numbering the columns.
	next := h + 1
	var pairs []pairedHeader
	if next < len(head) && head[next].Row == head[h].Row+1 {
		if pairs = p.twoRowHeader(head[h], kinds[h], head[next], kinds[next], merges, areas, opt.Layout); pairs != nil {
			next++
		}
	}
	if next < len(head) && head[next].Row == head[next-1].Row+1 && numberingRow(head[next]) {
		next++
	}
	p.DataRow = head[next-1].Row + 1
	p.assignRoles(head[h], kinds[h], pairs, head[next:], areas, opt.Layout)

	// Read every data row: the head already read, then the rest.
	scan := newStyleScan(p)
	end := &tableEnd{}
	for i, r := range head[next:] {
		cells := make([]cell, len(r.Cells))
		for j, t := range r.Cells {
			cells[j] = cell{text: t, kind: kinds[next+i][j]}
		}
		p.scanRow(r.Row, cells, scan, areas, end)
	}
	for n := 0; ; n++ {
		if n%4096 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			if opt.Progress != nil {
				read, total := rr.position()
				opt.Progress(p.Rows, estimate(p.Rows, read, total))
			}
		}
		row, cells, err := rr.next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		if blankRow(cells) {
			continue
		}
		p.scanRow(row, cells, scan, areas, end)
	}
	if opt.Progress != nil {
		opt.Progress(p.Rows, p.Rows)
	}
	scan.finish()
	if end.lastData > 0 && end.first > 0 {
		p.EndRow, p.EndText, p.Rows = end.first, end.text, p.Rows-end.after
		p.Sample = slices.DeleteFunc(p.Sample, func(r Row) bool { return r.Row >= p.EndRow })
	}
	for _, n := range scan.areaNotes {
		if p.EndRow == 0 || n.row < p.EndRow {
			p.note(n.err)
		}
	}
	if p.Rows == 0 {
		return nil, msg.New(fmt.Sprintf("%s: chỉ có dòng tiêu đề, không có số liệu", p.where()), fmt.Sprintf("%s: only a header, no data", p.whereEN()))
	}
	return p, nil
}

// estimate extrapolates the number of rows from the bytes read.
func estimate(rows int, read, total int64) int {
	if read <= 0 || total <= read {
		return rows
	}
	return max(rows, int(float64(rows)*float64(total)/float64(read)))
}

func nonBlank(s []string) []string {
	var out []string
	for _, t := range s {
		if t = strings.TrimSpace(t); t != "" {
			out = append(out, t)
		}
	}
	return out
}

func blankRow(cells []cell) bool {
	for _, c := range cells {
		if !c.blank() {
			return false
		}
	}
	return true
}

// where names the sheet in Vietnamese for messages.
func (p *Plan) where() string {
	if p.File.Kind == CSV {
		return "tệp " + p.File.Name
	}
	return "tệp " + p.File.Name + ", trang " + p.Sheet
}

// rowWord is what messages call a row: a line of a CSV, a row of a sheet.
func (p *Plan) rowWord(lang string) string {
	switch {
	case p.File.Kind == CSV && lang == "vi":
		return "dòng"
	case p.File.Kind == CSV:
		return "line"
	case lang == "vi":
		return "hàng"
	}
	return "row"
}

func (p *Plan) whereEN() string {
	if p.File.Kind == CSV {
		return "file " + p.File.Name
	}
	return "file " + p.File.Name + ", sheet " + p.Sheet
}

func (p *Plan) note(err error) {
	if len(p.Notes) < maxNotes {
		p.Notes = append(p.Notes, err)
	}
}

// scanRow counts a data row, keeps it as a sample, checks its area,
// feeds its values to the style detection and follows where the table
// ends.
func (p *Plan) scanRow(row int, cells []cell, scan *styleScan, areas *areas, end *tableEnd) {
	p.Rows++
	if len(p.Sample) <= PreviewRows && row > p.Sample[len(p.Sample)-1].Row {
		r := Row{Row: row, Cells: make([]string, len(cells))}
		for i, c := range cells {
			r.Cells[i] = c.text
		}
		p.Sample = append(p.Sample, r)
	}
	end.add(row, cells, p.holdsData(cells, areas))
	for i := range p.Columns {
		c := &p.Columns[i]
		if i >= len(cells) {
			break
		}
		switch c.Role {
		case RoleValue:
			scan.add(i, row, cells[i])
		case RoleArea:
			t := strings.TrimSpace(cells[i].text)
			if t == "" || scan.areasSeen[t] {
				continue
			}
			scan.areasSeen[t] = true
			m := areas.find(t)
			switch {
			case len(m.candidates) > 0:
				scan.areaNote(row, msg.New(fmt.Sprintf("%s, %s %d, cột %s: tên %q ứng với nhiều địa bàn: %s; hãy ghi mã", p.where(), p.rowWord("vi"), row, c.Name(), t, areas.describe(m.candidates)),
					fmt.Sprintf("%s, %s %d, column %s: the name %q fits several areas: %s; write the code", p.whereEN(), p.rowWord("en"), row, c.Name(), t, areas.describe(m.candidates))))
			case m.code == "" && !isTotal(t):
				scan.areaNote(row, msg.New(fmt.Sprintf("%s, %s %d, cột %s: không có địa bàn %q", p.where(), p.rowWord("vi"), row, c.Name(), t),
					fmt.Sprintf("%s, %s %d, column %s: no area %q", p.whereEN(), p.rowWord("en"), row, c.Name(), t)))
			}
		}
	}
}

// holdsData tells whether a row of the table holds data: a number, an
// area (or a total) in an area column, an element in the element column.
// Rows below the last one that does are not part of the table.
func (p *Plan) holdsData(cells []cell, areas *areas) bool {
	for i, c := range cells {
		switch c.kind {
		case numberCell, boolCell, errorCell, formulaCell:
			return true
		case dateCell:
			continue
		}
		t := strings.TrimSpace(c.text)
		if t == "" {
			continue
		}
		if looksNumber(t) {
			return true
		}
		if i >= len(p.Columns) {
			continue
		}
		switch p.Columns[i].Role {
		case RoleArea, RoleAreaName:
			if isTotal(t) || areas.find(t).code != "" {
				return true
			}
		case RoleElement:
			if _, _, ok := p.elements.find(t); ok {
				return true
			}
		}
	}
	return false
}

// looksNumber tells whether a text reads as a number in either style.
func looksNumber(t string) bool {
	_, kind := classifyNumber(t)
	if kind != noEvidence {
		return true
	}
	_, err := number.ParseAuto(t)
	return err == nil
}

// tableEnd follows the rows of a sheet to find where its table ends: the
// first non-blank row after the last row holding data.
type tableEnd struct {
	lastData int    // the last row holding data
	first    int    // the first non-blank row after it, 0 if none
	text     string // that row's text
	after    int    // non-blank rows after lastData
}

func (e *tableEnd) add(row int, cells []cell, data bool) {
	if data {
		e.lastData, e.first, e.text, e.after = row, 0, "", 0
		return
	}
	if e.first == 0 {
		var texts []string
		for _, c := range cells {
			if t := strings.TrimSpace(c.text); t != "" {
				texts = append(texts, t)
			}
		}
		e.first, e.text = row, strings.Join(texts, " ")
	}
	e.after++
}

// SetElement sets the element of values no column names, from its code
// or its name.
func (p *Plan) SetElement(s string) error {
	if strings.TrimSpace(s) == "" {
		p.Element = ""
		return nil
	}
	code, amb, ok := p.elements.find(s)
	if !ok {
		if len(amb) > 0 {
			return msg.New(fmt.Sprintf("tên %q ứng với nhiều chỉ tiêu: %s; hãy ghi mã", s, strings.Join(amb, ", ")),
				fmt.Sprintf("the name %q fits several elements: %s; give the code", s, strings.Join(amb, ", ")))
		}
		return msg.New(fmt.Sprintf("không có chỉ tiêu %q", s), fmt.Sprintf("no element %q", s))
	}
	p.Element = code
	return nil
}

// SetPeriod sets the period of values no column names, from its code or
// a label such as "Năm 2024" or "Quý I/2024".
func (p *Plan) SetPeriod(s string) error {
	if strings.TrimSpace(s) == "" {
		p.Period = ""
		return nil
	}
	per, ok := periodOf(s)
	if !ok {
		return msg.New(fmt.Sprintf("kỳ %q không hợp lệ (ví dụ 2024, 2024Q1, 202401, Năm 2024, Quý I/2024)", s),
			fmt.Sprintf("period %q is not valid (e.g. 2024, 2024Q1, 202401)", s))
	}
	p.Period = per
	return nil
}

// Need is what a Plan lacks before it can run.
type Need int

// What a Plan may lack.
const (
	NeedArea    Need = iota + 1 // no area column
	NeedValue                   // no value column
	NeedElement                 // values without an element: no column, no Plan.Element
	NeedPeriod                  // values without a period
	NeedStyle                   // a value column's number style is ambiguous or mixed
)

// PlanError says what a Plan lacks; Column is the column concerned
// (-1 for none).
type PlanError struct {
	Need   Need // what is lacking
	Column int  // the column concerned, -1 for none
	err    error
}

// Error returns the English text.
func (e *PlanError) Error() string { return e.err.Error() }

// Message returns the text in lang ("vi" or "en").
func (e *PlanError) Message(lang string) string { return msg.Text(e.err, lang) }

// Ready tells whether the plan can run: an area column, at least one
// value column, an element and a period for every value column, and a
// number style for every column that needs one. The error is a
// *PlanError.
func (p *Plan) Ready() error {
	fail := func(need Need, col int, vi, en string) error {
		return &PlanError{Need: need, Column: col, err: msg.New(p.where()+": "+vi, p.whereEN()+": "+en)}
	}
	has := map[Role]bool{}
	for _, c := range p.Columns {
		has[c.Role] = true
	}
	if !has[RoleArea] {
		return fail(NeedArea, -1, "không có cột địa bàn (mã hoặc tên địa bàn)", "no area column (area code or name)")
	}
	if !has[RoleValue] {
		return fail(NeedValue, -1, "không có cột giá trị (value, giá trị, hoặc các cột kỳ hay chỉ tiêu)",
			"no value column (value, or one column per period or element)")
	}
	for _, c := range p.Columns {
		if c.Role != RoleValue {
			continue
		}
		if c.Element == "" && !has[RoleElement] && p.Element == "" {
			return fail(NeedElement, c.Index, fmt.Sprintf("cột %s: chưa rõ chỉ tiêu; hãy chọn chỉ tiêu", c.Name()),
				fmt.Sprintf("column %s: which element? choose one", c.Name()))
		}
		if c.Period == "" && !has[RolePeriod] && p.Period == "" {
			return fail(NeedPeriod, c.Index, fmt.Sprintf("cột %s: chưa rõ kỳ; hãy chọn kỳ", c.Name()),
				fmt.Sprintf("column %s: which period? choose one", c.Name()))
		}
		switch c.Style {
		case StyleAmbiguous:
			return fail(NeedStyle, c.Index,
				fmt.Sprintf("cột %s có số viết không rõ kiểu, ví dụ %q ở %s %d (kiểu Việt 1.234,5 hay kiểu Anh 1,234.5?); hãy chọn kiểu số", c.Name(), c.Example, p.rowWord("vi"), c.ExampleRow),
				fmt.Sprintf("column %s has numbers of unclear style, e.g. %q at %s %d (Vietnamese 1.234,5 or English 1,234.5?); choose the number style", c.Name(), c.Example, p.rowWord("en"), c.ExampleRow))
		case StyleMixed:
			return fail(NeedStyle, c.Index,
				fmt.Sprintf("cột %s viết số lẫn hai kiểu: %q ở %s %d và %q ở %s %d; hãy chọn kiểu số", c.Name(), c.Example, p.rowWord("vi"), c.ExampleRow, c.Other, p.rowWord("vi"), c.OtherRow),
				fmt.Sprintf("column %s mixes number styles: %q at %s %d and %q at %s %d; choose the number style", c.Name(), c.Example, p.rowWord("en"), c.ExampleRow, c.Other, p.rowWord("en"), c.OtherRow))
		}
	}
	return nil
}
