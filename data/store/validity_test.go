package store_test

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"chiso/data/catalog"
	"chiso/data/defaults"
	"chiso/data/msg"
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
	// Values saved while the catalog gave the areas other dates: the
	// official dates that came later leave them outside.
	official, err := st.Catalog(ctx)
	if err != nil {
		t.Fatal(err)
	}
	widened, _ := st.Catalog(ctx)
	for i := range widened.Areas {
		widened.Areas[i].ValidFrom, widened.Areas[i].ValidTo = "", ""
	}
	if err := st.SaveCatalog(ctx, widened); err != nil {
		t.Fatal(err)
	}
	if _, err := st.Save(ctx, store.Change{Element: "POP", Area: "QN_HOANHBO", Period: "2021", Value: "1"},
		store.Change{Element: "HH_TOTAL", Area: "QN_HOANHBO", Period: "2021", Value: "1"},
		store.Change{Element: "POP", Area: "QN_BACHE_03", Period: "2018", Value: "1"}); err != nil {
		t.Fatal(err)
	}
	if err := st.SaveCatalog(ctx, official); err != nil {
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

// TestWritesRefuseAreasOutsideTheirDates: every local write (a typed value,
// a restore or an undo, which are saves too, and the resolution of a
// conflict) refuses a value of an area in a period it does not exist in,
// naming its dates and successor, and writes nothing of the batch; a
// stray value may still be deleted.
func TestWritesRefuseAreasOutsideTheirDates(t *testing.T) {
	ctx := context.Background()
	st := demoStore(t)
	good := store.Change{Element: "POP", Area: "QN_BACHE_03", Period: "2024", Value: "2100"}
	for _, c := range []struct {
		change store.Change
		vi, en string
	}{
		{store.Change{Element: "POP", Area: "QN_BACHE_03", Period: "2027", Value: "4321"},
			"Xã Đồn Đạc (QN_BACHE_03) không còn trong kỳ Năm 2027 (chỉ có đến 30/06/2025)", "no longer existed in 2027 (it existed until 30/06/2025)"},
		{store.Change{Element: "POP", Area: "QN_BACHE_03", Period: "2025Q3", Value: "4321"},
			"không còn trong kỳ Quý III/2025 (chỉ có đến 30/06/2025)", "until 30/06/2025"},
		{store.Change{Element: "POP", Area: "QN_BACHE_03", Period: "2019", Value: "4321"},
			"chưa có trong kỳ Năm 2019 (có từ 01/01/2020)", "did not exist yet in 2019 (it exists from 01/01/2020)"},
		{store.Change{Element: "HH_TOTAL", Area: "QN_HOANHBO", Period: "2021", Value: "1"},
			"(chỉ có đến 31/12/2019), số liệu này sẽ không được tính vào đâu; có thể ghi vào địa bàn kế tiếp Thành phố Hạ Long (QN_HALONG)",
			"it may be recorded on the area that succeeded it, Thành phố Hạ Long (QN_HALONG)"},
	} {
		_, err := st.Save(ctx, good, c.change)
		var oe *store.OutsideError
		if !errors.As(err, &oe) || !strings.Contains(msg.Text(err, "vi"), c.vi) || !strings.Contains(msg.Text(err, "en"), c.en) {
			t.Errorf("save %+v: %v\n%s", c.change, err, msg.Text(err, "vi"))
		}
		err = st.Resolve(ctx, c.change)
		if !errors.As(err, &oe) || !strings.Contains(msg.Text(err, "vi"), c.vi) {
			t.Errorf("resolve %+v: %v", c.change, err)
		}
	}
	for _, f := range []store.ValueFilter{
		{Areas: []string{"QN_BACHE_03"}, Periods: []string{"2027", "2025Q3"}},
		{Areas: []string{"QN_HOANHBO"}, Periods: []string{"2021"}},
		{Elements: []string{"POP"}, Areas: []string{"QN_BACHE_03"}, Periods: []string{"2024"}},
	} {
		vals, err := st.Values(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		for _, v := range vals {
			if v.Period != "2024" || v.Value == good.Value { // 2024 keeps the demo's figure
				t.Fatalf("refused saves wrote %+v", v)
			}
		}
	}
	if _, err := st.Save(ctx, good, store.Change{Element: "POP", Area: "QN_BACHE_03", Period: "2027"}); err != nil {
		t.Errorf("deleting a value outside the area's dates: %v", err)
	}
	if _, err := st.Save(ctx, store.Change{Element: "POP", Area: "QN_BACHE_03", Period: "2025Q2", Value: "2100"}); err != nil {
		t.Errorf("a quarter the commune still existed in: %v", err)
	}
}
