package exchange_test

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"

	"chiso/data/exchange"
	"chiso/data/store"
)

func TestSDMXPeriod(t *testing.T) {
	for in, want := range map[string]string{
		"2024": "2024", "2024Q1": "2024-Q1", "2024q4": "2024-Q4", "202401": "2024-01", "202412": "2024-12",
		"2021-2025": "2021-01-01/P5Y", "2020-2020": "2020-01-01/P1Y",
	} {
		if got, err := exchange.SDMXPeriod(in); err != nil || got != want {
			t.Errorf("SDMXPeriod(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	if _, err := exchange.SDMXPeriod("2024W1"); err == nil {
		t.Error("2024W1 accepted")
	}
}

func TestWriteSDMXCSV(t *testing.T) {
	vals := []store.Value{
		{Element: "POP", Area: "QN_HALONG_01", Period: "2024", Value: "12345", Comment: "tạm tính, chờ rà soát"},
		{Element: "INC_PC", Area: "QN", Period: "2024Q1", Value: "15.75"},
		{Element: "SS_SPEND", Area: "QN", Period: "202403", Value: "0.5"},
		{Element: "HOUSE_SUPPORT", Area: "QN", Period: "2023", Category: "NEW", Value: "3"},
		{Element: "HH_POOR", Area: "QN", Period: "2022"}, // deleted
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
	if err := exchange.WriteSDMXCSV(&buf, each, exchange.SDMXOptions{}); err != nil {
		t.Fatal(err)
	}
	want := "STRUCTURE,STRUCTURE_ID,ACTION,REF_AREA,INDICATOR,CATEGORY,TIME_PERIOD,OBS_VALUE,COMMENT\n" +
		"dataflow,VN_CHISO:DF_KTXH(1.0.0),I,QN_HALONG_01,POP,_Z,2024,12345,\"tạm tính, chờ rà soát\"\n" +
		"dataflow,VN_CHISO:DF_KTXH(1.0.0),I,QN,INC_PC,_Z,2024-Q1,15.75,\n" +
		"dataflow,VN_CHISO:DF_KTXH(1.0.0),I,QN,SS_SPEND,_Z,2024-03,0.5,\n" +
		"dataflow,VN_CHISO:DF_KTXH(1.0.0),I,QN,HOUSE_SUPPORT,NEW,2023,3,\n" +
		"dataflow,VN_CHISO:DF_KTXH(1.0.0),D,QN,HH_POOR,_Z,2022,-,\n"
	if buf.String() != want {
		t.Errorf("SDMX-CSV\n%s\nwant\n%s", buf.String(), want)
	}

	buf.Reset()
	if err := exchange.WriteSDMXCSV(&buf, each, exchange.SDMXOptions{Agency: "QN_CTK", Flow: "DF_XA", Version: "2.1.0", Action: "R"}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), "\ndataflow,QN_CTK:DF_XA(2.1.0),R,QN_HALONG_01,POP,") {
		t.Errorf("options ignored:\n%s", buf.String())
	}
	if err := exchange.WriteSDMXCSV(&buf, each, exchange.SDMXOptions{Action: "X"}); err == nil {
		t.Error("ACTION X accepted")
	}
	vals = []store.Value{{Element: "POP", Area: "QN", Period: "20x4", Value: "1"}}
	if err := exchange.WriteSDMXCSV(&bytes.Buffer{}, each, exchange.SDMXOptions{}); err == nil || !strings.Contains(err.Error(), "20x4") {
		t.Errorf("bad period: %v", err)
	}
}

// TestSDMXDemo exports the whole demo: one row per value, every row with
// the columns of the header.
func TestSDMXDemo(t *testing.T) {
	st := demoStore(t)
	want := len(valuesOf(t, st))
	var buf bytes.Buffer
	if err := exchange.WriteSDMXCSV(&buf, eachValue(st), exchange.SDMXOptions{}); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != want+1 {
		t.Errorf("%d rows, want %d values and a header", len(recs), want)
	}
	seen := map[string]bool{}
	for _, r := range recs[1:] {
		if r[0] != "dataflow" || r[2] != "I" || r[7] == "" {
			t.Fatalf("row %v", r)
		}
		seen[r[5]] = true
		seen[r[6]] = true
	}
	for _, s := range []string{"_Z", "NEW", "REPAIR", "2024-Q1", "2024-03", "2020"} {
		if !seen[s] {
			t.Errorf("no %s in the demo's export", s)
		}
	}
}
