package main

import (
	"encoding/csv"
	"fmt"
	"hash/fnv"
	"math"
	"os"
	"sort"
	"strconv"
	"strings"
)

// The reform of 1 July 2025 in the demo. The districts and communes of
// before keep their codes (QN_HALONG, QN_HALONG_01…) and end on 30/6/2025;
// each commune stands for an official commune of before (assets/admin),
// found by its name within its district or, for the communes the demo
// named "Phường Hạ Long 01", given the name of one, in order of code; its
// successors are those of the official mapping (through the mergers of
// 2024), and a district's those of its communes. The 54 units since the
// reform keep their official codes. Quảng Ninh keeps the code QN: the
// province did not change on 1/7/2025, so one area carries its series
// from 2011 to 2026 (it became Thành phố Quảng Ninh on 1/9/2026; the demo
// names it Quảng Ninh, without its type, throughout).

const (
	adminDir      = "assets/admin/"
	province      = "22"
	reformDay     = "2025-07-01"
	lastDayBefore = "2025-06-30"
	demoFrom      = "2020-01-01" // the demo's communes of before exist from then

	pov24, near24 = 0.62, 0.80 // 2024's poverty and near-poverty rates, of 2023's
	houses24      = 0.8        // houses supported in 2024, of 2023's
)

// span is a line of before.csv: a unit with the same parent, type and
// name from one day to another.
type span struct{ level, code, parent, typ, name, from, to string }

// link is a line of successors.csv.
type link struct {
	level, from, toLevel, to, date, kind string
	share                                float64 // NaN when the source gives none
}

type todayUnit struct{ code, typ, name string }

type officialList struct {
	spans map[string][]span // by level:code
	succ  map[string][]link // by level:code of the unit that ended
	today []todayUnit       // Quảng Ninh's units since the reform
}

func readCSV(name string) [][]string {
	f, err := os.Open(adminDir + name)
	if err != nil {
		fail("%v", err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		fail("%s: %v", name, err)
	}
	return recs[1:]
}

func readOfficial() *officialList {
	off := &officialList{spans: map[string][]span{}, succ: map[string][]link{}}
	for _, r := range readCSV("before.csv") {
		s := span{r[0], r[1], r[2], r[3], r[4], r[5], r[6]}
		off.spans[s.level+":"+s.code] = append(off.spans[s.level+":"+s.code], s)
	}
	for _, r := range readCSV("successors.csv") {
		l := link{level: r[0], from: r[1], toLevel: r[2], to: r[3], date: r[4], kind: r[5], share: math.NaN()}
		if r[6] != "" {
			v, err := strconv.ParseFloat(r[6], 64)
			if err != nil {
				fail("successors.csv: share %q", r[6])
			}
			l.share = v
		}
		off.succ[l.level+":"+l.from] = append(off.succ[l.level+":"+l.from], l)
	}
	for _, r := range readCSV("communes.csv") {
		if r[1] == province {
			off.today = append(off.today, todayUnit{r[0], r[2], r[3]})
		}
	}
	return off
}

// fold lowercases a Vietnamese name and takes its diacritics off.
func fold(s string) string {
	const from = "àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ"
	const to = "aaaaaaaaaaaaaaaaaeeeeeeeeeeeiiiiiooooooooooooooooouuuuuuuuuuuyyyyyd"
	table := map[rune]rune{}
	tr := []rune(to)
	for i, r := range []rune(from) {
		table[r] = tr[i]
	}
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if t, ok := table[r]; ok {
			r = t
		}
		b.WriteRune(r)
	}
	return b.String()
}

// withoutType is a name without its type word: "Đông Triều" for "Thị xã
// Đông Triều".
func withoutType(name string) string {
	for _, p := range []string{"Thành phố ", "Thị xã ", "Huyện ", "Thị trấn ", "Phường ", "Xã "} {
		if strings.HasPrefix(name, p) {
			return strings.TrimPrefix(name, p)
		}
	}
	return name
}

func overlaps(s span, from, to string) bool {
	return (s.from == "" || s.from <= to) && (s.to == "" || from <= s.to)
}

// The official commune each demo commune of before stands for, and the
// official name the demo gives it.
var (
	officialCode  = map[string]string{} // demo code → commune code in before.csv
	officialNames = map[string]string{} // demo code → name, for the communes named after an official one
)

// pairCommunes finds the official commune of each demo commune: by name
// within its district (any span from 2011), else, for the communes with
// the demo's own names, the district's other communes of 1/1/2020 in order
// of code (those that ended before the reform last, when there are more
// than the demo has).
func pairCommunes(off *officialList) {
	districtOf := map[string]string{} // demo district → official code
	for _, d := range districts {
		for k, ss := range off.spans {
			if !strings.HasPrefix(k, "district:") {
				continue
			}
			for _, s := range ss {
				if s.parent == province && fold(withoutType(s.name)) == fold(shortName(d)) {
					districtOf[d.code] = s.code
				}
			}
		}
		if districtOf[d.code] == "" {
			fail("district %s (%s) is not in the official list", d.code, d.name)
		}
	}
	byName, given := 0, 0
	for _, d := range districts {
		if d.nCommunes == 0 {
			continue
		}
		var all []span // the district's communes, a span each, the one of 1/1/2020 when there is one
		seen := map[string]bool{}
		for k, ss := range off.spans {
			if !strings.HasPrefix(k, "commune:") {
				continue
			}
			var in *span
			for i, s := range ss {
				if s.parent == districtOf[d.code] && overlaps(s, "2011-01-01", lastDayBefore) && (in == nil || overlaps(s, demoFrom, demoFrom)) {
					in = &ss[i]
				}
			}
			if in != nil {
				all = append(all, *in)
			}
		}
		sort.Slice(all, func(i, j int) bool { return all[i].code < all[j].code })
		var illustrative []string
		for i := 1; i <= d.nCommunes; i++ {
			c := d.code + "_" + pad2(i)
			if len(d.communes) == 0 {
				illustrative = append(illustrative, c)
				continue
			}
			for _, s := range all {
				if fold(s.name) == fold(d.communes[i-1]) && !seen[s.code] {
					officialCode[c], seen[s.code] = s.code, true
					byName++
					break
				}
			}
			if officialCode[c] == "" {
				fail("%s %s is not a commune of %s in the official list", c, d.communes[i-1], d.name)
			}
		}
		if len(illustrative) == 0 {
			continue
		}
		var free, later []span
		for _, s := range all {
			switch {
			case seen[s.code] || !overlaps(s, demoFrom, demoFrom):
			case s.to < lastDayBefore:
				later = append(later, s)
			default:
				free = append(free, s)
			}
		}
		free = append(free, later...)
		if len(free) < len(illustrative) {
			fail("%s: %d communes of its own, %d official communes left", d.code, len(illustrative), len(free))
		}
		free = free[:len(illustrative)]
		sort.Slice(free, func(i, j int) bool { return free[i].code < free[j].code })
		for i, c := range illustrative {
			officialCode[c], officialNames[c] = free[i].code, free[i].name
			given++
		}
	}
	fmt.Printf("     communes of before: %d found in the official list by name within their district, %d given the name of one\n", byName, given)
}

// finals returns the units since the reform that took over the official
// commune code (through the mergers before it), each with the share of its
// population (NaN when the source gives none).
func (off *officialList) finals(level, code string, w float64, out map[string]float64) {
	links := off.succ[level+":"+code]
	if len(links) == 0 {
		fail("official %s %s has no successor", level, code)
	}
	for _, l := range links {
		share := l.share
		if l.kind == "whole" {
			share = 1
		}
		switch {
		case l.date == reformDay:
			out[l.to] += w * share
		case l.toLevel == "commune":
			off.finals("commune", l.to, w*share, out)
		default:
			fail("official %s %s went to %s %s before the reform", level, code, l.toLevel, l.to)
		}
	}
}

// hash returns a number in [0, 1) fixed for a code and a salt.
func hash(code string, salt int) float64 {
	h := fnv.New64a()
	fmt.Fprintf(h, "%s/%d", code, salt)
	return float64(h.Sum64()%1_000_000) / 1_000_000
}

// reform adds to areas the successors of the units of before and the
// units since the reform, and stores the values of the communes of before
// (2024, and 30/6/2025) and of the units since (2025, 2026).
func reform(off *officialList, areas []Area) []Area {
	index := map[string]int{}
	for i, a := range areas {
		index[a.Code] = i
	}
	// Successors of the communes of before; shares where a commune was
	// split: the official ones, else illustrative (the rest shared evenly).
	shares := map[string]map[string]float64{} // demo commune → unit since the reform → share
	var communes []string                     // the demo communes of before, in order
	for _, a := range areas {
		if a.Level != 4 {
			continue
		}
		communes = append(communes, a.Code)
		f := map[string]float64{}
		off.finals("commune", officialCode[a.Code], 1, f)
		known, unknown := 0.0, 0
		for _, v := range f {
			if math.IsNaN(v) {
				unknown++
			} else {
				known += v
			}
		}
		for k, v := range f {
			if math.IsNaN(v) {
				f[k] = (1 - known) / float64(unknown)
			}
		}
		shares[a.Code] = f
		ar := &areas[index[a.Code]]
		for k := range f {
			ar.Successors = append(ar.Successors, k)
		}
		sort.Strings(ar.Successors)
		if len(f) > 1 {
			ar.Shares = f
		}
	}
	for _, d := range districts {
		if d.code == hoanhBo {
			continue
		}
		set := map[string]bool{}
		for i := 1; i <= d.nCommunes; i++ {
			for k := range shares[d.code+"_"+pad2(i)] {
				set[k] = true
			}
		}
		a := &areas[index[d.code]]
		for k := range set {
			a.Successors = append(a.Successors, k)
		}
		sort.Strings(a.Successors)
	}

	oldCommuneValues(communes)
	areas = newUnits(off, areas, communes, shares)
	put("SS_SPEND", "QN", 2025, "", ssSpend[2025], "")
	put("SS_SPEND", "QN", 2026, "", ssSpend[2026], "Ước thực hiện")
	return areas
}

// districtOf returns the district of a demo commune of before.
func districtOf(c string) district {
	for _, d := range districts {
		if strings.HasPrefix(c, d.code+"_") {
			return d
		}
	}
	fail("no district for %s", c)
	return district{}
}

func isDBKKCode(c string) bool {
	d := districtOf(c)
	i, _ := strconv.Atoi(c[len(c)-2:])
	return isDBKK(d, i)
}

// oldCommuneValues stores the communes' population, households, poor and
// near-poor households, electricity, water and income of each year from
// 2020 (when the demo's communes of before begin) to 2024, summing exactly
// to their district's stored values (the especially difficult communes
// keep the households, electricity and water stored for them), and their
// levels on 30/6/2025 (2025Q2), the last the units of before reported. A
// commune's share of its district is the same each year but for a small
// drift of its own, so its series moves with its district's. (Before 2020
// the demo's figures are the districts', as the article's.)
func oldCommuneValues(communes []string) {
	byDistrict := map[string][]string{}
	for _, c := range communes {
		byDistrict[districtOf(c).code] = append(byDistrict[districtOf(c).code], c)
	}
	short := map[string]float64{} // households the communes, all served, fall short of their district
	defer func() {
		fmt.Printf("     served households the communes of before, all served, fall short of their district: %v\n", short)
	}()
	get := func(elem, area string, y int) (float64, bool) {
		v, ok := stored[key{elem, area, strconv.Itoa(y), ""}]
		return v, ok
	}
	for _, d := range districts {
		cs := byDistrict[d.code]
		if len(cs) == 0 {
			continue
		}
		for y := 2020; y <= lastYear; y++ {
			D := func(elem string) float64 {
				v, ok := get(elem, d.code, y)
				if !ok {
					fail("%s %s %d is not stored", elem, d.code, y)
				}
				return v
			}
			// split shares total among cs by weight, keeping the values of
			// elem already stored for a commune (fixed).
			split := func(elem string, total float64, weight func(c string) float64) map[string]float64 {
				out := map[string]float64{}
				var free []string
				var ws []float64
				for _, c := range cs {
					if v, ok := get(elem, c, y); ok {
						out[c] = v
						total -= v
						continue
					}
					free = append(free, c)
					ws = append(ws, weight(c))
				}
				if total < 0 {
					fail("%s %s %d: the communes' stored values exceed the district's", elem, d.code, y)
				}
				for i, n := range apportion(int(total), ws) {
					out[free[i]] = float64(n)
				}
				return out
			}
			// Households: a weight of the commune's own, drifting by up to
			// ±0.6% a year from its weight of 2024.
			hh := split("HH_TOTAL", D("HH_TOTAL"), func(c string) float64 {
				return (0.6 + hash(c, 1)) * (1 + 0.012*(hash(c, 4)-0.5)*float64(y-lastYear))
			})
			pop := split("POP", D("POP"), func(c string) float64 { return hh[c] })
			poorWeight := func(c string) float64 {
				p := 0.5 + hash(c, 2)
				if isDBKKCode(c) {
					p = 3
				}
				return hh[c] * p
			}
			poor := split("HH_POOR", D("HH_POOR"), poorWeight)
			near := split("HH_NEARPOOR", D("HH_NEARPOOR"), poorWeight)
			// Served households, by households, none above its commune's
			// households: what a full commune would take goes to the
			// others. Where the especially difficult communes' stored
			// shares are below the district's and the others are all
			// served, the communes add up to less.
			served := func(elem string) map[string]float64 {
				m := map[string]float64{}
				total := D(elem)
				var free []string
				for _, c := range cs {
					if v, ok := get(elem, c, y); ok {
						m[c] = v
						total -= v
					} else {
						free = append(free, c)
					}
				}
				for len(free) > 0 {
					ws := make([]float64, len(free))
					for i, c := range free {
						ws[i] = hh[c]
					}
					var left []string
					rest := total
					for i, n := range apportion(int(total), ws) {
						c := free[i]
						if m[c] = float64(n); m[c] > hh[c] {
							m[c] = hh[c]
							rest -= hh[c]
						} else {
							left = append(left, c)
						}
					}
					if len(left) == len(free) {
						break
					}
					free, total = left, rest
				}
				sum := 0.0
				for _, v := range m {
					sum += v
				}
				if sum < D(elem) {
					short[fmt.Sprintf("%s %s %d", elem, d.code, y)] = D(elem) - sum
				}
				return m
			}
			elec, water := served("HH_ELEC"), served("HH_WATER")
			// Income: the district's, higher or lower by commune, the
			// population-weighted mean kept.
			f := map[string]float64{}
			num, den := 0.0, 0.0
			for _, c := range cs {
				f[c] = 0.9 + 0.25*hash(c, 3)
				if isDBKKCode(c) {
					f[c] = 0.85
				}
				num += pop[c] * f[c]
				den += pop[c]
			}
			for _, c := range cs {
				for _, v := range []struct {
					elem string
					m    map[string]float64
				}{{"HH_TOTAL", hh}, {"POP", pop}, {"HH_POOR", poor}, {"HH_NEARPOOR", near}, {"HH_ELEC", elec}, {"HH_WATER", water}} {
					if _, ok := get(v.elem, c, y); !ok {
						put(v.elem, c, y, "", v.m[c], "")
					}
				}
				if poor[c]+near[c] > hh[c] || elec[c] > hh[c] || water[c] > hh[c] {
					fail("%s %d: more poor, near-poor or served households than households: hh %v poor %v near %v elec %v water %v (district %v %v %v)", c, y, hh[c], poor[c], near[c], elec[c], water[c], D("HH_TOTAL"), D("HH_POOR"), D("HH_NEARPOOR"))
				}
				put("INC_PC", c, y, "", round(D("INC_PC")*f[c]*den/num, 1), "")
			}
		}
	}
	// 30/6/2025: the levels half a year on from 2024.
	for _, c := range communes {
		v := func(elem string) float64 { x, _ := get(elem, c, 2024); return x }
		hh := math.Round(v("HH_TOTAL") * 1.0065)
		q := map[string]float64{
			"POP":         math.Round(v("POP") * 1.0055),
			"HH_TOTAL":    hh,
			"HH_POOR":     math.Round(v("HH_POOR") * 0.8),
			"HH_NEARPOOR": math.Round(v("HH_NEARPOOR") * 0.9),
			"HH_ELEC":     hh - math.Round((v("HH_TOTAL")-v("HH_ELEC"))*0.8),
			"HH_WATER":    hh - math.Round((v("HH_TOTAL")-v("HH_WATER"))*0.9),
		}
		for _, elem := range []string{"POP", "HH_TOTAL", "HH_POOR", "HH_NEARPOOR", "HH_ELEC", "HH_WATER"} {
			putPeriod(elem, c, "2025Q2", "", q[elem], "")
		}
	}
}

// newUnits adds Quảng Ninh's units since the reform and stores their values
// of 2025 and 2026, grown from their share of the communes of before in
// 2024: what the figures of 2024 on today's boundaries are.
func newUnits(off *officialList, areas []Area, communes []string, shares map[string]map[string]float64) []Area {
	types := map[string]int{}
	type base struct{ pop, hh, poor, near, elec, water, incPop, dtts, coast, dbkk float64 }
	bases := map[string]*base{}
	for _, u := range off.today {
		types[u.typ]++
		bases[u.code] = &base{}
	}
	if len(off.today) != 54 || types["Phường"] != 30 || types["Xã"] != 22 || types["Đặc khu"] != 2 {
		fail("Quảng Ninh since the reform: %d units %v, want 54: 30 phường, 22 xã, 2 đặc khu", len(off.today), types)
	}
	for _, c := range communes {
		v := func(elem string) float64 { return stored[key{elem, c, "2024", ""}] }
		d := districtOf(c)
		for n, s := range shares[c] {
			b := bases[n]
			if b == nil {
				fail("%s went to %s, not a unit of Quảng Ninh since the reform", c, n)
			}
			b.pop += s * v("POP")
			b.hh += s * v("HH_TOTAL")
			b.poor += s * v("HH_POOR")
			b.near += s * v("HH_NEARPOOR")
			b.elec += s * v("HH_ELEC")
			b.water += s * v("HH_WATER")
			b.incPop += s * v("POP") * v("INC_PC")
			if hasGroup(d.groups, "DTTS_MN") {
				b.dtts += s * v("POP")
			}
			if hasGroup(d.groups, "VEN_BIEN") {
				b.coast += s * v("POP")
			}
			if isDBKKCode(c) {
				b.dbkk += s * v("HH_TOTAL")
			}
		}
	}
	var need25, need26 []float64
	for _, u := range off.today {
		b := bases[u.code]
		if b.hh == 0 {
			fail("%s %s has no commune of before in the demo", u.code, u.name)
		}
		a := Area{Code: u.code, Name: u.name, Level: 4, Parent: "QN", ValidFrom: reformDay}
		// Illustrative groups: those of most of its population (of its
		// households, for the especially difficult communes).
		if b.dbkk >= b.hh/2 {
			a.Groups = append(a.Groups, "DBKK")
		}
		if b.dtts >= b.pop/2 {
			a.Groups = append(a.Groups, "DTTS_MN")
		}
		if b.coast >= b.pop/2 {
			a.Groups = append(a.Groups, "VEN_BIEN")
		}
		areas = append(areas, a)

		hh25 := math.Round(b.hh * 1.013)
		hh26 := math.Round(hh25 * 1.012)
		pop25 := math.Round(b.pop * 1.011)
		// Poverty falls more slowly where it is highest.
		poor25 := math.Round(b.poor * (0.62 + 0.15*math.Min(1, b.poor/b.hh/0.03)))
		near25 := math.Round(b.near * 0.8)
		elec25 := 1 - (1-b.elec/b.hh)*0.5
		water25 := 1 - (1-b.water/b.hh)*0.8
		inc25 := round(b.incPop/b.pop*1.09, 1)
		y25 := map[string]float64{"POP": pop25, "HH_TOTAL": hh25, "HH_POOR": poor25, "HH_NEARPOOR": near25,
			"HH_ELEC": math.Floor(elec25 * hh25), "HH_WATER": math.Floor(water25 * hh25), "INC_PC": inc25, "HS_STD": 1}
		poor26, near26 := math.Round(poor25*(0.6+0.2*math.Min(1, poor25/hh25/0.02))), math.Round(near25*0.8)
		y26 := map[string]float64{"POP": math.Round(pop25 * 1.01), "HH_TOTAL": hh26, "HH_POOR": poor26, "HH_NEARPOOR": near26,
			"HH_ELEC": math.Floor((1 - (1-elec25)*0.5) * hh26), "HH_WATER": math.Floor((1 - (1-water25)*0.8) * hh26),
			"INC_PC": round(inc25*1.088, 1), "HS_STD": 1}
		for _, elem := range []string{"POP", "HH_TOTAL", "HH_POOR", "HH_NEARPOOR", "HH_ELEC", "HH_WATER", "INC_PC", "HS_STD"} {
			put(elem, u.code, 2025, "", y25[elem], "")
			put(elem, u.code, 2026, "", y26[elem], "")
		}
		need25 = append(need25, poor25+near25+0.5)
		need26 = append(need26, poor26+near26+0.5)
	}
	// Houses supported, where the poor and near-poor households are.
	for _, h := range []struct {
		year        int
		new, repair int
		need        []float64
	}{{2025, 196, 134, need25}, {2026, 152, 108, need26}} {
		nw, rp := apportion(h.new, h.need), apportion(h.repair, h.need)
		for i, u := range off.today {
			put("HOUSE_SUPPORT", u.code, h.year, "NEW", float64(nw[i]), "")
			put("HOUSE_SUPPORT", u.code, h.year, "REPAIR", float64(rp[i]), "")
		}
	}
	return areas
}

// checkReform checks the demo across the reform the way the app computes:
// every commune of before has successors whose shares make the whole; the
// communes add up to their district (households, population, poor and
// near-poor households, 2020–2024, and no more served households), each
// with a steady share of its district; and the province's 2025, made of the
// units since the reform, follows its 2024, made of the districts.
func checkReform(e *engine, areas []Area) bool {
	good := true
	bad := func(format string, a ...any) {
		fmt.Printf("FAIL "+format+"\n", a...)
		good = false
	}
	for _, a := range areas {
		if a.Level != 4 || a.ValidTo != lastDayBefore {
			continue
		}
		if len(a.Successors) == 0 {
			bad("%s has no successor", a.Code)
		}
		if len(a.Shares) > 0 {
			sum := 0.0
			for _, v := range a.Shares {
				sum += v
			}
			if math.Abs(sum-1) > 1e-9 {
				bad("%s: shares add up to %v", a.Code, sum)
			}
		}
	}
	maxDrift, driftOf := 0.0, ""
	for _, d := range districts {
		if d.code == hoanhBo {
			continue
		}
		for y := 2020; y <= lastYear; y++ {
			p := strconv.Itoa(y)
			for _, elem := range []string{"HH_TOTAL", "POP", "HH_POOR", "HH_NEARPOOR", "HH_ELEC", "HH_WATER"} {
				sum := 0.0
				for _, c := range e.children[d.code] {
					sum += stored[key{elem, c, p, ""}]
				}
				own := stored[key{elem, d.code, p, ""}]
				served := elem == "HH_ELEC" || elem == "HH_WATER" // may fall short where all are served
				if sum != own && !(served && sum < own) {
					bad("%s %s %s: communes %v, district %v", elem, d.code, p, sum, own)
				}
			}
			if y == 2020 {
				continue
			}
			// A commune's share of its district's households moves little
			// from one year to the next.
			q := strconv.Itoa(y - 1)
			for _, c := range e.children[d.code] {
				share := func(p string) float64 {
					return stored[key{"HH_TOTAL", c, p, ""}] / stored[key{"HH_TOTAL", d.code, p, ""}]
				}
				if r := math.Abs(share(p)/share(q) - 1); r > maxDrift {
					maxDrift, driftOf = r, c+" "+p
				}
			}
		}
	}
	fmt.Printf("     communes of before 2021–2024: share of their district's households moves by at most %.2f%% a year (%s)\n", 100*maxDrift, driftOf)
	if maxDrift > 0.05 {
		bad("%s: a commune's share of its district's households moves by %.2f%%", driftOf, 100*maxDrift)
	}
	for _, elem := range []string{"POP", "HH_TOTAL"} {
		v24, v25 := e.get(elem, "QN", "", "2024"), e.get(elem, "QN", "", "2025")
		fmt.Printf("     %s QN 2025 (units since the reform) / 2024 (districts): %.4f\n", elem, v25/v24)
		if r := v25 / v24; r < 1.005 || r > 1.02 {
			bad("%s QN grows by %.4f from 2024 to 2025 across the reform", elem, r)
		}
	}
	var under []string
	n := 0
	for _, a := range areas {
		if a.ValidFrom == reformDay {
			n++
			if e.indicator("POV_RATE", a.Code, "", "2026") < 1 {
				under = append(under, a.Code)
			}
		}
	}
	fmt.Printf("     2026: %d/%d communes, wards and special zones with POV_RATE below 1%%\n", len(under), n)
	return good
}
