//go:build ci

package app

import (
	"context"
	"fmt"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"chiso/data/benchgen"
	"chiso/data/calc"
	"chiso/data/catalog"
	"chiso/data/store"
	"chiso/widgets"
)

// Responsiveness of the entry screen (bench/README.md, "Data entry
// responsiveness"): opening the form of a data set of 200 elements, and
// saving one value with its audit row and the refresh of what depends on it.
//
//	go test -tags ci,migrated_fynedo -run '^$' -bench Entry -count 3 ./app
//
// The database: one province (P01) of 100 communes (X001…X100), values for
// every commune over the 10 years up to the current one (205 values a
// commune and year, 205,000 in all); the province's values are aggregated.

const (
	ebCommunes = 100
	ebYears    = 10
	ebProvince = "P01"
)

// ebLastYear is the latest year with values: the current one, so that the
// form opens on data whichever area is chosen first.
var ebLastYear = time.Now().Year()

func ebCommune(i int) string { return fmt.Sprintf("X%03d", i+1) }

// ebKind drives the generated values of an element.
type ebKind int

const (
	ebPop ebKind = iota
	ebHouseholds
	ebPoor
	ebNearPoor
	ebHouses   // NEW, REPAIR
	ebWorkers  // MALE, FEMALE
	ebSchools  // PUBLIC, PRIVATE
	ebClinics  // PUBLIC, PRIVATE
	ebBirths   // MALE, FEMALE
	ebRiceArea // number, tenths
	ebYield    // weighted by RICE_AREA, hundredths
	ebIncome   // weighted by POP, tenths
	ebEnrol    // percent, weighted by POP
	ebYes
	ebNumber // tenths
	ebCount
)

type ebSpec struct {
	kind ebKind
	el   catalog.Element
}

// ebSpecs are the 200 elements of the data set: a few headline figures,
// five disaggregated elements, weighted averages, 10 yes/no, 20 decimal and
// 157 integer sums.
var ebSpecs = func() []ebSpec {
	zero, hundred, fifty := 0.0, 100.0, 50.0
	el := func(code, vi, unit string, vt catalog.ValueType, agg catalog.Aggregation, dec int, cats ...string) catalog.Element {
		e := catalog.Element{Code: code, NameVI: vi, NameEN: vi, UnitVI: unit, UnitEN: unit, ValueType: vt, Aggregation: agg,
			Decimals: dec, Categories: cats}
		if vt != catalog.YesNo {
			e.Min = &zero
		}
		return e
	}
	s := []ebSpec{
		{ebPop, el("POP", "Dân số trung bình", "người", catalog.Integer, catalog.Sum, 0)},
		{ebHouseholds, el("HH_TOTAL", "Tổng số hộ dân cư", "hộ", catalog.Integer, catalog.Sum, 0)},
		{ebPoor, el("HH_POOR", "Số hộ nghèo", "hộ", catalog.Integer, catalog.Sum, 0)},
		{ebNearPoor, el("HH_NEARPOOR", "Số hộ cận nghèo", "hộ", catalog.Integer, catalog.Sum, 0)},
		{ebHouses, el("HOUSES", "Nhà ở hỗ trợ", "căn", catalog.Integer, catalog.Sum, 0, "NEW", "REPAIR")},
		{ebWorkers, el("WORKERS", "Lao động có việc làm", "người", catalog.Integer, catalog.Sum, 0, "MALE", "FEMALE")},
		{ebSchools, el("SCHOOLS", "Số trường học", "trường", catalog.Integer, catalog.Sum, 0, "PUBLIC", "PRIVATE")},
		{ebClinics, el("CLINICS", "Số cơ sở y tế", "cơ sở", catalog.Integer, catalog.Sum, 0, "PUBLIC", "PRIVATE")},
		{ebBirths, el("BIRTHS", "Số trẻ sinh ra", "trẻ", catalog.Integer, catalog.Sum, 0, "MALE", "FEMALE")},
		{ebRiceArea, el("RICE_AREA", "Diện tích lúa", "ha", catalog.Number, catalog.Sum, 1)},
		{ebYield, el("RICE_YIELD", "Năng suất lúa", "tấn/ha", catalog.Number, catalog.WeightedAverage, 2)},
		{ebIncome, el("INCOME_PC", "Thu nhập bình quân đầu người", "triệu đồng", catalog.Number, catalog.WeightedAverage, 1)},
		{ebEnrol, el("ENROL_RATE", "Tỷ lệ trẻ đi học đúng độ tuổi", "%", catalog.Percent, catalog.WeightedAverage, 1)},
	}
	s[10].el.Weight = "RICE_AREA"
	s[11].el.Weight = "POP"
	s[12].el.Weight = "POP"
	s[12].el.Max = &hundred
	s[12].el.ExpectedMin, s[12].el.ExpectedMax = &fifty, &hundred
	for i := 1; i <= 10; i++ {
		s = append(s, ebSpec{ebYes, el(fmt.Sprintf("Y%02d", i), fmt.Sprintf("Đạt tiêu chí số %d", i), "xã", catalog.YesNo, catalog.CountYes, 0)})
	}
	for i := 1; i <= 20; i++ {
		s = append(s, ebSpec{ebNumber, el(fmt.Sprintf("N%02d", i), fmt.Sprintf("Chỉ tiêu thập phân số %d", i), "ha", catalog.Number, catalog.Sum, 1)})
	}
	for i := 1; len(s) < 200; i++ {
		s = append(s, ebSpec{ebCount, el(fmt.Sprintf("C%03d", i), fmt.Sprintf("Chỉ tiêu tổng hợp số %d", i), "đơn vị", catalog.Integer, catalog.Sum, 0)})
	}
	return s
}()

func ebCatalog() *catalog.Catalog {
	c := &catalog.Catalog{
		Levels: []catalog.Level{
			{Level: 1, Code: "PROVINCE", NameVI: "Tỉnh", NameEN: "Province"},
			{Level: 2, Code: "COMMUNE", NameVI: "Xã", NameEN: "Commune"},
		},
		Categories: []catalog.CategoryOption{
			{Code: "NEW", NameVI: "Xây mới", NameEN: "New"}, {Code: "REPAIR", NameVI: "Sửa chữa", NameEN: "Repaired"},
			{Code: "MALE", NameVI: "Nam", NameEN: "Male"}, {Code: "FEMALE", NameVI: "Nữ", NameEN: "Female"},
			{Code: "PUBLIC", NameVI: "Công lập", NameEN: "Public"}, {Code: "PRIVATE", NameVI: "Ngoài công lập", NameEN: "Private"},
		},
		Indicators: []catalog.Indicator{
			{Code: "POV_RATE", NameVI: "Tỷ lệ hộ nghèo", Numerator: "HH_POOR", Denominator: "HH_TOTAL", Factor: 100, Decimals: 2, UnitVI: "%"},
			{Code: "NEARPOOR_RATE", NameVI: "Tỷ lệ hộ cận nghèo", Numerator: "HH_NEARPOOR", Denominator: "HH_TOTAL", Factor: 100, Decimals: 2, UnitVI: "%"},
			{Code: "HH_SIZE", NameVI: "Quy mô hộ bình quân", Numerator: "POP", Denominator: "HH_TOTAL", Factor: 1, Decimals: 2, UnitVI: "người/hộ"},
			{Code: "HOUSES_NEW_SHARE", NameVI: "Tỷ lệ nhà xây mới", Numerator: "HOUSES.NEW", Denominator: "HOUSES", Factor: 100, Decimals: 1, UnitVI: "%"},
			{Code: "FEMALE_WORKERS", NameVI: "Tỷ lệ lao động nữ", Numerator: "WORKERS.FEMALE", Denominator: "WORKERS", Factor: 100, Decimals: 1, UnitVI: "%"},
			{Code: "EMPLOYMENT", NameVI: "Tỷ lệ có việc làm", Numerator: "WORKERS", Denominator: "POP", Factor: 100, Decimals: 1, UnitVI: "%"},
			{Code: "BIRTH_RATE", NameVI: "Tỷ suất sinh thô", Numerator: "BIRTHS", Denominator: "POP", Factor: 1000, Decimals: 1, UnitVI: "‰"},
			{Code: "SEX_RATIO", NameVI: "Tỷ số giới tính khi sinh", Numerator: "BIRTHS.MALE", Denominator: "BIRTHS.FEMALE", Factor: 100, Decimals: 1, UnitVI: "nam/100 nữ"},
			{Code: "RICE_OUTPUT", NameVI: "Sản lượng lúa", Numerator: "RICE_YIELD * RICE_AREA", Factor: 1, Decimals: 0, UnitVI: "tấn"},
			{Code: "C_PER_1000", NameVI: "Chỉ tiêu C001–C003 trên 1.000 dân", Numerator: "C001 + C002 + C003", Denominator: "POP", Factor: 1000, Decimals: 1, UnitVI: "‰"},
		},
		Rules: []catalog.Rule{
			{Code: "R_POOR", NameVI: "Hộ nghèo không vượt tổng số hộ", Left: "HH_POOR", Operator: "<=", Right: "HH_TOTAL"},
			{Code: "R_NEARPOOR", NameVI: "Hộ cận nghèo không vượt tổng số hộ", Left: "HH_POOR + HH_NEARPOOR", Operator: "<=", Right: "HH_TOTAL"},
			{Code: "R_HOUSES", NameVI: "Nhà xây mới không vượt số hộ", Left: "HOUSES.NEW", Operator: "<=", Right: "HH_TOTAL"},
			{Code: "R_WORKERS", NameVI: "Lao động không vượt dân số", Left: "WORKERS", Operator: "<=", Right: "POP"},
			{Code: "R_C", NameVI: "C001 không nhỏ hơn C002", Left: "C001", Operator: ">=", Right: "C002"}, // broken in about half the communes
		},
		Areas: []catalog.Area{{Code: ebProvince, Name: "Tỉnh thử nghiệm", NameEN: "Test province", Level: 1}},
	}
	ds := catalog.DataSet{Code: "ANNUAL200", NameVI: "Báo cáo năm (200 chỉ tiêu)", NameEN: "Annual report (200 elements)", PeriodType: "year"}
	for _, sp := range ebSpecs {
		c.Elements = append(c.Elements, sp.el)
		ds.Elements = append(ds.Elements, sp.el.Code)
	}
	c.DataSets = []catalog.DataSet{ds}
	for i := range ebCommunes {
		c.Areas = append(c.Areas, catalog.Area{Code: ebCommune(i), Name: fmt.Sprintf("Xã số %d", i+1), NameEN: fmt.Sprintf("Commune %d", i+1),
			Level: 2, Parent: ebProvince})
	}
	y := strconv.Itoa(ebLastYear)
	c.Targets = []catalog.Target{{Code: "POV_RATE", Area: ebProvince, Period: y, Value: "1.5"}, {Code: "POP", Area: ebProvince, Period: y, Value: "1500000"}}
	return c
}

func ebMix(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}

func ebHash(parts ...int) int64 {
	x := uint64(0x5eed)
	for _, p := range parts {
		x = ebMix(x ^ uint64(p))
	}
	return int64(x >> 1)
}

func tenths(n int64) string {
	s := strconv.FormatInt(n/10, 10)
	if n%10 != 0 {
		s += "." + strconv.FormatInt(n%10, 10)
	}
	return s
}

// ebValue returns the canonical value of element e (category index ci) for
// commune c in year y: plausible, changing little from year to year.
func ebValue(e, ci, c, y int) string {
	t := y - ebLastYear + ebYears // 1…10
	pop := 2000 + ebHash(c)%28000 + int64(t)*(ebHash(c, 1)%60)
	hh := pop * 10 / (34 + ebHash(c, 2)%10)
	poorPermille := (40 + ebHash(c, 3)%120) * int64(30-t) / 30
	switch ebSpecs[e].kind {
	case ebPop:
		return strconv.FormatInt(pop, 10)
	case ebHouseholds:
		return strconv.FormatInt(hh, 10)
	case ebPoor:
		return strconv.FormatInt(hh*poorPermille/1000, 10)
	case ebNearPoor:
		return strconv.FormatInt(hh*(poorPermille/2+10+ebHash(c, y, 4)%5)/1000, 10)
	case ebHouses:
		return strconv.FormatInt(ebHash(c, y, 5, ci)%int64(16-10*ci), 10)
	case ebWorkers:
		return strconv.FormatInt(pop*(25+ebHash(c, 6, ci)%5)/100, 10)
	case ebSchools, ebClinics:
		return strconv.FormatInt(int64(1-ci)+ebHash(c, e, ci)%4, 10)
	case ebBirths:
		return strconv.FormatInt(pop*(6+ebHash(c, 7)%3)/1000+ebHash(c, y, 7, ci)%5, 10)
	case ebRiceArea:
		return tenths(1000 + ebHash(c, 8)%30000 + ebHash(c, y, 8)%500)
	case ebYield:
		n := 450 + ebHash(c, 9)%200 + ebHash(c, y, 9)%40
		return strconv.FormatInt(n/100, 10) + "." + fmt.Sprintf("%02d", n%100)
	case ebIncome:
		return tenths(250 + int64(t)*25 + ebHash(c, 10)%400 + ebHash(c, y, 10)%30)
	case ebEnrol:
		return tenths(900 + ebHash(c, y, 11)%101)
	case ebYes:
		if int(ebHash(c, e, 12)%100) < 30+t*6 {
			return "1"
		}
		return "0"
	case ebNumber:
		return tenths(5000 + ebHash(c, e)%50000 + ebHash(c, y, e)%500)
	}
	return strconv.FormatInt(1000+ebHash(c, e)%4000+ebHash(c, y, e)%200, 10)
}

// ebStore returns a new database holding the catalog and every value.
func ebStore(b *testing.B) *store.Store {
	b.Helper()
	ctx := context.Background()
	st, err := store.Open(filepath.Join(b.TempDir(), "entry.db"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	cat := ebCatalog()
	if err := cat.Validate(); err != nil {
		b.Fatal(err)
	}
	if err := st.SaveCatalog(ctx, cat); err != nil {
		b.Fatal(err)
	}
	values := func(yield func(store.Change, error) bool) {
		for y := ebLastYear - ebYears + 1; y <= ebLastYear; y++ {
			per := strconv.Itoa(y)
			for e, sp := range ebSpecs {
				cats := sp.el.Categories
				if len(cats) == 0 {
					cats = []string{""}
				}
				for c := range ebCommunes {
					for ci, cat := range cats {
						if !yield(store.Change{Element: sp.el.Code, Area: ebCommune(c), Period: per, Category: cat, Value: ebValue(e, ci, c, y)}, nil) {
							return
						}
					}
				}
			}
		}
	}
	res, err := st.Import(ctx, "bench.csv", values)
	if err != nil {
		b.Fatal(err)
	}
	if want := ebCommunes * ebYears * 205; res.New != want {
		b.Fatalf("imported %+v, want %d new values", res, want)
	}
	return st
}

// cpuMeter adds up the process's CPU time over the timed parts of a
// benchmark and reports it per op (cpu-ms/op): on a machine shared with
// other work, steadier than the wall time.
type cpuMeter struct {
	total, from time.Duration
	n           int
}

func (m *cpuMeter) start() { m.from = benchgen.CPUTime() }

func (m *cpuMeter) stop() {
	m.total += benchgen.CPUTime() - m.from
	m.n++
}

func (m *cpuMeter) report(b *testing.B) {
	if m.n > 0 {
		b.ReportMetric(float64(m.total.Microseconds())/1000/float64(m.n), "cpu-ms/op")
	}
}

// coldEngine makes the engine forget every value it read or computed, as a
// newly started session's engine.
func coldEngine(s *session) {
	s.compute(func(en *calc.Engine) error { en.Reset(); return nil })
}

// checkShown fails unless the form shows area's values for the last year.
func checkShown(b *testing.B, e *entry, area string) {
	b.Helper()
	if e.area != area || e.per.Year != ebLastYear || e.status.Visible() {
		b.Fatalf("form shows %s %v (status %q), want %s %d", e.area, e.per, e.status.Text, area, ebLastYear)
	}
	rows := e.grid.Rows()
	if len(rows) != 210 || len(e.items) != 205 {
		b.Fatalf("%d rows, %d items; want 210 rows, 205 items", len(rows), len(e.items))
	}
	if r, _ := e.grid.Row("POP"); r.Value == "" && r.Placeholder == "" || r.Previous == "" || r.Change == "" {
		b.Fatalf("POP row = %+v, want a value, the previous one and the change", r)
	}
	if len(e.indicators.Objects) != 10 {
		b.Fatalf("%d indicators shown, want 10", len(e.indicators.Objects))
	}
}

// BenchmarkEntryOpen measures what a user waits for until the form shows
// its values, the indicators and the warnings: the screen opened (which
// shows the province, aggregated), a commune chosen in the tree, the
// province chosen again. "cold" starts each time from an engine that has
// read nothing (as after starting the app); "warm" keeps what the engine
// read and computed (going back and forth between two areas).
func BenchmarkEntryOpen(b *testing.B) {
	st := ebStore(b)
	s := newTestSession(b, st)
	commune := ebCommune(41)
	other := ebCommune(7)

	b.Run("screen", func(b *testing.B) {
		b.ReportAllocs()
		var e *entry
		var cpu cpuMeter
		for b.Loop() {
			b.StopTimer()
			coldEngine(s)
			b.StartTimer()
			cpu.start()
			e = newEntryForm(s)
			s.win.SetContent(e.content)
			cpu.stop()
		}
		checkShown(b, e, ebProvince)
		cpu.report(b)
	})

	e := newEntryForm(s)
	s.win.SetContent(e.content)
	for _, mode := range []string{"cold", "warm"} {
		b.Run("commune/"+mode, func(b *testing.B) {
			b.ReportAllocs()
			var cpu cpuMeter
			for b.Loop() {
				b.StopTimer()
				e.tree.Select(other)
				if mode == "cold" {
					coldEngine(s)
				}
				b.StartTimer()
				cpu.start()
				e.tree.Select(commune)
				cpu.stop()
			}
			checkShown(b, e, commune)
			cpu.report(b)
		})
		b.Run("province/"+mode, func(b *testing.B) {
			b.ReportAllocs()
			var cpu cpuMeter
			for b.Loop() {
				b.StopTimer()
				e.tree.Select(commune)
				if mode == "cold" {
					coldEngine(s)
				}
				b.StartTimer()
				cpu.start()
				e.tree.Select(ebProvince)
				cpu.stop()
			}
			checkShown(b, e, ebProvince)
			cpu.report(b)
		})
	}
}

// BenchmarkEntrySave measures saving one value as a user does by leaving
// its cell: the grid's commit on focus lost, the check for an unusual
// value, the write of the change with its changeset and audit row, the
// engine's invalidation of the period, and the refresh of the row's change
// (and total, for a part), the indicators and the rule warnings. Each
// iteration writes: the value goes up by one and back.
func BenchmarkEntrySave(b *testing.B) {
	st := ebStore(b)
	s := newTestSession(b, st)
	e := newEntryForm(s)
	s.win.SetContent(e.content)
	commune := ebCommune(41)
	e.tree.Select(commune)
	checkShown(b, e, commune)

	for _, key := range []string{"HH_POOR", "WORKERS.FEMALE", "C100"} {
		b.Run(key, func(b *testing.B) {
			it := e.items[key]
			cell := e.grid.ValueCell(key)
			if it == nil || cell == nil || it.value == "" {
				b.Fatalf("no stored value for %s", key)
			}
			n, err := strconv.Atoi(it.value)
			if err != nil {
				b.Fatal(err)
			}
			texts := [2]string{e.display(it.element, strconv.Itoa(n+1)), e.display(it.element, strconv.Itoa(n))}
			var before, after int
			if err := st.DB().QueryRow(`SELECT count(*) FROM value_history`).Scan(&before); err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			i := 0
			var cpu cpuMeter
			for b.Loop() {
				text := texts[i%2]
				cpu.start()
				cell.SetText(text)
				cell.FocusLost()
				cpu.stop()
				i++
				if e.ask != nil {
					b.Fatalf("saving %s = %s asks for a comment", key, text)
				}
			}
			b.StopTimer()
			if st := e.grid.Status(key).Kind; st != widgets.StatusSaved && st != widgets.StatusWarning {
				b.Fatalf("status of %s = %v, want saved", key, st)
			}
			if err := st.DB().QueryRow(`SELECT count(*) FROM value_history`).Scan(&after); err != nil {
				b.Fatal(err)
			}
			if after-before != i {
				b.Fatalf("%d audit rows for %d saves", after-before, i)
			}
			cpu.report(b)
		})
	}
}
