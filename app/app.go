// Package app is the Fyne application of Chỉ Số: it opens the database,
// builds the windows and screens, and hops back to the UI goroutine with
// fyne.Do after computing in the background. The computing itself lives in
// the data packages.
package app

import (
	"errors"
	"os"
	"strings"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"chiso/assets"
	"chiso/data/defaults"
	"chiso/data/replica"
	"chiso/data/store"
)

// ID is the application ID, as in FyneApp.toml; preferences and storage are
// kept under it.
const ID = "vn.chiso.app"

// Run starts the interface and returns when the user closes the main
// window. The database is $CHISO_DB if set, else the one last opened in
// Settings, else chiso.db in the user's data folder (or beside a portable
// program); for a new file the first-start screen asks whom the computer
// works for (an office, or the demo, which has a database of its own). The
// window fits the screen it opens on. Each of files (see CanOpen) is then
// offered for reading on the sync screen.
func Run(files ...string) error {
	a := fyneapp.NewWithID(ID)
	if icon, err := assets.FS.ReadFile("icon.png"); err == nil {
		a.SetIcon(fyne.NewStaticResource("icon.png", icon))
	}
	language, err := SetupLanguage(a.Preferences().StringWithFallback(prefLanguage, "vi"))
	if err != nil {
		fyne.LogError("Could not load the translations", err)
	}
	st, err := store.Open(databasePath(a))
	if err != nil {
		return err
	}
	s, err := newMainWindow(a, st, language, func(f func()) { go f() })
	if err != nil {
		return err
	}
	a.Lifecycle().SetOnStarted(func() {
		fitOnScreen(s.win)
		if s.first == nil { // the first-start screen asks the name itself
			s.askAtStart()
		}
		for _, f := range files {
			s.openFile(f)
		}
	})
	s.win.ShowAndRun()
	return nil
}

// askAtStart asks what the app needs from the user, until answered: the
// name recorded on their changes (at the first start), and a passphrase to
// protect the root key an older version kept in the database.
func (s *session) askAtStart() {
	protect := func() {
		if replica.HasPlainRootKey(s.st) {
			s.askProtectRootKey()
		}
	}
	if s.st.AuthorChosen() {
		protect()
		return
	}
	name := widget.NewEntry()
	name.SetText(s.st.Author())
	name.Validator = func(text string) error {
		if strings.TrimSpace(text) == "" {
			return errors.New(lang.X("start.needName", "Give your name."))
		}
		return nil
	}
	items := []*widget.FormItem{
		widget.NewFormItem("", wrapped(lang.X("start.nameText", "Chỉ Số records who made each change. Give the name your colleagues know you by; you can change it in Settings."), widget.MediumImportance)),
		widget.NewFormItem(lang.X("start.name", "Your name"), name),
	}
	d := dialog.NewForm(lang.X("start.welcome", "Welcome to Chỉ Số"), lang.L("Save"), lang.X("start.later", "Later"), items, func(ok bool) {
		if ok {
			if err := s.st.SetAuthor(name.Text); err != nil {
				s.showError(err)
			}
		}
		protect()
	}, s.win)
	name.OnSubmitted = func(string) { d.Submit() }
	d.Resize(fyne.NewSize(560, d.MinSize().Height))
	d.Show()
	s.win.Canvas().Focus(name)
}

// databasePath chooses the database to open: a portable program keeps to
// its own, never one another copy opened on this computer.
func databasePath(a fyne.App) string {
	if os.Getenv("CHISO_DB") == "" && defaults.PortableDir() == "" {
		if p := a.Preferences().String(prefDatabase); p != "" {
			if _, err := os.Stat(p); err == nil {
				return p
			}
		}
	}
	return defaults.DBPath()
}
