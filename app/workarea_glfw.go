//go:build !ci && !android && !ios && !wasm && !js

package app

import (
	"fyne.io/fyne/v2"
	"github.com/go-gl/glfw/v3.3/glfw"
)

// workArea returns the work area of the main screen (the screen less the
// taskbar or the dock), where a new window opens, in the units of w's
// canvas; false when it is not known. GLFW gives it in screen coordinates:
// pixels on Windows (the program is DPI-aware) and X11, points on macOS,
// which is what the canvas scale turns Fyne units into.
func workArea(w fyne.Window) (fyne.Size, bool) {
	m := glfw.GetPrimaryMonitor()
	if m == nil {
		return fyne.Size{}, false
	}
	_, _, width, height := m.GetWorkarea()
	scale := w.Canvas().Scale()
	if width <= 0 || height <= 0 || scale <= 0 {
		return fyne.Size{}, false
	}
	return fyne.NewSize(float32(width)/scale, float32(height)/scale), true
}
