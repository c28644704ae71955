package report

import (
	"context"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"

	"chiso/data/calc"
	"chiso/data/catalog"
	"chiso/data/defaults"
	"chiso/data/number"
	"chiso/data/period"
	"chiso/data/store"
)

// analysisDemo builds the demo database in a new temporary file and adds,
// for the commune Đồn Đạc (QN_BACHE_03), figures of 2024 and a few targets,
// so that a commune report of 2024 has something to say:
//
//	            2023   2024   target 2024
//	HH_TOTAL     494    500
//	HH_ELEC      494    500   (100,00% both years: unchanged)
//	HH_WATER     483    483   WATER_RATE 98 (97,77% → 96,60%)
//	HH_POOR       25     19   POV_RATE 4 (5,06% → 3,80%)
//	POP         2010   2040   2000
//	HS_STD         1      1
//	HOUSE_SUPPORT  –  5 new + 3 repaired   10   (no 2023 value: the level alone)
//	INC_PC      43,4   47,6   (2023: the demo's)
func analysisDemo(t testing.TB) *calc.Engine {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(filepath.Join(t.TempDir(), "demo.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if err := defaults.InstallDemo(ctx, st, 2023); err != nil {
		t.Fatal(err)
	}
	const c = "QN_BACHE_03"
	ch := func(el, per, cat, v string) store.Change {
		return store.Change{Element: el, Area: c, Period: per, Category: cat, Value: v}
	}
	if _, err := st.Save(ctx,
		ch("HH_POOR", "2023", "", "25"), ch("POP", "2023", "", "2010"),
		ch("HH_TOTAL", "2024", "", "500"), ch("HH_ELEC", "2024", "", "500"), ch("HH_WATER", "2024", "", "483"),
		ch("HH_POOR", "2024", "", "19"), ch("POP", "2024", "", "2040"), ch("HS_STD", "2024", "", "1"),
		ch("HOUSE_SUPPORT", "2024", "NEW", "5"), ch("HOUSE_SUPPORT", "2024", "REPAIR", "3"),
		ch("INC_PC", "2024", "", "47.6"),
	); err != nil {
		t.Fatal(err)
	}
	if err := st.SaveCatalog(ctx, &catalog.Catalog{Targets: []catalog.Target{
		{Code: "POV_RATE", Area: c, Period: "2024", Value: "4"},
		{Code: "WATER_RATE", Area: c, Period: "2024", Value: "98"},
		{Code: "POP", Area: c, Period: "2024", Value: "2000"},
		{Code: "HOUSE_SUPPORT", Area: c, Period: "2024", Value: "10"},
	}}); err != nil {
		t.Fatal(err)
	}
	cat, err := st.Catalog(ctx)
	if err != nil {
		t.Fatal(err)
	}
	en, err := calc.New(ctx, cat, st)
	if err != nil {
		t.Fatal(err)
	}
	return en
}

var (
	analysisVI = AnalysisOptions{Lang: "vi", Style: number.Vietnamese}
	analysisEN = AnalysisOptions{Lang: "en", Style: number.English}
)

func anRun(t *testing.T, en *calc.Engine, area, per string, o AnalysisOptions) []string {
	t.Helper()
	out, err := Analyse(en, area, period.MustParse(per), o)
	if err != nil {
		t.Fatalf("Analyse(%s, %s): %v", area, per, err)
	}
	return out
}

// wantSentences checks that every sentence of want is in got, exactly.
func anWantSentences(t *testing.T, got []string, want ...string) {
	t.Helper()
	for _, w := range want {
		if !slices.Contains(got, w) {
			t.Errorf("missing sentence\n  %s\nin\n  %s", w, strings.Join(got, "\n  "))
		}
	}
}

// wantNone checks that no sentence of got contains any of the fragments.
func anWantNone(t *testing.T, got []string, fragments ...string) {
	t.Helper()
	for _, s := range got {
		for _, f := range fragments {
			if strings.Contains(s, f) {
				t.Errorf("unexpected %q in %q", f, s)
			}
		}
	}
}

// TestAnalyseSeedRange reproduces the article's sentences on 2016–2020
// (shared/seed/quang-ninh-article.vi.txt): the poverty rate "giảm từ 4,56%
// năm 2015 xuống còn 0,36% năm 2020" and the social-security spending "tổng
// chi cho an sinh xã hội trong 5 năm ước đạt 8.981 tỷ đồng, bình quân tăng
// 14,9%/năm, gấp 1,8 lần giai đoạn 2011-2015". The analysis adds the change
// in percentage points and its yearly average, names the range, and says
// "đạt" where the article says "ước đạt" (2020 is flagged as an estimate in
// a comment the analysis does not read).
func TestAnalyseSeedRange(t *testing.T) {
	en := analysisDemo(t)

	vi := anRun(t, en, "QN", "2016-2020", analysisVI)
	anWantSentences(t, vi,
		"Tỷ lệ hộ nghèo giảm từ 4,56% năm 2015 xuống còn 0,36% năm 2020 (giảm 4,20 điểm phần trăm, bình quân 0,84 điểm phần trăm/năm).",
		"Tổng chi cho an sinh xã hội trong 5 năm 2016-2020 đạt 8.981 tỷ đồng, bình quân tăng 14,9%/năm, gấp 1,8 lần giai đoạn 2011-2015.",
		"Thu nhập bình quân đầu người năm 2020 đạt 63,4 triệu đồng/người/năm, tăng 52,98% so với năm 2015, bình quân tăng 8,9%/năm.",
	)
	// The method of the average growth rate is stated once, at the end, as
	// calc.Engine.AverageGrowth computes it: (V_2020 / V_2015)^(1/5) − 1.
	note := vi[len(vi)-1]
	if !strings.HasPrefix(note, "(Ghi chú: tốc độ tăng bình quân năm tính theo phương pháp bình quân nhân, bằng (giá trị năm cuối / giá trị năm liền trước kỳ)^(1/n) − 1") ||
		!strings.Contains(note, "n = 5, so sánh năm 2020 với năm 2015") {
		t.Errorf("method note: %q", note)
	}
	if n := len(slices.DeleteFunc(slices.Clone(vi), func(s string) bool { return !strings.Contains(s, "bình quân nhân") })); n != 1 {
		t.Errorf("the method is stated %d times", n)
	}
	// Stocks are not summed over the years: no "tổng dân số".
	anWantNone(t, vi, "Tổng dân số", "Tổng tổng số hộ")

	en1 := anRun(t, en, "QN", "2016-2020", analysisEN)
	anWantSentences(t, en1,
		"Poverty rate (households) fell from 4.56% in 2015 to 0.36% in 2020 (down 4.20 percentage points, 0.84 points a year on average).",
		"Total social security spending over the 5 years 2016–2020 reached 8,981 billion VND, growing by 14.9% a year on average, 1.8 times the total of 2011–2015.",
	)
	if note := en1[len(en1)-1]; !strings.HasPrefix(note, "(Note: average annual growth is the compound rate") {
		t.Errorf("method note: %q", note)
	}
}

// TestAnalyseSeedYears reproduces the article's counts and group figures
// from the yearly analyses: "9/13 địa phương tỷ lệ hộ nghèo dưới 1%" and
// the localities without poor households (2022), "177/177 xã phường, thị
// trấn có trạm y tế đạt chuẩn" (2023, worded with the element's name
// "Trạm y tế xã đạt chuẩn quốc gia"), electricity and water in especially
// difficult communes (100% and 97,82%, 2023), the houses supported (441 =
// 260 + 181, 2023) and the income of ethnic-minority and mountain areas
// "đạt 52,5 triệu đồng, tăng 13,88% so với năm 2020" (2021, with the
// element's full unit).
func TestAnalyseSeedYears(t *testing.T) {
	en := analysisDemo(t)

	y2022 := anRun(t, en, "QN", "2022", analysisVI)
	anWantSentences(t, y2022,
		// 2022 counts poor households by the new standard (NĐ 07/2021): said.
		"Tỷ lệ hộ nghèo tăng từ 0,21% năm 2021 lên 0,50% năm 2022 (tăng 0,29 điểm phần trăm), theo chuẩn nghèo mới từ năm 2022.",
		"Năm 2022, 4/13 địa phương (Hạ Long, Quảng Yên, Vân Đồn, Cô Tô) không còn hộ nghèo.",
		"Năm 2022, 9/13 địa phương có tỷ lệ hộ nghèo dưới 1%.",
		"Năm 2022, 1/13 địa phương (Hạ Long) không còn hộ nghèo và cận nghèo.",
		"Dân số trung bình năm 2022 đạt 1.344.752 người, tăng 1,14% so với năm 2021.",
	)
	anWantSentences(t, anRun(t, en, "QN", "2022", analysisEN),
		"In 2022, 9/13 localities had a poverty rate below 1%.",
		"In 2022, 4/13 localities (Ha Long, Quang Yen, Van Don, Co To) had a poverty rate of zero.",
		"Average population reached 1,344,752 persons in 2022, up 1.14% from 2021.",
	)

	anWantSentences(t, anRun(t, en, "QN", "2021", analysisVI),
		"Thu nhập bình quân đầu người ở vùng đồng bào dân tộc thiểu số và miền núi năm 2021 đạt 52,5 triệu đồng/người/năm, tăng 13,88% so với năm 2020.",
	)
	anWantSentences(t, anRun(t, en, "QN", "2021", analysisEN),
		"Per-capita income in ethnic-minority and mountain areas reached 52.5 million VND per person per year in 2021, up 13.88% from 2020.",
	)

	y2023 := anRun(t, en, "QN", "2023", analysisVI)
	anWantSentences(t, y2023,
		// A target of 177 stations is set for 2023: TargetShare = 100.
		"Năm 2023, 177/177 xã, phường, thị trấn có trạm y tế xã đạt chuẩn quốc gia (năm 2022: 175/177), đạt 100% kế hoạch.",
		"Tỷ lệ hộ sử dụng điện lưới quốc gia tại các xã đặc biệt khó khăn tăng từ 99,70% năm 2022 lên 100% năm 2023 (tăng 0,30 điểm phần trăm).",
		"Tỷ lệ hộ sử dụng nước hợp vệ sinh tại các xã đặc biệt khó khăn tăng từ 96,30% năm 2022 lên 97,82% năm 2023 (tăng 1,52 điểm phần trăm).",
		// No 2022 value: the level alone, with its parts.
		"Nhà ở được hỗ trợ năm 2023 đạt 441 căn, trong đó xây mới 260 căn, sửa chữa 181 căn.",
	)
	anWantSentences(t, anRun(t, en, "QN", "2023", analysisEN),
		"Commune health station meets the national standard: yes in 177/177 communes in 2023 (2022: 175/177), 100% of the plan.",
		"Houses supported reached 441 houses in 2023, of which 260 newly built and 181 repaired.",
	)
}

// TestAnalyseCommune2024 is the whole analysis of a commune's report for
// 2024 (figures of analysisDemo), with targets met, exceeded and missed,
// an unchanged rate and an element without a previous value.
func TestAnalyseCommune2024(t *testing.T) {
	en := analysisDemo(t)
	got := anRun(t, en, "QN_BACHE_03", "2024", analysisVI)
	want := []string{
		"Tỷ lệ hộ nghèo giảm từ 5,06% năm 2023 xuống còn 3,80% năm 2024 (giảm 1,26 điểm phần trăm), đạt mục tiêu kế hoạch (4,00%).",
		"Tỷ lệ hộ sử dụng điện lưới quốc gia năm 2024 giữ ở mức 100%, không đổi so với năm 2023.",
		"Tỷ lệ hộ sử dụng nước hợp vệ sinh giảm từ 97,77% năm 2023 xuống còn 96,60% năm 2024 (giảm 1,17 điểm phần trăm), mới đạt 98,6% kế hoạch.",
		"Tỷ lệ nhà xây mới trong tổng số nhà được hỗ trợ năm 2024 đạt 62,50%.",
		"Dân số trung bình năm 2024 đạt 2.040 người, tăng 1,49% so với năm 2023, đạt 102% kế hoạch, vượt kế hoạch 2%.",
		"Tổng số hộ dân cư năm 2024 đạt 500 hộ, tăng 1,21% so với năm 2023.",
		"Trạm y tế xã đạt chuẩn quốc gia năm 2024: có.",
		// 47,6 / 43,4 = 1,0968.
		"Thu nhập bình quân đầu người năm 2024 đạt 47,6 triệu đồng/người/năm, tăng 9,68% so với năm 2023.",
		"Nhà ở được hỗ trợ năm 2024 đạt 8 căn, trong đó xây mới 5 căn, sửa chữa 3 căn, mới đạt 80% kế hoạch.",
	}
	if !slices.Equal(got, want) {
		t.Errorf("got\n  %s\nwant\n  %s", strings.Join(got, "\n  "), strings.Join(want, "\n  "))
	}

	anWantSentences(t, anRun(t, en, "QN_BACHE_03", "2024", analysisEN),
		"Poverty rate (households) fell from 5.06% in 2023 to 3.80% in 2024 (down 1.26 percentage points), meeting the planned target (4.00%).",
		"Households using the national grid stayed at 100% in 2024, unchanged from 2023.",
		"Average population reached 2,040 persons in 2024, up 1.49% from 2023, 102% of the plan (2% above it).",
		"Commune health station meets the national standard in 2024: yes.",
	)
}

// TestAnalysePartial: in 2024 only Đồn Đạc has entered its figures, so the
// province's 2024 aggregates are those of one commune and must not be
// compared with the complete 2023 figures ("dân số giảm 99,84%"): they are
// named as not analysed yet, and a yes/no count says how many have no data.
func TestAnalysePartial(t *testing.T) {
	en := analysisDemo(t)
	want := []string{
		"Năm 2024, 1/177 xã, phường, thị trấn có trạm y tế xã đạt chuẩn quốc gia (176 xã, phường, thị trấn chưa có số liệu; năm 2023: 177/177).",
		"Chưa phân tích năm 2024 do còn địa phương chưa có số liệu: tỷ lệ hộ nghèo, tỷ lệ hộ sử dụng điện lưới quốc gia, tỷ lệ hộ sử dụng nước hợp vệ sinh, tỷ lệ nhà xây mới trong tổng số nhà được hỗ trợ, dân số trung bình, tổng số hộ dân cư, thu nhập bình quân đầu người, nhà ở được hỗ trợ (xây mới / sửa chữa).",
	}
	if got := anRun(t, en, "QN", "2024", analysisVI); !slices.Equal(got, want) {
		t.Errorf("got\n  %s\nwant\n  %s", strings.Join(got, "\n  "), strings.Join(want, "\n  "))
	}
	anWantSentences(t, anRun(t, en, "QN", "2024", analysisEN),
		"Commune health station meets the national standard: yes in 1/177 communes in 2024 (no data for 176 communes; 2023: 177/177).")
	// A range stops before its first partial year: 2024 is left out.
	anWantNone(t, anRun(t, en, "QN", "2021-2025", analysisVI), "năm 2024")
}

// TestAnalyseTargetOfRange states the progress towards a programme
// period's targets from the years entered so far: the spending of three
// years as a cumulative share of the plan for five, compared with the
// same three years of the previous period (not with its five: no
// "88,3%"), and the poverty target (0,5% by 2025) met since 2022, three
// years early as the article says — across the change of poverty
// standard, which is said.
func TestAnalyseTargetOfRange(t *testing.T) {
	en := analysisDemo(t)
	got := anRun(t, en, "QN", "2021-2025", analysisVI)
	anWantSentences(t, got,
		"Tổng chi cho an sinh xã hội giai đoạn 2021-2025 (số liệu từ năm 2021 đến năm 2023) đạt 7.927,1 tỷ đồng, bình quân tăng 6,2%/năm, gấp 1,7 lần cùng kỳ giai đoạn trước (2016-2018), lũy kế 3 năm đạt 58,7% kế hoạch cả giai đoạn.",
		"Tỷ lệ hộ nghèo giảm từ 0,36% năm 2020 xuống còn 0,29% năm 2023 (giảm 0,07 điểm phần trăm, bình quân 0,02 điểm phần trăm/năm), theo chuẩn nghèo mới từ năm 2022, đạt mục tiêu kế hoạch (0,50%) từ năm 2022, về đích sớm 3 năm.",
		"Tổng số nhà ở được hỗ trợ giai đoạn 2021-2025 (chỉ có số liệu năm 2023) đạt 441 căn, trong đó xây mới 260 căn, sửa chữa 181 căn.",
	)
	anWantNone(t, got, "giai đoạn 2016-2020", "88,3", "1/3 năm", "3/5 năm")
	// 98,49% of a 98,5% target is not "100%".
	anWantSentences(t, got, "Tỷ lệ hộ sử dụng nước hợp vệ sinh tăng từ 97,36% năm 2020 lên 98,49% năm 2023 (tăng 1,13 điểm phần trăm, bình quân 0,38 điểm phần trăm/năm), bằng 99,99% mục tiêu năm 2025 (98,50%).")
	if note := got[len(got)-1]; !strings.Contains(note, "n = 3, so sánh năm 2023 với năm 2020") {
		t.Errorf("method note: %q", note)
	}
	anWantSentences(t, anRun(t, en, "QN", "2021-2025", analysisEN),
		"Poverty rate (households) fell from 0.36% in 2020 to 0.29% in 2023 (down 0.07 percentage points, 0.02 points a year on average), under the new poverty standard from 2022, meeting the planned target (0.50%) since 2022, 3 years early.",
		"Total social security spending for 2021–2025 (data for 2021–2023) reached 7,927.1 billion VND, growing by 6.2% a year on average, 1.7 times the total of the same years of the previous period (2016–2018), 58.7% of the plan for the whole period after 3 years.",
	)
}

// TestAnalyseRangeInProgress: the 2021–2025 analysis in a year inside the
// period says what the 2021–2023 analysis says of the area groups (the
// districts, abolished in 2025, are the structure of the years with data).
func TestAnalyseRangeInProgress(t *testing.T) {
	en := analysisDemo(t)
	running := anRun(t, en, "QN", "2021-2025", analysisVI)
	var groups int
	for _, s := range anRun(t, en, "QN", "2021-2023", analysisVI) {
		if strings.Contains(s, "đặc biệt khó khăn") || strings.Contains(s, " ở vùng ") {
			groups++
			anWantSentences(t, running, s)
		}
	}
	if groups < 10 {
		t.Errorf("only %d group sentences in the 2021-2023 analysis", groups)
	}
	// No "bình quân 0,00 điểm phần trăm/năm" after a fall of 0,01.
	anWantSentences(t, running, "Tỷ lệ hộ cận nghèo ở vùng ven biển, hải đảo giảm từ 0,41% năm 2020 xuống còn 0,40% năm 2023 (giảm 0,01 điểm phần trăm), theo chuẩn nghèo mới từ năm 2022.")
	anWantNone(t, running, "0,00 điểm")
}

// TestAnalyseBreaks: a comparison across a change of poverty standard says
// so; one within a standard does not (the 2015 baseline already follows
// the multidimensional standard, as the article says).
func TestAnalyseBreaks(t *testing.T) {
	en := analysisDemo(t)
	anWantNone(t, anRun(t, en, "QN", "2016-2020", analysisVI), "theo chuẩn")
	anWantNone(t, anRun(t, en, "QN", "2023", analysisVI), "theo chuẩn")
	anWantSentences(t, anRun(t, en, "QN", "2015", analysisVI),
		"Tỷ lệ hộ nghèo giảm từ 5,27% năm 2014 xuống còn 4,56% năm 2015 (giảm 0,71 điểm phần trăm), theo chuẩn nghèo đa chiều từ năm 2015.")
}

// TestAnalyseMissing: no data, no sentence, no error.
func TestAnalyseMissing(t *testing.T) {
	en := analysisDemo(t)
	for _, c := range [][2]string{{"QN_BACHE_03", "2025"}, {"QN", "2030"}, {"QN", "2031-2035"}, {"QN_BACHE_03", "2024Q1"}} {
		if got := anRun(t, en, c[0], c[1], analysisVI); len(got) != 0 {
			t.Errorf("%s %s: %q", c[0], c[1], got)
		}
	}
	if _, err := Analyse(en, "NOWHERE", period.MustParse("2024"), analysisVI); err == nil {
		t.Error("unknown area: no error")
	}
}

// TestAnalyseOptions checks goals, data sets and groups.
func TestAnalyseOptions(t *testing.T) {
	en := analysisDemo(t)

	o := analysisVI
	o.Goals = map[string]float64{"WATER_RATE": 98}
	got := anRun(t, en, "QN", "2023", o)
	anWantNone(t, got, "dưới 1%", "không còn hộ nghèo")
	if !slices.ContainsFunc(got, func(s string) bool {
		return regexp.MustCompile(`^Năm 2023, \d+/13 địa phương có tỷ lệ hộ sử dụng nước hợp vệ sinh từ 98% trở lên\.$`).MatchString(s)
	}) {
		t.Errorf("no count of localities with water ≥ 98%%:\n  %s", strings.Join(got, "\n  "))
	}
	o.Goals = map[string]float64{}
	anWantNone(t, anRun(t, en, "QN", "2023", o), "địa phương")
	o.Goals = map[string]float64{"NO_SUCH_CODE": 1}
	if _, err := Analyse(en, "QN", period.MustParse("2023"), o); err == nil {
		t.Error("goal of an unknown code: no error")
	}

	o = analysisVI
	o.DataSet = "GIAM_NGHEO"
	got = anRun(t, en, "QN", "2022", o)
	anWantSentences(t, got, "Năm 2022, 9/13 địa phương có tỷ lệ hộ nghèo dưới 1%.")
	anWantNone(t, got, "Dân số", "điện lưới", "an sinh")
	o.DataSet = "NO_SUCH_SET"
	if _, err := Analyse(en, "QN", period.MustParse("2022"), o); err == nil {
		t.Error("unknown data set: no error")
	}

	o = analysisVI
	o.Groups = []string{"DBKK"}
	got = anRun(t, en, "QN", "2023", o)
	anWantNone(t, got, "ở vùng")
	anWantSentences(t, got, "Tỷ lệ hộ sử dụng nước hợp vệ sinh tại các xã đặc biệt khó khăn tăng từ 96,30% năm 2022 lên 97,82% năm 2023 (tăng 1,52 điểm phần trăm).")
	o.Groups = []string{}
	anWantNone(t, anRun(t, en, "QN", "2023", o), "đặc biệt khó khăn", "ở vùng")
}

// TestAnalyseIsClean runs the analysis for every area of the demo and
// every year and range, in both languages, and checks that no sentence
// holds NaN or Inf, claims a change between equal printed values, or is
// other than NFC text ending with a full stop.
func TestAnalyseIsClean(t *testing.T) {
	en := analysisDemo(t)
	var periods []period.Period
	for y := 2011; y <= 2025; y++ {
		periods = append(periods, period.Period{Type: period.Year, Year: y})
	}
	periods = append(periods, period.MustParse("2011-2015"), period.MustParse("2016-2020"), period.MustParse("2021-2025"))
	fromTo := regexp.MustCompile(`(?:từ|from) (\S+) (?:năm |in )\d{4} (?:lên|xuống còn|to) (\S+) `)
	zero := regexp.MustCompile(`(?:tăng|giảm|up|down|by) 0([,.]0+)?(%| |$)`)
	areas := 0
	for _, a := range en.Catalog.Areas {
		if a.Level == 4 && !strings.HasSuffix(a.Code, "_03") {
			continue // every commune would only repeat the same shapes
		}
		areas++
		for _, p := range periods {
			for _, o := range []AnalysisOptions{analysisVI, analysisEN} {
				out, err := Analyse(en, a.Code, p, o)
				if err != nil {
					t.Fatalf("%s %s: %v", a.Code, p, err)
				}
				for _, s := range out {
					if strings.Contains(s, "NaN") || strings.Contains(s, "Inf") {
						t.Errorf("%s %s: %q", a.Code, p, s)
					}
					if !norm.NFC.IsNormalString(s) {
						t.Errorf("%s %s: not NFC: %q", a.Code, p, s)
					}
					if !strings.HasSuffix(s, ".") && !strings.HasSuffix(s, ".)") {
						t.Errorf("%s %s: no full stop: %q", a.Code, p, s)
					}
					if m := fromTo.FindStringSubmatch(s); m != nil && m[1] == m[2] {
						t.Errorf("%s %s: a change between equal values: %q", a.Code, p, s)
					}
					if zero.MatchString(s) {
						t.Errorf("%s %s: a change of zero: %q", a.Code, p, s)
					}
				}
			}
		}
	}
	if areas < 29 {
		t.Errorf("only %d areas checked", areas)
	}
}
