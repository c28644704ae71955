package store

import (
	"context"
	"fmt"
	"iter"
	"strings"

	"chiso/data/catalog"
	"chiso/data/msg"
	"chiso/data/period"
	"chiso/data/store/internal/direct"
)

// Save writes changes as one transaction: all of them or, on any error,
// none.
func (s *Store) Save(ctx context.Context, changes ...Change) (Result, error) {
	return s.write(ctx, "", false, false, func(yield func(Change, error) bool) {
		for _, c := range changes {
			if !yield(c, nil) {
				return
			}
		}
	})
}

// Import writes a stream of changes as one transaction, all-or-nothing,
// recorded as one changeset named after source (a file name, or "" for a
// typed value). An error from the stream aborts the import. The stream is
// read on another goroutine while the values are written (Import returns
// only after it has stopped).
func (s *Store) Import(ctx context.Context, source string, changes iter.Seq2[Change, error]) (Result, error) {
	return s.write(ctx, source, false, true, changes)
}

// write is Import; with force, a change equal to the stored value is
// written all the same (a resolution must be a new change); with
// pipelined, the changes are read and checked on another goroutine.
//
// The first import into a database that holds no value yet writes its
// pages once, through a rollback journal (see rollbackJournal).
func (s *Store) write(ctx context.Context, source string, force, pipelined bool, changes iter.Seq2[Change, error]) (Result, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var res Result
	err := s.withDirect(func(c *direct.Conn) error {
		if s.rollback {
			s.restoreWAL(c)
		}
		if pipelined {
			empty, err := isEmpty(c)
			if err != nil {
				return err
			}
			if empty && s.rollbackJournal(c) {
				defer s.restoreWAL(c)
			}
		}
		return inTx(ctx, c, func() (err error) {
			res, err = s.writeTx(ctx, c, source, force, pipelined, changes)
			return err
		})
	})
	if err != nil {
		return Result{}, err
	}
	return res, nil
}

// writeTx is write inside its transaction.
func (s *Store) writeTx(ctx context.Context, c *direct.Conn, source string, force, pipelined bool, changes iter.Seq2[Change, error]) (Result, error) {
	var res Result
	// The catalog and the approved forms are read on the database/sql
	// connection: this transaction holds the write lock, so they are as it
	// sees them.
	refs, err := s.loadRefs(ctx, s.db)
	if err != nil {
		return res, err
	}
	locks, err := newLockCache(ctx, s.db)
	if err != nil {
		return res, err
	}
	dates := newAreaCheck(c)
	var changeset int64
	if _, err := queryOne(c, `INSERT INTO changeset(device_id, author, at, source) VALUES (?,?,?,?) RETURNING id`,
		func(st *direct.Stmt) { changeset = st.Int64(0) }, s.deviceID, s.author, now(), source); err != nil {
		return res, err
	}
	w, err := newWriter(ctx, c, s.deviceID, changeset)
	if err != nil {
		return res, err
	}
	defer w.close()
	w.force = force
	w.sub = s.newSubtotals(directSub{c}, refs.integerElements())
	if w.clk, err = readClockOn(c); err != nil {
		return res, err
	}
	err = feed(changes, refs, pipelined, func(rows []row) error {
		for _, r := range rows {
			res.Rows++
			// Every way a value is written on this computer (entry, import,
			// resolution of a conflict) passes here: approved figures are
			// refused until the approver reopens the form, and a value of an
			// area in a period it does not exist in, which would count nowhere.
			if as, err := locks.locking(ctx, s.db, r.element, r.area, r.Period); err != nil {
				return err
			} else if len(as) > 0 {
				return lockedError(ctx, s.db, as[0], r.element)
			}
			if err := dates.check(r.Change); err != nil {
				return err
			}
			if err := w.add(r, &res); err != nil {
				return fmt.Errorf("write %s %s %s: %w", r.Element, r.Area, r.Period, err)
			}
		}
		return nil
	})
	if err != nil {
		return res, err
	}
	if err := w.flush(&res); err != nil {
		return res, err
	}
	if err := w.sub.flush(); err != nil {
		return res, err
	}
	if err := saveClockOn(c, w.clk); err != nil {
		return res, err
	}
	return res, c.Exec(`UPDATE changeset SET rows = ?, changed = ? WHERE id = ?`, res.Rows, res.New+res.Changed, changeset)
}

// resolve checks a change against the catalog and gives its row.
func (r *refs) resolve(c Change) (row, error) {
	er, ok := r.elements[c.Element]
	if !ok {
		return row{}, msg.New("không có chỉ tiêu mã "+c.Element, "unknown element code "+c.Element)
	}
	area, ok := r.areas[c.Area]
	if !ok {
		return row{}, msg.New("không có địa bàn mã "+c.Area, "unknown area code "+c.Area)
	}
	if !c.Status.Valid() {
		return row{}, msg.New(fmt.Sprintf("trạng thái %q không hợp lệ (chính thức hoặc ước tính)", c.Status),
			fmt.Sprintf("status %q is not valid (official or estimate)", c.Status))
	}
	if !r.periods[c.Period] {
		if _, err := period.Parse(c.Period); err != nil {
			return row{}, msg.New(fmt.Sprintf("kỳ %q không hợp lệ (ví dụ 2024, 2024Q1, 202401)", c.Period), err.Error())
		}
		r.periods[c.Period] = true
	}
	if err := checkCategory(&er.e, c.Category); err != nil {
		return row{}, err
	}
	if err := CheckValue(&er.e, c.Value); err != nil {
		return row{}, msg.Wrap(err, "giá trị "+c.Value+" của "+c.Element, "value "+c.Value+" of "+c.Element)
	}
	return row{er.id, area, c}, nil
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

func (r *row) key() key { return key{r.Period, r.element, r.area, r.Category} }

// key is the primary key of a value.
type key struct {
	period        string
	element, area int64
	category      string
}

// before reports whether k comes before o in the order of the primary key.
func (k key) before(o key) bool {
	if k.period != o.period {
		return k.period < o.period
	}
	if k.element != o.element {
		return k.element < o.element
	}
	if k.area != o.area {
		return k.area < o.area
	}
	return k.category < o.category
}

// lastKey is the greatest key stored, followed through a transaction: a
// key after it has no value yet, so a batch of keys that ascend after it
// can be inserted with no check (an import of a new year, the first
// import, a file in key order).
type lastKey struct {
	k  key
	ok bool // a key is stored
}

func readLastKey(c *direct.Conn) (lastKey, error) {
	var l lastKey
	var err error
	l.ok, err = queryOne(c, `SELECT period, element_id, area_id, category FROM datavalue
		ORDER BY period DESC, element_id DESC, area_id DESC, category DESC LIMIT 1`, func(st *direct.Stmt) {
		l.k = key{st.Text(0), st.Int64(1), st.Int64(2), st.Text(3)}
	})
	return l, err
}

// after reports whether n keys, key(0) … key(n-1), ascend and all come
// after every key stored.
func (l *lastKey) after(n int, key func(int) key) bool {
	prev, ok := l.k, l.ok
	for i := range n {
		k := key(i)
		if ok && !prev.before(k) {
			return false
		}
		prev, ok = k, true
	}
	return true
}

// stores notes that k now has a value.
func (l *lastKey) stores(k key) {
	if !l.ok || l.k.before(k) {
		l.k, l.ok = k, true
	}
}

// feedSize is the number of rows handed over at a time by feed.
const feedSize = 1024

// feed resolves the changes against refs and passes them to write in
// order, a slice at a time, until the changes end or either fails. With
// pipelined, the changes are read and resolved on another goroutine while
// write runs (reading a CSV and checking its values takes a third of an
// import); feed returns once that goroutine has stopped.
func feed(changes iter.Seq2[Change, error], refs *refs, pipelined bool, write func([]row) error) error {
	// produce reads the changes and hands them over with send, which
	// returns the slice to fill next and whether to go on; the last call
	// carries the error, if any.
	produce := func(send func([]row, error) ([]row, bool)) {
		buf := make([]row, 0, feedSize)
		for c, err := range changes {
			var r row
			if err == nil {
				r, err = refs.resolve(c)
			}
			if err != nil {
				send(buf, err)
				return
			}
			buf = append(buf, r)
			if len(buf) == feedSize {
				var more bool
				if buf, more = send(buf, nil); !more {
					return
				}
			}
		}
		send(buf, nil)
	}
	if !pipelined {
		var err error
		produce(func(rows []row, e error) ([]row, bool) {
			if err = write(rows); err == nil {
				err = e
			}
			return rows[:0], err == nil
		})
		return err
	}

	type batch struct {
		rows []row
		err  error
	}
	batches := make(chan batch, 2)
	free := make(chan []row, 3) // slices written, to fill again
	done := make(chan struct{})
	var panicked any
	go func() {
		defer close(batches)
		defer func() { panicked = recover() }()
		produce(func(rows []row, err error) ([]row, bool) {
			select {
			case batches <- batch{rows, err}:
			case <-done:
				return nil, false
			}
			select {
			case buf := <-free:
				return buf, true
			default:
				return make([]row, 0, feedSize), true
			}
		})
	}()
	defer func() {
		close(done)
		for range batches {
		}
		if panicked != nil {
			panic(panicked)
		}
	}()
	for b := range batches {
		if len(b.rows) > 0 {
			if err := write(b.rows); err != nil {
				return err
			}
		}
		if b.err != nil {
			return b.err
		}
		select {
		case free <- b.rows[:0]:
		default:
		}
	}
	return nil
}

// batchSize is the number of rows a bulk insert writes in one statement.
const batchSize = 64

// writer writes the rows of one import. Rows come in batches of
// batchSize, each written by one multi-row INSERT:
//   - when the batch's keys ascend and all come after every key stored
//     (an import of a new year, the first import, a file exported in key
//     order), the keys are new: the insert needs no check;
//   - otherwise the insert skips keys that have a value, inside a
//     savepoint, and if it skipped any it is undone and the batch written
//     row by row (compare, archive, update), so that sequence numbers are
//     only used by real changes, without gaps.
type writer struct {
	ctx       context.Context
	c         *direct.Conn
	device    int64
	changeset int64
	clk       clock
	force     bool
	batch     []row
	last      lastKey
	sub       *subtotalChanges

	fresh, bulk *direct.Stmt
}

const insertColumns = `INSERT INTO datavalue(period, element_id, area_id, category, value, comment, followup, changeset_id, device_id, seq, hlc, status) VALUES `

// insertRow is the placeholder of one row; the changeset and the device,
// the same for every row of an import, are written into the statement.
func insertRow(changeset, device int64) string {
	return fmt.Sprintf("(?,?,?,?,?,?,?,%d,%d,?,?,?)", changeset, device)
}

// rowParams is the number of parameters of insertRow.
const rowParams = 10

func newWriter(ctx context.Context, c *direct.Conn, device, changeset int64) (*writer, error) {
	w := &writer{ctx: ctx, c: c, device: device, changeset: changeset, batch: make([]row, 0, batchSize)}
	var err error
	if w.last, err = readLastKey(c); err != nil {
		return nil, err
	}
	one := insertRow(changeset, device)
	values := strings.Repeat(one+",", batchSize-1) + one
	// Nothing but a key conflict can make a row fail (foreign keys are not
	// checked on this connection): OR IGNORE spares the statement journal
	// an ABORT would need. flush checks that no row was skipped.
	if w.fresh, err = c.Prepare(`INSERT OR IGNORE INTO datavalue(period, element_id, area_id, category, value, comment, followup, changeset_id, device_id, seq, hlc, status) VALUES ` + values); err != nil {
		return nil, err
	}
	if w.bulk, err = c.Prepare(insertColumns + values + ` ON CONFLICT DO NOTHING`); err != nil {
		w.close()
		return nil, err
	}
	return w, nil
}

func (w *writer) close() {
	for _, st := range []*direct.Stmt{w.fresh, w.bulk} {
		if st != nil {
			st.Close()
		}
	}
}

func (w *writer) add(r row, res *Result) error {
	w.batch = append(w.batch, r)
	if len(w.batch) < batchSize {
		return nil
	}
	return w.flush(res)
}

// flush writes the batch.
func (w *writer) flush(res *Result) error {
	if err := w.ctx.Err(); err != nil {
		return err
	}
	batch := w.batch
	w.batch = w.batch[:0]
	if len(batch) == batchSize {
		if w.last.after(len(batch), func(i int) key { return batch[i].key() }) {
			if err := w.insertBatch(w.fresh, batch); err != nil {
				return err
			}
			if n := w.c.Changes(); n != batchSize {
				return fmt.Errorf("%d of %d new values written", n, batchSize)
			}
			w.last.stores(batch[batchSize-1].key())
			res.New += batchSize
			return w.added(batch)
		}
		ok, err := w.bulkInsert(batch)
		if err != nil || ok {
			res.New += batchSize
			if err == nil {
				err = w.added(batch)
			}
			return err
		}
	}
	for i := range batch {
		n, err := w.write(&batch[i])
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

// added notes the rows of a batch written as new keys in the subtotals.
func (w *writer) added(batch []row) error {
	for i := range batch {
		r := &batch[i]
		if err := w.sub.added(r.Period, r.element, r.area, r.Category, r.Value, r.Status == Estimate); err != nil {
			return err
		}
	}
	return nil
}

// insertBatch runs a multi-row insert of batch, giving each row the next
// sequence number and clock reading.
func (w *writer) insertBatch(st *direct.Stmt, batch []row) error {
	wall := hlcNow()
	for i := range batch {
		r := &batch[i]
		k := i * rowParams
		st.BindText(k+1, r.Period)
		st.BindInt64(k+2, r.element)
		st.BindInt64(k+3, r.area)
		st.BindText(k+4, r.Category)
		if r.Value == "" {
			st.BindNull(k + 5)
		} else {
			st.BindText(k+5, r.Value)
		}
		st.BindText(k+6, r.Comment)
		st.BindBool(k+7, r.FollowUp)
		seq, hlc := w.clk.nextAt(wall)
		st.BindInt64(k+8, seq)
		st.BindInt64(k+9, hlc)
		st.BindText(k+10, string(r.Status))
	}
	_, err := st.Step()
	if rerr := st.Reset(); err == nil {
		err = rerr
	}
	return err
}

// bulkInsert inserts the batch inside a savepoint and reports whether
// every row was new; if not, it undoes the insert and the sequence numbers
// it took.
func (w *writer) bulkInsert(batch []row) (bool, error) {
	if err := w.c.ExecScript("SAVEPOINT batch"); err != nil {
		return false, err
	}
	saved := w.clk
	if err := w.insertBatch(w.bulk, batch); err != nil {
		return false, err
	}
	ok := w.c.Changes() == batchSize
	if ok {
		for i := range batch {
			w.last.stores(batch[i].key())
		}
	} else {
		w.clk = saved
		if err := w.c.ExecScript("ROLLBACK TO batch"); err != nil {
			return false, err
		}
	}
	return ok, w.c.ExecScript("RELEASE batch")
}

type outcome int

const (
	unchanged outcome = iota
	written
	replaced
)

const keyIs = `period=? AND element_id=? AND area_id=? AND category=?`

func (w *writer) write(r *row) (outcome, error) {
	saved := w.clk
	seq, hlc := w.clk.next()
	if err := w.c.Exec(insertColumns+insertRow(w.changeset, w.device)+` ON CONFLICT DO NOTHING`,
		r.Period, r.element, r.area, r.Category, nullable(r.Value), r.Comment, r.FollowUp, seq, hlc, string(r.Status)); err != nil {
		return 0, err
	}
	if w.c.Changes() == 1 {
		w.last.stores(r.key())
		return written, w.sub.added(r.Period, r.element, r.area, r.Category, r.Value, r.Status == Estimate)
	}
	w.clk = saved
	var old string
	var had, followup bool
	var comment string
	var status Status
	var shown opRef
	if _, err := queryOne(w.c, `SELECT value, comment, followup, device_id, seq, status FROM datavalue WHERE `+keyIs, func(st *direct.Stmt) {
		had, old, comment, followup = !st.IsNull(0), st.Text(0), st.Text(1), st.Bool(2)
		shown = opRef{st.Int64(3), st.Int64(4)}
		status = Status(st.Text(5))
	}, r.Period, r.element, r.area, r.Category); err != nil {
		return 0, err
	}
	if !w.force && had == (r.Value != "") && old == r.Value && comment == r.Comment && followup == r.FollowUp && status == r.Status {
		return unchanged, nil
	}
	seq, hlc = w.clk.next()
	if err := w.c.Exec(`INSERT INTO value_history SELECT * FROM datavalue WHERE `+keyIs, r.Period, r.element, r.area, r.Category); err != nil {
		return 0, err
	}
	if err := w.c.Exec(`UPDATE datavalue SET value=?, comment=?, followup=?, status=?, changeset_id=?, device_id=?, seq=?, hlc=?, rep_device=?, rep_seq=? WHERE `+keyIs,
		nullable(r.Value), r.Comment, r.FollowUp, string(r.Status), w.changeset, w.device, seq, hlc, shown.device, shown.seq,
		r.Period, r.element, r.area, r.Category); err != nil {
		return 0, err
	}
	if err := w.sub.changed(r.Period, r.element, r.area); err != nil {
		return 0, err
	}
	return replaced, w.replaceHeads(r, seq, shown)
}

func nullable(v string) any {
	if v == "" {
		return nil
	}
	return v
}

// opRef is a change by its database device id and sequence number.
type opRef struct{ device, seq int64 }

// replaceHeads makes the change seq of this device replace every head of a
// key in conflict (the value shown, named as the replaced change, and the
// others, named in op_base), which ends the conflict.
func (w *writer) replaceHeads(r *row, seq int64, shown opRef) error {
	var others []opRef
	err := eachRow(w.c, `SELECT device_id, seq FROM conflict_head WHERE `+keyIs, func(st *direct.Stmt) error {
		if h := (opRef{st.Int64(0), st.Int64(1)}); h != shown {
			others = append(others, h)
		}
		return nil
	}, r.Period, r.element, r.area, r.Category)
	if err != nil || len(others) == 0 {
		return err
	}
	for _, h := range others {
		if err := w.c.Exec(`INSERT OR IGNORE INTO op_base(device_id, seq, base_device, base_seq) VALUES (?,?,?,?)`,
			w.device, seq, h.device, h.seq); err != nil {
			return err
		}
	}
	return w.c.Exec(`DELETE FROM conflict_head WHERE `+keyIs, r.Period, r.element, r.area, r.Category)
}
