package widgets

import (
	"fmt"
	"strconv"
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
	cell := g.shown(g.byKey["HH_TOTAL"]).before
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

// manyRows is a form of n elements, every fifth with a long name.
func manyRows(n int) []EntryRow {
	rows := make([]EntryRow, n)
	for i := range rows {
		name := fmt.Sprintf("Chỉ tiêu số %d", i)
		if i%5 == 0 {
			name += " có tên dài, viết trên hai dòng khi cột hẹp: số hộ nghèo theo chuẩn nghèo đa chiều"
		}
		rows[i] = EntryRow{Key: fmt.Sprintf("K%03d", i), Name: name, Unit: "hộ", Previous: strconv.Itoa(1000 + i), Value: strconv.Itoa(2000 + i)}
	}
	return rows
}

// cellsMade counts the value cells that exist (shown or kept for reuse).
func cellsMade(g *EntryGrid) int { return len(g.views) + len(g.free) }

// TestEntryGrid_Recycles: a long form makes widgets only for the rows in
// view; text typed and not committed, the focus and a row's error mark stay
// with their row while the form scrolls and its widgets show other rows;
// Enter goes on to the next row even when it was not in view.
func TestEntryGrid_Recycles(t *testing.T) {
	test.NewTempApp(t)
	g := NewEntryGrid(manyRows(200))
	w := test.NewTempWindow(t, g)
	w.Resize(fyne.NewSize(1100, 500))
	var commits []string
	g.OnCommit = func(key, text string) { commits = append(commits, key+"="+text) }
	if n := cellsMade(g); n == 0 || n > 30 {
		t.Fatalf("%d rows have widgets for a view of about 12", n)
	}
	c := w.Canvas()

	// Type in the first cell, mark an error on row 3, then scroll to the end.
	first := g.ValueCell("K000")
	c.Focus(first)
	test.Type(first, "9")
	g.SetStatus("K003", Status{Kind: StatusInvalid, Text: "không phải là số"})
	last := g.ValueCell("K199") // scrolls to it
	if g.scroll.Offset.Y == 0 || last == nil || last == first {
		t.Fatalf("the last row is not shown by its own cell (offset %v)", g.scroll.Offset)
	}
	if r := g.byKey["K000"]; r.view == nil || r.view.value != first || c.Focused() != first {
		t.Fatal("the focused row lost its widgets when the form scrolled")
	}
	if n := cellsMade(g); n > 40 {
		t.Errorf("%d rows have widgets after scrolling", n)
	}
	for _, v := range g.views {
		if v.row.index > 10 && v.row.index < 150 {
			t.Errorf("row %d still has widgets, far from view", v.row.index)
		}
	}
	if r, _ := g.Row("K000"); r.Value != "92000" {
		t.Errorf("row 0 reads %q, want the text typed", r.Value)
	}
	if len(commits) != 0 {
		t.Fatalf("scrolling committed %v", commits)
	}

	// Back to the top: the typed text and the error mark are shown again.
	g.scroll.ScrollToOffset(fyne.Position{})
	g.showRows()
	if got := g.ValueCell("K000").Text; got != "92000" {
		t.Errorf("row 0 shows %q after scrolling back", got)
	}
	if v := g.byKey["K003"].view; v == nil || !v.detail.Visible() || v.detail.Text != "không phải là số" || !v.statusIcon.Visible() {
		t.Error("row 3 lost its error mark when its widgets were reused")
	}

	// Enter goes down the form, scrolling (row 3 is no longer refused:
	// Enter would stay there).
	g.SetStatus("K003", Status{})
	c.Focus(g.ValueCell("K000"))
	g.ValueCell("K000").TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if len(commits) != 1 || commits[0] != "K000=92000" {
		t.Fatalf("commits = %v", commits)
	}
	commits = nil
	for i := 1; i < 30; i++ {
		cur, ok := c.Focused().(*GridEntry)
		if !ok || cur.view.row.index != i {
			t.Fatalf("after %d Enter, the focus is on %v", i, c.Focused())
		}
		cur.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	}
	if g.scroll.Offset.Y == 0 {
		t.Error("Enter down the form did not scroll")
	}
	if len(commits) != 1 || commits[0] != "K003=2003" { // committed again: it was refused
		t.Errorf("commits going down = %v, want only the refused row's", commits)
	}
	if r := g.byKey["K030"]; r.view == nil || r.y+r.height > g.scroll.Offset.Y+g.scroll.Size().Height+1 || r.y < g.scroll.Offset.Y {
		t.Errorf("the focused row 30 is not in view (y %v, offset %v)", r.y, g.scroll.Offset.Y)
	}
}

// TestEntryGrid_TitlesFollowColumns: the titles line up with the cells
// after the rows change the columns' widths.
func TestEntryGrid_TitlesFollowColumns(t *testing.T) {
	test.NewTempApp(t)
	g := NewEntryGrid(nil)
	w := test.NewTempWindow(t, g)
	w.Resize(fyne.NewSize(1100, 400))
	rows := manyRows(5)
	rows[1].Unit = "triệu đồng/người/năm"
	g.SetRows(rows)
	v := g.byKey["K001"].view
	title := g.header.Objects[gcUnit]
	cell := v.unit
	if tx, cx := title.Position().X, cell.Position().X; tx != cx || title.Size().Width != cell.Size().Width {
		t.Errorf("unit title at %v (%v wide), cells at %v (%v wide)", tx, title.Size().Width, cx, cell.Size().Width)
	}
}
