package app

import (
	"context"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"chiso/data/calc"
	"chiso/data/catalog"
	"chiso/data/defaults"
	"chiso/data/msg"
	"chiso/data/number"
	"chiso/data/period"
	"chiso/data/report"
	"chiso/data/store"
	"chiso/widgets"
)

// entry is the Nhập liệu screen: the area tree on the left; above, the data
// set, the period and the completeness of the form; in the middle the form
// of the data set for the chosen area and period, saving each value when
// its cell is left; below, the data set's indicators computed live and the
// rules the values break.
type entry struct {
	s *session

	// UI goroutine only:
	area         string
	dataset      *catalog.DataSet
	per          period.Period
	periods      []period.Period // offered by the period selector
	periodChosen bool            // the user picked the period: keep it when the area changes
	request      int             // numbers loads, so that a late result of an old one is dropped
	items        map[string]*entryItem
	undo         []undoStep
	ask          *dialog.FormDialog // the open request for a comment, if any
	shownHistory *historyView       // the history dialog shown last

	tree          *widgets.AreaTree
	datasets      *widget.Select
	periodSel     *widget.Select
	heading       *widget.Label
	submit        *widget.Button // Gửi báo cáo
	report        *widget.Label  // where the report stands
	progress      *widget.Button // the report under review, or the status of the areas below
	state         store.FormState
	submitting    *dialog.FormDialog // the open submission, if any
	submitComment *widget.Entry      // its comment
	banner        fyne.CanvasObject  // nil unless the database holds the demo data
	status        *widget.Label
	estimates     *estimateBar
	grid          *widgets.EntryGrid
	indicators    *fyne.Container
	warnings      *fyne.Container
	noWarnings    *widget.Label
	content       fyne.CanvasObject
}

// entryItem is the stored state of one value cell of the form.
type entryItem struct {
	key      string // CODE or CODE.CATEGORY
	element  *catalog.Element
	category string
	value    string // canonical value stored, "" for none
	comment  string
	followUp bool
	status   store.Status
}

// undoStep is what a change replaced, to put it back with Ctrl+Z.
type undoStep struct {
	key      string
	value    string
	comment  string
	followUp bool
	status   store.Status
}

// entryScreen returns the data entry screen.
func entryScreen(s *session) fyne.CanvasObject {
	e := newEntryForm(s)
	s.undo["entry"] = e.undoLast // Ctrl+Z anywhere on the screen
	return e.content
}

func newEntryForm(s *session) *entry {
	e := &entry{s: s, items: map[string]*entryItem{}}
	e.build()
	if area := s.homeArea(); area != "" {
		e.tree.Select(area) // loads the form
		e.tree.OpenBranch(area)
	}
	return e
}

// build makes the screen's widgets.
func (e *entry) build() {
	cat := e.s.catalog()
	e.tree = widgets.NewAreaTree(areaNodes(cat), areaMatch())
	e.tree.OnSelected = func(id string) {
		e.area = id
		p := e.per
		if !e.periodChosen || e.outside(p) != nil {
			p = e.defaultPeriod()
		}
		e.choosePeriod(p) // the periods the area exists in
		e.load()
	}

	var names []string
	for _, ds := range cat.DataSets {
		names = append(names, e.datasetName(&ds))
	}
	e.datasets = widget.NewSelect(names, nil)
	e.periodSel = widget.NewSelect(nil, nil)
	if len(cat.DataSets) > 0 {
		e.dataset = &cat.DataSets[0]
		e.datasets.SetSelectedIndex(0)
		e.choosePeriod(e.defaultPeriod())
	}
	e.datasets.OnChanged = func(string) {
		i := e.datasets.SelectedIndex()
		if i < 0 {
			return
		}
		old := e.dataset
		e.dataset = &e.s.catalog().DataSets[i]
		if old == nil || old.PeriodType != e.dataset.PeriodType {
			e.periodChosen = false
		}
		if !e.periodChosen {
			e.choosePeriod(e.defaultPeriod())
		}
		e.load()
	}
	e.periodSel.OnChanged = func(string) {
		i := e.periodSel.SelectedIndex()
		if i < 0 || i >= len(e.periods) || e.periods[i] == e.per {
			return
		}
		e.per = e.periods[i]
		e.periodChosen = true
		e.load()
	}

	e.heading = widget.NewLabel("")
	e.heading.TextStyle.Bold = true
	e.heading.SizeName = theme.SizeNameSubHeadingText
	e.heading.Truncation = fyne.TextTruncateEllipsis

	e.submit = widget.NewButtonWithIcon(lang.X("cycle.submit", "Send report"), theme.MailSendIcon(), e.askSubmit)
	e.submit.Importance = widget.HighImportance
	e.report = widget.NewLabel("")
	e.report.Truncation = fyne.TextTruncateEllipsis
	e.progress = widget.NewButtonWithIcon(lang.X("cycle.progress", "Reporting status"), theme.ListIcon(), e.openProgress)

	e.status = widget.NewLabel("")
	e.status.Importance = widget.DangerImportance
	e.status.Wrapping = fyne.TextWrapWord
	e.status.Hide()

	e.grid = widgets.NewEntryGrid(nil)
	e.grid.OnCommit = e.commit
	e.grid.OnComment = e.commitComment
	e.grid.OnFollowUp = e.commitFollowUp
	e.grid.OnUndo = e.undoLast
	e.grid.OnHistory = e.history

	selectors := container.NewBorder(nil, nil, widget.NewLabel(lang.X("entry.dataset", "Data set")),
		container.NewHBox(widget.NewLabel(lang.X("entry.period", "Period")), e.periodSel), e.datasets)
	completion := container.NewBorder(nil, nil, nil, container.NewHBox(e.submit, e.progress), e.report)
	e.estimates = newEstimateBar(e)
	top := container.NewVBox(e.heading, selectors, completion, e.estimates.content)
	if defaults.IsDemo(e.s.st) {
		e.banner = demoBanner(e.s.lang)
		top.Add(e.banner)
	}
	top.Add(e.status)

	e.indicators = container.NewVBox()
	e.warnings = container.NewVBox()
	e.noWarnings = widget.NewLabel(lang.L("No rule is broken."))
	e.noWarnings.Importance = widget.LowImportance
	heading := func(text string) *widget.Label {
		l := widget.NewLabel(text)
		l.TextStyle.Bold = true
		return l
	}
	bottom := container.NewGridWithColumns(2,
		container.NewBorder(heading(lang.X("entry.indicators", "Indicators")), nil, nil, nil, container.NewVScroll(e.indicators)),
		container.NewBorder(heading(lang.X("entry.warnings", "Warnings")), nil, nil, nil, container.NewVScroll(e.warnings)))
	// The grid scrolls sideways when its columns need more room than the
	// window gives, rather than squeezing the area tree.
	form := container.NewVSplit(container.NewHScroll(e.grid), bottom)
	form.Offset = 0.72

	right := container.NewBorder(top, nil, nil, nil, form)
	split := container.NewHSplit(e.tree, right)
	split.Offset = 0.19
	e.content = split
}

func (e *entry) datasetName(ds *catalog.DataSet) string {
	if e.s.lang == "en" && ds.NameEN != "" {
		return ds.NameEN
	}
	return ds.NameVI
}

// choosePeriod offers the periods of the data set's type in which the
// chosen area exists and selects p.
func (e *entry) choosePeriod(p period.Period) {
	if e.dataset == nil {
		return
	}
	e.periods = offerPeriods(e.periodSel, e.areaPeriods(), p, e.s.lang)
	e.per = p
}

// areaPeriods returns the periods of the data set's type offered for entry
// (periodsOf) in which the chosen area exists, newest first: a value of
// any other period would be refused (store.CheckArea).
func (e *entry) areaPeriods() []period.Period {
	return slices.DeleteFunc(periodsOf(e.dataset.PeriodType, time.Now()), func(p period.Period) bool { return e.outside(p) != nil })
}

// outside returns the *store.OutsideError of the chosen area in p, nil
// when the area exists then (or none is chosen).
func (e *entry) outside(p period.Period) error {
	a := e.areaOf(e.area)
	if a == nil {
		return nil
	}
	return store.CheckArea(a, p, e.areaOf)
}

// offerPeriods offers in sel the periods (and p, when outside them),
// selects p without telling sel's OnChanged, and returns the periods in
// the order offered.
func offerPeriods(sel *widget.Select, periods []period.Period, p period.Period, language string) []period.Period {
	labels := make([]string, len(periods))
	at := -1
	for i, q := range periods {
		labels[i] = q.Label(language)
		if q == p {
			at = i
		}
	}
	if at < 0 { // a period outside the list: offer it too
		periods = append([]period.Period{p}, periods...)
		labels = append([]string{p.Label(language)}, labels...)
		at = 0
	}
	on := sel.OnChanged
	sel.OnChanged = nil
	sel.SetOptions(labels)
	sel.SetSelectedIndex(at)
	sel.OnChanged = on
	return periods
}

// periodsOf returns the periods of a type offered for entry, newest first:
// from firstYear to the year after now.
func periodsOf(typ string, now time.Time) []period.Period {
	t, err := period.ParseType(typ)
	if err != nil {
		t = period.Year
	}
	var out []period.Period
	for y := now.Year() + 1; y >= firstYear; y-- {
		switch t {
		case period.Quarter:
			for q := 4; q >= 1; q-- {
				out = append(out, period.Period{Type: period.Quarter, Year: y, Index: q})
			}
		case period.Month:
			for m := 12; m >= 1; m-- {
				out = append(out, period.Period{Type: period.Month, Year: y, Index: m})
			}
		case period.HalfYear:
			out = append(out, period.Period{Type: period.HalfYear, Year: y, Index: 2}, period.Period{Type: period.HalfYear, Year: y, Index: 1})
		case period.NineMonths:
			out = append(out, period.Period{Type: period.NineMonths, Year: y, Index: 9})
		default:
			out = append(out, period.Period{Type: period.Year, Year: y})
		}
	}
	return out
}

// currentPeriod returns the period of the type holding now.
func currentPeriod(typ string, now time.Time) period.Period {
	switch typ {
	case "quarter":
		return period.Period{Type: period.Quarter, Year: now.Year(), Index: (int(now.Month())-1)/3 + 1}
	case "month":
		return period.Period{Type: period.Month, Year: now.Year(), Index: int(now.Month())}
	case "6months":
		return period.Period{Type: period.HalfYear, Year: now.Year(), Index: (int(now.Month())-1)/6 + 1}
	case "9months":
		return period.Period{Type: period.NineMonths, Year: now.Year(), Index: 9}
	}
	return period.Period{Type: period.Year, Year: now.Year()}
}

// defaultPeriod returns the latest period offered for the area (from a
// year ahead back to firstYear, while the area exists) that holds a value
// of the data set for it — for an area with children, a value anywhere,
// since theirs add up to its own — else the current one, or the area's
// last when it no longer exists.
func (e *entry) defaultPeriod() period.Period {
	cur := currentPeriod(e.dataset.PeriodType, time.Now())
	if e.area == "" {
		return cur
	}
	area := e.area
	if hasChildren(e.s.catalog(), area) {
		area = "" // any area
	}
	ctx := context.Background()
	offered := e.areaPeriods()
	for _, p := range offered {
		if ok, err := e.s.st.HasAreaValues(ctx, p.String(), area, e.dataset.Elements); err != nil || ok {
			return p
		}
	}
	if len(offered) > 0 && e.outside(cur) != nil {
		return offered[0]
	}
	return cur
}

// formData is what a load computes for the form.
type formData struct {
	rows  []widgets.EntryRow
	items map[string]*entryItem
	state store.FormState
	// The titles of the previous period's column and of the former
	// areas' ("" for the default).
	previousTitle, beforeTitle string
}

// load shows the form of the chosen data set, area and period.
func (e *entry) load() {
	if e.area == "" || e.dataset == nil {
		return
	}
	name := e.area
	if a := e.areaOf(e.area); a != nil {
		name = a.Name
	}
	e.heading.SetText(name + " — " + e.per.Label(e.s.lang))
	e.undo = nil
	e.request++
	request, area, ds, per := e.request, e.area, e.dataset, e.per
	e.s.background(func() {
		d, err := e.compute(area, ds, per)
		fyne.Do(func() {
			if request != e.request {
				return // the user has chosen something else meanwhile
			}
			if err != nil {
				e.status.SetText(lang.L("The form could not be opened: {{.Error}}", map[string]any{"Error": msg.Text(err, e.s.lang)}))
				e.status.Show()
				e.grid.SetRows(nil)
				return
			}
			e.status.Hide()
			if err := e.outside(per); err != nil { // no period of the area is offered
				e.status.SetText(msg.Text(err, e.s.lang))
				e.status.Show()
			}
			e.items = d.items
			e.grid.SetTitles(d.previousTitle, d.beforeTitle)
			e.grid.SetRows(d.rows)
			e.showState(d.state)
			e.refreshDerived("")
			e.estimates.loaded()
		})
	})
}

func (e *entry) areaOf(code string) *catalog.Area {
	cat := e.s.catalog()
	for i := range cat.Areas {
		if cat.Areas[i].Code == code {
			return &cat.Areas[i]
		}
	}
	return nil
}

// compute reads the stored values and computes the rows of the form; it may
// run off the UI goroutine.
func (e *entry) compute(area string, ds *catalog.DataSet, per period.Period) (*formData, error) {
	ctx := context.Background()
	vals, err := e.s.st.AreaValues(ctx, per.String(), area, ds.Elements)
	if err != nil {
		return nil, err
	}
	stored := map[string]store.Value{}
	for _, v := range vals {
		stored[itemKey(v.Element, v.Category)] = v
	}
	d := &formData{items: map[string]*entryItem{}}
	cat := e.s.catalog()
	catNames := map[string]catalog.CategoryOption{}
	for _, c := range cat.Categories {
		catNames[c.Code] = c
	}
	err = e.s.compute(func(en *calc.Engine) error {
		for _, code := range ds.Elements {
			el := en.Element(code)
			if el == nil {
				continue
			}
			base := widgets.EntryRow{Key: code, Name: el.NameIn(e.s.lang, per.End().Year()), Unit: pick(e.s.lang, el.UnitVI, el.UnitEN)}
			if len(el.Categories) > 0 {
				total := base
				total.Computed = true
				if err := e.fillRow(en, d, &total, el, area, per); err != nil {
					return err
				}
				d.rows = append(d.rows, total)
				for _, c := range el.Categories {
					part := base
					part.Key = itemKey(code, c)
					part.Name = pick(e.s.lang, catNames[c].NameVI, catNames[c].NameEN)
					part.Part = true
					d.rows = append(d.rows, e.itemRow(en, d, part, el, c, stored, area, per))
				}
				continue
			}
			d.rows = append(d.rows, e.itemRow(en, d, base, el, "", stored, area, per))
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if d.state, err = e.s.st.FormStateOf(ctx, store.Form{DataSet: ds.Code, Area: area, Period: per.String()}); err != nil {
		return nil, err
	}
	return d, nil
}

// itemRow makes the row of an entered value and records its item.
func (e *entry) itemRow(en *calc.Engine, d *formData, r widgets.EntryRow, el *catalog.Element, category string,
	stored map[string]store.Value, area string, per period.Period) widgets.EntryRow {
	it := &entryItem{key: r.Key, element: el, category: category}
	if v, ok := stored[r.Key]; ok {
		it.value, it.comment, it.followUp, it.status = v.Value, v.Comment, v.FollowUp, v.Status
	}
	d.items[r.Key] = it
	r.Value = e.display(el, it.value)
	r.Comment, r.FollowUp = it.comment, it.followUp
	if err := e.fillRow(en, d, &r, el, area, per); err != nil {
		fyne.LogError("entry row "+r.Key, err)
	}
	if it.value == "" {
		r.Value = ""
	}
	return r
}

// fillRow sets the previous value (on this period's boundaries), the
// change, the target, what the former areas reported for the part of the
// period before the area began and, for a computed row or an empty cell
// of an area with children, the value computed from the children; it
// names the columns in d when their figures are made on other boundaries.
func (e *entry) fillRow(en *calc.Engine, d *formData, r *widgets.EntryRow, el *catalog.Element, area string, per period.Period) error {
	agg := len(en.Children(area, per)) > 0 // the value aggregates areas below
	pf, err := en.FigureOn(r.Key, area, per.Prev(), "", per.End())
	if err != nil {
		return err
	}
	prev, okPrev := pf.Value, pf.OK
	if okPrev {
		r.Previous = e.displayFloat(el, prev, agg || pf.Mapped)
	}
	if pf.Mapped {
		d.previousTitle = lang.X("entry.previousBounds", "Previous period\n({{.Note}})", map[string]any{"Note": calc.BoundariesNote(e.s.lang)})
	}
	before, through, err := en.FigureBefore(r.Key, area, per)
	if err != nil {
		return err
	}
	switch {
	case before.OK:
		r.Before = e.displayFloat(el, before.Value, true)
	case before.NotComparable:
		r.Before = report.NotComparableMark
	}
	if r.Before != "" {
		d.beforeTitle = lang.X("entry.beforeThrough", "Former areas, to the\nend of {{.Period}}", map[string]any{"Period": through.Label(e.s.lang)})
	}
	cur, okCur, err := en.Value(r.Key, area, per, "")
	if err != nil {
		return err
	}
	if okCur {
		if r.Computed {
			r.Value = e.displayFloat(el, cur, agg)
		} else if r.Value == "" {
			r.Placeholder = e.displayFloat(el, cur, agg)
		}
	}
	r.Change = ""
	if okPrev && okCur && el.ValueType != catalog.YesNo {
		r.Change = e.changeText(prev, cur)
	}
	if t, ok := en.Target(r.Key, area, per); ok {
		r.Target = e.displayFloat(el, t, agg)
	}
	return nil
}

// changeText returns the change from prev to cur in percent, signed, "" if
// prev is 0.
func (e *entry) changeText(prev, cur float64) string {
	if prev == 0 {
		return ""
	}
	pc := (cur/prev - 1) * 100
	s := number.FormatFloat(pc, 1, e.s.style)
	if pc > 0 && s != number.FormatFloat(0, 1, e.s.style) {
		s = "+" + s
	}
	return s
}

func pick(language, vi, en string) string {
	if language == "en" && en != "" {
		return en
	}
	return vi
}

func itemKey(element, category string) string {
	if category == "" {
		return element
	}
	return element + "." + category
}

// display shows a canonical value of el as typed: every digit it has, in
// the session's number style; yes/no as có/không.
func (e *entry) display(el *catalog.Element, canonical string) string {
	if canonical == "" {
		return ""
	}
	if el.ValueType == catalog.YesNo {
		return yesNo(e.s.lang, canonical == "1")
	}
	return number.Format(canonical, -1, e.s.style)
}

// displayFloat shows a value of el; a yes/no element of an area that
// aggregates others (agg) is a count of yes, shown as a number.
func (e *entry) displayFloat(el *catalog.Element, v float64, agg bool) string {
	if el.ValueType == catalog.YesNo && !agg {
		return yesNo(e.s.lang, v == 1)
	}
	return number.FormatFloat(v, el.Decimals, e.s.style)
}

// hasChildren reports whether any area of c has area as its parent.
func hasChildren(c *catalog.Catalog, area string) bool {
	for _, a := range c.Areas {
		if a.Parent == area {
			return true
		}
	}
	return false
}

func yesNo(language string, yes bool) string {
	if language == "en" {
		return map[bool]string{true: "yes", false: "no"}[yes]
	}
	return map[bool]string{true: "có", false: "không"}[yes]
}

// refreshDerived updates what follows from the values: the change and the
// total of the item with the key ("" for none), the indicators and the
// rule warnings.
func (e *entry) refreshDerived(key string) {
	ds, area, per := e.dataset, e.area, e.per
	type indicatorLine struct{ name, value string }
	var lines []indicatorLine
	var broken []calc.Violation
	err := e.s.compute(func(en *calc.Engine) error {
		if it := e.items[key]; it != nil {
			var titles formData // the titles do not change with a value
			r := widgets.EntryRow{Key: key, Value: e.display(it.element, it.value)}
			if err := e.fillRow(en, &titles, &r, it.element, area, per); err != nil {
				return err
			}
			e.grid.SetChange(key, r.Change)
			e.grid.SetPlaceholder(key, r.Placeholder)
			if it.category != "" {
				total := widgets.EntryRow{Key: it.element.Code, Computed: true}
				if err := e.fillRow(en, &titles, &total, it.element, area, per); err != nil {
					return err
				}
				e.grid.SetValue(total.Key, total.Value)
				e.grid.SetChange(total.Key, total.Change)
			}
		}
		inSet := map[string]bool{}
		for _, c := range ds.Elements {
			inSet[c] = true
		}
		for _, in := range en.Catalog.Indicators {
			if !readsAny(in, inSet) {
				continue
			}
			v, ok, err := en.Value(in.Code, area, per, "")
			if err != nil {
				return err
			}
			text := noValue
			if ok {
				text = number.FormatFloat(v, in.Decimals, e.s.style)
				if u := pick(e.s.lang, in.UnitVI, in.UnitEN); u != "" {
					text += " " + u
				}
			}
			lines = append(lines, indicatorLine{pick(e.s.lang, in.NameVI, in.NameEN), text})
		}
		rules := map[string]bool{}
		for _, c := range ds.Elements {
			for _, r := range en.RulesOf(c) {
				rules[r.Code] = true
			}
		}
		all, err := en.CheckRules(area, per)
		if err != nil {
			return err
		}
		for _, v := range all {
			if rules[v.Rule.Code] {
				broken = append(broken, v)
			}
		}
		return nil
	})
	if err != nil {
		e.status.SetText(msg.Text(err, e.s.lang))
		e.status.Show()
		return
	}

	e.indicators.Objects = nil
	for _, l := range lines {
		name := widget.NewLabel(l.name)
		name.Truncation = fyne.TextTruncateEllipsis
		value := widget.NewLabel(l.value)
		value.Alignment = fyne.TextAlignTrailing
		value.TextStyle.Bold = true
		e.indicators.Add(container.NewBorder(nil, nil, nil, value, name))
	}
	e.indicators.Refresh()

	e.warnings.Objects = nil
	if len(broken) == 0 {
		e.warnings.Add(e.noWarnings)
	}
	for _, v := range broken {
		text := widget.NewLabel(lang.L("{{.Rule}} ({{.Left}} {{.Op}} {{.Right}} does not hold)", map[string]any{
			"Rule": v.Name(e.s.lang), "Left": number.FormatFloat(v.Left, -1, e.s.style), "Op": v.Rule.Operator,
			"Right": number.FormatFloat(v.Right, -1, e.s.style)}))
		text.Wrapping = fyne.TextWrapWord
		text.Importance = widget.WarningImportance
		e.warnings.Add(container.NewBorder(nil, nil, widget.NewIcon(theme.NewWarningThemedResource(theme.WarningIcon())), nil, text))
	}
	e.warnings.Refresh()

	// A saved value that breaks a rule says so beside its cell.
	if it := e.items[key]; it != nil && it.value != "" {
		var names []string
		for _, v := range broken {
			if ruleReads(v.Rule, it.element.Code) {
				names = append(names, v.Name(e.s.lang))
			}
		}
		if len(names) > 0 {
			e.grid.SetStatus(key, widgets.Status{Kind: widgets.StatusWarning,
				Text: lang.L("Saved, but breaks: {{.Rules}}", map[string]any{"Rules": strings.Join(names, "; ")})})
		}
	}
}

// readsAny reports whether an indicator's formula reads an element of set.
func readsAny(in catalog.Indicator, set map[string]bool) bool {
	for _, f := range []string{in.Numerator, in.Denominator} {
		if f == "" {
			continue
		}
		x, err := calc.Parse(f)
		if err != nil {
			continue
		}
		for _, r := range x.Refs(nil) {
			if set[r.Code] {
				return true
			}
		}
	}
	return false
}

// ruleReads reports whether a rule reads the element.
func ruleReads(r catalog.Rule, element string) bool {
	for _, f := range []string{r.Left, r.Right} {
		x, err := calc.Parse(f)
		if err != nil {
			continue
		}
		for _, ref := range x.Refs(nil) {
			if ref.Code == element {
				return true
			}
		}
	}
	return false
}

// localTime turns a stored UTC time ("2024-01-02T03:04:05.000Z") into local
// dd/mm/yyyy HH:MM.
func localTime(stored string) string {
	for _, layout := range []string{"2006-01-02T15:04:05.000Z", time.RFC3339Nano, time.RFC3339} {
		if t, err := time.Parse(layout, stored); err == nil {
			return t.Local().Format("02/01/2006 15:04")
		}
	}
	return stored
}
