package widgets

import (
	"fmt"
	"math"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
)

// Image goldens of each chart type with a thousand points or items, in the
// light theme at 800×500: the category labels must be thinned so that they
// stay readable, and the NaN gaps must show as gaps (no line, no bar).
// Regenerate after a deliberate change of the drawing:
//
//	go test ./widgets -run Thousand_Image; cp widgets/testdata/failed/chart_*_1000.png widgets/testdata/

const thousand = 1000

var thousandSize = fyne.NewSize(800, 500)

// communeLabel is "Xã 0001" … "Xã 1000".
func communeLabel(i int) string { return fmt.Sprintf("Xã %04d", i+1) }

// thousandGap tells whether item i has no value: one in 97, and a run of
// 40 in the middle.
func thousandGap(i int) bool { return i%97 == 13 || (i >= 480 && i < 520) }

func thousandLabels() []string {
	labels := make([]string, thousand)
	for i := range labels {
		labels[i] = communeLabel(i)
	}
	return labels
}

// thousandValues is a deterministic wave in 0…10 with the gaps as NaN.
func thousandValues(phase float64) []float64 {
	v := make([]float64, thousand)
	for i := range v {
		if thousandGap(i) {
			v[i] = nan
			continue
		}
		v[i] = math.Round((5+4*math.Sin(float64(i)/70+phase)+float64((i*37)%11)/11)*100) / 100
	}
	return v
}

func TestLineChart_Thousand_Image(t *testing.T) {
	chartApp(t)
	c := NewLineChart("Tỷ lệ hộ nghèo, một nghìn xã", thousandLabels(),
		Series{Name: "Tỉnh Lạng Sơn", Values: thousandValues(0)},
		Series{Name: "Tỉnh Cao Bằng", Values: thousandValues(2)})
	c.Unit = "%"
	c.Format = viNumber
	c.Resize(thousandSize)
	test.AssertObjectRendersToImage(t, "chart_line_1000.png", c)
}

func TestBarChart_Thousand_Image(t *testing.T) {
	chartApp(t)
	values := thousandValues(0)
	for i := range values {
		values[i] /= 2 // 0…5: some communes under the 1% target
	}
	c := NewBarChart("Tỷ lệ hộ nghèo năm 2025, một nghìn xã", thousandLabels(), values)
	c.Unit = "%"
	c.Format = viNumber
	c.Sort = BarSortDescending
	c.Threshold = &Threshold{Value: 1, Label: "Mục tiêu: dưới 1%"}
	c.MetLabel, c.NotMetLabel = "Đạt (dưới 1%)", "Chưa đạt"
	c.Resize(thousandSize)
	test.AssertObjectRendersToImage(t, "chart_bar_1000.png", c)
}

func TestProgressBars_Thousand_Image(t *testing.T) {
	chartApp(t)
	items := make([]Progress, thousand)
	for i := range items {
		v := float64(50 + (i*37)%120)
		if thousandGap(i) {
			v = nan
		}
		target := 150.0
		if i%50 == 7 {
			target = nan
		}
		items[i] = Progress{Label: "Nhà ở hỗ trợ, " + communeLabel(i), Value: v, Target: target}
	}
	c := NewProgressBars("Tiến độ hỗ trợ nhà ở, một nghìn xã", items)
	c.Format = viNumber
	// A thousand rows do not thin (each keeps its label and figures): the
	// chart is as tall as its rows, and the app scrolls it. The golden is
	// the top of the scroll and, scrolled, the rows around the gap.
	sc := container.NewVScroll(c)
	sc.Resize(thousandSize)
	test.AssertObjectRendersToImage(t, "chart_progress_1000.png", sc)
	if h := c.MinSize().Height; h < 50*thousandSize.Height {
		t.Errorf("chart height %v for %d rows", h, thousand)
	}
	sc.ScrollToOffset(fyne.NewPos(0, c.MinSize().Height*470/thousand))
	test.AssertObjectRendersToImage(t, "chart_progress_1000_scrolled.png", sc)
}

func TestStackedBars_Thousand_Image(t *testing.T) {
	chartApp(t)
	built, repaired := make([]float64, thousand), make([]float64, thousand)
	for i := range built {
		built[i] = float64(20 + (i*37)%80)
		repaired[i] = float64(10 + (i*53)%40)
		if thousandGap(i) {
			built[i] = nan
		}
		if i%97 == 13 || i%89 == 5 {
			repaired[i] = nan
		}
	}
	c := NewStackedBars("Nhà ở được hỗ trợ, một nghìn xã", thousandLabels(),
		Series{Name: "Xây mới", Values: built},
		Series{Name: "Sửa chữa", Values: repaired})
	c.Unit = "căn"
	c.Format = viNumber
	c.TotalLabel = "Tổng"
	c.Resize(thousandSize)
	test.AssertObjectRendersToImage(t, "chart_stacked_1000.png", c)
}

// BenchmarkLineChart_ThousandPoints lays out and paints a line chart of two
// series of a thousand points at 800×400, as the dashboard's trend would.
func BenchmarkLineChart_ThousandPoints(b *testing.B) {
	test.NewTempApp(b)
	labels := thousandLabels()
	c := NewLineChart("Một nghìn điểm", labels,
		Series{Name: "A", Values: thousandValues(0)}, Series{Name: "B", Values: thousandValues(2)})
	c.Format = viNumber
	size := fyne.NewSize(800, 400)
	for b.Loop() {
		c.Refresh()
		RenderImage(c, size, 1, nil)
	}
}
