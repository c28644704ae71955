package report

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"chiso/data/calc"
	"chiso/data/period"
)

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
			noun = a.nounOf(kids, a.en.Area(kids[0]).Level, a.p)
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
	cur, err := a.figure(it.code, p, group)
	if err != nil || !cur.OK {
		return err
	}
	if !cur.Complete() {
		if group == "" {
			a.incomplete = append(a.incomplete, anLowerFirst(it.name))
		}
		return nil
	}
	c, err := a.en.ChangeOnPrevious(it.code, a.area, p, group)
	if err != nil {
		return err
	}
	if c.OK {
		before, err := a.figureOn(it.code, prev, group, p.End())
		if err != nil {
			return err
		}
		c.OK = before.Complete() // an incomplete previous value is no comparison
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
		s = a.level(it, subject, cur.Value, p)
	case it.percent:
		s = a.bounds(a.rateChange(it, subject, c.Previous, cur.Value, prev, p, 0)+a.breaks(it.code, prev, p), prev, p.End(), group)
	default:
		s = a.bounds(a.amountChange(it, subject, c, prev, p)+a.breaks(it.code, prev, p), prev, p.End(), group)
	}
	if group == "" {
		parts, err := a.parts(it, p)
		if err != nil {
			return err
		}
		t, err := a.target(it, p, cur.Value)
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
	if years > 1 && a.fixed(d/float64(years), it.decimals) != a.fixed(0, it.decimals) {
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

// counts states how many child areas reach the goal g of an item, and, for
// a rate that should fall, how many have none at all.
func (a *analyst) counts(it anItem, g float64) error {
	kids := a.en.Children(a.area, a.p)
	if len(kids) < 2 || !anFinite(g) {
		return nil // "1/1 địa phương" says nothing
	}
	lvl := a.en.Area(kids[0]).Level
	noun := a.nounOf(kids, lvl, a.p)
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
		// The area's own answer the year before: one made of other areas
		// (before the area existed) is a count, not an answer.
		if pf, err := a.en.Figure(it.code, a.area, prev, ""); err != nil {
			return err
		} else if pf.OK && !pf.Mapped && a.yes(pf.Value) != a.yes(v) {
			before = " (" + a.pick(a.when(prev), a.label(prev)) + ": " + a.yes(pf.Value) + ")"
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
	noun := a.nounOf(slices.Concat(cur.Met, cur.NotMet, cur.Missing), lvl, p)
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
