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

// rowView is the widgets of one row of an EntryGrid, shown for one row at
// a time and given to another as the grid scrolls.
type rowView struct {
	g          *EntryGrid
	row        *gridRow // nil while unused
	name       *widget.Label
	indent     *canvas.Rectangle // before the name of a part
	unit       *widget.Label
	previous   *widget.Label
	before     *widget.Label
	value      *GridEntry
	total      *widget.Label // in place of the value cell on a computed row
	statusIcon *widget.Icon
	statusText *widget.Label
	change     *widget.Label
	target     *widget.Label
	comment    *GridEntry
	followUp   *widget.Check
	history    *widget.Button
	detail     *widget.Label
	line       *fyne.Container
	object     *fyne.Container
	updating   bool // set while the grid itself changes the check
}

// rightLabel shows a number. Its column is measured to fit (see fit), so
// it is not truncated: truncating costs a text shaping per label.
func rightLabel(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Alignment = fyne.TextAlignTrailing
	return l
}

// indentWidth is the space before the name of a part (the border layout
// adds a padding after it).
func indentWidth() float32 { return theme.IconInlineSize() + theme.Padding() }

func newRowView(g *EntryGrid) *rowView {
	v := &rowView{g: g}
	v.name = widget.NewLabel("")
	v.name.Wrapping = fyne.TextWrapWord
	v.indent = canvas.NewRectangle(nil)
	v.indent.SetMinSize(fyne.NewSize(indentWidth(), 0))
	v.unit = widget.NewLabel("")
	v.previous = rightLabel("")
	v.before = rightLabel("")
	v.change = rightLabel("")
	v.target = rightLabel("")
	v.statusIcon = widget.NewIcon(nil)
	v.statusIcon.Hide()
	v.statusText = widget.NewLabel("")
	v.statusText.SizeName = theme.SizeNameCaptionText
	v.detail = widget.NewLabel("")
	v.detail.Wrapping = fyne.TextWrapWord
	v.detail.SizeName = theme.SizeNameCaptionText
	v.detail.Hide()
	v.total = rightLabel("")
	v.total.TextStyle.Bold = true
	v.value = newGridEntry(g, v, true)
	v.comment = newGridEntry(g, v, false)
	v.followUp = widget.NewCheck("", func(on bool) {
		if v.updating || v.row == nil {
			return
		}
		v.row.row.FollowUp = on
		if g.OnFollowUp != nil {
			g.OnFollowUp(v.row.row.Key, on)
		}
	})
	v.history = widget.NewButtonWithIcon("", theme.HistoryIcon(), func() {
		if v.row != nil && g.OnHistory != nil {
			g.OnHistory(v.row.row.Key)
		}
	})
	v.history.Importance = widget.LowImportance

	name := container.NewBorder(nil, nil, v.indent, nil, v.name)
	status := container.NewBorder(nil, nil, v.statusIcon, nil, v.statusText)
	// The layout shows and hides whole columns (the target column may be
	// left out): the cells a computed row hides sit in containers.
	v.line = container.New(g.cols, name, v.unit, v.previous, v.before, container.NewStack(v.value, v.total), status, v.change, v.target,
		container.NewStack(v.comment), container.NewCenter(v.followUp), container.NewStack(v.history))
	v.object = container.New(&rowLayout{v}, v.line, v.detail)
	return v
}

// bind shows the row r.
func (v *rowView) bind(r *gridRow) {
	v.row, r.view = r, v
	row := &r.row
	v.name.Text = row.Name
	v.name.TextStyle.Bold = row.Computed
	v.name.Refresh()
	if row.Part {
		v.indent.Show()
	} else {
		v.indent.Hide()
	}
	v.unit.Text = row.Unit
	v.unit.Truncation = fyne.TextTruncateOff
	if v.g.cols.longUnits[row.Unit] {
		v.unit.Truncation = fyne.TextTruncateEllipsis
	}
	v.unit.Refresh()
	v.previous.SetText(row.Previous)
	v.before.SetText(row.Before)
	v.change.SetText(row.Change)
	v.target.SetText(row.Target)
	editable := []fyne.CanvasObject{v.value, v.comment, v.followUp, v.history}
	if row.Computed {
		for _, o := range editable {
			o.Hide()
		}
		v.total.Show()
	} else {
		v.total.Hide()
		for _, o := range editable {
			o.Show()
		}
		v.value.PlaceHolder = row.Placeholder
		v.comment.SetText(row.Comment)
		v.showFollowUp()
		v.showReadOnly()
	}
	v.showValue()
	v.showStatus()
}

// unbind keeps the texts of the cells with the row and frees the widgets.
func (v *rowView) unbind() {
	if v.row == nil {
		return
	}
	v.sync()
	v.row.view = nil
	v.row = nil
}

// sync copies the texts of the cells (maybe typed, not committed) into the
// row.
func (v *rowView) sync() {
	if r := v.row; r != nil && !r.row.Computed {
		r.row.Value, r.row.Comment, r.row.FollowUp = v.value.Text, v.comment.Text, v.followUp.Checked
	}
}

func (v *rowView) showValue() {
	if v.row.row.Computed {
		v.total.SetText(v.row.row.Value)
		return
	}
	v.value.SetText(v.row.row.Value)
}

// showReadOnly turns the cells off or on as the grid is.
func (v *rowView) showReadOnly() {
	for _, w := range []fyne.Disableable{v.value, v.comment, v.followUp} {
		if v.g.readOnly {
			w.Disable()
		} else {
			w.Enable()
		}
	}
}

func (v *rowView) showFollowUp() {
	v.updating = true
	v.followUp.SetChecked(v.row.row.FollowUp)
	v.updating = false
}

// showStatus shows the state of the row's value.
func (v *rowView) showStatus() {
	st := v.row.status
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
		v.statusIcon.Hide()
	} else {
		v.statusIcon.SetResource(icon)
		v.statusIcon.Show()
	}
	v.statusText.Importance = imp
	v.statusText.SetText(word)
	v.detail.Importance = imp
	v.detail.SetText(st.Text)
	if st.Text != "" && st.Kind != StatusNone {
		v.detail.Show()
	} else {
		v.detail.Hide()
	}
}

// place puts the row's widgets at the row's place in a body of width w.
func (v *rowView) place(w float32) {
	v.object.Move(fyne.NewPos(0, v.row.y))
	v.object.Resize(fyne.NewSize(w, v.row.height))
}

// rowLayout places the line of cells at the top of a row and the status
// line under it, from the value column to the end, at the heights the grid
// measured for the row.
type rowLayout struct{ v *rowView }

func (l *rowLayout) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	r := l.v.row
	if r == nil {
		return
	}
	line, detail := objects[0], objects[1]
	line.Move(fyne.Position{})
	line.Resize(fyne.NewSize(size.Width, r.line))
	x, _, _ := l.v.g.cols.columns(size.Width)
	detail.Move(fyne.NewPos(x[gcValue], r.line+theme.Padding()))
	detail.Resize(fyne.NewSize(size.Width-x[gcValue], r.height-r.line-theme.Padding()))
}

func (l *rowLayout) MinSize([]fyne.CanvasObject) fyne.Size {
	if r := l.v.row; r != nil {
		return fyne.NewSize(l.v.g.cols.minWidth(), r.height)
	}
	return fyne.Size{}
}

// GridEntry is a value or comment cell of an EntryGrid: an Entry that
// commits its text when it loses focus or Enter is pressed, and passes
// Ctrl+Z to the grid when its text is unchanged.
type GridEntry struct {
	widget.Entry
	grid  *EntryGrid
	view  *rowView
	value bool // a value cell, not a comment cell
}

func newGridEntry(g *EntryGrid, v *rowView, value bool) *GridEntry {
	e := &GridEntry{grid: g, view: v, value: value}
	e.ExtendBaseWidget(e)
	return e
}

// committed returns the text last committed or set in the cell.
func (e *GridEntry) committed() string {
	if e.view.row == nil {
		return e.Text
	}
	if e.value {
		return e.view.row.committed
	}
	return e.view.row.noted
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
	if isUndo(s) && e.Text == e.committed() && e.grid.OnUndo != nil {
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
	line      float32 // height of a line of cells, measured once
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
// bounds; the target column is left out when no row has a target, the
// former areas' column when no row has what they reported.
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
		if _, seen := l.longUnits[r.Unit]; !seen {
			w := measure(r.Unit, fyne.TextStyle{})
			l.longUnits[r.Unit] = w > maxUnit
			l.widths[gcUnit] = max(l.widths[gcUnit], w)
		}
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

// lineHeight is the height of a line of cells whose name fits on one line:
// that of a text entry, the tallest cell.
func (l *gridLayout) lineHeight() float32 {
	if l.line == 0 {
		l.line = max(widget.NewEntry().MinSize().Height, widget.NewLabel("").MinSize().Height,
			widget.NewButtonWithIcon("", theme.HistoryIcon(), nil).MinSize().Height)
	}
	return l.line
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

// minWidth is the width of a row with the name column at its least.
func (l *gridLayout) minWidth() float32 {
	_, _, w := l.columns(0)
	return w
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

// MinSize is the sum of the column widths by the height of a line of
// cells, or of the tallest cell but the name (a title may hold two lines;
// the grid gives each row of values the height it measured, with the name
// wrapped).
func (l *gridLayout) MinSize(objects []fyne.CanvasObject) fyne.Size {
	h := l.lineHeight()
	for i, o := range objects {
		if i != gcName && i < gridColumns && o.Visible() {
			h = max(h, o.MinSize().Height)
		}
	}
	return fyne.NewSize(l.minWidth(), h)
}
