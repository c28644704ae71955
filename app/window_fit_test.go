package app

import (
	"testing"

	"fyne.io/fyne/v2"
)

func TestFitWindow(t *testing.T) {
	for _, c := range []struct {
		name        string
		avail, want fyne.Size
	}{
		{"full HD at 100 %", fyne.NewSize(1920, 1040), preferredWindowSize},
		// 1366 × 768 less a 40 px taskbar, at 100 %, 125 % and 150 %.
		{"1366 × 768", fyne.NewSize(1366, 728), fyne.NewSize(1280, 664)},
		{"1366 × 768 at 125 %", fyne.NewSize(1366/1.25, 720/1.25), fyne.NewSize(1366/1.25-24, 720/1.25-64)},
		{"1920 × 1080 at 150 %", fyne.NewSize(1280, 1032/1.5), fyne.NewSize(1256, 1032/1.5-64)},
	} {
		got := fitWindow(preferredWindowSize, c.avail)
		if got != c.want {
			t.Errorf("%s: fitWindow = %v, want %v", c.name, got, c.want)
		}
		if got.Width+windowFrame.Width > max(c.avail.Width, preferredWindowSize.Width+windowFrame.Width) ||
			got.Height+windowFrame.Height > max(c.avail.Height, preferredWindowSize.Height+windowFrame.Height) {
			t.Errorf("%s: %v and its frame do not fit in %v", c.name, got, c.avail)
		}
	}
}
