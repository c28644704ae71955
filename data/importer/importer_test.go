package importer

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"chiso/data/exchange"
	"chiso/data/msg"
	"chiso/data/number"
	"chiso/data/store"
)

func TestLongCSVVietnamese(t *testing.T) {
	st := demoStore(t)
	f := open(t, "testdata/long-vi.csv")
	if f.Kind != CSV || f.Separator() != ';' || len(f.Sheets) != 1 {
		t.Fatalf("kind %v, separator %q, sheets %v", f.Kind, f.Separator(), f.Sheets)
	}
	p, err := Preview(f, "", catalogOf(t, st))
	if err != nil {
		t.Fatal(msg.Text(err, "en"))
	}
	if p.Layout != LayoutLong || p.HeaderRow != 1 || p.Rows != 6 {
		t.Fatalf("layout %v, header %d, rows %d", p.Layout, p.HeaderRow, p.Rows)
	}
	want := []Role{RoleElement, RoleArea, RolePeriod, RoleCategory, RoleValue, RoleComment}
	for i, c := range p.Columns {
		if c.Role != want[i] {
			t.Errorf("column %s %q: role %v, want %v", c.Letter, c.Header, c.Role, want[i])
		}
	}
	if v := column(t, p, "Giá trị"); v.Style != StyleVietnamese || v.Example != "61,25" || v.ExampleRow != 3 {
		t.Errorf("value column: style %v, example %q at row %d", v.Style, v.Example, v.ExampleRow)
	}
	if len(p.Sample) != 7 || p.Sample[0].Row != 1 || p.Sample[1].Cells[4] != "1.234" {
		t.Errorf("sample: %+v", p.Sample)
	}

	before := allValues(t, st)
	sum, err := DryRun(ctx, st, p, nil)
	if err != nil {
		t.Fatal(msg.Text(err, "en"))
	}
	if sum.Rows != 6 || sum.Values != 6 || sum.New != 6 || sum.Rejected != 0 || sum.Backup != "" || sum.Applied {
		t.Fatalf("dry run: %+v", sum)
	}
	mustBeUnchanged(t, st, before, sum)

	sum, err = Apply(ctx, st, p, nil)
	if err != nil {
		t.Fatal(msg.Text(err, "en"))
	}
	if !sum.Applied || sum.New != 6 || sum.Changed != 0 {
		t.Fatalf("apply: %+v", sum)
	}
	if ok, _ := regexp.MatchString(`^`+regexp.QuoteMeta(st.Path())+`\.before-import-\d{8}-\d{4}(-\d+)?\.db$`, sum.Backup); !ok {
		t.Errorf("backup name %q", sum.Backup)
	}
	if err := store.CheckBackup(ctx, sum.Backup); err != nil {
		t.Errorf("the backup does not open: %v", err)
	}
	for _, c := range []struct{ e, cat, want, comment string }{
		{"HH_TOTAL", "", "1234", ""},
		{"INC_PC", "", "61.25", "ước tính"},
		{"HOUSE_SUPPORT", "NEW", "12", ""},
		{"HOUSE_SUPPORT", "REPAIR", "3", ""},
		{"HS_STD", "", "1", ""},
		{"HI_COVER", "", "97.82", ""},
	} {
		v, comment := valueOf(t, st, c.e, "QN_COTO_02", "2024", c.cat)
		if v != c.want || comment != c.comment {
			t.Errorf("%s %s: %q %q, want %q %q", c.e, c.cat, v, comment, c.want, c.comment)
		}
	}
	// The backup holds the database as it was before the import.
	bk, err := store.Open(sum.Backup)
	if err != nil {
		t.Fatal(err)
	}
	n, _ := bk.Values(ctx, store.ValueFilter{})
	bk.Close()
	if len(n) != len(before) {
		t.Errorf("the backup holds %d values, the database had %d", len(n), len(before))
	}

	// The same file again: nothing changes.
	p = preview(t, st, "testdata/long-vi.csv", "")
	sum, err = DryRun(ctx, st, p, nil)
	if err != nil || sum.Unchanged != 6 || sum.New != 0 || sum.Changed != 0 {
		t.Errorf("second dry run: %+v %v", sum, err)
	}
}

func TestLongXLSX(t *testing.T) {
	st := demoStore(t)
	path := writeXLSX(t, "so-lieu.xlsx",
		sheet{"Hướng dẫn", [][]any{{"Nhập số liệu ở trang Số liệu"}}},
		sheet{"Số liệu", [][]any{
			{"BÁO CÁO SỐ LIỆU XÃ THANH LÂN"},
			{},
			{"element", "area", "period", "category", "value", "comment"},
			{"INC_PC", "QN_COTO_03", 2024, nil, 1.234, nil},     // an Excel number: one point two three four
			{"HH_TOTAL", "QN_COTO_03", 2024, nil, "2.500", nil}, // typed text: two thousand five hundred
			{"SS_SPEND", "QN_COTO_03", 2024, nil, "0,5", "ước"}, // a decimal comma: the column is Vietnamese
			{"HI_COVER", "QN_COTO_03", 2024, nil, percentCell(0.9782), nil},
			{"HS_STD", "QN_COTO_03", "2024", nil, true, nil},
			{"POP", "qn_coto_03", 2024, nil, 2500, nil},
			{"HOUSE_SUPPORT", "Xã Thanh Lân", 2024, "Sửa chữa", 4, nil},
		}},
	)
	f := open(t, path)
	if f.Kind != XLSX || len(f.Sheets) != 2 || f.Sheets[1] != "Số liệu" {
		t.Fatalf("kind %v, sheets %q", f.Kind, f.Sheets)
	}
	p, err := Preview(f, "Số liệu", catalogOf(t, st))
	if err != nil {
		t.Fatal(msg.Text(err, "en"))
	}
	if p.Layout != LayoutLong || p.HeaderRow != 3 || p.Rows != 7 || len(p.Title) != 1 {
		t.Fatalf("layout %v, header row %d, rows %d, title %q", p.Layout, p.HeaderRow, p.Rows, p.Title)
	}
	if v := column(t, p, "value"); v.Style != StyleVietnamese {
		t.Errorf("value column style %v (%q)", v.Style, v.Example)
	}
	sum, err := Apply(ctx, st, p, nil)
	if err != nil {
		t.Fatalf("%s\n%s", msg.Text(err, "en"), rejectionsText(sum, "en"))
	}
	for _, c := range []struct{ e, cat, want string }{
		{"INC_PC", "", "1.234"}, {"HH_TOTAL", "", "2500"}, {"SS_SPEND", "", "0.5"}, {"HI_COVER", "", "97.82"},
		{"HS_STD", "", "1"}, {"POP", "", "2500"}, {"HOUSE_SUPPORT", "REPAIR", "4"},
	} {
		if v, _ := valueOf(t, st, c.e, "QN_COTO_03", "2024", c.cat); v != c.want {
			t.Errorf("%s: %q, want %q", c.e, v, c.want)
		}
	}
	if sum.New != 7 {
		t.Errorf("summary %+v", sum)
	}
	// The first sheet has no table.
	if _, err := Preview(f, "", catalogOf(t, st)); err == nil || !strings.Contains(msg.Text(err, "vi"), "không tìm thấy dòng tiêu đề") {
		t.Errorf("a sheet without a table: %v", err)
	}
	if _, err := Preview(f, "Không có", catalogOf(t, st)); err == nil || !strings.Contains(msg.Text(err, "vi"), "Số liệu") {
		t.Errorf("a missing sheet: %v", err)
	}
}

func TestWideByPeriodXLSX(t *testing.T) {
	st := demoStore(t)
	rows := [][]any{
		{"SỐ HỘ NGHÈO CÁC XÃ, 2022–2024"},
		{"STT", "Tên xã", 2022, "Năm 2023", "2024"},
		{1, "Xã Đồng Tiến", 10, 9, 8},
		{2, "Thanh Lan", 5, 4, nil},
		{3, "phuong ha khanh", 1, 1, 1},
		{4, "Cô Tô", 2, 2, 2}, // the district and its town share the name
		{nil, "Tổng cộng", 18, 16, 11},
	}
	path := writeXLSX(t, "ho-ngheo.xlsx", sheet{"Hộ nghèo", rows})
	p := preview(t, st, path, "")
	if p.Layout != LayoutWidePeriod || p.Element != "HH_POOR" || p.HeaderRow != 2 {
		t.Fatalf("layout %v, element %q, header %d", p.Layout, p.Element, p.HeaderRow)
	}
	for h, per := range map[string]string{"2022": "2022", "Năm 2023": "2023", "2024": "2024"} {
		if c := column(t, p, h); c.Role != RoleValue || c.Period != per {
			t.Errorf("column %q: %v %q", h, c.Role, c.Period)
		}
	}
	if c := column(t, p, "Tên xã"); c.Role != RoleArea {
		t.Errorf("area column: %v", c.Role)
	}
	if c := column(t, p, "STT"); c.Role != RoleIgnore {
		t.Errorf("STT column: %v", c.Role)
	}
	notes := ""
	for _, n := range p.Notes {
		notes += msg.Text(n, "vi") + "\n"
	}
	contains(t, notes, "Cô Tô", "QN_COTO", "QN_COTO_01")

	before := allValues(t, st)
	sum, err := DryRun(ctx, st, p, nil)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Rejected != 1 || sum.Values != 8 || sum.Blank != 1 || sum.Totals != 1 || sum.Rows != 5 {
		t.Fatalf("dry run: %+v", sum)
	}
	r := sum.Rejections[0]
	if r.Kind != AmbiguousArea || r.Row != 6 || r.Column != "B" || r.Sheet != "Hộ nghèo" {
		t.Errorf("rejection %+v", r)
	}
	contains(t, r.Message("vi"), "ho-ngheo.xlsx", "trang Hộ nghèo", "hàng 6", "cột Tên xã (B)", "Huyện Cô Tô (QN_COTO)", "Thị trấn Cô Tô (QN_COTO_01)")
	contains(t, r.Message("en"), "sheet Hộ nghèo", "row 6", "several areas")

	sum, err = Apply(ctx, st, p, nil)
	if !errors.Is(err, ErrRejected) {
		t.Fatalf("apply of a file with a rejection: %v", err)
	}
	contains(t, msg.Text(err, "vi"), "không nhập gì cả", "1 giá trị bị từ chối")
	mustBeUnchanged(t, st, before, sum)

	// The user writes the code of the town: now it goes in.
	rows[5][1] = "QN_COTO_01"
	path = writeXLSX(t, "ho-ngheo.xlsx", sheet{"Hộ nghèo", rows})
	p = preview(t, st, path, "")
	sum, err = Apply(ctx, st, p, nil)
	if err != nil {
		t.Fatal(msg.Text(err, "en"))
	}
	// The demo holds the communes' poor households of 2022 and 2023, not
	// yet of 2024 (it stands as at the end of 2023).
	if sum.New != 3 || sum.Changed != 8 || !sum.Applied {
		t.Errorf("apply: %+v, want 3 new values (2024) and 8 changed (2022, 2023)", sum)
	}
	for _, c := range []struct{ area, per, want string }{
		{"QN_COTO_02", "2022", "10"}, {"QN_COTO_03", "2023", "4"}, {"QN_COTO_03", "2024", ""}, {"QN_HALONG_01", "2024", "1"}, {"QN_COTO_01", "2022", "2"},
	} {
		if v, _ := valueOf(t, st, "HH_POOR", c.area, c.per, ""); v != c.want {
			t.Errorf("%s %s: %q, want %q", c.area, c.per, v, c.want)
		}
	}
}

func TestWideByPeriodCSVAmbiguous(t *testing.T) {
	st := demoStore(t)
	p := preview(t, st, "testdata/wide-period.csv", "")
	if p.Layout != LayoutWidePeriod || p.Element != "HH_NEARPOOR" || p.HeaderRow != 3 {
		t.Fatalf("layout %v, element %q, header %d", p.Layout, p.Element, p.HeaderRow)
	}
	c := column(t, p, "Năm 2023")
	if c.Style != StyleAmbiguous || c.Example != "1.020" || c.ExampleRow != 6 {
		t.Errorf("column Năm 2023: %v %q row %d", c.Style, c.Example, c.ExampleRow)
	}
	err := p.Ready()
	var pe *PlanError
	if !errors.As(err, &pe) || pe.Need != NeedStyle || pe.Column != c.Index {
		t.Fatalf("Ready: %v", err)
	}
	contains(t, msg.Text(err, "vi"), "Năm 2023 (C)", `"1.020"`, "dòng 6", "chọn kiểu số")
	if _, err := DryRun(ctx, st, p, nil); !errors.As(err, &pe) {
		t.Errorf("a dry run with an ambiguous column: %v", err)
	}
	p.SetStyle(number.Vietnamese)
	sum, err := Apply(ctx, st, p, nil)
	if err != nil {
		t.Fatalf("%s\n%s", msg.Text(err, "en"), rejectionsText(sum, "en"))
	}
	if sum.New != 2 || sum.Changed != 3 || sum.Blank != 1 || sum.Totals != 1 {
		t.Errorf("apply: %+v, want 2 new values (2024) and 3 changed (2023, held by the demo)", sum)
	}
	if v, _ := valueOf(t, st, "HH_NEARPOOR", "QN_COTO_03", "2023", ""); v != "1020" {
		t.Errorf("Thanh Lân 2023: %q", v)
	}
	if v, _ := valueOf(t, st, "HH_NEARPOOR", "QN_COTO_01", "2024", ""); v != "41" {
		t.Errorf("Cô Tô town 2024: %q", v)
	}
}

// A wide table exported by Chỉ Số reads back unchanged once the element
// and the style are given.
func TestWideExportReadsBack(t *testing.T) {
	st := demoStore(t)
	vals, err := st.Values(ctx, store.ValueFilter{Elements: []string{"HH_POOR"}})
	if err != nil || len(vals) == 0 {
		t.Fatal(len(vals), err)
	}
	names := map[string]string{}
	for _, a := range catalogOf(t, st).Areas {
		names[a.Code] = a.Name
	}
	var buf bytes.Buffer
	if err := exchange.WriteWide(&buf, vals, names, number.Vietnamese); err != nil {
		t.Fatal(err)
	}
	path := writeFile(t, "HH_POOR.csv", buf.String())
	p := preview(t, st, path, "")
	if p.Layout != LayoutWidePeriod || column(t, p, "area").Role != RoleArea || column(t, p, "name").Role != RoleAreaName {
		t.Fatalf("layout %v, columns %+v", p.Layout, p.Columns)
	}
	var pe *PlanError
	if err := p.Ready(); !errors.As(err, &pe) || pe.Need != NeedElement {
		t.Fatalf("Ready without an element: %v", err)
	}
	if err := p.SetElement("so ho ngheo"); err != nil || p.Element != "HH_POOR" {
		t.Fatal(p.Element, err)
	}
	p.SetStyle(number.Vietnamese)
	sum, err := DryRun(ctx, st, p, nil)
	if err != nil {
		t.Fatal(msg.Text(err, "en"))
	}
	if sum.Unchanged != len(vals) || sum.New != 0 || sum.Changed != 0 || sum.Rejected != 0 {
		t.Errorf("re-reading an export: %+v, %d values exported", sum, len(vals))
	}
}

func TestWideByElementCSV(t *testing.T) {
	st := demoStore(t)
	path := writeFile(t, "xa-2024.csv", "Số liệu năm 2024,,,,\n"+
		"Mã địa bàn,Dân số trung bình,HH_TOTAL,HOUSE_SUPPORT.NEW,Nhà ở được hỗ trợ - Sửa chữa\n"+
		"QN_COTO_01,\"12,345\",\"3,456\",5,2\n"+
		"QN_COTO_02,\"1,234,567\",\"1,003\",0,1\n")
	p := preview(t, st, path, "")
	if p.Layout != LayoutWideElement || p.Period != "2024" {
		t.Fatalf("layout %v, period %q", p.Layout, p.Period)
	}
	for h, want := range map[string][2]string{
		"Dân số trung bình": {"POP", ""}, "HH_TOTAL": {"HH_TOTAL", ""},
		"HOUSE_SUPPORT.NEW": {"HOUSE_SUPPORT", "NEW"}, "Nhà ở được hỗ trợ - Sửa chữa": {"HOUSE_SUPPORT", "REPAIR"},
	} {
		if c := column(t, p, h); c.Role != RoleValue || c.Element != want[0] || c.Category != want[1] {
			t.Errorf("column %q: %v %q %q", h, c.Role, c.Element, c.Category)
		}
	}
	if c := column(t, p, "Dân số trung bình"); c.Style != StyleEnglish {
		t.Errorf("POP column %v (%q)", c.Style, c.Example)
	}
	hh := column(t, p, "HH_TOTAL")
	if hh.Style != StyleAmbiguous {
		t.Errorf("HH_TOTAL column %v", hh.Style)
	}
	err := p.Ready()
	contains(t, msg.Text(err, "en"), "HH_TOTAL (C)", `"3,456"`, "line 3")
	hh.Style = StyleEnglish
	sum, err := Apply(ctx, st, p, nil)
	if err != nil {
		t.Fatalf("%s\n%s", msg.Text(err, "en"), rejectionsText(sum, "en"))
	}
	if sum.New != 8 {
		t.Errorf("apply %+v", sum)
	}
	for _, c := range []struct{ e, area, cat, want string }{
		{"POP", "QN_COTO_01", "", "12345"}, {"POP", "QN_COTO_02", "", "1234567"}, {"HH_TOTAL", "QN_COTO_01", "", "3456"},
		{"HOUSE_SUPPORT", "QN_COTO_01", "NEW", "5"}, {"HOUSE_SUPPORT", "QN_COTO_02", "REPAIR", "1"},
	} {
		if v, _ := valueOf(t, st, c.e, c.area, "2024", c.cat); v != c.want {
			t.Errorf("%s %s %s: %q, want %q", c.e, c.area, c.cat, v, c.want)
		}
	}
}

func TestRejections(t *testing.T) {
	st := demoStore(t)
	path := writeFile(t, "hong.csv", "element,area,period,category,value,comment\n"+
		"HH_TOTAL,QN_COTO_02,2024,,500,\n"+ // 2: good
		"XYZ,QN_COTO_02,2024,,5,\n"+ // 3
		"HH_TOTAL,QN_NOWHERE,2024,,5,\n"+ // 4
		"HH_TOTAL,QN_COTO_03,20x4,,5,\n"+ // 5
		"HH_TOTAL,QN_COTO_03,2024,,5x0,\n"+ // 6
		"HH_TOTAL,QN_COTO_01,2024,,-5,\n"+ // 7
		"HI_COVER,QN_COTO_02,2024,,150,\n"+ // 8
		"HS_STD,QN_COTO_02,2024,,2,\n"+ // 9
		"HH_TOTAL,QN_COTO_02,2024,,501,\n"+ // 10: same key as 2
		"HOUSE_SUPPORT,QN_COTO_02,2024,,3,\n"+ // 11
		"POP,QN_COTO_02,2024,,,\n"+ // 12
		"POP,QN_COTO_02,2024,XX,7,\n") // 13
	p := preview(t, st, path, "")
	before := allValues(t, st)
	sum, err := DryRun(ctx, st, p, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := []struct {
		row  int
		col  string
		kind Problem
	}{
		{3, "A", UnknownElement}, {4, "B", UnknownArea}, {5, "C", BadPeriod}, {6, "E", BadNumber}, {7, "E", BadValue},
		{8, "E", BadValue}, {9, "E", BadValue}, {10, "E", Duplicate}, {11, "D", BadCategory}, {12, "E", MissingValue}, {13, "D", BadCategory},
	}
	if sum.Rejected != len(want) || len(sum.Rejections) != len(want) || sum.Values != 1 {
		t.Fatalf("rejected %d, values %d:\n%s", sum.Rejected, sum.Values, rejectionsText(sum, "en"))
	}
	for i, w := range want {
		r := sum.Rejections[i]
		if r.Row != w.row || r.Column != w.col || r.Kind != w.kind || r.Sheet != "" || r.File != "hong.csv" {
			t.Errorf("rejection %d: %+v, want %+v", i, r, w)
		}
	}
	contains(t, sum.Rejections[3].Message("vi"), "tệp hong.csv, dòng 6, cột value (E)", "5x0", "không phải là số")
	contains(t, sum.Rejections[3].Message("en"), "file hong.csv, line 6, column value (E)", "is not a number")
	contains(t, sum.Rejections[7].Message("vi"), "trùng với dòng 2", "HH_TOTAL", "QN_COTO_02")
	contains(t, sum.Rejections[7].Message("en"), "same as line 2")
	contains(t, sum.Rejections[5].Message("en"), "between 0 and 100")
	contains(t, sum.Rejections[4].Message("en"), "value -5 of HH_TOTAL", "below the minimum 0")
	contains(t, sum.Rejections[1].Message("vi"), "QN_NOWHERE")

	sum, err = Apply(ctx, st, p, nil)
	if !errors.Is(err, ErrRejected) || sum.Rejected != len(want) {
		t.Fatalf("apply: %v %+v", err, sum)
	}
	mustBeUnchanged(t, st, before, sum)
}

func TestBadCells(t *testing.T) {
	st := demoStore(t)
	path := writeXLSX(t, "o.xlsx", sheet{"A", [][]any{
		{"element", "area", "period", "value"},
		{"POP", "QN_COTO_01", 2024, dateValue(45292)},
		{"POP", "QN_COTO_02", dateValue(45292), 5},
		{"HS_STD", "QN_COTO_03", 2024, 1.5},
	}})
	p := preview(t, st, path, "")
	sum, err := DryRun(ctx, st, p, nil)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Rejected != 3 {
		t.Fatalf("%+v\n%s", sum, rejectionsText(sum, "en"))
	}
	contains(t, sum.Rejections[0].Message("vi"), "trang A, hàng 2, cột value (D)", "01/01/2024", "không phải số")
	if sum.Rejections[0].Kind != BadCell || sum.Rejections[1].Kind != BadPeriod || sum.Rejections[2].Kind != BadValue {
		t.Errorf("%s", rejectionsText(sum, "en"))
	}
}

func TestChangedAndUnchanged(t *testing.T) {
	st := demoStore(t)
	old, _ := valueOf(t, st, "POP", "QN_HALONG", "2023", "")
	if old == "" {
		t.Fatal("no demo value")
	}
	path := writeFile(t, "c.csv", "element,area,period,category,value,comment\n"+
		"POP,QN_HALONG,2023,,"+old+",\n"+
		"POP,QN_CAMPHA,2023,,1,\n"+
		"POP,QN_COTO_01,2024,,7,\n")
	p := preview(t, st, path, "")
	sum, err := DryRun(ctx, st, p, nil)
	if err != nil || sum.New != 1 || sum.Changed != 1 || sum.Unchanged != 1 {
		t.Fatalf("dry run %+v %v", sum, err)
	}
	// Apply after a clean dry run of the same plan reads the file once.
	var totals []int
	sum, err = Apply(ctx, st, p, func(done, total int) { totals = append(totals, total) })
	if err != nil || sum.New != 1 || sum.Changed != 1 || sum.Unchanged != 1 {
		t.Fatalf("apply %+v %v", sum, err)
	}
	if len(totals) == 0 || totals[len(totals)-1] != 3 {
		t.Errorf("progress totals %v, want one pass of 3 rows", totals)
	}
	// Without a dry run first, Apply checks in a first pass.
	totals = nil
	p = preview(t, st, path, "")
	if _, err := Apply(ctx, st, p, func(done, total int) { totals = append(totals, total) }); err != nil {
		t.Fatal(err)
	}
	if totals[len(totals)-1] != 6 {
		t.Errorf("progress totals %v, want two passes of 3 rows", totals)
	}
	if b := backups(t, st); len(b) != 2 {
		t.Errorf("backups %v", b)
	}
}

func TestExcelUnicodeText(t *testing.T) {
	st := demoStore(t)
	f := open(t, "testdata/excel-unicode.txt")
	if f.Separator() != '\t' {
		t.Fatalf("separator %q", f.Separator())
	}
	p, err := Preview(f, "", catalogOf(t, st))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Apply(ctx, st, p, nil); err != nil {
		t.Fatal(err)
	}
	if v, c := valueOf(t, st, "POP", "QN_COTO_03", "2024", ""); v != "2500" || c != "Đã rà soát" {
		t.Errorf("%q %q", v, c)
	}
}

func TestRefusedFiles(t *testing.T) {
	st := demoStore(t)
	cat := catalogOf(t, st)
	png := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89")
	cases := []struct {
		name, content string
		want          []string // in the Vietnamese message
	}{
		{"anh.xlsx", string(png), []string{"tệp anh.xlsx không phải bảng tính CSV hoặc Excel"}},
		{"bien-ban.csv", "Biên bản họp xã\nHôm nay các cán bộ đã thống nhất\n", []string{"bien-ban.csv không phải bảng tính CSV hoặc Excel"}},
		{"rong.csv", "\xEF\xBB\xBF  \r\n", []string{"rong.csv trống"}},
		{"cu.xls", "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1" + strings.Repeat("\x00", 100), []string{".xls", "lưu lại dạng .xlsx"}},
		{"tcvn3.csv", "element,area,period,value\nPOP,QN,2024,5,\xb8\xb5\n", []string{"không phải văn bản mã UTF-8"}},
		{"nen.xlsx", zipOf(t, map[string]string{"readme.txt": "hello"}), []string{"tệp nén ZIP, không phải bảng tính .xlsx"}},
		{"hong.xlsx", "PK\x03\x04garbage", []string{"hong.xlsx", "ZIP"}},
	}
	for _, c := range cases {
		path := writeFile(t, c.name, c.content)
		_, err := Open(path)
		if err == nil {
			t.Errorf("%s was opened", c.name)
			continue
		}
		contains(t, msg.Text(err, "vi"), c.want...)
		if msg.Text(err, "en") == msg.Text(err, "vi") {
			t.Errorf("%s: no English message", c.name)
		}
	}
	if _, err := Open(filepath.Join(t.TempDir(), "khong-co.csv")); err == nil || !strings.Contains(err.Error(), "khong-co.csv") {
		t.Errorf("a missing file: %v", err)
	}
	if _, err := Open("testdata/not-a-sheet.txt"); err == nil {
		t.Error("a text file was opened")
	}

	// Files that open, but whose sheet cannot be read.
	for _, c := range []struct {
		path, sheet string
		want        []string
	}{
		{writeFile(t, "cot-sai.csv", "foo,bar,baz\n1,2,3\n"), "", []string{"cot-sai.csv", "không tìm thấy dòng tiêu đề"}},
		{writeFile(t, "tieu-de.csv", "element,area,period,value\n"), "", []string{"chỉ có dòng tiêu đề"}},
		{writeXLSX(t, "trong.xlsx", sheet{"Số liệu", [][]any{{"element", "area", "period", "value"}, {"POP", "QN_COTO_01", 2024, 5}}}, sheet{"Trống", nil}),
			"Trống", []string{"trang Trống của tệp trong.xlsx trống"}},
	} {
		f := open(t, c.path)
		_, err := Preview(f, c.sheet, cat)
		if err == nil {
			t.Errorf("%s %s: previewed", c.path, c.sheet)
			continue
		}
		contains(t, msg.Text(err, "vi"), c.want...)
	}
	// A header without an area column: Preview shows it, Ready says why not.
	p := preview(t, st, writeFile(t, "khong-dia-ban.csv", "element,period,value\nPOP,2024,5\n"), "")
	var pe *PlanError
	if err := p.Ready(); !errors.As(err, &pe) || pe.Need != NeedArea {
		t.Errorf("no area column: %v", err)
	}
}

func TestTooLargeFileRefusedFast(t *testing.T) {
	path := filepath.Join(t.TempDir(), "lon.xlsx")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	f.Write([]byte("PK\x03\x04"))
	if err := f.Truncate(201 << 20); err != nil { // sparse: no disk used
		t.Fatal(err)
	}
	f.Close()
	// Refused on its size, before reading: the message names the limit
	// (a read would fail on the zip instead).
	_, err = Open(path)
	if err == nil {
		t.Fatal("a 201 MB file was opened")
	}
	contains(t, msg.Text(err, "vi"), "lon.xlsx", "201 MB", "200 MB")
	contains(t, msg.Text(err, "en"), "201 MB", "over the import limit of 200 MB")
}

func TestDryRunChanges(t *testing.T) {
	st := demoStore(t)
	cat := catalogOf(t, st)
	text := "element,area,period,category,value,comment\nPOP,QN_COTO_01,2024,,5,\nPOP,QN_COTO_02,2024,,6,\nPOP,QN_COTO_01,2024,,7,\nHOUSE_SUPPORT,QN_COTO_01,2024,,1,\n"
	before := allValues(t, st)
	sum, err := DryRunChanges(ctx, st, ChangeStream{Name: "x.csv", Changes: exchange.ReadLong(strings.NewReader(text), "x.csv", cat, number.English)}, ChangeOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Values != 2 || sum.New != 2 || sum.Rejected != 2 {
		t.Fatalf("%+v", sum)
	}
	contains(t, sum.Rejections[0].Message("vi"), "tệp x.csv, mục 3", "trùng với mục 1")
	sum, err = ApplyChanges(ctx, st, ChangeStream{Name: "x.csv", Changes: exchange.ReadLong(strings.NewReader(text), "x.csv", cat, number.English)}, ChangeOptions{})
	if !errors.Is(err, ErrRejected) {
		t.Fatalf("apply of a stream with a duplicate: %v", err)
	}
	mustBeUnchanged(t, st, before, sum)

	good := "element,area,period,category,value,comment\nPOP,QN_COTO_01,2024,,5,\n"
	sum, err = ApplyChanges(ctx, st, ChangeStream{Name: "y.csv", Changes: exchange.ReadLong(strings.NewReader(good), "y.csv", cat, number.English)}, ChangeOptions{})
	if err != nil || sum.New != 1 || sum.Backup == "" {
		t.Fatalf("%+v %v", sum, err)
	}
	if err := store.CheckBackup(ctx, sum.Backup); err != nil {
		t.Error(err)
	}
}

func TestCancel(t *testing.T) {
	st := demoStore(t)
	p := preview(t, st, "testdata/long-vi.csv", "")
	c, cancel := contextWithCancel()
	cancel()
	if _, err := DryRun(c, st, p, nil); err == nil {
		t.Error("a cancelled dry run ran")
	}
}

// A file without a comment column keeps the stored comments; every file
// keeps the follow-up flags.
func TestKeepsCommentsAndFlags(t *testing.T) {
	st := demoStore(t)
	if _, err := st.Save(ctx, store.Change{Element: "POP", Area: "QN_COTO_01", Period: "2024", Value: "100", Comment: "đã rà soát", FollowUp: true},
		store.Change{Element: "POP", Area: "QN_COTO_02", Period: "2024", Value: "200", Comment: "ước tính"}); err != nil {
		t.Fatal(err)
	}
	path := writeFile(t, "pop.csv", "Địa bàn,2024\nQN_COTO_01,100\nQN_COTO_02,250\n")
	p := preview(t, st, path, "")
	if err := p.SetElement("POP"); err != nil {
		t.Fatal(err)
	}
	sum, err := DryRun(ctx, st, p, nil)
	if err != nil || sum.Unchanged != 1 || sum.Changed != 1 {
		t.Fatalf("%+v %v", sum, err)
	}
	if sum, err = Apply(ctx, st, p, nil); err != nil || sum.Unchanged != 1 || sum.Changed != 1 {
		t.Fatalf("%+v %v", sum, err)
	}
	vs, _ := st.Values(ctx, store.ValueFilter{Elements: []string{"POP"}, Periods: []string{"2024"}})
	got := map[string]store.Value{}
	for _, v := range vs {
		got[v.Area] = v
	}
	if v := got["QN_COTO_01"]; v.Value != "100" || v.Comment != "đã rà soát" || !v.FollowUp {
		t.Errorf("unchanged value: %+v", v)
	}
	if v := got["QN_COTO_02"]; v.Value != "250" || v.Comment != "ước tính" {
		t.Errorf("changed value lost its comment: %+v", v)
	}
	// A comment column says what the comment is, even empty.
	path = writeFile(t, "pop2.csv", "element,area,period,value,comment\nPOP,QN_COTO_02,2024,250,\nPOP,QN_COTO_01,2024,100,đã rà soát\n")
	p = preview(t, st, path, "")
	if sum, err = Apply(ctx, st, p, nil); err != nil || sum.Changed != 1 || sum.Unchanged != 1 {
		t.Fatalf("%+v %v", sum, err)
	}
	if _, c := valueOf(t, st, "POP", "QN_COTO_02", "2024", ""); c != "" {
		t.Errorf("comment %q, want it cleared", c)
	}
}

func TestStyleDetection(t *testing.T) {
	st := demoStore(t)
	cases := []struct {
		values []string
		want   NumberStyle
	}{
		{[]string{"1234", "5", "0"}, StyleAny},
		{[]string{"61,25", "100.57"}, StyleAny}, // written both ways, but each reads the same
		{[]string{"61,25", "100.57", "1.234"}, StyleMixed},
		{[]string{"1.234", "2.345"}, StyleAmbiguous},
		{[]string{"1.234", "2,5"}, StyleVietnamese},
		{[]string{"1,234", "2.5"}, StyleEnglish},
		{[]string{"1.234", "1.234.567"}, StyleVietnamese},
		{[]string{"abc", "1,5"}, StyleVietnamese},
	}
	for _, c := range cases {
		text := "element,area,period,value\n"
		for i, v := range c.values {
			text += "INC_PC,QN_COTO_0" + string(rune('1'+i)) + ",2024,\"" + v + "\"\n"
		}
		p := preview(t, st, writeFile(t, "s.csv", text), "")
		if got := column(t, p, "value").Style; got != c.want {
			t.Errorf("%q: %v, want %v", c.values, got, c.want)
		}
	}
	// In a workbook, a number cell says nothing about style; text does.
	path := writeXLSX(t, "s.xlsx", sheet{"S", [][]any{{"element", "area", "period", "value"},
		{"INC_PC", "QN_COTO_01", 2024, 1.234}, {"INC_PC", "QN_COTO_02", 2024, 2.5}}})
	if got := column(t, preview(t, st, path, ""), "value").Style; got != StyleAny {
		t.Errorf("number cells: %v", got)
	}
	path = writeXLSX(t, "s.xlsx", sheet{"S", [][]any{{"element", "area", "period", "value"},
		{"INC_PC", "QN_COTO_01", 2024, "1.234"}, {"INC_PC", "QN_COTO_02", 2024, 2.5}}})
	p := preview(t, st, path, "")
	if c := column(t, p, "value"); c.Style != StyleAmbiguous || c.Example != "1.234" || c.ExampleRow != 2 {
		t.Errorf("text cells: %+v", c)
	}
	contains(t, msg.Text(p.Ready(), "vi"), "trang S", "cột value (D)", `"1.234"`, "hàng 2")
}

// A column the user makes a value column gets its style from DetectStyles.
func TestDetectStylesAfterRoleChange(t *testing.T) {
	st := demoStore(t)
	path := writeFile(t, "r.csv", "Mã địa bàn,Số liệu cũ,Ghi chú\nQN_COTO_01,\"1.234\",a\nQN_COTO_02,\"2,5\",b\n")
	p := preview(t, st, path, "")
	c := column(t, p, "Số liệu cũ")
	if c.Role != RoleIgnore {
		t.Fatalf("role %v", c.Role)
	}
	c.Role, c.Element, c.Period = RoleValue, "SS_SPEND", "2024"
	if err := p.DetectStyles(ctx, nil); err != nil {
		t.Fatal(err)
	}
	if c.Style != StyleVietnamese || c.Example != "2,5" {
		t.Errorf("style %v, example %q", c.Style, c.Example)
	}
	sum, err := Apply(ctx, st, p, nil)
	if err != nil {
		t.Fatalf("%v\n%s", err, rejectionsText(sum, "en"))
	}
	if v, c := valueOf(t, st, "SS_SPEND", "QN_COTO_01", "2024", ""); v != "1234" || c != "a" {
		t.Errorf("%q %q", v, c)
	}
}
