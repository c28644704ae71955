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
// "168/177" for the areas of an aggregate answering yes. The analysis
// follows the table after an empty line, under "Nhận xét" ("Analysis"), a
// sentence a line in the first column; every line has the table's number
// of fields.
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
	header := []string{"STT", "Chỉ tiêu", "Đơn vị tính"}
	if r.Lang == "en" {
		header = []string{"No.", "Indicator", "Unit"}
	}
	for _, c := range r.Columns {
		header = append(header, c.Header)
	}
	write := func(rec []string) error {
		for i := range rec {
			rec[i] = norm.NFC.String(rec[i])
		}
		return cw.Write(rec)
	}
	if err := write(header); err != nil {
		return fail(err)
	}
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
		if err := write(rec); err != nil {
			return fail(err)
		}
	}
	width := len(header)
	line := func(s string) []string { return append([]string{s}, make([]string, width-1)...) }
	for _, n := range r.Notes {
		if err := write(line(n)); err != nil {
			return fail(err)
		}
	}
	if len(r.Analysis) > 0 {
		if err := write(line("")); err != nil {
			return fail(err)
		}
		if err := write(line(pick(r.Lang, "Nhận xét", "Analysis"))); err != nil {
			return fail(err)
		}
		for _, a := range r.Analysis {
			if err := write(line(a)); err != nil {
				return fail(err)
			}
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
