package importer

// This file: what a dry run or an import found: the rejections, with
// their places and reasons, the counts and the warnings.

import (
	"errors"
	"fmt"
	"strings"

	"chiso/data/msg"
)

// MaxRejections is how many rejections a Summary lists; Rejected counts
// them all.
const MaxRejections = 1000

// Problem is the kind of a rejection.
type Problem int

// Kinds of rejections.
const (
	UnknownElement   Problem = iota + 1 // no element has this code or name
	AmbiguousElement                    // several elements have this name
	UnknownArea                         // no area has this code or name
	AmbiguousArea                       // several areas have this name
	MissingKey                          // no area, element or period in the row
	BadPeriod                           // not a period
	BadCategory                         // a category the element does not have, or none where it needs one
	MissingValue                        // an empty value in a long table
	BadNumber                           // not a number
	AmbiguousNumber                     // reads differently in the two styles, and the column's style is not known
	BadValue                            // a number the element does not accept: below its minimum, not whole…
	BadCell                             // an Excel date, error or formula without a value
	Duplicate                           // the same element, area, period and category as an earlier row
	BadRow                              // a CSV line with more or fewer fields than its header
	OutsideArea                         // an area outside its dates in the period: a value no figure would count
	BadRecord                           // a record the reader of a stream refused (see exchange.RecordError)
)

// Rejection is a value, or a row, that cannot be imported.
type Rejection struct {
	File   string  // the file's base name
	Sheet  string  // "" for a CSV
	Row    int     // 1-based, as Excel shows it (the line of a CSV)
	Column string  // its letter, as Excel shows it
	Header string  // the column's header
	Value  string  // the cell's text
	Kind   Problem // what is wrong, for grouping and filtering
	// OtherRow is, for a Duplicate, the earlier row with the same key.
	OtherRow int
	// Successor is, for an OutsideArea, the area the value may be recorded
	// on instead (see Plan.Successors), "" when there is none.
	Successor string
	// Reason says why, in both languages.
	Reason error

	item bool      // Row counts the values of a stream of changes, not rows
	at   [2]string // the place named by the stream's reader (vi, en), when known
}

// Where names the place in lang: "tệp a.xlsx, trang Xã, hàng 5, cột
// giá trị (E)".
func (r Rejection) Where(lang string) string {
	if r.at[0] != "" {
		if lang == "vi" {
			return r.at[0]
		}
		return r.at[1]
	}
	if r.item {
		if lang == "vi" {
			return fmt.Sprintf("tệp %s, mục %d", r.File, r.Row)
		}
		return fmt.Sprintf("file %s, item %d", r.File, r.Row)
	}
	col := r.Column
	if strings.TrimSpace(r.Header) != "" {
		col = fmt.Sprintf("%s (%s)", r.Header, r.Column)
	}
	var at string
	switch {
	case lang == "vi" && r.Sheet == "":
		at = fmt.Sprintf("tệp %s, dòng %d", r.File, r.Row)
	case lang == "vi":
		at = fmt.Sprintf("tệp %s, trang %s, hàng %d", r.File, r.Sheet, r.Row)
	case r.Sheet == "":
		at = fmt.Sprintf("file %s, line %d", r.File, r.Row)
	default:
		at = fmt.Sprintf("file %s, sheet %s, row %d", r.File, r.Sheet, r.Row)
	}
	switch {
	case col == "":
		return at
	case lang == "vi":
		return at + ", cột " + col
	}
	return at + ", column " + col
}

// Message returns the place and the reason in lang ("vi" or "en").
func (r Rejection) Message(lang string) string {
	return r.Where(lang) + ": " + msg.Text(r.Reason, lang)
}

// Error returns the English message.
func (r Rejection) Error() string { return r.Message("en") }

// Summary counts what a DryRun found or an Apply did.
type Summary struct {
	File, Sheet string      // the file's base name and the sheet ("" for a CSV)
	Rows        int         // data rows read
	Values      int         // values that can be (or were) imported: New + Changed + Unchanged
	New         int         // keys without a value in the database
	Changed     int         // keys whose value or comment changes
	Unchanged   int         // keys already holding this value and comment
	Blank       int         // empty cells of a wide table, skipped
	Totals      int         // rows of totals ("Tổng cộng"), skipped
	Rejected    int         // values or rows that cannot be imported
	Rejections  []Rejection // the first MaxRejections rejections, in file order
	// Movable counts the rejected values of areas outside their dates
	// that have a successor to record them on (see Plan.Successors);
	// Moved the values so recorded.
	Movable, Moved int
	// EndRow is where the table was taken to end (see Plan.EndRow), 0
	// when it runs to the end of the sheet; EndText is that row's text.
	EndRow  int
	EndText string
	// Warnings say what the file holds that is not imported and is not an
	// error: a column of numbers no role maps, the total of parts.
	Warnings []error
	// Backup is the copy of the database written before the import, ""
	// when none was (a dry run, a refused import).
	Backup  string
	Pruned  []string // older backups removed, beyond the number kept (store.KeepBackups)
	Applied bool     // the values were written
}

// TableEnd says where the table was taken to end, nil when it runs to the
// end of the sheet.
func (s Summary) TableEnd() error {
	if s.EndRow == 0 {
		return nil
	}
	word, wordEN := "hàng", "row"
	if s.Sheet == "" {
		word, wordEN = "dòng", "line"
	}
	return msg.New(fmt.Sprintf("bảng được coi là kết thúc trước %s %d (%q): từ đó trở xuống không có địa bàn hay số nào, không đọc", word, s.EndRow, s.EndText),
		fmt.Sprintf("the table was taken to end before %s %d (%q): from there down there is no area and no number, not read", wordEN, s.EndRow, s.EndText))
}

// ErrRejected is returned (wrapped) by Apply when the file has
// rejections: nothing was written.
var ErrRejected = errors.New("importer: the file has rejected values")

type rejectedError struct{ sum *Summary }

func (e *rejectedError) Error() string { return e.Message("en") }
func (e *rejectedError) Unwrap() error { return ErrRejected }

// Message returns the text in lang.
func (e *rejectedError) Message(lang string) string {
	first := ""
	if len(e.sum.Rejections) > 0 {
		first = "; " + e.sum.Rejections[0].Message(lang)
	}
	if lang == "vi" {
		return fmt.Sprintf("không nhập gì cả: %d giá trị bị từ chối, hãy sửa tệp rồi nhập lại%s", e.sum.Rejected, first)
	}
	return fmt.Sprintf("nothing imported: %d values rejected; fix the file and import it again%s", e.sum.Rejected, first)
}
