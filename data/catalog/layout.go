package catalog

import (
	"fmt"
	"slices"
	"strings"
)

// Layout is a report form (biểu) laid out the way the regime prescribes:
// its rows and its number columns as data, so that a province loads its
// own forms as it loads elements. A layout reports one data set, whose
// form symbol, reporting and receiving units and deadline it prints.
//
// Rows says what the lines are:
//   - LayoutElements: a line per entry of Lines — a section heading, an
//     element, one of its categories (CODE.CATEGORY) or an indicator —
//     with its unit; the columns say which period each shows (the
//     previous period, the plan, this period) or a ratio of two columns;
//   - LayoutAreas: a line per area below the reporting one (of AreaLevel,
//     or its children), grouped in AreaSections by area group (urban,
//     rural) with a subtotal each and a total at the end; every column
//     names the element or indicator it shows, or is a ratio.
type Layout struct {
	Code    string `json:"code"`
	NameVI  string `json:"name_vi"` // the form's title, e.g. "Tổng hợp kết quả rà soát hộ nghèo năm"
	NameEN  string `json:"name_en"`
	DataSet string `json:"dataset"`
	// FormSymbol is the symbol printed top left (e.g. "Mẫu số 2"); empty
	// takes the data set's.
	FormSymbol string `json:"form_symbol,omitempty"`
	Rows       string `json:"rows"` // LayoutElements or LayoutAreas
	// Lines are the lines of an elements layout, in order.
	Lines []LayoutLine `json:"lines,omitempty"`
	// AreaLevel is the level of the areas an areas layout lists; 0 lists
	// the reporting area's children.
	AreaLevel int `json:"area_level,omitempty"`
	// AreaSections group the areas of an areas layout by area group, each
	// with its subtotal; areas of none come last under their own heading.
	AreaSections []AreaSection  `json:"area_sections,omitempty"`
	Columns      []LayoutColumn `json:"columns"`
	// NoteVI and NoteEN are printed under the table (e.g. how a rate is
	// computed).
	NoteVI string `json:"note_vi,omitempty"`
	NoteEN string `json:"note_en,omitempty"`
	// Bases name the legal bases (LegalBasis.Code) the layout follows.
	Bases []string `json:"bases,omitempty"`
}

// The kinds of lines of a layout.
const (
	LayoutElements = "elements"
	LayoutAreas    = "areas"
)

// LayoutLine is one line of an elements layout: a section heading when
// Code is empty, otherwise an element, CODE.CATEGORY or an indicator, named
// as in the catalog unless NameVI says otherwise.
type LayoutLine struct {
	Code   string `json:"code,omitempty"`
	NameVI string `json:"name_vi,omitempty"`
	NameEN string `json:"name_en,omitempty"`
}

// AreaSection is a section of an areas layout: the areas of one group.
type AreaSection struct {
	Group  string `json:"group"`
	NameVI string `json:"name_vi"`
	NameEN string `json:"name_en"`
}

// LayoutColumn is one number column of a layout. Head is its header from
// the outermost level in: columns whose heads begin alike share the
// merged cells of those levels ("Hộ nghèo cuối năm" over "Số hộ" and "Tỷ
// lệ (%)"). A column shows Code (for an elements layout, empty: the line's
// code) in the period Value says, or, with Ratio [a, b], column a divided
// by column b times 100 (columns numbered from 1), printed "3=2/1".
type LayoutColumn struct {
	Head   []string `json:"head_vi"`
	HeadEN []string `json:"head_en,omitempty"`
	Code   string   `json:"code,omitempty"`
	Value  string   `json:"value,omitempty"` // ValueCurrent (default), ValuePrevious or ValueTarget
	Ratio  []int    `json:"ratio,omitempty"`
}

// The periods a layout column may show.
const (
	ValueCurrent  = "current"  // the reporting period
	ValuePrevious = "previous" // the period before it
	ValueTarget   = "target"   // the plan for the reporting period
)

// validateLayouts checks the layouts against the rest of the catalog.
func (c *Catalog) validateLayouts(seen map[string]string) error {
	has := func(kind, code string) bool { _, ok := seen[kind+":"+code]; return ok }
	categories := map[string][]string{}
	for _, e := range c.Elements {
		categories[e.Code] = e.Categories
	}
	known := func(code string) bool {
		el, cat, part := strings.Cut(code, ".")
		if part {
			return slices.Contains(categories[el], cat)
		}
		return has("element", code) || has("indicator", code)
	}
	bases := map[string]bool{}
	for _, b := range c.LegalBases {
		bases[b.Code] = true
	}
	for _, l := range c.Layouts {
		what := "layout " + l.Code
		if l.Code == "" {
			return fmt.Errorf("catalog: a layout has no code")
		}
		if has("layout", l.Code) {
			return fmt.Errorf("catalog: layout code %q is used twice", l.Code)
		}
		seen["layout:"+l.Code] = "layout"
		if !has("dataset", l.DataSet) {
			return fmt.Errorf("catalog: %s: unknown data set %q", what, l.DataSet)
		}
		if len(l.Columns) == 0 {
			return fmt.Errorf("catalog: %s has no columns", what)
		}
		switch l.Rows {
		case LayoutElements:
			if len(l.Lines) == 0 {
				return fmt.Errorf("catalog: %s has no lines", what)
			}
			for i, line := range l.Lines {
				if line.Code == "" && line.NameVI == "" {
					return fmt.Errorf("catalog: %s, line %d: a section heading needs a name", what, i+1)
				}
				if line.Code != "" && !known(line.Code) {
					return fmt.Errorf("catalog: %s, line %d: unknown element or indicator %q", what, i+1, line.Code)
				}
			}
		case LayoutAreas:
			if len(l.Lines) > 0 {
				return fmt.Errorf("catalog: %s lists areas: it takes no lines", what)
			}
			for _, s := range l.AreaSections {
				if !has("group", s.Group) {
					return fmt.Errorf("catalog: %s: unknown area group %q", what, s.Group)
				}
			}
		default:
			return fmt.Errorf("catalog: %s: rows %q: want %q or %q", what, l.Rows, LayoutElements, LayoutAreas)
		}
		for i, col := range l.Columns {
			where := fmt.Sprintf("%s, column %d", what, i+1)
			if len(col.Head) == 0 {
				return fmt.Errorf("catalog: %s has no header", where)
			}
			if len(col.HeadEN) > 0 && len(col.HeadEN) != len(col.Head) {
				return fmt.Errorf("catalog: %s: the English header has %d levels, the Vietnamese %d", where, len(col.HeadEN), len(col.Head))
			}
			if col.Ratio != nil {
				if len(col.Ratio) != 2 || col.Code != "" || col.Value != "" {
					return fmt.Errorf("catalog: %s: a ratio names two columns and nothing else", where)
				}
				for _, n := range col.Ratio {
					if n < 1 || n > len(l.Columns) || n == i+1 || l.Columns[n-1].Ratio != nil {
						return fmt.Errorf("catalog: %s: ratio of column %d, which is not another column of figures", where, n)
					}
				}
				continue
			}
			switch col.Value {
			case "", ValueCurrent, ValuePrevious, ValueTarget:
			default:
				return fmt.Errorf("catalog: %s: value %q: want current, previous or target", where, col.Value)
			}
			if col.Code == "" && l.Rows == LayoutAreas {
				return fmt.Errorf("catalog: %s: a column of areas names its element or indicator", where)
			}
			if col.Code != "" && !known(col.Code) {
				return fmt.Errorf("catalog: %s: unknown element or indicator %q", where, col.Code)
			}
		}
		for _, b := range l.Bases {
			if !bases[b] {
				return fmt.Errorf("catalog: %s: unknown legal basis %q", what, b)
			}
		}
	}
	return nil
}
