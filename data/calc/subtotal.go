package calc

import (
	"context"

	"chiso/data/catalog"
	"chiso/data/period"
	"chiso/data/store"
)

// Subtotals.
//
// A store keeps, for every area with children, its own stored value and
// how many of its children without children have a value and their sum
// (store.Subtotal, for the children on the period's last day). Where the
// rule of Figure makes an area's figure from its children by a sum, a
// count of yes or an average, on the period's own boundaries, and no
// figure of the element can come from the parts of the period, the
// children without children count through that subtotal instead of one
// by one: a province's figure reads its own row and its districts'
// figures, not its communes' values. A weighted average takes the sum of
// its children's values times their weights and the sum of the weights
// the same way. Everything else (minimums and maximums, figures made from
// the parts of a period or on other boundaries, groups, the figures of
// the children themselves) reads the stored values as before. The
// subtotals are taken only when the store built them with the same areas'
// tree and weights as the engine's catalog (store.SubtotalKey).

// SubtotalSource is a Source that keeps subtotals (store.Store does).
type SubtotalSource interface {
	// Subtotals returns the subtotals of element in period, with the
	// SubtotalKey of the catalog they were made with.
	Subtotals(ctx context.Context, element, period string) (string, []store.Subtotal, error)
}

// subtotal is the part of a store.Subtotal the engine keeps.
type subtotal struct {
	own            float64
	hasOwn, ownEst bool
	n, est         int
	sum, weights   float64
}

// subtotals returns the subtotals of element in p, read once; ok is false
// when the source keeps none the engine may use.
func (en *Engine) subtotals(p period.Period, element string) (map[factKey]subtotal, bool, error) {
	if m, ok := en.subs[p][element]; ok {
		return m, true, nil
	}
	src, ok := en.src.(SubtotalSource)
	if !ok || en.noSubtotals {
		return nil, false, nil
	}
	key, rows, err := src.Subtotals(en.ctx, element, p.String())
	if err != nil {
		return nil, false, err
	}
	if en.treeKey == "" {
		en.treeKey = store.SubtotalKey(en.Catalog)
	}
	if key != en.treeKey {
		en.noSubtotals = true
		return nil, false, nil
	}
	m := make(map[factKey]subtotal, len(rows))
	for _, r := range rows {
		m[factKey{r.Area, r.Category}] = subtotal{own: r.Own, hasOwn: r.HasOwn, ownEst: r.OwnEstimate, n: r.N, est: r.Estimates, sum: r.Sum, weights: r.Weights}
	}
	if en.subs[p] == nil {
		en.subs[p] = map[string]map[factKey]subtotal{}
	}
	en.subs[p][element] = m
	return m, true, nil
}

// hasChildren reports whether area has children in the catalog (at any
// time): the store keeps its subtotals.
func (en *Engine) hasChildren(area string) bool { return len(en.children[area]) > 0 }

// stored returns the value stored for an area in p, and whether it is an
// estimate: from its subtotals for an area with children, from the values
// of the element in p otherwise.
func (en *Engine) stored(e *catalog.Element, cat string, p period.Period, area string) (v float64, ok, est bool, err error) {
	if en.hasChildren(area) {
		subs, ok, err := en.subtotals(p, e.Code)
		if err != nil || ok {
			s := subs[factKey{area, cat}]
			return s.own, s.hasOwn, s.ownEst, err
		}
	}
	facts, err := en.elementFacts(p, e.Code)
	if err != nil {
		return 0, false, false, err
	}
	k := factKey{area, cat}
	v, ok = facts[k]
	return v, ok, ok && en.est[p][e.Code][k], nil
}

// bySubtotal reports whether the figure of e in p over an area's
// children may take the children without children through the area's
// subtotal: an aggregation that adds them up, and no figure of e (or of
// its weight) made from the parts of p.
func (en *Engine) bySubtotal(e *catalog.Element, p period.Period) (bool, error) {
	fromParts := e.TimeAggregationOrDefault() != catalog.TimeNone
	switch e.Aggregation {
	case catalog.Min, catalog.Max:
		return false, nil
	case catalog.WeightedAverage:
		w := en.elements[e.Weight]
		if w == nil {
			return false, nil
		}
		fromParts = fromParts || w.TimeAggregationOrDefault() != catalog.TimeNone
	}
	if fromParts && len(p.Parts()) > 0 {
		finer, err := en.hasFiner(p)
		if err != nil || finer {
			return false, err
		}
	}
	return true, nil
}

// leaves is what the children without children of an area add to its
// figure over its children: how many have a value, their sum, how many
// of those are estimates, and how many have none; for a weighted average,
// the sum of each value times its weight and the sum of the weights, of
// those having both.
type leaves struct {
	n, est, missing int
	sum, weights    float64
}

// overChildren aggregates the figures of the children of area valid on
// t (the last day of p), those without children through the area's
// subtotal when the rule allows (see bySubtotal), by overAreas.
func (en *Engine) overChildren(e *catalog.Element, cat string, p period.Period, area string, t day) (fig, error) {
	children := en.childrenOn(area, t)
	ok, err := en.bySubtotal(e, p)
	if err != nil || !ok {
		return en.overAreas(e, cat, sharesOf(children), p, 0, leaves{})
	}
	subs, ok, err := en.subtotals(p, e.Code)
	if err != nil || !ok {
		if err != nil {
			return fig{}, err
		}
		return en.overAreas(e, cat, sharesOf(children), p, 0, leaves{})
	}
	k := en.kids[kidsKey{area, t}]
	s := subs[factKey{area, cat}]
	if s.n > k.leaves {
		// Not the children the engine sees: read them one by one.
		return en.overAreas(e, cat, sharesOf(children), p, 0, leaves{})
	}
	return en.overAreas(e, cat, sharesOf(k.inner), p, 0, leaves{n: s.n, est: s.est, sum: s.sum, weights: s.weights, missing: k.leaves - s.n})
}

// setSubtotal brings the subtotals read of element in p up to date with
// a value of area just saved (present false: deleted), after the values
// read were (when they were read): an area with children's own value is
// set; the subtotal of the parent of one without children is added up
// again from the values read, or, when they were not, read again when
// next needed.
func (en *Engine) setSubtotal(p period.Period, element, area, category string, value float64, present bool) {
	// The weighted averages of a weight, and a weighted average's own
	// subtotals, are read again when next needed.
	for _, e := range en.Catalog.Elements {
		if e.Aggregation == catalog.WeightedAverage && (e.Weight == element || e.Code == element) {
			delete(en.subs[p], e.Code)
		}
	}
	subs, ok := en.subs[p][element]
	if !ok {
		return
	}
	if en.hasChildren(area) {
		s := subs[factKey{area, category}]
		s.own, s.hasOwn = value, present
		s.ownEst = present && en.est[p][element][factKey{area, category}]
		subs[factKey{area, category}] = s
		return
	}
	en.leafSubtotal(subs, p, element, area, category)
}

// setEstimateSubtotal brings the subtotals read of element in p up to
// date with a value of area just marked an estimate or not (see
// SetEstimate), as setSubtotal does.
func (en *Engine) setEstimateSubtotal(p period.Period, element, area, category string, estimate bool) {
	if e := en.elements[element]; e != nil && e.Aggregation == catalog.WeightedAverage {
		delete(en.subs[p], element)
		return
	}
	subs, ok := en.subs[p][element]
	if !ok {
		return
	}
	if en.hasChildren(area) {
		s := subs[factKey{area, category}]
		s.ownEst = s.hasOwn && estimate
		subs[factKey{area, category}] = s
		return
	}
	en.leafSubtotal(subs, p, element, area, category)
}

// leafSubtotal adds up again, from the values read, the subtotal of the
// parent of area (which has no children) that its value counts in; when
// the values were not read, the subtotals of element in p are read again
// when next needed.
func (en *Engine) leafSubtotal(subs map[factKey]subtotal, p period.Period, element, area, category string) {
	t := dayOf(p.End())
	if !en.life[area].on(t) {
		return
	}
	x := en.parentOn(area, t)
	if x == "" {
		return
	}
	facts, ok := en.facts[p][element]
	if !ok {
		delete(en.subs[p], element)
		return
	}
	s := subs[factKey{x, category}]
	s.n, s.sum, s.est = 0, 0, 0
	for _, c := range en.childrenOn(x, t) {
		if v, ok := facts[factKey{c, category}]; ok && !en.hasChildren(c) {
			s.n++
			s.sum += v
			if en.est[p][element][factKey{c, category}] {
				s.est++
			}
		}
	}
	subs[factKey{x, category}] = s
}
