// Package cycle is the reporting cycle of Chỉ Số as offices see it: where
// each area's report of a form stands (not started, in progress, submitted
// on time or late, returned, approved), which units are missing or late
// for a form and a period ("48/54 đơn vị đã gửi, 45 đúng hạn") with their
// last sync, and what to check before sending a report. The steps
// themselves are recorded and synced by package store; who may take them
// is package replica's to say.
package cycle

import (
	"context"
	"fmt"
	"sort"
	"time"

	"chiso/data/calc"
	"chiso/data/catalog"
	"chiso/data/msg"
	"chiso/data/period"
	"chiso/data/replica"
	"chiso/data/store"
	"chiso/data/vntext"
)

// State is where an area's report of a form stands.
type State int

// The states of a report, in the order of the cycle.
const (
	NotStarted      State = iota // no value entered, never sent
	InProgress                   // values entered (or reopened after an approval), not sent
	Returned                     // sent back by the approver with a remark
	SubmittedLate                // sent after the deadline, awaiting the approver
	SubmittedOnTime              // sent by the deadline, awaiting the approver
	Approved                     // approved: its figures are locked
)

// Label names the state in lang ("vi" or "en").
func (s State) Label(lang string) string {
	vi := [...]string{"Chưa bắt đầu", "Đang nhập", "Bị trả lại", "Đã gửi, trễ hạn", "Đã gửi đúng hạn", "Đã duyệt"}
	en := [...]string{"Not started", "In progress", "Returned", "Submitted late", "Submitted on time", "Approved"}
	if lang == "en" {
		return en[s]
	}
	return vi[s]
}

// Sent reports whether the report is in: submitted or approved.
func (s State) Sent() bool { return s >= SubmittedLate }

// Vietnam is the time zone deadlines are kept in (UTC+7, no summer time).
var Vietnam = time.FixedZone("ICT", 7*3600)

// OnTime reports whether a report sent at t met the deadline (the last
// day on which it is on time, as Deadline returns it): sent before the end
// of that day in Vietnam.
func OnTime(t, deadline time.Time) bool {
	end := time.Date(deadline.Year(), deadline.Month(), deadline.Day()+1, 0, 0, 0, 0, Vietnam)
	return t.Before(end)
}

// StateOf returns the state of a report from its form's steps and whether
// values were entered; the deadline (ok false when none) decides on time
// or late, by the first submission.
func StateOf(fs store.FormState, hasValues bool, deadline time.Time, hasDeadline bool) State {
	switch fs.Current.Action {
	case store.Approve:
		return Approved
	case store.Return:
		return Returned
	case store.Submit:
		if hasDeadline && !OnTime(fs.FirstSubmit.Time(), deadline) {
			return SubmittedLate
		}
		return SubmittedOnTime
	}
	if hasValues || fs.Current.Action == store.Reopen {
		return InProgress
	}
	return NotStarted
}

// Row is one reporting unit's report of a form for a period.
type Row struct {
	Area     catalog.Area
	State    State
	Form     store.FormState
	Late     bool   // sent late, or not sent and the deadline has passed
	Held     int    // changes kept aside by the approval, awaiting the approver
	LastSync string // when its office's files last came in (UTC), "" if never
}

// Summary is the reporting status of a form for a period under an area.
type Summary struct {
	DataSet     catalog.DataSet
	Period      period.Period
	Parent      catalog.Area
	Deadline    time.Time // zero when the data set sets none
	HasDeadline bool
	Rows        []Row // the reporting units, by state then name
	Sent        int   // submitted or approved
	OnTime      int   // of those sent, by the deadline
	Approved    int
	Returned    int
}

// Expected is the number of units that should report.
func (s *Summary) Expected() int { return len(s.Rows) }

// Text is the count as a province reads it: "48/54 đơn vị đã gửi, 45 đúng
// hạn" (without a deadline, the second half is left out).
func (s *Summary) Text(lang string) string {
	if lang == "en" {
		t := fmt.Sprintf("%d/%d units have sent", s.Sent, s.Expected())
		if s.HasDeadline {
			t += fmt.Sprintf(", %d on time", s.OnTime)
		}
		return t
	}
	t := fmt.Sprintf("%d/%d đơn vị đã gửi", s.Sent, s.Expected())
	if s.HasDeadline {
		t += fmt.Sprintf(", %d đúng hạn", s.OnTime)
	}
	return t
}

// Missing returns the units that have not sent the report.
func (s *Summary) Missing() []Row {
	var out []Row
	for _, r := range s.Rows {
		if !r.State.Sent() {
			out = append(out, r)
		}
	}
	return out
}

// LateRows returns the units that sent late or are overdue.
func (s *Summary) LateRows() []Row {
	var out []Row
	for _, r := range s.Rows {
		if r.Late {
			out = append(out, r)
		}
	}
	return out
}

// Units returns the reporting units of a form under area for period p:
// the lowest areas below it valid on the last day of p (the commune
// level), or the area itself when it has none below.
func Units(en *calc.Engine, area string, p period.Period) []catalog.Area {
	var out []catalog.Area
	var walk func(string)
	walk = func(a string) {
		children := en.Children(a, p)
		if len(children) == 0 {
			if x := en.Area(a); x != nil {
				out = append(out, *x)
			}
			return
		}
		for _, c := range children {
			walk(c)
		}
	}
	walk(area)
	return out
}

// Status computes the reporting status of data set ds for period p for
// the reporting units under area, as of now.
func Status(ctx context.Context, st *store.Store, en *calc.Engine, ds *catalog.DataSet, area string, p period.Period, now time.Time) (*Summary, error) {
	parent := en.Area(area)
	if parent == nil {
		return nil, msg.New("không có địa bàn mã "+area, "unknown area "+area)
	}
	s := &Summary{DataSet: *ds, Period: p, Parent: *parent}
	s.Deadline, s.HasDeadline = ds.Deadline(p)
	states, err := st.FormStates(ctx, ds.Code, p.String())
	if err != nil {
		return nil, err
	}
	units := Units(en, area, p)
	codes := make([]string, len(units))
	for i, a := range units {
		codes[i] = a.Code
	}
	filled, err := st.AreasWithValues(ctx, p.String(), ds.Elements, codes)
	if err != nil {
		return nil, err
	}
	aside, err := st.SetAside(ctx, "", p.String())
	if err != nil {
		return nil, err
	}
	held := map[string]int{}
	for _, c := range aside {
		if c.Held() && c.Form.DataSet == ds.Code {
			held[c.Form.Area]++
		}
	}
	syncs, err := lastSyncs(ctx, st)
	if err != nil {
		return nil, err
	}
	overdue := s.HasDeadline && !OnTime(now, s.Deadline)
	for _, a := range units {
		fs := states[a.Code]
		r := Row{Area: a, Form: fs, Held: held[a.Code], LastSync: lastSyncOf(en, syncs, a.Code)}
		r.State = StateOf(fs, filled[a.Code], s.Deadline, s.HasDeadline)
		r.Late = r.State == SubmittedLate || (r.State == Approved && s.HasDeadline && !OnTime(fs.FirstSubmit.Time(), s.Deadline)) ||
			(!r.State.Sent() && overdue)
		if r.State.Sent() {
			s.Sent++
			if !r.Late {
				s.OnTime++
			}
		}
		switch r.State {
		case Approved:
			s.Approved++
		case Returned:
			s.Returned++
		}
		s.Rows = append(s.Rows, r)
	}
	sort.SliceStable(s.Rows, func(i, j int) bool {
		if s.Rows[i].State != s.Rows[j].State {
			return s.Rows[i].State < s.Rows[j].State
		}
		return vntext.Less(s.Rows[i].Area.Name, s.Rows[j].Area.Name)
	})
	return s, nil
}

// lastSyncs returns, for each area certified to an office other than the
// province, when a file of that office last came in.
func lastSyncs(ctx context.Context, st *store.Store) (map[string]string, error) {
	certs, err := replica.Certificates(ctx, st)
	if err != nil {
		return nil, err
	}
	out := map[string]string{}
	for _, c := range certs {
		if c.Role == replica.Province || c.ReceivedAt == "" {
			continue
		}
		for _, a := range c.Areas {
			out[a] = max(out[a], c.ReceivedAt)
		}
	}
	return out, nil
}

// lastSyncOf is the last sync of the offices certified for area or an
// area above it.
func lastSyncOf(en *calc.Engine, syncs map[string]string, area string) string {
	last := ""
	for a, n := area, 0; a != "" && n < 64; n++ {
		last = max(last, syncs[a])
		x := en.Area(a)
		if x == nil {
			break
		}
		a = x.Parent
	}
	return last
}
