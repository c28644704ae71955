package importer

import (
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"chiso/data/msg"
	"chiso/data/store"
)

// officeSheet is a worksheet laid out the way Vietnamese offices lay them
// out: cells to write and ranges to merge.
type officeSheet struct {
	name   string
	cells  map[string]any // cell reference → value (string, int, float64)
	merges [][2]string    // ranges to merge: top-left, bottom-right
}

// writeOfficeXLSX writes the sheet as Excel would save it.
func writeOfficeXLSX(t *testing.T, name string, s officeSheet) string {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", s.name); err != nil {
		t.Fatal(err)
	}
	for ref, v := range s.cells {
		var err error
		if str, ok := v.(string); ok {
			err = f.SetCellStr(s.name, ref, str)
		} else {
			err = f.SetCellValue(s.name, ref, v)
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	for _, m := range s.merges {
		if err := f.MergeCell(s.name, m[0], m[1]); err != nil {
			t.Fatal(err)
		}
	}
	path := writeFile(t, name, "")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	return path
}

// officeHeading fills the top of a sheet as an office does: the agency and
// the national motto, the title, a reference line.
func officeHeading(cells map[string]any, title string) {
	cells["A1"] = "UBND HUYỆN BA CHẼ"
	cells["A2"] = "PHÒNG LAO ĐỘNG - TB&XH"
	cells["E1"] = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
	cells["E2"] = "Độc lập - Tự do - Hạnh phúc"
	cells["A4"] = title
	cells["A5"] = "(Kèm theo Báo cáo số 15/BC-UBND ngày 10/01/2024 của Phòng Lao động - TB&XH)"
}

// signatureBlock fills the place-and-date line and the signatures under a
// table ending at row last.
func signatureBlock(cells map[string]any, last int) {
	at := func(col string, row int) string { return col + itoa(row) }
	cells[at("E", last+2)] = "Ba Chẽ, ngày 10 tháng 01 năm 2024"
	cells[at("B", last+3)] = "Người lập biểu"
	cells[at("E", last+3)] = "KT. TRƯỞNG PHÒNG"
	cells[at("B", last+4)] = "(Ký, ghi rõ họ tên)"
	cells[at("E", last+4)] = "PHÓ TRƯỞNG PHÒNG"
	cells[at("B", last+7)] = "Nguyễn Văn An"
	cells[at("E", last+7)] = "Trần Thị Bình"
}

func itoa(n int) string {
	s := ""
	for ; n > 0; n /= 10 {
		s = string(rune('0'+n%10)) + s
	}
	return s
}

var officeMerges = [][2]string{{"A1", "C1"}, {"A2", "C2"}, {"E1", "H1"}, {"E2", "H2"}, {"A4", "H4"}, {"A5", "H5"}}

func importAll(t *testing.T, st *store.Store, path string) (*Plan, Summary) {
	t.Helper()
	p := preview(t, st, path, "")
	if err := p.Ready(); err != nil {
		t.Fatalf("not ready: %s\ncolumns %+v", msg.Text(err, "vi"), p.Columns)
	}
	sum, err := Apply(ctx, st, p, nil)
	if err != nil {
		t.Fatalf("%s\n%s", msg.Text(err, "vi"), rejectionsText(sum, "vi"))
	}
	return p, sum
}

func checkValues(t *testing.T, st *store.Store, want map[string]string) {
	t.Helper()
	for k, v := range want {
		parts := strings.Split(k, "/") // element/area/period[/category]
		cat := ""
		if len(parts) == 4 {
			cat = parts[3]
		}
		if got, _ := valueOf(t, st, parts[0], parts[1], parts[2], cat); got != v {
			t.Errorf("%s: %q, want %q", k, got, v)
		}
	}
}

// TestTwoRowHeaderOfWhich reads a sheet whose header has two rows: houses
// supported, then "Trong đó" (of which) merged over its two parts, newly
// built and repaired; under the table, the total row and the signature
// block. The parts used to be dropped without a word.
func TestTwoRowHeaderOfWhich(t *testing.T) {
	st := demoStore(t)
	cells := map[string]any{
		"A7": "STT", "B7": "Đơn vị", "C7": "Số hộ nghèo (chuẩn nghèo đa chiều)", "D7": "Nhà ở được hỗ trợ (căn)", "E7": "Trong đó",
		"E8": "Xây mới", "F8": "Sửa chữa",
		"A9": "A", "B9": "B", "C9": "1", "D9": "2", "E9": "3", "F9": "4",
		"A10": 1, "B10": "Xã Đồn Đạc", "C10": 45, "D10": 12, "E10": 8, "F10": 4,
		"A11": 2, "B11": "Xã Đạp Thanh", "C11": 30, "D11": 9, "E11": 5, "F11": 4,
		"A12": 3, "B12": "Xã Lương Mông", "C12": 52, "D12": 15, "E12": 10, "F12": 5,
		"B13": "Tổng cộng", "C13": 127, "D13": 36, "E13": 23, "F13": 13,
	}
	officeHeading(cells, "BIỂU TỔNG HỢP HỘ NGHÈO VÀ NHÀ Ở ĐƯỢC HỖ TRỢ NĂM 2023")
	signatureBlock(cells, 13)
	path := writeOfficeXLSX(t, "bieu-01.xlsx", officeSheet{"Biểu 01", cells,
		append([][2]string{{"A7", "A8"}, {"B7", "B8"}, {"C7", "C8"}, {"D7", "D8"}, {"E7", "F7"}}, officeMerges...)})

	p, sum := importAll(t, st, path)
	if p.HeaderRow != 7 || p.Period != "2023" {
		t.Errorf("header row %d, period %q", p.HeaderRow, p.Period)
	}
	e, f := column(t, p, "Trong đó / Xây mới"), column(t, p, "Trong đó / Sửa chữa")
	if e.Role != RoleValue || e.Element != "HOUSE_SUPPORT" || e.Category != "NEW" || f.Category != "REPAIR" {
		t.Errorf("parts read as %+v and %+v", *e, *f)
	}
	if sum.Values != 9 || sum.Rejected != 0 || sum.Totals != 1 {
		t.Errorf("summary %+v", sum)
	}
	if sum.EndRow != 15 || !strings.Contains(sum.EndText, "Ba Chẽ, ngày 10 tháng 01 năm 2024") {
		t.Errorf("the table was taken to end at row %d (%q), want 15", sum.EndRow, sum.EndText)
	}
	checkValues(t, st, map[string]string{
		"HH_POOR/QN_BACHE_03/2023": "45", "HH_POOR/QN_BACHE_04/2023": "52",
		"HOUSE_SUPPORT/QN_BACHE_03/2023/NEW": "8", "HOUSE_SUPPORT/QN_BACHE_03/2023/REPAIR": "4",
		"HOUSE_SUPPORT/QN_BACHE_02/2023/NEW": "5", "HOUSE_SUPPORT/QN_BACHE_04/2023/REPAIR": "5",
	})
	// The total column of the parts is not imported, and the dry run says so.
	w := warningsText(sum, "vi")
	contains(t, w, "Nhà ở được hỗ trợ (căn) (D)", "tổng")
}

// TestTwoRowHeaderYears reads "Năm" merged over the years 2021, 2022,
// 2023, the element in the title, and element groups over years.
func TestTwoRowHeaderYears(t *testing.T) {
	st := demoStore(t)
	cells := map[string]any{
		"A7": "STT", "B7": "Tên đơn vị", "C7": "Năm", "F7": "Ghi chú",
		"C8": 2021, "D8": 2022, "E8": 2023,
		"A9": 1, "B9": "Xã Đồn Đạc", "C9": 61, "D9": 52, "E9": 45,
		"A10": 2, "B10": "Xã Đạp Thanh", "C10": 40, "D10": 35, "E10": 30,
		"B11": "Cộng", "C11": 101, "D11": 87, "E11": 75,
	}
	officeHeading(cells, "SỐ HỘ NGHÈO CÁC XÃ GIAI ĐOẠN 2021-2023")
	signatureBlock(cells, 11)
	path := writeOfficeXLSX(t, "ho-ngheo.xlsx", officeSheet{"Hộ nghèo", cells,
		append([][2]string{{"A7", "A8"}, {"B7", "B8"}, {"C7", "E7"}, {"F7", "F8"}}, officeMerges...)})
	p, sum := importAll(t, st, path)
	if p.Element != "HH_POOR" || sum.Values != 6 || sum.Rejected != 0 {
		t.Fatalf("element %q, summary %+v", p.Element, sum)
	}
	checkValues(t, st, map[string]string{"HH_POOR/QN_BACHE_03/2021": "61", "HH_POOR/QN_BACHE_03/2023": "45", "HH_POOR/QN_BACHE_02/2022": "35"})

	// Two elements, each merged over the same years.
	st = demoStore(t)
	cells = map[string]any{
		"A7": "STT", "B7": "Đơn vị", "C7": "Số hộ nghèo", "E7": "Số hộ cận nghèo",
		"C8": "Năm 2022", "D8": "Năm 2023", "E8": "Năm 2022", "F8": "Năm 2023",
		"A9": 1, "B9": "Xã Đồn Đạc", "C9": 52, "D9": 45, "E9": 70, "F9": 66,
		"A10": 2, "B10": "Xã Đạp Thanh", "C10": 35, "D10": 30, "E10": 41, "F10": 38,
	}
	officeHeading(cells, "HỘ NGHÈO, HỘ CẬN NGHÈO")
	signatureBlock(cells, 10)
	path = writeOfficeXLSX(t, "ngheo-can-ngheo.xlsx", officeSheet{"Biểu 2", cells,
		append([][2]string{{"A7", "A8"}, {"B7", "B8"}, {"C7", "D7"}, {"E7", "F7"}}, officeMerges...)})
	_, sum = importAll(t, st, path)
	if sum.Values != 8 || sum.Rejected != 0 {
		t.Fatalf("summary %+v", sum)
	}
	checkValues(t, st, map[string]string{"HH_POOR/QN_BACHE_03/2022": "52", "HH_NEARPOOR/QN_BACHE_03/2023": "66", "HH_NEARPOOR/QN_BACHE_02/2022": "41"})
}

// TestUnmappedNumbersWarned: a column of numbers that no role maps is
// named in the dry run, rather than dropped without a word.
func TestUnmappedNumbersWarned(t *testing.T) {
	st := demoStore(t)
	path := writeXLSX(t, "xa.xlsx", sheet{"Năm 2023", [][]any{
		{"STT", "Tên xã", "Tổng số hộ dân cư", "Số hộ khó khăn"},
		{1, "Xã Đồn Đạc", 1234, 17},
		{2, "Xã Đạp Thanh", 987, 9},
	}})
	p := preview(t, st, path, "")
	sum, err := DryRun(ctx, st, p, nil)
	if err != nil || sum.Values != 2 || sum.Rejected != 0 {
		t.Fatalf("%+v %v", sum, err)
	}
	w := warningsText(sum, "vi")
	contains(t, w, "Số hộ khó khăn (D)", "2")
	if strings.Contains(w, "STT") {
		t.Errorf("the row numbers of STT are warned about: %s", w)
	}
	if en := warningsText(sum, "en"); !strings.Contains(en, "Số hộ khó khăn (D)") || en == w {
		t.Errorf("English warning: %s", en)
	}
}

// TestSignatureBlockEndsTheTable: a long table with a signature block
// under it imports, and the dry run says where the table ended; a row
// with an unknown area and a number is still refused.
func TestSignatureBlockEndsTheTable(t *testing.T) {
	st := demoStore(t)
	rows := [][]any{
		{"element", "area", "period", "value"},
		{"POP", "QN_BACHE_03", 2023, 2500},
		{"POP", "QN_BACHE_02", 2023, 1800},
		{},
		{nil, nil, "Ba Chẽ, ngày 10 tháng 01 năm 2024"},
		{nil, "Người lập biểu", nil, "Chủ tịch UBND"},
	}
	p := preview(t, st, writeXLSX(t, "dai.xlsx", sheet{"Số liệu", rows}), "")
	sum, err := DryRun(ctx, st, p, nil)
	if err != nil || sum.Values != 2 || sum.Rejected != 0 || sum.EndRow != 5 {
		t.Fatalf("%+v %v\n%s", sum, err, rejectionsText(sum, "vi"))
	}
	// A row that holds a number is data, however far down.
	rows = append(rows, []any{"POP", "Xã Không Có", 2023, 7})
	p = preview(t, st, writeXLSX(t, "dai2.xlsx", sheet{"Số liệu", rows}), "")
	sum, err = DryRun(ctx, st, p, nil)
	if err != nil || sum.EndRow != 0 || sum.Rejected == 0 {
		t.Fatalf("%+v %v", sum, err)
	}
	contains(t, rejectionsText(sum, "vi"), "Xã Không Có")
}

// TestFieldCountDiffersFromHeader: an unquoted decimal comma in a
// comma-separated file splits the value in two; the row is refused with
// its line, not stored as its first half. Every such row is listed.
func TestFieldCountDiffersFromHeader(t *testing.T) {
	st := demoStore(t)
	path := writeFile(t, "thu-nhap.csv", "element,area,period,value\n"+
		"INC_PC,QN_BACHE_03,2023,47,9\n"+
		"POP,QN_BACHE_03,2023,2500\n"+
		"INC_PC,QN_BACHE_02,2023,38,25\n"+
		"POP,QN_BACHE_02,2023\n")
	p := preview(t, st, path, "")
	before := allValues(t, st)
	sum, err := Apply(ctx, st, p, nil)
	if err == nil {
		t.Fatal("a file with misaligned rows was imported")
	}
	mustBeUnchanged(t, st, before, sum)
	if sum.Rejected != 3 {
		t.Errorf("%d rejections, want 3:\n%s", sum.Rejected, rejectionsText(sum, "vi"))
	}
	text := rejectionsText(sum, "vi")
	contains(t, text, "dòng 2", "dòng 4", "dòng 5", "5 trường", "3 trường", "4 trường", `"47,9"`)
	if strings.Contains(text, "dòng 3") {
		t.Errorf("the good line 3 is refused:\n%s", text)
	}
}

func warningsText(sum Summary, lang string) string {
	var b strings.Builder
	for _, w := range sum.Warnings {
		b.WriteString(msg.Text(w, lang))
		b.WriteByte('\n')
	}
	return b.String()
}
