// Package catalog describes what Chỉ Số measures and where: area levels,
// areas, area groups, category options, data elements, indicators, data sets
// and targets. A Catalog is plain data, read from and written to JSON; the
// store keeps it in SQLite.
package catalog

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"

	"golang.org/x/text/unicode/norm"

	"chiso/data/msg"
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

// Periodicities a publication period (kỳ công bố) or a form's period may
// name, as the statistical regime does: month, quarter, six months, nine
// months, year.
var Periodicities = []string{"month", "quarter", "6months", "9months", "year"}

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
//
// Successors are the areas that took an abolished area over on the day
// after ValidTo: one for a merger, several for a split, whose shares of the
// population Shares gives where the source states them.
// A successor of a coarser level (a district for a commune) says that the
// unit that took it over is not known, only the one above it.
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
	// Parents lists the parents of an area that moved (a commune handed to
	// another district), each with the dates it held; empty when the
	// parent never changed. The last one is Parent.
	Parents []ParentSpan `json:"parents,omitempty"`
	// Shares gives, by successor code, the share of the population of a
	// split area that each successor took over, when the source states it.
	Shares map[string]float64 `json:"shares,omitempty"`
	// FormerNames lists the names the area had before its current one,
	// in order of date (a commune that became a ward: Xã Bố Hạ until
	// 19/9/2026, Phường Bố Hạ since).
	FormerNames []FormerName `json:"former_names,omitempty"`
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
	Code      string    `json:"code"`
	NameVI    string    `json:"name_vi"`
	NameEN    string    `json:"name_en"`
	UnitVI    string    `json:"unit_vi"`
	UnitEN    string    `json:"unit_en"`
	ValueType ValueType `json:"value_type"`
	// Aggregation says how the values of child areas make their parent's.
	Aggregation Aggregation `json:"aggregation"`
	// TimeAggregation says how the values of the parts of a period make
	// the whole period's; empty in catalogs written before it existed (see
	// TimeAggregationOrDefault).
	TimeAggregation TimeAggregation `json:"time_aggregation,omitempty"`
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
	// Definitions lists the changes of what the element counts (a new
	// poverty standard), in order of year.
	Definitions []Definition `json:"definitions,omitempty"`
	Official
}

// Official holds what an official list says of an element, indicator or
// form; every field is optional. Bases name the catalog's legal bases
// (LegalBasis.Code) the definition rests on.
type Official struct {
	// OfficialCode is the code (mã số) in the official system of indicators.
	OfficialCode string `json:"official_code,omitempty"`
	// Group is the official group, e.g. "Đất đai và dân số".
	Group string `json:"group,omitempty"`
	// Breakdowns lists the main breakdowns (phân tổ chủ yếu) the text asks.
	Breakdowns []string `json:"breakdowns,omitempty"`
	// Publication is the publication period (kỳ công bố), one of Periodicities.
	Publication string   `json:"publication,omitempty"`
	Bases       []string `json:"bases,omitempty"`
}

// LegalBasis is a legal text the catalog rests on, with the dates between
// which it is in force (yyyy-mm-dd; ValidTo empty while in force).
type LegalBasis struct {
	Code      string `json:"code"`
	Number    string `json:"number"` // e.g. "05/2023/QĐ-TTg"
	TitleVI   string `json:"title_vi"`
	TitleEN   string `json:"title_en"`
	Issued    string `json:"issued,omitempty"`
	ValidFrom string `json:"valid_from,omitempty"`
	ValidTo   string `json:"valid_to,omitempty"`
	// Replaces lists the codes of the legal bases this one replaces.
	Replaces []string `json:"replaces,omitempty"`
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
	Official
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
// The optional fields describe the official form (biểu) it stands for.
type DataSet struct {
	Code       string   `json:"code"`
	NameVI     string   `json:"name_vi"`
	NameEN     string   `json:"name_en"`
	PeriodType string   `json:"period_type"` // year, quarter, month, 6months or 9months (see period.ParseType)
	Elements   []string `json:"elements"`
	// FormSymbol is the official form symbol (ký hiệu biểu), e.g. "001.N/BCX".
	FormSymbol string `json:"form_symbol,omitempty"`
	// DueDays is the number of days after the end of the period by which
	// the report must be received (ngày nhận báo cáo); DueDate instead
	// gives a fixed day of the year after the period ("mm-dd").
	DueDays int    `json:"due_days,omitempty"`
	DueDate string `json:"due_date,omitempty"`
	// ReportingUnit and ReceivingUnit name who sends and who receives it.
	ReportingUnit string `json:"reporting_unit,omitempty"`
	ReceivingUnit string `json:"receiving_unit,omitempty"`
	ValidFrom     string `json:"valid_from,omitempty"`
	ValidTo       string `json:"valid_to,omitempty"`
	Official
}

// Target is a planned value of an element or indicator for an area and a
// period (which may be a range such as 2021-2025).
type Target struct {
	Code   string `json:"code"`
	Area   string `json:"area"`
	Period string `json:"period"`
	Value  string `json:"value"` // canonical decimal, see package number
}

// Format is the catalog format this program writes and reads: 1 for the
// catalogs of the first releases, 2 since catalogs carry the official
// fields (legal bases, official codes, form symbols, deadlines, form
// layouts) and the version marker. A catalog of a higher format is refused
// with a message asking to update the program.
const Format = 2

// Catalog is the whole metadata of a database.
type Catalog struct {
	// Format is the catalog format the file is written in (0 or 1 for the
	// first releases', see the constant Format). It comes first, so that a
	// program of the first releases, which refuses unknown fields, names
	// it when it meets a newer file.
	Format int `json:"format,omitempty"`
	// Version marks which edition of the official catalog this is, e.g.
	// "VN-2026.12"; a province raises it when it publishes an update.
	Version    string           `json:"version,omitempty"`
	LegalBases []LegalBasis     `json:"legal_bases,omitempty"`
	Levels     []Level          `json:"levels,omitempty"`
	Groups     []Group          `json:"groups,omitempty"`
	Categories []CategoryOption `json:"categories,omitempty"`
	Elements   []Element        `json:"elements,omitempty"`
	Indicators []Indicator      `json:"indicators,omitempty"`
	Rules      []Rule           `json:"rules,omitempty"`
	DataSets   []DataSet        `json:"datasets,omitempty"`
	Areas      []Area           `json:"areas,omitempty"`
	Targets    []Target         `json:"targets,omitempty"`
	// Revocations lists the office certificates the province has revoked;
	// they travel with the signed catalog (see package replica).
	Revocations []Revocation `json:"revocations,omitempty"`
	// Layouts are the report forms laid out as the regime prescribes.
	Layouts []Layout `json:"layouts,omitempty"`
}

// Revocation withdraws an office certificate (a lost or stolen laptop).
// A stolen key can write any date, so the cut is by what the province had
// received: Cut names, for each device that signed with the certificate,
// the last segment the province holds; that one and those before it stay
// valid, every later one is refused.
type Revocation struct {
	Serial string          `json:"serial"` // of the certificate revoked
	Office string          `json:"office"`
	At     string          `json:"at"` // when the province revoked it (RFC 3339, UTC)
	Reason string          `json:"reason,omitempty"`
	Cut    []RevocationCut `json:"cut,omitempty"`
}

// RevocationCut is the last segment of one device kept by a revocation.
type RevocationCut struct {
	Writer   string `json:"writer"`   // the device id
	Segment  int64  `json:"segment"`  // number of its last segment kept (0: none)
	Manifest string `json:"manifest"` // SHA-256 of that segment's manifest
	LastSeq  int64  `json:"last_seq"` // sequence number of the last change it holds
}

// Read decodes a catalog from JSON, normalising every text to NFC. A
// catalog of a newer format than Format is refused with a message asking
// to update the program, before any of its fields is read; within a known
// format an unknown field is an error (a misspelt field in a province's
// file). A part of a catalog may refer to another part, so Read does not
// check references: call Validate on the whole.
func Read(r io.Reader) (*Catalog, error) {
	b, err := io.ReadAll(norm.NFC.Reader(r))
	if err != nil {
		return nil, fmt.Errorf("catalog: %w", err)
	}
	var head struct {
		Format int `json:"format"`
	}
	if json.Unmarshal(b, &head) == nil && head.Format > Format {
		return nil, msg.New(
			fmt.Sprintf("danh mục theo định dạng %d, mới hơn định dạng phần mềm này đọc được (%d): hãy cập nhật phần mềm Chỉ Số", head.Format, Format),
			fmt.Sprintf("the catalog is in format %d, newer than this program reads (%d): update the app", head.Format, Format))
	}
	var c Catalog
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&c); err != nil {
		return nil, fmt.Errorf("catalog: %w", err)
	}
	return &c, nil
}

// Merge appends the entries of o to c (used to lay the official part and
// the demo areas over the default catalog); o's version, if it has one,
// becomes c's.
func (c *Catalog) Merge(o *Catalog) {
	if o.Version != "" {
		c.Version = o.Version
	}
	c.LegalBases = append(c.LegalBases, o.LegalBases...)
	c.Levels = append(c.Levels, o.Levels...)
	c.Groups = append(c.Groups, o.Groups...)
	c.Categories = append(c.Categories, o.Categories...)
	c.Elements = append(c.Elements, o.Elements...)
	c.Indicators = append(c.Indicators, o.Indicators...)
	c.Rules = append(c.Rules, o.Rules...)
	c.DataSets = append(c.DataSets, o.DataSets...)
	c.Areas = append(c.Areas, o.Areas...)
	c.Targets = append(c.Targets, o.Targets...)
	c.Revocations = append(c.Revocations, o.Revocations...)
	c.Layouts = append(c.Layouts, o.Layouts...)
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
		if err := a.validateHistory(seen); err != nil {
			return err
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
	return c.validateOfficial(seen)
}
