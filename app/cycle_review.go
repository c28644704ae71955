package app

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"chiso/data/calc"
	"chiso/data/catalog"
	"chiso/data/cycle"
	"chiso/data/msg"
	"chiso/data/number"
	"chiso/data/period"
	"chiso/data/replica"
	"chiso/data/store"
)

// reviewRow is one value of a report under review.
type reviewRow struct {
	key, name, unit string
	value, before   string // as shown: now, and at the previous submission ("" when none)
	part            bool
	changedAfter    bool // changed since the report was last sent
	changedSince    bool // differs from the previous submission
}

// reviewData is what the review of one report shows.
type reviewData struct {
	state    store.FormState
	history  []store.FormEvent
	rows     []reviewRow
	held     []store.SetAsideChange
	check    cycle.Check
	approver error // nil when this office may approve, return and reopen
	deadline string
}

// review is the dialog of one unit's report, read-only: its values with
// the changes since it was last sent highlighted, the checks it fails, the
// changes kept aside by its approval, its steps; and, for an office above
// the unit, the buttons to approve it, return it with a remark, or reopen
// it (accepting the changes kept aside) and dismiss changes.
type review struct {
	s        *session
	ds       *catalog.DataSet
	area     string
	per      period.Period
	onChange func()

	data    reviewData
	body    *fyne.Container
	dialog  dialog.Dialog
	approve *widget.Button
	ret     *widget.Button
	reopen  *widget.Button
	ask     *dialog.FormDialog            // the open request for a remark, if any
	remark  *widget.Entry                 // its entry
	dismiss map[store.OpID]*widget.Button // one per change kept aside, for the approver
	accept  *widget.Button                // accepts them all, for the approver
}

// showReview opens the review of the report of ds for area and p; onChange
// (may be nil) is told after a step was taken.
func showReview(s *session, ds *catalog.DataSet, area string, p period.Period, onChange func()) *review {
	r := &review{s: s, ds: ds, area: area, per: p, onChange: onChange, body: container.NewStack()}
	r.approve = widget.NewButtonWithIcon(lang.X("cycle.approve", "Approve"), theme.ConfirmIcon(), func() { r.takeStep(store.Approve, "") })
	r.approve.Importance = widget.SuccessImportance
	r.ret = widget.NewButtonWithIcon(lang.X("cycle.return", "Return…"), theme.MailReplyIcon(), func() { r.askRemark(store.Return) })
	r.ret.Importance = widget.WarningImportance
	r.reopen = widget.NewButtonWithIcon(lang.X("cycle.reopen", "Reopen…"), theme.ContentUndoIcon(), func() { r.askRemark(store.Reopen) })
	r.reload()
	title := pick(s.lang, ds.NameVI, ds.NameEN) + " — " + areaNameOf(s.catalog(), area, s.lang) + ", " + p.Label(s.lang)
	content := container.NewBorder(nil, container.NewHBox(r.ret, r.reopen, r.approve), nil, nil, r.body)
	r.dialog = dialog.NewCustom(title, lang.X("entry.close", "Close"), content, s.win)
	r.dialog.Resize(fyne.NewSize(940, 640))
	r.dialog.Show()
	return r
}

// readReview reads what the review of a report shows.
func readReview(s *session, ds *catalog.DataSet, area string, p period.Period) (reviewData, error) {
	ctx := context.Background()
	f := store.Form{DataSet: ds.Code, Area: area, Period: p.String()}
	var d reviewData
	var err error
	if d.state, err = s.st.FormStateOf(ctx, f); err != nil {
		return d, err
	}
	if d.history, err = s.st.FormHistory(ctx, f); err != nil {
		return d, err
	}
	var subs []store.FormEvent
	for _, e := range d.history {
		if e.Action == store.Submit && !e.Revoked {
			subs = append(subs, e)
		}
	}
	var last, prev map[string]string
	if n := len(subs); n > 0 {
		if last, err = s.st.ValuesAt(ctx, f, subs[n-1].Covers); err != nil {
			return d, err
		}
		if n > 1 {
			if prev, err = s.st.ValuesAt(ctx, f, subs[n-2].Covers); err != nil {
				return d, err
			}
		}
	}
	vals, err := s.st.Values(ctx, store.ValueFilter{Periods: []string{f.Period}, Elements: ds.Elements, Areas: []string{area}})
	if err != nil {
		return d, err
	}
	now := map[string]string{}
	for _, v := range vals {
		now[itemKey(v.Element, v.Category)] = v.Value
	}
	aside, err := s.st.SetAside(ctx, area, f.Period)
	if err != nil {
		return d, err
	}
	for _, c := range aside {
		if c.Held() && c.Form.DataSet == ds.Code {
			d.held = append(d.held, c)
		}
	}
	if dl, ok := ds.Deadline(p); ok {
		d.deadline = dl.Format("02/01/2006")
	}
	cat := s.catalog()
	d.approver = replica.MayTake(s.st, cat, store.Approve, area)
	err = s.compute(func(en *calc.Engine) error {
		add := func(key, name, unit string, el *catalog.Element, part bool) {
			row := reviewRow{key: key, name: name, unit: unit, part: part, value: showStored(s, el, now[key])}
			if last != nil && now[key] != last[key] {
				row.changedAfter = true
			}
			if prev != nil {
				row.before = showStored(s, el, prev[key])
				row.changedSince = now[key] != prev[key]
			}
			d.rows = append(d.rows, row)
		}
		for _, code := range ds.Elements {
			el := en.Element(code)
			if el == nil {
				continue
			}
			unit := pick(s.lang, el.UnitVI, el.UnitEN)
			if len(el.Categories) == 0 {
				add(code, pick(s.lang, el.NameVI, el.NameEN), unit, el, false)
				continue
			}
			for _, c := range el.Categories {
				name := c
				for _, o := range cat.Categories {
					if o.Code == c {
						name = pick(s.lang, o.NameVI, o.NameEN)
					}
				}
				add(itemKey(code, c), pick(s.lang, el.NameVI, el.NameEN)+" — "+name, unit, el, true)
			}
		}
		var err error
		d.check, err = cycle.Validate(en, ds, area, p)
		return err
	})
	return d, err
}

// showStored shows a canonical value of el, "—" for none.
func showStored(s *session, el *catalog.Element, v string) string {
	switch {
	case v == "":
		return noValue
	case el.ValueType == catalog.YesNo:
		return yesNo(s.lang, v == "1")
	}
	return number.Format(v, -1, s.style)
}

// reload reads the report again and shows it.
func (r *review) reload() {
	d, err := readReview(r.s, r.ds, r.area, r.per)
	if err != nil {
		r.body.Objects = []fyne.CanvasObject{wrapped(msg.Text(err, r.s.lang), widget.DangerImportance)}
		r.body.Refresh()
		return
	}
	r.data = d
	cur := d.state.Current.Action
	may := d.approver == nil
	r.approve.Hidden = !may || (cur != store.Submit && cur != store.Reopen)
	r.ret.Hidden = r.approve.Hidden
	r.reopen.Hidden = !may || cur != store.Approve
	for _, b := range []*widget.Button{r.approve, r.ret, r.reopen} {
		b.Refresh()
	}
	r.body.Objects = []fyne.CanvasObject{r.build()}
	r.body.Refresh()
}

// stateLine says where the report stands.
func (r *review) stateLine() (string, widget.Importance) {
	d := r.data
	has := false
	for _, row := range d.rows {
		has = has || row.value != noValue
	}
	dl, ok := r.ds.Deadline(r.per)
	st := cycle.StateOf(d.state, has, dl, ok)
	text := st.Label(r.s.lang)
	if c := d.state.Current; c.Action != "" {
		who := c.Author
		if c.Office != "" {
			who += ", " + c.Office
		}
		text += " — " + who + ", " + localTime(c.At)
	}
	if d.deadline != "" {
		text += " · " + lang.L("Due {{.Date}}", map[string]any{"Date": d.deadline})
	}
	return text, stateImportance(st)
}

// build lays the report out.
func (r *review) build() fyne.CanvasObject {
	d := r.data
	text, imp := r.stateLine()
	state := wrapped(text, imp)
	state.TextStyle.Bold = true
	parts := []fyne.CanvasObject{state}
	if c := d.state.Current; c.Action == store.Return && c.Comment != "" {
		parts = append(parts, wrapped(lang.L("Remark: {{.Text}}", map[string]any{"Text": c.Comment}), widget.WarningImportance))
	}
	if d.state.Concurrent > 1 {
		parts = append(parts, wrapped(lang.X("cycle.concurrent", "Offices took steps at the same time without seeing each other's: the latest is in force, the others are in the list below."), widget.MediumImportance))
	}

	cols := &columns{widths: []float32{0.44, 0.14, 0.14, 0.14, 0.14}}
	cells := []fyne.CanvasObject{boldLabel(lang.X("cycle.colElement", "Element")), boldLabel(lang.X("cycle.colUnit", "Unit")),
		rightBold(lang.X("cycle.colValue", "Value")), rightBold(lang.X("cycle.colBefore", "Sent before")), widget.NewLabel("")}
	changed := 0
	for _, row := range d.rows {
		name := widget.NewLabel(row.name)
		name.Truncation = fyne.TextTruncateEllipsis
		value := rightLabel(row.value)
		before := rightLabel(row.before)
		if row.before == "" {
			before.SetText(noValue)
			before.Importance = widget.LowImportance
		}
		mark := widget.NewLabel("")
		switch {
		case row.changedAfter:
			mark.SetText(lang.X("cycle.changedAfter", "changed after sending"))
		case row.changedSince:
			mark.SetText(lang.X("cycle.changedSince", "changed"))
		}
		if row.changedAfter || row.changedSince {
			changed++
			value.TextStyle.Bold = true
			value.Importance = widget.WarningImportance
			mark.Importance = widget.WarningImportance
		}
		cells = append(cells, name, widget.NewLabel(row.unit), value, before, mark)
	}
	parts = append(parts, widget.NewSeparator(), container.New(cols, cells...))
	if changed > 0 {
		parts = append(parts, wrapped(lang.L("{{.N}} values changed since the report was sent before (in bold).", map[string]any{"N": changed}), widget.WarningImportance))
	}
	if lines := r.data.check.Lines(r.s.lang, r.s.style); len(d.check.Broken) > 0 {
		parts = append(parts, widget.NewSeparator(), boldLabel(lang.X("cycle.checks", "Checks")))
		for _, l := range lines[:len(d.check.Broken)] {
			parts = append(parts, wrapped(l, widget.WarningImportance))
		}
	}
	if len(d.held) > 0 {
		parts = append(parts, widget.NewSeparator(), r.heldPart())
	}
	parts = append(parts, widget.NewSeparator(), boldLabel(lang.X("cycle.steps", "Steps")))
	if len(d.history) == 0 {
		parts = append(parts, wrapped(lang.X("cycle.noStep", "Not sent yet."), widget.LowImportance))
	}
	for i := len(d.history) - 1; i >= 0; i-- {
		e := d.history[i]
		who := e.Author
		if e.Office != "" {
			who += " (" + e.Office + ")"
		}
		line := localTime(e.At) + " — " + stepLabel(e.Action) + " — " + who
		if e.Comment != "" {
			line += ": " + e.Comment
		}
		l := wrapped(line, widget.MediumImportance)
		if e.Revoked {
			l.Importance = widget.LowImportance
		}
		parts = append(parts, l)
	}
	if d.approver != nil {
		parts = append(parts, wrapped(msg.Text(d.approver, r.s.lang), widget.LowImportance))
	}
	return container.NewVScroll(container.NewVBox(parts...))
}

// heldPart lists the changes kept aside by the approval, each to dismiss,
// and offers to accept them all by reopening the report.
func (r *review) heldPart() fyne.CanvasObject {
	may := r.data.approver == nil
	r.dismiss, r.accept = map[store.OpID]*widget.Button{}, nil
	objs := []fyne.CanvasObject{boldLabel(lang.L("{{.N}} changes kept aside, made after the approval", map[string]any{"N": len(r.data.held)}))}
	cat := r.s.catalog()
	for _, c := range r.data.held {
		name := c.Element
		var el *catalog.Element
		for i := range cat.Elements {
			if cat.Elements[i].Code == c.Element {
				el = &cat.Elements[i]
				name = pick(r.s.lang, el.NameVI, el.NameEN)
			}
		}
		if c.Category != "" {
			name += " — " + c.Category
		}
		line := name + ": " + showStored(r.s, el, c.Shown) + " → " + showStored(r.s, el, c.Value) + " (" + c.Author + ", " + c.Office + ", " + localTime(c.ChangedAt) + ")"
		l := wrapped(line, widget.WarningImportance)
		if !may {
			objs = append(objs, l)
			continue
		}
		id := c.ID
		dismiss := widget.NewButtonWithIcon(lang.X("cycle.dismiss", "Dismiss"), theme.DeleteIcon(), func() { r.takeDismiss(id) })
		r.dismiss[id] = dismiss
		objs = append(objs, container.NewBorder(nil, nil, nil, dismiss, l))
	}
	if may {
		r.accept = widget.NewButtonWithIcon(lang.X("cycle.accept", "Accept them (reopens the report)"), theme.ConfirmIcon(), func() { r.askRemark(store.Reopen) })
		objs = append(objs, container.NewHBox(r.accept))
	} else {
		objs = append(objs, wrapped(lang.X("cycle.heldHint", "They count only if the approver reopens the report; the approver may also dismiss them."), widget.MediumImportance))
	}
	return container.NewVBox(objs...)
}

// askRemark asks the remark of a return (required) or the note of a
// reopening, then takes the step.
func (r *review) askRemark(step store.Action) {
	e := widget.NewMultiLineEntry()
	e.SetMinRowsVisible(3)
	e.Wrapping = fyne.TextWrapWord
	r.remark = e
	title, hint := lang.X("cycle.reopenTitle", "Reopen the report"), lang.X("cycle.reopenHint", "Why (optional): the office sees it")
	if step == store.Return {
		title, hint = lang.X("cycle.returnTitle", "Return the report"), lang.X("cycle.returnHint", "What to correct: the office reads it at its next sync")
		e.Validator = func(s string) error {
			if strings.TrimSpace(s) == "" {
				return msg.New("cần ghi nhận xét", "a remark is needed")
			}
			return nil
		}
	}
	e.SetPlaceHolder(hint)
	r.ask = dialog.NewForm(title, lang.X("cycle.ok", "OK"), lang.L("Cancel"), []*widget.FormItem{{Widget: e}}, func(ok bool) {
		r.ask = nil
		if ok {
			r.takeStep(step, e.Text)
		}
	}, r.s.win)
	r.ask.Resize(fyne.NewSize(520, 0))
	r.ask.Show()
	r.s.win.Canvas().Focus(e)
}

// takeStep takes a step and shows the report as it now stands.
func (r *review) takeStep(step store.Action, comment string) {
	r.take(step, comment, nil)
}

func (r *review) takeDismiss(id store.OpID) {
	r.take(store.Dismiss, "", []store.OpID{id})
}

func (r *review) take(step store.Action, comment string, dismiss []store.OpID) {
	f := store.Form{DataSet: r.ds.Code, Area: r.area, Period: r.per.String()}
	if _, err := cycle.Take(context.Background(), r.s.st, r.s.catalog(), f, step, comment, dismiss); err != nil {
		r.s.showError(err)
		return
	}
	r.s.compute(func(en *calc.Engine) error {
		en.Invalidate(r.per) // a reopening lets kept-aside changes count
		return nil
	})
	r.reload()
	if r.onChange != nil {
		r.onChange()
	}
}

// stepLabel names a step of the cycle in the interface language.
func stepLabel(a store.Action) string {
	switch a {
	case store.Submit:
		return lang.X("cycle.stepSubmit", "Sent")
	case store.Return:
		return lang.X("cycle.stepReturn", "Returned")
	case store.Approve:
		return lang.X("cycle.stepApprove", "Approved")
	case store.Reopen:
		return lang.X("cycle.stepReopen", "Reopened")
	case store.Dismiss:
		return lang.X("cycle.stepDismiss", "Changes dismissed")
	}
	return string(a)
}

// rightBold is a bold label aligned right.
func rightBold(text string) *widget.Label {
	l := rightLabel(text)
	l.TextStyle.Bold = true
	return l
}

// rightLabel is a label aligned right.
func rightLabel(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Alignment = fyne.TextAlignTrailing
	return l
}
