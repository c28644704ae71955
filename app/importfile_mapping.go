package app

import (
	"image/color"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"chiso/data/importer"
	"chiso/data/msg"
	"chiso/data/period"
)

// What the import screen shows of the file and its plan: the detected
// layout, the role and number style of each column, the preview table, and
// the choices that change the plan.

// show shows the file, the plan and the buttons as they are.
func (ui *importUI) show() {
	ui.showFile()
	ui.showPlan()
	ui.updateButtons()
}

// showFile shows the file chosen, its sheets and what was detected.
func (ui *importUI) showFile() {
	ui.updating = true
	defer func() { ui.updating = false }()
	if ui.file == nil {
		ui.fileInfo.SetText(lang.X("import.noFile", "No file chosen: a CSV file or an Excel workbook (.xlsx), at most {{.Size}}.",
			map[string]any{"Size": ui.fileSize(importer.MaxFileSize)}))
		ui.reread.Hide()
		// A text whose encoding was not recognised: let the user say it.
		ui.encodingBox.Hide()
		if ui.path != "" && !strings.EqualFold(filepath.Ext(ui.path), ".xlsx") {
			ui.encodingSel.SetSelectedIndex(slices.Index(importer.Encodings, ui.encoding))
			ui.encodingBox.Show()
		}
		ui.sheetBox.Hide()
		ui.detected.Hide()
		return
	}
	info := ui.file.Name + " — " + ui.fileSize(ui.file.Size) + " — " + ui.file.Kind.String()
	if ui.file.Kind == importer.CSV {
		info += " " + ui.file.Encoding.Label(ui.s.lang)
	}
	ui.fileInfo.SetText(info)
	ui.reread.Show()
	ui.encodingBox.Hide()
	if ui.file.Kind == importer.CSV {
		ui.encodingSel.SetSelectedIndex(slices.Index(importer.Encodings, ui.encoding))
		ui.encodingBox.Show()
	}
	ui.sheetSel.Options = ui.file.Sheets
	ui.sheetSel.SetSelected(ui.sheet)
	if len(ui.file.Sheets) > 1 {
		ui.sheetBox.Show()
	} else {
		ui.sheetBox.Hide()
	}
	ui.layoutSel.SetSelectedIndex(slices.Index(importLayouts, ui.layout))
	p := ui.plan
	if p == nil {
		ui.detected.Hide()
		return
	}
	text := lang.X("import.detected", "Read as: {{.Layout}}; column headers in {{.Header}}; {{.Rows}} data rows.",
		map[string]any{"Layout": layoutLabel(p.Layout), "Header": ui.rowWord(p.HeaderRow), "Rows": ui.count(p.Rows)})
	if len(p.Title) > 0 {
		text += " " + lang.X("import.heading", "Title: {{.Title}}", map[string]any{"Title": strings.Join(p.Title, " · ")})
	}
	ui.detected.SetText(text)
	ui.detected.Show()
}

// showPlan builds the mapping and the preview of the plan anew.
func (ui *importUI) showPlan() {
	p := ui.plan
	if p == nil {
		ui.mappingCard.Hide()
		ui.previewCard.Hide()
		ui.lines = nil
		ui.columnList.Objects = nil
		return
	}
	ui.lines = make([]*columnLine, len(p.Columns))
	objs := make([]fyne.CanvasObject, len(p.Columns))
	for i := range p.Columns {
		ui.lines[i] = ui.newColumnLine(i)
		objs[i] = ui.lines[i].row()
	}
	ui.columnList.Objects = objs
	ui.columnList.Refresh()
	ui.mappingCard.Show()

	if shown := len(p.Sample) - 1; shown < p.Rows {
		ui.previewInfo.SetText(lang.X("import.previewInfo", "The header and the first {{.Shown}} of {{.Rows}} data rows, as written in the file.",
			map[string]any{"Shown": ui.count(shown), "Rows": ui.count(p.Rows)}))
	} else {
		ui.previewInfo.SetText(lang.X("import.previewAll", "The header and the {{.Rows}} data rows, as written in the file.",
			map[string]any{"Rows": ui.count(p.Rows)}))
	}
	ui.sizeColumns()
	ui.table.ScrollToTop()
	ui.table.ScrollToLeading()
	ui.table.Refresh()
	ui.previewCard.Show()
	ui.showMapping()
}

// showMapping shows the state of the columns, the element and period rows
// and what is still missing, after any change of the plan.
func (ui *importUI) showMapping() {
	p := ui.plan
	if p == nil {
		return
	}
	for _, l := range ui.lines {
		ui.refreshLine(l)
	}
	ui.updating = true
	defer func() { ui.updating = false }()

	values, hasElement, hasPeriod, anyNoElement, anyNoPeriod := 0, false, false, false, false
	for _, c := range p.Columns {
		switch c.Role {
		case importer.RoleElement:
			hasElement = true
		case importer.RolePeriod:
			hasPeriod = true
		case importer.RoleValue:
			values++
			anyNoElement = anyNoElement || c.Element == ""
			anyNoPeriod = anyNoPeriod || c.Period == ""
		}
	}
	needElement := !hasElement && anyNoElement
	needPeriod := !hasPeriod && anyNoPeriod
	if values > 1 {
		ui.allBox.Show()
		ui.allStyles.ClearSelected()
	} else {
		ui.allBox.Hide()
	}
	if needElement {
		ui.elementSel.SetSelectedIndex(slices.Index(ui.elements, p.Element))
		if p.Element == "" {
			ui.elementSel.ClearSelected()
		}
		ui.elementRow.Show()
	} else {
		ui.elementRow.Hide()
	}
	if needPeriod {
		if per, ok := periodCode(ui.periodEntry.Text); !ok || per != p.Period {
			ui.periodEntry.SetText(p.Period)
		}
		ui.showPeriodInfo(nil)
		ui.periodRow.Show()
	} else {
		ui.periodRow.Hide()
	}

	ui.showReadiness()

	var notes []string
	for i, n := range p.Notes {
		if i == importNotesShown {
			notes = append(notes, lang.X("import.moreNotes", "and {{.N}} more notes", map[string]any{"N": ui.count(len(p.Notes) - i)}))
			break
		}
		notes = append(notes, "• "+msg.Text(n, ui.s.lang))
	}
	ui.notes.SetText(strings.Join(notes, "\n"))
	if len(notes) == 0 {
		ui.notes.Hide()
	} else {
		ui.notes.Show()
	}
}

// periodCode reads what the period entry holds, "" for nothing.
func periodCode(text string) (string, bool) {
	if strings.TrimSpace(text) == "" {
		return "", true
	}
	p := &importer.Plan{}
	if err := p.SetPeriod(text); err != nil {
		return "", false
	}
	return p.Period, true
}

// showPeriodInfo shows the period the entry names, or why it names none.
func (ui *importUI) showPeriodInfo(err error) {
	switch {
	case err != nil:
		ui.periodInfo.SetText(msg.Text(err, ui.s.lang))
		ui.periodInfo.Importance = widget.DangerImportance
	case ui.plan != nil && ui.plan.Period != "":
		label := ui.plan.Period
		if p, perr := period.Parse(ui.plan.Period); perr == nil {
			label = p.Label(ui.s.lang)
		}
		ui.periodInfo.SetText("→ " + label)
		ui.periodInfo.Importance = widget.SuccessImportance
	default:
		ui.periodInfo.SetText("")
	}
	ui.periodInfo.Refresh()
}

func (ui *importUI) newColumnLine(i int) *columnLine {
	l := &columnLine{index: i}
	l.name = widget.NewLabel(columnTitle(ui.plan.Columns[i]))
	l.name.Truncation = fyne.TextTruncateEllipsis
	roles := make([]string, len(importRoles))
	for j, r := range importRoles {
		roles[j] = r.Label(ui.s.lang)
	}
	l.role = widget.NewSelect(roles, func(string) {
		if j := l.role.SelectedIndex(); j >= 0 {
			ui.setRole(i, importRoles[j])
		}
	})
	l.style = widget.NewSelect(styleLabels(ui.s.lang), func(string) {
		if j := l.style.SelectedIndex(); j >= 0 {
			ui.setStyle(i, importStyles[j])
		}
	})
	l.frame = canvas.NewRectangle(color.Transparent)
	l.frame.StrokeWidth = 2
	l.frame.CornerRadius = theme.InputRadiusSize() + 2
	l.styleBox = container.NewStack(l.frame, container.New(layout.NewCustomPaddedLayout(3, 3, 3, 3), l.style))
	l.icon = widget.NewIcon(theme.NewWarningThemedResource(theme.WarningIcon()))
	l.info = widget.NewLabel("")
	l.info.Truncation = fyne.TextTruncateEllipsis
	return l
}

// row is the line as the mapping shows it.
func (l *columnLine) row() fyne.CanvasObject {
	left := container.NewHBox(fixedWidth(l.name, 250), fixedWidth(l.role, 170), fixedWidth(l.styleBox, 250))
	info := container.NewBorder(nil, nil, container.NewCenter(l.icon), nil, l.info)
	return container.NewBorder(nil, nil, left, nil, container.NewVBox(layout.NewSpacer(), info, layout.NewSpacer()))
}

// refreshLine shows a column's role, style and example.
func (ui *importUI) refreshLine(l *columnLine) {
	c := ui.plan.Columns[l.index]
	ui.updating = true
	defer func() { ui.updating = false }()
	l.role.SetSelectedIndex(slices.Index(importRoles, c.Role))
	if c.Role != importer.RoleValue {
		l.styleBox.Hide()
		l.icon.Hide()
		l.info.Importance = widget.MediumImportance
		l.info.SetText(ui.sampleOf(c.Index))
		return
	}
	l.styleBox.Show()
	unresolved := c.Style == importer.StyleAmbiguous || c.Style == importer.StyleMixed
	if i := slices.Index(importStyles, c.Style); i >= 0 {
		l.style.SetSelectedIndex(i)
	} else {
		l.style.ClearSelected()
		l.style.PlaceHolder = c.Style.Label(ui.s.lang)
		l.style.Refresh()
	}
	var parts []string
	if c.Element != "" {
		parts = append(parts, ui.elementName(c.Element))
	}
	if c.Period != "" {
		if p, err := period.Parse(c.Period); err == nil {
			parts = append(parts, p.Label(ui.s.lang))
		} else {
			parts = append(parts, c.Period)
		}
	}
	if c.Category != "" {
		parts = append(parts, c.Category)
	}
	switch {
	case c.Example != "" && c.Other != "":
		parts = append(parts, lang.X("import.exampleMixed", "“{{.A}}” at {{.RowA}} but “{{.B}}” at {{.RowB}}",
			map[string]any{"A": c.Example, "RowA": ui.rowWord(c.ExampleRow), "B": c.Other, "RowB": ui.rowWord(c.OtherRow)}))
	case c.Example != "":
		parts = append(parts, lang.X("import.example", "e.g. “{{.Value}}” at {{.Row}}", map[string]any{"Value": c.Example, "Row": ui.rowWord(c.ExampleRow)}))
	default:
		if s := ui.sampleOf(c.Index); s != "" {
			parts = append(parts, s)
		}
	}
	if unresolved {
		l.frame.StrokeColor = theme.Color(theme.ColorNameWarning)
		l.frame.FillColor = withAlpha(theme.Color(theme.ColorNameWarning), 0x40)
		l.icon.Show()
		l.info.Importance = widget.WarningImportance
		parts = append([]string{c.Style.Label(ui.s.lang)}, parts...)
	} else {
		l.frame.StrokeColor = color.Transparent
		l.frame.FillColor = color.Transparent
		l.icon.Hide()
		l.info.Importance = widget.MediumImportance
	}
	l.frame.Refresh()
	l.info.SetText(strings.Join(parts, " · "))
}

// withAlpha returns c with the alpha a.
func withAlpha(c color.Color, a uint8) color.Color {
	r, g, b, _ := c.RGBA()
	return color.NRGBA{R: uint8(r >> 8), G: uint8(g >> 8), B: uint8(b >> 8), A: a}
}

// sampleOf is the first value of a column in the sample, as an example.
func (ui *importUI) sampleOf(col int) string {
	for _, r := range ui.plan.Sample[1:] {
		if col < len(r.Cells) && strings.TrimSpace(r.Cells[col]) != "" {
			return lang.X("import.sampleValue", "e.g. “{{.Value}}”", map[string]any{"Value": strings.TrimSpace(r.Cells[col])})
		}
	}
	return ""
}

// elementName is "Tên (CODE)".
func (ui *importUI) elementName(code string) string {
	for _, e := range ui.s.catalog().Elements {
		if e.Code == code {
			return pick(ui.s.lang, e.NameVI, e.NameEN) + " (" + code + ")"
		}
	}
	return code
}

// ---- the preview table ----

func (ui *importUI) tableSize() (int, int) {
	if ui.plan == nil {
		return 0, 0
	}
	cols := len(ui.plan.Columns)
	for _, r := range ui.plan.Sample {
		cols = max(cols, len(r.Cells))
	}
	return len(ui.plan.Sample), cols
}

func (ui *importUI) updateCell(id widget.TableCellID, o fyne.CanvasObject) {
	l := o.(*widget.Label)
	text := ""
	if p := ui.plan; p != nil && id.Row < len(p.Sample) && id.Col < len(p.Sample[id.Row].Cells) {
		text = p.Sample[id.Row].Cells[id.Col]
	}
	l.TextStyle.Bold = id.Row == 0
	l.Importance = widget.MediumImportance
	if p := ui.plan; p != nil && (id.Col >= len(p.Columns) || p.Columns[id.Col].Role == importer.RoleIgnore) {
		l.Importance = widget.LowImportance
	}
	l.SetText(text)
}

func (ui *importUI) updateHeader(id widget.TableCellID, o fyne.CanvasObject) {
	l := o.(*widget.Label)
	p := ui.plan
	switch {
	case p == nil || id.Row >= 0 && id.Col >= 0:
		l.SetText("")
	case id.Row < 0 && id.Col >= 0:
		text := importer.ColumnLetter(id.Col)
		if id.Col < len(p.Columns) && p.Columns[id.Col].Role != importer.RoleIgnore {
			text += " · " + p.Columns[id.Col].Role.Label(ui.s.lang)
		}
		l.SetText(text)
	case id.Col < 0 && id.Row >= 0 && id.Row < len(p.Sample):
		l.SetText(strconv.Itoa(p.Sample[id.Row].Row))
	default:
		l.SetText("")
	}
}

// sizeColumns fits the preview's columns to what they hold.
func (ui *importUI) sizeColumns() {
	_, cols := ui.tableSize()
	pad := 2*theme.InnerPadding() + 4
	for j := 0; j < cols; j++ {
		w := fyne.MeasureText(importer.ColumnLetter(j)+" · "+importer.RoleArea.Label(ui.s.lang), theme.TextSize(), fyne.TextStyle{Bold: true}).Width
		for i, r := range ui.plan.Sample {
			if j < len(r.Cells) {
				w = max(w, fyne.MeasureText(r.Cells[j], theme.TextSize(), fyne.TextStyle{Bold: i == 0}).Width)
			}
		}
		ui.table.SetColumnWidth(j, min(max(w+pad, 70), 280))
	}
	last := ui.plan.Sample[len(ui.plan.Sample)-1].Row
	ui.table.SetColumnWidth(-1, max(fyne.MeasureText(strconv.Itoa(last), theme.TextSize(), fyne.TextStyle{Bold: true}).Width+pad, 44))
	// As high as the rows, up to about ten of them.
	rows, _ := ui.tableSize()
	rowHeight := widget.NewLabel("0").MinSize().Height + theme.Padding() // a table separates its rows by a padding
	ui.tableHeight.SetMinSize(fyne.NewSize(0, min(float32(rows+1)*rowHeight+theme.Padding(), 11*rowHeight)))
}

// ---- changes ----

// planChanged tells the screen that the plan changed: a dry run is due.
func (ui *importUI) planChanged() {
	ui.gen++
	ui.showMapping()
	ui.table.Refresh()
	ui.updateButtons()
}

func (ui *importUI) setRole(i int, r importer.Role) {
	p := ui.plan
	if ui.updating || p == nil || p.Columns[i].Role == r {
		return
	}
	old := p.Columns[i].Role
	switch r {
	case importer.RoleElement, importer.RoleArea, importer.RolePeriod, importer.RoleCategory, importer.RoleComment:
		// One column of each: the one chosen last.
		for j := range p.Columns {
			if j != i && p.Columns[j].Role == r {
				p.Columns[j].Role = importer.RoleIgnore
			}
		}
	}
	p.Columns[i].Role = r
	ui.planChanged()
	if r == importer.RoleValue && old != importer.RoleValue {
		ui.detectStyles()
	}
}

func (ui *importUI) setStyle(i int, st importer.NumberStyle) {
	p := ui.plan
	if ui.updating || p == nil || p.Columns[i].Style == st {
		return
	}
	p.Columns[i].Style = st
	ui.styles[p.Columns[i].Letter] = st
	ui.planChanged()
}

// setAllStyles gives every value column the style chosen.
func (ui *importUI) setAllStyles() {
	p := ui.plan
	j := ui.allStyles.SelectedIndex()
	if ui.updating || p == nil || j < 0 {
		return
	}
	st, _ := importStyles[j].Style()
	p.SetStyle(st)
	for _, c := range p.Columns {
		if c.Role == importer.RoleValue {
			ui.styles[c.Letter] = c.Style
		}
	}
	ui.planChanged()
}

func (ui *importUI) changeElement() {
	j := ui.elementSel.SelectedIndex()
	if ui.updating || ui.plan == nil || j < 0 {
		return
	}
	if err := ui.plan.SetElement(ui.elements[j]); err != nil {
		ui.s.showError(err)
		return
	}
	ui.element = ui.plan.Element
	ui.planChanged()
}

func (ui *importUI) changePeriod() {
	if ui.updating || ui.plan == nil {
		return
	}
	err := ui.plan.SetPeriod(ui.periodEntry.Text)
	if err != nil {
		ui.plan.SetPeriod("")
	}
	ui.period = ui.plan.Period
	ui.gen++
	ui.showPeriodInfo(err)
	// The entry keeps what is typed: refresh all but it.
	for _, l := range ui.lines {
		ui.refreshLine(l)
	}
	ui.showReadiness()
	ui.updateButtons()
}

// showReadiness shows what the plan still lacks.
func (ui *importUI) showReadiness() {
	if err := ui.plan.Ready(); err != nil {
		ui.missing.SetText(lang.X("import.missing", "Still missing: {{.What}}", map[string]any{"What": msg.Text(err, ui.s.lang)}))
		ui.missing.Importance = widget.WarningImportance
		ui.missingIcon.SetResource(theme.NewWarningThemedResource(theme.WarningIcon()))
	} else {
		ui.missing.SetText(lang.X("import.ready", "Nothing missing: run a dry run to check every row."))
		ui.missing.Importance = widget.SuccessImportance
		ui.missingIcon.SetResource(theme.NewSuccessThemedResource(theme.ConfirmIcon()))
	}
	ui.missing.Refresh()
}

func (ui *importUI) changeSheet() {
	if ui.updating || ui.file == nil || ui.sheetSel.Selected == ui.sheet {
		return
	}
	ui.sheet = ui.sheetSel.Selected
	// Another sheet is often another element: forget what was chosen.
	ui.element, ui.period, ui.styles = "", "", map[string]importer.NumberStyle{}
	ui.startPreview(ui.file.Path, false)
}

func (ui *importUI) changeLayout() {
	j := ui.layoutSel.SelectedIndex()
	if ui.updating || j < 0 {
		return
	}
	ui.layout = importLayouts[j]
	if ui.file != nil {
		ui.startPreview(ui.file.Path, false)
	}
}
