package app

import (
	"context"
	"errors"
	"io"
	"slices"
	"sort"
	"strconv"
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
	"chiso/data/msg"
	"chiso/data/replica"
	"chiso/data/rootkey"
	"chiso/data/vntext"
)

// roleName is the role in words.
func roleName(r replica.Role) string {
	switch r {
	case replica.Province:
		return lang.X("sync.role.province", "province")
	case replica.District:
		return lang.X("sync.role.district", "district")
	case replica.Commune:
		return lang.X("sync.role.commune", "commune")
	}
	return string(r)
}

// areaNames returns the names of the areas with the codes, in the
// interface language (the code where the catalog lacks one).
func (y *syncUI) areaNames(codes []string) string {
	names := make([]string, len(codes))
	for i, code := range codes {
		names[i] = code
		if a := areaByCode(y.s.catalog(), code); a != nil {
			names[i] = areaName(*a, y.s.lang)
		}
	}
	return strings.Join(names, ", ")
}

func areaByCode(c *catalog.Catalog, code string) *catalog.Area {
	for i := range c.Areas {
		if c.Areas[i].Code == code {
			return &c.Areas[i]
		}
	}
	return nil
}

// identityLine is "Máy này: <office> (<role>), được ghi: <areas>, chứng thư
// đến <date>".
func (y *syncUI) identityLine(id *replica.Identity) string {
	return lang.X("sync.identity", "This computer: {{.Office}} ({{.Role}}), may write: {{.Areas}}, certificate valid until {{.Until}}",
		map[string]any{"Office": id.Cert.Office, "Role": roleName(id.Cert.Role), "Areas": y.areaNames(id.Cert.Areas), "Until": showDate(id.Cert.NotAfter)})
}

// showIdentity fills the identity card: who this computer signs as, or how
// to set it up.
func (y *syncUI) showIdentity() {
	id := y.data.id
	if id == nil {
		y.identity.Objects = y.setupObjects()
		y.identity.Refresh()
		return
	}
	line := wrapped(y.identityLine(id), widget.MediumImportance)
	line.TextStyle.Bold = true
	objs := []fyne.CanvasObject{syncHeading(lang.X("sync.identityTitle", "Sync certificate")), line}
	today := time.Now().Format(time.DateOnly)
	soon := time.Now().AddDate(0, 2, 0).Format(time.DateOnly)
	switch {
	case id.Cert.NotAfter < today:
		objs = append(objs, wrapped(lang.X("sync.expired", "The certificate has expired: changes made now are refused elsewhere. Ask the province for a new office file."), widget.DangerImportance))
	case id.Cert.NotAfter < soon && id.Cert.Role != replica.Province:
		objs = append(objs, wrapped(lang.X("sync.expiresSoon", "The certificate expires soon: ask the province for a new office file."), widget.WarningImportance))
	}
	if id.Cert.Role == replica.Province {
		objs = append(objs, y.rootKeyObjects()...)
	} else {
		load := widget.NewButtonWithIcon(lang.X("sync.loadNew", "Load a new office file…"), theme.FolderOpenIcon(), y.askLoadOffice)
		load.Importance = widget.LowImportance
		objs = append(objs, container.NewHBox(load))
	}
	y.identity.Objects = objs
	y.identity.Refresh()
}

// rootKeyObjects say, at the province, where the root key is and offer
// what can be done with it: issue office files and export the key; restore
// it on a new computer; move it out of a database of an older version.
func (y *syncUI) rootKeyObjects() []fyne.CanvasObject {
	if replica.HasPlainRootKey(y.s.st) {
		protect := widget.NewButtonWithIcon(lang.X("rootkey.protect", "Protect the root key…"), theme.WarningIcon(), y.s.askProtectRootKey)
		protect.Importance = widget.HighImportance
		return []fyne.CanvasObject{wrapped(lang.X("rootkey.plain", "This database still holds the province root key unencrypted: protect it with a passphrase before issuing office files."), widget.DangerImportance),
			container.NewHBox(protect)}
	}
	path, err := replica.RootKeyFile(y.s.st, y.s.keys)
	if err != nil {
		restore := widget.NewButtonWithIcon(lang.X("rootkey.restore", "Restore the root key…"), theme.FolderOpenIcon(), y.askRestoreRootKey)
		restore.Importance = widget.HighImportance
		return []fyne.CanvasObject{wrapped(lang.X("rootkey.missing", "The province root key is not on this computer (the database was copied or restored here). Restore the copy exported from the old computer to issue office files; syncing works without it."), widget.WarningImportance),
			container.NewHBox(restore)}
	}
	issue := widget.NewButtonWithIcon(lang.X("sync.issue", "Issue an office file…"), theme.DocumentCreateIcon(), y.askIssue)
	export := widget.NewButtonWithIcon(lang.X("rootkey.export", "Export the root key…"), theme.DocumentSaveIcon(), y.askExportRootKey)
	return []fyne.CanvasObject{wrapped(rootKeyWhere(path), widget.WarningImportance), container.NewHBox(issue, export)}
}

// setupObjects explain the two ways of setting a computer up: an office
// loads the file the province gave it; the province creates its root key.
func (y *syncUI) setupObjects() []fyne.CanvasObject {
	objs := []fyne.CanvasObject{syncHeading(lang.X("sync.setup", "Set up sync")),
		wrapped(lang.X("sync.setupIntro", "This computer is not set up for sync yet. Choose how:"), widget.MediumImportance)}
	if y.data.idErr != nil {
		objs = append(objs, wrapped(msg.Text(y.data.idErr, y.s.lang), widget.DangerImportance))
	}
	load := widget.NewButtonWithIcon(lang.X("sync.load", "Load the office file…"), theme.FolderOpenIcon(), y.askLoadOffice)
	load.Importance = widget.HighImportance
	office := widget.NewCard("", "",
		container.NewVBox(boldLabel(lang.X("sync.atOffice", "At a commune or district office")), wrapped(lang.X("sync.atOfficeText", "Load the office file the province gave you (ending in .chiso-office). It brings the catalog and the certificate that lets this computer write the office's figures."), widget.MediumImportance),
			container.NewHBox(load)))
	create := widget.NewButtonWithIcon(lang.X("sync.create", "Create the province root key…"), theme.ContentAddIcon(), y.askCreateProvince)
	province := widget.NewCard("", "",
		container.NewVBox(boldLabel(lang.X("sync.atProvince", "At the province (one computer only)")), wrapped(lang.X("sync.atProvinceText", "Create the province root key on this computer. The computer holding it issues the office files. Do it once, on one computer."), widget.MediumImportance),
			container.NewHBox(create)))
	return append(objs, container.NewGridWithColumns(2, office, province))
}

// setOfficeName names the office after the certificate when it has no name
// yet (the window title shows it).
func (y *syncUI) setOfficeName(office string) error {
	if old, _ := y.s.st.Meta("office"); old != "" || office == "" {
		return nil
	}
	if err := y.s.st.SetMeta("office", office); err != nil {
		return err
	}
	if y.s.win != nil {
		y.s.win.SetTitle(y.s.title())
	}
	return nil
}

// loadOfficeFile sets this computer up with the office file's bytes, then
// reads the catalog it brought.
func (y *syncUI) loadOfficeFile(data []byte) error {
	id, err := replica.LoadOfficeFile(context.Background(), y.s.st, data)
	if err != nil {
		return err
	}
	if err := y.setOfficeName(id.Cert.Office); err != nil {
		return err
	}
	err = y.s.reload()
	y.refresh()
	return err
}

// askLoadOffice lets the user choose an office file and loads it.
func (y *syncUI) askLoadOffice() {
	d := y.s.openDialog(func(r fyne.URIReadCloser) error {
		data, err := io.ReadAll(io.LimitReader(r, 64<<20))
		if err != nil {
			return err
		}
		return y.loadOfficeFile(data)
	})
	d.SetTitleText(lang.X("sync.loadTitle", "Load the office file"))
	d.SetFilter(storage.NewExtensionFileFilter([]string{officeFileExt}))
	d.Resize(fyne.NewSize(900, 600))
	d.Show()
}

// topAreas returns the areas a province's root key is usually created for:
// those of level 2 (the provinces), else those of the highest level there
// is, sorted by name.
func topAreas(c *catalog.Catalog) []catalog.Area {
	var out []catalog.Area
	best := 0
	for _, a := range c.Areas {
		if a.Level == 2 {
			out = append(out, a)
		}
		if best == 0 || a.Level < best {
			best = a.Level
		}
	}
	if len(out) == 0 {
		for _, a := range c.Areas {
			if a.Level == best {
				out = append(out, a)
			}
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return vntext.Less(out[i].Name, out[j].Name) })
	return out
}

// createProvince makes this computer the province, certified for areas,
// its root key encrypted with passphrase; it returns the key file's path.
func (y *syncUI) createProvince(office string, areas []string, passphrase string) (string, error) {
	office = strings.TrimSpace(office)
	if office == "" {
		return "", msg.New("chưa có tên đơn vị", "the office has no name")
	}
	id, path, err := replica.CreateProvince(context.Background(), y.s.st, office, areas, y.s.keys, passphrase)
	if err != nil {
		return "", err
	}
	err = y.setOfficeName(id.Cert.Office)
	y.refresh()
	return path, err
}

// askCreateProvince asks for the office name and the province's area, then
// creates the root key.
func (y *syncUI) askCreateProvince() {
	areas := topAreas(y.s.catalog())
	if len(areas) == 0 {
		y.s.showError(msg.New("danh mục chưa có địa bàn nào: hãy nhập danh mục địa bàn trước",
			"the catalog has no areas: import the areas first"))
		return
	}
	office := widget.NewEntry()
	office.SetText(y.officeName())
	office.SetPlaceHolder(lang.X("sync.provinceOfficeHint", "e.g. Cục Thống kê Quảng Ninh"))
	office.Validator = func(s string) error {
		if strings.TrimSpace(s) == "" {
			return errors.New(lang.X("sync.needOffice", "Give the office's name."))
		}
		return nil
	}
	options := make([]string, len(areas))
	for i, a := range areas {
		options[i] = areaName(a, y.s.lang) + " (" + a.Code + ")"
	}
	area := widget.NewSelect(options, nil)
	area.SetSelectedIndex(0)
	if def := defaultArea(y.s.catalog()); def != "" {
		for i, a := range areas {
			if a.Code == def {
				area.SetSelectedIndex(i)
			}
		}
	}
	pass := newPassphraseForm(y.s, true)
	items := append([]*widget.FormItem{
		widget.NewFormItem(lang.X("sync.officeName", "Office"), office),
		{Text: lang.X("sync.area", "Area"), Widget: area, HintText: lang.X("sync.provinceAreaHint", "The province may write the values of this area and of every area below it.")},
	}, pass.items()...)
	d := dialog.NewForm(lang.X("sync.createTitle", "Create the province root key"), lang.X("sync.createOK", "Create"), lang.L("Cancel"), items, func(ok bool) {
		if !ok || area.SelectedIndex() < 0 {
			return
		}
		passphrase, err := pass.value()
		var path string
		if err == nil {
			path, err = y.createProvince(office.Text, []string{areas[area.SelectedIndex()].Code}, passphrase)
		}
		if err != nil {
			y.s.showError(err)
			return
		}
		dialog.ShowInformation(lang.X("rootkey.createdTitle", "Root key created"), rootKeyWhere(path), y.s.win)
	}, y.s.win)
	d.Resize(fyne.NewSize(640, d.MinSize().Height))
	d.Show()
}

// officeName is the office name of this database ("" if none).
func (y *syncUI) officeName() string {
	name, _ := y.s.st.Meta("office")
	return name
}

// ---- issuing office files ----

// issueForm is the dialog content that issues an office file: the office,
// its role, its areas (searched without diacritics) and the years the
// certificate is valid.
type issueForm struct {
	y      *syncUI
	office *widget.Entry
	role   *widget.Select
	search *widget.Entry
	list   *widget.List
	chosen *widget.Label
	years  *widget.Entry
	pass   *passphraseForm
	err    *widget.Label

	areas    []catalog.Area // every area, by level then name
	shown    []int          // indexes in areas matching the search
	selected []string       // codes chosen, in the order chosen
	content  fyne.CanvasObject
}

// roles are the roles offered, in the order of the select.
var roles = []replica.Role{replica.Commune, replica.District, replica.Province}

func newIssueForm(y *syncUI) *issueForm {
	f := &issueForm{y: y}
	f.areas = slices.Clone(y.s.catalog().Areas)
	sort.SliceStable(f.areas, func(i, j int) bool {
		if f.areas[i].Level != f.areas[j].Level {
			return f.areas[i].Level < f.areas[j].Level
		}
		return vntext.Less(f.areas[i].Name, f.areas[j].Name)
	})
	f.office = widget.NewEntry()
	f.office.SetPlaceHolder(lang.X("sync.officeHint", "e.g. UBND phường Hà Khẩu"))
	names := make([]string, len(roles))
	for i, r := range roles {
		names[i] = roleName(r)
	}
	f.role = widget.NewSelect(names, nil)
	f.role.SetSelectedIndex(0)
	f.search = widget.NewEntry()
	f.search.SetPlaceHolder(lang.X("sync.searchArea", "Search an area: name or code, with or without accents"))
	f.search.OnChanged = func(string) { f.filter() }
	f.chosen = widget.NewLabel("")
	f.chosen.Wrapping = fyne.TextWrapWord
	f.years = widget.NewEntry()
	f.years.SetText("2")
	f.years.Validator = func(s string) error {
		_, err := parseYears(s)
		return err
	}
	f.pass = newPassphraseForm(y.s, false)
	f.err = wrapped("", widget.DangerImportance)
	f.err.Hide()
	f.list = widget.NewList(
		func() int { return len(f.shown) },
		func() fyne.CanvasObject { return widget.NewCheck("Phường Hồng Hải (QN_HALONG_14)", nil) },
		func(i widget.ListItemID, o fyne.CanvasObject) {
			a := f.areas[f.shown[i]]
			c := o.(*widget.Check)
			c.OnChanged = nil
			c.SetText(f.areaLabel(a))
			c.SetChecked(slices.Contains(f.selected, a.Code))
			c.OnChanged = func(on bool) { f.toggle(a.Code, on) }
		})
	f.filter()
	f.showChosen()
	form := widget.NewForm(
		widget.NewFormItem(lang.X("sync.officeName", "Office"), f.office),
		widget.NewFormItem(lang.X("sync.role", "Role"), f.role),
		&widget.FormItem{Text: lang.X("sync.years", "Valid for (years)"), Widget: container.NewGridWrap(fyne.NewSize(120, f.years.MinSize().Height), f.years)},
		widget.NewFormItem(lang.X("sync.areas", "Areas"), f.search),
	)
	bottomForm := widget.NewForm(f.pass.items()...)
	top := container.NewVBox(form)
	bottom := container.NewVBox(widget.NewSeparator(), f.chosen, bottomForm, f.err)
	f.content = container.NewBorder(top, bottom, nil, nil, f.list)
	return f
}

// areaLabel is "<name> (<code>)[, until dd/mm/yyyy]".
func (f *issueForm) areaLabel(a catalog.Area) string {
	text := areaName(a, f.y.s.lang) + " (" + a.Code + ")"
	if a.ValidTo != "" {
		text += ", " + lang.X("sync.until", "until {{.Date}}", map[string]any{"Date": showDate(a.ValidTo)})
	}
	return text
}

// filter shows the areas whose name or code contains the search's words,
// ignoring case and diacritics.
func (f *issueForm) filter() {
	f.shown = f.shown[:0]
	q := f.search.Text
	for i, a := range f.areas {
		if vntext.Contains(a.Name+" "+a.NameEN+" "+a.Code, q) {
			f.shown = append(f.shown, i)
		}
	}
	f.list.Refresh()
}

func (f *issueForm) toggle(code string, on bool) {
	i := slices.Index(f.selected, code)
	switch {
	case on && i < 0:
		f.selected = append(f.selected, code)
	case !on && i >= 0:
		f.selected = slices.Delete(f.selected, i, i+1)
	}
	f.showChosen()
}

func (f *issueForm) showChosen() {
	if len(f.selected) == 0 {
		f.chosen.SetText(lang.X("sync.noAreaChosen", "No area chosen yet: tick the areas the office may write."))
		f.chosen.Importance = widget.WarningImportance
	} else {
		f.chosen.SetText(lang.X("sync.chosen", "May write: {{.Areas}} (and every area below)", map[string]any{"Areas": f.y.areaNames(f.selected)}))
		f.chosen.Importance = widget.MediumImportance
	}
	f.chosen.Refresh()
}

// parseYears reads the years a certificate is valid: 1 to 20.
func parseYears(s string) (int, error) {
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil || n < 1 || n > 20 {
		return 0, errors.New(lang.X("sync.badYears", "Give a number of years from 1 to 20."))
	}
	return n, nil
}

// issue checks the form and returns the office file's bytes and its
// suggested file name.
func (f *issueForm) issue() ([]byte, string, error) {
	office := strings.TrimSpace(f.office.Text)
	if office == "" {
		return nil, "", errors.New(lang.X("sync.needOffice", "Give the office's name."))
	}
	years, err := parseYears(f.years.Text)
	if err != nil {
		return nil, "", err
	}
	if len(f.selected) == 0 {
		return nil, "", errors.New(lang.X("sync.needArea", "Tick at least one area."))
	}
	role := roles[max(f.role.SelectedIndex(), 0)]
	rootKey, err := replica.UnlockRoot(f.y.s.st, f.y.s.keys, f.pass.pass.Text)
	if err != nil {
		return nil, "", errors.New(msg.Text(err, f.y.s.lang))
	}
	data, err := replica.IssueOffice(context.Background(), f.y.s.st, rootKey, office, role, f.selected, years)
	if err != nil {
		return nil, "", errors.New(msg.Text(err, f.y.s.lang))
	}
	return data, officeFileName(office), nil
}

// officeFileName is the suggested name of an office's file: its name
// without the characters file systems refuse, then ".chiso-office".
func officeFileName(office string) string {
	name := strings.Map(func(r rune) rune {
		if strings.ContainsRune(`/\:*?"<>|`, r) || r < ' ' {
			return '_'
		}
		return r
	}, strings.TrimSpace(office))
	if name == "" {
		name = "office"
	}
	return name + officeFileExt
}

// askIssue shows the dialog issuing an office file, then asks where to
// save it.
func (y *syncUI) askIssue() {
	f := newIssueForm(y)
	var d *dialog.CustomDialog
	cancel := widget.NewButton(lang.L("Cancel"), func() { d.Hide() })
	ok := widget.NewButtonWithIcon(lang.X("sync.issueOK", "Issue and save…"), theme.DocumentSaveIcon(), func() {
		data, name, err := f.issue()
		if err != nil {
			f.err.SetText(err.Error())
			f.err.Show()
			return
		}
		d.Hide()
		y.saveOfficeFile(data, name)
	})
	ok.Importance = widget.HighImportance
	d = dialog.NewCustomWithoutButtons(lang.X("sync.issueTitle", "Issue an office file"), f.content, y.s.win)
	d.SetButtons([]fyne.CanvasObject{cancel, ok})
	d.Resize(fyne.NewSize(760, 640))
	d.Show()
	y.s.win.Canvas().Focus(f.office)
}

// saveOfficeFile asks where to save an issued office file and writes it.
func (y *syncUI) saveOfficeFile(data []byte, name string) {
	d := y.s.saveSecretDialog(func(path string) error {
		if err := rootkey.WriteFile(path, data); err != nil {
			return err
		}
		dialog.ShowInformation(lang.X("sync.issuedTitle", "Office file saved"),
			lang.X("sync.issued", "Saved {{.File}}. Hand it to the office safely (in person, on a USB stick): whoever holds it can sign as that office.",
				map[string]any{"File": path}), y.s.win)
		return nil
	})
	d.SetFileName(name)
	d.SetFilter(storage.NewExtensionFileFilter([]string{officeFileExt}))
	d.Resize(fyne.NewSize(900, 600))
	d.Show()
}

// ---- exchange ----
