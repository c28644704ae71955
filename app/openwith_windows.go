package app

import (
	"fmt"
	"path/filepath"

	"fyne.io/fyne/v2"
	"golang.org/x/sys/windows"
)

// openWithSystem opens the file at path with the program Windows has for
// its type, as a double-click in Explorer does. ShellExecuteW takes the
// path as UTF-16, so Vietnamese letters and spaces pass unchanged (Fyne's
// OpenURL goes through rundll32 and a file:// URL, which they do not).
func openWithSystem(_ fyne.App, path string) error {
	verb, err := windows.UTF16PtrFromString("open")
	if err != nil {
		return err
	}
	file, err := windows.UTF16PtrFromString(filepath.FromSlash(path))
	if err != nil {
		return err
	}
	if err := windows.ShellExecute(0, verb, file, nil, nil, windows.SW_SHOWNORMAL); err != nil {
		return fmt.Errorf("opening %s: %w", path, err)
	}
	return nil
}
