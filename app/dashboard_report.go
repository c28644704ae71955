package app

import (
	"context"
	"time"
	"unicode"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"chiso/data/calc"
	"chiso/data/catalog"
	"chiso/data/cycle"
	"chiso/data/period"
)

// reportCard is the small card of the dashboard that says, for the area
// and year shown, how many of the units below have sent the year's report
// ("Báo cáo năm 2023: 4/8 đơn vị đã gửi, 0 đúng hạn"); tapping it opens
// the reporting status.
type reportCard struct {
	s       *session
	request int
	text    *widget.Label
	card    *dashCard
	content fyne.CanvasObject
}

func newReportCard(s *session) *reportCard {
	c := &reportCard{s: s}
	c.text = widget.NewLabel("")
	c.text.TextStyle.Bold = true
	open := widget.NewLabel(lang.X("cycle.progress", "Reporting status") + " ›")
	open.Importance = widget.HighImportance
	c.card = &dashCard{lines: container.NewHBox(widget.NewIcon(theme.MailSendIcon()), c.text, open)}
	c.card.ExtendBaseWidget(c.card)
	c.content = c.card
	c.content.Hide()
	return c
}

// yearForm is the first yearly data set of the catalog, the report the
// card counts; nil when there is none.
func yearForm(c *catalog.Catalog) *catalog.DataSet {
	for i := range c.DataSets {
		if c.DataSets[i].PeriodType == "year" {
			return &c.DataSets[i]
		}
	}
	return nil
}

// load counts the reports of the area's units for the year, in the
// background; the card is hidden for an area with nothing below it.
func (c *reportCard) load(area string, year int) {
	c.request++
	request := c.request
	ds := yearForm(c.s.catalog())
	if ds == nil || !hasChildren(c.s.catalog(), area) {
		c.content.Hide()
		return
	}
	p := period.Period{Type: period.Year, Year: year}
	c.s.background(func() {
		var sum *cycle.Summary
		err := c.s.compute(func(en *calc.Engine) (err error) {
			sum, err = cycle.Status(context.Background(), c.s.st, en, ds, area, p, time.Now())
			return err
		})
		fyne.Do(func() {
			if request != c.request {
				return
			}
			if err != nil || sum.Expected() == 0 {
				c.content.Hide()
				return
			}
			c.text.SetText(lang.L("Reports {{.Period}}: {{.Count}}", map[string]any{"Period": lowerFirst(p.Label(c.s.lang)), "Count": sum.Text(c.s.lang)}))
			c.card.onTap = func() {
				if c.s.openStatus != nil {
					c.s.openStatus(ds.Code, area, p)
				}
			}
			c.content.Show()
		})
	})
}

// lowerFirst lowers the first letter of a period's label, to use it
// inside a sentence: "năm 2023", "quý I/2024".
func lowerFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToLower(r)) + s[n:]
}
