package main

import (
	"encoding/json"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// TestValuesOverAProgrammePeriod: over 2016–2020 the levels are those of
// 2020 (not five years added up) and the flows their total, as in the
// report; over 2021–2025 those of 2025, and while figures went only to
// 2023, the table said so.
func TestValuesOverAProgrammePeriod(t *testing.T) {
	db := demoDB(t)
	out, errs, code := chiso(t, "values", "--db", db, "--area", "QN", "--period", "2016-2020")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for code, want := range map[string]string{"POP": "1.314.541", "INC_PC": "63,4", "HS_STD": "168/177", "POV_RATE": "0,36", "SS_SPEND": "8.981,0"} {
		if !regexp.MustCompile(`(?m)^\s*` + code + `\s.*\s` + regexp.QuoteMeta(want) + `\s*$`).MatchString(out) {
			t.Errorf("%s is not %s over 2016-2020:\n%s", code, want, out)
		}
	}
	if strings.Contains(out, "Ghi chú") {
		t.Errorf("a complete period has notes:\n%s", out)
	}
	out, _, _ = chiso(t, "values", "--db", db, "--area", "QN", "--period", "2021-2025")
	if !regexp.MustCompile(`(?m)^\s*POP\s.*\s1\.390\.809\s*$`).MatchString(out) {
		t.Errorf("2021-2025 does not give the population of 2025:\n%s", out)
	}
	out, _, _ = chiso(t, "values", "--db", demoDBThrough(t, 2023), "--area", "QN", "--period", "2021-2025")
	if !regexp.MustCompile(`(?m)^\s*POP\s.*1\.360\.123\s+đến năm 2023\s*$`).MatchString(out) {
		t.Errorf("2021-2025 does not say it goes to 2023:\n%s", out)
	}
}

// TestValuesJSONMatchesText checks that every number of `values --format
// json` is the number its text shows: values of 1 000 or more were written
// as 0.
func TestValuesJSONMatchesText(t *testing.T) {
	db := demoDB(t)
	out, errs, code := chiso(t, "values", "--db", db, "--area", "QN", "--period", "2020", "--format", "json", "--lang", "en")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var doc struct {
		Values []struct {
			Code  string   `json:"code"`
			Value *float64 `json:"value"`
			Text  string   `json:"text"`
		} `json:"values"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err, out)
	}
	big := 0
	for _, v := range doc.Values {
		if v.Value == nil {
			continue
		}
		text := strings.ReplaceAll(v.Text, ",", "")
		want, err := strconv.ParseFloat(text, 64)
		if err != nil {
			continue // "177/177", yes/no
		}
		if *v.Value != want {
			t.Errorf("%s: json value %v, text %q", v.Code, *v.Value, v.Text)
		}
		if want >= 1000 {
			big++
		}
	}
	if big == 0 {
		t.Fatalf("no value of 1 000 or more to check in:\n%s", out)
	}
}
