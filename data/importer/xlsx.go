package importer

// This file reads Excel workbooks (Office Open XML) as a stream of rows.
//
// It reads the zip parts itself rather than through excelize's Rows
// iterator, which returns each cell as a string without its type: through
// it the number 1.234 and the text "1.234" look the same, while the first is
// one point two three four and the second, typed in Vietnamese, one
// thousand two hundred and thirty-four. Here a cell keeps its type, and a
// number shown as a percentage or a date is known as such. Only the shared
// strings (each distinct text once) are held in memory; the sheet itself
// streams.

import (
	"archive/zip"
	"bufio"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"path"
	"regexp"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"chiso/data/msg"
)

// maxSharedStrings bounds the uncompressed size of a workbook's shared
// strings, which are held in memory.
const maxSharedStrings = 1 << 30

// numFmt is what a cell's number format makes of a number.
type numFmt uint8

const (
	plainFmt numFmt = iota
	percentFmt
	dateFmt
)

type sheetRef struct{ name, part string }

// workbook is an open .xlsx file.
type workbook struct {
	name     string
	parts    map[string]*zip.File
	sheets   []sheetRef
	sstPart  string
	sst      []string
	sstRead  bool
	xfs      []numFmt // by cell style index
	date1904 bool
}

func (w *workbook) sheetNames() []string {
	out := make([]string, len(w.sheets))
	for i, s := range w.sheets {
		out[i] = s.name
	}
	return out
}

func (w *workbook) broken(err error) error {
	return msg.Wrap(err, "tệp "+w.name+" là bảng tính Excel bị hỏng", "file "+w.name+" is a damaged Excel workbook")
}

// openWorkbook reads a workbook held in memory.
func openWorkbook(data []byte, name string) (*workbook, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, notSpreadsheet(name, "tệp nén ZIP bị hỏng", "a damaged ZIP archive")
	}
	w := &workbook{name: name, parts: map[string]*zip.File{}}
	for _, zf := range zr.File {
		w.parts[strings.TrimPrefix(zf.Name, "/")] = zf
	}
	if err := w.load(); err != nil {
		return nil, err
	}
	return w, nil
}

// load reads the workbook's sheet list, its styles and where its shared
// strings are.
func (w *workbook) load() error {
	book := "xl/workbook.xml"
	if rels, err := w.rels("_rels/.rels"); err == nil {
		for _, r := range rels {
			if strings.HasSuffix(r.typ, "/officeDocument") {
				book = r.target
			}
		}
	}
	if w.parts[book] == nil {
		if w.parts["mimetype"] != nil && w.parts["content.xml"] != nil {
			return msg.New("tệp "+w.name+" là bảng tính OpenDocument (.ods): hãy lưu lại dạng .xlsx",
				"file "+w.name+" is an OpenDocument spreadsheet (.ods): save it as .xlsx")
		}
		return notSpreadsheet(w.name, "đây là tệp nén ZIP, không phải bảng tính .xlsx", "it is a ZIP archive, not an .xlsx workbook")
	}
	rels, err := w.rels(path.Join(path.Dir(book), "_rels", path.Base(book)+".rels"))
	if err != nil {
		return w.broken(err)
	}
	byID := map[string]relation{}
	for _, r := range rels {
		byID[r.id] = r
		switch {
		case strings.HasSuffix(r.typ, "/sharedStrings"):
			w.sstPart = r.target
		case strings.HasSuffix(r.typ, "/styles"):
			if err := w.loadStyles(r.target); err != nil {
				return w.broken(err)
			}
		}
	}
	dec, closer, err := w.open(book)
	if err != nil {
		return w.broken(err)
	}
	defer closer.Close()
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return w.broken(err)
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		switch se.Name.Local {
		case "workbookPr":
			v := attr(se, "date1904")
			w.date1904 = v == "1" || v == "true"
		case "sheet":
			r, ok := byID[attr(se, "id")]
			if ok && strings.HasSuffix(r.typ, "/worksheet") && w.parts[r.target] != nil {
				w.sheets = append(w.sheets, sheetRef{name: nfc(attr(se, "name")), part: r.target})
			}
		}
	}
	return nil
}

// attr returns the value of the attribute with local name local.
func attr(se xml.StartElement, local string) string {
	for _, a := range se.Attr {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

type relation struct{ id, typ, target string }

// rels reads a relationships part; targets are resolved to part names.
func (w *workbook) rels(part string) ([]relation, error) {
	dec, closer, err := w.open(part)
	if err != nil {
		return nil, err
	}
	defer closer.Close()
	base := path.Dir(path.Dir(part)) // the folder of the part the relations belong to
	var out []relation
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, err
		}
		if se, ok := tok.(xml.StartElement); ok && se.Name.Local == "Relationship" {
			t := attr(se, "Target")
			if strings.HasPrefix(t, "/") {
				t = strings.TrimPrefix(path.Clean(t), "/")
			} else {
				t = path.Join(base, t)
			}
			out = append(out, relation{id: attr(se, "Id"), typ: attr(se, "Type"), target: t})
		}
	}
}

func (w *workbook) open(part string) (*xml.Decoder, io.Closer, error) {
	zf := w.parts[part]
	if zf == nil {
		return nil, nil, fmt.Errorf("no part %s", part)
	}
	rc, err := zf.Open()
	if err != nil {
		return nil, nil, err
	}
	return xml.NewDecoder(bufio.NewReaderSize(rc, 1<<16)), rc, nil
}

// loadStyles reads which cell styles show numbers as dates or percentages.
func (w *workbook) loadStyles(part string) error {
	dec, closer, err := w.open(part)
	if err != nil {
		return err
	}
	defer closer.Close()
	custom := map[int]string{}
	inXfs := false
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "numFmt":
				id, _ := strconv.Atoi(attr(t, "numFmtId"))
				custom[id] = attr(t, "formatCode")
			case "cellXfs":
				inXfs = true
			case "xf":
				if inXfs {
					id, _ := strconv.Atoi(attr(t, "numFmtId"))
					w.xfs = append(w.xfs, formatKind(id, custom[id]))
				}
			}
		case xml.EndElement:
			if t.Name.Local == "cellXfs" {
				inXfs = false
			}
		}
	}
}

// formatKind classifies number format id with its code (for custom
// formats).
func formatKind(id int, code string) numFmt {
	switch {
	case id == 9 || id == 10:
		return percentFmt
	case id >= 14 && id <= 22, id >= 45 && id <= 47, id >= 27 && id <= 36, id >= 50 && id <= 58:
		return dateFmt
	case code == "":
		return plainFmt
	}
	// Drop quoted text, escaped characters and [colour]/[$-locale] parts.
	var b strings.Builder
	quoted := false
	for i := 0; i < len(code); i++ {
		c := code[i]
		switch {
		case c == '"':
			quoted = !quoted
		case quoted:
		case c == '\\' || c == '_' || c == '*':
			i++
		case c == '[':
			if j := strings.IndexByte(code[i:], ']'); j > 0 {
				i += j
			}
		default:
			b.WriteByte(c)
		}
	}
	s := strings.ToLower(b.String())
	if s, _, _ = strings.Cut(s, ";"); strings.Contains(s, "%") {
		return percentFmt
	}
	if s != "general" && strings.ContainsAny(s, "ymdhs") {
		return dateFmt
	}
	return plainFmt
}

// loadSharedStrings reads the shared strings into memory, once.
func (w *workbook) loadSharedStrings() error {
	if w.sstRead || w.sstPart == "" {
		w.sstRead = true
		return nil
	}
	if zf := w.parts[w.sstPart]; zf != nil && zf.UncompressedSize64 > maxSharedStrings {
		return msg.New(fmt.Sprintf("tệp %s có quá nhiều chữ (%s), vượt giới hạn %s", w.name, megabytes(int64(zf.UncompressedSize64)), megabytes(maxSharedStrings)),
			fmt.Sprintf("file %s holds too much text (%s), over the limit of %s", w.name, megabytes(int64(zf.UncompressedSize64)), megabytes(maxSharedStrings)))
	}
	dec, closer, err := w.open(w.sstPart)
	if err != nil {
		return w.broken(err)
	}
	defer closer.Close()
	var b strings.Builder
	inT, phonetic := false, 0
	for {
		tok, err := dec.RawToken()
		if err == io.EOF {
			break
		}
		if err != nil {
			return w.broken(err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "si":
				b.Reset()
			case "t":
				inT = true
			case "rPh":
				phonetic++
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "si":
				w.sst = append(w.sst, nfc(b.String()))
			case "t":
				inT = false
			case "rPh":
				phonetic--
			}
		case xml.CharData:
			if inT && phonetic == 0 {
				b.Write(t)
			}
		}
	}
	w.sstRead = true
	return nil
}

// rows opens a sheet for streaming.
func (w *workbook) rows(sheet string) (rowReader, error) {
	if err := w.loadSharedStrings(); err != nil {
		return nil, err
	}
	for _, s := range w.sheets {
		if s.name != sheet {
			continue
		}
		zf := w.parts[s.part]
		rc, err := zf.Open()
		if err != nil {
			return nil, w.broken(err)
		}
		return newSheetScanner(w, sheet, rc, sizeOfZip(zf)), nil
	}
	return nil, msg.New(fmt.Sprintf("tệp %s không có trang %q", w.name, sheet), fmt.Sprintf("file %s has no sheet %q", w.name, sheet))
}

// cellOf builds a cell from its type attribute, style and contents.
func (w *workbook) cellOf(typ string, style int, v, inline string, formula bool) cell {
	switch typ {
	case "s":
		i, err := strconv.Atoi(strings.TrimSpace(v))
		if err != nil || i < 0 || i >= len(w.sst) {
			return cell{text: "#REF!", kind: errorCell}
		}
		return cell{text: w.sst[i]}
	case "inlineStr":
		return cell{text: nfc(inline)}
	case "str":
		return cell{text: nfc(v)}
	case "b":
		if strings.TrimSpace(v) == "1" || strings.EqualFold(v, "true") {
			return cell{text: "1", kind: boolCell}
		}
		return cell{text: "0", kind: boolCell}
	case "e":
		return cell{text: v, kind: errorCell}
	case "d":
		d, _, _ := strings.Cut(v, "T")
		return cell{text: d, kind: dateCell}
	}
	v = strings.TrimSpace(v)
	if v == "" {
		if formula {
			return cell{kind: formulaCell}
		}
		return cell{}
	}
	f := plainFmt
	if style >= 0 && style < len(w.xfs) {
		f = w.xfs[style]
	}
	switch f {
	case dateFmt:
		if x, err := strconv.ParseFloat(v, 64); err == nil {
			if t, err := excelize.ExcelDateToTime(x, w.date1904); err == nil {
				return cell{text: t.Format("2006-01-02"), kind: dateCell}
			}
		}
	case percentFmt:
		return cell{text: v, kind: numberCell, percent: true}
	}
	return cell{text: v, kind: numberCell}
}

// columnOf returns the 0-based column of a cell reference such as "AB12".
func columnOf(ref string) (int, error) {
	col := 0
	i := 0
	for ; i < len(ref); i++ {
		c := ref[i]
		if c >= 'a' && c <= 'z' {
			c -= 'a' - 'A'
		}
		if c < 'A' || c > 'Z' {
			break
		}
		col = col*26 + int(c-'A'+1)
		if col > 16384 {
			return 0, fmt.Errorf("bad cell reference %q", ref)
		}
	}
	if i == 0 {
		return 0, fmt.Errorf("bad cell reference %q", ref)
	}
	return col - 1, nil
}

// ColumnLetter returns the letter Excel shows for column i (0-based): A,
// B, …, Z, AA, AB….
func ColumnLetter(i int) string {
	s, err := excelize.ColumnNumberToName(i + 1)
	if err != nil {
		return strconv.Itoa(i + 1)
	}
	return s
}

// reMergeRef matches the range of a <mergeCell ref="C7:E7"/>.
var reMergeRef = regexp.MustCompile(`<(?:\w+:)?mergeCell\s[^>]*?ref\s*=\s*["']([A-Za-z]+)(\d+):([A-Za-z]+)(\d+)["']`)

// merges returns the merged cell ranges of a sheet. They are listed after
// the rows, at the end of the sheet's part: the part is searched for them
// as plain bytes, without reading its XML.
func (w *workbook) merges(sheet string) ([]cellRange, error) {
	for _, s := range w.sheets {
		if s.name != sheet {
			continue
		}
		rc, err := w.parts[s.part].Open()
		if err != nil {
			return nil, w.broken(err)
		}
		defer rc.Close()
		const tail = 64 // longer than "<x:mergeCells"
		buf := make([]byte, 1<<18)
		var list []byte
		keep := 0
		for {
			n, err := io.ReadFull(rc, buf[keep:])
			chunk := buf[:keep+n]
			if list != nil {
				list = append(list, chunk[keep:]...)
			} else if i := bytes.Index(chunk, []byte("mergeCells")); i >= 0 {
				list = append([]byte{}, chunk[i:]...)
			}
			if err == io.EOF || err == io.ErrUnexpectedEOF {
				break
			}
			if err != nil {
				return nil, w.broken(err)
			}
			keep = copy(buf, chunk[len(chunk)-tail:])
		}
		var out []cellRange
		for _, m := range reMergeRef.FindAllSubmatch(list, -1) {
			c1, err1 := columnOf(string(m[1]))
			c2, err2 := columnOf(string(m[3]))
			r1, _ := strconv.Atoi(string(m[2]))
			r2, _ := strconv.Atoi(string(m[4]))
			if err1 == nil && err2 == nil && r1 > 0 && r2 >= r1 && c2 >= c1 {
				out = append(out, cellRange{r1: r1, c1: c1, r2: r2, c2: c2})
			}
		}
		return out, nil
	}
	return nil, msg.New(fmt.Sprintf("tệp %s không có trang %q", w.name, sheet), fmt.Sprintf("file %s has no sheet %q", w.name, sheet))
}
