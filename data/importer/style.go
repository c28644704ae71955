package importer

// This file: how each value column writes its numbers (Vietnamese
// 1.234,5 or English 1,234.5), detected from every value of the column.

import (
	"context"
	"errors"
	"io"
	"strings"

	"chiso/data/number"
)

// NumberStyle is how a value column writes its numbers.
type NumberStyle int

// Number styles of a column.
const (
	// StyleAny: every value of the column reads the same in both styles
	// (whole numbers, "0,36", Excel number cells…); nothing to choose.
	StyleAny NumberStyle = iota
	// StyleVietnamese: 1.234,5 — a dot groups thousands, a comma marks
	// decimals.
	StyleVietnamese
	// StyleEnglish: 1,234.5.
	StyleEnglish
	// StyleAmbiguous: values such as "1.234" or "1,234" read differently
	// in the two styles and nothing in the column tells which: the caller
	// must set StyleVietnamese or StyleEnglish.
	StyleAmbiguous
	// StyleMixed: the column writes numbers both ways and some value reads
	// differently in the two styles: the caller must choose.
	StyleMixed
)

// Label names the style in lang ("vi" or "en").
func (s NumberStyle) Label(lang string) string {
	vi := lang == "vi"
	switch s {
	case StyleVietnamese:
		return pick(vi, "kiểu Việt (1.234,5)", "Vietnamese (1.234,5)")
	case StyleEnglish:
		return pick(vi, "kiểu Anh (1,234.5)", "English (1,234.5)")
	case StyleAmbiguous:
		return pick(vi, "không rõ, cần chọn", "ambiguous, choose one")
	case StyleMixed:
		return pick(vi, "lẫn hai kiểu, cần chọn", "mixed, choose one")
	}
	return pick(vi, "kiểu nào cũng được", "either")
}

func pick(vi bool, v, e string) string {
	if vi {
		return v
	}
	return e
}

// Style returns the number.Style to read the column with, and false for
// StyleAny, StyleAmbiguous and StyleMixed.
func (s NumberStyle) Style() (number.Style, bool) {
	switch s {
	case StyleVietnamese:
		return number.Vietnamese, true
	case StyleEnglish:
		return number.English, true
	}
	return 0, false
}

// StyleOf returns the column style that reads numbers in st.
func StyleOf(st number.Style) NumberStyle {
	if st == number.English {
		return StyleEnglish
	}
	return StyleVietnamese
}

// SetStyle sets the number style of every value column, as a user does
// who knows how the whole file is written.
func (p *Plan) SetStyle(st number.Style) {
	for i := range p.Columns {
		if p.Columns[i].Role == RoleValue {
			p.Columns[i].Style = StyleOf(st)
		}
	}
}

// DetectStyles reads the sheet again and sets Style and Detected of
// every value column from its values, as Preview does: call it after
// making other columns value columns. Styles set before are replaced.
func (p *Plan) DetectStyles(ctx context.Context, progress func(done, total int)) error {
	rr, err := p.File.rows(p.Sheet)
	if err != nil {
		return err
	}
	defer rr.close()
	scan := newStyleScan(p)
	done := 0
	for n := 0; ; n++ {
		if n%4096 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
			if progress != nil {
				progress(done, max(p.Rows, done))
			}
		}
		row, cells, err := rr.next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return err
		}
		if row < p.DataRow || blankRow(cells) {
			continue
		}
		if p.EndRow > 0 && row >= p.EndRow {
			break
		}
		done++
		for i := range p.Columns {
			if i < len(cells) && p.Columns[i].Role == RoleValue {
				scan.add(i, row, cells[i])
			}
		}
	}
	if progress != nil {
		progress(done, done)
	}
	for i := range p.Columns {
		p.Columns[i].Example, p.Columns[i].ExampleRow, p.Columns[i].Other, p.Columns[i].OtherRow = "", 0, "", 0
	}
	scan.finish()
	return nil
}

// styleScan gathers, for each value column, what its values say about
// their number style.
type styleScan struct {
	p         *Plan
	cols      map[int]*styleCount
	areasSeen map[string]bool
	areaNotes []rowNote // what the area column's texts call for, by row
}

// rowNote is a note about a row.
type rowNote struct {
	row int
	err error
}

func (s *styleScan) areaNote(row int, err error) {
	if len(s.areaNotes) < maxNotes {
		s.areaNotes = append(s.areaNotes, rowNote{row, err})
	}
}

type styleCount struct {
	decVI, decEN                        int // a decimal comma / point: harmless, tells the habit
	onlyVI, onlyEN                      int // readable in one style only ("1.234.567")
	ambiguous                           int // read differently in the two styles ("1.234")
	firstVI, firstEN, firstAmb          string
	firstVIRow, firstENRow, firstAmbRow int
}

func newStyleScan(p *Plan) *styleScan {
	return &styleScan{p: p, cols: map[int]*styleCount{}, areasSeen: map[string]bool{}}
}

func (s *styleScan) add(col, row int, c cell) {
	if c.kind != textCell {
		return
	}
	t := strings.TrimSpace(c.text)
	if t == "" || !strings.ContainsAny(t, ".,") {
		return
	}
	sc := s.cols[col]
	if sc == nil {
		sc = &styleCount{}
		s.cols[col] = sc
	}
	vi, en := func() {
		sc.decVI++
		if sc.firstVI == "" {
			sc.firstVI, sc.firstVIRow = t, row
		}
	}, func() {
		sc.decEN++
		if sc.firstEN == "" {
			sc.firstEN, sc.firstENRow = t, row
		}
	}
	switch v, kind := classifyNumber(t); kind {
	case evidenceVI:
		vi()
	case evidenceEN:
		en()
	case onlyVI:
		vi()
		sc.onlyVI++
	case onlyEN:
		en()
		sc.onlyEN++
	case ambiguousNumber:
		sc.ambiguous++
		if sc.firstAmb == "" {
			sc.firstAmb, sc.firstAmbRow = v, row
		}
	}
}

// finish sets each value column's style from what was seen.
func (s *styleScan) finish() {
	for i := range s.p.Columns {
		c := &s.p.Columns[i]
		if c.Role != RoleValue {
			continue
		}
		sc := s.cols[i]
		st := StyleAny
		if sc != nil {
			vi, en := sc.decVI > 0, sc.decEN > 0
			matters := sc.ambiguous > 0 || sc.onlyVI > 0 || sc.onlyEN > 0
			switch {
			case vi && en && matters:
				st = StyleMixed
				c.Example, c.ExampleRow, c.Other, c.OtherRow = sc.firstVI, sc.firstVIRow, sc.firstEN, sc.firstENRow
			case vi && en:
				st = StyleAny
			case vi:
				st = StyleVietnamese
				c.Example, c.ExampleRow = sc.firstVI, sc.firstVIRow
			case en:
				st = StyleEnglish
				c.Example, c.ExampleRow = sc.firstEN, sc.firstENRow
			case sc.ambiguous > 0:
				st = StyleAmbiguous
				c.Example, c.ExampleRow = sc.firstAmb, sc.firstAmbRow
			}
		}
		c.Style, c.Detected = st, st
		// Excel separates columns with ";" where the comma is the decimal
		// mark (Vietnamese and most European settings): there 1.234 is a
		// thousand two hundred and thirty-four.
		if st == StyleAmbiguous && s.p.File.Kind == CSV && s.p.File.comma == ';' {
			c.Style = StyleVietnamese
		}
	}
}

// numberEvidence is what one written number says about its style.
type numberEvidence int

const (
	noEvidence      numberEvidence = iota // not a number, or no separator
	evidenceVI                            // a decimal comma: "0,36", "1.234,5"
	evidenceEN                            // a decimal point: "100.57", "1,234.5"
	onlyVI                                // only Vietnamese reads it: "1.234.567"
	onlyEN                                // only English reads it: "1,234,567"
	ambiguousNumber                       // both read it, differently: "1.234"
)

// classifyNumber tells what a written number says about its style, using
// number.ParseAuto's notion of ambiguity.
func classifyNumber(t string) (string, numberEvidence) {
	_, err := number.ParseAuto(t)
	if err == nil {
		i := strings.LastIndexAny(t, ".,")
		switch {
		case i < 0:
			return t, noEvidence
		case t[i] == ',':
			return t, evidenceVI
		}
		return t, evidenceEN
	}
	var pe *number.ParseError
	if !errors.As(err, &pe) || pe.Reason != number.Ambiguous {
		return t, noEvidence
	}
	_, verr := number.Parse(t, number.Vietnamese)
	_, nerr := number.Parse(t, number.English)
	switch {
	case verr == nil && nerr == nil:
		return t, ambiguousNumber
	case verr == nil:
		return t, onlyVI
	case nerr == nil:
		return t, onlyEN
	}
	return t, noEvidence
}
