package replica

import (
	"crypto/ed25519"
	"crypto/rand"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"chiso/data/store"
)

// segmentFile returns the path of the only file of writer's segment
// number with the extension ext in the sync folder dir.
func segmentFile(t *testing.T, dir, writer string, number int, ext string) string {
	t.Helper()
	matches, _ := filepath.Glob(filepath.Join(dir, rootDir, "devices", writer, "seg", fmt.Sprintf("%06d-*%s", number, ext)))
	if len(matches) != 1 {
		t.Fatalf("segment %s/%d%s: found %v", writer, number, ext, matches)
	}
	return matches[0]
}

// damagedFolder sets up two communes that each synced one value into a
// folder, lets damage alter commune A's segment, and returns the province
// report of reading the folder.
func damagedFolder(t *testing.T, damage func(dir, writer string)) (prov, a *store.Store, dir string, rep *Report) {
	t.Helper()
	prov = newProvince(t)
	a = newOffice(t, prov, "UBND phường Hà Khẩu", "QN_HALONG_01")
	b := newOffice(t, prov, "UBND phường Hà Lầm", "QN_HALONG_02")
	dir = t.TempDir()
	set(t, a, "POP", "QN_HALONG_01", "2024", "1000")
	set(t, b, "POP", "QN_HALONG_02", "2024", "2000")
	syncWith(t, a, dir)
	syncWith(t, b, dir)
	damage(dir, a.Device())
	rep = syncWith(t, prov, dir)
	if got := value(t, prov, "POP", "QN_HALONG_02", "2024"); got != "2000" {
		t.Errorf("the sound segment was not applied: %q (%+v)", got, rep)
	}
	return prov, a, dir, rep
}

func TestDamagedSegmentsAreRefusedAndTheRestApplies(t *testing.T) {
	cases := []struct {
		name   string
		damage func(t *testing.T, dir, writer string)
		reason string
	}{
		{"truncated data", func(t *testing.T, dir, w string) {
			p := segmentFile(t, dir, w, 1, dataExt)
			b, _ := os.ReadFile(p)
			os.WriteFile(p, b[:len(b)/2], 0o644)
		}, "truncated"},
		{"flipped byte in data", func(t *testing.T, dir, w string) {
			p := segmentFile(t, dir, w, 1, dataExt)
			b, _ := os.ReadFile(p)
			b[len(b)/2] ^= 0x40
			os.WriteFile(p, b, 0o644)
		}, "does not match the hash"},
		{"altered manifest", func(t *testing.T, dir, w string) {
			p := segmentFile(t, dir, w, 1, manifestExt)
			b, _ := os.ReadFile(p)
			os.WriteFile(p, []byte(strings.Replace(string(b), `"ops":1`, `"ops":2`, 1)), 0o644)
		}, "signature is not valid"},
		{"truncated manifest", func(t *testing.T, dir, w string) {
			p := segmentFile(t, dir, w, 1, manifestExt)
			b, _ := os.ReadFile(p)
			os.WriteFile(p, b[:40], 0o644)
		}, "manifest is damaged or truncated"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			prov, a, dir, rep := damagedFolder(t, func(dir, w string) { c.damage(t, dir, w) })
			if len(rep.Rejected) != 1 || !strings.Contains(rep.Rejected[0], c.reason) || !strings.Contains(rep.Rejected[0], a.Device()+"/1") {
				t.Fatalf("want one refusal of %s/1 saying %q, got %q", a.Device(), c.reason, rep.Rejected)
			}
			if got := value(t, prov, "POP", "QN_HALONG_01", "2024"); got != "" {
				t.Fatalf("a value of the damaged segment was applied: %s", got)
			}
			// The writer's next sync puts its sound copy back; then it applies.
			syncWith(t, a, dir)
			rep = syncWith(t, prov, dir)
			if got := value(t, prov, "POP", "QN_HALONG_01", "2024"); got != "1000" || len(rep.Rejected) != 0 {
				t.Fatalf("after the writer rewrote its file: value %q, report %+v", got, rep)
			}
		})
	}
}

func TestForgedSegmentIsRefused(t *testing.T) {
	prov := newProvince(t)
	dir := t.TempDir()
	// Someone makes their own "province" and an office for all of QN, and
	// drops its segment into the real province's folder.
	fake := newProvince(t)
	intruder := newOffice(t, fake, "Kẻ giả mạo", "QN")
	set(t, intruder, "POP", "QN_HALONG_01", "2024", "999999")
	syncWith(t, intruder, dir)
	rep := syncWith(t, prov, dir)
	if len(rep.Rejected) == 0 || !strings.Contains(strings.Join(rep.Rejected, "\n"), "not signed by the province") {
		t.Fatalf("forged segment not refused as such: %q", rep.Rejected)
	}
	if got := value(t, prov, "POP", "QN_HALONG_01", "2024"); got != "" {
		t.Fatalf("forged value applied: %s", got)
	}

	// A segment signed with a key of its own (not the certificate's) is
	// refused too, even when it carries a genuine certificate.
	commune := newOffice(t, prov, "UBND phường Hà Khẩu", "QN_HALONG_01")
	id, err := LoadIdentity(commune)
	if err != nil {
		t.Fatal(err)
	}
	_, other, _ := ed25519.GenerateKey(rand.Reader)
	forger := *id
	forger.Key = other
	g, _, err := seal(&forger, commune.Device(), 1, "", []store.Op{{ID: store.OpID{Writer: commune.Device(), Seq: 1}, HLC: time.Now().UnixMilli() << 16,
		Element: "POP", Area: "QN_HALONG_01", Period: "2024", Value: "5", Author: "x", At: "2024-01-01T00:00:00Z"}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := putSegment(folderWriter{dir}, g); err != nil {
		t.Fatal(err)
	}
	rep = syncWith(t, prov, dir)
	if !strings.Contains(strings.Join(rep.Rejected, "\n"), "signature is not valid") {
		t.Fatalf("segment signed with the wrong key not refused: %q", rep.Rejected)
	}
	if got := value(t, prov, "POP", "QN_HALONG_01", "2024"); got != "" {
		t.Fatalf("forged value applied: %s", got)
	}
}

func TestReplayedSegmentsChangeNothing(t *testing.T) {
	prov := newProvince(t)
	commune := newOffice(t, prov, "UBND phường Hà Khẩu", "QN_HALONG_01")
	set(t, commune, "POP", "QN_HALONG_01", "2024", "1000")
	pkg := filepath.Join(t.TempDir(), "a"+PackageExt)
	if _, err := ExportPackage(ctx, commune, pkg, "en", nil); err != nil {
		t.Fatal(err)
	}
	rep, err := ImportPackage(ctx, prov, pkg, "en", nil)
	if err != nil || rep.Applied != 1 {
		t.Fatalf("first import: %+v, %v", rep, err)
	}
	// The province changes the value; replaying the old package must not
	// bring the old value back.
	set(t, prov, "POP", "QN_HALONG_01", "2024", "1001")
	rep, err = ImportPackage(ctx, prov, pkg, "en", nil)
	if err != nil || rep.Applied != 0 || len(rep.Rejected) != 0 {
		t.Fatalf("replay: %+v, %v", rep, err)
	}
	if got := value(t, prov, "POP", "QN_HALONG_01", "2024"); got != "1001" {
		t.Fatalf("replay changed the value to %s", got)
	}
	// A segment copied under another number breaks the chain: refused.
	dir := t.TempDir()
	syncWith(t, commune, dir)
	for _, ext := range []string{dataExt, manifestExt, signatureExt} {
		src := segmentFile(t, dir, commune.Device(), 1, ext)
		b, _ := os.ReadFile(src)
		os.WriteFile(strings.Replace(src, "000001-", "000002-", 1), b, 0o644)
	}
	rep = syncWith(t, prov, dir)
	if len(rep.Rejected) != 1 || !strings.Contains(rep.Rejected[0], "not its folder") {
		t.Fatalf("renumbered copy: %q", rep.Rejected)
	}
}

func TestClockTenYearsAheadIsFlaggedNotBelieved(t *testing.T) {
	prov := newProvince(t)
	commune := newOffice(t, prov, "UBND phường Hà Khẩu", "QN_HALONG_01")
	id, err := LoadIdentity(commune)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	ahead := time.Now().AddDate(10, 0, 0)
	g, _, err := seal(id, commune.Device(), 1, "", []store.Op{{ID: store.OpID{Writer: commune.Device(), Seq: 1}, HLC: ahead.UnixMilli() << 16,
		Element: "POP", Area: "QN_HALONG_01", Period: "2024", Value: "1000", Author: "Lan", At: ahead.UTC().Format(time.RFC3339)}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := putSegment(folderWriter{dir}, g); err != nil {
		t.Fatal(err)
	}
	rep := syncWith(t, prov, dir)
	if len(rep.ClockAhead) != 1 || rep.ClockAhead[0] != "UBND phường Hà Khẩu" || rep.Applied != 1 {
		t.Fatalf("report: %+v", rep)
	}
	ws, _ := prov.Writers(ctx)
	if ws[commune.Device()].Status != "clock-ahead" {
		t.Fatalf("writer status %q", ws[commune.Device()].Status)
	}
	// The province's clock did not jump ten years: its correction, made
	// after seeing the value, replaces it, and carries today's clock.
	set(t, prov, "POP", "QN_HALONG_01", "2024", "1010")
	var last store.Op
	prov.Ops(ctx, 0, func(op store.Op) error { last = op; return nil })
	if last.HLC > time.Now().Add(time.Hour).UnixMilli()<<16 {
		t.Fatalf("local clock was moved ahead: %d", last.HLC>>16)
	}
	if got := value(t, prov, "POP", "QN_HALONG_01", "2024"); got != "1010" {
		t.Fatalf("a later edit lost to the future-dated one: %s", got)
	}
}

func TestStickPulledMidWrite(t *testing.T) {
	prov := newProvince(t)
	commune := newOffice(t, prov, "UBND phường Hà Khẩu", "QN_HALONG_01")
	dir := t.TempDir()
	set(t, commune, "POP", "QN_HALONG_01", "2024", "1000")
	syncWith(t, commune, dir)
	// The stick was pulled before the signature was written: a leftover
	// temporary file, the data and manifest, no signature.
	sig := segmentFile(t, dir, commune.Device(), 1, signatureExt)
	os.Remove(sig)
	os.WriteFile(filepath.Join(dir, tmpDir, "0123456789abcdef"), []byte("half"), 0o644)
	rep := syncWith(t, prov, dir)
	if rep.Applied != 0 || len(rep.Rejected) != 0 || len(rep.Waiting) != 1 || !strings.HasSuffix(rep.Waiting[0], "/1 (files missing)") {
		t.Fatalf("an incomplete segment must be waited for, not applied or refused: %+v", rep)
	}
	syncWith(t, commune, dir) // the stick is back in the commune's laptop
	rep = syncWith(t, prov, dir)
	if rep.Applied != 1 || value(t, prov, "POP", "QN_HALONG_01", "2024") != "1000" {
		t.Fatalf("after the rewrite: %+v", rep)
	}
}

func TestBadPackagesAreRefusedClearly(t *testing.T) {
	prov := newProvince(t)
	commune := newOffice(t, prov, "UBND phường Hà Khẩu", "QN_HALONG_01")
	set(t, commune, "POP", "QN_HALONG_01", "2024", "1000")
	tmp := t.TempDir()
	pkg := filepath.Join(tmp, "a"+PackageExt)
	if _, err := ExportPackage(ctx, commune, pkg, "en", nil); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(pkg)
	truncated := filepath.Join(tmp, "cut"+PackageExt)
	os.WriteFile(truncated, b[:len(b)*2/3], 0o644)
	text := filepath.Join(tmp, "notes.txt")
	os.WriteFile(text, []byte("Báo cáo"), 0o644)
	for path, want := range map[string]string{truncated: "damaged or truncated", text: "not a Chỉ Số sync package", filepath.Join(tmp, "none"): "cannot open"} {
		_, err := ImportPackage(ctx, prov, path, "en", nil)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: error %v, want %q", filepath.Base(path), err, want)
		}
	}
	if got := value(t, prov, "POP", "QN_HALONG_01", "2024"); got != "" {
		t.Fatalf("a value came through a bad package: %s", got)
	}
}

func TestRestoredDatabaseTakesANewIdentity(t *testing.T) {
	prov := newProvince(t)
	commune := newOffice(t, prov, "UBND phường Hà Khẩu", "QN_HALONG_01")
	dir := t.TempDir()
	backup := filepath.Join(t.TempDir(), "backup.db")
	set(t, commune, "POP", "QN_HALONG_01", "2024", "1000")
	if err := commune.Backup(ctx, backup); err != nil {
		t.Fatal(err)
	}
	set(t, commune, "POP", "QN_HALONG_01", "2022", "1010")
	syncWith(t, commune, dir)
	old := commune.Device()
	path := commune.Path()
	commune.Close()
	if err := store.RestoreBackup(ctx, backup, path); err != nil {
		t.Fatal(err)
	}
	restored, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer restored.Close()
	if restored.Device() == old {
		t.Fatal("the restored database kept the device id of the one it came from")
	}
	// It writes under its new id, and receives what the old one had sent.
	set(t, restored, "POP", "QN_HALONG_01", "2023", "990")
	rep := syncWith(t, restored, dir)
	if len(rep.Rejected) != 0 || value(t, restored, "POP", "QN_HALONG_01", "2022") != "1010" {
		t.Fatalf("restored sync: %+v", rep)
	}
	rep = syncWith(t, prov, dir)
	if len(rep.Rejected) != 0 || value(t, prov, "POP", "QN_HALONG_01", "2023") != "990" || value(t, prov, "POP", "QN_HALONG_01", "2022") != "1010" {
		t.Fatalf("province after the restore: %+v", rep)
	}
}
