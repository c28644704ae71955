package importer

import (
	"archive/zip"
	"bytes"
	"context"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"chiso/data/catalog"
	"chiso/data/defaults"
	"chiso/data/msg"
	"chiso/data/store"
)

var ctx = context.Background()

// demoStore opens a new database holding the default catalog and the
// Quảng Ninh demo data as they stood at the end of 2023 (the tests import
// 2024 figures as new ones).
func demoStore(t testing.TB) *store.Store {
	t.Helper()
	st, err := store.Open(filepath.Join(t.TempDir(), "chiso.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if err := defaults.InstallDemo(ctx, st, 2023); err != nil {
		t.Fatal(err)
	}
	return st
}

func catalogOf(t testing.TB, st *store.Store) *catalog.Catalog {
	t.Helper()
	c, err := st.Catalog(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func writeFile(t testing.TB, name, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// sheet is a worksheet to write: its name and rows of cells (string,
// int, float64, bool or a styled cell).
type sheet struct {
	name string
	rows [][]any
}

// percentCell is a number shown with a percentage format.
type percentCell float64

// dateCell is a number shown with a date format.
type dateValue float64

// writeXLSX writes a workbook with the sheets given, in order.
func writeXLSX(t testing.TB, name string, sheets ...sheet) string {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	pct, err := f.NewStyle(&excelize.Style{NumFmt: 10})
	if err != nil {
		t.Fatal(err)
	}
	date, err := f.NewStyle(&excelize.Style{NumFmt: 14})
	if err != nil {
		t.Fatal(err)
	}
	for i, s := range sheets {
		if i == 0 {
			if err := f.SetSheetName("Sheet1", s.name); err != nil {
				t.Fatal(err)
			}
		} else if _, err := f.NewSheet(s.name); err != nil {
			t.Fatal(err)
		}
		for r, row := range s.rows {
			for c, v := range row {
				ref, _ := excelize.CoordinatesToCellName(c+1, r+1)
				switch v := v.(type) {
				case nil:
					continue
				case percentCell:
					f.SetCellFloat(s.name, ref, float64(v), -1, 64)
					f.SetCellStyle(s.name, ref, ref, pct)
				case dateValue:
					f.SetCellFloat(s.name, ref, float64(v), -1, 64)
					f.SetCellStyle(s.name, ref, ref, date)
				case string:
					// SetCellStr keeps "1.234" as text, as a user typing it
					// in a text-formatted cell does.
					f.SetCellStr(s.name, ref, v)
				default:
					if err := f.SetCellValue(s.name, ref, v); err != nil {
						t.Fatal(err)
					}
				}
			}
		}
	}
	path := filepath.Join(t.TempDir(), name)
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	return path
}

func open(t testing.TB, path string) *File {
	t.Helper()
	f, err := Open(path)
	if err != nil {
		t.Fatalf("Open(%s): %s", filepath.Base(path), msg.Text(err, "en"))
	}
	t.Cleanup(func() { f.Close() })
	return f
}

func preview(t testing.TB, st *store.Store, path, sheet string) *Plan {
	t.Helper()
	p, err := Preview(open(t, path), sheet, catalogOf(t, st))
	if err != nil {
		t.Fatalf("Preview: %s", msg.Text(err, "en"))
	}
	return p
}

func allValues(t testing.TB, st *store.Store) []store.Value {
	t.Helper()
	v, err := st.Values(ctx, store.ValueFilter{})
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// valueOf returns the stored value of a key, "" if none.
func valueOf(t testing.TB, st *store.Store, element, area, per, cat string) (string, string) {
	t.Helper()
	vs, err := st.Values(ctx, store.ValueFilter{Elements: []string{element}, Areas: []string{area}, Periods: []string{per}})
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range vs {
		if v.Category == cat {
			return v.Value, v.Comment
		}
	}
	return "", ""
}

// backups lists the backup files beside the database.
func backups(t testing.TB, st *store.Store) []string {
	t.Helper()
	m, err := filepath.Glob(st.Path() + ".before-import-*")
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// mustRefuse checks that the database did not change and holds no backup
// after a refused apply.
func mustBeUnchanged(t testing.TB, st *store.Store, before []store.Value, sum Summary) {
	t.Helper()
	if after := allValues(t, st); !reflect.DeepEqual(before, after) {
		t.Errorf("the database changed: %d values before, %d after", len(before), len(after))
	}
	if sum.Backup != "" || sum.Applied {
		t.Errorf("a refused import claims a backup %q / applied %v", sum.Backup, sum.Applied)
	}
	if b := backups(t, st); len(b) > 0 {
		t.Errorf("backups left after a refused import: %v", b)
	}
}

func contains(t testing.TB, got string, want ...string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(got, w) {
			t.Errorf("%q does not contain %q", got, w)
		}
	}
}

func column(t testing.TB, p *Plan, header string) *Column {
	t.Helper()
	for i := range p.Columns {
		if p.Columns[i].Header == header {
			return &p.Columns[i]
		}
	}
	t.Fatalf("no column %q in %+v", header, p.Columns)
	return nil
}

// rejectionsText renders the rejections in lang, one a line.
func rejectionsText(sum Summary, lang string) string {
	var b strings.Builder
	for _, r := range sum.Rejections {
		b.WriteString(r.Message(lang))
		b.WriteByte('\n')
	}
	return b.String()
}

// zipOf returns a zip archive holding the files given.
func zipOf(t testing.TB, files map[string]string) string {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name, content := range files {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(content))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

func contextWithCancel() (context.Context, context.CancelFunc) { return context.WithCancel(ctx) }
