// Package report builds the periodic report an office sends upward — the
// figures of an area for a period beside the previous period and the
// target, the written analysis, and the charts' data — and writes it as
// XLSX in the official layout, as PDF and as CSV.
package report

import (
	"fmt"

	"chiso/data/calc"
	"chiso/data/msg"
	"chiso/data/period"
)

// Report is the content of one report, in one language, ready to write.
type Report struct {
	Lang     string // "vi" or "en"
	Agency   string // issuing office, top left (e.g. "UBND XÃ ĐỒN ĐẠC")
	Motto    [2]string
	Title    string // e.g. "BÁO CÁO MỘT SỐ CHỈ TIÊU KINH TẾ - XÃ HỘI NĂM 2024"
	Subtitle string // the area, e.g. "Xã Đồn Đạc, huyện Ba Chẽ"
	Place    string // place-and-date line, e.g. "Đồn Đạc, ngày 28 tháng 11 năm 2026"

	Area     string // area code
	AreaName string
	Period   period.Period
	Previous period.Period // the period compared with (the previous one)
	// Through is, for a period not complete yet (2021-2025 in 2024), the
	// last part its figures reach (2023): the current column holds the
	// figures "đến năm 2023". Zero when complete.
	Through period.Period

	Columns []Column // the number columns 1, 2, 3… with their headers
	Rows    []Row
	// Notes are printed under the table: what the figures "tính theo địa
	// giới mới" (on today's boundaries) are made of, what "×" stands for,
	// which rest on estimates.
	Notes []string

	Analysis []string // the written analysis: one sentence (or short paragraph) each

	Ranked *Ranked // the key indicator across the area's children, for a bar chart (nil if none)
	Trend  *Trend  // the key indicator over the years, for a line chart (nil if none)

	// Form, when set, is the report laid out as its official form: the
	// writers print it instead of Columns and Rows.
	Form *Form

	// gone says, when the area did not exist at any time in the period
	// (Hoành Bồ in 2020), that it did not and which areas took its place:
	// NoData's reason then.
	gone error
}

// Column is one number column of the table: its number ("1", "2", "4=3/1")
// and header.
type Column struct {
	Number string // as printed under the header: "1", "2", "3", "4=3/1", "5=3/2"
	Header string // e.g. "Thực hiện năm 2023"
}

// The columns of Row.Values, in order.
const (
	ColPrevious    = iota // the previous period's value
	ColTarget             // this period's target (plan)
	ColCurrent            // this period's value
	ColPctPrevious        // current / previous × 100
	ColPctTarget          // current / target × 100
	NumColumns
)

// Row is one line of the table: a group heading, an element (or one of
// its categories) or an indicator.
type Row struct {
	Number    string // column A: "I" for a group heading, "1" for an element or indicator, "1.1" for a category line
	Code      string // element or indicator code (CODE.CATEGORY for a part)
	Name      string // column B
	Unit      string // column C
	Heading   bool   // a group heading, without numbers
	Indicator bool
	Decimals  int             // of the values (percentages have 1)
	Values    [NumColumns]Num // by Col… index
	// YesNo marks a yes/no element. Its values are 1 (yes) or 0 (no) for
	// one area; for an area that aggregates others they count the areas
	// answering yes, and Of holds, by Col… index, how many areas reported
	// ("177" in "177/177"; 0 for one area's own answer).
	YesNo bool
	Of    [NumColumns]int
	// Estimates says how far this period's figure rests on estimates.
	Estimates calc.Estimates
}

// Num is a number of the table that may be missing.
type Num struct {
	Value float64
	OK    bool
	// Mapped marks a figure on the report period's boundaries rather than
	// the area's own of its period ("tính theo địa giới mới");
	// NotComparable one that cannot be made on them (printed "×").
	Mapped, NotComparable bool
}

// NotComparableMark is printed in a cell whose figure cannot be made on
// the report's boundaries.
const NotComparableMark = "×"

// Ranked is one indicator across the children of the area, highest first.
type Ranked struct {
	Title     string
	Unit      string
	Decimals  int
	Labels    []string
	Values    []float64
	Threshold *float64 // a line to draw (e.g. the 1% poverty goal), nil if none
}

// Trend is one indicator over the years up to the report's period.
type Trend struct {
	Title    string
	Unit     string
	Decimals int
	Labels   []string  // years
	Values   []float64 // NaN where missing
	// Mapped marks the years whose figure is on the boundaries of the
	// report's period rather than the area's own of the year.
	Mapped []bool
	// Breaks mark where the definition changed (a new poverty standard):
	// the values from Index on are not comparable with those before.
	Breaks []TrendBreak
}

// TrendBreak is a change of definition in a trend: Labels[Index] is its
// first year.
type TrendBreak struct {
	Index int
	Label string // e.g. "Chuẩn nghèo mới (2022)"
}

// NoData says that the report holds no figure of its period, neither
// stored nor computed, for its area: nothing to report. It returns nil
// when some row has a value in the current column.
func (r *Report) NoData() error {
	for _, row := range r.Rows {
		if !row.Heading && row.Values[ColCurrent].OK {
			return nil
		}
	}
	if r.Form != nil {
		for _, row := range r.Form.Rows {
			for _, c := range row.Cells {
				if c.OK {
					return nil
				}
			}
		}
	}
	if r.gone != nil {
		return r.gone
	}
	return msg.New(fmt.Sprintf("không có số liệu của %s trong kỳ %s: chưa có gì để báo cáo", r.AreaName, r.Period.Label("vi")),
		fmt.Sprintf("there is no data for %s in %s: nothing to report yet", r.AreaName, r.Period.Label("en")))
}
