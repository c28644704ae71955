package app

import (
	"context"
	"errors"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"chiso/data/adminmap"
	"chiso/data/defaults"
	"chiso/data/number"
	"chiso/data/vntext"
)

// start is the first-start screen, shown while the database has not been
// filled: whom this computer works for. A commune office finds its
// commune by name (without accents, by a name of before the reform too),
// a province office picks its province, and anyone may just look at the
// demo. Its methods without dialogs do the work, so tests call them.
type start struct {
	s         *session
	list      *adminmap.List
	finder    *adminmap.Finder
	provinces []*adminmap.Unit // in Vietnamese order

	kind     *widget.RadioGroup
	province *widget.Select
	search   *widget.Entry
	results  *widget.List
	found    []adminmap.Match
	count    *widget.Label
	chosen   *adminmap.Unit
	choice   *widget.Label
	office   *widget.Entry
	user     *widget.Entry // the name recorded on the user's changes
	named    bool          // the user typed the office name
	begin    *widget.Button
	busy     *fyne.Container
	panels   map[string]fyne.CanvasObject
	content  fyne.CanvasObject
}

// Kinds of office the first start offers, in order.
const (
	startCommune  = "commune"
	startProvince = "province"
	startDemo     = "demo"
)

func newStart(s *session) *start {
	st := &start{s: s}
	l, err := adminmap.Load()
	if err != nil {
		s.showError(err)
		l = &adminmap.List{}
	}
	st.list, st.finder = l, l.NewFinder(adminmap.LevelCommune)
	for i := range l.Units {
		if u := &l.Units[i]; u.Level == adminmap.LevelProvince && u.ValidTo == "" {
			st.provinces = append(st.provinces, u)
		}
	}
	slices.SortFunc(st.provinces, func(a, b *adminmap.Unit) int {
		return vntext.Compare(adminmap.BareName(a.Name), adminmap.BareName(b.Name))
	})
	st.build()
	return st
}

// kindLabels are the choices of the radio group, by kind.
func kindLabels() map[string]string {
	return map[string]string{
		startCommune:  lang.X("first.commune", "A commune office (xã, phường, đặc khu)"),
		startProvince: lang.X("first.province", "A province office"),
		startDemo:     lang.X("first.demo", "Just look at the demo"),
	}
}

func (st *start) build() {
	labels := kindLabels()
	st.kind = widget.NewRadioGroup([]string{labels[startCommune], labels[startProvince], labels[startDemo]}, func(string) { st.show() })
	st.kind.Required = true

	names := []string{lang.X("first.allProvinces", "All provinces")}
	for _, p := range st.provinces {
		names = append(names, p.Name)
	}
	st.province = widget.NewSelect(names, func(string) { st.find() })
	st.search = widget.NewEntry()
	st.search.SetPlaceHolder(lang.X("first.searchHint", "Name without accents; a name of before 1/7/2025 works too"))
	st.search.OnChanged = func(string) { st.find() }
	st.count = widget.NewLabel("")
	st.count.Importance = widget.LowImportance
	st.results = widget.NewList(
		func() int { return len(st.found) },
		func() fyne.CanvasObject {
			name := widget.NewLabel("Phường Văn Miếu - Quốc Tử Giám")
			name.TextStyle.Bold = true
			rest := widget.NewLabel("Thành phố Hà Nội · trước 1/7/2025: Phường Văn Miếu")
			rest.Truncation = fyne.TextTruncateEllipsis
			return container.NewBorder(nil, nil, name, nil, rest)
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			box := o.(*fyne.Container)
			box.Objects[1].(*widget.Label).SetText(st.found[i].Unit.Name)
			box.Objects[0].(*widget.Label).SetText(st.describe(st.found[i]))
		})
	st.results.OnSelected = func(i widget.ListItemID) {
		if i < len(st.found) {
			st.choose(st.found[i].Unit)
		}
	}
	st.choice = widget.NewLabel("")
	st.choice.Wrapping = fyne.TextWrapWord
	st.choice.Hide()
	st.user = widget.NewEntry()
	st.user.SetText(st.s.st.Author()) // the system's user name until given
	st.user.Validator = func(text string) error {
		if strings.TrimSpace(text) == "" {
			return errors.New(lang.X("start.needName", "Give your name."))
		}
		return nil
	}
	st.user.OnChanged = func(string) { st.updateBegin() }
	st.office = widget.NewEntry()
	st.office.SetPlaceHolder(lang.X("first.officeHint", "e.g. UBND xã Ba Chẽ"))
	st.office.OnChanged = func(string) { st.named = true }
	st.begin = widget.NewButtonWithIcon(lang.X("first.begin", "Start"), theme.ConfirmIcon(), st.confirm)
	st.begin.Importance = widget.HighImportance
	st.begin.Disable()
	busyLabel := widget.NewLabel(lang.X("first.busy", "Setting up the database…"))
	st.busy = container.NewBorder(nil, nil, busyLabel, nil, widget.NewProgressBarInfinite())
	st.busy.Hide()

	title := widget.NewLabel(lang.X("first.title", "Welcome to Chỉ Số"))
	title.TextStyle.Bold = true
	title.SizeName = theme.SizeNameHeadingText
	intro := wrapped(lang.X("first.intro", "Whom does this computer work for? The official list of administrative units ships with the program: the 34 provinces and 3,321 communes, wards and special zones since 1/7/2025, with the units before them."), widget.MediumImportance)

	officeForm := widget.NewForm(widget.NewFormItem(lang.X("first.office", "Office name"), st.office))
	st.panels = map[string]fyne.CanvasObject{
		startCommune: container.NewBorder(
			container.NewVBox(widget.NewForm(
				widget.NewFormItem(lang.X("first.provinceLabel", "Province"), st.province),
				widget.NewFormItem(lang.X("first.communeLabel", "Commune"), st.search)), st.count),
			container.NewVBox(st.choice, officeForm),
			nil, nil, st.results),
		startProvince: container.NewVBox(st.choice, officeForm),
		startDemo:     wrapped(lang.X("first.demoText", "The demo tells the story of poverty reduction in Quảng Ninh, 2011–2026, with illustrative figures (not official statistics). It opens as a database of its own, apart from your office's; close it in Settings."), widget.MediumImportance),
	}
	for _, p := range st.panels {
		p.Hide()
	}
	stack := container.NewStack(st.panels[startCommune], st.panels[startProvince], st.panels[startDemo])
	userForm := widget.NewForm(&widget.FormItem{Text: lang.X("start.name", "Your name"), Widget: st.user,
		HintText: lang.X("first.nameHint", "Recorded on every change you make; you can change it in Settings.")})
	bottom := container.NewVBox(userForm, st.busy, container.NewHBox(layout.NewSpacer(), st.begin))
	body := container.NewBorder(container.NewVBox(title, intro, st.kind, widget.NewSeparator()), bottom, nil, nil, stack)
	st.content = container.New(centered{width: 880}, body)
	// Most offices are communes: their choice is open at first.
	st.province.SetSelectedIndex(0)
	st.setKind(startCommune)
}

// centered lays its objects out on top of each other, at most width wide,
// in the middle of the space given.
type centered struct{ width float32 }

func (c centered) MinSize(objects []fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	for _, o := range objects {
		s = s.Max(o.MinSize())
	}
	return s.Add(fyne.NewSquareSize(2 * theme.Padding()))
}

func (c centered) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	p := theme.Padding()
	w := min(size.Width-2*p, c.width)
	for _, o := range objects {
		o.Move(fyne.NewPos((size.Width-w)/2, p))
		o.Resize(fyne.NewSize(w, size.Height-2*p))
	}
}

// kindOf returns the kind chosen, "" for none.
func (st *start) kindOf() string {
	for k, l := range kindLabels() {
		if l == st.kind.Selected {
			return k
		}
	}
	return ""
}

// choose makes u the office's unit (nil for none) and names the office
// after it, unless the user typed a name.
func (st *start) choose(u *adminmap.Unit) {
	st.chosen = u
	if u == nil {
		st.choice.SetText("")
		st.choice.Hide()
	} else {
		st.choice.Show()
		where := ""
		if p := st.list.Unit(u.Parent); p != nil && u.Level == adminmap.LevelCommune {
			where = ", " + p.Name
		}
		st.choice.SetText(lang.X("first.chosen", "Chosen: {{.Name}} (code {{.Code}})", map[string]any{"Name": u.Name + where, "Code": u.Code}))
		if !st.named || strings.TrimSpace(st.office.Text) == "" {
			st.office.SetText(defaults.OfficeName(u))
			st.named = false
		}
	}
	st.updateBegin()
}

// setKind selects a kind of office (startCommune, startProvince,
// startDemo).
func (st *start) setKind(kind string) { st.kind.SetSelected(kindLabels()[kind]) }

// show lays out the panel of the kind chosen.
func (st *start) show() {
	kind := st.kindOf()
	for k, p := range st.panels {
		if k == kind {
			p.Show()
		} else {
			p.Hide()
		}
	}
	switch kind {
	case startDemo:
		st.begin.SetText(lang.X("first.openDemo", "Open the demo"))
	default:
		st.begin.SetText(lang.X("first.begin", "Start"))
	}
	st.find()
	if kind == startCommune {
		st.s.win.Canvas().Focus(st.search)
	}
}

// provinceCode returns the province chosen, "" for all.
func (st *start) provinceCode() string {
	if i := st.province.SelectedIndex(); i > 0 {
		return st.provinces[i-1].Code
	}
	return ""
}

// find lists the communes that match the search in the province chosen
// (a commune office), or chooses the province (a province office).
func (st *start) find() {
	switch st.kindOf() {
	case startProvince:
		var u *adminmap.Unit
		if i := st.province.SelectedIndex(); i > 0 {
			u = st.provinces[i-1]
		}
		st.choose(u)
		return
	case startCommune:
	default:
		st.updateBegin()
		return
	}
	st.found = st.finder.Find(st.search.Text, st.provinceCode())
	st.results.UnselectAll()
	st.results.Refresh()
	st.results.ScrollToTop()
	st.count.SetText(lang.X("first.count", "{{.Count}} found", map[string]any{"Count": number.FormatFloat(float64(len(st.found)), 0, st.s.style)}))
	if st.chosen != nil && st.chosen.Level != adminmap.LevelCommune {
		st.choose(nil)
	}
	if len(st.found) == 1 {
		st.results.Select(0)
	}
	st.updateBegin()
}

// describe says where a commune found is, and by which former name.
func (st *start) describe(m adminmap.Match) string {
	var parts []string
	if p := st.list.Unit(m.Unit.Parent); p != nil {
		parts = append(parts, p.Name)
	}
	if m.Former != "" {
		parts = append(parts, lang.X("first.former", "formerly {{.Name}}", map[string]any{"Name": m.Former}))
	}
	return strings.Join(parts, " · ")
}

func (st *start) updateBegin() {
	switch kind := st.kindOf(); {
	case strings.TrimSpace(st.user.Text) == "":
		st.begin.Disable()
	case kind == startDemo, (kind == startCommune || kind == startProvince) && st.chosen != nil:
		st.begin.Enable()
	default:
		st.begin.Disable()
	}
}

// confirm does what was chosen: fills the database for the office, or
// opens the demo, and records the user's name there. The window then shows
// the screens.
func (st *start) confirm() {
	kind := st.kindOf()
	user := strings.TrimSpace(st.user.Text)
	if kind == "" || kind != startDemo && st.chosen == nil || user == "" {
		return
	}
	st.begin.Disable()
	st.busy.Show()
	done := func(err error) {
		fyne.Do(func() {
			st.busy.Hide()
			st.updateBegin()
			if err != nil {
				st.s.showError(err)
			}
		})
	}
	if kind == startDemo {
		st.s.openDemo(func(err error) {
			if err == nil {
				err = st.s.st.SetAuthor(user)
			}
			done(err)
		})
		return
	}
	area, name := st.chosen.Code, strings.TrimSpace(st.office.Text)
	st.s.background(func() {
		err := st.s.st.SetAuthor(user)
		if err == nil {
			err = defaults.InstallOffice(context.Background(), st.s.st, area, name)
		}
		if err == nil {
			fyne.Do(func() {
				if err := st.s.reload(); err != nil {
					st.s.showError(err)
				}
				st.s.reset()
			})
		}
		done(err)
	})
}
