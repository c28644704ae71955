package widgets

import (
	"image/color"
	"math"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"
)

// BarSort orders the bars of a BarChart.
type BarSort int

const (
	// BarSortNone keeps the order given.
	BarSortNone BarSort = iota
	// BarSortDescending puts the highest value first.
	BarSortDescending
	// BarSortAscending puts the lowest value first.
	BarSortAscending
)

// Threshold is a reference value drawn across a bar chart as a dashed
// line with its label, e.g. {1, "Mục tiêu < 1%"}.
type Threshold struct {
	Value float64
	Label string
}

// BarChart is a ranked chart of horizontal bars, one per category (e.g.
// the child areas of a province), with an optional threshold line. Bars
// are coloured with the theme's success and error colours by whether they
// meet the threshold (or the Met rule), else with the primary colour. A
// missing (NaN) value has no bar, only a "–". Pointing at or tapping a
// bar shows a tooltip; tapping also calls OnTapped, e.g. to drill down.
//
// Set the exported fields, then call Refresh.
type BarChart struct {
	widget.BaseWidget

	Title  string
	Unit   string   // shown above the value axis, e.g. "%"
	Labels []string // one per bar
	Values []float64
	// Format formats axis ticks, bar values and tooltips; the app passes
	// its number formatter. Nil formats plainly (strconv).
	Format func(float64) string
	Sort   BarSort // missing values always go last

	// Threshold, when set, is drawn as a dashed line with its label.
	Threshold *Threshold
	// HigherIsBetter says which side of the Threshold meets it: a value
	// meets it when it is at least the threshold (higher is better) or
	// strictly below it (lower is better, e.g. a poverty rate under 1%).
	HigherIsBetter bool
	// Met, when set, decides whether a value meets the target, instead of
	// the Threshold rule.
	Met func(v float64) bool
	// MetLabel and NotMetLabel name the two colours in the legend and the
	// tooltip, e.g. "Đạt" and "Chưa đạt"; no legend when both are empty.
	MetLabel, NotMetLabel string

	// OnTapped, if set, is called with the index (into Labels and Values
	// as given, whatever the Sort) of the bar tapped.
	OnTapped func(index int)

	tip  *chartTip
	geom barGeom
}

type barGeom struct {
	frame       hbarFrame
	order       []int // display row → index in Values
	hover       int   // display row under the pointer, -1 if none
	labelsShown int
}

// NewBarChart returns a bar chart of values, one bar per label.
func NewBarChart(title string, labels []string, values []float64) *BarChart {
	c := &BarChart{Title: title, Labels: labels, Values: values, tip: newChartTip()}
	c.ExtendBaseWidget(c)
	return c
}

// CreateRenderer is a private method to Fyne which links this widget to its
// renderer.
func (c *BarChart) CreateRenderer() fyne.WidgetRenderer {
	c.ExtendBaseWidget(c)
	return &chartRenderer{c: c}
}

func (c *BarChart) tooltip() *chartTip {
	if c.tip == nil {
		c.tip = newChartTip()
	}
	return c.tip
}

func (c *BarChart) minSize(st chartStyle) fyne.Size {
	return hbarMinSize(st, max(len(c.Labels), len(c.Values)), c.Title != "")
}

// rule returns whether v meets the target, and whether there is a rule.
func (c *BarChart) rule() (func(float64) bool, bool) {
	switch {
	case c.Met != nil:
		return c.Met, true
	case c.Threshold != nil && c.HigherIsBetter:
		t := c.Threshold.Value
		return func(v float64) bool { return v >= t }, true
	case c.Threshold != nil:
		t := c.Threshold.Value
		return func(v float64) bool { return v < t }, true
	}
	return nil, false
}

func (c *BarChart) barColor(st chartStyle, v float64) color.Color {
	if met, ok := c.rule(); ok {
		if met(v) {
			return st.success
		}
		return st.failure
	}
	return st.primary
}

// order returns the indexes of the bars in display order.
func (c *BarChart) order() []int {
	n := max(len(c.Labels), len(c.Values))
	idx := make([]int, n)
	for i := range idx {
		idx[i] = i
	}
	if c.Sort == BarSortNone {
		return idx
	}
	slices.SortStableFunc(idx, func(a, b int) int {
		va, vb := valueAt(c.Values, a), valueAt(c.Values, b)
		switch {
		case !finite(va) && !finite(vb):
			return 0
		case !finite(va):
			return 1
		case !finite(vb):
			return -1
		case c.Sort == BarSortDescending:
			return -cmpFloat(va, vb)
		default:
			return cmpFloat(va, vb)
		}
	})
	return idx
}

func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func (c *BarChart) build(size fyne.Size, st chartStyle) []fyne.CanvasObject {
	g := &c.geom
	*g = barGeom{hover: -1, order: c.order()}
	if size.Width < 50 || size.Height < 50 {
		return nil
	}
	format := formatter(c.Format)
	objs, y := title(nil, st, c.Title, size.Width)

	var items []legendItem
	if c.MetLabel != "" || c.NotMetLabel != "" {
		if c.MetLabel != "" {
			items = append(items, legendItem{name: c.MetLabel, c: st.success})
		}
		if c.NotMetLabel != "" {
			items = append(items, legendItem{name: c.NotMetLabel, c: st.failure})
		}
	}
	objs, h := legend(objs, st, items, 0, y, size.Width)
	if h > 0 {
		y += h + st.pad
	}

	spec := hbarSpec{unit: c.Unit, captionRow: c.Unit != "" || c.Threshold != nil, lo: math.Inf(1), hi: math.Inf(-1)}
	for _, i := range g.order {
		v := valueAt(c.Values, i)
		spec.labels = append(spec.labels, labelAt(c.Labels, i))
		if !finite(v) {
			continue
		}
		spec.lo, spec.hi = math.Min(spec.lo, v), math.Max(spec.hi, v)
		if v < 0 {
			spec.negEnds = append(spec.negEnds, format(v))
		} else {
			spec.ends = append(spec.ends, format(v))
		}
	}
	if c.Threshold != nil && finite(c.Threshold.Value) {
		spec.lo, spec.hi = math.Min(spec.lo, c.Threshold.Value), math.Max(spec.hi, c.Threshold.Value)
	}
	f := &g.frame
	objs = f.draw(objs, st, size, y, spec, format)
	g.labelsShown = f.labelsShown

	// Bars, with their value at the end (when the rows are tall enough).
	thresholdX := float32(-1)
	if t := c.Threshold; t != nil && finite(t.Value) {
		thresholdX = f.x(t.Value)
	}
	x0 := f.x(0)
	var values []fyne.CanvasObject // drawn last, over the threshold line
	for row, i := range g.order {
		v := valueAt(c.Values, i)
		cy := f.rowY(row) + f.rowH/2
		if !finite(v) {
			if f.showEnds {
				values, _ = placeText(values, missingText, st.muted, st.captionSize, false, x0+st.pad, cy-st.captionH/2)
			}
			continue
		}
		x1 := f.x(v)
		objs = append(objs, newRect(min(x0, x1), cy-f.barH/2, max(float32(math.Abs(float64(x1-x0))), 1), f.barH, c.barColor(st, v)))
		if f.showEnds {
			s := format(v)
			tx := x1 + st.pad
			if v < 0 {
				tx = x1 - st.pad - textWidth(s, st.captionSize, false)
			}
			if w := textWidth(s, st.captionSize, false); thresholdX >= tx && thresholdX <= tx+w {
				values = append(values, newRect(tx-1, cy-st.captionH/2, w+2, st.captionH, st.bg)) // keep the value legible over the line
			}
			values, _ = placeText(values, s, st.fg, st.captionSize, false, tx, cy-st.captionH/2)
		}
	}

	// The threshold line and its caption, over the bars, under their values.
	if t := c.Threshold; t != nil && finite(t.Value) {
		tx := f.x(t.Value)
		objs = dashedVLine(objs, tx, f.captionY, f.bottom, st.fg, 1.5)
		if t.Label != "" {
			w := textWidth(t.Label, st.captionSize, false)
			lx := tx + st.pad
			if lx+w > f.unitX-2*st.pad {
				lx = max(0, tx-st.pad-w)
			}
			objs, _ = placeText(objs, t.Label, st.fg, st.captionSize, false, lx, f.captionY)
		}
	}
	return append(objs, values...)
}

// showTip shows the value of the bar on display row, -1 hides the tooltip.
func (c *BarChart) showTip(row int, pos fyne.Position) {
	g := &c.geom
	if row < 0 || row >= len(g.order) {
		g.hover = -1
		c.tooltip().hide()
		return
	}
	g.hover = row
	f, i := &g.frame, g.order[row]
	st, v := f.st, valueAt(c.Values, i)
	text := formatter(c.Format)(v)
	if met, ok := c.rule(); ok && finite(v) {
		if l := c.NotMetLabel; !met(v) && l != "" {
			text += " · " + l
		} else if l := c.MetLabel; met(v) && l != "" {
			text += " · " + l
		}
	}
	var sw color.Color = st.muted
	if finite(v) {
		sw = c.barColor(st, v)
	}
	lines := []tipLine{{text: labelAt(c.Labels, i), bold: true}, {text: text, swatch: sw}}
	c.tooltip().show(st, lines, pos, f.size, f.rowHighlight(row))
}

// MouseIn shows the tooltip of the bar under the pointer.
func (c *BarChart) MouseIn(e *desktop.MouseEvent) { c.MouseMoved(e) }

// MouseMoved shows the tooltip of the bar under the pointer.
func (c *BarChart) MouseMoved(e *desktop.MouseEvent) {
	c.showTip(c.geom.frame.row(e.Position), e.Position)
}

// MouseOut hides the tooltip.
func (c *BarChart) MouseOut() { c.showTip(-1, fyne.Position{}) }

// Tapped shows the tooltip of the bar tapped and calls OnTapped with its
// index.
func (c *BarChart) Tapped(e *fyne.PointEvent) {
	row := c.geom.frame.row(e.Position)
	c.showTip(row, e.Position)
	if row >= 0 && row < len(c.geom.order) && c.OnTapped != nil {
		c.OnTapped(c.geom.order[row])
	}
}

// Cursor shows a pointing hand when bars can be tapped.
func (c *BarChart) Cursor() desktop.Cursor {
	if c.OnTapped != nil {
		return desktop.PointerCursor
	}
	return desktop.DefaultCursor
}

var (
	_ desktop.Hoverable  = (*BarChart)(nil)
	_ desktop.Cursorable = (*BarChart)(nil)
	_ fyne.Tappable      = (*BarChart)(nil)
)

// --- the frame of horizontal bar charts (BarChart, StackedBars) ---

// hbarSpec is what a horizontal bar chart's frame is drawn from.
type hbarSpec struct {
	labels        []string // category labels, in display order
	lo, hi        float64  // extent of the values (±Inf when none)
	ends, negEnds []string // texts to be drawn right of positive / left of negative bar ends
	unit          string
	captionRow    bool // reserve a caption row above the plot (unit, threshold)
}

// hbarFrame lays out rows of horizontal bars: category labels on the left,
// a value axis with ticks at the bottom, a caption row on top.
type hbarFrame struct {
	st          chartStyle
	size        fyne.Size
	n           int
	captionY    float32 // top of the caption row
	unitX       float32 // left edge of the unit caption (size.Width if none)
	top, bottom float32 // rows
	left, right float32 // plot x range
	rowH, barH  float32
	axis        valueAxis
	showEnds    bool // rows are tall enough for value texts at bar ends
	labelsShown int
}

func hbarMinSize(st chartStyle, n int, titled bool) fyne.Size {
	h := 3*st.captionH + 4*st.pad + float32(min(max(n, 1), 8))*(st.captionH+2)
	if titled {
		h += st.textH + st.pad
	}
	return fyne.NewSize(240, h)
}

func (f *hbarFrame) rowY(row int) float32 { return f.top + float32(row)*f.rowH }

func (f *hbarFrame) x(v float64) float32 { return f.axis.pos(v, f.left, f.right) }

// row returns the display row under pos, -1 if none.
func (f *hbarFrame) row(pos fyne.Position) int {
	if f.n == 0 || f.rowH <= 0 || pos.Y < f.top || pos.Y >= f.bottom || pos.X < 0 || pos.X > f.size.Width {
		return -1
	}
	return min(int((pos.Y-f.top)/f.rowH), f.n-1)
}

// rowHighlight returns the hover band of a row.
func (f *hbarFrame) rowHighlight(row int) fyne.CanvasObject {
	return newRect(0, f.rowY(row), f.size.Width, max(f.rowH, 1), f.st.hover)
}

// draw lays out the frame below y and adds its objects: caption row with
// the unit, category labels (thinned when rows are thin), grid, zero line
// and value ticks.
func (f *hbarFrame) draw(objs []fyne.CanvasObject, st chartStyle, size fyne.Size, y float32, spec hbarSpec, format func(float64) string) []fyne.CanvasObject {
	p := st.pad
	*f = hbarFrame{st: st, size: size, n: max(len(spec.labels), 1), unitX: size.Width}
	f.captionY = y
	if spec.captionRow {
		y += st.captionH + p/2
	}
	f.top = y
	f.bottom = size.Height - st.captionH - 1.5*p
	f.rowH = (f.bottom - f.top) / float32(f.n)
	f.barH = min(f.rowH*0.7, 22)
	if f.rowH < 4 { // dense: bars touch, no stripes between them
		f.barH = f.rowH
	}
	f.showEnds = f.rowH >= st.captionH

	labelW := float32(0)
	for _, l := range spec.labels {
		labelW = max(labelW, textWidth(l, st.captionSize, false))
	}
	labelCol := min(labelW, size.Width*0.38)
	room := func(ss []string) float32 {
		w := float32(0)
		if !f.showEnds {
			return 0
		}
		for _, s := range ss {
			w = max(w, textWidth(s, st.captionSize, false)+p)
		}
		return w
	}
	f.left = labelCol + 2*p + room(spec.negEnds)
	f.right = size.Width - p - room(spec.ends)

	// Ticks: as many as fit side by side, measured on a first guess.
	axis := niceAxis(spec.lo, spec.hi, 5, true)
	tickW := float32(0)
	for _, t := range axis.ticks {
		tickW = max(tickW, textWidth(format(t), st.captionSize, false))
	}
	f.axis = niceAxis(spec.lo, spec.hi, int((f.right-f.left)/(tickW+4*p)), true)
	for _, t := range f.axis.ticks {
		tx := f.x(t)
		col, w := st.grid, float32(1)
		if t == 0 {
			col, w = st.muted, 1
		}
		objs = append(objs, newLine(tx, f.top, tx, f.bottom, col, w))
		s := format(t)
		sw := textWidth(s, st.captionSize, false)
		objs, _ = placeText(objs, s, st.muted, st.captionSize, false, max(0, min(tx-sw/2, size.Width-sw)), f.bottom+p/2)
	}
	if spec.unit != "" {
		w := textWidth(spec.unit, st.captionSize, false)
		f.unitX = size.Width - w
		objs, _ = placeText(objs, spec.unit, st.muted, st.captionSize, false, f.unitX, f.captionY)
	}

	// Category labels, right-aligned against the plot, thinned.
	every := niceEvery(float64(st.captionH / f.rowH))
	for row := 0; row < len(spec.labels); row += every {
		s := fitText(spec.labels[row], labelCol, st.captionSize, false)
		objs, _ = placeText(objs, s, st.fg, st.captionSize, false, labelCol-textWidth(s, st.captionSize, false),
			f.rowY(row)+f.rowH/2-st.captionH/2)
		f.labelsShown++
	}
	return objs
}
