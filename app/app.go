// Package app is the Fyne application of Chỉ Số: it opens the database,
// builds the windows and screens, and hops back to the UI goroutine with
// fyne.Do after computing in the background. The computing itself lives in
// the data packages.
package app

import (
	"context"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"

	"chiso/assets"
	"chiso/data/defaults"
)

// ID is the application ID, as in FyneApp.toml; preferences and storage are
// kept under it.
const ID = "vn.chiso.app"

// Run starts the interface on the database at dbPath (created with the
// default catalog and the demo data when new) and returns when the user
// closes the main window.
func Run(dbPath string) error {
	a := fyneapp.NewWithID(ID)
	if icon, err := assets.FS.ReadFile("icon.png"); err == nil {
		a.SetIcon(fyne.NewStaticResource("icon.png", icon))
	}
	language, err := SetupLanguage()
	if err != nil {
		fyne.LogError("Could not load the translations", err)
	}
	st, err := defaults.OpenOrCreate(context.Background(), dbPath)
	if err != nil {
		return err
	}
	defer st.Close()
	w, err := NewMainWindow(a, st, language)
	if err != nil {
		return err
	}
	w.ShowAndRun()
	return nil
}
