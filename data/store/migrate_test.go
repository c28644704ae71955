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

// TestMarksBecomeSubmissions: a report marked complete before the
// reporting cycle existed opens as sent, by whom and when it was marked; a
// mark undone stays unsent.
func TestMarksBecomeSubmissions(t *testing.T) {
	path := filepath.Join(t.TempDir(), "old.db")
	db, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	old := &Store{db: db}
	if err := old.migrate(4); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		`INSERT INTO level VALUES (1, 'COMMUNE', 'Xã', 'Commune')`,
		`INSERT INTO area(code, name, level) VALUES ('C1', 'Xã Một', 1), ('C2', 'Xã Hai', 1)`,
		`INSERT INTO element(code, name_vi, name_en, value_type, aggregation) VALUES ('HH_TOTAL', 'Tổng số hộ', 'Households', 'integer', 'sum')`,
		`INSERT INTO dataset(code, name_vi, name_en, period_type) VALUES ('FORM', 'Biểu', 'Form', 'year')`,
		`INSERT INTO dataset_element VALUES (1, 1, 0)`,
		`INSERT INTO completeness VALUES (1, 1, '2024', 1, 'lan', '2025-01-10T02:00:00.000Z'), (1, 2, '2024', 0, 'lan', '2025-01-11T02:00:00.000Z')`,
	} {
		if _, err := db.Exec(q); err != nil {
			t.Fatal(q, err)
		}
	}
	db.Close()
	for range 2 { // converted once
		st, err := Open(path)
		if err != nil {
			t.Fatal(err)
		}
		states, err := st.FormStates(context.Background(), "FORM", "2024")
		st.Close()
		if err != nil {
			t.Fatal(err)
		}
		c1 := states["C1"]
		if len(states) != 1 || c1.Current.Action != Submit || c1.Current.Author != "lan" || c1.FirstSubmit.Time().Format("2006-01-02 15:04") != "2025-01-10 02:00" {
			t.Fatalf("states after opening: %+v", states)
		}
	}
}
