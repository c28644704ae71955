package app

import (
	"context"
	"errors"
	"path/filepath"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"

	"chiso/data/calc"
	"chiso/data/catalog"
	"chiso/data/msg"
	"chiso/data/number"
	"chiso/data/period"
	"chiso/data/rootkey"
	"chiso/data/store"
)

// Preference keys of the app (kept by Fyne across starts).
const (
	prefLanguage    = "language"    // "vi" or "en"
	prefNumberStyle = "numberStyle" // "vi" or "en"
	prefDatabase    = "database"    // the database file last opened
	prefMaxJump     = "maxJump"     // % change on the previous period that asks for a comment
)

// session is what the screens of the main window share: the open database,
// its catalog and calculation engine, the interface language and the number
// style. Fields are used on the UI goroutine, except the engine, which any
// goroutine uses through compute.
type session struct {
	app        fyne.App
	win        fyne.Window
	st         *store.Store
	keys       rootkey.Dir  // where the province root key is kept
	lang       string       // "vi" or "en"
	style      number.Style // how numbers are shown and read
	background func(func()) // runs work off the UI goroutine; synchronous in tests

	// reset rebuilds the window's content after the language or the
	// database changed; set by the shell.
	reset func()
	// reloaded is told when the catalog was read again, so that screens
	// built on the old one are rebuilt; set by the shell.
	reloaded func()
	// show brings the screen with the id to the front, building it if
	// needed; set by the shell.
	show func(id string)
	// syncUI is the sync screen once built: files opened from outside the
	// app (openFile) are read there.
	syncUI *syncUI
	// undo holds, by screen id, what Ctrl+Z does on that screen when no
	// cell takes it; set by the screens that can undo.
	undo map[string]func()
	// openStatus shows the reporting status of a data set for an area and
	// a period (the Tiến độ báo cáo screen); set by the shell.
	openStatus func(dataset, area string, p period.Period)
	// status is the reporting status screen once built.
	status *statusUI
	// first is the first-start screen while the window shows it.
	first *start

	mu     sync.Mutex // guards cat and engine
	cat    *catalog.Catalog
	engine *calc.Engine
}

func newSession(a fyne.App, st *store.Store, language string, background func(func())) (*session, error) {
	s := &session{app: a, st: st, keys: rootkey.DefaultDir(), lang: language, background: background, style: number.Vietnamese,
		undo: map[string]func(){}}
	if st, err := number.ParseStyle(a.Preferences().StringWithFallback(prefNumberStyle, "vi")); err == nil {
		s.style = st
	}
	return s, s.reload()
}

// reload reads the catalog again and starts a new engine over it, after the
// catalog changed or another database was opened.
func (s *session) reload() error {
	ctx := context.Background()
	cat, err := s.st.Catalog(ctx)
	if err != nil {
		return err
	}
	engine, err := calc.New(ctx, cat, s.st)
	if err != nil {
		return err
	}
	s.mu.Lock()
	s.cat, s.engine = cat, engine
	s.mu.Unlock()
	if s.reloaded != nil {
		s.reloaded()
	}
	return nil
}

// catalog returns the catalog of the open database (do not modify it).
func (s *session) catalog() *catalog.Catalog {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.cat
}

// compute runs f with the engine, which is not safe for concurrent use.
func (s *session) compute(f func(*calc.Engine) error) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return f(s.engine)
}

// maxJump is the change on the previous period, in percent, beyond which a
// value needs a comment.
func (s *session) maxJump() float64 {
	return s.app.Preferences().FloatWithFallback(prefMaxJump, 50)
}

// title returns "Chỉ Số — <office> — <database file>".
func (s *session) title() string {
	office, _ := s.st.Meta("office")
	if office == "" {
		office = lang.L("Unnamed office")
	}
	return lang.L("Chỉ Số — {{.Office}} — {{.File}}", map[string]any{"Office": office, "File": filepath.Base(s.st.Path())})
}

// showError tells the user what went wrong, in their language.
func (s *session) showError(err error) {
	if err == nil {
		return
	}
	dialog.ShowError(errors.New(msg.Text(err, s.lang)), s.win)
}
