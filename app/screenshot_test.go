//go:build ci

package app

import (
	"image/png"
	"os"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
)

// TestScreenshot writes the main window at 1200×800 to $CHISO_SCREENSHOT
// (skipped when unset), to look at the layout: Quảng Ninh in 2020, or in
// the year $CHISO_SCREENSHOT_YEAR.
func TestScreenshot(t *testing.T) {
	out := os.Getenv("CHISO_SCREENSHOT")
	if out == "" {
		t.Skip("set CHISO_SCREENSHOT=/tmp/x.png to write a screenshot")
	}
	m := newTestOverview(t, openDemo(t))
	test.ApplyTheme(t, theme.LightTheme())
	if f := os.Getenv("CHISO_SCREENSHOT_FILTER"); f != "" {
		m.tree.SetFilter(f)
	}
	year := "2020"
	if y := os.Getenv("CHISO_SCREENSHOT_YEAR"); y != "" {
		year = y
	}
	m.years.SetSelected(year)
	h := float32(800)
	if os.Getenv("CHISO_SCREENSHOT_TALL") != "" {
		h = 1150
	}
	m.s.win.Resize(fyne.NewSize(1200, h))
	capture(t, m.s.win, out)
}

// capture writes what window w shows to a PNG file at path, for a person
// to look at (the env-gated screenshot tests of each screen).
func capture(t *testing.T, w fyne.Window, path string) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := png.Encode(f, w.Canvas().Capture()); err != nil {
		t.Fatal(err)
	}
}
