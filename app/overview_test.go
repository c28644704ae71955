//go:build ci

package app

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"chiso/data/defaults"
	"chiso/data/store"
	"chiso/widgets"
)

// openDemo returns a new database holding the demo data.
func openDemo(t *testing.T) *store.Store {
	t.Helper()
	st, err := defaults.OpenOrCreate(context.Background(), filepath.Join(t.TempDir(), "x.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// openDemoThrough returns a new database holding the demo as it stood at
// the end of a year (defaults.InstallDemo), for tests written then.
func openDemoThrough(t *testing.T, year int) *store.Store {
	t.Helper()
	st, err := store.Open(filepath.Join(t.TempDir(), "x.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if err := defaults.InstallDemo(context.Background(), st, year); err != nil {
		t.Fatal(err)
	}
	return st
}

// openEmpty returns a new database holding the default catalog only.
func openEmpty(t *testing.T) *store.Store {
	t.Helper()
	st, err := store.Open(filepath.Join(t.TempDir(), "empty.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if err := defaults.Install(context.Background(), st, false); err != nil {
		t.Fatal(err)
	}
	return st
}

// newTestSession returns a session on st in Vietnamese, computing
// synchronously, with a test window.
func newTestSession(t testing.TB, st *store.Store) *session {
	t.Helper()
	test.NewTempApp(t)
	t.Setenv("CHISO_LANG", "")
	language, err := SetupLanguage("vi")
	if err != nil {
		t.Fatal(err)
	}
	s, err := newSession(fyne.CurrentApp(), st, language, func(f func()) { f() })
	if err != nil {
		t.Fatal(err)
	}
	s.win = test.NewWindow(nil)
	s.win.Resize(fyne.NewSize(1280, 800))
	t.Cleanup(s.win.Close)
	return s
}

// newTestMainWindow returns the whole main window on st, in Vietnamese.
func newTestMainWindow(t *testing.T, st *store.Store) *session {
	t.Helper()
	test.NewTempApp(t)
	t.Setenv("CHISO_LANG", "")
	if _, err := SetupLanguage("vi"); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { SetupLanguage("vi") })
	s, err := newMainWindow(fyne.CurrentApp(), st, "vi", func(f func()) { f() })
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		s.win.Close()
		s.st.Close()
	})
	return s
}

// newTestOverview shows the overview screen on st in a test window.
func newTestOverview(t testing.TB, st *store.Store) *overview {
	t.Helper()
	s := newTestSession(t, st)
	o := newOverview(s)
	s.win.SetContent(o.content)
	return o
}

// row returns the table row with the code.
func row(t *testing.T, m *overview, code string) widgets.ValueRow {
	t.Helper()
	for _, r := range m.table.Rows() {
		if r.Code == code {
			return r
		}
	}
	t.Fatalf("no row %s among %d rows", code, len(m.table.Rows()))
	return widgets.ValueRow{}
}

func TestOverview_Demo(t *testing.T) {
	st := openDemo(t)
	m := newTestOverview(t, st)

	if m.banner == nil || !m.banner.Visible() {
		t.Fatal("the demo banner is not shown")
	}
	if markup := test.RenderToMarkup(m.s.win.Canvas()); !strings.Contains(markup, defaults.DemoNoticeVI) {
		t.Errorf("the demo notice %q is not rendered", defaults.DemoNoticeVI)
	}

	// First view: the province, the latest year with data.
	if m.area != "QN" || m.years.Selected != "2026" {
		t.Errorf("first view = %s %s, want QN 2026", m.area, m.years.Selected)
	}
	if got, want := m.heading.Text, "Quảng Ninh — Năm 2026"; got != want {
		t.Errorf("heading = %q, want %q", got, want)
	}

	m.tree.SetFilter("ha long")
	if got := m.tree.Shown(); !slices.Contains(got, "QN_HALONG") || slices.Contains(got, "QN_CAMPHA") {
		t.Errorf("searching ha long shows %v, want QN_HALONG and not QN_CAMPHA", got)
	}
	// The label, "Thành phố Hạ Long (đến 2025)", is cut short in the tree.
	if markup := test.RenderToMarkup(m.s.win.Canvas()); !strings.Contains(markup, "Thành phố Hạ") {
		t.Error("Thành phố Hạ Long is not rendered after searching ha long")
	}
	m.tree.SetFilter("")

	m.tree.Select("QN")
	m.years.SetSelected("2020")
	if got, want := m.heading.Text, "Quảng Ninh — Năm 2020"; got != want {
		t.Errorf("heading = %q, want %q", got, want)
	}
	r := row(t, m, "POV_RATE")
	if r.Value != "0,36" || r.Name != "Tỷ lệ hộ nghèo" || r.Unit != "%" || !r.Indicator {
		t.Errorf("POV_RATE 2020 = %+v, want Tỷ lệ hộ nghèo, %%, 0,36, indicator", r)
	}
	m.years.SetSelected("2015")
	if r := row(t, m, "POV_RATE"); r.Value != "4,56" {
		t.Errorf("POV_RATE 2015 = %q, want 4,56", r.Value)
	}
	if r := row(t, m, "POP"); r.Value == noValue || !strings.Contains(r.Value, ".") {
		t.Errorf("POP 2015 = %q, want a number grouped with dots", r.Value)
	}

	// Choosing another area in the tree shows its values.
	m.tree.Select("QN_HALONG")
	if !strings.HasPrefix(m.heading.Text, "Thành phố Hạ Long — ") || m.area != "QN_HALONG" {
		t.Errorf("after selecting Hạ Long: heading %q, area %s", m.heading.Text, m.area)
	}
}

func TestMainWindow_TitleAndNavigation(t *testing.T) {
	st := openDemo(t)
	if err := st.SetMeta("office", "UBND xã Tân Dân"); err != nil {
		t.Fatal(err)
	}
	s := newTestMainWindow(t, st)
	if got, want := s.win.Title(), "Chỉ Số — UBND xã Tân Dân — x.db"; got != want {
		t.Errorf("title = %q, want %q", got, want)
	}
	markup := test.RenderToMarkup(s.win.Canvas())
	for _, name := range []string{"Nhập liệu", "Tổng quan", "Bảng", "Đồng bộ", "Báo cáo", "Tiến độ báo cáo", "Danh mục", "Cài đặt"} {
		if !strings.Contains(markup, name) {
			t.Errorf("the navigation lacks %q", name)
		}
	}
}

func TestOverview_NoDemo(t *testing.T) {
	st := openEmpty(t)
	m := newTestOverview(t, st)
	if m.banner != nil {
		t.Error("the demo banner is shown for a database without demo data")
	}
}

// TestMainWindow_ScreensFollowTheCatalog checks that a screen built before
// a catalog change is built anew after it.
func TestMainWindow_ScreensFollowTheCatalog(t *testing.T) {
	st := openDemo(t)
	s := newTestMainWindow(t, st)
	var sh *shell
	s.reset = func() {} // keep the shell under test
	sh = newShell(s, "overview")
	s.reloaded = sh.forgetOthers
	s.win.SetContent(sh.object())
	before := sh.screens["overview"]
	sh.show("catalog")
	if err := s.reload(); err != nil {
		t.Fatal(err)
	}
	sh.show("overview")
	if sh.screens["overview"] == before {
		t.Error("the overview was not rebuilt after the catalog changed")
	}
}

// TestMainWindow_ScreensNeverOutgrowTheWindow: no screen needs more room
// than the window fitted to a 1366 × 768 screen (less a Windows taskbar)
// has at 150 %: one that would (the dashboard's cards, the catalog's form)
// scrolls inside it, rather than making the window grow past the screen
// for it and every screen shown after it.
func TestMainWindow_ScreensNeverOutgrowTheWindow(t *testing.T) {
	s := newTestMainWindow(t, openDemo(t))
	room := fitWindow(preferredWindowSize, fyne.NewSize(1366/1.5, 728/1.5))
	for _, sec := range sections() {
		s.show(sec.id)
		if need := s.win.Content().MinSize(); need.Width > room.Width || need.Height > room.Height {
			t.Errorf("%s needs %v, more than the %v the window has", sec.id, need, room)
		}
	}
}
