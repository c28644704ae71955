package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"chiso/data/msg"
	"chiso/data/store/internal/direct"
)

// FormStateOf returns where one form stands.
func (s *Store) FormStateOf(ctx context.Context, f Form) (FormState, error) {
	fr, err := formID(ctx, s.db, f)
	if err != nil {
		return FormState{}, err
	}
	m, err := s.formStates(ctx, fr.dataset, fr.period, fr.area)
	if err != nil {
		return FormState{}, err
	}
	st, ok := m[f.Area]
	if !ok {
		st.Form = f
	}
	return st, nil
}

// FormStates returns where the forms of a data set and a period stand, by
// area code; areas without any step are absent.
func (s *Store) FormStates(ctx context.Context, dataset, per string) (map[string]FormState, error) {
	var id int64
	if err := s.db.QueryRowContext(ctx, `SELECT id FROM dataset WHERE code = ?`, dataset).Scan(&id); err != nil {
		return nil, msg.New("không có biểu mã "+dataset, "unknown data set "+dataset)
	}
	return s.formStates(ctx, id, per, 0)
}

// formStates reads the states of a data set's forms in a period, of one
// area or (area 0) of all.
func (s *Store) formStates(ctx context.Context, dataset int64, per string, area int64) (map[string]FormState, error) {
	q := `SELECT a.code, s.heads, ` + eventColumns + `
		FROM form_state s JOIN form_event f ON f.device_id = s.device_id AND f.seq = s.seq` + eventJoins + `
		WHERE s.dataset_id = ? AND s.period = ?`
	args := []any{dataset, per}
	if area != 0 {
		q += ` AND s.area_id = ?`
		args = append(args, area)
	}
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("read report states: %w", err)
	}
	out := map[string]FormState{}
	for rows.Next() {
		var code string
		var st FormState
		if err := scanEvent(rows, &st.Current, &code, &st.Concurrent); err != nil {
			rows.Close()
			return nil, err
		}
		st.Form = st.Current.Form
		out[code] = st
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	// The first submission of each form (submissions not revoked).
	q = `SELECT a.code, ` + eventColumns + `
		FROM form_event f` + eventJoins + `
		WHERE f.dataset_id = ? AND f.period = ? AND f.action = 'submit' AND f.revoked = 0`
	args = []any{dataset, per}
	if area != 0 {
		q += ` AND f.area_id = ?`
		args = append(args, area)
	}
	rows, err = s.db.QueryContext(ctx, q+` ORDER BY f.hlc, dv.uid`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var code string
		var ev FormEvent
		if err := scanEvent(rows, &ev, &code); err != nil {
			return nil, err
		}
		st, ok := out[code]
		if !ok || st.FirstSubmit.Action != "" {
			continue
		}
		ev.Covers = nil
		st.FirstSubmit = ev
		out[code] = st
	}
	return out, rows.Err()
}

// eventColumns and eventJoins read a FormEvent f (scanned by eventDest).
var eventColumns = `ds.code, a.code, f.period, dv.uid, f.seq, f.hlc, f.action, f.comment, f.covers, cs.author, cs.at,
	` + officeOf("dv") + `, f.revoked`

const eventJoins = ` JOIN dataset ds ON ds.id = f.dataset_id JOIN area a ON a.id = f.area_id JOIN device dv ON dv.id = f.device_id
	JOIN changeset cs ON cs.id = f.changeset_id LEFT JOIN sync_writer w ON w.device_id = f.device_id`

// scanEvent reads a row whose columns are lead followed by eventColumns.
func scanEvent(rows *sql.Rows, e *FormEvent, lead ...any) error {
	var covers string
	err := rows.Scan(append(lead, &e.DataSet, &e.Area, &e.Period, &e.ID.Writer, &e.ID.Seq, &e.HLC, &e.Action, &e.Comment, &covers,
		&e.Author, &e.At, &e.Office, &e.Revoked)...)
	if err != nil {
		return err
	}
	e.Covers, err = parseOpIDs(covers)
	return err
}

// FormHistory returns every step of a form, oldest first (by clock).
func (s *Store) FormHistory(ctx context.Context, f Form) ([]FormEvent, error) {
	fr, err := formID(ctx, s.db, f)
	if err != nil {
		return nil, err
	}
	return s.formEvents(ctx, `f.dataset_id = ? AND f.area_id = ? AND f.period = ?`, fr.dataset, fr.area, fr.period)
}

func (s *Store) formEvents(ctx context.Context, where string, args ...any) ([]FormEvent, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+eventColumns+` FROM form_event f`+eventJoins+` WHERE `+where+` ORDER BY f.hlc, dv.uid`, args...)
	if err != nil {
		return nil, fmt.Errorf("read report steps: %w", err)
	}
	defer rows.Close()
	var out []FormEvent
	for rows.Next() {
		var e FormEvent
		if err := scanEvent(rows, &e); err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// ValuesAt returns what the values of a form showed as of a submission or
// an approval: each value computed from the changes the step covers (its
// Covers), by element code, or element.CATEGORY for a part; a value
// deleted or never entered is absent.
func (s *Store) ValuesAt(ctx context.Context, f Form, covers []OpID) (map[string]string, error) {
	elements, _, err := s.codes(ctx)
	if err != nil {
		return nil, err
	}
	seen := map[string]int64{}
	for _, id := range covers {
		seen[id.Writer] = max(seen[id.Writer], id.Seq)
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	fr, err := formID(ctx, tx, f)
	if err != nil {
		return nil, err
	}
	c := s.newCycleTx(ctx, tx, nil)
	ops, err := c.formOps(fr)
	if err != nil {
		return nil, err
	}
	out, err := c.excludedFor(fr)
	if err != nil {
		return nil, err
	}
	keys := map[keyRef]bool{}
	for _, k := range ops {
		keys[k] = true
	}
	vals := map[string]string{}
	for k := range keys {
		kops, err := c.keyOps(k)
		if err != nil {
			return nil, err
		}
		var uerr error
		win, _, err := c.keyState(kops, func(o *keyOp) bool {
			u, err := c.uid(o.device)
			if err != nil {
				uerr = err
			}
			return !out[o.opRef] && o.seq <= seen[u]
		})
		if err := errors.Join(err, uerr); err != nil {
			return nil, err
		}
		if win != nil && win.value.Valid {
			key := elements.code[k.element]
			if k.category != "" {
				key += "." + k.category
			}
			vals[key] = win.value.String
		}
	}
	return vals, nil
}

// AreasWithValues returns the areas that hold a value of any of the
// elements in the period (one range of the primary key per element), of
// the areas named only when areas is not nil.
func (s *Store) AreasWithValues(ctx context.Context, per string, elements, areas []string) (map[string]bool, error) {
	out := map[string]bool{}
	if len(elements) == 0 {
		return out, nil
	}
	if areas != nil && len(areas) <= maxAreasSought {
		return out, s.areasWithValuesIn(ctx, per, elements, areas, out)
	}
	args := []any{per}
	for _, e := range elements {
		args = append(args, e)
	}
	rows, err := s.db.QueryContext(ctx, `SELECT DISTINCT a.code FROM datavalue v JOIN area a ON a.id = v.area_id
		WHERE v.period = ? AND v.value IS NOT NULL AND v.element_id IN (SELECT id FROM element WHERE code IN (?`+strings.Repeat(",?", len(elements)-1)+`))`, args...)
	if err != nil {
		return nil, fmt.Errorf("read the areas with values: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var a string
		if err := rows.Scan(&a); err != nil {
			return nil, err
		}
		out[a] = true
	}
	return out, rows.Err()
}

// maxAreasSought is the number of areas up to which AreasWithValues looks
// for each area's values (a seek of the key per area and element, until
// one is found) rather than reading the period's values of the elements
// (at the national scale, 200,000 values for a year: 50 ms).
const maxAreasSought = 500

// areasWithValuesIn adds to out the areas among areas that hold a value of
// any of the elements in per.
func (s *Store) areasWithValuesIn(ctx context.Context, per string, elements, areas []string, out map[string]bool) error {
	codes, areaCodes, err := s.codes(ctx)
	if err != nil {
		return err
	}
	var ids []int64
	for _, e := range elements {
		if id, ok := codes.id[e]; ok {
			ids = append(ids, id)
		}
	}
	return s.withDirect(func(c *direct.Conn) error {
		for _, a := range areas {
			area, ok := areaCodes.id[a]
			if !ok {
				continue
			}
			for _, e := range ids {
				found, err := queryOne(c, `SELECT 1 FROM datavalue WHERE period = ? AND element_id = ? AND area_id = ? AND value IS NOT NULL`,
					func(*direct.Stmt) {}, per, e, area)
				if err != nil {
					return fmt.Errorf("read the areas with values: %w", err)
				}
				if found {
					out[a] = true
					break
				}
			}
		}
		return nil
	})
}
