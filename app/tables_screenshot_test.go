//go:build ci

package app

import (
	"os"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
)

// TestTablesScreenshot writes the Bảng screen at 1366×768, light theme, to
// $CHISO_SCREENSHOT_TABLES (skipped when unset): the poverty rate of the
// districts of Quảng Ninh, 2015–2022. CHISO_SCREENSHOT_LEVEL=4 shows the
// communes instead.
func TestTablesScreenshot(t *testing.T) {
	out := os.Getenv("CHISO_SCREENSHOT_TABLES")
	if out == "" {
		t.Skip("set CHISO_SCREENSHOT_TABLES=/tmp/x.png to write a screenshot")
	}
	tb := newTestTables(t, openDemo(t))
	test.ApplyTheme(t, theme.LightTheme())
	tb.from.SetSelected("2015")
	tb.to.SetSelected("2022")
	if os.Getenv("CHISO_SCREENSHOT_LEVEL") == "4" {
		chooseLevel(t, tb, 4)
	}
	tb.s.win.Resize(fyne.NewSize(1366, 768))
	capture(t, tb.s.win, out)
}
