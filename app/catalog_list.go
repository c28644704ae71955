package app

import (
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"chiso/data/vntext"
)

// listItem is one entry of a catalog list.
type listItem struct {
	code, label, note string
	right             string // shown on the right; the code when empty
}

// codeList is a list with a search field above: the search ignores case,
// diacritics and word order and looks at the code and the label.
type codeList struct {
	all, shown []listItem
	selected   string
	quiet      bool // selecting from code: do not call OnSelected

	search  *widget.Entry
	list    *widget.List
	count   *widget.Label
	content fyne.CanvasObject

	OnSelected func(code string)
}

func newCodeList(placeholder string) *codeList {
	l := &codeList{}
	l.search = widget.NewEntry()
	l.search.SetPlaceHolder(placeholder)
	l.search.OnChanged = func(string) { l.filter() }
	l.list = widget.NewList(
		func() int { return len(l.shown) },
		func() fyne.CanvasObject {
			name := widget.NewLabel("Thành phố Hạ Long")
			name.Truncation = fyne.TextTruncateEllipsis
			code := widget.NewLabel("QN_HALONG")
			code.Importance = widget.LowImportance
			return container.NewBorder(nil, nil, nil, code, name)
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			box := o.(*fyne.Container)
			it := l.shown[i]
			label := it.label
			if it.note != "" {
				label += " " + it.note
			}
			right := it.right
			if right == "" {
				right = it.code
			}
			box.Objects[0].(*widget.Label).SetText(label)
			box.Objects[1].(*widget.Label).SetText(right)
			box.Refresh() // lay out again for the width of the new texts
		})
	l.list.OnSelected = func(i widget.ListItemID) {
		if i >= len(l.shown) {
			return
		}
		l.selected = l.shown[i].code
		if !l.quiet && l.OnSelected != nil {
			l.OnSelected(l.selected)
		}
	}
	l.count = widget.NewLabel("")
	l.count.Importance = widget.LowImportance
	l.content = container.NewBorder(l.search, l.count, nil, nil, l.list)
	return l
}

// set replaces the items, keeping the search and the selection.
func (l *codeList) set(items []listItem) {
	l.all = items
	l.filter()
}

// filter shows the items that match the search.
func (l *codeList) filter() {
	q := l.search.Text
	l.shown = l.shown[:0]
	for _, it := range l.all {
		if vntext.Contains(it.code+" "+it.label+" "+it.right, q) {
			l.shown = append(l.shown, it)
		}
	}
	l.count.SetText(lang.L("{{.Shown}} of {{.All}}", map[string]any{"Shown": len(l.shown), "All": len(l.all)}))
	l.list.UnselectAll()
	l.list.Refresh()
	l.mark(l.selected)
}

// mark selects the item with code in the list without calling OnSelected
// ("" unselects).
func (l *codeList) mark(code string) {
	l.selected = code
	l.quiet = true
	defer func() { l.quiet = false }()
	for i, it := range l.shown {
		if it.code == code {
			l.list.Select(i)
			l.list.ScrollTo(i)
			return
		}
	}
	l.list.UnselectAll()
}

// codes returns the codes shown, in order.
func (l *codeList) codes() []string {
	out := make([]string, len(l.shown))
	for i, it := range l.shown {
		out[i] = it.code
	}
	return out
}

// sortByLabel sorts items in Vietnamese order of their labels.
func sortByLabel(items []listItem) {
	slices.SortStableFunc(items, func(a, b listItem) int { return vntext.Compare(a.label, b.label) })
}

// sortByCode sorts items by code.
func sortByCode(items []listItem) {
	slices.SortStableFunc(items, func(a, b listItem) int { return strings.Compare(a.code, b.code) })
}

// --- Choosing an area ---

// areaPicker shows the chosen area on a button; tapping it opens a
// searchable list of the areas.
type areaPicker struct {
	c       *catalogUI
	code    string
	none    string // the label when no area is chosen
	button  *widget.Button
	clear   *widget.Button
	content fyne.CanvasObject
	exclude func(code string) bool // areas not offered (nil: none)

	OnChanged func(code string)
}

func newAreaPicker(c *catalogUI, allowNone bool) *areaPicker {
	p := &areaPicker{c: c, none: lang.L("(none)")}
	if !allowNone {
		p.none = lang.L("(choose)")
	}
	p.button = widget.NewButtonWithIcon("", theme.SearchIcon(), p.open)
	p.button.Alignment = widget.ButtonAlignLeading
	p.clear = widget.NewButtonWithIcon("", theme.ContentClearIcon(), func() { p.set("") })
	if allowNone {
		p.content = container.NewBorder(nil, nil, nil, p.clear, p.button)
	} else {
		p.content = p.button
	}
	p.set("")
	return p
}

// set chooses the area with code ("" for none).
func (p *areaPicker) set(code string) {
	changed := code != p.code
	p.code = code
	label := p.none
	if code != "" {
		label = code
		for _, a := range p.c.cat().Areas {
			if a.Code == code {
				label = a.Name + " (" + code + ")"
			}
		}
	}
	p.button.SetText(label)
	if changed && p.OnChanged != nil {
		p.OnChanged(code)
	}
}

func (p *areaPicker) open() {
	l := newCodeList(lang.L("Search by name or code…"))
	l.set(p.items())
	var d dialog.Dialog
	l.OnSelected = func(code string) {
		p.set(code)
		d.Hide()
	}
	d = dialog.NewCustom(lang.L("Choose an area"), lang.L("Cancel"), l.content, p.c.s.win)
	d.Resize(fyne.NewSize(520, 600))
	d.Show()
	p.c.s.win.Canvas().Focus(l.search)
}

// items returns the areas offered.
func (p *areaPicker) items() []listItem {
	var items []listItem
	for _, a := range p.c.cat().Areas {
		if p.exclude != nil && p.exclude(a.Code) {
			continue
		}
		items = append(items, listItem{code: a.Code, label: a.Name, note: untilNote(a.ValidTo)})
	}
	sortByLabel(items)
	return items
}

// untilNote returns "(until dd/mm/yyyy)" for a retired entry, "" otherwise.
func untilNote(validTo string) string {
	if validTo == "" {
		return ""
	}
	return lang.L("(until {{.Date}})", map[string]any{"Date": showDate(validTo)})
}
