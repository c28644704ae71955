package app

import (
	"bufio"
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"slices"
	"strconv"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"chiso/data/calc"
	"chiso/data/catalog"
	"chiso/data/defaults"
	"chiso/data/msg"
	"chiso/data/number"
	"chiso/data/period"
	"chiso/data/report"
	"chiso/data/vntext"
	"chiso/widgets"
)

// tableWhat is one element, category or indicator the Bảng screen offers.
type tableWhat struct {
	code     string
	label    string // name (unit) in the interface language
	decimals int
	yesNo    bool // a yes/no element: one area's value reads có/không
}

// tables is the Bảng screen: one element or indicator with the areas of a
// level below a parent as rows and years as columns, the parent's total
// computed by the element's aggregation, sortable, to copy or save.
type tables struct {
	s *session

	whats   []tableWhat
	levels  []int           // levels offered for the parent chosen
	groups  []string        // group codes, "" first for all areas
	leaves  map[string]bool // areas with no child area
	names   map[string]string
	request int // computations started, so that a late result of an old one is dropped

	// what is shown (UI goroutine only)
	pivot *calc.Pivot
	shown tableWhat

	tree     *widgets.AreaTree
	what     *widget.Select
	level    *widget.Select
	group    *widget.Select
	from, to *widget.Select
	former   *widget.Check // also the areas that ended before the last year
	heading  *widget.Label
	info     *widget.Label
	status   *widget.Label
	legend   *widget.Label // what "*" and "×" stand for, when the table has them
	copyBtn  *widget.Button
	saveBtn  *widget.Button
	banner   fyne.CanvasObject // nil unless the database holds the demo data
	table    *widgets.PivotTable
	content  fyne.CanvasObject

	parent string
	ready  bool // the selectors are set: changes recompute
}

func tablesScreen(s *session) fyne.CanvasObject {
	return newTables(s).content
}

func newTables(s *session) *tables {
	t := &tables{s: s}
	cat := s.catalog()
	t.index(cat)
	t.build(cat, latestYear(context.Background(), s.st, time.Now()))
	t.ready = true
	if area := t.defaultParent(cat); area != "" {
		t.tree.Select(area) // computes the table
		t.tree.OpenBranch(area)
	}
	return t
}

// index reads from the catalog what the selectors offer.
func (t *tables) index(cat *catalog.Catalog) {
	en := t.s.lang == "en"
	pick := func(vi, english string) string {
		if en && english != "" {
			return english
		}
		return vi
	}
	withUnit := func(name, unit string) string {
		if unit == "" {
			return name
		}
		return name + " (" + unit + ")"
	}
	cats := map[string]string{}
	for _, c := range cat.Categories {
		cats[c.Code] = pick(c.NameVI, c.NameEN)
	}
	for _, e := range cat.Elements {
		name, unit := pick(e.NameVI, e.NameEN), pick(e.UnitVI, e.UnitEN)
		w := tableWhat{code: e.Code, label: withUnit(name, unit), decimals: e.Decimals, yesNo: e.ValueType == catalog.YesNo}
		t.whats = append(t.whats, w)
		for _, c := range e.Categories {
			part := w
			part.code = e.Code + "." + c
			part.label = withUnit(name+" — "+cats[c], unit)
			t.whats = append(t.whats, part)
		}
	}
	for _, in := range cat.Indicators {
		t.whats = append(t.whats, tableWhat{code: in.Code, label: withUnit(pick(in.NameVI, in.NameEN), pick(in.UnitVI, in.UnitEN)),
			decimals: in.Decimals})
	}
	t.leaves = map[string]bool{}
	t.names = map[string]string{}
	for _, a := range cat.Areas {
		t.leaves[a.Code] = true
		t.names[a.Code] = pick(a.Name, a.NameEN)
	}
	for _, a := range cat.Areas {
		delete(t.leaves, a.Parent)
	}
	t.groups = []string{""}
	for _, g := range cat.Groups {
		t.groups = append(t.groups, g.Code)
	}
}

// defaultParent returns the area whose table is shown first: the office's
// area (its province for a commune office) or the top province, else the
// first area that has child areas.
func (t *tables) defaultParent(cat *catalog.Catalog) string {
	a := t.s.homeArea()
	if t.leaves[a] { // a commune office: its province
		for _, x := range cat.Areas {
			if x.Code == a {
				a = x.Parent
			}
		}
	}
	if a != "" && !t.leaves[a] {
		return a
	}
	for _, a := range cat.Areas {
		if !t.leaves[a.Code] {
			return a.Code
		}
	}
	return ""
}

// build makes the screen's widgets; the years offered reach last.
func (t *tables) build(cat *catalog.Catalog, last int) {
	// The tree holds the areas that have child areas: the possible parents.
	var nodes []widgets.AreaNode
	for _, n := range areaNodes(cat) {
		if !t.leaves[n.ID] {
			nodes = append(nodes, n)
		}
	}
	t.tree = widgets.NewAreaTree(nodes, areaMatch())
	t.tree.OnSelected = func(id string) {
		t.parent = id
		t.offerLevels(cat)
		t.load()
	}

	labels := make([]string, len(t.whats))
	for i, w := range t.whats {
		labels[i] = w.label
	}
	t.what = widget.NewSelect(labels, func(string) { t.load() })
	if i := t.defaultWhat(cat); i >= 0 {
		t.what.SetSelectedIndex(i)
	}

	t.level = widget.NewSelect(nil, func(string) { t.load() })

	groupNames := []string{lang.X("tables.allareas", "All areas")}
	for _, g := range cat.Groups {
		name := g.NameVI
		if t.s.lang == "en" && g.NameEN != "" {
			name = g.NameEN
		}
		groupNames = append(groupNames, name)
	}
	t.group = widget.NewSelect(groupNames, func(string) { t.load() })
	t.group.SetSelectedIndex(0)

	yearList := years(time.Now(), last)
	t.from = widget.NewSelect(yearList, func(string) { t.load() })
	t.to = widget.NewSelect(yearList, func(string) { t.load() })
	t.to.SetSelected(strconv.Itoa(last))
	t.from.SetSelected(strconv.Itoa(max(firstYear, last-9)))
	t.former = widget.NewCheck(lang.X("tables.former", "Include former units"), func(bool) { t.load() })

	t.heading = widget.NewLabel("")
	t.heading.TextStyle.Bold = true
	t.heading.SizeName = theme.SizeNameSubHeadingText
	t.heading.Truncation = fyne.TextTruncateEllipsis
	t.info = widget.NewLabel("") // short: beside the heading, which gives way first
	t.status = widget.NewLabel("")
	t.status.Importance = widget.DangerImportance
	t.status.Wrapping = fyne.TextWrapWord
	t.status.Hide()
	t.legend = widget.NewLabel("")
	t.legend.Wrapping = fyne.TextWrapWord
	t.legend.TextStyle.Italic = true
	t.legend.Hide()

	t.copyBtn = widget.NewButtonWithIcon(lang.X("tables.copy", "Copy"), theme.ContentCopyIcon(), t.copyTable)
	t.saveBtn = widget.NewButtonWithIcon(lang.X("tables.savecsv", "Save CSV…"), theme.DocumentSaveIcon(), t.askSave)
	t.copyBtn.Disable()
	t.saveBtn.Disable()

	t.table = widgets.NewPivotTable(vntext.Less)

	form := container.New(layout.NewFormLayout(),
		widget.NewLabel(lang.X("tables.what", "Indicator")), t.what,
		widget.NewLabel(lang.X("tables.level", "Rows by level")), container.NewGridWithColumns(2, t.level,
			container.NewBorder(nil, nil, widget.NewLabel(lang.X("tables.group", "Group")), nil, t.group)),
		widget.NewLabel(lang.X("tables.years", "From")), container.NewBorder(nil, nil,
			container.NewHBox(t.from, widget.NewLabel(lang.X("tables.to", "to")), t.to, t.former), container.NewHBox(t.copyBtn, t.saveBtn)),
	)
	top := container.NewVBox(container.NewBorder(nil, nil, nil, t.info, t.heading), form)
	if defaults.IsDemo(t.s.st) {
		t.banner = demoBanner(t.s.lang)
		top.Add(t.banner)
	}
	top.Add(t.status)

	right := container.NewBorder(top, t.legend, nil, nil, t.table)
	split := container.NewHSplit(t.tree, right)
	split.Offset = 0.24
	t.content = split
}

// defaultWhat returns the option shown first: the first indicator (the
// poverty rate in the default catalog), else the first element.
func (t *tables) defaultWhat(cat *catalog.Catalog) int {
	for i, w := range t.whats {
		if isIndicator(cat, w.code) {
			return i
		}
	}
	if len(t.whats) > 0 {
		return 0
	}
	return -1
}

func isIndicator(cat *catalog.Catalog, code string) bool {
	return slices.ContainsFunc(cat.Indicators, func(in catalog.Indicator) bool { return in.Code == code })
}

// offerLevels lists the levels below the parent chosen that hold areas,
// keeping the level chosen when it is among them, else the first.
func (t *tables) offerLevels(cat *catalog.Catalog) {
	children := map[string][]catalog.Area{}
	for _, a := range cat.Areas {
		children[a.Parent] = append(children[a.Parent], a)
	}
	found := map[int]bool{}
	var walk func(string)
	walk = func(code string) {
		for _, c := range children[code] {
			found[c.Level] = true
			walk(c.Code)
		}
	}
	walk(t.parent)
	prev := t.chosenLevel()
	t.levels = t.levels[:0]
	for l := range found {
		t.levels = append(t.levels, l)
	}
	slices.Sort(t.levels)
	names := make([]string, len(t.levels))
	for i, l := range t.levels {
		names[i] = levelName(cat, l, t.s.lang)
	}
	ready := t.ready
	t.ready = false // setting the options is not a choice of the user
	t.level.SetOptions(names)
	if i := slices.Index(t.levels, prev); i >= 0 {
		t.level.SetSelectedIndex(i)
	} else if i := slices.Index(t.levels, t.levelInForce(children[t.parent])); i >= 0 {
		t.level.SetSelectedIndex(i)
	} else if len(names) > 0 {
		t.level.SetSelectedIndex(0)
	}
	t.ready = ready
}

// levelInForce returns the level of the first of the parent's children in
// force at the end of the last year shown (the communes of a province in
// 2026, its districts in 2023), 0 when none is.
func (t *tables) levelInForce(children []catalog.Area) int {
	if t.to == nil || t.to.Selected == "" {
		return 0
	}
	day := t.to.Selected + "-12-31"
	level := 0
	for _, c := range children {
		if (c.ValidFrom == "" || c.ValidFrom <= day) && (c.ValidTo == "" || day <= c.ValidTo) && (level == 0 || c.Level < level) {
			level = c.Level
		}
	}
	return level
}

// levelName names a level of the catalog in language.
func levelName(cat *catalog.Catalog, level int, language string) string {
	for _, l := range cat.Levels {
		if l.Level == level {
			if language == "en" && l.NameEN != "" {
				return l.NameEN
			}
			return l.NameVI
		}
	}
	return lang.X("tables.levelnumber", "Level {{.Level}}", map[string]any{"Level": level})
}

func (t *tables) chosenLevel() int {
	if i := t.level.SelectedIndex(); i >= 0 && i < len(t.levels) {
		return t.levels[i]
	}
	return 0
}

// choice is what the user asks for.
type choice struct {
	what            tableWhat
	parent          string
	level           int
	from, to        int
	group           string
	rows            calc.PivotRowSet
	periods         []period.Period
	whatOK, rangeOK bool
}

func (t *tables) choice() choice {
	c := choice{parent: t.parent, level: t.chosenLevel()}
	if t.former.Checked {
		c.rows = calc.RowsWithFormer
	}
	if i := t.what.SelectedIndex(); i >= 0 && i < len(t.whats) {
		c.what, c.whatOK = t.whats[i], true
	}
	if i := t.group.SelectedIndex(); i > 0 && i < len(t.groups) {
		c.group = t.groups[i]
	}
	c.from, _ = strconv.Atoi(t.from.Selected)
	c.to, _ = strconv.Atoi(t.to.Selected)
	if c.from > c.to {
		c.from, c.to = c.to, c.from
	}
	c.rangeOK = c.from > 0
	for y := c.from; c.rangeOK && y <= c.to; y++ {
		c.periods = append(c.periods, period.Period{Type: period.Year, Year: y})
	}
	return c
}

// load computes the table chosen in the background and shows it.
func (t *tables) load() {
	if !t.ready {
		return
	}
	c := t.choice()
	if !c.whatOK || c.parent == "" || c.level == 0 || !c.rangeOK {
		return
	}
	years := strconv.Itoa(c.from)
	if c.to != c.from {
		years += "–" + strconv.Itoa(c.to)
	}
	t.heading.SetText(c.what.label + " — " + t.names[c.parent] + ", " + years)
	t.info.SetText(lang.X("tables.computing", "Computing…"))

	t.request++
	request := t.request
	t.s.background(func() {
		var pv *calc.Pivot
		err := t.s.compute(func(en *calc.Engine) (err error) {
			pv, err = en.Pivot(c.what.code, c.parent, c.level, c.periods, c.group, c.rows)
			return err
		})
		fyne.Do(func() {
			if request != t.request {
				return // the user has chosen something else meanwhile
			}
			if err != nil {
				t.showError(err)
				return
			}
			t.show(pv, c.what)
		})
	})
}

func (t *tables) showError(err error) {
	t.status.SetText(lang.X("tables.error", "The table could not be computed: {{.Error}}", map[string]any{"Error": msg.Text(err, t.s.lang)}))
	t.status.Show()
	t.info.SetText("")
	t.legend.Hide()
	t.pivot = nil
	t.table.SetData(widgets.PivotData{})
	t.copyBtn.Disable()
	t.saveBtn.Disable()
}

// show puts a computed pivot on the screen.
func (t *tables) show(pv *calc.Pivot, what tableWhat) {
	t.status.Hide()
	t.pivot, t.shown = pv, what
	t.table.SetData(pivotData(pv, what, t.names, t.leaves, t.s.lang, t.s.style))
	if pv.Mapped() {
		t.legend.SetText(boundariesLegend(pv))
		t.legend.Show()
	} else {
		t.legend.Hide()
	}
	t.info.SetText(lang.XN("tables.count", "{{.Count}} areas", len(pv.Rows), map[string]any{"Count": len(pv.Rows)}))
	switch {
	case len(pv.Rows) > 0:
	case pv.RowSet == calc.RowsInForce:
		t.info.SetText(lang.X("tables.nonenow", "No area of this level in {{.Year}}: see “{{.Former}}”.",
			map[string]any{"Year": pv.On.Year(), "Former": t.former.Text}))
	default:
		t.info.SetText(lang.X("tables.norows", "No area of this level existed in these years."))
	}
	t.copyBtn.Enable()
	t.saveBtn.Enable()
}

// boundariesLegend says what the marks of a pivot's cells stand for.
func boundariesLegend(pv *calc.Pivot) string {
	return lang.X("tables.boundaries", "{{.Mark}} on today's boundaries: figures of areas merged, split or created since, computed on the boundaries of {{.Year}} from the areas they were made of; {{.NotComparable}} not comparable (a split without a recorded share, or an area whose land went to areas that also hold others').",
		map[string]any{"Mark": boundariesMark, "Year": pv.On.Year(), "NotComparable": report.NotComparableMark})
}

// boundariesMark follows a figure on other boundaries than the area had
// in its year.
const boundariesMark = "*"

// pivotData formats a pivot for the table: names in language, values in
// the number style st with the decimals of the element, one area's yes/no
// as có/không, "–" where there is no value; a figure on the pivot's
// boundaries rather than the area's own is followed by "*", one that
// cannot be made on them is "×"; an area that ended before the pivot's day
// says when ("(đến 30/06/2025)").
func pivotData(pv *calc.Pivot, what tableWhat, names map[string]string, leaves map[string]bool, language string, st number.Style) widgets.PivotData {
	d := widgets.PivotData{
		NameTitle: lang.X("tables.area", "Area"),
		CodeTitle: lang.X("tables.code", "Code"),
	}
	for _, p := range pv.Periods {
		title := p.Label(language)
		if p.Type == period.Year {
			title = p.String() // "2015": the row above says these are years
		}
		d.Columns = append(d.Columns, title)
	}
	row := func(r calc.PivotRow, name string) widgets.PivotRow {
		out := widgets.PivotRow{Code: r.Area, Name: name, Values: r.Values, OK: r.OK, Cells: make([]string, len(r.Values))}
		for i, v := range r.Values {
			switch {
			case r.NotComparable[i]:
				out.Cells[i] = report.NotComparableMark
			case !r.OK[i]:
				out.Cells[i] = noValue
			case what.yesNo && leaves[r.Area] && !r.Mapped[i]:
				out.Cells[i] = tableYesNo(v == 1, language)
			default:
				out.Cells[i] = number.FormatFloat(v, what.decimals, st)
			}
			if r.OK[i] && r.Mapped[i] {
				out.Cells[i] += boundariesMark
			}
		}
		return out
	}
	d.Rows = make([]widgets.PivotRow, len(pv.Rows))
	for i, r := range pv.Rows {
		name := names[r.Area]
		if name == "" {
			name = r.Name
		}
		if !r.Until.IsZero() {
			name += " " + untilNote(r.Until.Format(time.DateOnly))
		}
		d.Rows[i] = row(r, name)
	}
	parent := names[pv.Total.Area]
	if parent == "" {
		parent = pv.Total.Name
	}
	total := row(pv.Total, lang.X("tables.total", "Total: {{.Area}}", map[string]any{"Area": parent}))
	d.Total = &total
	return d
}

// tableYesNo reads one area's yes/no value.
func tableYesNo(yes bool, language string) string {
	switch {
	case language == "en" && yes:
		return "yes"
	case language == "en":
		return "no"
	case yes:
		return "có"
	}
	return "không"
}

// copyTable puts the table, as tab-separated text, on the clipboard.
func (t *tables) copyTable() {
	if t.pivot == nil {
		return
	}
	t.s.app.Clipboard().SetContent(t.table.CopyText())
	t.info.SetText(lang.X("tables.copied", "The table is on the clipboard: paste it into a spreadsheet."))
}

// fileName suggests a name for the saved table.
func (t *tables) fileName() string {
	pv := t.pivot
	name := pv.Code + "_" + pv.Parent
	if n := len(pv.Periods); n > 0 {
		name += "_" + pv.Periods[0].String()
		if n > 1 {
			name += "-" + pv.Periods[n-1].String()
		}
	}
	return name + ".csv"
}

// askSave asks where to save the table as CSV, then saves it.
func (t *tables) askSave() {
	if t.pivot == nil {
		return
	}
	d := t.s.saveDialog(func(w fyne.URIWriteCloser) error {
		if err := t.writeCSV(w); err != nil {
			return err
		}
		t.info.SetText(lang.X("tables.saved", "Saved {{.File}}.", map[string]any{"File": w.URI().Name()}))
		return nil
	})
	d.SetFileName(t.fileName())
	d.SetFilter(storage.NewExtensionFileFilter([]string{".csv"}))
	d.Show()
}

// writeCSV writes the table as shown (rows in the order shown, then the
// total) as CSV: UTF-8 with a byte order mark, so that Excel reads the
// Vietnamese names, numbers in the user's style, missing values empty.
func (t *tables) writeCSV(w io.Writer) error {
	bw := bufio.NewWriter(w)
	if _, err := bw.Write([]byte{0xEF, 0xBB, 0xBF}); err != nil {
		return err
	}
	cw := csv.NewWriter(bw)
	records := t.table.Records()
	if t.pivot.Mapped() {
		records = append(records, []string{boundariesLegend(t.pivot)})
	}
	if err := cw.WriteAll(records); err != nil {
		return fmt.Errorf("CSV: %w", err)
	}
	return bw.Flush()
}
