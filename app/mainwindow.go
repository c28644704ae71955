package app

import (
	"context"
	"fmt"
	"image/color"
	"path/filepath"
	"strconv"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"chiso/data/calc"
	"chiso/data/catalog"
	"chiso/data/defaults"
	"chiso/data/period"
	"chiso/data/store"
	"chiso/data/vntext"
	"chiso/widgets"
)

// mainWindow is the state of the main window: the area tree on the left,
// the values of the chosen area and year on the right.
type mainWindow struct {
	win fyne.Window
	st  *store.Store
	// background runs the computing behind the screen off the UI
	// goroutine; tests make it synchronous.
	background func(func())
	lang       string
	cat        *catalog.Catalog

	mu     sync.Mutex // serialises use of engine, which is not safe for concurrent use
	engine *calc.Engine

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
}

// NewMainWindow returns the main window of a, showing the database st: the
// area tree, a year selector, the demo notice when st holds the demo data,
// and the values of the chosen area and year, in language ("vi" or "en").
// It first shows the top-level province for the latest year that has data.
func NewMainWindow(a fyne.App, st *store.Store, language string) (fyne.Window, error) {
	m, err := newMainWindow(a, st, language, func(f func()) { go f() })
	if err != nil {
		return nil, err
	}
	return m.win, nil
}

func newMainWindow(a fyne.App, st *store.Store, language string, background func(func())) (*mainWindow, error) {
	ctx := context.Background()
	cat, err := st.Catalog(ctx)
	if err != nil {
		return nil, err
	}
	engine, err := calc.New(ctx, cat, st)
	if err != nil {
		return nil, err
	}
	m := &mainWindow{st: st, lang: language, cat: cat, engine: engine, background: background}
	m.win = a.NewWindow(windowTitle(st))
	m.win.SetContent(m.content(latestYear(ctx, st, time.Now())))
	m.win.Resize(fyne.NewSize(1200, 800))
	if area := defaultArea(cat); area != "" {
		m.tree.Select(area) // loads the values
		m.tree.OpenBranch(area)
	}
	return m, nil
}

// windowTitle returns "Chỉ Số — <office> — <database file>".
func windowTitle(st *store.Store) string {
	office, _ := st.Meta("office")
	if office == "" {
		office = lang.L("Unnamed office")
	}
	return lang.L("Chỉ Số — {{.Office}} — {{.File}}", map[string]any{"Office": office, "File": filepath.Base(st.Path())})
}

// content builds the window's content, showing year first.
func (m *mainWindow) content(year int) fyne.CanvasObject {
	m.year = year
	m.tree = widgets.NewAreaTree(areaNodes(m.cat), vntext.Contains)
	m.tree.OnSelected = func(id string) {
		m.area = id
		m.load()
	}

	m.years = widget.NewSelect(years(time.Now(), year), nil)
	m.years.SetSelected(strconv.Itoa(year))
	m.years.OnChanged = func(s string) {
		if y, err := strconv.Atoi(s); err == nil {
			m.year = y
			m.load()
		}
	}

	m.heading = widget.NewLabel("")
	m.heading.TextStyle.Bold = true
	m.heading.SizeName = theme.SizeNameSubHeadingText
	m.heading.Truncation = fyne.TextTruncateEllipsis

	m.status = widget.NewLabel("")
	m.status.Importance = widget.DangerImportance
	m.status.Wrapping = fyne.TextWrapWord
	m.status.Hide()

	toolbar := container.NewBorder(nil, nil, nil,
		container.NewHBox(widget.NewLabel(lang.L("Year")), m.years), m.heading)
	top := container.NewVBox(toolbar)
	if defaults.IsDemo(m.st) {
		m.banner = demoBanner(m.lang)
		top.Add(m.banner)
	}
	top.Add(m.status)

	m.table = widgets.NewValueTable(nil)
	right := container.NewBorder(top, nil, nil, nil, m.table)
	split := container.NewHSplit(m.tree, right)
	split.Offset = 0.28
	return split
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
func (m *mainWindow) load() {
	if m.area == "" {
		return
	}
	p, err := period.Parse(strconv.Itoa(m.year))
	if err != nil {
		m.showError(err)
		return
	}
	name := m.area
	for _, a := range m.cat.Areas {
		if a.Code == m.area {
			name = a.Name
			break
		}
	}
	m.heading.SetText(name + " — " + p.Label(m.lang))

	m.request++
	request, area := m.request, m.area
	m.background(func() {
		m.mu.Lock()
		rows, err := m.engine.Rows(area, p)
		m.mu.Unlock()
		fyne.Do(func() {
			if request != m.request {
				return // the user has chosen something else meanwhile
			}
			if err != nil {
				m.showError(err)
				return
			}
			m.status.Hide()
			m.table.SetRows(valueRows(rows, m.lang))
		})
	})
}

func (m *mainWindow) showError(err error) {
	m.status.SetText(lang.L("The values could not be computed: {{.Error}}", map[string]any{"Error": fmt.Sprint(err)}))
	m.status.Show()
	m.table.SetRows(nil)
}
