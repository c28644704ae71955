package app

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"chiso/data/msg"
	"chiso/data/replica"
	"chiso/data/store"
	"chiso/data/vntext"
)

// officeFileExt is the file name extension of an office file, which the
// province issues to set an office's computer up for sync.
const officeFileExt = ".chiso-office"

// maxConflictsShown is the most conflicts the screen lists at once: the
// others appear as these are resolved.
const maxConflictsShown = 50

// syncData is what the sync screen shows, as read from the database.
type syncData struct {
	id         *replica.Identity // nil when the database is not set up for sync
	idErr      error             // why the identity cannot be used, other than not set up
	conflicts  []store.Conflict
	writers    []store.WriterState // this device first, then those with a problem, then by office
	rejections []store.Rejection
	certs      []replica.OfficeCert // at the province: the office certificates it knows
}

// readSyncData reads the identity, the conflicts, the offices known and the
// last refusals of st.
func readSyncData(ctx context.Context, st *store.Store) (syncData, error) {
	var d syncData
	id, err := replica.LoadIdentity(st)
	switch {
	case errors.Is(err, replica.ErrNoIdentity):
	case err != nil:
		d.idErr = err
	default:
		d.id = id
	}
	if d.conflicts, err = st.Conflicts(ctx); err != nil {
		return d, err
	}
	ws, err := st.Writers(ctx)
	if err != nil {
		return d, err
	}
	device := st.Device()
	for _, w := range ws {
		d.writers = append(d.writers, w)
	}
	rank := func(w store.WriterState) int {
		switch {
		case w.Writer == device:
			return 0
		case w.Status != "":
			return 1
		}
		return 2
	}
	sort.Slice(d.writers, func(i, j int) bool {
		a, b := d.writers[i], d.writers[j]
		if ra, rb := rank(a), rank(b); ra != rb {
			return ra < rb
		}
		if a.Office != b.Office {
			return vntext.Less(a.Office, b.Office)
		}
		return a.Writer < b.Writer
	})
	if d.rejections, err = st.Rejections(ctx, 20); err != nil {
		return d, err
	}
	if d.id != nil && d.id.Cert.Role == replica.Province {
		if d.certs, err = replica.Certificates(ctx, st); err != nil {
			return d, err
		}
	}
	return d, nil
}

// syncUI is the Đồng bộ screen: this computer's sync identity (or how to set
// it up), the exchange through a folder or a package file with its report,
// the conflicts to resolve, and the offices heard of. Its methods without
// dialogs do the work, so that tests can call them; the buttons only ask the
// user and then call them.
type syncUI struct {
	s       *session
	content fyne.CanvasObject

	identity *fyne.Container // body of the identity card

	folder     *widget.Entry
	browse     *widget.Button
	syncButton *widget.Button
	export     *widget.Button
	importPkg  *widget.Button
	notReady   *widget.Label // says why the buttons are off before setup
	bar        *widget.ProgressBar
	barWait    *widget.ProgressBarInfinite
	progress   *fyne.Container
	result     *fyne.Container // the report of the last run
	resultCard *widget.Card

	conflictsCard  *widget.Card
	officesCard    *widget.Card
	conflictsTitle *widget.Label
	conflictList   *fyne.Container
	conflicts      []*conflictView

	offices *fyne.Container

	data syncData
	busy bool
	// done, when set, is told on the UI goroutine when a sync, an export
	// or an import has ended and the screen shows its result (tests wait on
	// it).
	done func(*replica.Report, error)
}

// conflictView is one conflict in the list, with its buttons.
type conflictView struct {
	c     store.Conflict
	keep  []*widget.Button // one per head, in the order of c.Heads
	other *widget.Entry
	save  *widget.Button
	err   *widget.Label
}

// syncScreen is the sync screen (Đồng bộ).
func syncScreen(s *session) fyne.CanvasObject {
	return newSyncUI(s).content
}

func newSyncUI(s *session) *syncUI {
	y := &syncUI{s: s}
	y.identity = container.NewVBox()
	body := container.NewVBox(
		widget.NewCard("", "", y.identity),
		y.exchangeCard(),
		y.newConflictsCard(),
		y.newOfficesCard(),
	)
	y.content = container.NewVScroll(container.New(&maxWidth{width: 1040}, body))
	y.refresh()
	s.syncUI = y
	return y
}

// syncHeading is a section title in bold, sub-heading size.
func syncHeading(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.TextStyle.Bold = true
	l.SizeName = theme.SizeNameSubHeadingText
	return l
}

// boldLabel is a bold label.
func boldLabel(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.TextStyle.Bold = true
	return l
}

// wrapped is a label that wraps at word boundaries.
func wrapped(text string, imp widget.Importance) *widget.Label {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	l.Importance = imp
	return l
}

// refresh reads what the screen shows again and shows it.
func (y *syncUI) refresh() {
	st := y.s.st
	y.s.background(func() {
		d, err := readSyncData(context.Background(), st)
		fyne.Do(func() {
			if err != nil {
				y.s.showError(err)
			}
			y.data = d
			y.showIdentity()
			y.showConflicts()
			y.showOffices()
			// Before setup there is nothing to resolve nor anyone heard of.
			if d.id == nil && len(d.conflicts) == 0 && len(d.writers) == 0 && len(d.rejections) == 0 {
				y.conflictsCard.Hide()
				y.officesCard.Hide()
			} else {
				y.conflictsCard.Show()
				y.officesCard.Show()
			}
			y.setBusy(y.busy)
			// Word-wrapped labels settle their height on a second layout.
			y.content.Refresh()
		})
	})
}

// ---- identity ----

// exchangeCard holds the folder, the buttons that sync, export and import,
// the progress and the report of the last run.
func (y *syncUI) exchangeCard() fyne.CanvasObject {
	y.folder = widget.NewEntry()
	y.folder.SetText(replica.Folder(y.s.st))
	y.folder.SetPlaceHolder(lang.X("sync.folderHint", "A USB stick, a shared folder or a Syncthing folder"))
	y.browse = widget.NewButtonWithIcon(lang.X("sync.choose", "Choose…"), theme.FolderOpenIcon(), y.askFolder)
	folderRow := container.NewBorder(nil, nil, widget.NewLabel(lang.X("sync.folder", "Sync folder")), y.browse, y.folder)

	y.syncButton = widget.NewButtonWithIcon(lang.X("sync.run", "Sync"), theme.ViewRefreshIcon(), y.startSync)
	y.syncButton.Importance = widget.HighImportance
	y.export = widget.NewButtonWithIcon(lang.X("sync.export", "Export a package…"), theme.UploadIcon(), y.askExport)
	y.importPkg = widget.NewButtonWithIcon(lang.X("sync.import", "Import a package…"), theme.DownloadIcon(), y.askImport)
	big := container.NewGridWrap(fyne.NewSize(180, y.syncButton.MinSize().Height*1.3), y.syncButton)
	buttons := container.NewHBox(big, y.export, y.importPkg)
	hint := wrapped(lang.X("sync.packageHint", "Without a shared folder, a package is one file to send by e-mail or USB stick."), widget.MediumImportance)
	y.notReady = wrapped(lang.X("sync.notReady", "Set this computer up (above) before syncing."), widget.WarningImportance)
	y.notReady.Hide()

	y.bar = widget.NewProgressBar()
	y.barWait = widget.NewProgressBarInfinite()
	y.barWait.Stop()
	y.progress = container.NewStack(y.bar, y.barWait)
	y.progress.Hide()

	y.result = container.NewVBox()
	y.resultCard = widget.NewCard("", "", y.result)
	y.resultCard.Hide()
	return widget.NewCard("", "", container.NewVBox(syncHeading(lang.X("sync.exchange", "Exchange")),
		folderRow, buttons, hint, y.notReady, y.progress, y.resultCard))
}

// setBusy turns the buttons off while a run goes on (and before setup) and
// shows the progress.
func (y *syncUI) setBusy(busy bool) {
	y.busy = busy
	ready := y.data.id != nil
	for _, b := range []*widget.Button{y.syncButton, y.export, y.importPkg, y.browse} {
		if busy || (!ready && b != y.browse) {
			b.Disable()
		} else {
			b.Enable()
		}
	}
	if busy {
		y.folder.Disable()
	} else {
		y.folder.Enable()
	}
	if ready || busy {
		y.notReady.Hide()
	} else {
		y.notReady.Show()
	}
	if busy {
		y.bar.Hide()
		y.barWait.Show()
		y.barWait.Start()
		y.progress.Show()
	} else {
		y.barWait.Stop()
		y.progress.Hide()
	}
}

// setProgress shows done of total steps (told by the running job).
func (y *syncUI) setProgress(done, total int) {
	if !y.busy || total <= 0 {
		return
	}
	y.barWait.Stop()
	y.barWait.Hide()
	y.bar.Max = float64(total)
	y.bar.SetValue(float64(done))
	y.bar.Show()
}

// job is one exchange run in the background with a progress callback.
type job func(ctx context.Context, st *store.Store, language string, progress replica.Progress) (*replica.Report, error)

// startSync syncs with the folder entered.
func (y *syncUI) startSync() {
	dir := strings.TrimSpace(y.folder.Text)
	if dir == "" {
		err := msg.New("chưa chọn thư mục đồng bộ", "no sync folder chosen")
		y.showReport(lang.X("sync.syncFailed", "Sync failed"), nil, err)
		if y.done != nil {
			y.done(nil, err)
		}
		return
	}
	y.run(lang.X("sync.synced", "Synced with {{.Place}}", map[string]any{"Place": dir}),
		lang.X("sync.syncFailed", "Sync failed"),
		func(ctx context.Context, st *store.Store, language string, p replica.Progress) (*replica.Report, error) {
			return replica.Sync(ctx, st, dir, language, p)
		})
}

// exportPackage writes a package file at path.
func (y *syncUI) exportPackage(path string) {
	y.run(lang.X("sync.exported", "Package written: {{.Place}}", map[string]any{"Place": path}),
		lang.X("sync.exportFailed", "The package was not written"),
		func(ctx context.Context, st *store.Store, language string, p replica.Progress) (*replica.Report, error) {
			rep, err := replica.ExportPackage(ctx, st, path, language, p)
			if err != nil {
				if info, serr := os.Stat(path); serr == nil && info.Size() == 0 {
					os.Remove(path) // the empty file the save dialog made
				}
			}
			return rep, err
		})
}

// importPackage reads the package file at path.
func (y *syncUI) importPackage(path string) {
	y.run(lang.X("sync.imported", "Package read: {{.Place}}", map[string]any{"Place": filepath.Base(path)}),
		lang.X("sync.importFailed", "The package was not read"),
		func(ctx context.Context, st *store.Store, language string, p replica.Progress) (*replica.Report, error) {
			return replica.ImportPackage(ctx, st, path, language, p)
		})
}

// run does the job off the UI goroutine, showing its progress, then its
// report, and reads the data again where the job changed them.
func (y *syncUI) run(okTitle, failTitle string, do job) {
	if y.busy {
		return
	}
	y.setBusy(true)
	st, language := y.s.st, y.s.lang
	y.s.background(func() {
		progress := func(done, total int) { fyne.Do(func() { y.setProgress(done, total) }) }
		rep, err := do(context.Background(), st, language, progress)
		fyne.Do(func() {
			y.setBusy(false)
			title := okTitle
			if err != nil {
				title = failTitle
			}
			y.showReport(title, rep, err)
			if err == nil && (rep.Applied > 0 || rep.CatalogVersion > 0) {
				// New values or a new catalog: a new engine, and the other
				// screens are built anew when next shown.
				if rerr := y.s.reload(); rerr != nil {
					y.s.showError(rerr)
				}
			}
			y.refresh()
			if y.done != nil {
				y.done(rep, err)
			}
		})
	})
}

// showReport shows the result of a run: its lines, refusals in red,
// warnings in orange, or what went wrong.
func (y *syncUI) showReport(title string, rep *replica.Report, err error) {
	head := boldLabel(title + " — " + time.Now().Format("15:04"))
	head.Wrapping = fyne.TextWrapWord
	icon := widget.NewIcon(theme.NewSuccessThemedResource(theme.ConfirmIcon()))
	lines := widget.NewRichText()
	lines.Wrapping = fyne.TextWrapWord
	add := func(text string, imp widget.Importance) {
		seg := &widget.TextSegment{Text: text, Style: widget.RichTextStyleParagraph}
		switch imp {
		case widget.DangerImportance:
			seg.Style.ColorName = theme.ColorNameError
		case widget.WarningImportance:
			seg.Style.ColorName = theme.ColorNameWarning
		}
		lines.Segments = append(lines.Segments, seg)
	}
	if err != nil {
		head.Importance = widget.DangerImportance
		icon.SetResource(theme.NewErrorThemedResource(theme.ErrorIcon()))
		add(msg.Text(err, y.s.lang), widget.DangerImportance)
	} else if rep != nil {
		for _, line := range rep.Lines(y.s.lang) {
			add(line.Text, lineImportance(line.Severity))
		}
	}
	lines.Refresh()
	y.result.Objects = []fyne.CanvasObject{container.NewBorder(nil, nil, icon, nil, head), lines}
	y.result.Refresh()
	y.resultCard.Show()
	y.content.Refresh()
}

// lineImportance colours a report line by its severity.
func lineImportance(sev replica.Severity) widget.Importance {
	switch sev {
	case replica.Refusal:
		return widget.DangerImportance
	case replica.Warning:
		return widget.WarningImportance
	}
	return widget.MediumImportance
}

// askFolder lets the user choose the sync folder.
func (y *syncUI) askFolder() {
	d := dialog.NewFolderOpen(func(l fyne.ListableURI, err error) {
		if err == nil && l != nil {
			y.folder.SetText(l.Path())
		}
	}, y.s.win)
	if dir := strings.TrimSpace(y.folder.Text); dir != "" {
		if l := folderOf(filepath.Join(dir, "x")); l != nil {
			d.SetLocation(l)
		}
	}
	d.Resize(fyne.NewSize(900, 600))
	d.Show()
}

// packageName is the suggested name of a package written on day.
func packageName(day time.Time) string {
	return "chiso-" + day.Format("2006-01-02") + replica.PackageExt
}

// askExport asks where to write a package, then writes it.
func (y *syncUI) askExport() {
	d := y.s.saveDialog(func(w fyne.URIWriteCloser) error {
		path := w.URI().Path()
		if !strings.HasSuffix(strings.ToLower(path), replica.PackageExt) {
			os.Remove(path)
			path += replica.PackageExt
		}
		y.exportPackage(path)
		return nil
	})
	d.SetFileName(packageName(time.Now()))
	d.SetFilter(storage.NewExtensionFileFilter([]string{replica.PackageExt}))
	if dir := strings.TrimSpace(y.folder.Text); dir != "" {
		if l := folderOf(filepath.Join(dir, "x")); l != nil {
			d.SetLocation(l)
		}
	}
	d.Resize(fyne.NewSize(900, 600))
	d.Show()
}

// askImport lets the user choose a package, then reads it.
func (y *syncUI) askImport() {
	d := y.s.openDialog(func(r fyne.URIReadCloser) error {
		y.importPackage(r.URI().Path())
		return nil
	})
	d.SetTitleText(lang.X("sync.importTitle", "Import a sync package"))
	d.SetFilter(storage.NewExtensionFileFilter([]string{replica.PackageExt}))
	d.Resize(fyne.NewSize(900, 600))
	d.Show()
}

// ---- conflicts ----
