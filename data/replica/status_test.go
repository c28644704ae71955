package replica

import (
	"strings"
	"testing"

	"chiso/data/store"
)

// TestEstimateMadeOfficialTravels: a commune enters an estimate, then
// makes it official with the same number, and later corrects the official
// figure; each step syncs to the province, which shows the same value and
// status as the commune at every step and keeps the whole history — the
// estimate with its author and date, then the official figure — with
// each change recorded once.
func TestEstimateMadeOfficialTravels(t *testing.T) {
	prov := newProvince(t)
	commune := newOffice(t, prov, "UBND phường Cao Xanh", "06658")
	dir := t.TempDir()
	if err := commune.SetAuthor("Lan"); err != nil {
		t.Fatal(err)
	}
	key := store.Change{Element: "HH_POOR", Area: "06658", Period: "2026"}
	steps := []struct {
		value  string
		status store.Status
	}{{"120", store.Estimate}, {"120", store.Official}, {"118", store.Official}}
	for i, step := range steps {
		c := key
		c.Value, c.Status = step.value, step.status
		res, err := commune.Save(ctx, c)
		if err != nil || res.New+res.Changed != 1 {
			t.Fatalf("step %d: save %+v: %+v %v", i, c, res, err)
		}
		syncWith(t, commune, dir)
		if rep := syncWith(t, prov, dir); rep.Applied != 1 || rep.Conflicts != 0 {
			t.Fatalf("step %d: province sync %+v", i, rep)
		}
		for name, st := range map[string]*store.Store{"commune": commune, "province": prov} {
			vs, err := st.Values(ctx, store.ValueFilter{Elements: []string{"HH_POOR"}, Areas: []string{"06658"}, Periods: []string{"2026"}})
			if err != nil || len(vs) != 1 || vs[0].Value != step.value || vs[0].Status != step.status {
				t.Fatalf("step %d: %s shows %+v (%v), want %s %q", i, name, vs, err, step.value, step.status)
			}
		}
	}
	for name, st := range map[string]*store.Store{"commune": commune, "province": prov} {
		h, err := st.History(ctx, "HH_POOR", "06658", "2026", "")
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, e := range h {
			got = append(got, e.Old+"→"+e.New+" "+string(e.Status)+" "+e.Author)
			if e.ChangedAt == "" {
				t.Errorf("%s: a change without its date: %+v", name, e)
			}
		}
		if want := "→120 E Lan | 120→120  Lan | 120→118  Lan"; strings.Join(got, " | ") != want {
			t.Errorf("%s history: %q, want %q", name, strings.Join(got, " | "), want)
		}
	}
	// Syncing again changes nothing.
	for _, st := range []*store.Store{prov, commune} {
		if rep := syncWith(t, st, dir); rep.Applied != 0 || rep.Exported != 0 {
			t.Fatalf("repeated sync did something: %+v", rep)
		}
	}
}

// TestSegmentFormatFollowsStatus: segments without estimates stay in the
// first format, which the first releases read; a segment with an estimate
// is written in format 2.
func TestSegmentFormatFollowsStatus(t *testing.T) {
	prov := newProvince(t)
	id, err := LoadIdentity(prov)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		status store.Status
		want   string
	}{{store.Official, `"chiso-segment 1"`}, {store.Estimate, `"chiso-segment 2"`}} {
		ops := []store.Op{{ID: store.OpID{Writer: prov.Device(), Seq: 1}, HLC: 1, Element: "POP", Area: "QN", Period: "2026", Value: "1", Status: tc.status}}
		g, _, err := seal(id, prov.Device(), 1, "", ops)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(g.Manifest), tc.want) {
			t.Errorf("status %q: manifest %s, want format %s", tc.status, g.Manifest, tc.want)
		}
		_, _, back, err := openSegment(g, id.Root)
		if err != nil || len(back) != 1 || back[0].Status != tc.status {
			t.Errorf("status %q read back as %+v, %v", tc.status, back, err)
		}
	}
}

// TestResolvingKeepsTheChosenStatus: a conflict between an estimate and an
// official figure lists each with its status; keeping the estimate keeps
// it an estimate everywhere.
func TestResolvingKeepsTheChosenStatus(t *testing.T) {
	prov := newProvince(t)
	commune := newOffice(t, prov, "UBND phường Cao Xanh", "06658")
	dir := t.TempDir()
	key := store.Change{Element: "POP", Area: "06658", Period: "2026", Value: "1000"}
	if _, err := commune.Save(ctx, key); err != nil {
		t.Fatal(err)
	}
	syncWith(t, commune, dir)
	syncWith(t, prov, dir)
	est, off := key, key
	est.Value, est.Status = "1100", store.Estimate
	off.Value = "1200"
	commune.Save(ctx, est)
	prov.Save(ctx, off)
	syncWith(t, commune, dir)
	syncWith(t, prov, dir)
	syncWith(t, commune, dir)
	cs, err := prov.Conflicts(ctx)
	if err != nil || len(cs) != 1 {
		t.Fatalf("conflicts %+v %v", cs, err)
	}
	var kept store.Head
	for _, h := range cs[0].Heads {
		if h.Value == "1100" {
			kept = h
		}
	}
	if kept.Status != store.Estimate {
		t.Fatalf("the estimate's head: %+v", kept)
	}
	if err := prov.Resolve(ctx, store.Change{Element: "POP", Area: "06658", Period: "2026", Value: kept.Value, Status: kept.Status}); err != nil {
		t.Fatal(err)
	}
	syncWith(t, prov, dir)
	syncWith(t, commune, dir)
	for name, st := range map[string]*store.Store{"province": prov, "commune": commune} {
		vs, _ := st.Values(ctx, store.ValueFilter{Elements: []string{"POP"}, Areas: []string{"06658"}, Periods: []string{"2026"}})
		if len(vs) != 1 || vs[0].Value != "1100" || vs[0].Status != store.Estimate {
			t.Errorf("%s after the resolution: %+v", name, vs)
		}
	}
}
