//go:build ci

package app

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"chiso/data/defaults"
	"chiso/data/replica"
	"chiso/data/rootkey"
	"chiso/data/store"
)

const (
	testProvince = "Cục Thống kê Quảng Ninh"
	testCommune  = "UBND phường Hà Khẩu"
	testArea     = "QN_HALONG_03" // Phường Hà Khẩu
)

// openBare returns a new database with no catalog at all, as an office's
// computer starts before it loads its office file.
func openBare(t *testing.T, name string) *store.Store {
	t.Helper()
	st, err := store.Open(filepath.Join(t.TempDir(), name+".db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// openProvince returns a new database with the demo catalog (Quảng Ninh)
// set up as the province, certified for QN.
func openProvince(t *testing.T) *store.Store {
	t.Helper()
	st := openBare(t, "province")
	c, err := defaults.DemoCatalog()
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if err := st.SaveCatalog(ctx, c); err != nil {
		t.Fatal(err)
	}
	makeProvince(t, st)
	return st
}

// testPassphrase is the passphrase of the test provinces' root keys, kept
// in the folder TestMain names in $CHISO_KEY_DIR.
const testPassphrase = "mật khẩu của tỉnh"

// makeProvince makes st the province, certified for QN.
func makeProvince(t *testing.T, st *store.Store) {
	t.Helper()
	if _, _, err := replica.CreateProvince(context.Background(), st, testProvince, []string{"QN"}, rootkey.DefaultDir(), testPassphrase); err != nil {
		t.Fatal(err)
	}
}

// issueOffice is the office file the province prov issues to a commune
// office for area.
func issueOffice(t *testing.T, prov *store.Store, office, area string) []byte {
	t.Helper()
	key, err := replica.UnlockRoot(prov, rootkey.DefaultDir(), testPassphrase)
	if err != nil {
		t.Fatal(err)
	}
	data, err := replica.IssueOffice(context.Background(), prov, key, office, replica.Commune, []string{area}, 2)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// officeFile is the office file the province issues to the commune office
// of testArea.
func officeFile(t *testing.T, prov *store.Store) []byte {
	t.Helper()
	return issueOffice(t, prov, testCommune, testArea)
}

// newTestSync shows the sync screen of a session on st in a test window.
func newTestSync(t *testing.T, st *store.Store) *syncUI {
	t.Helper()
	s := newTestSession(t, st)
	y := newSyncUI(s)
	s.win.SetContent(y.content)
	return y
}

// markup is what the screen's window shows, as text.
func (y *syncUI) markup() string { return test.RenderToMarkup(y.s.win.Canvas()) }

// syncNow taps Đồng bộ with the folder dir, as the user does, and waits
// until the screen shows the result.
func syncNow(t *testing.T, y *syncUI, dir string) *replica.Report {
	t.Helper()
	type result struct {
		rep *replica.Report
		err error
	}
	done := make(chan result, 1)
	y.done = func(rep *replica.Report, err error) { done <- result{rep, err} }
	defer func() { y.done = nil }()
	y.folder.SetText(dir)
	if y.syncButton.Disabled() {
		t.Fatal("the Đồng bộ button is disabled")
	}
	test.Tap(y.syncButton)
	select {
	case r := <-done:
		if r.err != nil {
			t.Fatalf("sync: %v", r.err)
		}
		if y.busy || y.syncButton.Disabled() {
			t.Error("the screen is still busy after the sync ended")
		}
		return r.rep
	case <-time.After(2 * time.Minute):
		t.Fatal("the sync did not end")
	}
	return nil
}

func saveValue(t *testing.T, st *store.Store, element, area, per, value string) {
	t.Helper()
	if _, err := st.Save(context.Background(), store.Change{Element: element, Area: area, Period: per, Value: value}); err != nil {
		t.Fatal(err)
	}
}

func storedValue(t *testing.T, st *store.Store, element, area, per string) string {
	t.Helper()
	vs, err := st.Values(context.Background(), store.ValueFilter{Elements: []string{element}, Areas: []string{area}, Periods: []string{per}})
	if err != nil {
		t.Fatal(err)
	}
	if len(vs) == 0 {
		return ""
	}
	return vs[0].Value
}

// TestSync_SetupWithOfficeFile: a computer not set up offers both ways of
// setting it up and cannot sync; loading the office file shows who it signs
// as and brings the catalog.
func TestSync_SetupWithOfficeFile(t *testing.T) {
	prov := openProvince(t)
	file := officeFile(t, prov)
	y := newTestSync(t, openBare(t, "commune"))

	markup := y.markup()
	for _, want := range []string{"Thiết lập đồng bộ", "Nạp tệp đơn vị…", "Tạo khóa gốc của tỉnh…", "Hãy thiết lập máy này"} {
		if !strings.Contains(markup, want) {
			t.Errorf("the screen before setup lacks %q", want)
		}
	}
	if !y.syncButton.Disabled() || !y.export.Disabled() || !y.importPkg.Disabled() {
		t.Error("sync, export and import are possible before setup")
	}

	if err := y.loadOfficeFile([]byte("not an office file")); err == nil {
		t.Error("a file that is not an office file is loaded")
	}
	if err := y.loadOfficeFile(file); err != nil {
		t.Fatal(err)
	}
	markup = y.markup()
	until := time.Now().UTC().AddDate(2, 0, 0).Format("02/01/2006")
	want := "Máy này: " + testCommune + " (xã), được ghi: Phường Hà Khẩu, chứng thư đến " + until
	if !strings.Contains(markup, want) {
		t.Errorf("after loading the office file the screen lacks %q", want)
	}
	if strings.Contains(markup, "Tạo khóa gốc của tỉnh") || strings.Contains(markup, "Cấp tệp đơn vị") {
		t.Error("an office is offered to create the root key or issue office files")
	}
	if y.syncButton.Disabled() {
		t.Error("the Đồng bộ button is disabled after setup")
	}
	if areaByCode(y.s.catalog(), testArea) == nil {
		t.Error("the session's catalog was not read again after loading the office file")
	}
	if office, _ := y.s.st.Meta("office"); office != testCommune {
		t.Errorf("office name after setup = %q, want %q", office, testCommune)
	}
}

// TestSync_ProvinceIssuesOfficeFile: the province creates its root key
// from the screen, then issues an office file, finding the area without
// typing its accents.
func TestSync_ProvinceIssuesOfficeFile(t *testing.T) {
	st := openBare(t, "province")
	c, err := defaults.DemoCatalog()
	if err != nil {
		t.Fatal(err)
	}
	if err := st.SaveCatalog(context.Background(), c); err != nil {
		t.Fatal(err)
	}
	y := newTestSync(t, st)
	top := topAreas(y.s.catalog())
	if len(top) != 1 || top[0].Code != "QN" {
		t.Fatalf("areas offered for the province = %v, want QN", top)
	}
	if _, err := y.createProvince("  ", []string{"QN"}, testPassphrase); err == nil {
		t.Error("a province without a name is created")
	}
	if _, err := y.createProvince(testProvince, []string{"QN"}, "ngắn"); err == nil {
		t.Error("a root key is created with a passphrase of 4 characters")
	}
	path, err := y.createProvince(testProvince, []string{"QN"}, testPassphrase)
	if err != nil {
		t.Fatal(err)
	}
	markup := y.markup()
	if want := "Máy này: " + testProvince + " (tỉnh), được ghi: Quảng Ninh"; !strings.Contains(markup, want) {
		t.Errorf("the province's screen lacks %q", want)
	}
	for _, want := range []string{"Cấp tệp đơn vị…", "Xuất khóa gốc…", "Khóa gốc của tỉnh được giữ trong " + path} {
		if !strings.Contains(markup, want) {
			t.Errorf("the province's screen lacks %q", want)
		}
	}

	f := newIssueForm(y)
	f.search.SetText("phuong ha khau")
	if len(f.shown) != 1 || f.areas[f.shown[0]].Code != testArea {
		t.Fatalf("searching without accents shows %d areas", len(f.shown))
	}
	if _, _, err := f.issue(); err == nil {
		t.Error("an office file without an office name or an area is issued")
	}
	f.office.SetText(testCommune)
	f.toggle(testArea, true)
	if !strings.Contains(f.chosen.Text, "Phường Hà Khẩu") {
		t.Errorf("chosen areas shown as %q", f.chosen.Text)
	}
	f.years.SetText("0")
	if _, _, err := f.issue(); err == nil {
		t.Error("a certificate valid 0 years is issued")
	}
	f.years.SetText("3")
	f.pass.pass.SetText("không phải mật khẩu")
	if _, _, err := f.issue(); err == nil || err.Error() != "mật khẩu khóa gốc không đúng" {
		t.Errorf("a wrong passphrase: %v", err)
	}
	f.pass.pass.SetText(testPassphrase)
	data, name, err := f.issue()
	if err != nil {
		t.Fatal(err)
	}
	if name != testCommune+".chiso-office" {
		t.Errorf("file name = %q", name)
	}
	id, err := replica.LoadOfficeFile(context.Background(), openBare(t, "commune"), data)
	if err != nil {
		t.Fatal(err)
	}
	if id.Cert.Office != testCommune || id.Cert.Role != replica.Commune || len(id.Cert.Areas) != 1 || id.Cert.Areas[0] != testArea {
		t.Errorf("issued certificate = %+v", id.Cert)
	}
	if want := time.Now().UTC().AddDate(3, 0, 0).Format(time.DateOnly); id.Cert.NotAfter != want {
		t.Errorf("certificate valid until %s, want %s", id.Cert.NotAfter, want)
	}
}

// newPair returns the sync screens of the province and of a commune office
// set up with the province's office file.
func newPair(t *testing.T) (prov, commune *syncUI) {
	t.Helper()
	prov = newTestSync(t, openProvince(t))
	commune = newTestSync(t, openBare(t, "commune"))
	if err := commune.loadOfficeFile(officeFile(t, prov.s.st)); err != nil {
		t.Fatal(err)
	}
	return prov, commune
}

// TestSync_TapSync: Đồng bộ writes the commune's change into the folder,
// the province's Đồng bộ reads it, and each report card shows the counts.
func TestSync_TapSync(t *testing.T) {
	prov, commune := newPair(t)
	dir := t.TempDir()
	saveValue(t, commune.s.st, "POP", testArea, "2024", "12345")

	rep := syncNow(t, commune, dir)
	if rep.Exported != 1 || rep.Written != 1 {
		t.Errorf("commune report = %+v", rep)
	}
	if !strings.Contains(commune.markup(), "Đã gửi 1 thay đổi của máy này (1 tệp ghi ra)") {
		t.Error("the commune's report card lacks the changes sent")
	}
	if _, err := os.Stat(filepath.Join(dir, "chiso-sync", "FORMAT")); err != nil {
		t.Errorf("nothing written into the folder: %v", err)
	}

	rep = syncNow(t, prov, dir)
	if rep.Applied != 1 || len(rep.Rejected) != 0 {
		t.Errorf("province report = %+v", rep)
	}
	markup := prov.markup()
	for _, want := range []string{"Đã đồng bộ với " + dir, "Đã nhận 1 thay đổi: 1 áp dụng, 0 đã có", "Xung đột cần giải quyết: 0",
		"Xung đột cần giải quyết (0)", testCommune, "bình thường"} {
		if !strings.Contains(markup, want) {
			t.Errorf("the province's screen lacks %q", want)
		}
	}
	if got := storedValue(t, prov.s.st, "POP", testArea, "2024"); got != "12345" {
		t.Errorf("the province has %q, want 12345", got)
	}
	if got := replica.Folder(prov.s.st); got != dir {
		t.Errorf("folder remembered = %q, want %q", got, dir)
	}
	// A new screen starts with the folder used last.
	if got := newSyncUI(prov.s).folder.Text; got != dir {
		t.Errorf("a new screen shows the folder %q, want %q", got, dir)
	}
}

// TestSync_SyncError: a folder that does not exist is said in the result
// card, and the buttons work again.
func TestSync_SyncError(t *testing.T) {
	_, commune := newPair(t)
	done := make(chan error, 1)
	commune.done = func(_ *replica.Report, err error) { done <- err }
	commune.folder.SetText(filepath.Join(t.TempDir(), "missing"))
	test.Tap(commune.syncButton)
	select {
	case err := <-done:
		if err == nil {
			t.Fatal("sync into a missing folder succeeded")
		}
	case <-time.After(time.Minute):
		t.Fatal("the sync did not end")
	}
	if markup := commune.markup(); !strings.Contains(markup, "Đồng bộ không thành công") || !strings.Contains(markup, "không có thư mục đồng bộ") {
		t.Error("the failure is not shown in the result card")
	}
	if commune.syncButton.Disabled() {
		t.Error("the Đồng bộ button stays disabled after a failure")
	}
}

// conflictPair returns the province and the commune after both changed the
// commune's POP 2024 without seeing the other's change (1100 at the
// commune, 1200 at the province) and exchanged through dir.
func conflictPair(t *testing.T) (prov, commune *syncUI, dir string) {
	t.Helper()
	prov, commune = newPair(t)
	dir = t.TempDir()
	saveValue(t, commune.s.st, "POP", testArea, "2024", "1000")
	syncNow(t, commune, dir)
	syncNow(t, prov, dir)
	saveValue(t, commune.s.st, "POP", testArea, "2024", "1100")
	saveValue(t, prov.s.st, "POP", testArea, "2024", "1200")
	syncNow(t, commune, dir)
	syncNow(t, prov, dir)
	syncNow(t, commune, dir)
	return prov, commune, dir
}

// headWith returns the index of the head of v with the value.
func headWith(t *testing.T, v *conflictView, value string) int {
	t.Helper()
	for i, h := range v.c.Heads {
		if h.Value == value {
			return i
		}
	}
	t.Fatalf("no competing value %s among %+v", value, v.c.Heads)
	return -1
}

// TestSync_ConflictResolvedEverywhere: concurrent edits show the same
// conflict on both sides with the same provisional value; keeping one at
// the province ends it there, and after sync at the commune too.
func TestSync_ConflictResolvedEverywhere(t *testing.T) {
	prov, commune, dir := conflictPair(t)

	var shown [2]string
	for i, y := range []*syncUI{prov, commune} {
		if len(y.conflicts) != 1 {
			t.Fatalf("side %d lists %d conflicts, want 1", i, len(y.conflicts))
		}
		markup := y.markup()
		for _, want := range []string{"Xung đột cần giải quyết (1)", "Dân số trung bình — Phường Hà Khẩu — ",
			"1.100", "1.200", "Giữ giá trị này", "Ghi giá trị khác", "đang hiển thị"} {
			if !strings.Contains(markup, want) {
				t.Errorf("side %d: the conflict list lacks %q", i, want)
			}
		}
		shown[i] = y.conflicts[0].c.Heads[0].Value
		if got := storedValue(t, y.s.st, "POP", testArea, "2024"); got != shown[i] {
			t.Errorf("side %d stores %s but shows %s as provisional", i, got, shown[i])
		}
	}
	if shown[0] != shown[1] {
		t.Fatalf("provisional values differ: province %s, commune %s", shown[0], shown[1])
	}
	// The other office is named on the competing value it wrote.
	if !strings.Contains(prov.markup(), testCommune) || !strings.Contains(commune.markup(), testProvince) {
		t.Error("the office of a competing value is not shown")
	}

	v := prov.conflicts[0]
	test.Tap(v.keep[headWith(t, v, "1100")])
	if len(prov.conflicts) != 0 || !strings.Contains(prov.markup(), "Xung đột cần giải quyết (0)") {
		t.Fatalf("the province still lists %d conflicts after keeping a value", len(prov.conflicts))
	}
	if got := storedValue(t, prov.s.st, "POP", testArea, "2024"); got != "1100" {
		t.Errorf("the province has %s after keeping 1100", got)
	}

	syncNow(t, prov, dir)
	rep := syncNow(t, commune, dir)
	if rep.Conflicts != 0 || len(commune.conflicts) != 0 {
		t.Errorf("the commune still has conflicts after the resolution synced: %+v", rep)
	}
	if got := storedValue(t, commune.s.st, "POP", testArea, "2024"); got != "1100" {
		t.Errorf("the commune has %s after the resolution synced, want 1100", got)
	}
	if !strings.Contains(commune.markup(), "Xung đột cần giải quyết (0)") {
		t.Error("the commune's list is not empty")
	}
}

// TestSync_ResolveTypedValue: a value typed in the conflict is read in the
// user's number style; what cannot be read is said under the entry.
func TestSync_ResolveTypedValue(t *testing.T) {
	_, commune, _ := conflictPair(t)
	v := commune.conflicts[0]
	test.Type(v.other, "12abc")
	test.Tap(v.save)
	if !v.err.Visible() || v.err.Text == "" {
		t.Fatal("an unreadable value gives no error under the entry")
	}
	if len(commune.conflicts) != 1 {
		t.Fatal("an unreadable value resolved the conflict")
	}
	v.other.SetText("1.150")
	test.Tap(v.save)
	if len(commune.conflicts) != 0 {
		t.Fatal("the typed value did not resolve the conflict")
	}
	if got := storedValue(t, commune.s.st, "POP", testArea, "2024"); got != "1150" {
		t.Errorf("stored %s after typing 1.150, want 1150", got)
	}
}

// TestSync_Rejection: a change of an area the office may not write is
// refused at the province: the report card says so in the error colour and
// the refusal stays listed.
func TestSync_Rejection(t *testing.T) {
	prov, commune := newPair(t)
	dir := t.TempDir()
	saveValue(t, commune.s.st, "POP", "QN_HALONG_02", "2024", "777")
	syncNow(t, commune, dir)
	rep := syncNow(t, prov, dir)
	if len(rep.Rejected) != 1 {
		t.Fatalf("province report = %+v", rep)
	}
	lines := prov.result.Objects[1].(*widget.RichText)
	red := 0
	for _, seg := range lines.Segments {
		ts := seg.(*widget.TextSegment)
		if strings.HasPrefix(ts.Text, "Từ chối ") {
			if ts.Style.ColorName != theme.ColorNameError {
				t.Errorf("refusal %q is not in the error colour", ts.Text)
			}
			red++
		}
	}
	if red != 1 {
		t.Errorf("%d refusals in the report card, want 1", red)
	}
	if len(prov.data.rejections) != 1 || !strings.Contains(prov.markup(), "không được phép ghi số liệu của địa bàn QN_HALONG_02") {
		t.Error("the refusal is not listed")
	}
	if got := storedValue(t, prov.s.st, "POP", "QN_HALONG_02", "2024"); got != "" {
		t.Errorf("the refused value %q was stored", got)
	}
}

// TestSync_Package: a package exported by the commune and imported at the
// province carries the change.
func TestSync_Package(t *testing.T) {
	prov, commune := newPair(t)
	saveValue(t, commune.s.st, "HH_TOTAL", testArea, "2024", "3000")
	path := filepath.Join(t.TempDir(), packageName(time.Date(2025, 7, 1, 0, 0, 0, 0, time.UTC)))
	if filepath.Base(path) != "chiso-2025-07-01.chisopkg" {
		t.Errorf("package name = %s", filepath.Base(path))
	}
	wait := func(y *syncUI, start func()) {
		done := make(chan error, 1)
		y.done = func(_ *replica.Report, err error) { done <- err }
		start()
		select {
		case err := <-done:
			if err != nil {
				t.Fatal(err)
			}
		case <-time.After(time.Minute):
			t.Fatal("did not end")
		}
	}
	wait(commune, func() { commune.exportPackage(path) })
	if !strings.Contains(commune.markup(), "Đã ghi gói") {
		t.Error("the export is not reported")
	}
	wait(prov, func() { prov.importPackage(path) })
	if !strings.Contains(prov.markup(), "Đã nhận 1 thay đổi: 1 áp dụng") {
		t.Error("the import is not reported")
	}
	if got := storedValue(t, prov.s.st, "HH_TOTAL", testArea, "2024"); got != "3000" {
		t.Errorf("the province has %q after importing the package, want 3000", got)
	}
}

// TestSync_Screenshot writes the sync screen to $CHISO_SYNC_SCREENSHOT/
// (skipped when unset): before setup, the province with a conflict and a
// report, and the dialog issuing an office file.
func TestSync_Screenshot(t *testing.T) {
	out := os.Getenv("CHISO_SYNC_SCREENSHOT")
	if out == "" {
		t.Skip("set CHISO_SYNC_SCREENSHOT=/tmp/dir to write screenshots of the sync screen")
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		t.Fatal(err)
	}
	shot := func(y *syncUI, name string) {
		test.ApplyTheme(t, theme.LightTheme())
		sh := newShell(y.s, "entry")
		sh.screens["sync"] = y.content
		sh.show("sync")
		y.s.win.SetContent(sh.object())
		y.s.win.Resize(fyne.NewSize(1280, 800))
		y.refresh() // as after the background read in the app, once laid out
		capture(t, y.s.win, filepath.Join(out, name))
	}
	shot(newTestSync(t, openBare(t, "fresh")), "sync-setup.png")

	prov, commune, dir := conflictPair(t)
	saveValue(t, commune.s.st, "POP", "QN_HALONG_02", "2024", "777") // refused at the province
	syncNow(t, commune, dir)
	syncNow(t, prov, dir)
	shot(prov, "sync-conflict.png")
	prov.content.(interface{ ScrollToBottom() }).ScrollToBottom()
	capture(t, prov.s.win, filepath.Join(out, "sync-offices.png"))
	prov.askIssue()
	capture(t, prov.s.win, filepath.Join(out, "sync-issue.png"))
}
