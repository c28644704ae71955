package calc

import (
	"strconv"

	"chiso/data/catalog"
	"chiso/data/number"
	"chiso/data/period"
)

// Row is one line of an area's sheet: an element (or one of its
// categories) or an indicator, with its value for a period.
type Row struct {
	Code           string // element code, CODE.CATEGORY, or indicator code
	NameVI, NameEN string
	UnitVI, UnitEN string
	Indicator      bool
	Decimals       int
	Value          float64
	OK             bool // false when there is no value
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
	var rows []Row
	add := func(r Row) error {
		v, ok, err := en.Value(r.Code, area, p, "")
		r.Value, r.OK = v, ok
		rows = append(rows, r)
		return err
	}
	cats := map[string][2]string{}
	for _, c := range en.Catalog.Categories {
		cats[c.Code] = [2]string{c.NameVI, c.NameEN}
	}
	for _, e := range en.Catalog.Elements {
		r := Row{Code: e.Code, NameVI: e.NameVI, NameEN: e.NameEN, UnitVI: e.UnitVI, UnitEN: e.UnitEN, Decimals: e.Decimals,
			YesNo: e.ValueType == catalog.YesNo}
		if r.YesNo {
			n, err := en.reported(&e, area, p)
			if err != nil {
				return nil, err
			}
			if n.stored == 0 {
				r.Of = n.areas
				r.UnitVI, r.UnitEN = "đơn vị đạt/báo cáo", "areas yes/reporting"
			}
		}
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
