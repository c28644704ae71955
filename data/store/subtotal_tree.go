package store

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"strings"

	"chiso/data/catalog"
	"chiso/data/period"
)

// SubtotalKey identifies what the subtotals depend on in a catalog: each
// area's code, parent, parents over time and validity dates, and the
// weight of each weighted average.
func SubtotalKey(c *catalog.Catalog) string {
	var weights []string
	for _, e := range c.Elements {
		if e.Aggregation == catalog.WeightedAverage {
			weights = append(weights, e.Code+"\x00"+e.Weight)
		}
	}
	return subtotalKey(c.Areas, weights)
}

// subtotalKey is SubtotalKey of the areas and the weighted averages
// ("element\x00weight").
func subtotalKey(areas []catalog.Area, weights []string) string {
	sorted := slices.Clone(areas)
	slices.SortFunc(sorted, func(a, b catalog.Area) int { return strings.Compare(a.Code, b.Code) })
	h := sha256.New()
	for _, a := range sorted {
		fmt.Fprintf(h, "%s\x00%s\x00%s\x00%s", a.Code, a.Parent, a.ValidFrom, a.ValidTo)
		for _, p := range a.Parents {
			fmt.Fprintf(h, "\x00%s\x00%s\x00%s", p.Parent, p.From, p.To)
		}
		h.Write([]byte{'\n'})
	}
	slices.Sort(weights)
	for _, w := range weights {
		fmt.Fprintf(h, "%s\n", w)
	}
	return hex.EncodeToString(h.Sum(nil)[:12])
}

// tree is the areas' hierarchy as the subtotals follow it, by area id.
type tree struct {
	key      string
	areas    []treeArea           // by id
	children map[int64][]int64    // by area, every area that has it as a parent at some time, by id
	spans    map[int64][]treeSpan // the parents over time of the areas that moved
	code     map[int64]string     // by id
	weight   map[int64]int64      // by weighted average, its weight
	weighted map[int64][]int64    // by weight, the weighted averages
}

// weightRow is a weighted average and its weight as read for the tree.
type weightRow struct {
	element, weight  int64
	code, weightCode string
}

type treeArea struct {
	exists   bool
	tracked  bool // it has children: its subtotals are kept
	from, to string
	parent   int64
}

type treeSpan struct {
	parent   int64
	from, to string
}

// treeRow is one area as read for the tree.
type treeRow struct {
	id, parent int64
	code       string
	from, to   string
	parentCode string
}

// newTree builds the tree of the areas and weighted averages read.
func newTree(rows []treeRow, spans map[int64][]catalog.ParentSpan, ids map[string]int64, weights []weightRow) *tree {
	t := &tree{children: map[int64][]int64{}, code: map[int64]string{}, spans: map[int64][]treeSpan{},
		weight: map[int64]int64{}, weighted: map[int64][]int64{}}
	var keys []string
	for _, w := range weights {
		t.weight[w.element] = w.weight
		t.weighted[w.weight] = append(t.weighted[w.weight], w.element)
		keys = append(keys, w.code+"\x00"+w.weightCode)
	}
	areas := make([]catalog.Area, 0, len(rows))
	var top int64
	for _, r := range rows {
		top = max(top, r.id)
	}
	t.areas = make([]treeArea, top+1)
	for _, r := range rows {
		t.areas[r.id] = treeArea{exists: true, from: r.from, to: r.to, parent: r.parent}
		t.code[r.id] = r.code
		a := catalog.Area{Code: r.code, Parent: r.parentCode, ValidFrom: r.from, ValidTo: r.to, Parents: spans[r.id]}
		areas = append(areas, a)
		parents := []int64{}
		if r.parent != 0 {
			parents = append(parents, r.parent)
		}
		for _, s := range spans[r.id] {
			p := ids[s.Parent]
			t.spans[r.id] = append(t.spans[r.id], treeSpan{p, s.From, s.To})
			if p != 0 && !slices.Contains(parents, p) {
				parents = append(parents, p)
			}
		}
		for _, p := range parents {
			t.children[p] = append(t.children[p], r.id)
		}
	}
	for p, cs := range t.children {
		slices.Sort(cs)
		if p >= 0 && p < int64(len(t.areas)) {
			t.areas[p].tracked = true
		}
	}
	t.key = subtotalKey(areas, keys)
	return t
}

// periodEnd returns the last day of a period (yyyy-mm-dd), "" for a code
// that is not a period.
func periodEnd(per string) string {
	p, err := period.Parse(per)
	if err != nil {
		return ""
	}
	return p.End().Format("2006-01-02")
}

// ends caches periodEnd.
type ends struct {
	per, day string
	m        map[string]string
}

func (e *ends) of(per string) string {
	if per == e.per && e.m != nil {
		return e.day
	}
	if e.m == nil {
		e.m = map[string]string{}
	}
	d, ok := e.m[per]
	if !ok {
		d = periodEnd(per)
		e.m[per] = d
	}
	e.per, e.day = per, d
	return d
}

func (t *tree) area(id int64) *treeArea {
	if id <= 0 || id >= int64(len(t.areas)) || !t.areas[id].exists {
		return nil
	}
	return &t.areas[id]
}

// tracked reports whether the area has children.
func (t *tree) tracked(id int64) bool {
	a := t.area(id)
	return a != nil && a.tracked
}

// parentOn is the area whose subtotal a value of area id on day d counts
// in: its parent on d (catalog.Area.ParentOn), when the area exists on d
// and has no children of its own; 0 for none.
func (t *tree) parentOn(id int64, d string) int64 {
	a := t.area(id)
	if a == nil || a.tracked || d == "" || !(a.from == "" || a.from <= d) || !(a.to == "" || d <= a.to) {
		return 0
	}
	spans, moved := t.spans[id]
	if !moved {
		return a.parent
	}
	for _, s := range spans {
		if (s.from == "" || s.from <= d) && (s.to == "" || d <= s.to) {
			return s.parent
		}
	}
	return 0
}

// leaves returns the children of x that count in its subtotal for a
// period ending on d, by id.
func (t *tree) leaves(x int64, d string) []int64 {
	var out []int64
	for _, c := range t.children[x] {
		if t.parentOn(c, d) == x {
			out = append(out, c)
		}
	}
	return out
}

// loadTree reads the areas' tree through c.
func loadTree(c subtotalConn) (*tree, error) {
	rows, spans, ids, err := c.treeRows()
	if err != nil {
		return nil, fmt.Errorf("read the areas: %w", err)
	}
	weights, err := c.weights()
	if err != nil {
		return nil, fmt.Errorf("read the weighted averages: %w", err)
	}
	return newTree(rows, spans, ids, weights), nil
}
