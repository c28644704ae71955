package app

import (
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

// periodTypes are the period types of data sets, as catalogs write them.
var periodTypes = []string{"year", "quarter", "month", "6months", "9months"}

func periodTypeLabel(p string) string {
	switch p {
	case "year":
		return lang.L("Yearly")
	case "quarter":
		return lang.L("Quarterly")
	case "month":
		return lang.L("Monthly")
	case "6months":
		return lang.L("Six months (S1, S2)")
	case "9months":
		return lang.L("Nine months (cumulated)")
	}
	return p
}

// dataSetTab edits the data sets (Biểu nhập): entry forms collecting a list
// of elements in order.
type dataSetTab struct {
	catalogEditor
	nameVI, nameEN *widget.Entry
	periodType     *widget.Select
	dueDays        *widget.Entry // days after the end of the period by which the report is due
	dueDate        string        // a fixed day of the year (mm-dd) from the catalog, kept as it is
	elements       []string      // the data set's elements, in order
	chosen         int           // index in elements, -1 for none
	elementList    *widget.List
	addSelect      *widget.Select
	addCodes       []string // codes of addSelect's options
}

func newDataSetTab(c *catalogUI) *dataSetTab {
	t := &dataSetTab{chosen: -1}
	t.catalogEditor = newCatalogEditor(c, "KTXH_XA", t.load)
	t.nameVI = newEntry(lang.L("e.g. Chỉ tiêu kinh tế - xã hội cấp xã"), c.requiredValidator)
	t.nameEN = newEntry("", nil)
	t.periodType = widget.NewSelect(optionLabels(periodTypes, periodTypeLabel), nil)
	t.dueDays = newEntry(lang.X("catalog.dueExample", "e.g. 15"), func(s string) error {
		_, err := readDueDays(s)
		return err
	})

	t.elementList = widget.NewList(
		func() int { return len(t.elements) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("HH_TOTAL — Tổng số hộ")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			o.(*widget.Label).SetText(t.elementLabel(t.elements[i]))
		})
	t.elementList.OnSelected = func(i widget.ListItemID) { t.chosen = i }
	t.elementList.OnUnselected = func(widget.ListItemID) { t.chosen = -1 }
	t.addSelect = widget.NewSelect(nil, nil)
	t.addSelect.PlaceHolder = lang.L("(choose an element to add)")
	add := widget.NewButtonWithIcon(lang.L("Add"), theme.ContentAddIcon(), func() {
		if i := t.addSelect.SelectedIndex(); i >= 0 {
			t.add(t.addCodes[i])
		}
	})
	remove := widget.NewButtonWithIcon(lang.L("Remove"), theme.ContentRemoveIcon(), func() { t.remove(t.chosen) })
	up := widget.NewButtonWithIcon(lang.L("Up"), theme.MoveUpIcon(), func() { t.move(t.chosen, -1) })
	down := widget.NewButtonWithIcon(lang.L("Down"), theme.MoveDownIcon(), func() { t.move(t.chosen, +1) })
	editList := container.NewBorder(
		container.NewBorder(nil, nil, nil, add, t.addSelect),
		container.NewHBox(up, down, remove), nil, nil,
		minHeight(t.elementList, 280))

	t.form = t.newForm(t.nameVI, t.nameEN,
		&widget.FormItem{Text: lang.L("Period"), Widget: t.periodType},
		&widget.FormItem{Text: lang.X("catalog.due", "Due (days after the period)"), Widget: t.dueDays,
			HintText: lang.X("catalog.dueHint", "The report is due that many days after the end of the period: 15 for a yearly report due on 15 January. Empty: no deadline.")},
		&widget.FormItem{Text: lang.L("Elements"), Widget: editList, HintText: lang.L("In the order of the entry form")},
	)
	t.content = splitPane(t.list.content, editorPane(t.title, t.form, nil, newButton(t.load), c.saveButton(t.save)))
	t.refresh()
	t.load("")
	return t
}

func (t *dataSetTab) elementLabel(code string) string {
	for _, e := range t.c.cat().Elements {
		if e.Code == code {
			return t.c.codeName(code, e.NameVI, e.NameEN)
		}
	}
	return code
}

func (t *dataSetTab) refresh() {
	var items []listItem
	for _, d := range t.c.cat().DataSets {
		items = append(items, listItem{code: d.Code, label: t.c.pick(d.NameVI, d.NameEN)})
	}
	sortByCode(items)
	t.list.set(items)
	t.updateChoices()
}

// updateChoices offers the elements not yet in the data set.
func (t *dataSetTab) updateChoices() {
	var options []string
	t.addCodes = nil
	for _, e := range t.c.cat().Elements {
		if !slices.Contains(t.elements, e.Code) {
			options = append(options, t.c.codeName(e.Code, e.NameVI, e.NameEN))
			t.addCodes = append(t.addCodes, e.Code)
		}
	}
	t.addSelect.ClearSelected()
	t.addSelect.SetOptions(options)
	t.elementList.Refresh()
}

// add appends an element to the data set.
func (t *dataSetTab) add(code string) {
	if code == "" || slices.Contains(t.elements, code) {
		return
	}
	t.elements = append(t.elements, code)
	t.updateChoices()
	t.elementList.Select(len(t.elements) - 1)
}

// remove takes the element at i out of the data set.
func (t *dataSetTab) remove(i int) {
	if i < 0 || i >= len(t.elements) {
		return
	}
	t.elements = slices.Delete(t.elements, i, i+1)
	t.elementList.UnselectAll()
	t.updateChoices()
}

// move moves the element at i by delta places.
func (t *dataSetTab) move(i, delta int) {
	j := i + delta
	if i < 0 || i >= len(t.elements) || j < 0 || j >= len(t.elements) {
		return
	}
	t.elements[i], t.elements[j] = t.elements[j], t.elements[i]
	t.elementList.Refresh()
	t.elementList.Select(j)
}

func (t *dataSetTab) load(code string) {
	cat := t.c.cat()
	d := catalog.DataSet{PeriodType: "year"}
	if i := slices.IndexFunc(cat.DataSets, func(x catalog.DataSet) bool { return x.Code == code }); i >= 0 && code != "" {
		d = cat.DataSets[i]
	} else {
		code = ""
	}
	t.show(code, t.c.pick(d.NameVI, d.NameEN), lang.L("New data set"))
	t.nameVI.SetText(d.NameVI)
	t.nameEN.SetText(d.NameEN)
	t.periodType.SetSelected(periodTypeLabel(d.PeriodType))
	t.dueDays.SetText("")
	if d.DueDays > 0 {
		t.dueDays.SetText(strconv.Itoa(d.DueDays))
	}
	t.dueDate = d.DueDate
	t.elements = slices.Clone(d.Elements)
	t.elementList.UnselectAll()
	t.chosen = -1
	t.updateChoices()
}

func (t *dataSetTab) read() (catalog.DataSet, error) {
	cat := t.c.cat()
	if err := t.c.validate(t.form); err != nil {
		return catalog.DataSet{}, err
	}
	d := catalog.DataSet{NameVI: text(t.nameVI), NameEN: text(t.nameEN), Elements: slices.Clone(t.elements)}
	var err error
	if d.Code, err = t.readCode(); err != nil {
		return d, err
	}
	if t.code == "" && slices.ContainsFunc(cat.DataSets, func(x catalog.DataSet) bool { return x.Code == d.Code }) {
		return d, msg.New("đã có biểu nhập mã "+d.Code, "a data set with code "+d.Code+" already exists")
	}
	i := t.periodType.SelectedIndex()
	if i < 0 {
		return d, msg.New("hãy chọn kỳ nhập", "choose the period")
	}
	d.PeriodType = periodTypes[i]
	if d.DueDays, err = readDueDays(t.dueDays.Text); err != nil {
		return d, err
	}
	if d.DueDays == 0 {
		d.DueDate = t.dueDate
	}
	if len(d.Elements) == 0 {
		return d, msg.New("hãy thêm ít nhất một chỉ tiêu", "add at least one element")
	}
	return d, nil
}

func (t *dataSetTab) save() error {
	d, err := t.read()
	if err != nil {
		return err
	}
	part := elementSubset(t.c.cat(), nil)
	part.DataSets = []catalog.DataSet{d}
	return t.c.saveAndShow(part, d.Code, t.load)
}

// readDueDays reads the days after the period by which a report is due:
// empty (no deadline) or a whole number from 1 to 366.
func readDueDays(s string) (int, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 || n > 366 {
		return 0, msg.New("hạn nộp là số ngày sau khi hết kỳ, từ 1 đến 366", "the deadline is a number of days after the period, from 1 to 366")
	}
	return n, nil
}
