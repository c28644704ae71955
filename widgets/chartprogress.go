package widgets

import (
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"
)

// Progress is one row of a ProgressBars chart: a value against its target.
// A NaN Value is missing ("–", no bar, no track); a NaN or zero Target
// draws no bar, only the value.
type Progress struct {
	Label  string
	Value  float64
	Target float64
}

// ProgressBars shows progress towards targets, one row per item: the label,
// "value / target · percent", and a bar filled to the share of the target
// reached (success colour once reached). A bar past its target is capped
// at the end of its track and gets an overflow marker ">>".
//
// Set the exported fields, then call Refresh.
type ProgressBars struct {
	widget.BaseWidget

	Title string
	Items []Progress
	// Format formats values and targets; the app passes its number
	// formatter. Nil formats plainly (strconv).
	Format func(float64) string
	// Percent formats the share of the target reached, given in percent
	// (82.4 for 82.4%), sign included, e.g. "82,4%". Nil uses Format on the
	// value rounded to one decimal and appends "%".
	Percent func(float64) string
	// OnTapped, if set, is called with the index of the item tapped.
	OnTapped func(index int)

	tip  *chartTip
	geom progressGeom
}

type progressGeom struct {
	st    chartStyle
	size  fyne.Size
	top   float32 // of the first row
	rowH  float32
	hover int
}

// NewProgressBars returns progress bars of the items.
func NewProgressBars(title string, items []Progress) *ProgressBars {
	c := &ProgressBars{Title: title, Items: items, tip: newChartTip()}
	c.ExtendBaseWidget(c)
	return c
}

// CreateRenderer is a private method to Fyne which links this widget to its
// renderer.
func (c *ProgressBars) CreateRenderer() fyne.WidgetRenderer {
	c.ExtendBaseWidget(c)
	return &chartRenderer{c: c}
}

func (c *ProgressBars) tooltip() *chartTip {
	if c.tip == nil {
		c.tip = newChartTip()
	}
	return c.tip
}

const progressTrackH = 10

func progressRowH(st chartStyle) float32 { return st.textH + progressTrackH + 2.5*st.pad }

func (c *ProgressBars) minSize(st chartStyle) fyne.Size {
	h := float32(max(len(c.Items), 1)) * progressRowH(st)
	if c.Title != "" {
		h += st.textH + st.pad
	}
	return fyne.NewSize(240, h)
}

// share returns the value as a percentage of the target, NaN when either
// is missing or the target is zero.
func (p Progress) share() float64 {
	if !finite(p.Value) || !finite(p.Target) || p.Target == 0 {
		return math.NaN()
	}
	return 100 * p.Value / p.Target
}

// summary returns "value / target · percent", or less when parts are
// missing.
func (c *ProgressBars) summary(p Progress) string {
	format := formatter(c.Format)
	if !finite(p.Target) || p.Target == 0 {
		return format(p.Value)
	}
	s := format(p.Value) + " / " + format(p.Target)
	if sh := p.share(); finite(sh) {
		s += " · " + c.percent(sh)
	}
	return s
}

func (c *ProgressBars) percent(v float64) string {
	if c.Percent != nil {
		return c.Percent(v)
	}
	return formatter(c.Format)(math.Round(v*10)/10) + "%"
}

func (c *ProgressBars) build(size fyne.Size, st chartStyle) []fyne.CanvasObject {
	g := &c.geom
	*g = progressGeom{st: st, size: size, hover: -1, rowH: progressRowH(st)}
	if size.Width < 50 {
		return nil
	}
	p := st.pad
	objs, y := title(nil, st, c.Title, size.Width)
	g.top = y
	const chevronW = 12 // room right of the track for the overflow marker
	trackW := size.Width - chevronW - p
	for i, it := range c.Items {
		ry := g.top + float32(i)*g.rowH
		sum := c.summary(it)
		sumW := textWidth(sum, st.captionSize, false)
		objs, _ = placeText(objs, fitText(it.Label, size.Width-sumW-3*p, st.textSize, false), st.fg, st.textSize, false, 0, ry)
		objs, _ = placeText(objs, sum, st.muted, st.captionSize, false, size.Width-sumW, ry+(st.textH-st.captionH)/2)

		sh := it.share()
		if !finite(it.Target) || it.Target == 0 || !finite(it.Value) {
			continue // no track for a missing value: it must not read as zero
		}
		ty := ry + st.textH + p/2
		track := newRect(0, ty, trackW, progressTrackH, st.grid)
		track.CornerRadius = progressTrackH / 2
		objs = append(objs, track)
		if !finite(sh) || sh <= 0 {
			continue
		}
		col := st.primary
		if sh >= 100 {
			col = st.success
		}
		fill := newRect(0, ty, max(trackW*float32(math.Min(sh, 100)/100), progressTrackH), progressTrackH, col)
		fill.CornerRadius = progressTrackH / 2
		objs = append(objs, fill)
		if sh > 100 { // overflow marker: a double chevron after the track
			mid := ty + progressTrackH/2
			for _, dx := range []float32{2, 7} {
				x := trackW + dx
				objs = append(objs,
					newLine(x, mid-4, x+4, mid, col, 2),
					newLine(x+4, mid, x, mid+4, col, 2))
			}
		}
	}
	return objs
}

func (g *progressGeom) row(pos fyne.Position, n int) int {
	if g.rowH <= 0 || pos.Y < g.top {
		return -1
	}
	r := int((pos.Y - g.top) / g.rowH)
	if r >= n {
		return -1
	}
	return r
}

func (c *ProgressBars) showTip(row int, pos fyne.Position) {
	g := &c.geom
	if row < 0 || row >= len(c.Items) {
		g.hover = -1
		c.tooltip().hide()
		return
	}
	g.hover = row
	it := c.Items[row]
	col := g.st.primary
	if sh := it.share(); !finite(sh) {
		col = g.st.muted
	} else if sh >= 100 {
		col = g.st.success
	}
	lines := []tipLine{{text: it.Label, bold: true}, {text: c.summary(it), swatch: col}}
	band := newRect(0, g.top+float32(row)*g.rowH, g.size.Width, g.rowH, g.st.hover)
	c.tooltip().show(g.st, lines, pos, g.size, band)
}

// MouseIn shows the tooltip of the item under the pointer.
func (c *ProgressBars) MouseIn(e *desktop.MouseEvent) { c.MouseMoved(e) }

// MouseMoved shows the tooltip of the item under the pointer.
func (c *ProgressBars) MouseMoved(e *desktop.MouseEvent) {
	c.showTip(c.geom.row(e.Position, len(c.Items)), e.Position)
}

// MouseOut hides the tooltip.
func (c *ProgressBars) MouseOut() { c.showTip(-1, fyne.Position{}) }

// Tapped shows the tooltip of the item tapped and calls OnTapped.
func (c *ProgressBars) Tapped(e *fyne.PointEvent) {
	row := c.geom.row(e.Position, len(c.Items))
	c.showTip(row, e.Position)
	if row >= 0 && c.OnTapped != nil {
		c.OnTapped(row)
	}
}

var (
	_ desktop.Hoverable = (*ProgressBars)(nil)
	_ fyne.Tappable     = (*ProgressBars)(nil)
)
