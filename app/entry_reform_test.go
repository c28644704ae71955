//go:build ci

package app

import (
	"context"
	"os"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"chiso/data/catalog"
	"chiso/data/store"
)

// TestEntryStraddlingTheReform: a commune created on 1/7/2025 from two
// communes enters 2025 on its new boundaries; beside each row the form
// shows what the two reported for 2024, on the new boundaries, and for
// the first half of 2025 (they reported by the quarter), and says so.
func TestEntryStraddlingTheReform(t *testing.T) {
	ctx := context.Background()
	st := openEmpty(t)
	cat, err := st.Catalog(ctx)
	if err != nil {
		t.Fatal(err)
	}
	cat.Areas = append(cat.Areas,
		catalog.Area{Code: "VN", Name: "Việt Nam", Level: 1},
		catalog.Area{Code: "22", Name: "Tỉnh Quảng Ninh", Level: 2, Parent: "VN"},
		catalog.Area{Code: "X1", Name: "Xã Đồn Đạc", Level: 4, Parent: "22", ValidTo: "2025-06-30", Successors: []string{"N"}},
		catalog.Area{Code: "X2", Name: "Xã Thanh Lâm", Level: 4, Parent: "22", ValidTo: "2025-06-30", Successors: []string{"N"}},
		catalog.Area{Code: "N", Name: "Xã Ba Chẽ", Level: 4, Parent: "22", ValidFrom: "2025-07-01"},
	)
	if err := st.SaveCatalog(ctx, cat); err != nil {
		t.Fatal(err)
	}
	var vals []store.Change
	for _, v := range [][4]string{
		{"POP", "X1", "2024", "4000"}, {"POP", "X2", "2024", "2000"},
		{"POP", "X1", "2025Q1", "4010"}, {"POP", "X2", "2025Q1", "2005"},
		{"POP", "X1", "2025Q2", "4020"}, {"POP", "X2", "2025Q2", "2010"},
		{"HH_TOTAL", "X1", "2024", "1000"}, {"HH_TOTAL", "X2", "2024", "500"},
	} {
		vals = append(vals, store.Change{Element: v[0], Area: v[1], Period: v[2], Value: v[3]})
	}
	if _, err := st.Save(ctx, vals...); err != nil {
		t.Fatal(err)
	}
	s := newTestSession(t, st)
	e := newEntryForm(s)
	s.win.SetContent(e.content)
	e.chooseDataset(t, "KTXH_XA")
	e.tree.Select("N")
	e.choosePeriodLabel(t, "Năm 2025")

	pop, ok := e.grid.Row("POP")
	if !ok {
		t.Fatal("no POP row")
	}
	if pop.Previous != "6.000" || pop.Before != "6.030" {
		t.Errorf("population: previous %q, first half %q; want 6.000 (2024, the two communes) and 6.030 (end of June)", pop.Previous, pop.Before)
	}
	if hh, _ := e.grid.Row("HH_TOTAL"); hh.Previous != "1.500" || hh.Before != "" {
		t.Errorf("households: previous %q, first half %q; want 1.500 and none (no quarter reported)", hh.Previous, hh.Before)
	}
	if out := os.Getenv("CHISO_SCREENSHOT_REFORM"); out != "" {
		// To look at: CHISO_SCREENSHOT_REFORM=/tmp/x.png, 1366×768.
		test.ApplyTheme(t, theme.LightTheme())
		s.win.Resize(fyne.NewSize(1366, 768))
		capture(t, s.win, out)
	}
	markup := test.RenderToMarkup(s.win.Canvas())
	for _, want := range []string{"Kỳ trước", "(tính theo địa giới mới)", "Đơn vị cũ, đến hết", "Quý II/2025"} {
		if !strings.Contains(markup, want) {
			t.Errorf("the form does not show %q", want)
		}
	}

	// Typing the commune's own 2025 figure: compared with its communes' 2024.
	e.typeValue(t, "POP", "6120", "HH_TOTAL")
	if got := e.stored(t, "POP").Value; got != "6120" {
		t.Fatalf("stored %q", got)
	}
	if pop, _ := e.grid.Row("POP"); pop.Change != "+2,0" {
		t.Errorf("change %q, want +2,0 on the communes' 6.000", pop.Change)
	}

	// A year the commune existed for whole: its own previous year, no
	// former areas.
	e.choosePeriodLabel(t, "Năm 2026")
	if pop, _ := e.grid.Row("POP"); pop.Previous != "6.120" || pop.Before != "" {
		t.Errorf("2026: previous %q, first half %q", pop.Previous, pop.Before)
	}
	if markup := test.RenderToMarkup(s.win.Canvas()); strings.Contains(markup, "địa giới mới") || strings.Contains(markup, "Đơn vị cũ") {
		t.Error("2026 still speaks of the former communes")
	}
}

// TestDashboardScreenshotHaLong writes the dashboard of Hạ Long in 2020 at
// 1366×768, light theme, to $CHISO_SCREENSHOT_HALONG (skipped when
// unset): its 2011–2019 on the boundaries of 2020, hollow markers.
func TestDashboardScreenshotHaLong(t *testing.T) {
	out := os.Getenv("CHISO_SCREENSHOT_HALONG")
	if out == "" {
		t.Skip("set CHISO_SCREENSHOT_HALONG=/tmp/x.png to write a screenshot")
	}
	m := newTestOverview(t, openDemo(t))
	test.ApplyTheme(t, theme.LightTheme())
	m.tree.Select("QN_HALONG")
	m.years.SetSelected("2020")
	m.s.win.Resize(fyne.NewSize(1366, 768))
	capture(t, m.s.win, out)
}

// TestReportsScreenOnTheBoundariesOf2020: the report of Hạ Long for 2020
// shows, on the screen, its 2019 with Hoành Bồ, the column saying so and
// the note saying what it is made of; written to
// $CHISO_SCREENSHOT_REPORT at 1366×768 when set.
func TestReportsScreenOnTheBoundariesOf2020(t *testing.T) {
	r := newTestReports(t)
	r.tree.Select("QN_HALONG")
	r.choosePeriod(t, "2020")
	if r.rep == nil {
		t.Fatal("no report built")
	}
	if !strings.HasPrefix(r.analysis.Text, "Số liệu năm 2019 tính theo địa giới mới") ||
		!strings.Contains(r.analysis.Text, "tăng 1,28% so với năm 2019 (tính theo địa giới mới: năm 2019 gồm cả Hoành Bồ)") {
		t.Errorf("notes and analysis:\n%s", r.analysis.Text)
	}
	cell := widget.NewLabel("")
	r.tableCell(widget.TableCellID{Row: 0, Col: 3}, cell)
	if cell.Text != "Thực hiện năm 2019 (tính theo địa giới mới)" {
		t.Errorf("column 1: %q", cell.Text)
	}
	if out := os.Getenv("CHISO_SCREENSHOT_REPORT"); out != "" {
		test.ApplyTheme(t, theme.LightTheme())
		r.s.win.Resize(fyne.NewSize(1366, 768))
		capture(t, r.s.win, out)
	}
}
