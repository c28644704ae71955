package importer

// This file: finding the header of a sheet and what each column holds.

import (
	"fmt"
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

