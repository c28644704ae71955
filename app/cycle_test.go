//go:build ci

package app

import (
	"bytes"
	"context"
	"os"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"chiso/data/calc"
	"chiso/data/catalog"
	"chiso/data/cycle"
	"chiso/data/period"
	"chiso/data/store"
)

// takeStep takes a step of the cycle on st as the given author.
func takeStep(t *testing.T, s *session, area, per string, step store.Action, comment string) {
	t.Helper()
	f := store.Form{DataSet: "KTXH_XA", Area: area, Period: per}
	if _, err := cycle.Take(context.Background(), s.st, s.catalog(), f, step, comment, nil); err != nil {
		t.Fatalf("%s %s: %v", step, area, err)
	}
}

// TestEntry_SendReport: Gửi báo cáo runs the checks first; with a broken
// rule the report goes only with a comment; the bar then says it was sent
// (late: the 2024 form was due on 15 January 2025); once approved, the form
// is read-only and a change is refused with the approval named.
func TestEntry_SendReport(t *testing.T) {
	e := newTestEntry(t, "KTXH_XA", "QN_BACHE_03", "2024")
	e.s.st.SetAuthor("Lò Thị Mai")
	if got := e.report.Text; got != "Chưa gửi · quá hạn từ 15/01/2025" {
		t.Errorf("bar says %q", got)
	}
	if e.submit.Disabled() || e.submit.Text != "Gửi báo cáo" {
		t.Errorf("submit button %q disabled=%v", e.submit.Text, e.submit.Disabled())
	}
	// More households with electricity than households: a rule broken.
	for _, c := range [][2]string{{"HH_TOTAL", "100"}, {"HH_ELEC", "200"}} {
		if _, err := e.s.st.Save(context.Background(), store.Change{Element: c[0], Area: "QN_BACHE_03", Period: "2024", Value: c[1]}); err != nil {
			t.Fatal(err)
		}
	}
	e.s.compute(func(en *calc.Engine) error { en.Invalidate(e.per); return nil })
	e.load()
	test.Tap(e.submit)
	if e.submitting == nil {
		t.Fatal("no dialog to send the report")
	}
	markup := test.RenderToMarkup(e.s.win.Canvas())
	for _, want := range []string{"Báo cáo còn", "Vi phạm quy tắc", "Muốn vẫn gửi, hãy ghi lý do (bắt buộc)"} {
		if !strings.Contains(markup, want) {
			t.Errorf("the dialog lacks %q:\n%s", want, markup)
		}
	}
	e.submitting.Submit() // without a reason: refused by the form
	if st, _ := e.s.st.FormStateOf(context.Background(), store.Form{DataSet: "KTXH_XA", Area: "QN_BACHE_03", Period: "2024"}); st.Current.Action != "" {
		t.Fatal("sent without the reason the broken rule asks for")
	}
	e.submitComment.SetText("số hộ có điện gồm cả hộ kinh doanh")
	e.submitting.Submit()
	st, err := e.s.st.FormStateOf(context.Background(), store.Form{DataSet: "KTXH_XA", Area: "QN_BACHE_03", Period: "2024"})
	if err != nil || st.Current.Action != store.Submit || st.Current.Comment != "số hộ có điện gồm cả hộ kinh doanh" {
		t.Fatalf("after sending: %+v %v", st.Current, err)
	}
	if !strings.HasPrefix(e.report.Text, "Đã gửi, trễ hạn (Lò Thị Mai, ") || e.submit.Text != "Gửi lại" {
		t.Errorf("bar %q, button %q", e.report.Text, e.submit.Text)
	}

	e.s.st.SetAuthor("Cán bộ tỉnh")
	takeStep(t, e.s, "QN_BACHE_03", "2024", store.Approve, "")
	e.load()
	if !strings.HasPrefix(e.report.Text, "Đã duyệt (Cán bộ tỉnh, ") || !e.submit.Disabled() || !e.grid.ReadOnly() {
		t.Errorf("approved: bar %q, submit disabled %v, read-only %v", e.report.Text, e.submit.Disabled(), e.grid.ReadOnly())
	}
	it := e.items["POP"]
	if e.save(it, "1", "", false, store.Official, true) {
		t.Fatal("a value of an approved report was saved")
	}
	if s := e.grid.Status("POP"); !strings.Contains(s.Text, "đã được duyệt (Cán bộ tỉnh") || !strings.Contains(s.Text, "mở lại") {
		t.Errorf("refusal %q", s.Text)
	}
}

// TestReview_ReturnFixApproveReopen: the approver returns a report with a
// remark, which the office's bar shows; the office fixes a value and sends
// again; the review highlights the value changed since the last
// submission; the approver approves, then reopens.
func TestReview_ReturnFixApproveReopen(t *testing.T) {
	e := newTestEntry(t, "KTXH_XA", "QN_BACHE_03", "2024")
	s := e.s
	takeStep(t, s, "QN_BACHE_03", "2024", store.Submit, "")
	ds := datasetOf(t, s, "KTXH_XA")
	p := period.MustParse("2024")

	r := showReview(s, ds, "QN_BACHE_03", p, nil)
	if r.approve.Hidden || r.ret.Hidden || !r.reopen.Hidden {
		t.Fatalf("buttons of a sent report: approve hidden %v, return hidden %v, reopen hidden %v", r.approve.Hidden, r.ret.Hidden, r.reopen.Hidden)
	}
	test.Tap(r.ret)
	if r.ask == nil {
		t.Fatal("no remark asked")
	}
	r.ask.Submit() // no remark: refused by the form
	r.remark.SetText("Dân số thấp hơn năm trước 20%, kiểm tra lại")
	r.ask.Submit()
	if r.data.state.Current.Action != store.Return {
		t.Fatalf("after return: %s", r.data.state.Current.Action)
	}
	r.dialog.Hide()
	e.load()
	if !strings.Contains(e.report.Text, "Bị trả lại") || !strings.Contains(e.report.Text, "kiểm tra lại") {
		t.Errorf("the office's bar says %q", e.report.Text)
	}
	e.typeValue(t, "POP", "2080", "HH_TOTAL")
	if e.ask != nil {
		e.ask.Submit()
	}
	if err := e.submitReport("đã kiểm tra"); err != nil {
		t.Fatal(err)
	}

	r = showReview(s, ds, "QN_BACHE_03", p, nil)
	changed := 0
	for _, row := range r.data.rows {
		if row.changedSince {
			changed++
			if row.key != "POP" || row.value != "2.080" {
				t.Errorf("highlighted %+v", row)
			}
		}
	}
	if changed != 1 {
		t.Errorf("%d rows highlighted, want POP only", changed)
	}
	if markup := test.RenderToMarkup(s.win.Canvas()); !strings.Contains(markup, "1 số liệu đã thay đổi so với lần gửi trước") {
		t.Error("the review does not say a value changed")
	}
	test.Tap(r.approve)
	if !r.data.state.Approved() || !r.approve.Hidden || r.reopen.Hidden {
		t.Fatalf("after approval: %+v, reopen hidden %v", r.data.state.Current, r.reopen.Hidden)
	}
	test.Tap(r.reopen)
	r.remark.SetText("sửa lại số hộ")
	r.ask.Submit()
	if r.data.state.Current.Action != store.Reopen || r.approve.Hidden {
		t.Errorf("after reopening: %s", r.data.state.Current.Action)
	}
	var steps []string
	for _, h := range r.data.history {
		steps = append(steps, string(h.Action))
	}
	if got := strings.Join(steps, " "); got != "submit return submit approve reopen" {
		t.Errorf("steps %q", got)
	}
}

func datasetOf(t *testing.T, s *session, code string) *catalog.DataSet {
	t.Helper()
	for i := range s.catalog().DataSets {
		if s.catalog().DataSets[i].Code == code {
			return &s.catalog().DataSets[i]
		}
	}
	t.Fatalf("no data set %s", code)
	return nil
}

// statusDemo returns the status screen on the demo with the reports of
// the communes of Ba Chẽ for 2023: Đạp Thanh returned and sent again with
// a value fixed, Đồn Đạc approved, Minh Cầm returned, two more sent.
func statusDemo(t *testing.T) *statusUI {
	t.Helper()
	s := newTestSession(t, openDemo(t))
	s.st.SetAuthor("Cán bộ xã")
	for _, a := range []string{"QN_BACHE_01", "QN_BACHE_02", "QN_BACHE_03", "QN_BACHE_04", "QN_BACHE_05"} {
		takeStep(t, s, a, "2023", store.Submit, "")
	}
	s.st.SetAuthor("Cán bộ tỉnh")
	takeStep(t, s, "QN_BACHE_02", "2023", store.Return, "Số hộ có nước sạch chưa khớp biên bản")
	takeStep(t, s, "QN_BACHE_05", "2023", store.Return, "Thiếu số hộ có nước sạch")
	takeStep(t, s, "QN_BACHE_03", "2023", store.Approve, "")
	s.st.SetAuthor("Cán bộ xã")
	saveValue(t, s.st, "HH_WATER", "QN_BACHE_02", "2023", "530")
	takeStep(t, s, "QN_BACHE_02", "2023", store.Submit, "đã sửa theo biên bản")
	s.st.SetAuthor("Cán bộ tỉnh")
	u := newStatusUI(s)
	s.win.SetContent(u.content)
	s.win.Resize(fyne.NewSize(1366, 768))
	u.choose("KTXH_XA", "QN_BACHE", period.MustParse("2023"))
	return u
}

// TestStatus_Screen: the province's view of Ba Chẽ's communes says how many
// sent (late: after 15 January 2024), filters the list, and opens a unit's
// report with the value changed since it was first sent.
func TestStatus_Screen(t *testing.T) {
	u := statusDemo(t)
	if got := u.count.Text; got != "4/8 đơn vị đã gửi, 0 đúng hạn" {
		t.Errorf("count %q", got)
	}
	if !strings.Contains(u.deadline.Text, "15/01/2024") {
		t.Errorf("deadline %q", u.deadline.Text)
	}
	if len(u.rows) != 8 {
		t.Errorf("%d rows, want the 8 communes", len(u.rows))
	}
	markup := test.RenderToMarkup(u.s.win.Canvas())
	for _, want := range []string{"Đã duyệt 1 · chờ duyệt 3 · bị trả lại 1 · chưa gửi 4", "Đã duyệt", "Bị trả lại", "Đang nhập", "quá hạn"} {
		if !strings.Contains(markup, want) {
			t.Errorf("the screen lacks %q:\n%s", want, markup)
		}
	}
	for _, r := range u.rows {
		if note, _ := u.rowNote(r); r.Area.Code == "QN_BACHE_05" && note != "quá hạn · Thiếu số hộ có nước sạch" {
			t.Errorf("note of the returned report %q", note)
		}
	}
	for filter, want := range map[string]int{"Chưa gửi": 4, "Chờ duyệt": 3, "Đã duyệt": 1, "Trễ hạn": 8, "Tất cả": 8} {
		u.filters.SetSelected(filter)
		if len(u.rows) != want {
			t.Errorf("%s: %d rows, want %d", filter, len(u.rows), want)
		}
	}
	var buf bytes.Buffer
	if err := writeStatusCSV(&buf, u.summary, "vi"); err != nil {
		t.Fatal(err)
	}
	if csv := buf.String(); !strings.HasPrefix(csv, "\ufeff\"4/8 đơn vị đã gửi, 0 đúng hạn\"") || strings.Count(csv, "\n") != 10 ||
		!strings.Contains(csv, "QN_BACHE_05,Xã Minh Cầm,Bị trả lại,x,") {
		t.Errorf("CSV:\n%s", csv)
	}
	u.openForm("QN_BACHE_02")
	markup = test.RenderToMarkup(u.s.win.Canvas())
	for _, want := range []string{"Đã gửi, trễ hạn", "Duyệt", "Trả lại…", "1 số liệu đã thay đổi so với lần gửi trước", "đã sửa theo biên bản"} {
		if !strings.Contains(markup, want) {
			t.Errorf("the review of Đạp Thanh lacks %q", want)
		}
	}
}

// TestStatus_Screenshot writes the reporting status screen at 1366×768
// to $CHISO_STATUS_SCREENSHOT (skipped when unset), and the review of a
// report beside it (…-review.png).
func TestStatus_Screenshot(t *testing.T) {
	out := os.Getenv("CHISO_STATUS_SCREENSHOT")
	if out == "" {
		t.Skip("set CHISO_STATUS_SCREENSHOT=/tmp/x.png to write a screenshot")
	}
	u := statusDemo(t)
	sh := newShell(u.s, "status")
	sh.screens["status"] = u.content
	sh.show("status")
	u.s.win.SetContent(sh.object())
	test.ApplyTheme(t, theme.LightTheme())
	u.s.win.Resize(fyne.NewSize(1366, 768))
	capture(t, u.s.win, out)
	test.ApplyTheme(t, theme.DarkTheme())
	capture(t, u.s.win, strings.TrimSuffix(out, ".png")+"-dark.png")
	test.ApplyTheme(t, theme.LightTheme())
	u.openForm("QN_BACHE_02")
	capture(t, u.s.win, strings.TrimSuffix(out, ".png")+"-review.png")
}

// TestStatus_FitsSmallScreens: in the window fitted to a 1366 × 768
// screen less a Windows taskbar, at 100, 125 and 150 %, every row's Xem
// button shows whole, inside the window and as wide as it needs.
func TestStatus_FitsSmallScreens(t *testing.T) {
	u := statusDemo(t)
	sh := newShell(u.s, "status")
	sh.screens["status"] = u.content
	sh.show("status")
	u.s.win.SetContent(sh.object())
	for _, scale := range []float32{1, 1.25, 1.5} {
		size := fitWindow(preferredWindowSize, fyne.NewSize(1366/scale, 728/scale))
		u.s.win.Resize(size)
		if got := u.s.win.Canvas().Size(); got.Width > size.Width || got.Height > size.Height {
			t.Errorf("at %v: the window needs %v, more than the %v it has", scale, got, size)
		}
		buttons, cut := 0, 0
		var walk func(o fyne.CanvasObject, at fyne.Position, inList bool)
		walk = func(o fyne.CanvasObject, at fyne.Position, inList bool) {
			if !o.Visible() {
				return
			}
			at, inList = at.Add(o.Position()), inList || o == u.list
			if b, ok := o.(*widget.Button); ok && inList {
				buttons++
				if right := at.X + b.Size().Width; (right > size.Width+0.5 || b.Size().Width < b.MinSize().Width-0.5) && cut == 0 {
					cut++
					t.Errorf("at %v: the %q button spans %v to %v, %v wide (it needs %v); the window is %v wide",
						scale, b.Text, at.X, right, b.Size().Width, b.MinSize().Width, size.Width)
				}
			}
			switch o := o.(type) {
			case *fyne.Container:
				for _, c := range o.Objects {
					walk(c, at, inList)
				}
			case fyne.Widget:
				for _, c := range test.WidgetRenderer(o).Objects() {
					walk(c, at, inList)
				}
			}
		}
		walk(u.s.win.Content(), fyne.Position{}, false)
		if buttons == 0 {
			t.Errorf("at %v: no row button shown", scale)
		}
	}
}

// TestDashboard_ReportCard: the dashboard of Ba Chẽ for 2023 counts its
// communes' reports, and tapping the card opens the reporting status of
// the same area and year.
func TestDashboard_ReportCard(t *testing.T) {
	st := openDemo(t)
	s := newTestMainWindow(t, st)
	for _, a := range []string{"QN_BACHE_01", "QN_BACHE_02"} {
		takeStep(t, s, a, "2023", store.Submit, "")
	}
	s.reset() // the main window again, on the steps taken
	o := newOverview(s)
	o.years.SetSelected("2023")
	o.tree.Select("QN_BACHE")
	if got := o.dash.report.text.Text; got != "Báo cáo năm 2023: 2/8 đơn vị đã gửi, 0 đúng hạn" || !o.dash.report.content.Visible() {
		t.Fatalf("report card %q (shown %v)", got, o.dash.report.content.Visible())
	}
	test.Tap(o.dash.report.card)
	if s.status == nil || s.status.area != "QN_BACHE" || s.status.per.String() != "2023" || s.status.count.Text != "2/8 đơn vị đã gửi, 0 đúng hạn" {
		t.Fatalf("the status screen shows %+v", s.status)
	}
	o.tree.Select("QN_BACHE_01") // a commune: nothing below it to count
	if o.dash.report.content.Visible() {
		t.Error("the card is shown for a commune")
	}
}

// TestSync_RevokeCertificate: the province's sync screen lists the office
// certificates; revoking one says so there, and the revoked office hears
// of it at its next sync and stops sending.
func TestSync_RevokeCertificate(t *testing.T) {
	prov, commune := newPair(t)
	dir := t.TempDir()
	saveValue(t, commune.s.st, "POP", testArea, "2024", "12345")
	syncNow(t, commune, dir)
	syncNow(t, prov, dir)
	if len(prov.data.certs) != 1 || prov.data.certs[0].Office != testCommune || len(prov.data.certs[0].Devices) != 1 {
		t.Fatalf("certificates at the province: %+v", prov.data.certs)
	}
	if markup := prov.markup(); !strings.Contains(markup, "Chứng thư đơn vị") || !strings.Contains(markup, "Thu hồi…") {
		t.Error("the province's screen does not offer to revoke")
	}
	if len(commune.data.certs) != 0 {
		t.Error("a commune lists certificates to revoke")
	}
	if err := prov.revoke(prov.data.certs[0].Serial, "máy bị mất"); err != nil {
		t.Fatal(err)
	}
	if prov.data.certs[0].Revoked == nil || !strings.Contains(prov.markup(), "đã thu hồi") {
		t.Error("the revocation is not shown")
	}
	syncNow(t, prov, dir)
	saveValue(t, commune.s.st, "POP", testArea, "2024", "1")
	syncNow(t, commune, dir)
	rep := syncNow(t, commune, dir)
	if !rep.Revoked || !strings.Contains(commune.markup(), "đã bị tỉnh thu hồi") {
		t.Errorf("the revoked office's report: %+v", rep)
	}
}

// TestReview_KeptAsideAcceptOrDismiss: two changes the commune made before
// it heard of the approval are kept aside; the province's review lists
// them; it dismisses one and accepts the other by reopening the report,
// and the commune ends with the same figures.
func TestReview_KeptAsideAcceptOrDismiss(t *testing.T) {
	prov, commune := newPair(t)
	dir := t.TempDir()
	saveValue(t, commune.s.st, "POP", testArea, "2024", "12000")
	saveValue(t, commune.s.st, "HH_TOTAL", testArea, "2024", "3000")
	takeStep(t, commune.s, testArea, "2024", store.Submit, "")
	syncNow(t, commune, dir)
	syncNow(t, prov, dir)
	takeStep(t, prov.s, testArea, "2024", store.Approve, "")
	syncNow(t, prov, dir)
	saveValue(t, commune.s.st, "POP", testArea, "2024", "12100")
	saveValue(t, commune.s.st, "HH_TOTAL", testArea, "2024", "3100")
	syncNow(t, commune, dir)
	syncNow(t, prov, dir)

	ds := datasetOf(t, prov.s, "KTXH_XA")
	r := showReview(prov.s, ds, testArea, period.MustParse("2024"), nil)
	if len(r.data.held) != 2 || len(r.dismiss) != 2 || r.accept == nil {
		t.Fatalf("kept aside %+v, %d dismiss buttons", r.data.held, len(r.dismiss))
	}
	if markup := test.RenderToMarkup(prov.s.win.Canvas()); !strings.Contains(markup, "2 thay đổi bị giữ lại, được sửa sau khi duyệt") ||
		!strings.Contains(markup, "12.000 → 12.100") {
		t.Error("the review does not show the changes kept aside")
	}
	var total store.OpID
	for _, c := range r.data.held {
		if c.Element == "HH_TOTAL" {
			total = c.ID
		}
	}
	test.Tap(r.dismiss[total])
	if len(r.data.held) != 1 || r.data.held[0].Element != "POP" {
		t.Fatalf("after dismissing: %+v", r.data.held)
	}
	test.Tap(r.accept)
	r.remark.SetText("nhận dân số mới")
	r.ask.Submit()
	if r.data.state.Current.Action != store.Reopen || len(r.data.held) != 0 {
		t.Fatalf("after accepting: %s, %d kept", r.data.state.Current.Action, len(r.data.held))
	}
	syncNow(t, prov, dir)
	syncNow(t, commune, dir)
	for _, y := range []*syncUI{prov, commune} {
		if pop, hh := storedValue(t, y.s.st, "POP", testArea, "2024"), storedValue(t, y.s.st, "HH_TOTAL", testArea, "2024"); pop != "12100" || hh != "3000" {
			t.Errorf("POP %s (want the accepted 12100), HH_TOTAL %s (want 3000: its change dismissed)", pop, hh)
		}
	}
}
