package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"chiso/data/defaults"
	"chiso/data/period"
	"chiso/data/store"
)

// section is one entry of the navigation: a screen of the main window.
type section struct {
	id    string
	title string
	icon  fyne.Resource
	build func(*session) fyne.CanvasObject
}

// sections returns the screens of the main window, in navigation order,
// titled in the interface language.
func sections() []section {
	return []section{
		{"entry", lang.L("Data entry"), theme.DocumentCreateIcon(), entryScreen},
		{"overview", lang.L("Overview"), theme.HomeIcon(), overviewScreen},
		{"tables", lang.L("Tables"), theme.GridIcon(), tablesScreen},
		{"sync", lang.L("Sync"), theme.ViewRefreshIcon(), syncScreen},
		{"reports", lang.L("Reports"), theme.DocumentPrintIcon(), reportsScreen},
		{"status", lang.X("cycle.screen", "Reporting status"), theme.MailSendIcon(), statusScreen},
		{"catalog", lang.L("Catalog"), theme.ListIcon(), catalogScreen},
		{"settings", lang.L("Settings"), theme.SettingsIcon(), settingsScreen},
	}
}

// shell is the main window's frame: the navigation on the left, the chosen
// screen on the right. Screens are built when first shown and kept.
type shell struct {
	s        *session
	sections []section
	nav      *widget.List
	content  *fyne.Container
	screens  map[string]fyne.CanvasObject
	current  string
}

func newShell(s *session, first string) *shell {
	sh := &shell{s: s, sections: sections(), screens: map[string]fyne.CanvasObject{}}
	sh.content = container.NewStack()
	sh.nav = widget.NewList(
		func() int { return len(sh.sections) },
		func() fyne.CanvasObject {
			return container.NewHBox(widget.NewIcon(theme.HomeIcon()), widget.NewLabel("Tổng quan dữ liệu"))
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			box := o.(*fyne.Container)
			box.Objects[0].(*widget.Icon).SetResource(sh.sections[i].icon)
			box.Objects[1].(*widget.Label).SetText(sh.sections[i].title)
		})
	sh.nav.OnSelected = func(i widget.ListItemID) { sh.show(sh.sections[i].id) }
	for i, sec := range sh.sections {
		if sec.id == first {
			sh.nav.Select(i)
		}
	}
	return sh
}

// object returns the shell as one canvas object. A screen that needs more
// room than the window has (a small screen at 125 or 150 %) scrolls in it:
// it never makes the window grow past the screen, where it would stay for
// every screen shown after it.
func (sh *shell) object() fyne.CanvasObject {
	return container.NewBorder(nil, nil, container.NewBorder(nil, nil, nil, widget.NewSeparator(), sh.nav), nil, container.NewScroll(sh.content))
}

// show displays the screen with the id.
func (sh *shell) show(id string) {
	for i, sec := range sh.sections {
		if sec.id != id {
			continue
		}
		obj, ok := sh.screens[id]
		if !ok {
			obj = sec.build(sh.s)
			sh.screens[id] = obj
		}
		sh.current = id
		sh.content.Objects = []fyne.CanvasObject{obj}
		sh.content.Refresh()
		sh.nav.Select(i)
		return
	}
}

// forgetOthers drops every built screen but the one shown, so that each is
// built anew, on the new catalog, when next shown.
func (sh *shell) forgetOthers() {
	for id := range sh.screens {
		if id != sh.current {
			delete(sh.screens, id)
		}
	}
}

// newMainWindow returns the session of the main window of a on the database
// st, in language ("vi" or "en"): the navigation between the screens,
// opening on data entry; the title shows the office and the database file.
// background runs work off the UI goroutine.
func newMainWindow(a fyne.App, st *store.Store, language string, background func(func())) (*session, error) {
	s, err := newSession(a, st, language, background)
	if err != nil {
		return nil, err
	}
	s.win = a.NewWindow(s.title())
	var sh *shell
	s.reset = func() {
		current := "entry"
		if sh != nil {
			current = sh.current
		}
		s.win.SetTitle(s.title())
		if !defaults.Installed(s.st) {
			// A new database: ask whom this computer works for.
			sh = nil
			s.first = newStart(s)
			s.win.SetContent(s.first.content)
			return
		}
		s.first = nil
		sh = newShell(s, current)
		s.win.SetContent(sh.object())
	}
	s.reloaded = func() {
		if sh != nil {
			sh.forgetOthers()
		}
	}
	s.openStatus = func(dataset, area string, p period.Period) {
		if sh == nil {
			return
		}
		sh.show("status")
		if s.status != nil {
			s.status.choose(dataset, area, p)
		}
	}
	s.show = func(id string) {
		if sh == nil { // past the first start: a file opened says what the computer is for
			s.first = nil
			sh = newShell(s, id)
			s.win.SetContent(sh.object())
		}
		sh.show(id)
	}
	s.reset()
	// Ctrl+Z outside a cell undoes what the screen shown can undo.
	s.win.Canvas().AddShortcut(&fyne.ShortcutUndo{}, func(fyne.Shortcut) {
		if sh == nil {
			return
		}
		if undo := s.undo[sh.current]; undo != nil {
			undo()
		}
	})
	s.win.SetOnClosed(func() { _ = s.st.Close() }) // the database open when the window closes
	s.win.Resize(preferredWindowSize)
	return s, nil
}
