package calc

import (
	"fmt"
	"slices"
	"strings"

	"chiso/data/period"
	"chiso/data/vntext"
)

// Pivot is one element, category or indicator over the areas of one level
// below a parent (the rows) and a list of periods (the columns), with the
// parent's own value as the total.
type Pivot struct {
	Code    string
	Parent  string
	Level   int
	Group   string
	Periods []period.Period
	Rows    []PivotRow
	// Total holds the parent's value for each period, aggregated the way
	// the element says (a sum, a weighted average, a count of yes, a ratio
	// of sums for an indicator): not the sum of the column.
	Total PivotRow
}

// PivotRow is one area of a Pivot: its value for each period of the
// Pivot, OK false where there is none (or the area did not exist then).
type PivotRow struct {
	Area, Name string
	Values     []float64
	OK         []bool
}

// Pivot computes code (an element, CODE.CATEGORY or an indicator) for the
// areas of level below parent and for each period, restricted to the areas
// of group when group is not empty. The rows are the areas of that level
// valid in any of the periods, so an area abolished in 2020 shows its
// values up to 2019 and blanks after; with a group, only the rows that hold
// members of the group. Rows come in Vietnamese order of their names
// (then codes). The total is the parent's own value for each period.
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

	// Rows: areas of the level below parent, in any of the periods.
	var walk func(area string)
	var areas []string
	walk = func(area string) {
		for _, c := range en.children[area] {
			a := en.areas[c]
			switch {
			case a.Level == level:
				areas = append(areas, c)
			case a.Level < level:
				walk(c)
			}
		}
	}
	walk(parent)

	row := func(area string, check bool) (PivotRow, bool, error) {
		a := en.areas[area]
		r := PivotRow{Area: area, Name: a.Name, Values: make([]float64, len(periods)), OK: make([]bool, len(periods))}
		keep := false
		for i, p := range periods {
			if check {
				if !period.ValidOn(a.ValidFrom, a.ValidTo, p.End()) {
					continue
				}
				if group != "" && len(en.members(area, group, p)) == 0 {
					continue
				}
			}
			keep = true
			v, ok, err := en.Value(code, area, p, group)
			if err != nil {
				return PivotRow{}, false, err
			}
			r.Values[i], r.OK[i] = v, ok
		}
		return r, keep, nil
	}
	pv.Rows = make([]PivotRow, 0, len(areas))
	for _, a := range areas {
		r, keep, err := row(a, true)
		if err != nil {
			return nil, err
		}
		if keep {
			pv.Rows = append(pv.Rows, r)
		}
	}
	total, _, err := row(parent, false)
	if err != nil {
		return nil, err
	}
	pv.Total = total

	slices.SortStableFunc(pv.Rows, func(a, b PivotRow) int {
		if c := vntext.Compare(a.Name, b.Name); c != 0 {
			return c
		}
		return vntext.Compare(a.Area, b.Area)
	})
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
