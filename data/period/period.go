// Package period parses and orders the periods of Chỉ Số: years ("2024"),
// quarters ("2024Q1"), months ("202401"), half-years ("2024S1", the first
// six months — "6 tháng đầu năm" — as DHIS2 codes its six-monthly periods),
// the nine months from January ("2024C9", "9 tháng", a cumulative period of
// the reporting regime, which DHIS2 has no code for) and ranges of years
// ("2021-2025").
package period

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Type is the kind of a period.
type Type int

// Period types.
const (
	Year Type = iota
	Quarter
	Month
	Range      // a range of whole years, e.g. a programme period 2021-2025
	HalfYear   // six months: S1 January–June, S2 July–December
	NineMonths // January to September, cumulated
)

// String names the type as catalogs write it.
func (t Type) String() string {
	return [...]string{"year", "quarter", "month", "range", "6months", "9months"}[t]
}

// ParseType reads a period type as catalogs write it.
func ParseType(s string) (Type, error) {
	for t := Year; t <= NineMonths; t++ {
		if t.String() == s {
			return t, nil
		}
	}
	return 0, fmt.Errorf("unknown period type %q (want year, quarter, month, 6months, 9months or range)", s)
}

// Period is one period. For a Range, Year is the first year and Index the last.
type Period struct {
	Type  Type
	Year  int
	Index int // quarter 1–4, month 1–12, or the last year of a range
}

// Parse reads a period code.
func Parse(s string) (Period, error) {
	s = strings.TrimSpace(s)
	bad := func(why string) (Period, error) {
		return Period{}, fmt.Errorf("period %q: %s", s, why)
	}
	year := func(y string) (int, bool) {
		n, err := strconv.Atoi(y)
		return n, err == nil && len(y) == 4 && n >= 1900 && n <= 2200
	}
	switch {
	case len(s) == 4:
		y, ok := year(s)
		if !ok {
			return bad("not a year")
		}
		return Period{Year, y, 0}, nil
	case len(s) == 6 && (s[4] == 'S' || s[4] == 's'):
		y, ok := year(s[:4])
		h := int(s[5] - '0')
		if !ok || h < 1 || h > 2 {
			return bad("not a half-year like 2024S1")
		}
		return Period{HalfYear, y, h}, nil
	case len(s) == 6 && (s[4] == 'C' || s[4] == 'c'):
		y, ok := year(s[:4])
		if !ok || s[5] != '9' {
			return bad("not nine months like 2024C9")
		}
		return Period{NineMonths, y, 9}, nil
	case len(s) == 6 && (s[4] == 'Q' || s[4] == 'q'):
		y, ok := year(s[:4])
		q := int(s[5] - '0')
		if !ok || q < 1 || q > 4 {
			return bad("not a quarter like 2024Q1")
		}
		return Period{Quarter, y, q}, nil
	case len(s) == 6:
		y, ok := year(s[:4])
		m, err := strconv.Atoi(s[4:])
		if !ok || err != nil || m < 1 || m > 12 {
			return bad("not a month like 202401")
		}
		return Period{Month, y, m}, nil
	case len(s) == 9 && s[4] == '-':
		a, ok1 := year(s[:4])
		b, ok2 := year(s[5:])
		if !ok1 || !ok2 || b < a {
			return bad("not a range of years like 2021-2025")
		}
		return Period{Range, a, b}, nil
	}
	return bad("want a year (2024), quarter (2024Q1), month (202401), half-year (2024S1), nine months (2024C9) or range (2021-2025)")
}

// MustParse is Parse for codes known to be valid; it panics otherwise.
func MustParse(s string) Period {
	p, err := Parse(s)
	if err != nil {
		panic(err)
	}
	return p
}

// String returns the period's code.
func (p Period) String() string {
	switch p.Type {
	case Quarter:
		return fmt.Sprintf("%04dQ%d", p.Year, p.Index)
	case Month:
		return fmt.Sprintf("%04d%02d", p.Year, p.Index)
	case Range:
		return fmt.Sprintf("%04d-%04d", p.Year, p.Index)
	case HalfYear:
		return fmt.Sprintf("%04dS%d", p.Year, p.Index)
	case NineMonths:
		return fmt.Sprintf("%04dC9", p.Year)
	}
	return fmt.Sprintf("%04d", p.Year)
}

// DHIS2 reports whether DHIS2 has a period with the same code: years,
// quarters, months and half-years; not ranges nor nine months.
func (p Period) DHIS2() bool { return p.Type != Range && p.Type != NineMonths }

// Label returns the period as readers write it: "Năm 2024", "Quý I/2024",
// "Tháng 3/2024", "Giai đoạn 2021-2025" in Vietnamese ("vi"), or in English.
func (p Period) Label(lang string) string {
	roman := [...]string{"", "I", "II", "III", "IV"}
	if lang == "vi" {
		switch p.Type {
		case Quarter:
			return fmt.Sprintf("Quý %s/%d", roman[p.Index], p.Year)
		case Month:
			return fmt.Sprintf("Tháng %d/%d", p.Index, p.Year)
		case Range:
			return fmt.Sprintf("Giai đoạn %d-%d", p.Year, p.Index)
		case HalfYear:
			return fmt.Sprintf("6 tháng %s năm %d", [...]string{"", "đầu", "cuối"}[p.Index], p.Year)
		case NineMonths:
			return fmt.Sprintf("9 tháng năm %d", p.Year)
		}
		return fmt.Sprintf("Năm %d", p.Year)
	}
	switch p.Type {
	case Quarter:
		return fmt.Sprintf("Q%d %d", p.Index, p.Year)
	case Month:
		return time.Date(p.Year, time.Month(p.Index), 1, 0, 0, 0, 0, time.UTC).Format("January 2006")
	case Range:
		return fmt.Sprintf("%d–%d", p.Year, p.Index)
	case HalfYear:
		return fmt.Sprintf("%s half of %d", [...]string{"", "First", "Second"}[p.Index], p.Year)
	case NineMonths:
		return fmt.Sprintf("January–September %d", p.Year)
	}
	return strconv.Itoa(p.Year)
}

// Start returns the first day of the period.
func (p Period) Start() time.Time {
	switch p.Type {
	case Quarter:
		return time.Date(p.Year, time.Month(3*p.Index-2), 1, 0, 0, 0, 0, time.UTC)
	case Month:
		return time.Date(p.Year, time.Month(p.Index), 1, 0, 0, 0, 0, time.UTC)
	case HalfYear:
		return time.Date(p.Year, time.Month(6*p.Index-5), 1, 0, 0, 0, 0, time.UTC)
	}
	return time.Date(p.Year, 1, 1, 0, 0, 0, 0, time.UTC)
}

// End returns the last day of the period.
func (p Period) End() time.Time {
	switch p.Type {
	case Quarter:
		return time.Date(p.Year, time.Month(3*p.Index+1), 0, 0, 0, 0, 0, time.UTC)
	case Month:
		return time.Date(p.Year, time.Month(p.Index+1), 0, 0, 0, 0, 0, time.UTC)
	case Range:
		return time.Date(p.Index, 12, 31, 0, 0, 0, 0, time.UTC)
	case HalfYear:
		return time.Date(p.Year, time.Month(6*p.Index+1), 0, 0, 0, 0, 0, time.UTC)
	case NineMonths:
		return time.Date(p.Year, 9, 30, 0, 0, 0, 0, time.UTC)
	}
	return time.Date(p.Year, 12, 31, 0, 0, 0, 0, time.UTC)
}

// Prev returns the period before p of the same type (the same length for a
// range; for nine months, those of the year before).
func (p Period) Prev() Period {
	switch p.Type {
	case Quarter:
		if p.Index == 1 {
			return Period{Quarter, p.Year - 1, 4}
		}
		return Period{Quarter, p.Year, p.Index - 1}
	case Month:
		if p.Index == 1 {
			return Period{Month, p.Year - 1, 12}
		}
		return Period{Month, p.Year, p.Index - 1}
	case Range:
		n := p.Index - p.Year + 1
		return Period{Range, p.Year - n, p.Year - 1}
	case HalfYear:
		if p.Index == 1 {
			return Period{HalfYear, p.Year - 1, 2}
		}
		return Period{HalfYear, p.Year, 1}
	case NineMonths:
		return Period{NineMonths, p.Year - 1, 9}
	}
	return Period{Year, p.Year - 1, 0}
}

// Years returns the years of a range, or the single year of any other period.
func (p Period) Years() []Period {
	if p.Type != Range {
		return []Period{{Year, p.Year, 0}}
	}
	var ys []Period
	for y := p.Year; y <= p.Index; y++ {
		ys = append(ys, Period{Year, y, 0})
	}
	return ys
}

// Parts returns the periods a period is made of, in order: the years of a
// range, the quarters of a year, the months of a quarter; none for a month.
// A figure over a period that is not stored for it is made from its parts
// (see package calc).
func (p Period) Parts() []Period {
	var out []Period
	switch p.Type {
	case Range:
		return p.Years()
	case Year:
		for q := 1; q <= 4; q++ {
			out = append(out, Period{Quarter, p.Year, q})
		}
	case Quarter:
		for m := 3*p.Index - 2; m <= 3*p.Index; m++ {
			out = append(out, Period{Month, p.Year, m})
		}
	}
	return out
}

// ValidOn reports whether a validity interval of dates "yyyy-mm-dd" (empty
// for open) contains day.
func ValidOn(from, to string, day time.Time) bool {
	d := day.Format("2006-01-02")
	return (from == "" || from <= d) && (to == "" || d <= to)
}

// Within returns p and every period inside it, p first: a range of years
// holds its years, a year its quarters, a quarter its months (Parts, all
// the way down).
func (p Period) Within() []Period {
	out := []Period{p}
	for _, q := range p.Parts() {
		out = append(out, q.Within()...)
	}
	return out
}
