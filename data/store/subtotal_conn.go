package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"chiso/data/catalog"
	"chiso/data/store/internal/direct"
)

// directSub is the direct connection as the subtotals use it.
type directSub struct{ c *direct.Conn }

func (d directSub) values(per string, element, area int64, fn func(int64, string, float64, bool)) error {
	q, args := subtotalValuesQuery, []any{per, element}
	if area != 0 {
		q, args = subtotalAreaValuesQuery, append(args, area)
	}
	return eachRow(d.c, q, func(st *direct.Stmt) error {
		fn(st.Int64(0), st.Text(1), st.Float(2), st.Bool(3))
		return nil
	}, args...)
}

func (d directSub) exec(q string, args ...any) error { return d.c.Exec(q, args...) }

func (d directSub) meta(key string) (string, error) {
	var v string
	_, err := queryOne(d.c, `SELECT value FROM meta WHERE key = ?`, func(st *direct.Stmt) { v = st.Text(0) }, key)
	return v, err
}

func (d directSub) treeRows() ([]treeRow, map[int64][]catalog.ParentSpan, map[string]int64, error) {
	var rows []treeRow
	ids := map[string]int64{}
	err := eachRow(d.c, subtotalTreeQuery, func(st *direct.Stmt) error {
		r := treeRow{id: st.Int64(0), code: st.Text(1), parent: st.Int64(2), parentCode: st.Text(3), from: st.Text(4), to: st.Text(5)}
		rows = append(rows, r)
		ids[r.code] = r.id
		return nil
	})
	if err != nil {
		return nil, nil, nil, err
	}
	spans := map[int64][]catalog.ParentSpan{}
	err = eachRow(d.c, subtotalSpansQuery, func(st *direct.Stmt) error {
		id := st.Int64(0)
		spans[id] = append(spans[id], catalog.ParentSpan{Parent: st.Text(1), From: st.Text(2), To: st.Text(3)})
		return nil
	})
	return rows, spans, ids, err
}

func (d directSub) weights() ([]weightRow, error) {
	var out []weightRow
	err := eachRow(d.c, subtotalWeightsQuery, func(st *direct.Stmt) error {
		out = append(out, weightRow{st.Int64(0), st.Int64(1), st.Text(2), st.Text(3)})
		return nil
	})
	return out, err
}

// sqlSub is a database/sql transaction as the subtotals use it.
type sqlSub struct {
	ctx   context.Context
	tx    *sql.Tx
	stmts map[string]*sql.Stmt
}

func newSQLSub(ctx context.Context, tx *sql.Tx) *sqlSub {
	return &sqlSub{ctx: ctx, tx: tx, stmts: map[string]*sql.Stmt{}}
}

func (s *sqlSub) stmt(q string) (*sql.Stmt, error) {
	if st, ok := s.stmts[q]; ok {
		return st, nil
	}
	st, err := s.tx.PrepareContext(s.ctx, q)
	if err != nil {
		return nil, err
	}
	s.stmts[q] = st
	return st, nil
}

func (s *sqlSub) values(per string, element, area int64, fn func(int64, string, float64, bool)) error {
	q, args := subtotalValuesQuery, []any{per, element}
	if area != 0 {
		q, args = subtotalAreaValuesQuery, append(args, area)
	}
	st, err := s.stmt(q)
	if err != nil {
		return err
	}
	rows, err := st.QueryContext(s.ctx, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var a int64
		var c string
		var v float64
		var est bool
		if err := rows.Scan(&a, &c, &v, &est); err != nil {
			return err
		}
		fn(a, c, v, est)
	}
	return rows.Err()
}

func (s *sqlSub) exec(q string, args ...any) error {
	st, err := s.stmt(q)
	if err != nil {
		return err
	}
	_, err = st.ExecContext(s.ctx, args...)
	return err
}

func (s *sqlSub) meta(key string) (string, error) {
	var v string
	err := s.tx.QueryRowContext(s.ctx, `SELECT value FROM meta WHERE key = ?`, key).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return v, err
}

func (s *sqlSub) treeRows() ([]treeRow, map[int64][]catalog.ParentSpan, map[string]int64, error) {
	rows, err := s.tx.QueryContext(s.ctx, subtotalTreeQuery)
	if err != nil {
		return nil, nil, nil, err
	}
	defer rows.Close()
	var out []treeRow
	ids := map[string]int64{}
	for rows.Next() {
		var r treeRow
		if err := rows.Scan(&r.id, &r.code, &r.parent, &r.parentCode, &r.from, &r.to); err != nil {
			return nil, nil, nil, err
		}
		out = append(out, r)
		ids[r.code] = r.id
	}
	if err := rows.Err(); err != nil {
		return nil, nil, nil, err
	}
	rows.Close()
	spanRows, err := s.tx.QueryContext(s.ctx, subtotalSpansQuery)
	if err != nil {
		return nil, nil, nil, err
	}
	defer spanRows.Close()
	spans := map[int64][]catalog.ParentSpan{}
	for spanRows.Next() {
		var id int64
		var p catalog.ParentSpan
		if err := spanRows.Scan(&id, &p.Parent, &p.From, &p.To); err != nil {
			return nil, nil, nil, err
		}
		spans[id] = append(spans[id], p)
	}
	return out, spans, ids, spanRows.Err()
}

func (s *sqlSub) weights() ([]weightRow, error) {
	rows, err := s.tx.QueryContext(s.ctx, subtotalWeightsQuery)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []weightRow
	for rows.Next() {
		var w weightRow
		if err := rows.Scan(&w.element, &w.weight, &w.code, &w.weightCode); err != nil {
			return nil, err
		}
		out = append(out, w)
	}
	return out, rows.Err()
}

func (s *sqlSub) close() {
	for _, st := range s.stmts {
		st.Close()
	}
}

// subtotalTree returns the tree the writers keep the subtotals up to date
// with, read through c (and kept while the subtotals are built for it);
// nil when there are none to keep (they are built when the store opens).
func (s *Store) subtotalTree(c subtotalConn) (*tree, error) {
	s.treeMu.Lock()
	defer s.treeMu.Unlock()
	key, err := c.meta(subtotalTreeMeta)
	if err != nil || key == "" {
		return nil, err
	}
	// The tree kept is read again when the subtotals were built for
	// another: another process changed the catalog since.
	if s.tree == nil || key != s.tree.key {
		t, err := loadTree(c)
		if err != nil {
			return nil, err
		}
		s.tree = t
	}
	if key != s.tree.key {
		return nil, nil
	}
	return s.tree, nil
}

// newSubtotals starts the subtotal changes of a write transaction on c;
// integer tells which elements have integer values only.
func (s *Store) newSubtotals(c subtotalConn, integer func(int64) bool) *subtotalChanges {
	return newSubtotalChanges(c, func() (*tree, error) { return s.subtotalTree(c) }, integer)
}

// integerElements tells, by element id, which elements hold integers
// only (integers and yes/no).
func (r *refs) integerElements() func(int64) bool {
	var ints []bool // by id
	for _, er := range r.elements {
		for int64(len(ints)) <= er.id {
			ints = append(ints, false)
		}
		ints[er.id] = er.e.ValueType == catalog.Integer || er.e.ValueType == catalog.YesNo
	}
	return func(id int64) bool { return id >= 0 && id < int64(len(ints)) && ints[id] }
}

// catalogChanged forgets what was read of the catalog, after a
// transaction that changed it committed (and brought the subtotals up to
// date with the areas' tree, see subtotalsFollow). The caller holds s.mu.
func (s *Store) catalogChanged() {
	s.codeMu.Lock()
	s.elementCodes, s.areaCodes = nil, nil
	s.codeMu.Unlock()
	s.treeMu.Lock()
	s.tree = nil
	s.treeMu.Unlock()
}

// ensureSubtotals builds the subtotals when they were never built (a
// database made before them, or whose catalog's transaction dropped
// them), as the store opens. The caller holds s.mu (or is opening the
// store).
func (s *Store) ensureSubtotals(ctx context.Context) error {
	if s.readOnly {
		return nil
	}
	return s.withDirect(func(c *direct.Conn) error {
		key, err := directSub{c}.meta(subtotalTreeMeta)
		if err != nil || key != "" {
			return err
		}
		return inTx(ctx, c, func() error { return subtotalsFollow(c) })
	})
}

// RebuildSubtotals works every subtotal out again from the stored values,
// in one transaction (what `chiso check --repair` does when Check found
// subtotals that do not match the values).
func (s *Store) RebuildSubtotals(ctx context.Context) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	err := s.withDirect(func(c *direct.Conn) error {
		return inTx(ctx, c, func() error {
			if err := c.Exec(`DELETE FROM meta WHERE key = ?`, subtotalTreeMeta); err != nil {
				return err
			}
			return subtotalsFollow(c)
		})
	})
	if err != nil {
		return fmt.Errorf("rebuild the subtotals: %w", err)
	}
	return nil
}

// subtotalsFollow rebuilds the subtotals, inside the transaction open on
// c, when they were built with another areas' tree than the one c sees
// (the catalog's transaction changed it), or never built.
func subtotalsFollow(c *direct.Conn) error {
	dc := directSub{c}
	key, err := dc.meta(subtotalTreeMeta)
	if err != nil {
		return err
	}
	t, err := loadTree(dc)
	if err != nil || key == t.key {
		return err
	}
	periods, elements, err := subtotalGroups(c)
	if err != nil {
		return err
	}
	if err := rebuild(dc, t, periods, elements); err != nil {
		return fmt.Errorf("rebuild the subtotals: %w", err)
	}
	return nil
}

// subtotalGroups returns the periods with values and the ids of every
// element: the subtotals are kept for each pair.
func subtotalGroups(c *direct.Conn) ([]string, []int64, error) {
	periods, err := periodsOn(c)
	if err != nil {
		return nil, nil, err
	}
	var ids []int64
	err = eachRow(c, `SELECT id FROM element ORDER BY id`, func(st *direct.Stmt) error {
		ids = append(ids, st.Int64(0))
		return nil
	})
	return periods, ids, err
}

// Subtotals returns the subtotals kept for element in period per (see the
// comment at the top of subtotal.go), with the SubtotalKey of the catalog they
// follow: a reader whose catalog has another key must not use them.
func (s *Store) Subtotals(ctx context.Context, element, per string) (string, []Subtotal, error) {
	elements, areas, err := s.codes(ctx)
	if err != nil {
		return "", nil, err
	}
	id, ok := elements.id[element]
	if !ok {
		return "", nil, fmt.Errorf("unknown element %q", element)
	}
	var key string
	var out []Subtotal
	err = s.withDirect(func(c *direct.Conn) error {
		var err error
		if key, err = (directSub{c}).meta(subtotalTreeMeta); err != nil {
			return err
		}
		return eachRow(c, `SELECT area_id, category, own, own_est, n, sum, est, wsum FROM subtotal WHERE period = ? AND element_id = ?`, func(st *direct.Stmt) error {
			out = append(out, Subtotal{Area: areas.codeOf(st.Int64(0)), Category: st.Text(1), Own: st.Float(2), HasOwn: !st.IsNull(2),
				OwnEstimate: st.Bool(3), N: int(st.Int64(4)), Sum: st.Float(5), Estimates: int(st.Int64(6)), Weights: st.Float(7)})
			return nil
		}, per, id)
	})
	if err != nil {
		return "", nil, fmt.Errorf("read the subtotals of %s in %s: %w", element, per, err)
	}
	return key, out, nil
}

// checkSubtotals compares the subtotals kept with those worked out again
// from the stored values, and returns what differs.
func (s *Store) checkSubtotals() ([]string, error) {
	var problems []string
	err := s.withDirect(func(c *direct.Conn) error {
		if err := c.ExecScript("BEGIN"); err != nil {
			return err
		}
		defer c.ExecScript("COMMIT")
		dc := directSub{c}
		t, err := loadTree(dc)
		if err != nil {
			return err
		}
		// A file of an older version (a backup) has none, and one whose
		// area was deleted has them marked to build again: both are built
		// when the file is next opened for writing.
		if found, err := queryOne(c, `SELECT 1 FROM sqlite_schema WHERE name = 'subtotal'`, func(*direct.Stmt) {}); err != nil || !found {
			return err
		}
		key, err := dc.meta(subtotalTreeMeta)
		if err != nil || key == "" {
			return err
		}
		if key != t.key {
			// Every change of the areas rebuilds them in its transaction.
			problems = append(problems, "subtotals: made for other areas than the catalog's")
			return nil
		}
		codes := map[int64]string{}
		if err := eachRow(c, `SELECT id, code FROM element`, func(st *direct.Stmt) error {
			codes[st.Int64(0)] = st.Text(1)
			return nil
		}); err != nil {
			return err
		}
		type kept struct {
			area     int64
			category string
		}
		have := map[subGroup]map[kept]subRow{}
		err = eachRow(c, `SELECT period, element_id, area_id, category, own, own_est, n, sum, est, wsum FROM subtotal`, func(st *direct.Stmt) error {
			g := subGroup{st.Text(0), st.Int64(1)}
			if have[g] == nil {
				have[g] = map[kept]subRow{}
			}
			have[g][kept{st.Int64(2), st.Text(3)}] = subRow{category: st.Text(3), own: st.Float(4), hasOwn: !st.IsNull(4), ownEst: st.Bool(5),
				n: st.Int64(6), sum: st.Float(7), est: st.Int64(8), wsum: st.Float(9)}
			return nil
		})
		if err != nil {
			return err
		}
		periods, elements, err := subtotalGroups(c)
		if err != nil {
			return err
		}
		wrong := func(x, element int64, per, category, got, want string) {
			problems = append(problems, fmt.Sprintf("subtotal of %s, %s, %s, category %q: kept %s, the values give %s",
				t.code[x], codes[element], per, category, got, want))
		}
		for _, per := range periods {
			for _, e := range elements {
				g := subGroup{per, e}
				rows, order, err := expected(dc, t, per, e)
				if err != nil {
					return err
				}
				for _, x := range order {
					for _, want := range *rows[x] {
						if !want.hasOwn && want.n == 0 {
							continue
						}
						k := kept{x, want.category}
						got, ok := have[g][k]
						delete(have[g], k)
						if !ok {
							wrong(x, e, per, want.category, "none", want.String())
						} else if got != want {
							wrong(x, e, per, want.category, got.String(), want.String())
						}
					}
				}
			}
		}
		for g, rows := range have {
			for k, got := range rows {
				wrong(k.area, g.element, g.period, k.category, got.String(), "none")
			}
		}
		return nil
	})
	return problems, err
}
