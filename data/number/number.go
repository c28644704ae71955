// Package number parses and formats the decimal numbers that users type or
// that the app reads from files, in Vietnamese ("1.234.567,89") or English
// ("1,234,567.89") style.
//
// Parsing never guesses: an input whose meaning depends on the style is
// read with the style given by the caller, and an input that cannot be read
// as one clear number is refused with a [*ParseError] that explains why.
//
// Numbers travel through the app in canonical form: a plain decimal string
// with '.' as the decimal point, no grouping, no exponent, no leading zeros,
// no trailing zeros after the point, no trailing point and "-" for negative
// numbers ("0" is never negative). Canonical strings compare equal exactly
// when the numbers are equal, and [Format] prints them without ever going
// through float64.
package number

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Style selects the separators a number is written with.
type Style int

const (
	// Vietnamese writes "1.234.567,89": a dot groups thousands and a comma
	// marks decimals.
	Vietnamese Style = iota
	// English writes "1,234,567.89": a comma groups thousands and a dot
	// marks decimals.
	English
)

// ParseStyle returns the style named by s, "vi" or "en" (case-insensitive).
func ParseStyle(s string) (Style, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "vi":
		return Vietnamese, nil
	case "en":
		return English, nil
	}
	return 0, fmt.Errorf("number: unknown style %q (want \"vi\" or \"en\")", s)
}

// String returns "vi" or "en", the name [ParseStyle] accepts.
func (s Style) String() string {
	switch s {
	case Vietnamese:
		return "vi"
	case English:
		return "en"
	}
	return "Style(" + strconv.Itoa(int(s)) + ")"
}

// separators returns the grouping and decimal separators of the style.
// Unknown styles behave as Vietnamese.
func (s Style) separators() (group, decimal byte) {
	if s == English {
		return ',', '.'
	}
	return '.', ','
}

// Reason tells why an input is not a number.
type Reason int

const (
	// Empty: nothing but spaces was given.
	Empty Reason = iota
	// NotANumber: the input has letters or other characters that have no
	// place in a number ("abc", "1e5", "NaN", "Inf", "0x10"), or no digits.
	NotANumber
	// BadSign: a sign appears twice or somewhere other than at the start.
	BadSign
	// MissingDigits: a separator is not surrounded by digits, as in ".5",
	// "1.", "1,,5" or "1. 5".
	MissingDigits
	// BadGrouping: thousands separators do not split the number into groups
	// of three digits, as in "1,2,3" (English) or "12.34.5".
	BadGrouping
	// TooManySeparators: the decimal separator appears more than once, as
	// in "1,2,3" (Vietnamese).
	TooManySeparators
	// MixedStyle: spaces and dots or commas are mixed as thousands
	// separators, as in "1 234.567" (Vietnamese).
	MixedStyle
	// Ambiguous: the input means different numbers in the two styles, as
	// "1.234" does; only [ParseAuto] reports it.
	Ambiguous
	// OutOfRange: the number is too large to compute with.
	OutOfRange
)

var reasonNames = [...]string{
	Empty:             "Empty",
	NotANumber:        "NotANumber",
	BadSign:           "BadSign",
	MissingDigits:     "MissingDigits",
	BadGrouping:       "BadGrouping",
	TooManySeparators: "TooManySeparators",
	MixedStyle:        "MixedStyle",
	Ambiguous:         "Ambiguous",
	OutOfRange:        "OutOfRange",
}

// String returns the name of the reason, such as "BadGrouping".
func (r Reason) String() string {
	if r >= 0 && int(r) < len(reasonNames) {
		return reasonNames[r]
	}
	return "Reason(" + strconv.Itoa(int(r)) + ")"
}

// ParseError reports an input that is not a number.
type ParseError struct {
	Input  string // the text as given, before trimming
	Reason Reason // why it is not a number
}

// Error returns an English sentence naming the input and saying why it is
// not a number.
func (e *ParseError) Error() string { return e.Message("en") }

// Message returns a sentence naming the input and saying why it is not a
// number, in Vietnamese for lang "vi" (or "vi-…") and in English otherwise.
func (e *ParseError) Message(lang string) string {
	vi := lang == "vi" || strings.HasPrefix(lang, "vi-") || strings.HasPrefix(lang, "vi_")
	if e.Reason == Ambiguous {
		if vi {
			return fmt.Sprintf("%q không rõ ràng: %s", e.Input, e.ambiguity(true))
		}
		return fmt.Sprintf("%q is ambiguous: %s", e.Input, e.ambiguity(false))
	}
	if vi {
		return fmt.Sprintf("%q không phải là số: %s", e.Input, e.why(true))
	}
	return fmt.Sprintf("%q is not a number: %s", e.Input, e.why(false))
}

func (e *ParseError) why(vi bool) string {
	pick := func(en, v string) string {
		if vi {
			return v
		}
		return en
	}
	switch e.Reason {
	case Empty:
		return pick("nothing was entered", "chưa nhập gì")
	case NotANumber:
		if r, ok := firstForeign(e.Input); ok {
			return pick(fmt.Sprintf("%q is not a digit or separator", r),
				fmt.Sprintf("%q không phải chữ số hay dấu phân cách", r))
		}
		return pick("it has no digits", "không có chữ số nào")
	case BadSign:
		return pick("a sign (+ or -) may appear only once, at the start",
			"dấu + hoặc - chỉ được viết một lần, ở đầu số")
	case MissingDigits:
		return pick("every separator needs digits on both sides (write 0.5, not .5 or 5.)",
			"dấu phân cách phải có chữ số ở cả hai bên (viết 0,5 chứ không viết ,5 hay 5,)")
	case BadGrouping:
		return pick("thousands separators must split the digits into groups of three, as in 1,234,567",
			"dấu phân cách hàng nghìn phải chia các chữ số thành nhóm ba, như 1.234.567")
	case TooManySeparators:
		return pick("the decimal separator appears more than once",
			"dấu thập phân xuất hiện nhiều hơn một lần")
	case MixedStyle:
		return pick("it mixes spaces with dots or commas as thousands separators",
			"dùng lẫn dấu cách với dấu chấm hoặc dấu phẩy để phân cách hàng nghìn")
	case OutOfRange:
		return pick("it is too large", "số quá lớn")
	}
	return pick("it cannot be read", "không đọc được")
}

// ambiguity explains an Ambiguous error by showing how each style reads the
// input, written in the message language's own style.
func (e *ParseError) ambiguity(vi bool) string {
	out := English
	viName, enName := "Vietnamese style (1.234,5)", "English style (1,234.5)"
	if vi {
		out = Vietnamese
		viName, enName = "kiểu Việt (1.234,5)", "kiểu Anh (1,234.5)"
	}
	v, verr := Parse(e.Input, Vietnamese)
	n, nerr := Parse(e.Input, English)
	switch {
	case verr == nil && nerr == nil:
		if vi {
			return fmt.Sprintf("có thể là %s theo %s hoặc %s theo %s; hãy chọn kiểu số",
				Format(v, -1, out), viName, Format(n, -1, out), enName)
		}
		return fmt.Sprintf("it could be %s in %s or %s in %s; choose the number style",
			Format(v, -1, out), viName, Format(n, -1, out), enName)
	case verr == nil || nerr == nil:
		num, style, other := v, viName, enName
		if nerr == nil {
			num, style, other = n, enName, viName
		}
		if vi {
			return fmt.Sprintf("chỉ đọc được là %s theo %s, không đọc được theo %s; hãy chọn kiểu số",
				Format(num, -1, out), style, other)
		}
		return fmt.Sprintf("it reads as %s only in %s, not in %s; choose the number style",
			Format(num, -1, out), style, other)
	}
	if vi {
		return "không đọc được theo kiểu số nào"
	}
	return "it cannot be read in either number style"
}

// firstForeign returns the first rune of s that has no place in a number.
func firstForeign(s string) (rune, bool) {
	for _, r := range strings.TrimFunc(s, unicode.IsSpace) {
		if !(r >= '0' && r <= '9' || r == '.' || r == ',' || r == '%' || isSign(r) || isGroupSpace(r)) {
			return r, true
		}
	}
	return 0, false
}

func isSign(r rune) bool { return r == '-' || r == '+' || r == '\u2212' }

// isGroupSpace reports whether r may separate groups of thousands.
func isGroupSpace(r rune) bool {
	return r == ' ' || r == '\u00a0' || r == '\u202f' || r == '\u2009'
}

// Parse reads s as the user meant it in style st and returns its canonical
// decimal form, e.g. Parse("1.234,50", Vietnamese) = "1234.5".
//
// Surrounding spaces, a leading "+", "-" or "−" and one trailing "%" are
// accepted; spaces may group thousands. When both '.' and ',' occur, the
// last one is the decimal separator in either style. A lone decimal
// separator of the style marks decimals; the style's grouping separator
// groups thousands when it splits the digits into groups of three and
// otherwise, if it occurs once, marks decimals ("12.34" is 12.34 in both
// styles). Anything else is refused with a [*ParseError].
func Parse(s string, st Style) (string, error) {
	return parse(s, st)
}

// ParseAuto is [Parse] for inputs of unknown style: it accepts only inputs
// that mean the same number in both styles, such as "1234", "1234.5",
// "0,36" or "1.234,5", and refuses "1.234", "1,234" or "1.234.567" with
// Reason [Ambiguous].
func ParseAuto(s string) (string, error) {
	v, verr := parse(s, Vietnamese)
	n, nerr := parse(s, English)
	switch {
	case verr == nil && nerr == nil && v == n:
		return v, nil
	case verr != nil && nerr != nil:
		return "", verr
	}
	return "", &ParseError{Input: s, Reason: Ambiguous}
}

func parse(input string, st Style) (string, error) {
	fail := func(r Reason) (string, error) { return "", &ParseError{Input: input, Reason: r} }

	s := strings.TrimFunc(input, unicode.IsSpace)
	if s == "" {
		return fail(Empty)
	}
	neg := false
	if r, n := utf8.DecodeRuneInString(s); isSign(r) {
		neg = r != '+'
		s = s[n:]
	}
	if t, ok := strings.CutSuffix(s, "%"); ok {
		s = strings.TrimRightFunc(t, unicode.IsSpace)
	}

	// Split s into digit groups and the separators between them.
	var groups []string
	var seps []rune
	start := 0
	for i, r := range s {
		switch {
		case r >= '0' && r <= '9':
			continue
		case r == '.' || r == ',' || isGroupSpace(r):
			if i == start {
				return fail(MissingDigits)
			}
			groups = append(groups, s[start:i])
			seps = append(seps, r)
			start = i + utf8.RuneLen(r)
		case isSign(r):
			return fail(BadSign)
		default:
			return fail(NotANumber)
		}
	}
	if start == len(s) {
		if len(seps) == 0 {
			return fail(NotANumber) // only a sign and/or "%"
		}
		return fail(MissingDigits)
	}
	groups = append(groups, s[start:])

	intGroups, frac, reason := split(groups, seps, st)
	if reason >= 0 {
		return fail(reason)
	}
	c := canonical(neg, strings.Join(intGroups, ""), frac)
	if f, err := strconv.ParseFloat(c, 64); err != nil || math.IsInf(f, 0) {
		return fail(OutOfRange)
	}
	return c, nil
}

// split decides which separators group thousands and which one, if any,
// marks decimals. It returns the integer digit groups and the fraction
// digits, or a Reason >= 0 when the separators make no single sense.
func split(groups []string, seps []rune, st Style) (intGroups []string, frac string, reason Reason) {
	if len(seps) == 0 {
		return groups, "", -1
	}
	g, d := st.separators()
	last := len(seps) - 1
	var spaces, dots, commas int
	for _, r := range seps {
		switch r {
		case '.':
			dots++
		case ',':
			commas++
		default:
			spaces++
		}
	}

	if spaces > 0 {
		marks := dots + commas
		switch {
		case marks == 0:
			if !grouped(groups) {
				return nil, "", BadGrouping
			}
			return groups, "", -1
		case marks > 1 || isGroupSpace(seps[last]):
			return nil, "", MixedStyle
		}
		// Spaces group the integer part; the last separator is a mark.
		if !grouped(groups[:last+1]) {
			return nil, "", BadGrouping
		}
		if byte(seps[last]) == g && len(groups[last+1]) == 3 {
			return nil, "", MixedStyle
		}
		return groups[:last+1], groups[last+1], -1
	}

	if dots > 0 && commas > 0 {
		dec := seps[last]
		for _, r := range seps[:last] {
			if r == dec {
				return nil, "", TooManySeparators
			}
		}
		if !grouped(groups[:last+1]) {
			return nil, "", BadGrouping
		}
		return groups[:last+1], groups[last+1], -1
	}

	// Only one kind of separator.
	if byte(seps[0]) == d {
		if len(seps) > 1 {
			return nil, "", TooManySeparators
		}
		return groups[:1], groups[1], -1
	}
	if grouped(groups) {
		return groups, "", -1
	}
	if len(seps) == 1 && (len(groups[1]) != 3 || strings.Trim(groups[0], "0") == "") {
		return groups[:1], groups[1], -1
	}
	return nil, "", BadGrouping
}

// grouped reports whether groups are valid thousands groups: the first has
// 1–3 digits and does not start with 0, the others exactly 3.
func grouped(groups []string) bool {
	if len(groups) < 2 || len(groups[0]) > 3 || groups[0][0] == '0' {
		return false
	}
	for _, g := range groups[1:] {
		if len(g) != 3 {
			return false
		}
	}
	return true
}

// canonical builds the canonical form from a sign and ASCII digit strings.
func canonical(neg bool, intPart, frac string) string {
	intPart = strings.TrimLeft(intPart, "0")
	frac = strings.TrimRight(frac, "0")
	if intPart == "" {
		intPart = "0"
	}
	var b strings.Builder
	b.Grow(len(intPart) + len(frac) + 2)
	if neg && (intPart != "0" || frac != "") {
		b.WriteByte('-')
	}
	b.WriteString(intPart)
	if frac != "" {
		b.WriteByte('.')
		b.WriteString(frac)
	}
	return b.String()
}

// Float returns the float64 nearest to a canonical decimal, or 0 if it is
// not a number.
func Float(canonical string) float64 {
	f, err := strconv.ParseFloat(canonical, 64)
	if err != nil {
		return 0
	}
	return f
}

// Canonical returns the shortest canonical decimal that reads back as f,
// or "" if f is NaN or infinite.
func Canonical(f float64) string {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return ""
	}
	if f == 0 {
		return "0"
	}
	return strconv.FormatFloat(f, 'f', -1, 64)
}

// FormatFloat prints a computed result, such as a rate, in style st with
// the given number of decimals (all needed digits if decimals < 0). It
// returns "" for NaN and infinities.
func FormatFloat(f float64, decimals int, st Style) string {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return ""
	}
	return Format(strconv.FormatFloat(f, 'f', decimals, 64), decimals, st)
}

// Format prints a canonical decimal in style st, grouping thousands:
// Format("1234567.891", 2, Vietnamese) = "1.234.567,89".
//
// With decimals < 0 it prints all the digits the number has; otherwise it
// rounds half away from zero on the decimal digits themselves (never
// through float64) and pads with zeros to exactly decimals digits. Any
// plain decimal ("-0012.50") is accepted; other strings are returned
// unchanged.
func Format(canonical string, decimals int, st Style) string {
	s := canonical
	neg := false
	if strings.HasPrefix(s, "-") {
		neg, s = true, s[1:]
	}
	intPart, frac, hasPoint := strings.Cut(s, ".")
	if intPart+frac == "" || !isDigits(intPart) || hasPoint && !isDigits(frac) {
		return canonical
	}

	if decimals >= 0 && len(frac) > decimals {
		up := frac[decimals] >= '5'
		frac = frac[:decimals]
		if up {
			all := increment(intPart + frac)
			intPart, frac = all[:len(all)-len(frac)], all[len(all)-len(frac):]
		}
	}
	if decimals > len(frac) {
		frac += strings.Repeat("0", decimals-len(frac))
	}
	intPart = strings.TrimLeft(intPart, "0")
	if intPart == "" {
		intPart = "0"
	}
	if intPart == "0" && strings.Trim(frac, "0") == "" {
		neg = false
	}

	g, d := st.separators()
	var b strings.Builder
	b.Grow(len(intPart)*4/3 + len(frac) + 2)
	if neg {
		b.WriteByte('-')
	}
	for i := 0; i < len(intPart); i++ {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte(g)
		}
		b.WriteByte(intPart[i])
	}
	if frac != "" {
		b.WriteByte(d)
		b.WriteString(frac)
	}
	return b.String()
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// increment adds one to a string of decimal digits, growing it on carry.
func increment(digits string) string {
	b := []byte(digits)
	for i := len(b) - 1; i >= 0; i-- {
		if b[i] < '9' {
			b[i]++
			return string(b)
		}
		b[i] = '0'
	}
	return "1" + string(b)
}
