//go:build ci || android || ios || wasm || js

package app

import "fyne.io/fyne/v2"

// workArea is not known without a real screen (the test driver).
func workArea(fyne.Window) (fyne.Size, bool) { return fyne.Size{}, false }
