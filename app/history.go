package app

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"chiso/data/catalog"
	"chiso/data/number"
	"chiso/data/store"
)

// historyView is the dialog listing the changes of one value.
type historyView struct {
	entries  []store.AuditEntry
	restores []*widget.Button // one per entry, oldest first; nil where there is nothing to restore
	dialog   dialog.Dialog
	confirm  *dialog.ConfirmDialog // the open confirmation of a restore, if any
}

// showHistory shows, in a dialog, every change of the value of an element
// (and category) for an area and a period: old → new in the session's
// number style, who, when (local time) and on which device, newest first.
// Each entry can restore the value it set: after confirmation, onRestore
// gets that canonical value to save as a new change. Actions, if any, are
// shown above the list. It returns the dialog's parts, nil if the history
// could not be read.
func showHistory(s *session, element, category, area, per string, onRestore func(value string), actions ...fyne.CanvasObject) *historyView {
	entries, err := s.st.History(context.Background(), element, area, per, category)
	if err != nil {
		s.showError(err)
		return nil
	}
	var el *catalog.Element
	for i, e := range s.catalog().Elements {
		if e.Code == element {
			el = &s.catalog().Elements[i]
		}
	}
	show := func(v string) string {
		switch {
		case v == "":
			return noValue
		case el != nil && el.ValueType == catalog.YesNo:
			return yesNo(s.lang, v == "1")
		}
		return number.Format(v, -1, s.style)
	}

	h := &historyView{entries: entries, restores: make([]*widget.Button, len(entries))}
	list := container.NewVBox()
	if len(entries) == 0 {
		list.Add(widget.NewLabel(lang.L("This value has never been changed.")))
	}
	for i := len(entries) - 1; i >= 0; i-- {
		a := entries[i]
		text := show(a.Old) + " → " + show(a.New)
		switch {
		case a.Step != "":
		case a.Status == store.Estimate:
			text += " " + lang.L("(estimate)")
		case a.New != "" && previousStatus(entries, i) == store.Estimate:
			text += " " + lang.L("(official)")
		}
		change := widget.NewLabel(text)
		if a.Step != "" {
			name := a.DataSet
			if ds := datasetByCode(s.catalog(), a.DataSet); ds != nil {
				name = pick(s.lang, ds.NameVI, ds.NameEN)
			}
			change.SetText(stepLabel(a.Step) + " — " + name)
			change.Importance = widget.HighImportance
		}
		change.TextStyle.Bold = true
		who := widget.NewLabel(lang.L("{{.Author}}, {{.Date}}, device {{.Device}}",
			map[string]any{"Author": a.Author, "Date": localTime(a.ChangedAt), "Device": a.Device}))
		who.Importance = widget.LowImportance
		lines := container.NewVBox(change, who)
		if a.Comment != "" || a.FollowUp {
			note := a.Comment
			if a.FollowUp {
				note = lang.L("[follow-up] {{.Comment}}", map[string]any{"Comment": a.Comment})
			}
			c := widget.NewLabel(note)
			c.Wrapping = fyne.TextWrapWord
			lines.Add(c)
		}
		if why := asideText(a.Aside); why != "" {
			lines.Add(wrapped(why, widget.WarningImportance))
		}
		var right fyne.CanvasObject
		if a.Step == "" && a.Aside == "" && !a.Current && onRestore != nil {
			value := a.New
			b := widget.NewButtonWithIcon(lang.X("entry.restore", "Restore"), theme.ContentUndoIcon(), nil)
			b.OnTapped = func() {
				h.confirm = dialog.NewConfirm(lang.X("entry.restore", "Restore"),
					lang.L("Restore the value {{.Value}}? It is saved as a new change.", map[string]any{"Value": show(value)}),
					func(ok bool) {
						h.confirm = nil
						if ok {
							h.dialog.Hide()
							onRestore(value)
						}
					}, s.win)
				h.confirm.Show()
			}
			h.restores[i] = b
			right = b
		}
		list.Add(container.NewBorder(nil, nil, nil, right, lines))
		list.Add(widget.NewSeparator())
	}
	scroll := container.NewVScroll(list)
	scroll.SetMinSize(fyne.NewSize(520, 360))
	var body fyne.CanvasObject = scroll
	if len(actions) > 0 {
		body = container.NewBorder(container.NewVBox(container.NewHBox(actions...), widget.NewSeparator()), nil, nil, nil, scroll)
	}
	h.dialog = dialog.NewCustom(lang.L("History of the value"), lang.X("entry.close", "Close"), body, s.win)
	h.dialog.Show()
	return h
}

// asideText says why a change does not count ("" when it does).
func asideText(reason string) string {
	switch reason {
	case "held":
		return lang.X("history.held", "Kept aside: made after the report was approved; it counts only if the approver reopens the report.")
	case "dismissed":
		return lang.X("history.dismissed", "Dismissed by the approver: it does not count.")
	case "revoked":
		return lang.X("history.revoked", "Does not count: signed after its office's certificate was revoked.")
	}
	return ""
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

// previousStatus is the status of the value change before entries[i] (a
// report step is not one), Official when there is none.
func previousStatus(entries []store.AuditEntry, i int) store.Status {
	for j := i - 1; j >= 0; j-- {
		if entries[j].Step == "" {
			return entries[j].Status
		}
	}
	return store.Official
}
