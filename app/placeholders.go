package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// comingScreen tells what a screen of a later release will hold, so that
// no part of the navigation is a blank page.
func comingScreen(title, what string) fyne.CanvasObject {
	heading := widget.NewLabel(title)
	heading.TextStyle.Bold = true
	heading.SizeName = theme.SizeNameSubHeadingText
	body := widget.NewLabel(what)
	body.Wrapping = fyne.TextWrapWord
	note := widget.NewLabel(lang.L("This screen comes in a later release."))
	note.Importance = widget.LowImportance
	return container.NewPadded(container.NewVBox(heading, body, note))
}

func reportsScreen(*session) fyne.CanvasObject {
	return comingScreen(lang.L("Reports"), lang.L("Reports in the official layout as XLSX, PDF and CSV for an area and a period, with written analysis; import from Excel; DHIS2 and SDMX exchange."))
}
