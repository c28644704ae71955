package vntext

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Query is a search as typed, folded once (see Fold) into its words.
type Query []string

// NewQuery folds q and splits it into words.
func NewQuery(q string) Query { return strings.Fields(Fold(q)) }

// Matches reports whether every word of the query begins a word of folded,
// a text already folded with Fold: the query "tien yen" matches "xa tien
// yen" but not "xa tien nguyen", and "dong" matches "phuong dong trieu".
// Words of the text are separated by anything that is not a letter or a
// digit ("phuong 1", "(cu)"). An empty query matches every text.
func (q Query) Matches(folded string) bool {
	for _, w := range q {
		if !startsWord(folded, w) {
			return false
		}
	}
	return true
}

// Loose returns the query with its words made loose (see Loose), to be
// matched against loose texts.
func (q Query) Loose() Query {
	out := make(Query, len(q))
	for i, w := range q {
		out[i] = Loose(w)
	}
	return out
}

// startsWord reports whether w occurs in s at the start of a word.
func startsWord(s, w string) bool {
	for i := 0; ; {
		j := strings.Index(s[i:], w)
		if j < 0 {
			return false
		}
		j += i
		if j == 0 {
			return true
		}
		if r, _ := utf8.DecodeLastRuneInString(s[:j]); !isWordRune(r) {
			return true
		}
		i = j + 1
	}
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// Loose returns a folded text with the final consonants that many speakers
// do not tell apart written alike: -ng and -nh as -n, -ch and -c as -t. A
// name heard and typed "dong dac" is then found as Đồn Đạc ("don dat"
// both), "binh" as Bình or Bìn.
func Loose(folded string) string {
	var b strings.Builder
	b.Grow(len(folded))
	word := 0 // start of the current word in folded
	flush := func(end int) {
		w := folded[word:end]
		switch {
		case strings.HasSuffix(w, "ng") || strings.HasSuffix(w, "nh"):
			w = w[:len(w)-1]
		case strings.HasSuffix(w, "ch"):
			w = w[:len(w)-2] + "t"
		case len(w) > 1 && strings.HasSuffix(w, "c"):
			w = w[:len(w)-1] + "t"
		}
		b.WriteString(w)
	}
	for i, r := range folded {
		if !isWordRune(r) {
			flush(i)
			b.WriteRune(r)
			word = i + utf8.RuneLen(r)
		}
	}
	flush(len(folded))
	return b.String()
}

// Match levels, as a Matcher returns them: a text that matches exactly
// is better than one that matches only loosely.
const (
	NoMatch    = 0
	ExactMatch = 1 // every word of the query begins a word of the text
	LooseMatch = 2 // so once both are made Loose
)

// Matcher returns a function that tells how a text matches a query:
// ExactMatch as Query.Matches does, LooseMatch when it does so only with
// the text and the query made Loose, NoMatch else. It folds each text
// once and keeps it, so a search box over the same few thousand names
// folds nothing again as the user types. It is not safe for concurrent
// use.
func Matcher() func(text, query string) int {
	type folded struct{ exact, loose string }
	texts := map[string]folded{}
	var lastQ string
	var q, lq Query
	return func(text, query string) int {
		if query != lastQ || q == nil {
			lastQ, q = query, NewQuery(query)
			lq = q.Loose()
		}
		f, ok := texts[text]
		if !ok {
			f.exact = Fold(text)
			f.loose = Loose(f.exact)
			texts[text] = f
		}
		switch {
		case q.Matches(f.exact):
			return ExactMatch
		case lq.Matches(f.loose):
			return LooseMatch
		}
		return NoMatch
	}
}
