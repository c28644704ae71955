package report

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"chiso/data/calc"
	"chiso/data/catalog"
	"chiso/data/msg"
	"chiso/data/period"
)

// Options says which report Build makes.
type Options struct {
	Area    string        // area code
	Period  period.Period // the reporting period
	DataSet string        // data set code; "" = every element and indicator of the catalog
	Lang    string        // "vi" (the default) or "en"
	Agency  string        // issuing office; "" = "UBND " + the area's name in capitals
	Place   string        // place of the place-and-date line; "" = the area's name without its level word
	Today   time.Time     // date of the place-and-date line; zero = now
	// Key is the element or indicator code of the charts; "" = the first
	// indicator of the data set (its first element if it has none).
	Key string
	// Threshold is a line for the chart of the areas (e.g. the 1% poverty
	// goal); nil = none.
	Threshold *float64
	// Layout is the code of a form layout of the catalog: the report then
	// follows the official form (see BuildForm) instead of the generic
	// table, and has no analysis nor charts.
	Layout string
}

// trendSpan is the most years the trend chart looks back.
const trendSpan = 20

// Build computes the report of an area for a period with the engine's
// values: the data set's elements (with their categories), then its
// indicators, each beside the previous period and the target, and the
// key indicator across the area's children and over the years. The
// written analysis (Report.Analysis) is left for the caller to fill.
func Build(en *calc.Engine, o Options) (*Report, error) {
	r, area, err := frame(en, o)
	if err != nil {
		return nil, err
	}
	lang, p := r.Lang, r.Period
	elements, indicators, heading, err := contents(en.Catalog, o.DataSet, lang)
	if err != nil {
		return nil, err
	}
	r.Title = title(p, lang)
	if r.Rows, r.Through, err = rows(en, area.Code, p, elements, indicators, heading, lang); err == nil {
		r.Columns = columns(p, r.Through, lang)
		r.Notes = markBoundaries(en, r, lang)
		err = markEstimates(en, r)
	}
	if err != nil {
		return nil, msg.Wrap(err, fmt.Sprintf("báo cáo %s, %s", r.AreaName, p.Label("vi")),
			fmt.Sprintf("report of %s, %s", r.AreaName, p.Label("en")))
	}

	key := o.Key
	if key == "" {
		switch {
		case len(indicators) > 0:
			key = indicators[0].Code
		case len(elements) > 0:
			key = elements[0].Code
		}
	}
	if key != "" {
		name, unit, decimals, ok := describe(en, key, lang)
		if !ok {
			return nil, msg.New(fmt.Sprintf("không có chỉ tiêu mã %q để vẽ biểu đồ", key),
				fmt.Sprintf("no element or indicator with code %q for the charts", key))
		}
		if r.Ranked, err = ranked(en, key, area.Code, p, r.Through, lang, name, unit, decimals); err != nil {
			return nil, msg.Wrap(err, "biểu đồ theo đơn vị", "chart by area")
		}
		if r.Ranked != nil {
			r.Ranked.Threshold = o.Threshold
		}
		if r.Trend, err = trend(en, key, area.Code, p, lang, name, unit, decimals); err != nil {
			return nil, msg.Wrap(err, "biểu đồ qua các năm", "chart over the years")
		}
	}
	return r, nil
}

// frame checks the options and returns the parts every report has — its
// language, area and period, the agency, the motto, the subtitle and the
// place-and-date line — with the area.
func frame(en *calc.Engine, o Options) (*Report, *catalog.Area, error) {
	lang := o.Lang
	switch lang {
	case "":
		lang = "vi"
	case "vi", "en":
	default:
		return nil, nil, msg.New(fmt.Sprintf("ngôn ngữ báo cáo %q không được hỗ trợ (chọn vi hoặc en)", lang),
			fmt.Sprintf("report language %q is not supported (choose vi or en)", lang))
	}
	area := en.Area(o.Area)
	if area == nil {
		return nil, nil, msg.New(fmt.Sprintf("không có đơn vị hành chính mã %q", o.Area),
			fmt.Sprintf("no area with code %q", o.Area))
	}
	p := o.Period
	if p.Year == 0 {
		return nil, nil, msg.New("chưa chọn kỳ báo cáo", "no reporting period chosen")
	}
	r := &Report{
		Lang:     lang,
		Agency:   cmp.Or(o.Agency, agency(en, area, lang)),
		Area:     area.Code,
		AreaName: areaName(area, lang),
		Period:   p,
		Previous: p.Prev(),
		Subtitle: subtitle(en, area, lang),
		Place:    placeLine(cmp.Or(o.Place, shortName(areaName(area, lang))), o.Today, lang),
	}
	r.gone = gone(en, area, p)
	if lang == "vi" {
		r.Motto = [2]string{"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"}
	} else {
		r.Motto = [2]string{"SOCIALIST REPUBLIC OF VIET NAM", "Independence - Freedom - Happiness"}
	}
	return r, area, nil
}

// contents returns the elements and indicators of a data set (all of the
// catalog's for ""), and the heading of the elements' group. An indicator
// belongs to a data set when its numerator reads one of the set's elements.
func contents(c *catalog.Catalog, dataSet, lang string) ([]*catalog.Element, []*catalog.Indicator, string, error) {
	var elements []*catalog.Element
	var indicators []*catalog.Indicator
	if dataSet == "" {
		for i := range c.Elements {
			elements = append(elements, &c.Elements[i])
		}
		for i := range c.Indicators {
			indicators = append(indicators, &c.Indicators[i])
		}
		return elements, indicators, pick(lang, "Số liệu thu thập", "Collected data"), nil
	}
	i := slices.IndexFunc(c.DataSets, func(d catalog.DataSet) bool { return d.Code == dataSet })
	if i < 0 {
		return nil, nil, "", msg.New(fmt.Sprintf("không có bộ biểu mẫu mã %q", dataSet),
			fmt.Sprintf("no data set with code %q", dataSet))
	}
	ds := c.DataSets[i]
	in := map[string]bool{}
	for _, code := range ds.Elements {
		j := slices.IndexFunc(c.Elements, func(e catalog.Element) bool { return e.Code == code })
		if j < 0 {
			return nil, nil, "", msg.New(fmt.Sprintf("bộ biểu mẫu %s có chỉ tiêu %s không có trong danh mục", ds.Code, code),
				fmt.Sprintf("data set %s lists element %s, which is not in the catalog", ds.Code, code))
		}
		elements = append(elements, &c.Elements[j])
		in[code] = true
	}
	for j := range c.Indicators {
		x, err := calc.Parse(c.Indicators[j].Numerator)
		if err != nil {
			return nil, nil, "", msg.Wrap(err, "chỉ số "+c.Indicators[j].Code, "indicator "+c.Indicators[j].Code)
		}
		if slices.ContainsFunc(x.Refs(nil), func(r calc.Ref) bool { return in[r.Code] }) {
			indicators = append(indicators, &c.Indicators[j])
		}
	}
	return elements, indicators, pick(lang, ds.NameVI, ds.NameEN), nil
}

// rows builds the table: a heading and the elements (each followed by its
// categories), then a heading and the indicators, each with its figures
// for p and the period before as the engine makes them (a level over a
// range is that of its last year, a flow the total), the period before on
// p's boundaries so that the two compare like for like. It returns with
// them what the current column holds when p is not complete yet: the
// last period the figures reach ("đến năm 2023"), zero otherwise.
func rows(en *calc.Engine, area string, p period.Period, elements []*catalog.Element,
	indicators []*catalog.Indicator, heading, lang string) ([]Row, period.Period, error) {
	prev, err := rowsByCode(en, area, p.Prev(), p.End())
	if err != nil {
		return nil, period.Period{}, err
	}
	cur, err := rowsByCode(en, area, p, time.Time{})
	if err != nil {
		return nil, period.Period{}, err
	}
	// The current column goes to the latest part any of its figures
	// reaches; a figure that stops earlier says so on its row.
	var through period.Period
	for _, c := range cur {
		if c.OK && c.Short() && c.Through.End().After(through.End()) {
			through = c.Through
		}
	}
	header := "" // what the current column's header says of its figures
	if through.Year != 0 {
		header = calc.Figure{Through: through}.Note(p, lang)
	}
	categories := map[string]catalog.CategoryOption{}
	for _, c := range en.Catalog.Categories {
		categories[c.Code] = c
	}
	fill := func(r *Row) {
		c, pr := cur[r.Code], prev[r.Code]
		r.Values[ColPrevious] = Num{pr.Value, pr.OK, pr.Mapped, pr.NotComparable}
		r.Values[ColCurrent] = Num{c.Value, c.OK, c.Mapped, c.NotComparable}
		if t, ok := en.Target(r.Code, area, p); ok {
			r.Values[ColTarget] = Num{Value: t, OK: true}
		}
		// What the column's header does not say goes after the name (the
		// header and the cell say on which boundaries).
		shown := c.Figure
		shown.Mapped, shown.NotComparable = false, false
		note := strings.TrimPrefix(strings.TrimPrefix(shown.Note(p, lang), header), "; ")
		if c.OK && note != "" {
			r.Name += " (" + note + ")"
		}
		if r.YesNo {
			for col, n := range map[int]int{ColPrevious: pr.Of, ColCurrent: c.Of, ColTarget: c.Of} {
				if r.Values[col].OK {
					r.Of[col] = n
				}
			}
			if c.Of == 0 {
				return // one area's yes or no: no percentages
			}
		}
		if c.Gaps {
			return // a total of the areas that have reported so far: no percentages
		}
		// A level to a year is compared with the previous period's level;
		// a total of some years is not compared with one of all years.
		if !c.Short() || en.TimeAggregation(r.Code) == catalog.TimeLevel {
			r.Values[ColPctPrevious] = percent(r.Values[ColCurrent], r.Values[ColPrevious])
		}
		r.Values[ColPctTarget] = percent(r.Values[ColCurrent], r.Values[ColTarget])
	}

	structure := p // the areas below are those of the last part with figures
	if through.Year != 0 {
		structure = through
	}
	leaf := len(en.Children(area, structure)) == 0
	year := p.End().Year()
	var out []Row
	group := 0
	if len(elements) > 0 {
		group++
		out = append(out, Row{Number: roman(group), Name: heading, Heading: true})
	}
	for i, e := range elements {
		c := cur[e.Code]
		r := Row{Number: strconv.Itoa(i + 1), Code: e.Code, Name: e.NameIn(lang, year),
			Unit: pick(lang, c.UnitVI, c.UnitEN), Decimals: e.Decimals, YesNo: e.ValueType == catalog.YesNo}
		if r.Unit == "" || leaf {
			// The engine names a yes/no element's unit "areas yes/reporting"
			// when the area has no answer of its own, even a commune.
			r.Unit = pick(lang, e.UnitVI, e.UnitEN)
		}
		base := r
		fill(&r)
		out = append(out, r)
		for j, code := range e.Categories {
			part := base
			part.Number = fmt.Sprintf("%d.%d", i+1, j+1)
			part.Code = e.Code + "." + code
			part.Name = pick(lang, categories[code].NameVI, categories[code].NameEN)
			fill(&part)
			out = append(out, part)
		}
	}
	if len(indicators) > 0 {
		group++
		out = append(out, Row{Number: roman(group), Name: pick(lang, "Chỉ số tính toán", "Computed indicators"), Heading: true})
	}
	for i, in := range indicators {
		r := Row{Number: strconv.Itoa(i + 1), Code: in.Code, Name: pick(lang, in.NameVI, in.NameEN),
			Unit: pick(lang, in.UnitVI, in.UnitEN), Indicator: true, Decimals: in.Decimals}
		fill(&r)
		out = append(out, r)
	}
	return out, through, nil
}

// rowsByCode returns the engine's sheet of an area for a period, on the
// boundaries of day on (zero: the period's own), by code.
func rowsByCode(en *calc.Engine, area string, p period.Period, on time.Time) (map[string]calc.Row, error) {
	rs, err := en.RowsOn(area, p, on)
	if err != nil {
		return nil, fmt.Errorf("values of %s in %s: %w", area, p, err)
	}
	m := make(map[string]calc.Row, len(rs))
	for _, r := range rs {
		m[r.Code] = r
	}
	return m, nil
}

// percent is a / b × 100, missing unless both exist and b is not 0.
func percent(a, b Num) Num {
	if !a.OK || !b.OK || b.Value == 0 {
		return Num{}
	}
	return Num{Value: a.Value / b.Value * 100, OK: true}
}

// describe returns the name, unit and decimals of an element or indicator.
func describe(en *calc.Engine, code, lang string) (name, unit string, decimals int, ok bool) {
	if in := en.Indicator(code); in != nil {
		return pick(lang, in.NameVI, in.NameEN), pick(lang, in.UnitVI, in.UnitEN), in.Decimals, true
	}
	ecode, cat, _ := strings.Cut(code, ".")
	e := en.Element(ecode)
	if e == nil || cat != "" && !slices.Contains(e.Categories, cat) {
		return "", "", 0, false
	}
	name = pick(lang, e.NameVI, e.NameEN)
	if cat != "" {
		for _, c := range en.Catalog.Categories {
			if c.Code == cat {
				name += " – " + pick(lang, c.NameVI, c.NameEN)
			}
		}
	}
	return name, pick(lang, e.UnitVI, e.UnitEN), e.Decimals, true
}

// ranked is the key across the area's children for p, highest first; nil
// when no child has a value. For a period not complete yet (through is
// not zero) the children are those of the last part its figures reach.
func ranked(en *calc.Engine, key, area string, p, through period.Period, lang, name, unit string, decimals int) (*Ranked, error) {
	type item struct {
		label string
		v     float64
	}
	structure := p
	title := pick(lang, name+" theo đơn vị, "+lowerFirst(p.Label("vi")), name+" by area, "+p.Label("en"))
	if through.Year != 0 {
		structure = through
		title += " (" + calc.Figure{Through: through}.Note(p, lang) + ")"
	}
	var items []item
	for _, c := range en.Children(area, structure) {
		v, ok, err := en.Value(key, c, p, "")
		if err != nil {
			return nil, err
		}
		if ok && !math.IsNaN(v) {
			items = append(items, item{shortName(areaName(en.Area(c), lang)), v})
		}
	}
	if len(items) == 0 {
		return nil, nil
	}
	slices.SortStableFunc(items, func(a, b item) int { return cmp.Compare(b.v, a.v) })
	rk := &Ranked{Unit: unit, Decimals: decimals, Title: title}
	for _, it := range items {
		rk.Labels = append(rk.Labels, it.label)
		rk.Values = append(rk.Values, it.v)
	}
	return rk, nil
}

// trend is the key year by year, from the first year with a value (at most
// trendSpan years back) to the year p ends in, with the changes of its
// definition in between; nil when no year has a value.
func trend(en *calc.Engine, key, area string, p period.Period, lang, name, unit string, decimals int) (*Trend, error) {
	last := p.End().Year()
	var values []float64
	var mapped []bool
	first := 0
	for y := last - trendSpan + 1; y <= last; y++ {
		f, err := en.FigureOn(key, area, period.Period{Type: period.Year, Year: y}, "", p.End())
		if err != nil {
			return nil, err
		}
		switch {
		case f.OK:
			if first == 0 {
				first = y
			}
			values = append(values, f.Value)
			mapped = append(mapped, f.Mapped)
		case first != 0:
			values = append(values, math.NaN())
			mapped = append(mapped, false)
		}
	}
	if first == 0 {
		return nil, nil
	}
	span := strconv.Itoa(first)
	if first < last {
		span += pick(lang, "-", "–") + strconv.Itoa(last)
	}
	title := pick(lang, name+" qua các năm "+span, name+" by year, "+span)
	if slices.Contains(mapped, true) {
		title += " (" + calc.BoundariesNote(lang) + ")"
	}
	tr := &Trend{Title: title, Unit: unit, Decimals: decimals, Values: values, Mapped: mapped}
	for y := first; y <= last; y++ {
		tr.Labels = append(tr.Labels, strconv.Itoa(y))
	}
	for _, d := range en.Definitions(key) {
		if first < d.From && d.From <= last {
			tr.Breaks = append(tr.Breaks, TrendBreak{Index: d.From - first, Label: upperFirst(d.Note(lang)) + " (" + strconv.Itoa(d.From) + ")"})
		}
	}
	return tr, nil
}

// title is the report's title for period p.
func title(p period.Period, lang string) string {
	if lang == "vi" {
		return "BÁO CÁO MỘT SỐ CHỈ TIÊU KINH TẾ - XÃ HỘI " + strings.ToUpper(p.Label("vi"))
	}
	return "REPORT ON SELECTED SOCIO-ECONOMIC INDICATORS FOR " + strings.ToUpper(p.Label("en"))
}

// columns are the number columns: previous period, target, current
// period, and the current one as a percentage of the first two. For a
// period not complete yet, the current column says how far its figures go
// ("đến năm 2023") and the last that it is compared with the plan of the
// whole period.
func columns(p, through period.Period, lang string) []Column {
	prev := p.Prev()
	upTo := ""
	if through.Year != 0 {
		upTo = " (" + calc.Figure{Through: through}.Note(p, lang) + ")"
	}
	if lang == "vi" {
		// Compared with the year before, officers say "cùng kỳ".
		same := "So với cùng kỳ (%)"
		if p.Type != period.Year {
			same = "So với kỳ trước (%)"
		}
		plan := "So với kế hoạch (%)"
		if upTo != "" {
			plan = "So với kế hoạch " + lowerFirst(p.Label("vi")) + " (%)"
		}
		return []Column{
			{"1", "Thực hiện " + lowerFirst(prev.Label("vi"))},
			{"2", "Kế hoạch " + lowerFirst(p.Label("vi"))},
			{"3", "Thực hiện " + lowerFirst(p.Label("vi")) + upTo},
			{"4=3/1", same},
			{"5=3/2", plan},
		}
	}
	same := "% of previous year"
	if p.Type != period.Year {
		same = "% of previous period"
	}
	plan := "% of plan"
	if upTo != "" {
		plan = "% of the plan for " + p.Label("en")
	}
	return []Column{
		{"1", "Actual " + prev.Label("en")},
		{"2", "Plan " + p.Label("en")},
		{"3", "Actual " + p.Label("en") + upTo},
		{"4=3/1", same},
		{"5=3/2", plan},
	}
}

// levelWords are the words that start the name of an administrative unit,
// longest first.
var levelWords = []string{"Thành phố", "Thị trấn", "Thị xã", "Đặc khu", "Phường", "Huyện", "Quận", "Tỉnh", "Xã"}

// communeKinds are the kinds of commune-level units as their names start,
// in the order a list of them is written: "xã, phường, đặc khu".
var communeKinds = []string{"Xã", "Phường", "Thị trấn", "Đặc khu"}

// UnitKinds names, in Vietnamese, the kinds of commune-level units the
// names start with, each once and in the usual order: "xã, phường, đặc
// khu" for the communes of a province of 2026, "xã, phường, thị trấn"
// before the reform, "phường" for a city's wards; "" when a name starts
// with none of them (a district) or there are no names.
func UnitKinds(names []string) string {
	seen := map[string]bool{}
	for _, name := range names {
		i := slices.IndexFunc(communeKinds, func(w string) bool { return strings.HasPrefix(name, w+" ") })
		if i < 0 {
			return ""
		}
		seen[communeKinds[i]] = true
	}
	var words []string
	for _, w := range communeKinds {
		if seen[w] {
			words = append(words, strings.ToLower(w))
		}
	}
	return strings.Join(words, ", ")
}

// levelSuffixes end English names of units.
var levelSuffixes = []string{" City", " Town", " District", " Province", " Commune", " Ward"}

// shortName drops the level word from an area's name: "Xã Đồn Đạc" →
// "Đồn Đạc", "Ba Che District" → "Ba Che".
func shortName(name string) string {
	for _, w := range levelWords {
		if rest, ok := strings.CutPrefix(name, w+" "); ok && rest != "" {
			return rest
		}
	}
	for _, w := range levelSuffixes {
		if rest, ok := strings.CutSuffix(name, w); ok && rest != "" {
			return rest
		}
	}
	return name
}

// englishLevels names in English the level words of levelWords.
var englishLevels = map[string]string{"Thành phố": "City", "Thị trấn": "Town", "Thị xã": "Town", "Đặc khu": "Special Zone",
	"Phường": "Ward", "Huyện": "District", "Quận": "District", "Tỉnh": "Province", "Xã": "Commune"}

// areaName is an area's name in lang. Without an English name in the
// catalog, the English one is made from the Vietnamese: "Xã Đồn Đạc" →
// "Đồn Đạc Commune".
func areaName(a *catalog.Area, lang string) string {
	if lang != "en" {
		return a.Name
	}
	if a.NameEN != "" {
		return a.NameEN
	}
	for _, w := range levelWords {
		if rest, ok := strings.CutPrefix(a.Name, w+" "); ok && rest != "" {
			return rest + " " + englishLevels[w]
		}
	}
	return a.Name
}

// subtitle names the area with its parent ("Xã Đồn Đạc, huyện Ba Chẽ"),
// leaving out the nation.
func subtitle(en *calc.Engine, a *catalog.Area, lang string) string {
	s := areaName(a, lang)
	parent := en.Area(a.Parent)
	if parent == nil || parent.Parent == "" {
		return s
	}
	pn := areaName(parent, lang)
	if lang == "vi" {
		for _, w := range levelWords {
			if strings.HasPrefix(pn, w+" ") {
				pn = lowerFirst(pn)
				break
			}
		}
	}
	return s + ", " + pn
}

// agency is the default issuing office of an area's report: "UBND " and
// the area's name with its level word in capitals ("UBND TỈNH QUẢNG
// NINH", "UBND XÃ ĐỒN ĐẠC"). A name without a level word takes the first
// word of its level's name ("Tỉnh" of "Tỉnh, thành phố").
func agency(en *calc.Engine, a *catalog.Area, lang string) string {
	name := areaName(a, lang)
	if word := levelWord(en, a, lang); word != "" {
		if lang == "vi" {
			name = word + " " + name
		} else {
			name += " " + word
		}
	}
	if lang == "vi" {
		return "UBND " + strings.ToUpper(name)
	}
	return "PEOPLE'S COMMITTEE OF " + strings.ToUpper(name)
}

// levelWord returns the word of a's level to put with its name, or "" when
// the name already has one: "Tỉnh" ("Province") for "Quảng Ninh".
func levelWord(en *calc.Engine, a *catalog.Area, lang string) string {
	if shortName(areaName(a, lang)) != areaName(a, lang) {
		return ""
	}
	for _, l := range en.Catalog.Levels {
		if l.Level == a.Level {
			word, _, _ := strings.Cut(pick(lang, l.NameVI, l.NameEN), ",")
			word, _, _ = strings.Cut(word, " (")
			return strings.TrimSpace(word)
		}
	}
	return ""
}

// placeLine is the place-and-date line. In Vietnamese, days below 10 and
// months below 3 take a leading zero (Nghị định 30/2020/NĐ-CP, Phụ lục I).
func placeLine(place string, day time.Time, lang string) string {
	if day.IsZero() {
		day = time.Now()
	}
	if lang == "vi" {
		month := strconv.Itoa(int(day.Month()))
		if day.Month() < 3 {
			month = "0" + month
		}
		return fmt.Sprintf("%s, ngày %02d tháng %s năm %d", place, day.Day(), month, day.Year())
	}
	return fmt.Sprintf("%s, %d %s %d", place, day.Day(), day.Month(), day.Year())
}

// roman writes 1–39 in Roman numerals, for group headings.
func roman(n int) string {
	tens := [...]string{"", "X", "XX", "XXX"}
	ones := [...]string{"", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX"}
	if n <= 0 || n >= 40 {
		return strconv.Itoa(n)
	}
	return tens[n/10] + ones[n%10]
}

// upperFirst raises the first letter: "chuẩn nghèo mới" → "Chuẩn nghèo mới".
func upperFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

// lowerFirst lowers the first letter: "Năm 2024" → "năm 2024".
func lowerFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError {
		return s
	}
	return string(unicode.ToLower(r)) + s[n:]
}

// pick returns vi or en by lang, falling back to vi when en is empty.
func pick(lang, vi, en string) string {
	if lang == "en" && en != "" {
		return en
	}
	return vi
}
