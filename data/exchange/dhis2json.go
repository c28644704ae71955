package exchange

// This file: reading a DHIS2 data value set in JSON, as a stream.

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"iter"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"chiso/data/catalog"
	"chiso/data/msg"
	"chiso/data/store"
)

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
