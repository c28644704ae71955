package app

import (
	"context"
	"encoding/csv"
	"image/color"
	"io"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"chiso/data/calc"
	"chiso/data/catalog"
	"chiso/data/cycle"
	"chiso/data/msg"
	"chiso/data/period"
	"chiso/widgets"
)

// statusFilter picks the units the status list shows.
type statusFilter int

const (
	filterAll statusFilter = iota
	filterMissing
	filterLate
	filterWaiting // sent, awaiting the approver
	filterApproved
)

// statusUI is the Tiến độ báo cáo screen: for the area chosen in the tree,
// a data set and a period, how many of the reporting units below it have
// sent their report and how many on time ("48/54 đơn vị đã gửi, 45 đúng
// hạn"), then each unit with its state, when it sent, the last step and
// its office's last sync; a unit's button opens its report to approve or
// return it.
type statusUI struct {
	s *session

	// UI goroutine only:
	area    string
	dataset *catalog.DataSet
	per     period.Period
	periods []period.Period
	filter  statusFilter
	request int
	summary *cycle.Summary
	rows    []cycle.Row // the rows shown (filtered)

	tree      *widgets.AreaTree
	datasets  *widget.Select
	periodSel *widget.Select
	heading   *widget.Label
	count     *widget.Label
	deadline  *widget.Label
	bar       *widget.ProgressBar
	counts    *widget.Label
	filters   *widget.RadioGroup
	list      *widget.List
	empty     *widget.Label
	status    *widget.Label
	saveCSV   *widget.Button
	content   fyne.CanvasObject
}

// statusScreen returns the reporting status screen.
func statusScreen(s *session) fyne.CanvasObject {
	return newStatusUI(s).content
}

func newStatusUI(s *session) *statusUI {
	u := &statusUI{s: s}
	u.build()
	s.status = u
	cat := s.catalog()
	if len(cat.DataSets) > 0 {
		u.dataset = &cat.DataSets[0]
		u.datasets.SetSelectedIndex(0)
		u.choosePeriod(u.defaultPeriod())
	}
	if area := defaultArea(cat); area != "" {
		u.tree.Select(area) // loads
		u.tree.OpenBranch(area)
	}
	return u
}

func (u *statusUI) build() {
	cat := u.s.catalog()
	u.tree = widgets.NewAreaTree(areaNodes(cat), areaMatch())
	u.tree.OnSelected = func(id string) {
		u.area = id
		u.load()
	}
	var names []string
	for _, ds := range cat.DataSets {
		names = append(names, pick(u.s.lang, ds.NameVI, ds.NameEN))
	}
	u.datasets = widget.NewSelect(names, func(string) {
		i := u.datasets.SelectedIndex()
		if i < 0 {
			return
		}
		old := u.dataset
		u.dataset = &u.s.catalog().DataSets[i]
		if old == nil || old.PeriodType != u.dataset.PeriodType {
			u.choosePeriod(u.defaultPeriod())
		}
		u.load()
	})
	u.periodSel = widget.NewSelect(nil, func(string) {
		if i := u.periodSel.SelectedIndex(); i >= 0 && i < len(u.periods) && u.periods[i] != u.per {
			u.per = u.periods[i]
			u.load()
		}
	})
	u.saveCSV = widget.NewButtonWithIcon(lang.X("cycle.saveCSV", "Save CSV…"), theme.DocumentSaveIcon(), u.askSaveCSV)

	u.heading = widget.NewLabel("")
	u.heading.TextStyle.Bold = true
	u.heading.Truncation = fyne.TextTruncateEllipsis
	u.count = widget.NewLabel("")
	u.count.TextStyle.Bold = true
	u.count.SizeName = theme.SizeNameHeadingText
	u.deadline = widget.NewLabel("")
	u.bar = widget.NewProgressBar()
	u.counts = widget.NewLabel("")
	u.counts.Wrapping = fyne.TextWrapWord
	u.status = widget.NewLabel("")
	u.status.Importance = widget.DangerImportance
	u.status.Wrapping = fyne.TextWrapWord
	u.status.Hide()

	u.filters = widget.NewRadioGroup([]string{
		lang.X("cycle.filterAll", "All"), lang.X("cycle.filterMissing", "Not sent"), lang.X("cycle.filterLate", "Late"),
		lang.X("cycle.filterWaiting", "Awaiting approval"), lang.X("cycle.filterApproved", "Approved"),
	}, nil)
	u.filters.Horizontal = true
	u.filters.Required = true
	u.filters.SetSelected(lang.X("cycle.filterAll", "All"))
	u.filters.OnChanged = func(string) {
		for i, o := range u.filters.Options {
			if o == u.filters.Selected {
				u.filter = statusFilter(i)
			}
		}
		u.showRows()
	}

	u.list = widget.NewList(func() int { return len(u.rows) }, u.newRow, u.updateRow)
	u.empty = widget.NewLabel(lang.X("cycle.none", "No unit in this list."))
	u.empty.Importance = widget.LowImportance
	u.empty.Hide()

	toolbar := container.NewBorder(nil, nil, widget.NewLabel(lang.X("entry.dataset", "Data set")),
		container.NewHBox(widget.NewLabel(lang.X("entry.period", "Period")), u.periodSel, u.saveCSV), u.datasets)
	summary := widget.NewCard("", "", container.NewVBox(
		container.NewBorder(nil, nil, nil, u.deadline, u.count), u.bar, u.counts))
	titles := []fyne.CanvasObject{boldLabel(lang.X("cycle.colArea", "Area")), boldLabel(lang.X("cycle.colState", "State")),
		boldLabel(lang.X("cycle.colSent", "First sent")), boldLabel(lang.X("cycle.colLast", "Last step")),
		boldLabel(lang.X("cycle.colSync", "Last sync")), boldLabel(lang.X("cycle.colNote", "Note"))}
	for _, t := range titles {
		t.(*widget.Label).Truncation = fyne.TextTruncateEllipsis
	}
	openRoom := canvas.NewRectangle(color.Transparent) // above the rows' Xem buttons
	openRoom.SetMinSize(newOpenButton().MinSize())
	header := container.NewBorder(nil, nil, nil, openRoom, container.New(statusColumns(), titles...))
	top := container.NewVBox(u.heading, toolbar, u.status, summary, u.filters, header, widget.NewSeparator())
	right := container.NewBorder(top, nil, nil, nil, container.NewStack(u.list, container.NewCenter(u.empty)))
	split := container.NewHSplit(u.tree, right)
	split.Offset = 0.22
	u.content = split
}

// statusColumns are the widths of the text columns of the status list;
// the button that opens a unit's report keeps its own width at the right
// of them, whatever the window's width and scale.
func statusColumns() *columns {
	return &columns{widths: []float32{0.215, 0.16, 0.11, 0.205, 0.16, 0.15}}
}

// newOpenButton is the button of a row of the status list that opens the
// unit's report.
func newOpenButton() *widget.Button {
	open := widget.NewButtonWithIcon(lang.X("cycle.open", "Open"), theme.VisibilityIcon(), nil)
	open.Importance = widget.LowImportance
	return open
}

// choose shows a data set, an area and a period (from another screen).
func (u *statusUI) choose(dataset, area string, p period.Period) {
	for i, ds := range u.s.catalog().DataSets {
		if ds.Code == dataset {
			on := u.datasets.OnChanged
			u.datasets.OnChanged = nil
			u.datasets.SetSelectedIndex(i)
			u.datasets.OnChanged = on
			u.dataset = &u.s.catalog().DataSets[i]
		}
	}
	u.choosePeriod(p)
	u.tree.Select(area)
	u.tree.OpenBranch(area)
	u.area = area
	u.load()
}

// choosePeriod offers the periods of the data set's type and selects p.
func (u *statusUI) choosePeriod(p period.Period) {
	if u.dataset == nil {
		return
	}
	u.periods = offerPeriods(u.periodSel, periodsOf(u.dataset.PeriodType, time.Now()), p, u.s.lang)
	u.per = p
}

// defaultPeriod is the last period whose deadline has passed (the one
// before the current period when the data set sets no deadline) — the
// report offices are expected to have sent — or, when no value of the data
// set was entered for it, the latest period before it that has some.
func (u *statusUI) defaultPeriod() period.Period {
	now := time.Now()
	due := currentPeriod(u.dataset.PeriodType, now).Prev()
	for range 3 {
		if d, ok := u.dataset.Deadline(due); !ok || d.Before(now) {
			break
		}
		due = due.Prev()
	}
	p := due
	for range 12 {
		if ok, err := u.s.st.HasAreaValues(context.Background(), p.String(), "", u.dataset.Elements); err != nil || ok {
			return p
		}
		p = p.Prev()
	}
	return due
}

// load computes the status of the chosen data set, area and period.
func (u *statusUI) load() {
	if u.dataset == nil || u.area == "" {
		return
	}
	u.heading.SetText(areaNameOf(u.s.catalog(), u.area, u.s.lang) + " — " + pick(u.s.lang, u.dataset.NameVI, u.dataset.NameEN) + ", " + u.per.Label(u.s.lang))
	u.request++
	request, ds, area, per := u.request, u.dataset, u.area, u.per
	u.s.background(func() {
		var sum *cycle.Summary
		err := u.s.compute(func(en *calc.Engine) (err error) {
			sum, err = cycle.Status(context.Background(), u.s.st, en, ds, area, per, time.Now())
			return err
		})
		fyne.Do(func() {
			if request != u.request {
				return
			}
			if err != nil {
				u.status.SetText(msg.Text(err, u.s.lang))
				u.status.Show()
				return
			}
			u.status.Hide()
			u.show(sum)
		})
	})
}

// show displays a computed status.
func (u *statusUI) show(sum *cycle.Summary) {
	u.summary = sum
	u.count.SetText(sum.Text(u.s.lang))
	if sum.HasDeadline {
		u.deadline.SetText(lang.L("Due {{.Date}}", map[string]any{"Date": sum.Deadline.Format("02/01/2006")}))
	} else {
		u.deadline.SetText(lang.L("No deadline set"))
	}
	u.bar.Max = float64(max(1, sum.Expected()))
	u.bar.SetValue(float64(sum.Sent))
	waiting := sum.Sent - sum.Approved
	u.counts.SetText(lang.L("Approved {{.Approved}} · awaiting approval {{.Waiting}} · returned {{.Returned}} · not sent {{.Missing}} · late or overdue {{.Late}}",
		map[string]any{"Approved": sum.Approved, "Waiting": waiting, "Returned": sum.Returned, "Missing": len(sum.Missing()), "Late": len(sum.LateRows())}))
	u.showRows()
}

// showRows lists the rows of the filter chosen.
func (u *statusUI) showRows() {
	u.rows = nil
	if u.summary != nil {
		for _, r := range u.summary.Rows {
			if u.filter.keeps(r) {
				u.rows = append(u.rows, r)
			}
		}
	}
	u.empty.Hidden = len(u.rows) > 0
	u.empty.Refresh()
	u.list.Refresh()
	u.list.ScrollToTop()
}

func (f statusFilter) keeps(r cycle.Row) bool {
	switch f {
	case filterMissing:
		return !r.State.Sent()
	case filterLate:
		return r.Late
	case filterWaiting:
		return r.State == cycle.SubmittedOnTime || r.State == cycle.SubmittedLate
	case filterApproved:
		return r.State == cycle.Approved
	}
	return true
}

func (u *statusUI) newRow() fyne.CanvasObject {
	labels := make([]fyne.CanvasObject, 6)
	for i := range labels {
		l := widget.NewLabel("Phường Hồng Gai")
		l.Truncation = fyne.TextTruncateEllipsis
		labels[i] = l
	}
	return container.NewBorder(nil, nil, nil, newOpenButton(), container.New(statusColumns(), labels...))
}

func (u *statusUI) updateRow(i widget.ListItemID, o fyne.CanvasObject) {
	if i >= len(u.rows) {
		return
	}
	r := u.rows[i]
	row := o.(*fyne.Container).Objects // the text columns, then the button
	cells := row[0].(*fyne.Container).Objects
	set := func(i int, text string, imp widget.Importance) {
		l := cells[i].(*widget.Label)
		l.Importance = imp
		l.SetText(text)
	}
	set(0, areaName(r.Area, u.s.lang), widget.MediumImportance)
	set(1, r.State.Label(u.s.lang), stateImportance(r.State))
	sent := ""
	if r.Form.FirstSubmit.Action != "" {
		sent = r.Form.FirstSubmit.Time().Local().Format("02/01/2006")
	}
	set(2, sent, widget.MediumImportance)
	last := ""
	if r.Form.Current.Action != "" {
		last = r.Form.Current.Author + ", " + localDate(r.Form.Current.At)
	}
	set(3, last, widget.MediumImportance)
	sync := lang.X("cycle.never", "never")
	if r.LastSync != "" {
		sync = localTime(r.LastSync)
	}
	set(4, sync, widget.MediumImportance)
	note, imp := u.rowNote(r)
	set(5, note, imp)
	code := r.Area.Code
	row[1].(*widget.Button).OnTapped = func() { u.openForm(code) }
}

// rowNote says what else matters about a unit, and how loudly: changes
// kept aside, lateness, the remark of a return.
func (u *statusUI) rowNote(r cycle.Row) (string, widget.Importance) {
	var notes []string
	imp := widget.MediumImportance
	if r.Held > 0 {
		notes = append(notes, lang.L("{{.N}} changes kept aside", map[string]any{"N": r.Held}))
		imp = widget.WarningImportance
	}
	switch {
	case r.Late && r.State.Sent():
		notes = append(notes, lang.X("cycle.late", "late"))
		imp = widget.WarningImportance
	case r.Late:
		notes = append(notes, lang.X("cycle.overdue", "overdue"))
		imp = widget.DangerImportance
	}
	if r.State == cycle.Returned && r.Form.Current.Comment != "" {
		notes = append(notes, r.Form.Current.Comment)
	}
	return strings.Join(notes, " · "), imp
}

// localDate turns a stored UTC time into the local dd/mm/yyyy.
func localDate(stored string) string {
	if t, err := time.Parse("2006-01-02T15:04:05.000Z", stored); err == nil {
		return t.Local().Format("02/01/2006")
	}
	return stored
}

// stateImportance colours a state.
func stateImportance(st cycle.State) widget.Importance {
	switch st {
	case cycle.Approved:
		return widget.SuccessImportance
	case cycle.SubmittedOnTime:
		return widget.HighImportance
	case cycle.SubmittedLate, cycle.Returned:
		return widget.WarningImportance
	}
	return widget.MediumImportance
}

// openForm opens the report of a unit for review.
func (u *statusUI) openForm(area string) {
	if u.dataset == nil {
		return
	}
	showReview(u.s, u.dataset, area, u.per, u.load)
}

// askSaveCSV asks where to save the status as CSV.
func (u *statusUI) askSaveCSV() {
	if u.summary == nil {
		return
	}
	sum := u.summary
	d := u.s.saveDialog(func(w fyne.URIWriteCloser) error { return writeStatusCSV(w, sum, u.s.lang) })
	d.SetFileName("tien-do-" + sum.DataSet.Code + "-" + sum.Parent.Code + "-" + sum.Period.String() + ".csv")
	d.SetFilter(storage.NewExtensionFileFilter([]string{".csv"}))
	d.Show()
}

// writeStatusCSV writes the status as CSV, UTF-8 with a byte order mark
// for Excel: the count line, then one row per unit.
func writeStatusCSV(w io.Writer, sum *cycle.Summary, language string) error {
	if _, err := io.WriteString(w, "\ufeff"); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	cw.Write([]string{sum.Text(language)})
	cw.Write([]string{lang.X("cycle.colCode", "Code"), lang.X("cycle.colArea", "Area"), lang.X("cycle.colState", "State"),
		lang.X("cycle.colLateCSV", "Late"), lang.X("cycle.colSent", "First sent"), lang.X("cycle.colLast", "Last step"),
		lang.X("cycle.colRemark", "Remark"), lang.X("cycle.colHeld", "Changes kept aside"), lang.X("cycle.colSync", "Last sync")})
	for _, r := range sum.Rows {
		sent, last, sync, late := "", "", "", ""
		if r.Form.FirstSubmit.Action != "" {
			sent = r.Form.FirstSubmit.Time().Local().Format("02/01/2006 15:04")
		}
		if r.Form.Current.Action != "" {
			last = r.Form.Current.Author + ", " + localTime(r.Form.Current.At)
		}
		if r.LastSync != "" {
			sync = localTime(r.LastSync)
		}
		if r.Late {
			late = "x"
		}
		cw.Write([]string{r.Area.Code, areaName(r.Area, language), r.State.Label(language), late, sent, last,
			r.Form.Current.Comment, strconv.Itoa(r.Held), sync})
	}
	cw.Flush()
	return cw.Error()
}
