// Package store keeps a Chỉ Số database: one SQLite file holding the
// catalog, the data values with every change made to them, targets and
// completeness. Every user action is one transaction; the file is opened in
// WAL mode with full synchronisation, so a crash or a power cut never leaves
// a half-written action behind.
package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"net/url"
	"os"
	"os/user"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	_ "modernc.org/sqlite" // the database/sql driver "sqlite"

	"chiso/data/store/internal/direct"
)

// Store is an open database.
type Store struct {
	db   *sql.DB
	path string

	mu       sync.Mutex // serialises writers so that seq and hlc stay monotonic
	deviceID int64
	device   string
	author   string

	codeMu       sync.Mutex // guards the two maps below, cleared by SaveCatalog
	elementCodes *codeMap
	areaCodes    *codeMap

	readOnly  bool
	factsHint atomic.Int64 // how many facts ElementFacts read last
	dmu       sync.Mutex   // guards dc
	dc        *direct.Conn // the hot paths' connection (see direct.go), opened on first use
	treeMu    sync.Mutex   // guards tree
	tree      *tree        // the areas' tree of the subtotals (see subtotal.go), read on first use
	rollback  bool         // the file is in rollback-journal mode for a first import (guarded by mu)
}

// Open opens (creating if needed) the database at path and brings its
// schema to the current version.
func Open(path string) (*Store, error) {
	if dir := filepath.Dir(path); dir != "" {
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return nil, fmt.Errorf("open database %s: %w", path, err)
		}
	}
	if err := ownerOnly(path); err != nil {
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}
	s, err := openFile(path, false)
	if err != nil {
		return nil, err
	}
	// The write-ahead log is a setting of the file: set once here, not by
	// every connection, so that a connection opened while a first import
	// runs with a rollback journal (see rollbackJournal) does not wait to
	// change it back.
	if _, err := s.db.Exec(`PRAGMA journal_mode=WAL`); err != nil {
		s.db.Close()
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}
	if err := s.migrate(len(migrations)); err != nil {
		s.db.Close()
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}
	if err := s.loadIdentity(); err != nil {
		s.db.Close()
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}
	if err := s.convertMarks(context.Background()); err != nil {
		s.db.Close()
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}
	if err := s.ensureSubtotals(context.Background()); err != nil {
		s.Close()
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}
	return s, nil
}

// ownerOnly makes the database file at path readable by its owner only,
// creating it empty (which SQLite reads as a new database) when missing;
// SQLite gives its WAL and shared-memory files the mode of the database
// file. A file of an older version, created readable by all, is restricted
// too, with its WAL. On Windows the files stay in the user's profile, whose
// folder only the user can read.
func ownerOnly(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
	if err == nil {
		return f.Close()
	}
	if !errors.Is(err, os.ErrExist) || runtime.GOOS == "windows" {
		return nil // not a plain file (SQLite says why), or no Unix modes
	}
	for _, p := range []string{path, path + "-wal", path + "-shm"} {
		if info, err := os.Stat(p); err == nil && info.Mode().IsRegular() && info.Mode().Perm()&0o077 != 0 {
			if err := os.Chmod(p, info.Mode().Perm()&0o700); err != nil {
				return err
			}
		}
	}
	return nil
}

// openFile opens the SQLite file at path, read-only when asked, without
// touching its schema.
func openFile(path string, readOnly bool) (*Store, error) {
	q := url.Values{}
	pragmas := []string{"foreign_keys(1)", "busy_timeout(10000)", "cache_size(-32768)"}
	if readOnly {
		q.Set("mode", "ro")
	} else {
		pragmas = append(pragmas, "synchronous(FULL)")
		q.Set("_txlock", "immediate")
	}
	for _, p := range pragmas {
		q.Add("_pragma", p)
	}
	db, err := sql.Open("sqlite", "file:"+path+"?"+q.Encode())
	if err != nil {
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}
	db.SetMaxOpenConns(1)
	return &Store{db: db, path: path, readOnly: readOnly}, nil
}

// Close closes the database.
func (s *Store) Close() error {
	err := s.closeDirect()
	if e := s.db.Close(); err == nil {
		err = e
	}
	return err
}

// Path returns the database file's path.
func (s *Store) Path() string { return s.path }

// DB gives tests and benchmarks direct access to the database.
func (s *Store) DB() *sql.DB { return s.db }

// SchemaVersion returns the schema version of the open file.
func (s *Store) SchemaVersion() (int, error) {
	var v int
	err := s.db.QueryRow(`PRAGMA user_version`).Scan(&v)
	return v, err
}

// migrate applies the migrations up to version target, each in its own
// transaction together with the new version number.
func (s *Store) migrate(target int) error {
	v, err := s.SchemaVersion()
	if err != nil {
		return err
	}
	if v > len(migrations) {
		return fmt.Errorf("the file has schema version %d, newer than this program knows (%d): update Chỉ Số", v, len(migrations))
	}
	for ; v < target; v++ {
		tx, err := s.db.Begin()
		if err != nil {
			return err
		}
		if _, err := tx.Exec(migrations[v]); err != nil {
			tx.Rollback()
			return fmt.Errorf("migration to schema version %d: %w", v+1, err)
		}
		if _, err := tx.Exec(`PRAGMA user_version = ` + strconv.Itoa(v+1)); err != nil {
			tx.Rollback()
			return err
		}
		if err := tx.Commit(); err != nil {
			return fmt.Errorf("migration to schema version %d: %w", v+1, err)
		}
	}
	return nil
}

// loadIdentity reads this database's device identity, creating one on
// first open.
func (s *Store) loadIdentity() error {
	dev, err := s.Meta("device")
	if err != nil {
		return err
	}
	if dev == "" {
		b := make([]byte, 8)
		rand.Read(b)
		dev = hex.EncodeToString(b)
		if err := s.SetMeta("device", dev); err != nil {
			return err
		}
	}
	// Written only the first time: opening a database to read it takes
	// no write lock.
	err = s.db.QueryRow(`SELECT id FROM device WHERE uid = ?`, dev).Scan(&s.deviceID)
	if errors.Is(err, sql.ErrNoRows) {
		err = s.db.QueryRow(`INSERT INTO device(uid) VALUES (?) RETURNING id`, dev).Scan(&s.deviceID)
	}
	if err != nil {
		return err
	}
	s.device = dev
	if s.author, err = s.Meta("user"); err != nil {
		return err
	}
	if s.author == "" {
		s.author = osUserName()
	}
	return nil
}

// osUserName is the name the operating system knows the user by, recorded
// on changes until the user gives theirs.
func osUserName() string {
	if u, err := user.Current(); err == nil && u.Username != "" {
		name := u.Username
		if i := strings.LastIndexByte(name, '\\'); i >= 0 { // DOMAIN\name on Windows
			name = name[i+1:]
		}
		return name
	}
	for _, v := range []string{"USER", "USERNAME", "LOGNAME"} {
		if name := os.Getenv(v); name != "" {
			return name
		}
	}
	return ""
}

// Device returns this database's device identity.
func (s *Store) Device() string { return s.device }

// Author returns the name recorded on changes made through this store: the
// user's as set with SetAuthor, else the operating system's user name.
func (s *Store) Author() string { return s.author }

// AuthorChosen reports whether the user has given their name (SetAuthor).
func (s *Store) AuthorChosen() bool {
	v, _ := s.Meta("user")
	return v != ""
}

// SetAuthor sets the name recorded on changes and remembers it; an empty
// name goes back to the operating system's user name.
func (s *Store) SetAuthor(name string) error {
	name = strings.TrimSpace(name)
	if err := s.SetMeta("user", name); err != nil {
		return err
	}
	s.author = name
	if name == "" {
		s.author = osUserName()
	}
	return nil
}

// Meta returns a setting stored in the database ("" when unset).
func (s *Store) Meta(key string) (string, error) {
	var v string
	err := s.db.QueryRow(`SELECT value FROM meta WHERE key = ?`, key).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return v, err
}

// SetMeta stores a setting in the database.
func (s *Store) SetMeta(key, value string) error {
	_, err := s.db.Exec(`INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`, key, value)
	return err
}

// Forget deletes a setting so that its bytes leave the file: the row is
// overwritten with zeros as it is deleted, the file is rebuilt without
// free pages holding old copies, and the WAL is emptied.
func (s *Store) Forget(ctx context.Context, key string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, q := range []string{`PRAGMA secure_delete = ON`, `DELETE FROM meta WHERE key = ?`, `VACUUM`, `PRAGMA secure_delete = OFF`} {
		var args []any
		if strings.Contains(q, "?") {
			args = append(args, key)
		}
		if _, err := s.db.ExecContext(ctx, q, args...); err != nil {
			return fmt.Errorf("forget %s: %w", key, err)
		}
	}
	var busy, frames, done int
	if err := s.db.QueryRowContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`).Scan(&busy, &frames, &done); err != nil {
		return fmt.Errorf("forget %s: %w", key, err)
	}
	if busy != 0 {
		return fmt.Errorf("forget %s: the database is busy: its journal could not be emptied", key)
	}
	return nil
}

// Check runs SQLite's integrity and foreign key checks and returns the
// problems found (none for a sound file).
func (s *Store) Check(ctx context.Context) ([]string, error) {
	var problems []string
	rows, err := s.db.QueryContext(ctx, `PRAGMA integrity_check`)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var msg string
		if err := rows.Scan(&msg); err != nil {
			rows.Close()
			return nil, err
		}
		if msg != "ok" {
			problems = append(problems, msg)
		}
	}
	rows.Close()
	rows, err = s.db.QueryContext(ctx, `PRAGMA foreign_key_check`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var table, parent string
		var rowid sql.NullInt64
		var fk int
		if err := rows.Scan(&table, &rowid, &parent, &fk); err != nil {
			return nil, err
		}
		problems = append(problems, fmt.Sprintf("%s row %d refers to a missing %s", table, rowid.Int64, parent))
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	sub, err := s.checkSubtotals()
	return append(problems, sub...), err
}

// clock hands out operation sequence numbers and hybrid logical clock
// readings inside one transaction, and saves the last ones with it.
type clock struct {
	seq int64
	hlc int64
}

// hlcNow combines a wall clock reading in milliseconds (48 bits) with a
// logical counter (16 bits).
func hlcNow() int64 { return time.Now().UnixMilli() << 16 }

func (s *Store) readClock(tx *sql.Tx) (clock, error) {
	var c clock
	for key, dst := range map[string]*int64{"seq": &c.seq, "hlc": &c.hlc} {
		var v string
		err := tx.QueryRow(`SELECT value FROM meta WHERE key = ?`, key).Scan(&v)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return c, err
		}
		if v != "" {
			n, err := strconv.ParseInt(v, 10, 64)
			if err != nil {
				return c, fmt.Errorf("meta %s: %w", key, err)
			}
			*dst = n
		}
	}
	return c, nil
}

// next advances the clock for one new operation.
func (c *clock) next() (seq, hlc int64) { return c.nextAt(hlcNow()) }

// nextAt advances the clock for one new operation made at the wall clock
// reading wall (see hlcNow): a batch written at once shares one reading,
// the counter orders its operations.
func (c *clock) nextAt(wall int64) (seq, hlc int64) {
	c.seq++
	c.hlc = max(c.hlc+1, wall)
	return c.seq, c.hlc
}

func (s *Store) saveClock(tx *sql.Tx, c clock) error {
	_, err := tx.Exec(`INSERT INTO meta(key, value) VALUES ('seq', ?), ('hlc', ?)
		ON CONFLICT(key) DO UPDATE SET value = excluded.value`,
		strconv.FormatInt(c.seq, 10), strconv.FormatInt(c.hlc, 10))
	return err
}

// now is the time recorded on changes, in UTC to the millisecond.
func now() string { return time.Now().UTC().Format("2006-01-02T15:04:05.000Z") }

// NewDevice gives this database a new device identity, so that a restored
// or copied database never writes changes under the same id as the one it
// came from. Changes made under the old identity keep it and count as
// received from it.
func (s *Store) NewDevice(ctx context.Context) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var last string
	if err := tx.QueryRowContext(ctx, `SELECT COALESCE((SELECT value FROM meta WHERE key = 'seq'), '0')`).Scan(&last); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO sync_writer(device_id, seen) VALUES (?, ?)
		ON CONFLICT(device_id) DO UPDATE SET seen = max(seen, excluded.seen)`, s.deviceID, last); err != nil {
		return err
	}
	b := make([]byte, 8)
	rand.Read(b)
	dev := hex.EncodeToString(b)
	var id int64
	if err := tx.QueryRowContext(ctx, `INSERT INTO device(uid) VALUES (?) RETURNING id`, dev).Scan(&id); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE meta SET value = ? WHERE key = 'device'`, dev); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("new device identity: %w", err)
	}
	s.device, s.deviceID = dev, id
	return nil
}
