package defaults

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

func TestPortableDir(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "USB Nguyễn Văn A")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if got := portableDir(dir); got != "" {
		t.Fatalf("without the marker: portableDir = %q, want \"\"", got)
	}
	if err := os.Mkdir(filepath.Join(dir, PortableMarker), 0o755); err != nil {
		t.Fatal(err)
	}
	if got := portableDir(dir); got != "" {
		t.Fatalf("with a folder named %q: portableDir = %q, want \"\"", PortableMarker, got)
	}
	if err := os.Remove(filepath.Join(dir, PortableMarker)); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, PortableMarker), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if got, want := portableDir(dir), filepath.Join(dir, DataDirName); got != want {
		t.Fatalf("with the marker: portableDir = %q, want %q", got, want)
	}
}

func TestDBPathPrefersCHISODB(t *testing.T) {
	t.Setenv("CHISO_DB", filepath.Join(t.TempDir(), "khác.db"))
	if got := DBPath(); got != os.Getenv("CHISO_DB") {
		t.Fatalf("DBPath = %q, want $CHISO_DB", got)
	}
}

func TestDBPathInUserDataFolder(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("the Linux data folder")
	}
	data := t.TempDir()
	t.Setenv("CHISO_DB", "")
	t.Setenv("XDG_DATA_HOME", data)
	if got, want := DBPath(), filepath.Join(data, "chiso", "chiso.db"); got != want {
		t.Fatalf("DBPath = %q, want %q", got, want)
	}
}

func TestDocumentsDir(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("Windows asks the system for its known folder")
	}
	home := t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv("XDG_DOCUMENTS_DIR", "")
	t.Setenv("XDG_CONFIG_HOME", filepath.Join(home, ".config"))
	if got := DocumentsDir(); got != home {
		t.Fatalf("no Documents folder: DocumentsDir = %q, want the home folder %q", got, home)
	}
	docs := filepath.Join(home, "Documents")
	if err := os.Mkdir(docs, 0o755); err != nil {
		t.Fatal(err)
	}
	if got := DocumentsDir(); got != docs {
		t.Fatalf("DocumentsDir = %q, want %q", got, docs)
	}
	// A Vietnamese desktop names it in user-dirs.dirs.
	vi := filepath.Join(home, "Tài liệu")
	if err := os.Mkdir(vi, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(home, ".config"), 0o755); err != nil {
		t.Fatal(err)
	}
	dirs := "# written by xdg-user-dirs-update\nXDG_DESKTOP_DIR=\"$HOME/Màn hình nền\"\nXDG_DOCUMENTS_DIR=\"$HOME/Tài liệu\"\n"
	if err := os.WriteFile(filepath.Join(home, ".config", "user-dirs.dirs"), []byte(dirs), 0o644); err != nil {
		t.Fatal(err)
	}
	if got := DocumentsDir(); got != vi {
		t.Fatalf("with user-dirs.dirs: DocumentsDir = %q, want %q", got, vi)
	}
	// A folder named there that does not exist is passed over.
	if err := os.Remove(vi); err != nil {
		t.Fatal(err)
	}
	if got := DocumentsDir(); got != docs {
		t.Fatalf("the named folder is gone: DocumentsDir = %q, want %q", got, docs)
	}
}
