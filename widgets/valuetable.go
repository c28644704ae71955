package widgets

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// ValueRow is one line of a ValueTable, already formatted for display.
type ValueRow struct {
	Code  string
	Name  string
	Unit  string
	Value string // formatted number, or "–" when there is none
	// Indicator marks a computed indicator: drawn in bold.
	Indicator bool
}

// Columns of a ValueTable.
const (
	colCode = iota
	colName
	colUnit
	colValue
	valueColumns
)

// minNameWidth is the least width the name column gets before the table
// scrolls sideways.
const minNameWidth = 240

// ValueTable is a read-only, virtualised table of the values of one area
// and period, with the columns Mã (code), Chỉ tiêu (name), Đơn vị (unit)
// and Giá trị (value). Values are right-aligned; indicator rows are bold.
// The name column takes the width the other columns leave.
type ValueTable struct {
	widget.BaseWidget

	table  *widget.Table
	rows   []ValueRow
	widths [valueColumns]float32 // code, unit and value widths fitted to content
}

// NewValueTable returns a table showing rows.
func NewValueTable(rows []ValueRow) *ValueTable {
	t := &ValueTable{}
	t.table = widget.NewTableWithHeaders(
		func() (int, int) { return len(t.rows), valueColumns },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		t.updateCell)
	t.table.ShowHeaderColumn = false
	t.table.CreateHeader = func() fyne.CanvasObject {
		l := widget.NewLabel("")
		l.TextStyle.Bold = true
		return l
	}
	t.table.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		l := o.(*widget.Label)
		l.Alignment = alignment(id.Col)
		l.SetText(headers()[id.Col])
	}
	t.ExtendBaseWidget(t)
	t.SetRows(rows)
	return t
}

// headers returns the column titles in the interface language.
func headers() [valueColumns]string {
	return [valueColumns]string{lang.L("Code"), lang.L("Indicator"), lang.L("Unit"), lang.L("Value")}
}

func alignment(col int) fyne.TextAlign {
	if col == colValue {
		return fyne.TextAlignTrailing
	}
	return fyne.TextAlignLeading
}

// SetRows replaces the rows shown and fits the column widths to them.
func (t *ValueTable) SetRows(rows []ValueRow) {
	t.rows = rows
	t.fitColumns()
	t.table.ScrollToTop()
	t.table.Refresh()
}

// Rows returns the rows shown.
func (t *ValueTable) Rows() []ValueRow { return t.rows }

// CreateRenderer is a private method to Fyne which links this widget to its
// renderer.
func (t *ValueTable) CreateRenderer() fyne.WidgetRenderer {
	return &valueTableRenderer{t: t}
}

func (t *ValueTable) updateCell(id widget.TableCellID, o fyne.CanvasObject) {
	l := o.(*widget.Label)
	if id.Row >= len(t.rows) {
		l.SetText("")
		return
	}
	r := t.rows[id.Row]
	l.Alignment = alignment(id.Col)
	l.TextStyle = fyne.TextStyle{Bold: r.Indicator}
	switch id.Col {
	case colCode:
		l.SetText(r.Code)
	case colName:
		l.SetText(r.Name)
	case colUnit:
		l.SetText(r.Unit)
	default:
		l.SetText(r.Value)
	}
}

// fitColumns sizes the code, unit and value columns to their widest text
// (header included), within bounds.
func (t *ValueTable) fitColumns() {
	h := headers()
	pad := 4 * theme.Padding()
	bold := fyne.TextStyle{Bold: true}
	size := theme.TextSize()
	width := func(col int, max float32, text func(ValueRow) string) float32 {
		w := fyne.MeasureText(h[col], size, bold).Width
		for _, r := range t.rows {
			if tw := fyne.MeasureText(text(r), size, bold).Width; tw > w {
				w = tw
			}
		}
		w += pad
		if w > max {
			w = max
		}
		return w
	}
	t.widths[colCode] = width(colCode, 220, func(r ValueRow) string { return r.Code })
	t.widths[colUnit] = width(colUnit, 200, func(r ValueRow) string { return r.Unit })
	t.widths[colValue] = width(colValue, 200, func(r ValueRow) string { return r.Value })
	if t.widths[colValue] < 110 {
		t.widths[colValue] = 110
	}
	t.layoutColumns(t.Size().Width)
}

// layoutColumns gives the name column what the others leave of width.
func (t *ValueTable) layoutColumns(width float32) {
	sep := theme.SeparatorThicknessSize() * 4
	name := width - t.widths[colCode] - t.widths[colUnit] - t.widths[colValue] - sep - theme.ScrollBarSize()
	if name < minNameWidth {
		name = minNameWidth
	}
	t.widths[colName] = name
	for col, w := range t.widths {
		t.table.SetColumnWidth(col, w)
	}
}

type valueTableRenderer struct {
	t         *ValueTable
	lastWidth float32
}

func (r *valueTableRenderer) Layout(size fyne.Size) {
	if size.Width != r.lastWidth {
		r.lastWidth = size.Width
		r.t.layoutColumns(size.Width)
	}
	r.t.table.Resize(size)
}

func (r *valueTableRenderer) MinSize() fyne.Size { return r.t.table.MinSize() }

func (r *valueTableRenderer) Refresh() { r.t.table.Refresh() }

func (r *valueTableRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.t.table} }

func (r *valueTableRenderer) Destroy() {}
