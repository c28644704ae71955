package app

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"chiso/data/calc"
	"chiso/data/catalog"
	"chiso/data/msg"
	"chiso/data/number"
	"chiso/data/period"
	"chiso/data/report"
	"chiso/widgets"
)

// reportFormats are the files a report is written as, in the order offered.
var reportFormats = []string{"XLSX", "PDF", "CSV"}

// reports is the Báo cáo screen: choose an area, a period and a form, see
// the figures and the written analysis, and write the report as a file.
type reports struct {
	s          *session
	tree       *widgets.AreaTree
	periods    []string // period codes offered, matching periodSel's options
	periodSel  *widget.Select
	datasets   []catalog.DataSet
	datasetSel *widget.Select
	layouts    []catalog.Layout // the official layouts of the chosen form, matching layoutSel's options after the first
	layoutSel  *widget.Select
	format     *widget.RadioGroup
	write      *widget.Button
	progress   *widget.ProgressBarInfinite
	status     *widget.Label
	analysis   *widget.Label
	notesTitle *widget.Label // "Written analysis", or "Notes" for an official form
	table      *widget.Table
	heading    *widget.Label
	content    fyne.CanvasObject

	area    string
	rep     *report.Report               // the report shown, nil until built
	noData  error                        // rep.NoData(): then the table draws its header alone, as nothing is reported
	request int                          // the latest build asked for; older results are dropped
	done    func(path string, err error) // told when a file was written (tests)
}

// reportsScreen is the Báo cáo section: writing reports, and reading
// values in from other people's files.
func reportsScreen(s *session) fyne.CanvasObject {
	return container.NewAppTabs(
		container.NewTabItemWithIcon(lang.X("reports.tab", "Reports"), theme.DocumentPrintIcon(), newReports(s).content),
		container.NewTabItemWithIcon(lang.X("reports.importTab", "Import from Excel / CSV"), theme.DownloadIcon(), importScreen(s)),
	)
}

func newReports(s *session) *reports {
	r := &reports{s: s}
	cat := s.catalog()
	last := latestYear(context.Background(), s.st, time.Now())
	for _, y := range years(time.Now(), last) {
		r.periods = append(r.periods, y)
	}
	for end := (last-1)/5*5 + 5; end-4 >= firstYear; end -= 5 {
		r.periods = append(r.periods, fmt.Sprintf("%d-%d", end-4, end))
	}
	labels := make([]string, len(r.periods))
	for i, code := range r.periods {
		p, _ := period.Parse(code)
		labels[i] = p.Label(s.lang)
	}
	r.periodSel = widget.NewSelect(labels, func(string) { r.load() })
	r.periodSel.SetSelectedIndex(max(slices.Index(r.periods, strconv.Itoa(last)), 0))

	r.datasets = cat.DataSets
	names := []string{lang.X("reports.alldata", "All elements and indicators")}
	for _, ds := range r.datasets {
		names = append(names, pick(s.lang, ds.NameVI, ds.NameEN))
	}
	r.layoutSel = widget.NewSelect(nil, func(string) { r.load() })
	r.datasetSel = widget.NewSelect(names, func(string) {
		r.fillLayouts()
		r.load()
	})
	r.datasetSel.SetSelectedIndex(0)

	r.format = widget.NewRadioGroup(reportFormats, nil)
	r.format.Horizontal = true
	r.format.SetSelected(reportFormats[0])
	r.write = widget.NewButtonWithIcon(lang.X("reports.write", "Write the report…"), theme.DocumentSaveIcon(), r.askWrite)
	r.write.Importance = widget.HighImportance
	r.progress = widget.NewProgressBarInfinite()
	r.progress.Stop()
	r.progress.Hide()
	r.status = widget.NewLabel("")
	r.status.Wrapping = fyne.TextWrapWord

	r.heading = widget.NewLabel("")
	r.heading.TextStyle.Bold = true
	r.heading.Wrapping = fyne.TextWrapWord
	r.analysis = widget.NewLabel("")
	r.analysis.Wrapping = fyne.TextWrapWord
	r.table = widget.NewTable(r.tableSize, func() fyne.CanvasObject { return widget.NewLabel("") }, r.tableCell)

	r.tree = widgets.NewAreaTree(areaNodes(cat), areaMatch())
	r.tree.OnSelected = func(id string) {
		r.area = id
		r.load()
	}

	form := widget.NewForm(
		widget.NewFormItem(lang.X("reports.period", "Period"), r.periodSel),
		widget.NewFormItem(lang.X("reports.dataset", "Form"), r.datasetSel),
		widget.NewFormItem(lang.X("reports.layout", "Layout"), r.layoutSel),
		widget.NewFormItem(lang.X("reports.format", "File"), r.format),
	)
	controls := container.NewVBox(form, container.NewBorder(nil, nil, r.write, nil, container.NewStack(r.progress, r.status)))
	r.notesTitle = widget.NewLabel(lang.X("reports.analysis", "Written analysis"))
	r.notesTitle.TextStyle.Bold = true
	top := container.NewBorder(container.NewVBox(r.heading, r.notesTitle), nil, nil, nil, container.NewVScroll(r.analysis))
	preview := container.NewVSplit(top, r.table)
	preview.Offset = 0.45
	right := container.NewBorder(controls, nil, nil, nil, preview)
	split := container.NewHSplit(r.tree, right)
	split.Offset = 0.24
	r.content = split
	if a := r.s.homeArea(); a != "" {
		r.tree.Select(a)
		r.tree.OpenBranch(a)
	}
	return r
}

// options are the report options chosen on the screen.
func (r *reports) options() (report.Options, bool) {
	i := r.periodSel.SelectedIndex()
	if r.area == "" || i < 0 {
		return report.Options{}, false
	}
	p, err := period.Parse(r.periods[i])
	if err != nil {
		return report.Options{}, false
	}
	o := report.Options{Area: r.area, Period: p, Lang: r.s.lang, Today: time.Now()}
	if d := r.datasetSel.SelectedIndex(); d > 0 {
		o.DataSet = r.datasets[d-1].Code
	}
	if l := r.layoutSel.SelectedIndex(); l > 0 && l <= len(r.layouts) {
		o.Layout, o.DataSet = r.layouts[l-1].Code, ""
	}
	o.Agency, _ = r.s.st.Meta("office")
	return o, true
}

// load builds the report of the choices in the background and shows it.
func (r *reports) load() {
	o, ok := r.options()
	if !ok {
		return
	}
	r.request++
	request, style := r.request, r.s.style
	r.s.background(func() {
		var rep *report.Report
		err := r.s.compute(func(en *calc.Engine) (err error) {
			rep, err = report.New(en, o, style)
			return err
		})
		fyne.Do(func() {
			if request != r.request {
				return
			}
			if err != nil {
				r.rep = nil
				r.heading.SetText("")
				r.analysis.SetText("")
				r.write.Disable()
				r.table.Refresh()
				r.s.showError(err)
				return
			}
			r.show(rep)
		})
	})
}

// headerLines is how many lines of text the preview's header row holds:
// a column's header ("Thực hiện năm 2016-2020 (tính theo địa giới mới)",
// "Tỷ lệ (%) (13=12/10)") wraps in it instead of being cut short.
const headerLines = 3

// show puts a built report on the screen: without a figure of its period
// (report.NoData, as the CLI decides), it says so instead of the analysis,
// draws the table's header alone (the previous period's figures and the
// targets alone report nothing) and writes no file.
func (r *reports) show(rep *report.Report) {
	r.rep, r.noData = rep, rep.NoData()
	r.heading.SetText(rep.Title + "\n" + rep.Subtitle)
	widths := []float32{60, 360, 110, 120, 120, 120, 100, 100}
	if rep.Form != nil {
		widths = []float32{50, 220}
		for range len(rep.Form.Desc) + len(rep.Form.Number) - 2 {
			widths = append(widths, 110)
		}
	}
	for col, w := range widths {
		r.table.SetColumnWidth(col, w)
	}
	r.table.SetRowHeight(0, widget.NewLabel(strings.Repeat("\n", headerLines-1)).MinSize().Height)
	r.analysis.Importance = widget.MediumImportance
	if r.noData != nil {
		r.analysis.Importance = widget.WarningImportance
		r.analysis.SetText(capitalized(msg.Text(r.noData, r.s.lang)))
		r.write.Disable()
		r.table.Refresh()
		return
	}
	r.write.Enable()
	r.notesTitle.SetText(lang.X("reports.analysis", "Written analysis"))
	text := lang.X("reports.noanalysis", "Not enough data for a written analysis of this period.")
	notes := rep.Notes
	switch {
	case rep.Form != nil:
		r.notesTitle.SetText(lang.X("reports.notes", "Notes"))
		text, notes = "", rep.Form.Notes
	case len(rep.Analysis) > 0:
		text = "• " + strings.Join(rep.Analysis, "\n• ")
	}
	if len(notes) > 0 { // what the figures on other boundaries are made of, which are estimates
		text = strings.TrimSpace(strings.Join(notes, "\n") + "\n\n" + text)
	}
	r.analysis.SetText(text)
	r.table.Refresh()
}

func (r *reports) tableSize() (int, int) {
	switch {
	case r.rep == nil:
		return 0, 3 + report.NumColumns
	case r.noData != nil:
		return 1, 3 + report.NumColumns // the header alone
	}
	if f := r.rep.Form; f != nil {
		return len(f.Rows) + 1, len(f.Desc) + len(f.Number)
	}
	return len(r.rep.Rows) + 1, 3 + report.NumColumns
}

// tableCell fills one cell of the preview: a header row, then the rows.
func (r *reports) tableCell(id widget.TableCellID, o fyne.CanvasObject) {
	l := o.(*widget.Label)
	l.TextStyle = fyne.TextStyle{}
	l.Alignment = fyne.TextAlignLeading
	l.Truncation, l.Wrapping = fyne.TextTruncateEllipsis, fyne.TextWrapOff
	if id.Row == 0 { // the header wraps in its taller row (headerLines)
		l.Truncation, l.Wrapping = fyne.TextTruncateOff, fyne.TextWrapWord
	}
	if r.rep == nil {
		l.SetText("")
		return
	}
	if r.rep.Form != nil {
		r.formCell(id, l)
		l.Refresh()
		return
	}
	if id.Row == 0 {
		l.TextStyle.Bold = true
		switch id.Col {
		case 0:
			l.SetText(lang.X("reports.col.number", "No."))
		case 1:
			l.SetText(lang.X("reports.col.name", "Indicator"))
		case 2:
			l.SetText(lang.X("reports.col.unit", "Unit"))
		default:
			l.SetText(r.rep.Columns[id.Col-3].Header)
		}
		l.Refresh()
		return
	}
	row := r.rep.Rows[id.Row-1]
	l.TextStyle.Bold = row.Heading
	switch id.Col {
	case 0:
		l.SetText(row.Number)
	case 1:
		l.SetText(row.Name)
	case 2:
		l.SetText(row.Unit)
	default:
		l.Alignment = fyne.TextAlignTrailing
		v := row.Values[id.Col-3]
		if !v.OK || row.Heading {
			l.SetText("")
			if v.NotComparable && !row.Heading {
				l.SetText(report.NotComparableMark)
			}
			return
		}
		decimals := row.Decimals
		if id.Col-3 >= report.ColPctPrevious {
			decimals = 1
		}
		l.SetText(number.FormatFloat(v.Value, decimals, r.s.style))
	}
}

// fileName suggests the name of the report's file.
func (r *reports) fileName(ext string) string {
	return "bao-cao-" + r.rep.Area + "-" + r.rep.Period.String() + ext
}

// askWrite asks where to write the report in the chosen format, writes it
// and opens it.
func (r *reports) askWrite() {
	if r.rep == nil {
		return
	}
	ext := "." + strings.ToLower(r.format.Selected)
	d := r.s.saveDialog(func(w fyne.URIWriteCloser) error {
		path := w.URI().Path()
		if !strings.HasSuffix(strings.ToLower(path), ext) {
			os.Remove(path)
			path += ext
		}
		r.writeFile(path, r.format.Selected)
		return nil
	})
	d.SetFileName(r.fileName(ext))
	d.SetFilter(storage.NewExtensionFileFilter([]string{ext}))
	d.Resize(fyne.NewSize(900, 600))
	d.Show()
}

// writeFile writes the report shown into path, in the background, then
// opens it with the program the system has for it.
func (r *reports) writeFile(path, format string) {
	rep, style := r.rep, r.s.style
	r.write.Disable()
	r.progress.Show()
	r.progress.Start()
	r.status.SetText(lang.X("reports.writing", "Writing {{.File}}…", map[string]any{"File": filepath.Base(path)}))
	r.s.background(func() {
		err := report.WriteFile(path, format, rep, style)
		fyne.Do(func() {
			r.progress.Stop()
			r.progress.Hide()
			r.write.Enable()
			if err != nil {
				r.status.SetText("")
				r.s.showError(err)
			} else {
				r.status.SetText(lang.X("reports.written", "Wrote {{.File}}.", map[string]any{"File": path}))
				if err := openWithSystem(r.s.app, path); err != nil {
					fyne.LogError("Could not open the report", err)
				}
			}
			if r.done != nil {
				r.done(path, err)
			}
		})
	})
}
