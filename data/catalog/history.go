package catalog

import (
	"fmt"
	"slices"
)

// ParentSpan is one parent an area had, from one date to another
// (yyyy-mm-dd, empty for open).
type ParentSpan struct {
	Parent string `json:"parent"`
	From   string `json:"from,omitempty"`
	To     string `json:"to,omitempty"`
}

// FormerName is a name an area had until a day (yyyy-mm-dd; empty when the
// day is not known).
type FormerName struct {
	Name  string `json:"name"`
	Until string `json:"until,omitempty"`
}

// NameOn returns the name of a on day (yyyy-mm-dd): a former name whose
// last day is on or after day, else Name. A former name without a date
// is never chosen.
func (a *Area) NameOn(day string) string {
	for _, f := range a.FormerNames {
		if f.Until != "" && day <= f.Until {
			return f.Name
		}
	}
	return a.Name
}

// ParentOn returns the parent of a on day (yyyy-mm-dd): from Parents when
// the area moved, else Parent.
func (a *Area) ParentOn(day string) string {
	for _, p := range a.Parents {
		if (p.From == "" || p.From <= day) && (p.To == "" || day <= p.To) {
			return p.Parent
		}
	}
	if len(a.Parents) > 0 {
		return ""
	}
	return a.Parent
}

// validateHistory checks the parents over time and the shares of a split:
// parent spans in order of date, none overlapping another, the last one
// being Parent; shares only for successors, each between 0 and 1 and
// together at most 1.
func (a *Area) validateHistory(seen map[string]string) error {
	for i, p := range a.Parents {
		if _, ok := seen["area:"+p.Parent]; !ok {
			return fmt.Errorf("catalog: area %s: parent %q not found", a.Code, p.Parent)
		}
		if p.From != "" && p.To != "" && p.To < p.From {
			return fmt.Errorf("catalog: area %s: parent %s ends (%s) before it starts (%s)", a.Code, p.Parent, p.To, p.From)
		}
		if i > 0 {
			prev := a.Parents[i-1]
			if prev.To == "" || p.From == "" || p.From <= prev.To {
				return fmt.Errorf("catalog: area %s has two parents on the same day: %s and %s", a.Code, prev.Parent, p.Parent)
			}
		}
	}
	if n := len(a.Parents); n > 0 && a.Parents[n-1].Parent != a.Parent {
		return fmt.Errorf("catalog: area %s: parent %q is not its last parent %q", a.Code, a.Parent, a.Parents[n-1].Parent)
	}
	for i, f := range a.FormerNames {
		if f.Name == "" {
			return fmt.Errorf("catalog: area %s: a former name is empty", a.Code)
		}
		if i > 0 && f.Until != "" && a.FormerNames[i-1].Until > f.Until {
			return fmt.Errorf("catalog: area %s: former names out of order (%s after %s)", a.Code, f.Until, a.FormerNames[i-1].Until)
		}
	}
	sum := 0.0
	for s, v := range a.Shares {
		if !slices.Contains(a.Successors, s) {
			return fmt.Errorf("catalog: area %s: share for %q, which is not a successor", a.Code, s)
		}
		if v < 0 || v > 1 {
			return fmt.Errorf("catalog: area %s: share %v for %s is not between 0 and 1", a.Code, v, s)
		}
		sum += v
	}
	if sum > 1+1e-9 {
		return fmt.Errorf("catalog: area %s: shares add up to %v, more than the whole", a.Code, sum)
	}
	return nil
}
