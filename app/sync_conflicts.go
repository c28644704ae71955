package app

import (
	"context"
	"errors"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"chiso/data/catalog"
	"chiso/data/msg"
	"chiso/data/number"
	"chiso/data/period"
	"chiso/data/store"
)

func (y *syncUI) newConflictsCard() fyne.CanvasObject {
	y.conflictsTitle = syncHeading("")
	y.conflictList = container.NewVBox()
	y.conflictsCard = widget.NewCard("", "", container.NewVBox(y.conflictsTitle, y.conflictList))
	return y.conflictsCard
}

// element returns the catalog's element with the code, or nil.
func (y *syncUI) element(code string) *catalog.Element {
	c := y.s.catalog()
	for i := range c.Elements {
		if c.Elements[i].Code == code {
			return &c.Elements[i]
		}
	}
	return nil
}

// showValue shows a canonical value of el in the session's number style;
// yes/no as có/không; a deletion in words.
func (y *syncUI) showValue(el *catalog.Element, v string) string {
	switch {
	case v == "":
		return lang.X("sync.deleted", "(deleted)")
	case el != nil && el.ValueType == catalog.YesNo:
		return yesNo(y.s.lang, v == "1")
	}
	return number.Format(v, -1, y.s.style)
}

// conflictTitle is "<element> [— <category>] — <area> — <period>".
func (y *syncUI) conflictTitle(c store.Conflict) string {
	parts := []string{c.Element}
	if el := y.element(c.Element); el != nil {
		parts[0] = pick(y.s.lang, el.NameVI, el.NameEN)
	}
	if c.Category != "" {
		name := c.Category
		for _, o := range y.s.catalog().Categories {
			if o.Code == c.Category {
				name = pick(y.s.lang, o.NameVI, o.NameEN)
			}
		}
		parts = append(parts, name)
	}
	where := c.Area
	if a := areaByCode(y.s.catalog(), c.Area); a != nil {
		where = areaName(*a, y.s.lang)
	}
	when := c.Period
	if p, err := period.Parse(c.Period); err == nil {
		when = p.Label(y.s.lang)
	}
	return strings.Join(append(parts, where, when), " — ")
}

// officeOf names the office of a writer: "this computer" for this one.
func (y *syncUI) officeOf(writer string) string {
	if writer == y.s.st.Device() {
		return lang.X("sync.thisDevice", "this computer")
	}
	for _, w := range y.data.writers {
		if w.Writer == writer && w.Office != "" {
			return w.Office
		}
	}
	return ""
}

// showConflicts lists the conflicts, each with its competing values and
// the buttons that resolve it.
func (y *syncUI) showConflicts() {
	cs := y.data.conflicts
	y.conflictsTitle.SetText(lang.X("sync.conflicts", "Conflicts to resolve ({{.Count}})", map[string]any{"Count": len(cs)}))
	y.conflicts = nil
	var objs []fyne.CanvasObject
	if len(cs) == 0 {
		objs = append(objs, wrapped(lang.X("sync.noConflict", "No conflict: every value is the same on the computers that exchanged."), widget.MediumImportance))
	} else {
		objs = append(objs, wrapped(lang.X("sync.conflictIntro", "These values were changed on two computers without either seeing the other's change. The first value is shown meanwhile; keep one, or write another: the choice syncs to every office."), widget.MediumImportance))
	}
	for i, c := range cs {
		if i == maxConflictsShown {
			objs = append(objs, wrapped(lang.X("sync.moreConflicts", "…and {{.Count}} more, shown as these are resolved.", map[string]any{"Count": len(cs) - i}), widget.LowImportance))
			break
		}
		v := y.conflictView(c)
		y.conflicts = append(y.conflicts, v)
		objs = append(objs, widget.NewSeparator(), y.conflictObject(v))
	}
	y.conflictList.Objects = objs
	y.conflictList.Refresh()
}

// conflictView makes the widgets of one conflict.
func (y *syncUI) conflictView(c store.Conflict) *conflictView {
	v := &conflictView{c: c}
	el := y.element(c.Element)
	for _, h := range c.Heads {
		b := widget.NewButtonWithIcon(lang.X("sync.keep", "Keep this value"), theme.ConfirmIcon(), func() {
			y.resolve(v, h.Value, h.Comment, h.Status)
		})
		v.keep = append(v.keep, b)
	}
	v.other = widget.NewEntry()
	v.other.SetPlaceHolder(lang.X("sync.otherHint", "Another value"))
	v.err = wrapped("", widget.DangerImportance)
	v.err.Hide()
	v.save = widget.NewButtonWithIcon(lang.X("sync.writeOther", "Write another value"), theme.DocumentSaveIcon(), func() {
		value, err := y.parseOther(el, v.other.Text)
		if err != nil {
			v.err.SetText(err.Error())
			v.err.Show()
			return
		}
		v.err.Hide()
		y.resolve(v, value, "", store.Official)
	})
	v.other.OnSubmitted = func(string) { v.save.OnTapped() }
	return v
}

// parseOther reads a typed value for el in the session's number style.
func (y *syncUI) parseOther(el *catalog.Element, text string) (string, error) {
	if el == nil {
		return "", errors.New(lang.X("sync.unknownElement", "This element is not in the catalog."))
	}
	if strings.TrimSpace(text) == "" {
		return "", errors.New(lang.X("sync.needValue", "Type the value to keep."))
	}
	value, err := store.ParseValue(el, text, y.s.style)
	if err != nil {
		return "", errors.New(msg.Text(err, y.s.lang))
	}
	return value, nil
}

// conflictObject lays a conflict out: its title, a row per competing
// value, and the entry of another value.
func (y *syncUI) conflictObject(v *conflictView) fyne.CanvasObject {
	title := widget.NewLabel(y.conflictTitle(v.c))
	title.TextStyle.Bold = true
	title.Wrapping = fyne.TextWrapWord
	rows := []fyne.CanvasObject{title}
	el := y.element(v.c.Element)
	for i, h := range v.c.Heads {
		text := y.showValue(el, h.Value)
		if h.Status == store.Estimate {
			text += " " + lang.L("(estimate)")
		}
		value := widget.NewLabel(text)
		value.TextStyle.Bold = true
		var tag fyne.CanvasObject = layout.NewSpacer()
		if i == 0 {
			shown := widget.NewLabel(lang.X("sync.shown", "shown for now"))
			shown.Importance = widget.WarningImportance
			tag = shown
		}
		who := []string{}
		if h.Author != "" {
			who = append(who, h.Author)
		}
		who = append(who, localTime(h.ChangedAt))
		if office := y.officeOf(h.Writer); office != "" {
			who = append(who, office)
		}
		details := widget.NewLabel(strings.Join(who, " · "))
		details.Truncation = fyne.TextTruncateEllipsis
		line := container.NewBorder(nil, nil, container.NewHBox(container.NewGridWrap(fyne.NewSize(140, value.MinSize().Height), value), tag), v.keep[i], details)
		rows = append(rows, line)
		if h.Comment != "" {
			c := wrapped(lang.X("sync.comment", "Comment: {{.Comment}}", map[string]any{"Comment": h.Comment}), widget.MediumImportance)
			rows = append(rows, container.NewPadded(c))
		}
	}
	entry := container.NewGridWrap(fyne.NewSize(220, v.other.MinSize().Height), v.other)
	rows = append(rows, container.NewHBox(entry, v.save), v.err)
	return container.NewVBox(rows...)
}

// resolve ends the conflict with value: a new change, which syncs, replacing
// every competing one. The list and the other screens are then renewed.
func (y *syncUI) resolve(v *conflictView, value, comment string, status store.Status) {
	c := v.c
	err := y.s.st.Resolve(context.Background(), store.Change{Element: c.Element, Area: c.Area, Period: c.Period, Category: c.Category,
		Value: value, Comment: comment, Status: status})
	if err != nil {
		v.err.SetText(msg.Text(err, y.s.lang))
		v.err.Show()
		return
	}
	if err := y.s.reload(); err != nil {
		y.s.showError(err)
	}
	y.refresh()
}

// ---- offices ----

func (y *syncUI) newOfficesCard() fyne.CanvasObject {
	y.offices = container.NewVBox()
	y.officesCard = widget.NewCard("", "", y.offices)
	return y.officesCard
}

// statusText says a writer's status in plain words.
func statusText(status string) (string, widget.Importance) {
	switch status {
	case "":
		return lang.X("sync.statusOK", "normal"), widget.MediumImportance
	case "forked":
		return lang.X("sync.statusForked", "computer copied: its files are not accepted"), widget.DangerImportance
	case "clock-ahead":
		return lang.X("sync.statusClock", "clock runs ahead"), widget.WarningImportance
	}
	return status, widget.WarningImportance
}

// showOffices lists the offices whose changes this database holds, and
// the last refusals.
func (y *syncUI) showOffices() {
	objs := []fyne.CanvasObject{syncHeading(lang.X("sync.offices", "Offices heard of"))}
	if len(y.data.writers) == 0 {
		objs = append(objs, wrapped(lang.X("sync.noOffice", "No exchange yet."), widget.LowImportance))
	} else {
		bold := func(s string) fyne.CanvasObject {
			l := widget.NewLabel(s)
			l.TextStyle.Bold = true
			return l
		}
		cells := []fyne.CanvasObject{bold(lang.X("sync.colOffice", "Office")), bold(lang.X("sync.colDevice", "Device")),
			bold(lang.X("sync.colFiles", "Files")), bold(lang.X("sync.colLast", "Changes")), bold(lang.X("sync.colStatus", "Status"))}
		for _, w := range y.data.writers {
			office := w.Office
			if w.Writer == y.s.st.Device() {
				office = lang.X("sync.thisDevice", "this computer")
				if y.data.id != nil {
					office += " — " + y.data.id.Cert.Office
				}
			}
			if office == "" {
				office = "?"
			}
			o := widget.NewLabel(office)
			o.Truncation = fyne.TextTruncateEllipsis
			dev := widget.NewLabel(shortID(w.Writer))
			dev.TextStyle.Monospace = true
			status, imp := statusText(w.Status)
			st := widget.NewLabel(status)
			st.Importance = imp
			st.Truncation = fyne.TextTruncateEllipsis
			cells = append(cells, o, dev, widget.NewLabel(strconv.FormatInt(w.Segments, 10)),
				widget.NewLabel(number.FormatFloat(float64(w.Seen), 0, y.s.style)), st)
		}
		grid := container.New(&columns{widths: []float32{0.36, 0.14, 0.1, 0.14, 0.26}}, cells...)
		objs = append(objs, grid)
	}
	if len(y.data.certs) > 0 {
		objs = append(objs, widget.NewSeparator(), y.certsPart())
	}
	objs = append(objs, widget.NewSeparator(), syncHeading(lang.X("sync.rejections", "Last refusals")))
	if len(y.data.rejections) == 0 {
		objs = append(objs, wrapped(lang.X("sync.noRejection", "Nothing has been refused."), widget.LowImportance))
	}
	for _, r := range y.data.rejections {
		who := y.officeOf(r.Writer)
		if who == "" {
			who = shortID(r.Writer)
		}
		text := localTime(r.At)
		if who != "" {
			text += " · " + who
		}
		objs = append(objs, wrapped(text+" · "+r.What+": "+r.Reason, widget.DangerImportance))
	}
	y.offices.Objects = objs
	y.offices.Refresh()
}

// shortID is the start of a device id, enough to tell devices apart.
func shortID(id string) string {
	if len(id) > 12 {
		return id[:12] + "…"
	}
	return id
}

// columns lays its objects out as rows of len(widths) cells, each column
// the share of the width in widths; a row is as tall as its tallest cell.
type columns struct{ widths []float32 }

func (c *columns) MinSize(objects []fyne.CanvasObject) fyne.Size {
	n := len(c.widths)
	var w, h float32
	for r := 0; r*n < len(objects); r++ {
		var rowW, rowH float32
		for i := 0; i < n && r*n+i < len(objects); i++ {
			m := objects[r*n+i].MinSize()
			rowW += m.Width
			rowH = max(rowH, m.Height)
		}
		w, h = max(w, rowW), h+rowH
	}
	return fyne.NewSize(w, h)
}

func (c *columns) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	n := len(c.widths)
	var y float32
	for r := 0; r*n < len(objects); r++ {
		var rowH float32
		for i := 0; i < n && r*n+i < len(objects); i++ {
			rowH = max(rowH, objects[r*n+i].MinSize().Height)
		}
		var x float32
		for i := 0; i < n && r*n+i < len(objects); i++ {
			w := size.Width * c.widths[i]
			objects[r*n+i].Move(fyne.NewPos(x, y))
			objects[r*n+i].Resize(fyne.NewSize(w, rowH))
			x += w
		}
		y += rowH
	}
}
