package replica

import (
	"crypto/ed25519"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"chiso/data/store"
)

// writeSegment seals ops of st as its segment number, following the
// manifest prev, dated created, and puts it into the sync folder dir, as a
// stolen laptop (or key) could.
func writeSegment(t *testing.T, st *store.Store, dir string, number int64, prev string, created time.Time, ops ...store.Op) {
	t.Helper()
	id, err := LoadIdentity(st)
	if err != nil {
		t.Fatal(err)
	}
	ws, err := st.Writers(ctx)
	if err != nil {
		t.Fatal(err)
	}
	me := ws[st.Device()]
	for i := range ops {
		ops[i].ID = store.OpID{Writer: st.Device(), Seq: me.Seen + int64(i) + 1}
		ops[i].HLC = created.UnixMilli() << 16
		ops[i].At = created.UTC().Format(time.RFC3339)
	}
	g, _, err := seal(id, st.Device(), number, prev, ops)
	if err != nil {
		t.Fatal(err)
	}
	var m Manifest
	if err := json.Unmarshal(g.Manifest, &m); err != nil {
		t.Fatal(err)
	}
	m.Created = created.UTC().Format(time.RFC3339)
	if g.Manifest, err = json.Marshal(m); err != nil {
		t.Fatal(err)
	}
	g.Sig = ed25519.Sign(id.Key, g.Manifest)
	if _, err := putSegment(folderWriter{dir}, g); err != nil {
		t.Fatal(err)
	}
}

func serialOf(t *testing.T, st *store.Store) string {
	t.Helper()
	id, err := LoadIdentity(st)
	if err != nil {
		t.Fatal(err)
	}
	return id.Cert.Serial
}

// TestRevokedCertificateKeepsOnlyWhatWasReceived: a commune's laptop is
// stolen. The province revokes its certificate; the revocation names the
// last file the province had received from it. Files signed after it are
// refused everywhere — also one back-dated to before the revocation, and
// one from another computer loaded with the same office file — while the
// earlier ones stay. An office that had applied a later file before the
// revocation reached it ends like the province.
func TestRevokedCertificateKeepsOnlyWhatWasReceived(t *testing.T) {
	prov := newProvince(t)
	file := issueOffice(t, prov, "UBND phường Hà Khẩu", Commune, "QN_HALONG_01")
	stolen := openDB(t, "stolen")
	if _, err := LoadOfficeFile(ctx, stolen, file); err != nil {
		t.Fatal(err)
	}
	neighbour := newOffice(t, prov, "UBND phường Hà Phong", "QN_HALONG_02")
	dir, late := t.TempDir(), t.TempDir()

	set(t, stolen, "POP", "QN_HALONG_01", "2024", "1000")
	syncWith(t, stolen, dir)
	set(t, stolen, "HH_TOTAL", "QN_HALONG_01", "2024", "300")
	syncWith(t, stolen, dir)
	syncWith(t, prov, dir)
	syncWith(t, neighbour, dir)

	// The thief writes on: a third file (which the neighbour receives
	// through another folder before the revocation reaches it)…
	set(t, stolen, "POP", "QN_HALONG_01", "2024", "1")
	syncWith(t, stolen, late)
	syncWith(t, neighbour, late)
	if got := value(t, neighbour, "POP", "QN_HALONG_01", "2024"); got != "1" {
		t.Fatalf("before the revocation the neighbour shows %q", got)
	}

	rev, err := Revoke(ctx, prov, serialOf(t, stolen), "máy bị mất cắp")
	if err != nil {
		t.Fatal(err)
	}
	if len(rev.Cut) != 1 || rev.Cut[0].Writer != stolen.Device() || rev.Cut[0].Segment != 2 || rev.Cut[0].LastSeq != 2 {
		t.Fatalf("cut %+v", rev.Cut)
	}
	if _, err := Revoke(ctx, prov, rev.Serial, ""); err == nil {
		t.Error("a certificate was revoked twice")
	}
	if _, err := Revoke(ctx, neighbour, rev.Serial, ""); err == nil {
		t.Error("a commune revoked a certificate")
	}

	// …then another third file, back-dated to yesterday, before the
	// revocation, and a file from a second computer loaded with the same
	// office file.
	forged := t.TempDir()
	writeSegment(t, stolen, forged, 3, rev.Cut[0].Manifest, time.Now().Add(-20*time.Hour),
		store.Op{Element: "HH_TOTAL", Area: "QN_HALONG_01", Period: "2024", Value: "9", Author: "?"})
	copyDB := openDB(t, "copy")
	if _, err := LoadOfficeFile(ctx, copyDB, file); err != nil {
		t.Fatal(err)
	}
	set(t, copyDB, "POP", "QN_HALONG_01", "2023", "7")
	syncWith(t, copyDB, dir)
	for _, c := range []struct{ dir, what string }{
		{late, stolen.Device() + "/3"}, {forged, stolen.Device() + "/3"}, {dir, copyDB.Device() + "/1"},
	} {
		rep, err := Sync(ctx, prov, c.dir, "vi", nil)
		if err != nil {
			t.Fatal(err)
		}
		if len(rep.Rejected) != 1 || !strings.HasPrefix(rep.Rejected[0], c.what+": ") || !strings.Contains(rep.Rejected[0], "đã bị tỉnh thu hồi") {
			t.Errorf("the province's sync of %s refused %q, want %s for the revocation", c.what, rep.Rejected, c.what)
		}
	}
	syncWith(t, neighbour, dir)
	for name, st := range map[string]*store.Store{"province": prov, "neighbour": neighbour} {
		if got := value(t, st, "POP", "QN_HALONG_01", "2024"); got != "1000" {
			t.Errorf("%s shows POP %q, want 1000 (received before the cut)", name, got)
		}
		if got := value(t, st, "HH_TOTAL", "QN_HALONG_01", "2024"); got != "300" {
			t.Errorf("%s shows HH_TOTAL %q, want 300", name, got)
		}
		if got := value(t, st, "POP", "QN_HALONG_01", "2023"); got != "" {
			t.Errorf("%s took the copy's value %q", name, got)
		}
	}
	// The same figures; the neighbour also keeps, set aside as revoked, the
	// change the province never received.
	a, b := state(t, prov), state(t, neighbour)
	if kept := "aside revoked  POP QN_HALONG_01 2024 " + stolen.Device() + ":3\n"; a != strings.Replace(b, kept, "", 1) || !strings.Contains(b, kept) {
		t.Errorf("province and neighbour differ:\n%s\n%s", a, b)
	}
	// The revoked office learns of it at its next sync and then stops
	// sending.
	set(t, stolen, "POP", "QN_HALONG_01", "2024", "2")
	Sync(ctx, stolen, dir, "en", nil)
	rep, err := Sync(ctx, stolen, dir, "en", nil)
	if err != nil {
		t.Fatal(err)
	}
	if !rep.Revoked || rep.Exported != 0 {
		t.Errorf("the revoked office's sync: %+v", rep)
	}
	certs, err := Certificates(ctx, prov)
	if err != nil {
		t.Fatal(err)
	}
	revoked := 0
	for _, c := range certs {
		if c.Revoked != nil {
			revoked++
			if c.Office != "UBND phường Hà Khẩu" || len(c.Devices) != 1 {
				t.Errorf("revoked certificate %+v", c)
			}
		}
	}
	if revoked != 1 || len(certs) != 2 { // the two it issued
		t.Errorf("%d certificates, %d revoked: %+v", len(certs), revoked, certs)
	}
}
