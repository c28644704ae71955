package store

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// TestFilesAreTheOwnersOnly: a new database, its WAL and shared memory, a
// backup, a restored file and the one it replaced are readable by their
// owner only; an older file readable by all is restricted when opened.
func TestFilesAreTheOwnersOnly(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no Unix modes on Windows: the files stay in the user's profile")
	}
	ctx := context.Background()
	dir := t.TempDir()
	db := filepath.Join(dir, "sub", "x.db")
	st, err := Open(db)
	if err != nil {
		t.Fatal(err)
	}
	if err := st.SetMeta("office", "UBND xã Tân Dân"); err != nil {
		t.Fatal(err)
	}
	backup := filepath.Join(dir, "x-backup.db")
	if err := st.Backup(ctx, backup); err != nil {
		t.Fatal(err)
	}
	mode := func(p string) os.FileMode {
		t.Helper()
		info, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		return info.Mode().Perm()
	}
	for _, p := range []string{db, db + "-wal", db + "-shm", backup} {
		if m := mode(p); m != 0o600 {
			t.Errorf("%s: mode %v, want -rw-------", filepath.Base(p), m)
		}
	}
	if m := mode(filepath.Dir(db)); m != 0o700 {
		t.Errorf("the new database folder: mode %v, want drwx------", m)
	}
	st.Close()
	if err := RestoreBackup(ctx, backup, db); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{db, db + ".before-restore"} {
		if m := mode(p); m != 0o600 {
			t.Errorf("%s: mode %v, want -rw-------", filepath.Base(p), m)
		}
	}
	// A file of an older version, readable by all.
	os.Chmod(db, 0o644)
	st, err = Open(db)
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	if m := mode(db); m != 0o600 {
		t.Errorf("an older file opened: mode %v, want -rw-------", m)
	}
}

// TestForgetWipesTheBytes: a setting forgotten leaves no copy of its value
// in the database file or its WAL.
func TestForgetWipesTheBytes(t *testing.T) {
	db := filepath.Join(t.TempDir(), "x.db")
	st, err := Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	secret := "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"
	if err := st.SetMeta("secret", secret); err != nil {
		t.Fatal(err)
	}
	// Pages move around: the value is written into the WAL, checkpointed
	// into the file, rewritten.
	st.DB().Exec(`PRAGMA wal_checkpoint(TRUNCATE)`)
	st.SetMeta("other", "x")
	holds := func() []string {
		var in []string
		for _, suffix := range []string{"", "-wal", "-shm"} {
			if b, _ := os.ReadFile(db + suffix); bytes.Contains(b, []byte(secret)) {
				in = append(in, "x.db"+suffix)
			}
		}
		return in
	}
	if len(holds()) == 0 {
		t.Fatal("the secret is in no file before it is forgotten: the test proves nothing")
	}
	if err := st.Forget(context.Background(), "secret"); err != nil {
		t.Fatal(err)
	}
	if in := holds(); len(in) > 0 {
		t.Errorf("the forgotten value is still in %v", in)
	}
	if v, _ := st.Meta("secret"); v != "" {
		t.Errorf("forgotten setting reads %q", v)
	}
	if v, _ := st.Meta("other"); v != "x" {
		t.Errorf("another setting lost: %q", v)
	}
}

// TestAuthorIsNeverEmpty: until the user gives a name, changes carry the
// system's user name, even without $USER; an empty name goes back to it.
func TestAuthorIsNeverEmpty(t *testing.T) {
	t.Setenv("USER", "")
	t.Setenv("LOGNAME", "")
	st, err := Open(filepath.Join(t.TempDir(), "x.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	system := st.Author()
	if system == "" || st.AuthorChosen() {
		t.Fatalf("author of a new database %q (chosen %v)", system, st.AuthorChosen())
	}
	st.SetAuthor("  Lê Thị Hoa ")
	if st.Author() != "Lê Thị Hoa" || !st.AuthorChosen() {
		t.Errorf("author %q", st.Author())
	}
	st.SetAuthor("")
	if st.Author() != system || st.AuthorChosen() {
		t.Errorf("author after clearing %q, want %q", st.Author(), system)
	}
}
