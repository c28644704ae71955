// Package calc computes what Chỉ Số shows: element values aggregated up the
// area hierarchy by their aggregation type and over time by their time
// aggregation, indicators as ratios of aggregated numerators and
// denominators, and the derived forms officers write in reports (change on
// the previous period, average annual growth, ratio of two period ranges,
// child areas meeting a condition, share of target achieved, the year a
// target was met).
//
// One rule (see Engine.Figure) makes every figure: a value stored for the
// area and period wins; otherwise, for an element that aggregates over
// time, the figure is made from the area's figures for the parts of the
// period (the years of a range, the quarters of a year, the months of a
// quarter); otherwise it aggregates the area's children that are valid on
// the last day of the period (with the parent each had on that day). So an
// area abolished in 2025 still rolls into its parent for 2018, a commune
// created in 2025 only for periods ending after it existed, and a range
// over an abolition adds up each year with the areas of that year.
//
// A figure can also be asked on the boundaries of another day (FigureOn,
// see bounds.go): an area's figure for a period before it existed, or
// before others joined it, is then made from the areas its land was
// part of, through the successor mapping; comparisons over time (change,
// growth, ratio of ranges, the year a target was met) are made that way on
// the later period's boundaries.
package calc

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"chiso/data/catalog"
	"chiso/data/period"
	"chiso/data/store"
)

// Source provides stored values: those of one element in one period, and
// the periods that hold any value.
type Source interface {
	ElementFacts(ctx context.Context, element, period string) ([]store.Fact, error)
	Periods(ctx context.Context) ([]string, error)
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
	life       map[string]life     // when each area exists
	order      map[string]int      // each area's place in the catalog
	children   map[string][]string // by parent, every area that had it as parent
	preds      map[string][]string // by area, the areas it took over (whole or part)
	comps      map[compKey]composition
	kids       map[kidsKey]kids
	groups     map[string]map[string]bool
	targets    map[[3]string]string
	rules      []rule

	facts map[period.Period]map[string]map[factKey]float64  // by period and element
	est   map[period.Period]map[string]map[factKey]bool     // the facts that are estimates
	subs  map[period.Period]map[string]map[factKey]subtotal // by period and element (see subtotal.go)
	memo  map[period.Period]map[memoKey]fig
	// treeKey is store.SubtotalKey of the catalog, computed when first
	// needed; noSubtotals is set when the source's subtotals were made
	// with another tree.
	treeKey     string
	noSubtotals bool
	// periods holds the periods with stored values (nil until read);
	// finer tells, by period, whether any of them lies inside it.
	periods map[period.Period]bool
	finer   map[period.Period]bool
}

type indicator struct {
	*catalog.Indicator
	num, den Expr
	refs     []Ref // the codes num and den read, each once
}

type factKey struct{ area, category string }

type memoKey struct {
	element, category, area string
	on                      day // the boundaries asked for, 0 for the period's own
}

// New prepares an engine over the catalog c and the values of src.
func New(ctx context.Context, c *catalog.Catalog, src Source) (*Engine, error) {
	en := &Engine{
		ctx: ctx, src: src, Catalog: c,
		elements:   map[string]*catalog.Element{},
		indicators: map[string]*indicator{},
		areas:      map[string]*catalog.Area{},
		life:       map[string]life{},
		order:      map[string]int{},
		children:   map[string][]string{},
		preds:      map[string][]string{},
		comps:      map[compKey]composition{},
		kids:       map[kidsKey]kids{},
		groups:     map[string]map[string]bool{},
		targets:    map[[3]string]string{},
	}
	for i := range c.Elements {
		en.elements[c.Elements[i].Code] = &c.Elements[i]
	}
	for i := range c.Areas {
		a := &c.Areas[i]
		en.areas[a.Code] = a
		en.life[a.Code] = life{parseDay(a.ValidFrom), parseDay(a.ValidTo)}
		en.order[a.Code] = i
		en.children[a.Parent] = append(en.children[a.Parent], a.Code)
		for _, p := range a.Parents {
			if p.Parent != a.Parent && !contains(en.children[p.Parent], a.Code) {
				en.children[p.Parent] = append(en.children[p.Parent], a.Code)
			}
		}
		for _, s := range a.Successors {
			en.preds[s] = append(en.preds[s], a.Code)
		}
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
		refs := x.num.Refs(nil)
		if in.Denominator != "" {
			if x.den, err = en.CheckFormula(in.Denominator); err != nil {
				return nil, fmt.Errorf("indicator %s denominator: %w", in.Code, err)
			}
			refs = x.den.Refs(refs)
		}
		for _, r := range refs {
			if !contains(x.refs, r) {
				x.refs = append(x.refs, r)
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
	en.subs = map[period.Period]map[string]map[factKey]subtotal{}
	en.memo = map[period.Period]map[memoKey]fig{}
	en.noSubtotals = false
	en.periods, en.finer = nil, nil
	en.est = map[period.Period]map[string]map[factKey]bool{}
}

// Invalidate forgets what was computed for period p, after values of p
// changed: the next question reads p's values again.
func (en *Engine) Invalidate(p period.Period) {
	delete(en.facts, p)
	delete(en.est, p)
	delete(en.subs, p)
	en.forget(p)
}

// SetFact records a value just saved for p (present false: deleted) in
// the values and subtotals already read, and forgets what was computed
// for p, without reading p again.
func (en *Engine) SetFact(p period.Period, element, area, category string, value float64, present bool) {
	if f, ok := en.facts[p][element]; ok {
		k := factKey{area, category}
		if present {
			f[k] = value
		} else {
			delete(f, k)
		}
	}
	en.setSubtotal(p, element, area, category, value, present)
	en.forget(p)
}

// forget drops what was computed for p and for every period containing it
// (its year, the ranges over that year), and notes p as a period with
// values.
func (en *Engine) forget(p period.Period) {
	for q := range en.memo {
		if within(p, q) {
			delete(en.memo, q)
		}
	}
	if en.periods != nil && !en.periods[p] {
		en.periods[p] = true
		en.finer = map[period.Period]bool{}
	}
}

// within reports whether p lies inside q (or is q).
func within(p, q period.Period) bool {
	return !p.Start().Before(q.Start()) && !p.End().After(q.End())
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

func contains[T comparable](list []T, s T) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// Children returns the child areas of area valid on the last day of p
// whose parent on that day is area (catalog.Area.ParentOn), in catalog
// order.
func (en *Engine) Children(area string, p period.Period) []string {
	return slices.Clone(en.childrenOn(area, dayOf(p.End())))
}

// childrenOn returns the children of area on day d (see Children), found
// once; the caller must not change the slice.
func (en *Engine) childrenOn(area string, d day) []string {
	k := kidsKey{area, d}
	if c, ok := en.kids[k]; ok {
		return c.all
	}
	c := en.findChildren(area, d)
	en.kids[k] = c
	return c.all
}

// kidsKey is an area and a day, for the children it has that day.
type kidsKey struct {
	area string
	d    day
}

// kids are an area's children on a day: all of them, those that have
// children themselves, and how many do not.
type kids struct {
	all, inner []string
	leaves     int
}

// findChildren finds the children of area on day d.
func (en *Engine) findChildren(area string, d day) kids {
	var out []string
	for _, c := range en.children[area] {
		if !en.life[c].on(d) {
			continue
		}
		if a := en.areas[c]; len(a.Parents) > 0 && a.ParentOn(d.String()) != area {
			continue
		}
		out = append(out, c)
	}
	k := kids{all: out}
	for _, c := range out {
		if en.hasChildren(c) {
			k.inner = append(k.inner, c)
		} else {
			k.leaves++
		}
	}
	return k
}

// Members returns the topmost areas of group at or below area on day on:
// the areas whose figures make the group's.
func (en *Engine) Members(area, group string, on time.Time) []string {
	return en.members(area, group, dayOf(on))
}

// members returns the topmost areas of group at or below area valid on d.
func (en *Engine) members(area, group string, d day) []string {
	if en.groups[group][area] {
		return []string{area}
	}
	var out []string
	for _, c := range en.childrenOn(area, d) {
		out = append(out, en.members(c, group, d)...)
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
	est := map[factKey]bool{}
	for _, f := range facts {
		m[factKey{f.Area, f.Category}] = f.Value
		if f.Estimate {
			est[factKey{f.Area, f.Category}] = true
		}
	}
	if en.facts[p] == nil {
		en.facts[p] = map[string]map[factKey]float64{}
	}
	if en.est[p] == nil {
		en.est[p] = map[string]map[factKey]bool{}
	}
	en.facts[p][element] = m
	en.est[p][element] = est
	return m, nil
}

// hasFiner reports whether any value is stored for a period inside p (a
// quarter or month of a year, a month of a quarter); a range's years are
// always looked at. Without one, no figure for p can come from its parts.
func (en *Engine) hasFiner(p period.Period) (bool, error) {
	if p.Type == period.Range {
		return true, nil
	}
	if en.periods == nil {
		codes, err := en.src.Periods(en.ctx)
		if err != nil {
			return false, err
		}
		en.periods, en.finer = map[period.Period]bool{}, map[period.Period]bool{}
		for _, c := range codes {
			if q, err := period.Parse(c); err == nil {
				en.periods[q] = true
			}
		}
	}
	if has, ok := en.finer[p]; ok {
		return has, nil
	}
	has := false
	for q := range en.periods {
		if q.Type > p.Type && q.Type != period.Range && within(q, p) {
			has = true
			break
		}
	}
	en.finer[p] = has
	return has, nil
}

// element resolves CODE or CODE.CATEGORY to an element and a category.
func (en *Engine) element(code string) (*catalog.Element, string, error) {
	ecode, cat, _ := strings.Cut(code, ".")
	e := en.elements[ecode]
	if e == nil {
		return nil, "", fmt.Errorf("unknown element or indicator %q", code)
	}
	if cat != "" && !contains(e.Categories, cat) {
		return nil, "", fmt.Errorf("element %s has no category %q", ecode, cat)
	}
	return e, cat, nil
}
