package app

import (
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"chiso/data/catalog"
	"chiso/data/msg"
	"chiso/data/number"
	"chiso/data/period"
)

// targetTab edits the targets (Kế hoạch): planned values of an element or
// indicator for an area and a period or range of years.
type targetTab struct {
	c    *catalogUI
	list *codeList

	title   *widget.Label
	code    *widget.Select
	codes   []string // codes of the code choices, by index
	area    *areaPicker
	period  *widget.Entry
	value   *widget.Entry
	form    *widget.Form
	content fyne.CanvasObject
}

// targetKey is how a target shows in the list: code, area and period.
func targetKey(t catalog.Target) string { return t.Code + "|" + t.Area + "|" + t.Period }

func newTargetTab(c *catalogUI) *targetTab {
	t := &targetTab{c: c}
	t.list = newCodeList(lang.L("Search by name or code…"))
	t.list.OnSelected = t.load

	t.title = heading()
	t.code = widget.NewSelect(nil, nil)
	t.code.PlaceHolder = lang.L("(choose)")
	t.area = newAreaPicker(c, false)
	t.period = newEntry("2025 / 2021-2025", func(s string) error {
		if _, err := period.Parse(s); err != nil {
			return c.invalid("Kỳ là một năm (2025), quý (2025Q1), tháng (202501) hay giai đoạn (2021-2025)",
				"A period is a year (2025), quarter (2025Q1), month (202501) or range (2021-2025)")
		}
		return nil
	})
	t.value = newEntry("", func(s string) error {
		if strings.TrimSpace(s) == "" {
			return c.invalid("Cần nhập giá trị", "A value is required")
		}
		return c.numberValidator(s)
	})
	t.form = widget.NewForm(
		&widget.FormItem{Text: lang.L("Element or indicator"), Widget: t.code},
		&widget.FormItem{Text: lang.L("Area"), Widget: t.area.content},
		&widget.FormItem{Text: lang.L("Period"), Widget: t.period, HintText: lang.L("A year such as 2025, or a range such as 2021-2025")},
		&widget.FormItem{Text: lang.L("Planned value"), Widget: t.value},
	)
	note := widget.NewLabel(lang.L("Saving a target for the same element, area and period replaces its value."))
	note.Importance = widget.LowImportance
	note.Wrapping = fyne.TextWrapWord
	t.content = splitPane(t.list.content, editorPane(t.title, withTop(t.form, note), nil, newButton(t.load), c.saveButton(t.save)))
	t.refresh()
	t.load("")
	return t
}

func (t *targetTab) refresh() {
	cat := t.c.cat()
	var options []string
	t.codes = nil
	names := map[string]string{}
	for _, e := range cat.Elements {
		options = append(options, t.c.codeName(e.Code, e.NameVI, e.NameEN))
		t.codes = append(t.codes, e.Code)
		names[e.Code] = t.c.pick(e.NameVI, e.NameEN)
	}
	for _, in := range cat.Indicators {
		options = append(options, t.c.codeName(in.Code, in.NameVI, in.NameEN))
		t.codes = append(t.codes, in.Code)
		names[in.Code] = t.c.pick(in.NameVI, in.NameEN)
	}
	t.code.SetOptions(options)
	areas := map[string]string{}
	for _, a := range cat.Areas {
		areas[a.Code] = a.Name
	}
	var items []listItem
	for _, x := range cat.Targets {
		p := x.Period
		if pp, err := period.Parse(x.Period); err == nil {
			p = pp.Label(t.c.s.lang)
		}
		label := names[x.Code] + " · " + areas[x.Area] + " · " + p
		items = append(items, listItem{code: targetKey(x), label: label, right: number.Format(x.Value, -1, t.c.s.style)})
	}
	t.list.set(items) // in the store's order: code, area, period
}

// load shows the target with key (see targetKey) in the form, or an empty
// form for "".
func (t *targetTab) load(key string) {
	cat := t.c.cat()
	x := catalog.Target{}
	if i := slices.IndexFunc(cat.Targets, func(x catalog.Target) bool { return targetKey(x) == key }); i >= 0 {
		x = cat.Targets[i]
		t.title.SetText(lang.L("Target"))
	} else {
		key = ""
		t.title.SetText(lang.L("New target"))
	}
	t.list.mark(key)
	if i := slices.Index(t.codes, x.Code); i >= 0 {
		t.code.SetSelectedIndex(i)
	} else {
		t.code.ClearSelected()
	}
	t.area.set(x.Area)
	t.period.SetText(x.Period)
	value := ""
	if x.Value != "" {
		value = number.Format(x.Value, -1, t.c.s.style)
	}
	t.value.SetText(value)
}

func (t *targetTab) read() (catalog.Target, error) {
	cat := t.c.cat()
	x := catalog.Target{Area: t.area.code}
	i := t.code.SelectedIndex()
	if i < 0 || i >= len(t.codes) {
		return x, msg.New("hãy chọn chỉ tiêu hoặc chỉ số", "choose an element or indicator")
	}
	x.Code = t.codes[i]
	if x.Area == "" || !slices.ContainsFunc(cat.Areas, func(a catalog.Area) bool { return a.Code == x.Area }) {
		return x, msg.New("hãy chọn địa bàn", "choose an area")
	}
	p, err := period.Parse(t.period.Text)
	if err != nil {
		return x, msg.New("kỳ "+strings.TrimSpace(t.period.Text)+" không hợp lệ: hãy nhập một năm (2025), quý (2025Q1), tháng (202501) hay giai đoạn (2021-2025)",
			"period "+strings.TrimSpace(t.period.Text)+" is not valid: write a year (2025), quarter (2025Q1), month (202501) or range (2021-2025)")
	}
	x.Period = p.String()
	if strings.TrimSpace(t.value.Text) == "" {
		return x, msg.New("cần nhập giá trị kế hoạch", "the planned value is required")
	}
	if x.Value, err = number.Parse(t.value.Text, t.c.s.style); err != nil {
		return x, err
	}
	return x, nil
}

func (t *targetTab) save() error {
	x, err := t.read()
	if err != nil {
		return err
	}
	return t.c.saveAndShow(&catalog.Catalog{Targets: []catalog.Target{x}}, targetKey(x), t.load)
}
