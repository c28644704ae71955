package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"chiso/data/store"
)

// saveValues writes changes into the database file db.
func saveValues(t *testing.T, db string, changes ...store.Change) {
	t.Helper()
	st, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := st.Save(context.Background(), changes...); err != nil {
		t.Fatal(err)
	}
}

// TestExportPeriodHoldsItsQuartersAndMonths: a year (or a range of years)
// exports the quarterly and monthly values inside it too.
func TestExportPeriodHoldsItsQuartersAndMonths(t *testing.T) {
	db := demoDBThrough(t, 2023) // the figures of 2024 are the test's own
	saveValues(t, db,
		store.Change{Element: "SS_SPEND", Area: "QN", Period: "2023Q1", Value: "1.5"},
		store.Change{Element: "SS_SPEND", Area: "QN", Period: "202303", Value: "0.5"},
		store.Change{Element: "SS_SPEND", Area: "QN", Period: "2024Q1", Value: "2"})
	for _, tc := range []struct {
		period  string
		want    []string
		wantNot []string
	}{
		{"2023", []string{"SS_SPEND,QN,2023Q1,,1.5,", "SS_SPEND,QN,202303,,0.5,", "POP,QN_HALONG,2023,"}, []string{"2024Q1", ",2022,"}},
		{"2022-2024", []string{"SS_SPEND,QN,2023Q1,,1.5,", "SS_SPEND,QN,2024Q1,,2,", ",2022,"}, []string{",2021,"}},
		{"2023Q1", []string{"SS_SPEND,QN,2023Q1,,1.5,", "SS_SPEND,QN,202303,,0.5,"}, []string{",2023,"}},
	} {
		out, errs, code := chiso(t, "export", "--db", db, "--period", tc.period)
		if code != 0 {
			t.Fatalf("%s: %d %s", tc.period, code, errs)
		}
		for _, w := range tc.want {
			if !strings.Contains(out, w) {
				t.Errorf("--period %s lacks %q", tc.period, w)
			}
		}
		for _, w := range tc.wantNot {
			if strings.Contains(out, w) {
				t.Errorf("--period %s holds %q", tc.period, w)
			}
		}
	}
}

// TestExportSinceCarriesDeletions: the values changed since a time,
// deletions included, as DHIS2 "deleted": true and SDMX action D.
func TestExportSinceCarriesDeletions(t *testing.T) {
	db := demoDB(t)
	since := time.Now().UTC().Format(time.RFC3339Nano)
	saveValues(t, db, store.Change{Element: "POP", Area: "QN_HALONG_01", Period: "2023", Value: "12000"})
	saveValues(t, db, store.Change{Element: "POP", Area: "QN_HALONG_02", Period: "2023", Value: ""}) // deleted
	out, errs, code := chiso(t, "export", "--db", db, "--since", since, "--format", "dhis2-json")
	if code != 0 {
		t.Fatalf("%d %s", code, errs)
	}
	var set struct {
		DataValues []struct {
			OrgUnit, Value string
			Deleted        bool
		}
	}
	if err := json.Unmarshal([]byte(out), &set); err != nil || len(set.DataValues) != 2 {
		t.Fatalf("%v %s", err, out)
	}
	if set.DataValues[0].OrgUnit != "QN_HALONG_01" || set.DataValues[0].Value != "12000" || set.DataValues[1].OrgUnit != "QN_HALONG_02" || !set.DataValues[1].Deleted {
		t.Errorf("%+v", set.DataValues)
	}
	out, _, _ = chiso(t, "export", "--db", db, "--since", since, "--format", "sdmx-csv")
	if !strings.Contains(out, ",D,A,QN_HALONG_02,POP,_Z,2023,-,") {
		t.Errorf("SDMX deletion:\n%s", out)
	}
	out, _, _ = chiso(t, "export", "--db", db, "--since", since, "--format", "dhis2-csv")
	if !strings.Contains(out, "POP,2023,QN_HALONG_02,default,,,") || !strings.Contains(out, ",true\n") {
		t.Errorf("DHIS2 CSV deletion:\n%s", out)
	}
	// The long CSV has no place for a deletion: it says so.
	out, errs, _ = chiso(t, "export", "--db", db, "--since", since)
	if strings.Contains(out, "QN_HALONG_02") || !strings.Contains(errs, "1 giá trị đã xoá") {
		t.Errorf("long CSV:\n%s\n%s", out, errs)
	}
	// Without --since, a deleted value is not exported.
	out, _, _ = chiso(t, "export", "--db", db, "--format", "dhis2-json", "--period", "2023", "--area", "QN_HALONG_02")
	if strings.Contains(out, "deleted") {
		t.Errorf("a full export holds a deletion:\n%s", out)
	}
}

// TestUnknownCodesRefused: values, report and export name a code they do
// not know instead of printing an empty table; an area group is a set of
// areas where that makes sense.
func TestUnknownCodesRefused(t *testing.T) {
	db := demoDB(t)
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"export", "--area", "NOPE"}, `"NOPE"`},
		{[]string{"export", "--element", "NOPE"}, `"NOPE"`},
		{[]string{"export", "--format", "dhis2-json", "--dataset", "NOPE"}, `"NOPE"`},
		{[]string{"export", "--period", "2024W01"}, "2024W01"},
		{[]string{"values", "--area", "NOPE", "--period", "2020"}, `"NOPE"`},
		{[]string{"values", "--area", "QN", "--group", "NOPE", "--period", "2020"}, `"NOPE"`},
		{[]string{"report", "--area", "NOPE", "--period", "2020", "-o", filepath.Join(t.TempDir(), "r.csv")}, `"NOPE"`},
		{[]string{"report", "--area", "QN", "--dataset", "NOPE", "--period", "2020", "-o", filepath.Join(t.TempDir(), "r.csv")}, `"NOPE"`},
		{[]string{"report", "--area", "DBKK", "--period", "2020", "-o", filepath.Join(t.TempDir(), "r.csv")}, "nhóm"},
	} {
		out, errs, code := chiso(t, append(append([]string{}, tc.args[0], "--db", db), tc.args[1:]...)...)
		if code == 0 || !strings.Contains(errs, tc.want) {
			t.Errorf("%v: exit %d, %d bytes out, %q", tc.args, code, len(out), errs)
		}
	}
	// The group DBKK: its areas in an export, its figure in values.
	out, errs, code := chiso(t, "export", "--db", db, "--area", "DBKK", "--period", "2023", "--element", "HH_ELEC")
	if code != 0 || strings.Count(out, "\n") < 3 {
		t.Fatalf("export --area DBKK: %d %s %s", code, out, errs)
	}
	for _, line := range strings.Split(strings.TrimSpace(out), "\n")[1:] {
		if !strings.HasPrefix(line, "HH_ELEC,QN_") {
			t.Errorf("line %q", line)
		}
	}
	for _, args := range [][]string{{"--area", "DBKK"}, {"--area", "QN", "--group", "DBKK"}} {
		out, errs, code = chiso(t, append([]string{"values", "--db", db, "--period", "2023"}, args...)...)
		if code != 0 || !strings.Contains(out, "WATER_RATE") || !strings.Contains(out, "97,82") || !strings.Contains(out, "100,00") {
			t.Errorf("values %v: %d\n%s%s", args, code, out, errs)
		}
	}
}

// TestReportWithoutData: a report of a period without any figure of its
// own is not written, even when the previous period or the targets have
// some (the demo's figures end in 2023; it has targets for 2025); the
// command says there is no data, as the Báo cáo screen does.
func TestReportWithoutData(t *testing.T) {
	db := demoDBThrough(t, 2023)
	for _, c := range [][2]string{{"QN", "2030"}, {"QN", "2024"}, {"QN", "2025"}, {"QN_BACHE_03", "2011-2015"}} {
		file := filepath.Join(t.TempDir(), "r.xlsx")
		_, errs, code := chiso(t, "report", "--db", db, "--area", c[0], "--period", c[1], "-o", file)
		if code != 1 || !strings.Contains(errs, "không có số liệu") {
			t.Errorf("%s %s: exit %d: %s", c[0], c[1], code, errs)
		}
		if _, err := os.Stat(file); err == nil {
			t.Errorf("%s %s: an empty report was written", c[0], c[1])
		}
	}
	// An area gone by the period's last day: the command says so, and
	// where its figures count since (Hoành Bồ merged into Hạ Long on
	// 1/1/2020), instead of "no data".
	for period, want := range map[string]string{
		"2020":      "Huyện Hoành Bồ không còn trong kỳ Năm 2020 (chỉ có đến 31/12/2019): số liệu của địa bàn này từ đó tính trong Thành phố Hạ Long (QN_HALONG)",
		"2016-2020": "Huyện Hoành Bồ không còn vào ngày cuối kỳ Giai đoạn 2016-2020 (chỉ có đến 31/12/2019)",
	} {
		file := filepath.Join(t.TempDir(), "r.csv")
		_, errs, code := chiso(t, "report", "--db", db, "--area", "QN_HOANHBO", "--period", period, "-o", file)
		if code != 1 || !strings.Contains(errs, want) {
			t.Errorf("Hoành Bồ %s: exit %d: %s", period, code, errs)
		}
	}
	if _, errs, code := chiso(t, "report", "--db", db, "--area", "QN_HOANHBO", "--period", "2019", "-o", filepath.Join(t.TempDir(), "r.csv")); code != 0 {
		t.Errorf("Hoành Bồ 2019, its last year: exit %d: %s", code, errs)
	}
}
