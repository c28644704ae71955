package app

import (
	"cmp"
	"image/color"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"chiso/data/calc"
	"chiso/data/catalog"
	"chiso/data/number"
	"chiso/data/period"
	"chiso/data/report"
	"chiso/widgets"
)

// crumbSeparator separates the breadcrumbs: "Việt Nam › Quảng Ninh".
const crumbSeparator = " › "

// targetHorizon is how many years ahead of the chosen one a card looks for
// a target (a five-year plan's target for 2025 shown in 2022).
const targetHorizon = 5

// dashboard is the charts tab of the overview: breadcrumbs from the root to
// the chosen area, one card per indicator, and the charts of the indicator
// chosen by tapping its card.
type dashboard struct {
	s      *session
	choose func(area string) // selects an area (in the tree)

	// UI goroutine only:
	request   int
	data      *dashData
	indicator string // code of the indicator charted

	crumbs   *fyne.Container
	report   *reportCard
	cards    *fyne.Container
	cardOf   map[string]*dashCard
	bar      *widgets.BarChart
	line     *widgets.LineChart
	noBars   *widget.Label
	barStack *fyne.Container
	content  fyne.CanvasObject
}

// dashData is what the dashboard shows for one area and year, computed in
// the background.
type dashData struct {
	area     string
	year     int
	children []string // codes of the child areas valid in the year
	names    []string // their names
	cards    []cardData
}

// cardData is one indicator's figures for the area and year.
type cardData struct {
	ind      *catalog.Indicator
	value    float64
	ok       bool
	change   calc.Change
	count    calc.Count
	counted  bool
	target   float64
	targetOK bool
	targetY  int
	reached  calc.Reached // since when the target has been met (Year 0: not met)
	// targetBreaks lists the changes of definition between the year and
	// the target's: the value cannot be held against the target.
	targetBreaks []catalog.Definition
	// crossing lists the changes of definition between the previous year
	// and this one: the change is between two standards.
	crossing    []catalog.Definition
	definitions []catalog.Definition // every change of definition, for the line chart
	children    []float64            // values of the child areas, NaN when missing
	kinds       string               // what the child areas are, in a count: "xã, phường, đặc khu"
	// history holds the area's values from firstYear to year on the
	// boundaries of year, NaN when missing; mapped marks those made on them
	// rather than the area's own of their year.
	history []float64
	mapped  []bool
}

func newDashboard(s *session, choose func(string)) *dashboard {
	d := &dashboard{s: s, choose: choose, cardOf: map[string]*dashCard{}}
	d.crumbs = container.NewHBox()
	d.cards = container.NewGridWithColumns(3)

	d.bar = widgets.NewBarChart("", nil, nil)
	d.bar.Sort = widgets.BarSortDescending
	d.bar.OnTapped = func(i int) {
		if d.data != nil && i >= 0 && i < len(d.data.children) {
			d.choose(d.data.children[i])
		}
	}
	d.noBars = widget.NewLabel(lang.X("dashboard.noChildren", "This area has no areas below it."))
	d.noBars.Alignment = fyne.TextAlignCenter
	d.noBars.Hide()
	d.barStack = container.NewStack(d.bar, container.NewCenter(d.noBars))

	d.line = widgets.NewLineChart("", nil)

	charts := container.NewGridWithColumns(2, container.NewPadded(d.barStack), container.NewPadded(d.line))
	d.report = newReportCard(s)
	top := container.NewBorder(nil, nil, nil, d.report.content, d.crumbs)
	d.content = container.NewBorder(container.NewVBox(top, d.cards), nil, nil, nil, charts)
	return d
}

// load shows area in year: the breadcrumbs at once, the cards and charts
// when computed in the background.
func (d *dashboard) load(area string, year int) {
	d.showCrumbs(area)
	d.report.load(area, year)
	d.request++
	request, language := d.request, d.s.lang
	d.s.background(func() {
		var data *dashData
		err := d.s.compute(func(en *calc.Engine) (err error) {
			data, err = computeDashboard(en, area, year, language)
			return err
		})
		fyne.Do(func() {
			if request != d.request {
				return
			}
			if err != nil {
				d.data = nil
				d.cards.RemoveAll()
				return
			}
			d.show(data)
		})
	})
}

// computeDashboard computes the figures of every indicator of the catalog
// for area in year.
func computeDashboard(en *calc.Engine, area string, year int, language string) (*dashData, error) {
	p := period.Period{Type: period.Year, Year: year}
	data := &dashData{area: area, year: year, children: en.Children(area, p)}
	for _, c := range data.children {
		data.names = append(data.names, areaName(*en.Area(c), language))
	}
	for i := range en.Catalog.Indicators {
		in := &en.Catalog.Indicators[i]
		c := cardData{ind: in}
		var err error
		if c.value, c.ok, err = en.Value(in.Code, area, p, ""); err != nil {
			return nil, err
		}
		if c.change, err = en.ChangeOnPrevious(in.Code, area, p, ""); err != nil {
			return nil, err
		}
		if limit, ok := countLimit(in); ok && len(data.children) > 0 {
			level := en.Area(data.children[0]).Level
			if c.count, err = en.CountMeeting(in.Code, area, level, p, meets(in, limit)); err != nil {
				return nil, err
			}
			c.counted = true
			if language == "vi" {
				var names []string
				for _, code := range slices.Concat(c.count.Met, c.count.NotMet, c.count.Missing) {
					names = append(names, en.Area(code).Name)
				}
				c.kinds = report.UnitKinds(names)
			}
		}
		c.crossing = en.Breaks(in.Code, p.Prev(), p)
		c.definitions = en.Definitions(in.Code)
		for y := year; y <= year+targetHorizon; y++ {
			ty := period.Period{Type: period.Year, Year: y}
			if t, ok := en.Target(in.Code, area, ty); ok {
				c.target, c.targetOK, c.targetY = t, true, y
				c.targetBreaks = en.Breaks(in.Code, p, ty)
				if c.reached, _, err = en.FirstMet(in.Code, area, ty, year); err != nil {
					return nil, err
				}
				break
			}
		}
		for _, ch := range data.children {
			v, ok, err := en.Value(in.Code, ch, p, "")
			if err != nil {
				return nil, err
			}
			c.children = append(c.children, orNaN(v, ok))
		}
		// The trend on the boundaries of the year shown (today's for the
		// latest): a commune of 2026 from the communes it was made of.
		for y := firstYear; y <= year; y++ {
			f, err := en.FigureOn(in.Code, area, period.Period{Type: period.Year, Year: y}, "", p.End())
			if err != nil {
				return nil, err
			}
			c.history = append(c.history, orNaN(f.Value, f.OK))
			c.mapped = append(c.mapped, f.OK && f.Mapped)
		}
		data.cards = append(data.cards, c)
	}
	return data, nil
}

func orNaN(v float64, ok bool) float64 {
	if !ok {
		return math.NaN()
	}
	return v
}

// countLimit returns the value child areas are counted against ("9/13
// địa bàn dưới 1%"): for a rate that should fall, 1 (below 1%); for one that
// should rise, 100 (reaching 100%). Only rates in percent are counted.
func countLimit(in *catalog.Indicator) (float64, bool) {
	if in.UnitVI != "%" {
		return 0, false
	}
	if in.HigherIsBetter {
		return 100, true
	}
	return 1, true
}

// meets returns the condition a child area's value meets against limit.
func meets(in *catalog.Indicator, limit float64) func(float64) bool {
	if in.HigherIsBetter {
		return func(v float64) bool { return v >= limit }
	}
	return func(v float64) bool { return v < limit }
}

// showCrumbs shows the path from the root to area: a button for each
// ancestor (a link), which selects it, and the area itself in bold.
func (d *dashboard) showCrumbs(area string) {
	d.crumbs.RemoveAll()
	path := areaPath(d.s.catalog(), area)
	for i, a := range path {
		if i > 0 {
			d.crumbs.Add(widget.NewLabel(strings.TrimSpace(crumbSeparator)))
		}
		if i == len(path)-1 {
			l := widget.NewLabel(areaName(a, d.s.lang))
			l.TextStyle.Bold = true
			d.crumbs.Add(l)
			continue
		}
		code := a.Code
		link := widget.NewHyperlink(areaName(a, d.s.lang), nil)
		link.OnTapped = func() { d.choose(code) }
		d.crumbs.Add(link)
	}
	d.crumbs.Refresh()
}

// crumbText returns the breadcrumbs as read: "Việt Nam › Quảng Ninh".
func (d *dashboard) crumbText() string {
	var parts []string
	for _, o := range d.crumbs.Objects {
		switch w := o.(type) {
		case *widget.Hyperlink:
			parts = append(parts, w.Text)
		case *widget.Label:
			if w.Text != strings.TrimSpace(crumbSeparator) {
				parts = append(parts, w.Text)
			}
		}
	}
	return strings.Join(parts, crumbSeparator)
}

// areaPath returns the areas from the root down to code.
func areaPath(c *catalog.Catalog, code string) []catalog.Area {
	byCode := map[string]catalog.Area{}
	for _, a := range c.Areas {
		byCode[a.Code] = a
	}
	var path []catalog.Area
	for a, ok := byCode[code]; ok && len(path) <= len(byCode); a, ok = byCode[a.Parent] {
		path = append([]catalog.Area{a}, path...)
	}
	return path
}

// show shows computed figures: the cards and the charts.
func (d *dashboard) show(data *dashData) {
	d.data = data
	d.cards.RemoveAll()
	clear(d.cardOf)
	found := false
	for i := range data.cards {
		c := &data.cards[i]
		card := d.newCard(c)
		d.cardOf[c.ind.Code] = card
		d.cards.Add(card)
		found = found || c.ind.Code == d.indicator
	}
	if !found && len(data.cards) > 0 {
		d.indicator = data.cards[0].ind.Code
	}
	d.cards.Refresh()
	d.showCharts()
}

// selectIndicator charts the indicator with the code.
func (d *dashboard) selectIndicator(code string) {
	d.indicator = code
	d.showCharts()
}

// showCharts draws the charts of the chosen indicator and marks its card.
func (d *dashboard) showCharts() {
	for code, card := range d.cardOf {
		card.setSelected(code == d.indicator)
	}
	if d.data == nil {
		return
	}
	var c *cardData
	for i := range d.data.cards {
		if d.data.cards[i].ind.Code == d.indicator {
			c = &d.data.cards[i]
		}
	}
	if c == nil {
		return
	}
	name, unit := indicatorName(c.ind, d.s.lang), indicatorUnit(c.ind, d.s.lang)
	year := strconv.Itoa(d.data.year)

	d.bar.Title = lang.X("dashboard.barTitle", "{{.Indicator}} of the areas below, {{.Year}}",
		map[string]any{"Indicator": name, "Year": year})
	format := chartFormat(c.ind.Decimals, d.s.style)
	d.bar.Format, d.line.Format = format, format
	d.bar.Unit = unit
	d.bar.Labels = d.data.names
	d.bar.Values = c.children
	d.bar.Threshold = nil
	d.bar.MetLabel, d.bar.NotMetLabel = "", ""
	if limit, ok := countLimit(c.ind); ok {
		d.bar.Threshold = &widgets.Threshold{Value: limit, Label: thresholdLabel(c.ind, limit, d.s.style)}
		d.bar.HigherIsBetter = c.ind.HigherIsBetter
		d.bar.MetLabel = lang.X("dashboard.met", "Met")
		d.bar.NotMetLabel = lang.X("dashboard.notMet", "Not met")
	}
	if !slices.ContainsFunc(c.children, func(v float64) bool { return !math.IsNaN(v) }) {
		if len(d.data.children) == 0 {
			d.noBars.SetText(lang.X("dashboard.noChildren", "This area has no areas below it."))
		} else {
			d.noBars.SetText(lang.X("dashboard.noChildValues", "No values of the areas below for {{.Year}}.",
				map[string]any{"Year": year}))
		}
		d.bar.Hide()
		d.noBars.Show()
	} else {
		d.noBars.Hide()
		d.bar.Show()
	}
	d.bar.Refresh()

	labels := make([]string, 0, len(c.history))
	for y := firstYear; y <= d.data.year; y++ {
		labels = append(labels, strconv.Itoa(y))
	}
	d.line.Title = lang.X("dashboard.lineTitle", "{{.Indicator}}, {{.From}}–{{.To}}",
		map[string]any{"Indicator": name, "From": firstYear, "To": year})
	if slices.Contains(c.mapped, true) {
		d.line.Title += " (" + calc.BoundariesNote(d.s.lang) + ")"
	}
	d.line.Unit = unit
	d.line.Labels = labels
	d.line.HollowNote = calc.BoundariesNote(d.s.lang)
	d.line.Series = []widgets.Series{{Name: areaNameOf(d.s.catalog(), d.data.area, d.s.lang), Values: c.history, Hollow: c.mapped}}
	d.line.Breaks = lineBreaks(c.definitions, d.data.year, d.s.lang)
	d.line.Refresh()
}

func indicatorName(in *catalog.Indicator, language string) string {
	if language == "en" && in.NameEN != "" {
		return in.NameEN
	}
	return in.NameVI
}

func indicatorUnit(in *catalog.Indicator, language string) string {
	if language == "en" && in.UnitEN != "" {
		return in.UnitEN
	}
	return in.UnitVI
}

// areaNameOf returns the name of the area with the code in language.
func areaNameOf(c *catalog.Catalog, code, language string) string {
	for _, a := range c.Areas {
		if a.Code == code {
			return areaName(a, language)
		}
	}
	return code
}

// chartFormat formats chart values rounded to decimals, without trailing
// zeros, so that axis ticks read "1", "2" and values "6,2".
func chartFormat(decimals int, st number.Style) func(float64) string {
	scale := math.Pow(10, float64(max(decimals, 0)))
	return func(v float64) string {
		return number.FormatFloat(math.Round(v*scale)/scale, -1, st)
	}
}

// thresholdLabel names the line drawn at limit: "Mục tiêu < 1%".
func thresholdLabel(in *catalog.Indicator, limit float64, st number.Style) string {
	l := number.FormatFloat(limit, -1, st) + in.UnitVI
	if in.HigherIsBetter {
		return lang.X("dashboard.thresholdAt", "Target ≥ {{.Limit}}", map[string]any{"Limit": l})
	}
	return lang.X("dashboard.thresholdBelow", "Target < {{.Limit}}", map[string]any{"Limit": l})
}

// lineBreaks returns where the definition of an indicator changed (a new
// poverty standard, from the catalog's definitions of the elements it
// reads), for a chart from firstYear to year.
func lineBreaks(defs []catalog.Definition, year int, language string) []widgets.LineBreak {
	var out []widgets.LineBreak
	for _, d := range defs {
		if d.From <= firstYear || d.From > year {
			continue
		}
		note := []rune(d.Note(language))
		note[0] = unicode.ToUpper(note[0])
		out = append(out, widgets.LineBreak{Index: d.From - firstYear, Label: string(note) + " (" + strconv.Itoa(d.From) + ")"})
	}
	return out
}

// signed formats a change with its sign: "+0,12", "−0,15".
func signed(v float64, decimals int, st number.Style) string {
	s := number.FormatFloat(math.Abs(v), decimals, st)
	switch {
	case strings.Trim(s, "0,.") == "":
		return s
	case v < 0:
		return "\u2212" + s
	}
	return "+" + s
}

// cardLine is a small line of a card in a colour of the theme, cut short
// with "…" rather than widening the card: the cards and the area tree
// share the window's width.
func cardLine(text string, color fyne.ThemeColorName) fyne.CanvasObject {
	imp := map[fyne.ThemeColorName]widget.Importance{theme.ColorNameSuccess: widget.SuccessImportance,
		theme.ColorNameError: widget.DangerImportance, theme.ColorNamePlaceHolder: widget.LowImportance}[color]
	l := widget.NewLabel(text)
	l.Importance = imp
	l.SizeName = theme.SizeNameCaptionText
	l.Truncation = fyne.TextTruncateEllipsis
	return l
}

// newCard makes the card of one indicator.
func (d *dashboard) newCard(c *cardData) *dashCard {
	st := d.s.style
	unit := indicatorUnit(c.ind, d.s.lang)
	card := &dashCard{code: c.ind.Code}
	card.onTap = func() { d.selectIndicator(card.code) }

	name := widget.NewLabel(indicatorName(c.ind, d.s.lang))
	name.Truncation = fyne.TextTruncateEllipsis
	name.TextStyle.Bold = true

	card.value = noValue
	if c.ok {
		card.value = number.FormatFloat(c.value, c.ind.Decimals, st)
	}
	shown := card.value
	if c.ok && unit != "" {
		shown += " " + unit
	}
	value := canvas.NewText(shown, theme.Color(theme.ColorNameForeground))
	value.TextSize = theme.TextSubHeadingSize() * 1.4
	value.TextStyle.Bold = true

	prev := strconv.Itoa(d.data.year - 1)
	var changeColor fyne.ThemeColorName = theme.ColorNamePlaceHolder
	switch {
	case !c.change.OK:
		card.change = lang.X("dashboard.noChange", "no {{.Year}} value to compare", map[string]any{"Year": prev})
	case unit == "%":
		card.change = lang.X("dashboard.points", "{{.Diff}} points on {{.Year}}",
			map[string]any{"Diff": signed(c.change.Diff, c.ind.Decimals, st), "Year": prev})
	case !math.IsNaN(c.change.Percent):
		card.change = lang.X("dashboard.percent", "{{.Diff}}% on {{.Year}}",
			map[string]any{"Diff": signed(c.change.Percent, 1, st), "Year": prev})
	default:
		card.change = lang.X("dashboard.noChange", "no {{.Year}} value to compare", map[string]any{"Year": prev})
	}
	if c.change.OK && len(c.crossing) > 0 {
		// Between two definitions: the change is no trend.
		card.change += " (" + c.crossing[len(c.crossing)-1].Note(d.s.lang) + ")"
	}
	if c.change.OK && c.change.Mapped {
		// The year before on this year's boundaries.
		card.change += " (" + calc.BoundariesNote(d.s.lang) + ")"
	}
	if c.change.OK && c.change.Diff != 0 && len(c.crossing) == 0 {
		changeColor = theme.ColorNameSuccess
		if (c.change.Diff > 0) != c.ind.HigherIsBetter {
			changeColor = theme.ColorNameError
		}
	}
	change := cardLine(card.change, changeColor)

	lines := container.NewVBox(name, container.NewPadded(value), change)
	if c.counted && len(c.count.Missing) < c.count.Total() {
		limit, _ := countLimit(c.ind)
		args := map[string]any{"Met": len(c.count.Met), "Total": c.count.Total(),
			"Limit": number.FormatFloat(limit, -1, st) + c.ind.UnitVI, "Areas": cmp.Or(c.kinds, lang.X("dashboard.areas", "areas"))}
		if c.ind.HigherIsBetter {
			card.count = lang.X("dashboard.countAt", "{{.Met}}/{{.Total}} {{.Areas}} at {{.Limit}}", args)
		} else {
			card.count = lang.X("dashboard.countBelow", "{{.Met}}/{{.Total}} {{.Areas}} below {{.Limit}}", args)
		}
		if n := len(c.count.Missing); n > 0 {
			card.count += " " + lang.X("dashboard.missing", "({{.N}} without a value)", map[string]any{"N": n})
		}
		lines.Add(cardLine(card.count, theme.ColorNameForeground))
	}
	if c.targetOK {
		args := map[string]any{"Year": c.targetY, "Target": number.FormatFloat(c.target, c.ind.Decimals, st) + " " + unit,
			"Since": c.reached.Year, "Early": c.reached.Early}
		if n := len(c.targetBreaks); n > 0 {
			// The target is set in a definition still to come.
			args["Note"], args["From"] = c.targetBreaks[n-1].Note(d.s.lang), c.targetBreaks[n-1].From
			card.target = lang.X("dashboard.targetOtherDefinition", "Target {{.Year}}: {{.Target}} ({{.Note}} from {{.From}})", args)
			t := canvas.NewText(card.target, theme.Color(theme.ColorNamePlaceHolder))
			t.TextSize = theme.CaptionTextSize() * 1.15
			lines.Add(t)
		} else if c.reached.Early > 0 {
			// Met since a year before the target's: ahead of time.
			card.target = lang.X("dashboard.targetEarly", "Target {{.Year}}: {{.Target}} — met since {{.Since}} ({{.Early}} years early)", args)
			t := canvas.NewText(card.target, theme.Color(theme.ColorNameForeground))
			t.TextSize = theme.CaptionTextSize() * 1.15
			lines.Add(t)
		} else if c.ind.HigherIsBetter && c.ok && c.target != 0 {
			share := c.value / c.target * 100
			args["Share"] = number.FormatFloat(share, 1, st)
			card.target = lang.X("dashboard.targetShare", "Target {{.Year}}: {{.Target}} — {{.Share}}% reached", args)
			t := canvas.NewText(card.target, theme.Color(theme.ColorNamePlaceHolder))
			t.TextSize = theme.CaptionTextSize() * 1.15
			bar := &thinBar{share: min(share, 100) / 100}
			lines.Add(t)
			lines.Add(bar.object())
		} else if c.ok {
			// Compared as shown: 0,50 against a target of 0,50 is met.
			scale := math.Pow(10, float64(c.ind.Decimals))
			if math.Round(c.value*scale) <= math.Round(c.target*scale) {
				card.target = lang.X("dashboard.targetMet", "Target {{.Year}}: {{.Target}} — met", args)
			} else {
				card.target = lang.X("dashboard.targetNotMet", "Target {{.Year}}: {{.Target}} — not met yet", args)
			}
			t := canvas.NewText(card.target, theme.Color(theme.ColorNamePlaceHolder))
			t.TextSize = theme.CaptionTextSize() * 1.15
			lines.Add(t)
		}
	}
	card.lines = lines
	card.ExtendBaseWidget(card)
	return card
}

// thinBar is a thin progress bar for a card.
type thinBar struct{ share float64 }

func (b *thinBar) object() fyne.CanvasObject {
	track := canvas.NewRectangle(theme.Color(theme.ColorNameInputBorder))
	track.CornerRadius = 2
	fill := canvas.NewRectangle(theme.Color(theme.ColorNamePrimary))
	fill.CornerRadius = 2
	return container.New(&thinBarLayout{share: float32(b.share)}, track, fill)
}

type thinBarLayout struct{ share float32 }

func (l *thinBarLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	h := float32(6)
	y := (size.Height - h) / 2
	objs[0].Move(fyne.NewPos(0, y))
	objs[0].Resize(fyne.NewSize(size.Width, h))
	objs[1].Move(fyne.NewPos(0, y))
	objs[1].Resize(fyne.NewSize(size.Width*l.share, h))
}

func (l *thinBarLayout) MinSize([]fyne.CanvasObject) fyne.Size { return fyne.NewSize(40, 8) }

// dashCard is an indicator's card: tapping it charts the indicator.
type dashCard struct {
	widget.BaseWidget
	code  string
	onTap func()
	lines *fyne.Container
	bg    *canvas.Rectangle

	selected bool
	// The texts shown, for tests.
	value, change, count, target string
}

func (c *dashCard) CreateRenderer() fyne.WidgetRenderer {
	c.bg = canvas.NewRectangle(color.Transparent)
	c.bg.CornerRadius = theme.InputRadiusSize() * 2
	c.bg.StrokeWidth = 1
	c.paint()
	return widget.NewSimpleRenderer(container.NewStack(c.bg,
		container.New(layout.NewCustomPaddedLayout(2, 6, 8, 8), c.lines)))
}

func (c *dashCard) setSelected(on bool) {
	c.selected = on
	c.Refresh()
}

func (c *dashCard) paint() {
	if c.selected {
		p := theme.Color(theme.ColorNamePrimary)
		r, g, b, _ := p.RGBA()
		c.bg.FillColor = color.NRGBA{R: uint8(r >> 8), G: uint8(g >> 8), B: uint8(b >> 8), A: 0x24}
		c.bg.StrokeColor = p
		c.bg.StrokeWidth = 2
		return
	}
	c.bg.FillColor = theme.Color(theme.ColorNameInputBackground)
	c.bg.StrokeColor = theme.Color(theme.ColorNameInputBorder)
	c.bg.StrokeWidth = 1
}

// Refresh paints the card again in the current theme's colours.
func (c *dashCard) Refresh() {
	if c.bg != nil {
		c.paint()
	}
	c.BaseWidget.Refresh()
}

// Tapped charts the card's indicator.
func (c *dashCard) Tapped(*fyne.PointEvent) {
	if c.onTap != nil {
		c.onTap()
	}
}

// Cursor shows that the card can be tapped.
func (c *dashCard) Cursor() desktop.Cursor { return desktop.PointerCursor }
