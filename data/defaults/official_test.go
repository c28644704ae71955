package defaults_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io/fs"
	"math"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"chiso/assets"
	"chiso/data/calc"
	"chiso/data/catalog"
	"chiso/data/defaults"
	"chiso/data/period"
	"chiso/data/store"
)

// provenance is catalog/official/provenance.json: what the official part
// of the default catalog holds and where it comes from.
type provenance struct {
	Catalog              string              `json:"catalog"`
	SHA256               string              `json:"sha256"`
	Version              string              `json:"version"`
	Counts               map[string]int      `json:"counts"`
	Codes                map[string][]string `json:"codes"`
	SeedCodesKept        []string            `json:"seed_codes_kept"`
	OfficialCodesShipped int                 `json:"official_codes_shipped"`
	LegalTexts           []struct {
		Code, Number, Status, Taken string
		ReadAt                      []struct{ Where, Date string } `json:"read_at"`
	} `json:"legal_texts"`
	NotConfirmed []string `json:"not_confirmed"`
}

func readProvenance(t *testing.T) provenance {
	t.Helper()
	b, err := fs.ReadFile(assets.FS, "catalog/official/provenance.json")
	if err != nil {
		t.Fatal(err)
	}
	var p provenance
	dec := json.NewDecoder(bytes.NewReader(b))
	if err := dec.Decode(&p); err != nil {
		t.Fatalf("provenance.json: %v", err)
	}
	return p
}

// TestOfficialCatalogMatchesProvenance checks the shipped official catalog
// against its provenance file: the checksum, the version, the count and
// the codes of every kind of entry, and one provenance record (with where
// it was read) for each legal basis shipped.
func TestOfficialCatalogMatchesProvenance(t *testing.T) {
	p := readProvenance(t)
	if p.Catalog != defaults.OfficialCatalog {
		t.Fatalf("provenance describes %s, the default catalog ships %s", p.Catalog, defaults.OfficialCatalog)
	}
	raw, err := fs.ReadFile(assets.FS, p.Catalog)
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(raw)
	if got := hex.EncodeToString(sum[:]); got != p.SHA256 {
		t.Errorf("%s has sha256 %s, its provenance states %s: update provenance.json with the file", p.Catalog, got, p.SHA256)
	}
	c, err := catalog.Read(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	if c.Version == "" || c.Version != p.Version {
		t.Errorf("version %q, provenance states %q", c.Version, p.Version)
	}
	codes := map[string][]string{}
	for _, b := range c.LegalBases {
		codes["legal_bases"] = append(codes["legal_bases"], b.Code)
	}
	for _, g := range c.Groups {
		codes["groups"] = append(codes["groups"], g.Code)
	}
	for _, o := range c.Categories {
		codes["categories"] = append(codes["categories"], o.Code)
	}
	for _, l := range c.Layouts {
		codes["layouts"] = append(codes["layouts"], l.Code)
	}
	official := 0
	for _, e := range c.Elements {
		codes["elements"] = append(codes["elements"], e.Code)
		official += min(1, len(e.OfficialCode))
	}
	for _, in := range c.Indicators {
		codes["indicators"] = append(codes["indicators"], in.Code)
		official += min(1, len(in.OfficialCode))
	}
	for _, d := range c.DataSets {
		codes["datasets"] = append(codes["datasets"], d.Code)
	}
	counts := map[string]int{"rules": len(c.Rules)}
	for kind, list := range codes {
		counts[kind] = len(list)
		if !slices.Equal(list, p.Codes[kind]) {
			t.Errorf("%s shipped %v, provenance states %v", kind, list, p.Codes[kind])
		}
	}
	for kind, n := range p.Counts {
		if counts[kind] != n {
			t.Errorf("%d %s shipped, provenance states %d", counts[kind], kind, n)
		}
	}
	if len(p.Counts) != len(counts) {
		t.Errorf("provenance counts %v, shipped %v", p.Counts, counts)
	}
	if official != p.OfficialCodesShipped {
		t.Errorf("%d entries carry an official code, provenance states %d", official, p.OfficialCodesShipped)
	}
	if len(p.LegalTexts) != len(c.LegalBases) {
		t.Fatalf("%d legal bases shipped, provenance describes %d", len(c.LegalBases), len(p.LegalTexts))
	}
	for i, b := range c.LegalBases {
		lt := p.LegalTexts[i]
		if lt.Code != b.Code || lt.Number != b.Number {
			t.Errorf("legal basis %d: shipped %s %s, provenance %s %s", i, b.Code, b.Number, lt.Code, lt.Number)
		}
		if !slices.Contains([]string{"confirmed", "secondary", "inferred", "from_seed"}, lt.Status) {
			t.Errorf("legal basis %s: unknown status %q", b.Code, lt.Status)
		}
		if len(lt.ReadAt) == 0 || lt.ReadAt[0].Where == "" || lt.Taken == "" {
			t.Errorf("legal basis %s: provenance says neither where it was read nor what was taken", b.Code)
		}
	}
	if len(p.NotConfirmed) == 0 {
		t.Error("provenance lists nothing left unconfirmed")
	}
}

// TestDefaultCatalogLoads checks that the default catalog (seed measures
// and official part) and the demo catalog validate, keep the seed's codes,
// carry the official version, and that every formula of an indicator or a
// rule parses and reads elements (and categories) that exist.
func TestDefaultCatalogLoads(t *testing.T) {
	p := readProvenance(t)
	c, err := defaults.Catalog()
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Validate(); err != nil {
		t.Fatal(err)
	}
	if c.Version != p.Version {
		t.Errorf("default catalog version %q, want %q", c.Version, p.Version)
	}
	have := map[string]bool{}
	for _, e := range c.Elements {
		have[e.Code] = true
	}
	for _, in := range c.Indicators {
		have[in.Code] = true
	}
	for _, code := range p.SeedCodesKept {
		if !have[code] {
			t.Errorf("seed code %s is missing from the default catalog", code)
		}
	}
	// The demo's areas with the seed measures and the official part: what
	// a demo database holds after "chiso catalog load".
	demo, err := defaults.DemoCatalog()
	if err != nil {
		t.Fatal(err)
	}
	if err := demo.Validate(); err != nil {
		t.Fatal(err)
	}
	official, err := defaults.Official()
	if err != nil {
		t.Fatal(err)
	}
	demo.Merge(official)
	if err := demo.Validate(); err != nil {
		t.Fatal(err)
	}
	if _, err := calc.New(context.Background(), demo, nil); err != nil {
		t.Fatalf("a formula of the default catalog does not compile: %v", err)
	}

	// The same check fails on a rule reading an element that does not exist.
	broken := *demo
	broken.Rules = append(slices.Clone(demo.Rules), catalog.Rule{Code: "BROKEN", Left: "HH_POOR_DEPRIV.DEP_NOTHING", Operator: "<=", Right: "HH_POOR"})
	if _, err := calc.New(context.Background(), &broken, nil); err == nil || !strings.Contains(err.Error(), "BROKEN") {
		t.Errorf("a rule with an unknown category compiled: %v", err)
	}
}

// TestOfficialValidationRefuses checks that Validate names what is wrong in
// the official fields: an unknown legal basis, time aggregation or
// publication period, a deadline given twice, a date that is not a date.
func TestOfficialValidationRefuses(t *testing.T) {
	for name, spoil := range map[string]func(c *catalog.Catalog){
		"unknown legal basis": func(c *catalog.Catalog) { c.Elements[0].Bases = []string{"QD_NOWHERE"} },
		"time aggregation":    func(c *catalog.Catalog) { c.Elements[0].TimeAggregation = "sum" },
		"publication period":  func(c *catalog.Catalog) { c.Indicators[0].Publication = "weekly" },
		"deadline twice":      func(c *catalog.Catalog) { c.DataSets[0].DueDays, c.DataSets[0].DueDate = 15, "12-31" },
		"due date":            func(c *catalog.Catalog) { c.DataSets[0].DueDate = "31/12" },
		"legal basis date":    func(c *catalog.Catalog) { c.LegalBases[0].ValidFrom = "15/04/2023" },
		"replaces unknown":    func(c *catalog.Catalog) { c.LegalBases[0].Replaces = []string{"QD_NOWHERE"} },
		"dates reversed": func(c *catalog.Catalog) {
			c.LegalBases[0].ValidFrom, c.LegalBases[0].ValidTo = "2023-04-15", "2017-02-05"
		},
	} {
		c, err := defaults.Catalog()
		if err != nil {
			t.Fatal(err)
		}
		spoil(c)
		if err := c.Validate(); err == nil {
			t.Errorf("%s: the catalog validated", name)
		}
	}
}

// TestPovertyReviewRules enters a commune's poverty review in a real
// database and checks what a statistician expects: the year's balance
// (end = start − escaped + fell back + new), at least 3 deprivations per
// poor household, no deprivation counted for more households than are
// poor; and the escape rate computed from the stored parts.
func TestPovertyReviewRules(t *testing.T) {
	ctx := context.Background()
	st, err := store.Open(filepath.Join(t.TempDir(), "review.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if err := defaults.Install(ctx, st, true); err != nil {
		t.Fatal(err)
	}
	official, err := defaults.Official()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := defaults.LoadCatalog(ctx, st, official); err != nil {
		t.Fatal(err)
	}
	const area = "QN_BACHE_03"
	save := func(el, cat, v string) {
		t.Helper()
		if _, err := st.Save(ctx, store.Change{Element: el, Area: area, Period: "2024", Category: cat, Value: v}); err != nil {
			t.Fatal(err)
		}
	}
	start, exit, back, newPoor, end := 50.0, 12.0, 1.0, 3.0, 40.0 // 50 − 12 + 1 + 3 = 42, not 40
	for el, v := range map[string]float64{"HH_TOTAL": 500, "HH_POOR_START": start, "HH_POOR_EXIT": exit,
		"HH_POOR_RETURN": back, "HH_POOR_NEW": newPoor, "HH_POOR": end} {
		save(el, "", formatFloat(v))
	}
	// 40 poor households with 100 deprivations (fewer than 3 each), one
	// indicator counted for 41 households.
	deprived := map[string]float64{"DEP_HEALTH_INS": 41, "DEP_WATER": 30, "DEP_SANITATION": 29}
	for cat, v := range deprived {
		save("HH_POOR_DEPRIV", cat, formatFloat(v))
	}
	p, _ := period.Parse("2024")
	engine := func() *calc.Engine {
		t.Helper()
		cat, err := st.Catalog(ctx)
		if err != nil {
			t.Fatal(err)
		}
		en, err := calc.New(ctx, cat, st)
		if err != nil {
			t.Fatal(err)
		}
		return en
	}
	broken := func() []string {
		t.Helper()
		vs, err := engine().CheckRules(area, p)
		if err != nil {
			t.Fatal(err)
		}
		var codes []string
		for _, v := range vs {
			codes = append(codes, v.Rule.Code)
		}
		slices.Sort(codes)
		return codes
	}
	got := broken()
	want := []string{"POOR_BALANCE", "POOR_DEPRIV_MIN3", "POOR_DEP_HEALTH_INS_LE"}
	if !slices.Equal(got, want) {
		t.Fatalf("broken rules %v, want %v", got, want)
	}
	// Fixed as the naive sums say, nothing is broken.
	end = start - exit + back + newPoor
	deprived["DEP_HEALTH_INS"] = end
	deprived["DEP_EMPLOYMENT"] = 3*end - deprived["DEP_HEALTH_INS"] - deprived["DEP_WATER"] - deprived["DEP_SANITATION"]
	save("HH_POOR", "", formatFloat(end))
	for cat, v := range deprived {
		save("HH_POOR_DEPRIV", cat, formatFloat(v))
	}
	if got := broken(); len(got) != 0 {
		t.Fatalf("broken rules after the fix: %v", got)
	}

	en := engine()
	var sum float64
	for _, v := range deprived {
		sum += v
	}
	for code, naive := range map[string]float64{"POV_EXIT_RATE": 100 * exit / start, "POV_DEPRIV_AVG": sum / end,
		"POV_DEP_HEALTH_INS_SHARE": 100 * deprived["DEP_HEALTH_INS"] / end} {
		v, ok, err := en.Value(code, area, p, "")
		if err != nil || !ok {
			t.Fatalf("%s: %v %v", code, ok, err)
		}
		if math.Abs(v-naive) > 1e-9 {
			t.Errorf("%s %v, naive %v", code, v, naive)
		}
	}
}

func formatFloat(v float64) string {
	b, _ := json.Marshal(v)
	return string(b)
}
