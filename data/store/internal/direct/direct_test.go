package direct

import (
	"database/sql"
	"path/filepath"
	"strings"
	"testing"
	"time"

	_ "modernc.org/sqlite"
)

func openTest(t *testing.T) (*Conn, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "t.db")
	c, err := Open(path, false, time.Second)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	if err := c.ExecScript(`PRAGMA journal_mode=WAL; CREATE TABLE t(k INTEGER PRIMARY KEY, s TEXT, f REAL, b BLOB)`); err != nil {
		t.Fatal(err)
	}
	return c, path
}

// TestRoundTrip writes every kind of value, more text than one arena chunk
// holds in one statement, and reads it back both directly and through
// database/sql, which must agree.
func TestRoundTrip(t *testing.T) {
	c, path := openTest(t)
	const n = 50
	long := strings.Repeat("Hạ Long ", chunkSize/8/10) // ~a tenth of a chunk
	q := "INSERT INTO t VALUES " + strings.TrimSuffix(strings.Repeat("(?,?,?,?),", n), ",")
	s, err := c.Prepare(q)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for round := range 2 { // the second round reuses the arena
		for i := range n {
			k := int64(round*n + i)
			s.BindInt64(4*i+1, k)
			switch i % 3 {
			case 0:
				s.BindText(4*i+2, long+strings.Repeat("x", i))
			case 1:
				s.BindText(4*i+2, "")
			default:
				s.BindNull(4*i + 2)
			}
			s.BindFloat(4*i+3, float64(k)/4)
			s.BindBlob(4*i+4, []byte{byte(k), 0, 1})
		}
		if row, err := s.Step(); err != nil || row {
			t.Fatalf("step: %v %v", row, err)
		}
		if err := s.Reset(); err != nil {
			t.Fatal(err)
		}
	}
	if got := c.Changes(); got != n {
		t.Errorf("changes = %d, want %d", got, n)
	}

	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	r, err := c.Cached("SELECT k, s, f, b FROM t ORDER BY k")
	if err != nil {
		t.Fatal(err)
	}
	rows, err := db.Query("SELECT k, s, f, b FROM t ORDER BY k")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	count := 0
	for rows.Next() {
		var k int64
		var str sql.NullString
		var f float64
		var b []byte
		if err := rows.Scan(&k, &str, &f, &b); err != nil {
			t.Fatal(err)
		}
		row, err := r.Step()
		if err != nil || !row {
			t.Fatalf("direct read ended at row %d: %v", count, err)
		}
		i := int(k) % n
		want := map[int]string{0: long + strings.Repeat("x", i), 1: ""}[i%3]
		if r.Int64(0) != k || r.Text(1) != str.String || r.IsNull(1) != !str.Valid || r.Float(2) != f || string(r.Blob(3)) != string(b) {
			t.Errorf("row %d: direct (%d %q %v %v) database/sql (%d %q %v %v)", count, r.Int64(0), r.Text(1), r.Float(2), r.Blob(3), k, str.String, f, b)
		}
		if str.String != want || (i%3 == 2) == str.Valid {
			t.Errorf("row %d: text %.20q (valid %v), want %.20q", count, str.String, str.Valid, want)
		}
		count++
	}
	if row, _ := r.Step(); row || count != 2*n {
		t.Errorf("read %d rows, direct has more: %v", count, row)
	}
}

func TestErrors(t *testing.T) {
	c, path := openTest(t)
	if err := c.Exec("INSERT INTO t(k) VALUES (?)", 1); err != nil {
		t.Fatal(err)
	}
	err := c.Exec("INSERT INTO t(k) VALUES (?)", 1)
	if err == nil || !strings.Contains(err.Error(), "UNIQUE constraint failed: t.k") {
		t.Errorf("duplicate key: %v", err)
	}
	if _, err := c.Prepare("SELECT nope FROM t"); err == nil || !strings.Contains(err.Error(), "no such column: nope") {
		t.Errorf("bad query: %v", err)
	}
	if err := c.Exec("SELECT ?", struct{}{}); err == nil {
		t.Error("binding a struct worked")
	}
	// A second connection holding the write lock: busy after the timeout.
	other, err := Open(path, false, 10*time.Millisecond)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	if err := c.ExecScript("BEGIN IMMEDIATE"); err != nil {
		t.Fatal(err)
	}
	if err := other.ExecScript("BEGIN IMMEDIATE"); !IsBusy(err) {
		t.Errorf("second writer: %v, want busy", err)
	}
	if err := c.ExecScript("ROLLBACK"); err != nil {
		t.Fatal(err)
	}
	ro, err := Open(path, true, time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	if err := ro.Exec("INSERT INTO t(k) VALUES (2)"); err == nil || !strings.Contains(err.Error(), "readonly") {
		t.Errorf("write on a read-only connection: %v", err)
	}
}
