package exchange

import (
	"bytes"
	"errors"
	"os"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"chiso/data/catalog"
	"chiso/data/msg"
)

func readFile(t *testing.T, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func TestReadAreas_CSV(t *testing.T) {
	areas, err := ReadAreas(bytes.NewReader(readFile(t, "testdata/areas/good.csv")), "good.csv")
	if err != nil {
		t.Fatal(msg.Text(err, "vi"))
	}
	want := []catalog.Area{
		{Code: "QN_NEW1", Name: "Xã Hải Hòa", NameEN: "Hai Hoa Commune", Level: 4, Parent: "QN_HALONG", Groups: []string{"VEN_BIEN", "DBKK"}, ValidFrom: "2025-07-01"},
		{Code: "00004", Name: "Phường Ba Đình", Level: 4, Parent: "QN_HALONG", ValidFrom: "2025-07-01", ValidTo: "2030-12-31"},
		{Code: "QN_NFD", Name: "Xã Quảng Đức", Level: 4, Parent: "QN_HALONG"}, // decomposed in the file
	}
	if !reflect.DeepEqual(areas, want) {
		t.Errorf("got  %+v\nwant %+v", areas, want)
	}
}

func TestReadAreas_CSVErrors(t *testing.T) {
	_, err := ReadAreas(bytes.NewReader(readFile(t, "testdata/areas/bad.csv")), "bad.csv")
	var list AreaErrors
	if !errors.As(err, &list) {
		t.Fatalf("err = %v, want AreaErrors", err)
	}
	vi, en := msg.Text(err, "vi"), msg.Text(err, "en")
	for _, want := range []string{
		"tệp bad.csv, dòng 2, cột valid_from: ngày \"31/02/2025\" không hợp lệ",
		"tệp bad.csv, dòng 3, cột code: mã A1 đã có ở dòng 2",
		"tệp bad.csv, dòng 3, cột level: cấp \"x\"",
		"tệp bad.csv, dòng 4, cột code: mã \"b2\"",
		"tệp bad.csv, dòng 4, cột name: thiếu tên",
	} {
		if !strings.Contains(vi, want) {
			t.Errorf("Vietnamese errors miss %q:\n%s", want, vi)
		}
	}
	if !strings.Contains(en, "file bad.csv, line 3, column code: code A1 is already on line 2") {
		t.Errorf("English errors:\n%s", en)
	}

	for _, c := range []struct{ file, want string }{
		{"nocode.csv", "file nocode.csv, line 1: missing column code"},
		{"binary.csv", "file binary.csv is not a UTF-8 CSV text"},
	} {
		_, err := ReadAreas(bytes.NewReader(readFile(t, "testdata/areas/"+c.file)), c.file)
		if err == nil || !strings.Contains(msg.Text(err, "en"), c.want) {
			t.Errorf("%s: err = %v, want %q", c.file, err, c.want)
		}
	}
	if _, err := ReadAreas(strings.NewReader(""), "empty.csv"); err == nil || !strings.Contains(msg.Text(err, "vi"), "rỗng") {
		t.Errorf("empty file: err = %v", err)
	}
}

// workbook returns an XLSX file holding rows on its first sheet; a cell
// that is a func formats the cell after it is set.
func workbook(t *testing.T, rows [][]any) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	sheet := f.GetSheetName(0)
	for i, row := range rows {
		for j, v := range row {
			cell, _ := excelize.CoordinatesToCellName(j+1, i+1)
			switch v := v.(type) {
			case func(*excelize.File, string, string):
				v(f, sheet, cell)
			case string:
				if err := f.SetCellStr(sheet, cell, v); err != nil {
					t.Fatal(err)
				}
			default:
				if err := f.SetCellValue(sheet, cell, v); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// zeroPadded sets a numeric cell 4 shown as "00004".
func zeroPadded(f *excelize.File, sheet, cell string) {
	f.SetCellInt(sheet, cell, 4)
	format := "00000"
	style, _ := f.NewStyle(&excelize.Style{CustomNumFmt: &format})
	f.SetCellStyle(sheet, cell, cell, style)
}

// dateCell sets a real Excel date, 1 July 2025.
func dateCell(f *excelize.File, sheet, cell string) {
	f.SetCellValue(sheet, cell, time.Date(2025, 7, 1, 0, 0, 0, 0, time.UTC))
	style, _ := f.NewStyle(&excelize.Style{NumFmt: 14})
	f.SetCellStyle(sheet, cell, cell, style)
}

func TestReadAreas_XLSX(t *testing.T) {
	data := workbook(t, [][]any{
		{"CODE", "Name", "name_en", "Level", "parent", "groups", "valid_from", "valid_to"},
		{"00001", "Xã Hải Hòa", "Hai Hoa", 4, "QN_HALONG", "VEN_BIEN", dateCell, "31/12/2030"},
		{zeroPadded, "Phường Ba Đình", "", "4", "QN_HALONG", "", "", ""},
		{},
		{"QN_X", "Xã X", "", 3, "QN"},
	})
	rows, err := ReadAreaRows(bytes.NewReader(data), "ds.xlsx")
	if err != nil {
		t.Fatal(msg.Text(err, "vi"))
	}
	want := []AreaRow{
		{catalog.Area{Code: "00001", Name: "Xã Hải Hòa", NameEN: "Hai Hoa", Level: 4, Parent: "QN_HALONG", Groups: []string{"VEN_BIEN"}, ValidFrom: "2025-07-01", ValidTo: "2030-12-31"}, 2},
		{catalog.Area{Code: "00004", Name: "Phường Ba Đình", Level: 4, Parent: "QN_HALONG"}, 3},
		{catalog.Area{Code: "QN_X", Name: "Xã X", Level: 3, Parent: "QN"}, 5},
	}
	if !reflect.DeepEqual(rows, want) {
		t.Errorf("got  %+v\nwant %+v", rows, want)
	}
	areas, err := ReadAreasXLSX(bytes.NewReader(data), "ds.xlsx")
	if err != nil || len(areas) != 3 || areas[1].Code != "00004" {
		t.Errorf("ReadAreasXLSX = %+v, %v", areas, err)
	}
}

func TestReadAreas_XLSXErrors(t *testing.T) {
	data := workbook(t, [][]any{
		{"code", "name", "level"},
		{"A", "Xã A", 4},
		{"A", "Xã B", 4.5},
	})
	_, err := ReadAreasXLSX(bytes.NewReader(data), "x.xlsx")
	text := msg.Text(err, "vi")
	for _, want := range []string{"tệp x.xlsx, trang Sheet1, hàng 3, cột code: mã A đã có ở dòng 2", "hàng 3, cột level"} {
		if !strings.Contains(text, want) {
			t.Errorf("errors miss %q:\n%s", want, text)
		}
	}

	// Not a spreadsheet at all.
	_, err = ReadAreasXLSX(bytes.NewReader(readFile(t, "testdata/areas/good.csv")), "good.xlsx")
	if err == nil || !strings.Contains(msg.Text(err, "vi"), "tệp good.xlsx không phải bảng tính Excel") ||
		!strings.Contains(msg.Text(err, "en"), "file good.xlsx is not an Excel workbook") {
		t.Errorf("a CSV read as XLSX: err = %v", err)
	}
	_, err = ReadAreaRows(strings.NewReader("PK\x03\x04 broken"), "broken.XLSX")
	if err == nil || !strings.Contains(msg.Text(err, "en"), "not an Excel workbook") {
		t.Errorf("a broken zip: err = %v", err)
	}
	// A workbook without the needed columns.
	_, err = ReadAreasXLSX(bytes.NewReader(workbook(t, [][]any{{"ma", "ten"}, {"A", "B"}})), "y.xlsx")
	if err == nil || !strings.Contains(msg.Text(err, "en"), "file y.xlsx, sheet Sheet1, row 1: missing column code") {
		t.Errorf("no code column: err = %v", err)
	}
}

func TestParseDate(t *testing.T) {
	for in, want := range map[string]string{
		"2025-07-01": "2025-07-01", "01/07/2025": "2025-07-01", "1/7/2025": "2025-07-01", " 29/02/2024 ": "2024-02-29",
		"29/02/2025": "", "2025-13-01": "", "07/2025": "", "": "", "01/01/1800": "",
	} {
		got, ok := ParseDate(in)
		if got != want || ok != (want != "") {
			t.Errorf("ParseDate(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
}

// TestReadAreasListsEveryFaultyLine: a list with many faulty lines names
// every one, and a line with more fields than the header (a name with an
// unquoted comma) is refused, not cut.
func TestReadAreasListsEveryFaultyLine(t *testing.T) {
	var b strings.Builder
	b.WriteString("code,name,level,parent\n")
	for i := 0; i < 120; i++ {
		b.WriteString("bad code,Xã,4,QN\n")
	}
	b.WriteString("QN_X1,Xã Hải Hòa, huyện Hải Hà,4,QN\n")
	_, err := ReadAreas(strings.NewReader(b.String()), "nhieu.csv")
	var list AreaErrors
	if !errors.As(err, &list) || len(list) != 121 {
		t.Fatalf("%d errors, want 121: %v", len(list), err)
	}
	if vi := msg.Text(list[120], "vi"); !strings.Contains(vi, "dòng 122") || !strings.Contains(vi, "5 trường, dòng tiêu đề có 4") {
		t.Errorf("the misaligned line: %s", vi)
	}
}
