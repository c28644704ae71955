package app

import (
	"io"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"

	"chiso/data/msg"
	"chiso/data/replica"
)

// CanOpen reports whether the app opens a file at path given to it on the
// command line (as Windows does on a double-click): a sync package
// (.chisopkg) or an office file (.chiso-office).
func CanOpen(path string) bool {
	switch strings.ToLower(filepath.Ext(path)) {
	case replica.PackageExt, officeFileExt:
		return true
	}
	return false
}

// openFile shows the sync screen and, once the user agrees, reads the file
// at path there: a sync package is imported, an office file loaded. What
// it did, or why not, shows on the screen as after the screen's own buttons.
func (s *session) openFile(path string) {
	s.show("sync")
	y := s.syncUI
	if y == nil {
		return
	}
	name := filepath.Base(path)
	if strings.EqualFold(filepath.Ext(path), officeFileExt) {
		dialog.ShowConfirm(lang.X("open.officeTitle", "Load the office file?"),
			lang.X("open.officeText", "Load {{.File}} into {{.Database}}? It sets this computer up to sync for the office it names.",
				map[string]any{"File": name, "Database": filepath.Base(s.st.Path())}),
			func(ok bool) {
				if ok {
					s.showError(loadOfficeFileAt(y, path))
				}
			}, s.win)
		return
	}
	dialog.ShowConfirm(lang.X("open.packageTitle", "Import the sync package?"),
		lang.X("open.packageText", "Import {{.File}} into {{.Database}}?",
			map[string]any{"File": name, "Database": filepath.Base(s.st.Path())}),
		func(ok bool) {
			if ok {
				y.importPackage(path)
			}
		}, s.win)
}

// loadOfficeFileAt reads the office file at path and loads it.
func loadOfficeFileAt(y *syncUI, path string) error {
	f, err := os.Open(path)
	if err != nil {
		return msg.Wrap(err, "không mở được tệp "+path, "cannot open "+path)
	}
	data, err := io.ReadAll(io.LimitReader(f, 64<<20))
	f.Close()
	if err != nil {
		return msg.Wrap(err, "không đọc được tệp "+path, "cannot read "+path)
	}
	return y.loadOfficeFile(data)
}
