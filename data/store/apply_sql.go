package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
)

// applier applies received changes inside one database/sql transaction:
// every segment the direct connection does not take (apply_direct.go).
type applier struct {
	tx      *sql.Tx
	refs    *refs
	devices map[string]int64
	uids    map[int64]string
	seen    map[int64]int64 // writer → last change applied, for readiness
	self    int64
	selfSeq int64
	cs      changesetKey
	csID    int64

	conflicts int   // changes that made or kept a conflict
	firsts    []*Op // changes replacing nothing, waiting to be inserted together
	args      []any

	cyc       *cycleTx
	locks     *lockCache
	dismissed map[OpID]bool       // changes dismissed by an approver
	asideAt   map[areaPeriod]bool // areas and periods with changes set aside

	bulk *sql.Stmt

	current, heads, insert, history, archive, update, promote, unhistory, dropHeads, addHead, addBase *sql.Stmt
}

type changesetKey struct {
	device             int64
	author, at, source string
}

func (s *Store) newApplier(ctx context.Context, tx *sql.Tx) (*applier, error) {
	r, err := s.loadRefs(ctx, tx)
	if err != nil {
		return nil, err
	}
	a := &applier{tx: tx, refs: r, devices: map[string]int64{}, uids: map[int64]string{}, seen: map[int64]int64{}, self: s.deviceID}
	rows, err := tx.QueryContext(ctx, `SELECT d.id, d.uid, COALESCE(w.seen, 0) FROM device d LEFT JOIN sync_writer w ON w.device_id = d.id`)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var id, seen int64
		var uid string
		if err := rows.Scan(&id, &uid, &seen); err != nil {
			rows.Close()
			return nil, err
		}
		a.devices[uid], a.uids[id], a.seen[id] = id, uid, seen
	}
	rows.Close()
	clk, err := s.readClock(tx)
	if err != nil {
		return nil, err
	}
	a.selfSeq = clk.seq
	a.cyc = s.newCycleTx(ctx, tx, r.integerElements())
	for id, uid := range a.uids {
		a.cyc.uids[id] = uid
	}
	if a.locks, err = newLockCache(ctx, tx); err != nil {
		return nil, err
	}
	if a.dismissed, a.asideAt, err = loadAside(ctx, tx); err != nil {
		return nil, err
	}
	const key = `period=? AND element_id=? AND area_id=? AND category=?`
	prep := func(q string) *sql.Stmt {
		if err != nil {
			return nil
		}
		var st *sql.Stmt
		st, err = tx.PrepareContext(ctx, q)
		return st
	}
	a.current = prep(`SELECT device_id, seq, hlc FROM datavalue WHERE ` + key)
	a.heads = prep(`SELECT device_id, seq, hlc FROM conflict_head WHERE ` + key)
	a.insert = prep(`INSERT INTO datavalue(period, element_id, area_id, category, value, comment, followup, status, changeset_id, device_id, seq, hlc, rep_device, rep_seq)
		VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)`)
	row := "(?,?,?,?,?,?,?,?,?,?,?,?,NULL,NULL)"
	a.bulk = prep(`INSERT INTO datavalue(period, element_id, area_id, category, value, comment, followup, status, changeset_id, device_id, seq, hlc, rep_device, rep_seq)
		VALUES ` + strings.Repeat(row+",", batchSize-1) + row + ` ON CONFLICT DO NOTHING`)
	a.history = prep(`INSERT INTO value_history(period, element_id, area_id, category, value, comment, followup, status, changeset_id, device_id, seq, hlc, rep_device, rep_seq)
		VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)`)
	a.archive = prep(`INSERT INTO value_history SELECT * FROM datavalue WHERE ` + key)
	a.update = prep(`UPDATE datavalue SET value=?, comment=?, followup=?, status=?, changeset_id=?, device_id=?, seq=?, hlc=?, rep_device=?, rep_seq=? WHERE ` + key)
	a.promote = prep(`UPDATE datavalue SET (value, comment, followup, status, changeset_id, device_id, seq, hlc, rep_device, rep_seq) =
		(SELECT value, comment, followup, status, changeset_id, device_id, seq, hlc, rep_device, rep_seq FROM value_history
		 WHERE ` + key + ` AND device_id=? AND seq=?) WHERE ` + key)
	a.unhistory = prep(`DELETE FROM value_history WHERE ` + key + ` AND device_id=? AND seq=?`)
	a.dropHeads = prep(`DELETE FROM conflict_head WHERE ` + key)
	a.addHead = prep(`INSERT INTO conflict_head(period, element_id, area_id, category, device_id, seq, hlc) VALUES (?,?,?,?,?,?,?)`)
	a.addBase = prep(`INSERT OR IGNORE INTO op_base(device_id, seq, base_device, base_seq) VALUES (?,?,?,?)`)
	if err != nil {
		a.close()
		return nil, err
	}
	return a, nil
}

func (a *applier) close() {
	for _, st := range []*sql.Stmt{a.bulk, a.current, a.heads, a.insert, a.history, a.archive, a.update, a.promote, a.unhistory, a.dropHeads, a.addHead, a.addBase} {
		if st != nil {
			st.Close()
		}
	}
}

// device returns the database id of a writer, adding it if new.
func (a *applier) device(uid string) (int64, error) {
	if id, ok := a.devices[uid]; ok {
		return id, nil
	}
	id, err := deviceIDTx(context.Background(), a.tx, uid)
	if err != nil {
		return 0, err
	}
	a.devices[uid], a.uids[id] = id, uid
	return id, nil
}

// ready checks that every element, area and replaced change the ops name
// is known here (or comes earlier in the same segment).
func (a *applier) ready(ctx context.Context, ops []Op, seen int64) error {
	for _, op := range ops {
		if op.ID.Seq <= seen {
			continue
		}
		if op.Kind != "" {
			if _, ok := a.refs.datasets[op.DataSet]; !ok {
				return &NotReadyError{"data set " + op.DataSet}
			}
		} else if _, ok := a.refs.elements[op.Element]; !ok {
			return &NotReadyError{"element " + op.Element}
		}
		if _, ok := a.refs.areas[op.Area]; !ok {
			return &NotReadyError{"area " + op.Area}
		}
		for _, b := range op.Bases {
			if b.Writer == op.ID.Writer && b.Seq < op.ID.Seq {
				continue
			}
			id, ok := a.devices[b.Writer]
			switch {
			case ok && id == a.self && b.Seq <= a.selfSeq:
			case ok && b.Seq <= a.seen[id]:
			default:
				return &NotReadyError{"change " + b.String()}
			}
		}
	}
	return nil
}

// add applies one change. Changes that replace nothing (the first value
// of a key, the bulk of a first sync) are collected and inserted
// batchSize at a time when none of their keys has a value yet.
func (a *applier) add(ctx context.Context, writer int64, op *Op) error {
	if op.Kind != "" {
		if err := a.flush(ctx, writer); err != nil {
			return err
		}
		return a.addStep(ctx, writer, op)
	}
	special, err := a.special(ctx, writer, op)
	if err != nil {
		return err
	}
	if len(op.Bases) > 0 || special {
		if err := a.flush(ctx, writer); err != nil {
			return err
		}
		conflict, err := a.apply(ctx, writer, op)
		if conflict {
			a.conflicts++
		}
		return err
	}
	er := a.refs.elements[op.Element]
	if err := checkCategory(&er.e, op.Category); err != nil {
		return err
	}
	if err := CheckValue(&er.e, op.Value); err != nil {
		return err
	}
	cs, err := a.changeset(ctx, writer, op)
	if err != nil {
		return err
	}
	a.firsts = append(a.firsts, op)
	a.args = append(a.args, op.Period, er.id, a.refs.areas[op.Area], op.Category, nullable(op.Value), op.Comment, op.FollowUp, string(op.Status),
		cs, writer, op.ID.Seq, op.HLC)
	if len(a.firsts) == batchSize {
		return a.flush(ctx, writer)
	}
	return nil
}

// flush writes the collected first values: in one statement inside a
// savepoint when all their keys are new, otherwise one by one.
func (a *applier) flush(ctx context.Context, writer int64) error {
	ops, args := a.firsts, a.args
	a.firsts, a.args = a.firsts[:0], a.args[:0]
	if len(ops) == batchSize {
		if _, err := a.tx.ExecContext(ctx, "SAVEPOINT firsts"); err != nil {
			return err
		}
		r, err := a.bulk.ExecContext(ctx, args...)
		if err != nil {
			return err
		}
		n, _ := r.RowsAffected()
		if n != batchSize {
			if _, err := a.tx.ExecContext(ctx, "ROLLBACK TO firsts"); err != nil {
				return err
			}
		}
		if _, err := a.tx.ExecContext(ctx, "RELEASE firsts"); err != nil {
			return err
		}
		if n == batchSize {
			for _, op := range ops {
				if err := a.cyc.sub.added(op.Period, a.refs.elements[op.Element].id, a.refs.areas[op.Area], op.Category, op.Value, op.Status == Estimate); err != nil {
					return err
				}
			}
			return nil
		}
	}
	for _, op := range ops {
		conflict, err := a.apply(ctx, writer, op)
		if err != nil {
			return fmt.Errorf("apply %s: %w", op.ID, err)
		}
		if conflict {
			a.conflicts++
		}
	}
	return nil
}

// head is one of the changes a key currently shows as its latest.
type head struct {
	opRef
	hlc int64
}

// apply applies one change and reports whether the key is now in
// conflict. The change replaces the heads it names; if other heads remain,
// the key is in conflict and the datavalue row shows the head with the
// highest clock (then the highest writer id): every database that holds
// the same changes shows the same value.
func (a *applier) apply(ctx context.Context, writer int64, op *Op) (bool, error) {
	er := a.refs.elements[op.Element]
	area := a.refs.areas[op.Area]
	if err := checkCategory(&er.e, op.Category); err != nil {
		return false, err
	}
	if err := CheckValue(&er.e, op.Value); err != nil {
		return false, err
	}
	cs, err := a.changeset(ctx, writer, op)
	if err != nil {
		return false, err
	}
	bases := make([]opRef, 0, len(op.Bases))
	for _, b := range op.Bases {
		id, err := a.device(b.Writer)
		if err != nil {
			return false, err
		}
		bases = append(bases, opRef{id, b.Seq})
	}
	var repDev, repSeq any
	if len(bases) > 0 {
		repDev, repSeq = bases[0].device, bases[0].seq
		for _, b := range bases[1:] {
			if _, err := a.addBase.ExecContext(ctx, writer, op.ID.Seq, b.device, b.seq); err != nil {
				return false, err
			}
		}
	}
	key := []any{op.Period, er.id, area, op.Category}
	values := append(append([]any{}, key...), nullable(op.Value), op.Comment, op.FollowUp, string(op.Status), cs, writer, op.ID.Seq, op.HLC, repDev, repSeq)
	if aside, err := a.setAside(ctx, writer, op, keyRef{op.Period, er.id, area, op.Category}, values); aside || err != nil {
		return false, err
	}
	if err := a.cyc.sub.changed(op.Period, er.id, area); err != nil {
		return false, err
	}
	if a.asideAt[areaPeriod{area, op.Period}] {
		// Some changes of this area and period do not count: the value is
		// rebuilt from those that do.
		if _, err := a.history.ExecContext(ctx, values...); err != nil {
			return false, err
		}
		return a.cyc.recomputeKey(keyRef{op.Period, er.id, area, op.Category})
	}
	var cur head
	err = a.current.QueryRowContext(ctx, key...).Scan(&cur.device, &cur.seq, &cur.hlc)
	if errors.Is(err, sql.ErrNoRows) {
		_, err = a.insert.ExecContext(ctx, values...)
		return false, err
	}
	if err != nil {
		return false, err
	}
	heads, err := a.keyHeads(ctx, key, cur)
	if err != nil {
		return false, err
	}
	next := []head{{opRef{writer, op.ID.Seq}, op.HLC}}
	for _, h := range heads {
		replaced := false
		for _, b := range bases {
			replaced = replaced || b == h.opRef
		}
		if !replaced {
			next = append(next, h)
		}
	}
	set := append([]any{nullable(op.Value), op.Comment, op.FollowUp, string(op.Status), cs, writer, op.ID.Seq, op.HLC, repDev, repSeq}, key...)
	if len(next) == 1 {
		if _, err := a.archive.ExecContext(ctx, key...); err != nil {
			return false, err
		}
		if _, err := a.update.ExecContext(ctx, set...); err != nil {
			return false, err
		}
		if len(heads) > 1 {
			_, err = a.dropHeads.ExecContext(ctx, key...)
		}
		return false, err
	}
	win := next[0]
	for _, h := range next[1:] {
		if h.hlc > win.hlc || h.hlc == win.hlc && a.uids[h.device] > a.uids[win.device] {
			win = h
		}
	}
	if _, err := a.history.ExecContext(ctx, values...); err != nil {
		return false, err
	}
	if win.opRef != cur.opRef {
		if _, err := a.archive.ExecContext(ctx, key...); err != nil {
			return false, err
		}
		if _, err := a.promote.ExecContext(ctx, append(append(append([]any{}, key...), win.device, win.seq), key...)...); err != nil {
			return false, err
		}
		if _, err := a.unhistory.ExecContext(ctx, append(append([]any{}, key...), win.device, win.seq)...); err != nil {
			return false, err
		}
	}
	if _, err := a.dropHeads.ExecContext(ctx, key...); err != nil {
		return false, err
	}
	for _, h := range next {
		if _, err := a.addHead.ExecContext(ctx, append(append([]any{}, key...), h.device, h.seq, h.hlc)...); err != nil {
			return false, err
		}
	}
	return true, nil
}

// keyHeads returns the heads of a key: its conflict heads, or the change
// it shows.
func (a *applier) keyHeads(ctx context.Context, key []any, cur head) ([]head, error) {
	rows, err := a.heads.QueryContext(ctx, key...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []head
	for rows.Next() {
		var h head
		if err := rows.Scan(&h.device, &h.seq, &h.hlc); err != nil {
			return nil, err
		}
		out = append(out, h)
	}
	if len(out) == 0 {
		out = []head{cur}
	}
	return out, rows.Err()
}

// changeset returns the changeset of the user action that made op,
// creating it when op starts a new one.
func (a *applier) changeset(ctx context.Context, writer int64, op *Op) (int64, error) {
	k := changesetKey{writer, op.Author, op.At, op.Source}
	if k == a.cs && a.csID != 0 {
		return a.csID, nil
	}
	var id int64
	if err := a.tx.QueryRowContext(ctx, `INSERT INTO changeset(device_id, author, at, source) VALUES (?,?,?,?) RETURNING id`,
		writer, op.Author, op.At, op.Source).Scan(&id); err != nil {
		return 0, err
	}
	a.cs, a.csID = k, id
	return id, nil
}
