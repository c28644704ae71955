//go:build ci

package app

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"chiso/data/calc"
	"chiso/data/period"
	"chiso/data/store"
	"chiso/widgets"
)

// TestEntry_EstimatesThenOfficial types values as estimates, then makes the
// whole form official: the database holds each value's estimate and then
// the official figure in its history, with author and date; one value is
// marked an estimate again from its history dialog; the engine says which
// of the district's figures rest on estimates.
func TestEntry_EstimatesThenOfficial(t *testing.T) {
	e := newTestEntry(t, "KTXH_XA", "QN_BACHE_03", "2024")
	if err := e.s.st.SetAuthor("Lan"); err != nil {
		t.Fatal(err)
	}
	b := e.estimates
	b.choice.SetSelected(b.choice.Options[1]) // "Số ước tính"
	e.typeValue(t, "HH_TOTAL", "520", "HH_ELEC")
	e.typeValue(t, "HH_ELEC", "510", "HH_WATER")
	for _, key := range []string{"HH_TOTAL", "HH_ELEC"} {
		if v := e.stored(t, key); v.Status != store.Estimate {
			t.Fatalf("%s stored %+v, want an estimate", key, v)
		}
		if st := e.grid.Status(key); st.Kind != widgets.StatusSaved || !strings.Contains(st.Text, "ước thực hiện") {
			t.Errorf("%s cell status %+v", key, st)
		}
	}
	if !strings.Contains(b.summary.Text, "2/") || b.official.Disabled() {
		t.Errorf("summary %q, make-official disabled %v", b.summary.Text, b.official.Disabled())
	}
	var est calc.Estimates
	e.s.compute(func(en *calc.Engine) (err error) {
		est, err = en.Estimates("HH_TOTAL", "QN_BACHE", period.MustParse("2024"), "")
		return err
	})
	if est.Estimated != 1 || est.Reporting < 1 {
		t.Errorf("the district's households: %+v, want the commune's estimate counted", est)
	}

	// The whole form becomes official, as one action.
	var keys []string
	for key, it := range e.items {
		if it.value != "" && it.status == store.Estimate {
			keys = append(keys, key)
		}
	}
	if err := b.setAll(keys, store.Official); err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{"HH_TOTAL", "HH_ELEC"} {
		if v := e.stored(t, key); v.Status != store.Official || v.Value == "" {
			t.Errorf("%s after the form was made official: %+v", key, v)
		}
	}
	h, err := e.s.st.History(context.Background(), "HH_TOTAL", "QN_BACHE_03", "2024", "")
	if err != nil {
		t.Fatal(err)
	}
	n := len(h)
	if n < 2 || h[n-2].Status != store.Estimate || h[n-2].New != "520" || h[n-1].Status != store.Official || h[n-1].New != "520" ||
		h[n-2].Author != "Lan" || h[n-1].Author != "Lan" || h[n-1].ChangedAt == "" {
		t.Fatalf("history: %+v", h)
	}
	if !b.official.Disabled() || !strings.Contains(b.summary.Text, "chính thức") {
		t.Errorf("after: summary %q, make-official enabled %v", b.summary.Text, !b.official.Disabled())
	}

	// One value is marked an estimate again from its history.
	e.history("HH_ELEC")
	if e.shownHistory == nil {
		t.Fatal("no history dialog")
	}
	it := e.items["HH_ELEC"]
	actions := b.valueActions(it)
	if len(actions) != 1 {
		t.Fatal("no action in the history dialog")
	}
	test.Tap(actions[0].(*widget.Button))
	if v := e.stored(t, "HH_ELEC"); v.Status != store.Estimate || v.Value != "510" {
		t.Errorf("HH_ELEC after marking it an estimate: %+v", v)
	}
	if !strings.Contains(b.summary.Text, "1/") {
		t.Errorf("summary %q", b.summary.Text)
	}
	// Ctrl+Z puts the official figure back.
	e.undoLast()
	if v := e.stored(t, "HH_ELEC"); v.Status != store.Official {
		t.Errorf("HH_ELEC after undo: %+v", v)
	}
}

// TestPeriodsOfCumulativeForms: a form of six months offers the
// half-years, one of nine months the nine months of each year.
func TestPeriodsOfCumulativeForms(t *testing.T) {
	now := time.Date(2026, 8, 4, 0, 0, 0, 0, time.UTC)
	six := periodsOf("6months", now)
	if six[0].String() != "2027S2" || six[1].String() != "2027S1" || six[2].String() != "2026S2" {
		t.Errorf("six months: %v", six[:3])
	}
	if nine := periodsOf("9months", now); nine[0].String() != "2027C9" || nine[1].String() != "2026C9" {
		t.Errorf("nine months: %v", nine[:2])
	}
	if p := currentPeriod("6months", now); p.String() != "2026S2" || p.Label("vi") != "6 tháng cuối năm 2026" {
		t.Errorf("current half-year %v %q", p, p.Label("vi"))
	}
}
