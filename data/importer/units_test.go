package importer

import (
	"testing"

	"chiso/data/catalog"
)

func TestPeriodOf(t *testing.T) {
	for in, want := range map[string]string{
		"2024": "2024", "Năm 2024": "2024", "năm 2024": "2024", "NAM 2024": "2024", "Year 2024": "2024",
		"2024Q1": "2024Q1", "Quý I/2024": "2024Q1", "quý IV năm 2023": "2023Q4", "Q2 2024": "2024Q2", "q3/2024": "2024Q3", "2024 Q1": "2024Q1",
		"202403": "202403", "Tháng 3/2024": "202403", "tháng 12 năm 2024": "202412", "03/2024": "202403", "2024-03": "202403",
		"2021-2025": "2021-2025", "Giai đoạn 2021–2025": "2021-2025", "2021 - 2025": "2021-2025",
	} {
		if got, ok := periodOf(in); !ok || got != want {
			t.Errorf("periodOf(%q) = %q %v, want %q", in, got, ok, want)
		}
	}
	for _, in := range []string{"", "Năm", "20x4", "1234", "2024Q5", "Tháng 13/2024", "2025-2021", "POP", "Tên xã", "1.234"} {
		if got, ok := periodOf(in); ok {
			t.Errorf("periodOf(%q) = %q", in, got)
		}
	}
	for in, want := range map[string]string{
		"SỐ HỘ NGHÈO NĂM 2024": "2024", "Số liệu quý I/2024 của xã": "2024Q1", "Báo cáo giai đoạn 2021-2025": "2021-2025",
	} {
		if got, ok := periodInText(in); !ok || got != want {
			t.Errorf("periodInText(%q) = %q %v, want %q", in, got, ok, want)
		}
	}
	if got, ok := periodInText("So sánh 2023 và 2024"); ok {
		t.Errorf("two years named: %q", got)
	}
}

func TestExcelNumber(t *testing.T) {
	for _, c := range []struct {
		raw     string
		percent bool
		want    string
	}{
		{"1234", false, "1234"}, {"1.234", false, "1.234"}, {"0.30000000000000004", false, "0.3"}, {"-0.5", false, "-0.5"},
		{"1.2345E-5", false, "0.000012345"}, {"1E+20", false, "100000000000000000000"}, {"0.9782", true, "97.82"},
		{"0", false, "0"}, {"-0", false, "0"}, {"2024", false, "2024"}, {"61.25", false, "61.25"}, {"0.0036", true, "0.36"},
	} {
		if got, err := excelNumber(c.raw, c.percent); err != nil || got != c.want {
			t.Errorf("excelNumber(%q, %v) = %q %v, want %q", c.raw, c.percent, got, err, c.want)
		}
	}
	if _, err := excelNumber("abc", false); err == nil {
		t.Error("abc read as a number")
	}
}

func TestClassifyNumber(t *testing.T) {
	for in, want := range map[string]numberEvidence{
		"1234": noEvidence, "1 234": noEvidence, "abc": noEvidence,
		"61,25": evidenceVI, "0,36": evidenceVI, "1.234,5": evidenceVI, "97,82%": evidenceVI,
		"100.57": evidenceEN, "1,234.5": evidenceEN, "0.5": evidenceEN,
		"1.234": ambiguousNumber, "1,234": ambiguousNumber, "-22,420": ambiguousNumber,
		"1.234.567": onlyVI, "1,234,567": onlyEN,
	} {
		if _, got := classifyNumber(in); got != want {
			t.Errorf("classifyNumber(%q) = %v, want %v", in, got, want)
		}
	}
}

func TestDetectSeparator(t *testing.T) {
	for in, want := range map[string]rune{
		"a,b,c\n1,2,3\n":                    ',',
		"a;b;c\n1;2,5;3\n1;2;3\n":           ';',
		"a\tb\n1,5\t2\n":                    '\t',
		"Title\n\na,b,c\n1,2,3\n4,5,6\n":    ',',
		"x;y;gia tri\nA;B;1,5\nA;B;2,5\n":   ';',
		"\"a,b\";c;d\n\"1,2\";3;4\n5;6;7\n": ';',
	} {
		if got, ok := detectSeparator([]byte(in), false); !ok || got != want {
			t.Errorf("detectSeparator(%q) = %q %v, want %q", in, got, ok, want)
		}
	}
	if _, ok := detectSeparator([]byte("just text\nmore text\n"), false); ok {
		t.Error("a text without columns has a separator")
	}
}

func TestColumnLetters(t *testing.T) {
	for i, want := range map[int]string{0: "A", 25: "Z", 26: "AA", 16383: "XFD"} {
		if got := ColumnLetter(i); got != want {
			t.Errorf("ColumnLetter(%d) = %q", i, got)
		}
		if got, err := columnOf(want + "12"); err != nil || got != i {
			t.Errorf("columnOf(%q) = %d %v", want+"12", got, err)
		}
	}
}

func TestAreaMatching(t *testing.T) {
	cat := &catalog.Catalog{Areas: []catalog.Area{
		{Code: "QN_COTO", Name: "Huyện Cô Tô"}, {Code: "QN_COTO_01", Name: "Thị trấn Cô Tô"},
		{Code: "QN_COTO_02", Name: "Xã Đồng Tiến"}, {Code: "00004", Name: "Phường Hồng Gai"}, {Code: "QN_HALONG", Name: "Thành phố Hạ Long", NameEN: "Ha Long City"},
	}}
	m := newAreas(cat)
	for in, want := range map[string]string{
		"QN_COTO": "QN_COTO", "qn_coto_02": "QN_COTO_02", "Xã Đồng Tiến": "QN_COTO_02", "xa dong tien": "QN_COTO_02",
		"Đồng Tiến": "QN_COTO_02", "X. Đồng Tiến": "QN_COTO_02", "Huyện Cô Tô": "QN_COTO", "TP. Hạ Long": "QN_HALONG",
		"Hạ Long": "QN_HALONG", "ha long city": "QN_HALONG", "4": "00004", "0004": "00004", "Hồng Gai": "00004",
		"Xa\u0303 \u0110o\u0302\u0300ng Tie\u0302\u0301n": "QN_COTO_02", // decomposed
	} {
		if got := m.find(in); got.code != want {
			t.Errorf("find(%q) = %+v, want %s", in, got, want)
		}
	}
	if got := m.find("Cô Tô"); got.code != "" || len(got.candidates) != 2 {
		t.Errorf("Cô Tô: %+v", got)
	}
	if got := m.find("Đồng Tâm"); got.code != "" || len(got.candidates) != 0 {
		t.Errorf("Đồng Tâm: %+v", got)
	}
}
