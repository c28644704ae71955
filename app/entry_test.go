//go:build ci

package app

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"chiso/data/defaults"
	"chiso/data/replica"
	"chiso/data/store"
	"chiso/widgets"
)

// newTestEntry shows the entry screen on the demo database as it stood at
// the end of 2023, on data set dataset, area and year.
func newTestEntry(t *testing.T, dataset, area, year string) *entry {
	t.Helper()
	s := newTestSession(t, openDemoThrough(t, 2023))
	e := newEntryForm(s)
	s.win.SetContent(e.content)
	e.chooseDataset(t, dataset)
	e.tree.Select(area)
	e.choosePeriodLabel(t, "Năm "+year)
	return e
}

func (e *entry) chooseDataset(t *testing.T, code string) {
	t.Helper()
	for i, ds := range e.s.catalog().DataSets {
		if ds.Code == code {
			e.datasets.SetSelectedIndex(i)
			return
		}
	}
	t.Fatalf("no data set %s", code)
}

func (e *entry) choosePeriodLabel(t *testing.T, label string) {
	t.Helper()
	for _, o := range e.periodSel.Options {
		if o == label {
			e.periodSel.SetSelected(label)
			return
		}
	}
	t.Fatalf("no period %q among %v", label, e.periodSel.Options)
}

// typeValue types text into the value cell of key, then leaves it for the
// cell of next.
func (e *entry) typeValue(t *testing.T, key, text, next string) {
	t.Helper()
	cell := e.grid.ValueCell(key)
	if cell == nil {
		t.Fatalf("no value cell %s", key)
	}
	c := e.s.win.Canvas()
	c.Focus(cell)
	cell.SetText("")
	test.Type(cell, text)
	c.Focus(e.grid.ValueCell(next))
}

// stored returns the value the database holds for key (CODE or
// CODE.CATEGORY) of the entry's area and period, and its comment and flag.
func (e *entry) stored(t *testing.T, key string) store.Value {
	t.Helper()
	code, cat, _ := strings.Cut(key, ".")
	vals, err := e.s.st.Values(context.Background(), store.ValueFilter{Periods: []string{e.per.String()}, Elements: []string{code}, Areas: []string{e.area}})
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range vals {
		if v.Category == cat {
			return v
		}
	}
	return store.Value{}
}

func TestEntry_TypeValues(t *testing.T) {
	e := newTestEntry(t, "KTXH_XA", "QN_BACHE_03", "2024")
	if e.area != "QN_BACHE_03" || e.per.String() != "2024" || e.dataset.Code != "KTXH_XA" {
		t.Fatalf("form = %s %s %s", e.dataset.Code, e.area, e.per)
	}
	if r, _ := e.grid.Row("HH_TOTAL"); r.Previous == "" {
		t.Errorf("HH_TOTAL previous = %q, want the 2023 value", r.Previous)
	}

	for _, c := range []struct {
		key, text, want string
		refused         bool
	}{
		{"HH_TOTAL", "1.234,5", "", true}, // a whole number is needed
		{"HH_TOTAL", "97,82", "", true},
		{"HH_TOTAL", "abc", "", true},
		{"HH_TOTAL", "-5", "", true}, // min 0
		// 2023 holds 43,4: within the usual change, no comment asked.
		{"INC_PC", "47,82", "47.82", false},
		{"INC_PC", "1.234,5", "47.82", true}, // above the maximum 1.000
		{"INC_PC", "51,5", "51.5", false},
		{"HH_TOTAL", "520", "520", false},
	} {
		e.typeValue(t, c.key, c.text, "HH_ELEC")
		if e.ask != nil {
			t.Fatalf("%s %q asked for a comment", c.key, c.text)
		}
		st := e.grid.Status(c.key)
		if got := e.stored(t, c.key).Value; got != c.want {
			t.Errorf("after typing %q into %s the database holds %q, want %q", c.text, c.key, got, c.want)
		}
		if c.refused && st.Kind != widgets.StatusInvalid {
			t.Errorf("%q into %s: status %+v, want refused", c.text, c.key, st)
		}
		if !c.refused && st.Kind != widgets.StatusSaved && st.Kind != widgets.StatusWarning {
			t.Errorf("%q into %s: status %+v, want saved", c.text, c.key, st)
		}
		if r, _ := e.grid.Row(c.key); r.Value != c.text {
			t.Errorf("the cell %s shows %q after typing %q: the text typed was changed", c.key, r.Value, c.text)
		}
	}
	// The messages are Vietnamese.
	e.typeValue(t, "HH_TOTAL", "abc", "HH_ELEC")
	if st := e.grid.Status("HH_TOTAL"); !strings.Contains(st.Text, "không phải là số") {
		t.Errorf("abc: %q, want a Vietnamese message", st.Text)
	}
	e.typeValue(t, "HH_TOTAL", "-5", "HH_ELEC")
	if st := e.grid.Status("HH_TOTAL"); !strings.Contains(st.Text, "tối thiểu") {
		t.Errorf("-5: %q, want the minimum named in Vietnamese", st.Text)
	}
	e.typeValue(t, "HH_TOTAL", "1.234,5", "HH_ELEC")
	if st := e.grid.Status("HH_TOTAL"); !strings.Contains(st.Text, "số nguyên") {
		t.Errorf("1.234,5 for an integer: %q, want 'số nguyên'", st.Text)
	}
	if got := e.stored(t, "HH_TOTAL").Value; got != "520" {
		t.Errorf("HH_TOTAL = %q after refused values, want 520 kept", got)
	}
	// The change on 2023 is shown.
	if r, _ := e.grid.Row("HH_TOTAL"); r.Change == "" || r.Previous == "" {
		t.Errorf("HH_TOTAL shows no previous value or change: %+v", r)
	}
	// Indicators of the data set are computed live: electricity rate reads HH_TOTAL.
	e.typeValue(t, "HH_ELEC", "260", "HH_WATER")
	if got := e.indicatorText("Tỷ lệ hộ sử dụng điện lưới quốc gia"); got != "50,00 %" {
		t.Errorf("electricity rate = %q, want 50,00 %%", got)
	}
}

// indicatorText returns the value shown for the indicator named name.
func (e *entry) indicatorText(name string) string {
	var names []string
	for _, o := range e.indicators.Objects {
		line := o.(*fyne.Container).Objects // name, value
		n, v := line[0].(*widget.Label).Text, line[1].(*widget.Label).Text
		if n == name {
			return v
		}
		names = append(names, n)
	}
	return "not shown among " + strings.Join(names, ", ")
}

func TestEntry_EnterAndUndo(t *testing.T) {
	e := newTestEntry(t, "KTXH_XA", "QN_BACHE_03", "2024")
	c := e.s.win.Canvas()
	cell := e.grid.ValueCell("HH_TOTAL")
	c.Focus(cell)
	test.Type(cell, "500")
	cell.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if got := e.stored(t, "HH_TOTAL").Value; got != "500" {
		t.Fatalf("Enter saved %q, want 500", got)
	}
	if c.Focused() != e.grid.ValueCell("HH_ELEC") {
		t.Errorf("after Enter the focus is on %v, want the next value cell (HH_ELEC)", c.Focused())
	}
	e.typeValue(t, "HH_TOTAL", "510", "HH_ELEC")
	if got := e.stored(t, "HH_TOTAL").Value; got != "510" {
		t.Fatalf("HH_TOTAL = %q, want 510", got)
	}

	// Ctrl+Z in a cell: back to 500, then to nothing.
	e.grid.ValueCell("HH_ELEC").TypedShortcut(&fyne.ShortcutUndo{})
	if got := e.stored(t, "HH_TOTAL").Value; got != "500" {
		t.Errorf("after undo the database holds %q, want 500", got)
	}
	if r, _ := e.grid.Row("HH_TOTAL"); r.Value != "500" {
		t.Errorf("after undo the cell shows %q, want 500", r.Value)
	}
	e.grid.ValueCell("HH_TOTAL").TypedShortcut(&fyne.ShortcutUndo{})
	if got := e.stored(t, "HH_TOTAL").Value; got != "" {
		t.Errorf("after two undos the database holds %q, want no value", got)
	}
	hist, err := e.s.st.History(context.Background(), "HH_TOTAL", "QN_BACHE_03", "2024", "")
	if err != nil {
		t.Fatal(err)
	}
	if len(hist) != 4 {
		t.Errorf("audit has %d changes, want 4 (500, 510, back to 500, deleted): %+v", len(hist), hist)
	}
}

func TestEntry_RuleWarning(t *testing.T) {
	e := newTestEntry(t, "KTXH_XA", "QN_BACHE_03", "2024")
	e.typeValue(t, "HH_TOTAL", "500", "HH_ELEC")
	e.chooseDataset(t, "GIAM_NGHEO")
	if e.area != "QN_BACHE_03" || e.per.String() != "2024" {
		t.Fatalf("the area or period changed with the data set: %s %s", e.area, e.per)
	}
	// 2023 holds a few dozen poor households: the jump asks for a comment.
	e.typeValue(t, "HH_POOR", "600", "HH_NEARPOOR")
	if e.ask == nil {
		t.Fatal("a jump from 2023 did not ask for a comment")
	}
	test.Type(e.s.win.Canvas().Focused().(*widget.Entry), "rà soát lại")
	e.ask.Submit()
	if got := e.stored(t, "HH_POOR").Value; got != "600" {
		t.Fatalf("HH_POOR = %q, want 600 (a broken rule does not stop saving)", got)
	}
	st := e.grid.Status("HH_POOR")
	if st.Kind != widgets.StatusWarning || !strings.Contains(st.Text, "Số hộ nghèo không vượt quá tổng số hộ") {
		t.Errorf("status = %+v, want a warning naming the rule", st)
	}
	markup := test.RenderToMarkup(e.s.win.Canvas())
	if !strings.Contains(markup, "Số hộ nghèo không vượt quá tổng số hộ") {
		t.Error("the broken rule is not listed")
	}
}

func TestEntry_Disaggregated(t *testing.T) {
	e := newTestEntry(t, "GIAM_NGHEO", "QN_BACHE_03", "2024")
	if e.grid.ValueCell("HOUSE_SUPPORT") != nil {
		t.Fatal("the total of a disaggregated element can be typed into")
	}
	e.typeValue(t, "HOUSE_SUPPORT.NEW", "3", "HOUSE_SUPPORT.REPAIR")
	e.typeValue(t, "HOUSE_SUPPORT.REPAIR", "4", "HOUSE_SUPPORT.NEW")
	if r, _ := e.grid.Row("HOUSE_SUPPORT"); r.Value != "7" || !r.Computed {
		t.Errorf("total = %+v, want 7 computed", r)
	}
	if v := e.stored(t, "HOUSE_SUPPORT.REPAIR"); v.Value != "4" {
		t.Errorf("REPAIR = %+v", v)
	}
}

func TestEntry_UnusualAsksComment(t *testing.T) {
	e := newTestEntry(t, "KTXH_XA", "QN_BACHE_03", "2024")
	// 2023 holds about 490 households: 2.000 is a jump of several hundred percent.
	e.typeValue(t, "HH_TOTAL", "2.000", "HH_ELEC")
	if e.ask == nil {
		t.Fatal("a big jump did not ask for a comment")
	}
	// Cancel: not saved, the text stays.
	e.ask.Hide() // the dismiss button's effect
	if got := e.stored(t, "HH_TOTAL").Value; got != "" {
		t.Errorf("cancelled value saved: %q", got)
	}
	if st := e.grid.Status("HH_TOTAL"); st.Kind != widgets.StatusPending {
		t.Errorf("status after cancel = %+v, want pending", st)
	}
	if r, _ := e.grid.Row("HH_TOTAL"); r.Value != "2.000" {
		t.Errorf("cell after cancel = %q, want the text typed", r.Value)
	}

	// Leaving the cell again asks again; a comment and the flag save all.
	c := e.s.win.Canvas()
	c.Focus(e.grid.ValueCell("HH_TOTAL"))
	c.Focus(e.grid.ValueCell("HH_ELEC"))
	if e.ask == nil {
		t.Fatal("leaving a pending value did not ask again")
	}
	comment := c.Focused().(*widget.Entry)
	test.Type(comment, "sáp nhập thôn")
	var follow *widget.Check
	for _, o := range test.LaidOutObjects(c.Overlays().Top()) {
		if ch, ok := o.(*widget.Check); ok {
			follow = ch
		}
	}
	if follow == nil {
		t.Fatal("no follow-up check in the dialog")
	}
	test.Tap(follow)
	e.ask.Submit()
	v := e.stored(t, "HH_TOTAL")
	if v.Value != "2000" || v.Comment != "sáp nhập thôn" || !v.FollowUp {
		t.Errorf("stored %+v, want 2000 with the comment and the flag", v)
	}
	if r, _ := e.grid.Row("HH_TOTAL"); r.Comment != "sáp nhập thôn" || !r.FollowUp {
		t.Errorf("row = %+v, want the comment and the flag shown", r)
	}
	// Outside the usual range of INC_PC (5–300) asks too.
	e.typeValue(t, "INC_PC", "400", "HH_ELEC")
	if e.ask == nil {
		t.Error("a value outside the usual range did not ask for a comment")
	}
}

func TestEntry_HistoryRestore(t *testing.T) {
	e := newTestEntry(t, "KTXH_XA", "QN_BACHE_03", "2024")
	e.typeValue(t, "HH_TOTAL", "500", "HH_ELEC")
	e.typeValue(t, "HH_TOTAL", "505", "HH_ELEC")
	test.Tap(e.grid.HistoryButton("HH_TOTAL"))
	h := e.shownHistory
	if h == nil || len(h.entries) != 2 {
		t.Fatalf("history = %+v, want 2 changes", h)
	}
	markup := test.RenderToMarkup(e.s.win.Canvas())
	for _, want := range []string{"– → 500", "500 → 505", "Khôi phục"} {
		if !strings.Contains(markup, want) {
			t.Errorf("the history does not show %q", want)
		}
	}
	if h.restores[1] != nil {
		t.Error("the current value can be restored")
	}
	test.Tap(h.restores[0])
	if h.confirm == nil {
		t.Fatal("restoring did not ask to confirm")
	}
	h.confirm.Confirm()
	if got := e.stored(t, "HH_TOTAL").Value; got != "500" {
		t.Errorf("after restoring the database holds %q, want 500", got)
	}
	if r, _ := e.grid.Row("HH_TOTAL"); r.Value != "500" {
		t.Errorf("after restoring the cell shows %q", r.Value)
	}
	hist, _ := e.s.st.History(context.Background(), "HH_TOTAL", "QN_BACHE_03", "2024", "")
	if len(hist) != 3 {
		t.Errorf("audit has %d changes, want 3 (the restore is a new change)", len(hist))
	}
}

func TestEntry_DefaultPeriod(t *testing.T) {
	s := newTestSession(t, openDemo(t))
	e := newEntryForm(s)
	e.tree.Select("QN_BACHE_03")
	// Xã Đồn Đạc ended on 30/6/2025: its last year is 2024.
	if e.per.String() != "2024" {
		t.Errorf("default period for QN_BACHE_03 = %s, want 2024, its latest with values", e.per)
	}
	if len(e.periodSel.Options) == 0 || e.periodSel.Selected != "Năm 2024" {
		t.Errorf("period selector shows %q", e.periodSel.Selected)
	}
	if r, _ := e.grid.Row("HH_TOTAL"); r.Value == "" || r.Previous == "" {
		t.Errorf("HH_TOTAL 2024 = %+v, want the stored value and 2023's", r)
	}
}

func TestEntry_Markup(t *testing.T) {
	e := newTestEntry(t, "KTXH_XA", "QN_BACHE_03", "2024")
	e.typeValue(t, "HH_TOTAL", "500", "HH_ELEC")
	e.typeValue(t, "INC_PC", "abc", "HH_ELEC")
	e.s.win.Canvas().Focus(nil)
	test.AssertRendersToMarkup(t, "entry_screen.xml", e.s.win.Canvas())
}

// TestEntryScreenshot writes the entry screen at 1280×800 in the light theme
// to $CHISO_ENTRY_SCREENSHOT (skipped when unset).
func TestEntryScreenshot(t *testing.T) {
	out := os.Getenv("CHISO_ENTRY_SCREENSHOT")
	if out == "" {
		t.Skip("set CHISO_ENTRY_SCREENSHOT=/tmp/x.png to write a screenshot")
	}
	e := newTestEntry(t, os.Getenv("CHISO_ENTRY_DATASET")+map[bool]string{true: "KTXH_XA"}[os.Getenv("CHISO_ENTRY_DATASET") == ""], "QN_BACHE_03", "2024")
	sh := newShell(e.s, "entry")
	sh.screens["entry"] = e.content
	sh.show("entry")
	e.s.win.SetContent(sh.object())
	test.ApplyTheme(t, theme.LightTheme())
	e.typeValue(t, "HH_TOTAL", "500", "HH_ELEC")
	e.typeValue(t, "HH_ELEC", "abc", "HH_WATER")
	e.typeValue(t, "INC_PC", "97,82", "HH_ELEC")
	e.s.win.Resize(fyne.NewSize(1280, 800))
	capture(t, e.s.win, out)
}

// TestEntry_UndoFromTheWindow presses Ctrl+Z with no cell focused, in the
// main window: the last saved change of the entry screen is undone.
func TestEntry_UndoFromTheWindow(t *testing.T) {
	st := openDemo(t)
	s := newTestMainWindow(t, st)
	if s.undo["entry"] == nil {
		t.Fatal("the entry screen did not register its undo")
	}
	ctx := context.Background()
	for _, v := range []string{"700", "710"} {
		if _, err := st.Save(ctx, store.Change{Element: "HH_TOTAL", Area: "QN_BACHE_03", Period: "2024", Value: v}); err != nil {
			t.Fatal(err)
		}
	}
	// Through the form, so that it is on the undo list: type and leave.
	e := newEntryForm(s)
	s.undo["entry"] = e.undoLast
	e.tree.Select("QN_BACHE_03")
	e.choosePeriodLabel(t, "Năm 2024")
	e.typeValue(t, "HH_TOTAL", "720", "HH_ELEC")
	s.win.Canvas().Unfocus()
	// The window's shortcut handler, as the driver calls it for Ctrl+Z when
	// no focused widget takes the shortcut.
	s.win.Canvas().(fyne.Shortcutable).TypedShortcut(&fyne.ShortcutUndo{})
	if got := e.stored(t, "HH_TOTAL").Value; got != "710" {
		t.Errorf("after Ctrl+Z in the window the database holds %q, want 710", got)
	}
}

func TestEntry_RefusesAreasOutsideTheOffice(t *testing.T) {
	e := newTestEntry(t, "KTXH_XA", "QN_BACHE_03", "2024")
	ctx := context.Background()
	prov, err := store.Open(filepath.Join(t.TempDir(), "province.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer prov.Close()
	cat, err := defaults.DemoCatalog()
	if err != nil {
		t.Fatal(err)
	}
	if err := prov.SaveCatalog(ctx, cat); err != nil {
		t.Fatal(err)
	}
	makeProvince(t, prov)
	file := issueOffice(t, prov, "UBND xã Đồn Đạc", "QN_BACHE_02")
	if _, err := replica.LoadOfficeFile(ctx, e.s.st, file); err != nil {
		t.Fatal(err)
	}
	before := e.stored(t, "HH_TOTAL").Value
	e.typeValue(t, "HH_TOTAL", "520", "HH_ELEC")
	if st := e.grid.Status("HH_TOTAL"); st.Kind != widgets.StatusInvalid || !strings.Contains(st.Text, "UBND xã Đồn Đạc không được ghi số liệu của địa bàn này") {
		t.Fatalf("a value outside the office's areas: status %+v", st)
	}
	if got := e.stored(t, "HH_TOTAL").Value; got != before {
		t.Fatalf("the refused value was saved: %q", got)
	}
	e.tree.Select("QN_BACHE_02")
	e.typeValue(t, "HH_TOTAL", "520", "HH_ELEC")
	if got := e.stored(t, "HH_TOTAL").Value; got != "520" {
		t.Fatalf("the office's own area: stored %q, status %+v", got, e.grid.Status("HH_TOTAL"))
	}
}

// TestEntry_OffersOnlyPeriodsTheAreaExistsIn: Xã Đồn Đạc exists from
// 01/01/2020 to 30/06/2025, so its form offers the years 2020 to 2024 only;
// a year chosen for the province that the commune does not have gives way
// to the commune's latest year with values.
func TestEntry_OffersOnlyPeriodsTheAreaExistsIn(t *testing.T) {
	e := newTestEntry(t, "KTXH_XA", "QN", "2026")
	if !slices.Contains(e.periodSel.Options, "Năm 2027") || !slices.Contains(e.periodSel.Options, "Năm 2011") {
		t.Errorf("the province is offered %v", e.periodSel.Options)
	}
	e.tree.Select("QN_BACHE_03")
	if want := []string{"Năm 2024", "Năm 2023", "Năm 2022", "Năm 2021", "Năm 2020"}; !slices.Equal(e.periodSel.Options, want) {
		t.Errorf("Xã Đồn Đạc is offered %v, want %v", e.periodSel.Options, want)
	}
	if e.per.String() != "2023" || e.periodSel.Selected != "Năm 2023" || !strings.Contains(e.heading.Text, "Năm 2023") {
		t.Errorf("after choosing Xã Đồn Đạc with 2026 chosen: period %s, selector %q, heading %q", e.per, e.periodSel.Selected, e.heading.Text)
	}
	e.choosePeriodLabel(t, "Năm 2021")
	e.tree.Select("QN_BACHE")
	if e.per.String() != "2021" {
		t.Errorf("a year chosen that the district has too was not kept: %s", e.per)
	}
}

// TestEntry_RefusesValuesOutsideTheAreaDates: when the official dates of
// an area change under an open form (a new catalog), typing, undoing and
// restoring from the history are all refused by the store, and the cell
// says why, with the area's dates.
func TestEntry_RefusesValuesOutsideTheAreaDates(t *testing.T) {
	e := newTestEntry(t, "KTXH_XA", "QN_BACHE_03", "2024")
	e.typeValue(t, "HH_TOTAL", "500", "HH_ELEC")
	e.typeValue(t, "HH_TOTAL", "505", "HH_ELEC")
	ctx := context.Background()
	cat, err := e.s.st.Catalog(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for i := range cat.Areas {
		if cat.Areas[i].Code == "QN_BACHE_03" {
			cat.Areas[i].ValidTo = "2023-12-31"
		}
	}
	if err := e.s.st.SaveCatalog(ctx, cat); err != nil {
		t.Fatal(err)
	}
	const why = "Xã Đồn Đạc (QN_BACHE_03) không còn trong kỳ Năm 2024 (chỉ có đến 31/12/2023)"
	refused := func(how string) {
		t.Helper()
		if st := e.grid.Status("HH_TOTAL"); st.Kind != widgets.StatusInvalid || !strings.Contains(st.Text, why) {
			t.Errorf("%s: status %+v, want %q", how, st, why)
		}
		if got := e.stored(t, "HH_TOTAL").Value; got != "505" {
			t.Errorf("%s: the database holds %q, want 505", how, got)
		}
	}
	e.typeValue(t, "HH_TOTAL", "510", "HH_ELEC")
	refused("typing")
	e.undoLast()
	refused("undo")
	test.Tap(e.grid.HistoryButton("HH_TOTAL"))
	e.shownHistory.confirm = nil
	test.Tap(e.shownHistory.restores[0])
	e.shownHistory.confirm.Confirm()
	refused("restore")
}
