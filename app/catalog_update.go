package app

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"chiso/data/adminupdate"
	"chiso/data/importer"
	"chiso/data/msg"
	"chiso/data/number"
)

// listUpdate is a newer official list of administrative units read and
// compared with the database, waiting for the user to give its effective
// date and confirm (Danh mục → Địa bàn → Cập nhật danh mục ĐVHC…).
type listUpdate struct {
	c     *catalogUI
	list  *adminupdate.List
	plan  *adminupdate.Plan
	names map[string]string // by code: the database's names, then the list's
}

// readListUpdate reads the list file (and the mapping file, when not
// empty) and compares them with the database.
func (c *catalogUI) readListUpdate(listPath, mappingPath string) (*listUpdate, error) {
	l, err := adminupdate.ReadList(listPath)
	if err != nil {
		return nil, err
	}
	var links []adminupdate.Link
	mapping := ""
	if mappingPath != "" {
		if links, err = adminupdate.ReadMapping(mappingPath); err != nil {
			return nil, err
		}
		mapping = filepath.Base(mappingPath)
	}
	cat := c.cat()
	p, err := adminupdate.Diff(cat, l, links, mapping)
	if err != nil {
		return nil, err
	}
	u := &listUpdate{c: c, list: l, plan: p, names: map[string]string{}}
	for _, a := range cat.Areas {
		u.names[a.Code] = a.Name
	}
	for _, x := range append(l.Provinces, l.Communes...) {
		if _, ok := u.names[x.Code]; !ok || x.Name != "" {
			u.names[x.Code] = x.Name
		}
	}
	return u, nil
}

// lines returns the changes of a kind, each said in the interface language.
func (u *listUpdate) lines(k adminupdate.Kind) []string {
	var out []string
	for _, ch := range u.plan.Changes {
		if ch.Kind == k {
			out = append(out, ch.Describe(func(code string) string { return u.names[code] }, u.c.s.lang))
		}
	}
	return out
}

// count writes n in the session's number style.
func (u *listUpdate) count(n int) string { return number.FormatFloat(float64(n), 0, u.c.s.style) }

// apply backs the database up beside itself, then applies the update from
// date (dd/mm/yyyy, as typed) and reads the catalog again.
func (u *listUpdate) apply(date string) error {
	day, err := u.c.readDate(date)
	if err != nil {
		return err
	}
	if day == "" {
		return msg.New("hãy cho ngày áp dụng danh mục mới", "give the day the new list takes effect")
	}
	st := u.c.s.st
	ctx := context.Background()
	if err := st.Backup(ctx, importer.BackupPath(st.Path(), time.Now())); err != nil {
		return err
	}
	if err := adminupdate.Apply(ctx, st, u.plan, day); err != nil {
		return err
	}
	return u.c.changed()
}

// askListUpdate lets the user pick the list file, then the mapping file
// (or none), and shows the update's preview.
func (t *areaTab) askListUpdate() {
	c := t.c
	pick := func(title string, then func(path string)) *dialog.FileDialog {
		d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
			if err != nil {
				c.showError(err)
				return
			}
			if r == nil {
				return
			}
			r.Close()
			then(r.URI().Path())
		}, c.s.win)
		d.SetFilter(storage.NewExtensionFileFilter([]string{".csv", ".xlsx", ".CSV", ".XLSX"}))
		d.SetTitleText(title)
		d.Resize(fyne.NewSize(900, 620))
		return d
	}
	pick(lang.X("update.pickList", "The new list of units (the statistics office's export)"), func(list string) {
		show := func(mapping string) {
			u, err := c.readListUpdate(list, mapping)
			if err != nil {
				c.showError(err)
				return
			}
			u.show()
		}
		dialog.ShowCustomConfirm(lang.X("update.title", "Update the official list of units"),
			lang.X("update.pickMapping", "Choose the conversion table…"), lang.X("update.noMapping", "No conversion table"),
			wrapped(lang.X("update.mappingText", "Units that merged or split are found in the conversion table of old codes to new ones (Mã xã mới, Mã xã cũ, Ghi chú). Without it, a unit missing from the new list is shown as dissolved."), widget.MediumImportance),
			func(withMapping bool) {
				if !withMapping {
					show("")
					return
				}
				pick(lang.X("update.mapping", "Conversion table"), show).Show()
			}, c.s.win)
	}).Show()
}

// show shows the preview grouped by kind, asks the effective date and
// applies the update on confirm.
func (u *listUpdate) show() {
	c, p := u.c, u.plan
	title := lang.X("update.title", "Update the official list of units")
	summary := lang.X("update.summary", "{{.File}}: {{.Provinces}} provinces, {{.Communes}} communes; {{.Changes}} changes, {{.Same}} unchanged.",
		map[string]any{"File": p.List, "Provinces": u.count(p.Provinces), "Communes": u.count(p.Communes), "Changes": u.count(len(p.Changes)), "Same": u.count(p.Unchanged)})
	if p.Empty() {
		dialog.ShowInformation(title, summary+"\n"+lang.L("There is nothing to save."), c.s.win)
		return
	}
	groups := widget.NewAccordion()
	for _, k := range adminupdate.Kinds {
		lines := u.lines(k)
		if len(lines) == 0 {
			continue
		}
		const most = 200 // a label of thousands of lines is slow to lay out
		text := lines
		if len(lines) > most {
			text = append(slices.Clone(lines[:most]), lang.X("update.more", "… and {{.Count}} more", map[string]any{"Count": u.count(len(lines) - most)}))
		}
		groups.Append(widget.NewAccordionItem(k.Label(c.s.lang)+" ("+u.count(len(lines))+")", widget.NewLabel(strings.Join(text, "\n"))))
	}
	groups.MultiOpen = true
	for i, item := range groups.Items {
		if i == 0 || len(strings.Split(item.Detail.(*widget.Label).Text, "\n")) <= 10 {
			groups.Open(i)
		}
	}
	date := widget.NewEntry()
	date.SetPlaceHolder("dd/mm/yyyy")
	date.Validator = c.dateValidator
	note := wrapped(lang.X("update.note", "Units that end keep their data and their last day; nothing is deleted, no value changes. The database is backed up first."), widget.LowImportance)
	form := widget.NewForm(widget.NewFormItem(lang.X("update.date", "Takes effect on"), date))
	body := container.NewBorder(container.NewVBox(wrapped(summary, widget.MediumImportance)), container.NewVBox(form, note), nil, nil,
		container.NewVScroll(container.NewVBox(groups)))
	d := dialog.NewCustomConfirm(title, lang.X("update.apply", "Apply"), lang.L("Cancel"), body, func(ok bool) {
		if !ok {
			return
		}
		if err := u.apply(date.Text); err != nil {
			c.showError(err)
			return
		}
		dialog.ShowInformation(title, lang.X("update.done", "The official list has been updated."), c.s.win)
	}, c.s.win)
	d.Resize(fyne.NewSize(780, 600))
	d.Show()
	c.s.win.Canvas().Focus(date)
}
