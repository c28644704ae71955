package report

import (
	"cmp"
	"errors"
	"math"
	"slices"
	"strings"
	"testing"
	"time"

	"chiso/data/calc"
	"chiso/data/catalog"
	"chiso/data/msg"
	"chiso/data/number"
	"chiso/data/period"
)

var reportDay = time.Date(2026, 11, 28, 9, 0, 0, 0, time.UTC)

func buildReport(t *testing.T, en *calc.Engine, o Options) *Report {
	t.Helper()
	if o.Today.IsZero() {
		o.Today = reportDay
	}
	r, err := Build(en, o)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// find returns the row with the code.
func rowOf(t *testing.T, r *Report, code string) Row {
	t.Helper()
	for _, row := range r.Rows {
		if row.Code == code {
			return row
		}
	}
	t.Fatalf("no row %s", code)
	return Row{}
}

func viNum(v float64, decimals int) string { return number.FormatFloat(v, decimals, number.Vietnamese) }

// checkAgainstEngine checks every row's previous, target and current
// values against the engine, and the percentages against them.
func checkAgainstEngine(t *testing.T, en *calc.Engine, r *Report) {
	t.Helper()
	for _, row := range r.Rows {
		if row.Heading {
			for _, v := range row.Values {
				if v.OK {
					t.Errorf("heading %s %q has a value", row.Number, row.Name)
				}
			}
			continue
		}
		for col, p := range map[int]period.Period{ColPrevious: r.Previous, ColCurrent: r.Period} {
			v, ok, err := en.Value(row.Code, r.Area, p, "")
			if err != nil {
				t.Fatal(err)
			}
			if got := row.Values[col]; got.OK != ok || got.Value != v {
				t.Errorf("%s column %d = %+v, engine %v %v", row.Code, col, got, v, ok)
			}
		}
		tv, tok := en.Target(row.Code, r.Area, r.Period)
		if got := row.Values[ColTarget]; got.OK != tok || got.Value != tv {
			t.Errorf("%s target = %+v, engine %v %v", row.Code, got, tv, tok)
		}
		if row.YesNo && row.Of[ColCurrent] == 0 {
			continue // one area's yes or no: no percentages
		}
		f, err := en.Figure(row.Code, r.Area, r.Period, "")
		if err != nil {
			t.Fatal(err)
		}
		for col, base := range map[int]int{ColPctPrevious: ColPrevious, ColPctTarget: ColTarget} {
			cur, b := row.Values[ColCurrent], row.Values[base]
			// No percentage of a total with gaps, nor of a total of some
			// years against one of all years.
			want := cur.OK && b.OK && b.Value != 0 && !f.Gaps &&
				!(col == ColPctPrevious && f.Short() && en.TimeAggregation(row.Code) != catalog.TimeLevel)
			got := row.Values[col]
			if got.OK != want || want && math.Abs(got.Value-cur.Value/b.Value*100) > 1e-9 {
				t.Errorf("%s column %d = %+v, want %v / %v × 100", row.Code, col, got, cur, b)
			}
		}
	}
}

func TestBuildProvince(t *testing.T) {
	en := demoEngine(t)
	r := buildReport(t, en, Options{Area: "QN", Period: period.MustParse("2020")})

	head := map[string]string{
		"Lang": r.Lang, "Agency": r.Agency, "Title": r.Title, "Subtitle": r.Subtitle, "Place": r.Place,
		"Motto0": r.Motto[0], "Motto1": r.Motto[1], "Previous": r.Previous.String(), "AreaName": r.AreaName,
	}
	for k, want := range map[string]string{
		"Lang": "vi", "Agency": "UBND TỈNH QUẢNG NINH", "Title": "BÁO CÁO MỘT SỐ CHỈ TIÊU KINH TẾ - XÃ HỘI NĂM 2020",
		"Subtitle": "Quảng Ninh", "Place": "Quảng Ninh, ngày 28 tháng 11 năm 2026",
		"Motto0": "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Motto1": "Độc lập - Tự do - Hạnh phúc",
		"Previous": "2019", "AreaName": "Quảng Ninh",
	} {
		if head[k] != want {
			t.Errorf("%s = %q, want %q", k, head[k], want)
		}
	}
	wantCols := []Column{{"1", "Thực hiện năm 2019"}, {"2", "Kế hoạch năm 2020"}, {"3", "Thực hiện năm 2020"},
		{"4=3/1", "So với cùng kỳ (%)"}, {"5=3/2", "So với kế hoạch (%)"}}
	if !slices.Equal(r.Columns, wantCols) {
		t.Errorf("columns %v", r.Columns)
	}

	// All the catalog: the elements under I, then the indicators under II.
	var numbers []string
	for _, row := range r.Rows {
		numbers = append(numbers, row.Number)
	}
	if len(r.Rows) != 1+len(en.Catalog.Elements)+2+1+len(en.Catalog.Indicators) {
		t.Errorf("%d rows: %v", len(r.Rows), numbers)
	}
	if first := r.Rows[0]; first.Number != "I" || !first.Heading || first.Name != "Số liệu thu thập" {
		t.Errorf("first row %+v", first)
	}
	i := slices.IndexFunc(r.Rows, func(row Row) bool { return row.Number == "II" })
	if i < 0 || r.Rows[i].Name != "Chỉ số tính toán" || !r.Rows[i].Heading || r.Rows[i+1].Code != "POV_RATE" || r.Rows[i+1].Number != "1" {
		t.Errorf("indicators heading at %d: %v", i, numbers)
	}
	house := slices.IndexFunc(r.Rows, func(row Row) bool { return row.Code == "HOUSE_SUPPORT" })
	if p := r.Rows[house+1]; p.Code != "HOUSE_SUPPORT.NEW" || p.Number != r.Rows[house].Number+".1" || p.Name != "Xây mới" ||
		r.Rows[house+2].Name != "Sửa chữa" || r.Rows[house+2].Number != r.Rows[house].Number+".2" {
		t.Errorf("categories of HOUSE_SUPPORT: %+v %+v", p, r.Rows[house+2])
	}
	checkAgainstEngine(t, en, r)

	// Figures of the seed article.
	pov := rowOf(t, r, "POV_RATE")
	if got := viNum(pov.Values[ColCurrent].Value, 2); got != "0,36" || pov.Unit != "%" || pov.Decimals != 2 || !pov.Indicator {
		t.Errorf("poverty rate 2020: %s %+v", got, pov)
	}
	if pov.Values[ColTarget].OK || pov.Values[ColPctTarget].OK {
		t.Errorf("no target for 2020, yet %+v", pov.Values)
	}
	if got := viNum(pov.Values[ColPctPrevious].Value, 1); got != "50,7" {
		t.Errorf("poverty rate on 2019: %s%%", got)
	}
	hs := rowOf(t, r, "HS_STD")
	if !hs.YesNo || hs.Of[ColCurrent] != 177 || hs.Unit != "đơn vị đạt/báo cáo" {
		t.Errorf("health stations: %+v", hs)
	}

	// Charts of the poverty rate (the first indicator).
	if r.Ranked == nil || len(r.Ranked.Labels) != 13 || r.Ranked.Threshold != nil || r.Ranked.Unit != "%" || r.Ranked.Decimals != 2 {
		t.Fatalf("ranked: %+v", r.Ranked)
	}
	if r.Ranked.Title != "Tỷ lệ hộ nghèo theo đơn vị, năm 2020" {
		t.Errorf("ranked title %q", r.Ranked.Title)
	}
	if !slices.IsSortedFunc(r.Ranked.Values, func(a, b float64) int { return cmp.Compare(b, a) }) {
		t.Errorf("not highest first: %v", r.Ranked.Values)
	}
	names := map[string]string{}
	for _, c := range en.Children("QN", r.Period) {
		names[shortName(en.Area(c).Name)] = c
	}
	for k, label := range r.Ranked.Labels {
		v, _, _ := en.Value("POV_RATE", names[label], r.Period, "")
		if names[label] == "" || v != r.Ranked.Values[k] {
			t.Errorf("ranked %s = %v, engine %v", label, r.Ranked.Values[k], v)
		}
	}
	if r.Ranked.Labels[len(r.Ranked.Labels)-1] != "Hạ Long" {
		t.Errorf("lowest: %s, want Hạ Long (no poor households in 2020 per the demo)", r.Ranked.Labels[12])
	}
	tr := r.Trend
	if tr == nil || tr.Labels[0] != "2011" || tr.Labels[len(tr.Labels)-1] != "2020" || len(tr.Values) != 10 {
		t.Fatalf("trend: %+v", tr)
	}
	if viNum(tr.Values[4], 2) != "4,56" || viNum(tr.Values[9], 2) != "0,36" || tr.Title != "Tỷ lệ hộ nghèo qua các năm 2011-2020" {
		t.Errorf("trend 2015 %v, 2020 %v, title %q", tr.Values[4], tr.Values[9], tr.Title)
	}
}

func TestBuildPovertyRate2015(t *testing.T) {
	en := demoEngine(t)
	r := buildReport(t, en, Options{Area: "QN", Period: period.MustParse("2015"), DataSet: "GIAM_NGHEO"})
	if got := viNum(rowOf(t, r, "POV_RATE").Values[ColCurrent].Value, 2); got != "4,56" {
		t.Errorf("poverty rate 2015: %s", got)
	}
	checkAgainstEngine(t, en, r)
}

func TestBuildTarget(t *testing.T) {
	en := demoEngine(t)
	r := buildReport(t, en, Options{Area: "QN", Period: period.MustParse("2023")})
	hs := rowOf(t, r, "HS_STD")
	if hs.Values[ColCurrent] != (Num{Value: 177, OK: true}) || hs.Values[ColTarget] != (Num{Value: 177, OK: true}) || hs.Values[ColPctTarget] != (Num{Value: 100, OK: true}) {
		t.Errorf("177/177 health stations, target 177: %+v", hs.Values)
	}
	if hs.Of != [NumColumns]int{ColPrevious: 177, ColTarget: 177, ColCurrent: 177} {
		t.Errorf("of %v", hs.Of)
	}
	h := rowOf(t, r, "HOUSE_SUPPORT")
	if h.Values[ColCurrent].Value != 441 || rowOf(t, r, "HOUSE_SUPPORT.NEW").Values[ColCurrent].Value != 260 ||
		rowOf(t, r, "HOUSE_SUPPORT.REPAIR").Values[ColCurrent].Value != 181 {
		t.Errorf("441 = 260 + 181 houses: %+v", h.Values)
	}
	checkAgainstEngine(t, en, r)
}

func TestBuildCommune(t *testing.T) {
	en := demoEngine(t)
	r := buildReport(t, en, Options{Area: "QN_BACHE_03", Period: period.MustParse("2023"), DataSet: "KTXH_XA",
		Today: time.Date(2026, 2, 3, 0, 0, 0, 0, time.UTC)})
	for got, want := range map[string]string{
		r.Agency: "UBND XÃ ĐỒN ĐẠC", r.Subtitle: "Xã Đồn Đạc, huyện Ba Chẽ",
		r.Place: "Đồn Đạc, ngày 03 tháng 02 năm 2026", r.Title: "BÁO CÁO MỘT SỐ CHỈ TIÊU KINH TẾ - XÃ HỘI NĂM 2023",
	} {
		if got != want {
			t.Errorf("%q, want %q", got, want)
		}
	}
	var codes []string
	for _, row := range r.Rows {
		codes = append(codes, row.Number+":"+row.Code)
	}
	want := []string{"I:", "1:POP", "2:HH_TOTAL", "3:HH_ELEC", "4:HH_WATER", "5:INC_PC", "6:HI_COVER", "7:HS_STD",
		"8:SCHOOL_STD", "9:NTM_STD", "10:ROAD_CONCRETE", "II:", "1:ELEC_RATE", "2:WATER_RATE"}
	if !slices.Equal(codes, want) {
		t.Errorf("rows %v, want %v", codes, want)
	}
	if r.Rows[0].Name != "Chỉ tiêu kinh tế - xã hội cấp xã" {
		t.Errorf("heading I: %q, want the data set's name", r.Rows[0].Name)
	}
	checkAgainstEngine(t, en, r)
	hh := rowOf(t, r, "HH_TOTAL")
	if hh.Values[ColPrevious].Value != 489 || hh.Values[ColCurrent].Value != 494 {
		t.Errorf("households: %+v", hh.Values)
	}
	hs := rowOf(t, r, "HS_STD")
	if hs.Unit != "có/không" || hs.Values[ColCurrent] != (Num{Value: 1, OK: true}) || hs.Of != [NumColumns]int{} || hs.Values[ColPctPrevious].OK {
		t.Errorf("the commune's own health station: %+v", hs)
	}
	if u := rowOf(t, r, "NTM_STD").Unit; u != "có/không" {
		t.Errorf("a commune's yes/no without a value has unit %q", u)
	}
	// The key defaults to the data set's first indicator; a commune has
	// no children to rank.
	if r.Ranked != nil {
		t.Errorf("ranked %+v", r.Ranked)
	}
	if tr := r.Trend; tr == nil || !slices.Equal(tr.Labels, []string{"2020", "2021", "2022", "2023"}) || tr.Values[3] != 100 ||
		!strings.HasPrefix(tr.Title, "Tỷ lệ hộ sử dụng điện lưới quốc gia") {
		t.Errorf("trend %+v", r.Trend)
	}
}

func TestBuildRange(t *testing.T) {
	en := demoEngine(t)
	r := buildReport(t, en, Options{Area: "QN", Period: period.MustParse("2016-2020"), DataSet: "ASXH_TINH"})
	if r.Previous.String() != "2011-2015" || r.Title != "BÁO CÁO MỘT SỐ CHỈ TIÊU KINH TẾ - XÃ HỘI GIAI ĐOẠN 2016-2020" {
		t.Errorf("previous %s, title %q", r.Previous, r.Title)
	}
	if r.Columns[0].Header != "Thực hiện giai đoạn 2011-2015" || r.Columns[3].Header != "So với kỳ trước (%)" {
		t.Errorf("columns %v", r.Columns)
	}
	ss := rowOf(t, r, "SS_SPEND")
	// 8.981 tỷ đồng over 2016-2020, 1,8 times 2011-2015 (the seed article).
	if viNum(ss.Values[ColCurrent].Value, 0) != "8.981" || viNum(ss.Values[ColPctPrevious].Value/100, 1) != "1,8" {
		t.Errorf("social security spending: %+v", ss.Values)
	}
	checkAgainstEngine(t, en, r)
	// No indicator in the data set: the charts follow its first element.
	if r.Trend == nil || r.Trend.Labels[0] != "2011" || r.Trend.Labels[len(r.Trend.Labels)-1] != "2020" || r.Trend.Values[9] != 2330 {
		t.Errorf("trend %+v", r.Trend)
	}
}

func TestBuildEnglish(t *testing.T) {
	en := demoEngine(t)
	thr := 1.0
	r := buildReport(t, en, Options{Area: "QN_BACHE", Period: period.MustParse("2020"), Lang: "en", DataSet: "GIAM_NGHEO",
		Agency: "PEOPLE'S COMMITTEE OF BA CHE", Key: "WATER_RATE", Threshold: &thr})
	for got, want := range map[string]string{
		r.Title: "REPORT ON SELECTED SOCIO-ECONOMIC INDICATORS FOR 2020", r.Motto[0]: "SOCIALIST REPUBLIC OF VIET NAM",
		r.Motto[1]: "Independence - Freedom - Happiness", r.Place: "Ba Che, 28 November 2026",
		r.Subtitle: "Ba Che District, Quang Ninh", r.Agency: "PEOPLE'S COMMITTEE OF BA CHE",
		r.Columns[0].Header: "Actual 2019", r.Columns[1].Header: "Plan 2020", r.Columns[4].Header: "% of plan",
		r.Rows[0].Name: "Poor and near-poor household review", rowOf(t, r, "POV_RATE").Name: "Poverty rate (households)",
	} {
		if got != want {
			t.Errorf("%q, want %q", got, want)
		}
	}
	if i := slices.IndexFunc(r.Rows, func(row Row) bool { return row.Number == "II" }); i < 0 || r.Rows[i].Name != "Computed indicators" {
		t.Errorf("heading II missing")
	}
	// The communes of Ba Chẽ report households with hygienic water, some
	// of them only yes/no answers.
	if r.Ranked == nil || r.Ranked.Threshold != &thr || r.Ranked.Title != "Households using hygienic water by area, 2020" ||
		len(r.Ranked.Labels) < 2 || strings.HasPrefix(r.Ranked.Labels[0], "Xã ") {
		t.Errorf("ranked %+v", r.Ranked)
	}
	checkAgainstEngine(t, en, r)
}

func TestBuildErrors(t *testing.T) {
	en := demoEngine(t)
	p := period.MustParse("2020")
	for name, o := range map[string]Options{
		"area":     {Area: "XX", Period: p},
		"period":   {Area: "QN"},
		"data set": {Area: "QN", Period: p, DataSet: "NOPE"},
		"key":      {Area: "QN", Period: p, Key: "NOPE"},
		"lang":     {Area: "QN", Period: p, Lang: "fr"},
	} {
		_, err := Build(en, o)
		var m *msg.Error
		if !errors.As(err, &m) || m.VI == "" || m.EN == "" {
			t.Errorf("%s: %v, want a bilingual error", name, err)
		}
	}
}

func TestColumnsOfQuarter(t *testing.T) {
	cols := columns(period.MustParse("2024Q1"), period.Period{}, "vi")
	got := []string{cols[0].Header, cols[1].Header, cols[2].Header, cols[3].Header}
	want := []string{"Thực hiện quý IV/2023", "Kế hoạch quý I/2024", "Thực hiện quý I/2024", "So với kỳ trước (%)"}
	if !slices.Equal(got, want) {
		t.Errorf("%q, want %q", got, want)
	}
}

func TestHelpers(t *testing.T) {
	for in, want := range map[string]string{
		"Xã Đồn Đạc": "Đồn Đạc", "Thành phố Hạ Long": "Hạ Long", "Thị xã Quảng Yên": "Quảng Yên", "Thị trấn Ba Chẽ": "Ba Chẽ",
		"Đặc khu Cô Tô": "Cô Tô", "Quảng Ninh": "Quảng Ninh", "Ba Che District": "Ba Che", "Xã": "Xã",
	} {
		if got := shortName(in); got != want {
			t.Errorf("shortName(%q) = %q, want %q", in, got, want)
		}
	}
	for d, want := range map[time.Time]string{
		time.Date(2023, 2, 1, 0, 0, 0, 0, time.UTC):   "Hạ Long, ngày 01 tháng 02 năm 2023",
		time.Date(2024, 3, 9, 0, 0, 0, 0, time.UTC):   "Hạ Long, ngày 09 tháng 3 năm 2024",
		time.Date(2024, 12, 31, 0, 0, 0, 0, time.UTC): "Hạ Long, ngày 31 tháng 12 năm 2024",
	} {
		if got := placeLine("Hạ Long", d, "vi"); got != want {
			t.Errorf("%q, want %q", got, want)
		}
	}
	if got := placeLine("Ha Long", time.Date(2023, 2, 1, 0, 0, 0, 0, time.UTC), "en"); got != "Ha Long, 1 February 2023" {
		t.Errorf("%q", got)
	}
	for n, want := range map[int]string{1: "I", 2: "II", 4: "IV", 9: "IX", 14: "XIV"} {
		if got := roman(n); got != want {
			t.Errorf("roman(%d) = %s", n, got)
		}
	}
}

// A range report adds flows up over its years, but shows stocks and rates
// as they stood in its last year (not five years of population summed).
func TestBuildRangeStocksAreLastYear(t *testing.T) {
	en := demoEngine(t)
	r := buildReport(t, en, Options{Area: "QN", Period: period.MustParse("2016-2020")})
	for code, year := range map[string]string{"POP": "2020", "POV_RATE": "2020"} {
		want, ok, err := en.Value(code, "QN", period.MustParse(year), "")
		if err != nil || !ok {
			t.Fatalf("%s %s: %v", code, year, err)
		}
		prev, _, _ := en.Value(code, "QN", period.MustParse("2015"), "")
		if got := rowOf(t, r, code).Values; got[ColCurrent].Value != want || got[ColPrevious].Value != prev {
			t.Errorf("%s: current %v previous %v, want %v (2020) and %v (2015)", code, got[ColCurrent].Value, got[ColPrevious].Value, want, prev)
		}
	}
	if got := viNum(rowOf(t, r, "POV_RATE").Values[ColCurrent].Value, 2); got != "0,36" {
		t.Errorf("poverty rate 2016-2020 shows %s, want 0,36 (2020)", got)
	}
	ss, _, _ := en.Value("SS_SPEND", "QN", period.MustParse("2016-2020"), "")
	if got := rowOf(t, r, "SS_SPEND").Values[ColCurrent].Value; got != ss {
		t.Errorf("spending 2016-2020 %v, want the five years' sum %v", got, ss)
	}
}

// A report for 2021–2025 made before the period ends holds the figures
// up to 2023, and says so: in the current column's header, in the chart's
// title; levels are those of 2023, compared with 2020; the spending of 3
// years is not compared with that of the 5 years 2016–2020 (no 88,3%), and
// its plan is that of the whole period.
func TestBuildRangeInProgress(t *testing.T) {
	en := demoEngine(t)
	r := buildReport(t, en, Options{Area: "QN", Period: period.MustParse("2021-2025")})
	if r.Through != period.MustParse("2023") || r.Columns[2].Header != "Thực hiện giai đoạn 2021-2025 (đến năm 2023)" ||
		r.Columns[4].Header != "So với kế hoạch giai đoạn 2021-2025 (%)" {
		t.Errorf("through %v, columns %v", r.Through, r.Columns)
	}
	pop := rowOf(t, r, "POP")
	if viNum(pop.Values[ColCurrent].Value, 0) != "1.360.123" || viNum(pop.Values[ColPctPrevious].Value, 1) != "103,5" {
		t.Errorf("population: %+v", pop.Values)
	}
	ss := rowOf(t, r, "SS_SPEND")
	if viNum(ss.Values[ColCurrent].Value, 1) != "7.927,1" || ss.Values[ColPctPrevious].OK || viNum(ss.Values[ColPctTarget].Value, 1) != "58,7" {
		t.Errorf("spending: %+v", ss.Values)
	}
	pov := rowOf(t, r, "POV_RATE")
	if viNum(pov.Values[ColCurrent].Value, 2) != "0,29" || pov.Values[ColTarget] != (Num{Value: 0.5, OK: true}) {
		t.Errorf("poverty rate: %+v, want 0,29 (2023) and the 2025 target 0,5", pov.Values)
	}
	if got := rowOf(t, r, "HOUSE_SUPPORT").Name; got != "Nhà ở được hỗ trợ (xây mới / sửa chữa) (số liệu của 1 trong 3 năm, đến năm 2023)" {
		t.Errorf("houses, entered for 2023 only: %q", got)
	}
	if hs := rowOf(t, r, "HS_STD"); hs.Of[ColCurrent] != 177 || hs.Unit != "đơn vị đạt/báo cáo" {
		t.Errorf("health stations: %+v", hs)
	}
	if r.Ranked == nil || len(r.Ranked.Labels) != 13 || r.Ranked.Title != "Tỷ lệ hộ nghèo theo đơn vị, giai đoạn 2021-2025 (đến năm 2023)" {
		t.Errorf("ranked: %+v", r.Ranked)
	}
	checkAgainstEngine(t, en, r)
}

// The chart of the localities over 2016–2020 shows each one's poverty
// rate of 2020 (Bình Liêu 5,28%), not five years of poor households over
// five years of households; the trend marks the change of standard.
func TestBuildRangeChart(t *testing.T) {
	en := demoEngine(t)
	r := buildReport(t, en, Options{Area: "QN", Period: period.MustParse("2016-2020")})
	i := slices.Index(r.Ranked.Labels, "Bình Liêu")
	if i < 0 || viNum(r.Ranked.Values[i], 2) != "5,28" || r.Ranked.Title != "Tỷ lệ hộ nghèo theo đơn vị, giai đoạn 2016-2020" {
		t.Errorf("ranked %q: Bình Liêu at %d: %v", r.Ranked.Title, i, r.Ranked.Values)
	}
	if r.Trend == nil || len(r.Trend.Breaks) != 1 || r.Trend.Labels[r.Trend.Breaks[0].Index] != "2015" ||
		r.Trend.Breaks[0].Label != "Chuẩn nghèo đa chiều (2015)" {
		t.Errorf("trend breaks: %+v", r.Trend)
	}
	// Before 2015 the poor households are not "(chuẩn nghèo đa chiều)".
	old := buildReport(t, en, Options{Area: "QN", Period: period.MustParse("2014")})
	if got := rowOf(t, old, "HH_POOR").Name; got != "Số hộ nghèo" {
		t.Errorf("2014: %q", got)
	}
	if got := rowOf(t, r, "HH_POOR").Name; got != "Số hộ nghèo (chuẩn nghèo đa chiều)" {
		t.Errorf("2016-2020: %q", got)
	}
}

// The issuing office of a province names it with its level word.
func TestBuildAgencyOfAProvince(t *testing.T) {
	en := demoEngine(t)
	for lang, want := range map[string]string{"vi": "UBND TỈNH QUẢNG NINH", "en": "PEOPLE'S COMMITTEE OF QUANG NINH PROVINCE"} {
		if got := buildReport(t, en, Options{Area: "QN", Period: period.MustParse("2020"), Lang: lang}).Agency; got != want {
			t.Errorf("%s: %q, want %q", lang, got, want)
		}
	}
	if got := buildReport(t, en, Options{Area: "QN_BINHLIEU", Period: period.MustParse("2020")}).Agency; got != "UBND HUYỆN BÌNH LIÊU" {
		t.Errorf("district: %q", got)
	}
}

// An English report of a commune the catalog names only in Vietnamese
// does not mix the languages in its heading.
func TestBuildEnglishNameOfACommune(t *testing.T) {
	en := demoEngine(t)
	r := buildReport(t, en, Options{Area: "QN_BACHE_03", Period: period.MustParse("2023"), Lang: "en"})
	if r.Agency != "PEOPLE'S COMMITTEE OF ĐỒN ĐẠC COMMUNE" || !strings.HasPrefix(r.Subtitle, "Đồn Đạc Commune") {
		t.Errorf("agency %q, subtitle %q", r.Agency, r.Subtitle)
	}
}
