package main

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"encoding/base64"
	"encoding/hex"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"chiso/data/replica"
	"chiso/data/rootkey"
	"chiso/data/store"
)

// runner runs the binary with env, failing the test on an unexpected exit
// code, and returns what it printed (stdout then stderr).
func runner(t *testing.T, env ...string) func(want int, args ...string) string {
	return func(want int, args ...string) string {
		t.Helper()
		out, errs, code := chisoEnv(t, env, args...)
		if code != want {
			t.Fatalf("chiso %s: exit %d, want %d\n%s%s", strings.Join(args, " "), code, want, out, errs)
		}
		return out + errs
	}
}

// rootKeyIn opens the one root key file of the folder keys.
func rootKeyIn(t *testing.T, keys string) (ed25519.PrivateKey, string) {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(keys, "*"+rootkey.Ext))
	if len(files) != 1 {
		t.Fatalf("%d root key files in %s, want 1", len(files), keys)
	}
	data, _ := os.ReadFile(files[0])
	key, err := rootkey.Open(data, testPassphrase)
	if err != nil {
		t.Fatal(err)
	}
	return key, files[0]
}

// secretForms are the ways a key's bytes could be written: raw, hex and
// base64 (JSON's way with bytes), of its seed and of the whole key.
func secretForms(key ed25519.PrivateKey) [][]byte {
	var out [][]byte
	for _, b := range [][]byte{key.Seed(), key} {
		out = append(out, b, []byte(hex.EncodeToString(b)), []byte(base64.StdEncoding.EncodeToString(b)),
			[]byte(base64.RawURLEncoding.EncodeToString(b)))
	}
	return out
}

// holdsKey returns the files under dir whose bytes contain the key in any
// of its forms.
func holdsKey(t *testing.T, dir string, key ed25519.PrivateKey) (files []string, n int) {
	t.Helper()
	forms := secretForms(key)
	filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		n++
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range forms {
			if bytes.Contains(b, f) {
				files = append(files, path)
				break
			}
		}
		return nil
	})
	return files, n
}

// TestRootKeyTravelsNowhere runs the province's and a commune's whole
// setup and work through the binary, then searches the raw bytes of every
// file written — databases with their WAL, the backups made before each
// import, the office file, the sync folder, a package, the exports and the
// exported key — for the root private key: none holds it. The secret files
// are readable by their owner only.
func TestRootKeyTravelsNowhere(t *testing.T) {
	dir, keys := t.TempDir(), t.TempDir()
	run := runner(t, "CHISO_KEY_DIR="+keys)
	prov, commune, share := filepath.Join(dir, "tinh.db"), filepath.Join(dir, "xa.db"), filepath.Join(dir, "share")
	office, csv := filepath.Join(dir, "hakhau.chiso-office"), filepath.Join(dir, "v.csv")
	os.Mkdir(share, 0o755)
	run(0, "init", "--db", prov, "--user", "Trần Văn Tỉnh")
	out := run(0, "office", "province", "--db", prov, "--name", "Cục Thống kê Quảng Ninh", "--area", "QN")
	key, keyFile := rootKeyIn(t, keys)
	if !strings.Contains(out, keyFile) {
		t.Errorf("office province does not say where the key is:\n%s", out)
	}
	run(0, "office", "issue", "--db", prov, "--name", "UBND phường Hà Khẩu", "--area", "QN_HALONG_01", "-o", office)
	run(0, "init", "--empty", "--db", commune)
	run(0, "office", "load", "--db", commune, office)
	os.WriteFile(csv, []byte("element,area,period,category,value,comment\nPOP,QN_HALONG_01,2024,,12.345,\n"), 0o644)
	run(0, "import", "--db", commune, csv)
	run(0, "sync", "--db", commune, share)
	run(0, "sync", "--db", prov, share)
	os.WriteFile(csv, []byte("element,area,period,category,value,comment\nPOP,QN_HALONG_02,2024,,8.000,\n"), 0o644)
	run(0, "import", "--db", prov, csv)
	run(0, "sync", "--db", prov, share)
	run(0, "package", "export", "--db", prov, filepath.Join(dir, "tinh.chisopkg"))
	run(0, "export", "--db", prov, "-o", filepath.Join(dir, "tinh.csv"))
	run(0, "export", "--db", prov, "--format", "dhis2-json", "-o", filepath.Join(dir, "tinh.json"))
	exported := filepath.Join(dir, "khoa-goc"+rootkey.Ext)
	run(0, "rootkey", "export", "--db", prov, "-o", exported)

	bad, n := holdsKey(t, dir, key)
	if len(bad) > 0 {
		t.Errorf("files holding the root private key: %v", bad)
	}
	backups, _ := filepath.Glob(prov + ".before-import-*.db")
	if n < 20 || len(backups) != 1 {
		t.Fatalf("searched %d files with %d backups: the scenario wrote less than expected", n, len(backups))
	}
	if runtime.GOOS != "windows" {
		secret := append([]string{prov, commune, office, exported, keyFile}, backups...)
		for _, suffix := range []string{"-wal", "-shm"} {
			if _, err := os.Stat(prov + suffix); err == nil {
				secret = append(secret, prov+suffix)
			}
		}
		for _, p := range secret {
			if info, err := os.Stat(p); err != nil || info.Mode().Perm() != 0o600 {
				t.Errorf("%s: mode %v (%v), want -rw-------", filepath.Base(p), info.Mode().Perm(), err)
			}
		}
	}
	// The sync files carry who made each change.
	if out := run(0, "export", "--db", prov, "--format", "dhis2-csv", "--area", "QN_HALONG_02"); !strings.Contains(out, "Trần Văn Tỉnh") {
		t.Errorf("the province's change is not stamped with its user's name:\n%s", out)
	}
}

// TestWrongPassphraseRefused: a wrong passphrase, a missing one and a new
// one too short are refused with a clear message, in Vietnamese and in
// English; nothing is written.
func TestWrongPassphraseRefused(t *testing.T) {
	dir, keys := t.TempDir(), t.TempDir()
	prov, office := filepath.Join(dir, "tinh.db"), filepath.Join(dir, "xa.chiso-office")
	runner(t, "CHISO_KEY_DIR="+keys)(0, "init", "--db", prov)
	if out := runner(t, "CHISO_KEY_DIR="+keys, envPassphrase+"=ngắn")(1, "office", "province", "--db", prov, "--name", "Tỉnh", "--area", "QN"); !strings.Contains(out, "mật khẩu quá ngắn (4 ký tự): cần ít nhất 10 ký tự") {
		t.Errorf("short passphrase: %s", out)
	}
	runner(t, "CHISO_KEY_DIR="+keys)(0, "office", "province", "--db", prov, "--name", "Tỉnh", "--area", "QN")
	issue := []string{"office", "issue", "--db", prov, "--name", "Xã", "--area", "QN_HALONG_01", "-o", office}
	wrong := runner(t, "CHISO_KEY_DIR="+keys, envPassphrase+"=không phải mật khẩu")
	if out := wrong(1, issue...); !strings.Contains(out, "chiso office: mật khẩu khóa gốc không đúng") {
		t.Errorf("wrong passphrase (vi): %s", out)
	}
	if out := wrong(1, append(issue, "--lang", "en")...); !strings.Contains(out, "wrong passphrase for the root key") {
		t.Errorf("wrong passphrase (en): %s", out)
	}
	if out := runner(t, "CHISO_KEY_DIR="+keys, envPassphrase)(1, issue...); !strings.Contains(out, "cần mật khẩu khóa gốc: đặt biến môi trường CHISO_ROOT_PASSPHRASE hoặc ghi --passphrase-file") {
		t.Errorf("no passphrase and no terminal: %s", out)
	}
	if _, err := os.Stat(office); err == nil {
		t.Fatal("an office file was written without the right passphrase")
	}
	// A passphrase file, for scripts.
	passFile := filepath.Join(dir, "pass.txt")
	os.WriteFile(passFile, []byte(testPassphrase+"\n"), 0o600)
	runner(t, "CHISO_KEY_DIR="+keys, envPassphrase)(0, append(issue, "--passphrase-file", passFile)...)
}

// TestRestoredRootKeyIssuesAcceptedOfficeFiles: the province moves to a new
// computer with a copy of its database and the exported root key. Without
// the key it cannot issue office files and says how to restore it; a wrong
// passphrase does not restore it; restored, it issues an office file to a
// second commune, whose change reaches the province and the first commune
// through the sync folder and is accepted by both.
func TestRestoredRootKeyIssuesAcceptedOfficeFiles(t *testing.T) {
	dir, oldKeys, newKeys := t.TempDir(), t.TempDir(), t.TempDir()
	old, moved := runner(t, "CHISO_KEY_DIR="+oldKeys), runner(t, "CHISO_KEY_DIR="+newKeys)
	prov, share := filepath.Join(dir, "tinh.db"), filepath.Join(dir, "share")
	hakhau, hadiep := filepath.Join(dir, "hakhau.db"), filepath.Join(dir, "hadiep.db")
	os.Mkdir(share, 0o755)
	old(0, "init", "--db", prov)
	old(0, "office", "province", "--db", prov, "--name", "Cục Thống kê Quảng Ninh", "--area", "QN")
	old(0, "office", "issue", "--db", prov, "--name", "UBND phường Hà Khẩu", "--area", "QN_HALONG_01", "-o", hakhau+".office")
	old(0, "init", "--empty", "--db", hakhau)
	old(0, "office", "load", "--db", hakhau, hakhau+".office")
	old(0, "sync", "--db", hakhau, share)
	old(0, "sync", "--db", prov, share)
	exported := filepath.Join(dir, "khoa-goc"+rootkey.Ext)
	old(0, "rootkey", "export", "--db", prov, "-o", exported)

	// The new computer: the database copied over, no key yet.
	newDir := t.TempDir()
	newProv := filepath.Join(newDir, "tinh.db")
	b, err := os.ReadFile(prov)
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(newProv, b, 0o600)
	issue := []string{"office", "issue", "--db", newProv, "--name", "UBND phường Hà Diệp", "--area", "QN_HALONG_02", "-o", hadiep + ".office"}
	if out := moved(1, issue...); !strings.Contains(out, "máy này không có khóa gốc của tỉnh: khôi phục tệp khóa gốc đã xuất (chiso rootkey restore") {
		t.Fatalf("issuing without the key: %s", out)
	}
	if out := moved(0, "office", "show", "--db", newProv); !strings.Contains(out, "Khóa gốc: không có trên máy này") {
		t.Errorf("office show without the key: %s", out)
	}
	wrong := runner(t, "CHISO_KEY_DIR="+newKeys, envPassphrase+"=không phải mật khẩu")
	if out := wrong(1, "rootkey", "restore", "--db", newProv, exported); !strings.Contains(out, "mật khẩu khóa gốc không đúng") {
		t.Fatalf("restore with a wrong passphrase: %s", out)
	}
	if out := moved(0, "rootkey", "restore", "--db", newProv, exported); !strings.Contains(out, "Đã khôi phục khóa gốc") {
		t.Fatalf("restore: %s", out)
	}
	moved(0, issue...)

	// The second commune is set up with the new office file and syncs.
	moved(0, "init", "--empty", "--db", hadiep)
	moved(0, "office", "load", "--db", hadiep, hadiep+".office")
	csv := filepath.Join(dir, "v.csv")
	os.WriteFile(csv, []byte("element,area,period,category,value,comment\nPOP,QN_HALONG_02,2024,,7.777,\n"), 0o644)
	moved(0, "import", "--db", hadiep, csv)
	moved(0, "sync", "--db", hadiep, share)
	if out := moved(0, "sync", "--db", newProv, share); !strings.Contains(out, "1 áp dụng") {
		t.Errorf("the province on its new computer: %s", out)
	}
	if out := old(0, "sync", "--db", hakhau, share); !strings.Contains(out, "0 bị từ chối") || strings.Contains(out, "Từ chối") {
		t.Errorf("the first commune does not accept the second's change: %s", out)
	}
	for _, db := range []string{newProv, hakhau} {
		if out := old(0, "export", "--db", db, "--area", "QN_HALONG_02", "--period", "2024", "--element", "POP"); !strings.Contains(out, ",7777,") {
			t.Errorf("%s lacks the second commune's value:\n%s", filepath.Base(db), out)
		}
	}
}

// TestPlainRootKeyIsMovedOut: a database of an older version, holding the
// root key in its meta table, is refused by every command with the way out;
// chiso rootkey protect moves the key into its encrypted file and wipes its
// bytes from the database file, after which office files are issued with
// the passphrase.
func TestPlainRootKeyIsMovedOut(t *testing.T) {
	dir, keys := t.TempDir(), t.TempDir()
	run := runner(t, "CHISO_KEY_DIR="+keys)
	prov := filepath.Join(dir, "tinh.db")
	run(0, "init", "--db", prov)
	run(0, "office", "province", "--db", prov, "--name", "Tỉnh", "--area", "QN")
	key, keyFile := rootKeyIn(t, keys)
	// As an older version left it: the key in the meta table, no file.
	st, err := store.Open(prov)
	if err != nil {
		t.Fatal(err)
	}
	st.SetMeta("sync.root_key", hex.EncodeToString(key.Seed()))
	st.Close()
	os.Remove(keyFile)

	out := run(1, "values", "--db", prov, "--area", "QN", "--period", "2020")
	if !strings.Contains(out, "chạy: chiso rootkey protect --db "+prov) || !strings.Contains(out, "khóa gốc của tỉnh ở dạng không mã hóa") {
		t.Fatalf("a command on a database with a plain root key: %s", out)
	}
	const pass = "một mật khẩu mới dài"
	runner(t, "CHISO_KEY_DIR="+keys, envPassphrase+"="+pass)(0, "rootkey", "protect", "--db", prov)
	if bad, _ := holdsKey(t, dir, key); len(bad) > 0 {
		t.Errorf("the key's bytes are still in %v", bad)
	}
	st, _ = store.Open(prov)
	plain := replica.HasPlainRootKey(st)
	problems, _ := st.Check(context.Background())
	st.Close()
	if plain || len(problems) > 0 {
		t.Fatalf("after protect: plain %v, problems %v", plain, problems)
	}
	run(0, "values", "--db", prov, "--area", "QN", "--period", "2020")
	runner(t, "CHISO_KEY_DIR="+keys, envPassphrase+"="+pass)(0, "office", "issue", "--db", prov, "--name", "Xã", "--area", "QN_HALONG_01", "-o", filepath.Join(dir, "xa.chiso-office"))
}
