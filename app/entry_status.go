package app

import (
	"context"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"chiso/data/calc"
	"chiso/data/msg"
	"chiso/data/replica"
	"chiso/data/store"
	"chiso/widgets"
)

// estimateBar is the part of the entry screen that says whether the
// form's values are estimates (số ước tính, ước thực hiện) or official
// figures, sets the status of the values typed, and turns the whole form
// official (or estimated) at once. Each value's history keeps the
// estimate, its date and author, when it is made official.
type estimateBar struct {
	e        *entry
	choice   *widget.RadioGroup
	summary  *widget.Label
	official *widget.Button
	estimate *widget.Button
	content  fyne.CanvasObject
}

func newEstimateBar(e *entry) *estimateBar {
	b := &estimateBar{e: e}
	b.choice = widget.NewRadioGroup([]string{lang.L("Official figures"), lang.L("Estimates")}, nil)
	b.choice.Horizontal = true
	b.choice.Required = true
	b.choice.SetSelected(b.choice.Options[0])
	b.summary = widget.NewLabel("")
	b.summary.Truncation = fyne.TextTruncateEllipsis
	// One of the two is shown: official when the form holds estimates.
	b.official = widget.NewButtonWithIcon(lang.L("Make the form official"), theme.ConfirmIcon(), func() { b.askSetAll(store.Official) })
	b.estimate = widget.NewButtonWithIcon(lang.L("Mark the form as estimates"), theme.HistoryIcon(), func() { b.askSetAll(store.Estimate) })
	b.estimate.Importance = widget.LowImportance
	// In a horizontal scroll, the line does not make the window's least
	// width larger (at 125 % on a 1366-pixel screen it must still fit).
	b.content = container.NewHScroll(container.NewBorder(nil, nil, container.NewHBox(widget.NewLabel(lang.L("Values typed are")), b.choice),
		container.NewHBox(b.estimate, b.official), b.summary))
	return b
}

// mode is the status given to the values typed.
func (b *estimateBar) mode() store.Status {
	if b.choice.Selected == b.choice.Options[1] {
		return store.Estimate
	}
	return store.Official
}

// counts returns how many of the form's values are estimates, and how
// many values it has.
func (b *estimateBar) counts() (estimated, values int) {
	for _, it := range b.e.items {
		if it.value != "" {
			values++
			if it.status == store.Estimate {
				estimated++
			}
		}
	}
	return estimated, values
}

// refresh says how many values are estimates and offers what can be done.
func (b *estimateBar) refresh() {
	estimated, values := b.counts()
	switch {
	case values == 0:
		b.summary.SetText("")
	case estimated == 0:
		b.summary.SetText(lang.L("All {{.Values}} values are official.", map[string]any{"Values": values}))
	default:
		b.summary.SetText(lang.L("{{.Estimated}}/{{.Values}} values are estimates.", map[string]any{"Estimated": estimated, "Values": values}))
	}
	setEnabled(estimated > 0, b.official)
	setEnabled(estimated < values, b.estimate)
	if estimated > 0 {
		b.official.Show()
		b.estimate.Hide()
	} else {
		b.official.Hide()
		b.estimate.Show()
	}
}

// loaded marks the estimated values of a form just shown and takes their
// status as the one for values typed.
func (b *estimateBar) loaded() {
	for _, it := range b.e.items {
		if it.value != "" && it.status == store.Estimate && b.e.grid.Status(it.key).Kind != widgets.StatusWarning {
			b.e.grid.SetStatus(it.key, b.savedStatus(it))
		}
	}
	if estimated, _ := b.counts(); estimated > 0 {
		b.choice.SetSelected(b.choice.Options[1])
	} else {
		b.choice.SetSelected(b.choice.Options[0])
	}
	b.refresh()
}

// savedStatus is the cell status of a saved value: "estimate" under an
// estimated one.
func (b *estimateBar) savedStatus(it *entryItem) widgets.Status {
	st := widgets.Status{Kind: widgets.StatusSaved}
	if it.value != "" && it.status == store.Estimate {
		st.Text = lang.L("Estimate (ước thực hiện)")
	}
	return st
}

// valueActions are the buttons of a value's history dialog that change
// its status alone.
func (b *estimateBar) valueActions(it *entryItem) []fyne.CanvasObject {
	if it.value == "" {
		return nil
	}
	to, text := store.Estimate, lang.L("Mark as an estimate")
	if it.status == store.Estimate {
		to, text = store.Official, lang.L("Make it official")
	}
	var button *widget.Button
	button = widget.NewButtonWithIcon(text, theme.ConfirmIcon(), func() {
		if b.e.save(it, it.value, it.comment, it.followUp, to, true) {
			button.Disable()
			if h := b.e.shownHistory; h != nil {
				h.dialog.Hide()
			}
		}
	})
	return []fyne.CanvasObject{button}
}

// askSetAll asks, then gives every value of the form the status to, as one
// change of each value (one action, recorded with its author and date).
func (b *estimateBar) askSetAll(to store.Status) {
	var keys []string
	for key, it := range b.e.items {
		if it.value != "" && it.status != to {
			keys = append(keys, key)
		}
	}
	if len(keys) == 0 {
		return
	}
	question := lang.L("Make the {{.Count}} estimated values of the form official? The estimates stay in each value's history.", map[string]any{"Count": len(keys)})
	if to == store.Estimate {
		question = lang.L("Mark the {{.Count}} official values of the form as estimates?", map[string]any{"Count": len(keys)})
	}
	dialog.ShowConfirm(lang.L("Estimates and official figures"), question, func(ok bool) {
		if ok {
			b.e.s.showError(b.setAll(keys, to))
		}
	}, b.e.s.win)
}

// setAll saves the values with the keys with the status to, in one
// transaction: all of them or none.
func (b *estimateBar) setAll(keys []string, to store.Status) error {
	e := b.e
	if ok, office := replica.MayWrite(e.s.st, e.s.catalog(), e.area); !ok {
		return msg.New(office+" không được ghi số liệu của địa bàn này", office+" may not write values of this area")
	}
	slices.Sort(keys)
	changes := make([]store.Change, len(keys))
	for i, key := range keys {
		it := e.items[key]
		changes[i] = store.Change{Element: it.element.Code, Area: e.area, Period: e.per.String(), Category: it.category,
			Value: it.value, Comment: it.comment, FollowUp: it.followUp, Status: to}
	}
	if _, err := e.s.st.Save(context.Background(), changes...); err != nil {
		return err
	}
	e.s.compute(func(en *calc.Engine) error {
		for _, c := range changes {
			en.SetEstimate(e.per, c.Element, c.Area, c.Category, to == store.Estimate)
		}
		return nil
	})
	for _, key := range keys {
		it := e.items[key]
		it.status = to
		e.grid.SetStatus(key, b.savedStatus(it))
	}
	e.refreshDerived("")
	b.loaded()
	return nil
}
