package app

import (
	"context"
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"chiso/data/catalog"
	"chiso/data/defaults"
	"chiso/data/msg"
)

// officialTab shows which version of the official catalog the database
// has, the legal bases it rests on with their dates, and the forms laid
// out as the regime prescribes; a province loads an updated catalog file
// here, which its next sync publishes to the communes.
type officialTab struct {
	c       *catalogUI
	version *widget.Label
	bases   *fyne.Container
	layouts *widget.Label
	content fyne.CanvasObject
}

func newOfficialTab(c *catalogUI) *officialTab {
	t := &officialTab{c: c, version: heading(), bases: container.NewVBox(), layouts: widget.NewLabel("")}
	t.version.Truncation = fyne.TextTruncateOff
	t.version.Wrapping = fyne.TextWrapWord
	t.layouts.Wrapping = fyne.TextWrapWord
	load := widget.NewButtonWithIcon(lang.L("Load catalog file…"), theme.FolderOpenIcon(), t.askLoad)
	hint := widget.NewLabel(lang.L("A catalog file of the province (JSON): entries with a known code replace it, new ones are added, nothing is removed. At the province's next sync the new catalog reaches every commune."))
	hint.Wrapping = fyne.TextWrapWord
	basesTitle := widget.NewLabel(lang.L("Legal bases"))
	basesTitle.TextStyle.Bold = true
	layoutsTitle := widget.NewLabel(lang.L("Forms with their official layout"))
	layoutsTitle.TextStyle.Bold = true
	top := container.NewVBox(container.NewBorder(nil, nil, nil, load, t.version), hint, widget.NewSeparator())
	t.content = container.NewBorder(top, nil, nil, nil, container.NewVScroll(container.NewPadded(
		container.NewVBox(basesTitle, t.bases, widget.NewSeparator(), layoutsTitle, t.layouts))))
	t.refresh()
	return t
}

// refresh shows the catalog as it is now.
func (t *officialTab) refresh() {
	cat := t.c.cat()
	vi := t.c.s.lang != "en"
	if cat.Version == "" {
		t.version.SetText(lang.L("Official catalog: not loaded"))
	} else {
		t.version.SetText(lang.L("Official catalog version {{.Version}}", map[string]any{"Version": cat.Version}))
	}
	t.bases.RemoveAll()
	today := time.Now()
	for _, b := range cat.LegalBases {
		state := lang.L("in force")
		importance := widget.SuccessImportance
		switch {
		case b.ValidFrom == "" && b.ValidTo == "":
			state = ""
		case !b.InForce(today) && b.ValidFrom > today.Format(time.DateOnly):
			state, importance = lang.L("not yet in force"), widget.WarningImportance
		case !b.InForce(today):
			state, importance = lang.L("no longer in force"), widget.MediumImportance
		}
		line := b.Dates(t.c.s.lang)
		if line == "" {
			line = lang.L("dates not known")
		}
		for _, r := range cat.ReplacedBy(b.Code) {
			line += "; " + lang.L("replaced by {{.Number}}", map[string]any{"Number": r.Number})
		}
		title := widget.RichTextStyleStrong
		title.Inline = false
		text := widget.NewRichText(
			&widget.TextSegment{Style: title, Text: b.Number + " — " + t.c.pick(b.TitleVI, b.TitleEN)},
			&widget.TextSegment{Style: widget.RichTextStyleParagraph, Text: line})
		text.Wrapping = fyne.TextWrapWord
		badge := widget.NewLabel(state)
		badge.Importance = importance
		if len(t.bases.Objects) > 0 {
			t.bases.Add(widget.NewSeparator())
		}
		t.bases.Add(container.NewBorder(nil, nil, nil, badge, text))
	}
	if len(cat.LegalBases) == 0 {
		t.bases.Add(widget.NewLabel(lang.L("(none)")))
	}
	var lines []string
	for _, l := range cat.Layouts {
		name := l.NameVI
		if !vi && l.NameEN != "" {
			name = l.NameEN
		}
		lines = append(lines, fmt.Sprintf("%s — %s (%s)", l.Code, name, l.DataSet))
	}
	if len(lines) == 0 {
		lines = []string{lang.L("(none)")}
	}
	t.layouts.SetText(strings.Join(lines, "\n"))
}

// askLoad lets the user pick a catalog file, says what it holds and loads
// it when confirmed.
func (t *officialTab) askLoad() {
	c := t.c
	open := c.s.openDialog(func(r fyne.URIReadCloser) error {
		file, err := catalog.Read(r)
		if err != nil {
			return msg.Wrap(err, r.URI().Name()+" không phải tệp danh mục hợp lệ", r.URI().Name()+" is not a valid catalog file")
		}
		t.confirmLoad(r.URI().Name(), file)
		return nil
	})
	open.SetFilter(storage.NewExtensionFileFilter([]string{".json", ".JSON"}))
	open.SetTitleText(lang.L("Load catalog file…"))
	open.SetConfirmText(lang.L("Open"))
	open.Resize(fyne.NewSize(900, 620))
	open.Show()
}

// confirmLoad shows what the file holds and loads it on confirm.
func (t *officialTab) confirmLoad(name string, file *catalog.Catalog) {
	c := t.c
	version := file.Version
	if version == "" {
		version = "—"
	}
	text := lang.L("{{.File}} (version {{.Version}}): {{.Elements}} elements, {{.Indicators}} indicators, {{.Rules}} rules, {{.Forms}} forms, {{.Layouts}} layouts, {{.Bases}} legal bases.",
		map[string]any{"File": name, "Version": version, "Elements": len(file.Elements), "Indicators": len(file.Indicators),
			"Rules": len(file.Rules), "Forms": len(file.DataSets), "Layouts": len(file.Layouts), "Bases": len(file.LegalBases)})
	body := widget.NewLabel(text)
	body.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustomConfirm(lang.L("Load catalog file…"), lang.L("Load"), lang.L("Cancel"), body, func(ok bool) {
		if !ok {
			return
		}
		added, err := t.load(name, file)
		if err != nil {
			c.showError(err)
			return
		}
		dialog.ShowInformation(lang.L("Load catalog file…"),
			lang.L("The catalog file has been loaded: {{.Added}} new entries. Sync to send it to the communes.", map[string]any{"Added": added}), c.s.win)
	}, c.s.win)
	d.Resize(fyne.NewSize(560, 240))
	d.Show()
}

// load lays the catalog file over the database's catalog and shows the
// result; it returns how many entries are new. A file that does not fit
// changes nothing.
func (t *officialTab) load(name string, file *catalog.Catalog) (int, error) {
	added, err := defaults.LoadCatalog(context.Background(), t.c.s.st, file)
	if err != nil {
		return 0, msg.Wrap(err, name+" không nạp được, danh mục không đổi", name+" was not loaded, the catalog is unchanged")
	}
	return added, t.c.changed()
}
