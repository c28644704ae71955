package store_test

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"chiso/data/catalog"
	"chiso/data/defaults"
	"chiso/data/period"
	"chiso/data/store"
)

func demoStore(t *testing.T) *store.Store {
	t.Helper()
	st, err := store.Open(filepath.Join(t.TempDir(), "demo.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if err := defaults.Install(context.Background(), st, true); err != nil {
		t.Fatal(err)
	}
	return st
}

func TestCheckArea(t *testing.T) {
	st := demoStore(t)
	cat, err := st.Catalog(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	areas := map[string]*catalog.Area{}
	for i := range cat.Areas {
		areas[cat.Areas[i].Code] = &cat.Areas[i]
	}
	lookup := func(c string) *catalog.Area { return areas[c] }
	for _, c := range []struct {
		area, period string
		outside      bool
		successor    string
		vi           string
	}{
		{"QN_HOANHBO", "2019", false, "", ""},
		{"QN_HOANHBO", "2021", true, "QN_HALONG", "không còn trong kỳ Năm 2021 (chỉ có đến 31/12/2019)"},
		{"QN_HOANHBO", "2026", true, "", "không còn trong kỳ Năm 2026"},
		{"QN_HALONG", "2026", true, "", "Thành phố Hạ Long (QN_HALONG) không còn"},
		{"QN_HALONG", "2025Q2", false, "", ""},
		{"QN_HALONG", "2025", true, "", "chỉ có đến 30/06/2025"},
		{"QN_BACHE_03", "2019", true, "", "Xã Đồn Đạc (QN_BACHE_03) chưa có trong kỳ Năm 2019 (có từ 01/01/2020)"},
		{"QN_BACHE_03", "2020", false, "", ""},
		{"QN", "2026", false, "", ""},
	} {
		err := store.CheckArea(areas[c.area], period.MustParse(c.period), lookup)
		var oe *store.OutsideError
		if errors.As(err, &oe) != c.outside {
			t.Errorf("%s %s: %v, want outside %v", c.area, c.period, err, c.outside)
			continue
		}
		if !c.outside {
			continue
		}
		succ := ""
		if oe.Successor != nil {
			succ = oe.Successor.Code
		}
		if succ != c.successor || !strings.Contains(oe.Message("vi"), c.vi) || oe.Message("en") == oe.Message("vi") {
			t.Errorf("%s %s: successor %q, messages\n%s\n%s", c.area, c.period, succ, oe.Message("vi"), oe.Message("en"))
		}
	}
}

func TestValuesOutsideAreas(t *testing.T) {
	ctx := context.Background()
	st := demoStore(t)
	if out, err := st.ValuesOutsideAreas(ctx); err != nil || len(out) != 0 {
		t.Fatalf("the demo has values outside their areas' dates: %+v %v", out, err)
	}
	if _, err := st.Save(ctx, store.Change{Element: "POP", Area: "QN_HOANHBO", Period: "2021", Value: "1"},
		store.Change{Element: "HH_TOTAL", Area: "QN_HOANHBO", Period: "2021", Value: "1"},
		store.Change{Element: "POP", Area: "QN_BACHE_03", Period: "2018", Value: "1"}); err != nil {
		t.Fatal(err)
	}
	out, err := st.ValuesOutsideAreas(ctx)
	if err != nil || len(out) != 2 {
		t.Fatalf("%+v %v", out, err)
	}
	if out[0].Area.Code != "QN_BACHE_03" || out[0].Values != 1 || out[1].Area.Code != "QN_HOANHBO" || out[1].Values != 2 || out[1].Successor.Code != "QN_HALONG" {
		t.Errorf("%+v %+v", out[0], out[1])
	}
}
