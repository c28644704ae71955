package calc_test

import (
	"database/sql"
	"slices"
	"strings"
	"testing"
	"time"

	"chiso/data/calc"
	"chiso/data/catalog"
	"chiso/data/period"
)

// naive computes figures the slow, plain way, as a yardstick for the
// engine: the stored values and the area tree come from SQL over the raw
// tables, and every figure is worked out again from them each time it is
// needed, by the rule calc.Engine.Figure documents, read literally.
type naive struct {
	cat      *catalog.Catalog
	values   map[valueKey]float64
	children map[string][]string  // by parent, in catalog order
	from, to map[string]time.Time // validity dates, zero when open
	member   map[string]bool
}

func newNaive(t *testing.T, db *sql.DB, cat *catalog.Catalog) *naive {
	t.Helper()
	n := &naive{cat: cat, values: map[valueKey]float64{}, children: map[string][]string{}, from: map[string]time.Time{},
		to: map[string]time.Time{}, member: map[string]bool{}}
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
	query(`SELECT a.code, COALESCE(p.code, ''), a.valid_from, a.valid_to FROM area a LEFT JOIN area p ON p.id = a.parent_id ORDER BY a.id`,
		func(r *sql.Rows) error {
			var code, parent, from, to string
			err := r.Scan(&code, &parent, &from, &to)
			n.children[parent] = append(n.children[parent], code)
			date := func(s string) time.Time {
				d, _ := time.Parse("2006-01-02", s)
				return d
			}
			n.from[code], n.to[code] = date(from), date(to)
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
	v          float64
	ok, stored bool
	gaps       bool
	through    period.Period
	with, of   int
	reporting  int
	short      bool
}

func (f nfig) complete() bool { return f.ok && !f.short && !f.gaps }

func (f nfig) export() calc.Figure {
	out := calc.Figure{Value: f.v, OK: f.ok, PartsWith: f.with, Parts: f.of, Gaps: f.gaps, Stored: f.stored, Reporting: f.reporting}
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

// below returns the children of area valid on p's last day or, for a
// group, the topmost members of the group at or below it.
func (n *naive) below(area string, p period.Period, group bool) []string {
	var out []string
	end := p.End()
	for _, c := range n.children[area] {
		if !n.valid(c, end) {
			continue
		}
		if group && !n.member[c] {
			out = append(out, n.below(c, p, true)...)
			continue
		}
		out = append(out, c)
	}
	return out
}

func (n *naive) element(code string) *catalog.Element {
	for i := range n.cat.Elements {
		if n.cat.Elements[i].Code == code {
			return &n.cat.Elements[i]
		}
	}
	return nil
}

func (n *naive) figure(code, area string, p period.Period, group string) calc.Figure {
	for _, in := range n.cat.Indicators {
		if in.Code == code {
			return n.indicator(in, area, p, group != "")
		}
	}
	ecode, cat, _ := strings.Cut(code, ".")
	return n.elem(n.element(ecode), cat, area, p, group != "", time.Time{}).export()
}

// elem is the rule: stored; else from the parts of p; else from the areas
// below.
func (n *naive) elem(e *catalog.Element, cat, area string, p period.Period, group bool, until time.Time) nfig {
	if cat == "" && len(e.Categories) > 0 {
		var out nfig
		for _, c := range e.Categories {
			f := n.elem(e, c, area, p, group, until)
			if !f.ok {
				continue
			}
			if !out.ok {
				out, out.stored = f, false
				continue
			}
			out.v += f.v
			out.gaps = out.gaps || f.gaps
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
	if !group {
		if v, ok := n.values[valueKey{e.Code, area, p, cat}]; ok {
			return nfig{v: v, ok: true, stored: true, reporting: 1}
		}
	}
	fromParts := n.fromParts(e, cat, area, p, group, until)
	if fromParts.complete() {
		return fromParts
	}
	fromAreas := n.fromAreas(e, cat, area, p, group)
	if fromAreas.complete() || !fromParts.ok {
		return fromAreas
	}
	return fromParts
}

// fromParts makes the figure from the parts of p, when the element
// aggregates over time.
func (n *naive) fromParts(e *catalog.Element, cat, area string, p period.Period, group bool, until time.Time) nfig {
	how := e.TimeAggregationOrDefault()
	if how != catalog.TimeNone && len(p.Parts()) > 0 {
		// Every part the area existed for, each worked out in full.
		var parts []period.Period
		var figs []nfig
		for _, q := range p.Parts() {
			if n.valid(area, q.End()) {
				parts = append(parts, q)
				f := nfig{}
				if until.IsZero() || !q.Start().After(until) {
					f = n.elem(e, cat, area, q, group, time.Time{})
				}
				figs = append(figs, f)
			}
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
				out.short = last < len(figs)-1 || figs[last].short
				out.with, out.of = 0, 0
			default:
				if how == catalog.TimeAverage {
					out.v /= float64(out.with)
				}
				for _, f := range figs {
					out.gaps = out.gaps || f.gaps
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

// fromAreas aggregates the figures of the areas below.
func (n *naive) fromAreas(e *catalog.Element, cat, area string, p period.Period, group bool) nfig {
	var w float64
	var out nfig
	count := 0
	for _, a := range n.below(area, p, group) {
		f := n.elem(e, cat, a, p, false, time.Time{})
		if !f.ok {
			out.gaps = true
			continue
		}
		switch e.Aggregation {
		case catalog.WeightedAverage:
			wf := n.elem(n.element(e.Weight), "", a, p, false, time.Time{})
			if !wf.ok {
				out.gaps = true
				continue
			}
			out.v += f.v * wf.v
			w += wf.v
		case catalog.Min:
			if count == 0 || f.v < out.v {
				out.v = f.v
			}
		case catalog.Max:
			if count == 0 || f.v > out.v {
				out.v = f.v
			}
		default:
			out.v += f.v
		}
		count++
		out.reporting += f.reporting
		out.gaps = out.gaps || !f.complete()
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
func (n *naive) indicator(in catalog.Indicator, area string, p period.Period, group bool) calc.Figure {
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
			out[k] = n.elem(n.element(code), cat, area, p, group, until)
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
		if f.short && (out.Through.Year == 0 || f.through.End().Before(out.Through.End())) {
			out.Through, out.PartsWith, out.Parts = f.through, f.with, f.of
		}
	}
	return out
}
