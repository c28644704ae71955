package store_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"chiso/data/catalog"
	"chiso/data/store"
)

func withDataSet(t *testing.T) *store.Store {
	t.Helper()
	st := openTest(t)
	c := testCatalog()
	c.DataSets = []catalog.DataSet{{Code: "FORM", NameVI: "Biểu", PeriodType: "year", Elements: []string{"HH_TOTAL", "HOUSE"}}}
	if err := st.SaveCatalog(context.Background(), c); err != nil {
		t.Fatal(err)
	}
	return st
}

func TestBackupAndRestore(t *testing.T) {
	st := openTest(t)
	ctx := context.Background()
	if _, err := st.Save(ctx, store.Change{Element: "HH_TOTAL", Area: "C1", Period: "2024", Value: "100"}); err != nil {
		t.Fatal(err)
	}
	backup := filepath.Join(t.TempDir(), "sao-luu.db")
	if err := st.Backup(ctx, backup); err != nil {
		t.Fatal(err)
	}
	if err := st.Backup(ctx, backup); err == nil {
		t.Error("a backup overwrote an existing file")
	}
	if _, err := st.Save(ctx, store.Change{Element: "HH_TOTAL", Area: "C1", Period: "2024", Value: "999"}); err != nil {
		t.Fatal(err)
	}
	path := st.Path()
	st.Close()

	notDB := filepath.Join(t.TempDir(), "anh.png")
	os.WriteFile(notDB, []byte("\x89PNG not a database"), 0o644)
	if err := store.RestoreBackup(ctx, notDB, path); err == nil {
		t.Error("a file that is not a database was restored")
	}
	if err := store.RestoreBackup(ctx, backup, path); err != nil {
		t.Fatal(err)
	}
	st2, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer st2.Close()
	if v, _ := get(t, st2, "HH_TOTAL", "C1", "2024"); v.Value != "100" {
		t.Errorf("after restore: %q, want the backed-up 100", v.Value)
	}
	if _, err := os.Stat(path + ".before-restore"); err != nil {
		t.Errorf("the replaced file was not kept: %v", err)
	}
}

func TestDeleteOnlyWhatHasNoData(t *testing.T) {
	st := openTest(t)
	ctx := context.Background()
	if _, err := st.Save(ctx, store.Change{Element: "HH_TOTAL", Area: "C1", Period: "2024", Value: "100"}); err != nil {
		t.Fatal(err)
	}
	if err := st.DeleteArea(ctx, "C1"); !errors.Is(err, store.ErrInUse) {
		t.Errorf("deleting an area with data: %v", err)
	}
	if err := st.DeleteElement(ctx, "HH_TOTAL"); !errors.Is(err, store.ErrInUse) {
		t.Errorf("deleting an element with data: %v", err)
	}
	if err := st.DeleteArea(ctx, "P"); !errors.Is(err, store.ErrInUse) {
		t.Errorf("deleting an area with children: %v", err)
	}
	if err := st.DeleteArea(ctx, "C2"); err != nil {
		t.Errorf("deleting an unused area: %v", err)
	}
	if err := st.DeleteElement(ctx, "RATE"); err != nil {
		t.Errorf("deleting an unused element: %v", err)
	}
	c, _ := st.Catalog(ctx)
	if len(c.Areas) != 2 || len(c.Elements) != 3 {
		t.Errorf("after deleting: %d areas, %d elements", len(c.Areas), len(c.Elements))
	}
}

func TestDeleteElementReadByAFormula(t *testing.T) {
	st := openTest(t)
	ctx := context.Background()
	c := testCatalog()
	c.Elements = append(c.Elements,
		catalog.Element{Code: "POOR", NameVI: "Hộ nghèo", ValueType: catalog.Integer, Aggregation: catalog.Sum},
		catalog.Element{Code: "POOR2", NameVI: "Hộ nghèo 2", ValueType: catalog.Integer, Aggregation: catalog.Sum},
		catalog.Element{Code: "W", NameVI: "Trọng số", ValueType: catalog.Integer, Aggregation: catalog.Sum},
		catalog.Element{Code: "AVGW", NameVI: "TB", ValueType: catalog.Number, Aggregation: catalog.WeightedAverage, Weight: "W"},
		catalog.Element{Code: "R", NameVI: "Quy tắc", ValueType: catalog.Integer, Aggregation: catalog.Sum},
	)
	c.Indicators = []catalog.Indicator{{Code: "POV", NameVI: "Tỷ lệ", Numerator: "100*POOR", Denominator: "HH_TOTAL", Factor: 1}}
	c.Rules = []catalog.Rule{{Code: "RULE", NameVI: "R ≤ HH", Left: "R", Operator: "<=", Right: "HH_TOTAL"}}
	if err := st.SaveCatalog(ctx, c); err != nil {
		t.Fatal(err)
	}
	for _, used := range []string{"POOR", "W", "R"} {
		if err := st.DeleteElement(ctx, used); !errors.Is(err, store.ErrInUse) {
			t.Errorf("deleting %s, which a formula, weight or rule reads: %v", used, err)
		}
	}
	if err := st.DeleteElement(ctx, "POOR2"); err != nil {
		t.Errorf("POOR2 is not read by the formula 100*POOR: %v", err)
	}
}
