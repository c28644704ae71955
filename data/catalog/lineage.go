package catalog

// Lineage indexes the successions of a list of areas: for each area, the
// areas that ended and went into it, and for each area that ended, the
// areas in force later that hold it. A Lineage reads the areas it was
// made from; do not change them while it is used.
type Lineage struct {
	areas map[string]*Area
	order map[string]int
	preds map[string][]string // successor → the areas that went into it, directly
}

// NewLineage indexes areas.
func NewLineage(areas []Area) *Lineage {
	l := &Lineage{areas: make(map[string]*Area, len(areas)), order: make(map[string]int, len(areas)), preds: map[string][]string{}}
	for i := range areas {
		a := &areas[i]
		l.areas[a.Code], l.order[a.Code] = a, i
		for _, s := range a.Successors {
			l.preds[s] = append(l.preds[s], a.Code)
		}
	}
	return l
}

// Area returns the area with the code, nil if there is none.
func (l *Lineage) Area(code string) *Area { return l.areas[code] }

// Formers returns the areas of the same level as code that ended and went
// into it, whole or in part, directly or through areas that ended later
// (a commune merged in 2024 into one merged again in 2025), in the order
// of the list. An area that went into it through one of another level (a
// district) is not listed.
func (l *Lineage) Formers(code string) []string {
	a := l.areas[code]
	if a == nil {
		return nil
	}
	var out []string
	seen := map[string]bool{code: true}
	var walk func(c string)
	walk = func(c string) {
		for _, p := range l.preds[c] {
			pa := l.areas[p]
			if seen[p] || pa == nil || pa.Level != a.Level {
				continue
			}
			seen[p] = true
			out = append(out, p)
			walk(p)
		}
	}
	walk(code)
	// In list order, so that callers show them in a stable order.
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && l.order[out[j]] < l.order[out[j-1]]; j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

// Now returns the areas that hold an area that ended, on day (yyyy-mm-dd):
// its successors, and for a successor that ended too before day, its own,
// and so on. An area in force on day is its own; an area without
// successors gives none.
func (l *Lineage) Now(code, day string) []string {
	var out []string
	seen := map[string]bool{}
	var walk func(c string)
	walk = func(c string) {
		if seen[c] {
			return
		}
		seen[c] = true
		a := l.areas[c]
		if a == nil {
			return
		}
		if a.ValidTo == "" || day <= a.ValidTo {
			if a.ValidFrom == "" || a.ValidFrom <= day {
				out = append(out, c)
			}
			return
		}
		for _, s := range a.Successors {
			walk(s)
		}
	}
	walk(code)
	return out
}
