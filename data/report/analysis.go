package report

import (
	"fmt"
	"math"
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
// last year that has a value ("giảm từ 4,56% năm 2015 xuống còn 0,36% năm
// 2020"), states the total over the range of the elements that add up
// over time (amounts in đồng, counts "trong năm", disaggregated counts)
// with their average annual growth (calc.Engine.AverageGrowth), their
// ratio to the previous range (calc.Engine.RangeRatio) and the share of
// the range's target, and ends with a note on how the average growth is
// computed when one was stated.
//
// An item whose values are missing is left out without a word. A value
// aggregated from child areas of which only some have entered theirs is
// not compared with anything: the items concerned are named in a closing
// sentence ("Chưa phân tích năm 2024 do còn địa phương chưa có số liệu:
// …"), and a range stops before such a year. No figure is ever NaN or
// infinite, and no change is claimed between two values that print the
// same.
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
	flow        bool // adds up over the years of a range
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
		it := anItem{code: e.Code, name: e.NameVI, unit: e.UnitVI, decimals: e.Decimals}
		if !a.vi {
			it.name, it.unit = anOr(e.NameEN, e.NameVI), anOr(e.UnitEN, e.UnitVI)
		}
		it.yesNo = e.ValueType == catalog.YesNo
		it.integer = e.ValueType == catalog.Integer
		it.percent = e.ValueType == catalog.Percent || e.UnitVI == "%"
		switch e.Aggregation {
		case catalog.Average, catalog.WeightedAverage, catalog.Min, catalog.Max:
			it.level = true
		case catalog.Sum:
			it.flow = IsFlow(&e)
		}
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

// ---- a year, quarter or month ----

func (a *analyst) periodAnalysis(items []anItem) error {
	goals, err := a.goals(items)
	if err != nil {
		return err
	}
	for _, it := range items {
		if it.yesNo {
			if err := a.yesNo(it); err != nil {
				return err
			}
			continue
		}
		if err := a.change(it, ""); err != nil {
			return err
		}
		if g, ok := goals[it.code]; ok {
			if _, ok, err := a.complete(it.code, a.p, ""); err != nil {
				return err
			} else if ok {
				if err := a.counts(it, g); err != nil {
					return err
				}
			}
		}
	}
	for _, g := range a.groups() {
		for _, it := range items {
			if it.level && !it.yesNo {
				if err := a.change(it, g.Code); err != nil {
					return err
				}
			}
		}
	}
	if len(a.incomplete) > 0 {
		noun := a.pick("đơn vị", "areas")
		if kids := a.en.Children(a.area, a.p); len(kids) > 0 {
			noun = a.noun(a.en.Area(kids[0]).Level, a.p)
		}
		a.say(a.pick(
			fmt.Sprintf("Chưa phân tích %s do còn %s chưa có số liệu: %s", a.when(a.p), noun, strings.Join(a.incomplete, ", ")),
			fmt.Sprintf("Not analysed for %s, as some %s have no data yet: %s", a.label(a.p), noun, strings.Join(a.incomplete, ", "))))
	}
	return nil
}

// change states the value of an item for p and its change on the period
// before, for the area or, with group, for the group's areas below it.
func (a *analyst) change(it anItem, group string) error {
	p, prev := a.p, a.p.Prev()
	cur, ok, err := a.en.Value(it.code, a.area, p, group)
	if err != nil || !ok || !anFinite(cur) {
		return err
	}
	if pa, err := a.partial(it.code, a.area, p, group); err != nil || pa {
		if pa && group == "" {
			a.incomplete = append(a.incomplete, anLowerFirst(it.name))
		}
		return err
	}
	c, err := a.en.ChangeOnPrevious(it.code, a.area, p, group)
	if err != nil {
		return err
	}
	if c.OK {
		pa, err := a.partial(it.code, a.area, prev, group)
		if err != nil {
			return err
		}
		c.OK = !pa // an incomplete previous value is no comparison
	}
	subject := it.name + a.groupPhrase(group)
	if len(it.parts) > 0 {
		subject = anStripParen(it.name) + a.groupPhrase(group)
	}
	var s string
	switch {
	case !c.OK || !anFinite(c.Previous):
		if !it.indicator && len(it.parts) == 0 {
			return nil // a main element is told only against the period before
		}
		s = a.level(it, subject, cur, p)
	case it.percent:
		s = a.rateChange(it, subject, c.Previous, cur, prev, p, 0)
	default:
		s = a.amountChange(it, subject, c, prev, p)
	}
	if group == "" {
		parts, err := a.parts(it, p)
		if err != nil {
			return err
		}
		t, err := a.target(it, p, cur)
		if err != nil {
			return err
		}
		s += parts + t
	}
	a.say(s)
	return nil
}

// level states a value without comparison.
func (a *analyst) level(it anItem, subject string, v float64, p period.Period) string {
	verb := a.pick("đạt", "reached")
	if it.lowerBetter {
		verb = a.pick("ở mức", "stood at")
	}
	if a.vi {
		return fmt.Sprintf("%s %s %s %s", subject, a.when(p), verb, a.val(it, v))
	}
	return fmt.Sprintf("%s %s %s %s", subject, verb, a.val(it, v), a.when(p))
}

// rateChange states the change of a rate in percentage points between two
// periods; years > 1 adds the average change per year.
func (a *analyst) rateChange(it anItem, subject string, v0, v1 float64, p0, p1 period.Period, years int) string {
	s0, s1 := a.val(it, v0), a.val(it, v1)
	if s0 == s1 {
		if a.vi {
			return fmt.Sprintf("%s %s giữ ở mức %s, không đổi so với %s", subject, a.when(p1), s1, a.when(p0))
		}
		return fmt.Sprintf("%s stayed at %s %s, unchanged from %s", subject, s1, a.when(p1), a.label(p0))
	}
	d := math.Abs(anRounded(v1, it.decimals) - anRounded(v0, it.decimals))
	pp := a.fixed(d, it.decimals)
	perYear := ""
	if years > 1 {
		if a.vi {
			perYear = ", bình quân " + a.fixed(d/float64(years), it.decimals) + " điểm phần trăm/năm"
		} else {
			perYear = ", " + a.fixed(d/float64(years), it.decimals) + " points a year on average"
		}
	}
	if a.vi {
		if v1 > v0 {
			return fmt.Sprintf("%s tăng từ %s %s lên %s %s (tăng %s điểm phần trăm%s)", subject, s0, a.when(p0), s1, a.when(p1), pp, perYear)
		}
		return fmt.Sprintf("%s giảm từ %s %s xuống còn %s %s (giảm %s điểm phần trăm%s)", subject, s0, a.when(p0), s1, a.when(p1), pp, perYear)
	}
	if v1 > v0 {
		return fmt.Sprintf("%s rose from %s %s to %s %s (up %s percentage points%s)", subject, s0, a.when(p0), s1, a.when(p1), pp, perYear)
	}
	return fmt.Sprintf("%s fell from %s %s to %s %s (down %s percentage points%s)", subject, s0, a.when(p0), s1, a.when(p1), pp, perYear)
}

// amountChange states the change of a count or an amount on the period
// before, in per cent.
func (a *analyst) amountChange(it anItem, subject string, c calc.Change, p0, p1 period.Period) string {
	s0, s1 := a.val(it, c.Previous), a.val(it, c.Current)
	up := c.Current > c.Previous
	switch {
	case s0 == s1:
		if a.vi {
			return fmt.Sprintf("%s %s giữ ở mức %s, không đổi so với %s", subject, a.when(p1), s1, a.when(p0))
		}
		return fmt.Sprintf("%s stayed at %s %s, unchanged from %s", subject, s1, a.when(p1), a.label(p0))
	case !anFinite(c.Percent) || c.Previous < 0:
		// From zero (or below) a percentage means nothing: both values.
		if a.vi {
			verb, to := "tăng", "lên"
			if !up {
				verb, to = "giảm", "xuống còn"
			}
			return fmt.Sprintf("%s %s từ %s %s %s %s %s", subject, verb, s0, a.when(p0), to, s1, a.when(p1))
		}
		verb := "rose"
		if !up {
			verb = "fell"
		}
		return fmt.Sprintf("%s %s from %s %s to %s %s", subject, verb, s0, a.when(p0), s1, a.when(p1))
	}
	pct := a.fixed(math.Abs(c.Percent), 2)
	by := pct + "%"
	if pct == a.fixed(0, 2) {
		// Too small a change for a percentage: the difference itself.
		by = a.val(it, math.Abs(anRounded(c.Current, it.decimals)-anRounded(c.Previous, it.decimals)))
	}
	if up && c.Percent >= 100 {
		times := a.fixed(1+c.Percent/100, 1)
		if a.vi {
			return fmt.Sprintf("%s %s đạt %s, gấp %s lần %s", subject, a.when(p1), s1, times, a.when(p0))
		}
		return fmt.Sprintf("%s reached %s %s, %s times the figure of %s", subject, s1, a.when(p1), times, a.label(p0))
	}
	if a.vi {
		if up {
			return fmt.Sprintf("%s %s đạt %s, tăng %s so với %s", subject, a.when(p1), s1, by, a.when(p0))
		}
		return fmt.Sprintf("%s %s giảm %s so với %s, còn %s", subject, a.when(p1), by, a.when(p0), s1)
	}
	if up {
		return fmt.Sprintf("%s reached %s %s, up %s from %s", subject, s1, a.when(p1), by, a.label(p0))
	}
	return fmt.Sprintf("%s fell by %s from %s to %s %s", subject, by, a.label(p0), s1, a.when(p1))
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

// target states how the value compares with the target of p, if one is
// set: the share of the target, or for an indicator that should fall
// whether it is at or below its target.
func (a *analyst) target(it anItem, p period.Period, v float64) (string, error) {
	if it.lowerBetter {
		t, ok := a.en.Target(it.code, a.area, p)
		if !ok || !anFinite(t) {
			return "", nil
		}
		ts := a.val(it, t)
		if v <= t {
			return a.pick(", đạt mục tiêu kế hoạch ("+ts+")", ", meeting the planned target ("+ts+")"), nil
		}
		return a.pick(", chưa đạt mục tiêu kế hoạch ("+ts+")", ", short of the planned target ("+ts+")"), nil
	}
	share, ok, err := a.en.TargetShare(it.code, a.area, p, "")
	if err != nil || !ok || !anFinite(share) {
		return "", err
	}
	if t, _ := a.en.Target(it.code, a.area, p); math.Abs(share-v/t*100) > 1e-9*math.Abs(share) {
		share = v / t * 100 // of the years with complete data only
	}
	s := a.trimmed(share, 1)
	switch {
	case s == a.trimmed(100, 1):
		return a.pick(", đạt 100% kế hoạch", ", 100% of the plan"), nil
	case share > 100:
		over := a.trimmed(share-100, 1)
		return a.pick(", đạt "+s+"% kế hoạch, vượt kế hoạch "+over+"%",
			", "+s+"% of the plan ("+over+"% above it)"), nil
	}
	return a.pick(", mới đạt "+s+"% kế hoạch", ", only "+s+"% of the plan"), nil
}

// counts states how many child areas reach the goal g of an item, and, for
// a rate that should fall, how many have none at all.
func (a *analyst) counts(it anItem, g float64) error {
	kids := a.en.Children(a.area, a.p)
	if len(kids) < 2 || !anFinite(g) {
		return nil // "1/1 địa phương" says nothing
	}
	lvl := a.en.Area(kids[0]).Level
	noun := a.noun(lvl, a.p)
	what := anLowerFirst(it.name)
	if !a.vi {
		what = anLowerFirst(anStripParen(it.name))
	}
	lower := it.lowerBetter
	if lower && it.percent {
		zero, err := a.en.CountMeeting(it.code, a.area, lvl, a.p, func(v float64) bool { return v == 0 })
		if err != nil {
			return err
		}
		if len(zero.Missing) > 0 {
			return nil // a count is told only when every child area has a value
		}
		if len(zero.Met) > 0 {
			var pred string
			if rest, ok := strings.CutPrefix(what, "tỷ lệ "); ok && a.vi {
				pred = "không còn " + rest
			} else {
				pred = a.pick("có "+what+" bằng 0", "have a "+what+" of zero")
			}
			a.countSentence(zero, noun, pred)
		}
	}
	gs := a.trimmed(g, it.decimals) + anUnit(it.unit)
	cond := func(v float64) bool { return v >= g }
	pred := a.pick("có "+what+" từ "+gs+" trở lên", "have a "+what+" of "+gs+" or more")
	if lower {
		cond = func(v float64) bool { return v < g }
		pred = a.pick("có "+what+" dưới "+gs, "have a "+what+" below "+gs)
	}
	c, err := a.en.CountMeeting(it.code, a.area, lvl, a.p, cond)
	if err != nil || len(c.Missing) > 0 {
		return err
	}
	a.countSentence(c, noun, pred)
	return nil
}

// countSentence writes "Năm 2022, 9/13 địa phương có …", naming the areas
// when there are few of them.
func (a *analyst) countSentence(c calc.Count, noun, pred string) {
	n := strconv.Itoa(len(c.Met)) + "/" + strconv.Itoa(c.Total())
	names := ""
	if len(c.Met) > 0 && len(c.Met) <= 4 && len(c.Met) < c.Total() {
		var list []string
		for _, code := range c.Met {
			list = append(list, a.shortName(code))
		}
		names = " (" + strings.Join(list, ", ") + ")"
	}
	if a.vi {
		if len(c.Met) == 0 {
			a.say(fmt.Sprintf("%s, chưa có %s nào %s", a.label(a.p), noun, pred))
			return
		}
		a.say(fmt.Sprintf("%s, %s %s%s %s", a.label(a.p), n, noun, names, pred))
		return
	}
	pred = strings.Replace(pred, "have ", "had ", 1)
	if len(c.Met) == 0 {
		a.say(fmt.Sprintf("In %s, none of the %d %s %s", a.label(a.p), c.Total(), noun, pred))
		return
	}
	a.say(fmt.Sprintf("In %s, %s %s%s %s", a.label(a.p), n, noun, names, pred))
}

// yesNo states a yes/no element: for an area with child areas, how many
// of the areas at the deepest level answer yes ("177/177"); for one area,
// its answer.
func (a *analyst) yesNo(it anItem) error {
	p, prev := a.p, a.p.Prev()
	if len(a.en.Children(a.area, p)) == 0 {
		v, ok, err := a.en.Value(it.code, a.area, p, "")
		if err != nil || !ok {
			return err
		}
		before := ""
		if pv, ok, err := a.en.Value(it.code, a.area, prev, ""); err != nil {
			return err
		} else if ok && a.yes(pv) != a.yes(v) {
			before = " (" + a.pick(a.when(prev), a.label(prev)) + ": " + a.yes(pv) + ")"
		}
		a.say(fmt.Sprintf("%s %s: %s%s", it.name, a.when(p), a.yes(v), before))
		return nil
	}
	lvl := a.deepestLevel(a.area, p)
	cur, err := a.en.CountMeeting(it.code, a.area, lvl, p, isYes)
	if err != nil || len(cur.Met)+len(cur.NotMet) == 0 {
		return err
	}
	text := fmt.Sprintf("%d/%d", len(cur.Met), cur.Total())
	noun := a.noun(lvl, p)
	var notes []string // "176 xã, phường, thị trấn chưa có số liệu", "năm 2023: 177/177"
	if k := len(cur.Missing); k > 0 {
		notes = append(notes, a.pick(fmt.Sprintf("%d %s chưa có số liệu", k, noun), fmt.Sprintf("no data for %d %s", k, noun)))
	}
	old, err := a.en.CountMeeting(it.code, a.area, a.deepestLevel(a.area, prev), prev, isYes)
	if err != nil {
		return err
	}
	if ot := fmt.Sprintf("%d/%d", len(old.Met), old.Total()); len(old.Met)+len(old.NotMet) > 0 && ot != text {
		notes = append(notes, a.pick(a.when(prev), a.label(prev))+": "+ot)
	}
	before := ""
	if len(notes) > 0 {
		before = " (" + strings.Join(notes, "; ") + ")"
	}
	t, err := a.target(it, p, float64(len(cur.Met)))
	if err != nil {
		return err
	}
	if a.vi {
		pred := "có " + anLowerFirst(it.name)
		if rest, ok := strings.CutPrefix(it.name, "Xã "); ok {
			pred = rest
		}
		a.say(fmt.Sprintf("%s, %s %s %s%s%s", a.label(p), text, noun, pred, before, t))
		return nil
	}
	a.say(fmt.Sprintf("%s: yes in %s %s %s%s%s", it.name, text, noun, a.when(p), before, t))
	return nil
}

func isYes(v float64) bool { return v == 1 }

// yes prints a yes/no value.
func (a *analyst) yes(v float64) string {
	if v == 1 {
		return a.pick("có", "yes")
	}
	return a.pick("không", "no")
}

// deepestLevel returns the deepest level of the areas below area valid in
// p (the areas that enter data), or area's own level.
func (a *analyst) deepestLevel(area string, p period.Period) int {
	lvl := a.en.Area(area).Level
	for _, c := range a.en.Children(area, p) {
		lvl = max(lvl, a.deepestLevel(c, p))
	}
	return lvl
}

// partial reports whether the value of code (an element, CODE.CATEGORY or
// an indicator) for area in p — or for the members of group below area —
// is aggregated from areas of which some have no value, here or further
// down: a total of the communes that have reported so far, which must not
// be compared with a complete one. A value stored for the area itself is
// never partial; it is told from an aggregate by comparing it with the
// aggregate of the child areas' values.
func (a *analyst) partial(code, area string, p period.Period, group string) (bool, error) {
	if in := a.en.Indicator(code); in != nil {
		for _, f := range []string{in.Numerator, in.Denominator} {
			if f == "" {
				continue
			}
			x, err := calc.Parse(f)
			if err != nil {
				return false, err
			}
			for _, r := range x.Refs(nil) {
				c := r.Code
				if r.Category != "" {
					c += "." + r.Category
				}
				if pa, err := a.partial(c, area, p, group); err != nil || pa {
					return pa, err
				}
			}
		}
		return false, nil
	}
	ecode, _, _ := strings.Cut(code, ".")
	e := a.en.Element(ecode)
	if e == nil {
		return false, nil
	}
	var areas []string
	if group != "" {
		areas = a.members(area, group, p)
	} else {
		areas = a.en.Children(area, p)
	}
	var acc, weights float64
	present, missing := 0, 0
	var have []string
	for _, c := range areas {
		v, ok, err := a.en.Value(code, c, p, "")
		if err != nil {
			return false, err
		}
		if !ok {
			missing++
			continue
		}
		have = append(have, c)
		switch e.Aggregation {
		case catalog.WeightedAverage:
			w, wok, err := a.en.Value(e.Weight, c, p, "")
			if err != nil {
				return false, err
			}
			if !wok {
				continue
			}
			acc += v * w
			weights += w
		case catalog.Min:
			if present == 0 || v < acc {
				acc = v
			}
		case catalog.Max:
			if present == 0 || v > acc {
				acc = v
			}
		default:
			acc += v
		}
		present++
	}
	if present == 0 {
		return false, nil
	}
	if group == "" {
		// Is the area's value the aggregate of its children's, or its own?
		v, ok, err := a.en.Value(code, area, p, "")
		if err != nil || !ok {
			return false, err
		}
		switch e.Aggregation {
		case catalog.Average:
			acc /= float64(present)
		case catalog.WeightedAverage:
			if weights == 0 {
				return false, nil
			}
			acc /= weights
		}
		if math.Abs(acc-v) > 1e-9*max(1, math.Abs(v)) {
			return false, nil // stored for the area itself
		}
	}
	if missing > 0 {
		return true, nil
	}
	for _, c := range have {
		if pa, err := a.partial(code, c, p, ""); err != nil || pa {
			return pa, err
		}
	}
	return false, nil
}

// members returns the topmost areas of group at or below area valid in p,
// the areas whose values make the group's value.
func (a *analyst) members(area, group string, p period.Period) []string {
	if slices.Contains(a.en.Area(area).Groups, group) {
		return []string{area}
	}
	var out []string
	for _, c := range a.en.Children(area, p) {
		out = append(out, a.members(c, group, p)...)
	}
	return out
}

// complete returns a value of code for p that is there and not partial.
func (a *analyst) complete(code string, p period.Period, group string) (float64, bool, error) {
	v, ok, err := a.en.Value(code, a.area, p, group)
	if err != nil || !ok || !anFinite(v) {
		return 0, false, err
	}
	pa, err := a.partial(code, a.area, p, group)
	return v, !pa, err
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

func (a *analyst) hasMember(area, group string) bool {
	for _, c := range a.en.Children(area, a.p) {
		if slices.Contains(a.en.Area(c).Groups, group) || a.hasMember(c, group) {
			return true
		}
	}
	return false
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

// ---- a range of years ----

func (a *analyst) rangeAnalysis(items []anItem) error {
	for _, it := range items {
		if it.yesNo {
			continue
		}
		var err error
		if it.flow && !it.percent {
			err = a.rangeTotal(it)
		} else {
			err = a.rangeLevel(it, "")
		}
		if err != nil {
			return err
		}
	}
	for _, g := range a.groups() {
		for _, it := range items {
			if it.level && !it.yesNo {
				if err := a.rangeLevel(it, g.Code); err != nil {
					return err
				}
			}
		}
	}
	a.methodNote()
	return nil
}

// methodNote explains, after the growth rates, how calc.Engine.AverageGrowth
// computes them: ((V_B / V_{A−1})^(1/(B−A+1)) − 1) × 100 for the years A–B,
// B being here the last year with a value.
func (a *analyst) methodNote() {
	if len(a.growth) == 0 {
		return
	}
	example := ""
	if len(a.growth) == 1 {
		for last := range a.growth {
			n, first := last-a.p.Year+1, a.p.Year-1
			example = a.pick(fmt.Sprintf("; ở đây n = %d, so sánh năm %d với năm %d", n, last, first),
				fmt.Sprintf("; here n = %d, comparing %d with %d", n, last, first))
		}
	}
	a.say(a.pick(
		"(Ghi chú: tốc độ tăng bình quân năm tính theo phương pháp bình quân nhân, bằng (giá trị năm cuối / giá trị năm liền trước kỳ)^(1/n) − 1, với n là số năm từ năm liền trước kỳ đến năm cuối"+example+".)",
		"(Note: average annual growth is the compound rate (value of the last year / value of the year before the period)^(1/n) − 1, where n is the number of years from the year before the period to the last year"+example+".)"))
}

// anYear returns the year y as a period.
func anYear(y int) period.Period { return period.Period{Type: period.Year, Year: y} }

// rangeLevel compares the value of the year before the range with that of
// its last year with a value.
func (a *analyst) rangeLevel(it anItem, group string) error {
	start := anYear(a.p.Year - 1)
	v0, ok, err := a.complete(it.code, start, group)
	if err != nil || !ok {
		return err
	}
	var v1 float64
	last := 0
	for y := a.p.Index; y >= a.p.Year; y-- {
		v, ok, err := a.complete(it.code, anYear(y), group)
		if err != nil {
			return err
		}
		if ok {
			v1, last = v, y
			break
		}
	}
	if last == 0 {
		return nil
	}
	end := anYear(last)
	years := last - start.Year
	subject := it.name + a.groupPhrase(group)
	var s string
	if it.percent {
		s = a.rateChange(it, subject, v0, v1, start, end, years)
	} else {
		s0, s1 := a.val(it, v0), a.val(it, v1)
		if s0 == s1 || v0 <= 0 {
			s = a.amountChange(it, subject, calc.Change{Current: v1, Previous: v0, Diff: v1 - v0,
				Percent: math.NaN(), OK: true}, start, end)
		} else {
			s = a.amountChange(it, subject, calc.Change{Current: v1, Previous: v0, Diff: v1 - v0,
				Percent: (v1/v0 - 1) * 100, OK: true}, start, end)
			if years > 1 {
				g, ok, err := a.en.AverageGrowth(it.code, a.area, period.Period{Type: period.Range, Year: a.p.Year, Index: last}, group)
				if err != nil {
					return err
				}
				s += a.growthClause(g, ok, last)
			}
		}
	}
	if group == "" && last == a.p.Index {
		t, err := a.target(it, end, v1)
		if err != nil {
			return err
		}
		s += t
	}
	a.say(s)
	return nil
}

// growthClause is ", bình quân tăng 14,9%/năm", or "" when g is not known
// or rounds to zero.
func (a *analyst) growthClause(g float64, ok bool, last int) string {
	if !ok || !anFinite(g) || a.fixed(math.Abs(g), 1) == a.fixed(0, 1) {
		return ""
	}
	a.growth[last] = true
	gs := a.fixed(math.Abs(g), 1)
	if g > 0 {
		return a.pick(", bình quân tăng "+gs+"%/năm", ", growing by "+gs+"% a year on average")
	}
	return a.pick(", bình quân giảm "+gs+"%/năm", ", falling by "+gs+"% a year on average")
}

// rangeTotal states the total of an element over the range, its average
// annual growth, its ratio to the previous range and the share of the
// range's target.
func (a *analyst) rangeTotal(it anItem) error {
	n := a.p.Index - a.p.Year + 1
	span, have, last, err := a.span(it.code, a.p)
	if err != nil || have == 0 {
		return err
	}
	total, ok, err := a.en.Value(it.code, a.area, span, "")
	if err != nil || !ok || !anFinite(total) {
		return err
	}
	name := anStripParen(it.name)
	name = strings.Replace(name, " trong năm", "", 1)
	name = strings.Replace(name, " during the year", "", 1)
	rng := a.rangeText(a.p)
	name = anLowerFirst(name)
	if a.vi && it.integer && !strings.HasPrefix(name, "số ") {
		name = "số " + name // "tổng số nhà ở được hỗ trợ"
	}
	var s string
	switch {
	case have == n && a.vi:
		s = fmt.Sprintf("Tổng %s trong %d năm %s đạt %s", name, n, rng, a.val(it, total))
	case have == n:
		s = fmt.Sprintf("Total %s over the %d years %s reached %s", name, n, rng, a.val(it, total))
	case a.vi:
		s = fmt.Sprintf("Tổng %s giai đoạn %s (số liệu %d/%d năm, đến năm %d) đạt %s", name, rng, have, n, last, a.val(it, total))
	default:
		s = fmt.Sprintf("Total %s for %s (data for %d of %d years, up to %d) reached %s", name, rng, have, n, last, a.val(it, total))
	}
	if last > a.p.Year {
		if _, ok, err := a.complete(it.code, anYear(a.p.Year-1), ""); err != nil {
			return err
		} else if ok {
			g, ok, err := a.en.AverageGrowth(it.code, a.area, period.Period{Type: period.Range, Year: a.p.Year, Index: last}, "")
			if err != nil {
				return err
			}
			s += a.growthClause(g, ok, last)
		}
	}
	if have == n {
		prev := a.p.Prev()
		if pspan, k, _, err := a.span(it.code, prev); err != nil {
			return err
		} else if k == n && pspan == prev {
			r, ok, err := a.en.RangeRatio(it.code, a.area, prev, a.p, "")
			if err != nil {
				return err
			}
			if ok && anFinite(r) {
				s += a.ratioClause(r, prev)
			}
		}
	}
	parts, err := a.parts(it, span)
	if err != nil {
		return err
	}
	t, err := a.target(it, a.p, total)
	if err != nil {
		return err
	}
	a.say(s + parts + t)
	return nil
}

// span returns the part of range r whose years can be added up — r
// itself, or its years before the first whose value is partial — with
// the number of its years that have a value and the last of them.
func (a *analyst) span(code string, r period.Period) (period.Period, int, int, error) {
	span := r
	n, last := 0, 0
	for _, y := range r.Years() {
		v, ok, err := a.en.Value(code, a.area, y, "")
		if err != nil {
			return r, 0, 0, err
		}
		if !ok || !anFinite(v) {
			continue
		}
		pa, err := a.partial(code, a.area, y, "")
		if err != nil {
			return r, 0, 0, err
		}
		if pa {
			span.Index = y.Year - 1
			break
		}
		n, last = n+1, y.Year
	}
	return span, n, last, nil
}

// ratioClause compares a range's total with the previous range's: "gấp
// 1,8 lần giai đoạn 2011-2015".
func (a *analyst) ratioClause(r float64, prev period.Period) string {
	rng := a.rangeText(prev)
	if r >= 1.5 {
		return a.pick(", gấp "+a.fixed(r, 1)+" lần giai đoạn "+rng, ", "+a.fixed(r, 1)+" times the total of "+rng)
	}
	pct := a.fixed(math.Abs(r-1)*100, 1)
	switch {
	case pct == a.fixed(0, 1):
		return a.pick(", bằng giai đoạn "+rng, ", the same as in "+rng)
	case r > 1:
		return a.pick(", tăng "+pct+"% so với giai đoạn "+rng, ", "+pct+"% more than in "+rng)
	}
	return a.pick(", giảm "+pct+"% so với giai đoạn "+rng, ", "+pct+"% less than in "+rng)
}

// ---- words ----

// label is the period as a reader writes it: "Năm 2024", "Quý I/2024",
// "2024", "Q1 2024".
func (a *analyst) label(p period.Period) string { return p.Label(a.pick("vi", "en")) }

// when is the period inside a sentence: "năm 2024", "in 2024".
func (a *analyst) when(p period.Period) string {
	if a.vi {
		return anLowerFirst(p.Label("vi"))
	}
	return "in " + p.Label("en")
}

// rangeText is a range as written after "giai đoạn": "2016-2020"
// ("2016–2020" in English).
func (a *analyst) rangeText(p period.Period) string {
	return a.pick(fmt.Sprintf("%d-%d", p.Year, p.Index), fmt.Sprintf("%d–%d", p.Year, p.Index))
}

// groupPhrase restricts a subject to a group: " tại các xã đặc biệt khó
// khăn", " ở vùng đồng bào dân tộc thiểu số và miền núi".
func (a *analyst) groupPhrase(code string) string {
	if code == "" {
		return ""
	}
	for _, g := range a.en.Catalog.Groups {
		if g.Code != code {
			continue
		}
		if !a.vi {
			return " in " + anLowerFirst(anOr(g.NameEN, g.NameVI))
		}
		name := anLowerFirst(g.NameVI)
		if strings.HasPrefix(name, "vùng ") {
			return " ở " + name
		}
		return " tại các " + name
	}
	return ""
}

// anReform is the day the districts were abolished and the commune level
// became "xã, phường, đặc khu".
var anReform = time.Date(2025, 7, 1, 0, 0, 0, 0, time.UTC)

// noun names areas of a level in a count: the commune level as it was
// called in p ("xã, phường, thị trấn" before 1/7/2025), other levels
// "địa phương".
func (a *analyst) noun(level int, p period.Period) string {
	for _, l := range a.en.Catalog.Levels {
		if l.Level != level || l.Code != "COMMUNE" {
			continue
		}
		if !a.vi {
			return "communes"
		}
		if p.End().Before(anReform) {
			return "xã, phường, thị trấn"
		}
		return anLowerFirst(anStripParen(l.NameVI))
	}
	return a.pick("địa phương", "localities")
}

// shortName is an area's name without its kind: "Hạ Long" for "Thành phố
// Hạ Long", "Van Don" for "Van Don District".
func (a *analyst) shortName(code string) string {
	ar := a.en.Area(code)
	if !a.vi && ar.NameEN != "" {
		n := ar.NameEN
		for _, s := range []string{" City", " Town", " District", " Commune", " Ward", " Township"} {
			n = strings.TrimSuffix(n, s)
		}
		return n
	}
	n := ar.Name
	for _, s := range []string{"Thành phố ", "Thị xã ", "Huyện ", "Quận ", "Thị trấn ", "Xã ", "Phường ", "Đặc khu ", "Tỉnh "} {
		if rest, ok := strings.CutPrefix(n, s); ok {
			return rest
		}
	}
	return n
}

// ---- numbers ----

// val prints a value with its unit: "0,36%", "8.981 tỷ đồng".
func (a *analyst) val(it anItem, v float64) string { return a.num(it, v) + anUnit(it.unit) }

// num prints a value of an item: rates with the item's decimals, other
// figures with them too but without a zero decimal part ("8.981", not
// "8.981,0").
func (a *analyst) num(it anItem, v float64) string {
	if it.percent {
		return a.fixed(v, it.decimals)
	}
	return a.trimmed(v, it.decimals)
}

// fixed prints v with exactly d decimals.
func (a *analyst) fixed(v float64, d int) string {
	if v == 0 {
		v = 0 // no "-0"
	}
	return number.FormatFloat(v, d, a.o.Style)
}

// trimmed prints v with at most d decimals, dropping a zero decimal part.
func (a *analyst) trimmed(v float64, d int) string {
	s := a.fixed(v, d)
	dec := ","
	if a.o.Style == number.English {
		dec = "."
	}
	if i := strings.LastIndex(s, dec); i >= 0 && strings.Trim(s[i+1:], "0") == "" {
		return s[:i]
	}
	return s
}

// anRounded rounds v to d decimals as it is printed.
func anRounded(v float64, d int) float64 {
	r, err := strconv.ParseFloat(strconv.FormatFloat(v, 'f', d, 64), 64)
	if err != nil {
		return v
	}
	return r
}

// anFinite reports whether v is neither NaN nor infinite.
func anFinite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

// anUnit is the unit as written after a number: "%" directly, others
// after a space.
func anUnit(u string) string {
	switch u {
	case "":
		return ""
	case "%":
		return "%"
	}
	return " " + u
}

// anLowerFirst puts the first letter of s in lower case, for a name inside a
// sentence.
func anLowerFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	return string(unicode.ToLower(r)) + s[n:]
}

// anStripParen drops a final parenthesis from a name: "Nhà ở được hỗ trợ
// (xây mới / sửa chữa)" → "Nhà ở được hỗ trợ".
func anStripParen(s string) string {
	if strings.HasSuffix(s, ")") {
		if i := strings.LastIndex(s, " ("); i > 0 {
			return s[:i]
		}
	}
	return s
}

// anJoinAnd joins a list in English: "a, b and c".
func anJoinAnd(list []string) string {
	if len(list) < 2 {
		return strings.Join(list, "")
	}
	return strings.Join(list[:len(list)-1], ", ") + " and " + list[len(list)-1]
}
