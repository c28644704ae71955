package store

import (
	"context"
)

// loadAside reads the changes dismissed by approvers (also those not
// received yet) and the areas and periods with changes set aside.
func loadAside(ctx context.Context, tx queryer) (map[OpID]bool, map[areaPeriod]bool, error) {
	dismissed := map[OpID]bool{}
	rows, err := tx.QueryContext(ctx, `SELECT d.uid, x.seq FROM dismissed x JOIN device d ON d.id = x.device_id`)
	if err != nil {
		return nil, nil, err
	}
	for rows.Next() {
		var id OpID
		if err := rows.Scan(&id.Writer, &id.Seq); err != nil {
			rows.Close()
			return nil, nil, err
		}
		dismissed[id] = true
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, nil, err
	}
	at := map[areaPeriod]bool{}
	rows, err = tx.QueryContext(ctx, `SELECT DISTINCT area_id, period FROM set_aside`)
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var k areaPeriod
		if err := rows.Scan(&k.area, &k.period); err != nil {
			return nil, nil, err
		}
		at[k] = true
	}
	return dismissed, at, rows.Err()
}

// special reports whether a received value change needs more than the
// plain apply: it is dismissed, its form is approved, or other changes of
// its area and period are set aside.
func (a *applier) special(ctx context.Context, writer int64, op *Op) (bool, error) {
	er, ok := a.refs.elements[op.Element]
	if !ok {
		return false, nil // refused by apply with the reason
	}
	area := a.refs.areas[op.Area]
	if a.dismissed[op.ID] || a.asideAt[areaPeriod{area, op.Period}] {
		return true, nil
	}
	as, err := a.locks.locking(ctx, a.tx, er.id, area, op.Period)
	return len(as) > 0, err
}

// setAside keeps a received value change that does not count (dismissed,
// or made after the approval of its form without the approver seeing it)
// with the value's history, and reports whether it did.
func (a *applier) setAside(ctx context.Context, writer int64, op *Op, k keyRef, values []any) (bool, error) {
	type why struct {
		reason  string
		dataset int64
	}
	var whys []why
	if a.dismissed[op.ID] {
		whys = append(whys, why{asideDismissed, 0})
	}
	as, err := a.locks.locking(ctx, a.tx, k.element, k.area, k.period)
	if err != nil {
		return false, err
	}
	for _, ap := range as {
		if !ap.covered(op.ID.Writer, op.ID.Seq) {
			whys = append(whys, why{asideHeld, ap.form.dataset})
		}
	}
	if len(whys) == 0 {
		return false, nil
	}
	if _, err := a.history.ExecContext(ctx, values...); err != nil {
		return false, err
	}
	for _, w := range whys {
		if err := a.cyc.setAside(opRef{writer, op.ID.Seq}, w.reason, w.dataset, k); err != nil {
			return false, err
		}
	}
	a.asideAt[areaPeriod{k.area, k.period}] = true
	return true, nil
}

// addStep applies a received step of a form's cycle.
func (a *applier) addStep(ctx context.Context, writer int64, op *Op) error {
	fr := formRef{a.refs.datasets[op.DataSet], a.refs.areas[op.Area], op.Period}
	cs, err := a.changeset(ctx, writer, op)
	if err != nil {
		return err
	}
	bases := make([]opRef, 0, len(op.Bases))
	for _, b := range op.Bases {
		id, err := a.device(b.Writer)
		if err != nil {
			return err
		}
		bases = append(bases, opRef{id, b.Seq})
	}
	if err := a.cyc.addEvent(fr, writer, op.ID.Seq, op.HLC, op.Kind, op.Comment, op.Covers, cs, bases); err != nil {
		return err
	}
	if err := a.locks.forget(ctx, a.tx, fr.area, fr.period); err != nil {
		return err
	}
	if op.Kind == Dismiss {
		for _, id := range op.Covers {
			a.dismissed[id] = true
		}
	}
	var any bool
	if err := a.tx.QueryRowContext(ctx, `SELECT EXISTS(SELECT 1 FROM set_aside WHERE area_id = ? AND period = ?)`, fr.area, fr.period).Scan(&any); err != nil {
		return err
	}
	a.asideAt[areaPeriod{fr.area, fr.period}] = any
	return nil
}
