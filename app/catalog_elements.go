package app

import (
	"slices"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"chiso/data/catalog"
	"chiso/data/exchange"
	"chiso/data/msg"
	"chiso/data/store"
)

// valueTypes and aggregations are offered in this order.
var (
	valueTypes   = []catalog.ValueType{catalog.Integer, catalog.Number, catalog.Percent, catalog.YesNo}
	aggregations = []catalog.Aggregation{catalog.Sum, catalog.Average, catalog.WeightedAverage, catalog.Min, catalog.Max, catalog.Last, catalog.CountYes}
)

func valueTypeLabel(v catalog.ValueType) string {
	switch v {
	case catalog.Integer:
		return lang.L("Whole number")
	case catalog.Number:
		return lang.L("Decimal number")
	case catalog.Percent:
		return lang.L("Percentage")
	case catalog.YesNo:
		return lang.L("Yes/No")
	}
	return string(v)
}

func timeAggregationLabel(t catalog.TimeAggregation) string {
	switch t {
	case catalog.TimeFlow:
		return lang.L("Sum of the periods (spending, houses built)")
	case catalog.TimeLevel:
		return lang.L("Value at the end of the period (population, households)")
	case catalog.TimeAverage:
		return lang.L("Average of the periods")
	case catalog.TimeNone:
		return lang.L("Not aggregated over time")
	}
	return string(t)
}

func aggregationLabel(a catalog.Aggregation) string {
	switch a {
	case catalog.Sum:
		return lang.L("Sum of the areas below")
	case catalog.Average:
		return lang.L("Average")
	case catalog.WeightedAverage:
		return lang.L("Weighted average")
	case catalog.Min:
		return lang.L("Smallest")
	case catalog.Max:
		return lang.L("Largest")
	case catalog.Last:
		return lang.L("Last value of the period")
	case catalog.CountYes:
		return lang.L("Count of Yes")
	}
	return string(a)
}

// elementTab edits the data elements (Chỉ tiêu).
type elementTab struct {
	catalogEditor
	nameVI, nameEN           *widget.Entry
	unitVI, unitEN           *widget.Entry
	valueType, aggregation   *widget.Select
	timeAggregation          *widget.Select
	dhis2                    *widget.Label // the DHIS2 aggregationType of the two choices
	weight                   *widget.Select
	categories               *widget.Entry
	min, max, expMin, expMax *widget.Entry
	decimals                 *widget.Entry
	from, to                 *widget.Entry
	legalBasis               *widget.Entry
	definitions              *widget.Entry // one change of definition a line
	saveButton, retireButton *widget.Button
	deleteButton             *widget.Button
	weightCodes              []string // codes of the weight choices, by index
}

func newElementTab(c *catalogUI) *elementTab {
	t := &elementTab{}
	t.catalogEditor = newCatalogEditor(c, "HH_POOR", t.load)
	t.nameVI = newEntry(lang.L("e.g. Số hộ nghèo"), c.requiredValidator)
	t.nameEN = newEntry("", nil)
	t.unitVI = newEntry(lang.L("e.g. hộ"), nil)
	t.unitEN = newEntry("", nil)
	t.valueType = widget.NewSelect(optionLabels(valueTypes, valueTypeLabel), nil)
	t.aggregation = widget.NewSelect(optionLabels(aggregations, aggregationLabel), func(string) { t.showDHIS2() })
	t.timeAggregation = widget.NewSelect(optionLabels(catalog.TimeAggregations, timeAggregationLabel), func(string) { t.showDHIS2() })
	t.dhis2 = widget.NewLabel("")
	t.definitions = widget.NewMultiLineEntry()
	t.definitions.SetPlaceHolder("2022 | chuẩn nghèo mới | new poverty standard | chuẩn nghèo đa chiều | multidimensional poverty standard | Nghị định 07/2021/NĐ-CP")
	t.definitions.Wrapping = fyne.TextWrapOff
	t.definitions.SetMinRowsVisible(3)
	t.weight = widget.NewSelect(nil, nil)
	t.weight.PlaceHolder = lang.L("(none)")
	t.categories = newEntry("NEW, REPAIR", nil)
	t.min = newEntry("", c.numberValidator)
	t.max = newEntry("", c.numberValidator)
	t.expMin = newEntry("", c.numberValidator)
	t.expMax = newEntry("", c.numberValidator)
	t.decimals = newEntry("0", c.decimalsValidator)
	t.from = newEntry("dd/mm/yyyy", c.dateValidator)
	t.to = newEntry("dd/mm/yyyy", c.dateValidator)
	t.legalBasis = newEntry(lang.L("e.g. Thông tư 01/2024/TT-BKHĐT"), nil)
	t.form = t.newForm(t.nameVI, t.nameEN,
		&widget.FormItem{Text: lang.L("Unit"), Widget: t.unitVI},
		&widget.FormItem{Text: lang.L("Unit in English"), Widget: t.unitEN},
		&widget.FormItem{Text: lang.L("Value type"), Widget: t.valueType},
		&widget.FormItem{Text: lang.L("Aggregation"), Widget: t.aggregation, HintText: lang.L("How the values of the areas below make the value of their parent")},
		&widget.FormItem{Text: lang.L("Over time"), Widget: t.timeAggregation,
			HintText: lang.L("How the values of the parts of a period make the whole: a range from its years, a year from its quarters")},
		&widget.FormItem{Text: "DHIS2", Widget: t.dhis2},
		&widget.FormItem{Text: lang.L("Weight"), Widget: t.weight, HintText: lang.L("For a weighted average: the element whose values weight it")},
		&widget.FormItem{Text: lang.L("Categories"), Widget: t.categories, HintText: lang.L("Codes of category options, separated by commas")},
		&widget.FormItem{Text: lang.L("Minimum"), Widget: t.min, HintText: lang.L("A smaller value is refused")},
		&widget.FormItem{Text: lang.L("Maximum"), Widget: t.max, HintText: lang.L("A larger value is refused")},
		&widget.FormItem{Text: lang.L("Usual minimum"), Widget: t.expMin, HintText: lang.L("A smaller value needs a comment")},
		&widget.FormItem{Text: lang.L("Usual maximum"), Widget: t.expMax, HintText: lang.L("A larger value needs a comment")},
		&widget.FormItem{Text: lang.L("Decimals"), Widget: t.decimals},
		&widget.FormItem{Text: lang.L("Valid from"), Widget: t.from, HintText: lang.L("Day/month/year; empty if always")},
		&widget.FormItem{Text: lang.L("Valid to"), Widget: t.to},
		&widget.FormItem{Text: lang.L("Legal basis"), Widget: t.legalBasis},
		&widget.FormItem{Text: lang.L("Changes of definition"), Widget: t.definitions,
			HintText: lang.L("One a line: first year | note | note in English | name qualifier | qualifier in English | legal basis")},
	)

	t.saveButton = c.saveButton(t.save)
	t.retireButton = widget.NewButtonWithIcon(lang.L("Retire…"), theme.HistoryIcon(), t.askRetire)
	t.deleteButton = widget.NewButtonWithIcon(lang.L("Delete"), theme.DeleteIcon(), t.askDelete)
	t.content = splitPane(t.list.content,
		editorPane(t.title, t.form, []fyne.CanvasObject{t.deleteButton, t.retireButton}, newButton(t.load), t.saveButton))
	t.refresh()
	t.load("")
	return t
}

func (t *elementTab) refresh() {
	cat := t.c.cat()
	var items []listItem
	options := []string{lang.L("(none)")}
	t.weightCodes = []string{""}
	for _, e := range cat.Elements {
		items = append(items, listItem{code: e.Code, label: t.c.pick(e.NameVI, e.NameEN), note: untilNote(e.ValidTo)})
		options = append(options, t.c.codeName(e.Code, e.NameVI, e.NameEN))
		t.weightCodes = append(t.weightCodes, e.Code)
	}
	sortByCode(items)
	t.list.set(items)
	t.weight.SetOptions(options)
}

func (t *elementTab) load(code string) {
	cat := t.c.cat()
	e := catalog.Element{ValueType: catalog.Integer, Aggregation: catalog.Sum}
	if i := slices.IndexFunc(cat.Elements, func(x catalog.Element) bool { return x.Code == code }); i >= 0 && code != "" {
		e = cat.Elements[i]
	} else {
		code = ""
	}
	t.show(code, t.c.pick(e.NameVI, e.NameEN), lang.L("New element"))
	setEnabled(code != "", t.retireButton, t.deleteButton)
	t.nameVI.SetText(e.NameVI)
	t.nameEN.SetText(e.NameEN)
	t.unitVI.SetText(e.UnitVI)
	t.unitEN.SetText(e.UnitEN)
	t.valueType.SetSelected(valueTypeLabel(e.ValueType))
	t.aggregation.SetSelected(aggregationLabel(e.Aggregation))
	t.timeAggregation.SetSelected(timeAggregationLabel(e.TimeAggregationOrDefault()))
	t.weight.SetSelectedIndex(max(0, slices.Index(t.weightCodes, e.Weight)))
	t.categories.SetText(strings.Join(e.Categories, ", "))
	t.min.SetText(t.c.showNumber(e.Min))
	t.max.SetText(t.c.showNumber(e.Max))
	t.expMin.SetText(t.c.showNumber(e.ExpectedMin))
	t.expMax.SetText(t.c.showNumber(e.ExpectedMax))
	t.decimals.SetText(strconv.Itoa(e.Decimals))
	t.from.SetText(showDate(e.ValidFrom))
	t.to.SetText(showDate(e.ValidTo))
	t.legalBasis.SetText(e.LegalBasis)
	t.definitions.SetText(definitionLines(e.Definitions))
	t.showDHIS2()
}

// showDHIS2 shows the DHIS2 aggregationType of the aggregations chosen.
func (t *elementTab) showDHIS2() {
	e := catalog.Element{ValueType: catalog.Number}
	if i := t.aggregation.SelectedIndex(); i >= 0 {
		e.Aggregation = aggregations[i]
	}
	if i := t.timeAggregation.SelectedIndex(); i >= 0 {
		e.TimeAggregation = catalog.TimeAggregations[i]
	}
	agg, exact := exchange.DHIS2AggregationType(&e)
	if !exact {
		agg += " " + lang.L("(closest; DHIS2 has no exact equal)")
	}
	t.dhis2.SetText(agg)
}

// definitionLines shows definitions one a line, their fields separated by
// " | ".
func definitionLines(ds []catalog.Definition) string {
	var lines []string
	for _, d := range ds {
		f := []string{strconv.Itoa(d.From), d.NoteVI, d.NoteEN, d.QualifierVI, d.QualifierEN, d.LegalBasis}
		for len(f) > 2 && f[len(f)-1] == "" {
			f = f[:len(f)-1]
		}
		lines = append(lines, strings.Join(f, " | "))
	}
	return strings.Join(lines, "\n")
}

// readDefinitions reads definitionLines back.
func readDefinitions(s string) ([]catalog.Definition, error) {
	var out []catalog.Definition
	for i, line := range strings.Split(s, "\n") {
		if strings.TrimSpace(line) == "" {
			continue
		}
		f := strings.Split(line, "|")
		for j := range f {
			f[j] = strings.TrimSpace(f[j])
		}
		f = append(f, make([]string, 6)...)
		year, err := strconv.Atoi(f[0])
		if err != nil || year < 1900 || year > 2200 || f[1] == "" {
			n := strconv.Itoa(i + 1)
			return nil, msg.New("thay đổi định nghĩa, dòng "+n+": cần năm | ghi chú | …, ví dụ 2022 | chuẩn nghèo mới",
				"changes of definition, line "+n+": want year | note | …, e.g. 2022 | new poverty standard")
		}
		out = append(out, catalog.Definition{From: year, NoteVI: f[1], NoteEN: f[2], QualifierVI: f[3], QualifierEN: f[4], LegalBasis: f[5]})
	}
	slices.SortStableFunc(out, func(a, b catalog.Definition) int { return a.From - b.From })
	return out, nil
}

// read returns the element in the form, checked against the catalog.
func (t *elementTab) read() (catalog.Element, error) {
	cat := t.c.cat()
	if err := t.c.validate(t.form); err != nil {
		return catalog.Element{}, err
	}
	e := catalog.Element{NameVI: text(t.nameVI), NameEN: text(t.nameEN), UnitVI: text(t.unitVI), UnitEN: text(t.unitEN),
		LegalBasis: text(t.legalBasis)}
	var err error
	if e.Code, err = t.readCode(); err != nil {
		return e, err
	}
	if t.code == "" {
		if err := codeTaken(cat, e.Code); err != nil {
			return e, err
		}
	}
	if i := t.valueType.SelectedIndex(); i >= 0 {
		e.ValueType = valueTypes[i]
	} else {
		return e, msg.New("hãy chọn kiểu giá trị", "choose the value type")
	}
	if i := t.aggregation.SelectedIndex(); i >= 0 {
		e.Aggregation = aggregations[i]
	} else {
		return e, msg.New("hãy chọn cách tổng hợp", "choose the aggregation")
	}
	if i := t.timeAggregation.SelectedIndex(); i >= 0 {
		e.TimeAggregation = catalog.TimeAggregations[i]
	}
	if e.ValueType == catalog.YesNo && (e.TimeAggregation == catalog.TimeFlow || e.TimeAggregation == catalog.TimeAverage) {
		return e, msg.New("chỉ tiêu có/không chỉ lấy giá trị cuối kỳ hoặc không tổng hợp theo thời gian",
			"a yes/no element takes the value at the end of the period, or is not aggregated over time")
	}
	if e.Definitions, err = readDefinitions(t.definitions.Text); err != nil {
		return e, err
	}
	if i := t.weight.SelectedIndex(); i > 0 && i < len(t.weightCodes) {
		e.Weight = t.weightCodes[i]
	}
	if e.Aggregation == catalog.WeightedAverage && e.Weight == "" {
		return e, msg.New("trung bình có trọng số cần chọn chỉ tiêu trọng số", "a weighted average needs a weight element")
	}
	if e.Weight == e.Code && e.Weight != "" {
		return e, msg.New("chỉ tiêu không thể là trọng số của chính nó", "an element cannot weight itself")
	}
	if e.Aggregation != catalog.WeightedAverage {
		e.Weight = ""
	}
	for _, code := range splitCodes(t.categories.Text) {
		if !slices.ContainsFunc(cat.Categories, func(o catalog.CategoryOption) bool { return o.Code == code }) {
			var known []string
			for _, o := range cat.Categories {
				known = append(known, o.Code)
			}
			return e, msg.New("không có phân tổ mã "+code+" (có: "+strings.Join(known, ", ")+")",
				"no category option "+code+" (there are: "+strings.Join(known, ", ")+")")
		}
		e.Categories = append(e.Categories, code)
	}
	for _, f := range []struct {
		entry *widget.Entry
		dst   **float64
	}{{t.min, &e.Min}, {t.max, &e.Max}, {t.expMin, &e.ExpectedMin}, {t.expMax, &e.ExpectedMax}} {
		if *f.dst, err = t.c.readNumber(f.entry.Text); err != nil {
			return e, err
		}
	}
	if e.Min != nil && e.Max != nil && *e.Min > *e.Max {
		return e, msg.New("giá trị nhỏ nhất lớn hơn giá trị lớn nhất", "the minimum is above the maximum")
	}
	if e.ExpectedMin != nil && e.ExpectedMax != nil && *e.ExpectedMin > *e.ExpectedMax {
		return e, msg.New("mức thường gặp nhỏ nhất lớn hơn mức lớn nhất", "the usual minimum is above the usual maximum")
	}
	if e.Decimals, err = readDecimals(t.decimals.Text); err != nil {
		return e, err
	}
	if e.ValidFrom, err = t.c.readDate(t.from.Text); err != nil {
		return e, err
	}
	if e.ValidTo, err = t.c.readDate(t.to.Text); err != nil {
		return e, err
	}
	if e.ValidFrom != "" && e.ValidTo != "" && e.ValidTo < e.ValidFrom {
		return e, msg.New("ngày hết hiệu lực phải sau ngày bắt đầu", "the valid-to date must follow the valid-from date")
	}
	return e, nil
}

// codeTaken refuses a new element or indicator code already in use by
// either.
func codeTaken(cat *catalog.Catalog, code string) error {
	if slices.ContainsFunc(cat.Elements, func(x catalog.Element) bool { return x.Code == code }) {
		return msg.New("đã có chỉ tiêu mã "+code, "an element with code "+code+" already exists")
	}
	if slices.ContainsFunc(cat.Indicators, func(x catalog.Indicator) bool { return x.Code == code }) {
		return msg.New("đã có chỉ số mã "+code, "an indicator with code "+code+" already exists")
	}
	return nil
}

func (t *elementTab) save() error {
	e, err := t.read()
	if err != nil {
		return err
	}
	return t.c.saveAndShow(elementSubset(t.c.cat(), &e), e.Code, t.load)
}

// retire sets the valid-to date (yyyy-mm-dd) of the element edited.
func (t *elementTab) retire(date string) error {
	cat := t.c.cat()
	i := slices.IndexFunc(cat.Elements, func(x catalog.Element) bool { return x.Code == t.code })
	if i < 0 {
		return msg.New("hãy chọn một chỉ tiêu đã lưu", "choose a saved element")
	}
	e := cat.Elements[i]
	if err := checkRetire(e.ValidFrom, date); err != nil {
		return err
	}
	e.ValidTo = date
	return t.c.saveAndShow(elementSubset(cat, &e), e.Code, t.load)
}

func (t *elementTab) askRetire() { t.c.askRetire(t.code, lang.L("Retire element"), t.retire) }

// delete deletes the element edited. It refuses when the catalog reads it
// (formulas, rules, weights, data sets) and fails with store.ErrInUse when
// values refer to it.
func (t *elementTab) delete() error {
	if t.code == "" {
		return nil
	}
	if vi, en := elementUse(t.c.cat(), t.code); vi != "" {
		return msg.Wrap(store.ErrInUse, t.code+": "+vi, t.code+": "+en)
	}
	return t.c.deleteAndClear(t.code, t.c.s.st.DeleteElement, t.load)
}

func (t *elementTab) askDelete() {
	if t.code == "" {
		return
	}
	t.c.confirmDelete(lang.L("Delete element"), t.nameVI.Text, t.delete, func(err error) string {
		return msg.Text(err, t.c.s.lang) + "\n\n" + lang.L("Retire it instead, so it is no longer used from a date on?")
	}, t.askRetire)
}
