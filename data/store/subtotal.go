package store

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"chiso/data/catalog"
)

// Subtotals.
//
// The figure of an area with children is, when no value is stored for it,
// made from its children's (package calc). In the common case — a sum, a
// count of yes, an average or a weighted average, on the period's own
// boundaries — what it needs of the children that have no children of
// their own (the communes of a district) is how many have a value and
// their total (weighted, for a weighted average). The store
// keeps these, so that a province's or the nation's figure reads a few
// rows instead of every commune's value: for each area that has children
// in the catalog (at any time), element, category and period, a row of
// the table subtotal holds
//   - own: the area's own stored value (NULL: none), own_est: 1 when it
//     is an estimate (status Estimate);
//   - n, sum: how many of its children without children of their own have
//     a stored value, and their sum, added in the order of their ids —
//     the children being the areas that exist on the period's last day
//     and have the area as their parent on that day; est: how many of
//     those values are estimates;
//   - for a weighted average, n, sum and est count only the children that
//     also have a value of the weight (its category ""), sum adds up each
//     value times its weight, and wsum the weights.
//
// A row exists only where own is set or n is not 0. The rows change in
// the same transaction as the values they add up: every path that writes
// datavalue notes what it changed in a subtotalChanges and flushes it
// before its commit. They are rebuilt whole when the areas' tree changes
// (SaveCatalog, DeleteArea), or a weighted average's weight, or when a
// database has none yet (one made before them). The meta key
// 'subtotal.tree' is the SubtotalKey of the catalog they were built with:
// a reader (calc.Engine) takes them only when its catalog has the same
// key, and writers keep them up to date only then.

// subtotalTreeMeta is the meta key holding the SubtotalKey the subtotals
// were built with.
const subtotalTreeMeta = "subtotal.tree"

// Subtotal is one row of the subtotals of an area with children (see
// Store.Subtotals).
type Subtotal struct {
	Area, Category string
	// Own is the value stored for the area itself, when HasOwn;
	// OwnEstimate tells it is an estimate.
	Own         float64
	HasOwn      bool
	OwnEstimate bool
	// N and Sum are the number and the sum of the stored values of the
	// area's children that have no children of their own, whose parent on
	// the period's last day is the area and which exist on that day;
	// Estimates is how many of them are estimates. For a weighted
	// average they count the children that have a weight too, Sum adds up
	// each value times its weight and Weights the weights.
	N         int
	Sum       float64
	Estimates int
	Weights   float64
}

// subtotalConn is what the subtotals need of a connection inside a write
// transaction: the direct connection or a database/sql transaction.
type subtotalConn interface {
	// values calls fn for each stored (not deleted) value of element in
	// per, in the order of area ids and categories, and whether it is an
	// estimate; of one area only when area is not 0.
	values(per string, element, area int64, fn func(area int64, category string, v float64, est bool)) error
	// exec runs a statement.
	exec(q string, args ...any) error
	// treeRows reads the areas for the tree.
	treeRows() ([]treeRow, map[int64][]catalog.ParentSpan, map[string]int64, error)
	// weights reads the weighted averages and their weights.
	weights() ([]weightRow, error)
	// meta reads a meta value ("" when unset).
	meta(key string) (string, error)
}

// Queries shared by both kinds of connection.
const (
	subtotalValuesQuery     = `SELECT area_id, category, CAST(value AS REAL), status != '' FROM datavalue WHERE period = ? AND element_id = ? AND value IS NOT NULL`
	subtotalAreaValuesQuery = `SELECT area_id, category, CAST(value AS REAL), status != '' FROM datavalue WHERE period = ? AND element_id = ? AND area_id = ? AND value IS NOT NULL`
	subtotalTreeQuery       = `SELECT a.id, a.code, COALESCE(a.parent_id, 0), COALESCE(p.code, ''), a.valid_from, a.valid_to FROM area a LEFT JOIN area p ON p.id = a.parent_id ORDER BY a.id`
	subtotalWeightsQuery    = `SELECT e.id, w.id, e.code, w.code FROM element e JOIN element w ON w.code = e.weight WHERE e.aggregation = 'weighted_average' ORDER BY e.id`
	subtotalSpansQuery      = `SELECT x.area_id, p.code, x.valid_from, x.valid_to FROM area_parent_span x JOIN area p ON p.id = x.parent_id ORDER BY x.area_id, x.valid_from`
	subtotalInsert          = `INSERT INTO subtotal(period, element_id, area_id, category, own, own_est, n, sum, est, wsum) VALUES (?,?,?,?,?,?,?,?,?,?)`
	subtotalDelete          = `DELETE FROM subtotal WHERE period = ? AND element_id = ? AND area_id = ?`
)

// subtotalChanges collects, inside one write transaction, what changed in
// the values the subtotals add up, and writes the subtotals before the
// commit (flush). A value written where the key had none is added to the
// subtotals (for integer values, whose float sums are exact in any
// order); any other change marks the subtotals it counts in to be worked
// out again from the stored values.
type subtotalChanges struct {
	c       subtotalConn
	load    func() (*tree, error) // the tree, or nil when the subtotals are not kept up to date
	t       *tree
	loaded  bool
	integer func(element int64) bool // whether an element's values are integers
	ends    ends

	add   map[subKey]*subDelta
	dirty map[subGroup]map[int64]bool // areas with children whose subtotals to work out again
	last  subKey
	lastD *subDelta
}

type subKey struct {
	period        string
	element, area int64
	category      string
}

type subGroup struct {
	period  string
	element int64
}

type subDelta struct {
	n, est         int64
	sum            float64
	own            float64
	hasOwn, ownEst bool
}

// maxExact is the magnitude up to which float64 holds every integer.
const maxExact = 1 << 53

// maxAdds is how many subtotals the additions of a transaction hold
// before they are written (a large import writes them as it goes, in key
// order).
const maxAdds = 1 << 14

func newSubtotalChanges(c subtotalConn, load func() (*tree, error), integer func(int64) bool) *subtotalChanges {
	return &subtotalChanges{c: c, load: load, integer: integer, add: map[subKey]*subDelta{}, dirty: map[subGroup]map[int64]bool{}}
}

func (s *subtotalChanges) tree() (*tree, error) {
	if !s.loaded {
		t, err := s.load()
		if err != nil {
			return nil, err
		}
		s.t, s.loaded = t, true
	}
	return s.t, nil
}

// added notes a value written for a key that had none ("" : nothing),
// an estimate when est.
func (s *subtotalChanges) added(per string, element, area int64, category, value string, est bool) error {
	if value == "" {
		return nil
	}
	t, err := s.tree()
	if err != nil || t == nil {
		return err
	}
	if !s.integer(element) || t.weight[element] != 0 {
		return s.changed(per, element, area)
	}
	s.weightChanged(t, per, element, area, category)
	v, err := strconv.ParseInt(value, 10, 64)
	if err != nil || v >= maxExact || v <= -maxExact {
		return s.changed(per, element, area)
	}
	k := subKey{per, element, area, category}
	if !t.tracked(area) {
		k.area = t.parentOn(area, s.ends.of(per))
		if k.area == 0 {
			return nil
		}
	}
	d := s.lastD
	if s.lastD == nil || k != s.last {
		if d = s.add[k]; d == nil {
			if len(s.add) >= maxAdds {
				if err := s.flushAdds(); err != nil {
					return err
				}
			}
			d = &subDelta{}
			s.add[k] = d
		}
		s.last, s.lastD = k, d
	}
	if k.area == area {
		d.own, d.hasOwn, d.ownEst = float64(v), true, est
		return nil
	}
	d.n++
	d.sum += float64(v)
	if est {
		d.est++
	}
	if math.Abs(d.sum) >= maxExact {
		return s.changed(per, element, area)
	}
	return nil
}

// changed notes any other change of the value of a key: its subtotals are
// worked out again from the stored values.
func (s *subtotalChanges) changed(per string, element, area int64) error {
	t, err := s.tree()
	if err != nil || t == nil {
		return err
	}
	s.weightChanged(t, per, element, area, "")
	s.mark(t, per, element, area)
	return nil
}

// mark notes that the subtotal of element in per that a value of area
// counts in is to be worked out again.
func (s *subtotalChanges) mark(t *tree, per string, element, area int64) {
	x := area
	if !t.tracked(area) {
		if x = t.parentOn(area, s.ends.of(per)); x == 0 {
			return
		}
	}
	g := subGroup{per, element}
	if s.dirty[g] == nil {
		s.dirty[g] = map[int64]bool{}
	}
	s.dirty[g][x] = true
}

// weightChanged marks, when element is the weight of weighted averages
// and category its own (""; "" too when not known), their subtotals that
// a weight of area counts in.
func (s *subtotalChanges) weightChanged(t *tree, per string, element, area int64, category string) {
	if category != "" {
		return
	}
	for _, e := range t.weighted[element] {
		s.mark(t, per, e, area)
	}
}

// flush writes the subtotals changed.
func (s *subtotalChanges) flush() error {
	if s.t == nil {
		return nil
	}
	for g, xs := range s.dirty {
		if err := recompute(s.c, s.t, g, xs); err != nil {
			return err
		}
	}
	if err := s.flushAdds(); err != nil {
		return err
	}
	clear(s.dirty)
	return nil
}

// flushAdds writes the additions noted, in key order, many rows a
// statement, but those of subtotals to work out again.
func (s *subtotalChanges) flushAdds() error {
	keys := make([]subKey, 0, len(s.add))
	for k := range s.add {
		if !s.dirty[subGroup{k.period, k.element}][k.area] {
			keys = append(keys, k)
		}
	}
	slices.SortFunc(keys, func(a, b subKey) int {
		if c := strings.Compare(a.period, b.period); c != 0 {
			return c
		}
		if c := cmp.Compare(a.element, b.element); c != 0 {
			return c
		}
		if c := cmp.Compare(a.area, b.area); c != 0 {
			return c
		}
		return strings.Compare(a.category, b.category)
	})
	args := make([]any, 0, upsertColumns*subtotalBatch)
	for i, k := range keys {
		d := s.add[k]
		var own any
		if d.hasOwn {
			own = d.own
		}
		args = append(args, k.period, k.element, k.area, k.category, own, d.ownEst, d.n, d.sum, d.est, 0)
		if n := len(args) / upsertColumns; n == subtotalBatch || i == len(keys)-1 {
			if err := s.c.exec(upsertRows(n), args...); err != nil {
				return fmt.Errorf("subtotals: %w", err)
			}
			args = args[:0]
		}
	}
	clear(s.add)
	s.lastD = nil
	return nil
}

// subtotalBatch is the number of subtotals written by one statement.
const subtotalBatch = 64

// upsertColumns is the number of values of a row of upsertRows.
const upsertColumns = 10

// upsertRows is the statement adding n rows to the subtotals.
func upsertRows(n int) string {
	row := "(" + strings.Repeat("?,", upsertColumns-1) + "?)"
	return `INSERT INTO subtotal(period, element_id, area_id, category, own, own_est, n, sum, est, wsum) VALUES ` +
		strings.Repeat(row+",", n-1) + row + `
		ON CONFLICT DO UPDATE SET own = COALESCE(excluded.own, own), own_est = IIF(excluded.own IS NULL, own_est, excluded.own_est),
		n = n + excluded.n, sum = sum + excluded.sum, est = est + excluded.est, wsum = wsum + excluded.wsum`
}

// subRow is a subtotal being worked out.
type subRow struct {
	category       string
	own            float64
	hasOwn, ownEst bool
	n, est         int64
	sum, wsum      float64
}

// count adds a value to the subtotal: the area's own, or a child's.
func (r *subRow) count(own bool, v float64, est bool) {
	if own {
		r.own, r.hasOwn, r.ownEst = v, true, est
		return
	}
	r.n++
	r.sum += v
	if est {
		r.est++
	}
}

// countWeighted adds a child's value v of a weighted average, of weight w.
func (r *subRow) countWeighted(v, w float64, est bool) {
	r.count(false, v*w, est)
	r.wsum += w
}

// String tells what a subtotal holds, for a report of Check.
func (r subRow) String() string {
	own := "none"
	if r.hasOwn {
		own = strconv.FormatFloat(r.own, 'g', -1, 64)
		if r.ownEst {
			own += " (estimate)"
		}
	}
	out := fmt.Sprintf("own %s, %d children adding up to %s", own, r.n, strconv.FormatFloat(r.sum, 'g', -1, 64))
	if r.est > 0 {
		out += fmt.Sprintf(" (%d estimates)", r.est)
	}
	if r.wsum != 0 {
		out += ", weights " + strconv.FormatFloat(r.wsum, 'g', -1, 64)
	}
	return out
}

// subRows are the rows of one area, by category.
type subRows []subRow

func (r *subRows) get(category string) *subRow {
	for i := range *r {
		if (*r)[i].category == category {
			return &(*r)[i]
		}
	}
	*r = append(*r, subRow{category: category})
	return &(*r)[len(*r)-1]
}

// recompute works out again the subtotals of the areas xs for one period
// and element from the stored values: by a read of each area and its
// children for a few areas, by one read of the element's values in the
// period for more.
func recompute(c subtotalConn, t *tree, g subGroup, xs map[int64]bool) error {
	d := periodEnd(g.period)
	rows := map[int64]*subRows{}
	for x := range xs {
		rows[x] = &subRows{}
	}
	var w weights
	put := func(area int64, category string, v float64, est bool) {
		if r := rows[area]; r != nil && t.tracked(area) {
			r.get(category).count(true, v, est)
		} else if r := rows[t.parentOn(area, d)]; r != nil {
			w.count(r.get(category), area, v, est)
		}
	}
	if len(xs) > 4 {
		if err := w.read(c, t, g, 0); err != nil {
			return err
		}
		if err := c.values(g.period, g.element, 0, put); err != nil {
			return err
		}
	} else {
		for x := range xs {
			for _, a := range append([]int64{x}, t.leaves(x, d)...) {
				if err := w.read(c, t, g, a); err != nil {
					return err
				}
				if err := c.values(g.period, g.element, a, put); err != nil {
					return err
				}
			}
		}
	}
	for x, r := range rows {
		if err := c.exec(subtotalDelete, g.period, g.element, x); err != nil {
			return fmt.Errorf("subtotals: %w", err)
		}
		if err := writeRows(c, g, x, *r); err != nil {
			return err
		}
	}
	return nil
}

// weights are the weights of the values of a weighted average, by area
// (nil for another element).
type weights map[int64]float64

// read reads the weights of element g.element in g.period when it is a
// weighted average, of one area only when area is not 0.
func (w *weights) read(c subtotalConn, t *tree, g subGroup, area int64) error {
	weight := t.weight[g.element]
	if weight == 0 {
		return nil
	}
	if *w == nil {
		*w = weights{}
	}
	return c.values(g.period, weight, area, func(a int64, category string, v float64, _ bool) {
		if category == "" {
			(*w)[a] = v
		}
	})
}

// count adds a child's value to r: with its weight for a weighted
// average (none: not counted), as it is otherwise.
func (w weights) count(r *subRow, area int64, v float64, est bool) {
	if w == nil {
		r.count(false, v, est)
	} else if wv, ok := w[area]; ok {
		r.countWeighted(v, wv, est)
	}
}

// writeRows inserts the subtotals of area x, those that hold something.
func writeRows(c subtotalConn, g subGroup, x int64, rows subRows) error {
	for _, row := range rows {
		if !row.hasOwn && row.n == 0 {
			continue
		}
		var own any
		if row.hasOwn {
			own = row.own
		}
		if err := c.exec(subtotalInsert, g.period, g.element, x, row.category, own, row.ownEst, row.n, row.sum, row.est, row.wsum); err != nil {
			return fmt.Errorf("subtotals: %w", err)
		}
	}
	return nil
}

// rebuild works out every subtotal again from the stored values, for the
// tree t, and records t's key.
func rebuild(c subtotalConn, t *tree, periods []string, elements []int64) error {
	if err := c.exec(`DELETE FROM subtotal`); err != nil {
		return fmt.Errorf("subtotals: %w", err)
	}
	for _, per := range periods {
		for _, e := range elements {
			rows, order, err := expected(c, t, per, e)
			if err != nil {
				return err
			}
			for _, x := range order {
				if err := writeRows(c, subGroup{per, e}, x, *rows[x]); err != nil {
					return err
				}
			}
		}
	}
	return c.exec(`INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`, subtotalTreeMeta, t.key)
}

// expected works out the subtotals of element in per from the stored
// values: the rows by area, and the areas by id.
func expected(c subtotalConn, t *tree, per string, element int64) (map[int64]*subRows, []int64, error) {
	d := periodEnd(per)
	rows := map[int64]*subRows{}
	var order []int64
	at := func(x int64) *subRows {
		r := rows[x]
		if r == nil {
			r = &subRows{}
			rows[x] = r
			order = append(order, x)
		}
		return r
	}
	var w weights
	if err := w.read(c, t, subGroup{per, element}, 0); err != nil {
		return nil, nil, err
	}
	err := c.values(per, element, 0, func(area int64, category string, v float64, est bool) {
		if t.tracked(area) {
			at(area).get(category).count(true, v, est)
		} else if x := t.parentOn(area, d); x != 0 {
			w.count(at(x).get(category), area, v, est)
		}
	})
	slices.Sort(order)
	return rows, order, err
}
