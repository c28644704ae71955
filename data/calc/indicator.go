package calc

import (
	"fmt"
	"time"

	"chiso/data/period"
)

// Ratio is a computed indicator with the parts it came from.
type Ratio struct {
	Figure
	Numerator, Denominator float64
}

// IndicatorValue computes an indicator for an area and a period (optionally
// restricted to a group) from its aggregated numerator and denominator.
func (en *Engine) IndicatorValue(code, area string, p period.Period, group string) (Ratio, error) {
	x := en.indicators[code]
	if x == nil {
		return Ratio{}, fmt.Errorf("unknown indicator %q", code)
	}
	if en.areas[area] == nil {
		return Ratio{}, fmt.Errorf("unknown area %q", area)
	}
	return en.ratio(x, area, p, group, 0)
}

// ratio computes an indicator from the figures of the codes it reads, on
// the boundaries of day on (0: the period's own).
func (en *Engine) ratio(x *indicator, area string, p period.Period, group string, on day) (Ratio, error) {
	parts, err := en.refFigures(x, area, p, group, time.Time{}, on)
	if err != nil {
		return Ratio{}, err
	}
	// Parts that reach different parts of p (households to 2023, poor
	// households to 2022) are all taken up to the earliest.
	var end time.Time
	var earliest period.Period // the earliest end, when short
	differ := false
	for _, r := range x.refs {
		f := parts[r]
		if !f.ok() {
			continue
		}
		t, e := period.Period{}, p.End()
		if f.through != 0 {
			t = unpack(f.through)
			e = t.End()
		}
		switch {
		case end.IsZero():
			end, earliest = e, t
		case !e.Equal(end):
			differ = true
			if e.Before(end) {
				end, earliest = e, t
			}
		}
	}
	if differ && earliest.Year != 0 {
		if parts, err = en.refFigures(x, area, p, group, earliest.Start(), on); err != nil {
			return Ratio{}, err
		}
	}
	var r Ratio
	for _, ref := range x.refs {
		if parts[ref].notComparable() {
			r.NotComparable = true
			return r, nil
		}
	}
	lookup := func(code, cat string) (float64, bool) {
		f := parts[Ref{code, cat}]
		return f.v, f.ok()
	}
	var ok bool
	r.Numerator, ok = x.num.Eval(lookup)
	r.Denominator = 1
	if ok && x.den != nil {
		r.Denominator, ok = x.den.Eval(lookup)
	}
	if !ok || r.Denominator == 0 {
		return Ratio{}, nil
	}
	f := x.Factor
	if f == 0 {
		f = 1
	}
	r.Value = f * r.Numerator / r.Denominator
	r.OK = true
	for _, ref := range x.refs {
		pf := parts[ref]
		r.Gaps = r.Gaps || pf.gaps()
		r.Mapped = r.Mapped || pf.flags&figMapped != 0
		if pf.through != 0 && (r.Through.Year == 0 || unpack(pf.through).End().Before(r.Through.End())) {
			r.Through, r.PartsWith, r.Parts = unpack(pf.through), int(pf.with), int(pf.of)
		}
	}
	return r, nil
}

// refFigures computes the figure of every code an indicator reads.
func (en *Engine) refFigures(x *indicator, area string, p period.Period, group string, until time.Time, on day) (map[Ref]fig, error) {
	out := make(map[Ref]fig, len(x.refs))
	for _, r := range x.refs {
		var f fig
		var err error
		if until.IsZero() {
			f, err = en.at(en.elements[r.Code], r.Category, p, area, group, on)
		} else {
			f, err = en.compute(en.elements[r.Code], r.Category, p, area, group, until, on)
		}
		if err != nil {
			return nil, err
		}
		out[r] = f
	}
	return out, nil
}
