package report

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"chiso/data/number"
	"chiso/data/period"
)

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

// nounOf names the areas of a count: in Vietnamese, the kinds their names
// start with (UnitKinds: "xã, phường, đặc khu" for the communes of a
// province of 2026, "phường" for a city's wards); otherwise, or when a
// name has no such kind, the level's noun (see noun).
func (a *analyst) nounOf(areas []string, level int, p period.Period) string {
	if !a.vi {
		return a.noun(level, p)
	}
	names := make([]string, len(areas))
	for i, code := range areas {
		names[i] = a.en.Area(code).Name
	}
	if kinds := UnitKinds(names); kinds != "" {
		return kinds
	}
	return a.noun(level, p)
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
// "8.981,0"); a rate of exactly 0 or 100 without decimals ("100%", not
// "100,00%").
func (a *analyst) num(it anItem, v float64) string {
	if it.percent && v != 0 && v != 100 {
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
