package app

import (
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"

	"chiso/data/defaults"
)

// lastFolderPref is the preference in which Fyne's file dialogs keep the
// folder last used.
const lastFolderPref = "fyne:fileDialogLastFolder"

// openDialog returns a file-open dialog that hands the chosen file to use
// and closes it after; an error (of the dialog or of use) is shown, a
// cancel does nothing. It starts where startFolder says.
func (s *session) openDialog(use func(r fyne.URIReadCloser) error) *dialog.FileDialog {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err == nil && r == nil {
			return // cancelled
		}
		if err == nil {
			err = use(r)
			r.Close()
		}
		if err != nil {
			s.showError(err)
		}
	}, s.win)
	s.startFolder(d)
	return d
}

// saveDialog returns a file-save dialog that hands the file to write to use
// and closes it after; an error (of the dialog, of use or of closing) is
// shown, a cancel does nothing. It starts where startFolder says.
func (s *session) saveDialog(use func(w fyne.URIWriteCloser) error) *dialog.FileDialog {
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err == nil && w == nil {
			return // cancelled
		}
		if err == nil {
			err = use(w)
			if cerr := w.Close(); err == nil {
				err = cerr
			}
		}
		if err != nil {
			s.showError(err)
		}
	}, s.win)
	s.startFolder(d)
	return d
}

// startFolder makes d start in the user's Documents folder until a file
// dialog has been used once; from then on Fyne starts in the folder used
// last. A caller may still choose another folder with d.SetLocation.
func (s *session) startFolder(d *dialog.FileDialog) {
	if s.app.Preferences().String(lastFolderPref) != "" {
		return
	}
	if dir := defaults.DocumentsDir(); dir != "" {
		if l := folderOf(filepath.Join(dir, "x")); l != nil {
			d.SetLocation(l)
		}
	}
}

// saveSecretDialog returns a file-save dialog for a secret (an office file,
// a root key): the file the dialog creates is closed at once and write
// gets its path, to write it readable by its owner only (rootkey.WriteFile
// replaces it whole). An error is shown, a cancel does nothing.
func (s *session) saveSecretDialog(write func(path string) error) *dialog.FileDialog {
	return dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err == nil && w == nil {
			return // cancelled
		}
		if err == nil {
			err = w.Close()
		}
		if err == nil {
			err = write(w.URI().Path())
		}
		if err != nil {
			s.showError(err)
		}
	}, s.win)
}
