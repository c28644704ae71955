package replica

import (
	"crypto/ed25519"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestOnlyTheProvinceSignsCatalogs: the province's catalog versions are
// signed by its office key (no root key, no passphrase needed to sync); a
// version signed by a commune office, with its genuine certificate, is
// refused; one signed by the root itself, as older versions did, is still
// accepted.
func TestOnlyTheProvinceSignsCatalogs(t *testing.T) {
	prov := newProvince(t)
	commune := newOffice(t, prov, "UBND phường Hà Khẩu", "QN_HALONG_01")
	other := newOffice(t, prov, "UBND phường Hà Trung", "QN_HALONG_02")
	dir := t.TempDir()
	syncWith(t, prov, dir)
	b, err := os.ReadFile(filepath.Join(dir, catalogPath(1)))
	if err != nil {
		t.Fatal(err)
	}
	var v1 SignedCatalog
	if err := json.Unmarshal(b, &v1); err != nil {
		t.Fatal(err)
	}
	if v1.Signer == nil || !strings.Contains(string(v1.Signer.Body), "Cục Thống kê Quảng Ninh") {
		t.Fatalf("catalog version 1 is not signed by the province's office: %+v", v1.Signer)
	}

	// The commune signs a version of its own with its office key.
	id, err := LoadIdentity(commune)
	if err != nil {
		t.Fatal(err)
	}
	body := []byte(strings.Replace(string(v1.Body), "Phường Hạ Long 01", "Phường của xã tự đặt", 1))
	forged := SignedCatalog{Version: 2, Body: body, Signer: &id.Signed}
	forged.Sig = ed25519.Sign(id.Key, forged.signedBytes())
	data, _ := json.Marshal(forged)
	os.WriteFile(filepath.Join(dir, catalogPath(2)), data, 0o644)
	rep := syncWith(t, other, dir)
	if len(rep.Rejected) != 1 || !strings.Contains(rep.Rejected[0], "catalog version 2 is not signed by the province: UBND phường Hà Khẩu is not the province") {
		t.Fatalf("a catalog signed by a commune: %q", rep.Rejected)
	}
	if rep.CatalogVersion != 0 {
		t.Fatalf("the commune's catalog was applied: %+v", rep)
	}

	// A version signed by the root itself (older versions) is accepted.
	key, _ := rootKeys.Load(prov)
	byRoot := SignedCatalog{Version: 2, Body: body}
	byRoot.Sig = ed25519.Sign(key.(ed25519.PrivateKey), byRoot.signedBytes())
	data, _ = json.Marshal(byRoot)
	os.WriteFile(filepath.Join(dir, catalogPath(2)), data, 0o644)
	if rep := syncWith(t, other, dir); rep.CatalogVersion != 2 || len(rep.Rejected) != 0 {
		t.Fatalf("a catalog signed by the root: %+v", rep)
	}
}
