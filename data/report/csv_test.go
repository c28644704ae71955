package report

import (
	"bytes"
	"encoding/csv"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"chiso/data/number"
	"chiso/data/period"
)

var updateGolden = flag.Bool("update", false, "rewrite the golden files under testdata/")

// golden compares got with testdata/name, rewriting it with -update.
func goldenFile(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *updateGolden {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the output (run with -update after checking):\n%s", path, got)
	}
}

func csvOf(t *testing.T, o Options, st number.Style) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteCSV(&buf, buildReport(t, demoEngine(t), o), st); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestWriteCSV(t *testing.T) {
	got := csvOf(t, Options{Area: "QN", Period: period.MustParse("2020")}, number.Vietnamese)
	goldenFile(t, "qn-2020.vi.csv", got)

	body, ok := bytes.CutPrefix(got, []byte("\uFEFF"))
	if !ok {
		t.Fatal("no byte-order mark")
	}
	recs, err := csv.NewReader(bytes.NewReader(body)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"STT", "Chỉ tiêu", "Đơn vị tính", "Thực hiện năm 2019", "Kế hoạch năm 2020", "Thực hiện năm 2020",
		"So với cùng kỳ (%)", "So với kế hoạch (%)"}
	if !slices.Equal(recs[0], want) {
		t.Errorf("header %q", recs[0])
	}
	rows := map[string][]string{}
	for _, rec := range recs[1:] {
		rows[rec[1]] = rec
	}
	for name, want := range map[string][]string{
		"Tỷ lệ hộ nghèo":                  {"1", "Tỷ lệ hộ nghèo", "%", "0,71", "", "0,36", "50,7", ""},
		"Chi cho an sinh xã hội":          {"15", "Chi cho an sinh xã hội", "tỷ đồng", "2.031,0", "", "2.330,0", "114,7", ""},
		"Trạm y tế xã đạt chuẩn quốc gia": {"9", "Trạm y tế xã đạt chuẩn quốc gia", "đơn vị đạt/báo cáo", "", "", "168/177", "", ""},
		"Số liệu thu thập":                {"I", "Số liệu thu thập", "", "", "", "", "", ""},
	} {
		if !slices.Equal(rows[name], want) {
			t.Errorf("%q, want %q", rows[name], want)
		}
	}
	// A number with a decimal comma is quoted, so that it stays one field.
	if !strings.Contains(string(got), `,"0,36","50,7",`) || !strings.Contains(string(got), "\r\n") {
		t.Error("numbers with a decimal comma not quoted, or lines not ended by CRLF")
	}
}

// TestWriteCSVAnalysis: the report's CSV carries its analysis after the
// table, every line as wide as the table's.
func TestWriteCSVAnalysis(t *testing.T) {
	en := demoEngine(t)
	o := Options{Area: "QN", Period: period.MustParse("2016-2020"), Today: reportDay}
	r, err := Build(en, o)
	if err != nil {
		t.Fatal(err)
	}
	if r.Analysis, err = Analyse(en, "QN", o.Period, AnalysisOptions{Lang: "vi", Style: number.Vietnamese}); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := WriteCSV(&buf, r, number.Vietnamese); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(buf.String(), "\uFEFF"))).ReadAll()
	if err != nil {
		t.Fatal(err) // a line of another width is an error here
	}
	i := slices.IndexFunc(recs, func(rec []string) bool { return rec[0] == "Nhận xét" })
	if i < 2 || strings.Join(recs[i-1], "") != "" || len(recs)-i-1 != len(r.Analysis) {
		t.Fatalf("analysis at line %d of %d, %d sentences", i, len(recs), len(r.Analysis))
	}
	if got := recs[i+1][0]; got != "Tỷ lệ hộ nghèo giảm từ 4,56% năm 2015 xuống còn 0,36% năm 2020 (giảm 4,20 điểm phần trăm, bình quân 0,84 điểm phần trăm/năm)." {
		t.Errorf("first sentence %q", got)
	}
}

func TestWriteCSVEnglish(t *testing.T) {
	got := string(csvOf(t, Options{Area: "QN_BACHE_03", Period: period.MustParse("2023"), DataSet: "KTXH_XA", Lang: "en"}, number.English))
	for _, want := range []string{
		"\uFEFFNo.,Indicator,Unit,Actual 2022,Plan 2023,Actual 2023,% of previous year,% of plan\r\n",
		"2,Total households,households,489,,494,101.0,\r\n",
		"7,Commune health station meets the national standard,yes/no,yes,,yes,,\r\n",
		"1,Households using the national grid,%,99.80,,100.00,100.2,\r\n",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("no line %q in\n%s", want, got)
		}
	}
}
