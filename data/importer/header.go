package importer

// This file: finding the header of a sheet and what each column holds.

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"chiso/data/msg"
)

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
//
// pairs, when the header has two rows, holds each column's reading of
// them; the header row then shows the two joined ("Trong đó / Xây mới").
func (p *Plan) assignRoles(header Row, headerKinds []cellKind, pairs []pairedHeader, data []Row, areas *areas, layout Layout) {
	width := max(len(header.Cells), len(pairs))
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
		var hc headerCell
		if i < len(pairs) {
			c.Header, hc = pairs[i].header, pairs[i].cell
		} else {
			hc = p.classify(c.Header, kind, layout)
		}
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
	p.leaveOutTotals()
	shown := header
	if pairs != nil {
		shown = Row{Row: header.Row, Cells: make([]string, len(p.Columns))}
		for i, c := range p.Columns {
			shown.Cells[i] = c.Header
		}
	}
	p.Sample = append(p.Sample, shown)
	for _, r := range data {
		if len(p.Sample) > PreviewRows {
			break
		}
		p.Sample = append(p.Sample, r)
	}
}

// leaveOutTotals leaves out a value column that holds the total of an
// element whose parts other columns hold ("Nhà ở được hỗ trợ" beside
// "Trong đó: Xây mới, Sửa chữa"): Chỉ Số computes the total from the
// parts, and the dry run says the column was not imported.
func (p *Plan) leaveOutTotals() {
	for i := range p.Columns {
		c := &p.Columns[i]
		if c.Role != RoleValue || c.Element == "" || c.Category != "" || len(p.elements.byCode[c.Element].Categories) == 0 {
			continue
		}
		var parts []string
		for _, o := range p.Columns {
			if o.Role == RoleValue && o.Element == c.Element && o.Category != "" && o.Period == c.Period {
				parts = append(parts, o.Letter)
			}
		}
		if len(parts) == 0 {
			continue
		}
		c.Role, c.Element = RoleIgnore, ""
		c.skipped = msg.New(fmt.Sprintf("đây là tổng của các phần ở cột %s, Chỉ Số tự tính từ các phần", strings.Join(parts, ", ")),
			fmt.Sprintf("it is the total of the parts in column %s, which Chỉ Số computes from the parts", strings.Join(parts, ", ")))
	}
}

// pairedHeader is a column's reading of a two-row header: the text shown
// for it and what it names.
type pairedHeader struct {
	header string
	cell   headerCell
}

// cellRange is a range of merged cells: rows r1–r2 (1-based) and columns
// c1–c2 (0-based).
type cellRange struct{ r1, c1, r2, c2 int }

// ofWhich are the headers of a group of columns that split the column just
// before the group into its parts: "Trong đó: Xây mới, Sửa chữa".
var ofWhich = map[string]bool{"trong do": true, "trong do gom": true, "chia ra": true, "gom": true, "bao gom": true,
	"of which": true, "including": true, "in which": true}

// twoRowHeader reads rows top and sub, the header row and the row under
// it, as one header of two rows: the group cells of the top row (merged
// over their columns, or followed by empty cells over the columns the
// row under names) over the sub-columns. It returns each column's reading,
// or nil when sub is not a second header row: it names an area, holds a
// number that is not a year, or nothing in the top row spans columns.
func (p *Plan) twoRowHeader(top Row, topKinds []cellKind, sub Row, subKinds []cellKind, merges []cellRange, areas *areas, layout Layout) []pairedHeader {
	width := max(len(top.Cells), len(sub.Cells))
	text := func(r Row, i int) string {
		if i < len(r.Cells) {
			return strings.TrimSpace(r.Cells[i])
		}
		return ""
	}
	kind := func(k []cellKind, i int) cellKind {
		if i < len(k) {
			return k[i]
		}
		return textCell
	}
	named := 0
	for i := 0; i < width; i++ {
		t := text(sub, i)
		if t == "" {
			continue
		}
		if kind(subKinds, i) == numberCell {
			if _, ok := periodOf(t); !ok {
				return nil
			}
		} else if areas.find(t).code != "" || looksNumber(t) {
			return nil
		}
		named++
	}
	if named == 0 {
		return nil
	}
	// The group over each column, and its first column.
	groups := make([]string, width)
	start := make([]int, width)
	spans := false
	for i := range groups {
		groups[i], start[i] = text(top, i), i
	}
	for _, m := range merges {
		if m.r1 != top.Row || m.c1 >= width {
			continue
		}
		if m.r2 > m.r1 || m.c2 > m.c1 {
			spans = true
		}
		for i := m.c1; i <= min(m.c2, width-1); i++ {
			groups[i], start[i] = text(top, m.c1), m.c1
		}
	}
	// Unmerged (a CSV, or a group typed over the first of its columns):
	// an empty top cell over a named column continues the group on its
	// left.
	for i := 1; i < width; i++ {
		if text(top, i) == "" && groups[i] == "" && text(sub, i) != "" && groups[i-1] != "" && text(sub, i-1) != "" {
			groups[i], start[i] = groups[i-1], start[i-1]
			spans = true
		}
	}
	if !spans {
		return nil
	}
	out := make([]pairedHeader, width)
	for i := range out {
		g, s := groups[i], text(sub, i)
		var parent headerCell
		if start[i] > 0 {
			parent = out[start[i]-1].cell
		}
		out[i].cell = p.pairCell(g, s, kind(topKinds, i), kind(subKinds, i), parent, layout)
		switch {
		case g == "":
			out[i].header = s
		case s == "":
			out[i].header = g
		default:
			out[i].header = g + " / " + s
		}
	}
	return out
}

// pairCell reads a column under a two-row header: group is the text over
// it (its own cell, or a cell merged over several columns), sub the text
// of its second row, parent what the column before the group holds.
func (p *Plan) pairCell(group, sub string, groupKind, subKind cellKind, parent headerCell, layout Layout) headerCell {
	switch {
	case sub == "":
		return p.classify(group, groupKind, layout)
	case group == "":
		return p.classify(sub, subKind, layout)
	}
	own := p.classify(sub, subKind, layout)
	if ofWhich[key(group)] {
		// The parts of the element of the column before the group.
		if e := p.elements.byCode[parent.element]; e != nil && parent.cat == "" {
			if c, ok := p.elements.cats[key(sub)]; ok && slices.Contains(e.Categories, c) {
				return headerCell{role: RoleValue, ok: true, element: e.Code, cat: c, period: parent.period}
			}
		}
		return own
	}
	code, cat, isElement := p.elements.findWithCategory(group)
	if per, ok := periodOf(sub); ok && (subKind == textCell || subKind == numberCell) && layout != LayoutWideElement {
		// Years under the word "Năm", or under an element.
		if isElement {
			return headerCell{role: RoleValue, ok: true, element: code, cat: cat, period: per}
		}
		return headerCell{role: RoleValue, ok: true, period: per}
	}
	if isElement {
		if e := p.elements.byCode[code]; cat == "" && e != nil {
			if c, ok := p.elements.cats[key(sub)]; ok && slices.Contains(e.Categories, c) {
				return headerCell{role: RoleValue, ok: true, element: code, cat: c}
			}
		}
		if own.ok && own.element != "" {
			return own
		}
		return headerCell{role: RoleValue, ok: true, element: code, cat: cat}
	}
	if r, ok := roleOf(sub + " " + group); ok { // "Mã" under "Đơn vị"
		return headerCell{role: r, ok: true}
	}
	if own.ok || own.quiet {
		return own
	}
	return p.classify(group, groupKind, layout)
}

// reNumbering matches the cells of the row many Vietnamese tables put
// under their header to number the columns: A, B, C, 1, 2, 3, 4=3/1, (5).
var reNumbering = regexp.MustCompile(`^\(?([A-Z]{1,2}|\d{1,2}|\d{1,2}\s*=\s*[\d\s/*x+().-]+)\)?$`)

// numberingRow tells whether a row numbers the columns of the header
// above it.
func numberingRow(r Row) bool {
	n := 0
	for _, t := range r.Cells {
		if t = strings.TrimSpace(t); t == "" {
			continue
		}
		if !reNumbering.MatchString(t) {
			return false
		}
		n++
	}
	return n >= 2
}
