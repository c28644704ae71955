package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"iter"
	"strings"

	"chiso/data/catalog"
	"chiso/data/msg"
	"chiso/data/number"
	"chiso/data/period"
)

// Change is one value to write: Value is canonical (see package number), ""
// deletes the value.
type Change struct {
	Element, Area, Period, Category string
	Value                           string
	Comment                         string
	FollowUp                        bool
}

// Value is a stored value with who wrote it.
type Value struct {
	Element, Area, Period, Category string
	Value                           string // canonical decimal; "" for a deleted value
	Comment                         string
	FollowUp                        bool
	Author                          string
	ChangedAt                       string
	OpID                            string // device:seq of the change that wrote it
}

// Result counts what a Save or an Import did.
type Result struct {
	Rows      int // changes read
	New       int // keys that had no value
	Changed   int // keys whose value, comment or flag changed
	Unchanged int // identical to what was stored
}

// refs maps the catalog's codes to database ids, for one transaction.
type refs struct {
	elements map[string]elementRef
	areas    map[string]int64
	datasets map[string]int64
	periods  map[string]bool
}

type elementRef struct {
	id int64
	e  catalog.Element
}

// queryer is a database or a transaction.
type queryer interface {
	QueryContext(context.Context, string, ...any) (*sql.Rows, error)
}

func (s *Store) loadRefs(ctx context.Context, q queryer) (*refs, error) {
	r := &refs{elements: map[string]elementRef{}, areas: map[string]int64{}, periods: map[string]bool{}}
	rows, err := q.QueryContext(ctx, `SELECT id, code, value_type, categories, min, max, decimals FROM element`)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var er elementRef
		var cats string
		var min, max sql.NullFloat64
		if err := rows.Scan(&er.id, &er.e.Code, &er.e.ValueType, &cats, &min, &max, &er.e.Decimals); err != nil {
			rows.Close()
			return nil, err
		}
		if cats != "" {
			er.e.Categories = strings.Split(cats, ",")
		}
		er.e.Min, er.e.Max = floatPtr(min), floatPtr(max)
		r.elements[er.e.Code] = er
	}
	rows.Close()
	codes, err := loadCodeMap(ctx, q, `SELECT id, code FROM area`)
	if err != nil {
		return nil, err
	}
	r.areas = codes.id
	sets, err := loadCodeMap(ctx, q, `SELECT id, code FROM dataset`)
	if err != nil {
		return nil, err
	}
	r.datasets = sets.id
	return r, nil
}

// CheckValue tells whether canonical is an acceptable value of element e.
func CheckValue(e *catalog.Element, canonical string) error {
	if canonical == "" {
		return nil
	}
	f := number.Float(canonical)
	switch e.ValueType {
	case catalog.Integer:
		if strings.Contains(canonical, ".") {
			return msg.New("phải là số nguyên, không có phần thập phân", "must be a whole number")
		}
	case catalog.YesNo:
		if canonical != "0" && canonical != "1" {
			return msg.New("phải là có (1) hoặc không (0)", "must be yes (1) or no (0)")
		}
	case catalog.Percent:
		if f < 0 || f > 100 {
			return msg.New("tỷ lệ phải từ 0 đến 100", "a percentage must be between 0 and 100")
		}
	}
	if e.Min != nil && f < *e.Min {
		m := number.Canonical(*e.Min)
		return msg.New("nhỏ hơn giá trị tối thiểu "+number.Format(m, -1, number.Vietnamese),
			"below the minimum "+number.Format(m, -1, number.English))
	}
	if e.Max != nil && f > *e.Max {
		m := number.Canonical(*e.Max)
		return msg.New("lớn hơn giá trị tối đa "+number.Format(m, -1, number.Vietnamese),
			"above the maximum "+number.Format(m, -1, number.English))
	}
	return nil
}

// ParseValue reads text typed or imported for element e in style st and
// returns its canonical form: yes/no elements also take có/không, yes/no.
func ParseValue(e *catalog.Element, text string, st number.Style) (string, error) {
	text = strings.TrimSpace(text)
	if text == "" {
		return "", nil
	}
	if e.ValueType == catalog.YesNo {
		switch strings.ToLower(text) {
		case "1", "có", "co", "yes", "y", "true", "x", "đạt":
			return "1", nil
		case "0", "không", "khong", "no", "n", "false", "chưa đạt":
			return "0", nil
		}
		return "", msg.New(fmt.Sprintf("%q không phải có/không", text), fmt.Sprintf("%q is not yes/no", text))
	}
	c, err := number.Parse(text, st)
	if err != nil {
		return "", err
	}
	return c, CheckValue(e, c)
}

// Save writes changes as one transaction: all of them or, on any error,
// none.
func (s *Store) Save(ctx context.Context, changes ...Change) (Result, error) {
	return s.Import(ctx, "", func(yield func(Change, error) bool) {
		for _, c := range changes {
			if !yield(c, nil) {
				return
			}
		}
	})
}

// Import writes a stream of changes as one transaction, all-or-nothing,
// recorded as one changeset named after source (a file name, or "" for a
// typed value). An error from the stream aborts the import.
func (s *Store) Import(ctx context.Context, source string, changes iter.Seq2[Change, error]) (Result, error) {
	return s.write(ctx, source, false, changes)
}

// write is Import; with force, a change equal to the stored value is
// written all the same (a resolution must be a new change).
func (s *Store) write(ctx context.Context, source string, force bool, changes iter.Seq2[Change, error]) (Result, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var res Result
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return res, err
	}
	defer tx.Rollback()
	refs, err := s.loadRefs(ctx, tx)
	if err != nil {
		return res, err
	}
	var changeset int64
	if err := tx.QueryRowContext(ctx, `INSERT INTO changeset(device_id, author, at, source) VALUES (?,?,?,?) RETURNING id`,
		s.deviceID, s.author, now(), source).Scan(&changeset); err != nil {
		return res, err
	}
	w, err := newWriter(ctx, tx, s.deviceID, changeset)
	if err != nil {
		return res, err
	}
	locks, err := newLockCache(ctx, tx)
	if err != nil {
		return res, err
	}
	defer w.close()
	w.force = force
	if w.clk, err = s.readClock(tx); err != nil {
		return res, err
	}
	for c, err := range changes {
		if err != nil {
			return Result{}, err
		}
		res.Rows++
		er, ok := refs.elements[c.Element]
		if !ok {
			return Result{}, msg.New("không có chỉ tiêu mã "+c.Element, "unknown element code "+c.Element)
		}
		area, ok := refs.areas[c.Area]
		if !ok {
			return Result{}, msg.New("không có địa bàn mã "+c.Area, "unknown area code "+c.Area)
		}
		if !refs.periods[c.Period] {
			if _, err := period.Parse(c.Period); err != nil {
				return Result{}, msg.New(fmt.Sprintf("kỳ %q không hợp lệ (ví dụ 2024, 2024Q1, 202401)", c.Period), err.Error())
			}
			refs.periods[c.Period] = true
		}
		if err := checkCategory(&er.e, c.Category); err != nil {
			return Result{}, err
		}
		if err := CheckValue(&er.e, c.Value); err != nil {
			return Result{}, msg.Wrap(err, "giá trị "+c.Value+" của "+c.Element, "value "+c.Value+" of "+c.Element)
		}
		// Every way a value is written on this computer (entry, import,
		// resolution of a conflict) passes here: approved figures are
		// refused until the approver reopens the form.
		if as, err := locks.locking(ctx, tx, er.id, area, c.Period); err != nil {
			return Result{}, err
		} else if len(as) > 0 {
			return Result{}, lockedError(ctx, tx, as[0], er.id)
		}
		if err := w.add(ctx, row{er.id, area, c}, &res); err != nil {
			return Result{}, fmt.Errorf("write %s %s %s: %w", c.Element, c.Area, c.Period, err)
		}
	}
	if err := w.flush(ctx, &res); err != nil {
		return Result{}, err
	}
	if err := s.saveClock(tx, w.clk); err != nil {
		return Result{}, err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE changeset SET rows = ?, changed = ? WHERE id = ?`,
		res.Rows, res.New+res.Changed, w.changeset); err != nil {
		return Result{}, err
	}
	if err := tx.Commit(); err != nil {
		return Result{}, fmt.Errorf("commit: %w", err)
	}
	return res, nil
}

func checkCategory(e *catalog.Element, cat string) error {
	if len(e.Categories) == 0 {
		if cat != "" {
			return msg.New(fmt.Sprintf("chỉ tiêu %s không phân tổ, không nhận phân tổ %q", e.Code, cat),
				fmt.Sprintf("element %s has no categories, got %q", e.Code, cat))
		}
		return nil
	}
	for _, c := range e.Categories {
		if c == cat {
			return nil
		}
	}
	return msg.New(fmt.Sprintf("chỉ tiêu %s cần phân tổ %s, không phải %q", e.Code, strings.Join(e.Categories, "/"), cat),
		fmt.Sprintf("element %s needs a category among %s, got %q", e.Code, strings.Join(e.Categories, "/"), cat))
}

// row is a change with its element and area resolved.
type row struct {
	element, area int64
	Change
}

// batchSize is the number of rows a bulk insert writes in one statement.
const batchSize = 64

// writer writes the rows of one import: new keys in batches of one
// multi-row INSERT, and, when a batch meets keys that already have a value,
// that batch row by row, comparing and archiving.
type writer struct {
	tx                               *sql.Tx
	device                           int64
	changeset                        int64
	clk                              clock
	force                            bool
	batch                            []row
	bulk                             *sql.Stmt
	args                             []any
	insert, current, archive, update *sql.Stmt
	heads, dropHeads, addBase        *sql.Stmt
}

const insertColumns = `INSERT INTO datavalue(period, element_id, area_id, category, value, comment, followup, changeset_id, device_id, seq, hlc) VALUES `

// insertRow is the placeholder of one row; the changeset and the device,
// the same for every row of an import, are written into the statement.
func insertRow(changeset, device int64) string {
	return fmt.Sprintf("(?,?,?,?,?,?,?,%d,%d,?,?)", changeset, device)
}

func newWriter(ctx context.Context, tx *sql.Tx, device, changeset int64) (*writer, error) {
	w := writer{tx: tx, device: device, changeset: changeset, batch: make([]row, 0, batchSize)}
	one := insertRow(changeset, device)
	var err error
	prep := func(q string) *sql.Stmt {
		if err != nil {
			return nil
		}
		var st *sql.Stmt
		st, err = tx.PrepareContext(ctx, q)
		return st
	}
	w.bulk = prep(insertColumns + strings.Repeat(one+",", batchSize-1) + one + ` ON CONFLICT DO NOTHING`)
	w.insert = prep(insertColumns + one + ` ON CONFLICT DO NOTHING`)
	w.current = prep(`SELECT value, comment, followup, device_id, seq FROM datavalue WHERE period=? AND element_id=? AND area_id=? AND category=?`)
	w.archive = prep(`INSERT INTO value_history SELECT * FROM datavalue WHERE period=? AND element_id=? AND area_id=? AND category=?`)
	w.update = prep(`UPDATE datavalue SET value=?, comment=?, followup=?, changeset_id=?, device_id=?, seq=?, hlc=?, rep_device=?, rep_seq=?
		WHERE period=? AND element_id=? AND area_id=? AND category=?`)
	w.heads = prep(`SELECT device_id, seq FROM conflict_head WHERE period=? AND element_id=? AND area_id=? AND category=?`)
	w.dropHeads = prep(`DELETE FROM conflict_head WHERE period=? AND element_id=? AND area_id=? AND category=?`)
	w.addBase = prep(`INSERT OR IGNORE INTO op_base(device_id, seq, base_device, base_seq) VALUES (?,?,?,?)`)
	if err != nil {
		w.close()
		return nil, err
	}
	return &w, nil
}

func (w *writer) close() {
	for _, st := range []*sql.Stmt{w.bulk, w.insert, w.current, w.archive, w.update, w.heads, w.dropHeads, w.addBase} {
		if st != nil {
			st.Close()
		}
	}
}

func nullable(v string) any {
	if v == "" {
		return nil
	}
	return v
}

func (w *writer) add(ctx context.Context, r row, res *Result) error {
	w.batch = append(w.batch, r)
	if len(w.batch) < batchSize {
		return nil
	}
	return w.flush(ctx, res)
}

// flush writes the batch. A full batch goes in one statement inside a
// savepoint; if any of its keys already had a value, the statement is
// undone and the batch is written row by row, so that sequence numbers are
// only used by real changes, without gaps.
func (w *writer) flush(ctx context.Context, res *Result) error {
	batch := w.batch
	w.batch = w.batch[:0]
	if len(batch) == batchSize {
		saved := w.clk
		w.args = w.args[:0]
		for _, r := range batch {
			seq, hlc := w.clk.next()
			w.args = append(w.args, r.Period, r.element, r.area, r.Category, nullable(r.Value), r.Comment, r.FollowUp, seq, hlc)
		}
		ok, err := w.bulkInsert(ctx)
		if err != nil {
			return err
		}
		if ok {
			res.New += len(batch)
			return nil
		}
		w.clk = saved
	}
	for _, r := range batch {
		n, err := w.write(ctx, r)
		if err != nil {
			return err
		}
		switch n {
		case written:
			res.New++
		case replaced:
			res.Changed++
		default:
			res.Unchanged++
		}
	}
	return nil
}

// bulkInsert inserts the prepared batch inside a savepoint and reports
// whether every row was new; if not, it undoes the statement.
func (w *writer) bulkInsert(ctx context.Context) (bool, error) {
	if _, err := w.tx.ExecContext(ctx, "SAVEPOINT batch"); err != nil {
		return false, err
	}
	r, err := w.bulk.ExecContext(ctx, w.args...)
	if err != nil {
		return false, err
	}
	if n, _ := r.RowsAffected(); n != batchSize {
		if _, err := w.tx.ExecContext(ctx, "ROLLBACK TO batch"); err != nil {
			return false, err
		}
	}
	_, err = w.tx.ExecContext(ctx, "RELEASE batch")
	n, _ := r.RowsAffected()
	return n == batchSize, err
}

type outcome int

const (
	unchanged outcome = iota
	written
	replaced
)

func (w *writer) write(ctx context.Context, r row) (outcome, error) {
	saved := w.clk
	seq, hlc := w.clk.next()
	res, err := w.insert.ExecContext(ctx, r.Period, r.element, r.area, r.Category, nullable(r.Value), r.Comment, r.FollowUp, seq, hlc)
	if err != nil {
		return 0, err
	}
	if n, _ := res.RowsAffected(); n == 1 {
		return written, nil
	}
	w.clk = saved
	var old sql.NullString
	var comment string
	var followup bool
	var oldDev, oldSeq int64
	if err := w.current.QueryRowContext(ctx, r.Period, r.element, r.area, r.Category).Scan(&old, &comment, &followup, &oldDev, &oldSeq); err != nil {
		return 0, err
	}
	if !w.force && old.Valid == (r.Value != "") && old.String == r.Value && comment == r.Comment && followup == r.FollowUp {
		return unchanged, nil
	}
	seq, hlc = w.clk.next()
	if _, err := w.archive.ExecContext(ctx, r.Period, r.element, r.area, r.Category); err != nil {
		return 0, err
	}
	if _, err := w.update.ExecContext(ctx, nullable(r.Value), r.Comment, r.FollowUp, w.changeset, w.device, seq, hlc, oldDev, oldSeq,
		r.Period, r.element, r.area, r.Category); err != nil {
		return 0, err
	}
	return replaced, w.replaceHeads(ctx, r, seq, opRef{oldDev, oldSeq})
}

// opRef is a change by its database device id and sequence number.
type opRef struct{ device, seq int64 }

// replaceHeads makes the change seq of this device replace every head of a
// key in conflict (the value shown, named as the replaced change, and the
// others, named in op_base), which ends the conflict.
func (w *writer) replaceHeads(ctx context.Context, r row, seq int64, shown opRef) error {
	rows, err := w.heads.QueryContext(ctx, r.Period, r.element, r.area, r.Category)
	if err != nil {
		return err
	}
	var others []opRef
	for rows.Next() {
		var h opRef
		if err := rows.Scan(&h.device, &h.seq); err != nil {
			rows.Close()
			return err
		}
		if h != shown {
			others = append(others, h)
		}
	}
	rows.Close()
	if len(others) == 0 {
		return rows.Err()
	}
	for _, h := range others {
		if _, err := w.addBase.ExecContext(ctx, w.device, seq, h.device, h.seq); err != nil {
			return err
		}
	}
	_, err = w.dropHeads.ExecContext(ctx, r.Period, r.element, r.area, r.Category)
	return err
}

// ValueFilter selects values; empty fields select all.
type ValueFilter struct {
	Periods  []string
	Elements []string
	Areas    []string
	// Since, when set (yyyy-mm-ddThh:mm:ss…Z, or a day yyyy-mm-dd), keeps
	// only the values changed in this database at or after that time.
	Since string
	// Deleted also selects the deleted values (tombstones, Value ""), for
	// EachValue: an export of the changes since a time carries deletions.
	Deleted bool
}

// Values returns the current (not deleted) values matching f, ordered by
// period, element, area and category.
func (s *Store) Values(ctx context.Context, f ValueFilter) ([]Value, error) {
	var out []Value
	err := s.EachValue(ctx, f, func(v Value) error {
		out = append(out, v)
		return nil
	})
	return out, err
}

// EachValue calls fn for each current value matching f, in the order of
// Values, without holding them all in memory; with f.Deleted, deleted
// values too (Value "").
func (s *Store) EachValue(ctx context.Context, f ValueFilter, fn func(Value) error) error {
	var where []string
	var args []any
	in := func(col string, vals []string) {
		if len(vals) == 0 {
			return
		}
		where = append(where, col+" IN ("+strings.Repeat("?,", len(vals)-1)+"?)")
		for _, v := range vals {
			args = append(args, v)
		}
	}
	in("v.period", f.Periods)
	in("e.code", f.Elements)
	in("a.code", f.Areas)
	if !f.Deleted {
		where = append(where, "v.value IS NOT NULL")
	}
	if f.Since != "" {
		where = append(where, "cs.at >= ?")
		args = append(args, f.Since)
	}
	q := `SELECT v.period, e.code, a.code, v.category, coalesce(v.value, ''), v.comment, v.followup, cs.author, cs.at, d.uid || ':' || v.seq
		FROM datavalue v JOIN element e ON e.id = v.element_id JOIN area a ON a.id = v.area_id JOIN device d ON d.id = v.device_id
		JOIN changeset cs ON cs.id = v.changeset_id`
	if len(where) > 0 {
		q += " WHERE " + strings.Join(where, " AND ")
	}
	q += ` ORDER BY v.period, v.element_id, v.area_id, v.category`
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return fmt.Errorf("read values: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var v Value
		if err := rows.Scan(&v.Period, &v.Element, &v.Area, &v.Category, &v.Value, &v.Comment, &v.FollowUp, &v.Author, &v.ChangedAt, &v.OpID); err != nil {
			return err
		}
		if err := fn(v); err != nil {
			return err
		}
	}
	return rows.Err()
}

// Fact is a current value reduced to what calculation needs.
type Fact struct {
	Element, Area, Category string
	Value                   float64
}

// ElementFacts returns the current values of one element in one period,
// fast (one range of the primary key): the input of calculation.
func (s *Store) ElementFacts(ctx context.Context, element, per string) ([]Fact, error) {
	elements, areas, err := s.codes(ctx)
	if err != nil {
		return nil, err
	}
	id, ok := elements.id[element]
	if !ok {
		return nil, fmt.Errorf("unknown element %q", element)
	}
	// Values are canonical decimals: SQLite reads them as the nearest
	// float64, without a Go string each.
	query := `SELECT element_id, area_id, category, CAST(value AS REAL) FROM datavalue
		WHERE period = ? AND element_id = ? AND value IS NOT NULL`
	args := []any{per, id}
	rows, err := s.db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("read values of %v: %w", args, err)
	}
	defer rows.Close()
	var out []Fact
	for rows.Next() {
		var e, a int64
		var f Fact
		// Values are canonical decimals: SQLite reads them as the nearest
		// float64, as strconv.ParseFloat does, without a Go string each.
		if err := rows.Scan(&e, &a, &f.Category, &f.Value); err != nil {
			return nil, err
		}
		f.Element, f.Area = elements.code[e], areas.code[a]
		out = append(out, f)
	}
	return out, rows.Err()
}

// Periods returns the periods that hold a value (or held one: a deleted
// value's period counts too), in order of their codes. It seeks the
// primary key once per period, so it costs next to nothing however many
// values there are.
func (s *Store) Periods(ctx context.Context) ([]string, error) {
	var out []string
	last := ""
	for {
		var p string
		err := s.db.QueryRowContext(ctx, `SELECT period FROM datavalue WHERE period > ? ORDER BY period LIMIT 1`, last).Scan(&p)
		if errors.Is(err, sql.ErrNoRows) {
			return out, nil
		}
		if err != nil {
			return nil, fmt.Errorf("read the periods of the values: %w", err)
		}
		out = append(out, p)
		last = p
	}
}

// AuditEntry is one change of a value, or one step of a report holding
// the value (Step not empty).
type AuditEntry struct {
	Old, New  string // canonical; "" when there was none / it was deleted
	Comment   string
	FollowUp  bool
	Author    string
	ChangedAt string
	Device    string
	OpID      string
	Replaces  string
	Current   bool   // the change the value shows now
	Aside     string // "" or why the change does not count: held, dismissed, revoked
	Step      Action // a report step: submit, return, approve, reopen, dismiss
	DataSet   string // the data set of the report step
}

// History returns every change of one value and every step of the
// reports holding it, oldest first (by clock).
func (s *Store) History(ctx context.Context, element, area, per, category string) ([]AuditEntry, error) {
	var current string
	err := s.db.QueryRowContext(ctx, `SELECT d.uid || ':' || v.seq FROM datavalue v JOIN device d ON d.id = v.device_id
		JOIN element e ON e.id = v.element_id JOIN area a ON a.id = v.area_id
		WHERE e.code = ? AND a.code = ? AND v.period = ? AND v.category = ?`, element, area, per, category).Scan(&current)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return nil, err
	}
	rows, err := s.db.QueryContext(ctx, `SELECT COALESCE(old_value, ''), COALESCE(new_value, ''), comment, followup, changed_by, changed_at, device, op_id,
			COALESCE(replaces, ''), hlc, '', '',
			COALESCE((SELECT x.reason FROM set_aside x JOIN device d ON d.id = x.device_id
				WHERE d.uid = audit.device AND x.seq = CAST(substr(op_id, length(device) + 2) AS INTEGER) LIMIT 1), '')
		FROM audit WHERE element = ?1 AND area = ?2 AND period = ?3 AND category = ?4
		UNION ALL
		SELECT '', '', comment, 0, changed_by, changed_at, device, op_id, '', hlc, action, dataset, CASE WHEN revoked THEN 'revoked' ELSE '' END
		FROM report_audit WHERE area = ?2 AND period = ?3 AND dataset IN (SELECT d.code FROM dataset d
			JOIN dataset_element de ON de.dataset_id = d.id JOIN element e ON e.id = de.element_id WHERE e.code = ?1)
		ORDER BY hlc, op_id`, element, area, per, category)
	if err != nil {
		return nil, fmt.Errorf("read history: %w", err)
	}
	defer rows.Close()
	var out []AuditEntry
	for rows.Next() {
		var a AuditEntry
		var hlc int64
		if err := rows.Scan(&a.Old, &a.New, &a.Comment, &a.FollowUp, &a.Author, &a.ChangedAt, &a.Device, &a.OpID, &a.Replaces,
			&hlc, &a.Step, &a.DataSet, &a.Aside); err != nil {
			return nil, err
		}
		a.Current = a.Step == "" && a.OpID == current
		out = append(out, a)
	}
	return out, rows.Err()
}

// HasValues reports whether any current value exists for the period.
func (s *Store) HasValues(ctx context.Context, per string) (bool, error) {
	var one int
	err := s.db.QueryRowContext(ctx, `SELECT 1 FROM datavalue WHERE period = ? AND value IS NOT NULL LIMIT 1`, per).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	return err == nil, err
}

// codeMap maps database ids to catalog codes and back.
type codeMap struct {
	code map[int64]string
	id   map[string]int64
}

// codes returns the codes of elements and areas by database id, read once
// and kept until the catalog changes.
func (s *Store) codes(ctx context.Context) (elements, areas *codeMap, err error) {
	s.codeMu.Lock()
	defer s.codeMu.Unlock()
	if s.elementCodes != nil {
		return s.elementCodes, s.areaCodes, nil
	}
	if elements, err = loadCodeMap(ctx, s.db, `SELECT id, code FROM element`); err != nil {
		return nil, nil, err
	}
	if areas, err = loadCodeMap(ctx, s.db, `SELECT id, code FROM area`); err != nil {
		return nil, nil, err
	}
	s.elementCodes, s.areaCodes = elements, areas
	return elements, areas, nil
}

// loadCodeMap reads (id, code) rows.
func loadCodeMap(ctx context.Context, q queryer, query string) (*codeMap, error) {
	m := &codeMap{code: map[int64]string{}, id: map[string]int64{}}
	rows, err := q.QueryContext(ctx, query)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var code string
		if err := rows.Scan(&id, &code); err != nil {
			return nil, err
		}
		m.code[id], m.id[code] = code, id
	}
	return m, rows.Err()
}

// HasAreaValues reports whether the area ("" for any area) has a current
// value of any of the elements in the period (a primary-key seek per
// element).
func (s *Store) HasAreaValues(ctx context.Context, per, area string, elements []string) (bool, error) {
	if len(elements) == 0 {
		return false, nil
	}
	args := []any{per}
	q := `SELECT 1 FROM datavalue WHERE period = ? AND value IS NOT NULL`
	if area != "" {
		q += ` AND area_id = (SELECT id FROM area WHERE code = ?)`
		args = append(args, area)
	}
	for _, e := range elements {
		args = append(args, e)
	}
	q += ` AND element_id IN (SELECT id FROM element WHERE code IN (?` + strings.Repeat(",?", len(elements)-1) + `)) LIMIT 1`
	var one int
	err := s.db.QueryRowContext(ctx, q, args...).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	return err == nil, err
}
