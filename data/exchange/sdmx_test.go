package exchange_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/xml"
	"io"
	"slices"
	"strings"
	"testing"
	"time"

	"chiso/data/exchange"
	"chiso/data/store"
)

func TestSDMXPeriod(t *testing.T) {
	for in, want := range map[string]string{
		"2024": "2024", "2024Q1": "2024-Q1", "2024q4": "2024-Q4", "202401": "2024-01", "202412": "2024-12",
		"2021-2025": "2021-01-01/P5Y", "2020-2020": "2020-01-01/P1Y", "2026S1": "2026-S1", "2026C9": "2026-01-01/P9M",
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
		{Element: "INC_PC", Area: "QN", Period: "2024Q1", Value: "15.75", Status: store.Estimate},
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
	want := "\uFEFFSTRUCTURE,STRUCTURE_ID,ACTION,FREQ,REF_AREA,INDICATOR,CATEGORY,TIME_PERIOD,OBS_VALUE,OBS_STATUS,COMMENT\r\n" +
		"dataflow,VN_CHISO:DF_KTXH(1.0.0),I,A,QN_HALONG_01,POP,_Z,2024,12345,A,\"tạm tính, chờ rà soát\"\r\n" +
		"dataflow,VN_CHISO:DF_KTXH(1.0.0),I,Q,QN,INC_PC,_Z,2024-Q1,15.75,E,\r\n" +
		"dataflow,VN_CHISO:DF_KTXH(1.0.0),I,M,QN,SS_SPEND,_Z,2024-03,0.5,A,\r\n" +
		"dataflow,VN_CHISO:DF_KTXH(1.0.0),I,A,QN,HOUSE_SUPPORT,NEW,2023,3,A,\r\n" +
		"dataflow,VN_CHISO:DF_KTXH(1.0.0),D,A,QN,HH_POOR,_Z,2022,-,,\r\n"
	if buf.String() != want {
		t.Errorf("SDMX-CSV\n%s\nwant\n%s", buf.String(), want)
	}

	buf.Reset()
	if err := exchange.WriteSDMXCSV(&buf, each, exchange.SDMXOptions{Agency: "QN_CTK", Flow: "DF_XA", Version: "2.1.0", Action: "R"}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), "\ndataflow,QN_CTK:DF_XA(2.1.0),R,A,QN_HALONG_01,POP,") {
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
	recs, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(buf.Bytes(), []byte("\uFEFF")))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != want+1 {
		t.Errorf("%d rows, want %d values and a header", len(recs), want)
	}
	seen := map[string]bool{}
	for _, r := range recs[1:] {
		if r[0] != "dataflow" || r[2] != "I" || r[8] == "" {
			t.Fatalf("row %v", r)
		}
		seen[r[3]] = true
		seen[r[6]] = true
		seen[r[7]] = true
	}
	for _, s := range []string{"A", "Q", "M", "_Z", "NEW", "REPAIR", "2024-Q1", "2024-03", "2020"} {
		if !seen[s] {
			t.Errorf("no %s in the demo's export", s)
		}
	}

	// The structure: well-formed SDMX-ML, and every code of the data in
	// the codelist of its column.
	cat, err := st.Catalog(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var xmlBuf bytes.Buffer
	if err := exchange.WriteSDMXStructure(&xmlBuf, cat, exchange.SDMXOptions{}, time.Date(2026, 12, 4, 8, 0, 0, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	lists, dims := sdmxCodelists(t, xmlBuf.Bytes())
	if want := []string{"FREQ", "REF_AREA", "INDICATOR", "CATEGORY", "TIME_PERIOD"}; !slices.Equal(dims, want) {
		t.Errorf("dimensions %v, want %v", dims, want)
	}
	for col, list := range map[int]string{3: "CL_FREQ", 4: "CL_AREA", 5: "CL_INDICATOR", 6: "CL_CATEGORY"} {
		if len(lists[list]) == 0 {
			t.Fatalf("no codelist %s in\n%s", list, xmlBuf.String()[:2000])
		}
		for _, r := range recs[1:] {
			if !lists[list][r[col]] {
				t.Errorf("%s %q of the data is not in the codelist %s", recs[0][col], r[col], list)
				break
			}
		}
	}
	if !bytes.Contains(xmlBuf.Bytes(), []byte(`<com:Name xml:lang="vi">Huyện Hoành Bồ</com:Name>`)) {
		t.Error("the area codelist lacks the Vietnamese names")
	}
}

// sdmxCodelists decodes an SDMX-ML 3.0 structure message, failing on XML
// that is not well-formed, and returns the codes of each codelist and the
// dimensions of the data structure in order.
func sdmxCodelists(t *testing.T, data []byte) (map[string]map[string]bool, []string) {
	t.Helper()
	var msg struct {
		XMLName    xml.Name `xml:"http://www.sdmx.org/resources/sdmxml/schemas/v3_0/message Structure"`
		Structures struct {
			Codelists []struct {
				ID    string `xml:"id,attr"`
				Codes []struct {
					ID string `xml:"id,attr"`
				} `xml:"Code"`
			} `xml:"Codelists>Codelist"`
			DataStructures []struct {
				Dims []struct {
					XMLName xml.Name
					ID      string `xml:"id,attr"`
				} `xml:",any"`
			} `xml:"DataStructures>DataStructure>DataStructureComponents>DimensionList"`
			Dataflows []struct {
				ID        string `xml:"id,attr"`
				Structure string `xml:"Structure"`
			} `xml:"Dataflows>Dataflow"`
		} `xml:"Structures"`
	}
	dec := xml.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&msg); err != nil {
		t.Fatalf("not well-formed SDMX-ML: %v", err)
	}
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if cd, ok := tok.(xml.CharData); err != nil || !ok || len(bytes.TrimSpace(cd)) > 0 {
			t.Fatalf("data after the message: %v %v", tok, err)
		}
	}
	lists := map[string]map[string]bool{}
	for _, cl := range msg.Structures.Codelists {
		lists[cl.ID] = map[string]bool{}
		for _, c := range cl.Codes {
			lists[cl.ID][c.ID] = true
		}
	}
	var dims []string
	for _, ds := range msg.Structures.DataStructures {
		for _, d := range ds.Dims {
			dims = append(dims, d.ID)
		}
	}
	if len(msg.Structures.Dataflows) != 1 || msg.Structures.Dataflows[0].ID != "DF_KTXH" ||
		!strings.HasSuffix(msg.Structures.Dataflows[0].Structure, "DataStructure=VN_CHISO:DSD_KTXH(1.0.0)") {
		t.Errorf("dataflow %+v", msg.Structures.Dataflows)
	}
	return lists, dims
}
