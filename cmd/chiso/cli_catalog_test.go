package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"chiso/data/catalog"
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
	all := fmt.Sprintf("mới: %d", len(o.Elements)+len(o.Indicators)+len(o.Rules)+len(o.DataSets)+len(o.Layouts))
	for _, step := range []struct{ db, want string }{{empty, "mới: 0"}, {db, all}, {db, "mới: 0"}} {
		out, errs, code := chiso(t, "catalog", "load", "--db", step.db)
		if code != 0 || !strings.Contains(out, step.want) || !strings.Contains(out, "VN-2026.12-2") {
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
	for _, args := range [][]string{{"catalog", "frobnicate"}, {"catalog", "load", "--db", db, filepath.Join(dir, "none.json")}, {"catalog", "load", "--db", db, file, bad}} {
		if out, errs, code := chiso(t, args...); code == 0 || errs == "" {
			t.Errorf("%v: exit %d %s%s", args, code, out, errs)
		}
	}
}

// TestProvinceCatalogUpdateReachesTheCommune: the province loads an
// updated official catalog file (a new version marker, a legal basis, an
// official code and a form's symbol and deadline) and syncs through a
// folder; at its next sync the commune's database has it, and "chiso
// catalog" there prints the new version and the legal basis with its
// dates.
func TestProvinceCatalogUpdateReachesTheCommune(t *testing.T) {
	dir := t.TempDir()
	prov, commune, share := demoDB(t), filepath.Join(dir, "xa.db"), filepath.Join(dir, "share")
	office := filepath.Join(dir, "hakhau.chiso-office")
	os.Mkdir(share, 0o755)
	run := func(args ...string) string {
		t.Helper()
		out, errs, code := chiso(t, args...)
		if code != 0 {
			t.Fatalf("chiso %s: exit %d\n%s%s", strings.Join(args, " "), code, out, errs)
		}
		return out
	}
	run("office", "province", "--db", prov, "--name", "Cục Thống kê Quảng Ninh", "--area", "QN")
	run("office", "issue", "--db", prov, "--name", "UBND phường Hà Khẩu", "--area", "QN_HALONG_01", "-o", office)
	run("init", "--empty", "--db", commune)
	run("office", "load", "--db", commune, office)
	run("sync", "--db", prov, share)
	run("sync", "--db", commune, share)

	file := filepath.Join(dir, "danh-muc-qn-2027.json")
	os.WriteFile(file, []byte(`{"format": 2, "version": "QN-2027.01-1",
	 "legal_bases": [{"code": "QD_QN_12_2027", "number": "12/QĐ-UBND", "title_vi": "Biểu mẫu báo cáo thống kê cấp xã tỉnh Quảng Ninh",
	   "title_en": "Commune statistical report forms of Quảng Ninh", "issued": "2027-01-05", "valid_from": "2027-01-15"}],
	 "elements": [{"code": "HH_SOLAR", "name_vi": "Số hộ dùng điện mặt trời", "name_en": "Households using solar power",
	   "unit_vi": "hộ", "unit_en": "households", "value_type": "integer", "aggregation": "sum", "decimals": 0,
	   "official_code": "X0305", "group": "Kinh tế", "bases": ["QD_QN_12_2027"]}],
	 "datasets": [{"code": "NANG_LUONG", "name_vi": "Năng lượng", "name_en": "Energy", "period_type": "year",
	   "elements": ["HH_TOTAL", "HH_SOLAR"], "form_symbol": "007.N/QN-XA", "due_date": "01-15", "bases": ["QD_QN_12_2027"]}]}`), 0o644)
	run("catalog", "load", "--db", prov, file)
	run("sync", "--db", prov, share)
	run("sync", "--db", commune, share)

	out := run("catalog", "--db", commune)
	for _, want := range []string{"Phiên bản danh mục chính thức: QN-2027.01-1", "12/QĐ-UBND", "ban hành 05/01/2027; hiệu lực từ 15/01/2027",
		"NANG_LUONG", "biểu số 007.N/QN-XA", "hạn nhận: ngày 15/01 sau kỳ báo cáo"} {
		if !strings.Contains(out, want) {
			t.Errorf("chiso catalog at the commune lacks %q:\n%s", want, out)
		}
	}
	st, err := store.Open(commune)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	c, err := st.Catalog(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	i := slices.IndexFunc(c.Elements, func(e catalog.Element) bool { return e.Code == "HH_SOLAR" })
	if i < 0 || c.Elements[i].OfficialCode != "X0305" || !slices.Equal(c.Elements[i].Bases, []string{"QD_QN_12_2027"}) {
		t.Errorf("the commune's HH_SOLAR: %+v", c.Elements[i:min(i+1, len(c.Elements))])
	}
}
