package calc_test

import (
	"database/sql"
	"math"
	"slices"
	"strings"
	"testing"
	"time"

	"chiso/data/calc"
	"chiso/data/catalog"
	"chiso/data/period"
)

// naive computes figures the slow, plain way, as a yardstick for the
// engine: the stored values, the area tree and the successors come from
// SQL over the raw tables (the parents over time and the shares of splits,
// which the database does not keep, from the catalog), and every figure is
// worked out again from them each time it is needed, by the rule
// calc.Engine.Figure documents, read literally. Where the engine walks
// back from an area to the areas it was made of, the naive follows every
// area of the period forward through its successors.
type naive struct {
	cat        *catalog.Catalog
	values     map[valueKey]float64
	areas      []string             // in catalog order
	parent     map[string]string    // the last parent
	level      map[string]int       // by area
	from, to   map[string]time.Time // validity dates, zero when open
	successors map[string][]string
	history    map[string]catalog.Area // the catalog's areas, for Parents and Shares
	member     map[string]bool
	// The tree and the compositions depend on the catalog only: each is
	// worked out once (the figures never are).
	belowCache   map[belowKey][]string
	composeCache map[composeKey]composed
}

type belowKey struct {
	area  string
	d     time.Time
	group bool
}

type composeKey struct {
	x    string
	b, t time.Time
}

type composed struct {
	parts              []nshare
	own, notComparable bool
}

func newNaive(t *testing.T, db *sql.DB, cat *catalog.Catalog) *naive {
	t.Helper()
	n := &naive{cat: cat, values: map[valueKey]float64{}, parent: map[string]string{}, level: map[string]int{},
		from: map[string]time.Time{}, to: map[string]time.Time{}, successors: map[string][]string{},
		history: map[string]catalog.Area{}, member: map[string]bool{},
		belowCache: map[belowKey][]string{}, composeCache: map[composeKey]composed{}}
	for _, a := range cat.Areas {
		n.history[a.Code] = a
	}
	query := func(q string, scan func(*sql.Rows) error) {
		rows, err := db.Query(q)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		for rows.Next() {
			if err := scan(rows); err != nil {
				t.Fatal(err)
			}
		}
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
	}
	query(`SELECT e.code, a.code, v.period, v.category, CAST(v.value AS REAL)
		FROM datavalue v JOIN element e ON e.id = v.element_id JOIN area a ON a.id = v.area_id
		WHERE v.value IS NOT NULL`, func(r *sql.Rows) error {
		var k valueKey
		var per string
		var v float64
		err := r.Scan(&k.element, &k.area, &per, &k.category, &v)
		k.period = period.MustParse(per)
		n.values[k] = v
		return err
	})
	query(`SELECT a.code, COALESCE(p.code, ''), a.level, a.valid_from, a.valid_to FROM area a LEFT JOIN area p ON p.id = a.parent_id ORDER BY a.id`,
		func(r *sql.Rows) error {
			var code, parent, from, to string
			var level int
			err := r.Scan(&code, &parent, &level, &from, &to)
			n.areas = append(n.areas, code)
			n.parent[code], n.level[code] = parent, level
			date := func(s string) time.Time {
				d, _ := time.Parse("2006-01-02", s)
				return d
			}
			n.from[code], n.to[code] = date(from), date(to)
			return err
		})
	query(`SELECT a.code, s.code FROM area_successor x JOIN area a ON a.id = x.area_id JOIN area s ON s.id = x.successor_id
		ORDER BY a.id, s.id`, func(r *sql.Rows) error {
		var a, s string
		err := r.Scan(&a, &s)
		n.successors[a] = append(n.successors[a], s)
		return err
	})
	query(`SELECT a.code FROM area_group_member m JOIN area a ON a.id = m.area_id WHERE m.group_code = 'G'`, func(r *sql.Rows) error {
		var code string
		err := r.Scan(&code)
		n.member[code] = true
		return err
	})
	return n
}

type valueKey struct {
	element, area string
	period        period.Period
	category      string
}

// nfig is the naive figure.
type nfig struct {
	v             float64
	ok, stored    bool
	gaps          bool
	through       period.Period
	with, of      int
	reporting     int
	short         bool
	mapped, noCmp bool
}

func (f nfig) complete() bool { return f.ok && !f.short && !f.gaps }

func (f nfig) export() calc.Figure {
	out := calc.Figure{Value: f.v, OK: f.ok, PartsWith: f.with, Parts: f.of, Gaps: f.gaps, Stored: f.stored, Reporting: f.reporting,
		Mapped: f.mapped, NotComparable: f.noCmp}
	if f.short {
		out.Through = f.through
	}
	return out
}

// valid reports whether area exists on day d.
func (n *naive) valid(area string, d time.Time) bool {
	from, to := n.from[area], n.to[area]
	return (from.IsZero() || !d.Before(from)) && (to.IsZero() || !d.After(to))
}

// parentOn is the parent area had on day d.
func (n *naive) parentOn(area string, d time.Time) string {
	a := n.history[area]
	if len(a.Parents) == 0 {
		return n.parent[area]
	}
	return a.ParentOn(d.Format("2006-01-02"))
}

// below returns the areas whose parent on day d is area, valid on d or,
// for a group, the topmost members of the group at or below it.
func (n *naive) below(area string, d time.Time, group bool) []string {
	k := belowKey{area, d, group}
	if out, ok := n.belowCache[k]; ok {
		return out
	}
	out := n.belowOnce(area, d, group)
	n.belowCache[k] = out
	return out
}

func (n *naive) belowOnce(area string, d time.Time, group bool) []string {
	var out []string
	for _, c := range n.areas {
		if !n.valid(c, d) || n.parentOn(c, d) != area {
			continue
		}
		if group && !n.member[c] {
			out = append(out, n.below(c, d, true)...)
			continue
		}
		out = append(out, c)
	}
	return out
}

// inside reports whether a is x or below it on day d.
func (n *naive) inside(a, x string, d time.Time) bool {
	for ; a != ""; a = n.parentOn(a, d) {
		if a == x {
			return true
		}
	}
	return false
}

// bound is the day whose boundaries area is taken on for a period ending
// on t, asked on the boundaries of on: the later of the two, moved into
// the area's life.
func (n *naive) bound(area string, on, t time.Time) time.Time {
	b := t
	if on.After(t) {
		b = on
	}
	if to := n.to[area]; !to.IsZero() && b.After(to) {
		b = to
	}
	if from := n.from[area]; !from.IsZero() && b.Before(from) {
		b = from
	}
	return b
}

// forward is the share of a's land within x on day b, following a's
// successors forward.
func (n *naive) forward(a, x string, b time.Time) float64 {
	if a == x {
		return 1
	}
	if n.valid(a, b) {
		return 0
	}
	succ := n.successors[a]
	sum := 0.0
	for _, s := range succ {
		sub := n.forward(s, x, b)
		if sub == 0 {
			continue
		}
		w := 1.0
		if len(succ) > 1 {
			v, ok := n.history[a].Shares[s]
			if !ok {
				v = math.NaN()
			}
			w = v
		}
		if w != 0 {
			sum += w * sub
		}
	}
	return sum
}

type nshare struct {
	area string
	w    float64
}

// compose returns the areas making x's figure for a period ending on t
// on the boundaries of b: every area valid on t with land in x on b (of
// x's level if any is), or, after x ended (t after b), every area valid
// on t that x's land went to, each of them holding none but x's land.
func (n *naive) compose(x string, b, t time.Time) (parts []nshare, own, notComparable bool) {
	k := composeKey{x, b, t}
	c, ok := n.composeCache[k]
	if !ok {
		c.parts, c.own, c.notComparable = n.composeOnce(x, b, t)
		n.composeCache[k] = c
	}
	return c.parts, c.own, c.notComparable
}

func (n *naive) composeOnce(x string, b, t time.Time) (parts []nshare, own, notComparable bool) {
	if !t.After(b) {
		var same, other []nshare
		for _, a := range n.areas {
			if !n.valid(a, t) {
				continue
			}
			if w := n.forward(a, x, b); w != 0 {
				if n.level[a] == n.level[x] {
					same = append(same, nshare{a, w})
				} else {
					other = append(other, nshare{a, w})
				}
			}
		}
		if len(same) == 0 {
			same = other
		}
		if len(same) == 1 && same[0] == (nshare{x, 1}) {
			return nil, true, false
		}
		return same, false, false
	}
	for _, s := range n.areas {
		if !n.valid(s, t) || !n.reaches(x, s, t) {
			continue
		}
		sub, own, _ := n.compose(s, n.bound(s, t, t), b)
		if own {
			return nil, false, true
		}
		for _, p := range sub {
			if !n.inside(p.area, x, b) {
				return nil, false, true
			}
		}
		parts = append(parts, nshare{s, 1})
	}
	return parts, false, false
}

// reaches reports whether s took over some of a, directly or through
// areas that ended before t.
func (n *naive) reaches(a, s string, t time.Time) bool {
	for _, x := range n.successors[a] {
		if x == s || !n.valid(x, t) && !n.to[x].IsZero() && n.to[x].Before(t) && n.reaches(x, s, t) {
			return true
		}
	}
	return false
}

func (n *naive) element(code string) *catalog.Element {
	for i := range n.cat.Elements {
		if n.cat.Elements[i].Code == code {
			return &n.cat.Elements[i]
		}
	}
	return nil
}

func (n *naive) figure(code, area string, p period.Period, group string, on time.Time) calc.Figure {
	for _, in := range n.cat.Indicators {
		if in.Code == code {
			return n.indicator(in, area, p, group != "", on)
		}
	}
	ecode, cat, _ := strings.Cut(code, ".")
	return n.elem(n.element(ecode), cat, area, p, group != "", time.Time{}, on).export()
}

// elem is the rule: stored; else, on boundaries other than the area's
// own, from its parts or its composition; else from the parts of p; else
// from the areas below.
func (n *naive) elem(e *catalog.Element, cat, area string, p period.Period, group bool, until, on time.Time) nfig {
	if cat == "" && len(e.Categories) > 0 {
		var out nfig
		for _, c := range e.Categories {
			f := n.elem(e, c, area, p, group, until, on)
			if f.noCmp {
				return f
			}
			if !f.ok {
				continue
			}
			if !out.ok {
				out, out.stored = f, false
				continue
			}
			out.v += f.v
			out.gaps = out.gaps || f.gaps
			out.mapped = out.mapped || f.mapped
			out.reporting = max(out.reporting, f.reporting)
			if f.short && (!out.short || f.through.End().Before(out.through.End())) {
				out.short, out.through, out.with, out.of = true, f.through, f.with, f.of
			}
		}
		return out
	}
	if group && n.member[area] {
		group = false
	}
	t := p.End()
	b := n.bound(area, on, t)
	if !group {
		shares, own, noCmp := n.compose(area, b, t)
		if own || !n.valid(area, t) {
			if v, ok := n.values[valueKey{e.Code, area, p, cat}]; ok {
				return nfig{v: v, ok: true, stored: true, reporting: 1}
			}
		}
		if !own {
			if noCmp {
				return nfig{noCmp: true}
			}
			fromParts := n.fromParts(e, cat, area, p, false, until, b)
			if fromParts.complete() || fromParts.noCmp || !until.IsZero() && fromParts.ok {
				return fromParts
			}
			fromAreas := n.fromAreas(e, cat, shares, p, time.Time{})
			fromAreas.mapped = fromAreas.mapped || fromAreas.ok
			if fromAreas.complete() || fromAreas.noCmp || !fromParts.ok {
				return fromAreas
			}
			return fromParts
		}
	}
	fromParts := n.fromParts(e, cat, area, p, group, until, b)
	if fromParts.complete() || fromParts.noCmp {
		return fromParts
	}
	var below []nshare
	var within time.Time
	moved := false
	if group {
		for _, m := range n.below(area, b, true) {
			below = append(below, nshare{m, 1})
		}
		if !b.Equal(t) {
			within = b
			moved = !slices.Equal(n.below(area, b, true), n.below(area, t, true))
		}
	} else {
		for _, c := range n.below(area, t, false) {
			below = append(below, nshare{c, 1})
		}
	}
	fromAreas := n.fromAreas(e, cat, below, p, within)
	fromAreas.mapped = fromAreas.mapped || moved && fromAreas.ok
	if fromAreas.complete() || fromAreas.noCmp || !fromParts.ok {
		return fromAreas
	}
	return fromParts
}

// fromParts makes the figure from the parts of p on the boundaries of b,
// when the element aggregates over time.
func (n *naive) fromParts(e *catalog.Element, cat, area string, p period.Period, group bool, until, b time.Time) nfig {
	how := e.TimeAggregationOrDefault()
	if how != catalog.TimeNone && len(p.Parts()) > 0 {
		// Every part the area existed for (or that something makes the
		// area's figure of), each worked out in full.
		var parts []period.Period
		var figs []nfig
		for _, q := range p.Parts() {
			if !n.valid(area, q.End()) {
				if group {
					continue
				}
				if shares, _, noCmp := n.compose(area, n.bound(area, b, q.End()), q.End()); len(shares) == 0 && !noCmp {
					continue
				}
			}
			parts = append(parts, q)
			f := nfig{}
			if until.IsZero() || !q.Start().After(until) {
				f = n.elem(e, cat, area, q, group, time.Time{}, b)
			}
			if f.noCmp {
				return f
			}
			figs = append(figs, f)
		}
		var out nfig
		last := -1
		for i, f := range figs {
			if f.ok {
				last = i
				out.with++
				out.v += f.v
			}
		}
		if last >= 0 {
			out.ok, out.of = true, len(parts)
			out.reporting = figs[last].reporting
			switch how {
			case catalog.TimeLevel:
				out.v = figs[last].v
				out.gaps = figs[last].gaps
				out.mapped = figs[last].mapped
				out.short = last < len(figs)-1 || figs[last].short
				out.with, out.of = 0, 0
			default:
				if how == catalog.TimeAverage {
					out.v /= float64(out.with)
				}
				for _, f := range figs {
					out.gaps = out.gaps || f.gaps
					out.mapped = out.mapped || f.mapped
					out.short = out.short || !f.ok || f.short
				}
			}
			if out.short {
				out.through = parts[last]
				if figs[last].short {
					out.through = figs[last].through
				}
			}
			return out
		}
	}
	return nfig{}
}

// fromAreas aggregates the figures of areas, each on the boundaries of on,
// counting each by its share.
func (n *naive) fromAreas(e *catalog.Element, cat string, areas []nshare, p period.Period, on time.Time) nfig {
	var w float64
	var out nfig
	count := 0
	for _, a := range areas {
		f := n.elem(e, cat, a.area, p, false, time.Time{}, on)
		if f.noCmp {
			return f
		}
		if !f.ok {
			out.gaps = true
			continue
		}
		switch e.Aggregation {
		case catalog.WeightedAverage:
			wf := n.elem(n.element(e.Weight), "", a.area, p, false, time.Time{}, on)
			if wf.noCmp {
				return wf
			}
			if !wf.ok {
				out.gaps = true
				continue
			}
			if math.IsNaN(a.w) {
				return nfig{noCmp: true}
			}
			out.v += f.v * wf.v * a.w
			w += wf.v * a.w
		case catalog.Min:
			if count == 0 || f.v < out.v {
				out.v = f.v
			}
		case catalog.Max:
			if count == 0 || f.v > out.v {
				out.v = f.v
			}
		case catalog.Average:
			out.v += f.v
		case catalog.CountYes:
			if a.w != 1 {
				return nfig{noCmp: true}
			}
			out.v += f.v
		default:
			if math.IsNaN(a.w) {
				return nfig{noCmp: true}
			}
			out.v += f.v * a.w
		}
		count++
		out.reporting += f.reporting
		out.gaps = out.gaps || !f.complete()
		out.mapped = out.mapped || f.mapped
	}
	if count == 0 {
		return nfig{}
	}
	switch e.Aggregation {
	case catalog.Average:
		out.v /= float64(count)
	case catalog.WeightedAverage:
		if w == 0 {
			return nfig{}
		}
		out.v /= w
	}
	out.ok = true
	return out
}

// indicator divides the numerator by the denominator, each summed from
// the figures of the codes it reads; when those reach different parts of
// p, all are taken again up to the earliest.
func (n *naive) indicator(in catalog.Indicator, area string, p period.Period, group bool, on time.Time) calc.Figure {
	var order []string // the codes read, in the order of the formulas
	for _, f := range []string{in.Numerator, in.Denominator} {
		if x, _ := calc.Parse(f); x != nil {
			for _, r := range x.Refs(nil) {
				if k := r.Code + "." + r.Category; !slices.Contains(order, k) {
					order = append(order, k)
				}
			}
		}
	}
	refs := func(until time.Time) map[string]nfig {
		out := map[string]nfig{}
		for _, k := range order {
			code, cat, _ := strings.Cut(k, ".")
			out[k] = n.elem(n.element(code), cat, area, p, group, until, on)
		}
		return out
	}
	figs := refs(time.Time{})
	ends := map[time.Time]period.Period{}
	for _, k := range order {
		f := figs[k]
		if _, seen := ends[f.through.End()]; f.ok && f.short && seen {
			continue // the first of equal ends
		}
		if f.ok {
			if f.short {
				ends[f.through.End()] = f.through
			} else {
				ends[p.End()] = period.Period{}
			}
		}
	}
	if len(ends) > 1 {
		var earliest time.Time
		for e := range ends {
			if earliest.IsZero() || e.Before(earliest) {
				earliest = e
			}
		}
		if ends[earliest].Year != 0 {
			figs = refs(ends[earliest].Start())
		}
	}
	for _, k := range order {
		if figs[k].noCmp {
			return calc.Figure{NotComparable: true}
		}
	}
	eval := func(s string) (float64, bool) {
		if s == "" {
			return 1, true
		}
		x, _ := calc.Parse(s)
		return x.Eval(func(code, cat string) (float64, bool) {
			f := figs[code+"."+cat]
			return f.v, f.ok
		})
	}
	num, ok1 := eval(in.Numerator)
	den, ok2 := eval(in.Denominator)
	if !ok1 || !ok2 || den == 0 {
		return calc.Figure{}
	}
	out := calc.Figure{Value: in.Factor * num / den, OK: true}
	for _, k := range order {
		f := figs[k]
		out.Gaps = out.Gaps || f.gaps
		out.Mapped = out.Mapped || f.mapped
		if f.short && (out.Through.Year == 0 || f.through.End().Before(out.Through.End())) {
			out.Through, out.PartsWith, out.Parts = f.through, f.with, f.of
		}
	}
	return out
}
