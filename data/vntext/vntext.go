// Package vntext provides Vietnamese text helpers: Unicode normalization,
// accent-insensitive search and Vietnamese alphabetical order.
package vntext

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// NFC returns s in Unicode normalization form C, the composed form in which
// "ệ" is one code point. Text from files, the clipboard and macOS input
// methods may arrive decomposed; normalize it before storing or comparing.
func NFC(s string) string { return norm.NFC.String(s) }

// Fold returns s without diacritics and lowercased, with đ and Đ turned into
// d and runs of white space collapsed into single spaces, for
// accent-insensitive search. Composed (NFC) and decomposed (NFD) input fold
// alike: Fold("Thành phố Hạ Long") = "thanh pho ha long".
func Fold(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	write := func(r rune) {
		switch {
		case unicode.Is(unicode.Mn, r):
			return
		case unicode.IsSpace(r):
			space = b.Len() > 0
			return
		case r == 'đ' || r == 'Đ':
			r = 'd'
		default:
			r = unicode.ToLower(r)
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	for _, r := range s {
		if base, ok := bases[r]; ok {
			write(base)
			continue
		}
		if r < 0x80 || unicode.Is(unicode.Mn, r) {
			write(r)
			continue
		}
		for _, d := range norm.NFD.String(string(r)) {
			write(d)
		}
	}
	return b.String()
}

// bases maps each precomposed Latin letter with diacritics (every
// Vietnamese one among them) to its lowercase base letter, so that Fold
// need not decompose them one by one.
var bases = func() map[rune]rune {
	m := map[rune]rune{}
	for _, span := range [][2]rune{{0xC0, 0x24F}, {0x1E00, 0x1EFF}} {
		for r := span[0]; r <= span[1]; r++ {
			d := []rune(norm.NFD.String(string(r)))
			if len(d) < 2 || d[0] >= 0x80 {
				continue
			}
			marks := true
			for _, x := range d[1:] {
				marks = marks && unicode.Is(unicode.Mn, x)
			}
			if marks {
				m[r] = unicode.ToLower(d[0])
			}
		}
	}
	return m
}()

// Contains reports whether every word of query occurs in text, ignoring
// case, diacritics and word order: Contains("Thành phố Hạ Long", "ha long")
// is true, and so is Contains("Quảng Yên", "quang"). An empty query is
// contained in every text.
func Contains(text, query string) bool {
	t := Fold(text)
	for _, w := range strings.Fields(Fold(query)) {
		if !strings.Contains(t, w) {
			return false
		}
	}
	return true
}

// Less reports whether a sorts before b in Vietnamese order; see [Compare].
func Less(a, b string) bool { return Compare(a, b) < 0 }

// Compare orders strings the way Vietnamese readers expect and returns -1,
// 0 or +1. It compares word by word, each word first by its letters in the
// Vietnamese alphabet
//
//	a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y
//
// (with f, j, w and z in their Latin places, digits before letters and
// other symbols before digits), ignoring case, and then by its tone: none,
// grave (huyền), hook (hỏi), tilde (ngã), acute (sắc), dot below (nặng).
// So "Ă…" sorts after every "A…", "Đông Triều" after "Dzũng", and
// "ma" < "mà" < "mả" < "mã" < "má" < "mạ" < "mác". Strings equal so far are
// ordered lowercase before uppercase and finally by their NFC bytes, so
// Compare returns 0 only for strings with the same NFC form.
func Compare(a, b string) int {
	a, b = NFC(a), NFC(b)
	if a == b {
		return 0
	}
	return Key{a, keyOf(a)}.Compare(Key{b, keyOf(b)})
}

// Key is the collation key of a string: keys compare as Compare compares
// their strings. Sorting many strings, compute each key once (KeyOf)
// rather than two at every comparison.
type Key struct {
	s string // NFC
	k key
}

// KeyOf returns the collation key of s.
func KeyOf(s string) Key {
	s = NFC(s)
	return Key{s, keyOf(s)}
}

// Compare orders the strings of a and b as Compare does.
func (a Key) Compare(b Key) int {
	if a.s == b.s {
		return 0
	}
	if c := compareWords(a.k, b.k); c != 0 {
		return c
	}
	if c := compareInts(a.k.cases, b.k.cases); c != 0 {
		return c
	}
	return strings.Compare(a.s, b.s)
}

// key is the collation key of a string.
type key struct {
	words []word
	cases []int // 0 for a lowercase or caseless letter, 1 for uppercase
}

// word is the collation key of one word.
type word struct {
	letters []int // primary weights
	tone    int   // 0 for none, then grave, hook, tilde, acute, dot below
}

func compareWords(a, b key) int {
	for i := 0; i < len(a.words) && i < len(b.words); i++ {
		if c := compareInts(a.words[i].letters, b.words[i].letters); c != 0 {
			return c
		}
		if c := cmpInt(a.words[i].tone, b.words[i].tone); c != 0 {
			return c
		}
	}
	return cmpInt(len(a.words), len(b.words))
}

func compareInts(a, b []int) int {
	for i := 0; i < len(a) && i < len(b); i++ {
		if c := cmpInt(a[i], b[i]); c != 0 {
			return c
		}
	}
	return cmpInt(len(a), len(b))
}

func cmpInt(a, b int) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// Combining marks that turn a base letter into another Vietnamese letter.
const (
	breve      = '\u0306' // ă
	circumflex = '\u0302' // â ê ô
	horn       = '\u031b' // ơ ư
)

// tones maps the combining tone marks to their rank.
var tones = map[rune]int{
	'\u0300': 1, // grave, huyền
	'\u0309': 2, // hook above, hỏi
	'\u0303': 3, // tilde, ngã
	'\u0301': 4, // acute, sắc
	'\u0323': 5, // dot below, nặng
}

// alphabet is the Latin alphabet in Vietnamese order; a letter with a breve,
// circumflex or horn is written as base letter plus mark.
var alphabet = []string{
	"a", "a\u0306", "a\u0302", "b", "c", "d", "đ", "e", "e\u0302", "f", "g",
	"h", "i", "j", "k", "l", "m", "n", "o", "o\u0302", "o\u031b", "p", "q",
	"r", "s", "t", "u", "u\u031b", "v", "w", "x", "y", "z",
}

var letterRank = func() map[string]int {
	m := make(map[string]int, len(alphabet))
	for i, l := range alphabet {
		m[l] = i
	}
	return m
}()

// Primary weight classes: symbols < digits < Vietnamese letters < others.
const (
	classSymbol = iota << 21
	classDigit
	classLetter
	classOther
)

// keyOf computes the collation key of an NFC string.
func keyOf(s string) key {
	var k key
	for _, w := range strings.Fields(s) {
		var wk word
		runes := []rune(norm.NFD.String(w))
		for i := 0; i < len(runes); {
			base := runes[i]
			i++
			// Gather the combining marks that follow the base.
			var mod rune
			for ; i < len(runes) && unicode.Is(unicode.Mn, runes[i]); i++ {
				m := runes[i]
				if t, ok := tones[m]; ok {
					if wk.tone == 0 {
						wk.tone = t
					}
				} else if m == breve || m == circumflex || m == horn {
					if mod == 0 {
						mod = m
					}
				}
			}
			lower := unicode.ToLower(base)
			if lower != base {
				k.cases = append(k.cases, 1)
			} else {
				k.cases = append(k.cases, 0)
			}
			wk.letters = append(wk.letters, weight(lower, mod))
		}
		k.words = append(k.words, wk)
	}
	return k
}

// weight returns the primary weight of a lowercase base rune modified by a
// breve, circumflex or horn (or 0).
func weight(r, mod rune) int {
	if r < 0x80 && 'a' <= r && r <= 'z' || r == 'đ' {
		l := string(r)
		if mod != 0 {
			if rank, ok := letterRank[l+string(mod)]; ok {
				return classLetter + rank
			}
		}
		return classLetter + letterRank[l]
	}
	switch {
	case unicode.IsDigit(r):
		return classDigit + int(r)
	case unicode.IsLetter(r):
		return classOther + int(r)
	}
	return classSymbol + int(r)
}
