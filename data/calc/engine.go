// Package calc computes what Chỉ Số shows: element values aggregated up the
// area hierarchy by their aggregation type, indicators as ratios of
// aggregated numerators and denominators, and the derived forms officers
// write in reports (change on the previous period, average annual growth,
// ratio of two period ranges, child areas meeting a condition, share of
// target achieved).
//
// The value of (element, area, period) is the value stored for that area
// when there is one; otherwise it aggregates the area's children that are
// valid on the last day of the period. So an area abolished in 2025 still
// rolls into its parent for 2018, and a commune created in 2025 only for
// periods ending after it existed.
package calc

import (
	"context"
	"fmt"
	"math"
	"strings"

	"chiso/data/catalog"
	"chiso/data/number"
	"chiso/data/period"
	"chiso/data/store"
)

// Source provides stored values: those of one element in one period.
type Source interface {
	ElementFacts(ctx context.Context, element, period string) ([]store.Fact, error)
}

// Engine computes values over one snapshot of the data. It caches what it
// computes: make a new Engine (or call Reset) after values change.
type Engine struct {
	ctx        context.Context
	src        Source
	Catalog    *catalog.Catalog
	elements   map[string]*catalog.Element
	indicators map[string]*indicator
	areas      map[string]*catalog.Area
	children   map[string][]string
	groups     map[string]map[string]bool
	targets    map[[3]string]string
	rules      []rule

	facts map[period.Period]map[string]map[factKey]float64 // by period and element
	memo  map[period.Period]map[memoKey]cached
}

type indicator struct {
	*catalog.Indicator
	num, den Expr
}

type factKey struct{ area, category string }

type memoKey struct {
	element, category, area string
}

type cached struct {
	v  float64
	ok bool
}

// New prepares an engine over the catalog c and the values of src.
func New(ctx context.Context, c *catalog.Catalog, src Source) (*Engine, error) {
	en := &Engine{
		ctx: ctx, src: src, Catalog: c,
		elements:   map[string]*catalog.Element{},
		indicators: map[string]*indicator{},
		areas:      map[string]*catalog.Area{},
		children:   map[string][]string{},
		groups:     map[string]map[string]bool{},
		targets:    map[[3]string]string{},
	}
	for i := range c.Elements {
		en.elements[c.Elements[i].Code] = &c.Elements[i]
	}
	for i := range c.Areas {
		a := &c.Areas[i]
		en.areas[a.Code] = a
		en.children[a.Parent] = append(en.children[a.Parent], a.Code)
		for _, g := range a.Groups {
			if en.groups[g] == nil {
				en.groups[g] = map[string]bool{}
			}
			en.groups[g][a.Code] = true
		}
	}
	for _, t := range c.Targets {
		en.targets[[3]string{t.Code, t.Area, t.Period}] = t.Value
	}
	for i := range c.Indicators {
		in := &c.Indicators[i]
		x := &indicator{Indicator: in}
		var err error
		if x.num, err = en.CheckFormula(in.Numerator); err != nil {
			return nil, fmt.Errorf("indicator %s numerator: %w", in.Code, err)
		}
		if in.Denominator != "" {
			if x.den, err = en.CheckFormula(in.Denominator); err != nil {
				return nil, fmt.Errorf("indicator %s denominator: %w", in.Code, err)
			}
		}
		en.indicators[in.Code] = x
	}
	if err := en.compileRules(); err != nil {
		return nil, err
	}
	en.Reset()
	return en, nil
}

// Reset forgets every cached value, after the data changed.
func (en *Engine) Reset() {
	en.facts = map[period.Period]map[string]map[factKey]float64{}
	en.memo = map[period.Period]map[memoKey]cached{}
}

// Invalidate forgets what was computed for period p, after values of p
// changed: the next question reads p's values again.
func (en *Engine) Invalidate(p period.Period) {
	delete(en.facts, p)
	delete(en.memo, p)
}

// SetFact records a value just saved for p (present false: deleted) in
// the values already read, and forgets what was computed for p, without
// reading p again.
func (en *Engine) SetFact(p period.Period, element, area, category string, value float64, present bool) {
	if f, ok := en.facts[p][element]; ok {
		k := factKey{area, category}
		if present {
			f[k] = value
		} else {
			delete(f, k)
		}
	}
	delete(en.memo, p)
}

// CheckFormula parses a formula and checks that every code it reads is an
// element (with a category it has).
func (en *Engine) CheckFormula(s string) (Expr, error) {
	x, err := Parse(s)
	if err != nil {
		return nil, err
	}
	for _, r := range x.Refs(nil) {
		e, ok := en.elements[r.Code]
		if !ok {
			return nil, fmt.Errorf("formula %q: unknown element %s", s, r.Code)
		}
		if r.Category != "" && !contains(e.Categories, r.Category) {
			return nil, fmt.Errorf("formula %q: element %s has no category %s", s, r.Code, r.Category)
		}
	}
	return x, nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// Children returns the child areas of area valid on the last day of p, in
// catalog order.
func (en *Engine) Children(area string, p period.Period) []string {
	var out []string
	end := p.End()
	for _, c := range en.children[area] {
		a := en.areas[c]
		if period.ValidOn(a.ValidFrom, a.ValidTo, end) {
			out = append(out, c)
		}
	}
	return out
}

// Area returns the area with the code, or nil.
func (en *Engine) Area(code string) *catalog.Area { return en.areas[code] }

// Element returns the element with the code, or nil.
func (en *Engine) Element(code string) *catalog.Element { return en.elements[code] }

// Indicator returns the indicator with the code, or nil.
func (en *Engine) Indicator(code string) *catalog.Indicator {
	if x := en.indicators[code]; x != nil {
		return x.Indicator
	}
	return nil
}

// elementFacts returns the stored values of one element in period p, read once:
// a question about an indicator reads only the elements of its formula.
func (en *Engine) elementFacts(p period.Period, element string) (map[factKey]float64, error) {
	if f, ok := en.facts[p][element]; ok {
		return f, nil
	}
	facts, err := en.src.ElementFacts(en.ctx, element, p.String())
	if err != nil {
		return nil, err
	}
	m := make(map[factKey]float64, len(facts))
	for _, f := range facts {
		m[factKey{f.Area, f.Category}] = f.Value
	}
	if en.facts[p] == nil {
		en.facts[p] = map[string]map[factKey]float64{}
	}
	en.facts[p][element] = m
	return m, nil
}

// Value returns the value of an element (code, or code.CATEGORY, or an
// indicator code) for an area and a period, restricted to the areas of
// group when group is not empty. ok is false when there is no value.
func (en *Engine) Value(code, area string, p period.Period, group string) (float64, bool, error) {
	if x := en.indicators[code]; x != nil {
		r, err := en.ratio(x, area, p, group)
		return r.Value, r.OK, err
	}
	ecode, cat, _ := strings.Cut(code, ".")
	e := en.elements[ecode]
	if e == nil {
		return 0, false, fmt.Errorf("unknown element or indicator %q", code)
	}
	if cat != "" && !contains(e.Categories, cat) {
		return 0, false, fmt.Errorf("element %s has no category %q", ecode, cat)
	}
	if en.areas[area] == nil {
		return 0, false, fmt.Errorf("unknown area %q", area)
	}
	if p.Type == period.Range {
		return en.rangeTotal(e, cat, area, p, group)
	}
	if group != "" {
		v, ok, err := en.combine(e, cat, en.members(area, group, p), p)
		return v, ok, err
	}
	return en.value(e, cat, area, p)
}

// rangeTotal sums an element over the years of a range.
func (en *Engine) rangeTotal(e *catalog.Element, cat, area string, r period.Period, group string) (float64, bool, error) {
	var sum float64
	var any bool
	for _, y := range r.Years() {
		code := e.Code
		if cat != "" {
			code += "." + cat
		}
		v, ok, err := en.Value(code, area, y, group)
		if err != nil {
			return 0, false, err
		}
		if ok {
			sum, any = sum+v, true
		}
	}
	return sum, any, nil
}

// members returns the topmost areas of group at or below area valid in p.
func (en *Engine) members(area, group string, p period.Period) []string {
	if en.groups[group][area] {
		return []string{area}
	}
	var out []string
	for _, c := range en.Children(area, p) {
		out = append(out, en.members(c, group, p)...)
	}
	return out
}

func (en *Engine) value(e *catalog.Element, cat, area string, p period.Period) (float64, bool, error) {
	key := memoKey{e.Code, cat, area}
	memo := en.memo[p]
	if memo == nil {
		memo = map[memoKey]cached{}
		en.memo[p] = memo
	}
	if c, ok := memo[key]; ok {
		return c.v, c.ok, nil
	}
	var v float64
	var ok bool
	var err error
	if cat == "" && len(e.Categories) > 0 {
		// The total of a disaggregated element is the sum of its parts.
		for _, c := range e.Categories {
			x, found, err := en.value(e, c, area, p)
			if err != nil {
				return 0, false, err
			}
			if found {
				v, ok = v+x, true
			}
		}
	} else {
		facts, ferr := en.elementFacts(p, e.Code)
		if ferr != nil {
			return 0, false, ferr
		}
		if v, ok = facts[factKey{area, cat}]; !ok {
			v, ok, err = en.combine(e, cat, en.Children(area, p), p)
		}
	}
	if err == nil {
		memo[key] = cached{v, ok}
	}
	return v, ok, err
}

// combine aggregates the values of areas by the element's aggregation type.
func (en *Engine) combine(e *catalog.Element, cat string, areas []string, p period.Period) (float64, bool, error) {
	var acc, weights float64
	n := 0
	for _, a := range areas {
		v, ok, err := en.value(e, cat, a, p)
		if err != nil {
			return 0, false, err
		}
		if !ok {
			continue
		}
		switch e.Aggregation {
		case catalog.WeightedAverage:
			w, wok, err := en.value(en.elements[e.Weight], "", a, p)
			if err != nil {
				return 0, false, err
			}
			if !wok {
				continue
			}
			acc += v * w
			weights += w
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
	}
	if n == 0 {
		return 0, false, nil
	}
	switch e.Aggregation {
	case catalog.Average:
		return acc / float64(n), true, nil
	case catalog.WeightedAverage:
		if weights == 0 {
			return 0, false, nil
		}
		return acc / weights, true, nil
	}
	return acc, true, nil
}

// reporting counts the areas whose stored values make up an aggregate.
type reporting struct {
	stored int // 1 when the area has its own value
	areas  int // areas with a stored value, at the area or below it
}

// reported tells how many areas' stored values of element e make up its
// value for area in p.
func (en *Engine) reported(e *catalog.Element, area string, p period.Period) (reporting, error) {
	facts, err := en.elementFacts(p, e.Code)
	if err != nil {
		return reporting{}, err
	}
	if _, ok := facts[factKey{area, ""}]; ok {
		return reporting{stored: 1, areas: 1}, nil
	}
	var r reporting
	for _, c := range en.Children(area, p) {
		n, err := en.reported(e, c, p)
		if err != nil {
			return reporting{}, err
		}
		r.areas += n.areas
	}
	return r, nil
}

// Ratio is a computed indicator with the parts it came from.
type Ratio struct {
	Value, Numerator, Denominator float64
	OK                            bool
}

// IndicatorValue computes an indicator for an area and a period (optionally
// restricted to a group) from its aggregated numerator and denominator.
func (en *Engine) IndicatorValue(code, area string, p period.Period, group string) (Ratio, error) {
	x := en.indicators[code]
	if x == nil {
		return Ratio{}, fmt.Errorf("unknown indicator %q", code)
	}
	return en.ratio(x, area, p, group)
}

func (en *Engine) ratio(x *indicator, area string, p period.Period, group string) (Ratio, error) {
	var err error
	lookup := func(code, cat string) (float64, bool) {
		if cat != "" {
			code += "." + cat
		}
		v, ok, e := en.Value(code, area, p, group)
		if e != nil && err == nil {
			err = e
		}
		return v, ok
	}
	var r Ratio
	var ok bool
	r.Numerator, ok = x.num.Eval(lookup)
	r.Denominator = 1
	if ok && x.den != nil {
		r.Denominator, ok = x.den.Eval(lookup)
	}
	if err != nil || !ok || r.Denominator == 0 {
		return Ratio{}, err
	}
	f := x.Factor
	if f == 0 {
		f = 1
	}
	r.Value = f * r.Numerator / r.Denominator
	r.OK = true
	return r, nil
}

// Change compares a value with the previous period's.
type Change struct {
	Current, Previous float64
	Diff              float64 // Current − Previous
	Percent           float64 // (Current/Previous − 1) × 100; NaN if Previous is 0
	OK                bool
}

// ChangeOnPrevious computes a value's change on the previous period.
func (en *Engine) ChangeOnPrevious(code, area string, p period.Period, group string) (Change, error) {
	cur, ok1, err := en.Value(code, area, p, group)
	if err != nil {
		return Change{}, err
	}
	prev, ok2, err := en.Value(code, area, p.Prev(), group)
	if err != nil || !ok1 || !ok2 {
		return Change{}, err
	}
	c := Change{Current: cur, Previous: prev, Diff: cur - prev, Percent: math.NaN(), OK: true}
	if prev != 0 {
		c.Percent = (cur/prev - 1) * 100
	}
	return c, nil
}

// AverageGrowth is the compound average annual growth over a range of
// years A–B, in percent: ((V_B / V_{A−1})^(1/(B−A+1)) − 1) × 100, the way
// statistics offices state "bình quân tăng x%/năm" for a five-year plan.
func (en *Engine) AverageGrowth(code, area string, r period.Period, group string) (float64, bool, error) {
	if r.Type != period.Range {
		return 0, false, fmt.Errorf("average growth needs a range of years, not %s", r)
	}
	start := period.Period{Type: period.Year, Year: r.Year - 1}
	end := period.Period{Type: period.Year, Year: r.Index}
	v0, ok0, err := en.Value(code, area, start, group)
	if err != nil {
		return 0, false, err
	}
	v1, ok1, err := en.Value(code, area, end, group)
	if err != nil || !ok0 || !ok1 || v0 <= 0 || v1 < 0 {
		return 0, false, err
	}
	n := float64(r.Index - r.Year + 1)
	return (math.Pow(v1/v0, 1/n) - 1) * 100, true, nil
}

// RangeRatio is the total of a value over range b divided by its total over
// range a ("gấp 1,8 lần giai đoạn 2011-2015").
func (en *Engine) RangeRatio(code, area string, a, b period.Period, group string) (float64, bool, error) {
	ta, oka, err := en.Value(code, area, a, group)
	if err != nil {
		return 0, false, err
	}
	tb, okb, err := en.Value(code, area, b, group)
	if err != nil || !oka || !okb || ta == 0 {
		return 0, false, err
	}
	return tb / ta, true, nil
}

// Count is the result of counting areas meeting a condition.
type Count struct {
	Met, NotMet, Missing []string // area codes
}

// Total is the number of areas counted ("13" in "9/13").
func (c Count) Total() int { return len(c.Met) + len(c.NotMet) + len(c.Missing) }

// CountMeeting counts the areas of a level below parent, valid in p, whose
// value of code satisfies cond ("9/13 địa phương có tỷ lệ hộ nghèo dưới 1%").
func (en *Engine) CountMeeting(code, parent string, level int, p period.Period, cond func(float64) bool) (Count, error) {
	var c Count
	var walk func(area string) error
	walk = func(area string) error {
		for _, ch := range en.Children(area, p) {
			if en.areas[ch].Level != level {
				if err := walk(ch); err != nil {
					return err
				}
				continue
			}
			v, ok, err := en.Value(code, ch, p, "")
			switch {
			case err != nil:
				return err
			case !ok:
				c.Missing = append(c.Missing, ch)
			case cond(v):
				c.Met = append(c.Met, ch)
			default:
				c.NotMet = append(c.NotMet, ch)
			}
		}
		return nil
	}
	return c, walk(parent)
}

// Target returns the target of code for an area and period, if one is set.
func (en *Engine) Target(code, area string, p period.Period) (float64, bool) {
	v, ok := en.targets[[3]string{code, area, p.String()}]
	return number.Float(v), ok
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
