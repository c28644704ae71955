// Package msg carries error messages in both of the app's languages, so
// that the store and the importers can name what went wrong and where in
// the words of the user who reads them.
package msg

import "errors"

// Error is an error with a Vietnamese and an English text. Err, when set, is
// the cause; the texts then describe the context ("tệp a.csv, dòng 3").
type Error struct {
	VI, EN string
	Err    error
}

// New returns an error with a text in each language.
func New(vi, en string) error { return &Error{VI: vi, EN: en} }

// Wrap puts a context in each language in front of err.
func Wrap(err error, vi, en string) error {
	if err == nil {
		return nil
	}
	return &Error{VI: vi, EN: en, Err: err}
}

// Error returns the English text with its cause.
func (e *Error) Error() string { return e.Message("en") }

// Unwrap returns the cause.
func (e *Error) Unwrap() error { return e.Err }

// Message returns the text in lang ("vi" or "en") with its cause.
func (e *Error) Message(lang string) string {
	s := e.EN
	if lang == "vi" {
		s = e.VI
	}
	if e.Err != nil {
		return s + ": " + Text(e.Err, lang)
	}
	return s
}

// Text renders err in lang: errors that know both languages speak lang,
// others fall back to their own text.
func Text(err error, lang string) string {
	if err == nil {
		return ""
	}
	var m interface{ Message(string) string }
	if errors.As(err, &m) {
		return m.Message(lang)
	}
	return err.Error()
}
