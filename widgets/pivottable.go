package widgets

import (
	"slices"
	"strings"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// PivotRow is one line of a PivotTable: an area with its value for each
// column, already formatted, and the raw values for sorting.
type PivotRow struct {
	Code string
	Name string
	// Cells are the texts shown, one per column.
	Cells []string
	// Values are the numbers behind Cells; OK[i] is false where column i
	// has no value (then sorted last, and left empty by CopyText).
	Values []float64
	OK     []bool
}

// PivotData is what a PivotTable shows.
type PivotData struct {
	NameTitle, CodeTitle string   // titles of the name and code columns
	Columns              []string // titles of the value columns (periods)
	Rows                 []PivotRow
	// Total, when not nil, is drawn in bold on a row that stays at the top
	// while the rows scroll.
	Total *PivotRow
}

// Column numbers of a PivotTable in OnSelected and SortBy: value columns
// count from 0, the name and code columns have these.
const (
	NameColumn = -2
	CodeColumn = -1
)

// TotalRow is the row number OnSelected gives for the total row.
const TotalRow = -1

// table columns before the value columns
const (
	pivotNameCol = iota
	pivotCodeCol
	pivotFixedCols
)

// PivotTable is a read-only, virtualised table of areas (rows) by periods
// (columns): the name and code of each area on the left, the name column
// staying in view when the table scrolls sideways, a bold total row under
// the header, values right-aligned. Clicking a column title sorts by that
// column (values: missing last in either direction; names: in the order
// of the Less function given), clicking again reverses. Only the visible
// cells exist, so thousands of rows scroll smoothly.
type PivotTable struct {
	widget.BaseWidget

	// OnSelected is called when the user selects a cell, with the index
	// of its row in PivotData.Rows (TotalRow for the total) and its column
	// (a value column from 0, NameColumn or CodeColumn).
	OnSelected func(row, col int)

	table *widget.Table
	less  func(a, b string) bool
	data  PivotData

	order    []int // rows in the order shown: indices into data.Rows
	nameRank []int // rank of each row in name order; nil until needed
	sorted   bool
	sortCol  int
	desc     bool
	// clipNames is set when some name is wider than the name column may
	// grow: names are then cut with an ellipsis. Other cells never need
	// it, and truncating costs a text shaping per cell drawn.
	clipNames bool
}

// NewPivotTable returns an empty table that sorts names with less (nil: by
// bytes; the app passes vntext.Less).
func NewPivotTable(less func(a, b string) bool) *PivotTable {
	if less == nil {
		less = func(a, b string) bool { return a < b }
	}
	t := &PivotTable{less: less}
	t.table = widget.NewTableWithHeaders(t.length,
		func() fyne.CanvasObject { return widget.NewLabel("") },
		t.updateCell)
	t.table.ShowHeaderColumn = false
	t.table.StickyColumnCount = 1
	t.table.CreateHeader = func() fyne.CanvasObject {
		b := widget.NewButton("", nil)
		b.Importance = widget.LowImportance
		b.IconPlacement = widget.ButtonIconTrailingText
		return b
	}
	t.table.UpdateHeader = t.updateHeader
	t.table.OnSelected = func(id widget.TableCellID) {
		if t.OnSelected == nil {
			return
		}
		row, ok := t.dataRow(id.Row)
		if !ok {
			return
		}
		t.OnSelected(row, columnOf(id.Col))
	}
	t.ExtendBaseWidget(t)
	return t
}

// columnOf returns the column number (see NameColumn) of a table column.
func columnOf(tableCol int) int {
	switch tableCol {
	case pivotNameCol:
		return NameColumn
	case pivotCodeCol:
		return CodeColumn
	}
	return tableCol - pivotFixedCols
}

// SetData replaces what the table shows. A sort chosen before is kept
// when its column still exists.
func (t *PivotTable) SetData(d PivotData) {
	t.data = d
	t.nameRank = nil
	if t.total() {
		t.table.StickyRowCount = 1
	} else {
		t.table.StickyRowCount = 0
	}
	if t.sorted && t.sortCol >= len(d.Columns) {
		t.sorted = false
	}
	t.applySort()
	t.fitColumns()
	t.table.UnselectAll()
	t.table.ScrollToTop()
	t.table.Refresh()
}

// Data returns what the table shows, rows in the order given to SetData.
func (t *PivotTable) Data() PivotData { return t.data }

// SortBy orders the rows by a column: a value column (from 0, missing
// values last), NameColumn or CodeColumn.
func (t *PivotTable) SortBy(col int, descending bool) {
	if col >= len(t.data.Columns) || col < NameColumn {
		return
	}
	t.sorted, t.sortCol, t.desc = true, col, descending
	t.applySort()
	t.table.Refresh()
}

// Sorting returns the column the rows are sorted by and the direction;
// ok is false while they are in the order given.
func (t *PivotTable) Sorting() (col int, descending, ok bool) {
	return t.sortCol, t.desc, t.sorted
}

// Shown returns the rows in the order shown, the total excluded.
func (t *PivotTable) Shown() []PivotRow {
	out := make([]PivotRow, len(t.order))
	for i, r := range t.order {
		out[i] = t.data.Rows[r]
	}
	return out
}

// Records returns the table as text: the titles, the rows in the order
// shown, then the total; missing values are empty.
func (t *PivotTable) Records() [][]string {
	d := t.data
	out := make([][]string, 0, len(t.order)+2)
	out = append(out, append([]string{d.NameTitle, d.CodeTitle}, d.Columns...))
	record := func(r *PivotRow) []string {
		rec := make([]string, pivotFixedCols+len(d.Columns))
		rec[pivotNameCol], rec[pivotCodeCol] = r.Name, r.Code
		for i := range d.Columns {
			if has(r, i) {
				rec[pivotFixedCols+i] = r.Cells[i]
			}
		}
		return rec
	}
	for _, i := range t.order {
		out = append(out, record(&d.Rows[i]))
	}
	if d.Total != nil {
		out = append(out, record(d.Total))
	}
	return out
}

// CopyText returns the table as tab-separated text for the clipboard
// (what spreadsheets paste into cells): the titles, the rows in the order
// shown, then the total.
func (t *PivotTable) CopyText() string {
	var b strings.Builder
	clean := strings.NewReplacer("\t", " ", "\r\n", " ", "\n", " ", "\r", " ")
	for _, rec := range t.Records() {
		for i, s := range rec {
			if i > 0 {
				b.WriteByte('\t')
			}
			b.WriteString(clean.Replace(s))
		}
		b.WriteString("\r\n")
	}
	return b.String()
}

// ScrollToTop, ScrollToBottom and ScrollToOffset scroll the table.
func (t *PivotTable) ScrollToTop()    { t.table.ScrollToTop() }
func (t *PivotTable) ScrollToBottom() { t.table.ScrollToBottom() }

// ScrollToOffset scrolls the rows so that the given offset is at the top
// left.
func (t *PivotTable) ScrollToOffset(p fyne.Position) { t.table.ScrollToOffset(p) }

// CreateRenderer is a private method to Fyne which links this widget to its
// renderer.
func (t *PivotTable) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(t.table)
}

func (t *PivotTable) total() bool { return t.data.Total != nil }

func (t *PivotTable) length() (int, int) {
	n := len(t.order)
	if t.total() {
		n++
	}
	return n, pivotFixedCols + len(t.data.Columns)
}

// dataRow returns the index in data.Rows of table row r (TotalRow for the
// total).
func (t *PivotTable) dataRow(r int) (int, bool) {
	if t.total() {
		if r == 0 {
			return TotalRow, true
		}
		r--
	}
	if r < 0 || r >= len(t.order) {
		return 0, false
	}
	return t.order[r], true
}

func has(r *PivotRow, col int) bool {
	return col < len(r.Cells) && (col >= len(r.OK) || r.OK[col])
}

func (t *PivotTable) updateCell(id widget.TableCellID, o fyne.CanvasObject) {
	l := o.(*widget.Label)
	i, ok := t.dataRow(id.Row)
	if !ok {
		l.SetText("")
		return
	}
	var r *PivotRow
	if i == TotalRow {
		r = t.data.Total
	} else {
		r = &t.data.Rows[i]
	}
	l.TextStyle.Bold = i == TotalRow
	l.Alignment = fyne.TextAlignLeading
	l.Truncation = fyne.TextTruncateOff
	switch id.Col {
	case pivotNameCol:
		if t.clipNames {
			l.Truncation = fyne.TextTruncateEllipsis
		}
		l.SetText(r.Name)
	case pivotCodeCol:
		l.SetText(r.Code)
	default:
		l.Alignment = fyne.TextAlignTrailing
		col := id.Col - pivotFixedCols
		if col < len(r.Cells) {
			l.SetText(r.Cells[col])
		} else {
			l.SetText("")
		}
	}
}

func (t *PivotTable) updateHeader(id widget.TableCellID, o fyne.CanvasObject) {
	b := o.(*widget.Button)
	col := columnOf(id.Col)
	switch id.Col {
	case pivotNameCol:
		b.Text = t.data.NameTitle
		b.Alignment = widget.ButtonAlignLeading
	case pivotCodeCol:
		b.Text = t.data.CodeTitle
		b.Alignment = widget.ButtonAlignLeading
	default:
		b.Text = ""
		if c := id.Col - pivotFixedCols; c >= 0 && c < len(t.data.Columns) {
			b.Text = t.data.Columns[c]
		}
		b.Alignment = widget.ButtonAlignTrailing
	}
	b.Icon = nil
	if t.sorted && t.sortCol == col {
		b.Icon = theme.MenuDropUpIcon()
		if t.desc {
			b.Icon = theme.MenuDropDownIcon()
		}
	}
	b.OnTapped = func() { t.headerTapped(col) }
	b.Refresh()
}

// headerTapped sorts by col, or reverses the order when already sorted by
// it.
func (t *PivotTable) headerTapped(col int) {
	desc := t.sorted && t.sortCol == col && !t.desc
	t.SortBy(col, desc)
}

// applySort sets the order of the rows from the sort chosen.
func (t *PivotTable) applySort() {
	n := len(t.data.Rows)
	t.order = t.order[:0]
	for i := range n {
		t.order = append(t.order, i)
	}
	if !t.sorted {
		return
	}
	rows := t.data.Rows
	dir := 1
	if t.desc {
		dir = -1
	}
	var cmp func(a, b int) int
	switch col := t.sortCol; col {
	case NameColumn:
		rank := t.names()
		cmp = func(a, b int) int { return dir * (rank[a] - rank[b]) }
	case CodeColumn:
		cmp = func(a, b int) int { return dir * strings.Compare(rows[a].Code, rows[b].Code) }
	default:
		cmp = func(a, b int) int {
			ra, rb := &rows[a], &rows[b]
			oka, okb := has(ra, col) && col < len(ra.Values), has(rb, col) && col < len(rb.Values)
			switch {
			case !oka && !okb:
				return 0
			case !oka:
				return 1 // missing last, whichever the direction
			case !okb:
				return -1
			case ra.Values[col] < rb.Values[col]:
				return -dir
			case ra.Values[col] > rb.Values[col]:
				return dir
			}
			return 0
		}
	}
	slices.SortStableFunc(t.order, cmp)
}

// names returns the rank of each row in the order of its name (by less),
// computed once per SetData. Rows given in that order already (as the app
// gives them) cost one comparison each.
func (t *PivotTable) names() []int {
	if t.nameRank != nil {
		return t.nameRank
	}
	rows := t.data.Rows
	idx := make([]int, len(rows))
	for i := range idx {
		idx[i] = i
	}
	inOrder := true
	for i := 1; i < len(rows) && inOrder; i++ {
		inOrder = !t.less(rows[i].Name, rows[i-1].Name)
	}
	if !inOrder {
		slices.SortStableFunc(idx, func(a, b int) int {
			switch {
			case t.less(rows[a].Name, rows[b].Name):
				return -1
			case t.less(rows[b].Name, rows[a].Name):
				return 1
			}
			return 0
		})
	}
	rank := make([]int, len(rows))
	for r, i := range idx {
		rank[i] = r
	}
	t.nameRank = rank
	return rank
}

// fitColumns sizes each column to its title and widest text, within
// bounds. Texts are measured only for the longest few of each column, so
// that thousands of rows cost little.
func (t *PivotTable) fitColumns() {
	d := t.data
	size := theme.TextSize()
	bold := fyne.TextStyle{Bold: true}
	pad := 4 * theme.Padding()
	icon := theme.IconInlineSize() + 2*theme.Padding()
	widest := func(texts func(yield func(string))) float32 {
		// The longest texts by rune count, then measured.
		const keep = 8
		long := make([]string, 0, keep)
		runes := make([]int, 0, keep)
		texts(func(s string) {
			n := utf8.RuneCountInString(s)
			if len(long) < keep {
				long, runes = append(long, s), append(runes, n)
				return
			}
			if i := slices.Index(runes, slices.Min(runes)); n > runes[i] {
				long[i], runes[i] = s, n
			}
		})
		var w float32
		for _, s := range long {
			w = max(w, fyne.MeasureText(s, size, bold).Width)
		}
		return w
	}
	all := func(text func(r *PivotRow) string) func(func(string)) {
		return func(yield func(string)) {
			for i := range d.Rows {
				yield(text(&d.Rows[i]))
			}
			if d.Total != nil {
				yield(text(d.Total))
			}
		}
	}
	clamp := func(w, lo, hi float32) float32 { return min(max(w, lo), hi) }

	name := max(widest(all(func(r *PivotRow) string { return r.Name })), fyne.MeasureText(d.NameTitle, size, bold).Width+icon)
	const maxName, maxCode, maxValue = 380, 180, 240
	t.table.SetColumnWidth(pivotNameCol, clamp(name+pad, 160, maxName))
	t.clipNames = name+pad > maxName
	code := max(widest(all(func(r *PivotRow) string { return r.Code })), fyne.MeasureText(d.CodeTitle, size, bold).Width+icon)
	t.table.SetColumnWidth(pivotCodeCol, clamp(code+pad, 60, maxCode))
	for c, title := range d.Columns {
		w := max(widest(all(func(r *PivotRow) string {
			if c < len(r.Cells) {
				return r.Cells[c]
			}
			return ""
		})), fyne.MeasureText(title, size, bold).Width+icon)
		t.table.SetColumnWidth(pivotFixedCols+c, clamp(w+pad, 80, maxValue))
	}
}
