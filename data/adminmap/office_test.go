package adminmap

import (
	"strings"
	"testing"
)

// TestForProvince keeps every unit in force today and, of the units of
// before, those of Quảng Ninh: found naively here by walking each one's
// parents up to the old province T22 on its last day.
func TestForProvince(t *testing.T) {
	l := load(t)
	areas, err := l.ForProvince("22")
	if err != nil {
		t.Fatal(err)
	}
	units := byCode(l)
	oldProvince := func(u *Unit) string {
		for u.Level > LevelProvince {
			u = units[u.ParentOn(u.ValidTo)]
		}
		return u.Code
	}
	want := map[string]bool{}
	for i := range l.Units {
		u := &l.Units[i]
		if u.ValidTo == "" || u.Level >= LevelProvince && oldProvince(u) == "T22" {
			want[u.Code] = true
		}
	}
	got := map[string]bool{}
	today := 0
	for _, a := range areas {
		got[a.Code] = true
		if a.ValidTo == "" {
			today++
		}
	}
	if today != 1+34+3321 {
		t.Errorf("%d units in force today, want the nation, 34 provinces and 3,321 communes", today)
	}
	for c := range want {
		if !got[c] {
			t.Errorf("%s %s is missing", c, units[c].Name)
		}
	}
	for c := range got {
		if !want[c] {
			t.Errorf("%s %s is kept, but is not of Quảng Ninh", c, units[c].Name)
		}
	}
	c := defaultCatalog(t)
	c.Areas = areas
	if err := c.Validate(); err != nil {
		t.Error(err)
	}
	t.Logf("Quảng Ninh: %d areas, %d of them before the reform", len(areas), len(areas)-today)
	if _, err := l.ForProvince("T22"); err == nil {
		t.Error("the province of before (T22) accepted as today's")
	}
}

func describe(ms []Match) string {
	var out []string
	for _, m := range ms {
		s := m.Unit.Code + " " + m.Unit.Name
		if m.Former != "" {
			s += " < " + m.Former
		}
		if m.Loose {
			s += " ~"
		}
		out = append(out, s)
	}
	return strings.Join(out, "; ")
}

// TestFinder finds communes by their own name first, then by a former
// one, loosely only when nothing matches exactly.
func TestFinder(t *testing.T) {
	l := load(t)
	f := l.NewFinder(LevelCommune)
	tests := []struct{ query, province, want string }{
		// The example: Xã Đồn Đạc, typed with -ng, is today part
		// of Xã Ba Chẽ.
		// Đặc khu Vân Đồn has the words, not in their order.
		{"dong dac", "22", "06970 Xã Ba Chẽ < Xã Đồn Đạc ~; 06994 Đặc khu Vân Đồn ~"},
		{"don dac", "22", "06970 Xã Ba Chẽ < Xã Đồn Đạc; 06994 Đặc khu Vân Đồn"},
		{"don dac", "", "06970 Xã Ba Chẽ < Xã Đồn Đạc; 06994 Đặc khu Vân Đồn"},
		{"ba che", "22", "06970 Xã Ba Chẽ"},
		// Word starts: Tiên Nguyên is not a Tiên Yên; Xã Tiền Yên was.
		{"tien yen", "", "01261 Xã Tiên Yên; 06862 Xã Tiên Yên; 09871 Xã Sơn Đồng < Xã Tiền Yên; 13864 Xã Vạn Thắng < Xã Yên Tiến"},
		// Xã Hạ Long of Vân Đồn is today part of Đặc khu Vân Đồn.
		{"ha long", "22", "06688 Phường Hạ Long; 06994 Đặc khu Vân Đồn < Xã Hạ Long"},
		{"hoanh bo", "22", "07030 Phường Hoành Bồ"},
		// Renamed in 2026: found by the name of before.
		{"xa bo ha", "24", "07294 Phường Bố Hạ < Xã Bố Hạ"},
	}
	for _, tt := range tests {
		if got := describe(f.Find(tt.query, tt.province)); got != tt.want {
			t.Errorf("Find(%q, %q) = %s\nwant %s", tt.query, tt.province, got, tt.want)
		}
	}
	if n := len(f.Find("", "22")); n != 54 {
		t.Errorf("%d communes of Quảng Ninh, want 54", n)
	}
	all := f.Find("", "")
	if len(all) != 3321 {
		t.Errorf("%d communes in all, want 3321", len(all))
	}
}
