package calc

import (
	"fmt"

	"chiso/data/period"
)

// Estimates says how far a figure rests on estimates (số ước tính): of the
// areas whose own stored values make it up (Reporting), how many hold an
// estimate (Estimated). The areas are those the figure is made of (see
// Figure): an area's stored value, or its parts' or children's. For an
// indicator they are those of the element it reads that rests most on
// estimates.
type Estimates struct {
	Estimated, Reporting int
}

// Any reports whether any part of the figure is an estimate.
func (x Estimates) Any() bool { return x.Estimated > 0 }

// Note says so in lang: "số ước tính" for one area's own estimate, "gồm
// số ước tính của 3/12 đơn vị" for an aggregate, "" when nothing is
// estimated.
func (x Estimates) Note(lang string) string {
	switch {
	case x.Estimated == 0:
		return ""
	case x.Reporting <= 1 && lang == "en":
		return "estimate"
	case x.Reporting <= 1:
		return "số ước tính"
	case lang == "en":
		return fmt.Sprintf("includes estimates of %d/%d areas", x.Estimated, x.Reporting)
	}
	return fmt.Sprintf("gồm số ước tính của %d/%d đơn vị", x.Estimated, x.Reporting)
}

// Estimates tells how far the figure of code (an element, CODE.CATEGORY
// or an indicator) for an area and a period, restricted to group when it
// is not empty, rests on estimates.
func (en *Engine) Estimates(code, area string, p period.Period, group string) (Estimates, error) {
	f, err := en.Figure(code, area, p, group)
	if err != nil || !f.OK {
		return Estimates{}, err
	}
	x := en.indicators[code]
	if x == nil {
		return Estimates{Estimated: f.Estimated, Reporting: f.Reporting}, nil
	}
	var out Estimates
	for _, r := range x.refs {
		code := r.Code
		if r.Category != "" {
			code += "." + r.Category
		}
		part, err := en.Estimates(code, area, p, group)
		if err != nil {
			return Estimates{}, err
		}
		if part.Estimated > out.Estimated || part.Estimated == out.Estimated && part.Reporting > out.Reporting {
			out = part
		}
	}
	return out, nil
}

// SetEstimate records whether a value just saved for p is an estimate, in
// the values already read (see SetFact).
func (en *Engine) SetEstimate(p period.Period, element, area, category string, estimate bool) {
	if m, ok := en.est[p][element]; ok {
		if estimate {
			m[factKey{area, category}] = true
		} else {
			delete(m, factKey{area, category})
		}
	}
	en.setEstimateSubtotal(p, element, area, category, estimate)
	en.forget(p)
}
