package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"chiso/data/defaults"
	"chiso/data/store"
)

// bin is the chiso binary built for these tests (headless driver).
var bin string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "chiso-cli")
	if err != nil {
		panic(err)
	}
	bin = filepath.Join(dir, "chiso")
	// The root keys the tests create go into a folder of their own, and a
	// command that needs the passphrase finds it in the environment.
	os.Setenv("CHISO_KEY_DIR", filepath.Join(dir, "keys"))
	os.Setenv(envPassphrase, testPassphrase)
	build := exec.Command("go", "build", "-tags", "ci,migrated_fynedo", "-o", bin, ".")
	build.Stderr = os.Stderr
	if err := build.Run(); err != nil {
		fmt.Fprintln(os.Stderr, "build chiso:", err)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// testPassphrase is the root key passphrase of the tests' provinces.
const testPassphrase = "mật khẩu của tỉnh"

// chiso runs the binary and returns its output and exit code.
func chiso(t *testing.T, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	return chisoEnv(t, nil, args...)
}

// chisoEnv runs the binary with the environment variables env added
// ("K=V") or removed ("K") and returns its output and exit code.
func chisoEnv(t *testing.T, env []string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Env = append(os.Environ(), "LANG=vi_VN.UTF-8")
	for _, e := range env {
		if strings.Contains(e, "=") {
			cmd.Env = append(cmd.Env, e)
		} else {
			cmd.Env = slices.DeleteFunc(cmd.Env, func(kv string) bool { return strings.HasPrefix(kv, e+"=") })
		}
	}
	var o, e bytes.Buffer
	cmd.Stdout, cmd.Stderr = &o, &e
	err := cmd.Run()
	if ee, ok := err.(*exec.ExitError); ok {
		return o.String(), e.String(), ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return o.String(), e.String(), 0
}

func demoDB(t *testing.T) string {
	t.Helper()
	db := filepath.Join(t.TempDir(), "demo.db")
	if out, errs, code := chiso(t, "init", "--db", db); code != 0 {
		t.Fatalf("init: %d %s %s", code, out, errs)
	}
	return db
}

func TestValuesOfTheDemo(t *testing.T) {
	db := demoDB(t)
	out, errs, code := chiso(t, "values", "--db", db, "--area", "QN", "--period", "2020")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, want := range []string{"Quảng Ninh — Năm 2020", "POV_RATE", "Tỷ lệ hộ nghèo", "0,36"} {
		if !strings.Contains(out, want) {
			t.Errorf("table lacks %q:\n%s", want, out)
		}
	}
	if !strings.Contains(errs, "minh họa") {
		t.Errorf("the demo is not labelled as illustrative: %q", errs)
	}
	out, _, code = chiso(t, "values", "--db", db, "--area", "QN", "--period", "2015", "--format", "json", "--lang", "en")
	if code != 0 {
		t.Fatal(code)
	}
	var doc struct {
		Values []struct {
			Code  string   `json:"code"`
			Value *float64 `json:"value"`
			Text  string   `json:"text"`
		} `json:"values"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err, out)
	}
	found := false
	for _, v := range doc.Values {
		if v.Code == "POV_RATE" {
			found = v.Value != nil && *v.Value == 4.56 && v.Text == "4.56"
		}
	}
	if !found {
		t.Errorf("json lacks POV_RATE 4.56 for 2015:\n%s", out)
	}
	out, _, _ = chiso(t, "values", "--db", db, "--area", "QN", "--period", "2023", "--format", "csv")
	if !strings.HasPrefix(out, "\uFEFF") || !strings.Contains(out, "HOUSE_SUPPORT,") || !strings.Contains(out, ",441\n") {
		t.Errorf("csv:\n%s", out)
	}
}

// demoDBThrough makes a database of the demo as it stood at the end of a
// year (defaults.InstallDemo), for tests written when it ended there.
func demoDBThrough(t *testing.T, year int) string {
	t.Helper()
	db := filepath.Join(t.TempDir(), "demo.db")
	st, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if err := defaults.InstallDemo(context.Background(), st, year); err != nil {
		t.Fatal(err)
	}
	return db
}

func TestImportAndExport(t *testing.T) {
	db := demoDBThrough(t, 2023)
	dir := t.TempDir()
	good := filepath.Join(dir, "xa.csv")
	os.WriteFile(good, []byte("element,area,period,category,value,comment\nHH_TOTAL,QN_COTO_01,2024,,\"1.234\",\nINC_PC,QN_COTO,2024,,\"61,25\",ước\n"), 0o644)
	out, errs, code := chiso(t, "import", "--db", db, good)
	if code != 0 || !strings.Contains(out, "2 mới") {
		t.Fatalf("import: %d %q %q", code, out, errs)
	}
	out, _, code = chiso(t, "export", "--db", db, "--period", "2024", "--style", "vi")
	if code != 0 || !strings.HasPrefix(out, "\uFEFFelement,area,period,category,value,comment\n") ||
		!strings.Contains(out, "HH_TOTAL,QN_COTO_01,2024,,1.234,") || !strings.Contains(out, "INC_PC,QN_COTO,2024,,\"61,25\",ước") {
		t.Errorf("export:\n%s", out)
	}
	// A bad line refuses the whole file: the good line before it is not saved.
	bad := filepath.Join(dir, "hong.csv")
	os.WriteFile(bad, []byte("element,area,period,category,value,comment\nHH_TOTAL,QN_COTO_02,2024,,500,\nHH_TOTAL,QN_COTO_03,2024,,5x0,\n"), 0o644)
	_, errs, code = chiso(t, "import", "--db", db, bad)
	if code == 0 {
		t.Fatal("a file with a malformed number was imported")
	}
	for _, want := range []string{"hong.csv", "dòng 3", "cột value", "5x0"} {
		if !strings.Contains(errs, want) {
			t.Errorf("error %q does not name %q", errs, want)
		}
	}
	out, _, _ = chiso(t, "export", "--db", db, "--area", "QN_COTO_02")
	if strings.Contains(out, "2024") {
		t.Errorf("the refused file left a value: %s", out)
	}
	if _, errs, code := chiso(t, "import", "--db", db, filepath.Join(dir, "khong-co.csv")); code == 0 || !strings.Contains(errs, "khong-co.csv") {
		t.Errorf("missing file: %d %s", code, errs)
	}
}

func TestErrorsAndExitCodes(t *testing.T) {
	db := demoDB(t)
	cases := [][]string{
		{"nosuchcommand"},
		{"values", "--db", db, "--area", "XX", "--period", "2020"},
		{"values", "--db", db, "--area", "QN", "--period", "20x0"},
		{"values", "--db", filepath.Join(t.TempDir(), "none.db"), "--area", "QN", "--period", "2020"},
		{"init", "--db", db},
	}
	for _, args := range cases {
		if _, errs, code := chiso(t, args...); code == 0 || errs == "" {
			t.Errorf("%v: exit %d, stderr %q", args, code, errs)
		}
	}
	if out, _, code := chiso(t, "check", "--db", db); code != 0 || !strings.Contains(out, "toàn vẹn") {
		t.Errorf("check: %d %s", code, out)
	}
}

// TestCheckRepairsSubtotals: a subtotal changed behind the program's back
// is found by check, which names it and says how to repair it; --repair
// works it out again.
func TestCheckRepairsSubtotals(t *testing.T) {
	db := demoDB(t)
	st, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	res, err := st.DB().Exec(`UPDATE subtotal SET sum = sum + 7 WHERE period = '2020' AND area_id = (SELECT id FROM area WHERE code = 'QN_COTO')`)
	if n, _ := res.RowsAffected(); err != nil || n == 0 {
		t.Fatalf("no subtotal of QN_COTO in 2020 to change: %v", err)
	}
	st.Close()
	_, errs, code := chiso(t, "check", "--db", db)
	if code == 0 || !strings.Contains(errs, "subtotal of QN_COTO") || !strings.Contains(errs, "chiso check --repair") {
		t.Errorf("check of a wrong subtotal: %d %s", code, errs)
	}
	if out, errs, code := chiso(t, "check", "--repair", "--db", db); code != 0 || !strings.Contains(out, "Đã tính lại") || !strings.Contains(out, "toàn vẹn") {
		t.Errorf("check --repair: %d %s %s", code, out, errs)
	}
}

func TestExportWide(t *testing.T) {
	db := demoDB(t)
	out, errs, code := chiso(t, "export", "--db", db, "--element", "HH_POOR", "--period", "2020-2022", "--wide", "--style", "vi")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	lines := strings.Split(out, "\n")
	if lines[0] != "\uFEFFarea,name,2020,2021,2022" {
		t.Errorf("header %q", lines[0])
	}
	coto, damha := strings.Index(out, "QN_COTO,Huyện Cô Tô,"), strings.Index(out, "QN_DAMHA,Huyện Đầm Hà,")
	if coto < 0 || damha < 0 || damha < coto {
		t.Errorf("rows missing or not in Vietnamese order (Cô Tô before Đầm Hà):\n%s", out)
	}
	if _, errs, code := chiso(t, "export", "--db", db, "--wide"); code == 0 || !strings.Contains(errs, "--element") {
		t.Errorf("--wide without --element: %d %s", code, errs)
	}
}

// TestInitForAnOffice creates the database of a commune office from its
// name, refuses a name that finds several units (listing them) and a unit
// of before (naming today's), and enters a 2026 figure there.
func TestInitForAnOffice(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "xa.db")
	out, errs, code := chiso(t, "init", "--db", db, "--area", "ba che")
	if code != 0 || !strings.Contains(out, "UBND xã Ba Chẽ (mã 06970)") {
		t.Fatalf("init --area: %d %s %s", code, out, errs)
	}
	_, errs, code = chiso(t, "init", "--db", filepath.Join(dir, "y.db"), "--area", "dong dac")
	if code == 0 || !strings.Contains(errs, "06970  Xã Ba Chẽ, Thành phố Quảng Ninh (trước đây: Xã Đồn Đạc)") || !strings.Contains(errs, "06994  Đặc khu Vân Đồn") {
		t.Errorf("an ambiguous name: %d %s", code, errs)
	}
	_, errs, code = chiso(t, "init", "--db", filepath.Join(dir, "z.db"), "--area", "X06988")
	if code == 0 || !strings.Contains(errs, "nay thuộc 06970 Xã Ba Chẽ") {
		t.Errorf("a unit of before: %d %s", code, errs)
	}
	for _, f := range []string{"y.db", "z.db"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err == nil {
			t.Errorf("a refused init left %s behind", f)
		}
	}
	csv := filepath.Join(dir, "v.csv")
	if err := os.WriteFile(csv, []byte("element,area,period,category,value,comment\nHH_TOTAL,06970,2026,,2.345,\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, errs, code := chiso(t, "import", "--db", db, csv); code != 0 {
		t.Fatalf("import: %s", errs)
	}
	out, _, _ = chiso(t, "values", "--db", db, "--area", "22", "--period", "2026", "--format", "csv")
	if !strings.Contains(out, "HH_TOTAL") || !strings.Contains(out, "HH_TOTAL,Tổng số hộ dân cư,hộ,2.345") {
		t.Errorf("the province's 2026 lacks the commune's households:\n%s", out)
	}
}
