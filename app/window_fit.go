package app

import "fyne.io/fyne/v2"

// preferredWindowSize is the size of the main window's content on a
// screen with room for it.
var preferredWindowSize = fyne.NewSize(1280, 800)

// windowFrame is the room, in Fyne units, that fitWindow leaves around the
// content for what the system draws (title bar, borders) and a margin. Its
// height is at least the height of a Windows taskbar, so that a window
// centred on the whole screen does not reach under the taskbar.
var windowFrame = fyne.NewSize(24, 64)

// fitWindow returns the content size for a window that asks for want on a
// screen whose work area (the screen less the taskbar or the dock) is
// avail, both in Fyne units: want, made smaller where it would not fit
// with its frame.
func fitWindow(want, avail fyne.Size) fyne.Size {
	return fyne.NewSize(
		min(want.Width, avail.Width-windowFrame.Width),
		min(want.Height, avail.Height-windowFrame.Height))
}

// fitOnScreen makes w fit the work area of the screen it opens on, centred,
// when its preferred size does not. Call it on the UI goroutine once the
// app runs.
func fitOnScreen(w fyne.Window) {
	avail, ok := workArea(w)
	if !ok {
		return
	}
	size := fitWindow(preferredWindowSize, avail)
	if size == preferredWindowSize {
		return
	}
	w.Resize(size)
	w.CenterOnScreen()
}
