package widgets

// Shared pieces of the chart widgets (LineChart, BarChart, ProgressBars,
// StackedBars): plain input types, theme colours and palette, nice axis
// ticks, text helpers, the legend, the tooltip and the renderer.
//
// Every chart draws itself with Fyne's own canvas objects, rebuilt by its
// renderer on each Layout and Refresh, so it follows the theme, stays sharp
// at any scale and can be drawn to an image by RenderImage for print.

import (
	"image/color"
	"math"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
)

// Series is one named row of chart values, one value per category or
// period. A missing value is math.NaN(): the charts draw it as a gap (no
// point, no line segment, no bar) and print "–" for it, never zero.
type Series struct {
	Name   string
	Values []float64
	// Hollow marks the values computed another way than the rest (a
	// figure on today's boundaries): a line chart draws them as hollow
	// markers and its tooltip adds its HollowNote.
	Hollow []bool
}

// hollow reports whether value i is marked Hollow.
func (s Series) hollow(i int) bool { return i >= 0 && i < len(s.Hollow) && s.Hollow[i] }

// missingText is shown for a missing value.
const missingText = "–"

// value returns Values[i], NaN when i is out of range.
func (s Series) value(i int) float64 {
	if i < 0 || i >= len(s.Values) {
		return math.NaN()
	}
	return s.Values[i]
}

// valueAt returns vs[i], NaN when i is out of range.
func valueAt(vs []float64, i int) float64 {
	if i < 0 || i >= len(vs) {
		return math.NaN()
	}
	return vs[i]
}

// labelAt returns ls[i], "" when i is out of range.
func labelAt(ls []string, i int) string {
	if i < 0 || i >= len(ls) {
		return ""
	}
	return ls[i]
}

// finite reports whether v is a value to draw (not NaN, not infinite).
func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

// formatter returns f, or a plain Go formatter when f is nil. The app
// passes its number formatter (Vietnamese style: 1.234,5).
func formatter(f func(float64) string) func(float64) string {
	if f != nil {
		return func(v float64) string {
			if !finite(v) {
				return missingText
			}
			return f(v)
		}
	}
	return func(v float64) string {
		if !finite(v) {
			return missingText
		}
		return strconv.FormatFloat(v, 'f', -1, 64)
	}
}

// Series colours: a fixed palette readable on light and on dark
// backgrounds (Tableau 10 and its light companions).
var (
	paletteLight = []color.NRGBA{
		{0x4e, 0x79, 0xa7, 0xff}, {0xf2, 0x8e, 0x2b, 0xff}, {0x59, 0xa1, 0x4f, 0xff}, {0xe1, 0x57, 0x59, 0xff},
		{0xb0, 0x7a, 0xa1, 0xff}, {0x76, 0xb7, 0xb2, 0xff}, {0x9c, 0x75, 0x5f, 0xff}, {0xff, 0x9d, 0xa7, 0xff},
		{0xed, 0xc9, 0x48, 0xff}, {0xba, 0xb0, 0xac, 0xff},
	}
	paletteDark = []color.NRGBA{
		{0x8c, 0xb8, 0xe8, 0xff}, {0xff, 0xb0, 0x6a, 0xff}, {0x8c, 0xd1, 0x7d, 0xff}, {0xff, 0x9d, 0x9a, 0xff},
		{0xd4, 0xa6, 0xc8, 0xff}, {0x86, 0xbc, 0xb6, 0xff}, {0xd7, 0xb5, 0xa6, 0xff}, {0xfa, 0xbf, 0xd2, 0xff},
		{0xf1, 0xce, 0x63, 0xff}, {0xba, 0xb0, 0xac, 0xff},
	}
)

// chartStyle holds the theme values a chart is drawn with.
type chartStyle struct {
	fg, muted, grid, axis, bg, overlay, border, hover color.Color
	primary, success, failure, warning                color.Color
	palette                                           []color.NRGBA

	textSize, captionSize, pad float32
	textH, captionH            float32
}

func newChartStyle(th fyne.Theme) chartStyle {
	if th == nil {
		th = theme.Current()
	}
	v := fyne.CurrentApp().Settings().ThemeVariant()
	c := func(n fyne.ThemeColorName) color.Color { return th.Color(n, v) }
	st := chartStyle{
		fg: c(theme.ColorNameForeground), muted: c(theme.ColorNamePlaceHolder),
		grid: c(theme.ColorNameSeparator), axis: c(theme.ColorNameDisabled),
		bg: c(theme.ColorNameBackground), overlay: c(theme.ColorNameOverlayBackground),
		border: c(theme.ColorNameInputBorder), hover: c(theme.ColorNameHover),
		primary: c(theme.ColorNamePrimary), success: c(theme.ColorNameSuccess),
		failure: c(theme.ColorNameError), warning: c(theme.ColorNameWarning),
		textSize: th.Size(theme.SizeNameText), captionSize: th.Size(theme.SizeNameCaptionText),
		pad: th.Size(theme.SizeNamePadding),
	}
	st.palette = paletteLight
	if luminance(st.bg) < 0.5 {
		st.palette = paletteDark
	}
	st.textH = fyne.MeasureText("Ág", st.textSize, fyne.TextStyle{}).Height
	st.captionH = fyne.MeasureText("Ág", st.captionSize, fyne.TextStyle{}).Height
	return st
}

// seriesColor returns the palette colour of the i-th series.
func (st chartStyle) seriesColor(i int) color.Color { return st.palette[i%len(st.palette)] }

func luminance(c color.Color) float64 {
	r, g, b, _ := c.RGBA()
	return (0.2126*float64(r) + 0.7152*float64(g) + 0.0722*float64(b)) / 0xffff
}

// --- axis ticks ---

// valueAxis maps values to positions with "nice" ticks: 1, 2 or 5 times a
// power of ten.
type valueAxis struct {
	lo, hi float64 // the axis range: the first and the last tick
	step   float64
	ticks  []float64
}

// niceAxis returns an axis covering lo…hi (and zero when includeZero) with
// at most about maxTicks ticks.
func niceAxis(lo, hi float64, maxTicks int, includeZero bool) valueAxis {
	if !finite(lo) || !finite(hi) {
		lo, hi = 0, 1
	}
	if includeZero {
		lo, hi = math.Min(lo, 0), math.Max(hi, 0)
	}
	if lo == hi {
		if lo == 0 {
			hi = 1
		} else {
			d := math.Abs(lo) * 0.1
			lo, hi = lo-d, hi+d
			if includeZero {
				lo, hi = math.Min(lo, 0), math.Max(hi, 0)
			}
		}
	}
	if maxTicks < 2 {
		maxTicks = 2
	}
	step := niceStep((hi - lo) / float64(maxTicks))
	first := math.Floor(lo/step+1e-9) * step
	last := math.Ceil(hi/step-1e-9) * step
	dec := 0
	if step < 1 {
		dec = int(math.Ceil(-math.Log10(step) - 1e-9))
	}
	a := valueAxis{lo: first, hi: last, step: step}
	for i := 0; ; i++ {
		v := first + float64(i)*step
		if v > last+step/2 || i > 100 {
			break
		}
		v, _ = strconv.ParseFloat(strconv.FormatFloat(v, 'f', dec, 64), 64)
		if v == 0 {
			v = 0 // no "-0"
		}
		a.ticks = append(a.ticks, v)
	}
	return a
}

// niceStep returns the smallest of 1, 2, 5 × 10ⁿ not below rough.
func niceStep(rough float64) float64 {
	if rough <= 0 || !finite(rough) {
		return 1
	}
	mag := math.Pow(10, math.Floor(math.Log10(rough)))
	for _, m := range []float64{1, 2, 5, 10} {
		if m*mag >= rough*(1-1e-9) {
			return m * mag
		}
	}
	return 10 * mag
}

// niceEvery returns the smallest of 1, 2, 5, 10, 20, 50… not below n:
// every how many category labels one is shown.
func niceEvery(n float64) int {
	if n <= 1 {
		return 1
	}
	return int(math.Round(niceStep(n)))
}

// pos maps v to a position between from (at lo) and to (at hi).
func (a valueAxis) pos(v float64, from, to float32) float32 {
	return from + float32((v-a.lo)/(a.hi-a.lo))*(to-from)
}

// --- text and shapes ---

func newText(s string, c color.Color, size float32, bold bool) *canvas.Text {
	t := canvas.NewText(s, c)
	t.TextSize = size
	t.TextStyle.Bold = bold
	return t
}

// placeText adds a text with its top-left corner at x, y.
func placeText(objs []fyne.CanvasObject, s string, c color.Color, size float32, bold bool, x, y float32) ([]fyne.CanvasObject, *canvas.Text) {
	t := newText(s, c, size, bold)
	t.Move(fyne.NewPos(x, y))
	t.Resize(t.MinSize())
	return append(objs, t), t
}

func textWidth(s string, size float32, bold bool) float32 {
	return fyne.MeasureText(s, size, fyne.TextStyle{Bold: bold}).Width
}

// fitText shortens s with an ellipsis so it is at most max wide.
func fitText(s string, max, size float32, bold bool) string {
	if textWidth(s, size, bold) <= max {
		return s
	}
	r := []rune(s)
	lo, hi := 0, len(r)
	for lo < hi { // the longest prefix that fits with "…"
		mid := (lo + hi + 1) / 2
		if textWidth(string(r[:mid])+"…", size, bold) <= max {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return string(r[:lo]) + "…"
}

func newLine(x1, y1, x2, y2 float32, c color.Color, width float32) *canvas.Line {
	l := canvas.NewLine(c)
	l.StrokeWidth = width
	l.Position1 = fyne.NewPos(x1, y1)
	l.Position2 = fyne.NewPos(x2, y2)
	return l
}

func newRect(x, y, w, h float32, c color.Color) *canvas.Rectangle {
	r := canvas.NewRectangle(c)
	r.Move(fyne.NewPos(x, y))
	r.Resize(fyne.NewSize(w, h))
	return r
}

// dashedVLine adds a vertical dashed line at x from y1 down to y2.
func dashedVLine(objs []fyne.CanvasObject, x, y1, y2 float32, c color.Color, width float32) []fyne.CanvasObject {
	const dash, gap = 5, 3
	for y := y1; y < y2; y += dash + gap {
		objs = append(objs, newLine(x, y, x, min(y+dash, y2), c, width))
	}
	return objs
}

// caption is a piece of text put on one of the caption rows above a plot.
type caption struct {
	text string
	x    float32 // left edge
	c    color.Color
}

// placeCaptions assigns each caption the first row where it does not touch
// an earlier one; it returns the row of each and the number of rows.
func placeCaptions(cs []caption, size, gap float32) (rows []int, n int) {
	var ends []float32 // right edge of the last caption on each row
	for _, c := range cs {
		w := textWidth(c.text, size, false)
		r := 0
		for r < len(ends) && c.x < ends[r]+gap {
			r++
		}
		if r == len(ends) {
			ends = append(ends, 0)
		}
		ends[r] = c.x + w
		rows = append(rows, r)
	}
	return rows, len(ends)
}

// --- legend ---

// legendItem is one entry of a legend: a swatch and a name.
type legendItem struct {
	name string
	c    color.Color
	line bool // a line swatch (line charts); else a square
}

// legend adds the items flowing in rows from x, y within width and returns
// the height used.
func legend(objs []fyne.CanvasObject, st chartStyle, items []legendItem, x, y, width float32) ([]fyne.CanvasObject, float32) {
	if len(items) == 0 {
		return objs, 0
	}
	const sw = 14 // swatch width
	rowH := st.captionH
	cx, cy := x, y
	for _, it := range items {
		w := sw + st.pad + textWidth(it.name, st.captionSize, false)
		if cx > x && cx+w > x+width {
			cx, cy = x, cy+rowH+st.pad/2
		}
		mid := cy + rowH/2
		if it.line {
			objs = append(objs, newLine(cx, mid, cx+sw, mid, it.c, 2))
			d := canvas.NewCircle(it.c)
			d.Move(fyne.NewPos(cx+sw/2-3, mid-3))
			d.Resize(fyne.NewSize(6, 6))
			objs = append(objs, d)
		} else {
			objs = append(objs, newRect(cx+2, mid-5, 10, 10, it.c))
		}
		objs, _ = placeText(objs, fitText(it.name, x+width-cx-sw-st.pad, st.captionSize, false), st.fg, st.captionSize, false, cx+sw+st.pad, cy)
		cx += w + 3*st.pad
	}
	return objs, cy + rowH - y
}

// title adds the chart title and returns the y below it.
func title(objs []fyne.CanvasObject, st chartStyle, s string, width float32) ([]fyne.CanvasObject, float32) {
	if s == "" {
		return objs, 0
	}
	objs, _ = placeText(objs, fitText(s, width, st.textSize, true), st.fg, st.textSize, true, 0, 0)
	return objs, st.textH + st.pad
}

// --- tooltip ---

// tipLine is one line of a tooltip, with an optional colour swatch.
type tipLine struct {
	text   string
	swatch color.Color
	bold   bool
}

// chartTip is the tooltip overlay of a chart: a container over the whole
// chart, hidden until the pointer rests on (or taps) a value.
type chartTip struct {
	box   *fyne.Container
	lines []tipLine // the lines shown, nil when hidden
}

func newChartTip() *chartTip {
	t := &chartTip{box: container.NewWithoutLayout()}
	t.box.Hide()
	return t
}

func (t *chartTip) hide() {
	t.lines = nil
	if t.box.Visible() {
		t.box.Hide()
		t.box.Objects = nil
	}
}

// show draws the lines in a box near anchor, kept inside area, on top of
// the marks (highlights, guide lines) given.
func (t *chartTip) show(st chartStyle, lines []tipLine, anchor fyne.Position, area fyne.Size, marks ...fyne.CanvasObject) {
	t.lines = lines
	const sw = 10 // swatch size
	p := st.pad
	w, lineH := float32(0), st.captionH+2
	for _, l := range lines {
		lw := textWidth(l.text, st.captionSize, l.bold)
		if l.swatch != nil {
			lw += sw + p
		}
		w = max(w, lw)
	}
	w += 2 * p
	h := float32(len(lines))*lineH + 2*p
	x, y := anchor.X+12, anchor.Y+12
	if x+w > area.Width {
		x = anchor.X - 12 - w
	}
	if y+h > area.Height {
		y = anchor.Y - 12 - h
	}
	x, y = max(0, min(x, area.Width-w)), max(0, min(y, area.Height-h))

	objs := append([]fyne.CanvasObject{}, marks...)
	bg := newRect(x, y, w, h, st.overlay)
	bg.StrokeColor, bg.StrokeWidth, bg.CornerRadius = st.border, 1, 3
	objs = append(objs, bg)
	for i, l := range lines {
		lx, ly := x+p, y+p+float32(i)*lineH
		if l.swatch != nil {
			objs = append(objs, newRect(lx, ly+(lineH-sw)/2, sw, sw, l.swatch))
			lx += sw + p
		}
		objs, _ = placeText(objs, l.text, st.fg, st.captionSize, l.bold, lx, ly+1)
	}
	t.box.Objects = objs
	t.box.Move(fyne.NewPos(0, 0))
	t.box.Resize(area)
	t.box.Show()
	t.box.Refresh()
}

// text returns the tooltip's lines joined by "\n" ("" when hidden).
func (t *chartTip) text() string {
	s := ""
	for i, l := range t.lines {
		if i > 0 {
			s += "\n"
		}
		s += l.text
	}
	return s
}

// --- renderer ---

// chartImpl is what each chart gives the shared renderer.
type chartImpl interface {
	fyne.Widget
	Theme() fyne.Theme
	// build returns the objects drawing the chart at size, and records the
	// geometry the pointer handlers need.
	build(size fyne.Size, st chartStyle) []fyne.CanvasObject
	minSize(st chartStyle) fyne.Size
	tooltip() *chartTip
}

// chartRenderer rebuilds the chart's objects on each Layout and Refresh;
// the tooltip overlay stays on top.
type chartRenderer struct {
	c       chartImpl
	size    fyne.Size
	objects []fyne.CanvasObject
}

func (r *chartRenderer) Layout(size fyne.Size) {
	r.size = size
	r.rebuild()
}

func (r *chartRenderer) MinSize() fyne.Size { return r.c.minSize(newChartStyle(r.c.Theme())) }

func (r *chartRenderer) Refresh() {
	r.rebuild()
	canvas.Refresh(r.c)
}

func (r *chartRenderer) Objects() []fyne.CanvasObject { return r.objects }

func (r *chartRenderer) Destroy() {}

func (r *chartRenderer) rebuild() {
	tip := r.c.tooltip()
	tip.hide()
	objs := r.c.build(r.size, newChartStyle(r.c.Theme()))
	r.objects = append(objs, tip.box)
}
