package app

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"chiso/data/catalog"
	"chiso/data/msg"
)

// areaTab edits the areas (Địa bàn).
type areaTab struct {
	catalogEditor
	name       *widget.Entry
	nameEN     *widget.Entry
	level      *widget.Select
	parent     *areaPicker
	groups     *widget.CheckGroup
	from, to   *widget.Entry
	successors *widget.Entry

	saveButton, retireButton, deleteButton, importButton, updateButton *widget.Button
}

func newAreaTab(c *catalogUI) *areaTab {
	t := &areaTab{}
	t.catalogEditor = newCatalogEditor(c, "QN_HALONG", t.load)
	t.name = newEntry(lang.L("e.g. Xã Hải Hòa"), c.requiredValidator)
	t.nameEN = newEntry("", nil)
	t.level = widget.NewSelect(nil, nil)
	t.level.PlaceHolder = lang.L("(choose)")
	t.parent = newAreaPicker(c, true)
	t.parent.exclude = func(code string) bool { return t.code != "" && (code == t.code || t.isBelow(code, t.code)) }
	t.groups = widget.NewCheckGroup(nil, nil)
	t.from = newEntry("dd/mm/yyyy", c.dateValidator)
	t.to = newEntry("dd/mm/yyyy", c.dateValidator)
	t.successors = newEntry("QN_A, QN_B", nil)
	t.form = t.newForm(t.name, t.nameEN,
		&widget.FormItem{Text: lang.L("Level"), Widget: t.level},
		&widget.FormItem{Text: lang.L("Parent area"), Widget: t.parent.content},
		&widget.FormItem{Text: lang.L("Groups"), Widget: t.groups},
		&widget.FormItem{Text: lang.L("Valid from"), Widget: t.from, HintText: lang.L("Day/month/year; empty if always")},
		&widget.FormItem{Text: lang.L("Valid to"), Widget: t.to, HintText: lang.L("Empty while the area exists")},
		&widget.FormItem{Text: lang.L("Successors"), Widget: t.successors, HintText: lang.L("Codes of the areas that took over, separated by commas")},
	)

	t.saveButton = c.saveButton(t.save)
	t.retireButton = widget.NewButtonWithIcon(lang.L("Retire…"), theme.HistoryIcon(), t.askRetire)
	t.deleteButton = widget.NewButtonWithIcon(lang.L("Delete"), theme.DeleteIcon(), t.askDelete)
	t.importButton = widget.NewButtonWithIcon(lang.L("Import area list…"), theme.FolderOpenIcon(), t.askImport)
	t.updateButton = widget.NewButtonWithIcon(lang.X("update.button", "Update the official list…"), theme.ViewRefreshIcon(), t.askListUpdate)
	t.content = splitPane(withTop(container.NewGridWithColumns(2, t.importButton, t.updateButton), t.list.content),
		editorPane(t.title, t.form, []fyne.CanvasObject{t.deleteButton, t.retireButton}, newButton(t.load), t.saveButton))
	t.refresh()
	t.load("")
	return t
}

// refresh reads the lists and choices again from the catalog.
func (t *areaTab) refresh() {
	cat := t.c.cat()
	var items []listItem
	for _, a := range cat.Areas {
		items = append(items, listItem{code: a.Code, label: a.Name, note: untilNote(a.ValidTo)})
	}
	sortByLabel(items)
	t.list.set(items)

	var levels []string
	for _, l := range cat.Levels {
		levels = append(levels, t.levelLabel(l))
	}
	t.level.SetOptions(levels)
	var groups []string
	for _, g := range cat.Groups {
		groups = append(groups, t.c.pick(g.NameVI, g.NameEN))
	}
	t.groups.Options = groups
	t.groups.Refresh()
}

func (t *areaTab) levelLabel(l catalog.Level) string {
	return strconv.Itoa(l.Level) + " — " + t.c.pick(l.NameVI, l.NameEN)
}

// load shows the area with code in the form, or an empty form for "".
func (t *areaTab) load(code string) {
	cat := t.c.cat()
	a := catalog.Area{}
	if code != "" {
		i := slices.IndexFunc(cat.Areas, func(a catalog.Area) bool { return a.Code == code })
		if i < 0 {
			code = ""
		} else {
			a = cat.Areas[i]
		}
	}
	t.show(code, a.Name, lang.L("New area"))
	setEnabled(code != "", t.retireButton, t.deleteButton)
	t.name.SetText(a.Name)
	t.nameEN.SetText(a.NameEN)
	t.level.ClearSelected()
	for _, l := range cat.Levels {
		if l.Level == a.Level {
			t.level.SetSelected(t.levelLabel(l))
		}
	}
	t.parent.set(a.Parent)
	var groups []string
	for _, g := range cat.Groups {
		if slices.Contains(a.Groups, g.Code) {
			groups = append(groups, t.c.pick(g.NameVI, g.NameEN))
		}
	}
	t.groups.SetSelected(groups)
	t.from.SetText(showDate(a.ValidFrom))
	t.to.SetText(showDate(a.ValidTo))
	t.successors.SetText(strings.Join(a.Successors, ", "))
}

// isBelow reports whether area code lies below area top in the catalog.
func (t *areaTab) isBelow(code, top string) bool {
	parent := map[string]string{}
	for _, a := range t.c.cat().Areas {
		parent[a.Code] = a.Parent
	}
	for i, p := 0, parent[code]; p != "" && i < 64; i, p = i+1, parent[p] {
		if p == top {
			return true
		}
	}
	return false
}

// read returns the area in the form, checked against the catalog.
func (t *areaTab) read() (catalog.Area, error) {
	cat := t.c.cat()
	if err := t.c.validate(t.form); err != nil {
		return catalog.Area{}, err
	}
	a := catalog.Area{Name: text(t.name), NameEN: text(t.nameEN), Parent: t.parent.code}
	var err error
	if a.Code, err = t.readCode(); err != nil {
		return a, err
	}
	if t.code == "" && slices.ContainsFunc(cat.Areas, func(x catalog.Area) bool { return x.Code == a.Code }) {
		return a, msg.New("đã có địa bàn mã "+a.Code, "an area with code "+a.Code+" already exists")
	}
	level := -1
	for _, l := range cat.Levels {
		if t.level.Selected == t.levelLabel(l) {
			level = l.Level
		}
	}
	if level < 0 {
		return a, msg.New("hãy chọn cấp của địa bàn", "choose the level of the area")
	}
	a.Level = level
	if a.Parent != "" {
		i := slices.IndexFunc(cat.Areas, func(x catalog.Area) bool { return x.Code == a.Parent })
		switch {
		case i < 0:
			return a, msg.New("không có địa bàn cấp trên "+a.Parent, "no parent area "+a.Parent)
		case a.Parent == a.Code || t.isBelow(a.Parent, a.Code):
			return a, msg.New("địa bàn cấp trên không thể là chính nó hay một địa bàn trực thuộc nó", "the parent cannot be the area itself or an area below it")
		case cat.Areas[i].Level >= a.Level:
			return a, msg.New(fmt.Sprintf("địa bàn cấp trên %s ở cấp %d, phải cao hơn cấp %d", cat.Areas[i].Name, cat.Areas[i].Level, a.Level),
				fmt.Sprintf("the parent %s is at level %d, which must be above level %d", cat.Areas[i].Name, cat.Areas[i].Level, a.Level))
		}
	}
	for _, g := range cat.Groups {
		if slices.Contains(t.groups.Selected, t.c.pick(g.NameVI, g.NameEN)) {
			a.Groups = append(a.Groups, g.Code)
		}
	}
	if a.ValidFrom, err = t.c.readDate(t.from.Text); err != nil {
		return a, err
	}
	if a.ValidTo, err = t.c.readDate(t.to.Text); err != nil {
		return a, err
	}
	if a.ValidFrom != "" && a.ValidTo != "" && a.ValidTo < a.ValidFrom {
		return a, msg.New("ngày hết hiệu lực phải sau ngày bắt đầu", "the valid-to date must follow the valid-from date")
	}
	for _, s := range splitCodes(t.successors.Text) {
		if s == a.Code || !slices.ContainsFunc(cat.Areas, func(x catalog.Area) bool { return x.Code == s }) {
			return a, msg.New("không có địa bàn kế thừa mã "+s, "no successor area with code "+s)
		}
		a.Successors = append(a.Successors, s)
	}
	return a, t.keepHistory(cat, &a)
}

// keepHistory carries over to a what the form does not show of the area
// edited: its former names, the shares of the successors still listed, and
// its parents over time, which must end with the parent chosen.
func (t *areaTab) keepHistory(cat *catalog.Catalog, a *catalog.Area) error {
	i := slices.IndexFunc(cat.Areas, func(x catalog.Area) bool { return x.Code == t.code })
	if t.code == "" || i < 0 {
		return nil
	}
	old := cat.Areas[i]
	a.FormerNames = old.FormerNames
	for s, v := range old.Shares {
		if slices.Contains(a.Successors, s) {
			if a.Shares == nil {
				a.Shares = map[string]float64{}
			}
			a.Shares[s] = v
		}
	}
	if len(old.Parents) > 0 {
		if a.Parent != old.Parent {
			return msg.New("địa bàn này đã đổi cấp trên theo thời gian; cấp trên của nó đổi bằng cách cập nhật danh mục đơn vị hành chính",
				"this area moved between parents over time; its parent changes through an update of the official list")
		}
		a.Parents = old.Parents
	}
	return nil
}

// save writes the area in the form.
func (t *areaTab) save() error {
	a, err := t.read()
	if err != nil {
		return err
	}
	return t.c.saveAndShow(areaSubset(t.c.cat(), []catalog.Area{a}), a.Code, t.load)
}

// retire sets the valid-to date (yyyy-mm-dd) of the area edited.
func (t *areaTab) retire(date string) error {
	cat := t.c.cat()
	i := slices.IndexFunc(cat.Areas, func(x catalog.Area) bool { return x.Code == t.code })
	if i < 0 {
		return msg.New("hãy chọn một địa bàn đã lưu", "choose a saved area")
	}
	a := cat.Areas[i]
	if err := checkRetire(a.ValidFrom, date); err != nil {
		return err
	}
	a.Successors = slices.Clone(a.Successors)
	a.ValidTo = date
	return t.c.saveAndShow(areaSubset(cat, []catalog.Area{a}), a.Code, t.load)
}

func (t *areaTab) askRetire() { t.c.askRetire(t.code, lang.L("Retire area"), t.retire) }

// delete deletes the area edited; it fails with store.ErrInUse when data,
// child areas or targets refer to it.
func (t *areaTab) delete() error {
	return t.c.deleteAndClear(t.code, t.c.s.st.DeleteArea, t.load)
}

func (t *areaTab) askDelete() {
	if t.code == "" {
		return
	}
	name := t.name.Text
	t.c.confirmDelete(lang.L("Delete area"), name, t.delete, func(error) string {
		return lang.L("{{.Name}} has data, child areas or targets, so it cannot be deleted: its history must stay. Retire it instead, so it is no longer used from a date on?", map[string]any{"Name": name})
	}, t.askRetire)
}
