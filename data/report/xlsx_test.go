package report

import (
	"bytes"
	"math"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/unicode/norm"

	"chiso/data/period"
)

// openXLSX builds the report of QN for 2020 with an analysis, writes it
// and opens the result.
func openXLSX(t *testing.T, o Options, analysis ...string) (*Report, *excelize.File) {
	t.Helper()
	r := buildReport(t, demoEngine(t), o)
	r.Analysis = analysis
	var buf bytes.Buffer
	if err := WriteXLSX(&buf, r); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return r, f
}

type xlsxSheet struct {
	t    *testing.T
	f    *excelize.File
	name string
}

func (s xlsxSheet) value(ref string) string {
	s.t.Helper()
	v, err := s.f.GetCellValue(s.name, ref, excelize.Options{RawCellValue: true})
	if err != nil {
		s.t.Fatal(err)
	}
	return v
}

func (s xlsxSheet) style(ref string) *excelize.Style {
	s.t.Helper()
	id, err := s.f.GetCellStyle(s.name, ref)
	if err != nil {
		s.t.Fatal(err)
	}
	st, err := s.f.GetStyle(id)
	if err != nil {
		s.t.Fatal(err)
	}
	return st
}

func (s xlsxSheet) numFmt(ref string) string {
	if st := s.style(ref); st.CustomNumFmt != nil {
		return *st.CustomNumFmt
	}
	return ""
}

// row returns the number of the first row whose column col holds text.
func (s xlsxSheet) row(col, text string) int {
	s.t.Helper()
	n := s.lookup(col, text)
	if n == 0 {
		s.t.Fatalf("no row with %q in column %s", text, col)
	}
	return n
}

// lookup returns the number of the first row whose column col holds text, 0 if none.
func (s xlsxSheet) lookup(col, text string) int {
	s.t.Helper()
	rows, err := s.f.GetRows(s.name)
	if err != nil {
		s.t.Fatal(err)
	}
	c := int(col[0] - 'A')
	for i, r := range rows {
		if c < len(r) && r[c] == text {
			return i + 1
		}
	}
	return 0
}

// number checks that a cell is numeric (not text) with a number format,
// and returns its value.
func (s xlsxSheet) number(ref, format string) float64 {
	s.t.Helper()
	typ, err := s.f.GetCellType(s.name, ref)
	if err != nil {
		s.t.Fatal(err)
	}
	if typ != excelize.CellTypeUnset && typ != excelize.CellTypeNumber {
		s.t.Errorf("%s has type %v, want a number", ref, typ)
	}
	v, err := strconv.ParseFloat(s.value(ref), 64)
	if err != nil {
		s.t.Errorf("%s = %q, not a number", ref, s.value(ref))
	}
	if got := s.numFmt(ref); got != format {
		s.t.Errorf("%s has number format %q, want %q", ref, got, format)
	}
	return v
}

func TestWriteXLSX(t *testing.T) {
	decomposed := norm.NFD.String("Tỷ lệ hộ nghèo giảm từ 0,71% năm 2019 xuống 0,36% năm 2020.")
	r, f := openXLSX(t, Options{Area: "QN", Period: period.MustParse("2020")},
		decomposed, "Chi an sinh xã hội đạt 2.330 tỷ đồng, tăng 14,7% so với năm 2019.")
	if got := f.GetSheetList(); !slices.Equal(got, []string{"Báo cáo"}) {
		t.Fatalf("sheets %v", got)
	}
	s := xlsxSheet{t, f, "Báo cáo"}

	// Header block.
	for ref, want := range map[string]string{
		"A1": "UBND TỈNH QUẢNG NINH", "D1": "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "D2": "Độc lập - Tự do - Hạnh phúc",
		"D3": "Quảng Ninh, ngày 28 tháng 11 năm 2026", "A5": r.Title, "A6": "Quảng Ninh",
	} {
		if got := s.value(ref); got != want {
			t.Errorf("%s = %q, want %q", ref, got, want)
		}
	}
	if !s.style("A1").Font.Bold || !s.style("D1").Font.Bold || !s.style("A5").Font.Bold {
		t.Error("agency, motto and title should be bold")
	}
	if st := s.style("D2"); !st.Font.Bold || st.Font.Underline == "" {
		t.Errorf("motto's second line: %+v, want bold and underlined", st.Font)
	}
	if st := s.style("D3"); !st.Font.Italic || st.Alignment.Horizontal != "right" {
		t.Errorf("place-and-date line: %+v %+v, want italic, right-aligned", st.Font, st.Alignment)
	}
	if st := s.style("A5"); st.Alignment.Horizontal != "center" || st.Font.Size < 14 {
		t.Errorf("title: %+v %+v", st.Font, st.Alignment)
	}
	if st := s.style("A1"); st.Font.Family != "Times New Roman" {
		t.Errorf("font %q", st.Font.Family)
	}

	// Table header: two rows, then the row of column letters and numbers.
	h := s.row("A", "STT")
	hr := strconv.Itoa(h)
	for col, want := range map[string]string{"B": "Chỉ tiêu", "C": "Đơn vị tính", "D": "Thực hiện năm 2019",
		"E": "Kế hoạch năm 2020", "F": "Thực hiện năm 2020", "G": "So sánh (%)"} {
		if got := s.value(col + hr); got != want {
			t.Errorf("header %s%d = %q, want %q", col, h, got, want)
		}
	}
	sub := strconv.Itoa(h + 1)
	if s.value("G"+sub) != "So với cùng kỳ" || s.value("H"+sub) != "So với kế hoạch" {
		t.Errorf("comparison headers %q %q", s.value("G"+sub), s.value("H"+sub))
	}
	var numbers []string
	for _, c := range "ABCDEFGH" {
		ref := string(c) + strconv.Itoa(h+2)
		numbers = append(numbers, s.value(ref))
		if st := s.style(ref); !st.Font.Italic || len(st.Border) != 4 {
			t.Errorf("%s: %+v, want italic with borders", ref, st.Font)
		}
	}
	if want := []string{"A", "B", "C", "1", "2", "3", "4=3/1", "5=3/2"}; !slices.Equal(numbers, want) {
		t.Errorf("column numbers %v, want %v", numbers, want)
	}

	merged := map[string]bool{}
	cells, err := f.GetMergeCells("Báo cáo")
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range cells {
		merged[m.GetStartAxis()+":"+m.GetEndAxis()] = true
	}
	for _, want := range []string{"A1:C1", "D1:H1", "D2:H2", "D3:H3", "A5:H5", "A" + hr + ":A" + sub,
		"B" + hr + ":B" + sub, "F" + hr + ":F" + sub, "G" + hr + ":H" + hr} {
		if !merged[want] {
			t.Errorf("%s not merged (merged: %v)", want, merged)
		}
	}

	// Data rows: real numbers with formats by decimals.
	first := h + 3
	for i, row := range r.Rows {
		n := strconv.Itoa(first + i)
		if s.value("A"+n) != row.Number || s.value("B"+n) != row.Name || s.value("C"+n) != row.Unit {
			t.Errorf("row %s: %q %q %q, want %+v", n, s.value("A"+n), s.value("B"+n), s.value("C"+n), row)
		}
		if row.Heading {
			if !s.style("B" + n).Font.Bold {
				t.Errorf("heading %s not bold", row.Name)
			}
			continue
		}
		for c := range NumColumns {
			ref := string(rune('D'+c)) + n
			v := row.Values[c]
			if !v.OK {
				if s.value(ref) != "" {
					t.Errorf("%s = %q for a missing value", ref, s.value(ref))
				}
				continue
			}
			want := decimalFormat(row.Decimals)
			switch {
			case c >= ColPctPrevious:
				want = "#,##0.0"
			case row.YesNo && row.Of[c] > 0:
				want = `#,##0"/` + strconv.Itoa(row.Of[c]) + `"`
			}
			// Excel keeps 15 significant digits.
			if got := s.number(ref, want); math.Abs(got-v.Value) > 1e-13*math.Abs(v.Value) {
				t.Errorf("%s (%s) = %v, want %v", ref, row.Code, got, v.Value)
			}
			if len(s.style(ref).Border) != 4 {
				t.Errorf("%s without borders", ref)
			}
		}
	}
	pov := strconv.Itoa(s.row("B", "Tỷ lệ hộ nghèo"))
	if v := s.number("F"+pov, "#,##0.00"); viNum(v, 2) != "0,36" {
		t.Errorf("poverty rate 2020 %v", v)
	}
	s.number("G"+pov, "#,##0.0")
	if v := s.number("F"+strconv.Itoa(s.row("B", "Dân số trung bình")), "#,##0"); v != rowOf(t, r, "POP").Values[ColCurrent].Value {
		t.Errorf("population %v", v)
	}
	s.number("F"+strconv.Itoa(s.row("B", "Chi cho an sinh xã hội")), "#,##0.0")
	s.number("F"+strconv.Itoa(s.row("B", "Trạm y tế xã đạt chuẩn quốc gia")), `#,##0"/177"`)

	// Analysis, NFC, merged across and wrapped; signatures.
	a := s.row("A", "Nhận xét")
	if !s.style("A" + strconv.Itoa(a)).Font.Bold {
		t.Error("Nhận xét not bold")
	}
	line := "A" + strconv.Itoa(a+1)
	if got := s.value(line); got != norm.NFC.String(decomposed) || got == decomposed {
		t.Errorf("analysis %q, want NFC", got)
	}
	if !merged[line+":H"+strconv.Itoa(a+1)] || !s.style(line).Alignment.WrapText {
		t.Errorf("analysis line not merged across and wrapped")
	}
	sign := s.row("A", "NGƯỜI LẬP BIỂU")
	if s.value("D"+strconv.Itoa(sign)) != "THỦ TRƯỞNG ĐƠN VỊ" || s.value("A"+strconv.Itoa(sign+1)) != "(Ký, ghi rõ họ tên)" ||
		s.value("D"+strconv.Itoa(sign+1)) != "(Ký, ghi rõ họ tên)" || sign < a+3 {
		t.Errorf("signature block at %d", sign)
	}

	// Print setup.
	pl, err := f.GetPageLayout("Báo cáo")
	if err != nil {
		t.Fatal(err)
	}
	if *pl.Size != 9 || *pl.FitToWidth != 1 || *pl.FitToHeight != 0 || *pl.Orientation != "landscape" {
		t.Errorf("page %d %s fit %d×%d", *pl.Size, *pl.Orientation, *pl.FitToWidth, *pl.FitToHeight)
	}
	props, err := f.GetSheetProps("Báo cáo")
	if err != nil || props.FitToPage == nil || !*props.FitToPage {
		t.Errorf("fit to page not set: %v", err)
	}
	titles := slices.IndexFunc(f.GetDefinedName(), func(d excelize.DefinedName) bool {
		return d.Name == "_xlnm.Print_Titles" && d.RefersTo == "'Báo cáo'!$"+hr+":$"+strconv.Itoa(h+2)
	})
	if titles < 0 {
		t.Errorf("table header not repeated on each page: %+v", f.GetDefinedName())
	}
}

func TestWriteXLSXCommune(t *testing.T) {
	_, f := openXLSX(t, Options{Area: "QN_BACHE_03", Period: period.MustParse("2023"), DataSet: "KTXH_XA"})
	s := xlsxSheet{t, f, "Báo cáo"}
	if s.value("A1") != "UBND XÃ ĐỒN ĐẠC" || s.value("A6") != "Xã Đồn Đạc, huyện Ba Chẽ" {
		t.Errorf("%q %q", s.value("A1"), s.value("A6"))
	}
	hs := strconv.Itoa(s.row("B", "Trạm y tế xã đạt chuẩn quốc gia"))
	// A commune's own answer: 1 shown as "có".
	if v := s.number("F"+hs, `"có";"có";"không"`); v != 1 {
		t.Errorf("health station %v", v)
	}
	if got, _ := f.GetCellValue("Báo cáo", "F"+hs); got != "có" {
		t.Errorf("shown as %q", got)
	}
	if s.value("G"+hs) != "" {
		t.Errorf("a percentage of a yes/no answer: %q", s.value("G"+hs))
	}
	if r := s.lookup("A", "Nhận xét"); r != 0 {
		t.Errorf("an empty analysis still has its heading at row %d", r)
	}
}

func TestWriteXLSXEnglish(t *testing.T) {
	_, f := openXLSX(t, Options{Area: "QN", Period: period.MustParse("2023"), Lang: "en"}, "Poverty fell.")
	s := xlsxSheet{t, f, "Report"}
	h := strconv.Itoa(s.row("A", "No."))
	if s.value("B"+h) != "Indicator" || s.value("G"+h) != "Comparison (%)" || s.value("D1") != "SOCIALIST REPUBLIC OF VIET NAM" {
		t.Errorf("%q %q %q", s.value("B"+h), s.value("G"+h), s.value("D1"))
	}
	s.row("A", "Remarks")
	s.row("A", "PREPARED BY")
}

func TestWriteXLSXColumns(t *testing.T) {
	r := &Report{Columns: []Column{{"1", "x"}}}
	if err := WriteXLSX(&bytes.Buffer{}, r); err == nil {
		t.Error("a report with one column written")
	}
}

func TestWriteXLSXAgencyLines(t *testing.T) {
	_, f := openXLSX(t, Options{Area: "QN_BACHE_03", Period: period.MustParse("2023"), DataSet: "KTXH_XA",
		Agency: "UBND HUYỆN BA CHẼ\nUBND XÃ ĐỒN ĐẠC"})
	s := xlsxSheet{t, f, "Báo cáo"}
	// The superior office plain, the issuing one bold, a short rule under
	// them; the place-and-date line below the rule.
	if s.value("A1") != "UBND HUYỆN BA CHẼ" || s.style("A1").Font.Bold || s.value("A2") != "UBND XÃ ĐỒN ĐẠC" ||
		!s.style("A2").Font.Bold || !strings.HasPrefix(s.value("A3"), "———") || !strings.HasPrefix(s.value("D4"), "Đồn Đạc, ngày ") {
		t.Errorf("%q %q %q %q", s.value("A1"), s.value("A2"), s.value("A3"), s.value("D4"))
	}
	if s.value("A6") != "BÁO CÁO MỘT SỐ CHỈ TIÊU KINH TẾ - XÃ HỘI NĂM 2023" {
		t.Errorf("title %q", s.value("A6"))
	}
}
