package catalog

import (
	"strconv"
	"time"

	"chiso/data/period"
)

// Deadline returns the last day on which the report of period p is on
// time (midnight UTC of that day), and false when the data set sets no
// deadline. With DueDays it is that many days after the period's last day
// (an annual form with 15 is due on 15 January of the next year, a
// December monthly form with 10 on 10 January); with DueDate it is the
// first such day of the year after the period's last day.
func (d *DataSet) Deadline(p period.Period) (time.Time, bool) {
	end := p.End()
	switch {
	case d.DueDays > 0:
		return end.AddDate(0, 0, d.DueDays), true
	case d.DueDate != "":
		md, err := time.Parse("01-02", d.DueDate)
		if err != nil {
			return time.Time{}, false
		}
		for y := end.Year(); ; y++ {
			// Normalised by time.Date: 02-29 in a common year is 1 March.
			if day := time.Date(y, md.Month(), md.Day(), 0, 0, 0, 0, time.UTC); day.After(end) {
				return day, true
			}
		}
	}
	return time.Time{}, false
}

// DueText says when a form is due, in lang: "20 ngày sau kỳ báo cáo",
// "ngày 15/01 năm sau"; "" when it sets no deadline.
func (d *DataSet) DueText(lang string) string {
	vi := lang != "en"
	switch {
	case d.DueDays > 0:
		return pick(vi, strconv.Itoa(d.DueDays)+" ngày sau kỳ báo cáo", strconv.Itoa(d.DueDays)+" days after the period")
	case d.DueDate != "":
		md, err := time.Parse("01-02", d.DueDate)
		if err != nil {
			return d.DueDate
		}
		return pick(vi, "ngày "+md.Format("02/01")+" sau kỳ báo cáo", md.Format("02/01")+" after the period")
	}
	return ""
}
