package widgets

import (
	"image/color"
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"
)

// LineBreak marks a change in the definition of the data, e.g. a new
// poverty standard: values before and after are not comparable, so the
// lines are not joined across it and a dashed vertical line with the
// caption is drawn there.
type LineBreak struct {
	// Index is the first period under the new definition: the break is
	// drawn between periods Index-1 and Index.
	Index int
	Label string // caption, e.g. "Chuẩn nghèo mới (2022)"
}

// LineChart is a time-series chart of one or more series (e.g. one per
// area) over the periods in Labels, with markers, a legend, breaks where a
// definition changes, and gaps for missing (NaN) values. Pointing at or
// tapping a period shows a tooltip with every series' value there.
//
// Set the exported fields, then call Refresh.
type LineChart struct {
	widget.BaseWidget

	Title  string
	Unit   string   // shown above the value axis, e.g. "%"
	Labels []string // one per period, e.g. "2011" … "2023"
	Series []Series // Values[i] belongs to Labels[i]; NaN is missing
	Breaks []LineBreak
	// Format formats axis ticks and tooltip values; the app passes its
	// number formatter. Nil formats plainly (strconv).
	Format func(float64) string
	// FitRange lets the value axis span only the data; by default it
	// includes zero.
	FitRange bool
	// OnTapped, if set, is called with the index of the period tapped.
	OnTapped func(index int)
	// HollowNote is what a hollow marker stands for (Series.Hollow), added
	// to the tooltip of such a value, e.g. "tính theo địa giới mới".
	HollowNote string

	tip  *chartTip
	geom lineGeom
}

// lineGeom is where the last build put things, for the pointer handlers.
type lineGeom struct {
	st                   chartStyle
	size                 fyne.Size
	n                    int
	left, right          float32 // plot x range
	top, bottom          float32 // plot y range
	axis                 valueAxis
	hover                int
	labelsShown, markers int // for tests: x labels drawn, markers drawn
}

// NewLineChart returns a line chart of the series over the periods labels.
func NewLineChart(title string, labels []string, series ...Series) *LineChart {
	c := &LineChart{Title: title, Labels: labels, Series: series, tip: newChartTip()}
	c.ExtendBaseWidget(c)
	return c
}

// CreateRenderer is a private method to Fyne which links this widget to its
// renderer.
func (c *LineChart) CreateRenderer() fyne.WidgetRenderer {
	c.ExtendBaseWidget(c)
	return &chartRenderer{c: c}
}

func (c *LineChart) tooltip() *chartTip {
	if c.tip == nil {
		c.tip = newChartTip()
	}
	return c.tip
}

func (c *LineChart) minSize(st chartStyle) fyne.Size {
	return fyne.NewSize(240, 160)
}

// periods returns the number of periods drawn.
func (c *LineChart) periods() int {
	n := len(c.Labels)
	for _, s := range c.Series {
		n = max(n, len(s.Values))
	}
	return n
}

// x returns the centre of period i.
func (g *lineGeom) x(i int) float32 {
	return g.left + (float32(i)+0.5)*(g.right-g.left)/float32(g.n)
}

func (g *lineGeom) y(v float64) float32 { return g.axis.pos(v, g.bottom, g.top) }

func (c *LineChart) build(size fyne.Size, st chartStyle) []fyne.CanvasObject {
	c.geom = lineGeom{st: st, size: size, hover: -1}
	g := &c.geom
	if size.Width < 50 || size.Height < 50 {
		return nil
	}
	format := formatter(c.Format)
	p := st.pad
	objs, y := title(nil, st, c.Title, size.Width)

	var items []legendItem
	for i, s := range c.Series {
		if s.Name != "" {
			items = append(items, legendItem{name: s.Name, c: st.seriesColor(i), line: true})
		}
	}
	objs, h := legend(objs, st, items, 0, y, size.Width)
	if h > 0 {
		y += h + p
	}

	lo, hi := math.Inf(1), math.Inf(-1)
	for _, s := range c.Series {
		for _, v := range s.Values {
			if finite(v) {
				lo, hi = math.Min(lo, v), math.Max(hi, v)
			}
		}
	}
	g.n = max(c.periods(), 1)
	axisH := st.captionH + p // x labels under the plot
	g.bottom = size.Height - axisH - p
	captionRows := 0
	if c.Unit != "" || len(c.Breaks) > 0 {
		captionRows = 1
	}
	// Two passes: the tick labels' width sets the plot's left edge, the
	// caption rows above the plot set its height, which sets the ticks.
	ticks := func() {
		g.top = y + float32(captionRows)*st.captionH + p
		g.axis = niceAxis(lo, hi, int((g.bottom-g.top)/(st.captionH*2.5)), !c.FitRange)
	}
	ticks()
	tickW := float32(0)
	for _, t := range g.axis.ticks {
		tickW = max(tickW, textWidth(format(t), st.captionSize, false))
	}
	g.left, g.right = tickW+2*p, size.Width-p

	// Captions: the unit over the tick labels, each break right of its line.
	var caps []caption
	if c.Unit != "" {
		caps = append(caps, caption{text: c.Unit, x: 0, c: st.muted})
	}
	breakX := make([]float32, len(c.Breaks))
	for i, b := range c.Breaks {
		breakX[i] = g.x(b.Index) - (g.right-g.left)/float32(g.n)/2
		cx := breakX[i] + p
		if w := textWidth(b.Label, st.captionSize, false); cx+w > size.Width {
			cx = max(0, breakX[i]-p-w)
		}
		caps = append(caps, caption{text: b.Label, x: cx, c: st.fg})
	}
	rows, nrows := placeCaptions(caps, st.captionSize, 2*p)
	if nrows != captionRows {
		captionRows = nrows
		ticks()
	}
	for i, cp := range caps {
		objs, _ = placeText(objs, cp.text, cp.c, st.captionSize, false, cp.x, y+float32(rows[i])*st.captionH)
	}

	// Grid, zero line and value ticks.
	for _, t := range g.axis.ticks {
		ty := g.y(t)
		col, w := st.grid, float32(1)
		if t == 0 && g.axis.lo < 0 {
			col, w = st.muted, 1
		}
		objs = append(objs, newLine(g.left, ty, g.right, ty, col, w))
		s := format(t)
		objs, _ = placeText(objs, s, st.muted, st.captionSize, false, g.left-p-textWidth(s, st.captionSize, false), ty-st.captionH/2)
	}

	// Period labels, thinned so they never touch.
	slot := (g.right - g.left) / float32(g.n)
	labelW := float32(0)
	for i := 0; i < g.n; i++ {
		labelW = max(labelW, textWidth(labelAt(c.Labels, i), st.captionSize, false))
	}
	every := niceEvery(float64((labelW + 2*p) / slot))
	for i := 0; i < g.n; i += every {
		s := labelAt(c.Labels, i)
		if s == "" {
			continue
		}
		w := textWidth(s, st.captionSize, false)
		x := max(0, min(g.x(i)-w/2, size.Width-w))
		objs = append(objs, newLine(g.x(i), g.bottom, g.x(i), g.bottom+p/2, st.axis, 1))
		objs, _ = placeText(objs, s, st.muted, st.captionSize, false, x, g.bottom+p/2)
		g.labelsShown++
	}

	// Breaks.
	for i := range c.Breaks {
		objs = dashedVLine(objs, breakX[i], g.top-p/2, g.bottom, st.warning, 1.5)
	}

	// Lines: a segment joins two neighbouring values unless one is missing
	// or a break lies between them; a value with no segment gets a marker.
	breakAt := map[int]bool{}
	for _, b := range c.Breaks {
		breakAt[b.Index] = true
	}
	markers := slot >= 10
	for si, s := range c.Series {
		col := st.seriesColor(si)
		for i := 0; i < g.n; i++ {
			v := s.value(i)
			if !finite(v) {
				continue
			}
			joinedLeft := i > 0 && !breakAt[i] && finite(s.value(i-1))
			joinedRight := i+1 < g.n && !breakAt[i+1] && finite(s.value(i+1))
			if joinedRight {
				objs = append(objs, newLine(g.x(i), g.y(v), g.x(i+1), g.y(s.value(i+1)), col, 2))
			}
			switch {
			case s.hollow(i):
				m := marker(g.x(i), g.y(v), 3.5, st.bg, col)
				m.StrokeWidth = 2
				objs = append(objs, m)
				g.markers++
			case markers || (!joinedLeft && !joinedRight):
				objs = append(objs, marker(g.x(i), g.y(v), 3, col, st.bg))
				g.markers++
			}
		}
	}
	return objs
}

// marker returns a dot of radius r centred on x, y.
func marker(x, y, r float32, fill, stroke color.Color) *canvas.Circle {
	m := canvas.NewCircle(fill)
	m.StrokeColor, m.StrokeWidth = stroke, 1
	m.Move(fyne.NewPos(x-r, y-r))
	m.Resize(fyne.NewSize(2*r, 2*r))
	return m
}

// index returns the period under x, -1 if none.
func (g *lineGeom) index(pos fyne.Position) int {
	if g.n == 0 || pos.X < g.left || pos.X > g.right || pos.Y < g.top-g.st.pad || pos.Y > g.size.Height {
		return -1
	}
	i := int((pos.X - g.left) / (g.right - g.left) * float32(g.n))
	return min(max(i, 0), g.n-1)
}

// showTip shows the values of period i.
func (c *LineChart) showTip(i int, pos fyne.Position) {
	g := &c.geom
	if i < 0 {
		g.hover = -1
		c.tooltip().hide()
		return
	}
	g.hover = i
	st, format := g.st, formatter(c.Format)
	lines := []tipLine{{text: labelAt(c.Labels, i), bold: true}}
	x := g.x(i)
	marks := []fyne.CanvasObject{newLine(x, g.top, x, g.bottom, st.axis, 1)}
	for si, s := range c.Series {
		v := s.value(i)
		text := format(v)
		if s.Name != "" {
			text = s.Name + ": " + text
		}
		if s.hollow(i) && finite(v) && c.HollowNote != "" {
			text += " (" + c.HollowNote + ")"
		}
		lines = append(lines, tipLine{text: text, swatch: st.seriesColor(si)})
		if finite(v) {
			marks = append(marks, marker(x, g.y(v), 4.5, st.seriesColor(si), st.bg))
		}
	}
	c.tooltip().show(st, lines, pos, g.size, marks...)
}

// MouseIn shows the tooltip of the period under the pointer.
func (c *LineChart) MouseIn(e *desktop.MouseEvent) { c.MouseMoved(e) }

// MouseMoved shows the tooltip of the period under the pointer.
func (c *LineChart) MouseMoved(e *desktop.MouseEvent) {
	c.showTip(c.geom.index(e.Position), e.Position)
}

// MouseOut hides the tooltip.
func (c *LineChart) MouseOut() { c.showTip(-1, fyne.Position{}) }

// Tapped shows the tooltip of the period tapped and calls OnTapped.
func (c *LineChart) Tapped(e *fyne.PointEvent) {
	i := c.geom.index(e.Position)
	c.showTip(i, e.Position)
	if i >= 0 && c.OnTapped != nil {
		c.OnTapped(i)
	}
}

var (
	_ desktop.Hoverable = (*LineChart)(nil)
	_ fyne.Tappable     = (*LineChart)(nil)
)
