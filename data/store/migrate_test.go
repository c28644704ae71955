package store

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"
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
	// An element of the old file has no time aggregation yet: it reads as
	// unsaid, for catalog.Element.TimeAggregationOrDefault to decide.
	if cat, err := st.Catalog(context.Background()); err != nil || len(cat.Elements) != 1 || cat.Elements[0].TimeAggregation != "" {
		t.Errorf("catalog after migration: %+v, %v", cat, err)
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
