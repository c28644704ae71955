// Package direct drives a SQLite database through modernc.org/sqlite's
// C-level API (modernc.org/sqlite/lib), without database/sql: the store's
// hot paths (bulk writes of values, reading the values of one element)
// bind and read columns with typed calls, no interface conversions, no
// per-value C allocations, and on a connection opened without SQLite's own
// per-connection mutex.
//
// A Conn is not safe for concurrent use: its user serialises the calls
// (the store holds a mutex around it).
package direct

import (
	"errors"
	"fmt"
	"time"
	"unsafe"

	"modernc.org/libc"
	"modernc.org/libc/sys/types"
	sqlite3 "modernc.org/sqlite/lib"
)

// Conn is one connection to a database file.
type Conn struct {
	tls   *libc.TLS
	db    uintptr
	cache map[string]*Stmt
}

// Error is an error SQLite returned.
type Error struct {
	Code int // the (extended) result code
	Msg  string
}

func (e *Error) Error() string { return fmt.Sprintf("%s (%d)", e.Msg, e.Code) }

// IsBusy reports whether err says the database was locked by another
// connection for longer than the busy timeout.
func IsBusy(err error) bool {
	var e *Error
	return errors.As(err, &e) && e.Code&0xff == sqlite3.SQLITE_BUSY
}

// Open opens (creating if needed, unless read-only) the database file at
// path, read-only when asked, waiting up to
// busy for locks held by other connections.
func Open(path string, readOnly bool, busy time.Duration) (*Conn, error) {
	c := &Conn{tls: libc.NewTLS(), cache: map[string]*Stmt{}}
	flags := int32(sqlite3.SQLITE_OPEN_NOMUTEX | sqlite3.SQLITE_OPEN_EXRESCODE)
	if readOnly {
		flags |= sqlite3.SQLITE_OPEN_READONLY
	} else {
		flags |= sqlite3.SQLITE_OPEN_READWRITE | sqlite3.SQLITE_OPEN_CREATE
	}
	name, err := libc.CString(path)
	if err != nil {
		c.tls.Close()
		return nil, err
	}
	defer libc.Xfree(c.tls, name)
	pdb := c.malloc(int(unsafe.Sizeof(uintptr(0))))
	defer libc.Xfree(c.tls, pdb)
	rc := sqlite3.Xsqlite3_open_v2(c.tls, name, pdb, flags, 0)
	c.db = word(pdb)
	if rc != sqlite3.SQLITE_OK {
		err := c.error(rc)
		c.Close()
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	sqlite3.Xsqlite3_busy_timeout(c.tls, c.db, int32(busy/time.Millisecond))
	return c, nil
}

// Close finalises the cached statements and closes the connection.
func (c *Conn) Close() error {
	if c.tls == nil {
		return nil
	}
	for _, s := range c.cache {
		s.finalize()
	}
	c.cache = nil
	var err error
	if c.db != 0 {
		if rc := sqlite3.Xsqlite3_close_v2(c.tls, c.db); rc != sqlite3.SQLITE_OK {
			err = c.error(rc)
		}
		c.db = 0
	}
	c.tls.Close()
	c.tls = nil
	return err
}

func (c *Conn) malloc(n int) uintptr {
	p := libc.Xmalloc(c.tls, types.Size_t(n))
	if p == 0 {
		panic(fmt.Sprintf("direct: out of memory allocating %d bytes", n))
	}
	return p
}

// error turns a result code into an *Error carrying SQLite's message.
func (c *Conn) error(rc int32) error {
	m := libc.GoString(sqlite3.Xsqlite3_errstr(c.tls, rc))
	if c.db != 0 {
		if s := libc.GoString(sqlite3.Xsqlite3_errmsg(c.tls, c.db)); s != "" && s != m {
			m += ": " + s
		}
	}
	return &Error{Code: int(rc), Msg: m}
}

// ExecScript runs SQL text of one or more statements without parameters.
func (c *Conn) ExecScript(sql string) error {
	z, err := libc.CString(sql)
	if err != nil {
		return err
	}
	defer libc.Xfree(c.tls, z)
	if rc := sqlite3.Xsqlite3_exec(c.tls, c.db, z, 0, 0, 0); rc != sqlite3.SQLITE_OK {
		return c.error(rc)
	}
	return nil
}

// Exec runs one statement with args (see Stmt.Bind), kept prepared for the
// next call with the same text.
func (c *Conn) Exec(sql string, args ...any) error {
	s, err := c.Cached(sql)
	if err != nil {
		return err
	}
	return s.Exec(args...)
}

// Cached returns the statement with the text sql, prepared on first use and
// kept until the connection closes, reset and with no parameters bound.
func (c *Conn) Cached(sql string) (*Stmt, error) {
	if s, ok := c.cache[sql]; ok {
		return s, s.Reset()
	}
	s, err := c.prepare(sql, sqlite3.SQLITE_PREPARE_PERSISTENT)
	if err != nil {
		return nil, err
	}
	c.cache[sql] = s
	return s, nil
}

// Prepare compiles one statement; the caller closes it.
func (c *Conn) Prepare(sql string) (*Stmt, error) { return c.prepare(sql, 0) }

func (c *Conn) prepare(sql string, flags uint32) (*Stmt, error) {
	z, err := libc.CString(sql)
	if err != nil {
		return nil, err
	}
	defer libc.Xfree(c.tls, z)
	pp := c.malloc(int(unsafe.Sizeof(uintptr(0))))
	defer libc.Xfree(c.tls, pp)
	if rc := sqlite3.Xsqlite3_prepare_v3(c.tls, c.db, z, -1, flags, pp, 0); rc != sqlite3.SQLITE_OK {
		return nil, fmt.Errorf("prepare %.60q: %w", sql, c.error(rc))
	}
	p := word(pp)
	if p == 0 {
		return nil, fmt.Errorf("prepare %.60q: no statement", sql)
	}
	return &Stmt{c: c, p: p}, nil
}

// Changes returns the number of rows the last INSERT, UPDATE or DELETE
// changed.
func (c *Conn) Changes() int64 { return sqlite3.Xsqlite3_changes64(c.tls, c.db) }

// LastInsertRowID returns the rowid of the last row inserted.
func (c *Conn) LastInsertRowID() int64 { return sqlite3.Xsqlite3_last_insert_rowid(c.tls, c.db) }

// InTransaction reports whether a transaction is open.
func (c *Conn) InTransaction() bool { return sqlite3.Xsqlite3_get_autocommit(c.tls, c.db) == 0 }

// Stmt is a prepared statement. Text bound to it is copied into memory the
// statement owns until it is reset, so binding costs no allocation.
type Stmt struct {
	c     *Conn
	p     uintptr
	arena arena
}

// arena holds the text bound to a statement: chunks of C memory that are
// never moved, so that SQLite may point into them (SQLITE_STATIC) until
// the statement is reset.
type arena struct {
	chunks []chunk
	cur    int // index of the chunk being filled
}

type chunk struct {
	p    uintptr
	size int
	used int
}

const chunkSize = 64 << 10

// mem returns the n bytes of C memory at address p. The memory is not in
// Go's heap: reading the address as a pointer (rather than converting the
// integer, which vet rightly distrusts for Go memory) is safe.
func mem(p uintptr, n int) []byte {
	return unsafe.Slice(*(**byte)(unsafe.Pointer(&p)), n)
}

// word reads the pointer-sized word at C address p.
func word(p uintptr) uintptr { return *(*uintptr)(*(*unsafe.Pointer)(unsafe.Pointer(&p))) }

// put copies s into the arena and returns its address.
func (a *arena) put(c *Conn, s string) uintptr {
	for a.cur < len(a.chunks) {
		ch := &a.chunks[a.cur]
		if ch.size-ch.used >= len(s) {
			p := ch.p + uintptr(ch.used)
			copy(mem(p, len(s)), s)
			ch.used += len(s)
			return p
		}
		a.cur++
	}
	size := max(chunkSize, len(s))
	a.chunks = append(a.chunks, chunk{p: c.malloc(size), size: size})
	return a.put(c, s)
}

func (a *arena) reset() {
	for i := range a.chunks {
		a.chunks[i].used = 0
	}
	a.cur = 0
}

func (a *arena) free(c *Conn) {
	for _, ch := range a.chunks {
		libc.Xfree(c.tls, ch.p)
	}
	a.chunks = nil
}

// empty is the address bound for an empty text: any valid pointer with a
// length of 0 ("" rather than NULL).
var empty = func() uintptr {
	tls := libc.NewTLS()
	defer tls.Close()
	return libc.Xmalloc(tls, 1)
}()

// BindInt64 binds the i-th parameter (from 1) to an integer.
func (s *Stmt) BindInt64(i int, v int64) {
	sqlite3.Xsqlite3_bind_int64(s.c.tls, s.p, int32(i), v)
}

// BindFloat binds the i-th parameter to a float.
func (s *Stmt) BindFloat(i int, v float64) {
	sqlite3.Xsqlite3_bind_double(s.c.tls, s.p, int32(i), v)
}

// BindNull binds the i-th parameter to NULL.
func (s *Stmt) BindNull(i int) { sqlite3.Xsqlite3_bind_null(s.c.tls, s.p, int32(i)) }

// BindText binds the i-th parameter to a text.
func (s *Stmt) BindText(i int, v string) {
	p := empty
	if v != "" {
		p = s.arena.put(s.c, v)
	}
	sqlite3.Xsqlite3_bind_text(s.c.tls, s.p, int32(i), p, int32(len(v)), 0)
}

// BindBool binds the i-th parameter to 1 or 0.
func (s *Stmt) BindBool(i int, v bool) {
	n := int64(0)
	if v {
		n = 1
	}
	s.BindInt64(i, n)
}

// BindBlob binds the i-th parameter to bytes (NULL for nil).
func (s *Stmt) BindBlob(i int, v []byte) {
	if v == nil {
		s.BindNull(i)
		return
	}
	p := empty
	if len(v) > 0 {
		p = s.arena.put(s.c, unsafe.String(&v[0], len(v)))
	}
	sqlite3.Xsqlite3_bind_blob(s.c.tls, s.p, int32(i), p, int32(len(v)), 0)
}

// Bind binds args to the parameters from the first: int, int64, float64,
// *float64 (nil: NULL), string, bool, []byte or nil.
func (s *Stmt) Bind(args ...any) error {
	for i, a := range args {
		switch v := a.(type) {
		case nil:
			s.BindNull(i + 1)
		case int:
			s.BindInt64(i+1, int64(v))
		case int64:
			s.BindInt64(i+1, v)
		case float64:
			s.BindFloat(i+1, v)
		case *float64:
			if v == nil {
				s.BindNull(i + 1)
			} else {
				s.BindFloat(i+1, *v)
			}
		case string:
			s.BindText(i+1, v)
		case bool:
			s.BindBool(i+1, v)
		case []byte:
			s.BindBlob(i+1, v)
		default:
			return fmt.Errorf("direct: cannot bind a %T", a)
		}
	}
	return nil
}

// Step runs the statement to its next row: true when a row is there to
// read, false when it is done.
func (s *Stmt) Step() (bool, error) {
	switch rc := sqlite3.Xsqlite3_step(s.c.tls, s.p); rc {
	case sqlite3.SQLITE_ROW:
		return true, nil
	case sqlite3.SQLITE_DONE:
		return false, nil
	default:
		return false, s.c.error(rc)
	}
}

// Exec binds args, runs the statement to its end and resets it.
func (s *Stmt) Exec(args ...any) error {
	if err := s.Bind(args...); err != nil {
		return err
	}
	for {
		row, err := s.Step()
		if err != nil || !row {
			if rerr := s.Reset(); err == nil {
				err = rerr
			}
			return err
		}
	}
}

// Reset makes the statement ready to run again and forgets its bindings.
func (s *Stmt) Reset() error {
	rc := sqlite3.Xsqlite3_reset(s.c.tls, s.p)
	sqlite3.Xsqlite3_clear_bindings(s.c.tls, s.p)
	s.arena.reset()
	if rc != sqlite3.SQLITE_OK {
		return s.c.error(rc)
	}
	return nil
}

// Int64 returns column i (from 0) of the current row as an integer.
func (s *Stmt) Int64(i int) int64 { return sqlite3.Xsqlite3_column_int64(s.c.tls, s.p, int32(i)) }

// Float returns column i of the current row as a float.
func (s *Stmt) Float(i int) float64 { return sqlite3.Xsqlite3_column_double(s.c.tls, s.p, int32(i)) }

// Bool returns column i of the current row as a boolean (not 0).
func (s *Stmt) Bool(i int) bool { return s.Int64(i) != 0 }

// IsNull reports whether column i of the current row is NULL.
func (s *Stmt) IsNull(i int) bool {
	return sqlite3.Xsqlite3_column_type(s.c.tls, s.p, int32(i)) == sqlite3.SQLITE_NULL
}

// Text returns column i of the current row as a text ("" for NULL).
func (s *Stmt) Text(i int) string {
	p := sqlite3.Xsqlite3_column_text(s.c.tls, s.p, int32(i))
	n := sqlite3.Xsqlite3_column_bytes(s.c.tls, s.p, int32(i))
	if p == 0 || n == 0 {
		return ""
	}
	return string(mem(p, int(n)))
}

// Blob returns column i of the current row as bytes (nil for NULL).
func (s *Stmt) Blob(i int) []byte {
	p := sqlite3.Xsqlite3_column_blob(s.c.tls, s.p, int32(i))
	n := sqlite3.Xsqlite3_column_bytes(s.c.tls, s.p, int32(i))
	if p == 0 {
		return nil
	}
	return append([]byte{}, mem(p, int(n))...)
}

// Close finalises a statement made by Prepare (a cached one stays with the
// connection).
func (s *Stmt) Close() error {
	for k, cs := range s.c.cache {
		if cs == s {
			delete(s.c.cache, k)
		}
	}
	return s.finalize()
}

func (s *Stmt) finalize() error {
	if s.p == 0 {
		return nil
	}
	rc := sqlite3.Xsqlite3_finalize(s.c.tls, s.p)
	s.p = 0
	s.arena.free(s.c)
	if rc != sqlite3.SQLITE_OK {
		return s.c.error(rc)
	}
	return nil
}
