package store

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"chiso/data/store/internal/direct"
)

// The store's hot paths — writing values (a typed value, an imported file,
// a resolution) and the catalog, reading the values of one element or of
// an entry form — run on a second connection to the same file driven
// through SQLite's C API (package direct) rather than database/sql.
// So do received sync segments of first values (see apply_direct.go);
// other segments, whose changes the reporting cycle's code handles in
// their transaction, and everything else go through s.db. Writers on
// either connection hold s.mu, so they never interleave.
//
// That connection does not check foreign keys (but for the catalog): every
// element, area and device id it writes was read from its table while the
// write held the lock.

// busyTimeout is how long a connection waits for another one's lock.
const busyTimeout = 10 * time.Second

// withDirect runs fn with the direct connection, opening it on first use.
func (s *Store) withDirect(fn func(c *direct.Conn) error) error {
	s.dmu.Lock()
	defer s.dmu.Unlock()
	if s.dc == nil {
		c, err := direct.Open(s.path, s.readOnly, busyTimeout)
		if err != nil {
			return err
		}
		if !s.readOnly {
			// An 8 MB page cache: a large import spills its pages into the
			// file or the log as it goes (each page of an append is written
			// once either way), and the cache costs less to fill and free.
			err = c.ExecScript(`PRAGMA synchronous=FULL; PRAGMA cache_size=-8192`)
		}
		if err != nil {
			c.Close()
			return fmt.Errorf("open %s: %w", s.path, err)
		}
		s.dc = c
	}
	return fn(s.dc)
}

// closeDirect closes the direct connection, if it was opened.
func (s *Store) closeDirect() error {
	s.dmu.Lock()
	defer s.dmu.Unlock()
	if s.dc == nil {
		return nil
	}
	err := s.dc.Close()
	s.dc = nil
	return err
}

// inTx runs fn in one immediate transaction on c: committed when fn
// returns nil, rolled back otherwise.
func inTx(ctx context.Context, c *direct.Conn, fn func() error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := c.ExecScript("BEGIN IMMEDIATE"); err != nil {
		return err
	}
	if err := fn(); err != nil {
		if c.InTransaction() {
			c.ExecScript("ROLLBACK")
		}
		return err
	}
	if err := c.ExecScript("COMMIT"); err != nil {
		if c.InTransaction() {
			c.ExecScript("ROLLBACK")
		}
		return fmt.Errorf("commit: %w", err)
	}
	return nil
}

// queryOne runs a query expected to give at most one row and calls scan on
// it; found is false when there is none.
func queryOne(c *direct.Conn, q string, scan func(*direct.Stmt), args ...any) (found bool, err error) {
	st, err := c.Cached(q)
	if err != nil {
		return false, err
	}
	defer st.Reset()
	if err := st.Bind(args...); err != nil {
		return false, err
	}
	row, err := st.Step()
	if row {
		scan(st)
	}
	return row, err
}

// eachRow runs a query and calls scan on every row.
func eachRow(c *direct.Conn, q string, scan func(*direct.Stmt) error, args ...any) error {
	st, err := c.Cached(q)
	if err != nil {
		return err
	}
	defer st.Reset()
	if err := st.Bind(args...); err != nil {
		return err
	}
	for {
		row, err := st.Step()
		if err != nil || !row {
			return err
		}
		if err := scan(st); err != nil {
			return err
		}
	}
}

// rollbackJournal switches the file from its write-ahead log to a rollback
// journal for a first import, so that the new pages are written once, into
// the file, instead of into the log and then copied into the file: a crash
// still leaves the file as it was (SQLite rolls the journal back when the
// file is next opened). It reports whether it switched; it does not when
// another connection, in this process or another, has the file open.
// restoreWAL switches back.
func (s *Store) rollbackJournal(c *direct.Conn) bool {
	// The database/sql connection is idle (writers hold s.mu): close it.
	// A reader that opens a new one meanwhile reads under the journal's
	// locks, waiting for the commit if it must.
	s.db.SetMaxIdleConns(0)
	var mode string
	if _, err := queryOne(c, "PRAGMA journal_mode=DELETE", func(st *direct.Stmt) { mode = st.Text(0) }); err != nil || mode != "delete" {
		s.db.SetMaxIdleConns(1)
		return false
	}
	s.rollback = true
	return true
}

// restoreWAL puts the file back in write-ahead-log mode after
// rollbackJournal. Should it fail (a reader in the way for longer than the
// busy timeout), the file stays correct in rollback mode and the next Open
// sets the log again.
func (s *Store) restoreWAL(c *direct.Conn) {
	var mode string
	if _, err := queryOne(c, "PRAGMA journal_mode=WAL", func(st *direct.Stmt) { mode = st.Text(0) }); err == nil && mode == "wal" {
		s.rollback = false
	}
	s.db.SetMaxIdleConns(1)
}

// isEmpty reports whether no value was ever stored.
func isEmpty(c *direct.Conn) (bool, error) {
	found, err := queryOne(c, `SELECT 1 FROM datavalue LIMIT 1`, func(*direct.Stmt) {})
	return !found, err
}

// readClockOn is readClock on the direct connection.
func readClockOn(c *direct.Conn) (clock, error) {
	var clk clock
	err := eachRow(c, `SELECT key, value FROM meta WHERE key IN ('seq', 'hlc')`, func(st *direct.Stmt) error {
		n, err := strconv.ParseInt(st.Text(1), 10, 64)
		if err != nil {
			return fmt.Errorf("meta %s: %w", st.Text(0), err)
		}
		if st.Text(0) == "seq" {
			clk.seq = n
		} else {
			clk.hlc = n
		}
		return nil
	})
	return clk, err
}

// saveClockOn is saveClock on the direct connection.
func saveClockOn(c *direct.Conn, clk clock) error {
	return c.Exec(`INSERT INTO meta(key, value) VALUES ('seq', ?), ('hlc', ?)
		ON CONFLICT(key) DO UPDATE SET value = excluded.value`,
		strconv.FormatInt(clk.seq, 10), strconv.FormatInt(clk.hlc, 10))
}
