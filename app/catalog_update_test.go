//go:build ci

package app

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"github.com/xuri/excelize/v2"

	"chiso/data/adminmap"
	"chiso/data/defaults"
	"chiso/data/store"
)

// TestCatalog_UpdateOfficialList loads, on a commune office's database, a
// newer list (a workbook as the statistics office exports it) in which
// Xã Lương Minh went into Xã Ba Chẽ, now a ward, with the conversion
// table: the preview groups the changes, and applying them from 1/1/2027
// ends Lương Minh with its successor and renames Ba Chẽ, keeping its
// former name.
func TestCatalog_UpdateOfficialList(t *testing.T) {
	ctx := context.Background()
	st, err := store.Open(filepath.Join(t.TempDir(), "xa.db"))
	if err != nil {
		t.Fatal(err)
	}
	if err := defaults.InstallOffice(ctx, st, "06970", ""); err != nil {
		t.Fatal(err)
	}
	s := newTestSession(t, st)
	t.Cleanup(func() { st.Close() })
	c := newCatalogUI(s)
	s.win.SetContent(c.tabs)

	l, err := adminmap.Load()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	list := filepath.Join(dir, "DanhMucPhuongXa.xlsx")
	f := excelize.NewFile()
	sheet := f.GetSheetName(0)
	f.SetSheetRow(sheet, "A1", &[]any{"Mã", "Tên", "Cấp", "Mã TP", "Tỉnh / Thành Phố"})
	n := 2
	for _, u := range l.Units {
		if u.Level != adminmap.LevelCommune || u.ValidTo != "" || u.Code == "06985" {
			continue
		}
		name, typ := u.Name, u.Type
		if u.Code == "06970" {
			name, typ = "Phường Ba Chẽ", "Phường"
		}
		f.SetSheetRow(sheet, "A"+strconv.Itoa(n), &[]any{u.Code, name, typ, u.Parent, ""})
		n++
	}
	if err := f.SaveAs(list); err != nil {
		t.Fatal(err)
	}
	mapping := filepath.Join(dir, "BangChuyenDoi.csv")
	os.WriteFile(mapping, []byte("Tên Xã mới,Mã Xã mới,Tên Xã cũ,Mã Xã cũ,Ghi chú\nPhường Ba Chẽ,06970,Xã Lương Minh,06985,Nhập toàn bộ\n"), 0o644)

	u, err := c.readListUpdate(list, mapping)
	if err != nil {
		t.Fatal(err)
	}
	u.show()
	if out := os.Getenv("CHISO_UPDATE_SCREENSHOT"); out != "" { // to look at it
		s.win.Resize(fyne.NewSize(1366, 768))
		capture(t, s.win, out)
	}
	markup := test.RenderToMarkup(s.win.Canvas())
	for _, want := range []string{"Cập nhật danh mục đơn vị hành chính", "DanhMucPhuongXa.xlsx: 34 tỉnh, thành phố, 3.320 xã, phường, đặc khu; 2 thay đổi, 3.353 không đổi.",
		"Đổi tên, đổi loại (1)", "06970 Xã Ba Chẽ → Phường Ba Chẽ", "Nhập vào đơn vị khác (1)", "Áp dụng từ ngày"} {
		if !strings.Contains(markup, want) {
			t.Errorf("the preview lacks %q", want)
		}
	}
	if err := u.apply(""); err == nil {
		t.Error("applied without a date")
	}
	if err := u.apply("01/01/2027"); err != nil {
		t.Fatal(err)
	}
	cat := c.cat()
	for _, a := range cat.Areas {
		switch a.Code {
		case "06985":
			if a.ValidTo != "2026-12-31" || len(a.Successors) != 1 || a.Successors[0] != "06970" {
				t.Errorf("Xã Lương Minh after the update: %+v", a)
			}
		case "06970":
			if a.Name != "Phường Ba Chẽ" || len(a.FormerNames) != 1 || a.FormerNames[0].Name != "Xã Ba Chẽ" || a.FormerNames[0].Until != "2026-12-31" {
				t.Errorf("Phường Ba Chẽ after the update: %+v", a)
			}
		}
	}
	backups, _ := filepath.Glob(filepath.Join(filepath.Dir(st.Path()), "xa.db.before-import-*"))
	if len(backups) != 1 {
		t.Errorf("backups beside the database: %v", backups)
	}
	// The tree finds the ward by its former name.
	found := false
	for _, n := range areaNodes(cat) {
		if n.ID == "06970" {
			found = strings.Contains(strings.Join(n.Also, "|"), "Xã Ba Chẽ")
		}
	}
	if !found {
		t.Error("the area tree does not find Phường Ba Chẽ by its former name")
	}
}
