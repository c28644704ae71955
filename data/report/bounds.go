package report

import (
	"fmt"
	"math"
	"strings"
	"time"

	"chiso/data/calc"
	"chiso/data/catalog"
	"chiso/data/msg"
	"chiso/data/number"
	"chiso/data/period"
)

// markBoundaries marks the columns whose figures are on the report
// period's boundaries rather than the area's own ("tính theo địa giới
// mới" in the header) and returns the notes that say what they are made
// of and what "×" stands for.
func markBoundaries(en *calc.Engine, r *Report, lang string) []string {
	var notes []string
	notComparable := map[period.Period]bool{}
	for col, q := range map[int]period.Period{ColPrevious: r.Previous, ColCurrent: r.Period} {
		mapped := false
		for _, row := range r.Rows {
			v := row.Values[col]
			mapped = mapped || v.Mapped
			if v.NotComparable {
				notComparable[q] = true
			}
		}
		if mapped {
			r.Columns[col].Header += " (" + calc.BoundariesNote(lang) + ")"
		}
	}
	for _, q := range []period.Period{r.Previous, r.Period} {
		if n := madeOf(en, r.Area, q, r.Period.End(), lang); n != "" {
			notes = append(notes, n)
		}
		if notComparable[q] {
			notes = append(notes, notComparableNote(en, r.Area, q, r.Period.End(), lang))
		}
	}
	return notes
}

// madeOf says what an area's figures for q on the boundaries of day on are
// made of, when they are not its own: "Số liệu năm 2019 tính theo địa
// giới mới (địa giới hành chính ngày 31/12/2020): Thành phố Hạ Long gồm cả
// Huyện Hoành Bồ (sáp nhập từ ngày 01/01/2020)." "" when they are its own.
func madeOf(en *calc.Engine, area string, q period.Period, on time.Time, lang string) string {
	parts, own, comparable := en.Composition(area, q, on)
	if own || !comparable || len(parts) == 0 {
		return ""
	}
	self := false
	var list []string
	for _, pt := range parts {
		if pt.Area == area {
			self = true
			continue
		}
		a := en.Area(pt.Area)
		n := areaName(a, lang)
		switch {
		case math.IsNaN(pt.Share):
			n = pick(lang, "một phần "+n, "part of "+n)
		case pt.Share < 1:
			pct := number.FormatFloat(pt.Share*100, 0, styleOf(lang))
			n = pick(lang, pct+"% dân số "+n, pct+"% of the population of "+n)
		}
		if to, err := time.Parse(time.DateOnly, a.ValidTo); err == nil && to.Before(on) {
			from := to.AddDate(0, 0, 1)
			verb := pick(lang, "sáp nhập", "merged")
			if pt.Share != 1 {
				verb = pick(lang, "chia tách", "split")
			}
			n += " (" + pick(lang, verb+" từ ngày "+date(from), verb+" on "+date(from)) + ")"
		}
		list = append(list, n)
	}
	name := areaName(en.Area(area), lang)
	if lang == "en" {
		what := name + " is made of " + anJoinAnd(list)
		if self {
			what = name + " includes " + anJoinAnd(list)
		}
		return fmt.Sprintf("%s figures are on today's boundaries (those of %s): %s.", q.Label("en"), date(on), what)
	}
	what := name + " gồm " + joinVi(list)
	if self {
		what = name + " gồm cả " + joinVi(list)
	}
	return fmt.Sprintf("Số liệu %s tính theo địa giới mới (địa giới hành chính ngày %s): %s.", lowerFirst(q.Label("vi")), date(on), what)
}

// notComparableNote says why the figures marked "×" cannot be made.
func notComparableNote(en *calc.Engine, area string, q period.Period, on time.Time, lang string) string {
	parts, _, comparable := en.Composition(area, q, on)
	name := areaName(en.Area(area), lang)
	var why string
	if !comparable {
		why = pick(lang, name+" đã thôi tồn tại và các đơn vị kế thừa gồm cả địa bàn khác",
			name+" ended and the areas that took it over also hold other land")
	} else {
		var split []string
		for _, pt := range parts {
			if math.IsNaN(pt.Share) {
				split = append(split, areaName(en.Area(pt.Area), lang))
			}
		}
		why = pick(lang, joinVi(split)+" bị chia tách mà không có tỷ lệ dân số phần thuộc "+name,
			anJoinAnd(split)+" was split without a recorded share of its population for "+name)
	}
	return pick(lang, fmt.Sprintf("%s Số liệu %s không so sánh được theo địa giới mới: %s.", NotComparableMark, lowerFirst(q.Label("vi")), why),
		fmt.Sprintf("%s %s figures cannot be put on today's boundaries: %s.", NotComparableMark, q.Label("en"), why))
}

// date writes a day as dd/mm/yyyy.
func date(d time.Time) string { return d.Format("02/01/2006") }

// joinVi joins a list in Vietnamese: "a, b và c".
func joinVi(list []string) string {
	if len(list) < 2 {
		return strings.Join(list, "")
	}
	return strings.Join(list[:len(list)-1], ", ") + " và " + list[len(list)-1]
}

func styleOf(lang string) number.Style {
	if lang == "en" {
		return number.English
	}
	return number.Vietnamese
}

// gone returns, when area a no longer existed on the last day of p (the
// day whose areas a period's figures count), an error saying so with its
// last day and the areas that took its place, whose reports count it; nil
// when a existed then. An area created after p is not gone: its figures
// may come from its predecessors.
func gone(en *calc.Engine, a *catalog.Area, p period.Period) error {
	if a.ValidTo == "" || a.ValidTo >= p.End().Format("2006-01-02") {
		return nil
	}
	var names []string
	for _, code := range a.Successors {
		if s := en.Area(code); s != nil {
			names = append(names, fmt.Sprintf("%s (%s)", s.Name, s.Code))
		}
	}
	var vi, eng string
	if a.ValidTo < p.Start().Format("2006-01-02") {
		vi = fmt.Sprintf("%s không còn trong kỳ %s (chỉ có đến %s)", a.Name, p.Label("vi"), dmy(a.ValidTo))
		eng = fmt.Sprintf("%s no longer existed in %s (it existed until %s)", a.Name, p.Label("en"), dmy(a.ValidTo))
	} else {
		vi = fmt.Sprintf("%s không còn vào ngày cuối kỳ %s (chỉ có đến %s), mà số liệu của một kỳ tính theo các đơn vị có vào ngày cuối kỳ", a.Name, p.Label("vi"), dmy(a.ValidTo))
		eng = fmt.Sprintf("%s no longer existed on the last day of %s (it existed until %s), and a period's figures count the areas of its last day", a.Name, p.Label("en"), dmy(a.ValidTo))
	}
	if len(names) > 0 {
		vi += ": số liệu của địa bàn này từ đó tính trong " + strings.Join(names, ", ") + "; hãy lập báo cáo của đơn vị đó"
		eng += ": its figures count since in " + strings.Join(names, ", ") + "; make the report of that area"
	}
	return msg.New(vi, eng)
}

// dmy writes a date yyyy-mm-dd as dd/mm/yyyy.
func dmy(d string) string {
	t, err := time.Parse("2006-01-02", d)
	if err != nil {
		return d
	}
	return date(t)
}
