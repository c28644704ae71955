package app

import (
	"bytes"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"github.com/go-text/typesetting/font"
	"golang.org/x/text/unicode/norm"
)

// vietnameseLetters are the letters of Vietnamese: the vowels with every
// tone mark, and đ, in both cases.
const vietnameseLetters = "aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵđ"

// TestFonts_VietnameseLetters: the fonts the app draws with, which it
// carries inside the program (so a Windows without Vietnamese fonts
// changes nothing), have a glyph of their own for every Vietnamese letter,
// upper and lower case, in every style text is shown in. (The monospace
// font, DejaVu Sans Mono, lacks a few precomposed letters such as "ả": the
// screens use it for codes, formulas and device ids only.)
func TestFonts_VietnameseLetters(t *testing.T) {
	letters := vietnameseLetters + string(bytes.ToUpper([]byte(norm.NFC.String(vietnameseLetters))))
	th := theme.DefaultTheme()
	for _, style := range []fyne.TextStyle{{}, {Bold: true}, {Italic: true}, {Bold: true, Italic: true}} {
		res := th.Font(style)
		face, err := font.ParseTTF(bytes.NewReader(res.Content()))
		if err != nil {
			t.Fatalf("%s: %v", res.Name(), err)
		}
		missing := ""
		for _, r := range letters {
			if _, ok := face.NominalGlyph(r); !ok {
				missing += string(r)
			}
		}
		if missing != "" {
			t.Errorf("%s (%+v) has no glyph for %q", res.Name(), style, missing)
		}
	}
}
