package exchange_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"iter"
	"path/filepath"
	"strings"
	"testing"

	"chiso/data/catalog"
	"chiso/data/defaults"
	"chiso/data/exchange"
	"chiso/data/msg"
	"chiso/data/store"
)

// demoStore returns a database holding the demo, with a follow-up flag and
// a comment full of CSV and JSON specials added.
func demoStore(t *testing.T) *store.Store {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(filepath.Join(t.TempDir(), "demo.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if err := defaults.Install(ctx, st, true); err != nil {
		t.Fatal(err)
	}
	if _, err := st.Save(ctx,
		store.Change{Element: "POP", Area: "QN_HALONG_01", Period: "2024", Value: "12345", FollowUp: true,
			Comment: "số \"tạm tính\", chờ rà soát;\ndòng hai <b>&</b>"},
		store.Change{Element: "INC_PC", Area: "QN_HALONG_01", Period: "2024Q1", Value: "15.75"},
		store.Change{Element: "SS_SPEND", Area: "QN", Period: "202403", Value: "0.5"},
	); err != nil {
		t.Fatal(err)
	}
	return st
}

// emptyStore returns a database with the demo catalog and no values.
func emptyStore(t *testing.T) (*store.Store, *catalog.Catalog) {
	t.Helper()
	st, err := store.Open(filepath.Join(t.TempDir(), "empty.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	c, err := defaults.DemoCatalog()
	if err != nil {
		t.Fatal(err)
	}
	if err := st.SaveCatalog(context.Background(), c); err != nil {
		t.Fatal(err)
	}
	return st, c
}

func eachValue(st *store.Store) func(func(store.Value) error) error {
	return func(fn func(store.Value) error) error {
		return st.EachValue(context.Background(), store.ValueFilter{}, fn)
	}
}

// key is what a round trip must keep of a value.
type key struct {
	Element, Area, Period, Category, Value, Comment string
	FollowUp                                        bool
}

func valuesOf(t *testing.T, st *store.Store) []key {
	t.Helper()
	vs, err := st.Values(context.Background(), store.ValueFilter{})
	if err != nil {
		t.Fatal(err)
	}
	out := make([]key, len(vs))
	for i, v := range vs {
		out[i] = key{v.Element, v.Area, v.Period, v.Category, v.Value, v.Comment, v.FollowUp}
	}
	return out
}

func TestDHIS2RoundTrip(t *testing.T) {
	ctx := context.Background()
	src := demoStore(t)
	want := valuesOf(t, src)
	if len(want) < 2000 {
		t.Fatalf("the demo has only %d values", len(want))
	}
	cat, err := src.Catalog(ctx)
	if err != nil {
		t.Fatal(err)
	}
	formats := []struct {
		name  string
		write func(io.Writer, func(func(store.Value) error) error, exchange.DHIS2Options) error
		read  func(io.Reader, string, *catalog.Catalog, *exchange.Position) iter.Seq2[store.Change, error]
	}{
		{"demo.json", exchange.WriteDHIS2JSON, exchange.ReadDHIS2JSON},
		{"demo.csv", exchange.WriteDHIS2CSV, exchange.ReadDHIS2CSV},
	}
	for _, f := range formats {
		t.Run(f.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := f.write(&buf, eachValue(src), exchange.DHIS2Options{DataSet: "KTXH_XA", Catalog: cat}); err != nil {
				t.Fatal(err)
			}
			text := buf.String()
			for _, s := range []string{"QN_HALONG_01", "2024Q1", "202403", "REPAIR", "true", "15.75"} {
				if !strings.Contains(text, s) {
					t.Errorf("the export has no %q", s)
				}
			}
			dst, c := emptyStore(t)
			res, err := dst.Import(ctx, f.name, f.read(bytes.NewReader(buf.Bytes()), f.name, c, nil))
			if err != nil {
				t.Fatal(msg.Text(err, "vi"))
			}
			if res.Rows != len(want) || res.New != len(want) {
				t.Errorf("imported %+v, want %d new rows", res, len(want))
			}
			got := valuesOf(t, dst)
			if len(got) != len(want) {
				t.Fatalf("%d values after the round trip, want %d", len(got), len(want))
			}
			for i := range want {
				if got[i] != want[i] {
					t.Errorf("value %d: %+v, want %+v", i, got[i], want[i])
				}
			}
			// Importing the same file again changes nothing.
			res, err = dst.Import(ctx, f.name, f.read(bytes.NewReader(buf.Bytes()), f.name, c, nil))
			if err != nil || res.Unchanged != len(want) {
				t.Errorf("second import: %+v %v", res, err)
			}
		})
	}
}

func TestWriteDHIS2JSONShape(t *testing.T) {
	vals := []store.Value{
		{Element: "POP", Area: "QN_HALONG_01", Period: "2024", Value: "12345", Comment: "a<b", Author: "lan", ChangedAt: "2025-01-02T03:04:05.000Z"},
		{Element: "HOUSE_SUPPORT", Area: "QN_HALONG_01", Period: "2024", Category: "NEW", Value: "3"},
		{Element: "HS_STD", Area: "QN_HALONG_01", Period: "2024", Value: "0"},
		{Element: "HH_POOR", Area: "QN_HALONG_01", Period: "2024"}, // deleted
	}
	each := func(fn func(store.Value) error) error {
		for _, v := range vals {
			if err := fn(v); err != nil {
				return err
			}
		}
		return nil
	}
	var buf bytes.Buffer
	if err := exchange.WriteDHIS2JSON(&buf, each, exchange.DHIS2Options{DataSet: "KTXH_XA", CompleteDate: "2025-01-31"}); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(buf.String(), "\n")
	if lines[0] != `{"idScheme":"CODE","dataElementIdScheme":"CODE","orgUnitIdScheme":"CODE","dataSet":"KTXH_XA","completeDate":"2025-01-31","dataValues":[` {
		t.Errorf("first line %q", lines[0])
	}
	if want := `{"dataElement":"POP","period":"2024","orgUnit":"QN_HALONG_01","categoryOptionCombo":"default","value":"12345","comment":"a<b","storedBy":"lan","lastUpdated":"2025-01-02T03:04:05.000Z","followUp":false},`; lines[1] != want {
		t.Errorf("value line\n%s\nwant\n%s", lines[1], want)
	}
	var set struct {
		DataSet    string
		DataValues []map[string]any
	}
	if err := json.Unmarshal(buf.Bytes(), &set); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, buf.String())
	}
	if len(set.DataValues) != 4 || set.DataValues[1]["categoryOptionCombo"] != "NEW" ||
		set.DataValues[2]["value"] != "0" || set.DataValues[3]["deleted"] != true || set.DataValues[3]["value"] != nil {
		t.Errorf("values %v", set.DataValues)
	}
	// A range of years has no DHIS2 period type.
	vals = []store.Value{{Element: "POP", Area: "QN", Period: "2021-2025", Value: "1"}}
	err := exchange.WriteDHIS2JSON(io.Discard, each, exchange.DHIS2Options{})
	if err == nil || !strings.Contains(msg.Text(err, "vi"), "2021-2025") {
		t.Errorf("range period: %v", err)
	}
	// The CSV carries a deletion in its column deleted.
	vals = []store.Value{{Element: "POP", Area: "QN", Period: "2021"}}
	buf.Reset()
	if err := exchange.WriteDHIS2CSV(&buf, each, exchange.DHIS2Options{}); err != nil || !strings.HasSuffix(buf.String(), "\nPOP,2021,QN,default,,,,,,false,true\n") {
		t.Errorf("CSV deletion %v:\n%s", err, buf.String())
	}
}

func readChanges(seq iter.Seq2[store.Change, error]) ([]store.Change, error) {
	var out []store.Change
	for c, err := range seq {
		if err != nil {
			return out, err
		}
		out = append(out, c)
	}
	return out, nil
}

func TestReadDHIS2JSONShapes(t *testing.T) {
	_, c := emptyStore(t)
	text := "\uFEFF" + `{
  "dataSet": "KTXH_XA", "completeDate": "2025-01-31", "period": "2024", "orgUnit": "QN_HALONG_01",
  "attributeOptionCombo": "HllvX50cXC0", "extra": {"ignored": [1, 2]},
  "dataValues": [
    {"dataElement": "POP", "value": "12345", "storedBy": "x", "created": "2025-01-01", "lastUpdated": "2025-01-01"},
    {"dataElement": "HOUSE_SUPPORT", "categoryOptionCombo": "REPAIR", "value": 7, "followup": true, "comment": "Nha\u0300 cu\u0303"},
    {"dataElement": "HS_STD", "categoryOptionCombo": "HllvX50cXC0", "value": "true"},
    {"dataElement": "INC_PC", "categoryOptionCombo": "default", "period": "2024", "orgUnit": "QN_HALONG_01", "value": "52.50"},
    {"dataElement": "HH_POOR", "deleted": true},
    {"dataElement": "HH_TOTAL", "attributeOptionCombo": "default", "value": "-0"}
  ]
}`
	got, err := readChanges(exchange.ReadDHIS2JSON(strings.NewReader(text), "a.json", c, nil))
	if err != nil {
		t.Fatal(msg.Text(err, "vi"))
	}
	at := func(e, cat, v string) store.Change {
		return store.Change{Element: e, Area: "QN_HALONG_01", Period: "2024", Category: cat, Value: v}
	}
	want := []store.Change{at("POP", "", "12345"), at("HOUSE_SUPPORT", "REPAIR", "7"), at("HS_STD", "", "1"),
		at("INC_PC", "", "52.5"), at("HH_POOR", "", ""), at("HH_TOTAL", "", "0")}
	want[1].FollowUp, want[1].Comment = true, "Nhà cũ" // NFC
	if len(got) != len(want) {
		t.Fatalf("%d changes, want %d: %+v", len(got), len(want), got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("value %d: %+v, want %+v", i+1, got[i], want[i])
		}
	}
	// Per-value period and orgUnit without top-level ones; lower-case q.
	text = `{"dataValues":[{"dataElement":"POP","period":"2024q2","orgUnit":"QN","value":"1"}],"orgUnit":"QN"}`
	got, err = readChanges(exchange.ReadDHIS2JSON(strings.NewReader(text), "b.json", c, nil))
	if err != nil || len(got) != 1 || got[0].Period != "2024Q2" || got[0].Area != "QN" {
		t.Errorf("per-value fields: %+v %v", got, err)
	}
	// An empty set is no error.
	if got, err := readChanges(exchange.ReadDHIS2JSON(strings.NewReader(`{"dataValues":[]}`), "c.json", c, nil)); err != nil || len(got) != 0 {
		t.Errorf("empty set: %v %v", got, err)
	}
}

func TestReadDHIS2CSVShapes(t *testing.T) {
	_, c := emptyStore(t)
	// The columns of DHIS2 before 2.43, in another order, in any case.
	text := "\uFEFFDataElement,Period,OrgUnit,CatOptCombo,AttrOptCombo,Value,StoredBy,Timestamp,Comment,FollowUp,Deleted\n" +
		"POP,2024,QN_HALONG_01,default,,12345,x,2025-01-01,\"số \"\"tạm\"\", chờ\",true,\n" +
		"HOUSE_SUPPORT,2024,QN_HALONG_01,NEW,HllvX50cXC0,3,,,,,\n" +
		"HS_STD,2024,QN_HALONG_01,,,false,,,,,\n" +
		"HH_POOR,2024,QN_HALONG_01,HllvX50cXC0,,,,,,,true\n"
	got, err := readChanges(exchange.ReadDHIS2CSV(strings.NewReader(text), "a.csv", c, nil))
	if err != nil {
		t.Fatal(msg.Text(err, "vi"))
	}
	at := func(e, cat, v string) store.Change {
		return store.Change{Element: e, Area: "QN_HALONG_01", Period: "2024", Category: cat, Value: v}
	}
	want := []store.Change{at("POP", "", "12345"), at("HOUSE_SUPPORT", "NEW", "3"), at("HS_STD", "", "0"), at("HH_POOR", "", "")}
	want[0].Comment, want[0].FollowUp = `số "tạm", chờ`, true
	if len(got) != len(want) {
		t.Fatalf("%d changes, want %d: %+v", len(got), len(want), got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("row %d: %+v, want %+v", i+1, got[i], want[i])
		}
	}
	// The columns of DHIS2 2.43, by name in any order.
	got, err = readChanges(exchange.ReadDHIS2CSV(strings.NewReader("value,orgunit,period,dataelement,categoryoptioncombo\n7,QN,2024,HOUSE_SUPPORT,REPAIR\n"), "c.csv", c, nil))
	if err != nil || len(got) != 1 || got[0] != (store.Change{Element: "HOUSE_SUPPORT", Area: "QN", Period: "2024", Category: "REPAIR", Value: "7"}) {
		t.Errorf("columns by name: %+v %v", got, err)
	}
	// Without a header, the first row is data.
	got, err = readChanges(exchange.ReadDHIS2CSV(strings.NewReader("POP,2024,QN,,,1\n"), "b.csv", c, nil))
	if err != nil || len(got) != 1 {
		t.Errorf("no header: %v %v", got, err)
	}
	// The writer's header and rows.
	var buf bytes.Buffer
	err = exchange.WriteDHIS2CSV(&buf, func(fn func(store.Value) error) error {
		return fn(store.Value{Element: "HOUSE_SUPPORT", Area: "QN", Period: "2024", Category: "NEW", Value: "3", Comment: "a, b"})
	}, exchange.DHIS2Options{})
	if err != nil {
		t.Fatal(err)
	}
	if want := "dataelement,period,orgunit,categoryoptioncombo,attributeoptioncombo,value,storedby,lastupdated,comment,followup,deleted\nHOUSE_SUPPORT,2024,QN,NEW,,3,,,\"a, b\",false,false\n"; buf.String() != want {
		t.Errorf("CSV\n%s\nwant\n%s", buf.String(), want)
	}
	recs, err := csv.NewReader(&buf).ReadAll()
	if err != nil || len(recs) != 2 || len(recs[0]) != len(exchange.DHIS2CSVColumns) {
		t.Errorf("CSV records %v %v", recs, err)
	}
}

// TestDHIS2BadFiles checks that each bad file is refused with a message
// naming the file, the record and the field, and that the import applies
// nothing, not even the good values before the bad one.
func TestDHIS2BadFiles(t *testing.T) {
	ctx := context.Background()
	st, c := emptyStore(t)
	if _, err := st.Save(ctx, store.Change{Element: "POP", Area: "QN_HALONG_02", Period: "2024", Value: "10"}); err != nil {
		t.Fatal(err)
	}
	before := valuesOf(t, st)

	const good = `{"dataElement":"POP","period":"2024","orgUnit":"QN_HALONG_01","value":"5"},
{"dataElement":"POP","period":"2024","orgUnit":"QN_HALONG_02","deleted":true}`
	js := func(v string) string { return "{\"dataValues\":[\n" + good + ",\n" + v + "\n]}" }
	const head = "dataelement,period,orgunit,categoryoptioncombo,attributeoptioncombo,value\n" +
		"POP,2024,QN_HALONG_01,,,5\n"
	jsonCases := []struct {
		name, text string
		want       []string
	}{
		{"empty", "", []string{"tệp rỗng"}},
		{"only spaces", " \n ", []string{"tệp rỗng"}},
		{"not an object", `[{"dataElement":"POP"}]`, []string{"dataValueSet"}},
		{"no dataValues", `{"dataSet":"X"}`, []string{"không có dataValues"}},
		{"unknown element", js(`{"dataElement":"XX","period":"2024","orgUnit":"QN","value":"1"}`),
			[]string{"giá trị thứ 3 (dòng 4)", "trường dataElement", "không có chỉ tiêu mã XX"}},
		{"unknown orgUnit", js(`{"dataElement":"POP","period":"2024","orgUnit":"QN_XX","value":"1"}`),
			[]string{"giá trị thứ 3", "trường orgUnit", "không có địa bàn mã QN_XX"}},
		{"bad number", js(`{"dataElement":"POP","period":"2024","orgUnit":"QN","value":"1,2,3"}`),
			[]string{"giá trị thứ 3", "trường value", `"1,2,3"`}},
		{"decimal comma", js(`{"dataElement":"INC_PC","period":"2024","orgUnit":"QN","value":"1,5"}`),
			[]string{"trường value", `"1,5"`}},
		{"fraction in integer", js(`{"dataElement":"POP","period":"2024","orgUnit":"QN","value":"1.5"}`),
			[]string{"trường value", "số nguyên"}},
		{"weekly period", js(`{"dataElement":"POP","period":"2024W99","orgUnit":"QN","value":"1"}`),
			[]string{"trường period", "2024W99"}},
		{"range period", js(`{"dataElement":"POP","period":"2021-2025","orgUnit":"QN","value":"1"}`),
			[]string{"trường period", "2021-2025"}},
		{"missing period", js(`{"dataElement":"POP","orgUnit":"QN","value":"1"}`),
			[]string{"trường period", "thiếu kỳ", "trước dataValues"}},
		{"missing value", js(`{"dataElement":"POP","period":"2024","orgUnit":"QN"}`),
			[]string{"trường value", "thiếu giá trị", "deleted"}},
		{"category on a plain element", js(`{"dataElement":"POP","period":"2024","orgUnit":"QN","categoryOptionCombo":"NEW","value":"1"}`),
			[]string{"trường categoryOptionCombo", "không phân tổ"}},
		{"no category on a disaggregated element", js(`{"dataElement":"HOUSE_SUPPORT","period":"2024","orgUnit":"QN","value":"1"}`),
			[]string{"trường categoryOptionCombo", "NEW/REPAIR"}},
		{"attribute combo", js(`{"dataElement":"POP","period":"2024","orgUnit":"QN","attributeOptionCombo":"FUND_A","value":"1"}`),
			[]string{"trường attributeOptionCombo", "FUND_A"}},
		{"bad followup", js(`{"dataElement":"POP","period":"2024","orgUnit":"QN","value":"1","followup":"maybe"}`),
			[]string{"trường followUp", "maybe"}},
		{"duplicate", js(`{"dataElement":"POP","period":"2024","orgUnit":"QN_HALONG_01","categoryOptionCombo":"default","value":"6"}`),
			[]string{"giá trị thứ 3", "trùng khoá", "giá trị thứ 1", "POP, QN_HALONG_01, 2024"}},
		{"truncated", js(`{"dataElement":"POP","period":"2024","orgUnit":"QN","value":"1"}`)[:len(good)+40], []string{"cắt cụt"}},
		{"truncated in a string", `{"dataValues":[{"dataElement":"PO`, []string{"cắt cụt"}},
		{"malformed", js(`{"dataElement":"POP" "period":"2024"}`), []string{"JSON hỏng ở dòng 4"}},
		{"trailing data", `{"dataValues":[]} {"dataValues":[]}`, []string{"sau đối tượng JSON"}},
		{"value is an object", js(`{"dataElement":"POP","period":"2024","orgUnit":"QN","value":{"v":1}}`),
			[]string{"giá trị thứ 3", "không đọc được"}},
		{"own period differs from the file's", `{"period":"2024","dataValues":[{"dataElement":"POP","period":"2023","orgUnit":"QN","value":"1"}]}`,
			[]string{"giá trị thứ 1", "trường period", `"2023"`, `"2024"`}},
		{"file's orgUnit after differing values", "{\"dataValues\":[" + good + `],"orgUnit":"QN"}`,
			[]string{"orgUnit", "sau dataValues"}},
	}
	csvCases := []struct {
		name, text string
		want       []string
	}{
		{"empty", "", []string{"tệp rỗng"}},
		{"unknown element", head + "XX,2024,QN,,,1\n", []string{"dòng 3", "cột dataelement", "XX"}},
		{"unknown orgunit", head + "POP,2024,QN_XX,,,1\n", []string{"dòng 3", "cột orgunit", "QN_XX"}},
		{"bad number", head + "POP,2024,QN,,,\"1,2,3\"\n", []string{"dòng 3", "cột value", `"1,2,3"`}},
		{"weekly period", head + "POP,2024W99,QN,,,1\n", []string{"dòng 3", "cột period", "2024W99"}},
		{"too few columns", head + "POP,2024,QN,,1\n", []string{"dòng 3", "5 cột"}},
		{"decimal comma out of quotes", head + "INC_PC,2024,QN,,,47,9\n", []string{"dòng 3", "7 cột"}},
		{"duplicate", head + "POP,2023,QN,,,1\nPOP,2024,QN_HALONG_01,default,,6\n", []string{"dòng 4", "trùng khoá", "dòng 2"}},
		{"broken quote", head + "POP,2024,QN,,,\"1\n", []string{"dòng CSV hỏng"}},
		{"bad deleted", "dataelement,period,orgunit,categoryoptioncombo,attributeoptioncombo,value,deleted\nPOP,2023,QN,,,1,perhaps\n", []string{"dòng 2", "cột deleted"}},
		{"no value column", "dataelement,period,orgunit\nPOP,2023,QN\n", []string{"dòng 1", "thiếu cột value"}},
	}
	check := func(t *testing.T, name, file string, seq iter.Seq2[store.Change, error], want []string) {
		t.Helper()
		_, err := st.Import(ctx, file, seq)
		if err == nil {
			t.Errorf("%s: imported", name)
			return
		}
		vi, en := msg.Text(err, "vi"), msg.Text(err, "en")
		t.Logf("%s:\n  %s\n  %s", name, vi, en)
		if !strings.Contains(vi, file) || !strings.Contains(en, file) {
			t.Errorf("%s: %q does not name the file", name, vi)
		}
		for _, w := range want {
			if !strings.Contains(vi, w) {
				t.Errorf("%s: %q does not say %q", name, vi, w)
			}
		}
		if en == vi {
			t.Errorf("%s: no English: %q", name, en)
		}
		if after := valuesOf(t, st); len(after) != len(before) || after[0] != before[0] {
			t.Errorf("%s: the refused file changed the database: %v", name, after)
		}
	}
	for _, tc := range jsonCases {
		check(t, "json "+tc.name, "x.json", exchange.ReadDHIS2JSON(strings.NewReader(tc.text), "x.json", c, nil), tc.want)
	}
	for _, tc := range csvCases {
		check(t, "csv "+tc.name, "x.csv", exchange.ReadDHIS2CSV(strings.NewReader(tc.text), "x.csv", c, nil), tc.want)
	}
}

// TestDHIS2JSONLineNumbers reads a long file, one value a line, with an
// error far down: the message names the value and its line.
func TestDHIS2JSONLineNumbers(t *testing.T) {
	_, c := emptyStore(t)
	var b strings.Builder
	b.WriteString("{\"dataValues\":[\n")
	for i := 1; i <= 3000; i++ {
		if i > 1 {
			b.WriteString(",\n")
		}
		e := "POP"
		if i == 2345 {
			e = "NOPE"
		}
		fmt.Fprintf(&b, `{"dataElement":%q,"period":"%d%02d","orgUnit":"QN","value":"%d","comment":"%s"}`,
			e, 1900+i/12, 1+i%12, i, strings.Repeat("x", i%97))
	}
	b.WriteString("\n]}\n")
	_, err := readChanges(exchange.ReadDHIS2JSON(strings.NewReader(b.String()), "long.json", c, nil))
	if err == nil || !strings.Contains(msg.Text(err, "vi"), "giá trị thứ 2345 (dòng 2346), trường dataElement") {
		t.Errorf("error %v", err)
	}
}
