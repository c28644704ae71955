package app

import (
	"context"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"chiso/data/calc"
	"chiso/data/cycle"
	"chiso/data/msg"
	"chiso/data/replica"
	"chiso/data/store"
)

// showState shows where the report of the form stands in the bar above
// the grid, offers to send it when it may be sent, and locks the grid
// while it is approved.
func (e *entry) showState(fs store.FormState) {
	e.state = fs
	deadline, hasDeadline := e.dataset.Deadline(e.per)
	due := ""
	if hasDeadline {
		due = deadline.Format("02/01/2006")
	}
	c := fs.Current
	who := c.Author
	if c.Office != "" {
		who += ", " + c.Office
	}
	args := map[string]any{"Who": who, "Date": localTime(c.At), "Remark": c.Comment, "Due": due}
	var text string
	imp := widget.MediumImportance
	switch c.Action {
	case store.Submit:
		if hasDeadline && !cycle.OnTime(fs.FirstSubmit.Time(), deadline) {
			text, imp = lang.L("Sent late ({{.Who}}, {{.Date}}) — awaiting approval", args), widget.WarningImportance
		} else {
			text, imp = lang.L("Sent ({{.Who}}, {{.Date}}) — awaiting approval", args), widget.SuccessImportance
		}
	case store.Return:
		text, imp = lang.L("Returned ({{.Who}}, {{.Date}}): {{.Remark}}", args), widget.WarningImportance
	case store.Approve:
		text, imp = lang.L("Approved ({{.Who}}, {{.Date}}): the figures are locked", args), widget.SuccessImportance
	case store.Reopen:
		text = lang.L("Reopened ({{.Who}}, {{.Date}}): correct and send again", args)
	default:
		switch {
		case !hasDeadline:
			text = lang.L("Not sent yet")
		case cycle.OnTime(time.Now(), deadline):
			text = lang.L("Not sent yet · due {{.Due}}", args)
		default:
			text, imp = lang.L("Not sent · overdue since {{.Due}}", args), widget.DangerImportance
		}
	}
	e.report.SetText(text)
	e.report.Importance = imp
	e.report.Refresh()
	if c.Action == store.Submit || c.Action == store.Return || c.Action == store.Reopen {
		e.submit.SetText(lang.X("cycle.resubmit", "Send again"))
	} else {
		e.submit.SetText(lang.X("cycle.submit", "Send report"))
	}
	if fs.Approved() || replica.MayTake(e.s.st, e.s.catalog(), store.Submit, e.area) != nil {
		e.submit.Disable()
	} else {
		e.submit.Enable()
	}
	if hasChildren(e.s.catalog(), e.area) {
		e.progress.SetText(lang.X("cycle.progress", "Reporting status"))
	} else {
		e.progress.SetText(lang.X("cycle.view", "View report"))
	}
	e.grid.SetReadOnly(fs.Approved())
}

// askSubmit runs the checks of the form and asks to send it: what is
// broken or empty is listed; a report breaking a rule goes only with a
// comment saying why.
func (e *entry) askSubmit() {
	if e.dataset == nil || e.area == "" {
		return
	}
	var chk cycle.Check
	err := e.s.compute(func(en *calc.Engine) (err error) {
		chk, err = cycle.Validate(en, e.dataset, e.area, e.per)
		return err
	})
	if err != nil {
		e.s.showError(err)
		return
	}
	comment := widget.NewMultiLineEntry()
	e.submitComment = comment
	comment.SetMinRowsVisible(2)
	comment.Wrapping = fyne.TextWrapWord
	var items []*widget.FormItem
	comment.SetPlaceHolder(lang.X("cycle.noteHint", "A note for the province (optional)"))
	if lines := chk.Lines(e.s.lang, e.s.style); len(lines) == 0 {
		items = append(items, &widget.FormItem{Widget: wrapped(lang.X("cycle.checksPass", "Every check passes and every value is entered."), widget.SuccessImportance)})
	} else {
		box := container.NewVBox(wrapped(lang.L("The report has {{.N}} points to look at:", map[string]any{"N": len(lines)}), widget.WarningImportance))
		for _, l := range lines {
			box.Add(wrapped("• "+l, widget.MediumImportance))
		}
		scroll := container.NewVScroll(box)
		scroll.SetMinSize(fyne.NewSize(480, min(float32(60+28*len(lines)), 220)))
		items = append(items, &widget.FormItem{Widget: scroll})
	}
	if !chk.OK() {
		comment.SetPlaceHolder(lang.X("cycle.whyHint", "To send it anyway, say why (required)"))
		comment.Validator = func(s string) error {
			if strings.TrimSpace(s) == "" {
				return msg.New("cần giải thích để gửi", "an explanation is needed to send it")
			}
			return nil
		}
	}
	items = append(items, &widget.FormItem{Text: lang.X("entry.comment", "Comment"), Widget: comment})
	e.submitting = dialog.NewForm(lang.X("cycle.submitTitle", "Send the report"), lang.X("cycle.send", "Send"), lang.L("Cancel"), items, func(ok bool) {
		e.submitting = nil
		if ok {
			if err := e.submitReport(comment.Text); err != nil {
				e.s.showError(err)
			}
		}
	}, e.s.win)
	e.submitting.Resize(fyne.NewSize(560, 0))
	e.submitting.Show()
}

// submitReport sends the report of the form shown with a comment.
func (e *entry) submitReport(comment string) error {
	f := store.Form{DataSet: e.dataset.Code, Area: e.area, Period: e.per.String()}
	if _, err := cycle.Take(context.Background(), e.s.st, e.s.catalog(), f, store.Submit, comment, nil); err != nil {
		return err
	}
	fs, err := e.s.st.FormStateOf(context.Background(), f)
	if err != nil {
		return err
	}
	e.showState(fs)
	return nil
}

// openProgress opens, for an area with areas below it, the status of
// their reports; for a reporting unit, its report under review.
func (e *entry) openProgress() {
	if e.dataset == nil || e.area == "" {
		return
	}
	if hasChildren(e.s.catalog(), e.area) && e.s.openStatus != nil {
		e.s.openStatus(e.dataset.Code, e.area, e.per)
		return
	}
	showReview(e.s, e.dataset, e.area, e.per, e.load)
}
