package app

// This file: the dialogs of the province's root key, which lives in its own
// file encrypted with a passphrase (never in the database): choosing the
// passphrase, exporting the key for safekeeping, restoring it on a new
// computer, and moving it out of a database of an older version.

import (
	"context"
	"errors"
	"io"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"chiso/data/msg"
	"chiso/data/replica"
	"chiso/data/rootkey"
)

// passphraseForm asks for the root key's passphrase: once to open the
// key, twice when choosing a new one.
type passphraseForm struct {
	s           *session
	pass, again *widget.Entry // again is nil unless a new passphrase is chosen
}

func newPassphraseForm(s *session, isNew bool) *passphraseForm {
	p := &passphraseForm{s: s, pass: widget.NewPasswordEntry()}
	if !isNew {
		p.pass.SetPlaceHolder(lang.X("rootkey.passHint", "The passphrase chosen when the root key was created"))
		return p
	}
	p.pass.SetPlaceHolder(lang.X("rootkey.newPassHint", "At least {{.N}} characters; a sentence is easy to remember", map[string]any{"N": rootkey.MinPassphrase}))
	p.pass.Validator = func(text string) error {
		if err := rootkey.CheckNew(text); err != nil {
			return errors.New(msg.Text(err, s.lang))
		}
		return nil
	}
	p.again = widget.NewPasswordEntry()
	p.again.Validator = func(text string) error {
		if text != p.pass.Text {
			return errors.New(lang.X("rootkey.differ", "The two passphrases differ."))
		}
		return nil
	}
	p.pass.OnChanged = func(string) { p.again.Validate() }
	return p
}

// items are the form's lines.
func (p *passphraseForm) items() []*widget.FormItem {
	items := []*widget.FormItem{widget.NewFormItem(lang.X("rootkey.pass", "Root key passphrase"), p.pass)}
	if p.again != nil {
		items = append(items, &widget.FormItem{Text: lang.X("rootkey.again", "Passphrase again"), Widget: p.again,
			HintText: lang.X("rootkey.newPassNote", "Asked for each time an office file is issued. Nobody can recover it: write it down and keep it apart from the key's copy.")})
	}
	return items
}

// value is the passphrase typed, checked when it is a new one.
func (p *passphraseForm) value() (string, error) {
	if p.again != nil {
		if err := p.pass.Validate(); err != nil {
			return "", err
		}
		if err := p.again.Validate(); err != nil {
			return "", err
		}
	}
	return p.pass.Text, nil
}

// askPassphrase shows a dialog asking for the passphrase (a new one when
// isNew), with the explanation above it, and hands it to use; an error of
// use (a wrong passphrase) is shown.
func (s *session) askPassphrase(title, explanation, confirm string, isNew bool, use func(pass string) error) {
	p := newPassphraseForm(s, isNew)
	items := p.items()
	if explanation != "" {
		items = append([]*widget.FormItem{widget.NewFormItem("", wrapped(explanation, widget.MediumImportance))}, items...)
	}
	d := dialog.NewForm(title, confirm, lang.L("Cancel"), items, func(ok bool) {
		if !ok {
			return
		}
		pass, err := p.value()
		if err == nil {
			err = use(pass)
		}
		if err != nil {
			s.showError(err)
		}
	}, s.win)
	last := p.pass
	if p.again != nil {
		last = p.again
	}
	last.OnSubmitted = func(string) { d.Submit() } // Enter in the last field confirms
	d.Resize(fyne.NewSize(640, d.MinSize().Height))
	d.Show()
	s.win.Canvas().Focus(p.pass)
}

// rootKeyWhere is the sentence saying where the root key is kept.
func rootKeyWhere(path string) string {
	return lang.X("rootkey.where", "The province root key is kept in {{.Path}}, encrypted with its passphrase, apart from the database and its backups. Export a copy for safekeeping: losing the key and its copy means issuing every office file again.",
		map[string]any{"Path": path})
}

// askExportRootKey checks the passphrase, then asks where to write the
// copy of the root key.
func (y *syncUI) askExportRootKey() {
	s := y.s
	s.askPassphrase(lang.X("rootkey.exportTitle", "Export the root key"),
		lang.X("rootkey.exportText", "The copy opens with the same passphrase. Keep it on a USB stick in a safe place, apart from the passphrase."),
		lang.X("rootkey.exportOK", "Choose where…"), false, func(pass string) error {
			if _, err := replica.UnlockRoot(s.st, s.keys, pass); err != nil {
				return err
			}
			d := s.saveSecretDialog(func(path string) error {
				if err := replica.ExportRootKey(s.st, s.keys, pass, path); err != nil {
					return err
				}
				dialog.ShowInformation(lang.X("rootkey.exportedTitle", "Root key exported"),
					lang.X("rootkey.exported", "Saved {{.File}}. Keep it safe: with its passphrase it issues office files for the whole province.", map[string]any{"File": path}), s.win)
				return nil
			})
			d.SetFileName(rootKeyFileName(y.officeName()))
			d.SetFilter(storage.NewExtensionFileFilter([]string{rootkey.Ext}))
			d.Resize(fyne.NewSize(900, 600))
			d.Show()
			return nil
		})
}

// rootKeyFileName is the suggested name of an exported root key.
func rootKeyFileName(office string) string {
	return strings.TrimSuffix(officeFileName(office), officeFileExt) + rootkey.Ext
}

// askRestoreRootKey lets the user choose an exported root key file, then
// asks its passphrase and puts it back on this computer.
func (y *syncUI) askRestoreRootKey() {
	s := y.s
	d := s.openDialog(func(r fyne.URIReadCloser) error {
		data, err := io.ReadAll(io.LimitReader(r, 1<<20))
		if err != nil {
			return err
		}
		if _, err := rootkey.Public(data); err != nil {
			return err
		}
		s.askPassphrase(lang.X("rootkey.restoreTitle", "Restore the root key"), "", lang.X("rootkey.restoreOK", "Restore"), false, func(pass string) error {
			path, err := replica.RestoreRootKey(s.st, s.keys, data, pass)
			if err != nil {
				return err
			}
			y.refresh()
			dialog.ShowInformation(lang.X("rootkey.restoredTitle", "Root key restored"), rootKeyWhere(path), s.win)
			return nil
		})
		return nil
	})
	d.SetTitleText(lang.X("rootkey.restoreTitle", "Restore the root key"))
	d.SetFilter(storage.NewExtensionFileFilter([]string{rootkey.Ext}))
	d.Resize(fyne.NewSize(900, 600))
	d.Show()
}

// askProtectRootKey asks for a new passphrase and moves the root key that
// an older version kept in the database into its own encrypted file.
func (s *session) askProtectRootKey() {
	s.askPassphrase(lang.X("rootkey.protectTitle", "Protect the province root key"),
		lang.X("rootkey.protectText", "This database still holds the province root key unencrypted, so every copy or backup of it could issue office files. Choose a passphrase: the key moves into a file of its own, encrypted, and is wiped from the database."),
		lang.X("rootkey.protectOK", "Protect the key"), true, func(pass string) error {
			path, err := replica.ProtectRootKey(context.Background(), s.st, s.keys, pass)
			if err != nil {
				return err
			}
			dialog.ShowInformation(lang.X("rootkey.protectedTitle", "Root key protected"),
				rootKeyWhere(path)+"\n\n"+lang.X("rootkey.oldBackups", "Backups of the database made before today still hold the key: delete them, or keep them as safe as the key."), s.win)
			if s.reloaded != nil {
				s.reloaded() // the sync screen shows the key's new place
			}
			return nil
		})
}
