package calc

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"chiso/data/period"
	"chiso/data/vntext"
)

// Pivot is one element, category or indicator over the areas of one level
// below a parent (the rows) and a list of periods (the columns), with the
// parent's own value as the total, every figure on the boundaries of the
// last day of the latest period.
type Pivot struct {
	Code    string
	Parent  string
	Level   int
	Group   string
	Periods []period.Period
	// On is the day whose boundaries the figures are on (see FigureOn).
	On   time.Time
	Rows []PivotRow
	// Total holds the parent's value for each period, aggregated the way
	// the element says (a sum, a weighted average, a count of yes, a ratio
	// of sums for an indicator): not the sum of the column.
	Total PivotRow
}

// PivotRow is one area of a Pivot: its value for each period of the
// Pivot, OK false where there is none (or the area did not exist then and
// nothing makes its figure). Mapped marks the figures made on the Pivot's
// boundaries rather than the area's own in the period ("tính theo địa
// giới mới"); NotComparable those that cannot be (see Figure).
type PivotRow struct {
	Area, Name    string
	Values        []float64
	OK            []bool
	Mapped        []bool
	NotComparable []bool
}

// Mapped reports whether any figure of the pivot is made on its
// boundaries rather than the area's own, or cannot be.
func (pv *Pivot) Mapped() bool {
	for _, r := range append([]PivotRow{pv.Total}, pv.Rows...) {
		if slices.Contains(r.Mapped, true) || slices.Contains(r.NotComparable, true) {
			return true
		}
	}
	return false
}

// Pivot computes code (an element, CODE.CATEGORY or an indicator) for the
// areas of level below parent and for each period, restricted to the areas
// of group when group is not empty. The rows are the areas of that level
// valid in any of the periods; with a group, only the rows that hold
// members of the group. Every figure is on the boundaries of the last day
// of the latest period (FigureOn), so that a row compares like for like
// across the years: a commune created in 2025 shows its earlier years
// made from the communes it was made of, a district that took another
// over shows both together before, and an area abolished in 2020 shows
// its values up to 2019 and after that the figure of the areas that took
// it over, if they lie wholly within it (not comparable otherwise). Rows
// come in Vietnamese order of their names (then codes). The total is the
// parent's own value for each period.
func (en *Engine) Pivot(code, parent string, level int, periods []period.Period, group string) (*Pivot, error) {
	top := en.areas[parent]
	if top == nil {
		return nil, fmt.Errorf("unknown area %q", parent)
	}
	if en.indicators[code] == nil {
		ecode, cat, _ := strings.Cut(code, ".")
		e := en.elements[ecode]
		if e == nil {
			return nil, fmt.Errorf("unknown element or indicator %q", code)
		}
		if cat != "" && !contains(e.Categories, cat) {
			return nil, fmt.Errorf("element %s has no category %q", ecode, cat)
		}
	}
	if level <= top.Level {
		return nil, fmt.Errorf("level %d is not below area %s (level %d)", level, parent, top.Level)
	}
	if group != "" && en.groups[group] == nil && !en.knownGroup(group) {
		return nil, fmt.Errorf("unknown area group %q", group)
	}
	pv := &Pivot{Code: code, Parent: parent, Level: level, Group: group, Periods: slices.Clone(periods)}
	for _, p := range periods {
		if p.End().After(pv.On) {
			pv.On = p.End()
		}
	}

	// Rows: areas of the level below parent, in any of the periods.
	// (An area that moved is listed under each parent it had.)
	var walk func(area string)
	var areas []string
	seen := map[string]bool{}
	walk = func(area string) {
		for _, c := range en.children[area] {
			a := en.areas[c]
			switch {
			case seen[c]:
			case a.Level == level:
				seen[c] = true
				areas = append(areas, c)
			case a.Level < level:
				seen[c] = true
				walk(c)
			}
		}
	}
	walk(parent)

	row := func(area string) (PivotRow, error) {
		a := en.areas[area]
		n := len(periods)
		r := PivotRow{Area: area, Name: a.Name, Values: make([]float64, n), OK: make([]bool, n),
			Mapped: make([]bool, n), NotComparable: make([]bool, n)}
		for i, p := range periods {
			f, err := en.FigureOn(code, area, p, group, pv.On)
			if err != nil {
				return PivotRow{}, err
			}
			r.Values[i], r.OK[i], r.Mapped[i], r.NotComparable[i] = f.Value, f.OK, f.Mapped, f.NotComparable
		}
		return r, nil
	}
	// keep reports whether an area is a row: below parent in one of the
	// periods (holding members of the group in it, with a group).
	keep := func(area string) bool {
		for _, p := range periods {
			d := dayOf(p.End())
			if en.life[area].on(d) && en.inside(area, parent, d) && (group == "" || len(en.members(area, group, d)) > 0) {
				return true
			}
		}
		return false
	}
	pv.Rows = make([]PivotRow, 0, len(areas))
	for _, a := range areas {
		if !keep(a) {
			continue
		}
		r, err := row(a)
		if err != nil {
			return nil, err
		}
		pv.Rows = append(pv.Rows, r)
	}
	total, err := row(parent)
	if err != nil {
		return nil, err
	}
	pv.Total = total

	// The collation key of each name computed once, not at each of the
	// n log n comparisons.
	type keyed struct {
		name, area vntext.Key
		row        PivotRow
	}
	rows := make([]keyed, len(pv.Rows))
	for i, r := range pv.Rows {
		rows[i] = keyed{vntext.KeyOf(r.Name), vntext.KeyOf(r.Area), r}
	}
	slices.SortStableFunc(rows, func(a, b keyed) int {
		if c := a.name.Compare(b.name); c != 0 {
			return c
		}
		return a.area.Compare(b.area)
	})
	for i := range rows {
		pv.Rows[i] = rows[i].row
	}
	return pv, nil
}

// knownGroup reports whether the catalog lists group, even when no area
// belongs to it.
func (en *Engine) knownGroup(group string) bool {
	for _, g := range en.Catalog.Groups {
		if g.Code == group {
			return true
		}
	}
	return false
}
