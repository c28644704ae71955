package replica

import (
	"crypto/ed25519"
	"encoding/json"
	"strings"
	"testing"

	"chiso/data/catalog"
	"chiso/data/defaults"
)

// TestOlderSignedCatalogStillApplies: a catalog version signed before
// elements had a time aggregation (its JSON names neither
// "time_aggregation" nor "definitions") still verifies and applies; the
// elements the database has keep their time aggregation, and one new to
// it reads with the default (a sum: not aggregated over time).
func TestOlderSignedCatalogStillApplies(t *testing.T) {
	st := openDB(t, "office")
	c, err := defaults.DemoCatalog()
	if err != nil {
		t.Fatal(err)
	}
	if err := st.SaveCatalog(ctx, c); err != nil {
		t.Fatal(err)
	}
	old, _ := defaults.DemoCatalog()
	for i := range old.Elements {
		old.Elements[i].TimeAggregation, old.Elements[i].Definitions = "", nil
	}
	old.Elements = append(old.Elements, catalog.Element{Code: "OLD_SUM", NameVI: "Chỉ tiêu cũ", ValueType: catalog.Integer, Aggregation: catalog.Sum})
	body, err := json.Marshal(old)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(body), "time_aggregation") || strings.Contains(string(body), "definitions") {
		t.Fatal("the old catalog names the new fields")
	}
	pub, priv, _ := ed25519.GenerateKey(nil)
	sc := SignedCatalog{Version: 1, Body: body}
	sc.Sig = ed25519.Sign(priv, sc.signedBytes())
	applied, err := applyCatalog(ctx, st, pub, sc)
	if err != nil || !applied {
		t.Fatalf("applied %v: %v", applied, err)
	}
	got, err := st.Catalog(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range got.Elements {
		want := map[string]catalog.TimeAggregation{"POP": catalog.TimeLevel, "SS_SPEND": catalog.TimeFlow, "OLD_SUM": catalog.TimeNone}
		if w, ok := want[e.Code]; ok && e.TimeAggregationOrDefault() != w {
			t.Errorf("%s after the old catalog: %q, want %q", e.Code, e.TimeAggregationOrDefault(), w)
		}
	}
}
