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

	"chiso/data/calc"
	"chiso/data/defaults"
	"chiso/data/msg"
	"chiso/data/number"
	"chiso/data/period"
	"chiso/data/store"
)

// newTestSettings shows the settings screen of a session on st in a test
// window; the returned counter says how many times the window was rebuilt.
func newTestSettings(t *testing.T, st *store.Store) (*settings, *int) {
	t.Helper()
	s := newTestSession(t, st)
	resets := 0
	s.reset = func() {
		resets++
		s.win.SetTitle(s.title())
	}
	t.Cleanup(func() { s.st.Close() }) // the store the session ends with
	set := newSettings(s)
	s.win.SetContent(set.content)
	return set, &resets
}

// demoFile writes a second demo database at dir/name with the office name,
// closed, and returns its path.
func demoFile(t *testing.T, name, office string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	st, err := defaults.OpenOrCreate(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	if err := st.SetMeta("office", office); err != nil {
		t.Fatal(err)
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestSettings_LanguageSwitch(t *testing.T) {
	s := newTestMainWindow(t, openDemo(t))
	set := newSettings(s)

	if err := set.setLanguage("en"); err != nil {
		t.Fatal(err)
	}
	if s.lang != "en" {
		t.Errorf("session language = %q, want en", s.lang)
	}
	if got := s.app.Preferences().String(prefLanguage); got != "en" {
		t.Errorf("saved language = %q, want en", got)
	}
	markup := test.RenderToMarkup(s.win.Canvas())
	for _, name := range []string{"Data entry", "Overview", "Catalog", "Settings"} {
		if !strings.Contains(markup, name) {
			t.Errorf("after switching to English the navigation lacks %q", name)
		}
	}
	if strings.Contains(markup, "Nhập liệu") || strings.Contains(markup, "Cài đặt") {
		t.Error("after switching to English the navigation is still in Vietnamese")
	}
	if got := newSettings(s).language.Selected; got != "English" {
		t.Errorf("the language select shows %q after the switch, want English", got)
	}

	if err := set.setLanguage("vi"); err != nil {
		t.Fatal(err)
	}
	if got := s.app.Preferences().String(prefLanguage); got != "vi" || s.lang != "vi" {
		t.Errorf("after switching back: saved %q, session %q; want vi", got, s.lang)
	}
	markup = test.RenderToMarkup(s.win.Canvas())
	for _, name := range []string{"Nhập liệu", "Cài đặt"} {
		if !strings.Contains(markup, name) {
			t.Errorf("after switching back to Vietnamese the navigation lacks %q", name)
		}
	}
}

// TestSettings_LanguageSelect switches through the widget, as the user does.
func TestSettings_LanguageSelect(t *testing.T) {
	s := newTestMainWindow(t, openDemo(t))
	set := newSettings(s)
	set.language.SetSelected("English")
	if s.lang != "en" || !strings.Contains(test.RenderToMarkup(s.win.Canvas()), "Data entry") {
		t.Errorf("choosing English in the select: language %q", s.lang)
	}
}

func TestSettings_NumberStyle(t *testing.T) {
	set, resets := newTestSettings(t, openDemo(t))
	s := set.s
	vi := row(t, newOverview(s), "POP").Value
	if !strings.Contains(vi, ".") || strings.Contains(vi, ",") {
		t.Fatalf("POP in the Vietnamese style = %q, want dots grouping thousands", vi)
	}

	set.style.SetSelected("Quốc tế (1,234.5)")
	if s.style != number.English || *resets != 1 {
		t.Fatalf("after choosing the international style: style %v, %d rebuilds", s.style, *resets)
	}
	if got := s.app.Preferences().String(prefNumberStyle); got != "en" {
		t.Errorf("saved number style = %q, want en", got)
	}
	en := row(t, newOverview(s), "POP").Value
	if want := strings.ReplaceAll(vi, ".", ","); en != want {
		t.Errorf("POP in the international style = %q, want %q", en, want)
	}

	set.setStyle(number.Vietnamese)
	if got := row(t, newOverview(s), "POP").Value; got != vi {
		t.Errorf("POP back in the Vietnamese style = %q, want %q", got, vi)
	}
}

func TestSettings_MaxJump(t *testing.T) {
	set, _ := newTestSettings(t, openDemo(t))
	if got := set.maxJump.Text; got != "50" {
		t.Errorf("max jump shown = %q, want 50", got)
	}
	set.maxJump.SetText("12,5")
	if got := set.s.maxJump(); got != 12.5 {
		t.Errorf("max jump after typing 12,5 = %v, want 12.5", got)
	}
	for _, bad := range []string{"abc", "0", "-5", ""} {
		set.maxJump.SetText(bad)
		if set.maxJump.Validate() == nil {
			t.Errorf("max jump %q is accepted", bad)
		}
	}
	if got := set.s.maxJump(); got != 12.5 {
		t.Errorf("max jump after invalid input = %v, want 12.5 kept", got)
	}
}

func TestSettings_Office(t *testing.T) {
	s := newTestMainWindow(t, openDemo(t))
	set := newSettings(s)
	if err := set.saveOffice("  UBND xã Tân Dân ", "Nguyễn Thị Lan"); err != nil {
		t.Fatal(err)
	}
	if got, want := s.win.Title(), "Chỉ Số — UBND xã Tân Dân — x.db"; got != want {
		t.Errorf("title = %q, want %q", got, want)
	}
	if got := s.st.Author(); got != "Nguyễn Thị Lan" {
		t.Errorf("author = %q", got)
	}
	again := newSettings(s)
	if again.office.Text != "UBND xã Tân Dân" || again.user.Text != "Nguyễn Thị Lan" {
		t.Errorf("settings shown again: office %q, user %q", again.office.Text, again.user.Text)
	}
	if again.device.Text == "" || again.device.Text != s.st.Device() {
		t.Errorf("device shown = %q, want %q", again.device.Text, s.st.Device())
	}
}

// popValue returns the first area with a stored POP in 2023 (or area's)
// and the value.
func popValue(t *testing.T, st *store.Store, area string) (string, string) {
	t.Helper()
	f := store.ValueFilter{Elements: []string{"POP"}, Periods: []string{"2023"}}
	if area != "" {
		f.Areas = []string{area}
	}
	vs, err := st.Values(context.Background(), f)
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range vs {
		if v.Category == "" {
			return v.Area, v.Value
		}
	}
	t.Fatalf("no POP 2023 (area %q)", area)
	return "", ""
}

// computed returns the engine's POP of area in 2023.
func computed(t *testing.T, s *session, area string) float64 {
	t.Helper()
	var v float64
	if err := s.compute(func(en *calc.Engine) (err error) {
		v, _, err = en.Value("POP", area, period.MustParse("2023"), "")
		return err
	}); err != nil {
		t.Fatal(err)
	}
	return v
}

func TestSettings_BackupRestore(t *testing.T) {
	set, resets := newTestSettings(t, openDemo(t))
	s := set.s
	ctx := context.Background()
	area, orig := popValue(t, s.st, "")
	dest := filepath.Join(t.TempDir(), backupName(t.TempDir(), period.MustParse("2024").End()))

	if err := set.backup(dest); err != nil {
		t.Fatal(err)
	}
	if err := set.backup(dest); err == nil {
		t.Error("a second backup over the same file is accepted")
	}
	if err := set.backup(s.st.Path()); err == nil {
		t.Error("a backup onto the database in use is accepted")
	}
	if _, err := s.st.Save(ctx, store.Change{Element: "POP", Area: area, Period: "2023", Value: "1"}); err != nil {
		t.Fatal(err)
	}
	if _, v := popValue(t, s.st, area); v != "1" {
		t.Fatalf("POP after the change = %q", v)
	}

	old := s.st
	if err := set.restore(dest); err != nil {
		t.Fatal(msg.Text(err, "vi"))
	}
	if s.st == old || old.DB().Ping() == nil {
		t.Error("the store was not replaced and closed")
	}
	if _, v := popValue(t, s.st, area); v != orig {
		t.Errorf("POP after the restore = %q, want %q", v, orig)
	}
	if got := computed(t, s, area); number.Canonical(got) != orig {
		t.Errorf("the engine computes POP %v after the restore, want %s", got, orig)
	}
	if *resets != 1 {
		t.Errorf("the window was rebuilt %d times, want 1", *resets)
	}
	kept := s.st.Path() + ".before-restore"
	if _, err := os.Stat(kept); err != nil {
		t.Errorf("the replaced file is not kept: %v", err)
	}
}

func TestSettings_RestoreRefused(t *testing.T) {
	set, resets := newTestSettings(t, openDemo(t))
	s := set.s
	area, orig := popValue(t, s.st, "")
	junk := filepath.Join(t.TempDir(), "notes.db")
	if err := os.WriteFile(junk, []byte("not a database, just notes\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	st := s.st
	for _, path := range []string{junk, filepath.Join(t.TempDir(), "missing.db"), s.st.Path()} {
		err := set.restore(path)
		if err == nil {
			t.Fatalf("restoring %s is accepted", path)
		}
		if text := msg.Text(err, "vi"); path == junk && !strings.Contains(text, "không phải là CSDL Chỉ Số") {
			t.Errorf("the refusal says %q, want it to say the file is not a Chỉ Số database", text)
		}
	}
	if s.st != st || st.DB().Ping() != nil {
		t.Error("the database in use was replaced or closed")
	}
	if _, v := popValue(t, s.st, area); v != orig {
		t.Errorf("POP after the refused restore = %q, want %q", v, orig)
	}
	if _, err := os.Stat(s.st.Path() + ".before-restore"); err == nil {
		t.Error("a refused restore moved the database aside")
	}
	if *resets != 0 {
		t.Errorf("the window was rebuilt %d times", *resets)
	}
}

func TestSettings_OpenDatabase(t *testing.T) {
	s := newTestMainWindow(t, openDemo(t))
	set := newSettings(s)
	old := s.st
	other := demoFile(t, "huyen-ba-che.db", "UBND huyện Ba Chẽ")

	if err := set.openDatabase(other); err != nil {
		t.Fatal(msg.Text(err, "vi"))
	}
	if got, want := s.win.Title(), "Chỉ Số — UBND huyện Ba Chẽ — huyen-ba-che.db"; got != want {
		t.Errorf("title = %q, want %q", got, want)
	}
	if s.st.Path() != other || s.app.Preferences().String(prefDatabase) != other {
		t.Errorf("store path %q, saved %q; want %q", s.st.Path(), s.app.Preferences().String(prefDatabase), other)
	}
	if old.DB().Ping() == nil {
		t.Error("the previous database is still open")
	}
	if s.catalog() == nil || len(s.catalog().Areas) == 0 {
		t.Error("the catalog of the opened database is not loaded")
	}
}

func TestSettings_OpenDatabaseRefused(t *testing.T) {
	s := newTestMainWindow(t, openDemo(t))
	set := newSettings(s)
	st, title := s.st, s.win.Title()
	junk := filepath.Join(t.TempDir(), "junk.db")
	if err := os.WriteFile(junk, []byte("junk"), 0o644); err != nil {
		t.Fatal(err)
	}
	missing := filepath.Join(t.TempDir(), "new.db")
	for _, path := range []string{junk, missing} {
		if err := set.openDatabase(path); err == nil {
			t.Errorf("opening %s is accepted", path)
		}
	}
	if _, err := os.Stat(missing); err == nil {
		t.Error("opening a missing file created it")
	}
	if s.st != st || st.DB().Ping() != nil || s.win.Title() != title {
		t.Error("a refused file replaced or closed the database in use")
	}
}

func TestBackupName(t *testing.T) {
	dir := t.TempDir()
	day := period.MustParse("2024").End()
	if got := backupName(dir, day); got != "chiso-2024-12-31.db" {
		t.Errorf("backupName = %q", got)
	}
	os.WriteFile(filepath.Join(dir, "chiso-2024-12-31.db"), nil, 0o644)
	if got := backupName(dir, day); got != "chiso-2024-12-31-2.db" {
		t.Errorf("backupName beside an existing one = %q", got)
	}
}

// TestSettingsScreenshot writes the settings screen at 1280×800 in the
// light theme to $CHISO_SETTINGS_SCREENSHOT (skipped when unset).
func TestSettingsScreenshot(t *testing.T) {
	out := os.Getenv("CHISO_SETTINGS_SCREENSHOT")
	if out == "" {
		t.Skip("set CHISO_SETTINGS_SCREENSHOT=/tmp/x.png to write a screenshot")
	}
	st := openDemo(t)
	st.SetMeta("office", "UBND huyện Ba Chẽ")
	st.SetAuthor("Nguyễn Thị Lan")
	set, _ := newTestSettings(t, st)
	test.ApplyTheme(t, theme.LightTheme())
	set.s.win.Resize(fyne.NewSize(1280, 800))
	capture(t, set.s.win, out)
}
