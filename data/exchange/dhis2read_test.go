package exchange_test

import (
	"errors"
	"strings"
	"testing"

	"chiso/data/exchange"
	"chiso/data/msg"
	"chiso/data/store"
)

// readAllRecords reads a stream to its end, keeping the changes and the
// record errors apart; another error ends it.
func readAllRecords(t *testing.T, seq func(func(store.Change, error) bool)) ([]store.Change, []*exchange.RecordError, error) {
	t.Helper()
	var changes []store.Change
	var bad []*exchange.RecordError
	for ch, err := range seq {
		var re *exchange.RecordError
		switch {
		case err == nil:
			changes = append(changes, ch)
		case errors.As(err, &re):
			bad = append(bad, re)
		default:
			return changes, bad, err
		}
	}
	return changes, bad, nil
}

// TestDHIS2ReadersListEveryError: each faulty value of a data value set
// is reported and the reading goes on, so that a dry run lists them all.
func TestDHIS2ReadersListEveryError(t *testing.T) {
	_, c := emptyStore(t)
	js := `{"dataValues":[
{"dataElement":"POP","period":"2024","orgUnit":"QN_HALONG_01","value":"5"},
{"dataElement":"NOPE","period":"2024","orgUnit":"QN_HALONG_01","value":"5"},
{"dataElement":"POP","period":"2024","orgUnit":"QN_HALONG_02","value":"1,5"},
{"dataElement":"POP","period":"2024","orgUnit":"QN_HALONG_03","value":"7"},
{"dataElement":"POP","period":"2024","orgUnit":"QN_HALONG_01","value":"6"}
]}`
	changes, bad, err := readAllRecords(t, exchange.ReadDHIS2JSON(strings.NewReader(js), "a.json", c, nil))
	if err != nil || len(changes) != 2 || len(bad) != 3 {
		t.Fatalf("%d changes, %d record errors, %v", len(changes), len(bad), err)
	}
	for i, want := range []string{"giá trị thứ 2 (dòng 3), trường dataElement", "giá trị thứ 3 (dòng 4), trường value", "giá trị thứ 5 (dòng 6): trùng khoá"} {
		if got := bad[i].Message("vi"); !strings.Contains(got, want) {
			t.Errorf("error %d: %q lacks %q", i+1, got, want)
		}
	}
	csv := "dataelement,period,orgunit,categoryoptioncombo,attributeoptioncombo,value,storedby,lastupdated,comment,followup,deleted\n" +
		"POP,2024,QN_HALONG_01,default,,5,,,,false,false\n" +
		"INC_PC,2024,QN_HALONG_01,default,,47,9,,,,false,false\n" +
		"POP,2024,QN_NOPE,default,,5,,,,false,false\n" +
		"POP,2024,QN_HALONG_02,default,,8,,,,false,false\n"
	changes, bad, err = readAllRecords(t, exchange.ReadDHIS2CSV(strings.NewReader(csv), "a.csv", c, nil))
	if err != nil || len(changes) != 2 || len(bad) != 2 {
		t.Fatalf("%d changes, %d record errors, %v", len(changes), len(bad), err)
	}
	if !strings.Contains(bad[0].Message("vi"), "dòng 3: có 12 cột, dòng đầu có 11 cột") || !strings.Contains(bad[1].Message("vi"), "dòng 4, cột orgunit") {
		t.Errorf("%s\n%s", bad[0].Message("vi"), bad[1].Message("vi"))
	}
}

// TestDHIS2IdSchemes: a file states the identifier scheme of its codes;
// Chỉ Số reads codes and refuses clearly what it cannot map.
func TestDHIS2IdSchemes(t *testing.T) {
	_, c := emptyStore(t)
	value := `{"dataElement":"POP","period":"2024","orgUnit":"QN","value":"5"}`
	for _, tc := range []struct {
		top  string
		want string // in the error, "" for none
	}{
		{`"idScheme":"CODE",`, ""},
		{`"dataElementIdScheme":"code","orgUnitIdScheme":"Code",`, ""},
		{`"idScheme":"UID",`, "idScheme UID"},
		{`"orgUnitIdScheme":"NAME",`, "địa bàn theo idScheme NAME"},
		{`"idScheme":"CODE","dataElementIdScheme":"UID",`, "chỉ tiêu theo idScheme UID"},
	} {
		_, _, err := readAllRecords(t, exchange.ReadDHIS2JSON(strings.NewReader("{"+tc.top+`"dataValues":[`+value+"]}"), "s.json", c, nil))
		switch {
		case tc.want == "" && err != nil:
			t.Errorf("%s: %v", tc.top, err)
		case tc.want != "" && (err == nil || !strings.Contains(msg.Text(err, "vi"), tc.want) || !strings.Contains(msg.Text(err, "vi"), "idScheme=CODE")):
			t.Errorf("%s: %v, want %q", tc.top, err, tc.want)
		}
	}
	// Category option combos in uids: only the default one maps.
	js := `{"categoryOptionComboIdScheme":"UID","dataValues":[
{"dataElement":"POP","period":"2024","orgUnit":"QN","categoryOptionCombo":"HllvX50cXC0","value":"5"},
{"dataElement":"HOUSE_SUPPORT","period":"2024","orgUnit":"QN","categoryOptionCombo":"Prlt0C1RF0s","value":"5"}]}`
	changes, bad, err := readAllRecords(t, exchange.ReadDHIS2JSON(strings.NewReader(js), "u.json", c, nil))
	if err != nil || len(changes) != 1 || len(bad) != 1 || !strings.Contains(bad[0].Message("vi"), `"Prlt0C1RF0s" theo idScheme UID`) {
		t.Fatalf("%+v %v %v", changes, bad, err)
	}
	// Without a scheme, a uid where a code belongs is named as such.
	js = `{"dataValues":[{"dataElement":"f7n9E0hX8qk","period":"201201","orgUnit":"DiszpKrYNg8","value":"10001"}]}`
	_, bad, _ = readAllRecords(t, exchange.ReadDHIS2JSON(strings.NewReader(js), "d.json", c, nil))
	if len(bad) != 1 || !strings.Contains(bad[0].Message("vi"), "UID của DHIS2") {
		t.Errorf("%v", bad)
	}
}

// TestDHIS2AreaOutsideItsDates: a value of Hoành Bồ in 2021 is refused
// with the reason, and comes with its change and its successor.
func TestDHIS2AreaOutsideItsDates(t *testing.T) {
	_, c := emptyStore(t)
	js := `{"dataValues":[{"dataElement":"POP","period":"2021","orgUnit":"QN_HOANHBO","value":"5000"}]}`
	for ch, err := range exchange.ReadDHIS2JSON(strings.NewReader(js), "h.json", c, nil) {
		var oe *store.OutsideError
		if !errors.As(err, &oe) || oe.Successor == nil || oe.Successor.Code != "QN_HALONG" {
			t.Fatalf("%v", err)
		}
		if ch != (store.Change{Element: "POP", Area: "QN_HOANHBO", Period: "2021", Value: "5000"}) {
			t.Errorf("change %+v", ch)
		}
		if !strings.Contains(msg.Text(err, "vi"), "giá trị thứ 1 (dòng 1), trường orgUnit: địa bàn Huyện Hoành Bồ (QN_HOANHBO) không còn trong kỳ Năm 2021") {
			t.Errorf("%s", msg.Text(err, "vi"))
		}
	}
}
