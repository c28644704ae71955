package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
)

// catalogScreen is the catalog screen (Danh mục).
func catalogScreen(*session) fyne.CanvasObject {
	return comingScreen(lang.L("Catalog"), "")
}
