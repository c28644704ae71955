package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestSyncThroughTheCLI sets up a province and a commune with the office
// commands, carries a value through a folder and a package, makes a
// conflict and resolves it, all through the binary.
func TestSyncThroughTheCLI(t *testing.T) {
	dir := t.TempDir()
	prov, commune, share := demoDB(t), filepath.Join(dir, "xa.db"), filepath.Join(dir, "share")
	office := filepath.Join(dir, "hakhau.chiso-office")
	run := func(want int, args ...string) string {
		t.Helper()
		out, errs, code := chiso(t, args...)
		if code != want {
			t.Fatalf("chiso %s: exit %d, want %d\n%s%s", strings.Join(args, " "), code, want, out, errs)
		}
		return out + errs
	}
	run(0, "office", "province", "--db", prov, "--name", "Cục Thống kê Quảng Ninh", "--area", "QN")
	run(0, "office", "issue", "--db", prov, "--name", "UBND phường Hà Khẩu", "--area", "QN_HALONG_01", "-o", office)
	run(0, "init", "--empty", "--db", commune)
	if out := run(0, "office", "load", "--db", commune, office); !strings.Contains(out, "UBND phường Hà Khẩu (commune), được ghi: QN_HALONG_01") {
		t.Fatalf("office load: %s", out)
	}
	if out := run(1, "sync", "--db", commune, share); !strings.Contains(out, "không có thư mục đồng bộ") {
		t.Fatalf("sync into a missing folder: %s", out)
	}
	os.Mkdir(share, 0o755)
	run(0, "sync", "--db", prov, share)
	if out := run(0, "sync", "--db", commune, share); !strings.Contains(out, "áp dụng") {
		t.Fatalf("commune's first sync: %s", out)
	}

	// Both change the same value without seeing each other's change.
	csv := filepath.Join(dir, "v.csv")
	os.WriteFile(csv, []byte("element,area,period,category,value,comment\nPOP,QN_HALONG_01,2023,,9.999,\n"), 0o644)
	run(0, "import", "--db", commune, csv)
	os.WriteFile(csv, []byte("element,area,period,category,value,comment\nPOP,QN_HALONG_01,2023,,9.876,\n"), 0o644)
	run(0, "import", "--db", prov, csv)

	// The commune sends a package by e-mail; the province reads it.
	pkg := filepath.Join(dir, "hakhau.chisopkg")
	run(0, "package", "export", "--db", commune, pkg)
	if out := run(0, "package", "import", "--db", prov, pkg); !strings.Contains(out, "Xung đột cần giải quyết: 1") {
		t.Fatalf("package import: %s", out)
	}
	out := run(0, "conflicts", "--db", prov)
	if !strings.Contains(out, "POP") || !strings.Contains(out, "9.999") || !strings.Contains(out, "9.876") || !strings.Contains(out, "1 xung đột") {
		t.Fatalf("conflicts: %s", out)
	}
	run(0, "resolve", "--db", prov, "--element", "POP", "--area", "QN_HALONG_01", "--period", "2023", "9.950")
	if out := run(0, "conflicts", "--db", prov); !strings.Contains(out, "0 xung đột") {
		t.Fatalf("after resolve: %s", out)
	}
	run(0, "sync", "--db", prov, share)
	run(0, "sync", "--db", commune, share)
	if out := run(0, "export", "--db", commune, "--element", "POP", "--area", "QN_HALONG_01", "--period", "2023"); !strings.Contains(out, ",9950,") {
		t.Fatalf("the commune does not have the resolution: %s", out)
	}

	// A damaged package is refused with a message and changes nothing.
	b, _ := os.ReadFile(pkg)
	os.WriteFile(pkg, b[:len(b)/2], 0o644)
	if out := run(1, "package", "import", "--db", prov, pkg); !strings.Contains(out, "bị hỏng/cắt cụt") {
		t.Fatalf("truncated package: %s", out)
	}
}
