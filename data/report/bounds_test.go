package report

import (
	"slices"
	"strings"
	"testing"
	"time"

	"chiso/data/period"
)

// TestHaLongReportOnTheBoundariesOf2020: Hoành Bồ joined Hạ Long on
// 1/1/2020. Hạ Long's report for 2020 compares with its 2019 on the
// boundaries of 2020 (both districts): population +1,28% (not +21,62%),
// the rates of electricity and water up, income +15,18%; the column, the
// note under the table, the chart and every sentence say so.
func TestHaLongReportOnTheBoundariesOf2020(t *testing.T) {
	en := demoEngine(t)
	r, err := Build(en, Options{Area: "QN_HALONG", Period: period.MustParse("2020"), Today: time.Date(2026, 12, 4, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	if h := r.Columns[ColPrevious].Header; h != "Thực hiện năm 2019 (tính theo địa giới mới)" {
		t.Errorf("previous column: %q", h)
	}
	if h := r.Columns[ColCurrent].Header; h != "Thực hiện năm 2020" {
		t.Errorf("current column: %q", h)
	}
	row := func(code string) Row {
		i := slices.IndexFunc(r.Rows, func(r Row) bool { return r.Code == code })
		if i < 0 {
			t.Fatalf("no row %s", code)
		}
		return r.Rows[i]
	}
	pop := row("POP")
	if pop.Values[ColPrevious].Value != 251000+50400 || !pop.Values[ColPrevious].Mapped || viNum(pop.Values[ColPctPrevious].Value, 2) != "101,28" {
		t.Errorf("population: %+v", pop.Values)
	}
	for _, code := range []string{"ELEC_RATE", "WATER_RATE"} {
		if v := row(code).Values; v[ColPctPrevious].Value <= 100 {
			t.Errorf("%s shown falling: %+v", code, v)
		}
	}
	want := "Số liệu năm 2019 tính theo địa giới mới (địa giới hành chính ngày 31/12/2020): Thành phố Hạ Long gồm cả Huyện Hoành Bồ (sáp nhập từ ngày 01/01/2020)."
	if !slices.Contains(r.Notes, want) {
		t.Errorf("notes %q, want %q", r.Notes, want)
	}
	if r.Trend == nil || !strings.HasSuffix(r.Trend.Title, "(tính theo địa giới mới)") || !r.Trend.Mapped[0] || r.Trend.Mapped[len(r.Trend.Mapped)-1] {
		t.Errorf("trend: %+v", r.Trend)
	}

	vi := anRun(t, en, "QN_HALONG", "2020", analysisVI)
	anWantSentences(t, vi,
		"Dân số trung bình năm 2020 đạt 305.268 người, tăng 1,28% so với năm 2019 (tính theo địa giới mới: năm 2019 gồm cả Hoành Bồ).",
		"Thu nhập bình quân đầu người năm 2020 đạt 76,5 triệu đồng/người/năm, tăng 15,18% so với năm 2019 (tính theo địa giới mới: năm 2019 gồm cả Hoành Bồ).",
		"Tỷ lệ hộ sử dụng điện lưới quốc gia tăng từ 99,92% năm 2019 lên 99,94% năm 2020 (tăng 0,02 điểm phần trăm; tính theo địa giới mới: năm 2019 gồm cả Hoành Bồ).",
		// Hạ Long had 19 phường and the 13 xã of Hoành Bồ (the demo names
		// its communes after the official ones).
		"Năm 2020, 32/32 xã, phường có trạm y tế xã đạt chuẩn quốc gia.",
	)
	for _, s := range vi {
		if strings.Contains(s, "21,62") || strings.Contains(s, "8,51") {
			t.Errorf("a comparison with Hạ Long's 2019 without Hoành Bồ: %s", s)
		}
	}
	anWantSentences(t, anRun(t, en, "QN_HALONG", "2020", analysisEN),
		"Average population reached 305,268 persons in 2020, up 1.28% from 2019 (on today's boundaries: 2019 including Hoanh Bo).",
	)

	// The province never changed; its group of ethnic-minority and
	// mountain districts lost Hoành Bồ between 2015 and 2020: said.
	qn := anRun(t, en, "QN", "2016-2020", analysisVI)
	anWantSentences(t, qn,
		"Tỷ lệ hộ nghèo giảm từ 4,56% năm 2015 xuống còn 0,36% năm 2020 (giảm 4,20 điểm phần trăm, bình quân 0,84 điểm phần trăm/năm).",
		"Tỷ lệ hộ nghèo ở vùng đồng bào dân tộc thiểu số và miền núi giảm từ 13,93% năm 2015 xuống còn 1,63% năm 2020 (giảm 12,30 điểm phần trăm, bình quân 2,46 điểm phần trăm/năm; tính theo địa giới mới: năm 2015 không tính Hoành Bồ).",
	)
}

// TestNotComparableIsShown: Hoành Bồ's report for 2020, after it ended:
// its land is in Hạ Long, which holds more, so no figure is made; the
// cells say "×" and a note says why.
func TestNotComparableIsShown(t *testing.T) {
	en := demoEngine(t)
	r, err := Build(en, Options{Area: "QN_HOANHBO", Period: period.MustParse("2020")})
	if err != nil {
		t.Fatal(err)
	}
	i := slices.IndexFunc(r.Rows, func(r Row) bool { return r.Code == "POP" })
	if v := r.Rows[i].Values[ColCurrent]; v.OK || !v.NotComparable {
		t.Errorf("Hoành Bồ's population in 2020: %+v", v)
	}
	if v := r.Rows[i].Values[ColPrevious]; !v.OK || v.Mapped {
		t.Errorf("Hoành Bồ's population in 2019: %+v", v)
	}
	want := "× Số liệu năm 2020 không so sánh được theo địa giới mới: Huyện Hoành Bồ đã thôi tồn tại và các đơn vị kế thừa gồm cả địa bàn khác."
	if !slices.Contains(r.Notes, want) {
		t.Errorf("notes %q, want %q", r.Notes, want)
	}
	var csv strings.Builder
	if err := WriteCSV(&csv, r, 0); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(csv.String(), "Dân số trung bình,người,50.400,,×,,") {
		t.Errorf("CSV:\n%s", csv.String())
	}
}
