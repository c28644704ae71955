package report

import (
	"fmt"
	"math"
	"strings"

	"chiso/data/calc"
	"chiso/data/period"
)

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

// rangeLevel compares the value of the year before the range, on the
// boundaries of the range's last year with a complete value, with that
// year's, and says when the range's target was met.
func (a *analyst) rangeLevel(it anItem, group string) error {
	start := anYear(a.p.Year - 1)
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
	f0, err := a.figureOn(it.code, start, group, end.End())
	if err != nil || !f0.Complete() {
		return err
	}
	v0 := f0.Value
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
	s = a.bounds(s+a.breaks(it.code, start, end), start, end.End(), group)
	if group == "" {
		t, err := a.rangeTarget(it, last, v1)
		if err != nil {
			return err
		}
		s += t
	}
	a.say(s)
	return nil
}

// rangeTarget states how the value of the year last (a level) or the total
// to it (a flow) compares with the range's target: met since a year ("đạt
// mục tiêu kế hoạch (0,50%) từ năm 2022, về đích sớm 3 năm"), or the share
// of it reached so far.
func (a *analyst) rangeTarget(it anItem, last int, v float64) (string, error) {
	t, ok := a.en.Target(it.code, a.area, a.p)
	if !ok || !anFinite(t) {
		return "", nil
	}
	met, ok, err := a.en.FirstMet(it.code, a.area, a.p, last)
	if err != nil {
		return "", err
	}
	ts := a.val(it, t)
	what := a.pick("mục tiêu kế hoạch", "the planned target")
	if it.flow && !it.percent {
		what = a.pick("kế hoạch cả giai đoạn", "the plan for the whole period")
	}
	switch {
	case ok && met.Early > 0 && a.vi:
		return fmt.Sprintf(", đạt %s (%s) từ năm %d, về đích sớm %d năm", what, ts, met.Year, met.Early), nil
	case ok && met.Early > 0:
		return fmt.Sprintf(", meeting %s (%s) since %d, %d years early", what, ts, met.Year, met.Early), nil
	case last < a.p.Index && it.flow && !it.percent && t != 0:
		// A total of some years against the plan of all of them: say so.
		share := strings.TrimPrefix(a.share(v/t*100), ", ")
		share = strings.TrimPrefix(strings.TrimPrefix(share, "mới "), "only ")
		return a.pick(fmt.Sprintf(", lũy kế %d năm %s cả giai đoạn", last-a.p.Year+1, share),
			fmt.Sprintf(", %s for the whole period after %d years", share, last-a.p.Year+1)), nil
	case last < a.p.Index && it.lowerBetter:
		return a.pick(fmt.Sprintf(", chưa đạt mục tiêu năm %d (%s)", a.p.Index, ts),
			fmt.Sprintf(", short of the target for %d (%s)", a.p.Index, ts)), nil
	case last < a.p.Index && t != 0:
		return a.pick(fmt.Sprintf(", bằng %s%% mục tiêu năm %d (%s)", a.percentOf(v/t*100), a.p.Index, ts),
			fmt.Sprintf(", %s%% of the target for %d (%s)", a.percentOf(v/t*100), a.p.Index, ts)), nil
	}
	return a.target(it, a.p, v)
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

// rangeTotal states the total of an element over the range (up to the
// last year its figures reach, and before any year with gaps), its average
// annual growth, its ratio to the previous range — or, for a range not
// complete yet, to the same first years of it — and the share of the
// range's target.
func (a *analyst) rangeTotal(it anItem) error {
	span := a.p
	for _, y := range a.p.Years() {
		f, err := a.figure(it.code, y, "")
		if err != nil {
			return err
		}
		if f.Gaps {
			span.Index = y.Year - 1 // a total of those who reported is no total
			break
		}
	}
	if span.Index < span.Year {
		return nil
	}
	f, err := a.figure(it.code, span, "")
	if err != nil || !f.OK {
		return err
	}
	last := span.Index
	if f.Short() {
		last = f.Through.Year
	}
	n := a.p.Index - a.p.Year + 1
	name := anStripParen(it.name)
	name = strings.Replace(name, " trong năm", "", 1)
	name = strings.Replace(name, " during the year", "", 1)
	rng := a.rangeText(a.p)
	name = anLowerFirst(name)
	if a.vi && it.integer && !strings.HasPrefix(name, "số ") {
		name = "số " + name // "tổng số nhà ở được hỗ trợ"
	}
	complete := span == a.p && !f.Short()
	var s string
	switch {
	case complete && a.vi:
		s = fmt.Sprintf("Tổng %s trong %d năm %s đạt %s", name, n, rng, a.val(it, f.Value))
	case complete:
		s = fmt.Sprintf("Total %s over the %d years %s reached %s", name, n, rng, a.val(it, f.Value))
	case a.vi:
		s = fmt.Sprintf("Tổng %s giai đoạn %s (%s) đạt %s", name, rng, a.yearsHeld(f, last), a.val(it, f.Value))
	default:
		s = fmt.Sprintf("Total %s for %s (%s) reached %s", name, rng, a.yearsHeld(f, last), a.val(it, f.Value))
	}
	mapped := false // a figure before the range compared on the range's boundaries
	if last > a.p.Year {
		if f0, err := a.figureOn(it.code, anYear(a.p.Year-1), "", anYear(last).End()); err != nil {
			return err
		} else if f0.Complete() {
			g, ok, err := a.en.AverageGrowth(it.code, a.area, period.Period{Type: period.Range, Year: a.p.Year, Index: last}, "")
			if err != nil {
				return err
			}
			if c := a.growthClause(g, ok, last); c != "" {
				s += c
				mapped = f0.Mapped
			}
		}
	}
	// Compared with the previous range over as many years: all of them, or
	// its first ones for a range still running.
	held := period.Period{Type: period.Range, Year: a.p.Year, Index: last}
	if f.PartsWith == last-a.p.Year+1 {
		prev := a.p.Prev()
		prev.Index = prev.Year + last - a.p.Year
		pf, err := a.figureOn(it.code, prev, "", held.End())
		if err != nil {
			return err
		}
		if pf.Complete() && pf.PartsWith == last-a.p.Year+1 {
			r, ok, err := a.en.RangeRatio(it.code, a.area, prev, held, "")
			if err != nil {
				return err
			}
			if ok && anFinite(r) {
				s += a.ratioClause(r, prev, complete)
				mapped = mapped || pf.Mapped
			}
		}
	}
	if mapped {
		s = a.bounds(s, anYear(a.p.Year-1), anYear(last).End(), "")
	}
	parts, err := a.parts(it, span)
	if err != nil {
		return err
	}
	t, err := a.rangeTarget(it, last, f.Value)
	if err != nil {
		return err
	}
	a.say(s + parts + t)
	return nil
}

// yearsHeld says which years a total holds: "số liệu từ năm 2021 đến năm
// 2023", "chỉ có số liệu năm 2023", "số liệu của 2 trong 3 năm 2021-2023".
func (a *analyst) yearsHeld(f calc.Figure, last int) string {
	first := a.p.Year
	switch {
	case f.PartsWith == 1:
		return a.pick(fmt.Sprintf("chỉ có số liệu năm %d", last), fmt.Sprintf("data for %d only", last))
	case f.PartsWith == last-first+1:
		return a.pick(fmt.Sprintf("số liệu từ năm %d đến năm %d", first, last), fmt.Sprintf("data for %d–%d", first, last))
	}
	return a.pick(fmt.Sprintf("số liệu của %d trong %d năm %d-%d", f.PartsWith, last-first+1, first, last),
		fmt.Sprintf("data for %d of the %d years %d–%d", f.PartsWith, last-first+1, first, last))
}

// ratioClause compares a total with the previous range's over as many
// years: "gấp 1,8 lần giai đoạn 2011-2015", or, for a range still running
// (whole false), "tăng 29,5% so với cùng kỳ giai đoạn trước (2016-2018)".
func (a *analyst) ratioClause(r float64, prev period.Period, whole bool) string {
	rng := a.rangeText(prev)
	than := a.pick("giai đoạn "+rng, rng)
	if !whole {
		than = a.pick("cùng kỳ giai đoạn trước ("+rng+")", "the same years of the previous period ("+rng+")")
	}
	if r >= 1.5 {
		return a.pick(", gấp "+a.fixed(r, 1)+" lần "+than, ", "+a.fixed(r, 1)+" times the total of "+than)
	}
	pct := a.fixed(math.Abs(r-1)*100, 1)
	switch {
	case pct == a.fixed(0, 1):
		return a.pick(", bằng "+than, ", the same as in "+than)
	case r > 1:
		return a.pick(", tăng "+pct+"% so với "+than, ", "+pct+"% more than in "+than)
	}
	return a.pick(", giảm "+pct+"% so với "+than, ", "+pct+"% less than in "+than)
}
