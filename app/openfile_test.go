//go:build ci

package app

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"chiso/data/replica"
)

func TestCanOpen(t *testing.T) {
	for path, want := range map[string]bool{
		`C:\Users\Nguyễn Văn A\Tài liệu\chiso-2026-12-01.chisopkg`:      true,
		`C:\Users\Nguyễn Văn A\Tải về\UBND phường Hà Khẩu.CHISO-OFFICE`: true,
		"/home/a/b.chiso-office":     true,
		"values":                     false,
		"report.pdf":                 false,
		"/home/a/chisopkg":           false,
		"/home/a/b.chisopkg.partial": false,
	} {
		if got := CanOpen(path); got != want {
			t.Errorf("CanOpen(%q) = %v, want %v", path, got, want)
		}
	}
}

// answerDialog taps the button labelled text of the dialog on top of the
// window.
func answerDialog(t *testing.T, w fyne.Window, text string) {
	t.Helper()
	top := w.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no dialog is shown")
	}
	for _, o := range test.LaidOutObjects(top) {
		if b, ok := o.(*widget.Button); ok && b.Text == text {
			test.Tap(b)
			return
		}
	}
	t.Fatalf("the dialog has no %q button:\n%s", text, test.RenderObjectToMarkup(top))
}

// dialogText is the text the dialog on top of the window shows.
func dialogText(w fyne.Window) string {
	if top := w.Canvas().Overlays().Top(); top != nil {
		return test.RenderObjectToMarkup(top)
	}
	return ""
}

// TestOpenFile_OfficeFile: an office file double-clicked in a folder with
// Vietnamese letters and spaces opens the sync screen, asks, and once the
// user agrees sets the computer up; "Không" leaves it as it was.
func TestOpenFile_OfficeFile(t *testing.T) {
	prov := openProvince(t)
	dir := filepath.Join(t.TempDir(), "Nguyễn Văn A", "Tài liệu")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, officeFileName(testCommune))
	if err := os.WriteFile(path, officeFile(t, prov), 0o644); err != nil {
		t.Fatal(err)
	}
	s := newTestMainWindow(t, openBare(t, "commune"))

	s.openFile(path)
	if s.syncUI == nil || s.win.Content() == nil || !strings.Contains(test.RenderToMarkup(s.win.Canvas()), "Thiết lập đồng bộ") {
		t.Fatal("the sync screen is not shown")
	}
	if got := dialogText(s.win); !strings.Contains(got, "Nạp tệp đơn vị?") || !strings.Contains(got, filepath.Base(path)) {
		t.Fatalf("the dialog does not ask to load %s:\n%s", filepath.Base(path), got)
	}
	answerDialog(t, s.win, "Không")
	if _, err := replica.LoadIdentity(s.st); err == nil {
		t.Fatal("the office file was loaded although the user said no")
	}

	s.openFile(path)
	answerDialog(t, s.win, "Có")
	id, err := replica.LoadIdentity(s.st)
	if err != nil {
		t.Fatalf("after agreeing: %v", err)
	}
	if id.Cert.Office != testCommune {
		t.Errorf("the computer signs as %q, want %q", id.Cert.Office, testCommune)
	}
}

// TestOpenFile_Package: a package double-clicked is imported into the
// database open once the user agrees, and the screen reports it.
func TestOpenFile_Package(t *testing.T) {
	prov, commune := newPair(t)
	saveValue(t, commune.s.st, "HH_TOTAL", testArea, "2024", "3000")
	path := filepath.Join(t.TempDir(), "Gửi tỉnh", packageName(time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)))
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	commune.done = func(_ *replica.Report, err error) { done <- err }
	commune.exportPackage(path)
	if err := <-done; err != nil {
		t.Fatal(err)
	}

	s := newTestMainWindow(t, prov.s.st)
	s.openFile(path)
	if got := dialogText(s.win); !strings.Contains(got, "Nhập gói đồng bộ?") {
		t.Fatalf("the dialog does not ask to import the package:\n%s", got)
	}
	s.syncUI.done = func(_ *replica.Report, err error) { done <- err }
	answerDialog(t, s.win, "Có")
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(time.Minute):
		t.Fatal("the import did not end")
	}
	if !strings.Contains(s.syncUI.markup(), "Đã nhận 1 thay đổi: 1 áp dụng") {
		t.Error("the import is not reported on the sync screen")
	}
	if got := storedValue(t, s.st, "HH_TOTAL", testArea, "2024"); got != "3000" {
		t.Errorf("the province has %q after opening the package, want 3000", got)
	}
}
