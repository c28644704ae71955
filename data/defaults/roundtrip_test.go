package defaults_test

import (
	"cmp"
	"context"
	"encoding/json"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"chiso/data/catalog"
	"chiso/data/defaults"
	"chiso/data/store"
)

// TestCatalogRoundTripsThroughTheStore saves the default catalog with its
// official part into a new database file, closes it, opens it again and
// reads the catalog back: every field — legal bases with their dates,
// official codes and groups, breakdowns, publication periods, bases, time
// aggregations, form symbols, units, deadlines, validity, layouts and the
// version marker — comes back as it went in.
func TestCatalogRoundTripsThroughTheStore(t *testing.T) {
	ctx := context.Background()
	want, err := defaults.Catalog()
	if err != nil {
		t.Fatal(err)
	}
	// Give every optional field of a form a value, so that none can be
	// dropped unseen.
	ds := &want.DataSets[len(want.DataSets)-1]
	ds.FormSymbol, ds.DueDays, ds.ReceivingUnit, ds.ValidTo = "02/HN", 45, "Sở Nông nghiệp và Môi trường", "2030-12-31"
	want.DataSets[len(want.DataSets)-2].DueDate = "01-15"
	if len(want.Layouts) == 0 || want.Version == "" || len(want.LegalBases) == 0 {
		t.Fatalf("the default catalog lacks layouts, a version or legal bases: %d, %q, %d", len(want.Layouts), want.Version, len(want.LegalBases))
	}

	path := filepath.Join(t.TempDir(), "xa.db")
	st, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := st.SaveCatalog(ctx, want); err != nil {
		t.Fatal(err)
	}
	st.Close()
	if st, err = store.Open(path); err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	got, err := st.Catalog(ctx)
	if err != nil {
		t.Fatal(err)
	}
	// The store lists groups and categories by code.
	sortByCode(want)
	sortByCode(got)
	if !reflect.DeepEqual(got, want) {
		g, _ := json.MarshalIndent(got, "", " ")
		w, _ := json.MarshalIndent(want, "", " ")
		t.Errorf("the catalog read back differs from the one saved:\n%s", firstDifference(string(g), string(w)))
	}

	// A later file that says nothing of an element's time aggregation
	// keeps the one the database has; one that gives a new version moves
	// the marker.
	e := got.Elements[0]
	e.TimeAggregation = ""
	if err := st.SaveCatalog(ctx, &catalog.Catalog{Version: "VN-2027.01-1", Elements: []catalog.Element{e}}); err != nil {
		t.Fatal(err)
	}
	again, err := st.Catalog(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if again.Elements[0].TimeAggregation != got.Elements[0].TimeAggregation || again.Version != "VN-2027.01-1" {
		t.Errorf("after a partial save: time aggregation %q (want %q), version %q", again.Elements[0].TimeAggregation,
			got.Elements[0].TimeAggregation, again.Version)
	}
}

func sortByCode(c *catalog.Catalog) {
	slices.SortFunc(c.Groups, func(a, b catalog.Group) int { return cmp.Compare(a.Code, b.Code) })
	slices.SortFunc(c.Categories, func(a, b catalog.CategoryOption) int { return cmp.Compare(a.Code, b.Code) })
}

// firstDifference shows where two texts first differ, with some context.
func firstDifference(a, b string) string {
	la, lb := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := range min(len(la), len(lb)) {
		if la[i] != lb[i] {
			from := max(0, i-4)
			return "got:\n" + strings.Join(la[from:min(len(la), i+3)], "\n") + "\nwant:\n" + strings.Join(lb[from:min(len(lb), i+3)], "\n")
		}
	}
	return "one is a prefix of the other"
}
