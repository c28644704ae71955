package importer

// refSheetReader reads a worksheet with encoding/xml: the reference the
// fast sheetScanner is checked against.

import (
	"bufio"
	"encoding/xml"
	"fmt"
	"io"
	"strconv"
	"strings"

	"chiso/data/msg"
)

func (w *workbook) refRows(sheet string) (rowReader, error) {
	if err := w.loadSharedStrings(); err != nil {
		return nil, err
	}
	for _, s := range w.sheets {
		if s.name != sheet {
			continue
		}
		zf := w.parts[s.part]
		rc, err := zf.Open()
		if err != nil {
			return nil, err
		}
		count := &countingReader{r: rc}
		return &refSheetReader{w: w, sheet: sheet, rc: rc, count: count, total: sizeOfZip(zf),
			dec: xml.NewDecoder(bufio.NewReaderSize(count, 1<<16))}, nil
	}
	return nil, fmt.Errorf("no sheet %q", sheet)
}

// refSheetReader streams the rows of one worksheet.
type refSheetReader struct {
	w      *workbook
	sheet  string
	rc     io.ReadCloser
	count  *countingReader
	total  int64
	dec    *xml.Decoder
	row    int
	cells  []cell
	inData bool
}

func (s *refSheetReader) position() (int64, int64) { return s.count.n, s.total }

func (s *refSheetReader) close() error { return s.rc.Close() }

func (s *refSheetReader) fail(err error) error {
	return msg.Wrap(err, fmt.Sprintf("tệp %s, trang %s, sau hàng %d: bảng tính bị hỏng", s.w.name, s.sheet, s.row),
		fmt.Sprintf("file %s, sheet %s, after row %d: the workbook is damaged", s.w.name, s.sheet, s.row))
}

func (s *refSheetReader) next() (int, []cell, error) {
	for {
		tok, err := s.dec.RawToken()
		if err == io.EOF {
			return 0, nil, io.EOF
		}
		if err != nil {
			return 0, nil, s.fail(err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "sheetData":
				s.inData = true
			case "row":
				if n, err := strconv.Atoi(attr(t, "r")); err == nil && n > s.row {
					s.row = n
				} else {
					s.row++
				}
				s.cells = s.cells[:0]
			case "c":
				if err := s.readCell(t); err != nil {
					return 0, nil, s.fail(err)
				}
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "row":
				return s.row, s.cells, nil
			case "sheetData":
				return 0, nil, io.EOF
			}
		}
	}
}

// readCell reads a <c> element, whose start has just been read, and puts
// the cell in its column.
func (s *refSheetReader) readCell(start xml.StartElement) error {
	var ref, typ string
	style := 0
	for _, a := range start.Attr {
		switch a.Name.Local {
		case "r":
			ref = a.Value
		case "t":
			typ = a.Value
		case "s":
			style, _ = strconv.Atoi(a.Value)
		}
	}
	var value, inline strings.Builder
	formula, inV, inT, phonetic, depth := false, false, false, 0, 0
	for depth >= 0 {
		tok, err := s.dec.RawToken()
		if err != nil {
			if err == io.EOF {
				err = io.ErrUnexpectedEOF
			}
			return err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			switch t.Name.Local {
			case "v":
				inV = true
			case "f":
				formula = true
			case "t":
				inT = true
			case "rPh":
				phonetic++
			}
		case xml.EndElement:
			depth--
			switch t.Name.Local {
			case "v":
				inV = false
			case "t":
				inT = false
			case "rPh":
				phonetic--
			}
		case xml.CharData:
			switch {
			case inV:
				value.Write(t)
			case inT && phonetic == 0:
				inline.Write(t)
			}
		}
	}
	col := len(s.cells)
	if ref != "" {
		c, err := columnOf(ref)
		if err != nil {
			return err
		}
		col = c
	}
	if col < len(s.cells) {
		return fmt.Errorf("cell %s out of order", ref)
	}
	for len(s.cells) < col {
		s.cells = append(s.cells, cell{})
	}
	s.cells = append(s.cells, s.w.cellOf(typ, style, value.String(), inline.String(), formula))
	return nil
}
