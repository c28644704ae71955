package calc

import (
	"math"
	"slices"

	"chiso/data/catalog"
	"chiso/data/number"
	"chiso/data/period"
)

// TimeAggregation returns how an element or an indicator aggregates over
// time: an element's own (catalog.Element.TimeAggregationOrDefault); for
// an indicator, the one all the elements it reads share, or "" when they
// differ.
func (en *Engine) TimeAggregation(code string) catalog.TimeAggregation {
	if x := en.indicators[code]; x != nil {
		var t catalog.TimeAggregation
		for i, r := range x.refs {
			rt := en.elements[r.Code].TimeAggregationOrDefault()
			if i > 0 && rt != t {
				return ""
			}
			t = rt
		}
		return t
	}
	if e, _, err := en.element(code); err == nil {
		return e.TimeAggregationOrDefault()
	}
	return ""
}

// Target returns the target of code for an area and period. A level (an
// element or an indicator whose parts are all levels, see TimeAggregation)
// has for a range the target set for the range or, when none is, the one
// set for its last year: "giảm tỷ lệ hộ nghèo xuống 0,5% vào năm 2025" is
// the target of 2021-2025.
func (en *Engine) Target(code, area string, p period.Period) (float64, bool) {
	if v, ok := en.targets[[3]string{code, area, p.String()}]; ok {
		return number.Float(v), true
	}
	if p.Type == period.Range && en.TimeAggregation(code) == catalog.TimeLevel {
		last := period.Period{Type: period.Year, Year: p.Index}
		if v, ok := en.targets[[3]string{code, area, last.String()}]; ok {
			return number.Float(v), true
		}
	}
	return 0, false
}

// TargetShare is the value as a percentage of its target ("đạt 105% kế hoạch").
func (en *Engine) TargetShare(code, area string, p period.Period, group string) (float64, bool, error) {
	t, ok := en.Target(code, area, p)
	if !ok || t == 0 {
		return 0, false, nil
	}
	v, ok, err := en.Value(code, area, p, group)
	if err != nil || !ok {
		return 0, false, err
	}
	return v / t * 100, true, nil
}

// Reached says since when a value has met its target.
type Reached struct {
	Target float64
	// Year is the first year from which the value has met the target in
	// every year up to the one looked at.
	Year int
	// Early is the number of years between Year and the last year of the
	// target's period: "về đích sớm 3 năm" for 2022 and 2025.
	Early int
}

// FirstMet tells since when the value of code for area has met its
// target for period t (a year, or a range: see Target), looking at the
// years up to upto. A year meets the target when its value — for a flow
// with a target over a range, the total from the range's first year to
// that year — is, at the decimals it is shown with, at or below the target
// for an indicator that should fall, at or above it otherwise. The search
// goes back from upto (or t's last year, if earlier) while every year meets
// it, and not before the first year of t's range, nor before a change of
// definition that applies by t's last year (a target for 2025 is set in
// the poverty standard of 2022–2025: a lower rate under the old standard
// does not meet it). Every year is taken on the boundaries of the last
// year looked at (see FigureOn). ok is false when there is no target or the
// last year looked at does not meet it.
func (en *Engine) FirstMet(code, area string, t period.Period, upto int) (Reached, bool, error) {
	target, ok := en.Target(code, area, t)
	if !ok {
		return Reached{}, false, nil
	}
	end := t.End().Year()
	first := 0 // the first year that may count
	if t.Type == period.Range {
		first = t.Year
	}
	for _, d := range en.Definitions(code) {
		if d.From <= end {
			first = max(first, d.From)
		}
	}
	decimals, lower := en.shown(code)
	meets := func(v float64) bool {
		v, goal := round(v, decimals), round(target, decimals)
		if lower {
			return v <= goal
		}
		return v >= goal
	}
	flow := t.Type == period.Range && en.TimeAggregation(code) == catalog.TimeFlow
	r := Reached{Target: target}
	on := period.Period{Type: period.Year, Year: min(upto, end)}.End()
	for y := min(upto, end); y >= first; y-- { // back to a year without a value at most
		p := period.Period{Type: period.Year, Year: y}
		if flow {
			p = period.Period{Type: period.Range, Year: t.Year, Index: y}
		}
		v, ok, err := en.ValueOn(code, area, p, "", on)
		if err != nil {
			return Reached{}, false, err
		}
		if !ok || !meets(v) {
			break
		}
		r.Year = y
	}
	if r.Year == 0 {
		return Reached{}, false, nil
	}
	r.Early = end - r.Year
	return r, true, nil
}

// shown returns the decimals code is shown with, and whether lower is
// better (an indicator that should fall).
func (en *Engine) shown(code string) (int, bool) {
	if in := en.Indicator(code); in != nil {
		return in.Decimals, !in.HigherIsBetter
	}
	if e, _, err := en.element(code); err == nil {
		return e.Decimals, false
	}
	return 0, false
}

func round(v float64, d int) float64 {
	s := math.Pow(10, float64(d))
	return math.Round(v*s) / s
}

// Definitions returns the changes of definition of an element, or of the
// elements an indicator reads (each year once), in order of year.
func (en *Engine) Definitions(code string) []catalog.Definition {
	var out []catalog.Definition
	add := func(e *catalog.Element) {
		for _, d := range e.Definitions {
			if !slices.ContainsFunc(out, func(x catalog.Definition) bool { return x.From == d.From }) {
				out = append(out, d)
			}
		}
	}
	if x := en.indicators[code]; x != nil {
		for _, r := range x.refs {
			add(en.elements[r.Code])
		}
	} else if e, _, err := en.element(code); err == nil {
		add(e)
	}
	slices.SortStableFunc(out, func(a, b catalog.Definition) int { return a.From - b.From })
	return out
}

// Breaks returns the changes of definition of code that lie between
// periods a and b (a before b): those taking effect after a's last year
// and by b's. A comparison of a with b crosses them: "tăng từ 0,21% năm
// 2021 lên 0,50% năm 2022" compares two poverty standards.
func (en *Engine) Breaks(code string, a, b period.Period) []catalog.Definition {
	var out []catalog.Definition
	from, to := a.End().Year(), b.End().Year()
	for _, d := range en.Definitions(code) {
		if from < d.From && d.From <= to {
			out = append(out, d)
		}
	}
	return out
}
