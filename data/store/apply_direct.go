package store

import (
	"context"
	"errors"
	"strings"

	"chiso/data/store/internal/direct"
)

// A received segment whose changes are all plain — value changes that
// replace nothing (the first value of a key, the whole of a first sync),
// none dismissed by an approver, of a form approved, or of an area and
// period with changes set aside, no step of a form's cycle — is applied
// on the direct connection: its values inserted batchSize a statement,
// without SQLite's mutex, database/sql or foreign-key checks (every id
// written was read in the transaction). Any other segment, and a plain one
// that turns out to give a key a second value (a conflict), goes through
// the applier on database/sql: the direct transaction is rolled back first,
// so a segment is applied whole by one path or the other.

// errNotPlain says a segment needs the applier on database/sql.
var errNotPlain = errors.New("segment needs the full applier")

// applyPlain applies a segment on the direct connection when it is plain;
// it returns errNotPlain, having changed nothing, when it is not.
func (s *Store) applyPlain(ctx context.Context, g Segment, manifestHash string, signer Signer, ops []Op, lastSeq int64) (ApplyResult, error) {
	var res ApplyResult
	err := s.withDirect(func(c *direct.Conn) error {
		if s.rollback {
			s.restoreWAL(c)
		}
		return inTx(ctx, c, func() (err error) {
			res, err = s.applyPlainTx(ctx, c, g, manifestHash, signer, ops, lastSeq)
			return err
		})
	})
	return res, err
}

// applyPlainTx is applyPlain inside its transaction.
func (s *Store) applyPlainTx(ctx context.Context, c *direct.Conn, g Segment, manifestHash string, signer Signer, ops []Op, lastSeq int64) (ApplyResult, error) {
	var res ApplyResult
	// The catalog, the approved forms and the changes set aside are read
	// on the database/sql connection: this transaction holds the write
	// lock, so they are as it sees them.
	refs, err := s.loadRefs(ctx, s.db)
	if err != nil {
		return res, err
	}
	a := &applier{refs: refs, devices: map[string]int64{}, uids: map[int64]string{}, seen: map[int64]int64{}, self: s.deviceID}
	err = eachRow(c, `SELECT d.id, d.uid, COALESCE(w.seen, 0) FROM device d LEFT JOIN sync_writer w ON w.device_id = d.id`, func(st *direct.Stmt) error {
		id, uid := st.Int64(0), st.Text(1)
		a.devices[uid], a.uids[id], a.seen[id] = id, uid, st.Int64(2)
		return nil
	})
	if err != nil {
		return res, err
	}
	clk, err := readClockOn(c)
	if err != nil {
		return res, err
	}
	a.selfSeq = clk.seq
	writer, ok := a.devices[g.Writer]
	if !ok {
		if _, err := queryOne(c, `INSERT INTO device(uid) VALUES (?) RETURNING id`, func(st *direct.Stmt) { writer = st.Int64(0) }, g.Writer); err != nil {
			return res, err
		}
		a.devices[g.Writer], a.uids[writer] = writer, g.Writer
	}
	seen := a.seen[writer]
	if err := a.ready(ctx, ops, seen); err != nil {
		return res, err
	}
	plain, err := s.plain(ctx, refs, ops, seen)
	if err != nil {
		return res, err
	}
	if !plain {
		return res, errNotPlain
	}
	p := plainWriter{c: c, sub: s.newSubtotals(directSub{c}, refs.integerElements())}
	seen, maxHLC, err := applyNew(ops, seen, &res, func(op *Op) error { return p.add(writer, refs, op) })
	if err != nil {
		return ApplyResult{}, err
	}
	if err := p.flush(); err != nil {
		return ApplyResult{}, err
	}
	if takeClock(&clk, maxHLC, &res) {
		if err := saveClockOn(c, clk); err != nil {
			return ApplyResult{}, err
		}
	}
	if err := putSegment(c.Exec, writer, g, manifestHash, max(seen, lastSeq), maxHLC, signer); err != nil {
		return ApplyResult{}, err
	}
	if err := p.sub.flush(); err != nil {
		return ApplyResult{}, err
	}
	return res, nil
}

// plain reports whether the changes above seen are all plain (see the
// top of this file).
func (s *Store) plain(ctx context.Context, refs *refs, ops []Op, seen int64) (bool, error) {
	var locks *lockCache
	var dismissed map[OpID]bool
	var asideAt map[areaPeriod]bool
	for i := range ops {
		op := &ops[i]
		if op.ID.Seq <= seen {
			continue
		}
		if op.Kind != "" || len(op.Bases) > 0 {
			return false, nil
		}
		if locks == nil {
			var err error
			if locks, err = newLockCache(ctx, s.db); err != nil {
				return false, err
			}
			if dismissed, asideAt, err = loadAside(ctx, s.db); err != nil {
				return false, err
			}
		}
		er, area := refs.elements[op.Element], refs.areas[op.Area]
		if dismissed[op.ID] || asideAt[areaPeriod{area, op.Period}] {
			return false, nil
		}
		if as, err := locks.locking(ctx, s.db, er.id, area, op.Period); err != nil || len(as) > 0 {
			return false, err
		}
	}
	return true, nil
}

// plainWriter inserts the values of plain changes batchSize a statement.
type plainWriter struct {
	c     *direct.Conn
	sub   *subtotalChanges
	batch []plainRow
	cs    changesetKey
	csID  int64
}

type plainRow struct {
	op                        *Op
	element, area, cs, device int64
}

// add checks op against the catalog and queues its value.
func (p *plainWriter) add(writer int64, refs *refs, op *Op) error {
	er := refs.elements[op.Element]
	if err := checkCategory(&er.e, op.Category); err != nil {
		return err
	}
	if err := CheckValue(&er.e, op.Value); err != nil {
		return err
	}
	if k := (changesetKey{writer, op.Author, op.At, op.Source}); k != p.cs || p.csID == 0 {
		if _, err := queryOne(p.c, `INSERT INTO changeset(device_id, author, at, source) VALUES (?,?,?,?) RETURNING id`,
			func(st *direct.Stmt) { p.csID = st.Int64(0) }, writer, op.Author, op.At, op.Source); err != nil {
			return err
		}
		p.cs = k
	}
	p.batch = append(p.batch, plainRow{op, er.id, refs.areas[op.Area], p.csID, writer})
	if len(p.batch) == batchSize {
		return p.flush()
	}
	return nil
}

// plainColumns is the number of values of a row of plainInsert.
const plainColumns = 12

// plainInsert is the statement inserting n new values; a key that has a
// value already is skipped (and the segment applied the other way).
func plainInsert(n int) string {
	row := "(" + strings.Repeat("?,", plainColumns-1) + "?)"
	return `INSERT INTO datavalue(period, element_id, area_id, category, value, comment, followup, status, changeset_id, device_id, seq, hlc) VALUES ` +
		strings.Repeat(row+",", n-1) + row + ` ON CONFLICT DO NOTHING`
}

// plainBatch is plainInsert of a whole batch.
var plainBatch = plainInsert(batchSize)

// flush inserts the values queued; errNotPlain when a key had one.
func (p *plainWriter) flush() error {
	n := len(p.batch)
	if n == 0 {
		return nil
	}
	q := plainBatch
	if n < batchSize {
		q = plainInsert(n)
	}
	st, err := p.c.Cached(q)
	if err != nil {
		return err
	}
	for i, r := range p.batch {
		k := i * plainColumns
		st.BindText(k+1, r.op.Period)
		st.BindInt64(k+2, r.element)
		st.BindInt64(k+3, r.area)
		st.BindText(k+4, r.op.Category)
		if r.op.Value == "" {
			st.BindNull(k + 5)
		} else {
			st.BindText(k+5, r.op.Value)
		}
		st.BindText(k+6, r.op.Comment)
		st.BindBool(k+7, r.op.FollowUp)
		st.BindText(k+8, string(r.op.Status))
		st.BindInt64(k+9, r.cs)
		st.BindInt64(k+10, r.device)
		st.BindInt64(k+11, r.op.ID.Seq)
		st.BindInt64(k+12, r.op.HLC)
	}
	_, err = st.Step()
	if rerr := st.Reset(); err == nil {
		err = rerr
	}
	if err != nil {
		return err
	}
	if p.c.Changes() != int64(n) {
		return errNotPlain
	}
	for _, r := range p.batch {
		if err := p.sub.added(r.op.Period, r.element, r.area, r.op.Category, r.op.Value, r.op.Status == Estimate); err != nil {
			return err
		}
	}
	p.batch = p.batch[:0]
	return nil
}
