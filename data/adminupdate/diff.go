package adminupdate

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"chiso/data/adminmap"
	"chiso/data/catalog"
	"chiso/data/msg"
	"chiso/data/vntext"
)

// Kind is what happens to a unit.
type Kind int

// Kinds of change, in the order a preview lists them.
const (
	New       Kind = iota // in the list, not in the database
	Renamed               // its name or type changed (Xã → Phường)
	Moved                 // now in another province
	Merged                // not in the list: went whole into one unit
	Split                 // not in the list: went into several
	Dissolved             // not in the list, and the mapping says nothing of it
)

// Kinds lists the kinds in order.
var Kinds = []Kind{New, Renamed, Moved, Merged, Split, Dissolved}

// Label names a kind in language ("vi" or "en").
func (k Kind) Label(lang string) string {
	vi := [...]string{"Đơn vị mới", "Đổi tên, đổi loại", "Chuyển sang tỉnh khác", "Nhập vào đơn vị khác", "Chia cho nhiều đơn vị", "Giải thể (không có trong bảng chuyển đổi)"}
	en := [...]string{"New units", "Renamed, type changed", "Moved to another province", "Merged into another unit", "Split between several units", "Dissolved (not in the mapping)"}
	if lang == "en" {
		return en[k]
	}
	return vi[k]
}

// Change is what happens to one unit.
type Change struct {
	Kind Kind
	Code string
	// Name is the unit's name in the list, or in the database for a unit
	// that ends; OldName its name in the database when renamed.
	Name, OldName string
	// Province is the code of its province in the list; OldProvince in
	// the database, when moved.
	Province, OldProvince string
	// Successors are the units that take over a unit that ends (with
	// Shares where the mapping gives them); Predecessors the units of the
	// database that go into a new one.
	Successors   []string
	Shares       map[string]float64
	Predecessors []string
}

// Plan is what an update would do to the database: the changes, in the
// order of Kinds and then of code, and how many units stay as they are.
type Plan struct {
	List, Mapping string // the files' names
	Changes       []Change
	Unchanged     int
	// Provinces and Communes count the units of the list.
	Provinces, Communes int
}

// Count returns the number of changes of a kind.
func (p *Plan) Count(k Kind) int {
	n := 0
	for _, c := range p.Changes {
		if c.Kind == k {
			n++
		}
	}
	return n
}

// Empty reports whether the plan changes nothing.
func (p *Plan) Empty() bool { return len(p.Changes) == 0 }

var officialCode = regexp.MustCompile(`^(\d{2}|\d{5})$`)

// current returns the areas of cat in force today that the official list
// names: provinces with a two-digit code, communes with a five-digit one.
func current(cat *catalog.Catalog) map[string]*catalog.Area {
	m := map[string]*catalog.Area{}
	for i := range cat.Areas {
		a := &cat.Areas[i]
		if a.ValidTo == "" && officialCode.MatchString(a.Code) &&
			(len(a.Code) == 2 && a.Level == adminmap.LevelProvince || len(a.Code) == 5 && a.Level == adminmap.LevelCommune) {
			m[a.Code] = a
		}
	}
	return m
}

// Diff compares the list (and the mapping, which may be nil) with the
// units of the official list in force in cat. Names are compared as
// vntext.Spelling does, so a tone mark written on another letter (Hoà,
// Hòa) is no rename. A mapping line about a unit that has ended already
// (the same update, applied before) is passed over; one that names a code
// neither in the list nor in the database, or sends a unit that ends to
// one that is not in the list, is refused with its line.
func Diff(cat *catalog.Catalog, l *List, links []Link, mapping string) (*Plan, error) {
	have := current(cat)
	if len(have) == 0 {
		return nil, msg.New("cơ sở dữ liệu chưa có đơn vị hành chính nào theo danh mục chính thức (mã 2 hoặc 5 chữ số) để cập nhật",
			"the database has no unit of the official list (codes of 2 or 5 digits) to update")
	}
	p := &Plan{List: l.File, Mapping: mapping, Provinces: len(l.Provinces), Communes: len(l.Communes)}
	listed := map[string]Unit{}
	for _, u := range l.Provinces {
		listed[u.Code] = u
	}
	for _, u := range l.Communes {
		listed[u.Code] = u
	}
	known := map[string]bool{} // every area of the database, ended or not
	for _, a := range cat.Areas {
		known[a.Code] = true
	}
	from := map[string][]Link{}
	to := map[string][]Link{}
	for _, k := range links {
		if _, ok := listed[k.From]; !ok && have[k.From] == nil && known[k.From] {
			continue // the unit ended already: an update applied before
		}
		for _, c := range []string{k.From, k.To} {
			if _, ok := listed[c]; !ok && have[c] == nil {
				return nil, msg.New(fmt.Sprintf("%s, dòng %d: mã %s không có trong danh mục mới và không phải đơn vị đang có", mapping, k.Row, c),
					fmt.Sprintf("%s, line %d: code %s is neither in the new list nor a unit in force", mapping, k.Row, c))
			}
		}
		from[k.From] = append(from[k.From], k)
		to[k.To] = append(to[k.To], k)
	}
	var changes []Change
	for _, u := range append(slices.Clone(l.Provinces), l.Communes...) {
		a := have[u.Code]
		if a == nil {
			c := Change{Kind: New, Code: u.Code, Name: u.Name, Province: u.Province}
			for _, k := range to[u.Code] {
				if k.From != u.Code {
					c.Predecessors = append(c.Predecessors, k.From)
				}
			}
			if len(u.Code) == 2 && u.Name == "" {
				return nil, msg.New(fmt.Sprintf("%s: tỉnh mới %s không có tên (cột Tỉnh / Thành Phố)", l.File, u.Code),
					fmt.Sprintf("%s: the new province %s has no name (column Tỉnh / Thành Phố)", l.File, u.Code))
			}
			changes = append(changes, c)
			continue
		}
		if u.Name != "" && vntext.Spelling(u.Name) != vntext.Spelling(a.Name) {
			changes = append(changes, Change{Kind: Renamed, Code: u.Code, Name: u.Name, OldName: a.Name, Province: u.Province})
		}
		if len(u.Code) == 5 && a.Parent != u.Province {
			changes = append(changes, Change{Kind: Moved, Code: u.Code, Name: a.Name, Province: u.Province, OldProvince: a.Parent})
		}
		if (u.Name == "" || vntext.Spelling(u.Name) == vntext.Spelling(a.Name)) && (len(u.Code) == 2 || a.Parent == u.Province) {
			p.Unchanged++
		}
	}
	for code, a := range have {
		if _, ok := listed[code]; ok {
			continue
		}
		c := Change{Kind: Dissolved, Code: code, Name: a.Name, OldProvince: a.Parent}
		for _, k := range from[code] {
			if _, ok := listed[k.To]; !ok {
				return nil, msg.New(fmt.Sprintf("%s, dòng %d: %s %s nhập vào %s, không có trong danh mục mới", mapping, k.Row, code, a.Name, k.To),
					fmt.Sprintf("%s, line %d: %s %s goes into %s, which is not in the new list", mapping, k.Row, code, a.Name, k.To))
			}
			if slices.Contains(c.Successors, k.To) {
				continue
			}
			c.Successors = append(c.Successors, k.To)
			if k.Share >= 0 {
				if c.Shares == nil {
					c.Shares = map[string]float64{}
				}
				c.Shares[k.To] = k.Share
			}
		}
		switch len(c.Successors) {
		case 0:
		case 1:
			c.Kind, c.Shares = Merged, nil
		default:
			c.Kind = Split
		}
		changes = append(changes, c)
	}
	slices.SortFunc(changes, func(a, b Change) int {
		if a.Kind != b.Kind {
			return int(a.Kind) - int(b.Kind)
		}
		return strings.Compare(a.Code, b.Code)
	})
	p.Changes = changes
	return p, nil
}

// Describe says what happens to the unit of a change, in language ("vi"
// or "en"); name gives the name of a unit by code (of the database or the
// list).
func (c Change) Describe(name func(code string) string, lang string) string {
	say := func(vi, en string) string {
		if lang == "en" {
			return en
		}
		return vi
	}
	names := func(codes []string) string {
		var out []string
		for _, code := range codes {
			s := code + " " + name(code)
			if v, ok := c.Shares[code]; ok {
				s += fmt.Sprintf(" (%s %g%%)", say("dân số", "population"), v*100)
			}
			out = append(out, s)
		}
		return strings.Join(out, ", ")
	}
	line := c.Code + " " + c.Name
	switch c.Kind {
	case New:
		if c.Province != "" {
			line += ", " + name(c.Province)
		}
		if len(c.Predecessors) > 0 {
			line += say(", gồm ", ", made of ") + names(c.Predecessors)
		}
	case Renamed:
		line = c.Code + " " + c.OldName + " → " + c.Name
	case Moved:
		line += ": " + name(c.OldProvince) + " → " + name(c.Province)
	case Merged, Split:
		line += " → " + names(c.Successors)
	case Dissolved:
		line += say(" (không có đơn vị kế thừa)", " (no successor)")
	}
	return line
}
