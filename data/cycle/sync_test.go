package cycle_test

import (
	"context"
	"crypto/ed25519"
	"errors"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"chiso/data/calc"
	"chiso/data/catalog"
	"chiso/data/cycle"
	"chiso/data/defaults"
	"chiso/data/msg"
	"chiso/data/period"
	"chiso/data/replica"
	"chiso/data/rootkey"
	"chiso/data/store"
)

var ctx = context.Background()

func openDB(t *testing.T, name string) *store.Store {
	t.Helper()
	st, err := store.Open(filepath.Join(t.TempDir(), name+".db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		// Whatever the test did, the subtotals the values make are kept.
		// (Unless the test closed the database itself.)
		if problems, err := st.Check(context.Background()); err != nil && !strings.Contains(err.Error(), "database is closed") || len(problems) > 0 {
			t.Errorf("%s: %v %v", name, err, problems)
		}
		st.Close()
	})
	if err := st.SetAuthor(name); err != nil {
		t.Fatal(err)
	}
	return st
}

// communes are six wards of Quảng Ninh since the reform of 1 July 2025,
// directly under the province (the demo's areas end on 30 June 2025).
var communes = []catalog.Area{
	{Code: "QN_HAKHAU", Name: "Phường Hà Khẩu"}, {Code: "QN_HAPHONG", Name: "Phường Hà Phong"},
	{Code: "QN_HATU", Name: "Phường Hà Tu"}, {Code: "QN_BAICHAY", Name: "Phường Bãi Cháy"},
	{Code: "QN_HONGGAI", Name: "Phường Hồng Gai"}, {Code: "QN_CAOXANH", Name: "Phường Cao Xanh"},
}

// newProvince is a database with the demo catalog (Quảng Ninh) and six
// current wards, set up as the province.
func newProvince(t *testing.T) *store.Store {
	t.Helper()
	st := openDB(t, "Cán bộ tỉnh")
	c, err := defaults.DemoCatalogThrough(2024) // without its own units since the reform
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range communes {
		a.Level, a.Parent, a.ValidFrom = 4, "QN", "2025-07-01"
		c.Areas = append(c.Areas, a)
	}
	if err := st.SaveCatalog(ctx, c); err != nil {
		t.Fatal(err)
	}
	keys := rootkey.Dir(t.TempDir())
	if _, _, err := replica.CreateProvince(ctx, st, "Cục Thống kê Quảng Ninh", []string{"QN"}, keys, testPassphrase); err != nil {
		t.Fatal(err)
	}
	key, err := replica.UnlockRoot(st, keys, testPassphrase)
	if err != nil {
		t.Fatal(err)
	}
	rootKeys.Store(st, key)
	return st
}

// testPassphrase is the passphrase of the test province's root key.
const testPassphrase = "mật khẩu của tỉnh"

// rootKeys holds each test province's root key, unlocked once.
var rootKeys sync.Map // *store.Store → ed25519.PrivateKey

func newCommune(t *testing.T, prov *store.Store, office, area string) *store.Store {
	t.Helper()
	key, _ := rootKeys.Load(prov)
	file, err := replica.IssueOffice(ctx, prov, key.(ed25519.PrivateKey), office, replica.Commune, []string{area}, 2)
	if err != nil {
		t.Fatal(err)
	}
	st := openDB(t, "Cán bộ "+area)
	if _, err := replica.LoadOfficeFile(ctx, st, file); err != nil {
		t.Fatal(err)
	}
	return st
}

func syncAll(t *testing.T, dir string, sts ...*store.Store) {
	t.Helper()
	for _, st := range sts {
		rep, err := replica.Sync(ctx, st, dir, "en", nil)
		if err != nil {
			t.Fatal(err)
		}
		if len(rep.Rejected) > 0 || len(rep.Waiting) > 0 {
			t.Fatalf("sync of %s: %+v", st.Author(), rep)
		}
	}
}

func take(t *testing.T, st *store.Store, f store.Form, step store.Action, comment string) {
	t.Helper()
	cat, err := st.Catalog(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := cycle.Take(ctx, st, cat, f, step, comment, nil); err != nil {
		t.Fatalf("%s: %s %s: %v", st.Author(), step, f.Area, err)
	}
}

func save(t *testing.T, st *store.Store, element, area, per, value string) error {
	t.Helper()
	_, err := st.Save(ctx, store.Change{Element: element, Area: area, Period: per, Value: value})
	return err
}

func value(t *testing.T, st *store.Store, element, area, per string) string {
	t.Helper()
	vs, err := st.Values(ctx, store.ValueFilter{Elements: []string{element}, Areas: []string{area}, Periods: []string{per}})
	if err != nil {
		t.Fatal(err)
	}
	if len(vs) == 0 {
		return ""
	}
	return vs[0].Value
}

func state(t *testing.T, st *store.Store, f store.Form) store.FormState {
	t.Helper()
	s, err := st.FormStateOf(ctx, f)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func status(t *testing.T, st *store.Store, area, per string, now time.Time) *cycle.Summary {
	t.Helper()
	cat, err := st.Catalog(ctx)
	if err != nil {
		t.Fatal(err)
	}
	en, err := calc.New(ctx, cat, st)
	if err != nil {
		t.Fatal(err)
	}
	var ds *catalog.DataSet
	for i := range cat.DataSets {
		if cat.DataSets[i].Code == "KTXH_XA" {
			ds = &cat.DataSets[i]
		}
	}
	s, err := cycle.Status(ctx, st, en, ds, area, period.MustParse(per), now)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestReportingCycleBetweenProvinceAndCommunes runs the whole cycle through
// a sync folder: three communes send, the province returns one with a
// remark, the commune fixes and sends again, the province approves; then a
// change made at the commune before it learnt of the approval is refused
// everywhere and kept aside, shown to the province, which accepts it.
func TestReportingCycleBetweenProvinceAndCommunes(t *testing.T) {
	prov := newProvince(t)
	c1 := newCommune(t, prov, "UBND phường Hà Khẩu", "QN_HAKHAU")
	c2 := newCommune(t, prov, "UBND phường Hà Phong", "QN_HAPHONG")
	c3 := newCommune(t, prov, "UBND phường Hà Tu", "QN_HATU")
	all := []*store.Store{prov, c1, c2, c3}
	dir := t.TempDir()
	const per = "2026"
	form := func(area string) store.Form { return store.Form{DataSet: "KTXH_XA", Area: area, Period: per} }
	for i, st := range []*store.Store{c1, c2, c3} {
		area := communes[i].Code
		for _, v := range [][2]string{{"POP", "12000"}, {"HH_TOTAL", "3000"}, {"HH_ELEC", "2990"}} {
			if err := save(t, st, v[0], area, per, v[1]); err != nil {
				t.Fatal(err)
			}
		}
	}
	// A commune may not approve its own report.
	cat, _ := c1.Catalog(ctx)
	if _, err := cycle.Take(ctx, c1, cat, form("QN_HAKHAU"), store.Approve, "", nil); err == nil {
		t.Fatal("a commune approved its own report")
	}
	take(t, c1, form("QN_HAKHAU"), store.Submit, "")
	take(t, c2, form("QN_HAPHONG"), store.Submit, "")
	syncAll(t, dir, c1, c2, c3, prov)

	dec := time.Date(2026, 12, 4, 10, 0, 0, 0, cycle.Vietnam)
	s := status(t, prov, "QN", per, dec)
	if got := s.Text("vi"); got != "2/6 đơn vị đã gửi, 2 đúng hạn" {
		t.Errorf("province status %q", got)
	}
	if len(s.Missing()) != 4 || s.Missing()[len(s.Missing())-1].State != cycle.InProgress {
		t.Errorf("missing: %d, last %+v", len(s.Missing()), s.Missing()[len(s.Missing())-1])
	}
	for _, r := range s.Rows {
		if r.Area.Code == "QN_HATU" && (r.State != cycle.InProgress || r.LastSync == "") {
			t.Errorf("Hà Tu: %+v", r)
		}
	}

	// Return with a remark; the commune reads it at its next sync.
	take(t, prov, form("QN_HAKHAU"), store.Return, "Số hộ có điện lớn hơn năm trước 40%, kiểm tra lại")
	syncAll(t, dir, prov, c1)
	if st := state(t, c1, form("QN_HAKHAU")); st.Current.Action != store.Return || !strings.Contains(st.Current.Comment, "kiểm tra lại") ||
		st.Current.Office != "Cục Thống kê Quảng Ninh" {
		t.Fatalf("the commune sees %+v", st.Current)
	}
	// Fix, send again, approve.
	if err := save(t, c1, "HH_ELEC", "QN_HAKHAU", per, "2900"); err != nil {
		t.Fatal(err)
	}
	take(t, c1, form("QN_HAKHAU"), store.Submit, "đã sửa số hộ có điện")
	syncAll(t, dir, c1, prov)
	take(t, prov, form("QN_HAKHAU"), store.Approve, "")
	take(t, prov, form("QN_HAPHONG"), store.Approve, "")
	syncAll(t, dir, prov)

	// Hà Khẩu changes a figure before it hears of the approval.
	if err := save(t, c1, "POP", "QN_HAKHAU", per, "12100"); err != nil {
		t.Fatal(err)
	}
	syncAll(t, dir, c1, c2, c3, prov, c1, c2, c3)
	for _, st := range all {
		if got := value(t, st, "POP", "QN_HAKHAU", per); got != "12000" {
			t.Errorf("%s shows POP %s, want the approved 12000", st.Author(), got)
		}
		if got := value(t, st, "HH_ELEC", "QN_HAKHAU", per); got != "2900" {
			t.Errorf("%s shows HH_ELEC %s, want the fixed 2900", st.Author(), got)
		}
		if st := state(t, st, form("QN_HAKHAU")); !st.Approved() {
			t.Errorf("not approved: %+v", st.Current)
		}
		aside, err := st.SetAside(ctx, "QN_HAKHAU", per)
		if err != nil {
			t.Fatal(err)
		}
		if len(aside) != 1 || !aside[0].Held() || aside[0].Value != "12100" || aside[0].Office != "UBND phường Hà Khẩu" {
			t.Errorf("%s keeps aside %+v", st.Author(), aside)
		}
		h, err := st.FormHistory(ctx, form("QN_HAKHAU"))
		if err != nil {
			t.Fatal(err)
		}
		var steps []string
		for _, e := range h {
			steps = append(steps, string(e.Action))
		}
		if got := strings.Join(steps, " "); got != "submit return submit approve" {
			t.Errorf("%s: history %q", st.Author(), got)
		}
	}
	// The change is refused now everywhere: typed or imported at the
	// commune, typed at the province.
	for _, st := range []*store.Store{c1, prov} {
		err := save(t, st, "POP", "QN_HAKHAU", per, "12200")
		var le *store.LockedError
		if !errors.As(err, &le) || !strings.Contains(msg.Text(err, "vi"), "Cán bộ tỉnh, Cục Thống kê Quảng Ninh") {
			t.Errorf("%s: %v", st.Author(), err)
		}
	}
	s = status(t, prov, "QN", per, dec)
	if got := s.Text("vi"); got != "2/6 đơn vị đã gửi, 2 đúng hạn" || s.Approved != 2 {
		t.Errorf("province status %q, %d approved", got, s.Approved)
	}
	for _, r := range s.Rows {
		if r.Area.Code == "QN_HAKHAU" && r.Held != 1 {
			t.Errorf("Hà Khẩu: %d changes kept aside, want 1", r.Held)
		}
	}

	// The province accepts the change: it reopens the form, and the change
	// counts everywhere.
	take(t, prov, form("QN_HAKHAU"), store.Reopen, "chấp nhận dân số mới")
	syncAll(t, dir, prov, c1, c2, c3)
	for _, st := range all {
		if got := value(t, st, "POP", "QN_HAKHAU", per); got != "12100" {
			t.Errorf("%s shows POP %s after the reopening, want 12100", st.Author(), got)
		}
	}
	if err := save(t, c1, "POP", "QN_HAKHAU", per, "12150"); err != nil {
		t.Errorf("the reopened form refuses a change: %v", err)
	}

	// The deadline is the province's: changed in its catalog, it reaches the
	// communes with the signed catalog.
	cat, err := prov.Catalog(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for i := range cat.DataSets {
		if cat.DataSets[i].Code == "KTXH_XA" {
			if cat.DataSets[i].DueDays != 15 {
				t.Errorf("default deadline %d days", cat.DataSets[i].DueDays)
			}
			cat.DataSets[i].DueDays = 20
		}
	}
	if err := prov.SaveCatalog(ctx, cat); err != nil {
		t.Fatal(err)
	}
	syncAll(t, dir, prov, c2)
	if s := status(t, c2, "QN", per, dec); s.Deadline.Format(time.DateOnly) != "2027-01-20" {
		t.Errorf("the commune's deadline after the sync: %s", s.Deadline.Format(time.DateOnly))
	}
}

func TestLateSubmissionCountsLate(t *testing.T) {
	prov := newProvince(t)
	c3 := newCommune(t, prov, "UBND phường Hà Tu", "QN_HATU")
	dir := t.TempDir()
	// The 2025 annual form was due on 15 January 2026; it is sent now.
	if err := save(t, c3, "POP", "QN_HATU", "2025", "9000"); err != nil {
		t.Fatal(err)
	}
	take(t, c3, store.Form{DataSet: "KTXH_XA", Area: "QN_HATU", Period: "2025"}, store.Submit, "gửi muộn")
	syncAll(t, dir, c3, prov)
	s := status(t, prov, "QN", "2025", time.Now())
	if got := s.Text("vi"); got != "1/6 đơn vị đã gửi, 0 đúng hạn" {
		t.Errorf("status %q", got)
	}
	if d := s.Deadline.Format(time.DateOnly); d != "2026-01-15" {
		t.Errorf("deadline %s", d)
	}
	late := s.LateRows()
	if len(late) != 6 { // one sent late, five overdue
		t.Errorf("late: %d", len(late))
	}
	for _, r := range s.Rows {
		if r.Area.Code == "QN_HATU" && (r.State != cycle.SubmittedLate || !r.Late) {
			t.Errorf("Hà Tu: %+v", r)
		}
	}
}
