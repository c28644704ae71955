package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"chiso/data/store"
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

// TestImportAreasOutsideTheirDates: values of Hoành Bồ after it merged
// into Hạ Long are refused with the reason, or recorded on Hạ Long with
// --successor; `check` names any such value already in the database.
func TestImportAreasOutsideTheirDates(t *testing.T) {
	db, dir := demoDB(t), t.TempDir()
	file := filepath.Join(dir, "hoanh-bo.csv")
	os.WriteFile(file, []byte("element,area,period,category,value,comment\nPOP,QN_HOANHBO,2021,,5000,\nHH_TOTAL,QN_HOANHBO,2021,,1200,\n"), 0o644)
	out, errs, code := chiso(t, "import", "--db", db, "--dry-run", file)
	if code == 0 || !strings.Contains(out, "không còn trong kỳ Năm 2021") || !strings.Contains(out, "--successor") {
		t.Fatalf("dry run: %d\n%s%s", code, out, errs)
	}
	if out, errs, code = chiso(t, "import", "--db", db, "--successor", file); code != 0 || !strings.Contains(out, "2 giá trị của địa bàn đã giải thể") {
		t.Fatalf("--successor: %d\n%s%s", code, out, errs)
	}
	if exp, _, _ := chiso(t, "export", "--db", db, "--element", "POP", "--period", "2021", "--area", "QN_HALONG"); !strings.Contains(exp, "POP,QN_HALONG,2021,,5000,") {
		t.Errorf("Hạ Long 2021: %s", exp)
	}

	// A DHIS2 file: every faulty value listed, the one outside its dates too.
	js := filepath.Join(dir, "qn.json")
	os.WriteFile(js, []byte(`{"dataValues":[
{"dataElement":"POP","period":"2021","orgUnit":"QN_HOANHBO","value":"1"},
{"dataElement":"NOPE","period":"2021","orgUnit":"QN","value":"1"},
{"dataElement":"POP","period":"2021","orgUnit":"QN","value":"1,5"}]}`), 0o644)
	out, errs, code = chiso(t, "import", "--db", db, "--format", "dhis2-json", "--dry-run", js)
	for _, want := range []string{"giá trị thứ 1 (dòng 2), trường orgUnit", "giá trị thứ 2 (dòng 3), trường dataElement", "giá trị thứ 3 (dòng 4), trường value", "3 bị từ chối"} {
		if code == 0 || !strings.Contains(out, want) {
			t.Errorf("DHIS2 dry run lacks %q: %d\n%s%s", want, code, out, errs)
		}
	}

	// A value stored before the checks existed is reported by check.
	if out, _, code := chiso(t, "check", "--db", db); code != 0 {
		t.Fatalf("check of a sound database: %d %s", code, out)
	}
	st, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	// (The store refuses it now: it was saved under a catalog that gave the
	// commune no start date, which the official one then set.)
	ctx := context.Background()
	official, err := st.Catalog(ctx)
	if err != nil {
		t.Fatal(err)
	}
	undated, _ := st.Catalog(ctx)
	for i := range undated.Areas {
		undated.Areas[i].ValidFrom = ""
	}
	if err := st.SaveCatalog(ctx, undated); err != nil {
		t.Fatal(err)
	}
	if _, err := st.Save(ctx, store.Change{Element: "POP", Area: "QN_BACHE_03", Period: "2018", Value: "9"}); err != nil {
		t.Fatal(err)
	}
	if err := st.SaveCatalog(ctx, official); err != nil {
		t.Fatal(err)
	}
	st.Close()
	if _, errs, code := chiso(t, "check", "--db", db); code == 0 || !strings.Contains(errs, "1 giá trị của QN_BACHE_03 kỳ 2018") || !strings.Contains(errs, "chưa có trong kỳ Năm 2018") {
		t.Errorf("check: %d %s", code, errs)
	}
}
