package number

import (
	"errors"
	"math"
	"strings"
	"testing"
)

const (
	vi = Vietnamese
	en = English
)

// goodTests lists inputs that parse, with their canonical form.
var goodTests = []struct {
	in   string
	st   Style
	want string
}{
	// Plain integers and signs.
	{"0", vi, "0"},
	{"5", en, "5"},
	{"-5", vi, "-5"},
	{"+5", en, "5"},
	{"\u22125", vi, "-5"},
	{"007", vi, "7"},
	{"-0", en, "0"},
	{"  42\u00a0", vi, "42"},
	{"\u00a0-12\t", en, "-12"},
	{"12%", vi, "12"},
	{"12,5 %", vi, "12.5"},
	{"-3.5%", en, "-3.5"},

	// Vietnamese style.
	{"0,36", vi, "0.36"},
	{"97,82", vi, "97.82"},
	{"8.981", vi, "8981"},
	{"1.234", vi, "1234"},
	{"1.234.567", vi, "1234567"},
	{"1.234,50", vi, "1234.5"},
	{"1.234.567,89", vi, "1234567.89"},
	{"0,360", vi, "0.36"},
	{"-0,0", vi, "0"},
	{"1,234", vi, "1.234"},
	{"1234,5", vi, "1234.5"},
	{"1234.5", vi, "1234.5"},  // lone dot not followed by 3 digits: decimal
	{"0.36", vi, "0.36"},      // idem
	{"12.34", vi, "12.34"},    // idem
	{"0.360", vi, "0.36"},     // "0" cannot start a thousands group
	{"1,234.5", vi, "1234.5"}, // both kinds: the last one is decimal
	{"-1.000.000", vi, "-1000000"},
	{"1 234 567", vi, "1234567"},
	{"1\u00a0234,5", vi, "1234.5"},
	{"1\u202f234\u202f567,25", vi, "1234567.25"},
	{"1 234.5", vi, "1234.5"},

	// English style.
	{"0.36", en, "0.36"},
	{"1,234", en, "1234"},
	{"1.234", en, "1.234"},
	{"1,234,567.89", en, "1234567.89"},
	{"1,234.50", en, "1234.5"},
	{"1.234,5", en, "1234.5"}, // both kinds: the last one is decimal
	{"0,36", en, "0.36"},      // lone comma not followed by 3 digits: decimal
	{"97,82", en, "97.82"},
	{"0,360", en, "0.36"},
	{"1 234.5", en, "1234.5"},
	{"1 234,5", en, "1234.5"},
	{"100000000000000000000", en, "100000000000000000000"},
	{"0.000000000000000000001", en, "0.000000000000000000001"},
}

// badTests lists inputs that are refused, with the reason.
var badTests = []struct {
	in   string
	st   Style
	want Reason
}{
	{"", vi, Empty},
	{"   ", en, Empty},
	{"\u00a0", vi, Empty},
	{"abc", vi, NotANumber},
	{"12a", en, NotANumber},
	{"1e5", en, NotANumber},
	{"NaN", en, NotANumber},
	{"Inf", vi, NotANumber},
	{"-Inf", vi, NotANumber},
	{"0x10", en, NotANumber},
	{"-", vi, NotANumber},
	{"%", vi, NotANumber},
	{"5%%", vi, NotANumber},
	{"%5", vi, NotANumber},
	{"(5)", en, NotANumber},
	{"1\t234", en, NotANumber},
	{"--5", vi, BadSign},
	{"+-5", en, BadSign},
	{"5-", vi, BadSign},
	{"1-2", en, BadSign},
	{".5", en, MissingDigits},
	{",5", vi, MissingDigits},
	{"-,5", vi, MissingDigits},
	{"1.", en, MissingDigits},
	{"1,", vi, MissingDigits},
	{"1..2", vi, MissingDigits},
	{"1.,2", vi, MissingDigits},
	{"1  234", vi, MissingDigits},
	{"- 5", vi, MissingDigits},
	{"1,2,3", en, BadGrouping},
	{"1.2.3", vi, BadGrouping},
	{"12.34.5", vi, BadGrouping},
	{"1234.567", vi, BadGrouping},
	{"1234,567", en, BadGrouping},
	{"01.234", vi, BadGrouping},
	{"1.23.456", vi, BadGrouping},
	{"12,34.5", en, BadGrouping},
	{"12,34.5", vi, BadGrouping},
	{"1 23", vi, BadGrouping},
	{"1234 567", en, BadGrouping},
	{"1,2,3", vi, TooManySeparators},
	{"1.2.3", en, TooManySeparators},
	{"1,234,567", vi, TooManySeparators},
	{"1.234,5,6", vi, TooManySeparators},
	{"1 234.567", vi, MixedStyle},
	{"1 234,567", en, MixedStyle},
	{"1 234.567,5", vi, MixedStyle},
	{"1.234 567", vi, MixedStyle},
	{"1" + strings.Repeat("0", 400), en, OutOfRange},
}

func TestParse(t *testing.T) {
	for _, tt := range goodTests {
		got, err := Parse(tt.in, tt.st)
		if err != nil || got != tt.want {
			t.Errorf("Parse(%q, %v) = %q, %v; want %q", tt.in, tt.st, got, err, tt.want)
		}
	}
}

func TestParseErrors(t *testing.T) {
	for _, tt := range badTests {
		got, err := Parse(tt.in, tt.st)
		var pe *ParseError
		if !errors.As(err, &pe) {
			t.Errorf("Parse(%q, %v) = %q, %v; want %v error", tt.in, tt.st, got, err, tt.want)
			continue
		}
		if got != "" || pe.Reason != tt.want || pe.Input != tt.in {
			t.Errorf("Parse(%q, %v) = %q, %+v; want %v", tt.in, tt.st, got, pe, tt.want)
		}
	}
}

func TestParseAuto(t *testing.T) {
	good := []struct{ in, want string }{
		{"1234", "1234"},
		{"-1234", "-1234"},
		{"1234.5", "1234.5"},
		{"1234,5", "1234.5"},
		{"0,36", "0.36"},
		{"0.360", "0.36"},
		{"1.234,5", "1234.5"},
		{"1,234.5", "1234.5"},
		{"1 234 567", "1234567"},
		{"1 234,5", "1234.5"},
		{"12,3%", "12.3"},
	}
	for _, tt := range good {
		got, err := ParseAuto(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("ParseAuto(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
		}
	}
	bad := []struct {
		in   string
		want Reason
	}{
		{"1.234", Ambiguous},
		{"1,234", Ambiguous},
		{"1.234.567", Ambiguous},
		{"1,234,567", Ambiguous},
		{"1 234.567", Ambiguous},
		{"", Empty},
		{"abc", NotANumber},
		{".5", MissingDigits},
	}
	for _, tt := range bad {
		got, err := ParseAuto(tt.in)
		var pe *ParseError
		if !errors.As(err, &pe) || pe.Reason != tt.want {
			t.Errorf("ParseAuto(%q) = %q, %v; want %v", tt.in, got, err, tt.want)
		}
	}
}

func TestParseErrorMessage(t *testing.T) {
	tests := []struct {
		in         string
		auto       bool
		en, viText string // substrings expected in each language
	}{
		{"1,2,3", false, `"1,2,3" is not a number: thousands separators`, `"1,2,3" không phải là số: dấu phân cách hàng nghìn`},
		{"1e5", false, `"1e5" is not a number: 'e' is not a digit`, `"1e5" không phải là số: 'e' không phải chữ số`},
		{"", false, `"" is not a number: nothing was entered`, `"" không phải là số: chưa nhập gì`},
		{".5", false, "write 0.5", "viết 0,5"},
		{"1.234", true, `"1.234" is ambiguous: it could be 1,234 in Vietnamese style (1.234,5) or 1.234 in English style`,
			`"1.234" không rõ ràng: có thể là 1.234 theo kiểu Việt (1.234,5) hoặc 1,234 theo kiểu Anh`},
		{"1.234.567", true, `it reads as 1,234,567 only in Vietnamese style`, `chỉ đọc được là 1.234.567 theo kiểu Việt`},
	}
	for _, tt := range tests {
		var err error
		if tt.auto {
			_, err = ParseAuto(tt.in)
		} else {
			_, err = Parse(tt.in, English)
		}
		var pe *ParseError
		if !errors.As(err, &pe) {
			t.Fatalf("%q: no ParseError: %v", tt.in, err)
		}
		if got := pe.Error(); !strings.Contains(got, tt.en) {
			t.Errorf("%q: Error() = %q; want it to contain %q", tt.in, got, tt.en)
		}
		if got := pe.Message("en"); got != pe.Error() {
			t.Errorf("%q: Message(en) = %q; want Error() %q", tt.in, got, pe.Error())
		}
		if got := pe.Message("vi"); !strings.Contains(got, tt.viText) {
			t.Errorf("%q: Message(vi) = %q; want it to contain %q", tt.in, got, tt.viText)
		}
	}
}

func TestStyle(t *testing.T) {
	for _, st := range []Style{Vietnamese, English} {
		got, err := ParseStyle(st.String())
		if err != nil || got != st {
			t.Errorf("ParseStyle(%q) = %v, %v; want %v", st.String(), got, err, st)
		}
	}
	if _, err := ParseStyle("fr"); err == nil {
		t.Error(`ParseStyle("fr") succeeded`)
	}
	if got := Style(7).String(); got != "Style(7)" {
		t.Errorf("Style(7).String() = %q", got)
	}
}

func TestFormat(t *testing.T) {
	tests := []struct {
		in       string
		decimals int
		st       Style
		want     string
	}{
		{"1234567.891", 2, vi, "1.234.567,89"},
		{"1234567.891", 2, en, "1,234,567.89"},
		{"0.36", -1, vi, "0,36"},
		{"0.36", -1, en, "0.36"},
		{"8981", -1, vi, "8.981"},
		{"8981", 0, en, "8,981"},
		{"981", -1, vi, "981"},
		{"52.5", 1, vi, "52,5"},
		{"4.56", 2, vi, "4,56"},
		{"52", 2, vi, "52,00"},
		{"0.365", 2, vi, "0,37"},
		{"0.355", 2, vi, "0,36"}, // float64 would give 0,35
		{"0.345", 2, vi, "0,35"},
		{"0.3449", 2, vi, "0,34"},
		{"-0.355", 2, vi, "-0,36"}, // half away from zero
		{"-1234.5", 0, vi, "-1.235"},
		{"999.95", 1, en, "1,000.0"},
		{"9.5", 0, vi, "10"},
		{"0.5", 0, vi, "1"},
		{"0.4", 0, vi, "0"},
		{"-0.004", 2, vi, "0,00"},
		{"-0.004", -1, vi, "-0,004"},
		{"-1234567", -1, en, "-1,234,567"},
		{"123456789012345678901234567890", -1, vi, "123.456.789.012.345.678.901.234.567.890"},
		{"0", 3, en, "0.000"},
		{"-0012.50", -1, vi, "-12,50"},
		{"abc", 2, vi, "abc"},
		{"", 2, vi, ""},
	}
	for _, tt := range tests {
		if got := Format(tt.in, tt.decimals, tt.st); got != tt.want {
			t.Errorf("Format(%q, %d, %v) = %q; want %q", tt.in, tt.decimals, tt.st, got, tt.want)
		}
	}
}

func TestFormatFloat(t *testing.T) {
	tests := []struct {
		f        float64
		decimals int
		st       Style
		want     string
	}{
		{0.36, -1, vi, "0,36"},
		{97.82, 2, vi, "97,82"},
		{1234567.891, 2, vi, "1.234.567,89"},
		{1234567.891, 1, en, "1,234,567.9"},
		{2.0 / 3, 2, vi, "0,67"},
		{-2.0 / 3, 1, en, "-0.7"},
		{-0.001, 2, vi, "0,00"},
		{math.Copysign(0, -1), -1, vi, "0"},
		{8981, 0, vi, "8.981"},
		{52.5, 1, vi, "52,5"},
		{1e21, 0, en, "1,000,000,000,000,000,000,000"},
		{math.NaN(), 2, vi, ""},
		{math.Inf(1), 2, vi, ""},
		{math.Inf(-1), -1, en, ""},
	}
	for _, tt := range tests {
		if got := FormatFloat(tt.f, tt.decimals, tt.st); got != tt.want {
			t.Errorf("FormatFloat(%v, %d, %v) = %q; want %q", tt.f, tt.decimals, tt.st, got, tt.want)
		}
	}
}

func TestCanonicalAndFloat(t *testing.T) {
	tests := []struct {
		f    float64
		want string
	}{
		{0, "0"},
		{math.Copysign(0, -1), "0"},
		{0.1, "0.1"},
		{-12.5, "-12.5"},
		{1e21, "1000000000000000000000"},
		{1e-7, "0.0000001"},
		{math.NaN(), ""},
		{math.Inf(1), ""},
	}
	for _, tt := range tests {
		got := Canonical(tt.f)
		if got != tt.want {
			t.Errorf("Canonical(%v) = %q; want %q", tt.f, got, tt.want)
		}
		if got != "" && Float(got) != tt.f {
			t.Errorf("Float(%q) = %v; want %v", got, Float(got), tt.f)
		}
		if got != "" {
			if p, err := Parse(got, English); err != nil || p != got {
				t.Errorf("Parse(Canonical(%v)) = %q, %v; want %q", tt.f, p, err, got)
			}
		}
	}
	if got := Float("x"); got != 0 {
		t.Errorf("Float(%q) = %v; want 0", "x", got)
	}
	if got := Float("1234.5"); got != 1234.5 {
		t.Errorf("Float(%q) = %v; want 1234.5", "1234.5", got)
	}
}
