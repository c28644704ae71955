package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

func TestReportThroughTheCLI(t *testing.T) {
	db, dir := demoDB(t), t.TempDir()
	for _, ext := range []string{"xlsx", "pdf", "csv"} {
		file := filepath.Join(dir, "qn."+ext)
		out, errs, code := chiso(t, "report", "--db", db, "--area", "QN", "--period", "2016-2020", "-o", file)
		if code != 0 {
			t.Fatalf("%s: exit %d: %s%s", ext, code, out, errs)
		}
		if !strings.Contains(out, "Tỷ lệ hộ nghèo giảm từ 4,56% năm 2015 xuống còn 0,36% năm 2020") || !strings.Contains(out, "Đã ghi báo cáo "+file) {
			t.Fatalf("%s: output %s", ext, out)
		}
		if info, err := os.Stat(file); err != nil || info.Size() == 0 {
			t.Fatalf("%s: %v", ext, err)
		}
	}
	text, err := exec.Command("pdftotext", "-layout", filepath.Join(dir, "qn.pdf"), "-").Output()
	if err != nil {
		t.Fatalf("pdftotext (poppler-utils; run scripts/deps.sh test): %v", err)
	}
	if !strings.Contains(string(text), "BÁO CÁO MỘT SỐ CHỈ TIÊU KINH TẾ - XÃ HỘI GIAI ĐOẠN 2016-2020") {
		t.Errorf("the PDF lacks its title:\n%.600s", text)
	}
	csv, _ := os.ReadFile(filepath.Join(dir, "qn.csv"))
	if !strings.HasPrefix(string(csv), "\uFEFF") || !strings.Contains(string(csv), "8.981") {
		t.Errorf("the CSV: %.300s", csv)
	}

	// The province's summary of the poverty review in its official form,
	// once the official catalog is loaded: the districts of 2022 as rows.
	if out, errs, code := chiso(t, "catalog", "load", "--db", db); code != 0 {
		t.Fatalf("catalog load: %d %s%s", code, out, errs)
	}
	form := filepath.Join(dir, "rs-hn.csv")
	out, errs, code := chiso(t, "report", "--db", db, "--area", "QN", "--period", "2022", "--form", "RS_HN_TONGHOP", "-o", form)
	if code != 0 || !strings.Contains(out, "Đã ghi báo cáo "+form) {
		t.Fatalf("report --form: exit %d %s%s", code, out, errs)
	}
	csv, _ = os.ReadFile(form)
	for _, want := range []string{"Hộ nghèo cuối năm – Số hộ (10)", "Thành phố Hạ Long", "Huyện Ba Chẽ", "Tổng cộng"} {
		if !strings.Contains(string(csv), want) {
			t.Errorf("the form's CSV lacks %q:\n%s", want, csv)
		}
	}

	// Bad requests fail with a message and write nothing.
	for _, args := range [][]string{
		{"--area", "XX", "--period", "2020", "-o", filepath.Join(dir, "x.xlsx")},
		{"--area", "QN", "--period", "2020", "-o", filepath.Join(dir, "x.docx")},
		{"--area", "QN", "--period", "20x0", "-o", filepath.Join(dir, "x.pdf")},
		{"--area", "QN", "--period", "2022", "--form", "KHONG_CO", "-o", filepath.Join(dir, "x.pdf")},
		{"--area", "QN", "--period", "2022", "--form", "RS_HN_TONGHOP", "--dataset", "RS_HN_TONGHOP", "-o", filepath.Join(dir, "x.pdf")},
	} {
		out, errs, code := chiso(t, append([]string{"report", "--db", db}, args...)...)
		if code != 1 || errs == "" {
			t.Errorf("%v: exit %d %s%s", args, code, out, errs)
		}
	}
	if m, _ := filepath.Glob(filepath.Join(dir, "x.*")); len(m) > 0 {
		t.Errorf("files left by failed reports: %v", m)
	}
}
