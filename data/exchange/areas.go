// This file: area lists, one area per line, from CSV or the first sheet of
// an XLSX workbook, with the columns of AreaColumns.

package exchange

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"path/filepath"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"chiso/data/catalog"
	"chiso/data/msg"
	"chiso/data/vntext"
)

// AreaColumns are the columns of an area list. code, name and level are
// required; the others may be missing or empty. groups holds group codes
// separated by ";"; dates are yyyy-mm-dd or dd/mm/yyyy.
var AreaColumns = []string{"code", "name", "name_en", "level", "parent", "groups", "valid_from", "valid_to"}

// AreaRow is an area read from a list, with the line (CSV) or row (XLSX,
// 1 for the header) it came from.
type AreaRow struct {
	catalog.Area
	Line int
}

// AreaErrors lists the faulty lines of an area list, each an error naming
// the file, the line and the column.
type AreaErrors []error

// Error returns the English texts, one a line.
func (e AreaErrors) Error() string { return e.Message("en") }

// Message returns the texts in lang ("vi" or "en"), one a line.
func (e AreaErrors) Message(lang string) string {
	lines := make([]string, len(e))
	for i, err := range e {
		lines[i] = msg.Text(err, lang)
	}
	return strings.Join(lines, "\n")
}

// Unwrap returns the errors of the lines.
func (e AreaErrors) Unwrap() []error { return e }

// ReadAreas reads an area list in CSV (UTF-8, with or without a byte order
// mark) from r, named name in messages. The header line names the columns
// (any case, any order, see AreaColumns). Every text is returned in NFC.
// A file with faulty lines returns AreaErrors naming every one; a line with
// more or fewer fields than the header is one of them.
func ReadAreas(r io.Reader, name string) ([]catalog.Area, error) {
	return areasOf(readAreaRowsCSV(r, name))
}

// ReadAreasXLSX reads an area list from the first sheet of an XLSX
// workbook, like ReadAreas. Cells are read as the text Excel shows, so a
// code formatted "00004" stays "00004"; date cells become yyyy-mm-dd.
func ReadAreasXLSX(r io.Reader, name string) ([]catalog.Area, error) {
	return areasOf(readAreaRowsXLSX(r, name))
}

// ReadAreaRows reads an area list, as XLSX when name ends in .xlsx and
// as CSV otherwise, with the line of each area.
func ReadAreaRows(r io.Reader, name string) ([]AreaRow, error) {
	if strings.EqualFold(filepath.Ext(name), ".xlsx") {
		return readAreaRowsXLSX(r, name)
	}
	return readAreaRowsCSV(r, name)
}

func areasOf(rows []AreaRow, err error) ([]catalog.Area, error) {
	if err != nil {
		return nil, err
	}
	out := make([]catalog.Area, len(rows))
	for i, r := range rows {
		out[i] = r.Area
	}
	return out, nil
}

// where names a place in a file in both languages.
type where struct{ vi, en string }

func fileErr(w where, vi, en string, cause error) error {
	if cause != nil {
		return msg.Wrap(cause, w.vi+": "+vi, w.en+": "+en)
	}
	return msg.New(w.vi+": "+vi, w.en+": "+en)
}

func readAreaRowsCSV(r io.Reader, name string) ([]AreaRow, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, msg.Wrap(err, "không đọc được tệp "+name, "cannot read file "+name)
	}
	data = bytes.TrimPrefix(data, bom)
	if !utf8.Valid(data) {
		return nil, msg.New("tệp "+name+" không phải văn bản CSV mã UTF-8 (hãy lưu lại dạng \"CSV UTF-8\")",
			"file "+name+" is not a UTF-8 CSV text (save it as \"CSV UTF-8\")")
	}
	cr := csv.NewReader(bufio.NewReader(bytes.NewReader(data)))
	cr.FieldsPerRecord = -1
	var records [][]string
	var lines []int
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			line := len(records) + 1
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				line = pe.Line
			}
			return nil, fileErr(where{fmt.Sprintf("tệp %s, dòng %d", name, line), fmt.Sprintf("file %s, line %d", name, line)},
				"không đọc được CSV", "not a readable CSV", err)
		}
		line, _ := cr.FieldPos(0)
		records = append(records, rec)
		lines = append(lines, line)
	}
	at := func(line int, col string) where {
		if col == "" {
			return where{fmt.Sprintf("tệp %s, dòng %d", name, line), fmt.Sprintf("file %s, line %d", name, line)}
		}
		return where{fmt.Sprintf("tệp %s, dòng %d, cột %s", name, line, col), fmt.Sprintf("file %s, line %d, column %s", name, line, col)}
	}
	return parseAreaTable(records, lines, nil, name, at)
}

func readAreaRowsXLSX(r io.Reader, name string) ([]AreaRow, error) {
	f, err := excelize.OpenReader(r, excelize.Options{UnzipSizeLimit: 1 << 30})
	if err != nil {
		return nil, msg.Wrap(err, "tệp "+name+" không phải bảng tính Excel (.xlsx)", "file "+name+" is not an Excel workbook (.xlsx)")
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		return nil, msg.New("tệp "+name+" không có trang tính nào", "file "+name+" has no sheet")
	}
	sheet := sheets[0]
	shown, err := f.GetRows(sheet)
	if err != nil {
		return nil, msg.Wrap(err, "không đọc được trang "+sheet+" của tệp "+name, "cannot read sheet "+sheet+" of file "+name)
	}
	raw, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		return nil, msg.Wrap(err, "không đọc được trang "+sheet+" của tệp "+name, "cannot read sheet "+sheet+" of file "+name)
	}
	lines := make([]int, len(shown))
	for i := range lines {
		lines[i] = i + 1
	}
	at := func(row int, col string) where {
		if col == "" {
			return where{fmt.Sprintf("tệp %s, trang %s, hàng %d", name, sheet, row), fmt.Sprintf("file %s, sheet %s, row %d", name, sheet, row)}
		}
		return where{fmt.Sprintf("tệp %s, trang %s, hàng %d, cột %s", name, sheet, row, col),
			fmt.Sprintf("file %s, sheet %s, row %d, column %s", name, sheet, row, col)}
	}
	return parseAreaTable(shown, lines, raw, name, at)
}

// parseAreaTable reads the areas of records, whose first non-empty record
// is the header; lines holds the line of each record. raw, for a workbook,
// holds the unformatted cell values, from which dates and levels are read.
func parseAreaTable(records [][]string, lines []int, raw [][]string, name string, at func(line int, col string) where) ([]AreaRow, error) {
	first := 0
	for first < len(records) && blank(records[first]) {
		first++
	}
	if first == len(records) {
		return nil, msg.New("tệp "+name+" rỗng, thiếu dòng tiêu đề", "file "+name+" is empty, the header line is missing")
	}
	col := map[string]int{}
	for i, h := range records[first] {
		h = strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))
		if _, dup := col[h]; dup && h != "" {
			return nil, fileErr(at(lines[first], h), "cột có hai lần", "the column appears twice", nil)
		}
		col[h] = i
	}
	for _, need := range []string{"code", "name", "level"} {
		if _, ok := col[need]; !ok {
			return nil, fileErr(at(lines[first], ""),
				"thiếu cột "+need+" (các cột: "+strings.Join(AreaColumns, ", ")+")",
				"missing column "+need+" (columns: "+strings.Join(AreaColumns, ", ")+")", nil)
		}
	}
	var out []AreaRow
	var errs AreaErrors
	seen := map[string]int{}
	width := len(records[first])
	for i := first + 1; i < len(records); i++ {
		rec, line := records[i], lines[i]
		if blank(rec) {
			continue
		}
		if raw == nil && len(rec) != width { // a CSV line out of step with its header
			errs = append(errs, fileErr(at(line, ""), fmt.Sprintf("có %d trường, dòng tiêu đề có %d trường (một dấu phẩy trong tên chưa đặt trong ngoặc kép?)", len(rec), width),
				fmt.Sprintf("%d fields, the header line has %d (a comma in a name outside quotes?)", len(rec), width), nil))
			continue
		}
		cell := func(c string) string {
			j, ok := col[c]
			if !ok || j >= len(rec) {
				return ""
			}
			return strings.TrimSpace(vntext.NFC(rec[j]))
		}
		rawCell := func(c string) string {
			j, ok := col[c]
			if raw == nil || !ok || i >= len(raw) || j >= len(raw[i]) {
				return cell(c)
			}
			return strings.TrimSpace(raw[i][j])
		}
		fail := func(c, vi, en string) { errs = append(errs, fileErr(at(line, c), vi, en, nil)) }
		n := len(errs)

		a := catalog.Area{Code: cell("code"), Name: cell("name"), NameEN: cell("name_en"), Parent: cell("parent")}
		switch {
		case a.Code == "":
			fail("code", "thiếu mã", "the code is empty")
		case !ValidCode(a.Code):
			fail("code", fmt.Sprintf("mã %q chỉ được gồm chữ in hoa không dấu, chữ số và _", a.Code),
				fmt.Sprintf("code %q may hold only capital letters A–Z, digits and _", a.Code))
		default:
			if l, dup := seen[a.Code]; dup {
				fail("code", fmt.Sprintf("mã %s đã có ở dòng %d", a.Code, l), fmt.Sprintf("code %s is already on line %d", a.Code, l))
			}
			seen[a.Code] = line
		}
		if a.Name == "" {
			fail("name", "thiếu tên", "the name is empty")
		}
		if lv := rawCell("level"); lv == "" {
			fail("level", "thiếu cấp", "the level is empty")
		} else if f, err := strconv.ParseFloat(lv, 64); err != nil || f != math.Trunc(f) || f < 1 || f > 99 {
			fail("level", fmt.Sprintf("cấp %q không phải số nguyên dương", lv), fmt.Sprintf("level %q is not a positive whole number", lv))
		} else {
			a.Level = int(f)
		}
		if a.Parent != "" && !ValidCode(a.Parent) {
			fail("parent", fmt.Sprintf("mã cấp trên %q không hợp lệ", a.Parent), fmt.Sprintf("parent code %q is not valid", a.Parent))
		}
		if a.Parent != "" && a.Parent == a.Code {
			fail("parent", "địa bàn không thể là cấp trên của chính nó", "an area cannot be its own parent")
		}
		for g := range strings.SplitSeq(cell("groups"), ";") {
			if g = strings.TrimSpace(g); g == "" {
				continue
			}
			if !ValidCode(g) {
				fail("groups", fmt.Sprintf("mã nhóm %q không hợp lệ", g), fmt.Sprintf("group code %q is not valid", g))
			}
			a.Groups = append(a.Groups, g)
		}
		for _, c := range []struct {
			col string
			dst *string
		}{{"valid_from", &a.ValidFrom}, {"valid_to", &a.ValidTo}} {
			v := rawCell(c.col)
			if v == "" {
				continue
			}
			d, ok := ParseDate(v)
			if !ok && raw != nil {
				d, ok = excelDate(v)
			}
			if !ok {
				fail(c.col, fmt.Sprintf("ngày %q không hợp lệ (dạng 31/12/2025 hoặc 2025-12-31)", v),
					fmt.Sprintf("date %q is not valid (write 31/12/2025 or 2025-12-31)", v))
				continue
			}
			*c.dst = d
		}
		if a.ValidFrom != "" && a.ValidTo != "" && a.ValidTo < a.ValidFrom {
			fail("valid_to", "ngày hết hiệu lực trước ngày bắt đầu", "the valid-to date is before the valid-from date")
		}
		if len(errs) == n {
			out = append(out, AreaRow{Area: a, Line: line})
		}
	}
	if len(errs) > 0 {
		return nil, errs
	}
	return out, nil
}

func blank(rec []string) bool {
	for _, f := range rec {
		if strings.TrimSpace(f) != "" {
			return false
		}
	}
	return true
}

// ValidCode reports whether s is a catalog code: capital letters A–Z,
// digits and _, at most 64 characters.
func ValidCode(s string) bool {
	if s == "" || len(s) > 64 {
		return false
	}
	for _, r := range s {
		if !(r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_') {
			return false
		}
	}
	return true
}

// ParseDate reads a real date written yyyy-mm-dd or dd/mm/yyyy (day and
// month may have one digit) and returns it as yyyy-mm-dd.
func ParseDate(s string) (string, bool) {
	s = strings.TrimSpace(s)
	for _, layout := range []string{"2006-01-02", "02/01/2006", "2/1/2006"} {
		if t, err := time.Parse(layout, s); err == nil {
			if t.Year() < 1900 || t.Year() > 2200 {
				return "", false
			}
			return t.Format("2006-01-02"), true
		}
	}
	return "", false
}

// excelDate reads a date cell's serial number.
func excelDate(s string) (string, bool) {
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || f < 1 || f > 200000 {
		return "", false
	}
	t, err := excelize.ExcelDateToTime(f, false)
	if err != nil {
		return "", false
	}
	return t.Format("2006-01-02"), true
}
