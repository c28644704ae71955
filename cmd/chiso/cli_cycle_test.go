package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestReportingCycleThroughTheCLI: a commune sends its report (first
// refused by a broken rule, then sent with a reason), the province returns
// it, the commune sends it again, the province approves it; an import into
// the approved report is refused naming the approval, status counts it,
// reopen lets it change again; revoke lists and revokes a certificate.
func TestReportingCycleThroughTheCLI(t *testing.T) {
	dir := t.TempDir()
	prov, commune, share := demoDBThrough(t, 2023), filepath.Join(dir, "xa.db"), filepath.Join(dir, "share") // 2024 is the commune's to enter
	office := filepath.Join(dir, "hakhau.chiso-office")
	os.Mkdir(share, 0o755)
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
	run(0, "office", "load", "--db", commune, office)
	form := []string{"--dataset", "KTXH_XA", "--area", "QN_HALONG_01", "--period", "2024"}
	csv := filepath.Join(dir, "v.csv")
	os.WriteFile(csv, []byte("element,area,period,category,value,comment\nPOP,QN_HALONG_01,2024,,900,\nHH_TOTAL,QN_HALONG_01,2024,,1.000,\n"), 0o644)
	run(0, "import", "--db", commune, csv)

	out := run(1, append([]string{"submit", "--db", commune}, form...)...)
	if !strings.Contains(out, "Vi phạm quy tắc: Số hộ không vượt quá dân số") || !strings.Contains(out, "báo cáo chưa gửi") {
		t.Fatalf("submit with a broken rule: %s", out)
	}
	out = run(0, append([]string{"submit", "--db", commune, "--comment", "dân số đang rà soát lại"}, form...)...)
	if !strings.Contains(out, "Đã gửi báo cáo: KTXH_XA QN_HALONG_01 Năm 2024") {
		t.Fatalf("submit: %s", out)
	}
	if out := run(1, append([]string{"approve", "--db", commune}, form...)...); !strings.Contains(out, "không được phép duyệt") {
		t.Fatalf("a commune approving: %s", out)
	}
	run(0, "sync", "--db", commune, share)
	run(0, "sync", "--db", prov, share)
	if out := run(1, append([]string{"return", "--db", prov}, form...)...); !strings.Contains(out, "cần ghi nhận xét") {
		t.Fatalf("return without a remark: %s", out)
	}
	run(0, append([]string{"return", "--db", prov, "--comment", "Dân số nhỏ hơn số hộ"}, form...)...)
	run(0, "sync", "--db", prov, share)
	run(0, "sync", "--db", commune, share)
	out = run(0, append([]string{"status", "--db", commune}, form...)...)
	if !strings.Contains(out, "Bị trả lại") || !strings.Contains(out, "Dân số nhỏ hơn số hộ") {
		t.Fatalf("the commune's status after the return: %s", out)
	}
	os.WriteFile(csv, []byte("element,area,period,category,value,comment\nPOP,QN_HALONG_01,2024,,4.000,\n"), 0o644)
	run(0, "import", "--db", commune, csv)
	run(0, append([]string{"submit", "--db", commune}, form...)...)
	run(0, "sync", "--db", commune, share)
	run(0, "sync", "--db", prov, share)
	run(0, append([]string{"approve", "--db", prov}, form...)...)

	// The approved report refuses an import, naming the approval.
	os.WriteFile(csv, []byte("element,area,period,category,value,comment\nPOP,QN_HALONG_01,2024,,4.100,\n"), 0o644)
	if out := run(1, "import", "--db", prov, csv); !strings.Contains(out, "đã được duyệt") || !strings.Contains(out, "Cục Thống kê Quảng Ninh") {
		t.Fatalf("import into an approved report: %s", out)
	}
	out = run(0, "status", "--db", prov, "--dataset", "KTXH_XA", "--period", "2024", "--area", "QN_HALONG")
	if !regexp.MustCompile(`1/32 đơn vị đã gửi, 0 đúng hạn \(đã duyệt 1`).MatchString(out) || !strings.Contains(out, "hạn nộp 15/01/2025") {
		t.Fatalf("status: %s", out)
	}
	statusCSV := filepath.Join(dir, "tien-do.csv")
	run(0, "status", "--db", prov, "--dataset", "KTXH_XA", "--period", "2024", "--area", "QN_HALONG", "-o", statusCSV)
	if b, _ := os.ReadFile(statusCSV); !strings.HasPrefix(string(b), "\ufeffarea,name,state") || strings.Count(string(b), "\n") != 33 {
		t.Fatalf("status CSV:\n%s", b)
	}
	out = run(0, append([]string{"status", "--db", prov}, form...)...)
	for _, want := range []string{"Gửi báo cáo", "Trả lại", "Duyệt", "Dân số nhỏ hơn số hộ"} {
		if !strings.Contains(out, want) {
			t.Fatalf("the history of the report lacks %q: %s", want, out)
		}
	}
	run(0, append([]string{"reopen", "--db", prov, "--comment", "sửa số hộ"}, form...)...)
	run(0, "import", "--db", prov, csv)

	// Revocation: the list names the commune's certificate.
	out = run(0, "revoke", "--db", prov, "--list")
	m := regexp.MustCompile(`(?m)^([0-9a-f]{16})\s+UBND phường Hà Khẩu`).FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("revoke --list: %s", out)
	}
	if out := run(0, "revoke", "--db", prov, "--serial", m[1], "--reason", "mất máy"); !strings.Contains(out, "Đã thu hồi chứng thư "+m[1]) {
		t.Fatalf("revoke: %s", out)
	}
	if out := run(1, "revoke", "--db", commune, "--serial", m[1]); !strings.Contains(out, "chỉ tỉnh") {
		t.Fatalf("a commune revoking: %s", out)
	}
}
