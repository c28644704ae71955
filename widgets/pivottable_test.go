package widgets

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// pivotTestData has its rows out of order, one value missing in 2020 and
// Vietnamese names whose order differs from byte order.
func pivotTestData() PivotData {
	row := func(code, name string, cells ...string) PivotRow {
		r := PivotRow{Code: code, Name: name, Cells: cells}
		for _, c := range cells {
			v, ok := 0.0, c != "–"
			if ok {
				for _, ch := range strings.ReplaceAll(c, ",", "") {
					v = v*10 + float64(ch-'0')
				}
				v /= 100
			}
			r.Values, r.OK = append(r.Values, v), append(r.OK, ok)
		}
		return r
	}
	total := row("QN", "Quảng Ninh", "4,56", "0,36")
	return PivotData{
		NameTitle: "Địa bàn", CodeTitle: "Mã", Columns: []string{"Năm 2015", "Năm 2020"},
		Rows: []PivotRow{
			row("QN_DAMHA", "Huyện Đầm Hà", "9,12", "0,80"),
			row("QN_HOANHBO", "Huyện Hoành Bồ", "6,02", "–"),
			row("QN_COTO", "Huyện Cô Tô", "3,50", "0,10"),
			row("QN_DUONG", "Huyện Dương Minh", "12,40", "1,05"),
			row("QN_BACHE", "Huyện Ba Chẽ", "22,75", "2,30"),
		},
		Total: &total,
	}
}

func names(rows []PivotRow) string {
	var out []string
	for _, r := range rows {
		out = append(out, strings.TrimPrefix(r.Name, "Huyện "))
	}
	return strings.Join(out, ", ")
}

// pivotCell returns the label the table renders at table row, col.
func pivotCell(t *testing.T, pt *PivotTable, row, col int) *widget.Label {
	t.Helper()
	o := pt.table.CreateCell()
	pt.table.UpdateCell(widget.TableCellID{Row: row, Col: col}, o)
	return o.(*widget.Label)
}

func TestPivotTable_Render(t *testing.T) {
	test.NewTempApp(t)
	test.ApplyTheme(t, theme.LightTheme())
	pt := NewPivotTable(viLess)
	pt.SetData(pivotTestData())
	pt.SortBy(NameColumn, false)
	w := test.NewTempWindow(t, pt)
	w.Resize(fyne.NewSize(700, 300))
	test.AssertRendersToMarkup(t, "pivot_table.xml", w.Canvas())

	pt.SortBy(1, true)
	test.AssertRendersToMarkup(t, "pivot_sorted.xml", w.Canvas())
}

func TestPivotTable_Cells(t *testing.T) {
	test.NewTempApp(t)
	pt := NewPivotTable(viLess)
	pt.SetData(pivotTestData())
	if l := pivotCell(t, pt, 0, pivotNameCol); l.Text != "Quảng Ninh" || !l.TextStyle.Bold {
		t.Errorf("first row = %q bold %v, want the total in bold", l.Text, l.TextStyle.Bold)
	}
	if l := pivotCell(t, pt, 0, pivotFixedCols); l.Text != "4,56" || l.Alignment != fyne.TextAlignTrailing {
		t.Errorf("total 2015 = %q aligned %v", l.Text, l.Alignment)
	}
	if l := pivotCell(t, pt, 1, pivotNameCol); l.Text != "Huyện Đầm Hà" || l.TextStyle.Bold {
		t.Errorf("row 1 = %q bold %v; want the first row given, not bold", l.Text, l.TextStyle.Bold)
	}
	if l := pivotCell(t, pt, 1, pivotCodeCol); l.Text != "QN_DAMHA" || l.Alignment != fyne.TextAlignLeading {
		t.Errorf("code = %q", l.Text)
	}
	if l := pivotCell(t, pt, 99, pivotNameCol); l.Text != "" {
		t.Errorf("a row beyond the data shows %q", l.Text)
	}
	if r, c := pt.length(); r != 6 || c != 4 {
		t.Errorf("length = %d×%d, want 6×4", r, c)
	}
	if pt.table.StickyRowCount != 1 || pt.table.StickyColumnCount != 1 {
		t.Error("the total row and the name column should stay in view")
	}
}

func TestPivotTable_Sort(t *testing.T) {
	test.NewTempApp(t)
	pt := NewPivotTable(viLess)
	pt.SetData(pivotTestData())

	pt.SortBy(NameColumn, false)
	// Vietnamese order: C < D < Đ, so Dương before Đầm Hà, Đầm Hà after Cô Tô.
	if got, want := names(pt.Shown()), "Ba Chẽ, Cô Tô, Dương Minh, Đầm Hà, Hoành Bồ"; got != want {
		t.Errorf("by name: %s, want %s", got, want)
	}
	pt.SortBy(NameColumn, true)
	if got, want := names(pt.Shown()), "Hoành Bồ, Đầm Hà, Dương Minh, Cô Tô, Ba Chẽ"; got != want {
		t.Errorf("by name, descending: %s, want %s", got, want)
	}
	// By 2020, the missing value last in both directions.
	pt.SortBy(1, false)
	if got, want := names(pt.Shown()), "Cô Tô, Đầm Hà, Dương Minh, Ba Chẽ, Hoành Bồ"; got != want {
		t.Errorf("by 2020: %s, want %s", got, want)
	}
	pt.SortBy(1, true)
	if got, want := names(pt.Shown()), "Ba Chẽ, Dương Minh, Đầm Hà, Cô Tô, Hoành Bồ"; got != want {
		t.Errorf("by 2020, descending: %s, want %s", got, want)
	}
	// The total stays on top whatever the order.
	if l := pivotCell(t, pt, 0, pivotNameCol); l.Text != "Quảng Ninh" {
		t.Errorf("row 0 after sorting = %q", l.Text)
	}

	// Clicking a title sorts by it, clicking again reverses.
	header := func(col int) *widget.Button {
		o := pt.table.CreateHeader()
		pt.table.UpdateHeader(widget.TableCellID{Row: -1, Col: col}, o)
		return o.(*widget.Button)
	}
	h := header(pivotFixedCols)
	if h.Text != "Năm 2015" || h.Icon != nil || h.Alignment != widget.ButtonAlignTrailing {
		t.Errorf("2015 title = %q icon %v", h.Text, h.Icon)
	}
	test.Tap(h)
	if col, desc, ok := pt.Sorting(); col != 0 || desc || !ok {
		t.Errorf("after a click on 2015: sorted by %d desc %v ok %v", col, desc, ok)
	}
	if got, want := names(pt.Shown()), "Cô Tô, Hoành Bồ, Đầm Hà, Dương Minh, Ba Chẽ"; got != want {
		t.Errorf("by 2015: %s, want %s", got, want)
	}
	h = header(pivotFixedCols)
	if h.Icon == nil {
		t.Error("the sorted column shows no arrow")
	}
	test.Tap(h)
	if _, desc, _ := pt.Sorting(); !desc {
		t.Error("a second click does not reverse")
	}
	test.Tap(header(pivotNameCol))
	if got, want := names(pt.Shown()), "Ba Chẽ, Cô Tô, Dương Minh, Đầm Hà, Hoành Bồ"; got != want {
		t.Errorf("after a click on the name title: %s, want %s", got, want)
	}
	if h := header(pivotNameCol); h.Text != "Địa bàn" {
		t.Errorf("name title = %q", h.Text)
	}

	// New data keep the sort.
	pt.SetData(pivotTestData())
	if got := names(pt.Shown()); !strings.HasPrefix(got, "Ba Chẽ, Cô Tô") {
		t.Errorf("after SetData: %s", got)
	}
}

func TestPivotTable_CopyText(t *testing.T) {
	test.NewTempApp(t)
	pt := NewPivotTable(viLess)
	pt.SetData(pivotTestData())
	pt.SortBy(NameColumn, false)
	want := "Địa bàn\tMã\tNăm 2015\tNăm 2020\r\n" +
		"Huyện Ba Chẽ\tQN_BACHE\t22,75\t2,30\r\n" +
		"Huyện Cô Tô\tQN_COTO\t3,50\t0,10\r\n" +
		"Huyện Dương Minh\tQN_DUONG\t12,40\t1,05\r\n" +
		"Huyện Đầm Hà\tQN_DAMHA\t9,12\t0,80\r\n" +
		"Huyện Hoành Bồ\tQN_HOANHBO\t6,02\t\r\n" + // missing: empty, not "–"
		"Quảng Ninh\tQN\t4,56\t0,36\r\n"
	if got := pt.CopyText(); got != want {
		t.Errorf("CopyText =\n%s\nwant\n%s", got, want)
	}
}

func TestPivotTable_OnSelected(t *testing.T) {
	test.NewTempApp(t)
	pt := NewPivotTable(viLess)
	pt.SetData(pivotTestData())
	pt.SortBy(NameColumn, false)
	var row, col int
	pt.OnSelected = func(r, c int) { row, col = r, c }
	pt.table.Select(widget.TableCellID{Row: 1, Col: pivotFixedCols + 1}) // Ba Chẽ, 2020
	if row != 4 || col != 1 {
		t.Errorf("selected row %d col %d, want 4 (Ba Chẽ as given) and 1", row, col)
	}
	pt.table.Select(widget.TableCellID{Row: 0, Col: pivotNameCol})
	if row != TotalRow || col != NameColumn {
		t.Errorf("selected row %d col %d, want the total's name", row, col)
	}
	pt.table.Select(widget.TableCellID{Row: 2, Col: pivotCodeCol})
	if row != 2 || col != CodeColumn {
		t.Errorf("selected row %d col %d, want Cô Tô's code", row, col)
	}
}

func TestPivotTable_Empty(t *testing.T) {
	test.NewTempApp(t)
	pt := NewPivotTable(nil)
	pt.SetData(PivotData{NameTitle: "Địa bàn", CodeTitle: "Mã"})
	if r, c := pt.length(); r != 0 || c != 2 {
		t.Errorf("length = %d×%d", r, c)
	}
	if got := pt.CopyText(); got != "Địa bàn\tMã\r\n" {
		t.Errorf("CopyText = %q", got)
	}
	pt.SortBy(3, false) // no such column: ignored
	if _, _, ok := pt.Sorting(); ok {
		t.Error("sorted by a column that does not exist")
	}
}

// viLess stands in for the app's Vietnamese collation (widgets take it from
// the caller and know nothing of data/): enough of it for these names, Đ
// after every other D.
func viLess(a, b string) bool {
	r := strings.NewReplacer("Đ", "D\uffff", "đ", "d\uffff")
	return r.Replace(a) < r.Replace(b)
}
