package calc

import (
	"fmt"
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
	with, of  uint8 // parts with a value, parts
	flags     uint8
}

const (
	figOK uint8 = 1 << iota
	figGaps
	figStored
)

func (f fig) ok() bool       { return f.flags&figOK != 0 }
func (f fig) gaps() bool     { return f.flags&figGaps != 0 }
func (f fig) complete() bool { return f.ok() && f.through == 0 && !f.gaps() }

// pack packs a year, quarter or month into an int32 (never 0).
func pack(p period.Period) int32 { return int32(p.Year)<<6 | int32(p.Type)<<4 | int32(p.Index) }

func unpack(x int32) period.Period {
	if x == 0 {
		return period.Period{}
	}
	return period.Period{Type: period.Type(x >> 4 & 3), Year: int(x >> 6), Index: int(x & 15)}
}

func (f fig) export() Figure {
	return Figure{Value: f.v, OK: f.ok(), Through: unpack(f.through), PartsWith: int(f.with), Parts: int(f.of),
		Gaps: f.gaps(), Stored: f.flags&figStored != 0, Reporting: int(f.reporting)}
}

// Figure computes an element (CODE or CODE.CATEGORY) or an indicator for
// an area and a period, restricted to the areas of group when group is not
// empty, and says how complete it is.
//
// An element's figure is, in this order:
//   - the value stored for the area and the period, if there is one;
//   - for an element that aggregates over time (catalog.TimeFlow, TimeLevel,
//     TimeAverage) and a period with parts, when every part has a complete
//     figure: the area's figures for the parts (each found by this same
//     rule, with the areas of that part) added up (flow), averaged
//     (average), or that of the last part (level). Parts before the area
//     existed or after it ended do not count;
//   - the figures of the child areas valid on the last day of the period,
//     aggregated by the element's aggregation type (for a group, those of
//     its topmost member areas), when it is complete (so a commune that
//     reports by the year counts beside one that reports by the quarter);
//   - otherwise the figure from the parts when any part has a value (a
//     range still running, or with gaps), or else the one from the child
//     areas, with what it lacks (see Complete).
//
// The total of a disaggregated element is the sum of its categories, each
// found by this rule. An indicator is Factor × numerator / denominator,
// each read through this rule, so a rate over a range is that of its last
// year when its parts are levels; when the parts of a figure that is short
// in time reach different years, all are taken up to the earliest.
func (en *Engine) Figure(code, area string, p period.Period, group string) (Figure, error) {
	if en.areas[area] == nil {
		return Figure{}, fmt.Errorf("unknown area %q", area)
	}
	if x := en.indicators[code]; x != nil {
		r, err := en.ratio(x, area, p, group)
		return r.Figure, err
	}
	e, cat, err := en.element(code)
	if err != nil {
		return Figure{}, err
	}
	var f fig
	if group == "" {
		f, err = en.figure(e, cat, area, p)
	} else {
		f, err = en.compute(e, cat, p, area, group, time.Time{})
	}
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

// figure is the figure of an element for an area, remembered.
func (en *Engine) figure(e *catalog.Element, cat, area string, p period.Period) (fig, error) {
	key := memoKey{e.Code, cat, area}
	memo := en.memo[p]
	if memo == nil {
		memo = map[memoKey]fig{}
		en.memo[p] = memo
	}
	if f, ok := memo[key]; ok {
		return f, nil
	}
	f, err := en.compute(e, cat, p, area, "", time.Time{})
	if err == nil {
		memo[key] = f
	}
	return f, err
}

// at is the figure of an element for an area and a period, for the areas
// of group when group is not empty.
func (en *Engine) at(e *catalog.Element, cat string, p period.Period, area, group string) (fig, error) {
	if group == "" {
		return en.figure(e, cat, area, p)
	}
	return en.compute(e, cat, p, area, group, time.Time{})
}

// compute applies the rule of Figure. until, when not zero, leaves out the
// parts of p that start after it (to take the parts of an indicator up to
// the same part).
func (en *Engine) compute(e *catalog.Element, cat string, p period.Period, area, group string, until time.Time) (fig, error) {
	if cat == "" && len(e.Categories) > 0 {
		return en.categories(e, p, area, group, until)
	}
	if group != "" && en.groups[group][area] {
		group = "" // the area is a member: its own figure
	}
	if group == "" {
		facts, err := en.elementFacts(p, e.Code)
		if err != nil {
			return fig{}, err
		}
		if v, ok := facts[factKey{area, cat}]; ok {
			return fig{v: v, reporting: 1, flags: figOK | figStored}, nil
		}
	}
	var parts fig
	if e.TimeAggregationOrDefault() != catalog.TimeNone && len(p.Parts()) > 0 {
		finer, err := en.hasFiner(p)
		if err != nil {
			return fig{}, err
		}
		if finer {
			if parts, err = en.overTime(e, cat, p, area, group, until); err != nil || parts.complete() {
				return parts, err
			}
		}
	}
	var below []string
	if group == "" {
		below = en.Children(area, p)
	} else {
		below = en.members(area, group, p)
	}
	areas, err := en.overAreas(e, cat, below, p)
	if err != nil || areas.complete() || !parts.ok() {
		return areas, err
	}
	return parts, nil
}

// categories is the total of a disaggregated element: the sum of its
// categories that have a value.
func (en *Engine) categories(e *catalog.Element, p period.Period, area, group string, until time.Time) (fig, error) {
	var out fig
	for _, c := range e.Categories {
		f, err := en.compute(e, c, p, area, group, until)
		if err != nil {
			return fig{}, err
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
		out.flags |= f.flags & figGaps
		if f.through != 0 && (out.through == 0 || unpack(f.through).End().Before(unpack(out.through).End())) {
			out.through, out.with, out.of = f.through, f.with, f.of
		}
	}
	return out, nil
}

// overTime makes the figure of an area for p from its figures for p's
// parts, by the element's time aggregation. A figure without any part with
// a value has none.
func (en *Engine) overTime(e *catalog.Element, cat string, p period.Period, area, group string, until time.Time) (fig, error) {
	a := en.areas[area]
	how := e.TimeAggregationOrDefault()
	var out fig
	var last fig // the figure of the last part with a value
	var lastPart period.Period
	lastAt := uint8(0) // its number among the parts the area existed for
	short := false     // a part misses, or is short itself
	for _, q := range p.Parts() {
		if !period.ValidOn(a.ValidFrom, a.ValidTo, q.End()) {
			continue // the area did not exist on the part's last day
		}
		out.of++
		if !until.IsZero() && q.Start().After(until) {
			short = true
			continue
		}
		f, err := en.at(e, cat, q, area, group)
		if err != nil {
			return fig{}, err
		}
		if !f.ok() {
			short = true
			continue
		}
		out.with++
		out.v += f.v
		out.flags |= f.flags & figGaps
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
		out.flags = last.flags & figGaps
		short = lastAt < out.of || last.through != 0
		out.with, out.of = 0, 0 // only the last part counts
	case catalog.TimeAverage:
		out.v /= float64(out.with)
	}
	out.flags |= figOK
	out.reporting = last.reporting
	if short {
		out.through = last.through
		if out.through == 0 {
			out.through = pack(lastPart)
		}
	}
	return out, nil
}

// overAreas aggregates the figures of areas for p by the element's
// aggregation type. Areas without a value are left out, and make the
// figure one with gaps.
func (en *Engine) overAreas(e *catalog.Element, cat string, areas []string, p period.Period) (fig, error) {
	var out fig
	var acc, weights float64
	n, missing := 0, 0
	for _, a := range areas {
		f, err := en.figure(e, cat, a, p)
		if err != nil {
			return fig{}, err
		}
		if !f.ok() {
			missing++
			continue
		}
		v := f.v
		switch e.Aggregation {
		case catalog.WeightedAverage:
			w, err := en.figure(en.elements[e.Weight], "", a, p)
			if err != nil {
				return fig{}, err
			}
			if !w.ok() {
				missing++
				continue
			}
			acc += v * w.v
			weights += w.v
		case catalog.Min:
			if n == 0 || v < acc {
				acc = v
			}
		case catalog.Max:
			if n == 0 || v > acc {
				acc = v
			}
		default: // sum, average, last (in space: the sum), count of yes (leaves hold 0/1)
			acc += v
		}
		n++
		out.reporting += f.reporting
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
