package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestInterchangeExport exports the demo in each format and checks the
// first lines.
func TestInterchangeExport(t *testing.T) {
	db := demoDB(t)
	cases := []struct {
		args  []string
		first []string
	}{
		{[]string{"--format", "long"}, []string{"\uFEFFelement,area,period,category,value,comment", "POP,QN_HALONG,2011,,226359,"}},
		{[]string{"--format", "dhis2-json", "--dataset", "KTXH_XA"}, []string{`{"idScheme":"CODE","dataElementIdScheme":"CODE","orgUnitIdScheme":"CODE","dataSet":"KTXH_XA","dataValues":[`,
			`{"dataElement":"POP","period":"2011","orgUnit":"QN_HALONG","categoryOptionCombo":"default","value":"226359",`}},
		{[]string{"--format", "dhis2-csv"}, []string{"dataelement,period,orgunit,categoryoptioncombo,attributeoptioncombo,value,storedby,lastupdated,comment,followup,deleted",
			"POP,2011,QN_HALONG,default,,226359,"}},
		{[]string{"--format", "sdmx-csv"}, []string{"\uFEFFSTRUCTURE,STRUCTURE_ID,ACTION,FREQ,REF_AREA,INDICATOR,CATEGORY,TIME_PERIOD,OBS_VALUE,OBS_STATUS,COMMENT\r",
			"dataflow,VN_CHISO:DF_KTXH(1.0.0),I,A,QN_HALONG,POP,_Z,2011,226359,A,\r"}},
	}
	for _, tc := range cases {
		args := append([]string{"export", "--db", db}, tc.args...)
		out, errs, code := chiso(t, args...)
		if code != 0 {
			t.Errorf("%v: exit %d: %s", tc.args, code, errs)
			continue
		}
		lines := strings.Split(out, "\n")
		for i, want := range tc.first {
			if i >= len(lines) || !strings.HasPrefix(lines[i], want) {
				t.Errorf("%v: line %d\n%q\nwant a line starting\n%q", tc.args, i+1, lines[i], want)
			}
		}
		if len(lines) < 2000 {
			t.Errorf("%v: only %d lines", tc.args, len(lines))
		}
	}

	// The yes/no element reads true/false in DHIS2, and the JSON is whole.
	file := filepath.Join(t.TempDir(), "hs.json")
	if _, errs, code := chiso(t, "export", "--db", db, "--format", "dhis2-json", "--element", "HS_STD", "--period", "2020", "-o", file); code != 0 {
		t.Fatalf("export -o: %s", errs)
	}
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var set struct {
		DataValues []struct{ DataElement, Period, Value string }
	}
	if err := json.Unmarshal(data, &set); err != nil || len(set.DataValues) == 0 {
		t.Fatalf("%v: %s", err, data)
	}
	for _, v := range set.DataValues {
		if v.DataElement != "HS_STD" || v.Period != "2020" || (v.Value != "true" && v.Value != "false") {
			t.Errorf("value %+v", v)
		}
	}

	// SDMX-CSV comes with its structure, beside the data file.
	sdmx := filepath.Join(t.TempDir(), "qn.sdmx.csv")
	if _, errs, code := chiso(t, "export", "--db", db, "--format", "sdmx-csv", "-o", sdmx); code != 0 || !strings.Contains(errs, "qn.sdmx.structure.xml") {
		t.Fatalf("sdmx -o: %d %s", code, errs)
	}
	if data, err := os.ReadFile(strings.TrimSuffix(sdmx, ".csv") + ".structure.xml"); err != nil || !strings.Contains(string(data), `<str:DataStructure urn="urn:sdmx:org.sdmx.infomodel.datastructure.DataStructure=VN_CHISO:DSD_KTXH(1.0.0)"`) {
		t.Errorf("structure: %v", err)
	}

	for _, bad := range [][]string{
		{"--format", "xml"},
		{"--format", "sdmx-csv", "--wide", "--element", "POP"},
		{"--format", "dhis2-csv", "--style", "vi"},
		{"--format", "sdmx-csv", "--dataset", "KTXH_XA"},
	} {
		args := append([]string{"export", "--db", db}, bad...)
		if _, errs, code := chiso(t, args...); code == 0 || errs == "" {
			t.Errorf("%v: exit %d, stderr %q", bad, code, errs)
		}
	}
}
