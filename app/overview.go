package app

import (
	"context"
	"image/color"
	"slices"
	"strconv"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"chiso/data/calc"
	"chiso/data/defaults"
	"chiso/data/msg"
	"chiso/data/period"
	"chiso/widgets"
)

// overview is the Tổng quan screen: the area tree on the left, the values
// of the chosen area and year on the right.
type overview struct {
	s *session

	// UI goroutine only:
	area    string
	year    int
	request int // numbers loads, so that a late result of an old one is dropped

	tree    *widgets.AreaTree
	years   *widget.Select
	heading *widget.Label
	banner  fyne.CanvasObject // nil unless the database holds the demo data
	status  *widget.Label
	table   *widgets.ValueTable
	legend  *widget.Label // what "*" and "×" stand for, when the values have them
	dash    *dashboard
	tabs    *container.AppTabs
	content fyne.CanvasObject
}

// overviewScreen returns the overview: it first shows the top-level province
// for the latest year that has data.
func overviewScreen(s *session) fyne.CanvasObject {
	o := newOverview(s)
	return o.content
}

func newOverview(s *session) *overview {
	o := &overview{s: s}
	o.build(latestYear(context.Background(), s.st, time.Now()))
	if area := s.homeArea(); area != "" {
		o.tree.Select(area) // loads the values
		o.tree.OpenBranch(area)
	}
	return o
}

// build makes the screen's widgets, showing year first.
func (o *overview) build(year int) {
	o.year = year
	o.tree = widgets.NewAreaTree(areaNodes(o.s.catalog()), areaMatch())
	o.tree.OnSelected = func(id string) {
		o.area = id
		o.load()
	}

	o.years = widget.NewSelect(years(time.Now(), year), nil)
	o.years.SetSelected(strconv.Itoa(year))
	o.years.OnChanged = func(s string) {
		if y, err := strconv.Atoi(s); err == nil {
			o.year = y
			o.load()
		}
	}

	o.heading = widget.NewLabel("")
	o.heading.TextStyle.Bold = true
	o.heading.SizeName = theme.SizeNameSubHeadingText
	o.heading.Truncation = fyne.TextTruncateEllipsis

	o.status = widget.NewLabel("")
	o.status.Importance = widget.DangerImportance
	o.status.Wrapping = fyne.TextWrapWord
	o.status.Hide()

	toolbar := container.NewBorder(nil, nil, nil,
		container.NewHBox(widget.NewLabel(lang.L("Year")), o.years), o.heading)
	top := container.NewVBox(toolbar)
	if defaults.IsDemo(o.s.st) {
		o.banner = demoBanner(o.s.lang)
		top.Add(o.banner)
	}
	top.Add(o.status)

	o.table = widgets.NewValueTable(nil)
	o.legend = widget.NewLabel(lang.X("values.boundaries", "* on today's boundaries: made from the areas this one was made of (merged, split), or from those that took it over; × not comparable."))
	o.legend.Wrapping = fyne.TextWrapWord
	o.legend.TextStyle.Italic = true
	o.legend.Hide()
	o.dash = newDashboard(o.s, o.tree.Select)
	o.tabs = container.NewAppTabs(
		container.NewTabItem(lang.X("dashboard.charts", "Charts"), o.dash.content),
		container.NewTabItem(lang.X("dashboard.values", "Values"), container.NewBorder(nil, o.legend, nil, nil, o.table)))
	right := container.NewBorder(top, nil, nil, nil, o.tabs)
	split := container.NewHSplit(o.tree, right)
	split.Offset = 0.28
	o.content = split
}

// demoBanner returns the notice that the database holds illustrative data,
// on a warning-coloured band.
func demoBanner(language string) fyne.CanvasObject {
	notice := defaults.DemoNoticeVI
	if language == "en" {
		notice = defaults.DemoNoticeEN
	}
	text := widget.NewLabel(notice)
	text.TextStyle.Bold = true
	text.Wrapping = fyne.TextWrapWord

	warn := theme.Color(theme.ColorNameWarning)
	r, g, b, _ := warn.RGBA()
	bg := canvas.NewRectangle(color.NRGBA{R: uint8(r >> 8), G: uint8(g >> 8), B: uint8(b >> 8), A: 0x40})
	bg.StrokeColor = warn
	bg.StrokeWidth = 1
	bg.CornerRadius = theme.InputRadiusSize()
	icon := widget.NewIcon(theme.WarningIcon())
	return container.NewStack(bg, container.NewBorder(nil, nil, icon, nil, text))
}

// load shows the values of the chosen area and year: the heading at once,
// the rows when computed in the background.
func (o *overview) load() {
	if o.area == "" {
		return
	}
	p := period.Period{Type: period.Year, Year: o.year}
	name := o.area
	for _, a := range o.s.catalog().Areas {
		if a.Code == o.area {
			name = a.Name
			break
		}
	}
	o.heading.SetText(name + " — " + p.Label(o.s.lang))
	o.dash.load(o.area, o.year)

	o.request++
	request, area := o.request, o.area
	o.s.background(func() {
		var rows []calc.Row
		err := o.s.compute(func(en *calc.Engine) (err error) {
			rows, err = en.Rows(area, p)
			return err
		})
		fyne.Do(func() {
			if request != o.request {
				return // the user has chosen something else meanwhile
			}
			if err != nil {
				o.showError(err)
				return
			}
			o.status.Hide()
			o.table.SetRows(valueRows(rows, o.s.lang, o.s.style))
			o.legend.Hidden = !slices.ContainsFunc(rows, func(r calc.Row) bool { return r.Mapped || r.NotComparable })
			o.legend.Refresh()
		})
	})
}

func (o *overview) showError(err error) {
	o.status.SetText(lang.L("The values could not be computed: {{.Error}}", map[string]any{"Error": msg.Text(err, o.s.lang)}))
	o.status.Show()
	o.table.SetRows(nil)
}
