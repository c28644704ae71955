package report

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"chiso/data/calc"
	"chiso/data/catalog"
	"chiso/data/number"
	"chiso/data/period"
)

// AnalysisOptions says how Analyse writes the analysis.
type AnalysisOptions struct {
	// Lang is the language of the sentences: "vi" (the default) or "en".
	Lang string
	// Style is the style numbers are written in (number.Vietnamese
	// "1.234,5" or number.English "1,234.5").
	Style number.Style
	// DataSet restricts the analysis to the elements of one data set and
	// the indicators whose numerator reads one of them; "" analyses the
	// whole catalog.
	DataSet string
	// Goals are thresholds per indicator (or element) code for counting
	// the child areas that reach them: POV_RATE: 1 gives "9/13 địa phương
	// có tỷ lệ hộ nghèo dưới 1%". An indicator that should fall
	// (higher_is_better false) reaches its goal below the threshold, any
	// other code at or above it. nil means DefaultGoal for every indicator
	// that should fall and is measured in %; an empty map means no counts.
	Goals map[string]float64
	// Groups are the area groups (catalog group codes) whose rates and
	// averages are told apart ("… ở vùng đồng bào dân tộc thiểu số và miền
	// núi"). nil means every group with members below the area (but not
	// the area itself); an empty slice means none.
	Groups []string
}

// DefaultGoal is the threshold used, when AnalysisOptions.Goals is nil,
// for the indicators in % that should fall (the poverty rates): the
// provinces count the localities below 1%.
const DefaultGoal = 1.0

// Analyse writes the analysis of a periodic report: sentences on the
// figures of area for period p, every figure computed by en and printed in
// o.Style, in Vietnamese or (o.Lang "en") English.
//
// For a year (quarter, month) it states, for each indicator and each main
// element (one that is not read whole by the numerator of an indicator)
// that has a value for p and for the period before, the change — in
// percentage points for rates in %, in per cent for counts and amounts —
// and the share of the target when one is set (calc.Engine.TargetShare);
// an indicator or a disaggregated element without a previous value is
// stated alone. Then, after each indicator with a goal (o.Goals), how many
// child areas reach it (calc.Engine.CountMeeting); for yes/no elements,
// how many areas of the deepest level answer yes ("177/177"); and, for
// each area group with members below area, the change of the rates and
// averages restricted to the group (o.Groups).
//
// For a range of years A–B it compares the year before the range with its
// last year that has a complete value ("giảm từ 4,56% năm 2015 xuống còn
// 0,36% năm 2020"), states the total over the range of the elements that
// add up over time (catalog.TimeFlow) with their average annual growth
// (calc.Engine.AverageGrowth), their ratio to the previous range
// (calc.Engine.RangeRatio) and the share of the range's target, and ends
// with a note on how the average growth is computed when one was stated.
// A range not complete yet (2021–2025 with figures to 2023) is told up to
// where its figures go: a total says which years it holds ("số liệu từ
// năm 2021 đến năm 2023"), is compared with the same first years of the
// previous range, and with the target of the whole range as a cumulative
// share ("lũy kế … đạt 58,7% kế hoạch cả giai đoạn").
//
// Where a target is set for the range (or, for a level, for its last
// year), the analysis says since when the value has met it and how many
// years early ("về đích sớm 3 năm", calc.Engine.FirstMet). A comparison
// across a change of definition (a new poverty standard, see
// catalog.Definition) says so: "…, theo chuẩn nghèo mới từ năm 2022".
// Every comparison over time takes the earlier period on the later one's
// boundaries (calc.Engine.FigureOn) and, where that changes the earlier
// figure, says so: "(tính theo địa giới mới: năm 2019 gồm cả Hoành Bồ)".
//
// An item whose values are missing is left out without a word. A value
// aggregated from child areas of which only some have entered theirs (a
// calc.Figure with gaps) is not compared with anything: the items
// concerned are named in a closing sentence ("Chưa phân tích năm 2024 do
// còn địa phương chưa có số liệu: …"), and a range stops before such a
// year. No figure is ever NaN or infinite, and no change is claimed
// between two values that print the same.
func Analyse(en *calc.Engine, area string, p period.Period, o AnalysisOptions) ([]string, error) {
	if en == nil {
		return nil, fmt.Errorf("analysis: no engine")
	}
	if en.Area(area) == nil {
		return nil, fmt.Errorf("analysis: unknown area %q", area)
	}
	a := &analyst{en: en, area: area, p: p, o: o, vi: o.Lang != "en", growth: map[int]bool{}}
	items, err := a.items()
	if err != nil {
		return nil, err
	}
	if p.Type == period.Range {
		err = a.rangeAnalysis(items)
	} else {
		err = a.periodAnalysis(items)
	}
	if err != nil {
		return nil, err
	}
	return a.out, nil
}

// anItem is an indicator or an element the analysis speaks of.
type anItem struct {
	code        string
	name, unit  string // in the analysis language
	decimals    int
	indicator   bool
	percent     bool // a rate in %: changes are in percentage points
	lowerBetter bool // an indicator that should fall
	yesNo       bool
	integer     bool // an element of whole units (a count)
	flow        bool // adds up over time (catalog.TimeFlow)
	level       bool // a rate or an average: meaningful for an area group
	parts       []anPart
}

// anPart is one category of a disaggregated element.
type anPart struct{ code, name string }

type analyst struct {
	en     *calc.Engine
	area   string
	p      period.Period
	o      AnalysisOptions
	vi     bool
	out    []string
	growth map[int]bool // the last years of the average annual growths stated
	// incomplete lists the items left out because only some child areas
	// have a value for the period.
	incomplete []string
}

// say adds a sentence, with its first letter in capitals and a full stop.
func (a *analyst) say(s string) {
	r, n := utf8.DecodeRuneInString(s)
	s = string(unicode.ToUpper(r)) + s[n:]
	if !strings.HasSuffix(s, ".") && !strings.HasSuffix(s, ".)") {
		s += "."
	}
	a.out = append(a.out, s)
}

// pick returns the Vietnamese or the English text.
func (a *analyst) pick(vi, en string) string {
	if a.vi {
		return vi
	}
	return en
}

// items lists the indicators, then the main elements, of the analysis.
func (a *analyst) items() ([]anItem, error) {
	c := a.en.Catalog
	var inSet map[string]bool
	if a.o.DataSet != "" {
		i := slices.IndexFunc(c.DataSets, func(d catalog.DataSet) bool { return d.Code == a.o.DataSet })
		if i < 0 {
			return nil, fmt.Errorf("analysis: unknown data set %q", a.o.DataSet)
		}
		inSet = map[string]bool{}
		for _, e := range c.DataSets[i].Elements {
			inSet[e] = true
		}
	}
	numerator := map[string]bool{} // elements read whole by a numerator
	var out []anItem
	for _, in := range c.Indicators {
		x, err := calc.Parse(in.Numerator)
		if err != nil {
			return nil, fmt.Errorf("analysis: indicator %s: %w", in.Code, err)
		}
		keep := inSet == nil
		for _, r := range x.Refs(nil) {
			if r.Category == "" {
				numerator[r.Code] = true
			}
			keep = keep || inSet[r.Code]
		}
		if !keep {
			continue
		}
		it := anItem{code: in.Code, name: in.NameVI, unit: in.UnitVI, decimals: in.Decimals,
			indicator: true, lowerBetter: !in.HigherIsBetter}
		if !a.vi {
			it.name, it.unit = anOr(in.NameEN, in.NameVI), anOr(in.UnitEN, in.UnitVI)
		}
		it.percent = in.UnitVI == "%"
		it.level = true
		out = append(out, it)
	}
	cats := map[string]catalog.CategoryOption{}
	for _, o := range c.Categories {
		cats[o.Code] = o
	}
	for _, e := range c.Elements {
		if numerator[e.Code] || inSet != nil && !inSet[e.Code] {
			continue
		}
		it := anItem{code: e.Code, name: e.NameIn("vi", a.p.End().Year()), unit: e.UnitVI, decimals: e.Decimals}
		if !a.vi {
			it.name, it.unit = e.NameIn("en", a.p.End().Year()), anOr(e.UnitEN, e.UnitVI)
		}
		it.yesNo = e.ValueType == catalog.YesNo
		it.integer = e.ValueType == catalog.Integer
		it.percent = e.ValueType == catalog.Percent || e.UnitVI == "%"
		switch e.Aggregation {
		case catalog.Average, catalog.WeightedAverage, catalog.Min, catalog.Max:
			it.level = true
		}
		it.flow = e.TimeAggregationOrDefault() == catalog.TimeFlow
		it.level = it.level || it.percent
		for _, cat := range e.Categories {
			name := cats[cat].NameVI
			if !a.vi {
				name = anOr(cats[cat].NameEN, name)
			}
			it.parts = append(it.parts, anPart{code: e.Code + "." + cat, name: anLowerFirst(name)})
		}
		out = append(out, it)
	}
	return out, nil
}

// anOr returns en, or vi when en is empty.
func anOr(en, vi string) string {
	if en != "" {
		return en
	}
	return vi
}

// groups returns the area groups that have members below the area (but
// not the area itself, whose figures are already told).
func (a *analyst) groups() []catalog.Group {
	var out []catalog.Group
	for _, g := range a.en.Catalog.Groups {
		if a.o.Groups != nil && !slices.Contains(a.o.Groups, g.Code) ||
			slices.Contains(a.en.Area(a.area).Groups, g.Code) {
			continue
		}
		if a.hasMember(a.area, g.Code) {
			out = append(out, g)
		}
	}
	return out
}

// hasMember reports whether group has members below area in p or, for a
// range, in any of its years (a range that ends after a reform still
// speaks of the areas of its years).
func (a *analyst) hasMember(area, group string) bool {
	var below func(area string, p period.Period) bool
	below = func(area string, p period.Period) bool {
		for _, c := range a.en.Children(area, p) {
			if slices.Contains(a.en.Area(c).Groups, group) || below(c, p) {
				return true
			}
		}
		return false
	}
	return slices.ContainsFunc(append(a.p.Years(), a.p), func(p period.Period) bool { return below(area, p) })
}

// goals returns the thresholds to count child areas against, by code.
func (a *analyst) goals(items []anItem) (map[string]float64, error) {
	out := map[string]float64{}
	if a.o.Goals == nil {
		for _, it := range items {
			if it.indicator && it.percent && it.lowerBetter {
				out[it.code] = DefaultGoal
			}
		}
		return out, nil
	}
	for code, g := range a.o.Goals {
		if a.en.Indicator(code) == nil && a.en.Element(code) == nil {
			return nil, fmt.Errorf("analysis: goal for unknown code %q", code)
		}
		out[code] = g
	}
	return out, nil
}

// figure returns the engine's figure of code for the area (or the members
// of group below it) in p.
func (a *analyst) figure(code string, p period.Period, group string) (calc.Figure, error) {
	return a.figureOn(code, p, group, time.Time{})
}

// figureOn is figure on the boundaries of day on (see calc.Engine.FigureOn).
func (a *analyst) figureOn(code string, p period.Period, group string, on time.Time) (calc.Figure, error) {
	f, err := a.en.FigureOn(code, a.area, p, group, on)
	if err != nil || !f.OK || !anFinite(f.Value) {
		return calc.Figure{}, err
	}
	return f, nil
}

// complete returns a value of code for p that is there and complete: from
// every area below that should have one.
func (a *analyst) complete(code string, p period.Period, group string) (float64, bool, error) {
	f, err := a.figure(code, p, group)
	return f.Value, f.Complete(), err
}

// bounds adds to a sentence comparing p0 with a later period ending on
// day on that p0 is taken on the later boundaries and what that changes:
// "… (giảm 0,11 điểm phần trăm; tính theo địa giới mới: năm 2019 gồm cả
// Hoành Bồ)", "… (tính theo địa giới mới: năm 2015 không tính Hoành Bồ)"
// for a group; s as it is when p0's figure is its own.
func (a *analyst) bounds(s string, p0 period.Period, on time.Time, group string) string {
	note := a.boundsNote(p0, on, group)
	switch {
	case note == "":
		return s
	case strings.HasSuffix(s, ")"):
		return s[:len(s)-1] + "; " + note + ")"
	}
	return s + " (" + note + ")"
}

// boundsNote is the note of bounds, "" when p0's figure is its own.
func (a *analyst) boundsNote(p0 period.Period, on time.Time, group string) string {
	var with, without []string // areas counted in p0 on the later boundaries, or no longer
	if group != "" {
		before, after := a.en.Members(a.area, group, p0.End()), a.en.Members(a.area, group, on)
		for _, m := range before {
			if !slices.Contains(after, m) {
				without = append(without, a.shortName(m))
			}
		}
		for _, m := range after {
			if !slices.Contains(before, m) {
				with = append(with, a.shortName(m))
			}
		}
	} else {
		parts, own, _ := a.en.Composition(a.area, p0, on)
		if own {
			return ""
		}
		for _, pt := range parts {
			if pt.Area != a.area {
				with = append(with, a.shortName(pt.Area))
			}
		}
	}
	if len(with)+len(without) == 0 {
		return ""
	}
	var what []string
	if a.vi {
		if len(with) > 0 {
			what = append(what, a.when(p0)+" gồm cả "+joinVi(with))
		}
		if len(without) > 0 {
			what = append(what, a.when(p0)+" không tính "+joinVi(without))
		}
	} else {
		if len(with) > 0 {
			what = append(what, p0.Label("en")+" including "+anJoinAnd(with))
		}
		if len(without) > 0 {
			what = append(what, p0.Label("en")+" without "+anJoinAnd(without))
		}
	}
	return calc.BoundariesNote(a.pick("vi", "en")) + ": " + strings.Join(what, "; ")
}

// breaks says which changes of definition a comparison of p0 with p1
// crosses: ", theo chuẩn nghèo mới từ năm 2022" (", under the new poverty
// standard from 2022"); "" when none.
func (a *analyst) breaks(code string, p0, p1 period.Period) string {
	var list []string
	for _, d := range a.en.Breaks(code, p0, p1) {
		list = append(list, a.pick(d.Note("vi")+" từ năm "+strconv.Itoa(d.From), d.Note("en")+" from "+strconv.Itoa(d.From)))
	}
	if len(list) == 0 {
		return ""
	}
	if a.vi {
		return ", theo " + strings.Join(list, " và ")
	}
	return ", under the " + anJoinAnd(list)
}

// target states how the value of an item for p compares with the target
// of p, if one is set: the share of the target, or for an indicator that
// should fall whether it is at or below its target.
func (a *analyst) target(it anItem, p period.Period, v float64) (string, error) {
	t, ok := a.en.Target(it.code, a.area, p)
	if !ok || !anFinite(t) {
		return "", nil
	}
	if it.lowerBetter {
		ts := a.val(it, t)
		if anRounded(v, it.decimals) <= anRounded(t, it.decimals) { // compared as shown
			return a.pick(", đạt mục tiêu kế hoạch ("+ts+")", ", meeting the planned target ("+ts+")"), nil
		}
		return a.pick(", chưa đạt mục tiêu kế hoạch ("+ts+")", ", short of the planned target ("+ts+")"), nil
	}
	if t == 0 {
		return "", nil
	}
	return a.share(v / t * 100), nil
}

// share states a value as a share of its target: "đạt 102% kế hoạch, vượt
// kế hoạch 2%", "mới đạt 98,6% kế hoạch". A share just short of 100 is
// never printed "100".
func (a *analyst) share(share float64) string {
	s := a.percentOf(share)
	switch {
	case s == a.trimmed(100, 1):
		return a.pick(", đạt 100% kế hoạch", ", 100% of the plan")
	case share > 100:
		over := a.trimmed(share-100, 1)
		return a.pick(", đạt "+s+"% kế hoạch, vượt kế hoạch "+over+"%", ", "+s+"% of the plan ("+over+"% above it)")
	}
	return a.pick(", mới đạt "+s+"% kế hoạch", ", only "+s+"% of the plan")
}

// percentOf prints a share in per cent with one decimal at most, or more
// when that would print a share short of 100 as "100".
func (a *analyst) percentOf(share float64) string {
	s := a.trimmed(share, 1)
	for d := 2; share < 100 && s == a.trimmed(100, 1) && d <= 4; d++ {
		s = a.trimmed(share, d)
	}
	return s
}

// parts lists the categories of a disaggregated element: ", trong đó xây
// mới 260 căn, sửa chữa 181 căn".
func (a *analyst) parts(it anItem, p period.Period) (string, error) {
	var list []string
	for _, pt := range it.parts {
		v, ok, err := a.en.Value(pt.code, a.area, p, "")
		if err != nil {
			return "", err
		}
		if !ok || !anFinite(v) {
			continue
		}
		if a.vi {
			list = append(list, pt.name+" "+a.val(it, v))
		} else {
			list = append(list, a.num(it, v)+" "+pt.name)
		}
	}
	if len(list) == 0 {
		return "", nil
	}
	if a.vi {
		return ", trong đó " + strings.Join(list, ", "), nil
	}
	return ", of which " + anJoinAnd(list), nil
}
