package vntext

import (
	"strings"

	"golang.org/x/text/unicode/norm"
)

// Spelling returns s in a form that two spellings of one name share:
// lowercase, white space collapsed, the tone mark of each word written at
// its end, wherever the word carries it. So "Hoà" and "Hòa", "Thuỵ" and
// "Thụy", "xã Bắc Sơn" and "Xã Bắc Sơn" are spelt alike, while "Hòa" and
// "Hóa", or "Đồn" and "Đôn", are not.
func Spelling(s string) string {
	var b strings.Builder
	for i, w := range strings.Fields(strings.ToLower(s)) {
		if i > 0 {
			b.WriteByte(' ')
		}
		var tone rune
		var letters []rune
		for _, r := range norm.NFD.String(w) {
			if _, ok := tones[r]; ok {
				tone = r
				continue
			}
			letters = append(letters, r)
		}
		b.WriteString(norm.NFC.String(string(letters)))
		if tone != 0 {
			b.WriteRune(tone)
		}
	}
	return b.String()
}
