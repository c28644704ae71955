package widgets

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// EntryRow is one line of an EntryGrid, already formatted for display.
type EntryRow struct {
	Key      string // identifies the row in callbacks and setters
	Name     string
	Unit     string
	Previous string // the previous period's value
	// Before is what the areas an area was made of reported for the part
	// of this period before it began (the first half of 2025 for a
	// commune created on 1/7/2025); the column shows only when a row has
	// it.
	Before   string
	Value    string // this period's value, as shown in the cell
	Change   string // change on the previous period, in percent
	Target   string
	Comment  string
	FollowUp bool
	// Placeholder is shown greyed in an empty value cell (e.g. the total
	// of the child areas).
	Placeholder string
	// Part marks a part of a disaggregated element: drawn indented.
	Part bool
	// Computed marks a read-only row (the total of a disaggregated
	// element): no value cell, comment, flag or history.
	Computed bool
}

// StatusKind is the state of a value cell.
type StatusKind int

// States of a value cell.
const (
	StatusNone    StatusKind = iota
	StatusSaved              // the value is stored
	StatusPending            // the value typed is not stored yet
	StatusInvalid            // the value typed is refused
	StatusWarning            // the value is stored but breaks a rule
)

// Status is what the grid shows beside a value cell: an icon and a short
// word for the kind, and Text, when not empty, on a line under the row.
type Status struct {
	Kind StatusKind
	Text string
}

// Columns of an EntryGrid.
const (
	gcName = iota
	gcUnit
	gcPrevious
	gcBefore
	gcValue
	gcStatus
	gcChange
	gcTarget
	gcComment
	gcFollowUp
	gcHistory
	gridColumns
)

// EntryGrid is the entry form of one data set: a row per element (or part
// of one) with its name, unit, previous value, a cell for this period's
// value, its status, the change in percent, the target, a comment cell, a
// follow-up flag and a history button. It holds no logic: the app decides
// through the callbacks what a value means and tells the grid with SetStatus.
//
// A value cell is committed when it loses focus or Enter is pressed, only if
// its text changed since it was last committed or set; Enter then moves to
// the next value cell unless the value was refused or left pending.
// Ctrl+Z in a cell whose text is unchanged calls OnUndo (while the text is
// being edited it undoes the typing).
type EntryGrid struct {
	widget.BaseWidget

	OnCommit   func(key, text string)
	OnComment  func(key, text string)
	OnFollowUp func(key string, on bool)
	OnUndo     func()
	OnHistory  func(key string)

	cols     *gridLayout
	titles   [gridColumns]string
	header   *fyne.Container
	box      *fyne.Container
	scroll   *container.Scroll
	rows     []*gridRow
	byKey    map[string]*gridRow
	cells    []*GridEntry // value cells, in order
	readOnly bool
}

// gridRow is the widgets of one row.
type gridRow struct {
	row        EntryRow
	status     Status
	name       *widget.Label
	unit       *widget.Label
	previous   *widget.Label
	before     *widget.Label
	value      *GridEntry    // nil for a computed row
	total      *widget.Label // computed rows only
	statusIcon *widget.Icon
	statusText *widget.Label
	change     *widget.Label
	target     *widget.Label
	comment    *GridEntry
	followUp   *widget.Check
	history    *widget.Button
	detail     *widget.Label
	detailLine *fyne.Container
	object     *fyne.Container
	updating   bool // set while the grid itself changes the check
}

// NewEntryGrid returns a grid showing rows.
func NewEntryGrid(rows []EntryRow) *EntryGrid {
	g := &EntryGrid{cols: newGridLayout()}
	g.titles = [gridColumns]string{
		lang.L("Indicator"), lang.L("Unit"), lang.X("entry.previous", "Previous period"), lang.X("entry.before", "Former areas"),
		lang.X("entry.current", "This period"), "",
		lang.X("entry.change", "Change %"), lang.X("entry.target", "Target"), lang.X("entry.comment", "Comment"), lang.X("entry.followup", "Follow up"), "",
	}
	objs := make([]fyne.CanvasObject, gridColumns)
	for i, t := range g.titles {
		l := widget.NewLabel(t)
		l.TextStyle.Bold = true
		l.Truncation = fyne.TextTruncateEllipsis
		if numericColumn(i) {
			l.Alignment = fyne.TextAlignTrailing
		}
		objs[i] = l
	}
	g.header = container.New(g.cols, objs...)
	g.box = container.NewVBox()
	g.scroll = container.NewVScroll(g.box)
	g.ExtendBaseWidget(g)
	g.SetRows(rows)
	return g
}

func numericColumn(col int) bool {
	switch col {
	case gcPrevious, gcBefore, gcChange, gcTarget:
		return true
	}
	return false
}

// CreateRenderer is a private method to Fyne which links this widget to its
// renderer.
func (g *EntryGrid) CreateRenderer() fyne.WidgetRenderer {
	top := container.NewVBox(g.header, widget.NewSeparator())
	return widget.NewSimpleRenderer(container.NewBorder(top, nil, nil, nil, g.scroll))
}

// SetTitles names the previous period's column and the column of what the
// former areas reported (EntryRow.Before); "" keeps the default title. A
// title may hold line breaks; its column is as wide as its longest line.
// Call it before SetRows, which fits the columns to their titles.
func (g *EntryGrid) SetTitles(previous, before string) {
	defaults := [gridColumns]string{gcPrevious: lang.X("entry.previous", "Previous period"), gcBefore: lang.X("entry.before", "Former areas")}
	for col, t := range map[int]string{gcPrevious: previous, gcBefore: before} {
		if t == "" {
			t = defaults[col]
		}
		g.titles[col] = t
		l := g.header.Objects[col].(*widget.Label)
		l.Truncation = fyne.TextTruncateOff // the column fits its title's longest line
		l.SetText(t)
	}
}

// SetRows replaces the rows shown; statuses are cleared.
func (g *EntryGrid) SetRows(rows []EntryRow) {
	g.rows, g.cells = nil, nil
	g.byKey = make(map[string]*gridRow, len(rows))
	g.cols.fit(g.titles, rows)
	g.header.Refresh() // its columns may have changed
	objs := make([]fyne.CanvasObject, 0, len(rows))
	for _, r := range rows {
		gr := g.newRow(r)
		g.rows = append(g.rows, gr)
		g.byKey[r.Key] = gr
		if gr.value != nil {
			g.cells = append(g.cells, gr.value)
		}
		objs = append(objs, gr.object)
	}
	g.box.Objects = objs
	g.SetReadOnly(g.readOnly)
	// New rows draw themselves when shown: lay the box out again through
	// the scroll (which sizes it) rather than refresh every row.
	g.scroll.Refresh()
	g.scroll.ScrollToTop()
}

// SetReadOnly turns the value, comment and follow-up cells off (a locked
// form, e.g. an approved report) or on again; the history stays open. It
// holds for the rows set later too.
func (g *EntryGrid) SetReadOnly(on bool) {
	g.readOnly = on
	for _, gr := range g.rows {
		if gr.value == nil {
			continue
		}
		for _, w := range []interface {
			Enable()
			Disable()
		}{gr.value, gr.comment, gr.followUp} {
			if on {
				w.Disable()
			} else {
				w.Enable()
			}
		}
	}
}

// ReadOnly reports whether the cells are turned off.
func (g *EntryGrid) ReadOnly() bool { return g.readOnly }

// rightLabel shows a number. Its column is measured to fit (see fit), so
// it is not truncated: truncating costs a text shaping per label.
func rightLabel(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Alignment = fyne.TextAlignTrailing
	return l
}

func (g *EntryGrid) newRow(r EntryRow) *gridRow {
	gr := &gridRow{row: r}
	gr.name = widget.NewLabel(r.Name)
	gr.name.Wrapping = fyne.TextWrapWord
	gr.unit = widget.NewLabel(r.Unit)
	if g.cols.longUnits[r.Unit] {
		gr.unit.Truncation = fyne.TextTruncateEllipsis
	}
	gr.previous = rightLabel(r.Previous)
	gr.before = rightLabel(r.Before)
	gr.change = rightLabel(r.Change)
	gr.target = rightLabel(r.Target)
	gr.statusIcon = widget.NewIcon(nil)
	gr.statusText = widget.NewLabel("")
	gr.statusText.SizeName = theme.SizeNameCaptionText
	gr.detail = widget.NewLabel("")
	gr.detail.Wrapping = fyne.TextWrapWord
	gr.detail.SizeName = theme.SizeNameCaptionText

	var name fyne.CanvasObject = gr.name
	if r.Part {
		indent := canvas.NewRectangle(nil)
		indent.SetMinSize(fyne.NewSize(theme.IconInlineSize()+theme.Padding(), 0))
		name = container.NewBorder(nil, nil, indent, nil, gr.name)
	}
	if r.Computed {
		gr.name.TextStyle.Bold = true
	}

	var value, comment, followUp, history fyne.CanvasObject
	if r.Computed {
		gr.total = rightLabel(r.Value)
		gr.total.TextStyle.Bold = true
		value = gr.total
		comment, followUp, history = layoutSpacer(), layoutSpacer(), layoutSpacer()
	} else {
		gr.value = newGridEntry(g, r.Key, true)
		gr.value.PlaceHolder = r.Placeholder
		gr.value.setCommitted(r.Value)
		gr.comment = newGridEntry(g, r.Key, false)
		gr.comment.setCommitted(r.Comment)
		gr.followUp = widget.NewCheck("", func(on bool) {
			if !gr.updating && g.OnFollowUp != nil {
				g.OnFollowUp(gr.row.Key, on)
			}
		})
		gr.followUp.Checked = r.FollowUp
		gr.history = widget.NewButtonWithIcon("", theme.HistoryIcon(), func() {
			if g.OnHistory != nil {
				g.OnHistory(gr.row.Key)
			}
		})
		gr.history.Importance = widget.LowImportance
		value, comment, followUp, history = gr.value, gr.comment, container.NewCenter(gr.followUp), gr.history
	}
	status := container.NewBorder(nil, nil, gr.statusIcon, nil, gr.statusText)
	line := container.New(g.cols, name, gr.unit, gr.previous, gr.before, value, status, gr.change, gr.target, comment, followUp, history)
	gr.detailLine = container.New(&detailLayout{cols: g.cols}, gr.detail)
	gr.detailLine.Hide()
	gr.object = container.NewVBox(line, gr.detailLine)
	gr.statusIcon.Hide()
	return gr
}

func layoutSpacer() fyne.CanvasObject { return canvas.NewRectangle(nil) }

// Rows returns the rows shown, with the texts now in their cells.
func (g *EntryGrid) Rows() []EntryRow {
	out := make([]EntryRow, len(g.rows))
	for i, gr := range g.rows {
		out[i] = gr.current()
	}
	return out
}

// Row returns the row with the key as it is now shown, false if there is none.
func (g *EntryGrid) Row(key string) (EntryRow, bool) {
	gr, ok := g.byKey[key]
	if !ok {
		return EntryRow{}, false
	}
	return gr.current(), true
}

func (gr *gridRow) current() EntryRow {
	r := gr.row
	if gr.value != nil {
		r.Value = gr.value.Text
		r.Comment = gr.comment.Text
		r.FollowUp = gr.followUp.Checked
	} else {
		r.Value = gr.total.Text
	}
	r.Change = gr.change.Text
	return r
}

// Status returns the status shown for the row with the key.
func (g *EntryGrid) Status(key string) Status {
	if gr, ok := g.byKey[key]; ok {
		return gr.status
	}
	return Status{}
}

// SetStatus shows the state of a row's value. A refused or pending value
// is committed again when its cell is next left, even if unchanged.
func (g *EntryGrid) SetStatus(key string, st Status) {
	gr, ok := g.byKey[key]
	if !ok {
		return
	}
	gr.status = st
	var icon fyne.Resource
	word, imp := "", widget.MediumImportance
	switch st.Kind {
	case StatusSaved:
		icon, word, imp = theme.NewSuccessThemedResource(theme.ConfirmIcon()), lang.X("entry.saved", "saved"), widget.SuccessImportance
	case StatusPending:
		icon, word, imp = theme.NewWarningThemedResource(theme.QuestionIcon()), lang.X("entry.notsaved", "not saved"), widget.WarningImportance
	case StatusInvalid:
		icon, word, imp = theme.NewErrorThemedResource(theme.ErrorIcon()), lang.X("entry.refused", "error"), widget.DangerImportance
	case StatusWarning:
		icon, word, imp = theme.NewWarningThemedResource(theme.WarningIcon()), lang.X("entry.check", "check"), widget.WarningImportance
	}
	if icon == nil {
		gr.statusIcon.Hide()
	} else {
		gr.statusIcon.SetResource(icon)
		gr.statusIcon.Show()
	}
	gr.statusText.Importance = imp
	gr.statusText.SetText(word)
	gr.detail.Importance = imp
	gr.detail.SetText(st.Text)
	shown := gr.detailLine.Visible()
	if st.Text != "" && st.Kind != StatusNone {
		gr.detailLine.Show()
	} else {
		gr.detailLine.Hide()
	}
	if shown != gr.detailLine.Visible() {
		g.scroll.Refresh() // the row's height changed: lay out the rows again
	}
	if gr.value != nil && (st.Kind == StatusInvalid || st.Kind == StatusPending) {
		gr.value.committed = "\x00" // never equal to a text: commit again on leaving
	}
	gr.object.Refresh()
}

// SetValue puts text in the row's value cell (or total) without committing it.
func (g *EntryGrid) SetValue(key, text string) {
	gr, ok := g.byKey[key]
	if !ok {
		return
	}
	if gr.value == nil {
		gr.total.SetText(text)
		return
	}
	gr.value.setCommitted(text)
}

// SetPlaceholder sets the greyed text of an empty value cell.
func (g *EntryGrid) SetPlaceholder(key, text string) {
	if gr, ok := g.byKey[key]; ok && gr.value != nil {
		gr.value.SetPlaceHolder(text)
	}
}

// SetChange shows the change in percent of a row.
func (g *EntryGrid) SetChange(key, text string) {
	if gr, ok := g.byKey[key]; ok {
		gr.change.SetText(text)
	}
}

// SetComment puts text in the row's comment cell without committing it.
func (g *EntryGrid) SetComment(key, text string) {
	if gr, ok := g.byKey[key]; ok && gr.comment != nil {
		gr.comment.setCommitted(text)
	}
}

// SetFollowUp sets the row's follow-up flag without calling OnFollowUp.
func (g *EntryGrid) SetFollowUp(key string, on bool) {
	if gr, ok := g.byKey[key]; ok && gr.followUp != nil {
		gr.updating = true
		gr.followUp.SetChecked(on)
		gr.updating = false
	}
}

// Focus gives the keyboard focus to the row's value cell and scrolls to it.
func (g *EntryGrid) Focus(key string) {
	if gr, ok := g.byKey[key]; ok && gr.value != nil {
		g.focusCell(gr)
	}
}

// ValueCell returns the value cell of a row, nil for none (tests use it).
func (g *EntryGrid) ValueCell(key string) *GridEntry {
	if gr, ok := g.byKey[key]; ok {
		return gr.value
	}
	return nil
}

// CommentCell returns the comment cell of a row, nil for none.
func (g *EntryGrid) CommentCell(key string) *GridEntry {
	if gr, ok := g.byKey[key]; ok {
		return gr.comment
	}
	return nil
}

// FollowUpCheck returns the follow-up check of a row, nil for none.
func (g *EntryGrid) FollowUpCheck(key string) *widget.Check {
	if gr, ok := g.byKey[key]; ok {
		return gr.followUp
	}
	return nil
}

// HistoryButton returns the history button of a row, nil for none.
func (g *EntryGrid) HistoryButton(key string) *widget.Button {
	if gr, ok := g.byKey[key]; ok {
		return gr.history
	}
	return nil
}

func (g *EntryGrid) focusCell(gr *gridRow) {
	c := fyne.CurrentApp().Driver().CanvasForObject(g)
	if c == nil {
		return
	}
	c.Focus(gr.value)
	// scroll so that the row can be seen
	y, h := gr.object.Position().Y, gr.object.Size().Height
	off, view := g.scroll.Offset.Y, g.scroll.Size().Height
	switch {
	case y < off:
		g.scroll.ScrollToOffset(fyne.NewPos(0, y))
	case y+h > off+view && view > 0:
		g.scroll.ScrollToOffset(fyne.NewPos(0, y+h-view))
	}
}

// commit reports a changed cell; for a value cell moved by Enter it then
// goes to the next value cell, unless the value was refused or is pending.
func (g *EntryGrid) commit(c *GridEntry, next bool) {
	gr := g.byKey[c.key]
	if gr == nil {
		return
	}
	if c.Text != c.committed {
		c.committed = c.Text
		if c.value && g.OnCommit != nil {
			g.OnCommit(c.key, c.Text)
		} else if !c.value && g.OnComment != nil {
			g.OnComment(c.key, c.Text)
		}
	}
	if !next || !c.value {
		return
	}
	if k := gr.status.Kind; k == StatusInvalid || k == StatusPending {
		return
	}
	for i, cell := range g.cells {
		if cell == c && i+1 < len(g.cells) {
			g.focusCell(g.byKey[g.cells[i+1].key])
			return
		}
	}
}

// GridEntry is a value or comment cell of an EntryGrid: an Entry that
// commits its text when it loses focus or Enter is pressed, and passes
// Ctrl+Z to the grid when its text is unchanged.
type GridEntry struct {
	widget.Entry
	grid      *EntryGrid
	key       string
	value     bool   // a value cell, not a comment cell
	committed string // the text last committed or set
}

func newGridEntry(g *EntryGrid, key string, value bool) *GridEntry {
	e := &GridEntry{grid: g, key: key, value: value}
	e.ExtendBaseWidget(e)
	return e
}

func (e *GridEntry) setCommitted(text string) {
	e.committed = text
	e.SetText(text)
}

// FocusLost commits the text if it changed.
func (e *GridEntry) FocusLost() {
	e.Entry.FocusLost()
	e.grid.commit(e, false)
}

// TypedKey commits on Enter and moves to the next value cell.
func (e *GridEntry) TypedKey(key *fyne.KeyEvent) {
	switch key.Name {
	case fyne.KeyReturn, fyne.KeyEnter:
		e.grid.commit(e, true)
		return
	}
	e.Entry.TypedKey(key)
}

// TypedShortcut sends Ctrl+Z to the grid's OnUndo when the text is as last
// committed; otherwise the entry undoes the typing.
func (e *GridEntry) TypedShortcut(s fyne.Shortcut) {
	if isUndo(s) && e.Text == e.committed && e.grid.OnUndo != nil {
		e.grid.OnUndo()
		return
	}
	e.Entry.TypedShortcut(s)
}

// isUndo reports whether s is Ctrl+Z (Cmd+Z on macOS): the desktop driver
// sends fyne.ShortcutUndo, other sources a desktop.CustomShortcut.
func isUndo(s fyne.Shortcut) bool {
	switch s := s.(type) {
	case *fyne.ShortcutUndo:
		return true
	case *desktop.CustomShortcut:
		return s.KeyName == fyne.KeyZ && s.Modifier == fyne.KeyModifierShortcutDefault
	}
	return false
}

// gridLayout places the columns of a row: every column has a fixed width
// but the name, which takes what is left (at least minName), and the
// comment, which takes a share of it.
type gridLayout struct {
	widths [gridColumns]float32
	width  float32 // of the rows, as last laid out
	// longUnits are the units wider than their column, which are
	// truncated; truncating the others would only cost a text shaping each.
	longUnits map[string]bool
}

// minName is the least width of the name column, which wraps its text;
// maxUnit the largest of the unit column.
const (
	minName = 150
	maxUnit = 110
)

func newGridLayout() *gridLayout {
	return &gridLayout{}
}

// fit sizes the columns to their titles and the rows' texts, within
// bounds; the target column is left out when no row has a target.
func (l *gridLayout) fit(titles [gridColumns]string, rows []EntryRow) {
	bold := fyne.TextStyle{Bold: true}
	pad := 2 * theme.InnerPadding()
	measure := func(text string, style fyne.TextStyle) float32 {
		return fyne.MeasureText(text, theme.TextSize(), style).Width + pad + 2
	}
	var title [gridColumns]float32 // the longest line of each title
	for i, t := range titles {
		for _, line := range strings.Split(t, "\n") {
			title[i] = max(title[i], measure(line, bold))
		}
		l.widths[i] = title[i]
	}
	hasTarget, hasBefore := false, false
	l.longUnits = map[string]bool{}
	for _, r := range rows {
		w := measure(r.Unit, fyne.TextStyle{})
		l.longUnits[r.Unit] = w > maxUnit
		l.widths[gcUnit] = max(l.widths[gcUnit], w)
		l.widths[gcPrevious] = max(l.widths[gcPrevious], measure(r.Previous, fyne.TextStyle{}))
		l.widths[gcBefore] = max(l.widths[gcBefore], measure(r.Before, fyne.TextStyle{}))
		l.widths[gcTarget] = max(l.widths[gcTarget], measure(r.Target, fyne.TextStyle{}))
		hasTarget = hasTarget || r.Target != ""
		hasBefore = hasBefore || r.Before != ""
	}
	l.widths[gcUnit] = min(l.widths[gcUnit], maxUnit)
	l.widths[gcPrevious] = max(min(max(l.widths[gcPrevious], 80), 130), title[gcPrevious])
	l.widths[gcValue] = 104
	l.widths[gcStatus] = 72
	l.widths[gcChange] = max(l.widths[gcChange], 70)
	l.widths[gcTarget] = min(max(l.widths[gcTarget], 80), 130)
	if !hasTarget {
		l.widths[gcTarget] = 0
	}
	l.widths[gcBefore] = max(min(max(l.widths[gcBefore], 80), 160), title[gcBefore])
	if !hasBefore {
		l.widths[gcBefore] = 0
	}
	l.widths[gcComment] = 120
	l.widths[gcFollowUp] = max(l.widths[gcFollowUp], 40)
	l.widths[gcHistory] = theme.IconInlineSize() + pad
}

// columns returns the x and width of each column for a row of width w,
// and the width they take. The column of the former areas takes no room,
// not even a gap, when it is empty.
func (l *gridLayout) columns(w float32) (x, width [gridColumns]float32, total float32) {
	width = l.widths
	gap := func(i int) float32 {
		if i == gcBefore && width[i] == 0 || i == gridColumns-1 {
			return 0
		}
		return theme.Padding()
	}
	fixed := float32(0)
	for i, c := range width {
		if i != gcName {
			fixed += c
		}
		fixed += gap(i)
	}
	width[gcName] = max(w-fixed, minName)
	pos := float32(0)
	for i := range width {
		x[i] = pos
		pos += width[i] + gap(i)
	}
	return x, width, pos
}

func (l *gridLayout) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	l.width = size.Width
	x, width, _ := l.columns(size.Width)
	for i, o := range objects {
		if i >= gridColumns {
			break
		}
		h := size.Height
		if i != gcName { // cells keep their height, at the top of a row made tall by a wrapped name
			h = min(o.MinSize().Height, h)
		}
		o.Move(fyne.NewPos(x[i], 0))
		o.Resize(fyne.NewSize(width[i], h))
		if width[i] == 0 {
			o.Hide()
		} else if !o.Visible() {
			o.Show()
		}
	}
}

// MinSize is the sum of the column widths by the height of the tallest
// cell; the name, which wraps, is measured at the width it will get.
func (l *gridLayout) MinSize(objects []fyne.CanvasObject) fyne.Size {
	h := float32(0)
	_, widths, _ := l.columns(l.width)
	for i, o := range objects {
		if i == gcName {
			o.Resize(fyne.NewSize(widths[gcName], o.Size().Height))
		}
		h = max(h, o.MinSize().Height)
	}
	_, _, w := l.columns(0)
	return fyne.NewSize(w, h)
}

// detailLayout places the line under a row from the value column to the
// end of the row.
type detailLayout struct{ cols *gridLayout }

func (l *detailLayout) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	x, _, _ := l.cols.columns(size.Width)
	for _, o := range objects {
		o.Move(fyne.NewPos(x[gcValue], 0))
		o.Resize(fyne.NewSize(size.Width-x[gcValue], o.MinSize().Height))
	}
}

func (l *detailLayout) MinSize(objects []fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	x, _, _ := l.cols.columns(l.cols.width)
	for _, o := range objects {
		o.Resize(fyne.NewSize(max(l.cols.width-x[gcValue], minName), o.Size().Height))
		s = s.Max(o.MinSize())
	}
	return s
}
