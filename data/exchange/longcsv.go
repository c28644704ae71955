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
// in style st against the elements of c. It yields one change per line. A
// line it cannot take (an unknown element, a value that is not a number,
// more or fewer fields than the header) is a *RecordError naming the
// file, the line and the field, and the reading goes on; a file that is
// not CSV or lacks a column ends the stream with an error.
func ReadLong(r io.Reader, name string, c *catalog.Catalog, st number.Style) iter.Seq2[store.Change, error] {
	return ReadLongAt(r, name, c, st, nil)
}

// ReadLongAt is ReadLong that keeps in pos, when not nil, the place of the
// change it last yielded.
func ReadLongAt(r io.Reader, name string, c *catalog.Catalog, st number.Style, pos *Position) iter.Seq2[store.Change, error] {
	elements := map[string]*catalog.Element{}
	for i := range c.Elements {
		elements[c.Elements[i].Code] = &c.Elements[i]
	}
	if pos == nil {
		pos = &Position{}
	}
	return func(yield func(store.Change, error) bool) {
		*pos = Position{File: name}
		br := bufio.NewReaderSize(r, 1<<16)
		if b, _ := br.Peek(3); bytes.Equal(b, bom) {
			br.Discard(3)
		}
		cr := csv.NewReader(br)
		cr.FieldsPerRecord = -1
		cr.ReuseRecord = true
		fail := func(line int, vi, en string, err error) {
			at := Position{File: name, Line: line}
			e := msg.New(at.Where("vi")+": "+vi, at.Where("en")+": "+en)
			if err != nil {
				e = msg.Wrap(err, at.Where("vi")+": "+vi, at.Where("en")+": "+en)
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
		width := len(header)
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
			*pos = Position{File: name, Line: line}
			bad := func(field, value string, reason error) bool {
				return yield(store.Change{}, &RecordError{Position: *pos, Field: field, Value: value, Err: reason})
			}
			if len(rec) != width {
				if !bad("", "", fieldCount(len(rec), width)) {
					return
				}
				continue
			}
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
				if !bad("element", ch.Element, msg.New("không có chỉ tiêu mã "+ch.Element, "unknown element code "+ch.Element)) {
					return
				}
				continue
			}
			raw := field("value")
			if raw == "" {
				if !bad("value", "", msg.New("thiếu giá trị", "the value is missing")) {
					return
				}
				continue
			}
			if ch.Value, err = store.ParseValue(e, raw, st); err != nil {
				if !bad("value", raw, err) {
					return
				}
				continue
			}
			if !yield(ch, nil) {
				return
			}
		}
	}
}

// fieldCount says why a line with more or fewer fields than its header is
// refused.
func fieldCount(n, want int) error {
	return msg.New(fmt.Sprintf("có %d trường, dòng tiêu đề có %d trường (một dấu phẩy thập phân không đặt trong ngoặc kép tách một số làm hai)", n, want),
		fmt.Sprintf("%d fields, the header line has %d (a decimal comma outside quotes splits a number in two)", n, want))
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
