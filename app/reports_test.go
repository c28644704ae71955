//go:build ci

package app

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/xuri/excelize/v2"

	"chiso/data/defaults"
)

// newTestReports shows the reports screen on the demo database.
func newTestReports(t *testing.T) *reports {
	t.Helper()
	s := newTestSession(t, openDemo(t))
	r := newReports(s)
	s.win.SetContent(r.content)
	return r
}

func (r *reports) choosePeriod(t *testing.T, code string) {
	t.Helper()
	for i, p := range r.periods {
		if p == code {
			r.periodSel.SetSelectedIndex(i)
			return
		}
	}
	t.Fatalf("no period %s among %v", code, r.periods)
}

func TestReports_ShowsFiguresAndAnalysis(t *testing.T) {
	r := newTestReports(t)
	r.tree.Select("QN")
	r.choosePeriod(t, "2016-2020")
	if r.rep == nil {
		t.Fatal("no report built")
	}
	if !strings.Contains(r.analysis.Text, "Tỷ lệ hộ nghèo giảm từ 4,56% năm 2015 xuống còn 0,36% năm 2020") {
		t.Errorf("analysis of QN 2016-2020:\n%s", r.analysis.Text)
	}
	if !strings.Contains(r.heading.Text, "2016-2020") {
		t.Errorf("heading %q does not name the period", r.heading.Text)
	}
	rows, cols := r.tableSize()
	if rows < 10 || cols != 8 {
		t.Errorf("preview table %d×%d", rows, cols)
	}
}

func TestReports_WritesEachFormat(t *testing.T) {
	r := newTestReports(t)
	r.tree.Select("QN_BACHE")
	r.choosePeriod(t, "2023")
	dir := t.TempDir()
	for _, format := range reportFormats {
		path := filepath.Join(dir, "bao-cao."+strings.ToLower(format))
		var written string
		var failed error
		r.done = func(p string, err error) { written, failed = p, err }
		r.writeFile(path, format)
		if failed != nil || written != path {
			t.Fatalf("%s: written %q, error %v", format, written, failed)
		}
		b, err := os.ReadFile(path)
		if err != nil || len(b) == 0 {
			t.Fatalf("%s: %v", format, err)
		}
		if r.write.Disabled() || !strings.Contains(r.status.Text, path) {
			t.Errorf("%s: status %q, button disabled %v", format, r.status.Text, r.write.Disabled())
		}
	}
	f, err := excelize.OpenFile(filepath.Join(dir, "bao-cao.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if len(f.GetSheetList()) == 0 {
		t.Fatal("the XLSX has no sheet")
	}
}

// TestReportsScreenshot writes the reports screen to
// $CHISO_REPORTS_SCREENSHOT (skipped when unset).
func TestReportsScreenshot(t *testing.T) {
	out := os.Getenv("CHISO_REPORTS_SCREENSHOT")
	if out == "" {
		t.Skip("set CHISO_REPORTS_SCREENSHOT=/tmp/x.png to write a screenshot")
	}
	r := newTestReports(t)
	test.ApplyTheme(t, theme.LightTheme())
	r.tree.Select("QN")
	r.choosePeriod(t, "2016-2020")
	r.s.win.Resize(fyne.NewSize(1280, 800))
	capture(t, r.s.win, out)
}

// TestReports_SaysThereIsNoData: a period without any figure shows that
// there is no data, and no empty report can be written.
func TestReports_SaysThereIsNoData(t *testing.T) {
	s := newTestSession(t, openDemoThrough(t, 2023)) // no figure of 2026
	r := newReports(s)
	s.win.SetContent(r.content)
	r.tree.Select("QN")
	r.choosePeriod(t, "2026")
	if !strings.Contains(r.analysis.Text, "Không có số liệu của Quảng Ninh trong kỳ Năm 2026") || !r.write.Disabled() {
		t.Errorf("analysis %q, write disabled %v", r.analysis.Text, r.write.Disabled())
	}
	r.choosePeriod(t, "2023")
	if strings.Contains(r.analysis.Text, "không có số liệu") || r.write.Disabled() {
		t.Errorf("2023: analysis %q, write disabled %v", r.analysis.Text, r.write.Disabled())
	}
}

// TestReports_OfficialLayout chooses the official layout of the poverty
// review's summary (once the official catalog is loaded into the demo
// database): the preview shows the districts as rows under the form's
// numbered columns, and the file written is the form.
func TestReports_OfficialLayout(t *testing.T) {
	st := openDemo(t)
	o, err := defaults.Official()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := defaults.LoadCatalog(context.Background(), st, o); err != nil {
		t.Fatal(err)
	}
	s := newTestSession(t, st)
	r := newReports(s)
	s.win.SetContent(r.content)
	r.tree.Select("QN")
	r.choosePeriod(t, "2022")
	if !r.chooseLayout("RS_HN_TONGHOP") {
		t.Fatal("the layout is not offered")
	}
	if r.rep == nil || r.rep.Form == nil || r.rep.Form.Code != "RS_HN_TONGHOP" {
		t.Fatalf("report shown: %+v", r.rep)
	}
	rows, cols := r.tableSize()
	if cols != 2+13 || rows < 14 {
		t.Errorf("preview table %d×%d", rows, cols)
	}
	cell := func(row, col int) string {
		l := widget.NewLabel("")
		r.tableCell(widget.TableCellID{Row: row, Col: col}, l)
		return l.Text
	}
	if got := cell(0, 2+12); got != "Tỷ lệ (%) (13=12/10)" {
		t.Errorf("header of column 13: %q", got)
	}
	var names []string
	for i := 1; i < rows; i++ {
		names = append(names, cell(i, 1))
	}
	if all := strings.Join(names, "|"); !strings.Contains(all, "Thành phố Hạ Long") || !strings.HasSuffix(all, "Tổng cộng") {
		t.Errorf("rows: %s", all)
	}
	path := filepath.Join(t.TempDir(), "rs-hn.pdf")
	var failed error
	r.done = func(_ string, err error) { failed = err }
	r.writeFile(path, "PDF")
	if b, err := os.ReadFile(path); failed != nil || err != nil || len(b) == 0 {
		t.Fatalf("writing the form: %v %v", failed, err)
	}
	// Back to the generic report.
	r.layoutSel.SetSelectedIndex(0)
	if r.rep == nil || r.rep.Form != nil {
		t.Error("the generic report did not come back")
	}
}

// chooseLayout selects the official layout with code, choosing its form
// first; it reports whether the catalog has it.
func (r *reports) chooseLayout(code string) bool {
	for i, ds := range r.datasets {
		for _, l := range r.s.catalog().Layouts {
			if l.Code == code && l.DataSet == ds.Code {
				r.datasetSel.SetSelectedIndex(i + 1)
				for j, shown := range r.layouts {
					if shown.Code == code {
						r.layoutSel.SetSelectedIndex(j + 1)
					}
				}
				return true
			}
		}
	}
	return false
}

// TestReports_NoDataShowsNoFigure: a period whose own column is empty says
// there is no data, and its table shows no figure either — not the
// previous year's (2024 beside 2023) nor the targets alone (2025) — as the
// CLI refuses to write it.
func TestReports_NoDataShowsNoFigure(t *testing.T) {
	s := newTestSession(t, openDemoThrough(t, 2023)) // targets of 2025, no figure after 2023
	r := newReports(s)
	s.win.SetContent(r.content)
	r.tree.Select("QN")
	for _, year := range []string{"2024", "2025"} {
		r.choosePeriod(t, year)
		if !strings.Contains(r.analysis.Text, "Không có số liệu của Quảng Ninh trong kỳ Năm "+year) || !r.write.Disabled() {
			t.Errorf("%s: analysis %q, write disabled %v", year, r.analysis.Text, r.write.Disabled())
		}
		rows, cols := r.tableSize()
		for row := range rows {
			for col := 3; col < cols; col++ {
				l := widget.NewLabel("")
				r.tableCell(widget.TableCellID{Row: row, Col: col}, l)
				if row > 0 && l.Text != "" {
					t.Errorf("%s: the table says there is no data and shows %q (row %d, column %q)", year, l.Text, row, r.rep.Columns[col-3].Header)
				}
			}
		}
	}
	r.choosePeriod(t, "2023")
	if rows, _ := r.tableSize(); rows < 10 || r.write.Disabled() {
		t.Errorf("2023: %d rows, write disabled %v", rows, r.write.Disabled())
	}
}
