// Package benchgen generates, deterministically, the synthetic national
// data sets Chỉ Số is benchmarked on: a catalog (levels, areas, 60 data
// elements, a few indicators) and a long CSV of commune values for a range
// of years, written as a stream so that millions of lines never sit in
// memory.
//
// Two scales mirror Việt Nam: National, after the 2025 reform (34
// provinces, 3,321 communes, no districts), about 2 million values over
// 2016–2025; and Historic, before it (63 provinces, 705 districts, 10,603
// communes), about 6.4 million. Province is one province of 100 communes,
// for quick go test benchmarks. Values exist at commune level only; every
// higher level is computed.
//
// The figures are invented: plausible in size, not official statistics.
package benchgen

import (
	"bufio"
	"fmt"
	"io"
	"strconv"

	"chiso/data/catalog"
)

// Scale is the shape of a generated data set.
type Scale struct {
	Name      string
	Provinces int
	Districts int // 0: communes sit directly under provinces
	Communes  int
	FirstYear int
	LastYear  int
}

// The scales the benchmarks use.
var (
	National = Scale{Name: "national", Provinces: 34, Communes: 3321, FirstYear: 2016, LastYear: 2025}
	Historic = Scale{Name: "historic", Provinces: 63, Districts: 705, Communes: 10603, FirstYear: 2016, LastYear: 2025}
	Province = Scale{Name: "province", Provinces: 1, Communes: 100, FirstYear: 2016, LastYear: 2025}
)

// ByName returns the scale called name (national, historic or province).
func ByName(name string) (Scale, bool) {
	for _, s := range []Scale{National, Historic, Province} {
		if s.Name == name {
			return s, true
		}
	}
	return Scale{}, false
}

// Years returns the number of years of the scale.
func (s Scale) Years() int { return s.LastYear - s.FirstYear + 1 }

// Rows returns the number of value lines WriteValues writes.
func (s Scale) Rows() int { return s.Communes * s.Years() * rowsPerCommuneYear }

// Area codes: the nation, then P01…, D001…, X00001….
const NationCode = "VN"

// ProvinceCode returns the code of province i (0-based).
func ProvinceCode(i int) string { return fmt.Sprintf("P%02d", i+1) }

// DistrictCode returns the code of district i (0-based).
func DistrictCode(i int) string { return fmt.Sprintf("D%03d", i+1) }

// CommuneCode returns the code of commune i (0-based).
func CommuneCode(i int) string { return fmt.Sprintf("X%05d", i+1) }

// DistrictOf returns the district (0-based) commune c belongs to.
func (s Scale) DistrictOf(c int) int { return c * s.Districts / s.Communes }

// ProvinceOf returns the province (0-based) commune c belongs to.
func (s Scale) ProvinceOf(c int) int {
	if s.Districts > 0 {
		return s.DistrictOf(c) * s.Provinces / s.Districts
	}
	return c * s.Provinces / s.Communes
}

// element kinds drive the generated values.
type kind int

const (
	kPop kind = iota
	kHouseholds
	kPoor
	kNearPoor
	kHouses // categories NEW, REPAIR
	kRiceArea
	kIncome
	kYield
	kEnrol
	kYes
	kCount
)

type spec struct {
	code, vi, en, unitVI, unitEN string
	k                            kind
	vt                           catalog.ValueType
	agg                          catalog.Aggregation
	weight                       string
	decimals                     int
	cats                         []string
}

// specs are the 60 data elements: mostly integer sums, some weighted
// averages and yes/no counts, one disaggregated element.
var specs = func() []spec {
	s := []spec{
		{"POP", "Dân số trung bình", "Average population", "người", "persons", kPop, catalog.Integer, catalog.Sum, "", 0, nil},
		{"HH_TOTAL", "Tổng số hộ dân cư", "Total households", "hộ", "households", kHouseholds, catalog.Integer, catalog.Sum, "", 0, nil},
		{"HH_POOR", "Số hộ nghèo", "Poor households", "hộ", "households", kPoor, catalog.Integer, catalog.Sum, "", 0, nil},
		{"HH_NEARPOOR", "Số hộ cận nghèo", "Near-poor households", "hộ", "households", kNearPoor, catalog.Integer, catalog.Sum, "", 0, nil},
		{"HOUSES", "Nhà ở hỗ trợ", "Houses supported", "căn", "houses", kHouses, catalog.Integer, catalog.Sum, "", 0, []string{"NEW", "REPAIR"}},
		{"RICE_AREA", "Diện tích lúa", "Rice area", "ha", "ha", kRiceArea, catalog.Number, catalog.Sum, "", 1, nil},
		{"INCOME_PC", "Thu nhập bình quân đầu người", "Income per person", "triệu đồng", "million VND", kIncome, catalog.Number, catalog.WeightedAverage, "POP", 1, nil},
		{"RICE_YIELD", "Năng suất lúa", "Rice yield", "tấn/ha", "t/ha", kYield, catalog.Number, catalog.WeightedAverage, "RICE_AREA", 2, nil},
		{"ENROL_RATE", "Tỷ lệ trẻ đi học đúng độ tuổi", "School enrolment rate", "%", "%", kEnrol, catalog.Percent, catalog.WeightedAverage, "POP", 1, nil},
		{"NTM", "Đạt chuẩn nông thôn mới", "New rural standard met", "xã", "communes", kYes, catalog.YesNo, catalog.CountYes, "", 0, nil},
		{"NTM_ADV", "Đạt chuẩn nông thôn mới nâng cao", "Advanced new rural standard met", "xã", "communes", kYes, catalog.YesNo, catalog.CountYes, "", 0, nil},
		{"HEALTH_STD", "Đạt Bộ tiêu chí quốc gia về y tế xã", "National commune health criteria met", "xã", "communes", kYes, catalog.YesNo, catalog.CountYes, "", 0, nil},
	}
	for i := len(s); i < 60; i++ {
		n := i - 11
		s = append(s, spec{fmt.Sprintf("S%02d", n), fmt.Sprintf("Chỉ tiêu tổng hợp số %d", n), fmt.Sprintf("Summed element %d", n),
			"đơn vị", "units", kCount, catalog.Integer, catalog.Sum, "", 0, nil})
	}
	return s
}()

var rowsPerCommuneYear = func() int {
	n := 0
	for _, s := range specs {
		n += max(1, len(s.cats))
	}
	return n
}()

// ElementCodes returns the codes of the generated elements, in order.
func ElementCodes() []string {
	out := make([]string, len(specs))
	for i, s := range specs {
		out[i] = s.code
	}
	return out
}

// Catalog returns the catalog of scale s.
func Catalog(s Scale) *catalog.Catalog {
	c := &catalog.Catalog{
		Levels: []catalog.Level{
			{Level: 1, Code: "NATION", NameVI: "Toàn quốc", NameEN: "Nation"},
			{Level: 2, Code: "PROVINCE", NameVI: "Tỉnh, thành phố", NameEN: "Province"},
			{Level: 3, Code: "DISTRICT", NameVI: "Huyện, thị xã", NameEN: "District"},
			{Level: 4, Code: "COMMUNE", NameVI: "Xã, phường, đặc khu", NameEN: "Commune"},
		},
		Categories: []catalog.CategoryOption{
			{Code: "NEW", NameVI: "Xây mới", NameEN: "Newly built"},
			{Code: "REPAIR", NameVI: "Sửa chữa", NameEN: "Repaired"},
		},
		Indicators: []catalog.Indicator{
			{Code: "POV_RATE", NameVI: "Tỷ lệ hộ nghèo", NameEN: "Poverty rate", Numerator: "HH_POOR", Denominator: "HH_TOTAL", Factor: 100, Decimals: 2, UnitVI: "%", UnitEN: "%"},
			{Code: "NEARPOOR_RATE", NameVI: "Tỷ lệ hộ cận nghèo", NameEN: "Near-poverty rate", Numerator: "HH_NEARPOOR", Denominator: "HH_TOTAL", Factor: 100, Decimals: 2, UnitVI: "%", UnitEN: "%"},
			{Code: "HH_SIZE", NameVI: "Quy mô hộ bình quân", NameEN: "Average household size", Numerator: "POP", Denominator: "HH_TOTAL", Factor: 1, Decimals: 2, UnitVI: "người/hộ", UnitEN: "persons"},
			{Code: "HOUSES_NEW_SHARE", NameVI: "Tỷ lệ nhà xây mới", NameEN: "Share of new houses", Numerator: "HOUSES.NEW", Denominator: "HOUSES", Factor: 100, Decimals: 1, UnitVI: "%", UnitEN: "%"},
			{Code: "RICE_OUTPUT", NameVI: "Sản lượng lúa", NameEN: "Rice output", Numerator: "RICE_YIELD * RICE_AREA", Factor: 1, Decimals: 0, UnitVI: "tấn", UnitEN: "t"},
		},
		DataSets: []catalog.DataSet{{Code: "ANNUAL", NameVI: "Báo cáo năm", NameEN: "Annual report", PeriodType: "year", Elements: ElementCodes()}},
	}
	for _, sp := range specs {
		e := catalog.Element{Code: sp.code, NameVI: sp.vi, NameEN: sp.en, UnitVI: sp.unitVI, UnitEN: sp.unitEN,
			ValueType: sp.vt, Aggregation: sp.agg, Weight: sp.weight, Decimals: sp.decimals, Categories: sp.cats,
			TimeAggregation: catalog.TimeLevel}
		if sp.k == kHouses || sp.k == kCount {
			e.TimeAggregation = catalog.TimeFlow // houses built, the summed counts: flows
		}
		if sp.vt != catalog.YesNo {
			zero := 0.0
			e.Min = &zero
		}
		c.Elements = append(c.Elements, e)
	}
	c.Areas = make([]catalog.Area, 0, 1+s.Provinces+s.Districts+s.Communes)
	c.Areas = append(c.Areas, catalog.Area{Code: NationCode, Name: "Việt Nam", NameEN: "Viet Nam", Level: 1})
	for p := 0; p < s.Provinces; p++ {
		c.Areas = append(c.Areas, catalog.Area{Code: ProvinceCode(p), Name: fmt.Sprintf("Tỉnh số %d", p+1),
			NameEN: fmt.Sprintf("Province %d", p+1), Level: 2, Parent: NationCode})
	}
	for d := 0; d < s.Districts; d++ {
		c.Areas = append(c.Areas, catalog.Area{Code: DistrictCode(d), Name: fmt.Sprintf("Huyện số %d", d+1),
			NameEN: fmt.Sprintf("District %d", d+1), Level: 3, Parent: ProvinceCode(d * s.Provinces / s.Districts)})
	}
	for i := 0; i < s.Communes; i++ {
		parent := ProvinceCode(s.ProvinceOf(i))
		if s.Districts > 0 {
			parent = DistrictCode(s.DistrictOf(i))
		}
		c.Areas = append(c.Areas, catalog.Area{Code: CommuneCode(i), Name: fmt.Sprintf("Xã số %d", i+1),
			NameEN: fmt.Sprintf("Commune %d", i+1), Level: 4, Parent: parent})
	}
	return c
}

// mix is splitmix64: a cheap, well-spread hash of its input.
func mix(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}

func h(parts ...uint64) uint64 {
	x := uint64(0x5eed)
	for _, p := range parts {
		x = mix(x ^ p)
	}
	return x
}

// appendValue appends the canonical value of element e (category index ci)
// for commune c in year y.
func appendValue(b []byte, e int, ci int, c int, y int) []byte {
	sp := &specs[e]
	t := uint64(y)
	cc := uint64(c)
	pop := 2000 + int64(h(cc)%28000) + int64(y-2016)*int64(h(cc, 1)%60)
	households := pop * 10 / int64(34+h(cc, 2)%10)
	poorPermille := int64(h(cc, 3)%120) * int64(2030-y) / 14 // falls over the years
	switch sp.k {
	case kPop:
		return strconv.AppendInt(b, pop, 10)
	case kHouseholds:
		return strconv.AppendInt(b, households, 10)
	case kPoor:
		return strconv.AppendInt(b, households*poorPermille/1000, 10)
	case kNearPoor:
		return strconv.AppendInt(b, households*(poorPermille/2+int64(h(cc, t, 4)%20))/1000, 10)
	case kHouses:
		return strconv.AppendInt(b, int64(h(cc, t, 5, uint64(ci))%(uint64(15-10*ci)+1)), 10)
	case kRiceArea:
		return appendTenths(b, int64(h(cc, 6)%30000)+int64(h(cc, t, 6)%500))
	case kIncome:
		return appendTenths(b, 250+int64(y-2016)*25+int64(h(cc, 7)%400)+int64(h(cc, t, 7)%30))
	case kYield:
		return appendHundredths(b, 450+int64(h(cc, 8)%200)+int64(h(cc, t, 8)%40))
	case kEnrol:
		return appendTenths(b, 900+int64(h(cc, t, 9)%101))
	case kYes:
		// The share meeting a standard grows from about 30% to 90%.
		if int(h(cc, uint64(e), 10)%100) < 30+(y-2016)*60/9 {
			return append(b, '1')
		}
		return append(b, '0')
	}
	return strconv.AppendInt(b, int64(h(cc, t, uint64(e))%5000), 10)
}

func appendTenths(b []byte, n int64) []byte {
	b = strconv.AppendInt(b, n/10, 10)
	if n%10 != 0 {
		b = append(b, '.', byte('0'+n%10))
	}
	return b
}

func appendHundredths(b []byte, n int64) []byte {
	b = strconv.AppendInt(b, n/100, 10)
	switch f := n % 100; {
	case f == 0:
	case f%10 == 0:
		b = append(b, '.', byte('0'+f/10))
	default:
		b = append(b, '.', byte('0'+f/10), byte('0'+f%10))
	}
	return b
}

// WriteValues writes the long CSV of scale s to w: a header, then one line
// per commune, element (and category) and year, ordered by period, element
// and area as `chiso export` writes them. Values are canonical (English
// style); about one line in a thousand carries a comment. It returns the
// number of value lines.
func WriteValues(w io.Writer, s Scale) (int, error) {
	bw := bufio.NewWriterSize(w, 1<<16)
	bw.WriteString("element,area,period,category,value,comment\n")
	codes := make([]string, s.Communes)
	for i := range codes {
		codes[i] = CommuneCode(i)
	}
	n := 0
	line := make([]byte, 0, 128)
	for y := s.FirstYear; y <= s.LastYear; y++ {
		year := strconv.Itoa(y)
		for e, sp := range specs {
			cats := sp.cats
			if len(cats) == 0 {
				cats = []string{""}
			}
			for c := range s.Communes {
				for ci, cat := range cats {
					line = append(line[:0], sp.code...)
					line = append(line, ',')
					line = append(line, codes[c]...)
					line = append(line, ',')
					line = append(line, year...)
					line = append(line, ',')
					line = append(line, cat...)
					line = append(line, ',')
					line = appendValue(line, e, ci, c, y)
					line = append(line, ',')
					if h(uint64(c), uint64(y), uint64(e), 11)%1000 == 0 {
						line = append(line, "ước tính"...)
					}
					line = append(line, '\n')
					if _, err := bw.Write(line); err != nil {
						return n, err
					}
					n++
				}
			}
		}
	}
	return n, bw.Flush()
}

// WriteAreas writes, for the sqlite3 comparison, a CSV mapping each commune
// to its province (no header).
func WriteAreas(w io.Writer, s Scale) error {
	bw := bufio.NewWriter(w)
	for c := range s.Communes {
		fmt.Fprintf(bw, "%s,%s\n", CommuneCode(c), ProvinceCode(s.ProvinceOf(c)))
	}
	return bw.Flush()
}

// WriteElements writes, for the sqlite3 comparison, a CSV of each element's
// code, aggregation and weight element (no header).
func WriteElements(w io.Writer) error {
	bw := bufio.NewWriter(w)
	for _, sp := range specs {
		fmt.Fprintf(bw, "%s,%s,%s\n", sp.code, sp.agg, sp.weight)
	}
	return bw.Flush()
}
