// Command gen writes the illustrative Quảng Ninh demo data of Chỉ Số:
// assets/demo/areas.json (areas and targets) and assets/demo/values.csv.
// The figures are constructed so that, computed the way the app computes
// them, they reproduce the Quảng Ninh article (shared/seed); the program
// checks every such figure and exits non-zero if one is off.
//
// Run from the repository root:
//
//	go run ./assets/demo/gen
//
// It is deterministic and uses only the standard library. reform.go adds
// the reform of 1 July 2025: the communes of before named and mapped to
// the official list (assets/admin), the units since the reform, and the
// values of 2024 to 2026.
package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"sort"
	"strconv"
	"strings"
)

const (
	catalogPath = "assets/catalog/default.json"
	areasPath   = "assets/demo/areas.json"
	valuesPath  = "assets/demo/values.csv"

	firstYear = 2011
	lastYear  = 2024 // of the districts and communes of before; reform.go goes on to 2026
)

// Area mirrors catalog.Area (package data/catalog), kept here so that the
// generator needs nothing outside the standard library.
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
	// Shares gives, by successor, the share of a split area's population
	// that each took over.
	Shares map[string]float64 `json:"shares,omitempty"`
}

// Target mirrors catalog.Target.
type Target struct {
	Code   string `json:"code"`
	Area   string `json:"area"`
	Period string `json:"period"`
	Value  string `json:"value"`
}

type demoCatalog struct {
	Areas   []Area   `json:"areas"`
	Targets []Target `json:"targets"`
}

// district is a district-level locality of Quảng Ninh (until 30/6/2025).
type district struct {
	code, name, nameEN string
	urban              bool     // thành phố or thị xã: its communes are named Phường
	communes           []string // real names; empty means illustrative names
	nCommunes          int
	groups             []string
	pop2019            float64 // population in 2019 (Hạ Long without Hoành Bồ)
	popGrowth          float64
	hhSize2011         float64
	elec2011, water11  float64 // share of households in 2011
	pov2015            float64 // relative poverty profile (% in 2015)
	decayPost          float64 // yearly factor of the profile after 2015
	pov22, near22      float64 // % under Decree 07/2021, 2022
	pov23, near23      float64 // % 2023
	inc2020            float64 // per-capita income, million VND, 2020
	newHouses, repairs int     // houses supported in 2023
	dbkk               []int   // indices (1-based) of especially difficult communes
	dbkkHH             []int   // their households in 2020
}

const hoanhBo = "QN_HOANHBO"

var districts = []district{
	{code: "QN_HALONG", name: "Thành phố Hạ Long", nameEN: "Ha Long City", urban: true, nCommunes: 32,
		groups: []string{"VEN_BIEN"}, pop2019: 251000, popGrowth: 0.013, hhSize2011: 3.70,
		elec2011: 0.997, water11: 0.93, pov2015: 0.9, decayPost: 0.50, inc2020: 76.5},
	{code: "QN_CAMPHA", name: "Thành phố Cẩm Phả", nameEN: "Cam Pha City", urban: true, nCommunes: 16,
		groups: []string{"VEN_BIEN"}, pop2019: 190500, popGrowth: 0.010, hhSize2011: 3.75,
		elec2011: 0.995, water11: 0.91, pov2015: 1.3, decayPost: 0.52, inc2020: 71.2,
		pov22: 0.12, near22: 0.35, pov23: 0.05, near23: 0.20, newHouses: 2, repairs: 1},
	{code: "QN_UONGBI", name: "Thành phố Uông Bí", nameEN: "Uong Bi City", urban: true, nCommunes: 10,
		pop2019: 120300, popGrowth: 0.011, hhSize2011: 3.72,
		elec2011: 0.995, water11: 0.92, pov2015: 1.6, decayPost: 0.52, inc2020: 69.4,
		pov22: 0.15, near22: 0.40, pov23: 0.06, near23: 0.25, newHouses: 1, repairs: 1},
	{code: "QN_MONGCAI", name: "Thành phố Móng Cái", nameEN: "Mong Cai City", urban: true, nCommunes: 17,
		groups: []string{"VEN_BIEN"}, pop2019: 108500, popGrowth: 0.013, hhSize2011: 3.85,
		elec2011: 0.985, water11: 0.86, pov2015: 3.8, decayPost: 0.58, inc2020: 66.0,
		pov22: 0.45, near22: 0.90, pov23: 0.25, near23: 0.60, newHouses: 14, repairs: 10},
	{code: "QN_QUANGYEN", name: "Thị xã Quảng Yên", nameEN: "Quang Yen Town", urban: true, nCommunes: 19,
		groups: []string{"VEN_BIEN"}, pop2019: 145200, popGrowth: 0.009, hhSize2011: 3.80,
		elec2011: 0.99, water11: 0.87, pov2015: 3.2, decayPost: 0.55, inc2020: 58.3,
		pov22: 0, near22: 0.25, pov23: 0, near23: 0.15, newHouses: 5, repairs: 4},
	{code: "QN_DONGTRIEU", name: "Thị xã Đông Triều", nameEN: "Dong Trieu Town", urban: true, nCommunes: 21,
		pop2019: 171800, popGrowth: 0.009, hhSize2011: 3.82,
		elec2011: 0.99, water11: 0.86, pov2015: 3.6, decayPost: 0.57, inc2020: 56.8,
		pov22: 0.35, near22: 0.80, pov23: 0.18, near23: 0.50, newHouses: 10, repairs: 8},
	{code: "QN_VANDON", name: "Huyện Vân Đồn", nameEN: "Van Don District", nCommunes: 12,
		groups: []string{"DTTS_MN", "VEN_BIEN"}, pop2019: 47300, popGrowth: 0.016, hhSize2011: 3.95,
		elec2011: 0.95, water11: 0.80, pov2015: 6.5, decayPost: 0.55, inc2020: 55.0,
		pov22: 0, near22: 0.30, pov23: 0, near23: 0.18, newHouses: 12, repairs: 9},
	{code: "QN_COTO", name: "Huyện Cô Tô", nameEN: "Co To District", nCommunes: 3,
		communes: []string{"Thị trấn Cô Tô", "Xã Đồng Tiến", "Xã Thanh Lân"},
		groups:   []string{"DTTS_MN", "VEN_BIEN"}, pop2019: 6300, popGrowth: 0.012, hhSize2011: 3.90,
		elec2011: 0.93, water11: 0.78, pov2015: 5.5, decayPost: 0.55, inc2020: 54.2,
		pov22: 0, near22: 0.60, pov23: 0, near23: 0.35, newHouses: 3, repairs: 2},
	{code: "QN_TIENYEN", name: "Huyện Tiên Yên", nameEN: "Tien Yen District", nCommunes: 11,
		groups: []string{"DTTS_MN", "VEN_BIEN"}, pop2019: 51400, popGrowth: 0.012, hhSize2011: 4.15,
		elec2011: 0.90, water11: 0.70, pov2015: 14, decayPost: 0.70, inc2020: 44.6,
		pov22: 2.40, near22: 3.10, pov23: 1.35, near23: 2.20, newHouses: 38, repairs: 27,
		dbkk: []int{5, 7, 9, 11}, dbkkHH: []int{652, 588, 721, 537}},
	{code: "QN_DAMHA", name: "Huyện Đầm Hà", nameEN: "Dam Ha District", nCommunes: 9,
		groups: []string{"DTTS_MN", "VEN_BIEN"}, pop2019: 40100, popGrowth: 0.013, hhSize2011: 4.10,
		elec2011: 0.91, water11: 0.72, pov2015: 12, decayPost: 0.68, inc2020: 45.3,
		pov22: 1.60, near22: 2.50, pov23: 1.10, near23: 1.80, newHouses: 30, repairs: 22,
		dbkk: []int{6, 8}, dbkkHH: []int{611, 529}},
	{code: "QN_HAIHA", name: "Huyện Hải Hà", nameEN: "Hai Ha District", nCommunes: 11,
		groups: []string{"DTTS_MN", "VEN_BIEN"}, pop2019: 62200, popGrowth: 0.012, hhSize2011: 4.05,
		elec2011: 0.93, water11: 0.75, pov2015: 9.5, decayPost: 0.62, inc2020: 47.4,
		pov22: 0.85, near22: 1.90, pov23: 0.50, near23: 1.30, newHouses: 28, repairs: 20,
		dbkk: []int{8, 10}, dbkkHH: []int{683, 716}},
	{code: "QN_BINHLIEU", name: "Huyện Bình Liêu", nameEN: "Binh Lieu District", nCommunes: 8,
		communes: []string{"Thị trấn Bình Liêu", "Xã Đồng Tâm", "Xã Đồng Văn", "Xã Hoành Mô",
			"Xã Húc Động", "Xã Lục Hồn", "Xã Tình Húc", "Xã Vô Ngại"},
		groups: []string{"DTTS_MN"}, pop2019: 32100, popGrowth: 0.014, hhSize2011: 4.35,
		elec2011: 0.86, water11: 0.62, pov2015: 30, decayPost: 0.78, inc2020: 36.2,
		pov22: 6.20, near22: 5.50, pov23: 3.60, near23: 4.20, newHouses: 62, repairs: 41,
		dbkk: []int{2, 3, 4, 5, 7, 8}, dbkkHH: []int{823, 758, 694, 912, 641, 733}},
	{code: "QN_BACHE", name: "Huyện Ba Chẽ", nameEN: "Ba Che District", nCommunes: 8,
		communes: []string{"Thị trấn Ba Chẽ", "Xã Đạp Thanh", "Xã Đồn Đạc", "Xã Lương Mông",
			"Xã Minh Cầm", "Xã Nam Sơn", "Xã Thanh Lâm", "Xã Thanh Sơn"},
		groups: []string{"DTTS_MN"}, pop2019: 22600, popGrowth: 0.014, hhSize2011: 4.30,
		elec2011: 0.85, water11: 0.60, pov2015: 28, decayPost: 0.78, inc2020: 35.1,
		pov22: 4.90, near22: 5.20, pov23: 3.10, near23: 4.00, newHouses: 55, repairs: 36,
		dbkk: []int{2, 3, 4, 5, 7, 8}, dbkkHH: []int{521, 478, 612, 447, 563, 432}},
	{code: hoanhBo, name: "Huyện Hoành Bồ", nameEN: "Hoanh Bo District",
		groups: []string{"DTTS_MN"}, pop2019: 50400, popGrowth: 0.012, hhSize2011: 4.00,
		elec2011: 0.95, water11: 0.78, pov2015: 7.5, decayPost: 0.55, inc2020: 50.0},
}

// Province-wide poverty rates (%) used to size the yearly totals before
// Decree 07/2021; 2015 and 2020 are the article's.
var provincePov = map[int]float64{
	2011: 7.85, 2012: 6.92, 2013: 6.04, 2014: 5.27, 2015: 4.56,
	2016: 3.31, 2017: 2.18, 2018: 1.34, 2019: 0.71, 2020: 0.36, 2021: 0.21,
}

// Near-poor households per poor household, before Decree 07/2021.
var nearPerPoor = map[int]float64{
	2011: 0.95, 2012: 1.0, 2013: 1.05, 2014: 1.1, 2015: 1.15,
	2016: 1.25, 2017: 1.35, 2018: 1.5, 2019: 1.7, 2020: 2.0, 2021: 2.2,
}

// Social security spending of the province, billion VND.
var ssSpend = map[int]float64{
	2011: 880.4, 2012: 930.7, 2013: 985.2, 2014: 1055.6, 2015: 1164,
	2016: 1330, 2017: 1530, 2018: 1760, 2019: 2031, 2020: 2330,
	2021: 2481.5, 2022: 2655.2, 2023: 2790.4, 2024: 2951.6, 2025: 3108.3, 2026: 3262.0,
}

// Communes whose health station did not yet meet the national standard.
var hsNotYet = map[int][]string{
	2020: {"QN_BINHLIEU_03", "QN_BINHLIEU_05", "QN_BINHLIEU_08", "QN_BACHE_02", "QN_BACHE_05",
		"QN_BACHE_07", "QN_COTO_03", "QN_TIENYEN_07", "QN_DAMHA_08"},
	2021: {"QN_BINHLIEU_05", "QN_BINHLIEU_08", "QN_BACHE_05", "QN_BACHE_07", "QN_COTO_03"},
	2022: {"QN_BINHLIEU_08", "QN_BACHE_07"},
	2023: {},
	2024: {},
}

// --- values -------------------------------------------------------------

type key struct{ elem, area, period, cat string }

type row struct {
	key
	value   float64
	comment string
}

var (
	rows   []row
	stored = map[key]float64{}
)

func put(elem, area string, year int, cat string, v float64, comment string) {
	putPeriod(elem, area, strconv.Itoa(year), cat, v, comment)
}

// putPeriod stores a value of any period (2025Q2).
func putPeriod(elem, area, period, cat string, v float64, comment string) {
	k := key{elem, area, period, cat}
	if _, dup := stored[k]; dup {
		fail("duplicate value %v", k)
	}
	stored[k] = v
	rows = append(rows, row{k, v, comment})
}

func fail(format string, a ...any) {
	fmt.Fprintf(os.Stderr, "gen: "+format+"\n", a...)
	os.Exit(1)
}

// round rounds half away from zero to d decimals.
func round(x float64, d int) float64 {
	p := math.Pow(10, float64(d))
	return math.Round(x*p) / p
}

// apportion splits total into integers proportional to weights (largest
// remainder, ties to the earlier index).
func apportion(total int, weights []float64) []int {
	sum := 0.0
	for _, w := range weights {
		sum += w
	}
	out := make([]int, len(weights))
	type rem struct {
		i int
		r float64
	}
	var rems []rem
	given := 0
	for i, w := range weights {
		exact := float64(total) * w / sum
		out[i] = int(math.Floor(exact))
		given += out[i]
		rems = append(rems, rem{i, exact - float64(out[i])})
	}
	sort.SliceStable(rems, func(a, b int) bool { return rems[a].r > rems[b].r })
	for j := 0; given < total; j++ {
		out[rems[j].i]++
		given++
	}
	return out
}

// exists reports whether district d is a locality in year y.
func exists(d district, y int) bool { return d.code != hoanhBo || y <= 2019 }

func pad2(i int) string { return fmt.Sprintf("%02d", i) }

func shortName(d district) string {
	for _, p := range []string{"Thành phố ", "Thị xã ", "Huyện "} {
		if strings.HasPrefix(d.name, p) {
			return strings.TrimPrefix(d.name, p)
		}
	}
	return d.name
}

func communeName(d district, i int) string {
	if n, ok := officialNames[d.code+"_"+pad2(i)]; ok {
		return n
	}
	if len(d.communes) > 0 {
		return d.communes[i-1]
	}
	if d.urban {
		return "Phường " + shortName(d) + " " + pad2(i)
	}
	return "Xã " + shortName(d) + " " + pad2(i)
}

func isDBKK(d district, i int) bool {
	for _, j := range d.dbkk {
		if j == i {
			return true
		}
	}
	return false
}

func main() {
	off := readOfficial()
	pairCommunes(off)
	// Areas.
	areas := []Area{
		{Code: "VN", Name: "Việt Nam", NameEN: "Viet Nam", Level: 1},
		{Code: "QN", Name: "Quảng Ninh", NameEN: "Quang Ninh", Level: 2, Parent: "VN"},
	}
	for _, d := range districts {
		a := Area{Code: d.code, Name: d.name, NameEN: d.nameEN, Level: 3, Parent: "QN",
			Groups: d.groups, ValidTo: "2025-06-30"}
		if d.code == hoanhBo {
			a.ValidTo = "2019-12-31"
			a.Successors = []string{"QN_HALONG"}
		}
		areas = append(areas, a)
	}
	for _, d := range districts {
		for i := 1; i <= d.nCommunes; i++ {
			a := Area{Code: d.code + "_" + pad2(i), Name: communeName(d, i), Level: 4, Parent: d.code,
				ValidFrom: "2020-01-01", ValidTo: "2025-06-30"}
			if isDBKK(d, i) {
				a.Groups = []string{"DBKK", "DTTS_MN"}
			}
			areas = append(areas, a)
		}
	}
	targets := []Target{
		{Code: "HS_STD", Area: "QN", Period: "2023", Value: "177"},
		{Code: "POV_RATE", Area: "QN", Period: "2025", Value: "0.5"},
		{Code: "SS_SPEND", Area: "QN", Period: "2021-2025", Value: "13500"},
		{Code: "WATER_RATE", Area: "QN", Period: "2025", Value: "98.5"},
		{Code: "INC_PC", Area: "QN", Period: "2025", Value: "95"},
	}

	// District series: population, households, electricity, water.
	type series struct{ pop, hh, elec, water map[int]int }
	raw := map[string]*series{}
	for _, d := range districts {
		s := &series{map[int]int{}, map[int]int{}, map[int]int{}, map[int]int{}}
		for y := firstYear; y <= lastYear; y++ {
			pop := d.pop2019 * math.Pow(1+d.popGrowth, float64(y-2019))
			size := d.hhSize2011 - 0.012*float64(y-firstYear)
			e := 1 - (1-d.elec2011)*math.Pow(0.72, float64(y-firstYear))
			w := 1 - (1-d.water11)*math.Pow(0.83, float64(y-firstYear))
			s.pop[y] = int(math.Round(pop))
			s.hh[y] = int(math.Round(pop / size))
			s.elec[y] = int(math.Floor(e * float64(s.hh[y])))
			s.water[y] = int(math.Floor(w * float64(s.hh[y])))
		}
		raw[d.code] = s
	}
	// Hoành Bồ merged into Hạ Long on 1/1/2020.
	hl, hb := raw["QN_HALONG"], raw[hoanhBo]
	for y := 2020; y <= lastYear; y++ {
		hl.pop[y] += hb.pop[y]
		hl.hh[y] += hb.hh[y]
		hl.elec[y] += hb.elec[y]
		hl.water[y] += hb.water[y]
	}

	// Poverty.
	poor := map[string]map[int]int{}
	near := map[string]map[int]int{}
	for _, d := range districts {
		poor[d.code], near[d.code] = map[int]int{}, map[int]int{}
	}
	for y := firstYear; y <= lastYear; y++ {
		var ds []district
		total := 0
		for _, d := range districts {
			if exists(d, y) {
				ds = append(ds, d)
				total += raw[d.code].hh[y]
			}
		}
		if y <= 2021 {
			P := int(math.Round(provincePov[y] / 100 * float64(total)))
			w := make([]float64, len(ds))
			for i, d := range ds {
				prof := d.pov2015
				if y < 2015 {
					f := 0.88
					if d.pov2015 >= 9 {
						f = 0.95
					}
					prof *= math.Pow(f, float64(y-2015))
				} else {
					prof *= math.Pow(d.decayPost, float64(y-2015))
				}
				w[i] = prof * float64(raw[d.code].hh[y])
			}
			for i, n := range apportion(P, w) {
				poor[ds[i].code][y] = n
				near[ds[i].code][y] = int(math.Round(float64(n)*nearPerPoor[y])) + 2
			}
			continue
		}
		for _, d := range ds {
			pr, nr := d.pov22, d.near22
			switch y {
			case 2023:
				pr, nr = d.pov23, d.near23
			case 2024:
				pr, nr = d.pov23*pov24, d.near23*near24
			}
			hh := float64(raw[d.code].hh[y])
			poor[d.code][y] = int(math.Round(pr / 100 * hh))
			near[d.code][y] = int(math.Round(nr / 100 * hh))
		}
	}

	// Per-capita income; then tune the ethnic-minority and mountain areas
	// in 2020 and 2021 to the article's 52.5 million VND, +13.88%.
	inc := map[string]map[int]float64{}
	for k, d := range districts {
		inc[d.code] = map[int]float64{}
		dtts := hasGroup(d.groups, "DTTS_MN")
		for y := firstYear; y <= lastYear; y++ {
			v := d.inc2020
			switch {
			case y < 2020:
				v *= math.Pow(1.085, float64(y-2020))
			case y >= 2021:
				g21 := 1.068
				if dtts {
					g21 = 1.1388 * (1 + 0.004*float64(k%3-1))
				}
				v *= g21 * math.Pow(1.095, float64(y-2021))
			}
			inc[d.code][y] = round(v, 1)
		}
	}
	dttsAvg := func(y int) float64 {
		num, den := 0.0, 0.0
		for _, d := range districts {
			if hasGroup(d.groups, "DTTS_MN") && exists(d, y) {
				p := float64(raw[d.code].pop[y])
				num += inc[d.code][y] * p
				den += p
			}
		}
		return num / den
	}
	// Scale 2020 so that 2021 lands near 52.5, then search small deltas.
	{
		f := 52.5 / dttsAvg(2021)
		for _, d := range districts {
			if hasGroup(d.groups, "DTTS_MN") {
				inc[d.code][2020] = round(inc[d.code][2020]*f, 1)
				inc[d.code][2021] = round(inc[d.code][2021]*f, 1)
			}
		}
		type knob struct {
			area string
			year int
		}
		knobs := []knob{{"QN_COTO", 2020}, {"QN_COTO", 2021}, {"QN_BACHE", 2021}, {"QN_DAMHA", 2020}}
		base := make([]float64, len(knobs))
		for i, k := range knobs {
			base[i] = inc[k.area][k.year]
		}
		ok := func() bool {
			v20, v21 := dttsAvg(2020), dttsAvg(2021)
			return round(v21, 1) == 52.5 && round((v21/v20-1)*100, 2) == 13.88
		}
		found := false
		const R = 15
	search:
		for radius := 0; radius <= 4*R; radius++ {
			var rec func(i, left int, ds []int) bool
			rec = func(i, left int, ds []int) bool {
				if i == len(knobs) {
					if left != 0 {
						return false
					}
					for j, k := range knobs {
						inc[k.area][k.year] = round(base[j]+0.1*float64(ds[j]), 1)
					}
					return ok()
				}
				for a := 0; a <= left && a <= R; a++ {
					for _, s := range []int{1, -1} {
						if a == 0 && s == -1 {
							continue
						}
						if rec(i+1, left-a, append(ds, s*a)) {
							return true
						}
					}
				}
				return false
			}
			if rec(0, radius, nil) {
				found = true
				break search
			}
		}
		if !found {
			fail("no per-capita income values reproduce 52.5 and 13.88%%")
		}
	}

	// Store the values, element by element.
	const (
		cmt2011 = "Chuẩn nghèo giai đoạn 2011–2015 (Quyết định 09/2011/QĐ-TTg)"
		cmt2016 = "Chuẩn nghèo đa chiều giai đoạn 2016–2020 (Quyết định 59/2015/QĐ-TTg)"
		cmt2022 = "Chuẩn nghèo đa chiều giai đoạn 2022–2025 (Nghị định 07/2021/NĐ-CP)"
	)
	each := func(elem string, f func(d district, y int) (float64, string)) {
		for _, d := range districts {
			for y := firstYear; y <= lastYear; y++ {
				if exists(d, y) {
					v, c := f(d, y)
					put(elem, d.code, y, "", v, c)
				}
			}
		}
	}
	each("POP", func(d district, y int) (float64, string) { return float64(raw[d.code].pop[y]), "" })
	each("HH_TOTAL", func(d district, y int) (float64, string) { return float64(raw[d.code].hh[y]), "" })
	each("HH_POOR", func(d district, y int) (float64, string) {
		c := ""
		switch y {
		case 2011:
			c = cmt2011
		case 2015:
			c = cmt2016 + "; rà soát cuối năm 2015"
		case 2022:
			c = cmt2022
		}
		return float64(poor[d.code][y]), c
	})
	each("HH_NEARPOOR", func(d district, y int) (float64, string) { return float64(near[d.code][y]), "" })
	each("HH_ELEC", func(d district, y int) (float64, string) { return float64(raw[d.code].elec[y]), "" })
	each("HH_WATER", func(d district, y int) (float64, string) { return float64(raw[d.code].water[y]), "" })
	each("INC_PC", func(d district, y int) (float64, string) { return inc[d.code][y], "" })
	for y := firstYear; y <= lastYear; y++ {
		c := ""
		if y == 2020 {
			c = "Ước thực hiện"
		}
		put("SS_SPEND", "QN", y, "", ssSpend[y], c)
	}
	for y := 2020; y <= lastYear; y++ {
		no := map[string]bool{}
		for _, c := range hsNotYet[y] {
			no[c] = true
		}
		for _, d := range districts {
			for i := 1; i <= d.nCommunes; i++ {
				c := d.code + "_" + pad2(i)
				v := 1.0
				if no[c] {
					v = 0
				}
				put("HS_STD", c, y, "", v, "")
			}
		}
	}
	// Especially difficult communes 2020–2023: households, electricity,
	// water; 2023 water is sized to 97.82%.
	type dbkkCommune struct {
		code string
		hh   int
	}
	var dbkk []dbkkCommune
	for _, d := range districts {
		for j, i := range d.dbkk {
			dbkk = append(dbkk, dbkkCommune{d.code + "_" + pad2(i), d.dbkkHH[j]})
		}
	}
	elecShare := map[int]float64{2020: 0.985, 2021: 0.992, 2022: 0.997, 2023: 1, 2024: 1}
	waterShare := map[int]float64{2020: 0.921, 2021: 0.944, 2022: 0.963, 2023: 0.9782, 2024: 0.9851}
	for y := 2020; y <= lastYear; y++ {
		hh := make([]int, len(dbkk))
		T := 0
		for i, c := range dbkk {
			hh[i] = int(math.Round(float64(c.hh) * math.Pow(1.011, float64(y-2020))))
			T += hh[i]
		}
		W := int(math.Round(waterShare[y] * float64(T)))
		for y == 2023 && round(100*float64(W)/float64(T), 2) != 97.82 {
			hh[0]++ // never needed with these sizes, kept as a guard
			T++
			W = int(math.Round(waterShare[y] * float64(T)))
		}
		E := int(math.Floor(elecShare[y] * float64(T)))
		w := make([]float64, len(dbkk))
		for i := range dbkk {
			w[i] = float64(hh[i])
		}
		ws, es := apportion(W, w), apportion(E, w)
		for i, c := range dbkk {
			if ws[i] > hh[i] || es[i] > hh[i] {
				fail("%s %d: more households served than households", c.code, y)
			}
			put("HH_TOTAL", c.code, y, "", float64(hh[i]), "")
			put("HH_ELEC", c.code, y, "", float64(es[i]), "")
			put("HH_WATER", c.code, y, "", float64(ws[i]), "")
		}
	}
	for _, d := range districts {
		if exists(d, 2023) {
			put("HOUSE_SUPPORT", d.code, 2023, "NEW", float64(d.newHouses), "")
			put("HOUSE_SUPPORT", d.code, 2023, "REPAIR", float64(d.repairs), "")
			put("HOUSE_SUPPORT", d.code, 2024, "NEW", math.Round(float64(d.newHouses)*houses24), "")
			put("HOUSE_SUPPORT", d.code, 2024, "REPAIR", math.Round(float64(d.repairs)*houses24), "")
		}
	}

	// The communes of before, 2020–2025, and the units since the reform.
	areas = reform(off, areas)

	// Write the files.
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(demoCatalog{areas, targets}); err != nil {
		fail("%v", err)
	}
	if err := os.WriteFile(areasPath, buf.Bytes(), 0o644); err != nil {
		fail("%v", err)
	}
	buf.Reset()
	cw := csv.NewWriter(&buf)
	cw.Write([]string{"element", "area", "period", "category", "value", "comment"})
	for _, r := range rows {
		cw.Write([]string{r.elem, r.area, r.period, r.cat, strconv.FormatFloat(r.value, 'f', -1, 64), r.comment})
	}
	cw.Flush()
	if err := os.WriteFile(valuesPath, buf.Bytes(), 0o644); err != nil {
		fail("%v", err)
	}
	fmt.Printf("wrote %s (%d areas, %d targets) and %s (%d values)\n",
		areasPath, len(areas), len(targets), valuesPath, len(rows))

	// Check, the way the app computes.
	if !check(areas) {
		fmt.Println("FAILED: the demo does not reproduce the article")
		os.Exit(1)
	}
	fmt.Println("all figures reproduced")
}

func hasGroup(gs []string, g string) bool {
	for _, x := range gs {
		if x == g {
			return true
		}
	}
	return false
}

// --- the app's calculation semantics, restated ----------------------------

type elemDef struct {
	Code        string   `json:"code"`
	Aggregation string   `json:"aggregation"`
	Weight      string   `json:"weight"`
	Categories  []string `json:"categories"`
}

type indDef struct {
	Code        string  `json:"code"`
	Numerator   string  `json:"numerator"`
	Denominator string  `json:"denominator"`
	Factor      float64 `json:"factor"`
	Decimals    int     `json:"decimals"`
}

type engine struct {
	areas    map[string]Area
	children map[string][]string
	elems    map[string]elemDef
	inds     map[string]indDef
}

func lastDay(period string) string { return period + "-12-31" } // year periods only

func valid(a Area, day string) bool {
	return (a.ValidFrom == "" || a.ValidFrom <= day) && (a.ValidTo == "" || day <= a.ValidTo)
}

// value is the value of elem for area in period (cat "" = total over
// categories): the stored value, else the aggregate of the valid children.
func (e *engine) value(elem, area, period, cat string) (float64, bool) {
	def, ok := e.elems[elem]
	if !ok {
		fail("element %s is not in the catalog", elem)
	}
	if cat == "" && len(def.Categories) > 0 {
		sum, any := 0.0, false
		for _, c := range def.Categories {
			if v, ok := e.value(elem, area, period, c); ok {
				sum += v
				any = true
			}
		}
		return sum, any
	}
	if v, ok := stored[key{elem, area, period, cat}]; ok {
		return v, true
	}
	var kids []string
	for _, c := range e.children[area] {
		if valid(e.areas[c], lastDay(period)) {
			kids = append(kids, c)
		}
	}
	return e.combine(elem, kids, period, cat)
}

// combine aggregates the values of a set of areas by elem's aggregation.
func (e *engine) combine(elem string, list []string, period, cat string) (float64, bool) {
	def := e.elems[elem]
	sum, any := 0.0, false
	switch def.Aggregation {
	case "sum":
		for _, a := range list {
			if v, ok := e.value(elem, a, period, cat); ok {
				sum += v
				any = true
			}
		}
		return sum, any
	case "count_yes":
		for _, a := range list {
			v, ok := e.value(elem, a, period, cat)
			if !ok {
				continue
			}
			any = true
			if len(e.children[a]) == 0 { // a leaf: count its yes
				if v == 1 {
					sum++
				}
			} else {
				sum += v
			}
		}
		return sum, any
	case "weighted_average":
		num, den := 0.0, 0.0
		for _, a := range list {
			v, ok1 := e.value(elem, a, period, cat)
			w, ok2 := e.value(def.Weight, a, period, "")
			if ok1 && ok2 {
				num += v * w
				den += w
			}
		}
		if den == 0 {
			return 0, false
		}
		return num / den, true
	}
	fail("aggregation %s not restated here", def.Aggregation)
	return 0, false
}

func (e *engine) descendant(a, of string) bool {
	for p := e.areas[a].Parent; p != ""; p = e.areas[p].Parent {
		if p == of {
			return true
		}
	}
	return false
}

// groupValue restricts the aggregate of area to the areas of group below it:
// the topmost members, walking down the children valid in the period (an
// especially difficult commune of an ethnic-minority district counts in
// that group through its district).
func (e *engine) groupValue(elem, area, group, period, cat string) (float64, bool) {
	var members []string
	var walk func(a string)
	walk = func(a string) {
		if hasGroup(e.areas[a].Groups, group) {
			members = append(members, a)
			return
		}
		for _, c := range e.children[a] {
			if valid(e.areas[c], lastDay(period)) {
				walk(c)
			}
		}
	}
	walk(area)
	return e.combine(elem, members, period, cat)
}

// get is value, or groupValue when group is set; ref is CODE or CODE.CAT.
func (e *engine) get(ref, area, group, period string) float64 {
	elem, cat, _ := strings.Cut(strings.TrimSpace(ref), ".")
	var v float64
	var ok bool
	if group == "" {
		v, ok = e.value(elem, area, period, cat)
	} else {
		v, ok = e.groupValue(elem, area, group, period, cat)
	}
	if !ok {
		fail("no value of %s for %s/%s in %s", ref, area, group, period)
	}
	return v
}

// indicator is factor × numerator / denominator over aggregated values.
func (e *engine) indicator(code, area, group, period string) float64 {
	in, ok := e.inds[code]
	if !ok {
		fail("indicator %s is not in the catalog", code)
	}
	den := 1.0
	if in.Denominator != "" {
		den = e.get(in.Denominator, area, group, period)
	}
	return in.Factor * e.get(in.Numerator, area, group, period) / den
}

func check(areas []Area) bool {
	var cat struct {
		Elements   []elemDef `json:"elements"`
		Indicators []indDef  `json:"indicators"`
	}
	b, err := os.ReadFile(catalogPath)
	if err != nil {
		fail("%v", err)
	}
	if err := json.Unmarshal(b, &cat); err != nil {
		fail("%s: %v", catalogPath, err)
	}
	e := &engine{areas: map[string]Area{}, children: map[string][]string{},
		elems: map[string]elemDef{}, inds: map[string]indDef{}}
	for _, el := range cat.Elements {
		e.elems[el.Code] = el
	}
	for _, in := range cat.Indicators {
		e.inds[in.Code] = in
	}
	for _, a := range areas {
		e.areas[a.Code] = a
		if a.Parent != "" {
			e.children[a.Parent] = append(e.children[a.Parent], a.Code)
		}
	}
	good := true
	figure := func(what string, got, want string) {
		mark := "ok  "
		if got != want {
			mark = "FAIL"
			good = false
		}
		fmt.Printf("%s %-62s %s (article: %s)\n", mark, what, got, want)
	}
	f := func(x float64, d int) string { return strconv.FormatFloat(round(x, d), 'f', d, 64) }
	localities := func(y int) []string {
		var out []string
		for _, c := range e.children["QN"] {
			if valid(e.areas[c], lastDay(strconv.Itoa(y))) {
				out = append(out, c)
			}
		}
		return out
	}

	// 1. Poverty rate.
	fmt.Printf("     QN localities: %d in 2015, %d in 2020\n", len(localities(2015)), len(localities(2020)))
	figure("1. POV_RATE QN 2015 (%)", f(e.indicator("POV_RATE", "QN", "", "2015"), 2), "4.56")
	figure("1. POV_RATE QN 2020 (%)", f(e.indicator("POV_RATE", "QN", "", "2020"), 2), "0.36")

	// 2. Localities in 2022 (and 2023).
	for _, y := range []string{"2022", "2023"} {
		n, _ := strconv.Atoi(y)
		ls := localities(n)
		var noPoorNoNear, noPoorOnly, under1, over1 []string
		for _, c := range ls {
			p := e.get("HH_POOR", c, "", y)
			np := e.get("HH_NEARPOOR", c, "", y)
			r := e.indicator("POV_RATE", c, "", y)
			if (r < 1) != (round(r, 2) < 1) {
				fmt.Printf("FAIL %s %s: POV_RATE %.4f sits on the 1%% boundary\n", c, y, r)
				good = false
			}
			switch {
			case p == 0 && np == 0:
				noPoorNoNear = append(noPoorNoNear, c)
			case p == 0:
				noPoorOnly = append(noPoorOnly, c)
			}
			if r < 1 {
				under1 = append(under1, c)
			} else {
				over1 = append(over1, c)
			}
			fmt.Printf("     %s %-14s poor %5.0f near-poor %5.0f POV_RATE %s\n", y, c, p, np, f(r, 2))
		}
		figure("2. "+y+" localities in QN", strconv.Itoa(len(ls)), "13")
		figure("2. "+y+" no poor and no near-poor", strings.Join(noPoorNoNear, ","), "QN_HALONG")
		figure("2. "+y+" no poor, some near-poor", strings.Join(noPoorOnly, ","), "QN_QUANGYEN,QN_VANDON,QN_COTO")
		figure("2. "+y+" localities with POV_RATE < 1%", fmt.Sprintf("%d/%d", len(under1), len(ls)), "9/13")
		figure("2. "+y+" localities with POV_RATE >= 1%", strings.Join(over1, ","), "QN_TIENYEN,QN_DAMHA,QN_BINHLIEU,QN_BACHE")
	}

	// 3. Social security spending.
	sum := func(a, b int) float64 {
		s := 0.0
		for y := a; y <= b; y++ {
			s += e.get("SS_SPEND", "QN", "", strconv.Itoa(y))
		}
		return s
	}
	s1, s2 := sum(2011, 2015), sum(2016, 2020)
	figure("3. SS_SPEND QN Σ2016–2020 (tỷ đồng)", f(s2, 1), "8981.0")
	figure("3. SS_SPEND Σ2016–2020 / Σ2011–2015", f(s2/s1, 1), "1.8")
	v15, v20 := e.get("SS_SPEND", "QN", "", "2015"), e.get("SS_SPEND", "QN", "", "2020")
	figure("3. SS_SPEND average annual growth 2016–2020 (%)", f((math.Pow(v20/v15, 1.0/5)-1)*100, 1), "14.9")

	// 4. Health stations.
	figure("4. HS_STD QN 2023 (communes meeting the standard)", f(e.get("HS_STD", "QN", "", "2023"), 0)+"/177", "177/177")
	for _, y := range []string{"2020", "2021", "2022"} {
		fmt.Printf("     HS_STD QN %s: %s/177\n", y, f(e.get("HS_STD", "QN", "", y), 0))
	}
	if e.get("HS_STD", "QN", "", "2020") >= 177 {
		fmt.Println("FAIL HS_STD 2020 should be below 177")
		good = false
	}

	// 5. Especially difficult communes.
	figure("5. ELEC_RATE QN, group DBKK, 2023 (%)", f(e.indicator("ELEC_RATE", "QN", "DBKK", "2023"), 2), "100.00")
	figure("5. WATER_RATE QN, group DBKK, 2023 (%)", f(e.indicator("WATER_RATE", "QN", "DBKK", "2023"), 2), "97.82")

	// 6. Income in ethnic-minority and mountain areas.
	i20 := e.get("INC_PC", "QN", "DTTS_MN", "2020")
	i21 := e.get("INC_PC", "QN", "DTTS_MN", "2021")
	fmt.Printf("     INC_PC QN, group DTTS_MN: 2020 %.4f, 2021 %.4f\n", i20, i21)
	figure("6. INC_PC QN, group DTTS_MN, 2021 (triệu đồng)", f(i21, 1), "52.5")
	figure("6. INC_PC growth 2021 on 2020 (%)", f((i21/i20-1)*100, 2), "13.88")

	// 7. Houses.
	figure("7. HOUSE_SUPPORT.NEW QN 2023", f(e.get("HOUSE_SUPPORT.NEW", "QN", "", "2023"), 0), "260")
	figure("7. HOUSE_SUPPORT.REPAIR QN 2023", f(e.get("HOUSE_SUPPORT.REPAIR", "QN", "", "2023"), 0), "181")
	figure("7. HOUSE_SUPPORT QN 2023 (total)", f(e.get("HOUSE_SUPPORT", "QN", "", "2023"), 0), "441")

	// Context (not in the article): province-wide series.
	fmt.Println("     year   POP        HH_TOTAL  POV_RATE NEARPOOR_RATE ELEC_RATE WATER_RATE INC_PC SS_SPEND")
	for y := firstYear; y <= 2026; y++ {
		p := strconv.Itoa(y)
		fmt.Printf("     %s  %9.0f  %8.0f  %8s %13s %9s %10s %6s %8s\n", p,
			e.get("POP", "QN", "", p), e.get("HH_TOTAL", "QN", "", p),
			f(e.indicator("POV_RATE", "QN", "", p), 2), f(e.indicator("NEARPOOR_RATE", "QN", "", p), 2),
			f(e.indicator("ELEC_RATE", "QN", "", p), 2), f(e.indicator("WATER_RATE", "QN", "", p), 2),
			f(e.get("INC_PC", "QN", "", p), 1), f(e.get("SS_SPEND", "QN", "", p), 1))
	}

	// Consistency: parts never exceed wholes.
	for k, v := range stored {
		if k.elem == "HH_POOR" || k.elem == "HH_NEARPOOR" || k.elem == "HH_ELEC" || k.elem == "HH_WATER" {
			if t := stored[key{"HH_TOTAL", k.area, k.period, ""}]; v > t || v < 0 {
				fmt.Printf("FAIL %v = %v exceeds HH_TOTAL %v\n", k, v, t)
				good = false
			}
		}
	}
	for _, d := range districts {
		for y := 2020; y <= 2023; y++ {
			p := strconv.Itoa(y)
			own := stored[key{"HH_TOTAL", d.code, p, ""}]
			kids, _ := e.combine("HH_TOTAL", e.children[d.code], p, "")
			if kids > own {
				fmt.Printf("FAIL %s %s: communes' households %v exceed the district's %v\n", d.code, p, kids, own)
				good = false
			}
		}
	}
	communesOn := func(day string) string {
		n := 0
		for _, a := range areas {
			if a.Level == 4 && valid(a, day) {
				n++
			}
		}
		return strconv.Itoa(n)
	}
	figure("   communes (level 4) under QN in 2023", communesOn("2023-12-31"), "177")
	good = checkReform(e, areas) && good
	figure("   communes, wards and special zones in 2026 (36/2026/QH16)", communesOn("2026-12-31"), "54")
	return good
}
