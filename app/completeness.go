package app

import (
	"context"
	"sort"
	"strconv"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"chiso/data/calc"
	"chiso/data/catalog"
	"chiso/data/msg"
	"chiso/data/period"
	"chiso/data/store"
	"chiso/data/vntext"
)

// completedArea is a child area that has completed the data set: who
// marked it and when.
type completedArea struct {
	catalog.Area
	store.Completion
}

// completenessSummary returns the child areas of area valid in the period
// that have completed the data set (done) and those that have not
// (missing, including those marked and then reopened), each sorted by
// name.
func completenessSummary(s *session, dataset, area, per string) (done []completedArea, missing []catalog.Area, err error) {
	p, err := period.Parse(per)
	if err != nil {
		return nil, nil, msg.Wrap(err, "kỳ không hợp lệ: "+per, "invalid period: "+per)
	}
	if datasetByCode(s.catalog(), dataset) == nil {
		return nil, nil, msg.New("không có biểu mã "+dataset, "unknown data set "+dataset)
	}
	var children []catalog.Area
	err = s.compute(func(en *calc.Engine) error {
		if en.Area(area) == nil {
			return msg.New("không có địa bàn mã "+area, "unknown area "+area)
		}
		for _, c := range en.Children(area, p) {
			if a := en.Area(c); a != nil {
				children = append(children, *a)
			}
		}
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	marks, err := s.st.Completions(context.Background(), dataset, p.String())
	if err != nil {
		return nil, nil, err
	}
	for _, a := range children {
		if c, ok := marks[a.Code]; ok && c.Complete {
			done = append(done, completedArea{a, c})
		} else {
			missing = append(missing, a)
		}
	}
	sort.SliceStable(done, func(i, j int) bool { return vntext.Less(done[i].Name, done[j].Name) })
	sort.SliceStable(missing, func(i, j int) bool { return vntext.Less(missing[i].Name, missing[j].Name) })
	return done, missing, nil
}

// datasetByCode returns the data set with the code, or nil.
func datasetByCode(c *catalog.Catalog, code string) *catalog.DataSet {
	for i := range c.DataSets {
		if c.DataSets[i].Code == code {
			return &c.DataSets[i]
		}
	}
	return nil
}

// areaName returns the area's name in the interface language.
func areaName(a catalog.Area, language string) string {
	if language == "en" && a.NameEN != "" {
		return a.NameEN
	}
	return a.Name
}

// showCompleteness shows, in a dialog on s.win, for the parent area and the
// period, which child areas have completed the data set (x/y, with the list
// of those missing).
func showCompleteness(s *session, dataset, area, period string) {
	done, missing, err := completenessSummary(s, dataset, area, period)
	if err != nil {
		s.showError(err)
		return
	}
	d := dialog.NewCustom(completenessTitle(s, dataset, area, period), lang.X("completeness.close", "Close"),
		completenessContent(s, done, missing), s.win)
	d.Resize(fyne.NewSize(760, 560))
	d.Show()
}

// completenessTitle is "<data set> — <area>, <period>".
func completenessTitle(s *session, dataset, area, per string) string {
	name := dataset
	if ds := datasetByCode(s.catalog(), dataset); ds != nil {
		name = ds.NameVI
		if s.lang == "en" && ds.NameEN != "" {
			name = ds.NameEN
		}
	}
	where := area
	for _, a := range s.catalog().Areas {
		if a.Code == area {
			where = areaName(a, s.lang)
			break
		}
	}
	if p, err := period.Parse(per); err == nil {
		per = p.Label(s.lang)
	}
	return name + " — " + where + ", " + per
}

// completenessContent is the count, a progress bar, then the areas still
// missing and those done with who marked them and when.
func completenessContent(s *session, done []completedArea, missing []catalog.Area) fyne.CanvasObject {
	total := len(done) + len(missing)
	count := widget.NewLabel(lang.L("{{.Done}}/{{.Total}} areas have completed", map[string]any{"Done": len(done), "Total": total}))
	count.TextStyle.Bold = true
	count.SizeName = theme.SizeNameSubHeadingText
	top := container.NewVBox(count)
	if total > 0 {
		bar := widget.NewProgressBar()
		bar.Max = float64(total)
		bar.SetValue(float64(len(done)))
		bar.TextFormatter = func() string { return strconv.Itoa(len(done)*100/total) + " %" }
		top.Add(bar)
	} else {
		none := widget.NewLabel(lang.L("This area has no child areas in the period."))
		none.Importance = widget.LowImportance
		top.Add(none)
	}

	column := func(title string, n int, imp widget.Importance, rows []fyne.CanvasObject) fyne.CanvasObject {
		h := widget.NewLabel(title + " (" + strconv.Itoa(n) + ")")
		h.TextStyle.Bold = true
		h.Importance = imp
		return container.NewBorder(h, nil, nil, nil, container.NewVScroll(container.NewVBox(rows...)))
	}
	var missingRows, doneRows []fyne.CanvasObject
	for _, a := range missing {
		missingRows = append(missingRows, container.NewBorder(nil, nil, widget.NewIcon(theme.RadioButtonIcon()), nil,
			widget.NewLabel(areaName(a, s.lang))))
	}
	for _, a := range done {
		who := widget.NewLabel(completedBy(a.Completion))
		who.SizeName = theme.SizeNameCaptionText
		who.Truncation = fyne.TextTruncateEllipsis
		name := widget.NewLabel(areaName(a.Area, s.lang))
		doneRows = append(doneRows, container.NewBorder(nil, nil, widget.NewIcon(theme.ConfirmIcon()), nil,
			container.New(layout.NewCustomPaddedVBoxLayout(-2*theme.Padding()), name, who)))
	}
	lists := container.NewGridWithColumns(2,
		column(lang.X("completeness.missing", "Not completed"), len(missing), widget.DangerImportance, missingRows),
		column(lang.X("completeness.done", "Completed"), len(done), widget.MediumImportance, doneRows))
	return container.NewBorder(top, nil, nil, nil, lists)
}

// completedBy is "<author>, dd/mm/yyyy hh:mm" in local time.
func completedBy(c store.Completion) string {
	when := c.ChangedAt
	if t, err := time.Parse("2006-01-02T15:04:05.000Z", c.ChangedAt); err == nil {
		when = t.Local().Format("02/01/2006 15:04")
	}
	if c.Author == "" {
		return when
	}
	return c.Author + ", " + when
}
