//go:build ci

package app

import (
	"context"
	"fmt"
	"image/color"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/xuri/excelize/v2"

	"chiso/data/importer"
	"chiso/data/store"
)

// newTestImport shows the import screen on a new demo database as it
// stood at the end of 2023 (the tests import figures of 2024 as new ones).
func newTestImport(t *testing.T) *importUI {
	t.Helper()
	s := newTestSession(t, openDemoThrough(t, 2023))
	ui := newImportUI(s)
	s.win.SetContent(ui.content)
	return ui
}

// writeImportFile writes a text file in a temporary folder.
func writeImportFile(t *testing.T, name, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// importSheet is a worksheet to write: its name and its rows (string cells
// are written as text, as typed into a text-formatted cell).
type importSheet struct {
	name string
	rows [][]any
}

// writeImportXLSX writes a workbook with the sheets given, in order.
func writeImportXLSX(t *testing.T, name string, sheets ...importSheet) string {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for i, sh := range sheets {
		if i == 0 {
			if err := f.SetSheetName("Sheet1", sh.name); err != nil {
				t.Fatal(err)
			}
		} else if _, err := f.NewSheet(sh.name); err != nil {
			t.Fatal(err)
		}
		for r, row := range sh.rows {
			for c, v := range row {
				ref, _ := excelize.CoordinatesToCellName(c+1, r+1)
				var err error
				switch v := v.(type) {
				case nil:
					continue
				case string:
					err = f.SetCellStr(sh.name, ref, v)
				default:
					err = f.SetCellValue(sh.name, ref, v)
				}
				if err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	path := filepath.Join(t.TempDir(), name)
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	return path
}

// nearPoorRows is a wide table by period as communes keep them: a title
// naming the element, area names typed without accents, a column of
// numbers typed as text with a dot that reads differently in the two
// number styles, and a row of totals.
var nearPoorRows = [][]any{
	{"SỐ HỘ CẬN NGHÈO CÁC XÃ HUYỆN CÔ TÔ"},
	{"STT", "Ten xa", "Nam 2022", "Nam 2023", "Nam 2024"},
	{1, "Thi tran Co To", 52, 45, 41},
	{2, "Xa Dong Tien", 33, 30, 28},
	{3, "Xa Thanh Lan", 1210, "1.020", 998},
	{nil, "Tong cong", 1295, "1.095", 1067},
}

// nearPoorXLSX writes the near-poor workbook, after a sheet of notes.
func nearPoorXLSX(t *testing.T) string {
	return writeImportXLSX(t, "ho-can-ngheo.xlsx",
		importSheet{"Hướng dẫn", [][]any{{"Số liệu ở trang Cận nghèo"}}},
		importSheet{"Cận nghèo", nearPoorRows})
}

// line returns the mapping line of the column with the header.
func (ui *importUI) line(t *testing.T, header string) *columnLine {
	t.Helper()
	for _, l := range ui.lines {
		if ui.plan.Columns[l.index].Header == header {
			return l
		}
	}
	t.Fatalf("no column %q", header)
	return nil
}

// resultText is the text of the result card.
func (ui *importUI) resultText() string {
	var b strings.Builder
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch o := o.(type) {
		case *widget.Label:
			b.WriteString(o.Text + "\n")
		case *widget.RichText:
			b.WriteString(o.String() + "\n")
		case *fyne.Container:
			for _, c := range o.Objects {
				walk(c)
			}
		}
	}
	walk(ui.result)
	return b.String()
}

// valueOf returns the stored value of a key, "" when none.
func importedValue(t *testing.T, st *store.Store, element, area, per, cat string) (string, string) {
	t.Helper()
	vals, err := st.Values(context.Background(), store.ValueFilter{Elements: []string{element}, Areas: []string{area}, Periods: []string{per}})
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range vals {
		if v.Category == cat {
			return v.Value, v.Comment
		}
	}
	return "", ""
}

func mustContain(t *testing.T, what, text string, parts ...string) {
	t.Helper()
	for _, p := range parts {
		if !strings.Contains(text, p) {
			t.Errorf("%s lacks %q:\n%s", what, p, text)
		}
	}
}

func TestImport_LongCSVShowsColumnsAndSample(t *testing.T) {
	ui := newTestImport(t)
	if !ui.dryRun.Disabled() || !ui.apply.Disabled() || ui.mappingCard.Visible() {
		t.Fatal("before a file: the buttons should be off and the mapping hidden")
	}
	path := writeImportFile(t, "so-lieu-xa.csv", "\ufeffChỉ tiêu;Địa bàn;Kỳ;Giá trị;Ghi chú\n"+
		"HH_TOTAL;QN_COTO_02;2024;1.234;\n"+
		"INC_PC;Xã Đồng Tiến;2024;61,25;ước tính\n"+
		"SS_SPEND;QN_COTO_02;2024;2,5;\n")
	ui.load(path)
	if ui.plan == nil {
		t.Fatalf("no plan: %s", ui.fileErr.Text)
	}
	mustContain(t, "file line", ui.fileInfo.Text, "so-lieu-xa.csv", "CSV")
	mustContain(t, "detected", ui.detected.Text, "Dạng dài", "3 dòng số liệu")
	if ui.sheetBox.Visible() {
		t.Error("a CSV has one sheet: no sheet Select")
	}
	want := map[string]importer.Role{"Chỉ tiêu": importer.RoleElement, "Địa bàn": importer.RoleArea, "Kỳ": importer.RolePeriod,
		"Giá trị": importer.RoleValue, "Ghi chú": importer.RoleComment}
	for h, r := range want {
		l := ui.line(t, h)
		if l.role.Selected != r.Label("vi") {
			t.Errorf("column %q shows the role %q, want %q", h, l.role.Selected, r.Label("vi"))
		}
		if l.styleBox.Visible() != (r == importer.RoleValue) {
			t.Errorf("column %q: style Select shown %v", h, l.styleBox.Visible())
		}
	}
	v := ui.line(t, "Giá trị")
	if v.name.Text != "D — Giá trị" || v.style.Selected != importer.StyleVietnamese.Label("vi") || v.icon.Visible() {
		t.Errorf("value column: %q, style %q, warning shown %v", v.name.Text, v.style.Selected, v.icon.Visible())
	}
	mustContain(t, "value column", v.info.Text, "ví dụ “61,25” ở dòng 3")
	mustContain(t, "readiness", ui.missing.Text, "Đã đủ thông tin")
	if ui.dryRun.Disabled() || !ui.apply.Disabled() {
		t.Errorf("a ready plan: dry run off %v, apply off %v", ui.dryRun.Disabled(), ui.apply.Disabled())
	}

	// The preview shows the header row and the values as written.
	if rows, cols := ui.tableSize(); rows != 4 || cols != 5 {
		t.Errorf("preview %d×%d, want 4×5", rows, cols)
	}
	markup := test.RenderToMarkup(ui.s.win.Canvas())
	for _, s := range []string{"Chỉ tiêu", "1.234", "61,25", "ước tính", "Xã Đồng Tiến", "D · giá trị"} {
		if !strings.Contains(markup, s) {
			t.Errorf("the preview does not show %q", s)
		}
	}
}

func TestImport_AmbiguousColumnBlocksUntilStyleChosen(t *testing.T) {
	ui := newTestImport(t)
	ui.load(nearPoorXLSX(t))
	// The first sheet holds notes only: said inline, the sheet can be chosen.
	if ui.plan != nil || !ui.fileErr.Visible() || !ui.sheetBox.Visible() {
		t.Fatalf("notes sheet: plan %v, error shown %v, sheets shown %v", ui.plan != nil, ui.fileErr.Visible(), ui.sheetBox.Visible())
	}
	mustContain(t, "error", ui.fileErr.Text, "không tìm thấy dòng tiêu đề")
	ui.sheetSel.SetSelected("Cận nghèo")
	if ui.plan == nil {
		t.Fatalf("no plan: %s", ui.fileErr.Text)
	}
	if ui.fileErr.Visible() {
		t.Errorf("the error of the other sheet is still shown: %s", ui.fileErr.Text)
	}
	mustContain(t, "detected", ui.detected.Text, "Địa bàn × kỳ", "hàng 2", "SỐ HỘ CẬN NGHÈO")
	if l := ui.line(t, "Ten xa"); l.role.Selected != "địa bàn" {
		t.Errorf("area column: %q", l.role.Selected)
	}
	if l := ui.line(t, "STT"); l.role.Selected != "bỏ qua" {
		t.Errorf("STT column: %q", l.role.Selected)
	}
	// The element, read from the title, is shown to be checked; the
	// periods come from the headers.
	if !ui.elementRow.Visible() || !strings.Contains(ui.elementSel.Selected, "(HH_NEARPOOR)") || ui.periodRow.Visible() {
		t.Errorf("element shown %v (%q), period shown %v", ui.elementRow.Visible(), ui.elementSel.Selected, ui.periodRow.Visible())
	}

	amb := ui.line(t, "Nam 2023")
	if !amb.icon.Visible() || amb.frame.StrokeColor == color.Transparent || amb.style.Selected != "" {
		t.Errorf("ambiguous column not highlighted: icon %v, frame %v, selected %q", amb.icon.Visible(), amb.frame.StrokeColor, amb.style.Selected)
	}
	if amb.info.Importance != widget.WarningImportance {
		t.Errorf("ambiguous column info importance %v", amb.info.Importance)
	}
	mustContain(t, "ambiguous column", amb.info.Text, "ví dụ “1.020” ở hàng 5", "Năm 2023")
	if clear := ui.line(t, "Nam 2022"); clear.icon.Visible() {
		t.Error("a column of Excel numbers is highlighted")
	}
	mustContain(t, "readiness", ui.missing.Text, "Còn thiếu", "Nam 2023 (D)", "chọn kiểu số")
	if !ui.dryRun.Disabled() || !ui.apply.Disabled() {
		t.Fatal("an ambiguous column must block the dry run and the import")
	}
	test.Tap(ui.dryRun)
	if ui.sum != nil || ui.resultCard.Visible() {
		t.Fatal("a disabled dry run ran")
	}

	// Choosing the style through the column's Select unblocks it.
	amb.style.SetSelected(importer.StyleVietnamese.Label("vi"))
	if ui.plan.Columns[amb.index].Style != importer.StyleVietnamese {
		t.Fatalf("style %v", ui.plan.Columns[amb.index].Style)
	}
	if amb.icon.Visible() || amb.info.Importance == widget.WarningImportance {
		t.Error("still highlighted once a style is chosen")
	}
	mustContain(t, "readiness", ui.missing.Text, "Đã đủ thông tin")
	if ui.dryRun.Disabled() || !ui.apply.Disabled() {
		t.Fatalf("after choosing: dry run off %v, apply off %v", ui.dryRun.Disabled(), ui.apply.Disabled())
	}

	// Another layout reads the sheet again: read as a long table it has no
	// header; back to detection, the sheet and the style chosen are kept.
	ui.layoutSel.SetSelected("Dạng dài (mỗi dòng một giá trị)")
	if ui.plan != nil || !ui.fileErr.Visible() || ui.mappingCard.Visible() || !ui.dryRun.Disabled() {
		t.Fatalf("long layout: plan %v, error shown %v", ui.plan != nil, ui.fileErr.Visible())
	}
	mustContain(t, "error", ui.fileErr.Text, "trang Cận nghèo", "không tìm thấy dòng tiêu đề")
	ui.layoutSel.SetSelected("Tự nhận biết")
	if ui.plan == nil || ui.plan.Sheet != "Cận nghèo" {
		t.Fatalf("back to detection: %s", ui.fileErr.Text)
	}
	amb = ui.line(t, "Nam 2023")
	if ui.plan.Columns[amb.index].Style != importer.StyleVietnamese || amb.style.Selected != importer.StyleVietnamese.Label("vi") || ui.dryRun.Disabled() {
		t.Fatalf("the style chosen was lost when reading again: %v", ui.plan.Columns[amb.index].Style)
	}
	test.Tap(ui.dryRun)
	if ui.sum == nil || ui.sum.Rejected != 0 || ui.sum.Values != 9 || ui.sum.Totals != 1 {
		t.Fatalf("dry run: %+v\n%s", ui.sum, ui.resultText())
	}
	if ui.apply.Disabled() {
		t.Fatal("a clean dry run leaves the import off")
	}
	// Another choice is another plan: the dry run is due again.
	amb.style.SetSelected(importer.StyleEnglish.Label("vi"))
	if !ui.apply.Disabled() {
		t.Error("the import stays on after the plan changed")
	}
	mustContain(t, "status", ui.status.Text, "chạy thử lại")
}

func TestImport_DryRunRejectsBadLine(t *testing.T) {
	ui := newTestImport(t)
	st := ui.s.st
	before, _ := importedValue(t, st, "HH_TOTAL", "QN_COTO_02", "2024", "")
	path := writeImportFile(t, "loi.csv", "Chỉ tiêu;Địa bàn;Kỳ;Giá trị\n"+
		"HH_TOTAL;QN_COTO_02;2024;1.777\n"+
		"INC_PC;QN_COTO_02;2024;61,25\n"+
		"HH_POOR;QN_COTO_02;2024;mười hai\n"+
		"HH_NEARPOOR;Xa Khong Co;2024;12\n")
	ui.load(path)
	if ui.plan == nil {
		t.Fatal(ui.fileErr.Text)
	}
	test.Tap(ui.dryRun)
	sum := ui.sum
	if sum == nil || sum.Rejected != 2 || len(sum.Rejections) != 2 {
		t.Fatalf("dry run: %+v", sum)
	}
	text := ui.resultText()
	mustContain(t, "result", text,
		fmt.Sprintf("Mới: %d · Thay đổi: %d · Không đổi: %d · Bị từ chối: 2", sum.New, sum.Changed, sum.Unchanged),
		"tệp loi.csv, dòng 4, cột Giá trị (D)", "mười hai",
		"tệp loi.csv, dòng 5, cột Địa bàn (B)", "Xa Khong Co",
		"hãy sửa tệp")
	if !ui.apply.Disabled() {
		t.Fatal("the import is on although the dry run rejected values")
	}
	test.Tap(ui.apply)
	if v, _ := importedValue(t, st, "HH_TOTAL", "QN_COTO_02", "2024", ""); v != before {
		t.Errorf("a file with rejections changed the database: %q, was %q", v, before)
	}
}

func TestImport_ListsFirstHundredRejections(t *testing.T) {
	ui := newTestImport(t)
	var b strings.Builder
	b.WriteString("element,area,period,value\n")
	for i := 0; i < 130; i++ {
		fmt.Fprintf(&b, "HH_POOR,QN_NOWHERE_%d,2024,%d\n", i, i)
	}
	ui.load(writeImportFile(t, "nhieu-loi.csv", b.String()))
	test.Tap(ui.dryRun)
	if ui.sum == nil || ui.sum.Rejected != 130 {
		t.Fatalf("dry run: %+v", ui.sum)
	}
	text := ui.resultText()
	if n := strings.Count(text, "• "); n != importRejectionsShown {
		t.Errorf("%d rejections listed, want %d", n, importRejectionsShown)
	}
	mustContain(t, "result", text, "Bị từ chối: 130", "và 30 lỗi khác", "dòng 101,")
	if strings.Contains(text, "dòng 102,") {
		t.Error("the 101st rejection is listed")
	}
	// Every error can be copied, not only those shown.
	copyAll := findButton(ui.result, "Sao chép tất cả lỗi")
	if copyAll == nil {
		t.Fatal("no button to copy the errors")
	}
	test.Tap(copyAll)
	if got := ui.s.app.Clipboard().Content(); strings.Count(got, "\n") != 129 || !strings.Contains(got, "dòng 131,") {
		t.Errorf("clipboard holds %d lines", strings.Count(got, "\n")+1)
	}
}

func TestImport_AppliesGoodFile(t *testing.T) {
	ui := newTestImport(t)
	st := ui.s.st
	reloaded := false
	ui.s.reloaded = func() { reloaded = true }
	path := writeImportFile(t, "dong-tien-2024.csv", "Chỉ tiêu;Địa bàn;Kỳ;Phân tổ;Giá trị;Ghi chú\n"+
		"HH_TOTAL;QN_COTO_02;2024;;1.234;\n"+
		"INC_PC;Xã Đồng Tiến;2024;;61,25;ước tính\n"+
		"HOUSE_SUPPORT;QN_COTO_02;2024;Xây mới;12;\n")
	ui.load(path)
	if ui.plan == nil {
		t.Fatal(ui.fileErr.Text)
	}
	if !ui.apply.Disabled() {
		t.Fatal("the import is on before a dry run")
	}
	test.Tap(ui.dryRun)
	mustContain(t, "dry run", ui.resultText(), "Mới: 3 · Thay đổi: 0 · Không đổi: 0 · Bị từ chối: 0", "Không có lỗi")
	if v, _ := importedValue(t, st, "HH_TOTAL", "QN_COTO_02", "2024", ""); v != "" {
		t.Fatalf("the dry run wrote %q", v)
	}
	if ui.apply.Disabled() {
		t.Fatal("the import is off after a clean dry run")
	}
	test.Tap(ui.apply)
	if ui.sum == nil || !ui.sum.Applied {
		t.Fatalf("import: %+v\n%s", ui.sum, ui.resultText())
	}
	for _, c := range []struct{ element, cat, want, comment string }{
		{"HH_TOTAL", "", "1234", ""}, {"INC_PC", "", "61.25", "ước tính"}, {"HOUSE_SUPPORT", "NEW", "12", ""},
	} {
		if v, comment := importedValue(t, st, c.element, "QN_COTO_02", "2024", c.cat); v != c.want || comment != c.comment {
			t.Errorf("%s %s: %q %q, want %q %q", c.element, c.cat, v, comment, c.want, c.comment)
		}
	}
	backup := ui.sum.Backup
	text := ui.resultText()
	mustContain(t, "result", text, "Đã nhập vào CSDL", "Đã nhập 3 giá trị", "Bản sao lưu trước khi nhập: "+backup)
	if backup == "" {
		t.Fatal("no backup named")
	}
	if _, err := os.Stat(backup); err != nil {
		t.Errorf("the backup: %v", err)
	}
	if err := store.CheckBackup(context.Background(), backup); err != nil {
		t.Errorf("the backup does not open: %v", err)
	}
	if !reloaded {
		t.Error("the session was not reloaded: the other screens do not see the new values")
	}
	if !ui.apply.Disabled() {
		t.Error("the import is still on: a second tap would import again")
	}
}

// TestImportScreenshot writes the import screen to $CHISO_IMPORT_SCREENSHOT
// after the preview of a workbook with an ambiguous column, and to the same
// name ending in -dryrun.png after choosing the style and a dry run
// (skipped when unset).
func TestImportScreenshot(t *testing.T) {
	out := os.Getenv("CHISO_IMPORT_SCREENSHOT")
	if out == "" {
		t.Skip("set CHISO_IMPORT_SCREENSHOT=/tmp/x.png to write screenshots")
	}
	ui := newTestImport(t)
	test.ApplyTheme(t, theme.LightTheme())
	rows := append([][]any{}, nearPoorRows[:len(nearPoorRows)-1]...)
	rows = append(rows,
		[]any{4, "Xa Dong Tam", 61, "1.002", 57},
		[]any{5, "Xa Hoanh Mo", 75, 70, 66},
		[]any{6, "Xa Khong Co", 9, 8, 7},
		[]any{nil, "Tong cong", 1436, "2.175", 1197})
	path := writeImportXLSX(t, "ho-can-ngheo.xlsx", importSheet{"Cận nghèo", rows})
	ui.load(path)
	if ui.plan == nil {
		t.Fatal(ui.fileErr.Text)
	}
	ui.s.win.Resize(fyne.NewSize(1366, 768))
	capture(t, ui.s.win, out)

	ui.line(t, "Nam 2023").style.SetSelected(importer.StyleVietnamese.Label("vi"))
	test.Tap(ui.dryRun)
	ui.content.(*container.Scroll).ScrollToBottom()
	capture(t, ui.s.win, strings.TrimSuffix(out, ".png")+"-dryrun.png")

	// The file fixed (the unknown commune dropped), read again and imported.
	rows = append(rows[:len(rows)-2], rows[len(rows)-1])
	path = writeImportXLSX(t, "ho-can-ngheo-sua.xlsx", importSheet{"Cận nghèo", rows})
	ui.load(path)
	ui.line(t, "Nam 2023").style.SetSelected(importer.StyleVietnamese.Label("vi"))
	test.Tap(ui.dryRun)
	test.Tap(ui.apply)
	ui.content.(*container.Scroll).ScrollToBottom()
	capture(t, ui.s.win, strings.TrimSuffix(out, ".png")+"-applied.png")

	// A CSV in Windows-1258 with values of Hoành Bồ after it merged, a
	// column not imported and a signature under the table.
	text := "Tên đơn vị;Năm;Dân số trung bình;Số hộ khó khăn\nHuyện Hoành Bồ;2021;51000;12\nXã Đồn Đạc;2021;2600;3\n;;;\n;Người lập biểu;;\n"
	ui.load(writeImportFile(t, "dan-so-2021.csv", text))
	test.Tap(ui.dryRun)
	ui.content.(*container.Scroll).ScrollToBottom()
	capture(t, ui.s.win, strings.TrimSuffix(out, ".png")+"-successor.png")
}

func TestImport_AsksElementAndPeriod(t *testing.T) {
	ui := newTestImport(t)
	// A table of one element by period that names no element.
	ui.load(writeImportFile(t, "bang.csv", "area,2023,2024\nQN_COTO_02,5,6\nQN_COTO_03,7,8\n"))
	if ui.plan == nil {
		t.Fatal(ui.fileErr.Text)
	}
	if !ui.elementRow.Visible() || ui.elementSel.Selected != "" || ui.periodRow.Visible() {
		t.Fatalf("element row shown %v (%q), period row shown %v", ui.elementRow.Visible(), ui.elementSel.Selected, ui.periodRow.Visible())
	}
	mustContain(t, "readiness", ui.missing.Text, "chưa rõ chỉ tiêu")
	if !ui.dryRun.Disabled() {
		t.Fatal("the dry run is on without an element")
	}
	ui.elementSel.SetSelected("Số hộ nghèo (HH_POOR)")
	if ui.plan.Element != "HH_POOR" || ui.dryRun.Disabled() {
		t.Fatalf("element %q, dry run off %v: %s", ui.plan.Element, ui.dryRun.Disabled(), ui.missing.Text)
	}

	// A table of one period by element that names no period.
	ui.load(writeImportFile(t, "bang2.csv", "Mã địa bàn;HH_TOTAL;HH_POOR\nQN_COTO_02;100;5\n"))
	if ui.plan == nil {
		t.Fatal(ui.fileErr.Text)
	}
	if ui.elementRow.Visible() || !ui.periodRow.Visible() {
		t.Fatalf("element row shown %v, period row shown %v", ui.elementRow.Visible(), ui.periodRow.Visible())
	}
	mustContain(t, "readiness", ui.missing.Text, "chưa rõ kỳ")
	test.Type(ui.periodEntry, "Quý 5")
	if ui.plan.Period != "" || ui.periodInfo.Importance != widget.DangerImportance || !ui.dryRun.Disabled() {
		t.Errorf("a wrong period: %q, info %q", ui.plan.Period, ui.periodInfo.Text)
	}
	ui.periodEntry.SetText("")
	test.Type(ui.periodEntry, "Năm 2024")
	if ui.plan.Period != "2024" || ui.dryRun.Disabled() {
		t.Fatalf("period %q, dry run off %v: %s", ui.plan.Period, ui.dryRun.Disabled(), ui.missing.Text)
	}
	mustContain(t, "period", ui.periodInfo.Text, "2024")
	test.Tap(ui.dryRun)
	if ui.sum == nil || ui.sum.Values != 2 || ui.sum.Rejected != 0 {
		t.Fatalf("dry run: %+v", ui.sum)
	}
}

// TestImport_EncodingSuccessorAndWarnings: a CSV in Windows-1258 that the
// detection cannot tell is read once the encoding is chosen; values of
// Hoành Bồ after it merged are refused until they are recorded on Hạ
// Long; a column of numbers that is not imported is named.
func TestImport_EncodingSuccessorAndWarnings(t *testing.T) {
	ui := newTestImport(t)
	st := ui.s.st
	// "Ấp" in Windows-1258: Â, then the combining acute accent.
	path := writeImportFile(t, "ansi.csv", "element,area,period,value,comment\nPOP,QN_BACHE_03,2023,2500,\xC2\xECp 3\n")
	ui.load(path)
	if ui.plan != nil || !ui.fileErr.Visible() || !ui.encodingBox.Visible() {
		t.Fatalf("an undetected encoding: plan %v, error shown %v, encoding shown %v", ui.plan != nil, ui.fileErr.Visible(), ui.encodingBox.Visible())
	}
	mustContain(t, "error", ui.fileErr.Text, "Windows-1258")
	ui.encodingSel.SetSelected(importer.Windows1258.Label("vi"))
	if ui.plan == nil {
		t.Fatalf("Windows-1258 chosen: %s", ui.fileErr.Text)
	}
	mustContain(t, "file line", ui.fileInfo.Text, "Windows-1258")
	test.Tap(ui.dryRun)
	test.Tap(ui.apply)
	if _, c := importedValue(t, st, "POP", "QN_BACHE_03", "2023", ""); c != "Ấp 3" {
		t.Errorf("comment %q", c)
	}

	path = writeImportFile(t, "hoanh-bo.csv", "Tên đơn vị;Năm;Dân số trung bình;Số hộ khó khăn\n"+
		"Huyện Hoành Bồ;2021;51000;12\n"+
		"Xã Đồn Đạc;2021;2600;3\n")
	ui.load(path)
	if ui.plan == nil {
		t.Fatal(ui.fileErr.Text)
	}
	if ui.successor.Visible() {
		t.Error("the successor choice is shown before a dry run found a use for it")
	}
	test.Tap(ui.dryRun)
	text := ui.resultText()
	mustContain(t, "dry run", text, "Bị từ chối: 1", "Huyện Hoành Bồ (QN_HOANHBO) không còn trong kỳ Năm 2021",
		"Số hộ khó khăn (D) có 2 ô số không được nhập")
	if !ui.successor.Visible() || !ui.apply.Disabled() {
		t.Fatalf("successor shown %v, import off %v", ui.successor.Visible(), ui.apply.Disabled())
	}
	ui.successor.SetChecked(true)
	if !ui.apply.Disabled() {
		t.Fatal("the import is on before a new dry run")
	}
	test.Tap(ui.dryRun)
	mustContain(t, "dry run with successors", ui.resultText(), "Bị từ chối: 0", "1 giá trị của địa bàn đã giải thể")
	test.Tap(ui.apply)
	if v, _ := importedValue(t, st, "POP", "QN_HALONG", "2021", ""); v != "51000" {
		t.Errorf("Hạ Long 2021: %q", v)
	}
}

// findButton returns the button with the text under o, nil if none.
func findButton(o fyne.CanvasObject, text string) *widget.Button {
	switch o := o.(type) {
	case *widget.Button:
		if o.Text == text {
			return o
		}
	case *fyne.Container:
		for _, c := range o.Objects {
			if b := findButton(c, text); b != nil {
				return b
			}
		}
	}
	return nil
}
