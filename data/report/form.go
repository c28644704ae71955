package report

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"chiso/data/calc"
	"chiso/data/catalog"
	"chiso/data/msg"
	"chiso/data/period"
)

// Form is a report laid out as its official form (a catalog.Layout): the
// symbol block top left, the reporting and receiving units top right, a
// table whose number columns have headers of several levels and formulas
// ("3=2/1"), notes, and the three signatures of the statistical regime.
// A Report with a Form is written from it; its Columns and Rows are empty.
type Form struct {
	Code   string   // the layout's code
	Left   []string // top left: "Biểu số …", "Ban hành kèm theo …", "Ngày nhận báo cáo: …"
	Right  []string // top right: "Đơn vị báo cáo: …", "Đơn vị nhận báo cáo: …"
	Desc   []string // titles of the descriptive columns, lettered A, B (, C)
	Head   [][]HeadCell
	Number []string // under each number column: "1", "2", "3=2/1"
	Rows   []FormRow
	Notes  []string // under the table
	// Signatures name who signs, left to right, each with the line in
	// brackets under it.
	Signatures [][2]string
}

// HeadCell is one cell of a header row over the number columns First to
// Last (from 0); Down is the number of header rows under it that it also
// covers (a header with fewer levels than its neighbours).
type HeadCell struct {
	Text        string
	First, Last int
	Down        int
}

// FormRow is one line of a form's table.
type FormRow struct {
	Number, Name, Unit string
	Heading            bool // a section heading (bold); an areas form puts its subtotal on it
	Total              bool // the total line (bold)
	Cells              []Cell
}

// Cell is one number of a form's table.
type Cell struct {
	Num
	Decimals int
	// Estimate marks a figure that rests wholly or partly on estimates,
	// printed with an asterisk.
	Estimate bool
}

// EstimateMark follows a number that rests on estimates.
const EstimateMark = "*"

// BuildForm computes the report of an area for a period laid out as the
// form o.Layout of the catalog.
func BuildForm(en *calc.Engine, o Options) (*Report, error) {
	r, area, err := frame(en, o)
	if err != nil {
		return nil, err
	}
	lang, p := r.Lang, r.Period
	i := slices.IndexFunc(en.Catalog.Layouts, func(l catalog.Layout) bool { return l.Code == o.Layout })
	if i < 0 {
		return nil, msg.New(fmt.Sprintf("không có mẫu biểu mã %q", o.Layout), fmt.Sprintf("no form layout with code %q", o.Layout))
	}
	l := &en.Catalog.Layouts[i]
	ds := en.Catalog.DataSets[slices.IndexFunc(en.Catalog.DataSets, func(d catalog.DataSet) bool { return d.Code == l.DataSet })]
	r.Title = strings.ToUpper(pick(lang, l.NameVI, l.NameEN))
	r.Subtitle = p.Label(lang) + " — " + r.Subtitle
	f := &Form{Code: l.Code}
	r.Form = f

	symbol := cmp.Or(l.FormSymbol, ds.FormSymbol)
	if symbol != "" {
		f.Left = append(f.Left, pick(lang, "Biểu số: ", "Form: ")+symbol)
	} else {
		f.Left = append(f.Left, pick(lang, "Mẫu biểu: ", "Layout: ")+l.Code)
	}
	if basis := bases(en.Catalog, l.Bases); basis != "" {
		f.Left = append(f.Left, pick(lang, "Căn cứ: ", "Under: ")+basis)
	}
	if due, ok := ds.Deadline(p); ok {
		f.Left = append(f.Left, pick(lang, "Ngày nhận báo cáo: ", "Due: ")+due.Format("02/01/2006"))
	}
	f.Right = append(f.Right, pick(lang, "Đơn vị báo cáo: ", "Reporting unit: ")+strings.ReplaceAll(r.Agency, "\n", " "))
	if ds.ReceivingUnit != "" {
		f.Right = append(f.Right, pick(lang, "Đơn vị nhận báo cáo: ", "Receiving unit: ")+ds.ReceivingUnit)
	}
	f.Head, f.Number = formHead(l, lang)
	f.Signatures = [][2]string{
		{pick(lang, "Người lập biểu", "Prepared by"), pick(lang, "(Ký, họ tên)", "(Signature, full name)")},
		{pick(lang, "Người kiểm tra biểu", "Checked by"), pick(lang, "(Ký, họ tên)", "(Signature, full name)")},
		{pick(lang, "Thủ trưởng đơn vị", "Head of the unit"), pick(lang, "(Ký, đóng dấu, họ tên)", "(Signature, seal, full name)")},
	}

	b := formBuilder{en: en, l: l, area: area.Code, p: p, lang: lang}
	if l.Rows == catalog.LayoutAreas {
		f.Desc = []string{pick(lang, "STT", "No."), pick(lang, "Đơn vị", "Area")}
		err = b.areaRows(f)
	} else {
		f.Desc = []string{pick(lang, "STT", "No."), pick(lang, "Chỉ tiêu", "Item"), pick(lang, "Đơn vị tính", "Unit")}
		err = b.lineRows(f)
	}
	if err != nil {
		return nil, msg.Wrap(err, fmt.Sprintf("biểu %s, %s", l.Code, p.Label("vi")), fmt.Sprintf("form %s, %s", l.Code, p.Label("en")))
	}
	if note := pick(lang, l.NoteVI, l.NoteEN); note != "" {
		f.Notes = append(f.Notes, note)
	}
	f.Notes = append(f.Notes, b.estimateNotes...)
	return r, nil
}

// bases names the legal bases with the codes: "QĐ 24/2021/QĐ-TTg; …".
func bases(c *catalog.Catalog, codes []string) string {
	var out []string
	for _, code := range codes {
		if i := slices.IndexFunc(c.LegalBases, func(b catalog.LegalBasis) bool { return b.Code == code }); i >= 0 {
			out = append(out, c.LegalBases[i].Number)
		}
	}
	return strings.Join(out, "; ")
}

// formHead lays the columns' headers out in rows, merging neighbours whose
// heads begin alike, and numbers the columns with their formulas.
func formHead(l *catalog.Layout, lang string) ([][]HeadCell, []string) {
	heads := make([][]string, len(l.Columns))
	depth := 0
	for i, c := range l.Columns {
		heads[i] = c.Head
		if lang == "en" && len(c.HeadEN) == len(c.Head) {
			heads[i] = c.HeadEN
		}
		depth = max(depth, len(heads[i]))
	}
	rows := make([][]HeadCell, depth)
	for level := range depth {
		for i := 0; i < len(heads); {
			h := heads[i]
			if level >= len(h) {
				i++ // covered by a cell above it
				continue
			}
			j := i
			for j+1 < len(heads) && level < len(heads[j+1]) && slices.Equal(heads[j+1][:level+1], h[:level+1]) &&
				(level < len(h)-1) == (level < len(heads[j+1])-1) {
				j++
			}
			cell := HeadCell{Text: h[level], First: i, Last: j}
			if level == len(h)-1 {
				cell.Down = depth - 1 - level
			}
			rows[level] = append(rows[level], cell)
			i = j + 1
		}
	}
	numbers := make([]string, len(l.Columns))
	for i, c := range l.Columns {
		numbers[i] = strconv.Itoa(i + 1)
		if len(c.Ratio) == 2 {
			numbers[i] += fmt.Sprintf("=%d/%d", c.Ratio[0], c.Ratio[1])
		}
	}
	return rows, numbers
}

// formBuilder computes the cells of a form's rows.
type formBuilder struct {
	en            *calc.Engine
	l             *catalog.Layout
	area          string
	p             period.Period
	lang          string
	estimateNotes []string
}

// cells computes a row's cells: code for an elements form's line (""
// for an areas form), of area (restricted to group when not empty).
func (b *formBuilder) cells(code, area, group string) ([]Cell, error) {
	cells := make([]Cell, len(b.l.Columns))
	for i, c := range b.l.Columns {
		if c.Ratio != nil {
			continue
		}
		code := cmp.Or(c.Code, code)
		cells[i].Decimals = b.decimals(code)
		p := b.p
		switch c.Value {
		case catalog.ValuePrevious:
			p = p.Prev()
		case catalog.ValueTarget:
			if group == "" {
				v, ok := b.en.Target(code, area, p)
				cells[i].Num = Num{Value: v, OK: ok}
			}
			continue
		}
		v, ok, err := b.en.Value(code, area, p, group)
		if err != nil {
			return nil, err
		}
		cells[i].Num = Num{Value: v, OK: ok}
		est, err := b.en.Estimates(code, area, p, group)
		if err != nil {
			return nil, err
		}
		cells[i].Estimate = est.Any()
	}
	for i, c := range b.l.Columns {
		if c.Ratio != nil {
			a, d := cells[c.Ratio[0]-1], cells[c.Ratio[1]-1]
			n := percent(a.Num, d.Num)
			cells[i] = Cell{Num: n, Decimals: 2, Estimate: n.OK && (a.Estimate || d.Estimate)}
		}
	}
	return cells, nil
}

// decimals is the number of decimals an element or indicator is shown with.
func (b *formBuilder) decimals(code string) int {
	if in := b.en.Indicator(code); in != nil {
		return in.Decimals
	}
	ecode, _, _ := strings.Cut(code, ".")
	if e := b.en.Element(ecode); e != nil {
		return e.Decimals
	}
	return 0
}

// lineRows builds the rows of an elements form: its sections and lines,
// and notes saying which lines rest on estimates — one note when the
// figures are all the area's own.
func (b *formBuilder) lineRows(f *Form) error {
	section, n := 0, 0
	var notes []string
	own := true
	for _, line := range b.l.Lines {
		if line.Code == "" {
			section++
			f.Rows = append(f.Rows, FormRow{Number: roman(section), Name: pick(b.lang, line.NameVI, line.NameEN), Heading: true})
			continue
		}
		n++
		name, unit, _, _ := describe(b.en, line.Code, b.lang)
		if line.NameVI != "" {
			name = pick(b.lang, line.NameVI, line.NameEN)
		}
		cells, err := b.cells(line.Code, b.area, "")
		if err != nil {
			return err
		}
		f.Rows = append(f.Rows, FormRow{Number: strconv.Itoa(n), Name: name, Unit: unit, Cells: cells})
		est, err := b.en.Estimates(line.Code, b.area, b.p, "")
		if err != nil {
			return err
		}
		if est.Any() {
			notes = append(notes, EstimateMark+" "+name+": "+est.Note(b.lang))
			own = own && est.Reporting <= 1
		}
	}
	if own && len(notes) > 0 {
		notes = []string{EstimateMark + " " + pick(b.lang, "Số ước tính (ước thực hiện).", "Estimates.")}
	}
	b.estimateNotes = notes
	return nil
}

// areaRows builds the rows of an areas form: each section's heading with
// its subtotal and its areas, the areas of no section under their own
// heading, and the total. A section no area belongs to is left out; when
// no area belongs to any, the areas are listed without sections.
func (b *formBuilder) areaRows(f *Form) error {
	areas := b.listed()
	inSection := map[string]bool{}
	sections := 0
	for _, s := range b.l.AreaSections {
		var members []string
		for _, a := range areas {
			if slices.Contains(b.en.Area(a).Groups, s.Group) && !inSection[a] {
				members = append(members, a)
				inSection[a] = true
			}
		}
		if len(members) == 0 {
			continue
		}
		sections++
		cells, err := b.cells("", b.area, s.Group)
		if err != nil {
			return err
		}
		f.Rows = append(f.Rows, FormRow{Number: roman(sections), Name: pick(b.lang, s.NameVI, s.NameEN), Heading: true, Cells: cells})
		if err := b.addAreas(f, members); err != nil {
			return err
		}
	}
	var rest []string
	for _, a := range areas {
		if !inSection[a] {
			rest = append(rest, a)
		}
	}
	if len(rest) > 0 && sections > 0 {
		// Areas the province has put in no section still count: listed
		// under their own heading, without a subtotal of their own.
		f.Rows = append(f.Rows, FormRow{Number: roman(sections + 1),
			Name: pick(b.lang, "Chưa xếp khu vực", "In no section"), Heading: true, Cells: make([]Cell, len(b.l.Columns))})
	}
	if err := b.addAreas(f, rest); err != nil {
		return err
	}
	cells, err := b.cells("", b.area, "")
	if err != nil {
		return err
	}
	f.Rows = append(f.Rows, FormRow{Name: pick(b.lang, "Tổng cộng", "Total"), Total: true, Cells: cells})
	// One note names the areas whose figures are estimates.
	var reporting int
	var estimated []string
	for _, r := range f.Rows {
		if r.Heading || r.Total {
			continue
		}
		if slices.ContainsFunc(r.Cells, func(c Cell) bool { return c.OK }) {
			reporting++
		}
		if slices.ContainsFunc(r.Cells, func(c Cell) bool { return c.Estimate }) {
			estimated = append(estimated, r.Name)
		}
	}
	if len(estimated) > 0 {
		b.estimateNotes = append(b.estimateNotes, EstimateMark+" "+pick(b.lang,
			fmt.Sprintf("Gồm số ước tính (ước thực hiện) của %d/%d đơn vị: %s.", len(estimated), reporting, strings.Join(estimated, ", ")),
			fmt.Sprintf("Includes estimates of %d/%d areas: %s.", len(estimated), reporting, strings.Join(estimated, ", "))))
	}
	return nil
}

// addAreas adds a line for each area, numbered on through the sections,
// as the forms number them.
func (b *formBuilder) addAreas(f *Form, areas []string) error {
	n := 0
	for _, r := range f.Rows {
		if !r.Heading && !r.Total {
			n++
		}
	}
	for _, a := range areas {
		cells, err := b.cells("", a, "")
		if err != nil {
			return err
		}
		n++
		f.Rows = append(f.Rows, FormRow{Number: strconv.Itoa(n), Name: areaName(b.en.Area(a), b.lang), Cells: cells})
	}
	return nil
}

// listed returns the areas an areas form lists: those of the layout's
// level below the reporting area (its children when the layout names no
// level) that exist on the period's last day, in catalog order.
func (b *formBuilder) listed() []string {
	var out []string
	var walk func(a string)
	walk = func(a string) {
		for _, c := range b.en.Children(a, b.p) {
			level := b.en.Area(c).Level
			switch {
			case b.l.AreaLevel == 0 || level == b.l.AreaLevel:
				out = append(out, c)
			case level < b.l.AreaLevel:
				walk(c)
			}
		}
	}
	walk(b.area)
	return out
}
