package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

func TestImportThroughTheCLI(t *testing.T) {
	db, dir := demoDB(t), t.TempDir()
	run := func(want int, args ...string) string {
		t.Helper()
		out, errs, code := chiso(t, append([]string{"import", "--db", db}, args...)...)
		if code != want {
			t.Fatalf("chiso import %v: exit %d, want %d\n%s%s", args, code, want, out, errs)
		}
		return out + errs
	}

	// A wide table by period, areas by name without accents, in an XLSX.
	x := excelize.NewFile()
	rows := [][]any{{"Địa bàn", "2024"}, {"Xa Don Dac", "1.020"}, {"Xa Dap Thanh", "2.040"}}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		x.SetSheetRow("Sheet1", cell, &r)
	}
	book := filepath.Join(dir, "dan-so.xlsx")
	if err := x.SaveAs(book); err != nil {
		t.Fatal(err)
	}
	// "1.020" could be 1020 or 1,02: the command asks for --style.
	if out := run(1, "--element", "POP", book); !strings.Contains(out, "1.020") {
		t.Fatalf("ambiguous column: %s", out)
	}
	if out := run(0, "--element", "POP", "--style", "vi", "--dry-run", book); !strings.Contains(out, "2") {
		t.Fatalf("dry run: %s", out)
	}
	out := run(0, "--element", "POP", "--style", "vi", book)
	backups, _ := filepath.Glob(db + ".before-import-*")
	if len(backups) != 1 || !strings.Contains(out, backups[0]) {
		t.Fatalf("backup %v not named in %s", backups, out)
	}
	exp, _, _ := chiso(t, "export", "--db", db, "--element", "POP", "--period", "2024", "--area", "QN_BACHE_03")
	if !strings.Contains(exp, ",1020,") {
		t.Fatalf("the value did not go in: %s", exp)
	}

	// A bad line: the dry run names it, the import changes nothing.
	bad := filepath.Join(dir, "bad.csv")
	os.WriteFile(bad, []byte("element,area,period,category,value,comment\nPOP,QN_BACHE_03,2024,,1.500,\nPOP,QN_NOWHERE,2024,,7,\n"), 0o644)
	if out := run(1, "--dry-run", bad); !strings.Contains(out, "3") || !strings.Contains(out, "QN_NOWHERE") {
		t.Fatalf("dry run of a bad file: %s", out)
	}
	run(1, bad)
	exp, _, _ = chiso(t, "export", "--db", db, "--element", "POP", "--period", "2024", "--area", "QN_BACHE_03")
	if !strings.Contains(exp, ",1020,") {
		t.Fatalf("a refused file changed the value: %s", exp)
	}
}
