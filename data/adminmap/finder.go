package adminmap

import (
	"slices"
	"strings"

	"chiso/data/vntext"
)

// Finder finds the units in force today by name without accents, or by
// the name of a unit of before that went into them (Xã Đồn Đạc, since
// 1/7/2025 part of Xã Ba Chẽ). Names are folded once, when the Finder is
// made.
type Finder struct {
	list    *List
	entries []entry
}

type entry struct {
	unit    int        // index in list.Units
	bare    vntext.Key // collation key of the name without its type word
	key     vntext.Key // collation key of the name
	names   []string   // folded: the unit's own name, then its former ones
	loose   []string   // the same made loose
	formers []string   // the former names, as names[1:]
}

// Match is a unit found. Former is the former name that matched: the
// unit's own before it was renamed (Xã Bố Hạ, Phường Bố Hạ since
// 20/9/2026) or that of a unit of before that went into it (Xã Đồn Đạc);
// empty when the unit's current name did. Loose is set when the name
// matched only loosely (vntext.Loose: "dong dac" for Đồn Đạc).
type Match struct {
	Unit   *Unit
	Former string
	Loose  bool
}

// NewFinder indexes the units of level (LevelProvince or LevelCommune) in
// force today, in Vietnamese order of their names without the type word
// (Xã Ba Chẽ before Phường Bãi Cháy).
func (l *List) NewFinder(level int) *Finder {
	lin := l.Lineage()
	f := &Finder{list: l}
	for i := range l.Units {
		u := &l.Units[i]
		if u.Level != level || u.ValidTo != "" {
			continue
		}
		e := entry{unit: i, bare: vntext.KeyOf(BareName(u.Name)), key: vntext.KeyOf(u.Name)}
		e.add(u.Name)
		var formers []string
		for _, f := range u.FormerNames {
			formers = append(formers, f.Name)
		}
		for _, c := range lin.Formers(u.Code) {
			formers = append(formers, l.Unit(c).Name)
		}
		for _, name := range formers {
			if !slices.Contains(e.names, vntext.Fold(name)) {
				e.add(name)
				e.formers = append(e.formers, name)
			}
		}
		f.entries = append(f.entries, e)
	}
	slices.SortFunc(f.entries, func(a, b entry) int {
		if c := a.bare.Compare(b.bare); c != 0 {
			return c
		}
		return a.key.Compare(b.key)
	})
	return f
}

func (e *entry) add(name string) {
	folded := vntext.Fold(name)
	e.names = append(e.names, folded)
	e.loose = append(e.loose, vntext.Loose(folded))
}

// Find returns the units of the province ("" for every province) whose
// name, or a former name, matches the query the way vntext.Query.Matches
// does. Those holding the query's words in its order come first (for "don
// dac", Xã Ba Chẽ, once Xã Đồn Đạc, before Đặc khu Vân Đồn); then, each
// time, those matching by their own name before those matching by a
// former name, in Vietnamese order. When nothing matches exactly, the
// loose matches (vntext.Loose) are returned instead. An empty query gives
// every unit of the province.
func (f *Finder) Find(query, province string) []Match {
	q := vntext.NewQuery(query)
	if m := f.find(q, province, false); len(m) > 0 || len(q) == 0 {
		return m
	}
	return f.find(q.Loose(), province, true)
}

func (f *Finder) find(q vntext.Query, province string, loose bool) []Match {
	phrase := vntext.Query{strings.Join(q, " ")}
	var ranked [4][]Match // phrase by own name, by a former one; words by own name, by a former one
	for i := range f.entries {
		e := &f.entries[i]
		u := &f.list.Units[e.unit]
		if province != "" && u.Parent != province {
			continue
		}
		names := e.names
		if loose {
			names = e.loose
		}
		best, by := len(ranked), -1
		for j, n := range names {
			rank := len(ranked)
			switch {
			case phrase.Matches(n):
				rank = 0
			case q.Matches(n):
				rank = 2
			}
			if j > 0 {
				rank++
			}
			if rank < best {
				best, by = rank, j
			}
		}
		if best == len(ranked) {
			continue
		}
		m := Match{Unit: u, Loose: loose}
		if by > 0 {
			m.Former = e.formers[by-1]
		}
		ranked[best] = append(ranked[best], m)
	}
	return slices.Concat(ranked[:]...)
}
