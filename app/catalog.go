package app

import (
	"context"
	"errors"
	"image/color"
	"slices"
	"strings"
	"time"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"chiso/data/catalog"
	"chiso/data/exchange"
	"chiso/data/msg"
	"chiso/data/number"
	"chiso/data/store"
	"chiso/data/vntext"
)

// catalogUI is the catalog screen (Danh mục): one tab each for areas,
// elements, indicators, data sets and targets, each a searchable list on
// the left and an edit form on the right, and one for the official
// catalog's version and legal bases.
type catalogUI struct {
	s    *session
	tabs *container.AppTabs

	areas      *areaTab
	elements   *elementTab
	indicators *indicatorTab
	datasets   *dataSetTab
	targets    *targetTab
	official   *officialTab
}

// catalogScreen is the catalog screen (Danh mục).
func catalogScreen(s *session) fyne.CanvasObject {
	return newCatalogUI(s).tabs
}

func newCatalogUI(s *session) *catalogUI {
	c := &catalogUI{s: s}
	c.areas = newAreaTab(c)
	c.elements = newElementTab(c)
	c.indicators = newIndicatorTab(c)
	c.datasets = newDataSetTab(c)
	c.targets = newTargetTab(c)
	c.official = newOfficialTab(c)
	c.tabs = container.NewAppTabs(
		container.NewTabItemWithIcon(lang.L("Areas"), theme.HomeIcon(), c.areas.content),
		container.NewTabItemWithIcon(lang.L("Elements"), theme.DocumentCreateIcon(), c.elements.content),
		container.NewTabItemWithIcon(lang.L("Indicators"), theme.ContentAddIcon(), c.indicators.content),
		container.NewTabItemWithIcon(lang.L("Data sets"), theme.ListIcon(), c.datasets.content),
		container.NewTabItemWithIcon(lang.L("Targets"), theme.ConfirmIcon(), c.targets.content),
		container.NewTabItemWithIcon(lang.L("Legal bases"), theme.DocumentIcon(), c.official.content),
	)
	return c
}

// cat returns the catalog of the open database.
func (c *catalogUI) cat() *catalog.Catalog { return c.s.catalog() }

// save writes part of the catalog (see the subset helpers), then reads the
// catalog again and refreshes every tab.
func (c *catalogUI) save(part *catalog.Catalog) error {
	if err := c.s.st.SaveCatalog(context.Background(), part); err != nil {
		return msg.Wrap(err, "không lưu được danh mục", "the catalog could not be saved")
	}
	return c.changed()
}

// changed reads the catalog again after the database changed and refreshes
// every tab's list and choices.
func (c *catalogUI) changed() error {
	if err := c.s.reload(); err != nil {
		return msg.Wrap(err, "đã lưu, nhưng không đọc lại được danh mục", "saved, but the catalog could not be read again")
	}
	for _, f := range []func(){c.areas.refresh, c.elements.refresh, c.indicators.refresh, c.datasets.refresh, c.targets.refresh, c.official.refresh} {
		f()
	}
	return nil
}

// pick returns vi or en in the interface language.
func (c *catalogUI) pick(vi, en string) string {
	if c.s.lang == "en" {
		return en
	}
	return vi
}

// invalid returns an error for a validator, in the interface language.
func (c *catalogUI) invalid(vi, en string) error { return errors.New(c.pick(vi, en)) }

// showError shows err, or does nothing for nil.
func (c *catalogUI) showError(err error) { c.s.showError(err) }

// --- Codes, texts, dates and numbers of the forms ---

// text returns an entry's text trimmed and in NFC.
func text(e *widget.Entry) string { return strings.TrimSpace(vntext.NFC(e.Text)) }

// codeValidator accepts a catalog code: capital letters A–Z, digits and _.
func (c *catalogUI) codeValidator(s string) error {
	s = strings.TrimSpace(s)
	if s == "" {
		return c.invalid("Cần nhập mã", "A code is required")
	}
	if !exchange.ValidCode(s) {
		return c.invalid("Mã chỉ gồm chữ in hoa không dấu (A–Z), chữ số và dấu _", "A code holds only capital letters A–Z, digits and _")
	}
	return nil
}

// requiredValidator refuses an empty text.
func (c *catalogUI) requiredValidator(s string) error {
	if strings.TrimSpace(s) == "" {
		return c.invalid("Không được để trống", "This cannot be empty")
	}
	return nil
}

// dateValidator accepts an empty text or a real date dd/mm/yyyy.
func (c *catalogUI) dateValidator(s string) error {
	if _, err := c.readDate(s); err != nil {
		return errors.New(msg.Text(err, c.s.lang))
	}
	return nil
}

// readDate reads a date typed dd/mm/yyyy (or yyyy-mm-dd) and returns it as
// yyyy-mm-dd; "" for an empty text.
func (c *catalogUI) readDate(s string) (string, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", nil
	}
	d, ok := exchange.ParseDate(s)
	if !ok {
		return "", msg.New("ngày "+s+" không hợp lệ: hãy nhập dạng ngày/tháng/năm, ví dụ 01/07/2025",
			"date "+s+" is not valid: write day/month/year, e.g. 01/07/2025")
	}
	return d, nil
}

// showDate returns a date yyyy-mm-dd as dd/mm/yyyy.
func showDate(d string) string {
	if t, err := time.Parse("2006-01-02", d); err == nil {
		return t.Format("02/01/2006")
	}
	return d
}

// numberValidator accepts an empty text or a number in the session's style.
func (c *catalogUI) numberValidator(s string) error {
	if _, err := c.readNumber(s); err != nil {
		return errors.New(msg.Text(err, c.s.lang))
	}
	return nil
}

// readNumber reads an optional number typed in the session's style.
func (c *catalogUI) readNumber(s string) (*float64, error) {
	if strings.TrimSpace(s) == "" {
		return nil, nil
	}
	v, err := number.Parse(s, c.s.style)
	if err != nil {
		return nil, err
	}
	f := number.Float(v)
	return &f, nil
}

// showNumber writes an optional number in the session's style.
func (c *catalogUI) showNumber(f *float64) string {
	if f == nil {
		return ""
	}
	return number.Format(number.Canonical(*f), -1, c.s.style)
}

// decimalsValidator accepts a whole number of decimals from 0 to 6.
func (c *catalogUI) decimalsValidator(s string) error {
	if _, err := readDecimals(s); err != nil {
		return errors.New(msg.Text(err, c.s.lang))
	}
	return nil
}

func readDecimals(s string) (int, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, nil
	}
	if len(s) == 1 && s[0] >= '0' && s[0] <= '6' {
		return int(s[0] - '0'), nil
	}
	return 0, msg.New("số chữ số thập phân phải từ 0 đến 6", "decimals must be from 0 to 6")
}

// splitCodes reads codes separated by commas, semicolons or spaces.
func splitCodes(s string) []string {
	var out []string
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ';' || r == ' ' }) {
		if f = strings.ToUpper(strings.TrimSpace(f)); f != "" && !slices.Contains(out, f) {
			out = append(out, f)
		}
	}
	return out
}

// newEntry returns a one-line entry with a placeholder and a validator.
func newEntry(placeholder string, validator fyne.StringValidator) *widget.Entry {
	e := widget.NewEntry()
	e.SetPlaceHolder(placeholder)
	e.Validator = validator
	return e
}

// validate runs a form's validators and then check, and returns the first
// error in both languages.
func (c *catalogUI) validate(form *widget.Form) error {
	for _, item := range form.Items {
		if v, ok := item.Widget.(fyne.Validatable); ok {
			if err := v.Validate(); err != nil {
				return msg.New(item.Text+": "+err.Error(), item.Text+": "+err.Error())
			}
		}
	}
	return nil
}

// --- Layout pieces shared by the tabs ---

// heading returns a bold label in the sub-heading size.
func heading() *widget.Label {
	l := widget.NewLabel("")
	l.TextStyle.Bold = true
	l.SizeName = theme.SizeNameSubHeadingText
	l.Truncation = fyne.TextTruncateEllipsis
	return l
}

// editorPane lays out an editor: a heading, the form scrolling, the buttons
// under it.
func editorPane(title *widget.Label, form fyne.CanvasObject, left []fyne.CanvasObject, right ...fyne.CanvasObject) fyne.CanvasObject {
	buttons := container.NewBorder(nil, nil, container.NewHBox(left...), container.NewHBox(right...))
	bottom := container.NewVBox(widget.NewSeparator(), buttons)
	return container.NewBorder(title, bottom, nil, nil, container.NewVScroll(container.NewPadded(form)))
}

// splitPane puts the list on the left of the editor.
func splitPane(list, editor fyne.CanvasObject) fyne.CanvasObject {
	split := container.NewHSplit(list, editor)
	split.Offset = 0.3
	return split
}

// saveButton returns the Save button of a form: it calls save and shows
// its error.
func (c *catalogUI) saveButton(save func() error) *widget.Button {
	b := widget.NewButtonWithIcon(lang.L("Save"), theme.DocumentSaveIcon(), func() { c.showError(save()) })
	b.Importance = widget.HighImportance
	return b
}

// newButton returns the New button of a form: it shows an empty form with
// load("").
func newButton(load func(code string)) *widget.Button {
	return widget.NewButtonWithIcon(lang.L("New"), theme.ContentAddIcon(), func() { load("") })
}

// optionLabels returns the label of each value, in order: the options of a
// Select whose index is the index in values.
func optionLabels[T any](values []T, label func(T) string) []string {
	var out []string
	for _, v := range values {
		out = append(out, label(v))
	}
	return out
}

// codeName returns "code — name", the name in the interface language: how
// a Select offers an element or indicator.
func (c *catalogUI) codeName(code, vi, en string) string {
	return code + " — " + c.pick(vi, en)
}

// minHeight gives o a minimum height (lists inside forms).
func minHeight(o fyne.CanvasObject, h float32) fyne.CanvasObject {
	r := canvas.NewRectangle(color.Transparent)
	r.SetMinSize(fyne.NewSize(10, h))
	return container.NewStack(r, o)
}

// errorLabel returns a label for an error under a field, hidden while empty.
func errorLabel() *widget.Label {
	l := widget.NewLabel("")
	l.Importance = widget.DangerImportance
	l.Wrapping = fyne.TextWrapWord
	l.Hide()
	return l
}

// setError shows err (in the interface language) in l, or hides l.
// It reports whether the label appeared or disappeared, so that the
// form holding it must be laid out again.
func (c *catalogUI) setError(l *widget.Label, err error) bool {
	was := l.Visible()
	if err == nil {
		l.SetText("")
		l.Hide()
		return was
	}
	text := []rune(msg.Text(err, c.s.lang))
	text[0] = unicode.ToUpper(text[0])
	l.SetText(string(text))
	l.Show()
	return !was
}

// confirmDelete asks before deleting the entry called name; when data
// refer to it (store.ErrInUse), it says why (inUse) and offers to retire it
// instead.
func (c *catalogUI) confirmDelete(title, name string, del func() error, inUse func(error) string, retire func()) {
	dialog.ShowConfirm(title, lang.L("Delete {{.Name}} from the catalog?", map[string]any{"Name": name}), func(ok bool) {
		if !ok {
			return
		}
		err := del()
		if errors.Is(err, store.ErrInUse) {
			dialog.ShowConfirm(lang.L("Cannot delete"), inUse(err), func(yes bool) {
				if yes {
					retire()
				}
			}, c.s.win)
			return
		}
		c.showError(err)
	}, c.s.win)
}

// askRetire asks for the last valid day (dd/mm/yyyy, today by default) of
// the saved entry with code and calls retire with it as yyyy-mm-dd,
// showing its error. It does nothing for a new entry ("").
func (c *catalogUI) askRetire(code, title string, retire func(date string) error) {
	if code == "" {
		return
	}
	e := newEntry("dd/mm/yyyy", c.dateValidator)
	e.SetText(time.Now().Format("02/01/2006"))
	d := dialog.NewForm(title, lang.L("Retire"), lang.L("Cancel"),
		[]*widget.FormItem{{Text: lang.L("Last valid day"), Widget: e, HintText: lang.L("Day/month/year, e.g. 30/06/2025")}},
		func(ok bool) {
			if !ok {
				return
			}
			date, err := c.readDate(e.Text)
			if err == nil && date == "" {
				err = msg.New("cần nhập ngày", "a date is required")
			}
			if err != nil {
				c.showError(err)
				return
			}
			c.showError(retire(date))
		}, c.s.win)
	d.Resize(fyne.NewSize(460, 220))
	d.Show()
}

// checkRetire refuses to retire on date (yyyy-mm-dd) an entry valid from
// validFrom ("" for always).
func checkRetire(validFrom, date string) error {
	if validFrom != "" && date < validFrom {
		return msg.New("ngày ngừng sử dụng phải sau ngày bắt đầu "+showDate(validFrom),
			"the retirement date must follow the valid-from date "+showDate(validFrom))
	}
	return nil
}

// saveAndShow saves part (see save) and then shows the entry with code in
// the form with load.
func (c *catalogUI) saveAndShow(part *catalog.Catalog, code string, load func(code string)) error {
	if err := c.save(part); err != nil {
		return err
	}
	load(code)
	return nil
}

// deleteAndClear deletes the entry with code with del, reads the catalog
// again and empties the form with load. It does nothing for a new entry
// ("").
func (c *catalogUI) deleteAndClear(code string, del func(ctx context.Context, code string) error, load func(code string)) error {
	if code == "" {
		return nil
	}
	if err := del(context.Background(), code); err != nil {
		return err
	}
	if err := c.changed(); err != nil {
		return err
	}
	load("")
	return nil
}

// elementUse says what in the catalog reads element code (indicator
// formulas, rules, weights of other elements), or "" when nothing does.
func elementUse(cat *catalog.Catalog, code string) (vi, en string) {
	reads := func(formula string) bool {
		for _, f := range strings.FieldsFunc(formula, func(r rune) bool { return strings.ContainsRune(" +-*/()", r) }) {
			if f == code || strings.HasPrefix(f, code+".") {
				return true
			}
		}
		return false
	}
	for _, in := range cat.Indicators {
		if reads(in.Numerator) || reads(in.Denominator) {
			return "chỉ số " + in.Code + " dùng chỉ tiêu này trong công thức", "indicator " + in.Code + " reads it in its formula"
		}
	}
	for _, r := range cat.Rules {
		if reads(r.Left) || reads(r.Right) {
			return "quy tắc kiểm tra " + r.Code + " dùng chỉ tiêu này", "validation rule " + r.Code + " reads it"
		}
	}
	for _, e := range cat.Elements {
		if e.Code != code && e.Weight == code {
			return "chỉ tiêu " + e.Code + " dùng chỉ tiêu này làm trọng số", "element " + e.Code + " uses it as its weight"
		}
	}
	for _, d := range cat.DataSets {
		if slices.Contains(d.Elements, code) {
			return "biểu nhập " + d.Code + " có chỉ tiêu này", "data set " + d.Code + " collects it"
		}
	}
	return "", ""
}

// --- Consistent parts of the catalog to save ---

// areaSubset returns the part of cat to save areas: the levels, the groups,
// the areas, and the areas they refer to (parents up to the root, parents
// of before, successors), so that the part validates on its own.
func areaSubset(cat *catalog.Catalog, areas []catalog.Area) *catalog.Catalog {
	part := &catalog.Catalog{Levels: cat.Levels, Groups: cat.Groups}
	have := map[string]bool{}
	for _, a := range areas {
		have[a.Code] = true
		part.Areas = append(part.Areas, a)
	}
	byCode := map[string]catalog.Area{}
	for _, a := range cat.Areas {
		byCode[a.Code] = a
	}
	for i := 0; i < len(part.Areas); i++ { // grows while referred areas are added
		a := part.Areas[i]
		refs := append([]string{a.Parent}, a.Successors...)
		for _, p := range a.Parents {
			refs = append(refs, p.Parent)
		}
		for _, ref := range refs {
			if ref == "" || have[ref] {
				continue
			}
			if r, ok := byCode[ref]; ok {
				have[ref] = true
				part.Areas = append(part.Areas, r)
			}
		}
	}
	return part
}

// elementSubset returns the part of cat to save elements, indicators or
// data sets: the category options and every element, with the edited
// element (if any) in place of the one of the same code.
func elementSubset(cat *catalog.Catalog, edited *catalog.Element) *catalog.Catalog {
	part := &catalog.Catalog{Categories: cat.Categories}
	found := false
	for _, e := range cat.Elements {
		if edited != nil && e.Code == edited.Code {
			e, found = *edited, true
		}
		part.Elements = append(part.Elements, e)
	}
	if edited != nil && !found {
		part.Elements = append(part.Elements, *edited)
	}
	return part
}

// --- The searchable list of a tab ---

// withTop puts top above o.
func withTop(top, o fyne.CanvasObject) fyne.CanvasObject {
	return container.NewBorder(top, nil, nil, nil, o)
}

// codeField is the code of a catalog entry: an entry for a new one, a
// label once saved, as codes cannot change.
type codeField struct {
	entry   *widget.Entry
	label   *widget.Label
	content fyne.CanvasObject
}

func newCodeField(c *catalogUI, placeholder string) *codeField {
	f := &codeField{entry: newEntry(placeholder, c.codeValidator), label: widget.NewLabel("")}
	f.label.TextStyle = fyne.TextStyle{Bold: true}
	f.label.Hide()
	f.content = container.NewStack(f.entry, f.label)
	return f
}

// show shows the code of a saved entry, or an empty entry for "".
func (f *codeField) show(code string) {
	f.entry.SetText(code)
	f.label.SetText(code)
	if code == "" {
		f.label.Hide()
		f.entry.Show()
	} else {
		f.entry.Hide()
		f.label.Show()
	}
}

// --- The frame of a tab that edits entries by code ---

// catalogEditor is what the tabs of areas, elements, indicators and data
// sets share, embedded in each: the searchable list of the entries on the
// left and, on the right, the form of the entry edited under its heading.
type catalogEditor struct {
	c    *catalogUI
	list *codeList
	code string // the entry edited, "" for a new one

	title     *widget.Label
	codeField *codeField
	codeEntry *widget.Entry // the code typed for a new entry (codeField's entry)
	form      *widget.Form
	content   fyne.CanvasObject
}

// newCatalogEditor returns the frame of a tab whose list shows the entry
// picked with load; codeExample is the placeholder of a new entry's code.
func newCatalogEditor(c *catalogUI, codeExample string, load func(code string)) catalogEditor {
	e := catalogEditor{c: c, list: newCodeList(lang.L("Search by name or code…")),
		title: heading(), codeField: newCodeField(c, codeExample)}
	e.list.OnSelected = load
	e.codeEntry = e.codeField.entry
	return e
}

// newForm returns the form of an entry: its code, its name in Vietnamese
// and in English, then the items given.
func (e *catalogEditor) newForm(name, nameEN *widget.Entry, items ...*widget.FormItem) *widget.Form {
	return widget.NewForm(append([]*widget.FormItem{
		{Text: lang.L("Code"), Widget: e.codeField.content, HintText: lang.L("Capital letters A–Z, digits and _; cannot be changed once saved")},
		{Text: lang.L("Name"), Widget: name},
		{Text: lang.L("Name in English"), Widget: nameEN},
	}, items...)...)
}

// show starts showing the entry with code ("" for a new one): it marks it
// in the list and shows its code, and its name in the heading, or
// newTitle for a new entry.
func (e *catalogEditor) show(code, name, newTitle string) {
	e.code = code
	e.list.mark(code)
	e.codeField.show(code)
	if code == "" {
		e.title.SetText(newTitle)
	} else {
		e.title.SetText(name)
	}
}

// readCode returns the code of the entry in the form: the one edited, or
// the one typed for a new entry, checked.
func (e *catalogEditor) readCode() (string, error) {
	if e.code != "" {
		return e.code, nil
	}
	code := strings.TrimSpace(e.codeEntry.Text)
	if err := e.c.codeValidator(code); err != nil {
		return code, msg.New(lang.L("Code")+": "+err.Error(), lang.L("Code")+": "+err.Error())
	}
	return code, nil
}

// setEnabled enables buttons when on, and disables them otherwise.
func setEnabled(on bool, buttons ...*widget.Button) {
	for _, b := range buttons {
		if on {
			b.Enable()
		} else {
			b.Disable()
		}
	}
}
