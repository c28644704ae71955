package app

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"chiso/data/catalog"
	"chiso/data/exchange"
	"chiso/data/msg"
)

// areaImport is an area list read from a file and checked against the
// catalog, waiting for the user to confirm.
type areaImport struct {
	file                 string
	areas                []catalog.Area // every area of the file, to save
	added, changed, same int
	problems             []error // each names its line; nothing is saved while any
}

// readAreaImport reads an area list (CSV, or XLSX when name ends in
// .xlsx) and checks it against the catalog. A file that cannot be read at
// all is an error; faulty lines are listed in the result's problems.
func (c *catalogUI) readAreaImport(r io.Reader, name string) (*areaImport, error) {
	rows, err := exchange.ReadAreaRows(r, name)
	imp := &areaImport{file: name}
	if list, ok := err.(exchange.AreaErrors); ok {
		imp.problems = list
		return imp, nil
	}
	if err != nil {
		return nil, err
	}
	cat := c.cat()
	existing := map[string]catalog.Area{}
	for _, a := range cat.Areas {
		existing[a.Code] = a
	}
	inFile := map[string]catalog.Area{}
	for _, r := range rows {
		inFile[r.Code] = r.Area
	}
	find := func(code string) (catalog.Area, bool) {
		if a, ok := inFile[code]; ok {
			return a, true
		}
		a, ok := existing[code]
		return a, ok
	}
	levels := map[int]bool{}
	for _, l := range cat.Levels {
		levels[l.Level] = true
	}
	groups := map[string]bool{}
	for _, g := range cat.Groups {
		groups[g.Code] = true
	}
	for _, r := range rows {
		at := func(vi, en string) {
			imp.problems = append(imp.problems, msg.New(fmt.Sprintf("tệp %s, dòng %d: %s", name, r.Line, vi), fmt.Sprintf("file %s, line %d: %s", name, r.Line, en)))
		}
		a := r.Area
		if len(levels) > 0 && !levels[a.Level] {
			at(fmt.Sprintf("không có cấp %d trong danh mục", a.Level), fmt.Sprintf("the catalog has no level %d", a.Level))
		}
		if a.Parent != "" {
			if p, ok := find(a.Parent); !ok {
				at("không có địa bàn cấp trên "+a.Parent+" trong tệp hay danh mục", "parent "+a.Parent+" is neither in the file nor in the catalog")
			} else if p.Level >= a.Level {
				at(fmt.Sprintf("địa bàn cấp trên %s ở cấp %d, phải cao hơn cấp %d", a.Parent, p.Level, a.Level),
					fmt.Sprintf("parent %s is at level %d, which must be above level %d", a.Parent, p.Level, a.Level))
			}
		}
		for _, g := range a.Groups {
			if !groups[g] {
				at("không có nhóm địa bàn "+g, "no area group "+g)
			}
		}
		old, ok := existing[a.Code]
		switch {
		case !ok:
			imp.added++
		default:
			// Keep what the file has no column for.
			a.Successors, a.Shares, a.FormerNames = old.Successors, old.Shares, old.FormerNames
			if len(old.Parents) > 0 && a.Parent != old.Parent {
				at("địa bàn này đã đổi cấp trên theo thời gian; cấp trên của nó đổi bằng cách cập nhật danh mục đơn vị hành chính",
					"this area moved between parents over time; its parent changes through an update of the official list")
			}
			a.Parents = old.Parents
			if sameArea(old, a) {
				imp.same++
			} else {
				imp.changed++
			}
		}
		imp.areas = append(imp.areas, a)
	}
	return imp, nil
}

func sameArea(a, b catalog.Area) bool {
	norm := func(s []string) []string {
		if len(s) == 0 {
			return nil
		}
		s = slices.Clone(s)
		slices.Sort(s)
		return s
	}
	a.Groups, b.Groups = norm(a.Groups), norm(b.Groups)
	a.Successors, b.Successors = norm(a.Successors), norm(b.Successors)
	return reflect.DeepEqual(a, b)
}

// readAreaImportFile is readAreaImport of the file at path.
func (c *catalogUI) readAreaImportFile(path string) (*areaImport, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, msg.Wrap(err, "không mở được tệp "+filepath.Base(path), "cannot open file "+filepath.Base(path))
	}
	defer f.Close()
	return c.readAreaImport(f, filepath.Base(path))
}

// applyAreaImport saves every area of imp in one transaction: all or none.
func (c *catalogUI) applyAreaImport(imp *areaImport) error {
	if len(imp.problems) > 0 {
		return msg.New("tệp có lỗi, chưa nhập địa bàn nào", "the file has errors; no area was imported")
	}
	if len(imp.areas) == 0 {
		return nil
	}
	if err := c.save(areaSubset(c.cat(), imp.areas)); err != nil {
		return err
	}
	return nil
}

// summary says what importing would do.
func (imp *areaImport) summary(c *catalogUI) string {
	s := lang.L("{{.File}}: {{.Added}} new areas, {{.Changed}} changed, {{.Same}} unchanged.",
		map[string]any{"File": imp.file, "Added": imp.added, "Changed": imp.changed, "Same": imp.same})
	if len(imp.problems) > 0 {
		s += "\n" + lang.L("{{.Count}} errors: correct the file and import it again. Nothing has been saved.", map[string]any{"Count": len(imp.problems)})
	}
	return s
}

// askImport lets the user pick an area list, shows what importing it
// would do and saves it when confirmed.
func (t *areaTab) askImport() {
	c := t.c
	open := c.s.openDialog(func(r fyne.URIReadCloser) error {
		imp, err := c.readAreaImport(r, r.URI().Name())
		if err != nil {
			return err
		}
		c.showAreaImport(imp)
		return nil
	})
	open.SetFilter(storage.NewExtensionFileFilter([]string{".csv", ".xlsx", ".CSV", ".XLSX"}))
	open.SetTitleText(lang.L("Import area list"))
	open.SetConfirmText(lang.L("Open"))
	open.Resize(fyne.NewSize(900, 620))
	open.Show()
}

// showAreaImport shows the preview of an import and saves it on confirm.
func (c *catalogUI) showAreaImport(imp *areaImport) {
	summary := widget.NewLabel(imp.summary(c))
	summary.Wrapping = fyne.TextWrapWord
	var body fyne.CanvasObject = summary
	if len(imp.problems) > 0 {
		lines := make([]string, len(imp.problems))
		for i, p := range imp.problems {
			lines[i] = msg.Text(p, c.s.lang)
		}
		errs := widget.NewLabel(strings.Join(lines, "\n"))
		errs.Importance = widget.DangerImportance
		errs.Wrapping = fyne.TextWrapWord
		body = container.NewBorder(summary, nil, nil, nil, container.NewVScroll(errs))
		d := dialog.NewCustom(lang.L("Import area list"), lang.L("Close"), body, c.s.win)
		d.Resize(fyne.NewSize(760, 480))
		d.Show()
		return
	}
	if imp.added+imp.changed == 0 {
		dialog.ShowInformation(lang.L("Import area list"), imp.summary(c)+"\n"+lang.L("There is nothing to save."), c.s.win)
		return
	}
	d := dialog.NewCustomConfirm(lang.L("Import area list"), lang.L("Import"), lang.L("Cancel"), body, func(ok bool) {
		if !ok {
			return
		}
		if err := c.applyAreaImport(imp); err != nil {
			c.showError(err)
			return
		}
		dialog.ShowInformation(lang.L("Import area list"), lang.L("The area list has been imported."), c.s.win)
	}, c.s.win)
	d.Resize(fyne.NewSize(560, 240))
	d.Show()
}
