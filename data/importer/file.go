// Package importer brings values typed in spreadsheets into a Chỉ Số
// database: CSV files and Excel workbooks (.xlsx), in long form (one value
// per row) or in the wide tables people keep in Excel (areas down, periods
// or elements across).
//
// The steps follow what the user sees:
//
//  1. [Open] checks the file (size, kind, encoding) and lists its sheets,
//     without reading it all.
//  2. [Preview] reads a sheet once, finds the header row and the role of
//     each column, detects how each value column writes its numbers
//     (Vietnamese 1.234,5 or English 1,234.5) and returns a [Plan] the
//     caller may edit (column roles, number styles, element, period).
//  3. [DryRun] reads every row as it would be imported and counts new,
//     changed, unchanged and rejected values, writing nothing.
//  4. [Apply] refuses a file with any rejection (the user fixes the file:
//     all or nothing), writes a backup of the database next to it, then
//     imports every value in one transaction.
//
// Rows are streamed: a sheet of a million rows is never held in memory.
package importer

import (
	"archive/zip"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"
	"unicode/utf8"

	"chiso/data/msg"
)

// MaxFileSize is the largest file Open accepts: 200 MiB, about three
// million long rows in CSV or ten million in a compressed workbook. A larger
// file is refused before it is read; split it.
const MaxFileSize = 200 << 20

// sniffSize is how much of a file Open reads to tell what it is and, for a
// CSV, how its columns are separated.
const sniffSize = 64 << 10

// Kind is the kind of a spreadsheet file.
type Kind int

// Kinds of files Open reads.
const (
	CSV  Kind = iota // text, one row a line, columns separated by , ; or tab
	XLSX             // an Excel workbook (Office Open XML)
)

// String returns "CSV" or "XLSX".
func (k Kind) String() string {
	if k == XLSX {
		return "XLSX"
	}
	return "CSV"
}

// File is a spreadsheet file opened for import. Open reads it whole
// into memory and closes it at once, so that Excel can save over it while
// the user looks at what it holds; passes over its rows read that copy.
// Close releases it. A File, and the Plans made from it, serve one
// goroutine at a time.
type File struct {
	Path   string   // as given to Open
	Name   string   // the base name, used in messages
	Kind   Kind     // CSV or XLSX
	Size   int64    // in bytes
	Sheets []string // sheet names in workbook order; a CSV has one, named after the file
	// Encoding is the text encoding of a CSV file: detected, or as
	// chosen with OpenAs.
	Encoding Encoding

	modTime time.Time
	data    []byte // the whole file

	// CSV
	comma rune // the column separator

	// XLSX
	book *workbook
}

// Separator returns the column separator of a CSV file (',', ';' or '\t'),
// or 0 for a workbook.
func (f *File) Separator() rune {
	if f.Kind == CSV {
		return f.comma
	}
	return 0
}

// Close releases the file's contents. The file on disk was closed by Open.
func (f *File) Close() error {
	f.data, f.book = nil, nil
	return nil
}

// sheet returns the name of the sheet called name, or of the first sheet
// for "".
func (f *File) sheet(name string) (string, error) {
	if name == "" && len(f.Sheets) > 0 {
		return f.Sheets[0], nil
	}
	for _, s := range f.Sheets {
		if s == name {
			return s, nil
		}
	}
	return "", msg.New(fmt.Sprintf("tệp %s không có trang %q (các trang: %s)", f.Name, name, strings.Join(f.Sheets, ", ")),
		fmt.Sprintf("file %s has no sheet %q (sheets: %s)", f.Name, name, strings.Join(f.Sheets, ", ")))
}

// unchanged tells whether the file on disk is still the one opened, so
// that the passes of a dry run and an import read the same rows.
func (f *File) unchanged() error {
	fi, err := os.Stat(f.Path)
	if err == nil && fi.Size() == f.Size && fi.ModTime().Equal(f.modTime) {
		return nil
	}
	return msg.New("tệp "+f.Name+" đã thay đổi từ khi mở; hãy mở lại", "file "+f.Name+" changed since it was opened; open it again")
}

// notSpreadsheet is the refusal of a file that is neither CSV nor XLSX.
func notSpreadsheet(name, whyVI, whyEN string) error {
	vi, en := "tệp "+name+" không phải bảng tính CSV hoặc Excel", "file "+name+" is not a CSV or Excel spreadsheet"
	if whyVI != "" {
		vi, en = vi+": "+whyVI, en+": "+whyEN
	}
	return msg.New(vi, en)
}

// megabytes prints a size in whole MB (rounded up), as file managers do.
func megabytes(n int64) string { return fmt.Sprintf("%d MB", (n+(1<<20)-1)>>20) }

// Open opens a CSV file or an Excel workbook for import, detecting the
// encoding of a CSV (see OpenAs).
func Open(path string) (*File, error) { return OpenAs(path, AutoEncoding) }

// OpenAs opens a CSV file or an Excel workbook for import, reading a CSV
// in encoding enc; AutoEncoding detects it from the byte order mark, or
// takes UTF-8 when the text is valid UTF-8, or Windows-1258 when its bytes
// read as Vietnamese there. The file is read whole and closed before
// OpenAs returns. It refuses, with a message in both languages naming the
// file, a file larger than [MaxFileSize] (before reading it), an empty
// file, an old .xls or encrypted workbook, a text in no encoding it can
// tell, and anything else that is not a spreadsheet (an image, a PDF, a
// text without columns).
func OpenAs(path string, enc Encoding) (*File, error) {
	name := filepath.Base(path)
	fi, err := os.Stat(path)
	if err != nil {
		return nil, msg.Wrap(err, "không mở được tệp "+path, "cannot open file "+path)
	}
	if fi.IsDir() {
		return nil, msg.New(path+" là thư mục, không phải tệp", path+" is a folder, not a file")
	}
	if fi.Size() > MaxFileSize {
		return nil, msg.New(
			fmt.Sprintf("tệp %s có dung lượng %s, vượt giới hạn %s của việc nhập; hãy tách thành nhiều tệp nhỏ hơn", name, megabytes(fi.Size()), megabytes(MaxFileSize)),
			fmt.Sprintf("file %s is %s, over the import limit of %s; split it into smaller files", name, megabytes(fi.Size()), megabytes(MaxFileSize)))
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, msg.Wrap(err, "không đọc được tệp "+name, "cannot read file "+name)
	}
	f := &File{Path: path, Name: name, Size: int64(len(data)), modTime: fi.ModTime(), data: data}
	if len(bytes.TrimSpace(bytes.TrimPrefix(data, bom))) == 0 {
		return nil, msg.New("tệp "+name+" trống", "file "+name+" is empty")
	}
	switch {
	case bytes.HasPrefix(data, []byte("PK\x03\x04")) || bytes.HasPrefix(data, []byte("PK\x05\x06")):
		f.Kind = XLSX
		if f.book, err = openWorkbook(data, name); err != nil {
			return nil, err
		}
		f.Sheets = f.book.sheetNames()
		if len(f.Sheets) == 0 {
			return nil, msg.New("tệp "+name+" không có trang tính nào", "file "+name+" has no worksheet")
		}
		return f, nil
	case bytes.HasPrefix(data, []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}):
		return nil, msg.New("tệp "+name+" là bảng tính Excel cũ (.xls) hoặc có đặt mật khẩu: hãy mở trong Excel, bỏ mật khẩu và lưu lại dạng .xlsx",
			"file "+name+" is an old Excel workbook (.xls) or has a password: open it in Excel, remove the password and save it as .xlsx")
	}
	if err := f.sniffText(enc); err != nil {
		return nil, err
	}
	return f, nil
}

// sniffText checks that the file is a text table in encoding enc (detected
// for AutoEncoding) and finds its column separator.
func (f *File) sniffText(enc Encoding) error {
	if enc == AutoEncoding {
		var ok bool
		if enc, ok = detectEncoding(f.data); !ok {
			if binary(f.data[:min(len(f.data), sniffSize)]) {
				return notSpreadsheet(f.Name, "đây là tệp nhị phân (ảnh, PDF, tài liệu…)", "it is a binary file (an image, a PDF, a document…)")
			}
			return notUTF8(f.Name)
		}
	}
	f.Encoding = enc
	if enc == UTF8 && !utf8.Valid(bytes.TrimPrefix(f.data, bom)) {
		return notUTF8(f.Name)
	}
	text := decodeSample(f.data[:min(len(f.data), sniffSize)], enc)
	if binary(text) {
		return notSpreadsheet(f.Name, "đây là tệp nhị phân (ảnh, PDF, tài liệu…)", "it is a binary file (an image, a PDF, a document…)")
	}
	comma, ok := detectSeparator(text, len(f.data) > sniffSize)
	if !ok {
		return notSpreadsheet(f.Name, "không thấy các cột phân cách bằng dấu phẩy, chấm phẩy hoặc tab",
			"no columns separated by commas, semicolons or tabs")
	}
	f.Kind, f.comma = CSV, comma
	f.Sheets = []string{strings.TrimSuffix(f.Name, filepath.Ext(f.Name))}
	return nil
}

func notUTF8(name string) error {
	return msg.New("tệp "+name+" không phải văn bản mã UTF-8, và cũng không đọc được theo mã Windows-1258 (có thể là mã TCVN3): hãy mở trong Excel và lưu lại dạng \"CSV UTF-8\" hoặc .xlsx; nếu tệp dùng mã Windows-1258, hãy chọn bảng mã đó",
		"file "+name+" is not UTF-8 text, nor does it read as Windows-1258 (it may be TCVN3): open it in Excel and save it as \"CSV UTF-8\" or .xlsx; if the file is in Windows-1258, choose that encoding")
}

// binary reports whether text holds bytes no text table has: NUL, or
// many control characters.
func binary(text []byte) bool {
	controls := 0
	for _, b := range text {
		switch {
		case b == 0:
			return true
		case b < 0x20 && b != '\t' && b != '\n' && b != '\r' && b != '\f':
			controls++
		}
	}
	return controls > len(text)/100+2
}

// trimPartialRune drops an incomplete UTF-8 sequence cut at the end of a
// sample.
func trimPartialRune(b []byte) []byte {
	for i := 1; i <= 3 && i <= len(b); i++ {
		if utf8.RuneStart(b[len(b)-i]) {
			if !utf8.FullRune(b[len(b)-i:]) {
				return b[:len(b)-i]
			}
			break
		}
	}
	return b
}

// sizeOfZip is the uncompressed size of a zip entry, for progress.
func sizeOfZip(zf *zip.File) int64 { return int64(zf.UncompressedSize64) }
