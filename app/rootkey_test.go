//go:build ci

package app

import (
	"bytes"
	"encoding/hex"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"chiso/data/replica"
	"chiso/data/rootkey"
)

// dialogParts returns the password entries and the buttons of the dialog
// on top of the window.
func dialogParts(t *testing.T, s *session) (entries []*widget.Entry, buttons map[string]*widget.Button) {
	t.Helper()
	top := s.win.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no dialog is shown")
	}
	buttons = map[string]*widget.Button{}
	for _, o := range test.LaidOutObjects(top) {
		switch w := o.(type) {
		case *widget.Entry:
			entries = append(entries, w)
		case *widget.Button:
			buttons[w.Text] = w
		}
	}
	return entries, buttons
}

// tapButton taps the button of the top dialog with the text.
func tapButton(t *testing.T, s *session, text string) {
	t.Helper()
	_, buttons := dialogParts(t, s)
	b := buttons[text]
	if b == nil {
		t.Fatalf("the dialog has no button %q (it has %v)", text, buttons)
	}
	if b.Disabled() {
		t.Fatalf("the button %q is disabled", text)
	}
	test.Tap(b)
}

// TestRootKey_AskedAtStart: the first start asks the user's name; a
// database of an older version that kept the root key in plain text asks
// next for a passphrase, moves the key into its encrypted file and wipes it
// from the database file.
func TestRootKey_AskedAtStart(t *testing.T) {
	st := openProvince(t)
	key, err := replica.UnlockRoot(st, rootkey.DefaultDir(), testPassphrase)
	if err != nil {
		t.Fatal(err)
	}
	// As an older version left it: the key in the meta table, no file.
	keyFile, err := replica.RootKeyFile(st, rootkey.DefaultDir())
	if err != nil {
		t.Fatal(err)
	}
	os.Remove(keyFile)
	if err := st.SetMeta("sync.root_key", hex.EncodeToString(key.Seed())); err != nil {
		t.Fatal(err)
	}
	s := newTestMainWindow(t, st)
	if s.st.AuthorChosen() {
		t.Fatal("a new database has a user name")
	}
	s.askAtStart()
	entries, _ := dialogParts(t, s)
	if len(entries) != 1 || entries[0].Text != s.st.Author() || s.st.Author() == "" {
		t.Fatalf("the name is not asked with the system's user name filled in: %d entries, author %q", len(entries), s.st.Author())
	}
	markup := test.RenderToMarkup(s.win.Canvas())
	if !strings.Contains(markup, "Chào mừng đến với Chỉ Số") || !strings.Contains(markup, "Tên của bạn") {
		t.Error("the welcome dialog lacks its title or the name field")
	}
	entries[0].SetText("")
	test.Type(entries[0], "Nguyễn Thị Lan")
	tapButton(t, s, "Lưu")
	if s.st.Author() != "Nguyễn Thị Lan" || !s.st.AuthorChosen() {
		t.Fatalf("author after the welcome = %q", s.st.Author())
	}

	// Then the root key: two passphrases, which must agree.
	markup = test.RenderToMarkup(s.win.Canvas())
	if !strings.Contains(markup, "Bảo vệ khóa gốc của tỉnh") || !strings.Contains(markup, "không mã hóa") {
		t.Fatal("the plain root key is not asked about")
	}
	entries, buttons := dialogParts(t, s)
	if len(entries) != 2 || !entries[0].Password || !entries[1].Password {
		t.Fatalf("want two password entries, got %d", len(entries))
	}
	const pass = "Vịnh Hạ Long có 1.969 hòn đảo"
	test.Type(entries[0], pass)
	test.Type(entries[1], pass+"!")
	if !buttons["Bảo vệ khóa"].Disabled() {
		t.Error("two different passphrases can be confirmed")
	}
	entries[1].SetText("")
	test.Type(entries[1], pass)
	tapButton(t, s, "Bảo vệ khóa")
	if !strings.Contains(test.RenderToMarkup(s.win.Canvas()), "Đã bảo vệ khóa gốc") {
		t.Error("no confirmation that the key moved")
	}
	if replica.HasPlainRootKey(st) {
		t.Fatal("the key is still in the database")
	}
	if _, err := replica.UnlockRoot(st, rootkey.DefaultDir(), pass); err != nil {
		t.Fatalf("the moved key does not open with the new passphrase: %v", err)
	}
	for _, suffix := range []string{"", "-wal", "-shm"} {
		b, _ := os.ReadFile(st.Path() + suffix)
		if bytes.Contains(b, []byte(hex.EncodeToString(key.Seed()))) || bytes.Contains(b, key.Seed()) {
			t.Errorf("%s still holds the root key's bytes", filepath.Base(st.Path()+suffix))
		}
	}
}

// TestRootKey_NewComputer: a province database on a computer without its
// root key offers to restore it and no longer to issue office files; the
// key exported on the old computer, restored with its passphrase, brings
// them back. A wrong passphrase is refused.
func TestRootKey_NewComputer(t *testing.T) {
	st := openProvince(t)
	exported := filepath.Join(t.TempDir(), "khoa-goc"+rootkey.Ext)
	if err := replica.ExportRootKey(st, rootkey.DefaultDir(), "sai mật khẩu rồi", exported); err == nil {
		t.Fatal("the root key is exported with a wrong passphrase")
	}
	if err := replica.ExportRootKey(st, rootkey.DefaultDir(), testPassphrase, exported); err != nil {
		t.Fatal(err)
	}
	if info, err := os.Stat(exported); err != nil || info.Mode().Perm() != 0o600 {
		t.Fatalf("exported key: %v %v", info, err)
	}
	y := newTestSync(t, st)
	y.s.keys = rootkey.Dir(t.TempDir()) // the new computer
	y.refresh()
	markup := y.markup()
	if !strings.Contains(markup, "Khôi phục khóa gốc…") || strings.Contains(markup, "Cấp tệp đơn vị…") {
		t.Fatal("a computer without the root key does not offer to restore it, or offers to issue office files")
	}
	data, _ := os.ReadFile(exported)
	if _, err := replica.RestoreRootKey(st, y.s.keys, data, "sai mật khẩu rồi"); err == nil || !strings.Contains(err.Error(), "wrong passphrase") {
		t.Fatalf("restored with a wrong passphrase: %v", err)
	}
	if _, err := replica.RestoreRootKey(st, y.s.keys, data, testPassphrase); err != nil {
		t.Fatal(err)
	}
	y.refresh()
	if markup := y.markup(); !strings.Contains(markup, "Cấp tệp đơn vị…") || !strings.Contains(markup, "Xuất khóa gốc…") {
		t.Error("the restored key does not bring back issuing and exporting")
	}
	y.s.win.Resize(fyne.NewSize(1366, 768))
}
