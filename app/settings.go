package app

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"chiso/data/calc"
	"chiso/data/defaults"
	"chiso/data/msg"
	"chiso/data/number"
	"chiso/data/store"
)

// languageNames are the interface languages as the Select offers them, each
// named in itself, in the order of Languages.
var languageNames = map[string]string{"vi": "Tiếng Việt", "en": "English"}

// settings is the Cài đặt screen: the office, the interface and the
// database file. Its methods without dialogs do the work, so that tests can
// call them; the buttons only ask the user and then call them.
type settings struct {
	s *session

	office   *widget.Entry
	user     *widget.Entry
	device   *widget.Label
	language *widget.Select
	style    *widget.Select
	maxJump  *widget.Entry
	keep     *widget.Entry // backups kept before imports
	path     *widget.Label
	content  fyne.CanvasObject
}

// settingsScreen is the settings screen (Cài đặt).
func settingsScreen(s *session) fyne.CanvasObject {
	return newSettings(s).content
}

func newSettings(s *session) *settings {
	t := &settings{s: s}
	body := container.NewVBox(t.officeCard(), t.interfaceCard(), t.databaseCard())
	t.content = container.NewVScroll(container.New(&maxWidth{width: 880}, body))
	return t
}

// officeCard holds the office name, the user name and the device identity.
func (t *settings) officeCard() fyne.CanvasObject {
	office, _ := t.s.st.Meta("office")
	t.office = widget.NewEntry()
	t.office.SetText(office)
	t.office.SetPlaceHolder(lang.L("e.g. UBND xã Tân Dân"))
	t.user = widget.NewEntry()
	t.user.SetText(t.s.st.Author())
	t.user.SetPlaceHolder(lang.L("Recorded on every change you make"))

	t.device = widget.NewLabel(t.s.st.Device())
	t.device.TextStyle.Monospace = true
	t.device.Truncation = fyne.TextTruncateEllipsis
	copyID := widget.NewButtonWithIcon(lang.L("Copy"), theme.ContentCopyIcon(), func() {
		t.s.app.Clipboard().SetContent(t.s.st.Device())
	})
	form := widget.NewForm(
		widget.NewFormItem(lang.X("settings.officeName", "Office name"), t.office),
		widget.NewFormItem(lang.X("settings.user", "User name"), t.user),
		&widget.FormItem{Text: lang.X("settings.device", "This device"), Widget: container.NewBorder(nil, nil, nil, copyID, t.device),
			HintText: lang.L("Identifies this computer's changes when offices exchange data.")},
	)
	saved := widget.NewLabel(lang.X("settings.saved", "Saved"))
	saved.Importance = widget.SuccessImportance
	saved.Hide()
	hideSaved := func(string) { saved.Hide() }
	t.office.OnChanged, t.user.OnChanged = hideSaved, hideSaved
	save := widget.NewButtonWithIcon(lang.L("Save"), theme.DocumentSaveIcon(), func() {
		if err := t.saveOffice(t.office.Text, t.user.Text); err != nil {
			t.s.showError(err)
			return
		}
		saved.Show()
	})
	save.Importance = widget.HighImportance
	return settingsSection(lang.X("settings.office", "Office"), form, container.NewHBox(layout.NewSpacer(), saved, save))
}

// interfaceCard holds the language, the number style and the jump that
// asks for a comment.
func (t *settings) interfaceCard() fyne.CanvasObject {
	var names []string
	for _, l := range Languages {
		names = append(names, languageNames[l])
	}
	t.language = widget.NewSelect(names, nil)
	t.language.SetSelected(languageNames[t.s.lang])
	t.language.OnChanged = func(name string) {
		for l, n := range languageNames {
			if n == name && l != t.s.lang {
				if err := t.setLanguage(l); err != nil {
					t.s.showError(err)
				}
				return
			}
		}
	}

	styles := []string{lang.L("Vietnam (1.234,5)"), lang.L("International (1,234.5)")}
	t.style = widget.NewSelect(styles, nil)
	t.style.SetSelected(styles[styleIndex(t.s.style)])
	t.style.OnChanged = func(name string) {
		st := number.Vietnamese
		if name == styles[1] {
			st = number.English
		}
		if st != t.s.style {
			t.setStyle(st)
		}
	}

	t.maxJump = widget.NewEntry()
	t.maxJump.SetText(number.FormatFloat(t.s.maxJump(), -1, t.s.style))
	t.maxJump.Validator = func(text string) error {
		_, err := t.parseMaxJump(text)
		return err
	}
	t.maxJump.OnChanged = func(text string) {
		if v, err := t.parseMaxJump(text); err == nil {
			t.s.app.Preferences().SetFloat(prefMaxJump, v)
		}
	}
	jump := container.NewBorder(nil, nil, nil, widget.NewLabel("%"), t.maxJump)

	form := widget.NewForm(
		widget.NewFormItem(lang.X("settings.language", "Language"), t.language),
		widget.NewFormItem(lang.X("settings.numbers", "Numbers"), t.style),
		&widget.FormItem{Text: lang.X("settings.maxJump", "Comment needed beyond"), Widget: container.NewHBox(container.NewGridWrap(fyne.NewSize(120, t.maxJump.MinSize().Height), jump)),
			HintText: lang.L("A value that changes more than this on the previous period needs a comment.")},
	)
	return settingsSection(lang.X("settings.interface", "Interface"), form)
}

// databaseCard shows the database file and offers to open another, back up
// and restore.
func (t *settings) databaseCard() fyne.CanvasObject {
	t.path = widget.NewLabel(t.s.st.Path())
	t.path.Wrapping = fyne.TextWrapBreak
	t.path.Selectable = true
	items := []fyne.CanvasObject{widget.NewForm(widget.NewFormItem(lang.X("settings.fileInUse", "File in use"), t.path))}
	var demo *widget.Button
	if defaults.IsDemo(t.s.st) {
		note := widget.NewLabel(lang.L("This file holds the demo data, which is illustrative only."))
		note.Importance = widget.WarningImportance
		note.Wrapping = fyne.TextWrapWord
		items = append(items, note)
		demo = widget.NewButtonWithIcon(lang.X("settings.closeDemo", "Close the demo"), theme.CancelIcon(), func() {
			t.s.showError(t.s.closeDemo())
		})
	} else {
		demo = widget.NewButtonWithIcon(lang.X("settings.openDemo", "Look at the demo"), theme.VisibilityIcon(), func() {
			t.s.openDemo(t.s.showError)
		})
	}
	t.keep = widget.NewEntry()
	t.keep.SetText(strconv.Itoa(t.s.st.KeepBackups()))
	t.keep.Validator = func(text string) error {
		_, err := parseKeep(text)
		return err
	}
	t.keep.OnChanged = func(text string) {
		if n, err := parseKeep(text); err == nil {
			if err := t.s.st.SetKeepBackups(n); err != nil {
				t.s.showError(err)
			}
		}
	}
	items = append(items, widget.NewForm(&widget.FormItem{Text: lang.X("settings.keepBackups", "Backups made before imports"),
		Widget:   container.NewHBox(container.NewGridWrap(fyne.NewSize(120, t.keep.MinSize().Height), t.keep)),
		HintText: lang.X("settings.keepHint", "How many are kept beside the database file; older ones are removed after each import.")}))
	open := widget.NewButtonWithIcon(lang.L("Open another file…"), theme.FolderOpenIcon(), t.askOpen)
	backup := widget.NewButtonWithIcon(lang.L("Back up now…"), theme.DocumentSaveIcon(), t.askBackup)
	restore := widget.NewButtonWithIcon(lang.L("Restore from a backup…"), theme.HistoryIcon(), t.askRestore)
	restore.Importance = widget.DangerImportance
	items = append(items, container.NewHBox(open, backup, restore, demo))
	return settingsSection(lang.X("settings.database", "Database"), items...)
}

// settingsSection is a card headed by title holding the objects.
func settingsSection(title string, objects ...fyne.CanvasObject) fyne.CanvasObject {
	heading := widget.NewLabel(title)
	heading.TextStyle.Bold = true
	heading.SizeName = theme.SizeNameSubHeadingText
	return widget.NewCard("", "", container.NewVBox(append([]fyne.CanvasObject{heading}, objects...)...))
}

func styleIndex(st number.Style) int {
	if st == number.English {
		return 1
	}
	return 0
}

// refresh rebuilds the window after the language, the number style or the
// database changed (the shell's reset also sets the title).
func (t *settings) refresh() {
	if t.s.reset != nil {
		t.s.reset()
		return
	}
	t.s.win.SetTitle(t.s.title())
}

// saveOffice stores the office name and the user name; the window title
// shows the office.
func (t *settings) saveOffice(office, user string) error {
	if err := t.s.st.SetMeta("office", strings.TrimSpace(office)); err != nil {
		return err
	}
	if err := t.s.st.SetAuthor(strings.TrimSpace(user)); err != nil {
		return err
	}
	t.s.win.SetTitle(t.s.title())
	return nil
}

// setLanguage makes l ("vi" or "en") the interface language, remembers it
// for the next start and rebuilds the window in it.
func (t *settings) setLanguage(l string) error {
	got, err := SetupLanguage(l)
	if err != nil {
		return err
	}
	t.s.app.Preferences().SetString(prefLanguage, l)
	t.s.lang = got
	t.refresh()
	return nil
}

// setStyle makes st the number style, remembers it and rebuilds the window.
func (t *settings) setStyle(st number.Style) {
	t.s.app.Preferences().SetString(prefNumberStyle, st.String())
	t.s.style = st
	t.refresh()
}

// parseMaxJump reads the percentage in the session's number style.
func (t *settings) parseMaxJump(text string) (float64, error) {
	c, err := number.Parse(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(text), "%")), t.s.style)
	if err != nil {
		return 0, errors.New(msg.Text(err, t.s.lang))
	}
	v := number.Float(c)
	if v <= 0 {
		return 0, errors.New(lang.L("Give a percentage above 0."))
	}
	return v, nil
}

// parseKeep reads the number of backups kept: 1 to 1000.
func parseKeep(text string) (int, error) {
	n, err := strconv.Atoi(strings.TrimSpace(text))
	if err != nil || n < 1 || n > 1000 {
		return 0, errors.New(lang.X("settings.keepBad", "Give a number from 1 to 1000."))
	}
	return n, nil
}

// samePath reports whether a and b name the same file.
func samePath(a, b string) bool {
	if fa, err := os.Stat(a); err == nil {
		if fb, err := os.Stat(b); err == nil {
			return os.SameFile(fa, fb)
		}
	}
	aa, _ := filepath.Abs(a)
	ab, _ := filepath.Abs(b)
	return aa == ab
}

// openDatabase opens the Chỉ Số database at path in place of the current
// one, which stays open when path cannot be used.
func (t *settings) openDatabase(path string) error {
	if abs, err := filepath.Abs(path); err == nil {
		path = abs
	}
	if samePath(path, t.s.st.Path()) {
		return nil
	}
	ctx := context.Background()
	if err := store.CheckBackup(ctx, path); err != nil {
		return err
	}
	st, err := store.Open(path)
	if err != nil {
		return msg.Wrap(err, "không mở được "+path, "cannot open "+path)
	}
	return t.s.switchTo(st)
}

// closeStore closes st once no computation runs on it.
func (t *settings) closeStore(st *store.Store) {
	t.s.compute(func(*calc.Engine) error { return st.Close() })
}

// backup writes a copy of the database to path, which must not exist.
func (t *settings) backup(path string) error {
	if samePath(path, t.s.st.Path()) {
		return msg.New("không thể sao lưu vào chính tệp đang dùng", "cannot back up onto the file in use")
	}
	return t.s.st.Backup(context.Background(), path)
}

// restore replaces the database with the backup at path, after checking
// that the backup is a sound Chỉ Số database; the replaced file is kept as
// <database>.before-restore. The current data are untouched when the backup
// is refused.
func (t *settings) restore(path string) error {
	target := t.s.st.Path()
	if samePath(path, target) {
		return msg.New("đây là tệp đang dùng, không phải bản sao lưu", "this is the file in use, not a backup")
	}
	ctx := context.Background()
	if err := store.CheckBackup(ctx, path); err != nil {
		return err
	}
	t.closeStore(t.s.st)
	restoreErr := store.RestoreBackup(ctx, path, target)
	if restoreErr != nil {
		// A failed last rename leaves only the kept file: put it back.
		if _, err := os.Stat(target); errors.Is(err, os.ErrNotExist) {
			os.Rename(target+".before-restore", target)
		}
	}
	st, err := store.Open(target)
	if err != nil {
		return errors.Join(restoreErr, msg.Wrap(err, "không mở lại được "+target+", hãy khởi động lại chương trình",
			"cannot open "+target+" again, please restart the program"))
	}
	t.s.st = st
	err = t.s.reload()
	t.refresh()
	return errors.Join(restoreErr, err)
}

// keptName is the name the replaced database keeps after a restore.
func keptName(target string) string { return filepath.Base(target) + ".before-restore" }

// backupName returns a file name for a backup in dir made on day that no
// file has yet: chiso-YYYY-MM-DD.db, else chiso-YYYY-MM-DD-2.db, …
func backupName(dir string, day time.Time) string {
	base := "chiso-" + day.Format("2006-01-02")
	name := base + ".db"
	for i := 2; ; i++ {
		if _, err := os.Stat(filepath.Join(dir, name)); errors.Is(err, os.ErrNotExist) {
			return name
		}
		name = fmt.Sprintf("%s-%d.db", base, i)
	}
}

// folderOf returns the folder of path for a file dialog to start in.
func folderOf(path string) fyne.ListableURI {
	l, err := storage.ListerForURI(storage.NewFileURI(filepath.Dir(path)))
	if err != nil {
		return nil
	}
	return l
}

// askOpen lets the user choose another database file and opens it.
func (t *settings) askOpen() {
	d := t.s.openDialog(func(r fyne.URIReadCloser) error {
		return t.openDatabase(r.URI().Path())
	})
	d.SetTitleText(lang.L("Open a Chỉ Số database"))
	d.SetFilter(storage.NewExtensionFileFilter([]string{".db"}))
	if l := folderOf(t.s.st.Path()); l != nil {
		d.SetLocation(l)
	}
	d.Resize(fyne.NewSize(900, 600))
	d.Show()
}

// askBackup asks for the folder and the name of the backup, then writes it
// in the background.
//
// Fyne's file save dialog creates (truncates) the chosen file before the
// program sees it, which would destroy the database if the user picked the
// file in use; hence a folder chooser and a file name that must be new.
func (t *settings) askBackup() {
	dir := filepath.Dir(t.s.st.Path())
	folder := widget.NewEntry()
	folder.SetText(dir)
	name := widget.NewEntry()
	name.SetText(backupName(dir, time.Now()))
	name.Validator = func(n string) error {
		n = strings.TrimSpace(n)
		if n == "" || strings.ContainsAny(n, `/\`) {
			return errors.New(lang.L("Give a file name."))
		}
		if _, err := os.Stat(filepath.Join(folder.Text, n)); err == nil {
			return errors.New(lang.L("A file with this name exists already."))
		}
		return nil
	}
	folder.OnChanged = func(string) { name.Validate() }
	browse := widget.NewButtonWithIcon("", theme.FolderOpenIcon(), func() {
		fd := dialog.NewFolderOpen(func(l fyne.ListableURI, err error) {
			if err == nil && l != nil {
				folder.SetText(l.Path())
			}
		}, t.s.win)
		if l := folderOf(filepath.Join(folder.Text, "x")); l != nil {
			fd.SetLocation(l)
		}
		fd.Resize(fyne.NewSize(900, 600))
		fd.Show()
	})
	items := []*widget.FormItem{
		widget.NewFormItem(lang.L("Folder"), container.NewBorder(nil, nil, nil, browse, folder)),
		widget.NewFormItem(lang.X("settings.fileName", "File name"), name),
	}
	d := dialog.NewForm(lang.L("Back up the database"), lang.X("settings.backUp", "Back up"), lang.L("Cancel"), items, func(ok bool) {
		if !ok {
			return
		}
		path := filepath.Join(folder.Text, strings.TrimSpace(name.Text))
		t.runBackup(path)
	}, t.s.win)
	d.Resize(fyne.NewSize(640, d.MinSize().Height))
	d.Show()
}

// runBackup writes the backup off the UI goroutine behind a progress
// dialog and says how it went.
func (t *settings) runBackup(path string) {
	bar := widget.NewProgressBarInfinite()
	wait := dialog.NewCustomWithoutButtons(lang.L("Backing up…"), bar, t.s.win)
	wait.Show()
	t.s.background(func() {
		err := t.backup(path)
		fyne.Do(func() {
			wait.Hide()
			bar.Stop()
			if err != nil {
				t.s.showError(err)
				return
			}
			dialog.ShowInformation(lang.L("Backup done"),
				lang.L("The database was backed up to {{.File}}.", map[string]any{"File": path}), t.s.win)
		})
	})
}

// askRestore lets the user choose a backup, checks it, asks for a
// confirmation and restores it.
func (t *settings) askRestore() {
	d := t.s.openDialog(func(r fyne.URIReadCloser) error {
		path := r.URI().Path()
		if samePath(path, t.s.st.Path()) {
			return msg.New("đây là tệp đang dùng, không phải bản sao lưu", "this is the file in use, not a backup")
		}
		if err := store.CheckBackup(context.Background(), path); err != nil {
			return err
		}
		t.confirmRestore(path)
		return nil
	})
	d.SetTitleText(lang.L("Choose a backup to restore"))
	d.SetFilter(storage.NewExtensionFileFilter([]string{".db"}))
	if l := folderOf(t.s.st.Path()); l != nil {
		d.SetLocation(l)
	}
	d.Resize(fyne.NewSize(900, 600))
	d.Show()
}

// confirmRestore asks before the current data are replaced by the backup.
func (t *settings) confirmRestore(path string) {
	text := widget.NewLabel(lang.L("The current data will be replaced by the backup {{.File}}. Changes made since that backup will no longer be shown. The replaced file is kept as {{.Kept}}.",
		map[string]any{"File": path, "Kept": keptName(t.s.st.Path())}))
	text.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustomConfirm(lang.L("Restore from the backup?"), lang.X("settings.restore", "Restore"), lang.L("Cancel"), text, func(ok bool) {
		if !ok {
			return
		}
		if err := t.restore(path); err != nil {
			t.s.showError(err)
			return
		}
		dialog.ShowInformation(lang.L("Restore done"),
			lang.L("The data were restored from {{.File}}.", map[string]any{"File": filepath.Base(path)}), t.s.win)
	}, t.s.win)
	d.SetConfirmImportance(widget.DangerImportance)
	d.Resize(fyne.NewSize(560, 0))
	d.Show()
}

// maxWidth lays its objects out on top of each other, at most width wide,
// on the left of the space given.
type maxWidth struct{ width float32 }

func (m *maxWidth) MinSize(objects []fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	for _, o := range objects {
		s = s.Max(o.MinSize())
	}
	return s.Add(fyne.NewSquareSize(2 * theme.Padding()))
}

func (m *maxWidth) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	p := theme.Padding()
	w := min(size.Width-2*p, m.width)
	for _, o := range objects {
		h := max(size.Height-2*p, o.MinSize().Height)
		o.Move(fyne.NewPos(p, p))
		o.Resize(fyne.NewSize(w, h))
	}
}
