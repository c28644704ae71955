package widgets

import (
	"fmt"
	"strconv"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// benchPivotData is the national table: 3,321 communes × 10 years.
func benchPivotData() PivotData {
	const communes, years = 3321, 10
	d := PivotData{NameTitle: "Địa bàn", CodeTitle: "Mã"}
	for y := range years {
		d.Columns = append(d.Columns, "Năm "+strconv.Itoa(2016+y))
	}
	for c := range communes {
		r := PivotRow{Code: fmt.Sprintf("X%05d", c+1), Name: fmt.Sprintf("Xã Đồng Tâm số %d", c+1)}
		for y := range years {
			v := float64((c*7919+y*104729)%30000) + 2000
			r.Values, r.OK = append(r.Values, v), append(r.OK, true)
			r.Cells = append(r.Cells, strconv.FormatFloat(v, 'f', 0, 64))
		}
		d.Rows = append(d.Rows, r)
	}
	total := PivotRow{Code: "VN", Name: "Việt Nam", Cells: make([]string, years), Values: make([]float64, years), OK: make([]bool, years)}
	d.Total = &total
	return d
}

// BenchmarkPivotTable_Build makes the table of 3,321 rows × 10 years and
// lays it out in a 1280×800 window, as the Bảng screen does when a result
// arrives.
func BenchmarkPivotTable_Build(b *testing.B) {
	test.NewTempApp(b)
	d := benchPivotData()
	w := test.NewTempWindow(b, NewPivotTable(viLess))
	w.Resize(fyne.NewSize(1000, 700))
	b.ReportAllocs()
	for b.Loop() {
		pt := NewPivotTable(viLess)
		pt.SetData(d)
		w.SetContent(pt)
	}
}

// BenchmarkPivotTable_SetData replaces the data of a table on screen.
func BenchmarkPivotTable_SetData(b *testing.B) {
	test.NewTempApp(b)
	d := benchPivotData()
	pt := NewPivotTable(viLess)
	w := test.NewTempWindow(b, pt)
	w.Resize(fyne.NewSize(1000, 700))
	b.ReportAllocs()
	for b.Loop() {
		pt.SetData(d)
	}
}

// BenchmarkPivotTable_Scroll scrolls the 3,321-row table from top to
// bottom in steps of 25 rows (about a page) and back; each op is one
// step, which re-binds the visible cells.
func BenchmarkPivotTable_Scroll(b *testing.B) {
	test.NewTempApp(b)
	pt := NewPivotTable(viLess)
	pt.SetData(benchPivotData())
	w := test.NewTempWindow(b, pt)
	w.Resize(fyne.NewSize(1000, 700))
	rowH := pt.table.MinSize().Height // a header and a row at least
	step := 25 * rowH
	bottom := float32(3322) * rowH
	y, dir := float32(0), float32(1)
	b.ReportAllocs()
	for b.Loop() {
		y += dir * step
		if y > bottom || y < 0 {
			dir = -dir
			y += 2 * dir * step
		}
		pt.ScrollToOffset(fyne.NewPos(0, y))
	}
}

// BenchmarkPivotTable_SortByColumn sorts the 3,321 rows by a year,
// alternating the direction (a click on the title).
func BenchmarkPivotTable_SortByColumn(b *testing.B) {
	test.NewTempApp(b)
	pt := NewPivotTable(viLess)
	pt.SetData(benchPivotData())
	w := test.NewTempWindow(b, pt)
	w.Resize(fyne.NewSize(1000, 700))
	desc := false
	b.ReportAllocs()
	for b.Loop() {
		desc = !desc
		pt.SortBy(3, desc)
	}
}

// TestPivotTable_FewCells checks that a table of 3,321 rows creates only
// the cells in view.
func TestPivotTable_FewCells(t *testing.T) {
	test.NewTempApp(t)
	pt := NewPivotTable(viLess)
	created := 0
	create := pt.table.CreateCell
	pt.table.CreateCell = func() fyne.CanvasObject { created++; return create() }
	pt.SetData(benchPivotData())
	w := test.NewTempWindow(t, pt)
	w.Resize(fyne.NewSize(1000, 700))
	pt.ScrollToBottom()
	pt.ScrollToTop()
	if created == 0 || created > 400 {
		t.Errorf("%d cells created for 3,322 × 12; want only those in view", created)
	}
	t.Logf("%d cells created", created)
}

// BenchmarkPivotTable_SortByName sorts the 3,321 rows by name the first
// time after new data (Vietnamese collation of every name), then reversed.
func BenchmarkPivotTable_SortByName(b *testing.B) {
	test.NewTempApp(b)
	d := benchPivotData()
	pt := NewPivotTable(viLess)
	pt.SetData(d)
	w := test.NewTempWindow(b, pt)
	w.Resize(fyne.NewSize(1000, 700))
	b.ReportAllocs()
	for b.Loop() {
		pt.nameRank = nil // as after SetData
		pt.SortBy(NameColumn, false)
		pt.SortBy(NameColumn, true)
	}
}
