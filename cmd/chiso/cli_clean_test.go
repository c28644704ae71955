package main

import (
	"bytes"
	"fmt"
	"os"
	"os/user"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"chiso/cmd/chiso/internal/posixlocale"
)

// TestQuietUnderTheCLocale runs commands with LANG=C.UTF-8 (and LC_ALL
// so) as on many Linux machines and in CI: none prints anything from the
// GUI toolkit; those that report nothing on stderr print nothing there.
func TestQuietUnderTheCLocale(t *testing.T) {
	for _, locale := range [][]string{{"LANG=C.UTF-8", "LC_ALL", "LC_MESSAGES", "LANGUAGE"}, {"LC_ALL=C.UTF-8", "LANGUAGE"}, {"LANG=POSIX.UTF-8", "LC_ALL", "LC_MESSAGES", "LANGUAGE"}} {
		dir := t.TempDir()
		db, share := filepath.Join(dir, "x.db"), filepath.Join(dir, "share")
		os.Mkdir(share, 0o755)
		for _, args := range [][]string{
			{"help"},
			{"init", "--db", db},
			{"check", "--db", db},
			{"export", "--db", db, "--period", "2020", "-o", filepath.Join(dir, "x.csv")},
			{"office", "province", "--db", db, "--name", "Tỉnh", "--area", "QN"},
			{"sync", "--db", db, share},
			{"package", "export", "--db", db, filepath.Join(dir, "x.chisopkg")},
		} {
			out, errs, code := chisoEnv(t, locale, args...)
			if code != 0 {
				t.Fatalf("%v chiso %s: exit %d\n%s%s", locale, strings.Join(args, " "), code, out, errs)
			}
			// export -o says on stderr what it wrote; the others say nothing there.
			if strings.Contains(errs, "Fyne") || strings.Contains(errs, "locale") || errs != "" && args[0] != "export" {
				t.Errorf("%v chiso %s printed on stderr:\n%s", locale, args[0], errs)
			}
		}
	}
}

func TestPosixLocaleFix(t *testing.T) {
	for _, c := range []struct {
		env  map[string]string
		want string // LANGUAGE after, "-" for unset
	}{
		{map[string]string{"LANG": "C.UTF-8"}, "en"},
		{map[string]string{"LC_ALL": "C.utf8", "LANG": "vi_VN.UTF-8"}, "en"},
		{map[string]string{"LC_ALL": "vi_VN.UTF-8", "LANG": "C.UTF-8"}, "-"},
		{map[string]string{"LANG": "C"}, "-"}, // Fyne reads plain C itself
		{map[string]string{"LANG": "C.UTF-8", "LANGUAGE": "vi"}, "vi"},
		{map[string]string{"LANG": "en_US.UTF-8"}, "-"},
	} {
		for _, k := range []string{"LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"} {
			t.Setenv(k, c.env[k])
			if c.env[k] == "" {
				os.Unsetenv(k)
			}
		}
		posixlocale.Fix()
		got, set := os.LookupEnv("LANGUAGE")
		if !set {
			got = "-"
		}
		if got != c.want {
			t.Errorf("%v: LANGUAGE %q, want %q", c.env, got, c.want)
		}
	}
}

// TestProgressOnlyOnATerminal: sync and package print only their summary
// when not on a terminal (a script, a log); on a terminal a readable line
// on stderr, rewritten in place and cleared at the end.
func TestProgressOnlyOnATerminal(t *testing.T) {
	dir := t.TempDir()
	db, share := demoDB(t), filepath.Join(dir, "share")
	os.Mkdir(share, 0o755)
	chiso(t, "office", "province", "--db", db, "--name", "Tỉnh", "--area", "QN")
	out, errs, code := chiso(t, "sync", "--db", db, share)
	if code != 0 || errs != "" || strings.Contains(out, "/") || !strings.HasPrefix(out, "Đã gửi") {
		t.Errorf("sync without a terminal: %d\n%q\n%q", code, out, errs)
	}
	var buf bytes.Buffer
	c := &cli{stderr: &buf, tty: true, lang: "vi"}
	p := c.progress("Đang đồng bộ…", "Syncing…")
	p(0, 0)
	p(3, 11)
	p(11, 11)
	if want := "\r\033[KĐang đồng bộ… 3/11 tệp\r\033[KĐang đồng bộ… 11/11 tệp\r\033[K"; buf.String() != want {
		t.Errorf("terminal progress %q, want %q", buf.String(), want)
	}
	if (&cli{}).progress("x", "y") != nil {
		t.Error("progress without a terminal")
	}
}

// TestBackupsBeforeImportsAreKeptFew: each import says where its backup
// is; only the newest (5, or as set) stay beside the database.
func TestBackupsBeforeImportsAreKeptFew(t *testing.T) {
	db := demoDB(t)
	csv := filepath.Join(t.TempDir(), "v.csv")
	importN := func(n int) string {
		os.WriteFile(csv, []byte(fmt.Sprintf("element,area,period,category,value,comment\nPOP,QN_HALONG_01,2024,,%d,\n", 1000+n)), 0o644)
		out, errs, code := chiso(t, "import", "--db", db, "--style", "en", csv)
		if code != 0 {
			t.Fatalf("import %d: %s%s", n, out, errs)
		}
		time.Sleep(10 * time.Millisecond) // distinct times of the files
		return out
	}
	var last string
	for n := range 7 {
		last = importN(n)
	}
	backups, _ := filepath.Glob(db + ".before-import-*.db")
	if len(backups) != 5 {
		t.Fatalf("%d backups kept, want 5: %v", len(backups), backups)
	}
	if !strings.Contains(last, "Bản sao lưu trước khi nhập: "+db+".before-import-") || !strings.Contains(last, "giữ 5 bản mới nhất cạnh CSDL") || !strings.Contains(last, "đã xóa 1 bản cũ hơn") {
		t.Errorf("the import does not say where its backup is and how many are kept:\n%s", last)
	}
	// The one written last is kept, the oldest are gone.
	path := strings.TrimSpace(strings.TrimPrefix(strings.Split(last, "\n")[1], "Bản sao lưu trước khi nhập: "))
	if _, err := os.Stat(path); err != nil {
		t.Errorf("the newest backup %s is gone: %v", path, err)
	}
	out, _, code := chiso(t, "settings", "--db", db, "--keep-backups", "2")
	if code != 0 || !strings.Contains(out, "Giữ lại 2 bản sao lưu trước khi nhập") {
		t.Fatalf("settings: %s", out)
	}
	importN(8)
	if backups, _ := filepath.Glob(db + ".before-import-*.db"); len(backups) != 2 {
		t.Errorf("%d backups kept, want 2", len(backups))
	}
	if _, errs, code := chiso(t, "settings", "--db", db, "--keep-backups", "-3"); code == 0 || !strings.Contains(errs, "phải từ 1 đến 1000") {
		t.Errorf("a negative number of backups: %d %s", code, errs)
	}
}

// TestWhoChangedIsRecorded: without a name given, changes carry the
// system's user name (never an empty author); after settings --user,
// that name.
func TestWhoChangedIsRecorded(t *testing.T) {
	u, err := user.Current()
	if err != nil {
		t.Skip("no system user:", err)
	}
	db := demoDB(t)
	csv := filepath.Join(t.TempDir(), "v.csv")
	os.WriteFile(csv, []byte("element,area,period,category,value,comment\nPOP,QN_HALONG_01,2024,,1234,\n"), 0o644)
	chiso(t, "import", "--db", db, "--style", "en", csv)
	out, _, _ := chisoEnv(t, []string{"USER", "LOGNAME"}, "export", "--db", db, "--format", "dhis2-csv", "--area", "QN_HALONG_01", "--period", "2024")
	if !strings.Contains(out, ","+u.Username+",") {
		t.Errorf("storedby is not the system's user name %q:\n%s", u.Username, out)
	}
	if out, _, _ := chiso(t, "settings", "--db", db); !strings.Contains(out, "Người dùng: "+u.Username+" (tên người dùng của hệ thống") {
		t.Errorf("settings before a name is given: %s", out)
	}
	chiso(t, "settings", "--db", db, "--user", "Lê Thị Hoa")
	os.WriteFile(csv, []byte("element,area,period,category,value,comment\nPOP,QN_HALONG_01,2024,,1235,\n"), 0o644)
	chiso(t, "import", "--db", db, "--style", "en", csv)
	if out, _, _ := chiso(t, "export", "--db", db, "--format", "dhis2-csv", "--area", "QN_HALONG_01", "--period", "2024"); !strings.Contains(out, ",Lê Thị Hoa,") {
		t.Errorf("storedby is not the name given:\n%s", out)
	}
}
