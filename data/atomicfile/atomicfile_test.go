package atomicfile

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"
)

func TestWriteAppearsWholeOrNotAtAll(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "báo cáo.csv")
	if err := Write(path, "", func(w io.Writer) error {
		_, err := io.WriteString(w, "Đồn Đạc,1.234\n")
		return err
	}); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(path); string(b) != "Đồn Đạc,1.234\n" {
		t.Fatalf("wrote %q", b)
	}
	// A failing writer leaves the old file as it was and no temporary file.
	err := Write(path, "", func(w io.Writer) error {
		io.WriteString(w, "half")
		return errors.New("disk full")
	})
	if err == nil {
		t.Fatal("the writer's error was lost")
	}
	if b, _ := os.ReadFile(path); string(b) != "Đồn Đạc,1.234\n" {
		t.Fatalf("a failed write changed the file: %q", b)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Fatalf("left behind: %v", entries)
	}
	// With a temporary folder of its own.
	tmp := filepath.Join(dir, ".tmp")
	os.Mkdir(tmp, 0o755)
	if err := Write(filepath.Join(dir, "b"), tmp, func(w io.Writer) error { return nil }); err != nil {
		t.Fatal(err)
	}
	if entries, _ := os.ReadDir(tmp); len(entries) != 0 {
		t.Fatalf("temporary files left: %v", entries)
	}
}
