package report

import (
	"io"
	"path/filepath"
	"strings"

	"chiso/data/atomicfile"
	"chiso/data/calc"
	"chiso/data/msg"
	"chiso/data/number"
)

// Formats are the file formats a report is written as.
var Formats = []string{"xlsx", "pdf", "csv"}

// New builds the report of o with its written analysis (numbers in the
// analysis are written in style st), or, when o names a layout, the
// report in that official form.
func New(en *calc.Engine, o Options, st number.Style) (*Report, error) {
	if o.Layout != "" {
		return BuildForm(en, o)
	}
	r, err := Build(en, o)
	if err != nil {
		return nil, err
	}
	r.Analysis, err = Analyse(en, o.Area, o.Period, AnalysisOptions{Lang: o.Lang, Style: st, DataSet: o.DataSet})
	return r, err
}

// WriteFile writes r into path as format ("xlsx", "pdf" or "csv"; "" takes
// the file's extension), through a temporary file renamed at the end, so
// a failed report never leaves a half-written file under the name.
func WriteFile(path, format string, r *Report, st number.Style) error {
	if format == "" {
		format = strings.TrimPrefix(strings.ToLower(filepath.Ext(path)), ".")
	}
	write := map[string]func(io.Writer) error{
		"xlsx": func(w io.Writer) error { return WriteXLSX(w, r) },
		"pdf":  func(w io.Writer) error { return WritePDF(w, r) },
		"csv":  func(w io.Writer) error { return WriteCSV(w, r, st) },
	}[strings.ToLower(format)]
	if write == nil {
		return msg.New("định dạng báo cáo "+format+" không có (xlsx, pdf, csv)", "no report format "+format+" (xlsx, pdf, csv)")
	}
	if err := atomicfile.Write(path, "", write); err != nil {
		return msg.Wrap(err, "không ghi được báo cáo "+path, "cannot write the report "+path)
	}
	return nil
}
