package replica

import (
	"cmp"
	"crypto/ed25519"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"chiso/data/catalog"
	"chiso/data/defaults"
	"chiso/data/store"
)

// signCatalogFile writes body into the sync folder dir as catalog version
// n, signed by the province, as a province's program would publish it.
func signCatalogFile(t *testing.T, prov *store.Store, dir string, n int64, body []byte) {
	t.Helper()
	id, err := LoadIdentity(prov)
	if err != nil {
		t.Fatal(err)
	}
	sc := SignedCatalog{Version: n, Body: body, Signer: &id.Signed}
	sc.Sig = ed25519.Sign(id.Key, sc.signedBytes())
	b, err := json.Marshal(sc)
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, catalogPath(n))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestOfficialCatalogTravelsWhole loads the official catalog at the
// province and syncs: the commune's catalog is then the province's, field
// for field — version marker, legal bases, official codes and groups,
// deadlines, form layouts.
func TestOfficialCatalogTravelsWhole(t *testing.T) {
	prov := newProvince(t)
	commune := newOffice(t, prov, "UBND phường Hà Khẩu", "QN_HALONG_01")
	dir := t.TempDir()
	o, err := defaults.Official()
	if err != nil {
		t.Fatal(err)
	}
	o.Elements[0].OfficialCode = "X0101"
	o.DataSets[0].FormSymbol, o.DataSets[0].DueDays = "01.N/RSHN", 20
	if _, err := defaults.LoadCatalog(ctx, prov, o); err != nil {
		t.Fatal(err)
	}
	syncWith(t, prov, dir)
	if rep := syncWith(t, commune, dir); rep.CatalogVersion == 0 || len(rep.Rejected) != 0 {
		t.Fatalf("commune sync: %+v", rep)
	}
	want, err := prov.Catalog(ctx)
	if err != nil {
		t.Fatal(err)
	}
	got, err := commune.Catalog(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if got.Version != o.Version || len(got.Layouts) != len(o.Layouts) || len(got.LegalBases) != len(o.LegalBases) {
		t.Fatalf("commune has version %q, %d layouts, %d legal bases; want %q, %d, %d",
			got.Version, len(got.Layouts), len(got.LegalBases), o.Version, len(o.Layouts), len(o.LegalBases))
	}
	// The commune lists the areas in the order it received them.
	for _, c := range []*catalog.Catalog{want, got} {
		slices.SortFunc(c.Areas, func(a, b catalog.Area) int { return cmp.Compare(a.Code, b.Code) })
	}
	if !reflect.DeepEqual(got, want) {
		g, _ := json.Marshal(got)
		w, _ := json.Marshal(want)
		t.Fatalf("the commune's catalog differs from the province's:\n%.2000s\n%.2000s", g, w)
	}
}

// TestNewerCatalogFormatAsksForAnUpdate: a catalog version in a format
// newer than this program reads (with fields it does not know) is refused
// with a message asking to update the program, nothing of it is applied,
// and the sync goes on.
func TestNewerCatalogFormatAsksForAnUpdate(t *testing.T) {
	prov := newProvince(t)
	commune := newOffice(t, prov, "UBND phường Hà Khẩu", "QN_HALONG_01")
	dir := t.TempDir()
	syncWith(t, prov, dir)
	syncWith(t, commune, dir)
	before, err := commune.Catalog(ctx)
	if err != nil {
		t.Fatal(err)
	}

	body := `{"format":` + itoa(catalog.Format+1) + `,"version":"VN-2030.01-1","elements":[{"code":"POP","name_vi":"Dân số mới","name_en":"New population",` +
		`"unit_vi":"người","unit_en":"persons","value_type":"integer","aggregation":"sum","decimals":0,"disaggregation_rules":{"by":"sex"}}]}`
	signCatalogFile(t, prov, dir, 5, []byte(body))
	rep, err := Sync(ctx, commune, dir, "vi", nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Rejected) != 1 || !strings.Contains(rep.Rejected[0], "cập nhật phần mềm") || strings.Contains(rep.Rejected[0], "unknown field") {
		t.Fatalf("rejected %q, want one refusal asking to update the app, with no JSON error", rep.Rejected)
	}
	rep = syncWith(t, commune, dir)
	if len(rep.Rejected) != 1 || !strings.Contains(rep.Rejected[0], "update the app") {
		t.Fatalf("in English: %q", rep.Rejected)
	}
	after, err := commune.Catalog(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(before, after) {
		t.Fatal("the newer catalog changed the commune's catalog")
	}
}

// TestOlderCatalogFormatIsRead: a catalog version as the first releases
// signed it (no format, none of the official fields) is read and applied.
func TestOlderCatalogFormatIsRead(t *testing.T) {
	prov := newProvince(t)
	commune := newOffice(t, prov, "UBND phường Hà Khẩu", "QN_HALONG_01")
	dir := t.TempDir()
	syncWith(t, prov, dir)
	syncWith(t, commune, dir)

	old := `{"elements":[{"code":"HH_MIGRANT","name_vi":"Số hộ tạm trú","name_en":"Temporary resident households",` +
		`"unit_vi":"hộ","unit_en":"households","value_type":"integer","aggregation":"sum","decimals":0}],` +
		`"datasets":[{"code":"TAM_TRU","name_vi":"Hộ tạm trú","name_en":"Temporary residents","period_type":"year","elements":["HH_MIGRANT"]}]}`
	signCatalogFile(t, prov, dir, 7, []byte(old))
	rep := syncWith(t, commune, dir)
	if rep.CatalogVersion != 7 || len(rep.Rejected) != 0 {
		t.Fatalf("commune sync: %+v", rep)
	}
	got, err := commune.Catalog(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.ContainsFunc(got.DataSets, func(d catalog.DataSet) bool { return d.Code == "TAM_TRU" }) {
		t.Fatal("the older catalog's form was not applied")
	}
}

func itoa(n int) string { b, _ := json.Marshal(n); return string(b) }
