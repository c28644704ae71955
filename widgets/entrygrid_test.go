package widgets

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
)

func gridRows() []EntryRow {
	return []EntryRow{
		{Key: "HH_TOTAL", Name: "Tổng số hộ dân cư", Unit: "hộ", Previous: "483", Value: "490"},
		{Key: "HOUSE", Name: "Nhà ở được hỗ trợ", Unit: "căn", Value: "5", Computed: true},
		{Key: "HOUSE.NEW", Name: "Xây mới", Unit: "căn", Part: true, Value: "3"},
		{Key: "HOUSE.REPAIR", Name: "Sửa chữa", Unit: "căn", Part: true, Value: "2", Comment: "ghi chú", FollowUp: true},
	}
}

type gridLog struct {
	commits, comments []string
	flags             []bool
	undos             int
	history           []string
}

func newTestGrid(t *testing.T) (*EntryGrid, fyne.Window, *gridLog) {
	t.Helper()
	test.NewTempApp(t)
	g := NewEntryGrid(gridRows())
	w := test.NewTempWindow(t, g)
	w.Resize(fyne.NewSize(1100, 400))
	log := &gridLog{}
	g.OnCommit = func(key, text string) { log.commits = append(log.commits, key+"="+text) }
	g.OnComment = func(key, text string) { log.comments = append(log.comments, key+"="+text) }
	g.OnFollowUp = func(key string, on bool) { log.flags = append(log.flags, on) }
	g.OnUndo = func() { log.undos++ }
	g.OnHistory = func(key string) { log.history = append(log.history, key) }
	return g, w, log
}

func TestEntryGrid_CommitOnLeave(t *testing.T) {
	g, w, log := newTestGrid(t)
	c := w.Canvas()
	if g.ValueCell("HOUSE") != nil {
		t.Error("a computed row has a value cell")
	}
	cell := g.ValueCell("HH_TOTAL")
	c.Focus(cell)
	c.Focus(g.ValueCell("HOUSE.NEW")) // left unchanged: no commit
	if len(log.commits) != 0 {
		t.Fatalf("commits after leaving an unchanged cell: %v", log.commits)
	}
	c.Focus(cell)
	test.Type(cell, "1")
	c.Focus(g.ValueCell("HOUSE.NEW"))
	if len(log.commits) != 1 || log.commits[0] != "HH_TOTAL=1490" {
		t.Fatalf("commits = %v, want [HH_TOTAL=1490]", log.commits)
	}
	// Refused: committed again on leaving, even unchanged.
	g.SetStatus("HH_TOTAL", Status{Kind: StatusInvalid, Text: "quá lớn"})
	if s := g.Status("HH_TOTAL"); s.Kind != StatusInvalid || s.Text != "quá lớn" {
		t.Errorf("status = %+v", s)
	}
	if r, _ := g.Row("HH_TOTAL"); r.Value != "1490" {
		t.Errorf("a refused cell shows %q, want the text typed", r.Value)
	}
	c.Focus(cell)
	c.Focus(g.ValueCell("HOUSE.NEW"))
	if len(log.commits) != 2 {
		t.Errorf("a refused value was not committed again: %v", log.commits)
	}
	// SetValue does not commit, and the text set counts as committed.
	g.SetValue("HH_TOTAL", "12")
	c.Focus(cell)
	c.Focus(g.ValueCell("HOUSE.NEW"))
	if len(log.commits) != 2 {
		t.Errorf("SetValue led to a commit: %v", log.commits)
	}
	g.SetValue("HOUSE", "7")
	if r, _ := g.Row("HOUSE"); r.Value != "7" {
		t.Errorf("total = %q, want 7", r.Value)
	}
}

func TestEntryGrid_EnterMovesOn(t *testing.T) {
	g, w, log := newTestGrid(t)
	c := w.Canvas()
	cell := g.ValueCell("HH_TOTAL")
	c.Focus(cell)
	test.Type(cell, "5")
	cell.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if len(log.commits) != 1 {
		t.Fatalf("Enter did not commit: %v", log.commits)
	}
	if c.Focused() != g.ValueCell("HOUSE.NEW") { // the computed total is skipped
		t.Errorf("focus after Enter = %v, want the HOUSE.NEW cell", c.Focused())
	}
	// Enter on a refused value stays.
	next := g.ValueCell("HOUSE.NEW")
	test.Type(next, "x")
	g.OnCommit = func(key, _ string) { g.SetStatus(key, Status{Kind: StatusInvalid, Text: "không phải số"}) }
	next.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEnter})
	if c.Focused() != next {
		t.Error("Enter on a refused value moved on")
	}
}

func TestEntryGrid_UndoCommentFlagHistory(t *testing.T) {
	g, w, log := newTestGrid(t)
	c := w.Canvas()
	cell := g.ValueCell("HH_TOTAL")
	c.Focus(cell)
	cell.TypedShortcut(&fyne.ShortcutUndo{})
	cell.TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyZ, Modifier: fyne.KeyModifierShortcutDefault})
	if log.undos != 2 {
		t.Errorf("undos = %d, want 2", log.undos)
	}
	test.Type(cell, "9")
	cell.TypedShortcut(&fyne.ShortcutUndo{}) // undoes the typing, not a saved change
	if log.undos != 2 {
		t.Errorf("Ctrl+Z while typing called OnUndo")
	}

	note := g.CommentCell("HH_TOTAL")
	c.Focus(note)
	test.Type(note, "điều tra lại")
	c.Focus(cell)
	if len(log.comments) != 1 || log.comments[0] != "HH_TOTAL=điều tra lại" {
		t.Errorf("comments = %v", log.comments)
	}
	test.Tap(g.FollowUpCheck("HH_TOTAL"))
	g.SetFollowUp("HH_TOTAL", false) // not reported
	if len(log.flags) != 1 || !log.flags[0] {
		t.Errorf("flags = %v, want [true]", log.flags)
	}
	if r, _ := g.Row("HOUSE.REPAIR"); !r.FollowUp || r.Comment != "ghi chú" {
		t.Errorf("HOUSE.REPAIR = %+v", r)
	}
	test.Tap(g.HistoryButton("HOUSE.NEW"))
	if len(log.history) != 1 || log.history[0] != "HOUSE.NEW" {
		t.Errorf("history = %v", log.history)
	}
	g.SetChange("HH_TOTAL", "+1,4")
	if r, _ := g.Row("HH_TOTAL"); r.Change != "+1,4" {
		t.Errorf("change = %q", r.Change)
	}
}

func TestEntryGrid_Markup(t *testing.T) {
	g, w, _ := newTestGrid(t)
	g.SetStatus("HH_TOTAL", Status{Kind: StatusSaved})
	g.SetStatus("HOUSE.NEW", Status{Kind: StatusInvalid, Text: "\"abc\" không phải là số"})
	test.AssertRendersToMarkup(t, "entrygrid.xml", w.Canvas())
}

func TestEntryGrid_ReadOnly(t *testing.T) {
	test.NewTempApp(t)
	g := NewEntryGrid(gridRows())
	g.SetReadOnly(true)
	for _, key := range []string{"HH_TOTAL", "HOUSE.NEW"} {
		if !g.ValueCell(key).Disabled() || !g.CommentCell(key).Disabled() || !g.FollowUpCheck(key).Disabled() {
			t.Errorf("%s: cells still open in a read-only grid", key)
		}
		if g.HistoryButton(key).Disabled() {
			t.Errorf("%s: the history is closed too", key)
		}
	}
	// Rows set later stay read-only until it is turned off.
	g.SetRows(gridRows())
	if !g.ValueCell("HH_TOTAL").Disabled() {
		t.Error("new rows are open")
	}
	g.SetReadOnly(false)
	if g.ValueCell("HH_TOTAL").Disabled() || g.CommentCell("HH_TOTAL").Disabled() {
		t.Error("cells stay closed after SetReadOnly(false)")
	}
}

// TestEntryGrid_FormerAreas: the column of what the former areas reported
// shows only when a row has it, under the title given, lined up with the
// header, the name column giving it room; without it the columns are as
// they were.
func TestEntryGrid_FormerAreas(t *testing.T) {
	g, w, _ := newTestGrid(t)
	previousX := func() float32 { return g.header.Objects[gcPrevious].Position().X }
	before := previousX()
	if g.header.Objects[gcBefore].Visible() {
		t.Error("the former areas' column shows without values")
	}
	rows := gridRows()
	rows[0].Before = "6.030"
	g.SetTitles("Kỳ trước\n(tính theo địa giới mới)", "Đơn vị cũ, đến hết\nQuý II/2025")
	g.SetRows(rows)
	w.Resize(fyne.NewSize(1100, 401))
	h := g.header.Objects[gcBefore].(interface{ Visible() bool })
	if !h.Visible() || previousX() >= before {
		t.Fatalf("former areas' column shown %v; previous column at %v, was %v", h.Visible(), previousX(), before)
	}
	cell := g.byKey["HH_TOTAL"].before
	if cell.Text != "6.030" || cell.Position().X != g.header.Objects[gcBefore].Position().X {
		t.Errorf("cell %q at %v, header at %v", cell.Text, cell.Position().X, g.header.Objects[gcBefore].Position().X)
	}
	if g.header.Objects[gcBefore].Size().Width < fyne.MeasureText("Đơn vị cũ, đến hết", 14, fyne.TextStyle{Bold: true}).Width {
		t.Errorf("the title is cut: column %v wide", g.header.Objects[gcBefore].Size().Width)
	}
	g.SetTitles("", "")
	g.SetRows(gridRows())
	w.Resize(fyne.NewSize(1100, 400))
	if g.header.Objects[gcBefore].Visible() || previousX() != before {
		t.Errorf("back to no former areas: previous column at %v, want %v", previousX(), before)
	}
}
