package exchange

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"

	"chiso/data/catalog"
	"chiso/data/msg"
	"chiso/data/number"
	"chiso/data/store"
)

func testCatalog() *catalog.Catalog {
	zero := 0.0
	return &catalog.Catalog{
		Levels:     []catalog.Level{{Level: 1, Code: "P"}},
		Categories: []catalog.CategoryOption{{Code: "NEW"}, {Code: "REPAIR"}},
		Elements: []catalog.Element{
			{Code: "HH_TOTAL", NameVI: "Tổng số hộ", ValueType: catalog.Integer, Aggregation: catalog.Sum, Min: &zero},
			{Code: "INC_PC", NameVI: "Thu nhập", ValueType: catalog.Number, Aggregation: catalog.Average},
			{Code: "HS_STD", NameVI: "Trạm y tế", ValueType: catalog.YesNo, Aggregation: catalog.CountYes},
			{Code: "HOUSE", NameVI: "Nhà", ValueType: catalog.Integer, Aggregation: catalog.Sum, Categories: []string{"NEW", "REPAIR"}},
		},
		Areas: []catalog.Area{{Code: "QN", Name: "Quảng Ninh", Level: 1}},
	}
}

func readAll(t *testing.T, text string, st number.Style) ([]store.Change, error) {
	t.Helper()
	var out []store.Change
	for c, err := range ReadLong(strings.NewReader(text), "a.csv", testCatalog(), st) {
		if err != nil {
			return out, err
		}
		out = append(out, c)
	}
	return out, nil
}

func TestReadLong(t *testing.T) {
	text := "\uFEFFelement,area,period,category,value,comment\n" +
		"HH_TOTAL,QN,2020,,8.981,\n" +
		"INC_PC,QN,2021,,\"52,5\",ước tính\n" +
		"HS_STD,QN,2023,,có,\n" +
		"HOUSE,QN,2023,NEW,260,\n"
	got, err := readAll(t, text, number.Vietnamese)
	if err != nil {
		t.Fatal(err)
	}
	want := []store.Change{
		{Element: "HH_TOTAL", Area: "QN", Period: "2020", Value: "8981"},
		{Element: "INC_PC", Area: "QN", Period: "2021", Value: "52.5", Comment: "ước tính"},
		{Element: "HS_STD", Area: "QN", Period: "2023", Value: "1"},
		{Element: "HOUSE", Area: "QN", Period: "2023", Category: "NEW", Value: "260"},
	}
	if len(got) != len(want) {
		t.Fatalf("got %d changes, want %d", len(got), len(want))
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("line %d: %+v, want %+v", i+2, got[i], want[i])
		}
	}
}

func TestReadLongErrorsNameFileLineAndField(t *testing.T) {
	head := "element,area,period,category,value,comment\n"
	cases := []struct{ name, text, want string }{
		{"empty", "", "dòng 1"},
		{"missing column", "element,area,period,value\n", "thiếu cột category"},
		{"bad number", head + "HH_TOTAL,QN,2020,,8.981,\nHH_TOTAL,QN,2021,,abc,\n", "dòng 3, cột value"},
		{"ambiguous decimal in integer", head + "HH_TOTAL,QN,2020,,\"1,5\",\n", "dòng 2, cột value"},
		{"unknown element", head + "XX,QN,2020,,1,\n", "dòng 2, cột element"},
		{"missing value", head + "HH_TOTAL,QN,2020,,,\n", "dòng 2, cột value: thiếu"},
		{"broken quote", head + "HH_TOTAL,QN,2020,,\"1,\n", "a.csv"},
	}
	for _, c := range cases {
		_, err := readAll(t, c.text, number.Vietnamese)
		if err == nil {
			t.Errorf("%s: accepted", c.name)
			continue
		}
		if vi := msg.Text(err, "vi"); !strings.Contains(vi, c.want) || !strings.Contains(vi, "a.csv") {
			t.Errorf("%s: message %q does not name %q", c.name, vi, c.want)
		}
	}
}

// TestRoundTrip exports values and imports them again, in both styles.
func TestRoundTrip(t *testing.T) {
	ctx := context.Background()
	st, err := store.Open(filepath.Join(t.TempDir(), "r.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if err := st.SaveCatalog(ctx, testCatalog()); err != nil {
		t.Fatal(err)
	}
	orig := []store.Change{
		{Element: "HH_TOTAL", Area: "QN", Period: "2020", Value: "1234567", Comment: "số \"chính thức\", đã rà soát"},
		{Element: "INC_PC", Area: "QN", Period: "2021", Value: "0.36"},
		{Element: "HOUSE", Area: "QN", Period: "2023", Category: "REPAIR", Value: "181"},
	}
	if _, err := st.Save(ctx, orig...); err != nil {
		t.Fatal(err)
	}
	for _, style := range []number.Style{number.English, number.Vietnamese} {
		var buf bytes.Buffer
		if err := WriteLong(&buf, func(fn func(store.Value) error) error { return st.EachValue(ctx, store.ValueFilter{}, fn) }, style); err != nil {
			t.Fatal(err)
		}
		if !bytes.HasPrefix(buf.Bytes(), bom) {
			t.Error("no byte order mark for Excel")
		}
		got, err := readAll(t, buf.String(), style)
		if err != nil {
			t.Fatalf("%v: %v\n%s", style, err, buf.String())
		}
		if len(got) != len(orig) {
			t.Fatalf("%v: %d values back, want %d", style, len(got), len(orig))
		}
		res, err := st.Save(ctx, got...)
		if err != nil || res.Unchanged != len(orig) {
			t.Errorf("%v: re-import changed something: %+v %v", style, res, err)
		}
	}
}
