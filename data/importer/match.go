package importer

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"chiso/data/catalog"
	"chiso/data/period"
	"chiso/data/vntext"
)

// key folds a header or a name for matching: no accents, lower case,
// punctuation as spaces, single spaces.
func key(s string) string {
	s = vntext.Fold(s)
	var b strings.Builder
	space := false
	for _, r := range s {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r > 0x7f && r != '\u2013' && r != '\u2014' {
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(r)
			continue
		}
		space = true
	}
	return b.String()
}

// withoutParens drops the parts of s in parentheses, such as a unit.
func withoutParens(s string) string {
	for {
		i := strings.IndexByte(s, '(')
		if i < 0 {
			return strings.TrimSpace(s)
		}
		j := strings.IndexByte(s[i:], ')')
		if j < 0 {
			return strings.TrimSpace(s[:i])
		}
		s = s[:i] + " " + s[i+j+1:]
	}
}

// roleNames are the header texts, folded by key, that give a column its
// role. Columns named like the row numbers or units of Vietnamese tables
// are ignored without a note.
var roleNames = map[string]Role{}

// quietNames are headers of columns ignored without a note.
var quietNames = map[string]bool{}

func init() {
	add := func(r Role, names ...string) {
		for _, n := range names {
			roleNames[key(n)] = r
		}
	}
	add(RoleElement, "element", "mã chỉ tiêu", "chỉ tiêu", "tên chỉ tiêu", "data element", "dataelement", "element code", "mã chỉ tiêu thống kê")
	add(RoleArea, "area", "mã địa bàn", "địa bàn", "area code", "orgunit", "org unit", "mã đơn vị", "mã xã", "mã địa phương")
	add(RoleAreaName, "tên địa bàn", "tên xã", "tên đơn vị", "xã", "xã/phường", "xã, phường", "phường/xã", "xã, phường, đặc khu",
		"đơn vị", "địa phương", "tên địa phương", "tên", "name", "area name", "commune", "tên xã/phường", "đơn vị hành chính", "huyện", "tỉnh")
	add(RolePeriod, "period", "kỳ", "năm", "kỳ báo cáo", "year", "thời kỳ", "mã kỳ", "kỳ số liệu")
	add(RoleCategory, "category", "phân tổ", "mã phân tổ", "category option", "categoryoptioncombo")
	add(RoleValue, "value", "giá trị", "số liệu")
	add(RoleComment, "comment", "ghi chú", "note", "notes", "chú thích")
	for _, n := range []string{"stt", "tt", "số tt", "số thứ tự", "no", "đvt", "đơn vị tính", "unit"} {
		quietNames[key(n)] = true
	}
}

// roleOf returns the role a header names, if any.
func roleOf(header string) (Role, bool) {
	k := key(withoutParens(header))
	if r, ok := roleNames[k]; ok {
		return r, true
	}
	if r, ok := roleNames[key(header)]; ok {
		return r, true
	}
	return 0, false
}

var (
	rePeriodPrefix = regexp.MustCompile(`^(nam|year|ky|giai doan|period|fy)\s+`)
	reQuarter      = regexp.MustCompile(`^(?:quy|q)\s*(iv|iii|ii|i|[1-4])\s*(?:/|-|\s|nam)\s*(\d{4})$`)
	reQuarterYF    = regexp.MustCompile(`^(\d{4})\s*(?:-|/|\s)?\s*q([1-4])$`)
	reMonth        = regexp.MustCompile(`^(?:thang|t|month)?\s*(\d{1,2})\s*(?:/|-|\.|\s|nam)\s*(\d{4})$`)
	reMonthYF      = regexp.MustCompile(`^(\d{4})-(\d{2})$`)
	reRange        = regexp.MustCompile(`^(\d{4})\s*[-\x{2013}\x{2014}]\s*(\d{4})$`)
	reYearInText   = regexp.MustCompile(`(?:^|\D)((?:19|20|21)\d\d)(?:\D|$)`)
)

// periodOf reads a period as codes ("2024", "2024Q1", "202401",
// "2021-2025") or labels people write ("Năm 2024", "Quý I/2024", "Q1
// 2024", "Tháng 3/2024", "03/2024", "Giai đoạn 2021–2025") and returns its
// code.
func periodOf(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", false
	}
	if p, err := period.Parse(s); err == nil {
		return p.String(), true
	}
	f := strings.TrimSpace(vntext.Fold(s))
	f = strings.NewReplacer("\u2013", "-", "\u2014", "-", " - ", "-").Replace(f)
	for {
		g := rePeriodPrefix.ReplaceAllString(f, "")
		if g == f {
			break
		}
		f = g
	}
	f = strings.TrimSpace(f)
	if p, err := period.Parse(strings.ReplaceAll(f, " ", "")); err == nil && !strings.Contains(f, "/") {
		return p.String(), true
	}
	year := func(y string) (int, bool) {
		n, err := strconv.Atoi(y)
		return n, err == nil && n >= 1900 && n <= 2200
	}
	roman := map[string]int{"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
	if m := reQuarter.FindStringSubmatch(f); m != nil {
		if y, ok := year(m[2]); ok {
			return period.Period{Type: period.Quarter, Year: y, Index: roman[m[1]]}.String(), true
		}
	}
	if m := reQuarterYF.FindStringSubmatch(f); m != nil {
		if y, ok := year(m[1]); ok {
			return period.Period{Type: period.Quarter, Year: y, Index: roman[m[2]]}.String(), true
		}
	}
	if m := reMonth.FindStringSubmatch(f); m != nil {
		mo, _ := strconv.Atoi(m[1])
		if y, ok := year(m[2]); ok && mo >= 1 && mo <= 12 {
			return period.Period{Type: period.Month, Year: y, Index: mo}.String(), true
		}
	}
	if m := reMonthYF.FindStringSubmatch(f); m != nil {
		mo, _ := strconv.Atoi(m[2])
		if y, ok := year(m[1]); ok && mo >= 1 && mo <= 12 {
			return period.Period{Type: period.Month, Year: y, Index: mo}.String(), true
		}
	}
	if m := reRange.FindStringSubmatch(f); m != nil {
		a, ok1 := year(m[1])
		b, ok2 := year(m[2])
		if ok1 && ok2 && a <= b {
			return period.Period{Type: period.Range, Year: a, Index: b}.String(), true
		}
	}
	return "", false
}

// periodInText finds the one period a title names ("Số hộ nghèo năm
// 2024"), trying its parts from the longest.
func periodInText(s string) (string, bool) {
	if p, ok := periodOf(s); ok {
		return p, true
	}
	f := strings.NewReplacer("\u2013", "-", "\u2014", "-").Replace(vntext.Fold(s))
	words := strings.Fields(f)
	for n := min(len(words), 4); n >= 1; n-- {
		found := map[string]bool{}
		for i := 0; i+n <= len(words); i++ {
			part := strings.Trim(strings.Join(words[i:i+n], " "), ".,;:()")
			if p, ok := periodOf(part); ok && (n > 1 || reYearInText.MatchString(part)) {
				found[p] = true
			}
		}
		if len(found) == 1 {
			for p := range found {
				return p, true
			}
		}
		if len(found) > 1 {
			return "", false
		}
	}
	return "", false
}

// elements matches element codes and names against a catalog.
type elements struct {
	byCode map[string]*catalog.Element
	byName map[string][]string // key(name) → codes
	cats   map[string]string   // key(category code or name) → code
}

func newElements(c *catalog.Catalog) *elements {
	m := &elements{byCode: map[string]*catalog.Element{}, byName: map[string][]string{}, cats: map[string]string{}}
	if c == nil {
		return m
	}
	for i := range c.Elements {
		e := &c.Elements[i]
		m.byCode[e.Code] = e
		for _, n := range []string{e.NameVI, e.NameEN, withoutParens(e.NameVI), withoutParens(e.NameEN)} {
			if k := key(n); k != "" && !slices.Contains(m.byName[k], e.Code) {
				m.byName[k] = append(m.byName[k], e.Code)
			}
		}
	}
	for _, o := range c.Categories {
		for _, n := range []string{o.Code, o.NameVI, o.NameEN} {
			if k := key(n); k != "" {
				m.cats[k] = o.Code
			}
		}
	}
	return m
}

// find returns the element named by s: its code (any case) or its name
// in either language, with or without accents. Several elements with the
// name make it ambiguous: their codes are returned with ok false.
func (m *elements) find(s string) (code string, ambiguous []string, ok bool) {
	s = strings.TrimSpace(s)
	if e := m.byCode[s]; e != nil {
		return e.Code, nil, true
	}
	if e := m.byCode[strings.ToUpper(s)]; e != nil {
		return e.Code, nil, true
	}
	for _, k := range []string{key(s), key(withoutParens(s))} {
		switch codes := m.byName[k]; len(codes) {
		case 0:
		case 1:
			return codes[0], nil, true
		default:
			return "", codes, false
		}
	}
	return "", nil, false
}

// findWithCategory matches a wide-table header naming an element and
// perhaps a category: "HOUSE_SUPPORT.NEW", "Nhà ở được hỗ trợ - Xây mới".
func (m *elements) findWithCategory(s string) (code, cat string, ok bool) {
	if code, _, ok := m.find(s); ok {
		return code, "", true
	}
	for _, sep := range []string{".", " - ", ": ", " – "} {
		i := strings.LastIndex(s, sep)
		if i <= 0 {
			continue
		}
		code, _, ok := m.find(s[:i])
		if !ok {
			continue
		}
		if c, ok := m.cats[key(s[i+len(sep):])]; ok && slices.Contains(m.byCode[code].Categories, c) {
			return code, c, true
		}
	}
	return "", "", false
}

// inText finds the element a title or sheet name names: a word equal to
// a code, or the longest element name it contains.
func (m *elements) inText(s string) (string, bool) {
	for _, w := range strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == ',' || r == ';' || r == ':' || r == '(' || r == ')' }) {
		if e := m.byCode[w]; e != nil {
			return e.Code, true
		}
	}
	k := " " + key(s) + " "
	best, bestLen, tie := "", 0, false
	for name, codes := range m.byName {
		if len(codes) != 1 || !strings.Contains(k, " "+name+" ") {
			continue
		}
		switch {
		case len(name) > bestLen:
			best, bestLen, tie = codes[0], len(name), false
		case len(name) == bestLen && codes[0] != best:
			tie = true
		}
	}
	return best, best != "" && !tie
}

// areas matches area codes and names against a catalog, remembering
// each text seen (a file repeats its areas).
type areas struct {
	codes    map[string]bool
	byName   map[string][]string // key(name) → codes
	byShort  map[string][]string // key(name without "Xã", "Phường"…) → codes
	byNumber map[string][]string // all-digit codes without leading zeros → codes
	names    map[string]string   // code → name, for messages
	memo     map[string]areaMatch
	memoSize int
}

type areaMatch struct {
	code       string
	candidates []string // several areas have this name
}

// adminPrefixes are the words before a Vietnamese area name, folded.
var adminPrefixes = []string{"thanh pho", "tp", "thi xa", "tx", "thi tran", "tt", "huyen", "h", "quan", "q", "phuong", "p",
	"xa", "x", "dac khu", "tinh", "dk"}

func shortName(k string) string {
	for _, p := range adminPrefixes {
		if rest, ok := strings.CutPrefix(k, p+" "); ok && rest != "" {
			return rest
		}
	}
	return k
}

func newAreas(c *catalog.Catalog) *areas {
	m := &areas{codes: map[string]bool{}, byName: map[string][]string{}, byShort: map[string][]string{},
		names: map[string]string{}, memo: map[string]areaMatch{}, byNumber: map[string][]string{}}
	if c == nil {
		return m
	}
	for _, a := range c.Areas {
		m.codes[a.Code] = true
		m.names[a.Code] = a.Name
		if n, ok := digits(a.Code); ok {
			m.byNumber[n] = append(m.byNumber[n], a.Code)
		}
		for _, n := range []string{a.Name, a.NameEN} {
			k := key(n)
			if k == "" {
				continue
			}
			if !slices.Contains(m.byName[k], a.Code) {
				m.byName[k] = append(m.byName[k], a.Code)
			}
			if s := shortName(k); !slices.Contains(m.byShort[s], a.Code) {
				m.byShort[s] = append(m.byShort[s], a.Code)
			}
		}
	}
	return m
}

// find returns the area a cell names: its code (any case), its full name
// ("Thành phố Hạ Long", "thanh pho ha long") or its name without the
// administrative word ("Hạ Long", "TP. Hạ Long"). A name several areas
// share returns their codes as candidates and no code.
func (m *areas) find(s string) areaMatch {
	if r, ok := m.memo[s]; ok {
		return r
	}
	r := m.lookup(strings.TrimSpace(s))
	if m.memoSize < 1<<16 {
		m.memo[s] = r
		m.memoSize++
	}
	return r
}

func (m *areas) lookup(s string) areaMatch {
	if m.codes[s] {
		return areaMatch{code: s}
	}
	if u := strings.ToUpper(s); m.codes[u] {
		return areaMatch{code: u}
	}
	// A numeric code such as 00004 that Excel holds as the number 4.
	if n, ok := digits(s); ok {
		switch codes := m.byNumber[n]; len(codes) {
		case 0:
		case 1:
			return areaMatch{code: codes[0]}
		default:
			return areaMatch{candidates: codes}
		}
	}
	k := key(s)
	for _, codes := range [][]string{m.byName[k], m.byShort[k], m.byShort[shortName(k)]} {
		switch len(codes) {
		case 0:
			continue
		case 1:
			return areaMatch{code: codes[0]}
		}
		return areaMatch{candidates: codes}
	}
	return areaMatch{}
}

// digits returns s without leading zeros if it is all digits.
func digits(s string) (string, bool) {
	if s == "" || strings.Trim(s, "0123456789") != "" {
		return "", false
	}
	if t := strings.TrimLeft(s, "0"); t != "" {
		return t, true
	}
	return "0", true
}

// describe names areas for a message: "Huyện Cô Tô (QN_COTO), …".
func (m *areas) describe(codes []string) string {
	parts := make([]string, len(codes))
	for i, c := range codes {
		parts[i] = fmt.Sprintf("%s (%s)", m.names[c], c)
	}
	return strings.Join(parts, ", ")
}
