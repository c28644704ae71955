package importer

import (
	"context"
	"errors"
	"fmt"
	"io"
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

// NumberStyle is how a value column writes its numbers.
type NumberStyle int

// Number styles of a column.
const (
	// StyleAny: every value of the column reads the same in both styles
	// (whole numbers, "0,36", Excel number cells…); nothing to choose.
	StyleAny NumberStyle = iota
	// StyleVietnamese: 1.234,5 — a dot groups thousands, a comma marks
	// decimals.
	StyleVietnamese
	// StyleEnglish: 1,234.5.
	StyleEnglish
	// StyleAmbiguous: values such as "1.234" or "1,234" read differently
	// in the two styles and nothing in the column tells which: the caller
	// must set StyleVietnamese or StyleEnglish.
	StyleAmbiguous
	// StyleMixed: the column writes numbers both ways and some value reads
	// differently in the two styles: the caller must choose.
	StyleMixed
)

// Label names the style in lang ("vi" or "en").
func (s NumberStyle) Label(lang string) string {
	vi := lang == "vi"
	switch s {
	case StyleVietnamese:
		return pick(vi, "kiểu Việt (1.234,5)", "Vietnamese (1.234,5)")
	case StyleEnglish:
		return pick(vi, "kiểu Anh (1,234.5)", "English (1,234.5)")
	case StyleAmbiguous:
		return pick(vi, "không rõ, cần chọn", "ambiguous, choose one")
	case StyleMixed:
		return pick(vi, "lẫn hai kiểu, cần chọn", "mixed, choose one")
	}
	return pick(vi, "kiểu nào cũng được", "either")
}

func pick(vi bool, v, e string) string {
	if vi {
		return v
	}
	return e
}

// Style returns the number.Style to read the column with, and false for
// StyleAny, StyleAmbiguous and StyleMixed.
func (s NumberStyle) Style() (number.Style, bool) {
	switch s {
	case StyleVietnamese:
		return number.Vietnamese, true
	case StyleEnglish:
		return number.English, true
	}
	return 0, false
}

// StyleOf returns the column style that reads numbers in st.
func StyleOf(st number.Style) NumberStyle {
	if st == number.English {
		return StyleEnglish
	}
	return StyleVietnamese
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
	// Rows counts the non-blank rows after the header.
	Rows int
	// Sample holds the header and the first data rows.
	Sample []Row
	// Notes lists what Preview noticed and the user may want to fix:
	// ignored columns, areas that match no code or several names.
	Notes []error

	cat      *catalog.Catalog
	elements *elements
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
	p.HeaderRow = head[h].Row
	for _, r := range head[:h] {
		p.Title = append(p.Title, strings.Join(nonBlank(r.Cells), " "))
	}
	p.Sample = append(p.Sample, head[h])
	p.assignRoles(head[h], kinds[h], head[h+1:], areas, opt.Layout)

	// Read every data row: the head already read, then the rest.
	scan := newStyleScan(p)
	for i, r := range head[h+1:] {
		cells := make([]cell, len(r.Cells))
		for j, t := range r.Cells {
			cells[j] = cell{text: t, kind: kinds[h+1+i][j]}
		}
		p.scanRow(r.Row, cells, scan, areas)
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
		p.scanRow(row, cells, scan, areas)
	}
	if opt.Progress != nil {
		opt.Progress(p.Rows, p.Rows)
	}
	scan.finish()
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

func (p *Plan) noHeader() error {
	return msg.New(p.where()+": không tìm thấy dòng tiêu đề. Cần các cột chỉ tiêu, địa bàn, kỳ, giá trị (dạng dài: "+
		"element, area, period, category, value, comment), hoặc một cột địa bàn và các cột kỳ (2020, Năm 2021…) hay các cột chỉ tiêu (mã hoặc tên)",
		p.whereEN()+": no header row found. Want the columns element, area, period, value (long form: "+
			"element, area, period, category, value, comment), or an area column and one column per period (2020, 2021…) or per element (code or name)")
}

// headerCell is what a header text names.
type headerCell struct {
	role          Role
	ok            bool
	period        string
	element, cat  string
	quiet         bool
	elementLooked bool
}

// classify reads a header text under a layout.
func (p *Plan) classify(text string, kind cellKind, layout Layout) headerCell {
	t := strings.TrimSpace(text)
	if t == "" {
		return headerCell{}
	}
	if kind == textCell {
		if r, ok := roleOf(t); ok {
			return headerCell{role: r, ok: true}
		}
		if quietNames[key(withoutParens(t))] {
			return headerCell{quiet: true}
		}
	}
	if layout == LayoutAuto || layout == LayoutWidePeriod {
		if kind == textCell || kind == numberCell {
			if per, ok := periodOf(t); ok {
				return headerCell{role: RoleValue, ok: true, period: per}
			}
		}
	}
	if (layout == LayoutAuto || layout == LayoutWideElement) && kind == textCell {
		if code, cat, ok := p.elements.findWithCategory(t); ok {
			return headerCell{role: RoleValue, ok: true, element: code, cat: cat}
		}
	}
	return headerCell{}
}

// findHeader returns the index in head of the header row: the first row
// naming at least two columns, among which a role or an element, and
// holding no area (a row with areas is data). Failing that, the first
// naming two periods.
func (p *Plan) findHeader(head []Row, kinds [][]cellKind, areas *areas, layout Layout) int {
	fallback := -1
	for i, r := range head {
		score, named, data := 0, false, false
		for j, t := range r.Cells {
			if strings.TrimSpace(t) == "" {
				continue
			}
			hc := p.classify(t, kinds[i][j], layout)
			if hc.ok {
				score++
				if hc.period == "" {
					named = true
				}
				continue
			}
			if kinds[i][j] == textCell && areas.find(t).code != "" {
				data = true
			}
		}
		if data || score < 2 {
			continue
		}
		if named {
			return i
		}
		if fallback < 0 {
			fallback = i
		}
	}
	return fallback
}

// assignRoles sets the columns from the header row, decides the layout,
// and finds the element or period a wide table leaves to its title.
func (p *Plan) assignRoles(header Row, headerKinds []cellKind, data []Row, areas *areas, layout Layout) {
	width := len(header.Cells)
	for _, r := range data {
		width = max(width, len(r.Cells))
	}
	p.Columns = make([]Column, width)
	var periodCols, elementCols, areaCols, nameCols int
	for i := range p.Columns {
		c := &p.Columns[i]
		c.Index, c.Letter = i, ColumnLetter(i)
		if i < len(header.Cells) {
			c.Header = strings.TrimSpace(header.Cells[i])
		}
		kind := textCell
		if i < len(headerKinds) {
			kind = headerKinds[i]
		}
		hc := p.classify(c.Header, kind, layout)
		if !hc.ok {
			if c.Header != "" && !hc.quiet {
				p.note(msg.New(fmt.Sprintf("%s: cột %s không rõ là gì, bỏ qua", p.where(), c.Name()),
					fmt.Sprintf("%s: column %s is not recognised, ignored", p.whereEN(), c.Name())))
			}
			continue
		}
		c.Role, c.Period, c.Element, c.Category = hc.role, hc.period, hc.element, hc.cat
		switch {
		case hc.period != "":
			periodCols++
		case hc.element != "":
			elementCols++
		case hc.role == RoleArea:
			areaCols++
		case hc.role == RoleAreaName:
			nameCols++
		}
	}
	// Keep one kind of wide column: the more numerous.
	if periodCols > 0 && elementCols > 0 {
		dropPeriods := elementCols > periodCols
		for i := range p.Columns {
			c := &p.Columns[i]
			if dropPeriods && c.Period != "" && c.Element == "" || !dropPeriods && c.Element != "" && c.Period == "" {
				p.note(msg.New(fmt.Sprintf("%s: cột %s bị bỏ qua (bảng có cả cột kỳ và cột chỉ tiêu)", p.where(), c.Name()),
					fmt.Sprintf("%s: column %s ignored (the table has both period and element columns)", p.whereEN(), c.Name())))
				c.Role, c.Period, c.Element, c.Category = RoleIgnore, "", "", ""
			}
		}
		if dropPeriods {
			periodCols = 0
		} else {
			elementCols = 0
		}
	}
	// One column of each single role: the first; a name column is the
	// area when no code column is there.
	seen := map[Role]bool{}
	for i := range p.Columns {
		c := &p.Columns[i]
		if c.Role == RoleAreaName && areaCols == 0 {
			c.Role, areaCols = RoleArea, 1
		}
		if c.Role == RoleIgnore || c.Role == RoleAreaName || c.Role == RoleValue && (c.Period != "" || c.Element != "") {
			continue
		}
		if seen[c.Role] {
			p.note(msg.New(fmt.Sprintf("%s: cột %s là cột %s thứ hai, bỏ qua", p.where(), c.Name(), c.Role.Label("vi")),
				fmt.Sprintf("%s: column %s is a second %s column, ignored", p.whereEN(), c.Name(), c.Role.Label("en"))))
			c.Role = RoleIgnore
			continue
		}
		seen[c.Role] = true
	}
	// No area header: a column whose values are areas.
	if !seen[RoleArea] {
		for i := range p.Columns {
			c := &p.Columns[i]
			if c.Role != RoleIgnore && c.Role != RoleAreaName {
				continue
			}
			hits, n := 0, 0
			for _, r := range data {
				if i < len(r.Cells) && strings.TrimSpace(r.Cells[i]) != "" {
					n++
					if areas.find(r.Cells[i]).code != "" {
						hits++
					}
				}
			}
			if n > 0 && hits*2 >= n {
				c.Role = RoleArea
				seen[RoleArea] = true
				break
			}
		}
	}
	switch {
	case layout != LayoutAuto:
		p.Layout = layout
	case periodCols > 0:
		p.Layout = LayoutWidePeriod
	case elementCols > 0:
		p.Layout = LayoutWideElement
	default:
		p.Layout = LayoutLong
	}
	// A wide table's missing element or period, from the sheet name and
	// the title.
	text := strings.Join(append([]string{p.Sheet}, p.Title...), " ")
	if p.File.Kind == CSV {
		text = strings.Join(p.Title, " ")
	}
	if p.Element == "" && !seen[RoleElement] && elementCols == 0 {
		if code, ok := p.elements.inText(text); ok {
			p.Element = code
		}
	}
	if p.Period == "" && !seen[RolePeriod] && periodCols == 0 {
		if per, ok := periodInText(text); ok {
			p.Period = per
		}
	}
	for _, r := range data {
		if len(p.Sample) > PreviewRows {
			break
		}
		p.Sample = append(p.Sample, r)
	}
}

func (p *Plan) note(err error) {
	if len(p.Notes) < maxNotes {
		p.Notes = append(p.Notes, err)
	}
}

// scanRow counts a data row, keeps it as a sample, checks its area and
// feeds its values to the style detection.
func (p *Plan) scanRow(row int, cells []cell, scan *styleScan, areas *areas) {
	p.Rows++
	if len(p.Sample) <= PreviewRows && row > p.Sample[len(p.Sample)-1].Row {
		r := Row{Row: row, Cells: make([]string, len(cells))}
		for i, c := range cells {
			r.Cells[i] = c.text
		}
		p.Sample = append(p.Sample, r)
	}
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
			if t == "" || scan.areasSeen[t] || len(p.Notes) >= maxNotes {
				continue
			}
			scan.areasSeen[t] = true
			m := areas.find(t)
			switch {
			case len(m.candidates) > 0:
				p.note(msg.New(fmt.Sprintf("%s, %s %d, cột %s: tên %q ứng với nhiều địa bàn: %s; hãy ghi mã", p.where(), p.rowWord("vi"), row, c.Name(), t, areas.describe(m.candidates)),
					fmt.Sprintf("%s, %s %d, column %s: the name %q fits several areas: %s; write the code", p.whereEN(), p.rowWord("en"), row, c.Name(), t, areas.describe(m.candidates))))
			case m.code == "" && !isTotal(t):
				p.note(msg.New(fmt.Sprintf("%s, %s %d, cột %s: không có địa bàn %q", p.where(), p.rowWord("vi"), row, c.Name(), t),
					fmt.Sprintf("%s, %s %d, column %s: no area %q", p.whereEN(), p.rowWord("en"), row, c.Name(), t)))
			}
		}
	}
}

// DetectStyles reads the sheet again and sets Style and Detected of
// every value column from its values, as Preview does: call it after
// making other columns value columns. Styles set before are replaced.
func (p *Plan) DetectStyles(ctx context.Context, progress func(done, total int)) error {
	rr, err := p.File.rows(p.Sheet)
	if err != nil {
		return err
	}
	defer rr.close()
	scan := newStyleScan(p)
	done := 0
	for n := 0; ; n++ {
		if n%4096 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
			if progress != nil {
				progress(done, max(p.Rows, done))
			}
		}
		row, cells, err := rr.next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return err
		}
		if row <= p.HeaderRow || blankRow(cells) {
			continue
		}
		done++
		for i := range p.Columns {
			if i < len(cells) && p.Columns[i].Role == RoleValue {
				scan.add(i, row, cells[i])
			}
		}
	}
	if progress != nil {
		progress(done, done)
	}
	for i := range p.Columns {
		p.Columns[i].Example, p.Columns[i].ExampleRow, p.Columns[i].Other, p.Columns[i].OtherRow = "", 0, "", 0
	}
	scan.finish()
	return nil
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

// SetStyle sets the number style of every value column, as a user does
// who knows how the whole file is written.
func (p *Plan) SetStyle(st number.Style) {
	for i := range p.Columns {
		if p.Columns[i].Role == RoleValue {
			p.Columns[i].Style = StyleOf(st)
		}
	}
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

// styleScan gathers, for each value column, what its values say about
// their number style.
type styleScan struct {
	p         *Plan
	cols      map[int]*styleCount
	areasSeen map[string]bool
}

type styleCount struct {
	decVI, decEN                        int // a decimal comma / point: harmless, tells the habit
	onlyVI, onlyEN                      int // readable in one style only ("1.234.567")
	ambiguous                           int // read differently in the two styles ("1.234")
	firstVI, firstEN, firstAmb          string
	firstVIRow, firstENRow, firstAmbRow int
}

func newStyleScan(p *Plan) *styleScan {
	return &styleScan{p: p, cols: map[int]*styleCount{}, areasSeen: map[string]bool{}}
}

func (s *styleScan) add(col, row int, c cell) {
	if c.kind != textCell {
		return
	}
	t := strings.TrimSpace(c.text)
	if t == "" || !strings.ContainsAny(t, ".,") {
		return
	}
	sc := s.cols[col]
	if sc == nil {
		sc = &styleCount{}
		s.cols[col] = sc
	}
	vi, en := func() {
		sc.decVI++
		if sc.firstVI == "" {
			sc.firstVI, sc.firstVIRow = t, row
		}
	}, func() {
		sc.decEN++
		if sc.firstEN == "" {
			sc.firstEN, sc.firstENRow = t, row
		}
	}
	switch v, kind := classifyNumber(t); kind {
	case evidenceVI:
		vi()
	case evidenceEN:
		en()
	case onlyVI:
		vi()
		sc.onlyVI++
	case onlyEN:
		en()
		sc.onlyEN++
	case ambiguousNumber:
		sc.ambiguous++
		if sc.firstAmb == "" {
			sc.firstAmb, sc.firstAmbRow = v, row
		}
	}
}

// finish sets each value column's style from what was seen.
func (s *styleScan) finish() {
	for i := range s.p.Columns {
		c := &s.p.Columns[i]
		if c.Role != RoleValue {
			continue
		}
		sc := s.cols[i]
		st := StyleAny
		if sc != nil {
			vi, en := sc.decVI > 0, sc.decEN > 0
			matters := sc.ambiguous > 0 || sc.onlyVI > 0 || sc.onlyEN > 0
			switch {
			case vi && en && matters:
				st = StyleMixed
				c.Example, c.ExampleRow, c.Other, c.OtherRow = sc.firstVI, sc.firstVIRow, sc.firstEN, sc.firstENRow
			case vi && en:
				st = StyleAny
			case vi:
				st = StyleVietnamese
				c.Example, c.ExampleRow = sc.firstVI, sc.firstVIRow
			case en:
				st = StyleEnglish
				c.Example, c.ExampleRow = sc.firstEN, sc.firstENRow
			case sc.ambiguous > 0:
				st = StyleAmbiguous
				c.Example, c.ExampleRow = sc.firstAmb, sc.firstAmbRow
			}
		}
		c.Style, c.Detected = st, st
		// Excel separates columns with ";" where the comma is the decimal
		// mark (Vietnamese and most European settings): there 1.234 is a
		// thousand two hundred and thirty-four.
		if st == StyleAmbiguous && s.p.File.Kind == CSV && s.p.File.comma == ';' {
			c.Style = StyleVietnamese
		}
	}
}

// numberEvidence is what one written number says about its style.
type numberEvidence int

const (
	noEvidence      numberEvidence = iota // not a number, or no separator
	evidenceVI                            // a decimal comma: "0,36", "1.234,5"
	evidenceEN                            // a decimal point: "100.57", "1,234.5"
	onlyVI                                // only Vietnamese reads it: "1.234.567"
	onlyEN                                // only English reads it: "1,234,567"
	ambiguousNumber                       // both read it, differently: "1.234"
)

// classifyNumber tells what a written number says about its style, using
// number.ParseAuto's notion of ambiguity.
func classifyNumber(t string) (string, numberEvidence) {
	_, err := number.ParseAuto(t)
	if err == nil {
		i := strings.LastIndexAny(t, ".,")
		switch {
		case i < 0:
			return t, noEvidence
		case t[i] == ',':
			return t, evidenceVI
		}
		return t, evidenceEN
	}
	var pe *number.ParseError
	if !errors.As(err, &pe) || pe.Reason != number.Ambiguous {
		return t, noEvidence
	}
	_, verr := number.Parse(t, number.Vietnamese)
	_, nerr := number.Parse(t, number.English)
	switch {
	case verr == nil && nerr == nil:
		return t, ambiguousNumber
	case verr == nil:
		return t, onlyVI
	case nerr == nil:
		return t, onlyEN
	}
	return t, noEvidence
}
