//go:build ci

package app

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"chiso/data/calc"
	"chiso/data/defaults"
	"chiso/data/period"
	"chiso/data/store"
	"chiso/widgets"
)

// find returns the first object of type T in the tree of o (containers
// and widgets' renderers), the zero T if there is none.
func find[T fyne.CanvasObject](o fyne.CanvasObject) (T, bool) {
	if t, ok := o.(T); ok {
		return t, true
	}
	var kids []fyne.CanvasObject
	switch x := o.(type) {
	case *fyne.Container:
		kids = x.Objects
	case fyne.Widget:
		kids = test.WidgetRenderer(x).Objects()
	}
	for _, k := range kids {
		if t, ok := find[T](k); ok {
			return t, true
		}
	}
	var zero T
	return zero, false
}

// newFirstStart opens the main window on a new database file, as a first
// start does.
func newFirstStart(t *testing.T) *session {
	t.Helper()
	st, err := store.Open(filepath.Join(t.TempDir(), "chiso.db"))
	if err != nil {
		t.Fatal(err)
	}
	return newTestMainWindow(t, st)
}

// TestFirstStart_CommuneOffice is the first start of a commune office: it
// picks its province, finds its commune by a name of before the reform
// typed loosely and without accents ("dong dac": Xã Đồn Đạc, since
// 1/7/2025 part of Xã Ba Chẽ), starts, and types its households of 2026
// on the entry screen, which the database then holds and Quảng Ninh adds up.
func TestFirstStart_CommuneOffice(t *testing.T) {
	s := newFirstStart(t)
	first := s.first
	if first == nil {
		t.Fatal("a new database does not show the first-start screen")
	}
	markup := test.RenderToMarkup(s.win.Canvas())
	for _, want := range []string{"Chào mừng đến với Chỉ Số", "Cơ quan cấp xã (xã, phường, đặc khu)", "Cơ quan cấp tỉnh", "Chỉ xem dữ liệu minh họa"} {
		if !strings.Contains(markup, want) {
			t.Errorf("the first-start screen lacks %q", want)
		}
	}
	if !first.begin.Disabled() {
		t.Error("Bắt đầu is enabled before anything is chosen")
	}

	first.setKind(startCommune)
	first.province.SetSelected("Thành phố Quảng Ninh")
	if n := len(first.found); n != 54 {
		t.Errorf("%d communes listed for Quảng Ninh before typing, want 54", n)
	}
	test.Type(first.search, "dong dac")
	if len(first.found) != 2 || first.found[0].Unit.Code != "06970" || first.found[0].Former != "Xã Đồn Đạc" {
		t.Fatalf("dong dac found %+v, want Xã Ba Chẽ (formerly Xã Đồn Đạc) first", first.found)
	}
	markup = test.RenderToMarkup(s.win.Canvas())
	for _, want := range []string{"Xã Ba Chẽ", "trước đây: Xã Đồn Đạc", "Tìm thấy 2"} {
		if !strings.Contains(markup, want) {
			t.Errorf("the results lack %q", want)
		}
	}
	first.results.Select(0)
	if first.office.Text != "UBND xã Ba Chẽ" || first.begin.Disabled() {
		t.Fatalf("after choosing: office %q, start enabled %v", first.office.Text, !first.begin.Disabled())
	}
	if !strings.Contains(first.choice.Text, "Xã Ba Chẽ, Thành phố Quảng Ninh (mã 06970)") {
		t.Errorf("choice shown as %q", first.choice.Text)
	}
	// The name recorded on the changes: asked here, not in a dialog after.
	first.user.SetText("")
	if !first.begin.Disabled() {
		t.Error("Bắt đầu is enabled without a name")
	}
	test.Type(first.user, "Nguyễn Thị Lan")
	test.Tap(first.begin)

	if s.first != nil {
		t.Fatal("the first-start screen is still shown after starting")
	}
	if got, want := s.win.Title(), "Chỉ Số — UBND xã Ba Chẽ — chiso.db"; got != want {
		t.Errorf("title %q, want %q", got, want)
	}
	grid, ok := find[*widgets.EntryGrid](s.win.Content())
	if !ok {
		t.Fatal("the entry screen is not shown after starting")
	}
	markup = test.RenderToMarkup(s.win.Canvas())
	if !strings.Contains(markup, "Xã Ba Chẽ — Năm 2026") {
		t.Errorf("the entry screen does not open on Xã Ba Chẽ 2026")
	}
	cell := grid.ValueCell("HH_TOTAL")
	if cell == nil {
		t.Fatal("no households cell")
	}
	s.win.Canvas().Focus(cell)
	test.Type(cell, "4.321")
	s.win.Canvas().Focus(grid.ValueCell("HH_ELEC"))

	ctx := context.Background()
	if st := grid.Status("HH_TOTAL"); st.Kind != widgets.StatusSaved {
		t.Errorf("the cell says %+v, want saved", st)
	}
	vals, err := s.st.Values(ctx, store.ValueFilter{Periods: []string{"2026"}, Elements: []string{"HH_TOTAL"}, Areas: []string{"06970"}})
	if err != nil || len(vals) != 1 || vals[0].Value != "4321" {
		t.Fatalf("the database holds %+v %v, want 4321 households of Xã Ba Chẽ in 2026", vals, err)
	}
	var province float64
	s.compute(func(en *calc.Engine) (err error) {
		province, _, err = en.Value("HH_TOTAL", "22", period.MustParse("2026"), "")
		return err
	})
	if province != 4321 {
		t.Errorf("Quảng Ninh's households of 2026: %v, want its one commune's 4321", province)
	}
	if !s.st.AuthorChosen() || s.st.Author() != "Nguyễn Thị Lan" {
		t.Errorf("author %q (chosen %v), want the name typed", s.st.Author(), s.st.AuthorChosen())
	}
	if office, _ := s.st.Meta(defaults.MetaOfficeArea); office != "06970" {
		t.Errorf("office area %q", office)
	}
}

// TestFirstStart_ProvinceOffice sets up a province office.
func TestFirstStart_ProvinceOffice(t *testing.T) {
	s := newFirstStart(t)
	first := s.first
	first.setKind(startProvince)
	if !first.begin.Disabled() {
		t.Error("Bắt đầu is enabled before a province is chosen")
	}
	first.province.SetSelected("Tỉnh Lâm Đồng")
	if first.office.Text != "UBND tỉnh Lâm Đồng" {
		t.Errorf("office %q", first.office.Text)
	}
	first.office.SetText("Thống kê tỉnh Lâm Đồng")
	test.Tap(first.begin)
	if got, want := s.win.Title(), "Chỉ Số — Thống kê tỉnh Lâm Đồng — chiso.db"; got != want {
		t.Errorf("title %q, want %q", got, want)
	}
	if area := s.homeArea(); area != "68" {
		t.Errorf("home area %q, want 68 (Lâm Đồng)", area)
	}
}

// TestFirstStart_Demo opens the demo from the first start, in a database
// of its own, and closes it from Settings back to the first start.
func TestFirstStart_Demo(t *testing.T) {
	t.Setenv("CHISO_DB", filepath.Join(t.TempDir(), "office", "chiso.db"))
	st, err := store.Open(defaults.DBPath())
	if err != nil {
		t.Fatal(err)
	}
	s := newTestMainWindow(t, st)
	s.first.setKind(startDemo)
	test.Tap(s.first.begin)
	if !defaults.IsDemo(s.st) || s.st.Path() != defaults.DemoPath() || s.first != nil {
		t.Fatalf("after opening the demo: %s, demo %v", s.st.Path(), defaults.IsDemo(s.st))
	}
	if !strings.Contains(test.RenderToMarkup(s.win.Canvas()), defaults.DemoNoticeVI) {
		t.Error("the demo is not marked illustrative")
	}
	set := newSettings(s)
	s.win.SetContent(set.content)
	if err := s.closeDemo(); err != nil {
		t.Fatal(err)
	}
	if s.st.Path() != defaults.DBPath() || s.first == nil {
		t.Errorf("closing the demo opened %s (first start shown: %v)", s.st.Path(), s.first != nil)
	}
}
