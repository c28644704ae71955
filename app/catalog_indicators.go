package app

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"chiso/data/calc"
	"chiso/data/catalog"
	"chiso/data/msg"
	"chiso/data/number"
)

// syntaxError matches the position and cause of a calc.Parse error.
var syntaxError = regexp.MustCompile(`position (\d+): (.*)$`)

// checkFormula checks a formula of an indicator: its syntax (calc.Parse)
// and that every code it reads is an element of cat with the category
// given. The error says where and what, in both languages.
func checkFormula(cat *catalog.Catalog, formula string) error {
	x, err := calc.Parse(formula)
	if err != nil {
		m := syntaxError.FindStringSubmatch(err.Error())
		if m == nil {
			return msg.New("công thức sai: "+err.Error(), "bad formula: "+err.Error())
		}
		pos, cause := m[1], m[2]
		vi := cause
		switch {
		case cause == "the formula ends too early":
			vi = "công thức kết thúc quá sớm, còn thiếu một số hoặc một mã"
		case cause == "missing )":
			vi = "thiếu dấu )"
		case strings.HasPrefix(cause, "unexpected "):
			vi = "không chờ " + strings.TrimPrefix(cause, "unexpected ") + " ở đây"
		case strings.HasPrefix(cause, "bad number "):
			vi = "số không hợp lệ " + strings.TrimPrefix(cause, "bad number ")
		case strings.HasPrefix(cause, "bad code "):
			vi = "mã không hợp lệ " + strings.TrimPrefix(cause, "bad code ")
		}
		return msg.New("lỗi cú pháp ở vị trí "+pos+": "+vi, "syntax error at position "+pos+": "+cause)
	}
	elements := map[string]*catalog.Element{}
	for i := range cat.Elements {
		elements[cat.Elements[i].Code] = &cat.Elements[i]
	}
	for _, r := range x.Refs(nil) {
		pos := strconv.Itoa(codePosition(formula, r.Code))
		e, ok := elements[r.Code]
		if !ok {
			if slices.ContainsFunc(cat.Indicators, func(in catalog.Indicator) bool { return in.Code == r.Code }) {
				return msg.New("vị trí "+pos+": "+r.Code+" là một chỉ số; công thức chỉ dùng được mã chỉ tiêu",
					"position "+pos+": "+r.Code+" is an indicator; a formula reads element codes only")
			}
			return msg.New("vị trí "+pos+": không có chỉ tiêu mã "+r.Code, "position "+pos+": no element has the code "+r.Code)
		}
		if r.Category != "" && !slices.Contains(e.Categories, r.Category) {
			return msg.New(fmt.Sprintf("vị trí %s: chỉ tiêu %s không có phân tổ %s", pos, r.Code, r.Category),
				fmt.Sprintf("position %s: element %s has no category %s", pos, r.Code, r.Category))
		}
	}
	return nil
}

// codePosition returns the 1-based position of code as a whole word in
// formula (1 if not found).
func codePosition(formula, code string) int {
	word := func(b byte) bool {
		return b == '_' || b == '.' || b >= '0' && b <= '9' || b >= 'A' && b <= 'Z' || b >= 'a' && b <= 'z' || b >= 0x80
	}
	for from := 0; ; {
		i := strings.Index(formula[from:], code)
		if i < 0 {
			return 1
		}
		i += from
		end := i + len(code)
		if (i == 0 || !word(formula[i-1])) && (end == len(formula) || !word(formula[end]) || formula[end] == '.') {
			return i + 1
		}
		from = i + 1
	}
}

// indicatorTab edits the indicators (Chỉ số).
type indicatorTab struct {
	catalogEditor
	nameVI, nameEN         *widget.Entry
	numerator, denominator *widget.Entry
	numError, denError     *widget.Label
	factor, decimals       *widget.Entry
	unitVI, unitEN         *widget.Entry
	higherIsBetter         *widget.Check
	legalBasis             *widget.Entry
	saveButton             *widget.Button
}

func newIndicatorTab(c *catalogUI) *indicatorTab {
	t := &indicatorTab{}
	t.catalogEditor = newCatalogEditor(c, "POV_RATE", t.load)
	t.nameVI = newEntry(lang.L("e.g. Tỷ lệ hộ nghèo"), c.requiredValidator)
	t.nameEN = newEntry("", nil)
	formula := func(required bool) *widget.Entry {
		e := widget.NewEntry()
		e.TextStyle.Monospace = true
		e.Validator = func(s string) error {
			if strings.TrimSpace(s) == "" && !required {
				return nil
			}
			if err := checkFormula(c.cat(), s); err != nil {
				return errors.New(msg.Text(err, c.s.lang))
			}
			return nil
		}
		e.OnChanged = func(string) { t.checkFormulas() }
		return e
	}
	t.numError, t.denError = errorLabel(), errorLabel()
	t.numerator = formula(true)
	t.numerator.SetPlaceHolder("HH_POOR")
	t.denominator = formula(false)
	t.denominator.SetPlaceHolder("HH_TOTAL")
	t.factor = newEntry("1", c.numberValidator)
	t.decimals = newEntry("0", c.decimalsValidator)
	t.unitVI = newEntry("%", nil)
	t.unitEN = newEntry("%", nil)
	t.higherIsBetter = widget.NewCheck(lang.L("A higher value is better"), nil)
	t.legalBasis = newEntry("", nil)
	t.form = t.newForm(t.nameVI, t.nameEN,
		&widget.FormItem{Text: lang.L("Numerator"), Widget: container.NewVBox(t.numerator, t.numError),
			HintText: lang.L("Element codes with + - * / and brackets, e.g. HH_POOR or ROAD_KM.NEW + ROAD_KM.REPAIR")},
		&widget.FormItem{Text: lang.L("Denominator"), Widget: container.NewVBox(t.denominator, t.denError), HintText: lang.L("Empty for 1")},
		&widget.FormItem{Text: lang.L("Factor"), Widget: t.factor, HintText: lang.L("The value is factor × numerator ÷ denominator, e.g. 100 for a percentage")},
		&widget.FormItem{Text: lang.L("Decimals"), Widget: t.decimals},
		&widget.FormItem{Text: lang.L("Unit"), Widget: t.unitVI},
		&widget.FormItem{Text: lang.L("Unit in English"), Widget: t.unitEN},
		&widget.FormItem{Text: "", Widget: t.higherIsBetter},
		&widget.FormItem{Text: lang.L("Legal basis"), Widget: t.legalBasis},
	)
	t.saveButton = c.saveButton(t.save)
	t.content = splitPane(t.list.content, editorPane(t.title, t.form, nil, newButton(t.load), t.saveButton))
	t.refresh()
	t.load("")
	return t
}

func (t *indicatorTab) refresh() {
	var items []listItem
	for _, in := range t.c.cat().Indicators {
		items = append(items, listItem{code: in.Code, label: t.c.pick(in.NameVI, in.NameEN)})
	}
	sortByCode(items)
	t.list.set(items)
	t.checkFormulas()
}

// checkFormulas shows the error of each formula under it and allows
// saving only while both are valid.
func (t *indicatorTab) checkFormulas() {
	if t.saveButton == nil {
		return // still building
	}
	numErr := checkFormula(t.c.cat(), t.numerator.Text)
	if strings.TrimSpace(t.numerator.Text) == "" {
		numErr = nil // said on saving; not shown while the form is new
	}
	var denErr error
	if strings.TrimSpace(t.denominator.Text) != "" {
		denErr = checkFormula(t.c.cat(), t.denominator.Text)
	}
	numMoved := t.c.setError(t.numError, numErr)
	denMoved := t.c.setError(t.denError, denErr)
	if numMoved || denMoved {
		t.form.Refresh()
	}
	if numErr != nil || denErr != nil {
		t.saveButton.Disable()
	} else {
		t.saveButton.Enable()
	}
}

func (t *indicatorTab) load(code string) {
	cat := t.c.cat()
	in := catalog.Indicator{Factor: 1, HigherIsBetter: true}
	if i := slices.IndexFunc(cat.Indicators, func(x catalog.Indicator) bool { return x.Code == code }); i >= 0 && code != "" {
		in = cat.Indicators[i]
	} else {
		code = ""
	}
	t.show(code, t.c.pick(in.NameVI, in.NameEN), lang.L("New indicator"))
	t.nameVI.SetText(in.NameVI)
	t.nameEN.SetText(in.NameEN)
	t.numerator.SetText(in.Numerator)
	t.denominator.SetText(in.Denominator)
	t.factor.SetText(number.Format(number.Canonical(in.Factor), -1, t.c.s.style))
	t.decimals.SetText(strconv.Itoa(in.Decimals))
	t.unitVI.SetText(in.UnitVI)
	t.unitEN.SetText(in.UnitEN)
	t.higherIsBetter.SetChecked(in.HigherIsBetter)
	t.legalBasis.SetText(in.LegalBasis)
	t.checkFormulas()
}

// read returns the indicator in the form, its formulas checked.
func (t *indicatorTab) read() (catalog.Indicator, error) {
	cat := t.c.cat()
	in := catalog.Indicator{NameVI: text(t.nameVI), NameEN: text(t.nameEN),
		Numerator: strings.TrimSpace(t.numerator.Text), Denominator: strings.TrimSpace(t.denominator.Text),
		UnitVI: text(t.unitVI), UnitEN: text(t.unitEN), HigherIsBetter: t.higherIsBetter.Checked, LegalBasis: text(t.legalBasis)}
	var err error
	if in.Code, err = t.readCode(); err != nil {
		return in, err
	}
	if in.Numerator == "" {
		return in, msg.New("tử số: cần nhập công thức", "numerator: a formula is required")
	}
	if err := checkFormula(cat, in.Numerator); err != nil {
		return in, msg.Wrap(err, "tử số", "numerator")
	}
	if in.Denominator != "" {
		if err := checkFormula(cat, in.Denominator); err != nil {
			return in, msg.Wrap(err, "mẫu số", "denominator")
		}
	}
	if err := t.c.validate(t.form); err != nil {
		return in, err
	}
	if t.code == "" {
		if err := codeTaken(cat, in.Code); err != nil {
			return in, err
		}
	}
	f, err := t.c.readNumber(t.factor.Text)
	if err != nil {
		return in, err
	}
	in.Factor = 1
	if f != nil {
		in.Factor = *f
	}
	if in.Factor == 0 {
		return in, msg.New("hệ số không được bằng 0", "the factor cannot be 0")
	}
	if in.Decimals, err = readDecimals(t.decimals.Text); err != nil {
		return in, err
	}
	return in, nil
}

func (t *indicatorTab) save() error {
	in, err := t.read()
	if err != nil {
		return err
	}
	part := elementSubset(t.c.cat(), nil)
	part.Indicators = []catalog.Indicator{in}
	return t.c.saveAndShow(part, in.Code, t.load)
}
