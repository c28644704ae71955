package main

import (
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"chiso/data/atomicfile"
	"chiso/data/calc"
	"chiso/data/catalog"
	"chiso/data/cycle"
	"chiso/data/msg"
	"chiso/data/number"
	"chiso/data/period"
	"chiso/data/replica"
	"chiso/data/store"
)

const cycleUsage = `
Gửi và duyệt báo cáo / the reporting cycle:
  chiso submit  [--db F] --dataset D --area A --period P [--comment C]
                                               gửi báo cáo: kiểm tra các quy tắc trước; nếu có lỗi, cần --comment
                                               giải thích để vẫn gửi
  chiso return  [--db F] --dataset D --area A --period P --comment C   (đơn vị cấp trên) trả lại kèm nhận xét
  chiso approve [--db F] --dataset D --area A --period P [--comment C] (đơn vị cấp trên) duyệt: khóa số liệu
  chiso reopen  [--db F] --dataset D --area A --period P [--comment C] mở lại biểu đã duyệt (nhận các thay đổi
                                               bị giữ lại)
  chiso dismiss [--db F] --dataset D --area A --period P --change ID[,ID…]   bỏ các thay đổi bị giữ lại
  chiso status  [--db F] --dataset D --period P [--area A] [-o FILE.csv]
                                               "48/54 đơn vị đã gửi, 45 đúng hạn": trạng thái từng đơn vị, đơn vị
                                               chưa gửi, trễ hạn, lần đồng bộ cuối; với một xã: lịch sử và thay
                                               đổi bị giữ lại
  chiso revoke  [--db F] --serial S [--reason R] | --list
                                               (tỉnh) thu hồi chứng thư của một đơn vị (mất máy)
`

// formFlags are the flags naming a form: data set, area, period.
type formFlags struct{ dataset, area, period *string }

func (c *cli) formFlags() formFlags {
	return formFlags{
		dataset: c.fs.String("dataset", "", "data set (form) code"),
		area:    c.fs.String("area", "", "area code"),
		period:  c.fs.String("period", "", "period (2026, 2026Q1, 202601)"),
	}
}

// form checks the flags and returns the form they name, with the data set.
func (f formFlags) form(cat *catalog.Catalog, needArea bool) (store.Form, *catalog.DataSet, period.Period, error) {
	var ds *catalog.DataSet
	for i := range cat.DataSets {
		if cat.DataSets[i].Code == *f.dataset {
			ds = &cat.DataSets[i]
		}
	}
	if ds == nil {
		return store.Form{}, nil, period.Period{}, msg.New(fmt.Sprintf("không có biểu mã %q (--dataset)", *f.dataset), fmt.Sprintf("unknown data set %q (--dataset)", *f.dataset))
	}
	p, err := parsePeriod(*f.period)
	if err != nil {
		return store.Form{}, nil, p, err
	}
	if t, _ := period.ParseType(ds.PeriodType); t != p.Type {
		return store.Form{}, nil, p, msg.New(fmt.Sprintf("biểu %s nhập theo kỳ %s, không phải %s", ds.Code, ds.PeriodType, p),
			fmt.Sprintf("data set %s is entered by %s, not %s", ds.Code, ds.PeriodType, p))
	}
	if needArea && *f.area == "" {
		return store.Form{}, nil, p, msg.New("cần --area", "want --area")
	}
	return store.Form{DataSet: ds.Code, Area: *f.area, Period: p.String()}, ds, p, nil
}

// cycleStep runs submit, return, approve, reopen and dismiss.
func (c *cli) cycleStep(step store.Action) func([]string) error {
	return func(args []string) error {
		ff := c.formFlags()
		comment := c.fs.String("comment", "", "comment (the remark of a return)")
		changes := c.fs.String("change", "", "dismiss: the changes kept aside to dismiss, writer:seq[,…]")
		if err := c.parse(args, 0); err != nil {
			return err
		}
		st, en, err := c.openEngine()
		if err != nil {
			return err
		}
		defer st.Close()
		ctx := context.Background()
		f, ds, p, err := ff.form(en.Catalog, true)
		if err != nil {
			return err
		}
		if en.Area(f.Area) == nil {
			return msg.New(fmt.Sprintf("không có địa bàn mã %q", f.Area), fmt.Sprintf("unknown area code %q", f.Area))
		}
		var dismiss []store.OpID
		if step == store.Dismiss {
			for _, s := range strings.Split(*changes, ",") {
				id, err := store.ParseOpID(strings.TrimSpace(s))
				if err != nil {
					return msg.New("--change: mã thay đổi dạng máy:số (xem chiso status)", "--change: change ids writer:seq (see chiso status)")
				}
				dismiss = append(dismiss, id)
			}
		}
		if step == store.Submit {
			chk, err := cycle.Validate(en, ds, f.Area, p)
			if err != nil {
				return err
			}
			style := c.numberStyle()
			for _, l := range chk.Lines(c.lang, style) {
				fmt.Fprintln(c.stdout, l)
			}
			if !chk.OK() && strings.TrimSpace(*comment) == "" {
				return msg.New("báo cáo chưa gửi: số liệu vi phạm quy tắc kiểm tra; hãy sửa, hoặc gửi kèm giải thích bằng --comment",
					"the report was not sent: its values break a validation rule; fix them, or send it with an explanation in --comment")
			}
		}
		ev, err := cycle.Take(ctx, st, en.Catalog, f, step, *comment, dismiss)
		if err != nil {
			return err
		}
		done := map[store.Action][2]string{
			store.Submit:  {"Đã gửi báo cáo", "Report sent"},
			store.Return:  {"Đã trả lại báo cáo", "Report returned"},
			store.Approve: {"Đã duyệt báo cáo; số liệu bị khóa", "Report approved; its figures are locked"},
			store.Reopen:  {"Đã mở lại báo cáo", "Report reopened"},
			store.Dismiss: {"Đã bỏ các thay đổi bị giữ lại", "Changes kept aside dismissed"},
		}[step]
		fmt.Fprintf(c.stdout, "%s: %s %s %s (%s); %s\n", c.say(done[0], done[1]), ds.Code, f.Area, p.Label(c.lang), ev.ID,
			c.say("sẽ được gửi đi ở lần đồng bộ tới", "it is sent at the next sync"))
		return nil
	}
}

// numberStyle is the number style of the language of messages.
func (c *cli) numberStyle() number.Style {
	if c.lang == "en" {
		return number.English
	}
	return number.Vietnamese
}

// when shows a stored UTC time in local time.
func when(stored string) string {
	for _, layout := range []string{"2006-01-02T15:04:05.000Z", time.RFC3339} {
		if t, err := time.Parse(layout, stored); err == nil {
			return t.Local().Format("02/01/2006 15:04")
		}
	}
	return stored
}

func (c *cli) status(args []string) error {
	ff := c.formFlags()
	out := c.fs.String("o", "", "write the status as CSV (UTF-8 with BOM) to this file")
	if err := c.parse(args, 0); err != nil {
		return err
	}
	st, en, err := c.openEngine()
	if err != nil {
		return err
	}
	defer st.Close()
	ctx := context.Background()
	f, ds, p, err := ff.form(en.Catalog, false)
	if err != nil {
		return err
	}
	if f.Area == "" {
		if id, err := replica.LoadIdentity(st); err == nil && len(id.Cert.Areas) > 0 {
			f.Area = id.Cert.Areas[0]
		} else {
			return msg.New("cần --area", "want --area")
		}
	}
	s, err := cycle.Status(ctx, st, en, ds, f.Area, p, time.Now())
	if err != nil {
		return err
	}
	if *out != "" {
		if err := atomicfile.Write(*out, "", func(w io.Writer) error { return c.statusCSV(w, s) }); err != nil {
			return msg.Wrap(err, "không ghi được "+*out, "cannot write "+*out)
		}
		fmt.Fprintln(c.stdout, s.Text(c.lang))
		return nil
	}
	return c.printStatus(ctx, st, en, s)
}

// printStatus prints the summary line and one line per unit; for a single
// unit also its history and the changes kept aside.
func (c *cli) printStatus(ctx context.Context, st *store.Store, en *calc.Engine, s *cycle.Summary) error {
	head := fmt.Sprintf("%s — %s, %s", pick(c.lang, s.DataSet.NameVI, s.DataSet.NameEN), s.Parent.Name, s.Period.Label(c.lang))
	if s.HasDeadline {
		head += c.say(" — hạn nộp ", " — due ") + s.Deadline.Format("02/01/2006")
	}
	fmt.Fprintln(c.stdout, head)
	fmt.Fprintf(c.stdout, "%s (%s %d, %s %d)\n", s.Text(c.lang), c.say("đã duyệt", "approved"), s.Approved, c.say("bị trả lại", "returned"), s.Returned)
	tw := tabwriter.NewWriter(c.stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, c.say("Mã\tĐịa bàn\tTrạng thái\tGửi lần đầu\tBước cuối\tĐồng bộ lần cuối\tGhi chú",
		"Code\tArea\tState\tFirst sent\tLast step\tLast sync\tNote"))
	for _, r := range s.Rows {
		sent, last, sync := "", "", c.say("chưa lần nào", "never")
		if r.Form.FirstSubmit.Action != "" {
			sent = when(r.Form.FirstSubmit.Time().Format(time.RFC3339))
		}
		if r.Form.Current.Action != "" {
			last = r.Form.Current.Author + ", " + when(r.Form.Current.At)
		}
		if r.LastSync != "" {
			sync = when(r.LastSync)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", r.Area.Code, r.Area.Name, r.State.Label(c.lang), sent, last, sync, c.rowNote(r))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if len(s.Rows) != 1 || s.Rows[0].Area.Code != s.Parent.Code {
		return nil
	}
	f := store.Form{DataSet: s.DataSet.Code, Area: s.Parent.Code, Period: s.Period.String()}
	h, err := st.FormHistory(ctx, f)
	if err != nil {
		return err
	}
	for _, e := range h {
		fmt.Fprintf(c.stdout, "  %s  %s  %s (%s)  %s\n", when(e.At), stepLabel(e.Action, c.lang), e.Author, e.Office, e.Comment)
	}
	aside, err := st.SetAside(ctx, f.Area, f.Period)
	if err != nil {
		return err
	}
	for _, a := range aside {
		if a.Form.DataSet != "" && a.Form.DataSet != f.DataSet {
			continue
		}
		fmt.Fprintf(c.stdout, "  %s %s: %s → %s (%s, %s, %s) %s\n", c.say("giữ lại", "kept aside"), a.Element+dotCategory(a.Category),
			showValue(a.Shown, c.numberStyle()), showValue(a.Value, c.numberStyle()), a.Author, when(a.ChangedAt), a.ID, a.Reason)
	}
	return nil
}

// rowNote says what else matters about a unit: late, the remark of a
// return, changes kept aside.
func (c *cli) rowNote(r cycle.Row) string {
	var notes []string
	if r.Late {
		if r.State.Sent() {
			notes = append(notes, c.say("trễ hạn", "late"))
		} else {
			notes = append(notes, c.say("quá hạn", "overdue"))
		}
	}
	if r.State == cycle.Returned && r.Form.Current.Comment != "" {
		notes = append(notes, "“"+r.Form.Current.Comment+"”")
	}
	if r.Held > 0 {
		notes = append(notes, fmt.Sprintf(c.say("%d thay đổi bị giữ lại", "%d changes kept aside"), r.Held))
	}
	if r.Form.Concurrent > 1 {
		notes = append(notes, c.say("các bước đồng thời", "concurrent steps"))
	}
	return strings.Join(notes, "; ")
}

func (c *cli) statusCSV(w io.Writer, s *cycle.Summary) error {
	if _, err := io.WriteString(w, "\ufeff"); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	cw.Write([]string{"area", "name", "state", "late", "first_sent", "last_step", "by", "at", "comment", "kept_aside", "last_sync"})
	for _, r := range s.Rows {
		sent := ""
		if r.Form.FirstSubmit.Action != "" {
			sent = r.Form.FirstSubmit.Time().Format(time.RFC3339)
		}
		late := "0"
		if r.Late {
			late = "1"
		}
		cw.Write([]string{r.Area.Code, r.Area.Name, r.State.Label(c.lang), late, sent, string(r.Form.Current.Action),
			r.Form.Current.Author, r.Form.Current.At, r.Form.Current.Comment, fmt.Sprint(r.Held), r.LastSync})
	}
	cw.Flush()
	return cw.Error()
}

// stepLabel names a step of the cycle.
func stepLabel(a store.Action, lang string) string {
	vi := map[store.Action]string{store.Submit: "Gửi báo cáo", store.Return: "Trả lại", store.Approve: "Duyệt", store.Reopen: "Mở lại", store.Dismiss: "Bỏ thay đổi"}
	en := map[store.Action]string{store.Submit: "Submitted", store.Return: "Returned", store.Approve: "Approved", store.Reopen: "Reopened", store.Dismiss: "Dismissed changes"}
	if lang == "en" {
		return en[a]
	}
	return vi[a]
}

func dotCategory(c string) string {
	if c == "" {
		return ""
	}
	return "." + c
}

func showValue(v string, st number.Style) string {
	if v == "" {
		return "—"
	}
	return number.Format(v, -1, st)
}

func pick(language, vi, en string) string {
	if language == "en" && en != "" {
		return en
	}
	return vi
}

func (c *cli) revoke(args []string) error {
	serial := c.fs.String("serial", "", "serial of the certificate to revoke")
	reason := c.fs.String("reason", "", "why (a lost laptop…)")
	list := c.fs.Bool("list", false, "list the office certificates known")
	if err := c.parse(args, 0); err != nil {
		return err
	}
	st, err := c.open()
	if err != nil {
		return err
	}
	defer st.Close()
	ctx := context.Background()
	if *list || *serial == "" {
		certs, err := replica.Certificates(ctx, st)
		if err != nil {
			return err
		}
		tw := tabwriter.NewWriter(c.stdout, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, c.say("Số hiệu\tĐơn vị\tĐịa bàn\tSố máy\tNhận lần cuối\tThu hồi", "Serial\tOffice\tAreas\tDevices\tLast received\tRevoked"))
		for _, oc := range certs {
			revoked := ""
			if oc.Revoked != nil {
				revoked = when(oc.Revoked.At)
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%s\t%s\n", oc.Serial, oc.Office, strings.Join(oc.Areas, ","), len(oc.Devices), when(oc.ReceivedAt), revoked)
		}
		if err := tw.Flush(); err != nil {
			return err
		}
		if *serial == "" && !*list {
			return msg.New("cần --serial (số hiệu ở bảng trên)", "want --serial (from the list above)")
		}
		return nil
	}
	rev, err := replica.Revoke(ctx, st, *serial, *reason)
	if err != nil {
		return err
	}
	fmt.Fprintf(c.stdout, c.say("Đã thu hồi chứng thư %s của %s. Việc thu hồi được gửi đi cùng danh mục ở lần đồng bộ tới.\n",
		"Revoked the certificate %s of %s. The revocation goes out with the catalog at the next sync.\n"), rev.Serial, rev.Office)
	for _, cut := range rev.Cut {
		fmt.Fprintf(c.stdout, c.say("  máy %s: nhận đến tệp %d; các tệp sau bị từ chối\n", "  device %s: files up to %d kept; later ones are refused\n"), cut.Writer, cut.Segment)
	}
	return nil
}
