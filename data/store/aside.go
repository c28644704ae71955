package store

import (
	"context"
	"database/sql"
	"fmt"
)

// Why a value change is set aside (does not count).
const (
	asideHeld      = "held"      // arrived after the approval of its form, which did not see it
	asideDismissed = "dismissed" // dismissed by the approver
	asideRevoked   = "revoked"   // signed after the cut of a revoked certificate
)

// keyRef is one value by its database ids.
type keyRef struct {
	period        string
	element, area int64
	category      string
}

func (k keyRef) args() []any { return []any{k.period, k.element, k.area, k.category} }

// keyOp is one change of a value as stored: a row of datavalue or
// value_history.
type keyOp struct {
	opRef
	hlc       int64
	value     sql.NullString
	comment   string
	followup  bool
	status    Status
	changeset int64
	rep       opRef // zero when it replaces nothing
	bases     []opRef
}

// formOps returns every change stored of the values of a form, with its
// value.
func (c *cycleTx) formOps(fr formRef) (map[opRef]keyRef, error) {
	rows, err := c.tx.QueryContext(c.ctx, `
		SELECT device_id, seq, period, element_id, area_id, category FROM datavalue WHERE area_id = ?1 AND period = ?2
			AND element_id IN (SELECT element_id FROM dataset_element WHERE dataset_id = ?3)
		UNION ALL
		SELECT device_id, seq, period, element_id, area_id, category FROM value_history WHERE area_id = ?1 AND period = ?2
			AND element_id IN (SELECT element_id FROM dataset_element WHERE dataset_id = ?3)`, fr.area, fr.period, fr.dataset)
	if err != nil {
		return nil, err
	}
	return scanKeyed(rows)
}

// scanKeyed reads rows of (device_id, seq, period, element_id, area_id,
// category): changes with the value each belongs to.
func scanKeyed(rows *sql.Rows) (map[opRef]keyRef, error) {
	defer rows.Close()
	out := map[opRef]keyRef{}
	for rows.Next() {
		var r opRef
		var k keyRef
		if err := rows.Scan(&r.device, &r.seq, &k.period, &k.element, &k.area, &k.category); err != nil {
			return nil, err
		}
		out[r] = k
	}
	return out, rows.Err()
}

// asideRows returns the set-aside rows of reason (and data set, for held
// changes) of an area and period.
func (c *cycleTx) asideRows(reason string, dataset, area int64, per string) (map[opRef]keyRef, error) {
	rows, err := c.tx.QueryContext(c.ctx, `SELECT device_id, seq, period, element_id, area_id, category FROM set_aside
		WHERE reason = ? AND dataset_id = ? AND area_id = ? AND period = ?`, reason, dataset, area, per)
	if err != nil {
		return nil, err
	}
	return scanKeyed(rows)
}

// heldOf returns the changes an approval of the form holds, by id.
func (c *cycleTx) heldOf(fr formRef) (map[OpID]bool, error) {
	held, err := c.asideRows(asideHeld, fr.dataset, fr.area, fr.period)
	if err != nil {
		return nil, err
	}
	out := map[OpID]bool{}
	for r := range held {
		u, err := c.uid(r.device)
		if err != nil {
			return nil, err
		}
		out[OpID{u, r.seq}] = true
	}
	return out, nil
}

// refreshHeld sets aside the changes of the form's values that its
// approval in force did not see (and lets every other count again, when
// the form is not approved), then recomputes the values touched.
func (c *cycleTx) refreshHeld(fr formRef, st registerState) error {
	want := map[opRef]keyRef{}
	if st.action == Approve {
		var text string
		if err := c.tx.QueryRowContext(c.ctx, `SELECT covers FROM form_event WHERE device_id = ? AND seq = ?`,
			st.win.device, st.win.seq).Scan(&text); err != nil {
			return err
		}
		ids, err := parseOpIDs(text)
		if err != nil {
			return err
		}
		covers := map[string]int64{}
		for _, id := range ids {
			covers[id.Writer] = max(covers[id.Writer], id.Seq)
		}
		ops, err := c.formOps(fr)
		if err != nil {
			return err
		}
		out, err := c.excludedFor(fr)
		if err != nil {
			return err
		}
		for r, k := range ops {
			u, err := c.uid(r.device)
			if err != nil {
				return err
			}
			if r.seq > covers[u] && !out[r] {
				want[r] = k
			}
		}
	}
	have, err := c.asideRows(asideHeld, fr.dataset, fr.area, fr.period)
	if err != nil {
		return err
	}
	touched := map[keyRef]bool{}
	for r, k := range have {
		if _, ok := want[r]; ok {
			continue
		}
		if _, err := c.tx.ExecContext(c.ctx, `DELETE FROM set_aside WHERE device_id = ? AND seq = ? AND reason = 'held' AND dataset_id = ?`,
			r.device, r.seq, fr.dataset); err != nil {
			return err
		}
		touched[k] = true
	}
	for r, k := range want {
		if _, ok := have[r]; ok {
			continue
		}
		if err := c.setAside(r, asideHeld, fr.dataset, k); err != nil {
			return err
		}
		touched[k] = true
	}
	for k := range touched {
		if _, err := c.recomputeKey(k); err != nil {
			return err
		}
	}
	return nil
}

// excludedFor returns the changes of the form's area and period dismissed
// or revoked.
func (c *cycleTx) excludedFor(fr formRef) (map[opRef]bool, error) {
	rows, err := c.tx.QueryContext(c.ctx, `SELECT device_id, seq FROM set_aside WHERE area_id = ? AND period = ? AND reason IN ('dismissed', 'revoked')`,
		fr.area, fr.period)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[opRef]bool{}
	for rows.Next() {
		var r opRef
		if err := rows.Scan(&r.device, &r.seq); err != nil {
			return nil, err
		}
		out[r] = true
	}
	return out, rows.Err()
}

// setAside records that change r of value k does not count, for reason.
func (c *cycleTx) setAside(r opRef, reason string, dataset int64, k keyRef) error {
	_, err := c.tx.ExecContext(c.ctx, `INSERT OR IGNORE INTO set_aside(device_id, seq, reason, dataset_id, period, element_id, area_id, category)
		VALUES (?,?,?,?,?,?,?,?)`, r.device, r.seq, reason, dataset, k.period, k.element, k.area, k.category)
	return err
}

// dismiss records the changes a dismissal names: those present are set
// aside at once, the others when they arrive.
func (c *cycleTx) dismiss(fr formRef, by opRef, ids []OpID) error {
	ops, err := c.formOps(fr)
	if err != nil {
		return err
	}
	for _, id := range ids {
		dev, err := deviceIDTx(c.ctx, c.tx, id.Writer)
		if err != nil {
			return err
		}
		r := opRef{dev, id.Seq}
		if _, err := c.tx.ExecContext(c.ctx, `INSERT OR IGNORE INTO dismissed(device_id, seq, by_device, by_seq) VALUES (?,?,?,?)`,
			r.device, r.seq, by.device, by.seq); err != nil {
			return err
		}
		if k, ok := ops[r]; ok {
			if err := c.setAside(r, asideDismissed, 0, k); err != nil {
				return err
			}
		}
	}
	return nil
}

// keyOps reads every change stored of a value, with what each replaces.
func (c *cycleTx) keyOps(k keyRef) ([]keyOp, error) {
	const cols = `device_id, seq, hlc, value, comment, followup, status, changeset_id, COALESCE(rep_device, 0), COALESCE(rep_seq, 0)`
	const where = ` WHERE period = ? AND element_id = ? AND area_id = ? AND category = ?`
	rows, err := c.tx.QueryContext(c.ctx, `SELECT `+cols+` FROM datavalue`+where+` UNION ALL SELECT `+cols+` FROM value_history`+where,
		append(k.args(), k.args()...)...)
	if err != nil {
		return nil, err
	}
	var out []keyOp
	for rows.Next() {
		var o keyOp
		if err := rows.Scan(&o.device, &o.seq, &o.hlc, &o.value, &o.comment, &o.followup, &o.status, &o.changeset, &o.rep.device, &o.rep.seq); err != nil {
			rows.Close()
			return nil, err
		}
		out = append(out, o)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for i := range out {
		if out[i].rep.device != 0 {
			out[i].bases = append(out[i].bases, out[i].rep)
		}
		extra, err := c.bases(out[i].opRef)
		if err != nil {
			return nil, err
		}
		out[i].bases = append(out[i].bases, extra...)
	}
	return out, nil
}

// keyState computes what a value shows from its changes that count: the
// heads are the changes no counting change replaces, directly or through
// others (also through changes that do not count); the value shown is the
// latest head. It depends only on the set of changes, so every database
// agrees whatever the order they came in.
func (c *cycleTx) keyState(ops []keyOp, counts func(*keyOp) bool) (win *keyOp, heads []*keyOp, err error) {
	byRef := make(map[opRef]*keyOp, len(ops))
	for i := range ops {
		byRef[ops[i].opRef] = &ops[i]
	}
	replaced := ancestors(func(r opRef) []opRef {
		if o := byRef[r]; o != nil {
			return o.bases
		}
		return nil
	}, func(yield func(opRef) bool) {
		for i := range ops {
			if counts(&ops[i]) && !yield(ops[i].opRef) {
				return
			}
		}
	})
	for i := range ops {
		o := &ops[i]
		if !counts(o) || replaced[o.opRef] {
			continue
		}
		heads = append(heads, o)
		if win == nil {
			win = o
			continue
		}
		later, err := c.later(o.opRef, o.hlc, win.opRef, win.hlc)
		if err != nil {
			return nil, nil, err
		}
		if later {
			win = o
		}
	}
	return win, heads, nil
}

// recomputeKey rebuilds what a value shows from all its changes but those
// set aside: the latest head in datavalue, every other change in
// value_history, the heads in conflict_head when there are several. It
// reports whether the value is in conflict.
func (c *cycleTx) recomputeKey(k keyRef) (bool, error) {
	ops, err := c.keyOps(k)
	if err != nil {
		return false, err
	}
	rows, err := c.tx.QueryContext(c.ctx, `SELECT device_id, seq FROM set_aside WHERE area_id = ? AND period = ? AND element_id = ? AND category = ?`,
		k.area, k.period, k.element, k.category)
	if err != nil {
		return false, err
	}
	out := map[opRef]bool{}
	for rows.Next() {
		var r opRef
		if err := rows.Scan(&r.device, &r.seq); err != nil {
			rows.Close()
			return false, err
		}
		out[r] = true
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return false, err
	}
	win, heads, err := c.keyState(ops, func(o *keyOp) bool { return !out[o.opRef] })
	if err != nil {
		return false, err
	}
	if err := c.sub.changed(k.period, k.element, k.area); err != nil {
		return false, err
	}
	for _, table := range []string{"datavalue", "value_history", "conflict_head"} {
		if _, err := c.tx.ExecContext(c.ctx, `DELETE FROM `+table+` WHERE period = ? AND element_id = ? AND area_id = ? AND category = ?`, k.args()...); err != nil {
			return false, err
		}
	}
	for i := range ops {
		o := &ops[i]
		table := "value_history"
		if o == win {
			table = "datavalue"
		}
		var repDev, repSeq any
		if o.rep.device != 0 {
			repDev, repSeq = o.rep.device, o.rep.seq
		}
		if _, err := c.tx.ExecContext(c.ctx, `INSERT INTO `+table+`(period, element_id, area_id, category, value, comment, followup, status,
			changeset_id, device_id, seq, hlc, rep_device, rep_seq) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
			k.period, k.element, k.area, k.category, o.value, o.comment, o.followup, string(o.status), o.changeset, o.device, o.seq, o.hlc, repDev, repSeq); err != nil {
			return false, fmt.Errorf("rebuild value: %w", err)
		}
	}
	if len(heads) < 2 {
		return false, nil
	}
	for _, h := range heads {
		if _, err := c.tx.ExecContext(c.ctx, `INSERT INTO conflict_head(period, element_id, area_id, category, device_id, seq, hlc) VALUES (?,?,?,?,?,?,?)`,
			k.period, k.element, k.area, k.category, h.device, h.seq, h.hlc); err != nil {
			return false, err
		}
	}
	return true, nil
}

// SetAsideChange is a value change that does not count: kept aside by an
// approval (awaiting the approver), dismissed, or revoked.
type SetAsideChange struct {
	Form      Form // the approved form holding it (data set "" when dismissed or revoked)
	Reason    string
	Element   string
	Category  string
	Value     string // "" for a deletion
	Shown     string // the value the database shows instead ("" for none)
	Comment   string
	ID        OpID
	Author    string
	ChangedAt string
	Office    string
}

// Held reports whether an approval keeps the change aside, awaiting the
// approver's decision.
func (c SetAsideChange) Held() bool { return c.Reason == asideHeld }

// Dismissed reports whether the approver dismissed the change.
func (c SetAsideChange) Dismissed() bool { return c.Reason == asideDismissed }

// SetAside returns the value changes that do not count for an area and a
// period (area "" for every area), held ones first, by element.
func (s *Store) SetAside(ctx context.Context, area, per string) ([]SetAsideChange, error) {
	// The change set aside is in the history or is the current value (h
	// or cur): two seeks of a key for each change set aside. (A join on
	// the union of both tables made SQLite read every value of the
	// period, a quarter of a second at the national scale, for each
	// dashboard opened.)
	q := `SELECT COALESCE(ds.code, ''), a.code, x.period, x.reason, e.code, x.category,
			COALESCE(IIF(h.seq IS NULL, cur.value, h.value), ''), COALESCE(cur.value, ''), IIF(h.seq IS NULL, cur.comment, h.comment),
			d.uid, x.seq, cs.author, cs.at, ` + officeOf("d") + `
		FROM set_aside x JOIN area a ON a.id = x.area_id JOIN element e ON e.id = x.element_id JOIN device d ON d.id = x.device_id
		LEFT JOIN dataset ds ON ds.id = x.dataset_id
		LEFT JOIN value_history h ON h.element_id = x.element_id AND h.area_id = x.area_id AND h.period = x.period AND h.category = x.category
			AND h.seq = x.seq AND h.device_id = x.device_id
		LEFT JOIN datavalue cur ON cur.period = x.period AND cur.element_id = x.element_id AND cur.area_id = x.area_id AND cur.category = x.category
		JOIN changeset cs ON cs.id = IIF(h.seq IS NULL, IIF(cur.device_id = x.device_id AND cur.seq = x.seq, cur.changeset_id, NULL), h.changeset_id)
		LEFT JOIN sync_writer w ON w.device_id = x.device_id
		WHERE x.period = ?`
	args := []any{per}
	if area != "" {
		q += ` AND a.code = ?`
		args = append(args, area)
	}
	rows, err := s.db.QueryContext(ctx, q+` ORDER BY x.reason != 'held', a.code, x.element_id, x.category, x.seq, d.uid`, args...)
	if err != nil {
		return nil, fmt.Errorf("read changes kept aside: %w", err)
	}
	defer rows.Close()
	var out []SetAsideChange
	for rows.Next() {
		var c SetAsideChange
		if err := rows.Scan(&c.Form.DataSet, &c.Form.Area, &c.Form.Period, &c.Reason, &c.Element, &c.Category, &c.Value, &c.Shown, &c.Comment,
			&c.ID.Writer, &c.ID.Seq, &c.Author, &c.ChangedAt, &c.Office); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}
