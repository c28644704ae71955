package exchange

// This file: reading a DHIS2 data value CSV, its columns by name.

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"iter"
	"slices"
	"strings"

	"chiso/data/catalog"
	"chiso/data/msg"
	"chiso/data/store"
)

// DHIS2CSVColumns are the columns of a DHIS2 data value CSV as DHIS2 2.43
// writes them and reads them by name.
var DHIS2CSVColumns = []string{"dataelement", "period", "orgunit", "categoryoptioncombo", "attributeoptioncombo", "value",
	"storedby", "lastupdated", "comment", "followup", "deleted"}

// dhis2CSVAliases are the column names DHIS2 versions have written,
// lower-cased, with the column of DHIS2CSVColumns each holds.
var dhis2CSVAliases = map[string]string{"catoptcombo": "categoryoptioncombo", "attroptcombo": "attributeoptioncombo", "timestamp": "lastupdated"}

// ReadDHIS2CSV reads a DHIS2 data value CSV from r, named name in
// messages, against the catalog c (see the mapping in dhis2.go), keeping in
// pos, when not nil, the place of the change it last yielded. A first row
// with a cell "dataelement" is a header: columns are then taken by
// name, as DHIS2 2.43 does, in the names of DHIS2CSVColumns or the older
// catoptcombo, attroptcombo and timestamp, in any case and order. Without
// it, columns are in DHIS2's fixed order. It yields one change per row; a
// row it cannot take is a *RecordError naming the line and the column (see
// RecordError), and the reading goes on.
func ReadDHIS2CSV(r io.Reader, name string, c *catalog.Catalog, pos *Position) iter.Seq2[store.Change, error] {
	if pos == nil {
		pos = &Position{}
	}
	return func(yield func(store.Change, error) bool) {
		*pos = Position{File: name}
		rd := newDHIS2Reader(c, dhis2CSVNames)
		cr := csv.NewReader(stripBOM(r))
		cr.FieldsPerRecord = -1
		cr.ReuseRecord = true
		fatal := func(line int, vi, en string, cause error) {
			at := Position{File: name, Line: line}
			yield(store.Change{}, fileErr(where{at.Where("vi"), at.Where("en")}, vi, en, cause))
		}
		col := map[string]int{}
		for i, n := range DHIS2CSVColumns {
			col[n] = i
		}
		width, named := 0, false
		for first := true; ; first = false {
			rec, err := cr.Read()
			if err == io.EOF {
				if first {
					fatal(1, "tệp rỗng", "the file is empty", nil)
				}
				return
			}
			if err != nil {
				n := 0
				var pe *csv.ParseError
				if errors.As(err, &pe) {
					n = pe.Line
				}
				fatal(n, "dòng CSV hỏng", "malformed CSV line", err)
				return
			}
			line, _ := cr.FieldPos(0)
			if first && slices.ContainsFunc(rec, func(h string) bool { return strings.EqualFold(strings.TrimSpace(h), DHIS2CSVColumns[0]) }) {
				col, width, named = map[string]int{}, len(rec), true
				for i, h := range rec {
					h = strings.ToLower(strings.TrimSpace(h))
					if a, ok := dhis2CSVAliases[h]; ok {
						h = a
					}
					if _, dup := col[h]; !dup {
						col[h] = i
					}
				}
				for _, need := range []string{"dataelement", "period", "orgunit", "value"} {
					if _, ok := col[need]; !ok {
						fatal(line, "thiếu cột "+need+" (cần: "+strings.Join(DHIS2CSVColumns, ",")+")",
							"missing column "+need+" (want: "+strings.Join(DHIS2CSVColumns, ",")+")", nil)
						return
					}
				}
				continue
			}
			*pos = Position{File: name, Line: line}
			if first && width == 0 {
				width = len(rec) // no header: every row as wide as the first
			}
			if len(rec) != width || !named && len(rec) < 6 {
				reason := msg.New(fmt.Sprintf("có %d cột, dòng đầu có %d cột", len(rec), width), fmt.Sprintf("%d columns, the first line has %d", len(rec), width))
				if !named {
					reason = msg.New(fmt.Sprintf("có %d cột, dòng đầu có %d cột (không có dòng tiêu đề: cần ít nhất 6 cột theo thứ tự %s)", len(rec), width, strings.Join(DHIS2CSVColumns[:6], ",")),
						fmt.Sprintf("%d columns, the first line has %d (without a header line: at least 6 columns in the order %s)", len(rec), width, strings.Join(DHIS2CSVColumns[:6], ",")))
				}
				if !yield(store.Change{}, &RecordError{Position: *pos, Err: reason}) {
					return
				}
				continue
			}
			get := func(n string) string {
				if i, ok := col[n]; ok && i < len(rec) {
					return rec[i]
				}
				return ""
			}
			f := dhis2Fields{element: get("dataelement"), period: get("period"), orgUnit: get("orgunit"), coc: get("categoryoptioncombo"),
				aoc: get("attributeoptioncombo"), value: get("value"), comment: get("comment"), followup: get("followup"), deleted: get("deleted")}
			if !yield(rd.change(*pos, &f)) {
				return
			}
		}
	}
}
