package app

import (
	"context"
	"math"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"chiso/data/calc"
	"chiso/data/catalog"
	"chiso/data/msg"
	"chiso/data/number"
	"chiso/data/replica"
	"chiso/data/store"
	"chiso/widgets"
)

// commit is called when a value cell is left with a new text: the text is
// read, checked, and saved, asking first for a comment when it is unusual.
func (e *entry) commit(key, text string) {
	it := e.items[key]
	if it == nil {
		return
	}
	value, err := store.ParseValue(it.element, text, e.s.style)
	if err != nil {
		e.grid.SetStatus(key, widgets.Status{Kind: widgets.StatusInvalid, Text: msg.Text(err, e.s.lang)})
		return
	}
	if value == it.value {
		e.grid.SetStatus(key, widgets.Status{Kind: widgets.StatusSaved})
		return
	}
	if value != "" && it.comment == "" {
		var u calc.Unusual
		err := e.s.compute(func(en *calc.Engine) (err error) {
			u, err = en.CheckUnusual(it.element, it.category, e.area, e.per, number.Float(value), e.s.maxJump())
			return err
		})
		if err != nil {
			e.grid.SetStatus(key, widgets.Status{Kind: widgets.StatusPending, Text: msg.Text(err, e.s.lang)})
			return
		}
		if u.Any() {
			e.askComment(it, value, u)
			return
		}
	}
	e.save(it, value, it.comment, it.followUp, e.estimates.mode(), true)
}

// askComment asks why an unusual value is right before saving it with the
// comment and the follow-up flag; Cancel leaves the value unsaved.
func (e *entry) askComment(it *entryItem, value string, u calc.Unusual) {
	e.grid.SetStatus(it.key, widgets.Status{Kind: widgets.StatusPending, Text: e.unusualText(it.element, u)})
	why := widget.NewLabel(e.unusualText(it.element, u))
	why.Wrapping = fyne.TextWrapWord
	comment := widget.NewEntry()
	comment.SetPlaceHolder(lang.L("Why is this value right?"))
	comment.Validator = func(s string) error {
		if strings.TrimSpace(s) == "" {
			return msg.New("cần ghi chú", "a comment is needed")
		}
		return nil
	}
	follow := widget.NewCheck(lang.L("Flag for follow-up"), nil)
	follow.Checked = it.followUp
	items := []*widget.FormItem{
		{Widget: why},
		{Text: lang.X("entry.comment", "Comment"), Widget: comment},
		{Widget: follow},
	}
	d := dialog.NewForm(lang.L("Unusual value"), lang.L("Save"), lang.L("Cancel"), items, func(ok bool) {
		e.ask = nil
		if !ok {
			e.grid.SetStatus(it.key, widgets.Status{Kind: widgets.StatusPending,
				Text: lang.L("Not saved: an unusual value needs a comment.")})
			return
		}
		text := strings.TrimSpace(comment.Text)
		if e.save(it, value, text, follow.Checked, e.estimates.mode(), true) {
			e.grid.SetComment(it.key, text)
			e.grid.SetFollowUp(it.key, follow.Checked)
		}
	}, e.s.win)
	d.Resize(fyne.NewSize(480, 0))
	e.ask = d
	d.Show()
	e.s.win.Canvas().Focus(comment)
}

// unusualText says why a value needs a comment.
func (e *entry) unusualText(el *catalog.Element, u calc.Unusual) string {
	var parts []string
	if u.Jump {
		change := lang.L("a new value")
		if !math.IsInf(u.JumpPercent, 0) {
			change = number.FormatFloat(u.JumpPercent, 1, e.s.style) + "%"
			if u.JumpPercent > 0 {
				change = "+" + change
			}
		}
		parts = append(parts, lang.L("It changes by {{.Change}} on the previous period ({{.Previous}}); more than {{.Max}}% needs a comment.",
			map[string]any{"Change": change, "Previous": e.displayFloat(el, u.Previous, hasChildren(e.s.catalog(), e.area)), "Max": number.FormatFloat(e.s.maxJump(), -1, e.s.style)}))
	}
	if u.OutsideRange {
		lo, hi := "…", "…"
		if u.ExpectedRange[0] != nil {
			lo = number.FormatFloat(*u.ExpectedRange[0], -1, e.s.style)
		}
		if u.ExpectedRange[1] != nil {
			hi = number.FormatFloat(*u.ExpectedRange[1], -1, e.s.style)
		}
		parts = append(parts, lang.L("It lies outside the usual range {{.Min}} – {{.Max}}.", map[string]any{"Min": lo, "Max": hi}))
	}
	return strings.Join(parts, " ")
}

// save stores a value with its comment, flag and status (official or
// estimate) as one change, recalculates and shows the result; with record,
// the change can be undone. It reports whether the value was saved.
func (e *entry) save(it *entryItem, value, comment string, followUp bool, status store.Status, record bool) bool {
	ch := store.Change{Element: it.element.Code, Area: e.area, Period: e.per.String(), Category: it.category,
		Value: value, Comment: comment, FollowUp: followUp, Status: status}
	if ok, office := replica.MayWrite(e.s.st, e.s.catalog(), e.area); !ok {
		e.grid.SetStatus(it.key, widgets.Status{Kind: widgets.StatusInvalid,
			Text: lang.L("{{.Office}} may not write values of this area (its sync certificate): the other offices would refuse them.", map[string]any{"Office": office})})
		return false
	}
	if _, err := e.s.st.Save(context.Background(), ch); err != nil {
		e.grid.SetStatus(it.key, widgets.Status{Kind: widgets.StatusInvalid, Text: msg.Text(err, e.s.lang)})
		return false
	}
	if record {
		e.undo = append(e.undo, undoStep{key: it.key, value: it.value, comment: it.comment, followUp: it.followUp, status: it.status})
	}
	it.value, it.comment, it.followUp, it.status = value, comment, followUp, status
	e.s.compute(func(en *calc.Engine) error {
		en.SetFact(e.per, ch.Element, ch.Area, ch.Category, number.Float(value), value != "")
		en.SetEstimate(e.per, ch.Element, ch.Area, ch.Category, status == store.Estimate)
		return nil
	})
	e.grid.SetStatus(it.key, e.estimates.savedStatus(it))
	e.refreshDerived(it.key)
	e.estimates.refresh()
	return true
}

// saveNote saves a changed comment or flag with the value stored; before a
// value is entered they are kept and saved with it.
func (e *entry) saveNote(it *entryItem, comment string, followUp bool) {
	if it.value == "" {
		it.comment, it.followUp = comment, followUp
		return
	}
	e.save(it, it.value, comment, followUp, it.status, true)
}

func (e *entry) commitComment(key, text string) {
	if it := e.items[key]; it != nil && strings.TrimSpace(text) != it.comment {
		e.saveNote(it, strings.TrimSpace(text), it.followUp)
	}
}

func (e *entry) commitFollowUp(key string, on bool) {
	if it := e.items[key]; it != nil && on != it.followUp {
		e.saveNote(it, it.comment, on)
	}
}

// undoLast puts back what the last change replaced, as a new change.
func (e *entry) undoLast() {
	n := len(e.undo)
	if n == 0 {
		return
	}
	step := e.undo[n-1]
	e.undo = e.undo[:n-1]
	it := e.items[step.key]
	if it == nil {
		return
	}
	if e.save(it, step.value, step.comment, step.followUp, step.status, false) {
		e.grid.SetValue(it.key, e.display(it.element, it.value))
		e.grid.SetComment(it.key, it.comment)
		e.grid.SetFollowUp(it.key, it.followUp)
		e.grid.Focus(it.key)
	}
}

// history shows the changes of a value and restores one on request.
func (e *entry) history(key string) {
	it := e.items[key]
	if it == nil {
		return
	}
	e.shownHistory = showHistory(e.s, it.element.Code, it.category, e.area, e.per.String(), func(value string) {
		if e.save(it, value, it.comment, it.followUp, it.status, true) {
			e.grid.SetValue(it.key, e.display(it.element, it.value))
		}
	}, e.estimates.valueActions(it)...)
}
