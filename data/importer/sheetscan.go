package importer

// This file: a scanner for the rows of a worksheet part. encoding/xml
// spends most of an import's time building tokens the reader throws away;
// a worksheet is simple, regular XML, so this reads it byte by byte: tags
// and their attributes, the text of <v> and <t>, character references,
// CDATA sections, comments and processing instructions, names with or
// without a namespace prefix. It is checked against encoding/xml in the
// tests.

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
	"unicode/utf8"

	"chiso/data/msg"
)

// sheetScanner streams the rows of one worksheet.
type sheetScanner struct {
	w     *workbook
	sheet string
	rc    io.ReadCloser
	count *countingReader
	total int64
	r     *bufio.Reader

	row    int
	cells  []cell
	inData bool
	done   bool

	buf   []byte // the current tag, between < and >
	tag   []byte // its attributes
	ref   []byte // the r attribute of the current cell
	text  []byte // captured text of <v> or <t>
	value []byte // the <v> of the current cell
	str   []byte // the inline string of the current cell
}

func newSheetScanner(w *workbook, sheet string, rc io.ReadCloser, total int64) *sheetScanner {
	count := &countingReader{r: rc}
	return &sheetScanner{w: w, sheet: sheet, rc: rc, count: count, total: total, r: bufio.NewReaderSize(count, 1<<16)}
}

func (s *sheetScanner) position() (int64, int64) { return s.count.n, s.total }

func (s *sheetScanner) close() error { return s.rc.Close() }

func (s *sheetScanner) fail(err error) error {
	return msg.Wrap(err, fmt.Sprintf("tệp %s, trang %s, sau hàng %d: bảng tính bị hỏng", s.w.name, s.sheet, s.row),
		fmt.Sprintf("file %s, sheet %s, after row %d: the workbook is damaged", s.w.name, s.sheet, s.row))
}

// tagKind is the kind of a tag.
type tagKind int

const (
	startTag tagKind = iota
	endTag
	emptyTag // <x/>
	otherTag // a comment, a processing instruction, a declaration
)

var errBadXML = errors.New("malformed XML")

// skipText reads up to the next '<', appending the text to s.text when
// keep is set.
func (s *sheetScanner) skipText(keep bool) error {
	for {
		chunk, err := s.r.ReadSlice('<')
		if err == nil {
			if keep {
				s.text = append(s.text, chunk[:len(chunk)-1]...)
			}
			return nil
		}
		if err == bufio.ErrBufferFull {
			if keep {
				s.text = append(s.text, chunk...)
			}
			continue
		}
		if err == io.EOF && !keep && len(bytes.TrimSpace(chunk)) == 0 {
			return io.EOF
		}
		if err == io.EOF {
			return io.ErrUnexpectedEOF
		}
		return err
	}
}

// readTag reads a tag whose '<' has been read, into s.tag, and returns
// its kind and local name. CDATA sections are appended to s.text when keep
// is set.
func (s *sheetScanner) readTag(keep bool) (tagKind, []byte, error) {
	s.buf = s.buf[:0]
	b, err := s.r.Peek(1)
	if err != nil {
		return 0, nil, io.ErrUnexpectedEOF
	}
	switch b[0] {
	case '!':
		if p, _ := s.r.Peek(3); bytes.Equal(p, []byte("!--")) {
			return otherTag, nil, s.skipUntil("-->", false)
		}
		if p, _ := s.r.Peek(8); bytes.Equal(p, []byte("![CDATA[")) {
			s.r.Discard(8)
			return otherTag, nil, s.skipUntil("]]>", keep)
		}
		return otherTag, nil, s.skipUntil(">", false)
	case '?':
		return otherTag, nil, s.skipUntil("?>", false)
	}
	// Up to '>', outside quoted attribute values.
	var quote byte
	for {
		chunk, err := s.r.ReadSlice('>')
		if err != nil && err != bufio.ErrBufferFull {
			return 0, nil, io.ErrUnexpectedEOF
		}
		s.buf = append(s.buf, chunk...)
		if err == bufio.ErrBufferFull {
			continue
		}
		for _, c := range chunk {
			switch {
			case quote != 0 && c == quote:
				quote = 0
			case quote == 0 && (c == '"' || c == '\''):
				quote = c
			}
		}
		if quote == 0 {
			break
		}
	}
	t := s.buf[:len(s.buf)-1] // without '>'
	kind := startTag
	if len(t) > 0 && t[0] == '/' {
		kind, t = endTag, t[1:]
	} else if len(t) > 0 && t[len(t)-1] == '/' {
		kind, t = emptyTag, t[:len(t)-1]
	}
	end := 0
	for end < len(t) && !isSpace(t[end]) {
		end++
	}
	name := t[:end]
	if i := bytes.IndexByte(name, ':'); i >= 0 {
		name = name[i+1:]
	}
	if len(name) == 0 {
		return 0, nil, errBadXML
	}
	s.tag = t[end:] // the attributes
	return kind, name, nil
}

// skipUntil reads past the next occurrence of end, keeping what comes
// before it in s.text when keep is set.
func (s *sheetScanner) skipUntil(end string, keep bool) error {
	var seen []byte
	last := end[len(end)-1]
	for {
		chunk, err := s.r.ReadSlice(last)
		if err != nil && err != bufio.ErrBufferFull {
			return io.ErrUnexpectedEOF
		}
		seen = append(seen, chunk...)
		if err == nil && bytes.HasSuffix(seen, []byte(end)) {
			if keep { // CDATA: literal text, so its & must not read as a reference
				for _, c := range seen[:len(seen)-len(end)] {
					if c == '&' {
						s.text = append(s.text, "&amp;"...)
					} else {
						s.text = append(s.text, c)
					}
				}
			}
			return nil
		}
	}
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// attrs calls fn with the local name and raw value of each attribute of
// the current tag.
func (s *sheetScanner) attrs(fn func(name, value []byte)) error {
	a := s.tag
	for {
		for len(a) > 0 && isSpace(a[0]) {
			a = a[1:]
		}
		if len(a) == 0 {
			return nil
		}
		eq := bytes.IndexByte(a, '=')
		if eq < 0 {
			return errBadXML
		}
		name := bytes.TrimSpace(a[:eq])
		if i := bytes.IndexByte(name, ':'); i >= 0 {
			name = name[i+1:]
		}
		a = a[eq+1:]
		for len(a) > 0 && isSpace(a[0]) {
			a = a[1:]
		}
		if len(a) == 0 || a[0] != '"' && a[0] != '\'' {
			return errBadXML
		}
		q := a[0]
		end := bytes.IndexByte(a[1:], q)
		if end < 0 {
			return errBadXML
		}
		fn(name, a[1:1+end])
		a = a[end+2:]
	}
}

// unescape decodes the character and entity references of XML text.
func unescape(b []byte) (string, error) {
	if bytes.IndexByte(b, '&') < 0 && bytes.IndexByte(b, '\r') < 0 {
		return string(b), nil
	}
	out := make([]byte, 0, len(b))
	for i := 0; i < len(b); i++ {
		c := b[i]
		if c == '\r' { // XML reads CR LF and CR as LF
			out = append(out, '\n')
			if i+1 < len(b) && b[i+1] == '\n' {
				i++
			}
			continue
		}
		if c != '&' {
			out = append(out, c)
			continue
		}
		semi := bytes.IndexByte(b[i:], ';')
		if semi < 0 {
			return "", errBadXML
		}
		ref := string(b[i+1 : i+semi])
		i += semi
		switch ref {
		case "lt":
			out = append(out, '<')
		case "gt":
			out = append(out, '>')
		case "amp":
			out = append(out, '&')
		case "quot":
			out = append(out, '"')
		case "apos":
			out = append(out, '\'')
		default:
			var n uint64
			var err error
			switch {
			case len(ref) > 2 && (ref[:2] == "#x" || ref[:2] == "#X"):
				n, err = strconv.ParseUint(ref[2:], 16, 32)
			case len(ref) > 1 && ref[0] == '#':
				n, err = strconv.ParseUint(ref[1:], 10, 32)
			default:
				err = errBadXML
			}
			if err != nil || !utf8.ValidRune(rune(n)) {
				return "", errBadXML
			}
			out = utf8.AppendRune(out, rune(n))
		}
	}
	return string(out), nil
}

func (s *sheetScanner) next() (int, []cell, error) {
	if s.done {
		return 0, nil, io.EOF
	}
	inRow := false
	for {
		if err := s.skipText(false); err != nil {
			if err == io.EOF && !s.inData {
				s.done = true
				return 0, nil, io.EOF
			}
			return 0, nil, s.fail(err)
		}
		kind, name, err := s.readTag(false)
		if err != nil {
			return 0, nil, s.fail(err)
		}
		if kind == otherTag {
			continue
		}
		switch string(name) {
		case "sheetData":
			switch kind {
			case startTag:
				s.inData = true
			case endTag, emptyTag:
				s.done = true
				return 0, nil, io.EOF
			}
		case "row":
			if !s.inData {
				continue
			}
			switch kind {
			case startTag, emptyTag:
				r := 0
				if err := s.attrs(func(n, v []byte) {
					if string(n) == "r" {
						r, _ = strconv.Atoi(string(v))
					}
				}); err != nil {
					return 0, nil, s.fail(err)
				}
				if r > s.row {
					s.row = r
				} else {
					s.row++
				}
				s.cells = s.cells[:0]
				if kind == emptyTag {
					return s.row, s.cells, nil
				}
				inRow = true
			case endTag:
				if inRow {
					return s.row, s.cells, nil
				}
			}
		case "c":
			if inRow && kind != endTag {
				if err := s.readCell(kind == emptyTag); err != nil {
					return 0, nil, s.fail(err)
				}
			}
		}
	}
}

// cellType returns the t attribute of a cell, without allocating for the
// types Excel writes.
func cellType(v []byte) string {
	for _, t := range []string{"s", "n", "inlineStr", "str", "b", "e", "d"} {
		if string(v) == t {
			return t
		}
	}
	return string(v)
}

// readCell reads a cell whose start tag is in s.tag.
func (s *sheetScanner) readCell(empty bool) error {
	s.ref = s.ref[:0]
	var typ string
	style := 0
	if err := s.attrs(func(n, v []byte) {
		switch string(n) {
		case "r":
			s.ref = append(s.ref[:0], v...) // the last one counts, as in encoding/xml
		case "t":
			typ = cellType(v)
		case "s":
			style, _ = strconv.Atoi(string(v))
		}
	}); err != nil {
		return err
	}
	s.value, s.str = s.value[:0], s.str[:0]
	formula := false
	if !empty {
		// Read the cell's children: <v>, <f>, <is> with <t> (and <r>, <rPh>).
		// depth counts the elements open inside the cell, so that an
		// element named c deeper down (<rPr><c/></rPr>) does not end it.
		inV, inT, phonetic, depth := false, false, 0, 0
		for {
			keep := inV || inT && phonetic == 0
			s.text = s.text[:0]
			if err := s.skipText(keep); err != nil {
				return err
			}
			kind, name, err := s.readTag(keep)
			if err != nil {
				return err
			}
			if keep {
				if inV {
					s.value = append(s.value, s.text...)
				} else {
					s.str = append(s.str, s.text...)
				}
			}
			switch kind {
			case otherTag:
				continue
			case startTag:
				depth++
			case endTag:
				if depth == 0 {
					if string(name) == "c" {
						goto done
					}
					return errBadXML
				}
				depth--
			}
			switch string(name) {
			case "v":
				inV = kind == startTag
			case "f":
				if kind != endTag {
					formula = true
				}
			case "t":
				inT = kind == startTag
			case "rPh":
				if kind == startTag {
					phonetic++
				} else if kind == endTag {
					phonetic--
				}
			}
		}
	}
done:
	col := len(s.cells)
	if len(s.ref) > 0 {
		c, err := columnOf(string(s.ref))
		if err != nil {
			return err
		}
		col = c
	}
	if col < len(s.cells) {
		return fmt.Errorf("cell %s out of order", s.ref)
	}
	v, err := unescape(s.value)
	if err != nil {
		return err
	}
	inline := ""
	if typ == "inlineStr" {
		if inline, err = unescape(s.str); err != nil {
			return err
		}
	}
	for len(s.cells) < col {
		s.cells = append(s.cells, cell{})
	}
	s.cells = append(s.cells, s.w.cellOf(typ, style, v, inline, formula))
	return nil
}
