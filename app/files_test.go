//go:build ci

package app

import (
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"
)

// TestFileDialogs_StartInDocuments: until a file dialog has been used, open
// and save dialogs start in the user's Documents folder (a Vietnamese name
// with a space here); then where the user went last.
func TestFileDialogs_StartInDocuments(t *testing.T) {
	home := t.TempDir()
	docs := filepath.Join(home, "Tài liệu")
	for _, dir := range []string{docs, filepath.Join(home, "Tải về")} {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	t.Setenv("HOME", home)
	t.Setenv("XDG_DOCUMENTS_DIR", docs)
	s := newTestSession(t, openBare(t, "files"))
	// in tells whether the dialog shown is in the folder name: the path of
	// the folder shown is a row of buttons in bold above the files.
	in := func(name string) bool {
		t.Helper()
		markup := test.RenderObjectToMarkup(s.win.Canvas().Overlays().Top())
		return regexp.MustCompile(`bold size="[0-9x]+">` + name + `</text>`).MatchString(markup)
	}

	open := s.openDialog(func(fyne.URIReadCloser) error { return nil })
	open.Show()
	if !in("Tài liệu") {
		t.Errorf("the open dialog does not start in %s", docs)
	}
	open.Hide()
	save := s.saveDialog(func(fyne.URIWriteCloser) error { return nil })
	save.Show()
	if !in("Tài liệu") {
		t.Errorf("the save dialog does not start in %s", docs)
	}
	save.Hide()

	// Fyne remembers the folder last used; from then on that one wins.
	s.app.Preferences().SetString(lastFolderPref, storage.NewFileURI(filepath.Join(home, "Tải về")).String())
	open = s.openDialog(func(fyne.URIReadCloser) error { return nil })
	open.Show()
	if !in("Tải về") || in("Tài liệu") {
		t.Errorf("the open dialog does not start in the folder used last")
	}
}
