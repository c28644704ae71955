package vntext

import (
	"slices"
	"sort"
	"testing"

	"golang.org/x/text/unicode/norm"
)

func TestNFC(t *testing.T) {
	nfd := norm.NFD.String("Hạ Long")
	if nfd == "Hạ Long" {
		t.Fatal("test input is not decomposed")
	}
	if got := NFC(nfd); got != "Hạ Long" {
		t.Errorf("NFC(%q) = %q; want %q", nfd, got, "Hạ Long")
	}
}

func TestFold(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"Thành phố Hạ Long", "thanh pho ha long"},
		{"ĐÔNG TRIỀU", "dong trieu"},
		{"đường Ưng Hòa", "duong ung hoa"},
		{"  Quảng \t Yên\u00a0 ", "quang yen"},
		{"Tỉnh Quảng Ninh 2024", "tinh quang ninh 2024"},
		{"Ăn ắng ẳng ẵng ặng", "an ang ang ang ang"},
		{"ơ Ờ ở ỡ ớ ợ", "o o o o o o"},
	}
	for _, tt := range tests {
		if got := Fold(tt.in); got != tt.want {
			t.Errorf("Fold(%q) = %q; want %q", tt.in, got, tt.want)
		}
		if got := Fold(norm.NFD.String(tt.in)); got != tt.want {
			t.Errorf("Fold(NFD %q) = %q; want %q", tt.in, got, tt.want)
		}
	}
}

func TestContains(t *testing.T) {
	tests := []struct {
		text, query string
		want        bool
	}{
		{"Thành phố Hạ Long", "ha long", true},
		{"Hạ Long", "ha long", true},
		{"Hạ Long", "HẠ LONG", true},
		{"Quảng Yên", "quang", true},
		{"Quảng Yên", "yên quảng", true},
		{"Đông Triều", "dong", true},
		{norm.NFD.String("Đông Triều"), "triều", true},
		{"Đông Triều", norm.NFD.String("triều"), true},
		{"Hạ Long", "ha noi", false},
		{"Hạ Long", "long ha x", false},
		{"Cô Tô", "", true},
		{"", "a", false},
	}
	for _, tt := range tests {
		if got := Contains(tt.text, tt.query); got != tt.want {
			t.Errorf("Contains(%q, %q) = %v; want %v", tt.text, tt.query, got, tt.want)
		}
	}
}

func TestCompare(t *testing.T) {
	// Each pair is strictly ordered: a < b.
	tests := []struct{ a, b string }{
		{"Dương Huy", "Đông Triều"},
		{"Dzũng", "Đông Triều"},
		{"Dương Huy", "Dzũng"},
		{"Ba Chẽ", "Bình Liêu"},
		{"Bình Liêu", "Cẩm Phả"},
		{"Cẩm Phả", "Cô Tô"},
		{"Cô Tô", "Đầm Hà"},
		{"Đầm Hà", "Hạ Long"},
		{"Hạ Long", "Hải Hà"},
		{"Azur", "Ăn"},
		{"Ăn", "Ân"},
		{"Âu", "Ba"},
		{"ma", "mà"},
		{"mà", "mả"},
		{"mả", "mã"},
		{"mã", "má"},
		{"má", "mạ"},
		{"mạ", "mác"},
		{"Ha Long", "Hạ Long"},
		{"Hạ", "Hạ Long"},
		{"Tổ 2", "Tổ A"},
		{"2", "a"},
		{"1", "2"},
		{"ơ", "p"},
		{"u", "ư"},
		{"ư", "v"},
		{"o", "ô"},
		{"ô", "ơ"},
		{"e", "ê"},
		{"ê", "g"},
		{"an", "An"}, // lowercase first among equals
		{"-", "0"},
	}
	for _, tt := range tests {
		if got := Compare(tt.a, tt.b); got != -1 {
			t.Errorf("Compare(%q, %q) = %d; want -1", tt.a, tt.b, got)
		}
		if got := Compare(tt.b, tt.a); got != 1 {
			t.Errorf("Compare(%q, %q) = %d; want 1", tt.b, tt.a, got)
		}
		if !Less(tt.a, tt.b) || Less(tt.b, tt.a) {
			t.Errorf("Less disagrees with Compare for %q, %q", tt.a, tt.b)
		}
	}
	for _, s := range []string{"", "Hạ Long", "Đông Triều"} {
		if got := Compare(s, s); got != 0 {
			t.Errorf("Compare(%q, %q) = %d; want 0", s, s, got)
		}
		if got := Compare(norm.NFD.String(s), s); got != 0 {
			t.Errorf("Compare(NFD %q, %q) = %d; want 0", s, s, got)
		}
	}
	if got := Compare("hạ long", "HẠ LONG"); got == 0 {
		t.Error(`Compare("hạ long", "HẠ LONG") = 0; want a deterministic order`)
	}
}

func TestSort(t *testing.T) {
	want := []string{
		"12 Hòa Bình",
		"An Biên",
		"Ân Thi",
		"Ba Chẽ",
		"Bình Liêu",
		"Cẩm Phả",
		"Cô Tô",
		"Dương Huy",
		"Dzũng",
		"Đầm Hà",
		"Đông Triều",
		"Hạ Long",
		"Hải Hà",
		"Hoành Bồ",
		"Móng Cái",
		"Quảng Yên",
		"Tiên Yên",
		"Uông Bí",
		"Ứng Hòa",
		"Vân Đồn",
	}
	got := slices.Clone(want)
	slices.Reverse(got)
	got[3], got[10] = got[10], got[3]
	sort.SliceStable(got, func(i, j int) bool { return Less(got[i], got[j]) })
	if !slices.Equal(got, want) {
		t.Errorf("sorted:\n got %q\nwant %q", got, want)
	}
}

// TestKeyCompare: keys compare as Compare compares their strings, for every
// pair of a mixed list (cases, tones, decomposed forms, equal strings).
func TestKeyCompare(t *testing.T) {
	list := []string{"ma", "mà", "Ma", "mả", "mã", "má", "mạ", "mác", "Hạ Long", "Ha\u0323 Long", "Hải Hà", "Đông Triều", "Dzũng",
		"12 Hòa Bình", "", "x", "X00001", "X00010", "Ứng Hòa", "ung hoa"}
	for _, a := range list {
		for _, b := range list {
			if got, want := KeyOf(a).Compare(KeyOf(b)), Compare(a, b); got != want {
				t.Errorf("KeyOf(%q).Compare(KeyOf(%q)) = %d, Compare = %d", a, b, got, want)
			}
		}
	}
}

func TestQueryMatchesWordStarts(t *testing.T) {
	tests := []struct {
		text, query string
		want        int
	}{
		{"Xã Tiên Yên", "tien yen", ExactMatch},
		{"Xã Tiên Nguyên", "tien yen", NoMatch},
		{"Xã Tiên Nguyên", "tien nguy", ExactMatch},
		{"Xã Đồn Đạc", "don dac", ExactMatch},
		{"Xã Đồn Đạc", "dac", ExactMatch},
		{"Xã Đồn Đạc", "dong dac", LooseMatch},
		{"Xã Đồn Đạc", "don dat", LooseMatch},
		{"Xã Đồn Đạc", "dong dach", LooseMatch},
		{"Xã Đông Ngũ", "don", ExactMatch},
		{"Xã Thanh Lân", "thanh lanh", LooseMatch},
		{"Thành phố Hạ Long", "ha long", ExactMatch},
		{"Thành phố Hạ Long", "alon", NoMatch},
		{"Phường 12", "1", ExactMatch},
		{"Phường 12", "2", NoMatch},
		{"Xã Đồn Đạc (cũ)", "cu", ExactMatch},
		{"Văn Miếu - Quốc Tử Giám", "quoc giam", ExactMatch},
		{"Cô Tô", "", ExactMatch},
		{"", "a", NoMatch},
	}
	match := Matcher()
	for _, tt := range tests {
		if got := match(tt.text, tt.query); got != tt.want {
			t.Errorf("%q matches %q: %v, want %v", tt.query, tt.text, got, tt.want)
		}
		if exact := NewQuery(tt.query).Matches(Fold(tt.text)); exact != (tt.want == ExactMatch) {
			t.Errorf("Query(%q).Matches(%q) = %v", tt.query, tt.text, exact)
		}
	}
	if got := Loose("xa don dac, phuong (cu) anh c"); got != "xa don dat, phuon (cu) an c" {
		t.Errorf("Loose: %q", got)
	}
}

func TestSpelling(t *testing.T) {
	for _, tt := range []struct {
		a, b string
		same bool
	}{
		{"Xã Hoà Bình", "Xã Hòa Bình", true},
		{"Phường Thuỵ Khuê", "Phường Thụy Khuê", true},
		{"xã Bắc Sơn", "Xã  Bắc Sơn", true},
		{norm.NFD.String("Xã Đồn Đạc"), "Xã Đồn Đạc", true},
		{"Xã Hòa Bình", "Xã Hóa Bình", false},
		{"Xã Đồn Đạc", "Xã Đôn Đạc", false},
		{"Xã Ba Chẽ", "Phường Ba Chẽ", false},
	} {
		if got := Spelling(tt.a) == Spelling(tt.b); got != tt.same {
			t.Errorf("%q and %q spelt alike: %v, want %v", tt.a, tt.b, got, tt.same)
		}
	}
}
