//go:build unix

package store_test

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"
	"time"

	"chiso/data/catalog"
	"chiso/data/store"
)

// The first import into a database without values writes its pages
// through a rollback journal instead of the write-ahead log (see
// rollbackJournal in direct.go). These tests check that it keeps the
// promises of the log: all or nothing, also when the process is killed,
// and the file back in WAL mode afterwards.

// manyCatalog is a catalog of one province with 1,000 communes and 10
// elements.
func manyCatalog() *catalog.Catalog {
	c := &catalog.Catalog{
		Levels: []catalog.Level{{Level: 1, Code: "PROVINCE", NameVI: "Tỉnh", NameEN: "Province"}, {Level: 2, Code: "COMMUNE", NameVI: "Xã", NameEN: "Commune"}},
		Areas:  []catalog.Area{{Code: "P", Name: "Tỉnh", Level: 1}},
	}
	for e := range 10 {
		c.Elements = append(c.Elements, catalog.Element{Code: fmt.Sprintf("E%02d", e), NameVI: "Chỉ tiêu", ValueType: catalog.Integer, Aggregation: catalog.Sum})
	}
	for a := range 1000 {
		c.Areas = append(c.Areas, catalog.Area{Code: fmt.Sprintf("C%04d", a), Name: "Xã", Level: 2, Parent: "P"})
	}
	return c
}

// manyValues yields years × 10 elements × 1,000 communes values, in the
// order of the key (so the import takes its fastest path).
func manyValues(years int) func(func(store.Change, error) bool) {
	return func(yield func(store.Change, error) bool) {
		for y := range years {
			for e := range 10 {
				for a := range 1000 {
					c := store.Change{Element: fmt.Sprintf("E%02d", e), Area: fmt.Sprintf("C%04d", a), Period: strconv.Itoa(1900 + y),
						Value: strconv.Itoa(y*7 + e*3 + a)}
					if !yield(c, nil) {
						return
					}
				}
			}
		}
	}
}

func newMany(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "many.db")
	st, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if err := st.SaveCatalog(context.Background(), manyCatalog()); err != nil {
		t.Fatal(err)
	}
	return path
}

func journalMode(t *testing.T, st *store.Store) string {
	t.Helper()
	var mode string
	if err := st.DB().QueryRow(`PRAGMA journal_mode`).Scan(&mode); err != nil {
		t.Fatal(err)
	}
	return mode
}

func count(t *testing.T, st *store.Store, q string) int {
	t.Helper()
	var n int
	if err := st.DB().QueryRow(q).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// TestFirstImport imports into an empty database (rollback journal), then
// again (write-ahead log), and checks the values and the journal mode.
func TestFirstImport(t *testing.T) {
	ctx := context.Background()
	st, err := store.Open(newMany(t))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	res, err := st.Import(ctx, "a.csv", manyValues(5))
	if err != nil || res.New != 50000 {
		t.Fatalf("first import: %+v %v", res, err)
	}
	if m := journalMode(t, st); m != "wal" {
		t.Errorf("journal mode after the first import: %s", m)
	}
	if n := count(t, st, `SELECT count(*) FROM datavalue`); n != 50000 {
		t.Errorf("%d values stored", n)
	}
	// Sequence numbers are gapless and follow the file.
	if n := count(t, st, `SELECT count(*) FROM datavalue WHERE seq = 1 + (period - 1900) * 10000 + CAST(substr((SELECT code FROM element WHERE id = element_id), 2) AS INT) * 1000 + CAST(substr((SELECT code FROM area WHERE id = area_id), 2) AS INT)`); n != 50000 {
		t.Errorf("%d values have the sequence number of their place in the file, want 50000", n)
	}
	// Again: the same values change nothing; a new year is appended.
	res, err = st.Import(ctx, "b.csv", manyValues(6))
	if err != nil || res.New != 10000 || res.Unchanged != 50000 {
		t.Fatalf("second import: %+v %v", res, err)
	}
	if problems, err := st.Check(ctx); err != nil || len(problems) > 0 {
		t.Errorf("check: %v %v", problems, err)
	}
}

// TestFirstImportWithAnotherReader: another connection has the file open,
// so the journal cannot change; the import goes through the log.
func TestFirstImportWithAnotherReader(t *testing.T) {
	ctx := context.Background()
	path := newMany(t)
	other, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	if _, err := other.Exec(`SELECT count(*) FROM area`); err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if res, err := st.Import(ctx, "a.csv", manyValues(2)); err != nil || res.New != 20000 {
		t.Fatalf("import: %+v %v", res, err)
	}
	var n int
	if err := other.QueryRow(`SELECT count(*) FROM datavalue`).Scan(&n); err != nil || n != 20000 {
		t.Errorf("the other connection reads %d values (%v)", n, err)
	}
	if m := journalMode(t, st); m != "wal" {
		t.Errorf("journal mode: %s", m)
	}
}

// TestFirstImportFailsWhole: an error in the middle of a first import
// leaves no value and the file in WAL mode.
func TestFirstImportFailsWhole(t *testing.T) {
	st, err := store.Open(newMany(t))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	bad := func(yield func(store.Change, error) bool) {
		for c, err := range manyValues(20) {
			if c.Period == "1915" {
				c.Area = "NOWHERE"
			}
			if !yield(c, err) {
				return
			}
		}
	}
	if _, err := st.Import(context.Background(), "bad.csv", bad); err == nil {
		t.Fatal("an import naming an unknown area succeeded")
	}
	if n := count(t, st, `SELECT count(*) FROM datavalue`); n != 0 {
		t.Errorf("%d values left by the failed import", n)
	}
	if m := journalMode(t, st); m != "wal" {
		t.Errorf("journal mode: %s", m)
	}
}

// TestKilledFirstImport kills a process in the middle of a first import
// large enough to write pages into the file before its commit: the file
// opens sound, with no value, in WAL mode.
func TestKilledFirstImport(t *testing.T) {
	if path := os.Getenv("CHISO_TEST_FIRST_IMPORT"); path != "" {
		st, err := store.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		st.Import(context.Background(), "big.csv", manyValues(400)) // killed before the end
		t.Fatal("the import was not killed")
	}
	if testing.Short() {
		t.Skip("large import")
	}
	path := newMany(t)
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestKilledFirstImport$")
	cmd.Env = append(os.Environ(), "CHISO_TEST_FIRST_IMPORT="+path)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// Wait until pages have gone into the file itself (the cache spills).
	deadline := time.Now().Add(2 * time.Minute)
	for {
		if fi, err := os.Stat(path); err == nil && fi.Size() > info.Size()+16<<20 {
			break
		}
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			t.Fatal("the import never wrote into the file")
		}
		time.Sleep(10 * time.Millisecond)
	}
	if _, err := os.Stat(path + "-journal"); err != nil {
		t.Errorf("no rollback journal while the first import writes: %v", err)
	}
	cmd.Process.Signal(syscall.SIGKILL)
	cmd.Wait()
	if ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); !ok || !ws.Signaled() {
		t.Fatalf("the import was not killed: %v", cmd.ProcessState)
	}

	st, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if problems, err := st.Check(context.Background()); err != nil || len(problems) > 0 {
		t.Fatalf("integrity after the kill: %v %v", problems, err)
	}
	if n := count(t, st, `SELECT count(*) FROM datavalue`); n != 0 {
		t.Errorf("%d values of the killed import", n)
	}
	if n := count(t, st, `SELECT count(*) FROM area`); n != 1001 {
		t.Errorf("%d areas after the kill, want the 1001 saved before", n)
	}
	if m := journalMode(t, st); m != "wal" {
		t.Errorf("journal mode after the kill: %s", m)
	}
	if _, err := os.Stat(path + "-journal"); err == nil {
		t.Error("the rollback journal is still there")
	}
	// And the database takes a first import again.
	if res, err := st.Import(context.Background(), "again.csv", manyValues(1)); err != nil || res.New != 10000 {
		t.Errorf("import after the kill: %+v %v", res, err)
	}
}
