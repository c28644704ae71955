//go:build ci

package app

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/xuri/excelize/v2"
	"golang.org/x/text/unicode/norm"

	"chiso/data/calc"
	"chiso/data/catalog"
	"chiso/data/defaults"
	"chiso/data/msg"
	"chiso/data/store"
)

// newTestCatalog shows the catalog screen on the demo database.
func newTestCatalog(t *testing.T) *catalogUI {
	t.Helper()
	s := newTestSession(t, openDemo(t))
	c := newCatalogUI(s)
	s.win.SetContent(c.tabs)
	return c
}

// storedCatalog reads the catalog from the database itself.
func storedCatalog(t *testing.T, c *catalogUI) *catalog.Catalog {
	t.Helper()
	cat, err := c.s.st.Catalog(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return cat
}

func findArea(cat *catalog.Catalog, code string) *catalog.Area {
	for i := range cat.Areas {
		if cat.Areas[i].Code == code {
			return &cat.Areas[i]
		}
	}
	return nil
}

// fillCommune shows an empty area form and fills it in for a new commune
// with code and name under QN, without saving it.
func fillCommune(a *areaTab, code, name string) {
	a.load("")
	a.codeEntry.SetText(code)
	a.name.SetText(name)
	a.level.SetSelected(a.level.Options[3]) // commune
	a.parent.set("QN")
}

func must(t *testing.T, c *catalogUI, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(msg.Text(err, c.s.lang))
	}
}

func TestCatalog_AddArea(t *testing.T) {
	c := newTestCatalog(t)
	a := c.areas
	fillCommune(a, "QN_THUNGHIEM", norm.NFD.String("Phường Thử Nghiệm ")) // decomposed, as some keyboards type
	a.nameEN.SetText("Thu Nghiem Ward")
	a.groups.SetSelected([]string{"Vùng ven biển, hải đảo"})
	a.from.SetText("01/07/2025")
	must(t, c, a.save())

	got := findArea(storedCatalog(t, c), "QN_THUNGHIEM")
	want := catalog.Area{Code: "QN_THUNGHIEM", Name: "Phường Thử Nghiệm", NameEN: "Thu Nghiem Ward", Level: 4, Parent: "QN", Groups: []string{"VEN_BIEN"}, ValidFrom: "2025-07-01"}
	if got == nil || got.Name != want.Name || got.Parent != "QN" || got.Level != 4 || !slices.Equal(got.Groups, want.Groups) || got.ValidFrom != want.ValidFrom {
		t.Fatalf("stored area = %+v, want %+v", got, want)
	}
	if !norm.NFC.IsNormalString(got.Name) {
		t.Error("the name is not stored in NFC")
	}
	found := false
	for _, n := range areaNodes(c.s.catalog()) {
		found = found || (n.ID == "QN_THUNGHIEM" && n.ParentID == "QN" && n.Label == "Phường Thử Nghiệm")
	}
	if !found {
		t.Error("the area tree does not hold the new area under QN")
	}
	if !slices.Contains(a.list.codes(), "QN_THUNGHIEM") || a.code != "QN_THUNGHIEM" || a.codeEntry.Visible() {
		t.Error("after saving, the list does not show the area or the form does not edit it")
	}
	if !strings.Contains(test.RenderToMarkup(c.s.win.Canvas()), "Phường Thử Nghiệm") {
		t.Error("the new area is not rendered")
	}

	// A second new area with the same code is refused; bad dates too.
	fillCommune(a, "QN_THUNGHIEM", "Trùng")
	if err := a.save(); err == nil || !strings.Contains(msg.Text(err, "vi"), "đã có địa bàn mã QN_THUNGHIEM") {
		t.Errorf("duplicate code: err = %v", err)
	}
	a.codeEntry.SetText("QN_OTHER")
	a.from.SetText("31/02/2025")
	if err := a.save(); err == nil {
		t.Error("31/02/2025 was accepted")
	}
	a.from.SetText("")
	a.codeEntry.SetText("qn lower")
	if err := a.save(); err == nil {
		t.Error("a lowercase code with a space was accepted")
	}
	// The parent must be above.
	a.codeEntry.SetText("QN_X")
	a.level.SetSelected(a.level.Options[1]) // province under a province
	if err := a.save(); err == nil || !strings.Contains(msg.Text(err, "en"), "must be above level") {
		t.Errorf("province under a province: err = %v", err)
	}

	// Searching ignores diacritics.
	a.list.search.SetText("thu nghiem")
	if got := a.list.codes(); !slices.Equal(got, []string{"QN_THUNGHIEM"}) {
		t.Errorf("search thu nghiem shows %v", got)
	}
}

func TestCatalog_DeleteOrRetireArea(t *testing.T) {
	c := newTestCatalog(t)
	a := c.areas
	a.load("QN_UONGBI")
	err := a.delete()
	if !errors.Is(err, store.ErrInUse) {
		t.Fatalf("deleting a district with data: err = %v, want ErrInUse", err)
	}
	if findArea(storedCatalog(t, c), "QN_UONGBI") == nil {
		t.Fatal("the district was deleted")
	}
	must(t, c, a.retire("2024-12-31"))
	if got := findArea(storedCatalog(t, c), "QN_UONGBI"); got == nil || got.ValidTo != "2024-12-31" {
		t.Errorf("after retiring: %+v", got)
	}
	if a.to.Text != "31/12/2024" {
		t.Errorf("the form shows valid to %q", a.to.Text)
	}

	// An area without data is deleted.
	fillCommune(a, "QN_TMP", "Xã tạm")
	must(t, c, a.save())
	must(t, c, a.delete())
	if findArea(storedCatalog(t, c), "QN_TMP") != nil || findArea(c.s.catalog(), "QN_TMP") != nil {
		t.Error("QN_TMP was not deleted")
	}
}

func TestCatalog_Element(t *testing.T) {
	c := newTestCatalog(t)
	e := c.elements
	e.load("")
	e.codeEntry.SetText("HH_NEAR_POOR")
	e.nameVI.SetText("Số hộ cận nghèo")
	e.nameEN.SetText("Near-poor households")
	e.unitVI.SetText("hộ")
	e.valueType.SetSelected("Số nguyên")
	e.aggregation.SetSelected("Tổng các địa bàn cấp dưới")
	e.min.SetText("0")
	e.expMax.SetText("1.000.000")
	e.timeAggregation.SetSelected("Giá trị cuối kỳ (dân số, số hộ)")
	if e.dhis2.Text != "LAST" {
		t.Errorf("DHIS2 aggregation shown: %q, want LAST", e.dhis2.Text)
	}
	e.definitions.SetText("2022 | chuẩn nghèo mới | | chuẩn nghèo đa chiều\n2015 | chuẩn nghèo đa chiều")
	must(t, c, e.save())
	var got *catalog.Element
	for _, x := range storedCatalog(t, c).Elements {
		if x.Code == "HH_NEAR_POOR" {
			got = &x
		}
	}
	if got == nil || got.NameVI != "Số hộ cận nghèo" || got.ValueType != catalog.Integer || got.Aggregation != catalog.Sum ||
		got.Min == nil || *got.Min != 0 || got.ExpectedMax == nil || *got.ExpectedMax != 1e6 || got.Max != nil ||
		got.TimeAggregation != catalog.TimeLevel || len(got.Definitions) != 2 || got.Definitions[0].From != 2015 ||
		got.Definitions[1] != (catalog.Definition{From: 2022, NoteVI: "chuẩn nghèo mới", QualifierVI: "chuẩn nghèo đa chiều"}) {
		t.Fatalf("stored element = %+v", got)
	}
	e.load("HH_NEAR_POOR")
	if e.timeAggregation.Selected != "Giá trị cuối kỳ (dân số, số hộ)" ||
		e.definitions.Text != "2015 | chuẩn nghèo đa chiều\n2022 | chuẩn nghèo mới |  | chuẩn nghèo đa chiều" {
		t.Errorf("loaded back: %q, %q", e.timeAggregation.Selected, e.definitions.Text)
	}
	e.definitions.SetText("năm 2022 | mới")
	if err := e.save(); err == nil || !strings.Contains(msg.Text(err, "vi"), "dòng 1") {
		t.Errorf("a definition without a year: %v", err)
	}
	e.definitions.SetText("")
	e.valueType.SetSelected("Có/Không")
	e.timeAggregation.SetSelected("Cộng các kỳ (khoản chi, số nhà xây)")
	if err := e.save(); err == nil || !strings.Contains(msg.Text(err, "vi"), "có/không") {
		t.Errorf("a yes/no element added up over time: %v", err)
	}
	e.load("")

	// Unknown categories, a weighted average without weight and an existing code are refused.
	e.load("")
	e.codeEntry.SetText("X1")
	e.nameVI.SetText("X")
	e.categories.SetText("NEW, NOPE")
	if err := e.save(); err == nil || !strings.Contains(msg.Text(err, "vi"), "NOPE") {
		t.Errorf("unknown category: err = %v", err)
	}
	e.categories.SetText("")
	e.aggregation.SetSelected("Trung bình có trọng số")
	if err := e.save(); err == nil {
		t.Error("a weighted average without weight was accepted")
	}
	e.aggregation.SetSelected("Trung bình")
	e.codeEntry.SetText("POV_RATE")
	if err := e.save(); err == nil || !strings.Contains(msg.Text(err, "vi"), "đã có chỉ số mã POV_RATE") {
		t.Errorf("indicator code reused: err = %v", err)
	}

	// An element a formula reads is not deleted.
	e.load("HH_POOR")
	if err := e.delete(); !errors.Is(err, store.ErrInUse) {
		t.Errorf("deleting HH_POOR: err = %v", err)
	}
	e.load("HH_NEAR_POOR")
	must(t, c, e.retire("2030-12-31"))
	e.load("HH_NEAR_POOR")
	if e.to.Text != "31/12/2030" {
		t.Errorf("retired element shows valid to %q", e.to.Text)
	}
	must(t, c, e.delete())
}

func TestCatalog_Formula(t *testing.T) {
	c := newTestCatalog(t)
	in := c.indicators
	in.load("")
	in.codeEntry.SetText("POOR_PCT")
	in.nameVI.SetText("Tỷ lệ hộ nghèo (tính lại)")

	for _, f := range []struct{ formula, want string }{
		{"HH_POOR +", "Lỗi cú pháp ở vị trí 10: công thức kết thúc quá sớm"},
		{"NOPE / HH_TOTAL", "Vị trí 1: không có chỉ tiêu mã NOPE"},
		{"HH_POOR / (HH_TOTAL", "thiếu dấu )"},
		{"100 * POV_RATE", "Vị trí 7: POV_RATE là một chỉ số"},
	} {
		in.numerator.SetText(f.formula)
		if !in.numError.Visible() || !strings.Contains(in.numError.Text, f.want) {
			t.Errorf("%q: error shown %q (visible %v), want %q", f.formula, in.numError.Text, in.numError.Visible(), f.want)
		}
		if !in.saveButton.Disabled() {
			t.Errorf("%q: Save is enabled", f.formula)
		}
		if err := in.save(); err == nil {
			t.Errorf("%q was saved", f.formula)
		}
	}
	if _, ok := findIndicator(storedCatalog(t, c), "POOR_PCT"); ok {
		t.Fatal("an invalid indicator reached the database")
	}

	in.numerator.SetText("100 * HH_POOR / HH_TOTAL")
	if in.numError.Visible() || in.saveButton.Disabled() {
		t.Errorf("a valid formula shows %q, Save disabled %v", in.numError.Text, in.saveButton.Disabled())
	}
	in.denominator.SetText("HH_TOTAL.NEW")
	if !strings.Contains(in.denError.Text, "không có phân tổ NEW") || !in.saveButton.Disabled() {
		t.Errorf("category check: %q", in.denError.Text)
	}
	in.denominator.SetText("")
	in.factor.SetText("1")
	in.decimals.SetText("2")
	must(t, c, in.save())
	got, ok := findIndicator(storedCatalog(t, c), "POOR_PCT")
	if !ok || got.Numerator != "100 * HH_POOR / HH_TOTAL" || got.Denominator != "" || got.Decimals != 2 || got.Factor != 1 {
		t.Errorf("stored indicator = %+v", got)
	}
	if err := c.s.compute(func(en *calc.Engine) error {
		if en.Indicator("POOR_PCT") == nil {
			return errors.New("the engine does not know POOR_PCT")
		}
		return nil
	}); err != nil {
		t.Error(err)
	}
}

func findIndicator(cat *catalog.Catalog, code string) (catalog.Indicator, bool) {
	for _, in := range cat.Indicators {
		if in.Code == code {
			return in, true
		}
	}
	return catalog.Indicator{}, false
}

func TestCatalog_DataSet(t *testing.T) {
	c := newTestCatalog(t)
	d := c.datasets
	d.load("")
	d.codeEntry.SetText("NGHEO")
	d.nameVI.SetText("Biểu hộ nghèo")
	d.periodType.SetSelected("Năm")
	d.add("HH_TOTAL")
	d.add("HH_POOR")
	d.add("POP")
	d.move(2, -1) // POP before HH_POOR
	d.remove(2)   // drop HH_POOR
	d.add("HH_POOR")
	if !slices.Equal(d.elements, []string{"HH_TOTAL", "POP", "HH_POOR"}) {
		t.Fatalf("elements = %v", d.elements)
	}
	d.remove(1)
	d.dueDays.SetText("mười lăm")
	if err := d.save(); err == nil {
		t.Error("a deadline in words was saved")
	}
	d.dueDays.SetText("15")
	must(t, c, d.save())
	var got *catalog.DataSet
	for _, x := range c.s.catalog().DataSets {
		if x.Code == "NGHEO" {
			got = &x
		}
	}
	if got == nil || got.NameVI != "Biểu hộ nghèo" || got.PeriodType != "year" || !slices.Equal(got.Elements, []string{"HH_TOTAL", "HH_POOR"}) || got.DueDays != 15 {
		t.Errorf("stored data set = %+v", got)
	}
	if slices.Contains(d.addCodes, "HH_POOR") {
		t.Error("an element of the data set is still offered for adding")
	}
}

func TestCatalog_Target(t *testing.T) {
	c := newTestCatalog(t)
	x := c.targets
	x.load("")
	x.code.SetSelectedIndex(slices.Index(x.codes, "POV_RATE"))
	x.area.set("QN")
	x.period.SetText("2021-2025")
	x.value.SetText("1,5")
	must(t, c, x.save())
	want := catalog.Target{Code: "POV_RATE", Area: "QN", Period: "2021-2025", Value: "1.5"}
	if !slices.Contains(c.s.catalog().Targets, want) {
		t.Fatalf("targets = %+v, want %+v among them", c.s.catalog().Targets, want)
	}
	// Saving again replaces the value.
	x.value.SetText("1,2")
	must(t, c, x.save())
	n := 0
	for _, got := range c.s.catalog().Targets {
		if got.Code == "POV_RATE" && got.Area == "QN" && got.Period == "2021-2025" {
			n++
			if got.Value != "1.2" {
				t.Errorf("value = %s, want 1.2", got.Value)
			}
		}
	}
	if n != 1 {
		t.Errorf("%d targets for POV_RATE QN 2021-2025", n)
	}
	if i := slices.IndexFunc(x.list.shown, func(it listItem) bool { return it.code == "POV_RATE|QN|2021-2025" }); i < 0 ||
		x.list.shown[i].label != "Tỷ lệ hộ nghèo · Quảng Ninh · Giai đoạn 2021-2025" || x.list.shown[i].right != "1,2" || x.list.selected != "POV_RATE|QN|2021-2025" {
		t.Errorf("the list shows %+v", x.list.shown)
	}
	x.period.SetText("2025-2021")
	if err := x.save(); err == nil {
		t.Error("period 2025-2021 was accepted")
	}
	x.period.SetText("2025")
	x.value.SetText("1.500") // a thousands separator in the Vietnamese style
	must(t, c, x.save())
	if !slices.Contains(c.s.catalog().Targets, catalog.Target{Code: "POV_RATE", Area: "QN", Period: "2025", Value: "1500"}) {
		t.Errorf("targets = %+v", c.s.catalog().Targets)
	}
}

func TestCatalog_ImportAreas(t *testing.T) {
	c := newTestCatalog(t)
	dir := t.TempDir()
	csvPath := filepath.Join(dir, "dia_ban.csv")
	os.WriteFile(csvPath, []byte("\ufeffcode,name,name_en,level,parent,groups,valid_from,valid_to\n"+
		"QN_P1,Phường Hồng Gai,Hong Gai Ward,4,QN,VEN_BIEN,01/07/2025,\n"+
		"QN_P2,Phường Bãi Cháy,,4,QN,,2025-07-01,\n"+
		"QN_HALONG,Thành phố Hạ Long (cũ),Ha Long City,3,QN,VEN_BIEN,,30/06/2025\n"), 0o644)
	imp, err := c.readAreaImportFile(csvPath)
	must(t, c, err)
	if imp.added != 2 || imp.changed != 1 || len(imp.problems) != 0 {
		t.Fatalf("import = %d new, %d changed, problems %v", imp.added, imp.changed, imp.problems)
	}
	must(t, c, c.applyAreaImport(imp))
	cat := storedCatalog(t, c)
	if a := findArea(cat, "QN_P1"); a == nil || a.Name != "Phường Hồng Gai" || a.ValidFrom != "2025-07-01" || !slices.Equal(a.Groups, []string{"VEN_BIEN"}) {
		t.Errorf("QN_P1 = %+v", a)
	}
	if a := findArea(cat, "QN_HALONG"); a == nil || a.Name != "Thành phố Hạ Long (cũ)" {
		t.Errorf("QN_HALONG = %+v", a)
	}
	if findArea(c.s.catalog(), "QN_P2") == nil || !slices.Contains(c.areas.list.codes(), "QN_P2") {
		t.Error("the screen does not know the imported areas")
	}

	// A file with errors saves nothing.
	bad := filepath.Join(dir, "loi.csv")
	os.WriteFile(bad, []byte("code,name,level,parent,groups\nQN_P3,Xã Ba,4,QN,\nQN_P4,Xã Bốn,4,NOWHERE,\nQN_P5,Xã Năm,9,QN,NOGROUP\n"), 0o644)
	imp, err = c.readAreaImportFile(bad)
	must(t, c, err)
	text := ""
	for _, p := range imp.problems {
		text += msg.Text(p, "vi") + "\n"
	}
	for _, want := range []string{"tệp loi.csv, dòng 3: không có địa bàn cấp trên NOWHERE", "dòng 4: không có cấp 9", "dòng 4: không có nhóm địa bàn NOGROUP"} {
		if !strings.Contains(text, want) {
			t.Errorf("problems miss %q:\n%s", want, text)
		}
	}
	if err := c.applyAreaImport(imp); err == nil {
		t.Error("a file with errors was imported")
	}
	if findArea(storedCatalog(t, c), "QN_P3") != nil {
		t.Error("QN_P3 was saved from a file with errors")
	}
	if s := imp.summary(c); !strings.Contains(s, "3 lỗi") {
		t.Errorf("summary = %q", s)
	}

	// XLSX, with a code of digits only.
	f := excelize.NewFile()
	for i, row := range [][]string{{"Code", "Name", "Level", "Parent"}, {"00004", "Xã Đầm Hà", "4", "QN"}, {"QN_P1", "Phường Hồng Gai", "4", "QN"}} {
		for j, v := range row {
			cell, _ := excelize.CoordinatesToCellName(j+1, i+1)
			f.SetCellStr("Sheet1", cell, v)
		}
	}
	var buf bytes.Buffer
	f.Write(&buf)
	xlsx := filepath.Join(dir, "dia_ban.xlsx")
	os.WriteFile(xlsx, buf.Bytes(), 0o644)
	imp, err = c.readAreaImportFile(xlsx)
	must(t, c, err)
	if imp.added != 1 || imp.changed != 1 { // QN_P1 loses its English name, groups and date
		t.Fatalf("xlsx import = %d new, %d changed, %d same, problems %v", imp.added, imp.changed, imp.same, imp.problems)
	}
	must(t, c, c.applyAreaImport(imp))
	if a := findArea(c.s.catalog(), "00004"); a == nil || a.Name != "Xã Đầm Hà" {
		t.Errorf("00004 = %+v", a)
	}

	// Not a spreadsheet.
	junk := filepath.Join(dir, "junk.xlsx")
	os.WriteFile(junk, []byte("not a workbook"), 0o644)
	if _, err := c.readAreaImportFile(junk); err == nil || !strings.Contains(msg.Text(err, "vi"), "không phải bảng tính Excel") {
		t.Errorf("junk.xlsx: err = %v", err)
	}
}

// TestCatalogScreenshot writes the tabs of the catalog at 1366×768
// to $CHISO_CATALOG_SCREENSHOT/catalog_*.png (skipped when unset).
func TestCatalogScreenshot(t *testing.T) {
	dir := os.Getenv("CHISO_CATALOG_SCREENSHOT")
	if dir == "" {
		t.Skip("set CHISO_CATALOG_SCREENSHOT=/tmp/dir to write screenshots")
	}
	c := newTestCatalog(t)
	test.ApplyTheme(t, theme.LightTheme())
	c.s.win.Resize(fyne.NewSize(1366, 768))
	shot := func(name string) { capture(t, c.s.win, filepath.Join(dir, "catalog_"+name+".png")) }
	c.areas.load("QN_HALONG")
	shot("areas")
	c.tabs.SelectIndex(2)
	c.indicators.load("POV_RATE")
	c.indicators.numerator.SetText("HH_POOR +")
	shot("indicators")
	c.tabs.SelectIndex(1)
	c.elements.load("HH_POOR")
	shot("elements")
	c.s.win.Resize(fyne.NewSize(1366, 1350)) // the whole form
	shot("elements_whole")
	c.s.win.Resize(fyne.NewSize(1366, 768))
	c.tabs.SelectIndex(3)
	c.datasets.load("KTXH_XA")
	shot("datasets")
	c.tabs.SelectIndex(4)
	shot("targets")
	c.tabs.SelectIndex(len(c.tabs.Items) - 1)
	shot("legal")
}

// TestCatalog_EditKeepsHistory edits an area split at the reform: the
// shares of its successors, which the form does not show, are kept.
func TestCatalog_EditKeepsHistory(t *testing.T) {
	c := newTestCatalog(t)
	a := c.areas
	a.load("QN_HALONG_03") // Phường Hà Khẩu, split between 06661 and 06706
	a.nameEN.SetText("Ha Khau Ward")
	must(t, c, a.save())
	got := findArea(storedCatalog(t, c), "QN_HALONG_03")
	if got == nil || got.NameEN != "Ha Khau Ward" || got.Shares["06661"] != 0.5 || got.Shares["06706"] != 0.5 {
		t.Fatalf("after editing: %+v", got)
	}
	// A successor taken off loses its share, not the others.
	a.load("QN_HALONG_03")
	a.successors.SetText("06661")
	must(t, c, a.save())
	if got := findArea(storedCatalog(t, c), "QN_HALONG_03"); len(got.Shares) != 1 || got.Shares["06661"] != 0.5 {
		t.Errorf("shares after taking a successor off: %v", got.Shares)
	}
}

// TestCatalog_OfficialTab shows the official catalog's version and legal
// bases, and loads the official catalog file into the demo database (which
// has none): the tab then shows its version, every legal basis with its
// dates and whether it is in force, and the forms' layouts. A file that
// does not fit is refused and changes nothing.
func TestCatalog_OfficialTab(t *testing.T) {
	c := newTestCatalog(t)
	o := c.official
	if !strings.Contains(o.version.Text, "chưa nạp") {
		t.Fatalf("demo database: %q", o.version.Text)
	}
	file, err := defaults.Official()
	if err != nil {
		t.Fatal(err)
	}
	added, err := o.load("vn-official.json", file)
	must(t, c, err)
	if added == 0 || o.version.Text != "Danh mục chính thức phiên bản "+file.Version {
		t.Fatalf("after the load: %d new, %q", added, o.version.Text)
	}
	if n := (len(o.bases.Objects) + 1) / 2; n != len(file.LegalBases) { // with a separator between two
		t.Fatalf("%d legal bases shown, want %d", n, len(file.LegalBases))
	}
	texts := strings.Join(labelTexts(o.bases), "\n")
	for _, want := range []string{"05/2023/QĐ-TTg — Hệ thống chỉ tiêu thống kê", "ban hành 24/02/2023; hiệu lực từ 15/04/2023",
		"hiệu lực 05/02/2017 – 14/04/2023; thay bởi 05/2023/QĐ-TTg", "hết hiệu lực", "chưa có hiệu lực", "đang có hiệu lực"} {
		if !strings.Contains(texts, want) {
			t.Errorf("the legal bases shown lack %q:\n%s", want, texts)
		}
	}
	if !strings.Contains(o.layouts.Text, "RS_HN_TONGHOP — Tổng hợp kết quả rà soát hộ nghèo năm") {
		t.Errorf("layouts: %q", o.layouts.Text)
	}

	bad := &catalog.Catalog{Version: "XX-1", DataSets: []catalog.DataSet{{Code: "X", NameVI: "X", PeriodType: "year", Elements: []string{"KHONG_CO"}}}}
	if _, err := o.load("sai.json", bad); err == nil || !strings.Contains(msg.Text(err, "vi"), "danh mục không đổi") {
		t.Fatalf("a file naming an unknown element: %v", err)
	}
	if cat := storedCatalog(t, c); cat.Version != file.Version || o.version.Text != "Danh mục chính thức phiên bản "+file.Version {
		t.Errorf("a refused file changed the version: %q, shown %q", cat.Version, o.version.Text)
	}
}

// labelTexts returns the texts of every label inside o.
func labelTexts(o fyne.CanvasObject) []string {
	var out []string
	switch x := o.(type) {
	case *widget.Label:
		out = append(out, x.Text)
	case *widget.RichText:
		out = append(out, x.String())
	case *fyne.Container:
		for _, c := range x.Objects {
			out = append(out, labelTexts(c)...)
		}
	}
	return out
}
