package cycle

import (
	"chiso/data/calc"
	"chiso/data/catalog"
	"chiso/data/number"
	"chiso/data/period"
)

// Check is what to look at before sending a report: the validation rules
// the form's values break, and the form's elements left empty. A report
// breaking a rule can be sent anyway, with a comment saying why; empty
// elements are only pointed out.
type Check struct {
	Broken []calc.Violation
	Empty  []*catalog.Element
}

// OK reports whether the values break no rule.
func (c Check) OK() bool { return len(c.Broken) == 0 }

// Validate runs the validation rules that read the elements of ds for an
// area and period, and lists the elements without a value.
func Validate(en *calc.Engine, ds *catalog.DataSet, area string, p period.Period) (Check, error) {
	var c Check
	rules := map[string]bool{}
	for _, code := range ds.Elements {
		for _, r := range en.RulesOf(code) {
			rules[r.Code] = true
		}
		el := en.Element(code)
		if el == nil {
			continue
		}
		if _, ok, err := en.Value(code, area, p, ""); err != nil {
			return c, err
		} else if !ok {
			c.Empty = append(c.Empty, el)
		}
	}
	all, err := en.CheckRules(area, p)
	if err != nil {
		return c, err
	}
	for _, v := range all {
		if rules[v.Rule.Code] {
			c.Broken = append(c.Broken, v)
		}
	}
	return c, nil
}

// Lines says what the check found, one line each, in lang with numbers in
// style st.
func (c Check) Lines(lang string, st number.Style) []string {
	var out []string
	for _, v := range c.Broken {
		l, r := number.FormatFloat(v.Left, -1, st), number.FormatFloat(v.Right, -1, st)
		if lang == "en" {
			out = append(out, "Rule broken: "+v.Name(lang)+" ("+l+" "+v.Rule.Operator+" "+r+" does not hold)")
		} else {
			out = append(out, "Vi phạm quy tắc: "+v.Name(lang)+" ("+l+" "+v.Rule.Operator+" "+r+" không thỏa)")
		}
	}
	for _, e := range c.Empty {
		if lang == "en" {
			name := e.NameEN
			if name == "" {
				name = e.NameVI
			}
			out = append(out, "No value: "+name)
		} else {
			out = append(out, "Chưa có số liệu: "+e.NameVI)
		}
	}
	return out
}
