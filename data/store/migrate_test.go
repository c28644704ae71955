package store

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"

	"chiso/data/catalog"
)

// TestMigrationsUpgradeAnOldFile builds a file at schema version 1 with a
// value in it, then opens it with the current program: the schema is
// upgraded and the value is still there.
func TestMigrationsUpgradeAnOldFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "old.db")
	db, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	old := &Store{db: db}
	if err := old.migrate(1); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		`INSERT INTO level VALUES (1, 'PROVINCE', 'Tỉnh', 'Province')`,
		`INSERT INTO area(code, name, level) VALUES ('QN', 'Quảng Ninh', 1)`,
		`INSERT INTO element(code, name_vi, name_en, value_type, aggregation) VALUES ('HH_TOTAL', 'Tổng số hộ', 'Households', 'integer', 'sum')`,
		`INSERT INTO element(code, name_vi, name_en, value_type, aggregation) VALUES ('SS_SPEND', 'Chi an sinh', 'Spending', 'number', 'sum')`,
		`INSERT INTO element(code, name_vi, name_en, value_type, aggregation) VALUES ('HH_POOR', 'Số hộ nghèo (chuẩn nghèo đa chiều)', 'Poor', 'integer', 'sum')`,
		`INSERT INTO element(code, name_vi, name_en, value_type, aggregation) VALUES ('MY_COUNT', 'Của tỉnh', 'Own', 'integer', 'sum')`,
		`INSERT INTO device(uid) VALUES ('olddevice')`,
		`INSERT INTO changeset(device_id, author, at) VALUES (1, 'lan', '2019-01-02T00:00:00.000Z')`,
		`INSERT INTO datavalue(period, element_id, area_id, value, changeset_id, device_id, seq, hlc) VALUES ('2018', 1, 1, '350000', 1, 1, 1, 1)`,
	} {
		if _, err := db.Exec(q); err != nil {
			t.Fatal(q, err)
		}
	}
	db.Close()

	st, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if v, _ := st.SchemaVersion(); v != len(migrations) {
		t.Errorf("schema version %d, want %d", v, len(migrations))
	}
	if _, err := st.db.Exec(`SELECT rows, changed FROM changeset`); err != nil {
		t.Errorf("migration 2 did not run: %v", err)
	}
	// The core elements of the default catalog get its time aggregation
	// and definitions; an element of the office's own reads as unsaid, for
	// catalog.Element.TimeAggregationOrDefault to decide.
	cat, err := st.Catalog(context.Background())
	if err != nil || len(cat.Elements) != 4 {
		t.Fatalf("catalog after migration: %+v, %v", cat, err)
	}
	for _, e := range cat.Elements {
		want := map[string]catalog.TimeAggregation{"HH_TOTAL": catalog.TimeLevel, "SS_SPEND": catalog.TimeFlow,
			"HH_POOR": catalog.TimeLevel, "MY_COUNT": ""}[e.Code]
		if e.TimeAggregation != want {
			t.Errorf("%s: %q, want %q", e.Code, e.TimeAggregation, want)
		}
		if e.Code == "HH_POOR" && (e.NameIn("vi", 2020) != "Số hộ nghèo (chuẩn nghèo đa chiều)" || e.NameIn("vi", 2014) != "Số hộ nghèo" || len(e.Definitions) != 3) {
			t.Errorf("poor households after migration: %+v", e)
		}
	}
	vs, err := st.Values(context.Background(), ValueFilter{Areas: []string{"QN"}})
	if err != nil || len(vs) != 1 || vs[0].Value != "350000" || vs[0].Period != "2018" || vs[0].Author != "lan" {
		t.Errorf("values after migration: %+v, %v", vs, err)
	}
}

// TestNewerFileIsRefused protects a file written by a newer version.
func TestNewerFileIsRefused(t *testing.T) {
	path := filepath.Join(t.TempDir(), "new.db")
	db, _ := sql.Open("sqlite", "file:"+path)
	if _, err := db.Exec(`PRAGMA user_version = 99`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	if st, err := Open(path); err == nil {
		st.Close()
		t.Fatal("a file of schema version 99 was opened")
	}
}
