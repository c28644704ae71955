// This file: reading DHIS2 data value sets, JSON and CSV (see the mapping
// in dhis2.go). Each faulty value is a *RecordError and the reading goes
// on, so that a dry run lists every one; a file that cannot be read on (not
// JSON, cut short, in identifiers Chỉ Số cannot map) ends with an error.

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
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"chiso/data/catalog"
	"chiso/data/msg"
	"chiso/data/number"
	"chiso/data/period"
	"chiso/data/store"
)

// dhis2Fields are the texts of one data value read from a file, before
// they are checked.
type dhis2Fields struct {
	element, period, orgUnit, coc, aoc, value, comment, followup, deleted string
}

// dhis2Names are the names of the fields in one format, for messages, and
// a hint for a missing period or orgUnit.
type dhis2Names struct {
	element, period, orgUnit, coc, aoc, value, followup, deleted string
	hintVI, hintEN                                               string
}

var (
	dhis2JSONNames = dhis2Names{"dataElement", "period", "orgUnit", "categoryOptionCombo", "attributeOptionCombo", "value", "followUp", "deleted",
		" (ghi trong từng giá trị, hoặc một lần cho cả tệp, trước dataValues)", " (give it in each value, or once for the file, before dataValues)"}
	dhis2CSVNames = dhis2Names{"dataelement", "period", "orgunit", "categoryoptioncombo", "attributeoptioncombo", "value", "followup", "deleted", "", ""}
)

// dhis2Key is the key of a value by the catalog positions of its element,
// area and category and its packed period: exact, and small enough to
// remember for every value of a large file.
type dhis2Key struct{ element, area, category, period uint32 }

type dhis2Element struct {
	index uint32
	e     *catalog.Element
}

// dhis2Schemes are the identifier schemes a data value set says its codes
// are in (DHIS2's idScheme, dataElementIdScheme…), upper-cased; "" is
// CODE, the scheme Chỉ Số reads and writes.
type dhis2Schemes struct {
	element, orgUnit, coc, aoc string
}

// dhis2Reader checks the data values of one file against a catalog and
// turns them into changes.
type dhis2Reader struct {
	names      dhis2Names
	elements   map[string]dhis2Element
	areaIndex  map[string]uint32
	areas      map[string]*catalog.Area
	categories map[string]uint32
	periods    map[string]uint32 // period code → packed period; 0 for refused
	seen       map[dhis2Key]Position
	schemes    dhis2Schemes
}

func newDHIS2Reader(c *catalog.Catalog, names dhis2Names) *dhis2Reader {
	r := &dhis2Reader{names: names,
		elements: map[string]dhis2Element{}, areaIndex: map[string]uint32{}, areas: map[string]*catalog.Area{},
		categories: map[string]uint32{}, periods: map[string]uint32{}, seen: map[dhis2Key]Position{}}
	for i := range c.Elements {
		r.elements[c.Elements[i].Code] = dhis2Element{uint32(i), &c.Elements[i]}
	}
	for i := range c.Areas {
		r.areaIndex[c.Areas[i].Code] = uint32(i)
		r.areas[c.Areas[i].Code] = &c.Areas[i]
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

// reUID matches DHIS2's identifiers: a letter, then ten letters or digits.
var reUID = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9]{10}$`)

// uidHint is said after an unknown code that looks like a DHIS2 uid.
func uidHint(code string) (vi, en string) {
	if !reUID.MatchString(code) {
		return "", ""
	}
	return " (trông như mã định danh UID của DHIS2: hãy xuất từ DHIS2 với idScheme=CODE)",
		" (it looks like a DHIS2 uid: export from DHIS2 with idScheme=CODE)"
}

// change checks the data value f, at pos, and returns its change. A value
// of an area outside its dates comes with its change, complete (see
// RecordError).
func (r *dhis2Reader) change(pos Position, f *dhis2Fields) (store.Change, error) {
	nm := r.names
	fail := func(field, value, vi, en string, cause error) (store.Change, error) {
		reason := msg.New(vi, en)
		if cause != nil {
			reason = msg.Wrap(cause, vi, en)
		}
		return store.Change{}, &RecordError{Position: pos, Field: field, Value: value, Err: reason}
	}
	clean := func(s string) string { return norm.NFC.String(strings.TrimSpace(s)) }
	ch := store.Change{Element: clean(f.element), Area: clean(f.orgUnit), Comment: clean(f.comment)}

	if ch.Element == "" {
		return fail(nm.element, "", "thiếu mã chỉ tiêu", "the element code is missing", nil)
	}
	el, ok := r.elements[ch.Element]
	if !ok {
		hvi, hen := uidHint(ch.Element)
		return fail(nm.element, ch.Element, "không có chỉ tiêu mã "+ch.Element+hvi, "unknown element code "+ch.Element+hen, nil)
	}
	if ch.Area == "" {
		return fail(nm.orgUnit, "", "thiếu mã địa bàn"+nm.hintVI, "the area code is missing"+nm.hintEN, nil)
	}
	areaIndex, ok := r.areaIndex[ch.Area]
	if !ok {
		hvi, hen := uidHint(ch.Area)
		return fail(nm.orgUnit, ch.Area, "không có địa bàn mã "+ch.Area+hvi, "unknown area code "+ch.Area+hen, nil)
	}

	per := clean(f.period)
	if per == "" {
		return fail(nm.period, "", "thiếu kỳ"+nm.hintVI, "the period is missing"+nm.hintEN, nil)
	}
	packed, ok := r.periods[per]
	if !ok {
		if p, err := period.Parse(per); err == nil && p.Type != period.Range {
			packed = uint32(p.Type)<<24 | uint32(p.Year)<<4 | uint32(p.Index)
		}
		r.periods[per] = packed
	}
	if packed == 0 {
		return fail(nm.period, per, fmt.Sprintf("kỳ %q không dùng được (chỉ năm 2024, quý 2024Q1, tháng 202401)", per),
			fmt.Sprintf("period %q cannot be used (only years 2024, quarters 2024Q1, months 202401)", per), nil)
	}
	p := period.Period{Type: period.Type(packed >> 24), Year: int(packed>>4) & 0xFFFFF, Index: int(packed & 0xF)}
	ch.Period = p.String()

	coc := clean(f.coc)
	if isDefaultCombo(coc) {
		coc = ""
	} else if r.schemes.coc != "" {
		return fail(nm.coc, coc, fmt.Sprintf("%q theo idScheme %s của DHIS2 không đổi được sang mã phân tổ của Chỉ Số; hãy xuất với idScheme=CODE", coc, r.schemes.coc),
			fmt.Sprintf("%q in DHIS2's idScheme %s cannot be mapped to a Chỉ Số category code; export with idScheme=CODE", coc, r.schemes.coc), nil)
	}
	switch {
	case len(el.e.Categories) == 0 && coc != "":
		return fail(nm.coc, coc, fmt.Sprintf("chỉ tiêu %s không phân tổ, không nhận %q (cần %s)", el.e.Code, coc, DHIS2DefaultCombo),
			fmt.Sprintf("element %s has no categories, got %q (want %s)", el.e.Code, coc, DHIS2DefaultCombo), nil)
	case len(el.e.Categories) > 0 && !slices.Contains(el.e.Categories, coc):
		got := coc
		if got == "" {
			got = DHIS2DefaultCombo
		}
		return fail(nm.coc, got, fmt.Sprintf("chỉ tiêu %s cần phân tổ %s, không phải %q", el.e.Code, strings.Join(el.e.Categories, "/"), got),
			fmt.Sprintf("element %s needs a category among %s, got %q", el.e.Code, strings.Join(el.e.Categories, "/"), got), nil)
	}
	ch.Category = coc
	if aoc := clean(f.aoc); !isDefaultCombo(aoc) {
		return fail(nm.aoc, aoc, fmt.Sprintf("Chỉ Số không có chiều thuộc tính, chỉ nhận %s, không phải %q", DHIS2DefaultCombo, aoc),
			fmt.Sprintf("Chỉ Số has no attribute dimension: only %s is accepted, got %q", DHIS2DefaultCombo, aoc), nil)
	}

	deleted, ok := parseDHIS2Bool(clean(f.deleted))
	if !ok {
		return fail(nm.deleted, f.deleted, fmt.Sprintf("%q không phải true/false", f.deleted), fmt.Sprintf("%q is not true/false", f.deleted), nil)
	}
	if ch.FollowUp, ok = parseDHIS2Bool(clean(f.followup)); !ok {
		return fail(nm.followup, f.followup, fmt.Sprintf("%q không phải true/false", f.followup), fmt.Sprintf("%q is not true/false", f.followup), nil)
	}
	if !deleted {
		raw := clean(f.value)
		if raw == "" {
			return fail(nm.value, "", "thiếu giá trị (để xoá một giá trị, ghi deleted = true)",
				"the value is missing (to delete a value, set deleted to true)", nil)
		}
		if el.e.ValueType != catalog.YesNo && !isDHIS2Number(raw) {
			return fail(nm.value, raw, fmt.Sprintf("%q không phải số viết kiểu DHIS2 (dấu chấm thập phân, không phân cách hàng nghìn, ví dụ 1234.5)", raw),
				fmt.Sprintf("%q is not a number as DHIS2 writes them (a decimal point, no grouping, e.g. 1234.5)", raw), nil)
		}
		v, err := store.ParseValue(el.e, raw, number.English)
		if err != nil {
			return fail(nm.value, raw, fmt.Sprintf("giá trị %q", raw), fmt.Sprintf("value %q", raw), err)
		}
		ch.Value = v
	}

	key := dhis2Key{el.index, areaIndex, r.categories[coc], packed}
	if first, dup := r.seen[key]; dup {
		cat := coc
		if cat == "" {
			cat = DHIS2DefaultCombo
		}
		k := fmt.Sprintf("%s, %s, %s, %s", ch.Element, ch.Area, ch.Period, cat)
		prevVI, prevEN := strings.TrimPrefix(first.Where("vi"), "tệp "+first.File+", "), strings.TrimPrefix(first.Where("en"), "file "+first.File+", ")
		return fail("", "", fmt.Sprintf("trùng khoá (%s) với %s; DHIS2 sẽ lặng lẽ lấy giá trị sau, Chỉ Số không đoán: hãy giữ một trong hai", k, prevVI),
			fmt.Sprintf("same key (%s) as %s; DHIS2 would silently take the later one, Chỉ Số does not guess: keep one of them", k, prevEN), nil)
	}
	r.seen[key] = pos
	if err := store.CheckArea(r.areas[ch.Area], p, func(code string) *catalog.Area { return r.areas[code] }); err != nil {
		return ch, &RecordError{Position: pos, Field: nm.orgUnit, Value: ch.Area, Err: err}
	}
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
// storedBy, lastUpdated…) are ignored. encoding/json matches names without
// regard to case, so "followup", as DHIS2 wrote it before 2.43, reads too.
type dhis2JSONValue struct {
	DataElement          jsonText `json:"dataElement"`
	Period               jsonText `json:"period"`
	OrgUnit              jsonText `json:"orgUnit"`
	CategoryOptionCombo  jsonText `json:"categoryOptionCombo"`
	AttributeOptionCombo jsonText `json:"attributeOptionCombo"`
	Value                jsonText `json:"value"`
	Comment              jsonText `json:"comment"`
	FollowUp             jsonText `json:"followUp"`
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
func (t *dhis2Top) apply(own string, n int) (string, error) {
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

// dhis2SchemeFields are the identifier scheme fields of a data value set,
// with the part of dhis2Schemes each sets ("idScheme" sets all).
var dhis2SchemeFields = map[string]func(*dhis2Schemes) []*string{
	"idScheme":                     func(s *dhis2Schemes) []*string { return []*string{&s.element, &s.orgUnit, &s.coc, &s.aoc} },
	"dataElementIdScheme":          func(s *dhis2Schemes) []*string { return []*string{&s.element} },
	"orgUnitIdScheme":              func(s *dhis2Schemes) []*string { return []*string{&s.orgUnit} },
	"categoryOptionComboIdScheme":  func(s *dhis2Schemes) []*string { return []*string{&s.coc} },
	"attributeOptionComboIdScheme": func(s *dhis2Schemes) []*string { return []*string{&s.aoc} },
}

// ReadDHIS2JSON reads a DHIS2 data value set in JSON from r, named name in
// messages, against the catalog c (see the mapping in dhis2.go), keeping in
// pos, when not nil, the place of the change it last yielded. The
// top-level period, orgUnit and attributeOptionCombo apply to every value
// that does not set its own; a value that sets a different one is refused.
// The file's identifier schemes (idScheme, dataElementIdScheme,
// orgUnitIdScheme, categoryOptionComboIdScheme) are honoured: codes are
// read; a file whose elements or areas are in another scheme (UID, NAME…)
// is refused as a whole, and in another scheme only the default category
// combo is read. dataSet, completeDate and the fields storedBy, created
// and lastUpdated are ignored. The file is decoded as a stream, one value
// at a time. It yields one change per value; a value it cannot take is a
// *RecordError naming the value's number, its line and the field (see
// RecordError), and the reading goes on.
func ReadDHIS2JSON(r io.Reader, name string, c *catalog.Catalog, pos *Position) iter.Seq2[store.Change, error] {
	if pos == nil {
		pos = &Position{}
	}
	return func(yield func(store.Change, error) bool) {
		*pos = Position{File: name}
		lc := &lineCounter{r: stripBOM(r)}
		dec := json.NewDecoder(lc)
		rd := newDHIS2Reader(c, dhis2JSONNames)
		file := where{"tệp " + name, "file " + name}
		var n, whole int // data values begun, and read whole
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
		// scheme checks that the codes of elements and areas are in a
		// scheme Chỉ Số reads.
		scheme := func(field, value string) bool {
			v := strings.ToUpper(strings.TrimSpace(value))
			if v == "CODE" {
				v = ""
			}
			for _, p := range dhis2SchemeFields[field](&rd.schemes) {
				*p = v
			}
			for _, s := range []struct{ scheme, what, whatEN string }{
				{rd.schemes.element, "chỉ tiêu", "elements"}, {rd.schemes.orgUnit, "địa bàn", "areas"}} {
				if s.scheme == "" {
					continue
				}
				fail(fmt.Sprintf("tệp ghi %s theo idScheme %s của DHIS2 (%s), Chỉ Số chỉ đọc theo mã (CODE): hãy xuất lại từ DHIS2 với idScheme=CODE", s.what, s.scheme, field),
					fmt.Sprintf("the file gives its %s in DHIS2's idScheme %s (%s); Chỉ Số reads codes (CODE) only: export from DHIS2 again with idScheme=CODE", s.whatEN, s.scheme, field), nil)
				return false
			}
			if n > 0 && (rd.schemes.coc != "" || rd.schemes.aoc != "") {
				fail(fmt.Sprintf("trường %s (%s) của cả tệp đứng sau dataValues: các giá trị đã đọc theo mã", field, value),
					fmt.Sprintf("the file's %s (%s) comes after dataValues: the values were read as codes", field, value), nil)
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
			if dhis2SchemeFields[key] != nil {
				var s jsonText
				if err := dec.Decode(&s); err != nil {
					syntax(err)
					return
				}
				if !scheme(key, string(s)) {
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
				*pos = Position{File: name, Item: n, Line: lc.lineAt(dec.InputOffset())}
				if err != nil {
					var se *json.SyntaxError
					if err == io.EOF || errors.Is(err, io.ErrUnexpectedEOF) || errors.As(err, &se) {
						syntax(err)
						return
					}
					if !yield(store.Change{}, &RecordError{Position: *pos, Err: msg.Wrap(err, "không đọc được", "cannot be read")}) {
						return
					}
					continue
				}
				whole = n
				f := dhis2Fields{element: string(v.DataElement), coc: string(v.CategoryOptionCombo), value: string(v.Value),
					comment: string(v.Comment), followup: string(v.FollowUp), deleted: string(v.Deleted)}
				var clash error
				for _, x := range []struct {
					t   *dhis2Top
					own string
					to  *string
				}{{topPeriod, string(v.Period), &f.period}, {topOrgUnit, string(v.OrgUnit), &f.orgUnit}, {topAOC, string(v.AttributeOptionCombo), &f.aoc}} {
					own := norm.NFC.String(x.own)
					if x.t == topAOC && isDefaultCombo(strings.TrimSpace(own)) {
						own = ""
					}
					var err error
					if *x.to, err = x.t.apply(own, n); err != nil && clash == nil {
						clash = &RecordError{Position: *pos, Field: x.t.name, Value: strings.TrimSpace(own), Err: msg.New(
							fmt.Sprintf("%s khác %q của cả tệp (DHIS2 sẽ lặng lẽ lấy của cả tệp)", err, x.t.value),
							fmt.Sprintf("%s differs from the file's %q (DHIS2 would silently take the file's)", err, x.t.value))}
					}
				}
				if clash != nil {
					if !yield(store.Change{}, clash) {
						return
					}
					continue
				}
				if !yield(rd.change(*pos, &f)) {
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
