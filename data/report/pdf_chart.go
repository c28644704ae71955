package report

import (
	"math"
	"sort"
	"strings"

	"chiso/data/number"
)

// charts draws the ranked bars and the trend: side by side on a landscape
// page, one above the other on a portrait one.
func (d *pdfDoc) charts() {
	rk, tr := d.r.Ranked, d.r.Trend
	if rk != nil && len(rk.Values) == 0 {
		rk = nil
	}
	if tr != nil && len(tr.Values) == 0 {
		tr = nil
	}
	if rk == nil && tr == nil {
		return
	}
	f := d.f
	u := d.usable()
	pageH := d.bottom() - pdfMarginTop
	f.SetY(f.GetY() + 8)
	if rk != nil && tr != nil && d.orient == "L" {
		w := (u - 12) / 2
		h := min(max(d.rankedHeight(rk, w), 88), pageH)
		// squeeze the bars (to 4.5 mm) rather than leave the signatures
		// alone on a page
		if left := d.bottom() - f.GetY() - pdfSignatureH; h > left {
			squeezed := d.rankedHeight(rk, w) - float64(len(rk.Values))*(5.5-4.5)
			if left >= max(squeezed, 80) {
				h = left
			}
		}
		d.ensure(h)
		y := f.GetY()
		d.rankedChart(rk, pdfMarginLeft, y, w, h)
		d.trendChart(tr, pdfMarginLeft+w+12, y, w, h)
		f.SetXY(pdfMarginLeft, y+h)
		return
	}
	// alone, a chart is at most 180 mm wide, centred
	w := min(u, 180)
	x := pdfMarginLeft + (u-w)/2
	if rk != nil {
		h := min(max(d.rankedHeight(rk, w), 80), pageH)
		d.ensure(h)
		y := f.GetY()
		d.rankedChart(rk, x, y, w, h)
		f.SetXY(pdfMarginLeft, y+h+8)
	}
	if tr != nil {
		h := min(88.0, pageH)
		d.ensure(h)
		y := f.GetY()
		d.trendChart(tr, x, y, w, h)
		f.SetXY(pdfMarginLeft, y+h)
	}
}

// chartTitle writes a chart's title and unit centred over (x, w) and
// returns the y under them.
func (d *pdfDoc) chartTitle(title, unit string, x, y, w float64) float64 {
	d.f.SetTextColor(0, 0, 0)
	d.setFont("B", 10.5)
	for _, l := range d.wrap(title, w) {
		d.cell(x, y, w, 5, l, "C")
		y += 5
	}
	if unit != "" {
		d.setFont("I", 9)
		d.cell(x, y, w, 4.5, d.tr("Đơn vị tính: ", "Unit: ")+unit, "C")
		y += 4.5
	}
	return y + 2
}

// titleHeight is the height chartTitle takes.
func (d *pdfDoc) titleHeight(title, unit string, w float64) float64 {
	d.setFont("B", 10.5)
	h := float64(len(d.wrap(title, w)))*5 + 2
	if unit != "" {
		h += 4.5
	}
	return h
}

// rankedHeight is the height the bar chart wants: 5.5 mm a bar.
func (d *pdfDoc) rankedHeight(rk *Ranked, w float64) float64 {
	return d.titleHeight(rk.Title, rk.Unit, w) + 5 + float64(len(rk.Values))*5.5 + 7
}

// pdfWithUnit writes a number with its unit: "1%" but "12 hộ".
func pdfWithUnit(n, unit string) string {
	switch {
	case unit == "":
		return n
	case unit == "%":
		return n + unit
	}
	return n + " " + unit
}

// pdfSteps returns axis ticks that cover lo..hi with about n steps of 1,
// 2, 2.5 or 5 times a power of ten, and the decimals their labels need.
func pdfSteps(lo, hi float64, n int) (ticks []float64, decimals int) {
	if hi <= lo {
		hi = lo + 1
	}
	raw := (hi - lo) / float64(n)
	mag := math.Pow(10, math.Floor(math.Log10(raw)))
	step := 10 * mag
	for _, m := range []float64{1, 2, 2.5, 5, 10} {
		if raw <= m*mag*1.0000001 {
			step = m * mag
			break
		}
	}
	start := math.Floor(lo/step+1e-9) * step
	end := math.Ceil(hi/step-1e-9) * step
	for i := 0; ; i++ {
		t := start + float64(i)*step
		if t > end+step/2 {
			break
		}
		if math.Abs(t) < step*1e-9 {
			t = 0
		}
		ticks = append(ticks, t)
	}
	// decimals of the step: 0.25 needs 2, 0.5 needs 1, 5 needs none
	for decimals = 0; decimals < 6; decimals++ {
		p := math.Pow(10, float64(decimals))
		if math.Abs(step*p-math.Round(step*p)) < 1e-6 {
			break
		}
	}
	return ticks, decimals
}

// pdfBlue and friends are the charts' colours.
var (
	pdfBlue   = [3]int{46, 94, 152}
	pdfRed    = [3]int{192, 40, 40}
	pdfOrange = [3]int{196, 110, 0}
	pdfGrid   = [3]int{205, 205, 205}
	pdfBlack  = [3]int{0, 0, 0}
)

func (d *pdfDoc) draw(c [3]int) { d.f.SetDrawColor(c[0], c[1], c[2]) }
func (d *pdfDoc) fill(c [3]int) { d.f.SetFillColor(c[0], c[1], c[2]) }
func (d *pdfDoc) ink(c [3]int)  { d.f.SetTextColor(c[0], c[1], c[2]) }

// fit shortens s with "…" to fit w in the current font.
func (d *pdfDoc) fit(s string, w float64) string {
	if d.width(s) <= w {
		return s
	}
	rs := []rune(s)
	for n := len(rs) - 1; n > 0; n-- {
		t := strings.TrimSpace(string(rs[:n])) + "…"
		if d.width(t) <= w {
			return t
		}
	}
	return ""
}

// rankedChart draws rk as horizontal bars, highest on top, each with its
// value, and the threshold as a dashed line, in the box (x, y, w, h).
func (d *pdfDoc) rankedChart(rk *Ranked, x, y, w, h float64) {
	f := d.f
	type bar struct {
		label string
		v     float64
	}
	var bars []bar
	for i, v := range rk.Values {
		label := ""
		if i < len(rk.Labels) {
			label = rk.Labels[i]
		}
		bars = append(bars, bar{label, v})
	}
	sort.SliceStable(bars, func(i, j int) bool {
		a, b := bars[i].v, bars[j].v
		if math.IsNaN(b) {
			return !math.IsNaN(a)
		}
		return a > b
	})

	top := d.chartTitle(rk.Title, rk.Unit, x, y, w)
	lo, hi := 0.0, 0.0
	for _, b := range bars {
		if !math.IsNaN(b.v) && !math.IsInf(b.v, 0) {
			lo, hi = min(lo, b.v), max(hi, b.v)
		}
	}
	thr := rk.Threshold
	if thr != nil && (math.IsNaN(*thr) || math.IsInf(*thr, 0)) {
		thr = nil
	}
	if thr != nil {
		lo, hi = min(lo, *thr), max(hi, *thr)
	}
	ticks, tickDec := pdfSteps(lo, hi, 5)
	lo, hi = ticks[0], ticks[len(ticks)-1]

	// label column on the left, room for the values on the right
	d.setFont("", 9)
	labelW := 0.0
	for _, b := range bars {
		labelW = max(labelW, d.width(b.label))
	}
	labelW = min(labelW, w*0.34)
	d.setFont("", 8)
	valueW := 0.0
	for _, b := range bars {
		valueW = max(valueW, d.width(number.FormatFloat(b.v, rk.Decimals, d.st)))
	}
	px0 := x + labelW + 2.5
	px1 := x + w - valueW - 2.5
	if lo < 0 {
		px0 += valueW + 1.5
	}
	plotTop := top + 5 // the threshold's label goes above
	plotBottom := y + h - 7
	X := func(v float64) float64 { return px0 + (v-lo)/(hi-lo)*(px1-px0) }

	// grid and the value axis
	f.SetLineWidth(0.15)
	d.draw(pdfGrid)
	d.setFont("", 7.5)
	d.ink(pdfBlack)
	for _, t := range ticks {
		tx := X(t)
		f.Line(tx, plotTop, tx, plotBottom)
		d.cell(tx-10, plotBottom+0.8, 20, 3.5, number.FormatFloat(t, tickDec, d.st), "C")
	}
	d.draw(pdfBlack)
	f.SetLineWidth(0.3)
	f.Line(px0, plotBottom, px1, plotBottom)
	f.Line(X(0), plotTop, X(0), plotBottom)

	// the bars
	slot := (plotBottom - plotTop) / float64(max(len(bars), 1))
	barH := min(slot*0.66, 6)
	for i, b := range bars {
		cy := plotTop + slot*(float64(i)+0.5)
		d.setFont("", 9)
		d.ink(pdfBlack)
		d.cell(x, cy-2, labelW, 4, d.fit(b.label, labelW), "R")
		if math.IsNaN(b.v) || math.IsInf(b.v, 0) {
			continue
		}
		x0, x1 := X(0), X(b.v)
		d.fill(pdfBlue)
		if x1 >= x0 {
			f.Rect(x0, cy-barH/2, max(x1-x0, 0.2), barH, "F")
		} else {
			f.Rect(x1, cy-barH/2, x0-x1, barH, "F")
		}
	}
	// the threshold: a dashed red line over the bars, labelled on top
	if thr != nil {
		tx := X(*thr)
		d.draw(pdfRed)
		f.SetLineWidth(0.4)
		f.SetDashPattern([]float64{1.6, 1.2}, 0)
		f.Line(tx, plotTop-1, tx, plotBottom)
		f.SetDashPattern([]float64{}, 0)
		d.setFont("B", 8)
		d.ink(pdfRed)
		label := d.tr("Ngưỡng ", "Threshold ") + pdfWithUnit(number.FormatFloat(*thr, -1, d.st), rk.Unit)
		lw := d.width(label)
		lx := min(max(tx-lw/2, x), x+w-lw)
		d.cell(lx, plotTop-5, lw, 3.8, label, "L")
	}

	// the values, on white so that the threshold never crosses them
	for i, b := range bars {
		if math.IsNaN(b.v) || math.IsInf(b.v, 0) {
			continue
		}
		cy := plotTop + slot*(float64(i)+0.5)
		x0, x1 := X(0), X(b.v)
		d.setFont("", 8)
		s := number.FormatFloat(b.v, rk.Decimals, d.st)
		sw := d.width(s)
		lx := x1 + 1
		if x1 < x0 {
			lx = x1 - 1 - sw
		}
		d.fill([3]int{255, 255, 255})
		f.Rect(lx-0.3, cy-1.5, sw+0.6, 3, "F")
		d.ink(pdfBlack)
		d.cell(lx, cy-2, sw, 4, s, "L")
	}

	d.draw(pdfBlack)
	d.ink(pdfBlack)
	f.SetLineWidth(pdfThin)
}

// trendChart draws tr as a line with its points and values, the line
// broken where a year has no value, in the box (x, y, w, h).
func (d *pdfDoc) trendChart(tr *Trend, x, y, w, h float64) {
	f := d.f
	top := d.chartTitle(tr.Title, tr.Unit, x, y, w)
	ok := func(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, v := range tr.Values {
		if ok(v) {
			lo, hi = min(lo, v), max(hi, v)
		}
	}
	if math.IsInf(lo, 1) {
		lo, hi = 0, 1
	}
	switch {
	case lo == hi:
		lo, hi = lo-1, hi+1
	case lo > 0 && lo < hi/2, hi < 0 && hi > lo/2:
		// values that vary a lot read honestly from zero
		lo, hi = min(lo, 0), max(hi, 0)
	default:
		// values close together (98,5% to 100%) would make a flat line
		// from zero: the axis covers them with a margin
		pad := (hi - lo) * 0.1
		lo, hi = lo-pad, hi+pad
		if lo < 0 && lo+pad >= 0 {
			lo = 0
		}
	}
	ticks, tickDec := pdfSteps(lo, hi, 5)
	lo, hi = ticks[0], ticks[len(ticks)-1]

	d.setFont("", 7.5)
	axisW := 0.0
	for _, t := range ticks {
		axisW = max(axisW, d.width(number.FormatFloat(t, tickDec, d.st)))
	}
	px0 := x + axisW + 2.5
	px1 := x + w - 2
	plotTop := top + 4 // room for the top values
	if len(tr.Breaks) > 0 {
		plotTop += 3.5 // and for the captions of the breaks
	}
	plotBottom := y + h - 7
	Y := func(v float64) float64 { return plotBottom - (v-lo)/(hi-lo)*(plotBottom-plotTop) }

	f.SetLineWidth(0.15)
	d.draw(pdfGrid)
	d.ink(pdfBlack)
	for _, t := range ticks {
		ty := Y(t)
		f.Line(px0, ty, px1, ty)
		d.cell(x, ty-1.75, axisW, 3.5, number.FormatFloat(t, tickDec, d.st), "R")
	}
	d.draw(pdfBlack)
	f.SetLineWidth(0.3)
	f.Line(px0, plotTop-2, px0, plotBottom)
	f.Line(px0, plotBottom, px1, plotBottom)

	n := len(tr.Values)
	step := (px1 - px0) / float64(max(n, 1))
	X := func(i int) float64 { return px0 + step*(float64(i)+0.5) }
	// the years: every k-th when they are too close
	d.setFont("", 7.5)
	labelW := 0.0
	for _, l := range tr.Labels {
		labelW = max(labelW, d.width(l))
	}
	every := 1
	for float64(every)*step < labelW+1.5 && every < n {
		every++
	}
	for i := 0; i < n; i++ {
		xi := X(i)
		f.Line(xi, plotBottom, xi, plotBottom+1)
		if i < len(tr.Labels) && (i%every == 0 || i == n-1 && every == 1) {
			d.cell(xi-step*float64(every)/2, plotBottom+1.3, step*float64(every), 3.5, tr.Labels[i], "C")
		}
	}

	// a change of definition: a dashed line before its first year, with
	// its caption, and the line not joined across it
	breakAt := map[int]bool{}
	d.setFont("", 6.5)
	for _, b := range tr.Breaks {
		if b.Index <= 0 || b.Index >= n {
			continue
		}
		breakAt[b.Index] = true
		bx := X(b.Index) - step/2
		d.draw(pdfOrange)
		f.SetLineWidth(0.35)
		f.SetDashPattern([]float64{1.2, 0.9}, 0)
		f.Line(bx, plotTop-3, bx, plotBottom)
		f.SetDashPattern(nil, 0)
		lw := d.width(b.Label)
		lx := bx + 0.8
		if lx+lw > x+w {
			lx = bx - 0.8 - lw
		}
		d.ink(pdfOrange)
		d.cell(lx, plotTop-6.2, lw, 3, b.Label, "L")
	}
	d.ink(pdfBlack)

	// the line, broken by missing years and changes of definition
	d.draw(pdfBlue)
	d.fill(pdfBlue)
	f.SetLineWidth(0.55)
	for i := 1; i < n; i++ {
		if ok(tr.Values[i-1]) && ok(tr.Values[i]) && !breakAt[i] {
			f.Line(X(i-1), Y(tr.Values[i-1]), X(i), Y(tr.Values[i]))
		}
	}
	d.setFont("", 7)
	showValues := true
	for _, v := range tr.Values {
		if ok(v) && d.width(number.FormatFloat(v, tr.Decimals, d.st)) > step*0.98 {
			showValues = false
		}
	}
	// where a value goes: above a peak, below a trough, on the free side
	// of a slope
	side := func(i int, v float64) int { // +1 when the neighbour j is higher
		if i < 0 || i >= n || !ok(tr.Values[i]) {
			return 0
		}
		if tr.Values[i] > v {
			return 1
		}
		return -1
	}
	for i, v := range tr.Values {
		if !ok(v) {
			continue
		}
		px, py := X(i), Y(v)
		if i < len(tr.Mapped) && tr.Mapped[i] {
			// On the report's boundaries, not the area's own of the year:
			// a hollow dot (the title says so).
			f.SetFillColor(255, 255, 255)
			f.Circle(px, py, 1.1, "FD")
			d.fill(pdfBlue)
		} else {
			f.Circle(px, py, 0.85, "F")
		}
		if !showValues {
			continue
		}
		s := number.FormatFloat(v, tr.Decimals, d.st)
		sw := d.width(s)
		l, r := side(i-1, v), side(i+1, v)
		if breakAt[i] { // a neighbour across a break is not joined
			l = 0
		}
		if breakAt[i+1] {
			r = 0
		}
		lx, ly := px-sw/2, py-4.4 // above
		switch {
		case l >= 0 && r >= 0 && l+r > 0 && py+4.4 < plotBottom: // a trough: below
			ly = py + 1.2
		case l == 1 && r == -1: // going down: above on the right
			lx, ly = px+0.8, py-3.8
		case l == -1 && r == 1: // going up: above on the left
			lx, ly = px-0.8-sw, py-3.8
		}
		lx = min(max(lx, px0+0.5), px1-sw)
		d.ink(pdfBlue)
		d.cell(lx, ly, sw, 3, s, "L")
	}
	d.draw(pdfBlack)
	d.ink(pdfBlack)
	f.SetLineWidth(pdfThin)
}
