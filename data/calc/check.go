package calc

import (
	"fmt"
	"math"

	"chiso/data/catalog"
	"chiso/data/period"
)

// Violation is a validation rule that an area's values break.
type Violation struct {
	Rule        catalog.Rule
	Left, Right float64
}

// Name returns the rule's name in lang ("vi" or "en").
func (v Violation) Name(lang string) string {
	if lang == "en" && v.Rule.NameEN != "" {
		return v.Rule.NameEN
	}
	return v.Rule.NameVI
}

// CheckRules evaluates every validation rule of the catalog for an area and
// a period. A rule whose sides cannot be computed (a value is missing) is
// not broken.
func (en *Engine) CheckRules(area string, p period.Period) ([]Violation, error) {
	var out []Violation
	for _, r := range en.rules {
		var err error
		lookup := func(code, cat string) (float64, bool) {
			if cat != "" {
				code += "." + cat
			}
			v, ok, e := en.Value(code, area, p, "")
			if e != nil && err == nil {
				err = e
			}
			return v, ok
		}
		l, okl := r.left.Eval(lookup)
		rv, okr := r.right.Eval(lookup)
		if err != nil {
			return nil, err
		}
		if okl && okr && !holds(l, r.Operator, rv) {
			out = append(out, Violation{Rule: *r.Rule, Left: l, Right: rv})
		}
	}
	return out, nil
}

// RulesOf returns the rules that read element (by code).
func (en *Engine) RulesOf(element string) []catalog.Rule {
	var out []catalog.Rule
	for _, r := range en.rules {
		for _, ref := range r.right.Refs(r.left.Refs(nil)) {
			if ref.Code == element {
				out = append(out, *r.Rule)
				break
			}
		}
	}
	return out
}

// holds compares with a tolerance for the rounding of decimal values.
func holds(l float64, op string, r float64) bool {
	eps := 1e-9 * math.Max(1, math.Max(math.Abs(l), math.Abs(r)))
	switch op {
	case "<=":
		return l <= r+eps
	case "<":
		return l < r-eps
	case ">=":
		return l >= r-eps
	case ">":
		return l > r+eps
	case "==":
		return math.Abs(l-r) <= eps
	case "!=":
		return math.Abs(l-r) > eps
	}
	return false
}

type rule struct {
	*catalog.Rule
	left, right Expr
}

func (en *Engine) compileRules() error {
	en.rules = nil
	for i := range en.Catalog.Rules {
		r := &en.Catalog.Rules[i]
		l, err := en.CheckFormula(r.Left)
		if err != nil {
			return fmt.Errorf("rule %s: %w", r.Code, err)
		}
		rv, err := en.CheckFormula(r.Right)
		if err != nil {
			return fmt.Errorf("rule %s: %w", r.Code, err)
		}
		en.rules = append(en.rules, rule{r, l, rv})
	}
	return nil
}

// Unusual says why a value needs a comment before it is saved: it jumps
// against the previous period by more than the allowed percentage, or lies
// outside the element's usual range.
type Unusual struct {
	Jump          bool
	JumpPercent   float64 // change on the previous period, in percent
	OutsideRange  bool
	Previous      float64
	HasPrevious   bool
	ExpectedRange [2]*float64
}

// Any reports whether the value is unusual at all.
func (u Unusual) Any() bool { return u.Jump || u.OutsideRange }

// CheckUnusual looks at a value about to be saved for an element (one of
// its categories, or "") of an area in period p: maxJump is the largest
// change on the previous period, in percent, that needs no comment (0 turns
// the check off).
func (en *Engine) CheckUnusual(e *catalog.Element, category, area string, p period.Period, value, maxJump float64) (Unusual, error) {
	u := Unusual{ExpectedRange: [2]*float64{e.ExpectedMin, e.ExpectedMax}}
	u.OutsideRange = (e.ExpectedMin != nil && value < *e.ExpectedMin) || (e.ExpectedMax != nil && value > *e.ExpectedMax)
	if e.ValueType == catalog.YesNo {
		return u, nil
	}
	f, err := en.figure(e, category, area, p.Prev())
	if err != nil || !f.ok() {
		return u, err
	}
	prev := f.v
	u.Previous, u.HasPrevious = prev, true
	if maxJump > 0 && prev != 0 {
		u.JumpPercent = (value/prev - 1) * 100
		u.Jump = math.Abs(u.JumpPercent) > maxJump
	} else if maxJump > 0 && prev == 0 && value != 0 {
		u.JumpPercent = math.Inf(1)
		u.Jump = true
	}
	return u, nil
}
