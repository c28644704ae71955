package importer

// This file: the text encodings of CSV files, in every form Excel saves
// them on Windows: "CSV UTF-8" (with a byte order mark), plain UTF-8,
// "Unicode text" (UTF-16 with its byte order mark, tab-separated), and
// "CSV" in the ANSI code page of a Vietnamese Windows, Windows-1258, whose
// Vietnamese letters are mostly a base letter followed by a combining tone
// mark (e + 0xEC is é): decoded, every field is put in NFC.

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	textunicode "golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"

	"chiso/data/msg"
)

// Encoding is the text encoding of a CSV file.
type Encoding int

// Encodings of CSV files.
const (
	AutoEncoding Encoding = iota // detect (only as an option of OpenAs)
	UTF8                         // with or without a byte order mark
	UTF16LE                      // Excel's "Unicode text", with its byte order mark
	UTF16BE
	Windows1258 // the Vietnamese ANSI code page of Windows (Excel's plain "CSV" there)
)

// Encodings lists the encodings a user may choose, in the order offered.
var Encodings = []Encoding{AutoEncoding, UTF8, UTF16LE, Windows1258}

// String names the encoding as ParseEncoding reads it.
func (e Encoding) String() string {
	switch e {
	case UTF8:
		return "utf-8"
	case UTF16LE:
		return "utf-16"
	case UTF16BE:
		return "utf-16be"
	case Windows1258:
		return "windows-1258"
	}
	return "auto"
}

// Label names the encoding for a user, in lang ("vi" or "en").
func (e Encoding) Label(lang string) string {
	vi := lang == "vi"
	switch e {
	case UTF8:
		return "UTF-8"
	case UTF16LE, UTF16BE:
		return pick(vi, "UTF-16 (Unicode text của Excel)", "UTF-16 (Excel's Unicode text)")
	case Windows1258:
		return pick(vi, "Windows-1258 (tiếng Việt ANSI)", "Windows-1258 (Vietnamese ANSI)")
	}
	return pick(vi, "tự nhận biết", "detect")
}

// ParseEncoding reads an encoding's name: auto (or ""), utf-8, utf-16,
// utf-16be, windows-1258 (or cp1258).
func ParseEncoding(s string) (Encoding, error) {
	switch strings.ToLower(strings.NewReplacer("_", "-", " ", "").Replace(strings.TrimSpace(s))) {
	case "", "auto":
		return AutoEncoding, nil
	case "utf-8", "utf8":
		return UTF8, nil
	case "utf-16", "utf16", "utf-16le", "unicode":
		return UTF16LE, nil
	case "utf-16be":
		return UTF16BE, nil
	case "windows-1258", "cp1258", "1258", "ansi":
		return Windows1258, nil
	}
	return 0, msg.New(fmt.Sprintf("bảng mã %q không hợp lệ (auto, utf-8, utf-16 hoặc windows-1258)", s),
		fmt.Sprintf("encoding %q: want auto, utf-8, utf-16 or windows-1258", s))
}

var (
	bom        = []byte{0xEF, 0xBB, 0xBF}
	bomUTF16LE = []byte{0xFF, 0xFE}
	bomUTF16BE = []byte{0xFE, 0xFF}
)

// detectEncoding tells the encoding of a text file's bytes: by its byte
// order mark, as UTF-8 when it is valid UTF-8, as Windows-1258 when its
// other bytes read as Vietnamese in that code page; false when none fits.
func detectEncoding(data []byte) (Encoding, bool) {
	switch {
	case bytes.HasPrefix(data, bomUTF16LE):
		return UTF16LE, true
	case bytes.HasPrefix(data, bomUTF16BE):
		return UTF16BE, true
	case bytes.HasPrefix(data, bom), utf8.Valid(data):
		return UTF8, true
	case looksWindows1258(data):
		return Windows1258, true
	}
	return 0, false
}

// textReader returns the text r holds in encoding e, as UTF-8 without a
// byte order mark. Windows-1258 text keeps its combining marks: callers
// put what they keep in NFC.
func textReader(r io.Reader, e Encoding) io.Reader {
	switch e {
	case UTF16LE:
		return transform.NewReader(r, textunicode.UTF16(textunicode.LittleEndian, textunicode.UseBOM).NewDecoder())
	case UTF16BE:
		return transform.NewReader(r, textunicode.UTF16(textunicode.BigEndian, textunicode.UseBOM).NewDecoder())
	case Windows1258:
		return transform.NewReader(r, charmap.Windows1258.NewDecoder())
	}
	br := bufio.NewReaderSize(r, 1<<16)
	if b, _ := br.Peek(len(bom)); bytes.Equal(b, bom) {
		br.Discard(len(bom))
	}
	return br
}

// decodeSample decodes the start of a file in encoding e, dropping what a
// cut at the end of the sample leaves incomplete.
func decodeSample(data []byte, e Encoding) []byte {
	if e == UTF16LE || e == UTF16BE {
		data = data[:len(data)&^1]
	}
	out, _ := io.ReadAll(textReader(bytes.NewReader(data), e))
	if e == UTF8 {
		out = trimPartialRune(out)
	}
	return out
}

// vietnameseMarks are the combining marks of Vietnamese letters: the five
// tones (grave, acute, tilde, hook above, dot below) and the circumflex,
// breve and horn of â ă ê ô ơ ư.
var vietnameseMarks = map[rune]bool{0x300: true, 0x301: true, 0x303: true, 0x309: true, 0x323: true, 0x302: true, 0x306: true, 0x31B: true}

// isVietnameseLetter reports whether r, not ASCII, is a letter Vietnamese
// writes: a Latin letter with Vietnamese marks only, or đ.
func isVietnameseLetter(r rune) bool {
	if r == 'đ' || r == 'Đ' {
		return true
	}
	d := norm.NFD.String(string(r))
	base, n := utf8.DecodeRuneInString(d)
	if base >= utf8.RuneSelf || !unicode.IsLetter(base) || n == len(d) {
		return false
	}
	for _, m := range d[n:] {
		if !vietnameseMarks[m] {
			return false
		}
	}
	return true
}

// looksWindows1258 reports whether bytes that are not UTF-8 read, in
// Windows-1258, as Vietnamese: almost every character outside ASCII is
// then a Vietnamese letter once its combining tone mark is composed, as
// in "Xã Đồn Đạc". TCVN3 and other old Vietnamese encodings read as
// symbols there (¸, µ, ®…) and are not taken for it.
func looksWindows1258(data []byte) bool {
	text := norm.NFC.Bytes(decodeSample(data[:min(len(data), sniffSize)], Windows1258))
	letters, others := 0, 0
	for _, r := range string(text) {
		switch {
		case r < utf8.RuneSelf:
		case isVietnameseLetter(r):
			letters++
		default:
			others++
		}
	}
	return letters >= 2 && others*10 <= letters
}
