//go:build ci

package app

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"

	"chiso/data/defaults"
	"chiso/data/report"
	"chiso/data/store"
)

// newTestTables shows the Bảng screen on st in a test window.
func newTestTables(t *testing.T, st *store.Store) *tables {
	t.Helper()
	s := newTestSession(t, st)
	tb := newTables(s)
	s.win.SetContent(tb.content)
	return tb
}

// chooseWhat selects the element or indicator with the code.
func chooseWhat(t *testing.T, tb *tables, code string) {
	t.Helper()
	i := slices.IndexFunc(tb.whats, func(w tableWhat) bool { return w.code == code })
	if i < 0 {
		t.Fatalf("%s is not offered", code)
	}
	tb.what.SetSelected(tb.whats[i].label)
}

// chooseLevel selects the level of the rows.
func chooseLevel(t *testing.T, tb *tables, level int) {
	t.Helper()
	i := slices.Index(tb.levels, level)
	if i < 0 {
		t.Fatalf("level %d is not offered (%v)", level, tb.levels)
	}
	tb.level.SetSelected(tb.level.Options[i])
}

func TestTables_PovertyRateByDistrict(t *testing.T) {
	tb := newTestTables(t, openDemoThrough(t, 2023))

	if tb.banner == nil || !tb.banner.Visible() {
		t.Fatal("the demo banner is not shown")
	}
	// First view: the poverty rate of the province's districts, the last
	// ten years with data.
	if tb.parent != "QN" || tb.pivot == nil || tb.pivot.Code != "POV_RATE" || tb.chosenLevel() != 3 {
		t.Fatalf("first view: parent %s, level %d, pivot %+v", tb.parent, tb.chosenLevel(), tb.pivot)
	}
	if tb.from.Selected != "2014" || tb.to.Selected != "2023" {
		t.Errorf("years %s–%s, want 2014–2023", tb.from.Selected, tb.to.Selected)
	}
	if got := tb.levels; !slices.Equal(got, []int{3, 4}) {
		t.Errorf("levels below QN = %v, want [3 4]", got)
	}

	chooseWhat(t, tb, "POP")
	chooseWhat(t, tb, "POV_RATE")
	tb.tree.Select("QN")
	chooseLevel(t, tb, 3)
	tb.from.SetSelected("2015")
	tb.to.SetSelected("2022")

	// The districts of 2022: Hoành Bồ, part of Hạ Long since 2020, is not
	// a row of its own unless former units are asked for.
	d := tb.table.Data()
	if len(d.Rows) != 13 || len(d.Columns) != 8 || tb.former.Checked {
		t.Fatalf("%d rows × %d columns (former units %v), want 13 × 8", len(d.Rows), len(d.Columns), tb.former.Checked)
	}
	if got := tb.info.Text; got != "13 địa bàn" {
		t.Errorf("info = %q", got)
	}
	test.Tap(tb.former)
	d = tb.table.Data()
	if len(d.Rows) != 14 || len(d.Columns) != 8 {
		t.Fatalf("with the former units: %d rows × %d columns, want 14 × 8", len(d.Rows), len(d.Columns))
	}
	if d.Columns[0] != "2015" || d.Columns[5] != "2020" {
		t.Errorf("columns %v", d.Columns)
	}
	if d.Total == nil || d.Total.Cells[0] != "4,56" || d.Total.Cells[5] != "0,36" {
		t.Fatalf("total = %+v, want 4,56 in 2015 and 0,36 in 2020", d.Total)
	}
	if d.Total.Name != "Tổng: Quảng Ninh" {
		t.Errorf("total name %q", d.Total.Name)
	}
	// Every year on the boundaries of 2022: Hạ Long before 2020 with
	// Hoành Bồ, marked; Hoành Bồ after it ended not comparable.
	for _, r := range d.Rows {
		if r.Code == "QN_HOANHBO" && (r.Name != "Huyện Hoành Bồ (đến 31/12/2019)" || r.Cells[0] != "7,47" || r.Cells[5] != "×") {
			t.Errorf("%s: 2015 %q, 2020 %q; want Huyện Hoành Bồ (đến 31/12/2019): 7,47, then ×", r.Name, r.Cells[0], r.Cells[5])
		}
		if r.Code != "QN_HOANHBO" && strings.Contains(r.Name, "(đến") {
			t.Errorf("%s, in force in 2022, is named %q", r.Code, r.Name)
		}
		if r.Code == "QN_HALONG" && (r.Cells[0] != "1,93*" || r.Cells[5] != "0,02") {
			t.Errorf("Hạ Long: 2015 %q, 2020 %q; want 1,93* (with Hoành Bồ), then 0,02", r.Cells[0], r.Cells[5])
		}
	}
	if !tb.legend.Visible() || !strings.HasPrefix(tb.legend.Text, "* tính theo địa giới mới") || !strings.Contains(tb.legend.Text, "năm 2022") {
		t.Errorf("legend %q (shown %v)", tb.legend.Text, tb.legend.Visible())
	}
	if got := tb.info.Text; got != "14 địa bàn" {
		t.Errorf("info = %q", got)
	}
	if got, want := tb.heading.Text, "Tỷ lệ hộ nghèo (%) — Quảng Ninh, 2015–2022"; got != want {
		t.Errorf("heading = %q, want %q", got, want)
	}
	markup := test.RenderToMarkup(tb.s.win.Canvas())
	for _, s := range []string{"Tổng: Quảng Ninh", "4,56", "2015", "Sao chép", "Lưu CSV…", defaults.DemoNoticeVI} {
		if !strings.Contains(markup, s) {
			t.Errorf("%q is not rendered", s)
		}
	}

	// Copy: tab-separated, header first, total last.
	test.Tap(tb.copyBtn)
	text := tb.s.app.Clipboard().Content()
	lines := strings.Split(strings.TrimRight(text, "\r\n"), "\r\n")
	if len(lines) != 16 {
		t.Fatalf("copied %d lines, want 16:\n%s", len(lines), text)
	}
	if !strings.HasPrefix(lines[0], "Địa bàn\tMã\t2015\t") {
		t.Errorf("header %q", lines[0])
	}
	if want := "Tổng: Quảng Ninh\tQN\t4,56\t"; !strings.HasPrefix(lines[15], want) || strings.Split(lines[15], "\t")[7] != "0,36" {
		t.Errorf("total line %q", lines[15])
	}
	if !strings.Contains(text, "Huyện Hoành Bồ (đến 31/12/2019)\tQN_HOANHBO\t") {
		t.Error("Hoành Bồ is not copied")
	}

	// Save: a CSV with a byte order mark, the rows as shown.
	tb.table.SortBy(0, true) // the highest 2015 rate first
	path := filepath.Join(t.TempDir(), tb.fileName())
	if filepath.Base(path) != "POV_RATE_QN_2015-2022.csv" {
		t.Errorf("file name %s", filepath.Base(path))
	}
	w, err := storage.Writer(storage.NewFileURI(path))
	if err != nil {
		t.Fatal(err)
	}
	if err := tb.writeCSV(w); err != nil {
		t.Fatal(err)
	}
	w.Close()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}) {
		t.Error("the CSV has no byte order mark")
	}
	csvLines := strings.Split(strings.TrimRight(string(data[3:]), "\n"), "\n")
	if !strings.Contains(string(data), "Huyện Hoành Bồ (đến 31/12/2019),QN_HOANHBO,") {
		t.Error("Hoành Bồ is not saved")
	}
	if len(csvLines) != 17 || !strings.HasPrefix(csvLines[0], "Địa bàn,Mã,2015,") || !strings.HasPrefix(csvLines[16], `"* tính theo địa giới mới`) {
		t.Fatalf("CSV:\n%s", data)
	}
	if !strings.HasPrefix(csvLines[15], `Tổng: Quảng Ninh,QN,"4,56",`) {
		t.Errorf("CSV total %q", csvLines[15])
	}
	first := tb.table.Shown()[0]
	if !strings.HasPrefix(csvLines[1], first.Name+","+first.Code+",") {
		t.Errorf("CSV first row %q, want %s as sorted", csvLines[1], first.Name)
	}
}

func TestTables_CommunesAndGroups(t *testing.T) {
	tb := newTestTables(t, openDemo(t))
	chooseWhat(t, tb, "HS_STD")
	tb.tree.Select("QN")
	chooseLevel(t, tb, 4)
	tb.from.SetSelected("2023")
	tb.to.SetSelected("2023")
	d := tb.table.Data()
	if len(d.Rows) != 177 || d.Total.Cells[0] != "177" {
		t.Fatalf("%d communes, total %q; want 177 and 177", len(d.Rows), d.Total.Cells[0])
	}
	if c := d.Rows[0].Cells[0]; c != "có" && c != "không" {
		t.Errorf("a commune's yes/no reads %q, want có or không", c)
	}

	// A group: the coastal districts only, their population.
	chooseWhat(t, tb, "POP")
	chooseLevel(t, tb, 3)
	tb.group.SetSelected("Vùng ven biển, hải đảo")
	if n := len(tb.table.Data().Rows); n != 9 {
		t.Errorf("%d coastal districts, want 9", n)
	}

	// A district as parent offers the commune level only.
	tb.tree.Select("QN_COTO")
	if !slices.Equal(tb.levels, []int{4}) || tb.chosenLevel() != 4 {
		t.Errorf("levels below Cô Tô = %v (chosen %d)", tb.levels, tb.chosenLevel())
	}
	if tb.pivot == nil || tb.pivot.Parent != "QN_COTO" {
		t.Error("choosing Cô Tô did not recompute")
	}

	// Years the wrong way round are read as a range.
	tb.group.SetSelectedIndex(0)
	tb.from.SetSelected("2023")
	tb.to.SetSelected("2021")
	if got := tb.table.Data().Columns; len(got) != 3 || got[0] != "2021" {
		t.Errorf("2023 to 2021 gives columns %v", got)
	}
}

func TestTables_NoDemo(t *testing.T) {
	st := openEmpty(t)
	tb := newTestTables(t, st)
	if tb.banner != nil {
		t.Error("the demo banner is shown for a database without demo data")
	}
	// No areas: nothing to compute, nothing to copy.
	if tb.pivot != nil || !tb.copyBtn.Disabled() {
		t.Error("a table without areas")
	}
}

// TestTables_NewCommunes: on the demo to 2026 the table opens on the
// level of Quảng Ninh's units in force in its last year, and its rows are
// those units: the 54 communes, wards and special zones since the reform,
// with their own 2026 rates (no mark); Xã Ba Chẽ's 2024 is made from the
// communes it was made of ("*"). From 2017, every unit has a rate for each
// year from 2020, when the demo's communes of before begin: made of them
// ("*") until 2024, its own since 2025.
func TestTables_NewCommunes(t *testing.T) {
	tb := newTestTables(t, openDemo(t))
	if tb.parent != "QN" || tb.chosenLevel() != 4 || tb.to.Selected != "2026" {
		t.Fatalf("first view: parent %s, level %d, to %s; want QN, communes, 2026", tb.parent, tb.chosenLevel(), tb.to.Selected)
	}
	d := tb.table.Data()
	last := len(d.Columns) - 1
	for _, r := range d.Rows {
		if len(r.Code) != 5 { // a commune of before (QN_…)
			t.Errorf("row %s %s: a former commune by default", r.Code, r.Name)
		}
		if v := r.Cells[last]; v == noValue || strings.HasSuffix(v, boundariesMark) || v == report.NotComparableMark {
			t.Errorf("%s %s in 2026: %q, want its own figure", r.Code, r.Name, v)
		}
		if r.Code == "06970" && !strings.HasSuffix(r.Cells[last-2], boundariesMark) {
			t.Errorf("Xã Ba Chẽ in 2024: %q, want a figure made of its former communes", r.Cells[last-2])
		}
	}
	if len(d.Rows) != 54 {
		t.Errorf("%d rows, want the 54 units since the reform", len(d.Rows))
	}
	if d.Total == nil || d.Total.Cells[last] != "0,08" {
		t.Errorf("total %+v, want Quảng Ninh's 0,08 in 2026", d.Total)
	}

	tb.from.SetSelected("2017")
	d = tb.table.Data()
	if len(d.Columns) != 10 || d.Columns[3] != "2020" {
		t.Fatalf("columns %v, want 2017–2026", d.Columns)
	}
	for _, r := range d.Rows {
		for i, v := range r.Cells[3:] {
			y := 2020 + i
			if v == noValue || v == report.NotComparableMark || strings.HasSuffix(v, boundariesMark) != (y < 2025) {
				t.Errorf("%s %s in %d: %q, want a figure made of its communes of before until 2024, its own since", r.Code, r.Name, y, v)
			}
		}
	}
}

// copiedLines copies the table shown and returns its lines.
func copiedLines(t *testing.T, tb *tables) []string {
	t.Helper()
	test.Tap(tb.copyBtn)
	return strings.Split(strings.TrimRight(tb.s.app.Clipboard().Content(), "\r\n"), "\r\n")
}

// TestTables_FormerUnits: Quảng Ninh's communes over 2017–2026 are the 54
// units of 2026 (each name once, as the count and the copy say); "Cả đơn
// vị đã giải thể, sáp nhập" adds the 177 communes of before, marked with
// their last day, and unticked takes them away again. The districts,
// abolished in 2025, are rows only with the box ticked.
func TestTables_FormerUnits(t *testing.T) {
	tb := newTestTables(t, openDemo(t))
	tb.from.SetSelected("2017")
	if tb.chosenLevel() != 4 || tb.to.Selected != "2026" {
		t.Fatalf("level %d, to %s", tb.chosenLevel(), tb.to.Selected)
	}
	markup := test.RenderToMarkup(tb.s.win.Canvas())
	if !strings.Contains(markup, "Cả đơn vị đã giải thể, sáp nhập") {
		t.Error("the check box is not rendered")
	}
	today := func() {
		t.Helper()
		d := tb.table.Data()
		names := map[string]bool{}
		for _, r := range d.Rows {
			if len(r.Code) != 5 || names[r.Name] || strings.Contains(r.Name, "(đến") {
				t.Errorf("row %s %q is not one of the units of 2026", r.Code, r.Name)
			}
			names[r.Name] = true
		}
		if len(d.Rows) != 54 || tb.info.Text != "54 địa bàn" {
			t.Errorf("%d rows, info %q; want 54", len(d.Rows), tb.info.Text)
		}
		if lines := copiedLines(t, tb); len(lines) != 56 {
			t.Errorf("copied %d lines, want 56", len(lines))
		}
	}
	today()

	test.Tap(tb.former)
	d := tb.table.Data()
	if len(d.Rows) != 231 || tb.info.Text != "231 địa bàn" {
		t.Errorf("with the former units: %d rows, info %q; want 231", len(d.Rows), tb.info.Text)
	}
	var baiChay []string
	for _, r := range d.Rows {
		if strings.HasPrefix(r.Name, "Phường Bãi Cháy") {
			baiChay = append(baiChay, r.Code+" "+r.Name)
		}
		if strings.HasPrefix(r.Code, "QN_") != strings.HasSuffix(r.Name, " (đến 30/06/2025)") {
			t.Errorf("row %s %q", r.Code, r.Name)
		}
	}
	if want := []string{"06673 Phường Bãi Cháy", "QN_HALONG_09 Phường Bãi Cháy (đến 30/06/2025)"}; !slices.Equal(baiChay, want) {
		t.Errorf("Bãi Cháy rows %q, want %q", baiChay, want)
	}
	lines := copiedLines(t, tb)
	if len(lines) != 233 || !slices.ContainsFunc(lines, func(l string) bool {
		return strings.HasPrefix(l, "Phường Bãi Cháy (đến 30/06/2025)\tQN_HALONG_09\t")
	}) {
		t.Errorf("copied %d lines, want 233 with the former Bãi Cháy", len(lines))
	}

	test.Tap(tb.former)
	today()

	// The districts ended with the reform: none in 2026 unless asked for.
	chooseLevel(t, tb, 3)
	if n := len(tb.table.Data().Rows); n != 0 || !strings.HasPrefix(tb.info.Text, "Không có địa bàn nào thuộc cấp này vào năm 2026") {
		t.Errorf("districts in 2026: %d rows, info %q", n, tb.info.Text)
	}
	test.Tap(tb.former)
	if n := len(tb.table.Data().Rows); n != 14 {
		t.Errorf("districts of 2017–2026: %d, want the 14 (Hoành Bồ until 2019)", n)
	}
}
