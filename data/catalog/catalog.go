// Package catalog describes what Chỉ Số measures and where: area levels,
// areas, area groups, category options, data elements, indicators, data sets
// and targets. A Catalog is plain data, read from and written to JSON; the
// store keeps it in SQLite.
package catalog

import (
	"encoding/json"
	"fmt"
	"io"

	"golang.org/x/text/unicode/norm"
)

// ValueType is the kind of value a data element holds.
type ValueType string

// Value types of data elements.
const (
	Integer ValueType = "integer"
	Number  ValueType = "number"
	Percent ValueType = "percent"
	YesNo   ValueType = "yesno"
)

// Aggregation says how an element's values of child areas combine into the
// value of their parent.
type Aggregation string

// Aggregation types of data elements.
const (
	Sum             Aggregation = "sum"
	Average         Aggregation = "average"
	WeightedAverage Aggregation = "weighted_average"
	Min             Aggregation = "min"
	Max             Aggregation = "max"
	Last            Aggregation = "last"
	CountYes        Aggregation = "count_yes"
)

// Level is one level of the area hierarchy, 1 being the top (e.g. province).
type Level struct {
	Level  int    `json:"level"`
	Code   string `json:"code"`
	NameVI string `json:"name_vi"`
	NameEN string `json:"name_en"`
}

// Area is an administrative unit. ValidFrom and ValidTo are dates
// (yyyy-mm-dd, empty for open); an abolished area keeps its data and its
// place in the hierarchy for the periods in which it existed.
type Area struct {
	Code       string   `json:"code"`
	Name       string   `json:"name"`
	NameEN     string   `json:"name_en,omitempty"`
	Level      int      `json:"level"`
	Parent     string   `json:"parent,omitempty"`
	Groups     []string `json:"groups,omitempty"`
	ValidFrom  string   `json:"valid_from,omitempty"`
	ValidTo    string   `json:"valid_to,omitempty"`
	Successors []string `json:"successors,omitempty"`
}

// Group is a named set of areas, e.g. especially difficult communes (DBKK).
type Group struct {
	Code   string `json:"code"`
	NameVI string `json:"name_vi"`
	NameEN string `json:"name_en"`
}

// CategoryOption is one part of a disaggregation, e.g. NEW or REPAIR.
type CategoryOption struct {
	Code   string `json:"code"`
	NameVI string `json:"name_vi"`
	NameEN string `json:"name_en"`
}

// Element is a data element: a raw figure that staff enter.
type Element struct {
	Code        string      `json:"code"`
	NameVI      string      `json:"name_vi"`
	NameEN      string      `json:"name_en"`
	UnitVI      string      `json:"unit_vi"`
	UnitEN      string      `json:"unit_en"`
	ValueType   ValueType   `json:"value_type"`
	Aggregation Aggregation `json:"aggregation"`
	// Weight is the element whose values weight a weighted average (e.g. POP).
	Weight string `json:"weight,omitempty"`
	// Categories lists the category options of a disaggregated element.
	Categories []string `json:"categories,omitempty"`
	// Min and Max bound the values allowed: a value outside is refused.
	Min *float64 `json:"min,omitempty"`
	Max *float64 `json:"max,omitempty"`
	// ExpectedMin and ExpectedMax bound the usual values: a value outside is
	// saved only with a comment saying why.
	ExpectedMin *float64 `json:"expected_min,omitempty"`
	ExpectedMax *float64 `json:"expected_max,omitempty"`
	Decimals    int      `json:"decimals"`
	ValidFrom   string   `json:"valid_from,omitempty"`
	ValidTo     string   `json:"valid_to,omitempty"`
	LegalBasis  string   `json:"legal_basis,omitempty"`
}

// Indicator is a value computed from elements: Factor × Numerator / Denominator.
// Numerator and Denominator are expressions over element codes (see package calc);
// an empty Denominator means 1.
type Indicator struct {
	Code        string  `json:"code"`
	NameVI      string  `json:"name_vi"`
	NameEN      string  `json:"name_en"`
	Numerator   string  `json:"numerator"`
	Denominator string  `json:"denominator,omitempty"`
	Factor      float64 `json:"factor"`
	Decimals    int     `json:"decimals"`
	UnitVI      string  `json:"unit_vi"`
	UnitEN      string  `json:"unit_en"`
	// HigherIsBetter is false for rates that should fall (poverty).
	HigherIsBetter bool   `json:"higher_is_better"`
	LegalBasis     string `json:"legal_basis,omitempty"`
}

// Rule is a validation rule between elements of one area and period,
// "Left Operator Right", e.g. HH_POOR <= HH_TOTAL. A broken rule is a
// warning shown with the rule's name; it does not stop a value being saved.
type Rule struct {
	Code     string `json:"code"`
	NameVI   string `json:"name_vi"`
	NameEN   string `json:"name_en"`
	Left     string `json:"left"`
	Operator string `json:"operator"` // <=, <, >=, >, ==, !=
	Right    string `json:"right"`
}

// Operators lists the comparison operators a Rule may use.
var Operators = []string{"<=", "<", ">=", ">", "==", "!="}

// DataSet is an entry form: a period type and the elements it collects.
type DataSet struct {
	Code       string   `json:"code"`
	NameVI     string   `json:"name_vi"`
	NameEN     string   `json:"name_en"`
	PeriodType string   `json:"period_type"` // year, quarter or month
	Elements   []string `json:"elements"`
}

// Target is a planned value of an element or indicator for an area and a
// period (which may be a range such as 2021-2025).
type Target struct {
	Code   string `json:"code"`
	Area   string `json:"area"`
	Period string `json:"period"`
	Value  string `json:"value"` // canonical decimal, see package number
}

// Catalog is the whole metadata of a database.
type Catalog struct {
	Levels     []Level          `json:"levels,omitempty"`
	Groups     []Group          `json:"groups,omitempty"`
	Categories []CategoryOption `json:"categories,omitempty"`
	Elements   []Element        `json:"elements,omitempty"`
	Indicators []Indicator      `json:"indicators,omitempty"`
	Rules      []Rule           `json:"rules,omitempty"`
	DataSets   []DataSet        `json:"datasets,omitempty"`
	Areas      []Area           `json:"areas,omitempty"`
	Targets    []Target         `json:"targets,omitempty"`
}

// Read decodes a catalog from JSON, normalising every text to NFC. A part
// of a catalog may refer to another part, so Read does not check
// references: call Validate on the whole.
func Read(r io.Reader) (*Catalog, error) {
	var c Catalog
	dec := json.NewDecoder(norm.NFC.Reader(r))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&c); err != nil {
		return nil, fmt.Errorf("catalog: %w", err)
	}
	return &c, nil
}

// Merge appends the entries of o to c (used to lay demo areas over the
// default catalog).
func (c *Catalog) Merge(o *Catalog) {
	c.Levels = append(c.Levels, o.Levels...)
	c.Groups = append(c.Groups, o.Groups...)
	c.Categories = append(c.Categories, o.Categories...)
	c.Elements = append(c.Elements, o.Elements...)
	c.Indicators = append(c.Indicators, o.Indicators...)
	c.Rules = append(c.Rules, o.Rules...)
	c.DataSets = append(c.DataSets, o.DataSets...)
	c.Areas = append(c.Areas, o.Areas...)
	c.Targets = append(c.Targets, o.Targets...)
}

// Validate checks codes are unique and references resolve.
func (c *Catalog) Validate() error {
	seen := map[string]string{}
	claim := func(kind, code string) error {
		if code == "" {
			return fmt.Errorf("catalog: a %s has no code", kind)
		}
		if k, ok := seen[kind+":"+code]; ok {
			return fmt.Errorf("catalog: %s code %q is used twice (%s)", kind, code, k)
		}
		seen[kind+":"+code] = kind
		return nil
	}
	levels := map[int]bool{}
	for _, l := range c.Levels {
		levels[l.Level] = true
	}
	for _, g := range c.Groups {
		if err := claim("group", g.Code); err != nil {
			return err
		}
	}
	for _, o := range c.Categories {
		if err := claim("category", o.Code); err != nil {
			return err
		}
	}
	for _, e := range c.Elements {
		if err := claim("element", e.Code); err != nil {
			return err
		}
		switch e.ValueType {
		case Integer, Number, Percent, YesNo:
		default:
			return fmt.Errorf("catalog: element %s: unknown value type %q", e.Code, e.ValueType)
		}
		switch e.Aggregation {
		case Sum, Average, WeightedAverage, Min, Max, Last, CountYes:
		default:
			return fmt.Errorf("catalog: element %s: unknown aggregation %q", e.Code, e.Aggregation)
		}
		for _, cat := range e.Categories {
			if _, ok := seen["category:"+cat]; !ok {
				return fmt.Errorf("catalog: element %s: unknown category %q", e.Code, cat)
			}
		}
	}
	for _, e := range c.Elements {
		if e.Aggregation == WeightedAverage {
			if _, ok := seen["element:"+e.Weight]; !ok {
				return fmt.Errorf("catalog: element %s: weight element %q not found", e.Code, e.Weight)
			}
		}
	}
	for _, in := range c.Indicators {
		if err := claim("indicator", in.Code); err != nil {
			return err
		}
		if _, ok := seen["element:"+in.Code]; ok {
			return fmt.Errorf("catalog: indicator %s has the code of an element", in.Code)
		}
	}
	for _, r := range c.Rules {
		if err := claim("rule", r.Code); err != nil {
			return err
		}
		ok := false
		for _, op := range Operators {
			ok = ok || r.Operator == op
		}
		if !ok {
			return fmt.Errorf("catalog: rule %s: unknown operator %q", r.Code, r.Operator)
		}
	}
	for _, a := range c.Areas {
		if err := claim("area", a.Code); err != nil {
			return err
		}
		if len(levels) > 0 && !levels[a.Level] {
			return fmt.Errorf("catalog: area %s: unknown level %d", a.Code, a.Level)
		}
	}
	for _, a := range c.Areas {
		if a.Parent != "" {
			if _, ok := seen["area:"+a.Parent]; !ok {
				return fmt.Errorf("catalog: area %s: parent %q not found", a.Code, a.Parent)
			}
		}
		for _, g := range a.Groups {
			if _, ok := seen["group:"+g]; !ok {
				return fmt.Errorf("catalog: area %s: unknown group %q", a.Code, g)
			}
		}
		for _, s := range a.Successors {
			if _, ok := seen["area:"+s]; !ok {
				return fmt.Errorf("catalog: area %s: successor %q not found", a.Code, s)
			}
		}
	}
	for _, d := range c.DataSets {
		if err := claim("dataset", d.Code); err != nil {
			return err
		}
		for _, e := range d.Elements {
			if _, ok := seen["element:"+e]; !ok {
				return fmt.Errorf("catalog: data set %s: unknown element %q", d.Code, e)
			}
		}
	}
	return nil
}
