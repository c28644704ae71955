package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"chiso/data/defaults"
	"chiso/data/store"
)

// TestCatalogLoad loads a province's catalog file into a database: a new
// element and form are added, a changed name replaces the old one, and a
// file that does not fit the catalog is refused with a message naming what
// is wrong, leaving the catalog as it was.
func TestCatalogLoad(t *testing.T) {
	db, dir := demoDB(t), t.TempDir()

	// A new office's database has the official part shipped in the program;
	// the demo database takes it on request, once.
	empty := filepath.Join(dir, "xa.db")
	if out, errs, code := chiso(t, "init", "--db", empty, "--empty"); code != 0 {
		t.Fatalf("init --empty: %d %s %s", code, out, errs)
	}
	o, err := defaults.Official()
	if err != nil {
		t.Fatal(err)
	}
	all := fmt.Sprintf("mới: %d", len(o.Elements)+len(o.Indicators)+len(o.Rules)+len(o.DataSets))
	for _, step := range []struct{ db, want string }{{empty, "mới: 0"}, {db, all}, {db, "mới: 0"}} {
		out, errs, code := chiso(t, "catalog", "load", "--db", step.db)
		if code != 0 || !strings.Contains(out, step.want) || !strings.Contains(out, "VN-2026.12-1") {
			t.Fatalf("load of the shipped catalog into %s: exit %d %s%s, want %q", filepath.Base(step.db), code, out, errs, step.want)
		}
	}

	file := filepath.Join(dir, "tinh.json")
	os.WriteFile(file, []byte(`{"version": "QN-2027.1",
	 "elements": [
	  {"code": "HH_POOR", "name_vi": "Số hộ nghèo cuối năm", "name_en": "Poor households at the end of the year",
	   "unit_vi": "hộ", "unit_en": "households", "value_type": "integer", "aggregation": "sum", "min": 0, "decimals": 0},
	  {"code": "HH_SOLAR", "name_vi": "Số hộ dùng điện mặt trời", "name_en": "Households using solar power",
	   "unit_vi": "hộ", "unit_en": "households", "value_type": "integer", "aggregation": "sum", "min": 0, "decimals": 0,
	   "time_aggregation": "level"}],
	 "rules": [{"code": "SOLAR_LE_HH", "name_vi": "Hộ dùng điện mặt trời không vượt quá tổng số hộ",
	   "name_en": "Solar households do not exceed all households", "left": "HH_SOLAR", "operator": "<=", "right": "HH_TOTAL"}],
	 "datasets": [{"code": "NANG_LUONG", "name_vi": "Năng lượng", "name_en": "Energy", "period_type": "year",
	   "elements": ["HH_TOTAL", "HH_ELEC", "HH_SOLAR"], "form_symbol": "007.N/XA", "due_date": "01-15"}]}`), 0o644)
	out, errs, code := chiso(t, "catalog", "load", "--db", db, file)
	if code != 0 || !strings.Contains(out, "QN-2027.1") || !strings.Contains(out, "mới: 3") {
		t.Fatalf("load: exit %d %s%s", code, out, errs)
	}
	names := func() map[string]string {
		t.Helper()
		st, err := store.Open(db)
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		c, err := st.Catalog(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		m := map[string]string{}
		for _, e := range c.Elements {
			m[e.Code] = e.NameVI
		}
		for _, d := range c.DataSets {
			m[d.Code] = strings.Join(d.Elements, ",")
		}
		return m
	}
	got := names()
	if got["HH_POOR"] != "Số hộ nghèo cuối năm" || got["HH_SOLAR"] == "" || got["NANG_LUONG"] != "HH_TOTAL,HH_ELEC,HH_SOLAR" ||
		got["HH_POOR_DEPRIV"] == "" {
		t.Errorf("after the load: HH_POOR %q, HH_SOLAR %q, NANG_LUONG %q, HH_POOR_DEPRIV %q",
			got["HH_POOR"], got["HH_SOLAR"], got["NANG_LUONG"], got["HH_POOR_DEPRIV"])
	}

	// A form naming an element that exists nowhere: refused, nothing changed.
	bad := filepath.Join(dir, "sai.json")
	os.WriteFile(bad, []byte(`{"elements": [{"code": "HH_POOR", "name_vi": "Đổi tên", "name_en": "Renamed",
	  "unit_vi": "hộ", "unit_en": "households", "value_type": "integer", "aggregation": "sum", "decimals": 0}],
	 "datasets": [{"code": "X", "name_vi": "X", "name_en": "X", "period_type": "year", "elements": ["KHONG_CO"]}]}`), 0o644)
	out, errs, code = chiso(t, "catalog", "load", "--db", db, bad)
	if code != 1 || !strings.Contains(errs, "KHONG_CO") || !strings.Contains(errs, "danh mục không đổi") {
		t.Errorf("bad file: exit %d %s%s", code, out, errs)
	}
	if after := names(); after["HH_POOR"] != "Số hộ nghèo cuối năm" || after["X"] != "" {
		t.Errorf("a refused file changed the catalog: HH_POOR %q, X %q", after["HH_POOR"], after["X"])
	}
	for _, args := range [][]string{{"catalog"}, {"catalog", "load", "--db", db, filepath.Join(dir, "none.json")}, {"catalog", "load", "--db", db, file, bad}} {
		if out, errs, code := chiso(t, args...); code == 0 || errs == "" {
			t.Errorf("%v: exit %d %s%s", args, code, out, errs)
		}
	}
}
