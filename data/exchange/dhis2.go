// This file: DHIS2 data value sets ("dataValueSets"), JSON and CSV, with
// codes as identifiers (DHIS2's idScheme=code). The mapping:
//
//	Chỉ Số                      DHIS2
//	element code                dataElement
//	area code                   orgUnit
//	period 2024, 2024Q1, 202401 period (DHIS2's yearly, quarterly and monthly
//	                            ISO periods are the same strings; a range such
//	                            as 2021-2025 has no DHIS2 period type: refused)
//	category option code        categoryOptionCombo; no category ("") is
//	                            DHIS2's default combo, written DHIS2DefaultCombo
//	                            ("default"); on import "", "default" and the
//	                            default combo's uid HllvX50cXC0 all mean none
//	(no attribute dimension)    attributeOptionCombo: not written (DHIS2 then
//	                            uses its default); on import only the default
//	                            combo is accepted, anything else is refused
//	value (canonical decimal)   value: digits with "." decimals, no grouping;
//	                            yes/no as "true"/"false" when the catalog is
//	                            given (Chỉ Số's "1"/"0" otherwise); on import
//	                            true/false and 1/0 are both read
//	comment, follow-up flag     comment, followup
//	author, time of the change  storedBy, lastUpdated (export only: an import
//	                            is stamped with the importing user and time)
//	a deleted value ("")        "deleted": true (JSON; CSV: an 11th column
//	                            "deleted" on import)
//
// Import is stricter than DHIS2, which takes the last of two rows for the
// same key and lets a top-level period or orgUnit silently override the
// values' own: here both are errors naming the records involved.

package exchange

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"iter"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"chiso/data/catalog"
	"chiso/data/msg"
	"chiso/data/number"
	"chiso/data/period"
	"chiso/data/store"
)

// DHIS2DefaultCombo is the categoryOptionCombo written for a value without
// category: the code of DHIS2's default category option combo.
const DHIS2DefaultCombo = "default"

// dhis2DefaultUID is the uid DHIS2 gives its default category option
// combo; files exported with idScheme=uid carry it.
const dhis2DefaultUID = "HllvX50cXC0"

// DHIS2CSVColumns are the columns of a DHIS2 data value CSV, in DHIS2's
// fixed order. On import a 11th column, deleted, is also read.
var DHIS2CSVColumns = []string{"dataelement", "period", "orgunit", "catoptcombo", "attroptcombo", "value", "storedby", "lastupdated", "comment", "followup"}

// DHIS2Options are the optional parts of a DHIS2 export.
type DHIS2Options struct {
	// DataSet is the code of the DHIS2 data set, written as the top-level
	// "dataSet" of the JSON; "" leaves it out. The CSV has no place for it.
	DataSet string
	// CompleteDate (yyyy-mm-dd), when set, is written as the top-level
	// "completeDate" of the JSON, which makes DHIS2 mark the data set
	// complete. The CSV has no place for it.
	CompleteDate string
	// Catalog, when set, tells which elements are yes/no: their values are
	// written "true"/"false", as DHIS2 stores booleans.
	Catalog *catalog.Catalog
}

// dhis2Value is one data value as DHIS2's JSON writes it.
type dhis2Value struct {
	DataElement          string `json:"dataElement"`
	Period               string `json:"period"`
	OrgUnit              string `json:"orgUnit"`
	CategoryOptionCombo  string `json:"categoryOptionCombo"`
	AttributeOptionCombo string `json:"attributeOptionCombo,omitempty"`
	Value                string `json:"value,omitempty"`
	Comment              string `json:"comment,omitempty"`
	StoredBy             string `json:"storedBy,omitempty"`
	LastUpdated          string `json:"lastUpdated,omitempty"`
	FollowUp             bool   `json:"followup"`
	Deleted              bool   `json:"deleted,omitempty"`
}

// dhis2Exporter turns stored values into DHIS2 data values.
type dhis2Exporter struct {
	yesno   map[string]bool
	periods map[string]error // periods checked, with the error of those refused
}

func newDHIS2Exporter(o DHIS2Options) *dhis2Exporter {
	x := &dhis2Exporter{yesno: map[string]bool{}, periods: map[string]error{}}
	if o.Catalog != nil {
		for _, e := range o.Catalog.Elements {
			if e.ValueType == catalog.YesNo {
				x.yesno[e.Code] = true
			}
		}
	}
	return x
}

func (x *dhis2Exporter) value(v store.Value) (dhis2Value, error) {
	err, seen := x.periods[v.Period]
	if !seen {
		p, perr := period.Parse(v.Period)
		switch {
		case perr != nil:
			err = msg.New(fmt.Sprintf("kỳ %q không hợp lệ", v.Period), perr.Error())
		case p.Type == period.Range || p.String() != v.Period:
			err = msg.New(fmt.Sprintf("DHIS2 không có loại kỳ cho %s (chỉ năm 2024, quý 2024Q1, tháng 202401)", v.Period),
				fmt.Sprintf("DHIS2 has no period type for %s (only years 2024, quarters 2024Q1, months 202401)", v.Period))
		}
		x.periods[v.Period] = err
	}
	if err != nil {
		return dhis2Value{}, msg.Wrap(err, fmt.Sprintf("giá trị %s, %s, %s", v.Element, v.Area, v.Period),
			fmt.Sprintf("value %s, %s, %s", v.Element, v.Area, v.Period))
	}
	d := dhis2Value{
		DataElement:         v.Element,
		Period:              v.Period,
		OrgUnit:             v.Area,
		CategoryOptionCombo: v.Category,
		Value:               v.Value,
		Comment:             v.Comment,
		StoredBy:            v.Author,
		LastUpdated:         v.ChangedAt,
		FollowUp:            v.FollowUp,
		Deleted:             v.Value == "",
	}
	if d.CategoryOptionCombo == "" {
		d.CategoryOptionCombo = DHIS2DefaultCombo
	}
	if x.yesno[v.Element] {
		switch v.Value {
		case "1":
			d.Value = "true"
		case "0":
			d.Value = "false"
		}
	}
	return d, nil
}

// WriteDHIS2JSON writes values as a DHIS2 data value set in JSON, for
// POST /api/dataValueSets?idScheme=code. The values are streamed, one a
// line, never held together. A deleted value (Value "") is written with
// "deleted": true.
func WriteDHIS2JSON(w io.Writer, values func(func(store.Value) error) error, o DHIS2Options) error {
	bw := bufio.NewWriterSize(w, 1<<16)
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	buf.WriteByte('{')
	for _, kv := range [][2]string{{"dataSet", o.DataSet}, {"completeDate", o.CompleteDate}} {
		if kv[1] != "" {
			enc.Encode(kv[0])
			buf.Truncate(buf.Len() - 1)
			buf.WriteByte(':')
			enc.Encode(kv[1])
			buf.Truncate(buf.Len() - 1)
			buf.WriteByte(',')
		}
	}
	buf.WriteString(`"dataValues":[`)
	if _, err := bw.Write(buf.Bytes()); err != nil {
		return err
	}
	x := newDHIS2Exporter(o)
	n := 0
	err := values(func(v store.Value) error {
		d, err := x.value(v)
		if err != nil {
			return err
		}
		buf.Reset()
		if n > 0 {
			buf.WriteByte(',')
		}
		buf.WriteByte('\n')
		if err := enc.Encode(d); err != nil {
			return err
		}
		buf.Truncate(buf.Len() - 1)
		n++
		_, err = bw.Write(buf.Bytes())
		return err
	})
	if err != nil {
		return err
	}
	if _, err := bw.WriteString("\n]}\n"); err != nil {
		return err
	}
	return bw.Flush()
}

// WriteDHIS2CSV writes values as a DHIS2 data value CSV: the header row of
// DHIS2CSVColumns, then one value a row, UTF-8 without byte order mark,
// attroptcombo empty (DHIS2's default). DHIS2's CSV cannot carry a
// deletion: a deleted value is an error.
func WriteDHIS2CSV(w io.Writer, values func(func(store.Value) error) error, o DHIS2Options) error {
	bw := bufio.NewWriterSize(w, 1<<16)
	cw := csv.NewWriter(bw)
	if err := cw.Write(DHIS2CSVColumns); err != nil {
		return err
	}
	x := newDHIS2Exporter(o)
	rec := make([]string, len(DHIS2CSVColumns))
	err := values(func(v store.Value) error {
		d, err := x.value(v)
		if err != nil {
			return err
		}
		if d.Deleted {
			return msg.New(fmt.Sprintf("giá trị %s, %s, %s đã xoá: CSV của DHIS2 không ghi được việc xoá (dùng JSON)", v.Element, v.Area, v.Period),
				fmt.Sprintf("value %s, %s, %s is deleted: DHIS2's CSV cannot carry a deletion (use JSON)", v.Element, v.Area, v.Period))
		}
		rec[0], rec[1], rec[2], rec[3], rec[4] = d.DataElement, d.Period, d.OrgUnit, d.CategoryOptionCombo, d.AttributeOptionCombo
		rec[5], rec[6], rec[7], rec[8], rec[9] = d.Value, d.StoredBy, d.LastUpdated, d.Comment, strconv.FormatBool(d.FollowUp)
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

// dhis2Fields are the texts of one data value read from a file, before
// they are checked.
type dhis2Fields struct {
	element, period, orgUnit, coc, aoc, value, comment, followup, deleted string
}

// dhis2Names are the names of the fields in one format, for messages:
// what a field is called ("trường"/"field" or "cột"/"column"), each
// field's name, and a hint for a missing period or orgUnit.
type dhis2Names struct {
	fieldVI, fieldEN                                             string
	element, period, orgUnit, coc, aoc, value, followup, deleted string
	hintVI, hintEN                                               string
}

var (
	dhis2JSONNames = dhis2Names{"trường", "field",
		"dataElement", "period", "orgUnit", "categoryOptionCombo", "attributeOptionCombo", "value", "followup", "deleted",
		" (ghi trong từng giá trị, hoặc một lần cho cả tệp, trước dataValues)", " (give it in each value, or once for the file, before dataValues)"}
	dhis2CSVNames = dhis2Names{"cột", "column",
		"dataelement", "period", "orgunit", "catoptcombo", "attroptcombo", "value", "followup", "deleted", "", ""}
)

// dhis2Key is the key of a value by the catalog positions of its element,
// area and category and its packed period: exact, and small enough to
// remember for every value of a large file.
type dhis2Key struct{ element, area, category, period uint32 }

type dhis2Element struct {
	index uint32
	e     *catalog.Element
}

// dhis2Reader checks the data values of one file against a catalog and
// turns them into changes.
type dhis2Reader struct {
	names      dhis2Names
	elements   map[string]dhis2Element
	areas      map[string]uint32
	categories map[string]uint32
	periods    map[string]uint32 // period code → packed period; 0 for refused
	seen       map[dhis2Key]uint32
	file       string
	// record names record number n (a line, or the n-th data value)
	// without the file.
	record func(n uint32) where
}

func newDHIS2Reader(c *catalog.Catalog, file string, names dhis2Names, record func(uint32) where) *dhis2Reader {
	r := &dhis2Reader{names: names, record: record, file: file,
		elements: map[string]dhis2Element{}, areas: map[string]uint32{}, categories: map[string]uint32{},
		periods: map[string]uint32{}, seen: map[dhis2Key]uint32{}}
	for i := range c.Elements {
		r.elements[c.Elements[i].Code] = dhis2Element{uint32(i), &c.Elements[i]}
	}
	for i, a := range c.Areas {
		r.areas[a.Code] = uint32(i)
	}
	for i, o := range c.Categories {
		r.categories[o.Code] = uint32(i + 1)
	}
	return r
}

// isDefaultCombo tells whether a category or attribute option combo names
// DHIS2's default combo.
func isDefaultCombo(s string) bool {
	return s == "" || strings.EqualFold(s, DHIS2DefaultCombo) || s == dhis2DefaultUID
}

// isDHIS2Number tells whether s is written as DHIS2 writes numbers: an
// optional sign, digits, and optionally "." and more digits. "1,5" or
// "1.234,5" are refused rather than guessed.
func isDHIS2Number(s string) bool {
	if s != "" && (s[0] == '-' || s[0] == '+') {
		s = s[1:]
	}
	digits := func() int {
		n := 0
		for n < len(s) && s[n] >= '0' && s[n] <= '9' {
			n++
		}
		s = s[n:]
		return n
	}
	if digits() == 0 {
		return false
	}
	if s == "" {
		return true
	}
	if s[0] != '.' {
		return false
	}
	s = s[1:]
	return digits() > 0 && s == ""
}

func parseDHIS2Bool(s string) (bool, bool) {
	switch strings.ToLower(s) {
	case "", "false", "0":
		return false, true
	case "true", "1":
		return true, true
	}
	return false, false
}

// change checks the data value f, record n, and returns its change.
func (r *dhis2Reader) change(n uint32, f *dhis2Fields) (store.Change, error) {
	rec := r.record(n)
	at := where{"tệp " + r.file + ", " + rec.vi, "file " + r.file + ", " + rec.en}
	nm := r.names
	fail := func(field, vi, en string, cause error) (store.Change, error) {
		return store.Change{}, fileErr(where{at.vi + ", " + nm.fieldVI + " " + field, at.en + ", " + nm.fieldEN + " " + field}, vi, en, cause)
	}
	clean := func(s string) string { return norm.NFC.String(strings.TrimSpace(s)) }
	ch := store.Change{Element: clean(f.element), Area: clean(f.orgUnit), Comment: clean(f.comment)}

	if ch.Element == "" {
		return fail(nm.element, "thiếu mã chỉ tiêu", "the element code is missing", nil)
	}
	el, ok := r.elements[ch.Element]
	if !ok {
		return fail(nm.element, "không có chỉ tiêu mã "+ch.Element, "unknown element code "+ch.Element, nil)
	}
	if ch.Area == "" {
		return fail(nm.orgUnit, "thiếu mã địa bàn"+nm.hintVI, "the area code is missing"+nm.hintEN, nil)
	}
	area, ok := r.areas[ch.Area]
	if !ok {
		return fail(nm.orgUnit, "không có địa bàn mã "+ch.Area, "unknown area code "+ch.Area, nil)
	}

	per := clean(f.period)
	if per == "" {
		return fail(nm.period, "thiếu kỳ"+nm.hintVI, "the period is missing"+nm.hintEN, nil)
	}
	packed, ok := r.periods[per]
	if !ok {
		if p, err := period.Parse(per); err == nil && p.Type != period.Range {
			packed = uint32(p.Type)<<24 | uint32(p.Year)<<4 | uint32(p.Index)
		}
		r.periods[per] = packed
	}
	if packed == 0 {
		return fail(nm.period, fmt.Sprintf("kỳ %q không dùng được (chỉ năm 2024, quý 2024Q1, tháng 202401)", per),
			fmt.Sprintf("period %q cannot be used (only years 2024, quarters 2024Q1, months 202401)", per), nil)
	}
	ch.Period = period.Period{Type: period.Type(packed >> 24), Year: int(packed>>4) & 0xFFFFF, Index: int(packed & 0xF)}.String()

	coc := clean(f.coc)
	if isDefaultCombo(coc) {
		coc = ""
	}
	switch {
	case len(el.e.Categories) == 0 && coc != "":
		return fail(nm.coc, fmt.Sprintf("chỉ tiêu %s không phân tổ, không nhận %q (cần %s)", el.e.Code, coc, DHIS2DefaultCombo),
			fmt.Sprintf("element %s has no categories, got %q (want %s)", el.e.Code, coc, DHIS2DefaultCombo), nil)
	case len(el.e.Categories) > 0:
		found := false
		for _, c := range el.e.Categories {
			found = found || c == coc
		}
		if !found {
			got := coc
			if got == "" {
				got = DHIS2DefaultCombo
			}
			return fail(nm.coc, fmt.Sprintf("chỉ tiêu %s cần phân tổ %s, không phải %q", el.e.Code, strings.Join(el.e.Categories, "/"), got),
				fmt.Sprintf("element %s needs a category among %s, got %q", el.e.Code, strings.Join(el.e.Categories, "/"), got), nil)
		}
	}
	ch.Category = coc
	if aoc := clean(f.aoc); !isDefaultCombo(aoc) {
		return fail(nm.aoc, fmt.Sprintf("Chỉ Số không có chiều thuộc tính, chỉ nhận %s, không phải %q", DHIS2DefaultCombo, aoc),
			fmt.Sprintf("Chỉ Số has no attribute dimension: only %s is accepted, got %q", DHIS2DefaultCombo, aoc), nil)
	}

	deleted, ok := parseDHIS2Bool(clean(f.deleted))
	if !ok {
		return fail(nm.deleted, fmt.Sprintf("%q không phải true/false", f.deleted), fmt.Sprintf("%q is not true/false", f.deleted), nil)
	}
	if ch.FollowUp, ok = parseDHIS2Bool(clean(f.followup)); !ok {
		return fail(nm.followup, fmt.Sprintf("%q không phải true/false", f.followup), fmt.Sprintf("%q is not true/false", f.followup), nil)
	}
	if !deleted {
		raw := clean(f.value)
		if raw == "" {
			return fail(nm.value, "thiếu giá trị (để xoá một giá trị, ghi deleted = true)",
				"the value is missing (to delete a value, set deleted to true)", nil)
		}
		if el.e.ValueType != catalog.YesNo && !isDHIS2Number(raw) {
			return fail(nm.value, fmt.Sprintf("%q không phải số viết kiểu DHIS2 (dấu chấm thập phân, không phân cách hàng nghìn, ví dụ 1234.5)", raw),
				fmt.Sprintf("%q is not a number as DHIS2 writes them (a decimal point, no grouping, e.g. 1234.5)", raw), nil)
		}
		v, err := store.ParseValue(el.e, raw, number.English)
		if err != nil {
			return fail(nm.value, fmt.Sprintf("giá trị %q", raw), fmt.Sprintf("value %q", raw), err)
		}
		ch.Value = v
	}

	key := dhis2Key{el.index, area, r.categories[coc], packed}
	if first, dup := r.seen[key]; dup {
		prev := r.record(first)
		cat := coc
		if cat == "" {
			cat = DHIS2DefaultCombo
		}
		k := fmt.Sprintf("%s, %s, %s, %s", ch.Element, ch.Area, ch.Period, cat)
		return store.Change{}, msg.New(
			fmt.Sprintf("%s: trùng khoá (%s) với %s; DHIS2 sẽ lặng lẽ lấy giá trị sau, Chỉ Số không đoán: hãy giữ một trong hai", at.vi, k, prev.vi),
			fmt.Sprintf("%s: same key (%s) as %s; DHIS2 would silently take the later one, Chỉ Số does not guess: keep one of them", at.en, k, prev.en))
	}
	r.seen[key] = n
	return ch, nil
}

// stripBOM returns a buffered reader of r without its UTF-8 byte order
// mark, if any.
func stripBOM(r io.Reader) *bufio.Reader {
	br := bufio.NewReaderSize(r, 1<<16)
	if b, _ := br.Peek(3); bytes.Equal(b, bom) {
		br.Discard(3)
	}
	return br
}

// ReadDHIS2CSV reads a DHIS2 data value CSV from r, named name in
// messages, against the catalog c (see the mapping at the top of this
// file). Columns are taken by position, in DHIS2's fixed order
// (DHIS2CSVColumns, then an optional deleted); a first row whose first
// cell is "dataelement" is a header and is skipped. It yields one change
// per row; an error names the file, the line and the column, and ends the
// stream.
func ReadDHIS2CSV(r io.Reader, name string, c *catalog.Catalog) iter.Seq2[store.Change, error] {
	return func(yield func(store.Change, error) bool) {
		line := func(n uint32) where {
			return where{fmt.Sprintf("dòng %d", n), fmt.Sprintf("line %d", n)}
		}
		at := func(n uint32) where {
			return where{fmt.Sprintf("tệp %s, dòng %d", name, n), fmt.Sprintf("file %s, line %d", name, n)}
		}
		rd := newDHIS2Reader(c, name, dhis2CSVNames, line)
		cr := csv.NewReader(stripBOM(r))
		cr.FieldsPerRecord = -1
		cr.ReuseRecord = true
		first := true
		for {
			rec, err := cr.Read()
			if err == io.EOF {
				if first {
					yield(store.Change{}, fileErr(at(1), "tệp rỗng", "the file is empty", nil))
				}
				return
			}
			if err != nil {
				n := 0
				var pe *csv.ParseError
				if errors.As(err, &pe) {
					n = pe.Line
				}
				yield(store.Change{}, fileErr(at(uint32(n)), "dòng CSV hỏng", "malformed CSV line", err))
				return
			}
			n, _ := cr.FieldPos(0)
			if first {
				first = false
				if strings.EqualFold(strings.TrimSpace(rec[0]), DHIS2CSVColumns[0]) {
					continue
				}
			}
			if len(rec) < 6 {
				yield(store.Change{}, fileErr(at(uint32(n)),
					fmt.Sprintf("có %d cột, cần ít nhất 6 (%s)", len(rec), strings.Join(DHIS2CSVColumns[:6], ",")),
					fmt.Sprintf("%d columns, want at least 6 (%s)", len(rec), strings.Join(DHIS2CSVColumns[:6], ",")), nil))
				return
			}
			col := func(i int) string {
				if i < len(rec) {
					return rec[i]
				}
				return ""
			}
			f := dhis2Fields{element: rec[0], period: rec[1], orgUnit: rec[2], coc: rec[3], aoc: rec[4], value: rec[5],
				comment: col(8), followup: col(9), deleted: col(10)}
			ch, err := rd.change(uint32(n), &f)
			if !yield(ch, err) || err != nil {
				return
			}
		}
	}
}

// jsonText is a JSON string, number, boolean or null read as text: DHIS2
// writes values as strings, but hand-made files often write 12 or true.
type jsonText string

// UnmarshalJSON reads a string, a number, true, false or null.
func (t *jsonText) UnmarshalJSON(b []byte) error {
	switch {
	case len(b) > 1 && b[0] == '"' && bytes.IndexByte(b, '\\') < 0 && utf8.Valid(b):
		*t = jsonText(b[1 : len(b)-1]) // the decoder has checked it
	case len(b) > 0 && b[0] == '"':
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		*t = jsonText(s)
	case string(b) == "null":
		*t = ""
	case len(b) > 0 && (b[0] == '{' || b[0] == '['):
		return msg.New("một trường là đối tượng hoặc mảng, cần chuỗi, số hoặc true/false",
			"a field is an object or an array: want a string, a number or true/false")
	default:
		*t = jsonText(b)
	}
	return nil
}

// dhis2JSONValue is one data value as read: unknown fields (created,
// storedBy, lastUpdated…) are ignored.
type dhis2JSONValue struct {
	DataElement          jsonText `json:"dataElement"`
	Period               jsonText `json:"period"`
	OrgUnit              jsonText `json:"orgUnit"`
	CategoryOptionCombo  jsonText `json:"categoryOptionCombo"`
	AttributeOptionCombo jsonText `json:"attributeOptionCombo"`
	Value                jsonText `json:"value"`
	Comment              jsonText `json:"comment"`
	FollowUp             jsonText `json:"followup"`
	Deleted              jsonText `json:"deleted"`
}

// lineCounter counts the lines of what passes through it, so that a byte
// offset of the JSON decoder can be named by its line. It keeps only the
// newlines the decoder has read ahead of the last offset asked for.
type lineCounter struct {
	r     io.Reader
	read  int64   // bytes read
	nl    []int64 // offsets of the newlines read, from nl[head] not yet counted
	head  int
	lines int // newlines counted
}

func (l *lineCounter) Read(p []byte) (int, error) {
	n, err := l.r.Read(p)
	for i, b := 0, p[:n]; ; {
		j := bytes.IndexByte(b[i:], '\n')
		if j < 0 {
			break
		}
		l.nl = append(l.nl, l.read+int64(i+j))
		i += j + 1
	}
	l.read += int64(n)
	return n, err
}

// lineAt returns the line (from 1) of byte offset off; offsets asked for
// must not decrease.
func (l *lineCounter) lineAt(off int64) int {
	for l.head < len(l.nl) && l.nl[l.head] < off {
		l.head++
		l.lines++
	}
	if l.head >= 1024 && 2*l.head >= len(l.nl) {
		l.nl = append(l.nl[:0], l.nl[l.head:]...)
		l.head = 0
	}
	return l.lines + 1
}

// dhis2Top is a field that a data value set may set for all its values:
// period, orgUnit or attributeOptionCombo.
type dhis2Top struct {
	name  string
	value string
	set   bool
	// What the values read before the field (if it comes after dataValues)
	// said: the first value's, and whether all said the same.
	first  string
	varied bool
}

// apply gives the value's own text for the field, or the set's; both
// present and different is an error (DHIS2 would silently take the set's).
func (t *dhis2Top) apply(own string, n uint32) (string, error) {
	own = strings.TrimSpace(own)
	if n == 1 {
		t.first = own
	} else if own != t.first {
		t.varied = true
	}
	if !t.set {
		return own, nil
	}
	if own != "" && own != t.value {
		return "", fmt.Errorf("%q", own)
	}
	return t.value, nil
}

// ReadDHIS2JSON reads a DHIS2 data value set in JSON from r, named name in
// messages, against the catalog c (see the mapping at the top of this
// file). The top-level period, orgUnit and attributeOptionCombo apply to
// every value that does not set its own; a value that sets a different one
// is an error. dataSet, completeDate and the fields storedBy, created and
// lastUpdated are ignored. The file is decoded as a stream, one value at a
// time. It yields one change per value; an error names the file, the
// value's number (and line) and the field, and ends the stream.
func ReadDHIS2JSON(r io.Reader, name string, c *catalog.Catalog) iter.Seq2[store.Change, error] {
	return func(yield func(store.Change, error) bool) {
		lc := &lineCounter{r: stripBOM(r)}
		dec := json.NewDecoder(lc)
		lines := map[uint32]int{} // line of each value number, for messages
		valueAt := func(n uint32) where {
			if l, ok := lines[n]; ok {
				return where{fmt.Sprintf("giá trị thứ %d (dòng %d)", n, l), fmt.Sprintf("data value %d (line %d)", n, l)}
			}
			return where{fmt.Sprintf("giá trị thứ %d", n), fmt.Sprintf("data value %d", n)}
		}
		rd := newDHIS2Reader(c, name, dhis2JSONNames, valueAt)
		file := where{"tệp " + name, "file " + name}
		var n, whole uint32 // data values begun, and read whole
		fail := func(vi, en string, cause error) { yield(store.Change{}, fileErr(file, vi, en, cause)) }
		// syntax reports a decoding error: a truncated file, or the line of
		// a syntax error.
		syntax := func(err error) {
			var se *json.SyntaxError
			switch {
			case err == io.EOF || errors.Is(err, io.ErrUnexpectedEOF):
				fail(fmt.Sprintf("tệp bị cắt cụt: dữ liệu hết giữa chừng (đọc trọn được %d giá trị)", whole),
					fmt.Sprintf("the file is truncated: the data ends midway (values read whole: %d)", whole), nil)
			case errors.As(err, &se):
				l := lc.lineAt(se.Offset)
				fail(fmt.Sprintf("JSON hỏng ở dòng %d", l), fmt.Sprintf("malformed JSON at line %d", l), err)
			default:
				fail("JSON hỏng", "malformed JSON", err)
			}
		}
		expect := func(d json.Delim, vi, en string) bool {
			tok, err := dec.Token()
			if err != nil {
				syntax(err)
				return false
			}
			if tok != d {
				fail(vi, en, nil)
				return false
			}
			return true
		}

		tok, err := dec.Token()
		if err == io.EOF {
			fail("tệp rỗng", "the file is empty", nil)
			return
		}
		if err != nil {
			syntax(err)
			return
		}
		if tok != json.Delim('{') {
			fail("không phải một bộ giá trị DHIS2 (dataValueSet): cần một đối tượng JSON {…}",
				"not a DHIS2 data value set: want a JSON object {…}", nil)
			return
		}
		tops := map[string]*dhis2Top{}
		topPeriod, topOrgUnit, topAOC := &dhis2Top{name: "period"}, &dhis2Top{name: "orgUnit"}, &dhis2Top{name: "attributeOptionCombo"}
		for _, t := range []*dhis2Top{topPeriod, topOrgUnit, topAOC} {
			tops[t.name] = t
		}
		sawValues := false
		for dec.More() {
			tok, err := dec.Token()
			if err != nil {
				syntax(err)
				return
			}
			key, _ := tok.(string)
			if t := tops[key]; t != nil {
				var s jsonText
				if err := dec.Decode(&s); err != nil {
					syntax(err)
					return
				}
				t.value = norm.NFC.String(strings.TrimSpace(string(s)))
				if t == topAOC && isDefaultCombo(t.value) {
					t.value = ""
				}
				t.set = t.value != ""
				// After the values: DHIS2 would apply it to all of them.
				if n > 0 && t.set && (t.varied || t.first != t.value) {
					fail(fmt.Sprintf("trường %s của cả tệp (%q) đứng sau dataValues và khác của các giá trị; DHIS2 sẽ áp nó cho mọi giá trị", key, t.value),
						fmt.Sprintf("the file's %s (%q) comes after dataValues and differs from the values'; DHIS2 would apply it to all of them", key, t.value), nil)
					return
				}
				continue
			}
			if key != "dataValues" {
				var skip json.RawMessage
				if err := dec.Decode(&skip); err != nil {
					syntax(err)
					return
				}
				continue
			}
			sawValues = true
			if !expect('[', "dataValues phải là một mảng […]", "dataValues must be an array […]") {
				return
			}
			for dec.More() {
				n++
				var v dhis2JSONValue
				err := dec.Decode(&v)
				lines[n] = lc.lineAt(dec.InputOffset())
				if err != nil {
					var se *json.SyntaxError
					if err == io.EOF || errors.Is(err, io.ErrUnexpectedEOF) || errors.As(err, &se) {
						syntax(err)
					} else {
						at := valueAt(n)
						yield(store.Change{}, fileErr(where{"tệp " + name + ", " + at.vi, "file " + name + ", " + at.en}, "không đọc được", "cannot be read", err))
					}
					return
				}
				whole = n
				f := dhis2Fields{element: string(v.DataElement), coc: string(v.CategoryOptionCombo), value: string(v.Value),
					comment: string(v.Comment), followup: string(v.FollowUp), deleted: string(v.Deleted)}
				for _, x := range []struct {
					t   *dhis2Top
					own string
					to  *string
				}{{topPeriod, string(v.Period), &f.period}, {topOrgUnit, string(v.OrgUnit), &f.orgUnit}, {topAOC, string(v.AttributeOptionCombo), &f.aoc}} {
					own := norm.NFC.String(x.own)
					if x.t == topAOC && isDefaultCombo(strings.TrimSpace(own)) {
						own = ""
					}
					if *x.to, err = x.t.apply(own, n); err != nil {
						at := valueAt(n)
						yield(store.Change{}, msg.New(
							fmt.Sprintf("tệp %s, %s, trường %s: %s khác %q của cả tệp (DHIS2 sẽ lặng lẽ lấy của cả tệp)", name, at.vi, x.t.name, err, x.t.value),
							fmt.Sprintf("file %s, %s, field %s: %s differs from the file's %q (DHIS2 would silently take the file's)", name, at.en, x.t.name, err, x.t.value)))
						return
					}
				}
				ch, err := rd.change(n, &f)
				if err != nil {
					yield(store.Change{}, err)
					return
				}
				delete(lines, n)
				if !yield(ch, nil) {
					return
				}
			}
			if !expect(']', "dataValues phải là một mảng […]", "dataValues must be an array […]") {
				return
			}
		}
		if !expect('}', "cần } ở cuối tệp", "want } at the end of the file") {
			return
		}
		if _, err := dec.Token(); err != io.EOF {
			fail("còn dữ liệu sau đối tượng JSON", "data after the JSON object", nil)
			return
		}
		if !sawValues {
			fail("không có dataValues: không phải một bộ giá trị DHIS2", "no dataValues: not a DHIS2 data value set", nil)
		}
	}
}
