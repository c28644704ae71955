package exchange

import (
	"fmt"

	"chiso/data/msg"
)

// Position is the place in a file of a record a reader yields: a line of a
// CSV, or a data value of a JSON file with its line.
type Position struct {
	File string
	Line int // from 1; 0 when not known
	Item int // the data value's number in a JSON file, from 1; 0 in a CSV
}

// Where names the place in lang: "tệp a.csv, dòng 5", "tệp a.json, giá
// trị thứ 3 (dòng 12)".
func (p Position) Where(lang string) string {
	vi := lang == "vi"
	switch {
	case p.Item > 0 && p.Line > 0 && vi:
		return fmt.Sprintf("tệp %s, giá trị thứ %d (dòng %d)", p.File, p.Item, p.Line)
	case p.Item > 0 && p.Line > 0:
		return fmt.Sprintf("file %s, data value %d (line %d)", p.File, p.Item, p.Line)
	case p.Item > 0 && vi:
		return fmt.Sprintf("tệp %s, giá trị thứ %d", p.File, p.Item)
	case p.Item > 0:
		return fmt.Sprintf("file %s, data value %d", p.File, p.Item)
	case vi:
		return fmt.Sprintf("tệp %s, dòng %d", p.File, p.Line)
	}
	return fmt.Sprintf("file %s, line %d", p.File, p.Line)
}

// RecordError is a record of a file that cannot be taken as it is: where,
// which field, and why. The readers of this package yield it and go on
// with the next record, so that every faulty record is listed; an error of
// another type (a file that is not CSV or JSON, or is cut short) ends the
// stream. When the reason is a *store.OutsideError (a value of an area
// outside its dates) the reader yields the record's change with it,
// complete, so that the caller may record it on the area's successor.
type RecordError struct {
	Position
	Field string // the column or field at fault, "" for the whole record
	Value string // its text
	Err   error  // why, in both languages, without the place
}

// Where names the record and the field in lang.
func (e *RecordError) Where(lang string) string {
	at := e.Position.Where(lang)
	switch {
	case e.Field == "":
		return at
	case e.Item > 0 && lang == "vi":
		return at + ", trường " + e.Field
	case e.Item > 0:
		return at + ", field " + e.Field
	case lang == "vi":
		return at + ", cột " + e.Field
	}
	return at + ", column " + e.Field
}

// Message returns the place and the reason in lang.
func (e *RecordError) Message(lang string) string {
	return e.Where(lang) + ": " + msg.Text(e.Err, lang)
}

// Error returns the English message.
func (e *RecordError) Error() string { return e.Message("en") }

// Unwrap returns the reason.
func (e *RecordError) Unwrap() error { return e.Err }
