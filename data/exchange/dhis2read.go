// This file: reading DHIS2 data value sets, JSON and CSV (see the mapping
// in dhis2.go). Each faulty value is a *RecordError and the reading goes
// on, so that a dry run lists every one; a file that cannot be read on (not
// JSON, cut short, in identifiers Chỉ Số cannot map) ends with an error.

package exchange

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strings"

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
		if p, err := period.Parse(per); err == nil && p.DHIS2() {
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
