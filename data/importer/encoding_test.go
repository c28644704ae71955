package importer

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
	"unicode/utf16"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/unicode/norm"

	"chiso/data/msg"
)

// encode1258 writes s as Excel does on a Vietnamese Windows in its ANSI
// code page: a letter the code page has whole (â, ơ, đ, à…) as its byte,
// and the tone marks it lacks as combining bytes after it, so "Đồn Đạc"
// is Đ, ô + grave, n, space, Đ, a + dot below, c.
func encode1258(t *testing.T, s string) []byte {
	t.Helper()
	var out []byte
	d := []rune(norm.NFD.String(s))
	for i := 0; i < len(d); {
		j := i + 1
		for j < len(d) && unicode.Is(unicode.Mn, d[j]) {
			j++
		}
		// The letter whole with one of its marks (â, ơ, à…), the other
		// marks as combining bytes; or the bare letter and every mark.
		done := false
		for m := i; m < j && !done; m++ {
			base := d[i : i+1]
			rest := append([]rune{}, d[i+1:j]...)
			if m > i {
				base = []rune(norm.NFC.String(string([]rune{d[i], d[m]})))
				rest = append(append([]rune{}, d[i+1:m]...), d[m+1:j]...)
			}
			b, ok := charmap.Windows1258.EncodeRune(base[0])
			if len(base) != 1 || !ok {
				continue
			}
			enc := []byte{b}
			for _, r := range rest {
				mb, ok := charmap.Windows1258.EncodeRune(r)
				if !ok {
					enc = nil
					break
				}
				enc = append(enc, mb)
			}
			if enc != nil {
				out, done = append(out, enc...), true
			}
		}
		if !done {
			t.Fatalf("cannot write %q in Windows-1258", string(d[i:j]))
		}
		i = j
	}
	return out
}

// utf16LE writes s as Excel's "Unicode text": UTF-16, little-endian, with
// its byte order mark.
func utf16LE(s string) []byte {
	out := []byte{0xFF, 0xFE}
	for _, u := range utf16.Encode([]rune(s)) {
		out = append(out, byte(u), byte(u>>8))
	}
	return out
}

// TestExcelCSVForms imports one table saved by Excel in each form it
// writes CSV on Windows and checks they all give the same values.
func TestExcelCSVForms(t *testing.T) {
	const period = "2023"
	vi := "Tên xã;Tổng số hộ dân cư;Thu nhập bình quân đầu người\r\nXã Đồn Đạc;1.234;45,6\r\nXã Đạp Thanh;987;38,25\r\nXã Lương Mông;2.105;40\r\n"
	en := "Tên xã,Tổng số hộ dân cư,Thu nhập bình quân đầu người\r\nXã Đồn Đạc,1234,45.6\r\nXã Đạp Thanh,987,38.25\r\nXã Lương Mông,2105,40\r\n"
	unicodeText := "Tên xã\tTổng số hộ dân cư\tThu nhập bình quân đầu người\r\nXã Đồn Đạc\t1234\t45,6\r\nXã Đạp Thanh\t987\t38,25\r\nXã Lương Mông\t2105\t40\r\n"
	cases := []struct {
		name     string
		content  []byte
		encoding Encoding
		sep      rune
	}{
		{"csv-utf8-bom.csv", append(append([]byte{}, bom...), en...), UTF8, ','},
		{"csv-utf8.csv", []byte(en), UTF8, ','},
		{"csv-utf8-champhay.csv", []byte(vi), UTF8, ';'},
		{"unicode-text.txt", utf16LE(unicodeText), UTF16LE, '\t'},
		{"csv-ansi.csv", encode1258(t, vi), Windows1258, ';'},
	}
	want := map[string]string{
		"HH_TOTAL/QN_BACHE_03": "1234", "HH_TOTAL/QN_BACHE_02": "987", "HH_TOTAL/QN_BACHE_04": "2105",
		"INC_PC/QN_BACHE_03": "45.6", "INC_PC/QN_BACHE_02": "38.25", "INC_PC/QN_BACHE_04": "40",
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			st := demoStore(t)
			path := writeFile(t, c.name, string(c.content))
			f := open(t, path)
			if f.Encoding != c.encoding || f.Separator() != c.sep {
				t.Fatalf("encoding %v, separator %q; want %v, %q", f.Encoding, f.Separator(), c.encoding, c.sep)
			}
			p, err := PreviewContext(ctx, f, "", catalogOf(t, st), Options{Period: period})
			if err != nil {
				t.Fatal(msg.Text(err, "en"))
			}
			if p.Columns[0].Header != "Tên xã" {
				t.Errorf("header %q: the text was not decoded to NFC Vietnamese", p.Columns[0].Header)
			}
			if err := p.Ready(); err != nil {
				t.Fatal(msg.Text(err, "en"))
			}
			sum, err := Apply(ctx, st, p, nil)
			if err != nil {
				t.Fatalf("%s\n%s", msg.Text(err, "en"), rejectionsText(sum, "en"))
			}
			if sum.Values != 6 {
				t.Errorf("%d values, want 6", sum.Values)
			}
			for k, v := range want {
				e, a, _ := strings.Cut(k, "/")
				if got, _ := valueOf(t, st, e, a, period, ""); got != v {
					t.Errorf("%s: %q, want %q", k, got, v)
				}
			}
		})
	}
}

// TestSemicolonMeansDecimalComma: Excel writes ";" between columns where
// the comma is the decimal mark, so a number such as 1.234 in such a file
// is one thousand two hundred and thirty-four.
func TestSemicolonMeansDecimalComma(t *testing.T) {
	st := demoStore(t)
	p := preview(t, st, writeFile(t, "xa.csv", "Tên xã;Tổng số hộ dân cư\nXã Đồn Đạc;1.234\nXã Đạp Thanh;2.500\n"), "")
	c := column(t, p, "Tổng số hộ dân cư")
	if c.Style != StyleVietnamese || c.Detected != StyleAmbiguous {
		t.Errorf("style %v (detected %v), want Vietnamese (ambiguous)", c.Style, c.Detected)
	}
	// The same file with commas: nothing tells, the user must choose.
	p = preview(t, st, writeFile(t, "xa2.csv", "Tên xã,Tổng số hộ dân cư\nXã Đồn Đạc,1.234\nXã Đạp Thanh,2.500\n"), "")
	if c := column(t, p, "Tổng số hộ dân cư"); c.Style != StyleAmbiguous {
		t.Errorf("comma-separated: style %v, want ambiguous", c.Style)
	}
}

func TestEncodingDetection(t *testing.T) {
	for _, c := range []struct {
		name string
		data []byte
		want Encoding
		ok   bool
	}{
		{"ascii", []byte("a,b\n1,2\n"), UTF8, true},
		{"utf8", []byte("Xã Đồn Đạc,1\n"), UTF8, true},
		{"utf8 bom", append(append([]byte{}, bom...), "a,b\n"...), UTF8, true},
		{"utf16", utf16LE("a\tb\n"), UTF16LE, true},
		{"cp1258", encode1258(t, "Xã Đồn Đạc;Huyện Ba Chẽ;Thị trấn Cô Tô\n"), Windows1258, true},
		{"tcvn3", []byte("POP,QN,2024,5,\xb8\xb5\xae\xb1\n"), 0, false},
		{"binary", []byte{0x00, 0x9f, 0x92, 0x96, 0x00}, 0, false},
	} {
		got, ok := detectEncoding(c.data)
		if ok != c.ok || ok && got != c.want {
			t.Errorf("%s: %v %v, want %v %v", c.name, got, ok, c.want, c.ok)
		}
	}
	// A file the detection does not take for Windows-1258 can be read so
	// when the user says it is.
	path := writeFile(t, "ngan.csv", string(encode1258(t, "Tên;Giá trị\nẤp;1\n")))
	f, err := OpenAs(path, Windows1258)
	if err != nil {
		t.Fatal(msg.Text(err, "en"))
	}
	rr, err := f.rows(f.Sheets[0])
	if err != nil {
		t.Fatal(err)
	}
	_, cells, err := rr.next()
	if err != nil || cells[0].text != "Tên" {
		t.Errorf("first cell %q, %v", cells[0].text, err)
	}
	if e, err := ParseEncoding("cp1258"); err != nil || e != Windows1258 {
		t.Errorf("ParseEncoding(cp1258) = %v, %v", e, err)
	}
	if _, err := ParseEncoding("tcvn3"); err == nil {
		t.Error("tcvn3 was accepted as an encoding")
	}
}

// TestFileClosedAtOnce: Open reads the file and closes it, so that Excel
// on Windows can save over it while the import screen shows it.
func TestFileClosedAtOnce(t *testing.T) {
	st := demoStore(t)
	csvPath := writeFile(t, "xa.csv", "element,area,period,value\nPOP,QN_BACHE_03,2023,100\n")
	xlsxPath := writeXLSX(t, "xa.xlsx", sheet{"Số liệu", [][]any{{"element", "area", "period", "value"}, {"POP", "QN_BACHE_03", 2023, 100}}})
	for _, path := range []string{csvPath, xlsxPath} {
		f := open(t, path)
		p, err := Preview(f, "", catalogOf(t, st))
		if err != nil {
			t.Fatal(err)
		}
		if open := openFiles(t, path); open > 0 {
			t.Errorf("%s is held open %d times after Open and Preview", filepath.Base(path), open)
		}
		if _, err := DryRun(ctx, st, p, nil); err != nil {
			t.Fatal(err)
		}
		if open := openFiles(t, path); open > 0 {
			t.Errorf("%s is held open %d times after a dry run", filepath.Base(path), open)
		}
	}
}

// openFiles counts this process's open descriptors of path (Linux).
func openFiles(t *testing.T, path string) int {
	t.Helper()
	fds, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		t.Skip("no /proc/self/fd on this system")
	}
	want, _ := filepath.Abs(path)
	n := 0
	for _, fd := range fds {
		if target, err := os.Readlink(filepath.Join("/proc/self/fd", fd.Name())); err == nil && target == want {
			n++
		}
	}
	return n
}
