package report

import (
	"context"
	"math"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"chiso/data/benchgen"
	"chiso/data/calc"
	"chiso/data/catalog"
	"chiso/data/period"
)

// realQuangNinh returns an engine over the real map (every unit of the
// official list, with its successors) and values for the communes of
// Quảng Ninh — those before the reform for 2011–2024, the 54 after it for
// 2025 and 2026.
func realQuangNinh(t *testing.T) *calc.Engine {
	t.Helper()
	ctx := context.Background()
	cat, err := benchgen.ReformCatalog()
	if err != nil {
		t.Fatal(err)
	}
	parent := map[string]string{}
	for _, a := range cat.Areas {
		parent[a.Code] = a.Parent
	}
	inQN := func(a catalog.Area) bool {
		for code := a.Code; code != ""; code = parent[code] {
			if code == "22" || code == "T22" {
				return true
			}
		}
		return false
	}
	st, cat, _, err := benchgen.ReformDB(ctx, filepath.Join(t.TempDir(), "qn.db"), inQN)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	en, err := calc.New(ctx, cat, st)
	if err != nil {
		t.Fatal(err)
	}
	return en
}

// TestQuangNinh2026OnTheRealMap: the province of 2026 counts and ranks
// its 54 new communes, wards and special zones, and its trend from 2011
// is on today's boundaries (the former province's, whole), marked; a new
// commune's trend is made from the communes it was made of.
func TestQuangNinh2026OnTheRealMap(t *testing.T) {
	en := realQuangNinh(t)
	y2026 := period.MustParse("2026")
	kids := en.Children("22", y2026)
	if len(kids) != 54 {
		t.Fatalf("Quảng Ninh has %d communes in 2026, want 54", len(kids))
	}
	sentences := anRun(t, en, "22", "2026", analysisVI)
	c, err := en.CountMeeting("POV_RATE", "22", 4, y2026, func(v float64) bool { return v < 1 })
	if err != nil || c.Total() != 54 || len(c.Missing) != 0 {
		t.Fatalf("count: %+v %v", c, err)
	}
	want := "Năm 2026, " + strconv.Itoa(len(c.Met)) + "/54 xã, phường, đặc khu có tỷ lệ hộ nghèo dưới 1%."
	if len(c.Met) == 0 {
		want = "Năm 2026, chưa có xã, phường, đặc khu nào có tỷ lệ hộ nghèo dưới 1%."
	}
	anWantSentences(t, sentences, want)

	r, err := Build(en, Options{Area: "22", Period: y2026})
	if err != nil {
		t.Fatal(err)
	}
	if r.Ranked == nil || len(r.Ranked.Values) != 54 {
		t.Fatalf("ranked: %+v", r.Ranked)
	}
	tr := r.Trend
	if tr == nil || tr.Labels[0] != "2011" || tr.Labels[len(tr.Labels)-1] != "2026" || !strings.HasSuffix(tr.Title, "(tính theo địa giới mới)") {
		t.Fatalf("trend: %+v", tr)
	}
	for i, l := range tr.Labels {
		if wantMapped := l < "2025"; tr.Mapped[i] != wantMapped || math.IsNaN(tr.Values[i]) {
			t.Errorf("trend %s: %v (mapped %v)", l, tr.Values[i], tr.Mapped[i])
		}
	}
	// 2019 on today's boundaries is the former province's own 2019.
	own, _ := en.Figure("POV_RATE", "T22", period.MustParse("2019"), "")
	if i := slices.Index(tr.Labels, "2019"); tr.Values[i] != own.Value {
		t.Errorf("2019: %v, the former province's %v", tr.Values[i], own.Value)
	}

	// Every new commune has its 2024 from the communes it was made of
	// (or says it cannot), never nothing.
	made, notComparable := 0, 0
	for _, k := range kids {
		f, err := en.Figure("HH_TOTAL", k, period.MustParse("2024"), "")
		if err != nil {
			t.Fatal(err)
		}
		switch {
		case f.OK && f.Mapped:
			made++
		case f.NotComparable:
			notComparable++
		default:
			t.Errorf("%s in 2024: %+v", k, f)
		}
	}
	if made == 0 {
		t.Error("no new commune has a 2024 made from its communes")
	}
	t.Logf("of 54 communes, %d have a 2024 on today's boundaries, %d cannot (splits without shares)", made, notComparable)
}
