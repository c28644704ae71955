package app

import (
	"context"
	"errors"

	"fyne.io/fyne/v2"

	"chiso/data/calc"
	"chiso/data/defaults"
	"chiso/data/msg"
	"chiso/data/store"
)

// prefOfficeDatabase is the preference key of the office's database last
// opened (the demo's is never remembered there), which closing the demo
// goes back to.
const prefOfficeDatabase = "officeDatabase"

// switchTo makes st the session's database in place of the current one,
// which is closed, and rebuilds the window on it; when the catalog of st
// cannot be read, st is closed and the current one stays. The choice is
// remembered for the next start.
func (s *session) switchTo(st *store.Store) error {
	old := s.st
	s.st = st
	if err := s.reload(); err != nil {
		st.Close()
		s.st = old
		return errors.Join(msg.Wrap(err, "không đọc được danh mục của "+st.Path(), "cannot read the catalog of "+st.Path()), s.reload())
	}
	s.compute(func(*calc.Engine) error { return old.Close() }) // once no computation runs on it
	prefs := s.app.Preferences()
	prefs.SetString(prefDatabase, st.Path())
	if !defaults.IsDemo(st) {
		prefs.SetString(prefOfficeDatabase, st.Path())
	}
	if s.reset != nil {
		s.reset()
	} else {
		s.win.SetTitle(s.title())
	}
	return nil
}

// openDemo opens the demo database (defaults.DemoPath, filled the first
// time) in place of the office's, in the background, then calls done on
// the UI goroutine.
func (s *session) openDemo(done func(error)) {
	s.background(func() {
		st, err := defaults.OpenOrCreate(context.Background(), defaults.DemoPath())
		fyne.Do(func() {
			if err == nil {
				err = s.switchTo(st)
			}
			done(err)
		})
	})
}

// closeDemo goes back from the demo to the office's database: the one
// last opened, else the default one (a new one, for which the first-start
// screen asks who the computer works for).
func (s *session) closeDemo() error {
	path := s.app.Preferences().String(prefOfficeDatabase)
	if path == "" {
		path = defaults.DBPath()
	}
	st, err := store.Open(path)
	if err != nil {
		return msg.Wrap(err, "không mở được "+path, "cannot open "+path)
	}
	return s.switchTo(st)
}

// homeArea returns the area the screens show first: the office's own
// (recorded when its database was set up), else the top of the tree.
func (s *session) homeArea() string {
	cat := s.catalog()
	if code, _ := s.st.Meta(defaults.MetaOfficeArea); code != "" {
		for _, a := range cat.Areas {
			if a.Code == code {
				return code
			}
		}
	}
	return defaultArea(cat)
}
