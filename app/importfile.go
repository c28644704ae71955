package app

import (
	"context"
	"image/color"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"chiso/data/importer"
	"chiso/data/msg"
	"chiso/data/number"
)

// importRejectionsShown is the most rejections the result lists; the
// others are counted.
const importRejectionsShown = 100

// importNotesShown is the most notes of the preview (columns ignored,
// areas not found) the mapping lists.
const importNotesShown = 5

// importLayouts are the layouts the layout Select offers, in its order.
var importLayouts = []importer.Layout{importer.LayoutAuto, importer.LayoutLong, importer.LayoutWidePeriod, importer.LayoutWideElement}

// importStyles are the number styles a value column's Select offers, in
// its order.
var importStyles = []importer.NumberStyle{importer.StyleVietnamese, importer.StyleEnglish}

// importRoles are the roles a column's Select offers, in its order.
var importRoles = []importer.Role{importer.RoleIgnore, importer.RoleElement, importer.RoleArea, importer.RoleAreaName,
	importer.RolePeriod, importer.RoleCategory, importer.RoleValue, importer.RoleComment}

// importUI is the Nhập từ Excel / CSV tab of the Báo cáo section: choose a
// file, check how its columns are read, look at its first rows, run a dry
// run, then import. Its methods without dialogs do the work, so that tests
// can call them; the buttons only ask the user and call them.
type importUI struct {
	s       *session
	content fyne.CanvasObject

	// The file.
	choose      *widget.Button
	reread      *widget.Button
	fileInfo    *widget.Label
	fileErr     *widget.Label
	sheetSel    *widget.Select
	sheetBox    *fyne.Container
	encodingSel *widget.Select // of a CSV: detected, or as the user says
	encodingBox *fyne.Container
	layoutSel   *widget.Select
	detected    *widget.Label

	// The mapping.
	mappingCard *widget.Card
	columnList  *fyne.Container
	lines       []*columnLine
	allStyles   *widget.Select // the style of every value column at once
	allBox      *fyne.Container
	elements    []string // element codes, matching elementSel's options
	elementSel  *widget.Select
	elementRow  *fyne.Container
	periodEntry *widget.Entry
	periodInfo  *widget.Label
	periodRow   *fyne.Container
	missingIcon *widget.Icon
	missing     *widget.Label
	notes       *widget.Label

	// The preview.
	previewCard *widget.Card
	previewInfo *widget.Label
	table       *widget.Table
	tableHeight *canvas.Rectangle // sets the height of the table

	// The run.
	runCard    *widget.Card
	dryRun     *widget.Button
	successor  *widget.Check // record values of abolished areas on their successors
	apply      *widget.Button
	bar        *widget.ProgressBar
	status     *widget.Label
	result     *fyne.Container
	resultCard *widget.Card

	path string         // the file chosen, even when it could not be read
	file *importer.File // nil until path could be read
	plan *importer.Plan // nil until a sheet was read

	// What the user chose, kept when the sheet is read again.
	encoding importer.Encoding
	sheet    string
	layout   importer.Layout
	element  string                          // element code of values no column names
	period   string                          // period code of values no column names
	styles   map[string]importer.NumberStyle // number styles chosen, by column letter
	updating bool                            // the screen sets its own widgets: ignore their callbacks

	gen    int               // bumped at every change of the plan
	sum    *importer.Summary // of the last dry run or import, nil when none
	sumGen int               // the gen the last dry run was of
	busy   bool
}

// columnLine is the line of the mapping that shows one column.
type columnLine struct {
	index    int
	name     *widget.Label
	role     *widget.Select
	style    *widget.Select
	frame    *canvas.Rectangle // around the style Select when a style must be chosen
	styleBox *fyne.Container
	icon     *widget.Icon
	info     *widget.Label
}

// importScreen reads values in from an Excel or CSV file.
func importScreen(s *session) fyne.CanvasObject {
	return newImportUI(s).content
}

func newImportUI(s *session) *importUI {
	ui := &importUI{s: s, styles: map[string]importer.NumberStyle{}}
	body := container.NewVBox(ui.fileCard(), ui.newMappingCard(), ui.newPreviewCard(), ui.newRunCard())
	ui.content = container.NewVScroll(container.New(&maxWidth{width: 1180}, body))
	ui.show()
	return ui
}

// ---- building ----

func (ui *importUI) fileCard() fyne.CanvasObject {
	ui.choose = widget.NewButtonWithIcon(lang.X("import.choose", "Choose a file…"), theme.FolderOpenIcon(), ui.askFile)
	ui.reread = widget.NewButtonWithIcon(lang.X("import.reread", "Read the file again"), theme.ViewRefreshIcon(), ui.rereadFile)
	ui.fileInfo = widget.NewLabel("")
	ui.fileInfo.Truncation = fyne.TextTruncateEllipsis
	ui.fileErr = wrapped("", widget.DangerImportance)
	ui.fileErr.Hide()

	ui.sheetSel = widget.NewSelect(nil, func(string) { ui.changeSheet() })
	ui.sheetBox = container.NewHBox(widget.NewLabel(lang.X("import.sheet", "Sheet")), fixedWidth(ui.sheetSel, 240))
	encodings := make([]string, len(importer.Encodings))
	for i, e := range importer.Encodings {
		encodings[i] = e.Label(ui.s.lang)
	}
	ui.encodingSel = widget.NewSelect(encodings, func(string) { ui.changeEncoding() })
	ui.encodingBox = container.NewHBox(widget.NewLabel(lang.X("import.encoding", "Encoding")), fixedWidth(ui.encodingSel, 260))
	ui.encodingBox.Hide()
	layouts := make([]string, len(importLayouts))
	for i, l := range importLayouts {
		layouts[i] = layoutLabel(l)
	}
	ui.layoutSel = widget.NewSelect(layouts, func(string) { ui.changeLayout() })
	ui.updating = true
	ui.layoutSel.SetSelectedIndex(0)
	ui.updating = false
	layoutBox := container.NewHBox(widget.NewLabel(lang.X("import.layout", "Table layout")), fixedWidth(ui.layoutSel, 300))
	ui.detected = wrapped("", widget.MediumImportance)

	top := container.NewBorder(nil, nil, container.NewHBox(ui.choose, ui.reread), nil, ui.fileInfo)
	return widget.NewCard("", "", container.NewVBox(
		syncHeading(lang.X("import.title", "Import values from an Excel or CSV file")),
		wrapped(lang.X("import.intro", "Choose the file, check how each column is read and look at the first rows. A dry run reads every row and writes nothing; only a file without errors can be imported, and the database is backed up first."), widget.MediumImportance),
		top, container.NewHBox(ui.sheetBox, ui.encodingBox, layoutBox), ui.detected, ui.fileErr))
}

func (ui *importUI) newMappingCard() fyne.CanvasObject {
	ui.columnList = container.NewVBox()
	ui.allStyles = widget.NewSelect(styleLabels(ui.s.lang), func(string) { ui.setAllStyles() })
	ui.allStyles.PlaceHolder = lang.X("import.chooseStyle", "Choose…")
	ui.allBox = container.NewHBox(widget.NewLabel(lang.X("import.allStyles", "Number style of every value column")), fixedWidth(ui.allStyles, 240))

	cat := ui.s.catalog()
	var names []string
	for _, e := range cat.Elements {
		ui.elements = append(ui.elements, e.Code)
		names = append(names, pick(ui.s.lang, e.NameVI, e.NameEN)+" ("+e.Code+")")
	}
	ui.elementSel = widget.NewSelect(names, func(string) { ui.changeElement() })
	ui.elementSel.PlaceHolder = lang.X("import.chooseElement", "Choose the element…")
	ui.elementRow = container.NewHBox(widget.NewLabel(lang.X("import.element", "Element of the values")), fixedWidth(ui.elementSel, 460))

	ui.periodEntry = widget.NewEntry()
	ui.periodEntry.SetPlaceHolder(lang.X("import.periodHint", "e.g. 2024, Năm 2024, Quý I/2024"))
	ui.periodEntry.OnChanged = func(string) { ui.changePeriod() }
	ui.periodInfo = widget.NewLabel("")
	ui.periodRow = container.NewHBox(widget.NewLabel(lang.X("import.period", "Period of the values")), fixedWidth(ui.periodEntry, 240), ui.periodInfo)

	ui.missingIcon = widget.NewIcon(theme.NewWarningThemedResource(theme.WarningIcon()))
	ui.missing = wrapped("", widget.WarningImportance)
	ui.notes = wrapped("", widget.MediumImportance)

	hint := wrapped(lang.X("import.mappingHint", "Choose what each column holds. A value column needs its number style: Vietnamese 1.234,5 or English 1,234.5."), widget.MediumImportance)
	ui.mappingCard = widget.NewCard("", "", container.NewVBox(
		syncHeading(lang.X("import.columns", "Columns")), hint, ui.columnList, ui.allBox, ui.elementRow, ui.periodRow,
		container.NewBorder(nil, nil, container.NewVBox(ui.missingIcon), nil, ui.missing), ui.notes))
	return ui.mappingCard
}

func (ui *importUI) newPreviewCard() fyne.CanvasObject {
	ui.previewInfo = widget.NewLabel("")
	ui.table = widget.NewTable(ui.tableSize, func() fyne.CanvasObject {
		l := widget.NewLabel("")
		l.Truncation = fyne.TextTruncateEllipsis
		return l
	}, ui.updateCell)
	ui.table.ShowHeaderRow = true
	ui.table.ShowHeaderColumn = true
	ui.table.StickyRowCount = 1
	ui.table.CreateHeader = func() fyne.CanvasObject {
		l := widget.NewLabel("00000")
		l.TextStyle.Bold = true
		l.Truncation = fyne.TextTruncateEllipsis
		return l
	}
	ui.table.UpdateHeader = ui.updateHeader
	ui.tableHeight = canvas.NewRectangle(color.Transparent)
	ui.previewCard = widget.NewCard("", "", container.NewVBox(
		syncHeading(lang.X("import.preview", "First rows of the file")), ui.previewInfo,
		container.NewStack(ui.tableHeight, ui.table)))
	return ui.previewCard
}

func (ui *importUI) newRunCard() fyne.CanvasObject {
	ui.dryRun = widget.NewButtonWithIcon(lang.X("import.dryRun", "Dry run"), theme.SearchIcon(), ui.startDryRun)
	ui.apply = widget.NewButtonWithIcon(lang.X("import.apply", "Import into the database"), theme.DownloadIcon(), ui.startApply)
	ui.apply.Importance = widget.HighImportance
	ui.successor = widget.NewCheck(lang.X("import.successor", "Record the values of abolished areas on the area that took their place"), ui.changeSuccessor)
	ui.successor.Hide()
	ui.bar = widget.NewProgressBar()
	ui.bar.Hide()
	ui.status = wrapped("", widget.MediumImportance)
	ui.result = container.NewVBox()
	ui.resultCard = widget.NewCard("", "", ui.result)
	ui.resultCard.Hide()
	ui.runCard = widget.NewCard("", "", container.NewVBox(
		syncHeading(lang.X("import.run", "Import")),
		container.NewHBox(ui.dryRun, ui.apply), ui.successor, ui.bar, ui.status, ui.resultCard))
	return ui.runCard
}

// fixedWidth lays o out width wide, at its own height.
func fixedWidth(o fyne.CanvasObject, width float32) *fyne.Container {
	return container.New(&widthLayout{width: width}, o)
}

type widthLayout struct{ width float32 }

func (w *widthLayout) MinSize(objects []fyne.CanvasObject) fyne.Size {
	h := float32(0)
	for _, o := range objects {
		if o.Visible() {
			h = max(h, o.MinSize().Height)
		}
	}
	return fyne.NewSize(w.width, h)
}

// Layout centres each object vertically, at its own height.
func (w *widthLayout) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objects {
		h := min(o.MinSize().Height, size.Height)
		o.Move(fyne.NewPos(0, (size.Height-h)/2))
		o.Resize(fyne.NewSize(size.Width, h))
	}
}

// layoutLabel names a layout as the layout Select shows it.
func layoutLabel(l importer.Layout) string {
	switch l {
	case importer.LayoutLong:
		return lang.X("import.layout.long", "Long (one value a row)")
	case importer.LayoutWidePeriod:
		return lang.X("import.layout.widePeriod", "Areas × periods")
	case importer.LayoutWideElement:
		return lang.X("import.layout.wideElement", "Areas × elements")
	}
	return lang.X("import.layout.auto", "Detect")
}

func styleLabels(language string) []string {
	out := make([]string, len(importStyles))
	for i, st := range importStyles {
		out[i] = st.Label(language)
	}
	return out
}

// columnTitle is "C — Năm 2023".
func columnTitle(c importer.Column) string {
	h := strings.TrimSpace(c.Header)
	if h == "" {
		h = lang.X("import.noHeader", "(no header)")
	}
	return c.Letter + " — " + h
}

// fileSize prints a size in bytes, KB or MB.
func (ui *importUI) fileSize(n int64) string {
	switch {
	case n < 1<<10:
		return lang.X("import.bytes", "{{.N}} bytes", map[string]any{"N": n})
	case n < 1<<20:
		return number.FormatFloat(float64(n)/(1<<10), 1, ui.s.style) + " KB"
	}
	return number.FormatFloat(float64(n)/(1<<20), 1, ui.s.style) + " MB"
}

// count prints a whole number in the user's style.
func (ui *importUI) count(n int) string {
	return number.Format(strconv.Itoa(n), 0, ui.s.style)
}

// rowWord is "dòng 6" for a CSV, "hàng 6" for a sheet, as the importer's
// messages say.
func (ui *importUI) rowWord(n int) string {
	if ui.file != nil && ui.file.Kind == importer.XLSX {
		return lang.X("import.row", "row {{.N}}", map[string]any{"N": n})
	}
	return lang.X("import.line", "line {{.N}}", map[string]any{"N": n})
}

// ---- work ----

// askFile lets the user choose a file, then reads it.
func (ui *importUI) askFile() {
	d := ui.s.openDialog(func(r fyne.URIReadCloser) error {
		ui.load(r.URI().Path())
		return nil
	})
	d.SetTitleText(lang.X("import.chooseTitle", "Choose a CSV or Excel file to import"))
	d.SetFilter(storage.NewExtensionFileFilter([]string{".xlsx", ".csv", ".txt"}))
	if ui.file != nil {
		if l := folderOf(ui.file.Path); l != nil {
			d.SetLocation(l)
		}
	}
	d.Resize(fyne.NewSize(900, 600))
	d.Show()
}

// load opens the file at path and reads its first sheet.
func (ui *importUI) load(path string) {
	if ui.busy {
		return
	}
	ui.path, ui.encoding = path, importer.AutoEncoding
	ui.sheet, ui.layout, ui.element, ui.period = "", importer.LayoutAuto, "", ""
	ui.styles = map[string]importer.NumberStyle{}
	ui.successor.SetChecked(false)
	ui.startPreview(path, true)
}

// rereadFile opens the file again, after the user fixed it, keeping what
// was chosen.
func (ui *importUI) rereadFile() {
	if ui.path != "" {
		ui.startPreview(ui.path, true)
	}
}

// changeEncoding reads the file again in the encoding chosen.
func (ui *importUI) changeEncoding() {
	j := ui.encodingSel.SelectedIndex()
	if ui.updating || j < 0 || ui.path == "" {
		return
	}
	ui.encoding = importer.Encodings[j]
	ui.startPreview(ui.path, true)
}

// changeSuccessor records values of abolished areas on their successors,
// or not: a new dry run is due.
func (ui *importUI) changeSuccessor(on bool) {
	if ui.updating || ui.plan == nil || ui.plan.Successors == on {
		return
	}
	ui.plan.Successors = on
	ui.planChanged()
}

// progress returns a progress callback that moves the bar.
func (ui *importUI) progress() func(done, total int) {
	return func(done, total int) {
		fyne.Do(func() {
			if ui.busy && total > 0 {
				ui.bar.Max = float64(total)
				ui.bar.SetValue(float64(min(done, total)))
			}
		})
	}
}

// startPreview reads the sheet chosen of the file at path, opening the
// file again when reopen is set, off the UI goroutine.
func (ui *importUI) startPreview(path string, reopen bool) {
	if ui.busy {
		return
	}
	ui.setBusy(true, lang.X("import.reading", "Reading the file…"))
	old, sheet, cat, enc := ui.file, ui.sheet, ui.s.catalog(), ui.encoding
	opt := importer.Options{Layout: ui.layout, Element: ui.element, Period: ui.period, Progress: ui.progress()}
	ui.s.background(func() {
		f, err := old, error(nil)
		if reopen {
			f, err = importer.OpenAs(path, enc)
		}
		var plan *importer.Plan
		if err == nil {
			if !slices.Contains(f.Sheets, sheet) {
				sheet = ""
			}
			plan, err = importer.PreviewContext(context.Background(), f, sheet, cat, opt)
		}
		fyne.Do(func() { ui.previewed(old, f, plan, err) })
	})
}

// previewed shows the plan read from f (nil when f could not be opened),
// or why there is none.
func (ui *importUI) previewed(old, f *importer.File, plan *importer.Plan, err error) {
	ui.setBusy(false, "")
	if old != nil && old != f {
		old.Close()
	}
	ui.file, ui.plan = f, plan
	switch {
	case plan != nil:
		ui.sheet = plan.Sheet
		plan.Successors = ui.successor.Checked
		for i := range plan.Columns {
			c := &plan.Columns[i]
			if st, ok := ui.styles[c.Letter]; ok && c.Role == importer.RoleValue {
				c.Style = st
			}
		}
	case f != nil && ui.sheet == "" && len(f.Sheets) > 0:
		ui.sheet = f.Sheets[0]
	}
	ui.gen++
	ui.sum = nil
	ui.resultCard.Hide()
	if err != nil {
		ui.fileErr.SetText(msg.Text(err, ui.s.lang))
		ui.fileErr.Show()
	} else {
		ui.fileErr.Hide()
	}
	ui.show()
	ui.content.Refresh()
}

// detectStyles reads the number styles of the value columns again, after a
// column became one, keeping the styles the user chose.
func (ui *importUI) detectStyles() {
	plan := ui.plan
	work := *plan
	work.Columns = slices.Clone(plan.Columns)
	ui.setBusy(true, lang.X("import.detecting", "Reading the numbers of the value columns…"))
	ui.s.background(func() {
		err := work.DetectStyles(context.Background(), ui.progress())
		fyne.Do(func() {
			ui.setBusy(false, "")
			if ui.plan != plan {
				return
			}
			if err != nil {
				ui.s.showError(err)
			} else {
				plan.Columns = work.Columns
				for i := range plan.Columns {
					c := &plan.Columns[i]
					if st, ok := ui.styles[c.Letter]; ok && c.Role == importer.RoleValue {
						c.Style = st
					}
				}
			}
			ui.planChanged()
		})
	})
}

// setBusy turns the controls off while work goes on, showing its progress
// and what it is.
func (ui *importUI) setBusy(busy bool, what string) {
	ui.busy = busy
	for _, w := range ui.inputs() {
		if busy {
			w.Disable()
		} else {
			w.Enable()
		}
	}
	if busy {
		ui.bar.Max, ui.bar.Value = 1, 0
		ui.bar.Refresh()
		ui.bar.Show()
		ui.status.SetText(what)
		ui.status.Importance = widget.MediumImportance
		ui.status.Show()
	} else {
		ui.bar.Hide()
	}
	ui.updateButtons()
}

// inputs are the widgets the user changes the plan with.
func (ui *importUI) inputs() []fyne.Disableable {
	out := []fyne.Disableable{ui.choose, ui.reread, ui.sheetSel, ui.encodingSel, ui.layoutSel, ui.allStyles, ui.elementSel, ui.periodEntry, ui.successor}
	for _, l := range ui.lines {
		out = append(out, l.role, l.style)
	}
	return out
}

// canApply tells whether the last dry run was of the plan as it is, found
// no rejection and something to write.
func (ui *importUI) canApply() bool {
	return !ui.busy && ui.plan != nil && ui.sum != nil && !ui.sum.Applied && ui.sumGen == ui.gen &&
		ui.sum.Rejected == 0 && ui.sum.New+ui.sum.Changed > 0
}

// updateButtons turns the dry run and import buttons on when they can run
// and says what to do next.
func (ui *importUI) updateButtons() {
	ready := ui.plan != nil && ui.plan.Ready() == nil
	if !ui.busy && ready {
		ui.dryRun.Enable()
	} else {
		ui.dryRun.Disable()
	}
	if ui.canApply() {
		ui.apply.Enable()
	} else {
		ui.apply.Disable()
	}
	if show := ui.plan != nil && (ui.plan.Successors || ui.sum != nil && ui.sum.Movable > 0); show != ui.successor.Visible() {
		if show {
			ui.successor.Show()
		} else {
			ui.successor.Hide()
		}
		ui.runCard.Refresh()
	}
	if ui.busy {
		return
	}
	text := ""
	switch {
	case ui.plan == nil:
	case !ready:
		text = lang.X("import.notReady", "Set what is missing above before a dry run.")
	case ui.sum != nil && ui.sum.Applied:
	case ui.sum != nil && ui.sumGen != ui.gen:
		text = lang.X("import.stale", "How the file is read changed since the last dry run: run it again.")
	case ui.sum == nil:
		text = lang.X("import.needDryRun", "Run a dry run first: it reads every row and writes nothing.")
	}
	ui.status.SetText(text)
	if text == "" {
		ui.status.Hide()
	} else {
		ui.status.Show()
	}
}

// startDryRun reads every row as an import would, writing nothing.
func (ui *importUI) startDryRun() {
	if ui.busy || ui.plan == nil || ui.plan.Ready() != nil {
		return
	}
	plan, gen, st := ui.plan, ui.gen, ui.s.st
	ui.setBusy(true, lang.X("import.checking", "Dry run: reading every row…"))
	ui.s.background(func() {
		sum, err := importer.DryRun(context.Background(), st, plan, ui.progress())
		fyne.Do(func() {
			ui.setBusy(false, "")
			if ui.plan != plan {
				return
			}
			if err != nil {
				ui.sum = nil
				ui.showResult(false, importer.Summary{}, err)
			} else {
				ui.sum, ui.sumGen = &sum, gen
				ui.showResult(false, sum, nil)
			}
			ui.updateButtons()
		})
	})
}

// startApply imports the values of the plan that had a clean dry run.
func (ui *importUI) startApply() {
	if !ui.canApply() {
		return
	}
	plan, st := ui.plan, ui.s.st
	ui.setBusy(true, lang.X("import.applying", "Backing the database up, then importing…"))
	ui.s.background(func() {
		sum, err := importer.Apply(context.Background(), st, plan, ui.progress())
		fyne.Do(func() {
			ui.setBusy(false, "")
			ui.sum = &sum
			if err != nil {
				ui.sum = nil // nothing was written: a new dry run is due
			}
			ui.showResult(true, sum, err)
			if err == nil && sum.Applied {
				if rerr := ui.s.reload(); rerr != nil {
					ui.s.showError(rerr)
				}
			}
			ui.updateButtons()
		})
	})
}

// showResult shows what a dry run (apply false) or an import found or did.
func (ui *importUI) showResult(apply bool, sum importer.Summary, err error) {
	var title string
	icon := widget.NewIcon(theme.NewSuccessThemedResource(theme.ConfirmIcon()))
	switch {
	case err != nil && apply:
		title = lang.X("import.applyFailed", "Nothing was imported")
	case err != nil:
		title = lang.X("import.dryRunFailed", "The dry run failed")
	case apply:
		title = lang.X("import.applied", "Imported into the database")
	default:
		title = lang.X("import.dryRunDone", "Dry run: nothing was written")
	}
	head := boldLabel(title + " — " + time.Now().Format("15:04"))
	head.Wrapping = fyne.TextWrapWord
	if err != nil || sum.Rejected > 0 {
		head.Importance = widget.DangerImportance
		icon.SetResource(theme.NewErrorThemedResource(theme.ErrorIcon()))
	}
	objs := []fyne.CanvasObject{container.NewBorder(nil, nil, icon, nil, head)}

	if err != nil {
		objs = append(objs, wrapped(msg.Text(err, ui.s.lang), widget.DangerImportance))
	}
	if err == nil || sum.Rows > 0 {
		counts := boldLabel(lang.X("import.counts", "New: {{.New}} · Changed: {{.Changed}} · Unchanged: {{.Unchanged}} · Rejected: {{.Rejected}}",
			map[string]any{"New": ui.count(sum.New), "Changed": ui.count(sum.Changed), "Unchanged": ui.count(sum.Unchanged), "Rejected": ui.count(sum.Rejected)}))
		if sum.Rejected > 0 {
			counts.Importance = widget.DangerImportance
		}
		read := lang.X("import.read", "{{.Rows}} data rows read.", map[string]any{"Rows": ui.count(sum.Rows)})
		if sum.Blank > 0 {
			read += " " + lang.X("import.skippedBlank", "{{.N}} empty cells skipped.", map[string]any{"N": ui.count(sum.Blank)})
		}
		if sum.Totals > 0 {
			read += " " + lang.X("import.skippedTotals", "{{.N}} rows of totals skipped.", map[string]any{"N": ui.count(sum.Totals)})
		}
		if sum.Moved > 0 {
			read += " " + lang.X("import.moved", "{{.N}} values of abolished areas go to the area that took their place.", map[string]any{"N": ui.count(sum.Moved)})
		}
		objs = append(objs, counts, wrapped(read, widget.MediumImportance))
		for _, n := range append([]error{sum.TableEnd()}, sum.Warnings...) {
			if n != nil {
				objs = append(objs, wrapped("⚠ "+capitalized(msg.Text(n, ui.s.lang)), widget.WarningImportance))
			}
		}
		if sum.Movable > 0 && !ui.successor.Checked {
			objs = append(objs, wrapped(lang.X("import.movable", "{{.N}} refused values belong to abolished areas that another area took the place of: tick “Record the values of abolished areas…” and run the dry run again to record them there.",
				map[string]any{"N": ui.count(sum.Movable)}), widget.WarningImportance))
		}
	}
	switch {
	case err != nil:
	case apply:
		objs = append(objs,
			wrapped(lang.X("import.appliedText", "{{.Count}} values are in the database; the other screens show them.",
				map[string]any{"Count": ui.count(sum.New + sum.Changed)}), widget.SuccessImportance),
			wrapped(lang.X("import.backup", "Backup made before the import: {{.Path}}", map[string]any{"Path": sum.Backup}), widget.MediumImportance))
	case sum.Rejected > 0:
		objs = append(objs, wrapped(lang.X("import.fixFile", "A file with rejected values is not imported, not even in part: fix the file, save it, then read it again."), widget.DangerImportance))
	case sum.New+sum.Changed == 0:
		objs = append(objs, wrapped(lang.X("import.nothingNew", "Nothing to import: the database already holds every value of the file."), widget.MediumImportance))
	default:
		objs = append(objs, wrapped(lang.X("import.canApply", "No errors: “Import into the database” writes these values, after a backup."), widget.SuccessImportance))
	}
	if len(sum.Rejections) > 0 {
		list := widget.NewRichText()
		list.Wrapping = fyne.TextWrapWord
		for i, r := range sum.Rejections {
			if i == importRejectionsShown {
				break
			}
			seg := &widget.TextSegment{Text: "• " + r.Message(ui.s.lang), Style: widget.RichTextStyleParagraph}
			seg.Style.ColorName = theme.ColorNameError
			list.Segments = append(list.Segments, seg)
		}
		if more := sum.Rejected - min(len(sum.Rejections), importRejectionsShown); more > 0 {
			seg := &widget.TextSegment{Text: lang.X("import.moreRejections", "and {{.N}} more errors", map[string]any{"N": ui.count(more)}),
				Style: widget.RichTextStyleParagraph}
			seg.Style.ColorName = theme.ColorNameError
			seg.Style.TextStyle.Italic = true
			list.Segments = append(list.Segments, seg)
		}
		list.Refresh()
		objs = append(objs, list)
		rejections := sum.Rejections
		copyAll := widget.NewButtonWithIcon(lang.X("import.copyRejections", "Copy every error"), theme.ContentCopyIcon(), func() {
			lines := make([]string, len(rejections))
			for i, r := range rejections {
				lines[i] = r.Message(ui.s.lang)
			}
			ui.s.app.Clipboard().SetContent(strings.Join(lines, "\n"))
		})
		objs = append(objs, container.NewHBox(copyAll))
	}
	ui.result.Objects = objs
	ui.result.Refresh()
	ui.resultCard.Show()
	ui.content.Refresh()
}

// capitalized returns s with its first letter in upper case, as a sentence
// shown alone starts.
func capitalized(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}
