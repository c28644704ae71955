package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
)

// entryScreen is the data entry screen (Nhập liệu).
func entryScreen(*session) fyne.CanvasObject {
	return comingScreen(lang.L("Data entry"), "")
}
