package importer

import (
	"encoding/xml"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// rawWorkbook writes a workbook whose one sheet, "S", has the XML given,
// with shared strings sst and a percent and a date style.
func rawWorkbook(t testing.TB, sheetXML string, sst ...string) string {
	t.Helper()
	var si strings.Builder
	for _, s := range sst {
		si.WriteString("<si><t>" + s + "</t></si>")
	}
	const rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
	files := map[string]string{
		"_rels/.rels": `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="rId1" Type="` + rel + `officeDocument" Target="xl/workbook.xml"/></Relationships>`,
		"xl/workbook.xml": `<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="` + rel[:len(rel)-1] + `">` +
			`<sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>`,
		"xl/_rels/workbook.xml.rels": `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="rId1" Type="` + rel + `worksheet" Target="worksheets/sheet1.xml"/>` +
			`<Relationship Id="rId2" Type="` + rel + `sharedStrings" Target="/xl/sharedStrings.xml"/>` +
			`<Relationship Id="rId3" Type="` + rel + `styles" Target="styles.xml"/></Relationships>`,
		"xl/sharedStrings.xml": `<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">` + si.String() + `</sst>`,
		"xl/styles.xml": `<?xml version="1.0"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">` +
			`<numFmts count="1"><numFmt numFmtId="164" formatCode="0.0%"/></numFmts>` +
			`<cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs>` +
			`<cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="14"/><xf numFmtId="3"/></cellXfs></styleSheet>`,
		"xl/worksheets/sheet1.xml": sheetXML,
	}
	path := filepath.Join(t.TempDir(), "raw.xlsx")
	if err := os.WriteFile(path, []byte(zipOf(t, files)), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

type readRow struct {
	Row   int
	Cells []cell
}

func readAll(rr rowReader) ([]readRow, error) {
	defer rr.close()
	var out []readRow
	for {
		n, cells, err := rr.next()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return out, err
		}
		out = append(out, readRow{n, append([]cell(nil), cells...)})
	}
}

// bothReaders reads sheet S of a workbook with the scanner and with
// encoding/xml.
func bothReaders(t testing.TB, path string) (fast, ref []readRow, ferr, rerr error) {
	t.Helper()
	f, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rr, err := f.book.rows(f.Sheets[0])
	if err != nil {
		t.Fatal(err)
	}
	fast, ferr = readAll(rr)
	rr, err = f.book.refRows(f.Sheets[0])
	if err != nil {
		t.Fatal(err)
	}
	ref, rerr = readAll(rr)
	return
}

const sheetHead = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\r\n" +
	`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1:D9"/><sheetData>`

var sheetCases = map[string]string{
	"plain": sheetHead + `<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>Hạ Long</t></is></c><c r="C1"><v>1.234</v></c></row></sheetData></worksheet>`,
	"prefix and quotes": `<?xml version='1.0'?><x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>` +
		`<x:row r = '2' spans="1:3"><x:c r='B2' s = "1"><x:v>0.9782</x:v></x:c><x:c r="C2" s="2"><x:v>45292</x:v></x:c></x:row></x:sheetData></x:worksheet>`,
	"entities": sheetHead + `<row r="1"><c r="A1" t="inlineStr"><is><t>a &amp; b &lt;c&gt; &#273;&#x1EC7; &quot;q&quot; &apos;</t></is></c>` +
		`<c r="B1" t="str"><f>"x"&amp;"y"</f><v>x&amp;y</v></c></row></sheetData></worksheet>`,
	"cdata comments pi": sheetHead + `<!-- a comment with <row> inside --><?mso-application progid="Excel.Sheet"?>` +
		`<row r="3"><c r="A3" t="inlineStr"><is><t><![CDATA[<raw> & text]]></t></is></c><!-- x --><c r="B3"><v>7</v></c></row></sheetData></worksheet>`,
	"rich text": sheetHead + `<row r="1"><c r="A1" t="inlineStr"><is><r><rPr><b/><rFont val="Arial"/></rPr><t xml:space="preserve">Xã </t></r>` +
		`<r><t>Đồng Tiến</t></r><rPh sb="0" eb="1"><t>ignored</t></rPh></is></c></row></sheetData></worksheet>`,
	"empty things": sheetHead + `<row r="1"/><row r="2"><c r="A2"/><c r="C2" t="b"><v>1</v></c><c r="D2" t="e"><v>#DIV/0!</v></c></row>` +
		`<row r="4"><c r="B4"><f>SUM(A1:A2)</f></c><c r="C4"><f>1+1</f><v>2</v></c></row></sheetData></worksheet>`,
	"no refs": sheetHead + `<row><c t="inlineStr"><is><t>a</t></is></c><c><v>1</v></c><c><v>2</v></c></row><row><c><v>3</v></c></row></sheetData></worksheet>`,
	"attribute with >": sheetHead + `<row r="1" x14ac:dyDescent="0.25" custom="a>b"><c r="A1" t="inlineStr"><is><t>ok</t></is></c></row></sheetData>` +
		`<conditionalFormatting sqref="A1"><cfRule type="expression"><formula>A1&gt;0</formula></cfRule></conditionalFormatting></worksheet>`,
	"line breaks":     sheetHead + "<row r=\"1\">\r\n  <c r=\"A1\" t=\"inlineStr\">\r\n<is><t>dòng 1\r\ndòng 2</t></is></c>\n</row>\n</sheetData></worksheet>",
	"empty sheet":     sheetHead + `</sheetData></worksheet>`,
	"empty sheetData": `<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData/></worksheet>`,
}

func TestSheetScannerMatchesEncodingXML(t *testing.T) {
	for name, x := range sheetCases {
		fast, ref, ferr, rerr := bothReaders(t, rawWorkbook(t, x, "Mã địa bàn"))
		if ferr != nil || rerr != nil {
			t.Errorf("%s: errors %v / %v", name, ferr, rerr)
			continue
		}
		if !reflect.DeepEqual(fast, ref) {
			t.Errorf("%s:\nscanner %+v\nencoding/xml %+v", name, fast, ref)
		}
	}
	// What the cells hold.
	fast, _, _, _ := bothReaders(t, rawWorkbook(t, sheetCases["prefix and quotes"]))
	want := []readRow{{2, []cell{{}, {text: "0.9782", kind: numberCell, percent: true}, {text: "2024-01-01", kind: dateCell}}}}
	if !reflect.DeepEqual(fast, want) {
		t.Errorf("styled cells: %+v", fast)
	}
	fast, _, _, _ = bothReaders(t, rawWorkbook(t, sheetCases["entities"]))
	if got := fast[0].Cells[0].text; got != `a & b <c> đệ "q" '` {
		t.Errorf("entities: %q", got)
	}
	fast, _, _, _ = bothReaders(t, rawWorkbook(t, sheetCases["empty things"]))
	if c := fast[2].Cells; c[1].kind != formulaCell || c[2].text != "2" || c[2].kind != numberCell {
		t.Errorf("formulas: %+v", c)
	}
	// Damaged sheets are errors, not rows made up.
	for _, x := range []string{
		sheetHead + `<row r="1"><c r="A1"><v>1</v>`,
		sheetHead + `<row r="1"><c r="A1" t="inlineStr"><is><t>a &bogus; b</t></is></c></row></sheetData></worksheet>`,
		sheetHead + `<row r="1"><c r="B1"><v>1</v></c><c r="A1"><v>2</v></c></row></sheetData></worksheet>`,
	} {
		if _, _, ferr, _ := bothReaders(t, rawWorkbook(t, x)); ferr == nil {
			t.Errorf("no error for %q", x[len(sheetHead):])
		}
	}
}

// The test workbooks written with excelize read the same both ways.
func TestSheetScannerOnExcelizeFiles(t *testing.T) {
	path := writeXLSX(t, "e.xlsx", sheet{"S", [][]any{
		{"element", "area", "period", "value", "comment"},
		{"INC_PC", "QN_COTO_01", 2024, 1.234, "ước tính & <kiểm tra>"},
		{"HI_COVER", "QN_COTO_01", 2024, percentCell(0.9782), nil},
		{"POP", "QN_COTO_01", dateValue(45292), "1.234", true},
	}})
	fast, ref, ferr, rerr := bothReaders(t, path)
	if ferr != nil || rerr != nil || !reflect.DeepEqual(fast, ref) || len(fast) != 4 {
		t.Errorf("scanner %+v %v\nencoding/xml %+v %v", fast, ferr, ref, rerr)
	}
}

func FuzzSheetScanner(f *testing.F) {
	for _, x := range sheetCases {
		f.Add(strings.TrimPrefix(x, sheetHead))
	}
	f.Fuzz(func(t *testing.T, body string) {
		// Directives (<!DOCTYPE …>, <!ELEMENT …>) never occur in a
		// worksheet's data, and encoding/xml's reading of malformed ones
		// is no reference: comments and CDATA sections are compared.
		if strings.Contains(strings.NewReplacer("<!--", "", "<![CDATA[", "").Replace(body), "<!") {
			return
		}
		// Only well-formed XML: encoding/xml's RawToken, used by the
		// reference, does not check that tags match, and no decoder checks
		// that an element's attributes are distinct (XML requires it).
		dec := xml.NewDecoder(strings.NewReader(sheetHead + body))
		for {
			tok, err := dec.Token()
			if err == io.EOF {
				break
			}
			if err != nil {
				return
			}
			if el, ok := tok.(xml.StartElement); ok {
				seen := map[string]bool{}
				for _, a := range el.Attr {
					if seen[a.Name.Local] {
						return
					}
					seen[a.Name.Local] = true
				}
			}
		}
		fast, ref, ferr, rerr := bothReaders(t, rawWorkbook(t, sheetHead+body, "s0", "s1"))
		if rerr == nil && ferr == nil && !reflect.DeepEqual(fast, ref) {
			t.Errorf("scanner %+v\nencoding/xml %+v", fast, ref)
		}
		if rerr == nil && ferr != nil && len(ref) > 0 {
			t.Errorf("the scanner fails (%v) where encoding/xml reads %+v", ferr, ref)
		}
	})
}
