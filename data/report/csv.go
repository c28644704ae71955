package report

import (
	"bufio"
	"encoding/csv"
	"io"
	"strconv"

	"golang.org/x/text/unicode/norm"

	"chiso/data/msg"
	"chiso/data/number"
)

// WriteCSV writes the table of r as CSV for Excel: UTF-8 with a byte-order
// mark, a header row (STT, Chỉ tiêu, Đơn vị tính and the number columns'
// headers), then one line per row with its numbers in style st, rounded to
// the row's decimals (percentages to one); a missing number is empty. A
// yes/no element reads as the app shows it: "có"/"không" for one area,
// "168/177" for the areas of an aggregate answering yes. A report in a
// form's layout writes the form's table instead (see csvForm). The notes
// follow the table, then the analysis after an empty line, under "Nhận
// xét" ("Analysis"), a sentence a line in the first column; every line has
// the table's number of fields.
func WriteCSV(w io.Writer, r *Report, st number.Style) error {
	fail := func(err error) error {
		return msg.Wrap(err, "không ghi được tệp CSV", "cannot write the CSV file")
	}
	bw := bufio.NewWriter(w)
	if _, err := bw.WriteString("\uFEFF"); err != nil {
		return fail(err)
	}
	cw := csv.NewWriter(bw)
	cw.UseCRLF = true
	records := csvTable(r, st)
	notes := r.Notes
	if r.Form != nil {
		records, notes = csvForm(r.Form, st, r.Lang), r.Form.Notes
	}
	width := len(records[0])
	line := func(s string) []string { return append([]string{s}, make([]string, width-1)...) }
	for _, n := range notes {
		records = append(records, line(n))
	}
	if len(r.Analysis) > 0 {
		records = append(records, line(""), line(pick(r.Lang, "Nhận xét", "Analysis")))
		for _, a := range r.Analysis {
			records = append(records, line(a))
		}
	}
	for _, rec := range records {
		for i := range rec {
			rec[i] = norm.NFC.String(rec[i])
		}
		if err := cw.Write(rec); err != nil {
			return fail(err)
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fail(err)
	}
	if err := bw.Flush(); err != nil {
		return fail(err)
	}
	return nil
}

// csvTable is the generic report's table as CSV records: the header,
// then a record per row.
func csvTable(r *Report, st number.Style) [][]string {
	header := []string{"STT", "Chỉ tiêu", "Đơn vị tính"}
	if r.Lang == "en" {
		header = []string{"No.", "Indicator", "Unit"}
	}
	for _, c := range r.Columns {
		header = append(header, c.Header)
	}
	out := [][]string{header}
	for _, row := range r.Rows {
		rec := []string{row.Number, row.Name, row.Unit}
		for i := range r.Columns {
			s := ""
			switch {
			case i >= NumColumns || row.Heading:
			case row.Values[i].OK:
				s = csvNumber(row, i, st, r.Lang)
			case row.Values[i].NotComparable:
				s = NotComparableMark
			}
			rec = append(rec, s)
		}
		out = append(out, rec)
	}
	return out
}

// csvNumber writes column i of a row.
func csvNumber(row Row, i int, st number.Style, lang string) string {
	v := row.Values[i].Value
	if row.YesNo && i < ColPctPrevious {
		switch {
		case row.Of[i] > 0:
			return strconv.Itoa(int(v)) + "/" + strconv.Itoa(row.Of[i])
		case lang == "en":
			return map[bool]string{true: "yes", false: "no"}[v == 1]
		default:
			return map[bool]string{true: "có", false: "không"}[v == 1]
		}
	}
	d := row.Decimals
	if i >= ColPctPrevious {
		d = 1
	}
	return number.FormatFloat(v, d, st)
}
