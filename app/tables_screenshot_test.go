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
// communes of 2017–2026 instead, and CHISO_SCREENSHOT_FORMER=1 ticks
// "Cả đơn vị đã giải thể, sáp nhập".
func TestTablesScreenshot(t *testing.T) {
	out := os.Getenv("CHISO_SCREENSHOT_TABLES")
	if out == "" {
		t.Skip("set CHISO_SCREENSHOT_TABLES=/tmp/x.png to write a screenshot")
	}
	tb := newTestTables(t, openDemo(t))
	test.ApplyTheme(t, theme.LightTheme())
	if os.Getenv("CHISO_SCREENSHOT_LEVEL") == "4" {
		tb.from.SetSelected("2017")
		chooseLevel(t, tb, 4)
	} else {
		tb.from.SetSelected("2015")
		tb.to.SetSelected("2022")
		chooseLevel(t, tb, 3)
	}
	tb.former.SetChecked(os.Getenv("CHISO_SCREENSHOT_FORMER") == "1")
	tb.s.win.Resize(fyne.NewSize(1366, 768))
	capture(t, tb.s.win, out)
}
