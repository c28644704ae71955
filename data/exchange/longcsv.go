// Package exchange reads and writes the files Chỉ Số exchanges with people
// and other systems. This file: the long CSV, one value per line with the
// columns element, area, period, category, value, comment.
package exchange

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"iter"
	"strings"

	"golang.org/x/text/unicode/norm"

	"chiso/data/catalog"
	"chiso/data/msg"
	"chiso/data/number"
	"chiso/data/store"
)

// LongColumns are the columns of the long CSV, in order.
var LongColumns = []string{"element", "area", "period", "category", "value", "comment"}

var bom = []byte{0xEF, 0xBB, 0xBF}

// ReadLong reads a long CSV from r, named name in messages, parsing values
// in style st against the elements of c. It yields one change per line; an
// error names the file, the line and the field, and ends the stream.
func ReadLong(r io.Reader, name string, c *catalog.Catalog, st number.Style) iter.Seq2[store.Change, error] {
	elements := map[string]*catalog.Element{}
	for i := range c.Elements {
		elements[c.Elements[i].Code] = &c.Elements[i]
	}
	return func(yield func(store.Change, error) bool) {
		br := bufio.NewReaderSize(r, 1<<16)
		if b, _ := br.Peek(3); bytes.Equal(b, bom) {
			br.Discard(3)
		}
		cr := csv.NewReader(br)
		cr.ReuseRecord = true
		fail := func(line int, vi, en string, err error) {
			e := msg.New(fmt.Sprintf("tệp %s, dòng %d: %s", name, line, vi), fmt.Sprintf("file %s, line %d: %s", name, line, en))
			if err != nil {
				e = msg.Wrap(err, fmt.Sprintf("tệp %s, dòng %d: %s", name, line, vi), fmt.Sprintf("file %s, line %d: %s", name, line, en))
			}
			yield(store.Change{}, e)
		}
		header, err := cr.Read()
		if err == io.EOF {
			fail(1, "tệp rỗng, thiếu dòng tiêu đề", "the file is empty, the header line is missing", nil)
			return
		}
		if err != nil {
			fail(1, "không đọc được CSV", "not a readable CSV", err)
			return
		}
		col := map[string]int{}
		for i, h := range header {
			col[strings.ToLower(strings.TrimSpace(h))] = i
		}
		for _, need := range LongColumns[:5] {
			if _, ok := col[need]; !ok {
				fail(1, "thiếu cột "+need+" (cần: "+strings.Join(LongColumns, ", ")+")",
					"missing column "+need+" (want: "+strings.Join(LongColumns, ", ")+")", nil)
				return
			}
		}
		comment, hasComment := col["comment"]
		for {
			rec, err := cr.Read()
			if err == io.EOF {
				return
			}
			if err != nil {
				line := 0
				var pe *csv.ParseError
				if errors.As(err, &pe) {
					line = pe.Line
				}
				fail(line, "dòng CSV hỏng", "malformed CSV line", err)
				return
			}
			line, _ := cr.FieldPos(0)
			field := func(name string) string { return norm.NFC.String(strings.TrimSpace(rec[col[name]])) }
			ch := store.Change{
				Element:  field("element"),
				Area:     field("area"),
				Period:   field("period"),
				Category: field("category"),
			}
			if hasComment {
				ch.Comment = norm.NFC.String(strings.TrimSpace(rec[comment]))
			}
			e := elements[ch.Element]
			if e == nil {
				fail(line, "cột element: không có chỉ tiêu mã "+ch.Element, "column element: unknown element code "+ch.Element, nil)
				return
			}
			raw := field("value")
			if raw == "" {
				fail(line, "cột value: thiếu giá trị", "column value: the value is missing", nil)
				return
			}
			if ch.Value, err = store.ParseValue(e, raw, st); err != nil {
				fail(line, "cột value", "column value", err)
				return
			}
			if !yield(ch, nil) {
				return
			}
		}
	}
}

// WriteLong writes values as a long CSV for Excel: UTF-8 with a byte order
// mark, values in style st (canonical digits for English, so that any
// program reads them back).
func WriteLong(w io.Writer, values func(func(store.Value) error) error, st number.Style) error {
	bw := bufio.NewWriterSize(w, 1<<16)
	bw.Write(bom)
	cw := csv.NewWriter(bw)
	if err := cw.Write(LongColumns); err != nil {
		return err
	}
	rec := make([]string, len(LongColumns))
	err := values(func(v store.Value) error {
		val := v.Value
		if st == number.Vietnamese {
			val = number.Format(v.Value, -1, number.Vietnamese)
		}
		rec[0], rec[1], rec[2], rec[3], rec[4], rec[5] = v.Element, v.Area, v.Period, v.Category, val, v.Comment
		return cw.Write(rec)
	})
	if err != nil {
		return err
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	return bw.Flush()
}
