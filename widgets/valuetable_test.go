package widgets

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

func testRows() []ValueRow {
	return []ValueRow{
		{Code: "POP", Name: "Dân số trung bình", Unit: "người", Value: "1.234.567"},
		{Code: "HH_POOR", Name: "Số hộ nghèo (chuẩn nghèo đa chiều)", Unit: "hộ", Value: "–"},
		{Code: "POV_RATE", Name: "Tỷ lệ hộ nghèo", Unit: "%", Value: "0,36", Indicator: true},
	}
}

// cell returns the label the table renders at row, col.
func cell(t *testing.T, vt *ValueTable, row, col int) *widget.Label {
	t.Helper()
	o := vt.table.CreateCell()
	vt.table.UpdateCell(widget.TableCellID{Row: row, Col: col}, o)
	return o.(*widget.Label)
}

func TestValueTable_Cells(t *testing.T) {
	test.NewTempApp(t)
	vt := NewValueTable(testRows())
	w := test.NewTempWindow(t, vt)
	w.Resize(fyne.NewSize(900, 300))

	if l := cell(t, vt, 0, colValue); l.Text != "1.234.567" || l.Alignment != fyne.TextAlignTrailing || l.TextStyle.Bold {
		t.Errorf("POP value cell = %q aligned %v bold %v; want 1.234.567, trailing, not bold", l.Text, l.Alignment, l.TextStyle.Bold)
	}
	if l := cell(t, vt, 0, colName); l.Text != "Dân số trung bình" || l.Alignment != fyne.TextAlignLeading {
		t.Errorf("POP name cell = %q aligned %v", l.Text, l.Alignment)
	}
	if l := cell(t, vt, 2, colName); !l.TextStyle.Bold {
		t.Error("indicator row is not bold")
	}
	if l := cell(t, vt, 2, colCode); l.Text != "POV_RATE" {
		t.Errorf("code cell = %q", l.Text)
	}
	if l := cell(t, vt, 1, colUnit); l.Text != "hộ" {
		t.Errorf("unit cell = %q", l.Text)
	}
	// A row index beyond the data (while the table catches up) is blank.
	if l := cell(t, vt, 9, colCode); l.Text != "" {
		t.Errorf("cell beyond the rows = %q, want blank", l.Text)
	}
}

func TestValueTable_Header(t *testing.T) {
	test.NewTempApp(t)
	vt := NewValueTable(nil)
	want := []string{"Code", "Indicator", "Unit", "Value"} // keys; the test app has no translations loaded
	for col, w := range want {
		o := vt.table.CreateHeader()
		vt.table.UpdateHeader(widget.TableCellID{Row: -1, Col: col}, o)
		if got := o.(*widget.Label).Text; got != w {
			t.Errorf("header %d = %q, want %q", col, got, w)
		}
	}
}

func TestValueTable_ColumnWidths(t *testing.T) {
	test.NewTempApp(t)
	vt := NewValueTable(testRows())
	w := test.NewTempWindow(t, vt)
	w.Resize(fyne.NewSize(900, 300))

	var sum float32
	for col, width := range vt.widths {
		if width <= 0 {
			t.Errorf("column %d has width %v", col, width)
		}
		sum += width
	}
	if vt.widths[colName] <= vt.widths[colCode] || vt.widths[colName] < minNameWidth {
		t.Errorf("name column %v is not the widest (widths %v)", vt.widths[colName], vt.widths)
	}
	if sum > 900 {
		t.Errorf("columns take %v, more than the 900 of the window", sum)
	}

	w.Resize(fyne.NewSize(1200, 300))
	if vt.widths[colName] < 500 {
		t.Errorf("name column %v did not grow with the window", vt.widths[colName])
	}

	vt.SetRows(nil)
	if len(vt.Rows()) != 0 {
		t.Errorf("rows after SetRows(nil) = %v", vt.Rows())
	}
}
