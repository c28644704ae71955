package replica

import (
	"context"
	"crypto/ed25519"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"chiso/data/catalog"
	"chiso/data/defaults"
	"chiso/data/rootkey"
	"chiso/data/store"
)

var ctx = context.Background()

// newProvince opens a new database with the demo catalog (Quảng Ninh) and
// makes it the province, certified for QN.
func newProvince(t testing.TB) *store.Store {
	t.Helper()
	st := openDB(t, "province")
	c, err := defaults.DemoCatalog()
	if err != nil {
		t.Fatal(err)
	}
	if err := st.SaveCatalog(ctx, c); err != nil {
		t.Fatal(err)
	}
	makeProvince(t, st, "Cục Thống kê Quảng Ninh", "QN")
	return st
}

// testPassphrase is the passphrase of the test provinces' root keys.
const testPassphrase = "mật khẩu của tỉnh"

// rootKeys holds the root key of each province database of the tests,
// unlocked once when it is made.
var rootKeys sync.Map // *store.Store → ed25519.PrivateKey

// makeProvince makes st the province certified for areas, its root key in
// a folder of the test's own.
func makeProvince(t testing.TB, st *store.Store, office string, areas ...string) rootkey.Dir {
	t.Helper()
	keys := rootkey.Dir(t.TempDir())
	if _, _, err := CreateProvince(ctx, st, office, areas, keys, testPassphrase); err != nil {
		t.Fatal(err)
	}
	key, err := UnlockRoot(st, keys, testPassphrase)
	if err != nil {
		t.Fatal(err)
	}
	rootKeys.Store(st, key)
	return keys
}

// issueOffice is the office file the province prov issues for areas.
func issueOffice(t testing.TB, prov *store.Store, name string, role Role, areas ...string) []byte {
	t.Helper()
	key, _ := rootKeys.Load(prov)
	file, err := IssueOffice(ctx, prov, key.(ed25519.PrivateKey), name, role, areas, 2)
	if err != nil {
		t.Fatal(err)
	}
	return file
}

func openDB(t testing.TB, name string) *store.Store {
	t.Helper()
	st, err := store.Open(filepath.Join(t.TempDir(), name+".db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		// Whatever the test did, the subtotals the values make are kept.
		// (Unless the test closed the database itself.)
		if problems, err := st.Check(context.Background()); err != nil && !strings.Contains(err.Error(), "database is closed") || len(problems) > 0 {
			t.Errorf("%s: %v %v", name, err, problems)
		}
		st.Close()
	})
	return st
}

// newOffice opens an empty database and sets it up with an office file the
// province issues for areas: the catalog comes with the file.
func newOffice(t testing.TB, prov *store.Store, name string, areas ...string) *store.Store {
	t.Helper()
	file := issueOffice(t, prov, name, Commune, areas...)
	st := openDB(t, name)
	if _, err := LoadOfficeFile(ctx, st, file); err != nil {
		t.Fatal(err)
	}
	return st
}

func set(t testing.TB, st *store.Store, element, area, per, value string) {
	t.Helper()
	if _, err := st.Save(ctx, store.Change{Element: element, Area: area, Period: per, Value: value}); err != nil {
		t.Fatal(err)
	}
}

func value(t testing.TB, st *store.Store, element, area, per string) string {
	t.Helper()
	vs, err := st.Values(ctx, store.ValueFilter{Elements: []string{element}, Areas: []string{area}, Periods: []string{per}})
	if err != nil {
		t.Fatal(err)
	}
	if len(vs) == 0 {
		return ""
	}
	return vs[0].Value
}

func syncWith(t testing.TB, st *store.Store, dir string) *Report {
	t.Helper()
	rep, err := Sync(ctx, st, dir, "en", nil)
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

func TestValueTravelsThroughFolderAndBack(t *testing.T) {
	prov := newProvince(t)
	commune := newOffice(t, prov, "UBND phường Hà Khẩu", "QN_HALONG_01")
	dir := t.TempDir()
	set(t, commune, "POP", "QN_HALONG_01", "2024", "12345")

	rep := syncWith(t, commune, dir)
	if rep.Exported != 1 || rep.Written != 1 {
		t.Fatalf("commune sync: %+v", rep)
	}
	rep = syncWith(t, prov, dir)
	if rep.Applied != 1 || len(rep.Rejected) != 0 {
		t.Fatalf("province sync: %+v", rep)
	}
	if got := value(t, prov, "POP", "QN_HALONG_01", "2024"); got != "12345" {
		t.Fatalf("province sees %q, want 12345", got)
	}
	// The province corrects the value; the commune receives the correction
	// as a replacement of its own change, not as a conflict.
	set(t, prov, "POP", "QN_HALONG_01", "2024", "12400")
	syncWith(t, prov, dir)
	rep = syncWith(t, commune, dir)
	if rep.Applied != 1 || rep.Conflicts != 0 {
		t.Fatalf("commune second sync: %+v", rep)
	}
	if got := value(t, commune, "POP", "QN_HALONG_01", "2024"); got != "12400" {
		t.Fatalf("commune sees %q, want 12400", got)
	}
	// Syncing again changes nothing.
	for _, st := range []*store.Store{prov, commune} {
		rep := syncWith(t, st, dir)
		if rep.Applied != 0 || rep.Exported != 0 || rep.Written != 0 {
			t.Fatalf("repeated sync did something: %+v", rep)
		}
	}
}

func TestConcurrentEditsShowTheSameConflictEverywhere(t *testing.T) {
	prov := newProvince(t)
	commune := newOffice(t, prov, "UBND phường Hà Khẩu", "QN_HALONG_01")
	dir := t.TempDir()
	set(t, commune, "POP", "QN_HALONG_01", "2024", "1000")
	syncWith(t, commune, dir)
	syncWith(t, prov, dir)

	set(t, commune, "POP", "QN_HALONG_01", "2024", "1100")
	set(t, prov, "POP", "QN_HALONG_01", "2024", "1200")
	syncWith(t, commune, dir)
	syncWith(t, prov, dir)
	rep := syncWith(t, commune, dir)
	if rep.Conflicts != 1 {
		t.Fatalf("commune after exchange: %+v", rep)
	}
	pc, cc := conflicts(t, prov), conflicts(t, commune)
	if pc != cc || !strings.Contains(pc, "1100") || !strings.Contains(pc, "1200") {
		t.Fatalf("conflicts differ or miss a side:\nprovince: %s\ncommune:  %s", pc, cc)
	}
	if a, b := value(t, prov, "POP", "QN_HALONG_01", "2024"), value(t, commune, "POP", "QN_HALONG_01", "2024"); a != b {
		t.Fatalf("provisional values differ: province %s, commune %s", a, b)
	}

	// The province resolves it; the resolution syncs and ends the conflict
	// everywhere.
	if err := prov.Resolve(ctx, store.Change{Element: "POP", Area: "QN_HALONG_01", Period: "2024", Value: "1150"}); err != nil {
		t.Fatal(err)
	}
	syncWith(t, prov, dir)
	syncWith(t, commune, dir)
	for name, st := range map[string]*store.Store{"province": prov, "commune": commune} {
		if c := conflicts(t, st); c != "" {
			t.Errorf("%s still has conflicts: %s", name, c)
		}
		if got := value(t, st, "POP", "QN_HALONG_01", "2024"); got != "1150" {
			t.Errorf("%s shows %s, want the resolution 1150", name, got)
		}
	}
}

// conflicts renders a database's conflict list, to compare databases.
func conflicts(t testing.TB, st *store.Store) string {
	t.Helper()
	cs, err := st.Conflicts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, c := range cs {
		fmt.Fprintf(&b, "%s %s %s %s:", c.Element, c.Area, c.Period, c.Category)
		for _, h := range c.Heads {
			fmt.Fprintf(&b, " %s=%s", h.OpID, h.Value)
		}
		b.WriteString("; ")
	}
	return b.String()
}

func TestChangeOutsideTheOfficesAreasIsRefused(t *testing.T) {
	prov := newProvince(t)
	commune := newOffice(t, prov, "UBND phường Hà Khẩu", "QN_HALONG_01")
	dir := t.TempDir()
	set(t, commune, "POP", "QN_HALONG_01", "2024", "1000")
	set(t, commune, "POP", "QN_HALONG_02", "2024", "2000") // a neighbour's area
	syncWith(t, commune, dir)
	rep := syncWith(t, prov, dir)
	if rep.Applied != 1 || rep.Refused != 1 || len(rep.Rejected) != 1 || !strings.Contains(rep.Rejected[0], "POP QN_HALONG_02 2024: UBND phường Hà Khẩu may not write values of area QN_HALONG_02") {
		t.Fatalf("province sync: %+v", rep)
	}
	if got := value(t, prov, "POP", "QN_HALONG_02", "2024"); got != "" {
		t.Fatalf("out-of-scope value applied: %s", got)
	}
	if got := value(t, prov, "POP", "QN_HALONG_01", "2024"); got != "1000" {
		t.Fatalf("in-scope value not applied: %q", got)
	}
}

func TestCatalogChangesTravelSignedByTheProvince(t *testing.T) {
	prov := newProvince(t)
	commune := newOffice(t, prov, "UBND phường Hà Khẩu", "QN_HALONG_01")
	dir := t.TempDir()
	syncWith(t, prov, dir)

	// The province renames an element and adds a commune.
	cat, err := prov.Catalog(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for i := range cat.Elements {
		if cat.Elements[i].Code == "POP" {
			cat.Elements[i].NameVI = "Dân số trung bình (người)"
		}
	}
	cat.Areas = append(cat.Areas, catalog.Area{Code: "QN_HALONG_99", Name: "Phường Mới", Level: 4, Parent: "QN_HALONG", ValidFrom: "2026-01-01"})
	if err := prov.SaveCatalog(ctx, cat); err != nil {
		t.Fatal(err)
	}
	syncWith(t, prov, dir)
	rep := syncWith(t, commune, dir)
	if rep.CatalogVersion != 2 {
		t.Fatalf("commune report: %+v", rep)
	}
	got, err := commune.Catalog(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var name string
	for _, e := range got.Elements {
		if e.Code == "POP" {
			name = e.NameVI
		}
	}
	if name != "Dân số trung bình (người)" || !hasArea(got, "QN_HALONG_99") {
		t.Fatalf("catalog not received: POP %q, new area %v", name, hasArea(got, "QN_HALONG_99"))
	}

	// A catalog version altered on the way is refused and not applied.
	p := filepath.Join(dir, catalogPath(3))
	b, err := os.ReadFile(filepath.Join(dir, catalogPath(2)))
	if err != nil {
		t.Fatal(err)
	}
	forged := strings.Replace(strings.Replace(string(b), `"version":2`, `"version":3`, 1), "Phường Mới", "Phường Giả", 1)
	os.WriteFile(p, []byte(forged), 0o644)
	rep = syncWith(t, commune, dir)
	if len(rep.Rejected) != 1 || !strings.Contains(rep.Rejected[0], "catalog version 3 has no valid signature") {
		t.Fatalf("forged catalog: %q", rep.Rejected)
	}
	got, _ = commune.Catalog(ctx)
	for _, a := range got.Areas {
		if a.Name == "Phường Giả" {
			t.Fatal("the forged catalog was applied")
		}
	}
}

func hasArea(c *catalog.Catalog, code string) bool {
	for _, a := range c.Areas {
		if a.Code == code {
			return true
		}
	}
	return false
}

func TestPackageExportReportsProgress(t *testing.T) {
	prov := newProvince(t)
	commune := newOffice(t, prov, "UBND phường Hà Khẩu", "QN_HALONG_01")
	set(t, commune, "POP", "QN_HALONG_01", "2024", "1000")
	var calls [][2]int
	_, err := ExportPackage(ctx, commune, filepath.Join(t.TempDir(), "p"+PackageExt), "vi", func(done, total int) {
		calls = append(calls, [2]int{done, total})
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(calls) == 0 || calls[len(calls)-1][0] != calls[len(calls)-1][1] || calls[len(calls)-1][1] == 0 {
		t.Fatalf("progress calls %v, want them to end at total", calls)
	}
}
