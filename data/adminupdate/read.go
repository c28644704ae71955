// Package adminupdate brings a database's administrative units up to a
// newer official list: the statistics office's export of its code list
// (danhmuchanhchinh.nso.gov.vn, Excel or CSV: Mã, Tên, Cấp, Mã TP, Tỉnh /
// Thành Phố) and, for units that merged or split, a mapping file in the
// layout of its conversion table ("Bảng chuyển đổi ĐVHC mới - cũ": Mã xã
// mới, Mã xã cũ, Ghi chú). Diff compares the list with the database by code
// and says what is new, renamed, moved to another province, merged, split
// or dissolved; Apply makes it so from an effective date, in one
// transaction: units that end get their last day and successors, renamed
// ones keep their former name, nothing is deleted and no stored value
// changes.
package adminupdate

import (
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"unicode"

	"github.com/xuri/excelize/v2"

	"chiso/data/msg"
	"chiso/data/vntext"
)

// Unit is a unit of a list file: a province (two-digit code) or a commune
// (five digits) and the province it belongs to.
type Unit struct {
	Code, Name, Type string
	Province         string // the province's code, for a commune
	Row              int    // the line of the file, for messages
}

// List is an official list read from a file.
type List struct {
	File      string
	Provinces []Unit
	Communes  []Unit
}

// Link is a line of a mapping file: the old unit From went, whole or in
// part, into the new unit To.
type Link struct {
	From, To string
	Whole    bool
	// Share is the share of From's population that went to To; negative
	// when the file does not give it.
	Share float64
	Row   int
}

// header returns a column title reduced for matching: folded, with
// anything but letters and digits as single spaces.
func header(s string) string {
	f := vntext.Fold(s)
	var b strings.Builder
	space := false
	for _, r := range f {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(r)
		} else {
			space = true
		}
	}
	return b.String()
}

// columns are the titles a role's column may have (as header reduces them).
type columns map[string][]string

var listColumns = columns{
	"code":          {"ma", "ma px", "ma xa", "ma phuong xa", "maphuongxa", "ma dvhc", "ma don vi", "ma don vi hanh chinh", "code"},
	"name":          {"ten", "ten px", "ten xa", "ten phuong xa", "tenphuongxa", "ten dvhc", "ten don vi", "ten don vi hanh chinh", "name"},
	"type":          {"cap", "loai hinh", "loaihinh", "loai", "type"},
	"province":      {"ma tp", "ma tinh", "matinh", "ma tinh thanh pho", "province code", "province"},
	"province name": {"tinh thanh pho", "tinh", "tentinh", "ten tinh", "ten tinh thanh pho", "province name"},
	"district":      {"ma qh", "ma quan huyen", "ma huyen", "district code"},
}

var mappingColumns = columns{
	"to":    {"ma xa moi", "ma moi", "ma dvhc moi", "ma don vi moi", "new code", "to"},
	"from":  {"ma xa cu", "ma cu", "ma dvhc cu", "ma don vi cu", "old code", "from"},
	"note":  {"ghi chu", "note", "kind"},
	"share": {"ty le dan so", "ty le", "share"},
}

// find returns the row (index) holding the titles of the required roles
// within the first rows, and the column of each role found.
func (cs columns) find(rows [][]string, required ...string) (int, map[string]int, bool) {
	for i, row := range rows {
		if i == 20 {
			break
		}
		at := map[string]int{}
		for j, cell := range row {
			h := header(cell)
			for role, titles := range cs {
				for _, t := range titles {
					if h == t {
						if _, dup := at[role]; !dup {
							at[role] = j
						}
					}
				}
			}
		}
		ok := true
		for _, r := range required {
			_, has := at[r]
			ok = ok && has
		}
		if ok {
			return i, at, true
		}
	}
	return 0, nil, false
}

// readRows reads the first sheet of a workbook (.xlsx) or a CSV file
// (UTF-8 with or without BOM, separated by commas, semicolons or tabs).
func readRows(path string) ([][]string, error) {
	name := filepath.Base(path)
	if strings.EqualFold(filepath.Ext(path), ".xlsx") {
		f, err := excelize.OpenFile(path)
		if err != nil {
			return nil, msg.Wrap(err, "không đọc được bảng tính "+name, "cannot read the workbook "+name)
		}
		defer f.Close()
		sheets := f.GetSheetList()
		if len(sheets) == 0 {
			return nil, msg.New("tệp "+name+" không có trang tính nào", "file "+name+" has no worksheet")
		}
		// The conversion table's sheet without merged cells repeats every
		// value on every line: take it when there is one.
		sheet := sheets[0]
		for _, s := range sheets {
			if strings.Contains(header(s), "khong merge") {
				sheet = s
			}
		}
		rows, err := f.GetRows(sheet)
		if err != nil {
			return nil, msg.Wrap(err, "không đọc được trang "+sheet+" của "+name, "cannot read sheet "+sheet+" of "+name)
		}
		return rows, nil
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, msg.Wrap(err, "không mở được tệp "+path, "cannot open file "+path)
	}
	text := strings.TrimPrefix(string(data), "\uFEFF")
	r := csv.NewReader(strings.NewReader(text))
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	first, _, _ := strings.Cut(text, "\n")
	switch {
	case strings.Count(first, "\t") > strings.Count(first, ","):
		r.Comma = '\t'
	case strings.Count(first, ";") > strings.Count(first, ","):
		r.Comma = ';'
	}
	var rows [][]string
	for {
		rec, err := r.Read()
		if err == io.EOF {
			return rows, nil
		}
		if err != nil {
			return nil, msg.Wrap(err, "tệp "+name+" không phải CSV đọc được", "file "+name+" is not a readable CSV")
		}
		rows = append(rows, rec)
	}
}

// code reads a code cell: digits only, given back their leading zeros
// (a spreadsheet that took 06970 for a number shows 6970).
func code(cell string, width int) (string, bool) {
	cell = strings.TrimSpace(cell)
	if cell == "" {
		return "", false
	}
	if _, err := strconv.Atoi(cell); err != nil {
		return cell, false
	}
	for len(cell) < width {
		cell = "0" + cell
	}
	return cell, len(cell) == width
}

func cellOf(row []string, at map[string]int, role string) string {
	if i, ok := at[role]; ok && i < len(row) {
		return strings.Join(strings.Fields(vntext.NFC(row[i])), " ")
	}
	return ""
}

// ReadList reads the statistics office's list of provinces and communes
// from an Excel workbook or a CSV file. A commune's province is named by
// its code column (Mã TP) and, when given, its name column (Tỉnh / Thành
// Phố), which makes the list of provinces. A list of before the reform
// (with districts) is refused, as is a line without a code or a name.
func ReadList(path string) (*List, error) {
	name := filepath.Base(path)
	rows, err := readRows(path)
	if err != nil {
		return nil, err
	}
	head, at, ok := listColumns.find(rows, "code", "name", "province")
	if !ok {
		return nil, msg.New(
			"không thấy hàng tiêu đề của danh mục trong "+name+" (cần các cột Mã, Tên, Mã TP; thêm Cấp, Tỉnh / Thành Phố nếu có)",
			"no header row of the code list in "+name+" (columns Mã, Tên, Mã TP are needed; Cấp, Tỉnh / Thành Phố may follow)")
	}
	l := &List{File: name}
	provinces := map[string]int{}
	for i, row := range rows[head+1:] {
		line := head + 2 + i
		raw := cellOf(row, at, "code")
		if raw == "" && cellOf(row, at, "name") == "" {
			continue // an empty line, or a province's heading line
		}
		if cellOf(row, at, "district") != "" {
			return nil, msg.New(
				fmt.Sprintf("%s, dòng %d: danh mục có cấp huyện (trước 01/7/2025); Chỉ Số cập nhật theo danh mục hiện hành, không có cấp huyện", name, line),
				fmt.Sprintf("%s, line %d: the list has districts (before 1/7/2025); Chỉ Số updates from today's list, which has none", name, line))
		}
		c, okc := code(raw, 5)
		p, okp := code(cellOf(row, at, "province"), 2)
		n := cellOf(row, at, "name")
		if !okc || !okp || n == "" {
			return nil, msg.New(
				fmt.Sprintf("%s, dòng %d: cần mã xã 5 chữ số, mã tỉnh 2 chữ số và tên (đọc được %q, %q, %q)", name, line, raw, cellOf(row, at, "province"), n),
				fmt.Sprintf("%s, line %d: a five-digit commune code, a two-digit province code and a name are needed (read %q, %q, %q)", name, line, raw, cellOf(row, at, "province"), n))
		}
		l.Communes = append(l.Communes, Unit{Code: c, Name: n, Type: cellOf(row, at, "type"), Province: p, Row: line})
		pn := cellOf(row, at, "province name")
		if j, seen := provinces[p]; !seen {
			provinces[p] = len(l.Provinces)
			l.Provinces = append(l.Provinces, Unit{Code: p, Name: pn, Row: line})
		} else if l.Provinces[j].Name == "" {
			l.Provinces[j].Name = pn
		}
	}
	if len(l.Communes) == 0 {
		return nil, msg.New(name+" không có đơn vị nào", name+" lists no unit")
	}
	seen := map[string]int{}
	for _, u := range l.Communes {
		if prev, dup := seen[u.Code]; dup {
			return nil, msg.New(fmt.Sprintf("%s: mã %s có ở dòng %d và dòng %d", name, u.Code, prev, u.Row),
				fmt.Sprintf("%s: code %s is on line %d and line %d", name, u.Code, prev, u.Row))
		}
		seen[u.Code] = u.Row
	}
	return l, nil
}

// ReadMapping reads a mapping file of old codes to new ones: the
// statistics office's conversion table (two lines of titles, a heading line
// for each province, Mã xã mới, Mã xã cũ and a note saying "Nhập toàn bộ"
// or "Nhập một phần", and "toàn bộ dân số" where the part took the whole
// population), or any table with those columns (from, to, kind, share).
func ReadMapping(path string) ([]Link, error) {
	name := filepath.Base(path)
	rows, err := readRows(path)
	if err != nil {
		return nil, err
	}
	head, at, ok := mappingColumns.find(rows, "from", "to")
	if !ok {
		return nil, msg.New("không thấy hàng tiêu đề của bảng chuyển đổi trong "+name+" (cần các cột Mã xã mới, Mã xã cũ)",
			"no header row of the conversion table in "+name+" (columns Mã xã mới, Mã xã cũ are needed)")
	}
	var links []Link
	for i, row := range rows[head+1:] {
		line := head + 2 + i
		rawFrom, rawTo := cellOf(row, at, "from"), cellOf(row, at, "to")
		if rawFrom == "" && rawTo == "" {
			continue
		}
		width := 5
		if len(rawFrom) <= 2 && len(rawTo) <= 2 {
			width = 2 // provinces
		}
		from, okf := code(rawFrom, width)
		to, okt := code(rawTo, width)
		if !okf || !okt {
			return nil, msg.New(fmt.Sprintf("%s, dòng %d: mã cũ %q hay mã mới %q không phải mã đơn vị hành chính", name, line, rawFrom, rawTo),
				fmt.Sprintf("%s, line %d: old code %q or new code %q is not a unit code", name, line, rawFrom, rawTo))
		}
		note := header(cellOf(row, at, "note"))
		l := Link{From: from, To: to, Whole: !strings.Contains(note, "mot phan") && note != "part", Share: -1, Row: line}
		if strings.Contains(note, "toan bo dan so") {
			l.Share = 1
		}
		if s := strings.TrimSuffix(strings.ReplaceAll(cellOf(row, at, "share"), ",", "."), "%"); s != "" {
			v, err := strconv.ParseFloat(s, 64)
			if err != nil || v < 0 {
				return nil, msg.New(fmt.Sprintf("%s, dòng %d: tỷ lệ %q không phải số", name, line, s),
					fmt.Sprintf("%s, line %d: share %q is not a number", name, line, s))
			}
			if v > 1 {
				v /= 100
			}
			l.Share = v
		}
		links = append(links, l)
	}
	// A part that took the whole population leaves none to the others.
	whole := map[string]bool{}
	for _, l := range links {
		if !l.Whole && l.Share == 1 {
			whole[l.From] = true
		}
	}
	for i, l := range links {
		if whole[l.From] && !l.Whole && l.Share < 0 {
			links[i].Share = 0
		}
	}
	return links, nil
}
