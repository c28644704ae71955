package importer

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"chiso/data/msg"
)

// cellKind says what a cell holds. CSV fields are always text; workbook
// cells keep the type Excel gave them, so that the number 1.234 and the
// text "1.234" (one thousand two hundred and thirty-four, in Vietnamese)
// are not confused.
type cellKind uint8

const (
	textCell    cellKind = iota // typed text: a CSV field or a text cell
	numberCell                  // an Excel number; text is its stored value, e.g. "1234.5"
	boolCell                    // TRUE or FALSE; text is "1" or "0"
	dateCell                    // an Excel number shown as a date; text is the date yyyy-mm-dd
	errorCell                   // an error value such as #DIV/0!
	formulaCell                 // a formula Excel never computed: no value
)

// cell is one cell of a row, its text in NFC.
type cell struct {
	text    string
	kind    cellKind
	percent bool // a number shown as a percentage: 0.9782 is 97.82 %
}

// blank reports whether the cell holds nothing but spaces.
func (c cell) blank() bool { return c.kind == textCell && isBlank(c.text) }

func isBlank(s string) bool {
	for _, r := range s {
		if r != ' ' && r != '\t' && r != '\u00a0' && r != '\r' && r != '\n' {
			return false
		}
	}
	return true
}

// rowReader streams the rows of a sheet.
type rowReader interface {
	// next returns the next row and its number (1-based, as the program
	// that wrote the file shows it: the line of a CSV, the row of a
	// sheet), or io.EOF. The slice is reused by the following call.
	next() (row int, cells []cell, err error)
	// position returns the bytes read so far and the total, for progress.
	position() (read, total int64)
	close() error
}

// rows opens the rows of a sheet of f.
func (f *File) rows(sheet string) (rowReader, error) {
	if f.data == nil {
		return nil, msg.New("tệp "+f.Name+" đã đóng", "file "+f.Name+" is closed")
	}
	if err := f.unchanged(); err != nil {
		return nil, err
	}
	if f.Kind == XLSX {
		return f.book.rows(sheet)
	}
	return f.csvRows()
}

// countingReader counts the bytes read through it.
type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

type csvReader struct {
	f     *File
	count *countingReader
	cr    *csv.Reader
	cells []cell
}

func (f *File) csvRows() (*csvReader, error) {
	count := &countingReader{r: bytes.NewReader(f.data)}
	cr := csv.NewReader(bufio.NewReaderSize(textReader(count, f.Encoding), 1<<16))
	cr.Comma = f.comma
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	return &csvReader{f: f, count: count, cr: cr}, nil
}

func (c *csvReader) next() (int, []cell, error) {
	rec, err := c.cr.Read()
	if err == io.EOF {
		return 0, nil, io.EOF
	}
	if err != nil {
		line := 0
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			line = pe.StartLine
		}
		return 0, nil, msg.Wrap(err, fmt.Sprintf("tệp %s, dòng %d: dòng CSV hỏng (dấu ngoặc kép không khớp?)", c.f.Name, line),
			fmt.Sprintf("file %s, line %d: malformed CSV line (unbalanced quotes?)", c.f.Name, line))
	}
	line, _ := c.cr.FieldPos(0)
	c.cells = c.cells[:0]
	for _, s := range rec {
		if !utf8.ValidString(s) {
			return 0, nil, msg.New(fmt.Sprintf("tệp %s, dòng %d: không phải văn bản mã UTF-8; hãy lưu lại dạng \"CSV UTF-8\"", c.f.Name, line),
				fmt.Sprintf("file %s, line %d: not UTF-8 text; save the file as \"CSV UTF-8\"", c.f.Name, line))
		}
		c.cells = append(c.cells, cell{text: nfc(s)})
	}
	return line, c.cells, nil
}

func (c *csvReader) position() (int64, int64) { return c.count.n, c.f.Size }

func (c *csvReader) close() error { return nil }

// nfc returns s in NFC, without work for plain ASCII.
func nfc(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return norm.NFC.String(s)
		}
	}
	return s
}

// separators are the column separators a CSV may use, in order of
// preference on a tie.
var separators = []rune{',', ';', '\t'}

// detectSeparator finds the column separator of a CSV from its first
// lines: the one that splits the header into the most columns that the
// following lines agree with. truncated says the sample stops mid-file,
// so its last line may be cut.
func detectSeparator(sample []byte, truncated bool) (rune, bool) {
	if truncated {
		if i := bytes.LastIndexByte(sample, '\n'); i > 0 {
			sample = sample[:i+1]
		}
	}
	best, bestScore, bestWidth := rune(0), -1, 0
	for _, sep := range separators {
		cr := csv.NewReader(bytes.NewReader(sample))
		cr.Comma = sep
		cr.FieldsPerRecord = -1
		cr.LazyQuotes = true
		widths := map[int]int{}
		first := 0
		for n := 0; n < 50; n++ {
			rec, err := cr.Read()
			if err != nil {
				break
			}
			if first == 0 && !(len(rec) == 1 && isBlank(rec[0])) {
				first = len(rec)
			}
			if len(rec) >= 2 {
				widths[len(rec)]++
			}
		}
		// The most frequent width wins: title lines above the header do not
		// count, nor a line split at a decimal comma by the wrong separator.
		width, score := 0, 0
		for w, n := range widths {
			if n > score || n == score && w > width {
				width, score = w, n
			}
		}
		if width < 2 {
			continue
		}
		if first == width {
			score += 10 // the first line, usually the header, agrees
		}
		if score > bestScore || score == bestScore && width > bestWidth {
			best, bestScore, bestWidth = sep, score, width
		}
	}
	return best, best != 0
}
