package widgets

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/driver/software"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
)

var nan = math.NaN()

// viNumber formats like the app: "." between thousands, "," before at
// most two decimals (1.234,5).
func viNumber(v float64) string {
	s := strconv.FormatFloat(math.Abs(v), 'f', 2, 64)
	s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	ip, frac, _ := strings.Cut(s, ".")
	var b strings.Builder
	for i, r := range ip {
		if i > 0 && (len(ip)-i)%3 == 0 {
			b.WriteByte('.')
		}
		b.WriteRune(r)
	}
	out := b.String()
	if frac != "" {
		out += "," + frac
	}
	if v < 0 && out != "0" {
		out = "-" + out
	}
	return out
}

func viPercent(v float64) string { return viNumber(v) + "%" }

func TestViNumber(t *testing.T) {
	for v, want := range map[float64]string{0: "0", 1234567.891: "1.234.567,89", 0.36: "0,36", -14.9: "-14,9", 100: "100"} {
		if got := viNumber(v); got != want {
			t.Errorf("viNumber(%v) = %q, want %q", v, got, want)
		}
	}
}

// chartApp starts a test app with the light theme, for realistic goldens.
func chartApp(t *testing.T) {
	t.Helper()
	test.NewTempApp(t)
	test.ApplyTheme(t, theme.LightTheme())
}

func years(from, to int) []string {
	var out []string
	for y := from; y <= to; y++ {
		out = append(out, strconv.Itoa(y))
	}
	return out
}

// povertyChart: POV_RATE 2011–2023 of three districts, the standard
// changing in 2016 and 2022, Bình Liêu missing 2014 and 2015.
func povertyChart() *LineChart {
	c := NewLineChart("Tỷ lệ hộ nghèo", years(2011, 2023),
		Series{Name: "Huyện Ba Chẽ", Values: []float64{28.5, 25.1, 21.7, 18.2, 15.4, 31.2, 26.4, 20.1, 14.3, 9.8, 6.2, 12.5, 8.1}},
		Series{Name: "Huyện Bình Liêu", Values: []float64{24.3, 21.0, 17.6, nan, nan, 27.5, 22.9, 17.2, 11.6, 7.4, 4.8, 10.2, 6.6}},
		Series{Name: "Huyện Đầm Hà", Values: []float64{12.4, 10.8, 9.1, 7.9, 6.3, 13.8, 10.9, 7.7, 4.9, 2.6, 1.1, 4.3, 2.4}},
	)
	c.Unit = "%"
	c.Breaks = []LineBreak{{Index: 5, Label: "Chuẩn nghèo đa chiều (2016)"}, {Index: 11, Label: "Chuẩn nghèo mới (2022)"}}
	c.Format = viNumber
	return c
}

var districts = []string{"Thành phố Hạ Long", "Thành phố Móng Cái", "Thành phố Cẩm Phả", "Thành phố Uông Bí",
	"Thị xã Đông Triều", "Thị xã Quảng Yên", "Huyện Hải Hà", "Huyện Đầm Hà", "Huyện Tiên Yên",
	"Huyện Bình Liêu", "Huyện Ba Chẽ", "Huyện Vân Đồn", "Huyện Cô Tô"}

// districtChart: POV_RATE 2020 of the 13 districts against the 1% target;
// Cô Tô has no value.
func districtChart() *BarChart {
	c := NewBarChart("Tỷ lệ hộ nghèo năm 2020", districts,
		[]float64{0.02, 0.11, 0.05, 0.04, 0.21, 0.35, 1.05, 2.61, 1.96, 7.42, 9.83, 0.48, nan})
	c.Unit = "%"
	c.Format = viNumber
	c.Sort = BarSortDescending
	c.Threshold = &Threshold{Value: 1, Label: "Mục tiêu: dưới 1%"}
	c.MetLabel, c.NotMetLabel = "Đạt (dưới 1%)", "Chưa đạt"
	return c
}

func progressChart() *ProgressBars {
	c := NewProgressBars("Tiến độ Chương trình giảm nghèo 2021–2025", []Progress{
		{Label: "Nhà ở được hỗ trợ xây mới", Value: 1234, Target: 1500},
		{Label: "Nhà ở được hỗ trợ sửa chữa", Value: 868, Target: 750},
		{Label: "Hộ thoát nghèo", Value: nan, Target: 2000},
		{Label: "Trạm y tế đạt chuẩn", Value: 177, Target: 177},
		{Label: "Chi an sinh xã hội (tỷ đồng)", Value: 41.6, Target: nan},
	})
	c.Format = viNumber
	return c
}

func housesChart() *StackedBars {
	c := NewStackedBars("Nhà ở được hỗ trợ theo huyện", []string{"Huyện Ba Chẽ", "Huyện Bình Liêu", "Huyện Đầm Hà", "Huyện Tiên Yên", "Huyện Cô Tô"},
		Series{Name: "Xây mới", Values: []float64{312, 254, 198, 140, nan}},
		Series{Name: "Sửa chữa", Values: []float64{188, 101, 76, nan, nan}},
	)
	c.Unit = "căn"
	c.Format = viNumber
	c.TotalLabel = "Tổng"
	return c
}

// render lays the chart out at size and returns its objects.
func render(t *testing.T, c fyne.Widget, size fyne.Size) []fyne.CanvasObject {
	t.Helper()
	c.Resize(size)
	return test.TempWidgetRenderer(t, c).Objects()
}

func texts(objs []fyne.CanvasObject) []*canvas.Text {
	var out []*canvas.Text
	for _, o := range objs {
		if t, ok := o.(*canvas.Text); ok {
			out = append(out, t)
		}
	}
	return out
}

func hasText(objs []fyne.CanvasObject, s string) bool {
	for _, t := range texts(objs) {
		if t.Text == s {
			return true
		}
	}
	return false
}

// lines returns the data lines (stroke 2, in the plot) of a line chart.
func lines(c *LineChart, objs []fyne.CanvasObject) []*canvas.Line {
	var out []*canvas.Line
	for _, o := range objs {
		if l, ok := o.(*canvas.Line); ok && l.StrokeWidth == 2 && l.Position1.Y >= c.geom.top {
			out = append(out, l)
		}
	}
	return out
}

func hover(h desktop.Hoverable, x, y float32) {
	h.MouseMoved(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: fyne.NewPos(x, y)}})
}

func TestLineChart_Markup(t *testing.T) {
	chartApp(t)
	c := povertyChart()
	c.Resize(fyne.NewSize(640, 360))
	test.AssertObjectRendersToMarkup(t, "chart_line.xml", c)
}

func TestLineChart_Gaps(t *testing.T) {
	chartApp(t)
	c := povertyChart()
	objs := render(t, c, fyne.NewSize(640, 360))
	g := &c.geom
	touches := func(l *canvas.Line, i int) bool {
		x := g.x(i)
		return l.Position1.X == x || l.Position2.X == x
	}
	for _, l := range lines(c, objs) {
		if l.StrokeColor != g.st.seriesColor(1) {
			continue
		}
		if touches(l, 3) || touches(l, 4) {
			t.Errorf("Bình Liêu has a segment %v–%v at a missing year", l.Position1, l.Position2)
		}
	}
	// No segment crosses a break: none runs from 2015 to 2016 or 2021 to 2022.
	for _, l := range lines(c, objs) {
		for _, b := range c.Breaks {
			if l.Position1.X == g.x(b.Index-1) && l.Position2.X == g.x(b.Index) {
				t.Errorf("a segment crosses the break before %s", c.Labels[b.Index])
			}
		}
	}
	// 3 series × 13 years, 2 breaks, 2 missing: segments per series = values − runs.
	if got, want := len(lines(c, objs)), (13-3)+(11-3)+(13-3); got != want {
		t.Errorf("%d segments, want %d", got, want)
	}
	for _, s := range []string{"Chuẩn nghèo mới (2022)", "Chuẩn nghèo đa chiều (2016)", "Huyện Đầm Hà", "%", "2011", "2023", "30"} {
		if !hasText(objs, s) {
			t.Errorf("no text %q", s)
		}
	}
}

func TestLineChart_Negative(t *testing.T) {
	chartApp(t)
	c := NewLineChart("Tăng chi an sinh xã hội so với năm trước", years(2016, 2023),
		Series{Name: "Tỉnh Quảng Ninh", Values: []float64{14.9, 8.2, -3.5, 12.1, nan, 22.4, -7.8, 5.0}})
	c.Unit = "%"
	c.Format = viNumber
	c.Resize(fyne.NewSize(480, 280))
	test.AssertObjectRendersToMarkup(t, "chart_line_negative.xml", c)
	objs := test.TempWidgetRenderer(t, c).Objects()
	if !hasText(objs, "-10") || !hasText(objs, "0") {
		t.Error("the axis does not run from -10 through 0")
	}
	// The zero line is drawn darker than the grid.
	zero := false
	for _, o := range objs {
		if l, ok := o.(*canvas.Line); ok && l.StrokeColor == c.geom.st.muted && l.Position1.Y == c.geom.y(0) {
			zero = true
		}
	}
	if !zero {
		t.Error("no zero line")
	}
}

func TestLineChart_OnePoint(t *testing.T) {
	chartApp(t)
	c := NewLineChart("Tỷ lệ hộ nghèo", []string{"2023"}, Series{Name: "Huyện Cô Tô", Values: []float64{0.36}})
	c.Format = viNumber
	c.Unit = "%"
	c.Resize(fyne.NewSize(320, 220))
	test.AssertObjectRendersToMarkup(t, "chart_line_one.xml", c)
	if c.geom.markers != 1 {
		t.Errorf("%d markers, want 1", c.geom.markers)
	}
}

func TestLineChart_ThousandPoints(t *testing.T) {
	chartApp(t)
	labels := make([]string, 1000)
	a, b := make([]float64, 1000), make([]float64, 1000)
	for i := range labels {
		labels[i] = "Kỳ " + strconv.Itoa(i+1)
		a[i] = 50 + 40*math.Sin(float64(i)/60)
		b[i] = -20 + 30*math.Cos(float64(i)/45)
	}
	a[500] = nan
	c := NewLineChart("Một nghìn điểm", labels, Series{Name: "A", Values: a}, Series{Name: "B", Values: b})
	c.Format = viNumber
	objs := render(t, c, fyne.NewSize(800, 400))
	if c.geom.markers != 0 {
		t.Errorf("%d markers drawn on a dense line, want none", c.geom.markers)
	}
	if got := len(lines(c, objs)); got != 999+997 {
		t.Errorf("%d segments, want %d", got, 999+997)
	}
	// Period labels are thinned: few, and none overlapping the next.
	if c.geom.labelsShown > 20 || c.geom.labelsShown < 3 {
		t.Errorf("%d period labels shown", c.geom.labelsShown)
	}
	var prev *canvas.Text
	for _, tx := range texts(objs) {
		if !strings.HasPrefix(tx.Text, "Kỳ ") {
			continue
		}
		if prev != nil && prev.Position().X+prev.Size().Width >= tx.Position().X {
			t.Errorf("labels %q and %q overlap", prev.Text, tx.Text)
		}
		prev = tx
	}
	// And it paints (its speed is BenchmarkLineChart_ThousandPoints).
	img := RenderImage(c, fyne.NewSize(800, 400), 1, nil)
	if img.Bounds().Dx() != 800 {
		t.Errorf("image %v", img.Bounds())
	}
}

func TestLineChart_Tooltip(t *testing.T) {
	chartApp(t)
	c := povertyChart()
	var tapped = -1
	c.OnTapped = func(i int) { tapped = i }
	render(t, c, fyne.NewSize(640, 360))
	g := &c.geom
	hover(c, g.x(3), (g.top+g.bottom)/2)
	want := "2014\nHuyện Ba Chẽ: 18,2\nHuyện Bình Liêu: –\nHuyện Đầm Hà: 7,9"
	if got := c.tip.text(); got != want {
		t.Errorf("tooltip = %q, want %q", got, want)
	}
	if !c.tip.box.Visible() {
		t.Error("tooltip hidden")
	}
	c.MouseOut()
	if c.tip.box.Visible() || c.tip.text() != "" {
		t.Error("tooltip still shown after the pointer left")
	}
	test.TapAt(c, fyne.NewPos(g.x(12), g.bottom-5))
	if tapped != 12 || !strings.HasPrefix(c.tip.text(), "2023\n") {
		t.Errorf("tap: OnTapped(%d), tooltip %q", tapped, c.tip.text())
	}
}

// TestLineChart_Hollow: values computed another way (on today's
// boundaries) are hollow markers, and their tooltip says why.
func TestLineChart_Hollow(t *testing.T) {
	chartApp(t)
	c := NewLineChart("Tỷ lệ hộ nghèo", []string{"2019", "2020", "2021"},
		Series{Name: "Hạ Long", Values: []float64{0.13, 0.02, 0.01}, Hollow: []bool{true, false, false}})
	c.Format = viNumber
	c.HollowNote = "tính theo địa giới mới"
	objs := render(t, c, fyne.NewSize(640, 360))
	hollow := 0
	for _, o := range objs {
		if m, ok := o.(*canvas.Circle); ok && m.FillColor == c.geom.st.bg && m.StrokeWidth == 2 {
			hollow++
		}
	}
	if hollow != 1 {
		t.Errorf("%d hollow markers, want 1", hollow)
	}
	g := &c.geom
	hover(c, g.x(0), (g.top+g.bottom)/2)
	if got, want := c.tip.text(), "2019\nHạ Long: 0,13 (tính theo địa giới mới)"; got != want {
		t.Errorf("tooltip = %q, want %q", got, want)
	}
	hover(c, g.x(1), (g.top+g.bottom)/2)
	if got, want := c.tip.text(), "2020\nHạ Long: 0,02"; got != want {
		t.Errorf("tooltip = %q, want %q", got, want)
	}
}

func TestBarChart_Markup(t *testing.T) {
	chartApp(t)
	c := districtChart()
	c.Resize(fyne.NewSize(640, 420))
	test.AssertObjectRendersToMarkup(t, "chart_bar.xml", c)

	objs := test.TempWidgetRenderer(t, c).Objects()
	// Ranked: Ba Chẽ (9,83) first, Cô Tô (missing) last, shown as "–".
	if c.geom.order[0] != 10 || c.geom.order[12] != 12 {
		t.Errorf("order = %v", c.geom.order)
	}
	if !hasText(objs, missingText) || !hasText(objs, "Mục tiêu: dưới 1%") || !hasText(objs, "9,83") {
		t.Error("missing dash, threshold label or value label")
	}
	// 7 bars meet the 1% target (green), 5 do not (red), none is drawn for Cô Tô.
	met, notMet := 0, 0
	for _, o := range objs {
		if r, ok := o.(*canvas.Rectangle); ok {
			switch r.FillColor {
			case c.geom.frame.st.success:
				met++
			case c.geom.frame.st.failure:
				notMet++
			}
		}
	}
	if met != 7+1 || notMet != 5+1 { // + the legend swatches
		t.Errorf("%d met and %d not met rectangles, want 8 and 6", met, notMet)
	}
}

func TestBarChart_Negative(t *testing.T) {
	chartApp(t)
	c := NewBarChart("Tăng thu nhập bình quân năm 2023", []string{"Huyện Ba Chẽ", "Huyện Đầm Hà", "Huyện Cô Tô", "Thị xã Quảng Yên"},
		[]float64{-4.5, 12.3, nan, 0})
	c.Format = viNumber
	c.Unit = "%"
	c.Resize(fyne.NewSize(480, 240))
	test.AssertObjectRendersToMarkup(t, "chart_bar_negative.xml", c)
	f := &c.geom.frame
	if f.axis.lo >= -4.5 || f.axis.hi < 12.3 || f.x(0) <= f.left {
		t.Errorf("axis %v…%v, zero at %v, plot from %v", f.axis.lo, f.axis.hi, f.x(0), f.left)
	}
}

func TestBarChart_OnePoint(t *testing.T) {
	chartApp(t)
	c := NewBarChart("", []string{"Xã Đồng Văn"}, []float64{0.36})
	c.Format = viNumber
	c.Resize(fyne.NewSize(320, 120))
	test.AssertObjectRendersToMarkup(t, "chart_bar_one.xml", c)
}

func TestBarChart_TappedAndTooltip(t *testing.T) {
	chartApp(t)
	c := districtChart()
	got := -1
	c.OnTapped = func(i int) { got = i }
	render(t, c, fyne.NewSize(640, 420))
	f := &c.geom.frame
	// The first row is the highest value: Ba Chẽ, index 10 as given.
	test.TapAt(c, fyne.NewPos(f.left+10, f.rowY(0)+f.rowH/2))
	if got != 10 {
		t.Errorf("OnTapped(%d), want 10 (Huyện Ba Chẽ)", got)
	}
	if want := "Huyện Ba Chẽ\n9,83 · Chưa đạt"; c.tip.text() != want {
		t.Errorf("tooltip %q, want %q", c.tip.text(), want)
	}
	hover(c, f.left+10, f.rowY(12)+f.rowH/2)
	if want := "Huyện Cô Tô\n–"; c.tip.text() != want {
		t.Errorf("tooltip %q, want %q", c.tip.text(), want)
	}
	if c.Cursor() != desktop.PointerCursor {
		t.Error("no pointer cursor on a tappable chart")
	}
	c.MouseOut()
	if c.tip.box.Visible() {
		t.Error("tooltip still shown")
	}
}

func TestBarChart_ThousandBars(t *testing.T) {
	chartApp(t)
	labels, values := make([]string, 1000), make([]float64, 1000)
	for i := range labels {
		labels[i] = "Xã số " + strconv.Itoa(i+1)
		values[i] = float64((i*37)%1000) / 100
	}
	c := NewBarChart("Một nghìn xã", labels, values)
	c.Sort = BarSortAscending
	c.Threshold = &Threshold{Value: 1, Label: "1%"}
	objs := render(t, c, fyne.NewSize(640, 600))
	if n := c.geom.labelsShown; n > 60 || n < 5 {
		t.Errorf("%d category labels shown", n)
	}
	if c.geom.frame.showEnds {
		t.Error("value texts drawn on rows thinner than text")
	}
	if len(objs) > 1300 {
		t.Errorf("%d objects", len(objs))
	}
}

func TestProgressBars_Markup(t *testing.T) {
	chartApp(t)
	c := progressChart()
	c.Resize(fyne.NewSize(520, 280))
	test.AssertObjectRendersToMarkup(t, "chart_progress.xml", c)
	objs := test.TempWidgetRenderer(t, c).Objects()
	for _, s := range []string{"1.234 / 1.500 · 82,3%", "868 / 750 · 115,7%", "– / 2.000", "177 / 177 · 100%", "41,6"} {
		if !hasText(objs, s) {
			t.Errorf("no text %q", s)
		}
	}
	tip := func(row int) string {
		g := &c.geom
		hover(c, 10, g.top+float32(row)*g.rowH+5)
		return c.tip.text()
	}
	if got := tip(1); got != "Nhà ở được hỗ trợ sửa chữa\n868 / 750 · 115,7%" {
		t.Errorf("tooltip %q", got)
	}
	tapped := -1
	c.OnTapped = func(i int) { tapped = i }
	test.TapAt(c, fyne.NewPos(10, c.geom.top+3*c.geom.rowH+5))
	if tapped != 3 {
		t.Errorf("OnTapped(%d), want 3", tapped)
	}
}

func TestProgressBars_Percent(t *testing.T) {
	c := NewProgressBars("", nil)
	c.Percent = func(v float64) string { return strconv.FormatFloat(v, 'f', 0, 64) + " %" }
	if got := c.summary(Progress{Value: 1, Target: 4}); got != "1 / 4 · 25 %" {
		t.Errorf("summary %q", got)
	}
}

func TestStackedBars_Markup(t *testing.T) {
	chartApp(t)
	c := housesChart()
	c.Resize(fyne.NewSize(560, 320))
	test.AssertObjectRendersToMarkup(t, "chart_stacked.xml", c)
	objs := test.TempWidgetRenderer(t, c).Objects()
	for _, s := range []string{"500", "355", "140", missingText, "Xây mới", "Sửa chữa", "căn"} {
		if !hasText(objs, s) {
			t.Errorf("no text %q", s)
		}
	}
	f := &c.geom.frame
	mid := f.rowY(0) + f.rowH/2
	hover(c, f.x(400), mid) // inside "Sửa chữa" of Ba Chẽ (312 + 188)
	if want := "Huyện Ba Chẽ\nXây mới: 312\nSửa chữa: 188\nTổng: 500"; c.tip.text() != want {
		t.Errorf("tooltip %q, want %q", c.tip.text(), want)
	}
	cat, part := -1, -1
	c.OnTapped = func(c, p int) { cat, part = c, p }
	test.TapAt(c, fyne.NewPos(f.x(100), f.rowY(2)+f.rowH/2))
	if cat != 2 || part != 0 {
		t.Errorf("OnTapped(%d, %d), want (2, 0)", cat, part)
	}
}

func TestStackedBars_NegativeAndOne(t *testing.T) {
	chartApp(t)
	c := NewStackedBars("Biến động số hộ", []string{"Xã Đồng Văn"},
		Series{Name: "Tăng", Values: []float64{42}},
		Series{Name: "Giảm", Values: []float64{-17}})
	c.Format = viNumber
	c.Resize(fyne.NewSize(400, 160))
	test.AssertObjectRendersToMarkup(t, "chart_stacked_negative.xml", c)
	segs := c.segments(0)
	if len(segs) != 2 || segs[1].from != 0 || segs[1].to != -17 {
		t.Errorf("segments %v", segs)
	}
}

func TestNiceAxis(t *testing.T) {
	for _, tc := range []struct {
		lo, hi float64
		n      int
		zero   bool
		want   string
	}{
		{0.36, 9.83, 5, true, "0 2 4 6 8 10"},
		{-7.8, 22.4, 6, true, "-10 0 10 20 30"},
		{-7.8, 22.4, 8, true, "-10 -5 0 5 10 15 20 25"},
		{0.36, 0.36, 5, false, "0.32 0.34 0.36 0.38 0.4"},
		{5, 5, 4, true, "0 2 4 6"},
		{nan, nan, 5, true, "0 0.2 0.4 0.6 0.8 1"},
		{1234, 1500, 3, true, "0 500 1000 1500"},
	} {
		a := niceAxis(tc.lo, tc.hi, tc.n, tc.zero)
		var got []string
		for _, v := range a.ticks {
			got = append(got, strconv.FormatFloat(v, 'f', -1, 64))
		}
		if s := strings.Join(got, " "); s != tc.want {
			t.Errorf("niceAxis(%v, %v, %d) = %s, want %s", tc.lo, tc.hi, tc.n, s, tc.want)
		}
	}
}

func TestFitText(t *testing.T) {
	chartApp(t)
	s := fitText("Thành phố Hạ Long và vùng phụ cận", 80, 11, false)
	if !strings.HasSuffix(s, "…") || textWidth(s, 11, false) > 80 {
		t.Errorf("fitText = %q", s)
	}
	if fitText("Cô Tô", 80, 11, false) != "Cô Tô" {
		t.Error("short text shortened")
	}
}

func TestRenderPNG(t *testing.T) {
	chartApp(t)
	data, err := RenderPNG(districtChart(), fyne.NewSize(400, 300), 3, PrintTheme())
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if b := img.Bounds(); b.Dx() != 1200 || b.Dy() != 900 {
		t.Errorf("image is %dx%d, want 1200x900", b.Dx(), b.Dy())
	}
	if n := colours(img); n < 10 {
		t.Errorf("image has %d colours: blank?", n)
	}
	// The page background is the light theme's, even when the app is dark.
	test.ApplyTheme(t, darkPreferred{theme.DefaultTheme()})
	img = RenderImage(progressChart(), fyne.NewSize(300, 200), 1, PrintTheme())
	if r, g, b, _ := img.At(1, 1).RGBA(); r < 0xf000 || g < 0xf000 || b < 0xf000 {
		t.Errorf("print background %v is not light", img.At(1, 1))
	}
	if _, err := RenderPNG(progressChart(), fyne.Size{}, 3, nil); err == nil {
		t.Error("no error for an empty size")
	}
}

// darkPreferred is the default theme with the user preferring dark.
type darkPreferred struct{ fyne.Theme }

func (t darkPreferred) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	if v != theme.VariantLight {
		v = theme.VariantDark
	}
	return t.Theme.Color(n, v)
}

func colours(img image.Image) int {
	seen := map[[4]uint32]bool{}
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y += 3 {
		for x := b.Min.X; x < b.Max.X; x += 3 {
			r, g, bl, a := img.At(x, y).RGBA()
			seen[[4]uint32{r, g, bl, a}] = true
		}
	}
	return len(seen)
}

// TestChart_Preview writes each chart as PNG (print scale, light theme),
// and a few with a tooltip or in the dark theme, into $CHART_PREVIEW_DIR,
// for a person to look at.
func TestChart_Preview(t *testing.T) {
	dir := os.Getenv("CHART_PREVIEW_DIR")
	if dir == "" {
		t.Skip("set CHART_PREVIEW_DIR to write chart images")
	}
	chartApp(t)
	write := func(name string, img image.Image) {
		var buf bytes.Buffer
		if err := png.Encode(&buf, img); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "chart_"+name+".png"), buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	negLine := NewLineChart("Tăng chi an sinh xã hội so với năm trước", years(2016, 2023),
		Series{Name: "Tỉnh Quảng Ninh", Values: []float64{14.9, 8.2, -3.5, 12.1, nan, 22.4, -7.8, 5.0}})
	negLine.Format, negLine.Unit = viNumber, "%"
	oneLine := NewLineChart("Tỷ lệ hộ nghèo", []string{"2023"}, Series{Name: "Huyện Cô Tô", Values: []float64{0.36}})
	oneLine.Format, oneLine.Unit = viNumber, "%"
	negBar := NewBarChart("Tăng thu nhập bình quân năm 2023", []string{"Huyện Ba Chẽ", "Huyện Đầm Hà", "Huyện Cô Tô", "Thị xã Quảng Yên"},
		[]float64{-4.5, 12.3, nan, 0})
	negBar.Format, negBar.Unit = viNumber, "%"
	negStack := NewStackedBars("Biến động số hộ", []string{"Xã Đồng Văn", "Xã Quảng Lâm"},
		Series{Name: "Tăng", Values: []float64{42, 12}}, Series{Name: "Giảm", Values: []float64{-17, -30}})
	negStack.Format = viNumber
	labels, a, b := make([]string, 1000), make([]float64, 1000), make([]float64, 1000)
	for i := range labels {
		labels[i] = "Kỳ " + strconv.Itoa(i+1)
		a[i] = 50 + 40*math.Sin(float64(i)/60)
		b[i] = -20 + 30*math.Cos(float64(i)/45)
	}
	a[500], a[501] = nan, nan
	thousand := NewLineChart("Một nghìn điểm", labels, Series{Name: "A", Values: a}, Series{Name: "B", Values: b})
	thousand.Format = viNumber
	thousandBars := NewBarChart("Một nghìn xã", labels, a)
	thousandBars.Sort, thousandBars.Format = BarSortDescending, viNumber
	thousandBars.Threshold = &Threshold{Value: 20, Label: "Ngưỡng 20"}
	for name, c := range map[string]struct {
		obj  fyne.CanvasObject
		size fyne.Size
	}{
		"line_1000":     {thousand, fyne.NewSize(800, 400)},
		"bar_1000":      {thousandBars, fyne.NewSize(640, 600)},
		"line":          {povertyChart(), fyne.NewSize(640, 360)},
		"bar":           {districtChart(), fyne.NewSize(640, 420)},
		"progress":      {progressChart(), fyne.NewSize(520, 280)},
		"stacked":       {housesChart(), fyne.NewSize(560, 320)},
		"line_negative": {negLine, fyne.NewSize(480, 280)},
		"line_one":      {oneLine, fyne.NewSize(320, 220)},
		"bar_negative":  {negBar, fyne.NewSize(480, 240)},
		"stacked_neg":   {negStack, fyne.NewSize(400, 180)},
	} {
		write(name, RenderImage(c.obj, c.size, 2, PrintTheme()))
	}

	// Tooltips: lay out on a canvas, point, capture.
	shot := func(name string, c fyne.Widget, size fyne.Size, point func()) {
		cv := software.NewCanvas()
		cv.SetPadded(false)
		cv.SetScale(2)
		cv.Resize(size)
		cv.SetContent(c)
		point()
		write(name, cv.Capture())
	}
	lc := povertyChart()
	shot("line_tooltip", lc, fyne.NewSize(640, 360), func() { hover(lc, lc.geom.x(3), 250) })
	bc := districtChart()
	shot("bar_tooltip", bc, fyne.NewSize(640, 420), func() { hover(bc, 300, bc.geom.frame.rowY(1)+10) })
	sc := housesChart()
	shot("stacked_tooltip", sc, fyne.NewSize(560, 320), func() { hover(sc, sc.geom.frame.x(400), sc.geom.frame.rowY(0)+20) })
	test.ApplyTheme(t, theme.DarkTheme())
	dc := povertyChart()
	shot("line_dark", dc, fyne.NewSize(640, 360), func() { hover(dc, dc.geom.x(8), 200) })
	db := districtChart()
	shot("bar_dark", db, fyne.NewSize(640, 420), func() {})
}

func TestCharts_Empty(t *testing.T) {
	chartApp(t)
	for _, c := range []fyne.Widget{
		NewLineChart("", nil), NewBarChart("", nil, nil), NewProgressBars("", nil), NewStackedBars("", nil),
		NewLineChart("Tỷ lệ hộ nghèo", years(2020, 2022), Series{Name: "Xã A", Values: []float64{nan, nan, nan}}),
	} {
		render(t, c, fyne.NewSize(300, 200))
		render(t, c, fyne.NewSize(10, 10))
		c.(fyne.Tappable).Tapped(&fyne.PointEvent{Position: fyne.NewPos(150, 100)})
		c.(desktop.Hoverable).MouseOut()
	}
}
