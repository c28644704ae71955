//go:build !windows

package app

import (
	"net/url"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"
)

// openWithSystem opens the file at path with the program the desktop has
// for its type.
func openWithSystem(a fyne.App, path string) error {
	u, err := url.Parse(storage.NewFileURI(path).String())
	if err != nil {
		return err
	}
	return a.OpenURL(u)
}
