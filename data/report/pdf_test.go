package report

import (
	"bytes"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"chiso/data/number"
	"chiso/data/period"
)

// pdfFixedNow makes the PDFs of the tests byte for byte the same.
func pdfFixedNow(t *testing.T) {
	t.Helper()
	old := pdfNow
	pdfNow = func() time.Time { return time.Date(2026, 11, 28, 9, 0, 0, 0, time.UTC) }
	t.Cleanup(func() { pdfNow = old })
}

// pdfTestReport is a report of a commune in Vietnamese with 40 rows (so
// the table runs over two pages), a negative change, missing values, a
// yes/no element, 13 districts ranked against a 1% threshold and a trend
// 2011–2024 with a year missing.
func pdfTestReport() *Report {
	num := func(v float64) Num { return Num{Value: v, OK: true} }
	pct := func(a, b Num) Num {
		if !a.OK || !b.OK || b.Value == 0 {
			return Num{}
		}
		return num(a.Value / b.Value * 100)
	}
	row := func(no, code, name, unit string, dec int, prev, target, cur Num) Row {
		r := Row{Number: no, Code: code, Name: name, Unit: unit, Decimals: dec}
		r.Values[ColPrevious], r.Values[ColTarget], r.Values[ColCurrent] = prev, target, cur
		r.Values[ColPctPrevious] = pct(cur, prev)
		r.Values[ColPctTarget] = pct(cur, target)
		return r
	}
	rows := []Row{
		{Number: "I", Name: "Dữ liệu đầu vào", Heading: true},
		row("1", "POP", "Dân số trung bình", "người", 0, num(12180), num(12300), num(12345)),
		row("2", "HH_TOTAL", "Tổng số hộ dân cư", "hộ", 0, num(3020), num(3050), num(3058)),
		row("3", "HH_POOR", "Số hộ nghèo (chuẩn nghèo đa chiều)", "hộ", 0, num(138), num(100), num(95)),
		row("4", "HH_NEARPOOR", "Số hộ cận nghèo", "hộ", 0, num(212), Num{}, num(190)),
		row("5", "HH_ELEC", "Số hộ sử dụng điện lưới quốc gia", "hộ", 0, num(2990), num(3050), num(3041)),
		row("6", "HH_WATER", "Số hộ sử dụng nước sinh hoạt hợp vệ sinh", "hộ", 0, num(2705), num(2900), num(2862)),
		{Number: "7", Code: "HS_STD", Name: "Trạm y tế xã đạt chuẩn quốc gia", Unit: "có/không", YesNo: true,
			Values: [NumColumns]Num{num(1), num(1), num(1)}},
		row("8", "INC_PC", "Thu nhập bình quân đầu người", "triệu đồng/người/năm", 1, num(52.4), num(56), num(57.9)),
		row("9", "SS_SPEND", "Chi cho an sinh xã hội", "tỷ đồng", 1, num(1120.8), num(1200), num(1234.5)),
		row("10", "HOUSE_SUPPORT", "Nhà ở được hỗ trợ (xây mới / sửa chữa)", "căn", 0, num(48), num(60), num(63)),
		row("10.1", "HOUSE_SUPPORT.NEW", "Xây mới", "căn", 0, num(30), num(40), num(41)),
		row("10.2", "HOUSE_SUPPORT.REPAIR", "Sửa chữa", "căn", 0, num(18), num(20), num(22)),
	}
	extra := []string{
		"Số lao động được đào tạo nghề", "Số lao động có việc làm mới", "Diện tích lúa cả năm",
		"Sản lượng lương thực có hạt", "Tổng đàn gia súc", "Diện tích rừng trồng mới",
		"Số trẻ em dưới 5 tuổi được tiêm chủng đầy đủ", "Số người tham gia bảo hiểm y tế",
		"Số hộ được vay vốn ưu đãi", "Chiều dài đường giao thông nông thôn được cứng hoá",
		"Số thôn, bản có nhà văn hoá đạt chuẩn", "Số trường học đạt chuẩn quốc gia",
		"Số hộ gia đình văn hoá", "Số người cao tuổi được hưởng trợ cấp xã hội",
		"Số người khuyết tật được hưởng trợ cấp", "Tổng thu ngân sách trên địa bàn",
		"Tổng chi ngân sách địa phương", "Vốn đầu tư phát triển trên địa bàn",
		"Số doanh nghiệp, hợp tác xã đang hoạt động", "Số lượt khách du lịch",
	}
	for i, name := range extra {
		prev := float64(100 + 37*i)
		rows = append(rows, row(strconv.Itoa(11+i), fmt.Sprintf("X%02d", i), name, "đơn vị", 0,
			num(prev), num(prev*1.05), num(prev*(1+float64(i%7-2)/50))))
	}
	rows = append(rows, Row{Number: "II", Name: "Chỉ số tính toán", Heading: true})
	ind := func(no, code, name, unit string, prev, target, cur Num) Row {
		r := row(no, code, name, unit, 2, prev, target, cur)
		r.Indicator = true
		return r
	}
	rows = append(rows,
		ind("1", "POV_RATE", "Tỷ lệ hộ nghèo", "%", num(4.56), num(3.28), num(3.11)),
		ind("2", "NEARPOOR_RATE", "Tỷ lệ hộ cận nghèo", "%", num(7.02), Num{}, num(6.21)),
		ind("3", "ELEC_RATE", "Tỷ lệ hộ sử dụng điện lưới quốc gia", "%", num(99.01), num(100), num(99.44)),
		ind("4", "WATER_RATE", "Tỷ lệ hộ sử dụng nước hợp vệ sinh", "%", num(89.57), num(95.08), num(93.59)),
		ind("5", "POP_GROWTH", "Tốc độ tăng dân số", "%", num(1.2), num(1), num(-0.4)),
		ind("6", "INC_GROWTH", "Tốc độ tăng thu nhập bình quân đầu người", "%", num(8.3), num(7), Num{}),
	)
	threshold := 1.0
	nan := math.NaN()
	return &Report{
		Lang:     "vi",
		Agency:   "UBND XÃ ĐỒN ĐẠC",
		Motto:    [2]string{"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"},
		Title:    "BÁO CÁO MỘT SỐ CHỈ TIÊU KINH TẾ - XÃ HỘI NĂM 2024",
		Subtitle: "Xã Đồn Đạc, huyện Ba Chẽ, tỉnh Quảng Ninh",
		Place:    "Đồn Đạc, ngày 28 tháng 11 năm 2026",
		Area:     "22-DD",
		AreaName: "Xã Đồn Đạc",
		Period:   period.MustParse("2024"),
		Previous: period.MustParse("2023"),
		Columns: []Column{
			{"1", "Thực hiện năm 2023"},
			{"2", "Kế hoạch năm 2024"},
			{"3", "Thực hiện năm 2024"},
			{"4=3/1", "So với cùng kỳ"},
			{"5=3/2", "So với kế hoạch"},
		},
		Rows: rows,
		Analysis: []string{
			"Tỷ lệ hộ nghèo giảm từ 4,56% năm 2023 xuống 3,11% năm 2024, vượt kế hoạch đề ra.",
			"Dân số trung bình đạt 12.345 người; tốc độ tăng dân số là -0,4%, thấp hơn kế hoạch 1,4 điểm phần trăm " +
				"do một bộ phận lao động trẻ chuyển đến các khu công nghiệp của tỉnh, trong khi số hộ sử dụng nước " +
				"sinh hoạt hợp vệ sinh tiếp tục tăng và đạt 93,59%, gần bằng mục tiêu 95,08% của năm.",
			"Chi cho an sinh xã hội đạt 1.234,5 tỷ đồng, bằng 110,1% cùng kỳ.",
			"Người lập biểu đã đối chiếu số liệu với sổ theo dõi của các thôn, bản.",
		},
		Ranked: &Ranked{
			Title:    "Tỷ lệ hộ nghèo theo đơn vị, năm 2024",
			Unit:     "%",
			Decimals: 2,
			Labels: []string{"Hạ Long", "Móng Cái", "Cẩm Phả", "Uông Bí", "Đông Triều", "Quảng Yên", "Vân Đồn",
				"Cô Tô", "Tiên Yên", "Đầm Hà", "Hải Hà", "Bình Liêu", "Ba Chẽ"},
			Values:    []float64{0.08, 0.21, 0.16, 0.11, 0.38, 0.29, 0.41, 0.62, 1.84, 1.27, 0.95, 3.05, 4.12},
			Threshold: &threshold,
		},
		Trend: &Trend{
			Title:    "Tỷ lệ hộ nghèo qua các năm 2011-2024",
			Unit:     "%",
			Decimals: 2,
			Labels: []string{"2011", "2012", "2013", "2014", "2015", "2016", "2017", "2018", "2019", "2020",
				"2021", "2022", "2023", "2024"},
			Values: []float64{12.4, 10.9, 9.6, 8.1, 6.9, nan, 4.56, 3.9, 3.1, 2.4, 1.8, 5.1, 4.56, 3.11},
		},
	}
}

// pdfTools fails the test when poppler's tools are missing.
func pdfTools(t *testing.T) {
	t.Helper()
	for _, tool := range []string{"pdfinfo", "pdftotext", "pdftoppm"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Fatalf("%s not found (package poppler-utils): run scripts/deps.sh test", tool)
		}
	}
}

// pdfOutDir is where a test leaves its PDF and PNGs: $CHISO_PDF_OUT when
// set (to look at them), a temporary directory otherwise.
func pdfOutDir(t *testing.T) string {
	t.Helper()
	dir := os.Getenv("CHISO_PDF_OUT")
	if dir == "" {
		return t.TempDir()
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// pdfRun runs a poppler tool and returns its output.
func pdfRun(t *testing.T, name string, args ...string) string {
	t.Helper()
	out, err := exec.Command(name, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
	}
	return string(out)
}

// pdfCheck writes r to dir/name.pdf, checks it with poppler and returns
// its page count and its text with each run of spaces and line breaks
// made one space.
func pdfCheck(t *testing.T, r *Report, dir, name string) (pages int, text string) {
	t.Helper()
	var buf bytes.Buffer
	if err := WritePDF(&buf, r); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(dir, name+".pdf")
	if err := os.WriteFile(file, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	info := pdfRun(t, "pdfinfo", file)
	m := regexp.MustCompile(`(?m)^Pages:\s+(\d+)`).FindStringSubmatch(info)
	if m == nil {
		t.Fatalf("pdfinfo gives no page count:\n%s", info)
	}
	pages, _ = strconv.Atoi(m[1])
	raw := pdfRun(t, "pdftotext", "-layout", "-enc", "UTF-8", file, "-")
	text = strings.Join(strings.Fields(raw), " ")

	prefix := filepath.Join(dir, name)
	old, _ := filepath.Glob(prefix + "-*.png")
	for _, f := range old {
		os.Remove(f)
	}
	pdfRun(t, "pdftoppm", "-png", "-r", "60", file, prefix)
	pngs, _ := filepath.Glob(prefix + "-*.png")
	if len(pngs) != pages {
		t.Errorf("pdftoppm made %d pages, pdfinfo says %d", len(pngs), pages)
	}
	return pages, text
}

func TestWritePDF(t *testing.T) {
	pdfTools(t)
	pdfFixedNow(t)
	r := pdfTestReport()
	pages, text := pdfCheck(t, r, pdfOutDir(t), "report")
	// page 1: header and the table's first rows; 2: the rest of the table
	// and the analysis; 3: the charts and the signatures
	if pages != 3 {
		t.Errorf("%d pages, want 3", pages)
	}
	for _, want := range []string{
		"UBND XÃ ĐỒN ĐẠC",
		"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
		"Độc lập - Tự do - Hạnh phúc",
		"Đồn Đạc, ngày 28 tháng 11 năm 2026",
		"BÁO CÁO MỘT SỐ CHỈ TIÊU KINH TẾ - XÃ HỘI NĂM 2024",
		"Xã Đồn Đạc, huyện Ba Chẽ, tỉnh Quảng Ninh",
		"So sánh (%)",
		"4=3/1", "5=3/2",
		"Tỷ lệ hộ nghèo",
		"Số hộ sử dụng nước sinh hoạt hợp vệ sinh",
		"12.345", "1.234,5", "-0,4", "1.120,8",
		"Nhận xét",
		"Tỷ lệ hộ nghèo giảm từ 4,56% năm 2023 xuống 3,11% năm 2024, vượt kế hoạch đề ra.",
		"Người lập biểu đã đối chiếu số liệu với sổ theo dõi của các thôn, bản.",
		"Tỷ lệ hộ nghèo theo đơn vị, năm 2024",
		"Ngưỡng 1%", "Ba Chẽ", "4,12", "Đầm Hà",
		"Tỷ lệ hộ nghèo qua các năm 2011-2024", "2011", "2024",
		"NGƯỜI LẬP BIỂU", "THỦ TRƯỞNG ĐƠN VỊ", "(Ký, ghi rõ họ tên)",
		"Trang 1/3", "Trang 2/3", "Trang 3/3",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the PDF's text lacks %q", want)
		}
	}
	// the long sentence is justified over several lines: its words come
	// back in order
	long := r.Analysis[1]
	if !strings.Contains(text, long) {
		t.Errorf("the PDF's text lacks the long analysis sentence %q", long)
	}
	// the table's header is repeated on page 2
	if n := strings.Count(text, "So sánh (%)"); n != 2 {
		t.Errorf("the table's header appears %d times, want 2 (one a page)", n)
	}
	// the missing target of the near-poor rate leaves its cells empty: the
	// row reads previous, current, % of previous and nothing more
	if !strings.Contains(text, "Tỷ lệ hộ cận nghèo % 7,02 6,21 88,5 ") {
		t.Errorf("the near-poor row is not as expected in:\n%s", text)
	}
}

func TestWritePDFEnglish(t *testing.T) {
	pdfTools(t)
	pdfFixedNow(t)
	r := pdfTestReport()
	r.Lang = "en"
	r.Title = "REPORT ON SELECTED SOCIO-ECONOMIC INDICATORS FOR 2024"
	r.Rows = r.Rows[:12]
	r.Trend = nil
	pages, text := pdfCheck(t, r, pdfOutDir(t), "report-en")
	if pages < 1 {
		t.Fatal("no page")
	}
	for _, want := range []string{
		"REPORT ON SELECTED SOCIO-ECONOMIC INDICATORS FOR 2024",
		"Comparison (%)", "1,234.5", "12,345", "Yes", "Analysis", "Threshold 1%",
		"PREPARED BY", "HEAD OF THE OFFICE", fmt.Sprintf("Page %d/%d", pages, pages),
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the PDF's text lacks %q", want)
		}
	}
}

func TestWritePDFDeterministic(t *testing.T) {
	pdfFixedNow(t)
	var a, b bytes.Buffer
	if err := WritePDF(&a, pdfTestReport()); err != nil {
		t.Fatal(err)
	}
	if err := WritePDF(&b, pdfTestReport()); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("two writes of the same report differ")
	}
	if !bytes.HasPrefix(a.Bytes(), []byte("%PDF-")) {
		t.Errorf("not a PDF: %q", a.Bytes()[:min(a.Len(), 16)])
	}
}

func TestWritePDFEdgeCases(t *testing.T) {
	if err := WritePDF(&bytes.Buffer{}, nil); err == nil {
		t.Error("a nil report was written")
	}
	// an empty report and one with nothing but odd text still make a PDF
	for _, r := range []*Report{
		{Lang: "vi"},
		{Lang: "en", Title: "Tab\there, emoji 😀, decomposed Vie\u0302\u0323t", Rows: []Row{{Number: "1", Name: "x"}},
			Ranked: &Ranked{Values: []float64{math.NaN()}, Labels: []string{"a"}},
			Trend:  &Trend{Values: []float64{math.NaN(), math.NaN()}, Labels: []string{"2023", "2024"}}},
	} {
		var buf bytes.Buffer
		if err := WritePDF(&buf, r); err != nil {
			t.Errorf("%+v: %v", r, err)
		} else if !bytes.HasPrefix(buf.Bytes(), []byte("%PDF-")) {
			t.Errorf("%+v: not a PDF", r)
		}
	}
}

func TestPDFSteps(t *testing.T) {
	for _, c := range []struct {
		lo, hi     float64
		first, end float64
		dec        int
	}{
		{0, 4.12, 0, 5, 0},
		{0, 12.4, 0, 12.5, 1},
		{0, 1, 0, 1, 1},
		{-0.4, 1.2, -0.5, 1.5, 1},
		{0, 0, 0, 1, 1},
		{0, 1234.5, 0, 1250, 0},
	} {
		ticks, dec := pdfSteps(c.lo, c.hi, 5)
		if ticks[0] != c.first || math.Abs(ticks[len(ticks)-1]-c.end) > 1e-9 || dec != c.dec {
			t.Errorf("pdfSteps(%v, %v) = %v, %d decimals; want %v…%v, %d", c.lo, c.hi, ticks, dec, c.first, c.end, c.dec)
		}
	}
}

// TestWritePDFDemo writes the PDF of the demo database's reports: the
// province in 2020 with the 1% poverty line, and a commune in English.
func TestWritePDFDemo(t *testing.T) {
	pdfTools(t)
	pdfFixedNow(t)
	en := demoEngine(t)
	one := 1.0
	today := time.Date(2026, 11, 28, 0, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		name string
		o    Options
		st   number.Style
		want []string
	}{
		{"demo-province", Options{Area: "QN", Period: period.MustParse("2020"), Key: "POV_RATE", Threshold: &one, Today: today},
			number.Vietnamese, []string{"UBND TỈNH QUẢNG NINH", "BÁO CÁO MỘT SỐ CHỈ TIÊU KINH TẾ - XÃ HỘI NĂM 2020", "Tỷ lệ hộ nghèo", "Nhận xét", "Ngưỡng 1%"}},
		{"demo-commune-en", Options{Area: "QN_BACHE_03", Period: period.MustParse("2023"), DataSet: "KTXH_XA", Lang: "en", Today: today},
			number.English, []string{"Independence - Freedom - Happiness", "Comparison (%)", "PREPARED BY"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			r, err := New(en, c.o, c.st)
			if err != nil {
				t.Fatal(err)
			}
			pages, text := pdfCheck(t, r, pdfOutDir(t), c.name)
			want := append(c.want, r.Title, r.Place, fmt.Sprintf(map[bool]string{true: "Trang %d/%d", false: "Page %d/%d"}[r.Lang == "vi"], pages, pages))
			for _, a := range r.Analysis {
				want = append(want, strings.Join(strings.Fields(a), " "))
			}
			for _, w := range want {
				if !strings.Contains(text, w) {
					t.Errorf("the PDF's text lacks %q", w)
				}
			}
		})
	}
}
