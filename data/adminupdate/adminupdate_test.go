package adminupdate_test

import (
	"context"
	"encoding/csv"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"chiso/data/adminmap"
	"chiso/data/adminupdate"
	"chiso/data/catalog"
	"chiso/data/defaults"
	"chiso/data/msg"
	"chiso/data/store"
)

// office returns a database set up for the office of Xã Ba Chẽ, with a
// value of Xã Lương Minh (06985) for 2026.
func office(t *testing.T) *store.Store {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(filepath.Join(t.TempDir(), "xa.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if err := defaults.InstallOffice(ctx, st, "06970", ""); err != nil {
		t.Fatal(err)
	}
	if _, err := st.Save(ctx, store.Change{Element: "HH_TOTAL", Area: "06985", Period: "2026", Value: "2709"}); err != nil {
		t.Fatal(err)
	}
	return st
}

// row is a line of the statistics office's export.
type row struct{ code, name, typ, province, provinceName string }

// todayRows returns today's communes as the export lists them.
func todayRows(t *testing.T) []row {
	t.Helper()
	l, err := adminmap.Load()
	if err != nil {
		t.Fatal(err)
	}
	names := map[string]string{}
	for _, u := range l.Units {
		if u.Level == adminmap.LevelProvince && u.ValidTo == "" {
			names[u.Code] = u.Name
		}
	}
	var rows []row
	for _, u := range l.Units {
		if u.Level == adminmap.LevelCommune && u.ValidTo == "" {
			rows = append(rows, row{u.Code, u.Name, u.Type, u.Parent, names[u.Parent]})
		}
	}
	return rows
}

// writeWorkbook writes rows in the layout of the export, under a title
// line; codes of the first hundred lines are numbers, as a spreadsheet
// that lost their leading zeros has them.
func writeWorkbook(t *testing.T, path string, rows []row) {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	sheet := f.GetSheetName(0)
	f.SetSheetRow(sheet, "A1", &[]any{"DANH MỤC ĐƠN VỊ HÀNH CHÍNH VIỆT NAM"})
	f.SetSheetRow(sheet, "A3", &[]any{"Mã", "Tên", "Tên Tiếng Anh", "Cấp", "Mã TP", "Tỉnh / Thành Phố"})
	for i, r := range rows {
		var c any = r.code
		if i < 100 {
			n, _ := strconv.Atoi(r.code)
			c = n
		}
		f.SetSheetRow(sheet, "A"+strconv.Itoa(i+4), &[]any{c, r.name, "", r.typ, r.province, r.provinceName})
	}
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
}

// writeMapping writes a conversion table in the statistics office's layout.
func writeMapping(t *testing.T, path string, lines [][]string) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	w := csv.NewWriter(f)
	w.Write([]string{"Đơn vị hành chính từ ngày 01/01/2027", "", "", "Đơn vị hành chính trước ngày 01/01/2027"})
	w.Write([]string{"Tỉnh, thành phố", "Tên Xã mới", "Mã Xã mới", "Tên Xã cũ", "Mã Xã cũ", "Ghi chú"})
	w.Write([]string{"THÀNH PHỐ QUẢNG NINH"})
	for _, l := range lines {
		w.Write(l)
	}
	w.Flush()
}

func describe(p *adminupdate.Plan) map[adminupdate.Kind][]string {
	m := map[adminupdate.Kind][]string{}
	for _, c := range p.Changes {
		s := c.Code
		switch c.Kind {
		case adminupdate.Renamed:
			s += " " + c.OldName + " → " + c.Name
		case adminupdate.Moved:
			s += " " + c.OldProvince + " → " + c.Province
		case adminupdate.New:
			s += " " + c.Name + " < " + strings.Join(c.Predecessors, "+")
		case adminupdate.Merged, adminupdate.Split:
			s += " → " + strings.Join(c.Successors, "+")
		}
		m[c.Kind] = append(m[c.Kind], s)
	}
	return m
}

// TestUpdateFromNewerList loads a newer list built here: Xã Lương Minh
// and Xã Kỳ Thượng merged into a new Xã Ba Chẽ Mới, Đặc khu Cô Tô split
// between it and Đặc khu Vân Đồn, Xã Ba Chẽ a ward, Xã Đầm Hà moved to
// Lạng Sơn, a commune of Hà Nội gone without a mapping, and a name spelt
// with its tone mark on another letter (no rename). The preview says so,
// the update applies from 1/1/2027 and keeps every value, and loading
// the same list again changes nothing.
func TestUpdateFromNewerList(t *testing.T) {
	ctx := context.Background()
	st := office(t)
	dir := t.TempDir()
	var rows []row
	for _, r := range todayRows(t) {
		switch r.code {
		case "06985", "06979", "07192", "00004": // merged, split, dissolved
			continue
		case "06970":
			r.name, r.typ = "Phường Ba Chẽ", "Phường"
		case "06895":
			r.province, r.provinceName = "20", "Tỉnh Lạng Sơn"
		case "00175": // Phường Yên Hòa written Yên Hoà
			r.name = strings.Replace(r.name, "Hòa", "Hoà", 1)
		}
		rows = append(rows, r)
	}
	rows = append(rows, row{"99901", "Xã Ba Chẽ Mới", "Xã", "22", "Thành phố Quảng Ninh"})
	list, mapping := filepath.Join(dir, "DanhMucPhuongXa.xlsx"), filepath.Join(dir, "chuyen-doi.csv")
	writeWorkbook(t, list, rows)
	writeMapping(t, mapping, [][]string{
		{"Thành phố Quảng Ninh (22)", "Xã Ba Chẽ Mới", "99901", "Xã Lương Minh", "06985", "Nhập toàn bộ"},
		{"Thành phố Quảng Ninh (22)", "Xã Ba Chẽ Mới", "99901", "Xã Kỳ Thượng", "6979", "Nhập toàn bộ"},
		{"Thành phố Quảng Ninh (22)", "Xã Ba Chẽ Mới", "99901", "Đặc khu Cô Tô", "07192", "Nhập một phần diện tích, toàn bộ dân số"},
		{"Thành phố Quảng Ninh (22)", "Đặc khu Vân Đồn", "06994", "Đặc khu Cô Tô", "07192", "Nhập một phần diện tích"},
	})
	l, err := adminupdate.ReadList(list)
	if err != nil {
		t.Fatal(err)
	}
	if len(l.Communes) != 3321-4+1 || len(l.Provinces) != 34 {
		t.Fatalf("read %d communes, %d provinces", len(l.Communes), len(l.Provinces))
	}
	links, err := adminupdate.ReadMapping(mapping)
	if err != nil {
		t.Fatal(err)
	}
	cat, err := st.Catalog(ctx)
	if err != nil {
		t.Fatal(err)
	}
	p, err := adminupdate.Diff(cat, l, links, "chuyen-doi.csv")
	if err != nil {
		t.Fatal(err)
	}
	got := describe(p)
	want := map[adminupdate.Kind][]string{
		adminupdate.New:       {"99901 Xã Ba Chẽ Mới < 06985+06979+07192"},
		adminupdate.Renamed:   {"06970 Xã Ba Chẽ → Phường Ba Chẽ"},
		adminupdate.Moved:     {"06895 22 → 20"},
		adminupdate.Merged:    {"06979 → 99901", "06985 → 99901"},
		adminupdate.Split:     {"07192 → 99901+06994"},
		adminupdate.Dissolved: {"00004"},
	}
	for _, k := range adminupdate.Kinds {
		if !slices.Equal(got[k], want[k]) {
			t.Errorf("%s: %v, want %v", k.Label("en"), got[k], want[k])
		}
	}
	if p.Unchanged != 34+3321-4-2 {
		t.Errorf("%d unchanged, want every other province and commune", p.Unchanged)
	}

	if err := adminupdate.Apply(ctx, st, p, "2027-01-01"); err != nil {
		t.Fatal(err)
	}
	cat, err = st.Catalog(ctx)
	if err != nil {
		t.Fatal(err)
	}
	areas := map[string]catalog.Area{}
	for _, a := range cat.Areas {
		areas[a.Code] = a
	}
	if a := areas["99901"]; a.Name != "Xã Ba Chẽ Mới" || a.Parent != "22" || a.ValidFrom != "2027-01-01" || a.ValidTo != "" {
		t.Errorf("new unit: %+v", a)
	}
	if a := areas["06985"]; a.ValidTo != "2026-12-31" || !slices.Equal(a.Successors, []string{"99901"}) {
		t.Errorf("merged unit: %+v", a)
	}
	if a := areas["07192"]; a.ValidTo != "2026-12-31" || len(a.Successors) != 2 || a.Shares["99901"] != 1 || a.Shares["06994"] != 0 {
		t.Errorf("split unit: %+v", a)
	}
	if a := areas["06970"]; a.Name != "Phường Ba Chẽ" || a.NameOn("2026-06-30") != "Xã Ba Chẽ" || a.ValidTo != "" {
		t.Errorf("renamed unit: %+v", a)
	}
	if a := areas["06895"]; a.Parent != "20" || a.ParentOn("2026-12-31") != "22" || a.ParentOn("2027-01-01") != "20" {
		t.Errorf("moved unit: %+v", a)
	}
	if a := areas["00004"]; a.ValidTo != "2026-12-31" || a.Successors != nil {
		t.Errorf("dissolved unit: %+v", a)
	}
	if a := areas["00175"]; !strings.Contains(a.Name, "Hòa") || a.FormerNames != nil {
		t.Errorf("a respelt name changed the unit: %+v", a)
	}
	vals, err := st.Values(ctx, store.ValueFilter{Areas: []string{"06985"}})
	if err != nil || len(vals) != 1 || vals[0].Value != "2709" {
		t.Errorf("the merged unit's value: %+v %v", vals, err)
	}
	// Loaded again: nothing to do.
	p, err = adminupdate.Diff(cat, l, links, "chuyen-doi.csv")
	if err != nil || !p.Empty() {
		t.Errorf("the same list again: %v %v", describe(p), err)
	}
}

// TestUpdateRefuses names what is wrong with a file, and changes nothing.
func TestUpdateRefuses(t *testing.T) {
	ctx := context.Background()
	st := office(t)
	dir := t.TempDir()
	write := func(name, text string) string {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	for _, tc := range []struct{ file, text, want string }{
		{"a.csv", "Mã,Tên,Cấp\n06970,Xã Ba Chẽ,Xã\n", "không thấy hàng tiêu đề"},
		{"b.csv", "Mã,Tên,Cấp,Mã QH,Quận Huyện,Mã TP,Tỉnh / Thành Phố\n06970,Xã Ba Chẽ,Xã,202,Huyện Ba Chẽ,22,Tỉnh Quảng Ninh\n", "b.csv, dòng 2: danh mục có cấp huyện"},
		{"c.csv", "Mã,Tên,Cấp,Mã TP\n06970,Xã Ba Chẽ,Xã,22\n6970x,Xã X,Xã,22\n", "c.csv, dòng 3: cần mã xã 5 chữ số"},
		{"d.csv", "Mã,Tên,Cấp,Mã TP\n06970,Xã Ba Chẽ,Xã,22\n06970,Xã Ba Chẽ,Xã,22\n", "mã 06970 có ở dòng 2 và dòng 3"},
	} {
		_, err := adminupdate.ReadList(write(tc.file, tc.text))
		if err == nil || !strings.Contains(msg.Text(err, "vi"), tc.want) || msg.Text(err, "en") == msg.Text(err, "vi") {
			t.Errorf("%s: %v, want %q", tc.file, err, tc.want)
		}
	}
	var rows []string
	for _, r := range todayRows(t) {
		rows = append(rows, r.code+","+r.name+","+r.typ+","+r.province)
	}
	l, err := adminupdate.ReadList(write("list.csv", "Mã,Tên,Cấp,Mã TP\n"+strings.Join(rows, "\n")+"\n"))
	if err != nil {
		t.Fatal(err)
	}
	links, err := adminupdate.ReadMapping(write("map.csv", "Mã xã cũ,Mã xã mới,Ghi chú\n06985,99999,Nhập toàn bộ\n"))
	if err != nil {
		t.Fatal(err)
	}
	cat, _ := st.Catalog(ctx)
	if _, err := adminupdate.Diff(cat, l, links, "map.csv"); err == nil || !strings.Contains(msg.Text(err, "vi"), "map.csv, dòng 2: mã 99999 không có trong danh mục mới") {
		t.Errorf("a mapping to a unit that is nowhere: %v", err)
	}
	p, err := adminupdate.Diff(cat, l, nil, "")
	if err != nil || !p.Empty() {
		t.Fatalf("today's list: %v %v", describe(p), err)
	}
	// A date that is not one, or before a unit that ends began, changes
	// nothing.
	l.Communes = slices.DeleteFunc(l.Communes, func(u adminupdate.Unit) bool { return u.Code == "06985" })
	p, _ = adminupdate.Diff(cat, l, nil, "")
	for _, date := range []string{"31/12/2026", "2025-07-01"} {
		if err := adminupdate.Apply(ctx, st, p, date); err == nil {
			t.Errorf("applied from %s", date)
		}
	}
	after, _ := st.Catalog(ctx)
	for _, a := range after.Areas {
		if a.Code == "06985" && a.ValidTo != "" {
			t.Errorf("a refused update ended 06985: %+v", a)
		}
	}
}
