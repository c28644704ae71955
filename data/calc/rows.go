package calc

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"chiso/data/catalog"
	"chiso/data/number"
	"chiso/data/period"
)

// Row is one line of an area's sheet: an element (or one of its
// categories) or an indicator, with its figure for a period.
type Row struct {
	Code           string // element code, CODE.CATEGORY, or indicator code
	NameVI, NameEN string // as they read for the period (see catalog.Element.NameIn)
	UnitVI, UnitEN string
	Indicator      bool
	Decimals       int
	Figure
	// YesNo marks a yes/no element; Of is, for an area that aggregates
	// one, the number of areas that reported it ("177" in "177/177").
	YesNo bool
	Of    int
}

// Text returns the value as shown to a reader: a number in style st, "có"
// or "không" (yes/no in English) for one area's yes/no value, "x/y" for
// the areas of an aggregate answering yes, "" for no value.
func (r Row) Text(st number.Style, lang string) string {
	switch {
	case !r.OK:
		return ""
	case r.YesNo && r.Of > 0:
		return strconv.Itoa(int(r.Value)) + "/" + strconv.Itoa(r.Of)
	case r.YesNo && lang == "en":
		return map[bool]string{true: "yes", false: "no"}[r.Value == 1]
	case r.YesNo:
		return map[bool]string{true: "có", false: "không"}[r.Value == 1]
	}
	return number.FormatFloat(r.Value, r.Decimals, st)
}

// Note says in lang ("vi" or "en") what a figure for p lacks: "đến năm
// 2023" ("to 2023") for a period still running, "số liệu của 1 trong 3
// năm, đến năm 2023" ("data for 1 of 3 years, to 2023") when parts before
// the last it reaches have no value, "chưa đủ số liệu các đơn vị" ("not
// every area has reported") when areas below miss, BoundariesNote for a
// figure on other boundaries than the area's own, NotComparableNote for
// one that cannot be made; "" for a complete figure of the area's own.
func (f Figure) Note(p period.Period, lang string) string {
	en := lang == "en"
	var notes []string
	if f.Short() {
		upTo := ""
		if !f.Through.End().Equal(p.End()) {
			if en {
				upTo = "to " + f.Through.Label("en")
			} else {
				l := f.Through.Label("vi") // "Năm 2023", "Quý III/2023": in lower case in a phrase
				upTo = "đến " + strings.ToLower(l[:1]) + l[1:]
			}
		}
		// The parts up to the one the figure reaches, of those the area
		// existed for.
		parts := p.Parts()
		n := slices.IndexFunc(parts, func(q period.Period) bool {
			return !q.Start().After(f.Through.Start()) && !q.End().Before(f.Through.End())
		}) + 1
		n = min(n, f.Parts)
		if f.PartsWith < n {
			unit := map[period.Type][2]string{period.Range: {"năm", "years"}, period.Year: {"quý", "quarters"},
				period.Quarter: {"tháng", "months"}}[p.Type]
			held := fmt.Sprintf("số liệu của %d trong %d %s", f.PartsWith, n, unit[0])
			if en {
				held = fmt.Sprintf("data for %d of %d %s", f.PartsWith, n, unit[1])
			}
			if upTo != "" {
				held += ", " + upTo
			}
			upTo = held
		}
		if upTo != "" {
			notes = append(notes, upTo)
		}
	}
	if f.Gaps {
		notes = append(notes, map[bool]string{true: "not every area has reported", false: "chưa đủ số liệu các đơn vị"}[en])
	}
	switch {
	case f.Mapped:
		notes = append(notes, BoundariesNote(lang))
	case f.NotComparable:
		notes = append(notes, NotComparableNote(lang))
	}
	return strings.Join(notes, "; ")
}

// BoundariesNote is what marks a figure made on other boundaries than the
// area had in its period (Figure.Mapped): "tính theo địa giới mới" ("on
// today's boundaries").
func BoundariesNote(lang string) string {
	if lang == "en" {
		return "on today's boundaries"
	}
	return "tính theo địa giới mới"
}

// NotComparableNote is what stands for a figure that cannot be made on the
// boundaries asked (Figure.NotComparable): "không so sánh được" ("not
// comparable").
func NotComparableNote(lang string) string {
	if lang == "en" {
		return "not comparable"
	}
	return "không so sánh được"
}

// Name returns the row's name in lang ("vi" or "en").
func (r Row) Name(lang string) string {
	if lang == "en" && r.NameEN != "" {
		return r.NameEN
	}
	return r.NameVI
}

// Unit returns the row's unit in lang ("vi" or "en").
func (r Row) Unit(lang string) string {
	if lang == "en" && r.UnitEN != "" {
		return r.UnitEN
	}
	return r.UnitVI
}

// Rows returns every element (with its categories) and every indicator of
// the catalog for an area and a period, in catalog order.
func (en *Engine) Rows(area string, p period.Period) ([]Row, error) {
	return en.RowsOn(area, p, time.Time{})
}

// RowsOn is Rows on the boundaries of day on (see FigureOn): the
// previous year's sheet beside this year's, like for like.
func (en *Engine) RowsOn(area string, p period.Period, on time.Time) ([]Row, error) {
	var rows []Row
	add := func(r Row) error {
		f, err := en.FigureOn(r.Code, area, p, "", on)
		r.Figure = f
		if r.YesNo && !f.Stored {
			r.Of = f.Reporting
			r.UnitVI, r.UnitEN = "đơn vị đạt/báo cáo", "areas yes/reporting"
		}
		rows = append(rows, r)
		return err
	}
	cats := map[string][2]string{}
	for _, c := range en.Catalog.Categories {
		cats[c.Code] = [2]string{c.NameVI, c.NameEN}
	}
	year := p.End().Year()
	for _, e := range en.Catalog.Elements {
		r := Row{Code: e.Code, NameVI: e.NameIn("vi", year), NameEN: e.NameIn("en", year), UnitVI: e.UnitVI, UnitEN: e.UnitEN,
			Decimals: e.Decimals, YesNo: e.ValueType == catalog.YesNo}
		if err := add(r); err != nil {
			return nil, err
		}
		for _, c := range e.Categories {
			part := r
			part.Code = e.Code + "." + c
			part.NameVI = "– " + cats[c][0]
			part.NameEN = "– " + cats[c][1]
			if err := add(part); err != nil {
				return nil, err
			}
		}
	}
	for _, in := range en.Catalog.Indicators {
		if err := add(Row{Code: in.Code, NameVI: in.NameVI, NameEN: in.NameEN, UnitVI: in.UnitVI, UnitEN: in.UnitEN,
			Decimals: in.Decimals, Indicator: true}); err != nil {
			return nil, err
		}
	}
	return rows, nil
}
