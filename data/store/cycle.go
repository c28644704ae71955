package store

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"strings"
	"time"

	"chiso/data/msg"
)

// Action is one step of the reporting cycle of a form.
type Action string

// The steps of the reporting cycle.
const (
	Submit  Action = "submit"  // the office sends its report (Gửi báo cáo)
	Return  Action = "return"  // the approver sends it back with a remark
	Approve Action = "approve" // the approver approves it: its figures are locked
	Reopen  Action = "reopen"  // the approver unlocks it; changes kept aside then count
	Dismiss Action = "dismiss" // the approver dismisses changes kept aside, for good
)

// Form is one report: a data set for an area and a period.
type Form struct{ DataSet, Area, Period string }

// FormEvent is one step of a form's cycle, as recorded and as it travels.
type FormEvent struct {
	Form
	ID      OpID
	HLC     int64
	Action  Action
	Comment string // the remark of a return, the note of a submission…
	// Covers is, for a submission or an approval, the last change of each
	// device that the office had on the form's values when it acted (what
	// it sent or approved); for a dismissal, the changes dismissed.
	Covers     []OpID
	Author, At string
	Office     string // of the device that made it, when known
	Revoked    bool   // signed after the cut of a revoked certificate: does not count
}

// Time is the moment of the step by its hybrid clock: the clock of the
// computer that made it, never earlier than anything it had received.
func (e FormEvent) Time() time.Time { return HLCTime(e.HLC) }

// HLCTime is the wall-clock part of a hybrid logical clock reading.
func HLCTime(hlc int64) time.Time { return time.UnixMilli(hlc >> 16).UTC() }

// FormState is where a form stands.
type FormState struct {
	Form
	// Current is the step in force (Action "" when the form has none): the
	// latest, by clock then device id, of the steps no other step replaces.
	Current FormEvent
	// Concurrent counts the steps in force at once: more than one when
	// offices acted on the form without seeing each other's step.
	Concurrent int
	// FirstSubmit is the earliest submission (zero when never submitted):
	// it decides whether the report came in on time.
	FirstSubmit FormEvent
}

// Approved reports whether the form's figures are locked by an approval.
func (f FormState) Approved() bool { return f.Current.Action == Approve }

// LockedError refuses a change of a value of an approved form.
type LockedError struct {
	Form                 Form
	DataSetVI, DataSetEN string // names of the data set
	AreaName             string
	Element              string // the element whose change was refused
	By, Office, At       string // who approved, from which office, when (UTC)
	ByDevice             string
}

// Message names the approval that locks the value, in lang.
func (e *LockedError) Message(lang string) string {
	who := e.By
	if e.Office != "" {
		who += ", " + e.Office
	}
	when := e.At
	if t, err := time.Parse("2006-01-02T15:04:05.000Z", e.At); err == nil {
		when = t.Local().Format("02/01/2006 15:04")
	}
	if lang == "en" {
		name := e.DataSetEN
		if name == "" {
			name = e.DataSetVI
		}
		return fmt.Sprintf("%s of %s for %s is approved (%s, %s): its figures are locked until the approver reopens it (%s)",
			name, e.AreaName, e.Form.Period, who, when, e.Element)
	}
	return fmt.Sprintf("Biểu %s của %s kỳ %s đã được duyệt (%s, %s): số liệu bị khóa cho đến khi đơn vị duyệt mở lại (%s)",
		e.DataSetVI, e.AreaName, e.Form.Period, who, when, e.Element)
}

func (e *LockedError) Error() string { return e.Message("en") }

// formRef is a form by its database ids.
type formRef struct {
	dataset, area int64
	period        string
}

// approval is a form of an area and period locked by an approval.
type approval struct {
	form     formRef
	event    opRef
	elements map[int64]bool
	covers   map[string]int64 // device uid → last change covered
}

// covered reports whether the approval covers change seq of writer.
func (a *approval) covered(writer string, seq int64) bool { return seq <= a.covers[writer] }

// approvals returns the approved forms of an area and period.
func approvals(ctx context.Context, q queryer, area int64, per string) ([]*approval, error) {
	rows, err := q.QueryContext(ctx, `SELECT s.dataset_id, s.device_id, s.seq, e.covers FROM form_state s
		JOIN form_event e ON e.device_id = s.device_id AND e.seq = s.seq
		WHERE s.area_id = ? AND s.period = ? AND s.action = 'approve'`, area, per)
	if err != nil {
		return nil, err
	}
	var out []*approval
	for rows.Next() {
		a := &approval{form: formRef{area: area, period: per}, elements: map[int64]bool{}}
		var covers string
		if err := rows.Scan(&a.form.dataset, &a.event.device, &a.event.seq, &covers); err != nil {
			rows.Close()
			return nil, err
		}
		ids, err := parseOpIDs(covers)
		if err != nil {
			rows.Close()
			return nil, err
		}
		a.covers = map[string]int64{}
		for _, id := range ids {
			a.covers[id.Writer] = max(a.covers[id.Writer], id.Seq)
		}
		out = append(out, a)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for _, a := range out {
		els, err := datasetElements(ctx, q, a.form.dataset)
		if err != nil {
			return nil, err
		}
		for _, e := range els {
			a.elements[e] = true
		}
	}
	return out, nil
}

func datasetElements(ctx context.Context, q queryer, dataset int64) ([]int64, error) {
	rows, err := q.QueryContext(ctx, `SELECT element_id FROM dataset_element WHERE dataset_id = ? ORDER BY sort`, dataset)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out = append(out, id)
	}
	return out, rows.Err()
}

// lockCache answers, within one transaction, which approvals lock a
// value: it lists the areas and periods with an approval once, and reads
// the approvals of each of them when first asked.
type lockCache struct {
	approved map[areaPeriod]bool
	forms    map[areaPeriod][]*approval
}

type areaPeriod struct {
	area   int64
	period string
}

func newLockCache(ctx context.Context, q queryer) (*lockCache, error) {
	lc := &lockCache{approved: map[areaPeriod]bool{}, forms: map[areaPeriod][]*approval{}}
	rows, err := q.QueryContext(ctx, `SELECT DISTINCT area_id, period FROM form_state WHERE action = 'approve'`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var k areaPeriod
		if err := rows.Scan(&k.area, &k.period); err != nil {
			return nil, err
		}
		lc.approved[k] = true
	}
	return lc, rows.Err()
}

// forget drops what is known of an area and period whose forms changed.
func (lc *lockCache) forget(ctx context.Context, q queryer, area int64, per string) error {
	k := areaPeriod{area, per}
	delete(lc.forms, k)
	as, err := approvals(ctx, q, area, per)
	if err != nil {
		return err
	}
	lc.approved[k] = len(as) > 0
	lc.forms[k] = as
	return nil
}

// locking returns the approvals whose forms hold element of area in per.
func (lc *lockCache) locking(ctx context.Context, q queryer, element, area int64, per string) ([]*approval, error) {
	k := areaPeriod{area, per}
	if !lc.approved[k] {
		return nil, nil
	}
	as, ok := lc.forms[k]
	if !ok {
		var err error
		if as, err = approvals(ctx, q, area, per); err != nil {
			return nil, err
		}
		lc.forms[k] = as
	}
	var out []*approval
	for _, a := range as {
		if a.elements[element] {
			out = append(out, a)
		}
	}
	return out, nil
}

// lockedError describes the approval a that refuses a change of element.
func lockedError(ctx context.Context, q interface {
	QueryRowContext(context.Context, string, ...any) *sql.Row
}, a *approval, element int64) error {
	e := &LockedError{}
	err := q.QueryRowContext(ctx, `SELECT d.code, d.name_vi, d.name_en, ar.code, ar.name, el.code, cs.author, cs.at, dv.uid, `+officeOf("dv")+`
		FROM form_event f JOIN dataset d ON d.id = f.dataset_id JOIN area ar ON ar.id = f.area_id, element el
		JOIN changeset cs ON cs.id = f.changeset_id JOIN device dv ON dv.id = f.device_id
		LEFT JOIN sync_writer w ON w.device_id = f.device_id
		WHERE f.device_id = ? AND f.seq = ? AND el.id = ?`, a.event.device, a.event.seq, element).Scan(
		&e.Form.DataSet, &e.DataSetVI, &e.DataSetEN, &e.Form.Area, &e.AreaName, &e.Element, &e.By, &e.At, &e.ByDevice, &e.Office)
	if err != nil {
		return err
	}
	e.Form.Period = a.form.period
	return e
}

// formID resolves a form's codes.
func formID(ctx context.Context, q interface {
	QueryRowContext(context.Context, string, ...any) *sql.Row
}, f Form) (formRef, error) {
	r := formRef{period: f.Period}
	if err := q.QueryRowContext(ctx, `SELECT id FROM dataset WHERE code = ?`, f.DataSet).Scan(&r.dataset); err != nil {
		return r, msg.New("không có biểu mã "+f.DataSet, "unknown data set "+f.DataSet)
	}
	if err := q.QueryRowContext(ctx, `SELECT id FROM area WHERE code = ?`, f.Area).Scan(&r.area); err != nil {
		return r, msg.New("không có địa bàn mã "+f.Area, "unknown area "+f.Area)
	}
	return r, nil
}

// Act records a step of a form's cycle made on this computer, after
// checking it follows from where the form stands: a submission of a form
// not approved, a return or an approval of a submitted (or reopened) form,
// a reopening of an approved one, a dismissal of changes it keeps aside.
// The step replaces the steps in force and syncs like a value change.
// Whether this office may take the step (its certificate) is the caller's
// to check. dismiss names the changes to dismiss.
func (s *Store) Act(ctx context.Context, f Form, a Action, comment string, dismiss []OpID) (FormEvent, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return FormEvent{}, err
	}
	defer tx.Rollback()
	fr, err := formID(ctx, tx, f)
	if err != nil {
		return FormEvent{}, err
	}
	c := s.newCycleTx(ctx, tx, nil)
	state, err := c.state(fr)
	if err != nil {
		return FormEvent{}, err
	}
	if err := checkStep(state, a, comment, len(dismiss)); err != nil {
		return FormEvent{}, err
	}
	ev := FormEvent{Form: f, Action: a, Comment: strings.TrimSpace(comment), Author: s.author, At: now()}
	switch a {
	case Submit, Approve:
		if ev.Covers, err = c.vector(fr); err != nil {
			return FormEvent{}, err
		}
	case Dismiss:
		held, err := c.heldOf(fr)
		if err != nil {
			return FormEvent{}, err
		}
		for _, id := range dismiss {
			if !held[id] {
				return FormEvent{}, msg.New("thay đổi "+id.String()+" không nằm trong số bị giữ lại của biểu này",
					"change "+id.String()+" is not among those kept aside for this form")
			}
		}
		ev.Covers = dismiss
	}
	if a == Approve {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(DISTINCT element_id || ' ' || category) FROM conflict_head
			WHERE area_id = ? AND period = ? AND element_id IN (SELECT element_id FROM dataset_element WHERE dataset_id = ?)`,
			fr.area, fr.period, fr.dataset).Scan(&n); err != nil {
			return FormEvent{}, err
		}
		if n > 0 {
			return FormEvent{}, msg.New(fmt.Sprintf("chưa duyệt được: biểu còn %d giá trị xung đột cần giải quyết trước (màn hình Đồng bộ)", n),
				fmt.Sprintf("cannot approve yet: the form has %d values in conflict to resolve first (Sync screen)", n))
		}
	}
	clk, err := s.readClock(tx)
	if err != nil {
		return FormEvent{}, err
	}
	seq, hlc := clk.next()
	ev.ID, ev.HLC = OpID{s.device, seq}, hlc
	var changeset int64
	if err := tx.QueryRowContext(ctx, `INSERT INTO changeset(device_id, author, at, source, rows, changed) VALUES (?,?,?,?,1,1) RETURNING id`,
		s.deviceID, s.author, ev.At, "cycle:"+string(a)).Scan(&changeset); err != nil {
		return FormEvent{}, err
	}
	var bases []opRef
	if a != Dismiss {
		for _, h := range state.heads {
			bases = append(bases, h)
		}
	}
	if err := c.addEvent(fr, s.deviceID, seq, hlc, a, ev.Comment, ev.Covers, changeset, bases); err != nil {
		return FormEvent{}, err
	}
	if err := s.saveClock(tx, clk); err != nil {
		return FormEvent{}, err
	}
	if err := c.commit(); err != nil {
		return FormEvent{}, fmt.Errorf("record %s: %w", a, err)
	}
	return ev, nil
}

// checkStep refuses a step that does not follow from the form's state.
func checkStep(st registerState, a Action, comment string, dismissing int) error {
	cur := st.action
	bad := func(vi, en string) error { return msg.New(vi, en) }
	switch a {
	case Submit:
		if cur == Approve {
			return bad("biểu đã được duyệt: không gửi lại được cho đến khi đơn vị duyệt mở lại",
				"the form is approved: it cannot be sent again until the approver reopens it")
		}
	case Return:
		if cur != Submit && cur != Reopen {
			return bad("chỉ trả lại được biểu đã gửi", "only a submitted form can be returned")
		}
		if strings.TrimSpace(comment) == "" {
			return bad("cần ghi nhận xét: đơn vị sẽ đọc khi đồng bộ", "a remark is needed: the office reads it at its next sync")
		}
	case Approve:
		if cur != Submit && cur != Reopen {
			return bad("chỉ duyệt được biểu đã gửi", "only a submitted form can be approved")
		}
	case Reopen:
		if cur != Approve {
			return bad("chỉ mở lại được biểu đã duyệt", "only an approved form can be reopened")
		}
	case Dismiss:
		if cur != Approve {
			return bad("biểu không ở trạng thái đã duyệt: không có thay đổi bị giữ lại", "the form is not approved: no change is kept aside")
		}
		if dismissing == 0 {
			return bad("chưa chọn thay đổi nào", "no change chosen")
		}
	default:
		return bad("không có bước "+string(a), "unknown step "+string(a))
	}
	return nil
}

// cycleTx works on forms and their values inside one transaction.
type cycleTx struct {
	ctx  context.Context
	tx   *sql.Tx
	uids map[int64]string
	// sub notes the values changed, for the subtotals; commit writes them.
	sub  *subtotalChanges
	conn *sqlSub
}

// newCycleTx starts work on forms and values in tx; values are integers
// when integer says so (nil: none is taken for one).
func (s *Store) newCycleTx(ctx context.Context, tx *sql.Tx, integer func(int64) bool) *cycleTx {
	if integer == nil {
		integer = func(int64) bool { return false }
	}
	c := &cycleTx{ctx: ctx, tx: tx, uids: map[int64]string{}, conn: newSQLSub(ctx, tx)}
	c.sub = s.newSubtotals(c.conn, integer)
	return c
}

// commit writes the subtotals of the values changed and commits.
func (c *cycleTx) commit() error {
	defer c.conn.close()
	if err := c.sub.flush(); err != nil {
		return err
	}
	return c.tx.Commit()
}

// uid returns the device id of a database device id.
func (c *cycleTx) uid(id int64) (string, error) {
	if u, ok := c.uids[id]; ok {
		return u, nil
	}
	var u string
	if err := c.tx.QueryRowContext(c.ctx, `SELECT uid FROM device WHERE id = ?`, id).Scan(&u); err != nil {
		return "", err
	}
	c.uids[id] = u
	return u, nil
}

// later reports whether change a wins over change b: the higher clock,
// then the higher device id.
func (c *cycleTx) later(a opRef, ahlc int64, b opRef, bhlc int64) (bool, error) {
	if ahlc != bhlc {
		return ahlc > bhlc, nil
	}
	ua, err := c.uid(a.device)
	if err != nil {
		return false, err
	}
	ub, err := c.uid(b.device)
	return ua > ub, err
}

// registerState is a form's steps in force.
type registerState struct {
	action Action
	win    opRef
	heads  []opRef
}

// state reads the steps in force of a form from form_state and its heads.
func (c *cycleTx) state(fr formRef) (registerState, error) {
	evs, err := c.events(fr)
	if err != nil {
		return registerState{}, err
	}
	return c.register(evs)
}

// event is a step as the register needs it.
type event struct {
	opRef
	hlc    int64
	action Action
	bases  []opRef
}

// events reads the steps of a form that count (not dismissals, not revoked).
func (c *cycleTx) events(fr formRef) ([]event, error) {
	rows, err := c.tx.QueryContext(c.ctx, `SELECT device_id, seq, hlc, action FROM form_event
		WHERE dataset_id = ? AND period = ? AND area_id = ? AND revoked = 0 AND action != 'dismiss'`, fr.dataset, fr.period, fr.area)
	if err != nil {
		return nil, err
	}
	var out []event
	for rows.Next() {
		var e event
		if err := rows.Scan(&e.device, &e.seq, &e.hlc, &e.action); err != nil {
			rows.Close()
			return nil, err
		}
		out = append(out, e)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for i := range out {
		if out[i].bases, err = c.bases(out[i].opRef); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// bases returns the changes (or steps) a change or step replaces, read
// from op_base (a value change names its first one in its own row too).
func (c *cycleTx) bases(r opRef) ([]opRef, error) {
	rows, err := c.tx.QueryContext(c.ctx, `SELECT base_device, base_seq FROM op_base WHERE device_id = ? AND seq = ?`, r.device, r.seq)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []opRef
	for rows.Next() {
		var b opRef
		if err := rows.Scan(&b.device, &b.seq); err != nil {
			return nil, err
		}
		out = append(out, b)
	}
	return out, rows.Err()
}

// register computes the steps in force: those that no step replaces,
// directly or through others; the one in force is the latest of them.
// It depends only on the set of steps, so every database holding the same
// steps agrees, whatever the order they came in.
func (c *cycleTx) register(evs []event) (registerState, error) {
	byRef := make(map[opRef]*event, len(evs))
	for i := range evs {
		byRef[evs[i].opRef] = &evs[i]
	}
	replaced := ancestors(func(r opRef) []opRef {
		if e := byRef[r]; e != nil {
			return e.bases
		}
		return nil
	}, func(yield func(opRef) bool) {
		for _, e := range evs {
			if !yield(e.opRef) {
				return
			}
		}
	})
	var st registerState
	var winHLC int64
	for _, e := range evs {
		if replaced[e.opRef] {
			continue
		}
		st.heads = append(st.heads, e.opRef)
		if len(st.heads) == 1 {
			st.win, winHLC, st.action = e.opRef, e.hlc, e.action
			continue
		}
		later, err := c.later(e.opRef, e.hlc, st.win, winHLC)
		if err != nil {
			return st, err
		}
		if later {
			st.win, winHLC, st.action = e.opRef, e.hlc, e.action
		}
	}
	sort.Slice(st.heads, func(i, j int) bool {
		return st.heads[i].device < st.heads[j].device || st.heads[i].device == st.heads[j].device && st.heads[i].seq < st.heads[j].seq
	})
	return st, nil
}

// ancestors returns every change reachable from the bases of the changes
// of from, following bases through the graph.
func ancestors(basesOf func(opRef) []opRef, from func(func(opRef) bool)) map[opRef]bool {
	seen := map[opRef]bool{}
	var stack []opRef
	for r := range from {
		stack = append(stack, basesOf(r)...)
	}
	for len(stack) > 0 {
		r := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if seen[r] {
			continue
		}
		seen[r] = true
		stack = append(stack, basesOf(r)...)
	}
	return seen
}

// addEvent inserts a step and brings the form's state and the values it
// locks up to date.
func (c *cycleTx) addEvent(fr formRef, device, seq, hlc int64, a Action, comment string, covers []OpID, changeset int64, bases []opRef) error {
	if _, err := c.tx.ExecContext(c.ctx, `INSERT INTO form_event(device_id, seq, hlc, dataset_id, area_id, period, action, comment, covers, changeset_id)
		VALUES (?,?,?,?,?,?,?,?,?,?)`, device, seq, hlc, fr.dataset, fr.area, fr.period, string(a), comment, formatOpIDs(covers), changeset); err != nil {
		return fmt.Errorf("record step %s: %w", a, err)
	}
	for _, b := range bases {
		if _, err := c.tx.ExecContext(c.ctx, `INSERT OR IGNORE INTO op_base(device_id, seq, base_device, base_seq) VALUES (?,?,?,?)`,
			device, seq, b.device, b.seq); err != nil {
			return err
		}
	}
	if a == Dismiss {
		if err := c.dismiss(fr, opRef{device, seq}, covers); err != nil {
			return err
		}
	}
	return c.settle(fr)
}

// settle recomputes the step in force of a form, keeps it in form_state,
// and sets aside (or lets count again) the value changes its approval
// holds.
func (c *cycleTx) settle(fr formRef) error {
	st, err := c.state(fr)
	if err != nil {
		return err
	}
	if len(st.heads) == 0 {
		if _, err := c.tx.ExecContext(c.ctx, `DELETE FROM form_state WHERE dataset_id = ? AND period = ? AND area_id = ?`,
			fr.dataset, fr.period, fr.area); err != nil {
			return err
		}
	} else if _, err := c.tx.ExecContext(c.ctx, `INSERT INTO form_state(dataset_id, area_id, period, device_id, seq, action, heads) VALUES (?,?,?,?,?,?,?)
		ON CONFLICT(dataset_id, period, area_id) DO UPDATE SET device_id = excluded.device_id, seq = excluded.seq,
			action = excluded.action, heads = excluded.heads`,
		fr.dataset, fr.area, fr.period, st.win.device, st.win.seq, string(st.action), len(st.heads)); err != nil {
		return err
	}
	return c.refreshHeld(fr, st)
}

// vector returns, for a form, the last change of each device on its
// values: what a submission sends or an approval approves.
func (c *cycleTx) vector(fr formRef) ([]OpID, error) {
	rows, err := c.tx.QueryContext(c.ctx, `WITH x AS (
			SELECT device_id, seq FROM datavalue WHERE area_id = ?1 AND period = ?2
				AND element_id IN (SELECT element_id FROM dataset_element WHERE dataset_id = ?3)
			UNION ALL
			SELECT device_id, seq FROM value_history WHERE area_id = ?1 AND period = ?2
				AND element_id IN (SELECT element_id FROM dataset_element WHERE dataset_id = ?3))
		SELECT d.uid, max(x.seq) FROM x JOIN device d ON d.id = x.device_id GROUP BY d.uid ORDER BY d.uid`, fr.area, fr.period, fr.dataset)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []OpID
	for rows.Next() {
		var id OpID
		if err := rows.Scan(&id.Writer, &id.Seq); err != nil {
			return nil, err
		}
		out = append(out, id)
	}
	return out, rows.Err()
}

// officeOf is the SQL of the office of the device dev (a joined device
// table), with w its sync_writer row: the office its files were signed by,
// or, for this database's own device, the office of its certificate (kept
// by package replica under the meta key sync.cert).
func officeOf(dev string) string {
	return `COALESCE(NULLIF(w.office, ''), CASE WHEN ` + dev + `.uid = (SELECT value FROM meta WHERE key = 'device')
		THEN (SELECT json_extract(value, '$.cert.office') FROM meta WHERE key = 'sync.cert') END, '')`
}

// formatOpIDs writes ids as "writer:seq,writer:seq".
func formatOpIDs(ids []OpID) string {
	parts := make([]string, len(ids))
	for i, id := range ids {
		parts[i] = id.String()
	}
	return strings.Join(parts, ",")
}

// parseOpIDs reads ids written by formatOpIDs.
func parseOpIDs(s string) ([]OpID, error) {
	if s == "" {
		return nil, nil
	}
	var out []OpID
	for _, p := range strings.Split(s, ",") {
		id, err := ParseOpID(p)
		if err != nil {
			return nil, err
		}
		out = append(out, id)
	}
	return out, nil
}
