package app

import (
	"context"
	"sort"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2/lang"

	"chiso/data/calc"
	"chiso/data/catalog"
	"chiso/data/number"
	"chiso/data/report"
	"chiso/data/store"
	"chiso/data/vntext"
	"chiso/widgets"
)

// firstYear is the first year the year selector offers.
const firstYear = 2011

// noValue is shown in place of a missing value.
const noValue = "–"

// areaNodes returns the nodes of the area tree: every area of the catalog,
// named in Vietnamese, children in Vietnamese alphabetical order. An area
// that no longer exists says the year it ended and, when one or two areas
// hold it today, which ("Xã Đồn Đạc (đến 2025, nay thuộc Xã Ba Chẽ)"); an
// area is also found by its former names and those of the areas of its
// level it was made of.
func areaNodes(c *catalog.Catalog) []widgets.AreaNode {
	lin := catalog.NewLineage(c.Areas)
	today := time.Now().Format(time.DateOnly)
	nodes := make([]widgets.AreaNode, 0, len(c.Areas))
	keys := make(map[string]vntext.Key, len(c.Areas))
	for _, a := range c.Areas {
		label := a.Name
		if end, err := time.Parse(time.DateOnly, a.ValidTo); err == nil {
			now := lin.Now(a.Code, today)
			if len(now) > 0 && len(now) <= 2 && now[0] != a.Code {
				var names []string
				for _, n := range now {
					names = append(names, lin.Area(n).Name)
				}
				label += " " + lang.L("(until {{.Date}}, now part of {{.Names}})", map[string]any{"Date": end.Year(), "Names": strings.Join(names, ", ")})
			} else {
				label += " " + lang.L("(until {{.Date}})", map[string]any{"Date": end.Year()})
			}
		}
		var also []string
		for _, f := range a.FormerNames {
			also = append(also, f.Name)
		}
		for _, f := range lin.Formers(a.Code) {
			also = append(also, lin.Area(f).Name)
		}
		nodes = append(nodes, widgets.AreaNode{ID: a.Code, Label: label, ParentID: a.Parent, Also: also})
		keys[a.Code] = vntext.KeyOf(label)
	}
	sort.SliceStable(nodes, func(i, j int) bool { return keys[nodes[i].ID].Compare(keys[nodes[j].ID]) < 0 })
	return nodes
}

// areaMatch is how the area trees match a search: accent-insensitive, by
// the starts of words, loosely only when nothing matches exactly.
func areaMatch() widgets.MatchFunc { return vntext.Matcher() }

// defaultArea returns the area shown first: from the first root, down
// through areas that have a single child (the nation holding one province in
// a provincial database), so the top-level province. "" for no areas.
func defaultArea(c *catalog.Catalog) string {
	children := map[string][]string{}
	known := map[string]bool{}
	for _, a := range c.Areas {
		known[a.Code] = true
	}
	var roots []string
	for _, a := range c.Areas {
		if a.Parent == "" || !known[a.Parent] {
			roots = append(roots, a.Code)
			continue
		}
		children[a.Parent] = append(children[a.Parent], a.Code)
	}
	if len(roots) == 0 {
		return ""
	}
	area := roots[0]
	for len(children[area]) == 1 {
		area = children[area][0]
	}
	return area
}

// years returns the years offered, newest first: from firstYear to the
// current year (or to last, if data reach further).
func years(now time.Time, last int) []string {
	to := max(now.Year(), last)
	var out []string
	for y := to; y >= firstYear; y-- {
		out = append(out, strconv.Itoa(y))
	}
	return out
}

// latestYear returns the latest year, from the current one back to
// firstYear, that holds any value; the current year when none does.
func latestYear(ctx context.Context, st *store.Store, now time.Time) int {
	for y := now.Year(); y >= firstYear; y-- {
		if ok, _ := st.HasValues(ctx, strconv.Itoa(y)); ok {
			return y
		}
	}
	return now.Year()
}

// valueRows turns computed rows into table rows: names and units in lang,
// values in the number style st, "–" when there is none; a value made on
// other boundaries than the area had in the period is followed by "*", one
// that cannot be made is "×" (see boundariesLegend).
func valueRows(rows []calc.Row, lang string, st number.Style) []widgets.ValueRow {
	out := make([]widgets.ValueRow, len(rows))
	for i, r := range rows {
		v := r.Text(st, lang)
		switch {
		case r.NotComparable:
			v = report.NotComparableMark
		case v == "":
			v = noValue
		case r.Mapped:
			v += boundariesMark
		}
		out[i] = widgets.ValueRow{Code: r.Code, Name: r.Name(lang), Unit: r.Unit(lang), Value: v, Indicator: r.Indicator}
	}
	return out
}

// areaName returns the area's name in the interface language.
func areaName(a catalog.Area, language string) string {
	if language == "en" && a.NameEN != "" {
		return a.NameEN
	}
	return a.Name
}
