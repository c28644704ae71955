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
	// 2022 counts by the new poverty standard: the change on 2021 says so,
	// and the 2025 target (0,5%) has been met since 2022, 3 years early.
	if !strings.Contains(card.change, "điểm %") || !strings.HasSuffix(card.change, "(chuẩn nghèo mới)") {
		t.Errorf("POV_RATE card change = %q, want a change in điểm %% between two standards", card.change)
	}
	if card.target != "Mục tiêu 2025: 0,50 % — đạt từ 2022 (sớm 3 năm)" {
		t.Errorf("POV_RATE card target = %q", card.target)
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
	if d.indicator != "POV_RATE" || len(d.line.Breaks) != 2 || d.line.Labels[d.line.Breaks[1].Index] != "2022" ||
		d.line.Breaks[1].Label != "Chuẩn nghèo mới (2022)" {
		t.Errorf("charted %s with breaks %+v, want POV_RATE with the standards of 2015 and 2022", d.indicator, d.line.Breaks)
	}
	test.Tap(d.cardOf["ELEC_RATE"])
	if d.indicator != "ELEC_RATE" || !strings.Contains(d.bar.Title, "điện") {
		t.Errorf("after tapping the ELEC_RATE card: indicator %s, bar title %q", d.indicator, d.bar.Title)
	}
	test.Tap(d.cardOf["POV_RATE"])

	// In 2021 the rate counts by the old standard: not held against the
	// 2025 target, set in the new one.
	m.years.SetSelected("2021")
	if got := d.cardOf["POV_RATE"].target; got != "Mục tiêu 2025: 0,50 % (theo chuẩn nghèo mới từ 2022)" {
		t.Errorf("POV_RATE card target in 2021 = %q", got)
	}
	m.years.SetSelected("2022")

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
// 2022 at 1366×768 to $CHISO_DASHBOARD_SCREENSHOT (skipped when unset).
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
	m.s.win.Resize(fyne.NewSize(1366, 768))
	capture(t, m.s.win, out)
}
