package widgets

import (
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"
)

// StackedBars shows a disaggregation: one horizontal bar per category (e.g.
// district), stacked from its parts (e.g. houses newly built, repaired),
// with a legend of the parts and the total at the end of each bar.
// Positive parts stack right of zero, negative ones left; a missing (NaN)
// part adds nothing, and a category with every part missing shows "–".
// Pointing at or tapping a bar shows every part's value.
//
// Set the exported fields, then call Refresh.
type StackedBars struct {
	widget.BaseWidget

	Title      string
	Unit       string   // shown above the value axis, e.g. "căn"
	Categories []string // one bar per category
	Parts      []Series // Values[i] belongs to Categories[i]; NaN is missing
	// Format formats axis ticks, totals and tooltips; the app passes its
	// number formatter. Nil formats plainly (strconv).
	Format func(float64) string
	// TotalLabel, if set, adds "TotalLabel: total" to the tooltip, e.g.
	// "Tổng".
	TotalLabel string
	// OnTapped, if set, is called with the category tapped and the part
	// under the pointer (-1 when the pointer is beside the bar).
	OnTapped func(category, part int)

	tip  *chartTip
	geom stackedGeom
}

type stackedGeom struct {
	frame hbarFrame
	hover int
}

// NewStackedBars returns stacked bars of the parts over the categories.
func NewStackedBars(title string, categories []string, parts ...Series) *StackedBars {
	c := &StackedBars{Title: title, Categories: categories, Parts: parts, tip: newChartTip()}
	c.ExtendBaseWidget(c)
	return c
}

// CreateRenderer is a private method to Fyne which links this widget to its
// renderer.
func (c *StackedBars) CreateRenderer() fyne.WidgetRenderer {
	c.ExtendBaseWidget(c)
	return &chartRenderer{c: c}
}

func (c *StackedBars) tooltip() *chartTip {
	if c.tip == nil {
		c.tip = newChartTip()
	}
	return c.tip
}

func (c *StackedBars) categories() int {
	n := len(c.Categories)
	for _, p := range c.Parts {
		n = max(n, len(p.Values))
	}
	return n
}

func (c *StackedBars) minSize(st chartStyle) fyne.Size {
	s := hbarMinSize(st, c.categories(), c.Title != "")
	return s.AddWidthHeight(0, st.captionH+st.pad)
}

// sums returns the sums of the positive and of the negative parts of
// category i, and whether any part is present.
func (c *StackedBars) sums(i int) (pos, neg float64, any bool) {
	for _, p := range c.Parts {
		v := p.value(i)
		switch {
		case !finite(v):
			continue
		case v < 0:
			neg += v
		default:
			pos += v
		}
		any = true
	}
	return pos, neg, any
}

func (c *StackedBars) build(size fyne.Size, st chartStyle) []fyne.CanvasObject {
	g := &c.geom
	*g = stackedGeom{hover: -1}
	if size.Width < 50 || size.Height < 50 {
		return nil
	}
	format := formatter(c.Format)
	objs, y := title(nil, st, c.Title, size.Width)
	items := make([]legendItem, len(c.Parts))
	for i, p := range c.Parts {
		items[i] = legendItem{name: p.Name, c: st.seriesColor(i)}
	}
	objs, h := legend(objs, st, items, 0, y, size.Width)
	if h > 0 {
		y += h + st.pad
	}

	n := c.categories()
	spec := hbarSpec{unit: c.Unit, captionRow: c.Unit != "", lo: math.Inf(1), hi: math.Inf(-1)}
	for i := 0; i < n; i++ {
		spec.labels = append(spec.labels, labelAt(c.Categories, i))
		pos, neg, any := c.sums(i)
		if !any {
			continue
		}
		spec.lo, spec.hi = math.Min(spec.lo, neg), math.Max(spec.hi, pos)
		if pos+neg < 0 {
			spec.negEnds = append(spec.negEnds, format(pos+neg))
		} else {
			spec.ends = append(spec.ends, format(pos+neg))
		}
	}
	f := &g.frame
	objs = f.draw(objs, st, size, y, spec, format)

	for i := 0; i < n; i++ {
		cy := f.rowY(i) + f.rowH/2
		pos, neg, any := c.sums(i)
		if !any {
			if f.showEnds {
				objs, _ = placeText(objs, missingText, st.muted, st.captionSize, false, f.x(0)+st.pad, cy-st.captionH/2)
			}
			continue
		}
		for _, s := range c.segments(i) {
			x0, x1 := f.x(s.from), f.x(s.to)
			objs = append(objs, newRect(min(x0, x1), cy-f.barH/2, max(float32(math.Abs(float64(x1-x0))), 1), f.barH, st.seriesColor(s.part)))
		}
		if f.showEnds {
			t := format(pos + neg)
			tx := f.x(pos) + st.pad
			if pos+neg < 0 {
				tx = f.x(neg) - st.pad - textWidth(t, st.captionSize, false)
			}
			objs, _ = placeText(objs, t, st.fg, st.captionSize, false, tx, cy-st.captionH/2)
		}
	}
	return objs
}

// segment is the stretch of a bar one part covers.
type segment struct {
	part     int
	from, to float64
}

// segments returns the stretches of the parts of category i: positives
// stacked right from zero, negatives left, in the parts' order.
func (c *StackedBars) segments(i int) []segment {
	var out []segment
	pos, neg := 0.0, 0.0
	for pi, p := range c.Parts {
		v := p.value(i)
		switch {
		case !finite(v) || v == 0:
		case v > 0:
			out = append(out, segment{pi, pos, pos + v})
			pos += v
		default:
			out = append(out, segment{pi, neg, neg + v})
			neg += v
		}
	}
	return out
}

// partAt returns the part of category i under x, -1 if none.
func (c *StackedBars) partAt(i int, x float32) int {
	f := &c.geom.frame
	for _, s := range c.segments(i) {
		x0, x1 := f.x(s.from), f.x(s.to)
		if x >= min(x0, x1) && x <= max(x0, x1) {
			return s.part
		}
	}
	return -1
}

func (c *StackedBars) showTip(row int, pos fyne.Position) {
	g := &c.geom
	if row < 0 {
		g.hover = -1
		c.tooltip().hide()
		return
	}
	g.hover = row
	f := &g.frame
	st, format := f.st, formatter(c.Format)
	under := c.partAt(row, pos.X)
	lines := []tipLine{{text: labelAt(c.Categories, row), bold: true}}
	for pi, p := range c.Parts {
		lines = append(lines, tipLine{text: p.Name + ": " + format(p.value(row)), swatch: st.seriesColor(pi), bold: pi == under})
	}
	if c.TotalLabel != "" {
		p, n, any := c.sums(row)
		total := math.NaN()
		if any {
			total = p + n
		}
		lines = append(lines, tipLine{text: c.TotalLabel + ": " + format(total)})
	}
	c.tooltip().show(st, lines, pos, f.size, f.rowHighlight(row))
}

// MouseIn shows the tooltip of the bar under the pointer.
func (c *StackedBars) MouseIn(e *desktop.MouseEvent) { c.MouseMoved(e) }

// MouseMoved shows the tooltip of the bar under the pointer.
func (c *StackedBars) MouseMoved(e *desktop.MouseEvent) {
	c.showTip(c.geom.frame.row(e.Position), e.Position)
}

// MouseOut hides the tooltip.
func (c *StackedBars) MouseOut() { c.showTip(-1, fyne.Position{}) }

// Tapped shows the tooltip of the bar tapped and calls OnTapped.
func (c *StackedBars) Tapped(e *fyne.PointEvent) {
	row := c.geom.frame.row(e.Position)
	c.showTip(row, e.Position)
	if row >= 0 && c.OnTapped != nil {
		c.OnTapped(row, c.partAt(row, e.Position.X))
	}
}

var (
	_ desktop.Hoverable = (*StackedBars)(nil)
	_ fyne.Tappable     = (*StackedBars)(nil)
)
