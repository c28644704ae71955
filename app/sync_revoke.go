package app

import (
	"context"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"chiso/data/replica"
)

// certsPart lists, at the province, the office certificates it issued or
// received files signed with, each with a button to revoke it (a lost or
// stolen laptop).
func (y *syncUI) certsPart() fyne.CanvasObject {
	cells := []fyne.CanvasObject{boldLabel(lang.X("sync.colOffice", "Office")), boldLabel(lang.X("sync.colAreas", "Areas")),
		boldLabel(lang.X("sync.colDevices", "Computers")), boldLabel(lang.X("sync.colReceived", "Last received")), widget.NewLabel("")}
	for _, c := range y.data.certs {
		office := widget.NewLabel(c.Office)
		office.Truncation = fyne.TextTruncateEllipsis
		areas := widget.NewLabel(y.areaNames(c.Areas))
		areas.Truncation = fyne.TextTruncateEllipsis
		received := lang.X("cycle.never", "never")
		if c.ReceivedAt != "" {
			received = localTime(c.ReceivedAt)
		}
		var action fyne.CanvasObject
		if c.Revoked != nil {
			l := widget.NewLabel(lang.L("revoked {{.Date}}", map[string]any{"Date": localTime(c.Revoked.At)}))
			l.Importance = widget.DangerImportance
			action = l
		} else {
			serial, name := c.Serial, c.Office
			b := widget.NewButtonWithIcon(lang.X("sync.revoke", "Revoke…"), theme.CancelIcon(), func() { y.askRevoke(serial, name) })
			b.Importance = widget.LowImportance
			action = b
		}
		cells = append(cells, office, areas, widget.NewLabel(strconv.Itoa(len(c.Devices))), widget.NewLabel(received), action)
	}
	return container.NewVBox(syncHeading(lang.X("sync.certs", "Office certificates")),
		wrapped(lang.X("sync.certsHint", "A certificate revoked (a lost or stolen laptop) travels with the catalog at the next sync: every office then refuses the files signed with it after the last one the province had received, and keeps the earlier ones."), widget.MediumImportance),
		container.New(&columns{widths: []float32{0.3, 0.26, 0.1, 0.16, 0.18}}, cells...))
}

// askRevoke asks why, then revokes the certificate with serial.
func (y *syncUI) askRevoke(serial, office string) {
	reason := widget.NewEntry()
	reason.SetPlaceHolder(lang.X("sync.revokeReason", "Why (e.g. laptop stolen on 02/12)"))
	d := dialog.NewForm(lang.L("Revoke the certificate of {{.Office}}?", map[string]any{"Office": office}),
		lang.X("sync.revokeOK", "Revoke"), lang.L("Cancel"),
		[]*widget.FormItem{{Widget: wrapped(lang.X("sync.revokeWarn", "The office can no longer send anything: it needs a new office file. This cannot be undone."), widget.WarningImportance)},
			{Text: lang.X("sync.revokeWhy", "Reason"), Widget: reason}},
		func(ok bool) {
			if ok {
				if err := y.revoke(serial, reason.Text); err != nil {
					y.s.showError(err)
				}
			}
		}, y.s.win)
	d.Resize(fyne.NewSize(520, 0))
	d.Show()
}

// revoke revokes the certificate with serial and shows the screen again.
func (y *syncUI) revoke(serial, reason string) error {
	if _, err := replica.Revoke(context.Background(), y.s.st, serial, strings.TrimSpace(reason)); err != nil {
		return err
	}
	y.refresh()
	return nil
}
