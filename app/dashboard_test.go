//go:build ci

package app

import (
	"os"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// crumb returns the breadcrumb button with the text.
func crumb(t *testing.T, d *dashboard, text string) *widget.Hyperlink {
	t.Helper()
	for _, o := range d.crumbs.Objects {
		if b, ok := o.(*widget.Hyperlink); ok && b.Text == text {
			return b
		}
	}
	t.Fatalf("no breadcrumb %q in %q", text, d.crumbText())
	return nil
}

func TestDashboard_Demo(t *testing.T) {
	m := newTestOverview(t, openDemo(t))
	d := m.dash
	m.tree.Select("QN")
	m.years.SetSelected("2022")

	card := d.cardOf["POV_RATE"]
	if card == nil {
		t.Fatal("no POV_RATE card")
	}
	if card.value != "0,50" {
		t.Errorf("POV_RATE card value = %q, want 0,50", card.value)
	}
	if !strings.HasPrefix(card.count, "9/13 ") {
		t.Errorf("POV_RATE card count = %q, want 9/13 …", card.count)
	}
	if !strings.Contains(card.change, "điểm %") {
		t.Errorf("POV_RATE card change = %q, want a change in điểm %%", card.change)
	}
	for _, code := range []string{"NEARPOOR_RATE", "ELEC_RATE", "WATER_RATE"} {
		if d.cardOf[code] == nil {
			t.Errorf("no %s card", code)
		}
	}
	if got, want := d.crumbText(), "Việt Nam › Quảng Ninh"; got != want {
		t.Errorf("breadcrumbs = %q, want %q", got, want)
	}

	// The charts show POV_RATE first; tapping a card charts its indicator.
	if d.indicator != "POV_RATE" || len(d.line.Breaks) != 2 {
		t.Errorf("charted %s with breaks %+v, want POV_RATE with 2016 and 2022", d.indicator, d.line.Breaks)
	}
	test.Tap(d.cardOf["ELEC_RATE"])
	if d.indicator != "ELEC_RATE" || !strings.Contains(d.bar.Title, "điện") {
		t.Errorf("after tapping the ELEC_RATE card: indicator %s, bar title %q", d.indicator, d.bar.Title)
	}
	test.Tap(d.cardOf["POV_RATE"])

	// Tapping a bar opens that area.
	i := slices.Index(d.bar.Labels, "Huyện Ba Chẽ")
	if i < 0 {
		t.Fatalf("no bar for Huyện Ba Chẽ among %v", d.bar.Labels)
	}
	d.bar.OnTapped(i)
	if m.area != "QN_BACHE" || m.tree.Selected() != "QN_BACHE" {
		t.Errorf("after tapping the bar of Ba Chẽ: area %s, tree %s", m.area, m.tree.Selected())
	}
	if got, want := d.crumbText(), "Việt Nam › Quảng Ninh › Huyện Ba Chẽ"; got != want {
		t.Errorf("breadcrumbs = %q, want %q", got, want)
	}
	if d.indicator != "POV_RATE" {
		t.Errorf("the charted indicator changed to %s on drilling down", d.indicator)
	}

	// The breadcrumb leads back up.
	link := crumb(t, d, "Quảng Ninh")
	test.TapAt(link, fyne.NewPos(link.Size().Width/2, link.Size().Height/2)) // on the text

	if m.area != "QN" || m.tree.Selected() != "QN" {
		t.Errorf("after tapping the Quảng Ninh breadcrumb: area %s, tree %s", m.area, m.tree.Selected())
	}
	if got, want := d.crumbText(), "Việt Nam › Quảng Ninh"; got != want {
		t.Errorf("breadcrumbs = %q, want %q", got, want)
	}
}

// TestDashboardScreenshot writes the overview's charts tab for Quảng Ninh
// 2022 at 1280×800 to $CHISO_DASHBOARD_SCREENSHOT (skipped when unset).
func TestDashboardScreenshot(t *testing.T) {
	out := os.Getenv("CHISO_DASHBOARD_SCREENSHOT")
	if out == "" {
		t.Skip("set CHISO_DASHBOARD_SCREENSHOT=/tmp/x.png to write a screenshot")
	}
	m := newTestOverview(t, openDemo(t))
	test.ApplyTheme(t, theme.LightTheme())
	m.tree.Select("QN")
	m.years.SetSelected("2022")
	if a := os.Getenv("CHISO_DASHBOARD_AREA"); a != "" {
		m.tree.Select(a)
	}
	m.s.win.Resize(fyne.NewSize(1280, 800))
	capture(t, m.s.win, out)
}
