package calc

import (
	"fmt"
	"math"
	"time"

	"chiso/data/catalog"
	"chiso/data/period"
)

// Boundaries.
//
// An area's figure for a period is, by default, that of the area as it
// was in the period: Hạ Long in 2019, without Hoành Bồ, which joined it on
// 1/1/2020. A comparison over time needs both periods on the same
// boundaries, those of the later one: Hạ Long's 2019 on the boundaries of
// 2020 is Hạ Long's and Hoành Bồ's 2019 together. FigureOn computes a
// figure on the boundaries of a day, and Figure itself does so for an area
// that did not exist in the period (a commune created on 1/7/2025, for
// 2024: from the communes it was made of) or no longer existed (a former
// district, after it ended: from the areas that took it over).
//
// The areas whose figures make another's on other boundaries are its
// composition (see composition).

// day is a date as yyyymmdd, 0 for none (an open end).
type day int32

func dayOf(t time.Time) day {
	if t.IsZero() {
		return 0
	}
	y, m, d := t.Date()
	return day(y*10000 + int(m)*100 + d)
}

// parseDay reads yyyy-mm-dd; "" (or anything else) is 0.
func parseDay(s string) day {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return 0
	}
	n := 0
	for i, c := range []byte(s) {
		if i == 4 || i == 7 {
			continue
		}
		if c < '0' || c > '9' {
			return 0
		}
		n = n*10 + int(c-'0')
	}
	return day(n)
}

// time is the day as a time at midnight UTC.
func (d day) time() time.Time {
	return time.Date(int(d/10000), time.Month(d/100%100), int(d%100), 0, 0, 0, 0, time.UTC)
}

func (d day) String() string { return fmt.Sprintf("%04d-%02d-%02d", d/10000, d/100%100, d%100) }

// life is the span an area exists for, its ends 0 when open.
type life struct{ from, to day }

func (l life) on(d day) bool { return (l.from == 0 || l.from <= d) && (l.to == 0 || d <= l.to) }

// share is one area of a composition and the share of it that lies within
// the area composed: 1 for an area taken over whole, the recorded share
// (catalog.Area.Shares) for a split one, NaN for a split without one.
type share struct {
	area string
	w    float64
}

// composition is what makes an area's figure on other boundaries.
type composition struct {
	// own: the area's own figure (nothing joined it or left it between
	// the period and the boundaries' day).
	own bool
	// parts are the areas whose figures make it.
	parts []share
	// notComparable: the areas that took over a former area also hold
	// land of others, so no figure of it can be made after it ended.
	notComparable bool
}

type compKey struct {
	area string
	b, t day
}

// bound is the day whose boundaries an area's figure for a period ending
// on t is made on, when they are asked for on (0: the period's own): not
// before t, and within the area's life (an area that ended is taken on
// its last boundaries, one created later on its first).
func (en *Engine) bound(area string, on, t day) day {
	b := max(on, t)
	l := en.life[area]
	if l.to != 0 && b > l.to {
		b = l.to
	}
	if l.from != 0 && b < l.from {
		b = l.from
	}
	return b
}

// composition returns what makes the figure of area (valid on day b) for
// a period ending on t, on the boundaries of b:
//   - t ≤ b: the areas valid on t whose land is within area on b, each
//     with the share of it that is: the area itself if it existed on t,
//     and the areas that became part of it after t (through the successor
//     mapping, over any number of steps; a split one by its recorded
//     share). Of the areas found, those of area's own level are kept; areas
//     of another level only when there are none (a district without
//     communes that became a special zone).
//   - t > b (area ended before t): the areas valid on t that took it over,
//     when each holds only land that was area's on its last day (a district
//     split into communes that each lie within it); otherwise the figure is
//     not comparable.
func (en *Engine) composition(area string, b, t day) composition {
	if t <= b && en.life[area].on(t) && !en.joinedAfter(area, b, t) {
		return composition{own: true}
	}
	k := compKey{area, b, t}
	if c, ok := en.comps[k]; ok {
		return c
	}
	var c composition
	if t <= b {
		c.parts = en.predecessors(area, b, t)
		if len(c.parts) == 1 && c.parts[0] == (share{area, 1}) {
			c = composition{own: true} // what joined it brought no land of t
		}
	} else {
		c = en.successorsOn(area, b, t)
	}
	en.comps[k] = c
	return c
}

// joinedAfter reports whether an area that took area over ended on or
// after t and before b: it joined area between the two days.
func (en *Engine) joinedAfter(area string, b, t day) bool {
	for _, p := range en.preds[area] {
		if to := en.life[p].to; to >= t && to < b {
			return true
		}
	}
	return false
}

// predecessors are the areas valid on t whose land is within area on b,
// with their shares (see composition).
func (en *Engine) predecessors(area string, b, t day) []share {
	seen := map[string]bool{area: true}
	var found []string
	stack := []string{area}
	for len(stack) > 0 {
		a := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if en.life[a].on(t) {
			found = append(found, a)
		}
		for _, p := range en.preds[a] {
			if to := en.life[p].to; !seen[p] && to >= t && to < b {
				seen[p] = true
				stack = append(stack, p)
			}
		}
	}
	level := en.areas[area].Level
	var own, other []share
	for _, a := range found {
		w := en.within(a, area, b)
		if w == 0 {
			continue
		}
		if en.areas[a].Level == level {
			own = append(own, share{a, w})
		} else {
			other = append(other, share{a, w})
		}
	}
	if len(own) > 0 {
		return en.inCatalogOrder(own)
	}
	return en.inCatalogOrder(other)
}

// within is the share of area a's land that is within area x on day b,
// following a's successors until areas valid on b: 1 for a taken over
// whole (or x itself), the product of the shares along the way for a
// split, NaN where a split records no share, 0 when none of a went to x.
func (en *Engine) within(a, x string, b day) float64 { return en.withinDepth(a, x, b, 0) }

func (en *Engine) withinDepth(a, x string, b day, depth int) float64 {
	if a == x {
		return 1
	}
	if en.life[a].on(b) || depth > 64 {
		return 0 // still there on b: another area (or a loop of successors)
	}
	ar := en.areas[a]
	sum := 0.0
	for _, s := range ar.Successors {
		sub := en.withinDepth(s, x, b, depth+1)
		if sub == 0 {
			continue
		}
		w := 1.0
		if len(ar.Successors) > 1 {
			v, ok := ar.Shares[s]
			if !ok {
				v = math.NaN()
			}
			w = v
		}
		if w == 0 {
			continue
		}
		sum += w * sub
	}
	return sum
}

// successorsOn are the areas valid on t that took over area, which ended
// on b (b < t), each taken whole; not comparable when one of them also
// holds land that was not area's on b.
func (en *Engine) successorsOn(area string, b, t day) composition {
	var found []string
	seen := map[string]bool{}
	var walk func(a string)
	walk = func(a string) {
		for _, s := range en.areas[a].Successors {
			if seen[s] {
				continue
			}
			seen[s] = true
			if en.life[s].on(t) {
				found = append(found, s)
			} else if en.life[s].to != 0 && en.life[s].to < t {
				walk(s)
			}
		}
	}
	walk(area)
	var c composition
	for _, s := range en.inCatalogOrder(sharesOf(found)) {
		from := en.composition(s.area, en.bound(s.area, t, t), b)
		if from.own {
			return composition{notComparable: true} // it existed beside area on b
		}
		for _, p := range from.parts {
			if !en.inside(p.area, area, b) {
				return composition{notComparable: true}
			}
		}
		c.parts = append(c.parts, share{s.area, 1})
	}
	return c
}

func sharesOf(areas []string) []share {
	out := make([]share, len(areas))
	for i, a := range areas {
		out[i] = share{a, 1}
	}
	return out
}

// inside reports whether area a is x or lies below x on day d.
func (en *Engine) inside(a, x string, d day) bool {
	for n := 0; a != "" && n < 64; n++ {
		if a == x {
			return true
		}
		a = en.parentOn(a, d)
	}
	return false
}

// parentOn is the parent area a had on day d (see catalog.Area.ParentOn).
func (en *Engine) parentOn(a string, d day) string {
	ar := en.areas[a]
	if ar == nil {
		return ""
	}
	if len(ar.Parents) == 0 {
		return ar.Parent
	}
	return ar.ParentOn(d.String())
}

// inCatalogOrder sorts shares by the order of their areas in the catalog,
// so that sums add up in the same order every time.
func (en *Engine) inCatalogOrder(s []share) []share {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && en.order[s[j].area] < en.order[s[j-1].area]; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
	return s
}

// Part is one area whose figure makes another's on other boundaries
// (see Composition).
type Part struct {
	Area string
	// Share is the share of Area's land (population) that lies within the
	// area composed: 1 when it was taken over whole, NaN for a split
	// whose share is not recorded.
	Share float64
}

// Composition returns the areas whose figures make area's figure for p on
// the boundaries of day on (zero: p's own; see FigureOn), and whether they
// are other than area itself (own is false then). comparable is false
// when no figure can be made: area ended and the areas that took it over
// also hold others' land. No parts with own false means no area makes it.
func (en *Engine) Composition(area string, p period.Period, on time.Time) (parts []Part, own, comparable bool) {
	t := dayOf(p.End())
	c := en.composition(area, en.bound(area, dayOf(on), t), t)
	for _, s := range c.parts {
		parts = append(parts, Part{s.area, s.w})
	}
	return parts, c.own, !c.notComparable
}

// FigureBefore is the figure of an element (CODE or CODE.CATEGORY) for
// the part of p before area began, on area's boundaries: for a commune
// created on 1/7/2025 and the year 2025, its first half, made from what
// the communes it was made of reported for 2025Q1 and 2025Q2 (or their
// months), by the element's time aggregation (Figure's rule over the
// parts of p up to the last that ends before area began). through is
// that last part. The figure has no value when area existed for the
// whole of p, began after it, or nothing makes it.
func (en *Engine) FigureBefore(code, area string, p period.Period) (Figure, period.Period, error) {
	if en.areas[area] == nil {
		return Figure{}, period.Period{}, fmt.Errorf("unknown area %q", area)
	}
	e, cat, err := en.element(code)
	if err != nil {
		return Figure{}, period.Period{}, err
	}
	from := en.life[area].from
	if from <= dayOf(p.Start()) || from > dayOf(p.End()) || e.TimeAggregationOrDefault() == catalog.TimeNone {
		return Figure{}, period.Period{}, nil
	}
	var through period.Period
	for _, q := range p.Parts() {
		if dayOf(q.End()) < from {
			through = q
		}
	}
	if through.Year == 0 {
		return Figure{}, period.Period{}, nil
	}
	cats := []string{cat}
	if cat == "" && len(e.Categories) > 0 {
		cats = e.Categories
	}
	var out fig
	for _, c := range cats {
		f, err := en.overTime(e, c, p, area, "", through.Start(), en.bound(area, 0, dayOf(p.End())))
		if err != nil || f.notComparable() {
			return f.export(), through, err
		}
		if f.ok() {
			out.v += f.v
			out.flags |= f.flags
			out.reporting = max(out.reporting, f.reporting)
			out.estimated = max(out.estimated, f.estimated)
		}
	}
	return Figure{Value: out.v, OK: out.ok(), Mapped: out.flags&figMapped != 0, Gaps: out.gaps(), Reporting: int(out.reporting),
		Estimated: int(out.estimated)}, through, nil
}
