package calc

import (
	"fmt"
	"math"
	"slices"
	"time"

	"chiso/data/catalog"
	"chiso/data/period"
)

// Figure is a computed value with what it is made of: whether every part
// of its period and every area below that should have a value has one.
type Figure struct {
	Value float64
	OK    bool // false when there is no value
	// Through is set when the figure is made from the parts of its period
	// (the years of a range, the quarters of a year, the months of a
	// quarter) and some are missing: the last part it has (2023 for a flow
	// over 2021-2025 with values up to 2023, or for a level, which is then
	// the value of 2023), or the last part of that part when it is itself
	// short (2023Q3). Zero when nothing is missing in time.
	Through period.Period
	// PartsWith and Parts count, for a figure added up or averaged from
	// parts (not a level, which is its last part's), the parts with a
	// value and the parts the area existed for (on their last day).
	PartsWith, Parts int
	// Gaps reports that some areas below, whose values make up the
	// figure, have none (or an incomplete one): a total of the communes
	// that have reported so far.
	Gaps bool
	// Stored reports a value stored for the area and period itself.
	Stored bool
	// Reporting counts the areas whose own stored values make up the
	// figure (1 for a stored value; for a level, those of its last part):
	// the 177 of "177/177 communes" for a count of yes.
	Reporting int
	// Mapped reports a figure made on other boundaries than the area had
	// in the period (see FigureOn): from the areas whose land is within it
	// on those boundaries, or, for a group, from the group's members on
	// them. Tables, charts, reports and sentences mark it "tính theo địa
	// giới mới" ("on today's boundaries").
	Mapped bool
	// NotComparable reports that no figure can be made on those
	// boundaries (OK is false): a split area whose share of the area asked
	// for is not recorded, a former area whose land went to areas that
	// also hold others'.
	NotComparable bool
	// Estimated counts, among them, the areas whose values are estimates
	// (store.Estimate): the 3 of "gồm số ước tính của 3/12 đơn vị".
	Estimated int
}

// Complete reports whether the figure has a value made of everything it
// should be: every part of its period and every area below.
func (f Figure) Complete() bool { return f.OK && f.Through.Year == 0 && !f.Gaps }

// Short reports whether the figure lacks parts of its period (a range
// still running): Through says up to when it goes.
func (f Figure) Short() bool { return f.Through.Year != 0 }

// fig is a Figure as the engine keeps it, small enough to keep one for
// every area, element and period of a nation.
type fig struct {
	v         float64
	reporting int32
	through   int32 // a period packed by pack, 0 when not short
	estimated int32 // of the areas reporting, those holding estimates
	with, of  uint8 // parts with a value, parts
	flags     uint8
}

const (
	figOK uint8 = 1 << iota
	figGaps
	figStored
	figMapped
	figNotComparable
)

// notComparable is the figure that cannot be made on the boundaries asked.
var notComparable = fig{flags: figNotComparable}

func (f fig) ok() bool            { return f.flags&figOK != 0 }
func (f fig) gaps() bool          { return f.flags&figGaps != 0 }
func (f fig) complete() bool      { return f.ok() && f.through == 0 && !f.gaps() }
func (f fig) notComparable() bool { return f.flags&figNotComparable != 0 }

// pack packs a year, quarter, month or half-year into an int32 (never 0).
func pack(p period.Period) int32 { return int32(p.Year)<<7 | int32(p.Type)<<4 | int32(p.Index) }

func unpack(x int32) period.Period {
	if x == 0 {
		return period.Period{}
	}
	return period.Period{Type: period.Type(x >> 4 & 7), Year: int(x >> 7), Index: int(x & 15)}
}

func (f fig) export() Figure {
	return Figure{Value: f.v, OK: f.ok(), Through: unpack(f.through), PartsWith: int(f.with), Parts: int(f.of),
		Gaps: f.gaps(), Stored: f.flags&figStored != 0, Reporting: int(f.reporting),
		Mapped: f.flags&figMapped != 0, NotComparable: f.notComparable(), Estimated: int(f.estimated)}
}

// Figure computes an element (CODE or CODE.CATEGORY) or an indicator for
// an area and a period, restricted to the areas of group when group is not
// empty, and says how complete it is.
//
// An element's figure is, in this order:
//   - the value stored for the area and the period, if there is one —
//     unless the figure is asked on boundaries where the area's land is
//     not what it was in the period (Hạ Long's 2019, stored without Hoành
//     Bồ, on the boundaries of 2020);
//   - for an area that did not exist on the last day of the period (it was
//     created later, or it had ended), or whose land changed between the
//     period and the boundaries asked for (see FigureOn), the figure made
//     on those boundaries: see below;
//   - for an element that aggregates over time (catalog.TimeFlow, TimeLevel,
//     TimeAverage) and a period with parts, when every part has a complete
//     figure: the area's figures for the parts (each found by this same
//     rule, with the areas of that part, on the boundaries of the period's
//     last day) added up (flow), averaged (average), or that of the last
//     part (level). Parts for which no figure can be made (before the
//     area existed, with nothing it was made of) do not count;
//   - the figures of the child areas valid on the last day of the period
//     (each under the parent it had on that day), aggregated by the
//     element's aggregation type (for a group, those of its topmost member
//     areas), when it is complete (so a commune that reports by the year
//     counts beside one that reports by the quarter);
//   - otherwise the figure from the parts when any part has a value (a
//     range still running, or with gaps), or else the one from the child
//     areas, with what it lacks (see Complete).
//
// On other boundaries (Mapped), an area's figure is made from the areas
// valid on the period's last day whose land lies within it on the
// boundaries' day (its composition, see Composition), by the element's
// aggregation: sums add, a split area counting by its recorded share;
// weighted averages are re-weighted with the shares; averages, minimums
// and maximums take the values as they are; yes/no counts add whole areas
// only. A share that is not recorded (or a split yes/no) makes the figure
// NotComparable. A figure of an area after it ended is the sum of the
// areas that took it over, when they lie wholly within it, and
// NotComparable otherwise. A group's figure on other boundaries is made
// of its members on those boundaries, each on them.
//
// The total of a disaggregated element is the sum of its categories, each
// found by this rule. An indicator is Factor × numerator / denominator,
// each read through this rule, so a rate over a range is that of its last
// year when its parts are levels; when the parts of a figure that is short
// in time reach different years, all are taken up to the earliest.
func (en *Engine) Figure(code, area string, p period.Period, group string) (Figure, error) {
	return en.FigureOn(code, area, p, group, time.Time{})
}

// FigureOn is Figure on the boundaries of day on: the area's land as it
// is on that day (for an area that ended before it, on its last day;
// created after it, on its first), so that figures of two periods compare
// like for like. Zero on, or a day before the period ends, is the
// period's own boundaries (Figure).
func (en *Engine) FigureOn(code, area string, p period.Period, group string, on time.Time) (Figure, error) {
	if en.areas[area] == nil {
		return Figure{}, fmt.Errorf("unknown area %q", area)
	}
	d := dayOf(on)
	if x := en.indicators[code]; x != nil {
		r, err := en.ratio(x, area, p, group, d)
		return r.Figure, err
	}
	e, cat, err := en.element(code)
	if err != nil {
		return Figure{}, err
	}
	f, err := en.at(e, cat, p, area, group, d)
	return f.export(), err
}

// Value returns the value of an element (code, or code.CATEGORY, or an
// indicator code) for an area and a period, restricted to the areas of
// group when group is not empty (see Figure). ok is false when there is
// no value.
func (en *Engine) Value(code, area string, p period.Period, group string) (float64, bool, error) {
	f, err := en.Figure(code, area, p, group)
	return f.Value, f.OK, err
}

// ValueOn is Value on the boundaries of day on (see FigureOn).
func (en *Engine) ValueOn(code, area string, p period.Period, group string, on time.Time) (float64, bool, error) {
	f, err := en.FigureOn(code, area, p, group, on)
	return f.Value, f.OK, err
}

// figure is the figure of an element for an area on the period's own
// boundaries, remembered.
func (en *Engine) figure(e *catalog.Element, cat, area string, p period.Period) (fig, error) {
	return en.figureOn(e, cat, area, p, 0)
}

// figureOn is the figure of an element for an area on the boundaries of
// day on (0: the period's own), remembered.
func (en *Engine) figureOn(e *catalog.Element, cat, area string, p period.Period, on day) (fig, error) {
	if on != 0 {
		// The same boundaries as the period's own, or the same land on
		// both: the figure of the period's own boundaries.
		t := dayOf(p.End())
		if b := en.bound(area, on, t); b == en.bound(area, 0, t) || en.composition(area, b, t).own {
			on = 0
		} else {
			on = b
		}
	}
	key := memoKey{e.Code, cat, area, on}
	memo := en.memo[p]
	if memo == nil {
		// Sized for a figure of each area: a table of every commune
		// remembers that many, and growing the map costs more than its
		// room.
		memo = make(map[memoKey]fig, len(en.areas))
		en.memo[p] = memo
	}
	if f, ok := memo[key]; ok {
		return f, nil
	}
	f, err := en.compute(e, cat, p, area, "", time.Time{}, on)
	if err == nil {
		memo[key] = f
	}
	return f, err
}

// at is the figure of an element for an area and a period, for the areas
// of group when group is not empty, on the boundaries of day on.
func (en *Engine) at(e *catalog.Element, cat string, p period.Period, area, group string, on day) (fig, error) {
	if group == "" {
		return en.figureOn(e, cat, area, p, on)
	}
	return en.compute(e, cat, p, area, group, time.Time{}, on)
}

// compute applies the rule of Figure on the boundaries of day on (0: the
// period's own). until, when not zero, leaves out the parts of p that
// start after it (to take the parts of an indicator up to the same part).
func (en *Engine) compute(e *catalog.Element, cat string, p period.Period, area, group string, until time.Time, on day) (fig, error) {
	if cat == "" && len(e.Categories) > 0 {
		return en.categories(e, p, area, group, until, on)
	}
	if group != "" && en.groups[group][area] {
		group = "" // the area is a member: its own figure
	}
	t := dayOf(p.End())
	b := en.bound(area, on, t)
	if group == "" {
		c := en.composition(area, b, t)
		if c.own || !en.life[area].on(t) {
			v, ok, est, err := en.stored(e, cat, p, area)
			if err != nil {
				return fig{}, err
			}
			if ok {
				f := fig{v: v, reporting: 1, flags: figOK | figStored}
				if est {
					f.estimated = 1
				}
				return f, nil
			}
		}
		if !c.own {
			return en.mapped(e, cat, p, area, until, b, c)
		}
	}
	parts, done, err := en.fromParts(e, cat, p, area, group, until, b)
	if err != nil || done {
		return parts, err
	}
	var areas fig
	if group == "" {
		areas, err = en.overChildren(e, cat, p, area, t)
	} else {
		// A group's members, on b's boundaries when they are other.
		members := en.members(area, group, b)
		var within day
		if b != t {
			within = b
		}
		areas, err = en.overAreas(e, cat, sharesOf(members), p, within, leaves{})
		if b != t && areas.ok() && !slices.Equal(members, en.members(area, group, t)) {
			areas.flags |= figMapped
		}
	}
	if err != nil || areas.complete() || areas.notComparable() || !parts.ok() {
		return areas, err
	}
	return parts, nil
}

// fromParts is the figure of an element that aggregates over time made
// from the parts of p on the boundaries of b, with done set when it is
// the figure (complete, or not comparable).
func (en *Engine) fromParts(e *catalog.Element, cat string, p period.Period, area, group string, until time.Time, b day) (fig, bool, error) {
	if e.TimeAggregationOrDefault() == catalog.TimeNone || len(p.Parts()) == 0 {
		return fig{}, false, nil
	}
	finer, err := en.hasFiner(p)
	if err != nil || !finer {
		return fig{}, false, err
	}
	parts, err := en.overTime(e, cat, p, area, group, until, b)
	return parts, err != nil || parts.complete() || parts.notComparable(), err
}

// mapped is the figure of area for p on the boundaries of b, which are
// not its own in p: from the parts of p, each on b, when they make a
// complete figure (or any figure, when until cuts p short: the areas of
// the composition have figures for the whole of p); else from the areas
// of its composition c.
func (en *Engine) mapped(e *catalog.Element, cat string, p period.Period, area string, until time.Time, b day, c composition) (fig, error) {
	if c.notComparable {
		return notComparable, nil
	}
	parts, done, err := en.fromParts(e, cat, p, area, "", until, b)
	if err != nil || done || !until.IsZero() && parts.ok() {
		return parts, err
	}
	areas, err := en.overAreas(e, cat, c.parts, p, 0, leaves{})
	if areas.ok() {
		areas.flags |= figMapped
	}
	if err != nil || areas.complete() || areas.notComparable() || !parts.ok() {
		return areas, err
	}
	return parts, nil
}

// categories is the total of a disaggregated element: the sum of its
// categories that have a value.
func (en *Engine) categories(e *catalog.Element, p period.Period, area, group string, until time.Time, on day) (fig, error) {
	var out fig
	for _, c := range e.Categories {
		f, err := en.compute(e, c, p, area, group, until, on)
		if err != nil || f.notComparable() {
			return f, err
		}
		if !f.ok() {
			continue
		}
		if !out.ok() {
			out = f
			out.flags &^= figStored
			continue
		}
		out.v += f.v
		out.reporting = max(out.reporting, f.reporting)
		out.estimated = max(out.estimated, f.estimated)
		out.flags |= f.flags & (figGaps | figMapped)
		if f.through != 0 && (out.through == 0 || unpack(f.through).End().Before(unpack(out.through).End())) {
			out.through, out.with, out.of = f.through, f.with, f.of
		}
	}
	return out, nil
}

// overTime makes the figure of an area for p from its figures for p's
// parts on the boundaries of b, by the element's time aggregation. A
// figure without any part with a value has none; one with a part that
// is not comparable is not comparable.
func (en *Engine) overTime(e *catalog.Element, cat string, p period.Period, area, group string, until time.Time, b day) (fig, error) {
	l := en.life[area]
	how := e.TimeAggregationOrDefault()
	var out fig
	var last fig // the figure of the last part with a value
	var estimated int32
	var lastPart period.Period
	lastAt := uint8(0) // its number among the parts the area existed for
	short := false     // a part misses, or is short itself
	for _, q := range p.Parts() {
		if qt := dayOf(q.End()); !l.on(qt) {
			// The area did not exist on the part's last day: the part
			// counts when something makes its figure on b.
			c := en.composition(area, en.bound(area, b, qt), qt)
			if group != "" || len(c.parts) == 0 && !c.notComparable {
				continue
			}
		}
		out.of++
		if !until.IsZero() && q.Start().After(until) {
			short = true
			continue
		}
		f, err := en.at(e, cat, q, area, group, b)
		if err != nil || f.notComparable() {
			return f, err
		}
		if !f.ok() {
			short = true
			continue
		}
		out.with++
		out.v += f.v
		estimated = max(estimated, f.estimated)
		out.flags |= f.flags & (figGaps | figMapped)
		short = short || f.through != 0
		last, lastPart, lastAt = f, q, out.of
	}
	if out.with == 0 {
		return fig{}, nil
	}
	switch how {
	case catalog.TimeLevel:
		// The value at the end: the last part's, short when a later part
		// of the area's life has none.
		out.v = last.v
		out.flags = last.flags & (figGaps | figMapped)
		short = lastAt < out.of || last.through != 0
		out.with, out.of = 0, 0 // only the last part counts
	case catalog.TimeAverage:
		out.v /= float64(out.with)
	}
	out.flags |= figOK
	out.reporting = last.reporting
	// A level is its last part's; a sum or mean rests on estimates when
	// any of its parts does.
	out.estimated = last.estimated
	if how != catalog.TimeLevel {
		out.estimated = min(estimated, out.reporting)
	}
	if short {
		out.through = last.through
		if out.through == 0 {
			out.through = pack(lastPart)
		}
	}
	return out, nil
}

// overAreas aggregates the figures of areas for p, each on the
// boundaries of on (0: its own), by the element's aggregation type, each
// counting by its share (see Figure), after the areas counted in l (a
// subtotal's, see overChildren). Areas without a value are left out, and
// make the figure one with gaps.
func (en *Engine) overAreas(e *catalog.Element, cat string, areas []share, p period.Period, on day, l leaves) (fig, error) {
	var out fig
	acc, weights, n, missing := l.sum, l.weights, l.n, l.missing
	out.reporting, out.estimated = int32(l.n), int32(l.est)
	for _, s := range areas {
		f, err := en.figureOn(e, cat, s.area, p, on)
		if err != nil || f.notComparable() {
			return f, err
		}
		if !f.ok() {
			missing++
			continue
		}
		v, w := f.v, s.w
		switch e.Aggregation {
		case catalog.WeightedAverage:
			wf, err := en.figureOn(en.elements[e.Weight], "", s.area, p, on)
			if err != nil || wf.notComparable() {
				return wf, err
			}
			if !wf.ok() {
				missing++
				continue
			}
			if math.IsNaN(w) {
				return notComparable, nil
			}
			acc += v * wf.v * w
			weights += wf.v * w
		case catalog.Min:
			if n == 0 || v < acc {
				acc = v
			}
		case catalog.Max:
			if n == 0 || v > acc {
				acc = v
			}
		case catalog.Average:
			acc += v
		case catalog.CountYes:
			if w != 1 {
				return notComparable, nil // a yes of a split area is in one part or another
			}
			acc += v
		default: // sum, last (in space: the sum)
			if math.IsNaN(w) {
				return notComparable, nil
			}
			acc += v * w
		}
		n++
		out.reporting += f.reporting
		out.estimated += f.estimated
		out.flags |= f.flags & figMapped
		if !f.complete() {
			out.flags |= figGaps
		}
	}
	if n == 0 {
		return fig{}, nil
	}
	if missing > 0 {
		out.flags |= figGaps
	}
	switch e.Aggregation {
	case catalog.Average:
		acc /= float64(n)
	case catalog.WeightedAverage:
		if weights == 0 {
			return fig{}, nil
		}
		acc /= weights
	}
	out.v = acc
	out.flags |= figOK
	return out, nil
}
