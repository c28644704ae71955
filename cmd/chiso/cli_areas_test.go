package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"chiso/data/adminmap"
)

// TestAreasUpdate previews and applies a newer list in which Xã Lương
// Minh went into Xã Ba Chẽ, which became a ward.
func TestAreasUpdate(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "xa.db")
	if _, errs, code := chiso(t, "init", "--db", db, "--area", "06970"); code != 0 {
		t.Fatal(errs)
	}
	l, err := adminmap.Load()
	if err != nil {
		t.Fatal(err)
	}
	lines := []string{"Mã;Tên;Cấp;Mã TP"}
	for _, u := range l.Units {
		switch {
		case u.Level != adminmap.LevelCommune || u.ValidTo != "" || u.Code == "06985":
		case u.Code == "06970":
			lines = append(lines, "06970;Phường Ba Chẽ;Phường;22")
		default:
			lines = append(lines, u.Code+";"+u.Name+";"+u.Type+";"+u.Parent)
		}
	}
	list, mapping := filepath.Join(dir, "ds.csv"), filepath.Join(dir, "cd.csv")
	os.WriteFile(list, []byte(strings.Join(lines, "\n")+"\n"), 0o644)
	os.WriteFile(mapping, []byte("Mã xã mới,Mã xã cũ,Ghi chú\n06970,06985,Nhập toàn bộ\n"), 0o644)

	out, errs, code := chiso(t, "areas", "update", "--db", db, "--mapping", mapping, "--dry-run", list)
	for _, want := range []string{"Danh mục ds.csv: 34 tỉnh, thành phố; 3.320 xã, phường, đặc khu; bảng chuyển đổi cd.csv",
		"Đổi tên, đổi loại (1):\n  06970 Xã Ba Chẽ → Phường Ba Chẽ", "Nhập vào đơn vị khác (1):\n  06985 Xã Lương Minh → 06970 Phường Ba Chẽ",
		"Không đổi: 3.353", "Chạy thử: chưa ghi gì."} {
		if code != 0 || !strings.Contains(out, want) {
			t.Errorf("dry run: %d %s\nlacks %q\n%s", code, out, want, errs)
		}
	}
	if _, errs, code := chiso(t, "areas", "update", "--db", db, list); code == 0 || !strings.Contains(errs, "cần --date") {
		t.Errorf("without a date: %d %s", code, errs)
	}
	out, errs, code = chiso(t, "areas", "update", "--db", db, "--mapping", mapping, "--date", "01/01/2027", list)
	if code != 0 || !strings.Contains(out, "Đã cập nhật từ ngày 01/01/2027") {
		t.Fatalf("update: %d %s %s", code, out, errs)
	}
	out, _, _ = chiso(t, "values", "--db", db, "--area", "06985", "--period", "2027")
	if !strings.Contains(out, "Xã Lương Minh") {
		t.Errorf("the merged commune is gone: %s", out)
	}
	out, _, _ = chiso(t, "areas", "update", "--db", db, "--mapping", mapping, "--dry-run", list)
	if !strings.Contains(out, "Không có gì thay đổi.") {
		t.Errorf("the same list again:\n%s", out)
	}
}
