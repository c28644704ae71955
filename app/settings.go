package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
)

// settingsScreen is the settings screen (Cài đặt).
func settingsScreen(*session) fyne.CanvasObject {
	return comingScreen(lang.L("Settings"), "")
}
