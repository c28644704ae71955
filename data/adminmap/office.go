package adminmap

import (
	"fmt"

	"chiso/data/catalog"
)

// Lineage indexes the successions of the list (see catalog.Lineage).
func (l *List) Lineage() *catalog.Lineage { return catalog.NewLineage(l.Areas()) }

// Today is a day on which the units of the list in force today are (the
// list holds no unit created after it).
const Today = "9999-12-31"

// Unit returns the unit with the catalog code, nil if there is none.
func (l *List) Unit(code string) *Unit {
	if i, ok := l.index[code]; ok {
		return &l.Units[i]
	}
	return nil
}

// ForProvince returns the areas an office of the province (the code of a
// province in force today) keeps: the nation, every unit in force today
// (the 34 provinces and the 3,321 communes, so that any of them can be
// named), and the units before the reform whose land is in the province
// today (the provinces, districts and communes it was made of, back to
// 2011), with their parents over time and their successors. The province's
// own units before the reform stand beside today's in the tree: Tỉnh
// Quảng Ninh (T22, until 2025) beside Quảng Ninh (22).
func (l *List) ForProvince(province string) ([]catalog.Area, error) {
	p := l.Unit(province)
	if p == nil || p.Level != LevelProvince || p.ValidTo != "" {
		return nil, fmt.Errorf("official list: %q is not a province in force today", province)
	}
	lin := l.Lineage()
	inProvince := func(code string) bool {
		a := lin.Area(code)
		return code == province || a != nil && a.Level == LevelCommune && a.Parent == province
	}
	keep := map[string]bool{}
	var mark func(code string)
	mark = func(code string) {
		if keep[code] {
			return
		}
		keep[code] = true
		a := lin.Area(code)
		if a.Parent != "" {
			mark(a.Parent)
		}
		for _, s := range a.Parents {
			mark(s.Parent)
		}
	}
	for i := range l.Units {
		u := &l.Units[i]
		if u.ValidTo == "" {
			keep[u.Code] = true
			continue
		}
		for _, now := range lin.Now(u.Code, Today) {
			if inProvince(now) {
				mark(u.Code)
				break
			}
		}
	}
	out := make([]catalog.Area, 0, len(keep))
	for _, u := range l.Units {
		if keep[u.Code] {
			out = append(out, u.Area)
		}
	}
	return out, nil
}
