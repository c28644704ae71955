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
	On time.Time
	// RowSet says which areas are rows.
	RowSet PivotRowSet
	Rows   []PivotRow
	// Total holds the parent's value for each period, aggregated the way
	// the element says (a sum, a weighted average, a count of yes, a ratio
	// of sums for an indicator): not the sum of the column.
	Total PivotRow
}

// PivotRowSet says which areas of its level a Pivot lists as rows.
type PivotRowSet int

const (
	// RowsInForce lists the areas in force on the Pivot's day (the last
	// day of the latest period, or the parent's last day if it ended
	// before): the 54 communes, wards and special zones of Quảng Ninh
	// for 2017–2026, each with its whole series on today's boundaries,
	// so that the rows make up the parent on that day.
	RowsInForce PivotRowSet = iota
	// RowsWithFormer also lists the areas of the level that existed in
	// any of the periods and have ended since (the 177 communes of
	// Quảng Ninh before 1/7/2025), or lay below the parent then.
	RowsWithFormer
)

// PivotRow is one area of a Pivot: its value for each period of the
// Pivot, OK false where there is none (or the area did not exist then and
// nothing makes its figure). Mapped marks the figures made on the Pivot's
// boundaries rather than the area's own in the period ("tính theo địa
// giới mới"); NotComparable those that cannot be (see Figure).
type PivotRow struct {
	Area, Name string
	// Until is the last day of an area that ended before the Pivot's day
	// (a row of RowsWithFormer), zero for one in force on it.
	Until         time.Time
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
// below parent on the Pivot's day, or on the parent's last day if it ended
// before (RowsInForce), or on the last day of any of the periods
// (RowsWithFormer); with a group, only those that hold members of the
// group on that day. Every figure is on the boundaries of the last day
// of the latest period (FigureOn), so that a row compares like for like
// across the years: a commune created in 2025 shows its earlier years
// made from the communes it was made of, a district that took another
// over shows both together before, and an area abolished in 2020 shows
// its values up to 2019 and after that the figure of the areas that took
// it over, if they lie wholly within it (not comparable otherwise). Rows
// come in Vietnamese order of their names (then codes). The total is the
// parent's own value for each period.
func (en *Engine) Pivot(code, parent string, level int, periods []period.Period, group string, set PivotRowSet) (*Pivot, error) {
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
	pv := &Pivot{Code: code, Parent: parent, Level: level, Group: group, Periods: slices.Clone(periods), RowSet: set}
	for _, p := range periods {
		if p.End().After(pv.On) {
			pv.On = p.End()
		}
	}
	on := dayOf(pv.On)

	// The candidates: areas of the level below parent at any time.
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
		if to := en.life[area].to; to != 0 && to < on {
			r.Until = to.time()
		}
		for i, p := range periods {
			f, err := en.FigureOn(code, area, p, group, pv.On)
			if err != nil {
				return PivotRow{}, err
			}
			r.Values[i], r.OK[i], r.Mapped[i], r.NotComparable[i] = f.Value, f.OK, f.Mapped, f.NotComparable
		}
		return r, nil
	}
	// The days on which an area below parent is a row: the Pivot's (or
	// the parent's last, if it ended before), or the end of each period.
	var days []day
	if set == RowsWithFormer {
		for _, p := range periods {
			days = append(days, dayOf(p.End()))
		}
	} else if to := en.life[parent].to; to != 0 && to < on {
		days = []day{to}
	} else {
		days = []day{on}
	}
	// keep reports whether an area is a row: below parent on one of the
	// days (holding members of the group then, with a group).
	keep := func(area string) bool {
		for _, d := range days {
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
