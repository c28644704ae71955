package store_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"chiso/data/msg"
	"chiso/data/store"
)

var form = store.Form{DataSet: "FORM", Area: "C1", Period: "2024"}

func save(t *testing.T, st *store.Store, element, area, per, value string) {
	t.Helper()
	if _, err := st.Save(context.Background(), store.Change{Element: element, Area: area, Period: per, Value: value}); err != nil {
		t.Fatal(err)
	}
}

func act(t *testing.T, st *store.Store, f store.Form, a store.Action, comment string) store.FormEvent {
	t.Helper()
	ev, err := st.Act(context.Background(), f, a, comment, nil)
	if err != nil {
		t.Fatalf("%s: %v", a, err)
	}
	return ev
}

func stateOf(t *testing.T, st *store.Store, f store.Form) store.FormState {
	t.Helper()
	s, err := st.FormStateOf(context.Background(), f)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestCycleStepsFollowFromTheState(t *testing.T) {
	st := withDataSet(t)
	ctx := context.Background()
	st.SetAuthor("Lan")
	save(t, st, "HH_TOTAL", "C1", "2024", "120")

	for _, a := range []store.Action{store.Approve, store.Return, store.Reopen} {
		if _, err := st.Act(ctx, form, a, "x", nil); err == nil {
			t.Errorf("%s of a form never submitted was accepted", a)
		}
	}
	sub := act(t, st, form, store.Submit, "đủ số liệu")
	if len(sub.Covers) != 1 || sub.Covers[0].Writer != st.Device() || sub.Covers[0].Seq != 1 {
		t.Errorf("the submission covers %v, want the one change made", sub.Covers)
	}
	if _, err := st.Act(ctx, form, store.Return, "  ", nil); err == nil || !strings.Contains(msg.Text(err, "vi"), "nhận xét") {
		t.Errorf("a return without a remark: %v", err)
	}
	act(t, st, form, store.Return, "Thiếu số hộ có điện")
	if s := stateOf(t, st, form); s.Current.Action != store.Return || s.Current.Comment != "Thiếu số hộ có điện" || s.Current.Author != "Lan" {
		t.Errorf("after return: %+v", s.Current)
	}
	save(t, st, "HH_TOTAL", "C1", "2024", "125")
	act(t, st, form, store.Submit, "")
	act(t, st, form, store.Approve, "")
	s := stateOf(t, st, form)
	if !s.Approved() || s.Concurrent != 1 || s.FirstSubmit.Action != store.Submit || s.FirstSubmit.ID != sub.ID {
		t.Errorf("after approval: %+v", s)
	}
	if _, err := st.Act(ctx, form, store.Submit, "", nil); err == nil {
		t.Error("an approved form was submitted again")
	}
	h, err := st.FormHistory(ctx, form)
	if err != nil {
		t.Fatal(err)
	}
	var steps []string
	for _, e := range h {
		steps = append(steps, string(e.Action))
	}
	if got := strings.Join(steps, " "); got != "submit return submit approve" {
		t.Errorf("history %q", got)
	}
	// Each step replaces the one before it.
	states, err := st.FormStates(ctx, "FORM", "2024")
	if err != nil || len(states) != 1 || states["C1"].Current.ID != h[3].ID {
		t.Errorf("states %+v %v", states, err)
	}
}

func TestApprovedFiguresRefuseEveryWrite(t *testing.T) {
	st := withDataSet(t)
	ctx := context.Background()
	st.SetAuthor("Cán bộ tỉnh")
	save(t, st, "HH_TOTAL", "C1", "2024", "120")
	act(t, st, form, store.Submit, "")
	act(t, st, form, store.Approve, "")

	locked := func(what string, err error) {
		t.Helper()
		var le *store.LockedError
		if !errors.As(err, &le) {
			t.Fatalf("%s: %v, want a LockedError", what, err)
		}
		vi := msg.Text(err, "vi")
		for _, want := range []string{"đã được duyệt", "Cán bộ tỉnh", "Xã Một", "mở lại"} {
			if !strings.Contains(vi, want) {
				t.Errorf("%s: message %q does not say %q", what, vi, want)
			}
		}
	}
	_, err := st.Save(ctx, store.Change{Element: "HH_TOTAL", Area: "C1", Period: "2024", Value: "130"})
	locked("entry", err)
	_, err = st.Save(ctx, store.Change{Element: "HOUSE", Area: "C1", Period: "2024", Category: "NEW", Value: "3"})
	locked("entry of a part", err)
	_, err = st.Import(ctx, "so-lieu.csv", seq(
		store.Change{Element: "HH_TOTAL", Area: "C2", Period: "2024", Value: "10"},
		store.Change{Element: "HH_TOTAL", Area: "C1", Period: "2024", Value: "130"}))
	locked("import", err)
	if _, ok := get(t, st, "HH_TOTAL", "C2", "2024"); ok {
		t.Error("the import wrote part of the file")
	}
	locked("resolution", st.Resolve(ctx, store.Change{Element: "HH_TOTAL", Area: "C1", Period: "2024", Value: "130"}))
	// Other areas, periods and elements outside the form stay open.
	save(t, st, "HH_TOTAL", "C2", "2024", "10")
	save(t, st, "HH_TOTAL", "C1", "2023", "100")
	save(t, st, "RATE", "C1", "2024", "1.5")

	act(t, st, form, store.Reopen, "sửa theo đề nghị của xã")
	save(t, st, "HH_TOTAL", "C1", "2024", "130")
	if v, _ := get(t, st, "HH_TOTAL", "C1", "2024"); v.Value != "130" {
		t.Errorf("after reopening: %q", v.Value)
	}
}

// transfer sends every change of from that to lacks, as a sync would
// (without the files and signatures, which package replica adds).
func transfer(t *testing.T, from, to *store.Store) store.ApplyResult {
	t.Helper()
	ctx := context.Background()
	ws, err := to.Writers(ctx)
	if err != nil {
		t.Fatal(err)
	}
	w := ws[from.Device()]
	var ops []store.Op
	if err := from.Ops(ctx, w.Seen, func(op store.Op) error { ops = append(ops, op); return nil }); err != nil {
		t.Fatal(err)
	}
	if len(ops) == 0 {
		return store.ApplyResult{}
	}
	n := w.Segments + 1
	g := store.Segment{Writer: from.Device(), Number: n, Manifest: []byte(fmt.Sprint(n)), Sig: []byte("-"), Data: []byte("-")}
	res, err := to.ApplySegment(ctx, g, fmt.Sprint(n), store.Signer{}, ops, ops[len(ops)-1].ID.Seq)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func TestChangeAfterApprovalIsKeptAsideEverywhere(t *testing.T) {
	ctx := context.Background()
	commune, prov := withDataSet(t), withDataSet(t)
	commune.SetAuthor("Xã")
	prov.SetAuthor("Tỉnh")
	save(t, commune, "HH_TOTAL", "C1", "2024", "120")
	act(t, commune, form, store.Submit, "")
	transfer(t, commune, prov)
	act(t, prov, form, store.Approve, "")

	// The commune, not knowing yet, changes a figure and adds another.
	save(t, commune, "HH_TOTAL", "C1", "2024", "121")
	if _, err := commune.Save(ctx, store.Change{Element: "HOUSE", Area: "C1", Period: "2024", Category: "NEW", Value: "4"}); err != nil {
		t.Fatal(err)
	}
	transfer(t, commune, prov)
	transfer(t, prov, commune)
	for name, st := range map[string]*store.Store{"province": prov, "commune": commune} {
		if v, _ := get(t, st, "HH_TOTAL", "C1", "2024"); v.Value != "120" {
			t.Errorf("%s shows %q, want the approved 120", name, v.Value)
		}
		if _, ok := get(t, st, "HOUSE", "C1", "2024"); ok {
			t.Errorf("%s shows a part entered after the approval", name)
		}
		aside, err := st.SetAside(ctx, "C1", "2024")
		if err != nil {
			t.Fatal(err)
		}
		if len(aside) != 2 || !aside[0].Held() || aside[0].Element != "HH_TOTAL" || aside[0].Value != "121" || aside[0].Shown != "120" ||
			aside[0].Form != form || aside[1].Element != "HOUSE" || aside[1].Category != "NEW" {
			t.Errorf("%s keeps aside %+v", name, aside)
		}
		// Kept, never lost: the history holds it, with the report's steps.
		h, err := st.History(ctx, "HH_TOTAL", "C1", "2024", "")
		if err != nil || len(h) != 4 || !h[0].Current || h[1].Step != store.Submit || h[2].Step != store.Approve || h[2].Author != "Tỉnh" ||
			h[3].New != "121" || h[3].Old != "120" || h[3].Aside != "held" || h[3].Current {
			t.Errorf("%s history %+v %v", name, h, err)
		}
	}
	// The province accepts them: it reopens the form, and they count.
	aside, _ := prov.SetAside(ctx, "C1", "2024")
	if _, err := prov.Act(ctx, form, store.Dismiss, "", []store.OpID{aside[1].ID}); err != nil {
		t.Fatal(err)
	}
	act(t, prov, form, store.Reopen, "chấp nhận số hộ mới")
	transfer(t, prov, commune)
	for name, st := range map[string]*store.Store{"province": prov, "commune": commune} {
		if v, _ := get(t, st, "HH_TOTAL", "C1", "2024"); v.Value != "121" {
			t.Errorf("%s shows %q after the reopening, want 121", name, v.Value)
		}
		if _, ok := get(t, st, "HOUSE", "C1", "2024"); ok {
			t.Errorf("%s shows the part the province dismissed", name)
		}
		aside, _ := st.SetAside(ctx, "C1", "2024")
		if len(aside) != 1 || !aside[0].Dismissed() || aside[0].Element != "HOUSE" {
			t.Errorf("%s keeps aside %+v", name, aside)
		}
		if s := stateOf(t, st, form); s.Current.Action != store.Reopen {
			t.Errorf("%s: state %s", name, s.Current.Action)
		}
	}
	// The commune can write again, and its new part counts.
	if _, err := commune.Save(ctx, store.Change{Element: "HOUSE", Area: "C1", Period: "2024", Category: "NEW", Value: "5"}); err != nil {
		t.Fatal(err)
	}
	transfer(t, commune, prov)
	if v, _ := get(t, prov, "HOUSE", "C1", "2024"); v.Value != "5" {
		t.Errorf("province shows %q for the new part", v.Value)
	}
}

func TestConcurrentStepsAgree(t *testing.T) {
	commune, prov := withDataSet(t), withDataSet(t)
	save(t, commune, "HH_TOTAL", "C1", "2024", "120")
	act(t, commune, form, store.Submit, "")
	transfer(t, commune, prov)
	// The province returns the report while the commune, not knowing,
	// sends it again: two steps in force, the later one shown on both.
	ret := act(t, prov, form, store.Return, "kiểm tra lại")
	// The commune acts on a later millisecond than the province: within one
	// millisecond the two clocks tie and the device decides, not the time.
	for time.Now().UnixMilli() <= store.HLCTime(ret.HLC).UnixMilli() {
		time.Sleep(time.Millisecond)
	}
	act(t, commune, form, store.Submit, "gửi lại")
	transfer(t, commune, prov)
	transfer(t, prov, commune)
	a, b := stateOf(t, commune, form), stateOf(t, prov, form)
	if a.Current.ID != b.Current.ID || a.Concurrent != 2 || b.Concurrent != 2 {
		t.Errorf("commune %+v, province %+v", a, b)
	}
	if a.Current.Action != store.Submit { // the resubmission was made last
		t.Errorf("in force: %s", a.Current.Action)
	}
	// The next step replaces both.
	act(t, prov, form, store.Approve, "")
	transfer(t, prov, commune)
	if s := stateOf(t, commune, form); !s.Approved() || s.Concurrent != 1 {
		t.Errorf("after approval: %+v", s)
	}
}

// TestAreasWithValuesTwoWays: the areas with values among a few named
// (a seek per area) are those found reading the period's values.
func TestAreasWithValuesTwoWays(t *testing.T) {
	ctx := context.Background()
	st := openTest(t)
	save(t, st, "HH_TOTAL", "C1", "2024", "10")
	save(t, st, "HH_TOTAL", "C2", "2023", "10")
	save(t, st, "RATE", "C2", "2024", "1.5")
	all, err := st.AreasWithValues(ctx, "2024", []string{"HH_TOTAL", "RATE"}, nil)
	if err != nil || !all["C1"] || !all["C2"] {
		t.Fatalf("%v %v", all, err)
	}
	for _, elements := range [][]string{{"HH_TOTAL", "RATE"}, {"HH_TOTAL"}, {"RATE"}} {
		all, _ := st.AreasWithValues(ctx, "2024", elements, nil)
		some, err := st.AreasWithValues(ctx, "2024", elements, []string{"C1", "C2", "NOSUCH"})
		if err != nil || len(some) != len(all) {
			t.Errorf("%v: %v, reading all %v (%v)", elements, some, all, err)
		}
		for a := range all {
			if !some[a] {
				t.Errorf("%v: %s missing from %v", elements, a, some)
			}
		}
	}
}
