package store_test

import (
	"context"
	"errors"
	"iter"
	"path/filepath"
	"strings"
	"testing"

	"chiso/data/catalog"
	"chiso/data/msg"
	"chiso/data/number"
	"chiso/data/store"
)

func ptr(f float64) *float64 { return &f }

// testCatalog is a small catalog: a province with two communes.
func testCatalog() *catalog.Catalog {
	return &catalog.Catalog{
		Levels:     []catalog.Level{{Level: 1, Code: "PROVINCE", NameVI: "Tỉnh", NameEN: "Province"}, {Level: 2, Code: "COMMUNE", NameVI: "Xã", NameEN: "Commune"}},
		Categories: []catalog.CategoryOption{{Code: "NEW", NameVI: "Xây mới"}, {Code: "REPAIR", NameVI: "Sửa chữa"}},
		Elements: []catalog.Element{
			{Code: "HH_TOTAL", NameVI: "Tổng số hộ", ValueType: catalog.Integer, Aggregation: catalog.Sum, Min: ptr(0)},
			{Code: "RATE", NameVI: "Tỷ lệ", ValueType: catalog.Number, Aggregation: catalog.Average, Decimals: 2},
			{Code: "HS_STD", NameVI: "Trạm y tế đạt chuẩn", ValueType: catalog.YesNo, Aggregation: catalog.CountYes},
			{Code: "HOUSE", NameVI: "Nhà", ValueType: catalog.Integer, Aggregation: catalog.Sum, Categories: []string{"NEW", "REPAIR"}},
		},
		Areas: []catalog.Area{
			{Code: "P", Name: "Tỉnh Thử", Level: 1},
			{Code: "C1", Name: "Xã Một", Level: 2, Parent: "P"},
			{Code: "C2", Name: "Xã Hai", Level: 2, Parent: "P"},
		},
	}
}

func openTest(t *testing.T) *store.Store {
	t.Helper()
	st, err := store.Open(filepath.Join(t.TempDir(), "t.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		// Whatever the test did, the subtotals the values make are kept.
		// (Unless the test closed the database itself.)
		if problems, err := st.Check(context.Background()); err != nil && !strings.Contains(err.Error(), "database is closed") || len(problems) > 0 {
			t.Errorf("check: %v %v", err, problems)
		}
		st.Close()
	})
	if err := st.SaveCatalog(context.Background(), testCatalog()); err != nil {
		t.Fatal(err)
	}
	return st
}

func get(t *testing.T, st *store.Store, element, area, per string) (store.Value, bool) {
	t.Helper()
	vs, err := st.Values(context.Background(), store.ValueFilter{Periods: []string{per}, Elements: []string{element}, Areas: []string{area}})
	if err != nil {
		t.Fatal(err)
	}
	if len(vs) == 0 {
		return store.Value{}, false
	}
	return vs[0], true
}

func TestValueKeepsTheNumberMeant(t *testing.T) {
	st := openTest(t)
	ctx := context.Background()
	for _, typed := range []string{"0,36", "97,82", "1.234,5", "0,1"} {
		c, err := number.Parse(typed, number.Vietnamese)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := st.Save(ctx, store.Change{Element: "RATE", Area: "C1", Period: "2020", Value: c}); err != nil {
			t.Fatal(err)
		}
		// Reopen the file to be sure the value comes from disk.
		st2, err := store.Open(st.Path())
		if err != nil {
			t.Fatal(err)
		}
		v, _ := get(t, st2, "RATE", "C1", "2020")
		st2.Close()
		if got := number.Format(v.Value, -1, number.Vietnamese); got != typed {
			t.Errorf("typed %s, stored %q, shown %s", typed, v.Value, got)
		}
	}
}

func TestAuditRecordsEveryChange(t *testing.T) {
	st := openTest(t)
	ctx := context.Background()
	if err := st.SetAuthor("Nguyễn Thị Lan"); err != nil {
		t.Fatal(err)
	}
	steps := []store.Change{
		{Element: "HH_TOTAL", Area: "C1", Period: "2020", Value: "1200"},
		{Element: "HH_TOTAL", Area: "C1", Period: "2020", Value: "1250", Comment: "rà soát lại"},
		{Element: "HH_TOTAL", Area: "C1", Period: "2020", Value: "1250", Comment: "rà soát lại"}, // no change
		{Element: "HH_TOTAL", Area: "C1", Period: "2020", Value: ""},                             // deletion
	}
	var results []store.Result
	for _, c := range steps {
		r, err := st.Save(ctx, c)
		if err != nil {
			t.Fatal(err)
		}
		results = append(results, r)
	}
	if results[0].New != 1 || results[1].Changed != 1 || results[2].Unchanged != 1 || results[3].Changed != 1 {
		t.Errorf("results: %+v", results)
	}
	h, err := st.History(ctx, "HH_TOTAL", "C1", "2020", "")
	if err != nil {
		t.Fatal(err)
	}
	want := [][2]string{{"", "1200"}, {"1200", "1250"}, {"1250", ""}}
	if len(h) != len(want) {
		t.Fatalf("history has %d entries, want %d: %+v", len(h), len(want), h)
	}
	for i, w := range want {
		if h[i].Old != w[0] || h[i].New != w[1] {
			t.Errorf("change %d: %q → %q, want %q → %q", i, h[i].Old, h[i].New, w[0], w[1])
		}
		if h[i].Author != "Nguyễn Thị Lan" || h[i].Device != st.Device() || h[i].ChangedAt == "" {
			t.Errorf("change %d: who/where/when missing: %+v", i, h[i])
		}
		if i > 0 && h[i].Replaces != h[i-1].OpID {
			t.Errorf("change %d replaces %q, want the previous change %q", i, h[i].Replaces, h[i-1].OpID)
		}
	}
	if _, ok := get(t, st, "HH_TOTAL", "C1", "2020"); ok {
		t.Error("a deleted value is still listed")
	}
}

func TestImportIsAllOrNothing(t *testing.T) {
	st := openTest(t)
	ctx := context.Background()
	if _, err := st.Save(ctx, store.Change{Element: "HH_TOTAL", Area: "C1", Period: "2020", Value: "100"}); err != nil {
		t.Fatal(err)
	}
	bad := []store.Change{
		{Element: "HH_TOTAL", Area: "C1", Period: "2020", Value: "999"},
		{Element: "HH_TOTAL", Area: "C2", Period: "2020", Value: "50"},
		{Element: "HH_TOTAL", Area: "C2", Period: "2021", Value: "-5"}, // below the minimum
	}
	_, err := st.Save(ctx, bad...)
	if err == nil {
		t.Fatal("an import with a negative household count was accepted")
	}
	if !strings.Contains(msg.Text(err, "vi"), "tối thiểu") {
		t.Errorf("the Vietnamese message does not say why: %s", msg.Text(err, "vi"))
	}
	if v, _ := get(t, st, "HH_TOTAL", "C1", "2020"); v.Value != "100" {
		t.Errorf("a failed import changed a saved value to %q", v.Value)
	}
	if _, ok := get(t, st, "HH_TOTAL", "C2", "2020"); ok {
		t.Error("a failed import left a new value behind")
	}
	// A stream that fails midway leaves nothing either.
	streamErr := errors.New("tệp bị cắt ngang")
	_, err = st.Import(ctx, "x.csv", func(yield func(store.Change, error) bool) {
		if yield(store.Change{Element: "HH_TOTAL", Area: "C2", Period: "2022", Value: "7"}, nil) {
			yield(store.Change{}, streamErr)
		}
	})
	if !errors.Is(err, streamErr) {
		t.Errorf("err = %v", err)
	}
	if _, ok := get(t, st, "HH_TOTAL", "C2", "2022"); ok {
		t.Error("an interrupted import left a value behind")
	}
}

func TestImportRefusesWhatDoesNotFit(t *testing.T) {
	st := openTest(t)
	cases := map[string]store.Change{
		"unknown element":       {Element: "NOPE", Area: "C1", Period: "2020", Value: "1"},
		"unknown area":          {Element: "HH_TOTAL", Area: "X9", Period: "2020", Value: "1"},
		"bad period":            {Element: "HH_TOTAL", Area: "C1", Period: "20201", Value: "1"},
		"decimal in an integer": {Element: "HH_TOTAL", Area: "C1", Period: "2020", Value: "1.5"},
		"yes/no not 0 or 1":     {Element: "HS_STD", Area: "C1", Period: "2020", Value: "2"},
		"missing category":      {Element: "HOUSE", Area: "C1", Period: "2020", Value: "3"},
		"category not allowed":  {Element: "HH_TOTAL", Area: "C1", Period: "2020", Category: "NEW", Value: "3"},
	}
	for name, c := range cases {
		if _, err := st.Save(context.Background(), c); err == nil {
			t.Errorf("%s: accepted", name)
		} else if msg.Text(err, "vi") == msg.Text(err, "en") {
			t.Errorf("%s: no Vietnamese message: %v", name, err)
		}
	}
}

func TestParseValue(t *testing.T) {
	yn := &catalog.Element{Code: "HS_STD", ValueType: catalog.YesNo}
	for in, want := range map[string]string{"có": "1", "Không": "0", "1": "1", "yes": "1"} {
		if got, err := store.ParseValue(yn, in, number.Vietnamese); err != nil || got != want {
			t.Errorf("ParseValue(yes/no, %q) = %q, %v", in, got, err)
		}
	}
	if _, err := store.ParseValue(yn, "có lẽ", number.Vietnamese); err == nil {
		t.Error("\"có lẽ\" accepted as yes/no")
	}
	hh := &catalog.Element{Code: "HH", ValueType: catalog.Integer, Min: ptr(0)}
	if got, err := store.ParseValue(hh, "8.981", number.Vietnamese); err != nil || got != "8981" {
		t.Errorf("8.981 → %q, %v", got, err)
	}
	for _, bad := range []string{"abc", "-5", "1,5"} {
		if _, err := store.ParseValue(hh, bad, number.Vietnamese); err == nil {
			t.Errorf("%q accepted as a household count", bad)
		}
	}
}

func TestCatalogRoundTrip(t *testing.T) {
	st := openTest(t)
	got, err := st.Catalog(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	want := testCatalog()
	if len(got.Elements) != len(want.Elements) || len(got.Areas) != len(want.Areas) {
		t.Fatalf("read back %d elements, %d areas", len(got.Elements), len(got.Areas))
	}
	if h := got.Elements[3]; strings.Join(h.Categories, ",") != "NEW,REPAIR" {
		t.Errorf("categories: %v", h.Categories)
	}
	if got.Areas[1].Parent != "P" || got.Areas[1].Name != "Xã Một" {
		t.Errorf("area: %+v", got.Areas[1])
	}
}

// TestCatalogKeepsTimeAggregation stores an element's time aggregation
// and definitions, reads them back, and keeps the time aggregation when a
// catalog that does not state it (one written before it existed) is saved
// over it.
func TestCatalogKeepsTimeAggregation(t *testing.T) {
	ctx := context.Background()
	st := openTest(t)
	c := testCatalog()
	c.Elements[0].TimeAggregation = catalog.TimeLevel
	c.Elements[0].Definitions = []catalog.Definition{{From: 2022, NoteVI: "chuẩn mới", QualifierVI: "chuẩn đa chiều", LegalBasis: "Nghị định 07/2021/NĐ-CP"}}
	if err := st.SaveCatalog(ctx, c); err != nil {
		t.Fatal(err)
	}
	got, err := st.Catalog(ctx)
	if err != nil {
		t.Fatal(err)
	}
	e := got.Elements[0]
	if e.TimeAggregation != catalog.TimeLevel || len(e.Definitions) != 1 || e.Definitions[0] != c.Elements[0].Definitions[0] {
		t.Fatalf("read back %+v", e)
	}
	if got.Elements[1].TimeAggregation != "" {
		t.Errorf("an element saved without a time aggregation reads %q", got.Elements[1].TimeAggregation)
	}
	old := testCatalog() // says nothing of time
	if err := st.SaveCatalog(ctx, old); err != nil {
		t.Fatal(err)
	}
	got, _ = st.Catalog(ctx)
	if e := got.Elements[0]; e.TimeAggregation != catalog.TimeLevel || len(e.Definitions) != 0 {
		t.Errorf("after saving an older catalog: %q, %v; want level kept and definitions as the catalog says", e.TimeAggregation, e.Definitions)
	}
}

func TestPeriods(t *testing.T) {
	ctx := context.Background()
	st := openTest(t)
	if ps, err := st.Periods(ctx); err != nil || len(ps) != 0 {
		t.Fatalf("empty database: %v %v", ps, err)
	}
	if _, err := st.Save(ctx,
		store.Change{Element: "HH_TOTAL", Area: "C1", Period: "2024", Value: "10"},
		store.Change{Element: "HH_TOTAL", Area: "C2", Period: "2024", Value: "12"},
		store.Change{Element: "RATE", Area: "C1", Period: "2024Q3", Value: "1.5"},
		store.Change{Element: "HH_TOTAL", Area: "C1", Period: "2023", Value: "9"},
	); err != nil {
		t.Fatal(err)
	}
	if ps, err := st.Periods(ctx); err != nil || strings.Join(ps, " ") != "2023 2024 2024Q3" {
		t.Errorf("periods %v %v", ps, err)
	}
}

func TestCheckFindsASoundFile(t *testing.T) {
	st := openTest(t)
	problems, err := st.Check(context.Background())
	if err != nil || len(problems) != 0 {
		t.Errorf("problems %v, err %v", problems, err)
	}
}

// seq is a helper to build iterators in tests.
func seq(cs ...store.Change) iter.Seq2[store.Change, error] {
	return func(yield func(store.Change, error) bool) {
		for _, c := range cs {
			if !yield(c, nil) {
				return
			}
		}
	}
}

func TestEveryActionIsOneTransaction(t *testing.T) {
	st := openTest(t)
	ctx := context.Background()
	res, err := st.Import(ctx, "two.csv", seq(
		store.Change{Element: "HH_TOTAL", Area: "C1", Period: "2021", Value: "10"},
		store.Change{Element: "HH_TOTAL", Area: "C2", Period: "2021", Value: "20"},
	))
	if err != nil || res.New != 2 {
		t.Fatalf("%+v %v", res, err)
	}
	var n int
	if err := st.DB().QueryRow(`SELECT count(*) FROM changeset WHERE source = 'two.csv' AND rows = 2 AND changed = 2`).Scan(&n); err != nil || n != 1 {
		t.Errorf("import log: %d rows, %v", n, err)
	}
}
