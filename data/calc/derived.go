package calc

import (
	"fmt"
	"math"

	"chiso/data/period"
)

// Change compares a value with the previous period's.
type Change struct {
	Current, Previous float64
	Diff              float64 // Current − Previous
	Percent           float64 // (Current/Previous − 1) × 100; NaN if Previous is 0
	OK                bool
	// Mapped reports that the previous value is on the current period's
	// boundaries, not its own ("tính theo địa giới mới", see FigureOn).
	Mapped bool
}

// ChangeOnPrevious computes a value's change on the previous period, the
// previous value on the boundaries of the current period's last day: Hạ
// Long's 2019 with Hoành Bồ, which joined it on 1/1/2020, for its change
// in 2020.
func (en *Engine) ChangeOnPrevious(code, area string, p period.Period, group string) (Change, error) {
	cur, err := en.Figure(code, area, p, group)
	if err != nil {
		return Change{}, err
	}
	prev, err := en.FigureOn(code, area, p.Prev(), group, p.End())
	if err != nil || !cur.OK || !prev.OK {
		return Change{}, err
	}
	c := Change{Current: cur.Value, Previous: prev.Value, Diff: cur.Value - prev.Value, Percent: math.NaN(), OK: true,
		Mapped: prev.Mapped}
	if prev.Value != 0 {
		c.Percent = (cur.Value/prev.Value - 1) * 100
	}
	return c, nil
}

// AverageGrowth is the compound average annual growth over a range of
// years A–B, in percent: ((V_B / V_{A−1})^(1/(B−A+1)) − 1) × 100, the way
// statistics offices state "bình quân tăng x%/năm" for a five-year plan;
// V_{A−1} on the boundaries of B's last day (see FigureOn).
func (en *Engine) AverageGrowth(code, area string, r period.Period, group string) (float64, bool, error) {
	if r.Type != period.Range {
		return 0, false, fmt.Errorf("average growth needs a range of years, not %s", r)
	}
	start := period.Period{Type: period.Year, Year: r.Year - 1}
	end := period.Period{Type: period.Year, Year: r.Index}
	v0, ok0, err := en.ValueOn(code, area, start, group, end.End())
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

// RangeRatio is the figure of a value over range b divided by its figure
// over range a, on b's boundaries: for a flow, the ratio of the totals
// ("gấp 1,8 lần giai đoạn 2011-2015").
func (en *Engine) RangeRatio(code, area string, a, b period.Period, group string) (float64, bool, error) {
	ta, oka, err := en.ValueOn(code, area, a, group, b.End())
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
