package adminmap

import (
	"bufio"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"maps"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"chiso/assets"
	"chiso/data/catalog"
	"chiso/data/vntext"
)

func load(t *testing.T) *List {
	t.Helper()
	l, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	return l
}

// defaultCatalog reads the default catalog's levels, groups and
// measures (package defaults builds on this package, so its tests cannot
// import it).
func defaultCatalog(tb testing.TB) *catalog.Catalog {
	tb.Helper()
	f, err := assets.FS.Open("catalog/default.json")
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	c, err := catalog.Read(f)
	if err != nil {
		tb.Fatal(err)
	}
	return c
}

func byCode(l *List) map[string]*Unit {
	m := make(map[string]*Unit, len(l.Units))
	for i := range l.Units {
		m[l.Units[i].Code] = &l.Units[i]
	}
	return m
}

func validOn(u *Unit, day string) bool {
	return (u.ValidFrom == "" || u.ValidFrom <= day) && (u.ValidTo == "" || day <= u.ValidTo)
}

// count returns the number of units of a level in force on day, by type.
func count(l *List, level int, day string) (int, map[string]int) {
	n, types := 0, map[string]int{}
	for i := range l.Units {
		if u := &l.Units[i]; u.Level == level && validOn(u, day) {
			n++
			types[u.Type]++
		}
	}
	return n, types
}

// The counts of Quyết định 19/2025/QĐ-TTg: 34 provinces and 3,321 communes,
// 2,621 xã, 687 phường and 13 đặc khu. The list holds today's names and
// types; undoing its renames must give back the counts of 1 July 2025.
func TestCountsSinceReform(t *testing.T) {
	l := load(t)
	if n, _ := count(l, LevelProvince, Reform); n != 34 {
		t.Errorf("%d provinces on %s, want 34", n, Reform)
	}
	n, types := count(l, LevelCommune, Reform)
	if n != 3321 {
		t.Errorf("%d communes on %s, want 3321", n, Reform)
	}
	today := maps.Clone(types)
	units := byCode(l)
	for _, r := range l.Renames {
		if units[r.Code].Level == LevelCommune {
			types[r.NewType]--
			types[r.OldType]++
		}
	}
	if want := map[string]int{"Xã": 2621, "Phường": 687, "Đặc khu": 13}; !maps.Equal(types, want) {
		t.Errorf("communes by type on %s: %v, want %v", Reform, types, want)
	}
	// The statistics office's list of 08/10/2026, after 22 communes of Bắc
	// Ninh and Đồng Nai became wards.
	if want := map[string]int{"Xã": 2599, "Phường": 709, "Đặc khu": 13}; !maps.Equal(today, want) {
		t.Errorf("communes by type today: %v, want %v", today, want)
	}
	// Resolution 36/2026/QH16 made Quảng Ninh a city of 30 wards, 22
	// communes and 2 special zones.
	qn := map[string]int{}
	for _, u := range l.Units {
		if u.Parent == "22" {
			qn[u.Type]++
		}
	}
	if want := map[string]int{"Phường": 30, "Xã": 22, "Đặc khu": 2}; !maps.Equal(qn, want) {
		t.Errorf("Quảng Ninh: %v, want %v", qn, want)
	}
}

// Before the reform: 63 provinces, 705 districts and 10,603 communes once
// the resolutions in force on 1/1/2021 had applied (the figures the Ministry
// of Home Affairs gives "as of 31/12/2020"), and 63, 696 and 10,035 on the
// last day.
func TestCountsBeforeReform(t *testing.T) {
	l := load(t)
	for _, c := range []struct {
		day                         string
		provinces, districts, comms int
	}{
		{"2011-01-01", 63, 697, 10974},
		{"2021-01-01", 63, 705, 10603},
		{LastDayBefore, 63, 696, 10035},
	} {
		p, _ := count(l, LevelProvince, c.day)
		d, _ := count(l, LevelDistrict, c.day)
		x, _ := count(l, LevelCommune, c.day)
		// On the last day the new provinces do not exist yet.
		if p != c.provinces || d != c.districts || x != c.comms {
			t.Errorf("%s: %d provinces, %d districts, %d communes; want %d, %d, %d",
				c.day, p, d, x, c.provinces, c.districts, c.comms)
		}
	}
	// No unit of the three-level system outlives the reform.
	for _, u := range l.Units {
		if _, before := Official(u.Code); before && validOn(&u, Reform) {
			t.Errorf("%s %s is still in force on %s", u.Code, u.Name, Reform)
		}
	}
}

// The list merged into the default catalog validates: codes unique across
// levels and eras, parents and successors resolve, no area has two parents
// on the same day, shares are shares.
func TestCatalogValidates(t *testing.T) {
	l := load(t)
	c := defaultCatalog(t)
	c.Areas = append(c.Areas, l.Areas()...)
	if err := c.Validate(); err != nil {
		t.Fatal(err)
	}
	code := regexp.MustCompile(`^(VN|\d{2}|\d{5}|T\d{2}|H\d{3}|X\d{5}(_\d{4})?)$`)
	seen := map[string]bool{}
	for _, u := range l.Units {
		if !code.MatchString(u.Code) || seen[u.Code] {
			t.Errorf("code %q: malformed or twice", u.Code)
		}
		seen[u.Code] = true
		if off, _ := Official(u.Code); u.Level > LevelNation && off != u.Official {
			t.Errorf("%s: official code %q", u.Code, u.Official)
		}
	}
}

// Every area that ended has at least one successor, and each successor is
// in force on the day after the end; a split has shares only where the
// source gives them.
func TestEndedAreasHaveSuccessors(t *testing.T) {
	l := load(t)
	units := byCode(l)
	for _, u := range l.Units {
		if u.ValidTo == "" {
			if len(u.Successors) > 0 {
				t.Errorf("%s is in force but has successors %v", u.Code, u.Successors)
			}
			continue
		}
		if len(u.Successors) == 0 {
			t.Errorf("%s %s ended on %s without a successor", u.Code, u.Name, u.ValidTo)
		}
		day := nextDay(u.ValidTo)
		for _, s := range u.Successors {
			if su := units[s]; !validOn(su, day) {
				t.Errorf("%s ended on %s; its successor %s is in force %s–%s", u.Code, u.ValidTo, s, su.ValidFrom, su.ValidTo)
			}
		}
		if len(u.Shares) > 0 && len(u.Successors) < 2 {
			t.Errorf("%s: shares %v for a single successor", u.Code, u.Shares)
		}
	}
}

// The kind of each link in successors.csv agrees with the number of
// successors: whole for one, part for each of several.
func TestSuccessionKinds(t *testing.T) {
	recs := readCSV(t, "successors.csv")
	n := map[string]int{}
	for _, r := range recs {
		n[r["level"]+r["from"]]++
	}
	bases := []string{"nso", "nso-communes", "nso-provinces", "gso-communes", "alias", "gso-name", "gso-district"}
	for _, r := range recs {
		want := "whole"
		if n[r["level"]+r["from"]] > 1 {
			want = "part"
		}
		if r["kind"] != want {
			t.Errorf("%s %s → %s: kind %s, want %s", r["level"], r["from"], r["to"], r["kind"], want)
		}
		if !slices.Contains(bases, r["basis"]) {
			t.Errorf("%s %s: unknown basis %q", r["level"], r["from"], r["basis"])
		}
	}
}

// Every unit in force since the reform took over at least one unit before
// it, and each new province took over whole provinces: 63 in all, the 11
// that were not merged one each.
func TestNewUnitsHavePredecessors(t *testing.T) {
	l := load(t)
	pred := map[string][]string{}
	for _, u := range l.Units {
		for _, s := range u.Successors {
			pred[s] = append(pred[s], u.Code)
		}
	}
	single := 0
	for _, u := range l.Units {
		if u.ValidFrom != Reform {
			continue
		}
		if len(pred[u.Code]) == 0 {
			t.Errorf("%s %s has no predecessor", u.Code, u.Name)
		}
		if u.Level == LevelProvince && len(pred[u.Code]) == 1 {
			single++
		}
	}
	if single != 11 {
		t.Errorf("%d provinces with one predecessor, want 11", single)
	}
	units := byCode(l)
	for from, to := range map[string]string{"T52": "52", "T64": "52", "T01": "01", "T22": "22", "T02": "08", "T77": "79"} {
		if got := units[from].Successors; !slices.Equal(got, []string{to}) {
			t.Errorf("%s (%s) → %v, want %s", from, units[from].Name, got, to)
		}
	}
}

// A district's successors at the reform, computed the naive way from the
// communes it had on its last day, are those the list gives it.
func TestDistrictSuccessorsFollowTheirCommunes(t *testing.T) {
	l := load(t)
	want := map[string][]string{}
	for _, u := range l.Units {
		if u.Level == LevelCommune && u.ValidTo == LastDayBefore {
			p := u.ParentOn(LastDayBefore)
			for _, s := range u.Successors {
				if !slices.Contains(want[p], s) {
					want[p] = append(want[p], s)
				}
			}
		}
	}
	checked := 0
	for _, u := range l.Units {
		if u.Level != LevelDistrict || u.ValidTo != LastDayBefore || len(want[u.Code]) == 0 {
			continue
		}
		checked++
		got := slices.Sorted(slices.Values(u.Successors))
		if w := slices.Sorted(slices.Values(want[u.Code])); !slices.Equal(got, w) {
			t.Errorf("%s %s: successors %v, its communes went to %v", u.Code, u.Name, got, w)
		}
	}
	// 696 districts, 5 of them without communes (they became special zones).
	if checked != 691 {
		t.Errorf("%d districts checked, want 691", checked)
	}
}

// No area has two parents on the same day, and every parent exists on the
// days it holds a child.
func TestParentsOverTime(t *testing.T) {
	l := load(t)
	units := byCode(l)
	moved := 0
	for _, u := range l.Units {
		spans := u.Parents
		if len(spans) == 0 {
			if u.Parent == "" {
				continue
			}
			spans = append(spans, parentSpan(u.Parent, u.ValidFrom, u.ValidTo))
		} else {
			moved++
		}
		for i, p := range spans {
			if i > 0 && p.From <= spans[i-1].To {
				t.Errorf("%s has parents %s and %s on %s", u.Code, spans[i-1].Parent, p.Parent, p.From)
			}
			par := units[p.Parent]
			if (par.ValidFrom != "" && (p.From == "" || p.From < par.ValidFrom)) || (par.ValidTo != "" && (p.To == "" || p.To > par.ValidTo)) {
				t.Errorf("%s under %s from %q to %q, but %s is in force %q–%q", u.Code, p.Parent, p.From, p.To, p.Parent, par.ValidFrom, par.ValidTo)
			}
		}
	}
	if moved < 300 {
		t.Errorf("only %d areas changed parent; the GSO lists have hundreds", moved)
	}
}

// Hoành Bồ, the demo's story: the district merged into Hạ Long on
// 1/1/2020, and its town Trới went with it as Phường Hoành Bồ.
func TestHoanhBo(t *testing.T) {
	units := byCode(load(t))
	hb := units["H204"]
	if hb.Name != "Huyện Hoành Bồ" || hb.ValidTo != "2019-12-31" || !slices.Equal(hb.Successors, []string{"H193"}) {
		t.Errorf("H204: %+v", hb.Area)
	}
	troi := units["X07030"]
	if got := troi.ParentOn("2019-12-31") + " " + troi.ParentOn("2020-01-01"); got != "H204 H193" {
		t.Errorf("Thị trấn Trới's parents on 31/12/2019 and 1/1/2020: %s", got)
	}
	if troi.Name != "Phường Hoành Bồ" || !slices.Equal(troi.Successors, []string{"07030"}) {
		t.Errorf("X07030: %s → %v", troi.Name, troi.Successors)
	}
}

// Names are stored NFC, without stray spaces, and a commune's name starts
// with its type.
func TestNames(t *testing.T) {
	for _, u := range load(t).Units {
		if u.Name != vntext.NFC(u.Name) || u.Name != strings.Join(strings.Fields(u.Name), " ") {
			t.Errorf("%s: name %q", u.Code, u.Name)
		}
		if u.Level == LevelCommune && !strings.HasPrefix(u.Name, u.Type+" ") {
			t.Errorf("%s: %q is not a %s", u.Code, u.Name, u.Type)
		}
	}
}

// The files are those whose checksums PROVENANCE.md states.
func TestChecksums(t *testing.T) {
	f, err := assets.FS.Open("admin/PROVENANCE.md")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	stated := map[string]string{}
	row := regexp.MustCompile("^\\| `([a-z0-9]+\\.csv)` \\| `([0-9a-f]{64})` \\|")
	for s := bufio.NewScanner(f); s.Scan(); {
		if m := row.FindStringSubmatch(s.Text()); m != nil {
			stated[m[1]] = m[2]
		}
	}
	for _, name := range Files {
		data, err := assets.FS.ReadFile("admin/" + name)
		if err != nil {
			t.Fatal(err)
		}
		sum := sha256.Sum256(data)
		if got := hex.EncodeToString(sum[:]); got != stated[name] {
			t.Errorf("%s: SHA-256 %s, PROVENANCE.md states %q", name, got, stated[name])
		}
	}
}

func readCSV(t *testing.T, name string) []map[string]string {
	t.Helper()
	f, err := assets.FS.Open("admin/" + name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	out := make([]map[string]string, 0, len(recs)-1)
	for _, r := range recs[1:] {
		m := map[string]string{}
		for i, h := range recs[0] {
			m[h] = r[i]
		}
		out = append(out, m)
	}
	return out
}

func parentSpan(parent, from, to string) catalog.ParentSpan {
	return catalog.ParentSpan{Parent: parent, From: from, To: to}
}

// A faulty file is refused with its name, line and what is wrong.
func TestReadErrors(t *testing.T) {
	files := fstest.MapFS{}
	for _, name := range Files {
		data, err := assets.FS.ReadFile("admin/" + name)
		if err != nil {
			t.Fatal(err)
		}
		files["admin/"+name] = &fstest.MapFile{Data: data}
	}
	if _, err := Read(files, "admin"); err != nil {
		t.Fatalf("the shipped files through Read: %v", err)
	}
	for name, c := range map[string]struct{ file, old, new, want string }{
		"header":    {"provinces.csv", "code,type,name", "code,name,type", `provinces.csv: columns "code,name,type"`},
		"twice":     {"communes.csv", "00008,01,", "00004,01,", "communes.csv line 3: 00004 listed twice"},
		"province":  {"communes.csv", "00004,01,", "00004,99,", "communes.csv line 2: commune 00004: province 99 not in provinces.csv"},
		"gap":       {"before.csv", "commune,07030,193,Phường,Phường Hoành Bồ,2020-01-01", "commune,07030,193,Phường,Phường Hoành Bồ,2020-02-01", `X07030: span from "2020-02-01" does not follow the one ending 2019-12-31`},
		"successor": {"successors.csv", "commune,00001,commune,00097,", "commune,00001,commune,99999,", "X00001: successor 99999 not in the list"},
		"share":     {"successors.csv", ",part,1,nso", ",part,one,nso", `share "one"`},
	} {
		mutated := maps.Clone(files)
		data := string(files["admin/"+c.file].Data)
		if !strings.Contains(data, c.old) {
			t.Fatalf("%s: %q not in %s", name, c.old, c.file)
		}
		mutated["admin/"+c.file] = &fstest.MapFile{Data: []byte(strings.Replace(data, c.old, c.new, 1))}
		_, err := Read(mutated, "admin")
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v, want an error with %q", name, err, c.want)
		}
	}
}
