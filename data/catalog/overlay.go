package catalog

// Overlay lays o over c: an entry of o replaces the entry of c with the
// same code (same level number for levels, same code, area and period for
// targets), and the others are appended in o's order. o's version, if it
// has one, becomes c's. It is how a province's catalog file updates the
// catalog of a database.
func (c *Catalog) Overlay(o *Catalog) {
	if o.Version != "" {
		c.Version = o.Version
	}
	c.LegalBases = overlay(c.LegalBases, o.LegalBases, func(b LegalBasis) string { return b.Code })
	c.Levels = overlay(c.Levels, o.Levels, func(l Level) int { return l.Level })
	c.Groups = overlay(c.Groups, o.Groups, func(g Group) string { return g.Code })
	c.Categories = overlay(c.Categories, o.Categories, func(x CategoryOption) string { return x.Code })
	c.Elements = overlay(c.Elements, o.Elements, func(e Element) string { return e.Code })
	c.Indicators = overlay(c.Indicators, o.Indicators, func(in Indicator) string { return in.Code })
	c.Rules = overlay(c.Rules, o.Rules, func(r Rule) string { return r.Code })
	c.DataSets = overlay(c.DataSets, o.DataSets, func(d DataSet) string { return d.Code })
	c.Areas = overlay(c.Areas, o.Areas, func(a Area) string { return a.Code })
	c.Targets = overlay(c.Targets, o.Targets, func(t Target) [3]string { return [3]string{t.Code, t.Area, t.Period} })
	c.Layouts = overlay(c.Layouts, o.Layouts, func(l Layout) string { return l.Code })
}

func overlay[T any, K comparable](base, over []T, key func(T) K) []T {
	at := make(map[K]int, len(base))
	for i, x := range base {
		at[key(x)] = i
	}
	for _, x := range over {
		if i, ok := at[key(x)]; ok {
			base[i] = x
			continue
		}
		at[key(x)] = len(base)
		base = append(base, x)
	}
	return base
}
