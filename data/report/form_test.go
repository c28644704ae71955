package report

import (
	"bytes"
	"context"
	"fmt"
	"math"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"chiso/data/calc"
	"chiso/data/catalog"
	"chiso/data/defaults"
	"chiso/data/number"
	"chiso/data/period"
	"chiso/data/store"
)

// formCommunes are the communes of the province of the form tests: code,
// name, group, and the review's figures of 2026 (total households, poor at
// the start, escaped, fell back, new, at the end, of which ethnic
// minority), the last commune's as estimates.
var formCommunes = []struct {
	code, name, group string
	values            [7]int
	estimate          bool
}{
	{"TQ_01", "Phường Minh Xuân", "THANH_THI", [7]int{5210, 61, 40, 2, 5, 28, 3}, false},
	{"TQ_02", "Phường An Tường", "THANH_THI", [7]int{6125, 44, 30, 0, 3, 17, 0}, false},
	{"TQ_03", "Xã Lâm Bình", "NONG_THON", [7]int{2980, 812, 205, 14, 31, 652, 601}, false},
	{"TQ_04", "Xã Thượng Lâm", "NONG_THON", [7]int{1840, 533, 120, 9, 22, 444, 430}, true},
	{"TQ_05", "Xã Hồng Thái", "", [7]int{3310, 205, 71, 3, 12, 149, 98}, false},
}

// formElements are the elements of formCommunes' values, in order.
var formElements = []string{"HH_TOTAL", "HH_POOR_START", "HH_POOR_EXIT", "HH_POOR_RETURN", "HH_POOR_NEW", "HH_POOR", "HH_POOR_DTTS"}

// formEngine is an engine over the default catalog (with the official
// part and its layouts) and a province TQ of five communes, with more
// (when not nil) added to the catalog and values more changes.
func formEngine(t *testing.T, more func(*catalog.Catalog), values ...store.Change) *calc.Engine {
	t.Helper()
	ctx := context.Background()
	cat, err := defaults.Catalog()
	if err != nil {
		t.Fatal(err)
	}
	cat.Areas = append(cat.Areas, catalog.Area{Code: "VN", Name: "Việt Nam", Level: 1},
		catalog.Area{Code: "TQ", Name: "Tuyên Quang", NameEN: "Tuyen Quang", Level: 2, Parent: "VN"})
	var changes []store.Change
	for _, c := range formCommunes {
		a := catalog.Area{Code: c.code, Name: c.name, Level: 4, Parent: "TQ", ValidFrom: "2025-07-01"}
		if c.group != "" {
			a.Groups = []string{c.group}
		}
		cat.Areas = append(cat.Areas, a)
		for i, e := range formElements {
			ch := store.Change{Element: e, Area: c.code, Period: "2026", Value: fmt.Sprint(c.values[i])}
			if c.estimate {
				ch.Status = store.Estimate
			}
			changes = append(changes, ch)
		}
	}
	if more != nil {
		more(cat)
	}
	changes = append(changes, values...)
	st, err := store.Open(filepath.Join(t.TempDir(), "tq.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if err := st.SaveCatalog(ctx, cat); err != nil {
		t.Fatal(err)
	}
	if _, err := st.Save(ctx, changes...); err != nil {
		t.Fatal(err)
	}
	en, err := calc.New(ctx, cat, st)
	if err != nil {
		t.Fatal(err)
	}
	return en
}

func buildForm(t *testing.T, lang string) *Report {
	t.Helper()
	r, err := New(formEngine(t, nil), Options{Area: "TQ", Period: period.MustParse("2026"), Layout: "RS_HN_TONGHOP",
		Lang: lang, Agency: "UBND TỈNH TUYÊN QUANG", Today: reportDay}, number.Vietnamese)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// TestPovertyReviewForm builds the province's summary of its communes'
// poverty review in its official layout: rows by commune grouped urban,
// rural and in no section, each section heading with its subtotal, the
// total at the end; number and rate sub-columns under merged headers of
// three levels with their formulas; figures resting on the estimated
// commune marked. Every sum and rate is computed again the naive way.
func TestPovertyReviewForm(t *testing.T) {
	r := buildForm(t, "vi")
	f := r.Form
	if f == nil || len(r.Rows) != 0 || r.Title != "TỔNG HỢP KẾT QUẢ RÀ SOÁT HỘ NGHÈO NĂM" {
		t.Fatalf("not a form: %+v", r)
	}
	if want := []string{"1", "2", "3=2/1", "4", "5=4/2", "6", "7=6/1", "8", "9=8/1", "10", "11=10/1", "12", "13=12/10"}; !slices.Equal(f.Number, want) {
		t.Errorf("column numbers %v, want %v", f.Number, want)
	}
	if len(f.Head) != 3 {
		t.Fatalf("%d header levels, want 3", len(f.Head))
	}
	head := func(level int) string {
		var s []string
		for _, h := range f.Head[level] {
			s = append(s, fmt.Sprintf("%s[%d-%d+%d]", h.Text, h.First+1, h.Last+1, h.Down))
		}
		return strings.Join(s, " | ")
	}
	for level, want := range []string{
		"Tổng số hộ dân cư[1-1+2] | Hộ nghèo đầu năm[2-3+0] | Diễn biến hộ nghèo trong năm[4-9+0] | Hộ nghèo cuối năm[10-13+0]",
		"Số hộ[2-2+1] | Tỷ lệ (%)[3-3+1] | Thoát nghèo[4-5+0] | Tái nghèo[6-7+0] | Phát sinh mới[8-9+0] | Số hộ[10-10+1] | Tỷ lệ (%)[11-11+1] | Trong đó hộ dân tộc thiểu số[12-13+0]",
		"Số hộ[4-4+0] | Tỷ lệ (%)[5-5+0] | Số hộ[6-6+0] | Tỷ lệ (%)[7-7+0] | Số hộ[8-8+0] | Tỷ lệ (%)[9-9+0] | Số hộ[12-12+0] | Tỷ lệ (%)[13-13+0]",
	} {
		if got := head(level); got != want {
			t.Errorf("header level %d:\n got %s\nwant %s", level+1, got, want)
		}
	}
	var names []string
	for _, row := range f.Rows {
		names = append(names, row.Number+" "+row.Name)
	}
	if want := "I Khu vực thành thị|1 Phường Minh Xuân|2 Phường An Tường|II Khu vực nông thôn|3 Xã Lâm Bình|4 Xã Thượng Lâm|III Chưa xếp khu vực|5 Xã Hồng Thái| Tổng cộng"; strings.Join(names, "|") != want {
		t.Errorf("rows:\n got %s\nwant %s", strings.Join(names, "|"), want)
	}
	// The naive sums: of a section's communes, and of all.
	sum := func(group string, all bool) [7]float64 {
		var s [7]float64
		for _, c := range formCommunes {
			if all || c.group == group {
				for i, v := range c.values {
					s[i] += float64(v)
				}
			}
		}
		return s
	}
	expect := func(row FormRow, v [7]float64, estimate bool) {
		t.Helper()
		want := []float64{v[0], v[1], 100 * v[1] / v[0], v[2], 100 * v[2] / v[1], v[3], 100 * v[3] / v[0],
			v[4], 100 * v[4] / v[0], v[5], 100 * v[5] / v[0], v[6], 100 * v[6] / v[5]}
		for i, c := range row.Cells {
			if !c.OK || math.Abs(c.Value-want[i]) > 1e-9 || c.Estimate != estimate {
				t.Errorf("%s, column %d: %v (ok %v, estimate %v), want %v (estimate %v)", row.Name, i+1, c.Value, c.OK, c.Estimate, want[i], estimate)
			}
		}
	}
	commune := func(i int) (v [7]float64) {
		for j, x := range formCommunes[i].values {
			v[j] = float64(x)
		}
		return v
	}
	expect(f.Rows[0], sum("THANH_THI", false), false)
	expect(f.Rows[1], commune(0), false)
	expect(f.Rows[3], sum("NONG_THON", false), true)
	expect(f.Rows[4], commune(2), false)
	expect(f.Rows[5], commune(3), true)
	expect(f.Rows[7], commune(4), false)
	expect(f.Rows[8], sum("", true), true)
	for _, c := range f.Rows[6].Cells {
		if c.OK {
			t.Errorf("the heading of areas in no section has a figure: %+v", c)
		}
	}
	notes := strings.Join(f.Notes, "\n")
	for _, want := range []string{"tính trên số hộ nghèo đầu năm", "* Gồm số ước tính (ước thực hiện) của 1/5 đơn vị: Xã Thượng Lâm."} {
		if !strings.Contains(notes, want) {
			t.Errorf("notes lack %q:\n%s", want, notes)
		}
	}
	if !slices.Contains(f.Left, "Mẫu biểu: RS_HN_TONGHOP") || !slices.Contains(f.Right, "Đơn vị báo cáo: UBND TỈNH TUYÊN QUANG") ||
		!strings.HasPrefix(f.Left[1], "Căn cứ: 24/2021/QĐ-TTg; 07/2021/TT-BLĐTBXH") {
		t.Errorf("header blocks: %q %q", f.Left, f.Right)
	}

	var buf bytes.Buffer
	if err := WriteCSV(&buf, r, number.Vietnamese); err != nil {
		t.Fatal(err)
	}
	goldenFile(t, "tq-rs-hn-2026.vi.csv", buf.Bytes())
}

// TestPovertyReviewFormXLSX opens the form written as XLSX: the header
// blocks in their corners, the merged headers of three levels, the column
// numbers with formulas, numbers as numeric cells, the estimate mark in
// the number format, the notes and the three signatures.
func TestPovertyReviewFormXLSX(t *testing.T) {
	r := buildForm(t, "vi")
	var buf bytes.Buffer
	if err := WriteXLSX(&buf, r); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	s := xlsxSheet{t, f, "Báo cáo"}
	if got := s.value("A1"); got != "Mẫu biểu: RS_HN_TONGHOP" {
		t.Errorf("A1 = %q", got)
	}
	merged, err := f.GetMergeCells("Báo cáo")
	if err != nil {
		t.Fatal(err)
	}
	find := func(text string) string {
		for _, m := range merged {
			if m.GetCellValue() == text {
				return m.GetStartAxis() + ":" + m.GetEndAxis()
			}
		}
		return ""
	}
	// Rows 1-2 the header blocks, 4 the title, 5 the period, 7-9 the
	// table's header, 10 its column numbers; columns A, B descriptive, 1
	// is C and 13 is O.
	for text, want := range map[string]string{
		"Diễn biến hộ nghèo trong năm": "F7:K7",
		"Tổng số hộ dân cư":            "C7:C9",
		"Hộ nghèo cuối năm":            "L7:O7",
		"Trong đó hộ dân tộc thiểu số": "N8:O8",
		"STT": "A7:A9",
	} {
		if got := find(text); got != want {
			t.Errorf("%q merged over %q, want %q", text, got, want)
		}
	}
	if got := s.value("O10"); got != "13=12/10" {
		t.Errorf("O10 = %q, want the formula 13=12/10", got)
	}
	rows, err := f.GetRows("Báo cáo", excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	var total []string
	for _, row := range rows {
		if len(row) > 1 && row[1] == "Tổng cộng" {
			total = row
		}
	}
	if len(total) < 15 || total[2] != "19465" || total[11] != "1290" {
		t.Fatalf("the total row: %q", total)
	}
	// The estimated commune's figures are numbers with the mark in their
	// format.
	for i, row := range rows {
		if len(row) > 1 && row[1] == "Xã Thượng Lâm" {
			ref, _ := excelize.CoordinatesToCellName(3, i+1)
			if row[2] != "1840" || !strings.Contains(*s.style(ref).CustomNumFmt, `"*"`) {
				t.Errorf("Xã Thượng Lâm: %q, format %q", row[2], *s.style(ref).CustomNumFmt)
			}
		}
	}
	all := fmt.Sprint(rows)
	for _, want := range []string{"Người lập biểu", "Người kiểm tra biểu", "Thủ trưởng đơn vị", "(Ký, đóng dấu, họ tên)",
		"Gồm số ước tính (ước thực hiện) của 1/5 đơn vị: Xã Thượng Lâm.", "Tuyên Quang, ngày 28 tháng 11 năm 2026"} {
		if !strings.Contains(all, want) {
			t.Errorf("the sheet lacks %q", want)
		}
	}
}

// TestPovertyReviewFormPDF writes the form as PDF and reads it back with
// poppler: landscape, its header blocks, the three levels of headers, the
// commune rows with the estimate mark, the notes and the signatures.
func TestPovertyReviewFormPDF(t *testing.T) {
	pdfTools(t)
	pdfFixedNow(t)
	for _, lang := range []string{"vi", "en"} {
		r := buildForm(t, lang)
		pages, text := pdfCheck(t, r, pdfOutDir(t), "form-rs-hn-"+lang)
		// The English headers take more lines: the signatures may go to a
		// second page there.
		if pages != 1 && (lang == "vi" || pages != 2) {
			t.Errorf("%s: %d pages", lang, pages)
		}
		want := []string{"Mẫu biểu: RS_HN_TONGHOP", "Đơn vị báo cáo: UBND TỈNH TUYÊN QUANG", "TỔNG HỢP KẾT QUẢ RÀ SOÁT HỘ NGHÈO NĂM",
			"Diễn biến hộ nghèo trong năm", "Trong đó hộ dân", "3=2/1", "13=12/10", "Khu vực nông thôn", "Xã Thượng Lâm",
			"1.840*", "Tổng cộng", "19.465", "Gồm số ước tính (ước thực hiện) của 1/5 đơn vị: Xã Thượng Lâm.", "Người kiểm tra biểu", "Thủ trưởng đơn vị"}
		if lang == "en" {
			want = []string{"Layout: RS_HN_TONGHOP", "SUMMARY OF THE ANNUAL REVIEW OF POOR HOUSEHOLDS", "Changes during the year",
				"Rural areas", "1,840*", "Total", "19,465", "Includes estimates of 1/5 areas: Thượng Lâm Commune.", "Checked by", "Head of the unit"}
		}
		for _, w := range want {
			if !strings.Contains(text, w) {
				t.Errorf("%s: the PDF's text lacks %q", lang, w)
			}
		}
	}
}

// TestGenericReportSaysWhatIsEstimated: the generic report of the
// province heads its column of this period "Ước thực hiện" when a figure
// rests on estimates and says which under the table; a commune with only
// official figures keeps "Thực hiện".
func TestGenericReportSaysWhatIsEstimated(t *testing.T) {
	en := formEngine(t, nil)
	r := buildReport(t, en, Options{Area: "TQ", Period: period.MustParse("2026"), DataSet: "RS_HN_TONGHOP"})
	if got := r.Columns[ColCurrent].Header; got != "Ước thực hiện năm 2026" {
		t.Errorf("column 3: %q", got)
	}
	if est := rowOf(t, r, "HH_POOR").Estimates; est != (calc.Estimates{Estimated: 1, Reporting: 5}) {
		t.Errorf("HH_POOR: %+v", est)
	}
	if !slices.Contains(r.Notes, "* Số hộ nghèo (chuẩn nghèo đa chiều): gồm số ước tính của 1/5 đơn vị") {
		t.Errorf("notes: %q", r.Notes)
	}
	var buf bytes.Buffer
	if err := WriteXLSX(&buf, r); err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(buf.Bytes(), []byte("PK")) {
		t.Fatal("not an XLSX")
	}
	x, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	rows, _ := x.GetRows("Báo cáo")
	if all := fmt.Sprint(rows); !strings.Contains(all, "Ước thực hiện năm 2026") || !strings.Contains(all, "gồm số ước tính của 1/5 đơn vị") {
		t.Errorf("the sheet does not say what is estimated:\n%s", all)
	}
	r = buildReport(t, en, Options{Area: "TQ_01", Period: period.MustParse("2026"), DataSet: "RS_HN_TONGHOP"})
	if got := r.Columns[ColCurrent].Header; got != "Thực hiện năm 2026" || len(r.Notes) != 0 {
		t.Errorf("a commune without estimates: %q, notes %q", got, r.Notes)
	}
}

// TestElementsForm lays a commune's form out with its lines as rows —
// sections, elements, a category, an indicator — and the columns of the
// regime: plan, the same period last year, this period, and the two
// comparisons with their formulas. Each figure is checked against the
// engine and each comparison computed again; the CSV is kept as a golden
// file.
func TestElementsForm(t *testing.T) {
	en := formEngine(t, func(c *catalog.Catalog) {
		c.Targets = append(c.Targets, catalog.Target{Code: "HH_POOR", Area: "TQ_04", Period: "2026", Value: "420"})
		c.Layouts = append(c.Layouts, catalog.Layout{
			Code: "XA_GIAMNGHEO", NameVI: "Kết quả giảm nghèo", NameEN: "Poverty reduction", DataSet: "RS_HN_TONGHOP",
			FormSymbol: "05.N/XA", Rows: catalog.LayoutElements,
			Lines: []catalog.LayoutLine{
				{NameVI: "Hộ nghèo", NameEN: "Poor households"},
				{Code: "HH_POOR"}, {Code: "HH_POOR_EXIT", NameVI: "Số hộ thoát nghèo", NameEN: "Escaped"}, {Code: "POV_EXIT_RATE"},
				{NameVI: "Dân số", NameEN: "Population"},
				{Code: "HH_TOTAL"},
			},
			Columns: []catalog.LayoutColumn{
				{Head: []string{"Kế hoạch năm"}, HeadEN: []string{"Plan"}, Value: catalog.ValueTarget},
				{Head: []string{"Cùng kỳ năm trước"}, HeadEN: []string{"Last year"}, Value: catalog.ValuePrevious},
				{Head: []string{"Ước thực hiện năm"}, HeadEN: []string{"This year (estimate)"}},
				{Head: []string{"So sánh (%)", "Với kế hoạch"}, HeadEN: []string{"Comparison (%)", "With the plan"}, Ratio: []int{3, 1}},
				{Head: []string{"So sánh (%)", "Với cùng kỳ"}, HeadEN: []string{"Comparison (%)", "With last year"}, Ratio: []int{3, 2}},
			},
		})
	},
		store.Change{Element: "HH_POOR", Area: "TQ_04", Period: "2025", Value: "533"},
		store.Change{Element: "HH_POOR_EXIT", Area: "TQ_04", Period: "2025", Value: "98"},
		store.Change{Element: "HH_POOR_START", Area: "TQ_04", Period: "2025", Value: "610"},
		store.Change{Element: "HH_TOTAL", Area: "TQ_04", Period: "2025", Value: "1822"})
	if err := en.Catalog.Validate(); err != nil {
		t.Fatal(err)
	}
	r, err := BuildForm(en, Options{Area: "TQ_04", Period: period.MustParse("2026"), Layout: "XA_GIAMNGHEO", Today: reportDay})
	if err != nil {
		t.Fatal(err)
	}
	f := r.Form
	if !slices.Equal(f.Number, []string{"1", "2", "3", "4=3/1", "5=3/2"}) || !slices.Equal(f.Desc, []string{"STT", "Chỉ tiêu", "Đơn vị tính"}) {
		t.Errorf("columns %v %v", f.Desc, f.Number)
	}
	if len(f.Head) != 2 || f.Head[0][0].Down != 1 || f.Head[0][3] != (HeadCell{Text: "So sánh (%)", First: 3, Last: 4}) {
		t.Errorf("header %+v", f.Head)
	}
	if f.Left[0] != "Biểu số: 05.N/XA" {
		t.Errorf("symbol block %q", f.Left)
	}
	var lines []string
	for _, row := range f.Rows {
		lines = append(lines, row.Number+" "+row.Name+" ("+row.Unit+")")
	}
	if want := "I Hộ nghèo ()|1 Số hộ nghèo (hộ)|2 Số hộ thoát nghèo (hộ)|3 Tỷ lệ hộ thoát nghèo trong năm (so với số hộ nghèo đầu năm) (%)|II Dân số ()|4 Tổng số hộ dân cư (hộ)"; strings.Join(lines, "|") != want {
		t.Errorf("rows:\n got %s\nwant %s", strings.Join(lines, "|"), want)
	}
	poor := f.Rows[1].Cells
	if !poor[0].OK || poor[0].Value != 420 || poor[1].Value != 533 || poor[1].Estimate || poor[2].Value != 444 || !poor[2].Estimate ||
		poor[0].Estimate || math.Abs(poor[3].Value-100*444.0/420) > 1e-9 || math.Abs(poor[4].Value-100*444.0/533) > 1e-9 || !poor[4].Estimate {
		t.Errorf("HH_POOR cells %+v", poor)
	}
	if prev := f.Rows[3].Cells[1]; math.Abs(prev.Value-100*98.0/610) > 1e-9 || prev.Estimate {
		t.Errorf("POV_EXIT_RATE last year %+v", prev)
	}
	rate := f.Rows[3].Cells[2]
	if want := 100 * 120.0 / 533; math.Abs(rate.Value-want) > 1e-9 || !rate.Estimate || rate.Decimals != 2 {
		t.Errorf("POV_EXIT_RATE %+v, want %v", rate, want)
	}
	if !slices.Equal(f.Notes, []string{"* Số ước tính (ước thực hiện)."}) {
		t.Errorf("notes %q", f.Notes)
	}
	// The province's own form names, line by line, how many communes'
	// estimates each total includes.
	prov, err := BuildForm(en, Options{Area: "TQ", Period: period.MustParse("2026"), Layout: "XA_GIAMNGHEO", Today: reportDay})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(prov.Form.Notes, "* Số hộ nghèo: gồm số ước tính của 1/5 đơn vị") {
		t.Errorf("the province's notes: %q", prov.Form.Notes)
	}
	var buf bytes.Buffer
	if err := WriteCSV(&buf, r, number.Vietnamese); err != nil {
		t.Fatal(err)
	}
	goldenFile(t, "tq04-xa-giamngheo-2026.vi.csv", buf.Bytes())
	buf.Reset()
	if err := WriteXLSX(&buf, r); err != nil {
		t.Fatal(err)
	}
	pdfTools(t)
	pdfFixedNow(t)
	if pages, text := pdfCheck(t, r, pdfOutDir(t), "form-xa"); pages != 1 || !strings.Contains(text, "4=3/1") || !strings.Contains(text, "105,71*") {
		t.Errorf("PDF: %d pages:\n%s", pages, text)
	}
}
