//go:build ci

package app

import (
	"context"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
)

func TestCompletenessSummary(t *testing.T) {
	st := openDemo(t)
	s := newTestSession(t, st)
	ctx := context.Background()
	if err := st.SetAuthor("Trần Văn Bình"); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		area     string
		complete bool
	}{{"QN_BACHE_01", true}, {"QN_BACHE_02", true}, {"QN_BACHE_03", true}, {"QN_BACHE_03", false}} {
		if err := st.SetComplete(ctx, "KTXH_XA", c.area, "2024", c.complete); err != nil {
			t.Fatal(err)
		}
	}
	// Another data set and another period do not count.
	if err := st.SetComplete(ctx, "GIAM_NGHEO", "QN_BACHE_04", "2024", true); err != nil {
		t.Fatal(err)
	}
	if err := st.SetComplete(ctx, "KTXH_XA", "QN_BACHE_05", "2023", true); err != nil {
		t.Fatal(err)
	}

	done, missing, err := completenessSummary(s, "KTXH_XA", "QN_BACHE", "2024")
	if err != nil {
		t.Fatal(err)
	}
	if len(done) != 2 || len(done)+len(missing) != 8 {
		t.Fatalf("%d/%d complete, want 2/8", len(done), len(done)+len(missing))
	}
	var doneCodes, missingCodes []string
	for _, a := range done {
		doneCodes = append(doneCodes, a.Code)
		if a.Author != "Trần Văn Bình" || a.ChangedAt == "" {
			t.Errorf("%s completed by %q at %q", a.Code, a.Author, a.ChangedAt)
		}
	}
	for _, a := range missing {
		missingCodes = append(missingCodes, a.Code)
	}
	slices.Sort(doneCodes)
	if !slices.Equal(doneCodes, []string{"QN_BACHE_01", "QN_BACHE_02"}) {
		t.Errorf("done = %v", doneCodes)
	}
	for _, c := range []string{"QN_BACHE_03", "QN_BACHE_04", "QN_BACHE_05", "QN_BACHE_06", "QN_BACHE_07", "QN_BACHE_08"} {
		if !slices.Contains(missingCodes, c) {
			t.Errorf("%s is not listed as missing (missing: %v)", c, missingCodes)
		}
	}

	// The dialog says the count and names the missing communes.
	showCompleteness(s, "KTXH_XA", "QN_BACHE", "2024")
	markup := test.RenderToMarkup(s.win.Canvas())
	for _, want := range []string{"2/8 địa bàn đã hoàn thành", "Chưa hoàn thành (6)", "Đã hoàn thành (2)", missing[0].Name, "Trần Văn Bình"} {
		if !strings.Contains(markup, want) {
			t.Errorf("the completeness dialog lacks %q", want)
		}
	}
}

func TestCompletenessSummary_Errors(t *testing.T) {
	s := newTestSession(t, openDemo(t))
	for _, c := range []struct{ dataset, area, period string }{
		{"NO_SUCH", "QN_BACHE", "2024"},
		{"KTXH_XA", "NO_SUCH", "2024"},
		{"KTXH_XA", "QN_BACHE", "20x4"},
	} {
		if _, _, err := completenessSummary(s, c.dataset, c.area, c.period); err == nil {
			t.Errorf("%v: no error", c)
		}
	}
	// A commune has no child areas: 0/0, nothing missing.
	done, missing, err := completenessSummary(s, "KTXH_XA", "QN_BACHE_01", "2024")
	if err != nil || len(done)+len(missing) != 0 {
		t.Errorf("commune: %d done, %d missing, %v", len(done), len(missing), err)
	}
}
