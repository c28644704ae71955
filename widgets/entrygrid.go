package widgets

import (
	"sort"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
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
//
// Only the rows in view have widgets, recycled as the form scrolls (a form
// of 200 elements opens as fast as one of 20). The grid keeps each row's
// text typed and not yet committed, its status and its flag when its
// widgets go to another row, and never recycles the widgets of the row
// holding the keyboard focus.
type EntryGrid struct {
	widget.BaseWidget

	OnCommit   func(key, text string)
	OnComment  func(key, text string)
	OnFollowUp func(key string, on bool)
	OnUndo     func()
	OnHistory  func(key string)

	cols   *gridLayout
	titles [gridColumns]string
	header *fyne.Container
	body   *gridBody
	scroll *container.Scroll
	rows   []*gridRow
	byKey  map[string]*gridRow
	cells  []*gridRow // rows with a value cell, in order

	views    []*rowView // the widgets of rows shown, in row order
	free     []*rowView
	measured float32 // the row width the heights were measured at
	dropping bool    // SetRows is dropping the rows: their cells do not commit
	readOnly bool
	probe    *widget.Label
}

// gridRow is the state of one row, whether or not it has widgets.
type gridRow struct {
	index int
	row   EntryRow // with the texts as last known (see sync)
	// committed and noted are the value and comment texts last committed
	// or set: leaving a cell commits it only if its text differs.
	committed, noted string
	status           Status
	y, line, height  float32 // top, height of the cells' line, height with the status line
	view             *rowView
}

// NewEntryGrid returns a grid showing rows.
func NewEntryGrid(rows []EntryRow) *EntryGrid {
	g := &EntryGrid{cols: newGridLayout(), probe: widget.NewLabel("")}
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
	g.body = newGridBody(g)
	g.scroll = container.NewVScroll(g.body)
	g.scroll.OnScrolled = func(fyne.Position) { g.showRows() }
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

// SetRows replaces the rows shown; statuses are cleared. Text typed in a
// cell and not committed is dropped.
func (g *EntryGrid) SetRows(rows []EntryRow) {
	if c := g.canvas(); c != nil && g.owns(c.Focused()) {
		g.dropping = true
		c.Unfocus()
		g.dropping = false
	}
	for _, v := range g.views {
		v.row.view, v.row = nil, nil
		g.free = append(g.free, v)
	}
	g.views = g.views[:0]
	g.rows, g.cells = make([]*gridRow, len(rows)), nil
	g.byKey = make(map[string]*gridRow, len(rows))
	g.cols.fit(g.titles, rows)
	g.header.Refresh() // its columns may have changed
	for i, r := range rows {
		gr := &gridRow{index: i, row: r, committed: r.Value, noted: r.Comment}
		g.rows[i] = gr
		g.byKey[r.Key] = gr
		if !r.Computed {
			g.cells = append(g.cells, gr)
		}
	}
	g.scroll.Offset = fyne.Position{}
	g.reflow()
}

// SetReadOnly turns the value, comment and follow-up cells off (a locked
// form, e.g. an approved report) or on again; the history stays open. It
// holds for the rows set later too.
func (g *EntryGrid) SetReadOnly(on bool) {
	g.readOnly = on
	for _, v := range g.views {
		v.showReadOnly()
	}
}

// ReadOnly reports whether the cells are turned off.
func (g *EntryGrid) ReadOnly() bool { return g.readOnly }

// canvas returns the canvas the grid is on, nil before it is shown.
func (g *EntryGrid) canvas() fyne.Canvas {
	if fyne.CurrentApp() == nil {
		return nil
	}
	return fyne.CurrentApp().Driver().CanvasForObject(g)
}

// owns reports whether o is one of the grid's cells.
func (g *EntryGrid) owns(o fyne.Focusable) bool {
	e, ok := o.(*GridEntry)
	return ok && e.grid == g
}

// measure sets the heights and tops of every row for rows of width w.
func (g *EntryGrid) measure(w float32) {
	g.measured = w
	y := float32(0)
	pad := theme.Padding()
	for _, r := range g.rows {
		r.y = y
		r.line, r.height = g.rowHeight(r, w)
		y += r.height + pad
	}
}

// rowHeight returns the height of the line of cells of r and of the whole
// row (with its status line), for rows of width w: a name too long for
// its column wraps, as the label will.
func (g *EntryGrid) rowHeight(r *gridRow, w float32) (line, total float32) {
	x, widths, _ := g.cols.columns(w)
	line = g.cols.lineHeight()
	nameW := widths[gcName]
	if r.row.Part {
		nameW -= indentWidth() + theme.Padding()
	}
	style := fyne.TextStyle{Bold: r.row.Computed}
	if fyne.MeasureText(r.row.Name, theme.TextSize(), style).Width+2*theme.InnerPadding() > nameW {
		line = max(line, g.probed(r.row.Name, style, theme.SizeNameText, nameW))
	}
	total = line
	if r.status.Text != "" && r.status.Kind != StatusNone {
		total += theme.Padding() + g.probed(r.status.Text, fyne.TextStyle{}, theme.SizeNameCaptionText, w-x[gcValue])
	}
	return line, total
}

// probed returns the height a word-wrapped label of the text takes at
// width w.
func (g *EntryGrid) probed(text string, style fyne.TextStyle, size fyne.ThemeSizeName, w float32) float32 {
	p := g.probe
	p.Text, p.TextStyle, p.SizeName, p.Wrapping = text, style, size, fyne.TextWrapWord
	p.Refresh()
	p.Resize(fyne.NewSize(w, p.Size().Height))
	return p.MinSize().Height
}

// overscan is the number of rows above and below the view that get
// widgets too, so that a small scroll shows rows ready.
const overscan = 2

// showRows gives widgets to the rows in view (and keeps them on the row
// with the focus), taking them from rows no longer in view.
func (g *EntryGrid) showRows() {
	size := g.body.Size()
	if size.Width <= 0 {
		return
	}
	if size.Width != g.measured {
		g.measure(size.Width)
	}
	top, bottom := g.scroll.Offset.Y, g.scroll.Offset.Y+g.scroll.Size().Height
	first := sort.Search(len(g.rows), func(i int) bool { return g.rows[i].y+g.rows[i].height >= top })
	last := sort.Search(len(g.rows), func(i int) bool { return g.rows[i].y > bottom })
	first, last = max(first-overscan, 0), min(last+overscan, len(g.rows))

	var focused *rowView
	if c := g.canvas(); c != nil {
		if e, ok := c.Focused().(*GridEntry); ok && e.grid == g {
			focused = e.view
		}
	}
	keep := g.views[:0]
	for _, v := range g.views {
		if i := v.row.index; v == focused || i >= first && i < last {
			keep = append(keep, v)
			continue
		}
		v.unbind()
		g.free = append(g.free, v)
	}
	g.views = keep
	for i := first; i < last; i++ {
		if r := g.rows[i]; r.view == nil {
			g.give(r)
		}
	}
	g.order()
	for _, v := range g.views {
		v.place(size.Width)
	}
}

// give gives the row widgets, unused ones if there are.
func (g *EntryGrid) give(r *gridRow) {
	var v *rowView
	if n := len(g.free); n > 0 {
		v, g.free = g.free[n-1], g.free[:n-1]
	} else {
		v = newRowView(g)
	}
	v.bind(r)
	g.views = append(g.views, v)
}

// order puts the widgets of the rows shown in row order, so that Tab goes
// down the form.
func (g *EntryGrid) order() {
	sort.Slice(g.views, func(i, j int) bool { return g.views[i].row.index < g.views[j].row.index })
	g.body.objects = g.body.objects[:0]
	for _, v := range g.views {
		g.body.objects = append(g.body.objects, v.object)
	}
}

// height is the height of all the rows.
func (g *EntryGrid) height() float32 {
	if n := len(g.rows); n > 0 {
		return g.rows[n-1].y + g.rows[n-1].height
	}
	return 0
}

// reflow measures the rows again (they changed, or one's height did) and
// shows those in view.
func (g *EntryGrid) reflow() {
	g.measured = 0
	g.scroll.Refresh() // sizes the body to the rows' height (which lays it out if it changed)
	g.relayout()
}

// relayout shows the rows in view and has the body drawn again.
func (g *EntryGrid) relayout() {
	g.showRows()
	if c := g.canvas(); c != nil {
		c.Refresh(g.body)
	}
}

// shown returns the widgets of the row r, scrolling it into view first.
func (g *EntryGrid) shown(r *gridRow) *rowView {
	if r.view == nil {
		g.scrollTo(r)
	}
	if r.view == nil { // the grid is not laid out yet: give the row widgets anyway
		g.give(r)
		g.order()
	}
	return r.view
}

// scrollTo scrolls so that the row can be seen.
func (g *EntryGrid) scrollTo(r *gridRow) {
	if g.measured == 0 && g.body.Size().Width > 0 {
		g.measure(g.body.Size().Width)
	}
	off, view := g.scroll.Offset.Y, g.scroll.Size().Height
	switch {
	case r.y < off:
		g.scroll.ScrollToOffset(fyne.NewPos(0, r.y))
	case r.y+r.height > off+view && view > 0:
		g.scroll.ScrollToOffset(fyne.NewPos(0, r.y+r.height-view))
	}
	g.relayout()
}

// Rows returns the rows shown, with the texts now in their cells.
func (g *EntryGrid) Rows() []EntryRow {
	out := make([]EntryRow, len(g.rows))
	for i, r := range g.rows {
		out[i] = r.current()
	}
	return out
}

// Row returns the row with the key as it is now shown, false if there is none.
func (g *EntryGrid) Row(key string) (EntryRow, bool) {
	r, ok := g.byKey[key]
	if !ok {
		return EntryRow{}, false
	}
	return r.current(), true
}

// current returns the row with the texts now in its cells.
func (r *gridRow) current() EntryRow {
	if r.view != nil {
		r.view.sync()
	}
	return r.row
}

// Status returns the status shown for the row with the key.
func (g *EntryGrid) Status(key string) Status {
	if r, ok := g.byKey[key]; ok {
		return r.status
	}
	return Status{}
}

// SetStatus shows the state of a row's value. A refused or pending value
// is committed again when its cell is next left, even if unchanged.
func (g *EntryGrid) SetStatus(key string, st Status) {
	r, ok := g.byKey[key]
	if !ok {
		return
	}
	lined := r.status.Text != "" && r.status.Kind != StatusNone
	r.status = st
	if !r.row.Computed && (st.Kind == StatusInvalid || st.Kind == StatusPending) {
		r.committed = "\x00" // never equal to a text: commit again on leaving
	}
	if r.view != nil {
		r.view.showStatus()
	}
	if lined || st.Text != "" && st.Kind != StatusNone {
		g.reflow() // the status line appeared, went or may wrap differently
	}
}

// SetValue puts text in the row's value cell (or total) without committing it.
func (g *EntryGrid) SetValue(key, text string) {
	r, ok := g.byKey[key]
	if !ok {
		return
	}
	r.row.Value = text
	if !r.row.Computed {
		r.committed = text
	}
	if r.view != nil {
		r.view.showValue()
	}
}

// SetPlaceholder sets the greyed text of an empty value cell.
func (g *EntryGrid) SetPlaceholder(key, text string) {
	if r, ok := g.byKey[key]; ok && !r.row.Computed {
		r.row.Placeholder = text
		if r.view != nil {
			r.view.value.SetPlaceHolder(text)
		}
	}
}

// SetChange shows the change in percent of a row.
func (g *EntryGrid) SetChange(key, text string) {
	if r, ok := g.byKey[key]; ok {
		r.row.Change = text
		if r.view != nil {
			r.view.change.SetText(text)
		}
	}
}

// SetComment puts text in the row's comment cell without committing it.
func (g *EntryGrid) SetComment(key, text string) {
	if r, ok := g.byKey[key]; ok && !r.row.Computed {
		r.row.Comment, r.noted = text, text
		if r.view != nil {
			r.view.comment.SetText(text)
		}
	}
}

// SetFollowUp sets the row's follow-up flag without calling OnFollowUp.
func (g *EntryGrid) SetFollowUp(key string, on bool) {
	if r, ok := g.byKey[key]; ok && !r.row.Computed {
		r.row.FollowUp = on
		if r.view != nil {
			r.view.showFollowUp()
		}
	}
}

// Focus gives the keyboard focus to the row's value cell and scrolls to it.
func (g *EntryGrid) Focus(key string) {
	if r, ok := g.byKey[key]; ok && !r.row.Computed {
		g.focusCell(r)
	}
}

// ValueCell returns the value cell of a row, scrolled into view; nil for
// none (tests use it).
func (g *EntryGrid) ValueCell(key string) *GridEntry {
	if r, ok := g.byKey[key]; ok && !r.row.Computed {
		return g.shown(r).value
	}
	return nil
}

// CommentCell returns the comment cell of a row, scrolled into view; nil
// for none.
func (g *EntryGrid) CommentCell(key string) *GridEntry {
	if r, ok := g.byKey[key]; ok && !r.row.Computed {
		return g.shown(r).comment
	}
	return nil
}

// FollowUpCheck returns the follow-up check of a row, scrolled into view;
// nil for none.
func (g *EntryGrid) FollowUpCheck(key string) *widget.Check {
	if r, ok := g.byKey[key]; ok && !r.row.Computed {
		return g.shown(r).followUp
	}
	return nil
}

// HistoryButton returns the history button of a row, scrolled into view;
// nil for none.
func (g *EntryGrid) HistoryButton(key string) *widget.Button {
	if r, ok := g.byKey[key]; ok && !r.row.Computed {
		return g.shown(r).history
	}
	return nil
}

func (g *EntryGrid) focusCell(r *gridRow) {
	c := g.canvas()
	if c == nil {
		return
	}
	g.scrollTo(r)
	if r.view != nil {
		c.Focus(r.view.value)
	}
}

// commit reports a changed cell; for a value cell moved by Enter it then
// goes to the next value cell, unless the value was refused or is pending.
func (g *EntryGrid) commit(c *GridEntry, next bool) {
	if g.dropping || c.view == nil || c.view.row == nil {
		return
	}
	r := c.view.row
	if c.value {
		r.row.Value = c.Text
		if c.Text != r.committed {
			r.committed = c.Text
			if g.OnCommit != nil {
				g.OnCommit(r.row.Key, c.Text)
			}
		}
	} else {
		r.row.Comment = c.Text
		if c.Text != r.noted {
			r.noted = c.Text
			if g.OnComment != nil {
				g.OnComment(r.row.Key, c.Text)
			}
		}
	}
	if !next || !c.value {
		return
	}
	if k := r.status.Kind; k == StatusInvalid || k == StatusPending {
		return
	}
	for i, cell := range g.cells {
		if cell == r && i+1 < len(g.cells) {
			g.focusCell(g.cells[i+1])
			return
		}
	}
}

// gridBody is the scrolled part of the grid: as tall as all the rows,
// holding the widgets of those in view.
type gridBody struct {
	widget.BaseWidget
	g       *EntryGrid
	objects []fyne.CanvasObject
}

func newGridBody(g *EntryGrid) *gridBody {
	b := &gridBody{g: g}
	b.ExtendBaseWidget(b)
	return b
}

// CreateRenderer is a private method to Fyne which links this widget to its
// renderer.
func (b *gridBody) CreateRenderer() fyne.WidgetRenderer { return &gridBodyRenderer{b} }

type gridBodyRenderer struct{ b *gridBody }

func (r *gridBodyRenderer) Layout(fyne.Size)             { r.b.g.showRows() }
func (r *gridBodyRenderer) Objects() []fyne.CanvasObject { return r.b.objects }
func (r *gridBodyRenderer) Destroy()                     {}

// MinSize is the width of the columns by the height of all the rows.
func (r *gridBodyRenderer) MinSize() fyne.Size {
	g := r.b.g
	if w := r.b.Size().Width; w > 0 && w != g.measured {
		g.measure(w)
	}
	return fyne.NewSize(g.cols.minWidth(), g.height())
}

// Refresh draws the rows again (after a change of theme, say); the grid
// changes the widgets of a row itself.
func (r *gridBodyRenderer) Refresh() {
	r.b.g.showRows()
	for _, o := range r.b.objects {
		o.Refresh()
	}
}
