package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
)

// openDialog returns a file-open dialog that hands the chosen file to use
// and closes it after; an error (of the dialog or of use) is shown, a
// cancel does nothing.
func (s *session) openDialog(use func(r fyne.URIReadCloser) error) *dialog.FileDialog {
	return dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
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
}

// saveDialog returns a file-save dialog that hands the file to write to use
// and closes it after; an error (of the dialog, of use or of closing) is
// shown, a cancel does nothing.
func (s *session) saveDialog(use func(w fyne.URIWriteCloser) error) *dialog.FileDialog {
	return dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
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
}
