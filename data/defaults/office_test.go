package defaults_test

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"chiso/data/adminmap"
	"chiso/data/catalog"
	"chiso/data/defaults"
	"chiso/data/msg"
	"chiso/data/store"
)

// TestInstallOffice installs the database of the office of Xã Ba Chẽ and
// reads it back from the file: the office, its forms, every unit in
// force today, and Quảng Ninh's units of before with the history that the
// store must keep (successors, shares, parents over time).
func TestInstallOffice(t *testing.T) {
	ctx := context.Background()
	st, err := store.Open(filepath.Join(t.TempDir(), "xa.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if defaults.Installed(st) {
		t.Fatal("a new file says it is installed")
	}
	if err := defaults.InstallOffice(ctx, st, "06970", ""); err != nil {
		t.Fatal(err)
	}
	if !defaults.Installed(st) {
		t.Error("not marked installed")
	}
	if name, _ := st.Meta(defaults.MetaOffice); name != "UBND xã Ba Chẽ" {
		t.Errorf("office %q", name)
	}
	if area, _ := st.Meta(defaults.MetaOfficeArea); area != "06970" {
		t.Errorf("office area %q", area)
	}
	if defaults.IsDemo(st) {
		t.Error("an office's database says it holds the demo")
	}
	c, err := st.Catalog(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want, err := defaults.Catalog()
	if err != nil {
		t.Fatal(err)
	}
	if len(c.DataSets) != len(want.DataSets) || len(c.Elements) != len(want.Elements) {
		t.Errorf("%d forms and %d elements, want those of the default catalog (%d, %d)", len(c.DataSets), len(c.Elements), len(want.DataSets), len(want.Elements))
	}
	areas := map[string]catalog.Area{}
	today := 0
	for _, a := range c.Areas {
		areas[a.Code] = a
		if a.ValidTo == "" && a.Level == adminmap.LevelCommune {
			today++
		}
	}
	if today != 3321 {
		t.Errorf("%d communes in force today, want 3,321", today)
	}
	if a := areas["X06988"]; a.Name != "Xã Đồn Đạc" || !slices.Equal(a.Successors, []string{"06970"}) || a.Parent != "H202" {
		t.Errorf("Xã Đồn Đạc read back as %+v", a)
	}
	// Xã Hải Hòa went in part to two units, with the population to one.
	if a := areas["X06799"]; len(a.Shares) != 2 || a.Shares["06886"] != 1 || a.Shares["06799"] != 0 {
		t.Errorf("shares of Xã Hải Hòa: %v", a.Shares)
	}
	// The communes of Hoành Bồ moved to Hạ Long on 1/1/2020.
	if a := areas["X07033"]; len(a.Parents) != 2 || a.Parents[0].Parent != "H204" || a.Parents[1] != (catalog.ParentSpan{Parent: "H193", From: "2020-01-01", To: "2025-06-30"}) {
		t.Errorf("parents of Xã Kỳ Thượng: %+v", a.Parents)
	}
	if _, ok := areas["T01"]; ok {
		t.Error("the Hà Nội of before is installed for an office of Quảng Ninh")
	}
}

// TestOfficeAreaRefuses names what is wrong with an area that is not
// today's commune or province, in both languages.
func TestOfficeAreaRefuses(t *testing.T) {
	l, err := adminmap.Load()
	if err != nil {
		t.Fatal(err)
	}
	for area, want := range map[string]string{
		"X06988": "X06988 là Xã Đồn Đạc, đơn vị trước ngày 01/7/2025; nay thuộc 06970 Xã Ba Chẽ",
		"99999":  `không có đơn vị hành chính mã "99999"`,
		"VN":     "VN không phải xã hay tỉnh",
	} {
		_, err := defaults.OfficeArea(l, area)
		if err == nil || !strings.Contains(msg.Text(err, "vi"), want) || msg.Text(err, "en") == msg.Text(err, "vi") {
			t.Errorf("OfficeArea(%s): %v, want %q", area, err, want)
		}
	}
	if u, err := defaults.OfficeArea(l, "22"); err != nil || defaults.OfficeName(u) != "UBND thành phố Quảng Ninh" {
		t.Errorf("OfficeArea(22): %v %v", u, err)
	}
}
